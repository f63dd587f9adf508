//! Reading and writing plan and session files.
//!
//! A save never leaves a half-written file: the new version is written beside
//! the old, synced, renamed over it, and the folder synced (see `atomic`).
//! The version it replaces is kept as `NAME.ron.bak` by a hard link, which
//! costs no copy. Session files are created readable by their owner only,
//! since they hold notes about people.

use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::atomic::{self, Faults};
use super::error::StoreError;
use super::paths::{backup_path, lock_path, sibling};
use super::text::{Loaded, plan_from_str, session_from_str, session_to_string};
use crate::core::plan::Plan;
use crate::core::session::Session;

/// Reads a whole file.
pub fn read(path: &Path) -> Result<Vec<u8>, StoreError> {
    fs::read(path).map_err(|e| StoreError::io(path, e))
}

pub fn load_plan(path: &Path) -> Result<Plan, StoreError> {
    let bytes = read(path)?;
    let text = super::text::decode(path, &bytes)?;
    plan_from_str(path, text)
}

/// Reads a session without writing anything: an older format is migrated in
/// memory only. For listing and harvesting.
pub fn read_session(path: &Path) -> Result<Session, StoreError> {
    let bytes = read(path)?;
    let text = super::text::decode(path, &bytes)?;
    Ok(match session_from_str(path, text)? {
        Loaded::Current(s) => s,
        Loaded::Migrated { session, .. } => session,
    })
}

/// Reads a session for writing; an older format is migrated, its original kept beside it
/// as `NAME.ron.vN.bak`, and the migrated version saved in its place.
pub fn load_session(path: &Path) -> Result<Session, StoreError> {
    let bytes = read(path)?;
    let text = super::text::decode(path, &bytes)?;
    match session_from_str(path, text)? {
        Loaded::Current(s) => Ok(s),
        Loaded::Migrated { session, from } => {
            let keep = sibling(path, "", &format!(".v{from}.bak"));
            write_atomic(&keep, &bytes)?;
            save_session(path, &session)?;
            Ok(session)
        }
    }
}

/// Writes the session, keeping the version it replaces as the backup.
pub fn save_session(path: &Path, session: &Session) -> Result<(), StoreError> {
    save_session_with(path, session, &mut atomic::no_faults)
}

/// `save_session` with a fault hook on each step of the write (for tests).
pub fn save_session_with(path: &Path, session: &Session, faults: Faults) -> Result<(), StoreError> {
    let text = session_to_string(session).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    save_bytes_with(path, text.as_bytes(), faults)
}

/// Writes bytes atomically, keeping the version they replace as the backup.
pub fn save_bytes(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    save_bytes_with(path, bytes, &mut atomic::no_faults)
}

/// `save_bytes` with a fault hook on each step of the write (for tests).
pub fn save_bytes_with(path: &Path, bytes: &[u8], faults: Faults) -> Result<(), StoreError> {
    if path.exists() {
        keep_backup(path).map_err(|e| StoreError::io(&backup_path(path), e))?;
    }
    atomic::write_with(path, bytes, faults).map_err(|e| StoreError::io(path, e))
}

/// Points `NAME.ron.bak` at the current version of the file.
fn keep_backup(path: &Path) -> std::io::Result<()> {
    let bak = backup_path(path);
    let tmp = sibling(path, ".", ".bak.tmp");
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(path, &tmp).is_err() {
        // A filesystem without hard links: copy instead.
        fs::copy(path, &tmp)?;
    }
    fs::rename(&tmp, &bak)?;
    // When the backup already is this very file (a save failed after
    // linking it), rename leaves both names in place: drop the spare.
    let _ = fs::remove_file(&tmp);
    Ok(())
}

/// New file beside the old, fsync, rename, fsync the folder; mode 0600.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    atomic::write(path, bytes).map_err(|e| StoreError::io(path, e))
}

/// Creates a folder (and parents) readable by its owner only.
pub fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| StoreError::io(dir, e))
}

/// Held while a session is open for writing; a second holder is refused.
#[derive(Debug)]
pub struct Lock {
    _file: File,
    pub path: PathBuf,
}

impl Lock {
    pub fn acquire(session: &Path) -> Result<Lock, StoreError> {
        let path = lock_path(session);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| {
                // Named by the session the user asked for, not the hidden lock
                // file, so `open /no/such/dir/x.ron` reads sensibly.
                let why = format!("cannot create its lock file {}: {e}", path.display());
                StoreError::io(session, std::io::Error::new(e.kind(), why))
            })?;
        match file.try_lock() {
            Ok(()) => {
                // No other writer now: what a killed one left half-written goes.
                atomic::sweep_stale(session);
                Ok(Lock { _file: file, path })
            }
            Err(fs::TryLockError::WouldBlock) => Err(StoreError::Locked {
                path: session.to_path_buf(),
            }),
            Err(fs::TryLockError::Error(e)) => Err(StoreError::io(&path, e)),
        }
    }
}
