//! The HTML report: one self-contained page (inline CSS, no script, no external resource, a
//! Content-Security-Policy that forbids both anyway), readable on screen and on paper.
//!
//! The markup is written with maud's `html!`, which escapes every spliced `(value)`; the only
//! `PreEscaped` is the constant style sheet below. Every text (foreign or translated) is spliced
//! as [`Shown`], which also makes control and invisible characters visible.

use std::fmt::Write as _;

use maud::{DOCTYPE, Escaper, Markup, PreEscaped, Render, html};

use super::document::{CheckReportJson, StepJson};
use super::status_glyph as glyph;
use crate::i18n::{self, Lang};
use crate::sanitize::visible;

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
.verdict-line { font-weight: 600; margin: 4px 0 10px; }
table.matrix td, table.matrix th { text-align: center; white-space: nowrap; }
table.matrix td.place, table.matrix th.place { text-align: left; white-space: normal; }
table.matrix td a { text-decoration: none; color: inherit; display: block; }
table.matrix td.pass { background: #e2f3e7; } table.matrix td.warn { background: #fff3d6; }
table.matrix td.fail { background: #fde7e7; font-weight: 700; } table.matrix td.skipped { color: #6b7280; }
.fix { border: 1px solid #9aa5b1; border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: #fbfcfd; }
.fix pre { user-select: all; }
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

/// A text as the reader should see it: control and invisible characters made visible by the one
/// sanitizer ([`visible`]), then escaped by maud (`& < > "`) and `'` too, so it stays text in any
/// element or attribute, whoever wrote it.
pub(super) struct Shown<'a>(pub &'a str);

impl Render for Shown<'_> {
    fn render_to(&self, buffer: &mut String) {
        let shown = visible(self.0);
        for (i, part) in shown.split('\'').enumerate() {
            if i > 0 {
                buffer.push_str("&#39;");
            }
            let _ = Escaper::new(buffer).write_str(part);
        }
    }
}

/// A text of several lines: each line [`Shown`], separated by `<br>`.
pub(super) fn lines(text: &str) -> Markup {
    html! {
        @for (i, line) in text.lines().enumerate() {
            @if i > 0 { br; }
            (Shown(line))
        }
    }
}

/// The host × step matrix, failures first; each cell links to its step's detail below
/// (`#step-N`) and carries the glyph and the status word, so it reads without colour.
fn matrix(doc: &CheckReportJson, lang: Lang) -> Markup {
    let t = |id: &str| i18n::tr(lang, id);
    let columns = super::glance::columns(&doc.matrix);
    html! {
        @if !doc.matrix.is_empty() {
            h2 { (Shown(&t("glance-matrix-title"))) }
            table.matrix {
                thead {
                    tr {
                        th.place { (Shown(&t("glance-matrix-host"))) }
                        @for kind in &columns { th { (Shown(&t(kind.label_id()))) } }
                    }
                }
                tbody {
                    @for row in &doc.matrix {
                        tr {
                            td.place.mono {
                                (glyph(row.worst.as_str())) " "
                                (Shown(&super::glance::place_text(lang, row.host.as_deref(), row.address.as_deref())))
                            }
                            @for index in columns.iter().map(|k| row.index(*k)) {
                                @match index.and_then(|i| doc.steps.get(i).map(|s| (i, s))) {
                                    Some((i, step)) => {
                                        td.(status_class(&step.status)) {
                                            a href={ "#step-" (i) } title=(Shown(&format!("{} — {}", step.step_label, step.status_label))) {
                                                (glyph(&step.status)) " " (Shown(&step.status_label))
                                                @if let Some(code) = step.code.as_deref().filter(|_| step.status == "fail" || step.status == "warn") {
                                                    br; code { (Shown(code)) }
                                                }
                                            }
                                        }
                                    }
                                    None => { td {} }
                                }
                            }
                        }
                    }
                }
            }
            p.muted { (Shown(&t("glance-matrix-legend"))) }
        }
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "pass" => "pass",
        "warn" => "warn",
        "fail" => "fail",
        _ => "skipped",
    }
}

fn badge(step: &StepJson) -> Markup {
    html! {
        span.badge.(status_class(&step.status)) {
            (glyph(&step.status)) " " (Shown(&step.status_label))
        }
    }
}

fn or_none(lang: Lang, value: &str) -> Markup {
    html! {
        @if value.trim().is_empty() {
            span.muted { (Shown(&i18n::tr(lang, "report-value-none"))) }
        } @else {
            span.mono { (Shown(value)) }
        }
    }
}

/// The items one per line (`inline`: separated by commas), or "none".
fn list_or_none(lang: Lang, items: &[String], inline: bool) -> Markup {
    if items.is_empty() {
        return or_none(lang, "");
    }
    html! {
        @for (i, item) in items.iter().enumerate() {
            @if i > 0 {
                @if inline { ", " } @else { br; }
            }
            span.mono { (Shown(item)) }
        }
    }
}

fn kv(label: &str, value: Markup) -> Markup {
    html! { tr { th { (Shown(label)) } td { (value) } } }
}

fn yes_no(lang: Lang, value: bool) -> Markup {
    let id = if value {
        "report-value-yes"
    } else {
        "report-value-no"
    };
    html! { (Shown(&i18n::tr(lang, id))) }
}

fn where_of(step: &StepJson, lang: Lang) -> String {
    match (&step.host, &step.address) {
        (Some(h), Some(a)) => format!("{h} ({a})"),
        (Some(h), None) => h.clone(),
        (None, Some(a)) => a.clone(),
        (None, None) => i18n::tr(lang, "report-connector-wide"),
    }
}

/// What the footer says: tool version, machine, time.
pub(super) struct Footer<'a> {
    pub version: &'a str,
    pub machine: &'a str,
    pub time: &'a str,
}

/// A whole report page: the document head with the Content-Security-Policy, the title (plain
/// text) and the style sheet, then `content` and the footer.
pub(super) fn page(
    lang: Lang,
    language: &str,
    generator: Option<&str>,
    title: &str,
    content: Markup,
    footer: Footer<'_>,
) -> String {
    let footer_text = i18n::tr_args(
        lang,
        "report-footer",
        &[
            ("version", footer.version.to_string()),
            ("machine", footer.machine.to_string()),
            ("time", footer.time.to_string()),
        ],
    );
    html! {
        (DOCTYPE)
        html lang=(Shown(language)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                meta name="referrer" content="no-referrer";
                @if let Some(version) = generator {
                    meta name="generator" content={ "Connector Doctor " (Shown(version)) };
                }
                title { (Shown(title)) }
                // The only pre-escaped markup: our own constant style sheet.
                style { (PreEscaped(CSS)) }
            }
            body {
                main {
                    (content)
                    footer { (Shown(&footer_text)) }
                }
            }
        }
    }
    .into_string()
}

/// The vantage note box (why this result can differ from Microsoft 365's own).
pub(super) fn vantage_box(lang: Lang, note: &str) -> Markup {
    html! {
        div.note {
            strong { (Shown(&i18n::tr(lang, "report-vantage-title"))) }
            br;
            (lines(note))
        }
    }
}

/// The verdict banner: `pass` green with ✔, anything else red with ✖.
pub(super) fn verdict_box(pass: bool, label: &str, counts: Option<&str>) -> Markup {
    html! {
        div.verdict.(if pass { "pass" } else { "fail" }) role="status" {
            (if pass { "✔" } else { "✖" }) " " (Shown(label))
            @if let Some(counts) = counts {
                small { (Shown(counts)) }
            }
        }
    }
}

pub(super) fn check_report(doc: &CheckReportJson, lang: Lang) -> String {
    let t = |id: &str| i18n::tr(lang, id);
    let ta = |id: &str, args: &[(&str, String)]| i18n::tr_args(lang, id, args);
    let ms = |ms: u64| ta("report-duration-ms", &[("ms", ms.to_string())]);
    let c = &doc.connector;
    let title_name = if c.name.trim().is_empty() {
        c.smart_hosts.join(", ")
    } else {
        c.name.clone()
    };
    let counts = super::counts_text(lang, &doc.run.counts);
    let title = format!(
        "{} — {} — {}",
        t("report-title"),
        title_name,
        doc.verdict_label
    );

    let content = html! {
        header {
            h1 { (Shown(&t("report-title"))) }
            p.sub { (Shown(&title_name)) }
        }
        (verdict_box(doc.verdict == "pass", &doc.verdict_label, Some(&counts)))
        p.verdict-line { (Shown(&doc.verdict_line.text)) }
        @if doc.run.cancelled {
            div.cancelled { (Shown(&t("report-verdict-cancelled"))) }
        }
        @if doc.vantage_matters {
            (vantage_box(lang, &doc.vantage_note))
        } @else if !doc.steps.is_empty() {
            p.muted { (Shown(&ta("glance-vantage-folded", &[("machine", doc.machine.clone())]))) }
        }
        (matrix(doc, lang))

        h2 { (Shown(&t("report-connector"))) }
        table.kv {
            (kv(&t("report-field-name"), or_none(lang, &c.name)))
            (kv(&t("report-field-type"), html! { (Shown(&c.connector_type_label)) }))
            (kv(&t("report-field-smart-hosts"), list_or_none(lang, &c.smart_hosts, false)))
            (kv(&t("report-field-use-mx"), yes_no(lang, c.use_mx_record)))
            (kv(&t("report-field-recipient-domains"), list_or_none(lang, &c.recipient_domains, false)))
            (kv(&t("report-field-tls-settings"), html! { (Shown(&c.tls_settings_label)) }))
            (kv(&t("report-field-tls-domain"), or_none(lang, &c.tls_domain)))
            (kv(&t("report-field-test-address"), or_none(lang, &c.test_address)))
            (kv(&t("report-field-mail-from"), if c.mail_from.trim().is_empty() {
                html! { (Shown(&t("report-value-null-sender"))) }
            } else {
                or_none(lang, &c.mail_from)
            }))
        }

        h2 { (Shown(&t("report-run"))) }
        table.kv {
            (kv(&t("report-field-started"), or_none(lang, &i18n::date_time(lang, doc.run.started_at))))
            (kv(&t("report-field-finished"), or_none(lang, &i18n::date_time(lang, doc.run.finished_at))))
            (kv(&t("report-field-duration"), html! { (Shown(&ms(doc.run.duration_ms))) }))
            (kv(&t("report-field-machine"), or_none(lang, &doc.machine)))
            (kv(&t("report-field-tool-version"), or_none(lang, &doc.tool_version)))
            (kv(&t("report-field-generated"), or_none(lang, &i18n::date_time(lang, doc.generated_at))))
            (kv(&t("report-field-dns-server"), or_none(lang, &doc.options.dns_server)))
            (kv(&t("report-field-timeout"), html! {
                (Shown(&ta("report-seconds", &[("secs", doc.options.timeout_secs.to_string())])))
            }))
            (kv(&t("report-field-send-test"), yes_no(lang, doc.options.send_test_message)))
        }

        h2 { (Shown(&t("report-summary"))) }
        table {
            thead {
                tr {
                    @for id in ["report-col-host", "report-col-address", "report-col-step",
                                "report-col-status", "report-col-code", "report-col-time"] {
                        th { (Shown(&t(id))) }
                    }
                }
            }
            tbody {
                @for (i, step) in doc.steps.iter().enumerate() {
                    tr.(status_class(&step.status)) {
                        td.mono { (Shown(step.host.as_deref().unwrap_or(""))) }
                        td.mono { (Shown(step.address.as_deref().unwrap_or(""))) }
                        td { a href={ "#step-" (i) } { (Shown(&step.step_label)) } }
                        td { (badge(step)) }
                        td {
                            @if let Some(code) = &step.code {
                                code { (Shown(code)) }
                            }
                        }
                        td { (Shown(&ms(step.duration_ms))) }
                    }
                }
                @if doc.steps.is_empty() {
                    tr { td colspan="6" { (Shown(&t("report-no-steps"))) } }
                }
            }
        }

        // Details, grouped by host in the order they first appear.
        h2 { (Shown(&t("report-details"))) }
        @for (i, step) in doc.steps.iter().enumerate() {
            @if i == 0 || doc.steps[i - 1].host != step.host {
                h3.mono {
                    (Shown(&step.host.clone().unwrap_or_else(|| t("report-connector-wide"))))
                }
            }
            (step_section(i, step, lang))
        }
    };

    page(
        lang,
        &doc.language,
        Some(&doc.generated_by),
        &title,
        content,
        Footer {
            version: &doc.generated_by,
            machine: &doc.machine,
            time: &crate::cert::rfc3339(doc.generated_at),
        },
    )
}

fn step_section(i: usize, step: &StepJson, lang: Lang) -> Markup {
    let t = |id: &str| i18n::tr(lang, id);
    let ta = |id: &str, args: &[(&str, String)]| i18n::tr_args(lang, id, args);
    let ms = ta(
        "report-duration-ms",
        &[("ms", step.duration_ms.to_string())],
    );
    html! {
        section.step.(status_class(&step.status)) id={ "step-" (i) } {
            h4 {
                (badge(step)) " " (Shown(&step.step_label)) " — "
                span.mono { (Shown(&where_of(step, lang))) }
                " "
                span.muted { "(" (Shown(&ms)) ")" }
            }
            @if !step.detail.is_empty() {
                p { (lines(&step.detail)) }
            }
            @if let Some(code) = &step.code {
                div.guidance {
                    strong { (Shown(&t("report-guidance"))) " " code { (Shown(code)) } }
                    (lines(step.guidance.as_deref().unwrap_or("")))
                }
            }
            @for fix in &step.fix_commands {
                div.fix {
                    strong { (Shown(&t("glance-fix-title"))) } " " (Shown(&fix.purpose))
                    pre { (Shown(&fix.command)) }
                }
            }
            @if let Some(reply) = &step.reply {
                p {
                    strong { (Shown(&t("report-server-reply"))) }
                    " "
                    span.mono {
                        (reply.code) " " (Shown(reply.enhanced.as_deref().unwrap_or(""))) " "
                        (Shown(&reply.text))
                    }
                }
            }
            @if !step.resolved.is_empty() {
                p {
                    strong { (Shown(&t("report-resolved"))) }
                    " "
                    (list_or_none(lang, &step.resolved, true))
                }
            }
            @if let Some(tls) = &step.tls {
                p {
                    (Shown(&ta("report-tls-session", &[
                        ("protocol", tls.protocol.clone()),
                        ("cipher", tls.cipher_suite.clone()),
                    ])))
                }
                @if let Some(probe) = &tls.probe {
                    p {
                        (Shown(&i18n::tls_probe_summary(
                            lang,
                            &probe.versions_accepted,
                            probe.cipher_suite.as_deref(),
                            probe.cipher_suite_published,
                            probe.cipher_suite_weak,
                            probe.conclusive,
                        )))
                    }
                }
                @if !tls.verification.is_empty() {
                    p { strong { (Shown(&t("report-verification"))) } }
                    ul {
                        @for line in &tls.verification {
                            li { (lines(line)) }
                        }
                    }
                }
                @if !tls.chain.is_empty() {
                    details {
                        summary {
                            (Shown(&ta("report-certificate-chain", &[("count", tls.chain.len().to_string())])))
                        }
                        @for (n, cert) in tls.chain.iter().enumerate() {
                            table.kv {
                                (kv(&ta("report-certificate-n", &[("n", (n + 1).to_string())]),
                                    or_none(lang, &cert.subject)))
                                (kv(&t("report-cert-issuer"), or_none(lang, &cert.issuer)))
                                (kv(&t("report-cert-sans"), list_or_none(lang, &cert.sans, false)))
                                (kv(&t("report-cert-valid-from"), or_none(lang, &cert.not_before)))
                                (kv(&t("report-cert-valid-until"), or_none(lang, &i18n::moment_or_text(lang, &cert.not_after))))
                                (kv(&t("report-cert-serial"), or_none(lang, &cert.serial)))
                                (kv(&t("report-cert-thumbprint"), or_none(lang, &cert.sha1_thumbprint)))
                                (kv(&t("report-cert-sha256"), or_none(lang, &cert.sha256)))
                                (kv(&t("report-cert-self-signed"), yes_no(lang, cert.self_issued)))
                            }
                        }
                    }
                }
            }
            @if !step.transcript.is_empty() {
                details {
                    summary {
                        (Shown(&ta("report-transcript", &[(
                            "count",
                            (step.transcript.len() + step.transcript_omitted).to_string(),
                        )])))
                    }
                    pre {
                        @for line in &step.transcript {
                            span.dir { (if line.direction == "sent" { "C:" } else { "S:" }) }
                            " " (Shown(&line.text)) "\n"
                        }
                        @if step.transcript_omitted > 0 {
                            (Shown(&ta("report-transcript-omitted", &[
                                ("count", step.transcript_omitted.to_string()),
                            ])))
                            "\n"
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_escapes_all_five_and_shows_controls() {
        let markup =
            html! { p title=(Shown("'\"")) { (Shown(r#"<a href="x" onclick='y'>&</a>"#)) } };
        assert_eq!(
            markup.into_string(),
            "<p title=\"&#39;&quot;\">&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;</p>"
        );
        let markup = html! { (Shown("a\u{1b}[2J\u{202e}b")) };
        assert_eq!(markup.into_string(), "a\\u{1b}[2J‹U+202E›b");
    }

    #[test]
    fn lines_breaks_between_escaped_lines() {
        assert_eq!(lines("a<\nb>").into_string(), "a&lt;<br>b&gt;");
    }
}
