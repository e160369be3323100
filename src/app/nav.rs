//! The bars around every page: the title with the language choice and the step indicator at the
//! top, Back / Next at the bottom. What a click asks for comes back as an [`Action`].

use eframe::egui;
use egui::{RichText, Ui};

use super::action::Action;
use super::draft::ThemeChoice;
use super::page::{Flow, Page};
use crate::i18n::{Lang, tr, tr_args};

/// The title, the language choice and the step indicator of `flow` with `page` current.
/// `can_visit` says which steps can be clicked.
pub fn top_bar_ui(
    ui: &mut Ui,
    lang: Lang,
    page: Page,
    flow: Flow,
    theme: ThemeChoice,
    can_visit: impl Fn(Page) -> bool,
) -> Option<Action> {
    let mut action = None;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading(tr(lang, "ui-app-title"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            for choice in ThemeChoice::ALL.into_iter().rev() {
                let response = ui
                    .add(egui::Button::selectable(
                        theme == choice,
                        tr(lang, choice.label_id()),
                    ))
                    .on_hover_text(tr(lang, "ui-theme-help"));
                if response.clicked() && theme != choice {
                    action = Some(Action::SetTheme(choice));
                }
            }
            ui.separator();
            let mut chosen = lang;
            for choice in [Lang::Fr, Lang::En] {
                let id = match choice {
                    Lang::En => "ui-lang-en",
                    Lang::Fr => "ui-lang-fr",
                };
                ui.selectable_value(&mut chosen, choice, tr(lang, id));
            }
            ui.label(tr(lang, "ui-lang-label"));
            if chosen != lang {
                action = Some(Action::SetLang(chosen));
            }
        });
    });
    ui.add_space(2.0);
    if let Some(go) = step_indicator_ui(ui, lang, page, flow, can_visit) {
        action = Some(go);
    }
    ui.add_space(4.0);
    action
}

fn step_indicator_ui(
    ui: &mut Ui,
    lang: Lang,
    current: Page,
    flow: Flow,
    can_visit: impl Fn(Page) -> bool,
) -> Option<Action> {
    let pages = flow.pages();
    let mut action = None;
    let full_text = |page: Page| format!("{}. {}", page.number(flow), tr(lang, page.label_id()));
    // Every step named when they fit on one line; otherwise the other steps show their number
    // only (their name on hover and for screen readers), so the bar never wraps.
    let compact = {
        let font = egui::TextStyle::Button.resolve(ui.style());
        let spacing = ui.spacing();
        let per_item = 2.0 * spacing.button_padding.x + spacing.item_spacing.x;
        let separator = ui
            .painter()
            .layout_no_wrap("›".into(), font.clone(), egui::Color32::WHITE)
            .size()
            .x
            + spacing.item_spacing.x;
        let needed: f32 = pages
            .iter()
            .map(|&page| {
                ui.painter()
                    .layout_no_wrap(full_text(page), font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
                    + per_item
                    + separator
            })
            .sum::<f32>()
            + 120.0;
        needed > ui.available_width()
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(tr_args(
                lang,
                "ui-step-indicator",
                &[
                    ("current", current.number(flow).to_string()),
                    ("total", pages.len().to_string()),
                ],
            ))
            .weak(),
        );
        for &page in pages {
            if page != Page::Start {
                ui.label(RichText::new("›").weak());
            }
            let full = full_text(page);
            let is_current = page == current;
            let text = if is_current {
                RichText::new(full.clone()).strong()
            } else if compact {
                RichText::new(page.number(flow).to_string())
            } else {
                RichText::new(full.clone())
            };
            let enabled = is_current || can_visit(page);
            let response = ui.add_enabled(enabled, egui::Button::selectable(is_current, text));
            // Screen readers (and the tests) get the whole name even when only the number shows.
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, enabled, is_current, &full)
            });
            let response = response.on_hover_text(tr_args(
                lang,
                "ui-step-go-to",
                &[("page", tr(lang, page.label_id()))],
            ));
            if response.clicked() && !is_current {
                action = Some(Action::Go(page));
            }
        }
    });
    action
}

/// The bottom bar: Back on the left; on the right (laid out right to left) the page's own buttons
/// drawn by `buttons` (`None` when the page has none: then Next, on the pages that have it); the
/// keyboard hint on the form pages.
pub fn nav_ui(
    ui: &mut Ui,
    lang: Lang,
    page: Page,
    buttons: impl FnOnce(&mut Ui) -> Option<Option<Action>>,
) -> Option<Action> {
    let mut action = None;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if page.back().is_some() && ui.button(tr(lang, "ui-nav-back")).clicked() {
            action = Some(Action::Back);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            match buttons(ui) {
                Some(clicked) => action = action.take().or(clicked),
                None => {
                    if let Some(next) = page.next()
                        && ui.button(tr(lang, "ui-nav-next")).clicked()
                    {
                        action = Some(Action::Go(next));
                    }
                }
            }
            if page.is_form() {
                ui.label(RichText::new(tr(lang, "ui-nav-keys")).weak().small());
            }
        });
    });
    ui.add_space(6.0);
    action
}
