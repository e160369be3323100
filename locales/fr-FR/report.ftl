# report : rapports exportés (HTML, Markdown, JSON), comparaison des exécutions, import de connecteurs.

## Rapport

report-title = Rapport de vérification du connecteur
report-verdict-pass = RÉUSSI : toutes les étapes ont réussi
report-verdict-fail = ÉCHEC : au moins une étape a échoué
report-verdict-cancelled = La vérification a été annulée avant la fin : ces résultats sont incomplets.
report-counts = { $pass } { $pass ->
    [one] réussie
   *[other] réussies
}, { $warn } avec avertissement, { $fail } en échec, { $skipped } { $skipped ->
    [one] non exécutée
   *[other] non exécutées
}{ $not_reached ->
    [0] {""}
   *[other] , { $not_reached } { $not_reached ->
        [one] non atteinte
       *[other] non atteintes
    }
}
report-vantage-title = D'où ce test a été lancé
report-vantage-note = Ce test a été lancé depuis { $machine }, et non depuis les serveurs de Microsoft 365. Un pare-feu qui n'admet que les adresses d'Exchange Online Protection peut bloquer cette machine tout en laissant passer Microsoft 365, et inversement. Confirmez avec la validation du connecteur dans le Centre d'administration Exchange.
report-connector = Connecteur
report-field-name = Nom
report-field-type = Type de connecteur (ConnectorType)
report-field-smart-hosts = Hôtes actifs (SmartHosts)
report-field-use-mx = Utiliser les enregistrements MX (UseMXRecord)
report-field-recipient-domains = Domaines destinataires (RecipientDomains)
report-field-tls-settings = Paramètre TLS (TlsSettings)
report-field-tls-domain = Domaine TLS (TlsDomain)
report-field-test-address = Adresse de test
report-field-mail-from = Expéditeur de l'enveloppe
report-type-on-premises = Serveur de messagerie de votre organisation (OnPremises)
report-type-partner = Organisation partenaire (Partner)
report-tls-opportunistic = Aucun : TLS dès que le serveur le propose
report-tls-encryption-only = EncryptionOnly : TLS obligatoire, tout certificat accepté
report-tls-certificate-validation = CertificateValidation : TLS avec un certificat d'une autorité de confiance
report-tls-domain-validation = DomainValidation : certificat de confiance dont le nom correspond à TlsDomain
report-mx-mode = Enregistrements MX du domaine du destinataire
report-value-none = (aucun)
report-value-yes = Oui
report-value-no = Non
report-value-null-sender = <> (expéditeur nul)
report-run = Exécution
report-field-started = Début
report-field-finished = Fin
report-field-duration = Durée
report-field-machine = Machine
report-field-tool-version = Version de l'outil
report-field-generated = Rapport écrit le
report-field-dns-server = Serveur DNS
report-field-timeout = Délai maximal par réponse
report-field-send-test = Message de test envoyé
report-duration-ms = { $ms } ms
report-seconds = { $secs } s
report-summary = Synthèse
report-col-host = Hôte
report-col-address = Adresse
report-col-step = Étape
report-col-status = Résultat
report-col-code = Code
report-col-time = Durée
report-no-steps = Aucune étape n'a été exécutée.
report-details = Détails
report-connector-wide = Connecteur entier
report-guidance = Que faire :
report-server-reply = Réponse du serveur :
report-resolved = Adresses trouvées :
report-tls-session = Chiffré avec { $protocol } ({ $cipher }).
report-verification = Contrôles du certificat :
report-certificate = Certificat :
report-certificate-chain = Certificats envoyés par le serveur ({ $count })
report-certificate-n = Certificat { $n } : sujet
report-cert-issuer = Émetteur
report-cert-sans = Autres noms
report-cert-valid-from = Valide à partir du
report-cert-valid-until = Valide jusqu'au
report-cert-serial = Numéro de série
report-cert-thumbprint = Empreinte numérique (SHA-1)
report-cert-sha256 = Empreinte SHA-256
report-cert-self-signed = Auto-signé
report-transcript = Conversation SMTP ({ $count } lignes)
report-transcript-omitted = … { $count } lignes de plus non affichées
report-truncated = … [coupé ici : { $total } caractères au total]
report-footer = Écrit par Connector Doctor { $version } sur { $machine } le { $time }.
report-markdown-failures = Échecs et avertissements
report-markdown-all-passed = Toutes les étapes ont réussi.
report-format-html = Page web (HTML)
report-format-markdown = Texte Markdown
report-format-json = Données JSON
report-error-format = Impossible de déduire le format du rapport de { $file } : terminez le nom du fichier par .html, .md ou .json.
report-error-write = Impossible d'écrire le rapport dans { $file } : { $problem }

## Changements depuis la dernière exécution

compare-title = Changements depuis la dernière exécution ({ $when }) :
compare-none = Rien n'a changé depuis la dernière exécution ({ $when }).
compare-no-previous = L'historique ne contient aucune exécution antérieure de ce connecteur : il n'y a rien à comparer.
compare-verdict = Résultat global : { $before } → { $after }
compare-verdict-pass = réussi
compare-verdict-fail = en échec
compare-summary = { $better } en mieux, { $worse } en moins bien, { $unchanged } sans changement.
compare-status = { $where }, { $step } : { $before } → { $after }
compare-code = { $where }, { $step } : toujours { $status }, mais pour une autre raison ({ $before } → { $after })
compare-certificate-new = { $where } : nouveau certificat (empreinte { $before } → { $after }), valide jusqu'au { $until }
compare-certificate-appeared = { $where } : le serveur présente désormais un certificat (empreinte { $after }), valide jusqu'au { $until }
compare-certificate-gone = { $where } : le serveur ne présente plus de certificat (c'était { $before })
compare-step-added = { $where }, { $step } : vérifiée cette fois ({ $after })
compare-step-removed = { $where }, { $step } : non vérifiée cette fois (c'était { $before })
compare-address-added = { $host } : nouvelle adresse { $address }
compare-address-removed = { $host } : l'adresse { $address } a disparu
compare-host-added = Nouvel hôte : { $host }
compare-host-removed = Hôte qui n'est plus vérifié : { $host }

## Connecteurs enregistrés et import

import-smart-host-unreadable = SmartHosts : une entrée n'a pas pu être lue ({ $value }) et a été écartée.
import-smart-host-range = SmartHosts : { $value } est une plage d'adresses ; une plage ne peut pas être testée d'ici, elle a donc été écartée.
import-smart-host-invalid = SmartHosts : { $value } ne ressemble ni à un nom d'hôte ni à une adresse ; l'entrée a été gardée pour que vous puissiez la corriger.
import-domain-unreadable = RecipientDomains : une entrée n'a pas pu être lue ({ $value }) et a été écartée.
import-tls-numeric = TlsSettings est un nombre ({ $value }) que cet outil ne peut pas interpréter sans risque. Exportez de nouveau avec ConvertTo-Json -EnumsAsStrings, ou choisissez le paramètre TLS à la main ; il est resté sur « aucun ».
import-tls-unknown = La valeur { $value } de TlsSettings est inconnue ; le paramètre TLS est resté sur « aucun ».
import-mx-unreadable = La valeur { $value } de UseMXRecord n'est ni vraie ni fausse ; « faux » a été retenu.
import-type-unknown = La valeur { $value } de ConnectorType est inconnue ; OnPremises a été retenu.
import-validation-recipients = ValidationRecipients contient { $count } adresses ; la première, { $address }, est devenue l'adresse de test.
import-unused = Non utilisé par cet outil : { $names }.
profile-not-found = « { $file } » n'est ni un fichier existant ni le nom d'un connecteur enregistré. Connecteurs enregistrés : { $available }.
profile-unreadable-files = { $count ->
    [one] Un fichier du dossier des connecteurs enregistrés est inutilisable ; il a été laissé tel quel
   *[other] { $count } fichiers du dossier des connecteurs enregistrés sont inutilisables ; ils ont été laissés tels quels
} : { $names }.
profile-none-saved = aucun pour l'instant
profile-file-unreadable = Impossible d'utiliser { $file } : { $problem }
profile-file-empty = { $file } ne contient aucun connecteur.
profile-file-several = { $file } contient { $count } connecteurs ({ $names }). Importez-les comme connecteurs enregistrés, puis choisissez-en un par son nom.

## Rapport d'attribution au locataire

report-tenant-vantage-note = Ce diagnostic a été établi sur { $machine } à partir des journaux, du certificat et des paramètres fournis. Il ne voit ni ce que Microsoft 365 a reçu ni la configuration réelle du locataire : vérifiez le connecteur entrant avec Get-InboundConnector et les refus avec un suivi des messages dans le Centre d'administration Exchange.
report-tenant-inputs = Ce qui a été examiné
report-tenant-connector-name = Connecteur entrant (Name)
report-tenant-connector-type = Type de connecteur (ConnectorType)
report-tenant-enabled = Activé
report-tenant-tls-sender-name = Nom de certificat attendu (TlsSenderCertificateName)
report-tenant-sender-ips = Adresses de l'expéditeur (SenderIPAddresses)
report-tenant-require-tls = TLS obligatoire (RequireTls)
report-tenant-accepted-domains = Domaines acceptés du locataire
report-tenant-sender-domain = Domaine de l'expéditeur
report-tenant-sending-ip = Adresse publique du serveur local
report-tenant-send-connector = Connecteur d'envoi dans les journaux
report-tenant-logs = Journaux de protocole lus
report-tenant-cert-file = Fichier de certificat
report-tenant-live-host = Serveur interrogé en direct
report-tenant-all-certificates = Tous les certificats visibles dans les journaux ({ $count })

## Fichiers enregistrés

store-error-write = Impossible d'écrire { $path } : { $error }
store-error-read = Impossible de lire { $path } : { $error }
store-error-set-aside = { $path } n'a pas pu être lu ({ $problem }). Il a été conservé sous le nom { $kept } et ne sera pas écrasé.
store-error-damaged = { $path } n'a pas pu être lu ({ $problem }). Il a été laissé tel quel ; il ne sera mis de côté (renommé) que si vous ouvrez ce connecteur enregistré.
store-error-newer = { $path } a été écrit par une version plus récente de Connector Doctor (format { $version }, cette version lit jusqu'au format { $max }). Il n'a pas été modifié : ouvrez-le avec la version plus récente.
store-error-too-large = { $path } n'a pas été écrit : { $size } Kio dépasse la limite de { $limit } Kio pour une entrée.
store-error-encode = Impossible d'encoder les données : { $error }
store-error-not-found = Aucun connecteur enregistré ne s'appelle « { $name } ».
store-error-exists = Un connecteur enregistré s'appelle déjà « { $name } ».
store-error-invalid-name = « { $name } » ne peut pas servir de nom : saisissez au moins un caractère visible.
store-error-import = { $path } n'est pas un fichier de connecteur : { $problem }

## Verdict d'une réussite avec avertissements (jamais « toutes les étapes ont réussi » quand une étape a averti)
report-verdict-pass-warnings = RÉUSSI avec avertissements : aucune étape n'a échoué, mais au moins une a donné un avertissement (lisez-le avant de vous fier à ce résultat)
report-verdict-pass-untested = RÉUSSI avec avertissements : aucune étape n'a échoué, mais l'adresse de test n'a pas pu être vérifiée
## check --watch : la comparaison avec la passe précédente

compare-title-round = Changements depuis la passe précédente ({ $when }) :
compare-none-round = Rien n'a changé depuis la passe précédente ({ $when }).

## Sécurité du domaine : changements de stratégie MTA-STS entre deux tests (issue 13)
compare-mta-sts-policy-new = { $where } : la stratégie MTA-STS de { $domain } a changé, avec un nouvel id ({ $before } → { $after }) : les expéditeurs la récupèrent à nouveau.
compare-mta-sts-id-unchanged = { $where } : la stratégie MTA-STS de { $domain } a changé mais pas son id ({ $after }) : les expéditeurs qui ont l'ancienne en cache continuent de l'appliquer jusqu'à expiration de son max_age. Changez l'id de l'enregistrement TXT _mta-sts.{ $domain }.
