//! Message trace exports as evidence: the CSV of a historical search (`Start-HistoricalSearch`,
//! or "Download report" in the Exchange admin center's message trace) and of
//! `Get-MessageTrace | Export-Csv`. Only the attribution rejections are kept: 5.7.64
//! TenantAttribution, 5.7.51 TenantInboundAttribution and 5.7.68, with the client IP Microsoft
//! 365 saw (the public address after NAT, the one `SenderIPAddresses` needs), the sender and
//! recipient domains, and the first and last failure.
//!
//! Columns are found by name, not position ("Start-HistoricalSearch" on Microsoft Learn: the
//! report types differ in their columns, and the admin center's export writes other headers;
//! "Message trace in the new Exchange admin center in Exchange Online" lists the enhanced
//! summary's and the extended report's columns):
//! `origin_timestamp_utc` / `origin_timestamp` / `date_time_utc` / `Received` / `Date` for the time,
//! `sender_address` / `SenderAddress`, `recipient_address` / `RecipientAddress` (or the address
//! before `##` in `recipient_status`), `original_client_ip` / `client_ip` / `FromIP`. The status
//! codes are searched in every other column (`recipient_status`, `Status`, `message_info`,
//! `custom_data`, `Detail`…), since each report type puts the SMTP reply in a different one.
//!
//! Parsed with the `csv` crate (the reader built on csv-core, which the log reader already
//! uses): quoted fields with commas and line breaks, as Excel and `Export-Csv` write them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::explain::find_enhanced_code;
use crate::checks::Message;

/// The attribution rejections a trace is searched for.
pub const TRACE_CODES: &[&str] = &["5.7.64", "5.7.51", "5.7.68"];

/// At most this many distinct IPs or domains are kept (the report stays readable).
const MAX_DISTINCT: usize = 20;
const MAX_FIELD_CHARS: usize = 300;

/// One status code in the trace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceEvent {
    pub code: String,
    pub count: u64,
    pub first: Option<String>,
    pub last: Option<String>,
    /// One reply as the trace wrote it.
    pub sample: String,
}

/// A count per value (an IP, a domain).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counted {
    pub value: String,
    pub count: u64,
}

/// What a message trace export says about attribution rejections.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceReport {
    pub source: String,
    pub rows: u64,
    pub failed_rows: u64,
    pub events: Vec<TraceEvent>,
    /// Client IPs of the failed rows, most frequent first.
    pub client_ips: Vec<Counted>,
    pub sender_domains: Vec<Counted>,
    pub recipient_domains: Vec<Counted>,
    pub first_failure: Option<String>,
    pub last_failure: Option<String>,
    /// Rows the CSV reader could not read (damaged quoting).
    pub damaged_rows: u64,
    /// Rows whose status says the message failed but that carry no SMTP reply at all: the
    /// enhanced summary report and `Get-MessageTrace` / `Get-MessageTraceV2` write "Failed"
    /// without the reason, so these may be 5.7.64 refusals the trace cannot show.
    #[serde(default)]
    pub failed_without_reply: u64,
}

fn normalized(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn column(headers: &[String], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|name| headers.iter().position(|h| h == name))
}

fn cut(text: &str) -> String {
    text.trim().chars().take(MAX_FIELD_CHARS).collect()
}

fn domain_of(address: &str) -> Option<String> {
    let address = address.trim().trim_matches(|c| c == '<' || c == '>');
    let (_, domain) = address.rsplit_once('@')?;
    let domain = domain.trim().to_ascii_lowercase();
    (!domain.is_empty() && domain.len() <= 253).then_some(domain)
}

/// The trace's times, for ordering: ISO 8601 (`2026-10-02T08:00:01.412Z`, the historical
/// search) and the en-US form `Export-Csv` writes (`10/2/2026 8:00:01 AM`). Unknown forms keep
/// the file's order.
fn sort_key(text: &str) -> Option<time::PrimitiveDateTime> {
    use time::macros::format_description;
    let text = text.trim();
    let iso = text.trim_end_matches('Z');
    let iso = iso.split(['+']).next().unwrap_or(iso);
    let iso_no_fraction = iso.split('.').next().unwrap_or(iso);
    if let Ok(t) = time::PrimitiveDateTime::parse(
        iso_no_fraction,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
    ) {
        return Some(t);
    }
    if let Ok(t) = time::PrimitiveDateTime::parse(
        iso_no_fraction,
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
    ) {
        return Some(t);
    }
    time::PrimitiveDateTime::parse(
        text,
        format_description!(
            "[month padding:none]/[day padding:none]/[year] [hour repr:12 padding:none]:[minute]:[second] [period]"
        ),
    )
    .ok()
}

fn count(map: &mut BTreeMap<String, u64>, value: String) {
    if map.len() < 10_000 || map.contains_key(&value) {
        *map.entry(value).or_default() += 1;
    }
}

fn top(map: BTreeMap<String, u64>) -> Vec<Counted> {
    let mut list: Vec<Counted> = map
        .into_iter()
        .map(|(value, count)| Counted { value, count })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    list.truncate(MAX_DISTINCT);
    list
}

/// Reads a trace export (the text, already decoded). A file with none of the known columns is
/// refused: it is not a message trace.
pub fn parse_trace(text: &str, source: &str) -> Result<TraceReport, Message> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            Message::new("input-trace-bad-csv")
                .arg("path", source)
                .arg("error", e)
        })?
        .iter()
        .map(normalized)
        .collect();
    let time_col = column(
        &headers,
        &[
            "origintimestamputc",
            // The enhanced summary's column as "Message trace in the new Exchange admin center"
            // names it (without the `_utc` some downloads carry).
            "origintimestamp",
            "datetimeutc",
            "received",
            "dateutc",
            "date",
            "timestamp",
        ],
    );
    let sender_col = column(&headers, &["senderaddress", "sender", "returnpath"]);
    let recipient_col = column(&headers, &["recipientaddress", "recipients"]);
    let recipient_status_col = column(&headers, &["recipientstatus"]);
    let ip_col = column(&headers, &["originalclientip", "clientip", "fromip"]);
    // `Status` (Get-MessageTrace, Get-MessageTraceV2: `Failed`) or `recipient_status` (the
    // enhanced summary: `user@fabrikam.com##Receive, Fail`).
    let status_col = column(&headers, &["status", "deliverystatus"]).or(recipient_status_col);
    if time_col.is_none() || (sender_col.is_none() && recipient_col.is_none()) {
        return Err(Message::new("input-trace-not-trace").arg("path", source));
    }
    let mut report = TraceReport {
        source: cut(source),
        ..TraceReport::default()
    };
    let mut events: Vec<(
        TraceEvent,
        Option<time::PrimitiveDateTime>,
        Option<time::PrimitiveDateTime>,
    )> = Vec::new();
    let mut ips = BTreeMap::new();
    let mut senders = BTreeMap::new();
    let mut recipients = BTreeMap::new();
    let mut first: Option<(Option<time::PrimitiveDateTime>, String)> = None;
    let mut last: Option<(Option<time::PrimitiveDateTime>, String)> = None;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => {
                report.damaged_rows += 1;
                if report.damaged_rows > 1000 {
                    break;
                }
                continue;
            }
        }
        report.rows += 1;
        let code = record.iter().enumerate().find_map(|(i, field)| {
            if Some(i) == time_col || Some(i) == ip_col {
                return None;
            }
            let found = find_enhanced_code(field)?;
            TRACE_CODES
                .contains(&found.as_str())
                .then_some((found, field))
        });
        let Some((code, field)) = code else {
            // A failure without any status code: the export has no SMTP reply column. Counted
            // apart, never as an attribution failure nor as a success (neither is known).
            let failed = status_col
                .and_then(|i| record.get(i))
                .is_some_and(says_failed);
            if failed && record.iter().all(|f| find_enhanced_code(f).is_none()) {
                report.failed_without_reply += 1;
            }
            continue;
        };
        report.failed_rows += 1;
        let when_text = time_col
            .and_then(|i| record.get(i))
            .map(cut)
            .unwrap_or_default();
        let when = sort_key(&when_text);
        let index = match events.iter().position(|(e, _, _)| e.code == code) {
            Some(i) => i,
            None => {
                events.push((
                    TraceEvent {
                        code: code.clone(),
                        sample: cut(field),
                        ..TraceEvent::default()
                    },
                    None,
                    None,
                ));
                events.len() - 1
            }
        };
        let (event, event_first, event_last) = &mut events[index];
        event.count += 1;
        // Exports are usually newest first: order by time when it can be read.
        if event.first.is_none() || earlier(when, *event_first) {
            event.first = Some(when_text.clone());
            *event_first = when;
        }
        if event.last.is_none() || earlier(*event_last, when) {
            event.last = Some(when_text.clone());
            *event_last = when;
        }
        if first.as_ref().is_none_or(|(t, _)| earlier(when, *t)) {
            first = Some((when, when_text.clone()));
        }
        if last.as_ref().is_none_or(|(t, _)| earlier(*t, when)) {
            last = Some((when, when_text.clone()));
        }
        if let Some(ip) = ip_col.and_then(|i| record.get(i)).map(str::trim)
            && let Ok(ip) = ip.parse::<std::net::IpAddr>()
        {
            count(&mut ips, ip.to_string());
        }
        if let Some(domain) = sender_col.and_then(|i| record.get(i)).and_then(domain_of) {
            count(&mut senders, domain);
        }
        let recipient = recipient_col
            .and_then(|i| record.get(i))
            .map(str::to_string)
            .or_else(|| {
                // Historical search: `user@fabrikam.com##Receive, Fail` (several joined by `;`).
                recipient_status_col
                    .and_then(|i| record.get(i))
                    .and_then(|s| s.split("##").next().map(str::to_string))
            });
        if let Some(domain) = recipient.as_deref().and_then(domain_of) {
            count(&mut recipients, domain);
        }
    }
    report.events = events.into_iter().map(|(e, _, _)| e).collect();
    report.client_ips = top(ips);
    report.sender_domains = top(senders);
    report.recipient_domains = top(recipients);
    report.first_failure = first.map(|(_, t)| t);
    report.last_failure = last.map(|(_, t)| t);
    Ok(report)
}

/// A status field that says the message was not delivered: `Failed` (Get-MessageTrace,
/// Get-MessageTraceV2) or `…##Receive, Fail` (the enhanced summary's `recipient_status`).
fn says_failed(status: &str) -> bool {
    status
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| word.eq_ignore_ascii_case("failed") || word.eq_ignore_ascii_case("fail"))
}

/// `a` is before `b`; an unreadable time never replaces a readable one.
fn earlier(a: Option<time::PrimitiveDateTime>, b: Option<time::PrimitiveDateTime>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a < b,
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_both_exports_are_ordered() {
        assert!(sort_key("2026-10-02T08:00:01.412Z") < sort_key("2026-10-02T09:00:00Z"));
        assert!(sort_key("10/2/2026 8:00:01 AM") < sort_key("10/2/2026 1:00:00 PM"));
    }

    #[test]
    fn failed_rows_without_a_reply_column_are_counted_apart() {
        // Get-MessageTraceV2 | Export-Csv: the status says Failed, the reason is not there.
        let text = "\"Received\",\"SenderAddress\",\"RecipientAddress\",\"Subject\",\"Status\",\"ToIP\",\"FromIP\"\n\
            \"10/2/2026 2:05:13 PM\",\"a@contoso.com\",\"b@fabrikam.com\",\"x\",\"Failed\",\"\",\"198.51.100.25\"\n\
            \"10/2/2026 2:06:13 PM\",\"a@contoso.com\",\"b@fabrikam.com\",\"y\",\"Delivered\",\"\",\"198.51.100.25\"\n";
        let report = parse_trace(text, "v2.csv").expect("trace");
        assert_eq!(report.failed_rows, 0);
        assert_eq!(report.failed_without_reply, 1);
        // The enhanced summary report: `recipient_status` says Fail, without the reply.
        let text = "origin_timestamp_utc,sender_address,recipient_status,message_subject,total_bytes,message_id,network_message_id,original_client_ip,directionality,connector_id,delivery_priority\n\
            2026-10-02T14:05:13.156Z,a@contoso.com,\"b@fabrikam.com##Receive, Fail\",x,1834,<m@contoso.com>,0b1c,198.51.100.25,Originating,,Normal\n";
        let report = parse_trace(text, "summary.csv").expect("trace");
        assert_eq!((report.failed_rows, report.failed_without_reply), (0, 1));
        // A failure whose reply is there is an attribution failure, not an unknown one.
        let text = "Received,SenderAddress,Status,Detail\n\
            10/2/2026 2:05:13 PM,a@contoso.com,Failed,550 5.7.64 TenantAttribution\n\
            10/2/2026 2:05:14 PM,a@contoso.com,Failed,550 5.1.10 RecipientNotFound\n";
        let report = parse_trace(text, "x.csv").expect("trace");
        assert_eq!((report.failed_rows, report.failed_without_reply), (1, 0));
    }

    #[test]
    fn a_csv_without_trace_columns_is_refused() {
        let err = parse_trace("a,b\n1,2\n", "x.csv").expect_err("not a trace");
        assert_eq!(err.id, "input-trace-not-trace");
    }
}
