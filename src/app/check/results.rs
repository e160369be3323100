//! The Results page of the connector check: one row per step, guidance beside every failure,
//! certificate and SMTP conversation folded. Server text is shown as inert plain text.

use eframe::egui;
use egui::{RichText, Ui};

use super::compare::{HistoryState, changes_ui};
use super::export::{ExportState, export_status_ui};
use crate::app::glance::{failures_only, fix_box_ui, jump_here, matrix_ui, verdict_line_ui};
use crate::app::widgets::{fact_row, icon_line, status_color, status_icon, status_ui, with_arrows};
use crate::cert::CertificateInfo;
use crate::checks::{Direction, RunReport, Status, StepResult, TlsSession};
use crate::i18n::{Lang, localize, moment_or_text, step_guidance, tr, tr_args};
use crate::model::CheckRequest;
use crate::sanitize::shown;

/// Exchange Online Protection's published ranges for SMTP (TCP 25), from Microsoft's list.
pub const EOP_RANGES: [&str; 6] = [
    "40.92.0.0/15",
    "40.107.0.0/16",
    "52.100.0.0/14",
    "104.47.0.0/17",
    "2a01:111:f400::/48",
    "2a01:111:f403::/48",
];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
    pub skipped: usize,
    /// After a failure, steps Microsoft 365 would never reach.
    pub not_reached: usize,
}

impl Counts {
    pub fn of(steps: &[StepResult]) -> Counts {
        let mut counts = Counts::default();
        for step in steps {
            match step.status {
                Status::Pass => counts.pass += 1,
                Status::Warn => counts.warn += 1,
                Status::Fail => counts.fail += 1,
                Status::Skipped => counts.skipped += 1,
                Status::NotReached => counts.not_reached += 1,
            }
        }
        counts
    }
}

/// Groups steps by host, hosts in the order they first appear, steps in report order.
pub fn by_host<T>(
    items: &[T],
    host: impl Fn(&T) -> &Option<String>,
) -> Vec<(Option<String>, Vec<&T>)> {
    let mut groups: Vec<(Option<String>, Vec<&T>)> = Vec::new();
    for item in items {
        let key = host(item);
        match groups.iter_mut().find(|(h, _)| h == key) {
            Some((_, list)) => list.push(item),
            None => groups.push((key.clone(), vec![item])),
        }
    }
    groups
}

pub fn host_heading(ui: &mut Ui, lang: Lang, host: &Option<String>) {
    let text = match host {
        Some(host) => tr_args(lang, "ui-results-host", &[("host", shown(host))]),
        None => tr(lang, "ui-run-connector-wide"),
    };
    ui.label(RichText::new(text).strong().size(16.0));
}

pub fn address_line(ui: &mut Ui, lang: Lang, address: &str) {
    ui.label(
        RichText::new(tr_args(
            lang,
            "ui-results-address",
            &[("address", shown(address))],
        ))
        .weak(),
    );
}

/// Seconds with one decimal, with the decimal separator of the language ("2.5" / "2,5").
pub fn seconds(lang: Lang, ms: u128) -> String {
    crate::i18n::one_decimal(lang, ms as f64 / 1000.0)
}

/// `850 ms` under a second, `12.3 s` above (the units are the same in both languages).
pub fn duration_text(lang: Lang, ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{} s", seconds(lang, u128::from(ms)))
    }
}

/// What the Results page shows.
pub struct ResultsView {
    pub report: RunReport,
    /// The run stopped without its report (the engine task died).
    pub crashed: bool,
}

/// The Results page: the summary, what the last export did, the changes since the last run, then
/// each host's steps.
pub fn results_ui(
    ui: &mut Ui,
    lang: Lang,
    view: &ResultsView,
    history: &HistoryState,
    export: &ExportState,
) {
    let report = &view.report;
    ui.heading(tr(lang, "ui-results-title"));
    ui.add_space(4.0);
    let counts = Counts::of(&report.steps);
    let (summary_id, summary_status) = if report.steps.is_empty() {
        ("ui-results-empty", Status::Skipped)
    } else if counts.fail > 0 {
        ("ui-results-fail", Status::Fail)
    } else if counts.warn > 0 {
        ("ui-results-warn", Status::Warn)
    } else {
        ("ui-results-pass", Status::Pass)
    };
    let color = status_color(ui.visuals(), summary_status);
    ui.horizontal(|ui| {
        status_icon(ui, summary_status);
        ui.label(
            RichText::new(tr(lang, summary_id))
                .color(color)
                .size(20.0)
                .strong(),
        );
    });
    verdict_line_ui(ui, lang, report);
    ui.label(
        RichText::new(tr_args(
            lang,
            "ui-results-counts",
            &[
                ("pass", counts.pass.to_string()),
                ("warn", counts.warn.to_string()),
                ("fail", counts.fail.to_string()),
                ("skipped", counts.skipped.to_string()),
                ("not_reached", counts.not_reached.to_string()),
                ("duration", duration_text(lang, report.duration_ms)),
            ],
        ))
        .weak(),
    );
    if report.cancelled {
        icon_line(ui, Status::Warn, tr(lang, "ui-results-cancelled"));
    }
    if view.crashed {
        icon_line(ui, Status::Fail, tr(lang, "ui-run-crashed"));
    }
    export_status_ui(ui, lang, export);
    ui.add_space(6.0);
    let rows = crate::report::glance::matrix(report);
    matrix_ui(ui, lang, report, &rows);
    ui.add_space(6.0);
    // The vantage note in full only where it matters (a connect step failed), else one line.
    if crate::report::glance::vantage_matters(report) {
        vantage_ui(ui, lang);
    } else if !report.steps.is_empty() {
        ui.label(RichText::new(tr(lang, "glance-vantage-folded-ui")).weak());
    }
    ui.add_space(6.0);
    changes_ui(ui, lang, history);
    ui.add_space(10.0);

    let only = failures_only(ui);
    let indexed: Vec<(usize, &StepResult)> = report
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| !only || matches!(s.status, Status::Fail | Status::Warn))
        .collect();
    let mut groups = by_host(&indexed, |(_, s)| &s.host);
    // Hosts with a failure first, then those with a warning, as in the matrix.
    groups.sort_by_key(|(_, steps)| {
        let worst = |status| steps.iter().any(|(_, s)| s.status == status);
        if worst(Status::Fail) {
            0
        } else if worst(Status::Warn) {
            1
        } else {
            2
        }
    });
    for (group, (host, steps)) in groups.into_iter().enumerate() {
        host_heading(ui, lang, &host);
        ui.indent(("result-host", group), |ui| {
            let mut last_address: Option<&str> = None;
            for &(index, step) in steps {
                if let Some(address) = step.address.as_deref()
                    && last_address != Some(address)
                {
                    address_line(ui, lang, address);
                    last_address = Some(address);
                }
                let card = ui
                    .push_id(("step", index), |ui| {
                        step_row_ui(ui, lang, &report.request, step)
                    })
                    .inner;
                jump_here(ui, index, &card);
                ui.add_space(4.0);
            }
        });
        ui.add_space(10.0);
    }
}

/// One step: status, name, detail and duration; its guidance beside it when it has a code and
/// did not pass; then the folded certificate and conversation.
fn step_row_ui(
    ui: &mut Ui,
    lang: Lang,
    request: &CheckRequest,
    step: &StepResult,
) -> egui::Response {
    let guidance_text = match (step.status, step.code) {
        (Status::Fail | Status::Warn, Some(_)) => step_guidance(lang, step),
        _ => None,
    };
    let frame = if step.status == Status::Fail {
        egui::Frame::group(ui.style()).fill(ui.visuals().faint_bg_color)
    } else {
        egui::Frame::new().inner_margin(4.0)
    };
    frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            match &guidance_text {
                Some(text) => {
                    ui.columns(2, |cols| {
                        // Columns are justified; justified labels would stretch their words apart.
                        let left = egui::Layout::top_down(egui::Align::Min);
                        cols[0].with_layout(left, |ui| step_facts_ui(ui, lang, step));
                        cols[1].with_layout(left, |ui| guidance_ui(ui, lang, text));
                    });
                }
                None => step_facts_ui(ui, lang, step),
            }
            for fix in crate::report::fix::check_fixes(request, step) {
                fix_box_ui(ui, lang, &fix);
            }
            step_details_ui(ui, lang, step);
        })
        .response
}

fn step_facts_ui(ui: &mut Ui, lang: Lang, step: &StepResult) {
    ui.horizontal_wrapped(|ui| {
        status_ui(ui, lang, step.status);
        ui.label(RichText::new(tr(lang, step.step.label_id())).strong());
        ui.label(
            RichText::new(tr_args(
                lang,
                "ui-results-duration",
                &[("duration", duration_text(lang, step.duration_ms))],
            ))
            .weak(),
        );
    });
    let lines: Vec<String> = crate::i18n::step_detail_lines(lang, step)
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    // One paragraph per line, a little apart: the domain-security step says one thing per name
    // (DANE of each MX host, MTA-STS, TLS-RPT), long lines that ran together as one block.
    let color = ui.visuals().text_color();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            ui.add_space(4.0);
        }
        // "mx.contoso.com (MX 10) → 192.0.2.1:25": the arrow needs the monospace font.
        ui.label(with_arrows(ui, line, color));
    }
    if lines.is_empty() && !step.resolved.is_empty() {
        let addresses: Vec<String> = step.resolved.iter().map(|a| shown(a)).collect();
        let text = tr_args(
            lang,
            "ui-results-resolved",
            &[("addresses", addresses.join(", "))],
        );
        let color = ui.visuals().weak_text_color();
        ui.label(with_arrows(ui, &text, color));
    }
    if let Some(reply) = &step.reply {
        let line = match &reply.enhanced {
            Some(enhanced) => format!("{} {} {}", reply.code, enhanced, reply.text),
            None => format!("{} {}", reply.code, reply.text),
        };
        ui.label(RichText::new(tr(lang, "ui-results-reply")).weak());
        ui.add(egui::Label::new(RichText::new(shown(&line)).monospace()).selectable(true));
    }
}

fn guidance_ui(ui: &mut Ui, lang: Lang, text: &str) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(tr(lang, "ui-results-guidance")).strong());
        ui.label(text);
    });
}

fn step_details_ui(ui: &mut Ui, lang: Lang, step: &StepResult) {
    if let Some(tls) = &step.tls
        && (!tls.chain.is_empty() || !tls.protocol.is_empty())
    {
        egui::CollapsingHeader::new(tr(lang, "ui-results-certificate"))
            .id_salt("certificate")
            .show(ui, |ui| tls_ui(ui, lang, tls));
    }
    if !step.transcript.is_empty() {
        egui::CollapsingHeader::new(tr(lang, "ui-results-transcript"))
            .id_salt("transcript")
            .show(ui, |ui| {
                for line in &step.transcript {
                    let arrow = match line.direction {
                        Direction::Sent => "→",
                        Direction::Received => "←",
                    };
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("{arrow} {}", shown(&line.text))).monospace(),
                        )
                        .selectable(true),
                    );
                }
            });
    }
}

fn tls_ui(ui: &mut Ui, lang: Lang, tls: &TlsSession) {
    egui::Grid::new("tls-session")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            fact_row(ui, &tr(lang, "ui-cert-protocol"), &tls.protocol);
            fact_row(ui, &tr(lang, "ui-cert-cipher"), &tls.cipher_suite);
        });
    if let Some(probe) = &tls.probe {
        ui.label(crate::i18n::tls_probe_summary(
            lang,
            &probe.versions_accepted,
            probe.suite.as_deref(),
            probe.suite_published,
            probe.suite_weak,
            probe.conclusive,
        ));
    }
    if !tls.verification.is_empty() {
        ui.label(RichText::new(tr(lang, "ui-results-verification")).strong());
        for check in &tls.verification {
            ui.label(format!("• {}", localize(lang, check)));
        }
    }
    for (i, cert) in tls.chain.iter().enumerate() {
        ui.add_space(4.0);
        ui.label(
            RichText::new(tr_args(
                lang,
                "ui-results-chain-entry",
                &[("number", (i + 1).to_string())],
            ))
            .strong(),
        );
        ui.push_id(("chain", i), |ui| certificate_ui(ui, lang, cert));
    }
}

fn certificate_ui(ui: &mut Ui, lang: Lang, cert: &CertificateInfo) {
    egui::Grid::new("certificate")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            fact_row(ui, &tr(lang, "ui-cert-subject"), &cert.subject);
            fact_row(ui, &tr(lang, "ui-cert-issuer"), &cert.issuer);
            fact_row(ui, &tr(lang, "ui-cert-sans"), &cert.sans.join(", "));
            fact_row(
                ui,
                &tr(lang, "ui-cert-not-before"),
                &moment_or_text(lang, &cert.not_before),
            );
            fact_row(
                ui,
                &tr(lang, "ui-cert-not-after"),
                &moment_or_text(lang, &cert.not_after),
            );
            fact_row(ui, &tr(lang, "ui-cert-serial"), &cert.serial);
            fact_row(ui, &tr(lang, "ui-cert-thumbprint"), &cert.sha1_thumbprint);
            let yes_no = if cert.self_issued { "ui-yes" } else { "ui-no" };
            fact_row(ui, &tr(lang, "ui-cert-self-signed"), &tr(lang, yes_no));
        });
}

fn vantage_ui(ui: &mut Ui, lang: Lang) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            status_icon(ui, Status::Warn);
            ui.label(
                RichText::new(tr(lang, "ui-vantage-title"))
                    .color(ui.visuals().warn_fg_color)
                    .strong(),
            );
        });
        ui.label(tr_args(
            lang,
            "ui-vantage-note",
            &[("ranges", EOP_RANGES.join(", "))],
        ));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_use_the_decimal_separator_of_the_language() {
        assert_eq!(seconds(Lang::Fr, 2500), "2,5");
        assert_eq!(duration_text(Lang::En, 12_345), "12.3 s");
        assert_eq!(duration_text(Lang::Fr, 850), "850 ms");
    }

    /// A step after a failure that Microsoft 365 would never reach was counted as skipped.
    #[test]
    fn results_counts_show_not_reached_steps_apart_from_skipped_ones() {
        let report = crate::report::samples::sample_run(
            time::OffsetDateTime::UNIX_EPOCH,
            false,
            crate::report::samples::OLD_THUMBPRINT,
        );
        let counts = Counts::of(&report.steps);
        assert_eq!((counts.skipped, counts.not_reached), (0, 1));
        let text = |lang, not_reached: usize| {
            crate::i18n::tr_args(
                lang,
                "ui-results-counts",
                &[
                    ("pass", "3".to_string()),
                    ("warn", "0".to_string()),
                    ("fail", "1".to_string()),
                    ("skipped", "0".to_string()),
                    ("not_reached", not_reached.to_string()),
                    ("duration", "60 ms".to_string()),
                ],
            )
        };
        assert_eq!(
            text(Lang::En, 1),
            "Passed: 3 · Warnings: 0 · Failed: 1 · Skipped: 0 · Not reached: 1 · 60 ms"
        );
        assert_eq!(
            text(Lang::En, 0),
            "Passed: 3 · Warnings: 0 · Failed: 1 · Skipped: 0 · 60 ms"
        );
        assert!(
            text(Lang::Fr, 2).contains("Ignorées : 0 · Non atteintes : 2 · 60 ms"),
            "{}",
            text(Lang::Fr, 2)
        );
    }
}
