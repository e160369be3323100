//! Checks everything the user typed before a single packet leaves the machine. A request that
//! does not pass here is never run: the problems name the field and the reason.

use std::net::SocketAddr;
use std::time::Duration;

use rustls::RootCertStore;

use super::email::{TestAddress, in_scope, parse_test_address};
use super::tls::build_roots;
use super::types::{FailureCode, Message, Status, StepKind, StepResult};
use crate::input::clean;
pub use crate::input::{InputField, InputProblem};
use crate::model::{
    CheckOptions, CheckRequest, DomainScope, HostTarget, MAX_TIMEOUT_SECS, SMTP_PORT, SmartHost,
    TlsPolicy, normalize_host_name, parse_dns_server, parse_smart_host,
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

/// A request that passed every input check, ready to run (with the trust roots, loaded apart by
/// [`load_trust_roots`]).
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The request as given, for the report.
    pub request: CheckRequest,
    pub hosts: Vec<HostPlan>,
    pub address: Option<TestAddress>,
    pub address_in_scope: bool,
    /// `RecipientDomains` as listed, for messages.
    pub recipient_domains_display: String,
    pub mail_from: String,
    pub policy: TlsPolicy,
    pub tls_domain: String,
    pub dns_server: Option<SocketAddr>,
    pub timeout: Duration,
    pub send_test_message: bool,
    pub concurrency: usize,
    pub mx_port: u16,
    /// The domain-security step's inputs when it runs ([`super::load_domain_security`]).
    pub domain_security: Option<super::domain_security::DomainSecurityInputs>,
}

/// The problems, and the steps they stand for in a result (`resolve.invalid-host`,
/// `email.invalid-address`), so a JSON consumer sees them like any other failure.
#[derive(Clone, Debug, Default)]
pub struct InputErrors {
    pub problems: Vec<InputProblem>,
    pub steps: Vec<StepResult>,
}

impl InputErrors {
    /// Adds a problem that stands for no step (the trust store, for one).
    pub fn push(&mut self, problem: InputProblem) {
        self.problems.push(problem);
    }
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

/// Checks every input of the request and returns the run it describes, or every problem at once.
/// Pure: no file, no network, no clock — the wizard calls it on every frame, as the user types.
/// The trust store (the only input that needs reading files) is [`load_trust_roots`].
///
/// White space around every value is dropped ([`crate::input::clean`]); a list entry that is
/// blank after that (`--host ""`) is a problem of its field, never a silent switch to MX mode.
pub fn prepare(request: &CheckRequest) -> Result<Prepared, InputErrors> {
    let connector = &request.connector;
    let options = &request.options;
    let mut problems: Vec<InputProblem> = Vec::new();
    let mut problem = |field: InputField, value: &str, reason: Message| {
        problems.push(InputProblem::new(field, value, reason));
    };

    // Smart hosts.
    let mut hosts = Vec::new();
    let mut host_steps = Vec::new();
    if !connector.use_mx_record {
        if connector.smart_hosts.is_empty() {
            problem(
                InputField::SmartHosts,
                "",
                Message::new("input-error-no-smart-host"),
            );
        }
        for raw in &connector.smart_hosts {
            let typed = clean(raw);
            match parse_smart_host(typed) {
                Ok(host) => {
                    if !hosts.iter().any(|h| h == &HostPlan::Smart(host.clone())) {
                        hosts.push(HostPlan::Smart(host));
                    }
                }
                Err(e) => {
                    let shown = crate::sanitize::shown(typed);
                    let reason = Message::new(e.reason_id()).arg("host", &shown);
                    problem(InputField::SmartHosts, &shown, reason.clone());
                    host_steps.push(failed_step(
                        Some(shown),
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
    let typed_address = clean(&connector.test_address);
    if !typed_address.is_empty() {
        match parse_test_address(typed_address) {
            Ok(a) => address = Some(a),
            Err(reason) => {
                let shown = crate::sanitize::shown(typed_address);
                let message = Message::new(reason.reason_id()).arg("address", &shown);
                problem(InputField::TestAddress, &shown, message.clone());
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
                InputField::TestAddress,
                "",
                Message::new("input-error-mx-needs-address"),
            ),
            None => {}
        }
    }

    for raw in &connector.recipient_domains {
        let typed = clean(raw);
        if let Err(e) = DomainScope::parse(typed) {
            let shown = crate::sanitize::shown(typed);
            problem(
                InputField::RecipientDomains,
                &shown,
                Message::new(e.reason_id()).arg("host", &shown),
            );
        }
    }
    let address_in_scope = address
        .as_ref()
        .is_none_or(|a| in_scope(&a.domain, &connector.recipient_domains));

    // TLS domain.
    let tls_domain = clean(&connector.tls_domain).to_string();
    if connector.tls_settings == TlsPolicy::DomainValidation && tls_domain.is_empty() {
        problem(
            InputField::TlsDomain,
            "",
            Message::new("input-error-tls-domain-required"),
        );
    } else if !tls_domain.is_empty() {
        let base = tls_domain.strip_prefix("*.").unwrap_or(&tls_domain);
        if let Err(e) = normalize_host_name(base) {
            let shown = crate::sanitize::shown(&tls_domain);
            problem(
                InputField::TlsDomain,
                &shown,
                Message::new(e.reason_id()).arg("host", &shown),
            );
        }
    }

    // Envelope sender: empty is the null reverse-path `<>`.
    let typed_from = clean(&connector.mail_from);
    let bare_from = typed_from.trim_start_matches('<').trim_end_matches('>');
    let mail_from = if bare_from.is_empty() {
        String::new()
    } else {
        match parse_test_address(bare_from) {
            Ok(a) => a.smtp_form(),
            Err(reason) => {
                let shown = crate::sanitize::shown(typed_from);
                problem(
                    InputField::MailFrom,
                    &shown,
                    Message::new(reason.reason_id()).arg("address", &shown),
                );
                String::new()
            }
        }
    };

    // How to run.
    let typed_dns = clean(&options.dns_server);
    let dns_server = if typed_dns.is_empty() {
        None
    } else {
        match parse_dns_server(typed_dns) {
            Some(addr) => Some(addr),
            None => {
                let shown = crate::sanitize::shown(typed_dns);
                problem(
                    InputField::DnsServer,
                    &shown,
                    Message::new("input-error-dns-server"),
                );
                None
            }
        }
    };
    if options.timeout_secs == 0 || options.timeout_secs > MAX_TIMEOUT_SECS {
        problem(
            InputField::Timeout,
            &options.timeout_secs.to_string(),
            Message::new("input-error-timeout").arg("max", MAX_TIMEOUT_SECS),
        );
    }
    if options.mx_port == Some(0) {
        problem(InputField::MxPort, "0", Message::new("host-error-bad-port"));
    }

    // Unreachable with today's rules (no smart host means MX mode), kept so that a run with
    // nothing to check can never pass silently.
    if hosts.is_empty() && host_steps.is_empty() && address_step.is_none() && problems.is_empty() {
        problems.push(InputProblem::new(
            InputField::SmartHosts,
            "",
            Message::new("input-error-nothing-to-check"),
        ));
    }

    let mut steps = host_steps;
    steps.extend(address_step);
    if !problems.is_empty() {
        return Err(InputErrors { problems, steps });
    }
    Ok(Prepared {
        request: request.clone(),
        hosts,
        address,
        address_in_scope,
        recipient_domains_display: connector
            .recipient_domains
            .iter()
            .map(|d| clean(d))
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        mail_from,
        policy: connector.tls_settings,
        tls_domain,
        dns_server,
        timeout: Duration::from_secs(options.timeout_secs),
        send_test_message: options.send_test_message,
        concurrency: options.concurrency.clamp(1, 64),
        mx_port: options.mx_port.unwrap_or(SMTP_PORT),
        domain_security: None,
    })
}

/// The trust anchors of a run, read once: Mozilla's roots, plus the `--ca-file`, plus the
/// operating system's store when asked. The faces call it once per run, beside [`prepare`].
pub fn load_trust_roots(options: &CheckOptions) -> Result<RootCertStore, InputProblem> {
    build_roots(options).map_err(|reason| match &options.ca_file {
        Some(path) if !reason.id.starts_with("input-error-os") => {
            InputProblem::new(InputField::CaFile, path.display().to_string(), reason)
        }
        _ => InputProblem::new(InputField::OsTrustStore, "", reason),
    })
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
