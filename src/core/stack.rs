//! The speaking stack of an open floor: raised hands, and who speaks next.
//!
//! The queue is never stored in order: it is derived from the hands each
//! time, by fixed rules, so a change of mode or a new hand re-sorts it
//! honestly, and every hand can say why it stands where it stands:
//!
//! 1. points of process, at the very front, in the order raised;
//! 2. direct responses, clarifying questions and points of information,
//!    right after the current speaker, in the order raised;
//! 3. everyone else by the mode: plain is first come, first served;
//!    progressive puts fewer turns first (those who have not spoken yet
//!    before all), then the self-identified priority (when the group enabled
//!    it), then less speaking time, then first come.
//!
//! A hand moved by hand keeps the people who were ahead of it at the move
//! ahead of it, and everyone else behind; it never goes before a point of
//! process.
//!
//! For a screen: `check_add` before logging `StackEvent::Add` (to show why
//! a hand is refused); `queue(&state.people, &state.run)` for the list, each
//! place with `why.label()` and `raised` (for the wait); `speaking()` and its
//! `clock(..)` for the speaker; `direct_responses` to flag overuse. A name
//! typed that is not in the roster: `names::match_names`, else log
//! `PeopleEvent::Joined` first, then the add.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::person::{People, PersonId};
use super::plan::StackMode;
use super::run::{Run, SegmentId};
use super::turn::Turn;

/// Why someone asks to go out of turn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Jump {
    /// An ordinary raised hand.
    #[default]
    NoJump,
    /// The process itself is off track: goes to the front.
    PointOfProcess,
    /// A short reply to what was just said; easily overused.
    DirectResponse,
    ClarifyingQuestion,
    /// A quick factual question.
    PointOfInformation,
}

impl Jump {
    pub fn label(self) -> &'static str {
        match self {
            Jump::NoJump => "hand",
            Jump::PointOfProcess => "point of process",
            Jump::DirectResponse => "direct response",
            Jump::ClarifyingQuestion => "clarifying question",
            Jump::PointOfInformation => "point of information",
        }
    }

    /// 0 = process, 1 = replies to the current speaker, 2 = everyone else.
    pub fn tier(self) -> u8 {
        match self {
            Jump::PointOfProcess => 0,
            Jump::DirectResponse | Jump::ClarifyingQuestion | Jump::PointOfInformation => 1,
            Jump::NoJump => 2,
        }
    }
}

/// What progressive ordering counts: turns in this segment, or all session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reach {
    #[default]
    Segment,
    Session,
}

/// A stable handle for a raised hand: the order hands were raised in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HandId(pub u32);

/// What the stack keeper does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StackEvent {
    /// A hand goes up. Refused (and ignored on replay) when `check_add`
    /// says no; ask it first to show the reason.
    Add {
        person: PersonId,
        jump: Jump,
    },
    /// A queued hand comes down.
    Remove(HandId),
    /// Put a queued hand at this place in the queue (0 = front, but never
    /// before a point of process).
    Move {
        hand: HandId,
        to: usize,
    },
    /// The ordering rule, for the segment that is on.
    Mode(StackMode),
    Reach(Reach),
    /// Whether self-identified priority counts on a progressive stack.
    Priority(bool),
    /// No new hands after this person, except points of process.
    CloseAfter(PersonId),
    Reopen,
    /// The front of the queue becomes the speaker and their clock starts;
    /// a running turn ends first.
    Next,
    /// The current speaker is done; nobody speaks until `Next`.
    EndTurn,
    /// Every queued hand comes down (a new topic, a new segment).
    Clear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandStatus {
    Queued,
    /// Called to speak.
    Called,
    Removed,
}

/// One raised hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hand {
    pub id: HandId,
    pub person: PersonId,
    pub jump: Jump,
    /// When it went up, for showing the wait.
    pub raised: Timestamp,
    pub segment: Option<SegmentId>,
    /// Who was speaking when it went up: what a direct response answers.
    pub responding_to: Option<PersonId>,
    pub status: HandStatus,
}

/// Why a queued hand stands where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    Jump(Jump),
    MovedByHand,
    /// Plain stack: in the order raised.
    FirstCome,
    /// Progressive stack: turns so far (0 = first time), and whether
    /// priority put them ahead of their tier.
    Turns {
        turns: u32,
        priority: bool,
    },
}

impl Why {
    /// A short label for the queue ("first time", "2 turns", "moved by hand").
    pub fn label(self) -> String {
        match self {
            Why::Jump(j) => j.label().into(),
            Why::MovedByHand => "moved by hand".into(),
            Why::FirstCome => "first come".into(),
            Why::Turns { turns, priority } => {
                let base = match turns {
                    0 => "first time".to_string(),
                    1 => "1 turn".to_string(),
                    n => format!("{n} turns"),
                };
                if priority {
                    format!("{base}, priority")
                } else {
                    base
                }
            }
        }
    }
}

/// One place in the derived queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub hand: HandId,
    pub person: PersonId,
    pub jump: Jump,
    pub raised: Timestamp,
    pub responding_to: Option<PersonId>,
    pub why: Why,
}

impl Queued {
    /// How long they have been waiting at `now`.
    pub fn waited(&self, now: Timestamp) -> SignedDuration {
        now.duration_since(self.raised).max(SignedDuration::ZERO)
    }
}

/// Why a hand cannot go up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Closed { after: PersonId },
    AlreadyQueued(PersonId),
    NotInRoster(PersonId),
}

impl Refusal {
    /// The reason in words, with names.
    pub fn text(self, people: &People) -> String {
        match self {
            Refusal::Closed { after } => format!(
                "the stack is closed after {} (points of process still go in)",
                people.name(after)
            ),
            Refusal::AlreadyQueued(p) => format!("{} is already on the stack", people.name(p)),
            Refusal::NotInRoster(_) => "not in the roster; add the person first".into(),
        }
    }
}

/// A manual move: the hands that stood ahead of the moved one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pin {
    hand: HandId,
    ahead: Vec<HandId>,
}

/// The stack as it stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stack {
    hands: Vec<Hand>,
    /// In the order made; a later move of the same hand replaces its pin.
    pins: Vec<Pin>,
    /// Speaking turns from the stack; only the last may run.
    turns: Vec<Turn>,
    /// Modes set by the stack keeper, with the segment they were set in.
    modes: Vec<(Option<SegmentId>, StackMode)>,
    pub reach: Reach,
    pub priority: bool,
    /// `Some(kim)`: "stack closed after Kim".
    pub closed_after: Option<PersonId>,
}

impl Stack {
    pub fn hands(&self) -> &[Hand] {
        &self.hands
    }

    pub fn hand(&self, id: HandId) -> Option<&Hand> {
        self.hands.get(id.0 as usize)
    }

    /// Every speaking turn from the stack (the last may still run).
    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    /// The running turn, if someone speaks from the stack; its `clock` shows
    /// the time against the per-speaker box.
    pub fn speaking(&self) -> Option<&Turn> {
        self.turns.last().filter(|t| t.is_running())
    }

    pub fn speaker(&self) -> Option<PersonId> {
        self.speaking().map(|t| t.person)
    }

    /// The rule in force: as set in the segment that is on, else the plan's
    /// rule for it, else as last set anywhere, else plain.
    pub fn mode(&self, run: &Run) -> StackMode {
        let here = run.current;
        self.modes
            .iter()
            .rev()
            .find(|(s, _)| *s == here)
            .map(|(_, m)| *m)
            .or_else(|| run.current_segment().and_then(|s| s.stack))
            .or_else(|| self.modes.last().map(|(_, m)| *m))
            .unwrap_or_default()
    }

    /// Whether priority counts right now: enabled, on a progressive stack.
    pub fn priority_in_force(&self, run: &Run) -> bool {
        self.priority && self.mode(run) == StackMode::Progressive
    }

    fn counts(&self, turn_segment: Option<SegmentId>, run: &Run) -> bool {
        self.reach == Reach::Session || turn_segment == run.current
    }

    /// Turns and finished speaking time per person, within the reach. A
    /// running turn counts as a turn but adds no time, so the queue does not
    /// shift second by second.
    pub fn tally(&self, run: &Run) -> BTreeMap<PersonId, (u32, SignedDuration)> {
        let mut out: BTreeMap<PersonId, (u32, SignedDuration)> = BTreeMap::new();
        for t in self.turns.iter().filter(|t| self.counts(t.segment, run)) {
            let e = out.entry(t.person).or_default();
            e.0 += 1;
            if let Some(end) = t.ended {
                e.1 = e.1.saturating_add(end.duration_since(t.started));
            }
        }
        out
    }

    /// Direct responses asked for per person within the reach (queued or
    /// heard; withdrawn ones do not count).
    pub fn direct_responses(&self, run: &Run) -> BTreeMap<PersonId, u32> {
        let mut out = BTreeMap::new();
        for h in self.hands.iter().filter(|h| {
            h.jump == Jump::DirectResponse
                && h.status != HandStatus::Removed
                && self.counts(h.segment, run)
        }) {
            *out.entry(h.person).or_insert(0) += 1;
        }
        out
    }

    /// Whether `person` may raise a hand of this kind now.
    pub fn check_add(&self, person: PersonId, jump: Jump, people: &People) -> Result<(), Refusal> {
        if people.get(person).is_none() {
            return Err(Refusal::NotInRoster(person));
        }
        let queued = |j: Option<Jump>| {
            self.hands.iter().any(|h| {
                h.person == person
                    && h.status == HandStatus::Queued
                    && j.is_none_or(|j| h.jump == j)
            })
        };
        if queued(Some(jump)) {
            return Err(Refusal::AlreadyQueued(person));
        }
        let Some(after) = self.closed_after else {
            return Ok(());
        };
        // The last person named may still go on, if not on already.
        let last_named = after == person && !queued(None);
        if jump == Jump::PointOfProcess || last_named {
            Ok(())
        } else {
            Err(Refusal::Closed { after })
        }
    }

    /// The queue, front first, each with the reason for its place.
    pub fn queue(&self, people: &People, run: &Run) -> Vec<Queued> {
        let queued: Vec<&Hand> = self
            .hands
            .iter()
            .filter(|h| h.status == HandStatus::Queued)
            .collect();
        let pinned = |h: &Hand| h.jump != Jump::PointOfProcess && self.pin(h.id).is_some();
        let mode = self.mode(run);
        let priority = self.priority_in_force(run);
        let tally = self.tally(run);
        let standing = |h: &Hand| {
            let (turns, time) = tally.get(&h.person).copied().unwrap_or_default();
            let pri = priority && people.get(h.person).is_some_and(|p| p.priority);
            (turns, pri, time)
        };

        let mut front: Vec<&Hand> = queued
            .iter()
            .copied()
            .filter(|h| h.jump.tier() == 0)
            .collect();
        let mut rest: Vec<&Hand> = queued
            .iter()
            .copied()
            .filter(|h| h.jump.tier() > 0 && !pinned(h))
            .collect();
        rest.sort_by_key(|h| {
            let (turns, pri, time) = standing(h);
            match (h.jump.tier(), mode) {
                (2, StackMode::Progressive) => (2, turns, !pri, time, h.id),
                (tier, _) => (tier, 0, false, SignedDuration::ZERO, h.id),
            }
        });
        for pin in &self.pins {
            let Some(h) = self
                .hand(pin.hand)
                .filter(|h| h.status == HandStatus::Queued && pinned(h))
            else {
                continue;
            };
            let at = rest
                .iter()
                .rposition(|r| pin.ahead.contains(&r.id))
                .map_or(0, |i| i + 1);
            rest.insert(at, h);
        }
        front.extend(rest);
        front
            .into_iter()
            .map(|h| {
                let why = if pinned(h) {
                    Why::MovedByHand
                } else if h.jump != Jump::NoJump {
                    Why::Jump(h.jump)
                } else if mode == StackMode::Progressive {
                    let (turns, priority, _) = standing(h);
                    Why::Turns { turns, priority }
                } else {
                    Why::FirstCome
                };
                Queued {
                    hand: h.id,
                    person: h.person,
                    jump: h.jump,
                    raised: h.raised,
                    responding_to: h.responding_to,
                    why,
                }
            })
            .collect()
    }

    fn pin(&self, hand: HandId) -> Option<&Pin> {
        self.pins.iter().find(|p| p.hand == hand)
    }

    fn queued_mut(&mut self, id: HandId) -> Option<&mut Hand> {
        self.hands
            .get_mut(id.0 as usize)
            .filter(|h| h.status == HandStatus::Queued)
    }

    /// Someone left the roster: their turn ends and their hands come down.
    pub fn drop_person(&mut self, person: PersonId, at: Timestamp) {
        if self.speaker() == Some(person) {
            self.end_turn(at);
        }
        for h in &mut self.hands {
            if h.person == person && h.status == HandStatus::Queued {
                h.status = HandStatus::Removed;
            }
        }
        self.pins.retain(|p| {
            self.hands
                .get(p.hand.0 as usize)
                .is_some_and(|h| h.status == HandStatus::Queued)
        });
    }

    fn end_turn(&mut self, at: Timestamp) {
        if let Some(t) = self.turns.last_mut() {
            t.end(at);
        }
    }

    /// Applies one event; the run gives the segment that is on, the people
    /// give roster checks and priority.
    pub fn apply(&mut self, at: Timestamp, ev: &StackEvent, people: &People, run: &Run) {
        match ev {
            StackEvent::Add { person, jump } => {
                if self.check_add(*person, *jump, people).is_ok() {
                    self.hands.push(Hand {
                        id: HandId(self.hands.len() as u32),
                        person: *person,
                        jump: *jump,
                        raised: at,
                        segment: run.current,
                        responding_to: self.speaker().filter(|_| jump.tier() == 1),
                        status: HandStatus::Queued,
                    });
                }
            }
            StackEvent::Remove(id) => {
                if let Some(h) = self.queued_mut(*id) {
                    h.status = HandStatus::Removed;
                    self.pins.retain(|p| p.hand != *id);
                }
            }
            StackEvent::Move { hand, to } => {
                let queue: Vec<(HandId, u8)> = self
                    .queue(people, run)
                    .iter()
                    .map(|q| (q.hand, q.jump.tier()))
                    .collect();
                let Some(from) = queue.iter().position(|(id, _)| id == hand) else {
                    return;
                };
                if queue[from].1 == 0 {
                    return;
                }
                let mut others: Vec<(HandId, u8)> = queue;
                others.remove(from);
                let process = others.iter().filter(|(_, tier)| *tier == 0).count();
                let to = (*to).clamp(process, others.len());
                let ahead = others[process..to].iter().map(|(id, _)| *id).collect();
                self.pins.retain(|p| p.hand != *hand);
                self.pins.push(Pin { hand: *hand, ahead });
            }
            StackEvent::Mode(mode) => self.modes.push((run.current, *mode)),
            StackEvent::Reach(reach) => self.reach = *reach,
            StackEvent::Priority(on) => self.priority = *on,
            StackEvent::CloseAfter(person) => self.closed_after = Some(*person),
            StackEvent::Reopen => self.closed_after = None,
            StackEvent::Next => {
                // The front as shown, before the ending turn's time counts.
                let front = self.queue(people, run).into_iter().next();
                self.end_turn(at);
                if let Some(q) = front {
                    let id = q.hand;
                    if let Some(h) = self.queued_mut(id) {
                        h.status = HandStatus::Called;
                    }
                    self.pins.retain(|p| p.hand != id);
                    self.turns.push(Turn::new(q.person, run.current, at));
                }
            }
            StackEvent::EndTurn => self.end_turn(at),
            StackEvent::Clear => {
                for h in &mut self.hands {
                    if h.status == HandStatus::Queued {
                        h.status = HandStatus::Removed;
                    }
                }
                self.pins.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests;
