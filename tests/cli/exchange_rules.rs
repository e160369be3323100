//! Verdicts as Exchange Online gives them (`src/checks/policy.rs`), through the real binary
//! against the in-process fake SMTP server on loopback.

use crate::support::cli::{Run, check_json, smart_host_args, strings};
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};

/// DomainValidation against the test root with this TlsDomain, recipient scope
/// `*.contoso.test`, test address `user@contoso.test`.
fn domain_validation(server: &FakeSmtp, tls_domain: &str) -> Run {
    check_json(&strings(&[
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
    FakeSmtp::start_with(|b| b.starttls = StartTls::Offered(CertKind::Valid(names)))
}

/// Regression: `RecipientDomains *.contoso.com` was read as "subdomains only", so
/// `user@contoso.com` got `email.out-of-scope` and was never tried. New-OutboundConnector,
/// Example 1: "the contoso.com domain and all subdomains".
#[test]
fn star_recipient_domain_covers_the_domain_itself_not_a_false_out_of_scope() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let run = check_json(&strings(&[
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

// ---------------------------------------------------------------------------------------------
// Replies read for what they mean

/// `--host <server> --recipient-domain contoso.test --test-address user@contoso.test --timeout 5`.
fn plain(server: &FakeSmtp) -> Vec<String> {
    smart_host_args(&server.host_arg())
}

fn scripted(verb: &str, reply: &str, change: impl FnOnce(&mut SmtpBehavior)) -> FakeSmtp {
    FakeSmtp::start_with(|b| {
        b.replies.push((verb.to_string(), reply.to_string()));
        change(b);
    })
}

/// Regression: `451 5.7.3 STARTTLS is required` at MAIL FROM was reported as a temporary
/// deferral (`email.deferred`, "wait and retry") though it points at the receiving side's TLS.
#[test]
fn starttls_required_at_mail_from_is_tls_required_not_deferred() {
    let server = scripted("MAIL", "451 5.7.3 STARTTLS is required to send mail", |b| {
        b.starttls = StartTls::NotOffered;
    });
    let run = check_json(&plain(&server));
    run.expect_status(1).expect_verdict("fail");
    run.expect_step("tls", "warn", Some("tls.not-offered"));
    let step = run.expect_step("test-email", "fail", Some("email.tls-required"));
    assert!(step.to_string().contains("5.7.3"), "{step}");
    assert!(
        step["guidance"]
            .as_str()
            .unwrap_or("")
            .contains("Get-ReceiveConnector"),
        "{step}"
    );
}

#[test]
fn must_issue_starttls_first_at_rcpt_is_tls_required() {
    let server = scripted(
        "RCPT",
        "530 5.7.0 Must issue a STARTTLS command first",
        |b| {
            b.starttls = StartTls::NotOffered;
        },
    );
    let run = check_json(&plain(&server));
    run.expect_status(1);
    run.expect_step("test-email", "fail", Some("email.tls-required"));
}

#[test]
fn authentication_required_is_not_mistaken_for_tls_required() {
    let server = scripted("MAIL", "530 5.7.0 Authentication required", |_| {});
    let run = check_json(&plain(&server));
    run.expect_status(1);
    run.expect_step("test-email", "fail", Some("email.sender-rejected"));
}

#[test]
fn greylisting_is_a_warning_with_a_retry_hint_not_a_deferral() {
    let server = scripted(
        "RCPT",
        "450 4.7.1 <user@contoso.test>: Recipient address rejected: Greylisted, try again later",
        |_| {},
    );
    let run = check_json(&plain(&server));
    let step = run.expect_step("test-email", "warn", Some("email.greylisted"));
    assert!(
        step["guidance"].as_str().unwrap_or("").contains("minutes"),
        "{step}"
    );
    run.expect_status(0).expect_verdict("pass");
}

#[test]
fn other_temporary_refusals_stay_deferred() {
    let server = FakeSmtp::start_with(|b| b.deferred_recipients = vec!["user@contoso.test".into()]);
    let run = check_json(&plain(&server));
    run.expect_status(1);
    run.expect_step("test-email", "fail", Some("email.deferred"));
}

/// The commands the server received after the test address's RCPT, verbs only.
fn verbs_after_test_rcpt(server: &FakeSmtp) -> Vec<String> {
    let transcript = server.transcript();
    let start = transcript
        .iter()
        .position(|l| l.eq_ignore_ascii_case("RCPT TO:<user@contoso.test>"))
        .unwrap_or_else(|| panic!("no RCPT for the test address: {transcript:?}"));
    transcript[start + 1..]
        .iter()
        .map(|l| {
            let probe = l.contains(connector_doctor::checks::email::CATCH_ALL_PROBE_PREFIX);
            let verb = l
                .split([' ', ':'])
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            if probe { format!("{verb} probe") } else { verb }
        })
        .collect()
}

#[test]
fn catch_all_server_is_a_warning_that_the_test_proves_only_the_route() {
    let server = FakeSmtp::start_with(|b| b.catch_all = true);
    let run = check_json(&plain(&server));
    let step = run.expect_step("test-email", "warn", Some("email.catch-all"));
    let detail = step["detail"].as_str().unwrap_or("");
    assert!(
        detail.contains("user@contoso.test")
            && detail.contains(connector_doctor::checks::email::CATCH_ALL_PROBE_PREFIX),
        "{step}"
    );
    run.expect_status(0).expect_verdict("pass");
    // RSET before and after the one probe RCPT, never DATA.
    assert_eq!(
        verbs_after_test_rcpt(&server),
        ["RSET", "MAIL", "RCPT probe", "RSET", "QUIT"],
        "{:?}",
        server.transcript()
    );
}

#[test]
fn server_that_refuses_unknown_mailboxes_passes_after_the_catch_all_probe() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let run = check_json(&plain(&server));
    run.expect_step("test-email", "pass", None);
    assert_eq!(
        verbs_after_test_rcpt(&server),
        ["RSET", "MAIL", "RCPT probe", "RSET", "QUIT"]
    );
}

#[test]
fn catch_all_probe_after_a_sent_message_never_sends_a_second_one() {
    let server = FakeSmtp::start_with(|b| b.catch_all = true);
    let mut args = plain(&server);
    args.push("--send".into());
    let run = check_json(&args);
    run.expect_step("test-email", "warn", Some("email.catch-all"));
    assert_eq!(server.messages().len(), 1);
    assert_eq!(
        verbs_after_test_rcpt(&server),
        ["DATA", "RSET", "MAIL", "RCPT probe", "RSET", "QUIT"],
        "{:?}",
        server.transcript()
    );
}

// ---------------------------------------------------------------------------------------------
// Vantage and loops

use std::net::Ipv4Addr;

use crate::support::{FakeDns, Zone};

fn by_name(dns: &FakeDns, host: &str) -> Vec<String> {
    strings(&[
        "--host",
        host,
        "--dns-server",
        &dns.server_arg(),
        "--recipient-domain",
        "contoso.test",
        "--test-address",
        "user@contoso.test",
        "--timeout",
        "5",
    ])
}

/// Split-horizon DNS: the name resolves here to a private address; Microsoft 365 asks public
/// DNS. A warning, and the address is still tested.
#[test]
fn smart_host_resolving_to_a_private_address_is_a_warning_and_still_tested() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let dns = FakeDns::start(Zone::new().a("mail.contoso.test", Ipv4Addr::LOCALHOST));
    let host = format!("mail.contoso.test:{}", server.addr().port());
    let run = check_json(&by_name(&dns, &host));
    let step = run.expect_step("resolve", "warn", Some("resolve.private-address"));
    let detail = step["detail"].as_str().unwrap_or("");
    assert!(
        detail.contains("127.0.0.1") && detail.contains("public DNS"),
        "{step}"
    );
    assert!(
        step["guidance"]
            .as_str()
            .unwrap_or("")
            .contains("Resolve-DnsName"),
        "{step}"
    );
    run.expect_step("connect", "pass", None);
    run.expect_step("test-email", "pass", None);
    run.expect_status(0).expect_verdict("pass");
}

#[test]
fn loopback_ip_literal_is_a_private_address_warning_not_a_failure() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let run = check_json(&plain(&server));
    let step = run.expect_step("resolve", "warn", Some("resolve.private-address"));
    assert!(
        step["detail"]
            .as_str()
            .unwrap_or("")
            .contains("Microsoft 365 cannot"),
        "{step}"
    );
    run.expect_step("test-email", "pass", None);
    run.expect_status(0);
}

/// A smart host under mail.protection.outlook.com is Microsoft 365 itself: a mail loop. The
/// fake DNS points it at 127.0.0.1, and nothing may connect there.
#[test]
fn smart_host_under_mail_protection_outlook_com_is_a_mail_loop() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let name = "contoso-test.mail.protection.outlook.com";
    let dns = FakeDns::start(Zone::new().a(name, Ipv4Addr::LOCALHOST));
    let host = format!("{name}:{}", server.addr().port());
    let run = check_json(&by_name(&dns, &host));
    run.expect_status(1).expect_verdict("fail");
    let step = run.expect_step("resolve", "fail", Some("resolve.points-to-microsoft"));
    assert!(step.to_string().contains(name), "{step}");
    run.expect_step("connect", "not-reached", None);
    assert_eq!(server.connections(), 0, "a mail loop must not be tested");
}

// ---------------------------------------------------------------------------------------------
// Slow servers

/// A tarpit: the greeting comes after 1.4 s, past the slow-banner threshold of a 2 s timeout
/// (half of it, 1 s), but within the timeout. A warning with the delay measured, and the rest of
/// the session is still tested.
#[test]
fn greeting_after_a_long_delay_is_a_slow_banner_warning_with_the_delay() {
    use crate::support::Greeting;
    let server = FakeSmtp::start_with(|b| {
        b.greeting = Greeting::Delayed(std::time::Duration::from_millis(1400))
    });
    let mut args = plain(&server);
    let pos = args.iter().position(|a| a == "--timeout").expect("timeout");
    args[pos + 1] = "2".into();
    let run = check_json(&args);
    let step = run.expect_step("ehlo", "warn", Some("ehlo.slow-banner"));
    let detail = step["detail"].as_str().unwrap_or("");
    let measured: f64 = detail
        .split("after ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no delay in {step}"));
    assert!((1.3..2.0).contains(&measured), "{measured} in {step}");
    assert!(detail.contains("more than 1.0 s"), "{step}");
    run.expect_step("test-email", "pass", None);
    run.expect_status(0).expect_verdict("pass");
}

#[test]
fn prompt_greeting_is_not_a_slow_banner() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let run = check_json(&plain(&server));
    run.expect_step("ehlo", "pass", None);
}
