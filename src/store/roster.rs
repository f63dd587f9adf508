//! Sign-up lists on disk: read safely (a regular file of at most 16 MiB)
//! and parsed by `core::roster`. Used by `run --roster` and the People
//! screen's import alike.

use std::path::Path;

use super::input::{Input, read_text};
use crate::core::roster::{self, Signup};

/// The names of a sign-up list; errors name the file and line.
pub fn load(path: &Path) -> Result<Vec<Signup>, String> {
    let text = read_text(path, Input::Roster).map_err(|e| e.to_string())?;
    let list = roster::parse(&text)
        .map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))?;
    if list.is_empty() {
        return Err(format!("{}: no names in this list", path.display()));
    }
    Ok(list)
}
