//! The sessions in the data folder, for `circlekeeper sessions` and resume.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::file::read_session;
use super::harvest::is_harvest_file;
use crate::core::session::Session;
use crate::core::state::State;

/// One line of the session list.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub path: PathBuf,
    pub title: String,
    pub created: Timestamp,
    pub finished: bool,
    /// When the session last changed.
    pub touched: Timestamp,
}

/// Every session file in `dir`, read. Files that fail to load are returned
/// apart, each with its error, so one bad file hides nothing else.
pub fn read_all(dir: &Path) -> (Vec<(PathBuf, Session)>, Vec<String>) {
    read_all_but(dir, &BTreeSet::new())
}

/// The same, leaving out the files in `known` unread: a caller that looks
/// again and again reads only what is new.
pub fn read_all_but(
    dir: &Path,
    known: &BTreeSet<PathBuf>,
) -> (Vec<(PathBuf, Session)>, Vec<String>) {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        // No folder yet simply means no sessions yet.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (found, bad),
        Err(e) => {
            bad.push(format!("{}: {e}", dir.display()));
            return (found, bad);
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".ron")
            || name.starts_with('.')
            || is_harvest_file(&name)
            || known.contains(&path)
        {
            continue;
        }
        match read_session(&path) {
            Ok(s) => found.push((path, s)),
            Err(e) => bad.push(e.to_string()),
        }
    }
    (found, bad)
}

/// Sessions in `dir`, newest change first, and the errors of those that
/// fail to load.
pub fn sessions(dir: &Path) -> (Vec<Summary>, Vec<String>) {
    let (read, bad) = read_all(dir);
    let mut found: Vec<Summary> = read
        .into_iter()
        .map(|(path, s)| Summary {
            touched: s.events.last().map_or(s.created, |e| e.at),
            finished: State::replay(&s).finished(),
            title: s.title,
            created: s.created,
            path,
        })
        .collect();
    found.sort_by(|a, b| b.touched.cmp(&a.touched).then(a.path.cmp(&b.path)));
    (found, bad)
}

/// The real (not rehearsal) sessions in `dir`, oldest first, for learning
/// from history; unreadable files are skipped.
pub fn real_sessions(dir: &Path) -> Vec<Session> {
    let mut found: Vec<Session> = read_all(dir)
        .0
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| !s.rehearsal)
        .collect();
    found.sort_by_key(|s| s.created);
    found
}

/// The most recently changed unfinished session, to resume.
pub fn latest_unfinished(dir: &Path) -> Option<PathBuf> {
    sessions(dir)
        .0
        .into_iter()
        .find(|s| !s.finished)
        .map(|s| s.path)
}
