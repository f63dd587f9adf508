//! Per-person counts kept up to date as things happen, for each segment and
//! for the whole session: speaking turns and time for the stack's order and
//! for airtime, direct responses for the stack screen.
//!
//! Counting as events arrive, rather than over every turn each time it is
//! asked, keeps a key and a frame as quick at 100,000 events as at 100.

use std::collections::HashMap;

use jiff::SignedDuration;

use super::person::PersonId;
use super::run::SegmentId;
use super::turn::Turn;

/// How far back a count reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// Only what happened while this segment was on (`None`: outside any).
    Segment(Option<SegmentId>),
    Session,
}

/// Counts of `C` per person, per segment and over the session. A count back
/// at its default is dropped, so people counted and then taken back are not
/// listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally<C> {
    session: HashMap<PersonId, C>,
    segments: HashMap<Option<SegmentId>, HashMap<PersonId, C>>,
}

impl<C> Default for Tally<C> {
    fn default() -> Self {
        Tally {
            session: HashMap::new(),
            segments: HashMap::new(),
        }
    }
}

impl<C: Copy + Default + PartialEq> Tally<C> {
    /// Changes one person's count in a segment, and in the session.
    pub fn change(&mut self, segment: Option<SegmentId>, person: PersonId, f: impl Fn(&mut C)) {
        update(&mut self.session, person, &f);
        let here = self.segments.entry(segment).or_default();
        update(here, person, &f);
        if here.is_empty() {
            self.segments.remove(&segment);
        }
    }

    /// Everyone counted within the reach.
    pub fn within(&self, within: Within) -> impl Iterator<Item = (PersonId, C)> {
        let map = match within {
            Within::Session => Some(&self.session),
            Within::Segment(s) => self.segments.get(&s),
        };
        map.into_iter().flatten().map(|(p, c)| (*p, *c))
    }

    /// One person's count within the reach (the default if none).
    pub fn of(&self, within: Within, person: PersonId) -> C {
        let map = match within {
            Within::Session => Some(&self.session),
            Within::Segment(s) => self.segments.get(&s),
        };
        map.and_then(|m| m.get(&person))
            .copied()
            .unwrap_or_default()
    }
}

fn update<C: Copy + Default + PartialEq>(
    map: &mut HashMap<PersonId, C>,
    person: PersonId,
    f: &impl Fn(&mut C),
) {
    let count = map.entry(person).or_default();
    f(count);
    if *count == C::default() {
        map.remove(&person);
    }
}

/// Speaking so far: turns taken (a running one included) and the time of
/// the finished ones (a running turn adds its time when it ends, so an order
/// built on it does not shift second by second).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spoken {
    pub turns: u32,
    pub time: SignedDuration,
}

/// Turns and speaking time, kept as turns begin, end or are taken back.
pub type Speaking = Tally<Spoken>;

impl Speaking {
    /// A turn began.
    pub fn begin(&mut self, turn: &Turn) {
        self.change(turn.segment, turn.person, |c| c.turns += 1);
    }

    /// A turn ended: its time counts. Call once, when `ended` is first set.
    pub fn finish(&mut self, turn: &Turn) {
        if let Some(end) = turn.ended {
            let time = end.duration_since(turn.started).max(SignedDuration::ZERO);
            self.change(turn.segment, turn.person, |c| {
                c.time = c.time.saturating_add(time)
            });
        }
    }

    /// A running turn taken back (a pass, someone not here after all).
    pub fn retract(&mut self, turn: &Turn) {
        self.change(turn.segment, turn.person, |c| {
            c.turns = c.turns.saturating_sub(1)
        });
    }
}
