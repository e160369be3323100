//! Foreign text (from a server, a certificate, a log, an argument) never acts on the reader: the
//! bytes the real binary writes to stdout carry no raw ESC or bidi control, suggested PowerShell
//! commands quote what they did not write, and a reader that closes the pipe early
//! (`| head -c1`) gets a quiet end, not a panic.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use connector_doctor::i18n::Lang;
use connector_doctor::report::{ReportFormat, render_check_report};

use crate::support::cli::{Run, binary, run_binary, strings};
use crate::support::foreign::{context, dangerous, run_carrying};
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};

/// Clear the screen, retitle the window, reverse the rest of the line.
const HOSTILE: &str = "evil\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}moc.elpmaxe";
const HOSTILE_SHOWN: &str = "evil\\u{1b}[2J\\u{1b}]0;pwned\\u{7}‹U+202E›moc.elpmaxe";
const RLO_UTF8: &[u8] = "\u{202e}".as_bytes();

/// How many raw ESC bytes and U+202E characters the run wrote to stdout; printed so that the
/// figures can be compared between two builds (`CONNECTOR_DOCTOR_BIN`).
fn raw_counts(what: &str, run: &Run) -> (usize, usize) {
    let bytes = run.stdout.as_bytes();
    let esc = bytes.iter().filter(|&&b| b == 0x1b).count();
    let rlo = bytes
        .windows(RLO_UTF8.len())
        .filter(|w| *w == RLO_UTF8)
        .count();
    eprintln!(
        "{what}: stdout {} bytes, raw ESC {esc}, raw U+202E {rlo}",
        bytes.len()
    );
    (esc, rlo)
}

fn assert_inert(what: &str, run: &Run) {
    assert_ne!(run.status, Some(101), "{what} panicked\n{}", run.dump());
    assert_eq!(raw_counts(what, run), (0, 0), "{what}\n{}", run.dump());
    assert!(
        !run.stdout.contains('\u{7}'),
        "{what}: raw BEL\n{}",
        run.dump()
    );
}

#[test]
fn escape_sequences_in_a_server_banner_do_not_reach_the_terminal() {
    let server = FakeSmtp::start(SmtpBehavior {
        hostname: HOSTILE.to_string(),
        ..SmtpBehavior::default()
    });
    let run = run_binary(&strings(&[
        "check",
        "--host",
        &server.host_arg(),
        "--recipient-domain",
        "contoso.test",
        "--timeout",
        "5",
        "--lang",
        "en",
        "--no-history",
    ]));
    assert_inert("check, hostile banner", &run);
    assert!(run.stdout.contains(HOSTILE_SHOWN), "{}", run.dump());
}

#[test]
fn escape_sequences_in_a_certificate_subject_do_not_reach_the_terminal() {
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::Subject(HOSTILE.to_string())),
        ..SmtpBehavior::default()
    });
    let ca = pki().ca_file();
    let run = run_binary(&strings(&[
        "check",
        "--host",
        &server.host_arg(),
        "--recipient-domain",
        "contoso.test",
        "--tls",
        "certificate-validation",
        "--ca-file",
        &ca.display().to_string(),
        "--timeout",
        "5",
        "--lang",
        "en",
        "--no-history",
    ]));
    assert_inert("check, hostile certificate subject", &run);
    assert!(
        run.stdout.contains(&format!("CN={HOSTILE_SHOWN}")),
        "{}",
        run.dump()
    );
}

#[test]
fn escape_sequences_in_a_certificate_file_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (cert, _key) = pki().write_leaf_pem(CertKind::Subject(HOSTILE.to_string()), dir.path());
    let run = run_binary(&strings(&[
        "tenant-attribution",
        "--cert-file",
        &cert.display().to_string(),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--lang",
        "en",
    ]));
    assert_inert("tenant-attribution, hostile certificate file", &run);
    assert!(run.stdout.contains(HOSTILE_SHOWN), "{}", run.dump());
}

const LOG_HEADER: &str = "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Send Protocol Log\r\n#Date: 2026-10-02T08:00:01.412Z\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n";

/// One SmtpSend session refused with 5.7.64, whose certificate subject, connector name and
/// reply carry `hostile`.
fn hostile_log(dir: &Path, hostile: &str) -> std::path::PathBuf {
    let connector = format!("Outbound {hostile}");
    let subject = format!("CN={hostile}");
    let rows = [
        ("+", "", ""),
        ("<", "220 mail.protection.outlook.com ready", ""),
        (">", "EHLO mail.contoso.com", ""),
        ("<", "250 STARTTLS", ""),
        (">", "STARTTLS", ""),
        ("<", "220 2.0.0 SMTP server ready", ""),
        ("*", "", "Sending certificate"),
        ("*", subject.as_str(), "Certificate subject"),
        ("*", "CN=Issuing CA", "Certificate issuer name"),
        ("*", "0A1B2C", "Certificate serial number"),
        (
            "*",
            "3F2A9C7E1B4D5F60718293A4B5C6D7E8F9012345",
            "Certificate thumbprint",
        ),
        (">", "MAIL FROM:<a@contoso.com>", ""),
        (
            "<",
            &format!("550 5.7.64 TenantAttribution; Relay Access Denied {hostile}"),
            "",
        ),
        ("-", "", "Local"),
    ];
    let mut log = LOG_HEADER.to_string();
    for (n, (event, data, context)) in rows.iter().enumerate() {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        log.push_str(&format!(
            "2026-10-02T08:00:{n:02}.000Z,{},S1,{n},10.0.0.12:27345,40.107.22.36:25,{event},{},{}\r\n",
            quote(&connector),
            quote(data),
            quote(context)
        ));
    }
    let path = dir.join("SEND2026100208-1.LOG");
    std::fs::write(&path, log).expect("write the log");
    path
}

#[test]
fn escape_sequences_in_a_log_field_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = hostile_log(dir.path(), HOSTILE);
    let run = run_binary(&strings(&[
        "tenant-attribution",
        "--log",
        &log.display().to_string(),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--lang",
        "en",
    ]));
    assert_inert("tenant-attribution, hostile log", &run);
    assert_eq!(run.status, Some(1), "{}", run.dump());
    assert!(run.stdout.contains(HOSTILE_SHOWN), "{}", run.dump());
}

#[test]
fn suggested_powershell_command_quotes_a_subject_taken_from_a_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let injection = "x'; Remove-Item -Recurse C:\\ #\u{1b}[2J\u{2019}$(calc)";
    let log = hostile_log(dir.path(), injection);
    let run = run_binary(&strings(&[
        "tenant-attribution",
        "--log",
        &log.display().to_string(),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--lang",
        "en",
    ]));
    assert_inert("tenant-attribution, PowerShell injection", &run);
    // One single-quoted string: the quotes inside are doubled (the typographic one too), so the
    // command that follows the `;` stays text; the ESC is shown, not sent.
    let quoted = "-TlsSenderCertificateName 'x''; Remove-Item -Recurse C:\\ #\\u{1b}[2J\u{2019}\u{2019}$(calc)'";
    assert!(run.stdout.contains(quoted), "{}", run.dump());
    assert!(
        !run.stdout.contains("-TlsSenderCertificateName x'"),
        "{}",
        run.dump()
    );
}

#[test]
fn escape_sequences_in_an_explain_argument_do_not_reach_the_terminal() {
    let run = run_binary(&strings(&[
        "explain",
        &format!("550 5.7.64 TenantAttribution {HOSTILE}"),
        "--lang",
        "en",
    ]));
    assert_inert("explain, hostile argument", &run);
    assert_eq!(run.status, Some(0), "{}", run.dump());
    assert!(run.stdout.contains(HOSTILE_SHOWN), "{}", run.dump());
    // JSON keeps the exact text for scripts, escaped so a terminal shows nothing raw.
    let run = run_binary(&strings(&[
        "explain",
        &format!("550 5.7.64 TenantAttribution {HOSTILE}"),
        "--format",
        "json",
    ]));
    assert_inert("explain --format json, hostile argument", &run);
    let line = run.json()["explanations"][0]["line"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(line.ends_with(HOSTILE), "{line:?}");
}

/// Runs the binary with stdout a pipe whose reading end is closed at once (what `| head -c1`
/// does a moment later): the program must end quietly, with the exit status of its run.
fn with_closed_stdout(args: &[String]) -> (Option<i32>, String) {
    let mut child = Command::new(binary())
        .args(args)
        .env(
            "HOME",
            std::env::temp_dir().join("connector-doctor-closed-pipe-home"),
        )
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start connector-doctor");
    drop(child.stdout.take());
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    let status = child.wait().expect("wait for connector-doctor");
    eprintln!(
        "closed stdout, {}: exit {:?}, stderr {:?}",
        args.join(" "),
        status.code(),
        stderr
    );
    (status.code(), stderr)
}

#[test]
fn closed_pipe_ends_every_subcommand_without_a_panic() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let dir = tempfile::tempdir().expect("temp dir");
    let log = hostile_log(dir.path(), "plain");
    let check = |format: &str| {
        strings(&[
            "check",
            "--host",
            &server.host_arg(),
            "--recipient-domain",
            "contoso.test",
            "--timeout",
            "5",
            "--no-history",
            "--format",
            format,
        ])
    };
    let tenant = |format: &str| {
        strings(&[
            "tenant-attribution",
            "--log",
            &log.display().to_string(),
            "--tls-sender-certificate-name",
            "mail.contoso.com",
            "--format",
            format,
        ])
    };
    let explain = |format: &str| strings(&["explain", "550 5.7.64", "--format", format]);
    let cases = [
        (check("text"), 0),
        (check("json"), 0),
        (tenant("text"), 1),
        (tenant("json"), 1),
        (explain("text"), 0),
        (explain("json"), 0),
        (strings(&["--help"]), 0),
        (strings(&["check", "--help"]), 0),
    ];
    for (args, expected) in cases {
        let (status, stderr) = with_closed_stdout(&args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(
            status,
            Some(expected),
            "{args:?} ends with its run's status: {stderr}"
        );
    }
}

#[test]
fn closed_pipe_behind_head_is_quiet() {
    // The shell form from the issue, when a shell and head are there to run it.
    let has_head = Command::new("sh")
        .arg("-c")
        .arg("command -v head")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_head {
        eprintln!("no sh/head on this system: the closed-pipe case is covered by the test above");
        return;
    }
    let script = format!(
        "'{}' explain '550 5.7.64' | head -c1 >/dev/null",
        binary().display()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .output()
        .expect("run sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{stderr}");
}

fn holds_string(value: &serde_json::Value, wanted: &str) -> bool {
    match value {
        serde_json::Value::String(s) => s.contains(wanted),
        serde_json::Value::Array(items) => items.iter().any(|v| holds_string(v, wanted)),
        serde_json::Value::Object(map) => map.values().any(|v| holds_string(v, wanted)),
        _ => false,
    }
}

#[test]
fn json_report_keeps_the_exact_text_and_escapes_what_a_terminal_would_act_on() {
    for (c, _) in dangerous() {
        let carried = format!("L{c}R");
        let json = render_check_report(
            &run_carrying(&carried),
            ReportFormat::Json,
            Lang::En,
            &context(),
        );
        assert!(!json.contains(&carried), "U+{:04X} raw in JSON", c as u32);
        let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON parses");
        assert!(
            holds_string(&doc, &carried),
            "U+{:04X}: the data is kept for scripts",
            c as u32
        );
    }
}
