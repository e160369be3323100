//! Small drawing pieces shared by every flow's pages: painted status icons, the spinner, form
//! rows (section label, help line, Exchange name, single-line field) and server text made inert.

use eframe::egui;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Id, Response, RichText, TextEdit, Ui, Visuals};

use crate::checks::Status;
use crate::i18n::{Lang, tr, tr_args};
use crate::sanitize::shown;

/// Width of a single-line form field, in points.
const FIELD_WIDTH: f32 = 380.0;

pub fn ok_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x6c, 0xd0, 0x86)
    } else {
        Color32::from_rgb(0x1e, 0x7d, 0x3a)
    }
}

pub fn status_color(visuals: &Visuals, status: Status) -> Color32 {
    match status {
        Status::Pass => ok_color(visuals),
        Status::Warn => visuals.warn_fg_color,
        Status::Fail => visuals.error_fg_color,
        Status::Skipped | Status::NotReached => visuals.weak_text_color(),
    }
}

/// What a painted icon (status, trend, finding) draws with, in a square one line of body text
/// high: the centre `c`, the radius `r` of its disc, the pen `stroke` for the mark on the disc and
/// that mark's colour `on_color` (near black in dark mode, white otherwise).
#[derive(Clone, Copy)]
pub struct IconSquare {
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
pub fn icon_square(ui: &mut Ui) -> (egui::Response, Option<IconSquare>) {
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
        Status::Skipped | Status::NotReached => {
            painter.circle_stroke(c, r * 0.9, egui::Stroke::new(1.5, color));
            painter.line_segment([p(-0.45, 0.0), p(0.45, 0.0)], egui::Stroke::new(1.5, color));
        }
    }
}

/// Icon and word of a status, in its colour.
pub fn status_ui(ui: &mut Ui, lang: Lang, status: Status) {
    status_icon(ui, status);
    ui.label(
        RichText::new(tr(lang, status.label_id()))
            .color(status_color(ui.visuals(), status))
            .strong(),
    );
}

/// Frame interval of the spinner: smooth enough to show life, far from egui's continuous
/// repaint (a run can last minutes on a slow server).
const SPINNER_FRAME: std::time::Duration = std::time::Duration::from_millis(66);

/// A turning arc, painted, that asks for its next frame a little later rather than at once.
pub fn spinner_ui(ui: &mut Ui) {
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
/// A section's label, strong (the wizard's and the tenant diagnosis's forms).
pub fn section_label(ui: &mut Ui, text: String) -> Response {
    ui.label(RichText::new(text).strong())
}

/// A help line under a field, weak.
pub fn help(ui: &mut Ui, text: String) {
    ui.label(RichText::new(text).weak());
}

/// The Exchange Online name of a setting, so admins recognise it.
pub fn exchange_name(ui: &mut Ui, lang: Lang, name: &str) {
    ui.label(
        RichText::new(tr_args(
            lang,
            "ui-exchange-name",
            &[("name", name.to_string())],
        ))
        .weak()
        .small(),
    );
}

/// Where the "first field of the page takes the cursor" flag lives for one frame.
fn first_field_flag() -> Id {
    Id::unique("focus-first-field")
}

/// The first field drawn in this frame takes the keyboard focus (a page just opened).
pub fn focus_first_field_next(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(first_field_flag(), true));
}

/// The page had no field: nothing later takes the focus by surprise.
pub fn forget_first_field_focus(ctx: &egui::Context) {
    ctx.data_mut(|d| d.remove_temp::<bool>(first_field_flag()));
}

/// Gives `response`'s field the focus if it is the first field of a page that just opened.
pub fn focus_if_first_field(ui: &Ui, response: &Response) {
    if ui
        .ctx()
        .data_mut(|d| d.remove_temp::<bool>(first_field_flag()))
        .unwrap_or(false)
    {
        response.request_focus();
    }
}

/// A single-line field named by `label` for screen readers; Enter in it runs the page's action
/// (the checks, the diagnosis): its id goes to `enter_fields`.
pub fn line_field(
    ui: &mut Ui,
    value: &mut String,
    hint: impl Into<egui::WidgetText>,
    label: &Response,
    enter_fields: &mut Vec<Id>,
) -> Response {
    let response = ui
        .add(
            TextEdit::singleline(value)
                .hint_text(hint)
                .desired_width(ui.available_width().clamp(120.0, FIELD_WIDTH)),
        )
        .labelled_by(label.id);
    enter_fields.push(response.id);
    focus_if_first_field(ui, &response);
    response
}

pub fn fact_row(ui: &mut Ui, name: &str, value: &str) {
    ui.label(RichText::new(name).weak());
    ui.add(
        egui::Label::new(RichText::new(shown(value)).monospace())
            .wrap()
            .selectable(true),
    );
    ui.end_row();
}

/// `2026-10-02 08:00 UTC` in English, `02/10/2026 08:00 UTC` in French.
pub fn when_text(lang: Lang, t: time::OffsetDateTime) -> String {
    crate::i18n::date_time(lang, t)
}

/// The box that lists every input problem before a run can start, under the heading `title_id`,
/// each worded as the command line words it. Nothing is drawn when there is no problem.
pub fn problems_box_ui(
    ui: &mut Ui,
    lang: Lang,
    title_id: &str,
    problems: &[crate::input::InputProblem],
) {
    if problems.is_empty() {
        return;
    }
    let error = ui.visuals().error_fg_color;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(tr(lang, title_id)).color(error).strong());
        for problem in problems {
            let text = crate::i18n::input_problem_text(lang, problem);
            ui.label(RichText::new(format!("• {text}")).color(error));
        }
    });
    ui.add_space(8.0);
}

/// The problems of `field` on the page that owns it, as the command line words them: a value
/// that cannot be used in the error colour (named, for a list), and, with `missing_too`, a missing
/// one in the warning colour.
pub fn field_problems_ui(
    ui: &mut Ui,
    lang: Lang,
    problems: &[crate::input::InputProblem],
    field: crate::input::InputField,
    missing_too: bool,
) {
    use crate::input::InputField;
    let list = matches!(
        field,
        InputField::RecipientDomains | InputField::AcceptedDomains
    );
    for problem in problems.iter().filter(|p| p.field == field) {
        let text = crate::i18n::input_problem_text(lang, problem);
        if problem.value.is_empty() {
            if missing_too {
                ui.colored_label(ui.visuals().warn_fg_color, text);
            }
        } else if list {
            icon_line(ui, Status::Fail, format!("{}: {text}", problem.value));
        } else {
            icon_line(ui, Status::Fail, text);
        }
    }
}

/// Text that says "before → after" (the comparison) or "name → address" (where a host
/// resolved): the default proportional font has no arrow, the monospace one does, so the
/// arrows are drawn in monospace, in one text (one name for screen readers). Long hexadecimal
/// values (SHA-256 digests, TLSA data, thumbprints) are drawn in monospace too, and one wider
/// than the text's width is cut into groups of [`HEX_GROUP`] digits so that it wraps between
/// groups: a digest that wrapped wherever the line ended ("…9906EAD" / "C)") read as two values.
pub fn with_arrows(ui: &Ui, text: &str, color: Color32) -> LayoutJob {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let mono = FontId::monospace(body.size);
    let max_width = ui.available_width();
    let mut job = LayoutJob::default();
    let parts: Vec<&str> = text.split('→').collect();
    let last = parts.len() - 1;
    for (i, part) in parts.into_iter().enumerate() {
        // The proportional font's spaces are narrow: the arrow brings its own, in monospace.
        let mut part = part;
        if i > 0 {
            job.append(" → ", 0.0, TextFormat::simple(mono.clone(), color));
            part = part.trim_start_matches(' ');
        }
        if i < last {
            part = part.trim_end_matches(' ');
        }
        for (piece, hex) in hex_runs(part) {
            if !hex {
                job.append(piece, 0.0, TextFormat::simple(body.clone(), color));
                continue;
            }
            let digit = ui.ctx().fonts_mut(|f| f.glyph_width(&mono, '0'));
            let piece = if digit * piece.len() as f32 > max_width {
                grouped_hex(piece)
            } else {
                piece.to_string()
            };
            job.append(&piece, 0.0, TextFormat::simple(mono.clone(), color));
        }
    }
    job.wrap.max_width = max_width;
    job
}

/// The digits per group when a hexadecimal value must wrap (as GnuPG groups a fingerprint).
pub const HEX_GROUP: usize = 8;

/// The shortest run of hexadecimal digits drawn as a value: a SHA-1 thumbprint is 40, a SHA-256
/// digest 64; dates, ports and serial-like words stay in the text's font.
const HEX_VALUE_MIN: usize = 32;

/// `text` cut into pieces, each with whether it is a hexadecimal value (a run of at least
/// [`HEX_VALUE_MIN`] hex digits not inside a longer word).
pub fn hex_runs(text: &str) -> Vec<(&str, bool)> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let word_end = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |n| i + n);
        // ASCII bytes only: both ends are char boundaries.
        if word_end - i >= HEX_VALUE_MIN && bytes[i..word_end].iter().all(u8::is_ascii_hexdigit) {
            if start < i {
                pieces.push((&text[start..i], false));
            }
            pieces.push((&text[i..word_end], true));
            start = word_end;
        }
        i = word_end;
    }
    if start < text.len() {
        pieces.push((&text[start..], false));
    }
    pieces
}

/// A hexadecimal value in groups of [`HEX_GROUP`] digits, a space between groups.
pub fn grouped_hex(hex: &str) -> String {
    let groups: Vec<&str> = hex
        .as_bytes()
        .chunks(HEX_GROUP)
        .filter_map(|g| std::str::from_utf8(g).ok())
        .collect();
    groups.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: &str = "106699180A66A3A552B986EBE33A245188A02AE1287C0E94D46E3D41BFBA8F94";

    /// Regression: a SHA-256 digest in a card's narrow column wrapped at whatever digit ended
    /// the line ("…BFBA8F9" / "4)."): the values are found whole, in their sentence.
    #[test]
    fn long_hex_values_are_found_whole_and_grouped_to_wrap_between_groups() {
        let text = format!(
            "Presented: CN=mail (SHA-256 {DIGEST}). Published: 3 1 1 {}.",
            DIGEST.to_lowercase()
        );
        let pieces = hex_runs(&text);
        let values: Vec<&str> = pieces
            .iter()
            .filter(|(_, hex)| *hex)
            .map(|(p, _)| *p)
            .collect();
        assert_eq!(values, [DIGEST.to_string(), DIGEST.to_lowercase()]);
        let whole: String = pieces.iter().map(|(p, _)| *p).collect();
        assert_eq!(whole, text);
        assert_eq!(
            grouped_hex(DIGEST),
            "10669918 0A66A3A5 52B986EB E33A2451 88A02AE1 287C0E94 D46E3D41 BFBA8F94"
        );
        // Short hex-looking words, and hex inside a longer word, stay text.
        for plain in [
            "id=20260101T000000",
            "port 25, MX 10",
            "cafe",
            &format!("x{DIGEST}z"),
        ] {
            assert!(hex_runs(plain).iter().all(|(_, hex)| !hex), "{plain}");
        }
    }
}
