//! The 5.7.64 form as typed, kept in the wizard's draft: what stops the diagnosis from running,
//! the diagnosis' inputs read from it, and the import of PowerShell's JSON into it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::checks::Message;
use crate::i18n::{Lang, tr, tr_args};
use crate::model::{DomainScope, parse_smart_host, split_host_list};
use crate::tenant::{
    InboundConnector, TenantInputs, normalize_tls_sender_name, parse_accepted_domains_json,
    parse_inbound_connector_json, parse_sender_ip,
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

/// Paths, one per line; quotes around a pasted Windows path are dropped.
pub fn path_entries(text: &str) -> Vec<PathBuf> {
    text.lines()
        .map(|l| l.trim().trim_matches('"').trim())
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect()
}

pub fn trimmed(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

pub fn domain_reason(lang: Lang, text: &str) -> Option<String> {
    DomainScope::parse(text)
        .err()
        .map(|err| tr(lang, err.reason_id()))
}

impl TenantDraft {
    /// Why the diagnosis cannot run yet, in `lang` (empty when it can).
    pub fn problems(&self, lang: Lang) -> Vec<String> {
        let mut problems = Vec::new();
        let name = self.tls_sender_certificate_name.trim();
        let ips = sender_ip_entries(&self.sender_ips_text);
        if name.is_empty() && ips.is_empty() {
            problems.push(tr(lang, "ui-tenant-problem-no-setting"));
        }
        if !name.is_empty() {
            let (normalized, _) = normalize_tls_sender_name(name);
            if let Some(reason) = domain_reason(lang, &normalized) {
                problems.push(tr_args(
                    lang,
                    "ui-tenant-problem-tls-name",
                    &[("reason", reason)],
                ));
            }
        }
        let bad_ips = ips.iter().filter(|ip| parse_sender_ip(ip).is_err()).count();
        if bad_ips > 0 {
            problems.push(tr_args(
                lang,
                "ui-tenant-problem-ips",
                &[("count", bad_ips.to_string())],
            ));
        }
        let bad_domains = split_host_list(&self.accepted_domains_text)
            .iter()
            .filter(|d| domain_reason(lang, d).is_some())
            .count();
        if bad_domains > 0 {
            problems.push(tr_args(
                lang,
                "ui-tenant-problem-accepted",
                &[("count", bad_domains.to_string())],
            ));
        }
        let sender = self.sender_domain.trim();
        if !sender.is_empty()
            && let Some(reason) = domain_reason(lang, sender)
        {
            problems.push(tr_args(
                lang,
                "ui-tenant-problem-sender-domain",
                &[("reason", reason)],
            ));
        }
        let sending = self.sending_ip.trim();
        if !sending.is_empty() && sending.parse::<std::net::IpAddr>().is_err() {
            problems.push(tr(lang, "ui-tenant-problem-sending-ip"));
        }
        match self.source {
            CertSource::Logs => {
                if path_entries(&self.logs_text).is_empty() {
                    problems.push(tr(lang, "ui-tenant-problem-no-logs"));
                }
            }
            CertSource::File => {
                if self.cert_file_text.trim().is_empty() {
                    problems.push(tr(lang, "ui-tenant-problem-no-cert-file"));
                }
            }
            CertSource::Live => {
                let host = self.live_host.trim();
                if host.is_empty() {
                    problems.push(tr(lang, "ui-tenant-problem-no-live-host"));
                } else if let Err(err) = parse_smart_host(host) {
                    problems.push(tr_args(
                        lang,
                        "ui-tenant-problem-live-host",
                        &[("reason", tr(lang, err.reason_id()))],
                    ));
                }
            }
        }
        problems
    }

    /// The diagnosis' inputs and the notes about them (`None` while [`Self::problems`] has
    /// something to say). Only the chosen certificate source is passed on.
    pub fn inputs(&self) -> Option<(TenantInputs, Vec<Message>)> {
        if !self.problems(Lang::En).is_empty() {
            return None;
        }
        let mut notes = self.import_notes.clone();
        let tls_sender_certificate_name = trimmed(&self.tls_sender_certificate_name).map(|raw| {
            let (name, note) = normalize_tls_sender_name(&raw);
            // The import already noted the `<I>…<S>…` form of this very value.
            if let Some(note) = note
                && !notes.iter().any(|n| n.id == note.id)
            {
                notes.push(note);
            }
            name
        });
        let connector = InboundConnector {
            name: trimmed(&self.connector_name),
            tls_sender_certificate_name,
            sender_ip_addresses: sender_ip_entries(&self.sender_ips_text)
                .iter()
                .filter_map(|ip| parse_sender_ip(ip).ok())
                .map(|net| net.to_string())
                .collect(),
            require_tls: Some(self.require_tls),
            restrict_domains_to_certificate: Some(self.restrict_domains_to_certificate),
            connector_type: trimmed(&self.connector_type),
            enabled: Some(self.enabled),
        };
        let mut accepted_domains: Vec<String> = Vec::new();
        for domain in split_host_list(&self.accepted_domains_text) {
            let domain = domain.trim_start_matches("*.").to_ascii_lowercase();
            if !accepted_domains.contains(&domain) {
                accepted_domains.push(domain);
            }
        }
        let mut inputs = TenantInputs {
            connector,
            accepted_domains,
            sender_domain: trimmed(&self.sender_domain).map(|d| d.to_ascii_lowercase()),
            sending_ip: trimmed(&self.sending_ip),
            ..TenantInputs::default()
        };
        match self.source {
            CertSource::Logs => {
                inputs.logs = path_entries(&self.logs_text);
                inputs.send_connector = trimmed(&self.send_connector);
            }
            CertSource::File => {
                inputs.cert_file =
                    trimmed(self.cert_file_text.trim_matches('"')).map(PathBuf::from);
            }
            CertSource::Live => inputs.live_host = trimmed(&self.live_host),
        }
        Some((inputs, notes))
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
        let problems = draft.problems(Lang::En);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let draft = TenantDraft {
            sender_ips_text: "203.0.113.300/24\n203.0.113.7".into(),
            sending_ip: "nope".into(),
            source: CertSource::Live,
            live_host: "mail..contoso.com".into(),
            ..TenantDraft::default()
        };
        let problems = draft.problems(Lang::Fr);
        assert_eq!(problems.len(), 3, "{problems:?}");
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
