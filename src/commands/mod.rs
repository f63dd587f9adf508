//! What each command does, apart from the terminal UI itself.

pub mod check;
pub mod completions;
pub mod follow;
pub mod gathering;
pub mod harvest;
pub mod library;
pub mod manual;
pub mod rehearse;
pub mod report;
pub mod runsheet;
pub mod sessions;
pub mod start;

use std::process::ExitCode;

use color_eyre::eyre::{Report, Result, eyre};

use crate::cli::{Cli, Command};
use crate::store::paths::Dirs;

/// Runs a parsed command line; errors are printed by `main`, which exits 1
/// for them (clap itself exits 2 for wrong usage).
pub fn dispatch(cli: Cli) -> Result<ExitCode> {
    let dirs = Dirs::resolve(cli.data_dir).map_err(Report::msg)?;
    if matches!(
        cli.command,
        None | Some(Command::Run { .. } | Command::Open { .. } | Command::Rehearse { .. })
    ) {
        crate::store::library::prepare();
    }
    match cli.command {
        None => start::default(&dirs),
        Some(Command::Run {
            plan,
            session,
            roster,
            day,
        }) => start::run(&dirs, &plan, session, roster.as_deref(), day.as_deref()),
        Some(Command::Open { session }) => start::open(&dirs, &session),
        Some(Command::Follow { session, view }) => follow::follow(&dirs, session, view),
        Some(Command::Check {
            plans,
            people,
            deny_warnings,
            message_format,
        }) => Ok(check::check(
            &dirs,
            &plans,
            people,
            deny_warnings,
            message_format,
        )),
        Some(Command::Runsheet {
            plan,
            start,
            people,
            day,
        }) => runsheet::print(&plan, start, people, day.as_deref()),
        Some(Command::Rehearse {
            plan,
            people,
            speed,
            report,
            spread,
            day,
        }) => rehearse::rehearse(
            &dirs,
            &plan,
            people,
            speed,
            spread,
            report.as_deref(),
            day.as_deref(),
        ),
        Some(Command::Gathering {
            id,
            rebuild,
            format,
        }) => gathering::run(&dirs, id.as_deref(), rebuild, format),
        Some(Command::Sessions { format }) => sessions::list(&dirs, format),
        Some(Command::Library { action, format }) => library::run(&dirs, action, format),
        Some(Command::Harvest {
            session,
            format,
            anonymize,
            check,
        }) => harvest::print(&session, format.into(), anonymize, check),
        Some(Command::Report { session, group }) => report::print(&session, &group),
        Some(Command::Completions { shell }) => completions::print(&dirs, shell),
        Some(Command::Manual) => manual::print(),
    }
}

/// Writes `value` to stdout as pretty JSON, for scripts and `jq`.
fn print_json(value: &impl serde::Serialize) -> Result<()> {
    use std::io::Write;
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| eyre!("cannot write the output: {e}"))
}
