//! One case per finding of the 5.7.64 diagnosis, on the samples of tests/data/tenant (logs
//! written like Exchange's, NDRs, message traces, send connector and certificate JSON). The same
//! table drives the command line (tests/cli/tenant_findings.rs) and the wizard
//! (tests/gui/gui_tenant_findings.rs), each in English and French, so a finding cannot be
//! produced by one face and lost by the other.

use std::path::{Path, PathBuf};

/// Where the certificate evidence comes from: the wizard's "Certificate source" page, or the
/// matching command-line options.
pub enum Source {
    /// `--log`, the wizard's "Log files or folders" (relative to tests/data/tenant).
    Logs(&'static str),
    /// A certificate file for `names`, made at test time by a private CA (see [`cert_file`]).
    CertFile {
        names: &'static [&'static str],
        expired: bool,
        /// The file holds the issuing CA after the leaf (a complete chain).
        with_ca: bool,
    },
    /// The evidence an admin already holds (relative to tests/data/tenant/evidence).
    Evidence {
        ndr: &'static [&'static str],
        trace: Option<&'static str>,
        send_connectors: Option<&'static str>,
        certificates: Option<&'static str>,
        /// Give the JSON files as Windows PowerShell 5.1's `>` writes them: UTF-16 LE with a
        /// byte-order mark.
        utf16: bool,
    },
}

pub struct Case {
    /// What the case shows, for failure messages.
    pub name: &'static str,
    pub tls_sender_certificate_name: Option<&'static str>,
    pub sender_ips: &'static [&'static str],
    pub accepted_domains: &'static [&'static str],
    /// `Get-InboundConnector | ConvertTo-Json` (relative to tests/data/tenant): the CLI's
    /// `--inbound-connector-json`, the wizard's pasted import.
    pub inbound_connector_json: Option<&'static str>,
    /// The public address the server sends from (`--sending-ip`).
    pub sending_ip: Option<&'static str>,
    pub source: Source,
    /// `(code, detail id)` of each finding that must be there.
    pub found: &'static [(&'static str, &'static str)],
    /// Codes that must not be there.
    pub absent: &'static [&'static str],
    /// The verdict fails (the command exits 1).
    pub fails: bool,
    /// Text (English, French) that must be shown in a warning, a note or an evidence line: what
    /// the case produces besides its findings.
    pub shows: Option<(&'static str, &'static str)>,
}

const ISSUER_SUBJECT: &str = "<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com, O=Contoso Ltd, C=US";

const fn evidence(
    trace: Option<&'static str>,
    send_connectors: Option<&'static str>,
    certificates: Option<&'static str>,
    utf16: bool,
) -> Source {
    Source::Evidence {
        ndr: &[],
        trace,
        send_connectors,
        certificates,
        utf16,
    }
}

pub const CASES: &[Case] = &[
    Case {
        name: "or rule: certificate domain not accepted but MAIL FROM accepted passes",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &["contoso.com"],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("attribution/or-mail-from"),
        found: &[],
        absent: &["attribution.sender-domain-not-accepted"],
        fails: false,
        shows: None,
    },
    Case {
        name: "or rule: neither the certificate domain nor MAIL FROM accepted fails",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &["fabrikam.com"],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("attribution/or-mail-from"),
        found: &[(
            "attribution.sender-domain-not-accepted",
            "finding-sender-domain-not-accepted",
        )],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "null sender with a certificate domain not accepted fails",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &["contoso.com"],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("attribution/null-sender"),
        found: &[(
            "attribution.sender-domain-not-accepted",
            "finding-null-sender-not-accepted",
        )],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "IPv6 session to an IP-based connector",
        tls_sender_certificate_name: None,
        sender_ips: &["203.0.113.25"],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("attribution/ipv6"),
        found: &[("attribution.ipv6-sender", "finding-ipv6-sender")],
        absent: &["attribution.ip-not-listed"],
        fails: true,
        shows: None,
    },
    Case {
        name: "two servers, one still sending the old certificate",
        tls_sender_certificate_name: Some("smtp.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("attribution/servers"),
        found: &[(
            "attribution.certificate-changed",
            "finding-certificate-stale-server",
        )],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "a renewal with another name broke the match on a given day",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("renewal"),
        found: &[
            (
                "attribution.certificate-changed",
                "finding-certificate-changed-broke",
            ),
            (
                "attribution.certificate-name-mismatch",
                "finding-name-mismatch",
            ),
        ],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "a Receive log given as a Send log is named and not used",
        tls_sender_certificate_name: Some("smtp.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("attribution/with-receive"),
        found: &[],
        absent: &["attribution.certificate-name-mismatch"],
        fails: false,
        shows: Some((
            "not \"SMTP Send Protocol Log\": it was not used",
            "et non « SMTP Send Protocol Log » : il n'a pas été utilisé",
        )),
    },
    Case {
        name: "NoCredentials: the send connector's certificate was not found",
        tls_sender_certificate_name: Some("smtp.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("attribution/no-credentials"),
        found: &[
            (
                "attribution.certificate-not-found",
                "finding-certificate-not-found",
            ),
            (
                "attribution.no-certificate-sent",
                "finding-no-certificate-sent",
            ),
        ],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "wildcard certificate against an exact name",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("attribution/wildcard"),
        found: &[(
            "attribution.certificate-name-mismatch",
            "finding-name-mismatch",
        )],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "wildcard certificate against the wildcard value passes",
        tls_sender_certificate_name: Some("*.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("attribution/wildcard"),
        found: &[],
        absent: &["attribution.certificate-name-mismatch"],
        fails: false,
        shows: None,
    },
    Case {
        name: "issuer-only change in the <I>issuer<S>subject form",
        tls_sender_certificate_name: Some(ISSUER_SUBJECT),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("attribution/issuer-changed"),
        found: &[(
            "attribution.certificate-name-mismatch",
            "finding-issuer-changed",
        )],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "inbound connector of the Partner type, and turned off",
        tls_sender_certificate_name: None,
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: Some("inbound-connector-partner-disabled.json"),
        sending_ip: None,
        source: Source::Logs("attribution/or-mail-from"),
        found: &[
            (
                "attribution.connector-not-on-premises",
                "finding-connector-not-on-premises",
            ),
            (
                "attribution.connector-disabled",
                "finding-connector-disabled",
            ),
        ],
        absent: &["attribution.certificate-name-mismatch"],
        fails: true,
        shows: None,
    },
    Case {
        name: "certificate file: expired, without its issuer",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::CertFile {
            names: &["mail.contoso.com"],
            expired: true,
            with_ca: false,
        },
        found: &[
            (
                "attribution.certificate-expired",
                "finding-certificate-expired",
            ),
            (
                "attribution.chain-incomplete",
                "finding-chain-incomplete-file",
            ),
        ],
        absent: &["attribution.certificate-name-mismatch"],
        fails: true,
        shows: None,
    },
    Case {
        name: "sending IP outside SenderIPAddresses",
        tls_sender_certificate_name: None,
        sender_ips: &["198.51.100.7", "203.0.113.0/25"],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: Some("203.0.113.128"),
        source: Source::CertFile {
            names: &["mail.contoso.com"],
            expired: false,
            with_ca: true,
        },
        found: &[("attribution.ip-not-listed", "finding-ip-not-listed")],
        absent: &["attribution.chain-incomplete"],
        fails: true,
        shows: None,
    },
    Case {
        name: "ATT36 replies in the log: the domain is not an accepted domain",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Logs("att36"),
        found: &[("attribution.domain-not-accepted", "finding-domain-att36")],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "NDR .eml files are read as evidence",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: Source::Evidence {
            ndr: &["ndr-5.7.64.eml", "ndr-4.7.320-base64.eml"],
            trace: None,
            send_connectors: None,
            certificates: None,
            utf16: false,
        },
        found: &[],
        absent: &[],
        fails: false,
        shows: Some((
            "remote server contoso-com.mail.protection.outlook.com",
            "serveur distant contoso-com.mail.protection.outlook.com",
        )),
    },
    Case {
        name: "message trace: the NAT address is not in SenderIPAddresses",
        tls_sender_certificate_name: None,
        sender_ips: &["203.0.113.25"],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: evidence(Some("message-trace-extended.csv"), None, None, false),
        found: &[(
            "attribution.trace-ip-not-listed",
            "finding-trace-ip-not-listed",
        )],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "message trace without the SMTP reply (Get-MessageTraceV2) says it cannot show 5.7.64",
        tls_sender_certificate_name: None,
        sender_ips: &["198.51.100.25"],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: evidence(Some("message-trace-v2.csv"), None, None, false),
        found: &[],
        absent: &["attribution.trace-ip-not-listed"],
        fails: false,
        shows: Some((
            "cannot show whether the reason was 5.7.64",
            "ne permet donc pas de savoir si la cause était 5.7.64",
        )),
    },
    Case {
        name: "send connector and certificate JSON in UTF-8: expired certificate, renewal not named",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: evidence(
            None,
            Some("send-connectors.json"),
            Some("exchange-certificates.json"),
            false,
        ),
        found: &[
            (
                "attribution.send-connector-certificate-unusable",
                "finding-send-connector-certificate-unusable",
            ),
            (
                "attribution.send-connector-renewal-risk",
                "finding-send-connector-renewal-risk",
            ),
        ],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "send connector and certificate JSON in UTF-16: expired certificate, renewal not named",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: evidence(
            None,
            Some("send-connectors.json"),
            Some("exchange-certificates.json"),
            true,
        ),
        found: &[
            (
                "attribution.send-connector-certificate-unusable",
                "finding-send-connector-certificate-unusable",
            ),
            (
                "attribution.send-connector-renewal-risk",
                "finding-send-connector-renewal-risk",
            ),
        ],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "send connector names a certificate whose issuer changed at renewal (UTF-8)",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: evidence(
            None,
            Some("send-connectors.json"),
            Some("exchange-certificates-renewed-iis-only.json"),
            false,
        ),
        found: &[(
            "attribution.send-connector-certificate-not-found",
            "finding-send-connector-certificate-issuer-changed",
        )],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "send connector certificate not for SMTP and named for another host (UTF-16)",
        tls_sender_certificate_name: Some("smtp.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: evidence(
            None,
            Some("send-connector-renewed.json"),
            Some("exchange-certificates-renewed-iis-only.json"),
            true,
        ),
        found: &[
            (
                "attribution.send-connector-certificate-not-smtp",
                "finding-send-connector-certificate-not-smtp",
            ),
            (
                "attribution.send-connector-certificate-name-mismatch",
                "finding-send-connector-certificate-name-mismatch",
            ),
        ],
        absent: &[],
        fails: true,
        shows: None,
    },
    Case {
        name: "send connector without TlsCertificateName (UTF-16)",
        tls_sender_certificate_name: Some("mail.contoso.com"),
        sender_ips: &[],
        accepted_domains: &[],
        inbound_connector_json: None,
        sending_ip: None,
        source: evidence(None, Some("send-connector-unset.json"), None, true),
        found: &[(
            "attribution.send-connector-certificate-unset",
            "finding-send-connector-certificate-unset",
        )],
        absent: &[],
        fails: false,
        shows: None,
    },
];

pub fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tenant")
        .join(path)
}

/// An evidence file as the case gives it: the sample itself, or its UTF-16 LE copy (with a
/// byte-order mark) written in `dir`.
pub fn evidence_file(dir: &Path, name: &str, utf16: bool) -> PathBuf {
    let path = data("evidence").join(name);
    if !utf16 {
        return path;
    }
    let text = std::fs::read_to_string(&path).expect("sample");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.trim_start_matches('\u{feff}').encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let copy = dir.join(name);
    std::fs::write(&copy, bytes).expect("write the UTF-16 copy");
    copy
}

/// Every finding code the diagnosis can produce that the table shows.
pub fn codes_shown() -> Vec<&'static str> {
    let mut codes: Vec<&str> = CASES
        .iter()
        .flat_map(|c| c.found.iter().map(|(code, _)| *code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// A leaf for `names` signed by a private CA, as PEM in `dir` (the leaf, then the CA when
/// `with_ca`); valid 2025–2099, or 2020–2021 when `expired`.
pub fn cert_file(dir: &Path, names: &[&str], expired: bool, with_ca: bool) -> PathBuf {
    use rcgen::{
        BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
        date_time_ymd,
    };
    let ca_key = KeyPair::generate().expect("key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("params");
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, "Contoso Test Issuing CA");
    ca_params.distinguished_name = dn;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).expect("ca");
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().expect("key");
    let mut params =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            .expect("params");
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, names[0]);
    params.distinguished_name = dn;
    (params.not_before, params.not_after) = if expired {
        (date_time_ymd(2020, 1, 1), date_time_ymd(2021, 1, 1))
    } else {
        (date_time_ymd(2025, 1, 1), date_time_ymd(2099, 1, 1))
    };
    let leaf = params.signed_by(&leaf_key, &issuer).expect("leaf");
    let mut pem = leaf.pem();
    if with_ca {
        pem.push_str(&ca_cert.pem());
    }
    let path = dir.join("certificate.pem");
    std::fs::write(&path, pem).expect("write the certificate");
    path
}
