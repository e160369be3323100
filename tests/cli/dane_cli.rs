//! The domain-security step as a user runs it: the real binary, a zone signed by Knot on
//! loopback, JSON checked against the published schema, French and English text.

use crate::support::cli::{check_json, check_raw};
use crate::support::knot::SignedZone;
use crate::support::pki::record_311;
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};

/// A renewed certificate whose key the zone does not publish: JSON carries the findings and
/// the record to publish, the text in French gives the same record and the guidance.
#[test]
fn dane_mismatch_after_renewal_in_json_and_french_text_with_the_record_to_publish() {
    let old = pki().fixed(CertKind::valid_default());
    let renewed = pki().fixed(CertKind::valid_default());
    let zone = SignedZone::start(
        "dane.test",
        &format!(
            "@ MX 10 mx\nmx A 127.0.0.1\n_25._tcp.mx TLSA {}\n",
            record_311(&old)
        ),
        &[],
    );
    let smtp = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(renewed.clone()),
        ..Default::default()
    });
    let anchors = zone.anchor_file();
    let port = smtp.addr().port().to_string();
    let ca = pki().ca_file();
    let args = [
        "--test-address",
        "user@dane.test",
        "--recipient-domain",
        "dane.test",
        "--dns-server",
        &zone.server_arg(),
        "--mx-port",
        &port,
        "--ca-file",
        ca.to_str().expect("path"),
        "--dnssec-trust-anchor",
        anchors.to_str().expect("path"),
        "--no-history",
    ];
    let run = check_json(&args);
    run.expect_status(1);
    let step = run.expect_step("domain-security", "fail", Some("dane.mismatch"));
    let found = &step["domain_security"];
    assert_eq!(found["domain"], "dane.test", "{}", run.dump());
    assert_eq!(found["mx_dnssec"], "secure");
    let host = &found["hosts"][0];
    assert_eq!(host["tlsa_dnssec"], "secure");
    assert_eq!(host["presented_tlsa"], record_311(&renewed));
    assert_eq!(host["tlsa"][0]["data_hex"], record_311(&old)[6..]);
    assert!(
        step["guidance"].as_str().unwrap_or("").contains("3 1 1"),
        "{}",
        run.dump()
    );
    // The record that fixes it is a command of its own, ready to copy.
    assert_eq!(
        step["fix_commands"][0]["command"],
        format!("_25._tcp.mx.dane.test. IN TLSA {}", record_311(&renewed)),
        "{}",
        run.dump()
    );

    let mut french: Vec<&str> = args.to_vec();
    french.extend(["--lang", "fr"]);
    let text = check_raw(&french);
    text.expect_status(1);
    assert!(
        text.stdout.contains("Sécurité du domaine"),
        "{}",
        text.dump()
    );
    assert!(
        text.stdout.contains(&format!(
            "_25._tcp.mx.dane.test. IN TLSA {}",
            record_311(&renewed)
        )),
        "{}",
        text.dump()
    );
    assert!(text.stdout.contains("4.7.323"), "{}", text.dump());
}

#[test]
fn a_trust_anchor_file_that_is_not_ds_or_dnskey_is_refused_before_any_traffic() {
    let dir = tempfile::tempdir().expect("folder");
    let anchors = dir.path().join("anchors.txt");
    std::fs::write(&anchors, "dane.test. A 127.0.0.1\n").expect("file");
    let run = check_json(&[
        "--host",
        "127.0.0.1:1",
        "--dnssec-trust-anchor",
        anchors.to_str().expect("path"),
        "--no-history",
    ]);
    run.expect_status(2);
    let json = run.json();
    let problem = &json["input_errors"][0];
    assert_eq!(problem["field"], "dnssec-trust-anchor", "{}", run.dump());
    assert!(
        problem["problem"].as_str().unwrap_or("").contains("line 1"),
        "{}",
        run.dump()
    );
}
