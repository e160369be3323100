//! The connector validation engine: resolve → connect → EHLO → STARTTLS/certificate → test
//! address, for every host and every address, concurrently, streaming [`Event`]s.

pub mod dane;
pub mod dnssec;
pub mod domain_security;
pub mod email;
mod engine;
pub mod fleet;
pub mod mta_sts;
pub mod policy;
mod prepare;
pub mod resolve;
pub mod revocation;
pub mod smtp;
pub mod tls;
pub mod tls_probe;
mod types;

pub use domain_security::{DomainSecurityInputs, load_domain_security};
pub use engine::probe_certificate;
pub use prepare::{
    HostPlan, InputErrors, InputField, InputProblem, Prepared, load_trust_roots, prepare,
};
pub use types::*;

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

/// Where the engine sends its events. The CLI uses a tokio channel; the GUI a sink that also
/// asks egui to repaint.
pub trait EventSink: Send + Sync + 'static {
    fn send(&self, event: Event);
}

impl EventSink for tokio::sync::mpsc::UnboundedSender<Event> {
    fn send(&self, event: Event) {
        let _ = tokio::sync::mpsc::UnboundedSender::send(self, event);
    }
}

impl EventSink for std::sync::mpsc::Sender<Event> {
    fn send(&self, event: Event) {
        let _ = std::sync::mpsc::Sender::send(self, event);
    }
}

/// Runs every check of a prepared request ([`prepare`]) with the trust roots read once by
/// [`load_trust_roots`], sending events to `sink`, and returns the report (also sent as the last
/// event). Cancelling `cancel` stops the run promptly; the report is then marked cancelled.
pub async fn run_check(
    prepared: Prepared,
    roots: rustls::RootCertStore,
    sink: Arc<dyn EventSink>,
    cancel: CancellationToken,
) -> RunReport {
    engine::run(prepared, roots, sink, cancel).await
}
