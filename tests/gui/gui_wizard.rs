//! The desktop wizard driven by egui_kittest (headless, through its accessibility tree) against
//! the in-process fake SMTP servers of `tests/support`: what a technician does and sees.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::gui::{
    Wizard, click, has_any_label, has_label, idle, replace_text, runtime, step_until, type_into,
    value_of, wait_for_draft, wait_for_page,
};
use crate::support::{CertKind, FakeSmtp, Greeting, SmtpBehavior, StartTls, pki};
use connector_doctor::app::{DRAFT_FILE, Page};
use connector_doctor::i18n::{Lang, guidance, tr, tr_args};
use eframe::egui;
use egui_kittest::kittest::Queryable;

/// The real app, 1800 px tall, with a pinned language (or none: then the draft's, then the
/// OS's) and a private config dir.
fn wizard(rt: &tokio::runtime::Runtime, home: &Path, lang: Option<Lang>) -> Wizard {
    crate::support::gui::wizard(rt, home, lang, 1800.0)
}

/// Fills the form from the Start page up to the Test email page, in French.
fn fill_form_fr(harness: &mut Wizard, host: &str) {
    click(harness, "Valider un connecteur");
    assert_eq!(harness.state().page(), Page::Connector);
    type_into(harness, "Domaines destinataires", "test.example");
    click(harness, "Suivant");
    assert_eq!(harness.state().page(), Page::Hosts);
    type_into(harness, "Hôte 1", host);
    assert!(
        harness
            .query_by_label_contains("Correct : 127.0.0.1")
            .is_some(),
        "the host is validated as it is typed"
    );
    click(harness, "Suivant");
    assert_eq!(harness.state().page(), Page::Security);
    click(harness, "Certificat approuvé");
    let ca = pki().ca_file();
    type_into(
        harness,
        "Autorité de certification supplémentaire à approuver (fichier)",
        &ca.display().to_string(),
    );
    click(harness, "Suivant");
    assert_eq!(harness.state().page(), Page::TestEmail);
    type_into(harness, "Adresse de test", "jane@test.example");
}

#[test]
fn expired_certificate_shows_french_guidance_then_back_keeps_host_and_fix_passes() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let expired = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::Expired),
        ..Default::default()
    });
    let good = FakeSmtp::start(SmtpBehavior::default());
    let mut harness = wizard(&rt, home.path(), Some(Lang::Fr));

    fill_form_fr(&mut harness, &expired.host_arg());
    // Enter in a single-line field runs the checks.
    harness.key_press(egui::Key::Enter);
    harness.step();
    assert!(
        matches!(harness.state().page(), Page::Run | Page::Results),
        "Enter starts the run"
    );
    wait_for_page(&mut harness, Page::Results);

    let french_guidance = guidance(Lang::Fr, "tls.expired");
    assert!(
        !french_guidance.starts_with("guide-"),
        "the guidance exists in French"
    );
    assert!(
        has_label(&harness, &french_guidance),
        "the failing TLS step shows its French guidance beside it"
    );
    assert!(
        !has_label(&harness, &guidance(Lang::En, "tls.expired")),
        "no English guidance in the French UI"
    );
    assert!(has_any_label(&harness, &tr(Lang::Fr, "ui-results-fail")));
    assert!(has_any_label(&harness, &tr(Lang::Fr, "status-fail")));
    let report = &harness.state().results().expect("results").report;
    assert!(
        report
            .steps
            .iter()
            .any(|s| s.code.map(|c| c.as_str()) == Some("tls.expired")),
        "the engine reported tls.expired: {:?}",
        report.steps
    );

    click(&mut harness, "Précédent");
    assert_eq!(harness.state().page(), Page::Hosts);
    assert_eq!(
        value_of(&harness, "Hôte 1").as_deref(),
        Some(expired.host_arg().as_str()),
        "the host is still there after Back"
    );

    // Fix it: point the connector at the server with a valid certificate, then re-run.
    replace_text(&mut harness, "Hôte 1", &good.host_arg());
    click(&mut harness, "Suivant");
    click(&mut harness, "Suivant");
    assert_eq!(
        value_of(&harness, "Adresse de test").as_deref(),
        Some("jane@test.example"),
        "the rest of the form is kept too"
    );
    click(&mut harness, "Lancer les vérifications");
    wait_for_page(&mut harness, Page::Results);
    let report = &harness.state().results().expect("results").report;
    assert!(
        report
            .steps
            .iter()
            .all(|s| s.status != connector_doctor::checks::Status::Fail),
        "every step passes against the good server: {:?}",
        report.steps
    );
    // "Passed, with warnings": the test server is on loopback, which Microsoft 365 cannot
    // reach (resolve.private-address).
    assert!(has_label(&harness, &tr(Lang::Fr, "ui-results-warn")));
    assert!(!has_label(&harness, &french_guidance));

    // Re-run from the Results page runs the same request again.
    let connections = good.connections();
    harness.get_by_label("Relancer").click();
    harness.run_steps(2);
    assert_ne!(harness.state().page(), Page::TestEmail);
    wait_for_page(&mut harness, Page::Results);
    assert!(good.connections() > connections, "Re-run connects again");
}

#[test]
fn language_switch_rewords_the_page_live_and_is_remembered() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    {
        let mut harness = wizard(&rt, home.path(), Some(Lang::En));
        assert!(has_label(&harness, "Validate a connector"));
        assert!(has_label(&harness, "Next"));
        click(&mut harness, "Français");
        assert_eq!(harness.state().lang(), Lang::Fr);
        assert!(has_label(&harness, "Valider un connecteur"));
        assert!(has_label(&harness, "Suivant"));
        assert!(!has_label(&harness, "Validate a connector"));
        assert!(!has_label(&harness, "Next"));

        // Switching on a later page keeps what was typed there.
        click(&mut harness, "Suivant");
        click(&mut harness, "Suivant");
        type_into(&mut harness, "Hôte 1", "mail.contoso.com");
        click(&mut harness, "English");
        assert!(has_label(&harness, "Host 1"));
        assert_eq!(
            value_of(&harness, "Host 1").as_deref(),
            Some("mail.contoso.com")
        );
        click(&mut harness, "Français");
        wait_for_draft(&mut harness, home.path(), "\"fr\"");
    }
    // A new start with no pinned language takes the remembered one, and the typed host.
    let mut harness = wizard(&rt, home.path(), None);
    assert_eq!(harness.state().lang(), Lang::Fr);
    click(&mut harness, "Valider un connecteur");
    click(&mut harness, "Suivant");
    assert_eq!(
        value_of(&harness, "Hôte 1").as_deref(),
        Some("mail.contoso.com"),
        "the draft survives a restart"
    );
}

#[test]
fn cancel_stops_a_run_against_a_silent_server() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let silent = FakeSmtp::start(SmtpBehavior {
        greeting: Greeting::Silent,
        ..Default::default()
    });
    let mut harness = wizard(&rt, home.path(), Some(Lang::En));
    click(&mut harness, "Validate a connector");
    click(&mut harness, "Next");
    type_into(&mut harness, "Host 1", &silent.host_arg());
    click(&mut harness, "Next");
    click(&mut harness, "Next");
    click(&mut harness, "Run the checks");
    assert_eq!(harness.state().page(), Page::Run);

    // Wait until the engine is stuck waiting for the banner.
    step_until(&mut harness, "the engine to connect", |_| {
        silent.connections() > 0
    });
    harness.run_steps(5);
    assert!(harness.state().is_running());
    assert!(has_label(&harness, "Checking…"));

    let cancel_at = Instant::now();
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert_eq!(harness.state().page(), Page::Results);
    assert!(
        cancel_at.elapsed() < Duration::from_secs(2),
        "cancel is prompt"
    );
    assert!(!harness.state().is_running());
    assert!(has_label(&harness, &tr(Lang::En, "ui-results-cancelled")));

    // Nothing from the cancelled run arrives later.
    let steps_then = harness
        .state()
        .results()
        .expect("results")
        .report
        .steps
        .len();
    idle(&mut harness, 20, Duration::from_millis(25));
    assert_eq!(harness.state().page(), Page::Results);
    let view = harness.state().results().expect("results");
    assert!(view.report.cancelled);
    assert_eq!(view.report.steps.len(), steps_then);
}

#[test]
fn back_during_a_run_stops_it_and_returns_to_the_hosts() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let silent = FakeSmtp::start(SmtpBehavior {
        greeting: Greeting::Silent,
        ..Default::default()
    });
    let mut harness = wizard(&rt, home.path(), Some(Lang::En));
    click(&mut harness, "Validate a connector");
    click(&mut harness, "Next");
    type_into(&mut harness, "Host 1", &silent.host_arg());
    // Enter from the host field runs.
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    assert_eq!(harness.state().page(), Page::Run);
    // Esc goes back: the run stops and the hosts are as they were.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert_eq!(harness.state().page(), Page::Hosts);
    assert!(!harness.state().is_running());
    harness.run();
    assert_eq!(
        value_of(&harness, "Host 1").as_deref(),
        Some(silent.host_arg().as_str())
    );
    idle(&mut harness, 10, Duration::from_millis(20));
    assert_eq!(
        harness.state().page(),
        Page::Hosts,
        "no stale event moves the page"
    );
    assert!(harness.state().results().is_none());
}

#[test]
fn hosts_are_validated_as_typed_and_several_can_be_pasted() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let mut harness = wizard(&rt, home.path(), Some(Lang::Fr));
    click(&mut harness, "Valider un connecteur");
    click(&mut harness, "Suivant");
    type_into(
        &mut harness,
        "Hôte 1",
        "mail.contoso.com, 192.0.2.300\nsmtp.contoso.com:2525",
    );
    assert_eq!(
        harness.state().draft().connector.smart_hosts,
        vec!["mail.contoso.com", "192.0.2.300", "smtp.contoso.com:2525"],
        "a pasted list becomes one row per host"
    );
    assert!(has_label(&harness, "Hôte 3"));
    assert!(has_label(&harness, "Correct : mail.contoso.com, port 25"));
    assert!(has_label(&harness, "Correct : smtp.contoso.com, port 2525"));
    let reason = tr(Lang::Fr, "host-error-bad-ipv4");
    assert!(
        !reason.starts_with("host-error"),
        "the reason has French words"
    );
    assert!(
        has_label(&harness, &reason),
        "the reason is shown beside the bad entry"
    );
    // The bad entry blocks the run, with the reason listed.
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().page(), Page::Hosts);
    assert!(has_label(&harness, &tr(Lang::Fr, "ui-problems-title")));

    click(&mut harness, "Retirer l'hôte 2");
    assert_eq!(
        harness.state().draft().connector.smart_hosts,
        vec!["mail.contoso.com", "smtp.contoso.com:2525"]
    );
    assert!(!has_label(&harness, &reason));
    assert!(!has_label(&harness, &tr(Lang::Fr, "ui-problems-title")));

    click(&mut harness, "Ajouter un hôte");
    assert!(has_label(&harness, "Hôte 3"));
    assert!(
        harness.get_by_label("Hôte 3").is_focused(),
        "the new row takes the cursor"
    );
    harness.get_by_label("Hôte 3").type_text("user@contoso.com");
    harness.run();
    assert!(has_label(
        &harness,
        &tr(Lang::Fr, "host-error-looks-like-email")
    ));

    // MX mode hides the list but keeps it.
    click(
        &mut harness,
        "Utiliser les enregistrements MX du domaine du destinataire",
    );
    assert!(!has_label(&harness, "Hôte 1"));
    assert!(harness.state().draft().connector.use_mx_record);
    click(&mut harness, "Remettre à ces hôtes actifs");
    assert_eq!(
        value_of(&harness, "Hôte 1").as_deref(),
        Some("mail.contoso.com")
    );
}

#[test]
fn corrupt_draft_is_set_aside_and_the_app_starts_with_a_message() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join(DRAFT_FILE), b"{ \"connector\": [ not json").expect("write");

    let harness = wizard(&rt, home.path(), Some(Lang::En));
    assert_eq!(harness.state().page(), Page::Start);
    assert!(
        harness
            .query_by_label_contains("The saved form could not be read")
            .is_some(),
        "the person is told"
    );
    let kept: Vec<String> = std::fs::read_dir(&config)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("draft.json.corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1, "the unreadable file is kept aside: {kept:?}");
    assert!(!config.join(DRAFT_FILE).exists());
}

#[test]
fn domain_validation_asks_for_the_tls_domain() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let mut harness = wizard(&rt, home.path(), Some(Lang::En));
    click(&mut harness, "Validate a connector");
    click(&mut harness, "Next");
    type_into(&mut harness, "Host 1", "mail.contoso.com");
    click(&mut harness, "Next");
    assert!(!has_label(&harness, "TLS domain"));
    // The Exchange names are shown beside the four settings.
    for exchange in [
        "(none)",
        "(EncryptionOnly)",
        "(CertificateValidation)",
        "(DomainValidation)",
    ] {
        assert!(has_label(&harness, exchange), "{exchange} shown");
    }
    click(&mut harness, "Trusted certificate for a given name");
    assert!(has_label(&harness, "TLS domain"));
    click(&mut harness, "Next");
    assert!(
        harness
            .query_by_label_contains(&tr(Lang::En, "input-error-tls-domain-required"))
            .is_some()
    );
    click(&mut harness, "Run the checks");
    assert_eq!(
        harness.state().page(),
        Page::TestEmail,
        "no run without a TLS domain"
    );
    // Esc goes back a page.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().page(), Page::Security);
    type_into(&mut harness, "TLS domain", "*.contoso.com");
    assert_eq!(
        harness.state().draft().connector.tls_domain,
        "*.contoso.com"
    );
}

/// The words `connector-doctor check ARGS --lang LANG` (the real binary) prints for `option`:
/// the part of its line after the option and the quoted value.
fn cli_problem_text(args: &[&str], option: &str, lang: Lang) -> String {
    let code = match lang {
        Lang::En => "en",
        Lang::Fr => "fr",
    };
    let mut full = args.to_vec();
    full.extend(["--lang", code]);
    let run = crate::support::cli::check_raw(&full);
    run.expect_status(2);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with(&format!("{option} ")))
        .unwrap_or_else(|| panic!("no line for {option}\n{}", run.dump()));
    let rest = match lang {
        Lang::En => line.split_once("\": ").map(|(_, r)| r),
        Lang::Fr => line.split_once('»').map(|(_, r)| r),
    }
    .unwrap_or_else(|| panic!("no problem text in {line:?}"));
    rest.trim_start_matches([' ', '\u{a0}', '\u{202f}', ':'])
        .to_string()
}

#[test]
fn each_page_shows_the_same_input_problem_as_the_command_line() {
    let rt = runtime();
    let cr_lf = "mail.contoso.com\r\nRSET";
    let long_label = format!("{}.contoso.com", "a".repeat(300));
    let pasted_hosts = [long_label.as_str(), "http://mail.contoso.com"];
    for lang in [Lang::En, Lang::Fr] {
        let home = tempfile::tempdir().expect("home");
        // A line break cannot be pasted into a host row (a pasted list is split into rows), but a
        // saved form can hold one: the wizard opens on it.
        let config = home.path().join("config");
        std::fs::create_dir_all(&config).expect("config dir");
        let draft = serde_json::json!({"version": 1, "connector": {"smart_hosts": [cr_lf]}});
        std::fs::write(config.join(DRAFT_FILE), draft.to_string()).expect("draft");
        let mut harness = wizard(&rt, home.path(), Some(lang));
        let host_1 = tr_args(lang, "ui-hosts-entry", &[("number", "1".into())]);
        click(&mut harness, &tr(lang, "ui-start-validate"));
        click(&mut harness, &tr(lang, "ui-nav-next"));
        assert_eq!(harness.state().page(), Page::Hosts);
        let expected = cli_problem_text(&["--host", cr_lf], "--host", lang);
        assert!(
            has_any_label(&harness, &expected),
            "{lang:?} {cr_lf:?}: the hosts page should show {expected:?}"
        );

        // Each bad host, pasted, shows the CLI's words for --host.
        for bad in pasted_hosts {
            let expected = cli_problem_text(&["--host", bad], "--host", lang);
            replace_text(&mut harness, &host_1, bad);
            assert!(
                has_any_label(&harness, &expected),
                "{lang:?} {bad:?}: the hosts page should show {expected:?}"
            );
        }
        replace_text(&mut harness, &host_1, "mail.contoso.com");
        click(&mut harness, &tr(lang, "ui-nav-next"));
        assert_eq!(harness.state().page(), Page::Security);

        // Security page: TLS domain `*`.
        click(&mut harness, &tr(lang, "ui-tls-domain-validation"));
        let expected = cli_problem_text(
            &[
                "--host",
                "mail.contoso.com",
                "--tls",
                "domain-validation",
                "--tls-domain",
                "*",
            ],
            "--tls-domain",
            lang,
        );
        type_into(&mut harness, &tr(lang, "ui-tls-domain"), "*");
        assert!(
            has_any_label(&harness, &expected),
            "{lang:?}: the security page should show {expected:?}"
        );
        replace_text(&mut harness, &tr(lang, "ui-tls-domain"), "mail.contoso.com");
        click(&mut harness, &tr(lang, "ui-nav-next"));
        assert_eq!(harness.state().page(), Page::TestEmail);

        // Test email page: `jane@contoso`, as it is typed.
        let expected = cli_problem_text(
            &[
                "--host",
                "mail.contoso.com",
                "--test-address",
                "jane@contoso",
            ],
            "--test-address",
            lang,
        );
        type_into(&mut harness, &tr(lang, "ui-email-address"), "jane@contoso");
        assert!(
            has_any_label(&harness, &expected),
            "{lang:?}: the test-email page should show {expected:?}"
        );
        // And the run is refused, with the same words in the list of what to fix.
        click(&mut harness, &tr(lang, "ui-nav-run"));
        assert_eq!(harness.state().page(), Page::TestEmail);
        assert!(has_any_label(&harness, &format!("• {expected}")));
    }
}

#[test]
fn unreadable_ca_file_stops_the_run_on_the_security_page_with_the_cli_words() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let server = FakeSmtp::start(SmtpBehavior::default());
    let missing = home.path().join("no-such-ca.pem").display().to_string();
    let mut harness = wizard(&rt, home.path(), Some(Lang::En));
    click(&mut harness, "Validate a connector");
    click(&mut harness, "Next");
    type_into(&mut harness, "Host 1", &server.host_arg());
    click(&mut harness, "Next");
    type_into(&mut harness, &tr(Lang::En, "ui-ca-file"), &missing);
    click(&mut harness, "Next");
    click(&mut harness, "Run the checks");
    wait_for_page(&mut harness, Page::Security);
    let expected = cli_problem_text(
        &["--host", &server.host_arg(), "--ca-file", &missing],
        "--ca-file",
        Lang::En,
    );
    assert!(
        has_any_label(&harness, &expected),
        "the security page should show {expected:?}"
    );
    assert_eq!(server.connections(), 0, "nothing was sent");
}
