//! The 5.7.64 form pages: (a) the inbound connector, the accepted domains and the refused mail;
//! (b) where the certificate the on-premises server sends is read from.

use std::path::PathBuf;

use eframe::egui;
use egui::{Id, Response, RichText, TextEdit, Ui};

use super::draft::{CertSource, TenantDraft, sender_ip_entries};
use super::draft::{ON_PREMISES, PARTNER};
use super::results::{Feedback, feedback_ui, severity_icon};
use crate::app::action::{Action, TenantAction};
use crate::app::background::Background;
use crate::app::msg::{JsonTarget, TenantMsg};
use crate::app::widgets::{
    exchange_name, field_problems_ui, help, icon_line, line_field, ok_color, problems_box_ui,
    section_label, status_icon,
};
use crate::checks::{Message, Status};
use crate::i18n::{Lang, input_problem_text, localize, tr, tr_args};
use crate::input::InputField;
use crate::model::parse_smart_host;
use crate::sanitize::shown;
use crate::tenant::{Severity, normalize_tls_sender_name, parse_sender_ip};

const WIDE_FIELD_WIDTH: f32 = 560.0;

/// A PowerShell command the technician can select and copy.
fn command(ui: &mut Ui, text: &str) {
    egui::Frame::new()
        .fill(ui.visuals().extreme_bg_color)
        .inner_margin(egui::Margin::symmetric(6, 3))
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).monospace()).selectable(true));
        });
}

fn multi_field(ui: &mut Ui, value: &mut String, hint: &str, rows: usize, label: &Response) {
    ui.add(
        TextEdit::multiline(value)
            .hint_text(hint)
            .desired_rows(rows)
            .desired_width(WIDE_FIELD_WIDTH),
    )
    .labelled_by(label.id);
}

/// Fills the connector fields from `Get-InboundConnector | ConvertTo-Json`.
pub fn import_connector(tenant: &mut TenantDraft, text: &str) -> Feedback {
    match tenant.import_connector_json(text) {
        Ok(name) => {
            tenant.connector_json_text.clear();
            Feedback::Done(
                Message::new("ui-tenant-import-connector-done")
                    .arg("name", name.unwrap_or_default()),
            )
        }
        Err(problem) => Feedback::Failed(problem),
    }
}

/// Adds the domains of `Get-AcceptedDomain | ConvertTo-Json` to the typed ones.
pub fn import_domains(tenant: &mut TenantDraft, text: &str) -> Feedback {
    match tenant.import_accepted_domains_json(text) {
        Ok(added) => {
            tenant.accepted_domains_json_text.clear();
            Feedback::Done(Message::new("ui-tenant-import-domains-done").arg("count", added))
        }
        Err(problem) => Feedback::Failed(problem),
    }
}

/// Opens a file dialog on the runtime (the window keeps drawing) and reads the chosen JSON
/// there too.
pub fn pick_json(target: JsonTarget, lang: Lang, bg: &Background) {
    let answer = bg.clone();
    let title = tr(
        lang,
        match target {
            JsonTarget::Connector => "ui-tenant-import-connector",
            JsonTarget::AcceptedDomains => "ui-tenant-import-domains",
        },
    );
    bg.spawn(async move {
        let Some(file) = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter("JSON", &["json", "txt"])
            .pick_file()
            .await
        else {
            return;
        };
        let path = file.path().to_path_buf();
        // The same bounded reader as --inbound-connector-json / --accepted-domains-json.
        let shown = path.display().to_string();
        let result = tokio::task::spawn_blocking(move || {
            let bytes = crate::input_file::read_file(&path, crate::input_file::InputKind::Json)
                .map_err(|e| e.message())?;
            crate::powershell::decode_text(&bytes).map_err(|e| e.message(path.display()))
        })
        .await
        .unwrap_or_else(|e| {
            Err(Message::new("input-read-file")
                .arg("path", shown)
                .arg("error", e))
        });
        answer.send(TenantMsg::JsonRead { target, result });
    });
}

/// Log files, or a folder of them, added to the list.
pub fn pick_logs(folder: bool, lang: Lang, bg: &Background) {
    let answer = bg.clone();
    let title = tr(lang, "ui-tenant-logs");
    bg.spawn(async move {
        let dialog = rfd::AsyncFileDialog::new().set_title(title);
        let picked: Vec<PathBuf> = if folder {
            dialog
                .pick_folder()
                .await
                .map(|f| vec![f.path().to_path_buf()])
                .unwrap_or_default()
        } else {
            dialog
                .add_filter("LOG", &["log", "LOG", "txt", "csv"])
                .pick_files()
                .await
                .map(|files| files.iter().map(|f| f.path().to_path_buf()).collect())
                .unwrap_or_default()
        };
        if !picked.is_empty() {
            answer.send(TenantMsg::LogsPicked(picked));
        }
    });
}

pub fn pick_cert_file(lang: Lang, bg: &Background) {
    let answer = bg.clone();
    let title = tr(lang, "ui-tenant-cert-file");
    bg.spawn(async move {
        if let Some(file) = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter("PEM / DER", &["cer", "crt", "pem", "der"])
            .pick_file()
            .await
        {
            answer.send(TenantMsg::CertFilePicked(file.path().to_path_buf()));
        }
    });
}

/// The list of what stops the diagnosis, in the error colour.
pub fn problems_ui(ui: &mut Ui, lang: Lang, tenant: &TenantDraft) {
    problems_box_ui(ui, lang, "ui-tenant-problems-title", &tenant.problems());
}

/// Page (a): the inbound connector, the accepted domains, the refused mail.
/// `connector_import` and `domains_import`: what the last imports did.
pub fn inbound_ui(
    ui: &mut Ui,
    lang: Lang,
    tenant: &mut TenantDraft,
    connector_import: &Option<Feedback>,
    domains_import: &Option<Feedback>,
    enter_fields: &mut Vec<Id>,
) -> Option<Action> {
    let mut action = None;
    ui.heading(tr(lang, "ui-tenant-inbound-title"));
    help(ui, tr(lang, "ui-tenant-inbound-intro"));
    ui.add_space(8.0);

    egui::CollapsingHeader::new(tr(lang, "ui-tenant-import-connector"))
        .id_salt("import-connector")
        .show(ui, |ui| {
            help(ui, tr(lang, "ui-tenant-import-connector-help"));
            command(ui, "Get-InboundConnector | ConvertTo-Json");
            let label = ui.label(tr(lang, "ui-tenant-import-connector-paste"));
            multi_field(
                ui,
                &mut tenant.connector_json_text,
                "[ { \"Name\": …, \"TlsSenderCertificateName\": … } ]",
                4,
                &label,
            );
            ui.horizontal_wrapped(|ui| {
                let has_text = !tenant.connector_json_text.trim().is_empty();
                if ui
                    .add_enabled(
                        has_text,
                        egui::Button::new(tr(lang, "ui-tenant-import-pasted")),
                    )
                    .clicked()
                {
                    action = Some(TenantAction::ImportPasted(JsonTarget::Connector).into());
                }
                if ui.button(tr(lang, "ui-tenant-import-file")).clicked() {
                    action = Some(TenantAction::PickJson(JsonTarget::Connector).into());
                }
            });
            feedback_ui(ui, lang, connector_import);
        });
    for note in &tenant.import_notes {
        ui.horizontal_wrapped(|ui| {
            severity_icon(ui, Severity::Info);
            ui.label(RichText::new(localize(lang, note)).weak());
        });
    }
    ui.add_space(8.0);

    let label = section_label(ui, tr(lang, "ui-tenant-connector-name"));
    line_field(
        ui,
        &mut tenant.connector_name,
        tr(lang, "ui-tenant-connector-name-hint"),
        &label,
        enter_fields,
    );
    exchange_name(ui, lang, "Name");
    ui.add_space(10.0);

    let label = section_label(ui, tr(lang, "ui-tenant-tls-name"));
    line_field(
        ui,
        &mut tenant.tls_sender_certificate_name,
        "mail.contoso.com",
        &label,
        enter_fields,
    );
    let problems = tenant.problems();
    let typed = tenant.tls_sender_certificate_name.trim();
    field_problems_ui(
        ui,
        lang,
        &problems,
        InputField::TlsSenderCertificateName,
        false,
    );
    if !typed.is_empty()
        && !problems
            .iter()
            .any(|p| p.field == InputField::TlsSenderCertificateName)
    {
        let (normalized, note) = normalize_tls_sender_name(typed);
        if note.is_some() {
            icon_line(
                ui,
                Status::Pass,
                tr_args(lang, "ui-tenant-tls-name-cn", &[("name", normalized)]),
            );
        }
    }
    help(ui, tr(lang, "ui-tenant-tls-name-help"));
    exchange_name(ui, lang, "TlsSenderCertificateName");
    ui.add_space(10.0);

    let label = section_label(ui, tr(lang, "ui-tenant-sender-ips"));
    multi_field(
        ui,
        &mut tenant.sender_ips_text,
        "203.0.113.25\n198.51.100.0/24",
        3,
        &label,
    );
    for entry in sender_ip_entries(&tenant.sender_ips_text) {
        let shown = crate::sanitize::shown(entry);
        if let Some(problem) = problems
            .iter()
            .find(|p| p.field == InputField::SenderIps && p.value == shown)
        {
            icon_line(ui, Status::Fail, input_problem_text(lang, problem));
            continue;
        }
        if let Ok(net) = parse_sender_ip(entry) {
            ui.horizontal_wrapped(|ui| {
                status_icon(ui, Status::Pass);
                ui.colored_label(
                    ok_color(ui.visuals()),
                    tr_args(lang, "ui-tenant-ip-ok", &[("network", net.to_string())]),
                );
            });
        }
    }
    help(ui, tr(lang, "ui-tenant-sender-ips-help"));
    exchange_name(ui, lang, "SenderIPAddresses");
    ui.add_space(10.0);

    section_label(ui, tr(lang, "ui-tenant-connector-type"));
    ui.horizontal(|ui| {
        ui.radio_value(
            &mut tenant.connector_type,
            ON_PREMISES.to_string(),
            tr(lang, "ui-tenant-type-onprem"),
        );
        ui.label(RichText::new("(OnPremises)").weak().monospace());
    });
    ui.horizontal_wrapped(|ui| {
        ui.radio_value(
            &mut tenant.connector_type,
            PARTNER.to_string(),
            tr(lang, "ui-tenant-type-partner"),
        );
        ui.label(RichText::new("(Partner)").weak().monospace());
    });
    if tenant.connector_type != ON_PREMISES && tenant.connector_type != PARTNER {
        ui.label(
            RichText::new(tr_args(
                lang,
                "ui-tenant-type-imported",
                &[("type", shown(&tenant.connector_type))],
            ))
            .weak(),
        );
    }
    exchange_name(ui, lang, "ConnectorType");
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut tenant.require_tls, tr(lang, "ui-tenant-require-tls"));
        ui.label(RichText::new("(RequireTls)").weak().monospace());
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(
            &mut tenant.restrict_domains_to_certificate,
            tr(lang, "ui-tenant-restrict-domains"),
        );
        ui.label(
            RichText::new("(RestrictDomainsToCertificate)")
                .weak()
                .monospace(),
        );
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut tenant.enabled, tr(lang, "ui-tenant-enabled"));
        ui.label(RichText::new("(Enabled)").weak().monospace());
    });

    ui.add_space(12.0);
    ui.separator();
    ui.label(
        RichText::new(tr(lang, "ui-tenant-mail-title"))
            .strong()
            .size(16.0),
    );
    help(ui, tr(lang, "ui-tenant-mail-help"));
    ui.add_space(6.0);

    let label = section_label(ui, tr(lang, "ui-tenant-sender-domain"));
    line_field(
        ui,
        &mut tenant.sender_domain,
        "contoso.com",
        &label,
        enter_fields,
    );
    field_problems_ui(ui, lang, &problems, InputField::SenderDomain, false);
    ui.add_space(8.0);

    let label = section_label(ui, tr(lang, "ui-tenant-sending-ip"));
    line_field(
        ui,
        &mut tenant.sending_ip,
        "203.0.113.25",
        &label,
        enter_fields,
    );
    field_problems_ui(ui, lang, &problems, InputField::SendingIp, false);
    help(ui, tr(lang, "ui-tenant-sending-ip-help"));
    ui.add_space(8.0);

    let label = section_label(ui, tr(lang, "ui-tenant-accepted-domains"));
    multi_field(
        ui,
        &mut tenant.accepted_domains_text,
        "contoso.com, contoso.onmicrosoft.com",
        2,
        &label,
    );
    field_problems_ui(ui, lang, &problems, InputField::AcceptedDomains, false);
    help(ui, tr(lang, "ui-tenant-accepted-domains-help"));
    egui::CollapsingHeader::new(tr(lang, "ui-tenant-import-domains"))
        .id_salt("import-domains")
        .show(ui, |ui| {
            command(ui, "Get-AcceptedDomain | ConvertTo-Json");
            let label = ui.label(tr(lang, "ui-tenant-import-domains-paste"));
            multi_field(
                ui,
                &mut tenant.accepted_domains_json_text,
                "[ { \"DomainName\": … } ]",
                3,
                &label,
            );
            ui.horizontal(|ui| {
                let has_text = !tenant.accepted_domains_json_text.trim().is_empty();
                if ui
                    .add_enabled(
                        has_text,
                        egui::Button::new(tr(lang, "ui-tenant-import-pasted-domains")),
                    )
                    .clicked()
                {
                    action = Some(TenantAction::ImportPasted(JsonTarget::AcceptedDomains).into());
                }
                if ui
                    .button(tr(lang, "ui-tenant-import-file-domains"))
                    .clicked()
                {
                    action = Some(TenantAction::PickJson(JsonTarget::AcceptedDomains).into());
                }
            });
            feedback_ui(ui, lang, domains_import);
        });
    action
}

/// Page (b): where the certificate the server sends is read from.
/// `cancelled`: the last diagnosis was cancelled.
pub fn source_ui(
    ui: &mut Ui,
    lang: Lang,
    tenant: &mut TenantDraft,
    cancelled: bool,
    enter_fields: &mut Vec<Id>,
) -> Option<Action> {
    let mut action = None;
    if cancelled {
        icon_line(ui, Status::Warn, tr(lang, "ui-tenant-cancelled"));
        ui.add_space(6.0);
    }
    ui.heading(tr(lang, "ui-tenant-source-title"));
    help(ui, tr(lang, "ui-tenant-source-intro"));
    ui.add_space(8.0);
    let source = &mut tenant.source;
    ui.radio_value(source, CertSource::Logs, tr(lang, "ui-tenant-source-logs"));
    ui.radio_value(source, CertSource::File, tr(lang, "ui-tenant-source-file"));
    ui.radio_value(source, CertSource::Live, tr(lang, "ui-tenant-source-live"));
    ui.radio_value(
        source,
        CertSource::Evidence,
        tr(lang, "ui-tenant-source-evidence"),
    );
    ui.add_space(8.0);
    ui.separator();
    ui.add_space(4.0);

    match tenant.source {
        CertSource::Logs => {
            let label = section_label(ui, tr(lang, "ui-tenant-logs"));
            multi_field(
                ui,
                &mut tenant.logs_text,
                &tr(lang, "ui-tenant-logs-hint"),
                3,
                &label,
            );
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "ui-tenant-logs-add-files")).clicked() {
                    action = Some(TenantAction::PickLogs { folder: false }.into());
                }
                if ui.button(tr(lang, "ui-tenant-logs-add-folder")).clicked() {
                    action = Some(TenantAction::PickLogs { folder: true }.into());
                }
            });
            help(ui, tr(lang, "ui-tenant-logs-help"));
            ui.add_space(8.0);

            let label = section_label(ui, tr(lang, "ui-tenant-send-connector"));
            line_field(
                ui,
                &mut tenant.send_connector,
                "Outbound to Office 365",
                &label,
                enter_fields,
            );
            help(ui, tr(lang, "ui-tenant-send-connector-help"));
            ui.add_space(10.0);

            ui.label(RichText::new(tr(lang, "ui-tenant-logs-where")).strong());
            help(ui, tr(lang, "ui-tenant-logs-where-help"));
            command(ui, "Get-TransportService | Select Name,SendProtocolLogPath");
            ui.add_space(6.0);
            ui.label(RichText::new(tr(lang, "ui-tenant-logs-enable")).strong());
            help(ui, tr(lang, "ui-tenant-logs-enable-help"));
            let name = tenant.send_connector.trim();
            // A typed name is one quoted PowerShell string; the placeholder is ours.
            let name = if name.is_empty() {
                format!("<{}>", tr(lang, "ui-tenant-send-connector-placeholder"))
            } else {
                crate::powershell::quote(name)
            };
            command(
                ui,
                &shown(&format!(
                    "Set-SendConnector {name} -ProtocolLoggingLevel Verbose"
                )),
            );
        }
        CertSource::File => {
            let label = section_label(ui, tr(lang, "ui-tenant-cert-file"));
            ui.horizontal(|ui| {
                line_field(
                    ui,
                    &mut tenant.cert_file_text,
                    "C:\\certs\\mail.contoso.com.cer",
                    &label,
                    enter_fields,
                );
                if ui.button(tr(lang, "ui-ca-file-browse")).clicked() {
                    action = Some(TenantAction::PickCertFile.into());
                }
            });
            help(ui, tr(lang, "ui-tenant-cert-file-help"));
        }
        CertSource::Live => {
            let label = section_label(ui, tr(lang, "ui-tenant-live-host"));
            line_field(
                ui,
                &mut tenant.live_host,
                "mail.contoso.com:25",
                &label,
                enter_fields,
            );
            let host = crate::input::clean(&tenant.live_host);
            let problems = tenant.problems();
            field_problems_ui(ui, lang, &problems, InputField::LiveHost, false);
            if !problems.iter().any(|p| p.field == InputField::LiveHost)
                && let Ok(parsed) = parse_smart_host(host)
            {
                ui.horizontal_wrapped(|ui| {
                    status_icon(ui, Status::Pass);
                    ui.colored_label(
                        ok_color(ui.visuals()),
                        tr_args(
                            lang,
                            "ui-hosts-ok",
                            &[("host", parsed.name()), ("port", parsed.port.to_string())],
                        ),
                    );
                });
            }
            help(ui, tr(lang, "ui-tenant-live-help"));
        }
        CertSource::Evidence => evidence_ui(ui, lang, tenant, enter_fields),
    }
    action
}

/// The evidence an admin already holds: NDRs, a message trace, the send connector and
/// certificate JSON (paths; the run reads them off the UI thread).
fn evidence_ui(ui: &mut Ui, lang: Lang, tenant: &mut TenantDraft, enter_fields: &mut Vec<Id>) {
    help(ui, tr(lang, "ui-tenant-evidence-intro"));
    ui.add_space(6.0);
    let problems = tenant.problems();

    let label = section_label(ui, tr(lang, "ui-tenant-ndr-files"));
    multi_field(
        ui,
        &mut tenant.ndr_paths_text,
        "C:\\NDR\\Undeliverable.eml",
        2,
        &label,
    );
    help(ui, tr(lang, "ui-tenant-ndr-files-help"));
    let label = section_label(ui, tr(lang, "ui-tenant-ndr-text"));
    multi_field(
        ui,
        &mut tenant.ndr_text,
        "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'",
        3,
        &label,
    );
    field_problems_ui(ui, lang, &problems, InputField::Ndr, false);
    ui.add_space(8.0);

    let label = section_label(ui, tr(lang, "ui-tenant-message-trace"));
    line_field(
        ui,
        &mut tenant.message_trace_path,
        "C:\\Reports\\MTSummary_Report.csv",
        &label,
        enter_fields,
    );
    field_problems_ui(ui, lang, &problems, InputField::MessageTrace, false);
    help(ui, tr(lang, "ui-tenant-message-trace-help"));
    ui.add_space(8.0);

    let label = section_label(ui, tr(lang, "ui-tenant-send-connector-json"));
    line_field(
        ui,
        &mut tenant.send_connector_json_path,
        "C:\\Temp\\send-connectors.json",
        &label,
        enter_fields,
    );
    command(
        ui,
        "Get-SendConnector | ConvertTo-Json > send-connectors.json",
    );
    field_problems_ui(ui, lang, &problems, InputField::SendConnectorJson, false);
    let label = section_label(ui, tr(lang, "ui-tenant-certificate-json"));
    line_field(
        ui,
        &mut tenant.exchange_certificate_json_path,
        "C:\\Temp\\certificates.json",
        &label,
        enter_fields,
    );
    command(
        ui,
        "Get-ExchangeCertificate | ConvertTo-Json > certificates.json",
    );
    field_problems_ui(
        ui,
        lang,
        &problems,
        InputField::ExchangeCertificateJson,
        false,
    );
    help(ui, tr(lang, "ui-tenant-exchange-json-help"));
}
