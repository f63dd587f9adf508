//! Where files live: the data folder (sessions, logs) and the config folder
//! (keymap, activity library), each overridable for tests and portable use.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The folders circlekeeper reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    pub data: PathBuf,
    pub config: PathBuf,
}

pub const DATA_ENV: &str = "CIRCLEKEEPER_DATA_DIR";
pub const CONFIG_ENV: &str = "CIRCLEKEEPER_CONFIG_DIR";

impl Dirs {
    /// `--data-dir`, else `CIRCLEKEEPER_DATA_DIR`, else the platform's data
    /// folder; likewise `CIRCLEKEEPER_CONFIG_DIR` for config.
    pub fn resolve(data_flag: Option<PathBuf>) -> Result<Dirs, String> {
        let project = ProjectDirs::from("", "", "circlekeeper");
        let env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let data = data_flag
            .or_else(|| env(DATA_ENV))
            .or_else(|| project.as_ref().map(|p| p.data_dir().to_path_buf()))
            .ok_or("no home folder found; set CIRCLEKEEPER_DATA_DIR or pass --data-dir")?;
        let config = env(CONFIG_ENV)
            .or_else(|| project.as_ref().map(|p| p.config_dir().to_path_buf()))
            .unwrap_or_else(|| data.join("config"));
        Ok(Dirs { data, config })
    }

    /// Real sessions.
    pub fn sessions(&self) -> PathBuf {
        self.data.join("sessions")
    }

    /// Throwaway rehearsal sessions, kept apart so they are never listed.
    pub fn rehearsals(&self) -> PathBuf {
        self.data.join("rehearsals")
    }

    /// The records of gatherings that last (one file per gathering).
    pub fn gatherings(&self) -> PathBuf {
        self.data.join("gatherings")
    }

    /// Diagnostics; the TUI owns the screen, so nothing is printed there.
    pub fn log_file(&self) -> PathBuf {
        self.data.join("circlekeeper.log")
    }
}

/// The local time zone, as `TimeZone::system()` finds it but without its
/// walk through the whole zoneinfo folder (about a millisecond before the
/// first frame): with no `TZ` set, `/etc/localtime` is read directly and
/// named by where its link points. Anything unusual goes to jiff.
pub fn local_zone() -> jiff::tz::TimeZone {
    use jiff::tz::TimeZone;
    if std::env::var_os("TZ").is_some() {
        return TimeZone::system();
    }
    let link = Path::new("/etc/localtime");
    let name = std::fs::read_link(link).ok().and_then(|target| {
        let target = target.to_string_lossy().into_owned();
        let (_, name) = target.split_once("zoneinfo/")?;
        Some(name.to_string())
    });
    let zone = name.and_then(|name| {
        let bytes = std::fs::read(link).ok()?;
        TimeZone::tzif(&name, &bytes).ok()
    });
    zone.unwrap_or_else(TimeZone::system)
}

/// A file-name-safe short form of a title: letters and digits of any script
/// kept, everything else a dash.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "session".into()
    } else {
        out
    }
}

/// A new session file's path: `2026-11-23-1830-title.ron`, never one that
/// exists, nor one another circlekeeper has just claimed (its lock) or a
/// journal lies beside.
pub fn new_session_path(dir: &Path, title: &str, stamp: &str) -> PathBuf {
    let base = format!("{stamp}-{}", slug(title));
    let mut path = dir.join(format!("{base}.ron"));
    let mut n = 2;
    let taken = |p: &Path| {
        [p.to_path_buf(), lock_path(p), super::journal::path_of(p)]
            .iter()
            .any(|p| std::fs::symlink_metadata(p).is_ok())
    };
    while taken(&path) {
        path = dir.join(format!("{base}-{n}.ron"));
        n += 1;
    }
    path
}

/// The backup of the last good version of a file.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, "", ".bak")
}

/// The lock that keeps a second circlekeeper from writing the same session.
pub fn lock_path(path: &Path) -> PathBuf {
    sibling(path, ".", ".lock")
}

/// A session's name without `.ron`: `NAME` of `NAME.ron`, for the files
/// named after it (harvests, conflict copies).
pub fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session.ron".into());
    name.strip_suffix(".ron").unwrap_or(&name).to_string()
}

/// A file beside `path` named `{prefix}{name}{suffix}`.
pub fn sibling(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session.ron".into());
    path.with_file_name(format!("{prefix}{name}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_any_script_and_drop_the_rest() {
        assert_eq!(slug("Community meeting: Nov!"), "community-meeting-nov");
        assert_eq!(slug("Kreis 🌱 der Nachbarn"), "kreis-der-nachbarn");
        assert_eq!(slug("集会"), "集会");
        assert_eq!(slug("!!!"), "session");
        assert!(slug(&"a".repeat(100)).len() <= 40);
    }

    #[test]
    fn a_new_session_never_takes_a_name_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let first = new_session_path(dir.path(), "Circle", "2026-11-23-1830");
        assert_eq!(first, dir.path().join("2026-11-23-1830-circle.ron"));
        // Claimed by another circlekeeper that has not written it yet.
        std::fs::write(lock_path(&first), "").unwrap();
        let second = new_session_path(dir.path(), "Circle", "2026-11-23-1830");
        assert_eq!(second, dir.path().join("2026-11-23-1830-circle-2.ron"));
        std::fs::write(super::super::journal::path_of(&second), "").unwrap();
        let third = new_session_path(dir.path(), "Circle", "2026-11-23-1830");
        assert_eq!(third, dir.path().join("2026-11-23-1830-circle-3.ron"));
    }

    #[test]
    fn sibling_files() {
        let p = Path::new("/d/x.ron");
        assert_eq!(backup_path(p), Path::new("/d/x.ron.bak"));
        assert_eq!(lock_path(p), Path::new("/d/.x.ron.lock"));
    }
}
