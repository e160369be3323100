//! What `explain --format json` prints: the recognised status codes of a pasted SMTP reply or
//! NDR, as a typed, versioned document (`schema_version` 1, published as
//! `assets/schema/explain.schema.json`). Codes (`code`, `wizard`) are stable identifiers;
//! `meaning`, `fix` and `wizard_hint` are in `language`. The pasted `line` is bounded like every
//! other foreign value.

use serde::{Deserialize, Serialize};

use super::document::{cut, localized};
use super::text::MAX_LIST_ITEMS;
use crate::i18n::{self, Lang};
use crate::tenant::explain::Explanation;
use crate::tenant::ndr::NdrReport;

/// Version of [`ExplainJson`].
pub const EXPLAIN_SCHEMA_VERSION: u32 = 1;
/// `kind` of an explanation document.
pub const EXPLAIN_KIND: &str = "explain";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplainJson {
    pub schema_version: u32,
    /// Always `explain`.
    pub kind: String,
    /// `en` or `fr`: the language of `meaning`, `fix` and `wizard_hint`.
    pub language: String,
    pub tool_version: String,
    /// At least one explanation; a text with no status code gives one `unrecognised` entry.
    pub explanations: Vec<ExplanationJson>,
    /// What the NDR's delivery-status part said, when an `.eml` NDR was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ndr: Option<NdrJson>,
}

/// The fields of an NDR (RFC 3464), bounded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NdrJson {
    pub delivery_status: bool,
    pub reporting_mta: Option<String>,
    pub remote_mta: Option<String>,
    pub status: Option<String>,
    pub diagnostic_code: Option<String>,
    pub final_recipient: Option<String>,
    pub connector: Option<String>,
}

impl NdrJson {
    pub fn new(ndr: &NdrReport, lang: Lang) -> NdrJson {
        let c = |v: &Option<String>| v.as_deref().map(|s| cut(lang, s));
        NdrJson {
            delivery_status: ndr.delivery_status,
            reporting_mta: c(&ndr.reporting_mta),
            remote_mta: c(&ndr.remote_mta),
            status: c(&ndr.status),
            diagnostic_code: c(&ndr.diagnostic_code),
            final_recipient: c(&ndr.final_recipient),
            connector: c(&ndr.connector),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplanationJson {
    /// Stable id: `tenant-attribution`, `att36`, `connection-refused`… `unrecognised`.
    pub code: String,
    /// The SMTP reply code (`550`), when the line has one.
    pub basic: Option<u16>,
    /// The enhanced status code (`5.7.64`), when the line has one.
    pub enhanced: Option<String>,
    /// The pasted line it was found in (trimmed, bounded).
    pub line: String,
    pub meaning: String,
    pub fix: String,
    /// Which check to run next: `validation` | `tenant-attribution` | `none`.
    pub wizard: String,
    /// That pointer as a sentence in `language`.
    pub wizard_hint: String,
    /// The bracketed reason of a 4.7.320 reply (`SubjectMismatch`).
    #[serde(default)]
    pub reason: Option<String>,
}

/// The document for `found` in `lang`.
pub fn explain_document(found: &[Explanation], lang: Lang) -> ExplainJson {
    ExplainJson {
        schema_version: EXPLAIN_SCHEMA_VERSION,
        kind: EXPLAIN_KIND.to_string(),
        language: lang.code().to_string(),
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        explanations: found
            .iter()
            .take(MAX_LIST_ITEMS)
            .map(|e| ExplanationJson {
                code: e.code.clone(),
                basic: e.basic,
                enhanced: e.enhanced.as_deref().map(|s| cut(lang, s)),
                line: cut(lang, &e.line),
                meaning: localized(lang, &e.meaning),
                fix: localized(lang, &e.fix),
                wizard: e.wizard.as_str().to_string(),
                wizard_hint: i18n::tr(lang, e.wizard.label_id()),
                reason: e.reason.as_deref().map(|s| cut(lang, s)),
            })
            .collect(),
        ndr: None,
    }
}

/// The document as `explain --format json` prints it (pretty, one final newline, hidden
/// characters escaped).
pub fn explain_json(found: &[Explanation], lang: Lang) -> String {
    super::json_report(&explain_document(found, lang), EXPLAIN_SCHEMA_VERSION)
}

/// [`explain_json`] with what the NDR said.
pub fn explain_ndr_json(found: &[Explanation], ndr: &NdrReport, lang: Lang) -> String {
    let mut document = explain_document(found, lang);
    document.ndr = Some(NdrJson::new(ndr, lang));
    super::json_report(&document, EXPLAIN_SCHEMA_VERSION)
}
