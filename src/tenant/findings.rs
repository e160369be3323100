//! Findings of the 5.7.64 diagnosis: stable codes, severities, and the certificate chain test.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::cert::CertificateInfo;
use crate::checks::{Message, guidance_id};

pub const NAME_MISMATCH: &str = "attribution.certificate-name-mismatch";
pub const EXPIRED: &str = "attribution.certificate-expired";
pub const CHANGED: &str = "attribution.certificate-changed";
pub const DOMAIN_NOT_ACCEPTED: &str = "attribution.domain-not-accepted";
pub const IP_NOT_LISTED: &str = "attribution.ip-not-listed";
pub const NO_CERTIFICATE_SENT: &str = "attribution.no-certificate-sent";
pub const CHAIN_INCOMPLETE: &str = "attribution.chain-incomplete";
pub const CONNECTOR_NOT_ON_PREMISES: &str = "attribution.connector-not-on-premises";
pub const CONNECTOR_DISABLED: &str = "attribution.connector-disabled";
// Evidence from send connector / certificate JSON and message traces (src/tenant/evidence.rs).
pub const SEND_CONNECTOR_CERTIFICATE_UNSET: &str = "attribution.send-connector-certificate-unset";
pub const SEND_CONNECTOR_CERTIFICATE_NOT_FOUND: &str =
    "attribution.send-connector-certificate-not-found";
pub const SEND_CONNECTOR_CERTIFICATE_UNUSABLE: &str =
    "attribution.send-connector-certificate-unusable";
pub const SEND_CONNECTOR_CERTIFICATE_NOT_SMTP: &str =
    "attribution.send-connector-certificate-not-smtp";
pub const SEND_CONNECTOR_CERTIFICATE_NAME_MISMATCH: &str =
    "attribution.send-connector-certificate-name-mismatch";
pub const SEND_CONNECTOR_RENEWAL_RISK: &str = "attribution.send-connector-renewal-risk";
pub const TRACE_IP_NOT_LISTED: &str = "attribution.trace-ip-not-listed";
// Attribution as Microsoft documents it (per session, per server).
pub const IPV6_SENDER: &str = "attribution.ipv6-sender";
pub const CERTIFICATE_NOT_FOUND: &str = "attribution.certificate-not-found";
pub const SENDER_DOMAIN_NOT_ACCEPTED: &str = "attribution.sender-domain-not-accepted";

/// Every code the diagnosis can produce; each has `guide-…` guidance in both languages.
pub const FINDING_CODES: &[&str] = &[
    NAME_MISMATCH,
    EXPIRED,
    CHANGED,
    DOMAIN_NOT_ACCEPTED,
    IP_NOT_LISTED,
    NO_CERTIFICATE_SENT,
    CHAIN_INCOMPLETE,
    CONNECTOR_NOT_ON_PREMISES,
    CONNECTOR_DISABLED,
    // Evidence from send connector / certificate JSON and message traces.
    SEND_CONNECTOR_CERTIFICATE_UNSET,
    SEND_CONNECTOR_CERTIFICATE_NOT_FOUND,
    SEND_CONNECTOR_CERTIFICATE_UNUSABLE,
    SEND_CONNECTOR_CERTIFICATE_NOT_SMTP,
    SEND_CONNECTOR_CERTIFICATE_NAME_MISMATCH,
    SEND_CONNECTOR_RENEWAL_RISK,
    TRACE_IP_NOT_LISTED,
    // Attribution as Microsoft documents it (per session, per server).
    IPV6_SENDER,
    CERTIFICATE_NOT_FOUND,
    SENDER_DOMAIN_NOT_ACCEPTED,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Explains (or would cause) the 5.7.64: the verdict fails.
    Fail,
    /// Worth fixing or checking; does not fail the verdict on its own.
    Warn,
    /// A fact for the technician.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Fail => "fail",
            Severity::Warn => "warn",
            Severity::Info => "info",
        }
    }

    /// Fluent id of the label.
    pub fn label_id(self) -> &'static str {
        match self {
            Severity::Fail => "tenant-severity-fail",
            Severity::Warn => "tenant-severity-warn",
            Severity::Info => "tenant-severity-info",
        }
    }
}

/// One finding: what was found (`detail`) and what to change (`guidance`, id `guide-<code>`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub detail: Message,
    pub guidance: Message,
}

impl Finding {
    pub fn new(code: &str, severity: Severity, detail: Message) -> Finding {
        Finding {
            code: code.to_string(),
            severity,
            detail,
            guidance: Message::new(&guidance_id(code)),
        }
    }

    pub fn guide_arg(mut self, name: &str, value: impl ToString) -> Finding {
        self.guidance = self.guidance.arg(name, value);
        self
    }
}

/// Subjects of the well-known public roots (webpki-roots), written as x509-parser writes names,
/// so they compare with `CertificateInfo::issuer`.
fn public_root_subjects() -> &'static [String] {
    static ROOTS: OnceLock<Vec<String>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        use x509_parser::prelude::FromDer;
        use x509_parser::x509::X509Name;
        webpki_roots::TLS_SERVER_ROOTS
            .iter()
            .filter_map(|anchor| {
                let der = wrap_sequence(anchor.subject.as_ref());
                X509Name::from_der(&der)
                    .ok()
                    .map(|(_, name)| name.to_string())
            })
            .collect()
    })
}

/// The trust anchors keep a name without its outer SEQUENCE header: put it back.
fn wrap_sequence(content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut der = vec![0x30];
    if len < 0x80 {
        der.push(len as u8);
    } else if len < 0x100 {
        der.extend([0x81, len as u8]);
    } else {
        der.extend([0x82, (len >> 8) as u8, (len & 0xff) as u8]);
    }
    der.extend_from_slice(content);
    der
}

/// Where a chain (end-entity first) stops short of a root: the issuer name nobody in the chain
/// carries, when it is neither self-issued nor a well-known public root. `None`: complete, or
/// nothing to judge.
pub fn chain_gap(chain: &[CertificateInfo]) -> Option<String> {
    // A chain given out of order still counts when some certificate carries the issuer.
    for cert in chain {
        if cert.self_issued {
            continue;
        }
        let issued_by_member = chain.iter().any(|c| c.subject == cert.issuer);
        if !issued_by_member && !public_root_subjects().contains(&cert.issuer) {
            return Some(cert.issuer.clone());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_roots_are_readable() {
        let roots = public_root_subjects();
        assert!(roots.len() > 50, "only {} roots parsed", roots.len());
        assert!(roots.iter().any(|r| r.contains("ISRG Root X1")));
    }

    #[test]
    fn leaf_under_an_unknown_intermediate_is_a_gap() {
        let leaf = CertificateInfo {
            subject: "CN=mail.contoso.com".into(),
            issuer: "C=US, O=Let's Encrypt, CN=R11".into(),
            ..CertificateInfo::default()
        };
        assert_eq!(
            chain_gap(std::slice::from_ref(&leaf)).as_deref(),
            Some("C=US, O=Let's Encrypt, CN=R11")
        );
        let intermediate = CertificateInfo {
            subject: "C=US, O=Let's Encrypt, CN=R11".into(),
            issuer: public_root_subjects()
                .iter()
                .find(|r| r.contains("ISRG Root X1"))
                .cloned()
                .unwrap_or_default(),
            ..CertificateInfo::default()
        };
        assert_eq!(chain_gap(&[leaf, intermediate]), None);
    }
}
