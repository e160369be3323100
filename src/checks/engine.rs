//! Runs the steps for every host and every address concurrently (bounded), streams each result
//! as an event, and assembles the report in a stable order.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::RootCertStore;
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::EventSink;
use super::domain_security::Presented;
use super::email::{Refusal, catch_all_probe_address, classify_refusal, needs_smtputf8};
use super::policy::Negotiation;
use super::prepare::{HostPlan, Prepared, literal_ip, server_name_for};
use super::resolve::{
    MailRoute, Target, UnresolvedMx, build_resolver, resolve_mail_host, resolve_mail_route,
};
use super::smtp::{SmtpError, SmtpSession};
use super::tls::{certificate_policy_problems, client_config, is_fatal, judge};
use super::types::{
    Event, FailureCode, Message, RunReport, Status, StepKind, StepResult, TlsSession, Verdict,
};
use crate::cert::CertificateInfo;
use crate::model::{HostTarget, SmartHost};

/// Sort key of a step in the report: host, where within the host, step. Results with equal keys
/// keep the order they finished in (the sort is stable).
type Key = (usize, Slot, StepKind);
/// Connector-wide steps (the address check) come after every host.
const CONNECTOR_WIDE: usize = usize::MAX;

/// Where a result sits within its host, in report order. Every face (CLI text, JSON, HTML,
/// Markdown, the wizard) shows the steps in this one order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    /// The host's own lines, before its addresses: the Resolve step, then the MX route lines
    /// (chosen MX, dead MX, unresolved MX, address family) that are worked out after the
    /// addresses but read as part of resolving the host; and, when the host never got an
    /// address, its steps marked not reached.
    Host,
    /// The steps of the host's address at this index.
    Address(usize),
    /// The domain-security step: per host, and it judges what all its addresses showed.
    AfterAddresses,
}

struct Ctx {
    prepared: Prepared,
    roots: RootCertStore,
    resolver: Option<hickory_resolver::TokioResolver>,
    resolver_error: Option<Message>,
    sink: Arc<dyn EventSink>,
    results: Mutex<Vec<(Key, StepResult)>>,
    permits: Semaphore,
    message_sent: AtomicBool,
    /// The validating resolver of the domain-security step (when it runs), or why none.
    dnssec_resolver: Option<Result<hickory_resolver::TokioResolver, Message>>,
    /// What each address showed over STARTTLS: (host index, host name, what was presented).
    presented: Mutex<Vec<(usize, String, Presented)>>,
}

impl Ctx {
    fn started(&self, host: &Option<String>, address: &Option<String>, step: StepKind) {
        self.sink.send(Event::StepStarted {
            host: host.clone(),
            address: address.clone(),
            step,
        });
    }

    fn finish(&self, key: Key, result: StepResult) {
        self.sink.send(Event::StepFinished(result.clone()));
        if let Ok(mut results) = self.results.lock() {
            results.push((key, result));
        }
    }

    /// Keeps what an address showed over STARTTLS, for the domain-security step (only when
    /// that step runs).
    fn saw(&self, host_idx: usize, target: &Target, starttls: bool, chain: Vec<Vec<u8>>) {
        if self.dnssec_resolver.is_none() {
            return;
        }
        let name = target.name.trim_end_matches('.').to_ascii_lowercase();
        let presented = Presented {
            address: target.addr.to_string(),
            starttls,
            chain,
        };
        if let Ok(mut all) = self.presented.lock() {
            all.push((host_idx, name, presented));
        }
    }

    /// Marks every step after `after` as not reached (Microsoft 365 stops at a failure), with
    /// the reason.
    fn skip_rest(
        &self,
        host_idx: usize,
        slot: Slot,
        host: &Option<String>,
        address: &Option<String>,
        after: StepKind,
        reason: &str,
    ) {
        for step in StepKind::ALL
            .into_iter()
            .filter(|s| *s > after && s.per_address())
        {
            let mut result = StepResult::new(host.clone(), address.clone(), step);
            result.status = Status::NotReached;
            result.detail = Message::new(reason);
            self.finish((host_idx, slot, step), result);
        }
    }
}

/// Measures one step.
struct Timer(Instant);

impl Timer {
    fn start() -> Timer {
        Timer(Instant::now())
    }
    fn ms(&self) -> u64 {
        u64::try_from(self.0.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

/// See [`super::run_check`].
pub async fn run(
    prepared: Prepared,
    roots: RootCertStore,
    sink: Arc<dyn EventSink>,
    cancel: CancellationToken,
) -> RunReport {
    let started_at = ::time::OffsetDateTime::now_utc();
    let clock = Timer::start();
    let needs_dns = prepared.hosts.iter().any(|h| match h {
        HostPlan::Smart(s) => literal_ip(s).is_none(),
        HostPlan::MxOf(_) => true,
    });
    let (resolver, resolver_error) = if needs_dns {
        match build_resolver(prepared.dns_server, prepared.timeout) {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e)),
        }
    } else {
        (None, None)
    };
    let permits = Semaphore::new(prepared.concurrency);
    let request = prepared.request.clone();
    let dnssec_resolver = match &prepared.domain_security {
        Some(inputs) if needs_dns => Some(
            super::dnssec::build_validating_resolver(
                prepared.dns_server,
                prepared.timeout,
                &inputs.anchors,
            )
            .await,
        ),
        _ => None,
    };
    let ctx = Arc::new(Ctx {
        prepared,
        roots,
        resolver,
        resolver_error,
        sink: sink.clone(),
        results: Mutex::new(Vec::new()),
        permits,
        message_sent: AtomicBool::new(false),
        dnssec_resolver,
        presented: Mutex::new(Vec::new()),
    });

    address_scope_step(&ctx);

    let mut hosts = JoinSet::new();
    for (host_idx, plan) in ctx.prepared.hosts.clone().into_iter().enumerate() {
        let ctx = ctx.clone();
        hosts.spawn(async move { check_host(ctx, host_idx, plan).await });
    }
    let cancelled = tokio::select! {
        _ = cancel.cancelled() => true,
        _ = async { while hosts.join_next().await.is_some() {} } => false,
    };
    // Dropping the set aborts whatever still runs (after a cancel).
    drop(hosts);

    let mut steps = ctx.results.lock().map(|r| r.clone()).unwrap_or_default();
    steps.sort_by_key(|(key, _)| *key);
    let steps: Vec<StepResult> = steps.into_iter().map(|(_, s)| s).collect();
    let verdict = if cancelled {
        Verdict::Fail
    } else {
        RunReport::verdict_of(&steps)
    };
    let report = RunReport {
        request,
        started_at,
        finished_at: ::time::OffsetDateTime::now_utc(),
        duration_ms: clock.ms(),
        steps,
        verdict,
        cancelled,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    sink.send(Event::Finished(Box::new(report.clone())));
    report
}

/// The connector-wide part of the test-email step: is the address in the connector's scope?
/// Only shown when it fails (the per-address steps say the rest).
fn address_scope_step(ctx: &Ctx) {
    let Some(address) = &ctx.prepared.address else {
        return;
    };
    if ctx.prepared.address_in_scope {
        return;
    }
    let mut result = StepResult::new(None, None, StepKind::TestEmail);
    result.status = Status::Fail;
    result.code = Some(FailureCode::EmailOutOfScope);
    result.detail = Message::new("detail-email-out-of-scope")
        .arg("domain", &address.domain)
        .arg("scope", &ctx.prepared.recipient_domains_display);
    ctx.finish((CONNECTOR_WIDE, Slot::Host, StepKind::TestEmail), result);
}

async fn check_host(ctx: Arc<Ctx>, host_idx: usize, plan: HostPlan) {
    let host = Some(plan.label());
    ctx.started(&host, &None, StepKind::Resolve);
    let timer = Timer::start();
    let mut result = StepResult::new(host.clone(), None, StepKind::Resolve);

    let route: Result<MailRoute, (FailureCode, Message)> = match &plan {
        HostPlan::Smart(smart) => match &smart.target {
            HostTarget::Ip(ip) => Ok(MailRoute {
                targets: vec![Target {
                    name: ip.to_string(),
                    addr: SocketAddr::new(*ip, smart.port),
                    preference: None,
                }],
                unresolved: Vec::new(),
            }),
            HostTarget::Name(name) => resolve(&ctx, name, smart.port).await,
        },
        HostPlan::MxOf(domain) => resolve(&ctx, domain, ctx.prepared.mx_port).await,
    };
    result.duration_ms = timer.ms();
    let (targets, unresolved) = match route {
        Ok(route) => (route.targets, route.unresolved),
        Err((code, detail)) => {
            result.status = Status::Fail;
            result.code = Some(code);
            result.detail = detail;
            ctx.finish((host_idx, Slot::Host, StepKind::Resolve), result);
            ctx.skip_rest(
                host_idx,
                Slot::Host,
                &host,
                &None,
                StepKind::Resolve,
                "skipped-resolve-failed",
            );
            return;
        }
    };
    result.resolved = targets
        .iter()
        .map(|t| match t.preference {
            Some(p) => format!("{} (MX {p}) → {}", t.name, t.addr),
            None if t.name == t.addr.ip().to_string() => t.addr.to_string(),
            None => format!("{} → {}", t.name, t.addr),
        })
        .collect();
    result.detail = Message::new("detail-resolve-ok")
        .arg("count", targets.len())
        .arg("addresses", result.resolved.join(", "));
    let literal = matches!(&plan, HostPlan::Smart(s) if matches!(s.target, HostTarget::Ip(_)));
    match vantage(&plan, &targets) {
        Vantage::MailLoop(why) => {
            result.status = Status::Fail;
            result.code = Some(FailureCode::ResolvePointsToMicrosoft);
            result.detail = Message::new("detail-resolve-points-to-microsoft")
                .arg("name", plan.label())
                .arg("why", why);
            ctx.finish((host_idx, Slot::Host, StepKind::Resolve), result);
            // Connecting would test Microsoft's own servers, not the destination.
            ctx.skip_rest(
                host_idx,
                Slot::Host,
                &host,
                &None,
                StepKind::Resolve,
                "skipped-mail-loop",
            );
            return;
        }
        Vantage::Private(private) => {
            result.status = Status::Warn;
            result.code = Some(FailureCode::ResolvePrivateAddress);
            result.detail = Message::new(if literal {
                "detail-resolve-private-literal"
            } else if matches!(plan, HostPlan::MxOf(_)) {
                super::types::DETAIL_RESOLVE_PRIVATE_MX
            } else {
                "detail-resolve-private-address"
            })
            .arg("name", plan.label())
            .arg("private", private.join(", "))
            .arg("addresses", result.resolved.join(", "));
        }
        Vantage::Public => {}
    }
    ctx.finish((host_idx, Slot::Host, StepKind::Resolve), result);

    let names: Vec<String> = targets.iter().map(|t| t.name.clone()).collect();
    let mut addresses = JoinSet::new();
    let mx_targets = matches!(plan, HostPlan::MxOf(_)).then(|| targets.clone());
    for (addr_idx, target) in targets.into_iter().enumerate() {
        let ctx = ctx.clone();
        let host = host.clone();
        addresses.spawn(async move {
            let Ok(_permit) = ctx.permits.acquire().await else {
                return;
            };
            check_address(&ctx, host_idx, addr_idx, host, target).await;
        });
    }
    while addresses.join_next().await.is_some() {}
    if let Some(targets) = mx_targets {
        mx_route(&ctx, host_idx, &host, &targets);
    }
    // An MX whose name gave no address is left out of the route: said, never dropped silently.
    for mx in &unresolved {
        ctx.finish(
            (host_idx, Slot::Host, StepKind::Resolve),
            unresolved_mx_line(host.clone(), mx),
        );
    }
    if !literal {
        domain_security_step(&ctx, host_idx, &plan, names).await;
    }
}

/// The line for an MX host whose name did not resolve while another MX's did: a warning with the
/// code of a dead MX (Microsoft 365 goes on to the others, see
/// [`super::resolve::resolve_mail_route`]), and the DNS answer that left it out.
fn unresolved_mx_line(host: Option<String>, mx: &UnresolvedMx) -> StepResult {
    let why = match mx.failure.code {
        FailureCode::ResolveNxdomain => "nxdomain",
        FailureCode::ResolveNoRecords => "no-records",
        _ => "dns-error",
    };
    let mut line = StepResult::new(host, None, StepKind::Resolve);
    line.status = Status::Warn;
    line.code = Some(FailureCode::RouteMxUnreachable);
    line.detail = Message::new("detail-route-mx-unresolved")
        .arg("mx", &mx.name)
        .arg("preference", mx.preference)
        .arg("why", why);
    // The resolver's error as it came: its text, or a cause worded by the face.
    match mx.failure.detail.nested.get("error") {
        Some(cause) => line.detail = line.detail.arg_message("error", cause.clone()),
        None => {
            let error = mx
                .failure
                .detail
                .args
                .get("error")
                .map_or("-", String::as_str);
            line.detail = line.detail.arg("error", error);
        }
    }
    line
}

/// `UseMXRecord` mode: judges the MX addresses as Microsoft 365 routes
/// ([`super::policy::mx_fallback`]). A dead address while another works becomes a warning (its
/// failed steps keep their code, as warnings) with a line of its own, and a line names the MX
/// Microsoft 365 would deliver through. Smart hosts never come here.
fn mx_route(ctx: &Ctx, host_idx: usize, host: &Option<String>, targets: &[Target]) {
    use super::policy::{MxAddressOutcome, MxFallback, mx_attempt_order, mx_fallback};
    let mut lines = Vec::new();
    {
        let Ok(mut results) = ctx.results.lock() else {
            return;
        };
        let outcome_of = |addr_idx: usize, results: &[(Key, StepResult)]| {
            let mut steps: Vec<&(Key, StepResult)> = results
                .iter()
                .filter(|(k, _)| k.0 == host_idx && k.1 == Slot::Address(addr_idx))
                .collect();
            steps.sort_by_key(|(k, _)| *k);
            match steps.iter().find(|(_, s)| s.status == Status::Fail) {
                None if steps.is_empty() => MxAddressOutcome::Failed,
                None => MxAddressOutcome::Works,
                Some((_, s)) => match (s.step, s.code) {
                    (StepKind::Connect, code) => MxAddressOutcome::Dead {
                        unreachable: matches!(
                            code,
                            Some(FailureCode::ConnectTimeout | FailureCode::ConnectUnreachable)
                        ),
                    },
                    (StepKind::Ehlo, Some(FailureCode::EhloNoBanner | FailureCode::EhloBusy)) => {
                        MxAddressOutcome::Dead { unreachable: false }
                    }
                    _ => MxAddressOutcome::Failed,
                },
            }
        };
        let outcomes: Vec<_> = (0..targets.len())
            .map(|i| (targets[i].addr.ip(), outcome_of(i, &results)))
            .collect();
        let fallback = mx_fallback(&outcomes);
        for (addr_idx, (target, judged)) in targets.iter().zip(&fallback).enumerate() {
            let code = match judged {
                MxFallback::Strict => continue,
                MxFallback::SkippedDead => FailureCode::RouteMxUnreachable,
                MxFallback::FamilyUnreachableHere => FailureCode::RouteAddressFamilyUnreachable,
            };
            for (_, step) in results
                .iter_mut()
                .filter(|(k, _)| k.0 == host_idx && k.1 == Slot::Address(addr_idx))
            {
                if step.status == Status::Fail {
                    step.status = Status::Warn;
                }
            }
            let family = if target.addr.ip().to_canonical().is_ipv6() {
                ("IPv6", "IPv4")
            } else {
                ("IPv4", "IPv6")
            };
            let mut line = StepResult::new(host.clone(), None, StepKind::Resolve);
            line.status = Status::Warn;
            line.code = Some(code);
            line.detail = Message::new(match code {
                FailureCode::RouteMxUnreachable => "detail-route-mx-unreachable",
                _ => "detail-route-address-family-unreachable",
            })
            .arg("mx", &target.name)
            .arg("preference", target.preference.unwrap_or(0))
            .arg("address", target.addr)
            .arg("family", family.0)
            .arg("other", family.1);
            lines.push(line);
        }
        // The first address Microsoft 365 tries that is not skipped as dead gets the mail — if
        // it works. An address that answers and then fails comes first: no route is claimed.
        let candidates: Vec<(u16, std::net::IpAddr)> = targets
            .iter()
            .map(|t| (t.preference.unwrap_or(0), t.addr.ip()))
            .collect();
        let first_tried = mx_attempt_order(&candidates)
            .into_iter()
            .find(|&i| fallback[i] == MxFallback::Strict);
        if let Some(i) = first_tried
            && outcomes[i].1 == MxAddressOutcome::Works
        {
            let target = &targets[i];
            let mut line = StepResult::new(host.clone(), None, StepKind::Resolve);
            line.detail = Message::new("detail-route-mx-chosen")
                .arg("mx", &target.name)
                .arg("preference", target.preference.unwrap_or(0))
                .arg("address", target.addr);
            lines.insert(0, line);
        }
    }
    for line in lines {
        ctx.finish((host_idx, Slot::Host, StepKind::Resolve), line);
    }
}

/// The domain-security step of one host, after all its addresses (it judges the chains they
/// saw). Runs only when asked for and the host was found by name.
async fn domain_security_step(ctx: &Ctx, host_idx: usize, plan: &HostPlan, names: Vec<String>) {
    use super::dnssec::lookup_validated;
    use super::domain_security::{DomainSecurity, host_dns, judge_host, step_outcome};
    let Some(resolver) = &ctx.dnssec_resolver else {
        return;
    };
    let host = Some(plan.label());
    ctx.started(&host, &None, StepKind::DomainSecurity);
    let timer = Timer::start();
    let mut step = StepResult::new(host.clone(), None, StepKind::DomainSecurity);
    let key = (host_idx, Slot::AfterAddresses, StepKind::DomainSecurity);
    let resolver = match resolver {
        Ok(r) => r,
        Err(detail) => {
            step.status = Status::Skipped;
            step.detail = detail.clone();
            ctx.finish(key, step);
            return;
        }
    };
    let timeout = ctx.prepared.timeout;
    let (domain, mx_dnssec) = match plan {
        HostPlan::MxOf(domain) => {
            let mx = lookup_validated(
                resolver,
                &format!("{}.", domain.trim_end_matches('.')),
                hickory_resolver::proto::rr::RecordType::MX,
                timeout,
            )
            .await;
            (domain.clone(), Some(mx.status))
        }
        HostPlan::Smart(_) => (plan.label(), None),
    };
    let mut distinct: Vec<String> = Vec::new();
    for name in names {
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if !distinct.contains(&name) {
            distinct.push(name);
        }
    }
    let seen = ctx.presented.lock().map(|p| p.clone()).unwrap_or_default();
    let next = ctx
        .prepared
        .domain_security
        .as_ref()
        .and_then(|d| d.next_certificate.clone());
    let now = ::time::OffsetDateTime::now_utc();
    let mut judged = Vec::new();
    for name in distinct {
        let dns = host_dns(resolver, &name, timeout).await;
        let presented: Vec<Presented> = seen
            .iter()
            .filter(|(h, n, _)| *h == host_idx && *n == name)
            .map(|(_, _, p)| p.clone())
            .collect();
        judged.push(judge_host(mx_dnssec, dns, &presented, next.as_deref(), now));
    }
    let (status, code, detail) = step_outcome(&mut judged, matches!(plan, HostPlan::MxOf(_)));
    // MTA-STS and TLS-RPT of the same domain (a smart host: its own name, as Exchange Online
    // validates it).
    let mta_sts = match &ctx.resolver {
        Some(plain) => Some(
            super::mta_sts::check(super::mta_sts::StsInputs {
                resolver: plain,
                roots: &ctx.roots,
                timeout,
                port: ctx.prepared.request.options.mta_sts_port.unwrap_or(443),
                domain: &match plan {
                    HostPlan::Smart(SmartHost {
                        target: HostTarget::Name(name),
                        ..
                    }) => name.clone(),
                    _ => domain.clone(),
                },
                hosts: judged
                    .iter()
                    .map(|(h, _)| (h.name.clone(), h.dane))
                    .collect(),
                presented: seen
                    .iter()
                    .filter(|(h, _, _)| *h == host_idx)
                    .map(|(_, n, p)| (n.clone(), p.clone()))
                    .collect(),
            })
            .await,
        ),
        None => None,
    };
    let (status, code) = super::mta_sts::combine(status, code, mta_sts.as_ref());
    if status == Status::Fail {
        not_reached_after_domain_security(ctx, host_idx);
    }
    step.status = status;
    step.code = code;
    step.detail = detail;
    step.duration_ms = timer.ms();
    step.domain_security = Some(DomainSecurity {
        domain,
        mx_dnssec,
        hosts: judged.into_iter().map(|(h, _)| h).collect(),
        mta_sts,
    });
    ctx.finish(key, step);
}

/// A failed domain-security step means Microsoft 365 defers the mail when it sets up TLS with
/// the host (DANE, MTA-STS), before RCPT TO: the host's test-address results that passed or
/// warned are shown as not reached, never as Pass (the same rule as [`Ctx::skip_rest`]). This
/// tool did run them, so a failure there is kept as it is: it is a real problem too.
fn not_reached_after_domain_security(ctx: &Ctx, host_idx: usize) {
    let Ok(mut results) = ctx.results.lock() else {
        return;
    };
    for (_, step) in results
        .iter_mut()
        .filter(|(k, _)| k.0 == host_idx && k.2 == StepKind::TestEmail)
    {
        if matches!(step.status, Status::Pass | Status::Warn) {
            step.status = Status::NotReached;
            step.code = None;
            step.detail = Message::new("not-reached-domain-security");
        }
    }
}

/// What the resolved addresses say about where the answer holds.
enum Vantage {
    /// The host is one of Microsoft 365's inbound hosts (by name or address): a mail loop.
    MailLoop(String),
    /// These addresses are private to this network: Microsoft 365 cannot reach them, and a name
    /// that resolves to them here may resolve elsewhere in public DNS (split-horizon DNS).
    Private(Vec<String>),
    Public,
}

/// Microsoft 365 resolves public DNS from its own network
/// ([`super::policy::is_microsoft_inbound_name`] and [`super::policy::is_microsoft_inbound_address`]
/// say which hosts are its own). Loopback counts as private: the test suite's own servers on
/// 127.0.0.1 are therefore always reported with this warning, which is what a technician would
/// see too.
fn vantage(plan: &HostPlan, targets: &[Target]) -> Vantage {
    use super::policy::{is_microsoft_inbound_address, is_microsoft_inbound_name};
    let asked = match plan {
        HostPlan::Smart(smart) => match &smart.target {
            HostTarget::Name(name) => Some(name.as_str()),
            HostTarget::Ip(_) => None,
        },
        HostPlan::MxOf(_) => None,
    };
    // Only smart hosts: in MX mode a recipient domain hosted in another Microsoft 365 tenant
    // legitimately has its MX there, and calling that a loop would invent a failure.
    if matches!(plan, HostPlan::Smart(_)) {
        let names = asked
            .into_iter()
            .chain(targets.iter().map(|t| t.name.as_str()));
        if let Some(name) = names.into_iter().find(|n| is_microsoft_inbound_name(n)) {
            return Vantage::MailLoop(name.to_string());
        }
        if let Some(t) = targets
            .iter()
            .find(|t| is_microsoft_inbound_address(t.addr.ip()))
        {
            return Vantage::MailLoop(t.addr.ip().to_string());
        }
    }
    let private: Vec<String> = targets
        .iter()
        .filter(|t| super::resolve::is_private_here(t.addr.ip()))
        .map(|t| t.addr.ip().to_string())
        .collect();
    if private.is_empty() {
        Vantage::Public
    } else {
        Vantage::Private(private)
    }
}

async fn resolve(ctx: &Ctx, name: &str, port: u16) -> Result<MailRoute, (FailureCode, Message)> {
    let Some(resolver) = &ctx.resolver else {
        let detail = ctx
            .resolver_error
            .clone()
            .unwrap_or_else(|| Message::new("detail-dns-system-config").arg("error", "-"));
        return Err((FailureCode::ResolveDnsError, detail));
    };
    // The resolver has its own timeout; this outer one guards against retries piling up.
    match tokio::time::timeout(
        ctx.prepared.timeout * 2 + Duration::from_secs(1),
        resolve_mail_route(resolver, name, port),
    )
    .await
    {
        Ok(Ok(route)) => Ok(route),
        Ok(Err(failure)) => Err((failure.code, failure.detail)),
        Err(_) => Err((
            FailureCode::ResolveDnsError,
            Message::new("detail-resolve-dns-error")
                .arg("name", name)
                .arg_message("error", Message::new("cause-timeout")),
        )),
    }
}

/// The EHLO name: our address as an address literal, which every server accepts as syntax.
fn ehlo_name(local: Option<SocketAddr>) -> String {
    match local {
        Some(SocketAddr::V4(a)) => format!("[{}]", a.ip()),
        Some(SocketAddr::V6(a)) => format!("[IPv6:{}]", a.ip()),
        None => "[127.0.0.1]".to_string(),
    }
}

async fn check_address(
    ctx: &Ctx,
    host_idx: usize,
    addr_idx: usize,
    host: Option<String>,
    target: Target,
) {
    let address = Some(target.addr.to_string());
    let key = |step| (host_idx, Slot::Address(addr_idx), step);
    let timeout = ctx.prepared.timeout;

    // connect
    ctx.started(&host, &address, StepKind::Connect);
    let timer = Timer::start();
    let mut step = StepResult::new(host.clone(), address.clone(), StepKind::Connect);
    let connected = tokio::time::timeout(timeout, TcpStream::connect(target.addr)).await;
    step.duration_ms = timer.ms();
    let failure = match connected {
        Ok(Ok(tcp)) => Ok(tcp),
        Ok(Err(e)) => Err((
            match e.kind() {
                std::io::ErrorKind::ConnectionRefused => FailureCode::ConnectRefused,
                std::io::ErrorKind::TimedOut => FailureCode::ConnectTimeout,
                _ => FailureCode::ConnectUnreachable,
            },
            e.to_string(),
        )),
        Err(_) => Err((FailureCode::ConnectTimeout, "-".to_string())),
    };
    let tcp = match failure {
        Ok(tcp) => tcp,
        Err((code, error)) => {
            step.status = Status::Fail;
            step.code = Some(code);
            step.detail = Message::new(match code {
                FailureCode::ConnectRefused => "detail-connect-refused",
                FailureCode::ConnectTimeout => "detail-connect-timeout",
                _ => "detail-connect-unreachable",
            })
            .arg("address", target.addr)
            .arg("error", error)
            .arg("seconds", timeout.as_secs());
            ctx.finish(key(StepKind::Connect), step);
            ctx.skip_rest(
                host_idx,
                Slot::Address(addr_idx),
                &host,
                &address,
                StepKind::Connect,
                "skipped-connect-failed",
            );
            return;
        }
    };
    let local = tcp.local_addr().ok();
    step.detail = Message::new("detail-connect-ok")
        .arg("address", target.addr)
        .arg("ms", step.duration_ms);
    ctx.finish(key(StepKind::Connect), step);

    // banner + EHLO
    ctx.started(&host, &address, StepKind::Ehlo);
    let timer = Timer::start();
    let mut session = SmtpSession::new(tcp, timeout);
    let mut step = StepResult::new(host.clone(), address.clone(), StepKind::Ehlo);
    let helo_name = ehlo_name(local);
    let ehlo = greet(&mut session, &helo_name, timeout).await;
    step.duration_ms = timer.ms();
    step.transcript = session.transcript.clone();
    let capabilities = match ehlo {
        Ok(Greeted {
            banner,
            capabilities,
            helo_only,
            banner_delay,
        }) => {
            step.reply = Some(banner.clone());
            if banner_delay >= slow_banner_threshold(timeout) {
                step.status = Status::Warn;
                step.code = Some(FailureCode::EhloSlowBanner);
                step.detail = Message::new("detail-ehlo-slow-banner")
                    .arg("seconds", format!("{:.1}", banner_delay.as_secs_f64()))
                    .arg(
                        "threshold",
                        format!("{:.1}", slow_banner_threshold(timeout).as_secs_f64()),
                    )
                    .arg("banner", &banner.text);
            } else if helo_only {
                step.status = Status::Warn;
                step.detail = Message::new("detail-ehlo-helo-only").arg("banner", &banner.text);
            } else {
                step.detail = Message::new("detail-ehlo-ok")
                    .arg("banner", &banner.text)
                    .arg("extensions", capabilities.join(", "));
            }
            capabilities
        }
        Err((code, detail)) => {
            step.status = Status::Fail;
            step.code = Some(code);
            step.detail = detail;
            ctx.finish(key(StepKind::Ehlo), step);
            ctx.skip_rest(
                host_idx,
                Slot::Address(addr_idx),
                &host,
                &address,
                StepKind::Ehlo,
                "skipped-ehlo-failed",
            );
            // No QUIT: a server that is silent or not speaking SMTP would only make us wait
            // longer; closing the socket is enough.
            return;
        }
    };
    ctx.finish(key(StepKind::Ehlo), step);

    // STARTTLS + certificate
    ctx.started(&host, &address, StepKind::Tls);
    let timer = Timer::start();
    let mut step = StepResult::new(host.clone(), address.clone(), StepKind::Tls);
    let policy = ctx.prepared.policy;
    let offered = capabilities.iter().any(|c| {
        c.split_whitespace()
            .next()
            .is_some_and(|k| k.eq_ignore_ascii_case("STARTTLS"))
    });
    let transcript_before = session.transcript.len();
    // No TLS to be had: STARTTLS missing from EHLO, or offered and then refused when asked for
    // (a reply other than 220, or the session broke).
    let unavailable = if offered {
        let reply = session.command("STARTTLS").await;
        match &reply {
            Ok(r) if r.code() == 220 => None,
            Ok(r) => Some((
                FailureCode::TlsStarttlsRefused,
                Ok(format!("{} {}", r.reply.code, r.reply.text)),
                true,
            )),
            // The session broke: why, worded by the face.
            Err(e) => Some((
                FailureCode::TlsStarttlsRefused,
                Err(smtp_error_message(e)),
                false,
            )),
        }
    } else {
        Some((FailureCode::TlsNotOffered, Ok(String::new()), true))
    };
    if let Some((code, reply, session_alive)) = unavailable {
        let with_reply = |message: Message| match &reply {
            Ok(text) => message.arg("reply", text),
            Err(cause) => message.arg_message("reply", cause.clone()),
        };
        ctx.saw(host_idx, &target, false, Vec::new());
        step.duration_ms = timer.ms();
        step.transcript = session.transcript[transcript_before..].to_vec();
        step.code = Some(code);
        step.detail = match code {
            FailureCode::TlsNotOffered => {
                Message::new("detail-tls-not-offered").arg("policy", policy)
            }
            _ => with_reply(Message::new("detail-tls-starttls-refused")),
        };
        if is_fatal(code, policy) {
            step.status = Status::Fail;
            ctx.finish(key(StepKind::Tls), step);
            ctx.skip_rest(
                host_idx,
                Slot::Address(addr_idx),
                &host,
                &address,
                StepKind::Tls,
                "skipped-tls-required",
            );
        } else if session_alive {
            // Opportunistic TLS: Microsoft 365 delivers in clear text, so test that, here.
            step.status = Status::Warn;
            ctx.finish(key(StepKind::Tls), step);
            test_email(ctx, key(StepKind::TestEmail), &host, &address, &mut session).await;
        } else {
            step.status = Status::Warn;
            step.detail = with_reply(Message::new("detail-tls-starttls-refused-plain"));
            ctx.finish(key(StepKind::Tls), step);
            test_email_without_tls(
                ctx,
                key(StepKind::TestEmail),
                &host,
                &address,
                target.addr,
                false,
            )
            .await;
        }
        session.quit().await;
        return;
    }

    let (tcp, transcript) = session.into_parts();
    // rustls's handshake and the probe of what Microsoft 365 would negotiate, side by side:
    // the probe adds its own connections, not its time to the step's.
    let sni = target
        .name
        .parse::<std::net::IpAddr>()
        .is_err()
        .then_some(target.name.trim_end_matches('.'));
    let (handshake, probed) = tokio::join!(
        starttls_handshake(&ctx.roots, tcp, &target.name, timeout),
        super::tls_probe::probe(target.addr, &helo_name, sni, timeout),
    );
    step.duration_ms = timer.ms();
    step.transcript = transcript[transcript_before..].to_vec();
    let (tls_stream, tls_session) = match handshake {
        Ok(done) => done,
        Err(failure) => {
            ctx.saw(host_idx, &target, true, failure.chain_der.clone());
            return handshake_failed(
                ctx,
                (host_idx, addr_idx),
                (&host, &address),
                &target,
                step,
                failure,
                probed,
            )
            .await;
        }
    };
    ctx.saw(host_idx, &target, true, tls_stream.1.chain.clone());
    let (mut problems, notes) = judge(
        &tls_stream.1,
        &tls_session.chain,
        policy,
        &ctx.prepared.tls_domain,
        ::time::OffsetDateTime::now_utc(),
    );
    problems.extend(negotiation_problems(&probed.negotiation));
    let mut notes = notes;
    let revocation = super::revocation::check(
        &tls_stream.1.chain,
        &tls_stream.1.stapled_ocsp,
        timeout,
        ::time::OffsetDateTime::now_utc(),
    )
    .await;
    let revocation_warning =
        revocation_verdict(revocation.as_ref(), policy, &mut problems, &mut notes);
    let mut tls_session = tls_session;
    tls_session.probe = Some(probed.record);
    tls_session.revocation = revocation;
    tls_session.verification = notes;
    if let Negotiation::Ecdsa { suite } = &probed.negotiation {
        tls_session
            .verification
            .push(Message::new("note-tls-ecdsa-suite").arg("suite", suite.name));
    }
    // The handshake worked but every probe hello went unanswered: what Microsoft 365 would
    // negotiate is unknown. A note, not a warning: this handshake (TLS 1.2 or 1.3 with an ECDHE
    // AEAD suite, all rustls offers) is one Microsoft 365 can make too ("Technical reference
    // details about encryption" lists the TLS 1.2 ECDHE AES-GCM suites), so nothing points at a
    // problem of the server; the note keeps the gap from reading as "nothing to say".
    if probed.negotiation == Negotiation::Unknown {
        tls_session
            .verification
            .push(Message::new("note-tls-probe-unanswered"));
    }
    for p in &problems {
        tls_session.verification.push(p.detail.clone());
    }
    // The step shows the first problem that fails under this setting, else the first warning.
    let shown = problems
        .iter()
        .find(|p| is_fatal(p.code, policy))
        .or(problems.first());
    match shown {
        Some(first) => {
            step.code = Some(first.code);
            step.detail = first.detail.clone();
            step.status = if is_fatal(first.code, policy) {
                Status::Fail
            } else {
                Status::Warn
            };
        }
        None if revocation_warning.is_some() => {
            step.status = Status::Warn;
            step.detail = revocation_warning.unwrap_or_default();
        }
        None => {
            let leaf = tls_session.chain.first().cloned().unwrap_or_default();
            step.detail = Message::new("detail-tls-ok")
                .arg("protocol", &tls_session.protocol)
                .arg("cipher", &tls_session.cipher_suite)
                .arg("subject", &leaf.subject)
                .arg("not_after", &leaf.not_after);
        }
    }
    step.tls = Some(tls_session);
    let tls_failed = step.status == Status::Fail;

    // EHLO again inside TLS: the server's list may change and the session must go on.
    let mut session = SmtpSession::resume(tls_stream.0, transcript, timeout);
    if tls_failed {
        // The certificate does not meet the connector's TlsSettings: Microsoft 365 ends the
        // delivery here, so the test address is not tested (a pass there would be a pass
        // Microsoft 365 never reaches).
        ctx.finish(key(StepKind::Tls), step);
        ctx.skip_rest(
            host_idx,
            Slot::Address(addr_idx),
            &host,
            &address,
            StepKind::Tls,
            "not-reached-tls-rejected",
        );
        session.quit().await;
        return;
    }
    let again = session.command(&format!("EHLO {helo_name}")).await;
    step.transcript = session.transcript[transcript_before..].to_vec();
    ctx.finish(key(StepKind::Tls), step);
    match again {
        Ok(r) if r.code() == 250 => {
            test_email(ctx, key(StepKind::TestEmail), &host, &address, &mut session).await;
        }
        Ok(r) => {
            let detail = Message::new("detail-email-not-tested")
                .arg("what", "EHLO")
                .arg("error", format!("{} {}", r.code(), r.reply.text));
            address_not_tested(ctx, key(StepKind::TestEmail), &host, &address, detail);
        }
        Err(e) => {
            let detail = Message::new("detail-email-not-tested")
                .arg("what", "EHLO")
                .arg_message("error", smtp_error_message(&e));
            address_not_tested(ctx, key(StepKind::TestEmail), &host, &address, detail);
        }
    }
    session.quit().await;
}

/// Warnings from what Microsoft 365 would negotiate, when it does get a session.
fn negotiation_problems(negotiation: &Negotiation) -> Vec<super::tls::Problem> {
    match negotiation {
        Negotiation::Microsoft { suite } if suite.weak => vec![super::tls::Problem {
            code: FailureCode::TlsWeakCipher,
            detail: Message::new("detail-tls-weak-cipher").arg("suite", suite.name),
        }],
        Negotiation::Tls13Only { suite } => vec![super::tls::Problem {
            code: FailureCode::TlsOnlyTls13,
            detail: Message::new("detail-tls-tls13-only")
                .arg("suite", super::tls_probe::suite_name(*suite)),
        }],
        _ => Vec::new(),
    }
}

/// rustls could not finish the handshake after STARTTLS was accepted. The probe says what
/// Microsoft 365 would get instead:
/// - a suite from Microsoft's list: Microsoft 365 connects where this tool cannot (rustls has
///   no CBC or RSA key exchange suites). The certificate read in clear text from the TLS 1.2
///   Certificate message is judged as after a handshake; the step is a warning that says so;
///   the address is tested on a second connection without TLS, and when the server insists
///   on TLS there the address is reported untested (a warning), never passed in silence;
/// - only TLS 1.0/1.1 (`tls.protocol-too-old`) or nothing in common (`tls.no-common-cipher`):
///   Microsoft 365 gets no TLS session either; fatal when the connector forces TLS, as a
///   failed handshake is (see [`is_fatal`]);
/// - nothing learnt, or only what Microsoft does not document: the handshake failure stands.
async fn handshake_failed(
    ctx: &Ctx,
    (host_idx, addr_idx): (usize, usize),
    (host, address): (&Option<String>, &Option<String>),
    target: &Target,
    mut step: StepResult,
    failure: HandshakeFailure,
    probed: super::tls_probe::Probed,
) {
    let key = |step| (host_idx, Slot::Address(addr_idx), step);
    let policy = ctx.prepared.policy;
    let chain_ders = probed.chain.clone();
    let captured: Vec<CertificateInfo> = chain_ders
        .iter()
        .filter_map(|der| CertificateInfo::from_der(der).ok())
        .collect();
    let chain = if failure.chain.is_empty() {
        captured
    } else {
        failure.chain
    };
    step.tls = Some(TlsSession {
        chain: chain.clone(),
        probe: Some(probed.record.clone()),
        ..TlsSession::default()
    });
    let (code, detail) = match &probed.negotiation {
        Negotiation::Microsoft { suite } => {
            let now = ::time::OffsetDateTime::now_utc();
            let unix = rustls_pki_types::UnixTime::since_unix_epoch(Duration::from_secs(
                u64::try_from(now.unix_timestamp()).unwrap_or(0),
            ));
            let observed =
                super::tls::observe_chain(ctx.roots.clone(), &chain_ders, &target.name, unix)
                    .unwrap_or_default();
            // Nothing captured (an unreadable Certificate message): nothing to judge, rather
            // than a "no certificate" failure the server did not cause.
            let (mut problems, notes) = if chain.is_empty() {
                (Vec::new(), Vec::new())
            } else {
                judge(&observed, &chain, policy, &ctx.prepared.tls_domain, now)
            };
            if let Some(tls) = &mut step.tls {
                tls.protocol = "TLS 1.2".to_string();
                tls.cipher_suite = suite.name.to_string();
                tls.verification = notes;
                tls.verification
                    .extend(problems.iter().map(|p| p.detail.clone()));
                if suite.weak {
                    tls.verification
                        .push(Message::new("detail-tls-weak-cipher").arg("suite", suite.name));
                }
            }
            // A short RSA key is why rustls stopped (ring verifies no RSA signature under 2048
            // bits), not a suite it lacks: when it is only a warning, it is the warning shown.
            let weak_key = problems
                .iter()
                .find(|p| p.code == FailureCode::TlsWeakKey)
                .cloned();
            problems.retain(|p| is_fatal(p.code, policy));
            if let Some(first) = problems.first() {
                // The certificate alone fails the connector: that is the verdict.
                step.status = Status::Fail;
                step.code = Some(first.code);
                step.detail = first.detail.clone();
                ctx.finish(key(StepKind::Tls), step);
                ctx.skip_rest(
                    host_idx,
                    Slot::Address(addr_idx),
                    host,
                    address,
                    StepKind::Tls,
                    "skipped-tls-required",
                );
                return;
            }
            // Microsoft 365 gets a session: a warning, and the address tested without TLS.
            let (code, detail) = match weak_key {
                Some(weak_key) => (weak_key.code, weak_key.detail),
                None => (
                    // A weak suite is what the admin can act on; the tool's limit is in the
                    // detail.
                    if suite.weak {
                        FailureCode::TlsWeakCipher
                    } else {
                        FailureCode::TlsToolHandshakeFailed
                    },
                    Message::new("detail-tls-tool-handshake-failed")
                        .arg("suite", suite.name)
                        .arg("error", &failure.error),
                ),
            };
            step.status = Status::Warn;
            step.code = Some(code);
            step.detail = detail;
            ctx.finish(key(StepKind::Tls), step);
            test_email_without_tls(
                ctx,
                key(StepKind::TestEmail),
                host,
                address,
                target.addr,
                true,
            )
            .await;
            return;
        }
        Negotiation::TooOld { versions } => (
            FailureCode::TlsProtocolTooOld,
            Message::new("detail-tls-protocol-too-old").arg(
                "versions",
                versions
                    .iter()
                    .map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ),
        Negotiation::NoCommonCipher => (
            FailureCode::TlsNoCommonCipher,
            Message::new("detail-tls-no-common-cipher").arg("error", &failure.error),
        ),
        Negotiation::Ecdsa { .. } | Negotiation::Tls13Only { .. } | Negotiation::Unknown => {
            // A certificate Microsoft 365 refuses by policy (SHA-1, a short RSA key that ring
            // will not verify) is the cause worth naming, not rustls's refusal.
            let ders = if failure.chain_der.is_empty() {
                &chain_ders
            } else {
                &failure.chain_der
            };
            match certificate_policy_problems(ders).into_iter().next() {
                Some(problem) => {
                    if let Some(tls) = &mut step.tls {
                        tls.verification.push(problem.detail.clone());
                        tls.verification.push(failure.detail.clone());
                    }
                    (problem.code, problem.detail)
                }
                None => (FailureCode::TlsHandshakeFailed, failure.detail.clone()),
            }
        }
    };
    step.code = Some(code);
    if is_fatal(code, policy) {
        step.status = Status::Fail;
        step.detail = detail;
        ctx.finish(key(StepKind::Tls), step);
        ctx.skip_rest(
            host_idx,
            Slot::Address(addr_idx),
            host,
            address,
            StepKind::Tls,
            "skipped-tls-required",
        );
    } else {
        step.status = Status::Warn;
        step.detail = match code {
            // Same facts, plus what happens next (the address is tested without TLS).
            FailureCode::TlsProtocolTooOld | FailureCode::TlsNoCommonCipher => Message {
                id: format!("{}-plain", detail.id),
                ..detail.clone()
            },
            _ => Message::new("detail-tls-handshake-failed-plain").arg("error", failure.error),
        };
        ctx.finish(key(StepKind::Tls), step);
        test_email_without_tls(
            ctx,
            key(StepKind::TestEmail),
            host,
            address,
            target.addr,
            false,
        )
        .await;
    }
}

struct Greeted {
    banner: super::types::SmtpReply,
    capabilities: Vec<String>,
    helo_only: bool,
    /// From the connection to the complete 220 line.
    banner_delay: Duration,
}

/// A greeting slower than this is a tarpit worth a warning: half the run's timeout (10 s with
/// the default 20 s). RFC 5321 (4.5.3.2.1, "Initial 220 Message") asks a sending MTA to wait 5
/// minutes for the greeting; this tool waits only the run's timeout (`--timeout`, 20 s by
/// default, 600 s at most) so that a check ends quickly, which means a greeting later than the
/// timeout is reported as `ehlo.no-banner` although a patient MTA might still get it (the
/// guidance says to re-run with a longer timeout). Microsoft does not document how long
/// Exchange Online waits for a remote server's greeting, so neither figure is presented as
/// Microsoft 365's: a slow greeting is a warning (delivery is likely but slow and fragile), never
/// a failure.
fn slow_banner_threshold(timeout: Duration) -> Duration {
    timeout / 2
}

/// Why an SMTP exchange broke, as a message the face words inside the step's detail (an
/// argument set with [`Message::arg_message`]): never a message id shown as text, never English
/// words in a French sentence. Only the operating system's own error text is passed as it is.
fn smtp_error_message(e: &SmtpError) -> Message {
    match e {
        SmtpError::Timeout { .. } => Message::new("cause-timeout"),
        SmtpError::Closed => Message::new("cause-closed"),
        SmtpError::NotSmtp(reason) => Message::new(reason.cause_id()),
        SmtpError::Io(e) => Message::new("cause-network").arg("error", e),
    }
}

/// Maps a failure while waiting for the greeting or an EHLO/HELO reply.
fn greeting_failure(e: &SmtpError, waiting_for: &str, timeout: Duration) -> (FailureCode, Message) {
    match e {
        SmtpError::Timeout { partial: false } => (
            FailureCode::EhloNoBanner,
            Message::new("detail-ehlo-silent")
                .arg("what", waiting_for)
                .arg("seconds", timeout.as_secs()),
        ),
        SmtpError::Timeout { partial: true } => (
            FailureCode::EhloNoBanner,
            Message::new("detail-ehlo-slow")
                .arg("what", waiting_for)
                .arg("seconds", timeout.as_secs()),
        ),
        SmtpError::Closed | SmtpError::Io(_) => (
            FailureCode::EhloNoBanner,
            Message::new("detail-ehlo-closed")
                .arg("what", waiting_for)
                .arg_message("error", smtp_error_message(e)),
        ),
        SmtpError::NotSmtp(reason) => (
            FailureCode::EhloNotSmtp,
            Message::new(reason.message_id()).arg("what", waiting_for),
        ),
    }
}

fn reply_failure(reply: &super::smtp::Reply, waiting_for: &str) -> Option<(FailureCode, Message)> {
    let code = reply.code();
    let text = format!("{} {}", code, reply.reply.text);
    match code {
        400..=499 => Some((
            FailureCode::EhloBusy,
            Message::new("detail-ehlo-busy")
                .arg("what", waiting_for)
                .arg("reply", text),
        )),
        500..=599 => Some((
            FailureCode::EhloRejected,
            Message::new("detail-ehlo-rejected")
                .arg("what", waiting_for)
                .arg("reply", text),
        )),
        _ => None,
    }
}

async fn greet(
    session: &mut SmtpSession<TcpStream>,
    helo_name: &str,
    timeout: Duration,
) -> Result<Greeted, (FailureCode, Message)> {
    let waited = Instant::now();
    let banner = session
        .read_reply()
        .await
        .map_err(|e| greeting_failure(&e, "greeting", timeout))?;
    let banner_delay = waited.elapsed();
    if let Some(failure) = reply_failure(&banner, "greeting") {
        return Err(failure);
    }
    if banner.code() != 220 {
        return Err((
            FailureCode::EhloNotSmtp,
            Message::new("detail-not-smtp-bad-greeting")
                .arg("reply", format!("{} {}", banner.code(), banner.reply.text)),
        ));
    }
    let ehlo = session
        .command(&format!("EHLO {helo_name}"))
        .await
        .map_err(|e| greeting_failure(&e, "EHLO", timeout))?;
    if ehlo.code() == 250 {
        return Ok(Greeted {
            banner: banner.reply,
            capabilities: ehlo.ehlo_capabilities(),
            helo_only: false,
            banner_delay,
        });
    }
    if (400..500).contains(&ehlo.code()) {
        return Err(reply_failure(&ehlo, "EHLO").unwrap_or((
            FailureCode::EhloBusy,
            Message::new("detail-ehlo-busy")
                .arg("what", "EHLO")
                .arg("reply", ehlo.code()),
        )));
    }
    // Old or minimal servers: RFC 5321 asks clients to fall back to HELO.
    let helo = session
        .command(&format!("HELO {helo_name}"))
        .await
        .map_err(|e| greeting_failure(&e, "HELO", timeout))?;
    if helo.code() == 250 {
        return Ok(Greeted {
            banner: banner.reply,
            capabilities: Vec::new(),
            helo_only: true,
            banner_delay,
        });
    }
    Err(reply_failure(&helo, "HELO").unwrap_or((
        FailureCode::EhloNotSmtp,
        Message::new("detail-not-smtp-bad-greeting").arg("reply", helo.code()),
    )))
}

type TlsStream = tokio_rustls::client::TlsStream<TcpStream>;

/// Why a STARTTLS handshake gave no session.
struct HandshakeFailure {
    /// The step's detail when this ends the check.
    detail: Message,
    /// The reason alone (the TLS error, or `timeout`), for a detail that says more.
    error: String,
    /// The chain seen before the failure, if any.
    chain: Vec<CertificateInfo>,
    /// The same chain as DER, for the certificate policy checks.
    chain_der: Vec<Vec<u8>>,
}

/// Turns the revocation status into a problem (revoked), a warning (unknown, when the setting
/// checks revocation: see `policy::revocation_is_fatal`) or a note.
fn revocation_verdict(
    revocation: Option<&super::types::Revocation>,
    policy: crate::model::TlsPolicy,
    problems: &mut Vec<super::tls::Problem>,
    notes: &mut Vec<Message>,
) -> Option<Message> {
    use super::types::{RevocationSource, RevocationStatus};
    let revocation = revocation?;
    let url = revocation
        .url
        .as_deref()
        .map(|u| crate::sanitize::visible_cut(u, 200))
        .unwrap_or_else(|| "-".to_string());
    let source = revocation.source.as_str();
    match revocation.status {
        RevocationStatus::Good => {
            notes.push(
                Message::new("note-tls-revocation-good")
                    .arg("source", source)
                    .arg("url", &url),
            );
            None
        }
        RevocationStatus::Revoked => {
            problems.insert(
                0,
                super::tls::Problem {
                    code: FailureCode::TlsRevoked,
                    detail: Message::new("detail-tls-revoked")
                        .arg("source", source)
                        .arg("url", &url)
                        .arg(
                            "revoked_at",
                            revocation.revoked_at.as_deref().unwrap_or("-"),
                        ),
                },
            );
            None
        }
        RevocationStatus::Unknown if revocation.source == RevocationSource::None => {
            notes.push(Message::new("note-tls-revocation-none"));
            None
        }
        RevocationStatus::Unknown => {
            let message = Message::new("detail-tls-revocation-unknown")
                .arg("source", source)
                .arg("url", &url)
                .arg("reason", revocation.reason.as_deref().unwrap_or("-"));
            notes.push(message.clone());
            super::policy::revocation_is_fatal(policy).then_some(message)
        }
    }
}

/// The TLS handshake after `220` to STARTTLS.
async fn starttls_handshake(
    roots: &rustls::RootCertStore,
    tcp: TcpStream,
    name: &str,
    timeout: Duration,
) -> Result<((TlsStream, super::tls::Observed), TlsSession), HandshakeFailure> {
    let failed = |error: String| HandshakeFailure {
        detail: Message::new("detail-tls-handshake-failed").arg("error", &error),
        error,
        chain: Vec::new(),
        chain_der: Vec::new(),
    };
    let (config, verifier) = client_config(roots.clone()).map_err(failed)?;
    let server_name = server_name_for(name)
        .or_else(|| server_name_for("invalid"))
        .ok_or_else(|| failed("name".to_string()))?;
    let connector = tokio_rustls::TlsConnector::from(config);
    let result = tokio::time::timeout(timeout, connector.connect(server_name, tcp)).await;
    let observed = verifier
        .observed
        .lock()
        .map(|mut o| std::mem::take(&mut *o))
        .unwrap_or_default();
    let chain: Vec<CertificateInfo> = observed
        .chain
        .iter()
        .filter_map(|der| CertificateInfo::from_der(der).ok())
        .collect();
    match result {
        Ok(Ok(stream)) => {
            let (_, connection) = stream.get_ref();
            let protocol = connection
                .protocol_version()
                .map(|v| format!("{v:?}").replace("TLSv1_", "TLS 1."))
                .unwrap_or_default();
            let cipher_suite = connection
                .negotiated_cipher_suite()
                .map(|c| format!("{:?}", c.suite()))
                .unwrap_or_default();
            Ok((
                (stream, observed),
                TlsSession {
                    protocol,
                    cipher_suite,
                    chain,
                    verification: Vec::new(),
                    probe: None,
                    revocation: None,
                },
            ))
        }
        Ok(Err(e)) => Err(HandshakeFailure {
            chain,
            chain_der: observed.chain,
            ..failed(crate::sanitize::visible(&e.to_string()).into_owned())
        }),
        Err(_) => Err(HandshakeFailure {
            detail: Message::new("detail-tls-handshake-timeout").arg("seconds", timeout.as_secs()),
            error: "timeout".to_string(),
            chain,
            chain_der: observed.chain,
        }),
    }
}

/// The recipient to test, or why the test-email step is skipped (no address, out of scope).
fn address_to_test(ctx: &Ctx) -> Result<String, Message> {
    let Some(recipient) = &ctx.prepared.address else {
        return Err(Message::new("skipped-no-test-address"));
    };
    if !ctx.prepared.address_in_scope {
        return Err(Message::new("skipped-out-of-scope").arg("domain", &recipient.domain));
    }
    Ok(recipient.smtp_form())
}

fn skipped_email(
    ctx: &Ctx,
    key: Key,
    host: &Option<String>,
    address: &Option<String>,
    reason: Message,
) {
    let mut step = StepResult::new(host.clone(), address.clone(), StepKind::TestEmail);
    step.status = Status::Skipped;
    step.detail = reason;
    ctx.finish(key, step);
}

/// MAIL FROM / RCPT TO (and DATA only when the user asked to send), then the catch-all probe
/// (which ends with RSET).
async fn test_email<S>(
    ctx: &Ctx,
    key: Key,
    host: &Option<String>,
    address: &Option<String>,
    session: &mut SmtpSession<S>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let recipient = match address_to_test(ctx) {
        Ok(recipient) => recipient,
        Err(reason) => return skipped_email(ctx, key, host, address, reason),
    };
    ctx.started(host, address, StepKind::TestEmail);
    let timer = Timer::start();
    let before = session.transcript.len();
    let step = email_step(ctx, host, address, session, before, &recipient, &timer).await;
    ctx.finish(key, step);
}

/// The test-email step's result once the session is ready for MAIL FROM; the transcript from
/// line `before` on.
async fn email_step<S>(
    ctx: &Ctx,
    host: &Option<String>,
    address: &Option<String>,
    session: &mut SmtpSession<S>,
    before: usize,
    recipient: &str,
    timer: &Timer,
) -> StepResult
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut step = StepResult::new(host.clone(), address.clone(), StepKind::TestEmail);
    let outcome = mail_transaction(ctx, session, recipient).await;
    match outcome {
        Ok((detail, reply)) => {
            step.detail = detail;
            step.reply = Some(reply);
            let domain = recipient.rsplit_once('@').map_or("", |(_, d)| d);
            if let Some((probe, reply)) = catch_all_probe(ctx, session, domain).await {
                step.status = Status::Warn;
                step.code = Some(FailureCode::EmailCatchAll);
                step.detail = Message::new("detail-email-catch-all")
                    .arg("address", recipient)
                    .arg("probe", probe)
                    .arg("reply", reply);
            }
        }
        Err((code, detail, reply)) => {
            // Greylisting is the server working as designed: Microsoft 365 retries a 4xx, so
            // the route is fine and only the mailbox is left unproven.
            step.status = if code == FailureCode::EmailGreylisted {
                Status::Warn
            } else {
                Status::Fail
            };
            step.code = Some(code);
            step.detail = detail;
            step.reply = reply;
        }
    }
    step.duration_ms = timer.ms();
    step.transcript = session.transcript[before.min(session.transcript.len())..].to_vec();
    step
}

/// The session ended before the address could be tested although nothing before failed: a
/// failure of its own, so that a run whose test address was never tested is never a PASS.
/// Without an address to test (or one out of scope) the step is skipped as usual.
fn address_not_tested(
    ctx: &Ctx,
    key: Key,
    host: &Option<String>,
    address: &Option<String>,
    detail: Message,
) {
    if let Err(reason) = address_to_test(ctx) {
        return skipped_email(ctx, key, host, address, reason);
    }
    let mut step = StepResult::new(host.clone(), address.clone(), StepKind::TestEmail);
    step.status = Status::Fail;
    step.code = Some(FailureCode::EmailNotTested);
    step.detail = detail;
    ctx.finish(key, step);
}

/// Opportunistic TLS where STARTTLS was offered but gave no TLS session (refused with a broken
/// session, or a failed handshake): Microsoft 365 then sends without encryption ("How Exchange
/// Online uses TLS to secure email connections", see [`super::tls::is_fatal`]), so the address
/// is tested that way, on a new connection that does not ask for STARTTLS: after a failed
/// handshake the first one is unusable (RFC 3207 has no way back to clear text inside it).
/// Microsoft does not say whether it retries on the same host at once or later; either way the
/// message goes in clear text to this server, which is what is tested here.
async fn test_email_without_tls(
    ctx: &Ctx,
    key: Key,
    host: &Option<String>,
    address: &Option<String>,
    target: SocketAddr,
    microsoft_tls: bool,
) {
    let recipient = match address_to_test(ctx) {
        Ok(recipient) => recipient,
        Err(reason) => return skipped_email(ctx, key, host, address, reason),
    };
    ctx.started(host, address, StepKind::TestEmail);
    let timer = Timer::start();
    let timeout = ctx.prepared.timeout;
    // The new connection fails before MAIL FROM: the address was not tested, say why.
    let not_tested = |detail: Message, transcript: Vec<super::types::TranscriptLine>| {
        let mut step = StepResult::new(host.clone(), address.clone(), StepKind::TestEmail);
        step.status = Status::Fail;
        step.code = Some(FailureCode::EmailNotTested);
        step.detail = detail;
        step.duration_ms = timer.ms();
        step.transcript = transcript;
        step
    };
    let reconnect_failed = |error: Message| {
        Message::new("detail-email-plain-reconnect-failed")
            .arg("address", target)
            .arg_message("error", error)
    };
    let tcp = match tokio::time::timeout(timeout, TcpStream::connect(target)).await {
        Ok(Ok(tcp)) => tcp,
        Ok(Err(e)) => {
            let error = Message::new("cause-network").arg("error", e);
            return ctx.finish(key, not_tested(reconnect_failed(error), Vec::new()));
        }
        Err(_) => {
            return ctx.finish(
                key,
                not_tested(reconnect_failed(Message::new("cause-timeout")), Vec::new()),
            );
        }
    };
    let helo_name = ehlo_name(tcp.local_addr().ok());
    let mut session = SmtpSession::new(tcp, timeout);
    let mut step = match greet(&mut session, &helo_name, timeout).await {
        Ok(_) => email_step(ctx, host, address, &mut session, 0, &recipient, &timer).await,
        Err((_, detail)) => not_tested(detail, session.transcript.clone()),
    };
    // Microsoft 365 would deliver over TLS, which this tool could not set up: a server that
    // insists on TLS here refuses the clear-text test, which says nothing against the
    // connector. The address stays untested, a warning, not a pass and not a failure.
    if microsoft_tls && step.code == Some(FailureCode::EmailTlsRequired) {
        step.status = Status::Warn;
        step.code = Some(FailureCode::EmailNotTested);
        step.detail = Message::new("detail-email-not-tested-tls-only").arg(
            "reply",
            step.reply
                .as_ref()
                .map(|r| format!("{} {}", r.code, r.text))
                .unwrap_or_default(),
        );
    }
    ctx.finish(key, step);
    session.quit().await;
}

/// After the test address was accepted: does the server accept any address in its domain?
/// `RSET`, `MAIL FROM`, one `RCPT TO` a random local part, `RSET` — never `DATA`. Returns the
/// probe address and the server's reply when it was accepted too (a catch-all: the test then
/// proves the route, not the mailbox). Any other answer, or a broken session, proves nothing
/// either way and is not reported.
async fn catch_all_probe<S>(
    ctx: &Ctx,
    session: &mut SmtpSession<S>,
    domain: &str,
) -> Option<(String, String)>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let probe = catch_all_probe_address(domain);
    session.command("RSET").await.ok()?;
    let from = &ctx.prepared.mail_from;
    let mail = session.command(&format!("MAIL FROM:<{from}>")).await.ok()?;
    if mail.code() != 250 {
        let _ = session.command("RSET").await;
        return None;
    }
    let rcpt = session.command(&format!("RCPT TO:<{probe}>")).await.ok()?;
    let _ = session.command("RSET").await;
    matches!(rcpt.code(), 250 | 251)
        .then(|| (probe, format!("{} {}", rcpt.code(), rcpt.reply.text)))
}

type Outcome = Result<
    (Message, super::types::SmtpReply),
    (FailureCode, Message, Option<super::types::SmtpReply>),
>;

fn rejected(
    reply: &super::smtp::Reply,
    permanent: FailureCode,
    what: &str,
) -> (FailureCode, Message, Option<super::types::SmtpReply>) {
    let r = &reply.reply;
    let text = format!(
        "{} {}{}",
        r.code,
        r.enhanced
            .as_deref()
            .map(|e| format!("{e} "))
            .unwrap_or_default(),
        r.text
    );
    let (code, id) = match classify_refusal(r.code, r.enhanced.as_deref(), &r.text) {
        Refusal::TlsRequired => (FailureCode::EmailTlsRequired, "detail-email-tls-required"),
        Refusal::Greylisted => (FailureCode::EmailGreylisted, "detail-email-greylisted"),
        Refusal::Temporary => (FailureCode::EmailDeferred, "detail-email-deferred"),
        Refusal::Permanent => match permanent {
            FailureCode::EmailSenderRejected => (permanent, "detail-email-sender-rejected"),
            _ => (permanent, "detail-email-recipient-rejected"),
        },
    };
    (
        code,
        Message::new(id).arg("what", what).arg("reply", text),
        Some(r.clone()),
    )
}

fn broken(e: &SmtpError, what: &str) -> (FailureCode, Message, Option<super::types::SmtpReply>) {
    (
        FailureCode::EmailDeferred,
        Message::new("detail-email-broken")
            .arg("what", what)
            .arg_message("error", smtp_error_message(e)),
        None,
    )
}

async fn mail_transaction<S>(ctx: &Ctx, session: &mut SmtpSession<S>, recipient: &str) -> Outcome
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let from = &ctx.prepared.mail_from;
    // RFC 6531 §3.2: a non-ASCII local part goes only to a server that offers SMTPUTF8, and then
    // with the SMTPUTF8 parameter; to any other server it is refused here, with the reason, rather
    // than sent raw for the server to mangle or bounce.
    let utf8 = needs_smtputf8(from) || needs_smtputf8(recipient);
    if utf8 && !session.offers("SMTPUTF8") {
        let address = if needs_smtputf8(recipient) {
            recipient
        } else {
            from
        };
        return Err((
            FailureCode::EmailInvalidAddress,
            Message::new("detail-email-needs-smtputf8").arg("address", address),
            None,
        ));
    }
    let parameter = if utf8 { " SMTPUTF8" } else { "" };
    let mail = session
        .command(&format!("MAIL FROM:<{from}>{parameter}"))
        .await
        .map_err(|e| broken(&e, "MAIL FROM"))?;
    if mail.code() != 250 {
        return Err(rejected(
            &mail,
            FailureCode::EmailSenderRejected,
            "MAIL FROM",
        ));
    }
    let rcpt = session
        .command(&format!("RCPT TO:<{recipient}>"))
        .await
        .map_err(|e| broken(&e, "RCPT TO"))?;
    if rcpt.code() != 250 && rcpt.code() != 251 {
        let failure = rejected(&rcpt, FailureCode::EmailRecipientRejected, "RCPT TO");
        let _ = session.command("RSET").await;
        return Err(failure);
    }
    let wants_send =
        ctx.prepared.send_test_message && !ctx.message_sent.swap(true, Ordering::SeqCst);
    if !wants_send {
        // No RSET here: the catch-all probe that follows a success starts with one.
        return Ok((
            Message::new("detail-email-rcpt-ok")
                .arg("address", recipient)
                .arg("reply", format!("{} {}", rcpt.code(), rcpt.reply.text)),
            rcpt.reply,
        ));
    }
    let data = session
        .command("DATA")
        .await
        .map_err(|e| broken(&e, "DATA"))?;
    if data.code() != 354 {
        return Err(rejected(&data, FailureCode::EmailRecipientRejected, "DATA"));
    }
    let body = test_message(from, recipient);
    session
        .send_data(
            body.as_bytes(),
            "[test message: headers and 2 lines of text]",
        )
        .await
        .map_err(|e| broken(&e, "DATA"))?;
    let done = session.command(".").await.map_err(|e| broken(&e, "DATA"))?;
    if done.code() != 250 {
        return Err(rejected(&done, FailureCode::EmailRecipientRejected, "DATA"));
    }
    Ok((
        Message::new("detail-email-sent")
            .arg("address", recipient)
            .arg("reply", format!("{} {}", done.code(), done.reply.text)),
        done.reply,
    ))
}

/// One short message that says plainly what it is, in both languages.
fn test_message(from: &str, to: &str) -> String {
    let date = ::time::OffsetDateTime::now_utc()
        .format(&::time::format_description::well_known::Rfc2822)
        .unwrap_or_default();
    let sender = if from.is_empty() {
        "noreply@connector-doctor.invalid"
    } else {
        from
    };
    let id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "From: Connector Doctor <{sender}>\r\n\
         To: <{to}>\r\n\
         Subject: [Connector Doctor] Test message / Message de test\r\n\
         Date: {date}\r\n\
         Message-ID: <{id}@connector-doctor.invalid>\r\n\
         Auto-Submitted: auto-generated\r\n\
         X-Connector-Doctor: test-message\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\
         \r\n\
         Test message sent by Connector Doctor while checking a mail connector. No action is needed.\r\n\
         Message de test envoyé par Connector Doctor pendant la vérification d'un connecteur. Aucune action n'est nécessaire.\r\n"
    )
}

/// STARTTLS to one host and back with the certificate chain it sent (end-entity first), for the
/// 5.7.64 diagnosis's live source. The chain is kept whether it verifies or not, so Mozilla's roots
/// are enough here: the diagnosis judges names and dates, not trust.
pub async fn probe_certificate(
    smart: &SmartHost,
    dns_server: Option<SocketAddr>,
    timeout: Duration,
) -> Result<Vec<CertificateInfo>, Message> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let targets = match &smart.target {
        HostTarget::Ip(ip) => vec![Target {
            name: ip.to_string(),
            addr: SocketAddr::new(*ip, smart.port),
            preference: None,
        }],
        HostTarget::Name(name) => {
            let resolver = build_resolver(dns_server, timeout)?;
            resolve_mail_host(&resolver, name, smart.port)
                .await
                .map_err(|f| f.detail)?
        }
    };
    let target = targets
        .first()
        .cloned()
        .ok_or_else(|| Message::new("input-error-nothing-to-check"))?;
    let tcp = tokio::time::timeout(timeout, TcpStream::connect(target.addr))
        .await
        .map_err(|_| {
            Message::new("detail-connect-timeout")
                .arg("address", target.addr)
                .arg("error", "-")
                .arg("seconds", timeout.as_secs())
        })?
        .map_err(|e| {
            Message::new("detail-connect-unreachable")
                .arg("address", target.addr)
                .arg("error", e)
                .arg("seconds", timeout.as_secs())
        })?;
    let local = tcp.local_addr().ok();
    let mut session = SmtpSession::new(tcp, timeout);
    let greeted = greet(&mut session, &ehlo_name(local), timeout)
        .await
        .map_err(|(_, m)| m)?;
    if !greeted
        .capabilities
        .iter()
        .any(|c| c.to_ascii_uppercase().starts_with("STARTTLS"))
    {
        return Err(Message::new("detail-tls-not-offered").arg("policy", "-"));
    }
    let reply = session.command("STARTTLS").await.map_err(|e| {
        Message::new("detail-tls-starttls-refused").arg_message("reply", smtp_error_message(&e))
    })?;
    if reply.code() != 220 {
        return Err(Message::new("detail-tls-starttls-refused")
            .arg("reply", format!("{} {}", reply.code(), reply.reply.text)));
    }
    let (tcp, _) = session.into_parts();
    match starttls_handshake(&roots, tcp, &target.name, timeout).await {
        Ok(((stream, _), tls)) => {
            let mut session = SmtpSession::new(stream, timeout);
            session.quit().await;
            Ok(tls.chain)
        }
        Err(failure) if !failure.chain.is_empty() => Ok(failure.chain),
        Err(failure) => Err(failure.detail),
    }
}
