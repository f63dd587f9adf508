//! Errors of reading and writing files, each naming the file (and where it
//! can, the line and column) so the facilitator can go straight to it.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::core::validate::Problem;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The text does not parse: where, and what was expected.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    /// It parses but makes no sense (a zero time box, ...); each problem on
    /// its own line, with its place in the file when it has one.
    #[error("{}", problems.iter().map(|p| match p.at {
        Some((line, col)) => format!("{}:{line}:{col}: {p}", path.display()),
        None => format!("{}: {p}", path.display()),
    }).collect::<Vec<_>>().join("\n"))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error(
        "{}: made by a newer circlekeeper (session format {found}, this one reads up to {known}); update circlekeeper to open it",
        path.display()
    )]
    Newer {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error(
        "{}: made by a newer circlekeeper (group report format {found}, this one reads up to {known}); update circlekeeper to import it",
        path.display()
    )]
    NewerReport {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("{}: this is a {found} file, not a {expected}; {hint}", path.display())]
    WrongKind {
        path: PathBuf,
        expected: &'static str,
        found: &'static str,
        hint: &'static str,
    },
    #[error(
        "{}: this session is open in another circlekeeper; close that one first (only one may write it)",
        path.display()
    )]
    Locked { path: PathBuf },
    #[error("{}: no such session file", path.display())]
    Missing { path: PathBuf },
    #[error(
        "{}: a file is already there; resume it with `circlekeeper open`, or choose another name",
        path.display()
    )]
    Taken { path: PathBuf },
    /// Saving replaces a file under one name; its other names would keep
    /// the old version and the session would fork.
    #[error(
        "{}: this file has {names} names (hard links), and saving under one would leave the others on an old version; open a copy instead (`cp` it to a new name)",
        path.display()
    )]
    HardLinked { path: PathBuf, names: u64 },
    /// A journal that does not continue its session, or is damaged.
    #[error("{}: {message}", path.display())]
    Journal { path: PathBuf, message: String },
    /// A named pipe, a device, a folder...: reading it could hang or never end.
    #[error("{}: this is {found}, not a regular file", path.display())]
    NotRegular { path: PathBuf, found: &'static str },
    #[error("{}: the file is larger than {limit_mib} MiB, the most {what} may be", path.display())]
    TooBig {
        path: PathBuf,
        what: &'static str,
        limit_mib: u64,
    },
}

impl StoreError {
    pub fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A syntax error; whatever it quotes of the input is cut to a sane
    /// length (see `core::echo`).
    pub fn syntax(path: &Path, line: usize, col: usize, message: impl Into<String>) -> StoreError {
        let message = message.into();
        let message = match crate::core::echo::clip_quoted(&message) {
            std::borrow::Cow::Owned(cut) => cut,
            std::borrow::Cow::Borrowed(_) => message,
        };
        StoreError::Syntax {
            path: path.to_path_buf(),
            line,
            col,
            message,
        }
    }
}
