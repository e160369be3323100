//! The 550 5.7.64 diagnosis in the wizard: the form as typed (`draft`), its pages — the inbound
//! connector, typed or imported from PowerShell JSON, and where to read the certificate the
//! on-premises server sends (`form`) — the diagnosis in the background (`run`) and its results
//! with each finding beside its guidance (`results`). [`TenantFlow`] owns the pages' state; the
//! form itself lives in the app's draft.

pub mod draft;
mod form;
mod results;
mod run;

use eframe::egui;
use egui::{Id, RichText, Ui};

use crate::app::action::{Action, TenantAction};
use crate::app::background::Background;
use crate::app::job::Ended;
use crate::app::msg::{JsonTarget, TenantMsg};
use crate::app::page::Page;
use crate::checks::Message;
use crate::i18n::{Lang, tr};
use crate::model::CheckOptions;
use crate::tenant::{Diagnosis, TenantInputs};

pub use draft::{CertSource, TenantDraft};
use results::Feedback;
use run::TenantJobs;
pub use run::TenantOutcome;

/// State of the 5.7.64 pages that is not part of the form.
pub struct TenantFlow {
    jobs: TenantJobs,
    /// What the run under way reads (shown on its page).
    running: TenantInputs,
    outcome: Option<TenantOutcome>,
    /// Show the list of problems (after Enter or Run was refused).
    show_problems: bool,
    cancelled: bool,
    connector_import: Option<Feedback>,
    domains_import: Option<Feedback>,
    export: Option<Feedback>,
    /// Print a line on stderr when a run ends (the benchmark's hook).
    report_run_end: bool,
}

impl TenantFlow {
    pub fn new(report_run_end: bool) -> TenantFlow {
        TenantFlow {
            jobs: TenantJobs::default(),
            running: TenantInputs::default(),
            outcome: None,
            show_problems: false,
            cancelled: false,
            connector_import: None,
            domains_import: None,
            export: None,
            report_run_end,
        }
    }

    /// The outcome of the last diagnosis.
    pub fn outcome(&self) -> Option<&TenantOutcome> {
        self.outcome.as_ref()
    }

    pub fn diagnosis(&self) -> Option<&Diagnosis> {
        match self.outcome.as_ref()? {
            TenantOutcome::Diagnosis(d) => Some(d),
            _ => None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.jobs.is_running()
    }

    /// Whether the step indicator lets the person go to `page` of this flow.
    pub fn can_visit(&self, page: Page) -> bool {
        match page {
            Page::TenantRun => self.is_running(),
            Page::TenantResults => self.outcome.is_some() && !self.is_running(),
            _ => !self.is_running(),
        }
    }

    /// Carries out `action` on the form `tenant`; `options` are the machine options of the
    /// validation form (timeout, CA file), used by the live probe. The page to show next, if it
    /// changes.
    pub fn apply(
        &mut self,
        action: TenantAction,
        tenant: &mut TenantDraft,
        options: CheckOptions,
        lang: Lang,
        bg: &Background,
    ) -> Option<Page> {
        match action {
            TenantAction::TryRun => {
                if tenant.problems().is_empty() {
                    return self.start(tenant, options, bg);
                }
                self.show_problems = true;
            }
            TenantAction::Rerun => return self.start(tenant, options, bg),
            TenantAction::Cancel => {
                if self.jobs.stop() {
                    self.cancelled = true;
                }
                return Some(Page::TenantSource);
            }
            TenantAction::ImportPasted(JsonTarget::Connector) => {
                let text = tenant.connector_json_text.clone();
                self.connector_import = Some(form::import_connector(tenant, &text));
            }
            TenantAction::ImportPasted(JsonTarget::AcceptedDomains) => {
                let text = tenant.accepted_domains_json_text.clone();
                self.domains_import = Some(form::import_domains(tenant, &text));
            }
            TenantAction::PickJson(target) => form::pick_json(target, lang, bg),
            TenantAction::PickLogs { folder } => form::pick_logs(folder, lang, bg),
            TenantAction::PickCertFile => form::pick_cert_file(lang, bg),
            TenantAction::ExportReport => {
                if let Some(d) = self.diagnosis() {
                    results::export_report(d.clone(), lang, bg);
                }
            }
            TenantAction::CopyMarkdown => {
                if let Some(d) = self.diagnosis() {
                    bg.ctx()
                        .copy_text(crate::report::tenant_report_markdown(d, lang));
                    self.export = Some(Feedback::Done(Message::new("ui-tenant-copied")));
                }
            }
        }
        None
    }

    /// Starts the diagnosis of the form (stopping one still going).
    fn start(
        &mut self,
        tenant: &TenantDraft,
        options: CheckOptions,
        bg: &Background,
    ) -> Option<Page> {
        // The live probe uses the machine options of the validation form (timeout, DNS server).
        let form = tenant.form_with(options.timeout_secs, options.dns_server);
        let Ok(prepared) = crate::tenant::prepare(&form) else {
            self.show_problems = true;
            return None;
        };
        self.show_problems = false;
        self.cancelled = false;
        self.export = None;
        self.running = prepared.inputs.clone();
        run::start(&mut self.jobs, prepared, bg);
        Some(Page::TenantRun)
    }

    /// Back or Esc during the diagnosis, or the window closing: stop waiting for it, the inputs
    /// all kept. A log read already under way stops at its next block; nothing it sends reaches
    /// a later run.
    pub fn stop(&mut self) {
        self.jobs.stop();
    }

    /// Takes what the run sent since the last frame; whether it has just ended.
    pub fn poll(&mut self) -> bool {
        let Some((run_id, ended)) = self.jobs.poll(|()| {}) else {
            return false;
        };
        let outcome = match ended {
            Ended::Done(outcome) => outcome,
            // The task is gone and its answer never came: it panicked.
            Ended::Vanished => TenantOutcome::Crashed,
        };
        if self.report_run_end {
            let what = match &outcome {
                TenantOutcome::Diagnosis(d) => format!("findings={}", d.findings.len()),
                TenantOutcome::Failed(f) => format!("failed={}", f.problem.id),
                TenantOutcome::Cancelled => "cancelled".to_string(),
                TenantOutcome::Crashed => "crashed".to_string(),
            };
            eprintln!("tenant-run-finished run={run_id} {what}");
        }
        self.outcome = Some(outcome);
        true
    }

    pub fn on_msg(&mut self, msg: TenantMsg, tenant: &mut TenantDraft) {
        match msg {
            TenantMsg::LogsPicked(paths) => {
                let mut lines: Vec<String> = tenant.logs_text.lines().map(str::to_string).collect();
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
                tenant.cert_file_text = path.display().to_string();
            }
            TenantMsg::JsonRead { target, result } => {
                let feedback = match (target, result) {
                    (_, Err(problem)) => Feedback::Failed(problem),
                    (JsonTarget::Connector, Ok(text)) => form::import_connector(tenant, &text),
                    (JsonTarget::AcceptedDomains, Ok(text)) => form::import_domains(tenant, &text),
                };
                match target {
                    JsonTarget::Connector => self.connector_import = Some(feedback),
                    JsonTarget::AcceptedDomains => self.domains_import = Some(feedback),
                }
            }
            TenantMsg::Exported(result) => {
                self.export = Some(match result {
                    Ok(path) => Feedback::Done(
                        Message::new("ui-tenant-exported").arg("path", path.display()),
                    ),
                    Err(error) => Feedback::FailedText(error),
                });
            }
        }
    }

    /// One of the 5.7.64 pages.
    pub fn page_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        page: Page,
        tenant: &mut TenantDraft,
        enter_fields: &mut Vec<Id>,
    ) -> Option<Action> {
        let form_page = matches!(page, Page::TenantInbound | Page::TenantSource);
        if form_page && self.show_problems {
            form::problems_ui(ui, lang, tenant);
        }
        match page {
            Page::TenantInbound => form::inbound_ui(
                ui,
                lang,
                tenant,
                &self.connector_import,
                &self.domains_import,
                enter_fields,
            ),
            Page::TenantSource => form::source_ui(ui, lang, tenant, self.cancelled, enter_fields),
            Page::TenantRun => {
                if let Some(job) = self.jobs.current() {
                    run::run_ui(ui, lang, job, &self.running);
                }
                None
            }
            Page::TenantResults => {
                let outcome = self.outcome.as_ref()?;
                results::results_ui(ui, lang, outcome, &self.export)
            }
            _ => None,
        }
    }
}

/// The right side of the bottom bar on the 5.7.64 pages (laid out right to left); `None` on the
/// other pages.
pub fn nav_ui(ui: &mut Ui, lang: Lang, page: Page) -> Option<Option<Action>> {
    let (label_id, action) = match page {
        Page::TenantInbound => ("ui-nav-next", Action::Go(Page::TenantSource)),
        Page::TenantSource => ("ui-tenant-run", TenantAction::TryRun.into()),
        Page::TenantRun => ("ui-nav-cancel", TenantAction::Cancel.into()),
        Page::TenantResults => ("ui-nav-rerun", TenantAction::Rerun.into()),
        _ => return None,
    };
    let mut text = RichText::new(tr(lang, label_id));
    if page == Page::TenantSource {
        text = text.strong();
    }
    let clicked = ui.button(text).clicked();
    if matches!(page, Page::TenantInbound | Page::TenantSource) {
        ui.label(RichText::new(tr(lang, "ui-tenant-nav-keys")).weak().small());
    }
    Some(clicked.then_some(action))
}
