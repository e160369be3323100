//! The check report as a documented, stable structure: what `check --format json` prints, what
//! the `.json` report holds (`schema_version` 2, published as
//! `assets/schema/check-report.schema.json`) and what the HTML and Markdown renderers draw from,
//! so every format carries the same facts. Strings are already localised and bounded, not yet
//! escaped.
//!
//! Stability promise for scripts: a rename or a removal bumps `schema_version` (and the published
//! schema, which rejects unknown fields, changes with it). Codes (`step`, `status`, `code`,
//! `verdict`) are the stable English identifiers; the `*_label`, `detail` and `guidance` fields
//! are in `language`.
//!
//! Version 2 (version 1 was only the report file): `verdict` and `verdict_label` moved from `run`
//! to the top, steps carry the end-entity `certificate`, and `input_errors` lists what the input
//! check refused (empty after a run).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ReportContext;
use super::text::{MAX_LIST_ITEMS, MAX_TRANSCRIPT_LINES, MAX_VALUE_CHARS, bound};
use crate::cert::CertificateInfo;
use crate::checks::{Direction, InputProblem, Message, RunReport, Status, StepResult, Verdict};
use crate::i18n::{self, Lang};
use crate::model::{ConnectorType, TlsPolicy};

/// Version of [`CheckReportJson`].
pub const CHECK_REPORT_SCHEMA_VERSION: u32 = 2;
/// `kind` of a check report.
pub const CHECK_REPORT_KIND: &str = "connector-check";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReportJson {
    pub schema_version: u32,
    /// Always `connector-check`.
    pub kind: String,
    /// `en` or `fr`: the language of every label, detail and guidance string.
    pub language: String,
    /// Version of the tool that ran the check.
    pub tool_version: String,
    /// When the report was written (RFC 3339, UTC).
    #[serde(with = "time::serde::rfc3339")]
    pub generated_at: time::OffsetDateTime,
    /// Version of the tool that wrote the report.
    pub generated_by: String,
    /// Host name of the machine the report was written on.
    pub machine: String,
    /// Why this result can differ from Microsoft 365's own validation.
    pub vantage_note: String,
    /// `pass` | `fail` (a step failed, the run was cancelled or the input was refused).
    pub verdict: String,
    pub verdict_label: String,
    /// What Microsoft 365 would do, in one line (codes and its words).
    pub verdict_line: VerdictLineJson,
    pub connector: ConnectorJson,
    pub options: OptionsJson,
    pub run: RunJson,
    /// What the input check refused, one entry per problem; empty when the checks ran.
    pub input_errors: Vec<InputErrorJson>,
    pub steps: Vec<StepJson>,
    /// The host × step matrix over `steps` (indexes into it), for the HTML and Markdown
    /// renderers; a script rebuilds it from `steps`.
    #[serde(skip)]
    pub matrix: Vec<super::glance::MatrixRow>,
    /// A connect step failed: the vantage note is shown in full, else folded to one line.
    #[serde(skip)]
    pub vantage_matters: bool,
}

/// The one-line verdict: [`super::glance::VerdictLine`] and its words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictLineJson {
    /// `deliver` | `fail` | `cancelled` | `nothing`.
    pub outcome: String,
    pub host: Option<String>,
    pub address: Option<String>,
    /// The step it would fail at.
    pub step: Option<String>,
    /// The failure code it would fail with.
    pub code: Option<String>,
    /// Other host/address rows that fail too.
    pub more_failures: usize,
    pub warnings: usize,
    /// The sentence in `language`.
    pub text: String,
}

/// One PowerShell command that fixes a failure, filled with this run's values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixCommandJson {
    /// What the command does, in `language`.
    pub purpose: String,
    /// The command, language-neutral, every value single-quoted.
    pub command: String,
}

/// One refused input, named by its command-line option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputErrorJson {
    /// The option without dashes: `host`, `test-address`, `tls-domain`…
    pub field: String,
    pub value: String,
    /// Fluent id and arguments of the problem (language-neutral).
    pub problem_id: String,
    pub problem_args: BTreeMap<String, String>,
    /// The problem in `language`.
    pub problem: String,
}

/// The connector, with Exchange Online's setting names in the comments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectorJson {
    /// `Name`.
    pub name: String,
    /// `ConnectorType`: `on-premises` | `partner`.
    pub connector_type: String,
    pub connector_type_label: String,
    /// `SmartHosts`.
    pub smart_hosts: Vec<String>,
    /// `UseMXRecord`.
    pub use_mx_record: bool,
    /// `RecipientDomains`.
    pub recipient_domains: Vec<String>,
    /// `TlsSettings`: `opportunistic` | `encryption-only` | `certificate-validation` |
    /// `domain-validation`.
    pub tls_settings: String,
    pub tls_settings_label: String,
    /// `TlsDomain`.
    pub tls_domain: String,
    pub test_address: String,
    /// Empty = the null sender `<>`.
    pub mail_from: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionsJson {
    pub dns_server: String,
    pub ca_file: Option<String>,
    pub use_os_trust_store: bool,
    pub timeout_secs: u64,
    pub send_test_message: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunJson {
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: time::OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub finished_at: time::OffsetDateTime,
    pub duration_ms: u64,
    /// The run was stopped before the end: the steps are incomplete.
    pub cancelled: bool,
    pub counts: CountsJson,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountsJson {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
    pub skipped: usize,
    /// Steps after a failure that Microsoft 365 would never reach.
    pub not_reached: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepJson {
    /// Smart host or MX host; `null` for connector-wide steps.
    pub host: Option<String>,
    /// Address and port used; `null` before resolution.
    pub address: Option<String>,
    /// `resolve` | `connect` | `ehlo` | `tls` | `test-email` | `domain-security`.
    pub step: String,
    pub step_label: String,
    /// `pass` | `warn` | `fail` | `skipped`.
    pub status: String,
    pub status_label: String,
    /// Stable failure code such as `tls.expired`.
    pub code: Option<String>,
    /// Fluent id and arguments of the detail (language-neutral).
    pub detail_id: String,
    pub detail_args: BTreeMap<String, String>,
    /// The detail in `language`.
    pub detail: String,
    /// What to do, in `language` (when there is a failure code).
    pub guidance: Option<String>,
    pub duration_ms: u64,
    pub reply: Option<ReplyJson>,
    pub resolved: Vec<String>,
    /// The certificate the server presented (the end entity, `tls.chain[0]`); `null` on steps
    /// other than `tls` or when none was received.
    pub certificate: Option<CertificateJson>,
    pub tls: Option<TlsJson>,
    pub transcript: Vec<TranscriptLineJson>,
    /// Transcript lines left out to bound the report's size.
    pub transcript_omitted: usize,
    /// PowerShell that fixes this failure, when there is one (see `report::fix`).
    pub fix_commands: Vec<FixCommandJson>,
    /// DNSSEC and DANE findings of the `domain-security` step; `null` on other steps.
    pub domain_security: Option<crate::checks::domain_security::DomainSecurity>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyJson {
    pub code: u16,
    pub enhanced: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsJson {
    pub protocol: String,
    pub cipher_suite: String,
    /// End-entity first.
    pub chain: Vec<CertificateJson>,
    /// Verification results in `language`.
    pub verification: Vec<String>,
    /// What Microsoft 365 would negotiate (`null` when STARTTLS gave no probe).
    pub probe: Option<TlsProbeJson>,
    /// Whether the end-entity certificate is revoked, and where that was learnt.
    #[serde(default)]
    pub revocation: Option<RevocationJson>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationJson {
    /// `good`, `revoked` or `unknown`.
    pub status: String,
    /// `stapled`, `ocsp`, `crl` or `none`.
    pub source: String,
    /// The responder or CRL asked, from the certificate.
    pub url: Option<String>,
    pub revoked_at: Option<String>,
    /// Why the status is unknown.
    pub reason: Option<String>,
}

/// The TLS probe's findings (`checks::TlsProbe`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsProbeJson {
    /// Oldest first: `TLS 1.0`, `TLS 1.1`, `TLS 1.2`, `TLS 1.3`.
    pub versions_accepted: Vec<String>,
    /// The TLS 1.2 suite the server picks when offered what Microsoft 365 offers (IANA name),
    /// or `null`.
    pub cipher_suite: Option<String>,
    /// That suite is in Microsoft's published list.
    pub cipher_suite_published: bool,
    /// Microsoft marks that suite as weak.
    pub cipher_suite_weak: bool,
    /// One line per ClientHello sent, with the server's answer.
    pub answers: Vec<String>,
    pub duration_ms: u64,
    /// `false`: the probe's hellos went unanswered, so the versions and the suite are unknown.
    pub conclusive: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateJson {
    pub subject: String,
    pub issuer: String,
    pub sans: Vec<String>,
    pub not_before: String,
    pub not_after: String,
    pub serial: String,
    /// Exchange's "thumbprint".
    pub sha1_thumbprint: String,
    pub sha256: String,
    pub self_issued: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptLineJson {
    /// `sent` (by this tool) | `received` (from the server).
    pub direction: String,
    pub text: String,
}

/// Bounds one value, with a localised marker.
pub(crate) fn cut(lang: Lang, text: &str) -> String {
    bound(text, MAX_VALUE_CHARS, |total| {
        i18n::tr_args(lang, "report-truncated", &[("total", total.to_string())])
    })
}

/// Bounds a list: at most [`MAX_LIST_ITEMS`] items, each bounded by [`cut`].
pub(crate) fn cut_list(lang: Lang, items: &[String]) -> Vec<String> {
    items
        .iter()
        .take(MAX_LIST_ITEMS)
        .map(|s| cut(lang, s))
        .collect()
}

/// A message in `lang`, bounded by [`cut`].
pub(crate) fn localized(lang: Lang, message: &Message) -> String {
    cut(lang, &i18n::localize(lang, message))
}

/// A message's arguments as the reports carry them (`detail_args`): at most
/// [`MAX_LIST_ITEMS`], names and values bounded by [`cut`]. A nested message (a cause worded
/// inside the detail) is carried as its id, language-neutral like the rest; the words are in
/// `detail`.
pub(crate) fn cut_args(lang: Lang, message: &Message) -> BTreeMap<String, String> {
    message
        .args
        .iter()
        .chain(message.nested.iter().map(|(k, m)| (k, &m.id)))
        .take(MAX_LIST_ITEMS)
        .map(|(k, v)| (cut(lang, k), cut(lang, v)))
        .collect()
}

pub(crate) fn connector_type_id(t: ConnectorType) -> (&'static str, &'static str) {
    match t {
        ConnectorType::OnPremises => ("on-premises", "report-type-on-premises"),
        ConnectorType::Partner => ("partner", "report-type-partner"),
    }
}

pub(crate) fn tls_label_id(p: TlsPolicy) -> &'static str {
    match p {
        TlsPolicy::Opportunistic => "report-tls-opportunistic",
        TlsPolicy::EncryptionOnly => "report-tls-encryption-only",
        TlsPolicy::CertificateValidation => "report-tls-certificate-validation",
        TlsPolicy::DomainValidation => "report-tls-domain-validation",
    }
}

fn certificate(lang: Lang, c: &CertificateInfo) -> CertificateJson {
    CertificateJson {
        subject: cut(lang, &c.subject),
        issuer: cut(lang, &c.issuer),
        sans: cut_list(lang, &c.sans),
        not_before: cut(lang, &c.not_before),
        not_after: cut(lang, &c.not_after),
        serial: cut(lang, &c.serial),
        sha1_thumbprint: cut(lang, &c.sha1_thumbprint),
        sha256: cut(lang, &c.sha256),
        self_issued: c.self_issued,
    }
}

fn step(lang: Lang, request: &crate::model::CheckRequest, s: &StepResult) -> StepJson {
    let transcript: Vec<TranscriptLineJson> = s
        .transcript
        .iter()
        .take(MAX_TRANSCRIPT_LINES)
        .map(|line| TranscriptLineJson {
            direction: match line.direction {
                Direction::Sent => "sent",
                Direction::Received => "received",
            }
            .to_string(),
            text: cut(lang, &line.text),
        })
        .collect();
    StepJson {
        host: s.host.as_deref().map(|h| cut(lang, h)),
        address: s.address.as_deref().map(|a| cut(lang, a)),
        step: s.step.as_str().to_string(),
        step_label: i18n::tr(lang, s.step.label_id()),
        status: s.status.as_str().to_string(),
        status_label: i18n::tr(lang, s.status.label_id()),
        code: s.code.map(|c| c.as_str().to_string()),
        detail_id: s.detail.id.clone(),
        detail_args: cut_args(lang, &s.detail),
        detail: cut(lang, &i18n::step_detail_lines(lang, s).join("\n")),
        guidance: i18n::step_guidance(lang, s).map(|g| cut(lang, &g)),
        duration_ms: s.duration_ms,
        reply: s.reply.as_ref().map(|r| ReplyJson {
            code: r.code,
            enhanced: r.enhanced.as_deref().map(|e| cut(lang, e)),
            text: cut(lang, &r.text),
        }),
        resolved: cut_list(lang, &s.resolved),
        certificate: s.certificate().map(|c| certificate(lang, c)),
        tls: s.tls.as_ref().map(|t| TlsJson {
            protocol: cut(lang, &t.protocol),
            cipher_suite: cut(lang, &t.cipher_suite),
            chain: t
                .chain
                .iter()
                .take(MAX_LIST_ITEMS)
                .map(|c| certificate(lang, c))
                .collect(),
            verification: t
                .verification
                .iter()
                .take(MAX_LIST_ITEMS)
                .map(|m| localized(lang, m))
                .collect(),
            probe: t.probe.as_ref().map(|p| TlsProbeJson {
                versions_accepted: cut_list(lang, &p.versions_accepted),
                cipher_suite: p.suite.as_deref().map(|s| cut(lang, s)),
                cipher_suite_published: p.suite_published,
                cipher_suite_weak: p.suite_weak,
                answers: cut_list(lang, &p.answers),
                duration_ms: p.duration_ms,
                conclusive: p.conclusive,
            }),
            revocation: t.revocation.as_ref().map(|r| RevocationJson {
                status: r.status.as_str().to_string(),
                source: r.source.as_str().to_string(),
                url: r.url.as_deref().map(|u| cut(lang, u)),
                revoked_at: r.revoked_at.clone(),
                reason: r.reason.as_deref().map(|u| cut(lang, u)),
            }),
        }),
        transcript_omitted: s.transcript.len().saturating_sub(transcript.len()),
        domain_security: s.domain_security.clone(),
        transcript,
        fix_commands: super::fix::check_fixes(request, s)
            .into_iter()
            .map(|f| FixCommandJson {
                purpose: i18n::tr(lang, &f.purpose_id),
                command: cut(lang, &f.command),
            })
            .collect(),
    }
}

fn verdict_line_json(lang: Lang, report: &RunReport) -> VerdictLineJson {
    use super::glance::{Outcome, verdict_line, verdict_line_text};
    let line = verdict_line(report);
    VerdictLineJson {
        outcome: match line.outcome {
            Outcome::Deliver => "deliver",
            Outcome::Fail => "fail",
            Outcome::Cancelled => "cancelled",
            Outcome::Nothing => "nothing",
            Outcome::DeliverUntested => "deliver-untested",
        }
        .to_string(),
        host: line.host.as_deref().map(|h| cut(lang, h)),
        address: line.address.as_deref().map(|a| cut(lang, a)),
        step: line.step.map(|s| s.as_str().to_string()),
        code: line.code.map(|c| c.as_str().to_string()),
        more_failures: line.more_failures,
        warnings: line.warnings,
        text: cut(lang, &verdict_line_text(lang, &line)),
    }
}

/// Builds the report document for `report` in `lang`.
pub fn check_report_document(
    report: &RunReport,
    lang: Lang,
    context: &ReportContext,
) -> CheckReportJson {
    let c = &report.request.connector;
    let o = &report.request.options;
    let (type_code, type_label) = connector_type_id(c.connector_type);
    let mut counts = CountsJson::default();
    for s in &report.steps {
        match s.status {
            Status::Pass => counts.pass += 1,
            Status::Warn => counts.warn += 1,
            Status::Fail => counts.fail += 1,
            Status::Skipped => counts.skipped += 1,
            Status::NotReached => counts.not_reached += 1,
        }
    }
    // "Every step passed" only when it is true: a pass with warnings says so, and a pass
    // whose test address could not be tested (Microsoft 365 connects where this tool cannot)
    // says that too — never a plain PASS then (issue 9).
    let untested = report.steps.iter().any(|s| {
        s.status == Status::Warn && s.code == Some(crate::checks::FailureCode::EmailNotTested)
    });
    let (verdict, verdict_label) = match report.verdict {
        Verdict::Pass if untested => ("pass", "report-verdict-pass-untested"),
        Verdict::Pass if counts.warn > 0 => ("pass", "report-verdict-pass-warnings"),
        Verdict::Pass => ("pass", "report-verdict-pass"),
        Verdict::Fail => ("fail", "report-verdict-fail"),
    };
    CheckReportJson {
        schema_version: CHECK_REPORT_SCHEMA_VERSION,
        kind: CHECK_REPORT_KIND.to_string(),
        language: lang.code().to_string(),
        tool_version: cut(lang, &report.tool_version),
        generated_at: context.generated_at,
        generated_by: context.tool_version.clone(),
        machine: cut(lang, &context.machine),
        vantage_note: localized(lang, &context.vantage_note),
        verdict: verdict.to_string(),
        verdict_label: i18n::tr(lang, verdict_label),
        verdict_line: verdict_line_json(lang, report),
        connector: ConnectorJson {
            name: cut(lang, &c.name),
            connector_type: type_code.to_string(),
            connector_type_label: i18n::tr(lang, type_label),
            smart_hosts: cut_list(lang, &c.smart_hosts),
            use_mx_record: c.use_mx_record,
            recipient_domains: cut_list(lang, &c.recipient_domains),
            tls_settings: c.tls_settings.as_str().to_string(),
            tls_settings_label: i18n::tr(lang, tls_label_id(c.tls_settings)),
            tls_domain: cut(lang, &c.tls_domain),
            test_address: cut(lang, &c.test_address),
            mail_from: cut(lang, &c.mail_from),
        },
        options: OptionsJson {
            dns_server: cut(lang, &o.dns_server),
            ca_file: o
                .ca_file
                .as_ref()
                .map(|p| cut(lang, &p.display().to_string())),
            use_os_trust_store: o.use_os_trust_store,
            timeout_secs: o.timeout_secs,
            send_test_message: o.send_test_message,
        },
        run: RunJson {
            started_at: report.started_at,
            finished_at: report.finished_at,
            duration_ms: report.duration_ms,
            cancelled: report.cancelled,
            counts,
        },
        input_errors: Vec::new(),
        steps: report
            .steps
            .iter()
            .map(|s| step(lang, &report.request, s))
            .collect(),
        matrix: super::glance::matrix(report),
        vantage_matters: super::glance::vantage_matters(report),
    }
}

impl CheckReportJson {
    /// The document of a refused input: `report` holds the steps standing for the problems.
    pub fn with_input_problems(mut self, problems: &[InputProblem], lang: Lang) -> Self {
        self.input_errors = problems
            .iter()
            .take(MAX_LIST_ITEMS)
            .map(|p| InputErrorJson {
                field: p.field.to_string(),
                value: cut(lang, &p.value),
                problem_id: p.reason.id.clone(),
                problem_args: cut_args(lang, &p.reason),
                problem: localized(lang, &p.reason),
            })
            .collect();
        self
    }
}
