//! The Security page's domain-security files (issue 13): the trust-anchor file and the next
//! certificate appear when the step is ticked, and a file that cannot be used stops the run on
//! that page, named, before any traffic.

use std::time::Duration;

use crate::support::gui::{click, has_any_text, idle, runtime, type_into, wait_until};
use crate::support::{FakeSmtp, SmtpBehavior};
use connector_doctor::app::Page;
use connector_doctor::i18n::{Lang, tr};
use egui_kittest::kittest::Queryable;

#[test]
fn domain_security_files_appear_when_ticked_and_a_missing_next_certificate_stops_the_run_on_the_security_page()
 {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let server = FakeSmtp::start(SmtpBehavior::default());
    let mut harness = crate::support::gui::wizard(&rt, home.path(), Some(Lang::En), 1200.0);
    click(&mut harness, "Validate a connector");
    type_into(&mut harness, "Recipient domains", "test.example");
    click(&mut harness, "Next");
    type_into(&mut harness, "Host 1", &server.host_arg());
    click(&mut harness, "Next");
    assert_eq!(harness.state().page(), Page::Security);
    assert!(
        harness
            .query_by_label(&tr(Lang::En, "ui-next-certificate-file"))
            .is_none(),
        "the files stay hidden while the step is not asked for"
    );
    click(&mut harness, &tr(Lang::En, "ui-domain-security"));
    idle(&mut harness, 3, Duration::from_millis(10));
    assert!(
        harness
            .query_by_label(&tr(Lang::En, "ui-trust-anchor-file"))
            .is_some(),
        "the trust-anchor field shows once the step is ticked"
    );
    let missing = home.path().join("no-such-next-cert.pem");
    type_into(
        &mut harness,
        &tr(Lang::En, "ui-next-certificate-file"),
        &missing.display().to_string(),
    );
    click(&mut harness, "Next");
    type_into(&mut harness, "Test address", "jane@test.example");
    click(&mut harness, "Run the checks");
    wait_until(&mut harness, "the run refused on the Security page", |h| {
        h.state().page() == Page::Security && has_any_text(h, "no-such-next-cert.pem")
    });
    assert!(harness.state().results().is_none(), "no result page");
    assert!(
        server.connections() == 0,
        "nothing was sent to the server before the file was read"
    );
}
