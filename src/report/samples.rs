//! Ready-made runs for tests and demos (report tests, the GUI's compare-view test): a connector
//! whose TLS step fails with an expired certificate, and the same connector after the fix.

use crate::cert::CertificateInfo;
use crate::checks::{
    Direction, FailureCode, Message, RunReport, SmtpReply, Status, StepKind, StepResult,
    TlsSession, TranscriptLine, Verdict,
};
use crate::model::{CheckRequest, Connector, TlsPolicy};

pub const SAMPLE_HOST: &str = "mail.contoso.com";
pub const SAMPLE_ADDRESS: &str = "192.0.2.10:25";
pub const OLD_THUMBPRINT: &str = "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678";
pub const NEW_THUMBPRINT: &str = "0F1E2D3C4B5A69788796A5B4C3D2E1F001122334";

pub fn sample_connector() -> Connector {
    Connector {
        name: "Contoso outbound".to_string(),
        smart_hosts: vec![SAMPLE_HOST.to_string()],
        recipient_domains: vec!["contoso.com".to_string()],
        tls_settings: TlsPolicy::DomainValidation,
        tls_domain: SAMPLE_HOST.to_string(),
        test_address: "admin@contoso.com".to_string(),
        ..Connector::default()
    }
}

pub fn sample_certificate(thumbprint: &str, not_after: &str) -> CertificateInfo {
    CertificateInfo {
        subject: format!("CN={SAMPLE_HOST}"),
        issuer: "CN=Contoso Issuing CA, O=Contoso".to_string(),
        sans: vec![SAMPLE_HOST.to_string()],
        not_before: "2025-01-01T00:00:00Z".to_string(),
        not_after: not_after.to_string(),
        serial: "01AB".to_string(),
        sha1_thumbprint: thumbprint.to_string(),
        sha256: "00".repeat(32),
        self_issued: false,
        common_names: vec![SAMPLE_HOST.to_string()],
    }
}

fn step(address: Option<&str>, kind: StepKind, status: Status) -> StepResult {
    let mut s = StepResult::new(
        Some(SAMPLE_HOST.to_string()),
        address.map(str::to_string),
        kind,
    );
    s.status = status;
    s.duration_ms = 12;
    s
}

/// A run of [`sample_connector`]. With `tls_ok == false` the TLS step fails (`tls.expired`)
/// and the test e-mail step is not reached; otherwise everything passes. `thumbprint` is the SHA-1
/// of the certificate the server presents.
pub fn sample_run(started_at: time::OffsetDateTime, tls_ok: bool, thumbprint: &str) -> RunReport {
    let mut resolve = step(None, StepKind::Resolve, Status::Pass);
    resolve.resolved = vec![SAMPLE_ADDRESS.to_string()];
    resolve.detail = Message::new("detail-resolve-ok")
        .arg("count", 1)
        .arg("addresses", SAMPLE_ADDRESS);
    let mut connect = step(Some(SAMPLE_ADDRESS), StepKind::Connect, Status::Pass);
    connect.detail = Message::new("detail-connect-ok")
        .arg("address", SAMPLE_ADDRESS)
        .arg("ms", 12);
    let mut ehlo = step(Some(SAMPLE_ADDRESS), StepKind::Ehlo, Status::Pass);
    ehlo.transcript = vec![
        TranscriptLine {
            direction: Direction::Received,
            text: "220 mail.contoso.com ESMTP ready".to_string(),
        },
        TranscriptLine {
            direction: Direction::Sent,
            text: "EHLO connector-doctor.invalid".to_string(),
        },
        TranscriptLine {
            direction: Direction::Received,
            text: "250-mail.contoso.com Hello".to_string(),
        },
        TranscriptLine {
            direction: Direction::Received,
            text: "250 STARTTLS".to_string(),
        },
    ];
    ehlo.detail = Message::new("detail-ehlo-ok")
        .arg("banner", "220 mail.contoso.com ESMTP ready")
        .arg("extensions", "STARTTLS");
    let mut tls = step(
        Some(SAMPLE_ADDRESS),
        StepKind::Tls,
        if tls_ok { Status::Pass } else { Status::Fail },
    );
    let not_after = if tls_ok {
        "2027-06-30T23:59:59Z"
    } else {
        "2025-06-30T23:59:59Z"
    };
    tls.tls = Some(TlsSession {
        protocol: "TLSv1.3".to_string(),
        cipher_suite: "TLS13_AES_256_GCM_SHA384".to_string(),
        chain: vec![sample_certificate(thumbprint, not_after)],
        verification: vec![
            Message::new("note-tls-name-ok")
                .arg("names", SAMPLE_HOST)
                .arg("tls_domain", SAMPLE_HOST),
        ],
        probe: Some(crate::checks::TlsProbe {
            versions_accepted: vec!["TLS 1.2".to_string(), "TLS 1.3".to_string()],
            suite: Some("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384".to_string()),
            suite_published: true,
            suite_weak: false,
            answers: Vec::new(),
            duration_ms: 41,
            conclusive: true,
        }),
        revocation: None,
    });
    if tls_ok {
        tls.detail = Message::new("detail-tls-ok")
            .arg("protocol", "TLSv1.3")
            .arg("cipher", "TLS13_AES_256_GCM_SHA384")
            .arg("subject", format!("CN={SAMPLE_HOST}"))
            .arg("not_after", not_after);
    } else {
        tls.code = Some(FailureCode::TlsExpired);
        tls.detail = Message::new("detail-tls-expired").arg("not_after", not_after);
    }
    let mut email = step(
        Some(SAMPLE_ADDRESS),
        StepKind::TestEmail,
        if tls_ok {
            Status::Pass
        } else {
            Status::NotReached
        },
    );
    if !tls_ok {
        email.detail = Message::new("not-reached-tls-rejected");
    }
    if tls_ok {
        email.detail = Message::new("detail-email-rcpt-ok")
            .arg("address", "admin@contoso.com")
            .arg("reply", "250 2.1.5 Recipient OK");
        email.reply = Some(SmtpReply {
            code: 250,
            enhanced: Some("2.1.5".to_string()),
            text: "Recipient OK".to_string(),
        });
    }
    let steps = vec![resolve, connect, ehlo, tls, email];
    RunReport {
        request: CheckRequest {
            connector: sample_connector(),
            ..CheckRequest::default()
        },
        started_at,
        finished_at: started_at,
        duration_ms: 60,
        verdict: if tls_ok { Verdict::Pass } else { Verdict::Fail },
        steps,
        cancelled: false,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
    }
}
