//! `check --watch SECS [--until-pass]`: the same check again and again (after a firewall or
//! certificate change), showing what changed between rounds — the history's own comparison,
//! [`crate::store::history::compare`] — and when it turned green. Ctrl-C stops it; the exit is 0
//! only when the last finished round passed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::RootCertStore;
use tokio_util::sync::CancellationToken;

use super::check::{after_run, report_text};
use super::{CheckArgs, Format, out};
use crate::checks::{Event, EventSink, Prepared, RunReport, Verdict, run_check};
use crate::exit::{EXIT_FAIL, EXIT_INPUT, EXIT_PASS};
use crate::i18n::{Lang, tr, tr_args};
use crate::report::{ReportContext, ReportFormat};

/// Each round's steps are summed up once it ends; the step events themselves are not shown.
struct Discard;

impl EventSink for Discard {
    fn send(&self, _event: Event) {}
}

/// How the watch ended.
struct Watched {
    /// The last round that finished (none when Ctrl-C came during the first one).
    last: Option<RunReport>,
    rounds: u32,
    interrupted: bool,
}

pub fn run(
    args: &CheckArgs,
    lang: Lang,
    runtime: &tokio::runtime::Runtime,
    prepared: Prepared,
    roots: RootCertStore,
    interval_secs: u64,
) -> u8 {
    let interval = Duration::from_secs(interval_secs);
    let until_pass = args.until_pass;
    let format = args.format;
    out::error(&tr_args(
        lang,
        if until_pass {
            "cli-watch-start-until-pass"
        } else {
            "cli-watch-start"
        },
        &[("seconds", interval_secs.to_string())],
    ));
    let mut written = Ok(());
    let watched = runtime.block_on(async {
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        let started = Instant::now();
        let mut last: Option<RunReport> = None;
        let mut rounds = 0u32;
        loop {
            let cancel = CancellationToken::new();
            let round = run_check(
                prepared.clone(),
                roots.clone(),
                Arc::new(Discard),
                cancel.clone(),
            );
            let report = tokio::select! {
                report = round => report,
                _ = &mut ctrl_c => {
                    cancel.cancel();
                    return Watched { last, rounds, interrupted: true };
                }
            };
            rounds += 1;
            let text = round_text(last.as_ref(), &report, rounds, started.elapsed(), lang);
            match format {
                Format::Text => {
                    if written.is_ok() {
                        written = out::text(&text);
                    }
                }
                Format::Json => out::error(text.trim_end_matches('\n')),
            }
            let passed = report.verdict == Verdict::Pass;
            last = Some(report);
            if passed && until_pass {
                return Watched {
                    last,
                    rounds,
                    interrupted: false,
                };
            }
            tokio::select! {
                _ = tokio::time::sleep(interval) => {}
                _ = &mut ctrl_c => return Watched { last, rounds, interrupted: true },
            }
        }
    });

    let Some(last) = watched.last else {
        out::error(&tr(lang, "cli-watch-stopped-before-first"));
        return EXIT_FAIL;
    };
    if watched.interrupted {
        out::error(&tr_args(
            lang,
            "cli-watch-stopped",
            &[
                ("rounds", watched.rounds.to_string()),
                ("verdict", tr(lang, verdict_id(last.verdict))),
            ],
        ));
    }
    let context = ReportContext::current();
    if format == Format::Json {
        written = out::json(&crate::report::render_check_report(
            &last,
            ReportFormat::Json,
            lang,
            &context,
        ));
    }
    // Only the last round goes to the history: a watch of an hour would otherwise push every
    // earlier run of every connector out of it.
    let (after, saved) = after_run(args, &last, lang, &context);
    let written = written.and(after);
    let status = match (last.verdict, saved) {
        (Verdict::Fail, _) => EXIT_FAIL,
        (Verdict::Pass, true) => EXIT_PASS,
        (Verdict::Pass, false) => EXIT_INPUT,
    };
    out::finish(written, status, &tr(lang, "cli-error"))
}

fn verdict_id(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "cli-watch-verdict-pass",
        Verdict::Fail => "cli-watch-verdict-fail",
    }
}

/// What one round prints: the whole report the first time and when it turns green; otherwise a
/// line with the round's verdict and what changed since the round before.
fn round_text(
    previous: Option<&RunReport>,
    report: &RunReport,
    round: u32,
    elapsed: Duration,
    lang: Lang,
) -> String {
    let elapsed_secs = elapsed.as_secs().to_string();
    let mut text = String::new();
    let heading = tr_args(
        lang,
        "cli-watch-round",
        &[
            ("round", round.to_string()),
            ("seconds", elapsed_secs.clone()),
            ("verdict", tr(lang, verdict_id(report.verdict))),
        ],
    );
    text.push_str(&format!("\n== {heading} ==\n"));
    let turned_green =
        report.verdict == Verdict::Pass && previous.is_none_or(|p| p.verdict == Verdict::Fail);
    match previous {
        None => text.push_str(&report_text(report, lang)),
        Some(previous) => {
            text.push_str(&crate::report::comparison_text_since(
                &crate::store::history::compare(previous, report),
                lang,
                crate::report::Since::PreviousRound,
            ));
            if turned_green {
                text.push('\n');
                text.push_str(&report_text(report, lang));
            }
        }
    }
    if turned_green {
        text.push_str(&tr_args(
            lang,
            "cli-watch-green",
            &[("round", round.to_string()), ("seconds", elapsed_secs)],
        ));
        text.push('\n');
    }
    text
}
