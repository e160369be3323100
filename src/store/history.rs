//! Run history: every check run kept as one JSON file under `Dirs.data/history/` (bounded to the
//! last [`MAX_RUNS`] runs and [`MAX_BYTES`], oldest recorded removed first, never the run just
//! written; one entry at most [`MAX_ENTRY_BYTES`]), the last run of the same connector, and
//! [`compare`] for "Changes since the last run". Only files named as this module names them are
//! ever read, counted or removed; other files in the folder are left alone.
//!
//! Same connector = same [`connector_key`]: its name (trimmed, case-insensitive) when it has one;
//! otherwise the set of smart hosts (trimmed, lower-case, sorted, duplicates removed); in MX mode
//! with no smart host, the domain of the test address.
//!
//! Typical use (CLI `check --compare-last`, GUI "Changes since the last run"):
//! ```ignore
//! let previous = history::last_run_for(&dirs, &report.request.connector, Some(report.started_at))?;
//! history::record_run(&dirs, &report)?;
//! if let Some(previous) = previous {
//!     let cmp = history::compare(&previous, &report);
//!     print!("{}", crate::report::comparison_text(&cmp, lang));   // or describe_change per row
//! }
//! ```
//! [`Comparison`] is language-neutral: typed changes plus [`Change::message`] (fluent ids
//! `compare-*` in `report.ftl`); `crate::report::describe_change` words one change.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::{Dirs, StoreError, atomic_write, read_json_versioned};
use crate::checks::{FailureCode, Message, RunReport, Status, StepKind, StepResult, Verdict};
use crate::model::Connector;

pub const HISTORY_SCHEMA_VERSION: u32 = 1;
/// At most this many runs are kept…
pub const MAX_RUNS: usize = 200;
/// …and at most this many bytes of history files.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;
/// One entry larger than this is refused when it is written (a run report is a few KB to a few
/// hundred KB); it stays under what the store reads back
/// ([`InputKind::Store`](crate::input_file::InputKind)).
pub const MAX_ENTRY_BYTES: u64 = 4 * 1024 * 1024;

static FILE_COUNTER: AtomicU64 = AtomicU64::new(0);

/// One history file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub schema_version: u32,
    /// [`connector_key`] of the run's connector.
    pub connector_key: String,
    /// When the entry was written (RFC 3339 in the file).
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: time::OffsetDateTime,
    pub report: RunReport,
}

/// `Dirs.data/history`.
pub fn history_dir(dirs: &Dirs) -> PathBuf {
    dirs.data.join("history")
}

/// What makes two runs "the same connector" (see the module documentation).
pub fn connector_key(connector: &Connector) -> String {
    let name = connector.name.trim();
    if !name.is_empty() {
        return format!("name:{}", name.to_lowercase());
    }
    let hosts: BTreeSet<String> = connector
        .smart_hosts
        .iter()
        .map(|h| h.trim().trim_end_matches('.').to_lowercase())
        .filter(|h| !h.is_empty())
        .collect();
    if !hosts.is_empty() {
        return format!("hosts:{}", hosts.into_iter().collect::<Vec<_>>().join(","));
    }
    let domain = connector
        .test_address
        .rsplit_once('@')
        .map(|(_, d)| d.trim().to_lowercase())
        .unwrap_or_default();
    format!("mx:{domain}")
}

/// Eight hex digits of SHA-256 of the key: lets a lookup skip other connectors' files by name.
fn key_tag(key: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, key.as_bytes());
    crate::cert::hex_upper(&digest.as_ref()[..4]).to_lowercase()
}

/// `20261002T080001123Z`: file names sort in time order.
fn stamp(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// The parts of a history file name this tool writes:
/// `<recorded time>-<key tag>-<process id>-<counter>.json`, e.g.
/// `20261002T080001123Z-1a2b3c4d-4242-0.json`. Only files named exactly so are history files:
/// anything else in the folder is someone else's and is never read, counted or deleted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct HistoryName {
    /// When the entry was written (UTC, to the millisecond): the order of pruning.
    recorded: String,
    process: u64,
    counter: u64,
    tag: String,
}

fn parse_history_name(name: &str) -> Option<HistoryName> {
    let rest = name.strip_suffix(".json")?;
    let mut parts = rest.split('-');
    let (recorded, tag, process, counter) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    let stamp_ok = recorded.len() == 19
        && digits(&recorded[..8], 8)
        && &recorded[8..9] == "T"
        && digits(&recorded[9..18], 9)
        && &recorded[18..] == "Z";
    let tag_ok = tag.len() == 8
        && tag
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !(stamp_ok && tag_ok && digits(process, 10) && digits(counter, 20)) {
        return None;
    }
    Some(HistoryName {
        recorded: recorded.to_string(),
        process: process.parse().ok()?,
        counter: counter.parse().ok()?,
        tag: tag.to_string(),
    })
}

/// Keeps `report` in the history and trims the history to its bounds (never removing the entry
/// just written). Returns the new file. An entry over [`MAX_ENTRY_BYTES`] is refused with
/// [`StoreError::TooLarge`] before anything is written.
pub fn record_run(dirs: &Dirs, report: &RunReport) -> Result<PathBuf, StoreError> {
    let dir = history_dir(dirs);
    let key = connector_key(&report.request.connector);
    let now = time::OffsetDateTime::now_utc();
    let name = format!(
        "{}-{}-{}-{}.json",
        stamp(now),
        key_tag(&key),
        std::process::id(),
        FILE_COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let path = dir.join(name);
    let entry = HistoryEntry {
        schema_version: HISTORY_SCHEMA_VERSION,
        connector_key: key,
        recorded_at: now,
        report: report.clone(),
    };
    let bytes = serde_json::to_vec_pretty(&entry).map_err(|e| StoreError::Encode(e.to_string()))?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err(StoreError::TooLarge {
            path: path.display().to_string(),
            size: bytes.len() as u64,
            limit: MAX_ENTRY_BYTES,
        });
    }
    atomic_write(&path, &bytes)?;
    prune_keeping(&dir, MAX_RUNS, MAX_BYTES, Some(&path))?;
    Ok(path)
}

/// History files (names this tool writes, regular files only), oldest recorded first, with
/// their sizes. Files that vanish meanwhile are skipped.
fn history_files(dir: &Path) -> Result<Vec<(PathBuf, HistoryName, u64)>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::Read {
                path: dir.display().to_string(),
                source,
            });
        }
    };
    let mut files: Vec<(PathBuf, HistoryName, u64)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = parse_history_name(e.file_name().to_str()?)?;
            // `DirEntry::metadata` does not follow links: a link or a folder is not ours.
            let meta = e.metadata().ok().filter(fs::Metadata::is_file)?;
            Some((e.path(), name, meta.len()))
        })
        .collect();
    files.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(files)
}

/// Removes the oldest history files (by recorded time) until at most `max_runs` files and
/// `max_bytes` remain (the newest file is always kept). Only files named as this tool names
/// them are counted or removed. Another process pruning at the same time is tolerated.
/// Returns how many files this call removed.
pub fn prune(dir: &Path, max_runs: usize, max_bytes: u64) -> Result<usize, StoreError> {
    prune_keeping(dir, max_runs, max_bytes, None)
}

fn prune_keeping(
    dir: &Path,
    max_runs: usize,
    max_bytes: u64,
    keep: Option<&Path>,
) -> Result<usize, StoreError> {
    let files = history_files(dir)?;
    let mut count = files.len();
    let mut bytes: u64 = files.iter().map(|(_, _, len)| len).sum();
    let mut removed = 0;
    // The newest file stays, and so does the entry just written, whatever their names say.
    let newest = files.last().map(|(path, _, _)| path.clone());
    for (path, _, len) in &files {
        if count <= 1 || (count <= max_runs && bytes <= max_bytes) {
            break;
        }
        if Some(path.as_path()) == keep || Some(path) == newest.as_ref() {
            continue;
        }
        match fs::remove_file(path) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(StoreError::Write {
                    path: path.display().to_string(),
                    source,
                });
            }
        }
        count -= 1;
        bytes = bytes.saturating_sub(*len);
    }
    Ok(removed)
}

/// The most recent kept run of the same connector (see [`connector_key`]) that started strictly
/// before `before` (e.g. the current run's `started_at`; `None` = any).
/// Unreadable files and files of a newer version are skipped and left untouched.
pub fn last_run_for(
    dirs: &Dirs,
    connector: &Connector,
    before: Option<time::OffsetDateTime>,
) -> Result<Option<RunReport>, StoreError> {
    let key = connector_key(connector);
    let tag = key_tag(&key);
    let files = history_files(&history_dir(dirs))?;
    for (path, name, _) in files.iter().rev() {
        if name.tag != tag {
            continue;
        }
        // A damaged entry, or one from a newer version, is skipped and left as it is.
        let entry = match read_json_versioned::<HistoryEntry>(path, HISTORY_SCHEMA_VERSION) {
            Ok(Some(entry)) => entry,
            Ok(None) | Err(_) => continue,
        };
        if entry.connector_key != key {
            continue;
        }
        if let Some(before) = before
            && entry.report.started_at >= before
        {
            continue;
        }
        return Ok(Some(entry.report));
    }
    Ok(None)
}

// ---------------------------------------------------------------------------------------------
// Comparison

/// Whether a change is good news, bad news, or neither (for colours and icons).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trend {
    Better,
    Worse,
    Neutral,
}

/// What changed for one host / address / step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ChangeKind {
    /// The step's status changed (fail→pass, pass→fail, warn→pass…).
    Status {
        before: Status,
        after: Status,
        code_before: Option<FailureCode>,
        code_after: Option<FailureCode>,
    },
    /// Same status, another failure code (e.g. `tls.expired` → `tls.name-mismatch`).
    Code {
        status: Status,
        before: Option<FailureCode>,
        after: Option<FailureCode>,
    },
    /// The server's certificate changed (SHA-1 thumbprint); `None` = no certificate seen.
    Certificate {
        before: Option<String>,
        after: Option<String>,
        /// `not_after` of the new certificate.
        valid_until: Option<String>,
    },
    /// A step that did not run last time.
    StepAdded {
        after: Status,
    },
    /// A step that ran last time and not this time.
    StepRemoved {
        before: Status,
    },
    AddressAdded,
    AddressRemoved,
    HostAdded,
    HostRemoved,
    // Domain security: MTA-STS (issue 13).
    /// The MTA-STS policy served for `domain` changed (another SHA-256 of the body); `id` is the
    /// TXT record's id before and after. The same id is the mistake: RFC 8461 section 3.3 has
    /// senders fetch the policy again only when the id changes.
    MtaStsPolicy {
        domain: String,
        id_before: String,
        id_after: String,
    },
}

/// One row of "Changes since the last run".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// `None` for connector-wide steps.
    pub host: Option<String>,
    pub address: Option<String>,
    /// `None` for host and address changes.
    pub step: Option<StepKind>,
    pub kind: ChangeKind,
}

fn status_rank(status: Status) -> Option<u8> {
    match status {
        Status::Pass => Some(0),
        Status::Warn => Some(1),
        Status::Fail => Some(2),
        Status::Skipped | Status::NotReached => None,
    }
}

impl Change {
    pub fn trend(&self) -> Trend {
        match &self.kind {
            ChangeKind::Status { before, after, .. } => {
                match (status_rank(*before), status_rank(*after)) {
                    (Some(b), Some(a)) if a < b => Trend::Better,
                    (Some(b), Some(a)) if a > b => Trend::Worse,
                    _ => Trend::Neutral,
                }
            }
            ChangeKind::StepAdded {
                after: Status::Fail,
            } => Trend::Worse,
            ChangeKind::StepRemoved {
                before: Status::Fail,
            } => Trend::Better,
            ChangeKind::MtaStsPolicy {
                id_before,
                id_after,
                ..
            } if id_before == id_after => Trend::Worse,
            _ => Trend::Neutral,
        }
    }

    /// Language-neutral sentence: fluent id `compare-*` with raw arguments (`where`, `host`,
    /// `address`, `step` and statuses as their stable names, codes, thumbprints). For words in
    /// the user's language use `crate::report::describe_change`, which localises the arguments.
    pub fn message(&self) -> Message {
        let place = self.place();
        let step = self.step.map(|s| s.as_str()).unwrap_or("");
        let code = |c: &Option<FailureCode>| c.map(|c| c.as_str()).unwrap_or("-").to_string();
        let base = |id: &str| {
            Message::new(id)
                .arg("where", &place)
                .arg("host", self.host.as_deref().unwrap_or(""))
                .arg("address", self.address.as_deref().unwrap_or(""))
                .arg("step", step)
        };
        match &self.kind {
            ChangeKind::Status {
                before,
                after,
                code_before,
                code_after,
            } => base("compare-status")
                .arg("before", before.as_str())
                .arg("after", after.as_str())
                .arg("code-before", code(code_before))
                .arg("code-after", code(code_after)),
            ChangeKind::Code {
                status,
                before,
                after,
            } => base("compare-code")
                .arg("status", status.as_str())
                .arg("before", code(before))
                .arg("after", code(after)),
            ChangeKind::Certificate {
                before,
                after,
                valid_until,
            } => {
                let id = match (before, after) {
                    (Some(_), Some(_)) => "compare-certificate-new",
                    (None, _) => "compare-certificate-appeared",
                    (Some(_), None) => "compare-certificate-gone",
                };
                base(id)
                    .arg("before", before.as_deref().unwrap_or("-"))
                    .arg("after", after.as_deref().unwrap_or("-"))
                    .arg("until", valid_until.as_deref().unwrap_or("-"))
            }
            ChangeKind::StepAdded { after } => {
                base("compare-step-added").arg("after", after.as_str())
            }
            ChangeKind::StepRemoved { before } => {
                base("compare-step-removed").arg("before", before.as_str())
            }
            ChangeKind::AddressAdded => base("compare-address-added"),
            ChangeKind::AddressRemoved => base("compare-address-removed"),
            ChangeKind::HostAdded => base("compare-host-added"),
            ChangeKind::HostRemoved => base("compare-host-removed"),
            ChangeKind::MtaStsPolicy {
                domain,
                id_before,
                id_after,
            } => base(if id_before == id_after {
                "compare-mta-sts-id-unchanged"
            } else {
                "compare-mta-sts-policy-new"
            })
            .arg("domain", domain)
            .arg("before", id_before)
            .arg("after", id_after),
        }
    }

    /// `mail.contoso.com (192.0.2.7:25)`, `mail.contoso.com`, or empty for connector-wide rows.
    pub fn place(&self) -> String {
        match (&self.host, &self.address) {
            // An IP smart host is its own address: say it once.
            (Some(h), Some(a)) if h == a => h.clone(),
            (Some(h), Some(a)) => format!("{h} ({a})"),
            (Some(h), None) => h.clone(),
            (None, Some(a)) => a.clone(),
            (None, None) => String::new(),
        }
    }
}

/// What changed between two runs of the same connector.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    #[serde(with = "time::serde::rfc3339")]
    pub previous_started_at: time::OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub current_started_at: time::OffsetDateTime,
    pub verdict_before: Verdict,
    pub verdict_after: Verdict,
    /// In the order of the current run (host, then address, then step); removed items last.
    pub changes: Vec<Change>,
    /// Steps present in both runs with no change.
    pub unchanged: usize,
}

impl Comparison {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn count(&self, trend: Trend) -> usize {
        self.changes.iter().filter(|c| c.trend() == trend).count()
    }
}

type StepKey = (Option<String>, Option<String>, StepKind);

fn step_key(s: &StepResult) -> StepKey {
    (s.host.clone(), s.address.clone(), s.step)
}

fn thumbprint(s: &StepResult) -> Option<String> {
    s.certificate()
        .map(|c| c.sha1_thumbprint.clone())
        .filter(|t| !t.is_empty())
}

/// Compares two runs step by step (key: host, address, step). Steps under a host or an address
/// that only one run has are summarised as one host/address change instead of one per step.
/// The MTA-STS policy body of the same domain is not the one served last time (both runs
/// fetched it).
fn mta_sts_change(old: &StepResult, new: &StepResult) -> Option<ChangeKind> {
    let sts = |s: &StepResult| s.domain_security.as_ref()?.mta_sts.clone();
    let (before, after) = (sts(old)?, sts(new)?);
    let changed = before.domain == after.domain
        && before.policy_sha256.is_some()
        && after.policy_sha256.is_some()
        && before.policy_sha256 != after.policy_sha256;
    changed.then(|| ChangeKind::MtaStsPolicy {
        domain: after.domain,
        id_before: before.id.unwrap_or_default(),
        id_after: after.id.unwrap_or_default(),
    })
}

pub fn compare(previous: &RunReport, current: &RunReport) -> Comparison {
    let hosts = |r: &RunReport| -> BTreeSet<Option<String>> {
        r.steps.iter().map(|s| s.host.clone()).collect()
    };
    let addresses = |r: &RunReport| -> BTreeSet<(Option<String>, String)> {
        r.steps
            .iter()
            .filter_map(|s| s.address.clone().map(|a| (s.host.clone(), a)))
            .collect()
    };
    let hosts_before = hosts(previous);
    let hosts_after = hosts(current);
    let addresses_before = addresses(previous);
    let addresses_after = addresses(current);
    let before: BTreeMap<StepKey, &StepResult> =
        previous.steps.iter().map(|s| (step_key(s), s)).collect();
    let after_keys: BTreeSet<StepKey> = current.steps.iter().map(step_key).collect();

    let mut changes = Vec::new();
    let mut unchanged = 0;
    let mut announced_hosts = BTreeSet::new();
    let mut announced_addresses = BTreeSet::new();
    for step in &current.steps {
        if !hosts_before.contains(&step.host) {
            if announced_hosts.insert(step.host.clone()) {
                changes.push(Change {
                    host: step.host.clone(),
                    address: None,
                    step: None,
                    kind: ChangeKind::HostAdded,
                });
            }
            continue;
        }
        if let Some(address) = &step.address {
            let pair = (step.host.clone(), address.clone());
            if !addresses_before.contains(&pair) {
                if announced_addresses.insert(pair) {
                    changes.push(Change {
                        host: step.host.clone(),
                        address: Some(address.clone()),
                        step: None,
                        kind: ChangeKind::AddressAdded,
                    });
                }
                continue;
            }
        }
        let change = |kind| Change {
            host: step.host.clone(),
            address: step.address.clone(),
            step: Some(step.step),
            kind,
        };
        let Some(old) = before.get(&step_key(step)) else {
            changes.push(change(ChangeKind::StepAdded { after: step.status }));
            continue;
        };
        let mut changed = false;
        if old.status != step.status {
            changes.push(change(ChangeKind::Status {
                before: old.status,
                after: step.status,
                code_before: old.code,
                code_after: step.code,
            }));
            changed = true;
        } else if old.code != step.code {
            changes.push(change(ChangeKind::Code {
                status: step.status,
                before: old.code,
                after: step.code,
            }));
            changed = true;
        }
        let (t_before, t_after) = (thumbprint(old), thumbprint(step));
        // A certificate that was not seen this time (e.g. TLS failed earlier) is not "gone"
        // unless the TLS step itself now reports none while passing or warning.
        let comparable = t_after.is_some() || old.tls.is_some() && step.tls.is_some();
        if comparable && t_before != t_after {
            changes.push(change(ChangeKind::Certificate {
                before: t_before,
                after: t_after,
                valid_until: step.certificate().map(|c| c.not_after.clone()),
            }));
            changed = true;
        }
        if let Some(kind) = mta_sts_change(old, step) {
            changes.push(change(kind));
            changed = true;
        }
        if !changed {
            unchanged += 1;
        }
    }

    let mut removed_hosts = BTreeSet::new();
    let mut removed_addresses = BTreeSet::new();
    for step in &previous.steps {
        if !hosts_after.contains(&step.host) {
            if removed_hosts.insert(step.host.clone()) {
                changes.push(Change {
                    host: step.host.clone(),
                    address: None,
                    step: None,
                    kind: ChangeKind::HostRemoved,
                });
            }
            continue;
        }
        if let Some(address) = &step.address {
            let pair = (step.host.clone(), address.clone());
            if !addresses_after.contains(&pair) {
                if removed_addresses.insert(pair) {
                    changes.push(Change {
                        host: step.host.clone(),
                        address: Some(address.clone()),
                        step: None,
                        kind: ChangeKind::AddressRemoved,
                    });
                }
                continue;
            }
        }
        if !after_keys.contains(&step_key(step)) {
            changes.push(Change {
                host: step.host.clone(),
                address: step.address.clone(),
                step: Some(step.step),
                kind: ChangeKind::StepRemoved {
                    before: step.status,
                },
            });
        }
    }

    Comparison {
        previous_started_at: previous.started_at,
        current_started_at: current.started_at,
        verdict_before: previous.verdict,
        verdict_after: current.verdict,
        changes,
        unchanged,
    }
}
