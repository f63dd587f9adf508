//! Starting and resuming sessions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use color_eyre::eyre::{Report, Result, bail, eyre};
use jiff::Timestamp;

use crate::core::days::{find, layout};
use crate::core::plan::Plan;
use crate::core::roster::{self, Signup};
use crate::core::session::Session;
use crate::store::file::{load_plan, own_private_dir};
use crate::store::list::latest_unfinished;
use crate::store::paths::{Dirs, new_session_path};
use crate::store::text::plan_from_str;
use crate::store::writer::Writer;
use crate::tui::keymap::Keymap;

pub use crate::assets::DEFAULT_PLAN;

/// The plan used when none is given, so the app is useful with no files.
pub fn default_plan() -> Plan {
    plan_from_str(Path::new("assets/default-plan.ron"), DEFAULT_PLAN)
        .expect("the embedded default plan is checked by the test suite")
}

/// No command: resume the latest unfinished session, else start the default.
pub fn default(dirs: &Dirs) -> Result<ExitCode> {
    let keymap = keymap(dirs)?;
    match latest_unfinished(&dirs.sessions()) {
        Some(path) => resume(dirs, keymap, &path),
        None => begin(dirs, keymap, default_plan(), None, &[]),
    }
}

pub fn run(
    dirs: &Dirs,
    plan: &Path,
    session: Option<PathBuf>,
    roster: Option<&Path>,
    day: Option<&str>,
) -> Result<ExitCode> {
    let keymap = keymap(dirs)?;
    let plan = one_day(load_plan(plan)?, day)?;
    let signups = match roster {
        Some(path) => crate::store::roster::load(path).map_err(Report::msg)?,
        None => Vec::new(),
    };
    begin(dirs, keymap, plan, session, &signups)
}

/// The plan cut to the day asked for (`--day`), or whole without one.
pub(crate) fn one_day(plan: Plan, day: Option<&str>) -> Result<Plan> {
    let Some(wanted) = day else {
        return Ok(plan);
    };
    let days = layout(&plan);
    if days.len() < 2 {
        bail!(
            "--day {wanted}: '{}' is one day; --day picks a day of a plan with `days` (or with weekday anchors like `at: \"Sat 09:00\"`)",
            plan.title
        );
    }
    let k = find(&days, wanted).map_err(Report::msg)?;
    plan.only_day(k)
        .ok_or_else(|| eyre!("--day {wanted}: no such day"))
}

/// The live run needs a terminal; say so before any file is created.
pub(crate) fn need_terminal() -> Result<()> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        Ok(())
    } else {
        bail!(
            "the live run needs a terminal (to check a plan without one, use `circlekeeper check`)"
        )
    }
}

/// A new session from a plan, then the live run. The path is claimed
/// (locked) here; the file itself is written once the first frame is up,
/// which also says what a session of a gathering picked up.
fn begin(
    dirs: &Dirs,
    keymap: Keymap,
    plan: Plan,
    target: Option<PathBuf>,
    signups: &[Signup],
) -> Result<ExitCode> {
    let now = Timestamp::now();
    let title = crate::core::session::title_of(&plan);
    let path = match target {
        Some(p) => p,
        None => {
            let dir = dirs.sessions();
            own_private_dir(&dirs.data)?;
            own_private_dir(&dir)?;
            let stamp = now
                .to_zoned(crate::store::paths::local_zone())
                .strftime("%Y-%m-%d-%H%M")
                .to_string();
            new_session_path(&dir, &title, &stamp)
        }
    };
    let mut session = Session::new(plan, now);
    roster::append(&mut session.roster, signups);
    let record = session
        .plan
        .gathering
        .clone()
        .map(|id| pick_up(dirs, &id, &mut session));
    let writer = crate::store::open::new_session(&path, session)?;
    need_terminal()?;
    if let Some(record) = record
        && let Err(e) = crate::store::gathering::save(dirs, &record)
    {
        eprintln!("warning: the gathering's record was not saved: {e}");
    }
    live(dirs, keymap, writer)
}

/// A new session of a gathering picks up its record, made afresh from the
/// sessions so far (the first frame says so). Nothing here stops
/// the run: a record that cannot be written is made again next time.
fn pick_up(dirs: &Dirs, id: &str, session: &mut Session) -> crate::core::gathering::Record {
    let tz = crate::store::paths::local_zone();
    let (record, bad) = crate::store::gathering::derive_from_sessions(dirs, id, &tz);
    for b in &bad {
        eprintln!("unreadable, left out of gathering {id}: {b}");
    }
    session.gathering = Some(crate::core::gathering::carry::carry(
        &record,
        &mut session.roster,
    ));
    record
}

/// After a session of a gathering, its record is brought up to date.
fn refresh(dirs: &Dirs, id: &str) {
    if let Err(e) = crate::store::gathering::rebuild(dirs, id, &crate::store::paths::local_zone()) {
        eprintln!("warning: the record of gathering {id} was not brought up to date: {e}");
    }
}

pub fn open(dirs: &Dirs, path: &Path) -> Result<ExitCode> {
    let keymap = keymap(dirs)?;
    resume(dirs, keymap, path)
}

fn resume(dirs: &Dirs, keymap: Keymap, path: &Path) -> Result<ExitCode> {
    let writer = crate::store::open::for_writing(path)?;
    need_terminal()?;
    live(dirs, keymap, writer)
}

/// Hands the session to the live run.
fn live(dirs: &Dirs, keymap: Keymap, writer: Writer) -> Result<ExitCode> {
    if dirs.data.exists() {
        // Folders of an older install, or made by hand, become private.
        let _ = own_private_dir(&dirs.data);
        if dirs.sessions().exists() {
            let _ = own_private_dir(&dirs.sessions());
        }
    }
    let gathering = writer
        .session()
        .plan
        .gathering
        .clone()
        .filter(|_| !writer.session().rehearsal);
    let outcome = crate::tui::run(dirs, keymap, writer);
    if let Some(id) = gathering {
        refresh(dirs, &id);
    }
    outcome
}

/// The key bindings, read before any file is created so a broken keymap
/// stops nothing half-way.
pub(crate) fn keymap(dirs: &Dirs) -> Result<Keymap> {
    Ok(Keymap::load(&dirs.config)?)
}
