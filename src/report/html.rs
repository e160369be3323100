//! The HTML report: one self-contained page (inline CSS, no script, no external resource, a
//! Content-Security-Policy that forbids both anyway), readable on screen and on paper.

use std::fmt::Write;

use super::document::{CheckReportJson, StepJson};
use super::status_glyph as glyph;
use super::text::{html as esc, html_lines};
use crate::i18n::{self, Lang};

pub(super) const CSS: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  margin: 0; color: #1b1b1f; background: #f5f6f8; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.55em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid #d5d9df; padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
.sub { color: #4a4f57; margin: 0; }
.verdict { padding: 14px 18px; border-radius: 8px; font-weight: 700; font-size: 1.25em; margin: 16px 0 8px; }
.verdict small { display: block; font-weight: 400; font-size: .75em; margin-top: 2px; }
.verdict.pass { background: #e2f3e7; color: #0b5a27; border: 2px solid #2e9b55; }
.verdict.fail { background: #fde7e7; color: #8b1012; border: 2px solid #d13438; }
.note { background: #fff7df; border-left: 5px solid #d99a00; padding: 10px 14px; margin: 10px 0; }
.cancelled { background: #eceef1; border-left: 5px solid #6b7280; padding: 10px 14px; margin: 10px 0; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 6px 0; }
th, td { border: 1px solid #d5d9df; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #eceff3; font-weight: 600; }
table.kv th { width: 32%; }
.badge { display: inline-block; min-width: 5.2em; text-align: center; border-radius: 4px; padding: 1px 6px;
  font-weight: 700; font-size: .85em; color: #fff; background: #6b7280; }
.badge.pass { background: #2e7d4a; } .badge.warn { background: #b7791f; } .badge.fail { background: #c42b2f; }
tr.fail td { background: #fff4f4; } tr.warn td { background: #fffaf0; }
section.step { background: #fff; border: 1px solid #d5d9df; border-left: 6px solid #6b7280; border-radius: 6px;
  padding: 10px 14px; margin: 10px 0; break-inside: avoid; }
section.step.pass { border-left-color: #2e7d4a; } section.step.warn { border-left-color: #b7791f; }
section.step.fail { border-left-color: #c42b2f; }
section.step h4 { margin: 0 0 6px; font-size: 1em; }
.guidance { background: #eaf2ff; border-left: 4px solid #2563eb; padding: 8px 12px; margin: 8px 0; }
.guidance strong { display: block; }
.mono, code, pre { font-family: ui-monospace, "Cascadia Mono", Consolas, "DejaVu Sans Mono", monospace; }
.mono { word-break: break-all; }
code { background: #eef0f3; padding: 0 4px; border-radius: 3px; font-size: .92em; }
pre { white-space: pre-wrap; word-break: break-all; background: #f1f3f5; border: 1px solid #e1e4e8;
  padding: 8px 10px; font-size: 12.5px; line-height: 1.4; margin: 6px 0; }
.dir { color: #6b7280; user-select: none; }
details { margin: 6px 0; }
summary { cursor: pointer; font-weight: 600; }
.muted { color: #5b616b; }
footer { margin-top: 32px; color: #5b616b; font-size: .85em; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .verdict, .badge, tr.fail td, tr.warn td, .guidance, .note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  details::details-content { content-visibility: visible; display: contents; }
  details > summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3, h4 { break-after: avoid; }
}
"#;

fn status_class(status: &str) -> &'static str {
    match status {
        "pass" => "pass",
        "warn" => "warn",
        "fail" => "fail",
        _ => "skipped",
    }
}

fn badge(step: &StepJson) -> String {
    format!(
        r#"<span class="badge {}">{} {}</span>"#,
        status_class(&step.status),
        glyph(&step.status),
        esc(&step.status_label)
    )
}

fn or_none(lang: Lang, value: &str) -> String {
    if value.trim().is_empty() {
        format!(
            r#"<span class="muted">{}</span>"#,
            esc(&i18n::tr(lang, "report-value-none"))
        )
    } else {
        format!(r#"<span class="mono">{}</span>"#, esc(value))
    }
}

fn list_or_none(lang: Lang, items: &[String]) -> String {
    if items.is_empty() {
        return or_none(lang, "");
    }
    items
        .iter()
        .map(|i| format!(r#"<span class="mono">{}</span>"#, esc(i)))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn kv(out: &mut String, label: &str, value_html: &str) {
    let _ = writeln!(out, "<tr><th>{}</th><td>{value_html}</td></tr>", esc(label));
}

fn where_of(step: &StepJson, lang: Lang) -> String {
    match (&step.host, &step.address) {
        (Some(h), Some(a)) => format!("{h} ({a})"),
        (Some(h), None) => h.clone(),
        (None, Some(a)) => a.clone(),
        (None, None) => i18n::tr(lang, "report-connector-wide"),
    }
}

/// The start of a report page, up to and including `<main>`: the document head with the
/// Content-Security-Policy, the title (already escaped) and the style sheet.
pub(super) fn page_start(out: &mut String, language: &str, generator: Option<&str>, title: &str) {
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
"#,
        lang = esc(language),
    );
    if let Some(version) = generator {
        let _ = writeln!(
            out,
            r#"<meta name="generator" content="Connector Doctor {}">"#,
            esc(version)
        );
    }
    let _ = write!(
        out,
        "<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
    );
}

/// The vantage note box (why this result can differ from Microsoft 365's own).
pub(super) fn vantage_box(out: &mut String, lang: Lang, note: &str) {
    let _ = writeln!(
        out,
        r#"<div class="note"><strong>{}</strong><br>{}</div>"#,
        esc(&i18n::tr(lang, "report-vantage-title")),
        html_lines(note)
    );
}

/// The footer (tool version, machine, time) and the end of the page.
pub(super) fn page_end(out: &mut String, lang: Lang, version: &str, machine: &str, time: &str) {
    let _ = writeln!(
        out,
        "<footer>{}</footer>\n</main>\n</body>\n</html>",
        esc(&i18n::tr_args(
            lang,
            "report-footer",
            &[
                ("version", version.to_string()),
                ("machine", machine.to_string()),
                ("time", time.to_string()),
            ],
        ))
    );
}

pub(super) fn check_report(doc: &CheckReportJson, lang: Lang) -> String {
    let t = |id: &str| i18n::tr(lang, id);
    let ta = |id: &str, args: &[(&str, String)]| i18n::tr_args(lang, id, args);
    let c = &doc.connector;
    let verdict_class = if doc.verdict == "pass" {
        "pass"
    } else {
        "fail"
    };
    let title_name = if c.name.trim().is_empty() {
        c.smart_hosts.join(", ")
    } else {
        c.name.clone()
    };
    let counts = super::counts_text(lang, &doc.run.counts);

    let mut out = String::with_capacity(16 * 1024);
    page_start(
        &mut out,
        &doc.language,
        Some(&doc.generated_by),
        &format!(
            "{} — {} — {}",
            esc(&t("report-title")),
            esc(&title_name),
            esc(&doc.verdict_label)
        ),
    );
    let _ = write!(
        out,
        r#"<header>
<h1>{title}</h1>
<p class="sub">{name}</p>
</header>
<div class="verdict {verdict_class}" role="status">{glyph} {verdict}<small>{counts}</small></div>
"#,
        title = esc(&t("report-title")),
        name = esc(&title_name),
        verdict = esc(&doc.verdict_label),
        glyph = if verdict_class == "pass" {
            "✔"
        } else {
            "✖"
        },
        counts = esc(&counts),
    );
    if doc.run.cancelled {
        let _ = writeln!(
            out,
            r#"<div class="cancelled">{}</div>"#,
            esc(&t("report-verdict-cancelled"))
        );
    }
    vantage_box(&mut out, lang, &doc.vantage_note);

    // Connector.
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table class=\"kv\">",
        esc(&t("report-connector"))
    );
    kv(&mut out, &t("report-field-name"), &or_none(lang, &c.name));
    kv(
        &mut out,
        &t("report-field-type"),
        &esc(&c.connector_type_label),
    );
    kv(
        &mut out,
        &t("report-field-smart-hosts"),
        &list_or_none(lang, &c.smart_hosts),
    );
    kv(
        &mut out,
        &t("report-field-use-mx"),
        &esc(&t(if c.use_mx_record {
            "report-value-yes"
        } else {
            "report-value-no"
        })),
    );
    kv(
        &mut out,
        &t("report-field-recipient-domains"),
        &list_or_none(lang, &c.recipient_domains),
    );
    kv(
        &mut out,
        &t("report-field-tls-settings"),
        &esc(&c.tls_settings_label),
    );
    kv(
        &mut out,
        &t("report-field-tls-domain"),
        &or_none(lang, &c.tls_domain),
    );
    kv(
        &mut out,
        &t("report-field-test-address"),
        &or_none(lang, &c.test_address),
    );
    let mail_from = if c.mail_from.trim().is_empty() {
        esc(&t("report-value-null-sender"))
    } else {
        or_none(lang, &c.mail_from)
    };
    kv(&mut out, &t("report-field-mail-from"), &mail_from);
    out.push_str("</table>\n");

    // Run.
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table class=\"kv\">",
        esc(&t("report-run"))
    );
    kv(
        &mut out,
        &t("report-field-started"),
        &or_none(lang, &crate::cert::rfc3339(doc.run.started_at)),
    );
    kv(
        &mut out,
        &t("report-field-finished"),
        &or_none(lang, &crate::cert::rfc3339(doc.run.finished_at)),
    );
    kv(
        &mut out,
        &t("report-field-duration"),
        &esc(&ta(
            "report-duration-ms",
            &[("ms", doc.run.duration_ms.to_string())],
        )),
    );
    kv(
        &mut out,
        &t("report-field-machine"),
        &or_none(lang, &doc.machine),
    );
    kv(
        &mut out,
        &t("report-field-tool-version"),
        &or_none(lang, &doc.tool_version),
    );
    kv(
        &mut out,
        &t("report-field-generated"),
        &or_none(lang, &crate::cert::rfc3339(doc.generated_at)),
    );
    kv(
        &mut out,
        &t("report-field-dns-server"),
        &or_none(lang, &doc.options.dns_server),
    );
    kv(
        &mut out,
        &t("report-field-timeout"),
        &esc(&ta(
            "report-seconds",
            &[("secs", doc.options.timeout_secs.to_string())],
        )),
    );
    kv(
        &mut out,
        &t("report-field-send-test"),
        &esc(&t(if doc.options.send_test_message {
            "report-value-yes"
        } else {
            "report-value-no"
        })),
    );
    out.push_str("</table>\n");

    // Summary table.
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(&t("report-summary")),
        esc(&t("report-col-host")),
        esc(&t("report-col-address")),
        esc(&t("report-col-step")),
        esc(&t("report-col-status")),
        esc(&t("report-col-code")),
        esc(&t("report-col-time")),
    );
    for (i, step) in doc.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            r##"<tr class="{cls}"><td class="mono">{host}</td><td class="mono">{addr}</td><td><a href="#step-{i}">{label}</a></td><td>{badge}</td><td>{code}</td><td>{ms}</td></tr>"##,
            cls = status_class(&step.status),
            host = esc(step.host.as_deref().unwrap_or("")),
            addr = esc(step.address.as_deref().unwrap_or("")),
            label = esc(&step.step_label),
            badge = badge(step),
            code = step
                .code
                .as_deref()
                .map(|c| format!("<code>{}</code>", esc(c)))
                .unwrap_or_default(),
            ms = esc(&ta(
                "report-duration-ms",
                &[("ms", step.duration_ms.to_string())]
            )),
        );
    }
    if doc.steps.is_empty() {
        let _ = writeln!(
            out,
            r#"<tr><td colspan="6">{}</td></tr>"#,
            esc(&t("report-no-steps"))
        );
    }
    out.push_str("</tbody>\n</table>\n");

    // Details, grouped by host in the order they first appear.
    let _ = writeln!(out, "<h2>{}</h2>", esc(&t("report-details")));
    let mut current_host: Option<Option<&str>> = None;
    for (i, step) in doc.steps.iter().enumerate() {
        if current_host != Some(step.host.as_deref()) {
            current_host = Some(step.host.as_deref());
            let heading = step
                .host
                .clone()
                .unwrap_or_else(|| t("report-connector-wide"));
            let _ = writeln!(out, r#"<h3 class="mono">{}</h3>"#, esc(&heading));
        }
        step_section(&mut out, i, step, lang);
    }

    page_end(
        &mut out,
        lang,
        &doc.generated_by,
        &doc.machine,
        &crate::cert::rfc3339(doc.generated_at),
    );
    out
}

fn step_section(out: &mut String, i: usize, step: &StepJson, lang: Lang) {
    let t = |id: &str| i18n::tr(lang, id);
    let ta = |id: &str, args: &[(&str, String)]| i18n::tr_args(lang, id, args);
    let _ = writeln!(
        out,
        r#"<section class="step {cls}" id="step-{i}">
<h4>{badge} {label} — <span class="mono">{place}</span> <span class="muted">({ms})</span></h4>"#,
        cls = status_class(&step.status),
        badge = badge(step),
        label = esc(&step.step_label),
        place = esc(&where_of(step, lang)),
        ms = esc(&ta(
            "report-duration-ms",
            &[("ms", step.duration_ms.to_string())]
        )),
    );
    if !step.detail.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", html_lines(&step.detail));
    }
    if let Some(code) = &step.code {
        let guidance = step.guidance.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            r#"<div class="guidance"><strong>{} <code>{}</code></strong>{}</div>"#,
            esc(&t("report-guidance")),
            esc(code),
            html_lines(guidance)
        );
    }
    if let Some(reply) = &step.reply {
        let enhanced = reply.enhanced.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            r#"<p><strong>{}</strong> <span class="mono">{} {} {}</span></p>"#,
            esc(&t("report-server-reply")),
            reply.code,
            esc(enhanced),
            esc(&reply.text)
        );
    }
    if !step.resolved.is_empty() {
        let _ = writeln!(
            out,
            r#"<p><strong>{}</strong> {}</p>"#,
            esc(&t("report-resolved")),
            list_or_none(lang, &step.resolved).replace("<br>", ", ")
        );
    }
    if let Some(tls) = &step.tls {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            esc(&ta(
                "report-tls-session",
                &[
                    ("protocol", tls.protocol.clone()),
                    ("cipher", tls.cipher_suite.clone()),
                ],
            ))
        );
        if !tls.verification.is_empty() {
            let _ = writeln!(
                out,
                "<p><strong>{}</strong></p>\n<ul>",
                esc(&t("report-verification"))
            );
            for line in &tls.verification {
                let _ = writeln!(out, "<li>{}</li>", html_lines(line));
            }
            out.push_str("</ul>\n");
        }
        if !tls.chain.is_empty() {
            let _ = writeln!(
                out,
                "<details><summary>{}</summary>",
                esc(&ta(
                    "report-certificate-chain",
                    &[("count", tls.chain.len().to_string())]
                ))
            );
            for (n, cert) in tls.chain.iter().enumerate() {
                let _ = writeln!(out, "<table class=\"kv\">");
                kv(
                    out,
                    &ta("report-certificate-n", &[("n", (n + 1).to_string())]),
                    &or_none(lang, &cert.subject),
                );
                kv(out, &t("report-cert-issuer"), &or_none(lang, &cert.issuer));
                kv(out, &t("report-cert-sans"), &list_or_none(lang, &cert.sans));
                kv(
                    out,
                    &t("report-cert-valid-from"),
                    &or_none(lang, &cert.not_before),
                );
                kv(
                    out,
                    &t("report-cert-valid-until"),
                    &or_none(lang, &cert.not_after),
                );
                kv(out, &t("report-cert-serial"), &or_none(lang, &cert.serial));
                kv(
                    out,
                    &t("report-cert-thumbprint"),
                    &or_none(lang, &cert.sha1_thumbprint),
                );
                kv(out, &t("report-cert-sha256"), &or_none(lang, &cert.sha256));
                kv(
                    out,
                    &t("report-cert-self-signed"),
                    &esc(&t(if cert.self_issued {
                        "report-value-yes"
                    } else {
                        "report-value-no"
                    })),
                );
                out.push_str("</table>\n");
            }
            out.push_str("</details>\n");
        }
    }
    if !step.transcript.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{}</summary>\n<pre>",
            esc(&ta(
                "report-transcript",
                &[(
                    "count",
                    (step.transcript.len() + step.transcript_omitted).to_string()
                )],
            ))
        );
        for line in &step.transcript {
            let dir = if line.direction == "sent" { "C:" } else { "S:" };
            let _ = writeln!(out, r#"<span class="dir">{dir}</span> {}"#, esc(&line.text));
        }
        if step.transcript_omitted > 0 {
            let _ = writeln!(
                out,
                "{}",
                esc(&ta(
                    "report-transcript-omitted",
                    &[("count", step.transcript_omitted.to_string())]
                ))
            );
        }
        out.push_str("</pre>\n</details>\n");
    }
    out.push_str("</section>\n");
}
