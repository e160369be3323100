use std::process::ExitCode;

use connector_doctor::cli::{self, Command};

/// No subcommand (or `gui`) opens the wizard; anything else is a command-line run.
fn main() -> ExitCode {
    match cli::parse() {
        Err(code) => code,
        Ok(None | Some(Command::Gui)) => gui(),
        Ok(Some(command)) => cli::run(command),
    }
}

#[cfg(feature = "gui")]
fn gui() -> ExitCode {
    connector_doctor::app::run_gui()
}

/// Built without the `gui` feature: there is no wizard to open.
#[cfg(not(feature = "gui"))]
fn gui() -> ExitCode {
    cli::no_gui()
}
