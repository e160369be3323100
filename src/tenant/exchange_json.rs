//! `Get-SendConnector | ConvertTo-Json` and `Get-ExchangeCertificate | ConvertTo-Json` as
//! evidence: the certificate the send connector's `TlsCertificateName` names, whether Exchange can
//! use it, and whether its names match the inbound connector's `TlsSenderCertificateName` — which
//! predicts a 5.7.64 before the next certificate goes live, without waiting for a failure.
//!
//! Microsoft Learn, "Set-SendConnector": `TlsCertificateName` is `<I>X.500Issuer<S>X.500Subject`,
//! the `Issuer` and `Subject` that `Get-ExchangeCertificate` shows. The certificate is therefore
//! found by issuer *and* subject: a renewal by a new intermediate (Let's Encrypt R3 → R11) keeps
//! the subject and changes the issuer, and the connector no longer finds it (Exchange then logs
//! "454 4.7.5 … certificate specified in TlsCertificateName … could not be found" and sends no
//! certificate at all).
//!
//! JSON as Windows PowerShell 5.1 and PowerShell 7 write it (serde_json): one object or an
//! array; enums as numbers (5.1) or strings (remoting, `-EnumsAsStrings`); dates as
//! `"\/Date(ms)\/"`, as `{ "value": … }` or as ISO text.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{get_ci, json_bool, json_string};
use crate::checks::Message;

/// One send connector, as far as the diagnosis needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendConnectorInfo {
    pub name: String,
    pub enabled: Option<bool>,
    /// As written (`<I>…<S>…`).
    pub tls_certificate_name: Option<String>,
    pub smart_hosts: Vec<String>,
    /// Goes to Microsoft 365 (smart host `*.mail.protection.outlook.com`, or
    /// `CloudServicesMailEnabled`).
    pub to_microsoft_365: bool,
}

/// One certificate of `Get-ExchangeCertificate`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeCertificate {
    pub thumbprint: String,
    pub subject: String,
    pub issuer: String,
    /// Service names (`IMAP`, `POP`, `IIS`, `SMTP`…), `None` when the export did not say.
    pub services: Option<Vec<String>>,
    pub has_private_key: Option<bool>,
    /// RFC 3339.
    pub not_after: Option<String>,
    pub domains: Vec<String>,
}

impl ExchangeCertificate {
    pub fn smtp(&self) -> Option<bool> {
        self.services
            .as_ref()
            .map(|s| s.iter().any(|s| s.eq_ignore_ascii_case("SMTP")))
    }

    /// The subject's CN and the certificate's domains.
    pub fn names(&self) -> Vec<String> {
        let mut names = super::log::subject_common_names(&self.subject);
        for d in &self.domains {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(d)) {
                names.push(d.clone());
            }
        }
        names
    }

    pub fn not_after_time(&self) -> Option<OffsetDateTime> {
        self.not_after.as_deref().and_then(|t| {
            OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
        })
    }
}

/// At most this many characters of any value, and items of any list, are kept.
const MAX_FIELD_CHARS: usize = 500;
const MAX_ITEMS: usize = 50;

fn cut(text: String) -> String {
    if text.chars().count() <= MAX_FIELD_CHARS {
        text
    } else {
        text.chars().take(MAX_FIELD_CHARS).collect()
    }
}

fn cut_list(items: Vec<String>) -> Vec<String> {
    items.into_iter().take(MAX_ITEMS).map(cut).collect()
}

fn objects(text: &str) -> Result<Vec<Map<String, Value>>, Message> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Message::new("input-bad-json").arg("error", e))?;
    Ok(match value {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|v| match v {
                Value::Object(o) => Some(o),
                _ => None,
            })
            .collect(),
        Value::Object(o) => vec![o],
        _ => Vec::new(),
    })
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| match v {
                Value::Object(o) => ["Address", "Domain", "Value"]
                    .iter()
                    .find_map(|k| json_string(get_ci(o, k))),
                other => json_string(Some(other)),
            })
            .collect(),
        Some(Value::String(s)) => s
            .split([',', ' ', ';'])
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.trim().to_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// `TlsCertificateName` as a string, or the `SmtpX509Identifier` object some exports write.
fn tls_certificate_name(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Object(o) => {
            let issuer = json_string(get_ci(o, "CertificateIssuer"))?;
            let subject = json_string(get_ci(o, "CertificateSubject"))?;
            Some(format!("<I>{issuer}<S>{subject}"))
        }
        other => json_string(Some(other)),
    }
}

/// The output of `Get-SendConnector | ConvertTo-Json`.
pub fn parse_send_connectors(text: &str) -> Result<Vec<SendConnectorInfo>, Message> {
    let list: Vec<SendConnectorInfo> = objects(text)?
        .iter()
        .filter_map(|o| {
            let name =
                json_string(get_ci(o, "Name")).or_else(|| json_string(get_ci(o, "Identity")))?;
            let smart_hosts = strings(get_ci(o, "SmartHosts"));
            let to_microsoft_365 = json_bool(get_ci(o, "CloudServicesMailEnabled")) == Some(true)
                || smart_hosts.iter().any(|h| {
                    h.to_ascii_lowercase()
                        .contains("mail.protection.outlook.com")
                });
            Some(SendConnectorInfo {
                name: cut(name),
                enabled: json_bool(get_ci(o, "Enabled")),
                tls_certificate_name: tls_certificate_name(get_ci(o, "TlsCertificateName"))
                    .map(cut),
                smart_hosts: cut_list(smart_hosts),
                to_microsoft_365,
            })
        })
        .collect();
    if list.is_empty() {
        return Err(Message::new("input-json-no-send-connector"));
    }
    Ok(list)
}

/// `AllowedExchangeServices` flags (Microsoft.Exchange.Data.AllowedServices), as Windows
/// PowerShell 5.1 writes an enum: a number.
const SERVICE_FLAGS: &[(u64, &str)] = &[
    (1, "IMAP"),
    (2, "POP"),
    (4, "UM"),
    (8, "IIS"),
    (16, "SMTP"),
    (32, "Federation"),
    (64, "UMCallRouter"),
];

fn services(value: Option<&Value>) -> Option<Vec<String>> {
    match value? {
        Value::Number(n) => {
            let flags = n.as_u64()?;
            Some(
                SERVICE_FLAGS
                    .iter()
                    .filter(|(bit, _)| flags & bit != 0)
                    .map(|(_, name)| name.to_string())
                    .collect(),
            )
        }
        Value::String(s) => Some(
            s.split([',', ' '])
                .filter(|p| !p.trim().is_empty())
                .map(|p| p.trim().to_string())
                .collect(),
        ),
        Value::Object(o) => services(get_ci(o, "value")),
        Value::Array(items) => Some(items.iter().filter_map(|v| json_string(Some(v))).collect()),
        _ => None,
    }
}

/// `"\/Date(1767225599000)\/"`, `{ "value": … }`, or ISO text (with or without an offset;
/// without one it is taken as UTC — at most a few hours off, which never turns a valid
/// certificate into an expired one except on its last day).
fn date(value: Option<&Value>) -> Option<String> {
    let rfc3339 = &time::format_description::well_known::Rfc3339;
    match value? {
        Value::Object(o) => date(get_ci(o, "value")),
        Value::String(s) => {
            let s = s.trim();
            if let Some(ms) = s
                .strip_prefix("/Date(")
                .and_then(|r| r.strip_suffix(")/"))
                .and_then(|r| r.split(['+', '-']).next())
                .and_then(|r| r.parse::<i64>().ok())
            {
                return OffsetDateTime::from_unix_timestamp(ms / 1000)
                    .ok()
                    .and_then(|t| t.format(rfc3339).ok());
            }
            if let Ok(t) = OffsetDateTime::parse(s, rfc3339) {
                return t.format(rfc3339).ok();
            }
            let plain = s.split('.').next().unwrap_or(s);
            time::PrimitiveDateTime::parse(
                plain,
                time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
            )
            .ok()
            .and_then(|t| t.assume_utc().format(rfc3339).ok())
        }
        _ => None,
    }
}

/// The output of `Get-ExchangeCertificate | ConvertTo-Json`.
pub fn parse_exchange_certificates(text: &str) -> Result<Vec<ExchangeCertificate>, Message> {
    let list: Vec<ExchangeCertificate> = objects(text)?
        .iter()
        .filter_map(|o| {
            Some(ExchangeCertificate {
                thumbprint: cut(json_string(get_ci(o, "Thumbprint"))?),
                subject: cut(json_string(get_ci(o, "Subject")).unwrap_or_default()),
                issuer: cut(json_string(get_ci(o, "Issuer")).unwrap_or_default()),
                services: services(get_ci(o, "Services")).map(cut_list),
                has_private_key: json_bool(get_ci(o, "HasPrivateKey")),
                not_after: date(get_ci(o, "NotAfter")),
                domains: cut_list(strings(get_ci(o, "CertificateDomains"))),
            })
        })
        .collect();
    if list.is_empty() {
        return Err(Message::new("input-json-no-certificate"));
    }
    Ok(list)
}

/// `CN=R11, O=Let's Encrypt, C=US` and `cn=R11,O=Let's Encrypt, C=US` are the same name.
pub fn same_dn(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split(',')
            .map(|p| p.trim().to_ascii_lowercase())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
    };
    norm(a) == norm(b)
}

/// `<I>issuer<S>subject` → (issuer, subject); a bare subject gives no issuer.
pub fn split_tls_certificate_name(value: &str) -> (Option<String>, String) {
    let value = value.trim();
    match value.find("<S>") {
        Some(at) => {
            let issuer = value[..at]
                .trim()
                .strip_prefix("<I>")
                .map(|i| i.trim().to_string());
            (issuer, value[at + 3..].trim().to_string())
        }
        None => (None, value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_powershell_numbers_and_dates_are_read() {
        let certs = parse_exchange_certificates(
            r#"{"Thumbprint":"AB12","Subject":"CN=mail.contoso.com","Issuer":"CN=R11, O=Let's Encrypt, C=US","Services":24,"HasPrivateKey":true,"NotAfter":"\/Date(1767225599000)\/","CertificateDomains":[{"Domain":"mail.contoso.com","Address":"mail.contoso.com"}]}"#,
        )
        .expect("one certificate");
        assert_eq!(
            certs[0].services.as_deref(),
            Some(&["IIS".to_string(), "SMTP".to_string()][..])
        );
        assert_eq!(certs[0].not_after.as_deref(), Some("2025-12-31T23:59:59Z"));
        assert_eq!(certs[0].domains, vec!["mail.contoso.com".to_string()]);
    }

    #[test]
    fn issuer_and_subject_compare_as_names() {
        assert!(same_dn(
            "CN=R11, O=Let's Encrypt, C=US",
            "cn=R11,O=Let's Encrypt,  C=US"
        ));
        assert!(!same_dn(
            "CN=R3, O=Let's Encrypt, C=US",
            "CN=R11, O=Let's Encrypt, C=US"
        ));
        assert_eq!(
            split_tls_certificate_name("<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com"),
            (
                Some("CN=R11, O=Let's Encrypt, C=US".to_string()),
                "CN=mail.contoso.com".to_string()
            )
        );
    }
}
