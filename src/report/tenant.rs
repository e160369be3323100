//! The TenantAttribution (550 5.7.64) diagnosis as a report: JSON (`schema_version` 1,
//! [`TenantReportJson`], also what `tenant-attribution --format json` prints, published as
//! `assets/schema/tenant-report.schema.json`), HTML and Markdown, with the same escaping and bounds as the check
//! report. Words come from `tenant.ftl` (helper B's labels) and `report.ftl`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::document::{cut, cut_args, cut_list, localized};
use maud::{Markup, html};

use super::html::{Footer, Shown, lines, page, vantage_box, verdict_box};
use super::text::{MAX_LIST_ITEMS, markdown as md, markdown_lines};
use super::{ReportContext, ReportFormat};
use crate::checks::{Message, Verdict};
use crate::i18n::{self, Lang};
use crate::tenant::evidence::ExchangeEvidence;
use crate::tenant::{CertificateSource, Diagnosis, SentCertificate};

/// Version of [`TenantReportJson`].
pub const TENANT_REPORT_SCHEMA_VERSION: u32 = 1;
/// `kind` of a tenant report.
pub const TENANT_REPORT_KIND: &str = "tenant-attribution";

/// The diagnosis as written to a `.json` report. Codes are stable identifiers; `*_label`,
/// `detail`, `guidance`, `notes` and `problem` are in `language`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantReportJson {
    pub schema_version: u32,
    /// Always `tenant-attribution`.
    pub kind: String,
    pub language: String,
    /// Version of the tool that made the diagnosis.
    pub tool_version: String,
    /// When the diagnosis was made (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    pub diagnosed_at: time::OffsetDateTime,
    /// When the report was written (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    pub generated_at: time::OffsetDateTime,
    pub generated_by: String,
    pub machine: String,
    pub vantage_note: String,
    /// `pass` (no cause found) | `fail` (a cause of 5.7.64 found).
    pub verdict: String,
    pub verdict_label: String,
    pub inbound_connector: InboundConnectorJson,
    pub inputs: TenantInputsJson,
    pub log: Option<LogSummaryJson>,
    /// The certificate the on-premises server sends now.
    pub certificate: Option<SentCertificateJson>,
    /// Every distinct certificate the logs show, in order of first use.
    pub certificates: Vec<SentCertificateJson>,
    pub certificate_changes: Vec<CertificateChangeJson>,
    pub findings: Vec<FindingJson>,
    pub notes: Vec<String>,
    pub warnings: Vec<WarningJson>,
    pub warnings_dropped: u64,
    /// What the NDRs, the message trace and the Exchange JSON said (values bounded when read).
    #[serde(default)]
    pub evidence: ExchangeEvidence,
    /// The same, one sentence a line in `language`.
    #[serde(default)]
    pub evidence_lines: Vec<String>,
}

/// `Get-InboundConnector` settings the diagnosis compared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboundConnectorJson {
    pub name: Option<String>,
    pub tls_sender_certificate_name: Option<String>,
    pub sender_ip_addresses: Vec<String>,
    pub require_tls: Option<bool>,
    pub restrict_domains_to_certificate: Option<bool>,
    pub connector_type: Option<String>,
    pub enabled: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantInputsJson {
    pub accepted_domains: Vec<String>,
    pub sender_domain: Option<String>,
    pub sending_ip: Option<String>,
    pub send_connector: Option<String>,
    pub logs: Vec<String>,
    pub cert_file: Option<String>,
    pub live_host: Option<String>,
    // Evidence an admin already holds (src/tenant/evidence.rs).
    #[serde(default)]
    pub ndr_files: Vec<String>,
    #[serde(default)]
    pub message_trace: Option<String>,
    #[serde(default)]
    pub send_connector_json: Option<String>,
    #[serde(default)]
    pub exchange_certificate_json: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogSummaryJson {
    pub files_read: u64,
    pub bytes_read: u64,
    pub lines_read: u64,
    pub sessions: u64,
    pub sessions_with_tls: u64,
    pub rejected_sessions: u64,
    pub att36_sessions: u64,
    pub first_time: Option<String>,
    pub last_time: Option<String>,
    pub connectors_seen: Vec<String>,
    pub local_ips: Vec<String>,
    /// Sending servers: the log folder's sub-folder names (EX01, EX02), else local endpoints.
    pub servers: Vec<String>,
    /// The summary sentence in `language`.
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentCertificateJson {
    /// `logs` | `file` | `live`, for the current certificate.
    pub source: Option<String>,
    pub source_label: Option<String>,
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    /// SHA-1, as Exchange shows it.
    pub thumbprint: String,
    pub sans: Vec<String>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    pub sessions: u64,
    pub rejected_sessions: u64,
    pub att36_sessions: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateChangeJson {
    pub at: String,
    pub from_subject: String,
    pub from_thumbprint: String,
    pub to_subject: String,
    pub to_thumbprint: String,
    pub from_last_seen: Option<String>,
    /// The change as a sentence in `language`.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingJson {
    /// Stable code such as `attribution.certificate-name-mismatch`.
    pub code: String,
    /// `fail` | `warn` | `info`.
    pub severity: String,
    pub severity_label: String,
    pub detail_id: String,
    pub detail_args: BTreeMap<String, String>,
    pub detail: String,
    pub guidance: String,
    /// PowerShell that fixes this finding, filled with the diagnosis's values (see
    /// `report::fix`); empty when there is none.
    pub fix_commands: Vec<super::document::FixCommandJson>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningJson {
    pub file: String,
    /// 1-based; 0 = about the whole file.
    pub line: u64,
    pub problem: String,
}

/// The vantage note of a tenant diagnosis.
pub fn tenant_vantage_note(machine: &str) -> Message {
    Message::new("report-tenant-vantage-note").arg("machine", machine)
}

fn cut_opt(lang: Lang, value: &Option<String>) -> Option<String> {
    value.as_deref().map(|v| cut(lang, v))
}

fn source_code(source: CertificateSource) -> &'static str {
    match source {
        CertificateSource::Logs => "logs",
        CertificateSource::File => "file",
        CertificateSource::Live => "live",
    }
}

fn sent_certificate(
    lang: Lang,
    c: &SentCertificate,
    source: Option<CertificateSource>,
) -> SentCertificateJson {
    SentCertificateJson {
        source: source.map(|s| source_code(s).to_string()),
        source_label: source.map(|s| i18n::tr(lang, s.label_id())),
        subject: cut(lang, &c.subject),
        issuer: cut(lang, &c.issuer),
        serial: cut(lang, &c.serial),
        thumbprint: cut(lang, &c.thumbprint),
        sans: cut_list(lang, &c.sans),
        first_seen: cut_opt(lang, &c.first_seen),
        last_seen: cut_opt(lang, &c.last_seen),
        not_before: cut_opt(lang, &c.not_before),
        not_after: cut_opt(lang, &c.not_after),
        sessions: c.sessions,
        rejected_sessions: c.rejected_sessions,
        att36_sessions: c.att36_sessions,
    }
}

/// Builds the tenant report document.
pub fn tenant_report_document(
    d: &Diagnosis,
    lang: Lang,
    context: &ReportContext,
) -> TenantReportJson {
    let c = &d.inputs.connector;
    let i = &d.inputs;
    let path_text = |p: &std::path::PathBuf| cut(lang, &p.display().to_string());
    TenantReportJson {
        schema_version: TENANT_REPORT_SCHEMA_VERSION,
        kind: TENANT_REPORT_KIND.to_string(),
        language: lang.code().to_string(),
        tool_version: cut(lang, &d.tool_version),
        diagnosed_at: d.generated_at,
        generated_at: context.generated_at,
        generated_by: context.tool_version.clone(),
        machine: cut(lang, &context.machine),
        vantage_note: localized(lang, &context.vantage_note),
        verdict: match d.verdict {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
        }
        .to_string(),
        verdict_label: i18n::tr(
            lang,
            match d.verdict {
                Verdict::Pass => "tenant-verdict-pass",
                Verdict::Fail => "tenant-verdict-fail",
            },
        ),
        inbound_connector: InboundConnectorJson {
            name: cut_opt(lang, &c.name),
            tls_sender_certificate_name: cut_opt(lang, &c.tls_sender_certificate_name),
            sender_ip_addresses: cut_list(lang, &c.sender_ip_addresses),
            require_tls: c.require_tls,
            restrict_domains_to_certificate: c.restrict_domains_to_certificate,
            connector_type: cut_opt(lang, &c.connector_type),
            enabled: c.enabled,
        },
        inputs: TenantInputsJson {
            accepted_domains: cut_list(lang, &i.accepted_domains),
            sender_domain: cut_opt(lang, &i.sender_domain),
            sending_ip: cut_opt(lang, &i.sending_ip),
            send_connector: cut_opt(lang, &i.send_connector),
            logs: i.logs.iter().take(MAX_LIST_ITEMS).map(path_text).collect(),
            cert_file: i.cert_file.as_ref().map(path_text),
            live_host: cut_opt(lang, &i.live_host),
            ndr_files: i
                .ndr_files
                .iter()
                .take(MAX_LIST_ITEMS)
                .map(path_text)
                .collect(),
            message_trace: i.message_trace.as_ref().map(path_text),
            send_connector_json: i.send_connector_json.as_ref().map(path_text),
            exchange_certificate_json: i.exchange_certificate_json.as_ref().map(path_text),
        },
        log: d.log_stats.as_ref().map(|s| LogSummaryJson {
            files_read: s.files_read,
            bytes_read: s.bytes_read,
            lines_read: s.lines_read,
            sessions: s.sessions,
            sessions_with_tls: s.sessions_with_tls,
            rejected_sessions: s.rejected_sessions,
            att36_sessions: s.att36_sessions,
            first_time: cut_opt(lang, &s.first_time),
            last_time: cut_opt(lang, &s.last_time),
            connectors_seen: cut_list(lang, &s.connectors_seen),
            local_ips: cut_list(lang, &s.local_ips),
            servers: cut_list(lang, &s.servers),
            summary: i18n::tr_args(
                lang,
                "tenant-log-summary",
                &[
                    ("files", s.files_read.to_string()),
                    ("megabytes", i18n::megabytes(lang, s.bytes_read)),
                    ("sessions", s.sessions.to_string()),
                    ("rejected", s.rejected_sessions.to_string()),
                ],
            ),
        }),
        certificate: d
            .certificate
            .as_ref()
            .map(|c| sent_certificate(lang, c, d.certificate_source)),
        certificates: d
            .certificates
            .iter()
            .take(MAX_LIST_ITEMS)
            .map(|c| sent_certificate(lang, c, None))
            .collect(),
        certificate_changes: d
            .certificate_changes
            .iter()
            .take(MAX_LIST_ITEMS)
            .map(|ch| CertificateChangeJson {
                at: cut(lang, &ch.at),
                from_subject: cut(lang, &ch.from.subject),
                from_thumbprint: cut(lang, &ch.from.thumbprint),
                to_subject: cut(lang, &ch.to.subject),
                to_thumbprint: cut(lang, &ch.to.thumbprint),
                from_last_seen: cut_opt(lang, &ch.from_last_seen),
                text: cut(
                    lang,
                    &i18n::tr_args(
                        lang,
                        "tenant-change-line",
                        &[
                            ("at", ch.at.clone()),
                            ("from", ch.from.subject.clone()),
                            ("from_thumbprint", ch.from.thumbprint.clone()),
                            ("to", ch.to.subject.clone()),
                            ("to_thumbprint", ch.to.thumbprint.clone()),
                        ],
                    ),
                ),
            })
            .collect(),
        findings: d
            .findings
            .iter()
            .map(|f| FindingJson {
                code: f.code.clone(),
                severity: f.severity.as_str().to_string(),
                severity_label: i18n::tr(lang, f.severity.label_id()),
                detail_id: f.detail.id.clone(),
                detail_args: cut_args(lang, &f.detail),
                detail: localized(lang, &f.detail),
                guidance: localized(lang, &f.guidance),
                fix_commands: super::fix::tenant_fixes(d, f)
                    .into_iter()
                    .map(|fix| super::document::FixCommandJson {
                        purpose: i18n::tr(lang, &fix.purpose_id),
                        command: super::document::cut(lang, &fix.command),
                    })
                    .collect(),
            })
            .collect(),
        notes: d
            .notes
            .iter()
            .take(MAX_LIST_ITEMS)
            .map(|n| localized(lang, n))
            .collect(),
        warnings: d
            .warnings
            .iter()
            .take(MAX_LIST_ITEMS)
            .map(|w| WarningJson {
                file: cut(lang, &w.file),
                line: w.line,
                problem: localized(lang, &w.problem),
            })
            .collect(),
        warnings_dropped: d.warnings_dropped
            + d.warnings.len().saturating_sub(MAX_LIST_ITEMS) as u64,
        evidence: bounded_evidence(&d.evidence),
        evidence_lines: evidence_lines(&d.evidence, lang),
    }
}

/// The evidence with its lists bounded like every other list of the report.
fn bounded_evidence(e: &ExchangeEvidence) -> ExchangeEvidence {
    ExchangeEvidence {
        ndrs: e.ndrs.iter().take(MAX_LIST_ITEMS).cloned().collect(),
        trace: e.trace.clone(),
        send_connectors: e
            .send_connectors
            .iter()
            .take(MAX_LIST_ITEMS)
            .cloned()
            .collect(),
        certificates: e
            .certificates
            .iter()
            .take(MAX_LIST_ITEMS)
            .cloned()
            .collect(),
    }
}

/// What the NDRs, the message trace and the Exchange JSON said, one sentence a line (the CLI,
/// the wizard and the reports show the same lines).
pub fn evidence_lines(e: &ExchangeEvidence, lang: Lang) -> Vec<String> {
    let none = || i18n::tr(lang, "tenant-value-none");
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(none);
    let mut lines = Vec::new();
    for n in e.ndrs.iter().take(MAX_LIST_ITEMS) {
        lines.push(i18n::tr_args(
            lang,
            "tenant-evidence-ndr",
            &[
                ("source", n.source.clone()),
                (
                    "status",
                    n.diagnostic_code
                        .clone()
                        .or(n.status.clone())
                        .unwrap_or_else(none),
                ),
                ("reporting", or_none(&n.reporting_mta)),
                ("remote", or_none(&n.remote_mta)),
                (
                    "connector",
                    n.connector.clone().unwrap_or_else(|| "none".into()),
                ),
            ],
        ));
    }
    if let Some(t) = &e.trace {
        lines.push(i18n::tr_args(
            lang,
            "tenant-evidence-trace",
            &[
                ("source", t.source.clone()),
                ("rows", t.rows.to_string()),
                ("failed", t.failed_rows.to_string()),
                ("first", or_none(&t.first_failure)),
                ("last", or_none(&t.last_failure)),
            ],
        ));
        for ev in &t.events {
            lines.push(i18n::tr_args(
                lang,
                "tenant-evidence-trace-event",
                &[
                    ("code", ev.code.clone()),
                    ("count", ev.count.to_string()),
                    ("first", or_none(&ev.first)),
                    ("last", or_none(&ev.last)),
                ],
            ));
        }
        let counted = |list: &[crate::tenant::trace::Counted]| {
            if list.is_empty() {
                none()
            } else {
                list.iter()
                    .map(|c| format!("{} ({})", c.value, c.count))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        if !t.client_ips.is_empty() {
            lines.push(i18n::tr_args(
                lang,
                "tenant-evidence-trace-ips",
                &[("ips", counted(&t.client_ips))],
            ));
        }
        if !t.sender_domains.is_empty() || !t.recipient_domains.is_empty() {
            lines.push(i18n::tr_args(
                lang,
                "tenant-evidence-trace-domains",
                &[
                    ("senders", counted(&t.sender_domains)),
                    ("recipients", counted(&t.recipient_domains)),
                ],
            ));
        }
    }
    for c in e.send_connectors.iter().take(MAX_LIST_ITEMS) {
        lines.push(i18n::tr_args(
            lang,
            "tenant-evidence-send-connector",
            &[
                ("name", c.name.clone()),
                ("value", or_none(&c.tls_certificate_name)),
            ],
        ));
    }
    for c in e.certificates.iter().take(MAX_LIST_ITEMS) {
        let yes_no = |b: Option<bool>| match b {
            Some(true) => i18n::tr(lang, "tenant-value-yes"),
            Some(false) => i18n::tr(lang, "tenant-value-no"),
            None => none(),
        };
        lines.push(i18n::tr_args(
            lang,
            "tenant-evidence-certificate",
            &[
                ("thumbprint", c.thumbprint.clone()),
                ("subject", c.subject.clone()),
                ("issuer", c.issuer.clone()),
                ("not_after", or_none(&c.not_after)),
                (
                    "services",
                    c.services
                        .as_ref()
                        .map(|s| s.join(", "))
                        .unwrap_or_else(none),
                ),
                ("key", yes_no(c.has_private_key)),
            ],
        ));
    }
    lines.into_iter().map(|l| cut(lang, &l)).collect()
}

fn warning_text(w: &WarningJson, lang: Lang) -> String {
    if w.line == 0 {
        i18n::tr_args(
            lang,
            "tenant-warning-file",
            &[("file", w.file.clone()), ("problem", w.problem.clone())],
        )
    } else {
        i18n::tr_args(
            lang,
            "tenant-warning-line",
            &[
                ("file", w.file.clone()),
                ("line", w.line.to_string()),
                ("problem", w.problem.clone()),
            ],
        )
    }
}

fn severity_class(severity: &str) -> &'static str {
    match severity {
        "fail" => "fail",
        "warn" => "warn",
        _ => "skipped",
    }
}

fn severity_glyph(severity: &str) -> &'static str {
    match severity {
        "fail" => "✖",
        "warn" => "⚠",
        _ => "ℹ",
    }
}

fn yes_no(lang: Lang, value: Option<bool>) -> String {
    match value {
        Some(true) => i18n::tr(lang, "report-value-yes"),
        Some(false) => i18n::tr(lang, "report-value-no"),
        None => String::new(),
    }
}

/// Label and value rows of what the diagnosis examined (values not escaped yet).
fn input_rows(doc: &TenantReportJson, lang: Lang) -> Vec<(String, String)> {
    let t = |id: &str| i18n::tr(lang, id);
    let c = &doc.inbound_connector;
    let i = &doc.inputs;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        (t("report-tenant-connector-name"), opt(&c.name)),
        (t("report-tenant-connector-type"), opt(&c.connector_type)),
        (t("report-tenant-enabled"), yes_no(lang, c.enabled)),
        (
            t("report-tenant-tls-sender-name"),
            opt(&c.tls_sender_certificate_name),
        ),
        (
            t("report-tenant-sender-ips"),
            c.sender_ip_addresses.join(", "),
        ),
        (t("report-tenant-require-tls"), yes_no(lang, c.require_tls)),
        (
            t("report-tenant-accepted-domains"),
            i.accepted_domains.join(", "),
        ),
        (t("report-tenant-sender-domain"), opt(&i.sender_domain)),
        (t("report-tenant-sending-ip"), opt(&i.sending_ip)),
        (t("report-tenant-send-connector"), opt(&i.send_connector)),
        (t("report-tenant-logs"), i.logs.join(", ")),
        (t("report-tenant-cert-file"), opt(&i.cert_file)),
        (t("report-tenant-live-host"), opt(&i.live_host)),
    ]
}

fn certificate_rows(c: &SentCertificateJson, lang: Lang) -> Vec<(String, String)> {
    let t = |id: &str| i18n::tr(lang, id);
    let mut rows = vec![
        (t("tenant-field-subject"), c.subject.clone()),
        (t("tenant-field-issuer"), c.issuer.clone()),
        (t("tenant-field-serial"), c.serial.clone()),
        (t("tenant-field-thumbprint"), c.thumbprint.clone()),
        (t("tenant-field-sans"), c.sans.join(", ")),
    ];
    if let Some(v) = &c.first_seen {
        rows.push((t("tenant-field-first-seen"), i18n::moment_or_text(lang, v)));
    }
    if let Some(v) = &c.last_seen {
        rows.push((t("tenant-field-last-seen"), i18n::moment_or_text(lang, v)));
    }
    if let Some(v) = &c.not_after {
        rows.push((t("tenant-field-not-after"), i18n::moment_or_text(lang, v)));
    }
    if c.sessions > 0 {
        rows.push((
            t("tenant-field-sessions"),
            i18n::tr_args(
                lang,
                "tenant-sessions-value",
                &[
                    ("sessions", c.sessions.to_string()),
                    ("rejected", c.rejected_sessions.to_string()),
                ],
            ),
        ));
    }
    rows
}

fn html_table(rows: &[(String, String)], lang: Lang) -> Markup {
    html! {
        table.kv {
            @for (label, value) in rows {
                tr {
                    th { (Shown(label)) }
                    td {
                        @if value.trim().is_empty() {
                            span.muted { (Shown(&i18n::tr(lang, "tenant-value-none"))) }
                        } @else {
                            span.mono { (Shown(value)) }
                        }
                    }
                }
            }
        }
    }
}

fn render_html(doc: &TenantReportJson, lang: Lang) -> String {
    let t = |id: &str| i18n::tr(lang, id);
    let title = format!("{} — {}", t("tenant-title"), doc.verdict_label);
    let content = html! {
        header { h1 { (Shown(&t("tenant-title"))) } }
        (verdict_box(doc.verdict == "pass", &doc.verdict_label, None))
        (vantage_box(lang, &doc.vantage_note))

        h2 { (Shown(&t("tenant-findings-heading"))) }
        @if doc.findings.is_empty() {
            p { (Shown(&t("tenant-no-findings"))) }
        }
        @for f in &doc.findings {
            section.step.(severity_class(&f.severity)) {
                h4 {
                    span.badge.(severity_class(&f.severity)) {
                        (severity_glyph(&f.severity)) " " (Shown(&f.severity_label))
                    }
                    " "
                    code { (Shown(&f.code)) }
                }
                p { (lines(&f.detail)) }
                div.guidance {
                    strong { (Shown(&t("tenant-guidance-label"))) }
                    (lines(&f.guidance))
                }
                @for fix in &f.fix_commands {
                    div.fix {
                        strong { (Shown(&t("glance-fix-title"))) } " " (Shown(&fix.purpose))
                        pre { (Shown(&fix.command)) }
                    }
                }
            }
        }

        h2 { (Shown(&t("report-tenant-inputs"))) }
        (html_table(&input_rows(doc, lang), lang))
        @if let Some(log) = &doc.log {
            p { (Shown(&log.summary)) }
        }

        @match &doc.certificate {
            Some(c) => {
                h2 {
                    (Shown(&i18n::tr_args(
                        lang,
                        "tenant-certificate-heading",
                        &[("source", c.source_label.clone().unwrap_or_default())],
                    )))
                }
                (html_table(&certificate_rows(c, lang), lang))
            }
            None => {
                p { (Shown(&t("tenant-no-certificate"))) }
            }
        }
        @if !doc.certificate_changes.is_empty() {
            h2 { (Shown(&t("tenant-changes-heading"))) }
            ul {
                @for ch in &doc.certificate_changes {
                    li.mono { (Shown(&ch.text)) }
                }
            }
        }
        @if doc.certificates.len() > 1 {
            details {
                summary {
                    (Shown(&i18n::tr_args(
                        lang,
                        "report-tenant-all-certificates",
                        &[("count", doc.certificates.len().to_string())],
                    )))
                }
                @for c in &doc.certificates {
                    (html_table(&certificate_rows(c, lang), lang))
                }
            }
        }
        @if !doc.evidence_lines.is_empty() {
            h2 { (Shown(&t("tenant-evidence-heading"))) }
            ul {
                @for line in &doc.evidence_lines {
                    li { (Shown(line)) }
                }
            }
        }
        @if !doc.notes.is_empty() {
            h2 { (Shown(&t("tenant-notes-heading"))) }
            ul {
                @for n in &doc.notes {
                    li { (lines(n)) }
                }
            }
        }
        @if !doc.warnings.is_empty() {
            details {
                summary { (Shown(&t("tenant-warnings-heading"))) }
                ul {
                    @for w in &doc.warnings {
                        li { (Shown(&warning_text(w, lang))) }
                    }
                    @if doc.warnings_dropped > 0 {
                        li {
                            (Shown(&i18n::tr_args(
                                lang,
                                "tenant-warnings-dropped",
                                &[("count", doc.warnings_dropped.to_string())],
                            )))
                        }
                    }
                }
            }
        }
    };
    page(
        lang,
        &doc.language,
        None,
        &title,
        content,
        Footer {
            version: &doc.generated_by,
            machine: &doc.machine,
            time: &crate::cert::rfc3339(doc.generated_at),
        },
    )
}

fn render_markdown(doc: &TenantReportJson, lang: Lang) -> String {
    let t = |id: &str| i18n::tr(lang, id);
    let colon = super::colon(lang);
    let mut out = String::with_capacity(4096);
    let glyph = if doc.verdict == "pass" { "✔" } else { "✖" };
    let _ = writeln!(
        out,
        "### {} — {glyph} {}\n",
        t("tenant-title"),
        md(&doc.verdict_label)
    );
    for (label, value) in input_rows(doc, lang) {
        if !value.trim().is_empty() {
            let _ = writeln!(out, "- **{label}{colon}** {}", md(&value));
        }
    }
    if let Some(log) = &doc.log {
        let _ = writeln!(out, "- {}", md(&log.summary));
    }
    let _ = writeln!(
        out,
        "- **{}{colon}** {} · Connector Doctor {} · {}\n",
        t("report-field-machine"),
        md(&doc.machine),
        md(&doc.tool_version),
        md(&i18n::date_time(lang, doc.diagnosed_at))
    );
    super::markdown::vantage_quote(&mut out, lang, &doc.vantage_note);
    if let Some(c) = &doc.certificate {
        let heading = i18n::tr_args(
            lang,
            "tenant-certificate-heading",
            &[("source", c.source_label.clone().unwrap_or_default())],
        );
        let _ = writeln!(out, "**{}**\n", md(&heading));
        for (label, value) in certificate_rows(c, lang) {
            if !value.trim().is_empty() {
                let _ = writeln!(out, "- **{label}{colon}** {}", md(&value));
            }
        }
        out.push('\n');
    }
    if !doc.certificate_changes.is_empty() {
        let _ = writeln!(out, "**{}**\n", t("tenant-changes-heading"));
        for ch in &doc.certificate_changes {
            let _ = writeln!(out, "- {}", md(&ch.text));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "**{}**\n", t("tenant-findings-heading"));
    if doc.findings.is_empty() {
        let _ = writeln!(out, "{}", md(&t("tenant-no-findings")));
    }
    for f in &doc.findings {
        let _ = writeln!(
            out,
            "- {} **{}** `{}`\n  - {}\n  - **{}{colon}** {}",
            severity_glyph(&f.severity),
            md(&f.severity_label),
            f.code.replace('`', ""),
            markdown_lines(&f.detail, " "),
            t("tenant-guidance-label"),
            markdown_lines(&f.guidance, " "),
        );
        for fix in &f.fix_commands {
            super::markdown::fix_block(&mut out, lang, &fix.purpose, &fix.command);
        }
    }
    if !doc.evidence_lines.is_empty() {
        let _ = writeln!(out, "\n**{}**\n", t("tenant-evidence-heading"));
        for line in &doc.evidence_lines {
            let _ = writeln!(out, "- {}", markdown_lines(line, " "));
        }
    }
    if !doc.notes.is_empty() {
        let _ = writeln!(out, "\n**{}**\n", t("tenant-notes-heading"));
        for n in &doc.notes {
            let _ = writeln!(out, "- {}", markdown_lines(n, " "));
        }
    }
    out
}

/// The tenant diagnosis in any format, as a string.
pub fn render_tenant_report(
    diagnosis: &Diagnosis,
    format: ReportFormat,
    lang: Lang,
    context: &ReportContext,
) -> String {
    let doc = tenant_report_document(diagnosis, lang, context);
    match format {
        ReportFormat::Html => render_html(&doc, lang),
        ReportFormat::Markdown => render_markdown(&doc, lang),
        ReportFormat::Json => super::json_report(&doc, TENANT_REPORT_SCHEMA_VERSION),
    }
}

/// The context of a tenant report written now: like [`ReportContext::current`] with the
/// tenant diagnosis's own vantage note.
pub fn tenant_context() -> ReportContext {
    let mut context = ReportContext::current();
    context.vantage_note = tenant_vantage_note(&context.machine);
    context
}

/// Writes the tenant diagnosis to `path` (format from the extension) atomically; the error is
/// a sentence in `lang`.
pub fn write_tenant_report(path: &Path, diagnosis: &Diagnosis, lang: Lang) -> Result<(), String> {
    write_tenant_report_in(path, diagnosis, lang, &tenant_context())
}

/// [`write_tenant_report`] with a given context: the command line passes the one its
/// `--format json` output used, so that output and the `.json` file are the same bytes.
pub fn write_tenant_report_in(
    path: &Path,
    diagnosis: &Diagnosis,
    lang: Lang,
    context: &ReportContext,
) -> Result<(), String> {
    let format = ReportFormat::from_path(path).map_err(|e| e.message(lang))?;
    let text = render_tenant_report(diagnosis, format, lang, context);
    super::write_text(path, &text, lang)
}

/// The short Markdown form of the tenant diagnosis (for "Copy as Markdown").
pub fn tenant_report_markdown(diagnosis: &Diagnosis, lang: Lang) -> String {
    render_tenant_report(diagnosis, ReportFormat::Markdown, lang, &tenant_context())
}
