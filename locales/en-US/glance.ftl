# Results at a glance: the host × step matrix, the one-line verdict, fix commands (issue 12).

status-not-reached = Not reached
not-reached-tls-rejected = Not reached: Microsoft 365 stops at the TLS step (the certificate does not meet the connector's TLS settings).

glance-connector-wide = the connector
glance-verdict-deliver = Microsoft 365 would deliver through { $place }{ $warnings ->
    [0] .
    [one] , with one warning.
   *[other] , with { $warnings } warnings.
}
glance-verdict-fail = Microsoft 365 would fail at { $step } on { $place }: { $reason }{ $more ->
    [0] .
    [one] {" "}(and one more host or address fails).
   *[other] {" "}(and { $more } more hosts or addresses fail).
}
glance-verdict-cancelled = The run was cancelled: no verdict.
glance-verdict-nothing = Nothing was checked.

glance-matrix-title = At a glance
glance-matrix-host = Host / address
glance-matrix-legend = ✔ passed · ⚠ warning · ✖ failed · · not reached · – skipped
glance-failures-only = Failures only
glance-failures-only-none = No failure or warning: every step passed.
glance-vantage-folded = Tested from { $machine }, not from Microsoft 365's servers: a firewall that admits only Microsoft's ranges would give a different result.
glance-vantage-folded-ui = Tested from this computer, not from Microsoft 365's servers: a firewall that admits only Microsoft's ranges would give a different result.
glance-fix-title = Fix command
glance-copy = Copy
glance-copied = Copied to the clipboard.
glance-jump = Go to the detail of { $step } on { $place }

fix-set-tls-domain = In Exchange Online PowerShell, make the connector's TLS domain a name the certificate carries:
fix-find-certificate = On the Exchange server, this shows the certificate it presented (this run's thumbprint); renew or replace it, then assign the new one to SMTP with Enable-ExchangeCertificate -Thumbprint (new thumbprint) -Services SMTP:
fix-add-recipient-domain = In Exchange Online PowerShell, add the test address's domain to the connector's recipient domains (the others stay):
fix-require-tls = In Exchange Online PowerShell, make Microsoft 365 always use TLS on this connector:
fix-set-tls-sender-certificate-name = In Exchange Online PowerShell, make the inbound connector recognise the certificate the server sends now:
fix-enable-old-certificate = Or, if the previous certificate was the right one, assign it to SMTP again on the Exchange server:
fix-sender-ip-addresses = In Exchange Online PowerShell, add the server's public address to the inbound connector (the full list: the addresses already there plus this one):
fix-enable-certificate = On the Exchange server, assign this certificate to the SMTP service:
fix-send-connector-certificate = On the Exchange server, make the send connector offer this certificate:
fix-enable-connector = In Exchange Online PowerShell, enable the inbound connector:
fix-connector-on-premises = In Exchange Online PowerShell, make the inbound connector one for your own servers:

short-resolve-invalid-host = host name not valid
short-resolve-nxdomain = name does not exist
short-resolve-no-records = no address record
short-resolve-null-mx = domain accepts no mail (null MX)
short-resolve-dns-error = DNS error
short-resolve-private-address = private address
short-resolve-points-to-microsoft = mail loop to Microsoft 365
short-connect-refused = connection refused
short-connect-timeout = no answer (timeout)
short-connect-unreachable = address unreachable
short-ehlo-no-banner = no SMTP greeting
short-ehlo-busy = server busy
short-ehlo-rejected = session refused
short-ehlo-not-smtp = not an SMTP server
short-ehlo-slow-banner = slow greeting
short-tls-not-offered = STARTTLS not offered
short-tls-starttls-refused = STARTTLS refused
short-tls-handshake-failed = TLS handshake failed
short-tls-expired = certificate expired
short-tls-not-yet-valid = certificate not yet valid
short-tls-untrusted-issuer = certificate issuer not trusted
short-tls-self-signed = self-signed certificate
short-tls-name-mismatch = certificate name does not match
short-email-invalid-address = test address not valid
short-email-out-of-scope = test address outside the recipient domains
short-email-sender-rejected = sender refused
short-email-recipient-rejected = test address refused
short-email-deferred = test address deferred
short-email-not-tested = test address not tested
short-email-tls-required = server requires TLS
short-email-greylisted = greylisted
short-email-catch-all = domain accepts any address

## Domain security: the TLSA record to publish
fix-publish-tlsa = In the DNS zone, publish this TLSA record, made from the certificate the server presents in this run; once it has spread, remove the old record, which matches no certificate in use:
fix-publish-next-tlsa = Before installing the new certificate, publish this TLSA record beside the current one, wait at least two TTLs, then install the certificate:

# The verdict line when the route works but the test address was not tested (polish).
glance-verdict-deliver-untested = The route works: Microsoft 365 would deliver through { $place }, but the test address could not be tested{ $warnings ->
    [one] .
   *[other] {" "}({ $warnings } warnings in all).
}

## Domain security: the short reasons of the verdict line (DNSSEC, DANE, MTA-STS, TLS-RPT)
short-dane-no-starttls = TLSA published but no STARTTLS
short-dane-mismatch = no TLSA record matches the certificate
short-dane-dnssec-bogus = DNSSEC signatures do not validate
short-dane-expired-certificate = certificate expired (DANE)
short-dane-renewal-not-ready = next certificate has no TLSA record yet
short-mta-sts-policy-unreachable = MTA-STS policy unreachable
short-mta-sts-mx-not-listed = MX host not listed in the MTA-STS policy
short-mta-sts-certificate-invalid = certificate not valid for MTA-STS
short-mta-sts-record-invalid = MTA-STS record not valid
short-mta-sts-policy-invalid = MTA-STS policy not valid
short-tls-rpt-invalid = TLS-RPT record not valid

## TLS probe, certificate policy and MX routing: the short reasons of the verdict line
short-tls-protocol-too-old = only TLS 1.0/1.1 offered
short-tls-no-common-cipher = no cipher suite Microsoft 365 uses
short-tls-weak-cipher = only weak cipher suites
short-tls-tls13-only = TLS 1.3 only
short-tls-tool-handshake-failed = TLS not completed by this tool
short-route-mx-unreachable = MX host unreachable
short-route-address-family-unreachable = address family unreachable from here
short-tls-weak-signature = SHA-1 signature
short-tls-weak-key = key too short
short-tls-wrong-usage = certificate not for server authentication
short-tls-chain-incomplete = intermediate certificate missing
short-tls-revoked = certificate revoked
