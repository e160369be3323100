//! End-to-end tests of `connector-doctor check` against servers that really listen on loopback:
//! the fake SMTP server and fake DNS server of `tests/support`. Every failure code of the engine
//! is produced here at least once (connect.unreachable: see its test).

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, Ipv6Addr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use crate::support::cli::{
    DOMAIN, MAILBOX, Run, check_json, check_raw, closed_port, mx_route_args, smart_host_args,
    strings, with_ca, with_timeout, with_tls,
};
use crate::support::{
    Blackhole, CertKind, FakeDns, FakeSmtp, Greeting, SmtpBehavior, StartTls, Zone, pki,
};

const UNKNOWN: &str = "nobody@contoso.test";
const LATER: &str = "later@contoso.test";

/// `--host <host> --recipient-domain contoso.test --test-address user@contoso.test --timeout <secs>`.
fn host_args(host: &str, timeout_secs: &str) -> Vec<String> {
    with_timeout(smart_host_args(host), timeout_secs)
}

/// `--host <server> --recipient-domain contoso.test --test-address user@contoso.test --timeout 5`.
fn base(server: &FakeSmtp) -> Vec<String> {
    smart_host_args(&server.host_arg())
}

fn cert_server(kind: CertKind) -> FakeSmtp {
    FakeSmtp::start_with(|b| b.starttls = StartTls::Offered(kind))
}

// ---------------------------------------------------------------------------------------------
// The rig itself: the fake servers behave as documented.

fn read_reply(reader: &mut impl BufRead) -> Vec<String> {
    let mut lines = Vec::new();
    for _ in 0..50 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        let line = line.trim_end().to_string();
        let last = line.as_bytes().get(3) != Some(&b'-');
        lines.push(line);
        if last {
            break;
        }
    }
    lines
}

fn say(stream: &mut impl Write, reader: &mut impl BufRead, command: &str) -> Vec<String> {
    stream
        .write_all(format!("{command}\r\n").as_bytes())
        .expect("write a command");
    stream.flush().expect("flush");
    read_reply(reader)
}

#[test]
fn rig_fake_smtp_speaks_esmtp_starttls_and_records_the_dialogue() {
    let server = FakeSmtp::start_with(|b| b.rejected_recipients = vec![UNKNOWN.into()]);
    let tcp = TcpStream::connect(server.addr()).expect("connect to the fake server");
    tcp.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    let mut reader = BufReader::new(tcp.try_clone().expect("clone"));
    let mut writer = tcp;
    assert!(read_reply(&mut reader)[0].starts_with("220 mail.test.example"));
    let ehlo = say(&mut writer, &mut reader, "EHLO client.test");
    assert!(ehlo.iter().any(|l| l.ends_with("STARTTLS")), "{ehlo:?}");
    assert!(say(&mut writer, &mut reader, "STARTTLS")[0].starts_with("220"));

    let mut roots = rustls::RootCertStore::empty();
    roots.add(pki().ca_der()).expect("add the test CA");
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from("mail.test.example").expect("name");
    let conn = rustls::ClientConnection::new(Arc::new(config), name).expect("client");
    drop(reader);
    let tls = rustls::StreamOwned::new(conn, writer);
    let mut tls = BufReader::new(tls);
    // The certificate verifies against the test CA: the first read completes the handshake.
    let ehlo = {
        let stream = tls.get_mut();
        stream
            .write_all(b"EHLO client.test\r\n")
            .expect("EHLO over TLS");
        read_reply(&mut tls)
    };
    assert!(ehlo[0].starts_with("250-mail.test.example"), "{ehlo:?}");
    assert!(!ehlo.iter().any(|l| l.contains("STARTTLS")), "{ehlo:?}");
    let mut cmd = |c: &str| {
        tls.get_mut()
            .write_all(format!("{c}\r\n").as_bytes())
            .expect("write");
        read_reply(&mut tls)
    };
    assert!(cmd("MAIL FROM:<>")[0].starts_with("250"));
    assert!(cmd(&format!("RCPT TO:<{UNKNOWN}>"))[0].starts_with("550 5.1.1"));
    assert!(cmd(&format!("RCPT TO:<{MAILBOX}>"))[0].starts_with("250"));
    assert!(cmd("DATA")[0].starts_with("354"));
    assert!(cmd("Subject: hi\r\n\r\n..dot\r\n.")[0].starts_with("250"));
    assert!(cmd("QUIT")[0].starts_with("221"));
    assert_eq!(server.tls_handshakes(), 1);
    assert_eq!(
        server.messages(),
        vec!["Subject: hi\r\n\r\n.dot\r\n".to_string()]
    );
    let transcript = server.transcript();
    assert_eq!(transcript[0], "EHLO client.test");
    assert!(transcript.contains(&"DATA".to_string()), "{transcript:?}");
    assert!(
        !transcript.iter().any(|l| l.contains("Subject")),
        "{transcript:?}"
    );
}

#[test]
fn rig_misbehaving_greetings_do_what_they_say() {
    use std::io::Read;
    let first_bytes = |greeting: Greeting, n: usize| -> Vec<u8> {
        let server = FakeSmtp::start_with(|b| b.greeting = greeting);
        let mut tcp = TcpStream::connect(server.addr()).expect("connect");
        let deadline = std::time::Instant::now() + Duration::from_millis(1500);
        let mut buf = vec![0u8; n];
        let mut got = 0;
        while got < n {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            tcp.set_read_timeout(Some(left)).expect("timeout");
            match tcp.read(&mut buf[got..]) {
                Ok(0) | Err(_) => break,
                Ok(k) => got += k,
            }
        }
        buf.truncate(got);
        buf
    };
    assert!(first_bytes(Greeting::Silent, 1).is_empty());
    assert!(first_bytes(Greeting::Busy421, 64).starts_with(b"421 4.3.2"));
    assert!(first_bytes(Greeting::Reject554, 64).starts_with(b"554 5.7.1"));
    let garbage = first_bytes(Greeting::Garbage, 256);
    assert!(garbage.len() == 256 && !garbage[0].is_ascii_digit());
    let endless = first_bytes(Greeting::EndlessLine, 20_000);
    assert_eq!(endless.len(), 20_000);
    assert!(endless.starts_with(b"220 ") && !endless.contains(&b'\n'));
    // One byte per 500 ms: about three bytes in 1.5 s.
    let drip = first_bytes(Greeting::SlowDrip, 100);
    assert!(
        (1..=5).contains(&drip.len()) && b"220 ".starts_with(&drip[..drip.len().min(4)]),
        "{drip:?}"
    );
}

#[test]
fn rig_fake_smtp_stops_when_dropped() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let addr = server.addr();
    drop(server);
    assert!(TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err());
}

fn dns_query(
    server: &FakeDns,
    name: &str,
    kind: hickory_proto::rr::RecordType,
) -> Option<hickory_proto::op::Message> {
    use hickory_proto::op::{Message, Query};
    use hickory_proto::rr::Name;
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").expect("client socket");
    socket
        .set_read_timeout(Some(Duration::from_millis(700)))
        .expect("timeout");
    let mut query = Message::query();
    query.add_query(Query::query(Name::from_ascii(name).expect("name"), kind));
    socket
        .send_to(&query.to_vec().expect("encode"), server.addr())
        .expect("send");
    let mut buf = [0u8; 4096];
    let (n, _) = socket.recv_from(&mut buf).ok()?;
    Some(Message::from_vec(&buf[..n]).expect("decode the answer"))
}

#[test]
fn rig_fake_dns_answers_from_its_zone() {
    use hickory_proto::op::ResponseCode;
    use hickory_proto::rr::{RData, RecordType};
    let dns = FakeDns::start(
        Zone::new()
            .mx(DOMAIN, 10, "mx1.contoso.test")
            .a("mx1.contoso.test", Ipv4Addr::LOCALHOST)
            .aaaa("mx1.contoso.test", Ipv6Addr::LOCALHOST)
            .null_mx("nullmx.test")
            .empty("empty.contoso.test")
            .servfail("broken.contoso.test")
            .timeout("slow.contoso.test"),
    );
    let mx = dns_query(&dns, "contoso.test.", RecordType::MX).expect("MX answer");
    assert_eq!(mx.metadata.response_code, ResponseCode::NoError);
    match &mx.answers[0].data {
        RData::MX(m) => {
            assert_eq!(m.preference, 10);
            assert_eq!(m.exchange.to_ascii(), "mx1.contoso.test.");
        }
        other => panic!("not an MX: {other:?}"),
    }
    let a = dns_query(&dns, "MX1.contoso.test.", RecordType::A).expect("A answer");
    assert_eq!(a.answers.len(), 1);
    let null = dns_query(&dns, "nullmx.test.", RecordType::MX).expect("null MX answer");
    match &null.answers[0].data {
        RData::MX(m) => assert!(m.exchange.is_root()),
        other => panic!("not an MX: {other:?}"),
    }
    let empty = dns_query(&dns, "empty.contoso.test.", RecordType::A).expect("empty answer");
    assert_eq!(empty.metadata.response_code, ResponseCode::NoError);
    assert!(empty.answers.is_empty());
    assert_eq!(empty.authorities.len(), 1);
    let nx = dns_query(&dns, "missing.contoso.test.", RecordType::A).expect("NXDOMAIN");
    assert_eq!(nx.metadata.response_code, ResponseCode::NXDomain);
    let fail = dns_query(&dns, "broken.contoso.test.", RecordType::A).expect("SERVFAIL");
    assert_eq!(fail.metadata.response_code, ResponseCode::ServFail);
    assert!(dns_query(&dns, "slow.contoso.test.", RecordType::A).is_none());
    assert!(
        dns.queries().contains(&"contoso.test. MX".to_string()),
        "{:?}",
        dns.queries()
    );
}

#[test]
fn rig_blackhole_listener_makes_connections_hang() {
    let hole = Blackhole::start();
    assert!(
        hole.really_times_out(),
        "a full backlog-0 listener should make new connections time out on Linux"
    );
}

// ---------------------------------------------------------------------------------------------
// One document: `--format json` prints what `--report FILE.json` writes.

#[test]
fn format_json_prints_the_same_document_the_json_report_writes() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let dir = tempfile::tempdir().expect("temporary folder");
    for (args, exit) in [
        (
            with_ca(with_tls(base(&server), "certificate-validation")),
            0,
        ),
        (with_tls(base(&server), "certificate-validation"), 1),
    ] {
        let file = dir.path().join(format!("report-{exit}.json"));
        let mut args = args;
        args.extend(strings(&["--report", &file.display().to_string()]));
        args.push("--no-history".into());
        let run = check_json(&args);
        run.expect_status(exit);
        let written = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("report not written ({e})\n{}", run.dump()));
        assert_eq!(written, run.stdout, "stdout and the .json report differ");
        let json = run.json();
        assert_eq!(json["schema_version"], 2, "{json}");
        assert_eq!(json["kind"], "connector-check", "{json}");
        assert_eq!(json["language"], "en", "{json}");
        assert_eq!(json["input_errors"], serde_json::json!([]), "{json}");
        assert_eq!(json["run"]["cancelled"], false, "{json}");
        let file_json: serde_json::Value = serde_json::from_str(&written).expect("report JSON");
        crate::support::schema::Schema::CheckReport.assert_valid(&file_json);
    }
}

#[test]
fn check_schema_rejects_drift() {
    use crate::support::schema::Schema;
    let server = FakeSmtp::start(SmtpBehavior::default());
    let json = check_json(
        &with_ca(with_tls(base(&server), "domain-validation"))
            .into_iter()
            .chain(strings(&[
                "--tls-domain",
                "mail.test.example",
                "--no-history",
            ]))
            .collect::<Vec<_>>(),
    )
    .json();
    let tls_step = json["steps"]
        .as_array()
        .and_then(|steps| steps.iter().position(|s| s["step"] == "tls"))
        .expect("a tls step");
    type Mutation = fn(&mut serde_json::Value, usize);
    let mutations: [(&str, Mutation); 6] = [
        ("unknown top-level field", |j, _| j["lang"] = "en".into()),
        ("unknown step field", |j, i| {
            j["steps"][i]["severity"] = "x".into()
        }),
        ("unknown certificate field", |j, i| {
            j["steps"][i]["certificate"]["issuer_cn"] = "x".into()
        }),
        ("unknown status", |j, i| {
            j["steps"][i]["status"] = "ok".into()
        }),
        ("unknown failure code", |j, i| {
            j["steps"][i]["code"] = "tls.broken".into()
        }),
        ("missing verdict", |j, _| {
            if let Some(o) = j.as_object_mut() {
                o.remove("verdict");
            }
        }),
    ];
    for (what, mutate) in mutations {
        let mut changed = json.clone();
        mutate(&mut changed, tls_step);
        assert!(
            !Schema::CheckReport.errors(&changed).is_empty(),
            "the schema accepts a document with {what}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A run that passes, and what it must not do.

#[test]
fn well_behaved_server_passes_every_step_with_certificate_details() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let run = check_json(
        &with_ca(with_tls(base(&server), "domain-validation"))
            .into_iter()
            .chain(strings(&["--tls-domain", "mail.test.example"]))
            .collect::<Vec<_>>(),
    );
    run.expect_status(0)
        .expect_verdict("pass")
        .expect_all_pass();
    for kind in ["resolve", "connect", "ehlo", "tls", "test-email"] {
        assert!(
            !run.steps_of(kind).is_empty(),
            "no {kind} step\n{}",
            run.dump()
        );
    }
    let tls = run.expect_step("tls", "pass", None);
    assert_eq!(tls["address"], server.host_arg(), "{}", run.dump());
    let cert = &tls["certificate"];
    assert!(
        cert["subject"]
            .as_str()
            .unwrap_or("")
            .contains("mail.test.example"),
        "{cert}"
    );
    assert!(
        cert["issuer"]
            .as_str()
            .unwrap_or("")
            .contains(crate::support::pki::ROOT_CN),
        "{cert}"
    );
    assert!(
        cert["sans"].to_string().contains("mail.test.example"),
        "{cert}"
    );
    for (field, len) in [("sha1_thumbprint", 40), ("sha256", 64)] {
        let hex = cert[field].as_str().unwrap_or("");
        assert_eq!(hex.len(), len, "{field} = {hex:?}");
        assert!(
            hex.chars().all(|c| c.is_ascii_hexdigit()),
            "{field} = {hex:?}"
        );
    }
    for field in ["not_before", "not_after", "serial"] {
        assert!(
            cert[field].as_str().is_some_and(|s| !s.is_empty()),
            "{field}: {cert}"
        );
    }
    assert!(
        tls["tls"]["protocol"]
            .as_str()
            .unwrap_or("")
            .contains("TLS"),
        "{tls}"
    );
    assert!(
        tls["tls"]["cipher_suite"]
            .as_str()
            .is_some_and(|s| !s.is_empty()),
        "{tls}"
    );
    // Every step carries the documented fields.
    for step in run.steps() {
        for field in [
            "host",
            "address",
            "step",
            "status",
            "code",
            "detail",
            "guidance",
            "duration_ms",
        ] {
            assert!(step.get(field).is_some(), "step without `{field}`: {step}");
        }
        assert!(step["duration_ms"].is_u64(), "{step}");
    }
    // The SMTP transcript shows the server's banner and what we sent.
    let ehlo = run.expect_step("ehlo", "pass", None);
    let lines = ehlo["transcript"].as_array().cloned().unwrap_or_default();
    assert!(
        lines.iter().any(|l| l["direction"] == "received"
            && l["text"]
                .as_str()
                .unwrap_or("")
                .starts_with("220 mail.test.example")),
        "{ehlo}"
    );
    assert!(
        lines.iter().any(|l| l["direction"] == "sent"
            && l["text"]
                .as_str()
                .unwrap_or("")
                .to_ascii_uppercase()
                .starts_with("EHLO")),
        "{ehlo}"
    );
    assert_eq!(
        server.tls_handshakes(),
        1,
        "one STARTTLS session per address"
    );
}

#[test]
fn without_send_no_data_is_sent_and_the_session_is_closed_politely() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let run = check_json(&with_ca(with_tls(base(&server), "certificate-validation")));
    run.expect_status(0).expect_verdict("pass");
    let transcript = server.transcript();
    let upper: Vec<String> = transcript.iter().map(|l| l.to_ascii_uppercase()).collect();
    assert!(
        upper.iter().any(|l| l.starts_with("MAIL FROM:")),
        "{transcript:?}"
    );
    assert!(
        upper
            .iter()
            .any(|l| l.starts_with("RCPT TO:") && l.contains(&MAILBOX.to_ascii_uppercase())),
        "{transcript:?}"
    );
    assert!(
        !upper.iter().any(|l| l == "DATA"),
        "DATA without --send: {transcript:?}"
    );
    assert!(upper.iter().any(|l| l == "QUIT"), "{transcript:?}");
    assert!(server.messages().is_empty());
}

#[test]
fn send_delivers_exactly_one_labelled_test_message() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let mut args = with_ca(with_tls(base(&server), "certificate-validation"));
    args.push("--send".into());
    let run = check_json(&args);
    run.expect_status(0).expect_verdict("pass");
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "{messages:?}\n{}", run.dump());
    let body = &messages[0];
    let subject = body
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("subject:"))
        .unwrap_or_else(|| panic!("no Subject header: {body}"));
    assert!(subject.to_ascii_lowercase().contains("test"), "{subject}");
    assert!(
        body.lines()
            .any(|l| l.to_ascii_lowercase().starts_with("to:") && l.contains(MAILBOX)),
        "{body}"
    );
    let data_count = server
        .transcript()
        .iter()
        .filter(|l| l.eq_ignore_ascii_case("DATA"))
        .count();
    assert_eq!(data_count, 1);
}

#[test]
fn smart_host_by_name_is_resolved_through_the_dns_server() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let dns = FakeDns::start(Zone::new().a("mail.test.example", Ipv4Addr::LOCALHOST));
    let host = format!("mail.test.example:{}", server.addr().port());
    let run = check_json(
        &with_ca(with_tls(
            strings(&[
                "--host",
                &host,
                "--dns-server",
                &dns.server_arg(),
                "--recipient-domain",
                DOMAIN,
                "--test-address",
                MAILBOX,
                "--timeout",
                "5",
            ]),
            "domain-validation",
        ))
        .into_iter()
        .chain(strings(&["--tls-domain", "mail.test.example"]))
        .collect::<Vec<_>>(),
    );
    run.expect_status(0).expect_verdict("pass");
    // 127.0.0.1 is private: the warning is expected, and the address is still tested.
    let resolve = run.expect_step("resolve", "warn", Some("resolve.private-address"));
    assert!(
        resolve["host"]
            .as_str()
            .unwrap_or("")
            .contains("mail.test.example"),
        "{resolve}"
    );
    run.expect_step("connect", "pass", None);
    assert_eq!(
        run.expect_step("connect", "pass", None)["address"],
        server.host_arg()
    );
    assert!(dns.query_count() > 0);
}

#[test]
fn ipv6_loopback_smart_host_passes() {
    let Ok(probe) = std::net::TcpListener::bind("[::1]:0") else {
        panic!("IPv6 loopback (::1) is not available on this machine");
    };
    drop(probe);
    let server = FakeSmtp::start_v6(SmtpBehavior::default());
    let run = check_json(&with_ca(with_tls(base(&server), "certificate-validation")));
    run.expect_status(0).expect_verdict("pass");
    assert_eq!(
        run.expect_step("connect", "pass", None)["address"],
        server.host_arg()
    );
}

#[test]
fn use_mx_mode_resolves_the_test_address_domain_in_preference_order() {
    // Two MX hosts on 127.0.0.1 and 127.0.0.2, same port (the --mx-port test option).
    let first = FakeSmtp::start(SmtpBehavior::default());
    let port = first.addr().port();
    let second = FakeSmtp::start_on(
        std::net::SocketAddr::from(([127, 0, 0, 2], port)),
        SmtpBehavior::default(),
    );
    let dns = FakeDns::start(
        Zone::new()
            .mx(DOMAIN, 20, "mx2.contoso.test")
            .mx(DOMAIN, 10, "mx1.contoso.test")
            .a("mx1.contoso.test", Ipv4Addr::LOCALHOST)
            .a("mx2.contoso.test", Ipv4Addr::new(127, 0, 0, 2)),
    );
    let run = check_json(&with_ca(with_tls(
        mx_route_args(&dns, port),
        "certificate-validation",
    )));
    run.expect_status(0).expect_verdict("pass");
    let connects = run.steps_of("connect");
    let addresses: Vec<String> = connects
        .iter()
        .map(|s| s["address"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        addresses,
        vec![first.host_arg(), second.host_arg()],
        "MX hosts in preference order\n{}",
        run.dump()
    );
    assert!(
        dns.queries()
            .iter()
            .any(|q| q.starts_with("contoso.test. MX")),
        "{:?}",
        dns.queries()
    );
    assert_eq!(first.tls_handshakes(), 1);
    assert_eq!(second.tls_handshakes(), 1);
}

#[test]
fn profile_file_supplies_the_connector() {
    let server = FakeSmtp::start_with(|b| b.starttls = StartTls::NotOffered);
    let dir = tempfile::tempdir().expect("temp dir");
    let profile = dir.path().join("connector.json");
    let connector = serde_json::json!({
        "name": "To on-premises",
        "smart_hosts": [server.host_arg()],
        "recipient_domains": [DOMAIN],
        "tls_settings": "encryption-only",
        "test_address": MAILBOX,
    });
    std::fs::write(&profile, connector.to_string()).expect("write the profile");
    let run = check_json(&[
        "--profile",
        &profile.display().to_string(),
        "--timeout",
        "5",
    ]);
    // encryption-only comes from the profile: without it, no STARTTLS would only be a warning.
    run.expect_status(1).expect_verdict("fail");
    run.expect_step("tls", "fail", Some("tls.not-offered"));
}

// ---------------------------------------------------------------------------------------------
// Invalid input: exit 2, the field is named, and nothing goes on the network.

fn expect_input_error(run: &Run, field: &str) {
    run.expect_status(2);
    assert!(
        run.stderr.to_ascii_lowercase().contains(field),
        "stderr should name `{field}`\n{}",
        run.dump()
    );
    // The JSON is the check document (schema-checked by `json()`) with the problem in
    // `input_errors`, localised, next to the failing steps.
    let json = run.json();
    let errors = json["input_errors"].as_array().cloned().unwrap_or_default();
    assert!(
        errors.iter().any(|e| e["field"] == field
            && e["problem"].as_str().is_some_and(|p| !p.is_empty())
            && e["problem_id"].as_str().is_some_and(|p| !p.is_empty())),
        "no input_errors entry for `{field}`\n{}",
        run.dump()
    );
}

#[test]
fn invalid_host_is_an_input_error_without_network_traffic() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    for bad in [
        "mail..contoso.test",
        "mail contoso.test",
        "smtp://mail.contoso.test",
        "mail.contoso.test:99999",
    ] {
        let mut args = base(&server);
        args.extend(strings(&["--host", bad]));
        let run = check_json(&args);
        expect_input_error(&run, "host");
        run.expect_verdict("fail");
        let step = run.expect_step("resolve", "fail", Some("resolve.invalid-host"));
        assert!(
            !step["guidance"].as_str().unwrap_or("").is_empty(),
            "{step}"
        );
    }
    assert_eq!(
        server.connections(),
        0,
        "input errors must not touch the network"
    );
}

#[test]
fn invalid_test_addresses_are_input_errors_without_network_traffic() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    for bad in [
        "user@@contoso.test",
        "a b@contoso.test",
        "user@",
        "@contoso.test",
        "user.contoso.test",
        "user@contoso.test\r\nRCPT TO:<victim@contoso.test>",
        "user@contoso.test\n",
        "user..name@contoso.test",
    ] {
        let mut args = strings(&["--host", &server.host_arg(), "--recipient-domain", "*"]);
        args.extend(strings(&["--test-address", bad]));
        let run = check_json(&args);
        expect_input_error(&run, "test-address");
        let step = run.expect_step("test-email", "fail", Some("email.invalid-address"));
        assert!(
            !step["detail"].as_str().unwrap_or("").is_empty(),
            "{bad:?}: {step}"
        );
    }
    assert_eq!(
        server.connections(),
        0,
        "input errors must not touch the network"
    );
}

#[test]
fn invalid_dns_server_and_tls_setting_are_input_errors() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let mut args = base(&server);
    args.extend(strings(&["--dns-server", "not-an-ip"]));
    expect_input_error(&check_json(&args), "dns-server");
    let mut args = base(&server);
    args.extend(strings(&["--tls", "paranoid"]));
    check_json(&args).expect_status(2);
    assert_eq!(server.connections(), 0);
}

#[test]
fn empty_host_is_an_input_error_not_a_silent_switch_to_mx_mode() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    for blank in ["", "   ", "\t"] {
        let run = check_json(&host_args(blank, "2"));
        expect_input_error(&run, "host");
        let input_errors = run.json()["input_errors"].to_string();
        assert!(input_errors.contains("\"host\""), "{input_errors}");
        assert!(
            run.stderr.contains("The host is empty."),
            "{blank:?}\n{}",
            run.dump()
        );
    }
    // A blank entry beside a good one is still refused: it was typed, so it was meant.
    let run = check_json(&strings(&[
        "--host",
        &server.host_arg(),
        "--host",
        " ",
        "--test-address",
        MAILBOX,
    ]));
    expect_input_error(&run, "host");
    assert_eq!(server.connections(), 0);
}

#[test]
fn white_space_around_a_value_is_dropped_the_same_way_for_every_option() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let host = format!(" {}\t", server.host_arg());
    let ca = pki().ca_file().display().to_string();
    let run = check_json(&strings(&[
        "--host",
        &host,
        "--recipient-domain",
        "\u{a0}contoso.test ",
        "--test-address",
        " user@contoso.test\t",
        "--mail-from",
        " <sender@contoso.test> ",
        "--tls",
        "domain-validation",
        "--tls-domain",
        " mail.test.example ",
        "--ca-file",
        &ca,
        "--timeout",
        "5",
    ]));
    run.expect_status(0);
    run.expect_step("test-email", "pass", None);
    assert!(
        server
            .transcript()
            .iter()
            .any(|l| l == "RCPT TO:<user@contoso.test>"),
        "{:?}",
        server.transcript()
    );
}

#[test]
fn a_line_break_in_any_option_is_refused_even_at_the_end() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let cases = [
        ("--host", format!("{}\r\n", server.host_arg())),
        ("--recipient-domain", "contoso.test\n".to_string()),
        ("--tls-domain", "mail.test.example\r\n".to_string()),
        ("--mail-from", "sender@contoso.test\n".to_string()),
    ];
    for (option, value) in cases {
        let mut args = with_tls(base(&server), "domain-validation");
        if option != "--tls-domain" {
            args.extend(strings(&["--tls-domain", "mail.test.example"]));
        }
        args.extend([option.to_string(), value.clone()]);
        let run = check_json(&args);
        expect_input_error(&run, option.trim_start_matches("--"));
    }
    assert_eq!(server.connections(), 0);
}

#[test]
fn every_input_problem_is_reported_at_once_each_naming_its_option() {
    let run = check_raw(&[
        "--host",
        "",
        "--host",
        "http://mail.contoso.com",
        "--test-address",
        "jane@contoso",
        "--tls",
        "domain-validation",
        "--tls-domain",
        "*",
        "--ca-file",
        "/nonexistent/ca.pem",
        "--lang",
        "en",
    ]);
    run.expect_status(2);
    let lines: Vec<&str> = run.stderr.lines().collect();
    for (option, words) in [
        ("--host \"\":", "The host is empty."),
        ("--host \"http://mail.contoso.com\":", "http://"),
        ("--test-address \"jane@contoso\":", "domain"),
        ("--tls-domain \"*\":", "character"),
        ("--ca-file \"/nonexistent/ca.pem\":", "/nonexistent/ca.pem"),
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(option) && l.contains(words)),
            "no line `{option} …{words}…`\n{}",
            run.dump()
        );
    }
    assert_eq!(lines.len(), 5, "{}", run.dump());
}

#[test]
fn test_address_outside_the_recipient_domains_is_out_of_scope() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let run = check_json(&strings(&[
        "--host",
        &server.host_arg(),
        "--recipient-domain",
        DOMAIN,
        "--test-address",
        "user@fabrikam.test",
        "--timeout",
        "5",
    ]));
    // A check failure (Microsoft's validation reports it too), not an input error.
    run.expect_status(1).expect_verdict("fail");
    let step = run.expect_step("test-email", "fail", Some("email.out-of-scope"));
    assert!(step["host"].is_null(), "connector-wide step: {step}");
    assert!(
        !step["guidance"].as_str().unwrap_or("").is_empty(),
        "{step}"
    );
    assert!(
        !server
            .transcript()
            .iter()
            .any(|l| l.to_ascii_uppercase().starts_with("RCPT")),
        "an out-of-scope address must not be tried: {:?}",
        server.transcript()
    );
}

#[test]
fn wildcard_recipient_domain_covers_subdomains() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let run = check_json(&strings(&[
        "--host",
        &server.host_arg(),
        "--recipient-domain",
        "*.contoso.test",
        "--test-address",
        "user@eu.contoso.test",
        "--timeout",
        "5",
    ]));
    run.expect_status(0);
    run.expect_step("test-email", "pass", None);
}

// ---------------------------------------------------------------------------------------------
// resolve

fn resolve_args(dns: &FakeDns, host: &str) -> Vec<String> {
    strings(&[
        "--host",
        host,
        "--dns-server",
        &dns.server_arg(),
        "--recipient-domain",
        DOMAIN,
        "--test-address",
        MAILBOX,
        "--timeout",
        "3",
    ])
}

#[test]
fn unknown_name_is_nxdomain() {
    let dns = FakeDns::start(Zone::new().a("mail.test.example", Ipv4Addr::LOCALHOST));
    let run = check_json(&resolve_args(&dns, "missing.test.example"));
    run.expect_status(1).expect_verdict("fail");
    run.expect_step("resolve", "fail", Some("resolve.nxdomain"));
    // Later steps of that host cannot run.
    for step in run.steps_of("connect") {
        assert_eq!(step["status"], "not-reached", "{}", run.dump());
    }
}

#[test]
fn name_without_records_is_no_records() {
    let dns = FakeDns::start(Zone::new().empty("bare.test.example"));
    let run = check_json(&resolve_args(&dns, "bare.test.example"));
    run.expect_status(1);
    run.expect_step("resolve", "fail", Some("resolve.no-records"));
}

#[test]
fn null_mx_is_reported_in_mx_mode() {
    let dns = FakeDns::start(Zone::new().null_mx(DOMAIN));
    let run = check_json(&with_timeout(mx_route_args(&dns, closed_port()), "3"));
    run.expect_status(1);
    run.expect_step("resolve", "fail", Some("resolve.null-mx"));
}

#[test]
fn null_mx_on_a_smart_host_name_is_reported() {
    let dns = FakeDns::start(Zone::new().null_mx("relay.test.example"));
    let run = check_json(&resolve_args(&dns, "relay.test.example"));
    run.expect_status(1);
    run.expect_step("resolve", "fail", Some("resolve.null-mx"));
}

#[test]
fn servfail_is_a_dns_error() {
    let dns = FakeDns::start(Zone::new().servfail("broken.test.example"));
    let run = check_json(&resolve_args(&dns, "broken.test.example"));
    run.expect_status(1);
    run.expect_step("resolve", "fail", Some("resolve.dns-error"));
}

#[test]
fn dns_server_that_never_answers_is_a_dns_error_within_the_timeout() {
    let dns = FakeDns::black_hole();
    let run = check_json(&with_timeout(resolve_args(&dns, "mail.test.example"), "2"));
    run.expect_status(1);
    run.expect_step("resolve", "fail", Some("resolve.dns-error"));
    assert!(dns.query_count() > 0, "the DNS server was not asked");
    assert!(
        run.elapsed < Duration::from_secs(3 * 2 + 2),
        "took {:?} with --timeout 2",
        run.elapsed
    );
}

#[test]
fn name_that_never_answers_is_a_dns_error() {
    let dns = FakeDns::start(Zone::new().timeout("slow.test.example"));
    let run = check_json(&with_timeout(resolve_args(&dns, "slow.test.example"), "2"));
    run.expect_status(1);
    run.expect_step("resolve", "fail", Some("resolve.dns-error"));
    assert!(
        run.elapsed < Duration::from_secs(8),
        "took {:?}",
        run.elapsed
    );
}

// ---------------------------------------------------------------------------------------------
// connect

#[test]
fn port_nobody_listens_on_is_refused() {
    let host = format!("127.0.0.1:{}", closed_port());
    let run = check_json(&host_args(&host, "3"));
    run.expect_status(1).expect_verdict("fail");
    run.expect_step("connect", "fail", Some("connect.refused"));
    for kind in ["ehlo", "tls", "test-email"] {
        for step in run.steps_of(kind) {
            assert_ne!(
                step["status"], "pass",
                "{kind} cannot pass after a refused connection"
            );
        }
    }
}

#[test]
fn listener_that_never_accepts_is_a_connect_timeout() {
    let hole = Blackhole::start();
    assert!(
        hole.really_times_out(),
        "the kernel accepted a connection on a full backlog"
    );
    let host = hole.addr().to_string();
    let run = check_json(&host_args(&host, "2"));
    run.expect_status(1);
    run.expect_step("connect", "fail", Some("connect.timeout"));
    assert!(
        run.elapsed < Duration::from_secs(6),
        "took {:?}",
        run.elapsed
    );
}

/// Loopback is always reachable here, so `connect.unreachable` is produced inside a network
/// namespace the test creates (`unshare --net`, root): its loopback interface is down, and a
/// connection to 127.0.0.1 fails at once with ENETUNREACH. No packet goes anywhere.
#[cfg(target_os = "linux")]
#[test]
fn address_without_a_route_is_unreachable_linux_root() {
    let started = std::time::Instant::now();
    let out = std::process::Command::new("unshare")
        .arg("--net")
        .arg(crate::support::cli::binary())
        .args([
            "check",
            "--host",
            "127.0.0.1:25",
            "--recipient-domain",
            DOMAIN,
            "--test-address",
            MAILBOX,
            "--timeout",
            "3",
            "--format",
            "json",
            "--lang",
            "en",
            "--no-history",
        ])
        .output()
        .expect("run unshare (util-linux) — this test needs root to create a network namespace");
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("unshare failed"),
        "cannot create a network namespace (root needed): {stderr}"
    );
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON object");
    crate::support::schema::Schema::CheckReport.assert_valid(&json);
    let connect = json["steps"]
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["step"] == "connect"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(connect["status"], "fail", "{stdout}");
    assert_eq!(connect["code"], "connect.unreachable", "{stdout}");
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
}

// ---------------------------------------------------------------------------------------------
// ehlo

#[test]
fn silent_server_is_no_banner_within_the_timeout() {
    let server = FakeSmtp::start_with(|b| b.greeting = Greeting::Silent);
    let run = check_json(&with_timeout(base(&server), "2"));
    run.expect_status(1);
    run.expect_step("ehlo", "fail", Some("ehlo.no-banner"));
    assert!(
        run.elapsed < Duration::from_secs(5),
        "took {:?}",
        run.elapsed
    );
    assert!(
        run.elapsed >= Duration::from_millis(1900),
        "gave up too early: {:?}",
        run.elapsed
    );
}

/// A silent server must cost one timeout, not two: after no banner, there is nobody to say
/// QUIT to, so waiting for its reply doubles the time (seen: 4.0 s with --timeout 2).
#[test]
fn silent_server_costs_one_timeout_not_two() {
    let server = FakeSmtp::start_with(|b| b.greeting = Greeting::Silent);
    let run = check_json(&with_timeout(base(&server), "2"));
    run.expect_step("ehlo", "fail", Some("ehlo.no-banner"));
    assert!(
        run.elapsed < Duration::from_millis(3500),
        "took {:?} with --timeout 2 (one timeout + 1.5 s allowed)",
        run.elapsed
    );
}

#[test]
fn busy_greeting_is_ehlo_busy() {
    let server = FakeSmtp::start_with(|b| b.greeting = Greeting::Busy421);
    let run = check_json(&base(&server));
    run.expect_status(1);
    let step = run.expect_step("ehlo", "fail", Some("ehlo.busy"));
    assert!(
        step.to_string().contains("421"),
        "the 421 reply should be shown: {step}"
    );
}

#[test]
fn rejecting_greeting_is_ehlo_rejected() {
    let server = FakeSmtp::start_with(|b| b.greeting = Greeting::Reject554);
    let run = check_json(&base(&server));
    run.expect_status(1);
    let step = run.expect_step("ehlo", "fail", Some("ehlo.rejected"));
    assert!(step.to_string().contains("554"), "{step}");
}

#[test]
fn binary_garbage_is_not_smtp() {
    let server = FakeSmtp::start_with(|b| b.greeting = Greeting::Garbage);
    let run = check_json(&base(&server));
    run.expect_status(1);
    run.expect_step("ehlo", "fail", Some("ehlo.not-smtp"));
    assert!(
        run.elapsed < Duration::from_secs(5),
        "took {:?}",
        run.elapsed
    );
}

#[test]
fn endless_line_is_not_smtp_and_memory_stays_bounded() {
    let server = FakeSmtp::start_with(|b| b.greeting = Greeting::EndlessLine);
    let run = check_json(&with_timeout(base(&server), "4"));
    run.expect_status(1);
    run.expect_step("ehlo", "fail", Some("ehlo.not-smtp"));
    assert!(
        run.elapsed < Duration::from_secs(5),
        "took {:?} with --timeout 4",
        run.elapsed
    );
    assert!(
        run.peak_rss_kb < 200 * 1024,
        "peak RSS {} kB",
        run.peak_rss_kb
    );
}

#[test]
fn slow_drip_banner_is_bounded_by_the_timeout() {
    // The 220 line would take ~25 s at one byte per 500 ms: a tarpit.
    let server = FakeSmtp::start_with(|b| b.greeting = Greeting::SlowDrip);
    let run = check_json(&with_timeout(base(&server), "2"));
    run.expect_status(1);
    run.expect_step("ehlo", "fail", Some("ehlo.no-banner"));
    assert!(
        run.elapsed < Duration::from_secs(6),
        "took {:?} with --timeout 2",
        run.elapsed
    );
}

#[test]
fn ehlo_refused_falls_back_to_helo() {
    let server = FakeSmtp::start_with(|b| b.ehlo_rejected = true);
    let run = check_json(&base(&server));
    let ehlo = run.steps_of("ehlo");
    assert!(!ehlo.is_empty(), "{}", run.dump());
    assert_ne!(ehlo[0]["status"], "fail", "HELO worked\n{}", run.dump());
    assert!(
        server
            .transcript()
            .iter()
            .any(|l| l.to_ascii_uppercase().starts_with("HELO ")),
        "{:?}",
        server.transcript()
    );
    // Without EHLO there is no STARTTLS: a warning under the opportunistic default.
    run.expect_step("tls", "warn", Some("tls.not-offered"));
    run.expect_status(0);
}

// ---------------------------------------------------------------------------------------------
// tls

#[test]
fn no_starttls_fails_under_encryption_only() {
    let server = FakeSmtp::start_with(|b| b.starttls = StartTls::NotOffered);
    let run = check_json(&with_tls(base(&server), "encryption-only"));
    run.expect_status(1).expect_verdict("fail");
    run.expect_step("tls", "fail", Some("tls.not-offered"));
}

#[test]
fn no_starttls_only_warns_when_opportunistic() {
    let server = FakeSmtp::start_with(|b| b.starttls = StartTls::NotOffered);
    let run = check_json(&with_tls(base(&server), "opportunistic"));
    run.expect_status(0).expect_verdict("pass");
    run.expect_step("tls", "warn", Some("tls.not-offered"));
    // The recipient is still checked, in clear text.
    run.expect_step("test-email", "pass", None);
}

#[test]
fn starttls_refused_with_454_fails_under_encryption_only() {
    let server = FakeSmtp::start_with(|b| b.starttls = StartTls::RejectCommand);
    let run = check_json(&with_tls(base(&server), "encryption-only"));
    run.expect_status(1);
    // Offered, then refused: its own code, not "not offered".
    let tls = run.expect_step("tls", "fail", Some("tls.starttls-refused"));
    assert!(
        tls.to_string().contains("454"),
        "the 454 reply should be shown\n{}",
        run.dump()
    );
}

// Opportunistic TLS (no TlsSettings) when STARTTLS is offered but gives no TLS session: Microsoft
// 365 sends without encryption ("How Exchange Online uses TLS to secure email connections"), so
// the address is tested without TLS on a new connection, and never left untested in a PASS.

/// Every way an offered STARTTLS can fail, with the TLS step's code.
/// The TLS probe's own connections: one per ClientHello, after a `220` to STARTTLS.
fn probe_connections(behavior: &StartTls) -> usize {
    match behavior {
        StartTls::CloseOnCommand | StartTls::RejectCommand | StartTls::NotOffered => 0,
        _ => connector_doctor::checks::tls_probe::PROBE_CONNECTIONS,
    }
}

fn broken_starttls() -> Vec<(StartTls, &'static str)> {
    vec![
        // An alert to every ClientHello, Microsoft 365's suites included: the probe names it.
        (StartTls::AlertMidHandshake, "tls.no-common-cipher"),
        (StartTls::GarbageMidHandshake, "tls.handshake-failed"),
        (StartTls::DropMidHandshake, "tls.handshake-failed"),
        (StartTls::CloseOnCommand, "tls.starttls-refused"),
    ]
}

#[test]
fn opportunistic_starttls_alert_no_longer_passes_with_the_address_untested() {
    // The recipient does not exist: only a real RCPT TO can tell, so a PASS here would mean the
    // address was never tested (what the run said before).
    let server = FakeSmtp::start_with(|b| {
        b.starttls = StartTls::AlertMidHandshake;
        b.rejected_recipients = vec![MAILBOX.to_string()];
    });
    let run = check_json(&with_tls(base(&server), "opportunistic"));
    run.expect_status(1).expect_verdict("fail");
    run.expect_step("tls", "warn", Some("tls.no-common-cipher"));
    run.expect_step("test-email", "fail", Some("email.recipient-rejected"));
}

#[test]
fn opportunistic_broken_starttls_tests_the_address_in_plain_text() {
    for (behavior, code) in broken_starttls() {
        let server = FakeSmtp::start_with(|b| b.starttls = behavior.clone());
        let run = check_json(&with_tls(base(&server), "opportunistic"));
        run.expect_status(0).expect_verdict("pass");
        let tls = run.expect_step("tls", "warn", Some(code));
        assert!(
            tls["detail"].as_str().unwrap_or("").contains("without TLS"),
            "{behavior:?}: the TLS step says the address is tested without TLS\n{}",
            run.dump()
        );
        run.expect_step("test-email", "pass", None);
        assert_eq!(server.tls_handshakes(), 0, "{behavior:?}");
        let probes = probe_connections(&behavior);
        assert_eq!(
            server.connections(),
            2 + probes,
            "{behavior:?}: a second, plain connection (and the TLS probe's)"
        );
        let transcript = server.transcript();
        assert!(
            transcript
                .iter()
                .any(|l| l.eq_ignore_ascii_case(&format!("RCPT TO:<{MAILBOX}>"))),
            "{behavior:?}: the address was really tested: {transcript:?}"
        );
        assert_eq!(
            transcript
                .iter()
                .filter(|l| l.eq_ignore_ascii_case("STARTTLS"))
                .count(),
            1 + probes,
            "{behavior:?}: the plain connection does not ask for STARTTLS again: {transcript:?}"
        );
    }
}

#[test]
fn broken_starttls_fails_when_the_connector_forces_tls() {
    for (behavior, code) in broken_starttls() {
        let server = FakeSmtp::start_with(|b| b.starttls = behavior.clone());
        let run = check_json(&with_tls(base(&server), "encryption-only"));
        run.expect_status(1).expect_verdict("fail");
        run.expect_step("tls", "fail", Some(code));
        run.expect_step("test-email", "not-reached", None);
        assert_eq!(
            server.connections(),
            1 + probe_connections(&behavior),
            "{behavior:?}: no plain-text retry"
        );
    }
}

#[test]
fn opportunistic_fallback_that_cannot_reconnect_is_a_failure_not_a_pass() {
    let server = FakeSmtp::start_with(|b| {
        b.starttls = StartTls::AlertMidHandshake;
        b.busy_after_first_connection = true;
    });
    let run = check_json(&with_tls(base(&server), "opportunistic"));
    run.expect_status(1).expect_verdict("fail");
    // The probe's connections got 421 too: nothing learnt, the generic code stands.
    run.expect_step("tls", "warn", Some("tls.handshake-failed"));
    let step = run.expect_step("test-email", "fail", Some("email.not-tested"));
    assert!(
        step["detail"].as_str().unwrap_or("").contains("421"),
        "{step}"
    );
}

#[test]
fn session_closed_right_after_tls_is_a_failure_not_a_pass() {
    let server = FakeSmtp::start_with(|b| b.close_after_tls = true);
    let run = check_json(&with_ca(with_tls(base(&server), "opportunistic")));
    run.expect_status(1).expect_verdict("fail");
    run.expect_step("tls", "pass", None);
    run.expect_step("test-email", "fail", Some("email.not-tested"));
}

#[test]
fn opportunistic_starttls_refused_with_454_tests_the_address_in_the_same_session() {
    let server = FakeSmtp::start_with(|b| b.starttls = StartTls::RejectCommand);
    let run = check_json(&with_tls(base(&server), "opportunistic"));
    run.expect_status(0).expect_verdict("pass");
    let tls = run.expect_step("tls", "warn", Some("tls.starttls-refused"));
    assert!(tls.to_string().contains("454"), "{tls}");
    run.expect_step("test-email", "pass", None);
    assert_eq!(server.connections(), 1);
}

#[test]
fn connection_dropped_mid_handshake_is_handshake_failed() {
    let server = FakeSmtp::start_with(|b| b.starttls = StartTls::DropMidHandshake);
    let run = check_json(&with_tls(base(&server), "encryption-only"));
    run.expect_status(1);
    run.expect_step("tls", "fail", Some("tls.handshake-failed"));
}

#[test]
fn expired_certificate_fails_certificate_validation() {
    let server = cert_server(CertKind::Expired);
    let run = check_json(&with_ca(with_tls(base(&server), "certificate-validation")));
    run.expect_status(1);
    let step = run.expect_step("tls", "fail", Some("tls.expired"));
    // The whole certificate is reported even though it does not verify.
    assert!(
        step["certificate"]["subject"]
            .as_str()
            .unwrap_or("")
            .contains("mail.test.example"),
        "{step}"
    );
}

#[test]
fn expired_certificate_is_only_a_warning_under_encryption_only() {
    let server = cert_server(CertKind::Expired);
    let run = check_json(&with_ca(with_tls(base(&server), "encryption-only")));
    run.expect_status(0).expect_verdict("pass");
    run.expect_step("tls", "warn", Some("tls.expired"));
    run.expect_step("test-email", "pass", None);
}

#[test]
fn self_signed_certificate_is_only_a_warning_under_encryption_only() {
    let server = cert_server(CertKind::SelfSigned);
    let run = check_json(&with_tls(base(&server), "encryption-only"));
    run.expect_status(0);
    run.expect_step("tls", "warn", Some("tls.self-signed"));
}

#[test]
fn not_yet_valid_certificate_fails() {
    let server = cert_server(CertKind::NotYetValid);
    let run = check_json(&with_ca(with_tls(base(&server), "certificate-validation")));
    run.expect_status(1);
    run.expect_step("tls", "fail", Some("tls.not-yet-valid"));
}

#[test]
fn certificate_from_an_unknown_ca_is_untrusted() {
    // Valid certificate, but the test CA is not given: only Mozilla's roots are trusted.
    let server = FakeSmtp::start(SmtpBehavior::default());
    let run = check_json(&with_tls(base(&server), "certificate-validation"));
    run.expect_status(1);
    run.expect_step("tls", "fail", Some("tls.untrusted-issuer"));
}

#[test]
fn missing_intermediate_fails_even_with_the_root() {
    let server = cert_server(CertKind::MissingIntermediate(vec![
        "mail.test.example".into(),
    ]));
    let run = check_json(&with_ca(with_tls(base(&server), "certificate-validation")));
    run.expect_status(1);
    run.expect_step("tls", "fail", Some("tls.chain-incomplete"));
}

#[test]
fn chain_with_intermediate_passes() {
    let server = cert_server(CertKind::ValidWithIntermediate(vec![
        "mail.test.example".into(),
    ]));
    let run = check_json(&with_ca(with_tls(base(&server), "certificate-validation")));
    run.expect_status(0);
    run.expect_step("tls", "pass", None);
}

#[test]
fn self_signed_certificate_fails_certificate_validation() {
    let server = cert_server(CertKind::SelfSigned);
    let run = check_json(&with_ca(with_tls(base(&server), "certificate-validation")));
    run.expect_status(1);
    run.expect_step("tls", "fail", Some("tls.self-signed"));
}

fn domain_validation(server: &FakeSmtp, tls_domain: &str) -> Run {
    let mut args = with_ca(with_tls(base(server), "domain-validation"));
    args.extend(strings(&["--tls-domain", tls_domain]));
    check_json(&args)
}

#[test]
fn wrong_certificate_name_fails_domain_validation() {
    let server = cert_server(CertKind::WrongName);
    let run = domain_validation(&server, "mail.test.example");
    run.expect_status(1);
    let step = run.expect_step("tls", "fail", Some("tls.name-mismatch"));
    assert!(
        step["detail"]
            .as_str()
            .unwrap_or("")
            .contains("mail.test.example"),
        "{step}"
    );
}

#[test]
fn wrong_certificate_name_passes_certificate_validation() {
    // CertificateValidation does not look at the name.
    let server = cert_server(CertKind::WrongName);
    let run = check_json(&with_ca(with_tls(base(&server), "certificate-validation")));
    run.expect_status(0).expect_verdict("pass");
    run.expect_step("tls", "pass", None);
}

#[test]
fn wildcard_tls_domain_matches_a_wildcard_certificate() {
    let server = cert_server(CertKind::Valid(vec!["*.test.example".into()]));
    let run = domain_validation(&server, "*.test.example");
    run.expect_status(0).expect_verdict("pass");
    run.expect_step("tls", "pass", None);
}

#[test]
fn tls_domain_does_not_match_a_certificate_of_another_domain() {
    let server = cert_server(CertKind::Valid(vec!["mail.fabrikam.test".into()]));
    let run = domain_validation(&server, "*.test.example");
    run.expect_status(1);
    run.expect_step("tls", "fail", Some("tls.name-mismatch"));
}

// ---------------------------------------------------------------------------------------------
// test-email

#[test]
fn rejected_sender_is_sender_rejected() {
    let server = FakeSmtp::start_with(|b| b.reject_sender = true);
    let mut args = base(&server);
    args.extend(strings(&["--mail-from", "postmaster@fabrikam.test"]));
    let run = check_json(&args);
    run.expect_status(1);
    let step = run.expect_step("test-email", "fail", Some("email.sender-rejected"));
    assert!(step.to_string().contains("5.7.1"), "{step}");
    assert!(
        server
            .transcript()
            .iter()
            .any(|l| l.contains("postmaster@fabrikam.test")),
        "{:?}",
        server.transcript()
    );
}

#[test]
fn unknown_mailbox_is_recipient_rejected_with_the_enhanced_code() {
    let server = FakeSmtp::start_with(|b| b.rejected_recipients = vec![UNKNOWN.into()]);
    let mut args = base(&server);
    let pos = args.iter().position(|a| a == MAILBOX).expect("address arg");
    args[pos] = UNKNOWN.into();
    let run = check_json(&args);
    run.expect_status(1).expect_verdict("fail");
    let step = run.expect_step("test-email", "fail", Some("email.recipient-rejected"));
    assert!(
        step["detail"].as_str().unwrap_or("").contains("5.1.1"),
        "detail keeps 5.1.1: {step}"
    );
    let transcript = step["transcript"].to_string();
    assert!(transcript.contains("550 5.1.1"), "{step}");
}

#[test]
fn temporary_recipient_failure_is_deferred() {
    let server = FakeSmtp::start_with(|b| b.deferred_recipients = vec![LATER.into()]);
    let mut args = base(&server);
    let pos = args.iter().position(|a| a == MAILBOX).expect("address arg");
    args[pos] = LATER.into();
    let run = check_json(&args);
    run.expect_status(1);
    let step = run.expect_step("test-email", "fail", Some("email.deferred"));
    assert!(step.to_string().contains("4.3.0"), "{step}");
}

// ---------------------------------------------------------------------------------------------
// Output: text, French, several hosts at once.

#[test]
fn text_output_shows_guidance_under_a_failure() {
    let server = FakeSmtp::start_with(|b| b.greeting = Greeting::Busy421);
    let json = check_json(&base(&server));
    let guidance = json.expect_step("ehlo", "fail", Some("ehlo.busy"))["guidance"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(!guidance.is_empty(), "{}", json.dump());
    let mut args: Vec<String> = base(&server);
    args.extend(strings(&["--format", "text", "--lang", "en"]));
    let text = check_raw(&args);
    text.expect_status(1);
    // The first sentence of the guidance appears after the failing EHLO line.
    let first_words: String = guidance
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    let flat: String = text.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = flat.find(&first_words).unwrap_or_else(|| {
        panic!(
            "guidance {first_words:?} not in text output\n{}",
            text.dump()
        )
    });
    assert!(
        flat[..at].contains("421"),
        "the failing step comes before its guidance\n{}",
        text.dump()
    );
}

#[test]
fn french_output_has_french_guidance() {
    let server = FakeSmtp::start_with(|b| b.greeting = Greeting::Busy421);
    let en = check_json(&base(&server));
    let mut args = base(&server);
    args.extend(strings(&["--lang", "fr"]));
    let fr = check_json(&args);
    fr.expect_status(1);
    let en_step = en.expect_step("ehlo", "fail", Some("ehlo.busy"));
    let fr_step = fr.expect_step("ehlo", "fail", Some("ehlo.busy"));
    let fr_text = fr_step["guidance"].as_str().unwrap_or("");
    assert!(!fr_text.is_empty(), "{}", fr.dump());
    assert_ne!(
        fr_text,
        en_step["guidance"].as_str().unwrap_or(""),
        "guidance not translated"
    );
    let lower = fr_text.to_lowercase();
    assert!(
        [" le ", " la ", " les ", " du ", " des ", " est ", " vous "]
            .iter()
            .any(|w| lower.contains(w)),
        "does not read as French: {fr_text}"
    );
}

#[test]
fn ten_hosts_with_four_silent_finish_in_about_one_timeout() {
    let timeout_secs = 3;
    let servers: Vec<FakeSmtp> = (0..10)
        .map(|i| {
            FakeSmtp::start_with(|b| {
                if i % 5 < 2 {
                    b.greeting = Greeting::Silent;
                }
            })
        })
        .collect();
    let mut args = strings(&["--recipient-domain", DOMAIN, "--test-address", MAILBOX]);
    args.extend(strings(&["--timeout", &timeout_secs.to_string()]));
    for s in &servers {
        args.extend(strings(&["--host", &s.host_arg()]));
    }
    let run = check_json(&args);
    run.expect_status(1);
    let silent = run
        .steps_of("ehlo")
        .iter()
        .filter(|s| s["code"] == "ehlo.no-banner")
        .count();
    assert_eq!(silent, 4, "{}", run.dump());
    let passed = run
        .steps_of("test-email")
        .iter()
        .filter(|s| s["status"] == "pass")
        .count();
    assert_eq!(passed, 6, "{}", run.dump());
    assert!(
        run.elapsed < Duration::from_secs(3 * timeout_secs),
        "10 hosts took {:?} with --timeout {timeout_secs}",
        run.elapsed
    );
    eprintln!(
        "10 hosts, 4 silent, --timeout {timeout_secs}: {:?}",
        run.elapsed
    );
}
