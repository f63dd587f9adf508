//! Reading and writing plan and session files.
//!
//! A save never leaves a half-written file: the new version is written beside
//! the old, synced, renamed over it, and the folder synced (see `atomic`).
//! The version it replaces is kept as `NAME.ron.bak` by a hard link, which
//! costs no copy. Session files are created readable by their owner only,
//! since they hold notes about people.

use std::fs;
use std::path::Path;

use super::atomic::{self, Faults};
use super::error::StoreError;
use super::input::{self, Input};
use super::paths::{backup_path, sibling};
use super::text::{plan_from_str, session_to_string};
use crate::core::plan::Plan;
use crate::core::session::Session;

pub use super::lock::Lock;

/// Reads a whole regular file of at most 16 MiB (see `input` for other
/// kinds and their limits).
pub fn read(path: &Path) -> Result<Vec<u8>, StoreError> {
    input::read(path, Input::Plan)
}

pub fn load_plan(path: &Path) -> Result<Plan, StoreError> {
    let text = input::read_text(path, Input::Plan)?;
    plan_from_str(path, &text)
}

/// Reads a session and its journal without writing anything: an older
/// format is migrated in memory only. For listing and harvesting.
pub fn read_session(path: &Path) -> Result<Session, StoreError> {
    super::open::read(path).map(|r| r.session)
}

/// Reads a session and its journal for writing; an older format is
/// migrated, its original kept beside it as `NAME.ron.vN.bak`, and the
/// migrated version saved in its place. (The live run defers those writes
/// until its first frame is up: see `open::for_writing`.)
pub fn load_session(path: &Path) -> Result<Session, StoreError> {
    let read = super::open::read(path)?;
    if let Some((from, bytes)) = &read.upgrade {
        let keep = sibling(path, "", &format!(".v{from}.bak"));
        write_atomic(&keep, bytes)?;
        save_session(path, &read.session)?;
    }
    Ok(read.session)
}

/// Writes the session, keeping the version it replaces as the backup; a
/// journal beside it, now held by the file, is removed.
pub fn save_session(path: &Path, session: &Session) -> Result<(), StoreError> {
    save_session_with(path, session, &mut atomic::no_faults)
}

/// `save_session` with a fault hook on each step of the write (for tests).
pub fn save_session_with(path: &Path, session: &Session, faults: Faults) -> Result<(), StoreError> {
    let text = session_to_string(session).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    save_bytes_with(path, text.as_bytes(), faults)?;
    let _ = fs::remove_file(super::journal::path_of(path));
    Ok(())
}

/// Writes bytes atomically, keeping the version they replace as the backup.
pub fn save_bytes(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    save_bytes_with(path, bytes, &mut atomic::no_faults)
}

/// `save_bytes` with a fault hook on each step of the write (for tests).
/// A backup that cannot be kept (a folder in the way, say) does not stop
/// the save: the live writer reports it.
pub fn save_bytes_with(path: &Path, bytes: &[u8], faults: Faults) -> Result<(), StoreError> {
    if path.exists() {
        let _ = keep_backup(path);
    }
    atomic::write_with(path, bytes, faults).map_err(|e| StoreError::io(path, e))
}

/// Points `NAME.ron.bak` at the current version of the file, readable by
/// its owner only whatever mode the file was copied in with.
pub(crate) fn keep_backup(path: &Path) -> std::io::Result<()> {
    let bak = backup_path(path);
    let tmp = sibling(path, ".", ".bak.tmp");
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(path, &tmp).is_err() {
        // A filesystem without hard links: copy instead.
        fs::copy(path, &tmp)?;
    }
    super::writer::tighten_file(&tmp);
    let renamed = fs::rename(&tmp, &bak);
    // When the backup already is this very file (a save failed after
    // linking it), rename leaves both names in place; when the rename
    // failed, the spare name must not stay either.
    let _ = fs::remove_file(&tmp);
    renamed
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

/// A folder circlekeeper keeps its own files in (the data folder, its
/// `sessions/`, `rehearsals/` and `rescue/`): created private, and made
/// private again if it was left open to others. A folder owned by someone
/// else, or shared on purpose (the sticky bit of `/tmp`), is left as it is.
pub fn own_private_dir(dir: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    create_private_dir(dir)?;
    let meta = fs::metadata(dir).map_err(|e| StoreError::io(dir, e))?;
    let mode = meta.permissions().mode();
    // SAFETY: geteuid has no preconditions and cannot fail.
    let mine = meta.uid() == unsafe { libc::geteuid() };
    if mine && mode & 0o077 != 0 && mode & 0o1000 == 0 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| StoreError::io(dir, e))?;
    }
    Ok(())
}
