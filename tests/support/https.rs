//! An in-process HTTPS server on 127.0.0.1 for MTA-STS policies, with a certificate from the
//! test PKI. HTTP/1.1 is written by hand so a test chooses every byte: a policy, a redirect, a
//! body larger than any limit, a wrong status or content type.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio_rustls::TlsAcceptor;

use super::pki::CertKind;
use super::smtp::server_config;

/// What the server answers to every request.
#[derive(Clone, Debug)]
pub enum PolicyReply {
    /// `200`, `Content-Type: text/plain`, this body.
    Policy(String),
    /// `301` to this location.
    Redirect(String),
    /// `200 text/plain` with this many bytes and no Content-Length (the body ends when the
    /// connection closes), so only a reader that counts can stop it.
    Endless(usize),
    /// Any status, content type and body.
    Raw {
        status: u16,
        content_type: String,
        body: String,
    },
}

/// A running policy server; stops when dropped.
pub struct PolicyServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl PolicyServer {
    /// Serves `reply` with a certificate from the test root for `name` (`mta-sts.<domain>`).
    pub fn start(name: &str, reply: PolicyReply) -> PolicyServer {
        PolicyServer::start_with(CertKind::Valid(vec![name.to_string()]), reply)
    }

    pub fn start_with(cert: CertKind, reply: PolicyReply) -> PolicyServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind the policy server");
        listener.set_nonblocking(true).expect("non-blocking");
        let addr = listener.local_addr().expect("policy server address");
        let acceptor = TlsAcceptor::from(server_config(cert));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = oneshot::channel();
        let seen = requests.clone();
        let thread = std::thread::Builder::new()
            .name(format!("policy-https-{}", addr.port()))
            .spawn(move || serve(listener, acceptor, reply, seen, rx))
            .expect("spawn the policy server");
        PolicyServer {
            addr,
            requests,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Request lines received (`GET /.well-known/mta-sts.txt HTTP/1.1`), with the Host header.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Drop for PolicyServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(
    listener: std::net::TcpListener,
    acceptor: TlsAcceptor,
    reply: PolicyReply,
    requests: Arc<Mutex<Vec<String>>>,
    mut shutdown: oneshot::Receiver<()>,
) {
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
        let deadline = tokio::time::Instant::now() + Duration::from_secs(300);
        loop {
            tokio::select! {
                _ = &mut shutdown => break,
                _ = tokio::time::sleep_until(deadline) => break,
                accepted = listener.accept() => {
                    let Ok((tcp, _)) = accepted else { continue };
                    let acceptor = acceptor.clone();
                    let reply = reply.clone();
                    let requests = requests.clone();
                    tokio::spawn(async move {
                        let work = async {
                            let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                            let mut head = Vec::new();
                            let mut buf = [0u8; 1024];
                            while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16_384 {
                                match tls.read(&mut buf).await {
                                    Ok(0) | Err(_) => return,
                                    Ok(n) => head.extend_from_slice(&buf[..n]),
                                }
                            }
                            let text = String::from_utf8_lossy(&head);
                            let first = text.lines().next().unwrap_or("").to_string();
                            let host = text
                                .lines()
                                .find(|l| l.to_ascii_lowercase().starts_with("host:"))
                                .unwrap_or("")
                                .to_string();
                            if let Ok(mut r) = requests.lock() {
                                r.push(format!("{first} | {host}"));
                            }
                            let _ = respond(&mut tls, &reply).await;
                            let _ = tls.shutdown().await;
                        };
                        let _ = tokio::time::timeout(Duration::from_secs(20), work).await;
                    });
                }
            }
        }
    });
    rt.shutdown_timeout(Duration::from_millis(500));
}

async fn respond<S: tokio::io::AsyncWrite + Unpin>(
    out: &mut S,
    reply: &PolicyReply,
) -> std::io::Result<()> {
    let simple = |status: &str, content_type: &str, body: &str| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    match reply {
        PolicyReply::Policy(body) => {
            out.write_all(simple("200 OK", "text/plain; charset=utf-8", body).as_bytes())
                .await
        }
        PolicyReply::Redirect(location) => {
            let head = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            out.write_all(head.as_bytes()).await
        }
        PolicyReply::Raw {
            status,
            content_type,
            body,
        } => {
            out.write_all(simple(&format!("{status} X"), content_type, body).as_bytes())
                .await
        }
        PolicyReply::Endless(bytes) => {
            out.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n",
            )
            .await?;
            let line = b"mx: filler.example.com\n";
            let mut sent = 0;
            while sent < *bytes {
                out.write_all(line).await?;
                sent += line.len();
            }
            Ok(())
        }
    }
}
