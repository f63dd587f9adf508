//! How a follower learns that something changed, without asking again and
//! again: file notifications on the session's folder (`notify`, debounced),
//! and, for the main window itself, a wait on its process that ends when
//! it does. Nothing here takes a lock or writes a byte.

use std::path::Path;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// Whether a circlekeeper holds the session open for writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// Its lock is held, by this process when the system says.
    Writing { pid: Option<u32> },
    /// No lock file: the main window quit.
    Gone,
    /// A lock file nobody on this machine holds: its writer was killed, or
    /// (on a synced folder) writes on another machine.
    Unheld,
}

impl Writer {
    /// Reads who holds the lock file at `lock`, without taking it: the
    /// system's table of locks where there is one (Linux), else whether the
    /// lock file is there (a clean quit removes it).
    pub fn of(lock: &Path) -> Writer {
        use std::os::unix::fs::MetadataExt;
        let Ok(meta) = std::fs::symlink_metadata(lock) else {
            return Writer::Gone;
        };
        match std::fs::read_to_string("/proc/locks") {
            Ok(table) => match holder(&table, meta.ino()) {
                Some(pid) => Writer::Writing { pid: Some(pid) },
                None => Writer::Unheld,
            },
            Err(_) => Writer::Writing { pid: None },
        }
    }

    pub fn is_writing(self) -> bool {
        matches!(self, Writer::Writing { .. })
    }
}

/// The process holding a `flock` on inode `ino`, from `/proc/locks` lines
/// such as `12: FLOCK  ADVISORY  WRITE 16613 fe:00:10010845 0 EOF` (a
/// waiter's line has a `->` after the number, and is not a holder).
fn holder(table: &str, ino: u64) -> Option<u32> {
    table.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            [_, "FLOCK", _, _, pid, file, ..] => {
                let inode = file.rsplit(':').next()?.parse::<u64>().ok()?;
                (inode == ino).then(|| pid.parse().ok()).flatten()
            }
            _ => None,
        }
    })
}

/// Calls `wake` once process `pid` has ended, from a thread that sleeps
/// until then. False where the system cannot say (not Linux, an old
/// kernel): the follower then checks on its clock's tick instead.
pub fn on_exit(pid: u32, wake: impl FnOnce() + Send + 'static) -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: pidfd_open takes a pid and flags and returns a new file
        // descriptor or -1; nothing is borrowed.
        let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) };
        if fd < 0 {
            return false;
        }
        let fd = fd as libc::c_int;
        let spawned = std::thread::Builder::new()
            .name("writer-exit".into())
            .spawn(move || {
                let mut poll = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd, owned by this thread, which
                // closes the descriptor it alone holds.
                unsafe {
                    while libc::poll(&mut poll, 1, -1) < 0
                        && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted
                    {
                    }
                    libc::close(fd);
                }
                wake();
            });
        spawned.is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (pid, wake);
        false
    }
}

/// Watches the folder of `session` (a save replaces the file by renaming
/// a new one over it, so the folder is what to watch) and calls `wake`
/// after each burst of changes to a session file or its journal or lock.
pub fn folder(
    session: &Path,
    wake: impl Fn() + Send + 'static,
) -> notify::Result<Debouncer<notify::RecommendedWatcher>> {
    let folder = match session.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut debouncer = new_debouncer(
        Duration::from_millis(40),
        move |events: DebounceEventResult| {
            let ours = |p: &Path| {
                let name = p.file_name().unwrap_or_default().to_string_lossy();
                name.ends_with(".ron") || name.ends_with(".journal") || name.ends_with(".lock")
            };
            if events.is_ok_and(|e| e.iter().any(|e| ours(&e.path))) {
                wake();
            }
        },
    )?;
    debouncer
        .watcher()
        .watch(&folder, RecursiveMode::NonRecursive)?;
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_holder_of_a_lock_and_skips_waiters() {
        let table = "1: FLOCK  ADVISORY  WRITE 16613 fe:00:10010845 0 EOF\n\
                     1: -> FLOCK  ADVISORY  WRITE 17000 fe:00:777 0 EOF\n\
                     2: POSIX  ADVISORY  WRITE 99 fe:00:777 0 EOF\n";
        assert_eq!(holder(table, 10010845), Some(16613));
        assert_eq!(holder(table, 777), None);
        assert_eq!(Writer::of(Path::new("/no/such/.s.ron.lock")), Writer::Gone);
    }

    #[test]
    fn a_held_lock_is_a_writer_and_a_released_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join(".s.ron.lock");
        let file = std::fs::File::create(&lock).unwrap();
        file.try_lock().unwrap();
        if std::fs::read_to_string("/proc/locks").is_err() {
            return;
        }
        let me = std::process::id();
        assert_eq!(Writer::of(&lock), Writer::Writing { pid: Some(me) });
        // A killed writer leaves its lock file, but nobody holds it.
        drop(file);
        assert_eq!(Writer::of(&lock), Writer::Unheld);
        std::fs::remove_file(&lock).unwrap();
        assert_eq!(Writer::of(&lock), Writer::Gone);
    }
}
