//! The journal: what happened since the session file was last written,
//! one line per event, appended beside the session as it happens.
//!
//! Rewriting a whole session for every key costs a big gathering tens of
//! milliseconds and megabytes of writes; appending one line costs one small
//! write and one `fdatasync`. The session file is still only ever replaced
//! atomically, when the journal is folded into it (see `writer`).
//!
//! `NAME.ron.journal`, beside `NAME.ron`:
//!
//! ```text
//! (journal:1,session:"2026-11-23T18:30:00.123456789Z",from:120)
//! (at:"2026-11-23T18:41:07.5Z",event:Run(Start(0)))
//! (at:"2026-11-23T18:41:30Z",event:Note(Added((id:0,kind:Note,text:"Two\nlines",...))))
//! ```
//!
//! The first line ties the journal to its session: the session's creation
//! time and how many events the session file held when the journal began.
//! Every other line is one event in compact RON (a line break inside a note
//! is written `\n`). Lines are only ever appended whole, in one write each;
//! a last line without its line break is one a crash or a reader caught
//! half-written, and is left out.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::input::{Input, read_optional};
use super::paths::sibling;
use super::text::{options, spanned};
use crate::core::event::Entry;
use crate::core::session::Session;

/// The journal format this build writes and reads.
pub const VERSION: u32 = 1;

/// Where the journal of a session lives.
pub fn path_of(session: &Path) -> PathBuf {
    sibling(session, "", ".journal")
}

/// The first line of a journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub journal: u32,
    /// The `created` time of the session it continues.
    pub session: Timestamp,
    /// How many events the session file held when the journal began.
    pub from: usize,
}

impl Header {
    pub fn for_session(session: &Session, from: usize) -> Header {
        Header {
            journal: VERSION,
            session: session.created,
            from,
        }
    }

    /// The header as one line, line break included.
    pub fn line(&self) -> String {
        let mut line = options().to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// One event as a journal line, line break included.
pub fn line(entry: &Entry) -> Result<String, ron::Error> {
    let mut line = options().to_string(entry)?;
    line.push('\n');
    Ok(line)
}

/// What a journal beside a session holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    /// The events it adds to the session file, in order.
    pub entries: Vec<Entry>,
    /// Bytes up to the end of its last whole line.
    pub whole: u64,
    /// Bytes in the file (more than `whole` when the last line is torn).
    pub len: u64,
    /// Whether there is a journal file at all.
    pub exists: bool,
    /// Already folded into the session file (a crash came between writing
    /// the session and removing its journal): nothing to add.
    pub stale: bool,
}

impl Found {
    /// Whether the file needs rewriting before anything more is appended:
    /// a torn last line, a stale or empty journal.
    pub fn untidy(&self) -> bool {
        self.exists && (self.stale || self.whole != self.len || self.whole == 0)
    }
}

/// Reads the journal of `session` (read from `session_path`), checking it
/// continues that very session. A torn last line is left out; a damaged
/// earlier line is an error naming its line.
pub fn read(session_path: &Path, session: &Session) -> Result<Found, StoreError> {
    let path = path_of(session_path);
    let Some(bytes) = read_optional(&path, Input::Journal)? else {
        return Ok(Found::default());
    };
    parse(&path, &bytes, session, session_path)
}

/// A journal's bytes, checked against the session they continue.
pub fn parse(
    path: &Path,
    bytes: &[u8],
    session: &Session,
    session_path: &Path,
) -> Result<Found, StoreError> {
    let mut found = Found {
        exists: true,
        len: bytes.len() as u64,
        ..Found::default()
    };
    // Whole lines only: what follows the last line break is torn.
    let whole = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    found.whole = whole as u64;
    if whole == 0 {
        return Ok(found);
    }
    let mut lines = bytes[..whole - 1].split(|b| *b == b'\n');
    let first = lines.next().unwrap_or_default();
    let header: Header = parse_line(path, 1, first)?;
    if header.journal > VERSION {
        return Err(journal_error(
            path,
            format!(
                "made by a newer circlekeeper (journal format {}, this one reads up to {VERSION}); update circlekeeper to open it",
                header.journal
            ),
        ));
    }
    if header.session != session.created {
        return Err(journal_error(
            path,
            format!(
                "this journal belongs to another session (one begun {}), not to {} (begun {}); \
                 move it away to open the session without it",
                header.session,
                session_path.display(),
                session.created
            ),
        ));
    }
    for (i, line) in lines.enumerate() {
        found.entries.push(parse_line(path, i + 2, line)?);
    }
    let held = session.events.len();
    if header.from == held {
        return Ok(found);
    }
    let folded = header.from < held
        && session.events[header.from..]
            .iter()
            .zip(&found.entries)
            .all(|(a, b)| a == b)
        && held - header.from >= found.entries.len();
    if folded {
        found.entries.clear();
        found.stale = true;
        return Ok(found);
    }
    Err(journal_error(
        path,
        format!(
            "this journal continues {} after event {}, but the file holds {held} events \
             (was it replaced by an older or another copy?); move the journal away to open \
             the session without it",
            session_path.display(),
            header.from
        ),
    ))
}

fn journal_error(path: &Path, message: String) -> StoreError {
    StoreError::Journal {
        path: path.to_path_buf(),
        message,
    }
}

/// One whole line, parsed; an error names the line number in the journal.
fn parse_line<T: serde::de::DeserializeOwned>(
    path: &Path,
    number: usize,
    line: &[u8],
) -> Result<T, StoreError> {
    let text = std::str::from_utf8(line).map_err(|e| {
        StoreError::syntax(
            path,
            number,
            line[..e.valid_up_to()].len() + 1,
            "a damaged line: not UTF-8 text",
        )
    })?;
    options()
        .from_str(text)
        .map_err(|e| match spanned(path, text, e) {
            StoreError::Syntax { col, message, .. } => StoreError::syntax(
                path,
                number,
                col,
                format!("a damaged line in the journal: {message}"),
            ),
            other => other,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::run::{RunEvent, SegmentId};

    fn session() -> Session {
        let plan = crate::commands::start::default_plan();
        Session::new(plan, Timestamp::from_second(1_800_000_000).unwrap())
    }

    fn entry(s: i64) -> Entry {
        Entry {
            at: Timestamp::from_second(1_800_000_000 + s).unwrap(),
            event: Event::Run(RunEvent::Start(SegmentId(0))),
        }
    }

    fn journal(session: &Session, from: usize, entries: &[Entry]) -> Vec<u8> {
        let mut text = Header::for_session(session, from).line();
        for e in entries {
            text += &line(e).unwrap();
        }
        text.into_bytes()
    }

    #[test]
    fn lines_are_read_back_and_a_torn_one_left_out() {
        let s = session();
        let entries = [entry(1), entry(2)];
        let bytes = journal(&s, 0, &entries);
        let p = Path::new("s.ron.journal");
        let found = parse(p, &bytes, &s, Path::new("s.ron")).unwrap();
        assert_eq!(found.entries, entries);
        assert!(!found.untidy());
        let cut = &bytes[..bytes.len() - 3];
        let found = parse(p, cut, &s, Path::new("s.ron")).unwrap();
        assert_eq!(found.entries, entries[..1]);
        assert!(found.untidy());
    }

    #[test]
    fn a_note_with_line_breaks_stays_on_one_line() {
        use crate::core::note::{Note, NoteEvent, NoteId, NoteKind, Visibility};
        let mut e = entry(1);
        e.event = Event::Note(NoteEvent::Added(Note {
            id: NoteId(0),
            kind: NoteKind::Note,
            text: "Two\nlines\r\nand 👩🏽‍🦱 \u{2028}".into(),
            visibility: Visibility::Shared,
            segment: None,
            speaker: None,
            group: None,
        }));
        let text = line(&e).unwrap();
        assert_eq!(text.matches('\n').count(), 1);
    }
}
