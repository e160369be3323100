//! What background work sends to the UI thread (file dialogs, disk work, the history look-up,
//! exports). The app drains the channel with `try_recv` each frame and hands each message to the
//! flow it belongs to. The runs themselves answer over their own channel (see `job.rs`).
//!
//! Every payload is defined here, from engine types only, so the flows depend on this module and
//! this module on none of them.

use std::path::PathBuf;

use crate::checks::Message;
use crate::report::UnknownReportFormat;
use crate::store::StoreError;
use crate::store::history::Comparison;
use crate::store::profiles::{ImportedConnector, ProfileList};

#[derive(Debug)]
pub enum UiMsg {
    /// A draft write failed.
    SaveFailed(String),
    Check(CheckMsg),
    Tenant(TenantMsg),
    Saved(Box<SavedMsg>),
    /// A file dialog did not open: the path field inside the wizard stands in for it.
    NoFileDialog(super::file_dialog::PathPrompt),
}

/// For the connector check.
#[derive(Debug)]
pub enum CheckMsg {
    /// A file dialog of the Security page closed (with the chosen file, if any).
    FilePicked(super::draft::InputFile, Option<PathBuf>),
    /// The CA file named on the Security page was read as a run would read it: `problem` is
    /// what stops a run (it does not exist, holds no certificate…), for the path `text`.
    CaFileChecked {
        text: String,
        problem: Option<crate::input::InputProblem>,
    },
    /// The previous run of the connector, looked up when a run ended.
    History(Box<HistoryMsg>),
    /// A report export moved on.
    Export(ExportMsg),
}

/// The outcome of the history work for one finished run.
#[derive(Debug)]
pub struct HistoryMsg {
    /// Which finished run this answers (a late answer about an older one is dropped).
    pub seq: u64,
    pub previous: Result<Option<Comparison>, StoreError>,
    pub recorded: Result<(), StoreError>,
}

/// What the export task sends back; `seq` names the export it belongs to.
#[derive(Debug)]
pub enum ExportMsg {
    /// The dialog closed without a file.
    DialogClosed { seq: u64 },
    /// The report is being written there.
    Writing { seq: u64, path: PathBuf },
    Done {
        seq: u64,
        path: PathBuf,
        result: Result<(), ExportError>,
    },
}

#[derive(Debug)]
pub enum ExportError {
    Format(UnknownReportFormat),
    Write(String),
}

/// For the 5.7.64 pages.
#[derive(Debug)]
pub enum TenantMsg {
    LogsPicked(Vec<PathBuf>),
    CertFilePicked(PathBuf),
    JsonRead {
        target: JsonTarget,
        result: Result<String, Message>,
    },
    Exported(Result<PathBuf, String>),
}

/// Which PowerShell JSON a file was read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonTarget {
    Connector,
    AcceptedDomains,
}

/// For the saved-connectors panel.
#[derive(Debug)]
pub enum SavedMsg {
    /// A store operation ended; a fresh list comes with it when the saved connectors may have
    /// changed.
    Done {
        outcome: Option<SavedOutcome>,
        problems: Vec<StoreError>,
        list: Option<ProfileList>,
    },
    /// A connector file was read (or could not be).
    Imported {
        result: Result<Vec<ImportedConnector>, StoreError>,
    },
    /// A file dialog closed without a file.
    DialogClosed,
}

/// The outcome of the last saved-connector action, worded at draw time (a language switch
/// rewords it).
#[derive(Debug)]
pub enum SavedOutcome {
    Done(Message),
    Failed(StoreError),
    /// Our own words, plus a technical detail as the system wrote it.
    FailedWith {
        message: Message,
        detail: String,
    },
}

impl From<CheckMsg> for UiMsg {
    fn from(msg: CheckMsg) -> UiMsg {
        UiMsg::Check(msg)
    }
}

impl From<TenantMsg> for UiMsg {
    fn from(msg: TenantMsg) -> UiMsg {
        UiMsg::Tenant(msg)
    }
}

impl From<SavedMsg> for UiMsg {
    fn from(msg: SavedMsg) -> UiMsg {
        UiMsg::Saved(Box::new(msg))
    }
}
