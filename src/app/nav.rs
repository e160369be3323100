//! The wizard's pages and flows, and the navigation between them: the step indicator, Back /
//! Next / Run, Enter and Esc.

use eframe::egui;
use egui::{Key, RichText};

use super::WizardApp;
use crate::i18n::Lang;

/// The wizard's pages, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Start,
    Connector,
    Hosts,
    Security,
    TestEmail,
    Run,
    Results,
    /// 5.7.64 diagnosis: the inbound connector, accepted domains, the refused mail.
    TenantInbound,
    /// 5.7.64 diagnosis: where the certificate the server sends is read from.
    TenantSource,
    TenantRun,
    TenantResults,
    /// The error explainer.
    Explain,
}

/// The three things the wizard does; each has its own steps after Start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Flow {
    #[default]
    Validate,
    Tenant,
    Explain,
}

impl Flow {
    pub fn pages(self) -> &'static [Page] {
        match self {
            Flow::Validate => &Page::ALL,
            Flow::Tenant => &[
                Page::Start,
                Page::TenantInbound,
                Page::TenantSource,
                Page::TenantRun,
                Page::TenantResults,
            ],
            Flow::Explain => &[Page::Start, Page::Explain],
        }
    }
}

impl Page {
    pub const ALL: [Page; 7] = [
        Page::Start,
        Page::Connector,
        Page::Hosts,
        Page::Security,
        Page::TestEmail,
        Page::Run,
        Page::Results,
    ];

    pub fn label_id(self) -> &'static str {
        match self {
            Page::Start => "ui-page-start",
            Page::Connector => "ui-page-connector",
            Page::Hosts => "ui-page-hosts",
            Page::Security => "ui-page-security",
            Page::TestEmail => "ui-page-test-email",
            Page::Run => "ui-page-run",
            Page::Results => "ui-page-results",
            Page::TenantInbound => "ui-page-tenant-inbound",
            Page::TenantSource => "ui-page-tenant-source",
            Page::TenantRun => "ui-page-tenant-run",
            Page::TenantResults => "ui-page-tenant-results",
            Page::Explain => "ui-page-explain",
        }
    }

    fn number(self, flow: Flow) -> usize {
        flow.pages().iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    /// The flow a page belongs to (Start belongs to all).
    pub fn flow(self) -> Option<Flow> {
        match self {
            Page::Start => None,
            Page::Connector
            | Page::Hosts
            | Page::Security
            | Page::TestEmail
            | Page::Run
            | Page::Results => Some(Flow::Validate),
            Page::TenantInbound | Page::TenantSource | Page::TenantRun | Page::TenantResults => {
                Some(Flow::Tenant)
            }
            Page::Explain => Some(Flow::Explain),
        }
    }

    /// The pages of the validation form (everything before Run).
    pub fn is_form(self) -> bool {
        matches!(
            self,
            Page::Start | Page::Connector | Page::Hosts | Page::Security | Page::TestEmail
        )
    }

    /// Accepts the page names used by the hidden `CONNECTOR_DOCTOR_START_PAGE` hook.
    pub fn parse(text: &str) -> Option<Page> {
        match text.trim().to_ascii_lowercase().as_str() {
            "start" => Some(Page::Start),
            "connector" => Some(Page::Connector),
            "hosts" => Some(Page::Hosts),
            "security" => Some(Page::Security),
            "test-email" | "email" => Some(Page::TestEmail),
            "tenant" | "tenant-inbound" => Some(Page::TenantInbound),
            "tenant-source" => Some(Page::TenantSource),
            "explain" => Some(Page::Explain),
            _ => None,
        }
    }
}

impl WizardApp {
    /// Opens the first page of a flow (from the Start page or the explainer).
    pub(in crate::app) fn open_flow(&mut self, flow: Flow) {
        self.flow = flow;
        self.page = match flow {
            Flow::Validate => Page::Connector,
            Flow::Tenant => Page::TenantInbound,
            Flow::Explain => Page::Explain,
        };
    }

    pub(in crate::app) fn handle_keys(&mut self, ctx: &egui::Context) {
        let (enter, escape) =
            ctx.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        if escape {
            self.go_back();
        } else if enter && self.page.is_form() {
            // Enter on a focused button clicks that button; only a single-line field (or
            // nothing) focused means "run".
            let focused = ctx.memory(|m| m.focused());
            if focused.is_none_or(|id| self.enter_fields.contains(&id)) {
                self.try_run(ctx);
            }
        } else if enter && matches!(self.page, Page::TenantInbound | Page::TenantSource) {
            let focused = ctx.memory(|m| m.focused());
            if focused.is_none_or(|id| self.enter_fields.contains(&id)) {
                self.try_tenant_run(ctx);
            }
        }
    }

    pub(in crate::app) fn back_target(&self) -> Option<Page> {
        match self.page {
            Page::Start => None,
            Page::Connector => Some(Page::Start),
            Page::Hosts => Some(Page::Connector),
            Page::Security => Some(Page::Hosts),
            Page::TestEmail => Some(Page::Security),
            Page::Run | Page::Results => Some(Page::Hosts),
            Page::TenantInbound | Page::Explain => Some(Page::Start),
            Page::TenantSource | Page::TenantRun | Page::TenantResults => Some(Page::TenantInbound),
        }
    }

    pub(in crate::app) fn go_back(&mut self) {
        match self.page {
            Page::Run => self.abandon_run(),
            Page::TenantRun => self.abandon_tenant_run(),
            _ => {
                if let Some(target) = self.back_target() {
                    self.page = target;
                }
            }
        }
    }

    pub(in crate::app) fn next_page(&self) -> Option<Page> {
        match self.page {
            Page::Start => Some(Page::Connector),
            Page::Connector => Some(Page::Hosts),
            Page::Hosts => Some(Page::Security),
            Page::Security => Some(Page::TestEmail),
            _ => None,
        }
    }

    pub(in crate::app) fn can_visit(&self, page: Page) -> bool {
        match page {
            Page::Run => self.run.is_some(),
            Page::Results => self.results.is_some() && self.run.is_none(),
            Page::TenantInbound | Page::TenantSource | Page::TenantRun | Page::TenantResults => {
                self.tenant_can_visit(page)
            }
            _ => self.run.is_none() && !self.is_tenant_running(),
        }
    }

    pub(in crate::app) fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{} — {}",
            self.t("ui-app-title"),
            self.t(self.page.label_id())
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    pub(in crate::app) fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.heading(self.t("ui-app-title"));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut lang = self.lang;
                for choice in [Lang::Fr, Lang::En] {
                    let id = match choice {
                        Lang::En => "ui-lang-en",
                        Lang::Fr => "ui-lang-fr",
                    };
                    ui.selectable_value(&mut lang, choice, self.t(id));
                }
                ui.label(self.t("ui-lang-label"));
                if lang != self.lang {
                    self.set_lang(lang);
                }
            });
        });
        ui.add_space(2.0);
        self.step_indicator_ui(ui);
        ui.add_space(4.0);
    }

    pub(in crate::app) fn step_indicator_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(flow) = self.page.flow() {
            self.flow = flow;
        }
        let flow = self.flow;
        let pages = flow.pages();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(self.ta(
                    "ui-step-indicator",
                    &[
                        ("current", self.page.number(flow).to_string()),
                        ("total", pages.len().to_string()),
                    ],
                ))
                .weak(),
            );
            for &page in pages {
                if page != Page::Start {
                    ui.label(RichText::new("›").weak());
                }
                let text = format!("{}. {}", page.number(flow), self.t(page.label_id()));
                let current = page == self.page;
                let text = if current {
                    RichText::new(text).strong()
                } else {
                    RichText::new(text)
                };
                let enabled = current || self.can_visit(page);
                let response = ui
                    .add_enabled(enabled, egui::Button::selectable(current, text))
                    .on_hover_text(self.ta("ui-step-go-to", &[("page", self.t(page.label_id()))]));
                if response.clicked() && !current {
                    self.page = page;
                }
            }
        });
    }

    pub(in crate::app) fn nav_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if self.back_target().is_some() && ui.button(self.t("ui-nav-back")).clicked() {
                self.go_back();
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                match self.page {
                    Page::Run => {
                        if ui.button(self.t("ui-nav-cancel")).clicked() {
                            self.cancel_run();
                        }
                    }
                    Page::Results => {
                        if ui.button(self.t("ui-nav-rerun")).clicked() {
                            self.start_run(ui.ctx());
                        }
                        self.report_buttons_ui(ui);
                    }
                    Page::TenantInbound
                    | Page::TenantSource
                    | Page::TenantRun
                    | Page::TenantResults => self.tenant_nav_ui(ui),
                    Page::TestEmail => {
                        let button =
                            egui::Button::new(RichText::new(self.t("ui-nav-run")).strong());
                        if ui.add(button).clicked() {
                            self.try_run(ui.ctx());
                        }
                    }
                    _ => {
                        if let Some(next) = self.next_page()
                            && ui.button(self.t("ui-nav-next")).clicked()
                        {
                            self.page = next;
                        }
                    }
                }
                if self.page.is_form() {
                    ui.label(RichText::new(self.t("ui-nav-keys")).weak().small());
                }
            });
        });
        ui.add_space(6.0);
    }
}
