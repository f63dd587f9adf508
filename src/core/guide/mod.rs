//! Guides: the four practices circlekeeper exists for, each helped along
//! while its segment is on.
//!
//! - `welcome`: the arrivals list (arrived, greeted by whom, introduced to
//!   whom), the opening and the agreements;
//! - `icebreaker`: a sequence of exercises that climbs gently, with groups
//!   formed from who came, stable crews, a repeat-back helper for name games
//!   and opting out that is never counted;
//! - `check_in`: a prompt from a rotating pool, then a round;
//! - `anti_retreat`: one conversation about a hard matter, phase by phase,
//!   with equal time between its voices and follow-ups as notes.
//!
//! Everything a guide remembers is a `GuideEvent` in the log, replayed into
//! `Guides`; the queries here and in the guide files are pure functions of
//! that state, the run and `now`.

pub mod anti_retreat;
pub mod check_in;
pub mod icebreaker;
pub mod welcome;

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use self::anti_retreat::Phase;
use super::person::PersonId;
use super::plan::{Segment, SegmentKind};
use super::run::{Run, SegmentId, Stage};
use super::turn::Turn;

/// What a guide logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuideEvent {
    /// Welcome: someone was greeted at the door, by `by` when known.
    Greeted {
        person: PersonId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<PersonId>,
    },
    /// Welcome: someone was introduced to `to`, who was already here.
    Introduced { person: PersonId, to: PersonId },
    /// Icebreaker: this exercise began; its clock starts here.
    Step { segment: SegmentId, step: usize },
    /// Icebreaker: the groups of an exercise, as read out to the room.
    /// `crews` marks the gathering's standing crews.
    GroupsFormed {
        segment: SegmentId,
        step: usize,
        groups: Vec<Vec<PersonId>>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        crews: bool,
    },
    /// Name game: the word (an animal, ...) someone chose, for the circle to
    /// say back. An empty text clears it.
    RepeatBack {
        segment: SegmentId,
        person: PersonId,
        text: String,
    },
    /// Someone sits an exercise out. Never counted, never remarked on.
    OptOut {
        segment: SegmentId,
        step: usize,
        person: PersonId,
    },
    /// ... and is back in.
    OptIn {
        segment: SegmentId,
        step: usize,
        person: PersonId,
    },
    /// Check-in: the question the round answers.
    Prompt { segment: SegmentId, text: String },
    /// Anti-retreat: the conversation moved to this phase.
    Phase { segment: SegmentId, phase: Phase },
    /// Anti-retreat: a voice starts speaking (ending any other).
    Voice {
        segment: SegmentId,
        person: PersonId,
    },
    /// Anti-retreat: the voice speaking is done.
    VoiceEnd { segment: SegmentId },
    /// Anti-retreat: a person joins (or leaves) the voices of a conversation.
    Party {
        segment: SegmentId,
        person: PersonId,
        joined: bool,
    },
}

/// Which guide a segment gets, from its kind (and a crews activity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Guide {
    Welcome,
    Icebreaker,
    CheckIn,
    AntiRetreat,
    /// A decision: proposal, questions, reactions, amendments, the test for
    /// agreement and the outcome (`core::decision`).
    Decision,
    /// The board of a breakout's groups.
    Breakout,
    /// Delegates reporting for their groups.
    ReportBack,
}

impl Guide {
    /// The guide for a segment, if it has one. A segment whose activity is
    /// `crews` gets the icebreaker guide, so its crews can be shown.
    pub fn for_segment(segment: &Segment) -> Option<Guide> {
        match segment.kind {
            SegmentKind::WelcomeCircle => Some(Guide::Welcome),
            SegmentKind::IcebreakerSequence => Some(Guide::Icebreaker),
            SegmentKind::CheckIn | SegmentKind::ClosingRound => Some(Guide::CheckIn),
            SegmentKind::AntiRetreat => Some(Guide::AntiRetreat),
            SegmentKind::Decision => Some(Guide::Decision),
            SegmentKind::Breakout => Some(Guide::Breakout),
            SegmentKind::ReportBack => Some(Guide::ReportBack),
            _ if icebreaker::is_crews_activity(segment.activity.as_deref()) => {
                Some(Guide::Icebreaker)
            }
            _ => None,
        }
    }
}

/// A guide event that marks a moment in a segment: a step or phase began.
/// `offset` is how long the segment's clock had run by then, so the step's
/// own clock stops while the run is paused, exactly as the segment's does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark<T> {
    pub segment: SegmentId,
    pub value: T,
    pub offset: SignedDuration,
}

impl<T> Mark<T> {
    /// How long the segment's clock has run since this mark.
    pub fn elapsed(&self, run: &Run, now: Timestamp) -> SignedDuration {
        run.elapsed(self.segment, now)
            .saturating_sub(self.offset)
            .max(SignedDuration::ZERO)
    }
}

/// A guide's own clock (a step, a phase) against its box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideClock {
    pub elapsed: SignedDuration,
    pub time_box: SignedDuration,
    /// Staged warnings shorter than the box, largest first.
    pub warnings: Vec<SignedDuration>,
}

impl GuideClock {
    /// A clock whose warnings are the plan's, minus any as long as the box
    /// (a 2-minute step must not start out "under 5m left").
    pub fn new(
        elapsed: SignedDuration,
        time_box: SignedDuration,
        warnings: &[SignedDuration],
    ) -> GuideClock {
        GuideClock {
            elapsed,
            time_box,
            warnings: warnings.iter().copied().filter(|w| *w < time_box).collect(),
        }
    }

    /// Time left; negative is overtime.
    pub fn remaining(&self) -> SignedDuration {
        self.time_box.saturating_sub(self.elapsed)
    }

    pub fn stage(&self) -> Stage {
        Stage::of(self.remaining(), &self.warnings)
    }

    pub fn label(&self) -> String {
        self.stage().label(self.remaining(), &self.warnings)
    }
}

/// One greeting at the door.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Greeting {
    pub person: PersonId,
    pub by: Option<PersonId>,
    pub at: Timestamp,
}

/// One grouping of an exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouping {
    pub segment: SegmentId,
    pub step: usize,
    pub groups: Vec<Vec<PersonId>>,
    pub crews: bool,
    pub at: Timestamp,
}

/// Everything the guides remember, rebuilt from the log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Guides {
    greetings: Vec<Greeting>,
    introductions: Vec<(PersonId, PersonId)>,
    steps: Vec<Mark<usize>>,
    /// Every grouping in the order formed; a later one for the same step
    /// replaces the earlier for showing, but both stay in the log.
    pub groupings: Vec<Grouping>,
    words: Vec<(SegmentId, PersonId, String)>,
    out: Vec<(SegmentId, usize, PersonId)>,
    prompts: Vec<(SegmentId, String)>,
    phases: Vec<Mark<Phase>>,
    voices: Vec<Turn>,
    /// The voice speaking in each conversation, by index in `voices`.
    speaking: HashMap<SegmentId, usize>,
    parties: Vec<(SegmentId, PersonId, bool)>,
    /// Crews of the gathering as this session picked them up.
    pub carried_crews: Vec<Vec<PersonId>>,
    /// Who was grouped with whom in the gathering's earlier sessions.
    pub carried_met: super::groups::Met,
}

impl Guides {
    pub fn apply(&mut self, at: Timestamp, ev: &GuideEvent, run: &Run) {
        match ev {
            GuideEvent::Greeted { person, by } => {
                self.greetings.retain(|g| g.person != *person);
                self.greetings.push(Greeting {
                    person: *person,
                    by: *by,
                    at,
                });
            }
            GuideEvent::Introduced { person, to } => {
                if person != to && !self.introductions.contains(&(*person, *to)) {
                    self.introductions.push((*person, *to));
                }
            }
            GuideEvent::Step { segment, step } => self.steps.push(Mark {
                segment: *segment,
                value: *step,
                offset: run.elapsed(*segment, at),
            }),
            GuideEvent::GroupsFormed {
                segment,
                step,
                groups,
                crews,
            } => self.groupings.push(Grouping {
                segment: *segment,
                step: *step,
                groups: groups.clone(),
                crews: *crews,
                at,
            }),
            GuideEvent::RepeatBack {
                segment,
                person,
                text,
            } => {
                self.words
                    .retain(|(s, p, _)| (*s, *p) != (*segment, *person));
                if !text.trim().is_empty() {
                    self.words
                        .push((*segment, *person, text.trim().to_string()));
                }
            }
            GuideEvent::OptOut {
                segment,
                step,
                person,
            } => {
                let key = (*segment, *step, *person);
                if !self.out.contains(&key) {
                    self.out.push(key);
                }
            }
            GuideEvent::OptIn {
                segment,
                step,
                person,
            } => self.out.retain(|k| *k != (*segment, *step, *person)),
            GuideEvent::Prompt { segment, text } => {
                self.prompts.retain(|(s, _)| s != segment);
                self.prompts.push((*segment, text.clone()));
            }
            GuideEvent::Phase { segment, phase } => self.phases.push(Mark {
                segment: *segment,
                value: *phase,
                offset: run.elapsed(*segment, at),
            }),
            GuideEvent::Voice { segment, person } => {
                self.end_voice(*segment, at);
                self.speaking.insert(*segment, self.voices.len());
                self.voices.push(Turn::new(*person, Some(*segment), at));
            }
            GuideEvent::VoiceEnd { segment } => self.end_voice(*segment, at),
            GuideEvent::Party {
                segment,
                person,
                joined,
            } => self.parties.push((*segment, *person, *joined)),
        }
    }

    fn end_voice(&mut self, segment: SegmentId, at: Timestamp) {
        if let Some(turn) = self
            .speaking
            .remove(&segment)
            .and_then(|i| self.voices.get_mut(i))
        {
            turn.end(at);
        }
    }

    pub fn greeting(&self, person: PersonId) -> Option<&Greeting> {
        self.greetings.iter().find(|g| g.person == person)
    }

    pub fn greeted_count(&self) -> usize {
        self.greetings.len()
    }

    /// The people someone has been introduced to, either way round.
    pub fn introduced(&self, person: PersonId) -> Vec<PersonId> {
        self.introductions
            .iter()
            .filter_map(|(a, b)| match (*a == person, *b == person) {
                (true, _) => Some(*b),
                (_, true) => Some(*a),
                _ => None,
            })
            .collect()
    }

    /// The exercise on in a segment and the mark it began at (the first one,
    /// from the segment's start, until a step is logged).
    pub fn step(&self, segment: SegmentId) -> Mark<usize> {
        latest(&self.steps, segment).unwrap_or(Mark {
            segment,
            value: 0,
            offset: SignedDuration::ZERO,
        })
    }

    /// The groups shown for an exercise: the latest formed for it.
    pub fn groups(&self, segment: SegmentId, step: usize) -> Option<&Grouping> {
        self.groupings
            .iter()
            .rev()
            .find(|g| g.segment == segment && g.step == step)
    }

    /// The word someone chose in a segment's name game.
    pub fn word(&self, segment: SegmentId, person: PersonId) -> Option<&str> {
        self.words
            .iter()
            .find(|(s, p, _)| (*s, *p) == (segment, person))
            .map(|(_, _, w)| w.as_str())
    }

    pub fn opted_out(&self, segment: SegmentId, step: usize, person: PersonId) -> bool {
        self.out.contains(&(segment, step, person))
    }

    /// The prompt chosen for a segment, the latest if changed.
    pub fn prompt(&self, segment: SegmentId) -> Option<&str> {
        self.prompts
            .iter()
            .find(|(s, _)| *s == segment)
            .map(|(_, p)| p.as_str())
    }

    /// The phase a conversation is in, from its start until one is logged.
    pub fn phase(&self, segment: SegmentId) -> Mark<Phase> {
        latest(&self.phases, segment).unwrap_or(Mark {
            segment,
            value: Phase::Agreements,
            offset: SignedDuration::ZERO,
        })
    }

    /// Speaking turns of a conversation's voices, in order.
    pub fn voices(&self, segment: SegmentId) -> impl Iterator<Item = &Turn> {
        self.voices
            .iter()
            .filter(move |t| t.segment == Some(segment))
    }

    /// Who is speaking now in a conversation.
    pub fn speaking(&self, segment: SegmentId) -> Option<PersonId> {
        self.voice_speaking(segment).map(|t| t.person)
    }

    /// The turn of the voice speaking now in a conversation.
    pub fn voice_speaking(&self, segment: SegmentId) -> Option<&Turn> {
        let i = *self.speaking.get(&segment)?;
        self.voices.get(i).filter(|t| t.is_running())
    }

    /// Parties added (true) or removed (false) in a segment, in order.
    pub fn party_changes(&self, segment: SegmentId) -> impl Iterator<Item = (PersonId, bool)> {
        self.parties
            .iter()
            .filter(move |(s, _, _)| *s == segment)
            .map(|(_, p, j)| (*p, *j))
    }
}

fn latest<T: Clone>(marks: &[Mark<T>], segment: SegmentId) -> Option<Mark<T>> {
    marks.iter().rev().find(|m| m.segment == segment).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::{Event, Scope};
    use crate::core::fixture::{Log, plan};
    use crate::core::run::RunEvent;

    #[test]
    fn step_clock_runs_with_the_segment_clock() {
        let mut log = Log::new(plan(&["Ana"], &[SegmentKind::IcebreakerSequence], None));
        let s = SegmentId(0);
        log.start_segment(0, 0);
        let first = log.state().guides.step(s);
        assert_eq!(first.value, 0);
        assert_eq!(
            first.elapsed(&log.state().run, crate::core::fixture::t(90)),
            SignedDuration::from_secs(90)
        );
        log.at(
            100,
            Event::Guide(GuideEvent::Step {
                segment: s,
                step: 1,
            }),
        );
        // Paused for five minutes: the step clock waits with the segment.
        log.at(160, Event::Run(RunEvent::Pause));
        log.at(460, Event::Run(RunEvent::Resume));
        let step = log.state().guides.step(s);
        assert_eq!(step.value, 1);
        let now = crate::core::fixture::t(500);
        assert_eq!(
            step.elapsed(&log.state().run, now),
            SignedDuration::from_secs(100)
        );
        let clock = GuideClock::new(
            step.elapsed(&log.state().run, now),
            SignedDuration::from_mins(2),
            &[SignedDuration::from_mins(5), SignedDuration::from_secs(30)],
        );
        assert_eq!(clock.warnings, [SignedDuration::from_secs(30)]);
        assert_eq!(clock.stage(), Stage::Last);
        // Replayed from the file alone, the same clock.
        assert_eq!(log.replayed().guides, log.state().guides);
        // A guide undo takes the step back.
        log.at(510, Event::Undo(Scope::Guide));
        assert_eq!(log.state().guides.step(s).value, 0);
    }

    #[test]
    fn greetings_and_introductions_are_remembered() {
        let mut log = Log::new(plan(
            &["Ana", "Kim", "Lee"],
            &[SegmentKind::WelcomeCircle],
            None,
        ));
        let (ana, kim, lee) = (PersonId(0), PersonId(1), PersonId(2));
        log.at(
            5,
            Event::Guide(GuideEvent::Greeted {
                person: kim,
                by: Some(ana),
            }),
        );
        log.at(
            6,
            Event::Guide(GuideEvent::Introduced {
                person: kim,
                to: lee,
            }),
        );
        log.at(
            7,
            Event::Guide(GuideEvent::Introduced {
                person: kim,
                to: kim,
            }),
        );
        let g = &log.state().guides;
        assert_eq!(g.greeting(kim).unwrap().by, Some(ana));
        assert_eq!(g.greeted_count(), 1);
        assert_eq!(g.introduced(kim), [lee]);
        assert_eq!(g.introduced(lee), [kim]);
        assert!(g.greeting(lee).is_none());
    }

    #[test]
    fn guides_follow_segment_kinds() {
        let mins = SignedDuration::from_mins(10);
        let guide = |kind| Guide::for_segment(&Segment::new("S", kind, mins));
        assert_eq!(guide(SegmentKind::WelcomeCircle), Some(Guide::Welcome));
        assert_eq!(guide(SegmentKind::ClosingRound), Some(Guide::CheckIn));
        assert_eq!(guide(SegmentKind::AntiRetreat), Some(Guide::AntiRetreat));
        assert_eq!(guide(SegmentKind::Decision), Some(Guide::Decision));
        assert_eq!(guide(SegmentKind::Round), None);
        let mut crews = Segment::new("Crews", SegmentKind::Custom, mins);
        crews.activity = Some("crews".into());
        assert_eq!(Guide::for_segment(&crews), Some(Guide::Icebreaker));
    }
}
