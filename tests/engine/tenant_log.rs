//! The protocol log reader through the library: certificates kept apart, CSV quoting, interleaved
//! sessions, bounded memory, and damaged input.

use std::path::PathBuf;

use connector_doctor::tenant::log::{LogOptions, read_log_bytes, read_logs};

const HEADER: &str = "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Send Protocol Log\r\n#Date: 2026-10-02T08:00:01.412Z\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n";

fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tenant")
        .join(path)
}

#[test]
fn sent_and_received_certificates_in_one_session_are_not_confused() {
    let report = read_logs(
        &[data("renewal")],
        &LogOptions {
            send_connector: Some("Outbound to Office 365".into()),
            ..LogOptions::default()
        },
    )
    .expect("read");
    assert_eq!(report.certificates.len(), 2, "{:#?}", report.certificates);
    for cert in &report.certificates {
        assert!(
            !cert.subject.contains("outlook"),
            "remote certificate taken as sent: {cert:?}"
        );
        assert!(cert.issuer.starts_with("CN=DigiCert Global G2"), "{cert:?}");
    }
    assert_eq!(report.received_certificates.len(), 1);
    assert!(
        report.received_certificates[0]
            .subject
            .starts_with("CN=mail.protection.outlook.com")
    );
    assert_eq!(report.certificates[0].sessions, 3);
    assert_eq!(report.certificates[0].rejected_sessions, 0);
    assert_eq!(report.certificates[1].rejected_sessions, 3);
    assert_eq!(report.files_read, 3);
    assert_eq!(report.local_ips, ["10.0.0.12"]);
}

#[test]
fn quoted_commas_and_doubled_quotes_stay_inside_their_field() {
    let log = format!(
        "{HEADER}\
2026-10-02T08:00:01.000Z,\"Outbound, to \"\"O365\"\"\",S1,0,10.0.0.1:1000,40.107.1.1:25,>,STARTTLS,\r\n\
2026-10-02T08:00:01.100Z,\"Outbound, to \"\"O365\"\"\",S1,1,10.0.0.1:1000,40.107.1.1:25,*,,Sending certificate\r\n\
2026-10-02T08:00:01.200Z,\"Outbound, to \"\"O365\"\"\",S1,2,10.0.0.1:1000,40.107.1.1:25,*,\"CN=mail.contoso.com, OU=\"\"Mail, Team\"\", O=Contoso\",Certificate subject\r\n\
2026-10-02T08:00:01.300Z,\"Outbound, to \"\"O365\"\"\",S1,3,10.0.0.1:1000,40.107.1.1:25,*,\"CN=Issuing CA, O=Contoso, C=US\",Certificate issuer name\r\n\
2026-10-02T08:00:01.400Z,\"Outbound, to \"\"O365\"\"\",S1,4,10.0.0.1:1000,40.107.1.1:25,*,ab cd ef,Certificate thumbprint\r\n\
2026-10-02T08:00:01.500Z,\"Outbound, to \"\"O365\"\"\",S1,5,10.0.0.1:1000,40.107.1.1:25,-,,Local\r\n"
    );
    let report = read_log_bytes(
        "quoted.log",
        log.as_bytes(),
        &LogOptions {
            send_connector: Some("outbound, TO \"o365\"".into()),
            ..LogOptions::default()
        },
    );
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(report.certificates.len(), 1);
    let cert = &report.certificates[0];
    assert_eq!(
        cert.subject,
        "CN=mail.contoso.com, OU=\"Mail, Team\", O=Contoso"
    );
    assert_eq!(cert.issuer, "CN=Issuing CA, O=Contoso, C=US");
    assert_eq!(cert.thumbprint, "ABCDEF");
    assert_eq!(cert.names(), ["mail.contoso.com"]);
    assert_eq!(report.connectors_seen, ["Outbound, to \"O365\""]);
}

#[test]
fn reply_is_tied_to_the_certificate_of_its_own_session_when_sessions_interleave() {
    // Two sessions at once: S1 sends certificate A and is accepted, S2 sends B and is refused.
    let line = |t: &str, s: &str, ev: &str, data: &str, ctx: &str| {
        format!("2026-10-02T08:00:{t}Z,Out,{s},0,10.0.0.1:1,40.107.1.1:25,{ev},{data},{ctx}\r\n")
    };
    let mut log = HEADER.to_string();
    log += &line("01.0", "S1", "*", "", "Sending certificate");
    log += &line("01.1", "S2", "*", "", "Sending certificate");
    log += &line("01.2", "S1", "*", "CN=a.contoso.com", "Certificate subject");
    log += &line("01.3", "S2", "*", "CN=b.contoso.com", "Certificate subject");
    log += &line("01.4", "S2", "*", "BBBB", "Certificate thumbprint");
    log += &line("01.5", "S1", "*", "AAAA", "Certificate thumbprint");
    log += &line(
        "01.6",
        "S2",
        "<",
        "550 5.7.64 TenantAttribution; Relay Access Denied",
        "",
    );
    log += &line("01.7", "S1", "<", "250 2.1.5 Recipient OK", "");
    log += &line("01.8", "S1", "-", "", "Local");
    log += &line("01.9", "S2", "-", "", "Local");
    let report = read_log_bytes("interleaved.log", log.as_bytes(), &LogOptions::default());
    let a = report
        .certificates
        .iter()
        .find(|c| c.thumbprint == "AAAA")
        .expect("A");
    let b = report
        .certificates
        .iter()
        .find(|c| c.thumbprint == "BBBB")
        .expect("B");
    assert_eq!((a.sessions, a.rejected_sessions), (1, 0));
    assert_eq!((b.sessions, b.rejected_sessions), (1, 1));
    assert_eq!(b.first_rejection.as_deref(), Some("2026-10-02T08:00:01.6Z"));
}

#[test]
fn open_sessions_are_capped_and_still_counted() {
    let mut log = HEADER.to_string();
    // 1000 sessions that never disconnect, each sending the same certificate.
    for i in 0..1000 {
        log += &format!(
            "2026-10-02T08:00:00.000Z,Out,S{i},0,10.0.0.1:1,40.107.1.1:25,*,,Sending certificate\r\n\
2026-10-02T08:00:00.000Z,Out,S{i},1,10.0.0.1:1,40.107.1.1:25,*,CN=mail.contoso.com,Certificate subject\r\n\
2026-10-02T08:00:00.000Z,Out,S{i},2,10.0.0.1:1,40.107.1.1:25,*,AAAA,Certificate thumbprint\r\n"
        );
    }
    let report = read_log_bytes(
        "many.log",
        log.as_bytes(),
        &LogOptions {
            send_connector: None,
            max_open_sessions: 64,
            ..LogOptions::default()
        },
    );
    assert_eq!(report.sessions, 1000);
    assert_eq!(report.certificates.len(), 1);
    assert_eq!(report.certificates[0].sessions, 1000);
    assert_eq!(
        report.warnings.len(),
        1,
        "one warning, not one per eviction"
    );
    assert_eq!(report.warnings[0].problem.id, "log-warn-too-many-sessions");
}

#[test]
fn columns_follow_the_fields_header_not_a_fixed_order() {
    let log = "#Fields: session-id,date-time,event,context,data,connector-id,local-endpoint,remote-endpoint,sequence-number\n\
S1,2026-10-02T08:00:00.0Z,*,Sending certificate,,Out,10.0.0.1:1,40.107.1.1:25,0\n\
S1,2026-10-02T08:00:00.1Z,*,Certificate subject,CN=reordered.contoso.com,Out,10.0.0.1:1,40.107.1.1:25,1\n\
S1,2026-10-02T08:00:00.2Z,*,Certificate thumbprint,CCCC,Out,10.0.0.1:1,40.107.1.1:25,2\n\
S1,2026-10-02T08:00:00.3Z,<,,550 5.7.64 TenantAttribution,Out,10.0.0.1:1,40.107.1.1:25,3\n\
S1,2026-10-02T08:00:00.4Z,-,Local,,Out,10.0.0.1:1,40.107.1.1:25,4\n";
    let report = read_log_bytes("reordered.log", log.as_bytes(), &LogOptions::default());
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(report.certificates.len(), 1);
    assert_eq!(report.certificates[0].subject, "CN=reordered.contoso.com");
    assert_eq!(report.certificates[0].rejected_sessions, 1);
}

/// The wizard's Cancel raises the stop flag: reading ends at the next block instead of going
/// through the whole folder.
#[test]
fn raised_stop_flag_ends_the_reading() {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    let whole = read_logs(&[data("renewal")], &LogOptions::default()).expect("read");
    assert!(whole.files_read > 0 && whole.sessions > 0, "{whole:#?}");
    let stopped = read_logs(
        &[data("renewal")],
        &LogOptions {
            stop: Some(Arc::new(AtomicBool::new(true))),
            ..LogOptions::default()
        },
    )
    .expect("read");
    assert_eq!(stopped.bytes_read, 0);
    assert_eq!(stopped.sessions, 0);
}

mod attribution_reading {
    //! What the attribution rules need from each session: envelope, endpoints, TLS outcome,
    //! the server it came from; and the folder hygiene around it.

    use super::*;

    fn attribution(path: &str) -> PathBuf {
        data("attribution").join(path)
    }

    #[test]
    fn mail_from_rcpt_to_and_the_null_sender_are_read_per_session() {
        let report =
            read_logs(&[attribution("null-sender")], &LogOptions::default()).expect("read");
        assert_eq!(report.sessions, 2);
        let mut senders: Vec<Option<String>> = report
            .groups
            .iter()
            .map(|g| g.mail_from_domain.clone())
            .collect();
        senders.sort();
        assert_eq!(
            senders,
            [Some(String::new()), Some("contoso.com".to_string())],
            "{:#?}",
            report.groups
        );
        assert!(
            report
                .groups
                .iter()
                .all(|g| g.rcpt_domain.as_deref() == Some("fabrikam.com"))
        );
        let null = report
            .groups
            .iter()
            .find(|g| g.mail_from_domain.as_deref() == Some(""))
            .expect("null sender group");
        assert_eq!(null.rejected_sessions, 1);
        assert_eq!(null.server, "10.0.0.12");
    }

    #[test]
    fn ipv6_endpoints_are_read_in_brackets() {
        let report = read_logs(&[attribution("ipv6")], &LogOptions::default()).expect("read");
        assert_eq!(report.groups.len(), 1, "{:#?}", report.groups);
        let g = &report.groups[0];
        assert!(g.ipv6);
        assert_eq!(g.remote_ip.as_deref(), Some("2a01:111:f400::1"));
        assert_eq!(g.local_ip.as_deref(), Some("2001:db8:25::12"));
    }

    #[test]
    fn one_sub_folder_per_server_keeps_the_server_names() {
        let report = read_logs(&[attribution("servers")], &LogOptions::default()).expect("read");
        assert_eq!(report.servers, ["EX01", "EX02"]);
        assert_eq!(report.files_read, 2);
        let ex02: Vec<_> = report
            .groups
            .iter()
            .filter(|g| g.server == "EX02")
            .collect();
        assert_eq!(ex02.len(), 1);
        assert_eq!(
            ex02[0].certificate.as_ref().map(|c| c.thumbprint.as_str()),
            Some("3F2A9C7E1B4D5F60718293A4B5C6D7E8F9012345")
        );
    }

    #[test]
    fn exchange_folders_on_the_way_are_not_taken_for_servers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let deep = dir
            .path()
            .join("EX03/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend");
        std::fs::create_dir_all(&deep).expect("mkdir");
        std::fs::copy(
            attribution("or-mail-from/SEND2026100509-1.LOG"),
            deep.join("SEND2026100509-1.LOG"),
        )
        .expect("copy");
        let report = read_logs(&[dir.path().to_path_buf()], &LogOptions::default()).expect("read");
        assert_eq!(report.servers, ["EX03"]);
        assert_eq!(report.sessions, 2);
        // Given the SmtpSend folder itself, the server is its local endpoint.
        let report = read_logs(&[deep], &LogOptions::default()).expect("read");
        assert_eq!(report.servers, ["10.0.0.12"]);
    }

    #[test]
    fn a_receive_log_is_reported_by_name_and_not_used() {
        let report =
            read_logs(&[attribution("with-receive")], &LogOptions::default()).expect("read");
        assert_eq!(report.skipped_logs.len(), 1, "{:#?}", report.skipped_logs);
        assert!(
            report.skipped_logs[0]
                .file
                .ends_with("RECV2026100509-1.LOG")
        );
        assert_eq!(report.skipped_logs[0].log_type, "SMTP Receive Protocol Log");
        assert_eq!(report.sessions, 1);
        assert_eq!(report.certificates.len(), 1);
        assert!(report.certificates[0].subject.contains("smtp.contoso.com"));
    }

    #[test]
    fn a_failed_tls_negotiation_cancels_the_certificate_logged_before_it() {
        let report =
            read_logs(&[attribution("no-credentials")], &LogOptions::default()).expect("read");
        assert!(report.certificates.is_empty(), "{:#?}", report.certificates);
        assert_eq!(report.groups.len(), 1);
        assert_eq!(
            report.groups[0].tls_failure.as_deref(),
            Some("NoCredentials")
        );
        assert_eq!(report.groups[0].certificate, None);
    }

    #[test]
    fn a_454_4_7_5_reply_is_a_tls_failure_too() {
        let text = format!(
            "{HEADER}2026-10-05T09:00:00.000Z,Outbound to Office 365,S1,0,10.0.0.12:41000,40.107.22.36:25,+,,\r\n\
2026-10-05T09:00:00.100Z,Outbound to Office 365,S1,1,10.0.0.12:41000,40.107.22.36:25,>,STARTTLS,\r\n\
2026-10-05T09:00:00.200Z,Outbound to Office 365,S1,2,10.0.0.12:41000,40.107.22.36:25,<,454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.,\r\n\
2026-10-05T09:00:00.300Z,Outbound to Office 365,S1,3,10.0.0.12:41000,40.107.22.36:25,-,,Local\r\n"
        );
        let report = read_log_bytes("x.LOG", text.as_bytes(), &LogOptions::default());
        assert_eq!(report.groups.len(), 1);
        assert_eq!(report.groups[0].tls_failure.as_deref(), Some("454 4.7.5"));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_and_a_symlink_loop_in_the_folder_are_reported_and_never_waited_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::copy(
            attribution("or-mail-from/SEND2026100509-1.LOG"),
            dir.path().join("SEND2026100509-1.LOG"),
        )
        .expect("copy");
        let fifo = dir.path().join("SEND2026100509-2.LOG");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("run mkfifo");
        assert!(status.success());
        std::os::unix::fs::symlink("loop-b.LOG", dir.path().join("loop-a.LOG")).expect("link");
        std::os::unix::fs::symlink("loop-a.LOG", dir.path().join("loop-b.LOG")).expect("link");
        let started = std::time::Instant::now();
        let report = read_logs(&[dir.path().to_path_buf()], &LogOptions::default()).expect("read");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert_eq!(report.sessions, 2);
        let warned: Vec<String> = report
            .warnings
            .iter()
            .map(|w| format!("{} {}", w.file, w.problem.id))
            .collect();
        assert!(
            warned
                .iter()
                .any(|w| w.contains("SEND2026100509-2.LOG log-warn-special-file")),
            "{warned:?}"
        );
        assert!(
            warned
                .iter()
                .any(|w| w.contains("loop-a.LOG log-warn-broken-link")),
            "{warned:?}"
        );
    }
}
