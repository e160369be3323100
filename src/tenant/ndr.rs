//! Non-delivery reports as evidence: an `.eml` whose `message/delivery-status` part (RFC 3464)
//! names the status, the reporting and remote servers and the diagnostic code, or the NDR's text
//! as an admin pastes it from Outlook ("Remote Server returned '550 5.7.64 …'").
//!
//! The MIME structure is read by `mail-parser` (Stalwart's parser: transfer encodings, folded
//! headers and nested parts done right, never panics on damaged mail, no dependency beyond a
//! small hash macro); hand-splitting MIME boundaries is how such readers go wrong. Each field
//! group of the delivery-status body is itself a header block (RFC 3464 §2.1), so the same
//! parser reads it.

use mail_parser::{MessageParser, MimeHeaders};
use serde::{Deserialize, Serialize};

use super::explain::{explain, find_enhanced_code};
use crate::checks::Message;

/// At most this many characters are kept from any field (the report stays small, a hostile
/// file cannot make a huge line).
const MAX_FIELD_CHARS: usize = 500;

/// What one NDR says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NdrReport {
    /// The file (or `pasted`) it was read from.
    pub source: String,
    /// The NDR had a `message/delivery-status` part (else it was read as text).
    pub delivery_status: bool,
    pub reporting_mta: Option<String>,
    pub remote_mta: Option<String>,
    /// RFC 3463 status (`5.7.64`), from `Status:` or else from the diagnostic code.
    pub status: Option<String>,
    pub diagnostic_code: Option<String>,
    pub action: Option<String>,
    pub final_recipient: Option<String>,
    pub arrival_date: Option<String>,
    /// A connector the text names (`connector 'Outbound to Office 365'`).
    pub connector: Option<String>,
    /// Failed recipients listed (per-recipient groups with `Action: failed` or `delayed`).
    pub failed_recipients: u64,
    /// `explain` codes of the diagnostic code (`tenant-attribution`, `att36`, …).
    pub explanations: Vec<String>,
}

fn cut(text: &str) -> String {
    text.trim().chars().take(MAX_FIELD_CHARS).collect()
}

/// `dns; mail.contoso.com` → `mail.contoso.com` (RFC 3464 typed fields).
fn untyped(value: &str) -> String {
    let value = value.trim();
    match value.split_once(';') {
        Some((kind, rest))
            if !kind.is_empty()
                && kind.len() < 16
                && kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
        {
            cut(rest)
        }
        _ => cut(value),
    }
}

/// Reads an NDR file or pasted text. Text that is not an NDR (no status, no diagnostic code) is
/// refused with a message naming `source`.
pub fn parse_ndr(bytes: &[u8], source: &str) -> Result<NdrReport, Message> {
    let mut report = NdrReport {
        source: cut(source),
        ..NdrReport::default()
    };
    // A UTF-16 file is a paste saved by Notepad, never a MIME message.
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 && let Some(message) = MessageParser::default().parse(bytes) {
        for part in &message.parts {
            let is_status = part.content_type().is_some_and(|ct| {
                ct.ctype().eq_ignore_ascii_case("message")
                    && ct.subtype().is_some_and(|s| {
                        s.eq_ignore_ascii_case("delivery-status")
                            || s.eq_ignore_ascii_case("global-delivery-status")
                    })
            });
            if is_status {
                report.delivery_status = true;
                read_delivery_status(part.contents(), &mut report);
                break;
            }
        }
        if report.delivery_status {
            // The human-readable part names the connector when anything does.
            for body in message.text_bodies() {
                if let Some(text) = body.text_contents() {
                    read_text(text, &mut report);
                }
            }
            return finish(report);
        }
    }
    let text = crate::powershell::decode_text(bytes).map_err(|e| e.message(source))?;
    read_text(&text, &mut report);
    finish(report)
}

fn finish(mut report: NdrReport) -> Result<NdrReport, Message> {
    if report.status.is_none()
        && let Some(code) = report
            .diagnostic_code
            .as_deref()
            .and_then(find_enhanced_code)
    {
        report.status = Some(code);
    }
    if report.status.is_none() && report.diagnostic_code.is_none() {
        return Err(Message::new("input-ndr-no-status").arg("path", &report.source));
    }
    let described = report
        .diagnostic_code
        .clone()
        .or_else(|| report.status.clone())
        .unwrap_or_default();
    report.explanations = explain(&described)
        .into_iter()
        .map(|e| e.code)
        .filter(|c| c != "unrecognised")
        .collect();
    Ok(report)
}

/// The per-message group, then one group per recipient (blank lines between).
fn read_delivery_status(body: &[u8], report: &mut NdrReport) {
    let text = String::from_utf8_lossy(body);
    let text = text.replace("\r\n", "\n");
    let parser = MessageParser::default();
    for group in text.split("\n\n").filter(|g| !g.trim().is_empty()) {
        // Each group ends where headers end; a trailing blank line makes it a header block.
        let block = format!("{}\n\n", group.trim_matches('\n'));
        let Some(parsed) = parser.parse_headers(block.as_bytes()) else {
            continue;
        };
        let mut failed = false;
        let mut recipient = None;
        for (name, value) in parsed.headers_raw() {
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "reporting-mta" => set_once(&mut report.reporting_mta, untyped(value)),
                "arrival-date" => set_once(&mut report.arrival_date, cut(value)),
                "remote-mta" => set_once(&mut report.remote_mta, untyped(value)),
                "status" => set_once(&mut report.status, cut(value)),
                "diagnostic-code" => {
                    // Folded lines unfold to one reply.
                    let unfolded: String = untyped(value)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    set_once(&mut report.diagnostic_code, unfolded)
                }
                "action" => {
                    let action = cut(value).to_ascii_lowercase();
                    failed = action == "failed" || action == "delayed";
                    set_once(&mut report.action, action);
                }
                "final-recipient" => recipient = Some(untyped(value)),
                _ => {}
            }
        }
        if failed {
            report.failed_recipients += 1;
        }
        if let Some(r) = recipient {
            set_once(&mut report.final_recipient, r);
        }
    }
}

fn set_once(slot: &mut Option<String>, value: String) {
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value);
    }
}

/// What an NDR's text says: the delivery-status fields if they were pasted, Exchange's
/// "Generating server:" and "Remote Server returned '…'", Exchange Online's
/// `[LastAttemptedServerName=…]`, and a connector named in quotes.
fn read_text(text: &str, report: &mut NdrReport) {
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        if let Some((name, value)) = line.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "reporting-mta" | "generating server" => {
                    set_once(&mut report.reporting_mta, untyped(value))
                }
                "remote-mta" | "remote server" => set_once(&mut report.remote_mta, untyped(value)),
                "status" if find_enhanced_code(value).is_some() => {
                    set_once(&mut report.status, cut(value))
                }
                "diagnostic-code" => set_once(&mut report.diagnostic_code, untyped(value)),
                "final-recipient" => set_once(&mut report.final_recipient, untyped(value)),
                _ => {}
            }
        }
        if let Some(at) = lower.find("remote server returned") {
            let rest = &line[at + "remote server returned".len()..];
            let reply = rest
                .trim()
                .trim_matches(|c| c == '\'' || c == '"' || c == '‘' || c == '’');
            set_once(&mut report.diagnostic_code, cut(reply));
        }
        if let Some(value) = bracket_value(line, "LastAttemptedServerName=") {
            set_once(&mut report.remote_mta, value);
        }
        if let Some(value) = bracket_value(line, "ConnectorId=") {
            set_once(&mut report.connector, value);
        }
        if let Some(name) = quoted_connector(line) {
            set_once(&mut report.connector, name);
        }
        // A reply pasted on its own ("550 5.7.64 TenantAttribution; …").
        if report.diagnostic_code.is_none()
            && find_enhanced_code(line).is_some()
            && super::explain::find_basic_code(line).is_some()
        {
            set_once(&mut report.diagnostic_code, cut(line));
        }
    }
}

/// `[Key=value]` anywhere in the line.
fn bracket_value(line: &str, key: &str) -> Option<String> {
    let at = line.find(key)?;
    let rest = &line[at + key.len()..];
    let end = rest.find(']').unwrap_or(rest.len());
    let value = cut(&rest[..end]);
    (!value.is_empty()).then_some(value)
}

/// `connector 'Name'` / `connector "Name"` (and the same in French, `connecteur`). Microsoft
/// gives no fixed form for naming a connector in an NDR, so only a quoted name right after the
/// word is taken: a guess never becomes a connector name.
fn quoted_connector(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    for word in ["connector", "connecteur"] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(word) {
            let after = from + found + word.len();
            // Same byte offsets: to_lowercase keeps ASCII lengths, and the word is ASCII.
            let rest = line.get(after..)?.trim_start();
            let mut chars = rest.chars();
            if let Some(open @ ('\'' | '"' | '‘' | '“')) = chars.next() {
                let close = match open {
                    '‘' => '’',
                    '“' => '”',
                    c => c,
                };
                let inner = &rest[open.len_utf8()..];
                if let Some(end) = inner.find(close) {
                    let name = cut(&inner[..end]);
                    if !name.is_empty() {
                        return Some(name);
                    }
                }
            }
            from = after;
            if from >= lower.len() {
                break;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_outlook_ndr_gives_status_server_and_connector() {
        let text = "Delivery has failed to these recipients or groups:\n\
            partner@fabrikam.com\n\
            Diagnostic information for administrators:\n\
            Generating server: EX01.contoso.local\n\
            partner@fabrikam.com\n\
            Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [AM0PR01MB1234.eurprd01.prod.outlook.com]'\n\
            Sent through send connector 'Outbound to Office 365'\n";
        let report = parse_ndr(text.as_bytes(), "pasted").expect("an NDR");
        assert_eq!(report.status.as_deref(), Some("5.7.64"));
        assert_eq!(report.reporting_mta.as_deref(), Some("EX01.contoso.local"));
        assert_eq!(report.connector.as_deref(), Some("Outbound to Office 365"));
        assert_eq!(report.explanations, vec!["tenant-attribution".to_string()]);
    }

    #[test]
    fn text_with_no_status_is_refused() {
        let err = parse_ndr(b"hello\nworld\n", "note.txt").expect_err("not an NDR");
        assert_eq!(err.id, "input-ndr-no-status");
        let err = parse_ndr(b"\x00\x01\x02binary", "junk.bin").expect_err("binary");
        assert_eq!(err.id, "input-file-not-text");
    }
}
