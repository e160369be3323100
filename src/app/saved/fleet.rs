//! "Check all saved connectors" in the saved-connectors panel: every saved connector at once
//! (the engine's [`crate::checks::fleet`], as `check --all-profiles` runs it) in the background,
//! then one table — connector, result, first failure.

use std::sync::Arc;

use eframe::egui;
use egui::{RichText, Ui};

use crate::app::action::{Action, SavedAction};
use crate::app::background::Background;
use crate::app::job::{Ended, JobSlot};
use crate::app::widgets::{icon_line, spinner_ui};
use crate::checks::fleet::{DEFAULT_PARALLEL_CONNECTORS, FleetItem, FleetRow, run_all};
use crate::checks::{Status, Verdict};
use crate::i18n::{Lang, tr, tr_args};
use crate::model::CheckOptions;
use crate::report::fleet::first_failure_text;
use crate::sanitize::shown;
use crate::store::Dirs;
use crate::store::profiles::SavedProfile;

/// Progress: how many connectors have finished. Outcome: every row, in the list's order.
type FleetJobs = JobSlot<usize, Vec<FleetRow>>;

/// Height of the table before it scrolls, in points.
const TABLE_HEIGHT: f32 = 320.0;

#[derive(Default)]
pub struct FleetState {
    jobs: FleetJobs,
    total: usize,
    done: usize,
    rows: Option<Vec<FleetRow>>,
    /// The run was stopped before the end (its rows are not shown).
    stopped: bool,
}

impl FleetState {
    pub fn is_running(&self) -> bool {
        self.jobs.is_running()
    }

    /// Starts a check of every connector in `profiles` with the form's options (timeout, DNS
    /// server, CA file, OS store); each finished run is kept in the history, as the command line
    /// does.
    pub fn start(
        &mut self,
        profiles: &[SavedProfile],
        options: CheckOptions,
        dirs: Option<Dirs>,
        bg: &Background,
    ) {
        let items: Vec<FleetItem> = profiles
            .iter()
            .map(|p| FleetItem {
                name: p.name.clone(),
                request: crate::model::CheckRequest {
                    connector: p.connector.clone(),
                    options: options.clone(),
                },
            })
            .collect();
        self.total = items.len();
        self.done = 0;
        self.rows = None;
        self.stopped = false;
        self.jobs.start(bg, move |reporter, cancel| async move {
            let reporter = Arc::new(reporter);
            let on_row: crate::checks::fleet::OnRow = {
                let reporter = reporter.clone();
                Arc::new(move |index, _row| reporter.progress(index))
            };
            let rows = run_all(items, DEFAULT_PARALLEL_CONNECTORS, on_row, cancel).await;
            if let Some(dirs) = dirs {
                let reports: Vec<_> = rows
                    .iter()
                    .filter_map(|r| r.report.clone())
                    .filter(|r| !r.cancelled)
                    .collect();
                // The history is best effort here: the table is the answer.
                let _ = tokio::task::spawn_blocking(move || {
                    for report in &reports {
                        let _ = crate::store::history::record_run(&dirs, report);
                    }
                })
                .await;
            }
            rows
        });
    }

    pub fn stop(&mut self) {
        if self.jobs.stop() {
            self.stopped = true;
        }
    }

    /// Takes the progress and, at the end, the rows (each frame).
    pub fn poll(&mut self) {
        let done = &mut self.done;
        if let Some((_, ended)) = self.jobs.poll(|_| *done += 1) {
            self.rows = match ended {
                Ended::Done(rows) => Some(rows),
                Ended::Vanished => None,
            };
        }
    }

    /// The button, the progress and the table.
    pub fn fleet_ui(&self, ui: &mut Ui, lang: Lang, saved: usize, actions: &mut Vec<Action>) {
        ui.add_space(6.0);
        if self.is_running() {
            ui.horizontal(|ui| {
                spinner_ui(ui);
                ui.label(tr_args(
                    lang,
                    "ui-fleet-running",
                    &[
                        ("done", self.done.to_string()),
                        ("total", self.total.to_string()),
                    ],
                ));
            });
            if ui.button(tr(lang, "ui-fleet-stop")).clicked() {
                actions.push(SavedAction::StopCheckAll.into());
            }
            return;
        }
        let button = ui
            .add_enabled(saved > 0, egui::Button::new(tr(lang, "ui-fleet-check-all")))
            .on_hover_text(tr(lang, "ui-fleet-check-all-help"));
        if button.clicked() {
            actions.push(SavedAction::CheckAll.into());
        }
        if self.stopped {
            icon_line(ui, Status::Skipped, tr(lang, "ui-fleet-stopped"));
        }
        if let Some(rows) = &self.rows {
            table_ui(ui, lang, rows);
        }
    }
}

fn table_ui(ui: &mut Ui, lang: Lang, rows: &[FleetRow]) {
    let failed = rows.iter().filter(|r| r.verdict == Verdict::Fail).count();
    let summary = tr_args(
        lang,
        "ui-fleet-summary",
        &[
            ("connectors", rows.len().to_string()),
            ("passed", (rows.len() - failed).to_string()),
            ("failed", failed.to_string()),
        ],
    );
    icon_line(
        ui,
        if failed == 0 {
            Status::Pass
        } else {
            Status::Fail
        },
        summary,
    );
    // Failures first, so they are visible without scrolling.
    let mut order: Vec<&FleetRow> = rows.iter().collect();
    order.sort_by_key(|r| r.verdict == Verdict::Pass);
    egui::ScrollArea::vertical()
        .id_salt("fleet-table")
        .max_height(TABLE_HEIGHT)
        .show(ui, |ui| {
            egui::Grid::new("fleet-table-grid")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    ui.label(RichText::new(tr(lang, "fleet-column-connector")).strong());
                    ui.label(RichText::new(tr(lang, "fleet-column-verdict")).strong());
                    ui.label(RichText::new(tr(lang, "fleet-column-first-failure")).strong());
                    ui.end_row();
                    for row in order {
                        ui.label(shown(&row.name));
                        let status = match row.verdict {
                            Verdict::Pass => Status::Pass,
                            Verdict::Fail => Status::Fail,
                        };
                        icon_line(
                            ui,
                            status,
                            tr(lang, crate::report::fleet::verdict_label_id(row.verdict)),
                        );
                        ui.add(egui::Label::new(first_failure_text(row, lang)).wrap());
                        ui.end_row();
                    }
                });
        });
}
