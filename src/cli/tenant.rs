//! `connector-doctor tenant-attribution`: the 550 5.7.64 diagnosis on the command line.
//!
//! Exit status: 0 no cause found, 1 at least one finding fails, 2 the input is not usable (the
//! message names the option). An empty `--log` folder is invalid input (2): with nothing to read
//! there is nothing to judge, and a "pass" would be a lie.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::{Format, LangArg, TenantArgs, out};
use crate::checks::{Message, Verdict};
use crate::exit::{EXIT_FAIL, EXIT_INPUT, EXIT_PASS};
use crate::i18n::{Lang, input_problem_text, localize, moment_or_text, tr, tr_args};
use crate::input::{InputField, InputProblem};
use crate::report::ReportFormat;
use crate::sanitize::shown;
use crate::tenant::{
    CertificateSource, Diagnosis, Severity, TenantEvent, TenantForm, TenantOutcome, prepare,
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
    let prepared = match read_form(&args).map(|form| prepare(&form)) {
        Ok(Ok(prepared)) => prepared,
        Ok(Err(problems)) | Err(problems) => {
            for problem in &problems {
                out::error(&input_problem_line(problem, lang));
            }
            return EXIT_INPUT;
        }
    };
    let runtime = match crate::runtime::build() {
        Ok(runtime) => runtime,
        Err(e) => {
            out::error(&format!("{}: {e}", tr(lang, "cli-error")));
            return EXIT_INPUT;
        }
    };
    let outcome = runtime.block_on(crate::tenant::run(
        prepared,
        CancellationToken::new(),
        Arc::new(|_: TenantEvent| {}),
    ));
    let diagnosis = match outcome {
        TenantOutcome::Diagnosis(diagnosis) => diagnosis,
        TenantOutcome::Failed(failure) => {
            // Show why (files skipped, lines damaged) before saying there is nothing to judge.
            for w in &failure.warnings {
                out::error(&warning_line(&w.file, w.line, &w.problem, lang));
            }
            let problem = InputProblem::new(failure.field, "", failure.problem);
            out::error(&input_problem_line(&problem, lang));
            return EXIT_INPUT;
        }
        TenantOutcome::Cancelled | TenantOutcome::Crashed => {
            out::error(&tr(lang, "cli-error"));
            return EXIT_INPUT;
        }
    };
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

/// One line naming the option and the problem: `error: --log: the folder holds no file`, with
/// the value when there is one.
fn input_problem_line(problem: &InputProblem, lang: Lang) -> String {
    let reason = input_problem_text(lang, problem);
    if problem.value.is_empty() {
        format!(
            "{}: {}: {reason}",
            tr(lang, "cli-error"),
            problem.field.option()
        )
    } else {
        format!(
            "{}: {} \"{}\": {reason}",
            tr(lang, "cli-error"),
            problem.field.option(),
            shown(&problem.value)
        )
    }
}

/// A `ConvertTo-Json` export of at most [`InputKind::Json`] bytes (a pipe, a device or a folder is
/// refused), in whichever encoding Windows PowerShell wrote it ([`crate::powershell::decode_text`]).
///
/// [`InputKind::Json`]: crate::input_file::InputKind::Json
fn read_text(field: InputField, path: &Path) -> Result<String, InputProblem> {
    let value = path.display().to_string();
    let bytes = crate::input_file::read_file(path, crate::input_file::InputKind::Json)
        .map_err(|e| InputProblem::new(field, value.clone(), e.message()))?;
    crate::powershell::decode_text(&bytes)
        .map_err(|e| InputProblem::new(field, value, e.message(path.display())))
}

/// The command line as the engine's form (the JSON files read here; everything else is read
/// by [`crate::tenant::prepare`]).
pub fn read_form(args: &TenantArgs) -> Result<TenantForm, Vec<InputProblem>> {
    let mut problems = Vec::new();
    let mut read = |field, path: &Option<std::path::PathBuf>| match path {
        Some(path) => match read_text(field, path) {
            Ok(text) => Some(text),
            Err(problem) => {
                problems.push(problem);
                None
            }
        },
        None => None,
    };
    let inbound_connector_json = read(
        InputField::InboundConnectorJson,
        &args.inbound_connector_json,
    );
    let accepted_domains_json = read(InputField::AcceptedDomainsJson, &args.accepted_domains_json);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut form = TenantForm {
        inbound_connector_json,
        accepted_domains_json,
        tls_sender_certificate_name: args.tls_sender_certificate_name.clone().unwrap_or_default(),
        sender_ips: args.sender_ips.clone(),
        accepted_domains: args.accepted_domains.clone(),
        sender_domain: args.sender_domain.clone().unwrap_or_default(),
        sending_ip: args.sending_ip.clone().unwrap_or_default(),
        logs: args.logs.clone(),
        send_connector: args.send_connector.clone().unwrap_or_default(),
        cert_file: args.cert_file.clone(),
        live_host: args.live_host.clone().unwrap_or_default(),
        ndr_files: args.ndr_files.clone(),
        message_trace: args.message_trace.clone(),
        send_connector_json: args.send_connector_json.clone(),
        exchange_certificate_json: args.exchange_certificate_json.clone(),
        ..TenantForm::default()
    };
    if let Some(secs) = args.timeout {
        form.timeout_secs = secs;
    }
    Ok(form)
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
        if stats.servers.len() > 1 {
            let _ = writeln!(
                out,
                "{}",
                tr_args(
                    lang,
                    "tenant-log-servers",
                    &[("servers", shown(&stats.servers.join(", ")))]
                )
            );
        }
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
                rows.push((
                    "tenant-field-first-seen",
                    shown(&moment_or_text(lang, first)),
                ));
            }
            if let Some(last) = &c.last_seen {
                rows.push(("tenant-field-last-seen", shown(&moment_or_text(lang, last))));
            }
            if let Some(not_after) = &c.not_after {
                rows.push((
                    "tenant-field-not-after",
                    shown(&moment_or_text(lang, not_after)),
                ));
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
        for fix in crate::report::fix::tenant_fixes(d, f) {
            let _ = writeln!(
                out,
                "    {}{} {}",
                tr(lang, "glance-fix-title"),
                colon(lang),
                tr(lang, &fix.purpose_id)
            );
            let _ = writeln!(out, "      {}", crate::sanitize::shown(&fix.command));
        }
    }
    let evidence = crate::report::evidence_lines(&d.evidence, lang);
    if !evidence.is_empty() {
        let _ = writeln!(out, "\n{}", tr(lang, "tenant-evidence-heading"));
        for line in &evidence {
            let _ = writeln!(out, "  {}", shown(line));
        }
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
