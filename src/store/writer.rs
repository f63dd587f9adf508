//! Writing a live session: new events are appended to the journal, and the
//! session file is rewritten (atomically, keeping a backup) only when the
//! journal is folded into it: on quit, on close, on suspend, once the
//! journal passes [`FOLD_AT`], and whenever a journal write went wrong.
//!
//! Before every write it checks that the files are still the ones it last
//! wrote and that it still holds the lock. If another program edited or
//! replaced the session, or the lock file was deleted (letting a second
//! writer in), nothing more is written over them: the whole session goes to
//! a side file, `NAME.conflict-<time>.ron`, from then on.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::atomic::{self, Step};
use super::error::StoreError;
use super::file::{keep_backup, write_atomic};
use super::journal::{self, Header};
use super::lock::Lock;
use super::paths::{backup_path, sibling};
use super::text::session_to_string;
use crate::core::event::{Entry, Event};
use crate::core::session::Session;

/// A journal this long is folded into the session file at the next save.
pub const FOLD_AT: u64 = 1024 * 1024;

/// A fault hook run before each step of a write (see `atomic`); tests make
/// steps fail through it.
pub type Faults = Box<dyn FnMut(Step) -> io::Result<()> + Send>;

/// Which file is which on disk, as this process last wrote or read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    modified: (i64, i64),
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
        }
    }

    fn at(path: &Path) -> Option<Stamp> {
        fs::symlink_metadata(path).ok().map(|m| Stamp::of(&m))
    }
}

/// What is on disk when a writer starts.
#[derive(Debug)]
pub enum Start {
    /// Nothing yet: the first save writes the session file.
    Fresh,
    /// A session read from disk.
    Opened {
        /// The session file as read.
        file: Stamp,
        /// How many of the session's events the session file holds (the
        /// rest came from the journal).
        file_events: usize,
        /// The journal as read, if there is one.
        journal: journal::Found,
        /// An older format's original text, kept as `NAME.ron.vN.bak`
        /// before the first rewrite.
        upgrade: Option<(u32, Vec<u8>)>,
    },
}

/// What a save did, when it did not fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Saved,
    /// Saved, with something the facilitator should know (no backup kept).
    SavedBut(String),
    /// The session on disk is no longer this writer's: everything went to
    /// `side` instead.
    Elsewhere {
        side: PathBuf,
        why: String,
    },
}

struct OpenJournal {
    file: File,
    /// Device and inode of the journal file.
    id: (u64, u64),
    /// Bytes written, as far as this writer knows.
    len: u64,
    entries: usize,
}

/// The one writer of a session file (it holds the lock).
pub struct Writer {
    path: PathBuf,
    session: Session,
    lock: Lock,
    faults: Faults,
    /// The session file as last written or read; `None` before the first
    /// write of a fresh session.
    file: Option<Stamp>,
    file_events: usize,
    journal: Option<OpenJournal>,
    /// The next save rewrites the session file (a fresh session, an
    /// upgrade, an untidy journal, a failed append).
    rewrite: bool,
    upgrade: Option<(u32, Vec<u8>)>,
    /// Modes of the files are checked once, on the first save.
    tightened: bool,
    /// Set once the files on disk turned out not to be ours.
    conflict: Option<(PathBuf, String)>,
}

impl Writer {
    pub fn new(path: PathBuf, session: Session, lock: Lock, start: Start) -> Writer {
        let mut w = Writer {
            path,
            session,
            lock,
            faults: Box::new(atomic::no_faults),
            file: None,
            file_events: 0,
            journal: None,
            rewrite: true,
            upgrade: None,
            tightened: false,
            conflict: None,
        };
        if let Start::Opened {
            file,
            file_events,
            journal,
            upgrade,
        } = start
        {
            w.file = Some(file);
            w.file_events = file_events;
            w.rewrite = upgrade.is_some() || journal.untidy();
            w.upgrade = upgrade;
            if journal.exists && !w.rewrite {
                w.journal = w.reopen_journal(&journal);
                // A journal that cannot be appended to is folded away.
                w.rewrite = w.journal.is_none();
            }
        }
        w
    }

    /// Makes every step of every write go through `faults` first (tests).
    pub fn with_faults(mut self, faults: Faults) -> Writer {
        self.faults = faults;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The session with everything handed over so far.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Takes new events; they are written by the next [`save`](Self::save).
    pub fn push(&mut self, entries: Vec<Entry>) {
        if entries.iter().any(|e| e.event == Event::Closed) {
            // A closed session is folded into one file at once.
            self.rewrite = true;
        }
        self.session.events.extend(entries);
    }

    /// Whether a save has anything to write.
    pub fn owed(&self) -> bool {
        self.rewrite || self.session.events.len() > self.durable()
    }

    /// Events known to be on disk (session file and journal).
    fn durable(&self) -> usize {
        self.file_events + self.journal.as_ref().map_or(0, |j| j.entries)
    }

    /// Writes what is owed: new events to the journal, or the whole session
    /// when it is due for a rewrite.
    pub fn save(&mut self) -> Result<Outcome, StoreError> {
        if let Some(outcome) = self.divert()? {
            return Ok(outcome);
        }
        self.tighten();
        if self.rewrite {
            return self.fold();
        }
        if self.session.events.len() > self.durable() {
            self.append()?;
            if self.journal.as_ref().is_some_and(|j| j.len > FOLD_AT) {
                // The events are safe in the journal; folding can wait for
                // the next save if it fails now.
                return Ok(self.fold().unwrap_or(Outcome::Saved));
            }
        }
        Ok(Outcome::Saved)
    }

    /// Folds the journal into the session file now (on suspend).
    pub fn fold_now(&mut self) -> Result<Outcome, StoreError> {
        if let Some(outcome) = self.divert()? {
            return Ok(outcome);
        }
        if self.journal.is_some() || self.owed() {
            self.fold()
        } else {
            Ok(Outcome::Saved)
        }
    }

    /// The last save, on the way out: everything in the session file and no
    /// journal left beside it. When folding fails but every event is safe
    /// in the journal, that is still a save (the next open folds it).
    pub fn close(&mut self) -> Result<Outcome, StoreError> {
        match self.fold_now() {
            Ok(o) => Ok(o),
            Err(e) => {
                let safe = !self.rewrite
                    && self.journal.is_some()
                    && self.durable() == self.session.events.len();
                if safe { Ok(Outcome::Saved) } else { Err(e) }
            }
        }
    }

    /// Rewrites the session file in one piece, keeping the version it
    /// replaces as the backup, then drops the journal it now holds.
    fn fold(&mut self) -> Result<Outcome, StoreError> {
        if let Some((from, original)) = &self.upgrade {
            let keep = sibling(&self.path, "", &format!(".v{from}.bak"));
            write_atomic(&keep, original)?;
            self.upgrade = None;
        }
        let text = session_to_string(&self.session)
            .map_err(|e| StoreError::io(&self.path, io::Error::other(e.to_string())))?;
        let mut warning = None;
        if self.file.is_some() {
            let bak = backup_path(&self.path);
            if let Err(e) = keep_backup(&self.path) {
                warning = Some(format!("no backup kept: {}: {e}", bak.display()));
            }
        }
        if let Err(e) = atomic::write_with(&self.path, text.as_bytes(), &mut self.faults) {
            // Failing after the rename (the folder's fsync), the file there
            // is this writer's own: note it, so it is not taken for someone
            // else's, and rewrite it again at the next save.
            let now = Stamp::at(&self.path);
            if now != self.file && now.is_some_and(|s| s.len == text.len() as u64) {
                self.file = now;
                self.file_events = self.session.events.len();
                self.journal = None;
            }
            return Err(StoreError::io(&self.path, e));
        }
        self.file = Stamp::at(&self.path);
        self.file_events = self.session.events.len();
        self.rewrite = false;
        if self.journal.take().is_some() || journal::path_of(&self.path).exists() {
            // Safe to fail: a journal the session file already holds is
            // recognised as folded when the session is next opened.
            let _ = fs::remove_file(journal::path_of(&self.path));
        }
        Ok(warning.map_or(Outcome::Saved, Outcome::SavedBut))
    }

    /// Appends the events not yet on disk to the journal, starting one if
    /// there is none, and syncs it.
    fn append(&mut self) -> Result<(), StoreError> {
        let path = journal::path_of(&self.path);
        let from = self.durable();
        let mut bytes = String::new();
        let fresh = self.journal.is_none();
        if fresh {
            bytes += &Header::for_session(&self.session, self.file_events).line();
        }
        for entry in &self.session.events[from..] {
            bytes += &journal::line(entry)
                .map_err(|e| StoreError::io(&path, io::Error::other(e.to_string())))?;
        }
        if fresh {
            (self.faults)(Step::Create).map_err(|e| StoreError::io(&path, e))?;
            let file = OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW)
                .open(&path)
                .map_err(|e| StoreError::io(&path, e))?;
            let meta = file.metadata().map_err(|e| StoreError::io(&path, e))?;
            self.journal = Some(OpenJournal {
                file,
                id: (meta.dev(), meta.ino()),
                len: 0,
                entries: 0,
            });
        }
        let added = self.session.events.len() - from;
        let faults = &mut self.faults;
        let Some(j) = self.journal.as_mut() else {
            return Ok(());
        };
        let mut steps = || -> io::Result<()> {
            faults(Step::Write)?;
            j.file.write_all(bytes.as_bytes())?;
            faults(Step::Sync)?;
            j.file.sync_data()?;
            if fresh {
                // The journal's name must survive a crash too.
                faults(Step::SyncDir)?;
                File::open(self.path.parent().unwrap_or(Path::new(".")))?.sync_all()?;
            }
            Ok(())
        };
        match steps() {
            Ok(()) => {
                j.len += bytes.len() as u64;
                j.entries += added;
                Ok(())
            }
            Err(e) => {
                // What reached the file is unknown: note its length (so it
                // is not taken for someone else's edit) and rewrite the
                // session in one piece next time.
                j.len = j.file.metadata().map_or(j.len, |m| m.len());
                if j.entries == 0 {
                    j.len = 0;
                    let _ = j.file.set_len(0);
                }
                self.rewrite = true;
                Err(StoreError::io(&path, e))
            }
        }
    }

    /// Continues an existing journal that ends with a whole line.
    fn reopen_journal(&self, found: &journal::Found) -> Option<OpenJournal> {
        let file = OpenOptions::new()
            .append(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(journal::path_of(&self.path))
            .ok()?;
        let meta = file.metadata().ok()?;
        (meta.len() == found.len).then(|| OpenJournal {
            file,
            id: (meta.dev(), meta.ino()),
            len: found.len,
            entries: found.entries.len(),
        })
    }

    /// Once the files on disk are not this writer's (see `outside_change`),
    /// every save writes the whole session to the side file instead.
    fn divert(&mut self) -> Result<Option<Outcome>, StoreError> {
        if self.conflict.is_none()
            && let Some(why) = self.outside_change()
        {
            self.conflict = Some((conflict_path(&self.path, Timestamp::now()), why));
        }
        let Some((side, why)) = &self.conflict else {
            return Ok(None);
        };
        let text = session_to_string(&self.session)
            .map_err(|e| StoreError::io(side, io::Error::other(e.to_string())))?;
        write_atomic(side, text.as_bytes())?;
        Ok(Some(Outcome::Elsewhere {
            side: side.clone(),
            why: why.clone(),
        }))
    }

    /// Why the session file, its journal or the lock are no longer as this
    /// writer left them, if they are not.
    fn outside_change(&self) -> Option<String> {
        if !self.lock.still_held() {
            return Some(format!(
                "its lock file {} was removed, so another circlekeeper may be writing it",
                self.lock.path.display()
            ));
        }
        let now = Stamp::at(&self.path);
        match (self.file, now) {
            (None, Some(_)) => return Some("another file appeared at its path".into()),
            (Some(_), None) => return Some("the session file was removed or renamed".into()),
            (Some(was), Some(now)) if was != now => {
                return Some("the session file was changed by another program".into());
            }
            _ => {}
        }
        if let Some(j) = &self.journal {
            let on_disk = Stamp::at(&journal::path_of(&self.path));
            if !on_disk.is_some_and(|s| (s.dev, s.ino) == j.id && s.len == j.len) {
                return Some("its journal was changed by another program".into());
            }
        }
        None
    }

    /// Makes the session's files private, whatever they were copied in as:
    /// they hold notes about people.
    fn tighten(&mut self) {
        if self.tightened {
            return;
        }
        self.tightened = true;
        let bak = backup_path(&self.path);
        for path in [&self.path, &bak, &journal::path_of(&self.path)] {
            tighten_file(path);
        }
    }
}

/// Sets a regular file's mode to 0600 when others may read it.
pub fn tighten_file(path: &Path) {
    if let Ok(meta) = fs::symlink_metadata(path)
        && meta.is_file()
        && meta.permissions().mode() & 0o077 != 0
    {
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
    }
}

/// `NAME.conflict-20261123-183000.ron` beside `NAME.ron`, one not taken.
pub fn conflict_path(session: &Path, now: Timestamp) -> PathBuf {
    let stem = super::paths::stem(session);
    let stamp = now.strftime("%Y%m%d-%H%M%S");
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = session.with_file_name(format!("{stem}.conflict-{stamp}{suffix}.ron"));
        if fs::symlink_metadata(&path).is_err() {
            return path;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::note::{Note, NoteEvent, NoteId, NoteKind, Visibility};
    use crate::core::run::RunEvent;
    use crate::store::file::save_session;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).unwrap()
    }

    fn opened(dir: &Path) -> (PathBuf, Writer) {
        let path = dir.join("s.ron");
        let plan = crate::commands::start::default_plan();
        save_session(&path, &Session::new(plan, at(0))).unwrap();
        let writer = crate::store::open::for_writing(&path).unwrap();
        (path, writer)
    }

    fn note(i: usize, text: &str) -> Entry {
        Entry {
            at: at(i as i64),
            event: Event::Note(NoteEvent::Added(Note {
                id: NoteId(i as u32),
                kind: NoteKind::Note,
                text: text.into(),
                visibility: Visibility::Shared,
                segment: None,
                speaker: None,
                group: None,
            })),
        }
    }

    #[test]
    fn events_go_to_the_journal_and_the_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut w) = opened(dir.path());
        let before = fs::read(&path).unwrap();
        w.push(vec![note(1, "one"), note(2, "two\nlines")]);
        assert_eq!(w.save().unwrap(), Outcome::Saved);
        w.push(vec![note(3, "three")]);
        assert_eq!(w.save().unwrap(), Outcome::Saved);
        assert_eq!(fs::read(&path).unwrap(), before);
        let journal = fs::read_to_string(journal::path_of(&path)).unwrap();
        assert_eq!(journal.lines().count(), 4, "{journal}");
        assert_eq!(
            crate::store::file::read_session(&path).unwrap(),
            *w.session()
        );
        assert!(!w.owed());
    }

    #[test]
    fn closing_the_session_or_a_long_journal_folds_it_into_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut w) = opened(dir.path());
        let long = "a long note ".repeat(1000);
        let mut i = 0;
        while fs::metadata(journal::path_of(&path)).map_or(0, |m| m.len()) <= FOLD_AT - 20_000 {
            i += 1;
            w.push(vec![note(i, &long)]);
            w.save().unwrap();
        }
        // The save that passes the mark folds.
        w.push(vec![note(i + 1, &long), note(i + 2, &long)]);
        w.save().unwrap();
        assert!(!journal::path_of(&path).exists());
        assert_eq!(
            crate::store::file::read_session(&path).unwrap(),
            *w.session()
        );

        w.push(vec![Entry {
            at: at(10_000),
            event: Event::Run(RunEvent::Pause),
        }]);
        w.save().unwrap();
        assert!(journal::path_of(&path).exists());
        w.push(vec![Entry {
            at: at(10_001),
            event: Event::Closed,
        }]);
        w.save().unwrap();
        assert!(!journal::path_of(&path).exists(), "closed: one file");
        assert_eq!(
            crate::store::file::read_session(&path).unwrap(),
            *w.session()
        );
    }
}
