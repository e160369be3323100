//! The Markdown report: short and ticket-ready (one table of every step, then each failure or
//! warning with its guidance). Every value is escaped with [`super::text::markdown`].

use std::fmt::Write;

use super::document::{CheckReportJson, StepJson};
use super::status_glyph as glyph;
use super::text::{markdown as esc, markdown_lines};
use crate::i18n::{self, Lang};

fn joined(items: &[String], lang: Lang) -> String {
    if items.is_empty() {
        i18n::tr(lang, "report-value-none")
    } else {
        items.iter().map(|i| esc(i)).collect::<Vec<_>>().join(", ")
    }
}

fn value(text: &str, lang: Lang) -> String {
    if text.trim().is_empty() {
        i18n::tr(lang, "report-value-none")
    } else {
        esc(text)
    }
}

fn place(step: &StepJson, lang: Lang) -> String {
    match (&step.host, &step.address) {
        (Some(h), Some(a)) => format!("{} ({})", esc(h), esc(a)),
        (Some(h), None) => esc(h),
        (None, Some(a)) => esc(a),
        (None, None) => i18n::tr(lang, "report-connector-wide"),
    }
}

/// A fix command under a list item: its purpose, then the command in a fenced block longer
/// than any run of backticks inside it (so a value cannot close the block), controls made
/// visible.
pub(super) fn fix_block(out: &mut String, lang: Lang, purpose: &str, command: &str) {
    let command = crate::sanitize::visible(command).replace(['\n', '\r'], " ");
    let longest = command.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let _ = writeln!(
        out,
        "  - **{}{}** {}\n\n    {fence}powershell\n    {command}\n    {fence}\n",
        i18n::tr(lang, "glance-fix-title"),
        super::colon(lang),
        markdown_lines(purpose, " ")
    );
}

/// The host × step matrix, failures first: a glyph and the status word per cell (readable
/// without colour), the failure code beside a failure.
fn matrix_table(out: &mut String, doc: &CheckReportJson, lang: Lang) {
    use super::glance::place_text;
    if doc.matrix.is_empty() {
        return;
    }
    let columns = super::glance::columns(&doc.matrix);
    let _ = write!(out, "| {} |", i18n::tr(lang, "glance-matrix-host"));
    for kind in &columns {
        let _ = write!(out, " {} |", i18n::tr(lang, kind.label_id()));
    }
    out.push_str("\n|---|");
    for _ in &columns {
        out.push_str("---|");
    }
    out.push('\n');
    for row in &doc.matrix {
        let _ = write!(
            out,
            "| {} {} |",
            glyph(row.worst.as_str()),
            esc(&place_text(
                lang,
                row.host.as_deref(),
                row.address.as_deref()
            ))
        );
        for index in columns.iter().map(|k| row.index(*k)) {
            match index.and_then(|i| doc.steps.get(i)) {
                Some(step) => {
                    let _ = write!(out, " {} {}", glyph(&step.status), esc(&step.status_label));
                    if let Some(code) = step
                        .code
                        .as_deref()
                        .filter(|_| step.status == "fail" || step.status == "warn")
                    {
                        let _ = write!(out, " `{}`", code.replace('`', ""));
                    }
                    out.push_str(" |");
                }
                None => out.push_str("  |"),
            }
        }
        out.push('\n');
    }
    out.push('\n');
}

/// The vantage note as a quote (why this result can differ from Microsoft 365's own).
pub(super) fn vantage_quote(out: &mut String, lang: Lang, note: &str) {
    let _ = writeln!(
        out,
        "> **{}** {}\n",
        i18n::tr(lang, "report-vantage-title"),
        markdown_lines(note, " ")
    );
}

pub(super) fn check_report(doc: &CheckReportJson, lang: Lang) -> String {
    let t = |id: &str| i18n::tr(lang, id);
    let ta = |id: &str, args: &[(&str, String)]| i18n::tr_args(lang, id, args);
    let c = &doc.connector;
    let colon = super::colon(lang);
    let mut out = String::with_capacity(4096);
    let glyph_verdict = if doc.verdict == "pass" { "✔" } else { "✖" };
    let name = if c.name.trim().is_empty() {
        joined(&c.smart_hosts, lang)
    } else {
        esc(&c.name)
    };
    let _ = writeln!(
        out,
        "### {} — {glyph_verdict} {} — {name}\n",
        t("report-title"),
        esc(&doc.verdict_label)
    );
    let _ = writeln!(out, "**{}**\n", esc(&doc.verdict_line.text));
    if doc.run.cancelled {
        let _ = writeln!(out, "**{}**\n", esc(&t("report-verdict-cancelled")));
    }
    let tls = if c.tls_domain.trim().is_empty() {
        esc(&c.tls_settings_label)
    } else {
        format!("{} — {}", esc(&c.tls_settings_label), esc(&c.tls_domain))
    };
    let hosts = if c.use_mx_record || c.smart_hosts.is_empty() {
        t("report-mx-mode")
    } else {
        joined(&c.smart_hosts, lang)
    };
    let _ = writeln!(
        out,
        "- **{}{colon}** {} · {}\n- **{}{colon}** {}\n- **{}{colon}** {}\n- **{}{colon}** {}\n- **{}{colon}** {}",
        t("report-connector"),
        value(&c.name, lang),
        esc(&c.connector_type_label),
        t("report-field-smart-hosts"),
        hosts,
        t("report-field-recipient-domains"),
        joined(&c.recipient_domains, lang),
        t("report-field-tls-settings"),
        tls,
        t("report-field-test-address"),
        value(&c.test_address, lang),
    );
    let counts = super::counts_text(lang, &doc.run.counts);
    let _ = writeln!(
        out,
        "- **{}{colon}** {} · {} · {}\n- **{}{colon}** {} · Connector Doctor {}\n",
        t("report-run"),
        esc(&i18n::date_time(lang, doc.run.started_at)),
        esc(&ta(
            "report-duration-ms",
            &[("ms", doc.run.duration_ms.to_string())]
        )),
        esc(&counts),
        t("report-field-machine"),
        esc(&doc.machine),
        esc(&doc.tool_version),
    );
    if doc.vantage_matters {
        vantage_quote(&mut out, lang, &doc.vantage_note);
    } else if !doc.steps.is_empty() {
        let _ = writeln!(
            out,
            "> {}\n",
            esc(&ta(
                "glance-vantage-folded",
                &[("machine", doc.machine.clone())]
            ))
        );
    }
    matrix_table(&mut out, doc, lang);

    if doc.steps.is_empty() {
        let _ = writeln!(out, "{}\n", esc(&t("report-no-steps")));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
            t("report-col-host"),
            t("report-col-address"),
            t("report-col-step"),
            t("report-col-status"),
            t("report-col-code"),
        );
        for step in &doc.steps {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} {} | {} |",
                esc(step.host.as_deref().unwrap_or("")),
                esc(step.address.as_deref().unwrap_or("")),
                esc(&step.step_label),
                glyph(&step.status),
                esc(&step.status_label),
                step.code
                    .as_deref()
                    .map(|c| format!("`{}`", c.replace('`', "")))
                    .unwrap_or_default(),
            );
        }
        out.push('\n');
    }

    let problems: Vec<&StepJson> = doc
        .steps
        .iter()
        .filter(|s| s.status == "fail" || s.status == "warn")
        .collect();
    if problems.is_empty() {
        if doc.verdict == "pass" {
            let _ = writeln!(out, "{}", esc(&t("report-markdown-all-passed")));
        }
        return out;
    }
    let _ = writeln!(out, "**{}**\n", t("report-markdown-failures"));
    for step in problems {
        let _ = write!(
            out,
            "- {} **{} — {}{colon} {}**",
            glyph(&step.status),
            place(step, lang),
            esc(&step.step_label),
            esc(&step.status_label),
        );
        if let Some(code) = &step.code {
            let _ = write!(out, " `{}`", code.replace('`', ""));
        }
        out.push('\n');
        if !step.detail.is_empty() {
            let _ = writeln!(out, "  - {}", markdown_lines(&step.detail, " "));
        }
        if let Some(guidance) = step.guidance.as_deref().filter(|g| !g.is_empty()) {
            let _ = writeln!(
                out,
                "  - **{}** {}",
                t("report-guidance"),
                markdown_lines(guidance, " ")
            );
        }
        if let Some(reply) = &step.reply {
            let _ = writeln!(
                out,
                "  - **{}** {} {} {}",
                t("report-server-reply"),
                reply.code,
                esc(reply.enhanced.as_deref().unwrap_or("")),
                esc(&reply.text)
            );
        }
        if let Some(probe) = step.tls.as_ref().and_then(|t| t.probe.as_ref()) {
            let _ = writeln!(
                out,
                "  - {}",
                esc(&i18n::tls_probe_summary(
                    lang,
                    &probe.versions_accepted,
                    probe.cipher_suite.as_deref(),
                    probe.cipher_suite_published,
                    probe.cipher_suite_weak,
                    probe.conclusive,
                ))
            );
        }
        for fix in &step.fix_commands {
            fix_block(&mut out, lang, &fix.purpose, &fix.command);
        }
        if let Some(cert) = step.tls.as_ref().and_then(|t| t.chain.first()) {
            let _ = writeln!(
                out,
                "  - **{}** {} · {} {} · {} {}",
                t("report-certificate"),
                esc(&cert.subject),
                t("report-cert-thumbprint"),
                esc(&cert.sha1_thumbprint),
                t("report-cert-valid-until"),
                esc(&i18n::moment_or_text(lang, &cert.not_after)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::report::samples::{OLD_THUMBPRINT, sample_run};
    use crate::report::{ReportContext, ReportFormat, render_check_report};

    /// The sample's TLS step fails and its test e-mail step is not reached: the counts sentence
    /// said "1 skipped" for it, as if the step had been left out on purpose.
    #[test]
    fn counts_sentence_names_not_reached_steps_apart_from_skipped_ones() {
        let report = sample_run(time::OffsetDateTime::UNIX_EPOCH, false, OLD_THUMBPRINT);
        let context = ReportContext::current();
        let en = render_check_report(&report, ReportFormat::Markdown, Lang::En, &context);
        assert!(
            en.contains("3 passed, 0 with a warning, 1 failed, 0 skipped, 1 not reached"),
            "{en}"
        );
        let fr = render_check_report(&report, ReportFormat::Markdown, Lang::Fr, &context);
        assert!(
            fr.contains("1 en échec, 0 non exécutée, 1 non atteinte"),
            "{fr}"
        );
        // Nothing not reached: the sentence stays as it was.
        let passing = sample_run(time::OffsetDateTime::UNIX_EPOCH, true, OLD_THUMBPRINT);
        let en = render_check_report(&passing, ReportFormat::Markdown, Lang::En, &context);
        assert!(en.contains("0 failed, 0 skipped\n"), "{en}");
    }
}
