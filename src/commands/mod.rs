//! What each command does, apart from the terminal UI itself.

pub mod check;
pub mod harvest;
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
        Some(Command::Run { plan, session }) => start::run(&dirs, &plan, session),
        Some(Command::Open { session }) => start::open(&session),
        Some(Command::Check { plans }) => Ok(check::check(&plans)),
        Some(Command::Sessions) => Ok(sessions::list(&dirs)),
        Some(Command::Harvest {
            session,
            format,
            anonymize,
        }) => harvest::print(&session, format.into(), anonymize),
    }
}
