//! Every saved connector at once: one check per connector, a bounded number of them at a time,
//! and one summary row per connector (verdict and first failure). The command line
//! (`check --all-profiles`) and the wizard's saved-connectors panel both drive it.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::types::{Event, RunReport, Status, StepResult, Verdict};
use super::{EventSink, InputProblem, load_trust_roots, prepare, run_check};
use crate::model::CheckRequest;

/// How many connectors run at the same time unless told otherwise. Each one checks its own
/// hosts concurrently too, so this bounds the open connections to about this many times the
/// hosts of a connector (the default keeps 200 two-host connectors under the usual limit of 1024
/// open files, and a silent server costs a whole timeout, so the run takes about
/// `ceil(silent connectors / this) × timeout`).
pub const DEFAULT_PARALLEL_CONNECTORS: usize = 128;
/// The most a caller may ask for.
pub const MAX_PARALLEL_CONNECTORS: usize = 512;

/// One saved connector to check.
#[derive(Clone, Debug)]
pub struct FleetItem {
    /// The saved connector's name, as shown in the table.
    pub name: String,
    pub request: CheckRequest,
}

/// One row of the summary.
#[derive(Clone, Debug)]
pub struct FleetRow {
    pub name: String,
    pub verdict: Verdict,
    /// The first failed step, in report order (host, address, step); `None` when it passed, or
    /// when the input was refused before any traffic (see `problems`).
    pub first_failure: Option<StepResult>,
    /// Input problems that stopped this connector before any traffic.
    pub problems: Vec<InputProblem>,
    /// The run, when there was one (for the history and the detailed report).
    pub report: Option<RunReport>,
    pub duration_ms: u64,
}

impl FleetRow {
    fn refused(name: String, problems: Vec<InputProblem>, steps: Vec<StepResult>) -> FleetRow {
        FleetRow {
            name,
            verdict: Verdict::Fail,
            first_failure: steps.into_iter().find(|s| s.status == Status::Fail),
            problems,
            report: None,
            duration_ms: 0,
        }
    }

    fn of_report(name: String, report: RunReport) -> FleetRow {
        FleetRow {
            name,
            verdict: report.verdict,
            first_failure: report
                .steps
                .iter()
                .find(|s| s.status == Status::Fail)
                .cloned(),
            problems: Vec::new(),
            duration_ms: report.duration_ms,
            report: Some(report),
        }
    }
}

/// The verdict of the whole table: pass only when every connector passed (and there was one).
pub fn overall_verdict(rows: &[FleetRow]) -> Verdict {
    if !rows.is_empty() && rows.iter().all(|r| r.verdict == Verdict::Pass) {
        Verdict::Pass
    } else {
        Verdict::Fail
    }
}

/// The per-step events of many runs at once would only be noise: nobody reads them.
struct Discard;

impl EventSink for Discard {
    fn send(&self, _event: Event) {}
}

/// Checks every item, at most `parallel` (clamped to 1..=[`MAX_PARALLEL_CONNECTORS`]) at a
/// time, calling `on_row(index, row)` as each one ends, and returns the rows in the order of
/// `items`. Cancelling `cancel` stops the runs under way; they come back marked cancelled.
/// Called as each connector's run ends, with its index in `items`.
pub type OnRow = Arc<dyn Fn(usize, &FleetRow) + Send + Sync>;

pub async fn run_all(
    items: Vec<FleetItem>,
    parallel: usize,
    on_row: OnRow,
    cancel: CancellationToken,
) -> Vec<FleetRow> {
    let permits = Arc::new(Semaphore::new(parallel.clamp(1, MAX_PARALLEL_CONNECTORS)));
    let mut tasks = JoinSet::new();
    let count = items.len();
    for (index, item) in items.into_iter().enumerate() {
        let permits = permits.clone();
        let cancel = cancel.clone();
        let on_row = on_row.clone();
        tasks.spawn(async move {
            let row = match permits.acquire_owned().await {
                Ok(_permit) => check_one(item, cancel).await,
                Err(_) => FleetRow::refused(item.name, Vec::new(), Vec::new()),
            };
            on_row(index, &row);
            (index, row)
        });
    }
    let mut rows: Vec<Option<FleetRow>> = vec![None; count];
    while let Some(done) = tasks.join_next().await {
        if let Ok((index, row)) = done {
            rows[index] = Some(row);
        }
    }
    rows.into_iter().flatten().collect()
}

async fn check_one(item: FleetItem, cancel: CancellationToken) -> FleetRow {
    let FleetItem { name, request } = item;
    let prepared = prepare(&request);
    let options = request.options.clone();
    let roots = tokio::task::spawn_blocking(move || load_trust_roots(&options)).await;
    match (prepared, roots) {
        (Ok(prepared), Ok(Ok(roots))) => {
            let report = run_check(prepared, roots, Arc::new(Discard), cancel).await;
            FleetRow::of_report(name, report)
        }
        (prepared, roots) => {
            let errors = prepared.err().unwrap_or_default();
            let mut problems = errors.problems;
            if let Ok(Err(problem)) = roots {
                problems.push(problem);
            }
            FleetRow::refused(name, problems, errors.steps)
        }
    }
}
