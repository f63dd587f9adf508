//! Starting and resuming sessions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::{Timestamp, tz::TimeZone};

use crate::core::plan::Plan;
use crate::core::roster::{self, Signup};
use crate::core::session::Session;
use crate::store::file::{Lock, create_private_dir, load_plan, load_session, read, save_session};
use crate::store::list::latest_unfinished;
use crate::store::paths::{Dirs, new_session_path};
use crate::store::text::{decode, plan_from_str};
use crate::tui::keymap::Keymap;

pub use crate::assets::DEFAULT_PLAN;

/// The plan used when none is given, so the app is useful with no files.
pub fn default_plan() -> Plan {
    plan_from_str(Path::new("assets/default-plan.ron"), DEFAULT_PLAN)
        .expect("the embedded default plan is checked by the test suite")
}

/// No command: resume the latest unfinished session, else start the default.
pub fn default(dirs: &Dirs) -> Result<ExitCode, String> {
    keymap(dirs)?;
    match latest_unfinished(&dirs.sessions()) {
        Some(path) => open(dirs, &path),
        None => begin(dirs, default_plan(), None, &[]),
    }
}

pub fn run(
    dirs: &Dirs,
    plan: &Path,
    session: Option<PathBuf>,
    roster: Option<&Path>,
) -> Result<ExitCode, String> {
    keymap(dirs)?;
    let plan = load_plan(plan).map_err(|e| e.to_string())?;
    let signups = roster.map(load_roster).transpose()?.unwrap_or_default();
    begin(dirs, plan, session, &signups)
}

/// Reads a sign-up list; errors name the file and line.
fn load_roster(path: &Path) -> Result<Vec<Signup>, String> {
    let bytes = read(path).map_err(|e| e.to_string())?;
    let text = decode(path, &bytes).map_err(|e| e.to_string())?;
    let list =
        roster::parse(text).map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))?;
    if list.is_empty() {
        return Err(format!("{}: no names in this list", path.display()));
    }
    Ok(list)
}

/// The live run needs a terminal; say so before any file is created.
pub(crate) fn need_terminal() -> Result<(), String> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        Ok(())
    } else {
        Err(
            "the live run needs a terminal (to check a plan without one, use `circlekeeper check`)"
                .into(),
        )
    }
}

/// A new session file from a plan, then the live run.
fn begin(
    dirs: &Dirs,
    plan: Plan,
    target: Option<PathBuf>,
    signups: &[Signup],
) -> Result<ExitCode, String> {
    let now = Timestamp::now();
    let path = match target {
        Some(p) => {
            if p.exists() {
                return Err(format!(
                    "{}: a file is already there; resume it with `circlekeeper open`, or choose another name",
                    p.display()
                ));
            }
            p
        }
        None => {
            let dir = dirs.sessions();
            create_private_dir(&dir).map_err(|e| e.to_string())?;
            let stamp = now
                .to_zoned(TimeZone::system())
                .strftime("%Y-%m-%d-%H%M")
                .to_string();
            new_session_path(&dir, &plan.title, &stamp)
        }
    };
    let mut session = Session::new(plan, now);
    roster::append(&mut session.roster, signups);
    let lock = Lock::acquire(&path).map_err(|e| e.to_string())?;
    need_terminal()?;
    save_session(&path, &session).map_err(|e| e.to_string())?;
    live(dirs, path, session, lock)
}

pub fn open(dirs: &Dirs, path: &Path) -> Result<ExitCode, String> {
    if !path.exists() {
        // Checked first so no lock file is left beside a file that is not there.
        return Err(format!("{}: no such session file", path.display()));
    }
    let lock = Lock::acquire(path).map_err(|e| e.to_string())?;
    let session = load_session(path).map_err(|e| e.to_string())?;
    need_terminal()?;
    live(dirs, path.to_path_buf(), session, lock)
}

/// Hands the session to the live run.
fn live(dirs: &Dirs, path: PathBuf, session: Session, lock: Lock) -> Result<ExitCode, String> {
    let keymap = keymap(dirs)?;
    crate::tui::run(dirs, keymap, path, session, lock)
}

/// The key bindings, read before any file is created so a broken keymap
/// stops nothing half-way.
pub(crate) fn keymap(dirs: &Dirs) -> Result<Keymap, String> {
    Keymap::load(&dirs.config).map_err(|e| e.to_string())
}
