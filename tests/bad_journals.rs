//! Damaged journals: the events a session appends beside its file. A
//! journal of another session, or one that does not continue the file, is
//! refused with nothing written; a damaged line names its line; a last
//! line cut off by a crash, at any byte, is left out.

mod common;

use circlekeeper::store::file::read_session;
use circlekeeper::store::text::session_to_string;
use common::{circlekeeper, run, sample_session};
use tempfile::TempDir;

/// A session file and a journal continuing it with `events` more events;
/// the bytes of each.
fn session_with_journal(dir: &std::path::Path, events: usize) -> (Vec<u8>, Vec<u8>) {
    use circlekeeper::core::event::{Entry, Event};
    use circlekeeper::core::run::RunEvent;
    use circlekeeper::store::journal::{Header, line};
    let session = sample_session();
    let text = session_to_string(&session).unwrap();
    let mut journal = Header::for_session(&session, session.events.len()).line();
    for i in 0..events {
        let entry = Entry {
            at: common::at(2000 + i as i64),
            event: Event::Run(if i % 2 == 0 {
                RunEvent::Pause
            } else {
                RunEvent::Resume
            }),
        };
        journal += &line(&entry).unwrap();
    }
    std::fs::write(dir.join("s.ron"), &text).unwrap();
    std::fs::write(dir.join("s.ron.journal"), &journal).unwrap();
    (text.into_bytes(), journal.into_bytes())
}

/// `open s.ron` is refused with `words`, and nothing is written: both
/// files as they were, nothing new beside them, no lock left.
fn open_refused(dir: &std::path::Path, words: &str) -> String {
    let before: Vec<Vec<u8>> = ["s.ron", "s.ron.journal"]
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    let listing = common::listing(dir);
    let (code, _, stderr) = run(circlekeeper(dir).arg("open").arg(dir.join("s.ron")));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(words), "expected {words:?} in:\n{stderr}");
    let after: Vec<Vec<u8>> = ["s.ron", "s.ron.journal"]
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    assert!(before == after, "a file was changed");
    assert_eq!(common::listing(dir), listing, "files were left behind");
    stderr
}

#[test]
fn a_journal_from_another_session_is_refused() {
    let dir = TempDir::new().unwrap();
    let (_, journal) = session_with_journal(dir.path(), 3);
    // The same journal beside a session begun at another time.
    let mut other = sample_session();
    other.created = common::at(5);
    std::fs::write(dir.path().join("s.ron"), session_to_string(&other).unwrap()).unwrap();
    std::fs::write(dir.path().join("s.ron.journal"), &journal).unwrap();
    let stderr = open_refused(dir.path(), "this journal belongs to another session");
    let journal_path = dir.path().join("s.ron.journal");
    assert!(
        stderr.starts_with(&format!("error: {}: ", journal_path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("move it away"), "{stderr}");
    assert!(read_session(&dir.path().join("s.ron")).is_err());
}

#[test]
fn a_journal_that_does_not_continue_the_file_is_refused() {
    let dir = TempDir::new().unwrap();
    session_with_journal(dir.path(), 3);
    // The session file put back to an older copy, with fewer events.
    let mut older = sample_session();
    older.events.pop();
    std::fs::write(dir.path().join("s.ron"), session_to_string(&older).unwrap()).unwrap();
    open_refused(dir.path(), "continues");
}

#[test]
fn a_damaged_line_before_the_last_names_its_line_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let (_, journal) = session_with_journal(dir.path(), 4);
    let text = String::from_utf8(journal).unwrap();
    // Line 3 is the second event: damage it.
    let damaged = text.replacen("Resume", "Resum\u{0}e", 1);
    std::fs::write(dir.path().join("s.ron.journal"), &damaged).unwrap();
    let journal_path = dir.path().join("s.ron.journal");
    let stderr = open_refused(dir.path(), "a damaged line in the journal");
    assert!(
        stderr.contains(&format!("{}:3:", journal_path.display())),
        "{stderr}"
    );
}

#[test]
fn a_torn_last_line_is_left_out_at_every_byte() {
    use circlekeeper::store::journal;
    let dir = TempDir::new().unwrap();
    let (_, bytes) = session_with_journal(dir.path(), 3);
    let path = dir.path().join("s.ron");
    let all = read_session(&path).unwrap().events;
    let held = sample_session().events.len();
    assert_eq!(all.len(), held + 3);
    let last_start = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    for cut in last_start..bytes.len() {
        std::fs::write(journal::path_of(&path), &bytes[..cut]).unwrap();
        let events = read_session(&path)
            .unwrap_or_else(|e| panic!("cut at {cut}: {e}"))
            .events;
        assert_eq!(events, all[..held + 2], "cut at {cut}");
        // A crash can also leave the end of a file zeroed.
        let mut zeroed = bytes[..cut].to_vec();
        zeroed.extend([0u8; 40]);
        std::fs::write(journal::path_of(&path), &zeroed).unwrap();
        assert_eq!(read_session(&path).unwrap().events, all[..held + 2]);
    }
    // A journal torn inside its first line adds nothing.
    for cut in 0..40 {
        std::fs::write(journal::path_of(&path), &bytes[..cut]).unwrap();
        assert_eq!(
            read_session(&path).unwrap().events.len(),
            held,
            "cut at {cut}"
        );
    }
    // The writer that opens it next folds what is whole into the file, and
    // drops the torn line.
    std::fs::write(journal::path_of(&path), &bytes[..bytes.len() - 5]).unwrap();
    let mut writer = circlekeeper::store::open::for_writing(&path).unwrap();
    writer.save().unwrap();
    drop(writer);
    assert!(!journal::path_of(&path).exists());
    let text = std::fs::read_to_string(&path).unwrap();
    match circlekeeper::store::text::session_from_str(&path, &text).unwrap() {
        circlekeeper::store::text::Loaded::Current(s) => assert_eq!(s.events, all[..held + 2]),
        other => panic!("{other:?}"),
    }
}
