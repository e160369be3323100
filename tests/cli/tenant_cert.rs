//! A certificate file as the source (made with rcgen at test time), the chain test, expiry, and
//! SenderIPAddresses with CIDR ranges.

use std::path::Path;

use crate::support::tenant::{json_of, run};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    date_time_ymd,
};
use serde_json::Value;

fn codes(json: &Value) -> Vec<(String, String)> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// A private CA and a leaf for `names` it signed; PEM of (leaf, ca).
fn leaf_and_ca(names: &[&str], expired: bool) -> (String, String) {
    let ca_key = KeyPair::generate().expect("key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("params");
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, "Contoso Test Issuing CA");
    dn.push(DnType::OrganizationName, "Contoso, Ltd");
    ca_params.distinguished_name = dn;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).expect("ca");
    let issuer = Issuer::new(ca_params, ca_key);

    let leaf_key = KeyPair::generate().expect("key");
    let mut params =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            .expect("params");
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, names[0]);
    params.distinguished_name = dn;
    if expired {
        params.not_before = date_time_ymd(2020, 1, 1);
        params.not_after = date_time_ymd(2021, 1, 1);
    } else {
        params.not_before = date_time_ymd(2025, 1, 1);
        params.not_after = date_time_ymd(2099, 1, 1);
    }
    let leaf = params.signed_by(&leaf_key, &issuer).expect("leaf");
    (leaf.pem(), ca_cert.pem())
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("path").to_string()
}

#[test]
fn leaf_only_file_matches_the_name_but_the_chain_is_incomplete() {
    let dir = tempfile::tempdir().expect("temp");
    let (leaf, _) = leaf_and_ca(&["mail.contoso.com", "autodiscover.contoso.com"], false);
    let file = write(dir.path(), "mail.cer", &leaf);
    let out = run(&[
        "--cert-file",
        &file,
        "--tls-sender-certificate-name",
        "*.contoso.com",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let json = json_of(&out);
    assert_eq!(
        codes(&json),
        [(
            "attribution.chain-incomplete".to_string(),
            "warn".to_string()
        )],
        "{json:#}"
    );
    assert_eq!(out.status.code(), Some(0), "a warning alone passes");
    assert_eq!(json["certificate"]["source"], "file");
    assert!(
        json["certificate"]["not_after"]
            .as_str()
            .expect("date")
            .starts_with("2099-01-01")
    );
    let detail = json["findings"][0]["detail"].as_str().expect("detail");
    assert!(detail.contains("Contoso Test Issuing CA"), "{detail}");
}

#[test]
fn leaf_with_its_issuer_is_a_complete_chain() {
    let dir = tempfile::tempdir().expect("temp");
    let (leaf, ca) = leaf_and_ca(&["mail.contoso.com"], false);
    let file = write(dir.path(), "chain.pem", &format!("{leaf}{ca}"));
    let out = run(&[
        "--cert-file",
        &file,
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let json = json_of(&out);
    assert_eq!(codes(&json), Vec::<(String, String)>::new(), "{json:#}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn expired_certificate_with_another_name_fails_twice() {
    let dir = tempfile::tempdir().expect("temp");
    let (leaf, ca) = leaf_and_ca(&["smtp.fabrikam.com"], true);
    let file = write(dir.path(), "old.pem", &format!("{leaf}{ca}"));
    let out = run(&[
        "--cert-file",
        &file,
        "--tls-sender-certificate-name",
        "*.contoso.com",
        "--format",
        "json",
        "--lang",
        "fr",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out);
    let found = codes(&json);
    assert!(
        found.contains(&(
            "attribution.certificate-name-mismatch".into(),
            "fail".into()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&("attribution.certificate-expired".into(), "fail".into())),
        "{found:?}"
    );
    let expired = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "attribution.certificate-expired")
        .expect("expired");
    assert!(
        expired["detail"]
            .as_str()
            .expect("detail")
            .contains("a expiré le 01/01/2021")
    );
}

#[test]
fn der_file_is_read_too() {
    let dir = tempfile::tempdir().expect("temp");
    let key = KeyPair::generate().expect("key");
    let params = CertificateParams::new(vec!["mail.contoso.com".to_string()]).expect("params");
    let cert = params.self_signed(&key).expect("cert");
    let path = dir.path().join("mail.der");
    std::fs::write(&path, cert.der().as_ref()).expect("write");
    let out = run(&[
        "--cert-file",
        path.to_str().expect("path"),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let json = json_of(&out);
    assert_eq!(json["certificate"]["sans"][0], "mail.contoso.com");
    assert_eq!(json["verdict"], "pass");
}

#[test]
fn sender_ip_ranges_are_matched_as_cidr() {
    let dir = tempfile::tempdir().expect("temp");
    let (leaf, ca) = leaf_and_ca(&["mail.contoso.com"], false);
    let file = write(dir.path(), "chain.pem", &format!("{leaf}{ca}"));
    let inside = run(&[
        "--cert-file",
        &file,
        "--sender-ip",
        "198.51.100.7",
        "--sender-ip",
        "203.0.113.0/25",
        "--sending-ip",
        "203.0.113.126",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(codes(&json_of(&inside)), Vec::<(String, String)>::new());
    assert_eq!(inside.status.code(), Some(0));

    let outside = run(&[
        "--cert-file",
        &file,
        "--sender-ip",
        "198.51.100.7",
        "--sender-ip",
        "203.0.113.0/25",
        "--sending-ip",
        "203.0.113.128",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(
        outside.status.code(),
        Some(1),
        "an IP-based connector fails"
    );
    let json = json_of(&outside);
    assert_eq!(
        codes(&json),
        [("attribution.ip-not-listed".to_string(), "fail".to_string())]
    );
    let guidance = json["findings"][0]["guidance"].as_str().expect("guidance");
    assert!(
        guidance.contains("-SenderIPAddresses '198.51.100.7/32','203.0.113.0/25','203.0.113.128'"),
        "{guidance}"
    );

    let v6 = run(&[
        "--cert-file",
        &file,
        "--sender-ip",
        "2001:db8:25::/48",
        "--sending-ip",
        "2001:db8:25:1::9",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    // SenderIPAddresses takes IPv4 only (Set-InboundConnector): an IPv6 sender cannot be
    // recognised by IP, whatever range the admin typed.
    assert_eq!(
        codes(&json_of(&v6)),
        [("attribution.ipv6-sender".to_string(), "fail".to_string())]
    );
}

#[test]
fn private_local_endpoint_in_logs_is_noted_not_judged() {
    let logs =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/tenant/renewal");
    let out = run(&[
        "--log",
        logs.to_str().expect("path"),
        "--send-connector",
        "Outbound to Office 365",
        "--sender-ip",
        "203.0.113.0/24",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let json = json_of(&out);
    assert!(
        !json["findings"].to_string().contains("ip-not-listed"),
        "{json:#}"
    );
    let notes = json["notes"].to_string();
    assert!(
        notes.contains("10.0.0.12") && notes.contains("NAT") && notes.contains("--sending-ip"),
        "{notes}"
    );
}
