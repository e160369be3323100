//! A check running in the background: the engine on the app's tokio runtime, its events coming
//! back over a std channel (with a repaint request each), a run id so that nothing from an
//! aborted run reaches a later one.

use eframe::egui;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use tokio::runtime::Handle;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::checks::{Event, EventSink, RunReport, Status, StepKind, StepResult};
use crate::model::CheckRequest;

/// What background work sends to the UI thread.
#[derive(Debug)]
pub enum UiMsg {
    /// An engine event of run `run_id`.
    Engine { run_id: u64, event: Box<Event> },
    /// The run is over; its report, straight from `run_check`.
    Done { run_id: u64, report: Box<RunReport> },
    /// The run never started: its input has problems only reading files could find (the CA
    /// file, the OS trust store). Nothing was sent on the network.
    Refused {
        run_id: u64,
        problems: Vec<crate::input::InputProblem>,
    },
    /// The CA file dialog closed (with the chosen file, if any).
    CaFilePicked(Option<PathBuf>),
    /// A draft write failed.
    SaveFailed(String),
    /// The previous run of the connector, looked up when a run ended (compare.rs).
    History(Box<super::compare::HistoryMsg>),
    /// A report export moved on (export.rs).
    Export(super::export::ExportMsg),
    /// A saved-connector, import or export operation ended (saved.rs).
    Saved(Box<super::saved::SavedMsg>),
}

/// Forwards engine events to the UI and wakes it up.
struct GuiSink {
    run_id: u64,
    tx: Sender<UiMsg>,
    ctx: egui::Context,
}

impl EventSink for GuiSink {
    fn send(&self, event: Event) {
        // The report arrives through `UiMsg::Done`; the `Finished` copy would only double it.
        if matches!(event, Event::Finished(_)) {
            return;
        }
        let _ = self.tx.send(UiMsg::Engine {
            run_id: self.run_id,
            event: Box::new(event),
        });
        self.ctx.request_repaint();
    }
}

/// One line of the Run page: a step for a host and an address, running or finished.
#[derive(Clone, Debug)]
pub struct ProgressRow {
    pub host: Option<String>,
    pub address: Option<String>,
    pub step: StepKind,
    pub started: Instant,
    pub result: Option<StepResult>,
}

/// The run in flight.
pub struct ActiveRun {
    pub id: u64,
    pub request: CheckRequest,
    pub started: Instant,
    pub rows: Vec<ProgressRow>,
    cancel: CancellationToken,
    task: JoinHandle<()>,
}

impl ActiveRun {
    /// Spawns `run_check` on `runtime`; every event goes to `tx` with a repaint of `ctx`.
    pub fn start(
        id: u64,
        request: CheckRequest,
        runtime: &Handle,
        tx: Sender<UiMsg>,
        ctx: &egui::Context,
    ) -> ActiveRun {
        let cancel = CancellationToken::new();
        let sink = Arc::new(GuiSink {
            run_id: id,
            tx: tx.clone(),
            ctx: ctx.clone(),
        });
        let engine_request = request.clone();
        let engine_cancel = cancel.clone();
        let done_ctx = ctx.clone();
        let task = runtime.spawn(async move {
            // The form's problems are on its pages and stop Run; what only reading files can
            // find (the CA file, the OS store) ends the run here, before any traffic.
            let prepared = crate::checks::prepare(&engine_request);
            let roots = tokio::task::spawn_blocking({
                let options = engine_request.options.clone();
                move || crate::checks::load_trust_roots(&options)
            })
            .await;
            let report = match (prepared, roots) {
                (Ok(prepared), Ok(Ok(roots))) => {
                    crate::checks::run_check(prepared, roots, sink, engine_cancel).await
                }
                (prepared, roots) => {
                    let mut problems = prepared.err().map(|e| e.problems).unwrap_or_default();
                    if let Ok(Err(problem)) = roots {
                        problems.push(problem);
                    }
                    let _ = tx.send(UiMsg::Refused {
                        run_id: id,
                        problems,
                    });
                    done_ctx.request_repaint();
                    return;
                }
            };
            let _ = tx.send(UiMsg::Done {
                run_id: id,
                report: Box::new(report),
            });
            done_ctx.request_repaint();
        });
        ActiveRun {
            id,
            request,
            started: Instant::now(),
            rows: Vec::new(),
            cancel,
            task,
        }
    }

    /// Stops the engine at once: the token for a clean stop, the abort in case it does not
    /// listen. Events it may still have queued carry this run's id and are dropped.
    pub fn stop(&self) {
        self.cancel.cancel();
        self.task.abort();
    }

    /// The task ended without sending its report (it panicked).
    pub fn vanished(&self) -> bool {
        self.task.is_finished()
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn apply(&mut self, event: Event) {
        match event {
            Event::StepStarted {
                host,
                address,
                step,
            } => {
                let row = ProgressRow {
                    host,
                    address,
                    step,
                    started: Instant::now(),
                    result: None,
                };
                match self.find_running(&row.host, &row.address, row.step) {
                    Some(i) => self.rows[i] = row,
                    None => self.rows.push(row),
                }
            }
            Event::StepFinished(result) => {
                match self.find_running(&result.host, &result.address, result.step) {
                    Some(i) => self.rows[i].result = Some(result),
                    None => self.rows.push(ProgressRow {
                        host: result.host.clone(),
                        address: result.address.clone(),
                        step: result.step,
                        started: Instant::now(),
                        result: Some(result),
                    }),
                }
            }
            Event::Finished(_) => {}
        }
    }

    fn find_running(
        &self,
        host: &Option<String>,
        address: &Option<String>,
        step: StepKind,
    ) -> Option<usize> {
        self.rows.iter().position(|r| {
            r.result.is_none() && r.step == step && &r.host == host && &r.address == address
        })
    }

    /// What is known so far, for the Results page after a Cancel.
    pub fn partial_report(&self) -> RunReport {
        let steps: Vec<StepResult> = self.rows.iter().filter_map(|r| r.result.clone()).collect();
        let elapsed = self.elapsed();
        let now = time::OffsetDateTime::now_utc();
        RunReport {
            request: self.request.clone(),
            started_at: now
                .checked_sub(elapsed.try_into().unwrap_or_default())
                .unwrap_or(now),
            finished_at: now,
            duration_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            verdict: RunReport::verdict_of(&steps),
            steps,
            cancelled: true,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// Counts per status, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
    pub skipped: usize,
}

impl Counts {
    pub fn of(steps: &[StepResult]) -> Counts {
        let mut counts = Counts::default();
        for step in steps {
            match step.status {
                Status::Pass => counts.pass += 1,
                Status::Warn => counts.warn += 1,
                Status::Fail => counts.fail += 1,
                Status::Skipped => counts.skipped += 1,
            }
        }
        counts
    }
}
