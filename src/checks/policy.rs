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

// ---- Certificate policy: signatures, keys, usage, chain, revocation ----

/// SHA-1 in a signature of the chain the server sends fails whatever the connector's
/// `TlsSettings`.
///
/// Source: Microsoft Learn, "Technical reference details about encryption" (deprecation of
/// SHA-1): since 2016 Microsoft 365 does not accept SHA-1 certificates for inbound or outbound
/// connections and asks for SHA-2 or stronger throughout the certificate chain.
///
/// Our reading: every signature the server *sends* counts (the end-entity's and each
/// intermediate's). A self-signed CA certificate's own signature is not checked by anyone (its
/// trust comes from being in the store, not from its signature), so a root sent along is not
/// judged by it: that would invent a failure. A self-signed end-entity certificate is a SHA-1
/// certificate and counts. Signature algorithms recognised as SHA-1: sha1WithRSAEncryption
/// (both OIDs), ecdsa-with-SHA1, dsa-with-sha1.
pub fn is_sha1_signature(oid: &str) -> bool {
    SHA1_SIGNATURE_OIDS.contains(&oid)
}

const SHA1_SIGNATURE_OIDS: [&str; 4] = [
    "1.2.840.113549.1.1.5", // sha1WithRSAEncryption
    "1.3.14.3.2.29",        // sha-1WithRSAEncryption (OIW)
    "1.2.840.10045.4.1",    // ecdsa-with-SHA1
    "1.2.840.10040.4.3",    // dsa-with-sha1
];

/// The smallest RSA key Microsoft accepts in a certificate chain.
///
/// Source: Microsoft Learn, "Program Requirements - Microsoft Trusted Root Program": CAs in the
/// program must use RSA keys of at least 2048 bits, and have issued only 2048-bit (or larger)
/// intermediate and end-entity certificates since 2011 (1024-bit ones had to expire by the end
/// of 2013). Microsoft does not publish a separate key-size rule for SMTP.
///
/// Our reading: a shorter RSA key anywhere in the chain sent is `tls.weak-key`, judged like the
/// other trust problems (see [`crate::checks::tls::is_fatal`]): a failure when the connector
/// requires a trusted certificate (no CA Microsoft trusts can issue such a certificate, so
/// Exchange Online cannot be validating it today), a warning otherwise (whether Exchange Online
/// still encrypts to it opportunistically is not documented; a failure would be a guess).
pub const MIN_RSA_KEY_BITS: usize = 2048;

/// Is this RSA modulus size too short for Microsoft 365? See [`MIN_RSA_KEY_BITS`].
pub fn is_weak_rsa_key(bits: usize) -> bool {
    bits > 0 && bits < MIN_RSA_KEY_BITS
}

/// Does the end-entity certificate allow TLS server authentication?
///
/// Microsoft does not document the Extended Key Usage Exchange Online requires of a remote
/// server's certificate. Our reading follows RFC 5280 (4.2.1.12), which Windows' chain engine
/// applies for server authentication: no EKU extension means any usage; an EKU extension must
/// list serverAuth (1.3.6.1.5.5.7.3.1) or anyExtendedKeyUsage. A certificate whose EKU lists
/// only, say, clientAuth is refused by every TLS client, so calling it `tls.wrong-usage` hides
/// nothing and invents nothing. Judged like the other trust problems (fatal only when the
/// connector requires a trusted certificate).
pub fn allows_server_auth(eku: Option<(bool, bool)>) -> bool {
    match eku {
        None => true,
        Some((server_auth, any)) => server_auth || any,
    }
}

/// Revocation is part of certificate validation.
///
/// Source: Microsoft Learn, "How Exchange Online uses TLS to secure email connections" and
/// "New-OutboundConnector" (`TlsSettings CertificateValidation`: "chain validation and
/// revocation lists checks"). So a revoked certificate fails under `CertificateValidation` and
/// `DomainValidation`; under `EncryptionOnly` or opportunistic TLS it is a warning.
///
/// Where the status comes from, in order: an OCSP response the server staples to the handshake,
/// else the OCSP responder in the certificate's Authority Information Access, else the CRL in
/// its CRL distribution points. Microsoft is silent on what Exchange Online does when the
/// status cannot be learnt (responder down, bad answer): we neither pass silently nor fail, we
/// warn naming the responder. A certificate that names no responder and no CRL (a private CA)
/// cannot be checked by anyone; that is a note, not a warning.
pub fn revocation_is_fatal(policy: crate::model::TlsPolicy) -> bool {
    policy.requires_trusted_certificate()
}

/// Time and size limits of one revocation fetch (OCSP answer, CRL, issuer certificate). An
/// OCSP answer is a few kilobytes; a large public CRL can reach a few megabytes.
pub const REVOCATION_FETCH_SECS: u64 = 5;
pub const OCSP_MAX_BYTES: usize = 64 * 1024;
pub const CRL_MAX_BYTES: usize = 8 * 1024 * 1024;

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

    #[test]
    fn certificate_policy_rules() {
        assert!(is_sha1_signature("1.2.840.113549.1.1.5"));
        assert!(is_sha1_signature("1.2.840.10045.4.1"));
        assert!(!is_sha1_signature("1.2.840.113549.1.1.11")); // sha256WithRSAEncryption
        assert!(!is_sha1_signature("1.2.840.10045.4.3.2")); // ecdsa-with-SHA256
        assert!(is_weak_rsa_key(1024));
        assert!(is_weak_rsa_key(2047));
        assert!(!is_weak_rsa_key(2048));
        assert!(!is_weak_rsa_key(0), "not an RSA key");
        assert!(allows_server_auth(None), "no EKU: any usage");
        assert!(allows_server_auth(Some((true, false))));
        assert!(
            allows_server_auth(Some((false, true))),
            "anyExtendedKeyUsage"
        );
        assert!(!allows_server_auth(Some((false, false))));
        assert!(revocation_is_fatal(
            crate::model::TlsPolicy::DomainValidation
        ));
        assert!(!revocation_is_fatal(
            crate::model::TlsPolicy::EncryptionOnly
        ));
    }
}
