//! Test-address syntax, with the precise reason a technician can act on.

use email_address::{EmailAddress, Options};

use crate::model::{DomainScope, normalize_host_name};

/// Why an address cannot be used. `reason_id` gives the fluent message id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressProblem {
    Empty,
    ControlCharacter,
    Whitespace,
    MissingAt,
    SeveralAt,
    EmptyLocalPart,
    EmptyDomain,
    DotPlacement,
    BadDomain,
    TooLong,
    Syntax,
}

impl AddressProblem {
    pub fn reason_id(self) -> &'static str {
        match self {
            AddressProblem::Empty => "address-error-empty",
            AddressProblem::ControlCharacter => "address-error-control",
            AddressProblem::Whitespace => "address-error-whitespace",
            AddressProblem::MissingAt => "address-error-missing-at",
            AddressProblem::SeveralAt => "address-error-several-at",
            AddressProblem::EmptyLocalPart => "address-error-empty-local",
            AddressProblem::EmptyDomain => "address-error-empty-domain",
            AddressProblem::DotPlacement => "address-error-dots",
            AddressProblem::BadDomain => "address-error-bad-domain",
            AddressProblem::TooLong => "address-error-too-long",
            AddressProblem::Syntax => "address-error-syntax",
        }
    }

    pub const ALL_REASON_IDS: [&'static str; 11] = [
        "address-error-empty",
        "address-error-control",
        "address-error-whitespace",
        "address-error-missing-at",
        "address-error-several-at",
        "address-error-empty-local",
        "address-error-empty-domain",
        "address-error-dots",
        "address-error-bad-domain",
        "address-error-too-long",
        "address-error-syntax",
    ];
}

/// A usable test address: the local part as typed, the domain in ASCII (IDNA) lower case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestAddress {
    pub local: String,
    pub domain: String,
}

impl TestAddress {
    /// The form sent in `RCPT TO:<…>`.
    pub fn smtp_form(&self) -> String {
        format!("{}@{}", self.local, self.domain)
    }
}

/// Does this path (`local@domain`, domain already in ASCII) need the SMTPUTF8 extension? Only a
/// non-ASCII local part does: the domain is sent in its IDNA (A-label) form, which needs none.
/// RFC 6531 §3.2: a client sends such a path only to a server that advertised SMTPUTF8, with the
/// `SMTPUTF8` parameter on MAIL FROM.
pub fn needs_smtputf8(path: &str) -> bool {
    !path.is_ascii()
}

/// RFC 5321 limits a path to 256 octets including the angle brackets.
const MAX_ADDRESS_LEN: usize = 254;

/// Checks an address. The obvious mistakes are named first (they are what people type); the full
/// RFC 5322 grammar is then left to the `email_address` crate rather than a home-made regex.
///
/// White space around the address is dropped first, as for every input
/// ([`crate::input::clean`]). A non-ASCII local part is accepted here (RFC 6531 allows it); the
/// test-email step then uses it only with a server that offers SMTPUTF8.
pub fn parse_test_address(raw: &str) -> Result<TestAddress, AddressProblem> {
    let text = crate::input::clean(raw);
    // CR/LF or any control character could smuggle SMTP commands: refuse before anything else.
    if text.chars().any(char::is_control) {
        return Err(AddressProblem::ControlCharacter);
    }
    if text.is_empty() {
        return Err(AddressProblem::Empty);
    }
    if text.chars().any(char::is_whitespace) {
        return Err(AddressProblem::Whitespace);
    }
    if text.len() > MAX_ADDRESS_LEN {
        return Err(AddressProblem::TooLong);
    }
    let ats = text.matches('@').count();
    if ats == 0 {
        return Err(AddressProblem::MissingAt);
    }
    if ats > 1 && !text.starts_with('"') {
        return Err(AddressProblem::SeveralAt);
    }
    let (local, domain) = text.rsplit_once('@').unwrap_or((text, ""));
    if local.is_empty() {
        return Err(AddressProblem::EmptyLocalPart);
    }
    if domain.is_empty() {
        return Err(AddressProblem::EmptyDomain);
    }
    if !local.starts_with('"')
        && (local.starts_with('.') || local.ends_with('.') || local.contains(".."))
    {
        return Err(AddressProblem::DotPlacement);
    }
    let domain_ascii = normalize_host_name(domain).map_err(|_| AddressProblem::BadDomain)?;
    if !domain_ascii.contains('.') {
        return Err(AddressProblem::BadDomain);
    }
    let options = Options {
        allow_display_text: false,
        ..Options::default()
            .with_required_tld()
            .without_domain_literal()
    };
    let checked = format!("{local}@{domain_ascii}");
    if EmailAddress::parse_with_options(&checked, options).is_err() {
        return Err(AddressProblem::Syntax);
    }
    Ok(TestAddress {
        local: local.to_string(),
        domain: domain_ascii,
    })
}

/// Is the address's domain inside the connector's `RecipientDomains`? An empty list is
/// treated as `*` (Microsoft 365 requires at least one entry; the wizard says so).
pub fn in_scope(domain: &str, recipient_domains: &[String]) -> bool {
    let scopes: Vec<DomainScope> = recipient_domains
        .iter()
        .filter(|d| !d.trim().is_empty())
        .filter_map(|d| DomainScope::parse(d).ok())
        .collect();
    scopes.is_empty() || scopes.iter().any(|s| s.covers(domain))
}

/// What a refusal at `MAIL FROM` or `RCPT TO` means, read from its code and text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The server refuses mail sent without TLS (`530 5.7.0 Must issue a STARTTLS command
    /// first`, Exchange's `451 5.7.3 STARTTLS is required to send mail`): the fix is on the
    /// receiving side's TLS (receive connector, certificate), not a retry.
    TlsRequired,
    /// Greylisting: `450`/`451` with `4.7.1`, or a text that says so (postgrey answers
    /// `450 4.2.0 … Greylisted`). A retry after a few minutes succeeds.
    Greylisted,
    /// Any other `4xx`.
    Temporary,
    /// Any other `5xx`.
    Permanent,
}

/// Reads a refusal for what it means. The STARTTLS reading needs the word "STARTTLS", or "TLS"
/// with the enhanced code `x.7.0` / `x.7.3` (RFC 3463: security features), so that the RFC 4954
/// `530 5.7.0 Authentication required` is not mistaken for it.
pub fn classify_refusal(code: u16, enhanced: Option<&str>, text: &str) -> Refusal {
    let text = text.to_ascii_lowercase();
    let security_code = enhanced.is_some_and(|e| e.ends_with(".7.0") || e.ends_with(".7.3"));
    let mentions_tls = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "tls" || w == "starttls");
    if text.contains("starttls") || (mentions_tls && security_code) {
        return Refusal::TlsRequired;
    }
    if (400..500).contains(&code) {
        let greylisting_code = matches!(code, 450 | 451) && enhanced == Some("4.7.1");
        let says_so = [
            "greylist",
            "graylist",
            "grey-list",
            "gray-list",
            "grey list",
        ]
        .iter()
        .any(|w| text.contains(w));
        return if greylisting_code || says_so {
            Refusal::Greylisted
        } else {
            Refusal::Temporary
        };
    }
    Refusal::Permanent
}

/// Local parts of the catch-all probe start with this (then random hex), so that a log reader
/// knows where the address came from.
pub const CATCH_ALL_PROBE_PREFIX: &str = "connector-doctor-probe-";

/// A random address in `domain` no mailbox should have, for the catch-all probe. The random
/// part comes from std's per-process random hash keys: no crate needed for 64 unguessable bits.
pub fn catch_all_probe_address(domain: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    hasher.write_u128(nanos);
    format!("{CATCH_ALL_PROBE_PREFIX}{:016x}@{domain}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons() {
        use AddressProblem::*;
        let cases = [
            ("", Empty),
            ("user@contoso.com\r\nRCPT TO:<x@y.z>", ControlCharacter),
            ("us er@contoso.com", Whitespace),
            ("user.contoso.com", MissingAt),
            ("user@@contoso.com", SeveralAt),
            ("@contoso.com", EmptyLocalPart),
            ("user@", EmptyDomain),
            (".user@contoso.com", DotPlacement),
            ("us..er@contoso.com", DotPlacement),
            ("user@contoso", BadDomain),
            ("user@-contoso.com", BadDomain),
            ("us(er@contoso.com", Syntax),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_test_address(input), Err(expected), "{input:?}");
        }
        let ok = parse_test_address(" Jane.Doe@Contoso.COM ").expect("valid");
        assert_eq!(ok.smtp_form(), "Jane.Doe@contoso.com");
    }

    #[test]
    fn refusals_are_read_for_what_they_mean() {
        use Refusal::*;
        let cases = [
            (
                530,
                Some("5.7.0"),
                "Must issue a STARTTLS command first",
                TlsRequired,
            ),
            (
                451,
                Some("5.7.3"),
                "STARTTLS is required to send mail",
                TlsRequired,
            ),
            (554, Some("5.7.3"), "TLS required", TlsRequired),
            (530, Some("5.7.0"), "Authentication required", Permanent),
            (450, Some("4.7.1"), "Try again later", Greylisted),
            (451, Some("4.7.1"), "Please try again later", Greylisted),
            (
                450,
                Some("4.2.0"),
                "<a@b.c>: Recipient address rejected: Greylisted",
                Greylisted,
            ),
            (451, None, "greylisting in action", Greylisted),
            (452, Some("4.7.1"), "Too many connections", Temporary),
            (451, Some("4.3.0"), "Temporary lookup failure", Temporary),
            (550, Some("5.1.1"), "User unknown", Permanent),
            (550, Some("5.7.1"), "Stilts are not TLS-ready", Permanent),
        ];
        for (code, enhanced, text, expected) in cases {
            assert_eq!(
                classify_refusal(code, enhanced, text),
                expected,
                "{code} {text}"
            );
        }
    }

    #[test]
    fn catch_all_probe_addresses_are_random_and_in_the_domain() {
        let a = catch_all_probe_address("contoso.com");
        let b = catch_all_probe_address("contoso.com");
        assert_ne!(a, b);
        assert!(
            a.starts_with(CATCH_ALL_PROBE_PREFIX) && a.ends_with("@contoso.com"),
            "{a}"
        );
        assert!(parse_test_address(&a).is_ok(), "{a}");
    }

    #[test]
    fn scope() {
        let domains = vec!["contoso.com".to_string(), "*.fabrikam.com".to_string()];
        assert!(in_scope("contoso.com", &domains));
        assert!(in_scope("eu.fabrikam.com", &domains));
        assert!(!in_scope("tailspin.com", &domains));
        assert!(in_scope("fabrikam.com", &domains));
        assert!(in_scope("anything.org", &[]));
    }
}
