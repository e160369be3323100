//! What background work sends to the UI thread. The app drains the channel with `try_recv` each
//! frame and hands each message to the flow it belongs to.

use std::path::PathBuf;

use crate::checks::{Event, RunReport};

/// What background work sends to the UI thread.
#[derive(Debug)]
pub enum UiMsg {
    /// An engine event of run `run_id`.
    Engine { run_id: u64, event: Box<Event> },
    /// The run is over; its report, straight from `run_check`.
    Done { run_id: u64, report: Box<RunReport> },
    /// The CA file dialog closed (with the chosen file, if any).
    CaFilePicked(Option<PathBuf>),
    /// A draft write failed.
    SaveFailed(String),
    /// The previous run of the connector, looked up when a run ended (compare.rs).
    History(Box<super::check::compare::HistoryMsg>),
    /// A report export moved on (export.rs).
    Export(super::check::export::ExportMsg),
    /// A saved-connector, import or export operation ended (saved.rs).
    Saved(Box<super::saved::SavedMsg>),
}
