//! Airtime: who has spoken, how often and for how long, from rounds and the
//! stack together, and who has not spoken yet.
//!
//! A pure function of the state and `now`: a running turn counts up to now,
//! so the figures move while someone speaks and are exact on resume.

use std::collections::{HashMap, HashSet};

use jiff::{SignedDuration, Timestamp};

use super::person::PersonId;
use super::round::present;
use super::run::SegmentId;
use super::state::State;
use super::tally::Within;

/// One person's speaking so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Airtime {
    pub person: PersonId,
    pub turns: u32,
    pub spoken: SignedDuration,
    /// Part of all speaking time, 0.0 to 1.0 (0.0 while nobody has spoken).
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Everyone who has had a turn, most speaking time first (then more
    /// turns, then seating order).
    pub speakers: Vec<Airtime>,
    /// Who has not had a turn yet, among those arrived (or everyone when
    /// nobody is marked arrived), in seating order.
    pub silent: Vec<PersonId>,
    pub total: SignedDuration,
}

/// Airtime within one segment, or the whole session with `None`.
///
/// Built from the counts rounds and the stack keep as turns happen, plus the
/// turns running now: as quick at the end of a long gathering as at its start.
pub fn report(state: &State, segment: Option<SegmentId>, now: Timestamp) -> Report {
    let within = segment.map_or(Within::Session, |s| Within::Segment(Some(s)));
    let mut counted: HashMap<PersonId, (u32, SignedDuration)> = HashMap::new();
    let finished = state.rounds.spoken().within(within);
    for (person, c) in finished.chain(state.stack.spoken().within(within)) {
        let e = counted.entry(person).or_default();
        e.0 += c.turns;
        e.1 = e.1.saturating_add(c.time);
    }
    // A running turn is counted already; its time so far is not.
    let running = [
        state.rounds.current().and_then(|r| r.speaking()),
        state.stack.speaking(),
    ];
    for t in running.into_iter().flatten() {
        if segment.is_none() || t.segment == segment {
            let e = counted.entry(t.person).or_default();
            e.1 = e.1.saturating_add(t.spoken(now));
        }
    }
    let mut speakers: Vec<Airtime> = counted
        .into_iter()
        .map(|(person, (turns, spoken))| Airtime {
            person,
            turns,
            spoken,
            share: 0.0,
        })
        .collect();
    let total = speakers
        .iter()
        .fold(SignedDuration::ZERO, |sum, a| sum.saturating_add(a.spoken));
    for a in &mut speakers {
        if total.is_positive() {
            a.share = a.spoken.as_secs_f64() / total.as_secs_f64();
        }
    }
    let seat = |id: PersonId| state.people.get(id).map_or(u32::MAX, |p| p.seat);
    speakers.sort_by(|a, b| {
        b.spoken
            .cmp(&a.spoken)
            .then(b.turns.cmp(&a.turns))
            .then(seat(a.person).cmp(&seat(b.person)))
            .then(a.person.cmp(&b.person))
    });
    let spoke: HashSet<PersonId> = speakers.iter().map(|a| a.person).collect();
    let silent = present(&state.people)
        .iter()
        .map(|p| p.id)
        .filter(|id| !spoke.contains(id))
        .collect();
    Report {
        speakers,
        silent,
        total,
    }
}

impl Report {
    /// One person's airtime, if they have spoken.
    pub fn of(&self, person: PersonId) -> Option<&Airtime> {
        self.speakers.iter().find(|a| a.person == person)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::fixture::{Log, plan, t};
    use crate::core::person::PeopleEvent;
    use crate::core::plan::SegmentKind;
    use crate::core::round::{Direction, RoundEvent};
    use crate::core::stack::{Jump, StackEvent};

    fn secs(s: i64) -> SignedDuration {
        SignedDuration::from_secs(s)
    }

    fn rows(r: &Report) -> Vec<(u32, u32, i64)> {
        r.speakers
            .iter()
            .map(|a| (a.person.0, a.turns, a.spoken.as_secs()))
            .collect()
    }

    /// A check-in round (Ana 60s, Bo passes, Cy 30s) then an open floor
    /// (Cy 100s, Ana speaking since 500).
    fn evening() -> Log {
        let kinds = [SegmentKind::CheckIn, SegmentKind::OpenFloor];
        let mut log = Log::new(plan(&["Ana", "Bo", "Cy", "Di"], &kinds, None));
        let round = |e| Event::Round(e);
        let stack = |e| Event::Stack(e);
        for id in 0..3 {
            log.at(
                0,
                Event::People(PeopleEvent::Arrived {
                    id: PersonId(id),
                    arrived: true,
                }),
            );
        }
        log.start_segment(0, 0)
            .at(
                0,
                round(RoundEvent::Start {
                    first: PersonId(0),
                    direction: Direction::Clockwise,
                }),
            )
            .at(10, round(RoundEvent::Next))
            .at(70, round(RoundEvent::Next))
            .at(75, round(RoundEvent::Pass))
            .at(80, round(RoundEvent::Next))
            .at(110, round(RoundEvent::End));
        log.start_segment(200, 1);
        for p in [2, 0] {
            log.at(
                200,
                stack(StackEvent::Add {
                    person: PersonId(p),
                    jump: Jump::NoJump,
                }),
            );
        }
        log.at(300, stack(StackEvent::Next))
            .at(400, stack(StackEvent::Next));
        log
    }

    #[test]
    fn adds_rounds_and_stack_with_a_running_turn_up_to_now() {
        let log = evening();
        let all = report(log.state(), None, t(500));
        assert_eq!(rows(&all), [(0, 2, 160), (2, 2, 130)]);
        assert_eq!(all.total, secs(290));
        assert!((all.of(PersonId(0)).unwrap().share - 160.0 / 290.0).abs() < 1e-9);
        let shares: f64 = all.speakers.iter().map(|a| a.share).sum();
        assert!((shares - 1.0).abs() < 1e-9);
        // Bo passed and Di never arrived: only Bo is silent.
        assert_eq!(all.silent, [PersonId(1)]);
        // Later, Ana has talked longer still.
        let later = report(log.state(), None, t(560));
        assert_eq!(later.of(PersonId(0)).unwrap().spoken, secs(220));
    }

    #[test]
    fn one_segment_at_a_time() {
        let log = evening();
        let check_in = report(log.state(), Some(SegmentId(0)), t(500));
        assert_eq!(rows(&check_in), [(0, 1, 60), (2, 1, 30)]);
        let floor = report(log.state(), Some(SegmentId(1)), t(500));
        // Equal time and turns: seating order.
        assert_eq!(rows(&floor), [(0, 1, 100), (2, 1, 100)]);
        assert_eq!(floor.silent, [PersonId(1)]);
        let none = report(log.state(), Some(SegmentId(7)), t(500));
        assert!(none.speakers.is_empty());
        assert_eq!(none.total, SignedDuration::ZERO);
        assert_eq!(none.silent, [PersonId(0), PersonId(1), PersonId(2)]);
    }
}
