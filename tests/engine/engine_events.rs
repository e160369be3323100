//! The engine as the GUI drives it: events stream while it works, a cancel stops it promptly,
//! and the report matches the events.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::{CertKind, FakeSmtp, Greeting, SmtpBehavior, StartTls, pki};
use connector_doctor::checks::{
    Event, EventSink, FailureCode, RunReport, Status, StepKind, load_trust_roots, prepare,
    run_check,
};
use connector_doctor::model::{CheckRequest, Connector, TlsPolicy};
use tokio_util::sync::CancellationToken;

fn request(hosts: Vec<String>, timeout_secs: u64) -> CheckRequest {
    let mut request = CheckRequest {
        connector: Connector {
            smart_hosts: hosts,
            tls_settings: TlsPolicy::CertificateValidation,
            test_address: "user@test.example".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    request.options.ca_file = Some(pki().ca_file());
    request.options.timeout_secs = timeout_secs;
    request
}

/// What both faces do: the input checked once, the trust store read once, then the run.
async fn run_request(
    request: CheckRequest,
    sink: Arc<dyn EventSink>,
    cancel: CancellationToken,
) -> RunReport {
    let prepared = prepare(&request).expect("a valid request");
    let roots = load_trust_roots(&request.options).expect("the trust store");
    run_check(prepared, roots, sink, cancel).await
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn events_arrive_in_step_order_and_end_with_the_report() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let rt = runtime();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let report = rt.block_on(run_request(
        request(vec![server.host_arg()], 5),
        Arc::new(tx),
        CancellationToken::new(),
    ));
    let mut finished_steps = Vec::new();
    let mut started = 0;
    let mut last_was_report = false;
    while let Ok(event) = rx.try_recv() {
        last_was_report = false;
        match event {
            Event::StepStarted { .. } => started += 1,
            Event::StepFinished(step) => finished_steps.push(step),
            Event::Finished(r) => {
                assert_eq!(*r, report);
                last_was_report = true;
            }
        }
    }
    assert!(last_was_report, "the report is the last event");
    assert_eq!(started, 5);
    let kinds: Vec<StepKind> = finished_steps.iter().map(|s| s.step).collect();
    // The domain-security step runs only when asked for (--domain-security).
    let per_address: Vec<StepKind> = StepKind::ALL
        .into_iter()
        .filter(|s| s.per_address())
        .collect();
    assert_eq!(kinds, per_address);
    // Loopback is private (Microsoft 365 cannot reach it): the resolve step warns so, the
    // rest passes.
    assert!(
        report.steps.iter().all(|s| s.status == Status::Pass
            || (s.step == StepKind::Resolve
                && s.status == Status::Warn
                && s.code == Some(FailureCode::ResolvePrivateAddress))),
        "{report:#?}"
    );
    let tls = report
        .steps
        .iter()
        .find(|s| s.step == StepKind::Tls)
        .expect("tls");
    let cert = tls.certificate().expect("certificate recorded");
    assert_eq!(cert.sha1_thumbprint.len(), 40);
    assert!(cert.sans.iter().any(|n| n == "mail.test.example"));
}

#[test]
fn cancel_stops_a_run_stuck_on_a_silent_server_at_once() {
    let silent = FakeSmtp::start(SmtpBehavior {
        greeting: Greeting::Silent,
        ..Default::default()
    });
    let rt = runtime();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let cancel = CancellationToken::new();
    let start = Instant::now();
    let report = rt.block_on(async {
        let run = tokio::spawn(run_request(
            request(vec![silent.host_arg()], 60),
            Arc::new(tx),
            cancel.clone(),
        ));
        tokio::time::sleep(Duration::from_millis(300)).await;
        cancel.cancel();
        run.await.expect("engine task")
    });
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "cancel took {:?}",
        start.elapsed()
    );
    assert!(report.cancelled);
    // The greeting never came, so the EHLO step never finished: it is not in the report.
    assert!(!report.steps.iter().any(|s| s.step == StepKind::Ehlo));
    let mut saw_finished = false;
    while let Ok(event) = rx.try_recv() {
        assert!(!saw_finished, "no event after the final report");
        saw_finished = matches!(event, Event::Finished(_));
    }
    assert!(saw_finished);
}

#[test]
fn hosts_are_checked_concurrently_and_reported_in_input_order() {
    let good = FakeSmtp::start(SmtpBehavior::default());
    let expired = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::Expired),
        ..Default::default()
    });
    let silent = FakeSmtp::start(SmtpBehavior {
        greeting: Greeting::Silent,
        ..Default::default()
    });
    let rt = runtime();
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let start = Instant::now();
    let report = rt.block_on(run_request(
        request(
            vec![silent.host_arg(), expired.host_arg(), good.host_arg()],
            2,
        ),
        Arc::new(tx),
        CancellationToken::new(),
    ));
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "took {:?}",
        start.elapsed()
    );
    let hosts: Vec<String> = report
        .steps
        .iter()
        .filter(|s| s.step == StepKind::Resolve)
        .filter_map(|s| s.host.clone())
        .collect();
    assert_eq!(
        hosts,
        vec![silent.host_arg(), expired.host_arg(), good.host_arg()]
    );
    // Every host is on loopback, hence one resolve.private-address warning each.
    let codes: Vec<&str> = report
        .steps
        .iter()
        .filter_map(|s| s.code.map(|c| c.as_str()))
        .filter(|c| *c != "resolve.private-address")
        .collect();
    assert_eq!(codes, vec!["ehlo.no-banner", "tls.expired"]);
    let private = report
        .steps
        .iter()
        .filter(|s| s.code == Some(FailureCode::ResolvePrivateAddress))
        .count();
    assert_eq!(private, 3);
}

fn test_email_step(report: &RunReport) -> &connector_doctor::checks::StepResult {
    report
        .steps
        .iter()
        .find(|s| s.step == StepKind::TestEmail && s.address.is_some())
        .expect("a test-email step")
}

fn utf8_request(server: &FakeSmtp) -> CheckRequest {
    let mut request = request(vec![server.host_arg()], 5);
    request.connector.test_address = "jöhn.müller@test.example".into();
    request
}

#[test]
fn non_ascii_local_part_is_refused_with_the_reason_when_smtputf8_is_not_offered() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let rt = runtime();
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let report = rt.block_on(run_request(
        utf8_request(&server),
        Arc::new(tx),
        CancellationToken::new(),
    ));
    let step = test_email_step(&report);
    assert_eq!(step.status, Status::Fail);
    assert_eq!(step.code, Some(FailureCode::EmailInvalidAddress));
    assert_eq!(step.detail.id, "detail-email-needs-smtputf8");
    let transcript = server.transcript();
    assert!(
        !transcript
            .iter()
            .any(|l| l.starts_with("MAIL") || l.starts_with("RCPT")),
        "nothing is sent for an address the server cannot take: {transcript:?}"
    );
}

#[test]
fn non_ascii_local_part_is_tested_with_smtputf8_when_the_server_offers_it() {
    let server = FakeSmtp::start(SmtpBehavior {
        smtputf8: true,
        ..Default::default()
    });
    let rt = runtime();
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let report = rt.block_on(run_request(
        utf8_request(&server),
        Arc::new(tx),
        CancellationToken::new(),
    ));
    let step = test_email_step(&report);
    assert_eq!(step.status, Status::Pass, "{:?}", step.detail);
    assert_eq!(step.detail.id, "detail-email-rcpt-ok");
    let transcript = server.transcript();
    assert!(
        transcript.iter().any(|l| l == "MAIL FROM:<> SMTPUTF8"),
        "{transcript:?}"
    );
    assert!(
        transcript
            .iter()
            .any(|l| l == "RCPT TO:<jöhn.müller@test.example>"),
        "{transcript:?}"
    );
}

#[test]
fn ascii_addresses_never_ask_for_smtputf8() {
    let server = FakeSmtp::start(SmtpBehavior {
        smtputf8: true,
        ..Default::default()
    });
    let rt = runtime();
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let report = rt.block_on(run_request(
        request(vec![server.host_arg()], 5),
        Arc::new(tx),
        CancellationToken::new(),
    ));
    assert_eq!(test_email_step(&report).status, Status::Pass);
    assert!(server.transcript().iter().any(|l| l == "MAIL FROM:<>"));
}
