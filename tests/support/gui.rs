//! egui_kittest helpers shared by the GUI tests (`gui_wizard`, `gui_tenant`, `gui_reports`): the
//! wizard built headless in a private home, and what a person does with it (click, type, paste)
//! and waits for, through the accessibility tree.

use std::path::Path;
use std::time::{Duration, Instant};

use connector_doctor::app::{AppConfig, DRAFT_FILE, Page, WizardApp};
use connector_doctor::i18n::Lang;
use connector_doctor::store::Dirs;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Longest wait for a run against loopback servers or for background file work.
pub const LIMIT: Duration = Duration::from_secs(30);

pub type Wizard = Harness<'static, WizardApp>;

/// The multi-thread runtime the app's engine runs on.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("test runtime")
}

/// The config and data dirs under a private test home.
pub fn dirs(home: &Path) -> Dirs {
    Dirs {
        config: home.join("config"),
        data: home.join("data"),
    }
}

/// The real app, 1100 px wide and `height` px tall, with a pinned language (or none: then the
/// draft's, then the OS's) and its files under `home`.
pub fn wizard(
    rt: &tokio::runtime::Runtime,
    home: &Path,
    lang: Option<Lang>,
    height: f32,
) -> Wizard {
    let mut config = AppConfig::new(rt.handle().clone());
    config.lang = lang;
    config.dirs = Some(dirs(home));
    // No system file dialog in a test: the wizard's own path field stands in for it.
    config.file_dialogs = false;
    Harness::builder()
        .with_size(egui::vec2(1100.0, height))
        .with_max_steps(40)
        .build_eframe(move |cc| WizardApp::new(&cc.egui_ctx, config))
}

pub fn click(harness: &mut Harness<'_, WizardApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// Puts the cursor in the field named `label` and types `text`, as a person would.
pub fn type_into(harness: &mut Harness<'_, WizardApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Replaces the whole text of the field named `label` (a paste over a selection).
pub fn replace_text(harness: &mut Harness<'_, WizardApp>, label: &str, text: &str) {
    harness.get_by_label(label).set_text_value_accesskit(text);
    harness.run();
}

/// The value of the field named `label`.
pub fn value_of(harness: &Harness<'_, WizardApp>, label: &str) -> Option<String> {
    harness.get_by_label(label).value()
}

/// Whether a node is named exactly `label`; panics (kittest's `query_by_label`) when two are.
pub fn has_label(harness: &Harness<'_, WizardApp>, label: &str) -> bool {
    harness.query_by_label(label).is_some()
}

/// Whether at least one node is named exactly `label` (several may be).
pub fn has_any_label(harness: &Harness<'_, WizardApp>, label: &str) -> bool {
    harness.query_all_by_label(label).next().is_some()
}

/// Whether at least one node's name contains `part`.
pub fn has_any_text(harness: &Harness<'_, WizardApp>, part: &str) -> bool {
    harness.query_all_by_label_contains(part).next().is_some()
}

/// Steps the UI (the engine works on the runtime meanwhile), 20 ms apart, while `done` does not
/// hold yet; fails after [`LIMIT`].
pub fn step_until<'a>(
    harness: &mut Harness<'a, WizardApp>,
    what: &str,
    done: impl Fn(&Harness<'a, WizardApp>) -> bool,
) {
    let start = Instant::now();
    while !done(harness) {
        assert!(
            start.elapsed() < LIMIT,
            "gave up waiting for {what} after {LIMIT:?}; still on {:?}",
            harness.state().page()
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Steps the UI until `page` shows, then lets it settle.
pub fn wait_for_page(harness: &mut Harness<'_, WizardApp>, page: Page) {
    step_until(harness, &format!("the {page:?} page"), |h| {
        h.state().page() == page
    });
    harness.run();
}

/// Steps the UI once, then again 20 ms apart until `done` holds, then lets it settle; fails after
/// [`LIMIT`].
pub fn wait_until<'a>(
    harness: &mut Harness<'a, WizardApp>,
    what: &str,
    done: impl Fn(&Harness<'a, WizardApp>) -> bool,
) {
    let start = Instant::now();
    loop {
        harness.step();
        if done(harness) {
            harness.run();
            return;
        }
        assert!(
            start.elapsed() < LIMIT,
            "gave up waiting for {what} after {LIMIT:?}; page {:?}",
            harness.state().page()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Keeps stepping until the debounced draft write has put `needle` on disk.
pub fn wait_for_draft(harness: &mut Harness<'_, WizardApp>, home: &Path, needle: &str) {
    let path = home.join("config").join(DRAFT_FILE);
    let start = Instant::now();
    loop {
        harness.step();
        if std::fs::read_to_string(&path).is_ok_and(|text| text.contains(needle)) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the draft was not saved with {needle}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Steps `frames` frames, `pause` apart, for late events to show (or not).
pub fn idle(harness: &mut Harness<'_, WizardApp>, frames: usize, pause: Duration) {
    for _ in 0..frames {
        harness.step();
        std::thread::sleep(pause);
    }
}

/// The texts the last frame put on the clipboard.
pub fn copied_texts(harness: &Harness<'_, WizardApp>) -> Vec<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// From the Start page to the Test email page, in `lang`: recipient domain `test.example`, one
/// host, and the test address `jane@test.example` typed in.
pub fn fill_check_form(harness: &mut Wizard, lang: Lang, host: &str) {
    use connector_doctor::i18n::{tr, tr_args};
    click(harness, &tr(lang, "ui-start-validate"));
    type_into(harness, &tr(lang, "ui-connector-domains"), "test.example");
    click(harness, &tr(lang, "ui-nav-next"));
    type_into(
        harness,
        &tr_args(lang, "ui-hosts-entry", &[("number", "1".to_string())]),
        host,
    );
    click(harness, &tr(lang, "ui-nav-next"));
    click(harness, &tr(lang, "ui-nav-next"));
    assert_eq!(harness.state().page(), Page::TestEmail);
    type_into(harness, &tr(lang, "ui-email-address"), "jane@test.example");
}
