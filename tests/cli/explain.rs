//! `connector-doctor explain` on every status code of DOMAIN.md §3, in both languages.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::support::schema::Schema;
use crate::support::tenant::explain_json;

/// `explain TEXT --format json --lang LANG`, its JSON checked against the published schema.
fn explain(text: &str, lang: &str) -> (Output, Value) {
    explain_json(&[text, "--lang", lang])
}

const CASES: &[(&str, &str, &str)] = &[
    (
        "550 5.7.64 TenantAttribution; Relay Access Denied [SN1PEPF0002BA6D.namprd02.prod.outlook.com 2026-10-02T14:05:13.156Z 08DCE2B7A1C3D4E5]",
        "tenant-attribution",
        "tenant-attribution",
    ),
    (
        "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied ATTR36 [AM0PR01MB1234.eurprd01.prod.outlook.com]'",
        "att36",
        "tenant-attribution",
    ),
    (
        "ATT36 The sender's domain is not an accepted domain",
        "att36",
        "tenant-attribution",
    ),
    (
        "450 4.4.316 Connection refused [Message=Socket error code 10061]",
        "connection-refused",
        "validation",
    ),
    (
        "450 4.4.317 Cannot connect to remote server [Message=451 5.7.3 STARTTLS is required]",
        "cannot-connect",
        "validation",
    ),
    (
        "450 4.7.320 Certificate validation failed",
        "certificate-validation-failed",
        "validation",
    ),
    (
        "454 4.7.0 Temporary authentication failure [CertificateExpired]",
        "certificate-expired",
        "validation",
    ),
    (
        "421 4.3.2 Service not available, closing transmission channel",
        "server-busy",
        "validation",
    ),
    (
        "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
        "mailbox-unknown",
        "validation",
    ),
    ("550 5.7.1 Unable to relay", "relay-denied", "validation"),
    (
        "554 5.7.1 <bob@fabrikam.com>: Relay access denied",
        "relay-denied",
        "validation",
    ),
];

#[test]
fn every_domain_code_is_recognised_and_explained_in_both_languages() {
    for (text, code, wizard) in CASES {
        let (out_en, en) = explain(text, "en");
        let (out_fr, fr) = explain(text, "fr");
        assert_eq!(out_en.status.code(), Some(0), "{text}");
        assert_eq!(out_fr.status.code(), Some(0), "{text}");
        let first_en = &en["explanations"][0];
        let first_fr = &fr["explanations"][0];
        assert_eq!(first_en["code"], *code, "{text}: {en:#}");
        assert_eq!(first_en["wizard"], *wizard, "{text}");
        for field in ["meaning", "fix", "wizard_hint"] {
            let e = first_en[field].as_str().expect("text");
            let f = first_fr[field].as_str().expect("text");
            assert!(
                e.len() > 20 && !e.starts_with("explain-"),
                "{text}: {field} = {e}"
            );
            assert!(
                f.len() > 20 && !f.starts_with("explain-"),
                "{text}: {field} = {f}"
            );
            assert_ne!(e, f, "{text}: {field} is not translated");
        }
    }
}

#[test]
fn generic_classes_fall_back_sensibly() {
    for (text, code) in [
        (
            "451 4.7.500 Server busy, try again later",
            "generic-policy-transient",
        ),
        (
            "550 5.7.606 Access denied, banned sending IP",
            "generic-policy-permanent",
        ),
        ("552 5.2.2 Mailbox full", "generic-mailbox-permanent"),
        ("554 5.4.14 Hop count exceeded", "generic-network-permanent"),
        (
            "452 4.3.1 Insufficient system resources",
            "generic-system-transient",
        ),
        ("550 Requested action not taken", "generic-permanent"),
        ("451 Try later", "generic-transient"),
    ] {
        let (out, json) = explain(text, "en");
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(json["explanations"][0]["code"], code, "{text}");
        assert_eq!(json["explanations"][0]["wizard"], "none", "{text}");
    }
}

#[test]
fn a_pasted_ndr_from_stdin_is_read_and_text_output_is_french() {
    let ndr = "Delivery has failed to these recipients or groups:\n\
bob@fabrikam.com\n\
Diagnostic information for administrators:\n\
Generating server: AM0PR01MB1234.eurprd01.prod.outlook.com\n\
Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [SN1PEPF0002BA6D.namprd02.prod.outlook.com]'\n\
Original message headers:\n\
Received: from mail.contoso.com (203.0.113.25) by AM0PR01MB1234 with Microsoft SMTP Server (version=TLS1_2) id 15.20.7452.28; Fri, 2 Oct 2026 14:05:13 +0000\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_connector-doctor"))
        .args(["explain", "--lang", "fr"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(ndr.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("tenant-attribution"), "{text}");
    assert!(
        text.contains("Microsoft 365 n'a pas pu rattacher le serveur d'envoi"),
        "{text}"
    );
    assert!(
        text.contains("connector-doctor tenant-attribution"),
        "{text}"
    );
    assert_eq!(
        text.matches("Explication —").count(),
        1,
        "one error, one explanation: {text}"
    );
}

#[test]
fn text_without_a_code_is_invalid_input() {
    let (out, json) = explain("hello, my mail does not work", "en");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json["explanations"][0]["code"], "unrecognised");
}

#[test]
fn explain_json_is_the_versioned_document() {
    let (out, json) = explain("550 5.7.64 TenantAttribution; Relay Access Denied", "fr");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json["schema_version"], 1, "{json}");
    assert_eq!(json["kind"], "explain", "{json}");
    assert_eq!(json["language"], "fr", "{json}");
    assert_eq!(json["explanations"][0]["basic"], 550, "{json}");
    assert_eq!(json["explanations"][0]["enhanced"], "5.7.64", "{json}");
    // A pasted line carrying a bidi override is printed as a JSON escape, never raw; the
    // string parses back to what was pasted.
    let (out, json) = explain("550 5.7.64 \u{202e}gnipoof", "en");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains('\u{202e}'),
        "raw bidi override printed: {stdout}"
    );
    assert!(stdout.contains("\\u202e"), "{stdout}");
    assert!(
        json["explanations"][0]["line"]
            .as_str()
            .is_some_and(|l| l.contains('\u{202e}')),
        "{json}"
    );
}

#[test]
fn the_schema_rejects_drift() {
    let (_, json) = explain("421 4.4.316 Connection refused", "en");
    Schema::Explain.assert_valid(&json);
    let mut extra = json.clone();
    extra["explanations"][0]["severity"] = "fail".into();
    assert!(
        !Schema::Explain.errors(&extra).is_empty(),
        "unknown field accepted"
    );
    let mut missing = json.clone();
    if let Some(e) = missing["explanations"][0].as_object_mut() {
        e.remove("fix");
    }
    assert!(
        !Schema::Explain.errors(&missing).is_empty(),
        "missing field accepted"
    );
    let mut wizard = json;
    wizard["explanations"][0]["wizard"] = "maybe".into();
    assert!(
        !Schema::Explain.errors(&wizard).is_empty(),
        "unknown wizard accepted"
    );
}
