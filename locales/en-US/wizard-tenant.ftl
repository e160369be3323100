# Wizard pages of the 5.7.64 diagnosis and the error explainer.

## Start page choices and page names
ui-start-tenant = Diagnose 550 5.7.64
ui-start-tenant-help = Your on-premises Exchange server relays mail through Microsoft 365 and gets "550 5.7.64 TenantAttribution; Relay Access Denied". Compares the certificate the server really sends (from its protocol logs, a file or a live connection) with the inbound connector.
ui-start-explain = Explain an error message
ui-start-explain-help = Paste a non-delivery report or an SMTP reply: what the code means, how to fix it, and which wizard helps.
ui-page-tenant-inbound = Inbound connector
ui-page-tenant-source = Certificate source
ui-page-tenant-run = Diagnosis
ui-page-tenant-results = Findings
ui-page-explain = Explain an error

## Inbound connector page
ui-tenant-inbound-title = The inbound connector in Microsoft 365
ui-tenant-inbound-intro = The connector that receives the mail your on-premises server relays. Type its settings, or import them from PowerShell.
ui-tenant-import-connector = Import from Get-InboundConnector (JSON)
ui-tenant-import-connector-help = In Exchange Online PowerShell, run this command and paste its output below, or save it to a file and open that file.
ui-tenant-import-connector-paste = Output of Get-InboundConnector
ui-tenant-import-pasted = Import the pasted text
ui-tenant-import-file = Open a JSON file…
ui-tenant-import-connector-done = Connector "{ $name }" imported. Check the fields below.
ui-tenant-connector-name = Connector name (optional)
ui-tenant-connector-name-hint = Inbound from on-premises
ui-tenant-tls-name = Certificate name the connector expects
ui-tenant-tls-name-help = The connector recognises your server by this name in the certificate it sends (subject or alternative name). *.contoso.com accepts any name under contoso.com; mail.contoso.com needs exactly that name.
ui-tenant-tls-name-cn = Read as { $name } (the subject's common name of the issuer-and-subject form).
ui-tenant-sender-ips = Sender IP addresses (one per line)
ui-tenant-sender-ips-help = Public addresses or ranges (CIDR) your server sends from. Leave empty if the connector recognises the server by its certificate only.
ui-tenant-ip-ok = OK: { $network }
ui-tenant-connector-type = Connector type
ui-tenant-type-onprem = From your organisation's email server
ui-tenant-type-partner = From a partner organisation
ui-tenant-type-imported = The imported connector says: { $type }
ui-tenant-require-tls = Reject mail that is not sent over TLS
ui-tenant-restrict-domains = Reject mail whose sender domain does not match the certificate
ui-tenant-enabled = The connector is on
ui-tenant-mail-title = The refused mail
ui-tenant-mail-help = Optional, but each field lets the diagnosis check one more cause.
ui-tenant-sender-domain = Sender's domain
ui-tenant-sending-ip = Public IP address the server sends from
ui-tenant-sending-ip-help = As Microsoft 365 sees it, after any address translation. Without it, the addresses found in the logs are used.
ui-tenant-accepted-domains = Accepted domains of the tenant
ui-tenant-accepted-domains-help = Separated by commas, spaces or lines. The sender's domain and the certificate's domain must be among them (otherwise the reply carries ATTR36, also written ATT36).
ui-tenant-import-domains = Import from Get-AcceptedDomain (JSON)
ui-tenant-import-domains-paste = Output of Get-AcceptedDomain
ui-tenant-import-pasted-domains = Add the pasted domains
ui-tenant-import-file-domains = Open a JSON file of domains…
ui-tenant-import-domains-done = { $count } { $count ->
    [one] domain
   *[other] domains
} added.

## Certificate source page
ui-tenant-source-title = Where to read the certificate your server sends
ui-tenant-source-intro = The protocol logs show the certificate each session really sent, and when it changed: they are the best evidence.
ui-tenant-source-logs = SMTP Send protocol logs (recommended)
ui-tenant-source-file = A certificate file (.cer, .crt, .pem, .der)
ui-tenant-source-live = A live connection to the server (STARTTLS from this computer)
ui-tenant-logs = Log files or folders
ui-tenant-logs-hint = One path per line, for example C:\Program Files\Microsoft\Exchange Server\V15\TransportRoles\Logs\Hub\ProtocolLog\SmtpSend
ui-tenant-logs-add-files = Add files…
ui-tenant-logs-add-folder = Add a folder…
ui-tenant-logs-help = A folder is read whole, file after file; large folders take a few seconds.
ui-tenant-send-connector = Send connector name
ui-tenant-send-connector-help = Only the sessions of this send connector are read (the one that relays to Microsoft 365). Leave empty to read them all.
ui-tenant-send-connector-placeholder = name of the send connector
ui-tenant-logs-where = Where are the logs?
ui-tenant-logs-where-help = On the Exchange server, this command shows the folder of each transport server (SendProtocolLogPath):
ui-tenant-logs-enable = Logs empty or missing?
ui-tenant-logs-enable-help = Protocol logging must be on for the send connector. Turn it on, send a message, then read the logs again:
ui-tenant-cert-file = Certificate file
ui-tenant-cert-file-help = The certificate the server should send, exported from the Exchange server. A file shows the name and validity, but not whether the server really sends it.
ui-tenant-live-host = Server (host or host:port)
ui-tenant-live-help = Connects from this computer to the server's port and reads the certificate it offers after STARTTLS. A firewall may answer this computer differently from Microsoft 365.

## Problems that stop the diagnosis
ui-tenant-problems-title = The diagnosis cannot run yet:

## Diagnosis under way
ui-tenant-run = Run the diagnosis
ui-tenant-nav-keys = Enter runs the diagnosis · Esc goes back
ui-tenant-run-title = Diagnosing…
ui-tenant-run-logs = Reading the protocol logs:
ui-tenant-run-file = Reading the certificate file { $path }
ui-tenant-run-live = Connecting to { $host } to read its certificate…
ui-tenant-run-help = Cancel stops waiting and keeps everything you typed.
ui-tenant-cancelled = The diagnosis was cancelled; nothing was judged.

## Results
ui-tenant-results-title = Diagnosis of 550 5.7.64
ui-tenant-change-at = Changed on { $at }
ui-tenant-change-from = Before
ui-tenant-change-to = After
ui-tenant-change-from-last = Old certificate last sent
ui-tenant-all-certificates = Every certificate the server sent ({ $count })
ui-tenant-warnings = Problems in the log files ({ $count }); the rest was read
ui-tenant-failed = The diagnosis could not use the inputs
ui-tenant-failed-field = Field: { $field }
ui-tenant-failed-help = Go back, correct that field and run the diagnosis again.
ui-tenant-inputs = Inputs
ui-tenant-crashed = The diagnosis stopped unexpectedly. Run it again; if it happens again, please report it.
ui-tenant-export = Export the report…
ui-tenant-export-file-name = diagnosis-5.7.64.html
ui-tenant-exported = Report saved: { $path }
ui-tenant-copy-markdown = Copy as Markdown
ui-tenant-copied = The report is on the clipboard, in Markdown.

## Error explainer
ui-explain-title = Explain an error message
ui-explain-intro = Paste a non-delivery report (NDR), a line of a log or an SMTP reply. Each status code found is explained as you type.
ui-explain-text = Error text
ui-explain-hint = For example: 550 5.7.64 TenantAttribution; Relay Access Denied
ui-explain-clear = Clear
ui-explain-empty = Nothing to explain yet.
ui-explain-no-code = No status code
ui-explain-open-tenant = Open the 5.7.64 diagnosis
ui-explain-open-validation = Open the connector validation
ui-explain-no-wizard = No wizard of this tool helps with this error.

## Evidence an admin already holds (issue 10)
ui-tenant-source-evidence = What Exchange already gives: an NDR, a message trace, the send connector and certificate JSON
ui-tenant-evidence-intro = Give any of these; each one is read and judged. The send connector and certificate JSON predict a 5.7.64 before the next certificate goes live.
ui-tenant-ndr-files = NDR files (.eml, one per line)
ui-tenant-ndr-files-help = In Outlook, open the non-delivery report and save it (File, Save As) as an .eml file.
ui-tenant-ndr-text = Or paste the NDR's text
ui-tenant-message-trace = Message trace export (.csv)
ui-tenant-message-trace-help = The CSV report of a historical search (Exchange admin center, Mail flow, Message trace, or Start-HistoricalSearch), or Get-MessageTrace | Export-Csv. Its client IP is the address Microsoft 365 saw, after NAT. Choose the extended report: it carries the SMTP reply (5.7.64), which the summary report and Get-MessageTrace do not.
ui-tenant-send-connector-json = Send connector JSON file
ui-tenant-certificate-json = Exchange certificate JSON file
ui-tenant-exchange-json-help = Run both commands in the Exchange Management Shell on the on-premises server; the files may be UTF-16 (Windows PowerShell) or UTF-8.
