//! Damaged files, made by mutating good ones: the example plans, the
//! default plan and saved sessions, with bytes flipped, cut, inserted and
//! lines shuffled. Loading must give a session or plan, or a clean error
//! that names the file (and the line and column of a syntax error inside
//! the text); never a panic. What loads must also replay and draw, since
//! `open` does both next.

mod common;

use std::path::Path;

use circlekeeper::core::event::Event;
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::store::StoreError;
use circlekeeper::store::file::{load_plan, load_session};
use circlekeeper::store::text::session_to_string;
use circlekeeper::tui::app::{App, Screen};
use circlekeeper::tui::keymap::Keymap;
use circlekeeper::tui::theme::Theme;
use common::{at, end_of, sample_session};
use jiff::SignedDuration;
use jiff::tz::TimeZone;
use proptest::prelude::*;

/// Files to damage: (name, text, is a session).
fn originals() -> Vec<(&'static str, String, bool)> {
    vec![
        (
            "community-meeting.ron",
            include_str!("../examples/community-meeting.ron").into(),
            false,
        ),
        (
            "conflict-evening.ron",
            include_str!("../examples/conflict-evening.ron").into(),
            false,
        ),
        (
            "three-day-gathering.ron",
            include_str!("../examples/three-day-gathering.ron").into(),
            false,
        ),
        (
            "default-plan.ron",
            include_str!("../assets/default-plan.ron").into(),
            false,
        ),
        (
            "session.ron",
            session_to_string(&sample_session()).unwrap(),
            true,
        ),
        (
            "busy-session.ron",
            session_to_string(&busy_session()).unwrap(),
            true,
        ),
    ]
}

/// A session with an event of every domain, so mutations reach each one's
/// replay (ids turned out of range, counts made huge...).
fn busy_session() -> Session {
    let mut s = sample_session();
    let mut events = vec![
        Event::Run(RunEvent::Cue(1)),
        Event::Run(RunEvent::Move {
            segment: SegmentId(3),
            to: 2,
        }),
        Event::Run(RunEvent::Skip(SegmentId(4))),
        Event::Run(RunEvent::SetTime {
            segment: SegmentId(2),
            time: SignedDuration::from_mins(7),
        }),
    ];
    events.extend(common::events_of_every_domain());
    events.push(Event::Undo(circlekeeper::core::event::Scope::Any));
    events.push(Event::Run(RunEvent::Pause));
    for (i, e) in events.into_iter().enumerate() {
        s.push(at(1000 + i as i64 * 7), e);
    }
    s
}

/// Fragments that mean something to RON or to a text decoder.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    ",",
    ":",
    "Some(",
    "None",
    "-1",
    "4294967296",
    "99999999999999999999999",
    "1e400",
    "\u{0}",
    "\u{feff}",
    "é",
    "/*",
    "//",
    "r#\"",
    "'",
    "\\u{d800}",
    "\n",
    "\r",
    "\"99h\"",
    "\"-0s\"",
    "Start(4000000000)",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the byte at this place (modulo the length).
    Byte(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Token(usize, usize),
    Truncate(usize),
    /// Replace the nth digit with another: ids and counts out of range.
    Digit(usize, u8),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = any::<usize>();
    // Digit changes mostly keep the syntax, so they reach replay and the
    // screens; the rest mostly test the refusals.
    prop_oneof![
        2 => (n, any::<u8>()).prop_map(|(i, b)| Mutation::Byte(i, b)),
        2 => (n, 1usize..24).prop_map(|(i, l)| Mutation::Delete(i, l)),
        1 => (n, prop::collection::vec(any::<u8>(), 1..6))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => (n, 0..TOKENS.len()).prop_map(|(i, t)| Mutation::Token(i, t)),
        1 => n.prop_map(Mutation::Truncate),
        8 => (n, 0u8..10).prop_map(|(i, d)| Mutation::Digit(i, d)),
        2 => n.prop_map(Mutation::DuplicateLine),
        1 => (n, n).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
    match m {
        Mutation::Byte(i, b) if len > 0 => bytes[i % len] = *b,
        Mutation::Byte(..) => {}
        Mutation::Delete(i, l) => {
            let start = at(*i);
            let end = (start + l).min(len);
            bytes.drain(start..end);
        }
        Mutation::Insert(i, b) => {
            let p = at(*i);
            bytes.splice(p..p, b.iter().copied());
        }
        Mutation::Token(i, t) => {
            let p = at(*i);
            bytes.splice(p..p, TOKENS[*t].bytes());
        }
        Mutation::Truncate(i) => bytes.truncate(at(*i)),
        Mutation::Digit(i, d) => {
            let digits: Vec<usize> = (0..len).filter(|&k| bytes[k].is_ascii_digit()).collect();
            if !digits.is_empty() {
                bytes[digits[i % digits.len()]] = b'0' + d;
            }
        }
        Mutation::DuplicateLine(i) | Mutation::SwapLines(i, _) => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let a = i % lines.len();
            if let Mutation::SwapLines(_, j) = m {
                let b = j % lines.len();
                lines.swap(a, b);
            } else {
                let copy = lines[a].clone();
                lines.insert(a, copy);
            }
            *bytes = lines.join(&b'\n');
        }
    }
}

/// A refusal is clean: it names the file first, and a syntax error points
/// at a line and column inside the text.
fn clean(path: &Path, bytes: &[u8], e: &StoreError) -> Result<(), TestCaseError> {
    let message = e.to_string();
    let name = path.display().to_string();
    prop_assert!(
        message.starts_with(&format!("{name}:")),
        "does not start with the path: {message}"
    );
    if let StoreError::Syntax { line, col, .. } = e {
        prop_assert!(
            message.starts_with(&format!("{name}:{line}:{col}: ")),
            "{message}"
        );
        let text = String::from_utf8_lossy(bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        prop_assert!(*line >= 1 && *col >= 1, "{message}");
        prop_assert!((*line, *col) <= end_of(text), "past the end: {message}");
    }
    Ok(())
}

/// What `open` does after loading: replay the log and draw the screens.
fn replay_and_draw(session: Session) {
    let now = session
        .events
        .last()
        .map_or(session.created, |e| e.at)
        .checked_add(SignedDuration::from_mins(3))
        .unwrap_or(session.created);
    let mut app = App::new(
        session,
        "/sessions/mutated.ron".into(),
        Keymap::defaults(),
        Theme::color(),
        TimeZone::UTC,
    );
    for screen in Screen::ALL {
        app.screen = screen;
        common::screen::draw(&app, now, 80, 24);
    }
}

/// 256 cases in CI; `CIRCLEKEEPER_PROOF=full` runs 20,000.
fn cases() -> u32 {
    if std::env::var("CIRCLEKEEPER_PROOF").is_ok_and(|v| v == "full") {
        20_000
    } else {
        256
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn damaged_files_load_or_are_refused_cleanly(
        which in 0usize..6,
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let (name, text, is_session) = originals().swap_remove(which);
        let mut bytes = text.into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        if is_session {
            match load_session(&path) {
                Ok(session) => replay_and_draw(session),
                Err(e) => clean(&path, &bytes, &e)?,
            }
        } else if let Err(e) = load_plan(&path) {
            clean(&path, &bytes, &e)?;
        }
    }
}

/// A journal continuing the busy session: events of every domain, a note
/// with line breaks among them.
fn busy_journal(session: &Session) -> Vec<u8> {
    use circlekeeper::store::journal::{Header, line};
    let mut text = Header::for_session(session, session.events.len()).line();
    let mut events = common::events_of_every_domain();
    events.push(Event::Run(RunEvent::Resume));
    events.push(Event::Undo(circlekeeper::core::event::Scope::Notes));
    for (i, event) in events.into_iter().enumerate() {
        let entry = circlekeeper::core::event::Entry {
            at: at(5000 + i as i64 * 11),
            event,
        };
        text += &line(&entry).unwrap();
    }
    text.into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases() / 2))]

    /// A damaged journal: the session and journal load (a torn last line
    /// left out), or the error names the journal and, for a damaged line,
    /// its line; never a panic.
    #[test]
    fn damaged_journals_load_or_are_refused_cleanly(
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let session = busy_session();
        let mut bytes = busy_journal(&session);
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("busy.ron");
        std::fs::write(&path, session_to_string(&session).unwrap()).unwrap();
        let journal = circlekeeper::store::journal::path_of(&path);
        std::fs::write(&journal, &bytes).unwrap();
        match load_session(&path) {
            Ok(loaded) => {
                prop_assert!(loaded.events.starts_with(&session.events));
                replay_and_draw(loaded);
            }
            Err(e) => clean(&journal, &bytes, &e)?,
        }
    }
}
