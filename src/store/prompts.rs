//! The prompt rotation's memory across sessions: `<data>/prompts.ron` lists
//! the check-in and check-out prompts already asked in the current cycle
//! (see `core::guide::check_in`). One data folder, one group's memory.
//!
//! A missing file is an empty memory. A broken one is reported but never
//! stops a live run: the caller shows the error and carries on without
//! history.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::file::{create_private_dir, write_atomic};
use super::input::{Input, read_optional};
use super::text::{decode, options, parse};
use crate::core::guide::check_in::Pool;

pub const FILE_NAME: &str = "prompts.ron";

/// Prompts used in the current cycle of each pool, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptHistory {
    #[serde(default)]
    pub check_ins: Vec<String>,
    #[serde(default)]
    pub check_outs: Vec<String>,
}

impl PromptHistory {
    pub fn used(&self, pool: Pool) -> &[String] {
        match pool {
            Pool::CheckIns => &self.check_ins,
            Pool::CheckOuts => &self.check_outs,
        }
    }

    pub fn set(&mut self, pool: Pool, used: Vec<String>) {
        match pool {
            Pool::CheckIns => self.check_ins = used,
            Pool::CheckOuts => self.check_outs = used,
        }
    }
}

pub fn path(data: &Path) -> PathBuf {
    data.join(FILE_NAME)
}

/// Reads the memory; a missing file is an empty one.
pub fn load(data: &Path) -> Result<PromptHistory, StoreError> {
    let path = path(data);
    let Some(bytes) = read_optional(&path, Input::Prompts)? else {
        return Ok(PromptHistory::default());
    };
    let text = decode(&path, &bytes)?;
    parse(&path, text)
}

/// Writes the memory in one piece (never half a file).
pub fn save(data: &Path, history: &PromptHistory) -> Result<(), StoreError> {
    let path = path(data);
    let text = options()
        .to_string_pretty(history, ron::ser::PrettyConfig::default())
        .map_err(|e| StoreError::io(&path, std::io::Error::other(e.to_string())))?;
    create_private_dir(data)?;
    write_atomic(
        &path,
        format!("// Check-in prompts already asked in this cycle.\n{text}\n").as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_missing_and_broken() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), PromptHistory::default());
        let mut h = PromptHistory::default();
        h.set(Pool::CheckOuts, vec!["One word, \"please\".".into()]);
        save(dir.path(), &h).unwrap();
        assert_eq!(load(dir.path()).unwrap(), h);
        assert_eq!(h.used(Pool::CheckIns), [] as [String; 0]);
        std::fs::write(path(dir.path()), "(check_ins: [\"a\",").unwrap();
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("prompts.ron:1:"), "{err}");
    }

    #[test]
    fn a_named_pipe_in_its_place_is_refused_at_once() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = std::ffi::CString::new(path(dir.path()).as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid C string and mode; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(
            err.ends_with("prompts.ron: this is a named pipe (FIFO), not a regular file"),
            "{err}"
        );
    }
}
