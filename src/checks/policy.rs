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

// --- MX routing (UseMXRecord mode) ---

/// The order in which Microsoft 365 tries the addresses of a domain's MX hosts, as indices into
/// `candidates` (each an MX preference and an address).
///
/// Source: Microsoft's Exchange Team Blog, "IPv6 updates for Exchange Online" (October 2024):
/// "Email servers attempt to deliver messages to the MX host with the lowest preference value
/// first"; among the hosts sharing a preference, Exchange Online "first [tries] all the IPv6
/// addresses … followed by their IPv4 addresses, before moving on to" the next preference (it
/// adds that "in certain scenarios, IPv4 may still be prioritized"). RFC 5321 section 5.1 says the
/// same of MX preference: the client tries each address in order until a delivery succeeds.
/// Within one preference and one family the order is the one DNS gave, which Microsoft does not
/// pin down and which does not change which MX gets the mail.
pub fn mx_attempt_order(candidates: &[(u16, std::net::IpAddr)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    // Stable: equal keys keep the DNS order.
    order.sort_by_key(|&i| {
        let (preference, ip) = candidates[i];
        (preference, !ip.to_canonical().is_ipv6())
    });
    order
}

/// How one MX address fared, as far as routing is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MxAddressOutcome {
    /// Every step passed (warnings allowed): Microsoft 365 could hand the mail over here.
    Works,
    /// Nothing answered as a mail server: the connection failed, no greeting came, or the server
    /// said 421 busy. `unreachable` when the connection timed out or the network had no route
    /// (as opposed to a refusal, which proves the address is reachable).
    Dead { unreachable: bool },
    /// It answered, then failed a later rule (TLS, certificate, recipient): a real failure.
    Failed,
}

/// What a dead MX address means for the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MxFallback {
    /// Another address of the domain works: Microsoft 365 skips this one and delivers there.
    /// The address is a warning with its own line, not a failed run.
    SkippedDead,
    /// Like [`MxFallback::SkippedDead`], and the address's whole family (IPv4 or IPv6) is
    /// unreachable from this network while the other family works: most likely this network's
    /// limit (no IPv6 route here), not the destination's.
    FamilyUnreachableHere,
    /// Stays a failure: nothing else works, or the address failed after answering.
    Strict,
}

/// Judges each MX address of a domain the way Microsoft 365 routes (see [`mx_attempt_order`]):
/// when at least one address works, a *dead* address (see [`MxAddressOutcome::Dead`]) is skipped
/// — Microsoft 365 goes on to the next address, and a message queued for a dead primary is
/// delivered to a working backup ("Mail flow intelligence in Microsoft 365": a message that
/// cannot be delivered is queued and retried for 24 hours; RFC 5321 section 5.1: try every
/// address until a delivery succeeds).
///
/// Where Microsoft is silent, the strict reading: an address that answered and then failed TLS,
/// its certificate or the recipient stays a failure even when a backup works, since Microsoft
/// does not say that it falls back after those, and Microsoft 365 reaches that address before
/// or instead of the backup whenever it is up. When no address works, every failure stays.
/// Smart hosts never come here: each of them is checked strictly.
pub fn mx_fallback(outcomes: &[(std::net::IpAddr, MxAddressOutcome)]) -> Vec<MxFallback> {
    let works = |v6: bool| {
        outcomes
            .iter()
            .any(|(ip, o)| *o == MxAddressOutcome::Works && ip.to_canonical().is_ipv6() == v6)
    };
    let any_works = works(true) || works(false);
    outcomes
        .iter()
        .map(|(ip, outcome)| match outcome {
            MxAddressOutcome::Dead { unreachable } if any_works => {
                let v6 = ip.to_canonical().is_ipv6();
                if *unreachable && !works(v6) && works(!v6) {
                    MxFallback::FamilyUnreachableHere
                } else {
                    MxFallback::SkippedDead
                }
            }
            _ => MxFallback::Strict,
        })
        .collect()
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

    #[test]
    fn mx_addresses_are_tried_by_preference_then_ipv6_first() {
        let v4: std::net::IpAddr = "127.0.0.1".parse().expect("ip");
        let v6: std::net::IpAddr = "::1".parse().expect("ip");
        let order = mx_attempt_order(&[(20, v4), (10, v4), (10, v6), (20, v6)]);
        assert_eq!(order, vec![2, 1, 3, 0]);
    }

    #[test]
    fn dead_mx_is_skipped_only_when_another_address_works() {
        let v4: std::net::IpAddr = "127.0.0.1".parse().expect("ip");
        let v4b: std::net::IpAddr = "127.0.0.2".parse().expect("ip");
        let v6: std::net::IpAddr = "::1".parse().expect("ip");
        let dead = MxAddressOutcome::Dead { unreachable: false };
        let no_route = MxAddressOutcome::Dead { unreachable: true };
        assert_eq!(
            mx_fallback(&[(v4b, dead), (v4, MxAddressOutcome::Works)]),
            vec![MxFallback::SkippedDead, MxFallback::Strict]
        );
        // IPv6 unreachable here while IPv4 works: this network's limit.
        assert_eq!(
            mx_fallback(&[(v6, no_route), (v4, MxAddressOutcome::Works)]),
            vec![MxFallback::FamilyUnreachableHere, MxFallback::Strict]
        );
        // A refused IPv6 address is a dead server, not an unreachable family.
        assert_eq!(
            mx_fallback(&[(v6, dead), (v4, MxAddressOutcome::Works)])[0],
            MxFallback::SkippedDead
        );
        // Nothing works: every failure stays.
        assert_eq!(
            mx_fallback(&[(v4b, dead), (v4, dead)]),
            vec![MxFallback::Strict, MxFallback::Strict]
        );
        // A TLS failure is never excused by a working backup.
        assert_eq!(
            mx_fallback(&[
                (v4b, MxAddressOutcome::Failed),
                (v4, MxAddressOutcome::Works)
            ])[0],
            MxFallback::Strict
        );
    }
}
