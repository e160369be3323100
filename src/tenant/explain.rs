//! The error explainer: finds SMTP replies in pasted text (an NDR, a log line, a reply) and says
//! what each means, how to fix it, and which wizard to open. Language-neutral: ids and codes.

use serde::{Deserialize, Serialize};

use crate::checks::Message;

/// The wizard that helps with an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wizard {
    /// Validation of an outbound connector (Microsoft 365 → your server or a partner).
    Validation,
    /// The 5.7.64 diagnosis (your server → Microsoft 365).
    TenantAttribution,
    /// No wizard helps: a general class of error.
    None,
}

impl Wizard {
    pub fn as_str(self) -> &'static str {
        match self {
            Wizard::Validation => "validation",
            Wizard::TenantAttribution => "tenant-attribution",
            Wizard::None => "none",
        }
    }

    /// Fluent id of the pointer to the wizard (empty for none).
    pub fn label_id(self) -> &'static str {
        match self {
            Wizard::Validation => "explain-wizard-validation",
            Wizard::TenantAttribution => "explain-wizard-tenant-attribution",
            Wizard::None => "explain-wizard-none",
        }
    }
}

/// One recognised error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// Stable id (`tenant-attribution`, `att36`, `connection-refused`, … `generic-permanent`).
    pub code: String,
    /// The pasted line it was found in (trimmed).
    pub line: String,
    pub basic: Option<u16>,
    pub enhanced: Option<String>,
    pub meaning: Message,
    pub fix: Message,
    pub wizard: Wizard,
    /// The bracketed reason of a 4.7.320 reply (`SubjectMismatch`), when there is one.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Every explanation id; each has `explain-<id>-meaning` and `explain-<id>-fix` in both languages.
pub const EXPLAIN_CODES: &[&str] = &[
    "tenant-attribution",
    "att36",
    "connection-refused",
    "cannot-connect",
    "certificate-validation-failed",
    "certificate-expired",
    "server-busy",
    "mailbox-unknown",
    "relay-denied",
    "generic-policy-permanent",
    "generic-policy-transient",
    "generic-address-permanent",
    "generic-mailbox-permanent",
    "generic-mailbox-transient",
    "generic-network-permanent",
    "generic-network-transient",
    "generic-system-permanent",
    "generic-system-transient",
    "generic-permanent",
    "generic-transient",
    "generic-success",
    "unrecognised",
    // Attribution, TLS and DANE replies (issue 10).
    "tenant-inbound-attribution",
    "attribution-5-7-68",
    "starttls-required",
    "send-certificate-not-found",
    "tls-version-refused",
    "dane-starttls-not-supported",
    "dane-certificate-expired",
    "dane-tlsa-invalid",
    "dane-dnssec-invalid",
    "dane-certificate-host-mismatch",
];

const MAX_LINE_CHARS: usize = 500;

fn wizard_of(code: &str) -> Wizard {
    match code {
        "tenant-attribution"
        | "att36"
        | "tenant-inbound-attribution"
        | "attribution-5-7-68"
        | "starttls-required"
        | "send-certificate-not-found"
        | "tls-version-refused" => Wizard::TenantAttribution,
        "dane-starttls-not-supported"
        | "dane-certificate-expired"
        | "dane-tlsa-invalid"
        | "dane-dnssec-invalid"
        | "dane-certificate-host-mismatch" => Wizard::Validation,
        "connection-refused"
        | "cannot-connect"
        | "certificate-validation-failed"
        | "certificate-expired"
        | "server-busy"
        | "mailbox-unknown"
        | "relay-denied" => Wizard::Validation,
        _ => Wizard::None,
    }
}

fn explanation(
    code: &str,
    line: &str,
    basic: Option<u16>,
    enhanced: Option<String>,
) -> Explanation {
    let mut meaning = Message::new(&format!("explain-{code}-meaning"));
    let mut fix = Message::new(&format!("explain-{code}-fix"));
    let shown = enhanced
        .clone()
        .or_else(|| basic.map(|b| b.to_string()))
        .unwrap_or_default();
    meaning = meaning.arg("code", &shown);
    fix = fix.arg("code", &shown);
    let reason = (code == "certificate-validation-failed")
        .then(|| bracket_reason(line))
        .flatten();
    meaning = meaning.arg("reason", reason.clone().unwrap_or_else(|| "none".into()));
    Explanation {
        code: code.to_string(),
        line: line.trim().chars().take(MAX_LINE_CHARS).collect(),
        basic,
        enhanced,
        meaning,
        fix,
        wizard: wizard_of(code),
        reason,
    }
}

/// The bracketed reason Exchange Online adds to a 4.7.320 reply: the first `[Word]` that is one
/// word of letters (`[SubjectMismatch]`), not a server name (`[AM0PR01MB1234.eurprd01…]`).
pub fn bracket_reason(line: &str) -> Option<String> {
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after.find(']')?;
        let inner = after[..close].trim();
        if !inner.is_empty() && inner.len() <= 64 && inner.chars().all(|c| c.is_ascii_alphabetic())
        {
            return Some(inner.to_string());
        }
        rest = &after[close + 1..];
    }
    None
}

/// The first basic reply code (`550`) standing on its own in a line.
pub fn find_basic_code(line: &str) -> Option<u16> {
    let b = line.as_bytes();
    (0..b.len().saturating_sub(2)).find_map(|i| {
        let digits = &b[i..i + 3];
        let before_ok = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.');
        let after_ok = b
            .get(i + 3)
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'.'));
        (before_ok
            && after_ok
            && (b'2'..=b'5').contains(&digits[0])
            && digits.iter().all(u8::is_ascii_digit))
        .then(|| {
            u16::from(digits[0] - b'0') * 100
                + u16::from(digits[1] - b'0') * 10
                + u16::from(digits[2] - b'0')
        })
    })
}

/// The first enhanced status code (`5.7.64`) in a line (RFC 3463: class.subject.detail).
pub fn find_enhanced_code(line: &str) -> Option<String> {
    let b = line.as_bytes();
    for i in 0..b.len() {
        if !matches!(b[i], b'2' | b'4' | b'5') {
            continue;
        }
        if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.') {
            continue;
        }
        let mut j = i + 1;
        let mut parts = 1;
        let mut ok = true;
        while parts < 3 {
            if b.get(j) != Some(&b'.') {
                ok = false;
                break;
            }
            j += 1;
            let start = j;
            while j < b.len() && b[j].is_ascii_digit() && j - start < 3 {
                j += 1;
            }
            if j == start {
                ok = false;
                break;
            }
            parts += 1;
        }
        if !ok {
            continue;
        }
        if b.get(j).is_some_and(|c| {
            c.is_ascii_digit() || *c == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_digit)
        }) {
            continue;
        }
        return Some(line[i..j].to_string());
    }
    None
}

fn classify(line: &str, basic: Option<u16>, enhanced: Option<&str>) -> Option<&'static str> {
    let upper = line.to_ascii_uppercase();
    if upper.contains("ATT36") || upper.contains("ATTR36") {
        return Some("att36");
    }
    if enhanced == Some("5.7.64") || upper.contains("TENANTATTRIBUTION") {
        return Some("tenant-attribution");
    }
    // Microsoft Learn, "How SMTP DNS-based Authentication of Named Entities (DANE) works"
    // (troubleshooting): 4/5.7.321 starttls-not-supported, 4/5.7.322 certificate-expired,
    // 4/5.7.323 tlsa-invalid, 4/5.7.324 dnssec-invalid, 5.7.325 certificate-host-mismatch.
    if let Some(code) = enhanced {
        let dane = match code.split_once('.').map(|(_, rest)| rest) {
            Some("7.321") => Some("dane-starttls-not-supported"),
            Some("7.322") => Some("dane-certificate-expired"),
            Some("7.323") => Some("dane-tlsa-invalid"),
            Some("7.324") => Some("dane-dnssec-invalid"),
            Some("7.325") => Some("dane-certificate-host-mismatch"),
            _ => None,
        };
        if dane.is_some() && matches!(code.as_bytes().first(), Some(b'4' | b'5')) {
            return dane;
        }
    }
    // 5.7.51 TenantInboundAttribution: a Partner inbound connector matched the message and its
    // restrictions (certificate or IP) refused it.
    if enhanced == Some("5.7.51") || upper.contains("TENANTINBOUNDATTRIBUTION") {
        return Some("tenant-inbound-attribution");
    }
    // 5.7.68 is not in Microsoft's NDR list; it is met in the same attribution family, so it is
    // sent to the 5.7.64 diagnosis without claiming a precise meaning.
    if enhanced == Some("5.7.68") {
        return Some("attribution-5-7-68");
    }
    if enhanced == Some("5.7.3") && upper.contains("STARTTLS") {
        return Some("starttls-required");
    }
    // Exchange Server: "454 4.7.5 The certificate specified in TlsCertificateName of the
    // SendConnector could not be found."
    if enhanced == Some("4.7.5") {
        return Some("send-certificate-not-found");
    }
    // Exchange Online refuses TLS 1.0 and 1.1 with 421 4.4.2 and a text that names TLS; a 4.4.2
    // without it is a dropped connection, left to the generic explanation.
    if enhanced == Some("4.4.2") && upper.contains("TLS") {
        return Some("tls-version-refused");
    }
    match enhanced {
        Some("4.4.316") => return Some("connection-refused"),
        Some("4.4.317") => return Some("cannot-connect"),
        Some("4.7.320") => return Some("certificate-validation-failed"),
        _ => {}
    }
    if upper.contains("CERTIFICATEEXPIRED") || upper.contains("CERTIFICATE EXPIRED") {
        return Some("certificate-expired");
    }
    if enhanced == Some("4.3.2") || (basic == Some(421) && enhanced.is_none()) {
        return Some("server-busy");
    }
    if enhanced == Some("5.1.1") {
        return Some("mailbox-unknown");
    }
    let relay = upper.contains("RELAY");
    if relay && (enhanced == Some("5.7.1") || matches!(basic, Some(550 | 554))) {
        return Some("relay-denied");
    }
    if let Some(code) = enhanced {
        let mut parts = code.split('.');
        let class = parts.next().unwrap_or("");
        let subject = parts.next().unwrap_or("");
        let generic = match (class, subject) {
            ("2", _) => "generic-success",
            ("5", "7") => "generic-policy-permanent",
            ("4", "7") => "generic-policy-transient",
            ("5", "1") => "generic-address-permanent",
            ("5", "2") => "generic-mailbox-permanent",
            ("4", "2") => "generic-mailbox-transient",
            ("5", "4") => "generic-network-permanent",
            ("4", "4") => "generic-network-transient",
            ("5", "3") => "generic-system-permanent",
            ("4", "3") => "generic-system-transient",
            ("5", _) => "generic-permanent",
            ("4", _) => "generic-transient",
            _ => return None,
        };
        return Some(generic);
    }
    match basic? / 100 {
        2 | 3 => Some("generic-success"),
        4 => Some("generic-transient"),
        5 => Some("generic-permanent"),
        _ => None,
    }
}

/// Every distinct error recognised in the text, in order; `unrecognised` alone when none.
pub fn explain(text: &str) -> Vec<Explanation> {
    let mut found: Vec<Explanation> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let basic = find_basic_code(line);
        let enhanced = find_enhanced_code(line);
        let Some(code) = classify(line, basic, enhanced.as_deref()) else {
            continue;
        };
        // A success line next to an error says nothing more (multi-line transcripts).
        if let Some(existing) = found.iter_mut().find(|e| e.code == code) {
            if existing.enhanced.is_none() && enhanced.is_some() {
                *existing = explanation(code, line, basic, enhanced);
            }
            continue;
        }
        found.push(explanation(code, line, basic, enhanced));
    }
    if found.len() > 1 {
        found.retain(|e| e.code != "generic-success");
    }
    // An ATT36 reply is a 5.7.64 reply: keep the more precise explanation only.
    if found.iter().any(|e| e.code == "att36") {
        found.retain(|e| e.code != "tenant-attribution");
    }
    if found.is_empty() {
        found.push(explanation(
            "unrecognised",
            text.lines().next().unwrap_or(""),
            None,
            None,
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_and_ip_addresses_are_not() {
        assert_eq!(
            find_enhanced_code("550 5.7.64 TenantAttribution").as_deref(),
            Some("5.7.64")
        );
        assert_eq!(find_enhanced_code("from 10.0.0.1 and 15.0.0.0"), None);
        assert_eq!(
            find_enhanced_code("454 4.7.0 CertificateExpired"),
            Some("4.7.0".into())
        );
        assert_eq!(
            find_basic_code("Remote Server returned '550 5.1.1 User unknown'"),
            Some(550)
        );
        assert_eq!(find_basic_code("2026-10-02T08:00:01.412Z"), None);
    }

    #[test]
    fn att36_wins_over_plain_5_7_64() {
        let found = explain(
            "550 5.7.64 TenantAttribution; Relay Access Denied ATTR36 [AM0PR01MB1234.eurprd01.prod.outlook.com]",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "att36");
        assert_eq!(found[0].wizard, Wizard::TenantAttribution);
    }
}
