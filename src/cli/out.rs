//! The one way the command line writes: every text goes through the sanitizer on its way to the
//! terminal, and a reader that stops early (`| head -c1`) ends the program quietly.
//!
//! - [`text`] writes the human-readable output to stdout with [`sanitize::visible_lines`]: line
//!   breaks stay, every other control (ESC, lone CR…) and every bidi or invisible character is
//!   shown — whatever a server, a certificate, a log or an argument put into it. Values that
//!   could carry a line break of their own are also passed through [`sanitize::shown`] where they
//!   are placed, so no foreign text can fake a line.
//! - [`json`] writes a versioned JSON document rendered by `report` (serde_json escapes controls
//!   and [`sanitize::json_escape_hidden`] the bidi and invisible characters there), so the data is
//!   exact and the terminal untouched.
//! - [`error`] writes to stderr the same way; a failure to write there is ignored (there is no
//!   one left to tell).
//!
//! `println!` panics when stdout is a closed pipe. Here a closed pipe (`BrokenPipe`) is a normal
//! end, as in ripgrep: nothing more is written and the exit status is what the run decided. Any
//! other write failure (a full disk behind `> file`) is an error the caller turns into exit 2.

use std::io::{self, Write};

use crate::sanitize;

/// Why stdout could not take the output.
#[derive(Debug)]
pub enum WriteFailure {
    /// The reader went away (`| head`): stop writing, quietly.
    Closed,
    /// Any other failure: worth an error message and a non-zero exit.
    Failed(io::Error),
}

impl From<io::Error> for WriteFailure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            WriteFailure::Closed
        } else {
            WriteFailure::Failed(e)
        }
    }
}

fn write_stdout(bytes: &[u8]) -> Result<(), WriteFailure> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(())
}

/// Human-readable output on stdout, made safe for a terminal.
pub fn text(text: &str) -> Result<(), WriteFailure> {
    write_stdout(sanitize::visible_lines(text).as_bytes())
}

/// A JSON document on stdout, as the report writer rendered it (`report::render_*` with
/// [`crate::report::ReportFormat::Json`], `report::explain_json`): pretty-printed, one final
/// newline, hidden characters already escaped — byte for byte what a `.json` report holds.
pub fn json(document: &str) -> Result<(), WriteFailure> {
    write_stdout(document.as_bytes())
}

/// A document generated from this program's own definitions (a shell completion script, the man
/// page): no foreign text in it, so it is written byte for byte — a tab in a zsh script stays a tab.
pub fn generated(document: &[u8]) -> Result<(), WriteFailure> {
    write_stdout(document)
}

/// One line on stderr (a newline is added), made safe for a terminal.
pub fn error(line: &str) {
    let mut text = sanitize::visible_lines(line).into_owned();
    text.push('\n');
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// A progress line on stderr that replaces the previous one (only used when stderr is a
/// terminal). The erase sequence is ours; the text is sanitized.
pub fn progress(line: &str) {
    let text = format!("\r\x1b[2K{}", sanitize::visible(line));
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}

/// Erases the progress line.
pub fn progress_done() {
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(b"\r\x1b[2K");
    let _ = stderr.flush();
}

/// The exit status after writing the output: `status` when it was written or the reader closed
/// the pipe, [`crate::exit::EXIT_INPUT`] (with a message) when writing failed otherwise.
pub fn finish(written: Result<(), WriteFailure>, status: u8, error_prefix: &str) -> u8 {
    match written {
        Ok(()) | Err(WriteFailure::Closed) => status,
        Err(WriteFailure::Failed(e)) => {
            error(&format!("{error_prefix}: {e}"));
            crate::exit::EXIT_INPUT
        }
    }
}
