//! The domain-security step (DNSSEC, DANE) against a real authoritative server: a zone signed
//! at test time by Knot DNS on loopback, the tool given that zone's DS as trust anchor, and the
//! fake SMTP server presenting certificates the zone's TLSA records were made from.

use std::path::PathBuf;
use std::sync::Arc;

use crate::support::knot::SignedZone;
use crate::support::pki::{hex, record_311, spki_sha256};
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};
use connector_doctor::checks::dnssec::DnssecStatus;
use connector_doctor::checks::{
    FailureCode, RunReport, Status, StepKind, StepResult, load_domain_security, load_trust_roots,
    prepare, run_check,
};
use connector_doctor::model::{CheckRequest, Connector, TlsPolicy};
use tokio_util::sync::CancellationToken;

const ORIGIN: &str = "dane.test";

/// The DER chain of a frozen test certificate.
fn chain(kind: &CertKind) -> Vec<Vec<u8>> {
    match kind {
        CertKind::Prepared { chain, .. } => chain.clone(),
        other => panic!("not a fixed certificate: {other:?}"),
    }
}

/// `@ MX 10 mx`, `mx A 127.0.0.1` and these TLSA records at `_25._tcp.mx`.
fn zone_with_tlsa(tlsa: &[String]) -> String {
    let mut records = "@ MX 10 mx\nmx A 127.0.0.1\n".to_string();
    for t in tlsa {
        records.push_str(&format!("_25._tcp.mx TLSA {t}\n"));
    }
    records
}

/// MX mode for `dane.test`, through the signed zone, with its DS as the trust anchor.
fn run_mx(zone: &SignedZone, smtp: &FakeSmtp, next_certificate: Option<PathBuf>) -> RunReport {
    let mut request = CheckRequest {
        connector: Connector {
            use_mx_record: true,
            recipient_domains: vec![ORIGIN.to_string()],
            tls_settings: TlsPolicy::CertificateValidation,
            test_address: format!("user@{ORIGIN}"),
            ..Default::default()
        },
        ..Default::default()
    };
    request.options.ca_file = Some(pki().ca_file());
    request.options.timeout_secs = 5;
    request.options.dns_server = zone.server_arg();
    request.options.mx_port = Some(smtp.addr().port());
    request.options.dnssec_trust_anchor = Some(zone.anchor_file());
    request.options.dane_next_certificate = next_certificate;
    let mut prepared = prepare(&request).expect("a valid request");
    prepared.domain_security = load_domain_security(&request.options).expect("the anchors");
    assert!(
        prepared.domain_security.is_some(),
        "a trust anchor turns the step on"
    );
    let roots = load_trust_roots(&request.options).expect("the trust store");
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(run_check(
            prepared,
            roots,
            Arc::new(tx),
            CancellationToken::new(),
        ))
}

fn domain_step(report: &RunReport) -> &StepResult {
    let steps: Vec<&StepResult> = report
        .steps
        .iter()
        .filter(|s| s.step == StepKind::DomainSecurity)
        .collect();
    assert_eq!(
        steps.len(),
        1,
        "one domain-security step: {:#?}",
        report.steps
    );
    assert_eq!(
        report.steps.last().map(|s| s.step),
        Some(StepKind::DomainSecurity),
        "after the host's TLS and test-address steps"
    );
    steps[0]
}

fn serve(kind: &CertKind) -> FakeSmtp {
    FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(kind.clone()),
        ..Default::default()
    })
}

fn write_pem(dir: &std::path::Path, kind: &CertKind) -> PathBuf {
    let path = dir.join("next.pem");
    std::fs::write(
        &path,
        crate::support::pki::pem_block("CERTIFICATE", &chain(kind)[0]),
    )
    .expect("next certificate");
    path
}

#[test]
fn dane_passes_when_a_secure_tlsa_record_matches_the_certificate_presented() {
    let current = pki().fixed(CertKind::valid_default());
    let zone = SignedZone::start(ORIGIN, &zone_with_tlsa(&[record_311(&current)]), &[]);
    let smtp = serve(&current);
    let report = run_mx(&zone, &smtp, None);
    let step = domain_step(&report);
    assert_eq!(step.status, Status::Pass, "{step:#?}");
    assert_eq!(step.code, None);
    assert_eq!(step.detail.id, "detail-dane-ok");
    let found = step.domain_security.as_ref().expect("domain security");
    assert_eq!(found.mx_dnssec, Some(DnssecStatus::Secure));
    let host = &found.hosts[0];
    assert_eq!(host.name, "mx.dane.test");
    assert_eq!(host.address_dnssec, DnssecStatus::Secure);
    assert_eq!(host.tlsa_dnssec, DnssecStatus::Secure);
    assert!(host.dane);
    assert_eq!(host.starttls, Some(true));
    assert_eq!(host.matched, vec![record_311(&current)]);
    assert_eq!(
        host.presented_tlsa.as_deref(),
        Some(record_311(&current).as_str())
    );
    assert_eq!(
        step.detail.args.get("rollover").map(String::as_str),
        Some("no")
    );
}

#[test]
fn dane_mismatch_after_a_renewal_gives_the_tlsa_record_that_would_fix_it() {
    let before = pki().fixed(CertKind::valid_default());
    let renewed = pki().fixed(CertKind::valid_default());
    let zone = SignedZone::start(ORIGIN, &zone_with_tlsa(&[record_311(&before)]), &[]);
    let smtp = serve(&renewed);
    let report = run_mx(&zone, &smtp, None);
    let step = domain_step(&report);
    assert_eq!(step.status, Status::Fail, "{step:#?}");
    assert_eq!(step.code, Some(FailureCode::DaneMismatch));
    assert_eq!(step.detail.id, "detail-dane-mismatch");
    let arg = |name: &str| step.detail.args.get(name).cloned().unwrap_or_default();
    assert_eq!(arg("fix"), record_311(&renewed), "the record to publish");
    assert!(
        arg("records").contains(&record_311(&before)),
        "{}",
        arg("records")
    );
    assert_eq!(arg("next_only"), "no");
    assert_eq!(arg("name"), "mx.dane.test");
    assert_eq!(report.verdict, connector_doctor::checks::Verdict::Fail);
    // Microsoft 365 defers at TLS: the test address it never reaches is not shown as Pass.
    let test_email: Vec<&StepResult> = report
        .steps
        .iter()
        .filter(|s| s.step == StepKind::TestEmail)
        .collect();
    assert!(!test_email.is_empty(), "the address was tested");
    for s in test_email {
        assert_eq!(s.status, Status::NotReached, "{s:#?}");
        assert_eq!(s.detail.id, "not-reached-domain-security");
    }
}

/// Two MX hosts: the primary's TLSA record is stale, the backup publishes none (no DANE). The
/// sender skips the primary and delivers through the backup (RFC 7672 2.2.3 / RFC 5321 5.1): a
/// warning that names the primary's mismatch, not a failed run.
#[test]
fn dane_mismatch_on_one_mx_while_another_mx_passes_is_a_warning_not_a_failure() {
    let before = pki().fixed(CertKind::valid_default());
    let renewed = pki().fixed(CertKind::valid_default());
    let zone = SignedZone::start(
        ORIGIN,
        &format!(
            "@ MX 10 mx\n@ MX 20 backup\nmx A 127.0.0.1\nbackup A 127.0.0.1\n_25._tcp.mx TLSA {}\n",
            record_311(&before)
        ),
        &[],
    );
    let smtp = serve(&renewed);
    let report = run_mx(&zone, &smtp, None);
    let step = domain_step(&report);
    assert_eq!(step.status, Status::Warn, "{step:#?}");
    assert_eq!(
        step.code,
        Some(FailureCode::DaneMismatch),
        "the primary's problem is named"
    );
    let hosts = &step.domain_security.as_ref().expect("found").hosts;
    let host = |name: &str| {
        hosts
            .iter()
            .find(|h| h.name == name)
            .unwrap_or_else(|| panic!("{name} judged: {hosts:#?}"))
    };
    assert_eq!(host("mx.dane.test").code, Some(FailureCode::DaneMismatch));
    assert_eq!(host("mx.dane.test").status, Status::Warn);
    assert_eq!(host("backup.dane.test").status, Status::Pass);
    assert_ne!(report.verdict, connector_doctor::checks::Verdict::Fail);
    let fixes = connector_doctor::report::fix::check_fixes(&report.request, step);
    assert_eq!(
        fixes.iter().map(|f| f.command.as_str()).collect::<Vec<_>>(),
        [format!(
            "_25._tcp.mx.dane.test. IN TLSA {}",
            record_311(&renewed)
        )],
        "the primary's record to publish, even as a warning"
    );
}

#[test]
fn dane_mismatch_when_only_the_next_key_is_published_says_so() {
    let current = pki().fixed(CertKind::valid_default());
    let next = pki().fixed(CertKind::valid_default());
    let zone = SignedZone::start(ORIGIN, &zone_with_tlsa(&[record_311(&next)]), &[]);
    let smtp = serve(&current);
    let next_file = write_pem(zone.dir.path(), &next);
    let report = run_mx(&zone, &smtp, Some(next_file));
    let step = domain_step(&report);
    assert_eq!(step.code, Some(FailureCode::DaneMismatch), "{step:#?}");
    assert_eq!(
        step.detail.args.get("next_only").map(String::as_str),
        Some("yes")
    );
    assert_eq!(
        step.detail.args.get("fix").cloned(),
        Some(record_311(&current))
    );
    let host = &step.domain_security.as_ref().expect("found").hosts[0];
    assert_eq!(host.next_certificate_matches, Some(true));
}

#[test]
fn renewal_preflight_warns_until_the_next_certificate_is_published() {
    let current = pki().fixed(CertKind::valid_default());
    let next = pki().fixed(CertKind::valid_default());

    let zone = SignedZone::start(ORIGIN, &zone_with_tlsa(&[record_311(&current)]), &[]);
    let smtp = serve(&current);
    let report = run_mx(&zone, &smtp, Some(write_pem(zone.dir.path(), &next)));
    let step = domain_step(&report);
    assert_eq!(step.status, Status::Warn, "{step:#?}");
    assert_eq!(step.code, Some(FailureCode::DaneRenewalNotReady));
    assert_eq!(
        step.detail.args.get("fix").cloned(),
        Some(record_311(&next))
    );
    drop(zone);

    // Both keys published: ready for the renewal.
    let zone = SignedZone::start(
        ORIGIN,
        &zone_with_tlsa(&[record_311(&current), record_311(&next)]),
        &[],
    );
    let report = run_mx(&zone, &smtp, Some(write_pem(zone.dir.path(), &next)));
    let step = domain_step(&report);
    assert_eq!(step.status, Status::Pass, "{step:#?}");
    assert_eq!(
        step.detail.args.get("rollover").map(String::as_str),
        Some("yes")
    );
    assert_eq!(
        step.detail.args.get("next").map(String::as_str),
        Some("yes")
    );
}

#[test]
fn dane_no_starttls_when_tlsa_is_published_and_starttls_is_not_offered() {
    let current = pki().fixed(CertKind::valid_default());
    let zone = SignedZone::start(ORIGIN, &zone_with_tlsa(&[record_311(&current)]), &[]);
    let smtp = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::NotOffered,
        ..Default::default()
    });
    let report = run_mx(&zone, &smtp, None);
    let step = domain_step(&report);
    assert_eq!(step.status, Status::Fail, "{step:#?}");
    assert_eq!(step.code, Some(FailureCode::DaneNoStarttls));
    let host = &step.domain_security.as_ref().expect("found").hosts[0];
    assert_eq!(host.starttls, Some(false));
}

#[test]
fn dane_expired_certificate_is_fatal_when_only_a_trust_anchor_record_matches() {
    let (leaf, key) = pki().leaf(CertKind::Expired);
    let root = pki().ca_der().to_vec();
    let served = CertKind::Prepared {
        chain: vec![leaf[0].to_vec(), root.clone()],
        key: key.secret_der().to_vec(),
        ocsp: Vec::new(),
    };
    let ta = format!(
        "2 0 1 {}",
        hex(ring::digest::digest(&ring::digest::SHA256, &root).as_ref())
    );
    let zone = SignedZone::start(ORIGIN, &zone_with_tlsa(std::slice::from_ref(&ta)), &[]);
    let smtp = serve(&served);
    let report = run_mx(&zone, &smtp, None);
    let step = domain_step(&report);
    assert_eq!(step.status, Status::Fail, "{step:#?}");
    assert_eq!(step.code, Some(FailureCode::DaneExpiredCertificate));
    assert_eq!(step.detail.args.get("matched").cloned(), Some(ta));
}

#[test]
fn dane_dnssec_bogus_when_a_tlsa_record_was_changed_after_signing() {
    let current = pki().fixed(CertKind::valid_default());
    let good = spki_sha256(&chain(&current)[0]);
    // The same length, another value: the old signature no longer covers it.
    let forged: String = good
        .chars()
        .map(|c| if c == '0' { '1' } else { '0' })
        .collect();
    let zone = SignedZone::start(
        ORIGIN,
        &zone_with_tlsa(&[record_311(&current)]),
        &[(good.clone(), forged)],
    );
    let smtp = serve(&current);
    let report = run_mx(&zone, &smtp, None);
    let step = domain_step(&report);
    assert_eq!(step.status, Status::Fail, "{step:#?}");
    assert_eq!(step.code, Some(FailureCode::DaneDnssecBogus));
    let host = &step.domain_security.as_ref().expect("found").hosts[0];
    assert_eq!(host.tlsa_dnssec, DnssecStatus::Bogus);
    assert_eq!(
        host.address_dnssec,
        DnssecStatus::Secure,
        "only the TLSA was forged"
    );
}

#[test]
fn no_tlsa_record_means_no_dane_and_a_secure_denial() {
    let current = pki().fixed(CertKind::valid_default());
    let zone = SignedZone::start(ORIGIN, &zone_with_tlsa(&[]), &[]);
    let smtp = serve(&current);
    let report = run_mx(&zone, &smtp, None);
    let step = domain_step(&report);
    assert_eq!(step.status, Status::Pass, "{step:#?}");
    assert_eq!(step.detail.id, "detail-dane-not-applied");
    let host = &step.domain_security.as_ref().expect("found").hosts[0];
    assert!(!host.dane);
    assert_eq!(host.address_dnssec, DnssecStatus::Secure);
    assert_eq!(
        host.tlsa_dnssec,
        DnssecStatus::Secure,
        "NSEC proves the absence"
    );
}
