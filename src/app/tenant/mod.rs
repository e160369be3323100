//! The 550 5.7.64 diagnosis in the wizard: the inbound connector (typed or imported from
//! PowerShell JSON) and where to read the certificate the on-premises server sends (`form`), the
//! diagnosis on the app's runtime (`run`), and its results with each finding beside its guidance
//! (`results`).

mod draft;
mod form;
mod results;
mod run;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use eframe::egui;
use egui::{RichText, Ui};

use crate::app::widgets::icon_line;
use crate::app::{Page, WizardApp};
use crate::checks::{Message, Status};
use crate::i18n::{Lang, localize, tr};
use crate::tenant::{Diagnosis, LogWarning};

pub use draft::{CertSource, TenantDraft, sender_ip_entries};
use run::TenantRun;

/// Elapsed time on the Run page is refreshed this often.
const RUN_REFRESH: Duration = Duration::from_millis(250);

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

enum JsonTarget {
    Connector,
    AcceptedDomains,
}

/// What background work of these pages sends to the UI thread.
enum TenantMsg {
    Done {
        run_id: u64,
        outcome: Box<TenantOutcome>,
    },
    LogsPicked(Vec<PathBuf>),
    CertFilePicked(PathBuf),
    JsonRead {
        target: JsonTarget,
        result: Result<String, Message>,
    },
    Exported(Result<PathBuf, String>),
}

/// A line under an import box or the export buttons.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Feedback {
    Done(Message),
    Failed(Message),
    /// Already in words (the report writer words its own errors).
    FailedText(String),
}

/// State of the 5.7.64 pages that is not part of the form.
pub struct TenantUi {
    tx: Sender<TenantMsg>,
    rx: Receiver<TenantMsg>,
    next_run_id: u64,
    run: Option<TenantRun>,
    outcome: Option<TenantOutcome>,
    show_problems: bool,
    cancelled: bool,
    connector_import: Option<Feedback>,
    domains_import: Option<Feedback>,
    export: Option<Feedback>,
}

impl Default for TenantUi {
    fn default() -> Self {
        let (tx, rx) = channel();
        TenantUi {
            tx,
            rx,
            next_run_id: 1,
            run: None,
            outcome: None,
            show_problems: false,
            cancelled: false,
            connector_import: None,
            domains_import: None,
            export: None,
        }
    }
}

fn feedback_ui(ui: &mut Ui, lang: Lang, feedback: &Option<Feedback>) {
    match feedback {
        Some(Feedback::Done(message)) => icon_line(ui, Status::Pass, localize(lang, message)),
        Some(Feedback::Failed(message)) => icon_line(ui, Status::Fail, localize(lang, message)),
        Some(Feedback::FailedText(text)) => icon_line(ui, Status::Fail, text.clone()),
        None => {}
    }
}

impl WizardApp {
    /// The outcome of the last diagnosis, for tests and the screenshots.
    pub fn tenant_outcome(&self) -> Option<&TenantOutcome> {
        self.tenant.outcome.as_ref()
    }

    pub fn tenant_diagnosis(&self) -> Option<&Diagnosis> {
        match self.tenant.outcome.as_ref()? {
            TenantOutcome::Diagnosis(d) => Some(d),
            _ => None,
        }
    }

    pub fn is_tenant_running(&self) -> bool {
        self.tenant.run.is_some()
    }

    pub(in crate::app) fn tenant_can_visit(&self, page: Page) -> bool {
        match page {
            Page::TenantRun => self.tenant.run.is_some(),
            Page::TenantResults => self.tenant.outcome.is_some() && self.tenant.run.is_none(),
            _ => self.tenant.run.is_none(),
        }
    }

    /// Takes what background work of these pages sent since the last frame.
    pub(in crate::app) fn drain_tenant_messages(&mut self, ctx: &egui::Context) {
        let task_ended = self
            .tenant
            .run
            .as_ref()
            .is_some_and(|r| r.task.is_finished());
        while let Ok(msg) = self.tenant.rx.try_recv() {
            match msg {
                TenantMsg::Done { run_id, outcome } => {
                    if self.tenant.run.as_ref().is_some_and(|r| r.id == run_id) {
                        self.tenant.run = None;
                        self.finish_tenant_run(*outcome);
                    }
                }
                TenantMsg::LogsPicked(paths) => {
                    let tenant = &mut self.draft.tenant;
                    let mut lines: Vec<String> =
                        tenant.logs_text.lines().map(str::to_string).collect();
                    lines.retain(|l| !l.trim().is_empty());
                    for path in paths {
                        let text = path.display().to_string();
                        if !lines.contains(&text) {
                            lines.push(text);
                        }
                    }
                    tenant.logs_text = lines.join("\n");
                }
                TenantMsg::CertFilePicked(path) => {
                    self.draft.tenant.cert_file_text = path.display().to_string();
                }
                TenantMsg::JsonRead { target, result } => match target {
                    JsonTarget::Connector => {
                        self.tenant.connector_import = Some(match result {
                            Ok(text) => self.import_connector(&text),
                            Err(problem) => Feedback::Failed(problem),
                        });
                    }
                    JsonTarget::AcceptedDomains => {
                        self.tenant.domains_import = Some(match result {
                            Ok(text) => self.import_domains(&text),
                            Err(problem) => Feedback::Failed(problem),
                        });
                    }
                },
                TenantMsg::Exported(result) => {
                    self.tenant.export = Some(match result {
                        Ok(path) => Feedback::Done(
                            Message::new("ui-tenant-exported").arg("path", path.display()),
                        ),
                        Err(error) => Feedback::FailedText(error),
                    });
                }
            }
        }
        if task_ended && self.tenant.run.take().is_some() {
            // The task is gone and its answer never came: it panicked.
            self.finish_tenant_run(TenantOutcome::Crashed);
        }
        if self.tenant.run.is_some() {
            ctx.request_repaint_after(RUN_REFRESH);
        }
    }

    /// The right side of the nav bar on the 5.7.64 pages (laid out right to left).
    pub(in crate::app) fn tenant_nav_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let label_id = match self.page {
            Page::TenantInbound => "ui-nav-next",
            Page::TenantSource => "ui-tenant-run",
            Page::TenantRun => "ui-nav-cancel",
            Page::TenantResults => "ui-nav-rerun",
            _ => return,
        };
        let mut text = RichText::new(tr(lang, label_id));
        if self.page == Page::TenantSource {
            text = text.strong();
        }
        if ui.button(text).clicked() {
            match self.page {
                Page::TenantInbound => self.page = Page::TenantSource,
                Page::TenantSource => self.try_tenant_run(ui.ctx()),
                Page::TenantRun => self.cancel_tenant_run(),
                _ => self.start_tenant_run(ui.ctx()),
            }
        }
        if matches!(self.page, Page::TenantInbound | Page::TenantSource) {
            ui.label(RichText::new(tr(lang, "ui-tenant-nav-keys")).weak().small());
        }
    }
}
