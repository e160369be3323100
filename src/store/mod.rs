//! Files the app keeps: saved connectors, run history, the wizard's draft. Writes are atomic
//! (temporary file + rename); a file that cannot be read is set aside, never overwritten.
//!
//! - [`profiles`]: saved connectors (`Dirs.config/profiles/*.json`), import/export, the
//!   `Get-OutboundConnector | ConvertTo-Json` importer, and [`profiles::resolve_profile`] for
//!   the CLI's `--profile NAME_OR_FILE`.
//! - [`history`]: every run kept under `Dirs.data/history/` (bounded), the last run of a connector,
//!   and [`history::compare`] for "Changes since the last run".

pub mod history;
pub mod profiles;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::input_file::InputKind;

/// Where the app keeps its files, from the OS conventions (`directories`).
#[derive(Clone, Debug)]
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

impl Dirs {
    /// `CONNECTOR_DOCTOR_HOME` (used by tests and portable installs) overrides the OS folders.
    pub fn from_env() -> Option<Dirs> {
        if let Some(home) = std::env::var_os("CONNECTOR_DOCTOR_HOME") {
            let home = PathBuf::from(home);
            return Some(Dirs {
                config: home.join("config"),
                data: home.join("data"),
            });
        }
        let project = directories::ProjectDirs::from("org", "ConnectorDoctor", "connector-doctor")?;
        Some(Dirs {
            config: project.config_dir().to_path_buf(),
            data: project.data_dir().to_path_buf(),
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// The file was unreadable (corrupt or from a newer version); it was renamed to `set_aside`.
    #[error("{path} could not be read ({problem}); it was kept as {set_aside}")]
    SetAside {
        path: String,
        problem: String,
        set_aside: String,
    },
    /// A file that does not parse (or lacks its version). Left where it is: it is set aside
    /// only when the user acts on that very file (see [`set_aside`]).
    #[error("{path} could not be read ({problem}); it was left as it is")]
    Damaged { path: String, problem: String },
    /// A file written by a newer version of the tool. Never renamed, never overwritten: it
    /// belongs to that version.
    #[error(
        "{path} was written by a newer version of Connector Doctor (schema {version}, this one reads up to {max}); it was left as it is"
    )]
    Newer {
        path: String,
        version: u64,
        max: u32,
    },
    /// An entry larger than its cap: refused before anything is written.
    #[error("{path} was not written: {size} bytes is over the limit of {limit} bytes")]
    TooLarge { path: String, size: u64, limit: u64 },
    /// A file of the store that is too large, or not a regular file.
    #[error(transparent)]
    Input(#[from] crate::input_file::InputFileError),
    #[error("cannot encode: {0}")]
    Encode(String),
    /// No saved connector has this name.
    #[error("no saved connector is named {0:?}")]
    NotFound(String),
    /// Another saved connector already has this name.
    #[error("a saved connector is already named {0:?}")]
    AlreadyExists(String),
    /// A connector name must hold at least one visible character.
    #[error("{0:?} is not a usable name for a saved connector")]
    InvalidName(String),
    /// A file to import was read but not understood.
    #[error("{path} is not a connector file: {problem}")]
    Import { path: String, problem: String },
}

impl StoreError {
    /// The error in the user's language (ids `store-error-*` in `report.ftl`). Technical
    /// details (an OS error, a JSON parse position) stay as the system wrote them.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::tr_args;
        match self {
            StoreError::Write { path, source } => tr_args(
                lang,
                "store-error-write",
                &[("path", path.clone()), ("error", source.to_string())],
            ),
            StoreError::Read { path, source } => tr_args(
                lang,
                "store-error-read",
                &[("path", path.clone()), ("error", source.to_string())],
            ),
            StoreError::SetAside {
                path,
                problem,
                set_aside,
            } => tr_args(
                lang,
                "store-error-set-aside",
                &[
                    ("path", path.clone()),
                    ("problem", problem.clone()),
                    ("kept", set_aside.clone()),
                ],
            ),
            StoreError::Damaged { path, problem } => tr_args(
                lang,
                "store-error-damaged",
                &[("path", path.clone()), ("problem", problem.clone())],
            ),
            StoreError::Newer { path, version, max } => tr_args(
                lang,
                "store-error-newer",
                &[
                    ("path", path.clone()),
                    ("version", version.to_string()),
                    ("max", max.to_string()),
                ],
            ),
            StoreError::TooLarge { path, size, limit } => tr_args(
                lang,
                "store-error-too-large",
                &[
                    ("path", path.clone()),
                    ("size", size.div_ceil(1024).to_string()),
                    ("limit", limit.div_ceil(1024).to_string()),
                ],
            ),
            StoreError::Input(e) => crate::i18n::localize(lang, &e.message()),
            StoreError::Encode(problem) => {
                tr_args(lang, "store-error-encode", &[("error", problem.clone())])
            }
            StoreError::NotFound(name) => {
                tr_args(lang, "store-error-not-found", &[("name", name.clone())])
            }
            StoreError::AlreadyExists(name) => {
                tr_args(lang, "store-error-exists", &[("name", name.clone())])
            }
            StoreError::InvalidName(name) => {
                tr_args(lang, "store-error-invalid-name", &[("name", name.clone())])
            }
            StoreError::Import { path, problem } => tr_args(
                lang,
                "store-error-import",
                &[("path", path.clone()), ("problem", problem.clone())],
            ),
        }
    }
}

/// Distinguishes temporary files of threads that write in the same nanosecond.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over the target. A reader sees the old file or the new one, never a mix, and two
/// writers racing leave one whole file.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let err = |source| StoreError::Write {
        path: path.display().to_string(),
        source,
    };
    refuse_special_target(path).map_err(err)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(err)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_string());
    let unique = format!(
        ".{file_name}.{}.{}.{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    );
    let tmp = dir.join(unique);
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(err)
}

/// Checks, before any work, that [`atomic_write`] to `path` can succeed: the target is not a
/// folder, a pipe or a device (renaming over one would replace it), its folder exists or can be
/// created, and a file can be created there (a probe file, removed at once). Used to refuse a
/// `--report` path or an unwritable data folder before any network traffic.
pub fn check_writable(path: &Path) -> Result<(), StoreError> {
    let err = |source| StoreError::Write {
        path: path.display().to_string(),
        source,
    };
    refuse_special_target(path).map_err(err)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(err)?;
    let probe = dir.join(format!(
        ".connector-doctor-probe.{}.{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let created = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(err);
    let _ = fs::remove_file(&probe);
    created.map(drop)
}

/// A target that exists must be a regular file: a folder cannot be replaced, and a pipe or a
/// device must never be (as root, a rename would swap `/dev/full` for a plain file).
fn refuse_special_target(path: &Path) -> std::io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "this is a folder, not a file",
        )),
        Ok(meta) if !meta.is_file() && !meta.file_type().is_symlink() => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "this is not a regular file (a pipe or a device)",
        )),
        _ => Ok(()),
    }
}

/// Serialises `value` as pretty JSON and writes it atomically.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), StoreError> {
    let bytes = serde_json::to_vec_pretty(value).map_err(|e| StoreError::Encode(e.to_string()))?;
    atomic_write(path, &bytes)
}

/// Renames an unreadable file to `<name>.corrupt-<unix time>` so nothing is lost, and says where.
pub fn set_aside(path: &Path, problem: &str) -> StoreError {
    set_aside_as(path, problem, "corrupt")
}

/// Like [`set_aside`] with another tag: `<name>.<tag>-<unix time>` (e.g. `newer` for a file
/// written by a newer version). An earlier set-aside file of the same second is never replaced.
pub fn set_aside_as(path: &Path, problem: &str, tag: &str) -> StoreError {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut aside = PathBuf::new();
    for attempt in 0..1000u32 {
        let mut name = path.as_os_str().to_owned();
        match attempt {
            0 => name.push(format!(".{tag}-{stamp}")),
            n => name.push(format!(".{tag}-{stamp}-{n}")),
        }
        aside = PathBuf::from(name);
        if !aside.exists() {
            break;
        }
    }
    let set_aside = match fs::rename(path, &aside) {
        Ok(()) => aside.display().to_string(),
        Err(_) => path.display().to_string(),
    };
    StoreError::SetAside {
        path: path.display().to_string(),
        problem: problem.to_string(),
        set_aside,
    }
}

/// Reads a regular file of the store (at most [`InputKind::Store`] bytes). `Ok(None)` when it
/// does not exist.
pub fn read_store_file(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match crate::input_file::read_file(path, InputKind::Store) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(StoreError::Input(e)),
    }
}

/// Reads a JSON file the user is acting on (the wizard's draft, which it is about to replace).
/// `Ok(None)` when it does not exist; a file that does not parse is set aside (renamed, never
/// deleted) and reported as [`StoreError::SetAside`] with its new name.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, StoreError> {
    let Some(bytes) = read_store_file(path)? else {
        return Ok(None);
    };
    match serde_json::from_slice(&bytes) {
        Ok(v) => Ok(Some(v)),
        Err(e) => Err(set_aside(path, &e.to_string())),
    }
}

/// Reads a JSON file that carries a `schema_version` field, touching nothing. `Ok(None)` when
/// it does not exist. A file that does not parse or has no version is [`StoreError::Damaged`];
/// one written by a newer version (above `max_version`) is [`StoreError::Newer`]. Neither is
/// renamed here: the caller sets a damaged file aside only when the user acts on that file, and
/// a newer file is never renamed (it belongs to the newer version).
pub fn read_json_versioned<T: DeserializeOwned>(
    path: &Path,
    max_version: u32,
) -> Result<Option<T>, StoreError> {
    let Some(bytes) = read_store_file(path)? else {
        return Ok(None);
    };
    let damaged = |problem: String| StoreError::Damaged {
        path: path.display().to_string(),
        problem,
    };
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
    match value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
    {
        None => return Err(damaged("no schema_version field".to_string())),
        Some(version) if version > u64::from(max_version) => {
            return Err(StoreError::Newer {
                path: path.display().to_string(),
                version,
                max: max_version,
            });
        }
        Some(_) => {}
    }
    serde_json::from_value(value)
        .map(Some)
        .map_err(|e| damaged(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_file_is_set_aside_not_lost() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("draft.json");
        fs::write(&path, b"{ not json").expect("write");
        let err = read_json::<serde_json::Value>(&path).expect_err("corrupt");
        let StoreError::SetAside { set_aside, .. } = err else {
            panic!("expected SetAside, got {err:?}");
        };
        assert!(!path.exists());
        assert_eq!(fs::read(&set_aside).expect("kept"), b"{ not json");
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a").join("x.json");
        write_json(&path, &vec![1, 2, 3]).expect("write");
        write_json(&path, &vec![4]).expect("rewrite");
        let back: Option<Vec<i32>> = read_json(&path).expect("read");
        assert_eq!(back, Some(vec![4]));
        let leftovers = fs::read_dir(dir.path().join("a")).expect("dir").count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }
}
