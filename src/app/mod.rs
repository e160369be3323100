//! The desktop wizard (egui/eframe). The only module of the crate that draws.
//!
//! [`WizardApp`] is small: the three flows (`check`, `tenant`, `explain`) and the saved
//! connectors (`saved`) each own their state and pages; the app holds them, the language, the
//! current page and the way to the runtime (`background`). A page returns [`action::Action`]s
//! that [`WizardApp::apply`] carries out; background work answers through `msg`, the two runs
//! through their own [`job::JobSlot`]. The form lives in a [`Draft`] saved to the config dir.
//!
//! Modules import only downwards: this file uses the flows; the flows use `action`, `page`,
//! `msg`, `background`, `job`, `widgets` and `draft`, none of which uses a flow (`draft` only the
//! 5.7.64 form's type in `tenant::draft`).

mod action;
mod background;
mod check;
mod draft;
mod explain;
mod file_dialog;
mod glance;
mod job;
mod msg;
mod nav;
mod page;
mod saved;
mod start;
mod tenant;
mod widgets;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use eframe::egui;
use egui::{Id, Key};
use tokio::runtime::Handle;

use crate::checks::Message;
use crate::i18n::{Lang, localize, tr, tr_args};
use crate::store::Dirs;

use action::{Action, CheckAction, TenantAction};
use background::Background;
use check::CheckFlow;
pub use check::ResultsView;
use draft::DraftStore;
pub use draft::{DRAFT_FILE, DRAFT_VERSION, Draft, ThemeChoice};
use explain::ExplainFlow;
use file_dialog::{PathPrompt, PromptAnswer, Purpose};
use msg::UiMsg;
pub use page::{Flow, Page};
use saved::SavedState;
use tenant::TenantFlow;
pub use tenant::{CertSource, TenantDraft, TenantOutcome};

/// How often the elapsed time on a Run page is refreshed while a run is active.
const RUN_REFRESH: Duration = Duration::from_millis(250);

/// Widest the page content grows, in points.
const MAX_CONTENT_WIDTH: f32 = 1000.0;

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
    /// Try the system's file dialogs (off in tests: the path field inside the wizard instead).
    pub file_dialogs: bool,
}

impl AppConfig {
    pub fn new(runtime: Handle) -> AppConfig {
        AppConfig {
            runtime,
            lang: None,
            dirs: None,
            dev: DevHooks::default(),
            file_dialogs: true,
        }
    }
}

/// The wizard.
pub struct WizardApp {
    bg: Background,
    rx: Receiver<UiMsg>,
    lang: Lang,
    page: Page,
    /// The flow whose steps the indicator shows (the last one entered from Start).
    flow: Flow,
    draft: Draft,
    store: DraftStore,
    /// Messages for the person (kept as ids so a language switch rewords them).
    notices: Vec<Message>,
    check: CheckFlow,
    tenant: TenantFlow,
    explain: ExplainFlow,
    /// Saved connectors, import and export (beside the Connector page).
    saved: SavedState,
    /// Single-line fields drawn last frame: Enter in one of them runs the page's action.
    enter_fields: Vec<Id>,
    title: String,
    dev: DevHooks,
    first_ui_done: bool,
    /// The path field standing in for a file dialog that did not open.
    path_prompt: Option<PathPrompt>,
    /// The page drawn last frame: a page that just opened puts the cursor in its first field.
    drawn_page: Option<Page>,
    /// What had the keyboard focus at the end of last frame (egui drops it on Esc before the
    /// frame is drawn: Esc in a field only leaves the field).
    focused_last_frame: Option<Id>,
}

impl WizardApp {
    pub fn new(ctx: &egui::Context, config: AppConfig) -> WizardApp {
        let loaded = DraftStore::load(config.dirs.as_ref());
        let mut draft = loaded.draft;
        let lang = config.lang.or(draft.lang).unwrap_or_else(Lang::from_os);
        draft.lang = Some(lang);
        let (tx, rx) = channel();
        // The OS theme unless the person chose one with the header's toggle.
        ctx.set_theme(draft.theme.preference());
        // A field keeps the focus until the end of the frame (see `surrender_focus_after_typing`):
        // egui's own surrender, on the press, dropped a keystroke that came in the same frame.
        ctx.options_mut(|o| o.input_options.surrender_focus_on = egui::SurrenderFocusOn::Never);
        // Scroll bars that take their own room: failure cards ran under the floating ones.
        ctx.all_styles_mut(|style| style.spacing.scroll = egui::style::ScrollStyle::solid());
        let mut bg = Background::new(config.runtime, tx, ctx.clone());
        if !config.file_dialogs {
            bg = bg.without_file_dialogs();
        }
        let page = config.dev.start_page.unwrap_or(Page::Start);
        let report_run_end = config.dev.report_run_end;
        let mut app = WizardApp {
            bg,
            rx,
            lang,
            page,
            flow: page.flow().unwrap_or_default(),
            draft,
            store: loaded.store,
            notices: loaded.notice.into_iter().collect(),
            check: CheckFlow::new(config.dirs.clone(), report_run_end),
            tenant: TenantFlow::new(report_run_end),
            explain: ExplainFlow::default(),
            saved: SavedState::new(config.dirs.as_ref()),
            enter_fields: Vec::new(),
            title: String::new(),
            dev: config.dev,
            first_ui_done: false,
            path_prompt: None,
            drawn_page: None,
            focused_last_frame: None,
        };
        if app.dev.autorun {
            app.apply(CheckAction::TryRun.into());
        }
        if app.dev.tenant_autorun {
            app.apply(TenantAction::TryRun.into());
        }
        app
    }

    pub fn page(&self) -> Page {
        self.page
    }

    /// The default folder shown by the path field that stands in for a file dialog, when shown.
    pub fn path_prompt_folder(&self) -> Option<&str> {
        self.path_prompt.as_ref().map(|p| p.folder.as_str())
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn is_running(&self) -> bool {
        self.check.is_running()
    }

    pub fn results(&self) -> Option<&ResultsView> {
        self.check.results()
    }

    /// The outcome of the last diagnosis, for tests and the screenshots.
    pub fn tenant_outcome(&self) -> Option<&TenantOutcome> {
        self.tenant.outcome()
    }

    pub fn tenant_diagnosis(&self) -> Option<&crate::tenant::Diagnosis> {
        self.tenant.diagnosis()
    }

    pub fn is_tenant_running(&self) -> bool {
        self.tenant.is_running()
    }

    /// What the explainer recognises in the pasted text (for tests).
    pub fn explanations(&self) -> &[crate::tenant::explain::Explanation] {
        self.explain.explanations()
    }

    /// Writes the report shown on the Results page to `path`, as the save dialog does with the
    /// file the person chose (the dialog cannot be driven headless: tests call this).
    pub fn export_report_to(&mut self, path: PathBuf) {
        self.check.export_report_to(path, self.lang, &self.bg);
    }

    /// Reads a connector file on a blocking thread and fills the form with it, as the file
    /// dialog does with the file the person chose (tests call this directly).
    pub fn import_connector_file(&mut self, path: PathBuf) {
        self.saved.import_connector_file(path, &self.bg);
    }

    /// Carries out what a page, a bar or a key asked for.
    fn apply(&mut self, action: Action) {
        let lang = self.lang;
        let next = match action {
            Action::Go(page) => Some(page),
            Action::Open(flow) => {
                self.flow = flow;
                Some(match flow {
                    Flow::Validate => Page::Connector,
                    Flow::Tenant => Page::TenantInbound,
                    Flow::Explain => Page::Explain,
                })
            }
            Action::Back => {
                // Back during a run stops it; the form stays as it was.
                match self.page {
                    Page::Run => self.check.stop(),
                    Page::TenantRun => self.tenant.stop(),
                    _ => {}
                }
                self.page.back()
            }
            Action::SetTheme(theme) => {
                self.draft.theme = theme;
                self.bg.ctx().set_theme(theme.preference());
                None
            }
            Action::SetLang(lang) => {
                self.lang = lang;
                self.draft.lang = Some(lang);
                None
            }
            Action::CloseNotice(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
                None
            }
            Action::Check(action) => self.check.apply(action, &self.draft, lang, &self.bg),
            Action::Tenant(action) => {
                // The live probe uses the machine options of the validation form.
                let options = self.draft.request().options;
                self.tenant
                    .apply(action, &mut self.draft.tenant, options, lang, &self.bg)
            }
            Action::Saved(action) => {
                self.saved.apply(action, &mut self.draft, lang, &self.bg);
                None
            }
        };
        if let Some(page) = next {
            self.page = page;
        }
    }

    /// Takes everything background work sent since the last frame and the runs' progress.
    fn drain_messages(&mut self) {
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                UiMsg::SaveFailed(path) => {
                    let notice = Message::new("ui-notice-save-failed").arg("path", path);
                    if !self.notices.contains(&notice) {
                        self.notices.push(notice);
                    }
                }
                UiMsg::Check(msg) => self.check.on_msg(msg, &mut self.draft),
                UiMsg::Tenant(msg) => self.tenant.on_msg(msg, &mut self.draft.tenant),
                UiMsg::Saved(msg) => self.saved.on_msg(*msg, &mut self.draft),
                UiMsg::NoFileDialog(prompt) => {
                    self.path_prompt = Some(prompt);
                    // The cursor goes to the path field, drawn before the page's own fields.
                    widgets::focus_first_field_next(self.bg.ctx());
                }
            }
        }
        if let Some(page) = self.check.poll(&self.bg) {
            self.page = page;
        }
        self.saved.poll();
        if let Some(page) = self.check.watch_due(self.page, &self.draft, &self.bg) {
            self.page = page;
        }
        if self.tenant.poll() && self.page == Page::TenantRun {
            self.page = Page::TenantResults;
        }
    }

    fn save_if_due(&mut self) {
        let Some(write) = self.store.take_due(Instant::now()) else {
            return;
        };
        let answer = self.bg.clone();
        self.bg.spawn_blocking(move || {
            let path = write.path().display().to_string();
            if write.write().is_err() {
                answer.send(UiMsg::SaveFailed(path));
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

    /// Enter runs the page's action when a single-line field (or nothing) is focused — Enter on
    /// a focused button clicks that button; on Start it opens the connector check's first page.
    /// Esc leaves a focused field (egui drops the focus), and is Back when nothing was focused.
    fn keys_action(&self, ctx: &egui::Context) -> Option<Action> {
        let (enter, escape) =
            ctx.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        if escape {
            if self.focused_last_frame.is_some() {
                ctx.memory_mut(|m| {
                    if let Some(id) = m.focused() {
                        m.surrender_focus(id);
                    }
                });
                return None;
            }
            return Some(Action::Back);
        }
        let focused = ctx.memory(|m| m.focused());
        if self.page == Page::Start {
            return (enter && focused.is_none()).then_some(Action::Open(Flow::Validate));
        }
        let run = if self.page.is_form() {
            CheckAction::TryRun.into()
        } else if matches!(self.page, Page::TenantInbound | Page::TenantSource) {
            TenantAction::TryRun.into()
        } else {
            return None;
        };
        (enter && focused.is_none_or(|id| self.enter_fields.contains(&id))).then_some(run)
    }

    /// Whether the step indicator lets the person go to `page`.
    fn can_visit(&self, page: Page) -> bool {
        match page {
            Page::Run | Page::Results => self.check.can_visit(page),
            Page::TenantInbound | Page::TenantSource | Page::TenantRun | Page::TenantResults => {
                self.tenant.can_visit(page)
            }
            // The form pages and the explainer: not while a run is going.
            _ => !self.check.is_running() && !self.tenant.is_running(),
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{} — {}",
            tr(self.lang, "ui-app-title"),
            tr(self.lang, self.page.label_id())
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn notices_ui(&self, ui: &mut egui::Ui) -> Option<Action> {
        let mut action = None;
        for (i, notice) in self.notices.iter().enumerate() {
            egui::Frame::group(ui.style())
                .fill(ui.visuals().faint_bg_color)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        widgets::status_icon(ui, crate::checks::Status::Warn);
                        ui.label(localize(self.lang, notice));
                        if ui.button(tr(self.lang, "ui-notice-close")).clicked() {
                            action = Some(Action::CloseNotice(i));
                        }
                    });
                });
        }
        action
    }

    /// The current page; what it asks for goes to `actions`.
    fn page_ui(&mut self, ui: &mut egui::Ui, enter_fields: &mut Vec<Id>) -> Option<Action> {
        let (lang, page) = (self.lang, self.page);
        match page {
            Page::Start => start::start_ui(ui, lang),
            Page::Connector | Page::Hosts | Page::Security | Page::TestEmail => {
                self.check
                    .form_ui(ui, lang, page, &mut self.draft, enter_fields, &self.bg)
            }
            Page::Run => {
                self.check.run_ui(ui, lang);
                None
            }
            Page::Results => {
                self.check.results_ui(ui, lang, &self.draft);
                None
            }
            Page::TenantInbound | Page::TenantSource | Page::TenantRun | Page::TenantResults => {
                self.tenant
                    .page_ui(ui, lang, page, &mut self.draft.tenant, enter_fields)
            }
            Page::Explain => self
                .explain
                .explain_ui(ui, lang, &mut self.draft.explain_text),
        }
    }

    /// The path field in place of a file dialog that did not open; what it was for, done.
    fn path_prompt_ui(&mut self, ui: &mut egui::Ui) {
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        match file_dialog::prompt_ui(ui, self.lang, prompt) {
            None => {}
            Some(PromptAnswer::Cancel) => self.path_prompt = None,
            Some(PromptAnswer::Use(purpose, path)) => {
                self.path_prompt = None;
                match purpose {
                    Purpose::InputFile(file) => {
                        *file.text_mut(&mut self.draft) = path.display().to_string()
                    }
                    Purpose::ExportReport => self.export_report_to(path),
                    Purpose::ImportConnector => self.import_connector_file(path),
                    Purpose::ExportConnector => {
                        self.saved.export_connector_to(path, &self.draft, &self.bg)
                    }
                }
            }
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
        self.drain_messages();
        if self.check.is_running() || self.tenant.is_running() {
            ctx.request_repaint_after(RUN_REFRESH);
        }
        self.save_if_due();
        self.update_title(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.first_ui_hook(&ctx);
        // Keys act before the page is drawn, so the page they lead to shows in this frame.
        if let Some(action) = self.keys_action(&ctx) {
            self.apply(action);
        }
        if let Some(flow) = self.page.flow() {
            self.flow = flow;
        }
        let (lang, page) = (self.lang, self.page);
        let mut actions: Vec<Action> = Vec::new();
        let mut enter_fields = Vec::new();
        if self.drawn_page != Some(page) {
            // A page that opens puts the cursor in its first field (Tab from the top of the
            // window took 15 presses to get there).
            widgets::focus_first_field_next(&ctx);
            self.drawn_page = Some(page);
        }

        egui::Panel::top("top-bar").show(ui, |ui| {
            let top = nav::top_bar_ui(ui, lang, page, self.flow, self.draft.theme, |p| {
                self.can_visit(p)
            });
            actions.extend(top);
        });
        egui::Panel::bottom("nav-bar").show(ui, |ui| {
            let bottom = nav::nav_ui(ui, lang, page, |ui| match page.flow() {
                Some(Flow::Validate) => self.check.nav_ui(ui, lang, page),
                Some(Flow::Tenant) => tenant::nav_ui(ui, lang, page),
                _ => None,
            });
            actions.extend(bottom);
        });
        if page == Page::Connector {
            actions.extend(self.saved.panel_ui(ui, lang, &self.draft));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("page", page))
                .auto_shrink(false)
                .show(ui, |ui| {
                    // Long lines are hard to read on a wide screen.
                    ui.set_max_width(ui.available_width().min(MAX_CONTENT_WIDTH));
                    actions.extend(self.notices_ui(ui));
                    self.path_prompt_ui(ui);
                    if page.is_form() && page != Page::TestEmail {
                        self.check.problems_ui(ui, lang, &self.draft);
                    }
                    actions.extend(self.page_ui(ui, &mut enter_fields));
                });
        });
        self.enter_fields = enter_fields;
        widgets::forget_first_field_focus(&ctx);
        surrender_focus_after_typing(&ctx);
        self.focused_last_frame = ctx.memory(|m| m.focused());
        self.draft.window_size = window_size(&ctx).or(self.draft.window_size);
        if !actions.is_empty() {
            // The page an action leads to is drawn in the next frame.
            ctx.request_repaint();
        }
        for action in actions {
            self.apply(action);
        }

        let now = Instant::now();
        self.draft.sync_typed_fields();
        self.store.observe(&self.draft, now);
        if let Some(due) = self.store.due_in(now) {
            ctx.request_repaint_after(due);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.check.stop();
        self.tenant.stop();
        self.save_now();
    }
}

/// A press outside the focused field takes the focus away, at the end of the frame: the field
/// has had this frame's keystrokes by then. (egui's own surrender happens when the field is drawn,
/// before it reads the keys: the last character typed just before a click on Next was lost.)
fn surrender_focus_after_typing(ctx: &egui::Context) {
    // From the events: a click within one frame (press and release) leaves no press origin.
    let Some(press) = ctx.input(|i| {
        i.events.iter().find_map(|event| match event {
            egui::Event::PointerButton {
                pos, pressed: true, ..
            } => Some(*pos),
            _ => None,
        })
    }) else {
        return;
    };
    let Some(focused) = ctx.memory(|m| m.focused()) else {
        return;
    };
    let inside = ctx
        .read_response(focused)
        .is_some_and(|r| r.interact_rect.contains(press));
    if !inside {
        ctx.memory_mut(|m| m.surrender_focus(focused));
    }
}

/// The window's inner size in points, to open at the same size next time.
fn window_size(ctx: &egui::Context) -> Option<[u32; 2]> {
    let rect = ctx.input(|i| i.viewport().inner_rect)?;
    (rect.width() >= MIN_WINDOW[0] && rect.height() >= MIN_WINDOW[1])
        .then(|| [rect.width().round() as u32, rect.height().round() as u32])
}

/// The window's smallest size, in points.
const MIN_WINDOW: [f32; 2] = [640.0, 480.0];
/// The window's size the first time.
const FIRST_WINDOW: [f32; 2] = [960.0, 720.0];

/// The size the window had when it was last closed (kept in the draft), else the first size:
/// what `run_gui` opens the window at.
pub fn remembered_window_size(dirs: Option<&Dirs>) -> [f32; 2] {
    /// Only the size: reading the draft here must not set a damaged file aside (the app's own
    /// load does that, with a notice).
    #[derive(serde::Deserialize)]
    struct WindowOnly {
        window_size: Option<[u32; 2]>,
    }
    let size = dirs
        .and_then(|dirs| crate::store::read_store_file(&dirs.config.join(DRAFT_FILE)).ok())
        .flatten()
        .and_then(|bytes| serde_json::from_slice::<WindowOnly>(&bytes).ok())
        .and_then(|draft| draft.window_size);
    match size {
        Some([w, h]) => [
            (w as f32).clamp(MIN_WINDOW[0], 8192.0),
            (h as f32).clamp(MIN_WINDOW[1], 8192.0),
        ],
        _ => FIRST_WINDOW,
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
    let runtime = match crate::runtime::build() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!(
                "{}",
                tr_args(os_lang, "ui-runtime-error", &[("error", err.to_string())])
            );
            return ExitCode::from(crate::exit::EXIT_INPUT);
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
        .with_inner_size(remembered_window_size(config.dirs.as_ref()))
        .with_min_inner_size(MIN_WINDOW);
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
            ExitCode::from(crate::exit::EXIT_INPUT)
        }
    }
}
