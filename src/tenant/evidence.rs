//! Evidence an Exchange admin already holds, beside the protocol logs: NDRs ([`super::ndr`]),
//! message trace exports ([`super::trace`]) and the send connector and certificate JSON
//! ([`super::exchange_json`]). [`gather`] reads the files (bounded, on the caller's blocking
//! thread); [`findings`] judges what they say.

use std::net::IpAddr;
use std::path::Path;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::exchange_json::{
    ExchangeCertificate, SendConnectorInfo, parse_exchange_certificates, parse_send_connectors,
    same_dn, split_tls_certificate_name,
};
use super::findings::{self, Finding, Severity};
use super::ndr::{NdrReport, parse_ndr};
use super::trace::{TraceReport, parse_trace};
use super::{TenantError, TenantInputs};
use crate::checks::Message;
use crate::input::InputField;
use crate::input_file::{InputKind, read_file};

/// A certificate that ends within this many days is about to be renewed: the renewal is what
/// breaks 5.7.64, so its replacement is looked for now.
const RENEWAL_WINDOW_DAYS: i64 = 30;

/// What the extra evidence said (empty when none was given).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeEvidence {
    pub ndrs: Vec<NdrReport>,
    pub trace: Option<TraceReport>,
    pub send_connectors: Vec<SendConnectorInfo>,
    pub certificates: Vec<ExchangeCertificate>,
}

impl ExchangeEvidence {
    pub fn is_empty(&self) -> bool {
        self.ndrs.is_empty()
            && self.trace.is_none()
            && self.send_connectors.is_empty()
            && self.certificates.is_empty()
    }
}

fn read_text(path: &Path, kind: InputKind, field: InputField) -> Result<String, TenantError> {
    let bytes = read_file(path, kind).map_err(|e| TenantError::input(field, e.message()))?;
    crate::powershell::decode_text(&bytes)
        .map_err(|e| TenantError::input(field, e.message(path.display())))
}

fn with_path(field: InputField, path: &Path, problem: Message) -> TenantError {
    TenantError::input(field, problem.arg("path", path.display().to_string()))
}

/// Reads every evidence file the inputs name.
pub fn gather(inputs: &TenantInputs) -> Result<ExchangeEvidence, TenantError> {
    let mut evidence = ExchangeEvidence::default();
    for path in &inputs.ndr_files {
        let bytes = read_file(path, InputKind::Ndr)
            .map_err(|e| TenantError::input(InputField::Ndr, e.message()))?;
        let report = parse_ndr(&bytes, &path.display().to_string())
            .map_err(|p| TenantError::input(InputField::Ndr, p))?;
        evidence.ndrs.push(report);
    }
    if let Some(text) = inputs.ndr_text.as_deref().filter(|t| !t.trim().is_empty()) {
        let report = parse_ndr(text.as_bytes(), "pasted")
            .map_err(|p| TenantError::input(InputField::Ndr, p))?;
        evidence.ndrs.push(report);
    }
    if let Some(path) = &inputs.message_trace {
        let text = read_text(path, InputKind::MessageTrace, InputField::MessageTrace)?;
        let report = parse_trace(&text, &path.display().to_string())
            .map_err(|p| TenantError::input(InputField::MessageTrace, p))?;
        evidence.trace = Some(report);
    }
    if let Some(path) = &inputs.send_connector_json {
        let text = read_text(path, InputKind::Json, InputField::SendConnectorJson)?;
        evidence.send_connectors = parse_send_connectors(&text)
            .map_err(|p| with_path(InputField::SendConnectorJson, path, p))?;
    }
    if let Some(path) = &inputs.exchange_certificate_json {
        let text = read_text(path, InputKind::Json, InputField::ExchangeCertificateJson)?;
        evidence.certificates = parse_exchange_certificates(&text)
            .map_err(|p| with_path(InputField::ExchangeCertificateJson, path, p))?;
    }
    Ok(evidence)
}

/// Paths given for the evidence, for `prepare` (each is one file).
pub fn any_given(inputs: &TenantInputs) -> bool {
    !inputs.ndr_files.is_empty()
        || inputs
            .ndr_text
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty())
        || inputs.message_trace.is_some()
        || inputs.send_connector_json.is_some()
        || inputs.exchange_certificate_json.is_some()
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

fn names_match(names: &[String], setting: &str) -> bool {
    names
        .iter()
        .any(|n| crate::cert::matches_connector_domain(n, setting))
}

/// The certificate Exchange would take for a `TlsCertificateName`: same issuer and subject; of
/// several (a renewal in place), one it can use (private key, not expired), the latest ending.
fn named_certificate<'a>(
    issuer: Option<&str>,
    subject: &str,
    certificates: &'a [ExchangeCertificate],
    now: OffsetDateTime,
) -> Option<&'a ExchangeCertificate> {
    let mut candidates: Vec<&ExchangeCertificate> = certificates
        .iter()
        .filter(|c| same_dn(&c.subject, subject) && issuer.is_none_or(|i| same_dn(&c.issuer, i)))
        .collect();
    candidates.sort_by_key(|c| {
        let usable = c.has_private_key != Some(false) && c.not_after_time().is_none_or(|t| t > now);
        (usable, c.not_after_time())
    });
    candidates.last().copied()
}

/// Findings from the extra evidence, with notes. `setting`: the inbound connector's
/// `TlsSenderCertificateName` as the diagnosis compares it.
pub fn findings(
    inputs: &TenantInputs,
    evidence: &ExchangeEvidence,
    now: OffsetDateTime,
) -> (Vec<Finding>, Vec<Message>) {
    let mut found = Vec::new();
    let mut notes = Vec::new();
    let setting = inputs.connector.tls_sender_certificate_name.as_deref();

    // The send connectors that carry mail to Microsoft 365 (the named one when given).
    let chosen: Vec<&SendConnectorInfo> = match inputs.send_connector.as_deref() {
        Some(name) => evidence
            .send_connectors
            .iter()
            .filter(|c| c.name.eq_ignore_ascii_case(name))
            .collect(),
        None => {
            let to_cloud: Vec<&SendConnectorInfo> = evidence
                .send_connectors
                .iter()
                .filter(|c| c.to_microsoft_365 && c.enabled != Some(false))
                .collect();
            if to_cloud.is_empty() {
                evidence.send_connectors.iter().collect()
            } else {
                to_cloud
            }
        }
    };
    if !evidence.send_connectors.is_empty() && evidence.certificates.is_empty() {
        notes.push(Message::new("note-evidence-certificates-missing"));
    }
    for connector in chosen {
        let Some(raw) = connector.tls_certificate_name.as_deref() else {
            // Exchange then picks a certificate by the connector's FQDN: it may still be the
            // right one, so this does not fail the verdict on its own.
            found.push(
                Finding::new(
                    findings::SEND_CONNECTOR_CERTIFICATE_UNSET,
                    if setting.is_some() {
                        Severity::Warn
                    } else {
                        Severity::Info
                    },
                    Message::new("finding-send-connector-certificate-unset")
                        .arg("send_connector", &connector.name),
                )
                .guide_arg("send_connector", crate::powershell::quote(&connector.name)),
            );
            continue;
        };
        if evidence.certificates.is_empty() {
            continue;
        }
        let (issuer, subject) = split_tls_certificate_name(raw);
        let Some(cert) =
            named_certificate(issuer.as_deref(), &subject, &evidence.certificates, now)
        else {
            // Same subject, another issuer: the renewal came from a new intermediate.
            let renewed = evidence
                .certificates
                .iter()
                .filter(|c| same_dn(&c.subject, &subject))
                .max_by_key(|c| c.not_after_time());
            let detail = match renewed {
                Some(c) => Message::new("finding-send-connector-certificate-issuer-changed")
                    .arg("issuer", &c.issuer)
                    .arg("thumbprint", &c.thumbprint),
                None => Message::new("finding-send-connector-certificate-not-found"),
            };
            let suggested = renewed
                .map(|c| format!("<I>{}<S>{}", c.issuer, c.subject))
                .unwrap_or_else(|| "<I>…<S>…".to_string());
            found.push(
                Finding::new(
                    findings::SEND_CONNECTOR_CERTIFICATE_NOT_FOUND,
                    Severity::Fail,
                    detail
                        .arg("send_connector", &connector.name)
                        .arg("value", raw),
                )
                .guide_arg("send_connector", crate::powershell::quote(&connector.name))
                .guide_arg("value", crate::powershell::quote(&suggested)),
            );
            continue;
        };
        let expired = cert.not_after_time().is_some_and(|t| t <= now);
        let mut unusable = Vec::new();
        if cert.has_private_key == Some(false) {
            unusable.push("no-private-key");
        }
        if expired {
            unusable.push("expired");
        }
        if !unusable.is_empty() {
            found.push(
                Finding::new(
                    findings::SEND_CONNECTOR_CERTIFICATE_UNUSABLE,
                    Severity::Fail,
                    Message::new("finding-send-connector-certificate-unusable")
                        .arg("send_connector", &connector.name)
                        .arg("thumbprint", &cert.thumbprint)
                        .arg("subject", &cert.subject)
                        .arg("problems", unusable.join(", "))
                        .arg("not_after", cert.not_after.clone().unwrap_or_default()),
                )
                .guide_arg("thumbprint", crate::powershell::quote(&cert.thumbprint)),
            );
        }
        // Microsoft does not say that TlsCertificateName needs the SMTP service on the
        // certificate; the Hybrid Configuration Wizard assigns it. A warning, not a failure.
        if cert.smtp() == Some(false) {
            found.push(
                Finding::new(
                    findings::SEND_CONNECTOR_CERTIFICATE_NOT_SMTP,
                    Severity::Warn,
                    Message::new("finding-send-connector-certificate-not-smtp")
                        .arg("thumbprint", &cert.thumbprint)
                        .arg("services", list(cert.services.as_deref().unwrap_or(&[]))),
                )
                .guide_arg("thumbprint", crate::powershell::quote(&cert.thumbprint)),
            );
        }
        let names = cert.names();
        if let Some(setting) = setting
            && !names_match(&names, setting)
        {
            found.push(
                Finding::new(
                    findings::SEND_CONNECTOR_CERTIFICATE_NAME_MISMATCH,
                    Severity::Fail,
                    Message::new("finding-send-connector-certificate-name-mismatch")
                        .arg("send_connector", &connector.name)
                        .arg("thumbprint", &cert.thumbprint)
                        .arg("names", list(&names))
                        .arg("setting", setting),
                )
                .guide_arg("setting", setting)
                .guide_arg(
                    "suggested",
                    crate::powershell::quote(
                        names
                            .iter()
                            .find(|n| n.starts_with("*."))
                            .or(names.first())
                            .map(String::as_str)
                            .unwrap_or(""),
                    ),
                ),
            );
        }
        // The next certificate: a newer one sharing a name with this one. If the connector would
        // not find it, or its names would not match, the renewal will bring the 5.7.64.
        let ending_soon = cert
            .not_after_time()
            .is_some_and(|t| t - now < time::Duration::days(RENEWAL_WINDOW_DAYS));
        let successor = evidence
            .certificates
            .iter()
            .filter(|c| c.thumbprint != cert.thumbprint)
            .filter(|c| c.not_after_time() > cert.not_after_time())
            .filter(|c| c.not_after_time().is_none_or(|t| t > now))
            .find(|c| {
                c.names()
                    .iter()
                    .any(|n| names.iter().any(|m| m.eq_ignore_ascii_case(n)))
            });
        if let Some(next) = successor {
            let found_by_connector = same_dn(&next.subject, &subject)
                && issuer.as_deref().is_none_or(|i| same_dn(&next.issuer, i));
            let next_names = next.names();
            let names_ok = setting.is_none_or(|s| names_match(&next_names, s));
            if !found_by_connector || !names_ok {
                found.push(
                    Finding::new(
                        findings::SEND_CONNECTOR_RENEWAL_RISK,
                        Severity::Warn,
                        Message::new("finding-send-connector-renewal-risk")
                            .arg("thumbprint", &next.thumbprint)
                            .arg("subject", &next.subject)
                            .arg("issuer", &next.issuer)
                            .arg("names", list(&next_names))
                            .arg("found", if found_by_connector { "yes" } else { "no" })
                            .arg("names_ok", if names_ok { "yes" } else { "no" })
                            .arg("setting", setting.unwrap_or("none")),
                    )
                    .guide_arg("send_connector", crate::powershell::quote(&connector.name))
                    .guide_arg(
                        "value",
                        crate::powershell::quote(&format!("<I>{}<S>{}", next.issuer, next.subject)),
                    ),
                );
            }
        } else if ending_soon && !expired {
            notes.push(
                Message::new("note-send-connector-certificate-ending")
                    .arg("thumbprint", &cert.thumbprint)
                    .arg("not_after", cert.not_after.clone().unwrap_or_default()),
            );
        }
    }

    // The client IP Microsoft 365 saw, against SenderIPAddresses.
    let networks = inputs.connector.networks();
    if let Some(trace) = &evidence.trace
        && !networks.is_empty()
    {
        let listed = list(&inputs.connector.sender_ip_addresses);
        for counted in &trace.client_ips {
            let Ok(ip) = counted.value.parse::<IpAddr>() else {
                continue;
            };
            if networks.iter().any(|n| n.contains(&ip)) {
                continue;
            }
            found.push(
                Finding::new(
                    findings::TRACE_IP_NOT_LISTED,
                    if setting.is_some() {
                        Severity::Warn
                    } else {
                        Severity::Fail
                    },
                    Message::new("finding-trace-ip-not-listed")
                        .arg("ip", ip)
                        .arg("count", counted.count)
                        .arg("listed", &listed)
                        .arg("family", if ip.is_ipv4() { "ipv4" } else { "ipv6" }),
                )
                .guide_arg("ip", ip)
                .guide_arg("family", if ip.is_ipv4() { "ipv4" } else { "ipv6" }),
            );
        }
    }
    // A trace that writes "Failed" without the SMTP reply (the enhanced summary report,
    // Get-MessageTrace / Get-MessageTraceV2) cannot tell a 5.7.64 from any other failure: say
    // so, rather than let "0 refused" read as "no 5.7.64". The reply is in the extended report
    // and in Get-MessageTraceDetailV2 ("Message trace in the new Exchange admin center in
    // Exchange Online", "Get-MessageTraceDetailV2", Microsoft Learn).
    if let Some(trace) = &evidence.trace
        && trace.failed_without_reply > 0
    {
        notes.push(
            Message::new("note-trace-no-reply")
                .arg("count", trace.failed_without_reply)
                .arg("source", &trace.source),
        );
    }
    (found, notes)
}
