//! The 5.7.64 diagnosis in the background — disk work on a blocking thread, the live probe on
//! the runtime, both inside one [`Job`] — and the page shown while it runs.

use std::sync::Arc;
use std::time::Duration;

use eframe::egui;
use egui::{RichText, Ui};

use crate::app::background::Background;
use crate::app::job::{Job, JobSlot};
use crate::app::widgets::{help, spinner_ui};
use crate::i18n::{Lang, one_decimal, tr, tr_args};
use crate::sanitize::shown;
use crate::tenant::{Prepared, TenantEvent, TenantInputs};
pub use crate::tenant::{TenantFailure, TenantOutcome};

/// A diagnosis under way: no progress events, the outcome at the end.
pub type TenantJob = Job<(), TenantOutcome>;
pub type TenantJobs = JobSlot<(), TenantOutcome>;

/// Spawns the engine's diagnosis of `prepared` in `jobs` (stopping one still going), the one
/// the command line runs. Cancel and Back stop it: a log read already under way stops at its
/// next block.
pub fn start(jobs: &mut TenantJobs, prepared: Prepared, bg: &Background) {
    jobs.start(bg, move |_no_progress, cancel| {
        crate::tenant::run(prepared, cancel, Arc::new(|_: TenantEvent| {}))
    });
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
