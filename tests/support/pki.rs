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
    // Certificate policy (made with rcgen or, where rcgen cannot, with the openssl command).
    /// Signed by the test root for `mail.test.example`, but its Extended Key Usage lists only
    /// clientAuth.
    WrongUsage,
    /// Signed by the test root with ecdsa-with-SHA1 (openssl), for `mail.test.example`.
    Sha1Signed,
    /// For `mail.test.example`, issued by an intermediate with a 1024-bit RSA key (openssl)
    /// that the root signed; the chain sent includes that intermediate.
    WeakKeyIntermediate,
    /// Signed by the test intermediate for `mail.test.example`, naming this OCSP responder URL
    /// in its Authority Information Access; the chain sent includes the intermediate.
    WithOcsp(String),
    /// A chain (DER, leaf first), its PKCS#8 key and an OCSP response to staple (empty: none),
    /// made beforehand by the test (e.g. to know the serial number, or with [`Pki::fixed`] to
    /// publish the certificate in a TLSA record before the server starts).
    Prepared {
        chain: Vec<Vec<u8>>,
        key: Vec<u8>,
        ocsp: Vec<u8>,
    },
    // Revocation by CRL (tests/cli/policy_servers.rs).
    /// Signed by the test intermediate for `mail.test.example`, naming this URL as its CRL
    /// distribution point and no OCSP responder; the chain sent includes the intermediate.
    WithCrl(String),
}

/// Where the missing intermediate of [`CertKind::MissingIntermediate`] can be downloaded, as its
/// leaf says (never fetched).
pub const INTERMEDIATE_URL: &str = "http://127.0.0.1:9/issuing-ca.crt";

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

/// Authority Information Access (RFC 5280 4.2.2.1) with one URI, for rcgen's custom extension:
/// `method` is the last arc of id-ad (1 = OCSP, 2 = caIssuers).
fn aia_extension(method: u8, uri: &str) -> rcgen::CustomExtension {
    fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
        assert!(body.len() < 128, "short form only");
        let mut out = vec![tag, body.len() as u8];
        out.extend_from_slice(body);
        out
    }
    let oid = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, method];
    let mut description = tlv(0x06, &oid);
    description.extend(tlv(0x86, uri.as_bytes()));
    let value = tlv(0x30, &tlv(0x30, &description));
    rcgen::CustomExtension::from_oid_content(&[1, 3, 6, 1, 5, 5, 7, 1, 1], value)
}

/// Runs the openssl command in `dir`; panics with its stderr when it fails (test set-up only).
fn openssl(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run openssl (install it: .ci/run does)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `openssl req`: a new key (`-newkey NEWKEY`, with `key_opts` such as `-pkeyopt`) in `key`
/// and a request for `/CN=common_name` in `csr`, all in `dir`.
fn openssl_request(
    dir: &Path,
    (newkey, key_opts): (&str, &[&str]),
    key: &str,
    common_name: &str,
    csr: &str,
) {
    let subject = format!("/CN={common_name}");
    let mut args = vec!["req", "-new", "-newkey", newkey];
    args.extend(key_opts);
    args.extend(["-nodes", "-keyout", key, "-subj", &subject, "-out", csr]);
    openssl(dir, &args);
}

/// `openssl x509 -req`: `csr` signed for 30 days by `ca_cert`/`ca_key` with `digest`
/// (`-sha256`, `-sha1`) and the extensions in `ext`, into `out` (all in `dir`).
fn openssl_sign(
    dir: &Path,
    csr: &str,
    (ca_cert, ca_key): (&str, &str),
    digest: &str,
    ext: &str,
    out: &str,
) {
    openssl(
        dir,
        &[
            "x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key, digest, "-days", "30",
            "-extfile", ext, "-out", out,
        ],
    );
}

/// The extensions of a server leaf for `mail.test.example` (serverAuth, not a CA), into `ext`.
fn write_leaf_extensions(dir: &Path, ext: &str) {
    std::fs::write(
        dir.join(ext),
        format!("subjectAltName=DNS:{DEFAULT_NAME}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n"),
    )
    .expect("write extensions");
}

fn pem_certs(path: &Path) -> Vec<CertificateDer<'static>> {
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_file_iter(path)
        .expect("read PEM")
        .map(|c| c.expect("PEM certificate"))
        .collect()
}

fn pem_key(path: &Path) -> PrivateKeyDer<'static> {
    use rustls::pki_types::pem::PemObject;
    PrivateKeyDer::from_pem_file(path).expect("read PEM key")
}

fn unique_stem() -> String {
    serial()
        .to_bytes()
        .iter()
        .fold(String::new(), |s, b| s + &format!("{b:02x}"))
}

static PKI: OnceLock<Pki> = OnceLock::new();

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a certificate's SubjectPublicKeyInfo, in hex: the data of a `3 1 1` TLSA record,
/// computed here with ring, independently of the tool under test.
pub fn spki_sha256(cert_der: &[u8]) -> String {
    let (_, cert) = x509_parser::parse_x509_certificate(cert_der).expect("certificate");
    hex(ring::digest::digest(&ring::digest::SHA256, cert.tbs_certificate.subject_pki.raw).as_ref())
}

/// `3 1 1 <hex>` for the end-entity certificate of a chain made with [`Pki::fixed`].
pub fn record_311(kind: &CertKind) -> String {
    let CertKind::Prepared { chain, .. } = kind else {
        panic!("a fixed certificate (Pki::fixed), not {kind:?}");
    };
    format!("3 1 1 {}", spki_sha256(&chain[0]))
}

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
        let root_key_pem = root_key.serialize_pem();
        let root_params = ca_params(ROOT_CN);
        let root_cert = root_params.self_signed(&root_key)?;
        let root = Issuer::new(root_params, root_key);

        let intermediate_key = KeyPair::generate()?;
        let intermediate_key_pem = intermediate_key.serialize_pem();
        let intermediate_params = ca_params(INTERMEDIATE_CN);
        let intermediate_cert = intermediate_params.signed_by(&intermediate_key, &root)?;
        let intermediate = Issuer::new(intermediate_params, intermediate_key);

        sweep_stale_dirs("connector-doctor-pki-");
        let dir = tempfile::Builder::new()
            .prefix("connector-doctor-pki-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
        let root_pem = root_cert.pem();
        std::fs::write(dir.path().join("ca.pem"), &root_pem)?;
        // For the openssl-made certificates and the OCSP responder.
        std::fs::write(dir.path().join("ca.key"), root_key_pem)?;
        std::fs::write(dir.path().join("intermediate.pem"), intermediate_cert.pem())?;
        std::fs::write(dir.path().join("intermediate.key"), intermediate_key_pem)?;
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
        CertKind::Prepared {
            chain: chain.iter().map(|c| c.to_vec()).collect(),
            key: key.secret_der().to_vec(),
            ocsp: Vec::new(),
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
                let mut params = leaf_params(names, valid_from, valid_to)?;
                params
                    .custom_extensions
                    .push(aia_extension(2, INTERMEDIATE_URL));
                vec![params.signed_by(&key, &self.intermediate)?.der().clone()]
            }
            CertKind::WrongUsage => {
                let mut params = leaf_params(&default_names, valid_from, valid_to)?;
                params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
                vec![params.signed_by(&key, &self.root)?.der().clone()]
            }
            CertKind::WithOcsp(url) => {
                let mut params = leaf_params(&default_names, valid_from, valid_to)?;
                params.custom_extensions.push(aia_extension(1, url));
                vec![
                    params.signed_by(&key, &self.intermediate)?.der().clone(),
                    self.intermediate_der.clone(),
                ]
            }
            CertKind::WithCrl(url) => {
                let mut params = leaf_params(&default_names, valid_from, valid_to)?;
                params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
                    uris: vec![url.clone()],
                }];
                vec![
                    params.signed_by(&key, &self.intermediate)?.der().clone(),
                    self.intermediate_der.clone(),
                ]
            }
            CertKind::Sha1Signed => return Ok(self.openssl_leaf(false)),
            CertKind::WeakKeyIntermediate => return Ok(self.openssl_leaf(true)),
            CertKind::Prepared { chain, key, .. } => {
                return Ok((
                    chain
                        .iter()
                        .map(|c| CertificateDer::from(c.clone()))
                        .collect(),
                    PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.clone())),
                ));
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

    /// A leaf for `mail.test.example` made with the openssl command (rcgen signs neither with
    /// SHA-1 nor with a 1024-bit RSA key): signed by the root with SHA-1, or (weak_key) by a
    /// fresh intermediate whose RSA key has 1024 bits.
    fn openssl_leaf(
        &self,
        weak_key: bool,
    ) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) {
        let dir = self.dir.path();
        let stem = unique_stem();
        let ext = format!("{stem}.ext");
        write_leaf_extensions(dir, &ext);
        let (key, csr, leaf) = (
            format!("{stem}.key"),
            format!("{stem}.csr"),
            format!("{stem}.pem"),
        );
        openssl_request(
            dir,
            ("ec", &["-pkeyopt", "ec_paramgen_curve:P-256"]),
            &key,
            DEFAULT_NAME,
            &csr,
        );
        let mut chain = Vec::new();
        if weak_key {
            let (ikey, icsr, icert, iext) = (
                format!("{stem}-ca.key"),
                format!("{stem}-ca.csr"),
                format!("{stem}-ca.pem"),
                format!("{stem}-ca.ext"),
            );
            std::fs::write(
                dir.join(&iext),
                "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
            )
            .expect("write extensions");
            openssl_request(
                dir,
                ("rsa:1024", &[]),
                &ikey,
                "Connector Doctor Weak Issuing CA",
                &icsr,
            );
            openssl_sign(dir, &icsr, ("ca.pem", "ca.key"), "-sha256", &iext, &icert);
            openssl_sign(dir, &csr, (&icert, &ikey), "-sha256", &ext, &leaf);
            chain.extend(pem_certs(&dir.join(&leaf)));
            chain.extend(pem_certs(&dir.join(&icert)));
        } else {
            openssl_sign(dir, &csr, ("ca.pem", "ca.key"), "-sha1", &ext, &leaf);
            chain.extend(pem_certs(&dir.join(&leaf)));
        }
        (chain, pem_key(&dir.join(&key)))
    }

    /// A CRL (DER) of the test intermediate, valid now, listing these certificates (DER) as
    /// revoked an hour ago (key compromise).
    pub fn intermediate_crl(&self, revoked: &[&[u8]]) -> Vec<u8> {
        use x509_parser::prelude::*;
        let revoked_certs = revoked
            .iter()
            .map(|der| {
                let (_, cert) = X509Certificate::from_der(der).expect("parse test certificate");
                rcgen::RevokedCertParams {
                    serial_number: SerialNumber::from_slice(cert.raw_serial()),
                    revocation_time: now() - Duration::hours(1),
                    reason_code: Some(rcgen::RevocationReason::KeyCompromise),
                    invalidity_date: None,
                }
            })
            .collect();
        let params = rcgen::CertificateRevocationListParams {
            this_update: now() - Duration::hours(1),
            next_update: now() + Duration::days(7),
            crl_number: serial(),
            issuing_distribution_point: None,
            revoked_certs,
            key_identifier_method: rcgen::KeyIdMethod::Sha256,
        };
        params
            .signed_by(&self.intermediate)
            .expect("sign the test CRL")
            .der()
            .to_vec()
    }

    /// An RSA key of `bits` bits and a certificate for `mail.test.example` (serverAuth) signed
    /// by the test root with SHA-256, made with the openssl command (rcgen with ring makes no
    /// RSA keys) as PEM files in the PKI directory, for `openssl s_server`. Returns (cert, key).
    pub fn rsa_leaf_files(&self, bits: u32) -> (PathBuf, PathBuf) {
        let dir = self.dir.path();
        let stem = format!("rsa{bits}-{}", unique_stem());
        let (key, csr, leaf, ext) = (
            format!("{stem}.key"),
            format!("{stem}.csr"),
            format!("{stem}.pem"),
            format!("{stem}.ext"),
        );
        write_leaf_extensions(dir, &ext);
        openssl_request(dir, (&format!("rsa:{bits}"), &[]), &key, DEFAULT_NAME, &csr);
        openssl_sign(dir, &csr, ("ca.pem", "ca.key"), "-sha256", &ext, &leaf);
        (dir.join(leaf), dir.join(key))
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

/// Upper-case hex of a certificate's serial number, as `openssl ocsp`'s index file spells it.
pub fn serial_hex(der: &[u8]) -> String {
    use x509_parser::prelude::*;
    let (_, cert) = X509Certificate::from_der(der).expect("parse test certificate");
    let raw = cert.raw_serial();
    let trimmed = match raw.iter().position(|b| *b != 0) {
        Some(i) => &raw[i..],
        None => &raw[raw.len().saturating_sub(1)..],
    };
    trimmed.iter().map(|b| format!("{b:02X}")).collect()
}

/// Writes an `openssl ocsp` index file saying whether the certificate `leaf_der` is revoked.
fn write_index(dir: &Path, leaf_der: &[u8], revoked: bool) -> PathBuf {
    let line = if revoked {
        format!(
            "R\t301231235959Z\t250101000000Z\t{}\tunknown\t/CN={DEFAULT_NAME}\n",
            serial_hex(leaf_der)
        )
    } else {
        format!(
            "V\t301231235959Z\t\t{}\tunknown\t/CN={DEFAULT_NAME}\n",
            serial_hex(leaf_der)
        )
    };
    let path = dir.join(format!("{}.index", unique_stem()));
    std::fs::write(&path, line).expect("write the OCSP index");
    path
}

/// A real OCSP responder (`openssl ocsp -index … -port …`) on 127.0.0.1 for certificates issued
/// by the test intermediate, signing with the intermediate's key. Killed when dropped.
pub struct OcspResponder {
    child: std::process::Child,
}

impl OcspResponder {
    /// Starts the responder on `port`, saying that `leaf_der` is revoked (or good), and waits
    /// until it accepts connections.
    pub fn start(port: u16, leaf_der: &[u8], revoked: bool) -> OcspResponder {
        let pki = pki();
        let dir = pki.dir.path();
        let index = write_index(dir, leaf_der, revoked);
        let mut child = std::process::Command::new("openssl")
            .args(["ocsp", "-index"])
            .arg(&index)
            // `-port` takes a number only: openssl listens on every interface; the tests
            // reach it on 127.0.0.1.
            .args(["-port", &port.to_string()])
            .args([
                "-rsigner",
                "intermediate.pem",
                "-rkey",
                "intermediate.key",
                "-CA",
                "intermediate.pem",
                "-ignore_err",
            ])
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start openssl ocsp (install openssl: .ci/run does)");
        // Ready when it says so on stderr. Not by connecting to it: `openssl ocsp` serves one
        // connection at a time, and a connection closed without a request leaves it stuck.
        let stderr = child.stderr.take().expect("stderr piped");
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if line.contains("waiting for OCSP client connections") {
                    let _ = ready_tx.send(());
                }
            }
        });
        let responder = OcspResponder { child };
        assert!(
            ready_rx
                .recv_timeout(std::time::Duration::from_secs(10))
                .is_ok(),
            "openssl ocsp did not start listening on port {port}"
        );
        responder
    }
}

impl Drop for OcspResponder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An OCSP response for `leaf_der` (issued by the test intermediate), made by `openssl ocsp`
/// from a request file without any server: what a server staples to its handshake.
pub fn ocsp_response(leaf_der: &[u8], revoked: bool) -> Vec<u8> {
    let pki = pki();
    let dir = pki.dir.path();
    let index = write_index(dir, leaf_der, revoked);
    let stem = unique_stem();
    let (leaf, req, resp) = (
        format!("{stem}-leaf.pem"),
        format!("{stem}.req"),
        format!("{stem}.resp"),
    );
    std::fs::write(dir.join(&leaf), pem_block("CERTIFICATE", leaf_der)).expect("write leaf");
    openssl(
        dir,
        &[
            "ocsp",
            "-issuer",
            "intermediate.pem",
            "-cert",
            &leaf,
            "-no_nonce",
            "-reqout",
            &req,
        ],
    );
    let index = index.display().to_string();
    openssl(
        dir,
        &[
            "ocsp",
            "-index",
            &index,
            "-rsigner",
            "intermediate.pem",
            "-rkey",
            "intermediate.key",
            "-CA",
            "intermediate.pem",
            "-reqin",
            &req,
            "-respout",
            &resp,
        ],
    );
    std::fs::read(dir.join(resp)).expect("read the OCSP response")
}

/// A plain HTTP server on 127.0.0.1 that answers every request with one body (a CRL), set
/// after start since the URL must be known before the certificate naming it is made.
pub struct HttpFile {
    pub addr: std::net::SocketAddr,
    body: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl HttpFile {
    pub fn start() -> HttpFile {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind the HTTP server");
        let addr = listener.local_addr().expect("HTTP server address");
        let body = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let requests = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (served, counted) = (body.clone(), requests.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut stream = stream;
                let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16_384 {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let body = served.lock().map(|b| b.clone()).unwrap_or_default();
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            }
        });
        HttpFile {
            addr,
            body,
            requests,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{path}", self.addr)
    }

    pub fn set_body(&self, body: Vec<u8>) {
        if let Ok(mut b) = self.body.lock() {
            *b = body;
        }
    }

    pub fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::SeqCst)
    }
}
