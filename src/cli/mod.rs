//! The command line: parses arguments, runs one engine, maps the result to an exit code
//! (0 everything passed, 1 a check failed, 2 bad input or an error), as ripgrep does.

pub mod all_profiles;
pub mod check;
pub mod completions;
pub mod explain;
pub mod out;
pub mod tenant;
pub mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::exit::EXIT_INPUT;
use crate::i18n::Lang;

#[derive(Parser, Debug)]
#[command(
    name = "connector-doctor",
    version,
    about = "Checks Microsoft 365 / Exchange Online mail connectors from this machine and explains \
             every failure (English / français).",
    long_about = "Checks Microsoft 365 / Exchange Online mail connectors from this machine and \
                  explains every failure in English or French.\n\n\
                  Without a subcommand, opens the desktop wizard.\n\n\
                  Exit status: 0 = every step passed (warnings allowed), 1 = a step failed, \
                  2 = invalid input or an error (nothing was sent). Something the user asked \
                  for that could not be saved (a report, the history) makes the exit non-zero: \
                  1 if a check also failed, 2 otherwise; the run's results are still printed."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate an outbound connector as Microsoft 365 does: resolve, connect on port 25,
    /// SMTP banner and EHLO, STARTTLS and certificate, then the test address (RCPT TO).
    Check(CheckArgs),
    /// Diagnose "550 5.7.64 TenantAttribution" from Exchange SMTP Send protocol logs,
    /// a certificate file and the inbound connector's settings.
    TenantAttribution(TenantArgs),
    /// Explain an SMTP reply or a non-delivery report line, with the fix.
    Explain(ExplainArgs),
    /// Open the desktop wizard (the same as giving no subcommand).
    Gui,
    /// Print the completion script for a shell (bash, zsh, fish, powershell) on standard output.
    Completions {
        #[arg(value_enum)]
        shell: completions::ShellArg,
    },
    /// Print the man page (roff) on standard output; used when packaging.
    #[command(hide = true)]
    Man,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Fr,
}

impl LangArg {
    pub fn resolve(arg: Option<LangArg>) -> Lang {
        match arg {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Fr) => Lang::Fr,
            None => Lang::from_os(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TlsArg {
    Opportunistic,
    EncryptionOnly,
    CertificateValidation,
    DomainValidation,
}

#[derive(Args, Debug, Default)]
pub struct CheckArgs {
    /// Smart host to check: name, IPv4, IPv6, with an optional port (`mail.contoso.com`,
    /// `192.0.2.7:2525`, `[2001:db8::7]:25`). Repeat for several. Without any, the MX records
    /// of the test address's domain are used; a blank `--host ""` is an error, not MX mode.
    #[arg(long = "host", value_name = "HOST[:PORT]")]
    pub hosts: Vec<String>,
    /// Domain the connector covers (`RecipientDomains`): `contoso.com`, `*.contoso.com`, `*`.
    /// Repeat for several.
    #[arg(long = "recipient-domain", value_name = "DOMAIN")]
    pub recipient_domains: Vec<String>,
    /// The connector's TLS setting (`TlsSettings`).
    #[arg(long, value_enum, value_name = "SETTING")]
    pub tls: Option<TlsArg>,
    /// Name the certificate must carry with domain-validation (`TlsDomain`; `*.contoso.com` allowed).
    #[arg(long, value_name = "NAME")]
    pub tls_domain: Option<String>,
    /// Mailbox to test with RCPT TO (nothing is sent unless --send is given).
    #[arg(long, value_name = "ADDR")]
    pub test_address: Option<String>,
    /// Envelope sender for the test (default: the null sender `<>`).
    #[arg(long, value_name = "ADDR")]
    pub mail_from: Option<String>,
    /// DNS server to ask instead of the system's.
    #[arg(long, value_name = "IP[:PORT]")]
    pub dns_server: Option<String>,
    /// Extra trusted CA certificate(s), PEM or DER: a regular file of at most 4 MiB (a pipe, a
    /// device or a folder is refused).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Also trust the operating system's certificate store.
    #[arg(long)]
    pub os_trust_store: bool,
    /// Seconds to wait for each network answer (connect, each reply, TLS handshake; default 20).
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,
    /// Language of the output (default: the system's).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Really send one short, labelled test message to the test address.
    #[arg(long)]
    pub send: bool,
    /// Load a saved connector: a profile name or a connector file (JSON, a regular file of at
    /// most 8 MiB). Options given on the command line override its fields.
    #[arg(long, value_name = "NAME_OR_FILE")]
    pub profile: Option<String>,
    /// Also write a report; the format follows the extension (.html, .md, .json). The path is
    /// checked before any network traffic; a report that cannot be written makes the exit non-zero.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Show what changed since the last run of the same connector.
    #[arg(long)]
    pub compare_last: bool,
    /// Do not keep this run in the history.
    #[arg(long)]
    pub no_history: bool,
    /// Port used for MX hosts (always 25 in production; for labs and tests).
    #[arg(long, value_name = "PORT", hide = true)]
    pub mx_port: Option<u16>,
    /// Text output: show only the hosts and steps that failed or warned (the verdict, the
    /// matrix of failing rows and their details). Reports and JSON stay complete.
    #[arg(long)]
    pub failures_only: bool,
    // Re-run until green, and every saved connector at once (issue 12).
    /// Run the check again every SECS seconds (after each round ends), showing what changed
    /// since the round before, until Ctrl-C (or until it passes, with --until-pass). Only the
    /// last round is kept in the history and the report. Exit 0 only when the last round passed.
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub watch: Option<u64>,
    /// With --watch: stop as soon as a round passes.
    #[arg(long, requires = "watch")]
    pub until_pass: bool,
    /// Check every saved connector, several at a time, and print one summary table (connector,
    /// verdict, first failure). --timeout, --dns-server, --ca-file, --os-trust-store and --lang
    /// apply to all of them. Exit 1 if any connector fails.
    #[arg(
        long,
        conflicts_with_all = [
            "profile", "hosts", "recipient_domains", "tls", "tls_domain", "test_address",
            "mail_from", "send", "compare_last", "watch", "report"
        ]
    )]
    pub all_profiles: bool,
    /// With --all-profiles: how many connectors are checked at the same time (default 128).
    #[arg(long, value_name = "N", requires = "all_profiles",
          value_parser = clap::value_parser!(u64).range(1..=512))]
    pub parallel: Option<u64>,
    /// Also check domain security as Microsoft 365 enforces it outbound: DNSSEC of the MX and
    /// host records, DANE (the _25._tcp TLSA records against the certificate presented),
    /// MTA-STS (the policy at mta-sts.<domain> against the MX hosts and their certificates) and
    /// TLS-RPT.
    #[arg(long)]
    pub domain_security: bool,
    /// Extra DNSSEC trust anchors for labs and private zones: a file of DS or DNSKEY records,
    /// one per line (`contoso.com. DS 21932 13 2 a1aa…`). Implies --domain-security.
    #[arg(long, value_name = "FILE")]
    pub dnssec_trust_anchor: Option<PathBuf>,
    /// Renewal pre-flight: the certificate about to be installed (PEM or DER); says whether the
    /// published TLSA records already match it. Implies --domain-security.
    #[arg(long = "dane-next-cert", value_name = "FILE")]
    pub dane_next_certificate: Option<PathBuf>,
    /// HTTPS port of the MTA-STS policy host (always 443 in production; for labs and tests,
    /// like --mx-port).
    #[arg(long, value_name = "PORT", hide = true)]
    pub mta_sts_port: Option<u16>,
}

#[derive(Args, Debug, Default)]
pub struct TenantArgs {
    /// SMTP Send protocol log file or folder (repeatable). Logs are streamed, any size; a named
    /// pipe is read as it comes; a device is refused; pipes and devices inside a folder are
    /// skipped with a warning.
    #[arg(long = "log", value_name = "PATH")]
    pub logs: Vec<PathBuf>,
    /// Only sessions of this send connector (as written in the log's connector-id column).
    #[arg(long, value_name = "NAME")]
    pub send_connector: Option<String>,
    /// The inbound connector's TlsSenderCertificateName.
    #[arg(long, value_name = "NAME")]
    pub tls_sender_certificate_name: Option<String>,
    /// An accepted domain of the tenant (repeatable).
    #[arg(long = "accepted-domain", value_name = "DOMAIN")]
    pub accepted_domains: Vec<String>,
    /// The inbound connector's SenderIPAddresses entry (repeatable; CIDR allowed).
    #[arg(long = "sender-ip", value_name = "IP_OR_CIDR")]
    pub sender_ips: Vec<String>,
    /// The public IP the on-premises server sends from (compared with --sender-ip).
    #[arg(long, value_name = "IP")]
    pub sending_ip: Option<String>,
    /// The certificate the on-premises server sends (.cer/.crt/.pem/.der): a regular file of at
    /// most 4 MiB.
    #[arg(long, value_name = "FILE")]
    pub cert_file: Option<PathBuf>,
    /// Connect to the on-premises server and read its certificate over STARTTLS.
    #[arg(long, value_name = "HOST[:PORT]")]
    pub live_host: Option<String>,
    /// The output of `Get-InboundConnector | ConvertTo-Json`: a regular file of at most 8 MiB.
    #[arg(long, value_name = "FILE")]
    pub inbound_connector_json: Option<PathBuf>,
    /// The output of `Get-AcceptedDomain | ConvertTo-Json`: a regular file of at most 8 MiB.
    #[arg(long, value_name = "FILE")]
    pub accepted_domains_json: Option<PathBuf>,
    /// An NDR (repeatable): an `.eml` with a `message/delivery-status` part, or an NDR's text
    /// saved to a file (a regular file of at most 32 MiB).
    #[arg(long = "ndr", value_name = "FILE")]
    pub ndr_files: Vec<PathBuf>,
    /// A message trace export (at most 128 MiB): the extended report of a historical search
    /// (`Start-HistoricalSearch`, the Exchange admin center), which carries the SMTP reply, or
    /// `Get-MessageTraceV2` / `Get-MessageTraceDetailV2 | Export-Csv`. Summary exports have no
    /// reply: their failures are counted apart, since they cannot show a 5.7.64.
    #[arg(long, value_name = "FILE")]
    pub message_trace: Option<PathBuf>,
    /// The output of `Get-SendConnector | ConvertTo-Json` (at most 8 MiB).
    #[arg(long, value_name = "FILE")]
    pub send_connector_json: Option<PathBuf>,
    /// The output of `Get-ExchangeCertificate | ConvertTo-Json` (at most 8 MiB).
    #[arg(long, value_name = "FILE")]
    pub exchange_certificate_json: Option<PathBuf>,
    /// Sender domain of the failing mail (checked against the accepted domains).
    #[arg(long, value_name = "DOMAIN")]
    pub sender_domain: Option<String>,
    /// Seconds to wait for each network answer (with --live-host).
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Language of the output (default: the system's).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Also write a report; the format follows the extension (.html, .md, .json). The path is
    /// checked before anything is read; a report that cannot be written makes the exit non-zero.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

#[derive(Args, Debug, Default)]
pub struct ExplainArgs {
    /// The SMTP reply or NDR text, e.g. "550 5.7.64 TenantAttribution; Relay Access Denied".
    /// Reads standard input when absent (at most 256 KiB).
    pub text: Vec<String>,
    /// An NDR file: an `.eml` with a `message/delivery-status` part, or an NDR's text saved to a
    /// file (a regular file of at most 32 MiB).
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    pub file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Language of the output (default: the system's).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Reads the arguments. `Ok(None)` asks for the wizard (no subcommand); `Err` is the exit status
/// once clap has printed the help, the version or what is wrong with the arguments.
pub fn parse() -> Result<Option<Command>, ExitCode> {
    match Cli::try_parse() {
        Ok(cli) => Ok(cli.command),
        Err(err) => {
            let _ = err.print();
            Err(match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(EXIT_INPUT),
            })
        }
    }
}

/// Runs one subcommand and maps its result to the exit status. `main` opens the wizard for
/// `gui` (or no subcommand) itself: the command line does not know the wizard.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check(args) => ExitCode::from(check::run(args)),
        Command::TenantAttribution(args) => ExitCode::from(tenant::run(args)),
        Command::Explain(args) => ExitCode::from(explain::run(args)),
        Command::Gui => no_gui(),
        Command::Completions { shell } => ExitCode::from(completions::run_completions(shell)),
        Command::Man => ExitCode::from(completions::run_man()),
    }
}

/// What a build without the `gui` feature answers to `gui` or no subcommand: there is no wizard;
/// it says so, in the system's language, and shows where the command line starts.
pub fn no_gui() -> ExitCode {
    out::error(&crate::i18n::tr(Lang::from_os(), "cli-no-gui"));
    ExitCode::from(EXIT_INPUT)
}
