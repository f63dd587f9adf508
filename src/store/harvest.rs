//! Harvest files, written beside the session they come from.
//!
//! `NAME.ron` gives `NAME.harvest.md` or `NAME.harvest.ron`, readable by
//! their owner only like the session itself: even a harvest names people.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::error::StoreError;
use super::file::write_atomic;
use crate::core::harvest::{Format, Harvest, Options, airtime_lines};
use crate::core::session::Session;
use crate::core::state::State;

const MARK: &str = ".harvest.";

/// Where the harvest of a session is written.
pub fn export_path(session: &Path, format: Format) -> PathBuf {
    let stem = super::paths::stem(session);
    session.with_file_name(format!("{stem}{MARK}{}", format.extension()))
}

/// Whether a file name is a harvest's, so session listings pass it by.
pub fn is_harvest_file(name: &str) -> bool {
    name.ends_with(&format!("{MARK}{}", Format::Ron.extension()))
        || name.ends_with(&format!("{MARK}{}", Format::Markdown.extension()))
}

/// Writes the harvest beside the session (atomically, mode 0600), replacing
/// an earlier one; returns where it went.
pub fn write_harvest(
    session: &Path,
    harvest: &Harvest,
    format: Format,
) -> Result<PathBuf, StoreError> {
    let path = export_path(session, format);
    let text = harvest
        .render(format)
        .map_err(|e| StoreError::io(&path, std::io::Error::other(e.to_string())))?;
    write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// Builds the harvest of a session as it stands at `now` (airtime and
/// all, anonymized if asked) and writes it beside the session: the Notes
/// screen's export. Run `core::harvest::privacy::check` with the same
/// options first to show what it would share.
pub fn export(
    path: &Path,
    session: &Session,
    state: &State,
    options: &Options,
    format: Format,
    now: Timestamp,
) -> Result<PathBuf, StoreError> {
    let airtime = airtime_lines(state, now);
    let airtime = (!airtime.is_empty()).then_some(airtime.as_slice());
    let harvest = Harvest::build(session, state, options, airtime);
    write_harvest(path, &harvest, format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harvests_sit_beside_their_session() {
        let p = Path::new("/d/2026-11-23-1830-circle.ron");
        let md = export_path(p, Format::Markdown);
        assert_eq!(md, Path::new("/d/2026-11-23-1830-circle.harvest.md"));
        let ron = export_path(p, Format::Ron);
        assert_eq!(ron, Path::new("/d/2026-11-23-1830-circle.harvest.ron"));
        assert_eq!(
            export_path(Path::new("x"), Format::Markdown),
            Path::new("x.harvest.md")
        );
        assert!(is_harvest_file("2026-11-23-1830-circle.harvest.ron"));
        assert!(!is_harvest_file("2026-11-23-1830-circle.ron"));
    }
}
