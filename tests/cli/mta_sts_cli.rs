//! MTA-STS and TLS-RPT in the domain-security step, as a user runs it: the real binary, the
//! domain's records in a zone signed by Knot on loopback (so DNSSEC is secure and DANE, without
//! TLSA records, stays out of the way), the policy from an in-process HTTPS server with a
//! certificate from the test CA (the hidden `--mta-sts-port` points the fetch at it), the MX host
//! a fake SMTP server. JSON checked against the published schema.

use serde_json::Value;

use crate::support::cli::{Run, check_json, check_raw, closed_port};
use crate::support::https::{PolicyReply, PolicyServer};
use crate::support::knot::SignedZone;
use crate::support::pki::record_311;
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};

const DOMAIN: &str = "sts.test";
const MX: &str = "mx.sts.test";
const POLICY_HOST: &str = "mta-sts.sts.test";

fn policy(mode: &str, mx: &[&str]) -> String {
    let mut body = format!("version: STSv1\r\nmode: {mode}\r\n");
    for m in mx {
        body.push_str(&format!("mx: {m}\r\n"));
    }
    body.push_str("max_age: 86400\r\n");
    body
}

/// The domain's zone: one MX on loopback, the policy host on loopback, the MTA-STS record and a
/// TLS-RPT record, plus `extra` lines.
fn zone(extra: &str) -> SignedZone {
    SignedZone::start(
        DOMAIN,
        &format!(
            "@ MX 10 mx\nmx A 127.0.0.1\nmta-sts A 127.0.0.1\n_mta-sts TXT \"v=STSv1; id=20261201T120000\"\n_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@sts.test\"\n{extra}"
        ),
        &[],
    )
}

fn mx_server(cert: CertKind) -> FakeSmtp {
    FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(cert),
        ..Default::default()
    })
}

fn args(zone: &SignedZone, smtp: &FakeSmtp, policy_port: u16) -> Vec<String> {
    let anchors = zone.anchor_file();
    [
        "--test-address",
        "user@sts.test",
        "--recipient-domain",
        DOMAIN,
        "--dns-server",
        &zone.server_arg(),
        "--dnssec-trust-anchor",
        anchors.to_str().expect("path"),
        "--mx-port",
        &smtp.addr().port().to_string(),
        "--mta-sts-port",
        &policy_port.to_string(),
        "--ca-file",
        pki().ca_file().to_str().expect("path"),
        "--domain-security",
        "--no-history",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn run(zone: &SignedZone, smtp: &FakeSmtp, policy_port: u16) -> Run {
    check_json(&args(zone, smtp, policy_port))
}

fn mta_sts(step: &Value) -> &Value {
    &step["domain_security"]["mta_sts"]
}

#[test]
fn enforce_policy_listing_the_mx_with_a_valid_certificate_passes() {
    let zone = zone("");
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let https = PolicyServer::start(POLICY_HOST, PolicyReply::Policy(policy("enforce", &[MX])));
    let run = run(&zone, &smtp, https.port());
    let step = run.expect_step("domain-security", "pass", None);
    let sts = mta_sts(&step);
    assert_eq!(sts["mode"], "enforce", "{}", run.dump());
    assert_eq!(sts["id"], "20261201T120000");
    assert_eq!(sts["mx_patterns"][0], MX);
    assert_eq!(sts["max_age_secs"], 86400);
    assert_eq!(sts["hosts"][0]["listed"], true);
    assert_eq!(sts["hosts"][0]["certificate_valid"], true);
    assert_eq!(sts["tls_rpt"][0], "mailto:tlsrpt@sts.test");
    assert!(
        step["detail"]
            .as_str()
            .unwrap_or("")
            .contains("every MX host is listed and presents a certificate valid for its name"),
        "{}",
        run.dump()
    );
    assert_eq!(
        https.requests(),
        vec![format!(
            "GET /.well-known/mta-sts.txt HTTP/1.1 | host: {POLICY_HOST}"
        )]
    );
    run.expect_status(0);
}

/// The reason the policy fetch gave (`detail-mta-sts-unreachable`'s `reason`).
fn fetch_reason(sts: &Value) -> &str {
    assert_eq!(
        sts["details"][0]["id"], "detail-mta-sts-unreachable",
        "{sts}"
    );
    sts["details"][0]["args"]["reason"].as_str().unwrap_or("")
}

#[test]
fn enforce_policy_that_does_not_list_the_mx_fails_with_the_policy_to_publish() {
    let zone = zone("");
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let https = PolicyServer::start(
        POLICY_HOST,
        PolicyReply::Policy(policy("enforce", &["mail.other.test", "*.mx.sts.test"])),
    );
    let run = run(&zone, &smtp, https.port());
    run.expect_status(1);
    let step = run.expect_step("domain-security", "fail", Some("mta-sts.mx-not-listed"));
    let sts = mta_sts(&step);
    assert_eq!(sts["hosts"][0]["listed"], false, "{}", run.dump());
    // The wildcard covers one label below mx.sts.test, not mx.sts.test itself.
    assert_eq!(sts["mx_patterns"][1], "*.mx.sts.test");
    let detail = step["detail"].as_str().unwrap_or("");
    assert!(detail.contains("5.4.8"), "{}", run.dump());
    assert!(detail.contains("mx: mx.sts.test"), "{}", run.dump());
    assert!(
        step["guidance"].as_str().unwrap_or("").contains("mx:"),
        "{}",
        run.dump()
    );
}

#[test]
fn testing_policy_that_does_not_list_the_mx_only_warns() {
    let zone = zone("");
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let https = PolicyServer::start(
        POLICY_HOST,
        PolicyReply::Policy(policy("testing", &["mail.other.test"])),
    );
    let run = run(&zone, &smtp, https.port());
    run.expect_status(0);
    let step = run.expect_step("domain-security", "warn", Some("mta-sts.mx-not-listed"));
    assert_eq!(mta_sts(&step)["mode"], "testing", "{}", run.dump());
    assert_eq!(mta_sts(&step)["details"][0]["args"]["effect"], "reported");
}

#[test]
fn enforce_policy_with_an_mx_certificate_not_valid_for_its_name_fails() {
    let zone = zone("");
    // Signed by the trusted test root, but for other.invalid only.
    let smtp = mx_server(CertKind::WrongName);
    let https = PolicyServer::start(POLICY_HOST, PolicyReply::Policy(policy("enforce", &[MX])));
    let run = run(&zone, &smtp, https.port());
    run.expect_status(1);
    let step = run.expect_step(
        "domain-security",
        "fail",
        Some("mta-sts.certificate-invalid"),
    );
    let host = &mta_sts(&step)["hosts"][0];
    assert_eq!(host["listed"], true, "{}", run.dump());
    assert_eq!(host["certificate_valid"], false);
    assert!(
        step["detail"].as_str().unwrap_or("").contains("5.7.5"),
        "{}",
        run.dump()
    );
}

#[test]
fn unreachable_policy_host_is_a_warning_not_a_failure() {
    let zone = zone("");
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let run = run(&zone, &smtp, closed_port());
    run.expect_status(0);
    let step = run.expect_step(
        "domain-security",
        "warn",
        Some("mta-sts.policy-unreachable"),
    );
    assert_eq!(fetch_reason(mta_sts(&step)), "connect", "{}", run.dump());
    assert_eq!(mta_sts(&step)["id"], "20261201T120000");
}

#[test]
fn redirect_from_the_policy_host_is_refused_not_followed() {
    let zone = zone("");
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let target = PolicyServer::start(POLICY_HOST, PolicyReply::Policy(policy("enforce", &[MX])));
    let https = PolicyServer::start(
        POLICY_HOST,
        PolicyReply::Redirect(format!(
            "https://{POLICY_HOST}:{}/.well-known/mta-sts.txt",
            target.port()
        )),
    );
    let run = run(&zone, &smtp, https.port());
    let step = run.expect_step(
        "domain-security",
        "warn",
        Some("mta-sts.policy-unreachable"),
    );
    assert_eq!(fetch_reason(mta_sts(&step)), "redirect", "{}", run.dump());
    assert!(target.requests().is_empty(), "the redirect was followed");
    assert!(mta_sts(&step).get("mode").is_none());
}

#[test]
fn oversized_policy_is_refused_after_64_kib() {
    let zone = zone("");
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    // 1 MiB with no Content-Length: only counting the bytes read stops it.
    let https = PolicyServer::start(POLICY_HOST, PolicyReply::Endless(1024 * 1024));
    let run = run(&zone, &smtp, https.port());
    let step = run.expect_step(
        "domain-security",
        "warn",
        Some("mta-sts.policy-unreachable"),
    );
    assert_eq!(fetch_reason(mta_sts(&step)), "too-large", "{}", run.dump());
    assert!(run.elapsed.as_secs() < 15, "{}", run.dump());
}

#[test]
fn policy_served_with_a_certificate_from_an_untrusted_issuer_is_unreachable() {
    let zone = zone("");
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let https = PolicyServer::start_with(
        CertKind::SelfSigned,
        PolicyReply::Policy(policy("enforce", &[MX])),
    );
    let run = run(&zone, &smtp, https.port());
    let step = run.expect_step(
        "domain-security",
        "warn",
        Some("mta-sts.policy-unreachable"),
    );
    assert_eq!(fetch_reason(mta_sts(&step)), "tls", "{}", run.dump());
}

#[test]
fn policy_served_as_html_is_refused() {
    let zone = zone("");
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let https = PolicyServer::start(
        POLICY_HOST,
        PolicyReply::Raw {
            status: 200,
            content_type: "text/html".to_string(),
            body: policy("enforce", &[MX]),
        },
    );
    let run = run(&zone, &smtp, https.port());
    let step = run.expect_step(
        "domain-security",
        "warn",
        Some("mta-sts.policy-unreachable"),
    );
    assert_eq!(
        fetch_reason(mta_sts(&step)),
        "content-type",
        "{}",
        run.dump()
    );
}

#[test]
fn malformed_policy_and_tls_rpt_record_are_warnings_in_french_text_too() {
    let zone = SignedZone::start(
        DOMAIN,
        "@ MX 10 mx\nmx A 127.0.0.1\nmta-sts A 127.0.0.1\n_mta-sts TXT \"v=STSv1; id=1\"\n_smtp._tls TXT \"v=TLSRPTv1; rua=ftp://reports.sts.test\"\n",
        &[],
    );
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let https = PolicyServer::start(
        POLICY_HOST,
        PolicyReply::Policy(
            "version: STSv1\nmode: strict\nmx: mx.sts.test\nmax_age: 60\n".to_string(),
        ),
    );
    let run = run(&zone, &smtp, https.port());
    let step = run.expect_step("domain-security", "warn", Some("mta-sts.policy-invalid"));
    let sts = mta_sts(&step);
    assert_eq!(
        sts["details"][0]["args"]["reason"],
        "mode",
        "{}",
        run.dump()
    );
    assert_eq!(sts["details"][1]["id"], "detail-tls-rpt-invalid");

    let mut french = args(&zone, &smtp, https.port());
    french.extend(["--lang".to_string(), "fr".to_string()]);
    let text = check_raw(&french);
    assert!(
        text.stdout
            .contains("le mode doit être enforce, testing ou none"),
        "{}",
        text.dump()
    );
    assert!(
        text.stdout
            .contains("les adresses rua doivent être des URI mailto: ou https:"),
        "{}",
        text.dump()
    );
    assert!(
        text.stdout.contains("[mta-sts.policy-invalid]"),
        "{}",
        text.dump()
    );
}

#[test]
fn no_mta_sts_record_is_information_with_the_records_to_publish() {
    let zone = SignedZone::start(DOMAIN, "@ MX 10 mx\nmx A 127.0.0.1\n", &[]);
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let run = run(&zone, &smtp, closed_port());
    let step = run.expect_step("domain-security", "pass", None);
    let sts = mta_sts(&step);
    assert_eq!(
        sts["details"][0]["id"],
        "detail-mta-sts-none",
        "{}",
        run.dump()
    );
    assert_eq!(sts["details"][1]["id"], "detail-tls-rpt-missing");
    let detail = step["detail"].as_str().unwrap_or("");
    assert!(
        detail.contains("version: STSv1 | mode: enforce | mx: mx.sts.test | max_age: 604800"),
        "{}",
        run.dump()
    );
    assert!(
        detail.contains("_smtp._tls.sts.test. IN TXT"),
        "{}",
        run.dump()
    );
}

/// RFC 8461 section 2: MTA-STS does not override DANE. With DANE valid on the MX, an enforce
/// policy that forgets the MX is a warning that names DANE, not a refusal.
#[test]
fn enforce_policy_missing_an_mx_under_valid_dane_is_a_warning() {
    let cert = pki().fixed(CertKind::Valid(vec![MX.to_string()]));
    let zone = zone(&format!("_25._tcp.mx TLSA {}\n", record_311(&cert)));
    let smtp = mx_server(cert);
    let https = PolicyServer::start(
        POLICY_HOST,
        PolicyReply::Policy(policy("enforce", &["mail.other.test"])),
    );
    let run = run(&zone, &smtp, https.port());
    run.expect_status(0);
    let step = run.expect_step("domain-security", "warn", Some("mta-sts.mx-not-listed"));
    assert_eq!(
        step["domain_security"]["hosts"][0]["dane"],
        true,
        "{}",
        run.dump()
    );
    let sts = mta_sts(&step);
    assert_eq!(sts["hosts"][0]["dane"], true);
    assert_eq!(
        sts["details"][0]["args"]["effect"],
        "dane",
        "{}",
        run.dump()
    );
}

/// Microsoft 365 skips an MX the enforce policy does not list and delivers through one it does:
/// a warning naming the skipped host, not a failure.
#[test]
fn enforce_policy_missing_a_backup_mx_warns_when_another_mx_passes() {
    let zone = zone("@ MX 20 mx2\nmx2 A 127.0.0.1\n");
    let smtp = mx_server(CertKind::Valid(vec![
        MX.to_string(),
        "mx2.sts.test".to_string(),
    ]));
    let https = PolicyServer::start(POLICY_HOST, PolicyReply::Policy(policy("enforce", &[MX])));
    let run = run(&zone, &smtp, https.port());
    let step = run.expect_step("domain-security", "warn", Some("mta-sts.mx-not-listed"));
    let sts = mta_sts(&step);
    assert_eq!(
        sts["details"][0]["args"]["host"],
        "mx2.sts.test",
        "{}",
        run.dump()
    );
    assert_eq!(sts["details"][0]["args"]["effect"], "other-mx");
    assert!(
        step["detail"]
            .as_str()
            .unwrap_or("")
            .contains("mx: mx.sts.test | mx: mx2.sts.test"),
        "{}",
        run.dump()
    );
}

/// RFC 8461 section 3.3: senders fetch the policy again only when the TXT record's id changes.
/// A policy edited under the same id is told apart from the previous run in the history.
#[test]
fn policy_changed_under_the_same_id_shows_in_the_changes_since_the_last_run() {
    let zone = zone("");
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let history_args = |port: u16, extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = args(&zone, &smtp, port)
            .into_iter()
            .filter(|a| a != "--no-history")
            .collect();
        // The only test here that keeps history (the others pass --no-history).
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let first = PolicyServer::start(POLICY_HOST, PolicyReply::Policy(policy("testing", &[MX])));
    let a = history_args(first.port(), &[]);
    check_json(&a).expect_status(0);
    drop(first);

    let second = PolicyServer::start(POLICY_HOST, PolicyReply::Policy(policy("enforce", &[MX])));
    let a = history_args(second.port(), &["--compare-last", "--lang", "en"]);
    let text = check_raw(&a);
    text.expect_status(0);
    assert!(
        text.stdout.contains(
            "the MTA-STS policy of sts.test changed but its id did not (20261201T120000)"
        ),
        "{}",
        text.dump()
    );
}

/// Microsoft Learn, "Enhancing mail flow with MTA-STS": for an outbound connector to a smart
/// host, Exchange Online validates MTA-STS against the smart host's domain, not the
/// recipient's. Here the smart host mx.sts.test publishes its own policy, which does not list it.
#[test]
fn smart_host_is_judged_against_its_own_mta_sts_policy() {
    let zone = zone("_mta-sts.mx TXT \"v=STSv1; id=2\"\nmta-sts.mx A 127.0.0.1\n");
    let smtp = mx_server(CertKind::Valid(vec![MX.to_string()]));
    let https = PolicyServer::start(
        "mta-sts.mx.sts.test",
        PolicyReply::Policy(policy("enforce", &["other.sts.test"])),
    );
    let anchors = zone.anchor_file();
    let host = format!("{MX}:{}", smtp.addr().port());
    let port = https.port().to_string();
    let run = check_json(&[
        "--host",
        &host,
        "--test-address",
        "user@contoso.test",
        "--recipient-domain",
        "contoso.test",
        "--dns-server",
        &zone.server_arg(),
        "--dnssec-trust-anchor",
        anchors.to_str().expect("path"),
        "--mta-sts-port",
        &port,
        "--ca-file",
        pki().ca_file().to_str().expect("path"),
        "--domain-security",
        "--no-history",
    ]);
    let step = run.expect_step("domain-security", "fail", Some("mta-sts.mx-not-listed"));
    let sts = mta_sts(&step);
    assert_eq!(sts["domain"], MX, "{}", run.dump());
    assert_eq!(sts["id"], "2");
    assert_eq!(
        https.requests(),
        vec!["GET /.well-known/mta-sts.txt HTTP/1.1 | host: mta-sts.mx.sts.test".to_string()]
    );
}
