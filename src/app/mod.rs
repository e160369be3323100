//! The desktop wizard (egui/eframe). The only module of the crate that draws.
//!
//! Pages: Start → Connector → Hosts → Security → Test email → Run → Results. The form lives in a
//! [`Draft`] saved to the config dir; checks run on the app's tokio runtime (see `run.rs`).

use eframe::egui;
mod compare;
mod draft;
mod explain;
mod export;
mod pages;
mod results;
mod run;
mod saved;
mod tenant;

use std::process::ExitCode;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use egui::{Id, Key, RichText};
use tokio::runtime::Handle;

use crate::checks::{Message, RunReport};
use crate::i18n::{Lang, localize, tr, tr_args};
use crate::store::Dirs;

use draft::DraftStore;
pub use draft::{DRAFT_FILE, DRAFT_VERSION, Draft};
use run::{ActiveRun, UiMsg};
pub use tenant::{CertSource, TenantDraft, TenantOutcome};

/// How often the elapsed time on the Run page is refreshed while a run is active.
const RUN_REFRESH: Duration = Duration::from_millis(250);

/// Widest the page content grows, in points.
const MAX_CONTENT_WIDTH: f32 = 1000.0;

/// The wizard's pages, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Start,
    Connector,
    Hosts,
    Security,
    TestEmail,
    Run,
    Results,
    /// 5.7.64 diagnosis: the inbound connector, accepted domains, the refused mail.
    TenantInbound,
    /// 5.7.64 diagnosis: where the certificate the server sends is read from.
    TenantSource,
    TenantRun,
    TenantResults,
    /// The error explainer.
    Explain,
}

/// The three things the wizard does; each has its own steps after Start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Flow {
    #[default]
    Validate,
    Tenant,
    Explain,
}

impl Flow {
    pub fn pages(self) -> &'static [Page] {
        match self {
            Flow::Validate => &Page::ALL,
            Flow::Tenant => &[
                Page::Start,
                Page::TenantInbound,
                Page::TenantSource,
                Page::TenantRun,
                Page::TenantResults,
            ],
            Flow::Explain => &[Page::Start, Page::Explain],
        }
    }
}

impl Page {
    pub const ALL: [Page; 7] = [
        Page::Start,
        Page::Connector,
        Page::Hosts,
        Page::Security,
        Page::TestEmail,
        Page::Run,
        Page::Results,
    ];

    pub fn label_id(self) -> &'static str {
        match self {
            Page::Start => "ui-page-start",
            Page::Connector => "ui-page-connector",
            Page::Hosts => "ui-page-hosts",
            Page::Security => "ui-page-security",
            Page::TestEmail => "ui-page-test-email",
            Page::Run => "ui-page-run",
            Page::Results => "ui-page-results",
            Page::TenantInbound => "ui-page-tenant-inbound",
            Page::TenantSource => "ui-page-tenant-source",
            Page::TenantRun => "ui-page-tenant-run",
            Page::TenantResults => "ui-page-tenant-results",
            Page::Explain => "ui-page-explain",
        }
    }

    fn number(self, flow: Flow) -> usize {
        flow.pages().iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    /// The flow a page belongs to (Start belongs to all).
    pub fn flow(self) -> Option<Flow> {
        match self {
            Page::Start => None,
            Page::Connector
            | Page::Hosts
            | Page::Security
            | Page::TestEmail
            | Page::Run
            | Page::Results => Some(Flow::Validate),
            Page::TenantInbound | Page::TenantSource | Page::TenantRun | Page::TenantResults => {
                Some(Flow::Tenant)
            }
            Page::Explain => Some(Flow::Explain),
        }
    }

    /// The pages of the validation form (everything before Run).
    pub fn is_form(self) -> bool {
        matches!(
            self,
            Page::Start | Page::Connector | Page::Hosts | Page::Security | Page::TestEmail
        )
    }

    /// Accepts the page names used by the hidden `CONNECTOR_DOCTOR_START_PAGE` hook.
    pub fn parse(text: &str) -> Option<Page> {
        match text.trim().to_ascii_lowercase().as_str() {
            "start" => Some(Page::Start),
            "connector" => Some(Page::Connector),
            "hosts" => Some(Page::Hosts),
            "security" => Some(Page::Security),
            "test-email" | "email" => Some(Page::TestEmail),
            "tenant" | "tenant-inbound" => Some(Page::TenantInbound),
            "tenant-source" => Some(Page::TenantSource),
            "explain" => Some(Page::Explain),
            _ => None,
        }
    }
}

/// Hidden switches for the screenshot script and the benchmark (environment variables, not in
/// the command-line help).
#[derive(Clone, Debug, Default)]
pub struct DevHooks {
    /// `CONNECTOR_DOCTOR_AUTORUN=1`: start a run with the saved draft at once.
    pub autorun: bool,
    /// `CONNECTOR_DOCTOR_START_PAGE=hosts`: open on that page.
    pub start_page: Option<Page>,
    /// `CONNECTOR_DOCTOR_FIRST_FRAME_EXIT=1`: print the time of the first `ui` call and close.
    pub exit_after_first_frame: bool,
    /// `CONNECTOR_DOCTOR_REPORT_RUN=1`: print a line on stderr when a run ends.
    pub report_run_end: bool,
    /// `CONNECTOR_DOCTOR_TENANT_AUTORUN=1`: start the 5.7.64 diagnosis of the saved draft at once.
    pub tenant_autorun: bool,
}

impl DevHooks {
    pub fn from_env() -> DevHooks {
        let flag = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
        DevHooks {
            autorun: flag("CONNECTOR_DOCTOR_AUTORUN"),
            start_page: std::env::var("CONNECTOR_DOCTOR_START_PAGE")
                .ok()
                .and_then(|p| Page::parse(&p)),
            exit_after_first_frame: flag("CONNECTOR_DOCTOR_FIRST_FRAME_EXIT"),
            report_run_end: flag("CONNECTOR_DOCTOR_REPORT_RUN"),
            tenant_autorun: flag("CONNECTOR_DOCTOR_TENANT_AUTORUN"),
        }
    }
}

/// What the app needs from its host: the binary passes the OS folders, tests a temp dir.
pub struct AppConfig {
    /// The runtime the engine and the file dialog run on (owned by the caller).
    pub runtime: Handle,
    /// Pins the language (tests, screenshots); otherwise the saved choice, then the OS locale.
    pub lang: Option<Lang>,
    /// Where the draft is kept; `None` keeps nothing.
    pub dirs: Option<Dirs>,
    pub dev: DevHooks,
}

impl AppConfig {
    pub fn new(runtime: Handle) -> AppConfig {
        AppConfig {
            runtime,
            lang: None,
            dirs: None,
            dev: DevHooks::default(),
        }
    }
}

/// What the Results page shows.
pub struct ResultsView {
    pub report: RunReport,
    /// The run stopped without its report (the engine task died).
    pub crashed: bool,
}

/// The wizard.
pub struct WizardApp {
    runtime: Handle,
    lang: Lang,
    page: Page,
    draft: Draft,
    store: DraftStore,
    /// Messages for the person (kept as ids so a language switch rewords them).
    notices: Vec<Message>,
    tx: Sender<UiMsg>,
    rx: Receiver<UiMsg>,
    next_run_id: u64,
    run: Option<ActiveRun>,
    results: Option<ResultsView>,
    /// The run history and "Changes since the last run" (compare.rs).
    history: compare::HistoryState,
    /// "Export report…" and "Copy as Markdown" (export.rs).
    export: export::ExportState,
    /// Saved connectors, import and export (saved.rs).
    saved: saved::SavedState,
    /// Single-line fields drawn last frame: Enter in one of them runs the checks.
    enter_fields: Vec<Id>,
    /// Next frame, put the cursor in this host row (after "Add a host").
    focus_host: Option<usize>,
    /// Show the list of problems (after Enter or Run was refused).
    show_problems: bool,
    /// What stopped the last run before any traffic (the CA file, the OS trust store), shown on
    /// the Security page until the next run.
    refused: Vec<crate::input::InputProblem>,
    title: String,
    dev: DevHooks,
    first_ui_done: bool,
    /// The flow whose steps the indicator shows (the last one entered from Start).
    flow: Flow,
    tenant: tenant::TenantUi,
    explain: explain::ExplainUi,
}

impl WizardApp {
    pub fn new(ctx: &egui::Context, config: AppConfig) -> WizardApp {
        let loaded = DraftStore::load(config.dirs.as_ref());
        let mut draft = loaded.draft;
        let lang = config.lang.or(draft.lang).unwrap_or_else(Lang::from_os);
        draft.lang = Some(lang);
        let (tx, rx) = channel();
        // The OS theme is followed (egui's default); set explicitly so a stored choice cannot win.
        ctx.set_theme(egui::ThemePreference::System);
        let page = config.dev.start_page.unwrap_or(Page::Start);
        let mut app = WizardApp {
            runtime: config.runtime,
            lang,
            page,
            draft,
            store: loaded.store,
            notices: loaded.notice.into_iter().collect(),
            tx,
            rx,
            next_run_id: 1,
            run: None,
            results: None,
            history: compare::HistoryState::new(ctx, config.dirs.clone()),
            export: export::ExportState::new(ctx),
            saved: saved::SavedState::new(ctx, config.dirs.as_ref()),
            enter_fields: Vec::new(),
            focus_host: None,
            show_problems: false,
            refused: Vec::new(),
            title: String::new(),
            dev: config.dev,
            first_ui_done: false,
            flow: page.flow().unwrap_or_default(),
            tenant: tenant::TenantUi::default(),
            explain: explain::ExplainUi::default(),
        };
        if app.dev.autorun {
            app.try_run(ctx);
        }
        if app.dev.tenant_autorun {
            app.try_tenant_run(ctx);
        }
        app
    }

    pub fn page(&self) -> Page {
        self.page
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn is_running(&self) -> bool {
        self.run.is_some()
    }

    pub fn results(&self) -> Option<&ResultsView> {
        self.results.as_ref()
    }

    fn t(&self, id: &str) -> String {
        tr(self.lang, id)
    }

    fn ta(&self, id: &str, args: &[(&str, String)]) -> String {
        tr_args(self.lang, id, args)
    }

    fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        self.draft.lang = Some(lang);
    }

    /// Starts a run of the current form (stopping any run still going).
    fn start_run(&mut self, ctx: &egui::Context) {
        if let Some(old) = self.run.take() {
            old.stop();
        }
        let id = self.next_run_id;
        self.next_run_id += 1;
        self.show_problems = false;
        self.refused.clear();
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
    fn try_run(&mut self, ctx: &egui::Context) {
        if pages::problems(&self.draft).is_empty() {
            self.start_run(ctx);
        } else {
            self.show_problems = true;
        }
    }

    /// Cancel: stop now and show what finished.
    fn cancel_run(&mut self) {
        if let Some(run) = self.run.take() {
            run.stop();
            self.finish_run(run.partial_report(), false);
        }
    }

    /// Back during a run: stop it and return to the hosts, the form untouched.
    fn abandon_run(&mut self) {
        if let Some(run) = self.run.take() {
            run.stop();
        }
        self.page = Page::Hosts;
    }

    fn finish_run(&mut self, report: RunReport, crashed: bool) {
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

    /// Takes everything background work sent since the last frame; drops what belongs to an
    /// older run.
    fn drain_messages(&mut self) {
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                UiMsg::Engine { run_id, event } => {
                    if let Some(run) = self.run.as_mut().filter(|r| r.id == run_id) {
                        run.apply(*event);
                    }
                }
                UiMsg::Done { run_id, report } => {
                    if self.run.as_ref().is_some_and(|r| r.id == run_id) {
                        self.run = None;
                        self.finish_run(*report, false);
                    }
                }
                UiMsg::Refused { run_id, problems } => {
                    if self.run.as_ref().is_some_and(|r| r.id == run_id) {
                        self.run = None;
                        self.refused = problems;
                        self.page = Page::Security;
                    }
                }
                UiMsg::CaFilePicked(path) => {
                    if let Some(path) = path {
                        self.draft.ca_file_text = path.display().to_string();
                    }
                }
                UiMsg::SaveFailed(path) => {
                    let notice = Message::new("ui-notice-save-failed").arg("path", path);
                    if !self.notices.contains(&notice) {
                        self.notices.push(notice);
                    }
                }
                UiMsg::History(msg) => self.on_history_msg(*msg),
                UiMsg::Export(msg) => self.on_export_msg(msg),
                UiMsg::Saved(msg) => self.on_saved_msg(*msg),
            }
        }
    }

    fn save_if_due(&mut self) {
        let Some(write) = self.store.take_due(Instant::now()) else {
            return;
        };
        let tx = self.tx.clone();
        self.runtime.spawn_blocking(move || {
            let path = write.path().display().to_string();
            if write.write().is_err() {
                let _ = tx.send(UiMsg::SaveFailed(path));
            }
        });
    }

    /// Writes the draft now (on exit): the window is closing, there is no frame left to spoil.
    pub fn save_now(&mut self) {
        self.draft.sync_typed_fields();
        self.store.observe(&self.draft, Instant::now());
        if let Some(write) = self.store.take_pending()
            && write.write().is_err()
        {
            eprintln!(
                "{}",
                tr_args(
                    self.lang,
                    "ui-notice-save-failed",
                    &[(
                        "path",
                        self.store
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default()
                    )]
                )
            );
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        let (enter, escape) =
            ctx.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        if escape {
            self.go_back();
        } else if enter && self.page.is_form() {
            // Enter on a focused button clicks that button; only a single-line field (or
            // nothing) focused means "run".
            let focused = ctx.memory(|m| m.focused());
            if focused.is_none_or(|id| self.enter_fields.contains(&id)) {
                self.try_run(ctx);
            }
        } else if enter && matches!(self.page, Page::TenantInbound | Page::TenantSource) {
            let focused = ctx.memory(|m| m.focused());
            if focused.is_none_or(|id| self.enter_fields.contains(&id)) {
                self.try_tenant_run(ctx);
            }
        }
    }

    fn back_target(&self) -> Option<Page> {
        match self.page {
            Page::Start => None,
            Page::Connector => Some(Page::Start),
            Page::Hosts => Some(Page::Connector),
            Page::Security => Some(Page::Hosts),
            Page::TestEmail => Some(Page::Security),
            Page::Run | Page::Results => Some(Page::Hosts),
            Page::TenantInbound | Page::Explain => Some(Page::Start),
            Page::TenantSource | Page::TenantRun | Page::TenantResults => Some(Page::TenantInbound),
        }
    }

    fn go_back(&mut self) {
        match self.page {
            Page::Run => self.abandon_run(),
            Page::TenantRun => self.abandon_tenant_run(),
            _ => {
                if let Some(target) = self.back_target() {
                    self.page = target;
                }
            }
        }
    }

    fn next_page(&self) -> Option<Page> {
        match self.page {
            Page::Start => Some(Page::Connector),
            Page::Connector => Some(Page::Hosts),
            Page::Hosts => Some(Page::Security),
            Page::Security => Some(Page::TestEmail),
            _ => None,
        }
    }

    fn can_visit(&self, page: Page) -> bool {
        match page {
            Page::Run => self.run.is_some(),
            Page::Results => self.results.is_some() && self.run.is_none(),
            Page::TenantInbound | Page::TenantSource | Page::TenantRun | Page::TenantResults => {
                self.tenant_can_visit(page)
            }
            _ => self.run.is_none() && !self.is_tenant_running(),
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{} — {}",
            self.t("ui-app-title"),
            self.t(self.page.label_id())
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.heading(self.t("ui-app-title"));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut lang = self.lang;
                for choice in [Lang::Fr, Lang::En] {
                    let id = match choice {
                        Lang::En => "ui-lang-en",
                        Lang::Fr => "ui-lang-fr",
                    };
                    ui.selectable_value(&mut lang, choice, self.t(id));
                }
                ui.label(self.t("ui-lang-label"));
                if lang != self.lang {
                    self.set_lang(lang);
                }
            });
        });
        ui.add_space(2.0);
        self.step_indicator_ui(ui);
        ui.add_space(4.0);
    }

    fn step_indicator_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(flow) = self.page.flow() {
            self.flow = flow;
        }
        let flow = self.flow;
        let pages = flow.pages();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(self.ta(
                    "ui-step-indicator",
                    &[
                        ("current", self.page.number(flow).to_string()),
                        ("total", pages.len().to_string()),
                    ],
                ))
                .weak(),
            );
            for &page in pages {
                if page != Page::Start {
                    ui.label(RichText::new("›").weak());
                }
                let text = format!("{}. {}", page.number(flow), self.t(page.label_id()));
                let current = page == self.page;
                let text = if current {
                    RichText::new(text).strong()
                } else {
                    RichText::new(text)
                };
                let enabled = current || self.can_visit(page);
                let response = ui
                    .add_enabled(enabled, egui::Button::selectable(current, text))
                    .on_hover_text(self.ta("ui-step-go-to", &[("page", self.t(page.label_id()))]));
                if response.clicked() && !current {
                    self.page = page;
                }
            }
        });
    }

    fn nav_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if self.back_target().is_some() && ui.button(self.t("ui-nav-back")).clicked() {
                self.go_back();
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                match self.page {
                    Page::Run => {
                        if ui.button(self.t("ui-nav-cancel")).clicked() {
                            self.cancel_run();
                        }
                    }
                    Page::Results => {
                        if ui.button(self.t("ui-nav-rerun")).clicked() {
                            self.start_run(ui.ctx());
                        }
                        self.report_buttons_ui(ui);
                    }
                    Page::TenantInbound
                    | Page::TenantSource
                    | Page::TenantRun
                    | Page::TenantResults => self.tenant_nav_ui(ui),
                    Page::TestEmail => {
                        let button =
                            egui::Button::new(RichText::new(self.t("ui-nav-run")).strong());
                        if ui.add(button).clicked() {
                            self.try_run(ui.ctx());
                        }
                    }
                    _ => {
                        if let Some(next) = self.next_page()
                            && ui.button(self.t("ui-nav-next")).clicked()
                        {
                            self.page = next;
                        }
                    }
                }
                if self.page.is_form() {
                    ui.label(RichText::new(self.t("ui-nav-keys")).weak().small());
                }
            });
        });
        ui.add_space(6.0);
    }

    fn notices_ui(&mut self, ui: &mut egui::Ui) {
        let mut close = None;
        for (i, notice) in self.notices.iter().enumerate() {
            egui::Frame::group(ui.style())
                .fill(ui.visuals().faint_bg_color)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        results::status_icon(ui, crate::checks::Status::Warn);
                        ui.label(localize(self.lang, notice));
                        if ui.button(tr(self.lang, "ui-notice-close")).clicked() {
                            close = Some(i);
                        }
                    });
                });
        }
        if let Some(i) = close {
            self.notices.remove(i);
        }
    }

    fn first_ui_hook(&mut self, ctx: &egui::Context) {
        if self.first_ui_done {
            return;
        }
        self.first_ui_done = true;
        if self.dev.exit_after_first_frame {
            let now_ms = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_millis())
                .unwrap_or(0);
            println!("first-ui-unix-ms={now_ms}");
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for WizardApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let task_ended = self.run.as_ref().is_some_and(ActiveRun::vanished);
        self.drain_messages();
        self.drain_tenant_messages(ctx);
        if task_ended && let Some(run) = self.run.take() {
            // The task is gone and its report never came: it panicked.
            let mut report = run.partial_report();
            report.cancelled = false;
            self.finish_run(report, true);
        }
        if self.run.is_some() {
            ctx.request_repaint_after(RUN_REFRESH);
        }
        self.save_if_due();
        self.update_title(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.first_ui_hook(&ctx);
        self.handle_keys(&ctx);
        let mut enter_fields = Vec::new();

        egui::Panel::top("top-bar").show(ui, |ui| self.top_bar_ui(ui));
        egui::Panel::bottom("nav-bar").show(ui, |ui| self.nav_ui(ui));
        if self.page == Page::Connector {
            self.saved_panel_ui(ui);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("page", self.page))
                .auto_shrink(false)
                .show(ui, |ui| {
                    // Long lines are hard to read on a wide screen.
                    ui.set_max_width(ui.available_width().min(MAX_CONTENT_WIDTH));
                    self.notices_ui(ui);
                    if self.show_problems && self.page.is_form() && self.page != Page::TestEmail {
                        pages::problems_ui(self, ui);
                    }
                    match self.page {
                        Page::Start => self.start_ui(ui),
                        Page::Connector => self.connector_ui(ui, &mut enter_fields),
                        Page::Hosts => self.hosts_ui(ui, &mut enter_fields),
                        Page::Security => self.security_ui(ui, &mut enter_fields),
                        Page::TestEmail => self.email_ui(ui, &mut enter_fields),
                        Page::Run => self.run_ui(ui),
                        Page::Results => self.results_ui(ui),
                        Page::TenantInbound => self.tenant_inbound_ui(ui, &mut enter_fields),
                        Page::TenantSource => self.tenant_source_ui(ui, &mut enter_fields),
                        Page::TenantRun => self.tenant_run_ui(ui),
                        Page::TenantResults => self.tenant_results_ui(ui),
                        Page::Explain => self.explain_ui(ui),
                    }
                });
        });
        self.enter_fields = enter_fields;

        let now = Instant::now();
        self.draft.sync_typed_fields();
        self.store.observe(&self.draft, now);
        if let Some(due) = self.store.due_in(now) {
            ctx.request_repaint_after(due);
        }
        if self.show_problems && pages::problems(&self.draft).is_empty() {
            self.show_problems = false;
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(run) = self.run.take() {
            run.stop();
        }
        self.stop_tenant_work();
        self.save_now();
    }
}

/// The window icon, drawn in `assets/icon.png` (see `assets/make.sh`).
fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok()
}

/// Opens the window. Returns when the user closes it.
pub fn run_gui() -> ExitCode {
    let os_lang = Lang::from_os();
    // main's runtime for the wizard: the engine, the file dialog and the draft writes run on it.
    let runtime = match crate::cli::runtime() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!(
                "{}",
                tr_args(os_lang, "ui-runtime-error", &[("error", err.to_string())])
            );
            return ExitCode::from(crate::cli::EXIT_INPUT);
        }
    };
    let mut config = AppConfig::new(runtime.handle().clone());
    config.dirs = Dirs::from_env();
    config.dev = DevHooks::from_env();
    config.lang = std::env::var("CONNECTOR_DOCTOR_LANG")
        .ok()
        .and_then(|l| Lang::parse(&l));

    let mut viewport = egui::ViewportBuilder::default()
        .with_title(tr(os_lang, "ui-app-title"))
        .with_app_id("connector-doctor")
        .with_inner_size([960.0, 720.0])
        .with_min_inner_size([640.0, 480.0]);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let result = eframe::run_native(
        "connector-doctor",
        options,
        Box::new(move |cc| Ok(Box::new(WizardApp::new(&cc.egui_ctx, config)))),
    );
    runtime.shutdown_timeout(Duration::from_secs(1));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "{}",
                tr_args(os_lang, "ui-window-error", &[("error", err.to_string())])
            );
            ExitCode::from(crate::cli::EXIT_INPUT)
        }
    }
}
