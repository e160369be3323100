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
    fn scope() {
        let domains = vec!["contoso.com".to_string(), "*.fabrikam.com".to_string()];
        assert!(in_scope("contoso.com", &domains));
        assert!(in_scope("eu.fabrikam.com", &domains));
        assert!(!in_scope("tailspin.com", &domains));
        assert!(in_scope("anything.org", &[]));
    }
}
