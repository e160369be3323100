//! The form pages of the connector check: Connector, Hosts, Security, Test email. Each field is
//! checked as it is typed, with the reason in the current language beside it.

use eframe::egui;
use egui::{Id, RichText, TextEdit, Ui};

use crate::app::action::{Action, CheckAction};
use crate::app::background::Background;
use crate::app::draft::Draft;
use crate::app::msg::CheckMsg;
use crate::app::widgets::{
    exchange_name, help, icon_line, line_field, ok_color, section_label, status_icon,
};
use crate::checks::Message;
use crate::checks::Status;
use crate::i18n::{Lang, localize, tr, tr_args};
use crate::model::{
    ConnectorType, DomainScope, MAX_TIMEOUT_SECS, TlsPolicy, parse_dns_server, parse_smart_host,
    split_host_list,
};

/// Why the form cannot run yet (empty when it can).
pub fn problems(draft: &Draft) -> Vec<Message> {
    let mut problems = Vec::new();
    let connector = &draft.connector;
    if connector.use_mx_record {
        if connector.test_address.trim().is_empty() {
            problems.push(Message::new("ui-email-mx-needs-address"));
        }
    } else {
        let typed: Vec<&str> = connector
            .smart_hosts
            .iter()
            .map(|h| h.trim())
            .filter(|h| !h.is_empty())
            .collect();
        if typed.is_empty() {
            problems.push(Message::new("ui-hosts-none"));
        }
        let invalid = typed
            .iter()
            .filter(|h| parse_smart_host(h).is_err())
            .count();
        if invalid > 0 {
            problems.push(Message::new("ui-problem-hosts-invalid").arg("count", invalid));
        }
    }
    let bad_domains = split_host_list(&draft.recipient_domains_text)
        .iter()
        .filter(|d| DomainScope::parse(d).is_err())
        .count();
    if bad_domains > 0 {
        problems.push(Message::new("ui-problem-domains-invalid").arg("count", bad_domains));
    }
    if connector.tls_settings == TlsPolicy::DomainValidation {
        let domain = connector.tls_domain.trim();
        if domain.is_empty() {
            problems.push(Message::new("ui-tls-domain-required"));
        } else if let Err(err) = DomainScope::parse(domain) {
            problems
                .push(Message::new("ui-tls-domain-invalid").arg("reason", reason(Lang::En, &err)));
        }
    }
    let address = connector.test_address.trim();
    if !address.is_empty() && !email_address::EmailAddress::is_valid(address) {
        problems.push(Message::new("ui-problem-test-address"));
    }
    let sender = connector.mail_from.trim();
    if !sender.is_empty() && !email_address::EmailAddress::is_valid(sender) {
        problems.push(Message::new("ui-problem-mail-from"));
    }
    let dns = draft.options.dns_server.trim();
    if !dns.is_empty() && parse_dns_server(dns).is_none() {
        problems.push(Message::new("ui-dns-server-invalid"));
    }
    problems
}

/// A problem's words; `ui-tls-domain-invalid` carries its reason as an id to re-word it.
fn problem_text(lang: Lang, draft: &Draft, problem: &Message) -> String {
    if problem.id == "ui-tls-domain-invalid"
        && let Err(err) = DomainScope::parse(draft.connector.tls_domain.trim())
    {
        return tr_args(
            lang,
            "ui-tls-domain-invalid",
            &[("reason", reason(lang, &err))],
        );
    }
    localize(lang, problem)
}

fn reason(lang: Lang, err: &crate::model::HostInputError) -> String {
    tr(lang, err.reason_id())
}

/// The list of what stops a run, in the error colour.
pub fn problems_ui(ui: &mut Ui, lang: Lang, draft: &Draft) {
    let problems = problems(draft);
    if problems.is_empty() {
        return;
    }
    let error = ui.visuals().error_fg_color;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(tr(lang, "ui-problems-title"))
                .color(error)
                .strong(),
        );
        for problem in &problems {
            ui.label(
                RichText::new(format!("• {}", problem_text(lang, draft, problem))).color(error),
            );
        }
    });
    ui.add_space(8.0);
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
    ui.horizontal(|ui| {
        ui.radio_value(
            kind,
            ConnectorType::OnPremises,
            tr(lang, "ui-connector-onprem"),
        );
        ui.label(RichText::new("(OnPremises)").weak().monospace());
    });
    ui.horizontal(|ui| {
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
    for domain in split_host_list(&draft.recipient_domains_text) {
        if let Err(err) = DomainScope::parse(&domain) {
            icon_line(
                ui,
                Status::Fail,
                tr_args(
                    lang,
                    "ui-connector-domain-invalid",
                    &[("domain", domain.clone()), ("reason", reason(lang, &err))],
                ),
            );
        }
    }
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
    ui.horizontal(|ui| {
        ui.radio_value(use_mx, false, tr(lang, "ui-hosts-mode-smart"));
        ui.label(RichText::new("(SmartHosts)").weak().monospace());
    });
    ui.horizontal(|ui| {
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

    let hosts = &mut draft.connector.smart_hosts;
    if hosts.is_empty() {
        hosts.push(String::new());
    }
    let mut remove = None;
    let mut split = None;
    for (i, host) in hosts.iter_mut().enumerate() {
        ui.horizontal(|ui| {
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
                        .id_salt(("host", i))
                        .hint_text("mail.contoso.com")
                        .desired_width(280.0),
                )
                .labelled_by(label.id);
            enter_fields.push(response.id);
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
            let typed = host.trim();
            if !typed.is_empty() {
                match parse_smart_host(typed) {
                    Ok(parsed) => {
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
                    Err(err) => {
                        status_icon(ui, Status::Fail);
                        ui.colored_label(ui.visuals().error_fg_color, reason(lang, &err));
                    }
                }
            }
        });
    }
    if let Some(i) = split {
        // Several hosts pasted into one row: one row each, in the order pasted.
        let pasted = split_host_list(&hosts[i]);
        hosts.splice(i..=i, pasted);
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

pub fn security_ui(
    ui: &mut Ui,
    lang: Lang,
    draft: &mut Draft,
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
        ui.horizontal(|ui| {
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
        let domain = draft.connector.tls_domain.trim();
        if domain.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr(lang, "ui-tls-domain-required"),
            );
        } else if let Err(err) = DomainScope::parse(domain) {
            icon_line(ui, Status::Fail, reason(lang, &err));
        }
        help(ui, tr(lang, "ui-tls-domain-help"));
        exchange_name(ui, lang, "TlsDomain");
    }

    ui.add_space(8.0);
    ui.separator();
    let label = section_label(ui, tr(lang, "ui-ca-file"));
    ui.horizontal(|ui| {
        line_field(
            ui,
            &mut draft.ca_file_text,
            tr(lang, "ui-ca-file-hint"),
            &label,
            enter_fields,
        );
        if ui.button(tr(lang, "ui-ca-file-browse")).clicked() {
            action = Some(CheckAction::PickCaFile.into());
        }
        if !draft.ca_file_text.is_empty() && ui.button(tr(lang, "ui-ca-file-clear")).clicked() {
            draft.ca_file_text.clear();
        }
    });
    help(ui, tr(lang, "ui-ca-file-help"));
    ui.add_space(8.0);
    ui.checkbox(
        &mut draft.options.use_os_trust_store,
        tr(lang, "ui-os-trust"),
    );
    help(ui, tr(lang, "ui-os-trust-help"));

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
            let dns = draft.options.dns_server.trim();
            if !dns.is_empty() && parse_dns_server(dns).is_none() {
                icon_line(ui, Status::Fail, tr(lang, "ui-dns-server-invalid"));
            }
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
    address_check_ui(ui, lang, &draft.connector.test_address);
    help(ui, tr(lang, "ui-email-address-help"));
    if draft.connector.use_mx_record && draft.connector.test_address.trim().is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tr(lang, "ui-email-mx-needs-address"),
        );
    }
    ui.add_space(12.0);

    let label = section_label(ui, tr(lang, "ui-email-mail-from"));
    line_field(
        ui,
        &mut draft.connector.mail_from,
        String::new(),
        &label,
        enter_fields,
    );
    address_check_ui(ui, lang, &draft.connector.mail_from);
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
pub fn pick_ca_file(lang: Lang, bg: &Background) {
    let title = tr(lang, "ui-ca-file");
    let answer = bg.clone();
    bg.spawn(async move {
        let picked = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter("PEM / DER", &["pem", "crt", "cer", "der"])
            .pick_file()
            .await
            .map(|file| file.path().to_path_buf());
        answer.send(CheckMsg::CaFilePicked(picked));
    });
}

/// Beside an address field: nothing when empty or valid, the reason otherwise.
fn address_check_ui(ui: &mut Ui, lang: Lang, address: &str) {
    let address = address.trim();
    if !address.is_empty() && !email_address::EmailAddress::is_valid(address) {
        icon_line(ui, Status::Fail, tr(lang, "ui-email-invalid"));
    }
}
