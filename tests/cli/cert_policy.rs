//! Certificate policy as Exchange Online applies it (src/checks/policy.rs): SHA-1 signatures,
//! short RSA keys, a missing serverAuth usage, a chain without its intermediate and revocation
//! (a real `openssl ocsp` responder on loopback, a stapled response, an unreachable responder).
//! Certificates are made at test time (tests/support/pki.rs), with openssl where rcgen cannot.

use crate::support::cli::{Run, check_json, closed_port, smart_host_args, with_ca, with_tls};
use crate::support::pki::{INTERMEDIATE_CN, INTERMEDIATE_URL, OcspResponder, ocsp_response};
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};

/// `check` of `server` under the TLS setting `tls`, trusting the test root (and expecting
/// `mail.test.example` under domain-validation).
fn run(server: &FakeSmtp, tls: &str) -> Run {
    let mut args = with_ca(with_tls(smart_host_args(&server.host_arg()), tls));
    if tls == "domain-validation" {
        args.extend(["--tls-domain", "mail.test.example"].map(String::from));
    }
    check_json(&args)
}

fn cert_server(kind: CertKind) -> FakeSmtp {
    FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(kind),
        ..SmtpBehavior::default()
    })
}

#[test]
fn sha1_signed_certificate_fails_even_with_encryption_only() {
    let server = cert_server(CertKind::Sha1Signed);
    let run = run(&server, "encryption-only");
    run.expect_status(1);
    let step = run.expect_step("tls", "fail", Some("tls.weak-signature"));
    assert!(
        step["guidance"]
            .as_str()
            .is_some_and(|g| g.contains("SHA-256")),
        "{}",
        run.dump()
    );
}

#[test]
fn intermediate_with_1024_bit_rsa_key_is_a_weak_key() {
    let server = cert_server(CertKind::WeakKeyIntermediate);
    let run = run(&server, "certificate-validation");
    run.expect_status(1);
    let step = run.expect_step("tls", "fail", Some("tls.weak-key"));
    run.expect_detail(&step, &["1024"]);
}

#[test]
fn certificate_for_client_authentication_only_is_wrong_usage() {
    let server = cert_server(CertKind::WrongUsage);
    let run = run(&server, "certificate-validation");
    run.expect_status(1);
    run.expect_step("tls", "fail", Some("tls.wrong-usage"));
}

/// Regression: a leaf sent without its intermediate was reported as an untrusted CA, sending
/// the technician after the root instead of the missing intermediate.
#[test]
fn leaf_sent_without_its_intermediate_is_chain_incomplete_not_untrusted_root() {
    let server = cert_server(CertKind::MissingIntermediate(vec![
        "mail.test.example".into(),
    ]));
    let run = run(&server, "certificate-validation");
    run.expect_status(1);
    let step = run.expect_step("tls", "fail", Some("tls.chain-incomplete"));
    run.expect_detail(&step, &[INTERMEDIATE_CN, INTERMEDIATE_URL]);
}

/// A leaf (issued by the test intermediate) naming an OCSP responder on `port`.
fn leaf_with_responder(port: u16) -> (Vec<Vec<u8>>, Vec<u8>) {
    let (chain, key) = pki().leaf(CertKind::WithOcsp(format!("http://127.0.0.1:{port}/")));
    (
        chain.iter().map(|c| c.as_ref().to_vec()).collect(),
        key.secret_der().to_vec(),
    )
}

#[test]
fn certificate_revoked_at_its_ocsp_responder_fails() {
    let port = closed_port();
    let (chain, key) = leaf_with_responder(port);
    let _responder = OcspResponder::start(port, &chain[0], true);
    let server = cert_server(CertKind::Prepared {
        chain,
        key,
        ocsp: Vec::new(),
    });
    let run = run(&server, "certificate-validation");
    run.expect_status(1);
    let step = run.expect_step("tls", "fail", Some("tls.revoked"));
    let revocation = &step["tls"]["revocation"];
    run.expect_value(&revocation["status"], "revoked");
    run.expect_value(&revocation["source"], "ocsp");
    run.expect_value(&revocation["url"], format!("http://127.0.0.1:{port}/"));
}

#[test]
fn certificate_good_at_its_ocsp_responder_passes() {
    let port = closed_port();
    let (chain, key) = leaf_with_responder(port);
    let _responder = OcspResponder::start(port, &chain[0], false);
    let server = cert_server(CertKind::Prepared {
        chain,
        key,
        ocsp: Vec::new(),
    });
    let run = run(&server, "certificate-validation");
    let step = run.expect_step("tls", "pass", None);
    run.expect_value(&step["tls"]["revocation"]["status"], "good");
    run.expect_value(&step["tls"]["revocation"]["source"], "ocsp");
}

#[test]
fn stapled_revoked_response_is_used_without_asking_the_responder() {
    // The responder named in the certificate is down: only the staple can say "revoked".
    let port = closed_port();
    let (chain, key) = leaf_with_responder(port);
    let ocsp = ocsp_response(&chain[0], true);
    let server = cert_server(CertKind::Prepared { chain, key, ocsp });
    let run = run(&server, "domain-validation");
    let step = run.expect_step("tls", "fail", Some("tls.revoked"));
    run.expect_value(&step["tls"]["revocation"]["source"], "stapled");
}

#[test]
fn unreachable_ocsp_responder_is_a_warning_naming_it_not_a_pass_nor_a_failure() {
    let port = closed_port();
    let (chain, key) = leaf_with_responder(port);
    let server = cert_server(CertKind::Prepared {
        chain,
        key,
        ocsp: Vec::new(),
    });
    let run = run(&server, "certificate-validation");
    let step = run.expect_step("tls", "warn", None);
    let url = format!("http://127.0.0.1:{port}/");
    run.expect_detail(&step, &[&url]);
    run.expect_value(&step["tls"]["revocation"]["status"], "unknown");
    // The address is still tested, and the run does not fail on a doubt.
    run.expect_step("test-email", "pass", None);
    run.expect_verdict("pass");
}
