//! `circlekeeper report`: print a breakout group's report, to carry from a
//! breakout's laptop to the plenary's.

use std::io::{ErrorKind, Write};
use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::{Result, eyre};
use jiff::Timestamp;

use crate::core::breakout::report::build;
use crate::core::state::State;
use crate::store::file::read_session;
use crate::store::report::to_text;

/// Reads the session (never writes it, so no lock) and prints the report
/// of its group `group`.
pub fn print(path: &Path, group: &str) -> Result<ExitCode> {
    let session = read_session(path)?;
    let state = State::replay(&session);
    let report = build(&session, &state, group, Timestamp::now())
        .map_err(|e| eyre!("{}: {e}", path.display()))?;
    let text = to_text(&report).map_err(|e| eyre!("{}: {e}", path.display()))?;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(eyre!("writing the report: {e}")),
    }
}
