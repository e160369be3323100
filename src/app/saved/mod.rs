//! Saved connectors, at the bottom of the Connector page: save the form under a name, list, load
//! (with "Undo load"), rename, delete; import a connector file or the JSON of
//! `Get-OutboundConnector | ConvertTo-Json` (a file or pasted text); export the current connector.
//! Every file operation runs off the UI thread; results are worded at draw time.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use eframe::egui;

mod panel;

use crate::app::WizardApp;
use crate::app::msg::UiMsg;
use crate::checks::Message;
use crate::i18n::tr;
use crate::model::Connector;
use crate::store::profiles::{
    self, ImportedConnector, ProfileList, Profiles, SavedProfile, export_connector,
    parse_connector_json, read_connector_file,
};
use crate::store::{Dirs, StoreError};

/// Widest a name field grows, in points.
const NAME_WIDTH: f32 = 240.0;
/// Width of the panel beside the form, in points (the person can drag its edge).
const PANEL_WIDTH: f32 = 330.0;
const MIN_PANEL_WIDTH: f32 = 240.0;
const MAX_PANEL_WIDTH: f32 = 600.0;
/// Hosts shown in a saved connector's summary before "…".
const HOSTS_SHOWN: usize = 3;

/// The part of the form a loaded connector replaces.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FormPart {
    connector: Connector,
    recipient_domains_text: String,
}

impl FormPart {
    fn of(draft: &crate::app::Draft) -> FormPart {
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
struct Undo {
    before: FormPart,
    loaded: FormPart,
}

/// The outcome of the last action, worded at draw time (a language switch rewords it).
#[derive(Debug)]
pub enum Outcome {
    Done(Message),
    Failed(StoreError),
    /// Our own words, plus a technical detail as the system wrote it.
    FailedWith {
        message: Message,
        detail: String,
    },
}

/// What the background work of this panel sends back.
#[derive(Debug)]
pub enum SavedMsg {
    /// A store operation ended; a fresh list comes with it when the saved connectors may have
    /// changed.
    Done {
        outcome: Option<Outcome>,
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

/// A click on a row of the list, acted on after the list is drawn.
enum RowAction {
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
    profiles: Option<Profiles>,
    ctx: egui::Context,
    /// `None` until the first listing arrives.
    list: Option<Vec<SavedProfile>>,
    /// Background operations under way.
    busy: usize,
    /// The frame the panel was last drawn in: shown again after a while, it re-reads the list
    /// (another window may have saved meanwhile).
    last_frame: Option<u64>,
    save_name: String,
    confirm_replace: Option<String>,
    /// (saved name, new name as typed).
    renaming: Option<(String, String)>,
    confirm_delete: Option<String>,
    paste_text: String,
    /// The connectors of a file that holds several, to choose from.
    choices: Vec<ImportedConnector>,
    /// What an import could not use (shown until the next import or load).
    notes: Vec<Message>,
    undo: Option<Undo>,
    outcome: Option<Outcome>,
    /// Files set aside (corrupt or newer) met while listing or saving.
    problems: Vec<StoreError>,
    /// One store operation at a time, each followed by its listing, so lists arrive in order.
    store_lock: Arc<Mutex<()>>,
}

impl SavedState {
    pub fn new(ctx: &egui::Context, dirs: Option<&Dirs>) -> SavedState {
        SavedState {
            profiles: dirs.map(Profiles::new),
            ctx: ctx.clone(),
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
        }
    }

    fn find(&self, name: &str) -> Option<&SavedProfile> {
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

fn send(tx: &std::sync::mpsc::Sender<UiMsg>, ctx: &egui::Context, msg: SavedMsg) {
    let _ = tx.send(UiMsg::Saved(Box::new(msg)));
    ctx.request_repaint();
}

/// `name.json` when the chosen file name has no extension.
fn json_path(chosen: &Path) -> PathBuf {
    if chosen.extension().is_none() {
        chosen.with_extension("json")
    } else {
        chosen.to_path_buf()
    }
}

impl WizardApp {
    /// Runs `op` on a blocking thread, then lists the saved connectors, and sends both back.
    pub(in crate::app) fn store_op(
        &mut self,
        op: impl FnOnce(&Profiles) -> (Option<Outcome>, Vec<StoreError>) + Send + 'static,
    ) {
        let Some(profiles) = self.saved.profiles.clone() else {
            return;
        };
        self.saved.busy += 1;
        let tx = self.tx.clone();
        let ctx = self.saved.ctx.clone();
        let lock = Arc::clone(&self.saved.store_lock);
        self.runtime.spawn_blocking(move || {
            let _one_at_a_time = match lock.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            let (outcome, problems) = op(&profiles);
            let list = profiles.list();
            send(
                &tx,
                &ctx,
                SavedMsg::Done {
                    outcome,
                    problems,
                    list: Some(list),
                },
            );
        });
    }

    pub(in crate::app) fn refresh_saved(&mut self) {
        self.store_op(|_| (None, Vec::new()));
    }

    pub(in crate::app) fn on_saved_msg(&mut self, msg: SavedMsg) {
        let state = &mut self.saved;
        match msg {
            SavedMsg::Done {
                outcome,
                problems,
                list,
            } => {
                state.busy = state.busy.saturating_sub(1);
                if outcome.is_some() {
                    state.outcome = outcome;
                }
                state.problems.extend(problems);
                if let Some(list) = list {
                    state.list = Some(list.profiles);
                    state.problems.extend(list.problems);
                }
            }
            SavedMsg::DialogClosed => state.busy = state.busy.saturating_sub(1),
            SavedMsg::Imported { result } => {
                state.busy = state.busy.saturating_sub(1);
                match result {
                    Ok(items) => self.use_imported(items),
                    Err(err) => state.outcome = Some(Outcome::Failed(err)),
                }
            }
        }
    }

    /// Puts `connector` in the form, keeping what was there for "Undo load".
    pub(in crate::app) fn fill_form(&mut self, connector: Connector) {
        let before = FormPart::of(&self.draft);
        self.draft.recipient_domains_text = connector.recipient_domains.join(", ");
        self.draft.connector = connector;
        self.saved.undo = Some(Undo {
            before,
            loaded: FormPart::of(&self.draft),
        });
    }

    pub(in crate::app) fn undo_load(&mut self) {
        if let Some(undo) = self.saved.undo.take() {
            self.draft.connector = undo.before.connector;
            self.draft.recipient_domains_text = undo.before.recipient_domains_text;
            self.saved.notes.clear();
            self.saved.outcome = Some(Outcome::Done(Message::new("ui-saved-undone")));
        }
    }

    pub(in crate::app) fn load_saved(&mut self, name: &str) {
        let Some(saved) = self.saved.find(name).cloned() else {
            self.saved.outcome = Some(Outcome::Failed(StoreError::NotFound(name.to_string())));
            return;
        };
        self.fill_form(saved.connector);
        self.saved.notes.clear();
        self.saved.choices.clear();
        self.saved.outcome = Some(Outcome::Done(
            Message::new("ui-saved-done-loaded").arg("name", &saved.name),
        ));
    }

    /// A file or pasted text was read: one connector goes into the form, several are offered.
    pub(in crate::app) fn use_imported(&mut self, mut items: Vec<ImportedConnector>) {
        match items.len() {
            0 => {
                self.saved.outcome = Some(Outcome::Done(Message::new("ui-saved-import-empty")));
            }
            1 => {
                let item = items.remove(0);
                self.use_one_imported(item);
            }
            _ => {
                self.saved.choices = items;
                self.saved.outcome = None;
            }
        }
    }

    pub(in crate::app) fn use_one_imported(&mut self, item: ImportedConnector) {
        let name = item.connector.name.trim().to_string();
        self.fill_form(item.connector);
        self.saved.notes = item.notes;
        self.saved.choices.clear();
        // One click on Save keeps it under the name it had.
        self.saved.save_name = name.clone();
        self.saved.outcome = Some(Outcome::Done(if name.is_empty() {
            Message::new("ui-saved-done-imported-unnamed")
        } else {
            Message::new("ui-saved-done-imported").arg("name", name)
        }));
    }

    /// The name Save uses: the one typed beside it, else the connector's own name.
    pub(in crate::app) fn save_name(&self) -> String {
        let typed = self.saved.save_name.trim();
        if typed.is_empty() {
            self.draft.connector.name.trim().to_string()
        } else {
            typed.to_string()
        }
    }

    pub(in crate::app) fn save_current(&mut self, replace_confirmed: bool) {
        let name = self.save_name();
        if name.is_empty() {
            self.saved.outcome = Some(Outcome::Done(Message::new("ui-saved-name-needed")));
            return;
        }
        if !replace_confirmed && let Some(existing) = self.saved.find(&name) {
            self.saved.confirm_replace = Some(existing.name.clone());
            return;
        }
        self.saved.confirm_replace = None;
        if self.draft.connector.name.trim().is_empty() {
            self.draft.connector.name = name.clone();
        }
        let connector = self.draft.request().connector;
        self.saved.save_name.clear();
        self.store_op(move |profiles| match profiles.save(&name, &connector) {
            Ok(saved) => (
                Some(Outcome::Done(
                    Message::new("ui-saved-done-saved").arg("name", &name),
                )),
                saved.problems,
            ),
            Err(err) => (Some(Outcome::Failed(err)), Vec::new()),
        });
    }

    pub(in crate::app) fn rename_saved(&mut self, old: String, new: String) {
        self.saved.renaming = None;
        self.store_op(move |profiles| match profiles.rename(&old, &new) {
            Ok(saved) => (
                Some(Outcome::Done(
                    Message::new("ui-saved-done-renamed")
                        .arg("old", &old)
                        .arg("new", new.trim()),
                )),
                saved.problems,
            ),
            Err(err) => (Some(Outcome::Failed(err)), Vec::new()),
        });
    }

    pub(in crate::app) fn delete_saved(&mut self, name: String) {
        self.saved.confirm_delete = None;
        self.store_op(move |profiles| match profiles.delete(&name) {
            Ok(()) => (
                Some(Outcome::Done(
                    Message::new("ui-saved-done-deleted").arg("name", &name),
                )),
                Vec::new(),
            ),
            Err(err) => (Some(Outcome::Failed(err)), Vec::new()),
        });
    }

    pub(in crate::app) fn import_pasted(&mut self) {
        let text = self.saved.paste_text.trim();
        if text.is_empty() {
            self.saved.outcome = Some(Outcome::Done(Message::new("ui-saved-paste-empty")));
            return;
        }
        // Text already in memory: parsing it is quick and touches no disk.
        match parse_connector_json(text) {
            Ok(items) => self.use_imported(items),
            Err(problem) => {
                self.saved.outcome = Some(Outcome::FailedWith {
                    message: Message::new("ui-saved-paste-invalid"),
                    detail: problem,
                });
            }
        }
    }

    /// Reads a connector file on a blocking thread and fills the form with it, as the file
    /// dialog does with the file the person chose (tests call this directly).
    pub fn import_connector_file(&mut self, path: PathBuf) {
        self.saved.busy += 1;
        let tx = self.tx.clone();
        let ctx = self.saved.ctx.clone();
        self.runtime.spawn_blocking(move || {
            let result = read_connector_file(&path);
            send(&tx, &ctx, SavedMsg::Imported { result });
        });
    }

    pub(in crate::app) fn pick_import_file(&mut self) {
        self.saved.busy += 1;
        let tx = self.tx.clone();
        let ctx = self.saved.ctx.clone();
        let title = tr(self.lang, "ui-saved-import-dialog");
        let filter = tr(self.lang, "ui-saved-filter-json");
        self.runtime.spawn(async move {
            let picked = rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter(filter, &["json", "txt"])
                .pick_file()
                .await
                .map(|file| file.path().to_path_buf());
            let Some(path) = picked else {
                send(&tx, &ctx, SavedMsg::DialogClosed);
                return;
            };
            let result = tokio::task::spawn_blocking(move || read_connector_file(&path))
                .await
                .unwrap_or_else(|err| {
                    Err(StoreError::Import {
                        path: String::new(),
                        problem: err.to_string(),
                    })
                });
            send(&tx, &ctx, SavedMsg::Imported { result });
        });
    }

    pub(in crate::app) fn export_current_connector(&mut self) {
        let connector = self.draft.request().connector;
        let name = match connector.name.trim() {
            "" => self.save_name(),
            name => name.to_string(),
        };
        self.saved.busy += 1;
        let tx = self.tx.clone();
        let ctx = self.saved.ctx.clone();
        let title = tr(self.lang, "ui-saved-export-dialog");
        let filter = tr(self.lang, "ui-saved-filter-json");
        let file_name = format!("{}.json", profiles::slug(&name));
        self.runtime.spawn(async move {
            let picked = rfd::AsyncFileDialog::new()
                .set_title(title)
                .set_file_name(file_name)
                .add_filter(filter, &["json"])
                .save_file()
                .await
                .map(|file| json_path(file.path()));
            let Some(path) = picked else {
                send(&tx, &ctx, SavedMsg::DialogClosed);
                return;
            };
            let written = path.clone();
            let outcome = tokio::task::spawn_blocking(move || {
                match export_connector(&written, &name, &connector) {
                    Ok(()) => Outcome::Done(
                        Message::new("ui-saved-done-exported")
                            .arg("path", written.display().to_string()),
                    ),
                    Err(err) => Outcome::Failed(err),
                }
            })
            .await
            .unwrap_or_else(|err| Outcome::FailedWith {
                message: Message::new("ui-saved-export-failed"),
                detail: err.to_string(),
            });
            send(
                &tx,
                &ctx,
                SavedMsg::Done {
                    outcome: Some(outcome),
                    problems: Vec::new(),
                    list: None,
                },
            );
        });
    }
}
