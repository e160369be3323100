//! The 5.7.64 diagnosis in the background — disk work on a blocking thread, the live probe on
//! the runtime, both inside one [`Job`] — and the page shown while it runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use eframe::egui;
use egui::{RichText, Ui};

use crate::app::background::Background;
use crate::app::job::{Job, JobSlot};
use crate::app::widgets::{help, spinner_ui};
use crate::checks::Message;
use crate::i18n::{Lang, one_decimal, tr, tr_args};
use crate::model::CheckOptions;
use crate::sanitize::shown;
use crate::tenant::{
    Diagnosis, LogWarning, TenantError, TenantInputs, diagnose, gather_offline_until, live_chain,
};

/// A diagnosis under way: no progress events, the outcome at the end.
pub type TenantJob = Job<(), TenantOutcome>;
pub type TenantJobs = JobSlot<(), TenantOutcome>;

/// Why a diagnosis produced no result: the input it could not use, named by its wizard field.
#[derive(Clone, Debug)]
pub struct TenantFailure {
    /// The command-line option the engine names (`--log`, `--cert-file`, …).
    pub option: &'static str,
    pub problem: Message,
    /// What the log reader noticed on the way (files skipped, damaged lines).
    pub warnings: Vec<LogWarning>,
}

/// The end of a diagnosis.
#[derive(Clone, Debug)]
pub enum TenantOutcome {
    Diagnosis(Box<Diagnosis>),
    Failed(TenantFailure),
    /// The background task died without an answer.
    Crashed,
}

/// Spawns the diagnosis of `inputs` in `jobs` (stopping one still going). Cancel and Back stop
/// waiting for it: a log read already under way stops at its next block (see `run_diagnosis`).
pub fn start(
    jobs: &mut TenantJobs,
    inputs: TenantInputs,
    notes: Vec<Message>,
    options: CheckOptions,
    bg: &Background,
) {
    jobs.start(bg, move |_no_progress, _cancel| {
        run_diagnosis(inputs, notes, options)
    });
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

/// Page (c): the diagnosis under way, and what it reads.
pub fn run_ui(ui: &mut Ui, lang: Lang, job: &TenantJob, inputs: &TenantInputs) {
    ui.horizontal(|ui| {
        spinner_ui(ui);
        ui.heading(tr(lang, "ui-tenant-run-title"));
    });
    ui.label(tr_args(
        lang,
        "ui-run-elapsed",
        &[("seconds", seconds(lang, job.elapsed()))],
    ));
    ui.add_space(8.0);
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
