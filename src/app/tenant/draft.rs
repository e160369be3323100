//! The 5.7.64 form as typed, kept in the wizard's draft: what stops the diagnosis from running,
//! the diagnosis' inputs read from it, and the import of PowerShell's JSON into it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::checks::Message;
use crate::input::InputProblem;
use crate::model::split_host_list;
use crate::tenant::{
    TenantForm, TenantInputs, parse_accepted_domains_json, parse_inbound_connector_json,
};

/// `ConnectorType` values, as Exchange spells them.
pub const ON_PREMISES: &str = "OnPremises";
pub const PARTNER: &str = "Partner";

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
    /// What Exchange already gives: an NDR, a message trace, the send connector and certificate
    /// JSON.
    Evidence,
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
    // Evidence an admin already holds (CertSource::Evidence).
    /// NDR files (`.eml` or text), one per line.
    pub ndr_paths_text: String,
    /// An NDR's text, pasted.
    pub ndr_text: String,
    pub message_trace_path: String,
    pub send_connector_json_path: String,
    pub exchange_certificate_json_path: String,
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
            ndr_paths_text: String::new(),
            ndr_text: String::new(),
            message_trace_path: String::new(),
            send_connector_json_path: String::new(),
            exchange_certificate_json_path: String::new(),
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
            CertSource::Evidence => {
                let path = |text: &str| (!text.trim().is_empty()).then(|| PathBuf::from(text));
                form.ndr_files = self
                    .ndr_paths_text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(PathBuf::from)
                    .collect();
                form.ndr_text = self.ndr_text.clone();
                form.message_trace = path(&self.message_trace_path);
                form.send_connector_json = path(&self.send_connector_json_path);
                form.exchange_certificate_json = path(&self.exchange_certificate_json_path);
                // The send connector's name picks one connector of the JSON.
                form.send_connector = self.send_connector.clone();
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::InputField;

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
