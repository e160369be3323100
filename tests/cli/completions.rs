//! `connector-doctor completions SHELL` and the hidden `connector-doctor man`: generated from the
//! clap definitions, so each must list the real subcommands, and the scripts must be valid for
//! their shell.

use std::process::{Command, Output};

/// The subcommands every generated document must mention.
const SUBCOMMANDS: &[&str] = &["check", "tenant-attribution", "explain", "completions"];

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_connector-doctor"))
        .args(args)
        .output()
        .expect("runs")
}

fn completions(shell: &str) -> String {
    let out = run(&["completions", shell]);
    assert!(
        out.status.success(),
        "completions {shell}: {:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the script is UTF-8")
}

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = completions(shell);
        assert!(script.len() > 200, "{shell}: script too short:\n{script}");
        for sub in SUBCOMMANDS {
            assert!(
                script.contains(sub),
                "{shell}: `{sub}` missing from the script"
            );
        }
        assert!(
            script.contains("tls-domain"),
            "{shell}: the options of `check` are missing"
        );
    }
}

#[test]
fn bash_script_passes_bash_syntax_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("connector-doctor.bash");
    std::fs::write(&path, completions("bash")).expect("write script");
    let out = Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn unknown_shell_is_bad_input() {
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("tcsh"));
}

#[test]
fn help_lists_completions_but_not_the_man_generator() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("completions"), "{help}");
    assert!(
        !help.lines().any(|l| l.trim_start().starts_with("man ")),
        "the man generator should be hidden:\n{help}"
    );
}

#[test]
fn man_page_has_name_synopsis_and_subcommands() {
    let out = run(&["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).expect("the page is UTF-8");
    assert!(
        page.starts_with(".ie") || page.contains(".TH connector-doctor 1"),
        "{page}"
    );
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "`{section}` missing:\n{page}");
    }
    // roff writes a hyphen as `\-`.
    let page = page.replace("\\-", "-");
    for sub in SUBCOMMANDS {
        assert!(page.contains(sub), "`{sub}` missing from the man page");
    }
}

/// `man -l` renders the page without a warning (man-db is installed by `.ci/run`).
#[test]
fn man_page_renders_with_man() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("connector-doctor.1");
    std::fs::write(&path, run(&["man"]).stdout).expect("write page");
    let out = Command::new("man")
        .arg("-l")
        .arg(&path)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("`man` is installed (.ci/run installs man-db)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "man -l: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("NAME") && text.contains("SYNOPSIS"), "{text}");
    assert!(text.contains("tenant-attribution"), "{text}");
}
