//! Language-neutral results of a connector check: steps, statuses, failure codes, events.
//! Words come later, from fluent, in the CLI and the GUI.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::cert::CertificateInfo;
use crate::model::CheckRequest;

/// The steps of Microsoft 365's connector validation, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    Resolve,
    Connect,
    Ehlo,
    Tls,
    TestEmail,
    /// DNSSEC and DANE of the destination domain (one step per host, after its addresses).
    DomainSecurity,
}

impl StepKind {
    pub const ALL: [StepKind; 6] = [
        StepKind::Resolve,
        StepKind::Connect,
        StepKind::Ehlo,
        StepKind::Tls,
        StepKind::TestEmail,
        StepKind::DomainSecurity,
    ];

    /// The steps run for each address of a host (the domain-security step is per host).
    pub fn per_address(self) -> bool {
        self != StepKind::DomainSecurity
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Resolve => "resolve",
            StepKind::Connect => "connect",
            StepKind::Ehlo => "ehlo",
            StepKind::Tls => "tls",
            StepKind::TestEmail => "test-email",
            StepKind::DomainSecurity => "domain-security",
        }
    }

    /// Fluent id of the step's display name.
    pub fn label_id(self) -> &'static str {
        match self {
            StepKind::Resolve => "step-resolve",
            StepKind::Connect => "step-connect",
            StepKind::Ehlo => "step-ehlo",
            StepKind::Tls => "step-tls",
            StepKind::TestEmail => "step-test-email",
            StepKind::DomainSecurity => "step-domain-security",
        }
    }
}

impl fmt::Display for StepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Skipped,
    // Results at a glance (issue 12):
    /// After a failure on the same address: Microsoft 365 would stop there and never get to
    /// this step, so it was not run (and is never shown as passed).
    NotReached,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Skipped => "skipped",
            Status::NotReached => "not-reached",
        }
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Status::Pass => "status-pass",
            Status::Warn => "status-warn",
            Status::Fail => "status-fail",
            Status::Skipped => "status-skipped",
            Status::NotReached => "status-not-reached",
        }
    }
}

macro_rules! failure_codes {
    ($($variant:ident => $code:literal),+ $(,)?) => {
        /// Stable, language-neutral failure codes. Their text lives in `locales/*/checks.ftl`
        /// under `guide-<code with dots as dashes>`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum FailureCode { $($variant),+ }

        impl FailureCode {
            pub const ALL: &'static [FailureCode] = &[$(FailureCode::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(FailureCode::$variant => $code),+ }
            }

            pub fn parse(text: &str) -> Option<FailureCode> {
                match text { $($code => Some(FailureCode::$variant),)+ _ => None }
            }
        }
    };
}

failure_codes! {
    ResolveInvalidHost => "resolve.invalid-host",
    ResolveNxdomain => "resolve.nxdomain",
    ResolveNoRecords => "resolve.no-records",
    ResolveNullMx => "resolve.null-mx",
    ResolveDnsError => "resolve.dns-error",
    ResolvePrivateAddress => "resolve.private-address",
    ResolvePointsToMicrosoft => "resolve.points-to-microsoft",
    ConnectRefused => "connect.refused",
    ConnectTimeout => "connect.timeout",
    ConnectUnreachable => "connect.unreachable",
    EhloNoBanner => "ehlo.no-banner",
    EhloBusy => "ehlo.busy",
    EhloRejected => "ehlo.rejected",
    EhloNotSmtp => "ehlo.not-smtp",
    EhloSlowBanner => "ehlo.slow-banner",
    TlsNotOffered => "tls.not-offered",
    TlsStarttlsRefused => "tls.starttls-refused",
    TlsHandshakeFailed => "tls.handshake-failed",
    TlsExpired => "tls.expired",
    TlsNotYetValid => "tls.not-yet-valid",
    TlsUntrustedIssuer => "tls.untrusted-issuer",
    TlsSelfSigned => "tls.self-signed",
    TlsNameMismatch => "tls.name-mismatch",
    EmailInvalidAddress => "email.invalid-address",
    EmailOutOfScope => "email.out-of-scope",
    EmailSenderRejected => "email.sender-rejected",
    EmailRecipientRejected => "email.recipient-rejected",
    EmailDeferred => "email.deferred",
    EmailNotTested => "email.not-tested",
    EmailTlsRequired => "email.tls-required",
    EmailGreylisted => "email.greylisted",
    EmailCatchAll => "email.catch-all",
    // TLS probe: what Microsoft 365 would negotiate (versions, suites)
    TlsProtocolTooOld => "tls.protocol-too-old",
    TlsNoCommonCipher => "tls.no-common-cipher",
    TlsWeakCipher => "tls.weak-cipher",
    TlsOnlyTls13 => "tls.tls13-only",
    TlsToolHandshakeFailed => "tls.tool-handshake-failed",
    // MX routing in UseMXRecord mode (src/checks/policy.rs, mx_fallback).
    RouteMxUnreachable => "route.mx-unreachable",
    RouteAddressFamilyUnreachable => "route.address-family-unreachable",
    // Certificate policy as Exchange Online applies it (src/checks/policy.rs).
    TlsWeakSignature => "tls.weak-signature",
    TlsWeakKey => "tls.weak-key",
    TlsWrongUsage => "tls.wrong-usage",
    TlsChainIncomplete => "tls.chain-incomplete",
    TlsRevoked => "tls.revoked",
    // Domain security: DNSSEC and DANE (issue 13).
    DaneNoStarttls => "dane.no-starttls",
    DaneMismatch => "dane.mismatch",
    DaneDnssecBogus => "dane.dnssec-bogus",
    DaneExpiredCertificate => "dane.expired-certificate",
    DaneRenewalNotReady => "dane.renewal-not-ready",
    // Domain security: MTA-STS and TLS-RPT (issue 13).
    MtaStsPolicyUnreachable => "mta-sts.policy-unreachable",
    MtaStsMxNotListed => "mta-sts.mx-not-listed",
    MtaStsCertificateInvalid => "mta-sts.certificate-invalid",
    MtaStsRecordInvalid => "mta-sts.record-invalid",
    MtaStsPolicyInvalid => "mta-sts.policy-invalid",
    TlsRptInvalid => "tls-rpt.invalid",
}

impl FailureCode {
    /// Fluent id of the fix-it guidance.
    pub fn guidance_id(self) -> String {
        guidance_id(self.as_str())
    }
}

/// `tls.name-mismatch` → `guide-tls-name-mismatch` (fluent ids cannot hold dots).
pub fn guidance_id(code: &str) -> String {
    format!("guide-{}", code.replace('.', "-"))
}

/// Detail of `resolve.private-address` on an MX route (`UseMXRecord`): the fix is in the
/// domain's public MX records, not in the connector's smart hosts, so its guidance differs too
/// (see [`StepResult::guidance_id`]).
pub const DETAIL_RESOLVE_PRIVATE_MX: &str = "detail-resolve-private-mx";

impl fmt::Display for FailureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FailureCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FailureCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        FailureCode::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown failure code {text:?}")))
    }
}

/// A sentence to be worded at the edge: a fluent message id and its arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
    /// Arguments that are sentences themselves (why a session broke, inside the step's
    /// detail): worded in the same language by the face that words this message, so a message
    /// id never reaches the user as text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub nested: BTreeMap<String, Message>,
}

impl Message {
    pub fn new(id: &str) -> Message {
        Message {
            id: id.to_string(),
            args: BTreeMap::new(),
            nested: BTreeMap::new(),
        }
    }

    pub fn arg(mut self, name: &str, value: impl ToString) -> Message {
        self.nested.remove(name);
        self.args.insert(name.to_string(), value.to_string());
        self
    }

    /// An argument worded from another message (see [`Message::nested`]).
    pub fn arg_message(mut self, name: &str, value: Message) -> Message {
        self.args.remove(name);
        self.nested.insert(name.to_string(), value);
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Sent,
    Received,
}

/// One line of an SMTP conversation, as it went over the wire (lossy UTF-8, control chars kept
/// out by the reader).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptLine {
    pub direction: Direction,
    pub text: String,
}

/// A parsed SMTP reply: basic code, enhanced status code (`5.7.1`) when present, text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpReply {
    pub code: u16,
    pub enhanced: Option<String>,
    pub text: String,
}

/// TLS session facts recorded by the `tls` step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsSession {
    pub protocol: String,
    pub cipher_suite: String,
    /// The server's chain, end-entity first, recorded even when it does not verify.
    pub chain: Vec<CertificateInfo>,
    /// The names the certificate was judged against, and the verdict of each judgement.
    pub verification: Vec<Message>,
    /// What the TLS probe learnt of the versions and suites Microsoft 365 would use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe: Option<TlsProbe>,
    /// Whether the end-entity certificate is revoked, and where that was learnt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revocation: Option<Revocation>,
}

/// The TLS versions a server accepts and the suite it picks from Microsoft's list, learnt with
/// one ClientHello per question on fresh STARTTLS connections (`checks::tls_probe`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsProbe {
    /// Versions the server accepted, oldest first (`TLS 1.2`).
    pub versions_accepted: Vec<String>,
    /// The TLS 1.2 suite the server picks when offered what Microsoft 365 offers (IANA name):
    /// from Microsoft's published list, else an ECDSA suite; `None` when it picks none.
    pub suite: Option<String>,
    /// That suite is in Microsoft's published list ("Technical reference details about
    /// encryption").
    pub suite_published: bool,
    /// Microsoft marks that suite as weak (no forward secrecy, or legacy only).
    pub suite_weak: bool,
    /// One line per hello: the question and what the server answered.
    pub answers: Vec<String>,
    /// Wall time of the probe (its hellos run side by side).
    pub duration_ms: u64,
    /// `false` when the probe learnt nothing of what Microsoft 365 would negotiate (its hellos
    /// timed out or got no TLS answer): `versions_accepted` and `suite` are then unknown, not
    /// empty. Runs kept before this field existed read as conclusive.
    #[serde(default = "conclusive_by_default")]
    pub conclusive: bool,
}

fn conclusive_by_default() -> bool {
    true
}

/// The revocation status of the end-entity certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RevocationStatus {
    Good,
    Revoked,
    /// Not learnt: no responder answered usably, or the certificate names none.
    Unknown,
}

/// Where the revocation status comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RevocationSource {
    /// The OCSP response the server stapled to the handshake.
    Stapled,
    /// The OCSP responder named in the certificate's Authority Information Access.
    Ocsp,
    /// The CRL named in the certificate's CRL distribution points.
    Crl,
    /// The certificate names no OCSP responder and no CRL.
    None,
}

impl RevocationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RevocationStatus::Good => "good",
            RevocationStatus::Revoked => "revoked",
            RevocationStatus::Unknown => "unknown",
        }
    }
}

impl RevocationSource {
    pub fn as_str(self) -> &'static str {
        match self {
            RevocationSource::Stapled => "stapled",
            RevocationSource::Ocsp => "ocsp",
            RevocationSource::Crl => "crl",
            RevocationSource::None => "none",
        }
    }
}

/// What the revocation check learnt about the end-entity certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub status: RevocationStatus,
    pub source: RevocationSource,
    /// The responder or CRL asked (as written in the certificate: foreign text, shown only
    /// through the sanitizer), when one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// RFC 3339 revocation time, when revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    /// Why the status is unknown (language-neutral: `timeout`, an HTTP status, a parse error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The outcome of one step for one host (and one address, once resolved).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepResult {
    /// The smart host (or MX host) as shown to the user; `None` for connector-wide steps.
    pub host: Option<String>,
    /// The resolved address and port this step used.
    pub address: Option<String>,
    pub step: StepKind,
    pub status: Status,
    pub code: Option<FailureCode>,
    pub detail: Message,
    pub duration_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<TlsSession>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transcript: Vec<TranscriptLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<SmtpReply>,
    /// Addresses found by `resolve` (in the order they will be tried).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolved: Vec<String>,
    /// What the domain-security step found (DNSSEC per name, TLSA records, the match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_security: Option<super::domain_security::DomainSecurity>,
}

impl StepResult {
    /// Fluent id of this step's fix-it guidance (`None` without a failure code): its code's,
    /// except where the code's words fit one route only — a private address on an MX route.
    pub fn guidance_id(&self) -> Option<String> {
        let code = self.code?;
        if code == FailureCode::ResolvePrivateAddress && self.detail.id == DETAIL_RESOLVE_PRIVATE_MX
        {
            return Some("guide-resolve-private-address-mx".to_string());
        }
        Some(code.guidance_id())
    }

    pub fn new(host: Option<String>, address: Option<String>, step: StepKind) -> StepResult {
        StepResult {
            host,
            address,
            step,
            status: Status::Pass,
            code: None,
            detail: Message::default(),
            duration_ms: 0,
            tls: None,
            transcript: Vec::new(),
            reply: None,
            resolved: Vec::new(),
            domain_security: None,
        }
    }

    /// The end-entity certificate, when the TLS step saw one.
    pub fn certificate(&self) -> Option<&CertificateInfo> {
        self.tls.as_ref().and_then(|t| t.chain.first())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Pass,
    Fail,
}

/// Everything a run produced: enough for a report, a history entry or a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunReport {
    pub request: CheckRequest,
    /// RFC 3339 in JSON (history files, reports).
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: time::OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub finished_at: time::OffsetDateTime,
    pub duration_ms: u64,
    pub steps: Vec<StepResult>,
    pub verdict: Verdict,
    pub cancelled: bool,
    pub tool_version: String,
}

impl RunReport {
    pub fn verdict_of(steps: &[StepResult]) -> Verdict {
        if steps.iter().any(|s| s.status == Status::Fail) || steps.is_empty() {
            Verdict::Fail
        } else {
            Verdict::Pass
        }
    }
}

/// What the engine tells its driver while it works.
// A handful of events per step: boxing the large variant would cost more than it saves.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A step has begun (for a spinner and an elapsed time).
    StepStarted {
        host: Option<String>,
        address: Option<String>,
        step: StepKind,
    },
    StepFinished(StepResult),
    /// The run is over (also after a cancel): the full report.
    Finished(Box<RunReport>),
}
