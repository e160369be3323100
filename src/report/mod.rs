//! Reports for a ticket: HTML (one self-contained file, printable), Markdown (short, pastes into
//! a helpdesk tool) and JSON (the full result, see [`document`]: the same document
//! `check --format json` prints, published as `assets/schema/check-report.schema.json`).
//! Everything a server sent is escaped and bounded (see [`text`]).
//!
//! API for the CLI and the GUI:
//! ```ignore
//! // --report FILE / the Results page's "Export…" (format from the extension):
//! let format = ReportFormat::from_path(&path)?;          // check it before running, if you like
//! report::write_check_report(&path, &run_report, lang)?; // atomic; Err(String) in `lang`
//! // "Copy as Markdown":
//! let md = report::check_report_markdown(&run_report, lang);
//! // Any format into a String, with a chosen context (tests pin the time and machine):
//! let html = report::render_check_report(&run_report, ReportFormat::Html, lang, &ReportContext::current());
//! // "Changes since the last run" (see crate::store::history):
//! let text = report::comparison_text(&comparison, lang);  // or describe_change(&change, lang)
//! // Tenant-attribution diagnosis (helper B's CLI):
//! report::write_tenant_report(&path, &diagnosis, lang)?;
//! ```
//! For an rfd save dialog: [`ReportFormat::ALL`], [`ReportFormat::extension`] and
//! [`ReportFormat::filter_name`] give the filters; [`suggested_file_name`] a default name.

pub mod compare;
pub mod document;
pub mod explain;
pub mod fix;
pub mod fleet;
pub mod glance;
mod html;
mod markdown;
/// Sample runs for tests and demos (not a product feature).
#[doc(hidden)]
pub mod samples;
pub mod tenant;
pub mod text;

use std::fmt;
use std::path::{Path, PathBuf};

pub use compare::{Since, comparison_text, comparison_text_since, describe_change};
pub use document::{CHECK_REPORT_SCHEMA_VERSION, CheckReportJson, check_report_document};
pub use explain::{EXPLAIN_SCHEMA_VERSION, ExplainJson, explain_json, explain_ndr_json};
pub use tenant::{
    TENANT_REPORT_SCHEMA_VERSION, TenantReportJson, evidence_lines, render_tenant_report,
    tenant_context, tenant_report_markdown, write_tenant_report, write_tenant_report_in,
};

use crate::checks::{Message, RunReport};
use crate::i18n::{self, Lang};

/// The three export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    Html,
    Markdown,
    Json,
}

/// The file name's extension is not one of the report formats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownReportFormat {
    pub path: PathBuf,
}

impl UnknownReportFormat {
    /// The error in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        i18n::tr_args(
            lang,
            "report-error-format",
            &[("file", self.path.display().to_string())],
        )
    }
}

impl fmt::Display for UnknownReportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for UnknownReportFormat {}

impl ReportFormat {
    pub const ALL: [ReportFormat; 3] = [
        ReportFormat::Html,
        ReportFormat::Markdown,
        ReportFormat::Json,
    ];

    /// By extension, case-insensitive: `.html`/`.htm`, `.md`/`.markdown`, `.json`.
    pub fn from_path(path: &Path) -> Result<ReportFormat, UnknownReportFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("html" | "htm") => Ok(ReportFormat::Html),
            Some("md" | "markdown") => Ok(ReportFormat::Markdown),
            Some("json") => Ok(ReportFormat::Json),
            _ => Err(UnknownReportFormat {
                path: path.to_path_buf(),
            }),
        }
    }

    /// Default extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Markdown => "md",
            ReportFormat::Json => "json",
        }
    }

    /// Every accepted extension (for a save dialog filter).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            ReportFormat::Html => &["html", "htm"],
            ReportFormat::Markdown => &["md", "markdown"],
            ReportFormat::Json => &["json"],
        }
    }

    /// Localised filter name for a save dialog ("HTML page", "Markdown"…).
    pub fn filter_name(self, lang: Lang) -> String {
        i18n::tr(
            lang,
            match self {
                ReportFormat::Html => "report-format-html",
                ReportFormat::Markdown => "report-format-markdown",
                ReportFormat::Json => "report-format-json",
            },
        )
    }
}

/// Facts about where and when a report is written (not part of the run itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportContext {
    /// Version of the tool writing the report.
    pub tool_version: String,
    pub generated_at: time::OffsetDateTime,
    /// Host name of this machine.
    pub machine: String,
    /// Why a desktop result can differ from Microsoft 365's own (fluent message).
    pub vantage_note: Message,
}

impl ReportContext {
    /// This build's version, the current time, this machine's name and the standard note.
    pub fn current() -> ReportContext {
        let machine = machine_name();
        ReportContext {
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            generated_at: time::OffsetDateTime::now_utc(),
            vantage_note: vantage_note(&machine),
            machine,
        }
    }
}

/// The standard vantage-point note, naming the machine the test ran from.
pub fn vantage_note(machine: &str) -> Message {
    Message::new("report-vantage-note").arg("machine", machine)
}

/// This machine's host name from the OS (`COMPUTERNAME` on Windows, the kernel's host name or
/// `/etc/hostname` on Linux, `HOSTNAME`), or `unknown`.
pub fn machine_name() -> String {
    let from_env = |key| std::env::var(key).ok();
    let from_file = |path| std::fs::read_to_string(path).ok();
    [
        from_env("COMPUTERNAME"),
        from_file("/proc/sys/kernel/hostname"),
        from_file("/etc/hostname"),
        from_env("HOSTNAME"),
    ]
    .into_iter()
    .flatten()
    .map(|name| {
        name.trim()
            .chars()
            .filter(|c| !c.is_control())
            .take(255)
            .collect::<String>()
    })
    .find(|name| !name.is_empty())
    .unwrap_or_else(|| "unknown".to_string())
}

/// The report in any format, as a string.
pub fn render_check_report(
    report: &RunReport,
    format: ReportFormat,
    lang: Lang,
    context: &ReportContext,
) -> String {
    let doc = check_report_document(report, lang, context);
    match format {
        ReportFormat::Html => html::check_report(&doc, lang),
        ReportFormat::Markdown => markdown::check_report(&doc, lang),
        ReportFormat::Json => json_report(&doc, CHECK_REPORT_SCHEMA_VERSION),
    }
}

/// A report document as the `.json` file holds it: pretty-printed, one final newline, hidden
/// characters escaped ([`crate::sanitize::json_escape_hidden`]).
pub(crate) fn json_report<T: serde::Serialize>(doc: &T, schema_version: u32) -> String {
    let mut json = serde_json::to_string_pretty(doc).unwrap_or_else(|e| {
        // Serialising plain strings and numbers cannot fail; keep a valid JSON anyway.
        serde_json::json!({ "schema_version": schema_version, "error": e.to_string() }).to_string()
    });
    json.push('\n');
    crate::sanitize::json_escape_hidden(json)
}

/// Writes the report to `path` (format from the extension) atomically. The error is a sentence
/// in `lang`.
pub fn write_check_report(path: &Path, report: &RunReport, lang: Lang) -> Result<(), String> {
    write_check_report_in(path, report, lang, &ReportContext::current())
}

/// [`write_check_report`] with a given context: the command line passes the one its
/// `--format json` output used, so that output and the `.json` file are the same bytes.
pub fn write_check_report_in(
    path: &Path,
    report: &RunReport,
    lang: Lang,
    context: &ReportContext,
) -> Result<(), String> {
    let format = ReportFormat::from_path(path).map_err(|e| e.message(lang))?;
    let text = render_check_report(report, format, lang, context);
    write_text(path, &text, lang)
}

/// What `check --format json` prints when the input check refused the request: the check
/// document with the steps standing for the problems and every problem in `input_errors`.
pub fn input_error_json(
    report: &RunReport,
    problems: &[crate::checks::InputProblem],
    lang: Lang,
    context: &ReportContext,
) -> String {
    let doc = check_report_document(report, lang, context).with_input_problems(problems, lang);
    json_report(&doc, CHECK_REPORT_SCHEMA_VERSION)
}

/// The short Markdown report, for "Copy as Markdown".
pub fn check_report_markdown(report: &RunReport, lang: Lang) -> String {
    render_check_report(
        report,
        ReportFormat::Markdown,
        lang,
        &ReportContext::current(),
    )
}

/// `connector-check-<name>-<time>.<ext>`, file-name safe, for a save dialog's default.
pub fn suggested_file_name(report: &RunReport, format: ReportFormat) -> String {
    let name = crate::store::profiles::slug(&report.request.connector.name);
    let t = report.started_at.to_offset(time::UtcOffset::UTC);
    let time = format!(
        "{:04}{:02}{:02}{:02}{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    );
    format!("connector-check-{name}-{time}.{}", format.extension())
}

/// The glyph of a step status code (`pass`, `warn`, `fail`, else skipped), in HTML and Markdown.
pub(crate) fn status_glyph(status: &str) -> &'static str {
    match status {
        "pass" => "✔",
        "warn" => "⚠",
        "fail" => "✖",
        "not-reached" => "·",
        _ => "–",
    }
}

/// "n passed, n warnings…": the step counts as one sentence in `lang`.
pub(crate) fn counts_text(lang: Lang, counts: &document::CountsJson) -> String {
    i18n::tr_args(
        lang,
        "report-counts",
        &[
            ("pass", counts.pass.to_string()),
            ("warn", counts.warn.to_string()),
            ("fail", counts.fail.to_string()),
            ("skipped", counts.skipped.to_string()),
            // Steps Microsoft 365 would never reach after a failure: not "skipped" by choice.
            ("not_reached", counts.not_reached.to_string()),
        ],
    )
}

/// `:` in English, a non-breaking space and `:` in French.
pub(crate) fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{a0}:",
        Lang::En => ":",
    }
}

fn write_text(path: &Path, text: &str, lang: Lang) -> Result<(), String> {
    crate::store::atomic_write(path, text.as_bytes()).map_err(|e| {
        i18n::tr_args(
            lang,
            "report-error-write",
            &[
                ("file", path.display().to_string()),
                ("problem", e.to_string()),
            ],
        )
    })
}
