//! Results at a glance in the wizard: the host × step matrix (each cell jumps to its step's
//! card), the verdict line, the "failures only" filter and the fix-command box with its Copy
//! button. The data comes from [`crate::report::glance`] and [`crate::report::fix`]; this module
//! only draws it. Its small state (filter, jump target, what was copied) lives in egui's memory,
//! per page, so the flows' state types stay as they are.

use eframe::egui;
use egui::{Id, RichText, Ui};

use crate::app::widgets::{status_color, status_icon};
use crate::checks::{RunReport, Status, StepKind};
use crate::i18n::{Lang, tr, tr_args};
use crate::report::fix::FixCommand;
use crate::report::glance::{MatrixRow, place_text, verdict_line, verdict_line_text};
use crate::sanitize::shown;

fn filter_id() -> Id {
    Id::unique("glance-failures-only")
}

fn jump_id() -> Id {
    Id::unique("glance-jump-to-step")
}

fn copied_id() -> Id {
    Id::unique("glance-copied-command")
}

/// Is "failures only" ticked?
pub fn failures_only(ui: &Ui) -> bool {
    ui.data(|d| d.get_temp::<bool>(filter_id()).unwrap_or(false))
}

/// The verdict line under the headline: what Microsoft 365 would do.
pub fn verdict_line_ui(ui: &mut Ui, lang: Lang, report: &RunReport) {
    let line = verdict_line(report);
    let status = match line.outcome {
        crate::report::glance::Outcome::Deliver => Status::Pass,
        crate::report::glance::Outcome::DeliverUntested => Status::Warn,
        crate::report::glance::Outcome::Fail => Status::Fail,
        _ => Status::Skipped,
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(verdict_line_text(lang, &line))
                .color(status_color(ui.visuals(), status))
                .strong(),
        );
    });
}

/// The matrix: one row per host and address (failures first), one column per step; a cell is a
/// painted status icon and the status word (readable without colour) that scrolls to the step's
/// card when clicked. Then the "failures only" checkbox.
pub fn matrix_ui(ui: &mut Ui, lang: Lang, report: &RunReport, rows: &[MatrixRow]) {
    if rows.is_empty() {
        return;
    }
    ui.label(
        RichText::new(tr(lang, "glance-matrix-title"))
            .strong()
            .size(16.0),
    );
    let only = failures_only(ui);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::horizontal()
            .id_salt("glance-matrix-scroll")
            .show(ui, |ui| {
                egui::Grid::new("glance-matrix")
                    .striped(true)
                    .spacing([14.0, 4.0])
                    .show(ui, |ui| {
                        ui.label(RichText::new(tr(lang, "glance-matrix-host")).strong());
                        let columns = crate::report::glance::columns(rows);
                        for &kind in &columns {
                            ui.label(RichText::new(tr(lang, kind.label_id())).strong());
                        }
                        ui.end_row();
                        for (r, row) in rows.iter().enumerate() {
                            if only && !row.has_problem() {
                                continue;
                            }
                            let place = shown(&place_text(
                                lang,
                                row.host.as_deref(),
                                row.address.as_deref(),
                            ));
                            ui.horizontal(|ui| {
                                status_icon(ui, row.worst);
                                ui.label(RichText::new(&place).monospace());
                            });
                            for &kind in &columns {
                                match row.cell(&report.steps, kind) {
                                    Some((index, step)) => {
                                        ui.push_id(("cell", r, kind.as_str()), |ui| {
                                            cell_ui(ui, lang, index, step.status, kind, &place)
                                        });
                                    }
                                    None => {
                                        ui.label("");
                                    }
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
    });
    let mut only = only;
    if ui
        .checkbox(&mut only, tr(lang, "glance-failures-only"))
        .changed()
    {
        ui.data_mut(|d| d.insert_temp(filter_id(), only));
    }
    if only && !rows.iter().any(MatrixRow::has_problem) {
        ui.label(RichText::new(tr(lang, "glance-failures-only-none")).weak());
    }
}

fn cell_ui(ui: &mut Ui, lang: Lang, index: usize, status: Status, step: StepKind, place: &str) {
    ui.horizontal(|ui| {
        status_icon(ui, status);
        let word =
            RichText::new(tr(lang, status.label_id())).color(status_color(ui.visuals(), status));
        let word = if status == Status::Fail {
            word.strong()
        } else {
            word
        };
        let clicked = ui
            .add(egui::Button::new(word).frame(false))
            .on_hover_text(tr_args(
                lang,
                "glance-jump",
                &[
                    ("step", tr(lang, step.label_id())),
                    ("place", place.to_string()),
                ],
            ))
            .clicked();
        if clicked {
            // The step's card scrolls itself into view on the next frame (see `jump_here`).
            ui.data_mut(|d| d.insert_temp(jump_id(), index));
            ui.ctx().request_repaint();
        }
    });
}

/// Call with the response of the card of step `index`: scrolls it to the top of the page once
/// when its matrix cell was clicked.
pub fn jump_here(ui: &Ui, index: usize, card: &egui::Response) {
    let target = ui.data(|d| d.get_temp::<usize>(jump_id()));
    if target == Some(index) {
        card.scroll_to_me(Some(egui::Align::TOP));
        ui.data_mut(|d| d.remove::<usize>(jump_id()));
    }
}

/// One fix command in its own box: what it does, the command (monospace, selectable, with every
/// control character made visible) and a Copy button that copies exactly what is shown.
pub fn fix_box_ui(ui: &mut Ui, lang: Lang, fix: &FixCommand) {
    let command = shown(&fix.command);
    egui::Frame::group(ui.style())
        .fill(ui.visuals().extreme_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(tr(lang, "glance-fix-title")).strong());
                ui.label(tr(lang, &fix.purpose_id));
            });
            ui.add(egui::Label::new(RichText::new(&command).monospace()).selectable(true));
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "glance-copy")).clicked() {
                    ui.ctx().copy_text(command.clone());
                    ui.data_mut(|d| d.insert_temp(copied_id(), command.clone()));
                }
                let copied = ui.data(|d| d.get_temp::<String>(copied_id()));
                if copied.as_deref() == Some(command.as_str()) {
                    ui.label(RichText::new(tr(lang, "glance-copied")).weak());
                }
            });
        });
}
