//! What a page asks for. A page's `*_ui` function draws and edits the fields it shows; anything
//! else it wants (another page, a run started or stopped, a file dialog, work on disk) it returns
//! as an [`Action`], which `WizardApp::apply` carries out once the page is drawn — the pattern of
//! egui's demo apps and rerun's viewer, so no page reaches into the app.

use super::msg::JsonTarget;
use super::page::{Flow, Page};
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Show this page (the step indicator, Next).
    Go(Page),
    /// Open a flow at its first page (the Start page, the explainer's buttons).
    Open(Flow),
    /// Back or Esc: stops a run under way and goes one page back.
    Back,
    SetLang(Lang),
    /// The header's light / dark / follow-the-system toggle.
    SetTheme(super::draft::ThemeChoice),
    CloseNotice(usize),
    Check(CheckAction),
    Tenant(TenantAction),
    Saved(SavedAction),
}

/// The connector check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckAction {
    /// Enter or Run: runs when the form is usable, otherwise shows why not.
    TryRun,
    /// Re-run from the Results page.
    Rerun,
    /// Stop now and show what finished.
    Cancel,
    /// Browse… beside a file field of the Security page.
    PickFile(super::draft::InputFile),
    ExportReport,
    CopyMarkdown,
}

/// The 5.7.64 diagnosis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TenantAction {
    /// Enter or Run: runs when the form is usable, otherwise shows why not.
    TryRun,
    Rerun,
    Cancel,
    /// Import the JSON pasted in the form.
    ImportPasted(JsonTarget),
    /// Import a JSON file chosen in a dialog.
    PickJson(JsonTarget),
    PickLogs {
        folder: bool,
    },
    PickCertFile,
    ExportReport,
    CopyMarkdown,
}

/// The saved-connectors panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedAction {
    /// The panel is shown again after a while: read the list again (another window may have
    /// saved meanwhile).
    Refresh,
    Save {
        replace_confirmed: bool,
    },
    Load(String),
    Rename {
        old: String,
        new: String,
    },
    Delete(String),
    UndoLoad,
    ImportFile,
    ImportPasted,
    /// One connector of a file that holds several.
    Choose(usize),
    ExportCurrent,
    /// Check every saved connector at once and show the summary table.
    CheckAll,
    StopCheckAll,
}

impl From<CheckAction> for Action {
    fn from(action: CheckAction) -> Action {
        Action::Check(action)
    }
}

impl From<TenantAction> for Action {
    fn from(action: TenantAction) -> Action {
        Action::Tenant(action)
    }
}

impl From<SavedAction> for Action {
    fn from(action: SavedAction) -> Action {
        Action::Saved(action)
    }
}
