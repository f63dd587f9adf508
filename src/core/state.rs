//! Live state derived from a session's log.

use super::breakout::Breakouts;
use super::decision::Decisions;
use super::event::{Entry, Event, effective};
use super::guide::GuideEvent;
use super::guide::Guides;
use super::note::Notes;
use super::person::People;
use super::person::PeopleEvent;
use super::round::RoundEvent;
use super::round::Rounds;
use super::run::Run;
use super::run::RunEvent;
use super::session::Session;
use super::stack::Stack;
use super::stack::StackEvent;

/// Everything the screens show, rebuilt from the log.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub run: Run,
    pub people: People,
    pub rounds: Rounds,
    pub stack: Stack,
    pub notes: Notes,
    pub guides: Guides,
    pub decisions: Decisions,
    pub breakouts: Breakouts,
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
            decisions: Decisions::default(),
            breakouts: Breakouts::default(),
            closed: false,
        };
        let kept = effective(&session.events);
        let mut next = kept.iter().peekable();
        for entry in &session.events {
            if next.peek().is_some_and(|k| std::ptr::eq(**k, entry)) {
                next.next();
                state.apply(entry);
            } else if let Event::Run(RunEvent::Insert { segment, .. }) = &entry.event {
                // An undone insert keeps its id, so notes taken in it keep
                // pointing at it and the next insert gets a new one.
                state.run.withdrawn(segment);
            }
        }
        // Ids of people whose joining was undone stay spent.
        for entry in &session.events {
            if let Event::People(PeopleEvent::Joined(p)) = &entry.event {
                state.people.reserve(p.id);
            }
        }
        state
    }

    /// Applies one more entry. An undo cannot be applied forward; callers
    /// replay instead (see `Session`'s users).
    pub fn apply(&mut self, entry: &Entry) {
        match &entry.event {
            Event::Run(ev) => {
                let moves_on = match ev {
                    RunEvent::Start(id) => self.run.current != Some(*id),
                    RunEvent::End => self.run.current.is_some(),
                    _ => false,
                };
                if moves_on {
                    self.hush(entry.at);
                }
                self.run.apply(entry.at, ev)
            }
            Event::People(ev) => {
                match ev {
                    PeopleEvent::Arrived { id, arrived: true } => {
                        self.breakouts.arrived(*id, self.run.current)
                    }
                    PeopleEvent::Joined(p) if p.arrived => {
                        self.breakouts.arrived(p.id, self.run.current)
                    }
                    PeopleEvent::Left(id) => self.breakouts.left(*id),
                    _ => {}
                }
                if let PeopleEvent::Left(id) = ev {
                    self.stack.drop_person(*id, entry.at);
                    if self.rounds.current().and_then(|r| r.speaker()) == Some(*id) {
                        self.rounds.apply(
                            entry.at,
                            &RoundEvent::EndTurn,
                            self.run.current,
                            &self.people,
                        );
                    }
                }
                self.people.apply(entry.at, ev)
            }
            Event::Round(ev) => self
                .rounds
                .apply(entry.at, ev, self.run.current, &self.people),
            Event::Stack(ev) => self.stack.apply(entry.at, ev, &self.people, &self.run),
            Event::Note(ev) => self.notes.apply(entry.at, ev),
            Event::Guide(ev) => self.guides.apply(entry.at, ev, &self.run),
            Event::Decision(ev) => self
                .decisions
                .apply(entry.at, ev, &self.run, &mut self.notes),
            Event::Breakout(ev) => self
                .breakouts
                .apply(entry.at, ev, &self.run, &mut self.notes),
            Event::Closed => {
                self.hush(entry.at);
                self.closed = true;
            }
            Event::Undo(_) => {}
        }
    }

    /// When a segment ends or the session closes, whoever is speaking stops:
    /// a speaker's clock never runs on into the next part.
    fn hush(&mut self, at: jiff::Timestamp) {
        self.rounds
            .apply(at, &RoundEvent::EndTurn, self.run.current, &self.people);
        self.stack
            .apply(at, &StackEvent::EndTurn, &self.people, &self.run);
        if let Some(segment) = self.run.current {
            self.guides
                .apply(at, &GuideEvent::VoiceEnd { segment }, &self.run);
            self.breakouts.hush(segment, at);
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
    record_all(session, state, at, vec![event]);
}

/// Appends several events logged by one action; the state is replayed at
/// most once, however many of them are undos.
pub fn record_all(
    session: &mut Session,
    state: &mut State,
    at: jiff::Timestamp,
    events: Vec<Event>,
) {
    let first = session.events.len();
    let undo = events.iter().any(|e| matches!(e, Event::Undo(_)));
    for event in events {
        session.push(at, event);
    }
    if undo {
        *state = State::replay(session);
    } else {
        for entry in &session.events[first..] {
            state.apply(entry);
        }
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

    #[test]
    fn speakers_stop_when_the_part_ends_or_they_leave() {
        use crate::core::fixture::{Log, plan};
        use crate::core::person::PersonId;
        use crate::core::plan::SegmentKind;
        use crate::core::stack::{Jump, StackEvent};
        let kinds = [SegmentKind::OpenFloor, SegmentKind::OpenFloor];
        let mut log = Log::new(plan(&["Ana", "Kim", "Bo"], &kinds, None));
        let add = |p| {
            Event::Stack(StackEvent::Add {
                person: PersonId(p),
                jump: Jump::NoJump,
            })
        };
        log.start_segment(0, 0)
            .at(10, add(0))
            .at(11, add(1))
            .at(20, Event::Stack(StackEvent::Next));
        assert_eq!(log.state.stack.speaker(), Some(PersonId(0)));
        // Moving on to the next segment ends Ana's turn at that moment.
        log.start_segment(80, 1);
        assert_eq!(log.state.stack.speaker(), None);
        let spoken = log
            .state
            .stack
            .turns()
            .last()
            .unwrap()
            .spoken(super::super::fixture::t(9999));
        assert_eq!(spoken.as_secs(), 60);
        // Kim leaves: their hand comes down.
        log.at(90, Event::Stack(StackEvent::Next));
        assert_eq!(log.state.stack.speaker(), Some(PersonId(1)));
        log.at(100, Event::People(PeopleEvent::Left(PersonId(1))));
        assert_eq!(log.state.stack.speaker(), None);
        // Closing the session also ends a turn, and replay agrees.
        log.at(110, add(2)).at(111, Event::Stack(StackEvent::Next));
        log.at(130, Event::Closed);
        assert_eq!(log.state.stack.speaker(), None);
        assert_eq!(log.state, log.replayed());
    }

    #[test]
    fn an_undone_join_never_gives_its_id_to_someone_else() {
        use crate::core::fixture::{Log, plan};
        use crate::core::person::{Person, PersonId};
        use crate::core::plan::SegmentKind;
        let mut log = Log::new(plan(&["Ana"], &[SegmentKind::Custom], None));
        let kim = Person::new(PersonId(1), "Kim", 1);
        log.at(1, Event::People(PeopleEvent::Joined(kim)))
            .at(2, Event::Undo(Scope::People));
        assert_eq!(log.state.people.next_id(), PersonId(2));
    }

    #[test]
    fn an_undone_insert_keeps_its_id() {
        use crate::core::fixture::{Log, plan};
        use crate::core::plan::{Segment, SegmentKind};
        use crate::core::run::SegmentId;
        let mut log = Log::new(plan(&["Ana"], &[SegmentKind::Custom], None));
        let insert = |title: &str| {
            Event::Run(RunEvent::Insert {
                at: 1,
                segment: Box::new(Segment::new(
                    title,
                    SegmentKind::Custom,
                    jiff::SignedDuration::from_mins(5),
                )),
            })
        };
        log.at(1, insert("Walk"))
            .at(2, Event::Undo(Scope::Run))
            .at(3, insert("Tea"));
        let run = &log.state.run;
        assert_eq!(run.order, [SegmentId(0), SegmentId(2)]);
        assert_eq!(run.segment(SegmentId(1)).unwrap().title, "Walk");
        assert_eq!(run.segment(SegmentId(2)).unwrap().title, "Tea");
        assert!(!log.state.run.finished() || run.current.is_none());
        assert_eq!(log.state, log.replayed());
    }

    #[test]
    fn undo_never_reaches_back_past_the_close() {
        use crate::core::fixture::{Log, plan};
        use crate::core::plan::SegmentKind;
        let mut log = Log::new(plan(&["Ana"], &[SegmentKind::Custom], None));
        log.start_segment(0, 0)
            .at(10, Event::Run(RunEvent::End))
            .at(11, Event::Closed)
            .at(12, Event::Undo(Scope::Any));
        assert!(log.state.closed);
        assert_eq!(log.state.run.current, None, "the segment stays ended");
    }
}
