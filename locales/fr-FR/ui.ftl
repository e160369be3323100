# ui — textes de l'assistant graphique (src/app). Chaque identifiant existe aussi dans en-US/ui.ftl.

ui-app-title = Connector Doctor
ui-window-error = La fenêtre n'a pas pu s'ouvrir : { $error }
    Sans écran, utilisez la ligne de commande : connector-doctor check --help
ui-runtime-error = Le moteur d'arrière-plan n'a pas pu démarrer : { $error }

## Choix de la langue
ui-lang-label = Langue
ui-lang-en = English
ui-lang-fr = Français

## Pages et indicateur d'étape
ui-page-start = Accueil
ui-page-connector = Connecteur
ui-page-hosts = Hôtes
ui-page-security = Sécurité
ui-page-test-email = Adresse de test
ui-page-run = Exécution
ui-page-results = Résultats
ui-step-indicator = Étape { $current } sur { $total }
ui-step-go-to = Aller à : { $page }

## Navigation
ui-nav-back = Précédent
ui-nav-next = Suivant
ui-nav-run = Lancer les vérifications
ui-nav-rerun = Relancer
ui-nav-cancel = Annuler
ui-nav-keys = Entrée lance les vérifications · Échap revient en arrière

## Accueil
ui-start-title = Vérifier un connecteur de messagerie Microsoft 365
ui-start-intro = Cet assistant refait, depuis cet ordinateur, ce que fait Microsoft 365 quand vous validez un connecteur sortant : il trouve chaque hôte actif, se connecte sur le port 25, dialogue en SMTP, contrôle STARTTLS et le certificat, puis demande au serveur s'il accepte l'adresse de test. Chaque échec est accompagné de la marche à suivre.
ui-start-validate = Valider un connecteur
ui-start-validate-help = Pour un connecteur de Microsoft 365 vers votre propre serveur de messagerie ou vers celui d'un partenaire.
ui-start-vantage = Le test part de cet ordinateur, et non des serveurs de Microsoft : un pare-feu peut traiter les deux différemment.

## Connecteur
ui-connector-title = Le connecteur
ui-connector-name = Nom du connecteur
ui-connector-name-hint = ex. Vers Contoso sur site
ui-connector-direction = Où ce connecteur remet-il le courrier ?
ui-connector-onprem = Au serveur de messagerie de votre organisation
ui-connector-partner = À une organisation partenaire
ui-connector-domains = Domaines destinataires
ui-connector-domains-help = Les domaines pris en charge par ce connecteur, séparés par des virgules : contoso.com (ce domaine seulement), *.contoso.com (contoso.com lui-même et tous ses sous-domaines) ou * (tous les domaines).
ui-connector-domains-hint = contoso.com, *.contoso.com
ui-exchange-name = Dans Exchange : { $name }

## Hôtes
ui-hosts-title = Où le courrier doit-il aller ?
ui-hosts-mode-smart = Remettre à ces hôtes actifs
ui-hosts-mode-mx = Utiliser les enregistrements MX du domaine du destinataire
ui-hosts-mx-help = Chaque serveur de messagerie listé dans les enregistrements MX du domaine de l'adresse de test sera essayé, comme le ferait Microsoft 365.
ui-hosts-help = Un nom, une adresse IPv4 ou IPv6, avec le port s'il n'est pas 25 : mail.contoso.com, 192.0.2.7:2525, [2001:db8::7]. Vous pouvez en coller plusieurs à la fois, séparés par des virgules, des espaces ou des retours à la ligne.
ui-hosts-entry = Hôte { $number }
ui-hosts-remove = Retirer l'hôte { $number }
ui-hosts-add = Ajouter un hôte
ui-hosts-ok = Correct : { $host }, port { $port }

## Sécurité
ui-security-title = Comment la connexion doit-elle être protégée ?
ui-tls-opportunistic = Aucune exigence
ui-tls-opportunistic-help = TLS est utilisé si le serveur le propose ; les problèmes de certificat ne sont que des avertissements.
ui-tls-encryption-only = Chiffrement seul
ui-tls-encryption-only-help = TLS est obligatoire, mais n'importe quel certificat est accepté, même auto-signé ou expiré.
ui-tls-certificate-validation = Certificat approuvé
ui-tls-certificate-validation-help = TLS est obligatoire, et le certificat doit être en cours de validité et émis par une autorité de certification approuvée.
ui-tls-domain-validation = Certificat approuvé pour un nom précis
ui-tls-domain-validation-help = Comme pour un certificat approuvé, et le certificat doit en plus porter le nom indiqué comme domaine TLS.
ui-tls-domain = Domaine TLS
ui-tls-domain-help = Le nom que doit porter le certificat : mail.contoso.com (ce nom, ou un certificat générique *.contoso.com), ou *.contoso.com pour accepter un certificat pour contoso.com lui-même ou pour tout nom en dessous.
ui-tls-domain-hint = mail.contoso.com
ui-ca-file = Autorité de certification supplémentaire à approuver (fichier)
ui-ca-file-help = Facultatif : le certificat PEM ou DER d'une autorité de certification privée à approuver pour ce test.
ui-ca-file-hint = /chemin/vers/ac.pem
ui-ca-file-browse = Parcourir…
ui-ca-file-clear = Effacer
ui-os-trust = Approuver aussi le magasin de certificats de cet ordinateur
ui-os-trust-help = Sinon, seules les autorités de certification publiques reconnues sont approuvées.
ui-machine-options = Options propres à cet ordinateur
ui-dns-server = Serveur DNS
ui-dns-server-help = Facultatif : interroger ce serveur DNS plutôt que celui du système (une adresse IP, ou IP:port).
ui-timeout = Attente maximale pour chaque réponse (secondes)

## Adresse de test
ui-email-title = L'adresse de test
ui-email-address = Adresse de test
ui-email-address-help = Une boîte aux lettres active dans l'un des domaines destinataires du connecteur, comme pour la validation faite par Microsoft 365.
ui-email-address-hint = quelquun@contoso.com
ui-email-mail-from = Expéditeur (MAIL FROM)
ui-email-mail-from-help = Facultatif. S'il reste vide, l'expéditeur nul <> est utilisé, comme pour un rapport de remise.
ui-email-mode-rcpt = Vérifier seulement le destinataire (rien n'est envoyé)
ui-email-mode-rcpt-help = On demande au serveur s'il accepte l'adresse ; la conversation s'arrête avant l'envoi de tout message.
ui-email-mode-send = Envoyer un vrai message de test
ui-email-send-warning = Un court message signalé comme test sera réellement remis à cette boîte aux lettres.

## Problèmes qui empêchent de lancer
ui-problems-title = À corriger avant de lancer les vérifications :

## Exécution
ui-run-title = Vérification en cours…
ui-run-elapsed = Temps écoulé : { $seconds } s
ui-run-starting = Démarrage…
ui-run-running = en cours, { $seconds } s
ui-run-connector-wide = Connecteur entier
ui-run-crashed = La vérification s'est arrêtée de façon inattendue. Relancez-la.

## Résultats
ui-results-title = Résultats
ui-results-pass = Toutes les vérifications ont réussi.
ui-results-warn = Les vérifications ont réussi, avec des avertissements.
ui-results-fail = Au moins une vérification a échoué.
ui-results-cancelled = L'exécution a été annulée : seules les étapes déjà terminées sont affichées.
ui-results-empty = Aucune étape n'a été exécutée.
ui-results-counts = Réussies : { $pass } · Avertissements : { $warn } · Échecs : { $fail } · Ignorées : { $skipped }{ $not_reached ->
    [0] {""}
   *[other] {" "}· Non atteintes : { $not_reached }
} · { $duration }
ui-results-host = Hôte { $host }
ui-results-address = Adresse { $address }
ui-results-resolved = Adresses trouvées : { $addresses }
ui-results-guidance = Que faire
ui-results-reply = Réponse du serveur
ui-results-duration = { $duration }
ui-results-certificate = Détails du certificat
ui-results-transcript = Conversation SMTP
ui-results-chain-entry = Certificat { $number } de la chaîne
ui-results-verification = Contrôles du certificat
ui-cert-subject = Objet
ui-cert-issuer = Émetteur
ui-cert-sans = Autres noms
ui-cert-not-before = Valide à partir du
ui-cert-not-after = Valide jusqu'au
ui-cert-serial = Numéro de série
ui-cert-thumbprint = Empreinte numérique (SHA-1)
ui-cert-self-signed = Auto-signé
ui-cert-protocol = Protocole
ui-cert-cipher = Suite de chiffrement
ui-yes = Oui
ui-no = Non
ui-vantage-title = Ce test a été fait depuis cet ordinateur
ui-vantage-note = Microsoft 365 valide un connecteur depuis ses propres serveurs ; cet outil, lui, se connecte depuis cet ordinateur. Un pare-feu qui n'accepte que les plages d'adresses d'Exchange Online Protection bloquera cet ordinateur tout en laissant passer Microsoft 365 : un échec de connexion ici n'en est donc pas forcément un pour Microsoft 365. Les plages pour SMTP (port TCP 25) sont : { $ranges }. Refaites le test depuis un réseau que le pare-feu accepte, ou vérifiez que le pare-feu accepte bien ces plages.

## Messages
ui-notice-close = Fermer
ui-notice-draft-set-aside = Le formulaire enregistré n'a pas pu être lu. Il a été conservé sous { $path } et l'assistant démarre avec un formulaire vide.
ui-notice-draft-unreadable = Le formulaire enregistré n'a pas pu être ouvert ({ $path }) ; l'assistant démarre avec un formulaire vide.
ui-notice-save-failed = Le formulaire n'a pas pu être enregistré dans { $path }.
ui-notice-no-config-dir = Aucun dossier n'a été trouvé pour conserver le formulaire : il sera oublié à la fermeture.

## Wizard fixes (issue 12): theme, path field instead of a file dialog, Run page, stale results
ui-theme-system = Système
ui-theme-help = Mode clair ou sombre : celui du système, toujours clair ou toujours sombre
ui-theme-light = Clair
ui-theme-dark = Sombre
ui-path-no-dialog = Aucune boîte de dialogue de fichier ne peut s'ouvrir sur ce bureau (pas de portail de sélection de fichiers, pas de zenity). Saisissez plutôt ici le chemin complet du fichier.
ui-path-dialog-closed = La boîte de dialogue de fichier s'est refermée aussitôt (ou ne s'est pas ouverte). Saisissez plutôt ici le chemin complet du fichier.
ui-path-title-ca-file = Fichier de l'autorité de certification à approuver (chemin complet)
ui-path-title-export-report = Enregistrer le rapport sous (chemin complet ; .html, .md ou .json)
ui-path-title-import-connector = Fichier de connecteur à importer (chemin complet)
ui-path-title-export-connector = Enregistrer le connecteur sous (chemin complet, .json)
ui-path-default-folder = Dossier par défaut : { $folder }
ui-path-use = Utiliser ce chemin
ui-path-cancel = Annuler
ui-run-overall = { $done } { $total ->
    [one] hôte terminé
   *[other] hôtes terminés
  } sur { $total } · { $steps } { $steps ->
    [one] étape terminée
   *[other] étapes terminées
  }
ui-run-timeout = Chaque connexion et chaque réponse sont abandonnées après { $seconds } s (réglable dans Sécurité › Options propres à cet ordinateur).
ui-results-stale = Les paramètres ont changé depuis cette exécution : ces résultats correspondent aux anciens paramètres. Relancez les vérifications pour voir les nouveaux.
## Relancer jusqu'à la réussite (pages Exécution/Résultats) et « Vérifier tous les connecteurs enregistrés » (panneau des connecteurs enregistrés)
ui-watch-toggle = Relancer jusqu'à la réussite
ui-watch-every = toutes les
ui-watch-help = Après un échec, la même vérification est relancée au bout de ce nombre de secondes, jusqu'à ce qu'une exécution réussisse. Annuler, Précédent ou cet interrupteur l'arrête. Chaque passe est conservée dans l'historique, et chaque passe après la première affiche « Changements depuis la passe précédente ». La fenêtre clignote dans la barre des tâches quand tout passe au vert.
ui-watch-waiting = Passe { $round } en échec. Prochaine passe dans { $seconds } s.
ui-watch-green = Réussi à la passe { $round }, { $seconds } s après la première passe.
ui-watch-round-running = Passe { $round } de « Relancer jusqu'à la réussite ».
ui-fleet-check-all = Vérifier tous les connecteurs enregistrés
ui-fleet-check-all-help = Vérifie en même temps tous les connecteurs enregistrés, avec le délai d'attente, le serveur DNS et les certificats de confiance du formulaire, et affiche une ligne par connecteur : son résultat et son premier échec. Chaque exécution est conservée dans l'historique.
ui-fleet-running = Vérification des connecteurs enregistrés : { $done } sur { $total } terminés…
ui-fleet-stop = Arrêter
ui-fleet-stopped = Arrêté avant la fin : pas de tableau.
ui-fleet-summary = { $connectors ->
    [one] Un connecteur
   *[other] { $connectors } connecteurs
} — réussis : { $passed }, en échec : { $failed }.
## Sécurité du domaine : DNSSEC et DANE (issue 13)

ui-domain-security = Vérifier aussi la sécurité du domaine (DNSSEC, DANE, MTA-STS)
ui-domain-security-help = Microsoft 365 applique SMTP DANE en sortie : quand le DNS du destinataire est signé (DNSSEC) et publie des enregistrements TLSA pour ses serveurs de messagerie, le certificat doit leur correspondre, sinon le courrier reste en attente (4.7.321 à 4.7.325). Cette option ajoute une étape « Sécurité du domaine » par hôte, qui vérifie les signatures et compare les enregistrements au certificat présenté. Microsoft 365 applique aussi MTA-STS : quand le domaine publie une stratégie en mode enforce, chaque hôte MX doit y figurer et présenter un certificat valide pour son nom (sinon 5.4.8 et 5.7.5) ; l'étape récupère la stratégie, la compare aux hôtes MX et à leurs certificats, et lit l'enregistrement TLS-RPT.

## Page Sécurité : les fichiers de l'étape « Sécurité du domaine »
ui-trust-anchor-file = Ancres de confiance DNSSEC (fichier, facultatif)
ui-trust-anchor-file-hint = /chemin/vers/ancres.txt
ui-trust-anchor-file-help = Uniquement pour un labo ou une zone privée : un fichier texte avec un enregistrement DS ou DNSKEY par ligne (contoso.com. DS 21932 13 2 a1aa…). Les domaines publics sont validés à partir de la racine du DNS, sans ce fichier.
ui-next-certificate-file = Prochain certificat, pour vérifier un renouvellement (fichier, facultatif)
ui-next-certificate-file-hint = /chemin/vers/nouveau-certificat.pem
ui-next-certificate-file-help = Le certificat que vous allez installer (PEM ou DER). L'étape « Sécurité du domaine » indique si les enregistrements TLSA publiés y correspondent déjà, et donne l'enregistrement à publier avant de l'installer.
ui-path-title-trust-anchor = Fichier d'ancres de confiance DNSSEC (chemin complet)
ui-path-title-next-certificate = Fichier du prochain certificat (chemin complet)
