//! The live source of the 5.7.64 diagnosis: STARTTLS to the on-premises server (here the fake SMTP
//! server on loopback) and compare the certificate it really sends with TlsSenderCertificateName.

use std::process::Command;

use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls};
use serde_json::Value;

fn tenant(args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_connector-doctor"))
        .arg("tenant-attribution")
        .args(args)
        .args(["--format", "json", "--lang", "en", "--timeout", "5"])
        .output()
        .expect("run the binary");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    if !json.is_null() {
        crate::support::schema::Schema::TenantReport.assert_valid(&json);
    }
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn codes(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn live_certificate_matching_the_connector_has_no_name_finding() {
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::Valid(vec!["mail.test.example".into()])),
        ..Default::default()
    });
    let (_code, json, stderr) = tenant(&[
        "--live-host",
        &server.host_arg(),
        "--tls-sender-certificate-name",
        "*.test.example",
    ]);
    let subject = json["certificate"]["subject"].as_str().unwrap_or_default();
    assert!(subject.contains("mail.test.example"), "{json:#}\n{stderr}");
    assert_eq!(server.tls_handshakes(), 1);
    let found = codes(&json);
    assert!(
        !found.contains(&"attribution.certificate-name-mismatch".to_string()),
        "{json:#}"
    );
    // The test root is no public root and the server sends only the leaf: Microsoft 365 could
    // not build the chain either, and the diagnosis says so.
    assert_eq!(
        found,
        vec!["attribution.chain-incomplete".to_string()],
        "{json:#}"
    );
}

#[test]
fn live_certificate_with_another_name_is_a_name_mismatch() {
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::WrongName),
        ..Default::default()
    });
    let (code, json, stderr) = tenant(&[
        "--live-host",
        &server.host_arg(),
        "--tls-sender-certificate-name",
        "mail.test.example",
    ]);
    assert_eq!(code, 1, "{json:#}\n{stderr}");
    assert!(
        codes(&json).contains(&"attribution.certificate-name-mismatch".to_string()),
        "{json:#}"
    );
}

#[test]
fn live_server_without_starttls_is_an_input_error() {
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::NotOffered,
        ..Default::default()
    });
    let (code, _json, stderr) = tenant(&[
        "--live-host",
        &server.host_arg(),
        "--tls-sender-certificate-name",
        "mail.test.example",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--live-host"), "{stderr}");
    assert!(stderr.contains("STARTTLS"), "{stderr}");
}
