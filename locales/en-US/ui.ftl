# ui — words of the desktop wizard (src/app). Every id here also exists in fr-FR/ui.ftl.

ui-app-title = Connector Doctor
ui-window-error = The window could not be opened: { $error }
    Without a display, use the command line: connector-doctor check --help
ui-runtime-error = The background worker could not start: { $error }

## Language switch
ui-lang-label = Language
ui-lang-en = English
ui-lang-fr = Français

## Pages and the step indicator
ui-page-start = Start
ui-page-connector = Connector
ui-page-hosts = Hosts
ui-page-security = Security
ui-page-test-email = Test email
ui-page-run = Run
ui-page-results = Results
ui-step-indicator = Step { $current } of { $total }
ui-step-go-to = Go to: { $page }

## Navigation
ui-nav-back = Back
ui-nav-next = Next
ui-nav-run = Run the checks
ui-nav-rerun = Re-run
ui-nav-cancel = Cancel
ui-nav-keys = Enter runs the checks · Esc goes back

## Start
ui-start-title = Check a Microsoft 365 mail connector
ui-start-intro = This wizard repeats, from this computer, what Microsoft 365 does when you validate an outbound connector: it finds each smart host, connects on port 25, talks SMTP, checks STARTTLS and the certificate, then asks the server whether it accepts the test address. Every failure comes with what to do about it.
ui-start-validate = Validate a connector
ui-start-validate-help = For a connector from Microsoft 365 to your own mail server or to a partner's.
ui-start-vantage = The test starts from this computer, not from Microsoft's servers: a firewall can treat the two differently.

## Connector
ui-connector-title = The connector
ui-connector-name = Connector name
ui-connector-name-hint = e.g. To Contoso on-premises
ui-connector-direction = Where does this connector deliver mail?
ui-connector-onprem = To your organization's own mail server
ui-connector-partner = To a partner organization
ui-connector-domains = Recipient domains
ui-connector-domains-help = The domains this connector handles, separated by commas: contoso.com (that domain only), *.contoso.com (contoso.com itself and all its subdomains) or * (every domain).
ui-connector-domains-hint = contoso.com, *.contoso.com
ui-exchange-name = Exchange: { $name }

## Hosts
ui-hosts-title = Where should the mail go?
ui-hosts-mode-smart = Deliver to these smart hosts
ui-hosts-mode-mx = Use the MX records of the recipient's domain
ui-hosts-mx-help = Every mail server listed in the MX records of the test address's domain will be tried, as Microsoft 365 would do.
ui-hosts-help = A name, an IPv4 or an IPv6 address, with a port if it is not 25: mail.contoso.com, 192.0.2.7:2525, [2001:db8::7]. You can paste several at once, separated by commas, spaces or line breaks.
ui-hosts-entry = Host { $number }
ui-hosts-remove = Remove host { $number }
ui-hosts-add = Add a host
ui-hosts-ok = OK: { $host }, port { $port }

## Security
ui-security-title = How must the connection be protected?
ui-tls-opportunistic = No requirement
ui-tls-opportunistic-help = TLS is used when the server offers it; certificate problems are only warnings.
ui-tls-encryption-only = Encryption only
ui-tls-encryption-only-help = TLS is required, but any certificate is accepted, even a self-signed or expired one.
ui-tls-certificate-validation = Trusted certificate
ui-tls-certificate-validation-help = TLS is required, and the certificate must be in date and issued by a trusted certification authority.
ui-tls-domain-validation = Trusted certificate for a given name
ui-tls-domain-validation-help = As with a trusted certificate, and the certificate must also carry the name given as the TLS domain.
ui-tls-domain = TLS domain
ui-tls-domain-help = The name the certificate must carry: mail.contoso.com (that name, or a wildcard certificate *.contoso.com), or *.contoso.com to accept a certificate for contoso.com itself or any name under it.
ui-tls-domain-hint = mail.contoso.com
ui-ca-file = Extra trusted certification authority (file)
ui-ca-file-help = Optional: the PEM or DER certificate of a private certification authority to trust for this test.
ui-ca-file-hint = /path/to/ca.pem
ui-ca-file-browse = Browse…
ui-ca-file-clear = Clear
ui-os-trust = Also trust this computer's certificate store
ui-os-trust-help = Without it, only the well-known public certification authorities are trusted.
ui-machine-options = Options for this computer
ui-dns-server = DNS server
ui-dns-server-help = Optional: ask this DNS server instead of the system's (an IP address, or IP:port).
ui-timeout = Wait for each answer (seconds)

## Test email
ui-email-title = The test address
ui-email-address = Test address
ui-email-address-help = An active mailbox in one of the connector's recipient domains, as in Microsoft 365's own validation.
ui-email-address-hint = someone@contoso.com
ui-email-mail-from = Sender (MAIL FROM)
ui-email-mail-from-help = Optional. Left empty, the null sender <> is used, as for a delivery report.
ui-email-mode-rcpt = Check the recipient only (nothing is sent)
ui-email-mode-rcpt-help = The server is asked whether it accepts the address; the conversation stops before any message is sent.
ui-email-mode-send = Send a real test message
ui-email-send-warning = A short message marked as a test will really be delivered to this mailbox.

## Problems that stop a run
ui-problems-title = Fix this before running the checks:

## Run
ui-run-title = Checking…
ui-run-elapsed = Elapsed: { $seconds } s
ui-run-starting = Starting…
ui-run-running = in progress, { $seconds } s
ui-run-connector-wide = Whole connector
ui-run-crashed = The check stopped unexpectedly. Please re-run it.

## Results
ui-results-title = Results
ui-results-pass = Every check passed.
ui-results-warn = The checks passed, with warnings.
ui-results-fail = At least one check failed.
ui-results-cancelled = The run was cancelled: only the steps that had finished are shown.
ui-results-empty = No step was run.
ui-results-counts = Passed: { $pass } · Warnings: { $warn } · Failed: { $fail } · Skipped: { $skipped }{ $not_reached ->
    [0] {""}
   *[other] {" "}· Not reached: { $not_reached }
} · { $duration }
ui-results-host = Host { $host }
ui-results-address = Address { $address }
ui-results-resolved = Addresses found: { $addresses }
ui-results-guidance = What to do
ui-results-reply = Server reply
ui-results-duration = { $duration }
ui-results-certificate = Certificate details
ui-results-transcript = SMTP conversation
ui-results-chain-entry = Certificate { $number } of the chain
ui-results-verification = Checks on the certificate
ui-cert-subject = Subject
ui-cert-issuer = Issuer
ui-cert-sans = Alternative names
ui-cert-not-before = Valid from
ui-cert-not-after = Valid until
ui-cert-serial = Serial number
ui-cert-thumbprint = Thumbprint (SHA-1)
ui-cert-self-signed = Self-signed
ui-cert-protocol = Protocol
ui-cert-cipher = Cipher suite
ui-yes = Yes
ui-no = No
ui-vantage-title = This test ran from this computer
ui-vantage-note = Microsoft 365 validates a connector from its own servers; this tool connects from this computer instead. A firewall that only admits the Exchange Online Protection address ranges will block this computer and still let Microsoft 365 through, so a connection failure here is not always a failure for Microsoft 365. The ranges for SMTP (TCP port 25) are: { $ranges }. Test from a network the firewall admits, or check that the firewall admits those ranges.

## Notices
ui-notice-close = Close
ui-notice-draft-set-aside = The saved form could not be read. It was kept as { $path } and the wizard starts with an empty form.
ui-notice-draft-unreadable = The saved form could not be opened ({ $path }); the wizard starts with an empty form.
ui-notice-save-failed = The form could not be saved to { $path }.
ui-notice-no-config-dir = No folder was found to keep the form: it will not be remembered after closing.

## Wizard fixes (issue 12): theme, path field instead of a file dialog, Run page, stale results
ui-theme-system = System
ui-theme-help = Light or dark mode: the system's, or always light, or always dark
ui-theme-light = Light
ui-theme-dark = Dark
ui-path-no-dialog = No file dialog can open on this desktop (no file chooser portal, no zenity). Type the full path of the file here instead.
ui-path-dialog-closed = The file dialog closed at once (or did not open). Type the full path of the file here instead.
ui-path-title-ca-file = CA file to trust (full path)
ui-path-title-export-report = Save the report as (full path; .html, .md or .json)
ui-path-title-import-connector = Connector file to import (full path)
ui-path-title-export-connector = Save the connector as (full path, .json)
ui-path-default-folder = Default folder: { $folder }
ui-path-use = Use this path
ui-path-cancel = Cancel
ui-run-overall = { $done } of { $total } { $total ->
    [one] host
   *[other] hosts
  } done · { $steps } { $steps ->
    [one] step
   *[other] steps
  } finished
ui-run-timeout = Each connection and each reply is given up after { $seconds } s (set under Security › Options for this computer).
ui-results-stale = The settings changed after this run: these results are for the settings as they were. Run the checks again to see the new ones.
## Re-run until it passes (Run/Results pages) and "Check all saved connectors" (saved-connectors panel)
ui-watch-toggle = Re-run until it passes
ui-watch-every = every
ui-watch-help = After a failed run, the same check runs again after this many seconds, until a run passes. Cancel, Back or this switch stops it. Each round is kept in the history, and each round after the first shows "Changes since the previous round". The window flashes in the taskbar when it turns green.
ui-watch-waiting = Round { $round } failed. Next round in { $seconds } s.
ui-watch-green = Passed at round { $round }, { $seconds } s after the first round.
ui-watch-round-running = Round { $round } of "Re-run until it passes".
ui-fleet-check-all = Check all saved connectors
ui-fleet-check-all-help = Checks every saved connector at the same time, with the timeout, DNS server and trusted certificates of the form, and shows one line per connector: its result and its first failure. Each run is kept in the history.
ui-fleet-running = Checking saved connectors: { $done } of { $total } done…
ui-fleet-stop = Stop
ui-fleet-stopped = Stopped before the end: no table.
ui-fleet-summary = { $connectors ->
    [one] One connector
   *[other] { $connectors } connectors
}: { $passed } passed, { $failed } failed.
## Domain security: DNSSEC and DANE (issue 13)

ui-domain-security = Also check domain security (DNSSEC, DANE, MTA-STS)
ui-domain-security-help = Microsoft 365 enforces SMTP DANE outbound: when the destination's DNS is signed (DNSSEC) and publishes TLSA records for its mail hosts, the certificate must match them or mail is deferred (4.7.321 to 4.7.325). This adds a Domain security step per host that checks the signatures and matches the records against the certificate presented. It also enforces MTA-STS: when the domain publishes a policy in enforce mode, every MX host must be listed in it and present a certificate valid for its name (5.4.8 and 5.7.5 otherwise); the step fetches the policy, compares it with the MX hosts and their certificates, and reads the TLS-RPT record.

## Security page: the files of the domain-security step
ui-trust-anchor-file = DNSSEC trust anchors (file, optional)
ui-trust-anchor-file-hint = /path/to/anchors.txt
ui-trust-anchor-file-help = Only for a lab or a private zone: a text file with one DS or DNSKEY record per line (contoso.com. DS 21932 13 2 a1aa…). Public domains are validated from the DNS root without it.
ui-next-certificate-file = Next certificate, for a renewal check (file, optional)
ui-next-certificate-file-hint = /path/to/new-certificate.pem
ui-next-certificate-file-help = The certificate you are about to install (PEM or DER). The Domain security step says whether the published TLSA records already match it, and gives the record to publish before you install it.
ui-path-title-trust-anchor = DNSSEC trust-anchor file (full path)
ui-path-title-next-certificate = Next certificate file (full path)
