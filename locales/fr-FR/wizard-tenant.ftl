# Wizard pages of the 5.7.64 diagnosis and the error explainer.
# Pages de l'assistant : diagnostic de l'erreur 5.7.64 et explication des messages d'erreur.

## Choix de la page d'accueil et noms des pages
ui-start-tenant = Diagnostiquer l'erreur 550 5.7.64
ui-start-tenant-help = Votre serveur Exchange local relaie le courrier par Microsoft 365 et reçoit « 550 5.7.64 TenantAttribution; Relay Access Denied ». Compare le certificat que le serveur envoie réellement (d'après ses journaux de protocole, un fichier ou une connexion directe) avec le connecteur entrant.
ui-start-explain = Expliquer un message d'erreur
ui-start-explain-help = Collez un rapport de non-remise ou une réponse SMTP : ce que signifie le code, comment corriger, et quel assistant peut aider.
ui-page-tenant-inbound = Connecteur entrant
ui-page-tenant-source = Source du certificat
ui-page-tenant-run = Diagnostic
ui-page-tenant-results = Constats
ui-page-explain = Expliquer une erreur

## Page du connecteur entrant
ui-tenant-inbound-title = Le connecteur entrant dans Microsoft 365
ui-tenant-inbound-intro = Le connecteur qui reçoit le courrier relayé par votre serveur local. Saisissez ses paramètres ou importez-les depuis PowerShell.
ui-tenant-import-connector = Importer depuis Get-InboundConnector (JSON)
ui-tenant-import-connector-help = Dans Exchange Online PowerShell, exécutez cette commande et collez sa sortie ci-dessous, ou enregistrez-la dans un fichier et ouvrez ce fichier.
ui-tenant-import-connector-paste = Sortie de Get-InboundConnector
ui-tenant-import-pasted = Importer le texte collé
ui-tenant-import-file = Ouvrir un fichier JSON…
ui-tenant-import-connector-done = Connecteur « { $name } » importé. Vérifiez les champs ci-dessous.
ui-tenant-connector-name = Nom du connecteur (facultatif)
ui-tenant-connector-name-hint = Entrant depuis le serveur local
ui-tenant-tls-name = Nom de certificat attendu par le connecteur
ui-tenant-tls-name-help = Le connecteur reconnaît votre serveur à ce nom dans le certificat qu'il envoie (objet ou autre nom). *.contoso.com accepte tout nom sous contoso.com ; mail.contoso.com exige exactement ce nom.
ui-tenant-tls-name-cn = Compris comme { $name } (le nom commun de l'objet, dans la forme émetteur et objet).
ui-tenant-sender-ips = Adresses IP d'envoi (une par ligne)
ui-tenant-sender-ips-help = Adresses publiques ou plages (CIDR) d'où votre serveur envoie. Laissez vide si le connecteur reconnaît le serveur uniquement par son certificat.
ui-tenant-ip-ok = Correct : { $network }
ui-tenant-connector-type = Type de connecteur
ui-tenant-type-onprem = Depuis le serveur de messagerie de votre organisation
ui-tenant-type-partner = Depuis une organisation partenaire
ui-tenant-type-imported = Le connecteur importé indique : { $type }
ui-tenant-require-tls = Refuser le courrier qui n'est pas envoyé par TLS
ui-tenant-restrict-domains = Refuser le courrier dont le domaine de l'expéditeur ne correspond pas au certificat
ui-tenant-enabled = Le connecteur est activé
ui-tenant-mail-title = Le message refusé
ui-tenant-mail-help = Facultatif, mais chaque champ permet au diagnostic de vérifier une cause de plus.
ui-tenant-sender-domain = Domaine de l'expéditeur
ui-tenant-sending-ip = Adresse IP publique d'où le serveur envoie
ui-tenant-sending-ip-help = Telle que Microsoft 365 la voit, après une éventuelle traduction d'adresses. Sans elle, ce sont les adresses trouvées dans les journaux qui servent.
ui-tenant-accepted-domains = Domaines acceptés du locataire
ui-tenant-accepted-domains-help = Séparés par des virgules, des espaces ou des retours à la ligne. Le domaine de l'expéditeur et celui du certificat doivent en faire partie (sinon la réponse porte ATTR36, parfois écrit ATT36).
ui-tenant-import-domains = Importer depuis Get-AcceptedDomain (JSON)
ui-tenant-import-domains-paste = Sortie de Get-AcceptedDomain
ui-tenant-import-pasted-domains = Ajouter les domaines collés
ui-tenant-import-file-domains = Ouvrir un fichier JSON de domaines…
ui-tenant-import-domains-done = { $count } { $count ->
    [one] domaine ajouté
   *[other] domaines ajoutés
}.

## Page de la source du certificat
ui-tenant-source-title = Où lire le certificat envoyé par votre serveur
ui-tenant-source-intro = Les journaux de protocole montrent le certificat réellement envoyé à chaque session, et quand il a changé : ce sont les meilleures preuves.
ui-tenant-source-logs = Journaux de protocole SMTP d'envoi (recommandé)
ui-tenant-source-file = Un fichier de certificat (.cer, .crt, .pem, .der)
ui-tenant-source-live = Une connexion directe au serveur (STARTTLS depuis cet ordinateur)
ui-tenant-logs = Fichiers ou dossiers de journaux
ui-tenant-logs-hint = Un chemin par ligne, par exemple C:\Program Files\Microsoft\Exchange Server\V15\TransportRoles\Logs\Hub\ProtocolLog\SmtpSend
ui-tenant-logs-add-files = Ajouter des fichiers…
ui-tenant-logs-add-folder = Ajouter un dossier…
ui-tenant-logs-help = Un dossier est lu en entier, fichier après fichier ; un gros dossier demande quelques secondes.
ui-tenant-send-connector = Nom du connecteur d'envoi
ui-tenant-send-connector-help = Seules les sessions de ce connecteur d'envoi sont lues (celui qui relaie vers Microsoft 365). Laissez vide pour toutes les lire.
ui-tenant-send-connector-placeholder = nom du connecteur d'envoi
ui-tenant-logs-where = Où sont les journaux ?
ui-tenant-logs-where-help = Sur le serveur Exchange, cette commande donne le dossier de chaque serveur de transport (SendProtocolLogPath) :
ui-tenant-logs-enable = Journaux vides ou absents ?
ui-tenant-logs-enable-help = La journalisation du protocole doit être activée sur le connecteur d'envoi. Activez-la, envoyez un message, puis relisez les journaux :
ui-tenant-cert-file = Fichier de certificat
ui-tenant-cert-file-help = Le certificat que le serveur devrait envoyer, exporté depuis le serveur Exchange. Un fichier montre le nom et la validité, mais pas si le serveur l'envoie vraiment.
ui-tenant-live-host = Serveur (hôte ou hôte:port)
ui-tenant-live-help = Se connecte depuis cet ordinateur au port du serveur et lit le certificat qu'il présente après STARTTLS. Un pare-feu peut répondre à cet ordinateur autrement qu'à Microsoft 365.

## Ce qui empêche le diagnostic
ui-tenant-problems-title = Le diagnostic ne peut pas encore démarrer :

## Diagnostic en cours
ui-tenant-run = Lancer le diagnostic
ui-tenant-nav-keys = Entrée lance le diagnostic · Échap revient en arrière
ui-tenant-run-title = Diagnostic en cours…
ui-tenant-run-logs = Lecture des journaux de protocole :
ui-tenant-run-file = Lecture du fichier de certificat { $path }
ui-tenant-run-live = Connexion à { $host } pour lire son certificat…
ui-tenant-run-help = Annuler arrête l'attente et conserve tout ce que vous avez saisi.
ui-tenant-cancelled = Le diagnostic a été annulé ; rien n'a été évalué.

## Résultats
ui-tenant-results-title = Diagnostic de l'erreur 550 5.7.64
ui-tenant-change-at = Changement le { $at }
ui-tenant-change-from = Avant
ui-tenant-change-to = Après
ui-tenant-change-from-last = Dernier envoi de l'ancien certificat
ui-tenant-all-certificates = Tous les certificats envoyés par le serveur ({ $count })
ui-tenant-warnings = Problèmes dans les fichiers de journaux ({ $count }) ; le reste a été lu
ui-tenant-failed = Le diagnostic n'a pas pu utiliser les données saisies
ui-tenant-failed-field = Champ : { $field }
ui-tenant-failed-help = Revenez en arrière, corrigez ce champ et relancez le diagnostic.
ui-tenant-inputs = Données saisies
ui-tenant-crashed = Le diagnostic s'est arrêté de façon inattendue. Relancez-le ; si cela se reproduit, merci de le signaler.
ui-tenant-export = Exporter le rapport…
ui-tenant-export-file-name = diagnostic-5.7.64.html
ui-tenant-exported = Rapport enregistré : { $path }
ui-tenant-copy-markdown = Copier en Markdown
ui-tenant-copied = Le rapport est dans le presse-papiers, en Markdown.

## Explication des erreurs
ui-explain-title = Expliquer un message d'erreur
ui-explain-intro = Collez un rapport de non-remise (NDR), une ligne de journal ou une réponse SMTP. Chaque code d'état trouvé est expliqué au fil de la saisie.
ui-explain-text = Texte de l'erreur
ui-explain-hint = Par exemple : 550 5.7.64 TenantAttribution; Relay Access Denied
ui-explain-clear = Effacer
ui-explain-empty = Rien à expliquer pour l'instant.
ui-explain-no-code = Aucun code d'état
ui-explain-open-tenant = Ouvrir le diagnostic 5.7.64
ui-explain-open-validation = Ouvrir la validation du connecteur
ui-explain-no-wizard = Aucun assistant de cet outil n'aide pour cette erreur.

## Preuves déjà disponibles pour l'administrateur (issue 10)
ui-tenant-source-evidence = Ce qu'Exchange fournit déjà : un NDR, un suivi des messages, le JSON du connecteur d'envoi et des certificats
ui-tenant-evidence-intro = Fournissez n'importe lesquels de ces éléments ; chacun est lu et analysé. Le JSON du connecteur d'envoi et des certificats permet de prévoir un 5.7.64 avant la mise en service du prochain certificat.
ui-tenant-ndr-files = Fichiers NDR (.eml, un par ligne)
ui-tenant-ndr-files-help = Dans Outlook, ouvrez le rapport de non-remise et enregistrez-le (Fichier, Enregistrer sous) au format .eml.
ui-tenant-ndr-text = Ou collez le texte du NDR
ui-tenant-message-trace = Export du suivi des messages (.csv)
ui-tenant-message-trace-help = Le rapport CSV d'une recherche historique (Centre d'administration Exchange, Flux de courrier, Suivi des messages, ou Start-HistoricalSearch), ou Get-MessageTrace | Export-Csv. Son adresse IP cliente est celle que voit Microsoft 365, après NAT. Choisissez le rapport étendu : il contient la réponse SMTP (5.7.64), contrairement au rapport de synthèse et à Get-MessageTrace.
ui-tenant-send-connector-json = Fichier JSON du connecteur d'envoi
ui-tenant-certificate-json = Fichier JSON des certificats Exchange
ui-tenant-exchange-json-help = Exécutez les deux commandes dans Exchange Management Shell sur le serveur local ; les fichiers peuvent être en UTF-16 (Windows PowerShell) ou en UTF-8.
