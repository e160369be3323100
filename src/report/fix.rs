//! Fix commands: the exact PowerShell for a failure, filled with this run's values (connector
//! names, the certificate's names and thumbprint), built here once for every face (wizard,
//! terminal, HTML, Markdown, JSON). Every value is one single-quoted string
//! ([`crate::powershell::quote`]), so nothing from a server, a log or a paste is ever run.
//!
//! Sources (Microsoft Learn): "Set-OutboundConnector" (`-TlsDomain`, `-RecipientDomains`,
//! `-TlsSettings`), "Set-InboundConnector" (`-TlsSenderCertificateName`, `-SenderIPAddresses`,
//! `-Enabled`, `-ConnectorType`), "Set-SendConnector" (`-TlsCertificateName` takes
//! `"<I>X.500Issuer<S>X.500Subject"`), "Enable-ExchangeCertificate" (`-Thumbprint … -Services
//! SMTP`), "Get-ExchangeCertificate", and "Modify multivalued properties" (`@{Add=…}` adds one
//! value to a list such as `RecipientDomains` without replacing it).
//!
//! A command is offered only when every value in it is known from this run: a command with a
//! placeholder would fail, or worse, change the wrong object, when pasted as it is.

use serde::{Deserialize, Serialize};

use crate::checks::{FailureCode, Status, StepResult};
use crate::model::{CheckRequest, TlsPolicy};
use crate::powershell::quote;
use crate::tenant::{CertificateSource, Diagnosis, Finding, Severity, findings};

/// One command to copy, with what it does (a fluent id, worded at the edge).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixCommand {
    /// Fluent id of the one-line purpose shown above the command.
    pub purpose_id: String,
    /// The PowerShell, one line (for DANE, the DNS record to publish, in zone-file form).
    pub command: String,
}

impl FixCommand {
    fn new(purpose_id: &str, command: String) -> FixCommand {
        FixCommand {
            purpose_id: purpose_id.to_string(),
            command,
        }
    }
}

/// The TLSA records that would make DANE pass: for a host whose published records match
/// nothing, the `3 1 1` record of the certificate it presented in this run; for a renewal
/// pre-flight that is not ready, the next certificate's (to publish beside the current one until
/// the new certificate is live). In zone-file form, the one thing every DNS host accepts.
fn tlsa_records_to_publish(
    security: &crate::checks::domain_security::DomainSecurity,
) -> Vec<FixCommand> {
    let record = |name: &str, value: &str| {
        format!(
            "{}. IN TLSA {}",
            crate::sanitize::visible_cut(name.trim_end_matches('.'), 255),
            crate::sanitize::visible_cut(value, 200)
        )
    };
    let mut out = Vec::new();
    for host in &security.hosts {
        match host.code {
            Some(FailureCode::DaneMismatch) => {
                if let Some(value) = &host.presented_tlsa {
                    out.push(FixCommand::new(
                        "fix-publish-tlsa",
                        record(&host.tlsa_name, value),
                    ));
                }
            }
            Some(FailureCode::DaneRenewalNotReady) => {
                if let Some(value) = &host.next_certificate_tlsa {
                    out.push(FixCommand::new(
                        "fix-publish-next-tlsa",
                        record(&host.tlsa_name, value),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

fn non_empty(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// The name to put in `TlsDomain` so that the certificate the server presented matches: the
/// smart host's own name when the certificate carries it, else a wildcard name (TlsDomain takes
/// `*.contoso.com`), else its first DNS name.
fn tls_domain_for(step: &StepResult) -> Option<String> {
    let cert = step.certificate()?;
    let names: Vec<&String> = cert
        .sans
        .iter()
        .chain(cert.common_names.iter())
        .filter(|n| n.parse::<std::net::IpAddr>().is_err() && !n.trim().is_empty())
        .collect();
    let host = step.host.as_deref().map(|h| {
        h.rsplit_once(':')
            .map_or(h, |(name, _)| name)
            .to_ascii_lowercase()
    });
    names
        .iter()
        .find(|n| Some(n.to_ascii_lowercase()) == host)
        .or_else(|| names.iter().find(|n| n.starts_with("*.")))
        .or_else(|| names.first())
        .map(|n| n.to_string())
}

/// The commands for one step of a check, when it failed and a command fixes it.
pub fn check_fixes(request: &CheckRequest, step: &StepResult) -> Vec<FixCommand> {
    let Some(code) = step.code else {
        return Vec::new();
    };
    // A renewal pre-flight that is not ready is a warning, and so is a DANE mismatch on one MX
    // host while another passes: their fix is the record to publish.
    let dane_warning = matches!(
        code,
        FailureCode::DaneRenewalNotReady | FailureCode::DaneMismatch
    );
    if step.status != Status::Fail && !(step.status == Status::Warn && dane_warning) {
        return Vec::new();
    }
    let connector = non_empty(&request.connector.name).map(quote);
    let mut out = Vec::new();
    if let Some(security) = &step.domain_security {
        out.extend(tlsa_records_to_publish(security));
    }
    match code {
        FailureCode::TlsNameMismatch => {
            if let (Some(connector), Some(name)) = (&connector, tls_domain_for(step)) {
                out.push(FixCommand::new(
                    "fix-set-tls-domain",
                    format!(
                        "Set-OutboundConnector -Identity {connector} -TlsDomain {}",
                        quote(&name)
                    ),
                ));
            }
        }
        FailureCode::TlsExpired
        | FailureCode::TlsNotYetValid
        | FailureCode::TlsSelfSigned
        | FailureCode::TlsUntrustedIssuer => {
            if let Some(cert) = step.certificate()
                && let Some(thumbprint) = non_empty(&cert.sha1_thumbprint)
            {
                out.push(FixCommand::new(
                    "fix-find-certificate",
                    format!(
                        "Get-ExchangeCertificate -Thumbprint {} | Format-List Thumbprint,Subject,Issuer,CertificateDomains,NotBefore,NotAfter,Services",
                        quote(thumbprint)
                    ),
                ));
            }
        }
        FailureCode::EmailOutOfScope => {
            let domain = request
                .connector
                .test_address
                .rsplit_once('@')
                .and_then(|(_, d)| non_empty(d));
            if let (Some(connector), Some(domain)) = (&connector, domain) {
                out.push(FixCommand::new(
                    "fix-add-recipient-domain",
                    format!(
                        "Set-OutboundConnector -Identity {connector} -RecipientDomains @{{Add={}}}",
                        quote(&domain.to_ascii_lowercase())
                    ),
                ));
            }
        }
        FailureCode::EmailTlsRequired
            if request.connector.tls_settings == TlsPolicy::Opportunistic =>
        {
            if let Some(connector) = &connector {
                out.push(FixCommand::new(
                    "fix-require-tls",
                    format!(
                        "Set-OutboundConnector -Identity {connector} -TlsSettings EncryptionOnly"
                    ),
                ));
            }
        }
        _ => {}
    }
    out
}

/// An X.500 name as Exchange writes it (`CN=…, O=…, C=…`, most specific first): x509-parser
/// writes the relative names in certificate order (`C=…, O=…, CN=…`). A part that does not start
/// with `ATTRIBUTE=` belongs to the value before it (a comma inside a value).
fn exchange_x500(name: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in name.split(", ") {
        let starts_attribute = part.split_once('=').is_some_and(|(attr, _)| {
            !attr.is_empty() && attr.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        });
        match parts.last_mut() {
            Some(last) if !starts_attribute => {
                last.push_str(", ");
                last.push_str(part);
            }
            _ => parts.push(part.to_string()),
        }
    }
    parts.reverse();
    parts.join(", ")
}

/// The commands for one finding of the 5.7.64 diagnosis.
pub fn tenant_fixes(diagnosis: &Diagnosis, finding: &Finding) -> Vec<FixCommand> {
    if finding.severity == Severity::Info {
        return Vec::new();
    }
    let inputs = &diagnosis.inputs;
    let connector = inputs
        .connector
        .name
        .as_deref()
        .and_then(non_empty)
        .map(quote);
    let send_connector = inputs
        .send_connector
        .as_deref()
        .and_then(non_empty)
        .map(quote);
    let cert = diagnosis.certificate.as_ref();
    let mut out = Vec::new();
    let set_name = |connector: &str, name: &str| {
        FixCommand::new(
            "fix-set-tls-sender-certificate-name",
            format!(
                "Set-InboundConnector -Identity {connector} -TlsSenderCertificateName {}",
                quote(name)
            ),
        )
    };
    match finding.code.as_str() {
        findings::NAME_MISMATCH => {
            if let (Some(connector), Some(name)) =
                (&connector, cert.and_then(crate::tenant::suggested_setting))
            {
                out.push(set_name(connector, &name));
            }
        }
        findings::CHANGED => {
            let to = finding.detail.args.get("to_thumbprint");
            let from = finding.detail.args.get("from_thumbprint");
            let new_cert = diagnosis
                .certificates
                .iter()
                .find(|c| Some(&c.thumbprint) == to);
            if let (Some(connector), Some(name)) = (
                &connector,
                new_cert.and_then(crate::tenant::suggested_setting),
            ) {
                out.push(set_name(connector, &name));
            }
            if let Some(from) = from.map(String::as_str).and_then(non_empty) {
                out.push(FixCommand::new(
                    "fix-enable-old-certificate",
                    format!(
                        "Enable-ExchangeCertificate -Thumbprint {} -Services SMTP",
                        quote(from)
                    ),
                ));
            }
        }
        findings::IP_NOT_LISTED => {
            // The diagnosis already quoted the full list (the ones there plus the new one).
            if let (Some(connector), Some(addresses)) =
                (&connector, finding.guidance.args.get("addresses"))
            {
                out.push(FixCommand::new(
                    "fix-sender-ip-addresses",
                    format!(
                        "Set-InboundConnector -Identity {connector} -SenderIPAddresses {addresses}"
                    ),
                ));
            }
        }
        findings::NO_CERTIFICATE_SENT => {
            // Only a certificate read from a file or from the server itself: the logs of a
            // server that sends none name no certificate to assign.
            if let Some(cert) = cert
                && diagnosis.certificate_source != Some(CertificateSource::Logs)
            {
                if let Some(thumbprint) = non_empty(&cert.thumbprint) {
                    out.push(FixCommand::new(
                        "fix-enable-certificate",
                        format!(
                            "Enable-ExchangeCertificate -Thumbprint {} -Services SMTP",
                            quote(thumbprint)
                        ),
                    ));
                }
                if let (Some(send), Some(issuer), Some(subject)) = (
                    &send_connector,
                    non_empty(&cert.issuer),
                    non_empty(&cert.subject),
                ) {
                    let value =
                        format!("<I>{}<S>{}", exchange_x500(issuer), exchange_x500(subject));
                    out.push(FixCommand::new(
                        "fix-send-connector-certificate",
                        format!(
                            "Set-SendConnector -Identity {send} -TlsCertificateName {}",
                            quote(&value)
                        ),
                    ));
                }
            }
        }
        findings::CONNECTOR_DISABLED => {
            if let Some(connector) = &connector {
                out.push(FixCommand::new(
                    "fix-enable-connector",
                    format!("Set-InboundConnector -Identity {connector} -Enabled $true"),
                ));
            }
        }
        findings::CONNECTOR_NOT_ON_PREMISES => {
            if let Some(connector) = &connector {
                out.push(FixCommand::new(
                    "fix-connector-on-premises",
                    format!("Set-InboundConnector -Identity {connector} -ConnectorType OnPremises"),
                ));
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{StepKind, TlsSession};
    use crate::report::samples::{OLD_THUMBPRINT, sample_certificate, sample_connector};

    fn failed_tls(code: FailureCode, host: &str, sans: &[&str]) -> StepResult {
        let mut step = StepResult::new(
            Some(host.into()),
            Some("192.0.2.10:25".into()),
            StepKind::Tls,
        );
        step.status = Status::Fail;
        step.code = Some(code);
        let mut cert = sample_certificate(OLD_THUMBPRINT, "2025-06-30T23:59:59Z");
        cert.sans = sans.iter().map(|s| s.to_string()).collect();
        cert.common_names = Vec::new();
        step.tls = Some(TlsSession {
            chain: vec![cert],
            ..TlsSession::default()
        });
        step
    }

    fn request(name: &str) -> CheckRequest {
        let mut connector = sample_connector();
        connector.name = name.to_string();
        CheckRequest {
            connector,
            ..CheckRequest::default()
        }
    }

    #[test]
    fn name_mismatch_sets_tls_domain_to_a_name_the_certificate_carries() {
        let step = failed_tls(
            FailureCode::TlsNameMismatch,
            "mail.contoso.com",
            &["smtp.contoso.com", "*.contoso.net"],
        );
        let fixes = check_fixes(&request("Contoso outbound"), &step);
        assert_eq!(
            fixes[0].command,
            "Set-OutboundConnector -Identity 'Contoso outbound' -TlsDomain '*.contoso.net'"
        );
    }

    #[test]
    fn expired_certificate_is_found_by_this_runs_thumbprint() {
        let step = failed_tls(
            FailureCode::TlsExpired,
            "mail.contoso.com",
            &["mail.contoso.com"],
        );
        let fixes = check_fixes(&request("x"), &step);
        assert!(
            fixes[0].command.starts_with(&format!(
                "Get-ExchangeCertificate -Thumbprint '{OLD_THUMBPRINT}' |"
            )),
            "{fixes:?}"
        );
    }

    #[test]
    fn hostile_values_stay_inside_one_quoted_string() {
        let hostile = "x'; Remove-Item -Recurse C:\\ # \u{2019}$(whoami)";
        let step = failed_tls(FailureCode::TlsNameMismatch, "mail.contoso.com", &[hostile]);
        let fixes = check_fixes(&request(hostile), &step);
        let quoted = quote(hostile);
        assert_eq!(
            fixes[0].command,
            format!("Set-OutboundConnector -Identity {quoted} -TlsDomain {quoted}")
        );
        // Every quote inside is doubled: an even number of them, then the closing one.
        assert!(
            quoted.contains("x''; Remove-Item") && quoted.contains("\u{2019}\u{2019}$(whoami)")
        );
    }

    #[test]
    fn no_command_without_a_connector_name_or_for_a_pass() {
        let step = failed_tls(
            FailureCode::TlsNameMismatch,
            "mail.contoso.com",
            &["a.contoso.com"],
        );
        assert!(check_fixes(&request("  "), &step).is_empty());
        let mut passed = step.clone();
        passed.status = Status::Pass;
        assert!(check_fixes(&request("c"), &passed).is_empty());
    }

    #[test]
    fn out_of_scope_adds_the_domain_without_replacing_the_list() {
        let mut step = StepResult::new(None, None, StepKind::TestEmail);
        step.status = Status::Fail;
        step.code = Some(FailureCode::EmailOutOfScope);
        let mut req = request("Contoso");
        req.connector.test_address = "jane@Fabrikam.com".into();
        assert_eq!(
            check_fixes(&req, &step)[0].command,
            "Set-OutboundConnector -Identity 'Contoso' -RecipientDomains @{Add='fabrikam.com'}"
        );
    }

    #[test]
    fn x500_names_are_written_most_specific_first() {
        assert_eq!(
            exchange_x500("C=US, O=Let's Encrypt, CN=R3"),
            "CN=R3, O=Let's Encrypt, C=US"
        );
        assert_eq!(
            exchange_x500("C=FR, O=Contoso, Inc., CN=mail.contoso.com"),
            "CN=mail.contoso.com, O=Contoso, Inc., C=FR"
        );
    }
}
