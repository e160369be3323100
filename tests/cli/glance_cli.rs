//! Results at a glance on the command line: the verdict line and the host × step matrix on top,
//! `--failures-only`, steps Microsoft 365 never reaches shown as such, and the fix commands in the
//! text and in the JSON.

use crate::support::cli::{
    DOMAIN, MAILBOX, check_json, check_raw, closed_port, smart_host_args, strings, with_ca,
    with_tls, without_history,
};
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};

fn cert_server(kind: CertKind) -> FakeSmtp {
    FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(kind),
        ..SmtpBehavior::default()
    })
}

/// A saved-connector file (the command line has no option for the connector's name).
fn profile(
    dir: &tempfile::TempDir,
    name: &str,
    hosts: &[String],
    tls: &str,
    tls_domain: &str,
) -> String {
    let path = dir.path().join("connector.json");
    let connector = serde_json::json!({
        "name": name,
        "smart_hosts": hosts,
        "recipient_domains": [DOMAIN],
        "tls_settings": tls,
        "tls_domain": tls_domain,
        "test_address": MAILBOX,
    });
    std::fs::write(&path, connector.to_string()).expect("write the profile");
    path.display().to_string()
}

/// Regression (issue 12): the test address showed Pass after TLS failed under DomainValidation,
/// a step Microsoft 365 never reaches.
#[test]
fn test_address_is_not_reached_after_tls_fails_under_domain_validation() {
    let server = cert_server(CertKind::WrongName);
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = "To on-prem'; Remove-Item C:\\ #";
    let file = profile(
        &dir,
        hostile,
        &[server.host_arg()],
        "domain-validation",
        "mail.test.example",
    );
    let ca = pki().ca_file().display().to_string();
    let run = check_json(&[
        "--profile",
        &file,
        "--ca-file",
        &ca,
        "--timeout",
        "5",
        "--no-history",
    ]);
    run.expect_status(1).expect_verdict("fail");
    let tls = run.expect_step("tls", "fail", Some("tls.name-mismatch"));
    let email = run.expect_step("test-email", "not-reached", None);
    assert_eq!(
        email["detail_id"],
        "not-reached-tls-rejected",
        "{}",
        run.dump()
    );
    assert!(
        !server
            .transcript()
            .iter()
            .any(|l| l.to_ascii_uppercase().starts_with("RCPT")),
        "no RCPT after a TLS failure: {:?}",
        server.transcript()
    );
    let json = run.json();
    assert_eq!(json["run"]["counts"]["not_reached"], 1, "{}", run.dump());
    let line = &json["verdict_line"];
    assert_eq!(line["outcome"], "fail");
    assert_eq!(line["step"], "tls");
    assert_eq!(line["code"], "tls.name-mismatch");
    let text = line["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("would fail at TLS") && text.contains("certificate name does not match"),
        "{text}"
    );
    // The fix: TlsDomain set to the name the certificate carries, the hostile name quoted.
    let command = tls["fix_commands"][0]["command"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(
        command,
        "Set-OutboundConnector -Identity 'To on-prem''; Remove-Item C:\\ #' -TlsDomain 'other.invalid'"
    );
}

#[test]
fn expired_certificate_fix_names_this_runs_thumbprint() {
    let server = cert_server(CertKind::Expired);
    let run = check_json(&without_history(with_ca(with_tls(
        smart_host_args(&server.host_arg()),
        "certificate-validation",
    ))));
    let tls = run.expect_step("tls", "fail", Some("tls.expired"));
    let thumbprint = tls["certificate"]["sha1_thumbprint"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(thumbprint.len(), 40, "{tls}");
    let command = tls["fix_commands"][0]["command"]
        .as_str()
        .unwrap_or_default();
    assert!(
        command.starts_with(&format!(
            "Get-ExchangeCertificate -Thumbprint '{thumbprint}'"
        )),
        "{command}"
    );
}

#[test]
fn text_output_opens_with_the_verdict_and_the_matrix_failures_first() {
    let good = FakeSmtp::start(SmtpBehavior::default());
    let closed = format!("127.0.0.1:{}", closed_port());
    let mut args = without_history(with_ca(smart_host_args(&good.host_arg())));
    args.extend(strings(&["--host", &closed, "--lang", "en"]));
    let run = check_raw(&args);
    run.expect_status(1);
    let out = &run.stdout;
    let verdict = out
        .lines()
        .position(|l| l.contains("Microsoft 365 would fail at Connect on 127.0.0.1"))
        .unwrap_or_else(|| panic!("no verdict line\n{}", run.dump()));
    let matrix = out
        .lines()
        .position(|l| l.starts_with("At a glance"))
        .unwrap_or_else(|| panic!("no matrix\n{}", run.dump()));
    assert!(verdict < matrix, "{out}");
    let rows: Vec<&str> = out.lines().skip(matrix + 2).take(2).collect();
    assert!(
        rows[0].contains('✖') && rows[0].contains(&closed),
        "failing row first: {rows:?}"
    );
    assert!(
        rows[1].contains('✔') && rows[1].contains(&good.host_arg()),
        "{rows:?}"
    );
    // The connect failure unfolds the vantage note.
    assert!(
        out.contains("Exchange Online Protection") || out.contains("40.92.0.0/15"),
        "{out}"
    );

    let mut only = args.clone();
    only.push("--failures-only".into());
    let run = check_raw(&only);
    run.expect_status(1);
    let out = &run.stdout;
    assert!(out.contains(&closed), "{out}");
    // Only failures and warnings (the loopback address is a private-address warning): no
    // passed step is printed.
    assert!(
        !out.lines().any(|l| l.trim_start().starts_with("PASS ")),
        "no passed step with --failures-only\n{out}"
    );
}

#[test]
fn passing_run_folds_the_vantage_note_to_one_line() {
    let good = FakeSmtp::start(SmtpBehavior::default());
    let mut args = without_history(with_ca(smart_host_args(&good.host_arg())));
    args.extend(strings(&["--lang", "fr"]));
    let run = check_raw(&args);
    run.expect_status(0);
    assert!(
        run.stdout
            .contains("Microsoft 365 remettrait le courrier via"),
        "{}",
        run.dump()
    );
    let folded = run
        .stdout
        .lines()
        .filter(|l| l.contains("pas depuis les serveurs de Microsoft 365"))
        .count();
    assert_eq!(folded, 1, "{}", run.dump());
}
