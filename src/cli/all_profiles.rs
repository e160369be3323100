//! `check --all-profiles`: every saved connector, several at a time, one summary table
//! (connector, verdict, first failure). Exit 1 if any connector fails, 2 when there is nothing to
//! check or the output could not be written.

use std::sync::Arc;
use std::time::Instant;

use tokio_util::sync::CancellationToken;

use super::{CheckArgs, Format, LangArg, out};
use crate::checks::Verdict;
use crate::checks::fleet::{DEFAULT_PARALLEL_CONNECTORS, FleetItem, FleetRow, overall_verdict};
use crate::exit::{EXIT_FAIL, EXIT_INPUT, EXIT_PASS};
use crate::i18n::{Lang, tr, tr_args};
use crate::model::CheckRequest;
use crate::report::ReportContext;
use crate::report::fleet::{FleetContext, fleet_json, fleet_text};
use crate::sanitize::shown;
use crate::store::profiles::Profiles;

pub fn run(args: &CheckArgs) -> u8 {
    let lang = LangArg::resolve(args.lang);
    let error = |text: String| {
        out::error(&format!("{}: {text}", tr(lang, "cli-error")));
        EXIT_INPUT
    };
    let Some(dirs) = crate::store::Dirs::from_env() else {
        return error(tr(lang, "fleet-no-config-folder"));
    };
    let list = Profiles::new(&dirs).list();
    let unreadable: Vec<String> = list
        .problems
        .iter()
        .map(|p| shown(&p.localized(lang)))
        .collect();
    if list.profiles.is_empty() {
        for problem in &unreadable {
            out::error(problem);
        }
        return error(tr_args(
            lang,
            "fleet-none-saved",
            &[(
                "folder",
                shown(&Profiles::new(&dirs).dir().display().to_string()),
            )],
        ));
    }
    if let Err(problem) = check_history(args, &dirs, lang) {
        return error(problem);
    }
    let items: Vec<FleetItem> = list
        .profiles
        .into_iter()
        .map(|p| FleetItem {
            name: p.name,
            request: request_for(p.connector, args),
        })
        .collect();
    let parallel = args.parallel.map_or(DEFAULT_PARALLEL_CONNECTORS, |n| {
        usize::try_from(n).unwrap_or(DEFAULT_PARALLEL_CONNECTORS)
    });
    let runtime = match crate::runtime::build() {
        Ok(rt) => rt,
        Err(e) => return error(e.to_string()),
    };
    let total = items.len();
    let show_progress =
        args.format == Format::Text && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let done = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let on_row: crate::checks::fleet::OnRow = Arc::new(move |_, row| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if show_progress {
            out::progress(&format!("{n}/{total} {}", shown(&row.name)));
        }
    });
    let clock = Instant::now();
    let rows = runtime.block_on(async move {
        let cancel = CancellationToken::new();
        let run = crate::checks::fleet::run_all(items, parallel, on_row, cancel.clone());
        tokio::pin!(run);
        tokio::select! {
            rows = &mut run => rows,
            _ = tokio::signal::ctrl_c() => {
                // Stop every run under way; each comes back marked cancelled (a failure).
                cancel.cancel();
                run.await
            }
        }
    });
    if show_progress {
        out::progress_done();
    }
    let ctx = FleetContext {
        context: ReportContext::current(),
        duration_ms: u64::try_from(clock.elapsed().as_millis()).unwrap_or(u64::MAX),
        parallel: parallel as u64,
        unreadable,
    };
    let written = match args.format {
        Format::Json => out::json(&fleet_json(&rows, lang, &ctx)),
        Format::Text => out::text(&fleet_text(&rows, lang, &ctx)),
    };
    let saved = record_history(args, &dirs, &rows, lang);
    let status = match (overall_verdict(&rows), saved) {
        (Verdict::Fail, _) => EXIT_FAIL,
        (Verdict::Pass, true) => EXIT_PASS,
        (Verdict::Pass, false) => EXIT_INPUT,
    };
    out::finish(written, status, &tr(lang, "cli-error"))
}

/// The saved connector with the options given on the command line for every connector.
fn request_for(connector: crate::model::Connector, args: &CheckArgs) -> CheckRequest {
    let mut request = CheckRequest {
        connector,
        ..CheckRequest::default()
    };
    let options = &mut request.options;
    if let Some(dns) = &args.dns_server {
        options.dns_server = dns.clone();
    }
    if let Some(ca) = &args.ca_file {
        options.ca_file = Some(ca.clone());
    }
    options.use_os_trust_store |= args.os_trust_store;
    if let Some(timeout) = args.timeout {
        options.timeout_secs = timeout;
    }
    if args.mx_port.is_some() {
        options.mx_port = args.mx_port;
    }
    request
}

/// The history folder, before any traffic (as a single check does).
fn check_history(args: &CheckArgs, dirs: &crate::store::Dirs, lang: Lang) -> Result<(), String> {
    if args.no_history {
        return Ok(());
    }
    let dir = crate::store::history::history_dir(dirs);
    crate::store::check_writable(&dir.join("probe.json")).map_err(|e| {
        tr_args(
            lang,
            "cli-history-unwritable",
            &[
                ("path", dir.display().to_string()),
                ("problem", e.localized(lang)),
            ],
        )
    })
}

/// Every finished run goes to the history, as a single check would; false when one could not.
fn record_history(
    args: &CheckArgs,
    dirs: &crate::store::Dirs,
    rows: &[FleetRow],
    lang: Lang,
) -> bool {
    if args.no_history {
        return true;
    }
    let mut all_saved = true;
    for report in rows.iter().filter_map(|r| r.report.as_ref()) {
        if report.cancelled {
            continue;
        }
        if let Err(e) = crate::store::history::record_run(dirs, report) {
            all_saved = false;
            out::error(&format!("{}: {}", tr(lang, "cli-error"), e.localized(lang)));
        }
    }
    all_saved
}
