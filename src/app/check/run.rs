//! A check in the background and the Run page: the engine runs as a [`Job`] on the app's
//! runtime; its events become the rows of the page as they arrive.

use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui;
use egui::{RichText, Ui};

use super::results::{address_line, by_host, duration_text, host_heading, seconds};
use crate::app::background::Background;
use crate::app::job::{Job, JobSlot, Reporter};
use crate::app::widgets::{spinner_ui, status_ui};
use crate::checks::{Event, EventSink, RunReport, StepKind, StepResult};
use crate::i18n::{Lang, tr, tr_args};
use crate::input::InputProblem;
use crate::model::CheckRequest;

/// A check under way: engine events as progress, the report (or the refusal) as the outcome.
pub type CheckJob = Job<Event, CheckOutcome>;
pub type CheckJobs = JobSlot<Event, CheckOutcome>;

/// How a check ended.
#[derive(Debug)]
pub enum CheckOutcome {
    /// The run's report, straight from `run_check`.
    Report(Box<RunReport>),
    /// The run never started: its input has problems only reading files could find (the CA
    /// file, the OS trust store). Nothing was sent on the network.
    Refused(Vec<InputProblem>),
}

/// The engine's events go to the Run page.
impl EventSink for Reporter<Event, CheckOutcome> {
    fn send(&self, event: Event) {
        // The report arrives as the job's outcome; the `Finished` copy would only double it.
        if !matches!(event, Event::Finished(_)) {
            self.progress(event);
        }
    }
}

/// Spawns `run_check` for `request` in `jobs` (stopping a run still going).
pub fn start(jobs: &mut CheckJobs, request: CheckRequest, bg: &Background) {
    jobs.start(bg, move |reporter, cancel| async move {
        let sink: Arc<dyn EventSink> = Arc::new(reporter);
        // The form's problems are on its pages and stop Run; what only reading files can find
        // (the CA file, the OS store) ends the run here, before any traffic.
        let prepared = crate::checks::prepare(&request);
        let roots = tokio::task::spawn_blocking({
            let options = request.options.clone();
            move || {
                (
                    crate::checks::load_trust_roots(&options),
                    crate::checks::load_domain_security(&options),
                )
            }
        })
        .await;
        match (prepared, roots) {
            (Ok(mut prepared), Ok((Ok(roots), Ok(domain_security)))) => {
                prepared.domain_security = domain_security;
                CheckOutcome::Report(Box::new(
                    crate::checks::run_check(prepared, roots, sink, cancel).await,
                ))
            }
            (prepared, roots) => {
                let mut problems = prepared.err().map(|e| e.problems).unwrap_or_default();
                if let Ok((roots, domain_security)) = roots {
                    if let Err(problem) = roots {
                        problems.push(problem);
                    }
                    if let Err(more) = domain_security {
                        problems.extend(more);
                    }
                }
                CheckOutcome::Refused(problems)
            }
        }
    });
}

/// One line of the Run page: a step for a host and an address, running or finished.
#[derive(Clone, Debug)]
pub struct ProgressRow {
    pub host: Option<String>,
    pub address: Option<String>,
    pub step: StepKind,
    pub started: Instant,
    pub result: Option<StepResult>,
}

/// What the Run page shows of the run in flight.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    pub request: CheckRequest,
    pub rows: Vec<ProgressRow>,
    /// The hosts in the order they were entered (the engine's plan): the Run page keeps that
    /// order whatever order their events arrive in.
    pub host_order: Vec<String>,
}

impl Progress {
    pub fn new(request: CheckRequest) -> Progress {
        let host_order = crate::checks::prepare(&request)
            .map(|prepared| prepared.hosts.iter().map(|h| h.label()).collect())
            .unwrap_or_default();
        Progress {
            request,
            rows: Vec::new(),
            host_order,
        }
    }

    /// The rows grouped by host, the hosts as entered (the connector-wide steps last), each
    /// host's rows by address as they first came, then by step: the same order every run.
    pub fn ordered(&self) -> Vec<(Option<String>, Vec<&ProgressRow>)> {
        let mut groups = by_host(&self.rows, |r| &r.host);
        let rank = |host: &Option<String>| match host {
            Some(host) => self
                .host_order
                .iter()
                .position(|h| h == host)
                .unwrap_or(self.host_order.len()),
            None => usize::MAX,
        };
        groups.sort_by_key(|(host, _)| rank(host));
        for (_, rows) in &mut groups {
            let mut addresses: Vec<Option<&str>> = Vec::new();
            for row in rows.iter() {
                if !addresses.contains(&row.address.as_deref()) {
                    addresses.push(row.address.as_deref());
                }
            }
            rows.sort_by_key(|r| {
                let at = addresses.iter().position(|a| *a == r.address.as_deref());
                (at, r.step)
            });
        }
        groups
    }

    /// Hosts whose every step has ended (the engine ends each address with its test email
    /// step, run or skipped, and a host that did not resolve likewise), and how many there are.
    pub fn hosts_done(&self) -> (usize, usize) {
        let total = self.host_order.len();
        let done = self
            .host_order
            .iter()
            .filter(|host| {
                let rows: Vec<&ProgressRow> = self
                    .rows
                    .iter()
                    .filter(|r| r.host.as_deref() == Some(host.as_str()))
                    .collect();
                let ended = |address: Option<&str>| {
                    rows.iter().any(|r| {
                        r.address.as_deref() == address
                            && r.step == StepKind::TestEmail
                            && r.result.is_some()
                    })
                };
                let mut addresses: Vec<&str> =
                    rows.iter().filter_map(|r| r.address.as_deref()).collect();
                addresses.dedup();
                let all_ended = if addresses.is_empty() {
                    ended(None)
                } else {
                    addresses.iter().all(|a| ended(Some(a)))
                };
                !rows.is_empty() && all_ended && rows.iter().all(|r| r.result.is_some())
            })
            .count();
        (done, total)
    }

    pub fn apply(&mut self, event: Event) {
        match event {
            Event::StepStarted {
                host,
                address,
                step,
            } => {
                let row = ProgressRow {
                    host,
                    address,
                    step,
                    started: Instant::now(),
                    result: None,
                };
                match self.find_running(&row.host, &row.address, row.step) {
                    Some(i) => self.rows[i] = row,
                    None => self.rows.push(row),
                }
            }
            Event::StepFinished(result) => {
                match self.find_running(&result.host, &result.address, result.step) {
                    Some(i) => self.rows[i].result = Some(result),
                    None => self.rows.push(ProgressRow {
                        host: result.host.clone(),
                        address: result.address.clone(),
                        step: result.step,
                        started: Instant::now(),
                        result: Some(result),
                    }),
                }
            }
            Event::Finished(_) => {}
        }
    }

    fn find_running(
        &self,
        host: &Option<String>,
        address: &Option<String>,
        step: StepKind,
    ) -> Option<usize> {
        self.rows.iter().position(|r| {
            r.result.is_none() && r.step == step && &r.host == host && &r.address == address
        })
    }

    /// What is known so far, for the Results page after a Cancel.
    pub fn partial_report(&self, elapsed: Duration) -> RunReport {
        let steps: Vec<StepResult> = self.rows.iter().filter_map(|r| r.result.clone()).collect();
        let now = time::OffsetDateTime::now_utc();
        RunReport {
            request: self.request.clone(),
            started_at: now
                .checked_sub(elapsed.try_into().unwrap_or_default())
                .unwrap_or(now),
            finished_at: now,
            duration_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            verdict: RunReport::verdict_of(&steps),
            steps,
            cancelled: true,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// The Run page: each step as it starts and ends, grouped by host.
pub fn run_ui(ui: &mut Ui, lang: Lang, job: &CheckJob, progress: &Progress) {
    ui.horizontal(|ui| {
        spinner_ui(ui);
        ui.heading(tr(lang, "ui-run-title"));
    });
    ui.label(tr_args(
        lang,
        "ui-run-elapsed",
        &[("seconds", seconds(lang, job.elapsed().as_millis()))],
    ));
    let (done, total) = progress.hosts_done();
    let finished = progress.rows.iter().filter(|r| r.result.is_some()).count();
    let fraction = if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    };
    let overall = tr_args(
        lang,
        "ui-run-overall",
        &[
            ("done", done.to_string()),
            ("total", total.to_string()),
            ("steps", finished.to_string()),
        ],
    );
    ui.add(egui::ProgressBar::new(fraction).desired_width(ui.available_width().min(420.0)));
    ui.label(overall);
    ui.label(
        RichText::new(tr_args(
            lang,
            "ui-run-timeout",
            &[("seconds", progress.request.options.timeout_secs.to_string())],
        ))
        .weak(),
    );
    ui.add_space(8.0);
    if progress.rows.is_empty() {
        ui.label(RichText::new(tr(lang, "ui-run-starting")).weak());
        return;
    }
    for (host, rows) in progress.ordered() {
        host_heading(ui, lang, &host);
        ui.indent(("run-host", host.clone()), |ui| {
            let mut last_address: Option<&str> = None;
            for row in rows {
                if let Some(address) = row.address.as_deref()
                    && last_address != Some(address)
                {
                    address_line(ui, lang, address);
                    last_address = Some(address);
                }
                ui.horizontal(|ui| match &row.result {
                    None => {
                        spinner_ui(ui);
                        ui.label(tr(lang, row.step.label_id()));
                        ui.label(
                            RichText::new(tr_args(
                                lang,
                                "ui-run-running",
                                &[("seconds", seconds(lang, row.started.elapsed().as_millis()))],
                            ))
                            .weak(),
                        );
                    }
                    Some(result) => {
                        status_ui(ui, lang, result.status);
                        ui.label(tr(lang, row.step.label_id()));
                        ui.label(
                            RichText::new(tr_args(
                                lang,
                                "ui-results-duration",
                                &[("duration", duration_text(lang, result.duration_ms))],
                            ))
                            .weak(),
                        );
                    }
                });
            }
        });
        ui.add_space(6.0);
    }
}
