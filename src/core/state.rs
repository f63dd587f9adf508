//! Live state derived from a session's log.

use super::breakout::{BreakoutEvent, Breakouts};
use super::consent::Ledger;
use super::decision::{DecisionEvent, Decisions};
use super::event::{Entry, Event};
use super::guide::GuideEvent;
use super::guide::Guides;
use super::note::Notes;
use super::person::People;
use super::person::PeopleEvent;
use super::plan::Plan;
use super::roles::Roles;
use super::room_view::RoomView;
use super::round::RoundEvent;
use super::round::Rounds;
use super::run::{Run, RunEvent, SegmentId, Stage};
use super::session::Session;
use super::stack::Stack;
use super::stack::StackEvent;
use super::turn::Turn;
use super::undos::Undos;

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
    pub roles: Roles,
    /// Who agreed to share what; notes' privacy follows it.
    pub consent: Ledger,
    /// What the room is shown (see `room_view`).
    pub room: RoomView,
    pub closed: bool,
}

impl State {
    /// The state before anything happened: the plan and roster, and what
    /// the session picked up from its gathering (crews, who met whom, who
    /// has spoken, who held which role).
    pub fn fresh(session: &Session) -> State {
        let mut state = State {
            run: Run::new(&session.plan),
            people: People::new(&session.roster),
            rounds: Rounds::default(),
            stack: Stack::default(),
            notes: Notes::default(),
            guides: Guides::default(),
            decisions: Decisions::default(),
            breakouts: Breakouts::default(),
            roles: Roles::default(),
            consent: Ledger::new(&session.roster),
            room: RoomView::default(),
            closed: false,
        };
        state.notes.know(&state.people);
        if let Some(carried) = &session.gathering {
            state.guides.carried_crews = carried.crews.clone();
            for (a, b) in &carried.met {
                state.guides.carried_met.insert(*a, *b);
            }
            state.stack.earlier = carried
                .spoken
                .iter()
                .map(|s| (s.person, (s.turns, s.time)))
                .collect();
            state.roles.earlier = carried.held.clone();
        }
        state
    }

    /// Replays the whole log from the start. The `timeline` keeps a state up
    /// to date as events come and undos take them back; this is for a log
    /// read once (a harvest, a history).
    pub fn replay(session: &Session) -> State {
        let undos = Undos::of(&session.events);
        let mut state = State::fresh(session);
        for (i, entry) in session.events.iter().enumerate() {
            state.step(entry, undos.is_undone(i));
        }
        // Ids of people whose joining was undone stay spent.
        for entry in &session.events {
            if let Event::People(PeopleEvent::Joined(p)) = &entry.event {
                state.people.reserve(p.id);
            }
        }
        state
    }

    /// One entry of a replay: applied, or, when an undo took it back,
    /// left out.
    pub(crate) fn step(&mut self, entry: &Entry, undone: bool) {
        if !undone {
            self.apply(entry);
        } else if let Event::Run(RunEvent::Insert { segment, .. }) = &entry.event {
            // An undone insert keeps its id, so notes taken in it keep
            // pointing at it and the next insert gets a new one.
            self.run.withdrawn(segment);
        }
    }

    /// Applies one more entry. An undo cannot be applied forward; the
    /// `timeline` replays instead.
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
                self.run.apply(entry.at, ev);
                if let RunEvent::Start(id) = ev {
                    self.segment_started(*id);
                }
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
                    self.roles.drop_person(*id, entry.at);
                    if self.rounds.current().and_then(|r| r.speaker()) == Some(*id) {
                        self.rounds.apply(
                            entry.at,
                            &RoundEvent::EndTurn,
                            self.run.current,
                            &self.people,
                        );
                    }
                }
                self.people.apply(entry.at, ev);
                self.people_changed(ev);
                // Names change only when people join, are edited or leave;
                // an arrival (300 at the start of a big day) keeps them.
                if !matches!(ev, PeopleEvent::Arrived { .. }) {
                    self.notes.know(&self.people);
                }
            }
            Event::Round(ev) => self
                .rounds
                .apply(entry.at, ev, self.run.current, &self.people),
            Event::Stack(ev) => self.stack.apply(entry.at, ev, &self.people, &self.run),
            Event::Note(ev) => self.apply_note(entry.at, ev),
            Event::Guide(ev) => {
                self.guides.apply(entry.at, ev, &self.run);
                if let GuideEvent::Party { segment, .. } = ev {
                    self.voices_changed(*segment);
                }
            }
            Event::Decision(ev) => {
                self.decisions
                    .apply(entry.at, ev, &self.run, &mut self.notes);
                // The notes a decision leaves follow consent like any other.
                if let DecisionEvent::Decided { notes, .. } = ev {
                    self.notes_added(notes);
                }
            }
            Event::Breakout(ev) => {
                self.breakouts
                    .apply(entry.at, ev, &self.run, &mut self.notes);
                // So do the notes an imported report brings.
                if let BreakoutEvent::Imported(imp) = ev {
                    self.notes_added(&imp.notes);
                }
            }
            Event::Consent(ev) => self.apply_consent(entry.at, ev),
            Event::Roles(ev) => self.roles.apply(entry.at, ev, &self.run),
            Event::Room(view) => self.room = *view,
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

    /// The turn running now: from a round, the stack or a conversation's
    /// voice; the latest begun if several.
    pub fn running_turn(&self) -> Option<&Turn> {
        let round = self.rounds.current().and_then(|r| r.speaking());
        let voice = self.run.current.and_then(|s| self.guides.voice_speaking(s));
        [round, self.stack.speaking(), voice]
            .into_iter()
            .flatten()
            .max_by_key(|t| t.started)
    }

    /// The countdown of the segment on: its id, the time left (negative is
    /// overtime) and how close to zero against its warnings.
    pub fn countdown(
        &self,
        plan: &Plan,
        now: jiff::Timestamp,
    ) -> Option<(SegmentId, jiff::SignedDuration, Stage)> {
        let id = self.run.current?;
        let seg = self.run.segment(id)?;
        let remaining = self.run.remaining(id, now);
        Some((id, remaining, Stage::of(remaining, &plan.warnings_for(seg))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Scope;

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
        assert_eq!(log.state().stack.speaker(), Some(PersonId(0)));
        // Moving on to the next segment ends Ana's turn at that moment.
        log.start_segment(80, 1);
        assert_eq!(log.state().stack.speaker(), None);
        let spoken = log
            .state()
            .stack
            .turns()
            .last()
            .unwrap()
            .spoken(super::super::fixture::t(9999));
        assert_eq!(spoken.as_secs(), 60);
        // Kim leaves: their hand comes down.
        log.at(90, Event::Stack(StackEvent::Next));
        assert_eq!(log.state().stack.speaker(), Some(PersonId(1)));
        log.at(100, Event::People(PeopleEvent::Left(PersonId(1))));
        assert_eq!(log.state().stack.speaker(), None);
        // Closing the session also ends a turn, and replay agrees.
        log.at(110, add(2)).at(111, Event::Stack(StackEvent::Next));
        log.at(130, Event::Closed);
        assert_eq!(log.state().stack.speaker(), None);
        assert_eq!(log.state(), &log.replayed());
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
        assert_eq!(log.state().people.next_id(), PersonId(2));
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
        let run = &log.state().run;
        assert_eq!(run.order, [SegmentId(0), SegmentId(2)]);
        assert_eq!(run.segment(SegmentId(1)).unwrap().title, "Walk");
        assert_eq!(run.segment(SegmentId(2)).unwrap().title, "Tea");
        assert!(!log.state().run.finished() || run.current.is_none());
        assert_eq!(log.state(), &log.replayed());
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
        assert!(log.state().closed);
        assert_eq!(log.state().run.current, None, "the segment stays ended");
    }
}
