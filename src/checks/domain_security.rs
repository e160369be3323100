//! The domain-security step: for a host checked by name (the MX hosts of a recipient domain, or
//! a smart host), the DNSSEC verdict of its MX and address records, its `_25._tcp` TLSA
//! records, and whether they match the certificate chain the same run saw over STARTTLS —
//! judged with Exchange Online's DANE rules ([`super::policy`]).

use std::path::Path;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::proto::rr::{RData, RecordType};
use serde::{Deserialize, Serialize};

use super::dane::{Tlsa, matches, record_matches, tlsa_3_1_1};
use super::dnssec::{DnssecStatus, TrustAnchor, lookup_validated, parse_trust_anchors};
use super::types::{FailureCode, Message, Status};
use crate::cert::CertificateInfo;
use crate::input::{InputField, InputProblem};
use crate::model::CheckOptions;

/// What the domain-security step needs from files, read once before the run.
#[derive(Clone, Debug, Default)]
pub struct DomainSecurityInputs {
    pub anchors: Vec<TrustAnchor>,
    /// DER of the certificate about to be installed (`--dane-next-cert`), for the pre-flight.
    pub next_certificate: Option<Vec<u8>>,
}

/// Reads `--dnssec-trust-anchor` and `--dane-next-cert`. `Ok(None)`: the step is off (it is on
/// with `--domain-security`, or as soon as one of these two files is given).
pub fn load_domain_security(
    options: &CheckOptions,
) -> Result<Option<DomainSecurityInputs>, Vec<InputProblem>> {
    let wanted = options.domain_security
        || options.dnssec_trust_anchor.is_some()
        || options.dane_next_certificate.is_some();
    if !wanted {
        return Ok(None);
    }
    let mut problems = Vec::new();
    let mut inputs = DomainSecurityInputs::default();
    if let Some(path) = &options.dnssec_trust_anchor {
        match read_anchor_file(path) {
            Ok(anchors) => inputs.anchors = anchors,
            Err(reason) => problems.push(InputProblem::new(
                InputField::DnssecTrustAnchor,
                path.display().to_string(),
                reason,
            )),
        }
    }
    if let Some(path) = &options.dane_next_certificate {
        let read = crate::cert::load_certificates(path)
            .map_err(|e| Message::new("input-error-next-certificate").arg("error", e))
            .and_then(|certs| {
                certs
                    .into_iter()
                    .next()
                    .ok_or_else(|| Message::new("input-error-next-certificate").arg("error", "-"))
            });
        match read {
            Ok(der) => inputs.next_certificate = Some(der),
            Err(reason) => problems.push(InputProblem::new(
                InputField::DaneNextCertificate,
                path.display().to_string(),
                reason,
            )),
        }
    }
    if problems.is_empty() {
        Ok(Some(inputs))
    } else {
        Err(problems)
    }
}

/// Trust-anchor files are small: the same 4 MiB cap as certificate files, read through the one
/// bounded reader (a pipe or a device is refused).
fn read_anchor_file(path: &Path) -> Result<Vec<TrustAnchor>, Message> {
    let bytes = crate::input_file::read_file(path, crate::input_file::InputKind::Certificate)
        .map_err(|e| e.message())?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Message::new("input-error-trust-anchor")
            .arg("line", 0)
            .arg("error", "UTF-8")
    })?;
    let anchors = parse_trust_anchors(&text).map_err(|(line, error)| {
        Message::new("input-error-trust-anchor")
            .arg("line", line)
            .arg("error", error)
    })?;
    if anchors.is_empty() {
        return Err(Message::new("input-error-trust-anchor")
            .arg("line", 0)
            .arg("error", "-"));
    }
    Ok(anchors)
}

/// The domain-security results of one host, for the report and the JSON document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainSecurity {
    /// The recipient domain (MX mode) or the smart host.
    pub domain: String,
    /// DNSSEC verdict of the domain's MX records (MX mode only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mx_dnssec: Option<DnssecStatus>,
    pub hosts: Vec<HostSecurity>,
    /// MTA-STS and TLS-RPT of the domain ([`super::mta_sts`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mta_sts: Option<super::mta_sts::MtaSts>,
}

/// One mail host (MX target or smart host) of the domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostSecurity {
    pub name: String,
    /// DNSSEC verdict of its A (or AAAA) records.
    pub address_dnssec: DnssecStatus,
    /// `_25._tcp.<name>`.
    pub tlsa_name: String,
    pub tlsa_dnssec: DnssecStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tlsa: Vec<Tlsa>,
    /// Does Exchange Online apply DANE to this host (secure MX, address and TLSA records)?
    pub dane: bool,
    /// Did the host offer STARTTLS in this run (`None`: the run never got that far).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starttls: Option<bool>,
    /// The certificate presented, and its `3 1 1` record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presented_tlsa: Option<String>,
    /// The published records that match the chain presented.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<String>,
    /// Renewal pre-flight: the next certificate's `3 1 1` record and whether a published record
    /// already matches it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_certificate_tlsa: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_certificate_matches: Option<bool>,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<FailureCode>,
}

/// What one address of a host showed over STARTTLS in this run.
#[derive(Clone, Debug, Default)]
pub struct Presented {
    pub address: String,
    pub starttls: bool,
    /// DER, end-entity first (empty when the handshake failed before a certificate came).
    pub chain: Vec<Vec<u8>>,
}

/// The DNS side of one host.
pub struct HostDns {
    pub name: String,
    pub address: DnssecStatus,
    pub tlsa: DnssecStatus,
    pub records: Vec<Tlsa>,
}

/// Looks up the DNS side of one host through the validating resolver.
pub async fn host_dns(resolver: &TokioResolver, name: &str, timeout: Duration) -> HostDns {
    let host = name.trim_end_matches('.').to_ascii_lowercase();
    let mut address = lookup_validated(resolver, &format!("{host}."), RecordType::A, timeout).await;
    if address.records.is_empty() && address.status != DnssecStatus::Bogus {
        address = lookup_validated(resolver, &format!("{host}."), RecordType::AAAA, timeout).await;
    }
    let tlsa_name = format!("_25._tcp.{host}.");
    let tlsa = lookup_validated(resolver, &tlsa_name, RecordType::TLSA, timeout).await;
    let records = tlsa
        .records
        .iter()
        .filter_map(|r| match &r.data {
            RData::TLSA(t) => Some(Tlsa {
                usage: u8::from(t.cert_usage),
                selector: u8::from(t.selector),
                matching: u8::from(t.matching),
                data_hex: t.cert_data.iter().map(|b| format!("{b:02x}")).collect(),
            }),
            _ => None,
        })
        .collect();
    HostDns {
        name: host,
        address: address.status,
        tlsa: tlsa.status,
        records,
    }
}

/// Judges one host: Exchange Online's DANE rules applied to what DNS said and what the server
/// presented. Returns the host's results and the sentence for the step's detail.
pub fn judge_host(
    mx_dnssec: Option<DnssecStatus>,
    dns: HostDns,
    presented: &[Presented],
    next_certificate: Option<&[u8]>,
    now: time::OffsetDateTime,
) -> (HostSecurity, Message) {
    let mut host = HostSecurity {
        tlsa_name: format!("_25._tcp.{}", dns.name),
        name: dns.name.clone(),
        address_dnssec: dns.address,
        tlsa_dnssec: dns.tlsa,
        tlsa: dns.records.clone(),
        dane: false,
        starttls: presented
            .first()
            .map(|_| presented.iter().all(|p| p.starttls)),
        certificate_subject: None,
        presented_tlsa: None,
        matched: Vec::new(),
        next_certificate_tlsa: next_certificate.and_then(tlsa_3_1_1),
        next_certificate_matches: None,
        status: Status::Pass,
        code: None,
    };
    let leaf = presented.iter().find_map(|p| p.chain.first());
    if let Some(der) = leaf {
        host.presented_tlsa = tlsa_3_1_1(der);
        host.certificate_subject = CertificateInfo::from_der(der)
            .ok()
            .map(|c| crate::sanitize::visible(&c.subject).into_owned());
    }
    let statuses = |m: Message| {
        m.arg("name", &dns.name)
            .arg("mx", mx_dnssec.map(|s| s.as_str()).unwrap_or("-"))
            .arg("host", dns.address.as_str())
            .arg("tlsa", dns.tlsa.as_str())
    };

    // 4/5.7.324 dnssec-invalid: a bogus answer anywhere on the way.
    let bogus = [
        ("MX", mx_dnssec.unwrap_or(DnssecStatus::Insecure)),
        ("A/AAAA", dns.address),
        ("TLSA", dns.tlsa),
    ]
    .into_iter()
    .find(|(_, s)| *s == DnssecStatus::Bogus);
    if let Some((which, _)) = bogus {
        host.status = Status::Fail;
        host.code = Some(FailureCode::DaneDnssecBogus);
        let record = if which == "TLSA" {
            host.tlsa_name.clone()
        } else {
            dns.name.clone()
        };
        let detail = statuses(Message::new("detail-dane-dnssec-bogus"))
            .arg("record", format!("{record} {which}"));
        return (host, detail);
    }

    host.dane = super::policy::dane_applies(mx_dnssec, dns.address, dns.tlsa, dns.records.len());
    if !host.dane {
        return (host, statuses(Message::new("detail-dane-not-applied")));
    }
    let records = dns
        .records
        .iter()
        .map(Tlsa::display)
        .collect::<Vec<_>>()
        .join(", ");
    if presented.is_empty() {
        host.status = Status::Skipped;
        return (
            host,
            Message::new("detail-dane-not-tested").arg("name", &dns.name),
        );
    }
    // 4/5.7.321 starttls-not-supported.
    if let Some(p) = presented.iter().find(|p| !p.starttls) {
        host.status = Status::Fail;
        host.code = Some(FailureCode::DaneNoStarttls);
        return (
            host,
            Message::new("detail-dane-no-starttls")
                .arg("name", &dns.name)
                .arg("address", &p.address)
                .arg("records", &records),
        );
    }
    let usable: Vec<Tlsa> = dns
        .records
        .iter()
        .filter(|r| super::policy::dane_record_usable(r))
        .cloned()
        .collect();
    if usable.is_empty() {
        return (
            host,
            Message::new("detail-dane-no-usable-records")
                .arg("name", &dns.name)
                .arg("records", &records),
        );
    }
    if let Some(next) = next_certificate {
        host.next_certificate_matches = Some(
            usable
                .iter()
                .any(|r| r.usage == 3 && record_matches(r, next)),
        )
        .filter(|m| *m || usable.iter().all(|r| r.usage == 3));
    }

    // Every address must present a chain the records match (each is a delivery attempt).
    for p in presented {
        let found = matches(&usable, &p.chain);
        if found.is_empty() {
            host.status = Status::Fail;
            host.code = Some(FailureCode::DaneMismatch);
            let leaf = p
                .chain
                .first()
                .and_then(|d| CertificateInfo::from_der(d).ok());
            let next_only = next_certificate
                .is_some_and(|n| usable.iter().any(|r| r.usage == 3 && record_matches(r, n)));
            let detail = Message::new("detail-dane-mismatch")
                .arg("name", &dns.name)
                .arg("address", &p.address)
                .arg("records", &records)
                .arg(
                    "subject",
                    leaf.as_ref().map(|c| c.subject.as_str()).unwrap_or("-"),
                )
                .arg(
                    "sha256",
                    leaf.as_ref().map(|c| c.sha256.as_str()).unwrap_or("-"),
                )
                .arg(
                    "fix",
                    p.chain
                        .first()
                        .and_then(|d| tlsa_3_1_1(d))
                        .unwrap_or_else(|| "-".to_string()),
                )
                .arg("next_only", if next_only { "yes" } else { "no" });
            return (host, detail);
        }
        for m in &found {
            let shown = m.record.display();
            if !host.matched.contains(&shown) {
                host.matched.push(shown);
            }
        }
        // 4/5.7.322 certificate-expired, as policy::dane_expiry_is_fatal reads it.
        let expired = p
            .chain
            .first()
            .and_then(|d| CertificateInfo::from_der(d).ok())
            .filter(|c| c.not_after_time().is_some_and(|t| t < now));
        if let Some(cert) = expired {
            let via_ta_only = found.iter().all(|m| m.record.usage == 2);
            host.code = Some(FailureCode::DaneExpiredCertificate);
            host.status = if super::policy::dane_expiry_is_fatal(via_ta_only) {
                Status::Fail
            } else {
                Status::Warn
            };
            return (
                host,
                Message::new("detail-dane-expired-certificate")
                    .arg("name", &dns.name)
                    .arg("not_after", &cert.not_after)
                    .arg(
                        "matched",
                        found
                            .iter()
                            .map(|m| m.record.display())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
            );
        }
    }
    // Renewal pre-flight: the records work today; will they still match the next certificate?
    if host.next_certificate_matches == Some(false) {
        host.status = Status::Warn;
        host.code = Some(FailureCode::DaneRenewalNotReady);
        return (
            host.clone(),
            Message::new("detail-dane-renewal-not-ready")
                .arg("name", &dns.name)
                .arg("records", &records)
                .arg("fix", host.next_certificate_tlsa.as_deref().unwrap_or("-")),
        );
    }
    // RFC 7671 section 8.1: with one key published, the next certificate breaks delivery until
    // DNS catches up. Said in the detail, not a failure: nothing is wrong today.
    let rollover_ready = usable.len() > host.matched.len();
    let detail = Message::new("detail-dane-ok")
        .arg("name", &dns.name)
        .arg("matched", host.matched.join(", "))
        .arg(
            "subject",
            host.certificate_subject.as_deref().unwrap_or("-"),
        )
        .arg("rollover", if rollover_ready { "yes" } else { "no" })
        .arg(
            "next",
            match host.next_certificate_matches {
                Some(true) => "yes",
                Some(false) => "no",
                None => "-",
            },
        );
    (host, detail)
}

/// The worst of the hosts' outcomes decides the step (fail over warn over pass; a skipped host
/// only when every host was skipped).
///
/// On an MX route (`mx_route`), a host that fails while another MX host passes is a warning, not
/// a failed step: RFC 7672 speaks of delivery "via the corresponding host" (section 2.2.3) and of
/// deferring delivery "via this server" (section 2.1.2), so a DANE failure takes one MX host out
/// of the route and the sender goes on to the next MX (RFC 5321 section 5.1), as with a dead MX
/// ([`super::policy::mx_fallback`]). Microsoft's "How SMTP DANE works" does not say otherwise. The
/// failing host keeps its code and detail, so nothing is hidden. A smart host has no other MX.
pub fn step_outcome(
    hosts: &mut [(HostSecurity, Message)],
    mx_route: bool,
) -> (Status, Option<FailureCode>, Message) {
    if mx_route && hosts.iter().any(|(h, _)| h.status == Status::Pass) {
        for (host, _) in hosts.iter_mut() {
            if host.status == Status::Fail {
                host.status = Status::Warn;
            }
        }
    }
    let rank = |s: Status| match s {
        Status::Fail => 3,
        Status::Warn => 2,
        Status::Pass => 1,
        Status::Skipped | Status::NotReached => 0,
    };
    match hosts.iter().max_by_key(|(h, _)| rank(h.status)) {
        Some((host, detail)) => (host.status, host.code, detail.clone()),
        None => (
            Status::Skipped,
            None,
            Message::new("detail-domain-security-no-hosts"),
        ),
    }
}
