//! Group reports as files: written on a breakout's laptop (`circlekeeper
//! report`), read on the plenary's, where the report-back screen imports
//! one by its path.
//!
//! Reading is bounded like every input (a regular file, at most 16 MiB),
//! a mistake is named by its line and column, a report from a newer
//! circlekeeper is refused, and so is a session or plan given by mistake.

use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::error::StoreError;
use super::input::{Input, read_text};
use super::text::{options, parse};
use crate::core::breakout::report::{FORMAT, GroupReport, import as import_report};
use crate::core::decision::record::Refused;
use crate::core::event::Event;
use crate::core::run::SegmentId;
use crate::core::state::State;

/// A report as the text of its file: a comment saying what it is and
/// where it goes, then the report.
pub fn to_text(report: &GroupReport) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(false);
    let body = options().to_string_pretty(report, config)?;
    let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(format!(
        "// The report of {} ({}), from the session \"{}\".\n\
         // Import it on the plenary's laptop, at the report-back of its breakout.\n\
         {body}\n",
        one_line(&report.group),
        one_line(&report.breakout),
        one_line(&report.session),
    ))
}

/// What kind of file a text holds, and its format.
#[derive(Debug, Deserialize)]
struct Probe {
    format: Option<u32>,
    events: Option<IgnoredAny>,
    segments: Option<IgnoredAny>,
}

/// Reads a group report.
pub fn read(path: &Path) -> Result<GroupReport, StoreError> {
    let text = read_text(path, Input::Report)?;
    if let Ok(p) = options().from_str::<Probe>(&text) {
        let wrong = |found| StoreError::WrongKind {
            path: path.to_path_buf(),
            expected: "group report",
            found,
            hint: "write a group's report with `circlekeeper report SESSION --group NAME`",
        };
        if p.events.is_some() {
            return Err(wrong("session"));
        }
        if p.segments.is_some() {
            return Err(wrong("plan"));
        }
        if let Some(found) = p.format.filter(|f| *f > FORMAT) {
            return Err(StoreError::NewerReport {
                path: path.to_path_buf(),
                found,
                known: FORMAT,
            });
        }
    }
    parse(path, &text)
}

/// Why a report was not imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as a report.
    #[error(transparent)]
    File(#[from] StoreError),
    /// It reads, but may not land here (a note kept in the circle, no such
    /// group, already imported).
    #[error("{}: {reason}", path.display())]
    Refused {
        path: std::path::PathBuf,
        reason: Refused,
    },
}

/// Reads the report at `path` and gives the event that imports it into
/// the breakout heard in `segment` (into group `into`, else the group of
/// the same name): what the report-back's import key calls.
pub fn import(
    path: &Path,
    state: &State,
    segment: SegmentId,
    into: Option<u32>,
) -> Result<Event, ImportError> {
    let report = read(path)?;
    let file = path.display().to_string();
    import_report(state, &report, &file, segment, into).map_err(|reason| ImportError::Refused {
        path: path.to_path_buf(),
        reason,
    })
}
