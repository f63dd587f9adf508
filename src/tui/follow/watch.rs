//! How a follower learns that something changed, without asking again and
//! again: file notifications on the session's folder (`notify`, debounced),
//! and, for the main window itself, a wait on its process that ends when
//! it does. Nothing here takes a lock or writes a byte.

use std::path::Path;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

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
/// Reads (the follower's own among them) are no change, but for the lock
/// file's: a writer opens it to take it.
pub fn folder(
    session: &Path,
    wake: impl Fn() + Send + 'static,
) -> notify::Result<Debouncer<notify::RecommendedWatcher, RecommendedCache>> {
    let folder = match session.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = |p: &Path| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let is_lock = move |p: &Path| name(p).ends_with(".lock");
    let ours = move |p: &Path| {
        let name = name(p);
        name.ends_with(".ron") || name.ends_with(".journal") || is_lock(p)
    };
    // The debouncer's thread looks at its queue once a tick (there is no
    // waiting on it); 50 ms keeps that cheap and a change on screen in
    // about a tenth of a second.
    let tick = Duration::from_millis(50);
    let mut debouncer = new_debouncer(tick, Some(tick), move |events: DebounceEventResult| {
        // A writer opening the lock file to take it is news too (the
        // follower never opens it).
        let changed = events.is_ok_and(|events| {
            events.iter().any(|e| {
                e.paths.iter().any(|p| match e.kind {
                    EventKind::Access(_) => is_lock(p),
                    _ => ours(p),
                })
            })
        });
        if changed {
            wake();
        }
    })?;
    debouncer.watch(&folder, RecursiveMode::NonRecursive)?;
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

    /// Reading the session (as the follower does on every change) wakes
    /// nothing; a line appended, or a writer opening the lock, does.
    #[test]
    fn reads_wake_nothing_and_writes_wake_the_follower() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.ron");
        let journal = crate::store::journal::path_of(&session);
        let lock = crate::store::paths::lock_path(&session);
        for p in [&session, &journal, &lock] {
            std::fs::write(p, "x\n").unwrap();
        }
        let woken = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&woken);
        let _watch = folder(&session, move || {
            count.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
        let settle = || std::thread::sleep(Duration::from_millis(300));
        for _ in 0..5 {
            std::fs::read(&session).unwrap();
            std::fs::read(&journal).unwrap();
        }
        settle();
        assert_eq!(woken.load(Ordering::SeqCst), 0, "reads are no change");
        use std::io::Write;
        let mut append = std::fs::OpenOptions::new()
            .append(true)
            .open(&journal)
            .unwrap();
        append.write_all(b"y\n").unwrap();
        settle();
        let after_append = woken.load(Ordering::SeqCst);
        assert!(after_append >= 1, "an appended line wakes it");
        drop(std::fs::OpenOptions::new().write(true).open(&lock).unwrap());
        settle();
        assert!(
            woken.load(Ordering::SeqCst) > after_append,
            "a writer taking the lock wakes it"
        );
    }
}
