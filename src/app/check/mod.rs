//! The connector check: the form (`form`), the run in the background (`run`), its results
//! (`results`), the comparison with the last run (`compare`) and the report export (`export`).
//! [`CheckFlow`] owns the state of all of them; the form itself lives in the app's draft.

pub mod compare;
pub mod export;
pub mod form;
pub mod results;
pub mod run;
pub mod watch;

use std::path::PathBuf;

use eframe::egui;
use egui::{Id, RichText, Ui};

use crate::app::action::{Action, CheckAction};
use crate::app::background::Background;
use crate::app::draft::Draft;
use crate::app::job::Ended;
use crate::app::msg::CheckMsg;
use crate::app::page::Page;
use crate::checks::RunReport;
use crate::i18n::{Lang, tr};
use crate::input::InputProblem;
use crate::store::Dirs;

use compare::HistoryState;
use export::ExportState;
pub use results::ResultsView;
use run::{CheckJobs, CheckOutcome, Progress};

/// The state of the check's pages that is not part of the form.
pub struct CheckFlow {
    jobs: CheckJobs,
    /// What the Run page shows of the run in flight.
    progress: Progress,
    results: Option<ResultsView>,
    /// The run history and "Changes since the last run".
    history: HistoryState,
    /// "Export report…" and "Copy as Markdown".
    export: ExportState,
    /// Show the list of problems (after Enter or Run was refused).
    show_problems: bool,
    /// What stopped the last run before any traffic (the CA file, the OS trust store), shown on
    /// the Security page until the next run.
    refused: Vec<InputProblem>,
    /// Next frame, put the cursor in this host row (after "Add a host").
    focus_host: Option<usize>,
    /// The CA file path last read in the background while it was typed, and what stops a run
    /// with it (`None` while it is being read or when it is fine).
    ca_check: Option<(String, Option<InputProblem>)>,
    /// Print a line on stderr when a run ends (the benchmark's hook).
    report_run_end: bool,
    /// "Re-run until it passes".
    watch: watch::WatchState,
}

/// The results on screen are of settings that have changed since: say so before them.
fn stale_notice_ui(ui: &mut Ui, lang: Lang) {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            crate::app::widgets::icon_line(
                ui,
                crate::checks::Status::Warn,
                tr(lang, "ui-results-stale"),
            );
        });
    ui.add_space(6.0);
}

impl CheckFlow {
    pub fn new(dirs: Option<Dirs>, report_run_end: bool) -> CheckFlow {
        CheckFlow {
            jobs: CheckJobs::default(),
            progress: Progress::default(),
            results: None,
            history: HistoryState::new(dirs),
            export: ExportState::default(),
            show_problems: false,
            refused: Vec::new(),
            focus_host: None,
            ca_check: None,
            report_run_end,
            watch: watch::WatchState::default(),
        }
    }

    pub fn is_running(&self) -> bool {
        self.jobs.is_running()
    }

    pub fn results(&self) -> Option<&ResultsView> {
        self.results.as_ref()
    }

    /// Whether the step indicator lets the person go to `page` of this flow.
    pub fn can_visit(&self, page: Page) -> bool {
        match page {
            Page::Run => self.is_running(),
            Page::Results => self.results.is_some() && !self.is_running(),
            _ => !self.is_running(),
        }
    }

    /// Carries out `action`; the page to show next, if it changes.
    pub fn apply(
        &mut self,
        action: CheckAction,
        draft: &Draft,
        lang: Lang,
        bg: &Background,
    ) -> Option<Page> {
        match action {
            CheckAction::TryRun => {
                if let Some(problem) = self.ca_problem(draft) {
                    // Known already: no run that would stop before any traffic.
                    self.refused = vec![problem.clone()];
                    return Some(Page::Security);
                }
                if form::problems(draft).is_empty() {
                    return self.start(draft, bg, false);
                }
                self.show_problems = true;
                None
            }
            CheckAction::Rerun => self.start(draft, bg, false),
            CheckAction::Cancel => self.cancel(bg),
            CheckAction::PickFile(file) => {
                form::pick_file(file, lang, bg);
                None
            }
            CheckAction::ExportReport => {
                if let Some(view) = &self.results {
                    self.export.choose_file(&view.report, lang, bg);
                }
                None
            }
            CheckAction::CopyMarkdown => {
                if let Some(view) = &self.results {
                    bg.ctx()
                        .copy_text(crate::report::check_report_markdown(&view.report, lang));
                    self.export.copied();
                }
                None
            }
        }
    }

    /// Starts a run of the form (stopping any run still going); `from_watch` for a round of
    /// "Re-run until it passes".
    fn start(&mut self, draft: &Draft, bg: &Background, from_watch: bool) -> Option<Page> {
        self.watch.on_start(from_watch);
        self.show_problems = false;
        self.refused.clear();
        let request = draft.request();
        self.progress = Progress::new(request.clone());
        run::start(&mut self.jobs, request, bg);
        Some(Page::Run)
    }

    /// Cancel: stop now and show what finished.
    fn cancel(&mut self, bg: &Background) -> Option<Page> {
        self.watch.halt();
        let job = self.jobs.current()?;
        let (run_id, elapsed) = (job.id(), job.elapsed());
        self.jobs.stop();
        Some(self.finish(run_id, self.progress.partial_report(elapsed), false, bg))
    }

    /// Back during a run, or the window closing: stop it, the form untouched.
    pub fn stop(&mut self) {
        self.watch.halt();
        self.jobs.stop();
    }

    /// Starts the next round of "Re-run until it passes" when it is due and the Results page is
    /// still open (leaving it stops the watch).
    pub fn watch_due(&mut self, page: Page, draft: &Draft, bg: &Background) -> Option<Page> {
        if !self.watch.is_waiting() {
            return None;
        }
        if page != Page::Results {
            self.watch.halt();
            return None;
        }
        if !self.watch.is_due() || self.is_running() {
            return None;
        }
        self.start(draft, bg, true)
    }

    /// Takes what the run sent since the last frame; the Results page once it has ended.
    pub fn poll(&mut self, bg: &Background) -> Option<Page> {
        let elapsed = self.jobs.current()?.elapsed();
        let progress = &mut self.progress;
        let (run_id, ended) = self.jobs.poll(|event| progress.apply(event))?;
        let (report, crashed) = match ended {
            Ended::Done(CheckOutcome::Report(report)) => (*report, false),
            Ended::Done(CheckOutcome::Refused(problems)) => {
                self.refused = problems;
                return Some(Page::Security);
            }
            Ended::Vanished => {
                // The task is gone and its report never came: it panicked.
                let mut report = self.progress.partial_report(elapsed);
                report.cancelled = false;
                (report, true)
            }
        };
        Some(self.finish(run_id, report, crashed, bg))
    }

    fn finish(&mut self, run_id: u64, report: RunReport, crashed: bool, bg: &Background) -> Page {
        if self.report_run_end {
            eprintln!(
                "run-finished run={run_id} steps={} duration_ms={} cancelled={}",
                report.steps.len(),
                report.duration_ms,
                report.cancelled
            );
        }
        self.export.reset();
        // A run with no step (stopped at once) is not history: the next comparison would list
        // every host as "no longer checked".
        let kept = !(report.cancelled || crashed || report.steps.is_empty());
        self.history
            .after_run(&report, kept, self.watch.is_later_round(), bg);
        self.watch.after_round(&report, crashed, bg.ctx());
        self.results = Some(ResultsView { report, crashed });
        Page::Results
    }

    pub fn on_msg(&mut self, msg: CheckMsg, draft: &mut Draft) {
        match msg {
            CheckMsg::FilePicked(file, path) => {
                if let Some(path) = path {
                    *file.text_mut(draft) = path.display().to_string();
                }
            }
            CheckMsg::CaFileChecked { text, problem } => {
                if self.ca_check.as_ref().is_some_and(|(t, _)| *t == text) {
                    self.ca_check = Some((text, problem));
                }
            }
            CheckMsg::History(msg) => self.history.on_msg(*msg),
            CheckMsg::Export(msg) => self.export.on_msg(msg),
        }
    }

    /// Writes the report shown on the Results page to `path`, as the save dialog does with the
    /// file the person chose.
    pub fn export_report_to(&mut self, path: PathBuf, lang: Lang, bg: &Background) {
        if let Some(view) = &self.results {
            self.export.write_to(path, &view.report, lang, bg);
        }
    }

    /// The list of what stops a run, above the form pages once a run was refused.
    pub fn problems_ui(&mut self, ui: &mut Ui, lang: Lang, draft: &Draft) {
        if self.show_problems && form::problems(draft).is_empty() {
            self.show_problems = false;
        }
        if self.show_problems {
            form::problems_ui(ui, lang, draft);
        }
    }

    /// One of the form pages (Connector, Hosts, Security, Test email).
    pub fn form_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        page: Page,
        draft: &mut Draft,
        enter_fields: &mut Vec<Id>,
        bg: &Background,
    ) -> Option<Action> {
        match page {
            Page::Connector => form::connector_ui(ui, lang, draft, enter_fields),
            Page::Hosts => form::hosts_ui(ui, lang, draft, &mut self.focus_host, enter_fields),
            Page::Security => {
                self.check_ca_file(draft, bg);
                let mut shown = self.refused.clone();
                if let Some(problem) = self.ca_problem(draft)
                    && !shown.contains(problem)
                {
                    shown.push(problem.clone());
                }
                return form::security_ui(ui, lang, draft, &shown, enter_fields);
            }
            Page::TestEmail => form::email_ui(ui, lang, draft, enter_fields),
            _ => {}
        }
        None
    }

    /// What stops a run with the CA file typed now, once it has been read.
    fn ca_problem(&self, draft: &Draft) -> Option<&InputProblem> {
        let typed = draft.ca_file_text.trim();
        match &self.ca_check {
            Some((text, Some(problem))) if text == typed && !typed.is_empty() => Some(problem),
            _ => None,
        }
    }

    /// Reads the CA file typed on the Security page as a run would (off the UI thread), each
    /// time the path changes, so a missing or unreadable file is named while it is typed.
    fn check_ca_file(&mut self, draft: &Draft, bg: &Background) {
        let typed = draft.ca_file_text.trim().to_string();
        if self.ca_check.as_ref().is_some_and(|(t, _)| *t == typed) {
            return;
        }
        self.ca_check = Some((typed.clone(), None));
        if typed.is_empty() {
            return;
        }
        let answer = bg.clone();
        bg.spawn_blocking(move || {
            // The run's own loader, on the file alone: the same words as a refused run.
            let options = crate::model::CheckOptions {
                ca_file: Some(PathBuf::from(&typed)),
                use_os_trust_store: false,
                ..Default::default()
            };
            let problem = crate::checks::load_trust_roots(&options).err();
            answer.send(CheckMsg::CaFileChecked {
                text: typed,
                problem,
            });
        });
    }

    pub fn run_ui(&self, ui: &mut Ui, lang: Lang) {
        self.watch.running_ui(ui, lang);
        if let Some(job) = self.jobs.current() {
            run::run_ui(ui, lang, job, &self.progress);
        }
    }

    /// The Results page; above it, a notice when the form no longer matches the run shown.
    pub fn results_ui(&mut self, ui: &mut Ui, lang: Lang, draft: &Draft) {
        self.watch
            .watch_ui(ui, lang, self.results.as_ref().map(|v| &v.report));
        if let Some(view) = &self.results {
            if view.report.request != draft.request() {
                stale_notice_ui(ui, lang);
            }
            results::results_ui(ui, lang, view, &self.history, &self.export);
        }
    }

    /// The right side of the bottom bar on this flow's pages (laid out right to left); `None`
    /// on the pages without buttons of their own.
    pub fn nav_ui(&self, ui: &mut Ui, lang: Lang, page: Page) -> Option<Option<Action>> {
        let mut action = None;
        match page {
            Page::Run => {
                if ui.button(tr(lang, "ui-nav-cancel")).clicked() {
                    action = Some(CheckAction::Cancel.into());
                }
            }
            Page::Results => {
                if ui.button(tr(lang, "ui-nav-rerun")).clicked() {
                    action = Some(CheckAction::Rerun.into());
                }
                if self.results.is_some()
                    && let Some(clicked) = export::report_buttons_ui(ui, lang, &self.export)
                {
                    action = Some(clicked);
                }
            }
            Page::TestEmail => {
                let button = egui::Button::new(RichText::new(tr(lang, "ui-nav-run")).strong());
                if ui.add(button).clicked() {
                    action = Some(CheckAction::TryRun.into());
                }
            }
            _ => return None,
        }
        Some(action)
    }
}
