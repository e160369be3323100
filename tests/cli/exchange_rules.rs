//! Verdicts as Exchange Online gives them (`src/checks/policy.rs`), through the real binary
//! against the in-process fake SMTP server on loopback.

use crate::support::cli::{Run, check_json};
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};

fn run(args: &[String]) -> Run {
    let v: Vec<&str> = args.iter().map(String::as_str).collect();
    check_json(&v)
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn server(change: impl FnOnce(&mut SmtpBehavior)) -> FakeSmtp {
    let mut behavior = SmtpBehavior::default();
    change(&mut behavior);
    FakeSmtp::start(behavior)
}

/// DomainValidation against the test root with this TlsDomain, recipient scope
/// `*.contoso.test`, test address `user@contoso.test`.
fn domain_validation(server: &FakeSmtp, tls_domain: &str) -> Run {
    run(&strings(&[
        "--host",
        &server.host_arg(),
        "--recipient-domain",
        "*.contoso.test",
        "--test-address",
        "user@contoso.test",
        "--timeout",
        "5",
        "--tls",
        "domain-validation",
        "--tls-domain",
        tls_domain,
        "--ca-file",
        &pki().ca_file().display().to_string(),
    ]))
}

fn cert_server(names: &[&str]) -> FakeSmtp {
    let names = names.iter().map(|n| n.to_string()).collect();
    server(|b| b.starttls = StartTls::Offered(CertKind::Valid(names)))
}

/// Regression: `RecipientDomains *.contoso.com` was read as "subdomains only", so
/// `user@contoso.com` got `email.out-of-scope` and was never tried. New-OutboundConnector,
/// Example 1: "the contoso.com domain and all subdomains".
#[test]
fn star_recipient_domain_covers_the_domain_itself_not_a_false_out_of_scope() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let run = run(&strings(&[
        "--host",
        &server.host_arg(),
        "--recipient-domain",
        "*.contoso.test",
        "--test-address",
        "user@contoso.test",
        "--timeout",
        "5",
    ]));
    assert!(!run.dump().contains("email.out-of-scope"), "{}", run.dump());
    run.expect_step("test-email", "pass", None);
    assert!(
        server
            .transcript()
            .iter()
            .any(|l| l.eq_ignore_ascii_case("RCPT TO:<user@contoso.test>")),
        "the address must be tried: {:?}",
        server.transcript()
    );
}

/// Regression: `TlsDomain *.contoso.com` refused a certificate issued to `contoso.com` itself
/// (a false `tls.name-mismatch`); Example 1 covers the domain and all subdomains.
#[test]
fn star_tls_domain_accepts_a_certificate_for_the_domain_itself_not_a_false_name_mismatch() {
    let server = cert_server(&["test.example"]);
    let run = domain_validation(&server, "*.test.example");
    run.expect_step("tls", "pass", None);
    run.expect_status(0).expect_verdict("pass");
}

#[test]
fn star_tls_domain_accepts_a_certificate_for_a_deeper_name() {
    let server = cert_server(&["smtp.eu.test.example"]);
    let run = domain_validation(&server, "*.test.example");
    run.expect_step("tls", "pass", None);
}

#[test]
fn star_tls_domain_refuses_a_name_that_only_ends_with_the_same_letters() {
    // Label-aligned: "nottest.example" and "test.example.evil.invalid" are not under test.example.
    for name in ["mail.nottest.example", "test.example.evil.invalid"] {
        let server = cert_server(&[name]);
        let run = domain_validation(&server, "*.test.example");
        run.expect_status(1);
        let step = run.expect_step("tls", "fail", Some("tls.name-mismatch"));
        assert!(step.to_string().contains(name), "{step}");
    }
}

#[test]
fn exact_tls_domain_still_needs_the_exact_name() {
    // `TlsDomain test.example` (no star) is not satisfied by a certificate for a name under it.
    let server = cert_server(&["mail.test.example"]);
    let run = domain_validation(&server, "test.example");
    run.expect_status(1);
    run.expect_step("tls", "fail", Some("tls.name-mismatch"));
}
