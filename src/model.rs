//! The connector as the admin describes it (names follow Exchange Online's `Get-OutboundConnector`),
//! plus the parsing of what a person types into it: smart hosts, recipient-domain scopes, TLS settings.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Port Microsoft 365 always uses towards a smart host.
pub const SMTP_PORT: u16 = 25;
/// Longest host name DNS allows (RFC 1035), without the trailing dot.
const MAX_HOST_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;

/// `ConnectorType` in Exchange Online.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConnectorType {
    /// To the organisation's own mail server (`OnPremises`).
    #[default]
    OnPremises,
    /// To a partner organisation (`Partner`).
    Partner,
}

/// `TlsSettings` of an outbound connector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TlsPolicy {
    /// No setting: TLS when the server offers it; problems are only warnings.
    #[default]
    Opportunistic,
    /// `EncryptionOnly`: TLS is required, any certificate is accepted.
    EncryptionOnly,
    /// `CertificateValidation`: TLS with a certificate from a trusted CA.
    CertificateValidation,
    /// `DomainValidation`: trusted CA and a name that matches `TlsDomain`.
    DomainValidation,
}

impl TlsPolicy {
    pub const ALL: [TlsPolicy; 4] = [
        TlsPolicy::Opportunistic,
        TlsPolicy::EncryptionOnly,
        TlsPolicy::CertificateValidation,
        TlsPolicy::DomainValidation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TlsPolicy::Opportunistic => "opportunistic",
            TlsPolicy::EncryptionOnly => "encryption-only",
            TlsPolicy::CertificateValidation => "certificate-validation",
            TlsPolicy::DomainValidation => "domain-validation",
        }
    }

    pub fn parse(text: &str) -> Option<TlsPolicy> {
        let folded = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        match folded.as_str() {
            "opportunistic" | "none" | "" => Some(TlsPolicy::Opportunistic),
            "encryption-only" | "encryptiononly" => Some(TlsPolicy::EncryptionOnly),
            "certificate-validation" | "certificatevalidation" => {
                Some(TlsPolicy::CertificateValidation)
            }
            "domain-validation" | "domainvalidation" => Some(TlsPolicy::DomainValidation),
            _ => None,
        }
    }

    /// TLS must be negotiated: without it the step fails rather than warns.
    pub fn requires_tls(self) -> bool {
        self != TlsPolicy::Opportunistic
    }

    /// The certificate must chain to a trusted root and be in its validity period.
    pub fn requires_trusted_certificate(self) -> bool {
        matches!(
            self,
            TlsPolicy::CertificateValidation | TlsPolicy::DomainValidation
        )
    }
}

impl fmt::Display for TlsPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An outbound connector as it is configured in Exchange Online.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Connector {
    pub name: String,
    pub connector_type: ConnectorType,
    /// `SmartHosts`, as typed (`mail.contoso.com`, `192.0.2.10`, `[2001:db8::1]:2525`).
    pub smart_hosts: Vec<String>,
    /// `UseMXRecord`: deliver to the MX of the recipient's domain instead of smart hosts.
    pub use_mx_record: bool,
    /// `RecipientDomains`: `contoso.com`, `*.contoso.com` or `*`.
    pub recipient_domains: Vec<String>,
    pub tls_settings: TlsPolicy,
    /// `TlsDomain`, required with `DomainValidation`; may be `*.contoso.com`.
    pub tls_domain: String,
    /// The mailbox the test checks (RCPT TO), like the address typed in Microsoft's validation.
    pub test_address: String,
    /// Envelope sender for the test; empty means the null reverse-path `<>`.
    pub mail_from: String,
}

impl Default for Connector {
    fn default() -> Self {
        Connector {
            name: String::new(),
            connector_type: ConnectorType::OnPremises,
            smart_hosts: Vec::new(),
            use_mx_record: false,
            recipient_domains: Vec::new(),
            tls_settings: TlsPolicy::Opportunistic,
            tls_domain: String::new(),
            test_address: String::new(),
            mail_from: String::new(),
        }
    }
}

impl Connector {
    /// MX mode (`UseMXRecord`). Without it the connector needs smart hosts: the input check
    /// refuses an empty list and a blank entry (`--host ""`) rather than switch modes behind the
    /// user's back. The command line turns MX mode on itself when no host is given at all.
    pub fn uses_mx(&self) -> bool {
        self.use_mx_record
    }
}

/// How the check runs from this machine (not part of the connector in Exchange).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckOptions {
    /// DNS server to ask instead of the system's (`IP` or `IP:port`).
    pub dns_server: String,
    /// Extra trusted CA certificates (PEM or DER).
    pub ca_file: Option<PathBuf>,
    /// Also trust the operating system's certificate store.
    pub use_os_trust_store: bool,
    /// Limit for each network wait (connect, each reply, TLS handshake).
    pub timeout_secs: u64,
    /// Send one short labelled test message instead of stopping after RCPT.
    pub send_test_message: bool,
    /// How many hosts/addresses are checked at the same time.
    pub concurrency: usize,
    /// Port for MX hosts (always 25 in real life; tests and lab setups change it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mx_port: Option<u16>,
    /// Run the domain-security step (DNSSEC, DANE) for every host checked by name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub domain_security: bool,
    /// Extra DNSSEC trust anchors (DS or DNSKEY lines) for labs and private zones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dnssec_trust_anchor: Option<PathBuf>,
    /// The certificate about to be installed: do the published TLSA records match it already?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dane_next_certificate: Option<PathBuf>,
    /// HTTPS port of the MTA-STS policy host (always 443 in real life; tests change it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mta_sts_port: Option<u16>,
}

pub const DEFAULT_TIMEOUT_SECS: u64 = 20;
pub const MAX_TIMEOUT_SECS: u64 = 600;
pub const DEFAULT_CONCURRENCY: usize = 16;

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            dns_server: String::new(),
            ca_file: None,
            use_os_trust_store: false,
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            send_test_message: false,
            concurrency: DEFAULT_CONCURRENCY,
            mx_port: None,
            domain_security: false,
            dnssec_trust_anchor: None,
            dane_next_certificate: None,
            mta_sts_port: None,
        }
    }
}

/// One complete request to the engine: what the GUI's wizard and the CLI both build.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckRequest {
    pub connector: Connector,
    pub options: CheckOptions,
}

/// Where a smart host points: a DNS name (lower-case, IDNA-encoded) or an IP literal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HostTarget {
    Name(String),
    Ip(IpAddr),
}

/// A parsed smart host entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SmartHost {
    /// What the person typed, trimmed (used as the host label in results).
    pub input: String,
    pub target: HostTarget,
    pub port: u16,
}

impl SmartHost {
    /// Name to send in SNI and to show: the DNS name, or the IP.
    pub fn name(&self) -> String {
        match &self.target {
            HostTarget::Name(name) => name.clone(),
            HostTarget::Ip(ip) => ip.to_string(),
        }
    }
}

/// Why a typed host is not usable. Language-neutral: `reason_id` is a fluent message id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HostInputError {
    #[error("the host is empty")]
    Empty,
    #[error("the host contains a space or a control character")]
    Whitespace,
    #[error("the port is not a number from 1 to 65535")]
    BadPort,
    #[error("the IPv6 address is not valid")]
    BadIpv6,
    #[error("the name is longer than 253 characters")]
    TooLong,
    #[error("a part of the name between dots is empty")]
    EmptyLabel,
    #[error("a part of the name between dots is longer than 63 characters")]
    LabelTooLong,
    #[error("the name contains a character that is not allowed in a host name")]
    BadCharacter,
    #[error("a part of the name starts or ends with a hyphen")]
    HyphenEdge,
    #[error("the name looks like an IPv4 address but is not one")]
    BadIpv4,
    #[error("this looks like an e-mail address, not a host")]
    LooksLikeEmail,
    #[error("this looks like a URL; type only the host name")]
    LooksLikeUrl,
}

impl HostInputError {
    /// Fluent message id of the reason, for the GUI and the CLI.
    pub fn reason_id(&self) -> &'static str {
        match self {
            HostInputError::Empty => "host-error-empty",
            HostInputError::Whitespace => "host-error-whitespace",
            HostInputError::BadPort => "host-error-bad-port",
            HostInputError::BadIpv6 => "host-error-bad-ipv6",
            HostInputError::TooLong => "host-error-too-long",
            HostInputError::EmptyLabel => "host-error-empty-label",
            HostInputError::LabelTooLong => "host-error-label-too-long",
            HostInputError::BadCharacter => "host-error-bad-character",
            HostInputError::HyphenEdge => "host-error-hyphen-edge",
            HostInputError::BadIpv4 => "host-error-bad-ipv4",
            HostInputError::LooksLikeEmail => "host-error-looks-like-email",
            HostInputError::LooksLikeUrl => "host-error-looks-like-url",
        }
    }

    pub const ALL_REASON_IDS: [&'static str; 12] = [
        "host-error-empty",
        "host-error-whitespace",
        "host-error-bad-port",
        "host-error-bad-ipv6",
        "host-error-too-long",
        "host-error-empty-label",
        "host-error-label-too-long",
        "host-error-bad-character",
        "host-error-hyphen-edge",
        "host-error-bad-ipv4",
        "host-error-looks-like-email",
        "host-error-looks-like-url",
    ];
}

/// Parses `host`, `host:port`, `IPv4`, `IPv4:port`, `IPv6`, `[IPv6]` or `[IPv6]:port`.
pub fn parse_smart_host(raw: &str) -> Result<SmartHost, HostInputError> {
    let input = crate::input::clean(raw);
    if input.is_empty() {
        return Err(HostInputError::Empty);
    }
    if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(HostInputError::Whitespace);
    }
    if input.contains("://") || input.contains('/') {
        return Err(HostInputError::LooksLikeUrl);
    }
    if input.contains('@') {
        return Err(HostInputError::LooksLikeEmail);
    }
    let (host_part, port) = split_host_port(input)?;
    let target = if let Ok(ip) = host_part.parse::<IpAddr>() {
        HostTarget::Ip(ip)
    } else {
        HostTarget::Name(normalize_host_name(host_part)?)
    };
    Ok(SmartHost {
        input: input.to_string(),
        target,
        port,
    })
}

fn split_host_port(input: &str) -> Result<(&str, u16), HostInputError> {
    if let Some(rest) = input.strip_prefix('[') {
        let Some((inside, after)) = rest.split_once(']') else {
            return Err(HostInputError::BadIpv6);
        };
        if inside.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(HostInputError::BadIpv6);
        }
        let port = match after {
            "" => SMTP_PORT,
            _ => match after.strip_prefix(':') {
                Some(p) => parse_port(p)?,
                None => return Err(HostInputError::BadPort),
            },
        };
        return Ok((inside, port));
    }
    match input.matches(':').count() {
        0 => Ok((input, SMTP_PORT)),
        1 => {
            let (host, port) = input.split_once(':').unwrap_or((input, ""));
            Ok((host, parse_port(port)?))
        }
        // Several colons and no brackets: a bare IPv6 address (no port possible).
        _ => {
            if input.parse::<std::net::Ipv6Addr>().is_ok() {
                Ok((input, SMTP_PORT))
            } else {
                Err(HostInputError::BadIpv6)
            }
        }
    }
}

fn parse_port(text: &str) -> Result<u16, HostInputError> {
    match text.parse::<u16>() {
        Ok(0) | Err(_) => Err(HostInputError::BadPort),
        Ok(port) => Ok(port),
    }
}

/// Lower-cases, drops one trailing dot, converts an internationalised name to its ASCII form
/// (IDNA via the `idna` crate, which implements UTS #46 as browsers and mail servers do) and
/// checks the RFC 1123 host-name rules label by label.
pub fn normalize_host_name(name: &str) -> Result<String, HostInputError> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() {
        return Err(HostInputError::Empty);
    }
    if name.split('.').any(str::is_empty) {
        return Err(HostInputError::EmptyLabel);
    }
    let ascii = if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        idna::domain_to_ascii(name).map_err(|_| HostInputError::BadCharacter)?
    };
    if ascii.len() > MAX_HOST_LEN {
        return Err(HostInputError::TooLong);
    }
    let labels: Vec<&str> = ascii.split('.').collect();
    for label in &labels {
        if label.is_empty() {
            return Err(HostInputError::EmptyLabel);
        }
        if label.len() > MAX_LABEL_LEN {
            return Err(HostInputError::LabelTooLong);
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(HostInputError::BadCharacter);
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(HostInputError::HyphenEdge);
        }
    }
    // "192.0.2.300" or "10.1.1" is a mistyped IPv4 address, not a name.
    if labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return Err(HostInputError::BadIpv4);
    }
    Ok(ascii)
}

/// Splits a pasted block ("a.com, b.com; c.com" or one per line) into host entries.
pub fn split_host_list(text: &str) -> Vec<String> {
    text.split([',', ';', '\n', '\r', '\t'])
        .flat_map(|part| part.split(' '))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// One `RecipientDomains` entry: `*`, `*.contoso.com` or `contoso.com`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainScope {
    Everything,
    /// `*.contoso.com`: contoso.com and all its subdomains.
    DomainAndSubdomains(String),
    Exact(String),
}

impl DomainScope {
    pub fn parse(raw: &str) -> Result<DomainScope, HostInputError> {
        let text = crate::input::clean(raw);
        if text.chars().any(char::is_control) {
            return Err(HostInputError::Whitespace);
        }
        if text == "*" {
            return Ok(DomainScope::Everything);
        }
        if let Some(rest) = text.strip_prefix("*.") {
            return Ok(DomainScope::DomainAndSubdomains(normalize_host_name(rest)?));
        }
        Ok(DomainScope::Exact(normalize_host_name(text)?))
    }

    /// Whether mail for `domain` goes through a connector with this entry, as Exchange Online
    /// reads it: see [`crate::checks::policy::recipient_domain_covers`] (`*.contoso.com` covers
    /// contoso.com itself and all its subdomains).
    pub fn covers(&self, domain: &str) -> bool {
        use crate::checks::policy::recipient_domain_covers;
        match self {
            DomainScope::Everything => true,
            DomainScope::Exact(d) => recipient_domain_covers(d, domain),
            DomainScope::DomainAndSubdomains(base) => {
                recipient_domain_covers(&format!("*.{base}"), domain)
            }
        }
    }
}

/// Parses `IP` or `IP:port` (`[v6]:port` too) for the DNS server option.
pub fn parse_dns_server(text: &str) -> Option<SocketAddr> {
    let text = crate::input::clean(text);
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Some(addr);
    }
    text.trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .ok()
        .map(|ip| SocketAddr::new(ip, 53))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_host_forms() {
        let h = parse_smart_host("Mail.Contoso.com.").expect("name");
        assert_eq!(h.target, HostTarget::Name("mail.contoso.com".into()));
        assert_eq!(h.port, 25);
        let h = parse_smart_host("127.0.0.1:2525").expect("v4 port");
        assert_eq!(h.port, 2525);
        let h = parse_smart_host("[::1]:2526").expect("v6 port");
        assert_eq!(h.target, HostTarget::Ip("::1".parse().expect("ip")));
        assert_eq!(h.port, 2526);
        assert!(parse_smart_host("2001:db8::5").is_ok());
        assert!(parse_smart_host("bücher.example").is_ok());
    }

    #[test]
    fn smart_host_errors_are_named() {
        assert_eq!(parse_smart_host(""), Err(HostInputError::Empty));
        assert_eq!(
            parse_smart_host("mail .x.com"),
            Err(HostInputError::Whitespace)
        );
        assert_eq!(parse_smart_host("a..b"), Err(HostInputError::EmptyLabel));
        assert_eq!(
            parse_smart_host("mail.x.com:0"),
            Err(HostInputError::BadPort)
        );
        assert_eq!(
            parse_smart_host("mail.x.com:99999"),
            Err(HostInputError::BadPort)
        );
        assert_eq!(parse_smart_host("-a.com"), Err(HostInputError::HyphenEdge));
        assert_eq!(
            parse_smart_host("192.0.2.300"),
            Err(HostInputError::BadIpv4)
        );
        assert_eq!(
            parse_smart_host("a@b.com"),
            Err(HostInputError::LooksLikeEmail)
        );
        assert_eq!(
            parse_smart_host("smtp://a.com"),
            Err(HostInputError::LooksLikeUrl)
        );
        assert_eq!(parse_smart_host("[::1"), Err(HostInputError::BadIpv6));
        assert_eq!(parse_smart_host("a\r\nb"), Err(HostInputError::Whitespace));
        assert_eq!(
            parse_smart_host("a$b.com"),
            Err(HostInputError::BadCharacter)
        );
    }

    /// Regression: `*.contoso.com` was read as "subdomains only", a false `email.out-of-scope`
    /// for `user@contoso.com` (New-OutboundConnector, Example 1: "the contoso.com domain and all
    /// subdomains").
    #[test]
    fn star_scope_covers_the_domain_itself_not_a_false_out_of_scope() {
        let star = DomainScope::parse("*.contoso.com").expect("scope");
        assert!(star.covers("contoso.com"));
        assert!(star.covers("Contoso.com."));
    }

    #[test]
    fn scopes() {
        let star = DomainScope::parse("*.contoso.com").expect("scope");
        assert!(star.covers("eu.contoso.com"));
        assert!(star.covers("a.eu.contoso.com"));
        assert!(!star.covers("notcontoso.com"));
        assert!(DomainScope::parse("*").expect("all").covers("x.org"));
        assert!(
            !DomainScope::parse("contoso.com")
                .expect("exact")
                .covers("a.contoso.com")
        );
    }

    #[test]
    fn pasted_lists() {
        assert_eq!(
            split_host_list("a.com, b.com;c.com\nd.com  e.com"),
            vec!["a.com", "b.com", "c.com", "d.com", "e.com"]
        );
    }
}
