//! What each command does, apart from the terminal UI itself.

pub mod check;
pub mod harvest;
pub mod library;
pub mod rehearse;
pub mod runsheet;
pub mod sessions;
pub mod start;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::store::paths::Dirs;

/// Runs a parsed command line; errors are printed by `main`.
pub fn dispatch(cli: Cli) -> Result<ExitCode, String> {
    let dirs = Dirs::resolve(cli.data_dir)?;
    match cli.command {
        None => start::default(&dirs),
        Some(Command::Run {
            plan,
            session,
            roster,
        }) => start::run(&dirs, &plan, session, roster.as_deref()),
        Some(Command::Open { session }) => start::open(&dirs, &session),
        Some(Command::Check {
            plans,
            people,
            deny_warnings,
        }) => Ok(check::check(&dirs, &plans, people, deny_warnings)),
        Some(Command::Runsheet {
            plan,
            start,
            people,
        }) => runsheet::print(&plan, start, people),
        Some(Command::Rehearse {
            plan,
            people,
            speed,
            report,
            spread,
        }) => rehearse::rehearse(&dirs, &plan, people, speed, spread, report.as_deref()),
        Some(Command::Sessions) => Ok(sessions::list(&dirs)),
        Some(Command::Library { action }) => library::run(&dirs, action),
        Some(Command::Harvest {
            session,
            format,
            anonymize,
        }) => harvest::print(&session, format.into(), anonymize),
    }
}
