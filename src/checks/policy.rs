//! Exchange Online's rules, written down once with the Microsoft page each one follows. The rest
//! of the engine asks these functions instead of guessing (or borrowing rustls's or RFC 6125's
//! rules where Microsoft's differ).

/// Does a `RecipientDomains` entry cover a recipient's domain?
///
/// Source: Microsoft Learn, "New-OutboundConnector", Example 1
/// (`-RecipientDomains *.contoso.com …`): "It sends messages to recipients in the contoso.com
/// domain and all subdomains." So `*.contoso.com` covers contoso.com itself and every
/// subdomain at any depth; `*` covers every domain; any other entry only that exact domain.
/// "Set-OutboundConnector" documents the same parameter and adds that a star cannot be embedded
/// (`domain.*.contoso.com`), which input checking refuses.
///
/// Both arguments are expected in ASCII (IDNA) form; case and a final dot do not matter.
pub fn recipient_domain_covers(entry: &str, domain: &str) -> bool {
    let entry = canonical(entry);
    let domain = canonical(domain);
    if entry == "*" {
        return true;
    }
    match entry.strip_prefix("*.") {
        Some(base) => is_at_or_under(&domain, base),
        None => !entry.is_empty() && domain == entry,
    }
}

/// Does one name of the server's certificate (a DNS subject alternative name, or the subject's
/// common name when there is none, possibly a wildcard certificate name `*.x`) satisfy the
/// outbound connector's `TlsDomain` under `TlsSettings DomainValidation`?
///
/// Source: Microsoft Learn, "New-OutboundConnector": TlsDomain "specifies the domain name that
/// the Outbound connector uses to verify the FQDN of the target certificate"; a wildcard
/// "specifies all subdomains", and Example 1 (`-TlsSettings DomainValidation -TlsDomain
/// *.contoso.com`) says it "uses TLS encryption and certificate verification for mail routed to
/// the contoso.com domain and all subdomains".
///
/// Our reading, since Microsoft does not spell out the certificate side:
/// - `TlsDomain mail.contoso.com` (no star): the certificate must carry that exact name, or a
///   wildcard certificate name that covers it by the usual one-label rule (`*.contoso.com`
///   carries `mail.contoso.com`, not `a.b.contoso.com` nor `contoso.com`).
/// - `TlsDomain *.contoso.com`: the setting names a domain *and* its subtree, so a certificate
///   name is accepted when it lies in that subtree: `contoso.com` itself (Example 1 names the
///   domain as covered: refusing it would invent a failure Exchange Online does not make),
///   `mail.contoso.com`, `a.eu.contoso.com`, and the wildcard names `*.contoso.com` or
///   `*.eu.contoso.com` (every host they can stand for is inside contoso.com). A name outside
///   the subtree (`mail.notcontoso.com`, `contoso.com.evil.example`) is refused.
///
/// Compared with the former reading ("subdomains only"), the only change is that a certificate
/// for `contoso.com` itself now satisfies `*.contoso.com`; nothing outside contoso.com is ever
/// accepted, so no real mismatch is hidden.
pub fn tls_domain_accepts(setting: &str, cert_name: &str) -> bool {
    let setting = canonical(setting);
    let cert_name = canonical(cert_name);
    if setting.is_empty() || cert_name.is_empty() {
        return false;
    }
    match setting.strip_prefix("*.") {
        Some(base) => {
            let covered = cert_name.strip_prefix("*.").unwrap_or(&cert_name);
            is_at_or_under(covered, base)
        }
        None => crate::cert::certificate_name_covers(&cert_name, &setting),
    }
}

/// Microsoft 365's own inbound mail hosts: a connector that routes to them sends the mail back
/// into Microsoft 365, a loop.
///
/// Source: Microsoft Learn, "Microsoft 365 URLs and IP address ranges", Exchange Online row for
/// `*.mail.protection.outlook.com` (TCP 25), whose address ranges are the Exchange Online
/// Protection ranges below (also listed in README's "Vantage point"). The list changes rarely;
/// an address outside it is never called a loop, so a stale list can only miss a loop, never
/// invent one.
pub const EOP_INBOUND_RANGES: [&str; 6] = [
    "40.92.0.0/15",
    "40.107.0.0/16",
    "52.100.0.0/14",
    "104.47.0.0/17",
    "2a01:111:f400::/48",
    "2a01:111:f403::/48",
];

/// Host names under this suffix are Microsoft 365's inbound hosts (the MX every accepted domain
/// of a tenant gets, `contoso-com.mail.protection.outlook.com`). Same source as
/// [`EOP_INBOUND_RANGES`].
pub const MICROSOFT_INBOUND_SUFFIX: &str = "mail.protection.outlook.com";

/// Is this host name one of Microsoft 365's inbound hosts?
pub fn is_microsoft_inbound_name(name: &str) -> bool {
    let name = canonical(name);
    is_at_or_under(&name, MICROSOFT_INBOUND_SUFFIX)
}

/// Is this address inside Microsoft 365's inbound (EOP) ranges?
pub fn is_microsoft_inbound_address(ip: std::net::IpAddr) -> bool {
    let ip = ip.to_canonical();
    EOP_INBOUND_RANGES
        .iter()
        .filter_map(|r| r.parse::<ipnet::IpNet>().ok())
        .any(|net| net.contains(&ip))
}

// Domain security: DNSSEC, SMTP DANE (issue 13).
//
// Sources, Microsoft Learn:
// - "How SMTP DNS-based Authentication of Named Entities (DANE) works": Exchange Online applies
//   DANE outbound per RFC 7672 once the destination's MX and A/AAAA records come back
//   DNSSEC-authentic and a TLSA record for the MX host is present and authentic; without a TLSA
//   record, mail flows as usual with no DANE check. Failures return 4/5.7.321
//   starttls-not-supported, 4/5.7.322 certificate-expired, 4/5.7.323 tlsa-invalid, 4/5.7.324
//   dnssec-invalid, 4/5.7.325 certificate-host-mismatch (the TLS-RPT result types of RFC 8460).
// - "Inbound SMTP DANE with DNSSEC": the same rules seen from the receiving side (an MX under
//   mx.microsoft with TLSA records); the step judges partner domains the way that page describes
//   Microsoft's own being judged.
// - "Enhancing mail flow with MTA-STS" and the Exchange team's "Introducing MTA-STS for Exchange
//   Online": MTA-STS is always on outbound; a failure returns "5.7.5 Remote certificate failed
//   MTA-STS validation" (MTA-STS is not checked yet by this tool).
// - Exchange team, "Announcing SMTP DANE & MTA-STS Connector Modes in Exchange Online" (2026):
//   an outbound connector can be Opportunistic (default: validate when the destination
//   publishes), Mandatory (DANE required) or None. This step judges Opportunistic, the default.

/// Does Exchange Online apply DANE to a mail host? Only when the MX records (MX mode; `None` for
/// a smart host, which has no MX lookup), the host's address records and its TLSA records are
/// all DNSSEC-secure and at least one TLSA record exists ("How SMTP DANE works": the TLSA lookup
/// follows authentic MX and A/AAAA answers; no TLSA record, no DANE check).
///
/// An indeterminate answer (this computer's DNS server dropped the DNSSEC records) is read as
/// "not applied": calling it a failure would invent one that Microsoft 365, validating from its
/// own resolvers, does not see. The step's detail shows each verdict so it is not hidden either.
pub fn dane_applies(
    mx: Option<crate::checks::dnssec::DnssecStatus>,
    address: crate::checks::dnssec::DnssecStatus,
    tlsa: crate::checks::dnssec::DnssecStatus,
    tlsa_records: usize,
) -> bool {
    use crate::checks::dnssec::DnssecStatus::Secure;
    mx.is_none_or(|m| m == Secure) && address == Secure && tlsa == Secure && tlsa_records > 0
}

/// Which TLSA records count. RFC 7672 section 3.1.3 (the standard "How SMTP DANE works" names
/// as the one Exchange Online implements):
/// usages PKIX-TA (0) and PKIX-EE (1) are unusable for SMTP; DANE-TA (2) and DANE-EE (3) count,
/// with selector 0 (certificate) or 1 (public key) and matching type 0 (full), 1 (SHA-256) or 2
/// (SHA-512). A set with no usable record still means "TLS required, unauthenticated".
pub fn dane_record_usable(record: &crate::checks::dane::Tlsa) -> bool {
    matches!(record.usage, 2 | 3) && record.selector <= 1 && record.matching <= 2
}

/// Is an expired server certificate fatal under DANE? "How SMTP DANE works" lists 4/5.7.322
/// certificate-expired among DANE failures without naming usages; RFC 7672 section 3.1.1 says
/// that with DANE-EE (3) the certificate's dates are ignored, section 3.1.2 that with DANE-TA (2)
/// the chain is validated, dates included. So: fatal when only DANE-TA records matched; with a
/// DANE-EE match it is a warning (never hidden, never a failure Microsoft may not make).
pub fn dane_expiry_is_fatal(matched_via_trust_anchor_only: bool) -> bool {
    matched_via_trust_anchor_only
}

/// `domain` is `base` or a subdomain of it at any depth (label-aligned: `notcontoso.com` is not
/// under `contoso.com`).
fn is_at_or_under(domain: &str, base: &str) -> bool {
    !base.is_empty()
        && (domain == base
            || domain
                .strip_suffix(base)
                .is_some_and(|head| head.len() > 1 && head.ends_with('.')))
}

fn canonical(text: &str) -> String {
    text.trim().trim_end_matches('.').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: `*.contoso.com` was read as "subdomains only", so a test address
    /// `user@contoso.com` got a false `email.out-of-scope`.
    #[test]
    fn star_recipient_domain_covers_the_domain_itself_not_a_false_out_of_scope() {
        assert!(recipient_domain_covers("*.contoso.com", "contoso.com"));
        assert!(recipient_domain_covers("*.Contoso.com", "CONTOSO.COM."));
        assert!(recipient_domain_covers("*.contoso.com", "eu.contoso.com"));
        assert!(recipient_domain_covers("*.contoso.com", "a.eu.contoso.com"));
        assert!(!recipient_domain_covers("*.contoso.com", "notcontoso.com"));
        assert!(!recipient_domain_covers(
            "*.contoso.com",
            "contoso.com.evil.example"
        ));
        assert!(!recipient_domain_covers("*.contoso.com", "com"));
        assert!(recipient_domain_covers("*", "anything.org"));
        assert!(recipient_domain_covers("contoso.com", "contoso.com"));
        assert!(!recipient_domain_covers("contoso.com", "eu.contoso.com"));
        assert!(!recipient_domain_covers("", "contoso.com"));
    }

    /// Regression: `TlsDomain *.contoso.com` refused a certificate for `contoso.com`, a false
    /// `tls.name-mismatch`.
    #[test]
    fn star_tls_domain_accepts_the_domain_itself_not_a_false_name_mismatch() {
        let setting = "*.contoso.com";
        for name in [
            "contoso.com",
            "mail.contoso.com",
            "a.eu.contoso.com",
            "*.contoso.com",
            "*.eu.contoso.com",
            "MAIL.Contoso.com.",
        ] {
            assert!(tls_domain_accepts(setting, name), "{name}");
        }
        for name in [
            "notcontoso.com",
            "mail.notcontoso.com",
            "contoso.com.evil.example",
            "*.com",
            "mail.fabrikam.com",
            "",
        ] {
            assert!(!tls_domain_accepts(setting, name), "{name}");
        }
    }

    #[test]
    fn microsoft_inbound_hosts_are_recognised_by_name_and_address() {
        assert!(is_microsoft_inbound_name(
            "contoso-com.mail.protection.outlook.com."
        ));
        assert!(!is_microsoft_inbound_name(
            "mail.protection.outlook.com.evil.example"
        ));
        assert!(!is_microsoft_inbound_name("notmail.protection.outlook.com"));
        for ip in [
            "40.107.22.1",
            "52.101.0.9",
            "104.47.127.255",
            "2a01:111:f403::1",
        ] {
            assert!(
                is_microsoft_inbound_address(ip.parse().expect("ip")),
                "{ip}"
            );
        }
        for ip in [
            "104.47.128.1",
            "40.106.0.1",
            "2a01:111:f401::1",
            "127.0.0.1",
        ] {
            assert!(
                !is_microsoft_inbound_address(ip.parse().expect("ip")),
                "{ip}"
            );
        }
        let mapped: std::net::IpAddr = "::ffff:40.107.1.1".parse().expect("ip");
        assert!(is_microsoft_inbound_address(mapped));
    }

    #[test]
    fn exact_tls_domain_needs_that_name_or_a_one_label_wildcard() {
        assert!(tls_domain_accepts("mail.contoso.com", "mail.contoso.com"));
        assert!(tls_domain_accepts("mail.contoso.com", "*.contoso.com"));
        assert!(!tls_domain_accepts("mail.contoso.com", "contoso.com"));
        assert!(!tls_domain_accepts("a.b.contoso.com", "*.contoso.com"));
        assert!(!tls_domain_accepts("contoso.com", "*.contoso.com"));
        assert!(!tls_domain_accepts("contoso.com", "mail.contoso.com"));
    }
}
