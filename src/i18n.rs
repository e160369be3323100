//! French and English words for everything the user sees, from the fluent files in `locales/`.
//! The engine speaks in message ids; only the CLI, the GUI and the reports call into this module.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::{LanguageIdentifier, langid};

use crate::checks::Message;

/// The languages the product ships.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The folder under `locales/`.
    pub fn locale_dir(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Fr => "fr-FR",
        }
    }

    /// Accepts `en`, `fr`, `fr-FR`, `fr_CA.UTF-8`, `French`…
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("fr") {
            Some(Lang::Fr)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The operating system's language when it is French, English otherwise.
    pub fn from_os() -> Lang {
        sys_locale::get_locale()
            .and_then(|l| Lang::parse(&l))
            .unwrap_or(Lang::En)
    }
}

/// The fluent sources of one language, embedded at build time so the binary stands alone.
pub fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => &[
            ("checks.ftl", include_str!("../locales/en-US/checks.ftl")),
            ("ui.ftl", include_str!("../locales/en-US/ui.ftl")),
            ("tenant.ftl", include_str!("../locales/en-US/tenant.ftl")),
            ("report.ftl", include_str!("../locales/en-US/report.ftl")),
            (
                "wizard-tenant.ftl",
                include_str!("../locales/en-US/wizard-tenant.ftl"),
            ),
            (
                "wizard-reports.ftl",
                include_str!("../locales/en-US/wizard-reports.ftl"),
            ),
            // Results at a glance (issue 12).
            ("glance.ftl", include_str!("../locales/en-US/glance.ftl")),
        ],
        Lang::Fr => &[
            ("checks.ftl", include_str!("../locales/fr-FR/checks.ftl")),
            ("ui.ftl", include_str!("../locales/fr-FR/ui.ftl")),
            ("tenant.ftl", include_str!("../locales/fr-FR/tenant.ftl")),
            ("report.ftl", include_str!("../locales/fr-FR/report.ftl")),
            (
                "wizard-tenant.ftl",
                include_str!("../locales/fr-FR/wizard-tenant.ftl"),
            ),
            (
                "wizard-reports.ftl",
                include_str!("../locales/fr-FR/wizard-reports.ftl"),
            ),
            // Results at a glance (issue 12).
            ("glance.ftl", include_str!("../locales/fr-FR/glance.ftl")),
        ],
    }
}

type Bundle = FluentBundle<FluentResource>;

fn build_bundle(lang: Lang) -> Bundle {
    let id: LanguageIdentifier = match lang {
        Lang::En => langid!("en-US"),
        Lang::Fr => langid!("fr-FR"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) show up as boxes in terminals and tickets.
    bundle.set_use_isolating(false);
    for (_, source) in sources(lang) {
        // A syntax error in a shipped file is caught by the locale tests; here we keep what parsed.
        let resource = match FluentResource::try_new(source.to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn bundle(lang: Lang) -> &'static Bundle {
    static EN: OnceLock<Bundle> = OnceLock::new();
    static FR: OnceLock<Bundle> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| build_bundle(Lang::En)),
        Lang::Fr => FR.get_or_init(|| build_bundle(Lang::Fr)),
    }
}

/// Is there a message with this id in that language?
pub fn has_message(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// The text of a message with no arguments. A missing id is shown as itself, never a panic.
pub fn tr(lang: Lang, id: &str) -> String {
    tr_args(lang, id, &[])
}

/// The text of a message with arguments.
pub fn tr_args(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        // Whole numbers go in as numbers so plural selectors (`[one]`, `*[other]`) work.
        let is_count = !value.is_empty()
            && value.len() < 16
            && value.bytes().all(|b| b.is_ascii_digit())
            && (value.len() == 1 || !value.starts_with('0'));
        let fluent_value = match value.parse::<i64>() {
            Ok(n) if is_count => FluentValue::from(n),
            _ => FluentValue::from(value.clone()),
        };
        fluent_args.set(*name, fluent_value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// A number with one decimal and the language's decimal separator ("2.5" / "2,5").
pub fn one_decimal(lang: Lang, value: f64) -> String {
    let text = format!("{value:.1}");
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Bytes as megabytes (10^6) with one decimal, for the tenant log summary's `megabytes`.
pub fn megabytes(lang: Lang, bytes: u64) -> String {
    one_decimal(lang, bytes as f64 / 1_000_000.0)
}

/// The words of an input problem: what the command line prints after the option's name, and
/// what the wizard shows on the page that owns the field — one function, so both say the same.
pub fn input_problem_text(lang: Lang, problem: &crate::input::InputProblem) -> String {
    localize(lang, &problem.reason)
}

/// Words for an engine [`Message`]. Its arguments are values (a host, a subject, a reply, a
/// file name), often foreign: each is made visible ([`crate::sanitize::visible`]) on its way into
/// the sentence, so no face shows a control or bidi character from them, nor a line break.
pub fn localize(lang: Lang, message: &Message) -> String {
    if message.id.is_empty() {
        return String::new();
    }
    let args: Vec<(&str, String)> = message
        .args
        .iter()
        .map(|(k, v)| (k.as_str(), crate::sanitize::visible(v).into_owned()))
        .collect();
    tr_args(lang, &message.id, &args)
}

/// Fix-it guidance for a failure code (of the checks or of the tenant diagnosis).
pub fn guidance(lang: Lang, code: &str) -> String {
    tr(lang, &crate::checks::guidance_id(code))
}
