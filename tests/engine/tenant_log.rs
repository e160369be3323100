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

mod sessions_cut_between_readers {
    //! Files are read by several readers at once, each a run of consecutive files; a session
    //! (and its certificate block) can begin in one run and go on in the next.

    use super::*;
    use connector_doctor::tenant::log::LogReport;

    fn line(sid: &str, n: u32, event: &str, data: &str, context: &str) -> String {
        format!(
            "2026-10-05T09:00:{:02}.{:03}Z,Outbound to Office 365,{sid},{n},10.0.0.12:{port},40.107.22.36:25,{event},{data},{context}\r\n",
            n / 10,
            n % 1000,
            port = 41000 + sid.len(),
        )
    }

    /// Two sessions at once whose certificate blocks, envelope and replies can be cut anywhere:
    /// S1 sends the renewed certificate and is refused with 5.7.64; S2 logs a certificate, then
    /// the TLS negotiation fails (so no certificate was really presented).
    fn interleaved_sessions() -> Vec<String> {
        let cert = |sid: &str, at: u32| {
            vec![
                line(sid, at, "*", "", "Sending certificate"),
                line(
                    sid,
                    at + 1,
                    "*",
                    "\"CN=smtp.contoso.com, O=Contoso Ltd, C=US\"",
                    "Certificate subject",
                ),
                line(
                    sid,
                    at + 2,
                    "*",
                    "\"CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\"",
                    "Certificate issuer name",
                ),
                line(
                    sid,
                    at + 3,
                    "*",
                    "0C4471F05A9E1B2D3C4D5E6F70819AA2",
                    "Certificate serial number",
                ),
                line(
                    sid,
                    at + 4,
                    "*",
                    "9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C",
                    "Certificate thumbprint",
                ),
                line(
                    sid,
                    at + 5,
                    "*",
                    "\"smtp.contoso.com, legacy.contoso.com\"",
                    "Certificate alternate names",
                ),
            ]
        };
        let mut s1 = vec![
            line("S1", 0, "+", "", ""),
            line("S1", 1, ">", "STARTTLS", ""),
            line("S1", 2, "<", "220 2.0.0 SMTP server ready", ""),
        ];
        s1.extend(cert("S1", 3));
        s1.extend([
            line("S1", 9, "*", "", "Received certificate"),
            line(
                "S1",
                10,
                "*",
                "\"CN=mail.protection.outlook.com, O=Microsoft Corporation, C=US\"",
                "Certificate subject",
            ),
            line(
                "S1",
                11,
                "*",
                "AABBCCDDEEFF00112233445566778899AABBCCDD",
                "Certificate thumbprint",
            ),
            line(
                "S1",
                12,
                ">",
                "MAIL FROM:<alice@contoso.com> SIZE=45210",
                "",
            ),
            line("S1", 13, ">", "RCPT TO:<bob@fabrikam.com>", ""),
            line(
                "S1",
                14,
                "<",
                "550 5.7.64 TenantAttribution; Relay Access Denied",
                "",
            ),
            line("S1", 15, "-", "", "Local"),
        ]);
        let mut s2 = vec![
            line("S22", 0, "+", "", ""),
            line("S22", 1, ">", "STARTTLS", ""),
        ];
        s2.extend(cert("S22", 2));
        s2.extend([
            line(
                "S22",
                8,
                "*",
                "",
                "TLS negotiation failed with error NoCredentials",
            ),
            line("S22", 9, ">", "MAIL FROM:<>", ""),
            line("S22", 10, "-", "", "Local"),
        ]);
        // S1's lines two by two, then one of S2's: both blocks are cut at every place.
        let mut lines = Vec::new();
        let (mut a, mut b) = (s1.into_iter(), s2.into_iter());
        loop {
            let next: Vec<String> = a.by_ref().take(2).chain(b.by_ref().take(1)).collect();
            if next.is_empty() {
                break;
            }
            lines.extend(next);
        }
        lines
    }

    /// The parts of the report that must not depend on how the files were shared out.
    fn summary(r: &LogReport) -> String {
        let mut groups: Vec<String> = r.groups.iter().map(|g| format!("{g:?}")).collect();
        groups.sort();
        format!(
            "sessions {} tls {} without {} rejected {} {:?}..{:?}\ncertificates {:#?}\nreceived {:?}\nlocal {:?}\ngroups {groups:#?}",
            r.sessions,
            r.sessions_with_tls,
            r.sessions_without_certificate,
            r.rejected_sessions,
            r.first_rejection,
            r.last_rejection,
            r.certificates,
            r.received_certificates,
            r.local_ips,
        )
    }

    #[test]
    fn a_certificate_block_cut_between_two_readers_is_still_found() {
        let lines = interleaved_sessions();
        // Complete sessions of another connector first, so that the first file is the larger
        // one and each reader gets exactly one file wherever the cut is.
        let mut filler = String::new();
        for i in 0..40 {
            filler += &format!(
                "2026-10-05T08:00:00.000Z,Internet Mail,F{i},0,10.0.0.12:40000,198.51.100.20:25,+,,\r\n\
2026-10-05T08:00:00.100Z,Internet Mail,F{i},1,10.0.0.12:40000,198.51.100.20:25,>,MAIL FROM:<a@contoso.com>,\r\n\
2026-10-05T08:00:00.200Z,Internet Mail,F{i},2,10.0.0.12:40000,198.51.100.20:25,-,,Local\r\n"
            );
        }
        for cut in 1..lines.len() {
            let dir = tempfile::tempdir().expect("temp dir");
            let first = format!("{HEADER}{filler}{}", lines[..cut].concat());
            let second = format!("{HEADER}{}", lines[cut..].concat());
            assert!(first.len() > second.len());
            std::fs::write(dir.path().join("SEND2026100509-1.LOG"), first).expect("write");
            std::fs::write(dir.path().join("SEND2026100509-2.LOG"), second).expect("write");
            let read = |readers: usize| {
                read_logs(
                    &[dir.path().to_path_buf()],
                    &LogOptions {
                        send_connector: Some("Outbound to Office 365".into()),
                        readers,
                        ..LogOptions::default()
                    },
                )
                .expect("read")
            };
            let (one, two) = (read(1), read(2));
            let cut_at = lines[cut - 1].trim_end();
            // The certificate S1 sent, with every line of its block.
            assert_eq!(
                two.certificates.len(),
                1,
                "cut after {cut_at}\n{}",
                summary(&two)
            );
            let cert = &two.certificates[0];
            assert_eq!(
                cert.thumbprint, "9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C",
                "cut after {cut_at}"
            );
            assert_eq!(
                cert.serial, "0C4471F05A9E1B2D3C4D5E6F70819AA2",
                "cut after {cut_at}"
            );
            assert_eq!(
                cert.sans,
                ["smtp.contoso.com", "legacy.contoso.com"],
                "cut after {cut_at}"
            );
            assert_eq!(
                (cert.sessions, cert.rejected_sessions),
                (1, 1),
                "cut after {cut_at}"
            );
            // S2's failure cancels the certificate it logged, whichever reader saw which part.
            assert_eq!(two.sessions, 2, "cut after {cut_at}");
            let failed: Vec<_> = two
                .groups
                .iter()
                .filter(|g| g.tls_failure.is_some())
                .collect();
            assert_eq!(failed.len(), 1, "cut after {cut_at}\n{}", summary(&two));
            assert_eq!(failed[0].certificate, None, "cut after {cut_at}");
            assert_eq!(failed[0].tls_failure.as_deref(), Some("NoCredentials"));
            assert_eq!(
                failed[0].mail_from_domain.as_deref(),
                Some(""),
                "cut after {cut_at}"
            );
            let refused: Vec<_> = two
                .groups
                .iter()
                .filter(|g| g.rejected_sessions > 0)
                .collect();
            assert_eq!(refused.len(), 1, "cut after {cut_at}");
            assert_eq!(refused[0].mail_from_domain.as_deref(), Some("contoso.com"));
            assert_eq!(refused[0].rcpt_domain.as_deref(), Some("fabrikam.com"));
            assert_eq!(refused[0].remote_ip.as_deref(), Some("40.107.22.36"));
            assert_eq!(two.received_certificates.len(), 1, "cut after {cut_at}");
            assert_eq!(
                two.received_certificates[0].thumbprint, "AABBCCDDEEFF00112233445566778899AABBCCDD",
                "cut after {cut_at}"
            );
            // And the same report as one reader reading both files in order.
            assert_eq!(summary(&one), summary(&two), "cut after {cut_at}");
        }
    }

    /// Three readers: the middle one sees only part of the block (or none of it), and the
    /// block still reaches the last one's lines.
    #[test]
    fn a_session_spread_over_three_readers_gives_the_same_report_as_one() {
        let lines = interleaved_sessions();
        let mut filler = String::new();
        for i in 0..120 {
            filler += &format!(
                "2026-10-05T08:00:00.000Z,Internet Mail,F{i},0,10.0.0.12:40000,198.51.100.20:25,+,,\r\n\
2026-10-05T08:00:00.200Z,Internet Mail,F{i},2,10.0.0.12:40000,198.51.100.20:25,-,,Local\r\n"
            );
        }
        for a in 1..lines.len() {
            for b in a + 1..lines.len() {
                let dir = tempfile::tempdir().expect("temp dir");
                let parts = [
                    format!("{HEADER}{filler}{}", lines[..a].concat()),
                    format!("{HEADER}{}", lines[a..b].concat()),
                    format!("{HEADER}{}", lines[b..].concat()),
                ];
                // The first file holds two thirds of the bytes or more: one file per reader.
                let total: usize = parts.iter().map(String::len).sum();
                assert!(parts[0].len() * 3 >= total * 2);
                for (n, part) in parts.iter().enumerate() {
                    std::fs::write(
                        dir.path().join(format!("SEND2026100509-{}.LOG", n + 1)),
                        part,
                    )
                    .expect("write");
                }
                let read = |readers: usize| {
                    read_logs(
                        &[dir.path().to_path_buf()],
                        &LogOptions {
                            send_connector: Some("Outbound to Office 365".into()),
                            readers,
                            ..LogOptions::default()
                        },
                    )
                    .expect("read")
                };
                let (one, three) = (read(1), read(3));
                assert_eq!(
                    three.certificates.first().map(|c| c.thumbprint.as_str()),
                    Some("9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C"),
                    "cuts after lines {a} and {b}"
                );
                assert_eq!(
                    summary(&one),
                    summary(&three),
                    "cuts after lines {a} and {b}"
                );
            }
        }
    }
}
