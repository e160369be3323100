# report: exported reports (HTML, Markdown, JSON), run comparison, saved-connector import.

## Report

report-title = Connector check report
report-verdict-pass = PASS: every step passed
report-verdict-fail = FAIL: at least one step failed
report-verdict-cancelled = The run was cancelled before the end: these results are incomplete.
report-counts = { $pass } passed, { $warn } with a warning, { $fail } failed, { $skipped } skipped{ $not_reached ->
    [0] {""}
   *[other] , { $not_reached } not reached
}
report-vantage-title = Where this test ran from
report-vantage-note = This test ran from { $machine }, not from Microsoft 365's servers. A firewall that only lets in Exchange Online Protection addresses can block this machine while still letting Microsoft 365 through, and the other way round. Confirm with the connector validation in the Exchange admin center.
report-connector = Connector
report-field-name = Name
report-field-type = Connector type (ConnectorType)
report-field-smart-hosts = Smart hosts (SmartHosts)
report-field-use-mx = Use MX records (UseMXRecord)
report-field-recipient-domains = Recipient domains (RecipientDomains)
report-field-tls-settings = TLS setting (TlsSettings)
report-field-tls-domain = TLS domain (TlsDomain)
report-field-test-address = Test address
report-field-mail-from = Envelope sender
report-type-on-premises = Your organization's email server (OnPremises)
report-type-partner = Partner organization (Partner)
report-tls-opportunistic = None: TLS whenever the server offers it
report-tls-encryption-only = EncryptionOnly: TLS required, any certificate
report-tls-certificate-validation = CertificateValidation: TLS with a certificate from a trusted authority
report-tls-domain-validation = DomainValidation: trusted certificate whose name matches TlsDomain
report-mx-mode = MX records of the recipient's domain
report-value-none = (none)
report-value-yes = Yes
report-value-no = No
report-value-null-sender = <> (null sender)
report-run = Run
report-field-started = Started
report-field-finished = Finished
report-field-duration = Duration
report-field-machine = Machine
report-field-tool-version = Tool version
report-field-generated = Report written
report-field-dns-server = DNS server
report-field-timeout = Time limit per answer
report-field-send-test = Test message sent
report-duration-ms = { $ms } ms
report-seconds = { $secs } s
report-summary = Summary
report-col-host = Host
report-col-address = Address
report-col-step = Step
report-col-status = Result
report-col-code = Code
report-col-time = Time
report-no-steps = No step was run.
report-details = Details
report-connector-wide = Whole connector
report-guidance = What to do:
report-server-reply = Server reply:
report-resolved = Addresses found:
report-tls-session = Encrypted with { $protocol } ({ $cipher }).
report-verification = Certificate checks:
report-certificate = Certificate:
report-certificate-chain = Certificates sent by the server ({ $count })
report-certificate-n = Certificate { $n }: subject
report-cert-issuer = Issuer
report-cert-sans = Alternative names
report-cert-valid-from = Valid from
report-cert-valid-until = Valid until
report-cert-serial = Serial number
report-cert-thumbprint = Thumbprint (SHA-1)
report-cert-sha256 = SHA-256 fingerprint
report-cert-self-signed = Self-signed
report-transcript = SMTP conversation ({ $count } lines)
report-transcript-omitted = … { $count } more lines not shown
report-truncated = … [cut here: { $total } characters in all]
report-footer = Written by Connector Doctor { $version } on { $machine } at { $time }.
report-markdown-failures = Failures and warnings
report-markdown-all-passed = Every step passed.
report-format-html = Web page (HTML)
report-format-markdown = Markdown text
report-format-json = JSON data
report-error-format = Cannot tell the report format from { $file }: end the file name with .html, .md or .json.
report-error-write = Cannot write the report to { $file }: { $problem }

## Changes since the last run

compare-title = Changes since the last run ({ $when }):
compare-none = Nothing changed since the last run ({ $when }).
compare-no-previous = No earlier run of this connector is in the history, so there is nothing to compare with.
compare-verdict = Overall result: { $before } → { $after }
compare-verdict-pass = passed
compare-verdict-fail = failed
compare-summary = { $better } better, { $worse } worse, { $unchanged } unchanged.
compare-status = { $where }, { $step }: { $before } → { $after }
compare-code = { $where }, { $step }: still { $status }, but for another reason ({ $before } → { $after })
compare-certificate-new = { $where }: new certificate (thumbprint { $before } → { $after }), valid until { $until }
compare-certificate-appeared = { $where }: the server now presents a certificate (thumbprint { $after }), valid until { $until }
compare-certificate-gone = { $where }: the server no longer presents a certificate (it was { $before })
compare-step-added = { $where }, { $step }: checked this time ({ $after })
compare-step-removed = { $where }, { $step }: not checked this time (it was { $before })
compare-address-added = { $host }: new address { $address }
compare-address-removed = { $host }: address { $address } is gone
compare-host-added = New host: { $host }
compare-host-removed = Host no longer checked: { $host }

## Saved connectors and import

import-smart-host-unreadable = SmartHosts: an entry could not be read ({ $value }) and was left out.
import-smart-host-range = SmartHosts: { $value } is an address range; a range cannot be tested from here, so it was left out.
import-smart-host-invalid = SmartHosts: { $value } does not look like a host name or an address; it was kept so that you can correct it.
import-domain-unreadable = RecipientDomains: an entry could not be read ({ $value }) and was left out.
import-tls-numeric = TlsSettings is a number ({ $value }), which this tool cannot map safely. Export again with ConvertTo-Json -EnumsAsStrings, or choose the TLS setting by hand; it was left at "none".
import-tls-unknown = TlsSettings value { $value } is unknown; the TLS setting was left at "none".
import-mx-unreadable = UseMXRecord value { $value } is neither true nor false; false was assumed.
import-type-unknown = ConnectorType value { $value } is unknown; OnPremises was assumed.
import-validation-recipients = ValidationRecipients holds { $count } addresses; the first one, { $address }, became the test address.
import-unused = Not used by this tool: { $names }.
profile-not-found = "{ $file }" is neither an existing file nor the name of a saved connector. Saved connectors: { $available }.
profile-unreadable-files = { $count ->
    [one] One file of the saved connectors' folder could not be used and was left as it is
   *[other] { $count } files of the saved connectors' folder could not be used and were left as they are
}: { $names }.
profile-none-saved = none yet
profile-file-unreadable = Cannot use { $file }: { $problem }
profile-file-empty = { $file } holds no connector.
profile-file-several = { $file } holds { $count } connectors ({ $names }). Import them as saved connectors, then choose one by name.

## Tenant-attribution report

report-tenant-vantage-note = This diagnosis was made on { $machine } from the logs, certificate and settings it was given. It cannot see what Microsoft 365 received nor how the tenant is really configured: confirm the inbound connector with Get-InboundConnector and the refusals with a message trace in the Exchange admin center.
report-tenant-inputs = What was examined
report-tenant-connector-name = Inbound connector (Name)
report-tenant-connector-type = Connector type (ConnectorType)
report-tenant-enabled = Enabled
report-tenant-tls-sender-name = Certificate name expected (TlsSenderCertificateName)
report-tenant-sender-ips = Sender addresses (SenderIPAddresses)
report-tenant-require-tls = TLS required (RequireTls)
report-tenant-accepted-domains = Accepted domains of the tenant
report-tenant-sender-domain = Sender's domain
report-tenant-sending-ip = Public address of the on-premises server
report-tenant-send-connector = Send connector in the logs
report-tenant-logs = Protocol logs read
report-tenant-cert-file = Certificate file
report-tenant-live-host = Server asked live
report-tenant-all-certificates = Every certificate the logs show ({ $count })

## Saved files

store-error-write = Cannot write { $path }: { $error }
store-error-read = Cannot read { $path }: { $error }
store-error-set-aside = { $path } could not be read ({ $problem }). It was kept as { $kept } and will not be overwritten.
store-error-damaged = { $path } could not be read ({ $problem }). It was left as it is; it is set aside (renamed) only if you open that saved connector.
store-error-newer = { $path } was written by a newer version of Connector Doctor (format { $version }, this version reads up to { $max }). It was left untouched: open it with the newer version.
store-error-too-large = { $path } was not written: { $size } KiB is over the limit of { $limit } KiB for one entry.
store-error-encode = Cannot encode the data: { $error }
store-error-not-found = No saved connector is named "{ $name }".
store-error-exists = A saved connector is already named "{ $name }".
store-error-invalid-name = "{ $name }" cannot be used as a name: type at least one visible character.
store-error-import = { $path } is not a connector file: { $problem }

## Verdict of a pass with warnings (never "every step passed" when a step warned)
report-verdict-pass-warnings = PASS with warnings: no step failed, but at least one gave a warning (read it before relying on this result)
report-verdict-pass-untested = PASS with warnings: no step failed, but the test address could not be tested
## check --watch: the comparison with the round before

compare-title-round = Changes since the previous round ({ $when }):
compare-none-round = Nothing changed since the previous round ({ $when }).

## Domain security: MTA-STS policy changes between runs (issue 13)
compare-mta-sts-policy-new = { $where }: the MTA-STS policy of { $domain } changed, with a new id ({ $before } → { $after }), so senders fetch it again.
compare-mta-sts-id-unchanged = { $where }: the MTA-STS policy of { $domain } changed but its id did not ({ $after }): senders that cached the old policy keep applying it until its max_age runs out. Change the id in the TXT record _mta-sts.{ $domain }.
