//! The Run page (live progress) and the Results page (one row per step, guidance beside every
//! failure, certificate and SMTP conversation folded). Server text is shown as inert plain text.

use eframe::egui;
use egui::{Color32, RichText, Ui, Visuals};

use super::WizardApp;
use super::run::Counts;
use crate::cert::CertificateInfo;
use crate::checks::{Direction, FailureCode, Status, StepResult, TlsSession};
use crate::i18n::{Lang, guidance, localize, tr, tr_args};
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

pub fn ok_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x6c, 0xd0, 0x86)
    } else {
        Color32::from_rgb(0x1e, 0x7d, 0x3a)
    }
}

fn status_color(visuals: &Visuals, status: Status) -> Color32 {
    match status {
        Status::Pass => ok_color(visuals),
        Status::Warn => visuals.warn_fg_color,
        Status::Fail => visuals.error_fg_color,
        Status::Skipped => visuals.weak_text_color(),
    }
}

/// What a painted icon (status, trend, finding) draws with, in a square one line of body text
/// high: the centre `c`, the radius `r` of its disc, the pen `stroke` for the mark on the disc and
/// that mark's colour `on_color` (near black in dark mode, white otherwise).
#[derive(Clone, Copy)]
pub(super) struct IconSquare {
    pub c: egui::Pos2,
    pub r: f32,
    pub stroke: egui::Stroke,
    pub on_color: Color32,
}

impl IconSquare {
    /// The point `x`, `y` radii from the centre.
    pub fn at(&self, x: f32, y: f32) -> egui::Pos2 {
        self.c + egui::vec2(x * self.r, y * self.r)
    }
}

/// Reserves an icon's square (hover sense); the square to paint in, or None when it is not
/// visible.
pub(super) fn icon_square(ui: &mut Ui) -> (egui::Response, Option<IconSquare>) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return (response, None);
    }
    let on_color = if ui.visuals().dark_mode {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    };
    let square = IconSquare {
        c: rect.center(),
        r: size * 0.45,
        stroke: egui::Stroke::new((size * 0.13).max(1.5), on_color),
        on_color,
    };
    (response, Some(square))
}

/// Draws the icon of a status (the default fonts have no check mark or warning sign, so it is
/// painted): a green disc with a tick, an amber triangle with "!", a red disc with a cross, a
/// grey ring with a dash.
pub fn status_icon(ui: &mut Ui, status: Status) {
    let (_, Some(icon)) = icon_square(ui) else {
        return;
    };
    let IconSquare {
        c,
        r,
        stroke,
        on_color,
    } = icon;
    let color = status_color(ui.visuals(), status);
    let painter = ui.painter();
    let p = |x: f32, y: f32| icon.at(x, y);
    match status {
        Status::Pass => {
            painter.circle_filled(c, r, color);
            painter.add(egui::Shape::line(
                vec![p(-0.5, 0.0), p(-0.12, 0.4), p(0.5, -0.38)],
                stroke,
            ));
        }
        Status::Fail => {
            painter.circle_filled(c, r, color);
            painter.line_segment([p(-0.4, -0.4), p(0.4, 0.4)], stroke);
            painter.line_segment([p(0.4, -0.4), p(-0.4, 0.4)], stroke);
        }
        Status::Warn => {
            painter.add(egui::Shape::convex_polygon(
                vec![p(0.0, -1.0), p(1.0, 0.85), p(-1.0, 0.85)],
                color,
                egui::Stroke::NONE,
            ));
            painter.line_segment([p(0.0, -0.45), p(0.0, 0.25)], stroke);
            painter.circle_filled(p(0.0, 0.55), stroke.width * 0.6, on_color);
        }
        Status::Skipped => {
            painter.circle_stroke(c, r * 0.9, egui::Stroke::new(1.5, color));
            painter.line_segment([p(-0.45, 0.0), p(0.45, 0.0)], egui::Stroke::new(1.5, color));
        }
    }
}

/// Icon and word of a status, in its colour.
fn status_ui(ui: &mut Ui, lang: Lang, status: Status) {
    status_icon(ui, status);
    ui.label(
        RichText::new(tr(lang, status.label_id()))
            .color(status_color(ui.visuals(), status))
            .strong(),
    );
}

fn is_connect_failure(step: &StepResult) -> bool {
    step.status == Status::Fail
        && matches!(
            step.code,
            Some(
                FailureCode::ConnectRefused
                    | FailureCode::ConnectTimeout
                    | FailureCode::ConnectUnreachable
            )
        )
}

/// Groups steps by host, hosts in the order they first appear, steps in report order.
fn by_host<T>(items: &[T], host: impl Fn(&T) -> &Option<String>) -> Vec<(Option<String>, Vec<&T>)> {
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

/// Frame interval of the spinner: smooth enough to show life, far from egui's continuous
/// repaint (a run can last minutes on a slow server).
const SPINNER_FRAME: std::time::Duration = std::time::Duration::from_millis(66);

/// A turning arc, painted, that asks for its next frame a little later rather than at once.
pub(super) fn spinner_ui(ui: &mut Ui) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    ui.ctx().request_repaint_after(SPINNER_FRAME);
    let time = ui.input(|i| i.time);
    let start = (time * 5.0) as f32;
    let radius = size * 0.4;
    let points: Vec<egui::Pos2> = (0..=16)
        .map(|i| {
            let angle = start + i as f32 / 16.0 * std::f32::consts::PI * 1.4;
            rect.center() + radius * egui::vec2(angle.cos(), angle.sin())
        })
        .collect();
    let color = ui.visuals().strong_text_color();
    ui.painter()
        .add(egui::Shape::line(points, egui::Stroke::new(2.0, color)));
}

/// An icon and a sentence in the status colour, wrapping.
pub fn icon_line(ui: &mut Ui, status: Status, text: String) {
    let color = status_color(ui.visuals(), status);
    ui.horizontal_wrapped(|ui| {
        status_icon(ui, status);
        ui.label(RichText::new(text).color(color));
    });
}

fn host_heading(ui: &mut Ui, lang: Lang, host: &Option<String>) {
    let text = match host {
        Some(host) => tr_args(lang, "ui-results-host", &[("host", shown(host))]),
        None => tr(lang, "ui-run-connector-wide"),
    };
    ui.label(RichText::new(text).strong().size(16.0));
}

fn address_line(ui: &mut Ui, lang: Lang, address: &str) {
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
fn seconds(lang: Lang, ms: u128) -> String {
    crate::i18n::one_decimal(lang, ms as f64 / 1000.0)
}

/// `850 ms` under a second, `12.3 s` above (the units are the same in both languages).
fn duration_text(lang: Lang, ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{} s", seconds(lang, u128::from(ms)))
    }
}

impl WizardApp {
    pub(super) fn run_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let Some(run) = &self.run else {
            return;
        };
        ui.horizontal(|ui| {
            spinner_ui(ui);
            ui.heading(tr(lang, "ui-run-title"));
        });
        ui.label(tr_args(
            lang,
            "ui-run-elapsed",
            &[("seconds", seconds(lang, run.elapsed().as_millis()))],
        ));
        ui.add_space(8.0);
        if run.rows.is_empty() {
            ui.label(RichText::new(tr(lang, "ui-run-starting")).weak());
            return;
        }
        for (host, rows) in by_host(&run.rows, |r| &r.host) {
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
                                    &[(
                                        "seconds",
                                        seconds(lang, row.started.elapsed().as_millis()),
                                    )],
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
                                    &[("ms", result.duration_ms.to_string())],
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

    pub(super) fn results_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let Some(view) = &self.results else {
            return;
        };
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
        ui.label(
            RichText::new(tr_args(
                lang,
                "ui-results-counts",
                &[
                    ("pass", counts.pass.to_string()),
                    ("warn", counts.warn.to_string()),
                    ("fail", counts.fail.to_string()),
                    ("skipped", counts.skipped.to_string()),
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
        super::export::export_status_ui(ui, lang, &self.export);
        ui.add_space(6.0);
        super::compare::changes_ui(ui, lang, &self.history);
        if report.steps.iter().any(is_connect_failure) {
            ui.add_space(6.0);
            vantage_ui(ui, lang);
        }
        ui.add_space(10.0);

        for (group, (host, steps)) in by_host(&report.steps, |s| &s.host).into_iter().enumerate() {
            host_heading(ui, lang, &host);
            ui.indent(("result-host", group), |ui| {
                let mut last_address: Option<&str> = None;
                for (i, step) in steps.into_iter().enumerate() {
                    if let Some(address) = step.address.as_deref()
                        && last_address != Some(address)
                    {
                        address_line(ui, lang, address);
                        last_address = Some(address);
                    }
                    ui.push_id(("step", group, i), |ui| step_row_ui(ui, lang, step));
                    ui.add_space(4.0);
                }
            });
            ui.add_space(10.0);
        }
    }
}

/// One step: status, name, detail and duration; its guidance beside it when it has a code and
/// did not pass; then the folded certificate and conversation.
fn step_row_ui(ui: &mut Ui, lang: Lang, step: &StepResult) {
    let guidance_text = match (step.status, step.code) {
        (Status::Fail | Status::Warn, Some(code)) => Some(guidance(lang, code.as_str())),
        _ => None,
    };
    let frame = if step.status == Status::Fail {
        egui::Frame::group(ui.style()).fill(ui.visuals().faint_bg_color)
    } else {
        egui::Frame::new().inner_margin(4.0)
    };
    frame.show(ui, |ui| {
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
        step_details_ui(ui, lang, step);
    });
}

fn step_facts_ui(ui: &mut Ui, lang: Lang, step: &StepResult) {
    ui.horizontal_wrapped(|ui| {
        status_ui(ui, lang, step.status);
        ui.label(RichText::new(tr(lang, step.step.label_id())).strong());
        ui.label(
            RichText::new(tr_args(
                lang,
                "ui-results-duration",
                &[("ms", step.duration_ms.to_string())],
            ))
            .weak(),
        );
    });
    let detail = localize(lang, &step.detail);
    if !detail.is_empty() {
        ui.label(detail.as_str());
    }
    if detail.is_empty() && !step.resolved.is_empty() {
        let addresses: Vec<String> = step.resolved.iter().map(|a| shown(a)).collect();
        ui.label(
            RichText::new(tr_args(
                lang,
                "ui-results-resolved",
                &[("addresses", addresses.join(", "))],
            ))
            .weak(),
        );
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
            fact_row(ui, &tr(lang, "ui-cert-not-before"), &cert.not_before);
            fact_row(ui, &tr(lang, "ui-cert-not-after"), &cert.not_after);
            fact_row(ui, &tr(lang, "ui-cert-serial"), &cert.serial);
            fact_row(ui, &tr(lang, "ui-cert-thumbprint"), &cert.sha1_thumbprint);
            let yes_no = if cert.self_issued { "ui-yes" } else { "ui-no" };
            fact_row(ui, &tr(lang, "ui-cert-self-signed"), &tr(lang, yes_no));
        });
}

fn fact_row(ui: &mut Ui, name: &str, value: &str) {
    ui.label(RichText::new(name).weak());
    ui.add(
        egui::Label::new(RichText::new(shown(value)).monospace())
            .wrap()
            .selectable(true),
    );
    ui.end_row();
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
    fn durations_read_naturally() {
        assert_eq!(seconds(Lang::Fr, 2500), "2,5");
        assert_eq!(duration_text(Lang::En, 12_345), "12.3 s");
        assert_eq!(duration_text(Lang::Fr, 850), "850 ms");
    }
}
