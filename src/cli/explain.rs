//! `connector-doctor explain`: recognise an SMTP reply / NDR line and explain it.
//!
//! Exit status: 0 at least one status code was recognised, 2 the text holds none (or is empty).

use std::fmt::Write as _;

use super::{ExplainArgs, Format, LangArg, out};
use crate::exit::{EXIT_INPUT, EXIT_PASS};
use crate::i18n::{Lang, localize, tr, tr_args};
use crate::input_file::{InputKind, read_stream};
use crate::sanitize::shown;
use crate::tenant::explain::{Explanation, explain};
use crate::tenant::ndr::{NdrReport, parse_ndr};

pub fn run(args: ExplainArgs) -> u8 {
    let lang = LangArg::resolve(args.lang);
    let mut text = args.text.join(" ");
    if let Some(path) = &args.file {
        let read = crate::input_file::read_file(path, InputKind::Ndr)
            .map_err(|e| e.message())
            .and_then(|bytes| parse_ndr(&bytes, &path.display().to_string()));
        return match read {
            Ok(ndr) => explain_ndr(&ndr, &args, lang),
            Err(problem) => {
                out::error(&format!(
                    "{}: --file: {}",
                    tr(lang, "cli-error"),
                    localize(lang, &problem)
                ));
                EXIT_INPUT
            }
        };
    }
    if text.trim().is_empty() {
        let stdin = std::io::stdin().lock();
        match read_stream(stdin, "stdin", InputKind::ExplainText) {
            Ok(bytes) => {
                // An `.eml` NDR piped in: its delivery-status part says it best.
                if let Ok(ndr) = parse_ndr(&bytes, "stdin")
                    && ndr.delivery_status
                {
                    return explain_ndr(&ndr, &args, lang);
                }
                text = String::from_utf8_lossy(&bytes).into_owned()
            }
            Err(e) => {
                out::error(&format!(
                    "{}: {}",
                    tr(lang, "cli-error"),
                    localize(lang, &e.message())
                ));
                return EXIT_INPUT;
            }
        }
    }
    if text.trim().is_empty() {
        out::error(&format!(
            "{}: {}",
            tr(lang, "cli-error"),
            tr(lang, "input-explain-empty")
        ));
        return EXIT_INPUT;
    }
    let found = explain(&text);
    let written = match args.format {
        Format::Json => out::json(&crate::report::explain_json(&found, lang)),
        Format::Text => out::text(&explanations_text(&found, lang)),
    };
    let status = if found.iter().all(|e| e.code == "unrecognised") {
        EXIT_INPUT
    } else {
        EXIT_PASS
    };
    out::finish(written, status, &tr(lang, "cli-error"))
}

/// The explanation of an NDR's diagnostic code (or status), with what the NDR said.
fn explain_ndr(ndr: &NdrReport, args: &ExplainArgs, lang: Lang) -> u8 {
    let described = ndr
        .diagnostic_code
        .clone()
        .or_else(|| ndr.status.clone())
        .unwrap_or_default();
    let found = explain(&described);
    let written = match args.format {
        Format::Json => out::json(&crate::report::explain_ndr_json(&found, ndr, lang)),
        Format::Text => out::text(&format!(
            "{}\n{}",
            ndr_text(ndr, lang),
            explanations_text(&found, lang)
        )),
    };
    let status = if found.iter().all(|e| e.code == "unrecognised") {
        EXIT_INPUT
    } else {
        EXIT_PASS
    };
    out::finish(written, status, &tr(lang, "cli-error"))
}

/// What an NDR said, one field a line (values made printable).
pub fn ndr_text(ndr: &NdrReport, lang: Lang) -> String {
    let colon = super::tenant::colon(lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        tr_args(
            lang,
            "explain-ndr-heading",
            &[("source", shown(&ndr.source))]
        )
    );
    for (id, value) in [
        ("explain-ndr-status", &ndr.status),
        ("explain-ndr-diagnostic-code", &ndr.diagnostic_code),
        ("explain-ndr-reporting-mta", &ndr.reporting_mta),
        ("explain-ndr-remote-mta", &ndr.remote_mta),
        ("explain-ndr-recipient", &ndr.final_recipient),
        ("explain-ndr-connector", &ndr.connector),
    ] {
        if let Some(value) = value {
            let _ = writeln!(out, "  {}{colon} {}", tr(lang, id), shown(value));
        }
    }
    out
}

/// The explanations for a technician.
pub fn explanations_text(found: &[Explanation], lang: Lang) -> String {
    let colon = super::tenant::colon(lang);
    let mut out = String::new();
    for (i, e) in found.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "{} — {}", tr(lang, "explain-heading"), e.code);
        if let Some(reason) = &e.reason {
            let _ = writeln!(
                out,
                "  {}{colon} {}",
                tr(lang, "explain-reason"),
                shown(reason)
            );
        }
        if !e.line.is_empty() {
            let line = crate::sanitize::shown(&e.line);
            let _ = writeln!(out, "  {}{colon} {line}", tr(lang, "explain-found-in"));
        }
        let _ = writeln!(out, "  {}{colon}", tr(lang, "explain-meaning-label"));
        let _ = writeln!(out, "    {}", localize(lang, &e.meaning));
        let _ = writeln!(out, "  {}{colon}", tr(lang, "explain-fix-label"));
        let _ = writeln!(out, "    {}", localize(lang, &e.fix));
        let _ = writeln!(out, "  → {}", tr(lang, e.wizard.label_id()));
    }
    out
}
