//! "Re-run until it passes" on the Run and Results pages: after a failed run the same check runs
//! again every few seconds until one passes, or until Cancel, Back or the switch stops it. What
//! changed between rounds is the Results page's own comparison, headed "Changes since the
//! previous round" (each round is kept in the history like any run, so the comparison is the
//! history's).
//!
//! When it turns green the window asks for attention (the taskbar entry flashes, the dock icon
//! bounces) through winit, which eframe already has. A desktop notification would need a
//! notification crate per system (on Linux, notify-rust pulls in a D-Bus stack, zbus, dozens of
//! crates on a 2-core build) for a message the flashing window already gives.

use std::time::{Duration, Instant};

use eframe::egui;
use egui::Ui;

use crate::app::widgets::icon_line;
use crate::checks::{RunReport, Status, Verdict};
use crate::i18n::{Lang, tr, tr_args};

/// Seconds between rounds unless the person changes it.
pub const DEFAULT_INTERVAL_SECS: u64 = 5;
const MIN_INTERVAL_SECS: u64 = 2;
const MAX_INTERVAL_SECS: u64 = 3600;

pub struct WatchState {
    pub enabled: bool,
    pub interval_secs: u64,
    /// The round shown or running (1 = the run the watch started from).
    round: u32,
    /// When round 1 began.
    started: Option<Instant>,
    /// When the next round starts (set after a failed round).
    next_round_at: Option<Instant>,
    /// The round that passed, and how long after round 1 began.
    green: Option<(u32, Duration)>,
}

impl Default for WatchState {
    fn default() -> Self {
        WatchState {
            enabled: false,
            interval_secs: DEFAULT_INTERVAL_SECS,
            round: 0,
            started: None,
            next_round_at: None,
            green: None,
        }
    }
}

impl WatchState {
    /// A run begins: a round of the watch (`from_watch`) or a run the person started, which
    /// starts the count again.
    pub fn on_start(&mut self, from_watch: bool) {
        self.next_round_at = None;
        if from_watch {
            self.round += 1;
        } else {
            self.round = 1;
            self.started = Some(Instant::now());
            self.green = None;
        }
    }

    /// A run ended: schedules the next round after a failure, or notes when it turned green.
    pub fn after_round(&mut self, report: &RunReport, crashed: bool, ctx: &egui::Context) {
        if !self.enabled {
            return;
        }
        if report.cancelled || crashed {
            self.halt();
            return;
        }
        match report.verdict {
            Verdict::Pass => {
                let since = self.started.map(|s| s.elapsed()).unwrap_or_default();
                if self.round > 1 {
                    self.green = Some((self.round, since));
                    ctx.send_viewport_cmd(egui::ViewportCommand::RequestUserAttention(
                        egui::UserAttentionType::Informational,
                    ));
                }
                self.next_round_at = None;
            }
            Verdict::Fail => self.schedule(ctx),
        }
    }

    fn schedule(&mut self, ctx: &egui::Context) {
        let interval = Duration::from_secs(self.interval_secs);
        self.next_round_at = Some(Instant::now() + interval);
        ctx.request_repaint_after(interval);
    }

    /// Cancel, Back, another page: no next round.
    pub fn halt(&mut self) {
        self.next_round_at = None;
    }

    /// Whether the next round should start now.
    pub fn is_due(&self) -> bool {
        self.enabled && self.next_round_at.is_some_and(|t| Instant::now() >= t)
    }

    pub fn is_waiting(&self) -> bool {
        self.next_round_at.is_some()
    }

    /// The run that just ended is a round of the watch after its first (compared with the
    /// round before it).
    pub fn is_later_round(&self) -> bool {
        self.enabled && self.round > 1
    }

    /// The switch and the interval (Results page), and where the watch stands. `shown` is the
    /// run on the page, if any: switching on after a failed run schedules the next round.
    pub fn watch_ui(&mut self, ui: &mut Ui, lang: Lang, shown: Option<&RunReport>) {
        ui.horizontal_wrapped(|ui| {
            let toggle = ui.checkbox(&mut self.enabled, tr(lang, "ui-watch-toggle"));
            let every = ui.label(tr(lang, "ui-watch-every"));
            ui.add(
                egui::DragValue::new(&mut self.interval_secs)
                    .range(MIN_INTERVAL_SECS..=MAX_INTERVAL_SECS)
                    .suffix(" s"),
            )
            .labelled_by(every.id);
            if toggle.changed() {
                if self.enabled {
                    if let Some(report) = shown
                        && report.verdict == Verdict::Fail
                    {
                        self.round = 1;
                        self.started = Some(Instant::now());
                        self.green = None;
                        self.schedule(ui.ctx());
                    }
                } else {
                    self.halt();
                }
            }
            toggle.on_hover_text(tr(lang, "ui-watch-help"));
        });
        self.status_ui(ui, lang);
    }

    /// Where the watch stands (Run and Results pages).
    pub fn status_ui(&self, ui: &mut Ui, lang: Lang) {
        if let Some(at) = self.next_round_at {
            let left = at.saturating_duration_since(Instant::now());
            icon_line(
                ui,
                Status::Fail,
                tr_args(
                    lang,
                    "ui-watch-waiting",
                    &[
                        ("round", self.round.to_string()),
                        ("seconds", left.as_secs().max(1).to_string()),
                    ],
                ),
            );
            ui.ctx().request_repaint_after(Duration::from_millis(500));
        } else if let Some((round, since)) = self.green {
            icon_line(
                ui,
                Status::Pass,
                tr_args(
                    lang,
                    "ui-watch-green",
                    &[
                        ("round", round.to_string()),
                        ("seconds", since.as_secs().to_string()),
                    ],
                ),
            );
        }
    }

    /// The Run page's line while a round of the watch runs.
    pub fn running_ui(&self, ui: &mut Ui, lang: Lang) {
        if self.enabled && self.round > 1 {
            ui.label(tr_args(
                lang,
                "ui-watch-round-running",
                &[("round", self.round.to_string())],
            ));
        }
    }
}
