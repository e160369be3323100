//! One bounded reader for every file and stream the program takes (certificates, CA files, JSON
//! imports, saved connectors, history entries, `explain` on standard input): a size cap per kind,
//! checked on the metadata *and* while reading, and no way for a named pipe or a device to make
//! the program wait or grow for ever.
//!
//! Rules, the same on every face:
//! - a file option takes a regular file only: a FIFO, a device or a folder is refused with
//!   [`InputFileError::NotRegularFile`] before a single byte is read;
//! - the file is opened without blocking (`O_NONBLOCK` on Unix, so a FIFO swapped in after the
//!   type check cannot hang the open), then its type is checked again on the open handle;
//! - at most `cap + 1` bytes are ever read ([`std::io::Read::take`]), so a file that grows while
//!   it is read, or lies about its size, costs at most the cap in memory;
//! - [`open_stream`] is for options documented to accept a stream (`--log`): a FIFO is allowed
//!   (read as it comes), a device or a folder is not, and the open never blocks.
//!
//! Errors are language-neutral ([`InputFileError::message`] gives the fluent message).

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::path::Path;

use crate::checks::Message;

/// What a file is for: each kind has its cap (stated in `--help` and the README).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// A certificate or a CA bundle (`--ca-file`, `--cert-file`). Mozilla's whole bundle is
    /// about 220 KB; 4 MiB leaves room for any real chain.
    Certificate,
    /// JSON the user gives (`--profile FILE`, `--inbound-connector-json`,
    /// `--accepted-domains-json`, imports): 8 MiB, enough for `ConvertTo-Json` of hundreds of
    /// connectors in UTF-16.
    Json,
    /// A file this tool wrote in its own folders (saved connectors, history entries, the draft).
    Store,
    /// `explain` reading standard input: a reply or an NDR, 256 KiB.
    ExplainText,
    /// An NDR file (`--ndr`, `explain --file`): 32 MiB, room for an `.eml` NDR that carries the
    /// original message with its attachments.
    Ndr,
    /// A message trace export (`--message-trace`): 128 MiB, a historical search report of
    /// 100,000 rows in UTF-16.
    MessageTrace,
}

const KIB: u64 = 1024;
const MIB: u64 = 1024 * 1024;

impl InputKind {
    pub const fn max_bytes(self) -> u64 {
        match self {
            InputKind::Certificate => 4 * MIB,
            InputKind::Json => 8 * MIB,
            InputKind::Store => 8 * MIB,
            InputKind::ExplainText => 256 * KIB,
            InputKind::Ndr => 32 * MIB,
            InputKind::MessageTrace => 128 * MIB,
        }
    }
}

/// What a path turned out to be when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecialFile {
    Fifo,
    Device,
    Directory,
    Other,
}

impl SpecialFile {
    /// The stable name used as a fluent selector (`fifo`, `device`, `directory`, `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            SpecialFile::Fifo => "fifo",
            SpecialFile::Device => "device",
            SpecialFile::Directory => "directory",
            SpecialFile::Other => "other",
        }
    }

    pub fn of(meta: &Metadata) -> Option<SpecialFile> {
        let file_type = meta.file_type();
        if file_type.is_file() {
            return None;
        }
        if file_type.is_dir() {
            return Some(SpecialFile::Directory);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Some(SpecialFile::Fifo);
            }
            if file_type.is_char_device() || file_type.is_block_device() {
                return Some(SpecialFile::Device);
            }
        }
        Some(SpecialFile::Other)
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputFileError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is larger than the limit of {limit} bytes")]
    TooLarge { path: String, limit: u64 },
    #[error("{path} is not a regular file ({})", .kind.as_str())]
    NotRegularFile {
        path: String,
        kind: SpecialFile,
        /// The cap that would apply to a regular file (`None` for streams).
        limit: Option<u64>,
    },
}

impl InputFileError {
    /// The path does not exist (callers that accept "no file yet" check this).
    pub fn is_not_found(&self) -> bool {
        matches!(self, InputFileError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }

    /// The error as a fluent message (`input-file-*` in `checks.ftl`): names the file and the
    /// limit; the caller names the option.
    pub fn message(&self) -> Message {
        match self {
            InputFileError::Io { path, source } => Message::new("input-read-file")
                .arg("path", path)
                .arg("error", source),
            InputFileError::TooLarge { path, limit } => with_size(
                Message::new("input-file-too-large").arg("path", path),
                *limit,
            ),
            InputFileError::NotRegularFile { path, kind, limit } => match limit {
                Some(limit) => with_size(
                    Message::new("input-file-not-regular")
                        .arg("path", path)
                        .arg("kind", kind.as_str()),
                    *limit,
                ),
                None => Message::new("input-file-not-streamable")
                    .arg("path", path)
                    .arg("kind", kind.as_str()),
            },
        }
    }
}

/// `size` + `unit` (`kib` / `mib`) arguments, so each language writes its own unit.
fn with_size(message: Message, limit: u64) -> Message {
    if limit >= MIB && limit.is_multiple_of(MIB) {
        message.arg("size", limit / MIB).arg("unit", "mib")
    } else {
        message.arg("size", limit.div_ceil(KIB)).arg("unit", "kib")
    }
}

/// Reads a whole regular file of at most `kind.max_bytes()` bytes.
pub fn read_file(path: &Path, kind: InputKind) -> Result<Vec<u8>, InputFileError> {
    read_file_capped(path, kind.max_bytes())
}

/// [`read_file`] with an explicit cap (tests, callers with their own bound).
pub fn read_file_capped(path: &Path, limit: u64) -> Result<Vec<u8>, InputFileError> {
    let shown = path.display().to_string();
    let io = |source| InputFileError::Io {
        path: shown.clone(),
        source,
    };
    let not_regular = |kind| InputFileError::NotRegularFile {
        path: shown.clone(),
        kind,
        limit: Some(limit),
    };
    // Refuse before opening: opening a FIFO with no writer would wait for one.
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(kind) = SpecialFile::of(&meta) {
        return Err(not_regular(kind));
    }
    let file = open_nonblocking(path).map_err(io)?;
    // The path may have been replaced between the two looks: trust the open handle.
    let meta = file.metadata().map_err(io)?;
    if let Some(kind) = SpecialFile::of(&meta) {
        return Err(not_regular(kind));
    }
    if meta.len() > limit {
        return Err(InputFileError::TooLarge { path: shown, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(InputFileError::TooLarge { path: shown, limit });
    }
    Ok(bytes)
}

/// Reads a stream (standard input) up to `kind.max_bytes()`; one byte more is an error, so a
/// pipe fed by `/dev/zero` stops after the cap.
pub fn read_stream(
    reader: impl Read,
    name: &str,
    kind: InputKind,
) -> Result<Vec<u8>, InputFileError> {
    let limit = kind.max_bytes();
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| InputFileError::Io {
            path: name.to_string(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(InputFileError::TooLarge {
            path: name.to_string(),
            limit,
        });
    }
    Ok(bytes)
}

/// Opens a file to be read as a stream (a protocol log): a regular file or a FIFO; a device or a
/// folder is refused. The open never waits for a FIFO's writer; a FIFO with no writer reads as
/// empty.
pub fn open_stream(path: &Path) -> Result<File, InputFileError> {
    let shown = path.display().to_string();
    let io = |source| InputFileError::Io {
        path: shown.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    let check = |meta: &Metadata| match SpecialFile::of(meta) {
        None | Some(SpecialFile::Fifo) => Ok(()),
        Some(kind) => Err(InputFileError::NotRegularFile {
            path: shown.clone(),
            kind,
            limit: None,
        }),
    };
    check(&meta)?;
    let file = open_nonblocking(path).map_err(io)?;
    check(&file.metadata().map_err(io)?)?;
    make_blocking(&file).map_err(io)?;
    Ok(file)
}

/// What a path is, without opening it (`None` = a regular file). Used to skip and report special
/// files met in a folder.
pub fn special_kind(path: &Path) -> Option<SpecialFile> {
    std::fs::metadata(path)
        .ok()
        .and_then(|meta| SpecialFile::of(&meta))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// Clears `O_NONBLOCK` after the open, so a FIFO with a writer is read as it comes (a read then
/// waits for data, as reading a pipe does) instead of failing with `WouldBlock`.
#[cfg(unix)]
fn make_blocking(file: &File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: `fd` is a valid descriptor owned by `file` for the whole call; F_GETFL/F_SETFL only
    // read and change its status flags.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: as above.
    if unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_blocking(_file: &File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_over_the_cap_is_refused_and_one_at_the_cap_is_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.json");
        std::fs::write(&path, vec![b'a'; 11]).expect("write");
        assert!(matches!(
            read_file_capped(&path, 10),
            Err(InputFileError::TooLarge { limit: 10, .. })
        ));
        assert_eq!(read_file_capped(&path, 11).expect("read").len(), 11);
    }

    #[test]
    fn folder_is_not_a_regular_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = read_file(dir.path(), InputKind::Json).expect_err("folder");
        assert!(matches!(
            err,
            InputFileError::NotRegularFile {
                kind: SpecialFile::Directory,
                ..
            }
        ));
        assert_eq!(err.message().id, "input-file-not-regular");
        assert_eq!(err.message().args["size"], "8");
        assert_eq!(err.message().args["unit"], "mib");
    }

    #[test]
    fn endless_stream_stops_after_the_cap() {
        let endless = std::io::repeat(0);
        let err = read_stream(endless, "stdin", InputKind::ExplainText).expect_err("too big");
        assert!(matches!(err, InputFileError::TooLarge { limit, .. } if limit == 256 * 1024));
        assert_eq!(err.message().args["unit"], "kib");
    }
}
