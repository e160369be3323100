//! What is wrong with the input, in one language-neutral shape for both flows (connector checks
//! and the 5.7.64 diagnosis): which input ([`InputField`]) and why (a fluent message id with its
//! arguments). The command line names the option, the wizard shows it on the page that owns the
//! field; both put words on the same [`InputProblem`].

use serde::Serialize;

use crate::checks::Message;

/// One input the user gives. [`InputField::as_str`] is the command-line option without its
/// dashes, which is also the `field` of `--format json`'s `input_errors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputField {
    // Connector checks.
    SmartHosts,
    RecipientDomains,
    TlsDomain,
    TestAddress,
    MailFrom,
    DnsServer,
    CaFile,
    OsTrustStore,
    Timeout,
    MxPort,
    DnssecTrustAnchor,
    DaneNextCertificate,
    // 5.7.64 diagnosis.
    Logs,
    SendConnector,
    TlsSenderCertificateName,
    SenderIps,
    SendingIp,
    AcceptedDomains,
    SenderDomain,
    InboundConnectorJson,
    AcceptedDomainsJson,
    CertFile,
    LiveHost,
    // Evidence an admin already holds (src/tenant/evidence.rs).
    Ndr,
    MessageTrace,
    SendConnectorJson,
    ExchangeCertificateJson,
}

impl InputField {
    /// The command-line option without its dashes (`host`, `tls-domain`, `log`…).
    pub fn as_str(self) -> &'static str {
        match self {
            InputField::SmartHosts => "host",
            InputField::RecipientDomains => "recipient-domain",
            InputField::TlsDomain => "tls-domain",
            InputField::TestAddress => "test-address",
            InputField::MailFrom => "mail-from",
            InputField::DnsServer => "dns-server",
            InputField::CaFile => "ca-file",
            InputField::OsTrustStore => "os-trust-store",
            InputField::Timeout => "timeout",
            InputField::MxPort => "mx-port",
            InputField::DnssecTrustAnchor => "dnssec-trust-anchor",
            InputField::DaneNextCertificate => "dane-next-cert",
            InputField::Logs => "log",
            InputField::SendConnector => "send-connector",
            InputField::TlsSenderCertificateName => "tls-sender-certificate-name",
            InputField::SenderIps => "sender-ip",
            InputField::SendingIp => "sending-ip",
            InputField::AcceptedDomains => "accepted-domain",
            InputField::SenderDomain => "sender-domain",
            InputField::InboundConnectorJson => "inbound-connector-json",
            InputField::AcceptedDomainsJson => "accepted-domains-json",
            InputField::CertFile => "cert-file",
            InputField::LiveHost => "live-host",
            InputField::Ndr => "ndr",
            InputField::MessageTrace => "message-trace",
            InputField::SendConnectorJson => "send-connector-json",
            InputField::ExchangeCertificateJson => "exchange-certificate-json",
        }
    }

    /// The option as typed on the command line: `--host`.
    pub fn option(self) -> String {
        format!("--{}", self.as_str())
    }
}

impl Serialize for InputField {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for InputField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with the input: the field, the value as typed (made printable, trimmed) and
/// the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputProblem {
    pub field: InputField,
    pub value: String,
    pub reason: Message,
}

impl InputProblem {
    pub fn new(field: InputField, value: impl Into<String>, reason: Message) -> InputProblem {
        InputProblem {
            field,
            value: value.into(),
            reason,
        }
    }
}

/// The one rule for white space around any value, in every flow and both faces: spaces and tabs
/// before and after a value (also the no-break and other Unicode spaces a copy from a web page
/// or a document brings) are dropped before the value is read. Line breaks and other control
/// characters are not: wherever they are, the parser of that value refuses them, because a CR/LF
/// in a value is how SMTP commands get smuggled, and a value that holds one was not typed as
/// meant.
pub fn clean(text: &str) -> &str {
    text.trim_matches(|c: char| c == '\t' || (c.is_whitespace() && !c.is_control()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_spaces_and_tabs_but_keeps_line_breaks_for_the_parser_to_refuse() {
        assert_eq!(clean(" \tmail.contoso.com\u{a0} "), "mail.contoso.com");
        assert_eq!(clean("mail.contoso.com\r\n"), "mail.contoso.com\r\n");
        assert_eq!(clean("\nmail"), "\nmail");
        assert_eq!(clean("   "), "");
    }
}
