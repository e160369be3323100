//! A test PKI made at test time with rcgen: one root CA, one intermediate, and leaf certificates
//! that are valid, expired, not yet valid, for the wrong name or self-signed.
//!
//! Chains returned by [`Pki::leaf`] never include the root (servers normally do not send it);
//! they include the intermediate only for [`CertKind::ValidWithIntermediate`].

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SerialNumber,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use time::{Duration, OffsetDateTime};

/// The name every well-behaved test server presents.
pub const DEFAULT_NAME: &str = "mail.test.example";
/// The name the [`CertKind::WrongName`] certificate is issued to.
pub const WRONG_NAME: &str = "other.invalid";
/// Common name of the test root CA (also its subject and the leaves' issuer).
pub const ROOT_CN: &str = "Connector Doctor Test Root CA";
/// Common name of the test intermediate CA.
pub const INTERMEDIATE_CN: &str = "Connector Doctor Test Issuing CA";

/// Which certificate a test server presents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CertKind {
    /// Signed by the test root, valid now, for these DNS names (wildcards allowed).
    Valid(Vec<String>),
    /// Signed by the test root, for `mail.test.example`, expired yesterday.
    Expired,
    /// Signed by the test root, for `mail.test.example`, valid from 30 days from now.
    NotYetValid,
    /// Signed by the test root, valid now, for `other.invalid` only.
    WrongName,
    /// Self-signed (not a CA), valid now, for `mail.test.example`.
    SelfSigned,
    /// Signed by the test intermediate (itself signed by the root); the chain sent includes the
    /// intermediate.
    ValidWithIntermediate(Vec<String>),
    /// Signed by the test intermediate, but the server sends only the leaf (the "missing
    /// intermediate" mistake): untrusted even with the root in --ca-file.
    MissingIntermediate(Vec<String>),
    /// Signed by the test root, valid now, for `mail.test.example`, with this text as the
    /// subject's common name (hostile text for the terminal-safety tests).
    Subject(String),
    /// This exact chain (DER, leaf first) and PKCS#8 key, made beforehand with
    /// [`Pki::fixed`]: for tests that must know the certificate before the server starts
    /// (DANE records published in a zone).
    Fixed {
        chain: Vec<Vec<u8>>,
        key_pkcs8: Vec<u8>,
    },
}

impl CertKind {
    /// `Valid(["mail.test.example"])`, what [`super::smtp::SmtpBehavior::default`] uses.
    pub fn valid_default() -> CertKind {
        CertKind::Valid(vec![DEFAULT_NAME.to_string()])
    }
}

/// The test PKI of one test binary.
pub struct Pki {
    /// Holds `ca.pem` (and whatever tests write next to it); lives as long as the test binary.
    pub dir: tempfile::TempDir,
    root: Issuer<'static, KeyPair>,
    root_pem: String,
    root_der: CertificateDer<'static>,
    intermediate: Issuer<'static, KeyPair>,
    intermediate_der: CertificateDer<'static>,
}

static PKI: OnceLock<Pki> = OnceLock::new();

/// The PKI of this test binary, generated on first use.
pub fn pki() -> &'static Pki {
    PKI.get_or_init(|| Pki::generate().expect("generate the test PKI"))
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn serial() -> SerialNumber {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0x1000);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    // Mix in the time so two test binaries do not reuse serials with different keys.
    let t = now().unix_timestamp() as u64;
    SerialNumber::from((t << 20) ^ n)
}

fn ca_params(cn: &str) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(DnType::CommonName, cn);
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Connector Doctor tests");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params.not_before = now() - Duration::days(2);
    params.not_after = now() + Duration::days(3650);
    params.serial_number = Some(serial());
    params.use_authority_key_identifier_extension = true;
    params
}

fn leaf_params(
    names: &[String],
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
) -> Result<CertificateParams, rcgen::Error> {
    let mut params = CertificateParams::new(names.to_vec())?;
    params.distinguished_name = rcgen::DistinguishedName::new();
    let cn = names.first().map(String::as_str).unwrap_or(DEFAULT_NAME);
    params.distinguished_name.push(DnType::CommonName, cn);
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Connector Doctor tests");
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.not_before = not_before;
    params.not_after = not_after;
    params.serial_number = Some(serial());
    params.use_authority_key_identifier_extension = true;
    Ok(params)
}

fn key_der(key: &KeyPair) -> PrivateKeyDer<'static> {
    PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()))
}

impl Pki {
    fn generate() -> Result<Pki, Box<dyn std::error::Error>> {
        let root_key = KeyPair::generate()?;
        let root_params = ca_params(ROOT_CN);
        let root_cert = root_params.self_signed(&root_key)?;
        let root = Issuer::new(root_params, root_key);

        let intermediate_key = KeyPair::generate()?;
        let intermediate_params = ca_params(INTERMEDIATE_CN);
        let intermediate_cert = intermediate_params.signed_by(&intermediate_key, &root)?;
        let intermediate = Issuer::new(intermediate_params, intermediate_key);

        sweep_stale_dirs("connector-doctor-pki-");
        let dir = tempfile::Builder::new()
            .prefix("connector-doctor-pki-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
        let root_pem = root_cert.pem();
        std::fs::write(dir.path().join("ca.pem"), &root_pem)?;
        Ok(Pki {
            dir,
            root,
            root_pem,
            root_der: root_cert.der().clone(),
            intermediate,
            intermediate_der: intermediate_cert.der().clone(),
        })
    }

    /// PEM file of the test root CA, for `--ca-file`.
    pub fn ca_file(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// PEM text of the test root CA.
    pub fn ca_pem(&self) -> &str {
        &self.root_pem
    }

    /// DER of the test root CA (for a rustls `RootCertStore`).
    pub fn ca_der(&self) -> CertificateDer<'static> {
        self.root_der.clone()
    }

    /// A fresh key and certificate chain (leaf first, root never included) of that kind.
    pub fn leaf(&self, kind: CertKind) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) {
        self.try_leaf(&kind)
            .unwrap_or_else(|e| panic!("generate a {kind:?} test certificate: {e}"))
    }

    /// A certificate of that kind made now and frozen, so the same one can be published (in a
    /// TLSA record) and served.
    pub fn fixed(&self, kind: CertKind) -> CertKind {
        let (chain, key) = self.leaf(kind);
        CertKind::Fixed {
            chain: chain.iter().map(|c| c.to_vec()).collect(),
            key_pkcs8: key.secret_der().to_vec(),
        }
    }

    fn try_leaf(
        &self,
        kind: &CertKind,
    ) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), rcgen::Error> {
        let key = KeyPair::generate()?;
        let default_names = vec![DEFAULT_NAME.to_string()];
        let valid_from = now() - Duration::days(1);
        let valid_to = now() + Duration::days(90);
        let chain = match kind {
            CertKind::Valid(names) => {
                let params = leaf_params(names, valid_from, valid_to)?;
                vec![params.signed_by(&key, &self.root)?.der().clone()]
            }
            CertKind::Expired => {
                let params = leaf_params(
                    &default_names,
                    now() - Duration::days(400),
                    now() - Duration::days(1),
                )?;
                vec![params.signed_by(&key, &self.root)?.der().clone()]
            }
            CertKind::NotYetValid => {
                let params = leaf_params(
                    &default_names,
                    now() + Duration::days(30),
                    now() + Duration::days(400),
                )?;
                vec![params.signed_by(&key, &self.root)?.der().clone()]
            }
            CertKind::WrongName => {
                let params = leaf_params(&[WRONG_NAME.to_string()], valid_from, valid_to)?;
                vec![params.signed_by(&key, &self.root)?.der().clone()]
            }
            CertKind::SelfSigned => {
                let params = leaf_params(&default_names, valid_from, valid_to)?;
                vec![params.self_signed(&key)?.der().clone()]
            }
            CertKind::ValidWithIntermediate(names) => {
                let params = leaf_params(names, valid_from, valid_to)?;
                vec![
                    params.signed_by(&key, &self.intermediate)?.der().clone(),
                    self.intermediate_der.clone(),
                ]
            }
            CertKind::MissingIntermediate(names) => {
                let params = leaf_params(names, valid_from, valid_to)?;
                vec![params.signed_by(&key, &self.intermediate)?.der().clone()]
            }
            CertKind::Fixed { chain, key_pkcs8 } => {
                let chain = chain
                    .iter()
                    .map(|c| CertificateDer::from(c.clone()))
                    .collect();
                let key = PrivateKeyDer::Pkcs8(key_pkcs8.clone().into());
                return Ok((chain, key));
            }
            CertKind::Subject(common_name) => {
                let mut params = leaf_params(&default_names, valid_from, valid_to)?;
                params.distinguished_name = rcgen::DistinguishedName::new();
                params
                    .distinguished_name
                    .push(DnType::CommonName, common_name.as_str());
                vec![params.signed_by(&key, &self.root)?.der().clone()]
            }
        };
        Ok((chain, key_der(&key)))
    }

    /// Writes a fresh chain (PEM, leaf first) and its PKCS#8 key into `dir`, as `<stem>.crt` and
    /// `<stem>.key`, e.g. for Postfix's `smtpd_tls_chain_files`. Returns (cert path, key path).
    pub fn write_leaf_pem(&self, kind: CertKind, dir: &Path) -> (PathBuf, PathBuf) {
        let stem = format!(
            "leaf-{}",
            serial()
                .to_bytes()
                .iter()
                .fold(String::new(), |s, b| s + &format!("{b:02x}"))
        );
        let (chain, key) = self.leaf(kind);
        let mut cert_pem = String::new();
        for cert in &chain {
            cert_pem.push_str(&pem_block("CERTIFICATE", cert.as_ref()));
        }
        let key_pem = pem_block("PRIVATE KEY", key.secret_der());
        let cert_path = dir.join(format!("{stem}.crt"));
        let key_path = dir.join(format!("{stem}.key"));
        std::fs::write(&cert_path, cert_pem).expect("write the test certificate");
        std::fs::write(&key_path, key_pem).expect("write the test key");
        (cert_path, key_path)
    }
}

/// Statics are never dropped, so each test binary leaves its directory in CARGO_TARGET_TMPDIR:
/// remove those of earlier runs (older than an hour) so they do not pile up.
pub fn sweep_stale_dirs(prefix: &str) {
    let Ok(entries) = std::fs::read_dir(env!("CARGO_TARGET_TMPDIR")) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if old && entry.file_name().to_string_lossy().starts_with(prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// PEM encoding without another dependency (base64, 64 columns).
pub fn pem_block(label: &str, der: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = String::with_capacity(der.len() * 4 / 3 + 4);
    for chunk in der.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        b64.push(ALPHABET[(n >> 18) as usize & 63] as char);
        b64.push(ALPHABET[(n >> 12) as usize & 63] as char);
        b64.push(if chunk.len() > 1 {
            ALPHABET[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        b64.push(if chunk.len() > 2 {
            ALPHABET[n as usize & 63] as char
        } else {
            '='
        });
    }
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
