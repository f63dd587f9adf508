//! Diagnostics go to a log file in the data folder: the terminal belongs to
//! the screens while the UI runs.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The log, opened on its first line: nothing is written before the
/// first frame is up.
pub struct Diag {
    path: PathBuf,
    file: OnceLock<Option<Mutex<File>>>,
}

impl Diag {
    /// Appends to `path`; if it cannot be opened, diagnostics are dropped
    /// rather than stopping the session.
    pub fn open(path: &Path) -> Diag {
        Diag {
            path: path.to_path_buf(),
            file: OnceLock::new(),
        }
    }

    fn file(&self) -> Option<&Mutex<File>> {
        self.file
            .get_or_init(|| {
                if let Some(dir) = self.path.parent() {
                    let _ = crate::store::file::create_private_dir(dir);
                }
                OpenOptions::new()
                    .create(true)
                    .append(true)
                    .mode(0o600)
                    .open(&self.path)
                    .ok()
                    .map(Mutex::new)
            })
            .as_ref()
    }

    pub fn line(&self, text: &str) {
        if let Some(f) = self.file()
            && let Ok(mut f) = f.lock()
        {
            let _ = writeln!(f, "{} {text}", jiff::Timestamp::now());
        }
    }
}
