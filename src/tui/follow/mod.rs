//! `circlekeeper follow`: a read-only window that follows a session as it
//! is written, for a projector or a co-facilitator's terminal.
//!
//! It reads the session file and its journal the way `open` does (whole
//! lines only, so a journal line still being written is left for the next
//! read; an older format migrated in memory), takes no lock and writes
//! nothing. It wakes when the folder changes (`watch`), when the main
//! window's process ends, on a key, and once a second only while a clock
//! runs; otherwise it sleeps. What it draws is a `core::room_view::Room`,
//! filtered for privacy in the core (`draw`).

pub mod digits;
pub mod draw;
pub mod watch;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use jiff::Timestamp;

pub use self::draw::Frame;
pub use self::watch::Writer;
use super::terminal::{self, Msg};
use super::theme::Theme;
use crate::core::room_view::{Room, RoomView};
use crate::core::session::Session;
use crate::core::state::State;
use crate::core::timeline::Timeline;
use crate::store::paths::lock_path;

/// What wakes the follower.
enum Wake {
    Term(Msg),
    /// The session's folder changed.
    Changed,
    /// Read again after a read that caught the files mid-change.
    Retry,
    /// The main window's process ended.
    WriterEnded,
}

/// A read that fails is tried again this many times, a moment apart,
/// before the follower says what is wrong (a save caught half-way passes).
const RETRIES: u8 = 5;

/// The session followed, as last read, and what the follower knows of it.
pub struct Follower {
    path: PathBuf,
    /// A view picked with the follower's own keys, else the facilitator's.
    pub pinned: Option<RoomView>,
    /// The session as last read, its state kept up to date event by event.
    timeline: Option<Timeline>,
    writer: Writer,
    /// The process the follower waits on, so it is watched once.
    watched: Option<u32>,
    problem: Option<String>,
    retries: u8,
    /// Session files beside it already read and found not to be the next
    /// day's: never the next day later either (a session's gathering and
    /// start do not change, and a finished one stays so), so not read again.
    passed_over: BTreeSet<PathBuf>,
}

impl Follower {
    pub fn new(path: &Path, pinned: Option<RoomView>) -> Follower {
        Follower {
            path: path.to_path_buf(),
            pinned,
            timeline: None,
            writer: Writer::Gone,
            watched: None,
            problem: None,
            retries: 0,
            passed_over: BTreeSet::new(),
        }
    }

    /// Reads the session and its journal again. A failed read keeps the
    /// last state on screen; true when it should be tried again.
    pub fn reload(&mut self) -> bool {
        self.writer = Writer::of(&lock_path(&self.path));
        match crate::store::file::read_session(&self.path) {
            Ok(session) => {
                self.catch_up(session);
                self.problem = None;
                self.retries = 0;
                self.next_day();
                false
            }
            Err(e) => {
                self.retries = self.retries.saturating_add(1);
                if self.retries > RETRIES {
                    self.problem = Some(e.to_string());
                }
                self.retries <= RETRIES
            }
        }
    }

    /// Takes in the session as read: only the events new since the last
    /// read when it goes on from it (a fold or a torn line changes nothing
    /// already read), else the whole of it afresh.
    fn catch_up(&mut self, session: Session) {
        if let Some(timeline) = &mut self.timeline {
            let known = timeline.events().len();
            let goes_on = timeline.session().created == session.created
                && session.events.len() >= known
                && session.events[..known].last() == timeline.events().last();
            if goes_on {
                for entry in &session.events[known..] {
                    timeline.record(entry.at, entry.event.clone());
                }
                return;
            }
        }
        self.timeline = Some(Timeline::new(session));
    }

    /// Once the session is closed, the next day's session of its gathering,
    /// when one was begun beside it.
    fn next_day(&mut self) {
        let Some(timeline) = &self.timeline else {
            return;
        };
        let (session, state) = (timeline.session(), timeline.state());
        let Some(gathering) = session.plan.gathering.clone().filter(|_| state.closed) else {
            return;
        };
        let created = session.created;
        let folder = self.path.parent().unwrap_or(Path::new("."));
        let mut next: Option<(PathBuf, Timestamp)> = None;
        for (path, s) in crate::store::list::read_all_but(folder, &self.passed_over).0 {
            let later_day = s.plan.gathering.as_ref() == Some(&gathering) && s.created > created;
            if !later_day || State::replay(&s).finished() {
                self.passed_over.insert(path);
            } else if next.as_ref().is_none_or(|(_, at)| s.created < *at) {
                next = Some((path, s.created));
            }
        }
        if let Some((path, _)) = next {
            self.path = path;
            self.watched = None;
            self.reload();
        }
    }

    /// What to draw at `now`.
    pub fn frame(&self, now: Timestamp) -> Frame {
        let Some(timeline) = &self.timeline else {
            return Frame {
                room: None,
                status: self
                    .problem
                    .clone()
                    .unwrap_or_else(|| format!("reading {}", self.path.display())),
                warn: self.problem.is_some(),
            };
        };
        let (session, state) = (timeline.session(), timeline.state());
        let view = self.pinned.unwrap_or(state.room);
        let room = Room::new(state, &session.plan, &session.title, view, now);
        let source = draw::source(view, self.pinned.is_some());
        let (status, warn) = match (&self.problem, state.closed, self.writer) {
            (Some(p), _, _) => (format!("CANNOT READ: {p}"), true),
            (None, true, _) => (format!("session closed · {source}"), false),
            (None, false, Writer::Writing { .. }) => (format!("live · {source}"), false),
            (None, false, Writer::Gone) => (
                format!(
                    "NOT BEING WRITTEN: the main window is closed; showing the last state · {source}"
                ),
                true,
            ),
            (None, false, Writer::Unheld) => (
                format!(
                    "NOT BEING WRITTEN here: the main window was killed (or writes on another \
                     machine); showing the last state · {source}"
                ),
                true,
            ),
        };
        Frame {
            room: Some(room),
            status,
            warn,
        }
    }

    /// A key: true to quit.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        match key.code {
            KeyCode::Char('q') => return true,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => return true,
            KeyCode::Char('f') | KeyCode::Char('0') => self.pinned = None,
            KeyCode::Char(c @ '1'..='8') => {
                self.pinned = Some(RoomView::ALL[c as usize - '1' as usize]);
            }
            _ => {}
        }
        false
    }

    /// Sleep until the clock on screen next changes second, or, with no
    /// clock running, until something wakes it.
    fn next_wake(&self, now: Timestamp) -> Option<Duration> {
        let state = self.timeline.as_ref()?.state();
        let running = state.run.current.filter(|_| state.run.is_running());
        let elapsed = match (state.running_turn(), running) {
            (Some(turn), _) => turn.spoken(now),
            (None, Some(id)) => state.run.elapsed(id, now),
            _ => return None,
        };
        let into = elapsed.subsec_nanos().max(0) as u64;
        Some(Duration::from_nanos(1_000_000_000 - into) + Duration::from_millis(5))
    }

    /// Waits on the main window's process, so its end shows at once.
    fn watch_writer(&mut self, tx: &Sender<Wake>) {
        if let Writer::Writing { pid: Some(pid) } = self.writer
            && self.watched != Some(pid)
        {
            let tx = tx.clone();
            if watch::on_exit(pid, move || {
                let _ = tx.send(Wake::WriterEnded);
            }) {
                self.watched = Some(pid);
            }
        }
    }
}

/// Follows `path` until the user quits.
pub fn run(path: &Path, pinned: Option<RoomView>, theme: Theme) -> Result<(), String> {
    let mut follower = Follower::new(path, pinned);
    let (tx, rx) = mpsc::channel::<Wake>();
    let changed = tx.clone();
    let _watch = watch::folder(path, move || {
        let _ = changed.send(Wake::Changed);
    })
    .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
    let (term_tx, term_rx) = mpsc::channel::<Msg>();
    terminal::spawn_signals(term_tx.clone()).map_err(|e| format!("cannot watch signals: {e}"))?;
    let forward = tx.clone();
    std::thread::spawn(move || {
        for msg in term_rx {
            if forward.send(Wake::Term(msg)).is_err() {
                break;
            }
        }
    });
    if follower.reload() {
        retry_soon(&tx);
    }
    follower.watch_writer(&tx);
    let mut term = terminal::enter().map_err(|e| format!("cannot open the terminal: {e}"))?;
    terminal::spawn_input(term_tx);
    let mut shown = None;
    let outcome = loop {
        let now = Timestamp::now();
        let frame = follower.frame(now);
        // A new view is drawn on a clean screen: a terminal that measures a
        // script's letters otherwise than we do would keep stray marks.
        let view = frame.room.as_ref().map(|r| r.view);
        if view != shown {
            shown = view;
            // A failed clear only costs stray marks until the next.
            let _ = terminal::clear_whole(&mut term);
        }
        if let Err(e) = term.draw(|f| draw::render(&frame, &theme, f.area(), f.buffer_mut())) {
            break Err(format!("drawing failed: {e}"));
        }
        let msg = match follower.next_wake(now) {
            Some(wait) => match rx.recv_timeout(wait) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => {
                    // Where the main window's end cannot be waited on, the
                    // clock's tick looks again.
                    if follower.watched.is_none() {
                        follower.writer = Writer::of(&lock_path(&follower.path));
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break Ok(()),
            },
            None => match rx.recv() {
                Ok(m) => m,
                Err(_) => break Ok(()),
            },
        };
        let mut quit = false;
        let mut failed = None;
        for msg in std::iter::once(msg).chain(rx.try_iter()) {
            match msg {
                Wake::Term(Msg::Term(Event::Key(k))) if k.kind == KeyEventKind::Press => {
                    let ctrl_z =
                        k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL);
                    if !ctrl_z {
                        quit |= follower.key(k);
                    } else if let Err(e) = terminal::suspend(&mut term) {
                        failed = Some(format!("cannot return to the terminal: {e}"));
                    }
                }
                Wake::Term(Msg::Stop(_)) => quit = true,
                Wake::Term(Msg::Suspend) => {
                    if let Err(e) = terminal::suspend(&mut term) {
                        failed = Some(format!("cannot return to the terminal: {e}"));
                    }
                }
                Wake::Term(_) => {}
                Wake::Changed | Wake::Retry | Wake::WriterEnded => {
                    if follower.reload() {
                        retry_soon(&tx);
                    }
                    follower.watch_writer(&tx);
                }
            }
        }
        if let Some(e) = failed {
            break Err(e);
        }
        if quit {
            break Ok(());
        }
    };
    terminal::leave();
    outcome
}

/// One more read in a moment, for a read that caught a save half-way.
fn retry_soon(tx: &Sender<Wake>) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        let _ = tx.send(Wake::Retry);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::{Entry, Event};
    use crate::core::run::{RunEvent, SegmentId};
    use crate::store::journal::{self, Header};
    use crate::store::text::session_to_string;

    fn entry(secs: i64, event: Event) -> Entry {
        Entry {
            at: Timestamp::from_second(1_800_000_000 + secs).unwrap(),
            event,
        }
    }

    /// A torn journal line, a fold into the session file and an older
    /// format: the follower reads on through each, writing nothing.
    #[test]
    fn reads_through_a_torn_line_a_fold_and_an_older_format() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let plan = crate::commands::start::default_plan();
        let mut session = Session::new(plan, Timestamp::from_second(1_800_000_000).unwrap());
        std::fs::write(&path, session_to_string(&session).unwrap()).unwrap();
        let start = entry(1, Event::Run(RunEvent::Start(SegmentId(0))));
        let room = entry(2, Event::Room(RoomView::Stack));
        let whole = Header::for_session(&session, 0).line() + &journal::line(&start).unwrap();
        let room_line = journal::line(&room).unwrap();
        let torn = format!("{whole}{}", &room_line[..room_line.len() / 2]);
        std::fs::write(journal::path_of(&path), &torn).unwrap();

        let mut follower = Follower::new(&path, None);
        assert!(!follower.reload());
        let now = Timestamp::from_second(1_800_000_010).unwrap();
        let frame = follower.frame(now);
        let room_of = |f: &Frame| f.room.clone().unwrap();
        assert_eq!(room_of(&frame).view, RoomView::Clock, "the torn line waits");
        assert!(
            frame.status.contains("NOT BEING WRITTEN"),
            "{}",
            frame.status
        );
        std::fs::write(journal::path_of(&path), format!("{whole}{room_line}")).unwrap();
        follower.reload();
        assert_eq!(room_of(&follower.frame(now)).view, RoomView::Stack);

        // The journal folded into the session file, in an older format.
        session.events = vec![start, room];
        let v2 = session_to_string(&session).unwrap().replacen(
            &format!("format: {},", crate::core::session::FORMAT),
            "format: 2,",
            1,
        );
        std::fs::write(&path, &v2).unwrap();
        std::fs::remove_file(journal::path_of(&path)).unwrap();
        assert!(!follower.reload());
        assert_eq!(room_of(&follower.frame(now)).view, RoomView::Stack);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            v2,
            "nothing written"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "no lock, no backup: {names:?}");

        // A damaged file keeps the last state on screen, and says why once
        // the retries are spent.
        std::fs::write(&path, "(format: 3, title: ").unwrap();
        while follower.reload() {}
        let frame = follower.frame(now);
        assert_eq!(room_of(&frame).view, RoomView::Stack);
        assert!(frame.status.starts_with("CANNOT READ"), "{}", frame.status);
    }

    /// A closed day of a gathering hands on to its next day's session.
    #[test]
    fn a_closed_day_hands_on_to_the_next_days_session() {
        let dir = tempfile::tempdir().unwrap();
        let mut plan = crate::commands::start::default_plan();
        plan.gathering = Some("summit".into());
        let day = |n: i64| {
            Session::new(
                plan.clone(),
                Timestamp::from_second(1_800_000_000 + n).unwrap(),
            )
        };
        let mut first = day(0);
        first.events.push(entry(5, Event::Closed));
        let (one, two) = (dir.path().join("one.ron"), dir.path().join("two.ron"));
        std::fs::write(&one, session_to_string(&first).unwrap()).unwrap();
        let mut follower = Follower::new(&one, None);
        follower.reload();
        assert!(
            follower
                .frame(Timestamp::UNIX_EPOCH)
                .status
                .starts_with("session closed")
        );
        // Looked at once, it is not read again on every wake-up.
        assert!(follower.passed_over.contains(&one));
        assert!(
            crate::store::list::read_all_but(dir.path(), &follower.passed_over)
                .0
                .is_empty()
        );
        std::fs::write(&two, session_to_string(&day(86_400)).unwrap()).unwrap();
        follower.reload();
        assert_eq!(follower.path, two);
        let room = follower.frame(Timestamp::UNIX_EPOCH).room.unwrap();
        assert_eq!(room.body, crate::core::room_view::Body::Clock);
    }
}
