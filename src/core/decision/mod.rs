//! Decisions the way assemblies make them: a proposal brought, questions,
//! reactions, amendments (every version kept), a test for agreement by the
//! method the plan chose, a fallback only where the group agreed one
//! beforehand, and a recorded outcome.
//!
//! - `rules`: the plan's fields (method, fallback, quorum, ...) and each
//!   rule in words;
//! - `stance`: the positions of every method, and passing;
//! - `phase`: the phases, their share of the time, their script lines and
//!   how long the rounds take for a head count;
//! - `tally`: who is counted (everyone marked here) and how many took
//!   which position;
//! - `verdict`: what the method's rule says of a tally, and when the
//!   fallback is offered;
//! - `record`: the outcomes, the record of a decision, and the events that
//!   record one (a Decision note linked to the segment, follow-ups to
//!   ratify indicative positions);
//! - `board`: everything a screen shows of a decision, in one value.
//!
//! Everything is a `DecisionEvent` in the log, replayed into `Decisions`.
//! Applying one touches only its own decision: no scan of the log.

pub mod actions;
pub mod board;
pub mod phase;
pub mod privacy;
pub mod record;
pub mod rules;
pub mod stance;
pub mod tally;
pub mod verdict;

#[cfg(test)]
mod tests;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use self::phase::Phase;
use self::record::Outcome;
use self::rules::Rules;
use self::stance::{FALLBACK_STANCES, Indicative, Placed, Remark, Settled, Stance};
use self::tally::Tally;
use super::guide::Mark;
use super::note::{Note, NoteEvent, NoteId, Notes};
use super::person::PersonId;
use super::run::{Run, SegmentId};

/// What the facilitator did in a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionEvent {
    /// The proposal is brought: its first version, typed or taken from a
    /// parked note. Brought again, it is a new version.
    Propose {
        segment: SegmentId,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<PersonId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from_note: Option<NoteId>,
    },
    /// A new version of the proposal; every earlier one is kept.
    Amend {
        segment: SegmentId,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<PersonId>,
    },
    /// The decision moved to this phase. Entering the test opens a test
    /// unless one is open.
    Phase { segment: SegmentId, phase: Phase },
    /// Someone's position in the open test (or fallback vote), replacing
    /// their earlier one there.
    Position {
        segment: SegmentId,
        person: PersonId,
        stance: Stance,
        /// The concern, reason or objection.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        indicative: Option<Indicative>,
        /// In a spokes council, the group the delegate speaks for: the
        /// group's position, replacing any its delegates gave before.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<String>,
    },
    /// Counts only: how many hands or cards showed this stance.
    Count {
        segment: SegmentId,
        stance: Stance,
        count: u32,
    },
    /// Words given without a name; they stand for one hand of the stance.
    Remark {
        segment: SegmentId,
        stance: Stance,
        text: String,
    },
    /// An objection worked until resolved or withdrawn.
    Settle {
        segment: SegmentId,
        who: Who,
        settled: Settled,
    },
    /// The open test did not carry; the group goes back to this phase.
    SendBack { segment: SegmentId, to: Phase },
    /// The fallback vote opens, closing the test that did not carry.
    OpenFallback { segment: SegmentId },
    /// When the decision is to be reviewed; `None` clears it.
    Review {
        segment: SegmentId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<Date>,
    },
    /// The outcome, with the count as it stood and the notes it leaves (a
    /// Decision note, follow-ups to ratify indicative positions).
    Decided {
        segment: SegmentId,
        outcome: Outcome,
        count: Tally,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        review: Option<Date>,
        notes: Vec<Note>,
    },
}

impl DecisionEvent {
    pub fn segment(&self) -> SegmentId {
        match self {
            DecisionEvent::Propose { segment, .. }
            | DecisionEvent::Amend { segment, .. }
            | DecisionEvent::Phase { segment, .. }
            | DecisionEvent::Position { segment, .. }
            | DecisionEvent::Count { segment, .. }
            | DecisionEvent::Remark { segment, .. }
            | DecisionEvent::Settle { segment, .. }
            | DecisionEvent::SendBack { segment, .. }
            | DecisionEvent::OpenFallback { segment }
            | DecisionEvent::Review { segment, .. }
            | DecisionEvent::Decided { segment, .. } => *segment,
        }
    }
}

/// Whose words an objection is: a person's, or a remark given without a
/// name (by its place among the open test's remarks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    Person(PersonId),
    Remark(u32),
}

/// One version of the proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub text: String,
    pub by: Option<PersonId>,
    pub at: Timestamp,
    /// The parked note it was taken from.
    pub from_note: Option<NoteId>,
}

/// Why a test closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    SentBack(Phase),
    ToFallback,
    Decided,
}

/// One test for agreement (or the fallback vote).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Test {
    pub fallback: bool,
    pub started: Timestamp,
    /// The version being tested when it opened (0-based).
    pub version: Option<usize>,
    /// Named positions, in the order first given.
    pub positions: Vec<Placed>,
    /// Counts only: hands per stance.
    pub counts: Vec<(Stance, u32)>,
    /// Words without a name.
    pub remarks: Vec<Remark>,
    pub closed: Option<Closed>,
}

impl Test {
    fn new(fallback: bool, at: Timestamp, version: Option<usize>) -> Test {
        Test {
            fallback,
            started: at,
            version,
            positions: Vec::new(),
            counts: Vec::new(),
            remarks: Vec::new(),
            closed: None,
        }
    }

    /// Hands of a stance given without names: the count, or the remarks
    /// typed for it when there are more of those.
    pub fn hands(&self, stance: Stance) -> u32 {
        let counted = self
            .counts
            .iter()
            .find(|(s, _)| *s == stance)
            .map_or(0, |(_, n)| *n);
        let remarks = self.remarks.iter().filter(|r| r.stance == stance).count();
        counted.max(u32::try_from(remarks).unwrap_or(u32::MAX))
    }

    /// Whether it did not carry: sent back, or given up for the fallback.
    pub fn failed(&self) -> bool {
        matches!(self.closed, Some(Closed::SentBack(_) | Closed::ToFallback))
    }

    /// Whether anything was counted in it.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
            && self.counts.iter().all(|(_, n)| *n == 0)
            && self.remarks.is_empty()
    }

    /// Someone's position, replacing their earlier one; a delegate's, in a
    /// spokes council, replaces any their group gave (a pair speaks as one).
    fn place(&mut self, placed: Placed) {
        let (person, group) = (placed.person, placed.group.clone());
        let same = |p: &Placed| {
            p.person == person
                || matches!((&p.group, &group), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
        };
        match self.positions.iter().position(same) {
            Some(i) => {
                // It keeps the place of the first it replaces.
                let later: Vec<Placed> = self.positions.split_off(i + 1);
                self.positions[i] = placed;
                self.positions
                    .extend(later.into_iter().filter(|p| !same(p)));
            }
            None => self.positions.push(placed),
        }
    }
}

/// The recorded outcome, as it stood when recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub outcome: Outcome,
    pub at: Timestamp,
    pub count: Tally,
    pub review: Option<Date>,
    /// The version decided on (0-based), when there was a proposal.
    pub version: Option<usize>,
    /// Tests held, the fallback vote included.
    pub tests: usize,
    /// The Decision note, then any follow-ups.
    pub notes: Vec<NoteId>,
}

/// Everything logged about one decision segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub segment: SegmentId,
    phase: Option<Mark<Phase>>,
    pub versions: Vec<Version>,
    pub tests: Vec<Test>,
    pub review: Option<Date>,
    pub decided: Option<Decided>,
}

impl Decision {
    fn new(segment: SegmentId) -> Decision {
        Decision {
            segment,
            phase: None,
            versions: Vec::new(),
            tests: Vec::new(),
            review: None,
            decided: None,
        }
    }

    /// The phase it is in, and the mark it began at (the proposal, from the
    /// segment's start, until a phase is logged).
    pub fn phase(&self) -> Mark<Phase> {
        self.phase.clone().unwrap_or(Mark {
            segment: self.segment,
            value: Phase::Proposal,
            offset: SignedDuration::ZERO,
        })
    }

    /// The proposal as it stands: the latest version.
    pub fn proposal(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// The test still open, if any.
    pub fn open_test(&self) -> Option<&Test> {
        self.tests.last().filter(|t| t.closed.is_none())
    }

    /// Tests by the method that did not carry.
    pub fn failed_tests(&self) -> u32 {
        let n = self
            .tests
            .iter()
            .filter(|t| !t.fallback && t.failed())
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    fn latest_version(&self) -> Option<usize> {
        self.versions.len().checked_sub(1)
    }

    fn open(&mut self, fallback: bool, at: Timestamp) -> &mut Test {
        let reuse = self
            .tests
            .last()
            .is_some_and(|t| t.closed.is_none() && t.fallback == fallback);
        if !reuse {
            // Opening the fallback gives up the test; going back to a test
            // sends an open fallback vote back.
            self.close(if fallback {
                Closed::ToFallback
            } else {
                Closed::SentBack(Phase::Test)
            });
            let version = self.latest_version();
            self.tests.push(Test::new(fallback, at, version));
        }
        let last = self.tests.len() - 1;
        &mut self.tests[last]
    }

    fn close(&mut self, why: Closed) {
        if let Some(t) = self.tests.last_mut().filter(|t| t.closed.is_none()) {
            t.closed = Some(why);
        }
    }

    fn set_phase(&mut self, phase: Phase, run: &Run, at: Timestamp) {
        self.phase = Some(Mark {
            segment: self.segment,
            value: phase,
            offset: run.elapsed(self.segment, at),
        });
    }
}

/// Every decision of the session, rebuilt from the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decisions {
    list: Vec<Decision>,
}

impl Decisions {
    pub fn get(&self, segment: SegmentId) -> Option<&Decision> {
        self.list.iter().find(|d| d.segment == segment)
    }

    /// Every decision that logged anything, in the order first touched.
    pub fn all(&self) -> &[Decision] {
        &self.list
    }

    fn entry(&mut self, segment: SegmentId) -> &mut Decision {
        let i = match self.list.iter().position(|d| d.segment == segment) {
            Some(i) => i,
            None => {
                self.list.push(Decision::new(segment));
                self.list.len() - 1
            }
        };
        &mut self.list[i]
    }

    /// Applies one event. Positions a test cannot take (fingers for a
    /// consensus, 9 fingers) are ignored; a decision's notes go into
    /// `notes`.
    pub fn apply(&mut self, at: Timestamp, ev: &DecisionEvent, run: &Run, notes: &mut Notes) {
        let segment = ev.segment();
        let rules = run.segment(segment).map(Rules::of);
        let d = self.entry(segment);
        match ev {
            DecisionEvent::Propose {
                text,
                by,
                from_note,
                ..
            } => d.versions.push(Version {
                text: text.clone(),
                by: *by,
                at,
                from_note: *from_note,
            }),
            DecisionEvent::Amend { text, by, .. } => d.versions.push(Version {
                text: text.clone(),
                by: *by,
                at,
                from_note: None,
            }),
            DecisionEvent::Phase { phase, .. } => {
                if *phase == Phase::Test && d.open_test().is_none_or(|t| t.fallback) {
                    d.open(false, at);
                }
                d.set_phase(*phase, run, at);
            }
            DecisionEvent::Position {
                person,
                stance,
                text,
                indicative,
                group,
                ..
            } => {
                let test = open_for(d, at);
                if accepts(rules.as_ref(), test.fallback, *stance) {
                    test.place(Placed {
                        person: *person,
                        stance: *stance,
                        text: text.trim().to_string(),
                        indicative: indicative.clone(),
                        settled: None,
                        group: group.clone(),
                    });
                }
            }
            DecisionEvent::Count { stance, count, .. } => {
                let test = open_for(d, at);
                if *stance != Stance::Pass && accepts(rules.as_ref(), test.fallback, *stance) {
                    test.counts.retain(|(s, _)| s != stance);
                    test.counts.push((*stance, *count));
                }
            }
            DecisionEvent::Remark { stance, text, .. } => {
                let test = open_for(d, at);
                if *stance != Stance::Pass && accepts(rules.as_ref(), test.fallback, *stance) {
                    test.remarks.push(Remark {
                        stance: *stance,
                        text: text.trim().to_string(),
                        settled: None,
                    });
                }
            }
            DecisionEvent::Settle { who, settled, .. } => {
                if let Some(test) = d.tests.last_mut() {
                    let slot = match who {
                        Who::Person(p) => test
                            .positions
                            .iter_mut()
                            .find(|x| x.person == *p && x.stance == Stance::Objection)
                            .map(|x| &mut x.settled),
                        Who::Remark(i) => test
                            .remarks
                            .get_mut(*i as usize)
                            .filter(|r| r.stance == Stance::Objection)
                            .map(|r| &mut r.settled),
                    };
                    if let Some(slot) = slot {
                        *slot = Some(settled.clone());
                    }
                }
            }
            DecisionEvent::SendBack { to, .. } => {
                d.close(Closed::SentBack(*to));
                d.set_phase(*to, run, at);
            }
            DecisionEvent::OpenFallback { .. } => {
                d.open(true, at);
                d.set_phase(Phase::Fallback, run, at);
            }
            DecisionEvent::Review { date, .. } => d.review = *date,
            DecisionEvent::Decided {
                outcome,
                count,
                review,
                notes: added,
                ..
            } => {
                d.close(Closed::Decided);
                d.review = *review;
                d.decided = Some(Decided {
                    outcome: *outcome,
                    at,
                    count: count.clone(),
                    review: *review,
                    version: d.latest_version(),
                    tests: d.tests.len(),
                    notes: added.iter().map(|n| n.id).collect(),
                });
                d.set_phase(Phase::Outcome, run, at);
                for note in added {
                    notes.apply(at, &NoteEvent::Added(note.clone()));
                }
            }
        }
    }
}

/// The test positions go into: the open one, or a new test by the method
/// when none is open (positions given before the test phase was entered).
fn open_for(d: &mut Decision, at: Timestamp) -> &mut Test {
    let fallback = d.open_test().is_some_and(|t| t.fallback);
    d.open(fallback, at)
}

/// Whether a test takes this stance: the method's for a test, yes / no /
/// pass for the fallback vote.
fn accepts(rules: Option<&Rules>, fallback: bool, stance: Stance) -> bool {
    if !stance.is_valid() {
        return false;
    }
    if fallback {
        FALLBACK_STANCES.contains(&stance)
    } else {
        rules.is_some_and(|r| r.method.stances().contains(&stance))
    }
}
