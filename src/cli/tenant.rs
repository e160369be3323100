//! `connector-doctor tenant-attribution`: the 550 5.7.64 diagnosis on the command line.
//!
//! Exit status: 0 no cause found, 1 at least one finding fails, 2 the input is not usable (the
//! message names the option). An empty `--log` folder is invalid input (2): with nothing to read
//! there is nothing to judge, and a "pass" would be a lie.

use std::fmt::Write as _;
use std::net::IpAddr;
use std::path::Path;

use super::{Format, LangArg, TenantArgs, out};
use crate::checks::{Message, Verdict};
use crate::exit::{EXIT_FAIL, EXIT_INPUT, EXIT_PASS};
use crate::i18n::{Lang, localize, tr, tr_args};
use crate::report::ReportFormat;
use crate::sanitize::shown;
use crate::tenant::{
    CertificateSource, Diagnosis, Evidence, InboundConnector, Severity, TenantError, TenantInputs,
    diagnose, gather_offline, normalize_tls_sender_name, parse_accepted_domains_json,
    parse_inbound_connector_json, parse_sender_ip,
};

pub fn run(args: TenantArgs) -> u8 {
    let lang = LangArg::resolve(args.lang);
    // The report path is checked before the logs are read and before --live-host connects.
    if let Some(path) = &args.report {
        let shown = path.display().to_string();
        let checked = crate::report::ReportFormat::from_path(path)
            .map_err(|e| e.message(lang))
            .and_then(|_| crate::store::check_writable(path).map_err(|e| e.localized(lang)));
        if let Err(problem) = checked {
            out::error(&format!(
                "{}: --report {shown}: {problem}",
                tr(lang, "cli-error")
            ));
            return EXIT_INPUT;
        }
    }
    let (inputs, notes) = match build_inputs(&args) {
        Ok(v) => v,
        Err(err) => return input_error(&err, lang),
    };
    let mut evidence = match gather(&inputs, &args) {
        Ok(e) => e,
        Err(err) => return input_error(&err, lang),
    };
    evidence.notes.extend(notes);
    if let Some(log) = &evidence.log
        && log.sessions == 0
        && evidence.file_chain.is_none()
        && evidence.live_chain.is_none()
    {
        // Show why (files skipped, lines damaged) before saying there is nothing to judge.
        for w in &log.warnings {
            out::error(&warning_line(&w.file, w.line, &w.problem, lang));
        }
        let problem = match (&inputs.send_connector, log.connectors_seen.is_empty()) {
            (Some(name), false) => Message::new("input-send-connector-not-found")
                .arg("name", name)
                .arg("seen", log.connectors_seen.join(", ")),
            (Some(_), true) | (None, _) => Message::new("input-logs-no-session"),
        };
        let option = if inputs.send_connector.is_some() && !log.connectors_seen.is_empty() {
            "--send-connector"
        } else {
            "--log"
        };
        return input_error(&TenantError::input(option, problem), lang);
    }
    let diagnosis = diagnose(&inputs, evidence, time::OffsetDateTime::now_utc());
    // One context for both outputs: `--format json` and a `.json` report are the same bytes.
    let context = crate::report::tenant_context();
    let written = match args.format {
        Format::Json => out::json(&crate::report::render_tenant_report(
            &diagnosis,
            ReportFormat::Json,
            lang,
            &context,
        )),
        Format::Text => out::text(&diagnosis_text(&diagnosis, lang)),
    };
    // The report file is written even when the reader closed stdout.
    if let Some(path) = &args.report
        && let Err(problem) =
            crate::report::write_tenant_report_in(path, &diagnosis, lang, &context)
    {
        out::error(&format!("{}: --report: {problem}", tr(lang, "cli-error")));
        // The diagnosis stands; the exit says that the report is missing (see `--help`).
        let status = match diagnosis.verdict {
            Verdict::Pass => EXIT_INPUT,
            Verdict::Fail => EXIT_FAIL,
        };
        return out::finish(written, status, &tr(lang, "cli-error"));
    }
    let status = match diagnosis.verdict {
        Verdict::Pass => EXIT_PASS,
        Verdict::Fail => EXIT_FAIL,
    };
    out::finish(written, status, &tr(lang, "cli-error"))
}

fn input_error(err: &TenantError, lang: Lang) -> u8 {
    out::error(&format!(
        "{}: {}: {}",
        tr(lang, "cli-error"),
        err.option(),
        localize(lang, err.problem())
    ));
    EXIT_INPUT
}

/// A `ConvertTo-Json` export of at most [`InputKind::Json`] bytes (a pipe, a device or a folder is
/// refused), in whichever encoding Windows PowerShell wrote it ([`crate::powershell::decode_text`]).
///
/// [`InputKind::Json`]: crate::input_file::InputKind::Json
fn read_text(option: &'static str, path: &Path) -> Result<String, TenantError> {
    let bytes = crate::input_file::read_file(path, crate::input_file::InputKind::Json)
        .map_err(|e| TenantError::input(option, e.message()))?;
    crate::powershell::decode_text(&bytes)
        .map_err(|e| TenantError::input(option, e.message(path.display())))
}

/// The command line into the diagnosis' inputs; options override the imported JSON.
pub fn build_inputs(args: &TenantArgs) -> Result<(TenantInputs, Vec<Message>), TenantError> {
    let mut notes = Vec::new();
    let mut connector = InboundConnector::default();
    if let Some(path) = &args.inbound_connector_json {
        let text = read_text("--inbound-connector-json", path)?;
        let (parsed, parse_notes) = parse_inbound_connector_json(&text)
            .map_err(|p| TenantError::input("--inbound-connector-json", p))?;
        connector = parsed;
        notes.extend(parse_notes);
    }
    if let Some(name) = args
        .tls_sender_certificate_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        let (name, note) = normalize_tls_sender_name(name);
        connector.tls_sender_certificate_name = Some(name);
        notes.extend(note);
    }
    if !args.sender_ips.is_empty() {
        connector.sender_ip_addresses = args
            .sender_ips
            .iter()
            .flat_map(|s| s.split(','))
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                parse_sender_ip(s)
                    .map(|n| n.to_string())
                    .map_err(|p| TenantError::input("--sender-ip", p))
            })
            .collect::<Result<_, _>>()?;
    }
    let mut accepted: Vec<String> = args
        .accepted_domains
        .iter()
        .flat_map(|d| d.split(','))
        .map(|d| d.trim().trim_start_matches("*.").to_ascii_lowercase())
        .filter(|d| !d.is_empty())
        .collect();
    if let Some(path) = &args.accepted_domains_json {
        let text = read_text("--accepted-domains-json", path)?;
        let domains = parse_accepted_domains_json(&text)
            .map_err(|p| TenantError::input("--accepted-domains-json", p))?;
        for d in domains {
            if !accepted.contains(&d) {
                accepted.push(d);
            }
        }
    }
    let sending_ip = match args.sending_ip.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => {
            let ip: IpAddr = text.parse().map_err(|_| {
                TenantError::input(
                    "--sending-ip",
                    Message::new("input-bad-ip").arg("value", text),
                )
            })?;
            Some(ip.to_string())
        }
        _ => None,
    };
    if args.logs.is_empty() && args.cert_file.is_none() && args.live_host.is_none() {
        return Err(TenantError::input(
            "--log",
            Message::new("input-no-certificate-source"),
        ));
    }
    if connector.tls_sender_certificate_name.is_none() && connector.sender_ip_addresses.is_empty() {
        return Err(TenantError::input(
            "--tls-sender-certificate-name",
            Message::new("input-no-connector-setting"),
        ));
    }
    let inputs = TenantInputs {
        connector,
        accepted_domains: accepted,
        sender_domain: args
            .sender_domain
            .as_deref()
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| !d.is_empty()),
        sending_ip,
        send_connector: args
            .send_connector
            .as_deref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        logs: args.logs.clone(),
        cert_file: args.cert_file.clone(),
        live_host: args.live_host.clone(),
    };
    Ok((inputs, notes))
}

fn gather(inputs: &TenantInputs, args: &TenantArgs) -> Result<Evidence, TenantError> {
    let mut evidence = gather_offline(inputs)?;
    if let Some(host) = &inputs.live_host {
        let mut options = crate::model::CheckOptions::default();
        if let Some(secs) = args.timeout {
            options.timeout_secs = secs.max(1);
        }
        let runtime = crate::runtime::build().map_err(|e| {
            TenantError::input(
                "--live-host",
                Message::new("input-live-failed").arg("problem", e),
            )
        })?;
        let chain = runtime.block_on(crate::tenant::live_chain(host, &options))?;
        evidence.live_chain = Some(chain);
    }
    Ok(evidence)
}

fn warning_line(file: &str, line: u64, problem: &Message, lang: Lang) -> String {
    let problem = localize(lang, problem);
    if line == 0 {
        tr_args(
            lang,
            "tenant-warning-file",
            &[("file", shown(file)), ("problem", problem)],
        )
    } else {
        tr_args(
            lang,
            "tenant-warning-line",
            &[
                ("file", shown(file)),
                ("line", line.to_string()),
                ("problem", problem),
            ],
        )
    }
}

/// French puts a space before a colon.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{a0}:",
        Lang::En => ":",
    }
}

fn indent(text: &str, prefix: &str) -> String {
    text.lines()
        .map(|l| format!("{prefix}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The diagnosis for a technician: the certificate, the changes, each finding with what to do.
pub fn diagnosis_text(d: &Diagnosis, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", tr(lang, "tenant-title"));
    if let Some(stats) = &d.log_stats {
        let _ = writeln!(
            out,
            "{}",
            tr_args(
                lang,
                "tenant-log-summary",
                &[
                    ("files", stats.files_read.to_string()),
                    ("megabytes", crate::i18n::megabytes(lang, stats.bytes_read)),
                    ("sessions", stats.sessions.to_string()),
                    ("rejected", stats.rejected_sessions.to_string()),
                ],
            )
        );
    }
    let _ = writeln!(out);
    match (&d.certificate, d.certificate_source) {
        (Some(c), Some(source)) => {
            let _ = writeln!(
                out,
                "{}",
                tr_args(
                    lang,
                    "tenant-certificate-heading",
                    &[("source", tr(lang, source.label_id()))]
                )
            );
            let none = tr(lang, "tenant-value-none");
            let mut rows: Vec<(&str, String)> = vec![
                ("tenant-field-subject", shown(&c.subject)),
                ("tenant-field-issuer", shown(&c.issuer)),
                ("tenant-field-serial", shown(&c.serial)),
                ("tenant-field-thumbprint", shown(&c.thumbprint)),
                (
                    "tenant-field-sans",
                    if c.sans.is_empty() {
                        none.clone()
                    } else {
                        shown(&c.sans.join(", "))
                    },
                ),
            ];
            if let Some(first) = &c.first_seen {
                rows.push(("tenant-field-first-seen", shown(first)));
            }
            if let Some(last) = &c.last_seen {
                rows.push(("tenant-field-last-seen", shown(last)));
            }
            if let Some(not_after) = &c.not_after {
                rows.push(("tenant-field-not-after", shown(not_after)));
            }
            if source == CertificateSource::Logs {
                rows.push((
                    "tenant-field-sessions",
                    tr_args(
                        lang,
                        "tenant-sessions-value",
                        &[
                            ("sessions", c.sessions.to_string()),
                            ("rejected", c.rejected_sessions.to_string()),
                        ],
                    ),
                ));
            }
            let labels: Vec<String> = rows.iter().map(|(id, _)| tr(lang, id)).collect();
            let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            for (label, (_, value)) in labels.iter().zip(&rows) {
                let pad = width - label.chars().count();
                let _ = writeln!(
                    out,
                    "  {label}{}{} {}",
                    " ".repeat(pad),
                    colon(lang),
                    if value.is_empty() { &none } else { value }
                );
            }
        }
        _ => {
            let _ = writeln!(out, "{}", tr(lang, "tenant-no-certificate"));
        }
    }
    if !d.certificate_changes.is_empty() {
        let _ = writeln!(out, "\n{}", tr(lang, "tenant-changes-heading"));
        for c in &d.certificate_changes {
            let _ = writeln!(
                out,
                "  {}",
                tr_args(
                    lang,
                    "tenant-change-line",
                    &[
                        ("at", shown(&c.at)),
                        ("from", shown(&c.from.subject)),
                        ("from_thumbprint", shown(&c.from.thumbprint)),
                        ("to", shown(&c.to.subject)),
                        ("to_thumbprint", shown(&c.to.thumbprint)),
                    ],
                )
            );
        }
    }
    let _ = writeln!(out, "\n{}", tr(lang, "tenant-findings-heading"));
    if d.findings.is_empty() {
        let _ = writeln!(out, "  {}", tr(lang, "tenant-no-findings"));
    }
    for f in &d.findings {
        let tag = tr(lang, f.severity.label_id()).to_uppercase();
        let mark = match f.severity {
            Severity::Fail => "✗",
            Severity::Warn => "!",
            Severity::Info => "i",
        };
        let _ = writeln!(out, "  {mark} [{tag}] {}", f.code);
        let _ = writeln!(out, "{}", indent(&localize(lang, &f.detail), "    "));
        let _ = writeln!(
            out,
            "    {}{}",
            tr(lang, "tenant-guidance-label"),
            colon(lang)
        );
        let _ = writeln!(out, "{}", indent(&localize(lang, &f.guidance), "      "));
    }
    if !d.notes.is_empty() {
        let _ = writeln!(out, "\n{}", tr(lang, "tenant-notes-heading"));
        for n in &d.notes {
            let _ = writeln!(out, "{}", indent(&format!("- {}", localize(lang, n)), "  "));
        }
    }
    if !d.warnings.is_empty() {
        let _ = writeln!(out, "\n{}", tr(lang, "tenant-warnings-heading"));
        for w in &d.warnings {
            let _ = writeln!(out, "  {}", warning_line(&w.file, w.line, &w.problem, lang));
        }
        if d.warnings_dropped > 0 {
            let _ = writeln!(
                out,
                "  {}",
                tr_args(
                    lang,
                    "tenant-warnings-dropped",
                    &[("count", d.warnings_dropped.to_string())]
                )
            );
        }
    }
    let verdict = match d.verdict {
        Verdict::Pass => "tenant-verdict-pass",
        Verdict::Fail => "tenant-verdict-fail",
    };
    let _ = writeln!(out, "\n{}", tr(lang, verdict));
    out
}
