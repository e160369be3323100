//! Name resolution as a sending MTA does it: MX first (in preference order), else A/AAAA;
//! IP literals pass through. hickory-resolver, against the system's DNS or a chosen server.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hickory_resolver::config::{NameServerConfig, ResolverConfig, ResolverOpts};
use hickory_resolver::net::NetError;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::{RData, RecordType};
use hickory_resolver::{Resolver, TokioResolver};

use super::types::{FailureCode, Message};

/// A host to connect to, found by resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The MX exchange or the host name the address belongs to (SNI and display).
    pub name: String,
    pub addr: SocketAddr,
    /// MX preference when the address came through an MX record.
    pub preference: Option<u16>,
}

/// Why resolution failed, with the failure code and a detail message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveFailure {
    pub code: FailureCode,
    pub detail: Message,
}

/// Builds the resolver of a run. A chosen server is asked alone, once per query, with the run's
/// timeout; otherwise the system configuration applies (with the run's timeout too).
pub fn build_resolver(
    dns_server: Option<SocketAddr>,
    timeout: Duration,
) -> Result<TokioResolver, Message> {
    let provider = TokioRuntimeProvider::default();
    let mut builder = match dns_server {
        Some(server) => {
            let mut ns = NameServerConfig::udp_and_tcp(server.ip());
            for conn in &mut ns.connections {
                conn.port = server.port();
            }
            let config = ResolverConfig::from_parts(None, vec![], vec![ns]);
            Resolver::builder_with_config(config, provider)
        }
        None => Resolver::builder(provider).map_err(|e| {
            Message::new("detail-dns-system-config").arg("error", printable_error(&e))
        })?,
    };
    let options: &mut ResolverOpts = builder.options_mut();
    // hickory tries UDP, then TCP, each with this timeout: half the run's timeout each keeps a
    // silent DNS server at about one timeout in all.
    options.timeout = (timeout / 2).max(Duration::from_millis(500));
    options.attempts = 1;
    options.cache_size = 64;
    builder
        .build()
        .map_err(|e| Message::new("detail-dns-system-config").arg("error", printable_error(&e)))
}

fn printable_error(e: &NetError) -> String {
    crate::sanitize::visible(&e.to_string()).into_owned()
}

fn fqdn(name: &str) -> String {
    if name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    }
}

fn dns_failure(name: &str, err: &NetError, record: &str) -> ResolveFailure {
    if err.is_nx_domain() {
        ResolveFailure {
            code: FailureCode::ResolveNxdomain,
            detail: Message::new("detail-resolve-nxdomain").arg("name", name),
        }
    } else if err.is_no_records_found() {
        ResolveFailure {
            code: FailureCode::ResolveNoRecords,
            detail: Message::new("detail-resolve-no-records")
                .arg("name", name)
                .arg("record", record),
        }
    } else {
        ResolveFailure {
            code: FailureCode::ResolveDnsError,
            detail: Message::new("detail-resolve-dns-error")
                .arg("name", name)
                .arg("error", printable_error(err)),
        }
    }
}

/// Is this address private to the network it was resolved on, so that Microsoft 365 (which
/// resolves public DNS and connects from the internet) cannot see the same host? RFC 1918,
/// CGNAT (RFC 6598, 100.64.0.0/10), loopback, link-local and unique-local IPv6 (fc00::/7).
pub fn is_private_here(ip: IpAddr) -> bool {
    match ip.to_canonical() {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
        }
    }
}

/// A/AAAA of one name (IPv4 first, as both are tried).
async fn addresses_of(resolver: &TokioResolver, name: &str) -> Result<Vec<IpAddr>, NetError> {
    let (v4, v6) = tokio::join!(
        resolver.lookup(fqdn(name), RecordType::A),
        resolver.lookup(fqdn(name), RecordType::AAAA)
    );
    let mut ips = Vec::new();
    let mut first_error = None;
    for result in [v4, v6] {
        match result {
            Ok(lookup) => {
                for record in lookup.answers() {
                    match &record.data {
                        RData::A(a) => ips.push(IpAddr::V4(a.0)),
                        RData::AAAA(aaaa) => ips.push(IpAddr::V6(aaaa.0)),
                        _ => {}
                    }
                }
            }
            Err(e) => {
                // NXDOMAIN on either answer is final; otherwise remember the first error.
                if e.is_nx_domain() || first_error.is_none() {
                    first_error = Some(e);
                }
            }
        }
    }
    ips.dedup();
    match (ips.is_empty(), first_error) {
        (false, _) => Ok(ips),
        (true, Some(e)) => Err(e),
        (true, None) => Err(NetError::Msg("no address in the answer".into())),
    }
}

/// An MX host of the domain whose own name gave no address, while another MX host's did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnresolvedMx {
    pub name: String,
    pub preference: u16,
    pub failure: ResolveFailure,
}

/// Where mail for a name goes: the addresses to try, and the MX hosts left out because their
/// names did not resolve (empty without MX records).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailRoute {
    pub targets: Vec<Target>,
    pub unresolved: Vec<UnresolvedMx>,
}

/// Resolves a host name the way mail is routed: its MX hosts (lowest preference first), or, when
/// it has no MX record, its own A/AAAA addresses. Every address gets `port`.
pub async fn resolve_mail_host(
    resolver: &TokioResolver,
    name: &str,
    port: u16,
) -> Result<Vec<Target>, ResolveFailure> {
    resolve_mail_route(resolver, name, port)
        .await
        .map(|route| route.targets)
}

/// [`resolve_mail_host`], and the MX hosts whose names gave no address. Microsoft does not say
/// what Exchange Online does with such an MX; RFC 5321 section 5.1 has the client try the
/// addresses of the MX list in order, and an MX without an address adds none, so mail goes to the
/// others. The caller shows each one left out (it is not silently dropped); only when no MX
/// resolves does the resolution fail.
pub async fn resolve_mail_route(
    resolver: &TokioResolver,
    name: &str,
    port: u16,
) -> Result<MailRoute, ResolveFailure> {
    let mx = resolver.lookup(fqdn(name), RecordType::MX).await;
    let exchanges: Vec<(u16, String)> = match mx {
        Ok(lookup) => {
            let mut list: Vec<(u16, String)> = lookup
                .answers()
                .iter()
                .filter_map(|r| match &r.data {
                    RData::MX(mx) => Some((mx.preference, mx.exchange.to_ascii())),
                    _ => None,
                })
                .collect();
            list.sort();
            list
        }
        Err(e) if e.is_no_records_found() && !e.is_nx_domain() => Vec::new(),
        Err(e) => return Err(dns_failure(name, &e, "MX")),
    };
    // RFC 7505: a single MX with exchange "." says the domain accepts no mail at all.
    if exchanges
        .iter()
        .any(|(_, host)| host == "." || host.is_empty())
    {
        return Err(ResolveFailure {
            code: FailureCode::ResolveNullMx,
            detail: Message::new("detail-resolve-null-mx").arg("name", name),
        });
    }
    if exchanges.is_empty() {
        let ips = addresses_of(resolver, name)
            .await
            .map_err(|e| dns_failure(name, &e, "MX, A, AAAA"))?;
        let targets = ips
            .into_iter()
            .map(|ip| Target {
                name: name.to_string(),
                addr: SocketAddr::new(ip, port),
                preference: None,
            })
            .collect();
        return Ok(MailRoute {
            targets,
            unresolved: Vec::new(),
        });
    }
    let mut targets = Vec::new();
    let mut unresolved = Vec::new();
    for (preference, exchange) in exchanges {
        let exchange = exchange.trim_end_matches('.').to_string();
        match addresses_of(resolver, &exchange).await {
            Ok(ips) => targets.extend(ips.into_iter().map(|ip| Target {
                name: exchange.clone(),
                addr: SocketAddr::new(ip, port),
                preference: Some(preference),
            })),
            Err(e) => unresolved.push(UnresolvedMx {
                failure: dns_failure(&exchange, &e, "A, AAAA"),
                name: exchange,
                preference,
            }),
        }
    }
    if targets.is_empty() {
        return Err(match unresolved.pop() {
            Some(last) => last.failure,
            None => ResolveFailure {
                code: FailureCode::ResolveNoRecords,
                detail: Message::new("detail-resolve-no-records")
                    .arg("name", name)
                    .arg("record", "A, AAAA"),
            },
        });
    }
    Ok(MailRoute {
        targets,
        unresolved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_addresses_are_the_ones_microsoft_cannot_reach() {
        for ip in [
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "100.64.0.1",
            "100.127.255.254",
            "127.0.0.1",
            "169.254.1.1",
            "::1",
            "fd00::1",
            "fc12::1",
            "fe80::1",
            "::ffff:192.168.1.1",
        ] {
            assert!(is_private_here(ip.parse().expect("ip")), "{ip}");
        }
        for ip in [
            "100.63.255.255",
            "100.128.0.1",
            "8.8.8.8",
            "2001:db8::1",
            "172.32.0.1",
        ] {
            assert!(!is_private_here(ip.parse().expect("ip")), "{ip}");
        }
    }
}
