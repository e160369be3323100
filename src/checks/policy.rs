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

// --- TLS versions and cipher suites (what Microsoft 365 negotiates when it sends) ---

/// A TLS protocol version, as the probe names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TlsVersion {
    Tls10,
    Tls11,
    Tls12,
    Tls13,
}

impl TlsVersion {
    /// Oldest first.
    pub const ALL: [TlsVersion; 4] = [
        TlsVersion::Tls10,
        TlsVersion::Tls11,
        TlsVersion::Tls12,
        TlsVersion::Tls13,
    ];

    /// The version number on the wire (`0x0303` for TLS 1.2).
    pub fn wire(self) -> u16 {
        match self {
            TlsVersion::Tls10 => 0x0301,
            TlsVersion::Tls11 => 0x0302,
            TlsVersion::Tls12 => 0x0303,
            TlsVersion::Tls13 => 0x0304,
        }
    }

    pub fn from_wire(wire: u16) -> Option<TlsVersion> {
        TlsVersion::ALL.into_iter().find(|v| v.wire() == wire)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TlsVersion::Tls10 => "TLS 1.0",
            TlsVersion::Tls11 => "TLS 1.1",
            TlsVersion::Tls12 => "TLS 1.2",
            TlsVersion::Tls13 => "TLS 1.3",
        }
    }
}

/// Does Microsoft 365 ever use this version to send mail?
///
/// Sources: Microsoft Learn, "Technical reference details about encryption" ("Office 365
/// supports TLS version 1.2"; "TLS version 1.3 (TLS 1.3) is supported by some of the
/// services"; "Support for TLS 1.0 and 1.1 deprecation": disabled for Worldwide from October
/// 15, 2020), and the Exchange Team's "Understanding email scenarios if TLS versions cannot be
/// agreed on with Exchange Online" ("Exchange Online will never use TLS 1.0 or 1.1 to send
/// outbound email").
///
/// TLS 1.3 is `Maybe`: Microsoft does not say whether Exchange Online's outbound SMTP is among
/// the "some services". A server reachable only over TLS 1.3 is therefore never failed (that
/// would turn a doubt into a failure) and never passed silently either: it is a warning.
pub fn microsoft_sends_with(version: TlsVersion) -> Support {
    match version {
        TlsVersion::Tls10 | TlsVersion::Tls11 => Support::Never,
        TlsVersion::Tls12 => Support::Yes,
        TlsVersion::Tls13 => Support::Maybe,
    }
}

/// Whether Microsoft documents that it uses something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    Yes,
    /// Microsoft is silent or unclear: never a failure, never a silent pass.
    Maybe,
    Never,
}

/// One cipher suite of Microsoft's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MicrosoftSuite {
    /// IANA identifier.
    pub id: u16,
    /// IANA name, as Microsoft's table writes it.
    pub name: &'static str,
    /// Microsoft's table marks it without forward secrecy ("Forward secrecy: No"), or lists
    /// it only among the suites kept for TLS 1.0 and 1.1 "until their deprecation date".
    pub weak: bool,
}

const fn suite(id: u16, name: &'static str, weak: bool) -> MicrosoftSuite {
    MicrosoftSuite { id, name, weak }
}

/// The TLS 1.2 suites Microsoft 365 uses, strongest first, in the order Microsoft 365 offers
/// them.
///
/// Source: Microsoft Learn, "Technical reference details about encryption", section "TLS
/// cipher suites supported by Office 365": the first table (eight suites, "in order of
/// strength"), then the suites of the second table ("supported TLS 1.0 and 1.1 protocols until
/// their deprecation date", each marked "TLS 1.0, 1.1, 1.2") that the first does not repeat.
/// The page also says that when Office 365 requests a connection "the receiving service
/// chooses whether TLS will be used and which cipher suite to use": the server's choice among
/// these is what the probe reports.
///
/// Which are weak: Microsoft's table gives "Forward secrecy: No" for every `TLS_RSA_WITH_…`
/// suite, and the second table's suites are the legacy set; Microsoft does not say whether
/// the second table still applies to TLS 1.2. Our reading: they still count as a suite
/// Microsoft 365 can use (refusing them would invent a `tls.no-common-cipher`), but a server
/// that offers nothing better gets a warning (`tls.weak-cipher`), never a silent pass.
/// `TLS_ECDHE_RSA_WITH_AES_*_CBC_SHA` appear in the first table too, with forward secrecy:
/// not weak.
pub const MICROSOFT_TLS12_SUITES: [MicrosoftSuite; 12] = [
    suite(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", false),
    suite(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", false),
    suite(0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", false),
    suite(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", false),
    suite(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", false),
    suite(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", false),
    suite(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384", true),
    suite(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", true),
    suite(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", true),
    suite(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", true),
    suite(0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256", true),
    suite(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", true),
];

/// The TLS 1.3 suites offered when probing TLS 1.3. Microsoft lists none for TLS 1.3; these
/// are the two AES-GCM suites of RFC 8446 (9.1: `TLS_AES_128_GCM_SHA256` must be implemented,
/// `TLS_AES_256_GCM_SHA384` should), the only TLS 1.3 suites whose algorithms fit the page's
/// "All cipher suites supported by Office 365 use algorithms acceptable under FIPS 140-2"
/// (ChaCha20 is not such an algorithm).
pub const TLS13_PROBE_SUITES: [MicrosoftSuite; 2] = [
    suite(0x1302, "TLS_AES_256_GCM_SHA384", false),
    suite(0x1301, "TLS_AES_128_GCM_SHA256", false),
];

/// ECDSA-authenticated TLS 1.2 suites, asked separately from Microsoft's list.
///
/// Microsoft's published TLS 1.2 list names only RSA-authenticated suites and says nothing of
/// servers whose only certificate is ECDSA (common: certbot makes ECDSA keys by default). The
/// list is what Microsoft 365 supports, and the page leaves the choice to the receiving
/// server; it does not say Microsoft 365 offers nothing else when it sends. A public report
/// shows it does: a Postfix log of mail received from Outlook / Microsoft 365 negotiated
/// "TLSv1.2 … ECDHE-ECDSA-AES256-GCM-SHA384" (github.com/LukeSmithxyz/emailwiz, issue 292,
/// 2023). So a server that accepts one of these is reachable: no warning, but the report
/// says the suite is not in Microsoft's published list. Whether Microsoft 365 sends over TLS
/// 1.3 is not documented (see [`microsoft_sends_with`]): a server reachable only over TLS 1.3
/// is the remaining doubt, a warning, never a failure.
pub const ECDSA_TLS12_SUITES: [MicrosoftSuite; 6] = [
    suite(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", false),
    suite(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", false),
    suite(0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", false),
    suite(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", false),
    suite(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", false),
    suite(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", false),
];

/// The suites offered when asking whether a server still speaks TLS 1.0 or 1.1: the second
/// table of "Technical reference details about encryption" (the suites Microsoft kept for TLS
/// 1.0 and 1.1 until their deprecation), plus their ECDSA twins, so that a legacy server is
/// recognised as legacy (`tls.protocol-too-old`) whatever its certificate.
pub const LEGACY_PROBE_SUITES: [MicrosoftSuite; 6] = [
    suite(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", false),
    suite(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", false),
    suite(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", false),
    suite(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", false),
    suite(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", true),
    suite(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", true),
];

/// A suite of Microsoft's TLS 1.2 list, by identifier.
pub fn microsoft_tls12_suite(id: u16) -> Option<&'static MicrosoftSuite> {
    MICROSOFT_TLS12_SUITES.iter().find(|s| s.id == id)
}

/// Any suite this module knows, by identifier (for naming what a server chose).
pub fn known_suite(id: u16) -> Option<&'static MicrosoftSuite> {
    MICROSOFT_TLS12_SUITES
        .iter()
        .chain(TLS13_PROBE_SUITES.iter())
        .chain(ECDSA_TLS12_SUITES.iter())
        .chain(LEGACY_PROBE_SUITES.iter())
        .find(|s| s.id == id)
}

/// What Microsoft 365 would get from a server, given what the server accepted per version
/// (the suite it chose, when it accepted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Negotiation {
    /// TLS 1.2 with a suite from Microsoft's list (`weak` as Microsoft marks it).
    Microsoft { suite: &'static MicrosoftSuite },
    /// Nothing from Microsoft's RSA list, but an ECDSA suite in TLS 1.2: reachable as seen in
    /// practice (see [`ECDSA_TLS12_SUITES`]), not in Microsoft's published list.
    Ecdsa { suite: &'static MicrosoftSuite },
    /// Nothing in TLS 1.2, only TLS 1.3: Microsoft does not say it sends with it (see
    /// [`microsoft_sends_with`]). A warning.
    Tls13Only { suite: u16 },
    /// Only TLS 1.0 or 1.1: Microsoft 365 never sends with them.
    TooOld { versions: Vec<TlsVersion> },
    /// The server answered in TLS and refused every hello: no version and suite in common.
    NoCommonCipher,
    /// Nothing learnt (connections failed, STARTTLS refused, not TLS): no verdict.
    Unknown,
}

/// The answer of one probe hello.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelloAnswer {
    /// ServerHello (or HelloRetryRequest) with this suite.
    Accepted(u16),
    /// A TLS alert, or a ServerHello outside what was offered: a clear "no".
    Refused,
    /// No TLS answer (connection, SMTP or timeout problem): proves nothing.
    Inconclusive,
}

/// Reads the probe's answers the way Microsoft 365 would go through them: its TLS 1.2 list
/// first; then ECDSA suites (seen in practice); then TLS 1.3 (not documented for sending);
/// then the legacy versions it never uses. A
/// failure (`TooOld`, `NoCommonCipher`) needs a clear TLS answer to TLS 1.2 — an
/// inconclusive probe never makes one.
pub fn negotiation(
    tls12_microsoft: HelloAnswer,
    tls13: HelloAnswer,
    tls12_ecdsa: HelloAnswer,
    legacy: &[(TlsVersion, HelloAnswer)],
) -> Negotiation {
    if let HelloAnswer::Accepted(id) = tls12_microsoft
        && let Some(suite) = microsoft_tls12_suite(id)
    {
        return Negotiation::Microsoft { suite };
    }
    if let HelloAnswer::Accepted(id) = tls12_ecdsa
        && let Some(suite) = ECDSA_TLS12_SUITES.iter().find(|s| s.id == id)
    {
        return Negotiation::Ecdsa { suite };
    }
    if let HelloAnswer::Accepted(suite) = tls13 {
        return Negotiation::Tls13Only { suite };
    }
    if tls12_microsoft != HelloAnswer::Refused {
        return Negotiation::Unknown;
    }
    let old: Vec<TlsVersion> = legacy
        .iter()
        .filter(|(_, answer)| matches!(answer, HelloAnswer::Accepted(_)))
        .map(|(v, _)| *v)
        .collect();
    if !old.is_empty() {
        return Negotiation::TooOld { versions: old };
    }
    Negotiation::NoCommonCipher
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
//   MTA-STS validation" (the rules are below, "MTA-STS and TLS-RPT").
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

// MTA-STS and TLS-RPT (issue 13).
//
// Sources:
// - Microsoft Learn, "Enhancing mail flow with MTA-STS" (Outbound Protection): every message
//   Exchange Online sends to an MTA-STS-protected domain is validated, always on, nothing for an
//   admin to turn on; "For Outbound connectors using smart hosts, we're performing the MTA-STS
//   validation against the smart host domain, not the final destination domain for the
//   recipient". When the policy is in enforce mode and validation fails, the sender gets an NDR:
//   "5.4.8 MX hosts of <domain> failed MTA-STS validation" (the MX is not in the policy's `mx`
//   lines) or "5.7.5 Remote certificate failed MTA-STS validation" (the certificate does not
//   chain to a trusted root or does not carry the MX name of the policy).
// - Exchange team, "Introducing MTA-STS for Exchange Online" (2022): MTA-STS for all outbound
//   mail, always on, respecting the recipient domain's policy.
// - Exchange team, "Announcing SMTP DANE & MTA-STS Connector Modes in Exchange Online" (2026):
//   MTA-STS on an outbound connector is Opportunistic (default) or None; there is no Mandatory
//   MTA-STS. This check judges the default.
// - RFC 8461 (MTA-STS): TXT record section 3.1, policy section 3.2, fetch over HTTPS with a
//   valid certificate for mta-sts.<domain> and no redirects, section 3.3; MX matching (a
//   wildcard is one leftmost label) section 4.1; certificate of the MX, section 4.2; in testing
//   mode failures are only reported, in none mode the policy is a withdrawal (section 5).
//   Section 2: "senders who implement MTA-STS validation MUST NOT allow MTA-STS Policy
//   validation to override a failing DANE validation".
// - RFC 8460 (TLS-RPT): `_smtp._tls.<domain>` TXT, `v=TLSRPTv1; rua=mailto:…,https:…`.
//
// Order of DANE and MTA-STS: the Microsoft Learn pages above and "How SMTP DANE works" do not say
// which one Exchange Online applies when a host has both. RFC 8461 section 2 lets DANE decide
// (MTA-STS cannot rescue a DANE failure), and DANE senders in practice skip MTA-STS for a host
// under DANE. So on a host where DANE applies (`policy::dane_applies`) an MTA-STS problem is
// a warning that names DANE, never a failure: calling it a failure could invent a refusal that
// Microsoft 365 does not make, and hiding it would hide a broken policy that matters the day
// DNSSEC breaks.

/// What Microsoft 365 does with an MTA-STS problem on one MX host (see the sources above).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MtaStsEffect {
    /// Enforce mode and no MX is left to deliver to: the message is refused (5.4.8 / 5.7.5).
    Refused,
    /// Testing mode: the problem is only reported (TLS-RPT), mail flows.
    Reported,
    /// Enforce mode, but another MX is listed and presents a valid certificate: Microsoft 365
    /// skips this one (RFC 8461 section 5) and delivers through the others.
    OtherMx,
    /// DANE applies to this host and decides instead.
    DaneDecides,
    /// Mode none: the policy is withdrawn.
    Ignored,
}

impl MtaStsEffect {
    pub fn as_str(self) -> &'static str {
        match self {
            MtaStsEffect::Refused => "refused",
            MtaStsEffect::Reported => "reported",
            MtaStsEffect::OtherMx => "other-mx",
            MtaStsEffect::DaneDecides => "dane",
            MtaStsEffect::Ignored => "ignored",
        }
    }
}

/// The effect of an MTA-STS problem (an MX not listed, or a certificate that does not validate
/// for the MX name) on a host, given the policy's mode, whether DANE applies to that host and
/// whether another MX passes the policy.
pub fn mta_sts_effect(
    mode: crate::checks::mta_sts::StsMode,
    host_under_dane: bool,
    another_mx_passes: bool,
) -> MtaStsEffect {
    use crate::checks::mta_sts::StsMode;
    match mode {
        StsMode::None => MtaStsEffect::Ignored,
        StsMode::Testing => MtaStsEffect::Reported,
        StsMode::Enforce if host_under_dane => MtaStsEffect::DaneDecides,
        StsMode::Enforce if another_mx_passes => MtaStsEffect::OtherMx,
        StsMode::Enforce => MtaStsEffect::Refused,
    }
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
    fn microsoft_tls12_list_is_in_microsofts_order_and_marks_weak_suites() {
        assert_eq!(
            MICROSOFT_TLS12_SUITES[0].name,
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
        );
        for s in MICROSOFT_TLS12_SUITES {
            assert_eq!(s.weak, s.name.starts_with("TLS_RSA_"), "{}", s.name);
            let parsed = tls_parser::TlsCipherSuite::from_id(s.id).map(|c| c.name);
            assert_eq!(parsed, Some(s.name), "IANA name of {:#06x}", s.id);
        }
    }

    #[test]
    fn negotiation_never_fails_on_an_inconclusive_probe_nor_on_an_undocumented_path() {
        use HelloAnswer::*;
        let legacy = [
            (TlsVersion::Tls10, Accepted(0x002f)),
            (TlsVersion::Tls11, Refused),
        ];
        assert_eq!(
            negotiation(Refused, Refused, Refused, &legacy),
            Negotiation::TooOld {
                versions: vec![TlsVersion::Tls10]
            }
        );
        assert_eq!(
            negotiation(Inconclusive, Refused, Refused, &legacy),
            Negotiation::Unknown
        );
        assert_eq!(
            negotiation(Refused, Refused, Refused, &[]),
            Negotiation::NoCommonCipher
        );
        assert_eq!(
            negotiation(Refused, Accepted(0x1302), Refused, &legacy),
            Negotiation::Tls13Only { suite: 0x1302 }
        );
        assert!(matches!(
            negotiation(Refused, Accepted(0x1302), Accepted(0xc02c), &[]),
            Negotiation::Ecdsa { suite } if suite.id == 0xc02c
        ));
        assert!(matches!(
            negotiation(Accepted(0x009c), Accepted(0x1302), Refused, &[]),
            Negotiation::Microsoft { suite } if suite.weak
        ));
        assert_eq!(microsoft_sends_with(TlsVersion::Tls11), Support::Never);
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
