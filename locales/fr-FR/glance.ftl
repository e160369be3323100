# Résultats d'un coup d'œil : la grille hôte × étape, le verdict en une ligne, les commandes de correction (ticket 12).

status-not-reached = Non atteint
not-reached-tls-rejected = Non atteint : Microsoft 365 s'arrête à l'étape TLS (le certificat ne satisfait pas les paramètres TLS du connecteur).

glance-connector-wide = le connecteur
glance-verdict-deliver = Microsoft 365 remettrait le courrier via { $place }{ $warnings ->
    [0] .
    [one] , avec un avertissement.
   *[other] , avec { $warnings } avertissements.
}
glance-verdict-fail = Microsoft 365 échouerait à l'étape { $step } sur { $place } : { $reason }{ $more ->
    [0] .
    [one] {" "}(et un autre hôte ou adresse échoue).
   *[other] {" "}(et { $more } autres hôtes ou adresses échouent).
}
glance-verdict-cancelled = Exécution annulée : pas de verdict.
glance-verdict-nothing = Rien n'a été vérifié.

glance-matrix-title = Vue d'ensemble
glance-matrix-host = Hôte / adresse
glance-matrix-legend = ✔ réussi · ⚠ avertissement · ✖ échec · · non atteint · – non exécuté
glance-failures-only = Échecs uniquement
glance-failures-only-none = Aucun échec ni avertissement : toutes les étapes ont réussi.
glance-vantage-folded = Test effectué depuis { $machine }, pas depuis les serveurs de Microsoft 365 : un pare-feu qui n'admet que les plages de Microsoft donnerait un autre résultat.
glance-vantage-folded-ui = Test effectué depuis cet ordinateur, pas depuis les serveurs de Microsoft 365 : un pare-feu qui n'admet que les plages de Microsoft donnerait un autre résultat.
glance-fix-title = Commande de correction
glance-copy = Copier
glance-copied = Copié dans le presse-papiers.
glance-jump = Aller au détail de l'étape { $step } sur { $place }

fix-set-tls-domain = Dans Exchange Online PowerShell, donnez comme domaine TLS du connecteur un nom que porte le certificat :
fix-find-certificate = Sur le serveur Exchange, cette commande affiche le certificat présenté (l'empreinte relevée ici) ; renouvelez-le ou remplacez-le, puis attribuez le nouveau au service SMTP avec Enable-ExchangeCertificate -Thumbprint (nouvelle empreinte) -Services SMTP :
fix-add-recipient-domain = Dans Exchange Online PowerShell, ajoutez le domaine de l'adresse de test aux domaines destinataires du connecteur (les autres sont conservés) :
fix-require-tls = Dans Exchange Online PowerShell, imposez TLS à Microsoft 365 sur ce connecteur :
fix-set-tls-sender-certificate-name = Dans Exchange Online PowerShell, faites reconnaître au connecteur entrant le certificat que le serveur envoie désormais :
fix-enable-old-certificate = Ou, si l'ancien certificat était le bon, attribuez-le de nouveau au service SMTP sur le serveur Exchange :
fix-sender-ip-addresses = Dans Exchange Online PowerShell, ajoutez l'adresse publique du serveur au connecteur entrant (la liste complète : les adresses déjà présentes plus celle-ci) :
fix-enable-certificate = Sur le serveur Exchange, attribuez ce certificat au service SMTP :
fix-send-connector-certificate = Sur le serveur Exchange, faites présenter ce certificat par le connecteur d'envoi :
fix-enable-connector = Dans Exchange Online PowerShell, activez le connecteur entrant :
fix-connector-on-premises = Dans Exchange Online PowerShell, faites du connecteur entrant un connecteur pour vos propres serveurs :

short-resolve-invalid-host = nom d'hôte non valide
short-resolve-nxdomain = le nom n'existe pas
short-resolve-no-records = aucun enregistrement d'adresse
short-resolve-null-mx = le domaine n'accepte pas de courrier (MX nul)
short-resolve-dns-error = erreur DNS
short-resolve-private-address = adresse privée
short-resolve-points-to-microsoft = boucle vers Microsoft 365
short-connect-refused = connexion refusée
short-connect-timeout = pas de réponse (délai dépassé)
short-connect-unreachable = adresse injoignable
short-ehlo-no-banner = pas de bannière SMTP
short-ehlo-busy = serveur occupé
short-ehlo-rejected = session refusée
short-ehlo-not-smtp = pas un serveur SMTP
short-ehlo-slow-banner = bannière lente
short-tls-not-offered = STARTTLS non proposé
short-tls-starttls-refused = STARTTLS refusé
short-tls-handshake-failed = échec de la négociation TLS
short-tls-expired = certificat expiré
short-tls-not-yet-valid = certificat pas encore valide
short-tls-untrusted-issuer = émetteur du certificat non approuvé
short-tls-self-signed = certificat auto-signé
short-tls-name-mismatch = le nom du certificat ne correspond pas
short-email-invalid-address = adresse de test non valide
short-email-out-of-scope = adresse de test hors des domaines destinataires
short-email-sender-rejected = expéditeur refusé
short-email-recipient-rejected = adresse de test refusée
short-email-deferred = adresse de test différée
short-email-not-tested = adresse de test non testée
short-email-tls-required = le serveur exige TLS
short-email-greylisted = liste grise
short-email-catch-all = le domaine accepte toutes les adresses

## Sécurité du domaine : l'enregistrement TLSA à publier
fix-publish-tlsa = Dans la zone DNS, publiez cet enregistrement TLSA, calculé sur le certificat que le serveur présente dans ce test ; une fois la modification propagée, supprimez l'ancien enregistrement, qui ne correspond plus à aucun certificat en service :
fix-publish-next-tlsa = Avant d'installer le nouveau certificat, publiez cet enregistrement TLSA à côté de l'actuel, attendez au moins deux fois la durée de vie (TTL) de l'enregistrement, puis installez le certificat :

# La ligne de verdict quand la route fonctionne mais que l'adresse de test n'a pas été vérifiée.
glance-verdict-deliver-untested = La route fonctionne : Microsoft 365 remettrait le courrier via { $place }, mais l'adresse de test n'a pas pu être vérifiée{ $warnings ->
    [one] .
   *[other] {" "}({ $warnings } avertissements au total).
}

## Sécurité du domaine : les raisons courtes de la ligne de verdict (DNSSEC, DANE, MTA-STS, TLS-RPT)
short-dane-no-starttls = TLSA publié mais pas de STARTTLS
short-dane-mismatch = aucun enregistrement TLSA ne correspond au certificat
short-dane-dnssec-bogus = signatures DNSSEC non valides
short-dane-expired-certificate = certificat expiré (DANE)
short-dane-renewal-not-ready = pas encore d'enregistrement TLSA pour le prochain certificat
short-mta-sts-policy-unreachable = stratégie MTA-STS injoignable
short-mta-sts-mx-not-listed = hôte MX absent de la stratégie MTA-STS
short-mta-sts-certificate-invalid = certificat non valide pour MTA-STS
short-mta-sts-record-invalid = enregistrement MTA-STS non valide
short-mta-sts-policy-invalid = stratégie MTA-STS non valide
short-tls-rpt-invalid = enregistrement TLS-RPT non valide

## Sonde TLS, règles de certificat et routage MX : les raisons courtes de la ligne de verdict
short-tls-protocol-too-old = seulement TLS 1.0/1.1
short-tls-no-common-cipher = aucune suite de chiffrement utilisée par Microsoft 365
short-tls-weak-cipher = seulement des suites de chiffrement faibles
short-tls-tls13-only = TLS 1.3 uniquement
short-tls-tool-handshake-failed = TLS non abouti avec cet outil
short-route-mx-unreachable = hôte MX injoignable
short-route-address-family-unreachable = famille d'adresses injoignable d'ici
short-tls-weak-signature = signature SHA-1
short-tls-weak-key = clé trop courte
short-tls-wrong-usage = certificat non prévu pour l'authentification serveur
short-tls-chain-incomplete = certificat intermédiaire manquant
short-tls-revoked = certificat révoqué
