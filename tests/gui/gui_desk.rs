//! The technician's desk in the wizard: "Re-run until it passes" on the Results page and "Check
//! all saved connectors" in the saved-connectors panel, against the in-process fake SMTP server.

use std::path::Path;
use std::time::Duration;

use crate::support::cli::closed_port;
use crate::support::gui::{
    Wizard, click, fill_check_form, has_any_text, idle, runtime, wait_for_page, wait_until,
};
use crate::support::{FakeSmtp, Greeting, SmtpBehavior};
use connector_doctor::app::Page;
use connector_doctor::checks::Verdict;
use connector_doctor::i18n::{Lang, tr};
use connector_doctor::model::Connector;
use connector_doctor::store::profiles::Profiles;

fn wizard(rt: &tokio::runtime::Runtime, home: &Path, lang: Lang) -> Wizard {
    crate::support::gui::wizard(rt, home, Some(lang), 1400.0)
}

/// Nothing listens at first; with "Re-run until it passes" on, the wizard runs again on its own
/// and turns green once the server comes up, saying at which round.
#[test]
fn rerun_until_it_passes_turns_green_when_the_listener_comes_up() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let port = closed_port();
    let lang = Lang::En;
    let mut harness = wizard(&rt, home.path(), lang);
    fill_check_form(&mut harness, lang, &format!("127.0.0.1:{port}"));
    click(&mut harness, &tr(lang, "ui-nav-run"));
    wait_for_page(&mut harness, Page::Results);
    let first = &harness.state().results().expect("results").report;
    assert_eq!(first.verdict, Verdict::Fail);

    click(&mut harness, &tr(lang, "ui-watch-toggle"));
    assert!(
        has_any_text(&harness, "Round 1 failed. Next round in"),
        "the next round is announced"
    );
    let server = FakeSmtp::start_on(([127, 0, 0, 1], port).into(), SmtpBehavior::default());
    wait_until(&mut harness, "the green round", |h| {
        h.state().page() == Page::Results
            && h.state()
                .results()
                .is_some_and(|r| r.report.verdict == Verdict::Pass)
    });
    assert!(server.connections() >= 1);
    assert!(
        has_any_text(&harness, "Passed at round 2"),
        "the page says when it turned green"
    );
}

/// Cancel during a round of "Re-run until it passes" stops the watch: the Results page shows
/// the cancelled round and no next round comes.
#[test]
fn cancel_stops_rerun_until_it_passes() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let port = closed_port();
    let lang = Lang::Fr;
    let mut harness = wizard(&rt, home.path(), lang);
    fill_check_form(&mut harness, lang, &format!("127.0.0.1:{port}"));
    click(&mut harness, &tr(lang, "ui-nav-run"));
    wait_for_page(&mut harness, Page::Results);
    click(&mut harness, &tr(lang, "ui-watch-toggle"));
    assert!(has_any_text(&harness, "Prochaine passe dans"));
    // The next round meets a server that never speaks: it stays on the Run page.
    let silent = FakeSmtp::start_on(
        ([127, 0, 0, 1], port).into(),
        SmtpBehavior {
            greeting: Greeting::Silent,
            ..SmtpBehavior::default()
        },
    );
    wait_until(&mut harness, "round 2 under way", |h| {
        h.state().page() == Page::Run && silent.connections() > 0
    });
    click(&mut harness, &tr(lang, "ui-nav-cancel"));
    assert_eq!(harness.state().page(), Page::Results);
    assert!(!has_any_text(&harness, "Prochaine passe dans"));
    let connections = silent.connections();
    idle(&mut harness, 40, Duration::from_millis(200));
    assert_eq!(harness.state().page(), Page::Results);
    assert_eq!(silent.connections(), connections, "no round after Cancel");
}

fn save(home: &Path, name: &str, host: &str) {
    let connector = Connector {
        name: name.to_string(),
        smart_hosts: vec![host.to_string()],
        recipient_domains: vec!["test.example".to_string()],
        test_address: "jane@test.example".to_string(),
        ..Connector::default()
    };
    Profiles::in_dir(home.join("config").join("profiles"))
        .save(name, &connector)
        .expect("save a connector");
}

/// "Check all saved connectors" runs every saved connector and shows one line each, the failing
/// one with its first failure.
#[test]
fn check_all_saved_connectors_shows_one_row_per_connector() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let good = FakeSmtp::start(SmtpBehavior::default());
    save(home.path(), "Contoso", &good.host_arg());
    save(
        home.path(),
        "Fabrikam",
        &format!("127.0.0.1:{}", closed_port()),
    );
    let lang = Lang::Fr;
    let mut harness = wizard(&rt, home.path(), lang);
    click(&mut harness, &tr(lang, "ui-start-validate"));
    wait_until(&mut harness, "the saved list", |h| {
        has_any_text(h, "Fabrikam")
    });
    click(&mut harness, &tr(lang, "ui-fleet-check-all"));
    wait_until(&mut harness, "the summary table", |h| {
        has_any_text(h, "2 connecteurs — réussis : 1, en échec : 1")
    });
    assert!(has_any_text(&harness, "connect.refused"));
    assert!(has_any_text(
        &harness,
        &tr(lang, "fleet-column-first-failure")
    ));
}
