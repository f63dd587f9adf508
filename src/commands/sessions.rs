//! `circlekeeper sessions`: what is in the data folder.

use std::process::ExitCode;

use color_eyre::eyre::Result;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use super::print_json;
use crate::cli::Format;
use crate::store::list::{Summary, sessions};
use crate::store::paths::Dirs;

/// One session as `--format json` gives it; times in RFC 3339 (UTC).
#[derive(Debug, Serialize)]
struct Listed<'a> {
    path: String,
    title: &'a str,
    created: Timestamp,
    /// When it last changed.
    touched: Timestamp,
    finished: bool,
}

impl<'a> From<&'a Summary> for Listed<'a> {
    fn from(s: &'a Summary) -> Listed<'a> {
        Listed {
            path: s.path.to_string_lossy().into_owned(),
            title: &s.title,
            created: s.created,
            touched: s.touched,
            finished: s.finished,
        }
    }
}

/// The list on stdout; files that cannot be read are named on stderr.
pub fn list(dirs: &Dirs, format: Format) -> Result<ExitCode> {
    let dir = dirs.sessions();
    let (mut found, bad) = sessions(&dir);
    // Shown newest first by the date each began, the date printed.
    found.sort_by_key(|s| std::cmp::Reverse(s.created));
    match format {
        Format::Json => print_json(&found.iter().map(Listed::from).collect::<Vec<_>>())?,
        Format::Human => {
            if found.is_empty() && bad.is_empty() {
                println!("No sessions yet in {}", dir.display());
            }
            let tz = TimeZone::system();
            for s in &found {
                println!(
                    "{}  {:<10}  {}  {}",
                    s.created.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M"),
                    if s.finished { "finished" } else { "unfinished" },
                    s.title,
                    s.path.display()
                );
            }
        }
    }
    for e in &bad {
        eprintln!("unreadable: {e}");
    }
    Ok(ExitCode::SUCCESS)
}
