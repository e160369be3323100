//! Regression tests for the wizard's defects found by trying it as a helpdesk technician would
//! (issue 12): each test is named after what broke.

use std::time::Duration;

use crate::support::gui::{
    Wizard, click, has_any_text, has_label, idle, runtime, step_until, type_into, wait_for_page,
    wait_until,
};
use crate::support::{FakeSmtp, Greeting, SmtpBehavior};
use connector_doctor::app::{Page, ThemeChoice};
use connector_doctor::i18n::{Lang, tr};
use eframe::egui;
use egui_kittest::kittest::Queryable;

fn wizard(rt: &tokio::runtime::Runtime, home: &std::path::Path) -> Wizard {
    crate::support::gui::wizard(rt, home, Some(Lang::En), 1200.0)
}

/// Types `text` one character per frame, as a person types.
fn type_slowly(harness: &mut Wizard, text: &str) {
    for c in text.chars() {
        harness.event(egui::Event::Text(c.to_string()));
        harness.run();
    }
}

/// From Start to the Hosts page, with a recipient domain.
fn to_hosts(harness: &mut Wizard) {
    click(harness, "Validate a connector");
    type_into(harness, "Recipient domains", "test.example");
    click(harness, "Next");
    assert_eq!(harness.state().page(), Page::Hosts);
}

/// From the Hosts page, with `hosts` in their rows, to a finished run (Results page).
fn run_with_hosts(harness: &mut Wizard, hosts: &[String]) {
    to_hosts(harness);
    type_into(harness, "Host 1", &hosts.join(", "));
    click(harness, "Next");
    click(harness, "Next");
    type_into(harness, "Test address", "jane@test.example");
    click(harness, "Run the checks");
}

#[test]
fn host_list_typed_with_commas_and_spaces_gives_one_row_per_host_and_the_cursor_follows() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let mut harness = wizard(&rt, home.path());
    to_hosts(&mut harness);
    harness.get_by_label("Host 1").focus();
    harness.run();
    type_slowly(
        &mut harness,
        "127.0.0.1:3525, 127.0.0.1:3527, 127.0.0.1:3528",
    );
    assert_eq!(
        harness.state().draft().connector.smart_hosts,
        vec!["127.0.0.1:3525", "127.0.0.1:3527", "127.0.0.1:3528"],
        "each host typed after a comma goes to its own row, whole"
    );
    assert!(
        harness.get_by_label("Host 3").is_focused(),
        "the cursor is in the last row"
    );
}

#[test]
fn missing_ca_file_is_named_on_the_security_page_while_typing_and_no_empty_run_is_saved() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let good = FakeSmtp::start(SmtpBehavior::default());
    let mut harness = wizard(&rt, home.path());
    to_hosts(&mut harness);
    type_into(&mut harness, "Host 1", &good.host_arg());
    click(&mut harness, "Next");
    let missing = home.path().join("no-such-ca.pem");
    let missing_text = missing.display().to_string();
    type_into(
        &mut harness,
        "Extra trusted certification authority (file)",
        &missing_text,
    );
    wait_until(&mut harness, "the CA file named as missing", |h| {
        // A label (not the field's value) names the file: the reason it cannot be used.
        has_any_text(h, "no-such-ca.pem")
    });
    click(&mut harness, "Next");
    type_into(&mut harness, "Test address", "jane@test.example");
    click(&mut harness, "Run the checks");
    idle(&mut harness, 10, Duration::from_millis(20));
    assert_eq!(
        harness.state().page(),
        Page::Security,
        "the run is refused on the page that owns the CA file"
    );
    assert!(harness.state().results().is_none(), "no empty result page");
    let history = home.path().join("data");
    let saved_runs = walk(&history);
    assert!(
        saved_runs.is_empty(),
        "nothing was saved to the history: {saved_runs:?}"
    );
}

/// Every file under `dir` (none when it does not exist).
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn next_right_after_typing_keeps_the_last_character() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let mut harness = wizard(&rt, home.path());
    click(&mut harness, "Validate a connector");
    harness.get_by_label("Recipient domains").focus();
    harness.run();
    // The last key and the click on Next arrive in the same frame.
    harness
        .get_by_label("Recipient domains")
        .type_text("contoso.com");
    harness.get_by_label("Next").click();
    harness.run();
    assert_eq!(harness.state().page(), Page::Hosts);
    assert_eq!(
        harness.state().draft().recipient_domains_text,
        "contoso.com"
    );
}

#[test]
fn stale_results_are_marked_when_the_settings_changed_after_the_run() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let good = FakeSmtp::start(SmtpBehavior::default());
    let mut harness = wizard(&rt, home.path());
    run_with_hosts(&mut harness, &[good.host_arg()]);
    wait_for_page(&mut harness, Page::Results);
    let stale = tr(Lang::En, "ui-results-stale");
    assert!(!has_any_text(&harness, &stale), "fresh results: no notice");
    click(&mut harness, "3. Hosts");
    type_into(&mut harness, "Host 1", "0");
    click(&mut harness, "7. Results");
    assert_eq!(harness.state().page(), Page::Results);
    assert!(
        has_any_text(&harness, &stale),
        "the results say the settings changed since"
    );
}

#[test]
fn run_page_keeps_the_hosts_in_the_order_entered_and_shows_progress_and_timeout() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let silent: Vec<FakeSmtp> = (0..3)
        .map(|_| {
            FakeSmtp::start(SmtpBehavior {
                greeting: Greeting::Silent,
                ..Default::default()
            })
        })
        .collect();
    let hosts: Vec<String> = silent.iter().rev().map(FakeSmtp::host_arg).collect();
    let mut harness = wizard(&rt, home.path());
    run_with_hosts(&mut harness, &hosts);
    assert_eq!(harness.state().page(), Page::Run);
    step_until(&mut harness, "every host on the Run page", |h| {
        hosts
            .iter()
            .all(|host| h.query_by_label(&format!("Host {host}")).is_some())
    });
    harness.run();
    let heights: Vec<f32> = hosts
        .iter()
        .map(|host| harness.get_by_label(&format!("Host {host}")).rect().min.y)
        .collect();
    assert!(
        heights.windows(2).all(|w| w[0] < w[1]),
        "hosts in the order entered: {hosts:?} at {heights:?}"
    );
    assert!(
        has_any_text(&harness, "0 of 3 hosts done"),
        "overall progress is shown"
    );
    assert!(
        has_any_text(&harness, "given up after 20 s"),
        "the timeout is shown"
    );
    click(&mut harness, "Cancel");
}

#[test]
fn enter_on_start_opens_the_first_page_and_does_not_start_a_run() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let mut harness = wizard(&rt, home.path());
    assert_eq!(harness.state().page(), Page::Start);
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().page(), Page::Connector);
    assert!(!harness.state().is_running());
}

#[test]
fn esc_in_a_text_field_clears_focus_and_stays_on_the_page() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let mut harness = wizard(&rt, home.path());
    to_hosts(&mut harness);
    harness.get_by_label("Host 1").focus();
    harness.run();
    assert!(harness.get_by_label("Host 1").is_focused());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(
        harness.state().page(),
        Page::Hosts,
        "Esc left the field only"
    );
    assert!(!harness.get_by_label("Host 1").is_focused());
    // With nothing focused, Esc is Back.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().page(), Page::Connector);
}

#[test]
fn a_page_that_opens_puts_the_cursor_in_its_first_field() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let mut harness = wizard(&rt, home.path());
    click(&mut harness, "Validate a connector");
    assert!(harness.get_by_label("Connector name").is_focused());
    click(&mut harness, "Next");
    assert!(harness.get_by_label("Host 1").is_focused());
}

#[test]
fn export_without_a_file_dialog_falls_back_to_a_path_field_with_the_default_folder() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let good = FakeSmtp::start(SmtpBehavior::default());
    let mut harness = wizard(&rt, home.path());
    run_with_hosts(&mut harness, &[good.host_arg()]);
    wait_for_page(&mut harness, Page::Results);
    click(&mut harness, "Export report…");
    let label = tr(Lang::En, "ui-path-title-export-report");
    wait_until(&mut harness, "the path field", |h| {
        h.query_by_label(&label).is_some()
    });
    assert!(
        has_label(&harness, &tr(Lang::En, "ui-path-no-dialog")),
        "it says no dialog could open"
    );
    let folder = harness
        .state()
        .path_prompt_folder()
        .expect("a default folder")
        .to_string();
    assert!(
        has_any_text(&harness, &format!("Default folder: {folder}")),
        "the default folder is shown"
    );
    let target = home.path().join("report.md");
    harness
        .get_by_label(&label)
        .set_text_value_accesskit(&target.display().to_string());
    harness.run();
    click(&mut harness, "Use this path");
    wait_until(&mut harness, "the report on disk", |_| target.exists());
    let text = std::fs::read_to_string(&target).expect("report");
    assert!(text.contains(&good.host_arg()), "the report names the host");
}

#[test]
fn theme_toggle_in_the_header_switches_light_and_dark_and_is_kept() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let mut harness = wizard(&rt, home.path());
    click(&mut harness, &tr(Lang::En, "ui-theme-dark"));
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    assert_eq!(harness.state().draft().theme, ThemeChoice::Dark);
    click(&mut harness, &tr(Lang::En, "ui-theme-light"));
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    click(&mut harness, &tr(Lang::En, "ui-theme-system"));
    assert_eq!(harness.state().draft().theme, ThemeChoice::System);
}
