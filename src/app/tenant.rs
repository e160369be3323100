//! The 550 5.7.64 diagnosis in the wizard: the inbound connector (typed or imported from
//! PowerShell JSON), where to read the certificate the on-premises server sends, the diagnosis
//! on the app's runtime, and its results with each finding beside its guidance.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use eframe::egui;
use egui::{Id, Response, RichText, TextEdit, Ui};
use serde::{Deserialize, Serialize};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::pages::{exchange_name, field_problems_ui, help, line_field, section_label};
use super::results::{IconSquare, icon_line, icon_square, ok_color, spinner_ui, status_icon};
use super::{Flow, Page, WizardApp};
use crate::checks::{Message, Status, Verdict};
use crate::i18n::{Lang, input_problem_text, localize, megabytes, one_decimal, tr, tr_args};
use crate::input::{InputField, InputProblem};
use crate::model::{parse_smart_host, split_host_list};
use crate::sanitize::shown;
use crate::tenant::{
    CertificateChange, CertificateSource, Diagnosis, Finding, LogWarning, SentCertificate,
    Severity, TenantEvent, TenantForm, TenantInputs, normalize_tls_sender_name,
    parse_accepted_domains_json, parse_inbound_connector_json, parse_sender_ip, run,
};
pub use crate::tenant::{TenantFailure, TenantOutcome};

const WIDE_FIELD_WIDTH: f32 = 560.0;
/// Elapsed time on the Run page is refreshed this often.
const RUN_REFRESH: Duration = Duration::from_millis(250);
/// `ConnectorType` values, as Exchange spells them.
const ON_PREMISES: &str = "OnPremises";
const PARTNER: &str = "Partner";

/// Where the certificate the on-premises server sends is read from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CertSource {
    /// SMTP Send protocol logs (the only source that shows what was sent, and when).
    #[default]
    Logs,
    /// A certificate file (.cer/.crt/.pem/.der).
    File,
    /// STARTTLS to the on-premises server from this machine.
    Live,
}

/// The 5.7.64 form as typed (kept in the draft, so it survives Back, a language switch and a
/// restart). Text fields are the truth; [`TenantDraft::inputs`] reads them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TenantDraft {
    /// The inbound connector's `Name` (only used in the guidance's commands).
    pub connector_name: String,
    pub tls_sender_certificate_name: String,
    /// `SenderIPAddresses`, one entry per line (commas accepted).
    pub sender_ips_text: String,
    pub require_tls: bool,
    pub restrict_domains_to_certificate: bool,
    /// `OnPremises` or `Partner` (or what the imported JSON said).
    pub connector_type: String,
    pub enabled: bool,
    /// What the import of the connector JSON noticed (several connectors, `<I>…<S>…` form…).
    pub import_notes: Vec<Message>,
    /// JSON pasted but not imported yet.
    pub connector_json_text: String,
    /// Accepted domains, separated by commas, spaces or lines.
    pub accepted_domains_text: String,
    pub accepted_domains_json_text: String,
    /// Domain of the sender of the refused mail.
    pub sender_domain: String,
    /// Public address the on-premises server sends from.
    pub sending_ip: String,
    pub source: CertSource,
    /// Log files or folders, one per line.
    pub logs_text: String,
    pub send_connector: String,
    pub cert_file_text: String,
    /// `host[:port]` for the live connection.
    pub live_host: String,
}

impl Default for TenantDraft {
    fn default() -> Self {
        TenantDraft {
            connector_name: String::new(),
            tls_sender_certificate_name: String::new(),
            sender_ips_text: String::new(),
            // What the Hybrid Configuration Wizard creates.
            require_tls: true,
            restrict_domains_to_certificate: false,
            connector_type: ON_PREMISES.to_string(),
            enabled: true,
            import_notes: Vec::new(),
            connector_json_text: String::new(),
            accepted_domains_text: String::new(),
            accepted_domains_json_text: String::new(),
            sender_domain: String::new(),
            sending_ip: String::new(),
            source: CertSource::Logs,
            logs_text: String::new(),
            send_connector: String::new(),
            cert_file_text: String::new(),
            live_host: String::new(),
        }
    }
}

/// `SenderIPAddresses` entries: one per line, commas and semicolons also separate.
pub fn sender_ip_entries(text: &str) -> Vec<&str> {
    text.split(['\n', '\r', ',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

impl TenantDraft {
    /// Why the diagnosis cannot run yet (empty when it can): the engine's own check of the
    /// form, the one the command line runs.
    pub fn problems(&self) -> Vec<InputProblem> {
        crate::tenant::prepare(&self.form(crate::model::DEFAULT_TIMEOUT_SECS))
            .err()
            .unwrap_or_default()
    }

    /// The form as the engine reads it; only the chosen certificate source is passed on.
    pub fn form(&self, timeout_secs: u64) -> TenantForm {
        self.form_with(timeout_secs, String::new())
    }

    /// [`Self::form`] with the machine options of the validation form (the live probe's DNS).
    pub fn form_with(&self, timeout_secs: u64, dns_server: String) -> TenantForm {
        let mut form = TenantForm {
            connector_name: self.connector_name.clone(),
            tls_sender_certificate_name: self.tls_sender_certificate_name.clone(),
            sender_ips: vec![self.sender_ips_text.clone()],
            require_tls: Some(self.require_tls),
            restrict_domains_to_certificate: Some(self.restrict_domains_to_certificate),
            connector_type: self.connector_type.clone(),
            enabled: Some(self.enabled),
            accepted_domains: vec![self.accepted_domains_text.clone()],
            sender_domain: self.sender_domain.clone(),
            sending_ip: self.sending_ip.clone(),
            timeout_secs,
            dns_server,
            notes: self.import_notes.clone(),
            ..TenantForm::default()
        };
        match self.source {
            CertSource::Logs => {
                form.logs = self
                    .logs_text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(PathBuf::from)
                    .collect();
                form.send_connector = self.send_connector.clone();
            }
            CertSource::File => {
                form.cert_file = (!self.cert_file_text.trim().is_empty())
                    .then(|| PathBuf::from(&self.cert_file_text));
            }
            CertSource::Live => form.live_host = self.live_host.clone(),
        }
        form
    }

    /// The diagnosis' inputs and the notes about them (`None` while [`Self::problems`] has
    /// something to say).
    pub fn inputs(&self) -> Option<(TenantInputs, Vec<Message>)> {
        crate::tenant::prepare(&self.form(crate::model::DEFAULT_TIMEOUT_SECS))
            .ok()
            .map(|p| (p.inputs, p.notes))
    }

    /// Fills the connector fields from `Get-InboundConnector | ConvertTo-Json`.
    pub fn import_connector_json(&mut self, text: &str) -> Result<Option<String>, Message> {
        let (connector, notes) = parse_inbound_connector_json(text)?;
        self.connector_name = connector.name.clone().unwrap_or_default();
        self.tls_sender_certificate_name = connector
            .tls_sender_certificate_name
            .clone()
            .unwrap_or_default();
        self.sender_ips_text = connector.sender_ip_addresses.join("\n");
        if let Some(require_tls) = connector.require_tls {
            self.require_tls = require_tls;
        }
        if let Some(restrict) = connector.restrict_domains_to_certificate {
            self.restrict_domains_to_certificate = restrict;
        }
        if let Some(kind) = connector.connector_type {
            self.connector_type = kind;
        }
        self.enabled = connector.enabled.unwrap_or(true);
        self.import_notes = notes;
        Ok(connector.name)
    }

    /// Adds the domains of `Get-AcceptedDomain | ConvertTo-Json` to the typed ones.
    pub fn import_accepted_domains_json(&mut self, text: &str) -> Result<usize, Message> {
        let domains = parse_accepted_domains_json(text)?;
        let mut list = split_host_list(&self.accepted_domains_text);
        let mut added = 0;
        for domain in domains {
            if !list.iter().any(|d| d.eq_ignore_ascii_case(&domain)) {
                list.push(domain);
                added += 1;
            }
        }
        self.accepted_domains_text = list.join(", ");
        Ok(added)
    }
}

enum JsonTarget {
    Connector,
    AcceptedDomains,
}

/// What background work of these pages sends to the UI thread.
enum TenantMsg {
    Done {
        run_id: u64,
        outcome: Box<TenantOutcome>,
    },
    LogsPicked(Vec<PathBuf>),
    CertFilePicked(PathBuf),
    JsonRead {
        target: JsonTarget,
        result: Result<String, Message>,
    },
    Exported(Result<PathBuf, String>),
}

struct TenantRun {
    id: u64,
    started: Instant,
    inputs: TenantInputs,
    cancel: CancellationToken,
    task: JoinHandle<()>,
}

/// A line under an import box or the export buttons.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Feedback {
    Done(Message),
    Failed(Message),
    /// Already in words (the report writer words its own errors).
    FailedText(String),
}

/// State of the 5.7.64 pages that is not part of the form.
pub struct TenantUi {
    tx: Sender<TenantMsg>,
    rx: Receiver<TenantMsg>,
    next_run_id: u64,
    run: Option<TenantRun>,
    outcome: Option<TenantOutcome>,
    show_problems: bool,
    cancelled: bool,
    connector_import: Option<Feedback>,
    domains_import: Option<Feedback>,
    export: Option<Feedback>,
}

impl Default for TenantUi {
    fn default() -> Self {
        let (tx, rx) = channel();
        TenantUi {
            tx,
            rx,
            next_run_id: 1,
            run: None,
            outcome: None,
            show_problems: false,
            cancelled: false,
            connector_import: None,
            domains_import: None,
            export: None,
        }
    }
}

/// The wizard field behind an input the engine names.
fn field_label_id(field: InputField) -> &'static str {
    match field {
        InputField::Logs => "ui-tenant-logs",
        InputField::SendConnector => "ui-tenant-send-connector",
        InputField::CertFile => "ui-tenant-cert-file",
        InputField::LiveHost => "ui-tenant-live-host",
        _ => "ui-tenant-inputs",
    }
}

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

fn feedback_ui(ui: &mut Ui, lang: Lang, feedback: &Option<Feedback>) {
    match feedback {
        Some(Feedback::Done(message)) => icon_line(ui, Status::Pass, localize(lang, message)),
        Some(Feedback::Failed(message)) => icon_line(ui, Status::Fail, localize(lang, message)),
        Some(Feedback::FailedText(text)) => icon_line(ui, Status::Fail, text.clone()),
        None => {}
    }
}

/// Seconds with one decimal and the language's decimal separator.
fn seconds(lang: Lang, elapsed: Duration) -> String {
    one_decimal(lang, elapsed.as_secs_f64())
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
fn severity_icon(ui: &mut Ui, severity: Severity) {
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

fn fact_row(ui: &mut Ui, name: &str, value: &str) {
    ui.label(RichText::new(name).weak());
    ui.add(
        egui::Label::new(RichText::new(shown(value)).monospace())
            .wrap()
            .selectable(true),
    );
    ui.end_row();
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
                fact_row(ui, &tr(lang, "tenant-field-first-seen"), first);
            }
            if let Some(last) = &cert.last_seen {
                fact_row(ui, &tr(lang, "tenant-field-last-seen"), last);
            }
            if let Some(not_after) = &cert.not_after {
                fact_row(ui, &tr(lang, "tenant-field-not-after"), not_after);
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
                    fact_row(ui, &tr(lang, "ui-tenant-change-from-last"), last);
                }
            });
    });
}

/// One finding: what was found on the left, what to do on the right.
fn finding_ui(ui: &mut Ui, lang: Lang, finding: &Finding) {
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
        ui.push_id(("finding", i), |ui| finding_ui(ui, lang, finding));
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
fn export_report(
    runtime: &tokio::runtime::Handle,
    tx: Sender<TenantMsg>,
    ctx: egui::Context,
    diagnosis: Diagnosis,
    lang: Lang,
) {
    let title = tr(lang, "ui-tenant-export");
    let file_name = tr(lang, "ui-tenant-export-file-name");
    let task_runtime = runtime.clone();
    runtime.spawn(async move {
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
        let written = task_runtime
            .spawn_blocking(move || {
                crate::report::write_tenant_report(&path, &diagnosis, lang).map(|()| path)
            })
            .await
            .unwrap_or_else(|err| Err(err.to_string()));
        let _ = tx.send(TenantMsg::Exported(written));
        ctx.request_repaint();
    });
}

impl WizardApp {
    /// The outcome of the last diagnosis, for tests and the screenshots.
    pub fn tenant_outcome(&self) -> Option<&TenantOutcome> {
        self.tenant.outcome.as_ref()
    }

    pub fn tenant_diagnosis(&self) -> Option<&Diagnosis> {
        match self.tenant.outcome.as_ref()? {
            TenantOutcome::Diagnosis(d) => Some(d),
            _ => None,
        }
    }

    pub fn is_tenant_running(&self) -> bool {
        self.tenant.run.is_some()
    }

    /// Opens the first page of a flow (from the Start page or the explainer).
    pub(super) fn open_flow(&mut self, flow: Flow) {
        self.flow = flow;
        self.page = match flow {
            Flow::Validate => Page::Connector,
            Flow::Tenant => Page::TenantInbound,
            Flow::Explain => Page::Explain,
        };
    }

    pub(super) fn tenant_can_visit(&self, page: Page) -> bool {
        match page {
            Page::TenantRun => self.tenant.run.is_some(),
            Page::TenantResults => self.tenant.outcome.is_some() && self.tenant.run.is_none(),
            _ => self.tenant.run.is_none(),
        }
    }

    /// Enter pressed or Run clicked: runs when the form is usable, otherwise shows why not.
    pub(super) fn try_tenant_run(&mut self, ctx: &egui::Context) {
        if self.draft.tenant.problems().is_empty() {
            self.start_tenant_run(ctx);
        } else {
            self.tenant.show_problems = true;
        }
    }

    /// Starts the diagnosis of the current form (stopping one still going).
    pub(super) fn start_tenant_run(&mut self, ctx: &egui::Context) {
        if !self.draft.tenant.problems().is_empty() {
            self.tenant.show_problems = true;
            return;
        }
        // The live probe uses the machine options of the validation form (timeout, DNS server).
        let options = self.draft.request().options;
        let form = self
            .draft
            .tenant
            .form_with(options.timeout_secs, options.dns_server);
        let Ok(prepared) = crate::tenant::prepare(&form) else {
            self.tenant.show_problems = true;
            return;
        };
        let inputs = prepared.inputs.clone();
        self.stop_tenant_run();
        let id = self.tenant.next_run_id;
        self.tenant.next_run_id += 1;
        self.tenant.show_problems = false;
        self.tenant.cancelled = false;
        self.tenant.export = None;
        let tx = self.tenant.tx.clone();
        let done_ctx = ctx.clone();
        let cancel = CancellationToken::new();
        let task_cancel = cancel.clone();
        let task = self.runtime.spawn(async move {
            let outcome = run(prepared, task_cancel, Arc::new(|_: TenantEvent| {})).await;
            let _ = tx.send(TenantMsg::Done {
                run_id: id,
                outcome: Box::new(outcome),
            });
            done_ctx.request_repaint();
        });
        self.tenant.run = Some(TenantRun {
            id,
            started: Instant::now(),
            inputs,
            cancel,
            task,
        });
        self.flow = Flow::Tenant;
        self.page = Page::TenantRun;
    }

    /// Stops waiting for the diagnosis. A log read already under way finishes on its blocking
    /// thread and its answer, carrying an old run id, is dropped.
    fn stop_tenant_run(&mut self) -> bool {
        match self.tenant.run.take() {
            Some(run) => {
                run.cancel.cancel();
                run.task.abort();
                true
            }
            None => false,
        }
    }

    pub(super) fn cancel_tenant_run(&mut self) {
        if self.stop_tenant_run() {
            self.tenant.cancelled = true;
        }
        self.page = Page::TenantSource;
    }

    /// Back or Esc during the diagnosis: stop it and return to the inputs, all kept.
    pub(super) fn abandon_tenant_run(&mut self) {
        self.stop_tenant_run();
        self.page = Page::TenantInbound;
    }

    /// On exit: nothing should keep the runtime busy.
    pub(super) fn stop_tenant_work(&mut self) {
        self.stop_tenant_run();
    }

    /// Takes what background work of these pages sent since the last frame.
    pub(super) fn drain_tenant_messages(&mut self, ctx: &egui::Context) {
        let task_ended = self
            .tenant
            .run
            .as_ref()
            .is_some_and(|r| r.task.is_finished());
        while let Ok(msg) = self.tenant.rx.try_recv() {
            match msg {
                TenantMsg::Done { run_id, outcome } => {
                    if self.tenant.run.as_ref().is_some_and(|r| r.id == run_id) {
                        self.tenant.run = None;
                        self.finish_tenant_run(*outcome);
                    }
                }
                TenantMsg::LogsPicked(paths) => {
                    let tenant = &mut self.draft.tenant;
                    let mut lines: Vec<String> =
                        tenant.logs_text.lines().map(str::to_string).collect();
                    lines.retain(|l| !l.trim().is_empty());
                    for path in paths {
                        let text = path.display().to_string();
                        if !lines.contains(&text) {
                            lines.push(text);
                        }
                    }
                    tenant.logs_text = lines.join("\n");
                }
                TenantMsg::CertFilePicked(path) => {
                    self.draft.tenant.cert_file_text = path.display().to_string();
                }
                TenantMsg::JsonRead { target, result } => match target {
                    JsonTarget::Connector => {
                        self.tenant.connector_import = Some(match result {
                            Ok(text) => self.import_connector(&text),
                            Err(problem) => Feedback::Failed(problem),
                        });
                    }
                    JsonTarget::AcceptedDomains => {
                        self.tenant.domains_import = Some(match result {
                            Ok(text) => self.import_domains(&text),
                            Err(problem) => Feedback::Failed(problem),
                        });
                    }
                },
                TenantMsg::Exported(result) => {
                    self.tenant.export = Some(match result {
                        Ok(path) => Feedback::Done(
                            Message::new("ui-tenant-exported").arg("path", path.display()),
                        ),
                        Err(error) => Feedback::FailedText(error),
                    });
                }
            }
        }
        if task_ended && self.tenant.run.take().is_some() {
            // The task is gone and its answer never came: it panicked.
            self.finish_tenant_run(TenantOutcome::Crashed);
        }
        if self.tenant.run.is_some() {
            ctx.request_repaint_after(RUN_REFRESH);
        }
    }

    fn finish_tenant_run(&mut self, outcome: TenantOutcome) {
        if self.dev.report_run_end {
            let what = match &outcome {
                TenantOutcome::Diagnosis(d) => format!("findings={}", d.findings.len()),
                TenantOutcome::Failed(f) => format!("failed={}", f.problem.id),
                TenantOutcome::Cancelled => "cancelled".to_string(),
                TenantOutcome::Crashed => "crashed".to_string(),
            };
            eprintln!("tenant-run-finished {what}");
        }
        self.tenant.outcome = Some(outcome);
        if self.page == Page::TenantRun {
            self.page = Page::TenantResults;
        }
    }

    fn import_connector(&mut self, text: &str) -> Feedback {
        match self.draft.tenant.import_connector_json(text) {
            Ok(name) => {
                self.draft.tenant.connector_json_text.clear();
                Feedback::Done(
                    Message::new("ui-tenant-import-connector-done")
                        .arg("name", name.unwrap_or_default()),
                )
            }
            Err(problem) => Feedback::Failed(problem),
        }
    }

    fn import_domains(&mut self, text: &str) -> Feedback {
        match self.draft.tenant.import_accepted_domains_json(text) {
            Ok(added) => {
                self.draft.tenant.accepted_domains_json_text.clear();
                Feedback::Done(Message::new("ui-tenant-import-domains-done").arg("count", added))
            }
            Err(problem) => Feedback::Failed(problem),
        }
    }

    /// Opens a file dialog on the runtime (the window keeps drawing) and reads the chosen JSON
    /// there too.
    fn pick_json(&self, ctx: &egui::Context, target: JsonTarget) {
        let tx = self.tenant.tx.clone();
        let ctx = ctx.clone();
        let title = tr(
            self.lang,
            match target {
                JsonTarget::Connector => "ui-tenant-import-connector",
                JsonTarget::AcceptedDomains => "ui-tenant-import-domains",
            },
        );
        self.runtime.spawn(async move {
            let Some(file) = rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter("JSON", &["json", "txt"])
                .pick_file()
                .await
            else {
                return;
            };
            let path = file.path().to_path_buf();
            let result = tokio::fs::read(&path)
                .await
                .map_err(|e| {
                    Message::new("input-read-file")
                        .arg("path", path.display())
                        .arg("error", e)
                })
                .and_then(|bytes| {
                    crate::powershell::decode_text(&bytes).map_err(|e| e.message(path.display()))
                });
            let _ = tx.send(TenantMsg::JsonRead { target, result });
            ctx.request_repaint();
        });
    }

    fn pick_logs(&self, ctx: &egui::Context, folder: bool) {
        let tx = self.tenant.tx.clone();
        let ctx = ctx.clone();
        let title = tr(self.lang, "ui-tenant-logs");
        self.runtime.spawn(async move {
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
                let _ = tx.send(TenantMsg::LogsPicked(picked));
                ctx.request_repaint();
            }
        });
    }

    fn pick_cert_file(&self, ctx: &egui::Context) {
        let tx = self.tenant.tx.clone();
        let ctx = ctx.clone();
        let title = tr(self.lang, "ui-tenant-cert-file");
        self.runtime.spawn(async move {
            if let Some(file) = rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter("PEM / DER", &["cer", "crt", "pem", "der"])
                .pick_file()
                .await
            {
                let _ = tx.send(TenantMsg::CertFilePicked(file.path().to_path_buf()));
                ctx.request_repaint();
            }
        });
    }

    fn tenant_problems_ui(&self, ui: &mut Ui) {
        if !self.tenant.show_problems {
            return;
        }
        let problems = self.draft.tenant.problems();
        if problems.is_empty() {
            return;
        }
        let error = ui.visuals().error_fg_color;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(tr(self.lang, "ui-tenant-problems-title"))
                    .color(error)
                    .strong(),
            );
            for problem in &problems {
                ui.label(
                    RichText::new(format!("• {}", input_problem_text(self.lang, problem)))
                        .color(error),
                );
            }
        });
        ui.add_space(8.0);
    }

    /// Page (a): the inbound connector, the accepted domains, the refused mail.
    pub(super) fn tenant_inbound_ui(&mut self, ui: &mut Ui, enter_fields: &mut Vec<Id>) {
        let lang = self.lang;
        self.tenant_problems_ui(ui);
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
                    &mut self.draft.tenant.connector_json_text,
                    "[ { \"Name\": …, \"TlsSenderCertificateName\": … } ]",
                    4,
                    &label,
                );
                ui.horizontal(|ui| {
                    let has_text = !self.draft.tenant.connector_json_text.trim().is_empty();
                    if ui
                        .add_enabled(
                            has_text,
                            egui::Button::new(tr(lang, "ui-tenant-import-pasted")),
                        )
                        .clicked()
                    {
                        let text = self.draft.tenant.connector_json_text.clone();
                        self.tenant.connector_import = Some(self.import_connector(&text));
                    }
                    if ui.button(tr(lang, "ui-tenant-import-file")).clicked() {
                        self.pick_json(ui.ctx(), JsonTarget::Connector);
                    }
                });
                feedback_ui(ui, lang, &self.tenant.connector_import);
            });
        for note in &self.draft.tenant.import_notes {
            ui.horizontal_wrapped(|ui| {
                severity_icon(ui, Severity::Info);
                ui.label(RichText::new(localize(lang, note)).weak());
            });
        }
        ui.add_space(8.0);

        let tenant = &mut self.draft.tenant;
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
        ui.horizontal(|ui| {
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
        ui.horizontal(|ui| {
            ui.checkbox(&mut tenant.require_tls, tr(lang, "ui-tenant-require-tls"));
            ui.label(RichText::new("(RequireTls)").weak().monospace());
        });
        ui.horizontal(|ui| {
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
        ui.horizontal(|ui| {
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
                    &mut self.draft.tenant.accepted_domains_json_text,
                    "[ { \"DomainName\": … } ]",
                    3,
                    &label,
                );
                ui.horizontal(|ui| {
                    let has_text = !self
                        .draft
                        .tenant
                        .accepted_domains_json_text
                        .trim()
                        .is_empty();
                    if ui
                        .add_enabled(
                            has_text,
                            egui::Button::new(tr(lang, "ui-tenant-import-pasted-domains")),
                        )
                        .clicked()
                    {
                        let text = self.draft.tenant.accepted_domains_json_text.clone();
                        self.tenant.domains_import = Some(self.import_domains(&text));
                    }
                    if ui
                        .button(tr(lang, "ui-tenant-import-file-domains"))
                        .clicked()
                    {
                        self.pick_json(ui.ctx(), JsonTarget::AcceptedDomains);
                    }
                });
                feedback_ui(ui, lang, &self.tenant.domains_import);
            });
    }

    /// Page (b): where the certificate the server sends is read from.
    pub(super) fn tenant_source_ui(&mut self, ui: &mut Ui, enter_fields: &mut Vec<Id>) {
        let lang = self.lang;
        self.tenant_problems_ui(ui);
        if self.tenant.cancelled {
            icon_line(ui, Status::Warn, tr(lang, "ui-tenant-cancelled"));
            ui.add_space(6.0);
        }
        ui.heading(tr(lang, "ui-tenant-source-title"));
        help(ui, tr(lang, "ui-tenant-source-intro"));
        ui.add_space(8.0);
        let source = &mut self.draft.tenant.source;
        ui.radio_value(source, CertSource::Logs, tr(lang, "ui-tenant-source-logs"));
        ui.radio_value(source, CertSource::File, tr(lang, "ui-tenant-source-file"));
        ui.radio_value(source, CertSource::Live, tr(lang, "ui-tenant-source-live"));
        ui.add_space(8.0);
        ui.separator();
        ui.add_space(4.0);

        match self.draft.tenant.source {
            CertSource::Logs => {
                let label = section_label(ui, tr(lang, "ui-tenant-logs"));
                multi_field(
                    ui,
                    &mut self.draft.tenant.logs_text,
                    &tr(lang, "ui-tenant-logs-hint"),
                    3,
                    &label,
                );
                ui.horizontal(|ui| {
                    if ui.button(tr(lang, "ui-tenant-logs-add-files")).clicked() {
                        self.pick_logs(ui.ctx(), false);
                    }
                    if ui.button(tr(lang, "ui-tenant-logs-add-folder")).clicked() {
                        self.pick_logs(ui.ctx(), true);
                    }
                });
                help(ui, tr(lang, "ui-tenant-logs-help"));
                ui.add_space(8.0);

                let label = section_label(ui, tr(lang, "ui-tenant-send-connector"));
                line_field(
                    ui,
                    &mut self.draft.tenant.send_connector,
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
                let name = self.draft.tenant.send_connector.trim();
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
                        &mut self.draft.tenant.cert_file_text,
                        "C:\\certs\\mail.contoso.com.cer",
                        &label,
                        enter_fields,
                    );
                    if ui.button(tr(lang, "ui-ca-file-browse")).clicked() {
                        self.pick_cert_file(ui.ctx());
                    }
                });
                help(ui, tr(lang, "ui-tenant-cert-file-help"));
            }
            CertSource::Live => {
                let label = section_label(ui, tr(lang, "ui-tenant-live-host"));
                line_field(
                    ui,
                    &mut self.draft.tenant.live_host,
                    "mail.contoso.com:25",
                    &label,
                    enter_fields,
                );
                let host = crate::input::clean(&self.draft.tenant.live_host);
                let problems = self.draft.tenant.problems();
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
        }
    }

    /// Page (c): the diagnosis under way.
    pub(super) fn tenant_run_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let Some(run) = &self.tenant.run else {
            return;
        };
        ui.horizontal(|ui| {
            spinner_ui(ui);
            ui.heading(tr(lang, "ui-tenant-run-title"));
        });
        ui.label(tr_args(
            lang,
            "ui-run-elapsed",
            &[("seconds", seconds(lang, run.started.elapsed()))],
        ));
        ui.add_space(8.0);
        let inputs = &run.inputs;
        if !inputs.logs.is_empty() {
            ui.label(tr(lang, "ui-tenant-run-logs"));
            ui.indent("run-logs", |ui| {
                for path in &inputs.logs {
                    ui.label(RichText::new(shown(&path.display().to_string())).monospace());
                }
            });
        }
        if let Some(path) = &inputs.cert_file {
            ui.label(tr_args(
                lang,
                "ui-tenant-run-file",
                &[("path", shown(&path.display().to_string()))],
            ));
        }
        if let Some(host) = &inputs.live_host {
            ui.label(tr_args(
                lang,
                "ui-tenant-run-live",
                &[("host", shown(host))],
            ));
        }
        ui.add_space(8.0);
        help(ui, tr(lang, "ui-tenant-run-help"));
    }

    /// Page (d): the verdict, the certificate, its changes, the findings with their guidance.
    pub(super) fn tenant_results_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let Some(outcome) = &self.tenant.outcome else {
            return;
        };
        ui.heading(tr(lang, "ui-tenant-results-title"));
        ui.add_space(4.0);
        let mut export = false;
        match outcome {
            TenantOutcome::Diagnosis(d) => {
                ui.horizontal(|ui| {
                    if ui.button(tr(lang, "ui-tenant-export")).clicked() {
                        export = true;
                    }
                    if ui.button(tr(lang, "ui-tenant-copy-markdown")).clicked() {
                        ui.ctx()
                            .copy_text(crate::report::tenant_report_markdown(d, lang));
                        self.tenant.export = Some(Feedback::Done(Message::new("ui-tenant-copied")));
                    }
                });
                feedback_ui(ui, lang, &self.tenant.export);
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
        if export && let Some(d) = self.tenant_diagnosis() {
            export_report(
                &self.runtime,
                self.tenant.tx.clone(),
                ui.ctx().clone(),
                d.clone(),
                lang,
            );
        }
    }

    /// The right side of the nav bar on the 5.7.64 pages (laid out right to left).
    pub(super) fn tenant_nav_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let label_id = match self.page {
            Page::TenantInbound => "ui-nav-next",
            Page::TenantSource => "ui-tenant-run",
            Page::TenantRun => "ui-nav-cancel",
            Page::TenantResults => "ui-nav-rerun",
            _ => return,
        };
        let mut text = RichText::new(tr(lang, label_id));
        if self.page == Page::TenantSource {
            text = text.strong();
        }
        if ui.button(text).clicked() {
            match self.page {
                Page::TenantInbound => self.page = Page::TenantSource,
                Page::TenantSource => self.try_tenant_run(ui.ctx()),
                Page::TenantRun => self.cancel_tenant_run(),
                _ => self.start_tenant_run(ui.ctx()),
            }
        }
        if matches!(self.page, Page::TenantInbound | Page::TenantSource) {
            ui.label(RichText::new(tr(lang, "ui-tenant-nav-keys")).weak().small());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_becomes_inputs_with_only_the_chosen_source() {
        let draft = TenantDraft {
            tls_sender_certificate_name: " *.contoso.com ".into(),
            sender_ips_text: "203.0.113.0/24\n198.51.100.7, 2001:db8::/32".into(),
            accepted_domains_text: "contoso.com\n*.Fabrikam.com contoso.com".into(),
            logs_text: "\"C:\\Program Files\\Logs\\SmtpSend\"\n\n/var/log/x.LOG".into(),
            send_connector: " Outbound ".into(),
            cert_file_text: "ignored.cer".into(),
            ..TenantDraft::default()
        };
        let (inputs, notes) = draft.inputs().expect("usable");
        assert!(notes.is_empty());
        assert_eq!(
            inputs.connector.tls_sender_certificate_name.as_deref(),
            Some("*.contoso.com")
        );
        assert_eq!(
            inputs.connector.sender_ip_addresses,
            vec!["203.0.113.0/24", "198.51.100.7/32", "2001:db8::/32"]
        );
        assert_eq!(inputs.accepted_domains, vec!["contoso.com", "fabrikam.com"]);
        assert_eq!(
            inputs.logs,
            vec![
                PathBuf::from("C:\\Program Files\\Logs\\SmtpSend"),
                PathBuf::from("/var/log/x.LOG")
            ]
        );
        assert_eq!(inputs.send_connector.as_deref(), Some("Outbound"));
        assert_eq!(inputs.cert_file, None, "only the chosen source is read");
    }

    #[test]
    fn problems_name_what_is_missing_or_wrong() {
        let draft = TenantDraft::default();
        let fields: Vec<InputField> = draft.problems().iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![InputField::TlsSenderCertificateName, InputField::Logs]
        );
        let draft = TenantDraft {
            sender_ips_text: "203.0.113.300/24\n203.0.113.7".into(),
            sending_ip: "nope".into(),
            source: CertSource::Live,
            live_host: "mail..contoso.com".into(),
            ..TenantDraft::default()
        };
        let fields: Vec<InputField> = draft.problems().iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                InputField::SenderIps,
                InputField::SendingIp,
                InputField::LiveHost
            ]
        );
        assert!(draft.inputs().is_none());
    }

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

    #[test]
    fn connector_json_fills_the_form_and_keeps_its_notes() {
        let mut draft = TenantDraft::default();
        let text = r#"[{"Name":"Partner","ConnectorType":"Partner","Enabled":true},
            {"Name":"From on-prem","ConnectorType":"OnPremises","Enabled":true,
             "TlsSenderCertificateName":"<I>CN=CA<S>CN=mail.contoso.com","RequireTls":false,
             "SenderIPAddresses":["203.0.113.0/24"]}]"#;
        let name = draft.import_connector_json(text).expect("imports");
        assert_eq!(name.as_deref(), Some("From on-prem"));
        assert_eq!(draft.tls_sender_certificate_name, "mail.contoso.com");
        assert_eq!(draft.sender_ips_text, "203.0.113.0/24");
        assert!(!draft.require_tls);
        assert_eq!(draft.import_notes.len(), 2, "{:?}", draft.import_notes);
        let added = draft
            .import_accepted_domains_json(r#"[{"DomainName":"contoso.com"}]"#)
            .expect("domains");
        assert_eq!(added, 1);
        assert_eq!(
            draft
                .import_accepted_domains_json("not json")
                .map_err(|m| m.id),
            Err("input-bad-json".to_string())
        );
    }
}
