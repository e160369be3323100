//! Words for "Changes since the last run": one sentence per [`Change`] and a plain-text block
//! for the CLI (`check --compare-last`). The GUI can use [`describe_change`] per row and
//! [`Change::trend`] for the icon and colour.

use std::fmt::Write;

use crate::checks::{FailureCode, Status, Verdict};
use crate::i18n::{self, Lang};
use crate::sanitize::visible;
use crate::store::history::{Change, ChangeKind, Comparison, Trend};

fn status_word(lang: Lang, status: Status) -> String {
    i18n::tr(lang, status.label_id())
}

fn code_word(code: Option<FailureCode>) -> String {
    code.map(|c| c.as_str().to_string())
        .unwrap_or_else(|| "-".to_string())
}

fn verdict_word(lang: Lang, verdict: Verdict) -> String {
    i18n::tr(
        lang,
        match verdict {
            Verdict::Pass => "compare-verdict-pass",
            Verdict::Fail => "compare-verdict-fail",
        },
    )
}

/// One change as a sentence in `lang` (host names made safe for a terminal).
pub fn describe_change(change: &Change, lang: Lang) -> String {
    let message = change.message();
    let mut args: Vec<(&str, String)> = message
        .args
        .iter()
        .map(|(k, v)| (k.as_str(), visible(v).into_owned()))
        .collect();
    let mut set = |name: &str, value: String| {
        if let Some(slot) = args.iter_mut().find(|(k, _)| *k == name) {
            slot.1 = value;
        }
    };
    if change.host.is_none() && change.address.is_none() {
        set("where", i18n::tr(lang, "report-connector-wide"));
    }
    if let Some(step) = change.step {
        set("step", i18n::tr(lang, step.label_id()));
    }
    match &change.kind {
        ChangeKind::Status {
            before,
            after,
            code_before,
            code_after,
        } => {
            let with_code = |s: Status, c: Option<FailureCode>| match c {
                Some(_) => format!("{} ({})", status_word(lang, s), code_word(c)),
                None => status_word(lang, s),
            };
            set("before", with_code(*before, *code_before));
            set("after", with_code(*after, *code_after));
        }
        ChangeKind::Code { status, .. } => set("status", status_word(lang, *status)),
        ChangeKind::StepAdded { after } => set("after", status_word(lang, *after)),
        ChangeKind::StepRemoved { before } => set("before", status_word(lang, *before)),
        _ => {}
    }
    i18n::tr_args(lang, &message.id, &args)
}

fn trend_mark(trend: Trend) -> &'static str {
    match trend {
        Trend::Better => "✔",
        Trend::Worse => "✖",
        Trend::Neutral => "•",
    }
}

/// The comparison as plain text for a terminal, in `lang`.
pub fn comparison_text(comparison: &Comparison, lang: Lang) -> String {
    comparison_text_since(comparison, lang, Since::LastRun)
}

/// What the comparison is against, for its heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Since {
    /// The connector's last run in the history.
    LastRun,
    /// The round before, in `check --watch`.
    PreviousRound,
}

/// [`comparison_text`] with the heading naming what it compares with.
pub fn comparison_text_since(comparison: &Comparison, lang: Lang, since: Since) -> String {
    let (title_id, none_id) = match since {
        Since::LastRun => ("compare-title", "compare-none"),
        Since::PreviousRound => ("compare-title-round", "compare-none-round"),
    };
    let when = crate::cert::rfc3339(comparison.previous_started_at);
    let mut out = String::new();
    if comparison.is_empty() {
        let _ = writeln!(out, "{}", i18n::tr_args(lang, none_id, &[("when", when)]));
        return out;
    }
    let _ = writeln!(out, "{}", i18n::tr_args(lang, title_id, &[("when", when)]));
    if comparison.verdict_before != comparison.verdict_after {
        let _ = writeln!(
            out,
            "  {}",
            i18n::tr_args(
                lang,
                "compare-verdict",
                &[
                    ("before", verdict_word(lang, comparison.verdict_before)),
                    ("after", verdict_word(lang, comparison.verdict_after)),
                ],
            )
        );
    }
    for change in &comparison.changes {
        let _ = writeln!(
            out,
            "  {} {}",
            trend_mark(change.trend()),
            describe_change(change, lang)
        );
    }
    let _ = writeln!(
        out,
        "  {}",
        i18n::tr_args(
            lang,
            "compare-summary",
            &[
                ("better", comparison.count(Trend::Better).to_string()),
                ("worse", comparison.count(Trend::Worse).to_string()),
                ("unchanged", comparison.unchanged.to_string()),
            ],
        )
    );
    out
}

/// "No earlier run of this connector" in `lang` (for `--compare-last` on a first run).
pub fn no_previous_run_text(lang: Lang) -> String {
    i18n::tr(lang, "compare-no-previous")
}
