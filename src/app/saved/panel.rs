//! The saved-connectors panel beside the form on the Connector page: the save row, the list with
//! its per-row buttons, import and export.

use eframe::egui;
use egui::{Key, RichText, TextEdit, Ui};

use super::state::{
    FormPart, HOSTS_SHOWN, MAX_PANEL_WIDTH, MIN_PANEL_WIDTH, NAME_WIDTH, PANEL_WIDTH, RowAction,
    SavedState,
};
use crate::app::action::{Action, SavedAction};
use crate::app::draft::Draft;
use crate::app::msg::SavedOutcome;
use crate::app::widgets::{icon_line, when_text};
use crate::checks::Status;
use crate::i18n::{Lang, localize, tr, tr_args};
use crate::model::Connector;
use crate::sanitize::shown;
use crate::store::profiles::SavedProfile;

impl SavedState {
    /// The saved-connectors panel, beside the form on the Connector page.
    pub fn panel_ui(&mut self, ui: &mut Ui, lang: Lang, draft: &Draft) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::Panel::right("saved-connectors")
            .resizable(true)
            .default_size(PANEL_WIDTH)
            .size_range(MIN_PANEL_WIDTH..=MAX_PANEL_WIDTH)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("saved-connectors")
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        self.saved_connectors_ui(ui, lang, draft, &mut actions)
                    });
            });
        actions
    }

    fn saved_connectors_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        draft: &Draft,
        actions: &mut Vec<Action>,
    ) {
        let frame = ui.ctx().cumulative_frame_nr();
        let shown_just_before = self.last_frame.is_some_and(|f| f + 1 >= frame);
        self.last_frame = Some(frame);
        if !shown_just_before {
            actions.push(SavedAction::Refresh.into());
        }

        ui.add_space(8.0);
        ui.heading(tr(lang, "ui-saved-title"));
        ui.label(RichText::new(tr(lang, "ui-saved-help")).weak());
        ui.add_space(6.0);
        self.saved_messages_ui(ui, lang, draft, actions);
        if self.profiles.is_some() {
            self.save_row_ui(ui, lang, draft, actions);
            ui.add_space(10.0);
            self.saved_list_ui(ui, lang, actions);
            let saved = self.list.as_ref().map_or(0, Vec::len);
            self.fleet.fleet_ui(ui, lang, saved, actions);
        } else {
            icon_line(ui, Status::Warn, tr(lang, "ui-saved-no-dir"));
        }
        ui.add_space(8.0);
        ui.separator();
        self.import_export_ui(ui, lang, actions);
    }

    fn saved_messages_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        draft: &Draft,
        actions: &mut Vec<Action>,
    ) {
        match &self.outcome {
            None => {}
            Some(SavedOutcome::Done(message)) => {
                let status = match message.id.as_str() {
                    "ui-saved-name-needed" | "ui-saved-paste-empty" | "ui-saved-import-empty" => {
                        Status::Warn
                    }
                    _ => Status::Pass,
                };
                icon_line(ui, status, localize(lang, message));
            }
            Some(SavedOutcome::Failed(err)) => icon_line(ui, Status::Fail, err.localized(lang)),
            Some(SavedOutcome::FailedWith { message, detail }) => {
                icon_line(ui, Status::Fail, localize(lang, message));
                ui.label(RichText::new(shown(detail)).weak().small());
            }
        }
        if self
            .undo
            .as_ref()
            .is_some_and(|undo| undo.loaded != FormPart::of(draft))
        {
            self.undo = None;
        }
        if self.undo.is_some() {
            let mut undo = false;
            ui.horizontal_wrapped(|ui| {
                undo = ui
                    .button(tr(lang, "ui-saved-undo"))
                    .on_hover_text(tr(lang, "ui-saved-undo-help"))
                    .clicked();
                ui.label(RichText::new(tr(lang, "ui-saved-undo-help")).weak());
            });
            if undo {
                actions.push(SavedAction::UndoLoad.into());
            }
        }
        if !self.notes.is_empty() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                icon_line(ui, Status::Warn, tr(lang, "ui-saved-notes-title"));
                for note in &self.notes {
                    ui.label(format!("• {}", localize(lang, note)));
                }
            });
        }
        if !self.problems.is_empty() {
            let mut close = false;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                icon_line(ui, Status::Warn, tr(lang, "ui-saved-problems-title"));
                for problem in &self.problems {
                    ui.label(RichText::new(problem.localized(lang)).small());
                }
                close = ui.button(tr(lang, "ui-notice-close")).clicked();
            });
            if close {
                self.problems.clear();
            }
        }
        ui.add_space(4.0);
    }

    fn save_row_ui(&mut self, ui: &mut Ui, lang: Lang, draft: &Draft, actions: &mut Vec<Action>) {
        let form_name = draft.connector.name.trim().to_string();
        let hint = if form_name.is_empty() {
            tr(lang, "ui-saved-name-hint")
        } else {
            form_name
        };
        let label = ui.label(RichText::new(tr(lang, "ui-saved-save-as")).strong());
        let field = ui
            .add(
                TextEdit::singleline(&mut self.save_name)
                    .hint_text(hint)
                    .desired_width(ui.available_width().min(NAME_WIDTH)),
            )
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let save = ui.button(tr(lang, "ui-saved-save")).clicked() || entered;
        if save {
            actions.push(
                SavedAction::Save {
                    replace_confirmed: false,
                }
                .into(),
            );
        }
        if let Some(name) = self.confirm_replace.clone() {
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
                self.save_name = name;
                actions.push(
                    SavedAction::Save {
                        replace_confirmed: true,
                    }
                    .into(),
                );
            } else if cancel {
                self.confirm_replace = None;
            }
        }
    }

    fn saved_list_ui(&mut self, ui: &mut Ui, lang: Lang, actions: &mut Vec<Action>) {
        let Some(list) = &self.list else {
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
                            &mut self.renaming,
                            self.confirm_delete.as_deref(),
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
            Some(RowAction::Load(name)) => actions.push(SavedAction::Load(name).into()),
            Some(RowAction::StartRename(name)) => {
                self.confirm_delete = None;
                self.renaming = Some((name.clone(), name));
            }
            Some(RowAction::Rename { old, new }) => {
                actions.push(SavedAction::Rename { old, new }.into())
            }
            Some(RowAction::CancelRename) => self.renaming = None,
            Some(RowAction::AskDelete(name)) => {
                self.renaming = None;
                self.confirm_delete = Some(name);
            }
            Some(RowAction::Delete(name)) => actions.push(SavedAction::Delete(name).into()),
            Some(RowAction::CancelDelete) => self.confirm_delete = None,
        }
    }

    fn import_export_ui(&mut self, ui: &mut Ui, lang: Lang, actions: &mut Vec<Action>) {
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
                    TextEdit::multiline(&mut self.paste_text)
                        .code_editor()
                        .desired_rows(6)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                paste = ui.button(tr(lang, "ui-saved-paste-import")).clicked();
            });
        if import {
            actions.push(SavedAction::ImportFile.into());
        }
        if export {
            actions.push(SavedAction::ExportCurrent.into());
        }
        if paste {
            actions.push(SavedAction::ImportPasted.into());
        }
        self.import_choices_ui(ui, lang, actions);
    }

    /// A file with several connectors: one row each, to choose the one for the form.
    fn import_choices_ui(&mut self, ui: &mut Ui, lang: Lang, actions: &mut Vec<Action>) {
        if self.choices.is_empty() {
            return;
        }
        let mut chosen = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(tr_args(
                lang,
                "ui-saved-import-choose",
                &[("count", self.choices.len().to_string())],
            ));
            for (i, item) in self.choices.iter().enumerate() {
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
            actions.push(SavedAction::Choose(i).into());
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
