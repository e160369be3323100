//! The wizard's reports, saved connectors and run history, driven by egui_kittest against the
//! in-process fake SMTP servers of `tests/support`. Each test keeps its files in its own temporary
//! CONNECTOR_DOCTOR_HOME (through `AppConfig::dirs`).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::gui::{
    Wizard, click, copied_texts, has_any_label, has_any_text, idle, replace_text, runtime,
    type_into, value_of, wait_until,
};
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};
use connector_doctor::app::Page;
use connector_doctor::checks::{Status, StepKind};
use connector_doctor::i18n::{Lang, tr, tr_args};
use connector_doctor::model::{ConnectorType, TlsPolicy};
use egui_kittest::kittest::Queryable;

/// The real app, 2000 px tall, in `lang`, with its files under `home`.
fn wizard(rt: &tokio::runtime::Runtime, home: &Path, lang: Lang) -> Wizard {
    crate::support::gui::wizard(rt, home, Some(lang), 2000.0)
}

fn wait_for_results(harness: &mut Wizard) {
    wait_until(harness, "the Results page", |h| {
        h.state().page() == Page::Results
    });
}

/// Validate a connector → the Test email page, in English: one host, trusted certificate with
/// the test CA, a test address.
fn fill_form_en(harness: &mut Wizard, host: &str) {
    click(harness, "Validate a connector");
    assert_eq!(harness.state().page(), Page::Connector);
    type_into(harness, "Recipient domains", "test.example");
    click(harness, "Next");
    type_into(harness, "Host 1", host);
    click(harness, "Next");
    click(harness, &tr(Lang::En, "ui-tls-certificate-validation"));
    type_into(
        harness,
        &tr(Lang::En, "ui-ca-file"),
        &pki().ca_file().display().to_string(),
    );
    click(harness, "Next");
    assert_eq!(harness.state().page(), Page::TestEmail);
    type_into(harness, "Test address", "jane@test.example");
}

fn tls_thumbprint(harness: &Wizard) -> Option<String> {
    let report = &harness.state().results()?.report;
    report
        .steps
        .iter()
        .find(|s| s.step == StepKind::Tls)
        .and_then(|s| s.certificate())
        .map(|c| c.sha1_thumbprint.clone())
}

#[test]
fn changes_since_the_last_run_show_tls_going_from_failed_to_passed_with_the_new_certificate() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let expired = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::Expired),
        ..Default::default()
    });
    let addr = expired.addr();
    let mut harness = wizard(&rt, home.path(), Lang::En);

    fill_form_en(&mut harness, &expired.host_arg());
    click(&mut harness, "Run the checks");
    wait_for_results(&mut harness);
    let first = harness.state().results().expect("results").report.clone();
    assert!(
        first
            .steps
            .iter()
            .any(|s| s.step == StepKind::Tls && s.status == Status::Fail),
        "the TLS step fails against the expired certificate: {:?}",
        first.steps
    );
    let first_run = tr(Lang::En, "ui-changes-first-run");
    wait_until(&mut harness, "the first-run note", |h| {
        has_any_label(h, &first_run)
    });
    assert!(has_any_label(&harness, "Changes since the last run"));
    let history = home.path().join("data").join("history");
    let kept = std::fs::read_dir(&history).map(|d| d.count()).unwrap_or(0);
    assert_eq!(kept, 1, "the finished run is kept in {}", history.display());

    // The admin renews the certificate: same address, a valid certificate now.
    drop(expired);
    let _fixed = FakeSmtp::start_on(addr, SmtpBehavior::default());
    click(&mut harness, "Re-run");
    wait_for_results(&mut harness);
    let second = &harness.state().results().expect("results").report;
    assert!(
        second.steps.iter().all(|s| s.status != Status::Fail),
        "everything passes once fixed: {:?}",
        second.steps
    );
    let new_thumbprint = tls_thumbprint(&harness).expect("the valid certificate was seen");

    let tls_change = format!(
        "{}: {} (tls.expired) → {}",
        tr(Lang::En, StepKind::Tls.label_id()),
        tr(Lang::En, "status-fail"),
        tr(Lang::En, "status-pass")
    );
    wait_until(&mut harness, "the TLS change", |h| {
        has_any_text(h, &tls_change)
    });
    assert!(
        !has_any_label(&harness, &first_run),
        "no first-run note on the second run"
    );
    assert!(
        has_any_text(&harness, &new_thumbprint),
        "the new certificate's thumbprint is named"
    );
    assert!(has_any_text(&harness, "certificate"));
    assert!(has_any_text(&harness, "Overall result: failed → passed"));
    assert!(
        has_any_label(&harness, &tr(Lang::En, "ui-changes-better")),
        "a good-news icon, named for screen readers"
    );
    assert!(!has_any_label(&harness, &tr(Lang::En, "ui-changes-worse")));
    let kept = std::fs::read_dir(&history).map(|d| d.count()).unwrap_or(0);
    assert_eq!(kept, 2, "both runs are kept");

    // The section follows a language switch, live.
    click(&mut harness, "Français");
    assert!(has_any_label(
        &harness,
        "Changements depuis la dernière exécution"
    ));
    let tls_change_fr = format!(
        "{} : {} (tls.expired) → {}",
        tr(Lang::Fr, StepKind::Tls.label_id()),
        tr(Lang::Fr, "status-fail"),
        tr(Lang::Fr, "status-pass")
    );
    assert!(has_any_text(&harness, &tls_change_fr), "{tls_change_fr}");
    assert!(!has_any_label(&harness, "Changes since the last run"));
}

#[test]
fn a_cancelled_run_is_neither_compared_nor_kept() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let silent = FakeSmtp::start(SmtpBehavior {
        greeting: crate::support::Greeting::Silent,
        ..Default::default()
    });
    let mut harness = wizard(&rt, home.path(), Lang::En);
    click(&mut harness, "Validate a connector");
    click(&mut harness, "Next");
    type_into(&mut harness, "Host 1", &silent.host_arg());
    click(&mut harness, "Next");
    click(&mut harness, "Next");
    click(&mut harness, "Run the checks");
    wait_until(&mut harness, "a connection", |_| silent.connections() > 0);
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert_eq!(harness.state().page(), Page::Results);
    harness.run();
    assert!(has_any_label(
        &harness,
        &tr(Lang::En, "ui-changes-not-kept")
    ));
    idle(&mut harness, 10, Duration::from_millis(20));
    assert!(
        !home.path().join("data").join("history").exists(),
        "nothing is written for a cancelled run"
    );
}

#[test]
fn copy_as_markdown_and_export_from_the_results_page() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let good = FakeSmtp::start(SmtpBehavior::default());
    let mut harness = wizard(&rt, home.path(), Lang::En);
    fill_form_en(&mut harness, &good.host_arg());
    click(&mut harness, "Run the checks");
    wait_for_results(&mut harness);

    // One frame for the click: the copy command is in that frame's output.
    harness.get_by_label("Copy as Markdown").click_accesskit();
    harness.step();
    let copied = copied_texts(&harness);
    assert_eq!(copied.len(), 1, "one copy to the clipboard: {copied:?}");
    // Loopback is a private address (a warning): a pass with warnings.
    let verdict = tr(Lang::En, "report-verdict-pass-warnings");
    assert!(
        copied[0].contains(&verdict),
        "the Markdown carries the verdict {verdict:?}:\n{}",
        copied[0]
    );
    assert!(copied[0].contains(&good.host_arg()), "and the host");
    harness.run();
    assert!(has_any_label(&harness, &tr(Lang::En, "ui-copy-done")));

    // Export: what the save dialog does with the chosen file, format by extension.
    let out = tempfile::tempdir().expect("out");
    for (name, needle) in [
        ("ticket.md", verdict.clone()),
        ("ticket.html", "<html".to_string()),
        ("ticket.json", "\"schema_version\"".to_string()),
    ] {
        let path = out.path().join(name);
        harness.state_mut().export_report_to(path.clone());
        let saved = tr_args(
            Lang::En,
            "ui-export-written",
            &[("path", path.display().to_string())],
        );
        wait_until(&mut harness, "the export", |h| has_any_label(h, &saved));
        let text = std::fs::read_to_string(&path).expect("the report file");
        assert!(text.contains(&needle), "{name} holds {needle:?}");
        assert!(text.contains(&good.host_arg()), "{name} names the host");
    }
    // No extension: HTML. An unknown one: refused, with the reason in the UI's language.
    harness
        .state_mut()
        .export_report_to(out.path().join("ticket"));
    let html = out.path().join("ticket.html");
    let saved = tr_args(
        Lang::En,
        "ui-export-written",
        &[("path", html.display().to_string())],
    );
    wait_until(&mut harness, "the export", |h| has_any_label(h, &saved));
    click(&mut harness, "Français");
    let txt = out.path().join("ticket.txt");
    harness.state_mut().export_report_to(txt.clone());
    let refusal = tr_args(
        Lang::Fr,
        "report-error-format",
        &[("file", txt.display().to_string())],
    );
    wait_until(&mut harness, "the refusal", |h| has_any_label(h, &refusal));
    assert!(
        !txt.exists(),
        "nothing is written under an unknown extension"
    );
    assert!(has_any_label(&harness, "Exporter le rapport…"));
    assert!(has_any_label(&harness, "Copier en Markdown"));
}

fn connector_page(harness: &mut Wizard, lang: Lang) {
    click(harness, &tr(lang, "ui-start-validate"));
    assert_eq!(harness.state().page(), Page::Connector);
}

#[test]
fn save_list_load_rename_and_delete_a_connector_through_the_ui() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let mut harness = wizard(&rt, home.path(), Lang::Fr);
    connector_page(&mut harness, Lang::Fr);
    let empty = tr(Lang::Fr, "ui-saved-empty");
    wait_until(&mut harness, "the empty list", |h| has_any_label(h, &empty));

    type_into(&mut harness, "Nom du connecteur", "Contoso sortant");
    type_into(&mut harness, "Domaines destinataires", "contoso.com");
    click(&mut harness, "Suivant");
    type_into(&mut harness, "Hôte 1", "mail.contoso.com");
    click(&mut harness, "Précédent");
    assert_eq!(harness.state().page(), Page::Connector);

    // Save: the name typed in the form is the default.
    click(&mut harness, "Enregistrer");
    let load = "Charger « Contoso sortant » dans le formulaire";
    wait_until(&mut harness, "the saved connector in the list", |h| {
        has_any_label(h, load)
    });
    assert!(has_any_label(
        &harness,
        "Enregistré sous « Contoso sortant »."
    ));
    let profiles = home.path().join("config").join("profiles");
    assert_eq!(
        std::fs::read_dir(&profiles).expect("profiles").count(),
        1,
        "one file under {}",
        profiles.display()
    );

    // Change the form, then load the saved connector back.
    replace_text(&mut harness, "Nom du connecteur", "Autre");
    replace_text(&mut harness, "Domaines destinataires", "fabrikam.com");
    click(&mut harness, "Suivant");
    replace_text(&mut harness, "Hôte 1", "smtp.fabrikam.com");
    click(&mut harness, "Précédent");
    click(&mut harness, load);
    let connector = &harness.state().draft().connector;
    assert_eq!(connector.name, "Contoso sortant");
    assert_eq!(connector.smart_hosts, vec!["mail.contoso.com"]);
    assert_eq!(connector.recipient_domains, vec!["contoso.com"]);
    assert_eq!(
        value_of(&harness, "Domaines destinataires").as_deref(),
        Some("contoso.com")
    );
    assert!(has_any_label(
        &harness,
        "« Contoso sortant » est maintenant dans le formulaire."
    ));

    // Nothing typed is lost: Undo load puts the changed form back.
    click(&mut harness, "Annuler le chargement");
    let connector = &harness.state().draft().connector;
    assert_eq!(connector.name, "Autre");
    assert_eq!(connector.smart_hosts, vec!["smtp.fabrikam.com"]);
    assert_eq!(
        value_of(&harness, "Domaines destinataires").as_deref(),
        Some("fabrikam.com")
    );
    assert!(!has_any_label(&harness, "Annuler le chargement"));

    // Once the loaded form is edited, Undo is no longer offered: it would throw the edit away.
    click(&mut harness, load);
    assert!(has_any_label(&harness, "Annuler le chargement"));
    replace_text(&mut harness, "Nom du connecteur", "Contoso sortant (test)");
    assert!(!has_any_label(&harness, "Annuler le chargement"));
    assert_eq!(
        harness.state().draft().connector.name,
        "Contoso sortant (test)"
    );
    replace_text(&mut harness, "Nom du connecteur", "Autre");

    // Saving over an existing name asks first.
    type_into(
        &mut harness,
        "Enregistrer le connecteur actuel sous",
        "contoso SORTANT",
    );
    click(&mut harness, "Enregistrer");
    assert!(has_any_text(
        &harness,
        "Un connecteur enregistré s'appelle déjà « Contoso sortant »"
    ));
    click(&mut harness, "Annuler");
    assert!(!has_any_text(&harness, "s'appelle déjà"));

    // Rename, then delete.
    click(&mut harness, "Renommer « Contoso sortant »");
    replace_text(
        &mut harness,
        "Nouveau nom pour « Contoso sortant »",
        "Contoso UE",
    );
    click(&mut harness, "Renommer « Contoso sortant » maintenant");
    let load_renamed = "Charger « Contoso UE » dans le formulaire";
    wait_until(&mut harness, "the renamed connector", |h| {
        has_any_label(h, load_renamed)
    });
    assert!(!has_any_label(&harness, load));
    click(&mut harness, "Supprimer « Contoso UE »");
    assert!(has_any_text(
        &harness,
        "Supprimer le connecteur enregistré « Contoso UE »"
    ));
    click(&mut harness, "Oui, supprimer « Contoso UE »");
    wait_until(&mut harness, "the empty list again", |h| {
        has_any_label(h, &empty)
    });
    assert_eq!(std::fs::read_dir(&profiles).expect("profiles").count(), 0);
    assert_eq!(
        harness.state().draft().connector.name,
        "Autre",
        "deleting a saved connector leaves the form alone"
    );
}

/// `Get-OutboundConnector "Fabrikam partner" | ConvertTo-Json` as Windows PowerShell writes it
/// with `Out-File`: UTF-16 with a byte-order mark.
const OUTBOUND_CONNECTOR_JSON: &str = r#"{
    "Identity": "Fabrikam partner",
    "Name": "Fabrikam partner",
    "Enabled": true,
    "UseMXRecord": false,
    "ConnectorType": "Partner",
    "SmartHosts": ["smtp.fabrikam.com", "relay.fabrikam.com:2525", "192.0.2.0/24"],
    "RecipientDomains": ["fabrikam.com", "*.fabrikam.net"],
    "TlsSettings": "DomainValidation",
    "TlsDomain": "*.fabrikam.com",
    "ValidationRecipients": ["postmaster@fabrikam.com"]
}"#;

#[test]
fn importing_a_get_outbound_connector_file_fills_the_form_and_pasted_json_too() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("fabrikam.json");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in OUTBOUND_CONNECTOR_JSON.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(&file, bytes).expect("write the export");

    let mut harness = wizard(&rt, home.path(), Lang::En);
    connector_page(&mut harness, Lang::En);
    type_into(&mut harness, "Connector name", "Typed before");
    harness.state_mut().import_connector_file(file);
    let imported = "\"Fabrikam partner\" was imported into the form. Check it, then save it if you want to keep it.";
    wait_until(&mut harness, "the import", |h| has_any_label(h, imported));

    let connector = &harness.state().draft().connector;
    assert_eq!(connector.name, "Fabrikam partner");
    assert_eq!(connector.connector_type, ConnectorType::Partner);
    assert_eq!(
        connector.smart_hosts,
        vec!["smtp.fabrikam.com", "relay.fabrikam.com:2525"]
    );
    assert_eq!(connector.tls_settings, TlsPolicy::DomainValidation);
    assert_eq!(connector.tls_domain, "*.fabrikam.com");
    assert_eq!(connector.test_address, "postmaster@fabrikam.com");
    assert_eq!(
        value_of(&harness, "Connector name").as_deref(),
        Some("Fabrikam partner"),
        "the form shows it"
    );
    assert_eq!(
        value_of(&harness, "Recipient domains").as_deref(),
        Some("fabrikam.com, *.fabrikam.net")
    );
    // What could not be used is said, in the UI's language.
    assert!(
        has_any_text(&harness, "192.0.2.0/24"),
        "the range is reported"
    );
    assert!(
        has_any_text(&harness, "Enabled"),
        "unused properties are named"
    );
    assert_eq!(
        value_of(&harness, "Save the current connector as").as_deref(),
        Some("Fabrikam partner"),
        "one click on Save keeps it"
    );

    // Pasted JSON holding two connectors: choose one.
    click(&mut harness, "Paste the output of Get-OutboundConnector");
    let pasted = r#"[
        {"Name": "Woodgrove EU", "SmartHosts": ["mx1.woodgrove.eu"], "TlsSettings": "EncryptionOnly"},
        {"Name": "Woodgrove US", "SmartHosts": ["mx1.woodgrove.us"], "TlsSettings": null}
    ]"#;
    replace_text(&mut harness, "JSON to import", pasted);
    click(&mut harness, "Import the pasted text");
    assert!(has_any_text(&harness, "This file holds 2 connectors"));
    click(&mut harness, "Load \"Woodgrove US\" into the form");
    let connector = &harness.state().draft().connector;
    assert_eq!(connector.name, "Woodgrove US");
    assert_eq!(connector.smart_hosts, vec!["mx1.woodgrove.us"]);
    assert!(!has_any_text(&harness, "This file holds 2 connectors"));

    // Undo goes back one load: to the imported file.
    click(&mut harness, "Undo load");
    assert_eq!(harness.state().draft().connector.name, "Fabrikam partner");

    // Text that is not a connector is refused with a reason, the form untouched.
    replace_text(&mut harness, "JSON to import", "{ \"hello\": ");
    click(&mut harness, "Import the pasted text");
    assert!(has_any_label(
        &harness,
        &tr(Lang::En, "ui-saved-paste-invalid")
    ));
    assert_eq!(harness.state().draft().connector.name, "Fabrikam partner");
}

#[test]
fn a_corrupt_saved_connector_is_reported_and_left_as_it_is() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let profiles = home.path().join("config").join("profiles");
    std::fs::create_dir_all(&profiles).expect("profiles dir");
    std::fs::write(profiles.join("broken.json"), b"{ \"schema_version\": 1, ").expect("write");

    let mut harness = wizard(&rt, home.path(), Lang::En);
    connector_page(&mut harness, Lang::En);
    let title = tr(Lang::En, "ui-saved-problems-title");
    wait_until(&mut harness, "the problem", |h| has_any_label(h, &title));
    assert!(has_any_text(&harness, "broken.json"));
    assert!(has_any_label(&harness, &tr(Lang::En, "ui-saved-empty")));
    let kept: Vec<String> = std::fs::read_dir(&profiles)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        kept,
        vec!["broken.json".to_string()],
        "listed, not renamed behind the user's back"
    );
    click(&mut harness, "Close");
    assert!(!has_any_label(&harness, &title));
}

/// Local servers for `assets/screenshots/make-reports.sh` (not a test of its own: ignored unless
/// asked for). Serves an expired certificate at `$GUI_REPORTS_FIXTURE_OUT`'s `ADDR` until
/// `$GUI_REPORTS_FIXTURE_OUT.swap` appears, then a valid one at the same address (so that two
/// runs of one connector differ only by the certificate), until `….stop` appears.
#[test]
#[ignore = "a server for the screenshot script, not a test"]
fn serve_compare_fixture() {
    let Some(out) = std::env::var_os("GUI_REPORTS_FIXTURE_OUT").map(std::path::PathBuf::from)
    else {
        eprintln!("GUI_REPORTS_FIXTURE_OUT is not set: nothing to do");
        return;
    };
    let sibling = |suffix: &str| {
        let mut name = out.clone().into_os_string();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    let wait_for = |path: &Path| {
        let start = Instant::now();
        while !path.exists() && start.elapsed() < Duration::from_secs(600) {
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let expired = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::Expired),
        ..Default::default()
    });
    let addr = expired.addr();
    let text = format!("ADDR={addr}\nCA_FILE={}\n", pki().ca_file().display());
    std::fs::write(&out, text).expect("write the fixture address");
    wait_for(&sibling(".swap"));
    drop(expired);
    let _valid = FakeSmtp::start_on(addr, SmtpBehavior::default());
    std::fs::write(sibling(".swapped"), b"").expect("say the server changed");
    wait_for(&sibling(".stop"));
}
