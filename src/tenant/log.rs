//! Streaming reader of Exchange SMTP Send protocol logs: which certificate the on-premises server
//! sent in each session, which replies Microsoft 365 gave it, and how that changed over time.
//!
//! Bounded memory: files are read in 1 MiB blocks, each line is judged from its bytes first (most
//! lines are SMTP chatter we never parse: the commas before the event field are found sixteen
//! bytes at a time), interesting lines are cut at their commas, with the csv engine only from a
//! quoted field on, and a session is folded into the aggregates and dropped as soon as it
//! disconnects. Runs of files are read in parallel; a session cut between two runs is joined
//! afterwards as if one reader had read its lines in order.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{self, AtomicBool};

use aho_corasick::AhoCorasick;
use memchr::memmem;
// The session table is looked up once per interesting line: FxHash (rustc's own hasher) is
// several times cheaper than SipHash on these short keys, and the keys are not attacker-chosen
// in a way that matters for a one-shot local scan.
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

use crate::checks::Message;
use crate::input_file::{SpecialFile, open_stream, special_kind};

const BLOCK_BYTES: usize = 1 << 20;
/// A longer "line" is not a log line (a binary file, a log without newlines).
const MAX_LINE_BYTES: usize = BLOCK_BYTES;
pub const DEFAULT_MAX_OPEN_SESSIONS: usize = 20_000;
const MAX_FIELD_BYTES: usize = 2048;
const MAX_SANS: usize = 64;
pub const MAX_DISTINCT_CERTIFICATES: usize = 64;
const MAX_WARNINGS: usize = 200;
const MAX_ENDPOINTS: usize = 16;
const MAX_CONNECTOR_NAMES: usize = 32;
const MAX_REPLY_CHARS: usize = 300;
const MAX_FIELDS: usize = 64;
/// Distinct (server, certificate, sender domain, address family, TLS outcome) groups kept.
const MAX_GROUPS: usize = 512;
const MAX_SERVERS: usize = 64;

/// The column order Exchange writes when the `#Fields:` header is missing.
pub const DEFAULT_FIELDS: [&str; 9] = [
    "date-time",
    "connector-id",
    "session-id",
    "sequence-number",
    "local-endpoint",
    "remote-endpoint",
    "event",
    "data",
    "context",
];

/// What to read and how much to keep.
#[derive(Clone, Debug)]
pub struct LogOptions {
    /// Only sessions of this send connector (compared without regard to case).
    pub send_connector: Option<String>,
    /// Sessions open at the same time before the oldest are folded early.
    pub max_open_sessions: usize,
    /// Raised by whoever no longer wants the answer (the wizard's Cancel): reading stops at the
    /// next block, so a folder of hundreds of MB does not keep a core busy for nothing.
    pub stop: Option<Arc<AtomicBool>>,
    /// Reader threads; 0 picks one per core (at most [`MAX_READERS`]). Each reader takes a run
    /// of consecutive files, and sessions cut by a boundary between two runs are joined after.
    pub readers: usize,
}

impl Default for LogOptions {
    fn default() -> Self {
        LogOptions {
            send_connector: None,
            max_open_sessions: DEFAULT_MAX_OPEN_SESSIONS,
            stop: None,
            readers: 0,
        }
    }
}

/// A problem in the input that did not stop the reading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogWarning {
    pub file: String,
    /// 1-based; 0 when the problem is about the whole file or the whole run.
    pub line: u64,
    pub problem: Message,
}

/// Subject and thumbprint: enough to name a certificate in a sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CertificateRef {
    pub subject: String,
    pub thumbprint: String,
}

/// One distinct certificate the on-premises server sent (by thumbprint), with what happened to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentCertificate {
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    /// Upper-case hex without spaces, as Exchange shows it.
    pub thumbprint: String,
    pub sans: Vec<String>,
    /// Date-time of the first and last session that sent it (as written in the log).
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Sessions that sent it, and those of them refused with 5.7.64 / with ATT36.
    pub sessions: u64,
    pub rejected_sessions: u64,
    pub att36_sessions: u64,
    pub first_rejection: Option<String>,
    pub last_rejection: Option<String>,
    /// Validity, when known (certificate file or live; the log does not record it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
}

impl SentCertificate {
    pub fn reference(&self) -> CertificateRef {
        CertificateRef {
            subject: self.subject.clone(),
            thumbprint: self.thumbprint.clone(),
        }
    }

    /// The DNS names a connector compares with: alternative names and the subject's CNs.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for name in self
            .sans
            .iter()
            .cloned()
            .chain(subject_common_names(&self.subject))
        {
            if !name.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                names.push(name);
            }
        }
        names
    }
}

/// The server started sending another certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateChange {
    /// First session with the new certificate.
    pub at: String,
    pub from: CertificateRef,
    pub to: CertificateRef,
    /// Last session that still sent the old one; later than `at` when both were in use
    /// (two servers, or a change back).
    pub from_last_seen: Option<String>,
}

/// Sessions that look the same to Microsoft 365's attribution: same sending server, same
/// certificate presented, same envelope sender domain, same address family. The diagnosis
/// judges each group once instead of each session.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionGroup {
    /// The sending server: its folder's name (`EX01`) or, without one, its local endpoint.
    pub server: String,
    /// The certificate really presented (none when TLS was not negotiated or failed).
    pub certificate: Option<CertificateRef>,
    /// Domain of `MAIL FROM` (lower case); `Some("")` for the null sender `<>`; `None` when the
    /// log shows no `MAIL FROM`.
    pub mail_from_domain: Option<String>,
    /// Domain of the first `RCPT TO`.
    pub rcpt_domain: Option<String>,
    pub local_ip: Option<String>,
    pub remote_ip: Option<String>,
    /// The connection to Microsoft 365 ran over IPv6.
    pub ipv6: bool,
    /// TLS negotiation failed (`NoCredentials`, `UnknownCredentials`, `454 4.7.5`…).
    pub tls_failure: Option<String>,
    pub sessions: u64,
    pub rejected_sessions: u64,
    pub att36_sessions: u64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// A file that was read but is not an SMTP Send protocol log (a Receive log, a message
/// tracking log): its certificate is not the one the server sends, so it is left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedLog {
    pub file: String,
    pub log_type: String,
}

/// Everything the logs told us, for the selected send connector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogReport {
    pub files_read: u64,
    pub bytes_read: u64,
    pub lines_read: u64,
    /// Sessions of the selected connector (all connectors without a filter).
    pub sessions: u64,
    pub sessions_with_tls: u64,
    /// Sessions that did STARTTLS but sent no certificate.
    pub sessions_without_certificate: u64,
    pub rejected_without_certificate: u64,
    /// Sessions refused with 5.7.64, and those whose reply carried ATT36 / ATTR36.
    pub rejected_sessions: u64,
    pub att36_sessions: u64,
    pub first_rejection: Option<String>,
    pub last_rejection: Option<String>,
    /// One refusal as Microsoft 365 worded it (shortened).
    pub sample_rejection: Option<String>,
    /// Distinct sent certificates, in order of first use.
    pub certificates: Vec<SentCertificate>,
    pub certificate_changes: Vec<CertificateChange>,
    /// Distinct certificates the remote side presented (kept apart from the sent ones).
    pub received_certificates: Vec<CertificateRef>,
    /// Local-endpoint addresses (the on-premises side; may be private behind NAT).
    pub local_ips: Vec<String>,
    /// Every send connector name seen in the files (for "did you mean").
    pub connectors_seen: Vec<String>,
    /// Sessions grouped for the attribution rules (bounded; see `groups_dropped`).
    pub groups: Vec<SessionGroup>,
    /// Sessions whose group could not be kept (too many distinct groups).
    pub groups_dropped: u64,
    /// Sending servers, in order of first appearance.
    pub servers: Vec<String>,
    /// Files whose `#Log-type` is not "SMTP Send Protocol Log".
    pub skipped_logs: Vec<SkippedLog>,
    pub first_time: Option<String>,
    pub last_time: Option<String>,
    pub warnings: Vec<LogWarning>,
    /// Warnings beyond the ones kept.
    pub warnings_dropped: u64,
}

impl LogReport {
    /// The certificate sent in the most recent session.
    pub fn latest_certificate(&self) -> Option<&SentCertificate> {
        self.certificates
            .iter()
            .max_by(|a, b| a.last_seen.cmp(&b.last_seen))
    }
}

/// The log input could not be used at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LogError {
    #[error("{path}: not found or not readable: {source}")]
    NotFound {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: the folder holds no file")]
    EmptyFolder { path: String },
}

impl LogError {
    /// Language-neutral words for the CLI and the GUI.
    pub fn message(&self) -> Message {
        match self {
            LogError::NotFound { path, source } => Message::new("log-error-not-found")
                .arg("path", path)
                .arg("error", source),
            LogError::EmptyFolder { path } => {
                Message::new("log-error-empty-folder").arg("path", path)
            }
        }
    }
}

/// The files a list of `--log` paths stands for: files as given, folders' files in natural name
/// order (`-2.LOG` before `-10.LOG`, as Exchange rolls them).
pub fn collect_log_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LogError> {
    collect_log_inputs(paths).map(|(files, _)| files.into_iter().map(|f| f.path).collect())
}

/// Pipes, devices, sockets, broken links and link loops found inside log folders, with what
/// each is.
type SkippedFiles = Vec<(PathBuf, Message)>;

fn special_message(kind: SpecialFile) -> Message {
    Message::new("log-warn-special-file").arg("kind", kind.as_str())
}

/// One file to read, and the server it came from when the folder layout says so.
#[derive(Clone, Debug)]
struct LogInput {
    path: PathBuf,
    server: Option<String>,
}

/// How deep server folders are followed: a server's folder copied with Exchange's own path
/// below it (`EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend`) is six levels down.
const MAX_FOLDER_DEPTH: usize = 8;

/// [`collect_log_files`], plus what was found inside the folders and skipped: pipes, devices,
/// sockets (reading one could wait or run for ever), and links that lead nowhere or in a loop.
/// A folder that holds sub-folders (one per server, as admins collect them: `EX01/`,
/// `EX02/`) is read sub-folder by sub-folder, each keeping its name as the server's; the
/// folders Exchange itself uses (`FrontEnd`, `Hub`, `Edge`, `ProtocolLog`, `SmtpSend`) are
/// never taken for a server name.
fn collect_log_inputs(paths: &[PathBuf]) -> Result<(Vec<LogInput>, SkippedFiles), LogError> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| LogError::NotFound {
            path: path.display().to_string(),
            source,
        })?;
        if meta.is_dir() {
            let before = files.len();
            collect_folder(path, None, 0, &mut files, &mut skipped).map_err(|source| {
                LogError::NotFound {
                    path: path.display().to_string(),
                    source,
                }
            })?;
            if files.len() == before {
                return Err(LogError::EmptyFolder {
                    path: path.display().to_string(),
                });
            }
        } else {
            files.push(LogInput {
                path: path.clone(),
                server: None,
            });
        }
    }
    Ok((files, skipped))
}

/// Exchange's own folder names on the way to the logs: not a server's name.
fn is_exchange_folder(name: &str) -> bool {
    [
        "frontend",
        "hub",
        "edge",
        "protocollog",
        "smtpsend",
        "smtpreceive",
        "logs",
        "transportroles",
    ]
    .contains(&name.to_ascii_lowercase().as_str())
}

fn collect_folder(
    dir: &Path,
    server: Option<&str>,
    depth: usize,
    files: &mut Vec<LogInput>,
    skipped: &mut SkippedFiles,
) -> std::io::Result<()> {
    let mut in_dir: Vec<PathBuf> = Vec::new();
    let mut sub_dirs: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_file() => in_dir.push(path),
            Ok(t) if t.is_dir() => sub_dirs.push(path),
            Ok(t) if t.is_symlink() => {
                // A link to a file is read; a link to a folder is not followed (it could lead
                // back up); a link that leads nowhere or loops is reported.
                match std::fs::metadata(&path) {
                    Ok(m) if m.is_file() => in_dir.push(path),
                    Ok(m) if m.is_dir() => {}
                    Ok(m) => skipped.push((
                        path,
                        special_message(SpecialFile::of(&m).unwrap_or(SpecialFile::Other)),
                    )),
                    Err(err) => {
                        skipped.push((path, Message::new("log-warn-broken-link").arg("error", err)))
                    }
                }
            }
            _ => {
                let kind = special_kind(&path).unwrap_or(SpecialFile::Other);
                skipped.push((path, special_message(kind)));
            }
        }
    }
    in_dir.sort_by(|a, b| natural_cmp(&file_name(a), &file_name(b)));
    files.extend(in_dir.into_iter().map(|path| LogInput {
        path,
        server: server.map(str::to_string),
    }));
    if depth < MAX_FOLDER_DEPTH {
        sub_dirs.sort_by(|a, b| natural_cmp(&file_name(a), &file_name(b)));
        for sub in sub_dirs {
            let name = sub
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let sub_server = match server {
                Some(s) => Some(s.to_string()),
                None if !is_exchange_folder(&name) => Some(name),
                None => None,
            };
            // An unreadable sub-folder does not stop the others.
            if let Err(err) = collect_folder(&sub, sub_server.as_deref(), depth + 1, files, skipped)
            {
                skipped.push((
                    sub,
                    Message::new("log-warn-folder-unreadable").arg("error", err),
                ));
            }
        }
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Compares names with runs of digits taken as numbers.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let si = i;
            while i < a.len() && a[i].is_ascii_digit() {
                i += 1;
            }
            let sj = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let na = trim_zeros(&a[si..i]);
            let nb = trim_zeros(&b[sj..j]);
            let ord = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
            if ord != Ordering::Equal {
                return ord;
            }
        } else {
            if a[i] != b[j] {
                return a[i].cmp(&b[j]);
            }
            i += 1;
            j += 1;
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let first = digits
        .iter()
        .position(|d| *d != b'0')
        .unwrap_or(digits.len());
    &digits[first..]
}

fn stopped(options: &LogOptions) -> bool {
    options
        .stop
        .as_ref()
        .is_some_and(|flag| flag.load(atomic::Ordering::Relaxed))
}

/// Reads every file of `paths` (files and folders) and sums up the sessions of the selected
/// send connector.
pub fn read_logs(paths: &[PathBuf], options: &LogOptions) -> Result<LogReport, LogError> {
    let (files, skipped) = collect_log_inputs(paths)?;
    let mut first = Scan::new(options);
    for (path, problem) in skipped {
        first.begin_file(&path.display().to_string(), None);
        first.warn(0, problem);
    }
    let readers = match options.readers {
        0 => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, MAX_READERS),
        n => n.min(MAX_READERS),
    }
    .min(files.len().max(1));
    if readers <= 1 {
        read_files(&mut first, &files, options);
        return Ok(first.finish());
    }
    // Files are read in parallel: each reader takes a run of consecutive files (about the same
    // number of bytes each), then the runs are put back together in order.
    let chunks = split_by_size(&files, readers);
    let mut scans: Vec<Scan> = Vec::with_capacity(chunks.len());
    scans.push(first);
    for _ in 1..chunks.len() {
        let mut scan = Scan::new(options);
        scan.defer_orphans = true;
        scans.push(scan);
    }
    let done: Vec<Scan> = std::thread::scope(|scope| {
        let handles: Vec<_> = scans
            .into_iter()
            .zip(chunks)
            .map(|(mut scan, chunk)| {
                scope.spawn(move || {
                    read_files(&mut scan, chunk, options);
                    scan
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    // A reader that failed loses its files, never the whole diagnosis.
                    let mut scan = Scan::new(options);
                    scan.warn(
                        0,
                        Message::new("log-warn-read-error")
                            .arg_message("error", Message::new("cause-internal")),
                    );
                    scan
                })
            })
            .collect()
    });
    let mut done = done.into_iter();
    let Some(mut merged) = done.next() else {
        return Ok(Scan::new(options).finish());
    };
    for scan in done {
        merged.absorb(scan);
    }
    Ok(merged.finish())
}

/// More readers than cores only adds switching; four is plenty for a folder of logs.
pub const MAX_READERS: usize = 4;

fn read_files(scan: &mut Scan, files: &[LogInput], options: &LogOptions) {
    let mut buf = vec![0u8; BLOCK_BYTES];
    for file in files {
        if stopped(options) {
            break;
        }
        scan.read_file(&file.path, file.server.as_deref(), &mut buf, options);
    }
}

/// `files` cut into at most `parts` runs of consecutive files of about the same size.
fn split_by_size(files: &[LogInput], parts: usize) -> Vec<&[LogInput]> {
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| {
            std::fs::metadata(&f.path)
                .map(|m| m.len())
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let total: u64 = sizes.iter().sum();
    let mut chunks = Vec::with_capacity(parts);
    let (mut start, mut acc) = (0usize, 0u64);
    for (i, size) in sizes.iter().enumerate() {
        acc += size;
        let boundary = total * (chunks.len() as u64 + 1) / parts as u64;
        if acc >= boundary && chunks.len() + 1 < parts && i + 1 < files.len() {
            chunks.push(&files[start..=i]);
            start = i + 1;
        }
    }
    chunks.push(&files[start..]);
    chunks
}

/// Reads log text already in memory (pasted, or in tests), as if it were one file.
pub fn read_log_bytes(name: &str, bytes: &[u8], options: &LogOptions) -> LogReport {
    let mut scan = Scan::new(options);
    scan.begin_file(name, None);
    scan.block_is_ascii = bytes.is_ascii();
    let mut pos = 0;
    while pos < bytes.len() {
        match memchr::memchr(b'\n', &bytes[pos..]) {
            Some(nl) => {
                if !scan.line(&bytes[pos..pos + nl + 1], false) {
                    break;
                }
                pos += nl + 1;
            }
            None => {
                scan.line(&bytes[pos..], true);
                break;
            }
        }
    }
    scan.files_read = 1;
    scan.bytes_read = bytes.len() as u64;
    scan.finish()
}

#[derive(Clone, Copy, Debug)]
struct Columns {
    time: usize,
    connector: usize,
    session: usize,
    local: Option<usize>,
    remote: Option<usize>,
    event: usize,
    data: usize,
    context: usize,
    count: usize,
}

impl Columns {
    fn default_order() -> Columns {
        Columns {
            time: 0,
            connector: 1,
            session: 2,
            local: Some(4),
            remote: Some(5),
            event: 6,
            data: 7,
            context: 8,
            count: DEFAULT_FIELDS.len(),
        }
    }

    /// From the names of a `#Fields:` header; `Err(name)` names the first missing column.
    fn from_names(names: &[String]) -> Result<Columns, &'static str> {
        let find = |wanted: &'static str| {
            names
                .iter()
                .position(|n| n.eq_ignore_ascii_case(wanted))
                .ok_or(wanted)
        };
        Ok(Columns {
            time: find("date-time")?,
            connector: find("connector-id")?,
            session: find("session-id")?,
            local: find("local-endpoint").ok(),
            remote: find("remote-endpoint").ok(),
            event: find("event")?,
            data: find("data")?,
            context: find("context")?,
            count: names.len(),
        })
    }

    /// The first fields up to these indexes are enough for the quick look at a line.
    fn quick_fields(&self) -> usize {
        self.connector.max(self.event) + 1
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    None,
    Sent,
    Received,
}

#[derive(Clone, Debug, Default)]
struct CertFields {
    subject: String,
    issuer: String,
    serial: String,
    thumbprint: String,
    sans: Vec<String>,
}

impl CertFields {
    fn is_empty(&self) -> bool {
        self.subject.is_empty() && self.thumbprint.is_empty()
    }

    /// Thumbprint when logged, else the subject: what tells two certificates apart.
    fn identity(&self) -> &str {
        if self.thumbprint.is_empty() {
            &self.subject
        } else {
            &self.thumbprint
        }
    }
}

#[derive(Debug)]
struct OpenSession {
    last_activity: u64,
    block: Block,
    starttls: bool,
    sent: Option<CertFields>,
    sent_at: String,
    received: Option<CertFields>,
    rejected_at: Option<String>,
    att36: bool,
    reply_sample: Option<String>,
    local_ip: Option<String>,
    remote_ip: Option<String>,
    mail_from: Option<String>,
    rcpt_domain: Option<String>,
    tls_failure: Option<String>,
    server: Option<Arc<str>>,
    started_at: String,
    /// Its first line read was not the connect (`+`): it began in an earlier file.
    orphan: bool,
    /// This part of the session logged its own `Sending` / `Received certificate` line or a TLS
    /// failure: its certificate state no longer depends on the part before it.
    block_known: bool,
    /// A TLS failure was logged in this part (it cancels a certificate sent in an earlier part).
    failed_here: bool,
    /// `Certificate …` lines of an orphan read before any block line: the tail of a block that
    /// began in the part another reader read. Applied to that block when the parts are joined.
    leading: Vec<CertField>,
}

impl OpenSession {
    fn new() -> OpenSession {
        OpenSession {
            last_activity: 0,
            block: Block::None,
            starttls: false,
            sent: None,
            sent_at: String::new(),
            received: None,
            rejected_at: None,
            att36: false,
            reply_sample: None,
            local_ip: None,
            remote_ip: None,
            mail_from: None,
            rcpt_domain: None,
            tls_failure: None,
            server: None,
            started_at: String::new(),
            orphan: false,
            block_known: false,
            failed_here: false,
            leading: Vec::new(),
        }
    }

    /// The two halves of one session cut by a file boundary between two readers: `self` from
    /// the earlier files, `later` from the next ones. The result is what one reader reading
    /// both parts in order would have found: first values win (MAIL FROM, the first refusal,
    /// the endpoints), the certificate state follows the order of the lines.
    fn joined(mut self, later: OpenSession) -> OpenSession {
        self.last_activity = self.last_activity.max(later.last_activity);
        self.starttls |= later.starttls;
        // The certificate block that was open when the earlier part ended goes on.
        let open_block = match self.block {
            Block::Sent => self.sent.as_mut(),
            Block::Received => self.received.as_mut(),
            Block::None => None,
        };
        if let Some(cert) = open_block {
            for field in later.leading {
                field.apply(cert);
            }
        }
        if later.failed_here {
            // Whatever was sent before the failure was not really presented.
            self.sent = None;
        }
        if !later.sent_at.is_empty() {
            // A `Sending certificate` line in the later part (even one a failure cancelled).
            self.sent = later.sent;
            self.sent_at = later.sent_at;
        }
        if later.received.is_some() {
            self.received = later.received;
        }
        if later.block_known {
            self.block = later.block;
        }
        self.tls_failure = self.tls_failure.or(later.tls_failure);
        self.rejected_at = self.rejected_at.or(later.rejected_at);
        self.att36 |= later.att36;
        self.reply_sample = self.reply_sample.or(later.reply_sample);
        self.local_ip = self.local_ip.or(later.local_ip);
        self.remote_ip = self.remote_ip.or(later.remote_ip);
        self.mail_from = self.mail_from.or(later.mail_from);
        self.rcpt_domain = self.rcpt_domain.or(later.rcpt_domain);
        self
    }
}

/// What a line is about, judged from its bytes alone.
enum Quick {
    Skip,
    Parse,
    /// Another connector's disconnect: only its name is wanted.
    OtherConnectorEnd,
}

struct Scan {
    filter: Option<String>,
    max_open: usize,
    // current file
    file: String,
    columns: Option<Columns>,
    file_line: u64,
    file_given_up: bool,
    discarding_long_line: bool,
    /// Every byte of the block the lines come from is ASCII (then no line needs a UTF-8 check).
    block_is_ascii: bool,
    /// The server the current file belongs to (its folder), shared by its sessions.
    server: Option<Arc<str>>,
    // parsing
    csv: csv_core::Reader,
    out: Vec<u8>,
    ends: [usize; MAX_FIELDS],
    nfields: usize,
    key: Vec<u8>,
    first_time: Vec<u8>,
    last_time: Vec<u8>,
    /// `*` lines worth parsing: certificate blocks and TLS failures (none: parse them all).
    information_finder: Option<AhoCorasick>,
    finders: Finders,
    // state
    sessions: HashMap<Box<[u8]>, OpenSession, FxBuildHasher>,
    group_index: HashMap<u64, Vec<usize>>,
    /// Another reader reads the files before ours: sessions that began there are kept aside
    /// (bounded) to be joined with their first half instead of being counted twice.
    defer_orphans: bool,
    deferred: Vec<(Box<[u8]>, OpenSession)>,
    activity: u64,
    eviction_warned: bool,
    certificate_cap_warned: bool,
    files_read: u64,
    bytes_read: u64,
    lines_read: u64,
    report: LogReport,
}

impl Scan {
    fn new(options: &LogOptions) -> Scan {
        Scan {
            filter: options
                .send_connector
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            max_open: options.max_open_sessions.max(2),
            file: String::new(),
            columns: None,
            file_line: 0,
            file_given_up: false,
            discarding_long_line: false,
            block_is_ascii: false,
            server: None,
            csv: csv_core::Reader::new(),
            out: vec![0; 4096],
            ends: [0; MAX_FIELDS],
            nfields: 0,
            key: Vec::with_capacity(128),
            first_time: Vec::new(),
            last_time: Vec::new(),
            information_finder: information_patterns(),
            finders: Finders::new(),
            sessions: HashMap::default(),
            group_index: HashMap::new(),
            defer_orphans: false,
            deferred: Vec::new(),
            activity: 0,
            eviction_warned: false,
            certificate_cap_warned: false,
            files_read: 0,
            bytes_read: 0,
            lines_read: 0,
            report: LogReport::default(),
        }
    }

    fn warn(&mut self, line: u64, problem: Message) {
        if self.report.warnings.len() < MAX_WARNINGS {
            self.report.warnings.push(LogWarning {
                file: self.file.clone(),
                line,
                problem,
            });
        } else {
            self.report.warnings_dropped += 1;
        }
    }

    fn begin_file(&mut self, name: &str, server: Option<&str>) {
        self.file = name.to_string();
        self.server = server.map(Arc::from);
        self.columns = None;
        self.file_line = 0;
        self.file_given_up = false;
        self.discarding_long_line = false;
    }

    fn read_file(
        &mut self,
        path: &Path,
        server: Option<&str>,
        buf: &mut [u8],
        options: &LogOptions,
    ) {
        self.begin_file(&path.display().to_string(), server);
        // A named pipe is read as it comes, and opening one never waits for its writer; a
        // device or a folder is refused.
        let mut file = match open_stream(path) {
            Ok(f) => f,
            Err(err) => {
                self.warn(0, err.message());
                return;
            }
        };
        self.files_read += 1;
        let (mut start, mut end) = (0usize, 0usize);
        loop {
            if start > 0 {
                buf.copy_within(start..end, 0);
                end -= start;
                start = 0;
            }
            if end == buf.len() {
                // A whole block without a newline.
                if !self.discarding_long_line {
                    self.warn(
                        self.file_line + 1,
                        Message::new("log-warn-line-too-long").arg("bytes", MAX_LINE_BYTES),
                    );
                }
                self.discarding_long_line = true;
                end = 0;
            }
            if stopped(options) {
                break;
            }
            let n = match file.read(&mut buf[end..]) {
                Ok(n) => n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => {
                    self.warn(
                        self.file_line + 1,
                        Message::new("log-warn-read-error").arg("error", err),
                    );
                    break;
                }
            };
            self.bytes_read += n as u64;
            let eof = n == 0;
            end += n;
            self.block_is_ascii = buf[..end].is_ascii();
            let mut pos = start;
            let mut keep_going = true;
            while let Some(nl) = memchr::memchr(b'\n', &buf[pos..end]) {
                let line = &buf[pos..pos + nl + 1];
                pos += nl + 1;
                if !self.line(line, false) {
                    keep_going = false;
                    break;
                }
            }
            start = pos;
            if !keep_going {
                break;
            }
            if eof {
                if start < end {
                    let line = &buf[start..end];
                    self.line(line, true);
                }
                break;
            }
        }
    }

    /// One raw line (with its `\n`, except a last line without one). `false`: stop this file.
    fn line(&mut self, raw: &[u8], last_without_newline: bool) -> bool {
        self.file_line += 1;
        self.lines_read += 1;
        if self.discarding_long_line {
            // The tail of a line already reported as too long.
            self.discarding_long_line = false;
            return true;
        }
        let mut line = raw;
        if let Some(rest) = line.strip_suffix(b"\n") {
            line = rest;
        }
        if let Some(rest) = line.strip_suffix(b"\r") {
            line = rest;
        }
        if self.file_line == 1
            && let Some(rest) = line.strip_prefix(b"\xEF\xBB\xBF")
        {
            line = rest;
        }
        if line.is_empty() {
            return true;
        }
        // A block of pure ASCII (the usual log) needs no check line by line.
        let bad_utf8 =
            !self.block_is_ascii && !line.is_ascii() && std::str::from_utf8(line).is_err();
        if line[0] == b'#' {
            return self.header_line(line);
        }
        let columns = match self.columns {
            Some(c) => c,
            None => match self.headerless_first_line(line) {
                Some(c) => c,
                None => return false,
            },
        };
        if bad_utf8 {
            self.warn(self.file_line, Message::new("log-warn-non-utf8"));
        }
        if !last_without_newline {
            match self.quick_look(line, &columns) {
                Quick::Skip => return true,
                Quick::Parse => {}
                Quick::OtherConnectorEnd => {
                    if self.parse(line) {
                        let n = self.field_count();
                        if n > columns.connector {
                            let name = lossy(self.field(columns.connector));
                            self.note_connector(&name);
                        }
                    }
                    return true;
                }
            }
        }
        if !self.parse(line) {
            return true;
        }
        let found = self.field_count();
        if found < columns.count {
            let problem = if last_without_newline {
                Message::new("log-warn-truncated-line")
            } else {
                Message::new("log-warn-short-line")
                    .arg("expected", columns.count)
                    .arg("found", found)
            };
            self.warn(self.file_line, problem);
            return true;
        }
        self.record(&columns);
        true
    }

    /// `false`: the file is not an SMTP Send protocol log and is given up.
    fn header_line(&mut self, line: &[u8]) -> bool {
        let text = String::from_utf8_lossy(line);
        if let Some(kind) = strip_prefix_ci(&text, "#Log-type:") {
            let kind = kind.trim();
            if !kind.eq_ignore_ascii_case("SMTP Send Protocol Log") {
                let kind = capped(kind.as_bytes());
                self.warn(
                    self.file_line,
                    Message::new("log-warn-not-send-log").arg("type", &kind),
                );
                if self.report.skipped_logs.len() < MAX_WARNINGS {
                    self.report.skipped_logs.push(SkippedLog {
                        file: self.file.clone(),
                        log_type: kind,
                    });
                }
                self.file_given_up = true;
                self.columns = None;
                return false;
            }
            return true;
        }
        let Some(rest) = text
            .strip_prefix("#Fields:")
            .or_else(|| text.strip_prefix("#fields:"))
        else {
            return true;
        };
        let names: Vec<String> = rest.split(',').map(|n| n.trim().to_string()).collect();
        match Columns::from_names(&names) {
            Ok(c) => {
                if !self.file_given_up {
                    self.columns = Some(c);
                }
            }
            Err(missing) => {
                self.warn(
                    self.file_line,
                    Message::new("log-warn-header-missing-column").arg("column", missing),
                );
                self.file_given_up = true;
                self.columns = None;
            }
        }
        true
    }

    /// The first data line of a file without `#Fields:`: read it with Exchange's default
    /// column order if it looks like a log line, else give the file up.
    fn headerless_first_line(&mut self, line: &[u8]) -> Option<Columns> {
        if self.file_given_up {
            return None;
        }
        let columns = Columns::default_order();
        let looks_like_log = self.parse(line) && self.field_count() >= columns.count && {
            let time = self.field(columns.time);
            let event = self.field(columns.event);
            time.len() >= 10
                && time[..4].iter().all(u8::is_ascii_digit)
                && time[4] == b'-'
                && event.len() == 1
                && b"+-<>*".contains(&event[0])
        };
        if looks_like_log {
            self.warn(
                self.file_line,
                Message::new("log-warn-no-header").arg("fields", DEFAULT_FIELDS.join(",")),
            );
            self.columns = Some(columns);
            Some(columns)
        } else {
            self.warn(self.file_line, Message::new("log-warn-not-a-log"));
            self.file_given_up = true;
            None
        }
    }

    /// Decides from the raw bytes whether a line can matter, without the csv engine.
    fn quick_look(&self, line: &[u8], columns: &Columns) -> Quick {
        let wanted = columns.quick_fields();
        let mut commas = [0usize; 16];
        if wanted > commas.len() {
            return Quick::Parse;
        }
        let Some(found) = leading_commas(line, &mut commas[..wanted]) else {
            // A quoted field among the first ones: the csv engine decides.
            return Quick::Parse;
        };
        if found < wanted {
            // Short line: let the full parse report it.
            return Quick::Parse;
        }
        let span = |i: usize| {
            let start = if i == 0 { 0 } else { commas[i - 1] + 1 };
            &line[start..commas[i]]
        };
        let event = span(columns.event);
        let after_event = commas[columns.event] + 1;
        if let Some(filter) = &self.filter {
            let connector = span(columns.connector);
            if connector != filter.as_bytes() && !connector.eq_ignore_ascii_case(filter.as_bytes())
            {
                return if event == b"-" {
                    Quick::OtherConnectorEnd
                } else {
                    Quick::Skip
                };
            }
        }
        if event.len() != 1 {
            return Quick::Parse;
        }
        let data_follows = columns.data == columns.event + 1;
        let data_start = line.get(after_event..).unwrap_or(&[]);
        match event[0] {
            b'>' => {
                if !data_follows || is_envelope_command(data_start) {
                    Quick::Parse
                } else {
                    Quick::Skip
                }
            }
            b'<' => match data_start.first() {
                Some(b'4' | b'5' | b'"') => Quick::Parse,
                _ if !data_follows => Quick::Parse,
                _ => Quick::Skip,
            },
            b'*' => {
                if self.information_worth_reading(line, data_start) {
                    Quick::Parse
                } else {
                    Quick::Skip
                }
            }
            b'-' => Quick::Parse,
            // Only a reader that starts mid-way needs to tell a session's start from its tail.
            b'+' if self.defer_orphans => Quick::Parse,
            _ => Quick::Skip,
        }
    }

    /// A `*` line that can matter: a certificate block line or a TLS failure. Most of them are
    /// certificate lines, whose context (the last field in Exchange's layout) says so at once;
    /// only the others go through the multi-pattern search over the rest of the line.
    fn information_worth_reading(&self, line: &[u8], data_start: &[u8]) -> bool {
        if line.last() != Some(&b'"') {
            let last = &line[memchr::memrchr(b',', line).map_or(0, |i| i + 1)..];
            if is_certificate_context(trim_bytes(last)) {
                return true;
            }
        }
        if self.finders.negotiation_failed.find(data_start).is_some() {
            return true;
        }
        self.information_finder
            .as_ref()
            .is_none_or(|f| f.is_match(data_start))
    }

    /// Splits one line (without its line ending) with the csv engine into `out` / `ends`.
    /// `false` when it cannot be used.
    fn parse(&mut self, line: &[u8]) -> bool {
        use csv_core::ReadRecordResult;
        if self.out.len() < line.len() + 1 {
            self.out.resize(line.len() + 1, 0);
        }
        // Before the first quote (and without a stray CR, which the engine takes for a record's
        // end) the engine would only cut at the commas: those fields are cut directly, with the
        // same layout (field bytes end to end in `out`), and the engine reads the rest. Most
        // lines have no quote at all; a certificate line has one in its data field.
        let special = memchr::memchr2(b'"', b'\r', line);
        let simple_end = match special {
            None => Some(line.len()),
            Some(at) if line[at] == b'"' && memchr::memchr(b'\r', &line[at..]).is_none() => {
                memchr::memrchr(b',', &line[..at])
            }
            Some(_) => None,
        };
        let (mut to, mut n) = (0usize, 0usize);
        if let Some(end) = simple_end {
            let (out, ends) = (&mut self.out, &mut self.ends);
            let mut from = 0usize;
            let mut push = |at: usize| {
                if n == MAX_FIELDS {
                    return false;
                }
                let field = &line[from..at];
                out[to..to + field.len()].copy_from_slice(field);
                to += field.len();
                ends[n] = to;
                n += 1;
                from = at + 1;
                true
            };
            if !for_each_comma(&line[..end], &mut push) || !push(end) {
                self.warn(self.file_line, Message::new("log-warn-too-many-fields"));
                return false;
            }
            if end == line.len() {
                self.nfields = n;
                return true;
            }
        }
        let rest = match simple_end {
            Some(end) => &line[end + 1..],
            None => line,
        };
        self.csv.reset();
        let (mut res, _, nout, mut nends) =
            self.csv
                .read_record(rest, &mut self.out[to..], &mut self.ends[n..]);
        if matches!(res, ReadRecordResult::InputEmpty) {
            // The line is all there is: tell the engine the input is over.
            let (r, _, _, more) =
                self.csv
                    .read_record(&[], &mut self.out[to + nout..], &mut self.ends[n + nends..]);
            res = r;
            nends += more;
        }
        // The engine's positions count from where its output began.
        for end in &mut self.ends[n..n + nends] {
            *end += to;
        }
        match res {
            ReadRecordResult::Record => {
                if special.is_some() && memchr::memchr_iter(b'"', line).count() % 2 == 1 {
                    self.warn(self.file_line, Message::new("log-warn-unclosed-quote"));
                }
                self.nfields = n + nends;
                true
            }
            ReadRecordResult::OutputEndsFull => {
                self.warn(self.file_line, Message::new("log-warn-too-many-fields"));
                false
            }
            _ => false,
        }
    }

    fn field_count(&self) -> usize {
        self.nfields
    }

    fn field(&self, i: usize) -> &[u8] {
        field_of(&self.out, &self.ends[..self.nfields], i)
    }

    fn note_connector(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty()
            || self.report.connectors_seen.len() >= MAX_CONNECTOR_NAMES
            || self
                .report
                .connectors_seen
                .iter()
                .any(|n| n.to_lowercase() == name.to_lowercase())
        {
            return;
        }
        self.report.connectors_seen.push(name.to_string());
    }

    fn connector_selected(&self, connector: &[u8]) -> bool {
        match &self.filter {
            None => true,
            Some(filter) => {
                connector == filter.as_bytes()
                    || connector.eq_ignore_ascii_case(filter.as_bytes())
                    || (!connector.is_ascii()
                        && String::from_utf8_lossy(connector).trim().to_lowercase()
                            == filter.to_lowercase())
            }
        }
    }

    /// One parsed line of the log with all its columns.
    fn record(&mut self, c: &Columns) {
        // The fields borrow the parse buffers while the session table changes.
        let out = std::mem::take(&mut self.out);
        let ends = self.ends;
        let nfields = self.nfields;
        self.record_fields(c, &out, &ends[..nfields]);
        self.out = out;
    }

    fn record_fields(&mut self, c: &Columns, out: &[u8], ends: &[usize]) {
        let connector = field_of(out, ends, c.connector);
        let event = trim_bytes(field_of(out, ends, c.event));
        if !self.connector_selected(connector) {
            if event == b"-" {
                let name = lossy(connector);
                self.note_connector(&name);
            }
            return;
        }
        let time = trim_bytes(field_of(out, ends, c.time));
        let session_id = field_of(out, ends, c.session);
        let data = field_of(out, ends, c.data);
        let context = trim_bytes(field_of(out, ends, c.context));
        let local = c.local.map(|i| field_of(out, ends, i));
        let remote = c.remote.map(|i| field_of(out, ends, i));

        if !time.is_empty() {
            if self.first_time.is_empty() || time < self.first_time.as_slice() {
                self.first_time.clear();
                self.first_time.extend_from_slice(time);
            }
            if time > self.last_time.as_slice() {
                self.last_time.clear();
                self.last_time.extend_from_slice(time);
            }
        }

        self.key.clear();
        if let Some(server) = &self.server {
            self.key.extend_from_slice(server.as_bytes());
        }
        self.key.push(0);
        let from = self.key.len();
        self.key.extend_from_slice(trim_bytes(connector));
        self.key[from..].make_ascii_lowercase();
        self.key.push(0);
        self.key.extend_from_slice(trim_bytes(session_id));
        self.activity += 1;

        if !self.sessions.contains_key(self.key.as_slice()) {
            if self.sessions.len() >= self.max_open {
                self.evict();
            }
            let name = lossy(connector);
            self.note_connector(&name);
            let mut session = OpenSession::new();
            session.orphan = event != b"+";
            session.server = self.server.clone();
            session.started_at = lossy(time);
            self.sessions
                .insert(self.key.clone().into_boxed_slice(), session);
        }
        let Some(session) = self.sessions.get_mut(self.key.as_slice()) else {
            return;
        };
        session.last_activity = self.activity;
        if session.local_ip.is_none()
            && let Some(local) = local
        {
            session.local_ip = endpoint_ip(&lossy(local));
        }
        if session.remote_ip.is_none()
            && let Some(remote) = remote
        {
            session.remote_ip = endpoint_ip(&lossy(remote));
        }

        match event {
            b"*" => apply_information(session, context, data, time, &self.finders),
            b"<" => {
                let reply = trim_bytes(data);
                let reply = reply.strip_prefix(b"\"").unwrap_or(reply);
                // 454 4.7.5: the TLS negotiation did not complete (Exchange logs it when the
                // certificate named in the send connector's TlsCertificateName is not usable).
                if reply.starts_with(b"454 4.7.5") || reply.starts_with(b"454-4.7.5") {
                    tls_failed(session, "454 4.7.5".to_string());
                }
                if self.finders.rejection.find(data).is_some() {
                    if session.rejected_at.is_none() {
                        session.rejected_at = Some(lossy(time));
                    }
                    if session.reply_sample.is_none() {
                        session.reply_sample = Some(capped_chars(data, MAX_REPLY_CHARS));
                    }
                }
                let upper = data.to_ascii_uppercase();
                if memmem::find(&upper, b"ATT36").is_some()
                    || memmem::find(&upper, b"ATTR36").is_some()
                {
                    session.att36 = true;
                    if session.reply_sample.is_none() {
                        session.reply_sample = Some(capped_chars(data, MAX_REPLY_CHARS));
                    }
                }
            }
            b">" => {
                let data = trim_bytes(data);
                if starts_with_ci(data, b"STARTTLS") {
                    session.starttls = true;
                } else if starts_with_ci(data, b"MAIL FROM:") {
                    if session.mail_from.is_none() {
                        session.mail_from = Some(address_domain(&data[10..]));
                    }
                } else if starts_with_ci(data, b"RCPT TO:") && session.rcpt_domain.is_none() {
                    session.rcpt_domain = Some(address_domain(&data[8..]));
                }
            }
            b"-" => {
                if let Some(session) = self.sessions.remove(self.key.as_slice()) {
                    if self.defer_orphans && session.orphan && self.deferred.len() < self.max_open {
                        self.deferred
                            .push((self.key.clone().into_boxed_slice(), session));
                    } else {
                        self.fold(session);
                    }
                }
            }
            _ => {}
        }
    }

    /// Too many sessions open at once (disconnect lines missing, or a huge server): fold the
    /// older half early, so memory stays bounded.
    fn evict(&mut self) {
        if !self.eviction_warned {
            self.eviction_warned = true;
            self.warn(
                self.file_line,
                Message::new("log-warn-too-many-sessions").arg("limit", self.max_open),
            );
        }
        let mut activity: Vec<u64> = self.sessions.values().map(|s| s.last_activity).collect();
        let middle = activity.len() / 2;
        let (_, threshold, _) = activity.select_nth_unstable(middle);
        let threshold = *threshold;
        let old: Vec<Box<[u8]>> = self
            .sessions
            .iter()
            .filter(|(_, s)| s.last_activity <= threshold)
            .map(|(k, _)| k.clone())
            .collect();
        let mut folded: Vec<OpenSession> =
            old.iter().filter_map(|k| self.sessions.remove(k)).collect();
        folded.sort_by_key(|s| s.last_activity);
        for session in folded {
            self.fold(session);
        }
    }

    /// A finished session into the aggregates.
    fn fold(&mut self, session: OpenSession) {
        self.group(&session);
        let report = &mut self.report;
        report.sessions += 1;
        if session.starttls || session.sent.is_some() {
            report.sessions_with_tls += 1;
        }
        if let Some(ip) = session.local_ip
            && report.local_ips.len() < MAX_ENDPOINTS
            && !report.local_ips.contains(&ip)
        {
            report.local_ips.push(ip);
        }
        if let Some(received) = session.received.filter(|r| !r.is_empty())
            && report.received_certificates.len() < MAX_ENDPOINTS
            && !report
                .received_certificates
                .iter()
                .any(|r| r.thumbprint == received.thumbprint && r.subject == received.subject)
        {
            report.received_certificates.push(CertificateRef {
                subject: received.subject,
                thumbprint: received.thumbprint,
            });
        }
        let rejected = session.rejected_at.is_some();
        if let Some(at) = &session.rejected_at {
            report.rejected_sessions += 1;
            set_min(&mut report.first_rejection, at);
            set_max(&mut report.last_rejection, at);
        }
        if session.att36 {
            report.att36_sessions += 1;
        }
        if report.sample_rejection.is_none() {
            report.sample_rejection = session.reply_sample.clone();
        }
        match session.sent.filter(|c| !c.is_empty()) {
            Some(cert) => {
                let index = report
                    .certificates
                    .iter()
                    .position(|c| identity_of(c).eq_ignore_ascii_case(cert.identity()));
                let index = match index {
                    Some(i) => i,
                    None if report.certificates.len() < MAX_DISTINCT_CERTIFICATES => {
                        report.certificates.push(SentCertificate {
                            subject: cert.subject,
                            issuer: cert.issuer,
                            serial: cert.serial,
                            thumbprint: cert.thumbprint,
                            sans: cert.sans,
                            ..SentCertificate::default()
                        });
                        report.certificates.len() - 1
                    }
                    None => {
                        if !self.certificate_cap_warned {
                            self.certificate_cap_warned = true;
                            self.warn(
                                0,
                                Message::new("log-warn-too-many-certificates")
                                    .arg("limit", MAX_DISTINCT_CERTIFICATES),
                            );
                        }
                        return;
                    }
                };
                let entry = &mut report.certificates[index];
                entry.sessions += 1;
                set_min(&mut entry.first_seen, &session.sent_at);
                set_max(&mut entry.last_seen, &session.sent_at);
                if let Some(at) = &session.rejected_at {
                    entry.rejected_sessions += 1;
                    set_min(&mut entry.first_rejection, at);
                    set_max(&mut entry.last_rejection, at);
                }
                if session.att36 {
                    entry.att36_sessions += 1;
                }
            }
            None => {
                if session.starttls {
                    report.sessions_without_certificate += 1;
                    if rejected {
                        report.rejected_without_certificate += 1;
                    }
                }
            }
        }
    }

    /// The session into its attribution group.
    fn group(&mut self, session: &OpenSession) {
        let server = match (&session.server, &session.local_ip) {
            (Some(name), _) => name.to_string(),
            (None, Some(ip)) => ip.clone(),
            (None, None) => String::new(),
        };
        let certificate = session
            .sent
            .as_ref()
            .filter(|c| !c.is_empty())
            .map(|c| CertificateRef {
                subject: c.subject.clone(),
                thumbprint: c.thumbprint.clone(),
            });
        let ipv6 = session
            .remote_ip
            .as_deref()
            .or(session.local_ip.as_deref())
            .is_some_and(|ip| ip.contains(':'));
        let at = [&session.sent_at, &session.started_at]
            .into_iter()
            .find(|t| !t.is_empty())
            .cloned()
            .or_else(|| session.rejected_at.clone());
        let report = &mut self.report;
        if !server.is_empty()
            && report.servers.len() < MAX_SERVERS
            && !report.servers.contains(&server)
        {
            report.servers.push(server.clone());
        }
        // A hash of the key finds the group without walking them all (10 million sessions
        // times a few hundred groups would be slow); equal hashes are then compared in full.
        let hash = group_hash(
            &server,
            &certificate,
            &session.mail_from,
            ipv6,
            &session.tls_failure,
        );
        let found = self.group_index.get(&hash).and_then(|candidates| {
            candidates.iter().copied().find(|&i| {
                let g = &report.groups[i];
                g.server == server
                    && g.certificate == certificate
                    && g.mail_from_domain == session.mail_from
                    && g.ipv6 == ipv6
                    && g.tls_failure == session.tls_failure
            })
        });
        let index = match found {
            Some(i) => i,
            None if report.groups.len() < MAX_GROUPS => {
                report.groups.push(SessionGroup {
                    server,
                    certificate,
                    mail_from_domain: session.mail_from.clone(),
                    rcpt_domain: session.rcpt_domain.clone(),
                    local_ip: session.local_ip.clone(),
                    remote_ip: session.remote_ip.clone(),
                    ipv6,
                    tls_failure: session.tls_failure.clone(),
                    ..SessionGroup::default()
                });
                self.group_index
                    .entry(hash)
                    .or_default()
                    .push(report.groups.len() - 1);
                report.groups.len() - 1
            }
            None => {
                report.groups_dropped += 1;
                return;
            }
        };
        let group = &mut report.groups[index];
        group.sessions += 1;
        if session.rejected_at.is_some() {
            group.rejected_sessions += 1;
        }
        if session.att36 {
            group.att36_sessions += 1;
        }
        if let Some(at) = at.filter(|a| !a.is_empty()) {
            set_min(&mut group.first_seen, &at);
            set_max(&mut group.last_seen, &at);
        }
    }

    /// Adds what another reader found in the files after ours: its totals, and its sessions
    /// joined with the halves still open here.
    fn absorb(&mut self, mut other: Scan) {
        self.files_read += other.files_read;
        self.bytes_read += other.bytes_read;
        self.lines_read += other.lines_read;
        if !other.first_time.is_empty()
            && (self.first_time.is_empty() || other.first_time < self.first_time)
        {
            self.first_time = std::mem::take(&mut other.first_time);
        }
        if other.last_time > self.last_time {
            self.last_time = std::mem::take(&mut other.last_time);
        }
        self.eviction_warned |= other.eviction_warned;
        self.certificate_cap_warned |= other.certificate_cap_warned;
        let r = std::mem::take(&mut other.report);
        let saved_file = std::mem::take(&mut self.file);
        for w in r.warnings {
            self.file = w.file;
            self.warn(w.line, w.problem);
        }
        self.file = saved_file;
        self.report.warnings_dropped += r.warnings_dropped;
        for name in &r.connectors_seen {
            self.note_connector(name);
        }
        for skipped in r.skipped_logs {
            if self.report.skipped_logs.len() < MAX_WARNINGS {
                self.report.skipped_logs.push(skipped);
            }
        }
        let me = &mut self.report;
        me.sessions += r.sessions;
        me.sessions_with_tls += r.sessions_with_tls;
        me.sessions_without_certificate += r.sessions_without_certificate;
        me.rejected_without_certificate += r.rejected_without_certificate;
        me.rejected_sessions += r.rejected_sessions;
        me.att36_sessions += r.att36_sessions;
        if let Some(at) = &r.first_rejection {
            set_min(&mut me.first_rejection, at);
        }
        if let Some(at) = &r.last_rejection {
            set_max(&mut me.last_rejection, at);
        }
        if me.sample_rejection.is_none() {
            me.sample_rejection = r.sample_rejection;
        }
        for ip in r.local_ips {
            if me.local_ips.len() < MAX_ENDPOINTS && !me.local_ips.contains(&ip) {
                me.local_ips.push(ip);
            }
        }
        for c in r.received_certificates {
            if me.received_certificates.len() < MAX_ENDPOINTS
                && !me.received_certificates.contains(&c)
            {
                me.received_certificates.push(c);
            }
        }
        for server in r.servers {
            if me.servers.len() < MAX_SERVERS && !me.servers.contains(&server) {
                me.servers.push(server);
            }
        }
        for cert in r.certificates {
            let found = me
                .certificates
                .iter()
                .position(|c| identity_of(c).eq_ignore_ascii_case(identity_of(&cert)));
            match found {
                Some(i) => {
                    let entry = &mut me.certificates[i];
                    entry.sessions += cert.sessions;
                    entry.rejected_sessions += cert.rejected_sessions;
                    entry.att36_sessions += cert.att36_sessions;
                    merge_times(
                        &mut entry.first_seen,
                        &mut entry.last_seen,
                        &cert.first_seen,
                        &cert.last_seen,
                    );
                    merge_times(
                        &mut entry.first_rejection,
                        &mut entry.last_rejection,
                        &cert.first_rejection,
                        &cert.last_rejection,
                    );
                }
                None if me.certificates.len() < MAX_DISTINCT_CERTIFICATES => {
                    me.certificates.push(cert)
                }
                None => self.certificate_cap_warned = true,
            }
        }
        me.groups_dropped += r.groups_dropped;
        for g in r.groups {
            let hash = group_hash(
                &g.server,
                &g.certificate,
                &g.mail_from_domain,
                g.ipv6,
                &g.tls_failure,
            );
            let found = self.group_index.get(&hash).and_then(|candidates| {
                candidates.iter().copied().find(|&i| {
                    let h = &me.groups[i];
                    h.server == g.server
                        && h.certificate == g.certificate
                        && h.mail_from_domain == g.mail_from_domain
                        && h.ipv6 == g.ipv6
                        && h.tls_failure == g.tls_failure
                })
            });
            match found {
                Some(i) => {
                    let h = &mut me.groups[i];
                    h.sessions += g.sessions;
                    h.rejected_sessions += g.rejected_sessions;
                    h.att36_sessions += g.att36_sessions;
                    merge_times(
                        &mut h.first_seen,
                        &mut h.last_seen,
                        &g.first_seen,
                        &g.last_seen,
                    );
                }
                None if me.groups.len() < MAX_GROUPS => {
                    self.group_index
                        .entry(hash)
                        .or_default()
                        .push(me.groups.len());
                    me.groups.push(g);
                }
                None => me.groups_dropped += g.sessions,
            }
        }
        // Sessions cut by the boundary: the tails the other reader set aside meet their heads,
        // still open here; the other reader's open sessions stay open for the next one.
        for (key, tail) in std::mem::take(&mut other.deferred) {
            match self.sessions.remove(&key) {
                Some(head) => self.fold(head.joined(tail)),
                None => self.fold(tail),
            }
        }
        let open: Vec<(Box<[u8]>, OpenSession)> = other.sessions.drain().collect();
        for (key, session) in open {
            let session = match (session.orphan, self.sessions.remove(&key)) {
                (true, Some(head)) => head.joined(session),
                (_, Some(earlier)) => {
                    self.fold(earlier);
                    session
                }
                (_, None) => session,
            };
            if self.sessions.len() >= self.max_open {
                self.evict();
            }
            self.sessions.insert(key, session);
        }
    }

    fn finish(mut self) -> LogReport {
        let mut open: Vec<OpenSession> = self.sessions.drain().map(|(_, s)| s).collect();
        open.sort_by_key(|s| s.last_activity);
        for session in open {
            self.fold(session);
        }
        let mut report = std::mem::take(&mut self.report);
        report.files_read = self.files_read;
        report.bytes_read = self.bytes_read;
        report.lines_read = self.lines_read;
        if !self.first_time.is_empty() {
            report.first_time = Some(lossy(&self.first_time));
            report.last_time = Some(lossy(&self.last_time));
        }
        report
            .certificates
            .sort_by(|a, b| a.first_seen.cmp(&b.first_seen));
        report.certificate_changes = report
            .certificates
            .windows(2)
            .map(|pair| CertificateChange {
                at: pair[1].first_seen.clone().unwrap_or_default(),
                from: pair[0].reference(),
                to: pair[1].reference(),
                from_last_seen: pair[0].last_seen.clone(),
            })
            .collect();
        report
    }
}

/// The positions of the first `commas.len()` commas of `line`, a block of bytes at a time (the
/// fields before the event are short: one search call per comma cost more than the scan).
/// `None` when a quote comes first; else how many were found (fewer on a short line).
fn leading_commas(line: &[u8], commas: &mut [usize]) -> Option<usize> {
    let wanted = commas.len();
    let mut found = 0;
    let mut at = 0;
    while found < wanted && at < line.len() {
        let rest = &line[at..];
        let (comma_bits, quote_bits, width) = match rest.first_chunk::<BLOCK_WIDTH>() {
            Some(block) => {
                let (c, q) = block_masks(block);
                (c, q, BLOCK_WIDTH)
            }
            // The line's last bytes, one at a time.
            None => rest
                .iter()
                .enumerate()
                .fold((0, 0, rest.len()), |(c, q, w), (i, &b)| {
                    (
                        c | u32::from(b == b',') << i,
                        q | u32::from(b == b'"') << i,
                        w,
                    )
                }),
        };
        let mut hits = comma_bits | quote_bits;
        while hits != 0 {
            let bit = hits.trailing_zeros();
            if quote_bits & (1 << bit) != 0 {
                return None;
            }
            commas[found] = at + bit as usize;
            found += 1;
            if found == wanted {
                return Some(found);
            }
            hits &= hits - 1;
        }
        at += width;
    }
    Some(found)
}

/// Calls `f` with the position of each comma of `bytes`, in order, until it returns `false`
/// (then returns `false` too).
fn for_each_comma(bytes: &[u8], mut f: impl FnMut(usize) -> bool) -> bool {
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let (mut bits, width) = match rest.first_chunk::<BLOCK_WIDTH>() {
            Some(block) => (block_masks(block).0, BLOCK_WIDTH),
            None => (
                rest.iter()
                    .enumerate()
                    .fold(0u32, |c, (i, &b)| c | u32::from(b == b',') << i),
                rest.len(),
            ),
        };
        while bits != 0 {
            if !f(at + bits.trailing_zeros() as usize) {
                return false;
            }
            bits &= bits - 1;
        }
        at += width;
    }
    true
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
const BLOCK_WIDTH: usize = 16;
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
const BLOCK_WIDTH: usize = 8;

/// Bit `i` set where byte `i` of the block is a comma, and where it is a quote: two vector
/// compares (SSE2 is part of every x86-64 processor, so no runtime detection is needed).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn block_masks(block: &[u8; 16]) -> (u32, u32) {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_movemask_epi8, _mm_set_epi64x, _mm_set1_epi8};
    let (low, high) = block.split_at(8);
    let word = |half: &[u8]| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(half);
        i64::from_le_bytes(bytes)
    };
    // SAFETY: these intrinsics only need SSE2, which this build enables (the cfg above), and
    // they touch no memory: the block is loaded from two integers.
    let (commas, quotes) = unsafe {
        let v = _mm_set_epi64x(word(high), word(low));
        (
            _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b',' as i8))),
            _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8))),
        )
    };
    (commas as u32, quotes as u32)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn block_masks(block: &[u8; 8]) -> (u32, u32) {
    swar_masks(block)
}

/// The same eight bytes at a time in a `u64`, for other processors.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn swar_masks(block: &[u8; 8]) -> (u32, u32) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let word = u64::from_le_bytes(*block);
    // High bit of each byte equal to `byte`, exactly (no borrow from one byte to the next),
    // then those eight bits gathered into the low byte.
    let bits = |byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        let high = !(((x & LOW7) + LOW7) | x | LOW7);
        (((high >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56) as u32
    };
    (bits(b','), bits(b'"'))
}

/// Searches built once per reader (building a searcher costs more than a search in a line).
struct Finders {
    rejection: memmem::Finder<'static>,
    negotiation_failed: memmem::Finder<'static>,
}

impl Finders {
    fn new() -> Finders {
        Finders {
            rejection: memmem::Finder::new(b"5.7.64"),
            negotiation_failed: memmem::Finder::new(b"negotiation failed"),
        }
    }
}

/// The context of a certificate block's line: `Sending certificate`, `Certificate subject`…
fn is_certificate_context(context: &[u8]) -> bool {
    let is = |name: &[u8]| context.eq_ignore_ascii_case(name);
    starts_with_ci(context, b"Certificate ")
        || is(b"Sending certificate")
        || is(b"Received certificate")
        || is(b"Remote certificate")
}

/// A `*` line: the certificate blocks (`Sending certificate` then `Certificate …` lines).
fn apply_information(
    session: &mut OpenSession,
    context: &[u8],
    data: &[u8],
    time: &[u8],
    finders: &Finders,
) {
    let is = |name: &[u8]| context.eq_ignore_ascii_case(name);
    // Certificate lines are most of the `*` lines read: look for a failure only elsewhere.
    let certificate_line = is_certificate_context(context);
    for text in [context, data] {
        if certificate_line {
            break;
        }
        if let Some(at) = finders.negotiation_failed.find(text) {
            let rest = &text[at..];
            let error = match find_ci(rest, b"error ") {
                Some(e) => {
                    let word = &rest[e + 6..];
                    let end = word
                        .iter()
                        .position(|b| !b.is_ascii_alphanumeric())
                        .unwrap_or(word.len());
                    lossy(&word[..end])
                }
                None => String::new(),
            };
            tls_failed(
                session,
                if error.is_empty() {
                    "TLS".into()
                } else {
                    error
                },
            );
            return;
        }
    }
    if is(b"Sending certificate") {
        session.block = Block::Sent;
        session.block_known = true;
        session.sent_at = lossy(time);
        let mut cert = CertFields::default();
        if !trim_bytes(data).is_empty() {
            cert.subject = capped(data);
        }
        session.sent = Some(cert);
        return;
    }
    if is(b"Received certificate") || is(b"Remote certificate") {
        session.block = Block::Received;
        session.block_known = true;
        let mut cert = CertFields::default();
        if !trim_bytes(data).is_empty() {
            cert.subject = capped(data);
        }
        session.received = Some(cert);
        return;
    }
    let keeps_leading = session.orphan && !session.block_known;
    if session.block == Block::None && !keeps_leading {
        return;
    }
    let Some(field) = CertField::read(context, data) else {
        return;
    };
    match session.block {
        Block::Sent => session.sent.as_mut().map(|cert| field.apply(cert)),
        Block::Received => session.received.as_mut().map(|cert| field.apply(cert)),
        // The block began before this reader's first file: kept until the parts are joined.
        Block::None if keeps_leading => {
            if session.leading.len() < MAX_LEADING_FIELDS {
                session.leading.push(field);
            }
            None
        }
        Block::None => None,
    };
}

/// `ab cd:ef` → `ABCDEF`, as Exchange shows a thumbprint.
fn thumbprint_text(data: &[u8]) -> String {
    let data = &data[..data.len().min(MAX_FIELD_BYTES)];
    if data.iter().all(|b| b.is_ascii_alphanumeric()) {
        // The usual case: 40 hex digits, nothing to remove.
        let mut text = String::with_capacity(data.len());
        text.extend(data.iter().map(|b| b.to_ascii_uppercase() as char));
        return text;
    }
    String::from_utf8_lossy(data)
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .collect::<String>()
        .to_ascii_uppercase()
}

/// A certificate block's lines after its first: about five, more only in a damaged log.
const MAX_LEADING_FIELDS: usize = 16;

/// One `Certificate …` line of a certificate block.
#[derive(Debug)]
enum CertField {
    Subject(String),
    Issuer(String),
    Serial(String),
    Thumbprint(String),
    Sans(Vec<String>),
}

impl CertField {
    fn read(context: &[u8], data: &[u8]) -> Option<CertField> {
        let is = |name: &[u8]| context.eq_ignore_ascii_case(name);
        Some(if is(b"Certificate subject") {
            CertField::Subject(capped(data))
        } else if is(b"Certificate issuer name") || is(b"Certificate issuer") {
            CertField::Issuer(capped(data))
        } else if is(b"Certificate serial number") || is(b"Certificate serial") {
            CertField::Serial(capped(data))
        } else if is(b"Certificate thumbprint") {
            CertField::Thumbprint(thumbprint_text(data))
        } else if is(b"Certificate alternate names") || is(b"Certificate subject alternative names")
        {
            CertField::Sans(parse_alternate_names(&capped(data)))
        } else {
            return None;
        })
    }

    fn apply(self, cert: &mut CertFields) {
        match self {
            CertField::Subject(v) => cert.subject = v,
            CertField::Issuer(v) => cert.issuer = v,
            CertField::Serial(v) => cert.serial = v,
            CertField::Thumbprint(v) => cert.thumbprint = v,
            CertField::Sans(v) => cert.sans = v,
        }
    }
}

fn identity_of(cert: &SentCertificate) -> &str {
    if cert.thumbprint.is_empty() {
        &cert.subject
    } else {
        &cert.thumbprint
    }
}

fn field_of<'a>(out: &'a [u8], ends: &[usize], i: usize) -> &'a [u8] {
    let Some(&end) = ends.get(i) else {
        return &[];
    };
    let start = if i == 0 { 0 } else { ends[i - 1] };
    out.get(start..end).unwrap_or(&[])
}

fn trim_bytes(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

fn lossy(bytes: &[u8]) -> String {
    // `from_utf8` checks ASCII a word at a time; the lossy path only for damaged bytes.
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// A field value as kept: lossy text of at most `MAX_FIELD_BYTES`, trimmed.
fn capped(bytes: &[u8]) -> String {
    let bytes = &bytes[..bytes.len().min(MAX_FIELD_BYTES)];
    match std::str::from_utf8(bytes) {
        Ok(text) => text.trim().to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).trim().to_string(),
    }
}

fn capped_chars(bytes: &[u8], max: usize) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(max * 4)])
        .trim()
        .chars()
        .take(max)
        .collect()
}

fn set_min(slot: &mut Option<String>, value: &str) {
    if slot.as_deref().is_none_or(|v| value < v) {
        *slot = Some(value.to_string());
    }
}

fn merge_times(
    first: &mut Option<String>,
    last: &mut Option<String>,
    other_first: &Option<String>,
    other_last: &Option<String>,
) {
    if let Some(t) = other_first {
        set_min(first, t);
    }
    if let Some(t) = other_last {
        set_max(last, t);
    }
}

fn set_max(slot: &mut Option<String>, value: &str) {
    if slot.as_deref().is_none_or(|v| value > v) {
        *slot = Some(value.to_string());
    }
}

/// `mail.contoso.com, autodiscover.contoso.com` or `DNS Name=mail.contoso.com; …`.
pub fn parse_alternate_names(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .map(|part| {
            let lower = part.to_ascii_lowercase();
            for prefix in ["dns name=", "dns:", "dns="] {
                if lower.starts_with(prefix) {
                    return part[prefix.len()..].trim().to_string();
                }
            }
            part.to_string()
        })
        .filter(|name| !name.is_empty())
        .take(MAX_SANS)
        .collect()
}

/// The `CN=` values of a distinguished name as Exchange writes it (`CN=mail.contoso.com, O=…`).
pub fn subject_common_names(subject: &str) -> Vec<String> {
    subject
        .split([',', '/'])
        .map(str::trim)
        .filter_map(|part| {
            let (key, value) = part.split_once('=')?;
            key.trim()
                .eq_ignore_ascii_case("CN")
                .then(|| value.trim().trim_matches('"').to_string())
        })
        .filter(|v| !v.is_empty())
        .collect()
}

/// `10.0.0.5:25`, `[2001:db8::5]:25` or a bare address → the address.
fn endpoint_ip(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(addr) = text.parse::<std::net::SocketAddr>() {
        return Some(addr.ip().to_string());
    }
    text.parse::<std::net::IpAddr>()
        .ok()
        .map(|ip| ip.to_string())
}

fn group_hash(
    server: &str,
    certificate: &Option<CertificateRef>,
    mail_from: &Option<String>,
    ipv6: bool,
    tls_failure: &Option<String>,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (server, certificate, mail_from, ipv6, tls_failure).hash(&mut h);
    h.finish()
}

/// The TLS negotiation failed: whatever certificate block was logged before was not really
/// presented to Microsoft 365.
fn tls_failed(session: &mut OpenSession, error: String) {
    if session.tls_failure.is_none() {
        session.tls_failure = Some(error);
    }
    session.sent = None;
    session.block = Block::None;
    session.block_known = true;
    session.failed_here = true;
}

/// The `*` lines worth parsing: certificate blocks (`Sending certificate`, `Certificate …`) and
/// TLS negotiation failures (`… failed with error NoCredentials`). One automaton over the line
/// instead of one search per pattern.
fn information_patterns() -> Option<AhoCorasick> {
    // The patterns are fixed and valid, so building does not fail; if it ever did, every `*`
    // line would be parsed (slower, never wrong).
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["ertificate", "negotiation failed", "credentials"])
        .ok()
}

fn starts_with_ci(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    if text.len() < prefix.len() || !text.is_char_boundary(prefix.len()) {
        return None;
    }
    let (head, rest) = text.split_at(prefix.len());
    head.eq_ignore_ascii_case(prefix).then_some(rest)
}

/// `STARTTLS`, `MAIL FROM:` and `RCPT TO:` are the commands the diagnosis reads.
fn is_envelope_command(data: &[u8]) -> bool {
    starts_with_ci(data, b"STARTTLS")
        || starts_with_ci(data, b"MAIL FROM:")
        || starts_with_ci(data, b"RCPT TO:")
}

/// `<alice@contoso.com> SIZE=1234` → `contoso.com`; `<>` → the empty string (null sender).
fn address_domain(arg: &[u8]) -> String {
    let arg = trim_bytes(arg);
    let inner = match arg.strip_prefix(b"<") {
        Some(rest) => &rest[..memchr::memchr(b'>', rest).unwrap_or(rest.len())],
        None => &arg[..memchr::memchr(b' ', arg).unwrap_or(arg.len())],
    };
    let domain = match memchr::memrchr(b'@', inner) {
        Some(at) => &inner[at + 1..],
        // A bare local part is no accepted domain either; keep it as written.
        None => inner,
    };
    capped(domain).trim_end_matches('.').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_domains_and_the_null_sender() {
        assert_eq!(
            address_domain(b"<alice@Contoso.COM> SIZE=4521"),
            "contoso.com"
        );
        assert_eq!(address_domain(b"<>"), "");
        assert_eq!(address_domain(b" <> SIZE=12"), "");
        assert_eq!(address_domain(b"bob@fabrikam.com"), "fabrikam.com");
        assert!(is_envelope_command(b"MAIL FROM:<a@b.c>"));
        assert!(is_envelope_command(b"rcpt to:<a@b.c>"));
        assert!(!is_envelope_command(b"EHLO mail.contoso.com"));
        assert_eq!(
            strip_prefix_ci("#log-type: SMTP Send Protocol Log", "#Log-type:"),
            Some(" SMTP Send Protocol Log")
        );
        assert_eq!(strip_prefix_ci("#Lé", "#Log-type:"), None);
    }

    #[test]
    fn leading_commas_stop_at_a_quote_and_on_short_lines() {
        let mut commas = [0usize; 7];
        let line = b"2026-10-05T09:00:00.000Z,Outbound to Office 365,08DEE2A7C2000000,12,10.0.0.12:41000,40.107.22.36:25,<,250 OK,";
        assert_eq!(leading_commas(line, &mut commas), Some(7));
        let expected: Vec<usize> = memchr::memchr_iter(b',', line).take(7).collect();
        assert_eq!(commas.to_vec(), expected);
        assert_eq!(leading_commas(b"a,\"b,c\",d", &mut commas), None);
        assert_eq!(leading_commas(b"a,b,c", &mut commas), Some(2));
        assert_eq!(&commas[..2], [1, 3]);
        // A quote after the wanted commas does not matter.
        let mut two = [0usize; 2];
        assert_eq!(leading_commas(b"a,b,\"c\"", &mut two), Some(2));
        // Bytes above 0x7f next to a comma are not taken for one.
        assert_eq!(leading_commas("é,\u{ac},x".as_bytes(), &mut two), Some(2));
        assert_eq!(two, [2, 5]);
        // The portable eight-byte masks agree with a byte-by-byte look.
        for block in [
            *b"a,\"b,c\",",
            *b",,,,,,,,",
            *b"\xff,\x80\"-,+\x2d",
            [0u8; 8],
        ] {
            let (commas, quotes) = swar_masks(&block);
            for (i, b) in block.iter().enumerate() {
                assert_eq!(commas >> i & 1 == 1, *b == b',', "{block:?} {i}");
                assert_eq!(quotes >> i & 1 == 1, *b == b'"', "{block:?} {i}");
            }
            assert_eq!(commas >> 8, 0);
        }
    }

    #[test]
    fn natural_order_follows_exchange_rollover() {
        let mut names = vec!["SEND2026-10.LOG", "SEND2026-2.LOG", "SEND2026-1.LOG"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            ["SEND2026-1.LOG", "SEND2026-2.LOG", "SEND2026-10.LOG"]
        );
    }

    #[test]
    fn common_names_and_alternate_names() {
        assert_eq!(
            subject_common_names("CN=mail.contoso.com, OU=IT, O=\"Contoso, Ltd\""),
            ["mail.contoso.com"]
        );
        assert_eq!(
            parse_alternate_names("DNS Name=mail.contoso.com; autodiscover.contoso.com"),
            ["mail.contoso.com", "autodiscover.contoso.com"]
        );
        assert_eq!(
            endpoint_ip("[2001:db8::5]:25").as_deref(),
            Some("2001:db8::5")
        );
        assert_eq!(endpoint_ip("10.0.0.5:31000").as_deref(), Some("10.0.0.5"));
    }
}
