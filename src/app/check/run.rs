//! A check running in the background: the engine on the app's tokio runtime, its events coming
//! back over a std channel (with a repaint request each), a run id so that nothing from an
//! aborted run reaches a later one.

use eframe::egui;
use egui::{RichText, Ui};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use tokio::runtime::Handle;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::app::msg::UiMsg;
use crate::app::widgets::{spinner_ui, status_ui};
use crate::app::{Page, ResultsView, WizardApp};
use crate::checks::{Event, EventSink, RunReport, StepKind, StepResult};
use crate::i18n::{tr, tr_args};

use super::results::{address_line, by_host, host_heading, seconds};
use crate::model::CheckRequest;

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
            let report = crate::checks::run_check(engine_request, sink, engine_cancel).await;
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

impl WizardApp {
    pub(in crate::app) fn run_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let Some(run) = &self.run else {
            return;
        };
        ui.horizontal(|ui| {
            spinner_ui(ui);
            ui.heading(tr(lang, "ui-run-title"));
        });
        ui.label(tr_args(
            lang,
            "ui-run-elapsed",
            &[("seconds", seconds(lang, run.elapsed().as_millis()))],
        ));
        ui.add_space(8.0);
        if run.rows.is_empty() {
            ui.label(RichText::new(tr(lang, "ui-run-starting")).weak());
            return;
        }
        for (host, rows) in by_host(&run.rows, |r| &r.host) {
            host_heading(ui, lang, &host);
            ui.indent(("run-host", host.clone()), |ui| {
                let mut last_address: Option<&str> = None;
                for row in rows {
                    if let Some(address) = row.address.as_deref()
                        && last_address != Some(address)
                    {
                        address_line(ui, lang, address);
                        last_address = Some(address);
                    }
                    ui.horizontal(|ui| match &row.result {
                        None => {
                            spinner_ui(ui);
                            ui.label(tr(lang, row.step.label_id()));
                            ui.label(
                                RichText::new(tr_args(
                                    lang,
                                    "ui-run-running",
                                    &[(
                                        "seconds",
                                        seconds(lang, row.started.elapsed().as_millis()),
                                    )],
                                ))
                                .weak(),
                            );
                        }
                        Some(result) => {
                            status_ui(ui, lang, result.status);
                            ui.label(tr(lang, row.step.label_id()));
                            ui.label(
                                RichText::new(tr_args(
                                    lang,
                                    "ui-results-duration",
                                    &[("ms", result.duration_ms.to_string())],
                                ))
                                .weak(),
                            );
                        }
                    });
                }
            });
            ui.add_space(6.0);
        }
    }

    /// Starts a run of the current form (stopping any run still going).
    pub(in crate::app) fn start_run(&mut self, ctx: &egui::Context) {
        if let Some(old) = self.run.take() {
            old.stop();
        }
        let id = self.next_run_id;
        self.next_run_id += 1;
        self.show_problems = false;
        self.run = Some(ActiveRun::start(
            id,
            self.draft.request(),
            &self.runtime,
            self.tx.clone(),
            ctx,
        ));
        self.page = Page::Run;
    }

    /// Enter pressed or Run clicked: runs when the form is usable, otherwise shows why not.
    pub(in crate::app) fn try_run(&mut self, ctx: &egui::Context) {
        if super::form::problems(&self.draft).is_empty() {
            self.start_run(ctx);
        } else {
            self.show_problems = true;
        }
    }

    /// Cancel: stop now and show what finished.
    pub(in crate::app) fn cancel_run(&mut self) {
        if let Some(run) = self.run.take() {
            run.stop();
            self.finish_run(run.partial_report(), false);
        }
    }

    /// Back during a run: stop it and return to the hosts, the form untouched.
    pub(in crate::app) fn abandon_run(&mut self) {
        if let Some(run) = self.run.take() {
            run.stop();
        }
        self.page = Page::Hosts;
    }

    pub(in crate::app) fn finish_run(&mut self, report: RunReport, crashed: bool) {
        if self.dev.report_run_end {
            eprintln!(
                "run-finished steps={} duration_ms={} cancelled={}",
                report.steps.len(),
                report.duration_ms,
                report.cancelled
            );
        }
        self.results = Some(ResultsView { report, crashed });
        self.page = Page::Results;
        self.reports_after_run();
    }
}
