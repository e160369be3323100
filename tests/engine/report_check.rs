//! Check reports: every format carries the facts, untrusted server text is escaped and bounded.

use connector_doctor::checks::{Direction, RunReport, SmtpReply, Status, TranscriptLine};
use connector_doctor::i18n::Lang;
use connector_doctor::report::samples::{OLD_THUMBPRINT, sample_run};
use connector_doctor::report::{
    CheckReportJson, ReportContext, ReportFormat, check_report_markdown, render_check_report,
    vantage_note, write_check_report,
};

use crate::support::schema::Schema;

/// A time written as RFC 3339 (test literals only).
fn at(rfc3339: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .expect("an RFC 3339 literal")
}

const HOSTILE: &str = "<script>alert(1)</script>";

fn context() -> ReportContext {
    ReportContext {
        tool_version: "9.8.7".to_string(),
        generated_at: time::macros::datetime!(2026-10-02 08:00:05 UTC),
        machine: "TECH-LAPTOP-42".to_string(),
        vantage_note: vantage_note("TECH-LAPTOP-42"),
    }
}

fn failing_run() -> RunReport {
    sample_run(at("2026-10-02T08:00:01Z"), false, OLD_THUMBPRINT)
}

fn tls_step(report: &mut RunReport) -> &mut connector_doctor::checks::StepResult {
    report
        .steps
        .iter_mut()
        .find(|s| s.step == connector_doctor::checks::StepKind::Tls)
        .expect("sample has a TLS step")
}

/// A run where the server put a script into its banner, its reply and its certificate.
fn hostile_run() -> RunReport {
    let mut report = failing_run();
    let tls = tls_step(&mut report);
    tls.transcript.push(TranscriptLine {
        direction: Direction::Received,
        text: format!("220 evil.example ESMTP {HOSTILE}"),
    });
    let session = tls.tls.as_mut().expect("tls session");
    session.chain[0].subject = format!("CN={HOSTILE}, O=\"Evil\" & 'Co'");
    session.chain[0].issuer = "CN=<img src=x onerror=alert(2)>".to_string();
    tls.reply = Some(SmtpReply {
        code: 454,
        enhanced: Some("4.7.0".to_string()),
        text: format!("TLS not available {HOSTILE} | `rm -rf` [click](javascript:alert(3)) *bold*"),
    });
    report
}

#[test]
fn html_shows_a_hostile_banner_and_certificate_subject_as_text() {
    let html = render_check_report(&hostile_run(), ReportFormat::Html, Lang::En, &context());
    assert!(!html.contains(HOSTILE), "raw script tag must not appear");
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "no script element at all"
    );
    assert!(!html.contains("<img"), "no img element from the issuer");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains(
        "CN=&lt;script&gt;alert(1)&lt;/script&gt;, O=&quot;Evil&quot; &amp; &#39;Co&#39;"
    ));
    assert!(html.contains("CN=&lt;img src=x onerror=alert(2)&gt;"));
    // Self-contained: no external fetch of any kind.
    for forbidden in [
        "<link",
        "src=\"",
        "href=\"http",
        "@import",
        "url(",
        "<iframe",
        "<object",
    ] {
        assert!(!html.contains(forbidden), "found {forbidden:?}");
    }
    assert!(
        html.contains("default-src 'none'"),
        "CSP forbids scripts and fetches"
    );
    assert!(html.contains("@media print"));
    assert!(
        html.contains("<details>"),
        "certificates and transcripts are folded"
    );
}

/// What a server reply, a certificate field or a log line can carry to break out of the page: a
/// quote and `>` that would end an attribute and a tag, a script element, the end of the style
/// sheet, a single-quoted event handler, and terminal controls.
const BREAKOUT: &str = "x\" onmouseover=\"alert(4)\"><script>alert(5)</script></style><style>*{display:none}</style>' onfocus='alert(6)' \u{1b}[2J\u{202e}";

/// Elements and attributes the report pages are made of; anything else came from a value.
const ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "h1", "h2", "h3",
    "h4", "p", "div", "small", "strong", "br", "table", "thead", "tbody", "tr", "th", "td", "span",
    "a", "code", "section", "ul", "li", "details", "summary", "pre",
];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "class",
    "role",
    "id",
    "href",
    "colspan",
    // The glance matrix's cells: the step's name and status as a tooltip (escaped by maud).
    "title",
];

/// Reads the page's tags as a browser would (quoted attribute values, the style sheet as raw
/// text) and fails on any element, attribute or link that the report's own markup never writes.
fn assert_markup_is_ours(page: &str) {
    assert_eq!(page.matches("<style>").count(), 1, "one style sheet");
    assert_eq!(
        page.matches("</style>").count(),
        1,
        "the style sheet ends once"
    );
    assert!(
        !page.to_ascii_lowercase().contains("<script"),
        "no script element"
    );
    let mut rest = page;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if let Some(after) = rest.strip_prefix("!DOCTYPE html>") {
            rest = after;
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>')
            .expect("a tag ends");
        let closing = rest.starts_with('/');
        let name = rest[..name_end].trim_start_matches('/');
        assert!(ELEMENTS.contains(&name), "element {name:?} is not ours");
        rest = &rest[name_end..];
        // Attributes up to the closing `>`, honouring quotes.
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            let attr_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .expect("an attribute ends");
            let attr = &rest[..attr_end];
            assert!(
                ATTRIBUTES.contains(&attr),
                "attribute {attr:?} on <{name}> is not ours"
            );
            rest = &rest[attr_end..];
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"').expect("a quoted value ends");
                let value = &after[..close];
                if attr == "href" {
                    assert!(
                        value.starts_with("#step-"),
                        "link {value:?} leaves the page"
                    );
                }
                rest = &after[close + 1..];
            } else {
                assert!(!rest.starts_with('='), "unquoted value for {attr:?}");
            }
        }
        if name == "style" && !closing {
            let end = rest.find("</style>").expect("the style sheet ends");
            rest = &rest[end..];
        }
    }
}

/// What the reader sees of [`BREAKOUT`]: every character shown as text.
fn assert_breakout_shown_as_text(page: &str) {
    assert!(
        page.contains(
            "x&quot; onmouseover=&quot;alert(4)&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;\
             &lt;/style&gt;&lt;style&gt;*{display:none}&lt;/style&gt;&#39; onfocus=&#39;alert(6)&#39; "
        ),
        "the hostile value is shown escaped"
    );
    assert!(page.contains("\\u{1b}[2J"), "ESC is shown");
    assert!(page.contains("‹U+202E›"), "the bidi override is shown");
    assert!(!page.contains('\u{1b}') && !page.contains('\u{202e}'));
}

#[test]
fn html_check_report_keeps_a_hostile_reply_subject_and_host_as_text() {
    let mut report = failing_run();
    report.request.connector.name = BREAKOUT.to_string();
    let tls = tls_step(&mut report);
    tls.host = Some(BREAKOUT.to_string());
    tls.detail = connector_doctor::checks::Message::new("detail-tls-handshake-failed")
        .arg("error", BREAKOUT);
    tls.transcript.push(TranscriptLine {
        direction: Direction::Received,
        text: format!("220 {BREAKOUT}"),
    });
    tls.reply = Some(SmtpReply {
        code: 454,
        enhanced: Some(BREAKOUT.to_string()),
        text: BREAKOUT.to_string(),
    });
    let session = tls.tls.as_mut().expect("tls session");
    session.chain[0].subject = format!("CN={BREAKOUT}");
    session.chain[0].issuer = BREAKOUT.to_string();
    session.chain[0].sans = vec![BREAKOUT.to_string()];
    for lang in [Lang::En, Lang::Fr] {
        let html = render_check_report(&report, ReportFormat::Html, lang, &context());
        assert_markup_is_ours(&html);
        assert_breakout_shown_as_text(&html);
        assert!(
            html.contains("CN=x&quot; onmouseover"),
            "the subject is shown"
        );
    }
}

#[test]
fn markdown_neutralises_a_hostile_reply() {
    let md = render_check_report(&hostile_run(), ReportFormat::Markdown, Lang::En, &context());
    assert!(!md.contains(HOSTILE));
    assert!(!md.contains("<img"));
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        md.contains("\\| \\`rm -rf\\`"),
        "pipes and backticks escaped: {md}"
    );
    assert!(
        !md.contains("[click](javascript"),
        "no link syntax survives"
    );
    assert!(md.contains("\\[click\\]"));
    assert!(md.contains("\\*bold\\*"));
    // Each table row has as many cell separators as its table's header (no pipe leaked from
    // data): the glance matrix and the step table.
    let mut header_count = None;
    for line in md.lines() {
        if !line.starts_with("| ") {
            header_count = None;
            continue;
        }
        let count = line.replace("\\|", "").matches('|').count();
        let expected = *header_count.get_or_insert(count);
        assert_eq!(count, expected, "row {line:?}");
    }
    assert!(
        md.lines().any(|l| l.starts_with("| ")),
        "the report has its tables"
    );
}

#[test]
fn control_characters_and_a_one_megabyte_banner_are_bounded() {
    let mut report = failing_run();
    let huge = format!("220 {}\u{1b}[31m\u{0}{}", "A".repeat(1024 * 1024), HOSTILE);
    {
        let tls = tls_step(&mut report);
        tls.transcript.push(TranscriptLine {
            direction: Direction::Received,
            text: "220 bell\u{7}esc\u{1b}[2Jnul\u{0}rlo\u{202e}txt".to_string(),
        });
        tls.transcript.push(TranscriptLine {
            direction: Direction::Received,
            text: huge.clone(),
        });
        tls.reply = Some(SmtpReply {
            code: 421,
            enhanced: None,
            text: format!("bell\u{7}esc\u{1b}[2Jnul\u{0}rlo\u{202e}txt {huge}"),
        });
        tls.tls.as_mut().expect("tls").chain[0].subject = huge.clone();
        // Many lines: the transcript is bounded too.
        for n in 0..5000 {
            tls.transcript.push(TranscriptLine {
                direction: Direction::Sent,
                text: format!("NOOP {n}"),
            });
        }
    }
    for format in ReportFormat::ALL {
        let out = render_check_report(&report, format, Lang::En, &context());
        assert!(
            out.len() < 256 * 1024,
            "{format:?} report is {} bytes for a 1 MB banner",
            out.len()
        );
        assert!(
            out.contains("characters in all"),
            "{format:?} shows the cut marker"
        );
        assert!(
            !out.contains('\u{1b}'),
            "{format:?} must not carry a raw ESC"
        );
        assert!(
            !out.contains('\u{0}'),
            "{format:?} must not carry a raw NUL"
        );
        assert!(
            !out.contains('\u{202e}'),
            "{format:?} must not carry a raw RLO"
        );
        if format != ReportFormat::Json {
            // Markdown doubles the backslash (its reader shows one).
            let esc = match format {
                ReportFormat::Markdown => "esc\\\\u{1b}",
                _ => "esc\\u{1b}",
            };
            assert!(out.contains(esc), "{format:?} shows ESC as an escape");
            assert!(
                out.contains("‹U+202E›"),
                "{format:?} shows RLO by its code point"
            );
        }
    }
    // JSON keeps the exact characters for scripts, escaped on disk.
    let json = render_check_report(&report, ReportFormat::Json, Lang::En, &context());
    assert!(json.contains("\\u202e"));
    let doc: CheckReportJson = serde_json::from_str(&json).expect("json parses");
    let tls = doc.steps.iter().find(|s| s.step == "tls").expect("tls");
    let reply = &tls.reply.as_ref().expect("reply").text;
    assert!(reply.starts_with("bell\u{7}esc\u{1b}[2Jnul\u{0}rlo\u{202e}txt 220 AAAA"));
    assert!(reply.chars().count() < 4200, "{}", reply.chars().count());
    assert_eq!(tls.transcript.len(), 400);
    assert!(tls.transcript_omitted > 4000);
    let html = render_check_report(&report, ReportFormat::Html, Lang::En, &context());
    assert!(html.contains("more lines not shown"));
    assert!(html.contains("\\u{7}") && html.contains("\\u{0}"));
}

#[test]
fn json_is_versioned_complete_and_parses_back() {
    let report = failing_run();
    let json = render_check_report(&report, ReportFormat::Json, Lang::Fr, &context());
    let doc: CheckReportJson = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(doc.schema_version, 2);
    assert_eq!(doc.kind, "connector-check");
    assert_eq!(doc.language, "fr");
    assert_eq!(doc.machine, "TECH-LAPTOP-42");
    assert_eq!(doc.generated_by, "9.8.7");
    assert_eq!(doc.connector.name, "Contoso outbound");
    assert_eq!(doc.connector.tls_settings, "domain-validation");
    assert_eq!(doc.connector.tls_domain, "mail.contoso.com");
    assert_eq!(doc.verdict, "fail");
    assert_eq!(doc.run.counts.fail, 1);
    assert_eq!(doc.steps.len(), report.steps.len());
    let tls = doc
        .steps
        .iter()
        .find(|s| s.step == "tls")
        .expect("tls step");
    assert_eq!(tls.status, "fail");
    assert_eq!(tls.code.as_deref(), Some("tls.expired"));
    assert_eq!(tls.detail_id, "detail-tls-expired");
    let guidance = tls.guidance.as_deref().expect("guidance for a failure");
    assert!(
        !guidance.is_empty() && guidance != "guide-tls-expired",
        "{guidance}"
    );
    // The sentence writes the date the reader's way (French: day first).
    assert!(
        tls.detail.contains("2025-06-30") || tls.detail.contains("30/06/2025"),
        "{}",
        tls.detail
    );
    assert_eq!(
        tls.tls.as_ref().expect("tls facts").chain[0].sha1_thumbprint,
        OLD_THUMBPRINT
    );
    assert_eq!(
        tls.certificate.as_ref().expect("end-entity certificate"),
        &tls.tls.as_ref().expect("tls facts").chain[0]
    );
    assert!(doc.vantage_note.contains("TECH-LAPTOP-42"));
    assert!(doc.vantage_note.contains("Microsoft 365"));
    // Stable field names scripts rely on.
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    for key in [
        "schema_version",
        "verdict",
        "connector",
        "run",
        "input_errors",
        "steps",
        "machine",
        "tool_version",
    ] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    assert_eq!(value["generated_at"], "2026-10-02T08:00:05Z");
    Schema::CheckReport.assert_valid(&value);
}

#[test]
fn every_format_carries_connector_run_and_vantage_facts_in_both_languages() {
    let report = failing_run();
    for lang in [Lang::En, Lang::Fr] {
        for format in ReportFormat::ALL {
            let out = render_check_report(&report, format, lang, &context());
            // The run's start: a timestamp for scripts, a date as the language writes it for
            // people.
            let started = match (format, lang) {
                (ReportFormat::Json, _) => "2026-10-02T08:00:01Z",
                (_, Lang::En) => "2026-10-02 08:00 UTC",
                (_, Lang::Fr) => "02/10/2026 08:00 UTC",
            };
            for needle in [
                "Contoso outbound",
                "mail.contoso.com",
                "admin@contoso.com",
                "TECH-LAPTOP-42",
                "tls.expired",
                started,
                env!("CARGO_PKG_VERSION"),
            ] {
                assert!(out.contains(needle), "{lang:?} {format:?} lacks {needle:?}");
            }
            let vantage = match lang {
                Lang::En => "not from Microsoft 365's servers",
                Lang::Fr => "depuis les serveurs de Microsoft 365",
            };
            assert!(
                out.contains(vantage) || out.contains(&vantage.replace('\'', "&#39;")),
                "{lang:?} {format:?} lacks the vantage note"
            );
        }
    }
    let fr = render_check_report(&report, ReportFormat::Html, Lang::Fr, &context());
    assert!(fr.contains("Rapport de vérification du connecteur"));
    assert!(fr.contains("<html lang=\"fr\">"));
    assert!(
        !fr.contains("What to do"),
        "no English left in the French report"
    );
}

#[test]
fn markdown_is_short_and_lists_only_problems() {
    let report = failing_run();
    let md = render_check_report(&report, ReportFormat::Markdown, Lang::En, &context());
    assert!(md.lines().count() < 40, "{} lines", md.lines().count());
    assert!(
        md.contains("| mail.contoso.com | 192.0.2.10:25 | TLS | ✖ Failed | `tls.expired` |"),
        "{md}"
    );
    let problems = md
        .split("Failures and warnings")
        .nth(1)
        .expect("problem list");
    assert!(problems.contains("`tls.expired`"));
    assert!(
        !problems.contains("SMTP EHLO"),
        "passed steps are not repeated"
    );
    assert!(
        !md.contains("220 mail.contoso.com ESMTP ready"),
        "no transcript in Markdown"
    );

    let passing = sample_run(at("2026-10-03T08:00:01Z"), true, OLD_THUMBPRINT);
    assert_eq!(
        passing
            .steps
            .iter()
            .filter(|s| s.status == Status::Fail)
            .count(),
        0
    );
    let md = check_report_markdown(&passing, Lang::En);
    assert!(md.contains("Every step passed."));
}

#[test]
fn format_follows_the_extension_and_writes_atomically() {
    use std::path::Path;
    assert_eq!(
        ReportFormat::from_path(Path::new("r.HTML")),
        Ok(ReportFormat::Html)
    );
    assert_eq!(
        ReportFormat::from_path(Path::new("r.htm")),
        Ok(ReportFormat::Html)
    );
    assert_eq!(
        ReportFormat::from_path(Path::new("r.md")),
        Ok(ReportFormat::Markdown)
    );
    assert_eq!(
        ReportFormat::from_path(Path::new("r.markdown")),
        Ok(ReportFormat::Markdown)
    );
    assert_eq!(
        ReportFormat::from_path(Path::new("r.json")),
        Ok(ReportFormat::Json)
    );
    let err = ReportFormat::from_path(Path::new("r.txt")).expect_err("txt");
    assert!(err.to_string().contains("r.txt") && err.to_string().contains(".html"));
    assert!(err.message(Lang::Fr).contains("terminez le nom"));
    assert!(ReportFormat::from_path(Path::new("report")).is_err());

    let dir = tempfile::tempdir().expect("tempdir");
    let report = failing_run();
    for name in ["out.html", "out.md", "out.json"] {
        let path = dir.path().join("sub").join(name);
        write_check_report(&path, &report, Lang::En).expect("written");
        let text = std::fs::read_to_string(&path).expect("read back");
        assert!(text.contains("Contoso outbound"), "{name}");
    }
    let err = write_check_report(&dir.path().join("out.pdf"), &report, Lang::En).expect_err("pdf");
    assert!(err.contains("out.pdf"), "{err}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");
}

mod tenant {
    use super::*;
    use connector_doctor::checks::{Message, Verdict};
    use connector_doctor::report::tenant::{
        TenantReportJson, render_tenant_report, tenant_vantage_note,
    };
    use connector_doctor::report::write_tenant_report;
    use connector_doctor::tenant::{
        Diagnosis, Finding, InboundConnector, LogStats, SentCertificate, Severity, TenantInputs,
        findings,
    };

    fn diagnosis() -> Diagnosis {
        let cert = SentCertificate {
            subject: format!("CN={HOSTILE}"),
            issuer: "CN=Contoso CA | `x`".to_string(),
            serial: "0A".to_string(),
            thumbprint: OLD_THUMBPRINT.to_string(),
            sans: vec!["mail.contoso.com".to_string()],
            sessions: 12,
            rejected_sessions: 12,
            ..SentCertificate::default()
        };
        Diagnosis {
            verdict: Verdict::Fail,
            findings: vec![Finding::new(
                findings::EXPIRED,
                Severity::Fail,
                Message::new("finding-certificate-expired")
                    .arg("subject", format!("CN={HOSTILE}"))
                    .arg("not_after", "2025-06-30T23:59:59Z"),
            )],
            certificate: Some(cert.clone()),
            certificate_source: Some(connector_doctor::tenant::CertificateSource::Logs),
            certificates: vec![cert],
            certificate_changes: Vec::new(),
            warnings: Vec::new(),
            warnings_dropped: 0,
            notes: vec![Message::new("note-sending-ip-unknown")],
            log_stats: Some(LogStats {
                files_read: 3,
                bytes_read: 12_500_000,
                sessions: 40,
                rejected_sessions: 12,
                ..LogStats::default()
            }),
            inputs: TenantInputs {
                connector: InboundConnector {
                    name: Some("Inbound from on-premises".to_string()),
                    tls_sender_certificate_name: Some("*.contoso.com".to_string()),
                    ..InboundConnector::default()
                },
                accepted_domains: vec!["contoso.com".to_string()],
                ..TenantInputs::default()
            },
            evidence: Default::default(),
            generated_at: time::macros::datetime!(2026-10-02 08:00:00 UTC),
            tool_version: "0.1.0".to_string(),
        }
    }

    fn tenant_context() -> ReportContext {
        ReportContext {
            vantage_note: tenant_vantage_note("TECH-LAPTOP-42"),
            ..context()
        }
    }

    #[test]
    fn html_tenant_report_keeps_hostile_log_fields_and_subject_as_text() {
        use connector_doctor::tenant::{CertificateChange, CertificateRef, LogWarning};
        let mut d = diagnosis();
        let hostile = SentCertificate {
            subject: format!("CN={BREAKOUT}"),
            issuer: BREAKOUT.to_string(),
            sans: vec![BREAKOUT.to_string()],
            first_seen: Some(BREAKOUT.to_string()),
            ..SentCertificate::default()
        };
        d.certificate = Some(hostile.clone());
        d.certificates.push(hostile);
        d.certificate_changes.push(CertificateChange {
            at: BREAKOUT.to_string(),
            from: CertificateRef {
                subject: BREAKOUT.to_string(),
                thumbprint: OLD_THUMBPRINT.to_string(),
            },
            to: CertificateRef {
                subject: format!("CN={BREAKOUT}"),
                thumbprint: BREAKOUT.to_string(),
            },
            from_last_seen: None,
        });
        d.warnings.push(LogWarning {
            file: BREAKOUT.to_string(),
            line: 7,
            problem: Message::new("log-warn-header-missing-column").arg("column", BREAKOUT),
        });
        d.findings[0].detail = Message::new("finding-certificate-expired")
            .arg("subject", BREAKOUT)
            .arg("not_after", BREAKOUT);
        d.inputs.send_connector = Some(BREAKOUT.to_string());
        d.inputs.connector.name = Some(BREAKOUT.to_string());
        for lang in [Lang::En, Lang::Fr] {
            let html = render_tenant_report(&d, ReportFormat::Html, lang, &tenant_context());
            assert_markup_is_ours(&html);
            assert_breakout_shown_as_text(&html);
            assert!(html.contains("<details>"), "the warnings are folded");
        }
    }

    #[test]
    fn tenant_report_in_every_format_escapes_the_certificate_subject() {
        let d = diagnosis();
        let html = render_tenant_report(&d, ReportFormat::Html, Lang::En, &tenant_context());
        assert!(!html.contains(HOSTILE));
        assert!(html.contains("CN=&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("attribution.certificate-expired"));
        assert!(html.contains("*.contoso.com"));
        assert!(html.contains("TECH-LAPTOP-42"));
        assert!(html.contains("default-src 'none'"));

        let md = render_tenant_report(&d, ReportFormat::Markdown, Lang::Fr, &tenant_context());
        assert!(!md.contains(HOSTILE));
        assert!(md.contains("&lt;script&gt;"));
        assert!(md.contains("\\| \\`x\\`"), "{md}");
        assert!(md.contains("\\*.contoso.com"), "{md}");
        assert!(
            md.contains("Diagnostic") || md.contains("diagnostic"),
            "{md}"
        );

        let json = render_tenant_report(&d, ReportFormat::Json, Lang::En, &tenant_context());
        let doc: TenantReportJson = serde_json::from_str(&json).expect("json");
        Schema::TenantReport.assert_valid(&serde_json::from_str(&json).expect("json"));
        assert_eq!(doc.schema_version, 1);
        assert_eq!(
            doc.diagnosed_at,
            time::macros::datetime!(2026-10-02 08:00:00 UTC)
        );
        assert_eq!(doc.kind, "tenant-attribution");
        assert_eq!(doc.verdict, "fail");
        assert_eq!(doc.findings[0].code, "attribution.certificate-expired");
        assert!(
            !doc.findings[0].guidance.starts_with("guide-"),
            "{}",
            doc.findings[0].guidance
        );
        assert_eq!(
            doc.certificate.as_ref().expect("cert").source.as_deref(),
            Some("logs")
        );
        assert!(doc.log.as_ref().expect("log").summary.contains("12.5"));
        assert!(doc.vantage_note.contains("TECH-LAPTOP-42"));

        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["t.html", "t.md", "t.json"] {
            write_tenant_report(&dir.path().join(name), &d, Lang::En).expect("write");
        }
        assert!(write_tenant_report(&dir.path().join("t.docx"), &d, Lang::En).is_err());
    }
}

/// The published schemas list exactly the codes the program can print: a new failure code,
/// step, finding or explanation without a schema update fails here, not in a user's script.
mod published_schemas {
    use crate::support::schema::Schema;
    use connector_doctor::checks::{FailureCode, StepKind};
    use connector_doctor::model::TlsPolicy;
    use connector_doctor::report::{
        CHECK_REPORT_SCHEMA_VERSION, EXPLAIN_SCHEMA_VERSION, TENANT_REPORT_SCHEMA_VERSION,
    };
    use connector_doctor::tenant::explain::EXPLAIN_CODES;
    use connector_doctor::tenant::findings::FINDING_CODES;
    use serde_json::Value;

    /// The strings of an `enum` at `pointer` (inside an `anyOf` with null, if any).
    fn enum_at(schema: &Value, pointer: &str) -> Vec<String> {
        let node = schema
            .pointer(pointer)
            .unwrap_or_else(|| panic!("no {pointer} in the schema"));
        let list = node
            .get("enum")
            .or_else(|| node.pointer("/anyOf/0/enum"))
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{pointer} has no enum: {node}"));
        let mut out: Vec<String> = list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        out.sort();
        out
    }

    fn sorted(list: impl IntoIterator<Item = String>) -> Vec<String> {
        let mut out: Vec<String> = list.into_iter().collect();
        out.sort();
        out
    }

    #[test]
    fn check_schema_lists_every_failure_code_step_and_tls_setting() {
        let schema = Schema::CheckReport.json();
        assert_eq!(
            enum_at(&schema, "/$defs/step/properties/code"),
            sorted(FailureCode::ALL.iter().map(|c| c.as_str().to_string()))
        );
        assert_eq!(
            enum_at(&schema, "/$defs/step/properties/step"),
            sorted(StepKind::ALL.iter().map(|s| s.as_str().to_string()))
        );
        assert_eq!(
            enum_at(&schema, "/properties/connector/properties/tls_settings"),
            sorted(
                [
                    TlsPolicy::Opportunistic,
                    TlsPolicy::EncryptionOnly,
                    TlsPolicy::CertificateValidation,
                    TlsPolicy::DomainValidation,
                ]
                .iter()
                .map(|p| p.as_str().to_string())
            )
        );
        assert_eq!(
            schema.pointer("/properties/schema_version/const"),
            Some(&Value::from(CHECK_REPORT_SCHEMA_VERSION))
        );
    }

    #[test]
    fn tenant_schema_lists_every_finding_code() {
        let schema = Schema::TenantReport.json();
        assert_eq!(
            enum_at(&schema, "/properties/findings/items/properties/code"),
            sorted(FINDING_CODES.iter().map(|c| c.to_string()))
        );
        assert_eq!(
            schema.pointer("/properties/schema_version/const"),
            Some(&Value::from(TENANT_REPORT_SCHEMA_VERSION))
        );
    }

    #[test]
    fn explain_schema_lists_every_explanation_code() {
        let schema = Schema::Explain.json();
        assert_eq!(
            enum_at(&schema, "/properties/explanations/items/properties/code"),
            sorted(EXPLAIN_CODES.iter().map(|c| c.to_string()))
        );
        assert_eq!(
            schema.pointer("/properties/schema_version/const"),
            Some(&Value::from(EXPLAIN_SCHEMA_VERSION))
        );
    }
}
