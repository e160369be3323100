//! French and English words for everything the user sees, from the fluent files in `locales/`.
//! The engine speaks in message ids; only the CLI, the GUI and the reports call into this module.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
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
        // A moment is written the way the language writes dates, never as an ISO timestamp in
        // the middle of a sentence: done here, once, for every face and every sentence.
        let value = &moment(lang, value).unwrap_or_else(|| value.clone());
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
        // A nested message is worded here, in the same language: its id is never the text.
        .chain(
            message
                .nested
                .iter()
                .map(|(k, m)| (k.as_str(), localize(lang, m))),
        )
        .collect();
    tr_args(lang, &message.id, &args)
}

/// A value shown beside its label (a certificate's end, a log's last session): written as the
/// language writes dates when it is a moment, as it is otherwise.
pub fn moment_or_text(lang: Lang, text: &str) -> String {
    moment(lang, text).unwrap_or_else(|| text.to_string())
}

/// A moment (an RFC 3339 timestamp from a log, a certificate or the history) as the language
/// writes it ([`date_time`]); any other text unchanged.
pub fn moment(lang: Lang, text: &str) -> Option<String> {
    time::OffsetDateTime::parse(text.trim(), &Rfc3339)
        .ok()
        .map(|t| date_time(lang, t))
}

/// A moment in UTC as the language writes it: `2026-10-02 08:00 UTC` in English,
/// `02/10/2026 08:00 UTC` in French.
pub fn date_time(lang: Lang, t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let (year, month, day) = (t.year(), u8::from(t.month()), t.day());
    let clock = format!("{:02}:{:02} UTC", t.hour(), t.minute());
    match lang {
        Lang::En => format!("{year:04}-{month:02}-{day:02} {clock}"),
        Lang::Fr => format!("{day:02}/{month:02}/{year:04} {clock}"),
    }
}

/// A step's detail and the sentences the step adds to it (the domain-security step's MTA-STS
/// and TLS-RPT findings), one per line; the sentence that explains the step's code comes first.
pub fn step_detail_lines(lang: Lang, step: &crate::checks::StepResult) -> Vec<String> {
    let mut lines = vec![localize(lang, &step.detail)];
    if let Some(sts) = step
        .domain_security
        .as_ref()
        .and_then(|d| d.mta_sts.as_ref())
    {
        let extra: Vec<String> = sts
            .details
            .iter()
            .map(|m| localize(lang, m))
            .filter(|l| !l.is_empty())
            .collect();
        if step.code.is_some() && step.code == sts.code {
            lines.splice(0..0, extra);
        } else {
            lines.extend(extra);
        }
    }
    lines
}

/// Fix-it guidance for a failure code (of the checks or of the tenant diagnosis).
pub fn guidance(lang: Lang, code: &str) -> String {
    tr(lang, &crate::checks::guidance_id(code))
}

/// Fix-it guidance for one step of a check (`None` when it has no failure code): its code's,
/// in the words of its route ([`crate::checks::StepResult::guidance_id`]).
pub fn step_guidance(lang: Lang, step: &crate::checks::StepResult) -> Option<String> {
    step.guidance_id().map(|id| tr(lang, &id))
}

/// The TLS probe's findings in one sentence: the versions a server accepts and the suite it
/// picks from Microsoft 365's list (CLI text, Markdown and HTML reports).
pub fn tls_probe_summary(
    lang: Lang,
    versions: &[String],
    suite: Option<&str>,
    published: bool,
    weak: bool,
    conclusive: bool,
) -> String {
    if !conclusive {
        return tr(lang, "tls-probe-summary-unknown");
    }
    let none = || tr(lang, "tls-probe-none");
    let versions = if versions.is_empty() {
        none()
    } else {
        versions.join(", ")
    };
    let chosen = suite.is_some();
    let suite = suite.map_or_else(none, str::to_string);
    let id = match (chosen, published, weak) {
        (true, _, true) => "tls-probe-summary-weak",
        (true, false, _) => "tls-probe-summary-unpublished",
        _ => "tls-probe-summary",
    };
    tr_args(lang, id, &[("versions", versions), ("suite", suite)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_sentences_are_written_as_the_language_writes_dates() {
        let message = Message::new("finding-certificate-expired")
            .arg("subject", "CN=mail.contoso.com")
            .arg("not_after", "2026-10-04T07:30:01.036Z");
        let fr = localize(Lang::Fr, &message);
        assert!(fr.contains("le 04/10/2026 07:30 UTC"), "{fr}");
        assert!(!fr.contains("2026-10-04T"), "{fr}");
        let en = localize(Lang::En, &message);
        assert!(en.contains("on 2026-10-04 07:30 UTC"), "{en}");
    }

    /// Regression: a server answering something that is not SMTP after TLS gave the detail
    /// "(EHLO: detail-not-smtp-bad-line)": the reason's message id was passed as the text.
    #[test]
    fn nested_cause_is_worded_never_shown_as_its_id() {
        let message = Message::new("detail-email-not-tested")
            .arg("what", "EHLO")
            .arg_message("error", Message::new("cause-not-smtp-bad-line"));
        let en = localize(Lang::En, &message);
        assert!(
            en.ends_with("(EHLO: an answer that is not SMTP, with no three-digit code)."),
            "{en}"
        );
        let fr = localize(Lang::Fr, &message);
        assert!(
            fr.ends_with("(EHLO : une réponse qui n'est pas du SMTP, sans code à trois chiffres)."),
            "{fr}"
        );
        for text in [en, fr] {
            assert!(
                !text.contains("cause-") && !text.contains("detail-"),
                "{text}"
            );
        }
        // Every cause the engine can nest exists in both languages.
        for reason in [
            crate::checks::smtp::NotSmtpReason::LineTooLong,
            crate::checks::smtp::NotSmtpReason::TooManyLines,
            crate::checks::smtp::NotSmtpReason::BadLine,
            crate::checks::smtp::NotSmtpReason::MixedCodes,
        ] {
            for lang in Lang::ALL {
                assert!(
                    has_message(lang, reason.cause_id()),
                    "{}",
                    reason.cause_id()
                );
            }
        }
    }

    /// Regression: moments passed straight to a sentence (the comparison's heading, the report
    /// footer, a certificate change) were shown as raw RFC 3339 timestamps.
    #[test]
    fn moments_in_any_sentence_are_written_as_the_language_writes_dates() {
        let when = [("when", "2026-10-02T14:05:09Z".to_string())];
        let en = tr_args(Lang::En, "compare-title-round", &when);
        assert_eq!(
            en,
            "Changes since the previous round (2026-10-02 14:05 UTC):"
        );
        let fr = tr_args(Lang::Fr, "compare-title", &when);
        assert!(fr.contains("(02/10/2026 14:05 UTC)"), "{fr}");
        assert!(!fr.contains("2026-10-02T"), "{fr}");
    }

    #[test]
    fn counts_of_one_take_the_singular_in_both_languages() {
        let one = |lang| {
            tr_args(
                lang,
                "finding-chain-incomplete-live",
                &[("count", "1".to_string()), ("issuer", "CN=CA".to_string())],
            )
        };
        assert!(
            one(Lang::Fr).contains("envoie 1 certificat et"),
            "{}",
            one(Lang::Fr)
        );
        assert!(
            one(Lang::En).contains("sends 1 certificate,"),
            "{}",
            one(Lang::En)
        );
        let two = tr_args(
            Lang::Fr,
            "finding-chain-incomplete-live",
            &[("count", "2".to_string()), ("issuer", "CN=CA".to_string())],
        );
        assert!(two.contains("envoie 2 certificats et"), "{two}");
    }
}
