//! Reading what the user points circlekeeper at, safely: only regular files
//! (a named pipe would hang the read, a device would never end), opened
//! without blocking, and never more than a sane size for their kind.
//!
//! Every file circlekeeper reads goes through here: plans, sessions and
//! their journals, sign-up lists, the activity library, the keymap, the
//! prompt memory, the gatherings' records and group reports.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use super::error::StoreError;

const MIB: u64 = 1024 * 1024;

/// What a file is read as; each kind has its own size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Plan,
    Session,
    /// The journal beside a session (see `journal`).
    Journal,
    /// A sign-up list.
    Roster,
    Library,
    Keymap,
    /// The prompt rotation's memory.
    Prompts,
    /// A breakout group's report, brought from another laptop.
    Report,
    /// A gathering's record.
    Gathering,
}

impl Input {
    /// The largest file of this kind circlekeeper reads. Hand-written files
    /// stay far below 16 MiB; a session of a three-day gathering with heavy
    /// note-taking is a few MiB.
    pub fn limit(self) -> u64 {
        match self {
            Input::Session | Input::Journal => 512 * MIB,
            _ => 16 * MIB,
        }
    }

    /// The kind in words, for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Input::Plan => "a plan",
            Input::Session => "a session file",
            Input::Journal => "a session journal",
            Input::Roster => "a sign-up list",
            Input::Library => "an activity library",
            Input::Keymap => "a keymap",
            Input::Prompts => "the prompt memory",
            Input::Report => "a group report",
            Input::Gathering => "a gathering's record",
        }
    }
}

/// The whole of a regular file, at most `kind`'s limit.
pub fn read(path: &Path, kind: Input) -> Result<Vec<u8>, StoreError> {
    let mut file = open(path, kind)?;
    read_open(path, &mut file, kind)
}

/// Like [`read`], with the file's metadata as it was opened (which file it
/// is, its size and time), so a writer can tell later if it was changed.
pub fn read_meta(path: &Path, kind: Input) -> Result<(Vec<u8>, std::fs::Metadata), StoreError> {
    let mut file = open(path, kind)?;
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    read_open(path, &mut file, kind).map(|bytes| (bytes, meta))
}

/// Like [`read`], but a missing file is `None`: for files that are optional
/// (a user's keymap, the prompt memory).
pub fn read_optional(path: &Path, kind: Input) -> Result<Option<Vec<u8>>, StoreError> {
    match open(path, kind) {
        Ok(mut file) => read_open(path, &mut file, kind).map(Some),
        Err(StoreError::Io { source, .. }) if source.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The text of a regular file: UTF-8 without NUL bytes (a byte order mark
/// skipped), at most `kind`'s limit.
pub fn read_text(path: &Path, kind: Input) -> Result<String, StoreError> {
    let bytes = read(path, kind)?;
    let skip = bytes.len() - super::text::decode(path, &bytes)?.len();
    let mut text = String::from_utf8(bytes)
        .map_err(|e| StoreError::io(path, std::io::Error::new(ErrorKind::InvalidData, e)))?;
    text.drain(..skip);
    Ok(text)
}

/// Opens a file for reading without blocking (a named pipe with no writer
/// would otherwise hold `open` forever) and checks, after following links,
/// that it is a regular file no larger than `kind` allows.
pub fn open(path: &Path, kind: Input) -> Result<File, StoreError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| StoreError::io(path, e))?;
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    check_regular(path, &meta.file_type())?;
    if meta.len() > kind.limit() {
        return Err(too_big(path, kind));
    }
    Ok(file)
}

/// A refusal of anything but a regular file, naming what it is instead.
pub fn check_regular(path: &Path, t: &std::fs::FileType) -> Result<(), StoreError> {
    let found = if t.is_file() {
        return Ok(());
    } else if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    };
    Err(StoreError::NotRegular {
        path: path.to_path_buf(),
        found,
    })
}

fn too_big(path: &Path, kind: Input) -> StoreError {
    StoreError::TooBig {
        path: path.to_path_buf(),
        what: kind.noun(),
        limit_mib: kind.limit() / MIB,
    }
}

/// Reads what is there, stopping one byte past the limit so a file that
/// grows while it is read is still refused rather than read without end.
fn read_open(path: &Path, file: &mut File, kind: Input) -> Result<Vec<u8>, StoreError> {
    let size = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(size.min(kind.limit()) as usize);
    file.take(kind.limit() + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io(path, e))?;
    if bytes.len() as u64 > kind.limit() {
        return Err(too_big(path, kind));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_and_others_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.ron");
        std::fs::write(&file, "\u{feff}(title: \"x\")").unwrap();
        assert_eq!(read_text(&file, Input::Plan).unwrap(), "(title: \"x\")");
        let err = read(dir.path(), Input::Plan).unwrap_err().to_string();
        assert!(err.ends_with("is a folder, not a regular file"), "{err}");
        let missing = dir.path().join("missing.ron");
        assert_eq!(read_optional(&missing, Input::Keymap).unwrap(), None);
        assert!(read(&missing, Input::Plan).is_err());
        let err = read(Path::new("/dev/zero"), Input::Keymap).unwrap_err();
        assert!(err.to_string().contains("is a device"), "{err}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_the_limit_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.ron");
        let f = File::create(&file).unwrap();
        f.set_len(16 * MIB + 1).unwrap();
        let err = read(&file, Input::Library).unwrap_err().to_string();
        assert!(
            err.ends_with("the file is larger than 16 MiB, the most an activity library may be"),
            "{err}"
        );
        assert!(read(&file, Input::Session).is_ok());
    }
}
