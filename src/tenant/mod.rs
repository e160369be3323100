//! Diagnosis of `550 5.7.64 TenantAttribution` from Exchange protocol logs, certificates and the
//! inbound connector's settings; and the explainer of pasted SMTP errors.
//!
//! The engine speaks in codes and fluent message ids (`locales/*/tenant.ftl`); the CLI, the GUI
//! and the reports put words on them.
//!
//! The rules followed, per session (grouped by sending server, certificate presented and
//! envelope sender), come from Microsoft:
//! - "Updated requirements for SMTP relay through Exchange Online" (Microsoft Learn, and the
//!   Exchange Team blog post of the same name, June 2023, in force since 1 November 2023):
//!   relaying needs (1) the certificate domain on the connection **or** the `MAIL FROM` (P1)
//!   domain to be an accepted domain — the header From (P2) no longer counts, so a null sender
//!   (`MAIL FROM:<>`, on-premises NDRs) depends on the certificate alone — and (2) the sending
//!   IP **or** the certificate domain to match an `OnPremises` inbound connector. An accepted
//!   domain is compared exactly: a subdomain of one is not one (Microsoft's guidance is to add
//!   that subdomain as an accepted domain).
//! - Message center MC1226222 ("Updated prevent/fix guidance for on-premises connectors
//!   configuration"): the tenant is found from the certificate domain, then the `MAIL FROM`
//!   domain, then the `RCPT TO` domain — the order in which the findings name them.
//! - "550 5.7.64 TenantAttribution when sending external messages in Microsoft 365": for a
//!   certificate `CN=*.contoso.com`, `TlsSenderCertificateName` must be `*.contoso.com`; a
//!   wildcard value for a specific certificate is accepted but not recommended.
//! - `Set-InboundConnector` / `New-InboundConnector` references: `SenderIPAddresses` takes IPv4
//!   addresses only; `TlsSenderCertificateName` takes a domain or the `<I>issuer<S>subject` form,
//!   which names the issuing authority too.
//! - "550 5.7.64 Relay Access Denied ATTR36" (KB 4019940): ATT36 means the domain is not an
//!   accepted domain of the tenant.

pub mod evidence;
pub mod exchange_json;
pub mod explain;
pub mod findings;
pub mod log;
pub mod ndr;
mod run;
pub mod trace;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

use crate::cert::{CertificateInfo, matches_connector_domain};
use crate::checks::{Message, Verdict};
use crate::input::InputField;

pub use findings::{FINDING_CODES, Finding, Severity, chain_gap};
pub use log::{
    CertificateChange, CertificateRef, LogError, LogOptions, LogReport, LogWarning,
    SentCertificate, read_logs,
};
pub use run::{
    Prepared, TenantEvent, TenantEvents, TenantFailure, TenantForm, TenantOutcome, prepare, run,
};

/// The inbound connector in Exchange Online that should recognise the on-premises server
/// (names as in `Get-InboundConnector`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboundConnector {
    pub name: Option<String>,
    /// As the diagnosis compares it (`contoso.com`, `*.contoso.com`).
    pub tls_sender_certificate_name: Option<String>,
    /// The `<I>issuer<S>subject` form, when the connector uses it: the certificate must carry
    /// exactly this issuer and subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_sender_certificate_issuer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_sender_certificate_subject: Option<String>,
    /// Normalised `IP/prefix` entries.
    pub sender_ip_addresses: Vec<String>,
    pub require_tls: Option<bool>,
    pub restrict_domains_to_certificate: Option<bool>,
    /// `OnPremises` or `Partner` (or the raw value PowerShell wrote).
    pub connector_type: Option<String>,
    pub enabled: Option<bool>,
}

impl InboundConnector {
    /// Takes `TlsSenderCertificateName` as PowerShell shows it: a domain, or the
    /// `<I>issuer<S>subject` form (kept in full: an issuer change matters).
    pub fn set_tls_sender_certificate_name(&mut self, raw: &str, notes: &mut Vec<Message>) {
        let (name, note) = normalize_tls_sender_name(raw);
        self.tls_sender_certificate_name = Some(name);
        match issuer_subject_form(raw) {
            Some((issuer, subject)) => {
                self.tls_sender_certificate_issuer = Some(issuer);
                self.tls_sender_certificate_subject = Some(subject);
            }
            None => {
                self.tls_sender_certificate_issuer = None;
                self.tls_sender_certificate_subject = None;
            }
        }
        notes.extend(note);
    }

    fn networks(&self) -> Vec<IpNet> {
        self.sender_ip_addresses
            .iter()
            .filter_map(|s| parse_sender_ip(s).ok())
            .collect()
    }
}

/// Everything the technician gives the diagnosis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantInputs {
    pub connector: InboundConnector,
    /// Accepted domains of the tenant (`Get-AcceptedDomain`).
    pub accepted_domains: Vec<String>,
    /// Sender domain of the refused mail.
    pub sender_domain: Option<String>,
    /// The public address the on-premises server sends from.
    pub sending_ip: Option<String>,
    /// Send connector whose sessions are read in the logs.
    pub send_connector: Option<String>,
    pub logs: Vec<PathBuf>,
    pub cert_file: Option<PathBuf>,
    pub live_host: Option<String>,
    // Evidence an admin already holds (src/tenant/evidence.rs).
    #[serde(default)]
    pub ndr_files: Vec<PathBuf>,
    #[serde(default)]
    pub ndr_text: Option<String>,
    #[serde(default)]
    pub message_trace: Option<PathBuf>,
    #[serde(default)]
    pub send_connector_json: Option<PathBuf>,
    #[serde(default)]
    pub exchange_certificate_json: Option<PathBuf>,
}

/// Where the judged certificate came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CertificateSource {
    Logs,
    File,
    Live,
}

impl CertificateSource {
    pub fn label_id(self) -> &'static str {
        match self {
            CertificateSource::Logs => "tenant-source-logs",
            CertificateSource::File => "tenant-source-file",
            CertificateSource::Live => "tenant-source-live",
        }
    }
}

/// What was gathered before judging: the logs' summary and the chains from a file or a server.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    pub log: Option<LogReport>,
    pub file_chain: Option<Vec<CertificateInfo>>,
    pub live_chain: Option<Vec<CertificateInfo>>,
    /// Notes from reading the inputs (e.g. the connector JSON).
    pub notes: Vec<Message>,
    /// NDRs, message trace, send connector and certificate JSON.
    pub exchange: evidence::ExchangeEvidence,
}

/// Counts from the logs, for the technician and the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogStats {
    pub files_read: u64,
    pub bytes_read: u64,
    pub lines_read: u64,
    pub sessions: u64,
    pub sessions_with_tls: u64,
    pub rejected_sessions: u64,
    pub att36_sessions: u64,
    pub first_time: Option<String>,
    pub last_time: Option<String>,
    pub connectors_seen: Vec<String>,
    pub local_ips: Vec<String>,
    pub received_certificates: Vec<CertificateRef>,
    /// Sending servers (folder names, else local endpoints), in order of first appearance.
    #[serde(default)]
    pub servers: Vec<String>,
}

/// The result of the 5.7.64 diagnosis, language-neutral.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnosis {
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    /// The certificate the on-premises server sends now (latest in the logs, else live, else
    /// the file).
    pub certificate: Option<SentCertificate>,
    pub certificate_source: Option<CertificateSource>,
    /// Every distinct certificate the logs show, in order of first use.
    pub certificates: Vec<SentCertificate>,
    pub certificate_changes: Vec<CertificateChange>,
    pub warnings: Vec<LogWarning>,
    pub warnings_dropped: u64,
    pub notes: Vec<Message>,
    pub log_stats: Option<LogStats>,
    pub inputs: TenantInputs,
    /// What the NDRs, the message trace and the Exchange JSON said.
    #[serde(default)]
    pub evidence: evidence::ExchangeEvidence,
    #[serde(with = "time::serde::rfc3339")]
    pub generated_at: OffsetDateTime,
    pub tool_version: String,
}

/// Input the diagnosis cannot use, found while reading it (a log folder, a certificate file).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TenantError {
    #[error("{field}: {problem:?}")]
    Input { field: InputField, problem: Message },
}

impl TenantError {
    pub fn input(field: InputField, problem: Message) -> TenantError {
        TenantError::Input { field, problem }
    }

    pub fn field(&self) -> InputField {
        match self {
            TenantError::Input { field, .. } => *field,
        }
    }

    pub fn problem(&self) -> &Message {
        match self {
            TenantError::Input { problem, .. } => problem,
        }
    }
}

/// `192.0.2.7`, `192.0.2.0/24`, `2001:db8::/32` → a network (a single address is /32 or /128).
pub fn parse_sender_ip(text: &str) -> Result<IpNet, Message> {
    let text = text.trim();
    if text.contains('/') {
        IpNet::from_str(text).map_err(|_| Message::new("input-bad-ip").arg("value", text))
    } else {
        IpAddr::from_str(text)
            .map(IpNet::from)
            .map_err(|_| Message::new("input-bad-ip").arg("value", text))
    }
}

/// `<I>issuer<S>subject` → (issuer, subject), trimmed.
pub fn issuer_subject_form(raw: &str) -> Option<(String, String)> {
    let raw = raw.trim();
    let rest = raw.strip_prefix("<I>")?;
    let (issuer, subject) = rest.split_once("<S>")?;
    Some((issuer.trim().to_string(), subject.trim().to_string()))
}

/// A distinguished name as a sorted list of its `key=value` parts, lower case: Exchange writes
/// `CN=…, O=…, C=…` and other tools `C=…, O=…, CN=…`; the order is not the identity.
pub fn dn_parts(dn: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in dn.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' | ';' if !quoted => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        if c != '"' {
            current.push(c);
        }
    }
    parts.push(current);
    let mut parts: Vec<String> = parts
        .into_iter()
        .map(|p| match p.split_once('=') {
            Some((k, v)) => format!("{}={}", k.trim().to_lowercase(), v.trim().to_lowercase()),
            None => p.trim().to_lowercase(),
        })
        .filter(|p| !p.is_empty())
        .collect();
    parts.sort();
    parts
}

/// `TlsSenderCertificateName` as the diagnosis compares it. PowerShell may show the
/// `<I>issuer<S>subject` form: the subject's CN is what counts; a note says so.
pub fn normalize_tls_sender_name(raw: &str) -> (String, Option<Message>) {
    let raw = raw.trim();
    if let Some(s_at) = raw.find("<S>") {
        let subject = raw[s_at + 3..].trim();
        let issuer = raw
            .strip_prefix("<I>")
            .map(|r| r[..s_at.saturating_sub(3)].trim())
            .unwrap_or("");
        let cn = log::subject_common_names(subject)
            .into_iter()
            .next()
            .unwrap_or_else(|| subject.to_string());
        let note = Message::new("note-tls-name-issuer-subject")
            .arg("issuer", issuer)
            .arg("subject", subject)
            .arg("name", &cn);
        return (cn, Some(note));
    }
    (raw.trim_end_matches('.').to_string(), None)
}

fn json_string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn json_bool(value: Option<&Value>) -> Option<bool> {
    match value? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn get_ci<'a>(object: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a Value> {
    object
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// The output of `Get-InboundConnector | ConvertTo-Json` (one object or an array). With several
/// connectors the first enabled `OnPremises` one is taken, and a note says which.
pub fn parse_inbound_connector_json(
    text: &str,
) -> Result<(InboundConnector, Vec<Message>), Message> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Message::new("input-bad-json").arg("error", e))?;
    let objects: Vec<&serde_json::Map<String, Value>> = match &value {
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        Value::Object(object) => vec![object],
        _ => Vec::new(),
    };
    if objects.is_empty() {
        return Err(Message::new("input-json-no-connector"));
    }
    let is_on_prem = |o: &serde_json::Map<String, Value>| {
        json_string(get_ci(o, "ConnectorType"))
            .is_some_and(|t| t.eq_ignore_ascii_case("OnPremises"))
            && json_bool(get_ci(o, "Enabled")) != Some(false)
    };
    let chosen = objects
        .iter()
        .copied()
        .find(|o| is_on_prem(o))
        .unwrap_or(objects[0]);
    let mut notes = Vec::new();
    let name =
        json_string(get_ci(chosen, "Name")).or_else(|| json_string(get_ci(chosen, "Identity")));
    if objects.len() > 1 {
        notes.push(
            Message::new("note-several-inbound-connectors")
                .arg("count", objects.len())
                .arg("name", name.clone().unwrap_or_default()),
        );
    }
    let mut connector = InboundConnector {
        name,
        require_tls: json_bool(get_ci(chosen, "RequireTls")),
        restrict_domains_to_certificate: json_bool(get_ci(chosen, "RestrictDomainsToCertificate")),
        connector_type: json_string(get_ci(chosen, "ConnectorType")),
        enabled: json_bool(get_ci(chosen, "Enabled")),
        ..InboundConnector::default()
    };
    if let Some(raw) = json_string(get_ci(chosen, "TlsSenderCertificateName")) {
        connector.set_tls_sender_certificate_name(&raw, &mut notes);
    }
    let ips: Vec<String> = match get_ci(chosen, "SenderIPAddresses") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s.clone()),
                // Some exports write objects; their text form is in one of these keys.
                Value::Object(o) => ["Value", "IPRange", "Expression", "Address"]
                    .iter()
                    .find_map(|k| json_string(get_ci(o, k))),
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) => s
            .split([',', ' ', ';'])
            .filter(|p| !p.trim().is_empty())
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    for ip in ips {
        match parse_sender_ip(&ip) {
            Ok(net) => connector.sender_ip_addresses.push(net.to_string()),
            Err(_) => notes.push(Message::new("note-ip-unreadable").arg("value", ip.trim())),
        }
    }
    Ok((connector, notes))
}

/// The output of `Get-AcceptedDomain | ConvertTo-Json`: `DomainName` as a string or as the
/// object PowerShell writes (`Domain` / `Address`), else `Name`.
pub fn parse_accepted_domains_json(text: &str) -> Result<Vec<String>, Message> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Message::new("input-bad-json").arg("error", e))?;
    let objects: Vec<&serde_json::Map<String, Value>> = match &value {
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        Value::Object(object) => vec![object],
        _ => Vec::new(),
    };
    let mut domains = Vec::new();
    for object in objects {
        let domain = match get_ci(object, "DomainName") {
            Some(Value::Object(inner)) => json_string(get_ci(inner, "Domain"))
                .or_else(|| json_string(get_ci(inner, "Address"))),
            other => json_string(other),
        }
        .or_else(|| json_string(get_ci(object, "Name")));
        if let Some(d) = domain {
            let d = d.trim().trim_start_matches("*.").to_ascii_lowercase();
            if !domains.contains(&d) {
                domains.push(d);
            }
        }
    }
    if domains.is_empty() {
        return Err(Message::new("input-json-no-domain"));
    }
    Ok(domains)
}

/// Reads the logs and the certificate file the inputs name (the live probe is separate, in
/// [`run`]); gives up reading logs once `stop` is raised (a cancelled run).
pub fn gather_offline_until(
    inputs: &TenantInputs,
    stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
) -> Result<Evidence, TenantError> {
    let mut evidence = Evidence::default();
    if !inputs.logs.is_empty() {
        let options = LogOptions {
            send_connector: inputs.send_connector.clone(),
            stop,
            ..LogOptions::default()
        };
        let report = read_logs(&inputs.logs, &options)
            .map_err(|e| TenantError::input(InputField::Logs, e.message()))?;
        evidence.log = Some(report);
    }
    if let Some(path) = &inputs.cert_file {
        evidence.file_chain = Some(load_chain(path)?);
    }
    evidence.exchange = evidence::gather(inputs)?;
    Ok(evidence)
}

/// Every certificate of a PEM/DER file, in file order.
pub fn load_chain(path: &Path) -> Result<Vec<CertificateInfo>, TenantError> {
    let ders = crate::cert::load_certificates(path).map_err(|e| {
        let problem = match e {
            crate::cert::CertError::Read(e) => e.message(),
            e => Message::new("input-cert-file").arg("error", e),
        };
        TenantError::input(InputField::CertFile, problem)
    })?;
    ders.iter()
        .map(|der| CertificateInfo::from_der(der))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            TenantError::input(
                InputField::CertFile,
                Message::new("input-cert-file").arg("error", e),
            )
        })
}

fn sent_from_info(info: &CertificateInfo) -> SentCertificate {
    SentCertificate {
        subject: info.subject.clone(),
        issuer: info.issuer.clone(),
        serial: info.serial.clone(),
        thumbprint: info.sha1_thumbprint.clone(),
        sans: info.sans.clone(),
        not_before: Some(info.not_before.clone()),
        not_after: Some(info.not_after.clone()),
        ..SentCertificate::default()
    }
}

fn names_match(cert: &SentCertificate, setting: &str) -> bool {
    cert.names()
        .iter()
        .any(|n| matches_connector_domain(n, setting))
}

/// Does the certificate satisfy the connector's `TlsSenderCertificateName`? In the
/// `<I>issuer<S>subject` form both names must be the certificate's (an issuer the log did not
/// record is not held against it); otherwise the name rules of [`matches_connector_domain`].
fn certificate_matches(
    cert: &SentCertificate,
    connector: &InboundConnector,
    setting: &str,
) -> bool {
    match (
        &connector.tls_sender_certificate_issuer,
        &connector.tls_sender_certificate_subject,
    ) {
        (Some(issuer), Some(subject)) => {
            dn_parts(&cert.subject) == dn_parts(subject)
                && (cert.issuer.is_empty() || dn_parts(&cert.issuer) == dn_parts(issuer))
        }
        _ => names_match(cert, setting),
    }
}

/// The certificate's domains as condition (1) reads them: its names, a wildcard's base domain.
fn certificate_domains(cert: &SentCertificate) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in cert.names() {
        let d = name
            .trim()
            .trim_start_matches("*.")
            .trim_end_matches('.')
            .to_ascii_lowercase();
        if !d.is_empty() && !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// Exactly an accepted domain: Microsoft compares the domain itself, so `mail.contoso.com` is
/// not accepted because `contoso.com` is ("Updated requirements for SMTP relay through Exchange
/// Online": the guidance for a subdomain is to add it as an accepted domain).
fn domain_accepted_exactly(domain: &str, accepted: &[String]) -> bool {
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    !domain.is_empty()
        && accepted.iter().any(|a| {
            a.trim()
                .trim_start_matches("*.")
                .eq_ignore_ascii_case(&domain)
        })
}

/// The accepted domain `domain` is a subdomain of, if any (for the guidance: add the subdomain).
fn accepted_parent<'a>(domain: &str, accepted: &'a [String]) -> Option<&'a str> {
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    accepted
        .iter()
        .map(|a| a.trim().trim_start_matches("*."))
        .find(|a| !a.is_empty() && domain.ends_with(&format!(".{}", a.to_ascii_lowercase())))
}

/// One case of condition (1) that fails: the certificate's domains and the sender, on servers.
struct UnacceptedCase {
    certificate_domains: Vec<String>,
    sender: String,
    servers: Vec<String>,
    sessions: u64,
    rejected: u64,
}

/// One group of sessions as judged for condition (1): server, certificate sent, sender domain,
/// sessions, sessions refused.
type JudgedGroup = (String, Option<SentCertificate>, Option<String>, u64, u64);

/// Condition (1) for each group of sessions (or, without logs, for the certificate and the
/// sender domain given): the certificate domain **or** the `MAIL FROM` domain is an accepted
/// domain. The null sender counts as no domain. A group whose sender the log does not show and
/// that no `--sender-domain` fills is not judged (a note says so): never a failure invented.
fn unaccepted_cases(
    inputs: &TenantInputs,
    log: Option<&LogReport>,
    certificate: Option<&SentCertificate>,
    notes: &mut Vec<Message>,
) -> Vec<UnacceptedCase> {
    let accepted = &inputs.accepted_domains;
    let given_sender = inputs
        .sender_domain
        .as_deref()
        .map(|s| s.trim().trim_start_matches('@').to_ascii_lowercase())
        .filter(|s| !s.is_empty());
    let mut judged: Vec<JudgedGroup> = Vec::new();
    match log.filter(|l| !l.groups.is_empty()) {
        Some(log) => {
            for g in &log.groups {
                let cert = g.certificate.as_ref().and_then(|r| {
                    log.certificates
                        .iter()
                        .find(|c| c.thumbprint == r.thumbprint && c.subject == r.subject)
                        .cloned()
                });
                let sender = g.mail_from_domain.clone().or_else(|| given_sender.clone());
                judged.push((
                    g.server.clone(),
                    cert,
                    sender,
                    g.sessions,
                    g.rejected_sessions,
                ));
            }
        }
        None => judged.push((String::new(), certificate.cloned(), given_sender, 0, 0)),
    }
    let mut cases: Vec<UnacceptedCase> = Vec::new();
    let mut unknown_sender = false;
    for (server, cert, sender, sessions, rejected) in judged {
        let domains = cert.as_ref().map(certificate_domains).unwrap_or_default();
        let cert_ok = domains.iter().any(|d| domain_accepted_exactly(d, accepted));
        let sender_ok = sender
            .as_deref()
            .is_some_and(|s| domain_accepted_exactly(s, accepted));
        if cert_ok || sender_ok {
            continue;
        }
        let Some(sender) = sender else {
            unknown_sender |= cert.is_some();
            continue;
        };
        match cases
            .iter_mut()
            .find(|c| c.certificate_domains == domains && c.sender == sender)
        {
            Some(case) => {
                if !server.is_empty() && !case.servers.contains(&server) {
                    case.servers.push(server);
                }
                case.sessions += sessions;
                case.rejected += rejected;
            }
            None => cases.push(UnacceptedCase {
                certificate_domains: domains,
                sender,
                servers: if server.is_empty() {
                    Vec::new()
                } else {
                    vec![server]
                },
                sessions,
                rejected,
            }),
        }
    }
    if unknown_sender {
        notes.push(Message::new("note-sender-domain-unknown"));
    }
    cases
}

/// The smallest change that satisfies condition (1): add, as an accepted domain, a certificate
/// domain that is a subdomain of one already accepted, else the sender's domain, else the
/// certificate's first domain.
fn domain_to_add(case: &UnacceptedCase, accepted: &[String]) -> String {
    case.certificate_domains
        .iter()
        .find(|d| accepted_parent(d, accepted).is_some())
        .cloned()
        .or_else(|| (!case.sender.is_empty()).then(|| case.sender.clone()))
        .or_else(|| case.certificate_domains.first().cloned())
        .unwrap_or_default()
}

/// The value `TlsSenderCertificateName` should get for this certificate: its wildcard name when
/// it has one, else the subject's CN, else its first alternative name.
pub fn suggested_setting(cert: &SentCertificate) -> Option<String> {
    let names = cert.names();
    names
        .iter()
        .find(|n| n.starts_with("*."))
        .cloned()
        .or_else(|| log::subject_common_names(&cert.subject).into_iter().next())
        .or_else(|| names.first().cloned())
}

fn is_private(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                // 100.64.0.0/10, carrier-grade NAT
                || (v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64)
        }
        IpAddr::V6(v6) => {
            v6.is_loopback()
                || v6.is_unspecified()
                || (v6.segments()[0] & 0xfe00) == 0xfc00
                || (v6.segments()[0] & 0xffc0) == 0xfe80
        }
    }
}

/// Findings of one kind kept at most (one per distinct case; the rest would repeat them).
const MAX_CASE_FINDINGS: usize = 8;

fn servers_arg(servers: &[String]) -> String {
    if servers.is_empty() {
        "none".to_string()
    } else {
        list(servers)
    }
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

/// A value for a PowerShell command in the guidance: one single-quoted string
/// ([`crate::powershell::quote`]), or `none` (the message then shows a placeholder).
fn command_value_or_none(text: Option<&str>) -> String {
    match text {
        Some(t) if !t.is_empty() => crate::powershell::quote(t),
        _ => "none".to_string(),
    }
}

/// With several sending servers: each server's latest certificate against the newest one any
/// server sends. A server still on an older certificate is named, and fails the verdict when
/// that certificate does not satisfy the connector.
fn stale_server_findings(
    log: &LogReport,
    inputs: &TenantInputs,
    setting: Option<&str>,
    connector_arg: &str,
    findings: &mut Vec<Finding>,
) {
    // (server, certificate, last seen, sessions, rejected) of each server's latest certificate.
    let mut latest: Vec<(&str, &CertificateRef, &str, u64, u64)> = Vec::new();
    for server in &log.servers {
        let mut best: Option<(&CertificateRef, &str)> = None;
        let (mut sessions, mut rejected) = (0, 0);
        for g in log.groups.iter().filter(|g| g.server == *server) {
            if let (Some(cert), Some(last)) = (&g.certificate, g.last_seen.as_deref())
                && best.is_none_or(|(_, b)| last > b)
            {
                best = Some((cert, last));
            }
        }
        if let Some((cert, last)) = best {
            for g in log
                .groups
                .iter()
                .filter(|g| g.server == *server && g.certificate.as_ref() == Some(cert))
            {
                sessions += g.sessions;
                rejected += g.rejected_sessions;
            }
            latest.push((server.as_str(), cert, last, sessions, rejected));
        }
    }
    let full = |r: &CertificateRef| {
        log.certificates
            .iter()
            .find(|c| c.thumbprint == r.thumbprint && c.subject == r.subject)
    };
    // The newest certificate: the one first seen last, among those servers send now.
    let Some(newest) = latest
        .iter()
        .filter_map(|(_, c, _, _, _)| full(c))
        .max_by(|a, b| a.first_seen.cmp(&b.first_seen))
    else {
        return;
    };
    let newest_ref = newest.reference();
    let up_to_date: Vec<String> = latest
        .iter()
        .filter(|(_, c, _, _, _)| **c == newest_ref)
        .map(|(s, _, _, _, _)| s.to_string())
        .collect();
    for (server, cert, last, sessions, rejected) in latest.iter().take(MAX_CASE_FINDINGS) {
        if **cert == newest_ref {
            continue;
        }
        let old = full(cert);
        let broken = match (setting, old) {
            (Some(s), Some(old)) => !certificate_matches(old, &inputs.connector, s),
            _ => false,
        };
        let severity = if broken {
            Severity::Fail
        } else if *rejected > 0 {
            Severity::Warn
        } else {
            Severity::Info
        };
        let mut finding = Finding::new(
            findings::CHANGED,
            severity,
            Message::new("finding-certificate-stale-server")
                .arg("server", *server)
                .arg("subject", &cert.subject)
                .arg("thumbprint", &cert.thumbprint)
                .arg("last_seen", *last)
                .arg("sessions", *sessions)
                .arg("rejected", *rejected)
                .arg("new_subject", &newest_ref.subject)
                .arg("new_thumbprint", &newest_ref.thumbprint)
                .arg("servers", servers_arg(&up_to_date))
                .arg("setting", setting.unwrap_or("none")),
        );
        finding.guidance = Message::new("guide-attribution-certificate-changed-server")
            .arg("server", *server)
            .arg("thumbprint", &newest_ref.thumbprint)
            .arg("connector", connector_arg);
        findings.push(finding);
    }
}

/// Judges the evidence against the connector: findings, verdict, and the certificate story.
pub fn diagnose(inputs: &TenantInputs, evidence: Evidence, now: OffsetDateTime) -> Diagnosis {
    let mut findings: Vec<Finding> = Vec::new();
    let mut notes = evidence.notes.clone();
    // Values that end up in a suggested PowerShell command are quoted here, once.
    let connector_arg = command_value_or_none(inputs.connector.name.as_deref());
    let send_connector_arg = command_value_or_none(inputs.send_connector.as_deref());
    let setting = inputs
        .connector
        .tls_sender_certificate_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());

    // The certificate that counts: what the logs show the server sent last, else what a live
    // connection or the file shows.
    let log = evidence.log.as_ref();
    let from_logs = log.and_then(LogReport::latest_certificate).cloned();
    let other_chain = evidence
        .live_chain
        .as_ref()
        .map(|c| (CertificateSource::Live, c))
        .or(evidence
            .file_chain
            .as_ref()
            .map(|c| (CertificateSource::File, c)))
        .filter(|(_, c)| !c.is_empty());
    let (mut certificate, source) = match (&from_logs, other_chain) {
        (Some(cert), _) => (Some(cert.clone()), Some(CertificateSource::Logs)),
        (None, Some((source, chain))) => (Some(sent_from_info(&chain[0])), Some(source)),
        (None, None) => (None, None),
    };
    if let (Some(cert), Some((other_source, chain))) = (certificate.as_mut(), other_chain)
        && source == Some(CertificateSource::Logs)
    {
        let leaf = &chain[0];
        if leaf.sha1_thumbprint.eq_ignore_ascii_case(&cert.thumbprint) {
            cert.not_before = Some(leaf.not_before.clone());
            cert.not_after = Some(leaf.not_after.clone());
        } else {
            notes.push(
                Message::new("note-other-certificate-not-sent")
                    .arg(
                        "source",
                        if other_source == CertificateSource::Live {
                            "live"
                        } else {
                            "file"
                        },
                    )
                    .arg("subject", &leaf.subject)
                    .arg("thumbprint", &leaf.sha1_thumbprint)
                    .arg("sent_thumbprint", &cert.thumbprint),
            );
        }
    }

    // Connector type and state.
    if let Some(kind) = &inputs.connector.connector_type
        && !kind.eq_ignore_ascii_case("OnPremises")
    {
        findings.push(
            Finding::new(
                findings::CONNECTOR_NOT_ON_PREMISES,
                Severity::Fail,
                Message::new("finding-connector-not-on-premises").arg("type", kind),
            )
            .guide_arg("connector", &connector_arg),
        );
    }
    if inputs.connector.enabled == Some(false) {
        findings.push(
            Finding::new(
                findings::CONNECTOR_DISABLED,
                Severity::Fail,
                Message::new("finding-connector-disabled"),
            )
            .guide_arg("connector", &connector_arg),
        );
    }

    // Name of the certificate against TlsSenderCertificateName.
    if let (Some(setting), Some(cert)) = (setting, &certificate)
        && let (Some(issuer), Some(subject)) = (
            &inputs.connector.tls_sender_certificate_issuer,
            &inputs.connector.tls_sender_certificate_subject,
        )
        && dn_parts(&cert.subject) == dn_parts(subject)
        && !certificate_matches(cert, &inputs.connector, setting)
    {
        // Same subject, another issuer: the renewal came from another authority (or another
        // intermediate), and the <I>…<S>… form names the old one.
        findings.push(
            Finding::new(
                findings::NAME_MISMATCH,
                Severity::Fail,
                Message::new("finding-issuer-changed")
                    .arg("subject", subject)
                    .arg("issuer_setting", issuer)
                    .arg("issuer_sent", &cert.issuer)
                    .arg("thumbprint", &cert.thumbprint)
                    .arg("rejected", cert.rejected_sessions)
                    .arg("sessions", cert.sessions),
            )
            .guide_arg("connector", &connector_arg)
            .guide_arg("setting", setting)
            .guide_arg(
                "suggested",
                crate::powershell::quote(&format!("<I>{}<S>{}", cert.issuer, cert.subject)),
            ),
        );
    } else if let (Some(setting), Some(cert)) = (setting, &certificate)
        && !certificate_matches(cert, &inputs.connector, setting)
    {
        let names = cert.names();
        findings.push(
            Finding::new(
                findings::NAME_MISMATCH,
                Severity::Fail,
                Message::new("finding-name-mismatch")
                    .arg("setting", setting)
                    .arg(
                        "names",
                        if names.is_empty() {
                            "none".into()
                        } else {
                            list(&names)
                        },
                    )
                    .arg("subject", &cert.subject)
                    .arg("thumbprint", &cert.thumbprint)
                    .arg("rejected", cert.rejected_sessions)
                    .arg("sessions", cert.sessions),
            )
            .guide_arg("connector", &connector_arg)
            .guide_arg("setting", setting)
            .guide_arg(
                "suggested",
                command_value_or_none(suggested_setting(cert).as_deref()),
            ),
        );
    }
    if setting.is_none() && certificate.is_some() {
        notes.push(Message::new("note-no-tls-sender-name"));
    }
    // A wildcard value for a specific certificate works, but Microsoft advises against it.
    if let (Some(setting), Some(cert)) = (setting, &certificate)
        && setting.starts_with("*.")
        && certificate_matches(cert, &inputs.connector, setting)
        && !cert.names().iter().any(|n| n.starts_with("*."))
    {
        notes.push(
            Message::new("note-wildcard-setting-specific-certificate")
                .arg("setting", setting)
                .arg("subject", &cert.subject),
        );
    }

    // Validity, when known.
    if let Some(cert) = &certificate
        && let Some(not_after) = cert.not_after.as_deref().and_then(|t| {
            OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
        })
        && not_after < now
    {
        findings.push(
            Finding::new(
                findings::EXPIRED,
                Severity::Fail,
                Message::new("finding-certificate-expired")
                    .arg("subject", &cert.subject)
                    .arg("not_after", cert.not_after.clone().unwrap_or_default()),
            )
            .guide_arg("connector", &connector_arg),
        );
    }

    // Changes over time, told as a story: from what, to what, when, and whether it broke.
    if let Some(log) = log {
        for change in &log.certificate_changes {
            let to = log
                .certificates
                .iter()
                .find(|c| c.thumbprint == change.to.thumbprint && c.subject == change.to.subject);
            let from = log.certificates.iter().find(|c| {
                c.thumbprint == change.from.thumbprint && c.subject == change.from.subject
            });
            let broke = match (setting, from, to) {
                (Some(s), Some(f), Some(t)) => {
                    certificate_matches(f, &inputs.connector, s)
                        && !certificate_matches(t, &inputs.connector, s)
                }
                _ => false,
            };
            let rejected = to.map(|t| t.rejected_sessions).unwrap_or(0);
            let severity = if broke {
                Severity::Fail
            } else if rejected > 0 {
                Severity::Warn
            } else {
                Severity::Info
            };
            let detail_id = if broke {
                "finding-certificate-changed-broke"
            } else {
                "finding-certificate-changed"
            };
            let suggested = command_value_or_none(to.and_then(suggested_setting).as_deref());
            findings.push(
                Finding::new(
                    findings::CHANGED,
                    severity,
                    Message::new(detail_id)
                        .arg("at", &change.at)
                        .arg("from_subject", &change.from.subject)
                        .arg("from_thumbprint", &change.from.thumbprint)
                        .arg("to_subject", &change.to.subject)
                        .arg("to_thumbprint", &change.to.thumbprint)
                        .arg(
                            "from_last_seen",
                            change.from_last_seen.clone().unwrap_or_default(),
                        )
                        .arg("rejected", rejected)
                        .arg(
                            "first_rejection",
                            to.and_then(|t| t.first_rejection.clone())
                                .unwrap_or_default(),
                        )
                        .arg("setting", setting.unwrap_or("none")),
                )
                .guide_arg("connector", &connector_arg)
                .guide_arg("suggested", suggested),
            );
        }
    }

    // ATT36 / ATTR36: the domain is not an accepted domain of the tenant.
    if let Some(log) = log
        && log.att36_sessions > 0
    {
        findings.push(
            Finding::new(
                findings::DOMAIN_NOT_ACCEPTED,
                Severity::Fail,
                Message::new("finding-domain-att36")
                    .arg("count", log.att36_sessions)
                    .arg("code", att36_code(log.sample_rejection.as_deref()))
                    .arg("reply", log.sample_rejection.clone().unwrap_or_default()),
            )
            .guide_arg(
                "domain",
                setting
                    .map(|s| s.trim_start_matches("*."))
                    .filter(|s| !s.is_empty())
                    .unwrap_or("none"),
            ),
        );
    }
    // Condition (1): the certificate domain OR the MAIL FROM domain is an accepted domain.
    if !inputs.accepted_domains.is_empty() {
        let accepted = &inputs.accepted_domains;
        for case in unaccepted_cases(inputs, log, certificate.as_ref(), &mut notes)
            .into_iter()
            .take(MAX_CASE_FINDINGS)
        {
            let domain = domain_to_add(&case, accepted);
            let parent = accepted_parent(&domain, accepted).unwrap_or("none");
            let detail_id = if case.sender.is_empty() {
                "finding-null-sender-not-accepted"
            } else {
                "finding-sender-domain-not-accepted"
            };
            let certificate_domains = if case.certificate_domains.is_empty() {
                "none".to_string()
            } else {
                list(&case.certificate_domains)
            };
            findings.push(
                Finding::new(
                    findings::SENDER_DOMAIN_NOT_ACCEPTED,
                    Severity::Fail,
                    Message::new(detail_id)
                        .arg("sender", &case.sender)
                        .arg("certificate_domains", certificate_domains)
                        // For the plural: "its domain … is" / "its domains … are".
                        .arg("certificate_domain_count", case.certificate_domains.len())
                        .arg("servers", servers_arg(&case.servers))
                        .arg("sessions", case.sessions)
                        .arg("rejected", case.rejected)
                        .arg("accepted", list(accepted)),
                )
                .guide_arg(
                    "domain",
                    if domain.is_empty() {
                        "none"
                    } else {
                        domain.as_str()
                    },
                )
                .guide_arg("parent", parent),
            );
        }
    }

    // Condition (2): the sending IP OR the certificate matches the connector. Does the
    // certificate sent now do it on its own?
    let certificate_identifies = match (setting, &certificate) {
        (Some(s), Some(cert)) => certificate_matches(cert, &inputs.connector, s),
        _ => false,
    };
    let mut ipv6_senders: Vec<(String, String, u64, u64)> = Vec::new();
    if !certificate_identifies && let Some(log) = log {
        for g in log.groups.iter().filter(|g| g.ipv6) {
            // The server's own address: the one SenderIPAddresses would have needed.
            let ip = g
                .local_ip
                .clone()
                .or(g.remote_ip.clone())
                .unwrap_or_default();
            match ipv6_senders.iter_mut().find(|(s, _, _, _)| *s == g.server) {
                Some(entry) => {
                    entry.2 += g.sessions;
                    entry.3 += g.rejected_sessions;
                }
                None => ipv6_senders.push((g.server.clone(), ip, g.sessions, g.rejected_sessions)),
            }
        }
    }

    // SenderIPAddresses: only when the connector lists some.
    let networks = inputs.connector.networks();
    if !networks.is_empty() {
        // With a certificate name set, the certificate identifies the server first.
        let severity = if setting.is_some() {
            Severity::Warn
        } else {
            Severity::Fail
        };
        let listed = list(&inputs.connector.sender_ip_addresses);
        let mut candidates: Vec<(IpAddr, &'static str)> = Vec::new();
        if let Some(ip) = inputs
            .sending_ip
            .as_deref()
            .and_then(|s| IpAddr::from_str(s.trim()).ok())
        {
            candidates.push((ip, "option"));
        } else if let Some(log) = log {
            for text in &log.local_ips {
                if let Ok(ip) = IpAddr::from_str(text) {
                    if is_private(&ip) {
                        notes.push(Message::new("note-private-local-ip").arg("ip", ip));
                    } else {
                        candidates.push((ip, "log"));
                    }
                }
            }
        }
        if candidates.is_empty() {
            notes.push(Message::new("note-sending-ip-unknown"));
        }
        for (ip, origin) in candidates {
            if ip.is_ipv6() {
                // SenderIPAddresses takes IPv4 only: adding this address is not possible.
                let text = ip.to_string();
                if !certificate_identifies
                    && !ipv6_senders.iter().any(|e| e.0 == text || e.1 == text)
                {
                    ipv6_senders.push((String::new(), text, 0, 0));
                }
                continue;
            }
            if !networks.iter().any(|n| n.contains(&ip)) {
                findings.push(
                    Finding::new(
                        findings::IP_NOT_LISTED,
                        severity,
                        Message::new("finding-ip-not-listed")
                            .arg("ip", ip)
                            .arg("listed", &listed)
                            .arg("origin", origin),
                    )
                    .guide_arg("connector", &connector_arg)
                    // -SenderIPAddresses replaces the list: the ones there plus this one.
                    .guide_arg(
                        "addresses",
                        crate::powershell::quote_list(
                            inputs
                                .connector
                                .sender_ip_addresses
                                .iter()
                                .map(String::as_str)
                                .chain(std::iter::once(ip.to_string().as_str())),
                        ),
                    ),
                );
            }
        }
    }

    // Relaying over IPv6 while only an IP could identify the server.
    for (server, ip, sessions, rejected) in ipv6_senders.into_iter().take(MAX_CASE_FINDINGS) {
        findings.push(
            Finding::new(
                findings::IPV6_SENDER,
                Severity::Fail,
                Message::new("finding-ipv6-sender")
                    .arg(
                        "server",
                        if server.is_empty() {
                            "none"
                        } else {
                            server.as_str()
                        },
                    )
                    .arg("ip", &ip)
                    .arg("sessions", sessions)
                    .arg("rejected", rejected)
                    .arg("setting", setting.unwrap_or("none")),
            )
            .guide_arg("connector", &connector_arg)
            .guide_arg("send_connector", &send_connector_arg),
        );
    }

    // TLS negotiation failed: the certificate of the send connector was not presented.
    if let Some(log) = log {
        let mut failures: Vec<(String, String, u64, u64)> = Vec::new();
        for g in &log.groups {
            let Some(error) = &g.tls_failure else {
                continue;
            };
            match failures
                .iter_mut()
                .find(|f| f.0 == g.server && f.1 == *error)
            {
                Some(f) => {
                    f.2 += g.sessions;
                    f.3 += g.rejected_sessions;
                }
                None => failures.push((
                    g.server.clone(),
                    error.clone(),
                    g.sessions,
                    g.rejected_sessions,
                )),
            }
        }
        for (server, error, sessions, rejected) in failures.into_iter().take(MAX_CASE_FINDINGS) {
            findings.push(
                Finding::new(
                    findings::CERTIFICATE_NOT_FOUND,
                    Severity::Fail,
                    Message::new("finding-certificate-not-found")
                        .arg(
                            "server",
                            if server.is_empty() {
                                "none"
                            } else {
                                server.as_str()
                            },
                        )
                        .arg("error", &error)
                        .arg("sessions", sessions)
                        .arg("rejected", rejected),
                )
                .guide_arg("send_connector", &send_connector_arg)
                .guide_arg(
                    "server",
                    if server.is_empty() {
                        "none"
                    } else {
                        server.as_str()
                    },
                ),
            );
        }
    }

    // Several servers: one still sending another certificate than the newest is the answer.
    if let Some(log) = log
        && log.servers.len() > 1
    {
        stale_server_findings(log, inputs, setting, &connector_arg, &mut findings);
    }

    // Sessions with TLS but no certificate of ours (only matters for a certificate connector).
    if let Some(log) = log
        && setting.is_some()
    {
        if log.sessions > 0 && log.sessions_with_tls == 0 {
            findings.push(
                Finding::new(
                    findings::NO_CERTIFICATE_SENT,
                    Severity::Fail,
                    Message::new("finding-no-tls").arg("sessions", log.sessions),
                )
                .guide_arg("send_connector", &send_connector_arg),
            );
        } else if log.sessions_with_tls > 0 && log.certificates.is_empty() {
            findings.push(
                Finding::new(
                    findings::NO_CERTIFICATE_SENT,
                    Severity::Fail,
                    Message::new("finding-no-certificate-sent")
                        .arg("sessions", log.sessions_without_certificate)
                        .arg("rejected", log.rejected_without_certificate),
                )
                .guide_arg("send_connector", &send_connector_arg),
            );
        } else if log.rejected_without_certificate > 0 {
            findings.push(
                Finding::new(
                    findings::NO_CERTIFICATE_SENT,
                    Severity::Warn,
                    Message::new("finding-some-sessions-without-certificate")
                        .arg("sessions", log.sessions_without_certificate)
                        .arg("rejected", log.rejected_without_certificate),
                )
                .guide_arg("send_connector", &send_connector_arg),
            );
        }
    }

    // Chain: what the server sends live, or what the file holds.
    if let Some(chain) = &evidence.live_chain
        && let Some(issuer) = chain_gap(chain)
    {
        findings.push(
            Finding::new(
                findings::CHAIN_INCOMPLETE,
                Severity::Fail,
                Message::new("finding-chain-incomplete-live")
                    .arg("issuer", issuer)
                    .arg("count", chain.len()),
            )
            .guide_arg("connector", &connector_arg),
        );
    }
    if let Some(chain) = &evidence.file_chain
        && let Some(issuer) = chain_gap(chain)
    {
        findings.push(
            Finding::new(
                findings::CHAIN_INCOMPLETE,
                Severity::Warn,
                Message::new("finding-chain-incomplete-file")
                    .arg("issuer", issuer)
                    .arg("count", chain.len()),
            )
            .guide_arg("connector", &connector_arg),
        );
    }

    if let Some(log) = log {
        if inputs.send_connector.is_none() && log.connectors_seen.len() > 1 {
            notes.push(
                Message::new("note-several-send-connectors")
                    .arg("connectors", list(&log.connectors_seen)),
            );
        }
        let explained = findings.iter().any(|f| f.severity == Severity::Fail);
        if log.rejected_sessions > 0 && !explained {
            notes.push(
                Message::new("note-rejections-unexplained")
                    .arg("count", log.rejected_sessions)
                    .arg("last", log.last_rejection.clone().unwrap_or_default()),
            );
        }
    }

    let (more_findings, more_notes) = evidence::findings(inputs, &evidence.exchange, now);
    findings.extend(more_findings);
    notes.extend(more_notes);
    let verdict = if findings.iter().any(|f| f.severity == Severity::Fail) {
        Verdict::Fail
    } else {
        Verdict::Pass
    };
    let (warnings, warnings_dropped, certificates, certificate_changes, log_stats) =
        match evidence.log {
            Some(log) => (
                log.warnings,
                log.warnings_dropped,
                log.certificates,
                log.certificate_changes,
                Some(LogStats {
                    files_read: log.files_read,
                    bytes_read: log.bytes_read,
                    lines_read: log.lines_read,
                    sessions: log.sessions,
                    sessions_with_tls: log.sessions_with_tls,
                    rejected_sessions: log.rejected_sessions,
                    att36_sessions: log.att36_sessions,
                    first_time: log.first_time,
                    last_time: log.last_time,
                    connectors_seen: log.connectors_seen,
                    local_ips: log.local_ips,
                    received_certificates: log.received_certificates,
                    servers: log.servers,
                }),
            ),
            None => (Vec::new(), 0, Vec::new(), Vec::new(), None),
        };
    Diagnosis {
        verdict,
        findings,
        certificate,
        certificate_source: source,
        certificates,
        certificate_changes,
        warnings,
        warnings_dropped,
        notes,
        log_stats,
        inputs: inputs.clone(),
        evidence: evidence.exchange,
        generated_at: now,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
    }
}

/// The attribution code as the reply writes it (`ATTR36` in the replies seen in Exchange logs,
/// `ATT36` in some texts), so the sentence names what the person sees in the reply beside it.
fn att36_code(reply: Option<&str>) -> &'static str {
    match reply {
        Some(reply) if reply.to_ascii_uppercase().contains("ATTR36") => "ATTR36",
        _ => "ATT36",
    }
}
