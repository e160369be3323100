//! The 5.7.64 diagnosis from what the technician typed to the verdict, once for both faces:
//! [`prepare`] reads every input (and returns every problem at once), [`run`] gathers the
//! evidence (logs and certificate file on a blocking thread, the live probe on the runtime) and
//! judges it.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::{
    InboundConnector, LogWarning, TenantInputs, diagnose, gather_offline_until,
    normalize_tls_sender_name, parse_accepted_domains_json, parse_inbound_connector_json,
    parse_sender_ip,
};
use crate::checks::Message;
use crate::input::{InputField, InputProblem, clean};
use crate::model::{
    DEFAULT_TIMEOUT_SECS, DomainScope, MAX_TIMEOUT_SECS, SmartHost, parse_dns_server,
    parse_smart_host, split_host_list,
};

/// What the technician gave, as typed: the command line and the wizard both fill it, and
/// [`prepare`] is the one place that reads it. Text is taken as typed (white space around it is
/// dropped, the same for every field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantForm {
    /// The text of `Get-InboundConnector | ConvertTo-Json`; typed fields override what it says.
    pub inbound_connector_json: Option<String>,
    /// The inbound connector's `Name` (only used in the guidance's commands).
    pub connector_name: String,
    pub tls_sender_certificate_name: String,
    /// `SenderIPAddresses` entries; one entry may hold several, separated by commas, semicolons
    /// or lines.
    pub sender_ips: Vec<String>,
    pub require_tls: Option<bool>,
    pub restrict_domains_to_certificate: Option<bool>,
    /// `OnPremises`, `Partner`, or what an import said.
    pub connector_type: String,
    pub enabled: Option<bool>,
    /// Accepted domains as typed; one entry may hold several (commas, spaces, lines).
    pub accepted_domains: Vec<String>,
    /// The text of `Get-AcceptedDomain | ConvertTo-Json`.
    pub accepted_domains_json: Option<String>,
    pub sender_domain: String,
    pub sending_ip: String,
    /// Protocol log files or folders.
    pub logs: Vec<PathBuf>,
    pub send_connector: String,
    pub cert_file: Option<PathBuf>,
    /// `host[:port]` to read the certificate from over STARTTLS.
    pub live_host: String,
    /// Limit for each network wait of the live probe.
    pub timeout_secs: u64,
    /// DNS server for the live host's name (`IP` or `IP:port`; empty: the system's).
    pub dns_server: String,
    /// Notes the face already has about these values (an earlier import of the connector JSON).
    pub notes: Vec<Message>,
    // Evidence an admin already holds (src/tenant/evidence.rs).
    /// NDR files (`.eml`, or an NDR's text saved to a file).
    pub ndr_files: Vec<PathBuf>,
    /// An NDR's text, pasted.
    pub ndr_text: String,
    pub message_trace: Option<PathBuf>,
    pub send_connector_json: Option<PathBuf>,
    pub exchange_certificate_json: Option<PathBuf>,
}

impl Default for TenantForm {
    fn default() -> Self {
        TenantForm {
            inbound_connector_json: None,
            connector_name: String::new(),
            tls_sender_certificate_name: String::new(),
            sender_ips: Vec::new(),
            require_tls: None,
            restrict_domains_to_certificate: None,
            connector_type: String::new(),
            enabled: None,
            accepted_domains: Vec::new(),
            accepted_domains_json: None,
            sender_domain: String::new(),
            sending_ip: String::new(),
            logs: Vec::new(),
            send_connector: String::new(),
            cert_file: None,
            live_host: String::new(),
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            dns_server: String::new(),
            notes: Vec::new(),
            ndr_files: Vec::new(),
            ndr_text: String::new(),
            message_trace: None,
            send_connector_json: None,
            exchange_certificate_json: None,
        }
    }
}

/// A form that passed every input check, ready for [`run`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    pub inputs: TenantInputs,
    /// Notes about the inputs (several connectors in the JSON, the `<I>…<S>…` form…), shown with
    /// the diagnosis.
    pub notes: Vec<Message>,
    /// The live host, parsed.
    pub live_host: Option<SmartHost>,
    pub timeout: Duration,
    pub dns_server: Option<SocketAddr>,
}

/// Where the diagnosis is (for a face that shows progress).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TenantEvent {
    ReadingFiles,
    ConnectingLive,
    Judging,
}

/// Where [`run`] reports its progress.
pub trait TenantEvents: Send + Sync + 'static {
    fn send(&self, event: TenantEvent);
}

impl<F: Fn(TenantEvent) + Send + Sync + 'static> TenantEvents for F {
    fn send(&self, event: TenantEvent) {
        self(event)
    }
}

/// Why a diagnosis produced no result: the input it could not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantFailure {
    pub field: InputField,
    pub problem: Message,
    /// What the log reader noticed on the way (files skipped, damaged lines).
    pub warnings: Vec<LogWarning>,
}

/// The end of a diagnosis.
#[derive(Clone, Debug)]
pub enum TenantOutcome {
    Diagnosis(Box<super::Diagnosis>),
    Failed(TenantFailure),
    Cancelled,
    /// The reading thread died without an answer.
    Crashed,
}

/// Drops white space around a path, and the quotes Windows Explorer's "Copy as path" puts around
/// it.
fn clean_path(path: &std::path::Path) -> Option<PathBuf> {
    match path.to_str() {
        Some(text) => {
            let text = clean(text);
            let text = text
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .map(clean)
                .unwrap_or(text);
            (!text.is_empty()).then(|| PathBuf::from(text))
        }
        // Not UTF-8: nothing to trim that a person could have typed by mistake.
        None => (!path.as_os_str().is_empty()).then(|| path.to_path_buf()),
    }
}

fn shown(text: &str) -> String {
    crate::sanitize::shown(text)
}

/// Reads every input of the diagnosis and returns what to run, or every problem at once. Pure
/// apart from the JSON texts it is given (the faces read the files).
pub fn prepare(form: &TenantForm) -> Result<Prepared, Vec<InputProblem>> {
    let mut problems: Vec<InputProblem> = Vec::new();
    let mut notes: Vec<Message> = form.notes.clone();
    let note = |notes: &mut Vec<Message>, message: Message| {
        if !notes.iter().any(|n| n.id == message.id) {
            notes.push(message);
        }
    };

    // The inbound connector: the JSON first, then what was typed over it.
    let mut connector = InboundConnector::default();
    if let Some(text) = &form.inbound_connector_json {
        match parse_inbound_connector_json(text) {
            Ok((parsed, parse_notes)) => {
                connector = parsed;
                for n in parse_notes {
                    note(&mut notes, n);
                }
            }
            Err(reason) => problems.push(InputProblem::new(
                InputField::InboundConnectorJson,
                "",
                reason,
            )),
        }
    }
    let name = clean(&form.connector_name);
    if !name.is_empty() {
        connector.name = Some(name.to_string());
    }
    let typed_name = clean(&form.tls_sender_certificate_name);
    if !typed_name.is_empty() {
        let (normalized, _) = normalize_tls_sender_name(typed_name);
        match DomainScope::parse(&normalized) {
            Ok(_) => {
                let mut name_notes = Vec::new();
                connector.set_tls_sender_certificate_name(typed_name, &mut name_notes);
                for n in name_notes {
                    note(&mut notes, n);
                }
            }
            Err(e) => problems.push(InputProblem::new(
                InputField::TlsSenderCertificateName,
                shown(typed_name),
                Message::new(e.reason_id()).arg("host", shown(&normalized)),
            )),
        }
    }
    let typed_ips: Vec<&str> = form
        .sender_ips
        .iter()
        .flat_map(|entry| entry.split([',', ';', '\n', '\r']))
        .map(clean)
        .filter(|ip| !ip.is_empty())
        .collect();
    if !typed_ips.is_empty() {
        connector.sender_ip_addresses.clear();
        for ip in typed_ips {
            match parse_sender_ip(ip) {
                Ok(net) => connector.sender_ip_addresses.push(net.to_string()),
                Err(reason) => {
                    problems.push(InputProblem::new(InputField::SenderIps, shown(ip), reason))
                }
            }
        }
    }
    if form.require_tls.is_some() {
        connector.require_tls = form.require_tls;
    }
    if form.restrict_domains_to_certificate.is_some() {
        connector.restrict_domains_to_certificate = form.restrict_domains_to_certificate;
    }
    let kind = clean(&form.connector_type);
    if !kind.is_empty() {
        connector.connector_type = Some(kind.to_string());
    }
    if form.enabled.is_some() {
        connector.enabled = form.enabled;
    }
    let typed_setting_problem = problems.iter().any(|p| {
        matches!(
            p.field,
            InputField::TlsSenderCertificateName | InputField::SenderIps
        )
    });
    if connector.tls_sender_certificate_name.is_none()
        && connector.sender_ip_addresses.is_empty()
        && !typed_setting_problem
        && !problems
            .iter()
            .any(|p| p.field == InputField::InboundConnectorJson)
    {
        problems.push(InputProblem::new(
            InputField::TlsSenderCertificateName,
            "",
            Message::new("input-no-connector-setting"),
        ));
    }

    // Accepted domains: typed ones are checked; the JSON's come from Exchange as they are.
    let mut accepted_domains: Vec<String> = Vec::new();
    for entry in &form.accepted_domains {
        for typed in split_host_list(entry) {
            let domain = typed.trim_start_matches("*.");
            match DomainScope::parse(domain) {
                Ok(_) => {
                    let domain = domain.to_ascii_lowercase();
                    if !accepted_domains.contains(&domain) {
                        accepted_domains.push(domain);
                    }
                }
                Err(e) => problems.push(InputProblem::new(
                    InputField::AcceptedDomains,
                    shown(&typed),
                    Message::new(e.reason_id()).arg("host", shown(&typed)),
                )),
            }
        }
    }
    if let Some(text) = &form.accepted_domains_json {
        match parse_accepted_domains_json(text) {
            Ok(domains) => {
                for d in domains {
                    if !accepted_domains.contains(&d) {
                        accepted_domains.push(d);
                    }
                }
            }
            Err(reason) => problems.push(InputProblem::new(
                InputField::AcceptedDomainsJson,
                "",
                reason,
            )),
        }
    }
    let sender_domain = clean(&form.sender_domain);
    let sender_domain = if sender_domain.is_empty() {
        None
    } else {
        match DomainScope::parse(sender_domain) {
            Ok(_) => Some(sender_domain.to_ascii_lowercase()),
            Err(e) => {
                problems.push(InputProblem::new(
                    InputField::SenderDomain,
                    shown(sender_domain),
                    Message::new(e.reason_id()).arg("host", shown(sender_domain)),
                ));
                None
            }
        }
    };
    let sending_ip = clean(&form.sending_ip);
    let sending_ip = if sending_ip.is_empty() {
        None
    } else {
        match sending_ip.parse::<IpAddr>() {
            Ok(ip) => Some(ip.to_string()),
            Err(_) => {
                problems.push(InputProblem::new(
                    InputField::SendingIp,
                    shown(sending_ip),
                    Message::new("input-bad-ip").arg("value", shown(sending_ip)),
                ));
                None
            }
        }
    };

    // Where the certificate is read from.
    let mut logs = Vec::new();
    for path in &form.logs {
        match clean_path(path) {
            Some(path) => logs.push(path),
            None => problems.push(InputProblem::new(
                InputField::Logs,
                "",
                Message::new("input-empty-path"),
            )),
        }
    }
    let cert_file = match &form.cert_file {
        Some(path) => {
            let cleaned = clean_path(path);
            if cleaned.is_none() {
                problems.push(InputProblem::new(
                    InputField::CertFile,
                    "",
                    Message::new("input-empty-path"),
                ));
            }
            cleaned
        }
        None => None,
    };
    let typed_host = clean(&form.live_host);
    let live_host = if typed_host.is_empty() {
        None
    } else {
        match parse_smart_host(typed_host) {
            Ok(host) => Some(host),
            Err(e) => {
                problems.push(InputProblem::new(
                    InputField::LiveHost,
                    shown(typed_host),
                    Message::new(e.reason_id()).arg("host", shown(typed_host)),
                ));
                None
            }
        }
    };
    // The evidence files: each one a path, cleaned like the others.
    let mut optional_path = |field: InputField, path: &Option<PathBuf>| match path {
        Some(path) => {
            let cleaned = clean_path(path);
            if cleaned.is_none() {
                problems.push(InputProblem::new(
                    field,
                    "",
                    Message::new("input-empty-path"),
                ));
            }
            cleaned
        }
        None => None,
    };
    let message_trace = optional_path(InputField::MessageTrace, &form.message_trace);
    let send_connector_json =
        optional_path(InputField::SendConnectorJson, &form.send_connector_json);
    let exchange_certificate_json = optional_path(
        InputField::ExchangeCertificateJson,
        &form.exchange_certificate_json,
    );
    let ndr_files: Vec<PathBuf> = form
        .ndr_files
        .iter()
        .filter_map(|p| clean_path(p))
        .collect();
    if ndr_files.len() != form.ndr_files.len() {
        problems.push(InputProblem::new(
            InputField::Ndr,
            "",
            Message::new("input-empty-path"),
        ));
    }
    let ndr_text = (!form.ndr_text.trim().is_empty()).then(|| form.ndr_text.clone());
    let any_evidence = !ndr_files.is_empty()
        || ndr_text.is_some()
        || message_trace.is_some()
        || send_connector_json.is_some()
        || exchange_certificate_json.is_some();
    let any_source_typed =
        !form.logs.is_empty() || form.cert_file.is_some() || !typed_host.is_empty() || any_evidence;
    if !any_source_typed {
        problems.push(InputProblem::new(
            InputField::Logs,
            "",
            Message::new("input-no-certificate-source"),
        ));
    }
    if form.timeout_secs == 0 || form.timeout_secs > MAX_TIMEOUT_SECS {
        problems.push(InputProblem::new(
            InputField::Timeout,
            form.timeout_secs.to_string(),
            Message::new("input-error-timeout").arg("max", MAX_TIMEOUT_SECS),
        ));
    }
    let typed_dns = clean(&form.dns_server);
    let dns_server = if typed_dns.is_empty() {
        None
    } else {
        let parsed = parse_dns_server(typed_dns);
        if parsed.is_none() {
            problems.push(InputProblem::new(
                InputField::DnsServer,
                shown(typed_dns),
                Message::new("input-error-dns-server"),
            ));
        }
        parsed
    };
    let send_connector = clean(&form.send_connector);

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Prepared {
        inputs: TenantInputs {
            connector,
            accepted_domains,
            sender_domain,
            sending_ip,
            send_connector: (!send_connector.is_empty()).then(|| send_connector.to_string()),
            logs,
            cert_file,
            live_host: live_host.as_ref().map(|h| h.input.clone()),
            ndr_files,
            ndr_text,
            message_trace,
            send_connector_json,
            exchange_certificate_json,
        },
        notes,
        live_host,
        timeout: Duration::from_secs(form.timeout_secs),
        dns_server,
    })
}

/// Raises its flag when dropped: the log reader on its blocking thread stops at its next block
/// when the run is cancelled or its task aborted, instead of finishing for nothing.
struct RaiseOnDrop(Arc<AtomicBool>);

impl Drop for RaiseOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Runs the diagnosis of a prepared form: reads the logs and the certificate file (on a blocking
/// thread), reads the live chain, and judges. A log folder with no session (of the chosen send
/// connector) and no other certificate source is a failure of that input: with nothing to read
/// there is nothing to judge, and a "pass" would be a lie.
pub async fn run(
    prepared: Prepared,
    cancel: CancellationToken,
    events: Arc<dyn TenantEvents>,
) -> TenantOutcome {
    tokio::select! {
        outcome = diagnose_prepared(prepared, events) => outcome,
        _ = cancel.cancelled() => TenantOutcome::Cancelled,
    }
}

async fn diagnose_prepared(prepared: Prepared, events: Arc<dyn TenantEvents>) -> TenantOutcome {
    let Prepared {
        inputs,
        notes,
        live_host,
        timeout,
        dns_server,
    } = prepared;
    events.send(TenantEvent::ReadingFiles);
    let stop = Arc::new(AtomicBool::new(false));
    let _stop_on_drop = RaiseOnDrop(stop.clone());
    let offline = inputs.clone();
    let gathered =
        tokio::task::spawn_blocking(move || gather_offline_until(&offline, Some(stop))).await;
    let mut evidence = match gathered {
        Ok(Ok(evidence)) => evidence,
        Ok(Err(err)) => return failed(err.field(), err.problem().clone(), Vec::new()),
        Err(_) => return TenantOutcome::Crashed,
    };
    evidence.notes.extend(notes);
    if let Some(host) = &live_host {
        events.send(TenantEvent::ConnectingLive);
        match crate::checks::probe_certificate(host, dns_server, timeout).await {
            Ok(chain) => evidence.live_chain = Some(chain),
            Err(problem) => return failed(InputField::LiveHost, problem, Vec::new()),
        }
    }
    if let Some(log) = &evidence.log
        && log.sessions == 0
        && evidence.file_chain.is_none()
        && evidence.live_chain.is_none()
    {
        let (field, problem) = match (&inputs.send_connector, log.connectors_seen.is_empty()) {
            (Some(name), false) => (
                InputField::SendConnector,
                Message::new("input-send-connector-not-found")
                    .arg("name", name)
                    .arg("seen", log.connectors_seen.join(", ")),
            ),
            _ => (InputField::Logs, Message::new("input-logs-no-session")),
        };
        return failed(field, problem, log.warnings.clone());
    }
    events.send(TenantEvent::Judging);
    let diagnosis = diagnose(&inputs, evidence, time::OffsetDateTime::now_utc());
    TenantOutcome::Diagnosis(Box::new(diagnosis))
}

fn failed(field: InputField, problem: Message, warnings: Vec<LogWarning>) -> TenantOutcome {
    TenantOutcome::Failed(TenantFailure {
        field,
        problem,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_windows_path_loses_its_quotes_and_a_blank_one_is_refused() {
        assert_eq!(
            clean_path(std::path::Path::new(" \"C:\\Logs\\SmtpSend\"\t")),
            Some(PathBuf::from("C:\\Logs\\SmtpSend"))
        );
        assert_eq!(clean_path(std::path::Path::new("  ")), None);
        let form = TenantForm {
            logs: vec![PathBuf::from(" ")],
            tls_sender_certificate_name: "mail.contoso.com".into(),
            ..TenantForm::default()
        };
        let problems = prepare(&form).expect_err("blank path");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, InputField::Logs);
        assert_eq!(problems[0].reason.id, "input-empty-path");
    }
}
