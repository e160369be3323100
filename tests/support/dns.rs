//! An in-process DNS server on 127.0.0.1 (UDP and TCP) answering from a small zone, encoded and
//! decoded with hickory-proto. Names can also be set to answer SERVFAIL or never to answer.
//!
//! Address records must point at loopback (127.0.0.0/8 or ::1): tests never leave the machine.
//! Unknown names get NXDOMAIN; a known name without a record of the asked type gets NOERROR with
//! an empty answer and an SOA in the authority section.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use hickory_proto::op::{Message, MessageType, OpCode, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA, MX, SOA};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, UdpSocket};
use tokio::sync::oneshot;
use tokio::time::Instant;

const SERVER_LIFETIME: Duration = Duration::from_secs(600);
const MAX_QUERIES: usize = 20_000;
const MAX_TCP_CONNECTIONS: usize = 500;
const TTL: u32 = 60;

/// One record of the fake zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rec {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    /// Preference and exchange; exchange `"."` is a null MX (RFC 7505).
    Mx(u16, String),
}

/// The names the fake server knows. Names are case-insensitive, with or without the final dot.
#[derive(Clone, Debug, Default)]
pub struct Zone {
    records: BTreeMap<String, Vec<Rec>>,
    servfail: BTreeSet<String>,
    silent: BTreeSet<String>,
}

fn key(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

impl Zone {
    pub fn new() -> Zone {
        Zone::default()
    }

    /// A record; `ip` must be in 127.0.0.0/8.
    pub fn a(mut self, name: &str, ip: Ipv4Addr) -> Zone {
        assert!(
            ip.is_loopback(),
            "fake DNS A records must point at loopback, not {ip}"
        );
        self.records.entry(key(name)).or_default().push(Rec::A(ip));
        self
    }

    /// AAAA record; `ip` must be ::1.
    pub fn aaaa(mut self, name: &str, ip: Ipv6Addr) -> Zone {
        assert!(
            ip.is_loopback(),
            "fake DNS AAAA records must point at loopback, not {ip}"
        );
        self.records
            .entry(key(name))
            .or_default()
            .push(Rec::Aaaa(ip));
        self
    }

    /// AAAA record in the documentation prefix 2001:db8::/32 (RFC 3849), which nothing on the
    /// internet routes: only for a test that runs in a network namespace with no route out
    /// (tests/cli/policy_servers.rs), where connecting to it fails with "network unreachable".
    pub fn aaaa_documentation(mut self, name: &str, ip: Ipv6Addr) -> Zone {
        assert!(
            ip.segments()[..2] == [0x2001, 0x0db8],
            "only 2001:db8::/32 here, not {ip}"
        );
        self.records
            .entry(key(name))
            .or_default()
            .push(Rec::Aaaa(ip));
        self
    }

    /// MX record (`exchange` "." makes a null MX).
    pub fn mx(mut self, name: &str, preference: u16, exchange: &str) -> Zone {
        self.records
            .entry(key(name))
            .or_default()
            .push(Rec::Mx(preference, exchange.to_string()));
        self
    }

    /// `MX 0 .` (RFC 7505: this domain accepts no mail).
    pub fn null_mx(self, name: &str) -> Zone {
        self.mx(name, 0, ".")
    }

    /// A name that exists but has no record (answers NOERROR, empty, to every type).
    pub fn empty(mut self, name: &str) -> Zone {
        self.records.entry(key(name)).or_default();
        self
    }

    /// Queries for this name answer SERVFAIL.
    pub fn servfail(mut self, name: &str) -> Zone {
        self.servfail.insert(key(name));
        self
    }

    /// Queries for this name are never answered.
    pub fn timeout(mut self, name: &str) -> Zone {
        self.silent.insert(key(name));
        self
    }
}

#[derive(Default)]
struct Shared {
    queries: Mutex<Vec<String>>,
    count: AtomicUsize,
}

/// A running fake DNS server; stops when dropped.
pub struct FakeDns {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl FakeDns {
    /// Serves `zone` on 127.0.0.1, UDP and TCP on the same free port.
    pub fn start(zone: Zone) -> FakeDns {
        FakeDns::start_inner(Some(zone))
    }

    /// A DNS server that receives every query and never answers any.
    pub fn black_hole() -> FakeDns {
        FakeDns::start_inner(None)
    }

    fn start_inner(zone: Option<Zone>) -> FakeDns {
        // UDP and TCP on the same port: retry a few times if the TCP port is taken.
        let mut bound = None;
        for _ in 0..20 {
            let udp = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind fake DNS (UDP)");
            let addr = udp.local_addr().expect("fake DNS address");
            if let Ok(tcp) = std::net::TcpListener::bind(addr) {
                bound = Some((udp, tcp, addr));
                break;
            }
        }
        let (udp, tcp, addr) = bound.expect("a free port for UDP and TCP");
        udp.set_nonblocking(true).expect("non-blocking UDP");
        tcp.set_nonblocking(true).expect("non-blocking TCP");
        let shared = Arc::new(Shared::default());
        let (tx, rx) = oneshot::channel();
        let zone = Arc::new(zone);
        let thread_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name(format!("fake-dns-{}", addr.port()))
            .spawn(move || serve(udp, tcp, zone, thread_shared, rx))
            .expect("spawn the fake DNS thread");
        FakeDns {
            addr,
            shared,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `127.0.0.1:PORT`, as `--dns-server` takes it.
    pub fn server_arg(&self) -> String {
        self.addr.to_string()
    }

    /// Queries received, as `name TYPE` (e.g. `contoso.test. MX`).
    pub fn queries(&self) -> Vec<String> {
        self.shared
            .queries
            .lock()
            .map(|q| q.clone())
            .unwrap_or_default()
    }

    /// Number of DNS messages received (UDP and TCP).
    pub fn query_count(&self) -> usize {
        self.shared.count.load(Ordering::SeqCst)
    }
}

impl Drop for FakeDns {
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
    udp: std::net::UdpSocket,
    tcp: std::net::TcpListener,
    zone: Arc<Option<Zone>>,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    rt.block_on(async {
        let (Ok(udp), Ok(tcp)) = (UdpSocket::from_std(udp), TcpListener::from_std(tcp)) else {
            return;
        };
        let deadline = Instant::now() + SERVER_LIFETIME;
        let mut buf = vec![0u8; 4096];
        let mut tcp_connections = 0usize;
        while shared.count.load(Ordering::SeqCst) < MAX_QUERIES {
            tokio::select! {
                _ = &mut shutdown => break,
                _ = tokio::time::sleep_until(deadline) => break,
                received = udp.recv_from(&mut buf) => {
                    let Ok((n, peer)) = received else { continue };
                    if let Some(reply) = answer(&buf[..n], &zone, &shared) {
                        let _ = udp.send_to(&reply, peer).await;
                    }
                }
                conn = tcp.accept(), if tcp_connections < MAX_TCP_CONNECTIONS => {
                    let Ok((mut stream, _)) = conn else { continue };
                    tcp_connections += 1;
                    let zone = zone.clone();
                    let shared = shared.clone();
                    tokio::spawn(async move {
                        let work = async {
                            // A few length-prefixed queries per connection (RFC 7766).
                            for _ in 0..16 {
                                let Ok(len) = stream.read_u16().await else { return };
                                let mut msg = vec![0u8; usize::from(len)];
                                if stream.read_exact(&mut msg).await.is_err() {
                                    return;
                                }
                                let Some(reply) = answer(&msg, &zone, &shared) else {
                                    // A silent name: keep the connection open until timeout.
                                    tokio::time::sleep(Duration::from_secs(60)).await;
                                    return;
                                };
                                let Ok(len) = u16::try_from(reply.len()) else { return };
                                if stream.write_u16(len).await.is_err()
                                    || stream.write_all(&reply).await.is_err()
                                {
                                    return;
                                }
                            }
                        };
                        let _ = tokio::time::timeout(Duration::from_secs(60), work).await;
                    });
                }
            }
        }
    });
    rt.shutdown_timeout(Duration::from_millis(500));
}

fn soa_for(name: &str) -> Record {
    let labels: Vec<&str> = name.split('.').filter(|l| !l.is_empty()).collect();
    let apex = if labels.len() >= 2 {
        labels[labels.len() - 2..].join(".")
    } else {
        name.to_string()
    };
    let owner = Name::from_ascii(format!("{apex}.")).unwrap_or_else(|_| Name::root());
    let mname = Name::from_ascii("ns.fake-dns.invalid.").unwrap_or_else(|_| Name::root());
    let rname = Name::from_ascii("hostmaster.fake-dns.invalid.").unwrap_or_else(|_| Name::root());
    Record::from_rdata(
        owner,
        TTL,
        RData::SOA(SOA::new(mname, rname, 1, 3600, 600, 86400, 1)),
    )
}

/// Builds the reply to one query message; `None` means stay silent.
fn answer(request: &[u8], zone: &Option<Zone>, shared: &Shared) -> Option<Vec<u8>> {
    shared.count.fetch_add(1, Ordering::SeqCst);
    let query = Message::from_vec(request).ok()?;
    let mut reply = Message::new(query.metadata.id, MessageType::Response, OpCode::Query);
    reply.metadata.recursion_desired = query.metadata.recursion_desired;
    reply.metadata.recursion_available = true;
    reply.metadata.authoritative = true;
    let Some(q) = query.queries.first().cloned() else {
        reply.metadata.response_code = ResponseCode::FormErr;
        return reply.to_vec().ok();
    };
    let name = q.name().to_ascii();
    if let Ok(mut log) = shared.queries.lock() {
        log.push(format!("{name} {}", q.query_type()));
    }
    let zone = zone.as_ref()?;
    let k = key(&name);
    if zone.silent.contains(&k) {
        return None;
    }
    reply.add_query(q.clone());
    if zone.servfail.contains(&k) {
        reply.metadata.response_code = ResponseCode::ServFail;
        reply.metadata.authoritative = false;
        return reply.to_vec().ok();
    }
    let Some(records) = zone.records.get(&k) else {
        reply.metadata.response_code = ResponseCode::NXDomain;
        reply.add_authority(soa_for(&k));
        return reply.to_vec().ok();
    };
    let owner = q.name().clone();
    let wanted = q.query_type();
    for rec in records {
        let rdata = match rec {
            Rec::A(ip) if matches!(wanted, RecordType::A | RecordType::ANY) => RData::A(A(*ip)),
            Rec::Aaaa(ip) if matches!(wanted, RecordType::AAAA | RecordType::ANY) => {
                RData::AAAA(AAAA(*ip))
            }
            Rec::Mx(pref, exchange) if matches!(wanted, RecordType::MX | RecordType::ANY) => {
                let exchange = if exchange == "." {
                    Name::root()
                } else {
                    Name::from_ascii(format!("{}.", key(exchange))).ok()?
                };
                RData::MX(MX::new(*pref, exchange))
            }
            _ => continue,
        };
        reply.add_answer(Record::from_rdata(owner.clone(), TTL, rdata));
    }
    if reply.answers.is_empty() {
        reply.add_authority(soa_for(&k));
    } else if wanted == RecordType::MX {
        // Like real servers: the exchanges' addresses in the additional section.
        for rec in records {
            if let Rec::Mx(_, exchange) = rec {
                for extra in zone.records.get(&key(exchange)).into_iter().flatten() {
                    let ip: IpAddr = match extra {
                        Rec::A(ip) => IpAddr::V4(*ip),
                        Rec::Aaaa(ip) => IpAddr::V6(*ip),
                        Rec::Mx(..) => continue,
                    };
                    let Ok(n) = Name::from_ascii(format!("{}.", key(exchange))) else {
                        continue;
                    };
                    let rdata = match ip {
                        IpAddr::V4(v4) => RData::A(A(v4)),
                        IpAddr::V6(v6) => RData::AAAA(AAAA(v6)),
                    };
                    reply.add_additional(Record::from_rdata(n, TTL, rdata));
                }
            }
        }
    }
    reply.to_vec().ok()
}
