//! Microsoft's relay rules on protocol logs written like Exchange's (tests/data/tenant/
//! attribution, made by its make_fixtures.py): the accepted-domain OR, the null sender, IPv6,
//! several servers, a Receive log, a failed TLS negotiation, wildcard and issuer matching.

use std::path::PathBuf;

use crate::support::tenant::{json_of, run};
use serde_json::Value;

fn data(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tenant/attribution")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

fn findings_of<'a>(json: &'a Value, code: &str) -> Vec<&'a Value> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

fn diagnose(case: &str, extra: &[&str], lang: &str) -> (Option<i32>, Value) {
    let log = data(case);
    let mut args = vec!["--log", &log, "--format", "json", "--lang", lang];
    args.extend_from_slice(extra);
    let out = run(&args);
    (out.status.code(), json_of(&out))
}

#[test]
fn certificate_domain_not_accepted_but_mail_from_accepted_is_no_failure() {
    let (code, json) = diagnose(
        "or-mail-from",
        &[
            "--tls-sender-certificate-name",
            "mail.contoso.com",
            "--accepted-domain",
            "contoso.com",
        ],
        "en",
    );
    assert!(
        findings_of(&json, "attribution.sender-domain-not-accepted").is_empty(),
        "{json:#}"
    );
    assert_eq!(code, Some(0), "{json:#}");
}

#[test]
fn null_sender_with_a_certificate_domain_not_accepted_fails_in_english_and_french() {
    let args = [
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--accepted-domain",
        "contoso.com",
    ];
    let (code, json) = diagnose("null-sender", &args, "en");
    assert_eq!(code, Some(1));
    let found = findings_of(&json, "attribution.sender-domain-not-accepted");
    assert_eq!(
        found.len(),
        1,
        "only the null-sender session fails: {json:#}"
    );
    let f = found[0];
    assert_eq!(f["severity"], "fail");
    assert_eq!(f["detail_id"], "finding-null-sender-not-accepted");
    let detail = f["detail"].as_str().expect("detail");
    assert!(detail.contains("MAIL FROM:<>"), "{detail}");
    // Two certificate domains: the plural, not "domain(s)".
    assert!(
        detail.contains("its domains mail.contoso.com, autodiscover.contoso.com are not accepted"),
        "{detail}"
    );
    assert_eq!(f["detail_args"]["certificate_domain_count"], "2", "{f:#}");
    // The smallest fix: mail.contoso.com is a subdomain of contoso.com; add it.
    let guidance = f["guidance"].as_str().expect("guidance");
    assert!(
        guidance.contains("add mail.contoso.com") && guidance.contains("subdomain of contoso.com"),
        "{guidance}"
    );

    let (_, json) = diagnose("null-sender", &args, "fr");
    let f = findings_of(&json, "attribution.sender-domain-not-accepted")[0];
    assert!(
        f["detail"]
            .as_str()
            .expect("detail")
            .contains("expéditeur nul"),
        "{f:#}"
    );
    assert!(
        f["detail"]
            .as_str()
            .expect("detail")
            .contains("ses domaines mail.contoso.com, autodiscover.contoso.com ne sont pas"),
        "{f:#}"
    );
    assert!(
        f["guidance"]
            .as_str()
            .expect("guidance")
            .contains("ajoutez mail.contoso.com"),
        "{f:#}"
    );
}

#[test]
fn ipv6_session_to_an_ip_based_connector_says_ipv4_only() {
    for (lang, words) in [
        ("en", "IPv4 addresses only"),
        ("fr", "que des adresses IPv4"),
    ] {
        let (code, json) = diagnose("ipv6", &["--sender-ip", "203.0.113.25"], lang);
        assert_eq!(code, Some(1));
        let found = findings_of(&json, "attribution.ipv6-sender");
        assert_eq!(found.len(), 1, "{json:#}");
        let detail = found[0]["detail"].as_str().expect("detail");
        assert!(detail.contains("2001:db8:25::12"), "{detail}");
        assert!(detail.contains(words), "{detail}");
        // Never the impossible advice of adding the IPv6 address to SenderIPAddresses.
        assert!(
            findings_of(&json, "attribution.ip-not-listed").is_empty(),
            "{json:#}"
        );
    }
}

#[test]
fn two_servers_one_still_sending_the_old_certificate_is_named() {
    for lang in ["en", "fr"] {
        let (code, json) = diagnose(
            "servers",
            &["--tls-sender-certificate-name", "smtp.contoso.com"],
            lang,
        );
        assert_eq!(code, Some(1), "{json:#}");
        let stale: Vec<&Value> = findings_of(&json, "attribution.certificate-changed")
            .into_iter()
            .filter(|f| f["detail_id"] == "finding-certificate-stale-server")
            .collect();
        assert_eq!(stale.len(), 1, "{json:#}");
        assert_eq!(stale[0]["severity"], "fail");
        assert_eq!(stale[0]["detail_args"]["server"], "EX02");
        assert_eq!(stale[0]["detail_args"]["servers"], "EX01");
        let guidance = stale[0]["guidance"].as_str().expect("guidance");
        assert!(
            guidance.contains("EX02")
                && guidance.contains("9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C"),
            "{guidance}"
        );
    }
}

#[test]
fn a_receive_log_given_as_a_send_log_is_named_and_not_used() {
    let (_, json) = diagnose(
        "with-receive",
        &["--tls-sender-certificate-name", "smtp.contoso.com"],
        "en",
    );
    let warnings = json["warnings"].to_string();
    assert!(
        warnings.contains("RECV2026100509-1.LOG") && warnings.contains("SMTP Receive Protocol Log"),
        "{warnings}"
    );
    // Only the Send log's certificate: the Receive log's mail.contoso.com is not "sent".
    let certs = json["certificates"].to_string();
    assert!(certs.contains("smtp.contoso.com"), "{certs}");
    assert!(!certs.contains("CN=mail.contoso.com"), "{certs}");
    assert_eq!(json["log"]["sessions"], 1, "{json:#}");
}

#[test]
fn no_credentials_means_no_certificate_was_presented() {
    for (lang, words) in [("en", "NoCredentials"), ("fr", "NoCredentials")] {
        let (code, json) = diagnose(
            "no-credentials",
            &["--tls-sender-certificate-name", "smtp.contoso.com"],
            lang,
        );
        assert_eq!(code, Some(1));
        let found = findings_of(&json, "attribution.certificate-not-found");
        assert_eq!(found.len(), 1, "{json:#}");
        assert!(found[0]["detail"].as_str().expect("detail").contains(words));
        // The certificate block logged before the failure is not counted as sent.
        assert_eq!(json["certificates"], Value::Array(Vec::new()), "{json:#}");
    }
}

#[test]
fn wildcard_certificate_against_an_exact_name_needs_the_wildcard_value() {
    let (code, json) = diagnose(
        "wildcard",
        &["--tls-sender-certificate-name", "mail.contoso.com"],
        "en",
    );
    assert_eq!(code, Some(1));
    let found = findings_of(&json, "attribution.certificate-name-mismatch");
    assert_eq!(found.len(), 1, "{json:#}");
    assert!(
        found[0]["guidance"]
            .as_str()
            .expect("guidance")
            .contains("-TlsSenderCertificateName '*.contoso.com'"),
        "{:#}",
        found[0]
    );
    // The wildcard value passes.
    let (code, json) = diagnose(
        "wildcard",
        &["--tls-sender-certificate-name", "*.contoso.com"],
        "en",
    );
    assert!(
        findings_of(&json, "attribution.certificate-name-mismatch").is_empty(),
        "{json:#}"
    );
    // No cause found (exit 0), and the refusal is reported as unexplained, not hidden.
    assert_eq!(code, Some(0), "{json:#}");
    assert!(json["notes"].to_string().contains("5.7.64"), "{json:#}");
}

#[test]
fn issuer_only_change_in_the_issuer_subject_form_is_explained() {
    let setting = "<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com, O=Contoso Ltd, C=US";
    for (lang, words) in [("en", "another issuer"), ("fr", "un autre émetteur")] {
        let (code, json) = diagnose(
            "issuer-changed",
            &["--tls-sender-certificate-name", setting],
            lang,
        );
        assert_eq!(code, Some(1));
        let found = findings_of(&json, "attribution.certificate-name-mismatch");
        assert_eq!(found.len(), 1, "{json:#}");
        assert_eq!(found[0]["detail_id"], "finding-issuer-changed");
        let detail = found[0]["detail"].as_str().expect("detail");
        assert!(
            detail.contains(words) && detail.contains("Let's Encrypt"),
            "{detail}"
        );
        assert!(
            found[0]["guidance"]
                .as_str()
                .expect("guidance")
                .contains("<I>CN=R11, O=Let''s Encrypt, C=US<S>CN=mail.contoso.com"),
            "{:#}",
            found[0]
        );
    }
}
