//! MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) of a destination domain, judged as Exchange Online
//! applies them outbound: the `_mta-sts` TXT record, the policy fetched over HTTPS, its `mx`
//! patterns against the MX hosts this run resolved and the certificates they presented over
//! STARTTLS, and the `_smtp._tls` reporting record. The rules and their sources are in
//! [`super::policy`] (section "MTA-STS and TLS-RPT").

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::proto::rr::{RData, RecordType};
use http_body_util::BodyExt;
use rustls::RootCertStore;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls_pki_types::{CertificateDer, UnixTime};
use serde::{Deserialize, Serialize};
use tokio::net::TcpStream;

use super::domain_security::Presented;
use super::policy::{MtaStsEffect, mta_sts_effect};
use super::types::{FailureCode, Message, Status};

/// RFC 8461 section 3.3 suggests senders limit the policy body to 64 KiB; a larger answer is
/// refused without reading further (memory stays bounded whatever the server sends).
pub const POLICY_MAX_BYTES: usize = 64 * 1024;
/// `max_age` may not exceed one year (RFC 8461 section 3.2).
pub const MAX_AGE_LIMIT_SECS: u64 = 31_557_600;
/// The policy path (RFC 8461 section 3.2).
pub const POLICY_PATH: &str = "/.well-known/mta-sts.txt";

/// The policy's `mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StsMode {
    Enforce,
    Testing,
    None,
}

impl StsMode {
    pub fn as_str(self) -> &'static str {
        match self {
            StsMode::Enforce => "enforce",
            StsMode::Testing => "testing",
            StsMode::None => "none",
        }
    }
}

/// A policy as parsed (RFC 8461 section 3.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StsPolicy {
    pub mode: StsMode,
    pub mx: Vec<String>,
    pub max_age_secs: u64,
}

/// Why a TXT record or a policy does not parse: a language-neutral reason for the fluent
/// selector (`reason`) and the offending text (`value`, shown sanitized).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub reason: &'static str,
    pub value: String,
}

fn parse_error(reason: &'static str, value: impl Into<String>) -> ParseError {
    ParseError {
        reason,
        value: value.into(),
    }
}

/// A TXT record and its `key=value` fields after the version tag.
type TaggedRecord<'a> = (&'a str, Vec<(&'a str, &'a str)>);

/// The one TXT record among `records` that starts with `version_tag` (`v=STSv1`,
/// `v=TLSRPTv1`; the others are ignored), cut into its `key=value` fields after the version: the
/// record syntax MTA-STS (RFC 8461 section 3.1) and TLS-RPT (RFC 8460 section 3) share. `None`
/// when there is no such record; several, a field without `=` or a first field that is not the
/// exact version are errors.
fn tagged_record<'a>(
    records: &'a [String],
    version_tag: &str,
) -> Result<Option<TaggedRecord<'a>>, ParseError> {
    let tagged: Vec<&String> = records
        .iter()
        .filter(|r| r.starts_with(version_tag))
        .collect();
    let record = match tagged.as_slice() {
        [] => return Ok(None),
        [one] => one.as_str(),
        _ => return Err(parse_error("several-records", tagged.len().to_string())),
    };
    let mut fields = Vec::new();
    for (index, field) in record.split(';').enumerate() {
        let field = field.trim_matches([' ', '\t']);
        if field.is_empty() {
            continue;
        }
        let Some((key, value)) = field.split_once('=') else {
            return Err(parse_error("syntax", field));
        };
        if index == 0 {
            if format!("{key}={value}") != version_tag {
                return Err(parse_error("version", field));
            }
        } else {
            fields.push((key, value));
        }
    }
    Ok(Some((record, fields)))
}

/// `_mta-sts.<domain>` (RFC 8461 section 3.1): the TXT strings of each record concatenated,
/// records not starting with `v=STSv1` ignored, exactly one left, `id` of 1 to 32 letters and
/// digits. Returns the `id`.
pub fn parse_sts_record(records: &[String]) -> Result<Option<String>, ParseError> {
    let Some((record, fields)) = tagged_record(records, "v=STSv1")? else {
        return Ok(None);
    };
    let mut id = None;
    for (key, value) in fields {
        // Extension fields are allowed (sts-ext) and ignored.
        if key != "id" {
            continue;
        }
        let ok =
            (1..=32).contains(&value.len()) && value.chars().all(|c| c.is_ascii_alphanumeric());
        if !ok {
            return Err(parse_error("id", value));
        }
        if id.is_none() {
            id = Some(value.to_string());
        }
    }
    id.map(Some)
        .ok_or_else(|| parse_error("id-missing", record))
}

/// The policy body (RFC 8461 section 3.2): `key: value` lines (LF or CRLF), `version: STSv1`,
/// `mode`, `max_age` (0 to 31557600) and one `mx` line per pattern (required unless the mode is
/// `none`); unknown keys are ignored; for a key other than `mx` given twice, the first counts.
pub fn parse_policy(body: &str) -> Result<StsPolicy, ParseError> {
    let mut version = None;
    let mut mode = None;
    let mut max_age = None;
    let mut mx = Vec::new();
    for line in body.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(parse_error("syntax", line));
        };
        let value = value.trim_matches([' ', '\t']);
        match key {
            "version" => {
                version.get_or_insert(value);
            }
            "mode" if mode.is_none() => {
                mode = Some(match value {
                    "enforce" => StsMode::Enforce,
                    "testing" => StsMode::Testing,
                    "none" => StsMode::None,
                    other => return Err(parse_error("mode", other)),
                });
            }
            "max_age" if max_age.is_none() => {
                let digits =
                    (1..=10).contains(&value.len()) && value.chars().all(|c| c.is_ascii_digit());
                match value.parse::<u64>().ok().filter(|_| digits) {
                    Some(s) if s <= MAX_AGE_LIMIT_SECS => max_age = Some(s),
                    _ => return Err(parse_error("max-age", value)),
                }
            }
            "mx" => {
                if !valid_mx_pattern(value) {
                    return Err(parse_error("mx", value));
                }
                mx.push(value.trim_end_matches('.').to_ascii_lowercase());
            }
            key if key.is_empty() || key.contains(char::is_whitespace) => {
                return Err(parse_error("syntax", line));
            }
            _ => {}
        }
    }
    match version {
        Some("STSv1") => {}
        Some(other) => return Err(parse_error("version", other)),
        None => return Err(parse_error("version", "")),
    }
    let mode = mode.ok_or_else(|| parse_error("mode-missing", ""))?;
    let max_age_secs = max_age.ok_or_else(|| parse_error("max-age-missing", ""))?;
    if mx.is_empty() && mode != StsMode::None {
        return Err(parse_error("mx-missing", mode.as_str()));
    }
    Ok(StsPolicy {
        mode,
        mx,
        max_age_secs,
    })
}

/// A pattern is a host name, or `*.` and a host name (RFC 8461 section 3.2, `mx`).
fn valid_mx_pattern(pattern: &str) -> bool {
    let name = pattern.strip_prefix("*.").unwrap_or(pattern);
    let name = name.trim_end_matches('.');
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// Does an `mx` pattern cover this MX host? RFC 8461 section 4.1: case-insensitive; a leading
/// `*.` stands for exactly one label, the leftmost (`*.example.com` covers `mx1.example.com`,
/// not `example.com` nor `a.b.example.com`).
pub fn mx_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.trim_end_matches('.').to_ascii_lowercase();
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    match pattern.strip_prefix("*.") {
        Some(base) => host
            .split_once('.')
            .is_some_and(|(first, rest)| !first.is_empty() && rest == base),
        None => host == pattern,
    }
}

/// `_smtp._tls.<domain>` (RFC 8460 section 3): records not starting with `v=TLSRPTv1` ignored,
/// exactly one left, `rua=` one or more `mailto:` or `https:` addresses separated by commas.
pub fn parse_tls_rpt(records: &[String]) -> Result<Option<Vec<String>>, ParseError> {
    let Some((record, fields)) = tagged_record(records, "v=TLSRPTv1")? else {
        return Ok(None);
    };
    let mut rua = None;
    for (key, value) in fields {
        if key != "rua" || rua.is_some() {
            continue;
        }
        let mut list = Vec::new();
        for uri in value.split(',') {
            let uri = uri.trim_matches([' ', '\t']);
            let scheme_ok = uri.strip_prefix("mailto:").is_some_and(|a| a.contains('@'))
                || uri
                    .strip_prefix("https://")
                    .is_some_and(|rest| !rest.is_empty());
            if !scheme_ok {
                return Err(parse_error("rua", uri));
            }
            list.push(uri.to_string());
        }
        rua = Some(list);
    }
    rua.map(Some)
        .ok_or_else(|| parse_error("rua-missing", record))
}

/// Why the policy could not be fetched (language-neutral `reason`, `value` for the detail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchError {
    pub reason: &'static str,
    pub value: String,
}

fn fetch_error(reason: &'static str, value: impl ToString) -> FetchError {
    FetchError {
        reason,
        value: crate::sanitize::visible_cut(&value.to_string(), 300),
    }
}

/// Fetches `https://mta-sts.<domain>/.well-known/mta-sts.txt` (RFC 8461 section 3.3): the name
/// resolved with the run's resolver, TLS verified against the run's trust roots (Mozilla's,
/// `--ca-file`, the OS store when asked) for the name `mta-sts.<domain>`, HTTP/1.1 `GET`, a
/// `200` with `Content-Type: text/plain` and at most [`POLICY_MAX_BYTES`]; a redirect is refused
/// (section 3.3: "senders MUST NOT follow redirects"); the whole fetch within `timeout`.
/// `port` is 443 except in tests (`--mta-sts-port`).
pub async fn fetch_policy(
    resolver: &TokioResolver,
    host: &str,
    port: u16,
    roots: &RootCertStore,
    timeout: Duration,
) -> Result<String, FetchError> {
    match tokio::time::timeout(timeout, fetch_inner(resolver, host, port, roots)).await {
        Ok(result) => result,
        Err(_) => Err(fetch_error("timeout", timeout.as_secs())),
    }
}

async fn fetch_inner(
    resolver: &TokioResolver,
    host: &str,
    port: u16,
    roots: &RootCertStore,
) -> Result<String, FetchError> {
    let lookup = resolver
        .lookup_ip(format!("{host}."))
        .await
        .map_err(|e| fetch_error("dns", e))?;
    let addresses: Vec<SocketAddr> = lookup.iter().map(|ip| SocketAddr::new(ip, port)).collect();
    let mut tcp = None;
    let mut last_error = String::from("-");
    for addr in &addresses {
        match TcpStream::connect(addr).await {
            Ok(stream) => {
                tcp = Some(stream);
                break;
            }
            Err(e) => last_error = format!("{addr}: {e}"),
        }
    }
    let tcp = tcp.ok_or_else(|| fetch_error("connect", last_error))?;

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| fetch_error("tls", e))?
        .with_root_certificates(roots.clone())
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let name = super::prepare::server_name_for(host).ok_or_else(|| fetch_error("dns", host))?;
    let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|e| fetch_error("tls", e))?;

    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(tls))
            .await
            .map_err(|e| fetch_error("http", e))?;
    let driver = tokio::spawn(connection);
    let request = hyper::Request::get(POLICY_PATH)
        .header(hyper::header::HOST, host)
        .header(
            hyper::header::USER_AGENT,
            concat!("connector-doctor/", env!("CARGO_PKG_VERSION")),
        )
        .body(http_body_util::Empty::<hyper::body::Bytes>::new())
        .map_err(|e| fetch_error("http", e))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| fetch_error("http", e));
    let result = match response {
        Ok(response) => read_policy(response).await,
        Err(e) => Err(e),
    };
    driver.abort();
    result
}

async fn read_policy(
    response: hyper::Response<hyper::body::Incoming>,
) -> Result<String, FetchError> {
    let status = response.status();
    if status.is_redirection() {
        let location = response
            .headers()
            .get(hyper::header::LOCATION)
            .map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned())
            .unwrap_or_else(|| "-".to_string());
        return Err(fetch_error(
            "redirect",
            format!("{} {location}", status.as_u16()),
        ));
    }
    if status != hyper::StatusCode::OK {
        return Err(fetch_error("status", status.as_u16()));
    }
    // RFC 8461 section 3.2: the policy is served as "text/plain" (parameters such as charset
    // allowed).
    let content_type = response
        .headers()
        .get(hyper::header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if media != "text/plain" {
        return Err(fetch_error(
            "content-type",
            if content_type.is_empty() {
                "-".to_string()
            } else {
                content_type
            },
        ));
    }
    let declared = response
        .headers()
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > POLICY_MAX_BYTES as u64) {
        return Err(fetch_error("too-large", POLICY_MAX_BYTES));
    }
    let mut body = response.into_body();
    let mut bytes: Vec<u8> = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| fetch_error("http", e))?;
        if let Some(data) = frame.data_ref() {
            if bytes.len() + data.len() > POLICY_MAX_BYTES {
                return Err(fetch_error("too-large", POLICY_MAX_BYTES));
            }
            bytes.extend_from_slice(data);
        }
    }
    String::from_utf8(bytes).map_err(|_| fetch_error("utf8", "-"))
}

/// What the MTA-STS side found for one MX host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StsHost {
    pub name: String,
    /// Does a policy `mx` pattern cover it?
    pub listed: bool,
    /// Did every address that answered present a certificate that validates for the name
    /// (trusted chain, dates, name)? `None`: no address got that far in this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_valid: Option<bool>,
    /// Why not (no STARTTLS, or the verifier's reason), for the detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_problem: Option<String>,
    /// Exchange Online applies DANE to this host: DANE decides, not MTA-STS.
    pub dane: bool,
}

/// The MTA-STS and TLS-RPT results of one domain, for the report and the JSON document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MtaSts {
    /// The policy domain: the recipient domain, or the smart host's name.
    pub domain: String,
    /// The `id` of the `_mta-sts` TXT record; absent when no record is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub policy_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<StsMode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mx_patterns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age_secs: Option<u64>,
    /// SHA-256 of the policy body as served, so two runs can tell a changed policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<StsHost>,
    /// `rua` addresses of the `_smtp._tls` record (TLS-RPT); empty when none is published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tls_rpt: Vec<String>,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<FailureCode>,
    /// The MTA-STS sentence and the TLS-RPT sentence (shown with the DANE detail).
    pub details: Vec<Message>,
    /// Time these lookups and the policy fetch took (part of the step's duration).
    pub duration_ms: u64,
}

/// What [`check`] needs from the run.
pub struct StsInputs<'a> {
    pub resolver: &'a TokioResolver,
    pub roots: &'a RootCertStore,
    pub timeout: Duration,
    pub port: u16,
    /// The policy domain.
    pub domain: &'a str,
    /// The MX hosts (or the smart host), with whether DANE applies to each.
    pub hosts: Vec<(String, bool)>,
    /// What each address of those hosts showed over STARTTLS: (host name, what was presented).
    pub presented: Vec<(String, Presented)>,
}

/// Looks up and judges MTA-STS and TLS-RPT for one domain.
pub async fn check(inputs: StsInputs<'_>) -> MtaSts {
    let started = std::time::Instant::now();
    let domain = inputs.domain.trim_end_matches('.').to_ascii_lowercase();
    let policy_host = format!("mta-sts.{domain}");
    let mut result = MtaSts {
        policy_url: format!("https://{policy_host}{POLICY_PATH}"),
        domain: domain.clone(),
        id: None,
        mode: None,
        mx_patterns: Vec::new(),
        max_age_secs: None,
        policy_sha256: None,
        hosts: Vec::new(),
        tls_rpt: Vec::new(),
        status: Status::Pass,
        code: None,
        details: Vec::new(),
        duration_ms: 0,
    };
    let (sts_name, rpt_name) = (
        format!("_mta-sts.{domain}."),
        format!("_smtp._tls.{domain}."),
    );
    let (sts_txt, rpt_txt) = tokio::join!(
        txt_records(inputs.resolver, &sts_name, inputs.timeout),
        txt_records(inputs.resolver, &rpt_name, inputs.timeout)
    );
    let example = example_policy(&inputs.hosts);

    let (status, code, detail) = judge_sts(&inputs, &domain, &policy_host, sts_txt, &mut result)
        .await
        .unwrap_or_else(|detail| (Status::Pass, None, detail));
    let detail = detail.arg("example", &example);
    result.details.push(detail);
    result.status = status;
    result.code = code;

    // TLS-RPT: missing is information (reports are optional), malformed a warning.
    let rpt = match rpt_txt {
        Ok(records) => parse_tls_rpt(&records),
        Err(error) => Err(parse_error("dns", error)),
    };
    let rpt_detail = match rpt {
        Ok(Some(rua)) => {
            let detail = Message::new("detail-tls-rpt-ok")
                .arg("domain", &domain)
                .arg("rua", rua.join(", "));
            result.tls_rpt = rua;
            detail
        }
        Ok(None) => Message::new("detail-tls-rpt-missing").arg("domain", &domain),
        Err(e) => {
            if result.status == Status::Pass {
                result.status = Status::Warn;
                result.code = Some(FailureCode::TlsRptInvalid);
            }
            Message::new("detail-tls-rpt-invalid")
                .arg("domain", &domain)
                .arg("reason", e.reason)
                .arg("value", crate::sanitize::visible_cut(&e.value, 200))
        }
    };
    result.details.push(rpt_detail);
    result.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    result
}

/// The domain-security step's outcome: the worse of DANE's and MTA-STS's (fail over warn over
/// pass); on a tie DANE's code is kept, as DANE comes first where both apply.
pub fn combine(
    status: Status,
    code: Option<FailureCode>,
    sts: Option<&MtaSts>,
) -> (Status, Option<FailureCode>) {
    let rank = |s: Status| match s {
        Status::Fail => 3,
        Status::Warn => 2,
        Status::Pass => 1,
        Status::Skipped | Status::NotReached => 0,
    };
    match sts {
        Some(sts) if rank(sts.status) > rank(status) => (sts.status, sts.code),
        _ => (status, code),
    }
}

/// Judges the MTA-STS side; `Err(detail)` is "nothing to judge" (information only).
async fn judge_sts(
    inputs: &StsInputs<'_>,
    domain: &str,
    policy_host: &str,
    sts_txt: Result<Vec<String>, String>,
    result: &mut MtaSts,
) -> Result<(Status, Option<FailureCode>, Message), Message> {
    let records = match sts_txt {
        Ok(records) => records,
        Err(error) => {
            return Ok((
                Status::Warn,
                Some(FailureCode::MtaStsPolicyUnreachable),
                Message::new("detail-mta-sts-unreachable")
                    .arg("url", format!("_mta-sts.{domain}"))
                    .arg("reason", "dns")
                    .arg("value", error),
            ));
        }
    };
    let id = match parse_sts_record(&records) {
        Ok(Some(id)) => id,
        Ok(None) => return Err(Message::new("detail-mta-sts-none").arg("domain", domain)),
        Err(e) => {
            return Ok((
                Status::Warn,
                Some(FailureCode::MtaStsRecordInvalid),
                Message::new("detail-mta-sts-record-invalid")
                    .arg("domain", domain)
                    .arg("reason", e.reason)
                    .arg("value", crate::sanitize::visible_cut(&e.value, 200)),
            ));
        }
    };
    result.id = Some(id.clone());
    let body = match fetch_policy(
        inputs.resolver,
        policy_host,
        inputs.port,
        inputs.roots,
        inputs.timeout,
    )
    .await
    {
        Ok(body) => body,
        Err(e) => {
            return Ok((
                Status::Warn,
                Some(FailureCode::MtaStsPolicyUnreachable),
                Message::new("detail-mta-sts-unreachable")
                    .arg("url", &result.policy_url)
                    .arg("reason", e.reason)
                    .arg("value", e.value),
            ));
        }
    };
    result.policy_sha256 = Some(
        ring::digest::digest(&ring::digest::SHA256, body.as_bytes())
            .as_ref()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    );
    let policy = match parse_policy(&body) {
        Ok(policy) => policy,
        Err(e) => {
            return Ok((
                Status::Warn,
                Some(FailureCode::MtaStsPolicyInvalid),
                Message::new("detail-mta-sts-policy-invalid")
                    .arg("url", &result.policy_url)
                    .arg("reason", e.reason)
                    .arg("value", crate::sanitize::visible_cut(&e.value, 200)),
            ));
        }
    };
    result.mode = Some(policy.mode);
    result.mx_patterns = policy.mx.clone();
    result.max_age_secs = Some(policy.max_age_secs);

    let now = UnixTime::now();
    let verifier = WebPkiServerVerifier::builder_with_provider(
        Arc::new(inputs.roots.clone()),
        Arc::new(rustls::crypto::ring::default_provider()),
    )
    .build()
    .ok();
    for (name, dane) in &inputs.hosts {
        let listed = policy.mx.iter().any(|p| mx_matches(p, name));
        let mut host = StsHost {
            name: name.clone(),
            listed,
            certificate_valid: None,
            certificate_problem: None,
            dane: *dane,
        };
        for (_, seen) in inputs.presented.iter().filter(|(n, _)| n == name) {
            let problem = certificate_problem(verifier.as_deref(), name, seen, now);
            match problem {
                None => {
                    host.certificate_valid.get_or_insert(true);
                }
                Some(problem) => {
                    host.certificate_valid = Some(false);
                    host.certificate_problem
                        .get_or_insert(format!("{}: {problem}", seen.address));
                }
            }
        }
        result.hosts.push(host);
    }

    let patterns = policy.mx.join(", ");
    let common = |m: Message| {
        m.arg("domain", domain)
            .arg("mode", policy.mode.as_str())
            .arg("id", &id)
            .arg("max_age", policy.max_age_secs)
            .arg(
                "patterns",
                if patterns.is_empty() { "-" } else { &patterns },
            )
    };
    // A host Microsoft 365 could deliver to: one the policy lets through (listed, certificate
    // valid), or one under DANE (DANE decides there; a DANE failure has its own code).
    let usable = |except: &str| {
        result.hosts.iter().any(|h| {
            h.name != except && (h.dane || (h.listed && h.certificate_valid == Some(true)))
        })
    };
    // Every problem with its effect; the worst one is the step's (a refusal first, then an MX
    // not listed before a certificate).
    let mut problems: Vec<(MtaStsEffect, FailureCode, &StsHost)> = Vec::new();
    for host in &result.hosts {
        let code = if !host.listed {
            FailureCode::MtaStsMxNotListed
        } else if host.certificate_valid == Some(false) {
            FailureCode::MtaStsCertificateInvalid
        } else {
            continue;
        };
        let effect = mta_sts_effect(policy.mode, host.dane, usable(&host.name));
        problems.push((effect, code, host));
    }
    let severity = |e: MtaStsEffect| match e {
        MtaStsEffect::Refused => 0,
        MtaStsEffect::OtherMx | MtaStsEffect::Reported | MtaStsEffect::DaneDecides => 1,
        MtaStsEffect::Ignored => 2,
    };
    problems.sort_by_key(|(effect, code, _)| (severity(*effect), *code));
    let Some((effect, code, host)) = problems.first().copied() else {
        let unreached: Vec<&str> = result
            .hosts
            .iter()
            .filter(|h| h.certificate_valid.is_none())
            .map(|h| h.name.as_str())
            .collect();
        let detail = common(Message::new("detail-mta-sts-ok")).arg(
            "unreached",
            if unreached.is_empty() {
                // The fluent selector's value for "every host was reached".
                "none".to_string()
            } else {
                unreached.join(", ")
            },
        );
        return Ok((Status::Pass, None, detail));
    };
    let status = match effect {
        MtaStsEffect::Refused => Status::Fail,
        MtaStsEffect::Reported | MtaStsEffect::OtherMx | MtaStsEffect::DaneDecides => Status::Warn,
        MtaStsEffect::Ignored => Status::Pass,
    };
    let id = match code {
        FailureCode::MtaStsMxNotListed => "detail-mta-sts-mx-not-listed",
        _ => "detail-mta-sts-certificate-invalid",
    };
    let detail = common(Message::new(id))
        .arg("host", &host.name)
        .arg(
            "problem",
            host.certificate_problem.as_deref().unwrap_or("-"),
        )
        .arg("effect", effect.as_str());
    Ok((status, (status != Status::Pass).then_some(code), detail))
}

/// Why the chain an address presented does not satisfy MTA-STS (RFC 8461 section 4.2: STARTTLS,
/// a chain to a trusted root, within its dates, valid for the MX host's name), or `None`.
fn certificate_problem(
    verifier: Option<&WebPkiServerVerifier>,
    name: &str,
    seen: &Presented,
    now: UnixTime,
) -> Option<String> {
    if !seen.starttls {
        return Some("no STARTTLS".to_string());
    }
    let Some((leaf, rest)) = seen.chain.split_first() else {
        return Some("no certificate".to_string());
    };
    let Some(verifier) = verifier else {
        return Some("no trust roots".to_string());
    };
    let Some(server_name) = super::prepare::server_name_for(name) else {
        return Some(format!("name {name}"));
    };
    let intermediates: Vec<CertificateDer<'_>> = rest
        .iter()
        .map(|c| CertificateDer::from(c.as_slice()))
        .collect();
    verifier
        .verify_server_cert(
            &CertificateDer::from(leaf.as_slice()),
            &intermediates,
            &server_name,
            &[],
            now,
        )
        .err()
        .map(|e| crate::sanitize::visible(&e.to_string()).into_owned())
}

/// TXT strings of each record, concatenated per record (RFC 8461 section 3.1, RFC 8460
/// section 3). `Ok(empty)` when the name or the record does not exist; `Err` on a DNS failure.
async fn txt_records(
    resolver: &TokioResolver,
    name: &str,
    timeout: Duration,
) -> Result<Vec<String>, String> {
    let lookup = tokio::time::timeout(timeout, resolver.lookup(name, RecordType::TXT)).await;
    match lookup {
        Err(_) => Err(format!("timeout {} s", timeout.as_secs())),
        Ok(Err(e)) if e.is_nx_domain() || e.is_no_records_found() => Ok(Vec::new()),
        Ok(Err(e)) => Err(crate::sanitize::visible(&e.to_string()).into_owned()),
        Ok(Ok(lookup)) => Ok(lookup
            .answers()
            .iter()
            .filter_map(|r| match &r.data {
                RData::TXT(txt) => Some(
                    txt.txt_data
                        .iter()
                        .map(|part| String::from_utf8_lossy(part).into_owned())
                        .collect::<String>(),
                ),
                _ => None,
            })
            .collect()),
    }
}

/// A policy that would cover this run's MX hosts, on one line (`version: STSv1 | mode: …`), for
/// the detail: what to publish at `mta-sts.<domain>/.well-known/mta-sts.txt`.
fn example_policy(hosts: &[(String, bool)]) -> String {
    let mut lines = vec!["version: STSv1".to_string(), "mode: enforce".to_string()];
    for (name, _) in hosts {
        lines.push(format!("mx: {name}"));
    }
    lines.push("max_age: 604800".to_string());
    lines.join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sts_record_needs_one_v_sts_v1_record_with_an_id() {
        assert_eq!(
            parse_sts_record(&strings(&["v=STSv1; id=20261201T1200;"])),
            Ok(Some("20261201T1200".to_string()))
        );
        assert_eq!(
            parse_sts_record(&strings(&["v=spf1 -all", "other"])),
            Ok(None)
        );
        assert_eq!(
            parse_sts_record(&strings(&["v=STSv1; id=a", "v=STSv1; id=b"])).map_err(|e| e.reason),
            Err("several-records")
        );
        assert_eq!(
            parse_sts_record(&strings(&["v=STSv1;"])).map_err(|e| e.reason),
            Err("id-missing")
        );
        assert_eq!(
            parse_sts_record(&strings(&["v=STSv1; id=not-alnum"])).map_err(|e| e.reason),
            Err("id")
        );
    }

    #[test]
    fn policy_parses_strictly() {
        let policy = parse_policy(
            "version: STSv1\r\nmode: enforce\r\nmx: mail.contoso.com\r\nmx: *.contoso.net\r\nmax_age: 86400\r\n",
        )
        .expect("policy");
        assert_eq!(policy.mode, StsMode::Enforce);
        assert_eq!(policy.mx, vec!["mail.contoso.com", "*.contoso.net"]);
        assert_eq!(policy.max_age_secs, 86400);
        let reason = |body: &str| parse_policy(body).map(|_| ()).map_err(|e| e.reason);
        assert_eq!(
            reason("version: STSv2\nmode: enforce\nmx: a.b\nmax_age: 1\n"),
            Err("version")
        );
        assert_eq!(
            reason("version: STSv1\nmode: strict\nmx: a.b\nmax_age: 1\n"),
            Err("mode")
        );
        assert_eq!(
            reason("version: STSv1\nmode: enforce\nmx: a.b\nmax_age: 31557601\n"),
            Err("max-age")
        );
        assert_eq!(
            reason("version: STSv1\nmode: enforce\nmx: a.b\n"),
            Err("max-age-missing")
        );
        assert_eq!(
            reason("version: STSv1\nmode: testing\nmax_age: 1\n"),
            Err("mx-missing")
        );
        assert_eq!(reason("version: STSv1\nmode: none\nmax_age: 1\n"), Ok(()));
        assert_eq!(reason("<html>\n"), Err("syntax"));
    }

    #[test]
    fn wildcard_mx_pattern_covers_exactly_one_leftmost_label() {
        assert!(mx_matches("*.contoso.com", "mx1.contoso.com"));
        assert!(mx_matches("*.contoso.com", "MX1.Contoso.com."));
        assert!(!mx_matches("*.contoso.com", "contoso.com"));
        assert!(!mx_matches("*.contoso.com", "a.b.contoso.com"));
        assert!(!mx_matches("*.contoso.com", "mx1.notcontoso.com"));
        assert!(mx_matches("mail.contoso.com", "mail.contoso.com."));
        assert!(!mx_matches("mail.contoso.com", "mail2.contoso.com"));
    }

    #[test]
    fn enforce_refuses_only_when_no_other_mx_passes_and_dane_does_not_apply() {
        use crate::checks::policy::{MtaStsEffect, mta_sts_effect};
        assert_eq!(
            mta_sts_effect(StsMode::Enforce, false, false),
            MtaStsEffect::Refused
        );
        assert_eq!(
            mta_sts_effect(StsMode::Enforce, false, true),
            MtaStsEffect::OtherMx
        );
        assert_eq!(
            mta_sts_effect(StsMode::Enforce, true, false),
            MtaStsEffect::DaneDecides
        );
        assert_eq!(
            mta_sts_effect(StsMode::Testing, false, false),
            MtaStsEffect::Reported
        );
        assert_eq!(
            mta_sts_effect(StsMode::None, false, false),
            MtaStsEffect::Ignored
        );
    }

    #[test]
    fn tls_rpt_record_needs_rua_with_mailto_or_https() {
        assert_eq!(
            parse_tls_rpt(&strings(&[
                "v=TLSRPTv1; rua=mailto:tls@contoso.com,https://r.contoso.com/tls"
            ])),
            Ok(Some(strings(&[
                "mailto:tls@contoso.com",
                "https://r.contoso.com/tls"
            ])))
        );
        assert_eq!(parse_tls_rpt(&[]), Ok(None));
        assert_eq!(
            parse_tls_rpt(&strings(&["v=TLSRPTv1; rua=ftp://x"])).map_err(|e| e.reason),
            Err("rua")
        );
        assert_eq!(
            parse_tls_rpt(&strings(&["v=TLSRPTv1;"])).map_err(|e| e.reason),
            Err("rua-missing")
        );
    }
}
