//! "Changes since the last run" on the Results page. When a run ends, the previous run of the same
//! connector is looked up and the new run is kept in the history, both off the UI thread; the
//! comparison is drawn with painted good / bad / neutral icons, worded live in the current language.

use std::sync::{Arc, Mutex};

use eframe::egui;
use egui::{Color32, RichText, Ui, Visuals};

use crate::app::background::Background;
use crate::app::msg::{CheckMsg, HistoryMsg};
use crate::app::widgets::{IconSquare, icon_line, icon_square, ok_color, when_text, with_arrows};
use crate::checks::{RunReport, Status, Verdict};
use crate::i18n::{Lang, tr, tr_args};
use crate::report::describe_change;
use crate::store::history::{self, Comparison, Trend};
use crate::store::{Dirs, StoreError};

/// What the section says about the run on the Results page.
#[derive(Debug)]
pub enum Changes {
    /// No finished run yet.
    Nothing,
    /// The run was cancelled or broke: it is neither compared nor kept.
    NotKept,
    /// No data folder: there is no history.
    NoHistory,
    /// The background look-up is under way.
    Loading,
    /// The history holds no earlier run of this connector.
    FirstRun,
    Compared(Box<Comparison>),
    /// The history could not be read.
    Failed(StoreError),
}

/// The history side of the check: where runs are kept and what the Results page shows.
pub struct HistoryState {
    dirs: Option<Dirs>,
    /// Bumped at each finished run, so a late answer about an older run is dropped.
    seq: u64,
    changes: Changes,
    record_error: Option<StoreError>,
    /// One look-up-and-record at a time, so a quick Re-run compares with the run just before.
    history_lock: Arc<Mutex<()>>,
    /// The run shown is a round of "Re-run until it passes" after the first: what it is
    /// compared with is the previous round, and the section says so (as `check --watch` does).
    since_round: bool,
}

impl HistoryState {
    pub fn new(dirs: Option<Dirs>) -> HistoryState {
        HistoryState {
            dirs,
            seq: 0,
            changes: Changes::Nothing,
            record_error: None,
            history_lock: Arc::new(Mutex::new(())),
            since_round: false,
        }
    }

    /// Called when a run ends and the Results page shows it: a finished run is compared with the
    /// last one of the same connector and kept, off the UI thread; a cancelled or broken one is
    /// neither.
    /// `since_round`: the run is a round of a watch after its first.
    pub fn after_run(
        &mut self,
        report: &RunReport,
        kept: bool,
        since_round: bool,
        bg: &Background,
    ) {
        self.seq += 1;
        self.record_error = None;
        self.since_round = since_round;
        if !kept {
            self.changes = Changes::NotKept;
            return;
        }
        let Some(dirs) = self.dirs.clone() else {
            self.changes = Changes::NoHistory;
            return;
        };
        self.changes = Changes::Loading;
        let report = report.clone();
        let seq = self.seq;
        let lock = Arc::clone(&self.history_lock);
        let answer = bg.clone();
        bg.spawn_blocking(move || {
            let msg = {
                let _one_at_a_time = match lock.lock() {
                    Ok(guard) => guard,
                    Err(poisoned) => poisoned.into_inner(),
                };
                look_up_and_record(seq, &dirs, &report)
            };
            answer.send(CheckMsg::History(Box::new(msg)));
        });
    }

    pub fn on_msg(&mut self, msg: HistoryMsg) {
        if msg.seq != self.seq {
            return;
        }
        self.changes = match msg.previous {
            Ok(Some(comparison)) => Changes::Compared(Box::new(comparison)),
            Ok(None) => Changes::FirstRun,
            Err(err) => Changes::Failed(err),
        };
        self.record_error = msg.recorded.err();
    }
}

/// Finds the last run of the same connector before `report`, then keeps `report`. Blocking.
fn look_up_and_record(seq: u64, dirs: &Dirs, report: &RunReport) -> HistoryMsg {
    let previous = history::last_run_for(dirs, &report.request.connector, Some(report.started_at))
        .map(|found| found.map(|previous| history::compare(&previous, report)));
    let recorded = history::record_run(dirs, report).map(|_| ());
    HistoryMsg {
        seq,
        previous,
        recorded,
    }
}

/// The "Changes since the last run" section.
pub fn changes_ui(ui: &mut Ui, lang: Lang, state: &HistoryState) {
    if matches!(state.changes, Changes::Nothing) {
        return;
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let title = if state.since_round {
            "ui-changes-title-round"
        } else {
            "ui-changes-title"
        };
        ui.label(RichText::new(tr(lang, title)).strong().size(16.0));
        match &state.changes {
            Changes::Nothing => {}
            Changes::NotKept => weak(ui, tr(lang, "ui-changes-not-kept")),
            Changes::NoHistory => weak(ui, tr(lang, "ui-changes-no-history")),
            Changes::Loading => weak(ui, tr(lang, "ui-changes-loading")),
            Changes::FirstRun => {
                trend_line(ui, lang, Trend::Neutral, tr(lang, "ui-changes-first-run"))
            }
            Changes::Failed(err) => icon_line(
                ui,
                Status::Warn,
                tr_args(
                    lang,
                    "ui-changes-lookup-failed",
                    &[("error", err.localized(lang))],
                ),
            ),
            Changes::Compared(comparison) => comparison_ui(ui, lang, comparison, state.since_round),
        }
        if let Some(err) = &state.record_error {
            icon_line(
                ui,
                Status::Warn,
                tr_args(
                    lang,
                    "ui-changes-record-failed",
                    &[("error", err.localized(lang))],
                ),
            );
        }
    });
}

fn comparison_ui(ui: &mut Ui, lang: Lang, comparison: &Comparison, since_round: bool) {
    let when = || [("when", when_text(lang, comparison.previous_started_at))];
    let since = if since_round {
        "ui-changes-since-round"
    } else {
        "ui-changes-since"
    };
    weak(ui, tr_args(lang, since, &when()));
    ui.add_space(4.0);
    if comparison.verdict_before != comparison.verdict_after {
        let trend = match comparison.verdict_after {
            Verdict::Pass => Trend::Better,
            Verdict::Fail => Trend::Worse,
        };
        trend_line(
            ui,
            lang,
            trend,
            tr_args(
                lang,
                "compare-verdict",
                &[
                    ("before", verdict_word(lang, comparison.verdict_before)),
                    ("after", verdict_word(lang, comparison.verdict_after)),
                ],
            ),
        );
    }
    if comparison.is_empty() {
        // The same words as `check --watch` between rounds.
        let none = if since_round {
            tr_args(lang, "compare-none-round", &when())
        } else {
            tr(lang, "ui-changes-none")
        };
        trend_line(ui, lang, Trend::Neutral, none);
        return;
    }
    for (i, change) in comparison.changes.iter().enumerate() {
        ui.push_id(("change", i), |ui| {
            trend_line(ui, lang, change.trend(), describe_change(change, lang));
        });
    }
    ui.add_space(2.0);
    weak(
        ui,
        tr_args(
            lang,
            "compare-summary",
            &[
                ("better", comparison.count(Trend::Better).to_string()),
                ("worse", comparison.count(Trend::Worse).to_string()),
                ("unchanged", comparison.unchanged.to_string()),
            ],
        ),
    );
}

fn verdict_word(lang: Lang, verdict: Verdict) -> String {
    tr(
        lang,
        match verdict {
            Verdict::Pass => "compare-verdict-pass",
            Verdict::Fail => "compare-verdict-fail",
        },
    )
}

fn weak(ui: &mut Ui, text: String) {
    ui.label(RichText::new(text).weak());
}
fn trend_color(visuals: &Visuals, trend: Trend) -> Color32 {
    match trend {
        Trend::Better => ok_color(visuals),
        Trend::Worse => visuals.error_fg_color,
        Trend::Neutral => {
            if visuals.dark_mode {
                Color32::from_rgb(0x7a, 0xb4, 0xf0)
            } else {
                Color32::from_rgb(0x1f, 0x5f, 0xa8)
            }
        }
    }
}

fn trend_name_id(trend: Trend) -> &'static str {
    match trend {
        Trend::Better => "ui-changes-better",
        Trend::Worse => "ui-changes-worse",
        Trend::Neutral => "ui-changes-neutral",
    }
}

/// Paints the icon of a trend (the default fonts have no arrows in a disc): a green disc with an
/// arrow up, a red disc with an arrow down, a blue disc with a dot. Named for screen readers.
pub fn trend_icon(ui: &mut Ui, lang: Lang, trend: Trend) {
    let (response, icon) = icon_square(ui);
    let name = tr(lang, trend_name_id(trend));
    let response = response.accessible_name(name.clone());
    response.on_hover_text(name);
    let Some(icon) = icon else {
        return;
    };
    let IconSquare {
        c,
        r,
        stroke,
        on_color,
    } = icon;
    let color = trend_color(ui.visuals(), trend);
    let painter = ui.painter();
    let p = |x: f32, y: f32| icon.at(x, y);
    painter.circle_filled(c, r, color);
    match trend {
        Trend::Better => {
            painter.line_segment([p(0.0, 0.55), p(0.0, -0.5)], stroke);
            painter.add(egui::Shape::line(
                vec![p(-0.4, -0.1), p(0.0, -0.55), p(0.4, -0.1)],
                stroke,
            ));
        }
        Trend::Worse => {
            painter.line_segment([p(0.0, -0.55), p(0.0, 0.5)], stroke);
            painter.add(egui::Shape::line(
                vec![p(-0.4, 0.1), p(0.0, 0.55), p(0.4, 0.1)],
                stroke,
            ));
        }
        Trend::Neutral => {
            painter.circle_filled(c, r * 0.3, on_color);
        }
    }
}

/// A trend icon and a sentence, wrapping; good and bad news in their colour.
fn trend_line(ui: &mut Ui, lang: Lang, trend: Trend, text: String) {
    let color = match trend {
        Trend::Neutral => ui.visuals().text_color(),
        other => trend_color(ui.visuals(), other),
    };
    let job = with_arrows(ui, &text, color);
    ui.horizontal_wrapped(|ui| {
        trend_icon(ui, lang, trend);
        ui.label(job);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_times_are_shown_to_the_minute_in_utc() {
        use time::macros::datetime;
        assert_eq!(
            when_text(Lang::En, datetime!(2026-10-02 08:00:01 UTC)),
            "2026-10-02 08:00 UTC"
        );
        assert_eq!(
            when_text(Lang::Fr, datetime!(2026-10-02 08:00:01 UTC)),
            "02/10/2026 08:00 UTC"
        );
        assert_eq!(
            when_text(Lang::En, datetime!(2026-10-02 10:30:00 +02:00)),
            "2026-10-02 08:30 UTC"
        );
    }
}
