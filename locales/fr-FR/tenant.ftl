# tenant
# Diagnostic de l'erreur 550 5.7.64 TenantAttribution et explication des erreurs SMTP (français).

## Libellés du diagnostic

tenant-title = Diagnostic de l'erreur 550 5.7.64 TenantAttribution
tenant-severity-fail = Problème
tenant-severity-warn = À vérifier
tenant-severity-info = Information
tenant-source-logs = d'après les journaux de protocole SMTP d'envoi
tenant-source-file = d'après le fichier de certificat
tenant-source-live = d'après une connexion directe au serveur
tenant-certificate-heading = Certificat envoyé par le serveur local ({ $source })
tenant-no-certificate = Aucun certificat envoyé par le serveur local n'a été trouvé.
tenant-field-subject = Objet
tenant-field-issuer = Émetteur
tenant-field-serial = Numéro de série
tenant-field-thumbprint = Empreinte numérique
tenant-field-sans = Autres noms
tenant-field-first-seen = Premier envoi
tenant-field-last-seen = Dernier envoi
tenant-field-not-after = Valide jusqu'au
tenant-field-sessions = Sessions
tenant-sessions-value = { $sessions } { $sessions ->
    [one] session
   *[other] sessions
}, dont { $rejected } { $rejected ->
    [one] refusée
   *[other] refusées
} avec 5.7.64
tenant-changes-heading = Changements de certificat
tenant-change-line = { $at } : { $from } ({ $from_thumbprint }) → { $to } ({ $to_thumbprint })
tenant-findings-heading = Constats
tenant-no-findings = Rien dans ces données n'explique un refus 5.7.64.
tenant-guidance-label = Que faire
tenant-notes-heading = Remarques
tenant-warnings-heading = Problèmes dans les fichiers journaux (le reste a été lu)
tenant-warning-line = { $file }, ligne { $line } : { $problem }
tenant-warning-file = { $file } : { $problem }
tenant-warnings-dropped = … et { $count ->
    [one] { $count } autre problème non affiché
   *[other] { $count } autres problèmes non affichés
}.
tenant-log-summary = { $files } { $files ->
    [one] fichier lu
   *[other] fichiers lus
}, { $megabytes } Mo, { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} ; { $rejected } { $rejected ->
    [one] refusée
   *[other] refusées
} avec 5.7.64.
tenant-verdict-pass = Résultat : aucune cause d'erreur 5.7.64 trouvée.
tenant-verdict-fail = Résultat : au moins une cause d'erreur 5.7.64 trouvée.
tenant-error = Erreur
tenant-value-none = aucun

## Problèmes de lecture des journaux

log-error-not-found = Impossible de lire { $path } : { $error }
log-error-empty-folder = Le dossier { $path } ne contient aucun fichier. Indiquez avec --log le dossier SmtpSend (Get-TransportService | Select Name,SendProtocolLogPath indique où il se trouve) et vérifiez que la journalisation de protocole est activée sur le connecteur d'envoi.
log-warn-read-error = Lecture interrompue : { $error }
log-warn-special-file = Cet élément du dossier de journaux est { $kind ->
    [fifo] un tube nommé (FIFO)
    [device] un périphérique
   *[other] un fichier spécial
} ; il a été ignoré.
log-warn-line-too-long = Cette ligne dépasse { $bytes } octets ; elle a été ignorée.
log-warn-non-utf8 = Cette ligne contient des octets qui ne sont pas de l'UTF-8 ; ils ont été remplacés et la ligne a été lue.
log-warn-header-missing-column = Il manque la colonne { $column } dans l'en-tête #Fields ; ce fichier a été ignoré.
log-warn-no-header = Ce fichier n'a pas d'en-tête #Fields ; il a été lu avec les colonnes par défaut d'Exchange ({ $fields }).
log-warn-not-a-log = Ce fichier n'est pas un journal de protocole SMTP d'envoi ; il a été ignoré.
log-warn-truncated-line = La dernière ligne est coupée (le fichier était sans doute en cours d'écriture) ; elle a été ignorée.
log-warn-short-line = Cette ligne a { $found } { $found ->
    [one] colonne
   *[other] colonnes
} au lieu de { $expected } ; elle a été ignorée.
log-warn-unclosed-quote = Un guillemet n'est pas refermé sur cette ligne ; la ligne a été lue jusqu'au bout.
log-warn-too-many-fields = Cette ligne a trop de colonnes ; elle a été ignorée.
log-warn-too-many-sessions = Plus de { $limit } sessions étaient ouvertes en même temps ; les plus anciennes ont été clôturées plus tôt (leurs lignes suivantes comptent comme de nouvelles sessions).
log-warn-too-many-certificates = Plus de { $limit } certificats différents ont été envoyés ; les suivants ne sont pas listés.

## Problèmes de saisie

input-bad-ip = « { $value } » n'est ni une adresse IP ni une plage CIDR (par exemple 203.0.113.25 ou 203.0.113.0/24).
input-bad-json = Ce JSON n'est pas valide : { $error }
input-json-no-connector = Le JSON ne contient aucun connecteur. Utilisez la sortie de Get-InboundConnector | ConvertTo-Json.
input-json-no-domain = Le JSON ne contient aucun champ DomainName. Utilisez la sortie de Get-AcceptedDomain | ConvertTo-Json.
input-cert-file = Le fichier de certificat est inutilisable : { $error }
input-read-file = Impossible de lire { $path } : { $error }
input-file-not-text = { $path } n'est pas un texte lisible par cet outil : { $reason ->
        [truncated] il commence en UTF-16 mais s'arrête au milieu d'un caractère (fichier tronqué)
        [surrogate] son UTF-16 contient un caractère invalide à l'octet { $offset }
        [nul] il contient des octets NUL à partir de l'octet { $offset } (UTF-16 sans indicateur d'ordre des octets ?)
       *[utf8] l'octet { $offset } n'est pas de l'UTF-8 (export Windows « ANSI » ?)
    }. Exportez-le de nouveau, par exemple : Get-InboundConnector | ConvertTo-Json | Out-File -Encoding utf8 inbound.json
input-empty-path = Le chemin est vide.
input-no-certificate-source = Aucune source pour le certificat : indiquez les journaux de protocole SMTP Send, un fichier de certificat ou le serveur auquel se connecter.
input-no-connector-setting = Le connecteur entrant est inconnu : indiquez son TlsSenderCertificateName ou ses SenderIPAddresses (saisis, ou issus de Get-InboundConnector | ConvertTo-Json).
input-send-connector-not-found = Aucune session du connecteur d'envoi « { $name } » dans les journaux. Connecteurs d'envoi présents : { $seen }.
input-logs-no-session = Les journaux ne contiennent aucune session SMTP. Vérifiez que la journalisation de protocole est au niveau Verbose sur le connecteur d'envoi (Set-SendConnector "nom" -ProtocolLoggingLevel Verbose) et qu'il s'agit bien des journaux SmtpSend.
input-live-unavailable = La lecture du certificat par connexion directe n'est pas disponible dans cette version.
input-live-failed = La connexion directe a échoué : { $problem }
input-report-unavailable = L'écriture d'un rapport pour ce diagnostic n'est pas disponible dans cette version.
input-report-failed = Le rapport n'a pas pu être écrit : { $error }
input-explain-empty = Rien à expliquer : donnez la réponse SMTP ou le texte du rapport de non-remise en argument, ou sur l'entrée standard.

## Remarques

note-tls-name-issuer-subject = Le TlsSenderCertificateName du connecteur est sous la forme émetteur et objet (<I>{ $issuer }<S>{ $subject }) ; il a été comparé comme { $name }.
note-several-inbound-connectors = Le JSON contient { $count } connecteurs entrants ; « { $name } » a été retenu (le premier connecteur OnPremises activé).
note-ip-unreadable = L'entrée « { $value } » de SenderIPAddresses est illisible ; elle a été ignorée.
note-other-certificate-not-sent = Le certificat { $source ->
        [live] vu lors de la connexion directe
       *[other] du fichier
    } ({ $subject }, { $thumbprint }) n'est pas celui que le serveur envoie d'après les journaux ({ $sent_thumbprint }).
note-no-tls-sender-name = Le TlsSenderCertificateName est inconnu : le nom du certificat n'a donc pas été comparé. Indiquez --tls-sender-certificate-name ou --inbound-connector-json.
note-private-local-ip = D'après les journaux, le serveur envoie depuis { $ip }, une adresse privée : Microsoft 365 voit à la place l'adresse publique après la traduction d'adresses (NAT). Indiquez-la avec --sending-ip pour la comparer à SenderIPAddresses.
note-sending-ip-unknown = L'adresse publique d'envoi du serveur est inconnue : SenderIPAddresses n'a donc pas pu être vérifié. Indiquez-la avec --sending-ip.
note-several-send-connectors = Les journaux contiennent plusieurs connecteurs d'envoi ({ $connectors }), lus ensemble. Choisissez avec --send-connector celui qui relaie vers Microsoft 365.
note-rejections-unexplained = { $count ->
    [one] { $count } session a été refusée
   *[other] { $count } sessions ont été refusées
} avec 5.7.64 (la dernière le { $last }), mais les paramètres fournis correspondent à ce que le serveur envoie. Vérifiez qu'il s'agit bien de ceux d'Exchange Online : exportez-les avec Get-InboundConnector | ConvertTo-Json et donnez le fichier avec --inbound-connector-json.

## Constats

finding-connector-not-on-premises = Le connecteur entrant est de type { $type }. Seul un connecteur OnPremises permet à Microsoft 365 de relayer le courrier de vos propres serveurs.
finding-connector-disabled = Le connecteur entrant est désactivé : il ne peut pas reconnaître le serveur local.
finding-name-mismatch = Le certificat envoyé par le serveur ({ $subject }, empreinte { $thumbprint }) { $names ->
        [none] ne porte aucun nom
       *[other] porte le ou les noms { $names }
    }, et aucun ne correspond au TlsSenderCertificateName { $setting }. { $rejected } de ses { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} dans les journaux { $rejected ->
    [one] a été refusée
   *[other] ont été refusées
} avec 5.7.64.
finding-certificate-expired = Le certificat { $subject } a expiré le { $not_after }.
finding-certificate-changed = Le { $at }, le serveur a commencé à envoyer un autre certificat : avant, { $from_subject } ({ $from_thumbprint }) ; depuis, { $to_subject } ({ $to_thumbprint }). { $rejected } { $rejected ->
    [one] session avec le nouveau certificat a été refusée
   *[other] sessions avec le nouveau certificat ont été refusées
} avec 5.7.64.
finding-certificate-changed-broke = Le { $at }, le serveur a commencé à envoyer un autre certificat, qui ne correspond plus au TlsSenderCertificateName { $setting } : avant, { $from_subject } ({ $from_thumbprint }), qui correspondait ; depuis, { $to_subject } ({ $to_thumbprint }), qui ne correspond pas. { $rejected } { $rejected ->
    [one] session avec le nouveau certificat a été refusée
   *[other] sessions avec le nouveau certificat ont été refusées
} avec 5.7.64 (la première le { $first_rejection }).
finding-domain-att36 = { $count ->
    [one] { $count } session a été refusée
   *[other] { $count } sessions ont été refusées
} avec { $code } : le domaine n'est pas un domaine accepté du locataire. Réponse : { $reply }
finding-domain-certificate-not-accepted = Le domaine du certificat, { $domain }, n'est pas un domaine accepté du locataire (domaines acceptés : { $accepted }).
finding-domain-sender-not-accepted = Le domaine de l'expéditeur, { $domain }, n'est pas un domaine accepté du locataire (domaines acceptés : { $accepted }).
finding-ip-not-listed = Le serveur envoie depuis { $ip }{ $origin ->
        [log] {" "}(vu dans les journaux)
       *[other] {""}
    }, qui ne figure pas dans SenderIPAddresses ({ $listed }).
finding-no-tls = { $sessions ->
    [one] La seule session des journaux n'a pas démarré TLS
   *[other] Aucune des { $sessions } sessions des journaux n'a démarré TLS
} : aucun certificat n'a donc pu être envoyé.
finding-no-certificate-sent = Le serveur a démarré TLS dans { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} sans jamais envoyer de certificat ; { $rejected } d'entre elles { $rejected ->
    [one] a été refusée
   *[other] ont été refusées
} avec 5.7.64.
finding-some-sessions-without-certificate = { $sessions ->
    [one] { $sessions } session a démarré
   *[other] { $sessions } sessions ont démarré
} TLS sans envoyer de certificat ; { $rejected } d'entre elles { $rejected ->
    [one] a été refusée
   *[other] ont été refusées
} avec 5.7.64.
finding-chain-incomplete-live = Le serveur envoie { $count } { $count ->
    [one] certificat
   *[other] certificats
} et la chaîne s'arrête à { $issuer }, que le serveur n'envoie pas et qui n'est pas une racine reconnue. Il manque le certificat intermédiaire.
finding-chain-incomplete-file = Le fichier contient { $count } { $count ->
    [one] certificat
   *[other] certificats
} et la chaîne s'arrête à { $issuer }, qui n'est ni dans le fichier ni une racine reconnue. Vérifiez que le serveur possède le certificat intermédiaire et l'envoie.

## Conseils : quoi changer, et où

guide-attribution-certificate-name-mismatch = Mettez le connecteur et le certificat d'accord, de l'une de ces deux façons.
    1. Relancez l'Assistant Configuration hybride (à télécharger depuis le centre d'administration Exchange) et, sur la page du certificat de transport, choisissez le certificat que le serveur envoie aujourd'hui.
    2. Ou modifiez le connecteur entrant à la main dans Exchange Online PowerShell : Set-InboundConnector { $connector ->
        [none] <nom du connecteur entrant>
       *[other] { $connector }
    } -TlsSenderCertificateName { $suggested ->
        [none] <nom-du-certificat>
       *[other] { $suggested }
    }
    Comment les noms se comparent : la valeur *.contoso.com accepte un certificat pour n'importe quel nom sous contoso.com (mail.contoso.com, smtp.eu.contoso.com) ainsi que le certificat générique *.contoso.com lui-même ; une valeur sans étoile, comme mail.contoso.com, exige un certificat qui porte exactement ce nom, et un certificat générique *.contoso.com exige la valeur *.contoso.com (article 5.7.64 de Microsoft). L'objet et les autres noms du certificat comptent tous deux. La prise en compte des changements peut prendre un moment.
guide-attribution-certificate-expired = Renouvelez le certificat sur le serveur local et attribuez-le au service SMTP (Enable-ExchangeCertificate -Services SMTP), puis relancez l'Assistant Configuration hybride et choisissez-le sur la page du certificat de transport, ou exécutez Set-InboundConnector { $connector ->
        [none] <nom du connecteur entrant>
       *[other] { $connector }
    } -TlsSenderCertificateName avec le nom du nouveau certificat.
guide-attribution-certificate-changed = Quand un certificat renouvelé porte un autre nom, le connecteur entrant doit suivre. Relancez l'Assistant Configuration hybride et choisissez le nouveau certificat sur la page du certificat de transport, ou exécutez Set-InboundConnector { $connector ->
        [none] <nom du connecteur entrant>
       *[other] { $connector }
    } -TlsSenderCertificateName { $suggested ->
        [none] <nom-du-certificat>
       *[other] { $suggested }
    }. Si c'est l'ancien certificat qui était le bon, attribuez-le de nouveau au service SMTP sur le serveur local (Enable-ExchangeCertificate) et vérifiez le TlsCertificateName du connecteur d'envoi.
guide-attribution-domain-not-accepted = Ajoutez { $domain ->
        [none] le domaine
       *[other] { $domain }
    } comme domaine accepté du locataire et vérifiez-le (centre d'administration Microsoft 365, Paramètres, Domaines), ou utilisez un certificat et un domaine d'expéditeur appartenant à un domaine que le locataire a déjà vérifié. Get-AcceptedDomain liste les domaines acceptés.
guide-attribution-ip-not-listed = Ajoutez l'adresse publique du serveur au connecteur entrant : Set-InboundConnector { $connector ->
        [none] <nom du connecteur entrant>
       *[other] { $connector }
    } -SenderIPAddresses { $addresses }
    Indiquez l'adresse que voit Microsoft 365, après la traduction d'adresses (NAT) ; un connecteur fondé sur le certificat (TlsSenderCertificateName) ne casse pas quand l'adresse change.
guide-attribution-no-certificate-sent = Le connecteur d'envoi qui relaie vers Microsoft 365 doit présenter un certificat. Sur le serveur local, définissez-le avec Set-SendConnector { $send_connector ->
        [none] <nom du connecteur d'envoi>
       *[other] { $send_connector }
    } -TlsCertificateName "<I>émetteur<S>objet" (les valeurs qu'affiche Get-ExchangeCertificate), vérifiez que le certificat est attribué au service SMTP et laissez RequireTLS activé. Pour voir ce qui est envoyé, activez Set-SendConnector … -ProtocolLoggingLevel Verbose et lisez les journaux du dossier qu'indique Get-TransportService | Select Name,SendProtocolLogPath.
guide-attribution-chain-incomplete = Installez le certificat intermédiaire de l'autorité émettrice sur le serveur local (dans le magasin « Autorités de certification intermédiaires » de l'ordinateur) pour que le serveur envoie toute la chaîne, puis redémarrez le service Transport Microsoft Exchange. Une chaîne incomplète peut provoquer l'erreur 5.7.64 même quand le nom correspond.
guide-attribution-connector-not-on-premises = Utilisez un connecteur entrant de type OnPremises pour le courrier relayé depuis vos propres serveurs (Set-InboundConnector { $connector ->
        [none] <nom du connecteur entrant>
       *[other] { $connector }
    } -ConnectorType OnPremises), ou relancez l'Assistant Configuration hybride, qui le crée.
guide-attribution-connector-disabled = Activez le connecteur entrant : Set-InboundConnector { $connector ->
        [none] <nom du connecteur entrant>
       *[other] { $connector }
    } -Enabled $true

## Explication des erreurs

explain-heading = Explication
explain-found-in = Trouvé dans
explain-meaning-label = Ce que cela signifie
explain-fix-label = Que faire
explain-wizard-validation = Ouvrez l'assistant de validation du connecteur (connector-doctor check) pour tester le connecteur depuis ce poste.
explain-wizard-tenant-attribution = Ouvrez le diagnostic 5.7.64 (connector-doctor tenant-attribution) avec les journaux de protocole du connecteur d'envoi.
explain-wizard-none = Aucun assistant ne s'applique à cette erreur.

explain-tenant-attribution-meaning = { $code } : Microsoft 365 n'a pas pu rattacher le serveur d'envoi à votre locataire et a donc refusé de relayer le message (TenantAttribution; Relay Access Denied). Le connecteur entrant reconnaît le serveur par son certificat (TlsSenderCertificateName) ou par son adresse IP (SenderIPAddresses), et aucun des deux ne correspond ; les causes habituelles sont un certificat renouvelé sous un autre nom, une adresse IP publique qui a changé ou un certificat intermédiaire manquant.
explain-tenant-attribution-fix = Déterminez quel certificat et quelle adresse le serveur local utilise réellement (ses journaux de protocole SmtpSend montrent le certificat), puis mettez le connecteur entrant en accord : relancez l'Assistant Configuration hybride et choisissez le certificat actuel, ou utilisez Set-InboundConnector -TlsSenderCertificateName / -SenderIPAddresses.
explain-att36-meaning = Un refus 5.7.64 avec ATTR36 (parfois écrit ATT36) : le domaine de l'expéditeur, ou celui du certificat, n'est pas un domaine accepté et vérifié du locataire Microsoft 365.
explain-att36-fix = Ajoutez le domaine au locataire et vérifiez-le (centre d'administration Microsoft 365, Paramètres, Domaines), ou envoyez avec un domaine et un certificat que le locataire a déjà vérifiés. Get-AcceptedDomain liste les domaines acceptés.
explain-connection-refused-meaning = { $code } : Microsoft 365 n'a pas pu ouvrir de connexion vers le serveur de destination sur le port 25 (connexion refusée).
explain-connection-refused-fix = Vérifiez que l'hôte actif ou l'enregistrement MX désigne le bon serveur, que le service SMTP fonctionne et que le pare-feu laisse entrer les adresses d'Exchange Online Protection sur le port TCP 25.
explain-cannot-connect-meaning = { $code } : Microsoft 365 a joint le serveur mais n'a pas pu dialoguer avec lui ; une cause fréquente est un serveur qui exige STARTTLS tout en présentant un certificat expiré ou remplacé.
explain-cannot-connect-fix = Vérifiez le certificat du serveur destinataire (validité, nom, chaîne) et ses paramètres TLS, puis validez de nouveau le connecteur sortant.
explain-certificate-validation-failed-meaning = { $code } : le certificat présenté par le serveur destinataire ne satisfait pas les paramètres TLS du connecteur (émetteur non approuvé, ou nom différent du domaine TLS).{ $reason ->
        [none] {""}
       *[other] {" "}Raison indiquée : { $reason } (SubjectMismatch : le nom ; ChainNotTrusted / UntrustedRoot : l'émetteur ; Expired : les dates).
    }
explain-certificate-validation-failed-fix = Installez un certificat d'une autorité de certification publique dont le nom correspond au TlsDomain du connecteur, ou modifiez TlsSettings / TlsDomain sur le connecteur sortant pour qu'ils correspondent au certificat.
explain-certificate-expired-meaning = { $code } : le certificat présenté pendant TLS a expiré (CertificateExpired).
explain-certificate-expired-fix = Renouvelez le certificat sur le serveur qui l'a présenté et attribuez-le au service SMTP ; dans une configuration hybride, relancez l'Assistant Configuration hybride et choisissez le nouveau certificat.
explain-server-busy-meaning = { $code } : le serveur est occupé ou en cours d'arrêt et demande de réessayer plus tard. C'est temporaire ; l'expéditeur réessaie de lui-même.
explain-server-busy-fix = Attendez et réessayez. Si cela dure, vérifiez la charge et les limites de connexions du serveur destinataire.
explain-mailbox-unknown-meaning = { $code } : la boîte aux lettres du destinataire n'existe pas sur le serveur destinataire.
explain-mailbox-unknown-fix = Vérifiez l'adresse (avant et après le @) et que la boîte aux lettres existe et est active.
explain-relay-denied-meaning = { $code } : le serveur destinataire refuse d'accepter du courrier pour ce domaine de la part de cet expéditeur (relais refusé).
explain-relay-denied-fix = Vérifiez que le serveur destinataire accepte le domaine du destinataire (domaine accepté, autorisations du connecteur de réception) et que les domaines de destinataires du connecteur le couvrent. Si le refus vient de Microsoft 365 pour du courrier de vos propres serveurs, lancez le diagnostic 5.7.64.
explain-generic-policy-permanent-meaning = { $code } : un refus définitif pour une raison de sécurité ou de stratégie (classe 5.7).
explain-generic-policy-permanent-fix = Lisez le texte qui suit le code pour connaître la raison exacte (authentification, relais, réputation, TLS), corrigez ce paramètre, puis renvoyez le message.
explain-generic-policy-transient-meaning = { $code } : un refus temporaire pour une raison de sécurité ou de stratégie (classe 4.7) ; l'expéditeur réessaiera.
explain-generic-policy-transient-fix = Lisez le texte qui suit le code pour connaître la raison ; si le message reste en file d'attente, corrigez ce paramètre côté destinataire.
explain-generic-address-permanent-meaning = { $code } : un problème définitif d'adresse (classe 5.1) : elle n'existe pas ou sa syntaxe est fausse.
explain-generic-address-permanent-fix = Vérifiez l'orthographe des adresses de l'expéditeur et du destinataire et qu'elles existent.
explain-generic-mailbox-permanent-meaning = { $code } : un problème définitif de la boîte aux lettres du destinataire (classe 5.2), par exemple une boîte pleine ou désactivée.
explain-generic-mailbox-permanent-fix = Demandez à l'administrateur du destinataire de vérifier la boîte aux lettres (quota, état), puis renvoyez le message.
explain-generic-mailbox-transient-meaning = { $code } : un problème temporaire de la boîte aux lettres du destinataire (classe 4.2) ; l'expéditeur réessaiera.
explain-generic-mailbox-transient-fix = En général, rien à faire ; si cela dure, l'administrateur du destinataire doit vérifier la boîte aux lettres.
explain-generic-network-permanent-meaning = { $code } : un problème définitif de réseau ou d'acheminement (classe 5.4), par exemple aucune route vers la destination ou une boucle de messagerie.
explain-generic-network-permanent-fix = Vérifiez les enregistrements DNS (MX) et les connecteurs ou hôtes actifs qui acheminent ce domaine.
explain-generic-network-transient-meaning = { $code } : un problème temporaire de réseau ou d'acheminement (classe 4.4) ; l'expéditeur réessaiera.
explain-generic-network-transient-fix = Vérifiez que le serveur de destination est joignable sur le port 25 et que ses enregistrements DNS sont justes ; validez le connecteur depuis ce poste.
explain-generic-system-permanent-meaning = { $code } : un problème définitif du système de messagerie (classe 5.3), par exemple un message trop volumineux pour le serveur.
explain-generic-system-permanent-fix = Lisez le texte qui suit le code ; vérifiez les limites du serveur (taille des messages) et son état.
explain-generic-system-transient-meaning = { $code } : un problème temporaire du système de messagerie (classe 4.3), par exemple un serveur occupé ou plein ; l'expéditeur réessaiera.
explain-generic-system-transient-fix = Attendez et réessayez ; si cela dure, vérifiez la charge et l'espace disque du serveur destinataire.
explain-generic-permanent-meaning = { $code } : un échec définitif : le message ne sera pas remis en l'état.
explain-generic-permanent-fix = Lisez le texte qui suit le code pour connaître la raison, corrigez-la, puis renvoyez le message.
explain-generic-transient-meaning = { $code } : un échec temporaire : l'expéditeur garde le message et réessaie.
explain-generic-transient-fix = En général, rien à faire tout de suite ; si le message reste en file d'attente pendant des heures, examinez le serveur destinataire.
explain-generic-success-meaning = { $code } : une réponse de réussite ; rien n'a échoué ici.
explain-generic-success-fix = Rien à faire pour cette ligne. Si un message n'est toujours pas arrivé, collez la ligne qui porte l'erreur (4xx ou 5xx).
explain-unrecognised-meaning = Aucun code d'état SMTP (comme 550 5.7.64) n'a été trouvé dans ce texte.
explain-unrecognised-fix = Collez la ligne du rapport de non-remise qui contient le code : elle suit en général « Remote Server returned » ou « Informations de diagnostic pour les administrateurs ».

## Preuves déjà disponibles pour l'administrateur : NDR, suivi des messages, JSON du connecteur d'envoi et des certificats (issue 10)

input-ndr-no-status = { $path } ne contient aucun état de remise : ni champ Status ou Diagnostic-Code, ni ligne « Remote Server returned ». Fournissez le NDR en fichier .eml (Outlook : Enregistrer sous) ou collez ses « Informations de diagnostic pour les administrateurs ».
input-trace-bad-csv = { $path } n'est pas un fichier CSV lisible : { $error }
input-trace-not-trace = { $path } n'a aucune des colonnes d'un suivi des messages (origin_timestamp_utc ou date_time_utc ou Received, et sender_address ou recipient_address). Exportez le rapport de recherche historique depuis le Centre d'administration Exchange, ou Get-MessageTrace | Export-Csv.
input-json-no-send-connector = { $path } ne contient aucun connecteur d'envoi (pas de Name). Utilisez la sortie de Get-SendConnector | ConvertTo-Json.
input-json-no-certificate = { $path } ne contient aucun certificat (pas de Thumbprint). Utilisez la sortie de Get-ExchangeCertificate | ConvertTo-Json.
note-evidence-certificates-missing = Le JSON du connecteur d'envoi a été lu sans Get-ExchangeCertificate | ConvertTo-Json : le certificat désigné par TlsCertificateName n'a pas pu être vérifié.
note-send-connector-certificate-ending = Le certificat { $thumbprint } du connecteur d'envoi expire le { $not_after } et aucun certificat renouvelé n'est encore installé. Au renouvellement, vérifiez que TlsCertificateName le désigne toujours et que son nom correspond à TlsSenderCertificateName.
finding-send-connector-certificate-unset = Le connecteur d'envoi « { $send_connector } » n'a pas de TlsCertificateName : Exchange choisit un certificat d'après le FQDN du connecteur, sans garantie que ce soit celui qu'attend le connecteur entrant de Microsoft 365.
finding-send-connector-certificate-not-found = Le connecteur d'envoi « { $send_connector } » désigne le certificat { $value } dans TlsCertificateName, et aucun certificat installé n'a cet émetteur et ce sujet. Exchange n'envoie alors aucun certificat (454 4.7.5 dans les journaux) et Microsoft 365 répond 5.7.64.
finding-send-connector-certificate-issuer-changed = Le connecteur d'envoi « { $send_connector } » désigne le certificat { $value } dans TlsCertificateName, mais le certificat installé avec ce sujet ({ $thumbprint }) a été émis par { $issuer } : le renouvellement a changé l'émetteur, le connecteur ne le trouve plus et n'envoie aucun certificat (454 4.7.5, puis 5.7.64).
finding-send-connector-certificate-unusable = Le certificat { $thumbprint } ({ $subject }) utilisé par le connecteur d'envoi « { $send_connector } » ne peut pas être présenté : { $problems } (no-private-key : la clé privée manque ; expired : il a expiré le { $not_after }).
finding-send-connector-certificate-not-smtp = Le certificat { $thumbprint } du connecteur d'envoi n'est pas activé pour SMTP (services : { $services }).
finding-send-connector-certificate-name-mismatch = Le connecteur d'envoi « { $send_connector } » présente le certificat { $thumbprint }, dont les noms ({ $names }) ne correspondent pas au TlsSenderCertificateName « { $setting } » du connecteur entrant : Microsoft 365 ne reconnaîtra pas le serveur (5.7.64).
finding-send-connector-renewal-risk = Un certificat plus récent est installé : { $thumbprint } ({ $subject }, émis par { $issuer }, noms { $names }). { $found ->
        [no] TlsCertificateName ne le désigne pas : quand l'ancien expirera, le connecteur ne trouvera plus de certificat.
       *[yes] {""}
    }{ $names_ok ->
        [no] {" "}Ses noms ne correspondent pas au TlsSenderCertificateName « { $setting } » : passer à ce certificat provoquera des 5.7.64.
       *[yes] {""}
    }
finding-trace-ip-not-listed = Le suivi des messages montre { $count } refus depuis { $ip }, l'adresse vue par Microsoft 365, absente de SenderIPAddresses ({ $listed }).{ $family ->
        [ipv6] {" "}C'est une adresse IPv6 : SenderIPAddresses n'accepte que de l'IPv4.
       *[ipv4] {""}
    }
guide-attribution-send-connector-certificate-unset = Désignez le certificat explicitement : $c = Get-ExchangeCertificate -Thumbprint <empreinte>; Set-SendConnector { $send_connector } -TlsCertificateName "<I>$($c.Issuer)<S>$($c.Subject)"
guide-attribution-send-connector-certificate-not-found = Faites pointer le connecteur d'envoi vers le certificat installé : Set-SendConnector { $send_connector } -TlsCertificateName { $value } (ou relancez l'Assistant Configuration hybride et choisissez le certificat sur la page du certificat de transport).
guide-attribution-send-connector-certificate-unusable = Renouvelez ou réimportez le certificat avec sa clé privée, activez-le pour SMTP (Enable-ExchangeCertificate -Thumbprint { $thumbprint } -Services SMTP), puis faites pointer TlsCertificateName vers lui.
guide-attribution-send-connector-certificate-not-smtp = Activez le certificat pour SMTP : Enable-ExchangeCertificate -Thumbprint { $thumbprint } -Services SMTP
guide-attribution-send-connector-certificate-name-mismatch = Soit vous donnez au connecteur d'envoi un certificat dont le nom correspond à « { $setting } », soit vous modifiez le connecteur entrant : Set-InboundConnector <nom> -TlsSenderCertificateName { $suggested }
guide-attribution-send-connector-renewal-risk = Avant l'expiration de l'ancien certificat : Set-SendConnector { $send_connector } -TlsCertificateName { $value }, et alignez le TlsSenderCertificateName du connecteur entrant sur le nom du nouveau certificat (ou relancez l'Assistant Configuration hybride).
guide-attribution-trace-ip-not-listed = { $family ->
        [ipv6] Faites relayer le serveur vers Microsoft 365 en IPv4 (ou passez à un connecteur par certificat avec TlsSenderCertificateName) : une adresse IPv6 ne peut pas être ajoutée à SenderIPAddresses.
       *[ipv4] Ajoutez { $ip } à SenderIPAddresses sur le connecteur entrant (en gardant les entrées existantes), ou passez à un connecteur par certificat avec TlsSenderCertificateName.
    }
tenant-evidence-heading = Éléments fournis par Exchange
tenant-evidence-ndr = NDR { $source } : { $status }, émis par { $reporting }, serveur distant { $remote }{ $connector ->
        [none] {""}
       *[other] , connecteur « { $connector } »
    }
tenant-evidence-trace = Suivi des messages { $source } : { $rows } lignes, { $failed } refus ({ $first } → { $last })
tenant-evidence-trace-event = { $code } : { $count } fois ({ $first } → { $last })
tenant-evidence-trace-ips = Adresses IP clientes vues par Microsoft 365 : { $ips }
tenant-evidence-trace-domains = Domaines expéditeurs : { $senders } ; domaines destinataires : { $recipients }
tenant-evidence-send-connector = Connecteur d'envoi « { $name } » : TlsCertificateName { $value }
tenant-evidence-certificate = Certificat { $thumbprint } : { $subject }, émis par { $issuer }, expire le { $not_after }, services { $services }, clé privée { $key }
explain-ndr-heading = NDR { $source }
explain-ndr-status = État
explain-ndr-diagnostic-code = Code de diagnostic
explain-ndr-reporting-mta = Signalé par
explain-ndr-remote-mta = Serveur distant
explain-ndr-recipient = Destinataire
explain-ndr-connector = Connecteur
explain-reason = Raison
explain-tenant-inbound-attribution-meaning = { $code } TenantInboundAttribution : un connecteur entrant de type Partner dans Microsoft 365 a reconnu le message (par son domaine) et sa restriction l'a refusé — le serveur d'envoi n'a ni le certificat ni l'adresse IP exigés par ce connecteur.
explain-tenant-inbound-attribution-fix = Vérifiez les connecteurs entrants Partner (Get-InboundConnector) : si le courrier vient de votre propre serveur local, il faut un connecteur OnPremises et non Partner ; sinon, alignez RestrictDomainsToCertificate / RestrictDomainsToIPAddresses sur le certificat et les adresses du partenaire.
explain-attribution-5-7-68-meaning = { $code } : Microsoft 365 a refusé le message en l'attribuant à un locataire (même famille que 5.7.64). Microsoft ne documente pas ce code dans sa liste de NDR.
explain-attribution-5-7-68-fix = Lancez le diagnostic 5.7.64 : vérifiez qu'un connecteur entrant OnPremises reconnaît le serveur d'envoi (certificat ou IP) et que le domaine de l'expéditeur ou du certificat est un domaine accepté.
explain-starttls-required-meaning = { $code } : le destinataire exige TLS (connecteur entrant avec RequireTls) et le serveur d'envoi n'a pas lancé STARTTLS.
explain-starttls-required-fix = Activez TLS sur le connecteur d'envoi local (Set-SendConnector <nom> -RequireTLS $true, avec un certificat dans TlsCertificateName) et vérifiez que rien entre le serveur et Microsoft 365 ne retire STARTTLS.
explain-send-certificate-not-found-meaning = { $code } : le certificat désigné par le TlsCertificateName du connecteur d'envoi est introuvable sur le serveur Exchange, qui n'envoie donc aucun certificat — Microsoft 365 refuse alors avec 5.7.64.
explain-send-certificate-not-found-fix = Comparez le TlsCertificateName de Get-SendConnector avec Get-ExchangeCertificate (émetteur et sujet) ; après un renouvellement, redéfinissez-le : Set-SendConnector <nom> -TlsCertificateName "<I>émetteur<S>sujet" (ou relancez l'Assistant Configuration hybride).
explain-tls-version-refused-meaning = { $code } : Microsoft 365 a fermé la connexion parce que le serveur d'envoi proposait une ancienne version de TLS ; seuls TLS 1.2 et ultérieur sont acceptés.
explain-tls-version-refused-fix = Activez TLS 1.2 sur le serveur d'envoi (sous Windows : les clés SCHANNEL TLS 1.2 et SchUseStrongCrypto pour .NET), puis redémarrez le service de transport.
explain-dane-starttls-not-supported-meaning = { $code } (SMTP DANE) : le domaine de destination publie des enregistrements TLSA, mais son serveur de messagerie ne propose pas STARTTLS, que DANE exige.
explain-dane-starttls-not-supported-fix = Activez STARTTLS sur le serveur de messagerie de destination, ou retirez ses enregistrements TLSA tant que TLS n'est pas disponible.
explain-dane-certificate-expired-meaning = { $code } (SMTP DANE) : le certificat du serveur de messagerie de destination a expiré.
explain-dane-certificate-expired-fix = Renouvelez le certificat du serveur de destination et publiez des enregistrements TLSA correspondant au nouveau avant sa mise en service.
explain-dane-tlsa-invalid-meaning = { $code } (SMTP DANE) : le domaine de destination a échoué à la validation DANE : aucun enregistrement TLSA ne correspond au certificat présenté par le serveur.
explain-dane-tlsa-invalid-fix = Mettez à jour les enregistrements TLSA (_25._tcp.<hôte MX>) pour qu'ils correspondent au certificat actuel ou à son émetteur ; lors d'un renouvellement, publiez le nouvel enregistrement avant de changer de certificat.
explain-dane-dnssec-invalid-meaning = { $code } (SMTP DANE) : le domaine de destination a renvoyé des enregistrements DNSSEC qui ne se valident pas.
explain-dane-dnssec-invalid-fix = Corrigez le DNSSEC du domaine (signatures, enregistrement DS dans la zone parente) avec l'hébergeur DNS.
explain-dane-certificate-host-mismatch-meaning = { $code } (SMTP DANE) : le certificat du serveur de destination ne porte aucun nom (nom commun ou autre nom de l'objet) correspondant au nom d'hôte MX.
explain-dane-certificate-host-mismatch-fix = Installez un certificat qui nomme l'hôte MX et mettez à jour les enregistrements TLSA en conséquence.
tenant-value-yes = oui
tenant-value-no = non

## Attribution telle que Microsoft la documente (par session, par serveur)

log-warn-not-send-log = Le #Log-type de ce fichier est « { $type } » et non « SMTP Send Protocol Log » : il n'a pas été utilisé. Un journal de réception montre le certificat du connecteur de réception, pas celui que le serveur présente à Microsoft 365 ; prenez les fichiers du dossier SmtpSend (Get-TransportService | Select Name,SendProtocolLogPath).
log-warn-broken-link = Ce lien du dossier de journaux ne mène nulle part ou boucle sur lui-même ({ $error }) ; il a été ignoré.
log-warn-folder-unreadable = Ce dossier n'a pas pu être lu ({ $error }) ; il a été ignoré.
note-sender-domain-unknown = Les journaux ne montrent pas de MAIL FROM pour certaines sessions : le domaine de l'expéditeur n'a donc pas pu être comparé aux domaines acceptés. Activez la journalisation détaillée du protocole, ou indiquez le domaine de l'expéditeur avec --sender-domain.
note-wildcard-setting-specific-certificate = Le TlsSenderCertificateName { $setting } est un caractère générique alors que le certificat ({ $subject }) porte un nom précis. Microsoft l'accepte mais recommande d'y mettre plutôt le nom du certificat.
finding-null-sender-not-accepted = { $servers ->
        [none] Le
       *[other] Serveur { $servers } : le
    } courrier à expéditeur nul (MAIL FROM:<>, comme les rapports de non-remise et les réponses automatiques) n'a pas de domaine d'expéditeur : seul le certificat peut le rattacher au locataire, et { $certificate_domain_count ->
        [0] aucun certificat n'a été présenté
        [one] son domaine { $certificate_domains } n'est pas un domaine accepté
       *[other] ses domaines { $certificate_domains } ne sont pas des domaines acceptés
    } (domaines acceptés : { $accepted }). Depuis le 1er novembre 2023, Microsoft 365 refuse ce relais. { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} dans les journaux, dont { $rejected } { $rejected ->
    [one] refusée
   *[other] refusées
} avec 5.7.64.
finding-sender-domain-not-accepted = { $servers ->
        [none] { $certificate_domain_count ->
            [0] Aucun certificat n'a été présenté
            [one] Ni le domaine du certificat { $certificate_domains }
           *[other] Ni les domaines du certificat { $certificate_domains }
        }
       *[other] Serveur { $servers } : { $certificate_domain_count ->
            [0] aucun certificat n'a été présenté
            [one] ni le domaine du certificat { $certificate_domains }
           *[other] ni les domaines du certificat { $certificate_domains }
        }
    }{ $certificate_domain_count ->
        [0] , et le domaine de l'expéditeur { $sender } (MAIL FROM) n'est pas un domaine accepté du locataire
       *[other] {" "}ni le domaine de l'expéditeur { $sender } (MAIL FROM) ne sont des domaines acceptés du locataire
    } (domaines acceptés : { $accepted }). Microsoft 365 exige l'un des deux. { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} dans les journaux, dont { $rejected } { $rejected ->
    [one] refusée
   *[other] refusées
} avec 5.7.64.
finding-ipv6-sender = { $server ->
        [none] Le serveur
       *[other] Le serveur { $server }
    } relaie vers Microsoft 365 en IPv6 ({ $ip }), alors que le connecteur entrant ne peut le reconnaître que par son adresse IP : SenderIPAddresses n'accepte que des adresses IPv4, et le certificat n'identifie pas le serveur{ $setting ->
        [none] {""}
       *[other] {" "}(TlsSenderCertificateName { $setting })
    }. { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} en IPv6 dans les journaux, dont { $rejected } { $rejected ->
    [one] refusée
   *[other] refusées
} avec 5.7.64.
finding-certificate-not-found = { $server ->
        [none] Le serveur
       *[other] Le serveur { $server }
    } n'a pas pu établir TLS ({ $error }) dans { $sessions } { $sessions ->
    [one] session
   *[other] sessions
}, dont { $rejected } { $rejected ->
    [one] refusée
   *[other] refusées
} avec 5.7.64 : le certificat désigné par le connecteur d'envoi est introuvable ou inutilisable, donc aucun certificat n'a réellement été présenté, même là où le journal en affiche un juste avant l'échec.
finding-certificate-stale-server = Le serveur { $server } envoie encore { $subject } ({ $thumbprint }, vu pour la dernière fois le { $last_seen } ; { $sessions } { $sessions ->
    [one] session
   *[other] sessions
}, dont { $rejected } { $rejected ->
    [one] refusée
   *[other] refusées
} avec 5.7.64), alors que le certificat plus récent { $new_subject } ({ $new_thumbprint }) est envoyé par { $servers ->
        [none] les autres serveurs
       *[other] { $servers }
    }.
finding-issuer-changed = Le certificat envoyé par le serveur a bien l'objet attendu par le connecteur ({ $subject }) mais un autre émetteur : le TlsSenderCertificateName désigne l'émetteur { $issuer_setting }, alors que le certificat a été émis par { $issuer_sent } (empreinte { $thumbprint }). Sous la forme <I>émetteur<S>objet, les deux doivent correspondre : un renouvellement auprès d'une autre autorité ou d'un autre intermédiaire suffit à la casser. { $rejected } { $rejected ->
    [one] session
   *[other] sessions
} sur { $sessions } ont été refusées avec 5.7.64.
guide-attribution-ipv6-sender = Soit vous identifiez le serveur par certificat : Set-InboundConnector { $connector ->
        [none] <nom du connecteur entrant>
       *[other] { $connector }
    } -TlsSenderCertificateName <nom-du-certificat> (la méthode recommandée par Microsoft, qui résiste aussi aux changements d'adresse). Soit vous faites relayer le serveur en IPv4 : faites pointer le connecteur d'envoi { $send_connector ->
        [none] <nom du connecteur d'envoi>
       *[other] { $send_connector }
    } vers un hôte actif (smart host) qui ne se résout qu'en IPv4, puis ajoutez l'adresse IPv4 publique dans SenderIPAddresses. Ajouter l'adresse IPv6 à SenderIPAddresses n'est pas possible.
guide-attribution-certificate-not-found = Sur { $server ->
        [none] le serveur
       *[other] { $server }
    }, vérifiez que le certificat désigné par le connecteur d'envoi existe, possède sa clé privée, est valide et est attribué au service SMTP : Get-SendConnector { $send_connector ->
        [none] <nom du connecteur d'envoi>
       *[other] { $send_connector }
    } | Format-List TlsCertificateName, puis Get-ExchangeCertificate | Format-List Thumbprint,Subject,Issuer,Services,NotAfter,HasPrivateKey. Renseignez TlsCertificateName avec « <I>émetteur<S>objet » d'un certificat présent (Set-SendConnector … -TlsCertificateName), puis redémarrez le service Microsoft Exchange Transport.
guide-attribution-sender-domain-not-accepted = Microsoft 365 accepte le relais si le domaine du certificat ou celui du MAIL FROM est un domaine accepté, à l'identique. La correction la plus simple : ajoutez { $domain ->
        [none] le domaine du certificat
       *[other] { $domain }
    } comme domaine accepté du locataire et validez-le (centre d'administration Microsoft 365, Paramètres, Domaines){ $parent ->
        [none] {""}
       *[other] {""} ; c'est un sous-domaine de { $parent }, et un sous-domaine n'est pas accepté du seul fait que son parent l'est
    }. Pour l'expéditeur nul (rapports de non-remise, réponses automatiques), seul le certificat compte : utilisez un certificat dont le nom est un domaine accepté. Get-AcceptedDomain liste les domaines acceptés.
guide-attribution-certificate-changed-server = Sur { $server }, attribuez le certificat le plus récent (empreinte { $thumbprint }) au service SMTP avec Enable-ExchangeCertificate -Thumbprint { $thumbprint } -Services SMTP, vérifiez que le TlsCertificateName du connecteur d'envoi le désigne, puis redémarrez le service Microsoft Exchange Transport : chaque serveur derrière le connecteur d'envoi présente son propre certificat. Si c'est l'ancien certificat qu'attend le connecteur entrant{ $connector ->
        [none] {""}
       *[other] {" "}{ $connector }
    }, modifiez plutôt TlsSenderCertificateName, une fois que tous les serveurs envoient le nouveau.
tenant-log-servers = Serveurs d'envoi présents dans les journaux : { $servers }

## Message traces without the SMTP reply (tenantwiz)
note-trace-no-reply = Le suivi des messages { $source } montre { $count } { $count ->
        [one] message en échec
       *[other] messages en échec
    } sans la réponse SMTP : cet export (le rapport de synthèse amélioré, ou Get-MessageTrace / Get-MessageTraceV2) indique seulement « Failed » ; il ne permet donc pas de savoir si la cause était 5.7.64 TenantAttribution, et ces échecs ne sont pas comptés ci-dessus. Téléchargez le rapport étendu depuis le suivi des messages du Centre d'administration Exchange, ou exécutez Get-MessageTraceV2 -Status Failed | Get-MessageTraceDetailV2 pour lire la cause de chacun.
