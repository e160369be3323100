//! `check --watch SECS --until-pass` (re-run until green, Ctrl-C) and `check --all-profiles`
//! (every saved connector at once, one summary table), run as a user runs them.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use connector_doctor::model::Connector;
use connector_doctor::store::profiles::Profiles;
use serde_json::Value;

use crate::support::cli::{DOMAIN, MAILBOX, binary, closed_port, smart_host_args, strings};
use crate::support::schema::Schema;
use crate::support::{FakeSmtp, Greeting, SmtpBehavior};

/// No run here may take longer; the child is killed and the test fails.
const LIMIT: Duration = Duration::from_secs(60);

/// The binary with a private home, its output collected as it comes.
struct Running {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
    started: Instant,
}

fn spawn(home: &Path, args: &[String]) -> Running {
    let mut child = Command::new(binary())
        .args(args)
        .env("CONNECTOR_DOCTOR_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start connector-doctor");
    let collect = |mut pipe: Box<dyn Read + Send>| {
        let text = Arc::new(Mutex::new(String::new()));
        let sink = text.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut t) = sink.lock() {
                    t.push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            }
        });
        text
    };
    let stdout = collect(Box::new(child.stdout.take().expect("stdout")));
    let stderr = collect(Box::new(child.stderr.take().expect("stderr")));
    Running {
        child,
        stdout,
        stderr,
        started: Instant::now(),
    }
}

impl Running {
    fn stdout(&self) -> String {
        self.stdout.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn dump(&self) -> String {
        let stderr = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        format!("stdout:\n{}\nstderr:\n{stderr}", self.stdout())
    }

    /// Waits (at most [`LIMIT`] from the start) until stdout contains `needle`.
    fn wait_for(&mut self, needle: &str) {
        while !self.stdout().contains(needle) {
            if self.started.elapsed() > LIMIT || matches!(self.child.try_wait(), Ok(Some(_))) {
                let _ = self.child.kill();
                panic!("never printed {needle:?}\n{}", self.dump());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The exit status, once the process ended (killed after [`LIMIT`]).
    fn finish(&mut self) -> i32 {
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the readers take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.code().unwrap_or(-1);
            }
            if self.started.elapsed() > LIMIT {
                let _ = self.child.kill();
                panic!("still running after {LIMIT:?}: killed\n{}", self.dump());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `check` of 127.0.0.1:`port` every 2 s, in English, then `extra`.
fn watch_args(port: u16, extra: &[&str]) -> Vec<String> {
    let mut args = strings(&["check"]);
    args.extend(smart_host_args(&format!("127.0.0.1:{port}")));
    args.extend(strings(&["--lang", "en", "--watch", "2"]));
    args.extend(strings(extra));
    args
}

/// Nothing listens when the watch starts (round 1 fails with connect.refused); the fake server
/// comes up on that port mid-run; a later round passes and the watch stops with exit 0.
#[test]
fn watch_until_pass_turns_green_when_the_listener_comes_up_mid_run() {
    let home = tempfile::tempdir().expect("home");
    let port = closed_port();
    let mut running = spawn(home.path(), &watch_args(port, &["--until-pass"]));
    running.wait_for("== Round 1");
    assert!(
        running.stdout().contains("connect.refused"),
        "{}",
        running.dump()
    );
    let server = FakeSmtp::start_on(([127, 0, 0, 1], port).into(), SmtpBehavior::default());
    let status = running.finish();
    let out = running.stdout();
    assert_eq!(status, 0, "{}", running.dump());
    assert!(
        out.lines()
            .any(|l| l.starts_with("== Round 1 (") && l.contains("): failed")),
        "{}",
        running.dump()
    );
    assert!(out.contains("Turned green at round"), "{}", running.dump());
    // The round that turned green shows what changed since the round before (fail → pass).
    assert!(
        out.contains("Changes since the previous round"),
        "{}",
        running.dump()
    );
    assert!(server.connections() >= 1);
    // Only the last round is kept in the history.
    let history = home.path().join("data").join("history");
    let kept = std::fs::read_dir(&history).map(|d| d.count()).unwrap_or(0);
    assert_eq!(kept, 1, "history in {}", history.display());
}

/// Ctrl-C (SIGINT) stops the watch; the last round failed, so the exit is not 0.
#[cfg(unix)]
#[test]
fn watch_stops_on_ctrl_c_with_a_failing_exit() {
    let home = tempfile::tempdir().expect("home");
    let port = closed_port();
    let mut running = spawn(home.path(), &watch_args(port, &[]));
    running.wait_for("== Round 2");
    let pid = running.child.id().to_string();
    let killed = Command::new("kill").args(["-INT", &pid]).status();
    assert!(killed.is_ok_and(|s| s.success()), "kill -INT {pid}");
    let status = running.finish();
    assert_eq!(status, 1, "{}", running.dump());
    assert!(
        running.dump().contains("Stopped after"),
        "{}",
        running.dump()
    );
}

/// Each round after the first compares with the round before, and says so: the heading said
/// "since the last run" (the history's wording) although the comparison was between rounds.
#[cfg(unix)]
#[test]
fn watch_rounds_say_since_the_previous_round_not_since_the_last_run() {
    let home = tempfile::tempdir().expect("home");
    let port = closed_port();
    let mut running = spawn(home.path(), &watch_args(port, &[]));
    running.wait_for("since the previous round");
    let pid = running.child.id().to_string();
    let killed = Command::new("kill").args(["-INT", &pid]).status();
    assert!(killed.is_ok_and(|s| s.success()), "kill -INT {pid}");
    running.finish();
    let out = running.stdout();
    // Round 2 failed like round 1: nothing changed between them.
    assert!(
        out.contains("Nothing changed since the previous round"),
        "{}",
        running.dump()
    );
    assert!(!out.contains("since the last run"), "{}", running.dump());
}

fn save(home: &Path, name: &str, host: &str) {
    let connector = Connector {
        name: name.to_string(),
        smart_hosts: vec![host.to_string()],
        recipient_domains: vec![DOMAIN.to_string()],
        test_address: MAILBOX.to_string(),
        ..Connector::default()
    };
    Profiles::in_dir(home.join("config").join("profiles"))
        .save(name, &connector)
        .expect("save a connector");
}

/// Three saved connectors — one good, one silent, one closed — in one run: one row each, the
/// first failure named, exit 1; the JSON follows its published schema.
#[test]
fn all_profiles_prints_one_row_per_connector_and_fails_if_any_fails() {
    let home = tempfile::tempdir().expect("home");
    let good = FakeSmtp::start(SmtpBehavior::default());
    let silent = FakeSmtp::start(SmtpBehavior {
        greeting: Greeting::Silent,
        ..SmtpBehavior::default()
    });
    save(home.path(), "Good", &good.host_arg());
    save(home.path(), "Silent", &silent.host_arg());
    save(
        home.path(),
        "Closed",
        &format!("127.0.0.1:{}", closed_port()),
    );
    let args = strings(&[
        "check",
        "--all-profiles",
        "--timeout",
        "2",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let mut running = spawn(home.path(), &args);
    let status = running.finish();
    assert_eq!(status, 1, "{}", running.dump());
    let doc: Value = serde_json::from_str(running.stdout().trim())
        .unwrap_or_else(|e| panic!("not JSON ({e})\n{}", running.dump()));
    Schema::AllProfiles.assert_valid(&doc);
    assert_eq!(doc["verdict"], "fail");
    assert_eq!(doc["counts"]["connectors"], 3);
    assert_eq!(doc["counts"]["passed"], 1);
    let row = |name: &str| -> Value {
        doc["connectors"]
            .as_array()
            .and_then(|rows| rows.iter().find(|r| r["name"] == name).cloned())
            .unwrap_or_else(|| panic!("no row {name}\n{doc:#}"))
    };
    assert_eq!(row("Good")["verdict"], "pass");
    assert_eq!(row("Good")["first_failure"], Value::Null);
    assert_eq!(row("Silent")["verdict"], "fail");
    assert_eq!(row("Silent")["first_failure"]["code"], "ehlo.no-banner");
    assert_eq!(row("Closed")["first_failure"]["code"], "connect.refused");
    assert_eq!(row("Closed")["first_failure"]["step"], "connect");
    // Every run went to the history, as single checks do.
    let history = home.path().join("data").join("history");
    let kept = std::fs::read_dir(&history).map(|d| d.count()).unwrap_or(0);
    assert_eq!(kept, 3, "history in {}", history.display());
}

/// The text table, in French: a header, one line per connector, the totals.
#[test]
fn all_profiles_text_table_in_french() {
    let home = tempfile::tempdir().expect("home");
    let good = FakeSmtp::start(SmtpBehavior::default());
    save(home.path(), "Contoso sur site", &good.host_arg());
    save(
        home.path(),
        "Fabrikam",
        &format!("127.0.0.1:{}", closed_port()),
    );
    let args = strings(&[
        "check",
        "--all-profiles",
        "--timeout",
        "2",
        "--lang",
        "fr",
        "--no-history",
    ]);
    let mut running = spawn(home.path(), &args);
    assert_eq!(running.finish(), 1, "{}", running.dump());
    let out = running.stdout();
    assert!(out.contains("Premier échec"), "{out}");
    let fabrikam = out
        .lines()
        .find(|l| l.starts_with("Fabrikam"))
        .unwrap_or_else(|| panic!("no Fabrikam line\n{out}"));
    assert!(
        fabrikam.contains("ÉCHEC") && fabrikam.contains("connect.refused"),
        "{fabrikam}"
    );
    let contoso = out
        .lines()
        .find(|l| l.starts_with("Contoso sur site"))
        .unwrap_or_else(|| panic!("no Contoso line\n{out}"));
    assert!(contoso.contains("RÉUSSI"), "{contoso}");
    assert!(out.contains("2 connecteurs"), "{out}");
}

/// No saved connector: exit 2 with a message naming the folder, nothing checked.
#[test]
fn all_profiles_without_saved_connectors_is_an_input_error() {
    let home = tempfile::tempdir().expect("home");
    let mut running = spawn(
        home.path(),
        &strings(&["check", "--all-profiles", "--lang", "en"]),
    );
    assert_eq!(running.finish(), 2, "{}", running.dump());
    assert!(
        running.dump().contains("no saved connector"),
        "{}",
        running.dump()
    );
}
