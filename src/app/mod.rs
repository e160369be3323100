//! The desktop wizard (egui/eframe). The only module of the crate that draws.

use std::process::ExitCode;

/// Opens the window. Returns when the user closes it.
pub fn run_gui() -> ExitCode {
    eprintln!("the desktop wizard is not built yet");
    ExitCode::from(2)
}
