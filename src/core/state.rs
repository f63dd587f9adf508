//! Live state derived from a session's log.

use super::event::{Entry, Event, effective};
use super::guide::Guides;
use super::note::Notes;
use super::person::People;
use super::round::Rounds;
use super::run::Run;
use super::session::Session;
use super::stack::Stack;

/// Everything the screens show, rebuilt from the log.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub run: Run,
    pub people: People,
    pub rounds: Rounds,
    pub stack: Stack,
    pub notes: Notes,
    pub guides: Guides,
    pub closed: bool,
}

impl State {
    /// Replays the whole log.
    pub fn replay(session: &Session) -> State {
        let mut state = State {
            run: Run::new(&session.plan),
            people: People::new(&session.roster),
            rounds: Rounds::default(),
            stack: Stack::default(),
            notes: Notes::default(),
            guides: Guides::default(),
            closed: false,
        };
        for entry in effective(&session.events) {
            state.apply(entry);
        }
        state
    }

    /// Applies one more entry. An undo cannot be applied forward; callers
    /// replay instead (see `Session`'s users).
    pub fn apply(&mut self, entry: &Entry) {
        match &entry.event {
            Event::Run(ev) => self.run.apply(entry.at, ev),
            Event::People(ev) => self.people.apply(entry.at, ev),
            Event::Round(ev) => self
                .rounds
                .apply(entry.at, ev, self.run.current, &self.people),
            Event::Stack(ev) => self.stack.apply(entry.at, ev, &self.people, &self.run),
            Event::Note(ev) => self.notes.apply(entry.at, ev),
            Event::Guide(ev) => self.guides.apply(entry.at, ev, &self.run),
            Event::Closed => self.closed = true,
            Event::Undo(_) => {}
        }
    }

    /// Whether the session is over: closed, or every segment run.
    pub fn finished(&self) -> bool {
        self.closed || self.run.finished()
    }
}

/// Appends an event to the session and brings the state up to date: forward
/// for ordinary events, by replay for an undo.
pub fn record(session: &mut Session, state: &mut State, at: jiff::Timestamp, event: Event) {
    let undo = matches!(event, Event::Undo(_));
    session.push(at, event);
    if undo {
        *state = State::replay(session);
    } else if let Some(last) = session.events.last() {
        state.apply(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Scope;
    use crate::core::plan::{Plan, Segment, SegmentKind};
    use crate::core::run::{RunEvent, SegmentId};
    use jiff::{SignedDuration, Timestamp};

    #[test]
    fn undo_takes_back_the_latest_event_in_scope() {
        let mut plan = Plan {
            title: "T".into(),
            date: None,
            start: None,
            slot: None,
            people: None,
            roster: vec!["Ana".into()],
            goals: vec![],
            warnings: vec![],
            segments: vec![],
        };
        for i in 0..3 {
            plan.segments.push(Segment::new(
                format!("S{i}"),
                SegmentKind::Custom,
                SignedDuration::from_mins(5),
            ));
        }
        let mut session = Session::new(plan, Timestamp::UNIX_EPOCH);
        let mut state = State::replay(&session);
        let at = Timestamp::UNIX_EPOCH;
        record(
            &mut session,
            &mut state,
            at,
            Event::Run(RunEvent::Move {
                segment: SegmentId(2),
                to: 0,
            }),
        );
        record(
            &mut session,
            &mut state,
            at,
            Event::Run(RunEvent::Skip(SegmentId(1))),
        );
        assert_eq!(state.run.order[0], SegmentId(2));
        record(&mut session, &mut state, at, Event::Undo(Scope::Run));
        assert_eq!(
            state.run.progress(SegmentId(1)).unwrap().status,
            crate::core::run::Status::Upcoming
        );
        record(&mut session, &mut state, at, Event::Undo(Scope::People));
        assert_eq!(
            state.run.order[0],
            SegmentId(2),
            "a people undo leaves the run alone"
        );
        record(&mut session, &mut state, at, Event::Undo(Scope::Any));
        assert_eq!(state.run.order[0], SegmentId(0));
        assert_eq!(state, State::replay(&session));
        // The log itself only grows.
        assert_eq!(session.events.len(), 5);
    }
}
