//! The summary of `check --all-profiles` (and the wizard's "Check all saved connectors"): one row
//! per connector — verdict and first failure — as text for a terminal and as the JSON document
//! published as `assets/schema/all-profiles.schema.json`.

use serde::{Deserialize, Serialize};

use crate::checks::Verdict;
use crate::checks::fleet::FleetRow;
use crate::i18n::{Lang, input_problem_text, localize, tr, tr_args};
use crate::sanitize::shown;

/// Version of [`FleetSummaryJson`].
pub const FLEET_SUMMARY_SCHEMA_VERSION: u32 = 1;
/// `kind` of the summary document.
pub const FLEET_SUMMARY_KIND: &str = "connector-check-summary";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetSummaryJson {
    pub schema_version: u32,
    /// Always `connector-check-summary`.
    pub kind: String,
    /// `en` or `fr`: the language of every detail.
    pub language: String,
    pub tool_version: String,
    /// When the summary was written (RFC 3339, UTC).
    #[serde(with = "time::serde::rfc3339")]
    pub generated_at: time::OffsetDateTime,
    pub machine: String,
    /// `pass` only when every connector passed (and there was at least one).
    pub verdict: String,
    /// Wall time of the whole run.
    pub duration_ms: u64,
    /// How many connectors were checked at the same time.
    pub parallel: u64,
    pub counts: FleetCountsJson,
    /// Saved-connector files that could not be read (left as they are), in `language`.
    pub unreadable: Vec<String>,
    pub connectors: Vec<FleetConnectorJson>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetCountsJson {
    pub connectors: usize,
    pub passed: usize,
    pub failed: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetConnectorJson {
    /// The saved connector's name.
    pub name: String,
    /// `pass` | `fail`.
    pub verdict: String,
    pub duration_ms: u64,
    /// The first failed step in report order, or `null`.
    pub first_failure: Option<FirstFailureJson>,
    /// Inputs refused before any traffic, in `language` (the first failure is then one of them
    /// or `null`).
    pub input_errors: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstFailureJson {
    pub host: Option<String>,
    pub address: Option<String>,
    /// `resolve` | `connect` | `ehlo` | `tls` | `test-email`.
    pub step: String,
    /// The failure code, e.g. `connect.refused`.
    pub code: Option<String>,
    /// The detail in `language`.
    pub detail: String,
}

/// Facts the summary needs besides the rows.
#[derive(Clone, Debug)]
pub struct FleetContext {
    pub context: super::ReportContext,
    pub duration_ms: u64,
    pub parallel: u64,
    /// The unreadable saved-connector files, already in the summary's language.
    pub unreadable: Vec<String>,
}

fn verdict_str(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
    }
}

pub fn fleet_document(rows: &[FleetRow], lang: Lang, ctx: &FleetContext) -> FleetSummaryJson {
    let passed = rows.iter().filter(|r| r.verdict == Verdict::Pass).count();
    FleetSummaryJson {
        schema_version: FLEET_SUMMARY_SCHEMA_VERSION,
        kind: FLEET_SUMMARY_KIND.to_string(),
        language: lang.code().to_string(),
        tool_version: ctx.context.tool_version.clone(),
        generated_at: ctx.context.generated_at,
        machine: ctx.context.machine.clone(),
        verdict: verdict_str(crate::checks::fleet::overall_verdict(rows)).to_string(),
        duration_ms: ctx.duration_ms,
        parallel: ctx.parallel,
        counts: FleetCountsJson {
            connectors: rows.len(),
            passed,
            failed: rows.len() - passed,
        },
        unreadable: ctx.unreadable.clone(),
        connectors: rows
            .iter()
            .map(|row| FleetConnectorJson {
                name: row.name.clone(),
                verdict: verdict_str(row.verdict).to_string(),
                duration_ms: row.duration_ms,
                first_failure: row.first_failure.as_ref().map(|s| FirstFailureJson {
                    host: s.host.clone(),
                    address: s.address.clone(),
                    step: s.step.as_str().to_string(),
                    code: s.code.map(|c| c.as_str().to_string()),
                    detail: localize(lang, &s.detail),
                }),
                input_errors: row
                    .problems
                    .iter()
                    .map(|p| input_problem_text(lang, p))
                    .collect(),
            })
            .collect(),
    }
}

/// The summary as the `--format json` document.
pub fn fleet_json(rows: &[FleetRow], lang: Lang, ctx: &FleetContext) -> String {
    super::json_report(
        &fleet_document(rows, lang, ctx),
        FLEET_SUMMARY_SCHEMA_VERSION,
    )
}

/// "connect.refused — mail.contoso.com [192.0.2.7:25], Connect" — or the first refused input, or
/// "—" when the connector passed. The wizard's table shows the same words.
pub fn first_failure_text(row: &FleetRow, lang: Lang) -> String {
    if let Some(step) = &row.first_failure {
        let place = match (&step.host, &step.address) {
            (Some(h), Some(a)) => format!("{} [{}]", shown(h), shown(a)),
            (Some(h), None) => shown(h),
            (None, _) => tr(lang, "cli-text-connector-wide"),
        };
        return tr_args(
            lang,
            "fleet-first-failure",
            &[
                (
                    "code",
                    step.code.map(|c| c.as_str()).unwrap_or("-").to_string(),
                ),
                ("place", place),
                ("step", tr(lang, step.step.label_id())),
            ],
        );
    }
    match row.problems.first() {
        Some(problem) => input_problem_text(lang, problem),
        None if row.verdict == Verdict::Fail => tr(lang, "fleet-not-run"),
        None => "—".to_string(),
    }
}

/// The summary table for a terminal: connector, verdict, first failure, then the totals.
pub fn fleet_text(rows: &[FleetRow], lang: Lang, ctx: &FleetContext) -> String {
    use std::fmt::Write;
    const NAME_WIDTH_MAX: usize = 40;
    let names: Vec<String> = rows.iter().map(|r| shown(&r.name)).collect();
    let header_name = tr(lang, "fleet-column-connector");
    let header_verdict = tr(lang, "fleet-column-verdict");
    let header_failure = tr(lang, "fleet-column-first-failure");
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .chain([header_name.chars().count()])
        .max()
        .unwrap_or(0)
        .min(NAME_WIDTH_MAX);
    let verdicts: Vec<String> = rows
        .iter()
        .map(|r| tr(lang, verdict_label_id(r.verdict)).to_uppercase())
        .collect();
    let verdict_width = verdicts
        .iter()
        .map(|v| v.chars().count())
        .chain([header_verdict.chars().count()])
        .max()
        .unwrap_or(0);
    let cut = |name: &str| -> String {
        if name.chars().count() > NAME_WIDTH_MAX {
            let head: String = name.chars().take(NAME_WIDTH_MAX - 1).collect();
            format!("{head}…")
        } else {
            name.to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$}  {:<verdict_width$}  {}",
        header_name, header_verdict, header_failure
    );
    for ((row, name), verdict) in rows.iter().zip(&names).zip(&verdicts) {
        let _ = writeln!(
            out,
            "{:<width$}  {:<verdict_width$}  {}",
            cut(name),
            verdict,
            first_failure_text(row, lang)
        );
    }
    for problem in &ctx.unreadable {
        let _ = writeln!(
            out,
            "{}",
            tr_args(lang, "fleet-unreadable", &[("problem", problem.clone())])
        );
    }
    let passed = rows.iter().filter(|r| r.verdict == Verdict::Pass).count();
    let _ = writeln!(
        out,
        "\n{}",
        tr_args(
            lang,
            "fleet-totals",
            &[
                ("connectors", rows.len().to_string()),
                ("passed", passed.to_string()),
                ("failed", (rows.len() - passed).to_string()),
                ("seconds", format!("{:.1}", ctx.duration_ms as f64 / 1000.0)),
            ],
        )
    );
    out
}

pub fn verdict_label_id(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "fleet-verdict-pass",
        Verdict::Fail => "fleet-verdict-fail",
    }
}
