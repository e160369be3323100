//! The error explainer page: paste a non-delivery report or an SMTP reply, read what each code
//! means and how to fix it, and open the wizard that helps. Explaining is cheap string work, so
//! it runs on the UI thread as the text changes.

use eframe::egui;
use egui::{RichText, TextEdit, Ui};

use super::action::Action;
use super::page::Flow;
use super::widgets::status_icon;
use crate::checks::Status;
use crate::i18n::{Lang, localize, tr};
use crate::sanitize::shown;
use crate::tenant::explain::{Explanation, Wizard, explain};

/// The explanations of the text last analysed (recomputed only when the text changes).
#[derive(Default)]
pub struct ExplainFlow {
    analysed: Option<String>,
    found: Vec<Explanation>,
}

impl ExplainFlow {
    fn refresh(&mut self, text: &str) {
        if self.analysed.as_deref() == Some(text) {
            return;
        }
        self.found = if text.trim().is_empty() {
            Vec::new()
        } else {
            explain(text)
        };
        self.analysed = Some(text.to_string());
    }
}

/// The icon of an explanation: a permanent failure, a temporary one, a success, or nothing
/// recognised.
fn explanation_status(explanation: &Explanation) -> Status {
    let class = explanation
        .enhanced
        .as_deref()
        .and_then(|e| e.chars().next())
        .or_else(|| {
            explanation
                .basic
                .and_then(|b| char::from_digit(u32::from(b / 100), 10))
        });
    match class {
        Some('5') => Status::Fail,
        Some('4') => Status::Warn,
        Some('2' | '3') => Status::Pass,
        _ => Status::Skipped,
    }
}

/// The code as the reply wrote it (`550 5.7.64`).
fn shown_code(explanation: &Explanation) -> Option<String> {
    match (explanation.basic, explanation.enhanced.as_deref()) {
        (Some(basic), Some(enhanced)) => Some(format!("{basic} {enhanced}")),
        (Some(basic), None) => Some(basic.to_string()),
        (None, Some(enhanced)) => Some(enhanced.to_string()),
        (None, None) => None,
    }
}

/// One explanation; returns the flow its button asks to open.
fn explanation_ui(ui: &mut Ui, lang: Lang, explanation: &Explanation) -> Option<Flow> {
    let mut open = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            status_icon(ui, explanation_status(explanation));
            let title = match shown_code(explanation) {
                Some(code) => code,
                None => tr(lang, "ui-explain-no-code"),
            };
            ui.label(RichText::new(title).strong().size(16.0));
        });
        if !explanation.line.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(tr(lang, "explain-found-in")).weak());
                ui.add(
                    egui::Label::new(RichText::new(shown(&explanation.line)).monospace())
                        .selectable(true),
                );
            });
        }
        ui.add_space(4.0);
        ui.label(RichText::new(tr(lang, "explain-meaning-label")).strong());
        ui.label(localize(lang, &explanation.meaning));
        ui.add_space(4.0);
        ui.label(RichText::new(tr(lang, "explain-fix-label")).strong());
        ui.label(localize(lang, &explanation.fix));
        ui.add_space(4.0);
        match explanation.wizard {
            Wizard::TenantAttribution => {
                if ui
                    .button(RichText::new(tr(lang, "ui-explain-open-tenant")).strong())
                    .clicked()
                {
                    open = Some(Flow::Tenant);
                }
            }
            Wizard::Validation => {
                if ui
                    .button(RichText::new(tr(lang, "ui-explain-open-validation")).strong())
                    .clicked()
                {
                    open = Some(Flow::Validate);
                }
            }
            Wizard::None => {
                ui.label(RichText::new(tr(lang, "ui-explain-no-wizard")).weak());
            }
        }
    });
    open
}

impl ExplainFlow {
    /// What the explainer recognises in the text last shown (for tests).
    pub fn explanations(&self) -> &[Explanation] {
        &self.found
    }

    /// The page; `text` is the pasted text, kept in the draft.
    pub fn explain_ui(&mut self, ui: &mut Ui, lang: Lang, text: &mut String) -> Option<Action> {
        ui.heading(tr(lang, "ui-explain-title"));
        ui.label(RichText::new(tr(lang, "ui-explain-intro")).weak());
        ui.add_space(8.0);
        let label = ui.label(RichText::new(tr(lang, "ui-explain-text")).strong());
        ui.add(
            TextEdit::multiline(text)
                .hint_text(tr(lang, "ui-explain-hint"))
                .desired_rows(6)
                .desired_width(f32::INFINITY)
                .code_editor(),
        )
        .labelled_by(label.id);
        if !text.is_empty() && ui.button(tr(lang, "ui-explain-clear")).clicked() {
            text.clear();
        }
        self.refresh(text);
        ui.add_space(10.0);
        if self.found.is_empty() {
            ui.label(RichText::new(tr(lang, "ui-explain-empty")).weak());
            return None;
        }
        ui.label(
            RichText::new(tr(lang, "explain-heading"))
                .strong()
                .size(16.0),
        );
        let mut open = None;
        for (i, explanation) in self.found.iter().enumerate() {
            ui.push_id(("explanation", i), |ui| {
                if let Some(flow) = explanation_ui(ui, lang, explanation) {
                    open = Some(flow);
                }
            });
            ui.add_space(6.0);
        }
        open.map(Action::Open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_reply_class() {
        let found = explain("550 5.7.64 TenantAttribution; Relay Access Denied");
        assert_eq!(explanation_status(&found[0]), Status::Fail);
        assert_eq!(shown_code(&found[0]).as_deref(), Some("550 5.7.64"));
        let found = explain("450 4.4.316 Connection refused");
        assert_eq!(explanation_status(&found[0]), Status::Warn);
        let found = explain("hello");
        assert_eq!(explanation_status(&found[0]), Status::Skipped);
        assert_eq!(shown_code(&found[0]), None);
    }
}
