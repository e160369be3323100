//! An in-process SMTP server on 127.0.0.1 that can misbehave on purpose.
//!
//! It runs on its own thread with its own tokio runtime, so synchronous tests (egui_kittest)
//! can use it too, and stops when dropped. Every loop is bounded: at most
//! [`MAX_CONNECTIONS`] connections, [`MAX_COMMANDS`] commands and [`CONNECTION_LIFETIME`] per
//! connection, [`SERVER_LIFETIME`] for the whole server.

use std::net::{SocketAddr, TcpListener as StdTcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rustls::ServerConfig;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::time::Instant;
use tokio_rustls::TlsAcceptor;

use super::pki::{CertKind, pki};

pub const MAX_CONNECTIONS: usize = 500;
pub const MAX_COMMANDS: usize = 200;
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(60);
pub const SERVER_LIFETIME: Duration = Duration::from_secs(600);
/// Longest command line the server accepts before hanging up.
const MAX_LINE: usize = 4096;
/// Largest message body kept.
const MAX_BODY: usize = 1 << 20;
/// How long the server waits for each client command.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// What the server says first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Greeting {
    /// `220 <hostname> ESMTP`.
    Normal,
    /// Accepts the TCP connection and never says anything.
    Silent,
    /// `421 4.3.2 … too busy`, then closes.
    Busy421,
    /// `554 5.7.1 … no SMTP service here`; every later command but QUIT gets 503.
    Reject554,
    /// Lines of random binary bytes (each ends with CRLF; the first byte is never a digit).
    Garbage,
    /// `220 ` followed by `x` bytes with no CRLF, 1 KiB every 10 ms, until the client leaves
    /// (or the connection lifetime ends).
    EndlessLine,
    /// The normal 220 line, one byte every 500 ms; then a normal dialogue.
    SlowDrip,
    /// The normal 220 line after this delay (a tarpit); then a normal dialogue.
    Delayed(Duration),
}

/// What happens with STARTTLS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartTls {
    /// Advertised in EHLO; the handshake presents this certificate.
    Offered(CertKind),
    /// Not advertised; the command gets `502 5.5.1`.
    NotOffered,
    /// Advertised; answers 220, reads the ClientHello, then closes the connection.
    DropMidHandshake,
    /// Advertised; the command gets `454 4.7.0`.
    RejectCommand,
    /// Advertised; the command gets no answer: the connection is closed.
    CloseOnCommand,
    /// Advertised; answers 220, reads the ClientHello, answers with a fatal TLS alert
    /// (handshake_failure), then closes.
    AlertMidHandshake,
    /// Advertised; answers 220, reads the ClientHello, answers with bytes that are not TLS,
    /// then closes.
    GarbageMidHandshake,
    /// Like `Offered`, but the server speaks only TLS 1.3 (refuses TLS 1.2 hellos).
    OfferedTls13Only(CertKind),
}

impl StartTls {
    /// The command is answered with 220 and a handshake (good or bad) follows.
    fn answers_220(&self) -> bool {
        matches!(
            self,
            StartTls::Offered(_)
                | StartTls::OfferedTls13Only(_)
                | StartTls::DropMidHandshake
                | StartTls::AlertMidHandshake
                | StartTls::GarbageMidHandshake
        )
    }
}

/// How the fake server behaves. `Default` is a well-behaved server.
#[derive(Clone, Debug)]
pub struct SmtpBehavior {
    pub greeting: Greeting,
    pub starttls: StartTls,
    /// EHLO gets `502 5.5.2`; HELO works.
    pub ehlo_rejected: bool,
    /// MAIL FROM gets `553 5.7.1`.
    pub reject_sender: bool,
    /// RCPT TO these (case-insensitive) gets `550 5.1.1`.
    pub rejected_recipients: Vec<String>,
    /// RCPT TO these (case-insensitive) gets `451 4.3.0`.
    pub deferred_recipients: Vec<String>,
    /// Name in the greeting and the EHLO reply.
    pub hostname: String,
    /// Every connection after the first gets the `421` busy greeting (a server that takes one
    /// session at a time).
    pub busy_after_first_connection: bool,
    /// Right after a successful TLS handshake the server closes the connection.
    pub close_after_tls: bool,
    /// Reply scripts: the first entry whose verb (`MAIL`, `RCPT`…, case-insensitive) matches a
    /// command is sent instead of the normal reply (one line, without CRLF; the command then has
    /// no effect). E.g. `("MAIL", "451 5.7.3 STARTTLS is required to send mail")`.
    pub replies: Vec<(String, String)>,
    /// Accept every recipient, even made-up ones. When `false` (the default) the server behaves
    /// as one that knows its mailboxes: it has no mailbox list, so it refuses (`550 5.1.1`) the
    /// made-up addresses of the engine's catch-all probe, recognised by their prefix
    /// [`connector_doctor::checks::email::CATCH_ALL_PROBE_PREFIX`].
    pub catch_all: bool,
    /// Advertises SMTPUTF8 (RFC 6531). Without it, a MAIL FROM or RCPT TO with a non-ASCII
    /// address gets `553 5.6.7`, as RFC 6531 §3.5 lets a server answer.
    pub smtputf8: bool,
    /// After a successful TLS handshake the server answers the first command with a line that
    /// is not SMTP (an HTTP status line) and closes.
    pub garbage_after_tls: bool,
}

impl Default for SmtpBehavior {
    fn default() -> Self {
        SmtpBehavior {
            greeting: Greeting::Normal,
            starttls: StartTls::Offered(CertKind::valid_default()),
            ehlo_rejected: false,
            reject_sender: false,
            rejected_recipients: Vec::new(),
            deferred_recipients: Vec::new(),
            hostname: super::pki::DEFAULT_NAME.to_string(),
            busy_after_first_connection: false,
            close_after_tls: false,
            replies: Vec::new(),
            catch_all: false,
            smtputf8: false,
            garbage_after_tls: false,
        }
    }
}

#[derive(Default)]
struct Shared {
    transcript: Mutex<Vec<String>>,
    messages: Mutex<Vec<String>>,
    connections: AtomicUsize,
    tls_handshakes: AtomicUsize,
}

impl Shared {
    fn record(&self, line: &str) {
        let mut line = line.to_string();
        line.truncate(512);
        if let Ok(mut t) = self.transcript.lock() {
            t.push(line);
        }
    }
}

/// A running fake SMTP server.
pub struct FakeSmtp {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl FakeSmtp {
    /// Starts a server on 127.0.0.1 (a free port).
    pub fn start(behavior: SmtpBehavior) -> FakeSmtp {
        FakeSmtp::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), behavior)
    }

    /// Starts a server whose behaviour is the default one changed by `change`.
    pub fn start_with(change: impl FnOnce(&mut SmtpBehavior)) -> FakeSmtp {
        let mut behavior = SmtpBehavior::default();
        change(&mut behavior);
        FakeSmtp::start(behavior)
    }

    /// Starts a server on `::1` (a free port). Panics if IPv6 loopback is not available.
    pub fn start_v6(behavior: SmtpBehavior) -> FakeSmtp {
        FakeSmtp::start_on("[::1]:0".parse().expect("::1 address"), behavior)
    }

    /// Starts a server on the given loopback address.
    pub fn start_on(bind: SocketAddr, behavior: SmtpBehavior) -> FakeSmtp {
        assert!(
            bind.ip().is_loopback(),
            "test servers listen on loopback only"
        );
        let listener = StdTcpListener::bind(bind).expect("bind the fake SMTP server");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let addr = listener.local_addr().expect("fake SMTP address");
        let tls = match &behavior.starttls {
            StartTls::Offered(kind) => Some(server_config(kind.clone())),
            StartTls::OfferedTls13Only(kind) => {
                Some(server_config_with(kind.clone(), &[&rustls::version::TLS13]))
            }
            _ => None,
        };
        let shared = Arc::new(Shared::default());
        let (tx, rx) = oneshot::channel();
        let ctx = Arc::new(Ctx {
            behavior,
            tls,
            shared: shared.clone(),
        });
        let thread = std::thread::Builder::new()
            .name(format!("fake-smtp-{}", addr.port()))
            .spawn(move || serve(listener, ctx, rx))
            .expect("spawn the fake SMTP thread");
        FakeSmtp {
            addr,
            shared,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `127.0.0.1:PORT` as the CLI's `--host` takes it (`[::1]:PORT` for IPv6).
    pub fn host_arg(&self) -> String {
        self.addr.to_string()
    }

    /// Every command line clients sent (not message bodies), in order, across connections.
    pub fn transcript(&self) -> Vec<String> {
        self.shared
            .transcript
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default()
    }

    /// Bodies received via DATA (dot-unstuffed, CRLF line ends).
    pub fn messages(&self) -> Vec<String> {
        self.shared
            .messages
            .lock()
            .map(|m| m.clone())
            .unwrap_or_default()
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// TLS handshakes completed so far.
    pub fn tls_handshakes(&self) -> usize {
        self.shared.tls_handshakes.load(Ordering::SeqCst)
    }
}

impl Drop for FakeSmtp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// rustls server configuration (ring provider) presenting a test certificate of that kind.
pub fn server_config(kind: CertKind) -> Arc<ServerConfig> {
    server_config_with(kind, rustls::DEFAULT_VERSIONS)
}

/// [`server_config`] limited to these TLS versions.
pub fn server_config_with(
    kind: CertKind,
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> Arc<ServerConfig> {
    // A prepared chain may come with an OCSP response to staple.
    let staple = match &kind {
        CertKind::Prepared { ocsp, .. } => ocsp.clone(),
        _ => Vec::new(),
    };
    let (chain, key) = pki().leaf(kind);
    let config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_protocol_versions(versions)
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert_with_ocsp(chain, key, staple)
            .expect("server certificate and key");
    Arc::new(config)
}

struct Ctx {
    behavior: SmtpBehavior,
    tls: Option<Arc<ServerConfig>>,
    shared: Arc<Shared>,
}

fn serve(listener: StdTcpListener, ctx: Arc<Ctx>, mut shutdown: oneshot::Receiver<()>) {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    rt.block_on(async {
        let Ok(listener) = TcpListener::from_std(listener) else {
            return;
        };
        let deadline = Instant::now() + SERVER_LIFETIME;
        let mut accepted = 0usize;
        while accepted < MAX_CONNECTIONS {
            tokio::select! {
                _ = &mut shutdown => break,
                _ = tokio::time::sleep_until(deadline) => break,
                conn = listener.accept() => {
                    let Ok((stream, _peer)) = conn else { continue };
                    accepted += 1;
                    let earlier = ctx.shared.connections.fetch_add(1, Ordering::SeqCst);
                    let ctx = ctx.clone();
                    tokio::spawn(async move {
                        let session = session(stream, ctx, earlier);
                        let _ = tokio::time::timeout(CONNECTION_LIFETIME, session).await;
                    });
                }
            }
        }
    });
    // Drops every connection task still running.
    rt.shutdown_timeout(Duration::from_millis(500));
}

async fn send<S: AsyncWrite + Unpin>(s: &mut S, text: &str) -> std::io::Result<()> {
    s.write_all(text.as_bytes()).await?;
    s.flush().await
}

/// Reads CRLF-terminated lines with a size cap.
#[derive(Default)]
struct Lines {
    buf: Vec<u8>,
}

impl Lines {
    async fn next<S: AsyncRead + Unpin>(&mut self, s: &mut S) -> Option<String> {
        let deadline = Instant::now() + COMMAND_TIMEOUT;
        loop {
            if let Some(pos) = self.buf.iter().position(|&b| b == b'\n') {
                let raw: Vec<u8> = self.buf.drain(..=pos).collect();
                let text = String::from_utf8_lossy(&raw);
                return Some(text.trim_end_matches(['\r', '\n']).to_string());
            }
            if self.buf.len() > MAX_LINE {
                return None;
            }
            let mut chunk = [0u8; 2048];
            let n = match tokio::time::timeout_at(deadline, s.read(&mut chunk)).await {
                Ok(Ok(n)) => n,
                _ => return None,
            };
            if n == 0 {
                return None;
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

/// Reads and discards until the peer leaves (bounded by the connection lifetime).
async fn drain<S: AsyncRead + Unpin>(s: &mut S) {
    let mut chunk = [0u8; 2048];
    while let Ok(n) = s.read(&mut chunk).await {
        if n == 0 {
            break;
        }
    }
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u8 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 24) as u8
    }
}

/// One connection; `earlier` connections were accepted before it.
async fn session(mut tcp: TcpStream, ctx: Arc<Ctx>, earlier: usize) {
    let b = &ctx.behavior;
    let greeting = format!("220 {} ESMTP Connector Doctor fake server\r\n", b.hostname);
    let mut reject_all = false;
    let greeting_kind = if b.busy_after_first_connection && earlier > 0 {
        Greeting::Busy421
    } else {
        b.greeting.clone()
    };
    match greeting_kind {
        Greeting::Normal => {
            if send(&mut tcp, &greeting).await.is_err() {
                return;
            }
        }
        Greeting::Silent => {
            drain(&mut tcp).await;
            return;
        }
        Greeting::Busy421 => {
            let _ = send(
                &mut tcp,
                &format!(
                    "421 4.3.2 {} Service not available, too busy, try again later\r\n",
                    b.hostname
                ),
            )
            .await;
            return;
        }
        Greeting::Reject554 => {
            if send(
                &mut tcp,
                &format!("554 5.7.1 {} No SMTP service here\r\n", b.hostname),
            )
            .await
            .is_err()
            {
                return;
            }
            reject_all = true;
        }
        Greeting::Garbage => {
            let mut rng = XorShift(
                0x9E37_79B9_7F4A_7C15 ^ u64::from(tcp.local_addr().map(|a| a.port()).unwrap_or(1)),
            );
            let mut bytes = Vec::with_capacity(16 * 128);
            for _ in 0..16 {
                for i in 0..126 {
                    let mut byte = rng.next();
                    if i == 0 {
                        byte |= 0x80;
                    }
                    bytes.push(byte);
                }
                bytes.extend_from_slice(b"\r\n");
            }
            if tcp.write_all(&bytes).await.is_err() {
                return;
            }
            drain(&mut tcp).await;
            return;
        }
        Greeting::EndlessLine => {
            if tcp.write_all(b"220 ").await.is_err() {
                return;
            }
            let chunk = [b'x'; 1024];
            // At most CONNECTION_LIFETIME / 10 ms chunks: bounded in count and time.
            for _ in 0..(CONNECTION_LIFETIME.as_millis() / 10) {
                if tcp.write_all(&chunk).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            return;
        }
        Greeting::Delayed(delay) => {
            tokio::time::sleep(delay.min(CONNECTION_LIFETIME)).await;
            if send(&mut tcp, &greeting).await.is_err() {
                return;
            }
        }
        Greeting::SlowDrip => {
            for byte in greeting.as_bytes() {
                if tcp.write_all(std::slice::from_ref(byte)).await.is_err() {
                    return;
                }
                let _ = tcp.flush().await;
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
    }

    let mut lines = Lines::default();
    let mut txn = Txn::default();
    let after = dialogue(&mut tcp, &mut lines, &ctx, false, reject_all, &mut txn).await;
    if after != After::StartTls {
        return;
    }
    match &b.starttls {
        StartTls::DropMidHandshake => {
            let mut hello = [0u8; 512];
            let _ = tokio::time::timeout(Duration::from_secs(5), tcp.read(&mut hello)).await;
            // Dropping the socket here aborts the handshake.
        }
        StartTls::AlertMidHandshake => {
            let mut hello = [0u8; 512];
            let _ = tokio::time::timeout(Duration::from_secs(5), tcp.read(&mut hello)).await;
            // An alert record: TLS 1.2 framing, level fatal (2), handshake_failure (40).
            let _ = tcp
                .write_all(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])
                .await;
            let _ = tcp.flush().await;
        }
        StartTls::GarbageMidHandshake => {
            let mut hello = [0u8; 512];
            let _ = tokio::time::timeout(Duration::from_secs(5), tcp.read(&mut hello)).await;
            let _ = send(&mut tcp, "500 5.5.1 this is not TLS at all\r\n").await;
        }
        StartTls::Offered(_) | StartTls::OfferedTls13Only(_) => {
            let Some(config) = ctx.tls.clone() else {
                return;
            };
            let accepted =
                tokio::time::timeout(COMMAND_TIMEOUT, TlsAcceptor::from(config).accept(tcp)).await;
            let Ok(Ok(mut tls)) = accepted else {
                return;
            };
            ctx.shared.tls_handshakes.fetch_add(1, Ordering::SeqCst);
            if b.close_after_tls {
                let _ = tls.shutdown().await;
                return;
            }
            if b.garbage_after_tls {
                let mut lines = Lines::default();
                if let Some(line) = lines.next(&mut tls).await {
                    ctx.shared.record(&line);
                    let _ = send(&mut tls, "HTTP/1.1 400 Bad Request\r\n").await;
                }
                let _ = tls.shutdown().await;
                return;
            }
            // RFC 3207: forget everything from before TLS.
            let mut lines = Lines::default();
            let mut txn = Txn::default();
            let _ = dialogue(&mut tls, &mut lines, &ctx, true, false, &mut txn).await;
            let _ = tls.shutdown().await;
        }
        StartTls::NotOffered | StartTls::RejectCommand | StartTls::CloseOnCommand => {}
    }
}

#[derive(Default)]
struct Txn {
    mail: bool,
    recipients: usize,
}

#[derive(Debug, PartialEq, Eq)]
enum After {
    Close,
    StartTls,
}

fn angle_address(arg: &str) -> String {
    let inner = match (arg.find('<'), arg.rfind('>')) {
        (Some(start), Some(end)) if end > start => &arg[start + 1..end],
        _ => arg.split_once(':').map(|(_, a)| a).unwrap_or(arg),
    };
    inner.trim().to_ascii_lowercase()
}

async fn dialogue<S: AsyncRead + AsyncWrite + Unpin>(
    s: &mut S,
    lines: &mut Lines,
    ctx: &Ctx,
    tls_active: bool,
    reject_all: bool,
    txn: &mut Txn,
) -> After {
    let b = &ctx.behavior;
    for _ in 0..MAX_COMMANDS {
        let Some(line) = lines.next(s).await else {
            return After::Close;
        };
        ctx.shared.record(&line);
        let verb = line
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        if reject_all && verb != "QUIT" {
            if send(s, "503 5.5.1 No SMTP service here\r\n").await.is_err() {
                return After::Close;
            }
            continue;
        }
        let offers_tls = !tls_active && b.starttls != StartTls::NotOffered;
        let scripted = b
            .replies
            .iter()
            .find(|(v, _)| v.eq_ignore_ascii_case(&verb))
            .map(|(_, r)| format!("{r}\r\n"));
        if let Some(reply) = scripted {
            if send(s, &reply).await.is_err() {
                return After::Close;
            }
            continue;
        }
        let reply = match verb.as_str() {
            "EHLO" if b.ehlo_rejected => "502 5.5.2 Error: command not recognized\r\n".to_string(),
            "EHLO" => {
                *txn = Txn::default();
                let mut r = format!(
                    "250-{}\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n",
                    b.hostname
                );
                if offers_tls {
                    r.push_str("250-STARTTLS\r\n");
                }
                if b.smtputf8 {
                    r.push_str("250-SMTPUTF8\r\n");
                }
                r.push_str("250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n");
                r
            }
            "HELO" => {
                *txn = Txn::default();
                format!("250 {}\r\n", b.hostname)
            }
            "STARTTLS" if tls_active => "503 5.5.1 Error: TLS already active\r\n".to_string(),
            "STARTTLS" => match b.starttls {
                StartTls::NotOffered => "502 5.5.1 Error: command not implemented\r\n".to_string(),
                StartTls::RejectCommand => {
                    "454 4.7.0 TLS not available due to local problem\r\n".to_string()
                }
                StartTls::CloseOnCommand => return After::Close,
                ref kind if kind.answers_220() => {
                    if send(s, "220 2.0.0 Ready to start TLS\r\n").await.is_err() {
                        return After::Close;
                    }
                    return After::StartTls;
                }
                _ => "502 5.5.1 Error: command not implemented\r\n".to_string(),
            },
            "MAIL" | "RCPT" if !line.is_ascii() && !b.smtputf8 => {
                "553 5.6.7 Non-ASCII addresses are not permitted\r\n".to_string()
            }
            "MAIL" if b.reject_sender => {
                "553 5.7.1 Sender address rejected: not permitted here\r\n".to_string()
            }
            "MAIL" => {
                txn.mail = true;
                txn.recipients = 0;
                "250 2.1.0 Ok\r\n".to_string()
            }
            "RCPT" if !txn.mail => "503 5.5.1 Error: need MAIL command\r\n".to_string(),
            "RCPT" => {
                let addr = angle_address(&line[4..]);
                let listed = |list: &[String]| list.iter().any(|r| r.eq_ignore_ascii_case(&addr));
                let unknown_probe = !b.catch_all
                    && addr.starts_with(connector_doctor::checks::email::CATCH_ALL_PROBE_PREFIX);
                if listed(&b.rejected_recipients) || unknown_probe {
                    format!(
                        "550 5.1.1 <{addr}>: Recipient address rejected: User unknown in local recipient table\r\n"
                    )
                } else if listed(&b.deferred_recipients) {
                    format!("451 4.3.0 <{addr}>: Temporary lookup failure, try again later\r\n")
                } else {
                    txn.recipients += 1;
                    "250 2.1.5 Ok\r\n".to_string()
                }
            }
            "DATA" if !txn.mail || txn.recipients == 0 => {
                "554 5.5.1 Error: no valid recipients\r\n".to_string()
            }
            "DATA" => {
                if send(s, "354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await
                    .is_err()
                {
                    return After::Close;
                }
                let mut body = String::new();
                let mut complete = false;
                // A body line per iteration; bounded by the body size cap.
                for _ in 0..(MAX_BODY / 2) {
                    let Some(l) = lines.next(s).await else { break };
                    if l == "." {
                        complete = true;
                        break;
                    }
                    if body.len() < MAX_BODY {
                        body.push_str(l.strip_prefix('.').unwrap_or(&l));
                        body.push_str("\r\n");
                    }
                }
                if !complete {
                    return After::Close;
                }
                if let Ok(mut m) = ctx.shared.messages.lock() {
                    m.push(body);
                }
                *txn = Txn::default();
                "250 2.0.0 Ok: queued as FAKE0001\r\n".to_string()
            }
            "RSET" => {
                *txn = Txn::default();
                "250 2.0.0 Ok\r\n".to_string()
            }
            "NOOP" => "250 2.0.0 Ok\r\n".to_string(),
            "QUIT" => {
                let _ = send(s, "221 2.0.0 Bye\r\n").await;
                return After::Close;
            }
            _ => "500 5.5.2 Error: command not recognized\r\n".to_string(),
        };
        if send(s, &reply).await.is_err() {
            return After::Close;
        }
    }
    After::Close
}

/// A TCP listener whose accept queue is full and never served, so a new connection attempt
/// hangs until the client gives up: the way to get `connect.timeout` on loopback.
pub struct Blackhole {
    addr: SocketAddr,
    _listener: StdTcpListener,
    _fillers: Vec<std::net::TcpStream>,
}

impl Blackhole {
    pub fn start() -> Blackhole {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime for the blackhole listener");
        let _guard = rt.enter();
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket
            .bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .expect("bind the blackhole listener");
        // Backlog 0: Linux keeps one connection waiting in the queue, then drops new SYNs.
        let listener = socket
            .listen(0)
            .expect("listen")
            .into_std()
            .expect("std listener");
        let addr = listener.local_addr().expect("blackhole address");
        let mut fillers = Vec::new();
        for _ in 0..8 {
            match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
                Ok(stream) => fillers.push(stream),
                Err(_) => break,
            }
        }
        Blackhole {
            addr,
            _listener: listener,
            _fillers: fillers,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Whether a new connection attempt really times out now (the kernel may behave otherwise).
    pub fn really_times_out(&self) -> bool {
        std::net::TcpStream::connect_timeout(&self.addr, Duration::from_millis(500)).is_err()
    }
}
