//! The wizard's form as typed, kept in the OS config dir so nothing is lost between sessions:
//! saved off the UI thread a moment after each change, and once more on exit.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::checks::Message;
use crate::i18n::Lang;
use crate::model::{CheckOptions, CheckRequest, Connector, split_host_list};
use crate::store::{self, Dirs, StoreError};

/// Bumped when the meaning of a field changes; a file from a newer version is set aside.
pub const DRAFT_VERSION: u32 = 1;
pub const DRAFT_FILE: &str = "draft.json";
/// Typing keeps postponing the write; it happens once the person pauses this long.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(400);

/// Everything the person typed, as typed (including rows that do not parse yet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub version: u32,
    /// The language chosen in the wizard; `None` until the person picks one.
    pub lang: Option<Lang>,
    pub connector: Connector,
    pub options: CheckOptions,
    /// `RecipientDomains` as typed ("contoso.com, *.contoso.com").
    pub recipient_domains_text: String,
    /// Extra CA file path as typed.
    pub ca_file_text: String,
    /// The DNSSEC trust-anchor file path as typed (domain security).
    pub trust_anchor_text: String,
    /// The next certificate's path as typed (DANE renewal pre-flight).
    pub next_certificate_text: String,
    /// The 5.7.64 diagnosis form, as typed.
    pub tenant: super::tenant::draft::TenantDraft,
    /// The text pasted on the error explainer page.
    pub explain_text: String,
    /// Light, dark, or the system's (the header's toggle).
    pub theme: ThemeChoice,
    /// The window's inner size when it was last drawn, in points: it opens at that size again.
    pub window_size: Option<[u32; 2]>,
}

/// A file the Security page names by path (typed, or chosen with Browse…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFile {
    /// An extra CA to trust.
    CaFile,
    /// DNSSEC trust anchors for labs and private zones (DS or DNSKEY lines).
    TrustAnchor,
    /// The certificate about to be installed (DANE renewal pre-flight).
    NextCertificate,
}

impl InputFile {
    /// The path as typed in `draft`.
    pub fn text_mut(self, draft: &mut Draft) -> &mut String {
        match self {
            InputFile::CaFile => &mut draft.ca_file_text,
            InputFile::TrustAnchor => &mut draft.trust_anchor_text,
            InputFile::NextCertificate => &mut draft.next_certificate_text,
        }
    }

    /// The field's label, also the file dialog's title.
    pub fn label_id(self) -> &'static str {
        match self {
            InputFile::CaFile => "ui-ca-file",
            InputFile::TrustAnchor => "ui-trust-anchor-file",
            InputFile::NextCertificate => "ui-next-certificate-file",
        }
    }

    /// The title of the path field shown when no file dialog opens.
    pub fn path_title_id(self) -> &'static str {
        match self {
            InputFile::CaFile => "ui-path-title-ca-file",
            InputFile::TrustAnchor => "ui-path-title-trust-anchor",
            InputFile::NextCertificate => "ui-path-title-next-certificate",
        }
    }

    /// The dialog's file filter: a name and extensions.
    pub fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            InputFile::CaFile | InputFile::NextCertificate => {
                ("PEM / DER", &["pem", "crt", "cer", "der"])
            }
            InputFile::TrustAnchor => ("DS / DNSKEY", &["txt", "key", "ds", "anchor"]),
        }
    }
}

/// The header's theme toggle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeChoice {
    /// Follow the operating system's light or dark mode.
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn preference(self) -> eframe::egui::ThemePreference {
        use eframe::egui::ThemePreference;
        match self {
            ThemeChoice::System => ThemePreference::System,
            ThemeChoice::Light => ThemePreference::Light,
            ThemeChoice::Dark => ThemePreference::Dark,
        }
    }

    pub fn label_id(self) -> &'static str {
        match self {
            ThemeChoice::System => "ui-theme-system",
            ThemeChoice::Light => "ui-theme-light",
            ThemeChoice::Dark => "ui-theme-dark",
        }
    }
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            version: DRAFT_VERSION,
            lang: None,
            connector: Connector::default(),
            options: CheckOptions::default(),
            recipient_domains_text: String::new(),
            ca_file_text: String::new(),
            trust_anchor_text: String::new(),
            next_certificate_text: String::new(),
            tenant: super::tenant::draft::TenantDraft::default(),
            explain_text: String::new(),
            theme: ThemeChoice::System,
            window_size: None,
        }
    }
}

impl Draft {
    /// The typed text fields are the truth; this copies them into the structured fields.
    pub fn sync_typed_fields(&mut self) {
        let domains = split_host_list(&self.recipient_domains_text);
        if self.connector.recipient_domains != domains {
            self.connector.recipient_domains = domains;
        }
        let path = |text: &str| {
            Some(text.trim())
                .filter(|t| !t.is_empty())
                .map(PathBuf::from)
        };
        let ca_file = path(&self.ca_file_text);
        if self.options.ca_file != ca_file {
            self.options.ca_file = ca_file;
        }
        let anchor = path(&self.trust_anchor_text);
        if self.options.dnssec_trust_anchor != anchor {
            self.options.dnssec_trust_anchor = anchor;
        }
        let next = path(&self.next_certificate_text);
        if self.options.dane_next_certificate != next {
            self.options.dane_next_certificate = next;
        }
    }

    /// Fills the typed fields from a draft written with only the structured ones.
    fn fill_typed_fields(&mut self) {
        if self.recipient_domains_text.is_empty() && !self.connector.recipient_domains.is_empty() {
            self.recipient_domains_text = self.connector.recipient_domains.join(", ");
        }
        for (text, path) in [
            (&mut self.ca_file_text, &self.options.ca_file),
            (
                &mut self.trust_anchor_text,
                &self.options.dnssec_trust_anchor,
            ),
            (
                &mut self.next_certificate_text,
                &self.options.dane_next_certificate,
            ),
        ] {
            if text.is_empty()
                && let Some(path) = path
            {
                *text = path.display().to_string();
            }
        }
    }

    /// What the engine gets: the form without its blank rows.
    pub fn request(&self) -> CheckRequest {
        let mut draft = self.clone();
        draft.sync_typed_fields();
        let mut connector = draft.connector;
        connector.smart_hosts = connector
            .smart_hosts
            .iter()
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .collect();
        connector.tls_domain = connector.tls_domain.trim().to_string();
        connector.test_address = connector.test_address.trim().to_string();
        connector.mail_from = connector.mail_from.trim().to_string();
        CheckRequest {
            connector,
            options: draft.options,
        }
    }
}

/// Where the draft lives and the bookkeeping of the debounced, ordered writes.
pub struct DraftStore {
    path: Option<PathBuf>,
    /// Generation of the newest snapshot handed to a writer.
    generation: u64,
    /// Generation of the newest snapshot on disk: an older write finishing late is skipped.
    written: Arc<Mutex<u64>>,
    dirty_since: Option<Instant>,
    saved: Draft,
}

/// The outcome of loading: the draft and, when something went wrong, a message for the person.
pub struct Loaded {
    pub store: DraftStore,
    pub draft: Draft,
    pub notice: Option<Message>,
}

impl DraftStore {
    /// Reads the draft; a corrupt or newer file is set aside (never overwritten) with a notice.
    pub fn load(dirs: Option<&Dirs>) -> Loaded {
        let Some(dirs) = dirs else {
            return Loaded {
                store: DraftStore::new(None, Draft::default()),
                draft: Draft::default(),
                notice: Some(Message::new("ui-notice-no-config-dir")),
            };
        };
        let path = dirs.config.join(DRAFT_FILE);
        let (draft, notice) = match store::read_json::<Draft>(&path) {
            Ok(Some(draft)) if draft.version > DRAFT_VERSION => {
                let notice = set_aside_notice(store::set_aside(&path, "newer version"));
                (Draft::default(), Some(notice))
            }
            Ok(Some(mut draft)) => {
                draft.fill_typed_fields();
                (draft, None)
            }
            Ok(None) => (Draft::default(), None),
            Err(err) => (Draft::default(), Some(set_aside_notice(err))),
        };
        Loaded {
            store: DraftStore::new(Some(path), draft.clone()),
            draft,
            notice,
        }
    }

    fn new(path: Option<PathBuf>, saved: Draft) -> DraftStore {
        DraftStore {
            path,
            generation: 0,
            written: Arc::new(Mutex::new(0)),
            dirty_since: None,
            saved,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Called every frame with the current form; starts the debounce clock on a change.
    pub fn observe(&mut self, draft: &Draft, now: Instant) {
        if *draft != self.saved {
            self.saved = draft.clone();
            self.dirty_since = Some(now);
        }
    }

    /// How long until a pending write is due (for `request_repaint_after`).
    pub fn due_in(&self, now: Instant) -> Option<Duration> {
        self.dirty_since
            .map(|since| SAVE_DEBOUNCE.saturating_sub(now.duration_since(since)))
    }

    /// A snapshot to write now, if the debounce has elapsed. The caller writes it off the UI
    /// thread with [`PendingWrite::write`].
    pub fn take_due(&mut self, now: Instant) -> Option<PendingWrite> {
        let since = self.dirty_since?;
        if now.duration_since(since) < SAVE_DEBOUNCE {
            return None;
        }
        self.take_pending()
    }

    /// A snapshot to write whatever the debounce says (on exit).
    pub fn take_pending(&mut self) -> Option<PendingWrite> {
        self.dirty_since = None;
        let path = self.path.clone()?;
        self.generation += 1;
        Some(PendingWrite {
            path,
            generation: self.generation,
            written: Arc::clone(&self.written),
            draft: self.saved.clone(),
        })
    }
}

/// One snapshot of the draft on its way to disk.
pub struct PendingWrite {
    path: PathBuf,
    generation: u64,
    written: Arc<Mutex<u64>>,
    draft: Draft,
}

impl PendingWrite {
    /// Writes atomically unless a newer snapshot is already on disk. Blocking: run it with
    /// `spawn_blocking` (or on exit).
    pub fn write(self) -> Result<(), StoreError> {
        let mut written = match self.written.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if *written >= self.generation {
            return Ok(());
        }
        store::write_json(&self.path, &self.draft)?;
        *written = self.generation;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn set_aside_notice(err: StoreError) -> Message {
    match err {
        StoreError::SetAside { set_aside, .. } => {
            Message::new("ui-notice-draft-set-aside").arg("path", set_aside)
        }
        StoreError::Read { path, .. } | StoreError::Write { path, .. } => {
            Message::new("ui-notice-draft-unreadable").arg("path", path)
        }
        other => Message::new("ui-notice-draft-unreadable").arg("path", other.to_string()),
    }
}
