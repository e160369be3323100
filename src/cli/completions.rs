//! `connector-doctor completions SHELL` and the hidden `connector-doctor man`: the shell
//! completion scripts and the man page, generated from the same clap definitions as `--help`, so
//! they can never list an option the binary does not have.
//!
//! Both are built into the binary rather than into a separate generator program: clap_complete
//! and clap_mangen (with roff) are small, pure-Rust crates that add seconds to a cold build, and a
//! packager (`assets/packaging/build-deb.sh`) or a technician then needs nothing but the binary
//! itself (`connector-doctor completions bash > …`). The `man` subcommand is hidden from `--help`:
//! a technician reads the man page, they do not make it.

use clap::{CommandFactory, ValueEnum};

use super::{Cli, out};
use crate::exit::{EXIT_INPUT, EXIT_PASS};

/// The shells a completion script is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
    #[value(name = "powershell")]
    PowerShell,
}

impl ShellArg {
    fn shell(self) -> clap_complete::Shell {
        match self {
            ShellArg::Bash => clap_complete::Shell::Bash,
            ShellArg::Zsh => clap_complete::Shell::Zsh,
            ShellArg::Fish => clap_complete::Shell::Fish,
            ShellArg::PowerShell => clap_complete::Shell::PowerShell,
        }
    }
}

/// The completion script for `shell`, as text.
pub fn completion_script(shell: ShellArg) -> Vec<u8> {
    let mut command = Cli::command();
    let name = command.get_name().to_owned();
    let mut script = Vec::new();
    clap_complete::generate(shell.shell(), &mut command, name, &mut script);
    script
}

/// The man page (section 1, roff).
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    Ok(page)
}

/// `completions SHELL`: prints the script on stdout.
pub fn run_completions(shell: ShellArg) -> u8 {
    out::finish(
        out::generated(&completion_script(shell)),
        EXIT_PASS,
        "completions",
    )
}

/// `man`: prints the man page on stdout.
pub fn run_man() -> u8 {
    match man_page() {
        Ok(page) => out::finish(out::generated(&page), EXIT_PASS, "man"),
        Err(e) => {
            out::error(&format!("man: {e}"));
            EXIT_INPUT
        }
    }
}
