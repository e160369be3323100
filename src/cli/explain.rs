//! `connector-doctor explain`: recognise an SMTP reply / NDR line and explain it.
//!
//! Exit status: 0 at least one status code was recognised, 2 the text holds none (or is empty).

use std::fmt::Write as _;

use super::{ExplainArgs, Format, LangArg, out};
use crate::exit::{EXIT_INPUT, EXIT_PASS};
use crate::i18n::{Lang, localize, tr};
use crate::input_file::{InputKind, read_stream};
use crate::tenant::explain::{Explanation, explain};

pub fn run(args: ExplainArgs) -> u8 {
    let lang = LangArg::resolve(args.lang);
    let mut text = args.text.join(" ");
    if text.trim().is_empty() {
        let stdin = std::io::stdin().lock();
        match read_stream(stdin, "stdin", InputKind::ExplainText) {
            Ok(bytes) => text = String::from_utf8_lossy(&bytes).into_owned(),
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
