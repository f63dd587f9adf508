//! Rounds: the turn goes around the circle in seating order.
//!
//! Check-ins, closings and go-arounds share one shape. The order is fixed
//! when the round starts (the people in the room, from the first speaker, in
//! the chosen direction). Anyone may pass; once everyone has had their turn
//! the round comes back to those who passed, once, and a second pass is final.
//! Everything here is replayed from the log, so a round survives a crash.
//!
//! For a screen: `state.rounds.current()` is the round in progress;
//! `standings(now)` lists everyone in order with where they stand,
//! `speaking()` and its `clock(..)` show the speaker against the
//! per-speaker box, `up_next()` who gets the turn on `Next` (or `Pass`).
//! `result(now)` is what the round came to.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::person::{People, Person, PersonId};
use super::run::SegmentId;
use super::tally::Speaking;
use super::turn::Turn;

/// Which way the turn goes around the circle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// Up the seat numbers, wrapping round.
    #[default]
    Clockwise,
    /// Down the seat numbers, wrapping round.
    CounterClockwise,
}

/// What the facilitator does with a round. Turn events act on the round in
/// progress (the latest one not ended) and are ignored without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundEvent {
    /// A round begins in the current segment (ending any round in
    /// progress). For a random first speaker, pick one with `random_start`
    /// and log the person it gives, so the file says who began.
    Start {
        first: PersonId,
        direction: Direction,
    },
    /// Ends the running turn as spoken and gives the turn to whoever is up
    /// next. With nobody left, it only ends the running turn.
    Next,
    /// The person holding the turn passes: the one speaking, or, with nobody
    /// speaking, the one up next. Their turn leaves no speaking time.
    Pass,
    /// Marks someone as not here (skipped), or back again.
    Absent { person: PersonId, absent: bool },
    /// The running turn ends as spoken; nobody speaks until `Next`.
    EndTurn,
    /// The round is over; a running turn ends as spoken.
    End,
}

/// Where one person stands in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Waiting,
    /// Speaking now, for this long.
    Speaking(SignedDuration),
    /// Has spoken, for this long.
    Done(SignedDuration),
    /// Passed. `last` is the second pass, which is final; after a first
    /// one the round comes back to them.
    Passed {
        last: bool,
    },
    Absent,
}

/// One person's place in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seat {
    person: PersonId,
    passes: u8,
    absent: bool,
    /// Index of their speaking turn in `Round::turns`.
    turn: Option<usize>,
}

/// One round, as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub segment: Option<SegmentId>,
    pub direction: Direction,
    pub started: Timestamp,
    pub ended: Option<Timestamp>,
    seats: Vec<Seat>,
    /// Speaking turns in the order they were taken; only the last may run.
    turns: Vec<Turn>,
}

/// What a round came to: for airtime, the harvest and a glance back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundResult {
    /// Who spoke and for how long, in round order.
    pub spoke: Vec<(PersonId, SignedDuration)>,
    /// Who passed and was not heard after all.
    pub passed: Vec<PersonId>,
    pub absent: Vec<PersonId>,
    /// Who never got the turn (the round ended first).
    pub waiting: Vec<PersonId>,
}

/// The people a round goes around: those marked arrived, or everyone when
/// nobody is (a facilitator who skips the arrivals list still gets rounds).
/// In seating order.
pub fn present(people: &People) -> Vec<&Person> {
    let arrived: Vec<&Person> = people.all().iter().filter(|p| p.arrived).collect();
    if arrived.is_empty() {
        people.all().iter().collect()
    } else {
        arrived
    }
}

/// A first speaker picked from `seed` among the people present: the same
/// seed and room always give the same person, so the pick replays exactly.
/// The screen supplies the seed (e.g. from the clock); core keeps no RNG.
pub fn random_start(people: &People, seed: u64) -> Option<PersonId> {
    let here = present(people);
    if here.is_empty() {
        return None;
    }
    let i = (mix(seed) % here.len() as u64) as usize;
    Some(here[i].id)
}

/// SplitMix64's finaliser: spreads nearby seeds over the whole range.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The speaking order: the people present in seat order, starting at
/// `first` and going the chosen way. `first` is included even when not
/// marked arrived: the facilitator chose them. An unknown `first` starts
/// with the first person present.
pub fn speaking_order(people: &People, first: PersonId, direction: Direction) -> Vec<PersonId> {
    let mut here = present(people);
    if !here.iter().any(|p| p.id == first)
        && let Some(p) = people.get(first)
    {
        here.push(p);
        here.sort_by_key(|p| (p.seat, p.id));
    }
    let mut ids: Vec<PersonId> = here.iter().map(|p| p.id).collect();
    let at = ids.iter().position(|id| *id == first).unwrap_or(0);
    ids.rotate_left(at);
    if direction == Direction::CounterClockwise && ids.len() > 1 {
        ids[1..].reverse();
    }
    ids
}

impl Round {
    pub fn new(
        segment: Option<SegmentId>,
        order: &[PersonId],
        direction: Direction,
        at: Timestamp,
    ) -> Round {
        Round {
            segment,
            direction,
            started: at,
            ended: None,
            seats: order
                .iter()
                .map(|&person| Seat {
                    person,
                    passes: 0,
                    absent: false,
                    turn: None,
                })
                .collect(),
            turns: Vec::new(),
        }
    }

    /// Everyone in the round, in speaking order.
    pub fn order(&self) -> Vec<PersonId> {
        self.seats.iter().map(|s| s.person).collect()
    }

    pub fn is_over(&self) -> bool {
        self.ended.is_some()
    }

    /// The running turn, if someone is speaking; its `clock` shows the time
    /// against the per-speaker box.
    pub fn speaking(&self) -> Option<&Turn> {
        self.turns.last().filter(|t| t.is_running())
    }

    /// Who is speaking now.
    pub fn speaker(&self) -> Option<PersonId> {
        self.speaking().map(|t| t.person)
    }

    /// Who gets the turn next: the first in order still waiting, or once
    /// nobody is, the first who passed once. `None` when the round is through.
    pub fn up_next(&self) -> Option<PersonId> {
        let open = |passes: u8| {
            self.seats
                .iter()
                .find(|s| !s.absent && s.turn.is_none() && s.passes == passes)
        };
        open(0).or_else(|| open(1)).map(|s| s.person)
    }

    /// True once everyone present has spoken or passed for good.
    pub fn is_complete(&self) -> bool {
        self.speaker().is_none() && self.up_next().is_none()
    }

    /// Whether the round has come back to those who passed.
    pub fn second_pass(&self) -> bool {
        let next = self.speaker().or(self.up_next());
        self.seats
            .iter()
            .any(|s| Some(s.person) == next && s.passes > 0)
    }

    pub fn standing(&self, person: PersonId, now: Timestamp) -> Option<Standing> {
        self.seats
            .iter()
            .find(|s| s.person == person)
            .map(|s| self.seat_standing(s, now))
    }

    /// Everyone in speaking order with where they stand.
    pub fn standings(&self, now: Timestamp) -> Vec<(PersonId, Standing)> {
        self.seats
            .iter()
            .map(|s| (s.person, self.seat_standing(s, now)))
            .collect()
    }

    fn seat_standing(&self, seat: &Seat, now: Timestamp) -> Standing {
        if let Some(turn) = seat.turn.and_then(|i| self.turns.get(i)) {
            return if turn.is_running() {
                Standing::Speaking(turn.spoken(now))
            } else {
                Standing::Done(turn.spoken(now))
            };
        }
        match (seat.absent, seat.passes) {
            (true, _) => Standing::Absent,
            (false, 0) => Standing::Waiting,
            (false, n) => Standing::Passed { last: n > 1 },
        }
    }

    /// The speaking turns taken so far (the last may still run).
    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    /// Who spoke, for how long, who passed; a running turn counts to `now`.
    pub fn result(&self, now: Timestamp) -> RoundResult {
        let mut r = RoundResult {
            spoke: Vec::new(),
            passed: Vec::new(),
            absent: Vec::new(),
            waiting: Vec::new(),
        };
        for (person, standing) in self.standings(now) {
            match standing {
                Standing::Speaking(d) | Standing::Done(d) => r.spoke.push((person, d)),
                Standing::Passed { .. } => r.passed.push(person),
                Standing::Absent => r.absent.push(person),
                Standing::Waiting => r.waiting.push(person),
            }
        }
        r
    }

    fn seat_mut(&mut self, person: PersonId) -> Option<&mut Seat> {
        self.seats.iter_mut().find(|s| s.person == person)
    }

    fn end_turn(&mut self, at: Timestamp, spoken: &mut Speaking) {
        if let Some(t) = self.turns.last_mut()
            && t.end(at)
        {
            spoken.finish(t);
        }
    }

    /// Takes back the running turn: a pass or an absence leaves no time.
    fn drop_running(&mut self, spoken: &mut Speaking) -> Option<PersonId> {
        let person = self.speaker()?;
        if let Some(turn) = self.turns.pop() {
            spoken.retract(&turn);
        }
        if let Some(s) = self.seat_mut(person) {
            s.turn = None;
        }
        Some(person)
    }

    /// Applies a turn event; `spoken` keeps the session's speaking counts.
    fn apply(&mut self, at: Timestamp, ev: &RoundEvent, spoken: &mut Speaking) {
        match ev {
            RoundEvent::Start { .. } => {}
            RoundEvent::Next => {
                self.end_turn(at, spoken);
                if let Some(person) = self.up_next() {
                    let index = self.turns.len();
                    let turn = Turn::new(person, self.segment, at);
                    spoken.begin(&turn);
                    self.turns.push(turn);
                    if let Some(s) = self.seat_mut(person) {
                        s.turn = Some(index);
                    }
                }
            }
            RoundEvent::Pass => {
                if let Some(person) = self.drop_running(spoken).or(self.up_next())
                    && let Some(s) = self.seat_mut(person)
                {
                    s.passes = s.passes.saturating_add(1);
                }
            }
            RoundEvent::Absent { person, absent } => {
                if *absent && self.speaker() == Some(*person) {
                    self.drop_running(spoken);
                }
                if let Some(s) = self.seat_mut(*person)
                    && s.turn.is_none()
                {
                    s.absent = *absent;
                }
            }
            RoundEvent::EndTurn => self.end_turn(at, spoken),
            RoundEvent::End => {
                self.end_turn(at, spoken);
                self.ended = Some(at);
            }
        }
    }
}

/// Every round of the session, oldest first, with the speaking counts of
/// all their turns kept as they happen (for airtime).
///
/// Rounds are shared between copies of the state (see `timeline`); only
/// the latest is ever changed, so a copy costs a pointer per round.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rounds {
    list: Vec<Arc<Round>>,
    /// The latest round of each segment, by index in `list`.
    latest: HashMap<Option<SegmentId>, usize>,
    spoken: Speaking,
}

impl Rounds {
    pub fn all(&self) -> &[Arc<Round>] {
        &self.list
    }

    /// The latest round, ended or not.
    pub fn last(&self) -> Option<&Round> {
        self.list.last().map(|r| &**r)
    }

    /// The round in progress: the latest one not ended.
    pub fn current(&self) -> Option<&Round> {
        self.last().filter(|r| !r.is_over())
    }

    /// The latest round held in a segment, ended or not.
    pub fn latest_in(&self, segment: SegmentId) -> Option<&Round> {
        let i = *self.latest.get(&Some(segment))?;
        self.list.get(i).map(|r| &**r)
    }

    /// Every speaking turn of every round.
    pub fn turns(&self) -> impl Iterator<Item = &Turn> {
        self.list.iter().flat_map(|r| r.turns.iter())
    }

    /// Turns and finished speaking time per person, over every round.
    pub fn spoken(&self) -> &Speaking {
        &self.spoken
    }

    /// Applies one event; `segment` is the one on (`state.run.current`).
    pub fn apply(
        &mut self,
        at: Timestamp,
        ev: &RoundEvent,
        segment: Option<SegmentId>,
        people: &People,
    ) {
        if let RoundEvent::Start { first, direction } = ev {
            if let Some(r) = self.list.last_mut().filter(|r| !r.is_over()) {
                Arc::make_mut(r).apply(at, &RoundEvent::End, &mut self.spoken);
            }
            let order = speaking_order(people, *first, *direction);
            self.latest.insert(segment, self.list.len());
            self.list
                .push(Arc::new(Round::new(segment, &order, *direction, at)));
        } else if let Some(r) = self.list.last_mut().filter(|r| !r.is_over()) {
            Arc::make_mut(r).apply(at, ev, &mut self.spoken);
        }
    }
}

#[cfg(test)]
mod tests;
