//! Gathering records on disk: `<data>/gatherings/ID.ron`, private to the
//! owner (they hold names and follow-ups), each written in one piece.
//!
//! A record is derived from the sessions of its gathering (see
//! `core::gathering`), so losing or breaking one loses nothing: `rebuild`
//! makes it again from the session files, which stay the source of truth.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

use super::error::StoreError;
use super::file::{own_private_dir, write_atomic};
use super::input::{Input, read_optional};
use super::list::read_all;
use super::paths::Dirs;
use super::text::{decode, options, parse};
use crate::core::gathering::derive::derive;
use crate::core::gathering::{RECORD_FORMAT, Record, id_problem};

/// The record's file; the name was checked file-safe when the plan was read.
pub fn path(dirs: &Dirs, id: &str) -> PathBuf {
    dirs.gatherings().join(format!("{id}.ron"))
}

/// Reads a gathering's record; `None` when there is none yet.
pub fn load(dirs: &Dirs, id: &str) -> Result<Option<Record>, StoreError> {
    if let Some(why) = id_problem(id) {
        return Err(StoreError::io(&path(dirs, "_"), std::io::Error::other(why)));
    }
    let path = path(dirs, id);
    let Some(bytes) = read_optional(&path, Input::Gathering)? else {
        return Ok(None);
    };
    let text = decode(&path, &bytes)?;
    let record: Record = parse(&path, text)?;
    if record.format > RECORD_FORMAT {
        return Err(StoreError::Newer {
            path,
            found: record.format,
            known: RECORD_FORMAT,
        });
    }
    Ok(Some(record))
}

/// Writes a record in one piece, readable by its owner only.
pub fn save(dirs: &Dirs, record: &Record) -> Result<PathBuf, StoreError> {
    let path = path(dirs, &record.id);
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ".to_string())
        .struct_names(false);
    let text = options()
        .to_string_pretty(record, config)
        .map_err(|e| StoreError::io(&path, std::io::Error::other(e.to_string())))?;
    own_private_dir(&dirs.data)?;
    own_private_dir(&dirs.gatherings())?;
    let head = format!(
        "// The record of gathering {:?}, derived from its sessions.\n\
         // Rebuild it with `circlekeeper gathering {} --rebuild`.\n",
        record.id, record.id
    );
    write_atomic(&path, format!("{head}{text}\n").as_bytes())?;
    Ok(path)
}

/// The record made afresh from every session of the gathering in the data
/// folder, and the sessions that could not be read (named, so a broken file
/// is never silently left out).
pub fn derive_from_sessions(dirs: &Dirs, id: &str, tz: &TimeZone) -> (Record, Vec<String>) {
    let (read, bad) = read_all(&dirs.sessions());
    let named: Vec<(String, &crate::core::session::Session)> =
        read.iter().map(|(p, s)| (file_name(p), s)).collect();
    (derive(id, &named, tz), bad)
}

/// Derives the record again and writes it.
pub fn rebuild(dirs: &Dirs, id: &str, tz: &TimeZone) -> Result<(Record, Vec<String>), StoreError> {
    let (record, bad) = derive_from_sessions(dirs, id, tz);
    save(dirs, &record)?;
    Ok((record, bad))
}

/// The names of the gatherings with a record, sorted.
pub fn known(dirs: &Dirs) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dirs.gatherings())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let id = name.strip_suffix(".ron")?.to_string();
            (id_problem(&id).is_none()).then_some(id)
        })
        .collect();
    out.sort();
    out
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_round_trips_private_and_a_broken_one_is_named() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let dirs = Dirs {
            data: dir.path().to_path_buf(),
            config: dir.path().join("config"),
        };
        assert_eq!(load(&dirs, "summit").unwrap(), None);
        let (record, bad) = rebuild(&dirs, "summit", &TimeZone::UTC).unwrap();
        assert!(bad.is_empty() && record.sessions.is_empty());
        let file = path(&dirs, "summit");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(load(&dirs, "summit").unwrap(), Some(record));
        assert_eq!(known(&dirs), ["summit"]);
        std::fs::write(&file, "(format: 1, id: \"summit\",").unwrap();
        let e = load(&dirs, "summit").unwrap_err().to_string();
        assert!(e.contains("summit.ron:1:"), "{e}");
        assert!(load(&dirs, "../x").is_err());
    }
}
