//! One writer per session: a lock file beside it, `.NAME.ron.lock`, held
//! with `flock` while a circlekeeper has the session open.
//!
//! The session path is resolved first (see `open`), so every name that
//! leads to one file (a symlink, `./s.ron`, a symlinked folder) leads to one
//! lock. The lock file is removed when its holder lets go, so none is left
//! behind; to make that safe, a holder checks after locking that the name
//! still leads to the file it locked, and tries again if not. While holding
//! it, a writer can ask whether the lock file is still the one it holds
//! (someone may have deleted it, letting a second writer in).

use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::atomic;
use super::error::StoreError;
use super::paths::lock_path;

/// Held while a session is open for writing; a second holder is refused.
#[derive(Debug)]
pub struct Lock {
    _file: File,
    pub path: PathBuf,
    /// Device and inode of the lock file held.
    id: (u64, u64),
}

impl Lock {
    /// Takes the lock of `session` (a resolved path), or says who has it.
    pub fn acquire(session: &Path) -> Result<Lock, StoreError> {
        let path = lock_path(session);
        // A lock file removed by its holder between our open and our flock
        // is not the lock any more: take the one now at the path.
        for _ in 0..8 {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW)
                .open(&path)
                .map_err(|e| {
                    // Named by the session the user asked for, not the hidden
                    // lock file, so `open /no/such/dir/x.ron` reads sensibly.
                    let why = format!("cannot create its lock file {}: {e}", path.display());
                    StoreError::io(session, std::io::Error::new(e.kind(), why))
                })?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked {
                        path: session.to_path_buf(),
                    });
                }
                Err(fs::TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
            }
            let held = file.metadata().map_err(|e| StoreError::io(&path, e))?;
            let id = (held.dev(), held.ino());
            if same_file(&path, id) {
                // No other writer now: what a killed one left half-written goes.
                atomic::sweep_stale(session);
                return Ok(Lock {
                    _file: file,
                    path,
                    id,
                });
            }
            // Its last holder removed the file we locked as it let go:
            // close it and try the lock file now at the path.
        }
        Err(StoreError::Locked {
            path: session.to_path_buf(),
        })
    }

    /// Whether another circlekeeper holds the lock of `session` (a resolved
    /// path) right now. A session just started is locked a moment before
    /// its file is first written, so a missing file may still be taken.
    pub fn held_elsewhere(session: &Path) -> bool {
        let Ok(file) = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(lock_path(session))
        else {
            return false;
        };
        // Dropping `file` lets go at once if the lock was free.
        matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
    }

    /// Whether the lock file at the path is still the one this holds: false
    /// once it was deleted or replaced.
    pub fn still_held(&self) -> bool {
        same_file(&self.path, self.id)
    }
}

/// Whether `path` itself (not a link's target) is the file `id` names.
fn same_file(path: &Path, id: (u64, u64)) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| (m.dev(), m.ino()) == id)
}

impl Drop for Lock {
    /// Removes the lock file while still holding it, so a clean exit leaves
    /// nothing behind; a lock file that is no longer ours is left alone.
    fn drop(&mut self) {
        if self.still_held() {
            let _ = fs::remove_file(&self.path);
        }
    }
}
