//! The timeline: one session's log, the live state derived from it, and
//! undo, kept together so that every change goes through one door.
//!
//! - `record` logs an event and applies it to the state, forward.
//! - `undo(scope)` takes back the latest entry still in effect in a scope,
//!   logs the `Undo`, and says what it took back (`Undone`), so a screen can
//!   say "undone: jump to Decision" and show it. `undo_last_key` takes back
//!   everything one key did (a pass and the next turn), `undo_latest` the
//!   latest among several scopes.
//! - The state cannot be stepped backwards, so an undo replays: not from the
//!   start, but from the nearest of a few copies of the state kept at
//!   growing distances behind the head (checkpoints). Taking back the last
//!   change replays a few hundred entries at most; taking back one from an
//!   hour ago, about as many as happened since.
//!
//! The rules an undo follows (see `core::undos`): nothing before a `Closed` is
//! taken back; an undone insert keeps its segment id (`Run::withdrawn`), so
//! notes taken in it keep pointing at it; ids of people whose joining was
//! undone stay spent (`People::reserve`).

mod describe;

pub use self::describe::describe;

use jiff::Timestamp;

use super::event::{Entry, Event, Scope};
use super::person::{PeopleEvent, PersonId};
use super::session::Session;
use super::state::State;
use super::undos::Undos;

/// Entries between the closest checkpoints; farther ones are 4, 16, 64...
/// times as far apart.
pub const SPACING: usize = 256;

/// What an undo took back.
#[derive(Debug, Clone, PartialEq)]
pub struct Undone {
    pub entry: Entry,
    /// In words: "jump to Decision", "time box of Check-in", "note by Ana".
    pub what: String,
}

/// A copy of the state after the first `at` entries.
#[derive(Debug, Clone)]
struct Checkpoint {
    at: usize,
    state: State,
}

/// A session's log with its live state and undo.
#[derive(Debug, Clone)]
pub struct Timeline {
    session: Session,
    state: State,
    undos: Undos,
    /// Oldest first; each is valid: nothing before it was taken back since.
    checkpoints: Vec<Checkpoint>,
    spacing: usize,
    /// The highest id any join in the log gave out, undone ones included.
    spent: Option<PersonId>,
}

impl Timeline {
    /// The timeline of a session as loaded: its log replayed once.
    pub fn new(session: Session) -> Timeline {
        Timeline::with_spacing(session, SPACING)
    }

    /// As `new`, with checkpoints `spacing` entries apart (tests use a
    /// small one to exercise them).
    pub fn with_spacing(session: Session, spacing: usize) -> Timeline {
        let undos = Undos::of(&session.events);
        let spent = session.events.iter().filter_map(|e| joined(&e.event)).max();
        let mut timeline = Timeline {
            state: State::fresh(&session),
            session,
            undos,
            checkpoints: Vec::new(),
            spacing: spacing.max(1),
            spent,
        };
        timeline.replay_from(0);
        timeline
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn events(&self) -> &[Entry] {
        &self.session.events
    }

    /// The entries logged after the first `n`: what a saver has not seen.
    pub fn since(&self, n: usize) -> &[Entry] {
        self.session.events.get(n..).unwrap_or(&[])
    }

    pub fn into_parts(self) -> (Session, State) {
        (self.session, self.state)
    }

    /// Logs an event and brings the state up to date. An `Undo` takes back
    /// as `undo` does, and is logged even when it takes nothing back, as a
    /// file replays it.
    pub fn record(&mut self, at: Timestamp, event: Event) {
        let undo = matches!(event, Event::Undo(_));
        let taken = self.push(at, event);
        match taken {
            Some(target) => self.replay_from(target),
            None if undo => {}
            None => {
                let i = self.session.events.len() - 1;
                self.state.step(&self.session.events[i], false);
                let head = i + 1;
                if head.is_multiple_of(self.spacing) {
                    self.checkpoints.push(Checkpoint {
                        at: head,
                        state: self.state.clone(),
                    });
                    self.prune();
                }
            }
        }
    }

    /// Takes back the latest entry still in effect in `scope`; `None` (and
    /// nothing logged) when there is none.
    pub fn undo(&mut self, scope: Scope, at: Timestamp) -> Option<Undone> {
        self.undos.latest(scope)?;
        let target = self.push(at, Event::Undo(scope))?;
        self.replay_from(target);
        Some(self.undone(target))
    }

    /// Takes back everything the last key did in `scope`: the entries still
    /// in effect logged at the same moment as the latest (a pass and the
    /// next turn, a swap of two seats). Oldest first.
    pub fn undo_last_key(&mut self, scope: Scope, at: Timestamp) -> Vec<Undone> {
        let Some(when) = self.latest(scope).map(|e| e.at) else {
            return Vec::new();
        };
        let mut taken = Vec::new();
        while self.latest(scope).is_some_and(|e| e.at == when) {
            taken.extend(self.push(at, Event::Undo(scope)));
        }
        if let Some(first) = taken.iter().min() {
            self.replay_from(*first);
        }
        taken.sort();
        taken.into_iter().map(|i| self.undone(i)).collect()
    }

    /// Takes back the latest entry in any of `scopes`.
    pub fn undo_latest(&mut self, scopes: &[Scope], at: Timestamp) -> Option<Undone> {
        let scope = scopes
            .iter()
            .filter_map(|s| self.undos.latest(*s).map(|i| (i, *s)))
            .max_by_key(|(i, _)| *i)?
            .1;
        self.undo(scope, at)
    }

    /// The entry an undo in `scope` would take back.
    pub fn latest(&self, scope: Scope) -> Option<&Entry> {
        self.undos
            .latest(scope)
            .and_then(|i| self.session.events.get(i))
    }

    pub fn can_undo(&self, scope: Scope) -> bool {
        self.undos.latest(scope).is_some()
    }

    /// Appends an entry; for an undo, the index of the entry it takes back.
    fn push(&mut self, at: Timestamp, event: Event) -> Option<usize> {
        if let Some(id) = joined(&event) {
            self.spent = self.spent.max(Some(id));
        }
        let taken = self.undos.push(&event);
        self.session.push(at, event);
        taken
    }

    fn undone(&self, index: usize) -> Undone {
        let entry = self.session.events[index].clone();
        let what = describe(&entry, &self.state);
        Undone { entry, what }
    }

    /// Rebuilds the state after entry `from` changed (was taken back): from
    /// the nearest checkpoint at or before it, keeping new checkpoints on
    /// the way.
    fn replay_from(&mut self, from: usize) {
        self.checkpoints.retain(|c| c.at <= from);
        let (start, mut state) = match self.checkpoints.last() {
            Some(c) => (c.at, c.state.clone()),
            None => (0, State::fresh(&self.session)),
        };
        let head = self.session.events.len();
        for (i, entry) in self.session.events.iter().enumerate().skip(start) {
            state.step(entry, self.undos.is_undone(i));
            let at = i + 1;
            if keeps(at, head, self.spacing) {
                self.checkpoints.push(Checkpoint {
                    at,
                    state: state.clone(),
                });
            }
        }
        if let Some(id) = self.spent {
            state.people.reserve(id);
        }
        self.state = state;
        self.prune();
    }

    /// Drops the checkpoints no longer at a kept distance behind the head.
    fn prune(&mut self) {
        let head = self.session.events.len();
        let spacing = self.spacing;
        self.checkpoints.retain(|c| keeps(c.at, head, spacing));
    }
}

/// Whether a checkpoint after `at` entries is kept with the head at `head`:
/// for each distance `spacing * 4^k` up to the head, the two latest
/// multiples of it. An entry `d` behind the head then has a checkpoint at
/// most about `8d + spacing` behind it, and there are two per distance.
fn keeps(at: usize, head: usize, spacing: usize) -> bool {
    if at == 0 || at > head {
        return false;
    }
    let mut step = spacing;
    while step <= head {
        let latest = head / step * step;
        if at.is_multiple_of(step) && (at == latest || at + step == latest) {
            return true;
        }
        match step.checked_mul(4) {
            Some(s) => step = s,
            None => break,
        }
    }
    false
}

/// The id a join hands out.
fn joined(event: &Event) -> Option<PersonId> {
    match event {
        Event::People(PeopleEvent::Joined(p)) => Some(p.id),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
