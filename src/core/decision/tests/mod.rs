//! Tests of decisions: each method's rule, the fallback, who is counted,
//! the record, replay and undo. A shared room: a check-in, then the
//! decision, with everyone marked here.

mod consensus;
mod counting;
mod fallback;
mod methods;
mod record;
mod spokes;
mod typed;

use jiff::Timestamp;

use super::actions;
use super::board::Board;
use super::phase::Phase;
use super::record::{Outcome, decide};
use super::stance::{Given, Stance};
use crate::core::event::Event;
use crate::core::fixture::{Log, plan, t};
use crate::core::person::{PeopleEvent, PersonId};
use crate::core::plan::{Segment, SegmentKind};
use crate::core::run::SegmentId;

pub(super) const DECISION: SegmentId = SegmentId(1);

pub(super) struct Room {
    pub log: Log,
    /// The time of the last event, moved on by each helper.
    pub now: i64,
}

pub(super) fn room(names: &[&str], rules: impl FnOnce(&mut Segment)) -> Room {
    let mut p = plan(names, &[SegmentKind::CheckIn, SegmentKind::Decision], None);
    rules(&mut p.segments[1]);
    let mut log = Log::new(p);
    for i in 0..names.len() {
        log.at(1, arrived(i as u32, true));
    }
    log.start_segment(10, 1);
    Room { log, now: 10 }
}

pub(super) fn arrived(person: u32, here: bool) -> Event {
    Event::People(PeopleEvent::Arrived {
        id: PersonId(person),
        arrived: here,
    })
}

impl Room {
    pub fn tick(&mut self) -> i64 {
        self.now += 5;
        self.now
    }

    pub fn at(&self) -> Timestamp {
        t(self.now)
    }

    pub fn log(&mut self, event: Event) -> &mut Room {
        let at = self.tick();
        self.log.at(at, event);
        self
    }

    pub fn board(&self) -> Board {
        Board::new(
            self.log.state(),
            &self.log.session().plan,
            DECISION,
            self.at(),
        )
        .expect("the decision segment")
    }

    pub fn propose(&mut self, text: &str) -> &mut Room {
        let e = actions::propose(DECISION, text, Some(PersonId(0))).unwrap();
        self.log(e)
    }

    pub fn amend(&mut self, text: &str) -> &mut Room {
        let e = actions::amend(self.log.state(), DECISION, text, None).unwrap();
        self.log(e)
    }

    pub fn phase(&mut self, phase: Phase) -> &mut Room {
        self.log(actions::go_to(DECISION, phase).unwrap())
    }

    /// Gives a position; panics if the rules refuse it.
    pub fn give(&mut self, person: u32, stance: Stance, words: &str) -> &mut Room {
        let given = Given::new(PersonId(person), stance).words(words);
        let e = self.try_give(given).unwrap();
        self.log(e)
    }

    pub fn try_give(&self, given: Given) -> Result<Event, super::record::Refused> {
        actions::mark(
            self.log.state(),
            &self.log.session().plan,
            DECISION,
            given,
            self.at(),
        )
    }

    /// Everyone from `from` on takes the same position.
    pub fn all(&mut self, from: u32, to: u32, stance: Stance) -> &mut Room {
        for p in from..to {
            self.give(p, stance, "");
        }
        self
    }

    pub fn decide(&mut self, outcome: Outcome) -> Result<(), super::record::Refused> {
        let e = decide(
            self.log.state(),
            &self.log.session().plan,
            DECISION,
            outcome,
            self.at(),
        )?;
        self.log(e);
        Ok(())
    }

    /// The state rebuilt from the log alone equals the live one.
    pub fn replays(&self) {
        assert_eq!(&self.log.replayed(), self.log.state());
    }
}

pub(super) const NAMES: [&str; 6] = ["Ana", "Tomás", "美玲", "محمد الأحمد", "प्रिया", "👩🏽‍🦱 Zoë"];
