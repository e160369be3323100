//! The file dialogs (rfd), and the path field inside the wizard that stands in for them where no
//! dialog opens: a Linux desktop without a file-chooser portal and without zenity gets `None`
//! back from rfd at once, exactly as if the person had pressed Cancel.
//!
//! A dialog is not tried when it cannot open (no session bus for the portal and no zenity on
//! the `PATH`), and a dialog that comes back empty faster than a person can look at it
//! ([`QUICK_CLOSE`]) is taken as one that never opened. Either way the app shows the path field
//! with the default folder filled in and says which happened (a [`PathPrompt`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;
use egui::{Id, RichText, TextEdit, Ui};

use super::widgets::{focus_if_first_field, help, icon_line, section_label};
use crate::checks::Status;
use crate::i18n::{Lang, tr, tr_args};

/// A dialog that answers "nothing chosen" sooner than this did not really open: nobody reads a
/// file dialog and cancels it in under a second.
pub const QUICK_CLOSE: Duration = Duration::from_millis(800);

/// What a file is asked for; the app carries it out with the path typed in the fallback field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A file field of the Security page (the extra CA file, the DNSSEC trust anchors, the next
    /// certificate).
    InputFile(super::draft::InputFile),
    /// "Export report…" on the Results page.
    ExportReport,
    /// "Import a connector…" beside the Connector page.
    ImportConnector,
    /// "Export this connector…" beside the Connector page.
    ExportConnector,
}

impl Purpose {
    fn title_id(self) -> &'static str {
        match self {
            Purpose::InputFile(file) => file.path_title_id(),
            Purpose::ExportReport => "ui-path-title-export-report",
            Purpose::ImportConnector => "ui-path-title-import-connector",
            Purpose::ExportConnector => "ui-path-title-export-connector",
        }
    }
}

/// Why the path field is shown instead of a dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoDialog {
    /// Nothing on this desktop can show one (no session bus for the portal, no zenity).
    Unavailable,
    /// The dialog came back empty at once: it did not open (or was closed straight away).
    ClosedAtOnce,
}

/// How a dialog ended.
pub enum Chosen {
    Path(PathBuf),
    /// The person closed it without choosing.
    Cancelled,
    NoDialog(NoDialog),
}

/// Whether a file dialog can open at all here. Windows and macOS always have one; elsewhere rfd
/// asks the XDG desktop portal over the session bus, then runs zenity.
pub fn dialog_can_open(
    session_bus: Option<&std::ffi::OsStr>,
    path: Option<&std::ffi::OsStr>,
) -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let has_bus = session_bus.is_some_and(|bus| !bus.is_empty());
    let has_zenity = path
        .is_some_and(|path| std::env::split_paths(path).any(|dir| dir.join("zenity").is_file()));
    has_bus || has_zenity
}

/// Shows `dialog` (an open dialog, or a save dialog with `save`) unless it cannot open here, or
/// the app was built with dialogs off (tests).
pub async fn choose(dialog: rfd::AsyncFileDialog, save: bool, enabled: bool) -> Chosen {
    let can_open = enabled
        && dialog_can_open(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").as_deref(),
            std::env::var_os("PATH").as_deref(),
        );
    if !can_open {
        return Chosen::NoDialog(NoDialog::Unavailable);
    }
    let opened = Instant::now();
    let file = if save {
        dialog.save_file().await
    } else {
        dialog.pick_file().await
    };
    match file {
        Some(file) => Chosen::Path(file.path().to_path_buf()),
        None if opened.elapsed() < QUICK_CLOSE => Chosen::NoDialog(NoDialog::ClosedAtOnce),
        None => Chosen::Cancelled,
    }
}

/// The folder a dialog would start in: the person's documents folder, else their home.
pub fn default_folder() -> PathBuf {
    directories::UserDirs::new()
        .map(|dirs| {
            dirs.document_dir()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dirs.home_dir().to_path_buf())
        })
        .unwrap_or_default()
}

impl PathPrompt {
    /// The path field for `purpose`, filled with `suggested` (a file name for a save, nothing
    /// for an open) in the default folder.
    pub fn new(purpose: Purpose, why: NoDialog, suggested: Option<String>) -> PathPrompt {
        let folder = default_folder();
        let text = match suggested {
            Some(name) => folder.join(name),
            None => folder.join(""),
        };
        PathPrompt {
            purpose,
            why,
            folder: folder.display().to_string(),
            text: text.display().to_string(),
        }
    }
}

/// The path field shown in place of a dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPrompt {
    pub purpose: Purpose,
    pub why: NoDialog,
    /// The default folder, shown under the field.
    pub folder: String,
    /// The path as typed.
    pub text: String,
}

/// What the person did with the path field this frame.
pub enum PromptAnswer {
    Use(Purpose, PathBuf),
    Cancel,
}

/// Draws the path field (it takes the focus when it appears: see `WizardApp::drain_messages`).
pub fn prompt_ui(ui: &mut Ui, lang: Lang, prompt: &mut PathPrompt) -> Option<PromptAnswer> {
    let mut answer = None;
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let why = match prompt.why {
                NoDialog::Unavailable => "ui-path-no-dialog",
                NoDialog::ClosedAtOnce => "ui-path-dialog-closed",
            };
            icon_line(ui, Status::Warn, tr(lang, why));
            let label = section_label(ui, tr(lang, prompt.purpose.title_id()));
            let id = Id::unique("file-path-prompt");
            let response = ui
                .add(
                    TextEdit::singleline(&mut prompt.text)
                        .id(id)
                        .desired_width(ui.available_width().min(560.0)),
                )
                .labelled_by(label.id);
            focus_if_first_field(ui, &response);
            help(
                ui,
                tr_args(
                    lang,
                    "ui-path-default-folder",
                    &[("folder", prompt.folder.clone())],
                ),
            );
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let path = prompt.text.trim();
                let ok = ui.add_enabled(
                    !path.is_empty(),
                    egui::Button::new(RichText::new(tr(lang, "ui-path-use")).strong()),
                );
                if (ok.clicked() || entered) && !path.is_empty() {
                    answer = Some(PromptAnswer::Use(prompt.purpose, PathBuf::from(path)));
                }
                if ui.button(tr(lang, "ui-path-cancel")).clicked() {
                    answer = Some(PromptAnswer::Cancel);
                }
            });
        });
    ui.add_space(8.0);
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    fn no_session_bus_and_no_zenity_means_no_dialog() {
        let empty = tempfile::tempdir().expect("dir");
        let path = std::env::join_paths([empty.path()]).expect("path");
        let path = path.as_os_str();
        assert!(!dialog_can_open(None, Some(path)));
        assert!(dialog_can_open(
            Some("unix:path=/run/bus".as_ref()),
            Some(path)
        ));
        std::fs::write(empty.path().join("zenity"), "").expect("zenity");
        assert!(dialog_can_open(None, Some(path)));
    }
}
