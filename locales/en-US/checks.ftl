# Connector validation: steps, statuses, details and fix-it guidance (English).

## Steps and statuses

step-resolve = Resolve
step-connect = Connect
step-ehlo = SMTP EHLO
step-tls = TLS
step-test-email = Test address

status-pass = Pass
status-warn = Warning
status-fail = Failed
status-skipped = Skipped

## Why a typed host is not usable

host-error-empty = The host is empty.
host-error-whitespace = The host contains a space, a line break or another invisible character.
host-error-bad-port = The port must be a number from 1 to 65535 (Microsoft 365 always uses 25).
host-error-bad-ipv6 = This IPv6 address is not valid. Write it as 2001:db8::25 or, with a port, [2001:db8::25]:25.
host-error-too-long = The name is longer than the 253 characters DNS allows.
host-error-empty-label = The name has two dots in a row, or starts or ends with a dot.
host-error-label-too-long = One part of the name (between two dots) is longer than 63 characters.
host-error-bad-character = The name contains a character that host names cannot hold (only letters, digits and hyphens).
host-error-hyphen-edge = A part of the name starts or ends with a hyphen.
host-error-bad-ipv4 = This looks like an IPv4 address but is not a valid one (four numbers from 0 to 255).
host-error-looks-like-email = This is an e-mail address. Type the mail server's name, for example mail.contoso.com.
host-error-looks-like-url = This is a web address. Type only the server's name, without http:// or a path.

## Why a typed address is not usable

address-error-empty = The address is empty.
address-error-control = The address contains a line break or another control character; it was refused so that nothing unexpected is sent to the server.
address-error-whitespace = The address contains a space.
address-error-missing-at = The address has no @ between the mailbox and the domain.
address-error-several-at = The address has more than one @.
address-error-empty-local = Nothing comes before the @: the mailbox name is missing.
address-error-empty-domain = Nothing comes after the @: the domain is missing.
address-error-dots = The mailbox name starts or ends with a dot, or has two dots in a row.
address-error-bad-domain = The part after the @ is not a valid domain name (it needs at least one dot, for example contoso.com).
address-error-too-long = The address is longer than the 254 characters SMTP allows.
address-error-syntax = The address contains characters that are not allowed in an e-mail address.

## Input problems

input-error-ca-file = The CA file { $path } cannot be used: { $problem }
input-file-too-large = { $path } is larger than the { $size } { $unit ->
    [kib] KiB
   *[mib] MiB
} this option accepts.
input-file-not-regular = { $path } is { $kind ->
    [fifo] a named pipe (FIFO)
    [device] a device
    [directory] a folder
   *[other] not a regular file
}: give a regular file of at most { $size } { $unit ->
    [kib] KiB
   *[mib] MiB
}.
input-file-not-streamable = { $path } is { $kind ->
    [device] a device
    [directory] a folder
   *[other] not a regular file
}: give a log file, a folder of logs or a named pipe.
input-error-os-trust-store = No certificate could be read from the operating system's trust store.
input-error-mx-needs-address = Without a smart host, the MX records of the test address's domain are used: enter a test address.
input-error-no-smart-host = Add at least one smart host, or use the MX records (UseMXRecord).
input-error-tls-domain-required = Domain validation needs a TLS domain (the name the certificate must carry, for example mail.contoso.com or *.contoso.com).
input-error-dns-server = The DNS server must be an IP address, optionally with a port (192.0.2.53 or 192.0.2.53:5353).
input-error-timeout = The timeout must be between 1 and { $max } seconds.
input-error-nothing-to-check = There is nothing to check: enter at least one smart host, or a test address to use its domain's MX records.

## Details: resolve

detail-dns-system-config = The DNS configuration of this machine cannot be read: { $error }
detail-resolve-ok = { $count ->
    [one] One address: { $addresses }
   *[other] { $count } addresses: { $addresses }
}
detail-resolve-nxdomain = The name { $name } does not exist in DNS (NXDOMAIN).
detail-resolve-no-records = The name { $name } exists but has no { $record } record.
detail-resolve-null-mx = { $name } publishes a "null MX" (RFC 7505): it declares that it accepts no mail at all.
detail-resolve-dns-error = The DNS query for { $name } failed: { $error }
detail-resolve-private-address = { $name } resolves here to a private address ({ $private }; all: { $addresses }). Microsoft 365 resolves the name in public DNS from the internet, where the answer may differ; what is tested here is the internal answer.
detail-resolve-private-literal = { $name } is a private address: this computer can reach it, Microsoft 365 cannot (it connects from the internet).
detail-resolve-points-to-microsoft = { $name } is Microsoft 365's own inbound mail service ({ $why }): mail sent through this connector would come back into Microsoft 365, a mail loop. Nothing else was tested.

## Details: connect

detail-connect-ok = Connected to { $address } in { $ms } ms.
detail-connect-refused = { $address } refused the connection: nothing listens on that port, or a firewall rejects it.
detail-connect-timeout = No answer from { $address } within { $seconds } s: a firewall is probably dropping the connection.
detail-connect-unreachable = { $address } cannot be reached from this machine ({ $error }).

## Details: greeting and EHLO

detail-ehlo-ok = Greeting: { $banner } — EHLO accepted. Extensions: { $extensions }
detail-ehlo-helo-only = Greeting: { $banner } — the server refused EHLO but accepted HELO, so it cannot offer STARTTLS.
detail-ehlo-slow-banner = The server greeted only after { $seconds } s (more than { $threshold } s): { $banner }. It works, but it holds new connections back (tarpitting or an overloaded server).
detail-ehlo-silent = The server accepted the connection but sent nothing for { $seconds } s while waiting for { $what ->
    [greeting] the greeting (220)
   *[other] the reply to { $what }
}.
detail-ehlo-slow = The server started to answer but did not finish { $what ->
    [greeting] its greeting
   *[other] its reply to { $what }
} within { $seconds } s: it is very slow or deliberately delaying (tarpitting).
detail-ehlo-closed = The server closed the connection while we waited for { $what ->
    [greeting] the greeting
   *[other] the reply to { $what }
} ({ $error }).
detail-ehlo-busy = The server answered { $what ->
    [greeting] the greeting
   *[other] { $what }
} with a temporary refusal: { $reply }
detail-ehlo-rejected = The server refused { $what ->
    [greeting] the session at the greeting
   *[other] { $what }
}: { $reply }
detail-not-smtp-line-too-long = The server sent a line far longer than SMTP allows: this is not an SMTP server (or not one working properly).
detail-not-smtp-too-many-lines = The server's reply never ended: this is not a normal SMTP reply.
detail-not-smtp-bad-line = The server sent something that is not an SMTP reply (no three-digit code).
detail-not-smtp-mixed-codes = The server's multi-line reply mixes several codes: this is not valid SMTP.
detail-not-smtp-bad-greeting = The server's greeting is not the expected 220: { $reply }

## Details: TLS

detail-tls-ok = { $protocol }, { $cipher }. Certificate { $subject }, valid until { $not_after }.
detail-tls-not-offered = The server does not offer STARTTLS (connector setting: { $policy }).
detail-tls-starttls-refused = The server lists STARTTLS but refused it: { $reply }
detail-tls-starttls-refused-plain = The server lists STARTTLS but the session broke at the STARTTLS command ({ $reply }). With opportunistic TLS, Microsoft 365 then sends without encryption: the test address is checked on a new connection without TLS.
detail-tls-handshake-failed = The TLS handshake failed: { $error }
detail-tls-handshake-failed-plain = The server offers STARTTLS and accepted it, but the TLS handshake failed: { $error }. With opportunistic TLS, Microsoft 365 then sends without encryption: the test address is checked on a new connection without TLS.
detail-tls-handshake-timeout = The TLS handshake did not finish within { $seconds } s.
detail-tls-no-certificate = The server sent no certificate.
detail-tls-expired = The certificate expired on { $not_after }.
detail-tls-not-yet-valid = The certificate is not valid before { $not_before } (check the server's clock, or wait).
detail-tls-chain-expired = A certificate of the chain (an intermediate) is outside its validity period.
detail-tls-self-signed = The certificate is self-signed ({ $subject }): no certification authority vouches for it.
detail-tls-untrusted = The certificate's issuer ({ $issuer }) is not a trusted certification authority, or the server does not send the intermediate certificate.
detail-tls-invalid-chain = The certificate chain does not verify ({ $issuer }): { $error }
detail-tls-name-mismatch = The certificate is for { $names }, which does not match the TLS domain { $tls_domain }.
note-tls-validity-ok = In its validity period (until { $not_after }).
note-tls-trusted = Issued by a trusted authority: { $issuer }.
note-tls-name-ok = Names { $names } match the TLS domain { $tls_domain }.
note-tls-name-not-checked = Names on the certificate: { $names } (not compared: only domain validation checks the name).

## Details: test address

detail-email-rcpt-ok = The server accepts mail for { $address }: { $reply } (no message was sent).
detail-email-sent = A test message was sent to { $address }: { $reply }
detail-email-out-of-scope = The test address's domain { $domain } is not among the connector's recipient domains ({ $scope }).
detail-email-sender-rejected = The server refused the sender at { $what }: { $reply }
detail-email-recipient-rejected = The server refused the recipient at { $what }: { $reply }
detail-email-deferred = The server temporarily refused at { $what }: { $reply }
detail-email-tls-required = The server accepts mail only over TLS and refused at { $what } without it: { $reply }
detail-email-greylisted = The server greylisted the test at { $what } (a temporary refusal that a retry a few minutes later gets past): { $reply }. The route works; the mailbox itself is not confirmed yet.
detail-email-catch-all = The server accepts { $address }, but it also accepted { $probe }, an address made up for this check ({ $reply }): it accepts every address in the domain, so this test proves the route, not that the mailbox exists.
detail-email-broken = The session broke at { $what } ({ $error }).
detail-email-not-tested = The test address could not be checked: the session ended after TLS ({ $what }: { $error }).
detail-email-plain-reconnect-failed = The test address could not be checked without TLS: a new connection to { $address } failed ({ $error }).
detail-email-needs-smtputf8 = { $address } has a local part (before the @) that is not plain ASCII, and this server does not offer SMTPUTF8: such an address can only be used with a server that announces SMTPUTF8 in its EHLO reply. Nothing was sent for it.

## Skipped steps

skipped-resolve-failed = Not run: the host could not be resolved.
skipped-mail-loop = Not run: the smart host is Microsoft 365 itself (mail loop).
skipped-connect-failed = Not run: no connection.
skipped-ehlo-failed = Not run: the SMTP session did not start.
skipped-tls-required = Not run: the connector requires TLS and TLS could not be set up.
skipped-no-test-address = Not run: no test address was given.
skipped-out-of-scope = Not run: { $domain } is outside the connector's recipient domains.

## Vantage point

vantage-point-note = Note: this test ran from this computer, not from Microsoft 365. A firewall that only admits Exchange Online Protection addresses (40.92.0.0/15, 40.107.0.0/16, 52.100.0.0/14, 104.47.0.0/17, 2a01:111:f400::/48, 2a01:111:f403::/48) blocks this computer but not Microsoft: a connection failure here is not proof of a failure there.

## Command line

cli-error = error
cli-no-gui = This build of Connector Doctor has no desktop wizard (built without the "gui" feature). Use the command line: connector-doctor --help
cli-input-problem = { $field } "{ $value }": { $problem }
cli-text-title = Connector Doctor { $version } — connector check
cli-text-connector = TLS setting: { $tls } — TLS domain: { $tls_domain } — test address: { $address }
cli-text-connector-wide = Connector
cli-text-certificate = Certificate: { $subject } — issuer: { $issuer } — expires: { $not_after } — thumbprint: { $thumbprint }
cli-text-verdict-pass = Result: PASS ({ $warned } { $warned ->
    [one] warning
   *[other] warnings
}).
cli-text-verdict-fail = Result: FAILED ({ $failed } failed { $failed ->
    [one] step
   *[other] steps
}, { $warned } { $warned ->
    [one] warning
   *[other] warnings
}).
cli-history-unwritable = The run history cannot be saved in { $path }: { $problem }. Give the folder write access, or add --no-history to run without keeping this run.
cli-report-written = Report written to { $path }.
cli-text-cancelled = Result: cancelled before the end.

## Fix-it guidance (one per failure code)

guide-resolve-invalid-host = Go back to the smart host list and correct the entry: a smart host is a server name (mail.contoso.com) or an IP address, optionally followed by :port.
guide-resolve-nxdomain = The name does not exist. Look for a typo in the smart host (go back and compare with your DNS zone). If the name is new, check that the record was created in the public DNS zone and that it has propagated (nslookup -type=A name).
guide-resolve-no-records = The name exists but points nowhere. Create an A (IPv4) or AAAA (IPv6) record for the mail server, or an MX record pointing to a host that has one, then re-run the check.
guide-resolve-null-mx = The domain says it receives no mail (null MX "0 ."). If this domain should receive mail, replace the null MX with real MX records; otherwise choose another recipient domain or smart host.
guide-resolve-dns-error = The DNS server did not give a usable answer (timeout or server failure). Check the DNS server this machine uses (or the one given with --dns-server), that the domain's authoritative servers respond, and that its DNSSEC signatures are valid; then re-run.
guide-resolve-private-address = This is a warning: the smart host resolves here to a private address (RFC 1918, CGNAT 100.64.0.0/10, loopback or IPv6 unique-local), which Microsoft 365 cannot reach from the internet. Look up the public record from outside (for example Resolve-DnsName mail.contoso.com -Server 8.8.8.8 -Type A) and make sure it gives the public address that your firewall forwards to the mail server on port 25; if the connector names an IP address, use the public one (Set-OutboundConnector -SmartHosts). Then re-run this check from outside your network, or with --dns-server pointing at a public resolver.
guide-resolve-points-to-microsoft = The connector's smart host is Microsoft 365 itself (a name under mail.protection.outlook.com, or an address in the Exchange Online Protection ranges): mail would loop back into Microsoft 365 and end in a "loop detected" non-delivery report (5.4.14). Point the connector at your own mail server's public name or address (Set-OutboundConnector -SmartHosts mail.contoso.com), not at your domain's Microsoft 365 MX record. For mail to your own accepted domains, check the domain's type (Get-AcceptedDomain: InternalRelay only if some mailboxes really live elsewhere).
guide-connect-refused = Nothing accepts connections on that port. Check that the mail service runs on the server, that it listens on port 25 on this address, and that the server's firewall allows inbound TCP 25.
guide-connect-timeout = The connection attempt got no answer: a firewall is most likely dropping it. Open TCP port 25 inbound on the server and on any firewall in front of it, and allow the Exchange Online Protection address ranges. Remember this test runs from this computer: a firewall that only admits Microsoft's ranges will block it here even if Microsoft 365 gets through.
guide-connect-unreachable = There is no route from this machine to that address. Check that the address is right (DNS record), that this network can reach it (VPN, routing, IPv6 availability) and that no firewall sends back "unreachable".
guide-ehlo-no-banner = The server accepted the connection but did not answer in SMTP within the time allowed. Check that this host really runs a mail server on that port (not a proxy or a firewall with SMTP inspection holding the session), that it is not overloaded, and whether it delays greetings on purpose (tarpitting: Exchange TarpitInterval, Postfix postscreen_greet_wait, Sendmail greet_pause). RFC 5321 lets a sending server wait up to 5 minutes for the greeting, longer than this check waits by default: re-run with a longer timeout (--timeout 300) to tell a very slow server from a silent one.
guide-ehlo-slow-banner = This is a warning: the server waits before sending its 220 greeting. RFC 5321 lets a sending server wait up to 5 minutes, so mail still flows, but every message is delayed and a busy period can turn the delay into timeouts. Microsoft does not document how long Exchange Online waits for the greeting. On that server, look for a deliberate delay or tarpit on connections from Microsoft 365 (Exchange: Get-ReceiveConnector | Format-List Identity,TarpitInterval,ConnectionTimeout — TarpitInterval delays replies; Postfix: postscreen_greet_wait and smtpd_client_restrictions with sleep; Sendmail: greet_pause), exempt Microsoft 365's ranges from it, and check for DNS timeouts on the server (a reverse lookup of the client that times out delays the greeting too).
guide-ehlo-busy = The server is temporarily refusing connections (4xx, often 421): it is overloaded, shutting down, or rate-limiting this sender. Wait a few minutes and re-run; if it persists, check the server's connection limits and its queue.
guide-ehlo-rejected = The server refuses SMTP sessions from this sender (5xx). Check the server's connection filtering (IP block lists, receive connector permissions, allowed remote IP ranges) and make sure Microsoft 365's ranges are allowed.
guide-ehlo-not-smtp = What answers on this port is not a working SMTP server. Check that the smart host and port are right and point to the mail server itself, not to a web server, a load balancer or another service.
guide-tls-not-offered = The server does not offer STARTTLS. Enable TLS on the receiving server (for Exchange: a valid certificate assigned to the SMTP service with Enable-ExchangeCertificate -Services SMTP; for Postfix: smtpd_tls_cert_file, smtpd_tls_key_file and smtpd_tls_security_level = may), or choose a connector TLS setting that does not require it.
guide-tls-starttls-refused = The server lists STARTTLS in its EHLO reply but refuses the command or drops the connection when asked: TLS is offered, yet broken, most often because of the certificate on the receiving side. For Exchange, check the certificate of the receive connector (Get-ExchangeCertificate: valid, with its private key, assigned to SMTP; the connector's TlsCertificateName); for Postfix, smtpd_tls_cert_file, smtpd_tls_key_file and the mail log. A connector that forces TLS cannot deliver; with opportunistic TLS, Microsoft 365 sends without encryption.
guide-tls-handshake-failed = STARTTLS was accepted but the encrypted session could not be set up. Check the server's TLS configuration: a certificate and its private key installed together, TLS 1.2 or 1.3 enabled, modern cipher suites, and no device in between that breaks TLS (SMTP inspection on a firewall).
guide-tls-expired = The server's certificate has expired. Renew it (or install a new one), assign it to the SMTP service, restart or reload the mail service, then re-run. With Exchange: Get-ExchangeCertificate, then Enable-ExchangeCertificate -Thumbprint … -Services SMTP.
guide-tls-not-yet-valid = The certificate is not valid yet. Check the date and time of the server (and of this computer); if the certificate was issued for a future date, install one that is valid now.
guide-tls-untrusted-issuer = The certificate was not issued by a certification authority that Microsoft 365 trusts, or the server does not send its intermediate certificates. Install a certificate from a public CA and configure the server to send the full chain (leaf + intermediates). An internal CA is not accepted with certificate or domain validation.
guide-tls-self-signed = The server uses a self-signed certificate. With certificate or domain validation, Microsoft 365 rejects it: replace it with a certificate from a public certification authority, or lower the connector's TLS setting to encryption only if that is acceptable.
guide-tls-name-mismatch = None of the certificate's names matches the connector's TLS domain. Either change TlsDomain on the connector (Set-OutboundConnector -TlsDomain) to a name the certificate carries, or install a certificate whose subject or alternative names include the TLS domain. A TLS domain *.contoso.com accepts a certificate for contoso.com itself or for any name under it (mail.contoso.com, *.contoso.com); a TLS domain without a star, such as mail.contoso.com, needs that exact name or a wildcard certificate one level above it (*.contoso.com covers mail.contoso.com, not a.b.contoso.com).
guide-email-invalid-address = Correct the test address: check the part before the @ (the mailbox) and after it (the domain) for typos.
guide-email-out-of-scope = The test address must belong to a domain the connector covers. Use an address in one of the connector's recipient domains, or add its domain to RecipientDomains (Set-OutboundConnector -RecipientDomains). The entry *.contoso.com covers contoso.com itself and all its subdomains; contoso.com alone covers only contoso.com.
guide-email-sender-rejected = The server refused the sender address used for the test. Try another sender (--mail-from or the Test address page), and check the server's sender restrictions (sender reputation, SPF checks, anti-spoofing rules).
guide-email-recipient-rejected = The server refused the test recipient. If the reply says the mailbox does not exist (5.1.1), use an address that belongs to an active mailbox on that server and that receives mail from elsewhere. If it says relay is denied (5.7.1), the server does not accept mail for that domain: add the domain to its accepted domains or fix the connector's recipient domains.
guide-email-deferred = The server answered with a temporary error (4xx) that is neither greylisting nor a demand for TLS: a full mailbox, a rate limit, a failed lookup or another temporary problem on that server. Wait a few minutes and re-run; if it persists, read the reply text and check that server's logs for the test address.
guide-email-tls-required = The receiving server demands TLS, but this session had none: it did not offer STARTTLS, or its STARTTLS failed. Microsoft 365 will not get past this either. On that server, check that STARTTLS is offered on the connector that receives from Microsoft 365 (Exchange: Get-ReceiveConnector | Format-List Identity,AuthMechanism,RequireTLS,TlsCertificateName — AuthMechanism must include Tls, and the certificate named in TlsCertificateName must be installed, valid and enabled for SMTP with Enable-ExchangeCertificate -Services SMTP; Postfix: smtpd_tls_security_level and smtpd_tls_chain_files). Then set the outbound connector's TlsSettings to at least EncryptionOnly (Set-OutboundConnector -TlsSettings EncryptionOnly) so Microsoft 365 always uses TLS.
guide-email-greylisted = The server uses greylisting: it refuses a new sender temporarily and accepts the same message when it is retried a few minutes later. Microsoft 365 retries on its own, so mail will arrive late rather than not at all. Re-run the check after the greylisting delay (often 1 to 5 minutes) to confirm the mailbox. To avoid the delay for every new sender, add Microsoft 365's outbound ranges (or the domain protection.outlook.com) to the greylisting whitelist of that server (postgrey: /etc/postgrey/whitelist_clients.local).
guide-email-catch-all = This is a warning, not a failure: the server accepts mail for any address in the domain (a catch-all, or a gateway that checks mailboxes only later), so accepting the test address proves that the route works, not that the mailbox exists. Check the mailbox on the destination server itself (Exchange: Get-Recipient <address>), or send a real test message (--send) and confirm it arrived. If mail to unknown addresses should be refused, enable recipient checks on that server (Exchange Edge: Set-RecipientFilterConfig -RecipientValidationEnabled $true; Postfix: local_recipient_maps or relay_recipient_maps).
guide-email-not-tested = The test address was never checked, so the run cannot pass: the session ended before MAIL FROM and RCPT TO could be sent (see the detail and the SMTP conversation). Microsoft 365's own validation would stop at the same point. Fix what the detail names (a server that drops the session after TLS, or that refuses a new connection), then re-run. When this is a warning, Microsoft 365 can reach the server over TLS but this tool cannot, and the server refuses mail without TLS: check the mailbox on the server itself (Exchange: Get-Recipient <address>).

## TLS probe: what Microsoft 365 would negotiate (versions, cipher suites)

detail-tls-protocol-too-old = The server accepts only { $versions }: Microsoft 365 never uses TLS 1.0 or 1.1 to send mail, so it gets no TLS session from this server.
detail-tls-protocol-too-old-plain = The server accepts only { $versions }, which Microsoft 365 never uses to send mail. With opportunistic TLS, Microsoft 365 then sends without encryption: the test address is checked on a new connection without TLS.
detail-tls-no-common-cipher = The server refused TLS 1.2 with every cipher suite Microsoft 365 uses, and TLS 1.3 and the older versions as well ({ $error }).
detail-tls-no-common-cipher-plain = The server refused TLS 1.2 with every cipher suite Microsoft 365 uses, and TLS 1.3 and the older versions as well ({ $error }). With opportunistic TLS, Microsoft 365 then sends without encryption: the test address is checked on a new connection without TLS.
detail-tls-weak-cipher = With Microsoft 365's list, the server picks { $suite }, a suite Microsoft marks as weak (no forward secrecy, or kept only for old clients).
detail-tls-tls13-only = The server refuses TLS 1.2 and works only with TLS 1.3 ({ $suite }). Microsoft says TLS 1.3 is supported by "some of the services" without naming outgoing mail: Microsoft 365 may connect, this is not guaranteed.
detail-tls-tool-handshake-failed = Microsoft 365 can connect (TLS 1.2, { $suite }), but this tool cannot complete that handshake ({ $error }). The certificate was read from the handshake and checked; the test address is checked on a second connection without TLS.
detail-email-not-tested-tls-only = The test address could not be checked: the server accepts mail only over TLS ({ $reply }), and this tool cannot set up the TLS session Microsoft 365 would use. Check the address on the server itself.
guide-tls-protocol-too-old = The server speaks only TLS 1.0 or 1.1. Microsoft 365 stopped using them (Microsoft Learn, "Technical reference details about encryption"; Exchange Online never sends with TLS 1.0 or 1.1): a connector that requires TLS cannot deliver, and opportunistic TLS falls back to clear text. Enable TLS 1.2 on the receiving server. Exchange on Windows: run a supported Windows Server and Exchange build, enable TLS 1.2 for Schannel (registry keys under HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server, Enabled = 1) and the .NET strong crypto settings, then restart the server. Postfix: smtpd_tls_protocols = >=TLSv1.2 with an OpenSSL that supports it. An appliance or firewall that intercepts SMTP may be the one answering: update it or disable SMTP inspection.
guide-tls-no-common-cipher = The server has no cipher suite in common with Microsoft 365. Microsoft 365 offers, in this order: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, the ECDHE_RSA CBC suites, then TLS_RSA_WITH_AES_… (Microsoft Learn, "Technical reference details about encryption"). All of them need an RSA certificate. Enable at least the first two on the receiving server (Exchange on Windows: Get-TlsCipherSuite, Enable-TlsCipherSuite -Name TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384; Postfix: tls_high_cipherlist or smtpd_tls_mandatory_ciphers) and make sure the certificate bound to SMTP has an RSA key.
guide-tls-weak-cipher = This is a warning: Microsoft 365 can deliver, but only with a suite without forward secrecy or kept for old clients. Enable the strong suites Microsoft 365 tries first, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 and TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, on the receiving server (Exchange on Windows: Enable-TlsCipherSuite, or the SSL Cipher Suite Order group policy; Postfix: smtpd_tls_ciphers = high), with an RSA certificate.
guide-tls-tls13-only = This is a warning: the server accepts only TLS 1.3. Microsoft documents TLS 1.2 for Microsoft 365 and says TLS 1.3 is supported by "some of the services", without saying that outgoing mail is one of them (Microsoft Learn, "Technical reference details about encryption"). To be sure Microsoft 365 can deliver with TLS, enable TLS 1.2 as well, with TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (Postfix: smtpd_tls_protocols = >=TLSv1.2; Exchange on Windows: TLS 1.2 enabled for Schannel).
guide-tls-tool-handshake-failed = This is a warning about this tool, not about the connector: the server negotiates a suite that Microsoft 365 uses but this tool does not implement (CBC suites, or RSA key exchange). The certificate was still read and judged. To remove the doubt, or to get forward secrecy and stronger encryption, enable TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 on the receiving server, then re-run.
tls-probe-summary = What Microsoft 365 would negotiate: TLS versions accepted: { $versions }; TLS 1.2 suite chosen from Microsoft 365's list: { $suite }.
tls-probe-summary-unpublished = What Microsoft 365 would negotiate: TLS versions accepted: { $versions }; TLS 1.2 suite chosen: { $suite } (not in Microsoft's published list, which names only RSA suites; seen in practice).
note-tls-ecdsa-suite = The server has no RSA suite from Microsoft's published list; it picks { $suite }. Microsoft does not publish ECDSA suites but Microsoft 365 has been seen using them.
tls-probe-summary-weak = What Microsoft 365 would negotiate: TLS versions accepted: { $versions }; suite chosen from Microsoft 365's list: { $suite } (weak by Microsoft's table).
tls-probe-none = none

## MX routing in UseMXRecord mode (src/checks/policy.rs)
detail-route-mx-chosen = Microsoft 365 would deliver through { $mx } (MX preference { $preference }) at { $address }: the first address it tries that works.
detail-route-mx-unreachable = { $mx } (MX preference { $preference }) at { $address } does not answer as a mail server. Another address of this domain works, so Microsoft 365 skips this one and delivers there: a warning, not a failed run.
detail-route-address-family-unreachable = { $mx } (MX preference { $preference }) at { $address }: no { $family } address of this domain can be reached from this network, while { $other } works. Microsoft 365 would deliver over { $other }; the { $family } address is probably fine from the internet but cannot be tested from here.
guide-route-mx-unreachable = This is a warning: one MX host (or one of its addresses) does not answer, but Microsoft 365 delivers to the next MX that works, so mail still flows — through a backup, possibly later (Microsoft 365 retries a queued message for 24 hours). If this MX should receive mail, open port 25 to it from Exchange Online Protection's ranges (40.92.0.0/15, 40.107.0.0/16, 52.100.0.0/14, 104.47.0.0/17, 2a01:111:f400::/48, 2a01:111:f403::/48) and start its SMTP service; if it was retired, remove its MX record from public DNS (check with Resolve-DnsName contoso.com -Type MX). A dead primary MX delays every message by a connection attempt.
guide-route-address-family-unreachable = This is a warning about this network rather than the destination: none of the domain's IPv6 (or IPv4) addresses can be reached from here, while the other family works. Exchange Online tries IPv6 first when the MX host has AAAA records, then IPv4, so mail still flows. To test the unreachable family, run the check from a network that has it (many offices have no IPv6 route), or check from outside (Test-NetConnection <address> -Port 25 on a machine with IPv6). If the destination really has no IPv6 service, remove the AAAA records of its MX host.

## Re-run until green (check --watch) and every saved connector at once (check --all-profiles)
cli-watch-start = Watching: the check runs again { $seconds } s after each round ends. Press Ctrl-C to stop.
cli-watch-start-until-pass = Watching: the check runs again { $seconds } s after each round ends, until it passes. Press Ctrl-C to stop.
cli-watch-round = Round { $round } ({ $seconds } s): { $verdict }
cli-watch-verdict-pass = passed
cli-watch-verdict-fail = failed
cli-watch-green = Turned green at round { $round }, { $seconds } s after the start.
cli-watch-stopped = Stopped after { $rounds ->
    [one] one round
   *[other] { $rounds } rounds
}; the last round { $verdict }.
cli-watch-stopped-before-first = Stopped before the first round ended: nothing was checked to the end.
fleet-column-connector = Connector
fleet-column-verdict = Result
fleet-column-first-failure = First failure
fleet-verdict-pass = Pass
fleet-verdict-fail = Failed
fleet-first-failure = { $code } — { $place }, { $step }
fleet-not-run = Not checked to the end (stopped).
fleet-unreadable = Not checked, the file cannot be read: { $problem }
fleet-totals = { $connectors ->
    [one] One connector
   *[other] { $connectors } connectors
}: { $passed } passed, { $failed } failed ({ $seconds } s).
fleet-none-saved = There is no saved connector to check (folder { $folder }). Save one in the wizard, or import one with Get-OutboundConnector | ConvertTo-Json.
fleet-no-config-folder = This system gives no configuration folder, so there are no saved connectors; set CONNECTOR_DOCTOR_HOME to a folder.

## Certificate policy as Exchange Online applies it: SHA-1, key size, usage, chain, revocation

detail-tls-weak-signature = { $subject } is signed with SHA-1 (algorithm { $algorithm }). Microsoft 365 refuses SHA-1 certificates whatever the connector's TLS setting.
detail-tls-weak-key = { $subject } has a { $bits }-bit RSA key; Microsoft requires at least { $minimum } bits.
detail-tls-wrong-usage = The certificate { $subject } is not meant for a server: its Enhanced Key Usage does not include Server Authentication (1.3.6.1.5.5.7.3.1).
detail-tls-chain-incomplete = The server does not send the intermediate certificate { $issuer }, which its certificate needs to reach a trusted root. The issuing authority publishes it at { $url }.
detail-tls-revoked = The certificate has been revoked by its authority (since { $revoked_at }), according to { $source ->
    [stapled] the OCSP response stapled by the server
    [crl] the revocation list { $url }
   *[ocsp] the OCSP responder { $url }
}.
detail-tls-revocation-unknown = The certificate's revocation status could not be learnt from { $source ->
    [crl] the revocation list
   *[ocsp] the OCSP responder
} { $url } ({ $reason }). Microsoft 365 checks revocation under certificate or domain validation.
note-tls-revocation-good = Not revoked, according to { $source ->
    [stapled] the OCSP response stapled by the server
    [crl] the revocation list { $url }
   *[ocsp] the OCSP responder { $url }
}.
note-tls-revocation-none = The certificate names no OCSP responder and no revocation list: nobody can check whether it is revoked.
guide-tls-weak-signature = The certificate, or an intermediate certificate the server sends, is signed with SHA-1. Microsoft 365 no longer accepts SHA-1 certificates for inbound or outbound connections, whatever the connector's TLS setting ("Technical reference details about encryption"). Request a new certificate signed with SHA-256 or stronger (every public CA issues only those today), install it with its SHA-256 intermediate, assign it to SMTP (Exchange: Enable-ExchangeCertificate -Thumbprint … -Services SMTP; Postfix: smtpd_tls_chain_files), then re-run. An old internal CA that still signs with SHA-1 must be reconfigured (certutil -setreg ca\csp\CNGHashAlgorithm SHA256 on a Microsoft CA).
guide-tls-weak-key = The certificate (or one of its authorities) has an RSA key shorter than 2048 bits. Microsoft's trusted root program has required at least 2048-bit RSA keys for every certificate since 2011, so no authority Microsoft 365 trusts can stand behind it. Create a new key of at least 2048 bits (New-ExchangeCertificate -KeySize 2048, or openssl req -newkey rsa:2048), have the certificate issued again, install and assign it to SMTP, then re-run.
guide-tls-wrong-usage = The certificate is not issued for server authentication: its Enhanced Key Usage lists other purposes (client authentication, e-mail protection…) but not Server Authentication. TLS clients, Microsoft 365 included, refuse it for a mail server. Request a certificate from a "Web Server" (or similar) template that includes Server Authentication (1.3.6.1.5.5.7.3.1), install it, assign it to SMTP (Enable-ExchangeCertificate -Services SMTP), then re-run.
guide-tls-chain-incomplete = The server sends its own certificate but not the intermediate certificate that links it to a trusted root: the classic mistake after a renewal. Microsoft 365 then cannot build the chain and the check fails under certificate or domain validation (it is also a known cause of 550 5.7.64 on inbound connectors). Download the intermediate named in the detail (the URL comes from the certificate itself) or from your CA's site, and install it: on Exchange/Windows, in the computer's "Intermediate Certification Authorities" store (certutil -addstore CA intermediate.cer), then restart the Microsoft Exchange Transport service; on Postfix, put the certificate followed by the intermediate in the file given to smtpd_tls_chain_files (or smtpd_tls_cert_file) and reload. Then re-run.
guide-tls-revoked = The certificate authority has revoked this certificate: Microsoft 365 refuses it under certificate or domain validation. A certificate is revoked after a key compromise, a re-issue or at the owner's request. Install the current certificate from your CA (or request a new one), assign it to SMTP (Exchange: Enable-ExchangeCertificate -Thumbprint … -Services SMTP; Postfix: smtpd_tls_chain_files), remove the revoked one, then re-run.

## Domain security: DNSSEC and DANE (issue 13)

step-domain-security = Domain security
input-error-trust-anchor = The trust-anchor file cannot be used (line { $line }): { $error }. Each line must be one DS or DNSKEY record in DNS presentation format, for example: contoso.com. DS 21932 13 2 a1aa…
input-error-next-certificate = The next certificate cannot be read: { $error }
detail-domain-security-no-hosts = No mail host to judge.
detail-dane-not-applied = { $name }: DANE does not apply (DNSSEC: MX { $mx }, host { $host }, TLSA { $tlsa }). Microsoft 365 delivers here with its usual TLS rules.
detail-dane-not-tested = { $name } publishes TLSA records, but no address answered far enough to present a certificate: DANE could not be tested.
detail-dane-dnssec-bogus = { $record }: the DNSSEC signatures do not validate (bogus). Microsoft 365 defers mail to { $name } with 4.7.324 dnssec-invalid. DNSSEC: MX { $mx }, host { $host }, TLSA { $tlsa }.
detail-dane-no-starttls = { $name } publishes TLSA records ({ $records }) but { $address } did not offer STARTTLS. Microsoft 365 defers the mail with 4.7.321 starttls-not-supported.
detail-dane-no-usable-records = { $name }: no TLSA record is usable for SMTP ({ $records }; only usages 2 and 3 count). Microsoft 365 still requires TLS here, without checking the certificate.
detail-dane-mismatch = { $name } ({ $address }): no published TLSA record matches the certificate presented, so Microsoft 365 defers the mail with 4.7.323 tlsa-invalid. Published: { $records }. Presented: { $subject } (SHA-256 { $sha256 }). { $next_only ->
        [yes] The published record matches the next certificate only: the new certificate is published in DNS but not installed on the server yet.
       *[no] No record for the certificate presented or for a next key.
    } Record that matches the certificate presented: _25._tcp.{ $name }. IN TLSA { $fix }
detail-dane-expired-certificate = { $name }: the certificate presented expired on { $not_after }. It matched { $matched }.
detail-dane-renewal-not-ready = { $name }: today's certificate matches, but no published record matches the next certificate. Publish it before installing the certificate: _25._tcp.{ $name }. IN TLSA { $fix } (published now: { $records }).
detail-dane-ok = { $name }: DANE valid, { $matched } matches the certificate presented ({ $subject }). { $rollover ->
        [yes] A record for another key is also published (ready for a rollover).
       *[no] Only the current key is published: publish the next key's record a few TTLs before a renewal.
    }{ $next ->
        [yes] { " " }The next certificate matches a published record too.
        [no] { " " }The next certificate does not match any published record.
       *[other] {""}
    }
guide-dane-no-starttls = The domain's MX host publishes DANE TLSA records, which tell senders that TLS is mandatory, but the server does not offer STARTTLS. Microsoft 365 refuses to deliver in clear text to it (4/5.7.321). Enable STARTTLS on the receiving server (Exchange: the receive connector's AuthMechanism must include Tls and a valid certificate must be enabled for SMTP; Postfix: smtpd_tls_security_level = may with smtpd_tls_chain_files), or, if TLS cannot be offered, remove the TLSA records at _25._tcp.<MX host>.
guide-dane-mismatch = None of the published TLSA records matches the certificate the server presents, usually because the certificate was renewed with a new key and DNS was not updated. Microsoft 365 defers mail (4/5.7.323) until they match. Publish the record shown in the detail (3 1 1: SHA-256 of the certificate's public key) at _25._tcp.<MX host> in the DNSSEC-signed zone, keep the old one until every cache has the new one (at least the record's TTL), then remove it. Before the next renewal, publish the next key's record first and install the certificate only after a few TTLs; reuse the same key at renewal to keep the 3 1 1 record valid.
guide-dane-dnssec-bogus = A DNSSEC-signed answer for this domain does not validate (expired or missing signatures, a DS at the parent that matches no key, a key rollover gone wrong). Microsoft 365 treats the records as unusable and defers mail (4/5.7.324). Re-sign the zone or fix the DS record at the registrar so it matches the zone's current key (check with dig +dnssec and an online DNSSEC analyzer), and check the zone's signatures are refreshed before they expire.
guide-dane-expired-certificate = The certificate presented has expired. With a DANE-TA (2) record the chain is validated with its dates, so Microsoft 365 defers mail (4/5.7.322); with a DANE-EE (3) record the dates are ignored by the standard, but renew it anyway. Install a renewed certificate, and publish its TLSA record before installing it if the key changes.
guide-dane-renewal-not-ready = A warning for the planned renewal: the published TLSA records match today's certificate, not the next one. Installing the next certificate now would make Microsoft 365 defer mail with 4/5.7.323. Publish the record shown in the detail at _25._tcp.<MX host> beside today's, wait at least the records' TTL, then install the certificate, and remove the old record afterwards.
## MX routing: an MX host whose name does not resolve

detail-route-mx-unresolved = { $mx } (MX preference { $preference }) was left out of the route: { $why ->
        [nxdomain] its name does not exist in DNS (NXDOMAIN)
        [no-records] its name has no A or AAAA record
       *[other] the DNS query for its address failed ({ $error })
    }. Another MX of this domain resolves, so Microsoft 365 delivers there: a warning, not a failed run. If this MX should receive mail, publish its A or AAAA record; if it was retired, remove its MX record from public DNS (check with Resolve-DnsName { $mx }).

# Why a session broke, worded inside another sentence (polish: no message id shown as text).
cause-timeout = no answer in time
cause-closed = the server closed the connection
cause-network = network error: { $error }
cause-internal = internal error
cause-not-smtp-line-too-long = a line far longer than SMTP allows: not an SMTP server
cause-not-smtp-too-many-lines = a reply that never ended: not an SMTP server
cause-not-smtp-bad-line = an answer that is not SMTP, with no three-digit code
cause-not-smtp-mixed-codes = a multi-line reply mixing several codes, which is not valid SMTP

# The TLS probe learnt nothing while the handshake worked (polish).
tls-probe-summary-unknown = What Microsoft 365 would negotiate could not be learnt: the probe's hellos (one per TLS version, on new connections) timed out or got no TLS answer, so the TLS versions and suites the server accepts are unknown.
note-tls-probe-unanswered = The TLS versions and suites the server accepts could not be learnt: the probe's hellos timed out or got no TLS answer (a server that limits connections per client, or slow to answer). The handshake above worked with TLS 1.2 or later, which Microsoft 365 also uses; re-run to learn the rest.

## Domain security: MTA-STS and TLS-RPT (issue 13)

detail-mta-sts-none = { $domain }: no MTA-STS policy (no v=STSv1 record at _mta-sts.{ $domain }); Microsoft 365 uses its usual TLS rules here. To publish one: _mta-sts.{ $domain }. IN TXT "v=STSv1; id=20260101T000000" and, at https://mta-sts.{ $domain }/.well-known/mta-sts.txt (text/plain): { $example }
detail-mta-sts-record-invalid = _mta-sts.{ $domain }: the MTA-STS record cannot be used ({ $reason ->
        [several-records] { $value } records start with the version tag, exactly one is allowed
        [version] the record must start with v=STSv1
        [id] the id must be 1 to 32 letters and digits
        [id-missing] no id= field
       *[syntax] a line or field is not in key: value form
    }: { $value }). Senders ignore the policy while the record is broken.
detail-mta-sts-unreachable = { $url }: the MTA-STS policy cannot be fetched ({ $reason ->
        [dns] the name does not resolve: { $value }
        [connect] no connection: { $value }
        [tls] the HTTPS certificate or handshake is not valid: { $value }
        [timeout] no answer within { $value } s
        [redirect] the server answers with a redirect ({ $value }), and senders must not follow redirects
        [status] HTTP status { $value }
        [content-type] Content-Type is { $value }, not text/plain
        [too-large] the policy is larger than { $value } bytes
        [utf8] the policy is not text
       *[http] HTTP error: { $value }
    }). Senders without a cached copy deliver as if there were no policy; those with one keep using it until max_age runs out. Policy that covers this run's MX hosts: { $example }
detail-mta-sts-policy-invalid = { $url }: the MTA-STS policy cannot be used ({ $reason ->
        [version] the version: STSv1 line is missing or wrong
        [mode] mode must be enforce, testing or none
        [mode-missing] no mode: line
        [max-age] max_age must be a number of seconds from 0 to 31557600
        [max-age-missing] no max_age: line
        [mx] not a host name pattern
        [mx-missing] no mx: line (required in { $value } mode)
       *[syntax] a line or field is not in key: value form
    }: { $value }). Senders treat the domain as having no policy. Policy that covers this run's MX hosts: { $example }
detail-mta-sts-ok = { $domain }: MTA-STS policy in { $mode } mode (id { $id }, max_age { $max_age } s, mx { $patterns }): { $unreached ->
        [none] every MX host is listed and presents a certificate valid for its name.
       *[other] every MX host is listed; the certificates seen are valid for their names, but { $unreached } did not present one in this run (not checked).
    }
detail-mta-sts-mx-not-listed = { $domain }: the MX host { $host } is not covered by the MTA-STS policy ({ $mode } mode, mx { $patterns }). { $effect ->
        [refused] In enforce mode with no other MX passing, Microsoft 365 refuses the message: 5.4.8 MX hosts of { $domain } failed MTA-STS validation.
        [reported] The policy is in testing mode: senders only report it (TLS-RPT) and deliver; in enforce mode this would stop mail.
        [other-mx] Microsoft 365 skips this MX and delivers through the ones that pass; fix it before they fail.
        [dane] DANE applies to this host and decides first (RFC 8461 section 2); the policy would stop mail to it the day DANE stops applying.
       *[ignored] The policy is in mode none (withdrawn): nothing is enforced.
    } Policy that covers this run's MX hosts: { $example }
detail-mta-sts-certificate-invalid = { $domain }: { $host } does not present a certificate valid for its name as MTA-STS requires ({ $problem }). { $effect ->
        [refused] In enforce mode with no other MX passing, Microsoft 365 refuses the message: 5.7.5 Remote certificate failed MTA-STS validation.
        [reported] The policy is in testing mode: senders only report it (TLS-RPT) and deliver; in enforce mode this would stop mail.
        [other-mx] Microsoft 365 skips this MX and delivers through the ones that pass; fix it before they fail.
        [dane] DANE applies to this host and decides first (RFC 8461 section 2); the policy would stop mail to it the day DANE stops applying.
       *[ignored] The policy is in mode none (withdrawn): nothing is enforced.
    }
detail-tls-rpt-ok = TLS-RPT: senders report TLS failures for { $domain } to { $rua }.
detail-tls-rpt-missing = TLS-RPT: no _smtp._tls.{ $domain } record, so no sender reports TLS failures to this domain (optional). For example: _smtp._tls.{ $domain }. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@{ $domain }"
detail-tls-rpt-invalid = TLS-RPT: the _smtp._tls.{ $domain } record cannot be used ({ $reason ->
        [several-records] { $value } records start with the version tag, exactly one is allowed
        [version] the record must start with v=TLSRPTv1
        [rua] rua addresses must be mailto: or https: URIs
        [rua-missing] no rua= field
        [dns] DNS lookup failed
       *[syntax] a line or field is not in key: value form
    }: { $value }); senders send no reports.
guide-mta-sts-policy-unreachable = The domain announces MTA-STS (TXT record _mta-sts.<domain>), but its policy cannot be downloaded from https://mta-sts.<domain>/.well-known/mta-sts.txt. Publish the policy there: a web server answering for the name mta-sts.<domain> on port 443 with a certificate for that name from a public CA, the file served directly (200, Content-Type: text/plain, no redirect, under 64 KB). If you no longer use MTA-STS, publish a policy in mode none for at least max_age, then remove the TXT record.
guide-mta-sts-mx-not-listed = An MX host of the domain is not covered by any mx: line of its MTA-STS policy. In enforce mode Microsoft 365 refuses to deliver to it (5.4.8 MX hosts of <domain> failed MTA-STS validation), and refuses the message when no listed MX is left. Add the host to the policy file (one mx: line per host, or *.example.com for all hosts one level below), then change the id in the TXT record _mta-sts.<domain> so senders fetch the new policy. The detail shows a policy built from this run's MX hosts.
guide-mta-sts-certificate-invalid = Under MTA-STS the MX host must offer STARTTLS with a certificate that chains to a public CA, is within its dates and carries the MX host name (as in the MX record) in its subject alternative names. In enforce mode Microsoft 365 refuses the message otherwise (5.7.5 Remote certificate failed MTA-STS validation). Install such a certificate on the server (Exchange: New-ExchangeCertificate / Import-ExchangeCertificate then Enable-ExchangeCertificate -Services SMTP; Postfix: smtpd_tls_chain_files), or switch the policy to mode testing while you fix it and change the id in the TXT record.
guide-mta-sts-record-invalid = The TXT record _mta-sts.<domain> is not a valid MTA-STS record, so senders ignore the policy. Publish exactly one record of the form "v=STSv1; id=20260101T000000" (v=STSv1 first, an id of 1 to 32 letters and digits, changed whenever the policy changes).
guide-mta-sts-policy-invalid = The policy file at https://mta-sts.<domain>/.well-known/mta-sts.txt does not follow RFC 8461, so senders treat the domain as having no policy. It must contain, one per line: version: STSv1, mode: enforce (or testing, or none), one mx: line per MX host, max_age: seconds (up to 31557600). The detail shows a policy built from this run's MX hosts. Change the id in the TXT record after fixing it.
guide-tls-rpt-invalid = The TXT record _smtp._tls.<domain> (TLS-RPT, RFC 8460) is not valid, so senders such as Microsoft 365 send no TLS reports for the domain. Publish exactly one record of the form "v=TLSRPTv1; rua=mailto:tlsrpt@<domain>" (rua: mailto: or https: addresses separated by commas).

# Private address on an MX route (UseMXRecord): fixed in the public MX records, not in smart hosts
detail-resolve-private-mx = An MX host of { $name } resolves here to a private address ({ $private }; all: { $addresses }). Microsoft 365 looks up the MX records in public DNS from the internet, where the answer may differ; what is tested here is the internal answer.
guide-resolve-private-address-mx = This is a warning: an MX host of the recipient domain resolves here to a private address (RFC 1918, CGNAT 100.64.0.0/10, loopback or IPv6 unique-local), which Microsoft 365 cannot reach from the internet. Look up the public records from outside (for example Resolve-DnsName contoso.com -Type MX -Server 8.8.8.8, then the A record of each MX host) and make sure every MX host gives the public address that your firewall forwards to the mail server on port 25; fix the MX or A records in the public DNS zone if not. Then re-run this check from outside your network, or with --dns-server pointing at a public resolver.

## Domain security: the test address Microsoft 365 would not reach
not-reached-domain-security = Not reached by Microsoft 365: it defers the mail at this host's Domain security check (DANE or MTA-STS), before the test address. This tool went on and the server answered; fix the Domain security failure first.
