//! `circlekeeper rehearse`: walk a plan on a simulated clock, then print
//! what the walk taught (see `core::rehearsal`).
//!
//! The session is a throwaway kept under `<data>/rehearsals`, never among
//! real sessions, so `circlekeeper sessions`, resuming and the history that
//! `check` learns from never see it. It is saved like any session (the
//! engine is the same), but nothing depends on it surviving.

use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::Result;
use jiff::Timestamp;

use super::start::{keymap, need_terminal, one_day};
use crate::core::rehearsal::{plan_checks, report, session};
use crate::store::file::{Lock, load_plan, own_private_dir};
use crate::store::paths::{Dirs, new_session_path};

/// Rehearsals are throwaway; older ones than this are cleared away when a
/// new one starts.
const KEEP_DAYS: u64 = 7;

/// Removes rehearsal files (and their backups and locks) not touched for
/// `age`. A file another circlekeeper holds open is left alone.
fn prune(dir: &Path, age: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".ron") || name.starts_with('.') {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|e| e > age);
        if old && let Ok(_lock) = Lock::acquire(&path) {
            let _ = std::fs::remove_file(crate::store::paths::backup_path(&path));
            let _ = std::fs::remove_file(crate::store::journal::path_of(&path));
            let _ = std::fs::remove_file(&path);
            // The lock file goes as the lock is let go.
        }
    }
}

pub fn rehearse(
    dirs: &Dirs,
    plan: &Path,
    people: Option<u32>,
    speed: u32,
    spread: u8,
    report_file: Option<&Path>,
    day: Option<&str>,
) -> Result<ExitCode> {
    let keymap = keymap(dirs)?;
    let plan = one_day(load_plan(plan)?, day)?;
    need_terminal()?;
    let now = Timestamp::now();
    let mut session = session(plan, people, now);
    session.spread = spread;
    let dir = dirs.rehearsals();
    own_private_dir(&dirs.data)?;
    own_private_dir(&dir)?;
    prune(&dir, std::time::Duration::from_secs(KEEP_DAYS * 24 * 3600));
    let stamp = now
        .to_zoned(crate::store::paths::local_zone())
        .strftime("%Y-%m-%d-%H%M%S")
        .to_string();
    let path = new_session_path(&dir, &session.title, &stamp);
    let writer = crate::store::open::new_session(&path, session)?;
    let ended = crate::tui::drive(dirs, keymap, writer, speed)?;
    let checks = plan_checks(&ended.session);
    let text = report(&ended.session, &ended.state, &checks, ended.now).to_text();
    print!("{text}");
    if let Some(file) = report_file {
        crate::store::file::write_atomic(file, text.as_bytes())?;
        eprintln!("Report written to {}", file.display());
    }
    Ok(ended.code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn old_rehearsals_are_cleared_and_new_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.ron");
        let new = dir.path().join("new.ron");
        for p in [&old, &new] {
            std::fs::write(p, "(x)").unwrap();
        }
        std::fs::write(dir.path().join("old.ron.bak"), "(y)").unwrap();
        let week_ago = SystemTime::now() - Duration::from_secs(8 * 24 * 3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(week_ago)
            .unwrap();
        prune(dir.path(), Duration::from_secs(KEEP_DAYS * 24 * 3600));
        assert!(!old.exists());
        assert!(!dir.path().join("old.ron.bak").exists());
        assert!(!dir.path().join(".old.ron.lock").exists());
        assert!(new.exists());
    }
}
