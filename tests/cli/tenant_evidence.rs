//! `tenant-attribution` and `explain` on the evidence an admin already holds (samples in
//! tests/data/tenant/evidence): NDR `.eml` files, a message trace export, and the send
//! connector / certificate JSON as Windows PowerShell writes it (UTF-16) — in English and
//! French, with the JSON checked against the published schemas.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::support::tenant::{explain_json, finding, json_of, run, tenant_data};

fn data(name: &str) -> PathBuf {
    tenant_data("evidence").join(name)
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// `tenant-attribution ARGS` refused as bad input (exit 2): its standard error.
fn refused(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The file as Windows PowerShell 5.1's `>` writes it: UTF-16 LE with a byte-order mark.
fn utf16_copy(dir: &Path, name: &str) -> PathBuf {
    let text = std::fs::read_to_string(data(name)).expect("sample");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.trim_start_matches('\u{feff}').encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn send_connector_and_certificate_json_in_utf16_predict_the_renewal_in_english_and_french() {
    let dir = tempfile::tempdir().expect("dir");
    let connectors = utf16_copy(dir.path(), "send-connectors.json");
    let certificates = utf16_copy(dir.path(), "exchange-certificates.json");
    let args = |lang: &'static str| {
        run(&[
            "--send-connector-json",
            arg(&connectors),
            "--exchange-certificate-json",
            arg(&certificates),
            "--tls-sender-certificate-name",
            "mail.contoso.com",
            "--format",
            "json",
            "--lang",
            lang,
        ])
    };
    let out = args("en");
    assert_eq!(out.status.code(), Some(1), "an expired certificate fails");
    let json = json_of(&out);
    assert_eq!(json["verdict"], "fail");
    let unusable = finding(&json, "attribution.send-connector-certificate-unusable");
    assert_eq!(unusable["severity"], "fail");
    assert!(
        unusable["detail"]
            .as_str()
            .expect("detail")
            .contains("3F2A9C7E1B4D5F60718293A4B5C6D7E8F9012345"),
        "{unusable:#}"
    );
    let risk = finding(&json, "attribution.send-connector-renewal-risk");
    assert!(
        risk["guidance"].as_str().expect("guidance").contains(
            "Set-SendConnector 'Outbound to Office 365' -TlsCertificateName '<I>CN=R11, O=Let''s Encrypt, C=US<S>CN=mail.contoso.com'"
        ),
        "{risk:#}"
    );
    assert_eq!(
        json["evidence"]["send_connectors"][0]["name"],
        "Outbound to Office 365"
    );
    assert_eq!(
        json["evidence"]["certificates"].as_array().map(Vec::len),
        Some(3)
    );
    assert!(json["inputs"]["send_connector_json"].as_str().is_some());

    let fr = json_of(&args("fr"));
    let risk = finding(&fr, "attribution.send-connector-renewal-risk");
    assert!(
        risk["detail"]
            .as_str()
            .expect("detail")
            .contains("TlsCertificateName ne le désigne pas"),
        "{risk:#}"
    );
    assert!(
        fr["evidence_lines"]
            .as_array()
            .expect("lines")
            .iter()
            .any(|l| l
                .as_str()
                .is_some_and(|l| l.starts_with("Connecteur d'envoi « Outbound to Office 365 »"))),
        "{fr:#}"
    );
}

#[test]
fn message_trace_names_the_nat_address_missing_from_sender_ip_addresses() {
    let trace = data("message-trace-extended.csv");
    let with = |more: &[&'static str]| {
        let mut args = vec![
            "--message-trace",
            arg(&trace),
            "--sender-ip",
            "203.0.113.25",
        ];
        args.extend(more);
        run(&args)
    };
    let out = with(&["--format", "json", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out);
    let f = finding(&json, "attribution.trace-ip-not-listed");
    assert_eq!(f["severity"], "fail");
    assert_eq!(f["detail_args"]["ip"], "198.51.100.25");
    let trace = &json["evidence"]["trace"];
    assert_eq!(trace["failed_rows"], 4);
    assert_eq!(trace["client_ips"][0]["value"], "198.51.100.25");
    assert_eq!(trace["first_failure"], "2026-10-02T14:05:13.1560000Z");

    // The same in text, in French.
    let out = with(&["--lang", "fr"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Éléments fournis par Exchange"), "{text}");
    assert!(
        text.contains("Adresses IP clientes vues par Microsoft 365 : 198.51.100.25 (3)"),
        "{text}"
    );
    assert!(
        text.contains("Ajoutez 198.51.100.25 à SenderIPAddresses"),
        "{text}"
    );
}

#[test]
fn ndr_files_are_evidence_for_the_diagnosis() {
    let out = run(&[
        "--ndr",
        arg(&data("ndr-5.7.64.eml")),
        "--ndr",
        arg(&data("ndr-pasted-utf16.txt")),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = json_of(&out);
    let ndrs = json["evidence"]["ndrs"].as_array().expect("ndrs");
    assert_eq!(ndrs.len(), 2);
    assert_eq!(ndrs[0]["status"], "5.7.64");
    assert_eq!(
        ndrs[0]["remote_mta"],
        "contoso-com.mail.protection.outlook.com"
    );
    assert_eq!(ndrs[1]["explanations"][0], "send-certificate-not-found");
}

#[test]
fn explain_file_reads_the_ndr_eml_and_routes_to_the_tenant_flow() {
    let ndr = data("ndr-5.7.64.eml");
    let (out, json) = explain_json(&["--file", arg(&ndr), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json["explanations"][0]["code"], "tenant-attribution");
    assert_eq!(json["explanations"][0]["wizard"], "tenant-attribution");
    assert_eq!(json["ndr"]["reporting_mta"], "EX01.contoso.local");
    assert_eq!(json["ndr"]["status"], "5.7.64");

    // Piped on standard input, in French text.
    let mut child = Command::new(env!("CARGO_BIN_EXE_connector-doctor"))
        .args(["explain", "--lang", "fr"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&std::fs::read(data("ndr-4.7.320-base64.eml")).expect("sample"))
        .expect("writes");
    let out = child.wait_with_output().expect("ends");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Serveur distant\u{a0}: mail.fabrikam.com"),
        "{text}"
    );
    assert!(text.contains("Raison\u{a0}: SubjectMismatch"), "{text}");
}

#[test]
fn bad_evidence_files_are_refused_by_name_with_exit_2() {
    let dir = tempfile::tempdir().expect("dir");
    let junk = dir.path().join("junk.eml");
    std::fs::write(&junk, (0u8..=255).cycle().take(10_000).collect::<Vec<u8>>()).expect("write");
    let err = refused(&[
        "--ndr",
        arg(&junk),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--lang",
        "en",
    ]);
    assert!(err.contains("--ndr") && err.contains("junk.eml"), "{err}");

    let not_trace = dir.path().join("domains.csv");
    std::fs::write(&not_trace, "Name,DomainType\ncontoso.com,Authoritative\n").expect("write");
    let err = refused(&[
        "--message-trace",
        arg(&not_trace),
        "--sender-ip",
        "203.0.113.25",
        "--lang",
        "fr",
    ]);
    assert!(
        err.contains("--message-trace") && err.contains("suivi des messages"),
        "{err}"
    );

    // A FIFO is refused before a byte is read (no writer: it would hang otherwise).
    #[cfg(unix)]
    {
        let fifo = dir.path().join("trace.fifo");
        let c = std::ffi::CString::new(fifo.to_str().expect("path")).expect("c string");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = refused(&[
            "--message-trace",
            arg(&fifo),
            "--sender-ip",
            "203.0.113.25",
            "--lang",
            "en",
        ]);
        assert!(err.contains("--message-trace"), "{err}");
    }

    let bad_json = dir.path().join("certs.json");
    std::fs::write(&bad_json, "[{\"Name\":\"no thumbprint\"}]").expect("write");
    let err = refused(&[
        "--exchange-certificate-json",
        arg(&bad_json),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--lang",
        "en",
    ]);
    assert!(
        err.contains("--exchange-certificate-json") && err.contains("no certificate"),
        "{err}"
    );
}

#[test]
fn explain_recognises_the_attribution_tls_and_dane_codes_in_both_languages() {
    for (text, code, wizard) in [
        (
            "550 5.7.51 TenantInboundAttribution; There is a partner connector configured that matched the message's recipient domain",
            "tenant-inbound-attribution",
            "tenant-attribution",
        ),
        (
            "550 5.7.68 TenantInboundAttribution",
            "tenant-inbound-attribution",
            "tenant-attribution",
        ),
        (
            "550 5.7.68 Message rejected",
            "attribution-5-7-68",
            "tenant-attribution",
        ),
        (
            "451 5.7.3 STARTTLS is required to send mail",
            "starttls-required",
            "tenant-attribution",
        ),
        (
            "454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.",
            "send-certificate-not-found",
            "tenant-attribution",
        ),
        (
            "421 4.4.2 Connection dropped: TLS 1.0 is not supported, use TLS 1.2",
            "tls-version-refused",
            "tenant-attribution",
        ),
        (
            "450 4.7.321 starttls-not-supported: Destination mail server must support TLS to receive mail.",
            "dane-starttls-not-supported",
            "validation",
        ),
        (
            "550 5.7.322 certificate-expired: Destination mail server's certificate is expired.",
            "dane-certificate-expired",
            "validation",
        ),
        (
            "450 4.7.323 tlsa-invalid: The domain failed DANE validation.",
            "dane-tlsa-invalid",
            "validation",
        ),
        (
            "550 5.7.324 dnssec-invalid: Destination domain returned invalid DNSSEC records.",
            "dane-dnssec-invalid",
            "validation",
        ),
        (
            "550 5.7.325 certificate-host-mismatch: Remote certificate MUST have a common name or subject alternative name matching the hostname (DANE)",
            "dane-certificate-host-mismatch",
            "validation",
        ),
    ] {
        let mut texts = Vec::new();
        for lang in ["en", "fr"] {
            let (out, json) = explain_json(&[text, "--lang", lang]);
            assert_eq!(out.status.code(), Some(0), "{text}");
            let first = &json["explanations"][0];
            assert_eq!(first["code"], code, "{text}: {json:#}");
            assert_eq!(first["wizard"], wizard, "{text}");
            let meaning = first["meaning"].as_str().expect("meaning").to_string();
            assert!(
                meaning.len() > 30 && !meaning.starts_with("explain-"),
                "{meaning}"
            );
            texts.push(meaning);
        }
        assert_ne!(texts[0], texts[1], "{text}: translated");
    }
    // 4.7.320 keeps its bracketed reason; a server name in brackets is not a reason.
    let (_, json) = explain_json(&["450 4.7.320 Certificate validation failed [SubjectMismatch]"]);
    assert_eq!(json["explanations"][0]["reason"], "SubjectMismatch");
    let (_, json) = explain_json(&[
        "450 4.7.320 Certificate validation failed [AM0PR01MB1234.eurprd01.prod.outlook.com]",
    ]);
    assert_eq!(json["explanations"][0]["reason"], Value::Null);
    // A 4.4.2 that does not name TLS is a dropped connection, not a TLS version problem.
    let (_, json) = explain_json(&["421 4.4.2 Connection dropped due to SocketError"]);
    assert_eq!(json["explanations"][0]["code"], "generic-network-transient");
}
