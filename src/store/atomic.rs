//! Replacing a file so that a crash, a full disk or a pulled plug leaves
//! either the old version or the new one, never a mix.
//!
//! The steps: a new file beside the target (created exclusively, mode
//! 0600), write it all, fsync it, rename it over the target, fsync the
//! folder so the rename itself is on disk. Each step is named by [`Step`]
//! and a fault hook runs before it, so tests can make any one of them fail
//! as a real disk would; the hook used in production does nothing.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// One step of an atomic write, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Creating the temporary file beside the target.
    Create,
    /// Writing the bytes into it.
    Write,
    /// fsync of the temporary file.
    Sync,
    /// Renaming it over the target.
    Rename,
    /// fsync of the folder, making the rename durable.
    SyncDir,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Create,
        Step::Write,
        Step::Sync,
        Step::Rename,
        Step::SyncDir,
    ];
}

/// Called before each step; an error there is returned as that step's
/// failure.
pub type Faults<'a> = &'a mut dyn FnMut(Step) -> io::Result<()>;

/// The production hook: no faults.
pub fn no_faults(_: Step) -> io::Result<()> {
    Ok(())
}

/// Replaces `path` with `bytes` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, bytes, &mut no_faults)
}

/// Like [`write`], with `faults` run before each step. On any failure
/// before the rename the temporary file is removed and the target is
/// untouched. A failure of the last step (the folder fsync) comes after the
/// rename: the target then holds the new bytes, but the caller is told the
/// save is not known to be durable, and retries.
pub fn write_with(path: &Path, bytes: &[u8], faults: Faults) -> io::Result<()> {
    let dir = folder_of(path);
    faults(Step::Create)?;
    let (temp, mut file) = create_temp(path)?;
    let mut steps = || -> io::Result<()> {
        faults(Step::Write)?;
        file.write_all(bytes)?;
        faults(Step::Sync)?;
        file.sync_all()?;
        faults(Step::Rename)?;
        fs::rename(&temp, path)
    };
    if let Err(e) = steps() {
        drop(file);
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    faults(Step::SyncDir)?;
    File::open(dir)?.sync_all()
}

/// The folder a path lives in ("." for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.NAME.XXXXXXXX.tmp` beside the target, created exclusively so two
/// writers never share one.
fn create_temp(path: &Path) -> io::Result<(PathBuf, File)> {
    let mut seed = seed();
    loop {
        seed = next(seed);
        let temp = temp_name(path, seed as u32);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
        {
            Ok(f) => return Ok((temp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

fn temp_name(path: &Path, n: u32) -> PathBuf {
    super::paths::sibling(path, ".", &format!(".{n:08x}.tmp"))
}

/// Whether `name` is a temporary file of `target`'s, as `create_temp`
/// names them.
fn is_temp_of(name: &str, target: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.strip_prefix(target))
        .and_then(|n| n.strip_prefix('.'))
        .and_then(|n| n.strip_suffix(".tmp"))
        .is_some_and(|hex| hex.len() == 8 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Removes temporary files a killed process left beside `path`. Only safe
/// while holding the file's lock (no other writer can be mid-save).
pub fn sweep_stale(path: &Path) {
    let Some(target) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        if is_temp_of(&entry.file_name().to_string_lossy(), &target) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    nanos ^ (u64::from(std::process::id()) << 32)
}

/// splitmix64: enough to spread names; uniqueness comes from `create_new`.
fn next(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_and_nothing_else() {
        let p = Path::new("/d/x.ron");
        let t = temp_name(p, 0xdead_beef);
        assert_eq!(t, Path::new("/d/.x.ron.deadbeef.tmp"));
        assert!(is_temp_of(".x.ron.deadbeef.tmp", "x.ron"));
        for other in [
            "x.ron",
            ".x.ron.lock",
            ".x.ron.bak.tmp",
            ".y.ron.deadbeef.tmp",
            ".x.ron.deadbeefa.tmp",
            ".x.ron.deadbeeg.tmp",
        ] {
            assert!(!is_temp_of(other, "x.ron"), "{other}");
        }
    }
}
