//! `circlekeeper rehearse`: walk a plan on a simulated clock, then print
//! what the walk taught (see `core::rehearsal`).
//!
//! The session is a throwaway kept under `<data>/rehearsals`, never among
//! real sessions, so `circlekeeper sessions`, resuming and the history that
//! `check` learns from never see it. It is saved like any session (the
//! engine is the same), but nothing depends on it surviving.

use std::path::Path;
use std::process::ExitCode;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::start::{keymap, need_terminal};
use crate::core::rehearsal::{plan_checks, report, session};
use crate::store::file::{Lock, create_private_dir, load_plan, save_session};
use crate::store::paths::{Dirs, new_session_path};

pub fn rehearse(
    dirs: &Dirs,
    plan: &Path,
    people: Option<u32>,
    speed: u32,
) -> Result<ExitCode, String> {
    let keymap = keymap(dirs)?;
    let plan = load_plan(plan).map_err(|e| e.to_string())?;
    need_terminal()?;
    let now = Timestamp::now();
    let session = session(plan, people, now);
    let dir = dirs.rehearsals();
    create_private_dir(&dir).map_err(|e| e.to_string())?;
    let stamp = now
        .to_zoned(TimeZone::system())
        .strftime("%Y-%m-%d-%H%M%S")
        .to_string();
    let path = new_session_path(&dir, &session.title, &stamp);
    let lock = Lock::acquire(&path).map_err(|e| e.to_string())?;
    save_session(&path, &session).map_err(|e| e.to_string())?;
    let ended = crate::tui::drive(dirs, keymap, path, session, lock, speed)?;
    let checks = plan_checks(&ended.session);
    print!(
        "{}",
        report(&ended.session, &ended.state, &checks, ended.now).to_text()
    );
    Ok(ended.code)
}
