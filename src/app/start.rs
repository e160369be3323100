//! The Start page: the three things the wizard does, each a button that opens its flow.

use eframe::egui;
use egui::{RichText, Ui};

use super::action::Action;
use super::page::{Flow, Page};
use super::widgets::help;
use crate::i18n::{Lang, tr};

pub fn start_ui(ui: &mut Ui, lang: Lang) -> Option<Action> {
    let mut action = None;
    ui.add_space(12.0);
    ui.heading(tr(lang, "ui-start-title"));
    ui.add_space(8.0);
    ui.label(tr(lang, "ui-start-intro"));
    ui.add_space(16.0);
    let button = egui::Button::new(RichText::new(tr(lang, "ui-start-validate")).heading())
        .min_size(egui::vec2(280.0, 40.0));
    if ui.add(button).clicked() {
        action = Some(Action::Go(Page::Connector));
    }
    help(ui, tr(lang, "ui-start-validate-help"));
    ui.add_space(16.0);
    ui.label(RichText::new(tr(lang, "ui-start-vantage")).weak());

    for (flow, label_id, help_id) in [
        (Flow::Tenant, "ui-start-tenant", "ui-start-tenant-help"),
        (Flow::Explain, "ui-start-explain", "ui-start-explain-help"),
    ] {
        ui.add_space(20.0);
        let button = egui::Button::new(RichText::new(tr(lang, label_id)).heading())
            .min_size(egui::vec2(280.0, 40.0));
        if ui.add(button).clicked() {
            action = Some(Action::Open(flow));
        }
        help(ui, tr(lang, help_id));
    }
    action
}
