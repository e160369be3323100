//! The form pages of the connector check: Connector, Hosts, Security, Test email. Each field is
//! checked as it is typed, with the reason in the current language beside it.

use eframe::egui;
use egui::{Id, RichText, TextEdit, Ui};

use crate::app::action::{Action, CheckAction};
use crate::app::background::Background;
use crate::app::draft::{Draft, InputFile};
use crate::app::file_dialog::{self, Chosen, PathPrompt, Purpose};
use crate::app::msg::{CheckMsg, UiMsg};
use crate::app::widgets::{
    exchange_name, field_problems_ui, focus_if_first_field, help, icon_line, line_field, ok_color,
    problems_box_ui, section_label, status_icon,
};
use crate::checks::{Status, prepare};
use crate::i18n::{Lang, input_problem_text, tr, tr_args};
use crate::input::{InputField, InputProblem};
use crate::model::{ConnectorType, MAX_TIMEOUT_SECS, TlsPolicy, parse_smart_host, split_host_list};

/// Why the form cannot run yet (empty when it can): the engine's own input check, the one the
/// command line runs, on the request this form would start.
pub fn problems(draft: &Draft) -> Vec<InputProblem> {
    prepare(&draft.request())
        .err()
        .map(|errors| errors.problems)
        .unwrap_or_default()
}

/// The list of what stops a run, in the error colour.
pub fn problems_ui(ui: &mut Ui, lang: Lang, draft: &Draft) {
    problems_box_ui(ui, lang, "ui-problems-title", &problems(draft));
}

pub fn connector_ui(ui: &mut Ui, lang: Lang, draft: &mut Draft, enter_fields: &mut Vec<Id>) {
    ui.heading(tr(lang, "ui-connector-title"));
    ui.add_space(8.0);

    let label = section_label(ui, tr(lang, "ui-connector-name"));
    line_field(
        ui,
        &mut draft.connector.name,
        tr(lang, "ui-connector-name-hint"),
        &label,
        enter_fields,
    );
    exchange_name(ui, lang, "Name");
    ui.add_space(12.0);

    section_label(ui, tr(lang, "ui-connector-direction"));
    let kind = &mut draft.connector.connector_type;
    ui.horizontal_wrapped(|ui| {
        ui.radio_value(
            kind,
            ConnectorType::OnPremises,
            tr(lang, "ui-connector-onprem"),
        );
        ui.label(RichText::new("(OnPremises)").weak().monospace());
    });
    ui.horizontal_wrapped(|ui| {
        ui.radio_value(
            kind,
            ConnectorType::Partner,
            tr(lang, "ui-connector-partner"),
        );
        ui.label(RichText::new("(Partner)").weak().monospace());
    });
    exchange_name(ui, lang, "ConnectorType");
    ui.add_space(12.0);

    let label = section_label(ui, tr(lang, "ui-connector-domains"));
    line_field(
        ui,
        &mut draft.recipient_domains_text,
        tr(lang, "ui-connector-domains-hint"),
        &label,
        enter_fields,
    );
    field_problems_ui(
        ui,
        lang,
        &problems(draft),
        InputField::RecipientDomains,
        false,
    );
    help(ui, tr(lang, "ui-connector-domains-help"));
    exchange_name(ui, lang, "RecipientDomains");
}

/// `focus_host`: the row to put the cursor in (after "Add a host").
pub fn hosts_ui(
    ui: &mut Ui,
    lang: Lang,
    draft: &mut Draft,
    focus_host: &mut Option<usize>,
    enter_fields: &mut Vec<Id>,
) {
    ui.heading(tr(lang, "ui-hosts-title"));
    ui.add_space(8.0);
    let use_mx = &mut draft.connector.use_mx_record;
    ui.horizontal_wrapped(|ui| {
        ui.radio_value(use_mx, false, tr(lang, "ui-hosts-mode-smart"));
        ui.label(RichText::new("(SmartHosts)").weak().monospace());
    });
    ui.horizontal_wrapped(|ui| {
        ui.radio_value(use_mx, true, tr(lang, "ui-hosts-mode-mx"));
        ui.label(RichText::new("(UseMXRecord)").weak().monospace());
    });
    ui.add_space(8.0);
    if draft.connector.use_mx_record {
        help(ui, tr(lang, "ui-hosts-mx-help"));
        return;
    }
    help(ui, tr(lang, "ui-hosts-help"));
    ui.add_space(6.0);

    let host_problems = problems(draft);
    let hosts = &mut draft.connector.smart_hosts;
    if hosts.is_empty() {
        hosts.push(String::new());
    }
    let mut remove = None;
    let mut split = None;
    for (i, host) in hosts.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let number = (i + 1).to_string();
            let label = ui.add_sized(
                [64.0, 22.0],
                egui::Label::new(tr_args(
                    lang,
                    "ui-hosts-entry",
                    &[("number", number.clone())],
                )),
            );
            let response = ui
                .add(
                    TextEdit::singleline(host)
                        .id(host_row_id(i))
                        .hint_text("mail.contoso.com")
                        .desired_width(280.0),
                )
                .labelled_by(label.id);
            enter_fields.push(response.id);
            focus_if_first_field(ui, &response);
            if *focus_host == Some(i) {
                response.request_focus();
                *focus_host = None;
            }
            if response.changed() && split_host_list(host).len() > 1 {
                split = Some(i);
            }
            let remove_name = tr_args(lang, "ui-hosts-remove", &[("number", number)]);
            if ui
                .button("×")
                .accessible_name(remove_name.clone())
                .on_hover_text(remove_name)
                .clicked()
            {
                remove = Some(i);
            }
            let typed = crate::input::clean(host);
            let shown = crate::sanitize::shown(typed);
            let problem = host_problems
                .iter()
                .find(|p| p.field == InputField::SmartHosts && p.value == shown);
            match (problem, parse_smart_host(typed)) {
                _ if typed.is_empty() => {}
                (Some(problem), _) => {
                    status_icon(ui, Status::Fail);
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        input_problem_text(lang, problem),
                    );
                }
                (None, Ok(parsed)) => {
                    status_icon(ui, Status::Pass);
                    ui.colored_label(
                        ok_color(ui.visuals()),
                        tr_args(
                            lang,
                            "ui-hosts-ok",
                            &[("host", parsed.name()), ("port", parsed.port.to_string())],
                        ),
                    );
                }
                (None, Err(_)) => {}
            }
        });
    }
    if let Some(i) = split {
        // Several hosts typed or pasted into one row: one row each, in that order, and the
        // cursor moves on to the end of the last one at once, so that the next keystroke (even
        // in the very next frame) lands there and not in the row that was split.
        let pasted = split_host_list(&hosts[i]);
        let last = i + pasted.len().saturating_sub(1);
        hosts.splice(i..=i, pasted);
        let end = hosts.get(last).map_or(0, |h| h.chars().count());
        move_cursor_to(ui.ctx(), host_row_id(last), end);
    }
    if let Some(i) = remove {
        hosts.remove(i);
        if hosts.is_empty() {
            hosts.push(String::new());
        }
    }
    ui.add_space(6.0);
    if ui.button(tr(lang, "ui-hosts-add")).clicked() {
        let hosts = &mut draft.connector.smart_hosts;
        hosts.push(String::new());
        *focus_host = Some(hosts.len() - 1);
    }
}

/// The id of the host field in row `i` (fixed, so the cursor can be moved to a row not drawn yet).
fn host_row_id(i: usize) -> Id {
    Id::unique(("smart-host-row", i))
}

/// Gives the field `id` the focus now, with the cursor after its character `at`.
fn move_cursor_to(ctx: &egui::Context, id: Id, at: usize) {
    use egui::text::{CCursor, CCursorRange};
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(CCursorRange::one(CCursor::new(at))));
    state.store(ctx, id);
    ctx.memory_mut(|m| m.request_focus(id));
}

/// `refused`: what stopped the last run before any traffic (the CA file, the OS trust store).
pub fn security_ui(
    ui: &mut Ui,
    lang: Lang,
    draft: &mut Draft,
    refused: &[InputProblem],
    enter_fields: &mut Vec<Id>,
) -> Option<Action> {
    let mut action = None;
    ui.heading(tr(lang, "ui-security-title"));
    exchange_name(ui, lang, "TlsSettings");
    ui.add_space(8.0);
    let setting = &mut draft.connector.tls_settings;
    for policy in TlsPolicy::ALL {
        let (label, help_id, exchange) = match policy {
            TlsPolicy::Opportunistic => {
                ("ui-tls-opportunistic", "ui-tls-opportunistic-help", "none")
            }
            TlsPolicy::EncryptionOnly => (
                "ui-tls-encryption-only",
                "ui-tls-encryption-only-help",
                "EncryptionOnly",
            ),
            TlsPolicy::CertificateValidation => (
                "ui-tls-certificate-validation",
                "ui-tls-certificate-validation-help",
                "CertificateValidation",
            ),
            TlsPolicy::DomainValidation => (
                "ui-tls-domain-validation",
                "ui-tls-domain-validation-help",
                "DomainValidation",
            ),
        };
        ui.horizontal_wrapped(|ui| {
            ui.radio_value(setting, policy, tr(lang, label));
            ui.label(RichText::new(format!("({exchange})")).weak().monospace());
        });
        ui.indent(("tls-help", policy.as_str()), |ui| {
            help(ui, tr(lang, help_id));
        });
        ui.add_space(4.0);
    }

    if draft.connector.tls_settings == TlsPolicy::DomainValidation {
        ui.add_space(6.0);
        let label = section_label(ui, tr(lang, "ui-tls-domain"));
        line_field(
            ui,
            &mut draft.connector.tls_domain,
            tr(lang, "ui-tls-domain-hint"),
            &label,
            enter_fields,
        );
        field_problems_ui(ui, lang, &problems(draft), InputField::TlsDomain, true);
        help(ui, tr(lang, "ui-tls-domain-help"));
        exchange_name(ui, lang, "TlsDomain");
    }

    ui.add_space(8.0);
    ui.separator();
    let label = section_label(ui, tr(lang, "ui-ca-file"));
    ui.horizontal_wrapped(|ui| {
        line_field(
            ui,
            &mut draft.ca_file_text,
            tr(lang, "ui-ca-file-hint"),
            &label,
            enter_fields,
        );
        if ui.button(tr(lang, "ui-ca-file-browse")).clicked() {
            action = Some(CheckAction::PickFile(InputFile::CaFile).into());
        }
        if !draft.ca_file_text.is_empty() && ui.button(tr(lang, "ui-ca-file-clear")).clicked() {
            draft.ca_file_text.clear();
        }
    });
    field_problems_ui(ui, lang, refused, InputField::CaFile, true);
    help(ui, tr(lang, "ui-ca-file-help"));
    ui.add_space(8.0);
    ui.checkbox(
        &mut draft.options.use_os_trust_store,
        tr(lang, "ui-os-trust"),
    );
    field_problems_ui(ui, lang, refused, InputField::OsTrustStore, true);
    help(ui, tr(lang, "ui-os-trust-help"));
    ui.add_space(8.0);
    ui.checkbox(
        &mut draft.options.domain_security,
        tr(lang, "ui-domain-security"),
    );
    help(ui, tr(lang, "ui-domain-security-help"));
    if draft.options.domain_security {
        for (file, field, hint, help_id) in [
            (
                InputFile::TrustAnchor,
                InputField::DnssecTrustAnchor,
                "ui-trust-anchor-file-hint",
                "ui-trust-anchor-file-help",
            ),
            (
                InputFile::NextCertificate,
                InputField::DaneNextCertificate,
                "ui-next-certificate-file-hint",
                "ui-next-certificate-file-help",
            ),
        ] {
            ui.add_space(4.0);
            ui.indent(file.label_id(), |ui| {
                let label = section_label(ui, tr(lang, file.label_id()));
                ui.horizontal_wrapped(|ui| {
                    let text = file.text_mut(draft);
                    line_field(ui, text, tr(lang, hint), &label, enter_fields);
                    if ui.button(tr(lang, "ui-ca-file-browse")).clicked() {
                        action = Some(CheckAction::PickFile(file).into());
                    }
                    if !text.is_empty() && ui.button(tr(lang, "ui-ca-file-clear")).clicked() {
                        text.clear();
                    }
                });
                field_problems_ui(ui, lang, refused, field, true);
                help(ui, tr(lang, help_id));
            });
        }
    } else {
        field_problems_ui(ui, lang, refused, InputField::DnssecTrustAnchor, true);
        field_problems_ui(ui, lang, refused, InputField::DaneNextCertificate, true);
    }

    ui.add_space(8.0);
    egui::CollapsingHeader::new(tr(lang, "ui-machine-options"))
        .id_salt("machine-options")
        .show(ui, |ui| {
            let label = section_label(ui, tr(lang, "ui-dns-server"));
            line_field(
                ui,
                &mut draft.options.dns_server,
                "192.0.2.53".to_string(),
                &label,
                enter_fields,
            );
            field_problems_ui(ui, lang, &problems(draft), InputField::DnsServer, false);
            help(ui, tr(lang, "ui-dns-server-help"));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "ui-timeout"));
                ui.add(
                    egui::DragValue::new(&mut draft.options.timeout_secs)
                        .range(1..=MAX_TIMEOUT_SECS),
                )
                .labelled_by(label.id);
            });
        });
    action
}

pub fn email_ui(ui: &mut Ui, lang: Lang, draft: &mut Draft, enter_fields: &mut Vec<Id>) {
    ui.heading(tr(lang, "ui-email-title"));
    ui.add_space(8.0);

    let label = section_label(ui, tr(lang, "ui-email-address"));
    line_field(
        ui,
        &mut draft.connector.test_address,
        tr(lang, "ui-email-address-hint"),
        &label,
        enter_fields,
    );
    let problems = problems(draft);
    field_problems_ui(ui, lang, &problems, InputField::TestAddress, true);
    help(ui, tr(lang, "ui-email-address-help"));
    ui.add_space(12.0);

    let label = section_label(ui, tr(lang, "ui-email-mail-from"));
    line_field(
        ui,
        &mut draft.connector.mail_from,
        String::new(),
        &label,
        enter_fields,
    );
    field_problems_ui(ui, lang, &problems, InputField::MailFrom, false);
    help(ui, tr(lang, "ui-email-mail-from-help"));
    ui.add_space(12.0);

    let send = &mut draft.options.send_test_message;
    ui.radio_value(send, false, tr(lang, "ui-email-mode-rcpt"));
    ui.indent("rcpt-help", |ui| {
        help(ui, tr(lang, "ui-email-mode-rcpt-help"))
    });
    ui.radio_value(send, true, tr(lang, "ui-email-mode-send"));
    if *send {
        ui.indent("send-warning", |ui| {
            icon_line(ui, Status::Warn, tr(lang, "ui-email-send-warning"));
        });
    }
    ui.add_space(12.0);
    problems_ui(ui, lang, draft);
}

/// Opens the CA file dialog on the runtime so the window keeps drawing while it is open.
pub fn pick_file(file: InputFile, lang: Lang, bg: &Background) {
    let title = tr(lang, file.label_id());
    let answer = bg.clone();
    let dialogs = bg.file_dialogs();
    let (filter, extensions) = file.filter();
    bg.spawn(async move {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter(filter, extensions);
        match file_dialog::choose(dialog, false, dialogs).await {
            Chosen::Path(path) => answer.send(CheckMsg::FilePicked(file, Some(path))),
            Chosen::Cancelled => answer.send(CheckMsg::FilePicked(file, None)),
            Chosen::NoDialog(why) => answer.send(UiMsg::NoFileDialog(PathPrompt::new(
                Purpose::InputFile(file),
                why,
                None,
            ))),
        }
    });
}
