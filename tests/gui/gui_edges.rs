//! Words at the edges in the wizard: a round of "Re-run until it passes" is compared with the
//! round before it and says so, with the date written as the language writes it.

use std::path::Path;

use crate::support::cli::closed_port;
use crate::support::gui::{
    Wizard, click, fill_check_form, has_any_text, runtime, wait_for_page, wait_until,
};
use crate::support::{FakeSmtp, SmtpBehavior};
use connector_doctor::app::Page;
use connector_doctor::checks::Verdict;
use connector_doctor::i18n::{Lang, tr};
use egui_kittest::kittest::Queryable;

fn wizard(rt: &tokio::runtime::Runtime, home: &Path, lang: Lang) -> Wizard {
    crate::support::gui::wizard(rt, home, Some(lang), 1400.0)
}

/// Regression: the wizard headed the rounds of "Re-run until it passes" "Changes since the last
/// run", while `check --watch` says "Changes since the previous round".
fn watch_round_is_headed_since_the_previous_round(lang: Lang, date_mark: &str) {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let port = closed_port();
    let mut harness = wizard(&rt, home.path(), lang);
    fill_check_form(&mut harness, lang, &format!("127.0.0.1:{port}"));
    click(&mut harness, &tr(lang, "ui-nav-run"));
    wait_for_page(&mut harness, Page::Results);
    let first_started = harness
        .state()
        .results()
        .expect("results")
        .report
        .started_at;
    // The run the person started is compared with the last run (here: the first one).
    wait_until(&mut harness, "the first run's history", |h| {
        has_any_text(h, &tr(lang, "ui-changes-first-run"))
    });
    assert!(has_any_text(&harness, &tr(lang, "ui-changes-title")));
    assert!(!has_any_text(&harness, &tr(lang, "ui-changes-title-round")));

    click(&mut harness, &tr(lang, "ui-watch-toggle"));
    let server = FakeSmtp::start_on(([127, 0, 0, 1], port).into(), SmtpBehavior::default());
    let round_title = tr(lang, "ui-changes-title-round");
    // "Compared with the previous round, run on 2026-10-02 14:05 UTC." / "… le 02/10/2026 …"
    let since = tr(lang, "ui-changes-since-round");
    let lead = since.split(',').next().unwrap_or_default().to_string();
    wait_until(&mut harness, "the green round compared", |h| {
        h.state().page() == Page::Results
            && h.state()
                .results()
                .is_some_and(|r| r.report.verdict == Verdict::Pass)
            && has_any_text(h, &lead)
    });
    assert!(has_any_text(&harness, &round_title));
    assert!(server.connections() >= 1);
    let old_title = tr(lang, "ui-changes-title");
    let found: Vec<String> = harness
        .query_all_by_label_contains(&old_title)
        .map(|n| format!("{n:?}"))
        .collect();
    assert!(
        found.is_empty(),
        "{lang:?}: still headed as a comparison with the last run: {found:?}"
    );
    // The round compared with is the first run, its time written as the language does.
    let when = connector_doctor::i18n::date_time(lang, first_started);
    assert!(
        has_any_text(&harness, &format!("{when}.")),
        "{lang:?}: no {when}"
    );
    assert!(when.contains(date_mark), "{when}");
    assert!(!has_any_text(&harness, "Z)"), "{lang:?}: raw timestamp");
}

#[test]
fn watch_round_is_headed_since_the_previous_round_in_english() {
    watch_round_is_headed_since_the_previous_round(Lang::En, "-");
}

#[test]
fn watch_round_is_headed_since_the_previous_round_in_french() {
    watch_round_is_headed_since_the_previous_round(Lang::Fr, "/");
}
