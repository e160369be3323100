//! Foreign text for the terminal-safety tests: the characters the one sanitizer must make
//! visible, with the form it shows, and a check run that carries them.

use connector_doctor::checks::{Direction, RunReport, SmtpReply, StepKind, TranscriptLine};
use connector_doctor::report::samples::{OLD_THUMBPRINT, sample_run};
use connector_doctor::report::{ReportContext, vantage_note};

/// Every character the sanitizer must make visible, with the form it shows.
pub fn dangerous() -> Vec<(char, String)> {
    let mut table: Vec<char> = (0u32..0x20)
        .filter(|&c| c != 0x09)
        .chain([0x7f, 0x85, 0x9b, 0x9c])
        .chain(0x200b..=0x200f)
        .chain(0x2028..=0x202e)
        .chain(0x2060..=0x2064)
        .chain(0x2066..=0x2069)
        .chain([0xfeff])
        .filter_map(char::from_u32)
        .collect();
    table.dedup();
    table
        .into_iter()
        .map(|c| {
            let shown = if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                format!("‹U+{:04X}›", c as u32)
            };
            (c, shown)
        })
        .collect()
}

pub fn context() -> ReportContext {
    ReportContext {
        tool_version: "9.8.7".to_string(),
        generated_at: time::macros::datetime!(2026-10-02 08:00:05 UTC),
        machine: "TECH-LAPTOP-42".to_string(),
        vantage_note: vantage_note("TECH-LAPTOP-42"),
    }
}

/// A run whose certificate subject, reply and transcript carry `text`.
pub fn run_carrying(text: &str) -> RunReport {
    let mut report = sample_run(
        time::macros::datetime!(2026-10-02 08:00:01 UTC),
        false,
        OLD_THUMBPRINT,
    );
    let tls = report
        .steps
        .iter_mut()
        .find(|s| s.step == StepKind::Tls)
        .expect("sample has a TLS step");
    tls.transcript.push(TranscriptLine {
        direction: Direction::Received,
        text: text.to_string(),
    });
    tls.reply = Some(SmtpReply {
        code: 454,
        enhanced: Some("4.7.0".into()),
        text: text.to_string(),
    });
    if let Some(session) = tls.tls.as_mut() {
        for cert in &mut session.chain {
            cert.subject = format!("CN={text}");
        }
    }
    report
}
