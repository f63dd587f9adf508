//! Diagnostics go to a log file in the data folder: the terminal belongs to
//! the screens while the UI runs.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Mutex;

pub struct Diag {
    file: Option<Mutex<File>>,
}

impl Diag {
    /// Appends to `path`; if it cannot be opened, diagnostics are dropped
    /// rather than stopping the session.
    pub fn open(path: &Path) -> Diag {
        if let Some(dir) = path.parent() {
            let _ = crate::store::file::create_private_dir(dir);
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)
            .ok()
            .map(Mutex::new);
        Diag { file }
    }

    pub fn line(&self, text: &str) {
        if let Some(f) = &self.file
            && let Ok(mut f) = f.lock()
        {
            let _ = writeln!(f, "{} {text}", jiff::Timestamp::now());
        }
    }
}
