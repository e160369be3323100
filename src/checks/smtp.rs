//! A careful SMTP client side: every reply is read under a deadline with capped line and reply
//! sizes (a hostile server cannot hold us or grow our memory), and every line is kept for the
//! transcript.

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::Instant;

use super::types::{Direction, SmtpReply, TranscriptLine};
use crate::sanitize::visible_bytes;

/// RFC 5321 allows 512 octets per reply line; real servers stay far below. We allow more
/// before calling it "not SMTP".
pub const MAX_LINE_BYTES: usize = 2048;
/// An EHLO reply lists a few dozen extensions at most.
pub const MAX_REPLY_LINES: usize = 128;
/// Kept transcript lines are cut for display at this many characters.
const MAX_TRANSCRIPT_CHARS: usize = 512;
/// Transcript lines kept per session.
const MAX_TRANSCRIPT_LINES: usize = 400;

#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    /// Nothing at all arrived before the deadline.
    #[error("no answer before the deadline")]
    Timeout { partial: bool },
    #[error("the server closed the connection")]
    Closed,
    #[error("the server does not speak SMTP: {0}")]
    NotSmtp(NotSmtpReason),
    #[error("network error: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotSmtpReason {
    LineTooLong,
    TooManyLines,
    BadLine,
    MixedCodes,
}

impl NotSmtpReason {
    pub fn message_id(self) -> &'static str {
        match self {
            NotSmtpReason::LineTooLong => "detail-not-smtp-line-too-long",
            NotSmtpReason::TooManyLines => "detail-not-smtp-too-many-lines",
            NotSmtpReason::BadLine => "detail-not-smtp-bad-line",
            NotSmtpReason::MixedCodes => "detail-not-smtp-mixed-codes",
        }
    }

    /// The same reason as a cause inside another sentence ("the session ended after TLS
    /// (EHLO: …)"), for [`crate::checks::Message::arg_message`].
    pub fn cause_id(self) -> &'static str {
        match self {
            NotSmtpReason::LineTooLong => "cause-not-smtp-line-too-long",
            NotSmtpReason::TooManyLines => "cause-not-smtp-too-many-lines",
            NotSmtpReason::BadLine => "cause-not-smtp-bad-line",
            NotSmtpReason::MixedCodes => "cause-not-smtp-mixed-codes",
        }
    }
}

/// Language-neutral words for logs and the TLS probe's answer lines (never a message id).
impl std::fmt::Display for NotSmtpReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotSmtpReason::LineTooLong => "line too long",
            NotSmtpReason::TooManyLines => "reply never ends",
            NotSmtpReason::BadLine => "not an SMTP reply line",
            NotSmtpReason::MixedCodes => "mixed reply codes",
        })
    }
}

/// A reply with its raw lines (for capability lists).
#[derive(Clone, Debug)]
pub struct Reply {
    pub reply: SmtpReply,
    pub lines: Vec<String>,
}

impl Reply {
    pub fn code(&self) -> u16 {
        self.reply.code
    }

    /// EHLO keywords (`STARTTLS`, `SIZE 35882577`…) from the lines after the first.
    pub fn ehlo_capabilities(&self) -> Vec<String> {
        self.lines
            .iter()
            .skip(1)
            .map(|l| l.get(4..).unwrap_or("").trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// One SMTP session over any stream (plain TCP, then TLS after STARTTLS).
pub struct SmtpSession<S> {
    stream: S,
    pending: Vec<u8>,
    pub transcript: Vec<TranscriptLine>,
    pub timeout: Duration,
    /// The EHLO keywords of the last `250` reply to EHLO in this session (RFC 3207: forgotten
    /// after STARTTLS, until the client says EHLO again).
    pub extensions: Vec<String>,
}

impl<S: AsyncRead + AsyncWrite + Unpin> SmtpSession<S> {
    pub fn new(stream: S, timeout: Duration) -> Self {
        SmtpSession {
            stream,
            pending: Vec::new(),
            transcript: Vec::new(),
            timeout,
            extensions: Vec::new(),
        }
    }

    /// Hands the stream over (for the TLS upgrade); unread bytes after STARTTLS's reply would
    /// be a protocol violation, so they are dropped.
    pub fn into_parts(self) -> (S, Vec<TranscriptLine>) {
        (self.stream, self.transcript)
    }

    /// Continues a conversation on a new stream, keeping the transcript.
    pub fn resume(stream: S, transcript: Vec<TranscriptLine>, timeout: Duration) -> Self {
        SmtpSession {
            stream,
            pending: Vec::new(),
            transcript,
            timeout,
            extensions: Vec::new(),
        }
    }

    fn record(&mut self, direction: Direction, text: String) {
        if self.transcript.len() < MAX_TRANSCRIPT_LINES {
            self.transcript.push(TranscriptLine { direction, text });
        }
    }

    /// Sends one command line (CRLF added). Callers only pass text they built from checked input.
    pub async fn send(&mut self, line: &str) -> Result<(), SmtpError> {
        self.record(
            Direction::Sent,
            visible_bytes(line.as_bytes(), MAX_TRANSCRIPT_CHARS),
        );
        let mut bytes = Vec::with_capacity(line.len() + 2);
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        match tokio::time::timeout(self.timeout, self.stream.write_all(&bytes)).await {
            Ok(result) => result?,
            Err(_) => return Err(SmtpError::Timeout { partial: false }),
        }
        match tokio::time::timeout(self.timeout, self.stream.flush()).await {
            Ok(result) => Ok(result?),
            Err(_) => Err(SmtpError::Timeout { partial: false }),
        }
    }

    /// Sends raw message data (DATA content), recorded as one transcript line.
    pub async fn send_data(&mut self, data: &[u8], summary: &str) -> Result<(), SmtpError> {
        self.record(Direction::Sent, summary.to_string());
        match tokio::time::timeout(self.timeout, self.stream.write_all(data)).await {
            Ok(result) => Ok(result?),
            Err(_) => Err(SmtpError::Timeout { partial: false }),
        }
    }

    /// Reads one whole reply (all its continuation lines) before one deadline.
    pub async fn read_reply(&mut self) -> Result<Reply, SmtpError> {
        let deadline = Instant::now() + self.timeout;
        let mut lines: Vec<String> = Vec::new();
        let mut raw: Vec<u8> = Vec::new();
        let mut code: Option<u16> = None;
        let mut received_any = !self.pending.is_empty();
        loop {
            let line = match self.next_line(deadline, &mut received_any).await? {
                Some(line) => line,
                None => return Err(SmtpError::Closed),
            };
            self.record(
                Direction::Received,
                visible_bytes(&line, MAX_TRANSCRIPT_CHARS),
            );
            let (this_code, last) = parse_reply_line(&line)?;
            if *code.get_or_insert(this_code) != this_code {
                return Err(SmtpError::NotSmtp(NotSmtpReason::MixedCodes));
            }
            raw.extend_from_slice(&line);
            raw.extend_from_slice(b"\r\n");
            lines.push(visible_bytes(&line, MAX_TRANSCRIPT_CHARS));
            if last {
                break;
            }
            if lines.len() >= MAX_REPLY_LINES {
                return Err(SmtpError::NotSmtp(NotSmtpReason::TooManyLines));
            }
        }
        Ok(Reply {
            reply: parse_reply(&raw, code.unwrap_or(0), &lines),
            lines,
        })
    }

    /// Sends a command and reads its reply.
    pub async fn command(&mut self, line: &str) -> Result<Reply, SmtpError> {
        self.send(line).await?;
        let reply = self.read_reply().await?;
        if reply.code() == 250
            && line
                .get(..5)
                .is_some_and(|verb| verb.eq_ignore_ascii_case("EHLO "))
        {
            self.extensions = reply.ehlo_capabilities();
        }
        Ok(reply)
    }

    /// Did the last EHLO reply list this extension keyword (`SMTPUTF8`, `STARTTLS`)?
    pub fn offers(&self, keyword: &str) -> bool {
        self.extensions.iter().any(|line| {
            line.split_whitespace()
                .next()
                .is_some_and(|k| k.eq_ignore_ascii_case(keyword))
        })
    }

    /// One CRLF-terminated line without its terminator; `None` at end of stream.
    async fn next_line(
        &mut self,
        deadline: Instant,
        received_any: &mut bool,
    ) -> Result<Option<Vec<u8>>, SmtpError> {
        loop {
            if let Some(pos) = self.pending.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.pending.drain(..=pos).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                if line.len() > MAX_LINE_BYTES {
                    return Err(SmtpError::NotSmtp(NotSmtpReason::LineTooLong));
                }
                return Ok(Some(line));
            }
            if self.pending.len() > MAX_LINE_BYTES {
                // Keep a little for the transcript, drop the rest: memory stays bounded.
                let head = visible_bytes(
                    &self.pending[..80.min(self.pending.len())],
                    MAX_TRANSCRIPT_CHARS,
                );
                self.record(Direction::Received, format!("{head}…"));
                self.pending.clear();
                return Err(SmtpError::NotSmtp(NotSmtpReason::LineTooLong));
            }
            let mut chunk = [0u8; 4096];
            let read = match tokio::time::timeout_at(deadline, self.stream.read(&mut chunk)).await {
                Ok(result) => result?,
                Err(_) => {
                    if !self.pending.is_empty() {
                        let head = visible_bytes(
                            &self.pending[..120.min(self.pending.len())],
                            MAX_TRANSCRIPT_CHARS,
                        );
                        self.record(Direction::Received, head);
                    }
                    return Err(SmtpError::Timeout {
                        partial: *received_any,
                    });
                }
            };
            if read == 0 {
                if !self.pending.is_empty() {
                    let head = visible_bytes(
                        &self.pending[..120.min(self.pending.len())],
                        MAX_TRANSCRIPT_CHARS,
                    );
                    self.record(Direction::Received, head);
                    return Err(SmtpError::NotSmtp(NotSmtpReason::BadLine));
                }
                return Ok(None);
            }
            *received_any = true;
            self.pending.extend_from_slice(&chunk[..read]);
        }
    }

    /// Best-effort `QUIT` with a short wait: the verdict never depends on it.
    pub async fn quit(&mut self) {
        let short = Duration::from_secs(2).min(self.timeout);
        let saved = std::mem::replace(&mut self.timeout, short);
        let _ = self.command("QUIT").await;
        self.timeout = saved;
        let _ = tokio::time::timeout(short, self.stream.shutdown()).await;
    }
}

/// `250-SIZE` → (250, false); `250 OK` → (250, true). Anything else is not SMTP.
fn parse_reply_line(line: &[u8]) -> Result<(u16, bool), SmtpError> {
    let bad = || SmtpError::NotSmtp(NotSmtpReason::BadLine);
    let digits = line.get(..3).ok_or_else(bad)?;
    if !digits.iter().all(u8::is_ascii_digit) || !(b'2'..=b'5').contains(&digits[0]) {
        return Err(bad());
    }
    let code = digits
        .iter()
        .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'));
    match line.get(3) {
        None | Some(b' ') => Ok((code, true)),
        Some(b'-') => Ok((code, false)),
        Some(_) => Err(bad()),
    }
}

/// Code, enhanced status code and text of a complete reply. smtp-proto (Stalwart's parser)
/// reads the enhanced status code and joins continuation lines the way MTAs do.
fn parse_reply(raw: &[u8], code: u16, lines: &[String]) -> SmtpReply {
    let parsed = smtp_proto::response::parser::ResponseReceiver::default().parse(&mut raw.iter());
    match parsed {
        Ok(response) => {
            let enhanced = (response.esc != [0, 0, 0]).then(|| {
                format!(
                    "{}.{}.{}",
                    response.esc[0], response.esc[1], response.esc[2]
                )
            });
            SmtpReply {
                code: response.code,
                enhanced,
                // The lines of a multi-line reply are joined with a space: one readable line (the
                // transcript keeps them apart); anything else that acts on a terminal is shown.
                text: visible_bytes(
                    response.message.replace('\n', " ").as_bytes(),
                    MAX_TRANSCRIPT_CHARS,
                ),
            }
        }
        Err(_) => SmtpReply {
            code,
            enhanced: None,
            text: lines
                .iter()
                .map(|l| l.get(4..).unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" "),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn multi_line_reply_and_enhanced_code() {
        let (client, mut server) = tokio::io::duplex(4096);
        server
            .write_all(b"250-mx.example Hello\r\n250-STARTTLS\r\n250 SIZE 1000\r\n550 5.1.1 <x@y.z>: unknown\r\n")
            .await
            .expect("write");
        let mut session = SmtpSession::new(client, Duration::from_secs(2));
        let ehlo = session.read_reply().await.expect("ehlo");
        assert_eq!(ehlo.code(), 250);
        assert_eq!(ehlo.ehlo_capabilities(), vec!["STARTTLS", "SIZE 1000"]);
        let rcpt = session.read_reply().await.expect("rcpt");
        assert_eq!(rcpt.reply.code, 550);
        assert_eq!(rcpt.reply.enhanced.as_deref(), Some("5.1.1"));
        assert!(rcpt.reply.text.contains("unknown"));
    }

    #[tokio::test]
    async fn endless_line_is_cut_and_bounded() {
        let (client, mut server) = tokio::io::duplex(1 << 16);
        tokio::spawn(async move {
            let junk = vec![b'A'; 8192];
            for _ in 0..100 {
                if server.write_all(&junk).await.is_err() {
                    break;
                }
            }
        });
        let mut session = SmtpSession::new(client, Duration::from_secs(2));
        let err = session.read_reply().await.expect_err("not smtp");
        assert!(matches!(
            err,
            SmtpError::NotSmtp(NotSmtpReason::LineTooLong)
        ));
    }
}
