# Validation de connecteur : étapes, états, détails et conseils de correction (français).

## Étapes et états

step-resolve = Résolution
step-connect = Connexion
step-ehlo = SMTP EHLO
step-tls = TLS
step-test-email = Adresse de test

status-pass = Réussi
status-warn = Avertissement
status-fail = Échec
status-skipped = Non exécuté

## Pourquoi un hôte saisi n'est pas utilisable

host-error-empty = L'hôte est vide.
host-error-whitespace = L'hôte contient une espace, un saut de ligne ou un autre caractère invisible.
host-error-bad-port = Le port doit être un nombre de 1 à 65535 (Microsoft 365 utilise toujours le 25).
host-error-bad-ipv6 = Cette adresse IPv6 n'est pas valide. Écrivez-la 2001:db8::25 ou, avec un port, [2001:db8::25]:25.
host-error-too-long = Le nom dépasse les 253 caractères autorisés par le DNS.
host-error-empty-label = Le nom contient deux points à la suite, ou commence ou finit par un point.
host-error-label-too-long = Une partie du nom (entre deux points) dépasse 63 caractères.
host-error-bad-character = Le nom contient un caractère interdit dans un nom d'hôte (seulement lettres, chiffres et tirets).
host-error-hyphen-edge = Une partie du nom commence ou finit par un tiret.
host-error-bad-ipv4 = Cela ressemble à une adresse IPv4, mais elle n'est pas valide (quatre nombres de 0 à 255).
host-error-looks-like-email = Ceci est une adresse de messagerie. Saisissez le nom du serveur de messagerie, par exemple mail.contoso.com.
host-error-looks-like-url = Ceci est une adresse web. Saisissez seulement le nom du serveur, sans http:// ni chemin.

## Pourquoi une adresse saisie n'est pas utilisable

address-error-empty = L'adresse est vide.
address-error-control = L'adresse contient un saut de ligne ou un autre caractère de contrôle ; elle est refusée pour que rien d'inattendu ne parte vers le serveur.
address-error-whitespace = L'adresse contient une espace.
address-error-missing-at = L'adresse n'a pas de @ entre la boîte aux lettres et le domaine.
address-error-several-at = L'adresse contient plus d'un @.
address-error-empty-local = Rien avant le @ : le nom de la boîte aux lettres manque.
address-error-empty-domain = Rien après le @ : le domaine manque.
address-error-dots = Le nom de la boîte aux lettres commence ou finit par un point, ou contient deux points à la suite.
address-error-bad-domain = La partie après le @ n'est pas un nom de domaine valide (il faut au moins un point, par exemple contoso.com).
address-error-too-long = L'adresse dépasse les 254 caractères autorisés par SMTP.
address-error-syntax = L'adresse contient des caractères interdits dans une adresse de messagerie.

## Problèmes de saisie

input-error-ca-file = Le fichier d'autorité de certification { $path } est inutilisable : { $problem }
input-file-too-large = { $path } dépasse la taille maximale acceptée pour cette option ({ $size } { $unit ->
    [kib] Kio
   *[mib] Mio
}).
input-file-not-regular = { $path } est { $kind ->
    [fifo] un tube nommé (FIFO)
    [device] un périphérique
    [directory] un dossier
   *[other] un fichier spécial
} : indiquez un fichier ordinaire de { $size } { $unit ->
    [kib] Kio
   *[mib] Mio
} au plus.
input-file-not-streamable = { $path } est { $kind ->
    [device] un périphérique
    [directory] un dossier
   *[other] un fichier spécial
} : indiquez un fichier journal, un dossier de journaux ou un tube nommé.
input-error-os-trust-store = Aucun certificat n'a pu être lu dans le magasin de confiance du système.
input-error-mx-needs-address = Sans hôte actif, ce sont les enregistrements MX du domaine de l'adresse de test qui servent : saisissez une adresse de test.
input-error-no-smart-host = Ajoutez au moins un hôte actif, ou utilisez les enregistrements MX (UseMXRecord).
input-error-tls-domain-required = La validation du domaine exige un domaine TLS (le nom que doit porter le certificat, par exemple mail.contoso.com ou *.contoso.com).
input-error-dns-server = Le serveur DNS doit être une adresse IP, éventuellement suivie d'un port (192.0.2.53 ou 192.0.2.53:5353).
input-error-timeout = Le délai d'attente doit être compris entre 1 et { $max } secondes.
input-error-nothing-to-check = Rien à vérifier : saisissez au moins un hôte actif, ou une adresse de test pour utiliser les MX de son domaine.

## Détails : résolution

detail-dns-system-config = Impossible de lire la configuration DNS de cet ordinateur : { $error }
detail-resolve-ok = { $count ->
    [one] Une adresse : { $addresses }
   *[other] { $count } adresses : { $addresses }
}
detail-resolve-nxdomain = Le nom { $name } n'existe pas dans le DNS (NXDOMAIN).
detail-resolve-no-records = Le nom { $name } existe mais n'a aucun enregistrement { $record }.
detail-resolve-null-mx = { $name } publie un « MX nul » (RFC 7505) : il déclare n'accepter aucun courrier.
detail-resolve-dns-error = La requête DNS pour { $name } a échoué : { $error }
detail-resolve-private-address = { $name } se résout ici en adresse privée ({ $private } ; toutes : { $addresses }). Microsoft 365 résout ce nom dans le DNS public, depuis Internet, où la réponse peut être différente : c'est la réponse interne qui est testée ici.
detail-resolve-private-literal = { $name } est une adresse privée : cet ordinateur peut la joindre, Microsoft 365 non (il se connecte depuis Internet).
detail-resolve-points-to-microsoft = { $name } est le service de réception de courrier de Microsoft 365 lui-même ({ $why }) : le courrier envoyé par ce connecteur reviendrait dans Microsoft 365, ce qui crée une boucle de messagerie. Rien d'autre n'a été testé.

## Détails : connexion

detail-connect-ok = Connecté à { $address } en { $ms } ms.
detail-connect-refused = { $address } a refusé la connexion : rien n'écoute sur ce port, ou un pare-feu la rejette.
detail-connect-timeout = Aucune réponse de { $address } en { $seconds } s : un pare-feu abandonne probablement la connexion.
detail-connect-unreachable = { $address } est injoignable depuis cet ordinateur ({ $error }).

## Détails : accueil et EHLO

detail-ehlo-ok = Accueil : { $banner } — EHLO accepté. Extensions : { $extensions }
detail-ehlo-helo-only = Accueil : { $banner } — le serveur a refusé EHLO mais accepté HELO ; il ne peut donc pas proposer STARTTLS.
detail-ehlo-slow-banner = Le serveur n'a envoyé sa bannière qu'au bout de { $seconds } s (plus de { $threshold } s) : { $banner }. Il fonctionne, mais il fait attendre les nouvelles connexions (tarpitting ou serveur surchargé).
detail-ehlo-silent = Le serveur a accepté la connexion mais n'a rien envoyé pendant { $seconds } s alors que nous attendions { $what ->
    [greeting] le message d'accueil (220)
   *[other] la réponse à { $what }
}.
detail-ehlo-slow = Le serveur a commencé à répondre mais n'a pas terminé { $what ->
    [greeting] son message d'accueil
   *[other] sa réponse à { $what }
} en { $seconds } s : il est très lent ou ralentit volontairement les clients (tarpitting).
detail-ehlo-closed = Le serveur a fermé la connexion pendant que nous attendions { $what ->
    [greeting] le message d'accueil
   *[other] la réponse à { $what }
} ({ $error }).
detail-ehlo-busy = Le serveur a répondu à { $what ->
    [greeting] l'ouverture de session
   *[other] { $what }
} par un refus temporaire : { $reply }
detail-ehlo-rejected = Le serveur a refusé { $what ->
    [greeting] la session dès l'accueil
   *[other] { $what }
} : { $reply }
detail-not-smtp-line-too-long = Le serveur a envoyé une ligne bien plus longue que ce que SMTP permet : ce n'est pas un serveur SMTP (ou il ne fonctionne pas correctement).
detail-not-smtp-too-many-lines = La réponse du serveur ne se termine jamais : ce n'est pas une réponse SMTP normale.
detail-not-smtp-bad-line = Le serveur a envoyé autre chose qu'une réponse SMTP (pas de code à trois chiffres).
detail-not-smtp-mixed-codes = La réponse multiligne du serveur mélange plusieurs codes : ce n'est pas du SMTP valide.
detail-not-smtp-bad-greeting = Le message d'accueil du serveur n'est pas le 220 attendu : { $reply }

## Détails : TLS

detail-tls-ok = { $protocol }, { $cipher }. Certificat { $subject }, valable jusqu'au { $not_after }.
detail-tls-not-offered = Le serveur ne propose pas STARTTLS (réglage du connecteur : { $policy }).
detail-tls-starttls-refused = Le serveur annonce STARTTLS mais l'a refusé : { $reply }
detail-tls-starttls-refused-plain = Le serveur annonce STARTTLS mais la session a été coupée à la commande STARTTLS ({ $reply }). En TLS opportuniste, Microsoft 365 envoie alors sans chiffrement : l'adresse de test est vérifiée sur une nouvelle connexion sans TLS.
detail-tls-handshake-failed = La négociation TLS a échoué : { $error }
detail-tls-handshake-failed-plain = Le serveur propose STARTTLS et l'a accepté, mais la négociation TLS a échoué : { $error }. En TLS opportuniste, Microsoft 365 envoie alors sans chiffrement : l'adresse de test est vérifiée sur une nouvelle connexion sans TLS.
detail-tls-handshake-timeout = La négociation TLS ne s'est pas terminée en { $seconds } s.
detail-tls-no-certificate = Le serveur n'a envoyé aucun certificat.
detail-tls-expired = Le certificat a expiré le { $not_after }.
detail-tls-not-yet-valid = Le certificat n'est pas valable avant le { $not_before } (vérifiez l'horloge du serveur, ou patientez).
detail-tls-chain-expired = Un certificat de la chaîne (un intermédiaire) est hors de sa période de validité.
detail-tls-self-signed = Le certificat est auto-signé ({ $subject }) : aucune autorité de certification ne s'en porte garante.
detail-tls-untrusted = L'émetteur du certificat ({ $issuer }) n'est pas une autorité de certification approuvée, ou le serveur n'envoie pas le certificat intermédiaire.
detail-tls-invalid-chain = La chaîne de certificats ne se vérifie pas ({ $issuer }) : { $error }
detail-tls-name-mismatch = Le certificat est établi pour { $names }, ce qui ne correspond pas au domaine TLS { $tls_domain }.
note-tls-validity-ok = Dans sa période de validité (jusqu'au { $not_after }).
note-tls-trusted = Émis par une autorité approuvée : { $issuer }.
note-tls-name-ok = Les noms { $names } correspondent au domaine TLS { $tls_domain }.
note-tls-name-not-checked = Noms portés par le certificat : { $names } (non comparés : seule la validation du domaine vérifie le nom).

## Détails : adresse de test

detail-email-rcpt-ok = Le serveur accepte le courrier pour { $address } : { $reply } (aucun message envoyé).
detail-email-sent = Un message de test a été envoyé à { $address } : { $reply }
detail-email-out-of-scope = Le domaine de l'adresse de test, { $domain }, ne fait pas partie des domaines destinataires du connecteur ({ $scope }).
detail-email-sender-rejected = Le serveur a refusé l'expéditeur à l'étape { $what } : { $reply }
detail-email-recipient-rejected = Le serveur a refusé le destinataire à l'étape { $what } : { $reply }
detail-email-deferred = Le serveur a refusé temporairement à l'étape { $what } : { $reply }
detail-email-tls-required = Le serveur n'accepte le courrier que sur une session chiffrée (TLS) et l'a refusé à l'étape { $what }, car la session n'était pas chiffrée : { $reply }
detail-email-greylisted = Le serveur a placé le test en liste grise (greylisting) à l'étape { $what } : un refus temporaire, levé quand l'expéditeur réessaie quelques minutes plus tard ({ $reply }). La route fonctionne ; la boîte aux lettres n'est pas encore confirmée.
detail-email-catch-all = Le serveur accepte { $address }, mais il a aussi accepté { $probe }, une adresse inventée pour ce test ({ $reply }) : il accepte toutes les adresses du domaine, donc ce test prouve la route, pas l'existence de la boîte aux lettres.
detail-email-broken = La session s'est interrompue à l'étape { $what } ({ $error }).
detail-email-not-tested = L'adresse de test n'a pas pu être vérifiée : la session s'est terminée après TLS ({ $what } : { $error }).
detail-email-plain-reconnect-failed = L'adresse de test n'a pas pu être vérifiée sans TLS : la nouvelle connexion à { $address } a échoué ({ $error }).
detail-email-needs-smtputf8 = La partie locale de { $address } (avant le @) contient des caractères non ASCII et ce serveur ne propose pas SMTPUTF8 : une telle adresse n'est utilisable qu'avec un serveur qui annonce SMTPUTF8 dans sa réponse EHLO. Rien n'a été envoyé pour cette adresse.

## Étapes non exécutées

skipped-resolve-failed = Non exécuté : l'hôte n'a pas pu être résolu.
skipped-mail-loop = Non exécuté : l'hôte actif est Microsoft 365 lui-même (boucle de messagerie).
skipped-connect-failed = Non exécuté : pas de connexion.
skipped-ehlo-failed = Non exécuté : la session SMTP n'a pas démarré.
skipped-tls-required = Non exécuté : le connecteur exige TLS et TLS n'a pas pu être établi.
skipped-no-test-address = Non exécuté : aucune adresse de test n'a été saisie.
skipped-out-of-scope = Non exécuté : { $domain } ne fait pas partie des domaines destinataires du connecteur.

## Point de vue

vantage-point-note = Remarque : ce test a été lancé depuis cet ordinateur, pas depuis Microsoft 365. Un pare-feu qui n'admet que les adresses d'Exchange Online Protection (40.92.0.0/15, 40.107.0.0/16, 52.100.0.0/14, 104.47.0.0/17, 2a01:111:f400::/48, 2a01:111:f403::/48) bloque cet ordinateur mais pas Microsoft : un échec de connexion ici ne prouve pas un échec là-bas.

## Ligne de commande

cli-error = erreur
cli-no-gui = Cette version de Connector Doctor n’a pas d’assistant graphique (compilée sans la fonctionnalité « gui »). Utilisez la ligne de commande : connector-doctor --help
cli-input-problem = { $field } « { $value } » : { $problem }
cli-text-title = Connector Doctor { $version } — vérification du connecteur
cli-text-connector = Réglage TLS : { $tls } — domaine TLS : { $tls_domain } — adresse de test : { $address }
cli-text-connector-wide = Connecteur
cli-text-certificate = Certificat : { $subject } — émetteur : { $issuer } — expire le : { $not_after } — empreinte : { $thumbprint }
cli-text-verdict-pass = Résultat : RÉUSSI ({ $warned } { $warned ->
    [one] avertissement
   *[other] avertissements
}).
cli-text-verdict-fail = Résultat : ÉCHEC ({ $failed } { $failed ->
    [one] étape
   *[other] étapes
} en échec, { $warned } { $warned ->
    [one] avertissement
   *[other] avertissements
}).
cli-history-unwritable = Impossible d'enregistrer l'historique des exécutions dans { $path } : { $problem }. Donnez le droit d'écriture sur ce dossier, ou ajoutez --no-history pour ne pas conserver cette exécution.
cli-report-written = Rapport enregistré dans { $path }.
cli-text-cancelled = Résultat : annulé avant la fin.

## Conseils de correction (un par code d'échec)

guide-resolve-invalid-host = Revenez à la liste des hôtes actifs et corrigez la saisie : un hôte actif est un nom de serveur (mail.contoso.com) ou une adresse IP, éventuellement suivi de :port.
guide-resolve-nxdomain = Ce nom n'existe pas. Cherchez une faute de frappe dans l'hôte actif (revenez en arrière et comparez avec votre zone DNS). Si le nom est récent, vérifiez que l'enregistrement existe bien dans la zone DNS publique et qu'il s'est propagé (nslookup -type=A nom).
guide-resolve-no-records = Le nom existe mais ne pointe nulle part. Créez un enregistrement A (IPv4) ou AAAA (IPv6) pour le serveur de messagerie, ou un MX vers un hôte qui en possède un, puis relancez la vérification.
guide-resolve-null-mx = Le domaine déclare ne recevoir aucun courrier (MX nul « 0 . »). Si ce domaine doit recevoir du courrier, remplacez ce MX nul par de vrais enregistrements MX ; sinon choisissez un autre domaine destinataire ou un autre hôte actif.
guide-resolve-dns-error = Le serveur DNS n'a pas donné de réponse exploitable (délai dépassé ou échec du serveur). Vérifiez le serveur DNS utilisé par cet ordinateur (ou celui indiqué par --dns-server), que les serveurs faisant autorité pour le domaine répondent et que ses signatures DNSSEC sont valides ; puis relancez.
guide-resolve-private-address = Ceci est un avertissement : l'hôte actif se résout ici en adresse privée (RFC 1918, CGNAT 100.64.0.0/10, bouclage ou IPv6 unique-local), que Microsoft 365 ne peut pas joindre depuis Internet. Interrogez l'enregistrement public depuis l'extérieur (par exemple Resolve-DnsName mail.contoso.com -Server 8.8.8.8 -Type A) et vérifiez qu'il donne l'adresse publique que votre pare-feu redirige vers le serveur de messagerie sur le port 25 ; si le connecteur indique une adresse IP, mettez l'adresse publique (Set-OutboundConnector -SmartHosts). Relancez ensuite la vérification depuis l'extérieur de votre réseau, ou avec --dns-server pointant vers un résolveur public.
guide-resolve-points-to-microsoft = L'hôte actif du connecteur est Microsoft 365 lui-même (un nom sous mail.protection.outlook.com, ou une adresse des plages d'Exchange Online Protection) : le courrier reviendrait dans Microsoft 365 et finirait en rapport de non-remise « boucle détectée » (5.4.14). Faites pointer le connecteur vers le nom ou l'adresse publics de votre propre serveur de messagerie (Set-OutboundConnector -SmartHosts mail.contoso.com), et non vers l'enregistrement MX Microsoft 365 de votre domaine. Pour le courrier destiné à vos propres domaines acceptés, vérifiez le type du domaine (Get-AcceptedDomain : InternalRelay seulement si certaines boîtes sont réellement hébergées ailleurs).
guide-connect-refused = Rien n'accepte de connexion sur ce port. Vérifiez que le service de messagerie tourne sur le serveur, qu'il écoute sur le port 25 à cette adresse, et que le pare-feu du serveur autorise le TCP 25 entrant.
guide-connect-timeout = La tentative de connexion est restée sans réponse : un pare-feu l'abandonne très probablement. Ouvrez le port TCP 25 entrant sur le serveur et sur tout pare-feu placé devant, et autorisez les plages d'adresses d'Exchange Online Protection. N'oubliez pas que ce test part de cet ordinateur : un pare-feu qui n'admet que les plages de Microsoft le bloquera ici même si Microsoft 365 passe.
guide-connect-unreachable = Aucune route ne mène de cet ordinateur à cette adresse. Vérifiez que l'adresse est la bonne (enregistrement DNS), que ce réseau peut l'atteindre (VPN, routage, disponibilité d'IPv6) et qu'aucun pare-feu ne renvoie « injoignable ».
guide-ehlo-no-banner = Le serveur a accepté la connexion mais n'a pas répondu en SMTP dans le délai. Vérifiez que cet hôte fait bien tourner un serveur de messagerie sur ce port (et non un proxy ou un pare-feu à inspection SMTP qui retient la session), qu'il n'est pas surchargé, et s'il retarde volontairement sa bannière (tarpitting : TarpitInterval d'Exchange, postscreen_greet_wait de Postfix, greet_pause de Sendmail). La RFC 5321 autorise un serveur expéditeur à attendre la bannière jusqu'à 5 minutes, plus longtemps que ce test par défaut : relancez avec un délai plus long (--timeout 300) pour distinguer un serveur très lent d'un serveur muet.
guide-ehlo-slow-banner = Ceci est un avertissement : le serveur attend avant d'envoyer sa bannière 220. La RFC 5321 autorise un serveur expéditeur à patienter jusqu'à 5 minutes, le courrier passe donc, mais chaque message est retardé et, quand le serveur est chargé, l'attente peut finir par dépasser le délai. Microsoft ne documente pas combien de temps Exchange Online attend la bannière. Sur ce serveur, cherchez une temporisation volontaire (tarpit) des connexions venant de Microsoft 365 (Exchange : Get-ReceiveConnector | Format-List Identity,TarpitInterval,ConnectionTimeout — TarpitInterval retarde les réponses du connecteur de réception ; Postfix : postscreen_greet_wait et une restriction sleep dans smtpd_client_restrictions ; Sendmail : greet_pause), exemptez-en les plages d'adresses de Microsoft 365, et vérifiez les délais DNS du serveur (une résolution inverse du client qui expire retarde aussi la bannière).
guide-ehlo-busy = Le serveur refuse temporairement les connexions (4xx, souvent 421) : il est surchargé, en cours d'arrêt, ou limite le débit de cet expéditeur. Patientez quelques minutes et relancez ; si cela persiste, vérifiez les limites de connexion du serveur et sa file d'attente.
guide-ehlo-rejected = Le serveur refuse les sessions SMTP de cet expéditeur (5xx). Vérifiez le filtrage des connexions du serveur (listes de blocage d'IP, autorisations du connecteur de réception, plages d'adresses distantes admises) et assurez-vous que les plages de Microsoft 365 sont autorisées.
guide-ehlo-not-smtp = Ce qui répond sur ce port n'est pas un serveur SMTP en état de marche. Vérifiez que l'hôte actif et le port sont les bons et qu'ils désignent le serveur de messagerie lui-même, et non un serveur web, un répartiteur de charge ou un autre service.
guide-tls-not-offered = Le serveur ne propose pas STARTTLS. Activez TLS sur le serveur destinataire (pour Exchange : un certificat valide attribué au service SMTP avec Enable-ExchangeCertificate -Services SMTP ; pour Postfix : smtpd_tls_cert_file, smtpd_tls_key_file et smtpd_tls_security_level = may), ou choisissez un réglage TLS du connecteur qui ne l'exige pas.
guide-tls-starttls-refused = Le serveur annonce STARTTLS dans sa réponse EHLO mais refuse la commande ou coupe la connexion : TLS est proposé mais ne fonctionne pas, le plus souvent à cause du certificat du serveur destinataire. Pour Exchange, vérifiez le certificat du connecteur de réception (Get-ExchangeCertificate : valide, avec sa clé privée, attribué au service SMTP ; le TlsCertificateName du connecteur) ; pour Postfix, smtpd_tls_cert_file, smtpd_tls_key_file et le journal de messagerie. Un connecteur qui impose TLS ne peut pas remettre le courrier ; en TLS opportuniste, Microsoft 365 envoie sans chiffrement.
guide-tls-handshake-failed = STARTTLS a été accepté mais la session chiffrée n'a pas pu s'établir. Vérifiez la configuration TLS du serveur : un certificat installé avec sa clé privée, TLS 1.2 ou 1.3 activé, des suites de chiffrement récentes, et aucun équipement intermédiaire qui casse TLS (inspection SMTP sur un pare-feu).
guide-tls-expired = Le certificat du serveur a expiré. Renouvelez-le (ou installez-en un nouveau), attribuez-le au service SMTP, redémarrez ou rechargez le service de messagerie, puis relancez. Avec Exchange : Get-ExchangeCertificate, puis Enable-ExchangeCertificate -Thumbprint … -Services SMTP.
guide-tls-not-yet-valid = Le certificat n'est pas encore valable. Vérifiez la date et l'heure du serveur (et de cet ordinateur) ; si le certificat a été émis pour une date future, installez-en un qui soit valable dès maintenant.
guide-tls-untrusted-issuer = Le certificat n'a pas été émis par une autorité de certification approuvée par Microsoft 365, ou le serveur n'envoie pas ses certificats intermédiaires. Installez un certificat d'une autorité publique et configurez le serveur pour qu'il envoie la chaîne complète (certificat + intermédiaires). Une autorité interne n'est pas acceptée avec la validation du certificat ou du domaine.
guide-tls-self-signed = Le serveur utilise un certificat auto-signé. Avec la validation du certificat ou du domaine, Microsoft 365 le refuse : remplacez-le par un certificat d'une autorité publique, ou abaissez le réglage TLS du connecteur au chiffrement seul si c'est acceptable.
guide-tls-name-mismatch = Aucun nom du certificat ne correspond au domaine TLS du connecteur. Alignez le connecteur sur le certificat : indiquez dans TlsDomain un nom que porte le certificat (Set-OutboundConnector -TlsDomain), ou installez un certificat dont l'objet ou les noms alternatifs (SAN) contiennent le domaine TLS. Un domaine TLS *.contoso.com accepte un certificat pour contoso.com lui-même ou pour tout nom en dessous (mail.contoso.com, *.contoso.com) ; un domaine TLS sans étoile, comme mail.contoso.com, exige exactement ce nom, ou un certificat générique du niveau juste au-dessus (*.contoso.com couvre mail.contoso.com, mais pas a.b.contoso.com).
guide-email-invalid-address = Corrigez l'adresse de test : cherchez une faute de frappe avant le @ (la boîte aux lettres) et après (le domaine).
guide-email-out-of-scope = L'adresse de test doit appartenir à un domaine couvert par le connecteur. Utilisez une adresse de l'un des domaines destinataires du connecteur, ou ajoutez son domaine à RecipientDomains (Set-OutboundConnector -RecipientDomains). L'entrée *.contoso.com couvre contoso.com lui-même et tous ses sous-domaines ; contoso.com seul ne couvre que contoso.com.
guide-email-sender-rejected = Le serveur a refusé l'adresse d'expéditeur utilisée pour le test. Essayez un autre expéditeur (--mail-from ou la page Adresse de test) et vérifiez les restrictions du serveur sur les expéditeurs (réputation, contrôles SPF, règles anti-usurpation).
guide-email-recipient-rejected = Le serveur a refusé le destinataire de test. Si la réponse indique que la boîte n'existe pas (5.1.1), utilisez l'adresse d'une boîte aux lettres active de ce serveur, qui reçoit du courrier venant d'ailleurs. Si elle indique un relais refusé (5.7.1), le serveur n'accepte pas de courrier pour ce domaine : ajoutez le domaine à ses domaines acceptés ou corrigez les domaines destinataires du connecteur.
guide-email-deferred = Le serveur a répondu par une erreur temporaire (4xx) qui n'est ni une liste grise ni une exigence de TLS : boîte pleine, limite de débit, échec de recherche ou autre incident passager sur ce serveur. Patientez quelques minutes et relancez ; si cela persiste, lisez le texte de la réponse et cherchez l'adresse de test dans les journaux de ce serveur.
guide-email-tls-required = Le serveur destinataire exige TLS, or cette session n'était pas chiffrée : le serveur ne proposait pas STARTTLS, ou STARTTLS a échoué. Microsoft 365 se heurtera au même refus. Sur ce serveur, vérifiez que STARTTLS est proposé par le connecteur de réception qui reçoit le courrier de Microsoft 365 (Exchange : Get-ReceiveConnector | Format-List Identity,AuthMechanism,RequireTLS,TlsCertificateName — AuthMechanism doit contenir Tls, et le certificat désigné par TlsCertificateName doit être installé, valide et attribué au service SMTP avec Enable-ExchangeCertificate -Services SMTP ; Postfix : smtpd_tls_security_level et smtpd_tls_chain_files). Réglez ensuite le connecteur sortant au moins sur le chiffrement seul (Set-OutboundConnector -TlsSettings EncryptionOnly), pour que Microsoft 365 utilise toujours TLS avec ce serveur.
guide-email-greylisted = Le serveur applique une liste grise (greylisting) : il refuse temporairement un expéditeur inconnu et accepte le même message quand celui-ci est renvoyé quelques minutes plus tard. Microsoft 365 réessaie de lui-même : le courrier arrivera en retard, mais il arrivera. Relancez la vérification une fois le délai de la liste grise écoulé (souvent 1 à 5 minutes) pour confirmer la boîte aux lettres. Pour ne plus subir ce délai à chaque nouvel expéditeur, exemptez de la liste grise les plages d'adresses sortantes de Microsoft 365 (ou le domaine protection.outlook.com) sur ce serveur (postgrey : /etc/postgrey/whitelist_clients.local).
guide-email-catch-all = Ceci est un avertissement, pas un échec : le serveur accepte le courrier pour n'importe quelle adresse du domaine (adresse « catch-all », ou passerelle qui ne vérifie les boîtes aux lettres que plus tard). Qu'il accepte l'adresse de test prouve donc que la route fonctionne, pas que la boîte aux lettres existe. Vérifiez la boîte aux lettres sur le serveur de destination lui-même (Exchange : Get-Recipient <adresse>), ou envoyez un vrai message de test (--send) et assurez-vous qu'il est bien arrivé. Si le courrier adressé à des destinataires inconnus doit être refusé, activez le filtrage des destinataires sur ce serveur (Exchange Edge : Set-RecipientFilterConfig -RecipientValidationEnabled $true ; Postfix : local_recipient_maps ou relay_recipient_maps).
guide-email-not-tested = L'adresse de test n'a jamais été vérifiée, le test ne peut donc pas réussir : la session s'est arrêtée avant l'envoi de MAIL FROM et RCPT TO (voir le détail et la conversation SMTP). La validation de Microsoft 365 s'arrêterait au même endroit. Corrigez ce que le détail indique (un serveur qui coupe la session après TLS, ou qui refuse une nouvelle connexion), puis relancez. S'il s'agit d'un avertissement, Microsoft 365 peut joindre le serveur en TLS mais pas cet outil, et le serveur refuse le courrier sans TLS : vérifiez la boîte aux lettres directement sur le serveur (Exchange : Get-Recipient <adresse>).

## Sonde TLS : ce que Microsoft 365 négocierait (versions, suites de chiffrement)

detail-tls-protocol-too-old = Le serveur n'accepte que { $versions } : Microsoft 365 n'utilise jamais TLS 1.0 ni TLS 1.1 pour envoyer du courrier, il n'obtient donc aucune session TLS de ce serveur.
detail-tls-protocol-too-old-plain = Le serveur n'accepte que { $versions }, que Microsoft 365 n'utilise jamais pour envoyer du courrier. En TLS opportuniste, Microsoft 365 envoie alors sans chiffrement : l'adresse de test est vérifiée sur une nouvelle connexion sans TLS.
detail-tls-no-common-cipher = Le serveur a refusé TLS 1.2 avec toutes les suites de chiffrement qu'utilise Microsoft 365, ainsi que TLS 1.3 et les versions plus anciennes ({ $error }).
detail-tls-no-common-cipher-plain = Le serveur a refusé TLS 1.2 avec toutes les suites de chiffrement qu'utilise Microsoft 365, ainsi que TLS 1.3 et les versions plus anciennes ({ $error }). En TLS opportuniste, Microsoft 365 envoie alors sans chiffrement : l'adresse de test est vérifiée sur une nouvelle connexion sans TLS.
detail-tls-weak-cipher = Parmi les suites que propose Microsoft 365, le serveur retient { $suite }, que Microsoft classe comme faible (pas de confidentialité persistante, ou suite conservée uniquement pour les anciens clients).
detail-tls-tls13-only = Le serveur refuse TLS 1.2 et ne fonctionne qu'en TLS 1.3 ({ $suite }). Microsoft indique que TLS 1.3 est pris en charge par « certains services » sans citer l'envoi de courrier : Microsoft 365 pourra peut-être se connecter, sans garantie.
detail-tls-tool-handshake-failed = Microsoft 365 peut se connecter (TLS 1.2, { $suite }), mais cet outil ne sait pas mener cette négociation jusqu'au bout ({ $error }). Le certificat a été lu pendant la négociation et vérifié ; l'adresse de test est vérifiée sur une seconde connexion sans TLS.
detail-email-not-tested-tls-only = L'adresse de test n'a pas pu être vérifiée : le serveur n'accepte le courrier qu'en TLS ({ $reply }), et cet outil ne sait pas établir la session TLS qu'utiliserait Microsoft 365. Vérifiez l'adresse directement sur le serveur.
guide-tls-protocol-too-old = Le serveur n'accepte que TLS 1.0 ou TLS 1.1. Microsoft 365 ne les utilise plus (Microsoft Learn, « Technical reference details about encryption » ; Exchange Online n'envoie jamais en TLS 1.0 ni 1.1) : un connecteur qui exige TLS ne peut pas remettre le courrier, et en TLS opportuniste le courrier part en clair. Activez TLS 1.2 sur le serveur destinataire. Exchange sous Windows : une version de Windows Server et d'Exchange encore prise en charge, TLS 1.2 activé pour Schannel (clés de registre sous HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server, Enabled = 1) et le chiffrement fort activé pour .NET Framework, puis redémarrez le serveur. Postfix : smtpd_tls_protocols = >=TLSv1.2 avec une version d'OpenSSL qui le prend en charge. Si un boîtier ou un pare-feu inspecte SMTP, c'est peut-être lui qui répond : mettez-le à jour ou désactivez l'inspection SMTP.
guide-tls-no-common-cipher = Le serveur n'a aucune suite de chiffrement en commun avec Microsoft 365. Microsoft 365 propose, dans cet ordre : TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, les suites ECDHE_RSA en CBC, puis TLS_RSA_WITH_AES_… (Microsoft Learn, « Technical reference details about encryption »). Toutes exigent un certificat RSA. Activez au moins les deux premières sur le serveur destinataire (Exchange sous Windows : Get-TlsCipherSuite, Enable-TlsCipherSuite -Name TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 ; Postfix : tls_high_cipherlist ou smtpd_tls_mandatory_ciphers) et vérifiez que le certificat affecté à SMTP a une clé RSA.
guide-tls-weak-cipher = Ceci est un avertissement : Microsoft 365 peut remettre le courrier, mais seulement avec une suite sans confidentialité persistante ou conservée pour les anciens clients. Activez sur le serveur destinataire les suites robustes que Microsoft 365 essaie en premier, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 et TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (Exchange sous Windows : Enable-TlsCipherSuite, ou la stratégie de groupe « Ordre des suites de chiffrement SSL » ; Postfix : smtpd_tls_ciphers = high), avec un certificat RSA.
guide-tls-tls13-only = Ceci est un avertissement : le serveur n'accepte que TLS 1.3. Microsoft documente TLS 1.2 pour Microsoft 365 et indique que TLS 1.3 est pris en charge par « certains services », sans préciser que l'envoi de courrier en fait partie (Microsoft Learn, « Technical reference details about encryption »). Pour être sûr que Microsoft 365 puisse remettre le courrier en TLS, activez aussi TLS 1.2, avec TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 ou TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (Postfix : smtpd_tls_protocols = >=TLSv1.2 ; Exchange sous Windows : TLS 1.2 activé pour Schannel).
guide-tls-tool-handshake-failed = Cet avertissement concerne l'outil, pas le connecteur : le serveur négocie une suite qu'utilise Microsoft 365 mais que cet outil n'implémente pas (suites CBC, ou échange de clés RSA). Le certificat a tout de même été lu et contrôlé. Pour lever le doute, et pour gagner la confidentialité persistante et un chiffrement plus robuste, activez TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 ou TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 sur le serveur destinataire, puis relancez.
tls-probe-summary = Ce que Microsoft 365 négocierait : versions TLS acceptées : { $versions } ; suite TLS 1.2 choisie dans la liste de Microsoft 365 : { $suite }.
tls-probe-summary-unpublished = Ce que Microsoft 365 négocierait : versions TLS acceptées : { $versions } ; suite TLS 1.2 choisie : { $suite } (absente de la liste publiée par Microsoft, qui ne cite que des suites RSA ; constatée en pratique).
note-tls-ecdsa-suite = Le serveur n'a aucune suite RSA de la liste publiée par Microsoft ; il choisit { $suite }. Microsoft ne publie pas de suites ECDSA, mais on constate que Microsoft 365 les utilise.
tls-probe-summary-weak = Ce que Microsoft 365 négocierait : versions TLS acceptées : { $versions } ; suite choisie dans la liste de Microsoft 365 : { $suite } (faible selon le tableau de Microsoft).
tls-probe-none = aucune

## Routage MX en mode UseMXRecord (src/checks/policy.rs)
detail-route-mx-chosen = Microsoft 365 remettrait le courrier via { $mx } (préférence MX { $preference }) à l'adresse { $address } : la première adresse essayée qui fonctionne.
detail-route-mx-unreachable = { $mx } (préférence MX { $preference }) à l'adresse { $address } ne répond pas en SMTP. Une autre adresse de ce domaine fonctionne : Microsoft 365 ignore celle-ci et remet le courrier à l'autre. C'est un avertissement, pas un échec.
detail-route-address-family-unreachable = { $mx } (préférence MX { $preference }) à l'adresse { $address } : aucune adresse { $family } de ce domaine n'est joignable depuis ce réseau, alors que les adresses { $other } répondent. Microsoft 365 remettrait le courrier en { $other } ; l'adresse { $family } est sans doute joignable depuis Internet, mais ne peut pas être testée d'ici.
guide-route-mx-unreachable = Avertissement : un serveur MX (ou l'une de ses adresses) ne répond pas, mais Microsoft 365 remet le courrier au MX suivant qui fonctionne ; le courrier passe donc, par le MX de secours, éventuellement avec du retard (Microsoft 365 retente un message en file d'attente pendant 24 heures). Si ce MX doit recevoir du courrier, ouvrez-lui le port 25 depuis les plages d'Exchange Online Protection (40.92.0.0/15, 40.107.0.0/16, 52.100.0.0/14, 104.47.0.0/17, 2a01:111:f400::/48, 2a01:111:f403::/48) et démarrez son service SMTP ; s'il a été retiré, supprimez son enregistrement MX du DNS public (vérifiez avec Resolve-DnsName contoso.com -Type MX). Un MX principal hors service retarde chaque message d'une tentative de connexion.
guide-route-address-family-unreachable = Ceci est un avertissement qui concerne ce réseau plutôt que le serveur de destination : aucune adresse IPv6 (ou IPv4) du domaine n'est joignable d'ici, alors que l'autre famille fonctionne. Quand l'hôte MX a des enregistrements AAAA, Exchange Online essaie d'abord l'IPv6, puis l'IPv4 : le courrier passe donc. Pour tester la famille injoignable, lancez la vérification depuis un réseau qui en dispose (beaucoup de sites n'ont pas de route IPv6), ou testez depuis l'extérieur (Test-NetConnection <adresse> -Port 25 depuis une machine qui a l'IPv6). Si le serveur de destination n'écoute vraiment pas en IPv6, supprimez les enregistrements AAAA de son hôte MX.

## Relancer jusqu'au vert (check --watch) et tous les connecteurs enregistrés d'un coup (check --all-profiles)
cli-watch-start = Surveillance : la vérification est relancée { $seconds } s après la fin de chaque passe. Ctrl-C pour arrêter.
cli-watch-start-until-pass = Surveillance : la vérification est relancée { $seconds } s après la fin de chaque passe, jusqu'à ce qu'elle réussisse. Ctrl-C pour arrêter.
cli-watch-round = Passe { $round } ({ $seconds } s) : { $verdict }
cli-watch-verdict-pass = réussie
cli-watch-verdict-fail = en échec
cli-watch-green = Passé au vert à la passe { $round }, { $seconds } s après le début.
cli-watch-stopped = Arrêt après { $rounds ->
    [one] une passe
   *[other] { $rounds } passes
} ; la dernière passe est { $verdict }.
cli-watch-stopped-before-first = Arrêt avant la fin de la première passe : rien n'a été vérifié jusqu'au bout.
fleet-column-connector = Connecteur
fleet-column-verdict = Résultat
fleet-column-first-failure = Premier échec
fleet-verdict-pass = Réussi
fleet-verdict-fail = Échec
fleet-first-failure = { $code } — { $place }, { $step }
fleet-not-run = Vérification interrompue avant la fin.
fleet-unreadable = Non vérifié, fichier illisible : { $problem }
fleet-totals = { $connectors ->
    [one] Un connecteur
   *[other] { $connectors } connecteurs
} — réussis : { $passed }, en échec : { $failed } ({ $seconds } s).
fleet-none-saved = Aucun connecteur enregistré à vérifier (dossier { $folder }). Enregistrez-en un dans l'assistant, ou importez-le avec Get-OutboundConnector | ConvertTo-Json.
fleet-no-config-folder = Ce système ne fournit pas de dossier de configuration, il n'y a donc aucun connecteur enregistré ; définissez CONNECTOR_DOCTOR_HOME sur un dossier.

## Stratégie de certificat appliquée par Exchange Online : SHA-1, taille de clé, usage, chaîne, révocation

detail-tls-weak-signature = { $subject } est signé en SHA-1 (algorithme { $algorithm }). Microsoft 365 refuse les certificats SHA-1, quel que soit le paramètre TLS du connecteur.
detail-tls-weak-key = { $subject } a une clé RSA de { $bits } bits ; Microsoft exige au moins { $minimum } bits.
detail-tls-wrong-usage = Le certificat { $subject } n'est pas émis pour un serveur : son utilisation améliorée de la clé (EKU) ne contient pas Authentification du serveur (1.3.6.1.5.5.7.3.1).
detail-tls-chain-incomplete = Le serveur n'envoie pas le certificat intermédiaire { $issuer }, dont son certificat a besoin pour remonter jusqu'à une racine approuvée. L'autorité de certification le publie à l'adresse { $url }.
detail-tls-revoked = Le certificat a été révoqué par son autorité (depuis le { $revoked_at }), d'après { $source ->
    [stapled] la réponse OCSP agrafée par le serveur
    [crl] la liste de révocation { $url }
   *[ocsp] le répondeur OCSP { $url }
}.
detail-tls-revocation-unknown = Impossible de connaître l'état de révocation du certificat auprès { $source ->
    [crl] de la liste de révocation
   *[ocsp] du répondeur OCSP
} { $url } ({ $reason }). Microsoft 365 contrôle la révocation en validation du certificat ou du domaine.
note-tls-revocation-good = Non révoqué, d'après { $source ->
    [stapled] la réponse OCSP agrafée par le serveur
    [crl] la liste de révocation { $url }
   *[ocsp] le répondeur OCSP { $url }
}.
note-tls-revocation-none = Le certificat n'indique ni répondeur OCSP ni liste de révocation : personne ne peut vérifier s'il est révoqué.
guide-tls-weak-signature = Le certificat, ou un certificat intermédiaire envoyé par le serveur, est signé en SHA-1. Microsoft 365 n'accepte plus les certificats SHA-1 pour les connexions entrantes comme sortantes, quel que soit le paramètre TLS du connecteur (« Technical reference details about encryption »). Demandez un nouveau certificat signé en SHA-256 ou plus (toutes les autorités publiques n'émettent plus que ceux-là), installez-le avec son intermédiaire SHA-256, affectez-le au service SMTP (Exchange : Enable-ExchangeCertificate -Thumbprint … -Services SMTP ; Postfix : smtpd_tls_chain_files), puis relancez. Une ancienne autorité interne qui signe encore en SHA-1 doit être reconfigurée (certutil -setreg ca\csp\CNGHashAlgorithm SHA256 sur une autorité Microsoft).
guide-tls-weak-key = Le certificat (ou l'une de ses autorités de certification) a une clé RSA de moins de 2048 bits. Le programme de racines approuvées de Microsoft impose des clés RSA d'au moins 2048 bits à tous les certificats depuis 2011 : aucune autorité de certification approuvée par Microsoft ne délivre plus un tel certificat. Générez une nouvelle clé d'au moins 2048 bits (New-ExchangeCertificate -KeySize 2048, ou openssl req -newkey rsa:2048), faites réémettre le certificat, installez-le et attribuez-le au service SMTP, puis relancez.
guide-tls-wrong-usage = Le certificat n'a pas été émis pour l'authentification du serveur : son utilisation améliorée de la clé (EKU) liste d'autres usages (authentification du client, messagerie sécurisée…) mais pas Authentification du serveur. Les clients TLS, dont Microsoft 365, le refusent pour un serveur de messagerie. Demandez un certificat sur un modèle « Serveur Web » (ou équivalent) qui inclut Authentification du serveur (1.3.6.1.5.5.7.3.1), installez-le, attribuez-le au service SMTP (Enable-ExchangeCertificate -Services SMTP), puis relancez.
guide-tls-chain-incomplete = Le serveur envoie son propre certificat mais pas le certificat intermédiaire qui le relie à une racine approuvée : l'erreur classique après un renouvellement. Microsoft 365 ne peut alors pas construire la chaîne, et la vérification échoue en validation du certificat ou du domaine (c'est aussi une cause connue de l'erreur 550 5.7.64 sur les connecteurs entrants). Téléchargez l'intermédiaire indiqué dans le détail (l'adresse vient du certificat lui-même) ou sur le site de votre autorité, puis installez-le : sous Exchange/Windows, dans le magasin « Autorités de certification intermédiaires » de l'ordinateur (certutil -addstore CA intermediaire.cer), puis redémarrez le service Microsoft Exchange Transport ; sous Postfix, placez le certificat suivi de l'intermédiaire dans le fichier indiqué par smtpd_tls_chain_files (ou smtpd_tls_cert_file) et rechargez. Relancez ensuite la vérification.
guide-tls-revoked = L'autorité de certification a révoqué ce certificat : Microsoft 365 le refuse en validation du certificat ou du domaine. Un certificat est révoqué après une compromission de la clé, une réémission ou à la demande de son titulaire. Installez le certificat en cours de validité fourni par votre autorité (ou demandez-en un nouveau), affectez-le au service SMTP (Exchange : Enable-ExchangeCertificate -Thumbprint … -Services SMTP ; Postfix : smtpd_tls_chain_files), supprimez l'ancien, puis relancez.

## Sécurité du domaine : DNSSEC et DANE (issue 13)

step-domain-security = Sécurité du domaine
input-error-trust-anchor = Le fichier d'ancres de confiance est inutilisable (ligne { $line }) : { $error }. Chaque ligne doit contenir un enregistrement DS ou DNSKEY au format de présentation DNS, par exemple : contoso.com. DS 21932 13 2 a1aa…
input-error-next-certificate = Impossible de lire le prochain certificat : { $error }
detail-domain-security-no-hosts = Aucun hôte de messagerie à évaluer.
detail-dane-not-applied = { $name } : DANE ne s'applique pas (DNSSEC : MX { $mx }, hôte { $host }, TLSA { $tlsa }). Microsoft 365 y livre avec ses règles TLS habituelles.
detail-dane-not-tested = { $name } publie des enregistrements TLSA, mais aucune adresse n'a répondu assez loin pour présenter un certificat : DANE n'a pas pu être testé.
detail-dane-dnssec-bogus = { $record } : les signatures DNSSEC ne sont pas valides (bogus). Microsoft 365 met en attente le courrier vers { $name } avec 4.7.324 dnssec-invalid. DNSSEC : MX { $mx }, hôte { $host }, TLSA { $tlsa }.
detail-dane-no-starttls = { $name } publie des enregistrements TLSA ({ $records }) mais { $address } ne propose pas STARTTLS. Microsoft 365 met le courrier en attente avec 4.7.321 starttls-not-supported.
detail-dane-no-usable-records = { $name } : aucun enregistrement TLSA n'est utilisable pour SMTP ({ $records } ; seuls les usages 2 et 3 comptent). Microsoft 365 exige quand même TLS ici, sans vérifier le certificat.
detail-dane-mismatch = { $name } ({ $address }) : aucun enregistrement TLSA publié ne correspond au certificat présenté, Microsoft 365 met donc le courrier en attente avec 4.7.323 tlsa-invalid. Publiés : { $records }. Présenté : { $subject } (SHA-256 { $sha256 }). { $next_only ->
        [yes] L'enregistrement publié correspond uniquement au prochain certificat : le nouveau certificat est publié dans le DNS mais pas encore installé sur le serveur.
       *[no] Aucun enregistrement ni pour le certificat présenté ni pour une prochaine clé.
    } Enregistrement qui correspond au certificat présenté : _25._tcp.{ $name }. IN TLSA { $fix }
detail-dane-expired-certificate = { $name } : le certificat présenté a expiré le { $not_after }. Il correspondait à { $matched }.
detail-dane-renewal-not-ready = { $name } : le certificat actuel correspond, mais aucun enregistrement publié ne correspond au prochain certificat. Publiez-le avant d'installer le certificat : _25._tcp.{ $name }. IN TLSA { $fix } (publiés actuellement : { $records }).
detail-dane-ok = { $name } : DANE valide, { $matched } correspond au certificat présenté ({ $subject }). { $rollover ->
        [yes] Un enregistrement pour une autre clé est aussi publié (prêt pour un renouvellement).
       *[no] Seule la clé actuelle est publiée : publiez l'enregistrement de la prochaine clé quelques TTL avant un renouvellement.
    }{ $next ->
        [yes] { " " }Le prochain certificat correspond aussi à un enregistrement publié.
        [no] { " " }Le prochain certificat ne correspond à aucun enregistrement publié.
       *[other] {""}
    }
guide-dane-no-starttls = L'hôte MX du domaine publie des enregistrements TLSA DANE, qui indiquent aux expéditeurs que TLS est obligatoire, mais le serveur ne propose pas STARTTLS. Microsoft 365 refuse alors de livrer en clair (4/5.7.321). Activez STARTTLS sur le serveur de réception (Exchange : l'AuthMechanism du connecteur de réception doit inclure Tls et un certificat valide doit être activé pour SMTP ; Postfix : smtpd_tls_security_level = may avec smtpd_tls_chain_files) ou, si TLS est impossible, supprimez les enregistrements TLSA de _25._tcp.<hôte MX>.
guide-dane-mismatch = Aucun enregistrement TLSA publié ne correspond au certificat présenté par le serveur, en général parce que le certificat a été renouvelé avec une nouvelle clé sans mise à jour du DNS. Microsoft 365 met le courrier en attente (4/5.7.323) tant que ça ne correspond pas. Publiez l'enregistrement indiqué dans le détail (3 1 1 : SHA-256 de la clé publique du certificat) sur _25._tcp.<hôte MX> dans la zone signée DNSSEC, gardez l'ancien jusqu'à ce que tous les caches aient le nouveau (au moins le TTL de l'enregistrement), puis supprimez-le. Au prochain renouvellement, publiez d'abord l'enregistrement de la nouvelle clé et n'installez le certificat qu'après quelques TTL ; ou renouvelez en gardant la même clé pour que le 3 1 1 reste valable.
guide-dane-dnssec-bogus = Une réponse DNS signée de ce domaine ne se valide pas (signatures expirées ou absentes, DS chez le parent qui ne correspond à aucune clé, roulement de clé raté). Microsoft 365 considère les enregistrements comme inutilisables et met le courrier en attente (4/5.7.324). Resignez la zone ou corrigez chez le bureau d'enregistrement le DS pour qu'il corresponde à la clé actuelle de la zone (vérifiez avec dig +dnssec et un analyseur DNSSEC en ligne), et assurez-vous que les signatures sont renouvelées avant leur expiration.
guide-dane-expired-certificate = Le certificat présenté a expiré. Avec un enregistrement DANE-TA (2), la chaîne est validée avec ses dates : Microsoft 365 met le courrier en attente (4/5.7.322) ; avec un enregistrement DANE-EE (3), la norme ignore les dates, mais renouvelez-le quand même. Installez un certificat renouvelé, et publiez son enregistrement TLSA avant de l'installer si la clé change.
guide-dane-renewal-not-ready = Avertissement pour le renouvellement prévu : les enregistrements TLSA publiés correspondent au certificat actuel, pas au prochain. Installer le prochain certificat maintenant ferait mettre le courrier en attente par Microsoft 365 avec 4/5.7.323. Publiez l'enregistrement indiqué dans le détail sur _25._tcp.<hôte MX> à côté de l'actuel, attendez au moins le TTL des enregistrements, installez ensuite le certificat et supprimez l'ancien enregistrement.
## Routage MX : un hôte MX dont le nom ne se résout pas

detail-route-mx-unresolved = { $mx } (MX de préférence { $preference }) a été écarté de l'acheminement : { $why ->
        [nxdomain] son nom n'existe pas dans le DNS (NXDOMAIN)
        [no-records] son nom n'a aucun enregistrement A ou AAAA
       *[other] la requête DNS de son adresse a échoué ({ $error })
    }. Un autre MX de ce domaine se résout : Microsoft 365 remet donc le courrier à celui-là. C'est un avertissement, pas un échec. Si ce MX doit recevoir du courrier, publiez son enregistrement A ou AAAA ; s'il a été retiré, supprimez son enregistrement MX du DNS public (vérifiez avec Resolve-DnsName { $mx }).

# Pourquoi une session s'est interrompue, dit à l'intérieur d'une autre phrase.
cause-timeout = pas de réponse dans le délai
cause-closed = le serveur a fermé la connexion
cause-network = erreur réseau : { $error }
cause-internal = erreur interne
cause-not-smtp-line-too-long = une ligne bien plus longue que ce que SMTP autorise : ce n'est pas un serveur SMTP
cause-not-smtp-too-many-lines = une réponse qui ne se termine jamais : ce n'est pas un serveur SMTP
cause-not-smtp-bad-line = une réponse qui n'est pas du SMTP, sans code à trois chiffres
cause-not-smtp-mixed-codes = une réponse multiligne qui mélange plusieurs codes, ce qui n'est pas du SMTP valide

# La sonde TLS n'a rien appris alors que la négociation a abouti.
tls-probe-summary-unknown = Impossible de savoir ce que Microsoft 365 négocierait : les ClientHello de la sonde (un par version de TLS, sur de nouvelles connexions) sont restés sans réponse TLS ou ont expiré ; les versions de TLS et les suites acceptées par le serveur sont donc inconnues.
note-tls-probe-unanswered = Les versions de TLS et les suites acceptées par le serveur n'ont pas pu être déterminées : les ClientHello de la sonde sont restés sans réponse TLS ou ont expiré (serveur qui limite le nombre de connexions par client, ou lent à répondre). La négociation ci-dessus a abouti en TLS 1.2 ou plus, que Microsoft 365 utilise aussi ; relancez le test pour connaître le reste.

## Sécurité du domaine : MTA-STS et TLS-RPT (issue 13)

detail-mta-sts-none = { $domain } : pas de stratégie MTA-STS (aucun enregistrement v=STSv1 sur _mta-sts.{ $domain }) ; Microsoft 365 applique ici ses règles TLS habituelles. Pour en publier une : _mta-sts.{ $domain }. IN TXT "v=STSv1; id=20260101T000000" et, sur https://mta-sts.{ $domain }/.well-known/mta-sts.txt (text/plain) : { $example }
detail-mta-sts-record-invalid = _mta-sts.{ $domain } : l'enregistrement MTA-STS est inutilisable ({ $reason ->
        [several-records] { $value } enregistrements commencent par la balise de version, un seul est permis
        [version] l'enregistrement doit commencer par v=STSv1
        [id] l'id doit compter de 1 à 32 lettres et chiffres
        [id-missing] pas de champ id=
       *[syntax] une ligne ou un champ n'a pas la forme clé: valeur
    } : { $value }). Les expéditeurs ignorent la stratégie tant que l'enregistrement est incorrect.
detail-mta-sts-unreachable = { $url } : impossible de récupérer la stratégie MTA-STS ({ $reason ->
        [dns] le nom ne se résout pas : { $value }
        [connect] pas de connexion : { $value }
        [tls] le certificat HTTPS ou la négociation TLS n'est pas valide : { $value }
        [timeout] pas de réponse en { $value } s
        [redirect] le serveur répond par une redirection ({ $value }), que les expéditeurs ne doivent pas suivre
        [status] statut HTTP { $value }
        [content-type] le Content-Type est { $value }, pas text/plain
        [too-large] la stratégie dépasse { $value } octets
        [utf8] la stratégie n'est pas du texte
       *[http] erreur HTTP : { $value }
    }). Les expéditeurs sans copie en cache livrent comme s'il n'y avait pas de stratégie ; ceux qui en ont une continuent de l'appliquer jusqu'à expiration de max_age. Stratégie qui couvre les hôtes MX de ce test : { $example }
detail-mta-sts-policy-invalid = { $url } : la stratégie MTA-STS est inutilisable ({ $reason ->
        [version] la ligne version: STSv1 est absente ou incorrecte
        [mode] le mode doit être enforce, testing ou none
        [mode-missing] pas de ligne mode:
        [max-age] max_age doit être un nombre de secondes entre 0 et 31557600
        [max-age-missing] pas de ligne max_age:
        [mx] ce n'est pas un modèle de nom d'hôte
        [mx-missing] pas de ligne mx: (obligatoire en mode { $value })
       *[syntax] une ligne ou un champ n'a pas la forme clé: valeur
    } : { $value }). Les expéditeurs considèrent que le domaine n'a pas de stratégie. Stratégie qui couvre les hôtes MX de ce test : { $example }
detail-mta-sts-ok = { $domain } : stratégie MTA-STS en mode { $mode } (id { $id }, max_age { $max_age } s, mx { $patterns }) : { $unreached ->
        [none] chaque hôte MX y figure et présente un certificat valide pour son nom.
       *[other] chaque hôte MX y figure ; les certificats vus sont valides pour leur nom, mais { $unreached } n'en a présenté aucun pendant ce test (non vérifié).
    }
detail-mta-sts-mx-not-listed = { $domain } : l'hôte MX { $host } n'est couvert par aucune ligne mx de la stratégie MTA-STS (mode { $mode }, mx { $patterns }). { $effect ->
        [refused] En mode enforce, sans autre MX valide, Microsoft 365 refuse le message : 5.4.8 MX hosts of { $domain } failed MTA-STS validation.
        [reported] La stratégie est en mode testing : les expéditeurs se contentent de le signaler (TLS-RPT) et livrent ; en mode enforce, le courrier serait bloqué.
        [other-mx] Microsoft 365 ignore ce MX et livre par ceux qui sont valides ; corrigez-le avant qu'ils ne tombent.
        [dane] DANE s'applique à cet hôte et passe en premier (RFC 8461 section 2) ; la stratégie bloquerait le courrier vers lui le jour où DANE ne s'appliquera plus.
       *[ignored] La stratégie est en mode none (retirée) : rien n'est imposé.
    } Stratégie qui couvre les hôtes MX de ce test : { $example }
detail-mta-sts-certificate-invalid = { $domain } : { $host } ne présente pas de certificat valide pour son nom comme l'exige MTA-STS ({ $problem }). { $effect ->
        [refused] En mode enforce, sans autre MX valide, Microsoft 365 refuse le message : 5.7.5 Remote certificate failed MTA-STS validation.
        [reported] La stratégie est en mode testing : les expéditeurs se contentent de le signaler (TLS-RPT) et livrent ; en mode enforce, le courrier serait bloqué.
        [other-mx] Microsoft 365 ignore ce MX et livre par ceux qui sont valides ; corrigez-le avant qu'ils ne tombent.
        [dane] DANE s'applique à cet hôte et passe en premier (RFC 8461 section 2) ; la stratégie bloquerait le courrier vers lui le jour où DANE ne s'appliquera plus.
       *[ignored] La stratégie est en mode none (retirée) : rien n'est imposé.
    }
detail-tls-rpt-ok = TLS-RPT : les expéditeurs signalent les échecs TLS de { $domain } à { $rua }.
detail-tls-rpt-missing = TLS-RPT : pas d'enregistrement _smtp._tls.{ $domain }, aucun expéditeur ne signale donc les échecs TLS à ce domaine (facultatif). Par exemple : _smtp._tls.{ $domain }. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@{ $domain }"
detail-tls-rpt-invalid = TLS-RPT : l'enregistrement _smtp._tls.{ $domain } est inutilisable ({ $reason ->
        [several-records] { $value } enregistrements commencent par la balise de version, un seul est permis
        [version] l'enregistrement doit commencer par v=TLSRPTv1
        [rua] les adresses rua doivent être des URI mailto: ou https:
        [rua-missing] pas de champ rua=
        [dns] la requête DNS a échoué
       *[syntax] une ligne ou un champ n'a pas la forme clé: valeur
    } : { $value }) ; les expéditeurs n'envoient aucun rapport.
guide-mta-sts-policy-unreachable = Le domaine annonce MTA-STS (enregistrement TXT _mta-sts.<domaine>), mais sa stratégie ne peut pas être téléchargée depuis https://mta-sts.<domaine>/.well-known/mta-sts.txt. Publiez-la à cet endroit : un serveur web qui répond pour le nom mta-sts.<domaine> sur le port 443 avec un certificat à ce nom émis par une autorité publique, le fichier servi directement (200, Content-Type: text/plain, sans redirection, moins de 64 Ko). Si vous n'utilisez plus MTA-STS, publiez une stratégie en mode none pendant au moins max_age, puis supprimez l'enregistrement TXT.
guide-mta-sts-mx-not-listed = Un hôte MX du domaine n'est couvert par aucune ligne mx: de sa stratégie MTA-STS. En mode enforce, Microsoft 365 refuse de lui livrer (5.4.8 MX hosts of <domaine> failed MTA-STS validation) et refuse le message s'il ne reste aucun MX listé. Ajoutez l'hôte au fichier de stratégie (une ligne mx: par hôte, ou *.exemple.com pour tous les hôtes d'un niveau en dessous), puis changez l'id de l'enregistrement TXT _mta-sts.<domaine> pour que les expéditeurs récupèrent la nouvelle stratégie. Le détail propose une stratégie construite à partir des hôtes MX de ce test.
guide-mta-sts-certificate-invalid = Avec MTA-STS, l'hôte MX doit proposer STARTTLS avec un certificat chaîné à une autorité publique, en cours de validité et portant le nom de l'hôte MX (celui de l'enregistrement MX) dans ses noms alternatifs. Sinon, en mode enforce, Microsoft 365 refuse le message (5.7.5 Remote certificate failed MTA-STS validation). Installez un tel certificat sur le serveur (Exchange : New-ExchangeCertificate / Import-ExchangeCertificate puis Enable-ExchangeCertificate -Services SMTP ; Postfix : smtpd_tls_chain_files), ou passez la stratégie en mode testing le temps de corriger et changez l'id de l'enregistrement TXT.
guide-mta-sts-record-invalid = L'enregistrement TXT _mta-sts.<domaine> n'est pas un enregistrement MTA-STS valide : les expéditeurs ignorent donc la stratégie. Publiez un seul enregistrement de la forme "v=STSv1; id=20260101T000000" (v=STSv1 en premier, un id de 1 à 32 lettres et chiffres, à changer à chaque modification de la stratégie).
guide-mta-sts-policy-invalid = Le fichier de stratégie https://mta-sts.<domaine>/.well-known/mta-sts.txt ne respecte pas la RFC 8461 : les expéditeurs considèrent que le domaine n'a pas de stratégie. Il doit contenir, une par ligne : version: STSv1, mode: enforce (ou testing, ou none), une ligne mx: par hôte MX, max_age: secondes (31557600 au plus). Le détail propose une stratégie construite à partir des hôtes MX de ce test. Changez l'id de l'enregistrement TXT après la correction.
guide-tls-rpt-invalid = L'enregistrement TXT _smtp._tls.<domaine> (TLS-RPT, RFC 8460) n'est pas valide : les expéditeurs comme Microsoft 365 n'envoient donc aucun rapport TLS pour ce domaine. Publiez un seul enregistrement de la forme "v=TLSRPTv1; rua=mailto:tlsrpt@<domaine>" (rua : adresses mailto: ou https: séparées par des virgules).

# Private address on an MX route (UseMXRecord): fixed in the public MX records, not in smart hosts
detail-resolve-private-mx = Un hôte MX de { $name } se résout ici en adresse privée ({ $private } ; toutes : { $addresses }). Microsoft 365 interroge les enregistrements MX dans le DNS public, depuis Internet, où la réponse peut être différente : c'est la réponse interne qui est testée ici.
guide-resolve-private-address-mx = Ceci est un avertissement : un hôte MX du domaine destinataire se résout ici en adresse privée (RFC 1918, CGNAT 100.64.0.0/10, bouclage ou IPv6 unique-local), que Microsoft 365 ne peut pas joindre depuis Internet. Interrogez les enregistrements publics depuis l'extérieur (par exemple Resolve-DnsName contoso.com -Type MX -Server 8.8.8.8, puis l'enregistrement A de chaque hôte MX) et vérifiez que chaque hôte MX donne l'adresse publique que votre pare-feu redirige vers le serveur de messagerie sur le port 25 ; sinon, corrigez les enregistrements MX ou A dans la zone DNS publique. Relancez ensuite la vérification depuis l'extérieur de votre réseau, ou avec --dns-server pointant vers un résolveur public.

## Sécurité du domaine : l'adresse de test que Microsoft 365 n'atteindrait pas
not-reached-domain-security = Non atteint par Microsoft 365 : il met le courrier en attente au contrôle « Sécurité du domaine » de cet hôte (DANE ou MTA-STS), avant l'adresse de test. Cet outil a poursuivi et le serveur a répondu ; corrigez d'abord l'échec de sécurité du domaine.
