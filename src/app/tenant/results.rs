//! The 5.7.64 results page: the verdict, the findings each beside its guidance, the certificate
//! the server sends and its changes, the log warnings; and the report export.

use std::path::PathBuf;

use eframe::egui;
use egui::{RichText, Ui};

use super::run::{TenantFailure, TenantOutcome};
use crate::app::action::{Action, TenantAction};
use crate::app::background::Background;
use crate::app::msg::TenantMsg;
use crate::app::widgets::{
    IconSquare, fact_row, help, icon_line, icon_square, ok_color, status_icon,
};
use crate::checks::{Message, Status, Verdict};
use crate::i18n::{Lang, localize, megabytes, moment_or_text, tr, tr_args};
use crate::input::InputField;
use crate::sanitize::shown;
use crate::tenant::{
    CertificateChange, CertificateSource, Diagnosis, Finding, LogWarning, SentCertificate, Severity,
};

/// A line under an import box or the export buttons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Feedback {
    Done(Message),
    Failed(Message),
    /// Already in words (the report writer words its own errors).
    FailedText(String),
}

pub fn feedback_ui(ui: &mut Ui, lang: Lang, feedback: &Option<Feedback>) {
    match feedback {
        Some(Feedback::Done(message)) => icon_line(ui, Status::Pass, localize(lang, message)),
        Some(Feedback::Failed(message)) => icon_line(ui, Status::Fail, localize(lang, message)),
        Some(Feedback::FailedText(text)) => icon_line(ui, Status::Fail, text.clone()),
        None => {}
    }
}

/// The wizard field behind an input the engine names.
fn field_label_id(field: InputField) -> &'static str {
    match field {
        InputField::Logs => "ui-tenant-logs",
        InputField::SendConnector => "ui-tenant-send-connector",
        InputField::CertFile => "ui-tenant-cert-file",
        InputField::LiveHost => "ui-tenant-live-host",
        InputField::Ndr => "ui-tenant-ndr-files",
        InputField::MessageTrace => "ui-tenant-message-trace",
        InputField::SendConnectorJson => "ui-tenant-send-connector-json",
        InputField::ExchangeCertificateJson => "ui-tenant-certificate-json",
        _ => "ui-tenant-inputs",
    }
}

fn severity_color(visuals: &egui::Visuals, severity: Severity) -> egui::Color32 {
    match severity {
        Severity::Fail => visuals.error_fg_color,
        Severity::Warn => visuals.warn_fg_color,
        Severity::Info => info_color(visuals),
    }
}

fn info_color(visuals: &egui::Visuals) -> egui::Color32 {
    if visuals.dark_mode {
        egui::Color32::from_rgb(0x7a, 0xb4, 0xff)
    } else {
        egui::Color32::from_rgb(0x1f, 0x5f, 0xbf)
    }
}

/// A finding's icon: the status icons for problems and checks, a painted "i" disc for facts
/// (the default fonts have no information sign).
pub fn severity_icon(ui: &mut Ui, severity: Severity) {
    match severity {
        Severity::Fail => status_icon(ui, Status::Fail),
        Severity::Warn => status_icon(ui, Status::Warn),
        Severity::Info => {
            let (_, Some(icon)) = icon_square(ui) else {
                return;
            };
            let IconSquare {
                c,
                r,
                stroke,
                on_color,
            } = icon;
            let color = info_color(ui.visuals());
            let painter = ui.painter();
            painter.circle_filled(c, r, color);
            painter.line_segment(
                [
                    c + egui::vec2(0.0, -0.05 * r),
                    c + egui::vec2(0.0, 0.55 * r),
                ],
                stroke,
            );
            painter.circle_filled(c + egui::vec2(0.0, -0.45 * r), stroke.width * 0.6, on_color);
        }
    }
}

fn warning_text(lang: Lang, warning: &LogWarning) -> String {
    let problem = localize(lang, &warning.problem);
    if warning.line == 0 {
        tr_args(
            lang,
            "tenant-warning-file",
            &[("file", shown(&warning.file)), ("problem", problem)],
        )
    } else {
        tr_args(
            lang,
            "tenant-warning-line",
            &[
                ("file", shown(&warning.file)),
                ("line", warning.line.to_string()),
                ("problem", problem),
            ],
        )
    }
}

/// Log warnings, folded: they matter when something is missing, not at first sight.
fn warnings_ui(ui: &mut Ui, lang: Lang, warnings: &[LogWarning], dropped: u64) {
    if warnings.is_empty() {
        return;
    }
    let total = warnings.len() as u64 + dropped;
    egui::CollapsingHeader::new(tr_args(
        lang,
        "ui-tenant-warnings",
        &[("count", total.to_string())],
    ))
    .id_salt("tenant-warnings")
    .show(ui, |ui| {
        for warning in warnings {
            ui.horizontal_wrapped(|ui| {
                status_icon(ui, Status::Warn);
                ui.label(warning_text(lang, warning));
            });
        }
        if dropped > 0 {
            ui.label(
                RichText::new(tr_args(
                    lang,
                    "tenant-warnings-dropped",
                    &[("count", dropped.to_string())],
                ))
                .weak(),
            );
        }
    });
}

fn certificate_grid_ui(ui: &mut Ui, lang: Lang, cert: &SentCertificate, from_logs: bool) {
    let none = tr(lang, "tenant-value-none");
    egui::Grid::new("sent-certificate")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            fact_row(ui, &tr(lang, "tenant-field-subject"), &cert.subject);
            fact_row(ui, &tr(lang, "tenant-field-issuer"), &cert.issuer);
            fact_row(ui, &tr(lang, "tenant-field-serial"), &cert.serial);
            fact_row(ui, &tr(lang, "tenant-field-thumbprint"), &cert.thumbprint);
            let sans = if cert.sans.is_empty() {
                none.clone()
            } else {
                cert.sans.join(", ")
            };
            fact_row(ui, &tr(lang, "tenant-field-sans"), &sans);
            if let Some(first) = &cert.first_seen {
                fact_row(
                    ui,
                    &tr(lang, "tenant-field-first-seen"),
                    &moment_or_text(lang, first),
                );
            }
            if let Some(last) = &cert.last_seen {
                fact_row(
                    ui,
                    &tr(lang, "tenant-field-last-seen"),
                    &moment_or_text(lang, last),
                );
            }
            if let Some(not_after) = &cert.not_after {
                fact_row(
                    ui,
                    &tr(lang, "tenant-field-not-after"),
                    &moment_or_text(lang, not_after),
                );
            }
            if from_logs {
                fact_row(
                    ui,
                    &tr(lang, "tenant-field-sessions"),
                    &tr_args(
                        lang,
                        "tenant-sessions-value",
                        &[
                            ("sessions", cert.sessions.to_string()),
                            ("rejected", cert.rejected_sessions.to_string()),
                        ],
                    ),
                );
            }
        });
}

fn change_ui(ui: &mut Ui, lang: Lang, change: &CertificateChange) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(tr_args(
                lang,
                "ui-tenant-change-at",
                &[("at", shown(&change.at))],
            ))
            .strong(),
        );
        egui::Grid::new(("change", &change.at))
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                let before = format!("{} ({})", change.from.subject, change.from.thumbprint);
                let after = format!("{} ({})", change.to.subject, change.to.thumbprint);
                fact_row(ui, &tr(lang, "ui-tenant-change-from"), &before);
                fact_row(ui, &tr(lang, "ui-tenant-change-to"), &after);
                if let Some(last) = &change.from_last_seen {
                    fact_row(
                        ui,
                        &tr(lang, "ui-tenant-change-from-last"),
                        &moment_or_text(lang, last),
                    );
                }
            });
    });
}

/// One finding: what was found on the left, what to do on the right.
fn finding_ui(ui: &mut Ui, lang: Lang, diagnosis: &Diagnosis, finding: &Finding) {
    let frame = if finding.severity == Severity::Fail {
        egui::Frame::group(ui.style()).fill(ui.visuals().faint_bg_color)
    } else {
        egui::Frame::group(ui.style())
    };
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.columns(2, |cols| {
            // Columns are justified; justified labels would stretch their words apart.
            let left = egui::Layout::top_down(egui::Align::Min);
            cols[0].with_layout(left, |ui| {
                ui.horizontal_wrapped(|ui| {
                    severity_icon(ui, finding.severity);
                    ui.label(
                        RichText::new(tr(lang, finding.severity.label_id()))
                            .color(severity_color(ui.visuals(), finding.severity))
                            .strong(),
                    );
                    ui.label(RichText::new(&finding.code).monospace().weak().small());
                });
                ui.label(localize(lang, &finding.detail));
            });
            cols[1].with_layout(left, |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(tr(lang, "tenant-guidance-label")).strong());
                    ui.label(localize(lang, &finding.guidance));
                });
            });
        });
        for fix in crate::report::fix::tenant_fixes(diagnosis, finding) {
            crate::app::glance::fix_box_ui(ui, lang, &fix);
        }
    });
}

fn diagnosis_ui(ui: &mut Ui, lang: Lang, d: &Diagnosis) {
    let (verdict_id, status) = match d.verdict {
        Verdict::Pass => ("tenant-verdict-pass", Status::Pass),
        Verdict::Fail => ("tenant-verdict-fail", Status::Fail),
    };
    let color = match status {
        Status::Pass => ok_color(ui.visuals()),
        _ => ui.visuals().error_fg_color,
    };
    ui.horizontal(|ui| {
        status_icon(ui, status);
        ui.label(
            RichText::new(tr(lang, verdict_id))
                .color(color)
                .size(20.0)
                .strong(),
        );
    });
    if let Some(stats) = &d.log_stats {
        ui.label(
            RichText::new(tr_args(
                lang,
                "tenant-log-summary",
                &[
                    ("files", stats.files_read.to_string()),
                    ("megabytes", megabytes(lang, stats.bytes_read)),
                    ("sessions", stats.sessions.to_string()),
                    ("rejected", stats.rejected_sessions.to_string()),
                ],
            ))
            .weak(),
        );
        // Findings name the server; the list says which servers the logs came from.
        if stats.servers.len() > 1 {
            ui.label(
                RichText::new(tr_args(
                    lang,
                    "tenant-log-servers",
                    &[("servers", shown(&stats.servers.join(", ")))],
                ))
                .weak(),
            );
        }
    }
    // The answer first (what is wrong and what to do), then the evidence behind it.
    ui.add_space(10.0);
    ui.label(
        RichText::new(tr(lang, "tenant-findings-heading"))
            .strong()
            .size(16.0),
    );
    if d.findings.is_empty() {
        icon_line(ui, Status::Pass, tr(lang, "tenant-no-findings"));
    }
    for (i, finding) in d.findings.iter().enumerate() {
        ui.push_id(("finding", i), |ui| finding_ui(ui, lang, d, finding));
        ui.add_space(4.0);
    }

    if !d.notes.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(tr(lang, "tenant-notes-heading")).strong());
        for note in &d.notes {
            ui.horizontal_wrapped(|ui| {
                severity_icon(ui, Severity::Info);
                ui.label(localize(lang, note));
            });
        }
    }
    let evidence = crate::report::evidence_lines(&d.evidence, lang);
    if !evidence.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(tr(lang, "tenant-evidence-heading")).strong());
        for line in &evidence {
            ui.horizontal_wrapped(|ui| {
                severity_icon(ui, Severity::Info);
                // "first → last": the arrow only exists in the monospace font.
                let color = ui.visuals().text_color();
                let job =
                    crate::app::widgets::with_arrows(ui, &crate::sanitize::shown(line), color);
                ui.label(job);
            });
        }
    }
    ui.add_space(10.0);

    match (&d.certificate, d.certificate_source) {
        (Some(cert), Some(source)) => {
            ui.label(
                RichText::new(tr_args(
                    lang,
                    "tenant-certificate-heading",
                    &[("source", tr(lang, source.label_id()))],
                ))
                .strong()
                .size(16.0),
            );
            ui.indent("sent-certificate", |ui| {
                certificate_grid_ui(ui, lang, cert, source == CertificateSource::Logs);
            });
        }
        _ => icon_line(ui, Status::Warn, tr(lang, "tenant-no-certificate")),
    }

    if !d.certificate_changes.is_empty() {
        ui.add_space(10.0);
        ui.label(
            RichText::new(tr(lang, "tenant-changes-heading"))
                .strong()
                .size(16.0),
        );
        for (i, change) in d.certificate_changes.iter().enumerate() {
            ui.push_id(("change", i), |ui| change_ui(ui, lang, change));
        }
    }
    if d.certificates.len() > 1 {
        egui::CollapsingHeader::new(tr_args(
            lang,
            "ui-tenant-all-certificates",
            &[("count", d.certificates.len().to_string())],
        ))
        .id_salt("all-certificates")
        .show(ui, |ui| {
            for (i, cert) in d.certificates.iter().enumerate() {
                ui.push_id(("certificate", i), |ui| {
                    ui.label(RichText::new(shown(&cert.subject)).strong());
                    certificate_grid_ui(ui, lang, cert, true);
                    ui.add_space(6.0);
                });
            }
        });
    }

    ui.add_space(6.0);
    warnings_ui(ui, lang, &d.warnings, d.warnings_dropped);
}

fn failure_ui(ui: &mut Ui, lang: Lang, failure: &TenantFailure) {
    ui.horizontal(|ui| {
        status_icon(ui, Status::Fail);
        ui.label(
            RichText::new(tr(lang, "ui-tenant-failed"))
                .color(ui.visuals().error_fg_color)
                .size(20.0)
                .strong(),
        );
    });
    ui.add_space(6.0);
    ui.label(
        RichText::new(tr_args(
            lang,
            "ui-tenant-failed-field",
            &[("field", tr(lang, field_label_id(failure.field)))],
        ))
        .strong(),
    );
    ui.label(localize(lang, &failure.problem));
    ui.add_space(6.0);
    warnings_ui(ui, lang, &failure.warnings, 0);
    ui.add_space(6.0);
    help(ui, tr(lang, "ui-tenant-failed-help"));
}

/// The file the report goes to: as chosen, HTML when the name has no extension (the format
/// follows the extension).
fn report_path(chosen: &std::path::Path) -> PathBuf {
    let mut path = chosen.to_path_buf();
    if path.extension().is_none() {
        path.set_extension("html");
    }
    path
}

/// Asks where to save the report (without blocking the window), then writes it off the UI
/// thread in the format its extension names.
pub fn export_report(diagnosis: Diagnosis, lang: Lang, bg: &Background) {
    let title = tr(lang, "ui-tenant-export");
    let file_name = tr(lang, "ui-tenant-export-file-name");
    let answer = bg.clone();
    bg.spawn(async move {
        let Some(file) = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter("HTML", &["html"])
            .add_filter("Markdown", &["md"])
            .add_filter("JSON", &["json"])
            .set_file_name(file_name)
            .save_file()
            .await
        else {
            return;
        };
        let path = report_path(file.path());
        let written = answer
            .runtime()
            .spawn_blocking(move || {
                crate::report::write_tenant_report(&path, &diagnosis, lang).map(|()| path)
            })
            .await
            .unwrap_or_else(|err| Err(err.to_string()));
        answer.send(TenantMsg::Exported(written));
    });
}

/// Page (d): the verdict, the certificate, its changes, the findings with their guidance.
/// `export` is what the last export or copy did.
pub fn results_ui(
    ui: &mut Ui,
    lang: Lang,
    outcome: &TenantOutcome,
    export: &Option<Feedback>,
) -> Option<Action> {
    let mut action = None;
    ui.heading(tr(lang, "ui-tenant-results-title"));
    ui.add_space(4.0);
    match outcome {
        TenantOutcome::Diagnosis(d) => {
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "ui-tenant-export")).clicked() {
                    action = Some(TenantAction::ExportReport.into());
                }
                if ui.button(tr(lang, "ui-tenant-copy-markdown")).clicked() {
                    action = Some(TenantAction::CopyMarkdown.into());
                }
            });
            feedback_ui(ui, lang, export);
            ui.add_space(8.0);
            diagnosis_ui(ui, lang, d);
        }
        TenantOutcome::Failed(failure) => failure_ui(ui, lang, failure),
        TenantOutcome::Crashed => {
            icon_line(ui, Status::Fail, tr(lang, "ui-tenant-crashed"));
        }
        // A cancelled run never reaches the results page (Cancel goes back to the form).
        TenantOutcome::Cancelled => {}
    }
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_path_defaults_to_html_and_keeps_a_chosen_format() {
        assert_eq!(
            report_path(std::path::Path::new("/tmp/diag")),
            PathBuf::from("/tmp/diag.html")
        );
        assert_eq!(
            report_path(std::path::Path::new("/tmp/diag.JSON")),
            PathBuf::from("/tmp/diag.JSON")
        );
    }
}
