//! Is the server's certificate revoked? A stapled OCSP response first, else the OCSP responder
//! named in the certificate, else its CRL, by the rule in `policy.rs` (`revocation_is_fatal`).
//!
//! OCSP messages are built and read with `x509-ocsp` (RustCrypto's RFC 6960 types on the `der`
//! crate: no ASN.1 written by hand, and it shares `der`/`spki`/`const-oid` with nothing heavier);
//! signatures of responses and CRLs are checked with x509-parser's `verify` (ring). HTTP goes
//! through `reqwest` (hyper on tokio) with no TLS feature at all: OCSP responders, CRLs and
//! caIssuers are published over plain `http://` (RFC 5280 4.2.1.13 / 4.2.2.1, RFC 6960 A.1),
//! because fetching them over TLS would need the very revocation check being made; an
//! `https://` pointer is reported as unknown, never fetched. Every fetch has a time limit
//! (`policy::REVOCATION_FETCH_SECS`, within the run's timeout) and a size limit.

use std::time::Duration;

use der::{Decode, Encode};
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspRequest, OcspResponse, OcspResponseStatus, Request,
    TbsRequest, Version,
};

use super::policy::{CRL_MAX_BYTES, OCSP_MAX_BYTES, REVOCATION_FETCH_SECS};
use super::tls::CertFacts;
use super::types::{Revocation, RevocationSource, RevocationStatus};

const OID_SHA1: &str = "1.3.14.3.2.26";
const OID_SHA256: &str = "2.16.840.1.101.3.4.2.1";
const OID_OCSP_BASIC: &str = "1.3.6.1.5.5.7.48.1.1";
/// Clock skew allowed between this machine and a responder (thisUpdate / nextUpdate).
const SKEW_SECS: i64 = 300;

/// Checks the end-entity certificate of `chain` (DER, end-entity first, as sent). `None` when
/// there is no certificate to check.
pub async fn check(
    chain: &[Vec<u8>],
    stapled: &[u8],
    timeout: Duration,
    now: time::OffsetDateTime,
) -> Option<Revocation> {
    let leaf_der = chain.first()?;
    let leaf = CertFacts::from_der(leaf_der)?;
    let issuer_der = chain
        .iter()
        .skip(1)
        .find(|der| CertFacts::from_der(der).is_some_and(|f| f.subject_raw == leaf.issuer_raw));
    let fetch_limit = timeout.min(Duration::from_secs(REVOCATION_FETCH_SECS));
    let first_url = leaf.ocsp.first().or(leaf.crls.first()).cloned();
    let unknown = |source, url: Option<String>, reason: &str| Revocation {
        status: RevocationStatus::Unknown,
        source,
        url,
        revoked_at: None,
        reason: Some(reason.to_string()),
    };
    let Some(issuer_der) = issuer_der else {
        if first_url.is_none() && stapled.is_empty() {
            return Some(unknown(RevocationSource::None, None, "no-pointer"));
        }
        // The issuer is needed to name the certificate to a responder and to check the answer.
        let source = if leaf.ocsp.is_empty() {
            RevocationSource::Crl
        } else {
            RevocationSource::Ocsp
        };
        return Some(unknown(source, first_url, "issuer-not-sent"));
    };

    // A stapled answer that cannot be used (wrong certificate, stale, badly signed) is set
    // aside and the responder is asked instead: it proves nothing either way.
    if !stapled.is_empty()
        && let Ok(found) = read_ocsp(stapled, &leaf, issuer_der, now)
    {
        return Some(found.into_revocation(RevocationSource::Stapled, None));
    }

    if let Some(url) = leaf.ocsp.first() {
        let result = ask_ocsp(url, &leaf, issuer_der, fetch_limit, now).await;
        return Some(match result {
            Ok(found) => found.into_revocation(RevocationSource::Ocsp, Some(url.clone())),
            Err(reason) => unknown(RevocationSource::Ocsp, Some(url.clone()), &reason),
        });
    }
    if let Some(url) = leaf.crls.first() {
        let result = ask_crl(url, &leaf, issuer_der, fetch_limit, now).await;
        return Some(match result {
            Ok(found) => found.into_revocation(RevocationSource::Crl, Some(url.clone())),
            Err(reason) => unknown(RevocationSource::Crl, Some(url.clone()), &reason),
        });
    }
    Some(unknown(RevocationSource::None, None, "no-pointer"))
}

/// What a responder or CRL said about the certificate.
enum Found {
    Good,
    Revoked(String),
    Unknown(&'static str),
}

impl Found {
    fn into_revocation(self, source: RevocationSource, url: Option<String>) -> Revocation {
        let (status, revoked_at, reason) = match self {
            Found::Good => (RevocationStatus::Good, None, None),
            Found::Revoked(at) => (RevocationStatus::Revoked, Some(at), None),
            Found::Unknown(reason) => (RevocationStatus::Unknown, None, Some(reason.to_string())),
        };
        Revocation {
            status,
            source,
            url,
            revoked_at,
            reason,
        }
    }
}

/// An OCSP request for the certificate (CertID hashed with SHA-1, as RFC 5019 lightweight
/// responders require), unsigned and without a nonce (most public responders ignore nonces).
pub fn ocsp_request(leaf: &CertFacts, issuer: &CertFacts) -> Result<Vec<u8>, String> {
    let req = OcspRequest {
        tbs_request: TbsRequest {
            version: Version::V1,
            requestor_name: None,
            request_list: vec![Request {
                req_cert: cert_id(leaf, issuer, OID_SHA1)?,
                single_request_extensions: None,
            }],
            request_extensions: None,
        },
        optional_signature: None,
    };
    req.to_der().map_err(|e| e.to_string())
}

fn cert_id(leaf: &CertFacts, issuer: &CertFacts, hash_oid: &str) -> Result<CertId, String> {
    let oid = der::oid::ObjectIdentifier::new(hash_oid).map_err(|e| e.to_string())?;
    Ok(CertId {
        hash_algorithm: spki::AlgorithmIdentifierOwned {
            oid,
            parameters: Some(der::asn1::Null.into()),
        },
        issuer_name_hash: der::asn1::OctetString::new(digest(hash_oid, &issuer.subject_raw)?)
            .map_err(|e| e.to_string())?,
        issuer_key_hash: der::asn1::OctetString::new(digest(hash_oid, &issuer.public_key)?)
            .map_err(|e| e.to_string())?,
        serial_number: x509_cert::serial_number::SerialNumber::new(&leaf.serial)
            .map_err(|e| e.to_string())?,
    })
}

fn digest(hash_oid: &str, data: &[u8]) -> Result<Vec<u8>, String> {
    let algorithm = match hash_oid {
        OID_SHA1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        OID_SHA256 => &ring::digest::SHA256,
        other => return Err(format!("hash {other}")),
    };
    Ok(ring::digest::digest(algorithm, data).as_ref().to_vec())
}

async fn ask_ocsp(
    url: &str,
    leaf: &CertFacts,
    issuer_der: &[u8],
    limit: Duration,
    now: time::OffsetDateTime,
) -> Result<Found, String> {
    let issuer = CertFacts::from_der(issuer_der).ok_or("issuer")?;
    let body = ocsp_request(leaf, &issuer)?;
    let answer = http(url, Some(body), OCSP_MAX_BYTES, limit).await?;
    read_ocsp(&answer, leaf, issuer_der, now)
}

/// Reads an OCSP response (stapled or fetched): it must be successful, signed by the issuer or
/// by a responder the issuer delegated (id-kp-OCSPSigning), current, and about this
/// certificate. Anything else is an error, which the caller reports as "unknown".
fn read_ocsp(
    der_bytes: &[u8],
    leaf: &CertFacts,
    issuer_der: &[u8],
    now: time::OffsetDateTime,
) -> Result<Found, String> {
    let response = OcspResponse::from_der(der_bytes).map_err(|_| "bad-response")?;
    if response.response_status != OcspResponseStatus::Successful {
        return Err(format!("ocsp-{:?}", response.response_status).to_lowercase());
    }
    let bytes = response.response_bytes.ok_or("bad-response")?;
    if bytes.response_type.to_string() != OID_OCSP_BASIC {
        return Err("bad-response".to_string());
    }
    let basic =
        BasicOcspResponse::from_der(bytes.response.as_bytes()).map_err(|_| "bad-response")?;
    verify_ocsp_signature(&basic, issuer_der)?;
    let issuer = CertFacts::from_der(issuer_der).ok_or("issuer")?;
    let single = basic
        .tbs_response_data
        .responses
        .iter()
        .find(|single| {
            let oid = single.cert_id.hash_algorithm.oid.to_string();
            cert_id(leaf, &issuer, &oid).is_ok_and(|mine| {
                mine.issuer_name_hash == single.cert_id.issuer_name_hash
                    && mine.issuer_key_hash == single.cert_id.issuer_key_hash
                    && mine.serial_number == single.cert_id.serial_number
            })
        })
        .ok_or("not-in-response")?;
    let now_secs = now.unix_timestamp();
    let this_update = unix(&single.this_update);
    if this_update > now_secs + SKEW_SECS {
        return Err("not-yet-valid-response".to_string());
    }
    if let Some(next) = &single.next_update
        && unix(next) < now_secs - SKEW_SECS
    {
        return Err("stale-response".to_string());
    }
    Ok(match &single.cert_status {
        CertStatus::Good(_) => Found::Good,
        CertStatus::Revoked(info) => Found::Revoked(rfc3339(unix(&info.revocation_time))),
        CertStatus::Unknown(_) => Found::Unknown("responder-unknown"),
    })
}

fn unix(t: &x509_ocsp::OcspGeneralizedTime) -> i64 {
    i64::try_from(t.0.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

fn rfc3339(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .map(crate::cert::rfc3339)
        .unwrap_or_else(|_| secs.to_string())
}

fn verify_ocsp_signature(basic: &BasicOcspResponse, issuer_der: &[u8]) -> Result<(), String> {
    use x509_parser::prelude::*;
    let tbs = basic
        .tbs_response_data
        .to_der()
        .map_err(|_| "bad-response")?;
    let algorithm_der = basic
        .signature_algorithm
        .to_der()
        .map_err(|_| "bad-response")?;
    let (_, algorithm) =
        AlgorithmIdentifier::from_der(&algorithm_der).map_err(|_| "bad-response")?;
    let signature = x509_parser::der_parser::asn1_rs::BitString {
        unused_bits: 0,
        data: std::borrow::Cow::Borrowed(basic.signature.raw_bytes()),
    };
    let (_, issuer) = X509Certificate::from_der(issuer_der).map_err(|_| "issuer")?;
    let signed_by = |spki: &SubjectPublicKeyInfo| {
        x509_parser::verify::verify_signature(spki, &algorithm, &signature, &tbs).is_ok()
    };
    if signed_by(issuer.public_key()) {
        return Ok(());
    }
    // A delegated responder: a certificate in the response, issued by the issuer, for OCSP
    // signing (RFC 6960 4.2.2.2).
    for delegate in basic.certs.iter().flatten() {
        let Ok(delegate_der) = delegate.to_der() else {
            continue;
        };
        let Ok((_, delegate)) = X509Certificate::from_der(&delegate_der) else {
            continue;
        };
        let for_ocsp = delegate
            .extended_key_usage()
            .ok()
            .flatten()
            .is_some_and(|eku| eku.value.ocsp_signing);
        if for_ocsp
            && delegate.issuer().as_raw() == issuer.subject().as_raw()
            && delegate.verify_signature(Some(issuer.public_key())).is_ok()
            && signed_by(delegate.public_key())
        {
            return Ok(());
        }
    }
    Err("bad-signature".to_string())
}

async fn ask_crl(
    url: &str,
    leaf: &CertFacts,
    issuer_der: &[u8],
    limit: Duration,
    now: time::OffsetDateTime,
) -> Result<Found, String> {
    use x509_parser::prelude::*;
    let body = http(url, None, CRL_MAX_BYTES, limit).await?;
    let (_, crl) = CertificateRevocationList::from_der(&body).map_err(|_| "bad-response")?;
    let (_, issuer) = X509Certificate::from_der(issuer_der).map_err(|_| "issuer")?;
    if crl.issuer().as_raw() != leaf.issuer_raw.as_slice()
        || crl.verify_signature(issuer.public_key()).is_err()
    {
        return Err("bad-signature".to_string());
    }
    if let Some(next) = crl.next_update()
        && next.timestamp() < now.unix_timestamp() - SKEW_SECS
    {
        return Err("stale-response".to_string());
    }
    Ok(
        match crl
            .iter_revoked_certificates()
            .find(|r| r.raw_serial() == leaf.serial.as_slice())
        {
            Some(revoked) => Found::Revoked(rfc3339(revoked.revocation_date.timestamp())),
            None => Found::Good,
        },
    )
}

/// One bounded HTTP exchange: POST (OCSP) when `body` is given, else GET. Plain `http://` only
/// (see the module comment); at most `max_bytes` read; `limit` for the whole exchange.
async fn http(
    url: &str,
    body: Option<Vec<u8>>,
    max_bytes: usize,
    limit: Duration,
) -> Result<Vec<u8>, String> {
    if !url
        .get(..7)
        .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
    {
        return Err("unsupported-scheme".to_string());
    }
    let client = reqwest::Client::builder()
        .timeout(limit)
        .connect_timeout(limit)
        .redirect(reqwest::redirect::Policy::limited(3))
        .no_proxy()
        .build()
        .map_err(|e| e.to_string())?;
    let request = match body {
        Some(body) => client
            .post(url)
            .header("Content-Type", "application/ocsp-request")
            .body(body),
        None => client.get(url),
    };
    let exchange = async {
        let mut response = request.send().await.map_err(http_error)?;
        if !response.status().is_success() {
            return Err(format!("HTTP {}", response.status().as_u16()));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(http_error)? {
            if bytes.len() + chunk.len() > max_bytes {
                return Err("too-large".to_string());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    };
    tokio::time::timeout(limit, exchange)
        .await
        .map_err(|_| "timeout".to_string())?
}

fn http_error(e: reqwest::Error) -> String {
    if e.is_timeout() {
        "timeout".to_string()
    } else if e.is_connect() {
        "unreachable".to_string()
    } else if e.is_builder() {
        "bad-url".to_string()
    } else {
        "http-error".to_string()
    }
}
