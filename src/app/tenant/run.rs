//! The 5.7.64 diagnosis in the background (disk work on a blocking thread, the live probe on the
//! runtime) and the page shown while it runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use eframe::egui;
use egui::{RichText, Ui};
use tokio::task::JoinHandle;

use super::{TenantFailure, TenantMsg, TenantOutcome};
use crate::app::widgets::{help, spinner_ui};
use crate::app::{Flow, Page, WizardApp};
use crate::checks::Message;
use crate::i18n::{Lang, one_decimal, tr, tr_args};
use crate::model::CheckOptions;
use crate::sanitize::shown;
use crate::tenant::{
    LogWarning, TenantError, TenantInputs, diagnose, gather_offline_until, live_chain,
};

pub(super) struct TenantRun {
    pub(super) id: u64,
    pub(super) started: Instant,
    pub(super) inputs: TenantInputs,
    pub(super) task: JoinHandle<()>,
}

/// Raises its flag when dropped.
struct RaiseOnDrop(Arc<AtomicBool>);

impl Drop for RaiseOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Gathers the evidence (disk work on a blocking thread, the live probe on the runtime) and
/// judges it. A log folder with no session of the chosen connector is a failure, as in the CLI.
async fn run_diagnosis(
    inputs: TenantInputs,
    notes: Vec<Message>,
    options: CheckOptions,
) -> TenantOutcome {
    let offline = inputs.clone();
    // When Cancel or Back aborts this task, the guard is dropped and raises the flag: the log
    // reader on the blocking thread stops at its next block instead of finishing for nothing.
    let stop = Arc::new(AtomicBool::new(false));
    let _stop_on_drop = RaiseOnDrop(stop.clone());
    let gathered =
        tokio::task::spawn_blocking(move || gather_offline_until(&offline, Some(stop))).await;
    let mut evidence = match gathered {
        Ok(Ok(evidence)) => evidence,
        Ok(Err(err)) => return failed(&err, Vec::new()),
        Err(_) => return TenantOutcome::Crashed,
    };
    evidence.notes.extend(notes);
    if let Some(host) = &inputs.live_host {
        match live_chain(host, &options).await {
            Ok(chain) => evidence.live_chain = Some(chain),
            Err(err) => return failed(&err, Vec::new()),
        }
    }
    if let Some(log) = &evidence.log
        && log.sessions == 0
        && evidence.file_chain.is_none()
        && evidence.live_chain.is_none()
    {
        let (option, problem) = match (&inputs.send_connector, log.connectors_seen.is_empty()) {
            (Some(name), false) => (
                "--send-connector",
                Message::new("input-send-connector-not-found")
                    .arg("name", name)
                    .arg("seen", log.connectors_seen.join(", ")),
            ),
            _ => ("--log", Message::new("input-logs-no-session")),
        };
        return TenantOutcome::Failed(TenantFailure {
            option,
            problem,
            warnings: log.warnings.clone(),
        });
    }
    let diagnosis = diagnose(&inputs, evidence, time::OffsetDateTime::now_utc());
    TenantOutcome::Diagnosis(Box::new(diagnosis))
}

fn failed(err: &TenantError, warnings: Vec<LogWarning>) -> TenantOutcome {
    TenantOutcome::Failed(TenantFailure {
        option: err.option(),
        problem: err.problem().clone(),
        warnings,
    })
}

/// Seconds with one decimal and the language's decimal separator.
fn seconds(lang: Lang, elapsed: Duration) -> String {
    one_decimal(lang, elapsed.as_secs_f64())
}

impl WizardApp {
    /// Enter pressed or Run clicked: runs when the form is usable, otherwise shows why not.
    pub(in crate::app) fn try_tenant_run(&mut self, ctx: &egui::Context) {
        if self.draft.tenant.problems(self.lang).is_empty() {
            self.start_tenant_run(ctx);
        } else {
            self.tenant.show_problems = true;
        }
    }

    /// Starts the diagnosis of the current form (stopping one still going).
    pub(in crate::app) fn start_tenant_run(&mut self, ctx: &egui::Context) {
        let Some((inputs, notes)) = self.draft.tenant.inputs() else {
            self.tenant.show_problems = true;
            return;
        };
        if let Some(old) = self.tenant.run.take() {
            old.task.abort();
        }
        let id = self.tenant.next_run_id;
        self.tenant.next_run_id += 1;
        self.tenant.show_problems = false;
        self.tenant.cancelled = false;
        self.tenant.export = None;
        // The live probe uses the machine options of the validation form (timeout, CA file).
        let options = self.draft.request().options;
        let tx = self.tenant.tx.clone();
        let done_ctx = ctx.clone();
        let task_inputs = inputs.clone();
        let task = self.runtime.spawn(async move {
            let outcome = run_diagnosis(task_inputs, notes, options).await;
            let _ = tx.send(TenantMsg::Done {
                run_id: id,
                outcome: Box::new(outcome),
            });
            done_ctx.request_repaint();
        });
        self.tenant.run = Some(TenantRun {
            id,
            started: Instant::now(),
            inputs,
            task,
        });
        self.flow = Flow::Tenant;
        self.page = Page::TenantRun;
    }

    /// Stops waiting for the diagnosis. A log read already under way finishes on its blocking
    /// thread and its answer, carrying an old run id, is dropped.
    pub(in crate::app) fn stop_tenant_run(&mut self) -> bool {
        match self.tenant.run.take() {
            Some(run) => {
                run.task.abort();
                true
            }
            None => false,
        }
    }

    pub(in crate::app) fn cancel_tenant_run(&mut self) {
        if self.stop_tenant_run() {
            self.tenant.cancelled = true;
        }
        self.page = Page::TenantSource;
    }

    /// Back or Esc during the diagnosis: stop it and return to the inputs, all kept.
    pub(in crate::app) fn abandon_tenant_run(&mut self) {
        self.stop_tenant_run();
        self.page = Page::TenantInbound;
    }

    /// On exit: nothing should keep the runtime busy.
    pub(in crate::app) fn stop_tenant_work(&mut self) {
        self.stop_tenant_run();
    }

    pub(in crate::app) fn finish_tenant_run(&mut self, outcome: TenantOutcome) {
        if self.dev.report_run_end {
            let what = match &outcome {
                TenantOutcome::Diagnosis(d) => format!("findings={}", d.findings.len()),
                TenantOutcome::Failed(f) => format!("failed={}", f.problem.id),
                TenantOutcome::Crashed => "crashed".to_string(),
            };
            eprintln!("tenant-run-finished {what}");
        }
        self.tenant.outcome = Some(outcome);
        if self.page == Page::TenantRun {
            self.page = Page::TenantResults;
        }
    }

    /// Page (c): the diagnosis under way.
    pub(in crate::app) fn tenant_run_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let Some(run) = &self.tenant.run else {
            return;
        };
        ui.horizontal(|ui| {
            spinner_ui(ui);
            ui.heading(tr(lang, "ui-tenant-run-title"));
        });
        ui.label(tr_args(
            lang,
            "ui-run-elapsed",
            &[("seconds", seconds(lang, run.started.elapsed()))],
        ));
        ui.add_space(8.0);
        let inputs = &run.inputs;
        if !inputs.logs.is_empty() {
            ui.label(tr(lang, "ui-tenant-run-logs"));
            ui.indent("run-logs", |ui| {
                for path in &inputs.logs {
                    ui.label(RichText::new(shown(&path.display().to_string())).monospace());
                }
            });
        }
        if let Some(path) = &inputs.cert_file {
            ui.label(tr_args(
                lang,
                "ui-tenant-run-file",
                &[("path", shown(&path.display().to_string()))],
            ));
        }
        if let Some(host) = &inputs.live_host {
            ui.label(tr_args(
                lang,
                "ui-tenant-run-live",
                &[("host", shown(host))],
            ));
        }
        ui.add_space(8.0);
        help(ui, tr(lang, "ui-tenant-run-help"));
    }
}
