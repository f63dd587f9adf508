//! The sessions in the data folder, for `circlekeeper sessions` and resume.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::file::read_session;
use super::harvest::is_harvest_file;
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

/// Sessions in `dir`, newest change first. Files that fail to load are
/// returned apart, each with its error, so one bad file hides nothing else.
pub fn sessions(dir: &Path) -> (Vec<Summary>, Vec<String>) {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (found, bad);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".ron") || name.starts_with('.') || is_harvest_file(&name) {
            continue;
        }
        match read_session(&path) {
            Ok(s) => {
                let state = State::replay(&s);
                found.push(Summary {
                    touched: s.events.last().map_or(s.created, |e| e.at),
                    finished: state.finished(),
                    title: s.title,
                    created: s.created,
                    path,
                });
            }
            Err(e) => bad.push(e.to_string()),
        }
    }
    found.sort_by(|a, b| b.touched.cmp(&a.touched).then(a.path.cmp(&b.path)));
    (found, bad)
}

/// The most recently changed unfinished session, to resume.
pub fn latest_unfinished(dir: &Path) -> Option<PathBuf> {
    sessions(dir)
        .0
        .into_iter()
        .find(|s| !s.finished)
        .map(|s| s.path)
}
