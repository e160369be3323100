//! Saved connectors ("profiles"): name and save a [`Connector`], list, load, rename, delete,
//! export to a file and import from one — our own connector file, a bare `Connector` JSON, or the
//! JSON of `Get-OutboundConnector | ConvertTo-Json` (one object or an array).
//!
//! Storage: `Dirs.config/profiles/<slug>.json`, one file per connector, holding a
//! [`ProfileFile`] (`schema_version`, display `name`, `saved_at`, `connector`). The slug is a
//! file-name-safe form of the name; the display name inside the file is what counts.
//! Every write is atomic. A damaged file or one from a newer version is listed in
//! [`ProfileList::problems`] and left as it is, never overwritten: a newer file is never renamed
//! (it belongs to the newer version), a damaged one is set aside ([`StoreError::SetAside`], with
//! its new name) only when the user opens that saved connector by name.
//!
//! For the GUI:
//! ```ignore
//! let profiles = Profiles::new(&dirs);
//! let list = profiles.list();                  // list.profiles (sorted), list.problems (show them)
//! profiles.save("Contoso outbound", &connector)?;
//! let saved = profiles.load("Contoso outbound")?;   // saved.connector
//! profiles.rename("Contoso outbound", "Contoso EU")?;
//! profiles.delete("Contoso EU")?;
//! profiles.export("Contoso EU", Path::new("contoso.json"))?;
//! let imported = read_connector_file(Path::new("Get-OutboundConnector.json"))?;
//! for item in imported { /* item.connector, item.notes: Vec<Message> to localize */ }
//! ```
//! For the CLI: [`resolve_profile`] (`--profile NAME_OR_FILE`).

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Dirs, StoreError, read_json_versioned, write_json};
use crate::checks::Message;
use crate::i18n::{self, Lang};
use crate::model::{Connector, ConnectorType, TlsPolicy, parse_smart_host, split_host_list};

/// Version of [`ProfileFile`]; files with a higher number are left alone, never overwritten.
pub const PROFILE_SCHEMA_VERSION: u32 = 1;
/// `kind` of our connector files, so an import can recognise them.
pub const PROFILE_KIND: &str = "connector-doctor-connector";
/// Longest slug used as a file name (the display name itself may be longer).
const MAX_SLUG_LEN: usize = 60;
/// Longest display name kept.
const MAX_NAME_CHARS: usize = 200;

/// The JSON of one saved connector (also the format of an exported connector file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileFile {
    pub schema_version: u32,
    #[serde(default)]
    pub kind: String,
    /// Display name, as the user typed it.
    pub name: String,
    /// When the file was written (RFC 3339 in the file).
    #[serde(default, with = "saved_at_serde")]
    pub saved_at: Option<time::OffsetDateTime>,
    pub connector: Connector,
}

/// `saved_at` only tells the user when a connector was saved: a file without it, or with a value
/// that is not RFC 3339 (edited by hand), still loads, with no date shown.
mod saved_at_serde {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    pub fn serialize<S: Serializer>(
        t: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        time::serde::rfc3339::option::serialize(t, serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        let text: Option<String> = Option::deserialize(deserializer)?;
        Ok(text.and_then(|t| OffsetDateTime::parse(&t, &Rfc3339).ok()))
    }
}

/// A saved connector as found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedProfile {
    pub name: String,
    pub path: PathBuf,
    pub saved_at: Option<time::OffsetDateTime>,
    pub connector: Connector,
}

/// Result of [`Profiles::list`]: the readable profiles (sorted by name, case-insensitive) and the
/// files that could not be used, left as they are (show each `problems[i].localized(lang)`).
#[derive(Debug, Default)]
pub struct ProfileList {
    pub profiles: Vec<SavedProfile>,
    pub problems: Vec<StoreError>,
}

impl ProfileList {
    pub fn names(&self) -> Vec<String> {
        self.profiles.iter().map(|p| p.name.clone()).collect()
    }
}

/// Result of a save or rename: where the file is, and any unreadable file met on the way (left
/// as it is).
#[derive(Debug)]
pub struct Saved {
    pub path: PathBuf,
    pub problems: Vec<StoreError>,
}

/// The saved connectors in one folder.
#[derive(Clone, Debug)]
pub struct Profiles {
    dir: PathBuf,
}

impl Profiles {
    /// `Dirs.config/profiles`.
    pub fn new(dirs: &Dirs) -> Profiles {
        Profiles {
            dir: dirs.config.join("profiles"),
        }
    }

    /// Profiles kept in any folder (tests).
    pub fn in_dir(dir: impl Into<PathBuf>) -> Profiles {
        Profiles { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every readable saved connector. Unreadable files and files of a newer version are
    /// reported in `problems` and left untouched; a missing folder is an empty list.
    pub fn list(&self) -> ProfileList {
        let mut list = ProfileList::default();
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return list,
            Err(source) => {
                list.problems.push(StoreError::Read {
                    path: self.dir.display().to_string(),
                    source,
                });
                return list;
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_profile_file(p))
            .collect();
        paths.sort();
        for path in paths {
            match read_json_versioned::<ProfileFile>(&path, PROFILE_SCHEMA_VERSION) {
                // Deleted or renamed by another window meanwhile.
                Ok(None) => {}
                Ok(Some(file)) => list.profiles.push(SavedProfile {
                    name: file.name,
                    path,
                    saved_at: file.saved_at,
                    connector: file.connector,
                }),
                Err(e) => list.problems.push(e),
            }
        }
        list.profiles
            .sort_by_key(|p| (p.name.to_lowercase(), p.name.clone()));
        list
    }

    /// The saved connector with this name: exact match first, then ignoring case. When none
    /// matches and the file this name would be saved in is damaged, the user is opening that
    /// file: it is set aside (renamed, [`StoreError::SetAside`] says to what); a file of that
    /// name from a newer version is left as it is ([`StoreError::Newer`]). Nothing else is
    /// touched.
    pub fn load(&self, name: &str) -> Result<SavedProfile, StoreError> {
        let name = clean_name(name)?;
        let list = self.list();
        if let Some(found) = find_by_name(&list.profiles, &name) {
            return Ok(found.clone());
        }
        let own_file = self.dir.join(format!("{}.json", slug(&name)));
        match read_json_versioned::<ProfileFile>(&own_file, PROFILE_SCHEMA_VERSION) {
            Err(StoreError::Damaged { problem, .. }) => Err(super::set_aside(&own_file, &problem)),
            Err(newer @ StoreError::Newer { .. }) => Err(newer),
            _ => Err(StoreError::NotFound(name)),
        }
    }

    /// Saves `connector` under `name`, replacing the saved connector of that name if there is
    /// one. The stored connector's `name` field is set to `name` (the history keys runs by it).
    pub fn save(&self, name: &str, connector: &Connector) -> Result<Saved, StoreError> {
        let name = clean_name(name)?;
        let list = self.list();
        // The same name in another case is the same profile, saved under the new spelling.
        let path = match find_by_name(&list.profiles, &name) {
            Some(existing) => existing.path.clone(),
            None => self.free_path(&name),
        };
        self.write(&path, &name, connector)?;
        Ok(Saved {
            path,
            problems: list.problems,
        })
    }

    /// Renames a saved connector. The new file is written before the old one is removed, so a
    /// crash in between leaves two copies, never none.
    pub fn rename(&self, old: &str, new: &str) -> Result<Saved, StoreError> {
        let old = clean_name(old)?;
        let new = clean_name(new)?;
        let list = self.list();
        let current = find_by_name(&list.profiles, &old)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(old.clone()))?;
        if let Some(other) = find_by_name(&list.profiles, &new)
            && other.path != current.path
        {
            return Err(StoreError::AlreadyExists(new));
        }
        let path = if slug(&new) == slug(&current.name) {
            current.path.clone()
        } else {
            self.free_path(&new)
        };
        self.write(&path, &new, &current.connector)?;
        if path != current.path {
            remove_if_present(&current.path)?;
        }
        Ok(Saved {
            path,
            problems: list.problems,
        })
    }

    /// Deletes a saved connector.
    pub fn delete(&self, name: &str) -> Result<(), StoreError> {
        let saved = self.load(name)?;
        remove_if_present(&saved.path)
    }

    /// Writes a saved connector to `path` as a connector file (the same format, importable).
    pub fn export(&self, name: &str, path: &Path) -> Result<(), StoreError> {
        let saved = self.load(name)?;
        export_connector(path, &saved.name, &saved.connector)
    }

    /// `base`, or `base (2)`, `base (3)`… whichever is not taken yet (for imports).
    pub fn unique_name(&self, base: &str) -> String {
        let base = base.trim();
        let base = if base.is_empty() { "Connector" } else { base };
        let list = self.list();
        if find_by_name(&list.profiles, base).is_none() {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|candidate| find_by_name(&list.profiles, candidate).is_none())
            .unwrap_or_else(|| base.to_string())
    }

    fn write(&self, path: &Path, name: &str, connector: &Connector) -> Result<(), StoreError> {
        let mut connector = connector.clone();
        connector.name = name.to_string();
        let file = ProfileFile {
            schema_version: PROFILE_SCHEMA_VERSION,
            kind: PROFILE_KIND.to_string(),
            name: name.to_string(),
            saved_at: Some(time::OffsetDateTime::now_utc()),
            connector,
        };
        write_json(path, &file)
    }

    /// A file name for a new profile: its slug, or `slug-2`… when a file of another connector
    /// (or a damaged or newer file, left as it is) already uses it. A file is read afresh when it exists: another
    /// window may have just saved the same name there, and then that file is the one to replace.
    fn free_path(&self, name: &str) -> PathBuf {
        let base = slug(name);
        let lower = name.to_lowercase();
        (1..)
            .map(|n| match n {
                1 => self.dir.join(format!("{base}.json")),
                n => self.dir.join(format!("{base}-{n}.json")),
            })
            .find(|path| {
                match read_json_versioned::<ProfileFile>(path, PROFILE_SCHEMA_VERSION) {
                    Ok(None) => true,
                    Ok(Some(file)) => file.name.to_lowercase() == lower,
                    // Damaged, newer or unreadable: never overwritten, take the next name.
                    Err(_) => false,
                }
            })
            .unwrap_or_else(|| self.dir.join(format!("{base}.json")))
    }
}

/// Writes `connector` to `path` as a connector file named `name` (atomic).
pub fn export_connector(path: &Path, name: &str, connector: &Connector) -> Result<(), StoreError> {
    let mut connector = connector.clone();
    if !name.trim().is_empty() {
        connector.name = name.trim().to_string();
    }
    let file = ProfileFile {
        schema_version: PROFILE_SCHEMA_VERSION,
        kind: PROFILE_KIND.to_string(),
        name: connector.name.clone(),
        saved_at: Some(time::OffsetDateTime::now_utc()),
        connector,
    };
    write_json(path, &file)
}

fn is_profile_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !name.starts_with('.') && name.ends_with(".json")
}

fn find_by_name<'a>(profiles: &'a [SavedProfile], name: &str) -> Option<&'a SavedProfile> {
    profiles.iter().find(|p| p.name == name).or_else(|| {
        let lower = name.to_lowercase();
        profiles.iter().find(|p| p.name.to_lowercase() == lower)
    })
}

fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StoreError::Write {
            path: path.display().to_string(),
            source,
        }),
    }
}

/// Trims, drops control characters, bounds the length; an empty result is refused.
fn clean_name(name: &str) -> Result<String, StoreError> {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.is_empty() {
        return Err(StoreError::InvalidName(name.to_string()));
    }
    Ok(cleaned)
}

/// File-name-safe form of a name: lower-case ASCII letters, digits and `-`; accents dropped to
/// their base letter where simple, anything else becomes `-`. Never empty, never a reserved
/// Windows device name.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'a'..='z' | '0'..='9' => Some(c),
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => Some('a'),
            'ç' => Some('c'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ñ' => Some('n'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            'ý' | 'ÿ' => Some('y'),
            _ => None,
        };
        match mapped {
            Some(c) => out.push(c),
            None if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            None => {}
        }
        if out.len() >= MAX_SLUG_LEN {
            break;
        }
    }
    let trimmed = out.trim_matches('-').to_string();
    const RESERVED: [&str; 6] = ["con", "prn", "aux", "nul", "com1", "lpt1"];
    if trimmed.is_empty() {
        "connector".to_string()
    } else if RESERVED.contains(&trimmed.as_str()) {
        format!("{trimmed}-connector")
    } else {
        trimmed
    }
}

// ---------------------------------------------------------------------------------------------
// Import

/// Where an imported connector came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportSource {
    /// A file written by [`export_connector`] or a saved profile.
    ConnectorFile,
    /// A bare `Connector` JSON (the `connector` part of our file).
    BareConnector,
    /// `Get-OutboundConnector | ConvertTo-Json`.
    PowerShell,
}

/// One connector read from a file, with what could not be used (fluent messages in
/// `report.ftl`, ids `import-*`; show them with `i18n::localize`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedConnector {
    pub connector: Connector,
    pub source: ImportSource,
    pub notes: Vec<Message>,
}

/// Reads a connector file of any supported kind (see [`parse_connector_json`]): a regular file
/// of at most [`InputKind::Json`](crate::input_file::InputKind) bytes (a pipe, a device or a
/// folder is refused before it is opened).
pub fn read_connector_file(path: &Path) -> Result<Vec<ImportedConnector>, StoreError> {
    let bytes = crate::input_file::read_file(path, crate::input_file::InputKind::Json)?;
    let text = crate::powershell::decode_text(&bytes).map_err(|e| StoreError::Import {
        path: path.display().to_string(),
        problem: e.to_string(),
    })?;
    parse_connector_json(&text).map_err(|problem| StoreError::Import {
        path: path.display().to_string(),
        problem,
    })
}

/// Parses our connector file, a bare `Connector`, or `Get-OutboundConnector | ConvertTo-Json`
/// output (one object or an array of them). The error is a short English reason.
pub fn parse_connector_json(text: &str) -> Result<Vec<ImportedConnector>, String> {
    let value: Value = serde_json::from_str(text.trim()).map_err(|e| format!("not JSON ({e})"))?;
    let items: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) => vec![&value],
        _ => return Err("expected a JSON object or an array of objects".to_string()),
    };
    let mut out = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let Value::Object(map) = item else {
            return Err(format!("item {} is not an object", index + 1));
        };
        if map.contains_key("connector") && map.contains_key("schema_version") {
            let version = map
                .get("schema_version")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            if version > u64::from(PROFILE_SCHEMA_VERSION) {
                return Err(format!(
                    "written by a newer version of Connector Doctor (schema {version})"
                ));
            }
            let file: ProfileFile = serde_json::from_value(item.clone())
                .map_err(|e| format!("connector file not understood ({e})"))?;
            let mut connector = file.connector;
            if connector.name.trim().is_empty() {
                connector.name = file.name;
            }
            out.push(ImportedConnector {
                connector,
                source: ImportSource::ConnectorFile,
                notes: Vec::new(),
            });
        } else if looks_like_powershell(map) {
            out.push(from_outbound_connector(map));
        } else if map.contains_key("smart_hosts") || map.contains_key("tls_settings") {
            let connector: Connector = serde_json::from_value(item.clone())
                .map_err(|e| format!("connector not understood ({e})"))?;
            out.push(ImportedConnector {
                connector,
                source: ImportSource::BareConnector,
                notes: Vec::new(),
            });
        } else {
            return Err(format!(
                "item {} is neither a connector file nor Get-OutboundConnector output",
                index + 1
            ));
        }
    }
    Ok(out)
}

/// Properties of `Get-OutboundConnector` this tool reads (lower-case: PowerShell ignores case).
const POWERSHELL_KEYS: [&str; 8] = [
    "name",
    "smarthosts",
    "recipientdomains",
    "tlssettings",
    "tlsdomain",
    "usemxrecord",
    "connectortype",
    "validationrecipients",
];

fn looks_like_powershell(map: &serde_json::Map<String, Value>) -> bool {
    map.keys().any(|k| {
        let k = k.to_ascii_lowercase();
        k != "name" && POWERSHELL_KEYS.contains(&k.as_str())
    })
}

fn get_ci<'a>(map: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// Short, single-line form of a JSON value for a note.
fn brief(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut out: String = text.chars().filter(|c| !c.is_control()).take(80).collect();
    if text.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// A string, or the first usable text field of a PowerShell object (`Address`, `Domain`…).
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(map) => {
            // SmtpDomainWithSubdomains: {"Domain": "contoso.com", "IncludeSubDomains": true}.
            if let (Some(domain), Some(Value::Bool(true))) = (
                get_ci(map, "Domain").and_then(text_of),
                get_ci(map, "IncludeSubDomains"),
            ) && !domain.starts_with('*')
            {
                return Some(format!("*.{domain}"));
            }
            [
                "Address",
                "Domain",
                "HostnameString",
                "Hostname",
                "Fqdn",
                "SmtpDomain",
                "Value",
            ]
            .iter()
            .find_map(|key| get_ci(map, key).and_then(text_of))
        }
        _ => None,
    }
}

/// Items of a multi-valued property: an array, a single value, or a comma-separated string.
fn items_of(value: &Value) -> Vec<&Value> {
    match value {
        Value::Null => Vec::new(),
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

fn from_outbound_connector(map: &serde_json::Map<String, Value>) -> ImportedConnector {
    let mut notes = Vec::new();
    let mut connector = Connector {
        name: get_ci(map, "Name")
            .and_then(text_of)
            .or_else(|| get_ci(map, "Identity").and_then(text_of))
            .unwrap_or_default(),
        ..Connector::default()
    };

    if let Some(value) = get_ci(map, "SmartHosts") {
        for item in items_of(value) {
            let Some(text) = text_of(item) else {
                notes.push(Message::new("import-smart-host-unreadable").arg("value", brief(item)));
                continue;
            };
            for host in split_host_list(&text) {
                if host.contains('/') && !host.contains("://") {
                    notes.push(Message::new("import-smart-host-range").arg("value", &host));
                } else {
                    if parse_smart_host(&host).is_err() {
                        notes.push(Message::new("import-smart-host-invalid").arg("value", &host));
                    }
                    connector.smart_hosts.push(host);
                }
            }
        }
    }

    if let Some(value) = get_ci(map, "RecipientDomains") {
        for item in items_of(value) {
            match text_of(item) {
                Some(text) => connector.recipient_domains.extend(split_host_list(&text)),
                None => {
                    notes.push(Message::new("import-domain-unreadable").arg("value", brief(item)))
                }
            }
        }
    }

    match get_ci(map, "TlsSettings") {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) => {
            notes.push(Message::new("import-tls-numeric").arg("value", n));
        }
        Some(value) => match text_of(value).as_deref().map(TlsPolicy::parse) {
            Some(Some(policy)) => connector.tls_settings = policy,
            _ => notes.push(Message::new("import-tls-unknown").arg("value", brief(value))),
        },
    }

    if let Some(value) = get_ci(map, "TlsDomain") {
        connector.tls_domain = text_of(value).unwrap_or_default();
    }

    match get_ci(map, "UseMXRecord") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => connector.use_mx_record = *b,
        Some(value) => match text_of(value).map(|t| t.to_ascii_lowercase()).as_deref() {
            Some("true" | "$true" | "1") => connector.use_mx_record = true,
            Some("false" | "$false" | "0") => connector.use_mx_record = false,
            _ => notes.push(Message::new("import-mx-unreadable").arg("value", brief(value))),
        },
    }

    match get_ci(map, "ConnectorType") {
        None | Some(Value::Null) => {}
        Some(value) => match text_of(value).map(|t| t.to_ascii_lowercase()).as_deref() {
            Some("onpremises" | "on-premises") => {
                connector.connector_type = ConnectorType::OnPremises
            }
            Some("partner") => connector.connector_type = ConnectorType::Partner,
            _ => notes.push(Message::new("import-type-unknown").arg("value", brief(value))),
        },
    }

    if let Some(value) = get_ci(map, "ValidationRecipients") {
        let addresses: Vec<String> = items_of(value).into_iter().filter_map(text_of).collect();
        if let Some(first) = addresses.first() {
            connector.test_address = first.clone();
            if addresses.len() > 1 {
                notes.push(
                    Message::new("import-validation-recipients")
                        .arg("count", addresses.len())
                        .arg("address", first),
                );
            }
        }
    }

    let mut unused: Vec<&str> = map
        .iter()
        .filter(|(k, v)| {
            !POWERSHELL_KEYS.contains(&k.to_ascii_lowercase().as_str())
                && !k.eq_ignore_ascii_case("Identity")
                && !matches!(v, Value::Null)
                && v.as_str() != Some("")
                && v.as_array().is_none_or(|a| !a.is_empty())
        })
        .map(|(k, _)| k.as_str())
        .collect();
    unused.sort_unstable();
    if !unused.is_empty() {
        const SHOWN: usize = 12;
        let mut names = unused
            .iter()
            .take(SHOWN)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if unused.len() > SHOWN {
            names.push_str(&format!(" (+{})", unused.len() - SHOWN));
        }
        notes.push(Message::new("import-unused").arg("names", names));
    }

    ImportedConnector {
        connector,
        source: ImportSource::PowerShell,
        notes,
    }
}

// ---------------------------------------------------------------------------------------------
// The CLI's --profile

/// `--profile NAME_OR_FILE`: an existing file is read as a connector file; otherwise a saved
/// connector of that name (from [`Dirs::from_env`]). Errors name both tries, in `lang`.
pub fn resolve_profile(name_or_file: &str, lang: Lang) -> Result<Connector, String> {
    match Dirs::from_env() {
        Some(dirs) => resolve_profile_in(&dirs, name_or_file, lang),
        None => resolve_file_or(name_or_file, lang, || {
            Err(i18n::tr_args(
                lang,
                "profile-not-found",
                &[
                    ("file", name_or_file.to_string()),
                    ("name", name_or_file.to_string()),
                    ("available", i18n::tr(lang, "profile-none-saved")),
                ],
            ))
        }),
    }
}

/// [`resolve_profile`] with explicit folders and language.
pub fn resolve_profile_in(
    dirs: &Dirs,
    name_or_file: &str,
    lang: Lang,
) -> Result<Connector, String> {
    resolve_file_or(name_or_file, lang, || {
        let profiles = Profiles::new(dirs);
        match profiles.load(name_or_file) {
            Ok(saved) => Ok(saved.connector),
            Err(StoreError::NotFound(_) | StoreError::InvalidName(_)) => {
                let list = profiles.list();
                let names = list.names();
                let available = if names.is_empty() {
                    i18n::tr(lang, "profile-none-saved")
                } else {
                    names.join(", ")
                };
                let mut message = i18n::tr_args(
                    lang,
                    "profile-not-found",
                    &[
                        ("file", name_or_file.to_string()),
                        ("name", name_or_file.to_string()),
                        ("available", available),
                    ],
                );
                // Files that could not be read are listed (they may hold the connector asked
                // for), not renamed: the user did not open any of them.
                if !list.problems.is_empty() {
                    message.push('\n');
                    message.push_str(&unreadable_files_note(&list.problems, lang));
                }
                Err(message)
            }
            Err(other) => Err(other.localized(lang)),
        }
    })
}

/// "N files could not be used: a.json, b.json…" (the first few names).
fn unreadable_files_note(problems: &[StoreError], lang: Lang) -> String {
    const SHOWN: usize = 5;
    let mut names: Vec<String> = problems
        .iter()
        .take(SHOWN)
        .map(|p| match p {
            StoreError::Damaged { path, .. }
            | StoreError::Newer { path, .. }
            | StoreError::Read { path, .. } => file_name_of(path),
            other => other.localized(lang),
        })
        .collect();
    if problems.len() > SHOWN {
        names.push(format!("(+{})", problems.len() - SHOWN));
    }
    i18n::tr_args(
        lang,
        "profile-unreadable-files",
        &[
            ("count", problems.len().to_string()),
            ("names", names.join(", ")),
        ],
    )
}

fn file_name_of(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

fn resolve_file_or(
    name_or_file: &str,
    lang: Lang,
    by_name: impl FnOnce() -> Result<Connector, String>,
) -> Result<Connector, String> {
    let path = Path::new(name_or_file);
    // A folder is not a connector file: the text may be a saved connector's name. Anything else
    // that exists (a file, a pipe, a device) is read as a file, and the bounded reader refuses
    // what is not a regular file instead of waiting on it.
    match fs::metadata(path) {
        Ok(meta) if !meta.is_dir() => {}
        _ => return by_name(),
    }
    let file = path.display().to_string();
    let imported = read_connector_file(path).map_err(|e| {
        i18n::tr_args(
            lang,
            "profile-file-unreadable",
            &[("file", file.clone()), ("problem", e.localized(lang))],
        )
    })?;
    match imported.as_slice() {
        [] => Err(i18n::tr_args(lang, "profile-file-empty", &[("file", file)])),
        [one] => Ok(one.connector.clone()),
        many => Err(i18n::tr_args(
            lang,
            "profile-file-several",
            &[
                ("file", file),
                ("count", many.len().to_string()),
                (
                    "names",
                    many.iter()
                        .map(|i| i.connector.name.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ],
        )),
    }
}
