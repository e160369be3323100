//! `connector-doctor check`: builds the request from the options (and a saved connector), refuses
//! bad input before any traffic, runs the engine and prints text or JSON.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::{CheckArgs, Format, LangArg, TlsArg, out};
use crate::checks::{
    Event, InputErrors, InputProblem, RunReport, Status, StepResult, Verdict, load_domain_security,
    load_trust_roots, prepare,
};
use crate::exit::{EXIT_FAIL, EXIT_INPUT, EXIT_PASS};
use crate::i18n::{Lang, input_problem_text, localize, step_guidance, tr, tr_args};
use crate::model::{CheckRequest, TlsPolicy};
use crate::report::{ReportContext, ReportFormat};
use crate::sanitize::shown;

pub fn run(args: CheckArgs) -> u8 {
    if args.all_profiles {
        return super::all_profiles::run(&args);
    }
    let lang = LangArg::resolve(args.lang);
    let request = match build_request(&args, lang) {
        Ok(r) => r,
        Err(problem) => {
            out::error(&format!("{}: {problem}", tr(lang, "cli-error")));
            return EXIT_INPUT;
        }
    };
    // Every problem at once: the request's, and the trust store's (read here, once).
    let (prepared, roots) = match (
        prepare(&request),
        load_trust_roots(&request.options),
        load_domain_security(&request.options),
    ) {
        (Ok(mut prepared), Ok(roots), Ok(domain_security)) => {
            prepared.domain_security = domain_security;
            (prepared, roots)
        }
        (prepared, roots, domain_security) => {
            let mut errors = prepared.err().unwrap_or_default();
            if let Err(problem) = roots {
                errors.push(problem);
            }
            if let Err(problems) = domain_security {
                for problem in problems {
                    errors.push(problem);
                }
            }
            return input_errors(request, errors, args.format, lang);
        }
    };

    // Everything this run must save is checked before the first packet: a run whose report
    // cannot be written would otherwise end in an error after the whole network test.
    if let Err(problem) = check_outputs(&args, lang) {
        out::error(&format!("{}: {problem}", tr(lang, "cli-error")));
        return EXIT_INPUT;
    }

    let runtime = match crate::runtime::build() {
        Ok(rt) => rt,
        Err(e) => {
            out::error(&format!("{}: {e}", tr(lang, "cli-error")));
            return EXIT_INPUT;
        }
    };
    let show_progress =
        args.format == Format::Text && std::io::IsTerminal::is_terminal(&std::io::stderr());
    if let Some(interval_secs) = args.watch {
        return super::watch::run(&args, lang, &runtime, prepared, roots, interval_secs);
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Event>();
    let report = runtime.block_on(async move {
        let engine = tokio::spawn(crate::checks::run_check(
            prepared,
            roots,
            Arc::new(tx),
            CancellationToken::new(),
        ));
        while let Some(event) = rx.recv().await {
            if let (true, Event::StepFinished(step)) = (show_progress, &event) {
                out::progress(&format!("{} {} …", step_host_label(step), step.step));
            }
        }
        if show_progress {
            out::progress_done();
        }
        engine.await
    });
    let report = match report {
        Ok(report) => report,
        Err(e) => {
            out::error(&format!("{}: {e}", tr(lang, "cli-error")));
            return EXIT_INPUT;
        }
    };

    // One context for both outputs: `--format json` and a `.json` report are the same bytes.
    let context = ReportContext::current();
    let written = match args.format {
        Format::Json => out::json(&crate::report::render_check_report(
            &report,
            ReportFormat::Json,
            lang,
            &context,
        )),
        Format::Text => out::text(&report_text_filtered(&report, lang, args.failures_only)),
    };
    // The history and the report file are written even when the reader closed stdout.
    let (after, saved) = after_run(&args, &report, lang, &context);
    let written = written.and(after);
    // A report or history that was asked for and not saved never leaves a passing exit.
    let status = match (report.verdict, saved) {
        (Verdict::Fail, _) => EXIT_FAIL,
        (Verdict::Pass, true) => EXIT_PASS,
        (Verdict::Pass, false) => EXIT_INPUT,
    };
    out::finish(written, status, &tr(lang, "cli-error"))
}

/// The `--report` path (format from the extension, a file that can be created) and the history
/// folder (unless `--no-history`), before any network traffic. The message names the option.
fn check_outputs(args: &CheckArgs, lang: Lang) -> Result<(), String> {
    if let Some(path) = &args.report {
        let path_shown = path.display().to_string();
        crate::report::ReportFormat::from_path(path)
            .map_err(|e| format!("--report {path_shown}: {}", e.message(lang)))?;
        crate::store::check_writable(path)
            .map_err(|e| format!("--report {path_shown}: {}", e.localized(lang)))?;
    }
    if !args.no_history
        && let Some(dirs) = crate::store::Dirs::from_env()
    {
        let dir = crate::store::history::history_dir(&dirs);
        crate::store::check_writable(&dir.join("probe.json")).map_err(|e| {
            tr_args(
                lang,
                "cli-history-unwritable",
                &[
                    ("path", dir.display().to_string()),
                    ("problem", e.localized(lang)),
                ],
            )
        })?;
    }
    Ok(())
}

/// Prints every input problem (one line each, naming the option) and, with `--format json`, the
/// document scripts read; the exit status is [`EXIT_INPUT`].
fn input_errors(request: CheckRequest, errors: InputErrors, format: Format, lang: Lang) -> u8 {
    for p in &errors.problems {
        out::error(&input_problem_line(p, lang));
    }
    if format == Format::Json {
        // The same document as after a run: the refused inputs as failed steps (so a script
        // reading `steps` sees them like any other failure) and each problem in `input_errors`.
        let now = time::OffsetDateTime::now_utc();
        let refused = RunReport {
            request,
            started_at: now,
            finished_at: now,
            duration_ms: 0,
            steps: errors.steps,
            verdict: Verdict::Fail,
            cancelled: false,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
        };
        let document = crate::report::input_error_json(
            &refused,
            &errors.problems,
            lang,
            &ReportContext::current(),
        );
        return out::finish(out::json(&document), EXIT_INPUT, &tr(lang, "cli-error"));
    }
    EXIT_INPUT
}

/// History, comparison and report file. Their messages go to stderr so that `--format json`
/// stays one clean object on stdout. Returns how stdout took the comparison, and false when
/// something the user asked for was not saved or shown (the caller makes the exit non-zero);
/// the run's results stand either way.
pub(super) fn after_run(
    args: &CheckArgs,
    report: &RunReport,
    lang: Lang,
    context: &ReportContext,
) -> (Result<(), out::WriteFailure>, bool) {
    let mut written = Ok(());
    let mut all_done = true;
    let dirs = crate::store::Dirs::from_env();
    if args.compare_last {
        let previous = dirs.as_ref().map(|d| {
            crate::store::history::last_run_for(
                d,
                &report.request.connector,
                Some(report.started_at),
            )
        });
        let text = match previous {
            Some(Ok(Some(previous))) => crate::report::comparison_text(
                &crate::store::history::compare(&previous, report),
                lang,
            ),
            Some(Ok(None)) | None => crate::report::compare::no_previous_run_text(lang),
            Some(Err(e)) => {
                all_done = false;
                format!(
                    "{}: --compare-last: {}",
                    tr(lang, "cli-error"),
                    e.localized(lang)
                )
            }
        };
        let text = if text.ends_with('\n') {
            text
        } else {
            format!("{text}\n")
        };
        match args.format {
            Format::Text => written = out::text(&format!("\n{text}")),
            Format::Json => out::error(text.trim_end_matches('\n')),
        }
    }
    if !args.no_history
        && !report.cancelled
        && let Some(dirs) = &dirs
        && let Err(e) = crate::store::history::record_run(dirs, report)
    {
        all_done = false;
        out::error(&format!("{}: {}", tr(lang, "cli-error"), e.localized(lang)));
    }
    if let Some(path) = &args.report {
        match crate::report::write_check_report_in(path, report, lang, context) {
            Ok(()) => out::error(&tr_args(
                lang,
                "cli-report-written",
                &[("path", shown(&path.display().to_string()))],
            )),
            Err(e) => {
                all_done = false;
                out::error(&format!("{}: --report: {e}", tr(lang, "cli-error")));
            }
        }
    }
    (written, all_done)
}

fn step_host_label(step: &StepResult) -> String {
    match (&step.host, &step.address) {
        (Some(h), Some(a)) => format!("{h} [{a}]"),
        (Some(h), None) => h.clone(),
        (None, _) => "-".to_string(),
    }
}

/// One line naming the option and the problem, e.g. `--host "mail .x": the host contains a space`.
pub fn input_problem_line(problem: &InputProblem, lang: Lang) -> String {
    tr_args(
        lang,
        "cli-input-problem",
        &[
            ("field", problem.field.option()),
            ("value", shown(&problem.value)),
            ("problem", input_problem_text(lang, problem)),
        ],
    )
}

pub(super) fn build_request(args: &CheckArgs, lang: Lang) -> Result<CheckRequest, String> {
    let mut request = CheckRequest::default();
    if let Some(profile) = &args.profile {
        request.connector = crate::store::profiles::resolve_profile(profile, lang)
            .map_err(|e| format!("--profile {profile}: {e}"))?;
    }
    let connector = &mut request.connector;
    if !args.hosts.is_empty() {
        connector.smart_hosts = args.hosts.clone();
        connector.use_mx_record = false;
    }
    if !args.recipient_domains.is_empty() {
        connector.recipient_domains = args.recipient_domains.clone();
    }
    if let Some(tls) = args.tls {
        connector.tls_settings = match tls {
            TlsArg::Opportunistic => TlsPolicy::Opportunistic,
            TlsArg::EncryptionOnly => TlsPolicy::EncryptionOnly,
            TlsArg::CertificateValidation => TlsPolicy::CertificateValidation,
            TlsArg::DomainValidation => TlsPolicy::DomainValidation,
        };
    }
    if let Some(domain) = &args.tls_domain {
        connector.tls_domain = domain.clone();
    }
    if let Some(address) = &args.test_address {
        connector.test_address = address.clone();
    }
    if let Some(from) = &args.mail_from {
        connector.mail_from = from.clone();
    }
    // No host at all (none given, none in the profile): the MX records of the test address's
    // domain, as --help says. A blank --host "" is a host typed wrong, refused by the check.
    if connector.smart_hosts.is_empty() {
        connector.use_mx_record = true;
    }
    let options = &mut request.options;
    if let Some(dns) = &args.dns_server {
        options.dns_server = dns.clone();
    }
    if let Some(ca) = &args.ca_file {
        options.ca_file = Some(ca.clone());
    }
    options.use_os_trust_store |= args.os_trust_store;
    if let Some(timeout) = args.timeout {
        options.timeout_secs = timeout;
    }
    options.send_test_message = args.send;
    if args.mx_port.is_some() {
        options.mx_port = args.mx_port;
    }
    options.domain_security |= args.domain_security;
    if let Some(path) = &args.dnssec_trust_anchor {
        options.dnssec_trust_anchor = Some(path.clone());
    }
    if let Some(path) = &args.dane_next_certificate {
        options.dane_next_certificate = Some(path.clone());
    }
    if args.mta_sts_port.is_some() {
        options.mta_sts_port = args.mta_sts_port;
    }
    Ok(request)
}

fn status_tag(status: Status, lang: Lang) -> String {
    tr(lang, status.label_id()).to_uppercase()
}

/// What a technician reads: the verdict line and the host × step matrix first, then one line per
/// step, guidance and fix command under each failure.
pub fn report_text(report: &RunReport, lang: Lang) -> String {
    report_text_filtered(report, lang, false)
}

/// The matrix at the top of the text output: one row per host and address (failures first),
/// one column per step, a glyph per cell that reads without colour.
fn matrix_text(report: &RunReport, lang: Lang, failures_only: bool) -> String {
    use crate::report::glance::{cell_glyph, matrix, place_text};
    use std::fmt::Write;
    let rows: Vec<_> = matrix(report)
        .into_iter()
        .filter(|r| !failures_only || r.has_problem())
        .collect();
    let mut out = String::new();
    if rows.is_empty() {
        if failures_only {
            let _ = writeln!(out, "  {}", tr(lang, "glance-failures-only-none"));
        }
        return out;
    }
    let places: Vec<String> = rows
        .iter()
        .map(|r| {
            let place = place_text(lang, r.host.as_deref(), r.address.as_deref());
            shown(&place).chars().take(60).collect()
        })
        .collect();
    let width = |s: &str| s.chars().count();
    let host_title = tr(lang, "glance-matrix-host");
    let host_width = places
        .iter()
        .map(|p| width(p))
        .chain(std::iter::once(width(&host_title)))
        .max()
        .unwrap_or(0);
    let columns = crate::report::glance::columns(&rows);
    let labels: Vec<String> = columns.iter().map(|k| tr(lang, k.label_id())).collect();
    let pad =
        |text: &str, to: usize| format!("{text}{}", " ".repeat(to.saturating_sub(width(text))));
    let _ = writeln!(out, "{}", tr(lang, "glance-matrix-title"));
    let mut header = format!("    {}", pad(&host_title, host_width));
    for label in &labels {
        header.push_str("  ");
        header.push_str(label);
    }
    let _ = writeln!(out, "{}", header.trim_end());
    for (row, place) in rows.iter().zip(&places) {
        let mut line = format!(
            "  {} {}",
            cell_glyph(Some(row.worst)),
            pad(place, host_width)
        );
        for (kind, label) in columns.iter().zip(&labels) {
            let status = row.cell(&report.steps, *kind).map(|(_, s)| s.status);
            line.push_str("  ");
            line.push_str(&pad(cell_glyph(status), width(label)));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(out, "  {}", tr(lang, "glance-matrix-legend"));
    out
}

/// [`report_text`], with only the failing and warning steps when `failures_only`.
pub fn report_text_filtered(report: &RunReport, lang: Lang, failures_only: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let c = &report.request.connector;
    let _ = writeln!(
        out,
        "{}",
        tr_args(
            lang,
            "cli-text-title",
            &[("version", report.tool_version.clone())]
        )
    );
    let _ = writeln!(
        out,
        "{}",
        tr_args(
            lang,
            "cli-text-connector",
            &[
                ("tls", c.tls_settings.as_str().to_string()),
                (
                    "tls_domain",
                    if c.tls_domain.is_empty() {
                        "-".into()
                    } else {
                        shown(&c.tls_domain)
                    }
                ),
                (
                    "address",
                    if c.test_address.is_empty() {
                        "-".into()
                    } else {
                        shown(&c.test_address)
                    }
                ),
            ]
        )
    );
    let line = crate::report::glance::verdict_line(report);
    let _ = writeln!(
        out,
        "\n{}\n",
        crate::report::glance::verdict_line_text(lang, &line)
    );
    out.push_str(&matrix_text(report, lang, failures_only));
    let mut current: Option<(Option<String>, Option<String>)> = None;
    for step in &report.steps {
        if failures_only && !matches!(step.status, Status::Fail | Status::Warn) {
            continue;
        }
        let group = (step.host.clone(), step.address.clone());
        if current.as_ref() != Some(&group) {
            out.push('\n');
            let heading = match (&step.host, &step.address) {
                (Some(h), Some(a)) => format!("{}  [{}]", shown(h), shown(a)),
                (Some(h), None) => shown(h),
                (None, _) => tr(lang, "cli-text-connector-wide"),
            };
            let _ = writeln!(out, "{heading}");
            current = Some(group);
        }
        // The detail, and what the step adds to it (domain security: MTA-STS, TLS-RPT).
        let detail = crate::i18n::step_detail_lines(lang, step);
        let _ = writeln!(
            out,
            "  {:<11} {:<14} {}  ({} ms)",
            status_tag(step.status, lang),
            tr(lang, step.step.label_id()),
            detail.first().map(String::as_str).unwrap_or(""),
            step.duration_ms
        );
        for line in detail.iter().skip(1) {
            let _ = writeln!(out, "            {line}");
        }
        if let Some(code) = step.code
            && matches!(step.status, Status::Fail | Status::Warn)
        {
            let _ = writeln!(out, "            [{}]", code.as_str());
            for line in step_guidance(lang, step).unwrap_or_default().lines() {
                let _ = writeln!(out, "            {line}");
            }
        }
        if let Some(probe) = step.tls.as_ref().and_then(|t| t.probe.as_ref()) {
            let summary = crate::i18n::tls_probe_summary(
                lang,
                &probe.versions_accepted,
                probe.suite.as_deref(),
                probe.suite_published,
                probe.suite_weak,
                probe.conclusive,
            );
            let _ = writeln!(out, "            {}", shown(&summary));
        }
        for fix in crate::report::fix::check_fixes(&report.request, step) {
            let _ = writeln!(
                out,
                "            {}{} {}",
                tr(lang, "glance-fix-title"),
                crate::report::colon(lang),
                tr(lang, &fix.purpose_id)
            );
            let _ = writeln!(out, "                {}", shown(&fix.command));
        }
        if let Some(cert) = step.certificate() {
            let _ = writeln!(
                out,
                "            {}",
                tr_args(
                    lang,
                    "cli-text-certificate",
                    &[
                        ("subject", shown(&cert.subject)),
                        ("issuer", shown(&cert.issuer)),
                        ("not_after", shown(&cert.not_after)),
                        ("thumbprint", shown(&cert.sha1_thumbprint)),
                    ]
                )
            );
        }
    }
    let failed = report
        .steps
        .iter()
        .filter(|s| s.status == Status::Fail)
        .count();
    let warned = report
        .steps
        .iter()
        .filter(|s| s.status == Status::Warn)
        .count();
    out.push('\n');
    let verdict_id = match (report.cancelled, report.verdict) {
        (true, _) => "cli-text-cancelled",
        (false, Verdict::Pass) => "cli-text-verdict-pass",
        (false, Verdict::Fail) => "cli-text-verdict-fail",
    };
    let _ = writeln!(
        out,
        "{}",
        tr_args(
            lang,
            verdict_id,
            &[
                ("failed", failed.to_string()),
                ("warned", warned.to_string())
            ]
        )
    );
    // UseMXRecord: the verdict names the MX Microsoft 365 would deliver through.
    if let Some(route) = report
        .steps
        .iter()
        .find(|s| s.detail.id == "detail-route-mx-chosen")
    {
        let _ = writeln!(out, "{}", localize(lang, &route.detail));
    }
    // The vantage note in full only where it matters (a connect step failed), else one line.
    if crate::report::glance::vantage_matters(report) {
        let _ = writeln!(out, "{}", tr(lang, "vantage-point-note"));
    } else if !report.steps.is_empty() {
        let _ = writeln!(out, "{}", tr(lang, "glance-vantage-folded-ui"));
    }
    out
}
