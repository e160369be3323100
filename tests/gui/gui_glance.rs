//! Results at a glance in the wizard: the host × step matrix on top (failures first, a cell
//! jumps to its card), the verdict line, "Failures only", and the fix-command box with its Copy
//! button; steps Microsoft 365 never reaches are shown as such.

use std::path::Path;

use crate::support::gui::{
    Wizard, click, copied_texts, has_any_label, has_any_text, runtime, type_into, wait_until,
};
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};
use connector_doctor::app::Page;
use connector_doctor::checks::{Status, StepKind};
use connector_doctor::i18n::{Lang, tr};
use egui_kittest::kittest::Queryable;

fn wizard(rt: &tokio::runtime::Runtime, home: &Path, lang: Lang) -> Wizard {
    crate::support::gui::wizard(rt, home, Some(lang), 2000.0)
}

/// A named connector, DomainValidation for `mail.test.example`, the test CA, a test address.
fn run_domain_validation(harness: &mut Wizard, name: &str, host: &str) {
    let t = |id| tr(Lang::En, id);
    click(harness, "Validate a connector");
    type_into(harness, "Connector name", name);
    type_into(harness, "Recipient domains", "test.example");
    click(harness, "Next");
    type_into(harness, "Host 1", host);
    click(harness, "Next");
    click(harness, &t("ui-tls-domain-validation"));
    type_into(harness, "TLS domain", "mail.test.example");
    type_into(
        harness,
        &t("ui-ca-file"),
        &pki().ca_file().display().to_string(),
    );
    click(harness, "Next");
    type_into(harness, "Test address", "jane@test.example");
    click(harness, "Run the checks");
    wait_until(harness, "the Results page", |h| {
        h.state().page() == Page::Results
    });
}

#[test]
fn results_show_the_matrix_the_verdict_line_and_a_fix_box_whose_copy_copies_the_command() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::WrongName),
        ..Default::default()
    });
    let mut harness = wizard(&rt, home.path(), Lang::En);
    run_domain_validation(&mut harness, "Contoso 'lab'", &server.host_arg());

    let report = harness.state().results().expect("results").report.clone();
    let email = report
        .steps
        .iter()
        .find(|s| s.step == StepKind::TestEmail)
        .expect("a test-email step");
    assert_eq!(
        email.status,
        Status::NotReached,
        "never a pass after TLS failed"
    );

    assert!(has_any_label(&harness, "At a glance"));
    assert!(has_any_label(&harness, "Not reached"));
    assert!(has_any_text(
        &harness,
        "Microsoft 365 would fail at TLS on 127.0.0.1"
    ));
    // A failing cell is a button that jumps to its card.
    harness
        .get_all_by_label("Failed")
        .next()
        .expect("a failed cell")
        .click();
    harness.run();

    // The fix box: the exact command, quoted, and Copy puts it on the clipboard.
    let expected = "Set-OutboundConnector -Identity 'Contoso ''lab''' -TlsDomain 'other.invalid'";
    assert!(
        has_any_label(&harness, expected),
        "the command is shown as it is copied"
    );
    // One frame for the click: the copy command is in that frame's output.
    harness.get_by_label("Copy").click_accesskit();
    harness.step();
    assert!(
        copied_texts(&harness).iter().any(|t| t == expected),
        "{:?}",
        copied_texts(&harness)
    );
    harness.run();
    assert!(has_any_label(&harness, "Copied to the clipboard."));
}

#[test]
fn failures_only_hides_the_passing_steps_cards() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::WrongName),
        ..Default::default()
    });
    let mut harness = wizard(&rt, home.path(), Lang::En);
    run_domain_validation(&mut harness, "Lab", &server.host_arg());
    let connect_detail = "Connected to";
    assert!(
        harness
            .query_all_by_label_contains(connect_detail)
            .next()
            .is_some(),
        "the passing connect step's card is shown"
    );
    click(&mut harness, "Failures only");
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains(connect_detail)
            .next()
            .is_none(),
        "no passing card with Failures only"
    );
    assert!(
        has_any_label(&harness, "Copy"),
        "the failure and its fix stay"
    );
}
