//! End-to-end tests of `connector-doctor check` against a real Postfix on loopback, run by
//! `tests/postfix/setup.sh` (started here when it is not running yet; never silently skipped).

use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;

use crate::support::cli::{Run, check_json};

const MAILBOX: &str = "user@test.example";
const UNKNOWN: &str = "nobody@test.example";

fn base_dir() -> PathBuf {
    PathBuf::from(
        std::env::var("CD_POSTFIX_DIR").unwrap_or_else(|_| "/tmp/connector-doctor-postfix".into()),
    )
}

fn port(var: &str, default: u16) -> u16 {
    std::env::var(var)
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(default)
}

fn tls_host() -> String {
    format!("127.0.0.1:{}", port("CD_POSTFIX_PORT", 2525))
}

fn plain_host() -> String {
    format!("127.0.0.1:{}", port("CD_POSTFIX_PLAIN_PORT", 2526))
}

fn ca_file() -> String {
    base_dir().join("tls/ca.pem").display().to_string()
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/postfix/setup.sh")
}

/// Makes sure the Postfix test instance runs: starts it (idempotent) or fails with what to do.
fn ensure_postfix() {
    static STARTED: Mutex<bool> = Mutex::new(false);
    let mut started = STARTED.lock().unwrap_or_else(|e| e.into_inner());
    if *started {
        return;
    }
    if !std::path::Path::new("/usr/sbin/postfix").exists() {
        panic!("Postfix is needed for these tests: install postfix: apt-get install -y postfix");
    }
    let output = Command::new("bash")
        .arg(script())
        .arg("start")
        .output()
        .expect("run tests/postfix/setup.sh");
    assert!(
        output.status.success(),
        "could not start the Postfix test instance:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    *started = true;
}

fn check(args: &[&str]) -> Run {
    ensure_postfix();
    let mut full: Vec<&str> = vec!["--timeout", "10"];
    full.extend(args);
    check_json(&full)
}

#[test]
fn postfix_passes_encryption_only_without_the_ca() {
    let host = tls_host();
    let run = check(&[
        "--host",
        &host,
        "--tls",
        "encryption-only",
        "--recipient-domain",
        "test.example",
        "--test-address",
        MAILBOX,
    ]);
    run.expect_status(0).expect_verdict("pass");
    // The certificate is from a private CA: at most a warning under encryption-only.
    let tls = &run.steps_of("tls")[0];
    assert!(
        tls["status"] == "pass" || tls["status"] == "warn",
        "{}",
        run.dump()
    );
    assert!(
        tls["tls"]["protocol"]
            .as_str()
            .unwrap_or("")
            .contains("TLS"),
        "{}",
        run.dump()
    );
    run.expect_step("test-email", "pass", None);
}

#[test]
fn postfix_passes_certificate_and_domain_validation_with_the_ca() {
    let host = tls_host();
    let ca = ca_file();
    for extra in [
        vec!["--tls", "certificate-validation"],
        vec![
            "--tls",
            "domain-validation",
            "--tls-domain",
            "mail.test.example",
        ],
        vec![
            "--tls",
            "domain-validation",
            "--tls-domain",
            "*.test.example",
        ],
    ] {
        let mut args = vec![
            "--host",
            &host,
            "--ca-file",
            &ca,
            "--recipient-domain",
            "test.example",
            "--test-address",
            MAILBOX,
        ];
        args.extend(extra);
        let run = check(&args);
        run.expect_status(0)
            .expect_verdict("pass")
            .expect_all_pass();
        let tls = run.expect_step("tls", "pass", None);
        assert!(
            tls["certificate"]["issuer"]
                .as_str()
                .unwrap_or("")
                .contains("Connector Doctor Postfix Test CA"),
            "{tls}"
        );
        // The transcript shows Postfix's own banner.
        let ehlo = run.expect_step("ehlo", "pass", None);
        let banner = ehlo["transcript"]
            .as_array()
            .and_then(|lines| lines.iter().find(|l| l["direction"] == "received"))
            .and_then(|l| l["text"].as_str())
            .unwrap_or("")
            .to_string();
        assert!(
            banner.starts_with("220 mail.test.example ESMTP Postfix"),
            "banner {banner:?}\n{}",
            run.dump()
        );
    }
}

#[test]
fn postfix_rejects_an_unknown_mailbox_with_5_1_1() {
    let host = tls_host();
    let ca = ca_file();
    let run = check(&[
        "--host",
        &host,
        "--ca-file",
        &ca,
        "--tls",
        "certificate-validation",
        "--recipient-domain",
        "test.example",
        "--test-address",
        UNKNOWN,
    ]);
    run.expect_status(1).expect_verdict("fail");
    let step = run.expect_step("test-email", "fail", Some("email.recipient-rejected"));
    let detail = step["detail"].as_str().unwrap_or("");
    assert!(
        detail.contains("5.1.1"),
        "detail keeps the enhanced code: {step}"
    );
    assert!(
        step["transcript"].to_string().contains("User unknown"),
        "Postfix's words are kept: {step}"
    );
    // TLS was fine: the failure is only the mailbox.
    run.expect_step("tls", "pass", None);
}

#[test]
fn postfix_refuses_to_relay_for_another_domain() {
    let host = tls_host();
    let run = check(&[
        "--host",
        &host,
        "--tls",
        "encryption-only",
        "--recipient-domain",
        "fabrikam.test",
        "--test-address",
        "someone@fabrikam.test",
    ]);
    run.expect_status(1);
    let step = run.expect_step("test-email", "fail", Some("email.recipient-rejected"));
    assert!(step.to_string().contains("5.7.1"), "{step}");
}

#[test]
fn postfix_listener_without_starttls_fails_encryption_only_and_warns_opportunistic() {
    let host = plain_host();
    let run = check(&[
        "--host",
        &host,
        "--tls",
        "encryption-only",
        "--recipient-domain",
        "test.example",
        "--test-address",
        MAILBOX,
    ]);
    run.expect_status(1);
    run.expect_step("tls", "fail", Some("tls.not-offered"));
    let run = check(&[
        "--host",
        &host,
        "--tls",
        "opportunistic",
        "--recipient-domain",
        "test.example",
        "--test-address",
        MAILBOX,
    ]);
    run.expect_status(0);
    run.expect_step("tls", "warn", Some("tls.not-offered"));
    run.expect_step("test-email", "pass", None);
}

#[test]
fn postfix_accepts_the_labelled_test_message_with_send() {
    // Local delivery in the test instance is `discard`: the message goes nowhere.
    let host = tls_host();
    let ca = ca_file();
    let run = check(&[
        "--host",
        &host,
        "--ca-file",
        &ca,
        "--tls",
        "certificate-validation",
        "--recipient-domain",
        "test.example",
        "--test-address",
        MAILBOX,
        "--send",
    ]);
    run.expect_status(0).expect_verdict("pass");
    let step = run.expect_step("test-email", "pass", None);
    let transcript = step["transcript"].to_string();
    assert!(transcript.contains("354"), "DATA was accepted: {step}");
    assert!(
        transcript.contains("queued as"),
        "Postfix queued it: {step}"
    );
}
