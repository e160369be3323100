//! Checks everything the user typed before a single packet leaves the machine. A request that
//! does not pass here is never run: the problems name the field and the reason.

use std::net::SocketAddr;
use std::time::Duration;

use rustls::RootCertStore;
use serde::Serialize;

use super::email::{TestAddress, in_scope, parse_test_address};
use super::tls::build_roots;
use super::types::{FailureCode, Message, Status, StepKind, StepResult};
use crate::model::{
    CheckRequest, DomainScope, HostTarget, MAX_TIMEOUT_SECS, SMTP_PORT, SmartHost, TlsPolicy,
    normalize_host_name, parse_dns_server, parse_smart_host,
};

/// What to resolve for one line of the results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostPlan {
    /// A smart host as typed.
    Smart(SmartHost),
    /// `UseMXRecord`: the MX of the test address's domain.
    MxOf(String),
}

impl HostPlan {
    /// The label of the host in results: what the user typed, or the domain in MX mode.
    pub fn label(&self) -> String {
        match self {
            HostPlan::Smart(host) => host.input.clone(),
            HostPlan::MxOf(domain) => domain.clone(),
        }
    }
}

/// A request that passed every input check, ready to run.
pub struct Prepared {
    pub hosts: Vec<HostPlan>,
    pub address: Option<TestAddress>,
    pub address_in_scope: bool,
    /// `RecipientDomains` as listed, for messages.
    pub recipient_domains_display: String,
    pub mail_from: String,
    pub policy: TlsPolicy,
    pub tls_domain: String,
    pub dns_server: Option<SocketAddr>,
    pub roots: RootCertStore,
    pub timeout: Duration,
    pub send_test_message: bool,
    pub concurrency: usize,
    pub mx_port: u16,
}

/// One thing wrong with the input. `field` is the CLI option name without dashes
/// (`host`, `test-address`…), which the GUI maps to its pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputProblem {
    pub field: &'static str,
    pub value: String,
    pub reason: Message,
}

/// The problems, and the steps they stand for in a result (`resolve.invalid-host`,
/// `email.invalid-address`), so a JSON consumer sees them like any other failure.
#[derive(Clone, Debug, Default)]
pub struct InputErrors {
    pub problems: Vec<InputProblem>,
    pub steps: Vec<StepResult>,
}

fn failed_step(
    host: Option<String>,
    step: StepKind,
    code: FailureCode,
    detail: Message,
) -> StepResult {
    let mut result = StepResult::new(host, None, step);
    result.status = Status::Fail;
    result.code = Some(code);
    result.detail = detail;
    result
}

/// Validates the request. Reads the CA file (local), never the network.
pub fn prepare(request: &CheckRequest) -> Result<Prepared, InputErrors> {
    let connector = &request.connector;
    let options = &request.options;
    let mut problems: Vec<InputProblem> = Vec::new();
    let mut problem = |field: &'static str, value: &str, reason: Message| {
        problems.push(InputProblem {
            field,
            value: value.to_string(),
            reason,
        });
    };

    // Smart hosts.
    let mut hosts = Vec::new();
    let mut host_steps = Vec::new();
    if !connector.use_mx_record {
        for raw in connector
            .smart_hosts
            .iter()
            .filter(|h| !h.trim().is_empty())
        {
            match parse_smart_host(raw) {
                Ok(host) => {
                    if !hosts.iter().any(|h| h == &HostPlan::Smart(host.clone())) {
                        hosts.push(HostPlan::Smart(host));
                    }
                }
                Err(e) => {
                    let reason = Message::new(e.reason_id()).arg("host", raw.trim());
                    problem("host", raw.trim(), reason.clone());
                    host_steps.push(failed_step(
                        Some(raw.trim().to_string()),
                        StepKind::Resolve,
                        FailureCode::ResolveInvalidHost,
                        reason,
                    ));
                }
            }
        }
    }

    // Test address and scope.
    let mut address = None;
    let mut address_step = None;
    if !connector.test_address.trim().is_empty() || connector.test_address.contains(['\r', '\n']) {
        match parse_test_address(&connector.test_address) {
            Ok(a) => address = Some(a),
            Err(reason) => {
                let shown = crate::sanitize::visible(&connector.test_address);
                let message = Message::new(reason.reason_id()).arg("address", &shown);
                problem("test-address", &shown, message.clone());
                address_step = Some(failed_step(
                    None,
                    StepKind::TestEmail,
                    FailureCode::EmailInvalidAddress,
                    message,
                ));
            }
        }
    }
    if connector.uses_mx() {
        match &address {
            Some(a) => hosts.push(HostPlan::MxOf(a.domain.clone())),
            None if address_step.is_none() => problem(
                "test-address",
                "",
                Message::new("input-error-mx-needs-address"),
            ),
            None => {}
        }
    }

    for raw in connector
        .recipient_domains
        .iter()
        .filter(|d| !d.trim().is_empty())
    {
        if let Err(e) = DomainScope::parse(raw) {
            problem(
                "recipient-domain",
                raw.trim(),
                Message::new(e.reason_id()).arg("host", raw.trim()),
            );
        }
    }
    let address_in_scope = address
        .as_ref()
        .is_none_or(|a| in_scope(&a.domain, &connector.recipient_domains));

    // TLS domain.
    let tls_domain = connector.tls_domain.trim().to_string();
    if connector.tls_settings == TlsPolicy::DomainValidation && tls_domain.is_empty() {
        problem(
            "tls-domain",
            "",
            Message::new("input-error-tls-domain-required"),
        );
    } else if !tls_domain.is_empty() {
        let base = tls_domain.strip_prefix("*.").unwrap_or(&tls_domain);
        if let Err(e) = normalize_host_name(base) {
            problem(
                "tls-domain",
                &tls_domain,
                Message::new(e.reason_id()).arg("host", &tls_domain),
            );
        }
    }

    // Envelope sender.
    let mail_from = connector
        .mail_from
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>');
    let mail_from = if mail_from.is_empty() && !connector.mail_from.contains(['\r', '\n']) {
        String::new()
    } else {
        match parse_test_address(&connector.mail_from.replace(['<', '>'], "")) {
            Ok(a) => a.smtp_form(),
            Err(reason) => {
                let shown = crate::sanitize::visible(&connector.mail_from);
                problem(
                    "mail-from",
                    &shown,
                    Message::new(reason.reason_id()).arg("address", &shown),
                );
                String::new()
            }
        }
    };

    // How to run.
    let dns_server = if options.dns_server.trim().is_empty() {
        None
    } else {
        match parse_dns_server(&options.dns_server) {
            Some(addr) => Some(addr),
            None => {
                problem(
                    "dns-server",
                    options.dns_server.trim(),
                    Message::new("input-error-dns-server"),
                );
                None
            }
        }
    };
    if options.timeout_secs == 0 || options.timeout_secs > MAX_TIMEOUT_SECS {
        problem(
            "timeout",
            &options.timeout_secs.to_string(),
            Message::new("input-error-timeout").arg("max", MAX_TIMEOUT_SECS),
        );
    }
    let roots = match build_roots(options) {
        Ok(roots) => Some(roots),
        Err(reason) => {
            let field = if options.ca_file.is_some() {
                "ca-file"
            } else {
                "os-trust-store"
            };
            let value = options
                .ca_file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            problem(field, &value, reason);
            None
        }
    };

    if hosts.is_empty() && host_steps.is_empty() && address_step.is_none() {
        problem("host", "", Message::new("input-error-nothing-to-check"));
    }

    let mut errors = InputErrors {
        problems,
        steps: host_steps,
    };
    errors.steps.extend(address_step);
    match roots {
        Some(roots) if errors.problems.is_empty() => Ok(Prepared {
            hosts,
            address,
            address_in_scope,
            recipient_domains_display: connector
                .recipient_domains
                .iter()
                .map(|d| d.trim())
                .filter(|d| !d.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            mail_from,
            policy: connector.tls_settings,
            tls_domain,
            dns_server,
            roots,
            timeout: Duration::from_secs(options.timeout_secs),
            send_test_message: options.send_test_message,
            concurrency: options.concurrency.clamp(1, 64),
            mx_port: options.mx_port.unwrap_or(SMTP_PORT),
        }),
        _ => Err(errors),
    }
}

/// The name a TLS handshake announces (SNI) for a target.
pub fn server_name_for(name: &str) -> Option<rustls_pki_types::ServerName<'static>> {
    rustls_pki_types::ServerName::try_from(name.trim_end_matches('.').to_string()).ok()
}

/// Is this smart host an IP literal (no DNS needed)?
pub fn literal_ip(host: &SmartHost) -> Option<std::net::IpAddr> {
    match host.target {
        HostTarget::Ip(ip) => Some(ip),
        HostTarget::Name(_) => None,
    }
}
