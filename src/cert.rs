//! Certificate facts as an Exchange admin reads them (subject, issuer, names, validity, serial,
//! SHA-1 thumbprint), taken from DER with x509-parser; plus loading PEM/DER files and the name
//! matching rules that connectors use.

use std::path::Path;

use ::time::OffsetDateTime;
use ::time::format_description::well_known::Rfc3339;
use serde::{Deserialize, Serialize};
use x509_parser::prelude::*;

/// What we show and compare of one certificate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateInfo {
    pub subject: String,
    pub issuer: String,
    /// DNS names and IP addresses of the Subject Alternative Name extension.
    pub sans: Vec<String>,
    /// RFC 3339, UTC.
    pub not_before: String,
    pub not_after: String,
    /// Upper-case hex, as Exchange shows it.
    pub serial: String,
    /// SHA-1 of the DER, upper-case hex without separators: Exchange's "thumbprint".
    pub sha1_thumbprint: String,
    /// SHA-256 of the DER, upper-case hex.
    pub sha256: String,
    /// Subject and issuer are the same name (a self-signed certificate).
    pub self_issued: bool,
    /// Common names of the subject, for name matching when there is no SAN.
    #[serde(default)]
    pub common_names: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CertError {
    /// Not read: missing, unreadable, too large or not a regular file.
    #[error(transparent)]
    Read(#[from] crate::input_file::InputFileError),
    #[error("{path} holds no certificate (neither PEM nor DER)")]
    NoCertificate { path: String },
    #[error("not a valid X.509 certificate: {0}")]
    Parse(String),
}

impl CertificateInfo {
    pub fn from_der(der: &[u8]) -> Result<CertificateInfo, CertError> {
        let (_, cert) =
            X509Certificate::from_der(der).map_err(|e| CertError::Parse(e.to_string()))?;
        let subject = cert.subject().to_string();
        let issuer = cert.issuer().to_string();
        let mut sans = Vec::new();
        if let Ok(Some(ext)) = cert.subject_alternative_name() {
            for name in &ext.value.general_names {
                match name {
                    GeneralName::DNSName(dns) => sans.push(dns.to_string()),
                    GeneralName::IPAddress(bytes) => {
                        if let Some(ip) = ip_from_bytes(bytes) {
                            sans.push(ip.to_string());
                        }
                    }
                    _ => {}
                }
            }
        }
        let common_names = cert
            .subject()
            .iter_common_name()
            .filter_map(|cn| cn.as_str().ok().map(str::to_string))
            .collect();
        Ok(CertificateInfo {
            self_issued: cert.subject().as_raw() == cert.issuer().as_raw(),
            subject,
            issuer,
            sans,
            not_before: rfc3339(cert.validity().not_before.to_datetime()),
            not_after: rfc3339(cert.validity().not_after.to_datetime()),
            serial: hex_upper(cert.raw_serial()),
            sha1_thumbprint: hex_upper(
                ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, der).as_ref(),
            ),
            sha256: hex_upper(ring::digest::digest(&ring::digest::SHA256, der).as_ref()),
            common_names,
        })
    }

    /// The names a connector compares against: SAN DNS names, else the subject's common names.
    pub fn dns_names(&self) -> Vec<String> {
        let from_san: Vec<String> = self
            .sans
            .iter()
            .filter(|n| n.parse::<std::net::IpAddr>().is_err())
            .cloned()
            .collect();
        if from_san.is_empty() {
            self.common_names.clone()
        } else {
            // Exchange also accepts the subject CN when it is not among the SANs.
            let mut all = from_san;
            for cn in &self.common_names {
                if !all.iter().any(|n| n.eq_ignore_ascii_case(cn)) {
                    all.push(cn.clone());
                }
            }
            all
        }
    }

    pub fn not_after_time(&self) -> Option<OffsetDateTime> {
        OffsetDateTime::parse(&self.not_after, &Rfc3339).ok()
    }

    pub fn not_before_time(&self) -> Option<OffsetDateTime> {
        OffsetDateTime::parse(&self.not_before, &Rfc3339).ok()
    }
}

fn ip_from_bytes(bytes: &[u8]) -> Option<std::net::IpAddr> {
    match bytes.len() {
        4 => <[u8; 4]>::try_from(bytes).ok().map(std::net::IpAddr::from),
        16 => <[u8; 16]>::try_from(bytes).ok().map(std::net::IpAddr::from),
        _ => None,
    }
}

pub fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339)
        .unwrap_or_else(|_| t.unix_timestamp().to_string())
}

pub fn hex_upper(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02X}");
        s
    })
}

/// Reads every certificate in a PEM or DER file (.pem/.crt/.cer/.der), a regular file of at most
/// [`InputKind::Certificate`](crate::input_file::InputKind) bytes.
pub fn load_certificates(path: &Path) -> Result<Vec<Vec<u8>>, CertError> {
    let bytes = crate::input_file::read_file(path, crate::input_file::InputKind::Certificate)?;
    certificates_from_bytes(&bytes).ok_or_else(|| CertError::NoCertificate {
        path: path.display().to_string(),
    })
}

/// PEM (one or many `CERTIFICATE` blocks) or a single DER certificate.
pub fn certificates_from_bytes(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    use rustls_pki_types::CertificateDer;
    use rustls_pki_types::pem::PemObject;
    let pem: Vec<Vec<u8>> = CertificateDer::pem_slice_iter(bytes)
        .filter_map(Result::ok)
        .map(|c| c.as_ref().to_vec())
        .collect();
    if !pem.is_empty() {
        return Some(pem);
    }
    if X509Certificate::from_der(bytes).is_ok() {
        return Some(vec![bytes.to_vec()]);
    }
    None
}

/// Does one certificate name (possibly `*.contoso.com`) cover a host name? A wildcard stands for
/// exactly one left-most label, as in RFC 6125 and Exchange.
pub fn certificate_name_covers(cert_name: &str, host: &str) -> bool {
    let cert_name = cert_name.trim_end_matches('.').to_ascii_lowercase();
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    match cert_name.strip_prefix("*.") {
        Some(base) => host
            .split_once('.')
            .is_some_and(|(first, rest)| !first.is_empty() && rest == base),
        None => cert_name == host,
    }
}

/// Does a certificate name satisfy a connector's domain setting (`TlsDomain` or
/// `TlsSenderCertificateName`)? The setting may itself be a wildcard: `*.contoso.com` accepts a
/// certificate for any name under contoso.com, or the wildcard certificate `*.contoso.com`.
pub fn matches_connector_domain(cert_name: &str, setting: &str) -> bool {
    let setting_l = setting.trim().trim_end_matches('.').to_ascii_lowercase();
    let cert_l = cert_name.trim().trim_end_matches('.').to_ascii_lowercase();
    if cert_l.is_empty() || setting_l.is_empty() {
        return false;
    }
    match setting_l.strip_prefix("*.") {
        Some(base) => {
            cert_l == setting_l
                || cert_l
                    .strip_suffix(base)
                    .is_some_and(|head| head.ends_with('.') && !head.starts_with('*'))
        }
        // "550 5.7.64 TenantAttribution when sending external messages in Microsoft 365": a
        // certificate `CN=*.contoso.com` needs `*.contoso.com` in TlsSenderCertificateName; a
        // specific value is not covered by the wildcard certificate.
        None => !cert_l.starts_with("*.") && cert_l == setting_l,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_covers_one_label() {
        assert!(certificate_name_covers("*.contoso.com", "mail.contoso.com"));
        assert!(!certificate_name_covers("*.contoso.com", "contoso.com"));
        assert!(!certificate_name_covers("*.contoso.com", "a.b.contoso.com"));
        assert!(certificate_name_covers(
            "Mail.Contoso.com",
            "mail.contoso.com."
        ));
    }

    #[test]
    fn connector_domain_rules() {
        assert!(matches_connector_domain(
            "mail.contoso.com",
            "mail.contoso.com"
        ));
        // A wildcard certificate needs the wildcard value (Microsoft's 5.7.64 article).
        assert!(!matches_connector_domain(
            "*.contoso.com",
            "mail.contoso.com"
        ));
        assert!(matches_connector_domain("*.contoso.com", "*.contoso.com"));
        assert!(matches_connector_domain(
            "mail.contoso.com",
            "*.contoso.com"
        ));
        assert!(matches_connector_domain(
            "a.eu.contoso.com",
            "*.contoso.com"
        ));
        assert!(!matches_connector_domain("contoso.com", "*.contoso.com"));
        assert!(!matches_connector_domain(
            "mail.fabrikam.com",
            "*.contoso.com"
        ));
        assert!(!matches_connector_domain(
            "mail.notcontoso.com",
            "*.contoso.com"
        ));
        assert!(!matches_connector_domain("contoso.com", "mail.contoso.com"));
    }
}
