// On Windows the program is a GUI program, so double-clicking it opens no console window beside
// the wizard; the command line attaches to the console it was started from (below).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use connector_doctor::cli::{self, Command};

/// No subcommand (or `gui`) opens the wizard; anything else is a command-line run.
fn main() -> ExitCode {
    attach_parent_console();
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

/// A Windows GUI program has no console: when it was started from one (cmd, PowerShell), attach
/// to it so that the command line's output, `--help` and errors are printed there. Started from
/// Explorer there is no parent console and nothing happens. Output redirected to a file or a pipe
/// already has its handles and keeps them.
#[cfg(windows)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id and touches no memory of ours; failing (no parent
    // console, or one already attached) is the normal case for a double-click.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_parent_console() {}
