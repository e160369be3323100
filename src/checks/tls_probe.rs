//! Learns what Microsoft 365 would negotiate with a server, which rustls alone cannot say (it
//! offers only ECDHE AEAD suites and TLS 1.2+): on fresh connections, EHLO and STARTTLS, then
//! one ClientHello per question, read up to the ServerHello or the alert. In TLS 1.2 the
//! server's Certificate message follows in clear text and is kept, so the certificate can be
//! judged even when rustls cannot finish the handshake. No handshake is ever completed.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use cookie_factory::bytes::{be_u8, be_u16};
use cookie_factory::combinator::slice;
use cookie_factory::multi::all;
use cookie_factory::sequence::tuple;
use cookie_factory::{GenError, SerializeFn, gen_simple};
use tls_parser::{
    NamedGroup, SNIType, TlsCipherSuiteID, TlsClientHelloContents, TlsCompressionID, TlsExtension,
    TlsExtensionType, TlsMessage, TlsMessageHandshake, TlsPlaintext, TlsRecordHeader,
    TlsRecordType,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::policy::{
    ECDSA_TLS12_SUITES, HelloAnswer, LEGACY_PROBE_SUITES, MICROSOFT_TLS12_SUITES, MicrosoftSuite,
    Negotiation, TLS13_PROBE_SUITES, TlsVersion, known_suite, negotiation,
};
use super::smtp::SmtpSession;
use super::types::TlsProbe;

/// Most bytes read from one probe connection: a ServerHello and a certificate chain fit in
/// far less; a server that sends more is cut off (bounded memory).
const MAX_READ: usize = 256 * 1024;

/// One question asked with one ClientHello.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    /// TLS 1.2 with Microsoft's TLS 1.2 list, in Microsoft's order.
    Tls12Microsoft,
    /// TLS 1.3 only.
    Tls13,
    /// TLS 1.2 with ECDSA suites only (asked only when Microsoft's list got nothing).
    Tls12Ecdsa,
    Tls11,
    Tls10,
}

impl Question {
    fn version(self) -> TlsVersion {
        match self {
            Question::Tls12Microsoft | Question::Tls12Ecdsa => TlsVersion::Tls12,
            Question::Tls13 => TlsVersion::Tls13,
            Question::Tls11 => TlsVersion::Tls11,
            Question::Tls10 => TlsVersion::Tls10,
        }
    }

    fn suites(self) -> &'static [MicrosoftSuite] {
        match self {
            Question::Tls12Microsoft => &MICROSOFT_TLS12_SUITES,
            Question::Tls13 => &TLS13_PROBE_SUITES,
            Question::Tls12Ecdsa => &ECDSA_TLS12_SUITES,
            Question::Tls11 | Question::Tls10 => &LEGACY_PROBE_SUITES,
        }
    }
}

/// What one hello learnt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub question: Question,
    pub answer: HelloAnswer,
    /// Why it is refused or inconclusive (a TLS alert name, `timeout`, an SMTP reply…).
    pub reason: String,
    /// DER certificates from a TLS 1.2 Certificate message, end-entity first.
    pub chain: Vec<Vec<u8>>,
}

/// Connections the probe opens per address (one per [`Question`]).
pub const PROBE_CONNECTIONS: usize = 5;

/// Everything the probe learnt about one address.
#[derive(Clone, Debug)]
pub struct Probed {
    pub negotiation: Negotiation,
    /// For the report (JSON, text, HTML).
    pub record: TlsProbe,
    /// The chain read in clear text from a TLS 1.2 (or older) Certificate message, end-entity
    /// first: from Microsoft's hello first, else the ECDSA one, else a legacy one.
    pub chain: Vec<Vec<u8>>,
}

/// Asks every question side by side, each on its own connection, so the probe costs one
/// connection's round trips (TCP, banner, EHLO, STARTTLS, hello) in wall time and never more
/// than `timeout`. The ECDSA and legacy questions are asked even when Microsoft's list works,
/// so that the versions accepted are known for the report.
pub async fn probe(
    addr: SocketAddr,
    helo_name: &str,
    sni: Option<&str>,
    timeout: Duration,
) -> Probed {
    let started = Instant::now();
    let (tls12, tls13, ecdsa, tls11, tls10) = tokio::join!(
        ask(addr, helo_name, sni, Question::Tls12Microsoft, timeout),
        ask(addr, helo_name, sni, Question::Tls13, timeout),
        ask(addr, helo_name, sni, Question::Tls12Ecdsa, timeout),
        ask(addr, helo_name, sni, Question::Tls11, timeout),
        ask(addr, helo_name, sni, Question::Tls10, timeout),
    );
    let negotiation = negotiation(
        tls12.answer,
        tls13.answer,
        ecdsa.answer,
        &[
            (TlsVersion::Tls10, tls10.answer),
            (TlsVersion::Tls11, tls11.answer),
        ],
    );
    let accepted = |a: &Answer| matches!(a.answer, HelloAnswer::Accepted(_));
    let versions_accepted = [
        (TlsVersion::Tls10, accepted(&tls10)),
        (TlsVersion::Tls11, accepted(&tls11)),
        (TlsVersion::Tls12, accepted(&tls12) || accepted(&ecdsa)),
        (TlsVersion::Tls13, accepted(&tls13)),
    ]
    .into_iter()
    .filter(|(_, yes)| *yes)
    .map(|(v, _)| v.as_str().to_string())
    .collect();
    let (suite, published) = match negotiation {
        Negotiation::Microsoft { suite } => (Some(suite), true),
        Negotiation::Ecdsa { suite } => (Some(suite), false),
        _ => (None, false),
    };
    // Nothing learnt: every hello timed out or got no TLS answer (or TLS 1.2 got none and no
    // other version was accepted), so the versions and the suite are unknown, not "none".
    let conclusive = negotiation != Negotiation::Unknown;
    let answers = [&tls12, &tls13, &ecdsa, &tls11, &tls10]
        .iter()
        .map(|a| a.line())
        .collect();
    let chain = [&tls12, &ecdsa, &tls11, &tls10]
        .iter()
        .map(|a| &a.chain)
        .find(|c| !c.is_empty())
        .cloned()
        .unwrap_or_default();
    Probed {
        negotiation,
        record: TlsProbe {
            versions_accepted,
            suite: suite.map(|s| s.name.to_string()),
            suite_published: published,
            suite_weak: suite.is_some_and(|s| s.weak),
            answers,
            duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            conclusive,
        },
        chain,
    }
}

impl Question {
    /// A short, language-neutral label for the report.
    pub fn label(self) -> &'static str {
        match self {
            Question::Tls12Microsoft => "TLS 1.2 (Microsoft 365 suites)",
            Question::Tls13 => "TLS 1.3",
            Question::Tls12Ecdsa => "TLS 1.2 (ECDSA suites)",
            Question::Tls11 => "TLS 1.1",
            Question::Tls10 => "TLS 1.0",
        }
    }
}

impl Answer {
    /// `TLS 1.0: accepted TLS_RSA_WITH_AES_128_CBC_SHA`, `TLS 1.3: refused (alert …)`,
    /// `TLS 1.1: no answer (timeout)`.
    fn line(&self) -> String {
        let label = self.question.label();
        match self.answer {
            HelloAnswer::Accepted(id) => format!("{label}: accepted {}", suite_name(id)),
            HelloAnswer::Refused => format!("{label}: refused ({})", self.reason),
            HelloAnswer::Inconclusive => format!("{label}: no answer ({})", self.reason),
        }
    }
}

/// IANA name of a suite (`0x1234` when unknown).
pub fn suite_name(id: u16) -> String {
    known_suite(id)
        .map(|s| s.name.to_string())
        .or_else(|| tls_parser::TlsCipherSuite::from_id(id).map(|c| c.name.to_string()))
        .unwrap_or_else(|| format!("{id:#06x}"))
}

/// Asks one question on a fresh connection: banner, EHLO, STARTTLS, ClientHello, answer.
/// Bounded by `timeout` as a whole.
pub async fn ask(
    addr: SocketAddr,
    helo_name: &str,
    sni: Option<&str>,
    question: Question,
    timeout: Duration,
) -> Answer {
    let inconclusive = |reason: String| Answer {
        question,
        answer: HelloAnswer::Inconclusive,
        reason,
        chain: Vec::new(),
    };
    match tokio::time::timeout(timeout, ask_inner(addr, helo_name, sni, question, timeout)).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(reason)) => inconclusive(reason),
        Err(_) => inconclusive("timeout".to_string()),
    }
}

async fn ask_inner(
    addr: SocketAddr,
    helo_name: &str,
    sni: Option<&str>,
    question: Question,
    timeout: Duration,
) -> Result<Answer, String> {
    let tcp = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    let mut session = SmtpSession::new(tcp, timeout);
    let banner = session.read_reply().await.map_err(|e| e.to_string())?;
    if banner.code() != 220 {
        return Err(format!("greeting {}", banner.code()));
    }
    let ehlo = session
        .command(&format!("EHLO {helo_name}"))
        .await
        .map_err(|e| e.to_string())?;
    if ehlo.code() != 250 {
        return Err(format!("EHLO {}", ehlo.code()));
    }
    let starttls = session
        .command("STARTTLS")
        .await
        .map_err(|e| e.to_string())?;
    if starttls.code() != 220 {
        return Err(format!("STARTTLS {}", starttls.code()));
    }
    let (mut tcp, _) = session.into_parts();
    let hello = client_hello(question, sni).map_err(|e| format!("{e:?}"))?;
    tcp.write_all(&hello).await.map_err(|e| e.to_string())?;
    tcp.flush().await.map_err(|e| e.to_string())?;
    let answer = read_answer(&mut tcp, question).await;
    // Never finish the handshake: closing here is what a client that gives up does.
    drop(tcp);
    Ok(answer)
}

/// The ClientHello record for a question.
///
/// tls-parser builds the record, the handshake header and the ClientHello body (version,
/// random, session id, suites, compression) and the extensions its serializer knows (SNI,
/// supported groups). Its serializer does not cover signature_algorithms, ec_point_formats,
/// supported_versions and key_share yet; these are written with cookie-factory, the
/// serializer library tls-parser itself is built on, from tls-parser's typed constants.
pub fn client_hello(question: Question, sni: Option<&str>) -> Result<Vec<u8>, GenError> {
    let version = question.version();
    let random = random_bytes::<32>();
    let session_id = random_bytes::<32>();
    let groups = [
        NamedGroup::EcdhX25519,
        NamedGroup::Secp256r1,
        NamedGroup::Secp384r1,
    ];
    let mut known = Vec::new();
    if let Some(name) = sni {
        known.push(TlsExtension::SNI(vec![(
            SNIType::HostName,
            name.as_bytes(),
        )]));
    }
    known.push(TlsExtension::EllipticCurves(groups.to_vec()));
    let known = gen_simple(tls_parser::gen_tls_extensions(&known), Vec::new())?;
    // gen_tls_extensions writes the list with its length; the extra extensions go after it.
    let known_body = known.get(2..).unwrap_or_default();

    let mut extra = Vec::new();
    extra = gen_simple(
        extension(
            TlsExtensionType::EcPointFormats,
            tuple((be_u8(1), be_u8(0))),
        ),
        extra,
    )?;
    if version >= TlsVersion::Tls12 {
        extra = gen_simple(
            extension(
                TlsExtensionType::SignatureAlgorithms,
                length_u16(all(SIGNATURE_SCHEMES.iter().map(|s| be_u16(*s)))),
            ),
            extra,
        )?;
    }
    let key_share;
    if version == TlsVersion::Tls13 {
        key_share = x25519_public_key();
        extra = gen_simple(
            extension(
                TlsExtensionType::SupportedVersions,
                tuple((be_u8(2), be_u16(TlsVersion::Tls13.wire()))),
            ),
            extra,
        )?;
        extra = gen_simple(
            extension(
                TlsExtensionType::KeyShare,
                length_u16(tuple((
                    be_u16(NamedGroup::EcdhX25519.0),
                    be_u16(key_share.len() as u16),
                    slice(&key_share),
                ))),
            ),
            extra,
        )?;
    }
    let mut extensions = known_body.to_vec();
    extensions.extend_from_slice(&extra);

    let ciphers: Vec<TlsCipherSuiteID> = question
        .suites()
        .iter()
        .map(|s| TlsCipherSuiteID(s.id))
        .collect();
    let hello = TlsClientHelloContents::new(
        version.min(TlsVersion::Tls12).wire(),
        &random,
        // TLS 1.3's middlebox compatibility mode wants a session id; older versions none.
        (version == TlsVersion::Tls13).then_some(&session_id[..]),
        ciphers,
        vec![TlsCompressionID(0)],
        Some(extensions.as_slice()),
    );
    let record = TlsPlaintext {
        hdr: TlsRecordHeader {
            record_type: TlsRecordType::Handshake,
            // RFC 8446 5.1: 0x0301 in the first record for compatibility.
            version: tls_parser::TlsVersion(TlsVersion::Tls10.wire()),
            len: 0,
        },
        msg: vec![TlsMessage::Handshake(TlsMessageHandshake::ClientHello(
            hello,
        ))],
    };
    gen_simple(tls_parser::gen_tls_plaintext(&record), Vec::new())
}

/// RSA-PSS, RSA PKCS#1 and ECDSA with SHA-2 (RFC 8446 4.2.3 code points), then SHA-1 last so
/// that an old server still answers.
const SIGNATURE_SCHEMES: [u16; 10] = [
    0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0201, 0x0203,
];

fn extension<'a, W: std::io::Write + 'a, F>(
    kind: TlsExtensionType,
    body: F,
) -> impl SerializeFn<W> + 'a
where
    F: SerializeFn<Vec<u8>> + 'a,
{
    tuple((be_u16(u16::from(kind)), length_u16(body)))
}

fn length_u16<'a, W: std::io::Write + 'a, F>(body: F) -> impl SerializeFn<W> + 'a
where
    F: SerializeFn<Vec<u8>> + 'a,
{
    move |out: cookie_factory::WriteContext<W>| {
        let inner = gen_simple(&body, Vec::new())?;
        tuple((be_u16(inner.len() as u16), slice(inner)))(out)
    }
}

/// A real X25519 public key (ring), so that a TLS 1.3 server answers with a ServerHello; the
/// private half is dropped at once: no handshake is ever finished.
fn x25519_public_key() -> Vec<u8> {
    let rng = ring::rand::SystemRandom::new();
    ring::agreement::EphemeralPrivateKey::generate(&ring::agreement::X25519, &rng)
        .and_then(|key| key.compute_public_key())
        .map(|public| public.as_ref().to_vec())
        .unwrap_or_else(|_| random_bytes::<32>().to_vec())
}

fn random_bytes<const N: usize>() -> [u8; N] {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; N];
    // A failing system RNG only makes the hello's random predictable: harmless for a probe.
    let _ = ring::rand::SystemRandom::new().fill(&mut bytes);
    bytes
}

/// Reads records until the answer is known: a ServerHello (then, in TLS 1.2, the Certificate
/// message), an alert, or something that is not TLS.
async fn read_answer(tcp: &mut TcpStream, question: Question) -> Answer {
    let mut answer = Answer {
        question,
        answer: HelloAnswer::Inconclusive,
        reason: String::new(),
        chain: Vec::new(),
    };
    let mut wire = Vec::new();
    let mut handshake = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        // Whole records first.
        while let Ok((rest, record)) = tls_parser::parse_tls_raw_record(&wire) {
            let consumed = wire.len() - rest.len();
            let kind = record.hdr.record_type;
            if kind == TlsRecordType::Alert {
                let description = record.data.get(1).copied().unwrap_or(0);
                if answer.answer == HelloAnswer::Inconclusive {
                    answer.answer = HelloAnswer::Refused;
                }
                answer.reason = format!("alert {}", tls_parser::TlsAlertDescription(description));
                return answer;
            }
            if kind != TlsRecordType::Handshake {
                // TLS 1.3's dummy ChangeCipherSpec, or encrypted records: the ServerHello is
                // behind us, nothing more to learn.
                return answer;
            }
            handshake.extend_from_slice(record.data);
            wire.drain(..consumed);
            if let Some(done) = read_handshake(&mut handshake, &mut answer) {
                if done {
                    return answer;
                }
            } else {
                answer.reason = "not a TLS handshake".to_string();
                return answer;
            }
        }
        if !wire.is_empty() && tls_parser::parse_tls_record_header(&wire).is_err() {
            answer.reason = "not TLS".to_string();
            return answer;
        }
        if wire.len() > MAX_READ {
            answer.reason = "too much data".to_string();
            return answer;
        }
        match tcp.read(&mut chunk).await {
            Ok(0) => {
                if answer.reason.is_empty() {
                    answer.reason = "connection closed".to_string();
                }
                return answer;
            }
            Ok(n) => wire.extend_from_slice(&chunk[..n]),
            Err(e) => {
                answer.reason = e.to_string();
                return answer;
            }
        }
    }
}

/// Parses the handshake messages gathered so far. `Some(true)`: the answer is complete;
/// `Some(false)`: more records needed; `None`: not a handshake we can read.
fn read_handshake(buffer: &mut Vec<u8>, answer: &mut Answer) -> Option<bool> {
    loop {
        // Handshake header: type (1) + length (3).
        let length = match buffer.get(..4) {
            Some(h) => (usize::from(h[1]) << 16) | (usize::from(h[2]) << 8) | usize::from(h[3]),
            None => return Some(false),
        };
        if buffer.len() < 4 + length {
            return Some(false);
        }
        let message: Vec<u8> = buffer.drain(..4 + length).collect();
        let parsed = tls_parser::parse_tls_message_handshake(&message);
        let Ok((_, TlsMessage::Handshake(message))) = parsed else {
            // A message tls-parser cannot read after the ServerHello does not undo it.
            return if matches!(answer.answer, HelloAnswer::Accepted(_)) {
                Some(true)
            } else {
                None
            };
        };
        match message {
            TlsMessageHandshake::ServerHello(hello) => {
                let offered = answer
                    .question
                    .suites()
                    .iter()
                    .any(|s| s.id == hello.cipher.0);
                let version = selected_version(hello.version.0, hello.ext);
                if !offered || version != Some(answer.question.version()) {
                    answer.answer = HelloAnswer::Refused;
                    answer.reason = format!(
                        "server chose {} {:#06x}",
                        version.map_or("?", |v| v.as_str()),
                        hello.cipher.0
                    );
                    return Some(true);
                }
                answer.answer = HelloAnswer::Accepted(hello.cipher.0);
                // TLS 1.3 encrypts the certificate; older versions send it next, in clear.
                if answer.question.version() == TlsVersion::Tls13 {
                    return Some(true);
                }
            }
            TlsMessageHandshake::Certificate(certificate) => {
                answer.chain = certificate
                    .cert_chain
                    .iter()
                    .map(|c| c.data.to_vec())
                    .collect();
                return Some(true);
            }
            // Anything else before the Certificate message (none in a normal TLS 1.2
            // handshake) or after it: the answer is complete.
            _ => return Some(matches!(answer.answer, HelloAnswer::Accepted(_))),
        }
    }
}

/// The version a ServerHello selects: its supported_versions extension (TLS 1.3, RFC 8446
/// 4.2.1) or its legacy version field.
fn selected_version(legacy: u16, extensions: Option<&[u8]>) -> Option<TlsVersion> {
    let chosen = extensions
        .and_then(|e| tls_parser::parse_tls_server_hello_extensions(e).ok())
        .and_then(|(_, list)| {
            list.into_iter().find_map(|e| match e {
                TlsExtension::SupportedVersions(v) => v.first().map(|v| v.0),
                _ => None,
            })
        });
    TlsVersion::from_wire(chosen.unwrap_or(legacy))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hello tls-parser writes is one tls-parser (and so any TLS server) reads back, with
    /// Microsoft's suites in Microsoft's order and the version asked for.
    #[test]
    fn client_hello_round_trips_through_tls_parser() {
        for question in [Question::Tls12Microsoft, Question::Tls13, Question::Tls10] {
            let bytes = client_hello(question, Some("mail.contoso.com")).expect("hello");
            let (rest, record) = tls_parser::parse_tls_plaintext(&bytes).expect("parse");
            assert!(rest.is_empty());
            let Some(TlsMessage::Handshake(TlsMessageHandshake::ClientHello(hello))) =
                record.msg.first()
            else {
                panic!("not a ClientHello: {record:?}");
            };
            let ids: Vec<u16> = hello.ciphers.iter().map(|c| c.0).collect();
            let expected: Vec<u16> = question.suites().iter().map(|s| s.id).collect();
            assert_eq!(ids, expected);
            assert_eq!(
                hello.version.0,
                question.version().min(TlsVersion::Tls12).wire()
            );
            let (_, extensions) =
                tls_parser::parse_tls_client_hello_extensions(hello.ext.expect("extensions"))
                    .expect("extensions parse");
            let has_versions = extensions
                .iter()
                .any(|e| matches!(e, TlsExtension::SupportedVersions(_)));
            assert_eq!(has_versions, question == Question::Tls13);
            assert!(extensions.iter().any(|e| matches!(e, TlsExtension::SNI(_))));
        }
    }
}
