//! STARTTLS with rustls, keeping the server's chain even when it does not verify, then judging
//! it the way the connector's `TlsSettings` would: expiry, trusted CA, name against `TlsDomain`.

use std::sync::{Arc, Mutex};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};

use super::policy::tls_domain_accepts;
use super::types::{FailureCode, Message};
use crate::cert::CertificateInfo;
use crate::model::{CheckOptions, TlsPolicy};

/// The trust anchors of a run: Mozilla's roots, plus the extra CA file, plus (optionally) the OS.
pub fn build_roots(options: &CheckOptions) -> Result<RootCertStore, Message> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = &options.ca_file {
        let ders = crate::cert::load_certificates(path).map_err(|e| match e {
            // Missing, too large, a pipe or a device: the reader's message names file and limit.
            crate::cert::CertError::Read(e) => e.message(),
            e => Message::new("input-error-ca-file")
                .arg("path", path.display())
                .arg("problem", e),
        })?;
        for der in ders {
            roots.add(CertificateDer::from(der)).map_err(|e| {
                Message::new("input-error-ca-file")
                    .arg("path", path.display())
                    .arg("problem", e)
            })?;
        }
    }
    if options.use_os_trust_store {
        let native = rustls_native_certs::load_native_certs();
        let (added, _ignored) = roots.add_parsable_certificates(native.certs);
        if added == 0 {
            return Err(Message::new("input-error-os-trust-store"));
        }
    }
    Ok(roots)
}

/// What the verifier saw during a handshake.
#[derive(Debug, Default)]
pub struct Observed {
    /// DER of the chain as sent, end-entity first.
    pub chain: Vec<Vec<u8>>,
    /// webpki's verdict at the time of the handshake (name checks excluded, see below).
    pub verdict: Option<Result<(), rustls::Error>>,
    /// webpki's verdict at a moment inside the certificate's validity: tells trust apart from
    /// expiry when the certificate is expired.
    pub trust_inside_validity: Option<Result<(), rustls::Error>>,
    /// The OCSP response the server stapled to the handshake (empty when none; rustls asks for
    /// one in every ClientHello).
    pub stapled_ocsp: Vec<u8>,
}

/// Accepts every certificate (so the session goes on, as opportunistic TLS does) but records the
/// chain and what a real verification says.
#[derive(Debug)]
pub struct RecordingVerifier {
    inner: Arc<WebPkiServerVerifier>,
    pub observed: Mutex<Observed>,
}

impl RecordingVerifier {
    pub fn new(roots: RootCertStore, provider: Arc<CryptoProvider>) -> Result<Self, String> {
        let inner = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(RecordingVerifier {
            inner,
            observed: Mutex::new(Observed::default()),
        })
    }
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verdict = self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        let verdict = match verdict {
            Ok(_) => Ok(()),
            // The name is judged separately against the connector's TlsDomain; webpki checks the
            // chain before the name, so this error means the chain itself was fine.
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(()),
            Err(e) => Err(e),
        };
        let expired = matches!(
            verdict,
            Err(rustls::Error::InvalidCertificate(
                CertificateError::Expired
                    | CertificateError::ExpiredContext { .. }
                    | CertificateError::NotValidYet
                    | CertificateError::NotValidYetContext { .. }
            ))
        );
        let trust_inside_validity = if expired {
            CertificateInfo::from_der(end_entity.as_ref())
                .ok()
                .and_then(|info| {
                    let start = info.not_before_time()?.unix_timestamp();
                    let end = info.not_after_time()?.unix_timestamp();
                    let middle = u64::try_from(start + (end - start) / 2).ok()?;
                    Some(UnixTime::since_unix_epoch(std::time::Duration::from_secs(
                        middle,
                    )))
                })
                .map(|moment| {
                    match self.inner.verify_server_cert(
                        end_entity,
                        intermediates,
                        server_name,
                        ocsp_response,
                        moment,
                    ) {
                        Ok(_)
                        | Err(rustls::Error::InvalidCertificate(
                            CertificateError::NotValidForName
                            | CertificateError::NotValidForNameContext { .. },
                        )) => Ok(()),
                        Err(e) => Err(e),
                    }
                })
        } else {
            None
        };
        if let Ok(mut observed) = self.observed.lock() {
            observed.chain = std::iter::once(end_entity)
                .chain(intermediates.iter())
                .map(|c| c.as_ref().to_vec())
                .collect();
            observed.verdict = Some(verdict);
            observed.trust_inside_validity = trust_inside_validity;
            observed.stapled_ocsp = ocsp_response.to_vec();
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// A client config for one handshake, with its recording verifier.
pub fn client_config(
    roots: RootCertStore,
) -> Result<(Arc<rustls::ClientConfig>, Arc<RecordingVerifier>), String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(RecordingVerifier::new(roots, provider.clone())?);
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(verifier.clone())
        .with_no_client_auth();
    Ok((Arc::new(config), verifier))
}

/// What a verification of a chain captured outside rustls's handshake says (the probe reads
/// the TLS 1.2 Certificate message in clear text when rustls cannot finish): the same
/// recording verifier, called directly, so the certificate is judged exactly as after a
/// handshake.
pub fn observe_chain(
    roots: RootCertStore,
    ders: &[Vec<u8>],
    name: &str,
    now: UnixTime,
) -> Result<Observed, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = RecordingVerifier::new(roots, provider)?;
    let Some((leaf, rest)) = ders.split_first() else {
        return Ok(Observed::default());
    };
    let intermediates: Vec<CertificateDer<'_>> = rest
        .iter()
        .map(|d| CertificateDer::from(d.as_slice()))
        .collect();
    let server_name = super::prepare::server_name_for(name)
        .or_else(|| super::prepare::server_name_for("invalid"))
        .ok_or_else(|| "name".to_string())?;
    // The verifier records its verdict and always accepts: the result is in `observed`.
    let _ = verifier.verify_server_cert(
        &CertificateDer::from(leaf.as_slice()),
        &intermediates,
        &server_name,
        &[],
        now,
    );
    let observed = verifier
        .observed
        .lock()
        .map(|mut o| std::mem::take(&mut *o))
        .unwrap_or_default();
    Ok(observed)
}

/// One problem found with the certificate, most serious first when sorted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub code: FailureCode,
    pub detail: Message,
}

/// Judges what was observed against the connector's TLS setting. Returns the problems (in order
/// of importance) and the notes of what was checked.
pub fn judge(
    observed: &Observed,
    chain: &[CertificateInfo],
    policy: TlsPolicy,
    tls_domain: &str,
    now: ::time::OffsetDateTime,
) -> (Vec<Problem>, Vec<Message>) {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let Some(leaf) = chain.first() else {
        problems.push(Problem {
            code: FailureCode::TlsHandshakeFailed,
            detail: Message::new("detail-tls-no-certificate"),
        });
        return (problems, notes);
    };

    // Validity period, from the certificate itself.
    match (leaf.not_before_time(), leaf.not_after_time()) {
        (_, Some(end)) if end < now => problems.push(Problem {
            code: FailureCode::TlsExpired,
            detail: Message::new("detail-tls-expired").arg("not_after", &leaf.not_after),
        }),
        (Some(start), _) if start > now => problems.push(Problem {
            code: FailureCode::TlsNotYetValid,
            detail: Message::new("detail-tls-not-yet-valid").arg("not_before", &leaf.not_before),
        }),
        _ => notes.push(Message::new("note-tls-validity-ok").arg("not_after", &leaf.not_after)),
    }

    // Certificate policy (src/checks/policy.rs): SHA-1 signatures, short RSA keys, usage.
    let facts: Vec<CertFacts> = observed
        .chain
        .iter()
        .filter_map(|der| CertFacts::from_der(der))
        .collect();
    let policy_problems = policy_problems_of(&facts);
    let policy_explains_refusal = !policy_problems.is_empty();
    let incomplete = missing_intermediate(&facts);
    problems.extend(policy_problems);

    // Trust: the verdict at handshake time, or (when expired) inside the validity period.
    let trust = match (&observed.verdict, &observed.trust_inside_validity) {
        (_, Some(inside)) => Some(inside),
        (Some(verdict), None) => Some(verdict),
        (None, None) => None,
    };
    match trust {
        Some(Ok(())) => notes.push(Message::new("note-tls-trusted").arg("issuer", &leaf.issuer)),
        // Out of its validity period although the leaf is not (handled above): an intermediate.
        Some(Err(rustls::Error::InvalidCertificate(
            CertificateError::Expired
            | CertificateError::ExpiredContext { .. }
            | CertificateError::NotValidYet
            | CertificateError::NotValidYetContext { .. },
        ))) if !problems.iter().any(|p| {
            matches!(
                p.code,
                FailureCode::TlsExpired | FailureCode::TlsNotYetValid
            )
        }) =>
        {
            problems.push(Problem {
                code: FailureCode::TlsExpired,
                detail: Message::new("detail-tls-chain-expired"),
            });
        }
        Some(Err(rustls::Error::InvalidCertificate(
            CertificateError::Expired
            | CertificateError::ExpiredContext { .. }
            | CertificateError::NotValidYet
            | CertificateError::NotValidYetContext { .. },
        ))) => {}
        Some(Err(rustls::Error::InvalidCertificate(
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. },
        ))) if !facts.iter().any(|f| f.rejects_server_auth) => {
            // webpki refused the usage of a CA certificate; the end-entity is judged below.
            problems.push(Problem {
                code: FailureCode::TlsWrongUsage,
                detail: Message::new("detail-tls-wrong-usage").arg("subject", &leaf.subject),
            });
        }
        // The certificate policy checks below name the cause (SHA-1, a short key, the usage):
        // webpki's refusal for the same reason would only repeat it as "untrusted".
        Some(Err(e))
            if policy_explains_refusal
                && !matches!(
                    e,
                    rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer)
                ) => {}
        Some(Err(rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer)))
            if incomplete.is_some() =>
        {
            if let Some((issuer, url)) = &incomplete {
                problems.push(Problem {
                    code: FailureCode::TlsChainIncomplete,
                    detail: Message::new("detail-tls-chain-incomplete")
                        .arg("issuer", issuer)
                        .arg("url", url),
                });
            }
        }
        Some(Err(err)) => {
            let self_signed = leaf.self_issued && chain.len() == 1;
            let unknown_issuer = matches!(
                err,
                rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer)
            );
            if self_signed {
                problems.push(Problem {
                    code: FailureCode::TlsSelfSigned,
                    detail: Message::new("detail-tls-self-signed").arg("subject", &leaf.subject),
                });
            } else if unknown_issuer {
                problems.push(Problem {
                    code: FailureCode::TlsUntrustedIssuer,
                    detail: Message::new("detail-tls-untrusted").arg("issuer", &leaf.issuer),
                });
            } else {
                problems.push(Problem {
                    code: FailureCode::TlsUntrustedIssuer,
                    detail: Message::new("detail-tls-invalid-chain")
                        .arg("issuer", &leaf.issuer)
                        .arg("error", err),
                });
            }
        }
        None => {}
    }

    // Name: only DomainValidation compares with TlsDomain, as Exchange Online does, by the rule
    // in `policy::tls_domain_accepts`.
    let names = leaf.dns_names();
    let shown_names = if names.is_empty() {
        "-".to_string()
    } else {
        names.join(", ")
    };
    if policy == TlsPolicy::DomainValidation {
        let domain = tls_domain.trim();
        if names.iter().any(|n| tls_domain_accepts(domain, n)) {
            notes.push(
                Message::new("note-tls-name-ok")
                    .arg("tls_domain", domain)
                    .arg("names", &shown_names),
            );
        } else {
            problems.push(Problem {
                code: FailureCode::TlsNameMismatch,
                detail: Message::new("detail-tls-name-mismatch")
                    .arg("tls_domain", domain)
                    .arg("names", &shown_names),
            });
        }
    } else {
        notes.push(Message::new("note-tls-name-not-checked").arg("names", &shown_names));
    }

    problems.sort_by_key(|p| importance(p.code));
    (problems, notes)
}

fn importance(code: FailureCode) -> u8 {
    match code {
        FailureCode::TlsRevoked => 0,
        FailureCode::TlsWeakSignature => 1,
        FailureCode::TlsExpired => 2,
        FailureCode::TlsNotYetValid => 3,
        FailureCode::TlsWeakKey => 4,
        FailureCode::TlsWrongUsage => 5,
        FailureCode::TlsSelfSigned => 6,
        FailureCode::TlsChainIncomplete => 7,
        FailureCode::TlsUntrustedIssuer => 8,
        FailureCode::TlsNameMismatch => 9,
        _ => 10,
    }
}

/// What the certificate policy needs of one certificate, read from its DER with x509-parser.
#[derive(Clone, Debug, Default)]
pub struct CertFacts {
    pub subject: String,
    pub issuer: String,
    /// DER of the subject and issuer names (with their SEQUENCE header), for matching.
    pub subject_raw: Vec<u8>,
    pub issuer_raw: Vec<u8>,
    pub self_issued: bool,
    pub is_ca: bool,
    pub signature_oid: String,
    /// RSA modulus size in bits; 0 for other key types.
    pub rsa_bits: usize,
    /// Has an EKU extension that lists neither serverAuth nor anyExtendedKeyUsage.
    pub rejects_server_auth: bool,
    /// Authority Information Access: where the issuer's certificate and the OCSP responder are.
    pub ca_issuers: Vec<String>,
    pub ocsp: Vec<String>,
    /// CRL distribution points (URIs only).
    pub crls: Vec<String>,
    /// The serial number's content octets, and the raw subjectPublicKey bits (for OCSP CertID).
    pub serial: Vec<u8>,
    pub public_key: Vec<u8>,
}

impl CertFacts {
    pub fn from_der(der: &[u8]) -> Option<CertFacts> {
        use x509_parser::prelude::*;
        let (_, cert) = X509Certificate::from_der(der).ok()?;
        let rsa_bits = match cert.public_key().parsed() {
            Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => rsa.key_size(),
            _ => 0,
        };
        let eku = cert
            .extended_key_usage()
            .ok()
            .flatten()
            .map(|e| (e.value.server_auth, e.value.any));
        let mut facts = CertFacts {
            subject: cert.subject().to_string(),
            issuer: cert.issuer().to_string(),
            subject_raw: cert.subject().as_raw().to_vec(),
            issuer_raw: cert.issuer().as_raw().to_vec(),
            self_issued: cert.subject().as_raw() == cert.issuer().as_raw(),
            is_ca: cert.is_ca(),
            signature_oid: cert.signature_algorithm.algorithm.to_id_string(),
            rsa_bits,
            rejects_server_auth: !super::policy::allows_server_auth(eku),
            serial: cert.raw_serial().to_vec(),
            public_key: cert.public_key().subject_public_key.data.to_vec(),
            ..CertFacts::default()
        };
        for ext in cert.extensions() {
            match ext.parsed_extension() {
                ParsedExtension::AuthorityInfoAccess(aia) => {
                    for desc in aia.iter() {
                        let GeneralName::URI(uri) = &desc.access_location else {
                            continue;
                        };
                        let method = desc.access_method.to_id_string();
                        if method == OID_CA_ISSUERS {
                            facts.ca_issuers.push(uri.to_string());
                        } else if method == OID_OCSP {
                            facts.ocsp.push(uri.to_string());
                        }
                    }
                }
                ParsedExtension::CRLDistributionPoints(points) => {
                    for point in points.iter() {
                        if let Some(DistributionPointName::FullName(names)) =
                            &point.distribution_point
                        {
                            for name in names {
                                if let GeneralName::URI(uri) = name {
                                    facts.crls.push(uri.to_string());
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Some(facts)
    }

    /// A self-signed CA certificate: a root, whose own signature nobody checks.
    fn is_root(&self) -> bool {
        self.self_issued && self.is_ca
    }
}

const OID_CA_ISSUERS: &str = "1.3.6.1.5.5.7.48.2";
const OID_OCSP: &str = "1.3.6.1.5.5.7.48.1";

/// SHA-1 signatures, short RSA keys and a missing serverAuth usage in the chain sent, by the
/// rules of `policy.rs`.
pub fn certificate_policy_problems(chain_der: &[Vec<u8>]) -> Vec<Problem> {
    let facts: Vec<CertFacts> = chain_der
        .iter()
        .filter_map(|der| CertFacts::from_der(der))
        .collect();
    policy_problems_of(&facts)
}

fn policy_problems_of(facts: &[CertFacts]) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(weak) = facts
        .iter()
        .find(|f| !f.is_root() && super::policy::is_sha1_signature(&f.signature_oid))
    {
        problems.push(Problem {
            code: FailureCode::TlsWeakSignature,
            detail: Message::new("detail-tls-weak-signature")
                .arg("subject", &weak.subject)
                .arg("algorithm", &weak.signature_oid),
        });
    }
    if let Some(weak) = facts
        .iter()
        .find(|f| super::policy::is_weak_rsa_key(f.rsa_bits))
    {
        problems.push(Problem {
            code: FailureCode::TlsWeakKey,
            detail: Message::new("detail-tls-weak-key")
                .arg("subject", &weak.subject)
                .arg("bits", weak.rsa_bits)
                .arg("minimum", super::policy::MIN_RSA_KEY_BITS),
        });
    }
    if let Some(leaf) = facts.first().filter(|f| f.rejects_server_auth) {
        problems.push(Problem {
            code: FailureCode::TlsWrongUsage,
            detail: Message::new("detail-tls-wrong-usage").arg("subject", &leaf.subject),
        });
    }
    problems
}

/// When the chain sent stops at a certificate whose issuer it does not include, and that
/// certificate says where its issuer can be downloaded (AIA caIssuers, which CAs put in what
/// they issue below an intermediate), the server has left out an intermediate: returns the
/// missing issuer's name and that URL. Only called once webpki found no path to a trusted root.
///
/// Without a caIssuers URL nothing tells a missing intermediate from an unknown root, so the
/// verdict stays `tls.untrusted-issuer` (no invented cause).
fn missing_intermediate(facts: &[CertFacts]) -> Option<(String, String)> {
    let last = facts.last()?;
    if last.self_issued || facts.iter().any(|f| f.subject_raw == last.issuer_raw) {
        return None;
    }
    let url = last.ca_issuers.first()?;
    Some((last.issuer.clone(), url.clone()))
}

/// Is this problem fatal under the setting, or only worth a warning?
///
/// No TLS session at all (STARTTLS not offered, offered but refused, or a failed handshake) is
/// fatal only when the connector forces TLS. With opportunistic TLS (`TlsSettings` empty)
/// Microsoft 365 sends without encryption instead: "How Exchange Online uses TLS to secure email
/// connections" (Microsoft Learn) says Exchange Online tries the most secure TLS first, works its
/// way down until both sides agree, and unless a connector requires secure connections sends the
/// message without encryption if the recipient does not support TLS. The engine then tests the
/// address without TLS (see `engine.rs`), so the warning never stands in for an untested address.
pub fn is_fatal(code: FailureCode, policy: TlsPolicy) -> bool {
    match code {
        FailureCode::TlsNotOffered
        | FailureCode::TlsStarttlsRefused
        | FailureCode::TlsHandshakeFailed => policy.requires_tls(),
        FailureCode::TlsNameMismatch => policy == TlsPolicy::DomainValidation,
        // Microsoft 365 gets no TLS session: like a failed handshake, fatal only when the
        // connector forces TLS ("How Exchange Online uses TLS to secure email connections").
        FailureCode::TlsProtocolTooOld | FailureCode::TlsNoCommonCipher => policy.requires_tls(),
        // Microsoft 365 does get a session: worth saying, never fatal.
        FailureCode::TlsWeakCipher
        | FailureCode::TlsOnlyTls13
        | FailureCode::TlsToolHandshakeFailed => false,
        // Microsoft 365 refuses SHA-1 certificates whatever the setting (policy.rs).
        FailureCode::TlsWeakSignature => true,
        FailureCode::TlsRevoked => super::policy::revocation_is_fatal(policy),
        _ => policy.requires_trusted_certificate(),
    }
}
