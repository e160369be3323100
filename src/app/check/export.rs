//! "Export report…" and "Copy as Markdown" on the Results page. The save dialog runs on the
//! runtime and the file is written off the UI thread; the outcome is shown in the current language.

use std::path::{Path, PathBuf};

use eframe::egui;
use egui::{RichText, Ui};

use crate::app::WizardApp;
use crate::app::msg::UiMsg;
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

/// What the export task sends back.
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

pub struct ExportState {
    ctx: egui::Context,
    status: ExportStatus,
    /// Bumped for each new run and each export, so a late answer does not overwrite a newer one.
    seq: u64,
}

impl ExportState {
    pub fn new(ctx: &egui::Context) -> ExportState {
        ExportState {
            ctx: ctx.clone(),
            status: ExportStatus::Idle,
            seq: 0,
        }
    }

    /// A new run is on the Results page: what was said about the previous one no longer applies.
    pub fn reset(&mut self) {
        self.seq += 1;
        self.status = ExportStatus::Idle;
    }

    fn busy(&self) -> bool {
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

impl WizardApp {
    /// The buttons of the Results page's bottom bar (drawn right to left, after Re-run).
    pub(in crate::app) fn report_buttons_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        if self.results.is_none() {
            return;
        }
        let busy = self.export.busy();
        let export = ui
            .add_enabled(!busy, egui::Button::new(tr(lang, "ui-export-report")))
            .on_hover_text(tr(lang, "ui-export-report-help"));
        if export.clicked() {
            self.choose_export_file();
        }
        let copy = ui
            .button(tr(lang, "ui-copy-markdown"))
            .on_hover_text(tr(lang, "ui-copy-markdown-help"));
        if copy.clicked()
            && let Some(view) = &self.results
        {
            ui.ctx()
                .copy_text(report::check_report_markdown(&view.report, lang));
            self.export.status = ExportStatus::Copied;
        }
    }

    /// Opens the save dialog on the runtime so the window keeps drawing while it is open; the
    /// chosen file is written on a blocking thread.
    pub(in crate::app) fn choose_export_file(&mut self) {
        let Some(view) = &self.results else {
            return;
        };
        let report = view.report.clone();
        let lang = self.lang;
        self.export.seq += 1;
        let seq = self.export.seq;
        self.export.status = ExportStatus::Choosing;
        let tx = self.tx.clone();
        let ctx = self.export.ctx.clone();
        let title = tr(lang, "ui-export-dialog-title");
        let file_name = report::suggested_file_name(&report, ReportFormat::Html);
        self.runtime.spawn(async move {
            let mut dialog = rfd::AsyncFileDialog::new()
                .set_title(title)
                .set_file_name(file_name);
            for format in ReportFormat::ALL {
                dialog = dialog.add_filter(format.filter_name(lang), format.extensions());
            }
            let Some(file) = dialog.save_file().await else {
                let _ = tx.send(UiMsg::Export(ExportMsg::DialogClosed { seq }));
                ctx.request_repaint();
                return;
            };
            let path = report_path(file.path());
            let _ = tx.send(UiMsg::Export(ExportMsg::Writing {
                seq,
                path: path.clone(),
            }));
            ctx.request_repaint();
            write_in_background(seq, path, report, lang, tx, ctx).await;
        });
    }

    /// Writes the report shown on the Results page to `path`, as the save dialog does with the
    /// file the person chose (the dialog cannot be driven headless: tests call this).
    pub fn export_report_to(&mut self, path: PathBuf) {
        let Some(view) = &self.results else {
            return;
        };
        let report = view.report.clone();
        self.export.seq += 1;
        let seq = self.export.seq;
        let path = report_path(&path);
        self.export.status = ExportStatus::Writing(path.clone());
        let (lang, tx, ctx) = (self.lang, self.tx.clone(), self.export.ctx.clone());
        self.runtime
            .spawn(write_in_background(seq, path, report, lang, tx, ctx));
    }

    pub(in crate::app) fn on_export_msg(&mut self, msg: ExportMsg) {
        let state = &mut self.export;
        match msg {
            ExportMsg::DialogClosed { seq } if seq == state.seq => {
                state.status = ExportStatus::Idle;
            }
            ExportMsg::Writing { seq, path } if seq == state.seq => {
                state.status = ExportStatus::Writing(path);
            }
            ExportMsg::Done { seq, path, result } if seq == state.seq => {
                state.status = match result {
                    Ok(()) => ExportStatus::Written(path),
                    Err(ExportError::Format(err)) => ExportStatus::BadFormat(err),
                    Err(ExportError::Write(problem)) => ExportStatus::Failed { path, problem },
                };
            }
            _ => {}
        }
    }
}

async fn write_in_background(
    seq: u64,
    path: PathBuf,
    report: RunReport,
    lang: Lang,
    tx: std::sync::mpsc::Sender<UiMsg>,
    ctx: egui::Context,
) {
    let target = path.clone();
    let result = tokio::task::spawn_blocking(move || write_report_file(&target, &report, lang))
        .await
        .unwrap_or_else(|err| Err(ExportError::Write(err.to_string())));
    let _ = tx.send(UiMsg::Export(ExportMsg::Done { seq, path, result }));
    ctx.request_repaint();
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
