//! What the saved-connectors panel holds between frames.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::app::draft::Draft;
use crate::app::msg::SavedOutcome;
use crate::checks::Message;
use crate::model::Connector;
use crate::store::profiles::{ImportedConnector, Profiles, SavedProfile};
use crate::store::{Dirs, StoreError};

/// Widest a name field grows, in points.
pub(super) const NAME_WIDTH: f32 = 240.0;
/// Width of the panel beside the form, in points (the person can drag its edge).
pub(super) const PANEL_WIDTH: f32 = 330.0;
pub(super) const MIN_PANEL_WIDTH: f32 = 240.0;
pub(super) const MAX_PANEL_WIDTH: f32 = 600.0;
/// Hosts shown in a saved connector's summary before "…".
pub(super) const HOSTS_SHOWN: usize = 3;

/// The part of the form a loaded connector replaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FormPart {
    pub(super) connector: Connector,
    pub(super) recipient_domains_text: String,
}

impl FormPart {
    pub(super) fn of(draft: &Draft) -> FormPart {
        let mut connector = draft.connector.clone();
        // Derived from the typed text every frame: the text is what counts.
        connector.recipient_domains.clear();
        FormPart {
            connector,
            recipient_domains_text: draft.recipient_domains_text.clone(),
        }
    }
}

/// What "Undo load" puts back, offered while the form is still exactly what was loaded (once
/// the person edits it, undoing would throw those edits away).
#[derive(Clone, Debug)]
pub(super) struct Undo {
    pub(super) before: FormPart,
    pub(super) loaded: FormPart,
}

/// A click on a row of the list, acted on after the list is drawn.
pub(super) enum RowAction {
    Load(String),
    StartRename(String),
    Rename { old: String, new: String },
    CancelRename,
    AskDelete(String),
    Delete(String),
    CancelDelete,
}

pub struct SavedState {
    /// `None` without a config folder: import and export still work, saving does not.
    pub(super) profiles: Option<Profiles>,
    /// `None` until the first listing arrives.
    pub(super) list: Option<Vec<SavedProfile>>,
    /// Background operations under way.
    pub(super) busy: usize,
    /// The frame the panel was last drawn in: shown again after a while, it re-reads the list
    /// (another window may have saved meanwhile).
    pub(super) last_frame: Option<u64>,
    pub(super) save_name: String,
    pub(super) confirm_replace: Option<String>,
    /// (saved name, new name as typed).
    pub(super) renaming: Option<(String, String)>,
    pub(super) confirm_delete: Option<String>,
    pub(super) paste_text: String,
    /// The connectors of a file that holds several, to choose from.
    pub(super) choices: Vec<ImportedConnector>,
    /// What an import could not use (shown until the next import or load).
    pub(super) notes: Vec<Message>,
    pub(super) undo: Option<Undo>,
    pub(super) outcome: Option<SavedOutcome>,
    /// Files set aside (corrupt or newer) met while listing or saving.
    pub(super) problems: Vec<StoreError>,
    /// One store operation at a time, each followed by its listing, so lists arrive in order.
    pub(super) store_lock: Arc<Mutex<()>>,
    /// "Check all saved connectors" and its table.
    pub(super) fleet: super::fleet::FleetState,
    /// Where the history is kept (the runs of "Check all" go there too).
    pub(super) dirs: Option<Dirs>,
}

impl SavedState {
    pub fn new(dirs: Option<&Dirs>) -> SavedState {
        SavedState {
            profiles: dirs.map(Profiles::new),
            list: None,
            busy: 0,
            last_frame: None,
            save_name: String::new(),
            confirm_replace: None,
            renaming: None,
            confirm_delete: None,
            paste_text: String::new(),
            choices: Vec::new(),
            notes: Vec::new(),
            undo: None,
            outcome: None,
            problems: Vec::new(),
            store_lock: Arc::new(Mutex::new(())),
            fleet: super::fleet::FleetState::default(),
            dirs: dirs.cloned(),
        }
    }

    pub(super) fn find(&self, name: &str) -> Option<&SavedProfile> {
        let lower = name.to_lowercase();
        self.list
            .iter()
            .flatten()
            .find(|p| p.name == name)
            .or_else(|| {
                self.list
                    .iter()
                    .flatten()
                    .find(|p| p.name.to_lowercase() == lower)
            })
    }
}

/// `name.json` when the chosen file name has no extension.
pub(super) fn json_path(chosen: &Path) -> PathBuf {
    if chosen.extension().is_none() {
        chosen.with_extension("json")
    } else {
        chosen.to_path_buf()
    }
}
