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
//!    progressive by its rule (`StackRule`, chosen by the plan or on the
//!    stack): fewest turns then least speaking time (the default), fewest
//!    turns then first come, or least speaking time alone; the
//!    self-identified priority (when the group enabled it) right after the
//!    rule's first measure; first come breaks every tie.
//!
//! What progressive counts (`Reach`) is this segment or the whole session,
//! as the plan says for the segment or the stack keeper sets it.
//!
//! A hand moved by hand keeps the people who were ahead of it at the move
//! ahead of it, and everyone else behind; it never goes before a point of
//! process.
//!
//! For a screen: `check_add` before logging `StackEvent::Add` (to show why
//! a hand is refused); `wording(run)` for the rule in full; `queue(&state.people,
//! &state.run)` for the list, each place with `why.label()` (the reason that
//! placed it: "1 turn · 0:03 spoken") and `raised` (for the wait); `speaking()` and its
//! `clock(..)` for the speaker; `direct_responses` to flag overuse. A name
//! typed that is not in the roster: `names::match_names`, else log
//! `PeopleEvent::Joined` first, then the add.

use std::collections::{BTreeMap, HashMap};

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::duration::unsigned_clock;
use super::pages::Pages;
use super::person::{People, PersonId};
pub use super::plan::Reach;
use super::plan::{StackMode, StackRule};
use super::run::{Run, SegmentId};
use super::tally::{Speaking, Tally, Within};
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
    /// What progressive counts, for the segment that is on.
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
    /// A progressive stack ordered by this rule, for the segment that is on.
    Rule(StackRule),
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
    /// Progressive stack: what the rule weighed. Turns so far (0 = first
    /// time, a running turn counted), finished speaking time, and whether
    /// priority put them ahead.
    Progressive {
        rule: StackRule,
        turns: u32,
        time: SignedDuration,
        priority: bool,
    },
}

impl Why {
    /// A short label for the queue, naming what placed the hand: "first
    /// time", "1 turn · 0:03 spoken", "moved by hand".
    pub fn label(self) -> String {
        match self {
            Why::Jump(j) => j.label().into(),
            Why::MovedByHand => "moved by hand".into(),
            Why::FirstCome => "first come".into(),
            Why::Progressive {
                rule,
                turns,
                time,
                priority,
            } => {
                let spoken = format!("{} spoken", unsigned_clock(time.as_secs().max(0) as u64));
                let count = match turns {
                    1 => "1 turn".to_string(),
                    n => format!("{n} turns"),
                };
                let base = match (rule, turns) {
                    (StackRule::TimeOnly, 0) => "not spoken yet".to_string(),
                    (StackRule::TimeOnly, _) => spoken,
                    (_, 0) => "first time".to_string(),
                    (StackRule::TurnsThenArrival, _) => count,
                    (StackRule::TurnsThenTime, _) => format!("{count} · {spoken}"),
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
///
/// Besides every hand and turn, it keeps what its questions need as events
/// arrive (the hands still queued, turns and time per person, direct
/// responses per person, the rule set per segment), so ordering the queue
/// never goes over the whole history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stack {
    hands: Pages<Hand>,
    /// The hands still queued, in the order raised.
    queued: Vec<HandId>,
    /// In the order made; a later move of the same hand replaces its pin.
    pins: Vec<Pin>,
    /// Speaking turns from the stack; only the last may run.
    turns: Pages<Turn>,
    /// Turns and finished speaking time per person.
    spoken: Speaking,
    /// Direct responses asked for per person (queued or heard).
    replies: Tally<u32>,
    /// The mode, progressive rule and reach set by the stack keeper in
    /// each segment, and the latest set anywhere.
    modes: HashMap<Option<SegmentId>, StackMode>,
    last_mode: Option<StackMode>,
    rules: HashMap<Option<SegmentId>, StackRule>,
    last_rule: Option<StackRule>,
    reaches: HashMap<Option<SegmentId>, Reach>,
    last_reach: Option<Reach>,
    pub priority: bool,
    /// `Some(kim)`: "stack closed after Kim".
    pub closed_after: Option<PersonId>,
    /// Turns and speaking time in the gathering's earlier sessions, counted
    /// when the reach is the whole gathering.
    pub earlier: HashMap<PersonId, (u32, SignedDuration)>,
}

impl Stack {
    /// Every hand raised, in the order raised.
    pub fn hands(&self) -> impl DoubleEndedIterator<Item = &Hand> {
        self.hands.iter()
    }

    pub fn hand(&self, id: HandId) -> Option<&Hand> {
        self.hands.get(id.0 as usize)
    }

    /// Every speaking turn from the stack (the last may still run).
    pub fn turns(&self) -> impl DoubleEndedIterator<Item = &Turn> + Clone {
        self.turns.iter()
    }

    /// Turns and finished speaking time per person, kept as turns come and go.
    pub fn spoken(&self) -> &Speaking {
        &self.spoken
    }

    /// The running turn, if someone speaks from the stack; its `clock` shows
    /// the time against the per-speaker box.
    pub fn speaking(&self) -> Option<&Turn> {
        self.turns.last().filter(|t| t.is_running())
    }

    pub fn speaker(&self) -> Option<PersonId> {
        self.speaking().map(|t| t.person)
    }

    /// Whether someone has a hand up.
    pub fn is_queued(&self, person: PersonId) -> bool {
        self.queued_hands().any(|h| h.person == person)
    }

    fn queued_hands(&self) -> impl Iterator<Item = &Hand> {
        self.queued.iter().filter_map(|id| self.hand(*id))
    }

    /// The rule in force: as set in the segment that is on, else the plan's
    /// rule for it, else as last set anywhere, else plain.
    pub fn mode(&self, run: &Run) -> StackMode {
        self.modes
            .get(&run.current)
            .copied()
            .or_else(|| run.current_segment().and_then(|s| s.stack))
            .or(self.last_mode)
            .unwrap_or_default()
    }

    /// How a progressive stack orders people: as set in the segment that
    /// is on, else the plan's rule for it (the segment's, else the plan's),
    /// else as last set anywhere, else turns then time.
    pub fn rule(&self, run: &Run) -> StackRule {
        self.rules
            .get(&run.current)
            .copied()
            .or_else(|| run.planned_stack_rule())
            .or(self.last_rule)
            .unwrap_or_default()
    }

    /// What progressive counts: as set in the segment that is on, else as
    /// the plan says for it, else as last set anywhere, else this segment.
    pub fn reach(&self, run: &Run) -> Reach {
        self.reaches
            .get(&run.current)
            .copied()
            .or_else(|| run.planned_stack_scope())
            .or(self.last_reach)
            .unwrap_or_default()
    }

    /// The rule in force in full words, for the header: "Plain: first
    /// come, first served", or "Progressive, counting the whole session:
    /// fewest turns first, then least speaking time, then who raised a hand
    /// first" (the scope first, so a narrow screen cuts the rule's tail).
    pub fn wording(&self, run: &Run) -> String {
        match self.mode(run) {
            StackMode::Plain => "Plain: first come, first served".into(),
            StackMode::Progressive => format!(
                "Progressive, counting {}: {}",
                self.reach(run).label(),
                self.rule(run).wording(self.priority)
            ),
        }
    }

    /// The event that moves the stack to its next rule: plain, then each
    /// progressive rule in turn, then plain again.
    pub fn cycle(&self, run: &Run) -> StackEvent {
        match self.mode(run) {
            StackMode::Plain => StackEvent::Rule(StackRule::TurnsThenTime),
            StackMode::Progressive => match self.rule(run).next() {
                Some(rule) => StackEvent::Rule(rule),
                None => StackEvent::Mode(StackMode::Plain),
            },
        }
    }

    /// Whether priority counts right now: enabled, on a progressive stack.
    pub fn priority_in_force(&self, run: &Run) -> bool {
        self.priority && self.mode(run) == StackMode::Progressive
    }

    fn within(&self, run: &Run) -> Within {
        match self.reach(run) {
            Reach::Session | Reach::Gathering => Within::Session,
            Reach::Segment => Within::Segment(run.current),
        }
    }

    /// What the gathering's earlier sessions add for someone, when the
    /// reach is the whole gathering.
    fn before(&self, run: &Run, person: PersonId) -> (u32, SignedDuration) {
        match self.reach(run) {
            Reach::Gathering => self.earlier.get(&person).copied().unwrap_or_default(),
            _ => (0, SignedDuration::ZERO),
        }
    }

    /// Turns and finished speaking time of one person within the reach.
    fn counted(&self, run: &Run, person: PersonId) -> (u32, SignedDuration) {
        let c = self.spoken.of(self.within(run), person);
        let (turns, time) = self.before(run, person);
        (c.turns + turns, c.time.saturating_add(time))
    }

    /// Turns and finished speaking time per person, within the reach. A
    /// running turn counts as a turn but adds no time, so the queue does not
    /// shift second by second.
    pub fn tally(&self, run: &Run) -> BTreeMap<PersonId, (u32, SignedDuration)> {
        let mut out: BTreeMap<PersonId, (u32, SignedDuration)> = self
            .spoken
            .within(self.within(run))
            .map(|(p, c)| (p, (c.turns, c.time)))
            .collect();
        if self.reach(run) == Reach::Gathering {
            for (p, (turns, time)) in &self.earlier {
                let e = out.entry(*p).or_default();
                e.0 += turns;
                e.1 = e.1.saturating_add(*time);
            }
        }
        out
    }

    /// Direct responses asked for per person within the reach (queued or
    /// heard; withdrawn ones do not count).
    pub fn direct_responses(&self, run: &Run) -> BTreeMap<PersonId, u32> {
        self.replies.within(self.within(run)).collect()
    }

    /// Whether `person` may raise a hand of this kind now.
    pub fn check_add(&self, person: PersonId, jump: Jump, people: &People) -> Result<(), Refusal> {
        if people.get(person).is_none() {
            return Err(Refusal::NotInRoster(person));
        }
        let queued = |j: Option<Jump>| {
            self.queued_hands()
                .any(|h| h.person == person && j.is_none_or(|j| h.jump == j))
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
        let pinned = |h: &Hand| h.jump != Jump::PointOfProcess && self.pin(h.id).is_some();
        let mode = self.mode(run);
        let rule = self.rule(run);
        let priority = self.priority_in_force(run);
        let standing = |h: &Hand| {
            let (turns, time) = self.counted(run, h.person);
            let pri = priority && people.get(h.person).is_some_and(|p| p.priority);
            (turns, pri, time)
        };
        let key = |h: &Hand| {
            let (turns, pri, time) = standing(h);
            rule.key(turns, time, pri)
        };

        let mut front: Vec<&Hand> = self.queued_hands().filter(|h| h.jump.tier() == 0).collect();
        let mut rest: Vec<&Hand> = self
            .queued_hands()
            .filter(|h| h.jump.tier() > 0 && !pinned(h))
            .collect();
        rest.sort_by_key(|h| match (h.jump.tier(), mode) {
            (2, StackMode::Progressive) => (2, key(h), h.id),
            (tier, _) => (tier, (0, false, 0), h.id),
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
                    let (turns, priority, time) = standing(h);
                    Why::Progressive {
                        rule,
                        turns,
                        time,
                        priority,
                    }
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

    /// A queued hand leaves the queue: called to speak, or taken down.
    fn unqueue(&mut self, id: HandId, status: HandStatus) {
        let Some(h) = self
            .hands
            .get_mut(id.0 as usize)
            .filter(|h| h.status == HandStatus::Queued)
        else {
            return;
        };
        h.status = status;
        let (person, jump, segment) = (h.person, h.jump, h.segment);
        if status == HandStatus::Removed && jump == Jump::DirectResponse {
            self.replies
                .change(segment, person, |n| *n = n.saturating_sub(1));
        }
        self.queued.retain(|q| *q != id);
        self.pins.retain(|p| p.hand != id);
    }

    /// Someone left the roster: their turn ends and their hands come down.
    pub fn drop_person(&mut self, person: PersonId, at: Timestamp) {
        if self.speaker() == Some(person) {
            self.end_turn(at);
        }
        let theirs: Vec<HandId> = self
            .queued_hands()
            .filter(|h| h.person == person)
            .map(|h| h.id)
            .collect();
        for id in theirs {
            self.unqueue(id, HandStatus::Removed);
        }
    }

    fn end_turn(&mut self, at: Timestamp) {
        if let Some(t) = self.turns.last_mut()
            && t.end(at)
        {
            let turn = t.clone();
            self.spoken.finish(&turn);
        }
    }

    /// Applies one event; the run gives the segment that is on, the people
    /// give roster checks and priority.
    pub fn apply(&mut self, at: Timestamp, ev: &StackEvent, people: &People, run: &Run) {
        match ev {
            StackEvent::Add { person, jump } => {
                if self.check_add(*person, *jump, people).is_ok() {
                    let id = HandId(self.hands.len() as u32);
                    self.hands.push(Hand {
                        id,
                        person: *person,
                        jump: *jump,
                        raised: at,
                        segment: run.current,
                        responding_to: self.speaker().filter(|_| jump.tier() == 1),
                        status: HandStatus::Queued,
                    });
                    self.queued.push(id);
                    if *jump == Jump::DirectResponse {
                        self.replies.change(run.current, *person, |n| *n += 1);
                    }
                }
            }
            StackEvent::Remove(id) => self.unqueue(*id, HandStatus::Removed),
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
            StackEvent::Mode(mode) => {
                self.modes.insert(run.current, *mode);
                self.last_mode = Some(*mode);
            }
            StackEvent::Reach(reach) => {
                self.reaches.insert(run.current, *reach);
                self.last_reach = Some(*reach);
            }
            StackEvent::Rule(rule) => {
                self.modes.insert(run.current, StackMode::Progressive);
                self.last_mode = Some(StackMode::Progressive);
                self.rules.insert(run.current, *rule);
                self.last_rule = Some(*rule);
            }
            StackEvent::Priority(on) => self.priority = *on,
            StackEvent::CloseAfter(person) => self.closed_after = Some(*person),
            StackEvent::Reopen => self.closed_after = None,
            StackEvent::Next => {
                // The front as shown, before the ending turn's time counts.
                let front = self.queue(people, run).into_iter().next();
                self.end_turn(at);
                if let Some(q) = front {
                    self.unqueue(q.hand, HandStatus::Called);
                    let turn = Turn::new(q.person, run.current, at);
                    self.spoken.begin(&turn);
                    self.turns.push(turn);
                }
            }
            StackEvent::EndTurn => self.end_turn(at),
            StackEvent::Clear => {
                for id in self.queued.clone() {
                    self.unqueue(id, HandStatus::Removed);
                }
                self.pins.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests;
