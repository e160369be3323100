//! `connector-doctor explain`: recognise an SMTP reply / NDR line and explain it.
//!
//! Exit status: 0 at least one status code was recognised, 2 the text holds none (or is empty).

use std::fmt::Write as _;
use std::io::Read;

use super::{EXIT_INPUT, EXIT_PASS, ExplainArgs, Format, LangArg, out};
use crate::i18n::{Lang, localize, tr};
use crate::tenant::explain::{Explanation, explain};

pub fn run(args: ExplainArgs) -> u8 {
    let lang = LangArg::resolve(args.lang);
    let mut text = args.text.join(" ");
    if text.trim().is_empty() {
        let mut bytes = Vec::new();
        if std::io::stdin().read_to_end(&mut bytes).is_ok() {
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
    }
    if text.trim().is_empty() {
        out::error(&format!(
            "{}: {}",
            tr(lang, "tenant-error"),
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
    out::finish(written, status, &tr(lang, "tenant-error"))
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
