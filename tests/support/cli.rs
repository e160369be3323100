//! Runs the real `connector-doctor` binary with a hard time limit and reads its JSON output.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::schema::Schema;

/// No single run may take longer than this; the child is killed and the test fails.
pub const HARD_LIMIT: Duration = Duration::from_secs(120);

/// The binary under test; `CONNECTOR_DOCTOR_BIN` overrides it (e.g. a copy built elsewhere).
pub fn binary() -> PathBuf {
    match std::env::var_os("CONNECTOR_DOCTOR_BIN") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_connector-doctor")),
    }
}

/// A private home for the child (history, settings) so tests never touch the user's files.
fn home() -> &'static tempfile::TempDir {
    static HOME: OnceLock<tempfile::TempDir> = OnceLock::new();
    HOME.get_or_init(|| {
        super::pki::sweep_stale_dirs("connector-doctor-home-");
        tempfile::Builder::new()
            .prefix("connector-doctor-home-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("temporary home")
    })
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    /// Exit status (None when killed by a signal).
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    /// Peak resident memory of the child seen in /proc (kB), 0 if never read.
    pub peak_rss_kb: u64,
}

/// `connector-doctor check ARGS` (nothing added).
pub fn check_raw<S: AsRef<str>>(args: &[S]) -> Run {
    let mut full = vec!["check".to_string()];
    full.extend(args.iter().map(|a| a.as_ref().to_string()));
    run_binary(&full)
}

/// `connector-doctor check ARGS --format json --lang en`, unless ARGS already set them.
pub fn check_json<S: AsRef<str>>(args: &[S]) -> Run {
    let mut full: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    if !full.contains(&"--format") {
        full.extend(["--format", "json"]);
    }
    if !full.contains(&"--lang") {
        full.extend(["--lang", "en"]);
    }
    check_raw(&full)
}

/// The recipient domain and test address of `check` runs against the loopback rig.
pub const DOMAIN: &str = "contoso.test";
pub const MAILBOX: &str = "user@contoso.test";

/// Owned copies, for argument lists that tests then extend.
pub fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The smart-host route to `host`: `--host HOST --recipient-domain contoso.test
/// --test-address user@contoso.test --timeout 5`.
pub fn smart_host_args(host: &str) -> Vec<String> {
    strings(&[
        "--host",
        host,
        "--recipient-domain",
        DOMAIN,
        "--test-address",
        MAILBOX,
        "--timeout",
        "5",
    ])
}

/// The `UseMXRecord` route: the MX hosts of contoso.test as `dns` answers, each reached on
/// `port` (`--dns-server DNS --mx-port PORT --recipient-domain contoso.test --test-address
/// user@contoso.test --timeout 5`).
pub fn mx_route_args(dns: &super::FakeDns, port: u16) -> Vec<String> {
    strings(&[
        "--dns-server",
        &dns.server_arg(),
        "--mx-port",
        &port.to_string(),
        "--recipient-domain",
        DOMAIN,
        "--test-address",
        MAILBOX,
        "--timeout",
        "5",
    ])
}

/// `args` then `--tls SETTING`.
pub fn with_tls(mut args: Vec<String>, setting: &str) -> Vec<String> {
    args.extend(strings(&["--tls", setting]));
    args
}

/// `args` then `--ca-file` with the test root, so the rig's certificates chain to a trusted CA.
pub fn with_ca(mut args: Vec<String>) -> Vec<String> {
    args.push("--ca-file".into());
    args.push(super::pki().ca_file().display().to_string());
    args
}

/// `args` with the value of its `--timeout` replaced by `secs`.
pub fn with_timeout(mut args: Vec<String>, secs: &str) -> Vec<String> {
    let pos = args
        .iter()
        .position(|a| a == "--timeout")
        .expect("timeout arg");
    args[pos + 1] = secs.into();
    args
}

/// `args` then `--no-history`: the run leaves nothing in the private home's history.
pub fn without_history(mut args: Vec<String>) -> Vec<String> {
    args.push("--no-history".into());
    args
}

pub fn run_binary(args: &[String]) -> Run {
    let home = home().path();
    let started = Instant::now();
    let mut child = Command::new(binary())
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("NO_COLOR", "1")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start connector-doctor");
    let pid = child.id();
    let mut out_pipe = child.stdout.take().expect("stdout pipe");
    let mut err_pipe = child.stderr.take().expect("stderr pipe");
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out_pipe.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err_pipe.read_to_end(&mut s);
        s
    });
    let mut peak_rss_kb = 0;
    let status = loop {
        if let Some(kb) = peak_rss(pid) {
            peak_rss_kb = peak_rss_kb.max(kb);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => panic!("waiting for connector-doctor: {e}"),
        }
        if started.elapsed() > HARD_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "connector-doctor {:?} still running after {:?}: killed",
                args, HARD_LIMIT
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    // Shown with --nocapture: the figures behind the timing assertions.
    eprintln!(
        "connector-doctor {}: exit {:?} in {} ms, peak RSS {} kB",
        args.join(" "),
        status.code(),
        elapsed.as_millis(),
        peak_rss_kb
    );
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    Run {
        args: args.to_vec(),
        status: status.code(),
        stdout,
        stderr,
        elapsed,
        peak_rss_kb,
    }
}

fn peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

impl Run {
    fn context(&self) -> String {
        format!(
            "args: {:?}\nexit: {:?} after {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args, self.status, self.elapsed, self.stdout, self.stderr
        )
    }

    /// The JSON object printed on stdout, checked against the published schema of the
    /// subcommand that printed it (every JSON a test reads is a schema test).
    pub fn json(&self) -> Value {
        let json: Value = serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("stdout is not one JSON object ({e})\n{}", self.context()));
        let schema = if self.args.iter().any(|a| a == "--all-profiles") {
            Some(Schema::AllProfiles)
        } else {
            self.args.first().and_then(|s| Schema::of_subcommand(s))
        };
        if let Some(schema) = schema {
            let errors = schema.errors(&json);
            assert!(
                errors.is_empty(),
                "stdout does not follow {}:\n{}\n{}",
                schema.file_name(),
                errors.join("\n"),
                self.context()
            );
        }
        json
    }

    pub fn steps(&self) -> Vec<Value> {
        match self.json().get("steps") {
            Some(Value::Array(steps)) => steps.clone(),
            _ => panic!("no `steps` array\n{}", self.context()),
        }
    }

    /// Steps of one kind (`resolve`, `connect`, `ehlo`, `tls`, `test-email`).
    pub fn steps_of(&self, kind: &str) -> Vec<Value> {
        self.steps()
            .into_iter()
            .filter(|s| s["step"] == kind)
            .collect()
    }

    pub fn expect_status(&self, code: i32) -> &Run {
        assert_eq!(
            self.status,
            Some(code),
            "unexpected exit status\n{}",
            self.context()
        );
        self
    }

    pub fn expect_verdict(&self, verdict: &str) -> &Run {
        assert_eq!(
            self.json()["verdict"],
            verdict,
            "unexpected verdict\n{}",
            self.context()
        );
        self
    }

    /// The first step of that kind with that status and code (`None` = JSON null); panics with
    /// the whole output when there is none.
    pub fn expect_step(&self, kind: &str, status: &str, code: Option<&str>) -> Value {
        let wanted_code = code.map_or(Value::Null, |c| Value::String(c.to_string()));
        self.steps()
            .into_iter()
            .find(|s| s["step"] == kind && s["status"] == status && s["code"] == wanted_code)
            .unwrap_or_else(|| {
                panic!(
                    "no `{kind}` step with status `{status}` and code {wanted_code}\n{}",
                    self.context()
                )
            })
    }

    /// Asserts no step failed or warned, i.e. everything passed — except the one warning every
    /// test on loopback gets: `resolve.private-address` (Microsoft 365 cannot reach 127.0.0.1 or
    /// ::1; the engine says so, and the test servers can only listen there).
    pub fn expect_all_pass(&self) -> &Run {
        for step in self.steps() {
            if step["step"] == "resolve"
                && step["status"] == "warn"
                && step["code"] == "resolve.private-address"
            {
                continue;
            }
            assert_eq!(
                step["status"],
                "pass",
                "step {} is not pass\n{}",
                step["step"],
                self.context()
            );
        }
        self
    }

    /// Asserts `actual == expected` (a field of this run's JSON), showing the whole run when not.
    #[track_caller]
    pub fn expect_value(&self, actual: &Value, expected: impl Into<Value>) -> &Run {
        assert_eq!(*actual, expected.into(), "{}", self.context());
        self
    }

    /// Asserts that the detail of `step` (a step of this run) contains every one of `needles`,
    /// showing the whole run when not; returns the detail.
    #[track_caller]
    pub fn expect_detail(&self, step: &Value, needles: &[&str]) -> String {
        let detail = step["detail"].as_str().unwrap_or_default();
        let missing: Vec<&&str> = needles.iter().filter(|n| !detail.contains(**n)).collect();
        assert!(
            missing.is_empty(),
            "the detail lacks {missing:?}: {detail}\n{}",
            self.context()
        );
        detail.to_string()
    }

    /// The whole output, for assertion messages.
    pub fn dump(&self) -> String {
        self.context()
    }
}

/// The strings of a JSON array (empty when `value` is not one).
pub fn json_strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A loopback TCP port on which nobody listens (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a probe port");
    let port = listener.local_addr().expect("probe address").port();
    drop(listener);
    port
}
