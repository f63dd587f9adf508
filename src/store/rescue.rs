//! The last resort when a session cannot be saved where it lives (a full
//! disk, a folder removed under it): a copy in `<data>/rescue/` (private,
//! 0700), else in the temporary folder.
//!
//! Each rescue file is created exclusively and named by the time, the
//! process and a counter, so two sessions stopped in the same second never
//! write over each other's.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use jiff::Timestamp;

use super::file::own_private_dir;
use super::text::session_to_string;
use crate::core::session::Session;

/// Where rescue files go first.
pub fn folder(data: &Path) -> PathBuf {
    data.join("rescue")
}

/// Writes the session to a new rescue file; where it went, or why it could
/// not be written anywhere.
pub fn write(data: &Path, session: &Session, now: Timestamp) -> Result<PathBuf, String> {
    let text = session_to_string(session).map_err(|e| e.to_string())?;
    let mut why = String::new();
    for dir in [folder(data), std::env::temp_dir()] {
        if dir.starts_with(data) && own_private_dir(&dir).is_err() {
            continue;
        }
        match write_new(&dir, text.as_bytes(), now) {
            Ok(path) => return Ok(path),
            Err(e) => why = format!("{}: {e}", dir.display()),
        }
    }
    Err(why)
}

/// `circlekeeper-rescue-20261123-183000-4242-0.ron`, never one that exists.
fn write_new(dir: &Path, bytes: &[u8], now: Timestamp) -> std::io::Result<PathBuf> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let stamp = now.strftime("%Y%m%d-%H%M%S");
    let pid = std::process::id();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("circlekeeper-rescue-{stamp}-{pid}-{n}.ron"));
        let mut file = match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
            drop(file);
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        return Ok(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn two_rescues_in_one_second_are_two_files() {
        let data = tempfile::tempdir().unwrap();
        let plan = crate::commands::start::default_plan();
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let mut first = Session::new(plan.clone(), now);
        first.title = "First".into();
        let mut second = Session::new(plan, now);
        second.title = "Second".into();
        let a = write(data.path(), &first, now).unwrap();
        let b = write(data.path(), &second, now).unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with(folder(data.path())), "{a:?}");
        assert!(std::fs::read_to_string(&a).unwrap().contains("First"));
        assert!(std::fs::read_to_string(&b).unwrap().contains("Second"));
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&a), 0o600);
        assert_eq!(mode(&folder(data.path())), 0o700);
    }

    #[test]
    fn without_a_data_folder_the_temporary_folder_takes_it() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_folder = dir.path().join("file");
        std::fs::write(&not_a_folder, "x").unwrap();
        let plan = crate::commands::start::default_plan();
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let path = write(&not_a_folder, &Session::new(plan, now), now).unwrap();
        assert!(path.starts_with(std::env::temp_dir()), "{path:?}");
        std::fs::remove_file(path).unwrap();
    }
}
