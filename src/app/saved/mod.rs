//! Saved connectors, beside the form on the Connector page: save the form under a name, list,
//! load (with "Undo load"), rename, delete; import a connector file or the JSON of
//! `Get-OutboundConnector | ConvertTo-Json` (a file or pasted text); export the current connector.
//! Every file operation runs off the UI thread; results are worded at draw time. The state is in
//! `state`, the drawing in `panel`, what the panel's actions do here.

mod fleet;
mod panel;
mod state;

use std::path::PathBuf;
use std::sync::Arc;

use crate::app::action::SavedAction;
use crate::app::background::Background;
use crate::app::draft::Draft;
use crate::app::file_dialog::{self, Chosen, PathPrompt, Purpose};
use crate::app::msg::{SavedMsg, SavedOutcome, UiMsg};
use crate::checks::Message;
use crate::i18n::{Lang, tr};
use crate::model::Connector;
use crate::store::StoreError;
use crate::store::profiles::{
    self, ImportedConnector, Profiles, export_connector, parse_connector_json, read_connector_file,
};

pub use state::SavedState;
use state::{FormPart, Undo, json_path};

impl SavedState {
    /// Carries out what the panel asked for.
    pub fn apply(&mut self, action: SavedAction, draft: &mut Draft, lang: Lang, bg: &Background) {
        match action {
            SavedAction::Refresh => self.refresh(bg),
            SavedAction::Save { replace_confirmed } => {
                self.save_current(draft, replace_confirmed, bg)
            }
            SavedAction::Load(name) => self.load(draft, &name),
            SavedAction::Rename { old, new } => self.rename(old, new, bg),
            SavedAction::Delete(name) => self.delete(name, bg),
            SavedAction::UndoLoad => self.undo_load(draft),
            SavedAction::ImportFile => self.pick_import_file(lang, bg),
            SavedAction::ImportPasted => self.import_pasted(draft),
            SavedAction::Choose(i) => {
                if i < self.choices.len() {
                    let item = self.choices.remove(i);
                    self.use_one_imported(draft, item);
                }
            }
            SavedAction::ExportCurrent => self.export_current_connector(draft, lang, bg),
            SavedAction::CheckAll => {
                if let Some(list) = &self.list {
                    self.fleet
                        .start(list, draft.request().options, self.dirs.clone(), bg);
                }
            }
            SavedAction::StopCheckAll => self.fleet.stop(),
        }
    }

    /// Takes what "Check all saved connectors" sent since the last frame.
    pub fn poll(&mut self) {
        self.fleet.poll();
    }

    /// Runs `op` on a blocking thread, then lists the saved connectors, and sends both back.
    fn store_op(
        &mut self,
        bg: &Background,
        op: impl FnOnce(&Profiles) -> (Option<SavedOutcome>, Vec<StoreError>) + Send + 'static,
    ) {
        let Some(profiles) = self.profiles.clone() else {
            return;
        };
        self.busy += 1;
        let answer = bg.clone();
        let lock = Arc::clone(&self.store_lock);
        bg.spawn_blocking(move || {
            let _one_at_a_time = match lock.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            let (outcome, problems) = op(&profiles);
            let list = profiles.list();
            answer.send(SavedMsg::Done {
                outcome,
                problems,
                list: Some(list),
            });
        });
    }

    fn refresh(&mut self, bg: &Background) {
        self.store_op(bg, |_| (None, Vec::new()));
    }

    /// A background operation of the panel ended.
    pub fn on_msg(&mut self, msg: SavedMsg, draft: &mut Draft) {
        match msg {
            SavedMsg::Done {
                outcome,
                problems,
                list,
            } => {
                self.busy = self.busy.saturating_sub(1);
                if outcome.is_some() {
                    self.outcome = outcome;
                }
                self.problems.extend(problems);
                if let Some(list) = list {
                    self.list = Some(list.profiles);
                    self.problems.extend(list.problems);
                }
            }
            SavedMsg::DialogClosed => self.busy = self.busy.saturating_sub(1),
            SavedMsg::Imported { result } => {
                self.busy = self.busy.saturating_sub(1);
                match result {
                    Ok(items) => self.use_imported(draft, items),
                    Err(err) => self.outcome = Some(SavedOutcome::Failed(err)),
                }
            }
        }
    }

    /// Puts `connector` in the form, keeping what was there for "Undo load".
    fn fill_form(&mut self, draft: &mut Draft, connector: Connector) {
        let before = FormPart::of(draft);
        draft.recipient_domains_text = connector.recipient_domains.join(", ");
        draft.connector = connector;
        self.undo = Some(Undo {
            before,
            loaded: FormPart::of(draft),
        });
    }

    fn undo_load(&mut self, draft: &mut Draft) {
        if let Some(undo) = self.undo.take() {
            draft.connector = undo.before.connector;
            draft.recipient_domains_text = undo.before.recipient_domains_text;
            self.notes.clear();
            self.outcome = Some(SavedOutcome::Done(Message::new("ui-saved-undone")));
        }
    }

    fn load(&mut self, draft: &mut Draft, name: &str) {
        let Some(saved) = self.find(name).cloned() else {
            self.outcome = Some(SavedOutcome::Failed(StoreError::NotFound(name.to_string())));
            return;
        };
        self.fill_form(draft, saved.connector);
        self.notes.clear();
        self.choices.clear();
        self.outcome = Some(SavedOutcome::Done(
            Message::new("ui-saved-done-loaded").arg("name", &saved.name),
        ));
    }

    /// A file or pasted text was read: one connector goes into the form, several are offered.
    fn use_imported(&mut self, draft: &mut Draft, mut items: Vec<ImportedConnector>) {
        match items.len() {
            0 => {
                self.outcome = Some(SavedOutcome::Done(Message::new("ui-saved-import-empty")));
            }
            1 => {
                let item = items.remove(0);
                self.use_one_imported(draft, item);
            }
            _ => {
                self.choices = items;
                self.outcome = None;
            }
        }
    }

    fn use_one_imported(&mut self, draft: &mut Draft, item: ImportedConnector) {
        let name = item.connector.name.trim().to_string();
        self.fill_form(draft, item.connector);
        self.notes = item.notes;
        self.choices.clear();
        // One click on Save keeps it under the name it had.
        self.save_name = name.clone();
        self.outcome = Some(SavedOutcome::Done(if name.is_empty() {
            Message::new("ui-saved-done-imported-unnamed")
        } else {
            Message::new("ui-saved-done-imported").arg("name", name)
        }));
    }

    /// The name Save uses: the one typed beside it, else the connector's own name.
    pub(super) fn save_name(&self, draft: &Draft) -> String {
        let typed = self.save_name.trim();
        if typed.is_empty() {
            draft.connector.name.trim().to_string()
        } else {
            typed.to_string()
        }
    }

    fn save_current(&mut self, draft: &mut Draft, replace_confirmed: bool, bg: &Background) {
        let name = self.save_name(draft);
        if name.is_empty() {
            self.outcome = Some(SavedOutcome::Done(Message::new("ui-saved-name-needed")));
            return;
        }
        if !replace_confirmed && let Some(existing) = self.find(&name) {
            self.confirm_replace = Some(existing.name.clone());
            return;
        }
        self.confirm_replace = None;
        if draft.connector.name.trim().is_empty() {
            draft.connector.name = name.clone();
        }
        let connector = draft.request().connector;
        self.save_name.clear();
        self.store_op(bg, move |profiles| match profiles.save(&name, &connector) {
            Ok(saved) => (
                Some(SavedOutcome::Done(
                    Message::new("ui-saved-done-saved").arg("name", &name),
                )),
                saved.problems,
            ),
            Err(err) => (Some(SavedOutcome::Failed(err)), Vec::new()),
        });
    }

    fn rename(&mut self, old: String, new: String, bg: &Background) {
        self.renaming = None;
        self.store_op(bg, move |profiles| match profiles.rename(&old, &new) {
            Ok(saved) => (
                Some(SavedOutcome::Done(
                    Message::new("ui-saved-done-renamed")
                        .arg("old", &old)
                        .arg("new", new.trim()),
                )),
                saved.problems,
            ),
            Err(err) => (Some(SavedOutcome::Failed(err)), Vec::new()),
        });
    }

    fn delete(&mut self, name: String, bg: &Background) {
        self.confirm_delete = None;
        self.store_op(bg, move |profiles| match profiles.delete(&name) {
            Ok(()) => (
                Some(SavedOutcome::Done(
                    Message::new("ui-saved-done-deleted").arg("name", &name),
                )),
                Vec::new(),
            ),
            Err(err) => (Some(SavedOutcome::Failed(err)), Vec::new()),
        });
    }

    fn import_pasted(&mut self, draft: &mut Draft) {
        let text = self.paste_text.trim();
        if text.is_empty() {
            self.outcome = Some(SavedOutcome::Done(Message::new("ui-saved-paste-empty")));
            return;
        }
        // Text already in memory: parsing it is quick and touches no disk.
        match parse_connector_json(text) {
            Ok(items) => self.use_imported(draft, items),
            Err(problem) => {
                self.outcome = Some(SavedOutcome::FailedWith {
                    message: Message::new("ui-saved-paste-invalid"),
                    detail: problem,
                });
            }
        }
    }

    /// Reads a connector file on a blocking thread and fills the form with it, as the file
    /// dialog does with the file the person chose (tests call this directly).
    pub fn import_connector_file(&mut self, path: PathBuf, bg: &Background) {
        self.busy += 1;
        let answer = bg.clone();
        bg.spawn_blocking(move || {
            let result = read_connector_file(&path);
            answer.send(SavedMsg::Imported { result });
        });
    }

    fn pick_import_file(&mut self, lang: Lang, bg: &Background) {
        self.busy += 1;
        let answer = bg.clone();
        let title = tr(lang, "ui-saved-import-dialog");
        let filter = tr(lang, "ui-saved-filter-json");
        let dialogs = bg.file_dialogs();
        bg.spawn(async move {
            let dialog = rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter(filter, &["json", "txt"]);
            let path = match file_dialog::choose(dialog, false, dialogs).await {
                Chosen::Path(path) => path,
                Chosen::Cancelled => {
                    answer.send(SavedMsg::DialogClosed);
                    return;
                }
                Chosen::NoDialog(why) => {
                    answer.send(SavedMsg::DialogClosed);
                    answer.send(UiMsg::NoFileDialog(PathPrompt::new(
                        Purpose::ImportConnector,
                        why,
                        None,
                    )));
                    return;
                }
            };
            let result = tokio::task::spawn_blocking(move || read_connector_file(&path))
                .await
                .unwrap_or_else(|err| {
                    Err(StoreError::Import {
                        path: String::new(),
                        problem: err.to_string(),
                    })
                });
            answer.send(SavedMsg::Imported { result });
        });
    }

    /// The name and the connector an export writes: the form as it is now.
    fn export_content(&self, draft: &Draft) -> (String, Connector) {
        let connector = draft.request().connector;
        let name = match connector.name.trim() {
            "" => self.save_name(draft),
            name => name.to_string(),
        };
        (name, connector)
    }

    fn export_current_connector(&mut self, draft: &Draft, lang: Lang, bg: &Background) {
        let (name, connector) = self.export_content(draft);
        self.busy += 1;
        let answer = bg.clone();
        let title = tr(lang, "ui-saved-export-dialog");
        let filter = tr(lang, "ui-saved-filter-json");
        let file_name = format!("{}.json", profiles::slug(&name));
        let dialogs = bg.file_dialogs();
        bg.spawn(async move {
            let dialog = rfd::AsyncFileDialog::new()
                .set_title(title)
                .set_file_name(file_name.clone())
                .add_filter(filter, &["json"]);
            let path = match file_dialog::choose(dialog, true, dialogs).await {
                Chosen::Path(path) => json_path(&path),
                Chosen::Cancelled => {
                    answer.send(SavedMsg::DialogClosed);
                    return;
                }
                Chosen::NoDialog(why) => {
                    answer.send(SavedMsg::DialogClosed);
                    answer.send(UiMsg::NoFileDialog(PathPrompt::new(
                        Purpose::ExportConnector,
                        why,
                        Some(file_name),
                    )));
                    return;
                }
            };
            let outcome = write_export(path, name, connector).await;
            answer.send(SavedMsg::Done {
                outcome: Some(outcome),
                problems: Vec::new(),
                list: None,
            });
        });
    }

    /// Writes the form as a connector file at `path` (typed in the path field that stands in for
    /// a dialog that did not open).
    pub fn export_connector_to(&mut self, path: PathBuf, draft: &Draft, bg: &Background) {
        let (name, connector) = self.export_content(draft);
        self.busy += 1;
        let answer = bg.clone();
        bg.spawn(async move {
            let outcome = write_export(json_path(&path), name, connector).await;
            answer.send(SavedMsg::Done {
                outcome: Some(outcome),
                problems: Vec::new(),
                list: None,
            });
        });
    }
}

/// Writes a connector file on a blocking thread; what to tell the person.
async fn write_export(path: PathBuf, name: String, connector: Connector) -> SavedOutcome {
    tokio::task::spawn_blocking(move || match export_connector(&path, &name, &connector) {
        Ok(()) => SavedOutcome::Done(
            Message::new("ui-saved-done-exported").arg("path", path.display().to_string()),
        ),
        Err(err) => SavedOutcome::Failed(err),
    })
    .await
    .unwrap_or_else(|err| SavedOutcome::FailedWith {
        message: Message::new("ui-saved-export-failed"),
        detail: err.to_string(),
    })
}
