//! `circlekeeper harvest`: print what a session leaves to share.

use std::io::{ErrorKind, Write};
use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::{Result, eyre};
use jiff::tz::TimeZone;

use crate::cli::HarvestFormat;
use crate::core::harvest::{Format, Harvest, Options, airtime_lines, privacy};
use crate::core::state::State;
use crate::store::file::read_session;

impl From<HarvestFormat> for Format {
    fn from(f: HarvestFormat) -> Format {
        match f {
            HarvestFormat::Markdown => Format::Markdown,
            HarvestFormat::Ron => Format::Ron,
        }
    }
}

/// Reads the session (never writes it, so no lock) and prints its harvest,
/// or with `check` its privacy check.
pub fn print(path: &Path, format: Format, anonymize: bool, check: bool) -> Result<ExitCode> {
    let session = read_session(path)?;
    let state = State::replay(&session);
    let options = Options {
        anonymize,
        time_zone: TimeZone::system(),
    };
    let until = session.events.last().map_or(session.created, |e| e.at);
    let airtime = airtime_lines(&state, until);
    let airtime = (!airtime.is_empty()).then_some(airtime.as_slice());
    let text = if check {
        privacy::check(&session, &state, &options, airtime, format)
            .map(|p| p.to_text(&options.time_zone))
    } else {
        Harvest::build(&session, &state, &options, airtime).render(format)
    }
    .map_err(|e| eyre!("{}: {e}", path.display()))?;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // Piped into `head` and cut short: not an error.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(eyre!("writing the harvest: {e}")),
    }
}
