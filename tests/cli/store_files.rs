//! Files and folders the real binary reads and writes: every file option refuses a named pipe
//! (with or without a writer) and a 1 GB sparse file at once, naming the option, the file and the
//! limit; output paths are checked before any connection; the history and the saved connectors'
//! folders are never pruned or renamed behind the user's back.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{FakeSmtp, SmtpBehavior, pki};

/// Generous bound proving "does not hang" (the figures are measured by hand, not here).
const NO_HANG: Duration = Duration::from_secs(20);

struct Out {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Out {
    fn context(&self) -> String {
        format!(
            "exit {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

/// Runs the binary with its data under `home` and `stdin`, killed after [`NO_HANG`] (then the
/// test fails: the run hung).
fn run_in(home: &Path, args: &[&str], stdin: Stdio) -> Out {
    let started = Instant::now();
    let mut child = Command::new(crate::support::cli::binary())
        .args(args)
        .env("CONNECTOR_DOCTOR_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start connector-doctor");
    let mut out_pipe = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out_pipe.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > NO_HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("connector-doctor {args:?} still running after {NO_HANG:?}: it hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Out {
        status: status.code(),
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

fn run(home: &Path, args: &[&str]) -> Out {
    run_in(home, args, Stdio::null())
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A writer that pours zeros into the FIFO for as long as someone reads it.
struct Writer(Child);

impl Writer {
    fn start(fifo: &Path) -> Writer {
        let child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec cat /dev/zero > "$1""#)
            .arg("sh")
            .arg(fifo)
            .stdin(Stdio::null())
            .spawn()
            .expect("start the writer");
        Writer(child)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sparse_gigabyte(path: &Path) {
    let file = fs::File::create(path).expect("create");
    file.set_len(1 << 30).expect("sparse 1 GB");
}

/// One file option and the command line that reads it (`{}` is the file).
struct FileOption {
    option: &'static str,
    limit: &'static str,
    args: &'static [&'static str],
}

const FILE_OPTIONS: &[FileOption] = &[
    FileOption {
        option: "--ca-file",
        limit: "4 MiB",
        args: &["check", "--host", "127.0.0.1:9", "--ca-file", "{}"],
    },
    FileOption {
        option: "--profile",
        limit: "8 MiB",
        args: &["check", "--profile", "{}"],
    },
    FileOption {
        option: "--cert-file",
        limit: "4 MiB",
        args: &[
            "tenant-attribution",
            "--tls-sender-certificate-name",
            "mail.contoso.com",
            "--cert-file",
            "{}",
        ],
    },
    FileOption {
        option: "--inbound-connector-json",
        limit: "8 MiB",
        args: &[
            "tenant-attribution",
            "--tls-sender-certificate-name",
            "mail.contoso.com",
            "--cert-file",
            "missing.pem",
            "--inbound-connector-json",
            "{}",
        ],
    },
    FileOption {
        option: "--accepted-domains-json",
        limit: "8 MiB",
        args: &[
            "tenant-attribution",
            "--tls-sender-certificate-name",
            "mail.contoso.com",
            "--cert-file",
            "missing.pem",
            "--accepted-domains-json",
            "{}",
        ],
    },
];

/// Runs every file option on `file` and checks: exit 2, quickly, the message names the option,
/// the file and (`with_limit`) the limit, in English and in French.
fn every_option_refuses(home: &Path, file: &Path, what: &str) {
    let shown = file.display().to_string();
    for option in FILE_OPTIONS {
        for lang in ["en", "fr"] {
            let mut args: Vec<&str> = option
                .args
                .iter()
                .map(|a| if *a == "{}" { shown.as_str() } else { a })
                .collect();
            args.extend(["--lang", lang]);
            let started = Instant::now();
            let out = run(home, &args);
            let elapsed = started.elapsed();
            assert_eq!(
                out.status,
                Some(2),
                "{} with {what}\n{}",
                option.option,
                out.context()
            );
            let limit = match lang {
                "fr" => option.limit.replace("MiB", "Mio"),
                _ => option.limit.to_string(),
            };
            for needle in [option.option, shown.as_str(), limit.as_str()] {
                assert!(
                    out.stderr.contains(needle),
                    "{} with {what} ({lang}): `{needle}` not named\n{}",
                    option.option,
                    out.context()
                );
            }
            assert!(
                elapsed < Duration::from_secs(5),
                "{} with {what}: {elapsed:?}",
                option.option
            );
        }
    }
}

#[test]
fn a_fifo_without_a_writer_no_longer_hangs_any_file_option() {
    let home = tempfile::tempdir().expect("home");
    let fifo = home.path().join("input.fifo");
    mkfifo(&fifo);
    every_option_refuses(home.path(), &fifo, "a FIFO without a writer");
}

#[test]
fn a_fifo_fed_by_dev_zero_no_longer_grows_memory_for_any_file_option() {
    let home = tempfile::tempdir().expect("home");
    let fifo = home.path().join("zeros.fifo");
    mkfifo(&fifo);
    let _writer = Writer::start(&fifo);
    every_option_refuses(home.path(), &fifo, "a FIFO fed by /dev/zero");
}

#[test]
fn a_sparse_gigabyte_file_is_refused_without_being_read_by_any_file_option() {
    let home = tempfile::tempdir().expect("home");
    let big = home.path().join("big.json");
    sparse_gigabyte(&big);
    every_option_refuses(home.path(), &big, "a 1 GB sparse file");
}

#[test]
fn explain_stops_reading_an_endless_stdin_at_its_limit() {
    let home = tempfile::tempdir().expect("home");
    let zeros = fs::File::open("/dev/zero").expect("/dev/zero");
    for (lang, limit) in [("en", "256 KiB"), ("fr", "256 Kio")] {
        let zeros = zeros.try_clone().expect("clone");
        let out = run_in(
            home.path(),
            &["explain", "--lang", lang],
            Stdio::from(zeros),
        );
        assert_eq!(out.status, Some(2), "{}", out.context());
        assert!(
            out.stderr.contains("stdin") && out.stderr.contains(limit),
            "{}",
            out.context()
        );
    }
    // A normal reply on stdin is still explained.
    let reply = home.path().join("reply.txt");
    fs::write(&reply, "550 5.7.64 TenantAttribution; Relay Access Denied").expect("write");
    let out = run_in(
        home.path(),
        &["explain", "--lang", "en"],
        Stdio::from(fs::File::open(&reply).expect("open")),
    );
    assert_eq!(out.status, Some(0), "{}", out.context());
}

#[test]
fn a_fifo_given_as_log_is_read_as_a_stream_and_one_in_a_log_folder_is_skipped() {
    let home = tempfile::tempdir().expect("home");
    let fifo = home.path().join("log.fifo");
    mkfifo(&fifo);
    let tenant = |log: &Path| {
        run(
            home.path(),
            &[
                "tenant-attribution",
                "--tls-sender-certificate-name",
                "mail.contoso.com",
                "--log",
                &log.display().to_string(),
                "--lang",
                "en",
            ],
        )
    };
    // No writer: the open does not wait for one; the pipe reads as empty.
    let out = tenant(&fifo);
    assert_eq!(out.status, Some(2), "{}", out.context());
    // Inside a folder: skipped and said.
    let folder = home.path().join("logs");
    fs::create_dir(&folder).expect("logs");
    fs::write(folder.join("SEND20261001-1.LOG"), "#Software: x\n").expect("log");
    mkfifo(&folder.join("pipe.LOG"));
    let out = tenant(&folder);
    assert_eq!(out.status, Some(2), "{}", out.context());
    assert!(
        out.stderr.contains("pipe.LOG") && out.stderr.contains("named pipe"),
        "{}",
        out.context()
    );
}

fn passing_server() -> FakeSmtp {
    FakeSmtp::start(SmtpBehavior::default())
}

fn check_args(server: &FakeSmtp, ca: &Path) -> Vec<String> {
    [
        "check",
        "--host",
        &server.host_arg(),
        "--recipient-domain",
        "contoso.test",
        "--test-address",
        "user@contoso.test",
        "--timeout",
        "5",
        "--ca-file",
        &ca.display().to_string(),
        "--lang",
        "en",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn with<'a>(base: &'a [String], extra: &[&'a str]) -> Vec<&'a str> {
    let mut args: Vec<&str> = base.iter().map(String::as_str).collect();
    args.extend(extra);
    args
}

#[test]
fn report_to_dev_full_a_folder_or_a_txt_file_fails_before_any_connection() {
    let home = tempfile::tempdir().expect("home");
    let server = passing_server();
    let base = check_args(&server, &pki().ca_file());
    let folder = home.path().join("reports");
    fs::create_dir(&folder).expect("folder");
    let folder_json = home.path().join("a-folder.json");
    fs::create_dir(&folder_json).expect("folder");
    let txt = home.path().join("report.txt").display().to_string();
    let under_a_file = home.path().join("report.txt").join("x.html");
    fs::write(home.path().join("report.txt"), "x").expect("file");
    for target in [
        "/dev/full".to_string(),
        folder.display().to_string(),
        folder_json.display().to_string(),
        txt.clone(),
        under_a_file.display().to_string(),
    ] {
        let out = run(home.path(), &with(&base, &["--report", &target]));
        assert_eq!(out.status, Some(2), "--report {target}\n{}", out.context());
        assert!(
            out.stderr.contains("--report") && out.stderr.starts_with("error:"),
            "{}",
            out.context()
        );
        assert_eq!(
            server.connections(),
            0,
            "--report {target}: a connection was made"
        );
    }
    // A good path: the run happens and the report is there.
    let good = home.path().join("report.json");
    let out = run(
        home.path(),
        &with(&base, &["--report", &good.display().to_string()]),
    );
    assert_eq!(out.status, Some(0), "{}", out.context());
    assert!(good.is_file());
    assert!(!out.stderr.contains("error"), "{}", out.context());
}

#[test]
fn a_data_folder_that_cannot_be_written_fails_before_any_connection() {
    let root = tempfile::tempdir().expect("root");
    // A file where the data folder should be: nothing can be created under it, even as root.
    let home = root.path().join("not-a-folder");
    fs::write(&home, "x").expect("file");
    let server = passing_server();
    let base = check_args(&server, &pki().ca_file());
    let out = run(&home, &with(&base, &[]));
    assert_eq!(out.status, Some(2), "{}", out.context());
    assert!(out.stderr.contains("--no-history"), "{}", out.context());
    assert_eq!(server.connections(), 0);
    // Without the history, the check runs.
    let out = run(&home, &with(&base, &["--no-history"]));
    assert_eq!(out.status, Some(0), "{}", out.context());
    assert!(!out.stderr.contains("error"), "{}", out.context());
}

fn foreign_files(dir: &Path) -> Vec<PathBuf> {
    (0..250)
        .map(|n| {
            // Names that sort after the tool's own (`2026…`) and some that look almost like them.
            let name = match n % 3 {
                0 => format!("zz-notes-{n}.json"),
                1 => format!("99991231T235959999Z-foreign-{n}.json"),
                _ => format!("99991231T235959999Z-0000000g-1-{n}.json"),
            };
            dir.join(name)
        })
        .collect()
}

#[test]
fn foreign_json_files_in_the_history_no_longer_push_out_the_previous_run() {
    let home = tempfile::tempdir().expect("home");
    let history = home.path().join("data").join("history");
    fs::create_dir_all(&history).expect("history");
    let foreign = foreign_files(&history);
    for path in &foreign {
        fs::write(path, b"{\"mine\": true}").expect("foreign");
    }
    let server = passing_server();
    let base = check_args(&server, &pki().ca_file());
    let first = run(home.path(), &with(&base, &["--compare-last"]));
    assert_eq!(first.status, Some(0), "{}", first.context());
    let no_previous =
        connector_doctor::report::compare::no_previous_run_text(connector_doctor::i18n::Lang::En);
    assert!(first.stdout.contains(no_previous.trim()));
    let second = run(home.path(), &with(&base, &["--compare-last"]));
    assert_eq!(second.status, Some(0), "{}", second.context());
    assert!(
        !second.stdout.contains(no_previous.trim()),
        "the previous run was lost\n{}",
        second.context()
    );
    for path in &foreign {
        assert_eq!(
            fs::read(path).expect("foreign file kept"),
            b"{\"mine\": true}"
        );
    }
    let ours = fs::read_dir(&history)
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("20"))
        .count();
    assert_eq!(ours, 2, "both runs kept");
}

const NEWER: &str = r#"{"schema_version": 7, "kind": "connector-doctor-connector", "name": "Contoso outbound",
  "connector": {"name": "Contoso outbound", "smart_hosts": ["x"], "future_field": 1}}"#;

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn check_profile_missing_no_longer_renames_the_profiles_folder() {
    let home = tempfile::tempdir().expect("home");
    let profiles = home.path().join("config").join("profiles");
    fs::create_dir_all(&profiles).expect("profiles");
    for n in 0..40 {
        fs::write(profiles.join(format!("damaged-{n}.json")), b"{ not json").expect("damaged");
    }
    fs::write(profiles.join("contoso-outbound.json"), NEWER).expect("newer");
    let before = names_in(&profiles);
    for lang in ["en", "fr"] {
        let out = run(
            home.path(),
            &["check", "--profile", "missing", "--lang", lang],
        );
        assert_eq!(out.status, Some(2), "{}", out.context());
        assert!(out.stderr.contains("missing"), "{}", out.context());
        assert!(
            out.stderr.contains("41") && out.stderr.contains("damaged-0.json"),
            "the unreadable files are listed\n{}",
            out.context()
        );
        assert_eq!(names_in(&profiles), before, "nothing renamed");
    }
    let out = run(
        home.path(),
        &["check", "--profile", "missing", "--lang", "fr"],
    );
    assert!(
        out.stderr.contains("inutilisables"),
        "--lang fr governs the profile messages\n{}",
        out.context()
    );
}

#[test]
fn a_newer_schema_profile_is_never_renamed() {
    let home = tempfile::tempdir().expect("home");
    let profiles = home.path().join("config").join("profiles");
    fs::create_dir_all(&profiles).expect("profiles");
    let path = profiles.join("contoso-outbound.json");
    fs::write(&path, NEWER).expect("newer");
    let out = run(
        home.path(),
        &["check", "--profile", "Contoso outbound", "--lang", "en"],
    );
    assert_eq!(out.status, Some(2), "{}", out.context());
    assert!(out.stderr.contains("newer version"), "{}", out.context());
    assert_eq!(fs::read_to_string(&path).expect("kept"), NEWER);
    assert_eq!(names_in(&profiles), vec!["contoso-outbound.json"]);
}

#[test]
fn a_damaged_profile_is_set_aside_only_when_it_is_opened_and_its_new_name_is_given() {
    let home = tempfile::tempdir().expect("home");
    let profiles = home.path().join("config").join("profiles");
    fs::create_dir_all(&profiles).expect("profiles");
    let path = profiles.join("contoso-outbound.json");
    fs::write(&path, b"{ \"schema_version\": 1, ").expect("damaged");
    let out = run(
        home.path(),
        &["check", "--profile", "Other", "--lang", "en"],
    );
    assert_eq!(out.status, Some(2), "{}", out.context());
    assert!(path.exists(), "not opened: left as it is");
    let out = run(
        home.path(),
        &["check", "--profile", "Contoso outbound", "--lang", "en"],
    );
    assert_eq!(out.status, Some(2), "{}", out.context());
    let names = names_in(&profiles);
    assert_eq!(names.len(), 1);
    assert!(
        names[0].starts_with("contoso-outbound.json.corrupt-"),
        "{names:?}"
    );
    assert!(
        out.stderr.contains(&names[0]),
        "new name given\n{}",
        out.context()
    );
}
