//! Evidence an admin already holds, read by the engine: NDR `.eml` files and pasted NDR text,
//! a message trace export, `Get-SendConnector` / `Get-ExchangeCertificate` JSON in UTF-8 and
//! UTF-16 — and what the diagnosis concludes from them, in English and French.

use std::path::PathBuf;

use connector_doctor::i18n::{Lang, localize};
use connector_doctor::tenant::evidence::{ExchangeEvidence, findings, gather};
use connector_doctor::tenant::exchange_json::{parse_exchange_certificates, parse_send_connectors};
use connector_doctor::tenant::explain::explain;
use connector_doctor::tenant::ndr::parse_ndr;
use connector_doctor::tenant::trace::parse_trace;
use connector_doctor::tenant::{Evidence, InboundConnector, Severity, TenantInputs, diagnose};
use time::macros::datetime;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tenant/evidence")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).expect("sample file")
}

/// What Windows PowerShell 5.1's `>` writes: UTF-16 LE with a byte-order mark.
fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.trim_start_matches('\u{feff}').encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    bytes
}

const NOW: time::OffsetDateTime = datetime!(2026-12-01 12:00 UTC);

#[test]
fn ndr_eml_delivery_status_gives_status_servers_and_the_tenant_flow() {
    let ndr = parse_ndr(&read("ndr-5.7.64.eml"), "ndr-5.7.64.eml").expect("an NDR");
    assert!(
        ndr.delivery_status,
        "read from the message/delivery-status part"
    );
    assert_eq!(ndr.status.as_deref(), Some("5.7.64"));
    assert_eq!(ndr.reporting_mta.as_deref(), Some("EX01.contoso.local"));
    assert_eq!(
        ndr.remote_mta.as_deref(),
        Some("contoso-com.mail.protection.outlook.com")
    );
    assert_eq!(ndr.final_recipient.as_deref(), Some("partner@fabrikam.com"));
    assert_eq!(ndr.action.as_deref(), Some("failed"));
    assert_eq!(ndr.failed_recipients, 1);
    let code = ndr.diagnostic_code.as_deref().expect("diagnostic code");
    assert!(
        code.starts_with("550 5.7.64 TenantAttribution; Relay Access Denied [SN1PEPF0002BA6D"),
        "folded lines are unfolded: {code}"
    );
    assert_eq!(ndr.explanations, vec!["tenant-attribution".to_string()]);
}

#[test]
fn ndr_with_a_base64_delivery_status_gives_the_bracketed_reason() {
    let ndr = parse_ndr(&read("ndr-4.7.320-base64.eml"), "x.eml").expect("an NDR");
    assert!(ndr.delivery_status);
    assert_eq!(ndr.status.as_deref(), Some("4.7.320"));
    assert_eq!(ndr.remote_mta.as_deref(), Some("mail.fabrikam.com"));
    assert_eq!(
        ndr.reporting_mta.as_deref(),
        Some("AM0PR01MB1234.eurprd01.prod.outlook.com")
    );
    let found = explain(ndr.diagnostic_code.as_deref().unwrap_or_default());
    assert_eq!(found[0].code, "certificate-validation-failed");
    assert_eq!(found[0].reason.as_deref(), Some("SubjectMismatch"));
    let fr = localize(Lang::Fr, &found[0].meaning);
    assert!(fr.contains("Raison indiquée : SubjectMismatch"), "{fr}");
    let en = localize(Lang::En, &found[0].meaning);
    assert!(en.contains("Reason given: SubjectMismatch"), "{en}");
}

#[test]
fn pasted_ndr_text_saved_by_notepad_in_utf16_routes_to_the_send_connector_certificate() {
    let ndr = parse_ndr(&read("ndr-pasted-utf16.txt"), "pasted.txt").expect("an NDR");
    assert!(!ndr.delivery_status);
    assert_eq!(ndr.status.as_deref(), Some("4.7.5"));
    assert_eq!(ndr.reporting_mta.as_deref(), Some("EX02.contoso.local"));
    assert_eq!(
        ndr.explanations,
        vec!["send-certificate-not-found".to_string()]
    );
}

#[test]
fn binary_junk_and_control_bytes_are_refused_with_the_file_named() {
    let junk: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
    let err = parse_ndr(&junk, "junk.bin").expect_err("not an NDR");
    assert_eq!(err.id, "input-file-not-text");
    let err = parse_ndr(b"\x1b[2J\x1b]0;pwned\x07 hello", "ctl.txt").expect_err("no status");
    assert_eq!(err.id, "input-ndr-no-status");
    let text = localize(Lang::En, &err);
    assert!(text.contains("ctl.txt"), "{text}");
}

#[test]
fn message_trace_gives_events_client_ip_domains_and_first_and_last_failure() {
    let bytes = read("message-trace-extended.csv");
    for (label, text) in [
        (
            "utf-8 with BOM",
            String::from_utf8(bytes.clone()).expect("utf-8"),
        ),
        (
            "utf-16",
            connector_doctor::powershell::decode_text(&utf16le(
                &String::from_utf8(bytes.clone()).expect("utf-8"),
            ))
            .expect("decodes"),
        ),
    ] {
        let trace = parse_trace(&text, "trace.csv").expect(label);
        assert_eq!(trace.rows, 5, "{label}");
        assert_eq!(trace.failed_rows, 4, "{label}");
        let e64 = trace
            .events
            .iter()
            .find(|e| e.code == "5.7.64")
            .expect("5.7.64");
        assert_eq!(e64.count, 3);
        // Rows are not in time order: first and last come from the times, not the file order.
        assert_eq!(e64.first.as_deref(), Some("2026-10-02T14:05:13.1560000Z"));
        assert_eq!(e64.last.as_deref(), Some("2026-10-02T16:40:02.0000000Z"));
        let e51 = trace
            .events
            .iter()
            .find(|e| e.code == "5.7.51")
            .expect("5.7.51");
        assert_eq!(e51.count, 1);
        assert_eq!(trace.client_ips[0].value, "198.51.100.25");
        assert_eq!(trace.client_ips[0].count, 3);
        assert!(
            trace
                .sender_domains
                .iter()
                .any(|d| d.value == "contoso.com" && d.count == 3)
        );
        assert!(
            trace
                .recipient_domains
                .iter()
                .any(|d| d.value == "tailspintoys.com")
        );
        assert_eq!(
            trace.first_failure.as_deref(),
            Some("2026-10-02T14:05:13.1560000Z")
        );
        assert_eq!(
            trace.last_failure.as_deref(),
            Some("2026-10-03T08:00:00.0000000Z")
        );
    }
}

#[test]
fn send_connector_and_certificate_json_read_in_utf8_and_utf16() {
    for name in ["send-connectors.json", "exchange-certificates.json"] {
        let utf8 = String::from_utf8(read(name)).expect("utf-8");
        let utf16 = connector_doctor::powershell::decode_text(&utf16le(&utf8)).expect("utf-16");
        assert_eq!(utf8.trim_start_matches('\u{feff}'), utf16);
    }
    let text = String::from_utf8(read("send-connectors.json")).expect("utf-8");
    let connectors = parse_send_connectors(&text).expect("send connectors");
    assert_eq!(connectors.len(), 2);
    assert!(connectors[0].to_microsoft_365);
    assert_eq!(
        connectors[0].tls_certificate_name.as_deref(),
        Some("<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com")
    );
    assert_eq!(connectors[1].tls_certificate_name, None);
    let text = String::from_utf8(read("exchange-certificates.json")).expect("utf-8");
    let certs = parse_exchange_certificates(&text).expect("certificates");
    assert_eq!(certs.len(), 3);
    assert_eq!(certs[1].smtp(), Some(true));
    assert_eq!(
        certs[2].smtp(),
        Some(false),
        "Services 32 is Federation only"
    );
    assert_eq!(certs[0].not_after.as_deref(), Some("2026-09-30T00:00:00Z"));
    // A single object, as ConvertTo-Json writes one result.
    let one =
        parse_exchange_certificates(r#"{"Thumbprint":"AA","Subject":"CN=x","Issuer":"CN=y"}"#)
            .expect("one object");
    assert_eq!(one.len(), 1);
}

fn evidence_from_files() -> ExchangeEvidence {
    let inputs = TenantInputs {
        send_connector_json: Some(data("send-connectors.json")),
        exchange_certificate_json: Some(data("exchange-certificates.json")),
        ..TenantInputs::default()
    };
    gather(&inputs).expect("reads")
}

fn inputs_with(setting: &str, ips: &[&str]) -> TenantInputs {
    TenantInputs {
        connector: InboundConnector {
            tls_sender_certificate_name: (!setting.is_empty()).then(|| setting.to_string()),
            sender_ip_addresses: ips.iter().map(|s| s.to_string()).collect(),
            ..InboundConnector::default()
        },
        ..TenantInputs::default()
    }
}

#[test]
fn renewal_by_a_new_issuer_is_predicted_before_it_breaks() {
    let evidence = evidence_from_files();
    let (found, _) = findings(&inputs_with("mail.contoso.com", &[]), &evidence, NOW);
    let codes: Vec<&str> = found.iter().map(|f| f.code.as_str()).collect();
    // The R3 certificate TlsCertificateName names has expired; the R11 renewal is not named.
    assert!(
        codes.contains(&"attribution.send-connector-certificate-unusable"),
        "{codes:?}"
    );
    let risk = found
        .iter()
        .find(|f| f.code == "attribution.send-connector-renewal-risk")
        .expect("renewal risk");
    assert_eq!(risk.severity, Severity::Warn);
    let en = localize(Lang::En, &risk.guidance);
    assert!(
        en.contains("Set-SendConnector 'Outbound to Office 365' -TlsCertificateName '<I>CN=R11, O=Let''s Encrypt, C=US<S>CN=mail.contoso.com'"),
        "{en}"
    );
    let fr = localize(Lang::Fr, &risk.detail);
    assert!(fr.contains("TlsCertificateName ne le désigne pas"), "{fr}");
}

#[test]
fn a_certificate_named_nowhere_after_an_issuer_change_is_not_found() {
    let mut evidence = evidence_from_files();
    evidence.certificates.retain(|c| c.issuer.contains("R11"));
    let (found, _) = findings(&inputs_with("mail.contoso.com", &[]), &evidence, NOW);
    let f = found
        .iter()
        .find(|f| f.code == "attribution.send-connector-certificate-not-found")
        .expect("not found");
    assert_eq!(f.severity, Severity::Fail);
    assert_eq!(
        f.detail.id,
        "finding-send-connector-certificate-issuer-changed"
    );
    let fr = localize(Lang::Fr, &f.detail);
    assert!(fr.contains("le renouvellement a changé l'émetteur"), "{fr}");
}

#[test]
fn send_connector_certificate_that_does_not_match_tls_sender_certificate_name_fails() {
    let mut evidence = evidence_from_files();
    // TlsCertificateName now names the R11 certificate: it is usable, but for another name.
    evidence.send_connectors[0].tls_certificate_name =
        Some("<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com".into());
    let (found, _) = findings(&inputs_with("smtp.contoso.com", &[]), &evidence, NOW);
    let f = found
        .iter()
        .find(|f| f.code == "attribution.send-connector-certificate-name-mismatch")
        .expect("mismatch");
    assert_eq!(f.severity, Severity::Fail);
    let (ok, _) = findings(&inputs_with("mail.contoso.com", &[]), &evidence, NOW);
    assert!(ok.iter().all(|f| f.severity != Severity::Fail), "{ok:?}");
}

#[test]
fn trace_client_ip_outside_sender_ip_addresses_fails_an_ip_connector() {
    let text = String::from_utf8(read("message-trace-extended.csv")).expect("utf-8");
    let evidence = ExchangeEvidence {
        trace: Some(parse_trace(&text, "trace.csv").expect("trace")),
        ..ExchangeEvidence::default()
    };
    let (found, _) = findings(&inputs_with("", &["203.0.113.25/32"]), &evidence, NOW);
    let f = found
        .iter()
        .find(|f| {
            f.code == "attribution.trace-ip-not-listed"
                && f.detail.args.get("ip").map(String::as_str) == Some("198.51.100.25")
        })
        .expect("NAT address not listed");
    assert_eq!(f.severity, Severity::Fail);
    let en = localize(Lang::En, &f.guidance);
    assert!(
        en.contains("Add 198.51.100.25 to SenderIPAddresses"),
        "{en}"
    );
}

#[test]
fn diagnosis_carries_the_evidence_and_fails_on_its_findings() {
    let inputs = TenantInputs {
        send_connector_json: Some(data("send-connectors.json")),
        exchange_certificate_json: Some(data("exchange-certificates.json")),
        ..inputs_with("mail.contoso.com", &[])
    };
    let evidence = Evidence {
        exchange: gather(&inputs).expect("reads"),
        ..Evidence::default()
    };
    let d = diagnose(&inputs, evidence, NOW);
    assert_eq!(d.verdict, connector_doctor::checks::Verdict::Fail);
    assert_eq!(d.evidence.certificates.len(), 3);
}

mod trace_export_formats {
    //! The headers each export really writes: the historical search's enhanced summary and
    //! extended report (`Start-HistoricalSearch`, or "Download report" in the new Exchange admin
    //! center) and `Get-MessageTraceV2` / `Get-MessageTraceDetailV2 | Export-Csv`.

    use super::*;

    /// Enhanced summary (`-ReportType MessageTraceSummary`-style download): one row per message,
    /// the recipients and their status joined in `recipient_status`, no SMTP reply.
    #[test]
    fn an_enhanced_summary_is_read_as_a_trace_with_either_time_header() {
        for time_header in ["origin_timestamp_utc", "origin_timestamp"] {
            let text = format!(
                "\u{feff}{time_header},sender_address,recipient_status,message_subject,total_bytes,message_id,network_message_id,original_client_ip,directionality,connector_id,delivery_priority\r\n\
2026-10-02T14:05:13.1560000Z,j.martin@contoso.com,\"partner@fabrikam.com##Receive, Fail\",Devis T4,1834,<a1b2c3@contoso.com>,6f1b7c9e-1d2a-4c55-9e0b-08dce2b7a1c3,198.51.100.25,Originating,,Normal\r\n\
2026-10-02T14:07:00.0000000Z,p.durand@contoso.com,\"orders@tailspintoys.com##Receive, Send\",Commande,2210,<d4e5@contoso.com>,0b8e5d31-7f2c-4e8a-b1d4-08dce2b7a1c4,198.51.100.25,Originating,Outbound to Partners,Normal\r\n"
            );
            let trace = parse_trace(&text, "summary.csv").expect(time_header);
            assert_eq!(trace.rows, 2, "{time_header}");
            // This report type carries no SMTP reply: no attribution code can be read from it.
            assert_eq!(trace.failed_rows, 0, "{time_header}");
            assert!(trace.events.is_empty(), "{time_header}");
        }
    }

    /// Extended report with the refusal in `recipient_status` and no `recipient_address`: the
    /// recipient comes from the address before `##`.
    #[test]
    fn an_extended_report_row_names_the_recipient_from_recipient_status() {
        let text = "date_time_utc,client_ip,client_hostname,server_ip,server_hostname,source_context,connector_id,source,event_id,internal_message_id,message_id,network_message_id,recipient_status,total_bytes,recipient_count,related_recipient_address,reference,message_subject,sender_address,return_path,message_info,directionality,tenant_id,original_client_ip,original_server_ip,custom_data\r\n\
2026-10-04T10:00:00.0000000Z,203.0.113.25,EX02.contoso.com,40.107.22.100,SN1PEPF0002BA6D,,,SMTP,FAIL,,<z9@contoso.com>,,\"bob@fabrikam.com##550 5.7.64 TenantAttribution; Relay Access Denied\",900,1,,,Test,relay@contoso.com,relay@contoso.com,,Originating,,203.0.113.25,,\r\n";
        let trace = parse_trace(text, "extended.csv").expect("extended report");
        assert_eq!(trace.failed_rows, 1);
        assert_eq!(trace.events[0].code, "5.7.64");
        assert_eq!(trace.client_ips[0].value, "203.0.113.25");
        assert_eq!(trace.recipient_domains[0].value, "fabrikam.com");
        assert_eq!(trace.sender_domains[0].value, "contoso.com");
    }

    /// `Get-MessageTraceV2 | Export-Csv` (PowerShell's quoted header and values, `FromIP`) and
    /// `Get-MessageTraceDetailV2 | Export-Csv`, whose `Detail` holds the refusal.
    #[test]
    fn powershell_exports_of_the_message_trace_cmdlets_are_read() {
        let summary = "\"Received\",\"SenderAddress\",\"RecipientAddress\",\"Subject\",\"Status\",\"ToIP\",\"FromIP\",\"Size\",\"MessageId\",\"MessageTraceId\"\r\n\
\"10/2/2026 2:05:13 PM\",\"j.martin@contoso.com\",\"partner@fabrikam.com\",\"Devis T4\",\"Failed\",\"\",\"198.51.100.25\",\"1834\",\"<a1b2c3@contoso.com>\",\"ae5c1219-4c90-41bf-fef5-08d837917e7c\"\r\n";
        let trace = parse_trace(summary, "v2.csv").expect("Get-MessageTraceV2");
        assert_eq!(trace.rows, 1);
        // "Failed" without a reply: the detail export says why.
        assert_eq!(trace.failed_rows, 0);
        let detail = "\"MessageTraceId\",\"Date\",\"Event\",\"Action\",\"Detail\",\"Data\",\"MessageId\",\"RecipientAddress\",\"SenderAddress\"\r\n\
\"ae5c1219-4c90-41bf-fef5-08d837917e7c\",\"10/2/2026 2:05:13 PM\",\"Fail\",\"\",\"Reason: [{LED=550 5.7.64 TenantAttribution; Relay Access Denied [SN1PEPF0002BA6D.namprd02.prod.outlook.com]};{MSG=};{FQDN=};{IP=};{LRT=}]\",\"<root></root>\",\"<a1b2c3@contoso.com>\",\"partner@fabrikam.com\",\"j.martin@contoso.com\"\r\n";
        let trace = parse_trace(detail, "detail.csv").expect("Get-MessageTraceDetailV2");
        assert_eq!(trace.failed_rows, 1);
        assert_eq!(trace.events[0].code, "5.7.64");
        assert_eq!(trace.first_failure.as_deref(), Some("10/2/2026 2:05:13 PM"));
        assert_eq!(trace.recipient_domains[0].value, "fabrikam.com");
    }
}
