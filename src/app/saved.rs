//! Saved connectors, at the bottom of the Connector page: save the form under a name, list, load
//! (with "Undo load"), rename, delete; import a connector file or the JSON of
//! `Get-OutboundConnector | ConvertTo-Json` (a file or pasted text); export the current connector.
//! Every file operation runs off the UI thread; results are worded at draw time.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use eframe::egui;
use egui::{Key, RichText, TextEdit, Ui};

use super::WizardApp;
use super::compare::when_text;
use super::results::icon_line;
use super::run::UiMsg;
use crate::checks::{Message, Status};
use crate::i18n::{Lang, localize, tr, tr_args};
use crate::model::Connector;
use crate::sanitize::shown;
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
    fn of(draft: &super::Draft) -> FormPart {
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
    fn store_op(
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

    fn refresh_saved(&mut self) {
        self.store_op(|_| (None, Vec::new()));
    }

    pub(super) fn on_saved_msg(&mut self, msg: SavedMsg) {
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
    fn fill_form(&mut self, connector: Connector) {
        let before = FormPart::of(&self.draft);
        self.draft.recipient_domains_text = connector.recipient_domains.join(", ");
        self.draft.connector = connector;
        self.saved.undo = Some(Undo {
            before,
            loaded: FormPart::of(&self.draft),
        });
    }

    fn undo_load(&mut self) {
        if let Some(undo) = self.saved.undo.take() {
            self.draft.connector = undo.before.connector;
            self.draft.recipient_domains_text = undo.before.recipient_domains_text;
            self.saved.notes.clear();
            self.saved.outcome = Some(Outcome::Done(Message::new("ui-saved-undone")));
        }
    }

    fn load_saved(&mut self, name: &str) {
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
    fn use_imported(&mut self, mut items: Vec<ImportedConnector>) {
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

    fn use_one_imported(&mut self, item: ImportedConnector) {
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
    fn save_name(&self) -> String {
        let typed = self.saved.save_name.trim();
        if typed.is_empty() {
            self.draft.connector.name.trim().to_string()
        } else {
            typed.to_string()
        }
    }

    fn save_current(&mut self, replace_confirmed: bool) {
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

    fn rename_saved(&mut self, old: String, new: String) {
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

    fn delete_saved(&mut self, name: String) {
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

    fn import_pasted(&mut self) {
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

    fn pick_import_file(&mut self) {
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

    fn export_current_connector(&mut self) {
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

    /// The saved-connectors panel, beside the form on the Connector page.
    pub(super) fn saved_panel_ui(&mut self, ui: &mut Ui) {
        egui::Panel::right("saved-connectors")
            .resizable(true)
            .default_size(PANEL_WIDTH)
            .size_range(MIN_PANEL_WIDTH..=MAX_PANEL_WIDTH)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("saved-connectors")
                    .auto_shrink(false)
                    .show(ui, |ui| self.saved_connectors_ui(ui));
            });
    }

    fn saved_connectors_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let frame = ui.ctx().cumulative_frame_nr();
        let shown_just_before = self.saved.last_frame.is_some_and(|f| f + 1 >= frame);
        self.saved.last_frame = Some(frame);
        if !shown_just_before {
            self.refresh_saved();
        }

        ui.add_space(8.0);
        ui.heading(tr(lang, "ui-saved-title"));
        ui.label(RichText::new(tr(lang, "ui-saved-help")).weak());
        ui.add_space(6.0);
        self.saved_messages_ui(ui);
        if self.saved.profiles.is_some() {
            self.save_row_ui(ui);
            ui.add_space(10.0);
            self.saved_list_ui(ui);
        } else {
            icon_line(ui, Status::Warn, tr(lang, "ui-saved-no-dir"));
        }
        ui.add_space(8.0);
        ui.separator();
        self.import_export_ui(ui);
    }

    fn saved_messages_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        match &self.saved.outcome {
            None => {}
            Some(Outcome::Done(message)) => {
                let status = match message.id.as_str() {
                    "ui-saved-name-needed" | "ui-saved-paste-empty" | "ui-saved-import-empty" => {
                        Status::Warn
                    }
                    _ => Status::Pass,
                };
                icon_line(ui, status, localize(lang, message));
            }
            Some(Outcome::Failed(err)) => icon_line(ui, Status::Fail, err.localized(lang)),
            Some(Outcome::FailedWith { message, detail }) => {
                icon_line(ui, Status::Fail, localize(lang, message));
                ui.label(RichText::new(shown(detail)).weak().small());
            }
        }
        if self
            .saved
            .undo
            .as_ref()
            .is_some_and(|undo| undo.loaded != FormPart::of(&self.draft))
        {
            self.saved.undo = None;
        }
        if self.saved.undo.is_some() {
            let mut undo = false;
            ui.horizontal_wrapped(|ui| {
                undo = ui
                    .button(tr(lang, "ui-saved-undo"))
                    .on_hover_text(tr(lang, "ui-saved-undo-help"))
                    .clicked();
                ui.label(RichText::new(tr(lang, "ui-saved-undo-help")).weak());
            });
            if undo {
                self.undo_load();
            }
        }
        if !self.saved.notes.is_empty() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                icon_line(ui, Status::Warn, tr(lang, "ui-saved-notes-title"));
                for note in &self.saved.notes {
                    ui.label(format!("• {}", localize(lang, note)));
                }
            });
        }
        if !self.saved.problems.is_empty() {
            let mut close = false;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                icon_line(ui, Status::Warn, tr(lang, "ui-saved-problems-title"));
                for problem in &self.saved.problems {
                    ui.label(RichText::new(problem.localized(lang)).small());
                }
                close = ui.button(tr(lang, "ui-notice-close")).clicked();
            });
            if close {
                self.saved.problems.clear();
            }
        }
        ui.add_space(4.0);
    }

    fn save_row_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let form_name = self.draft.connector.name.trim().to_string();
        let hint = if form_name.is_empty() {
            tr(lang, "ui-saved-name-hint")
        } else {
            form_name
        };
        let label = ui.label(RichText::new(tr(lang, "ui-saved-save-as")).strong());
        let field = ui
            .add(
                TextEdit::singleline(&mut self.saved.save_name)
                    .hint_text(hint)
                    .desired_width(ui.available_width().min(NAME_WIDTH)),
            )
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let save = ui.button(tr(lang, "ui-saved-save")).clicked() || entered;
        if save {
            self.save_current(false);
        }
        if let Some(name) = self.saved.confirm_replace.clone() {
            let (mut replace, mut cancel) = (false, false);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                icon_line(
                    ui,
                    Status::Warn,
                    tr_args(lang, "ui-saved-replace-question", &[("name", shown(&name))]),
                );
                ui.horizontal(|ui| {
                    replace = ui.button(tr(lang, "ui-saved-replace")).clicked();
                    cancel = ui.button(tr(lang, "ui-saved-cancel")).clicked();
                });
            });
            if replace {
                self.saved.save_name = name;
                self.save_current(true);
            } else if cancel {
                self.saved.confirm_replace = None;
            }
        }
    }

    fn saved_list_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let state = &mut self.saved;
        let Some(list) = &state.list else {
            ui.label(RichText::new(tr(lang, "ui-saved-loading")).weak());
            return;
        };
        if list.is_empty() {
            ui.label(RichText::new(tr(lang, "ui-saved-empty")).weak());
            return;
        }
        let mut action = None;
        for (i, profile) in list.iter().enumerate() {
            ui.push_id(("saved", i), |ui| {
                egui::Frame::new()
                    .fill(ui.visuals().faint_bg_color)
                    .corner_radius(4.0)
                    .inner_margin(6.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let row = saved_row_ui(
                            ui,
                            lang,
                            profile,
                            &mut state.renaming,
                            state.confirm_delete.as_deref(),
                        );
                        if row.is_some() {
                            action = row;
                        }
                    });
                ui.add_space(4.0);
            });
        }
        match action {
            None => {}
            Some(RowAction::Load(name)) => self.load_saved(&name),
            Some(RowAction::StartRename(name)) => {
                self.saved.confirm_delete = None;
                self.saved.renaming = Some((name.clone(), name));
            }
            Some(RowAction::Rename { old, new }) => self.rename_saved(old, new),
            Some(RowAction::CancelRename) => self.saved.renaming = None,
            Some(RowAction::AskDelete(name)) => {
                self.saved.renaming = None;
                self.saved.confirm_delete = Some(name);
            }
            Some(RowAction::Delete(name)) => self.delete_saved(name),
            Some(RowAction::CancelDelete) => self.saved.confirm_delete = None,
        }
    }

    fn import_export_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let (mut import, mut export, mut paste) = (false, false, false);
        ui.horizontal_wrapped(|ui| {
            import = ui
                .button(tr(lang, "ui-saved-import-file"))
                .on_hover_text(tr(lang, "ui-saved-import-file-help"))
                .clicked();
            export = ui
                .button(tr(lang, "ui-saved-export"))
                .on_hover_text(tr(lang, "ui-saved-export-help"))
                .clicked();
        });
        egui::CollapsingHeader::new(tr(lang, "ui-saved-paste"))
            .id_salt("paste-json")
            .show(ui, |ui| {
                ui.label(RichText::new(tr(lang, "ui-saved-paste-help")).weak());
                let label = ui.label(tr(lang, "ui-saved-paste-field"));
                ui.add(
                    TextEdit::multiline(&mut self.saved.paste_text)
                        .code_editor()
                        .desired_rows(6)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                paste = ui.button(tr(lang, "ui-saved-paste-import")).clicked();
            });
        if import {
            self.pick_import_file();
        }
        if export {
            self.export_current_connector();
        }
        if paste {
            self.import_pasted();
        }
        self.import_choices_ui(ui);
    }

    /// A file with several connectors: one row each, to choose the one for the form.
    fn import_choices_ui(&mut self, ui: &mut Ui) {
        if self.saved.choices.is_empty() {
            return;
        }
        let lang = self.lang;
        let mut chosen = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(tr_args(
                lang,
                "ui-saved-import-choose",
                &[("count", self.saved.choices.len().to_string())],
            ));
            for (i, item) in self.saved.choices.iter().enumerate() {
                let name = match item.connector.name.trim() {
                    "" => tr(lang, "ui-saved-unnamed"),
                    name => shown(name),
                };
                ui.push_id(("choice", i), |ui| {
                    ui.horizontal_wrapped(|ui| {
                        let full = tr_args(lang, "ui-saved-load-name", &[("name", name.clone())]);
                        if ui
                            .button(tr(lang, "ui-saved-load"))
                            .accessible_name(full.clone())
                            .on_hover_text(full)
                            .clicked()
                        {
                            chosen = Some(i);
                        }
                        ui.label(RichText::new(name).strong());
                        ui.label(RichText::new(hosts_summary(lang, &item.connector)).weak());
                    });
                });
            }
        });
        if let Some(i) = chosen {
            let item = self.saved.choices.remove(i);
            self.use_one_imported(item);
        }
    }
}

/// One saved connector: name, what it points at, and its buttons (each named with the
/// connector's name for screen readers); or the rename field, or the delete question.
fn saved_row_ui(
    ui: &mut Ui,
    lang: Lang,
    profile: &SavedProfile,
    renaming: &mut Option<(String, String)>,
    confirm_delete: Option<&str>,
) -> Option<RowAction> {
    let name = shown(&profile.name);
    let arg = || vec![("name", name.clone())];
    let mut action = None;
    if let Some((old, new)) = renaming.as_mut().filter(|(old, _)| *old == profile.name) {
        let label = ui.label(tr_args(lang, "ui-saved-new-name", &arg()));
        let field = ui
            .add(TextEdit::singleline(new).desired_width(ui.available_width().min(NAME_WIDTH)))
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            let confirm = ui
                .button(tr(lang, "ui-saved-rename"))
                .accessible_name(tr_args(lang, "ui-saved-rename-confirm", &arg()))
                .clicked();
            if confirm || entered {
                action = Some(RowAction::Rename {
                    old: old.clone(),
                    new: new.clone(),
                });
            }
            if ui.button(tr(lang, "ui-saved-cancel")).clicked() {
                action = Some(RowAction::CancelRename);
            }
        });
        return action;
    }
    ui.label(RichText::new(&name).strong());
    ui.label(RichText::new(profile_summary(lang, profile)).weak());
    ui.scope(|ui| {
        if confirm_delete == Some(profile.name.as_str()) {
            icon_line(
                ui,
                Status::Warn,
                tr_args(lang, "ui-saved-delete-question", &arg()),
            );
            ui.horizontal(|ui| {
                if ui
                    .button(tr(lang, "ui-saved-delete"))
                    .accessible_name(tr_args(lang, "ui-saved-delete-confirm", &arg()))
                    .clicked()
                {
                    action = Some(RowAction::Delete(profile.name.clone()));
                }
                if ui.button(tr(lang, "ui-saved-keep")).clicked() {
                    action = Some(RowAction::CancelDelete);
                }
            });
            return;
        }
        ui.horizontal(|ui| {
            let buttons = [
                ("ui-saved-load", "ui-saved-load-name"),
                ("ui-saved-rename", "ui-saved-rename-name"),
                ("ui-saved-delete", "ui-saved-delete-name"),
            ];
            for (i, (text, full)) in buttons.into_iter().enumerate() {
                let full = tr_args(lang, full, &arg());
                let clicked = ui
                    .button(tr(lang, text))
                    .accessible_name(full.clone())
                    .on_hover_text(full)
                    .clicked();
                if clicked {
                    let name = profile.name.clone();
                    action = Some(match i {
                        0 => RowAction::Load(name),
                        1 => RowAction::StartRename(name),
                        _ => RowAction::AskDelete(name),
                    });
                }
            }
        });
    });
    action
}

/// `mail.contoso.com, relay.contoso.com` or "uses the MX records".
fn hosts_summary(lang: Lang, connector: &Connector) -> String {
    if connector.use_mx_record {
        return tr(lang, "ui-saved-uses-mx");
    }
    let hosts: Vec<String> = connector
        .smart_hosts
        .iter()
        .take(HOSTS_SHOWN)
        .map(|h| shown(h))
        .collect();
    if hosts.is_empty() {
        return tr(lang, "ui-saved-no-host");
    }
    let mut text = hosts.join(", ");
    if connector.smart_hosts.len() > HOSTS_SHOWN {
        text.push_str(", …");
    }
    text
}

fn profile_summary(lang: Lang, profile: &SavedProfile) -> String {
    let hosts = hosts_summary(lang, &profile.connector);
    let Some(saved_at) = profile.saved_at else {
        return hosts;
    };
    tr_args(
        lang,
        "ui-saved-summary",
        &[("hosts", hosts), ("when", when_text(lang, saved_at))],
    )
}
