# tenant
# Diagnosis of 550 5.7.64 TenantAttribution and the SMTP error explainer (English).

## Labels of the diagnosis

tenant-title = Diagnosis of 550 5.7.64 TenantAttribution
tenant-severity-fail = Problem
tenant-severity-warn = Check
tenant-severity-info = Information
tenant-source-logs = from the SMTP Send protocol logs
tenant-source-file = from the certificate file
tenant-source-live = from a live connection to the server
tenant-certificate-heading = Certificate the on-premises server sends ({ $source })
tenant-no-certificate = No certificate sent by the on-premises server was found.
tenant-field-subject = Subject
tenant-field-issuer = Issuer
tenant-field-serial = Serial number
tenant-field-thumbprint = Thumbprint
tenant-field-sans = Alternative names
tenant-field-first-seen = First sent
tenant-field-last-seen = Last sent
tenant-field-not-after = Valid until
tenant-field-sessions = Sessions
tenant-sessions-value = { $sessions } { $sessions ->
    [one] session
   *[other] sessions
}, { $rejected } refused with 5.7.64
tenant-changes-heading = Certificate changes
tenant-change-line = { $at }: { $from } ({ $from_thumbprint }) → { $to } ({ $to_thumbprint })
tenant-findings-heading = Findings
tenant-no-findings = Nothing in these inputs explains a 5.7.64 refusal.
tenant-guidance-label = What to do
tenant-notes-heading = Notes
tenant-warnings-heading = Problems in the log files (the rest was read)
tenant-warning-line = { $file }, line { $line }: { $problem }
tenant-warning-file = { $file }: { $problem }
tenant-warnings-dropped = … and { $count } more { $count ->
    [one] problem
   *[other] problems
} not shown.
tenant-log-summary = Read { $files } { $files ->
    [one] file
   *[other] files
}, { $megabytes } MB, { $sessions } { $sessions ->
    [one] session
   *[other] sessions
}; { $rejected } refused with 5.7.64.
tenant-verdict-pass = Result: no cause of 5.7.64 found.
tenant-verdict-fail = Result: at least one cause of 5.7.64 found.
tenant-error = Error
tenant-value-none = none

## Problems while reading the logs

log-error-not-found = { $path } cannot be read: { $error }
log-error-empty-folder = The folder { $path } holds no file. Point --log at the SmtpSend folder (Get-TransportService | Select Name,SendProtocolLogPath shows where it is) and check that protocol logging is on for the send connector.
log-warn-read-error = Reading stopped: { $error }
log-warn-special-file = This is { $kind ->
    [fifo] a named pipe (FIFO)
    [device] a device
   *[other] not a regular file
} inside a log folder; it was skipped.
log-warn-line-too-long = This line is longer than { $bytes } bytes; it was skipped.
log-warn-non-utf8 = This line holds bytes that are not UTF-8; they were replaced and the line was read.
log-warn-header-missing-column = The #Fields header lacks the column { $column }; this file was skipped.
log-warn-no-header = This file has no #Fields header; it was read with Exchange's default columns ({ $fields }).
log-warn-not-a-log = This file is not an SMTP Send protocol log; it was skipped.
log-warn-truncated-line = The last line is cut short (the file was probably still being written); it was skipped.
log-warn-short-line = This line has { $found } { $found ->
    [one] column
   *[other] columns
} instead of { $expected }; it was skipped.
log-warn-unclosed-quote = A quotation mark is not closed on this line; the line was read up to its end.
log-warn-too-many-fields = This line has too many columns; it was skipped.
log-warn-too-many-sessions = More than { $limit } sessions were open at once; the oldest were closed early (their later lines count as new sessions).
log-warn-too-many-certificates = More than { $limit } different certificates were sent; the others are not listed.

## Problems with the inputs

input-bad-ip = "{ $value }" is not an IP address or a CIDR range (for example 203.0.113.25 or 203.0.113.0/24).
input-bad-json = This is not valid JSON: { $error }
input-json-no-connector = The JSON holds no connector object. Use the output of Get-InboundConnector | ConvertTo-Json.
input-json-no-domain = The JSON holds no DomainName. Use the output of Get-AcceptedDomain | ConvertTo-Json.
input-cert-file = The certificate file cannot be used: { $error }
input-read-file = { $path } cannot be read: { $error }
input-file-not-text = { $path } is not text this tool can read: { $reason ->
        [truncated] it starts as UTF-16 but ends halfway through a character (the file is cut short)
        [surrogate] its UTF-16 holds a broken character at byte { $offset }
        [nul] it holds NUL bytes from byte { $offset } (UTF-16 without a byte-order mark?)
       *[utf8] byte { $offset } is not UTF-8 (a Windows "ANSI" export?)
    }. Export it again, for example: Get-InboundConnector | ConvertTo-Json | Out-File -Encoding utf8 inbound.json
input-empty-path = The path is empty.
input-no-certificate-source = Nothing to read the certificate from: give the SMTP Send protocol logs, a certificate file or the server to connect to.
input-no-connector-setting = The inbound connector is unknown: give its TlsSenderCertificateName or its SenderIPAddresses (typed, or from Get-InboundConnector | ConvertTo-Json).
input-send-connector-not-found = No session of the send connector "{ $name }" in the logs. Send connectors seen: { $seen }.
input-logs-no-session = The logs hold no SMTP session. Check that protocol logging is Verbose on the send connector (Set-SendConnector "name" -ProtocolLoggingLevel Verbose) and that these are the SmtpSend logs.
input-live-unavailable = Reading the certificate live is not available in this build.
input-live-failed = The live connection failed: { $problem }
input-report-unavailable = Writing a report for this diagnosis is not available in this build.
input-report-failed = The report could not be written: { $error }
input-explain-empty = Nothing to explain: give the reply or the NDR text as an argument, or on standard input.

## Notes

note-tls-name-issuer-subject = The connector's TlsSenderCertificateName is in the issuer-and-subject form (<I>{ $issuer }<S>{ $subject }); it was compared as { $name }.
note-several-inbound-connectors = The JSON holds { $count } inbound connectors; "{ $name }" was used (the first enabled OnPremises connector).
note-ip-unreadable = The SenderIPAddresses entry "{ $value }" could not be read and was ignored.
note-other-certificate-not-sent = The certificate { $source ->
        [live] seen on the live connection
       *[other] in the file
    } ({ $subject }, { $thumbprint }) is not the one the logs show the server sends ({ $sent_thumbprint }).
note-no-tls-sender-name = TlsSenderCertificateName is not known, so the certificate's name was not compared. Give --tls-sender-certificate-name or --inbound-connector-json.
note-private-local-ip = The logs show the server sending from { $ip }, a private address: Microsoft 365 sees the public address after NAT instead. Give it with --sending-ip to compare it with SenderIPAddresses.
note-sending-ip-unknown = The public address the server sends from is not known, so SenderIPAddresses could not be checked. Give it with --sending-ip.
note-several-send-connectors = The logs hold several send connectors ({ $connectors }) and they were read together. Choose the one that relays to Microsoft 365 with --send-connector.
note-rejections-unexplained = { $count } { $count ->
    [one] session was
   *[other] sessions were
} refused with 5.7.64 (last on { $last }), but the settings given match what the server sends. Check that they are the ones Exchange Online really has: export them with Get-InboundConnector | ConvertTo-Json and pass the file with --inbound-connector-json.

## Findings

finding-connector-not-on-premises = The inbound connector's type is { $type }. Only an OnPremises connector lets Microsoft 365 relay mail from your own servers.
finding-connector-disabled = The inbound connector is disabled, so it cannot recognise the on-premises server.
finding-name-mismatch = The certificate the server sends ({ $subject }, thumbprint { $thumbprint }) carries { $names ->
        [none] no name
       *[other] the names { $names }
    }, and none of them matches TlsSenderCertificateName { $setting }. { $rejected } of its { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} in the logs { $rejected ->
    [one] was
   *[other] were
} refused with 5.7.64.
finding-certificate-expired = The certificate { $subject } expired on { $not_after }.
finding-certificate-changed = On { $at } the server started sending another certificate: before, { $from_subject } ({ $from_thumbprint }); since then, { $to_subject } ({ $to_thumbprint }). { $rejected } { $rejected ->
    [one] session with the new certificate was
   *[other] sessions with the new certificate were
} refused with 5.7.64.
finding-certificate-changed-broke = On { $at } the server started sending another certificate, and it no longer matches TlsSenderCertificateName { $setting }: before, { $from_subject } ({ $from_thumbprint }), which matched; since then, { $to_subject } ({ $to_thumbprint }), which does not. { $rejected } { $rejected ->
    [one] session with the new certificate was
   *[other] sessions with the new certificate were
} refused with 5.7.64 (first on { $first_rejection }).
finding-domain-att36 = { $count } { $count ->
    [one] session was
   *[other] sessions were
} refused with { $code }: the domain is not an accepted domain of the tenant. Reply: { $reply }
finding-domain-certificate-not-accepted = The certificate's domain { $domain } is not an accepted domain of the tenant (accepted domains: { $accepted }).
finding-domain-sender-not-accepted = The sender's domain { $domain } is not an accepted domain of the tenant (accepted domains: { $accepted }).
finding-ip-not-listed = The server sends from { $ip }{ $origin ->
        [log] {" "}(seen in the logs)
       *[other] {""}
    }, which is not in SenderIPAddresses ({ $listed }).
finding-no-tls = { $sessions ->
    [one] The only session in the logs did not start TLS
   *[other] None of the { $sessions } sessions in the logs started TLS
}, so no certificate could be sent.
finding-no-certificate-sent = The server started TLS in { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} but never sent a certificate; { $rejected } of them { $rejected ->
    [one] was
   *[other] were
} refused with 5.7.64.
finding-some-sessions-without-certificate = { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} started TLS without sending a certificate; { $rejected } of them { $rejected ->
    [one] was
   *[other] were
} refused with 5.7.64.
finding-chain-incomplete-live = The server sends { $count } { $count ->
    [one] certificate
   *[other] certificates
}, and the chain stops at { $issuer }, which the server does not send and which is not a well-known root. The intermediate certificate is missing.
finding-chain-incomplete-file = The file holds { $count } { $count ->
    [one] certificate
   *[other] certificates
}, and the chain stops at { $issuer }, which is neither in the file nor a well-known root. Make sure the server has the intermediate certificate and sends it.

## Guidance: what to change, and where

guide-attribution-certificate-name-mismatch = Make the connector and the certificate agree, in one of two ways.
    1. Re-run the Hybrid Configuration Wizard (download it from the Exchange admin center) and, on the transport certificate page, pick the certificate the server sends now.
    2. Or change the inbound connector by hand in Exchange Online PowerShell: Set-InboundConnector { $connector ->
        [none] <name of the inbound connector>
       *[other] { $connector }
    } -TlsSenderCertificateName { $suggested ->
        [none] <name-on-the-certificate>
       *[other] { $suggested }
    }
    How names match: the value *.contoso.com accepts a certificate for any name under contoso.com (mail.contoso.com, smtp.eu.contoso.com) and the wildcard certificate *.contoso.com itself; a value without a star, such as mail.contoso.com, needs a certificate carrying that exact name, and a wildcard certificate *.contoso.com needs the value *.contoso.com (Microsoft's 5.7.64 article). The subject and the alternative names both count. Changes can take a while to apply.
guide-attribution-certificate-expired = Renew the certificate on the on-premises server, assign it to SMTP (Enable-ExchangeCertificate -Services SMTP), then re-run the Hybrid Configuration Wizard and pick it on the transport certificate page, or run Set-InboundConnector { $connector ->
        [none] <name of the inbound connector>
       *[other] { $connector }
    } -TlsSenderCertificateName with the new certificate's name.
guide-attribution-certificate-changed = When a renewed certificate carries another name, the inbound connector must follow it. Re-run the Hybrid Configuration Wizard and pick the new certificate on the transport certificate page, or run Set-InboundConnector { $connector ->
        [none] <name of the inbound connector>
       *[other] { $connector }
    } -TlsSenderCertificateName { $suggested ->
        [none] <name-on-the-certificate>
       *[other] { $suggested }
    }. If the old certificate was the right one, assign it to SMTP again on the on-premises server (Enable-ExchangeCertificate) and check the send connector's TlsCertificateName.
guide-attribution-domain-not-accepted = Add { $domain ->
        [none] the domain
       *[other] { $domain }
    } as an accepted domain of the tenant and verify it (Microsoft 365 admin center, Settings, Domains), or use a certificate and a sender domain that belong to a domain the tenant has already verified. Get-AcceptedDomain lists the accepted domains.
guide-attribution-ip-not-listed = Add the server's public address to the inbound connector: Set-InboundConnector { $connector ->
        [none] <name of the inbound connector>
       *[other] { $connector }
    } -SenderIPAddresses { $addresses }
    Give the address Microsoft 365 sees, after NAT; a certificate-based connector (TlsSenderCertificateName) does not break when the address changes.
guide-attribution-no-certificate-sent = The send connector that relays to Microsoft 365 must offer a certificate. On the on-premises server, set it with Set-SendConnector { $send_connector ->
        [none] <name of the send connector>
       *[other] { $send_connector }
    } -TlsCertificateName "<I>issuer<S>subject" (the values Get-ExchangeCertificate shows), check that the certificate is assigned to SMTP, and keep RequireTLS on. To see what is sent, turn on Set-SendConnector … -ProtocolLoggingLevel Verbose and read the logs in the folder Get-TransportService | Select Name,SendProtocolLogPath shows.
guide-attribution-chain-incomplete = Install the issuing intermediate certificate on the on-premises server (in the computer's Intermediate Certification Authorities store) so that the server sends the whole chain, then restart the Microsoft Exchange Transport service. An incomplete chain has been reported to cause 5.7.64 even when the name matches.
guide-attribution-connector-not-on-premises = Use an inbound connector of type OnPremises for mail relayed from your own servers (Set-InboundConnector { $connector ->
        [none] <name of the inbound connector>
       *[other] { $connector }
    } -ConnectorType OnPremises), or re-run the Hybrid Configuration Wizard, which creates it.
guide-attribution-connector-disabled = Enable the inbound connector: Set-InboundConnector { $connector ->
        [none] <name of the inbound connector>
       *[other] { $connector }
    } -Enabled $true

## Error explainer

explain-heading = Explanation
explain-found-in = Found in
explain-meaning-label = What it means
explain-fix-label = What to do
explain-wizard-validation = Open the connector validation wizard (connector-doctor check) to test the connector from this machine.
explain-wizard-tenant-attribution = Open the 5.7.64 diagnosis (connector-doctor tenant-attribution) with the send connector's protocol logs.
explain-wizard-none = No wizard applies to this error.

explain-tenant-attribution-meaning = { $code }: Microsoft 365 could not tie the sending server to your tenant, so it refused to relay the message (TenantAttribution; Relay Access Denied). The inbound connector recognises the server by its certificate (TlsSenderCertificateName) or by its IP address (SenderIPAddresses), and neither matched; a renewed certificate with another name, a changed public IP or a missing intermediate certificate are the usual causes.
explain-tenant-attribution-fix = Find out which certificate and address the on-premises server really uses (its SmtpSend protocol logs show the certificate), then make the inbound connector match: re-run the Hybrid Configuration Wizard and pick the current certificate, or use Set-InboundConnector -TlsSenderCertificateName / -SenderIPAddresses.
explain-att36-meaning = A 5.7.64 refusal with ATTR36 (also written ATT36): the sender's domain, or the certificate's domain, is not an accepted and verified domain of the Microsoft 365 tenant.
explain-att36-fix = Add and verify the domain in the tenant (Microsoft 365 admin center, Settings, Domains), or send with a domain and a certificate that the tenant has already verified. Get-AcceptedDomain lists the accepted domains.
explain-connection-refused-meaning = { $code }: Microsoft 365 could not open a connection to the destination server on port 25 (connection refused).
explain-connection-refused-fix = Check that the smart host or the MX record points at the right server, that the SMTP service is running, and that the firewall lets Exchange Online Protection's addresses in on TCP port 25.
explain-cannot-connect-meaning = { $code }: Microsoft 365 reached the server but could not hold a conversation with it; a common cause is a server that demands STARTTLS while presenting an expired or replaced certificate.
explain-cannot-connect-fix = Check the receiving server's certificate (validity, name, chain) and its TLS settings, then validate the outbound connector again.
explain-certificate-validation-failed-meaning = { $code }: the certificate the receiving server presented does not satisfy the connector's TLS settings (untrusted issuer, or a name other than the TLS domain).{ $reason ->
        [none] {""}
       *[other] {" "}Reason given: { $reason } (SubjectMismatch: the name; ChainNotTrusted / UntrustedRoot: the issuer; Expired: the dates).
    }
explain-certificate-validation-failed-fix = Install a certificate from a public certification authority whose name matches the connector's TlsDomain, or change TlsSettings / TlsDomain on the outbound connector to match the certificate.
explain-certificate-expired-meaning = { $code }: the certificate presented during TLS has expired (CertificateExpired).
explain-certificate-expired-fix = Renew the certificate on the server that presented it and assign it to SMTP; with a hybrid configuration, re-run the Hybrid Configuration Wizard and pick the new certificate.
explain-server-busy-meaning = { $code }: the server is busy or shutting down and asks to try again later. This is temporary; the sender retries on its own.
explain-server-busy-fix = Wait and retry. If it lasts, check the load and the connection limits of the receiving server.
explain-mailbox-unknown-meaning = { $code }: the recipient's mailbox does not exist on the receiving server.
explain-mailbox-unknown-fix = Check the address for typing errors, before and after the @, and that the mailbox exists and is active.
explain-relay-denied-meaning = { $code }: the receiving server refuses to accept mail for that domain from this sender (relay denied).
explain-relay-denied-fix = Check that the receiving server accepts the recipient's domain (accepted domain, receive connector permissions) and that the connector's recipient domains cover it. If the refusal comes from Microsoft 365 for mail from your own servers, run the 5.7.64 diagnosis.
explain-generic-policy-permanent-meaning = { $code }: a permanent refusal for a security or policy reason (class 5.7).
explain-generic-policy-permanent-fix = Read the text after the code for the exact reason (authentication, relay, reputation, TLS), fix that setting, then send again.
explain-generic-policy-transient-meaning = { $code }: a temporary refusal for a security or policy reason (class 4.7); the sender will retry.
explain-generic-policy-transient-fix = Read the text after the code for the reason; if the message stays queued, fix that setting on the receiving side.
explain-generic-address-permanent-meaning = { $code }: a permanent problem with an address (class 5.1): it does not exist, or its syntax is wrong.
explain-generic-address-permanent-fix = Check the sender and recipient addresses for typing errors and that they exist.
explain-generic-mailbox-permanent-meaning = { $code }: a permanent problem with the recipient's mailbox (class 5.2), such as a full or disabled mailbox.
explain-generic-mailbox-permanent-fix = Ask the recipient's administrator to check the mailbox (quota, state), then send again.
explain-generic-mailbox-transient-meaning = { $code }: a temporary problem with the recipient's mailbox (class 4.2); the sender will retry.
explain-generic-mailbox-transient-fix = Usually nothing to do; if it lasts, the recipient's administrator should check the mailbox.
explain-generic-network-permanent-meaning = { $code }: a permanent network or routing problem (class 5.4), for example no route to the destination or a mail loop.
explain-generic-network-permanent-fix = Check the DNS records (MX) and the connectors or smart hosts that route this domain.
explain-generic-network-transient-meaning = { $code }: a temporary network or routing problem (class 4.4); the sender will retry.
explain-generic-network-transient-fix = Check that the destination server is reachable on port 25 and that its DNS records are right; validate the connector from this machine.
explain-generic-system-permanent-meaning = { $code }: a permanent problem of the mail system (class 5.3), such as a message too big for the server.
explain-generic-system-permanent-fix = Read the text after the code; check the server's limits (message size) and its state.
explain-generic-system-transient-meaning = { $code }: a temporary problem of the mail system (class 4.3), such as a busy or full server; the sender will retry.
explain-generic-system-transient-fix = Wait and retry; if it lasts, check the receiving server's load and disk space.
explain-generic-permanent-meaning = { $code }: a permanent failure: the message will not be delivered as it is.
explain-generic-permanent-fix = Read the text after the code for the reason, fix it, then send again.
explain-generic-transient-meaning = { $code }: a temporary failure: the sender keeps the message and retries.
explain-generic-transient-fix = Usually nothing to do right away; if the message stays queued for hours, look at the receiving server.
explain-generic-success-meaning = { $code }: a success reply; nothing failed here.
explain-generic-success-fix = Nothing to do for this line. If a message still did not arrive, paste the line that carries the error (4xx or 5xx).
explain-unrecognised-meaning = No SMTP status code (such as 550 5.7.64) was found in this text.
explain-unrecognised-fix = Paste the line of the non-delivery report that holds the code: it usually follows "Remote Server returned" or "Diagnostic information for administrators".

## Evidence an admin already holds: NDRs, message trace, send connector and certificate JSON (issue 10)

input-ndr-no-status = { $path } holds no delivery status: no Status or Diagnostic-Code field and no "Remote Server returned" line. Give the NDR as an .eml file (Outlook: Save As) or paste its "Diagnostic information for administrators".
input-trace-bad-csv = { $path } is not a readable CSV file: { $error }
input-trace-not-trace = { $path } has none of the columns of a message trace (origin_timestamp_utc or date_time_utc or Received, and sender_address or recipient_address). Export the historical search report from the Exchange admin center, or Get-MessageTrace | Export-Csv.
input-json-no-send-connector = { $path } holds no send connector (no Name). Use the output of Get-SendConnector | ConvertTo-Json.
input-json-no-certificate = { $path } holds no certificate (no Thumbprint). Use the output of Get-ExchangeCertificate | ConvertTo-Json.
note-evidence-certificates-missing = The send connector JSON was read without Get-ExchangeCertificate | ConvertTo-Json: the certificate that TlsCertificateName names could not be checked.
note-send-connector-certificate-ending = The send connector's certificate { $thumbprint } ends on { $not_after } and no renewed certificate is installed yet. When it is renewed, check that TlsCertificateName still names it and that its name matches TlsSenderCertificateName.
finding-send-connector-certificate-unset = The send connector "{ $send_connector }" has no TlsCertificateName: Exchange picks a certificate by the connector's FQDN, and nothing guarantees that it is the one the inbound connector in Microsoft 365 expects.
finding-send-connector-certificate-not-found = The send connector "{ $send_connector }" names the certificate { $value } in TlsCertificateName, and no installed certificate has that issuer and subject. Exchange then sends no certificate (454 4.7.5 in the logs) and Microsoft 365 answers 5.7.64.
finding-send-connector-certificate-issuer-changed = The send connector "{ $send_connector }" names the certificate { $value } in TlsCertificateName, but the installed certificate with that subject ({ $thumbprint }) was issued by { $issuer }: the renewal changed the issuer, so the connector no longer finds it and sends no certificate (454 4.7.5, then 5.7.64).
finding-send-connector-certificate-unusable = The certificate { $thumbprint } ({ $subject }) that the send connector "{ $send_connector }" uses cannot be presented: { $problems } (no-private-key: the private key is missing; expired: it ended on { $not_after }).
finding-send-connector-certificate-not-smtp = The send connector's certificate { $thumbprint } is not enabled for SMTP (services: { $services }).
finding-send-connector-certificate-name-mismatch = The send connector "{ $send_connector }" presents the certificate { $thumbprint }, whose names ({ $names }) do not match TlsSenderCertificateName "{ $setting }" on the inbound connector: Microsoft 365 will not recognise the server (5.7.64).
finding-send-connector-renewal-risk = A newer certificate is installed: { $thumbprint } ({ $subject }, issued by { $issuer }, names { $names }). { $found ->
        [no] TlsCertificateName does not name it: once the old one expires, the connector will find no certificate.
       *[yes] {""}
    }{ $names_ok ->
        [no] {" "}Its names do not match TlsSenderCertificateName "{ $setting }": switching to it will bring 5.7.64.
       *[yes] {""}
    }
finding-trace-ip-not-listed = The message trace shows { $count } refusals from { $ip }, the address Microsoft 365 saw, which is not in SenderIPAddresses ({ $listed }).{ $family ->
        [ipv6] {" "}It is an IPv6 address: SenderIPAddresses accepts IPv4 only.
       *[ipv4] {""}
    }
guide-attribution-send-connector-certificate-unset = Name the certificate explicitly: $c = Get-ExchangeCertificate -Thumbprint <thumbprint>; Set-SendConnector { $send_connector } -TlsCertificateName "<I>$($c.Issuer)<S>$($c.Subject)"
guide-attribution-send-connector-certificate-not-found = Point the send connector at the installed certificate: Set-SendConnector { $send_connector } -TlsCertificateName { $value } (or re-run the Hybrid Configuration Wizard and pick the certificate on the transport certificate page).
guide-attribution-send-connector-certificate-unusable = Renew or re-import the certificate with its private key, enable it for SMTP (Enable-ExchangeCertificate -Thumbprint { $thumbprint } -Services SMTP), then point TlsCertificateName at it.
guide-attribution-send-connector-certificate-not-smtp = Enable the certificate for SMTP: Enable-ExchangeCertificate -Thumbprint { $thumbprint } -Services SMTP
guide-attribution-send-connector-certificate-name-mismatch = Either give the send connector a certificate whose name matches "{ $setting }", or change the inbound connector: Set-InboundConnector <name> -TlsSenderCertificateName { $suggested }
guide-attribution-send-connector-renewal-risk = Before the old certificate expires: Set-SendConnector { $send_connector } -TlsCertificateName { $value }, and make TlsSenderCertificateName on the inbound connector match the new certificate's name (or re-run the Hybrid Configuration Wizard).
guide-attribution-trace-ip-not-listed = { $family ->
        [ipv6] Make the server relay to Microsoft 365 over IPv4 (or move to a certificate-based connector with TlsSenderCertificateName); an IPv6 address cannot be added to SenderIPAddresses.
       *[ipv4] Add { $ip } to SenderIPAddresses on the inbound connector (keeping the existing entries), or move to a certificate-based connector with TlsSenderCertificateName.
    }
tenant-evidence-heading = Evidence from Exchange
tenant-evidence-ndr = NDR { $source }: { $status }, from { $reporting }, remote server { $remote }{ $connector ->
        [none] {""}
       *[other] , connector "{ $connector }"
    }
tenant-evidence-trace = Message trace { $source }: { $rows } rows, { $failed } refused ({ $first } → { $last })
tenant-evidence-trace-event = { $code }: { $count } times ({ $first } → { $last })
tenant-evidence-trace-ips = Client IPs Microsoft 365 saw: { $ips }
tenant-evidence-trace-domains = Sender domains: { $senders }; recipient domains: { $recipients }
tenant-evidence-send-connector = Send connector "{ $name }": TlsCertificateName { $value }
tenant-evidence-certificate = Certificate { $thumbprint }: { $subject }, issued by { $issuer }, ends { $not_after }, services { $services }, private key { $key }
explain-ndr-heading = NDR { $source }
explain-ndr-status = Status
explain-ndr-diagnostic-code = Diagnostic code
explain-ndr-reporting-mta = Reported by
explain-ndr-remote-mta = Remote server
explain-ndr-recipient = Recipient
explain-ndr-connector = Connector
explain-reason = Reason
explain-tenant-inbound-attribution-meaning = { $code } TenantInboundAttribution: a Partner inbound connector in Microsoft 365 matched the message (by its domain) and its restriction refused it — the sending server has neither the certificate nor the IP address that connector requires.
explain-tenant-inbound-attribution-fix = Check the Partner inbound connectors (Get-InboundConnector): if the mail comes from your own on-premises server, it needs an OnPremises connector, not a Partner one; otherwise align RestrictDomainsToCertificate / RestrictDomainsToIPAddresses with the partner's certificate and addresses.
explain-attribution-5-7-68-meaning = { $code }: Microsoft 365 refused the message while attributing it to a tenant (the same family as 5.7.64). Microsoft does not document this code in its NDR list.
explain-attribution-5-7-68-fix = Run the 5.7.64 diagnosis: check that an OnPremises inbound connector recognises the sending server (certificate or IP) and that the sender's or the certificate's domain is an accepted domain.
explain-starttls-required-meaning = { $code }: the receiving side requires TLS (an inbound connector with RequireTls) and the sending server did not start STARTTLS.
explain-starttls-required-fix = Enable TLS on the on-premises send connector (Set-SendConnector <name> -RequireTLS $true, with a certificate in TlsCertificateName) and check that nothing between the server and Microsoft 365 strips STARTTLS.
explain-send-certificate-not-found-meaning = { $code }: the certificate named in the send connector's TlsCertificateName cannot be found on the Exchange server, so it sends no certificate — Microsoft 365 then refuses with 5.7.64.
explain-send-certificate-not-found-fix = Compare Get-SendConnector's TlsCertificateName with Get-ExchangeCertificate (issuer and subject); after a renewal, set it again: Set-SendConnector <name> -TlsCertificateName "<I>issuer<S>subject" (or re-run the Hybrid Configuration Wizard).
explain-tls-version-refused-meaning = { $code }: Microsoft 365 closed the connection because the sending server offered an old TLS version; only TLS 1.2 and later are accepted.
explain-tls-version-refused-fix = Enable TLS 1.2 on the sending server (on Windows: the SCHANNEL TLS 1.2 keys and .NET SchUseStrongCrypto), then restart the transport service.
explain-dane-starttls-not-supported-meaning = { $code } (SMTP DANE): the destination publishes TLSA records, but its mail server does not offer STARTTLS, which DANE requires.
explain-dane-starttls-not-supported-fix = Enable STARTTLS on the destination's mail server, or remove its TLSA records while TLS is not available.
explain-dane-certificate-expired-meaning = { $code } (SMTP DANE): the destination mail server's certificate has expired.
explain-dane-certificate-expired-fix = Renew the certificate on the destination server and publish TLSA records that match the new one before it goes live.
explain-dane-tlsa-invalid-meaning = { $code } (SMTP DANE): the destination domain failed DANE validation: no TLSA record matches the certificate the server presents.
explain-dane-tlsa-invalid-fix = Update the TLSA records (_25._tcp.<mx host>) to match the current certificate or its issuer; after a renewal, publish the new record before switching certificates.
explain-dane-dnssec-invalid-meaning = { $code } (SMTP DANE): the destination domain returned DNSSEC records that do not validate.
explain-dane-dnssec-invalid-fix = Fix the domain's DNSSEC (signatures, DS record at the parent zone) with the DNS provider.
explain-dane-certificate-host-mismatch-meaning = { $code } (SMTP DANE): the destination server's certificate has no name (common name or subject alternative name) matching the MX host name.
explain-dane-certificate-host-mismatch-fix = Install a certificate that names the MX host, and update the TLSA records to match it.
tenant-value-yes = yes
tenant-value-no = no

## Attribution as Microsoft documents it (per session, per server)

log-warn-not-send-log = This file's #Log-type is "{ $type }", not "SMTP Send Protocol Log": it was not used. A Receive log shows the certificate of the receive connector, not the one the server sends to Microsoft 365; take the files from the SmtpSend folder (Get-TransportService | Select Name,SendProtocolLogPath).
log-warn-broken-link = This link in the log folder leads nowhere or loops back on itself ({ $error }); it was skipped.
log-warn-folder-unreadable = This folder could not be read ({ $error }); it was skipped.
note-sender-domain-unknown = The logs show no MAIL FROM for some sessions, so the sender's domain could not be weighed against the accepted domains. Turn on verbose protocol logging, or give the sender's domain with --sender-domain.
note-wildcard-setting-specific-certificate = TlsSenderCertificateName { $setting } is a wildcard and the certificate ({ $subject }) carries a specific name. Microsoft accepts this, but advises setting the certificate's own name instead.
finding-null-sender-not-accepted = { $servers ->
        [none] Mail
       *[other] Server { $servers }: mail
    } with the null sender (MAIL FROM:<>, such as non-delivery reports and automatic replies) has no sender domain, so only the certificate can tie it to the tenant, and { $certificate_domain_count ->
        [0] no certificate was presented
        [one] its domain { $certificate_domains } is not an accepted domain
       *[other] its domains { $certificate_domains } are not accepted domains
    } (accepted domains: { $accepted }). Since 1 November 2023 Microsoft 365 refuses such relay. { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} in the logs, { $rejected } refused with 5.7.64.
finding-sender-domain-not-accepted = { $servers ->
        [none] { $certificate_domain_count ->
            [0] No certificate was presented
            [one] Neither the certificate's domain { $certificate_domains }
           *[other] Neither the certificate's domains { $certificate_domains }
        }
       *[other] Server { $servers }: { $certificate_domain_count ->
            [0] no certificate was presented
            [one] neither the certificate's domain { $certificate_domains }
           *[other] neither the certificate's domains { $certificate_domains }
        }
    }{ $certificate_domain_count ->
        [0] , and the sender's domain { $sender } (MAIL FROM) is not an accepted domain of the tenant
       *[other] {" "}nor the sender's domain { $sender } (MAIL FROM) is an accepted domain of the tenant
    } (accepted domains: { $accepted }). Microsoft 365 needs one of the two. { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} in the logs, { $rejected } refused with 5.7.64.
finding-ipv6-sender = { $server ->
        [none] The server
       *[other] Server { $server }
    } relays to Microsoft 365 over IPv6 ({ $ip }), but the inbound connector can only recognise it by IP address: SenderIPAddresses takes IPv4 addresses only, and the certificate does not identify the server{ $setting ->
        [none] {""}
       *[other] {" "}(TlsSenderCertificateName { $setting })
    }. { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} over IPv6 in the logs, { $rejected } refused with 5.7.64.
finding-certificate-not-found = { $server ->
        [none] The server
       *[other] Server { $server }
    } could not complete TLS ({ $error }) in { $sessions } { $sessions ->
    [one] session
   *[other] sessions
}, { $rejected } of them refused with 5.7.64: the certificate the send connector names is missing or cannot be used, so no certificate was really presented, even where the log lists one just before the failure.
finding-certificate-stale-server = Server { $server } still sends { $subject } ({ $thumbprint }, last seen { $last_seen }; { $sessions } { $sessions ->
    [one] session
   *[other] sessions
}, { $rejected } refused with 5.7.64), while the newer { $new_subject } ({ $new_thumbprint }) is sent by { $servers ->
        [none] the other servers
       *[other] { $servers }
    }.
finding-issuer-changed = The certificate the server sends has the subject the connector expects ({ $subject }) but another issuer: TlsSenderCertificateName names the issuer { $issuer_setting }, the certificate was issued by { $issuer_sent } (thumbprint { $thumbprint }). In the <I>issuer<S>subject form both must match, so a renewal from another authority or intermediate breaks it. { $rejected } of { $sessions } { $sessions ->
    [one] session
   *[other] sessions
} were refused with 5.7.64.
guide-attribution-ipv6-sender = Either identify the server by certificate: Set-InboundConnector { $connector ->
        [none] <name of the inbound connector>
       *[other] { $connector }
    } -TlsSenderCertificateName <name-on-the-certificate> (Microsoft's recommended way; it also survives address changes). Or make the server relay over IPv4: point the send connector { $send_connector ->
        [none] <name of the send connector>
       *[other] { $send_connector }
    } at a smart host that resolves to IPv4 only, then list the public IPv4 address in SenderIPAddresses. Adding the IPv6 address to SenderIPAddresses is not possible.
guide-attribution-certificate-not-found = On { $server ->
        [none] the server
       *[other] { $server }
    }, check that the certificate the send connector names exists, holds its private key, is valid and is assigned to SMTP: Get-SendConnector { $send_connector ->
        [none] <name of the send connector>
       *[other] { $send_connector }
    } | Format-List TlsCertificateName, then Get-ExchangeCertificate | Format-List Thumbprint,Subject,Issuer,Services,NotAfter,HasPrivateKey. Set TlsCertificateName to "<I>issuer<S>subject" of a certificate that is there (Set-SendConnector … -TlsCertificateName), and restart the Microsoft Exchange Transport service.
guide-attribution-sender-domain-not-accepted = Microsoft 365 accepts the relay when the certificate's domain or the MAIL FROM domain is an accepted domain, compared exactly. The smallest fix: add { $domain ->
        [none] the certificate's domain
       *[other] { $domain }
    } as an accepted domain of the tenant and verify it (Microsoft 365 admin center, Settings, Domains){ $parent ->
        [none] {""}
       *[other] {""}; it is a subdomain of { $parent }, and a subdomain is not accepted because its parent is
    }. For the null sender (non-delivery reports, automatic replies) only the certificate counts: use a certificate whose name is an accepted domain. Get-AcceptedDomain lists the accepted domains.
guide-attribution-certificate-changed-server = On { $server }, assign the newer certificate (thumbprint { $thumbprint }) to SMTP with Enable-ExchangeCertificate -Thumbprint { $thumbprint } -Services SMTP, make sure the send connector's TlsCertificateName names it, and restart the Microsoft Exchange Transport service; each server behind the send connector sends its own certificate. If the older certificate is the one the inbound connector{ $connector ->
        [none] {""}
       *[other] {" "}{ $connector }
    } expects, change TlsSenderCertificateName instead, once every server sends the newer one.
tenant-log-servers = Sending servers in the logs: { $servers }

## Message traces without the SMTP reply (tenantwiz)
note-trace-no-reply = The message trace { $source } shows { $count } failed { $count ->
        [one] message
       *[other] messages
    } without the SMTP reply: this export (the enhanced summary report, or Get-MessageTrace / Get-MessageTraceV2) only says "Failed", so it cannot show whether the reason was 5.7.64 TenantAttribution, and those failures are not counted above. Download the extended report from the message trace in the Exchange admin center, or run Get-MessageTraceV2 -Status Failed | Get-MessageTraceDetailV2 to read the reason of each one.
