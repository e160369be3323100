//! "Export report…" and "Copy as Markdown" on the Results page. The save dialog runs on the
//! runtime and the file is written off the UI thread; the outcome is shown in the current language.

use std::path::{Path, PathBuf};

use eframe::egui;
use egui::{RichText, Ui};

use crate::app::action::{Action, CheckAction};
use crate::app::background::Background;
use crate::app::file_dialog::{self, Chosen, PathPrompt, Purpose};
use crate::app::msg::{CheckMsg, ExportError, ExportMsg, UiMsg};
use crate::app::widgets::icon_line;
use crate::checks::{RunReport, Status};
use crate::i18n::{Lang, tr, tr_args};
use crate::report::{self, ReportFormat, UnknownReportFormat};
use crate::sanitize::shown;

/// Where the last export stands.
#[derive(Debug, Default)]
pub enum ExportStatus {
    #[default]
    Idle,
    /// The save dialog is open.
    Choosing,
    Writing(PathBuf),
    Written(PathBuf),
    /// The file name ends with no report extension.
    BadFormat(UnknownReportFormat),
    /// The write failed; the reason, in the language of the moment it failed.
    Failed {
        path: PathBuf,
        problem: String,
    },
    /// "Copy as Markdown" put the report on the clipboard.
    Copied,
}

#[derive(Debug, Default)]
pub struct ExportState {
    status: ExportStatus,
    /// Bumped for each new run and each export, so a late answer does not overwrite a newer one.
    seq: u64,
}

impl ExportState {
    /// A new run is on the Results page: what was said about the previous one no longer applies.
    pub fn reset(&mut self) {
        self.seq += 1;
        self.status = ExportStatus::Idle;
    }

    pub fn busy(&self) -> bool {
        matches!(
            self.status,
            ExportStatus::Choosing | ExportStatus::Writing(_)
        )
    }
}

/// The chosen file name, with `.html` added when it has no extension at all (the dialog's
/// filters do not add one on every desktop).
pub fn report_path(chosen: &Path) -> PathBuf {
    if chosen.extension().is_none() {
        chosen.with_extension(ReportFormat::Html.extension())
    } else {
        chosen.to_path_buf()
    }
}

/// Writes `report` to `path` in the format its extension names (atomic). Blocking.
pub fn write_report_file(path: &Path, report: &RunReport, lang: Lang) -> Result<(), ExportError> {
    ReportFormat::from_path(path).map_err(ExportError::Format)?;
    report::write_check_report(path, report, lang).map_err(ExportError::Write)
}

impl ExportState {
    /// "Copy as Markdown" put the report on the clipboard.
    pub fn copied(&mut self) {
        self.status = ExportStatus::Copied;
    }

    /// Opens the save dialog on the runtime so the window keeps drawing while it is open; the
    /// chosen file is written on a blocking thread.
    pub fn choose_file(&mut self, report: &RunReport, lang: Lang, bg: &Background) {
        let report = report.clone();
        self.seq += 1;
        let seq = self.seq;
        self.status = ExportStatus::Choosing;
        let title = tr(lang, "ui-export-dialog-title");
        let file_name = report::suggested_file_name(&report, ReportFormat::Html);
        let answer = bg.clone();
        let dialogs = bg.file_dialogs();
        bg.spawn(async move {
            let mut dialog = rfd::AsyncFileDialog::new()
                .set_title(title)
                .set_file_name(file_name.clone());
            for format in ReportFormat::ALL {
                dialog = dialog.add_filter(format.filter_name(lang), format.extensions());
            }
            let chosen = match file_dialog::choose(dialog, true, dialogs).await {
                Chosen::Path(path) => path,
                Chosen::Cancelled => {
                    answer.send(CheckMsg::Export(ExportMsg::DialogClosed { seq }));
                    return;
                }
                Chosen::NoDialog(why) => {
                    answer.send(CheckMsg::Export(ExportMsg::DialogClosed { seq }));
                    answer.send(UiMsg::NoFileDialog(PathPrompt::new(
                        Purpose::ExportReport,
                        why,
                        Some(file_name),
                    )));
                    return;
                }
            };
            let path = report_path(&chosen);
            answer.send(CheckMsg::Export(ExportMsg::Writing {
                seq,
                path: path.clone(),
            }));
            write_in_background(seq, path, report, lang, answer).await;
        });
    }

    /// Writes `report` to `path`, as the save dialog does with the file the person chose (the
    /// dialog cannot be driven headless: tests go through this).
    pub fn write_to(&mut self, path: PathBuf, report: &RunReport, lang: Lang, bg: &Background) {
        let report = report.clone();
        self.seq += 1;
        let seq = self.seq;
        let path = report_path(&path);
        self.status = ExportStatus::Writing(path.clone());
        bg.spawn(write_in_background(seq, path, report, lang, bg.clone()));
    }

    pub fn on_msg(&mut self, msg: ExportMsg) {
        match msg {
            ExportMsg::DialogClosed { seq } if seq == self.seq => {
                self.status = ExportStatus::Idle;
            }
            ExportMsg::Writing { seq, path } if seq == self.seq => {
                self.status = ExportStatus::Writing(path);
            }
            ExportMsg::Done { seq, path, result } if seq == self.seq => {
                self.status = match result {
                    Ok(()) => ExportStatus::Written(path),
                    Err(ExportError::Format(err)) => ExportStatus::BadFormat(err),
                    Err(ExportError::Write(problem)) => ExportStatus::Failed { path, problem },
                };
            }
            _ => {}
        }
    }
}

/// The buttons of the Results page's bottom bar (drawn right to left, after Re-run).
pub fn report_buttons_ui(ui: &mut Ui, lang: Lang, state: &ExportState) -> Option<Action> {
    let mut action = None;
    let export = ui
        .add_enabled(
            !state.busy(),
            egui::Button::new(tr(lang, "ui-export-report")),
        )
        .on_hover_text(tr(lang, "ui-export-report-help"));
    if export.clicked() {
        action = Some(CheckAction::ExportReport.into());
    }
    let copy = ui
        .button(tr(lang, "ui-copy-markdown"))
        .on_hover_text(tr(lang, "ui-copy-markdown-help"));
    if copy.clicked() {
        action = Some(CheckAction::CopyMarkdown.into());
    }
    action
}

async fn write_in_background(
    seq: u64,
    path: PathBuf,
    report: RunReport,
    lang: Lang,
    answer: Background,
) {
    let target = path.clone();
    let result = tokio::task::spawn_blocking(move || write_report_file(&target, &report, lang))
        .await
        .unwrap_or_else(|err| Err(ExportError::Write(err.to_string())));
    answer.send(CheckMsg::Export(ExportMsg::Done { seq, path, result }));
}

/// The outcome of the last export or copy, under the summary of the Results page.
pub fn export_status_ui(ui: &mut Ui, lang: Lang, state: &ExportState) {
    let path_arg = |path: &Path| vec![("path", shown(&path.display().to_string()))];
    match &state.status {
        ExportStatus::Idle => {}
        ExportStatus::Choosing => {
            ui.label(RichText::new(tr(lang, "ui-export-choosing")).weak());
        }
        ExportStatus::Writing(path) => {
            ui.label(RichText::new(tr_args(lang, "ui-export-writing", &path_arg(path))).weak());
        }
        ExportStatus::Written(path) => {
            icon_line(
                ui,
                Status::Pass,
                tr_args(lang, "ui-export-written", &path_arg(path)),
            );
        }
        ExportStatus::BadFormat(err) => icon_line(ui, Status::Fail, err.message(lang)),
        ExportStatus::Failed { path, problem } => {
            icon_line(
                ui,
                Status::Fail,
                tr_args(lang, "ui-export-failed", &path_arg(path)),
            );
            ui.label(RichText::new(shown(problem)).weak());
        }
        ExportStatus::Copied => icon_line(ui, Status::Pass, tr(lang, "ui-copy-done")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_extension_becomes_html_and_others_are_kept() {
        assert_eq!(
            report_path(Path::new("/tmp/ticket-123")),
            PathBuf::from("/tmp/ticket-123.html")
        );
        assert_eq!(
            report_path(Path::new("/tmp/ticket.MD")),
            PathBuf::from("/tmp/ticket.MD")
        );
        assert_eq!(
            report_path(Path::new("/tmp/ticket.txt")),
            PathBuf::from("/tmp/ticket.txt")
        );
    }
}
