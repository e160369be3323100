//! The wildcard regression in the wizard (New-OutboundConnector, Example 1: `*.contoso.com`
//! covers "the contoso.com domain and all subdomains"), as `tests/cli/exchange_rules.rs` proves
//! it for the command line: a run typed into the wizard, against the fake server on loopback.

use connector_doctor::app::Page;
use connector_doctor::checks::{FailureCode, Status};
use connector_doctor::i18n::{Lang, tr};

use crate::support::gui::{click, has_label, runtime, type_into, wait_for_page};
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};

/// Regression: `RecipientDomains *.test.example` was read as "subdomains only" (a false
/// `email.out-of-scope`, the test address never tried) and `TlsDomain *.test.example` refused
/// a certificate issued to `test.example` itself (a false `tls.name-mismatch`). The pages say
/// what a star covers, and the run passes.
#[test]
fn star_domains_cover_the_domain_itself_in_the_wizard_not_a_false_out_of_scope_or_name_mismatch() {
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::Valid(vec!["test.example".into()])),
        ..Default::default()
    });
    let (rt, home) = (runtime(), tempfile::tempdir().expect("home"));
    let mut harness = crate::support::gui::wizard(&rt, home.path(), Some(Lang::En), 1800.0);
    click(&mut harness, "Validate a connector");
    // The hint beside the field says what a star covers.
    assert!(
        has_label(&harness, &tr(Lang::En, "ui-connector-domains-help")),
        "the recipient domains hint is shown"
    );
    assert!(tr(Lang::En, "ui-connector-domains-help").contains("contoso.com itself"));
    type_into(&mut harness, "Recipient domains", "*.test.example");
    click(&mut harness, "Next");
    type_into(&mut harness, "Host 1", &server.host_arg());
    click(&mut harness, "Next");
    click(&mut harness, "Trusted certificate for a given name");
    assert!(
        has_label(&harness, &tr(Lang::En, "ui-tls-domain-help")),
        "the TLS domain hint is shown"
    );
    assert!(tr(Lang::En, "ui-tls-domain-help").contains("contoso.com itself"));
    type_into(&mut harness, "TLS domain", "*.test.example");
    type_into(
        &mut harness,
        "Extra trusted certification authority (file)",
        &pki().ca_file().display().to_string(),
    );
    click(&mut harness, "Next");
    type_into(&mut harness, "Test address", "jane@test.example");
    click(&mut harness, "Run the checks");
    wait_for_page(&mut harness, Page::Results);

    let report = &harness.state().results().expect("results").report;
    for false_failure in [FailureCode::EmailOutOfScope, FailureCode::TlsNameMismatch] {
        assert!(
            report.steps.iter().all(|s| s.code != Some(false_failure)),
            "no {false_failure}: {:?}",
            report.steps
        );
    }
    assert!(
        report.steps.iter().all(|s| s.status != Status::Fail),
        "{:?}",
        report.steps
    );
    let tls = report
        .steps
        .iter()
        .find(|s| s.step == connector_doctor::checks::StepKind::Tls)
        .expect("a TLS step");
    assert_eq!(tls.status, Status::Pass, "{tls:?}");
    assert!(
        server
            .transcript()
            .iter()
            .any(|l| l.eq_ignore_ascii_case("RCPT TO:<jane@test.example>")),
        "the address must be tried: {:?}",
        server.transcript()
    );
}
