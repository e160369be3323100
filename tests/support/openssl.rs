//! Real TLS stacks the engine must judge the way Microsoft 365 would: `openssl s_server`
//! configured with old protocol versions or suites rustls does not implement, behind a small
//! SMTP front. `openssl s_server` has no `-starttls smtp` (only `s_client` does), so the front
//! speaks SMTP up to `220` to STARTTLS, then splices the socket to `s_server` on another port.
//! After STARTTLS nothing speaks SMTP any more (s_server only echoes to its stdout): these
//! servers are for handshakes that this tool cannot finish; the clear-text SMTP the engine
//! falls back to is answered by the front itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The `openssl` binary, or `None` with a loud message on stderr: `.ci/run` installs it, so a
/// missing one is a machine problem the test log must show, not a silent pass.
pub fn openssl() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("openssl"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        eprintln!(
            "\n##########\nSKIPPED: `openssl` is not installed, so the tests against real \
             `openssl s_server` TLS stacks did NOT run. Install it (apt-get install openssl; \
             .ci/run does) and re-run.\n##########\n"
        );
    }
    found
}

/// An RSA key and a self-signed certificate for `mail.test.example`, made by openssl now.
pub fn rsa_certificate(openssl: &Path, dir: &Path) -> (PathBuf, PathBuf) {
    let cert = dir.join("rsa-cert.pem");
    let key = dir.join("rsa-key.pem");
    let status = Command::new(openssl)
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
        ])
        .args(["-subj", "/CN=mail.test.example"])
        .args(["-addext", "subjectAltName=DNS:mail.test.example"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run openssl req");
    assert!(status.success(), "openssl req failed");
    (cert, key)
}

/// `openssl s_server` on a loopback port with these extra arguments, killed on drop.
pub struct SServer {
    child: Child,
    pub addr: SocketAddr,
}

impl SServer {
    pub fn start(openssl: &Path, cert: &Path, key: &Path, extra: &[&str]) -> SServer {
        let port = free_port();
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let child = Command::new(openssl)
            .arg("s_server")
            .arg("-accept")
            .arg(addr.to_string())
            .arg("-cert")
            .arg(cert)
            .arg("-key")
            .arg(key)
            .arg("-quiet")
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start openssl s_server");
        let server = SServer { child, addr };
        let deadline = Instant::now() + Duration::from_secs(10);
        // Listening once a TCP connection is accepted; the empty connection is harmless.
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            assert!(Instant::now() < deadline, "openssl s_server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }
}

impl Drop for SServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The certificate the `openssl s_server`s of an [`OpensslSmtp`] present.
pub enum OpensslCert {
    /// Self-signed for `mail.test.example`, RSA 2048 ([`rsa_certificate`]).
    SelfSigned,
    /// For `mail.test.example`, an RSA key of this many bits, signed by the test root
    /// ([`super::pki::Pki::rsa_leaf_files`]).
    TestRoot { rsa_bits: u32 },
}

/// `openssl s_server` behind the SMTP front, as a `check --host` target: the front accepts the
/// rig's test address ([`super::cli::MAILBOX`]). Everything stops on drop.
pub struct OpensslSmtp {
    _dir: Option<tempfile::TempDir>,
    _servers: Vec<SServer>,
    front: StartTlsFront,
}

impl OpensslSmtp {
    /// `servers` processes of `openssl s_server` with `extra` arguments, each STARTTLS spliced
    /// to the next ([`StartTlsFront::start_pool`]; one per STARTTLS of a run when rustls may
    /// finish a handshake). With `tls_required`, the front answers MAIL without TLS with
    /// `530 5.7.0`. `None`, loudly, when openssl is missing ([`openssl`]).
    pub fn start(
        cert: OpensslCert,
        extra: &[&str],
        servers: usize,
        tls_required: bool,
    ) -> Option<OpensslSmtp> {
        let openssl = openssl()?;
        let (dir, (cert, key)) = match cert {
            OpensslCert::SelfSigned => {
                let dir = tempfile::tempdir().expect("temp dir");
                let files = rsa_certificate(&openssl, dir.path());
                (Some(dir), files)
            }
            OpensslCert::TestRoot { rsa_bits } => (None, super::pki().rsa_leaf_files(rsa_bits)),
        };
        let servers: Vec<SServer> = (0..servers)
            .map(|_| SServer::start(&openssl, &cert, &key, extra))
            .collect();
        let front = StartTlsFront::start_pool(
            servers.iter().map(|s| s.addr).collect(),
            super::cli::MAILBOX,
            tls_required,
        );
        Some(OpensslSmtp {
            _dir: dir,
            _servers: servers,
            front,
        })
    }

    /// `127.0.0.1:PORT` of the front, for `--host`.
    pub fn host_arg(&self) -> String {
        self.front.host_arg()
    }
}

/// The SMTP front: greets, offers STARTTLS, splices to `backend` after `220`. Without
/// STARTTLS it answers MAIL/RCPT/RSET itself: it accepts `mailbox` and refuses every other
/// recipient (so the engine's catch-all probe finds no catch-all), or answers MAIL with
/// `530 5.7.0 Must issue a STARTTLS command first` when `tls_required` is set.
pub struct StartTlsFront {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl StartTlsFront {
    pub fn start(backend: SocketAddr, mailbox: &str, tls_required: bool) -> StartTlsFront {
        StartTlsFront::start_pool(vec![backend], mailbox, tls_required)
    }

    /// Like [`StartTlsFront::start`], splicing each STARTTLS to the next of `backends` in turn:
    /// `openssl s_server` serves one connection at a time, so a server whose handshake rustls
    /// completes would hold the probe's side-by-side hellos until they time out; one `s_server`
    /// per connection of a run keeps them apart.
    pub fn start_pool(
        backends: Vec<SocketAddr>,
        mailbox: &str,
        tls_required: bool,
    ) -> StartTlsFront {
        assert!(!backends.is_empty(), "at least one backend");
        let backends = Arc::new(backends);
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the front");
        let addr = listener.local_addr().expect("front address");
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let mailbox = mailbox.to_ascii_lowercase();
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(300);
            while !stopped.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((tcp, _)) => {
                        let mailbox = mailbox.clone();
                        let (backends, next) = (backends.clone(), next.clone());
                        std::thread::spawn(move || {
                            let pick =
                                || backends[next.fetch_add(1, Ordering::SeqCst) % backends.len()];
                            let _ = front_session(tcp, pick, &mailbox, tls_required);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        StartTlsFront { addr, stop }
    }

    pub fn host_arg(&self) -> String {
        self.addr.to_string()
    }
}

impl Drop for StartTlsFront {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn front_session(
    tcp: TcpStream,
    backend: impl FnOnce() -> SocketAddr,
    mailbox: &str,
    tls_required: bool,
) -> std::io::Result<()> {
    tcp.set_nonblocking(false)?;
    tcp.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut writer = tcp.try_clone()?;
    let mut reader = BufReader::new(tcp.try_clone()?);
    writer.write_all(b"220 mail.test.example ESMTP front\r\n")?;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-mail.test.example\r\n250-8BITMIME\r\n250 STARTTLS\r\n"
        } else if command.starts_with("HELO") {
            b"250 mail.test.example\r\n"
        } else if command == "STARTTLS" {
            writer.write_all(b"220 2.0.0 Ready to start TLS\r\n")?;
            // Nothing was pipelined after STARTTLS (the engine waits for 220): the buffer is empty.
            return splice(tcp, backend());
        } else if command.starts_with("MAIL") && tls_required {
            b"530 5.7.0 Must issue a STARTTLS command first\r\n"
        } else if command.starts_with("MAIL") || command == "RSET" {
            b"250 2.0.0 OK\r\n"
        } else if command.starts_with("RCPT") {
            if command.contains(&format!("<{}>", mailbox.to_ascii_uppercase())) {
                b"250 2.1.5 OK\r\n"
            } else {
                b"550 5.1.1 No such user\r\n"
            }
        } else if command == "QUIT" {
            writer.write_all(b"221 2.0.0 Bye\r\n")?;
            return Ok(());
        } else {
            b"502 5.5.1 Not implemented\r\n"
        };
        writer.write_all(reply)?;
    }
}

/// Copies bytes both ways until either side closes.
fn splice(client: TcpStream, backend: SocketAddr) -> std::io::Result<()> {
    let server = TcpStream::connect_timeout(&backend, Duration::from_secs(5))?;
    client.set_read_timeout(Some(Duration::from_secs(30)))?;
    server.set_read_timeout(Some(Duration::from_secs(30)))?;
    let (mut c_read, mut s_write) = (client.try_clone()?, server.try_clone()?);
    let upstream = std::thread::spawn(move || {
        let _ = copy(&mut c_read, &mut s_write);
        let _ = s_write.shutdown(Shutdown::Write);
    });
    let (mut s_read, mut c_write) = (server, client);
    let _ = copy(&mut s_read, &mut c_write);
    let _ = c_write.shutdown(Shutdown::Both);
    let _ = upstream.join();
    Ok(())
}

fn copy(from: &mut TcpStream, to: &mut TcpStream) -> std::io::Result<()> {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = from.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        to.write_all(&buf[..n])?;
    }
}
