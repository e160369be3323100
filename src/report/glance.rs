//! Results at a glance, for every face: the host × step matrix (one row per host and address,
//! failures first) and the one-line verdict saying what Microsoft 365 would do. Both are built
//! here once, from the run, as language-neutral data; [`verdict_line_text`] words the verdict.

use serde::{Deserialize, Serialize};

use crate::checks::{FailureCode, RunReport, Status, StepKind, StepResult};
use crate::i18n::{self, Lang};

/// One row of the matrix: a host and one of its addresses (or the host alone when it never got
/// an address, or the connector-wide row when `host` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixRow {
    pub host: Option<String>,
    pub address: Option<String>,
    /// For each of [`StepKind::ALL`], the index of its result in `RunReport::steps`.
    pub cells: [Option<usize>; StepKind::ALL.len()],
    /// The worst status of the row (fail, then warn, then the rest).
    pub worst: Status,
}

impl MatrixRow {
    /// The result behind the cell of `step`.
    pub fn cell<'a>(
        &self,
        steps: &'a [StepResult],
        step: StepKind,
    ) -> Option<(usize, &'a StepResult)> {
        let column = StepKind::ALL.iter().position(|s| *s == step)?;
        let index = self.cells[column]?;
        steps.get(index).map(|s| (index, s))
    }

    /// The index in `RunReport::steps` of the cell of `step`.
    pub fn index(&self, step: StepKind) -> Option<usize> {
        let column = StepKind::ALL.iter().position(|s| *s == step)?;
        self.cells[column]
    }

    pub fn has_problem(&self) -> bool {
        matches!(self.worst, Status::Fail | Status::Warn)
    }
}

/// The matrix's columns: every per-address step, always (an empty cell says the step was not
/// run there), and the domain-security step only when the run has it (it is opt-in).
pub fn columns(rows: &[MatrixRow]) -> Vec<StepKind> {
    StepKind::ALL
        .into_iter()
        .filter(|kind| kind.per_address() || rows.iter().any(|r| r.index(*kind).is_some()))
        .collect()
}

/// Rank for "failures first": fail, warn, then everything else in report order.
fn rank(status: Status) -> u8 {
    match status {
        Status::Fail => 0,
        Status::Warn => 1,
        _ => 2,
    }
}

/// A host has several results in one column (the Resolve step and its MX route lines): its
/// cell shows the worst, the first of equals (the Resolve step itself when all passed).
fn put_worst(
    cells: &mut [Option<usize>; StepKind::ALL.len()],
    steps: &[StepResult],
    column: usize,
    index: usize,
) {
    let rank_of = |i: usize| steps.get(i).map_or(u8::MAX, |s| rank(s.status));
    cells[column] = Some(match cells[column] {
        Some(kept) if rank_of(kept) <= rank_of(index) => kept,
        _ => index,
    });
}

/// The matrix of a run: rows in report order, then stably sorted so that rows with a failure
/// come first and rows with a warning next.
pub fn matrix(report: &RunReport) -> Vec<MatrixRow> {
    let mut rows: Vec<MatrixRow> = Vec::new();
    // Host-level results (no address: the resolve step, or steps not reached after it).
    let mut host_level: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (i, step) in report.steps.iter().enumerate() {
        if step.address.is_none() {
            match host_level.iter_mut().find(|(h, _)| *h == step.host) {
                Some((_, list)) => list.push(i),
                None => host_level.push((step.host.clone(), vec![i])),
            }
        }
    }
    let column = |step: StepKind| StepKind::ALL.iter().position(|s| *s == step).unwrap_or(0);
    for (i, step) in report.steps.iter().enumerate() {
        let Some(address) = &step.address else {
            continue;
        };
        let row = match rows
            .iter_mut()
            .position(|r| r.host == step.host && r.address.as_ref() == Some(address))
        {
            Some(at) => &mut rows[at],
            None => {
                let mut cells = [None; StepKind::ALL.len()];
                if let Some((_, shared)) = host_level.iter().find(|(h, _)| *h == step.host) {
                    for &j in shared {
                        put_worst(&mut cells, &report.steps, column(report.steps[j].step), j);
                    }
                }
                rows.push(MatrixRow {
                    host: step.host.clone(),
                    address: Some(address.clone()),
                    cells,
                    worst: Status::Pass,
                });
                let last = rows.len() - 1;
                &mut rows[last]
            }
        };
        row.cells[column(step.step)] = Some(i);
    }
    // Hosts with no address row (resolve failed, mail loop) and the connector-wide row.
    for (host, list) in &host_level {
        if rows.iter().any(|r| r.host == *host) {
            continue;
        }
        let mut cells = [None; StepKind::ALL.len()];
        for &j in list {
            put_worst(&mut cells, &report.steps, column(report.steps[j].step), j);
        }
        rows.push(MatrixRow {
            host: host.clone(),
            address: None,
            cells,
            worst: Status::Pass,
        });
    }
    // Keep the hosts in report order: rows were pushed address rows first.
    let order = |row: &MatrixRow| {
        row.cells
            .iter()
            .flatten()
            .min()
            .copied()
            .unwrap_or(usize::MAX)
    };
    rows.sort_by_key(order);
    for row in &mut rows {
        row.worst = row
            .cells
            .iter()
            .flatten()
            .filter_map(|&i| report.steps.get(i))
            .map(|s| s.status)
            .min_by_key(|s| rank(*s))
            .unwrap_or(Status::Skipped);
    }
    rows.sort_by_key(|row| rank(row.worst));
    rows
}

/// What Microsoft 365 would do with this connector, as this run sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Every address passed (warnings allowed): it would deliver through `host`.
    Deliver,
    /// A step failed: it would fail at `step` on `host` with `code`.
    Fail,
    /// The run was stopped before the end.
    Cancelled,
    /// Nothing was checked.
    Nothing,
    /// No step failed, so the route works, but the test address could not be tested (an
    /// `email.not-tested` warning): "would deliver" alone would claim more than the run proves.
    DeliverUntested,
}

/// The one-line verdict, language-neutral: what [`verdict_line_text`] words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictLine {
    pub outcome: Outcome,
    /// Where: the host (and address) it would deliver through, or where it would fail; `None`
    /// for the connector as a whole (a test address outside its scope).
    pub host: Option<String>,
    pub address: Option<String>,
    /// The failing step.
    pub step: Option<StepKind>,
    /// Its failure code.
    pub code: Option<FailureCode>,
    /// Other failing rows beside this one.
    pub more_failures: usize,
    /// Warnings on the way, when it would deliver.
    pub warnings: usize,
}

/// The verdict line of a run: the first failure of the first failing row (in Microsoft 365's
/// step order), or the first row that passed.
///
/// Microsoft does not document whether Exchange Online, when one smart host fails, delivers
/// through another in the same attempt; so a run with any failure is never worded as
/// "would deliver" (that could hide a real failure), as the run's own verdict does.
pub fn verdict_line(report: &RunReport) -> VerdictLine {
    let mut line = VerdictLine {
        outcome: Outcome::Nothing,
        host: None,
        address: None,
        step: None,
        code: None,
        more_failures: 0,
        warnings: report
            .steps
            .iter()
            .filter(|s| s.status == Status::Warn)
            .count(),
    };
    if report.cancelled {
        line.outcome = Outcome::Cancelled;
        return line;
    }
    let rows = matrix(report);
    let failing: Vec<&MatrixRow> = rows.iter().filter(|r| r.worst == Status::Fail).collect();
    if let Some(row) = failing.first() {
        let first = StepKind::ALL
            .iter()
            .filter_map(|k| row.cell(&report.steps, *k))
            .find(|(_, s)| s.status == Status::Fail);
        line.outcome = Outcome::Fail;
        line.host = row.host.clone();
        line.address = row.address.clone();
        line.step = first.map(|(_, s)| s.step);
        line.code = first.and_then(|(_, s)| s.code);
        line.more_failures = failing.len() - 1;
        return line;
    }
    // An MX route names the address Microsoft 365 would deliver through (the engine's
    // "route chosen" line): the first row that passed may be a dead MX kept as a warning.
    let chosen = report.steps.iter().find_map(|s| {
        (s.detail.id == "detail-route-mx-chosen")
            .then(|| (s.host.as_ref(), s.detail.args.get("address")))
    });
    let delivers = |r: &&MatrixRow| matches!(r.worst, Status::Pass | Status::Warn);
    let through_chosen = chosen.and_then(|(host, address)| {
        rows.iter()
            .filter(delivers)
            .find(|r| r.host.as_ref() == host && r.address.as_ref() == address)
    });
    if let Some(row) = through_chosen.or_else(|| rows.iter().find(delivers)) {
        line.outcome = Outcome::Deliver;
        line.host = row.host.clone();
        line.address = row.address.clone();
        // The same reading as the report's verdict (`report-verdict-pass-untested`).
        let untested = report
            .steps
            .iter()
            .any(|s| s.status == Status::Warn && s.code == Some(FailureCode::EmailNotTested));
        if untested {
            line.outcome = Outcome::DeliverUntested;
            line.step = Some(StepKind::TestEmail);
            line.code = Some(FailureCode::EmailNotTested);
        }
    }
    line
}

/// Where a row or a verdict points, for a sentence: `host (address)`, the host, or "the
/// connector". Server-given text is made visible by the caller's sanitizer.
pub fn place_text(lang: Lang, host: Option<&str>, address: Option<&str>) -> String {
    match (host, address) {
        (Some(h), Some(a)) if h != a => format!("{h} ({a})"),
        (Some(h), _) => h.to_string(),
        (None, Some(a)) => a.to_string(),
        (None, None) => i18n::tr(lang, "glance-connector-wide"),
    }
}

/// The short name of a failure ("certificate expired"); the code itself for a code that has no
/// short name yet.
pub fn short_reason(lang: Lang, code: FailureCode) -> String {
    let id = format!("short-{}", code.as_str().replace('.', "-"));
    if i18n::has_message(lang, &id) {
        i18n::tr(lang, &id)
    } else {
        code.as_str().to_string()
    }
}

/// The verdict line in `lang`, one sentence.
pub fn verdict_line_text(lang: Lang, line: &VerdictLine) -> String {
    let place = crate::sanitize::visible(&place_text(
        lang,
        line.host.as_deref(),
        line.address.as_deref(),
    ))
    .into_owned();
    match line.outcome {
        Outcome::Deliver => i18n::tr_args(
            lang,
            "glance-verdict-deliver",
            &[("place", place), ("warnings", line.warnings.to_string())],
        ),
        Outcome::Fail => i18n::tr_args(
            lang,
            "glance-verdict-fail",
            &[
                (
                    "step",
                    line.step
                        .map(|s| i18n::tr(lang, s.label_id()))
                        .unwrap_or_default(),
                ),
                ("place", place),
                (
                    "reason",
                    line.code.map(|c| short_reason(lang, c)).unwrap_or_default(),
                ),
                ("more", line.more_failures.to_string()),
            ],
        ),
        Outcome::DeliverUntested => i18n::tr_args(
            lang,
            "glance-verdict-deliver-untested",
            &[("place", place), ("warnings", line.warnings.to_string())],
        ),
        Outcome::Cancelled => i18n::tr(lang, "glance-verdict-cancelled"),
        Outcome::Nothing => i18n::tr(lang, "glance-verdict-nothing"),
    }
}

/// Show the vantage note in full (a connect step failed: a firewall that admits only Microsoft's
/// ranges would look exactly like this), or folded to one line.
pub fn vantage_matters(report: &RunReport) -> bool {
    report.steps.iter().any(|s| {
        s.status == Status::Fail
            && matches!(
                s.code,
                Some(
                    FailureCode::ConnectRefused
                        | FailureCode::ConnectTimeout
                        | FailureCode::ConnectUnreachable
                )
            )
    })
}

/// A cell's glyph, readable without colour: ✔ pass, ⚠ warn, ✖ fail, · not reached, – skipped,
/// blank when the step has no result.
pub fn cell_glyph(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Pass) => "✔",
        Some(Status::Warn) => "⚠",
        Some(Status::Fail) => "✖",
        Some(Status::NotReached) => "·",
        Some(Status::Skipped) => "–",
        None => " ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::samples::{NEW_THUMBPRINT, OLD_THUMBPRINT};

    fn sample_run(tls_ok: bool) -> RunReport {
        let thumbprint = if tls_ok {
            NEW_THUMBPRINT
        } else {
            OLD_THUMBPRINT
        };
        crate::report::samples::sample_run(time::OffsetDateTime::UNIX_EPOCH, tls_ok, thumbprint)
    }

    /// The verdict line named a DANE failure by its raw code ("…: dane.mismatch.").
    #[test]
    fn every_failure_code_has_a_short_reason_in_both_languages_never_its_raw_code() {
        for &code in FailureCode::ALL {
            for lang in [Lang::En, Lang::Fr] {
                let short = short_reason(lang, code);
                assert_ne!(
                    short,
                    code.as_str(),
                    "{lang:?} has no short reason for {code:?}: the verdict line would show the raw code"
                );
            }
        }
    }

    #[test]
    fn failing_row_comes_first_and_names_the_failure() {
        let report = sample_run(false);
        let rows = matrix(&report);
        assert_eq!(rows[0].worst, Status::Fail);
        let line = verdict_line(&report);
        assert_eq!(line.outcome, Outcome::Fail);
        assert_eq!(line.step, Some(StepKind::Tls));
        assert_eq!(line.code, Some(FailureCode::TlsExpired));
        let en = verdict_line_text(Lang::En, &line);
        assert!(
            en.contains("TLS") && en.contains("certificate expired"),
            "{en}"
        );
        let fr = verdict_line_text(Lang::Fr, &line);
        assert!(fr.contains("certificat expiré"), "{fr}");
    }

    /// Regression: with the test address untested (an `email.not-tested` warning), the verdict
    /// line still read "Microsoft 365 would deliver through X, with 1 warning", as if the
    /// address had been accepted; the report's own verdict already said otherwise.
    #[test]
    fn verdict_line_says_the_test_address_was_not_tested() {
        let mut report = sample_run(true);
        let email = report
            .steps
            .iter_mut()
            .find(|s| s.step == StepKind::TestEmail)
            .expect("a test-email step");
        email.status = Status::Warn;
        email.code = Some(FailureCode::EmailNotTested);
        email.detail = crate::checks::Message::new("detail-email-not-tested-tls-only")
            .arg("reply", "530 5.7.0 Must issue a STARTTLS command first");
        let line = verdict_line(&report);
        assert_eq!(line.outcome, Outcome::DeliverUntested);
        assert_eq!(line.step, Some(StepKind::TestEmail));
        assert_eq!(line.code, Some(FailureCode::EmailNotTested));
        let en = verdict_line_text(Lang::En, &line);
        assert!(
            en.starts_with("The route works: Microsoft 365 would deliver through"),
            "{en}"
        );
        assert!(
            en.ends_with("but the test address could not be tested."),
            "{en}"
        );
        let fr = verdict_line_text(Lang::Fr, &line);
        assert!(
            fr.starts_with("La route fonctionne : Microsoft 365 remettrait"),
            "{fr}"
        );
        assert!(
            fr.ends_with("mais l'adresse de test n'a pas pu être vérifiée."),
            "{fr}"
        );
        // The JSON document carries the same outcome and sentence.
        let context = crate::report::ReportContext::current();
        let doc = crate::report::check_report_document(&report, Lang::Fr, &context);
        assert_eq!(doc.verdict_line.outcome, "deliver-untested");
        assert_eq!(doc.verdict_line.text, fr);
    }

    /// Regression: the Resolve cell showed the host's last Resolve line (the passing "Microsoft
    /// 365 would deliver through mx…" route line), so a private-address warning on the Resolve
    /// step itself read "Pass" in the matrix while its card said "Warning".
    #[test]
    fn resolve_cell_shows_the_worst_of_the_host_lines_not_the_last() {
        let mut report = sample_run(true);
        let at = report
            .steps
            .iter()
            .position(|s| s.step == StepKind::Resolve && s.address.is_none())
            .expect("a resolve step");
        report.steps[at].status = Status::Warn;
        report.steps[at].code = Some(FailureCode::ResolvePrivateAddress);
        let mut chosen = report.steps[at].clone();
        chosen.status = Status::Pass;
        chosen.code = None;
        chosen.detail = crate::checks::Message::new("detail-route-mx-chosen");
        report.steps.insert(at + 1, chosen);
        let rows = matrix(&report);
        assert!(!rows.is_empty());
        for row in &rows {
            assert_eq!(row.index(StepKind::Resolve), Some(at), "{row:?}");
            assert_eq!(row.worst, Status::Warn, "{row:?}");
        }
        // All passing: the Resolve step itself, the first of equals.
        report.steps[at].status = Status::Pass;
        report.steps[at].code = None;
        let rows = matrix(&report);
        assert_eq!(rows[0].index(StepKind::Resolve), Some(at));
    }

    /// Regression: with a dead primary MX kept as a warning beside a working secondary, the
    /// verdict line said Microsoft 365 would deliver through the dead one (the first row that
    /// did not fail), while the route line named the secondary.
    #[test]
    fn verdict_line_delivers_through_the_chosen_mx_not_a_dead_one() {
        let mut report = sample_run(true);
        let host = report.steps[0].host.clone();
        let good = report
            .steps
            .iter()
            .find_map(|s| s.address.clone())
            .expect("an address");
        let dead = "192.0.2.1:25".to_string();
        let mut refused = StepResult::new(host.clone(), Some(dead.clone()), StepKind::Connect);
        refused.status = Status::Warn;
        refused.code = Some(FailureCode::ConnectRefused);
        let mut chosen = StepResult::new(host.clone(), None, StepKind::Resolve);
        chosen.detail = crate::checks::Message::new("detail-route-mx-chosen")
            .arg("mx", "mx2.contoso.com")
            .arg("preference", 20)
            .arg("address", &good);
        report.steps.insert(1, chosen);
        report.steps.insert(2, refused);
        let line = verdict_line(&report);
        assert_eq!(line.outcome, Outcome::Deliver);
        assert_eq!(line.address.as_deref(), Some(good.as_str()), "{line:?}");
    }

    #[test]
    fn passing_run_says_where_it_would_deliver() {
        let report = sample_run(true);
        let line = verdict_line(&report);
        assert_eq!(line.outcome, Outcome::Deliver);
        let en = verdict_line_text(Lang::En, &line);
        assert!(en.contains("would deliver through"), "{en}");
        assert!(en.contains(line.host.as_deref().unwrap_or("?")), "{en}");
    }

    #[test]
    fn cancelled_run_is_never_a_delivery() {
        let mut report = sample_run(true);
        report.cancelled = true;
        assert_eq!(verdict_line(&report).outcome, Outcome::Cancelled);
    }

    #[test]
    fn every_step_of_the_run_is_in_exactly_one_row_or_shared_resolve() {
        let report = sample_run(false);
        let rows = matrix(&report);
        for (i, step) in report.steps.iter().enumerate() {
            assert!(
                rows.iter().any(|r| r.cells.contains(&Some(i))),
                "step {i} {:?} missing",
                step.step
            );
        }
    }
}
