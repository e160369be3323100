//! Rules of `src/checks/policy.rs` that had no test against a real server yet: a 1024-bit RSA
//! end-entity key and a TLS 1.3-only server (`openssl s_server`, certificates made now and
//! signed by the test root), and an IPv6 address this network cannot reach beside a working
//! IPv4 one (in a network namespace the test makes, so no packet can leave loopback).

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::cli::{
    DOMAIN, Run, check_json, json_strings, mx_route_args, smart_host_args, with_ca, with_tls,
    without_history,
};
use crate::support::openssl::{OpensslCert, OpensslSmtp};
use crate::support::pki::HttpFile;
use crate::support::{CertKind, FakeDns, FakeSmtp, SmtpBehavior, StartTls, Zone, pki};

fn check(host: &str, tls: &str) -> Run {
    check_json(&without_history(with_ca(with_tls(
        smart_host_args(host),
        tls,
    ))))
}

/// `openssl s_server` with an RSA key of `bits` bits (certificate signed by the test root),
/// behind the SMTP front: one `s_server` per STARTTLS of a run (the engine's own and the
/// probe's five). With `tls_required`, the front refuses MAIL without TLS.
fn rsa_server(bits: u32, extra: &[&str], tls_required: bool) -> Option<OpensslSmtp> {
    OpensslSmtp::start(
        OpensslCert::TestRoot { rsa_bits: bits },
        extra,
        6,
        tls_required,
    )
}

/// Microsoft's Trusted Root Program has required 2048-bit RSA end-entity keys since 2011: a
/// 1024-bit leaf fails a connector that validates the certificate. (rustls refuses to finish a
/// handshake signed with such a key; the probe's clear-text TLS 1.2 Certificate message is
/// where the key is read.)
#[test]
fn leaf_with_1024_bit_rsa_key_is_a_weak_key_under_certificate_validation() {
    // Debian's OpenSSL loads a 1024-bit key only below security level 2.
    let Some(server) = rsa_server(1024, &["-cipher", "DEFAULT:@SECLEVEL=0"], false) else {
        return;
    };
    let run = check(&server.host_arg(), "certificate-validation");
    run.expect_status(1).expect_verdict("fail");
    let tls = run.expect_step("tls", "fail", Some("tls.weak-key"));
    // The detail names the certificate, its size and the minimum.
    run.expect_detail(&tls, &["1024", "2048", "mail.test.example"]);
    // Microsoft 365 would not be refused a session: the suite is on Microsoft's list.
    run.expect_value(
        &tls["tls"]["probe"]["cipher_suite"],
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    );
    run.expect_step("test-email", "not-reached", None);
}

/// The same key under EncryptionOnly: not a failure (Microsoft does not document that it
/// refuses to encrypt to it), but the warning shown is the weak key — the reason rustls could
/// not finish — not "this tool lacks the suite", and the address is still tested.
#[test]
fn leaf_with_1024_bit_rsa_key_is_a_weak_key_warning_under_encryption_only() {
    let Some(server) = rsa_server(1024, &["-cipher", "DEFAULT:@SECLEVEL=0"], false) else {
        return;
    };
    let run = check(&server.host_arg(), "encryption-only");
    run.expect_status(0).expect_verdict("pass");
    let tls = run.expect_step("tls", "warn", Some("tls.weak-key"));
    run.expect_detail(&tls, &["1024"]);
    run.expect_step("test-email", "pass", None);
}

/// A server that speaks only TLS 1.3 (OpenSSL): Microsoft does not say that Exchange Online
/// sends over TLS 1.3 ("Technical reference details about encryption": "supported by some of
/// the services"), so the TLS step is a warning, never a failure and never a silent pass.
#[test]
fn tls13_only_openssl_server_is_a_tls13_only_warning_not_a_failure() {
    // `openssl s_server` speaks no SMTP after the handshake; -rev answers the engine's EHLO
    // at once with a line that is not SMTP (so the test address step fails, as it must with
    // such a server) instead of letting it wait out the timeout. Only the TLS step is judged.
    let Some(server) = rsa_server(2048, &["-tls1_3", "-rev"], false) else {
        return;
    };
    let run = check(&server.host_arg(), "certificate-validation");
    let tls = run.expect_step("tls", "warn", Some("tls.tls13-only"));
    let probe = &tls["tls"]["probe"];
    assert_eq!(
        json_strings(&probe["versions_accepted"]),
        ["TLS 1.3"],
        "{}",
        run.dump()
    );
    run.expect_value(&probe["cipher_suite"], Value::Null);
    assert!(
        json_strings(&probe["answers"])
            .iter()
            .any(|a| a.starts_with("TLS 1.2 (Microsoft 365 suites): refused")),
        "{}",
        run.dump()
    );
    // rustls finished its own TLS 1.3 handshake and the certificate is trusted.
    run.expect_value(&tls["tls"]["protocol"], "TLS 1.3");
    run.expect_detail(&tls, &["TLS_AES_256_GCM_SHA384"]);
}

/// The same rule through a whole run (rustls server limited to TLS 1.3): the run passes with
/// the warning, and the test address is checked inside the TLS 1.3 session.
#[test]
fn tls13_only_server_passes_with_the_tls13_only_warning() {
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::OfferedTls13Only(CertKind::valid_default()),
        ..SmtpBehavior::default()
    });
    let run = check(&server.host_arg(), "certificate-validation");
    run.expect_status(0).expect_verdict("pass");
    let tls = run.expect_step("tls", "warn", Some("tls.tls13-only"));
    assert_eq!(
        json_strings(&tls["tls"]["probe"]["versions_accepted"]),
        ["TLS 1.3"],
        "{}",
        run.dump()
    );
    run.expect_step("test-email", "pass", None);
    assert_eq!(server.tls_handshakes(), 1, "{}", run.dump());
}

/// Regression: a server whose only suites are CBC ones from Microsoft's list (rustls has none)
/// and that refuses mail without TLS left the test address untested, yet the report's verdict
/// read "PASS: every step passed". It passes (Microsoft 365 would connect), but says that the
/// address could not be tested.
#[test]
fn untested_address_is_not_a_plain_pass_in_the_report_verdict() {
    let Some(server) = rsa_server(
        2048,
        &["-no_tls1_3", "-cipher", "ECDHE-RSA-AES128-SHA256"],
        true,
    ) else {
        return;
    };
    let run = check(&server.host_arg(), "encryption-only");
    run.expect_status(0).expect_verdict("pass");
    run.expect_step("test-email", "warn", Some("email.not-tested"));
    let label = run.json()["verdict_label"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        label,
        "PASS with warnings: no step failed, but the test address could not be tested",
        "{}",
        run.dump()
    );
    // The one-line verdict agrees (it read "would deliver through X, with one warning").
    let line = &run.json()["verdict_line"];
    run.expect_value(&line["outcome"], "deliver-untested");
    assert_eq!(line["code"], "email.not-tested");
    let text = line["text"].as_str().unwrap_or_default();
    assert!(
        text.starts_with("The route works: Microsoft 365 would deliver through")
            && text.contains("but the test address could not be tested"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// Revocation by CRL (no OCSP responder in the certificate)

/// A server whose certificate names only a CRL, served over HTTP on loopback; the CRL lists
/// the certificate as revoked when `revoked`.
fn crl_server(revoked: bool) -> (FakeSmtp, HttpFile) {
    let http = HttpFile::start();
    let (chain, key) = pki().leaf(CertKind::WithCrl(http.url("issuing-ca.crl")));
    let listed: Vec<&[u8]> = if revoked {
        vec![chain[0].as_ref()]
    } else {
        Vec::new()
    };
    http.set_body(pki().intermediate_crl(&listed));
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::Prepared {
            chain: chain.iter().map(|c| c.as_ref().to_vec()).collect(),
            key: key.secret_der().to_vec(),
            ocsp: Vec::new(),
        }),
        ..SmtpBehavior::default()
    });
    (server, http)
}

/// CertificateValidation includes "revocation lists checks" (New-OutboundConnector): a
/// certificate listed in the CRL its issuer publishes fails, and the JSON says where that was
/// learnt.
#[test]
fn certificate_listed_in_its_crl_is_revoked() {
    let (server, http) = crl_server(true);
    let run = check(&server.host_arg(), "certificate-validation");
    run.expect_status(1).expect_verdict("fail");
    let tls = run.expect_step("tls", "fail", Some("tls.revoked"));
    let revocation = &tls["tls"]["revocation"];
    run.expect_value(&revocation["status"], "revoked");
    run.expect_value(&revocation["source"], "crl");
    run.expect_value(&revocation["url"], http.url("issuing-ca.crl"));
    assert!(http.requests() >= 1, "the CRL was fetched");
    run.expect_step("test-email", "not-reached", None);
}

#[test]
fn certificate_absent_from_its_crl_is_good() {
    let (server, http) = crl_server(false);
    let run = check(&server.host_arg(), "certificate-validation");
    run.expect_status(0);
    let tls = run.expect_step("tls", "pass", None);
    run.expect_value(&tls["tls"]["revocation"]["status"], "good");
    run.expect_value(&tls["tls"]["revocation"]["source"], "crl");
    assert!(http.requests() >= 1, "the CRL was fetched");
}

/// Revoked under EncryptionOnly: Microsoft 365 checks revocation only when it validates the
/// certificate ("How Exchange Online uses TLS to secure email connections"), so a warning.
#[test]
fn certificate_listed_in_its_crl_is_a_warning_under_encryption_only() {
    let (server, _http) = crl_server(true);
    let run = check(&server.host_arg(), "encryption-only");
    run.expect_status(0).expect_verdict("pass");
    run.expect_step("tls", "warn", Some("tls.revoked"));
    run.expect_step("test-email", "pass", None);
}

// ---------------------------------------------------------------------------------------------
// An address family this network cannot reach

/// Set on the copy of a test that runs inside its own network namespace.
const IN_NAMESPACE: &str = "CONNECTOR_DOCTOR_TEST_IN_NETNS";

/// An IPv6 address from the documentation prefix (RFC 3849): inside the namespace there is no
/// route to it, so connecting fails at once with "network unreachable" — the condition of a
/// network without IPv6.
const UNROUTABLE_V6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x25);

/// Runs the test named `test` (its path in this binary) again, inside a new user and network
/// namespace whose only interface is loopback, brought up first. Returns false, loudly, when
/// this machine cannot make such a namespace (the test did not run).
fn rerun_in_private_network(test: &str) -> bool {
    let capable = Command::new("unshare")
        .args(["--user", "--map-root-user", "--net", "--"])
        .args(["ip", "link", "set", "lo", "up"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    match capable {
        Ok(out) if out.status.success() => {}
        other => {
            let why = match other {
                Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
                Err(e) => e.to_string(),
            };
            eprintln!(
                "\n##########\nSKIPPED: {test} did NOT run: this machine cannot make a private \
                 network namespace (`unshare --user --map-root-user --net` with `ip` from \
                 iproute2): {why}\n##########\n"
            );
            return false;
        }
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let out_dir = tempfile::tempdir().expect("temp dir");
    let (out_path, err_path) = (out_dir.path().join("out"), out_dir.path().join("err"));
    let mut child = Command::new("unshare")
        .args(["--user", "--map-root-user", "--net", "--"])
        .args(["sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""])
        .arg(exe)
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(IN_NAMESPACE, "1")
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("start unshare");
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the namespace run") {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    assert!(
        status.is_some_and(|s| s.success()) && stdout.contains("1 passed"),
        "the run inside the network namespace failed ({status:?})\n--- stdout\n{stdout}\n--- \
         stderr\n{stderr}"
    );
    true
}

/// Refuses to go on unless this process is in a namespace whose only interface is loopback:
/// the scenario names an address outside 127.0.0.0/8 and ::1, which must never be reached.
fn assert_only_loopback_here() {
    // /proc/self/net/dev lists this process's namespace (/sys/class/net shows the one sysfs
    // was mounted in).
    let dev = std::fs::read_to_string("/proc/self/net/dev").unwrap_or_default();
    let interfaces: Vec<&str> = dev
        .lines()
        .skip(2)
        .filter_map(|l| l.split(':').next())
        .map(str::trim)
        .collect();
    assert_eq!(
        interfaces,
        ["lo"],
        "{IN_NAMESPACE} is set but this is not a private network namespace: refusing to run"
    );
    let refused = std::net::TcpStream::connect_timeout(
        &SocketAddr::from((UNROUTABLE_V6, 25)),
        Duration::from_secs(1),
    );
    assert_eq!(
        refused.map_err(|e| e.kind()).err(),
        Some(std::io::ErrorKind::NetworkUnreachable),
        "IPv6 must be unreachable in the namespace"
    );
}

/// `UseMXRecord`: the MX has an IPv6 address this network cannot reach (no IPv6 route, as on
/// many office networks) and an IPv4 address that works. Microsoft 365 tries IPv6 first and
/// falls back to IPv4 ("IPv6 updates for Exchange Online"), so the run passes with a
/// `route.address-family-unreachable` warning, not a failure.
#[test]
fn ipv6_unreachable_from_this_network_while_ipv4_works_is_an_address_family_warning() {
    if std::env::var_os(IN_NAMESPACE).is_none() {
        rerun_in_private_network(
            "policy_servers::ipv6_unreachable_from_this_network_while_ipv4_works_is_an_address_family_warning",
        );
        return;
    }
    assert_only_loopback_here();
    let good = FakeSmtp::start(SmtpBehavior::default());
    let port = good.addr().port();
    let dns = FakeDns::start(
        Zone::new()
            .mx(DOMAIN, 10, "mx.contoso.test")
            .a("mx.contoso.test", Ipv4Addr::LOCALHOST)
            .aaaa_documentation("mx.contoso.test", UNROUTABLE_V6),
    );
    let run = check_json(&without_history(with_ca(with_tls(
        mx_route_args(&dns, port),
        "certificate-validation",
    ))));
    run.expect_status(0).expect_verdict("pass");
    let v6 = SocketAddr::from((UNROUTABLE_V6, port)).to_string();
    let connect = run
        .steps_of("connect")
        .into_iter()
        .find(|s| s["address"] == v6.as_str())
        .unwrap_or_else(|| panic!("no connect step for {v6}\n{}", run.dump()));
    run.expect_value(&connect["status"], "warn");
    run.expect_value(&connect["code"], "connect.unreachable");
    let route = run.expect_step("resolve", "warn", Some("route.address-family-unreachable"));
    run.expect_detail(&route, &[&v6, "IPv6", "IPv4"]);
    assert!(
        run.steps()
            .iter()
            .all(|s| s["code"] != "route.mx-unreachable"),
        "one line, with the family's own code\n{}",
        run.dump()
    );
    let chosen = run
        .steps_of("resolve")
        .into_iter()
        .find(|s| s["detail_id"] == "detail-route-mx-chosen")
        .unwrap_or_else(|| panic!("no route line\n{}", run.dump()));
    run.expect_detail(&chosen, &[&good.host_arg()]);
    run.expect_step("test-email", "pass", None);
}

/// A smart host given as an address in Exchange Online Protection's inbound ranges ("Microsoft
/// 365 URLs and IP address ranges") is Microsoft 365 itself: a mail loop, failed without
/// connecting. Run in the private namespace so that even a regression that connected could
/// not reach Microsoft.
#[test]
fn smart_host_at_an_eop_address_is_a_mail_loop_and_never_contacted() {
    if std::env::var_os(IN_NAMESPACE).is_none() {
        rerun_in_private_network(
            "policy_servers::smart_host_at_an_eop_address_is_a_mail_loop_and_never_contacted",
        );
        return;
    }
    assert_only_loopback_here();
    let run = check_json(&without_history(smart_host_args("40.107.0.25")));
    run.expect_status(1).expect_verdict("fail");
    let step = run.expect_step("resolve", "fail", Some("resolve.points-to-microsoft"));
    assert!(step.to_string().contains("40.107.0.25"), "{step}");
    run.expect_step("connect", "not-reached", None);
}
