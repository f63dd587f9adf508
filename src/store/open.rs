//! Opening a session: reading the file and its journal, and, to write it,
//! making sure this process is its only writer whatever name it was given.
//!
//! A session is written under its resolved name (symlinks and `..`
//! followed), so a symlink and its target share one lock and the symlink
//! stays a symlink. A file with a second name (a hard link) is refused for
//! writing: saving replaces the file under one name, and the other would
//! quietly keep the old version. Nothing is written here; the writer's
//! first save comes after the first frame is on screen.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::error::StoreError;
use super::file::create_private_dir;
use super::input::{self, Input};
use super::journal::{self, Found};
use super::lock::Lock;
use super::paths::backup_path;
use super::text::{Loaded, decode, session_from_str};
use super::writer::{Stamp, Start, Writer};
use crate::core::session::Session;

/// A session as read from disk, with what its writer needs to go on.
#[derive(Debug)]
pub struct Read {
    /// The session with its journal's events added.
    pub session: Session,
    /// The session file as read.
    pub stamp: Stamp,
    /// How many of the events came from the session file itself.
    pub file_events: usize,
    pub journal: Found,
    /// An older format's original text and version, to keep on upgrade.
    pub upgrade: Option<(u32, Vec<u8>)>,
}

/// Reads a session file (bounded, regular files only) and its journal.
pub fn read(path: &Path) -> Result<Read, StoreError> {
    let (bytes, meta) = input::read_meta(path, Input::Session)?;
    let text = decode(path, &bytes)?;
    let (mut session, upgrade) = match session_from_str(path, text)? {
        Loaded::Current(s) => (s, None),
        Loaded::Migrated { session, from } => (session, Some(from)),
    };
    let file_events = session.events.len();
    let journal = journal::read(path, &session)?;
    session.events.extend(journal.entries.iter().cloned());
    Ok(Read {
        session,
        stamp: Stamp::of(&meta),
        file_events,
        journal,
        upgrade: upgrade.map(|from| (from, bytes)),
    })
}

/// Opens an existing session to write it: a regular file with one name,
/// resolved, locked, then read.
pub fn for_writing(path: &Path) -> Result<Writer, StoreError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(StoreError::io(path, e)),
    };
    // Checked before the lock, so no lock file is made beside a device.
    input::check_regular(path, &meta.file_type())?;
    let real = fs::canonicalize(path).map_err(|e| StoreError::io(path, e))?;
    one_name(path, &real, &meta)?;
    let lock = Lock::acquire(&real)?;
    let read = read(&real)?;
    // Checked again now that no other circlekeeper can be changing it.
    one_name(
        path,
        &real,
        &fs::metadata(&real).map_err(|e| StoreError::io(path, e))?,
    )?;
    let start = Start::Opened {
        file: read.stamp,
        file_events: read.file_events,
        journal: read.journal,
        upgrade: read.upgrade,
    };
    Ok(Writer::new(real, read.session, lock, start))
}

/// Claims the path for a new session: nothing may be there yet (not even a
/// dangling link). A folder that does not exist yet is made, private to
/// you (0700), as the data folder is. Only the lock file is made; the
/// session file is written by the writer's first save.
pub fn new_session(path: &Path, session: Session) -> Result<Writer, StoreError> {
    let taken = || StoreError::Taken {
        path: path.to_path_buf(),
    };
    // A journal left without its session would be taken for this one's.
    let there = |p: &Path| {
        fs::symlink_metadata(p).is_ok() || fs::symlink_metadata(journal::path_of(p)).is_ok()
    };
    if there(path) {
        return Err(taken());
    }
    let real = resolve_new(path)?;
    let lock = Lock::acquire(&real)?;
    if there(&real) {
        return Err(taken());
    }
    Ok(Writer::new(real, session, lock, Start::Fresh))
}

/// A path not there yet, with its folder resolved (and made if missing).
fn resolve_new(path: &Path) -> Result<PathBuf, StoreError> {
    let name = path.file_name().ok_or_else(|| StoreError::Missing {
        path: path.to_path_buf(),
    })?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if fs::symlink_metadata(folder).is_err() {
        create_private_dir(folder).map_err(|e| {
            let why = format!("its folder {} cannot be made: {e}", folder.display());
            StoreError::io(path, std::io::Error::other(why))
        })?;
    }
    let folder = fs::canonicalize(folder).map_err(|e| {
        let why = format!("its folder {} cannot be used: {e}", folder.display());
        StoreError::io(path, std::io::Error::new(e.kind(), why))
    })?;
    Ok(folder.join(name))
}

/// Refuses a file with more than one name, but for its own backup (the
/// backup is a hard link to the previous version until the next save
/// replaces the file).
fn one_name(path: &Path, real: &Path, meta: &fs::Metadata) -> Result<(), StoreError> {
    let backup_too = fs::symlink_metadata(backup_path(real))
        .is_ok_and(|b| (b.dev(), b.ino()) == (meta.dev(), meta.ino()));
    let names = meta.nlink() - u64::from(backup_too);
    if names > 1 {
        return Err(StoreError::HardLinked {
            path: path.to_path_buf(),
            names,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_new_session_in_a_folder_not_there_yet_makes_it_private() {
        let home = tempfile::tempdir().unwrap();
        let path = home.path().join("evenings/2026/tuesday.ron");
        let session = Session::new(
            crate::core::plan::Plan::new("T", vec![]),
            jiff::Timestamp::UNIX_EPOCH,
        );
        let writer = new_session(&path, session).unwrap();
        for dir in ["evenings", "evenings/2026"] {
            let mode = fs::metadata(home.path().join(dir))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700, "{dir}");
        }
        drop(writer);
        // A folder that cannot be made is a clear error naming the session.
        fs::write(home.path().join("file"), "x").unwrap();
        let blocked = home.path().join("file/sub/s.ron");
        let session = Session::new(
            crate::core::plan::Plan::new("T", vec![]),
            jiff::Timestamp::UNIX_EPOCH,
        );
        let Err(err) = new_session(&blocked, session) else {
            panic!("a folder under a file cannot be made");
        };
        let err = err.to_string();
        assert!(
            err.contains("s.ron") && err.contains("cannot be made"),
            "{err}"
        );
    }
}
