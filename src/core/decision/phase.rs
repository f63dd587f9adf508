//! The phases a decision goes through, each with its share of the time and
//! what the facilitator says, does and watches for; and how long its
//! rounds take for a head count.

use jiff::SignedDuration;
use serde::{Deserialize, Serialize};

use super::rules::{Method, Rules};
use crate::core::checks::{DEFAULT_TRANSITION, round_length};
use crate::core::plan::{Cue, Segment};

/// The phases of a decision, in order. The fallback is stepped into only
/// when it is offered (see `verdict::fallback_offer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    Proposal,
    Questions,
    Reactions,
    Amendments,
    Test,
    Fallback,
    Outcome,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Proposal,
        Phase::Questions,
        Phase::Reactions,
        Phase::Amendments,
        Phase::Test,
        Phase::Fallback,
        Phase::Outcome,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Proposal => "proposal",
            Phase::Questions => "clarifying questions",
            Phase::Reactions => "reactions",
            Phase::Amendments => "amendments",
            Phase::Test => "test for agreement",
            Phase::Fallback => "fallback vote",
            Phase::Outcome => "outcome",
        }
    }

    fn index(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The next phase when stepping on; the fallback is skipped (it is
    /// opened, not stepped into).
    pub fn next(self) -> Option<Phase> {
        Phase::ALL[self.index() + 1..]
            .iter()
            .copied()
            .find(|p| *p != Phase::Fallback)
    }

    /// The phase before, when stepping back; the fallback is skipped.
    pub fn previous(self) -> Option<Phase> {
        Phase::ALL[..self.index()]
            .iter()
            .rev()
            .copied()
            .find(|p| *p != Phase::Fallback)
    }

    /// Where the room's turn-taking lives in this phase, for a hint.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Phase::Questions => Some("questions on the stack (4) or in a round (3)"),
            Phase::Reactions => Some("a round (3): each person once, the proposer listens"),
            _ => None,
        }
    }

    /// The phase's part of the decision's time, out of `WEIGHTS`.
    fn weight(self) -> i64 {
        match self {
            Phase::Proposal | Phase::Outcome | Phase::Fallback => 1,
            Phase::Questions | Phase::Amendments | Phase::Test => 2,
            Phase::Reactions => 3,
        }
    }

    /// What the facilitator says, does and watches for in this phase; the
    /// test's words depend on the method.
    pub fn script(self, rules: &Rules) -> Vec<Cue> {
        let cue = |say: &str, act: &str, watch: &str| Cue {
            say: (!say.is_empty()).then(|| say.to_string()),
            act: (!act.is_empty()).then(|| act.to_string()),
            watch: (!watch.is_empty()).then(|| watch.to_string()),
            phase: None,
        };
        match self {
            Phase::Proposal => vec![cue(
                "Here is the proposal, in the words of those bringing it. Please just listen \
                 for now; questions come next.",
                "Read it out slowly and put it where everyone can see it.",
                "A proposal that is really several. Split it, or decide one part tonight.",
            )],
            Phase::Questions => vec![cue(
                "Questions only for now: is anything unclear? What you think of it comes next.",
                "Take questions from the stack; the proposer answers briefly.",
                "Opinions dressed as questions. Park them gently for the reactions.",
            )],
            Phase::Reactions => vec![cue(
                "Around the circle, one at a time: how does this land for you? The proposer \
                 listens without answering.",
                "Start a round; note concerns and ideas for changes as they come.",
                "Anyone not yet heard. Reactions are short, not a debate.",
            )],
            Phase::Amendments => vec![cue(
                "What change would make this work for more of us? The proposer says which \
                 changes they accept.",
                "Type each accepted change as a new version; every earlier one is kept.",
                "The text drifting without anyone saying so. Read the new version aloud.",
            )],
            Phase::Test => vec![test_cue(rules, cue)],
            Phase::Fallback => vec![cue(
                "We agreed beforehand what we do when we cannot reach agreement: a vote. \
                 Yes, no, or no position; only those here take part.",
                "Say the share it needs before counting, then count yes and no.",
                "Pressure on the few. Thank whoever kept their position.",
            )],
            Phase::Outcome => vec![cue(
                "Here is what we decided, and how. Let's hear it read back once.",
                "Record the outcome; set a date to review it.",
                "Someone who stood aside or blocked: acknowledge them by name only if they \
                 wish.",
            )],
        }
    }
}

/// The test's script for the method the plan chose.
fn test_cue(rules: &Rules, cue: impl Fn(&str, &str, &str) -> Cue) -> Cue {
    match rules.method {
        Method::Consensus => cue(
            "Let's test it. Agree; agree with a concern, which we'll minute; stand aside, \
             meaning you won't stop it but won't take part; or block, meaning you cannot live \
             with it. Passing is fine too.",
            "Go around the circle, one key per person; ask each concern, stand-aside or block \
             for its words.",
            "A block: thank the person, ask what they need, and go back to amendments.",
        ),
        Method::Consent => cue(
            "Is it good enough for now and safe enough to try? Not whether you like it: do \
             you have a reasoned objection?",
            "Hear each objection in full and work it with the group until it is resolved or \
             withdrawn.",
            "Preferences voiced as objections. Ask: what harm do you see if we try it?",
        ),
        Method::FistToFive => cue(
            "On three, show your hand: a fist says no, five fingers say I'll champion this.",
            "Count the fingers person by person, or the spread if the room is big.",
            "Anyone low: ask what would bring them up, without pressing.",
        ),
        Method::GradientsOfAgreement => cue(
            "Where are you, from 1, full endorsement, to 8, veto? The spread matters more \
             than a winner.",
            "Take each person's number; show the chart to the room.",
            "A cluster in the middle: people may need more time, not more pressure.",
        ),
    }
}

/// The weights of the phases stepped through; a fallback's share comes on top.
const WEIGHTS: i64 = 11;

/// A phase's share of the segment's time box, in whole minutes (at least one).
pub fn phase_box(segment_box: SignedDuration, phase: Phase) -> SignedDuration {
    crate::core::duration::share(segment_box, phase.weight(), WEIGHTS)
}

/// A reaction each, when the plan gives no `per_speaker`.
pub const REACTION: SignedDuration = SignedDuration::from_secs(30);
/// One person giving their position in a test.
pub const POSITION: SignedDuration = SignedDuration::from_secs(10);
/// A show of hands or cards, whatever the head count.
pub const SHOW_OF_HANDS: SignedDuration = SignedDuration::from_mins(1);

/// How long a decision's rounds take for a head count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundTime {
    pub people: u32,
    /// A reaction each, with the time between speakers.
    pub reaction: SignedDuration,
    pub gap: SignedDuration,
    pub reactions: SignedDuration,
    /// Tests the plan must hold: the tests before the fallback (or one).
    pub tests: u32,
    /// One test: a position each, or one show of hands.
    pub test: SignedDuration,
    pub total: SignedDuration,
}

/// The rounds of a decision segment for `people`: one round of reactions
/// and as many tests as come before the fallback (one without a fallback),
/// plus the fallback vote itself.
pub fn round_time(segment: &Segment, people: u32) -> RoundTime {
    let rules = Rules::of(segment);
    let reaction = segment.per_speaker.unwrap_or(REACTION);
    let gap = segment.transition.unwrap_or(DEFAULT_TRANSITION);
    let reactions = round_length(reaction, gap, people);
    let test = if rules.anonymous {
        SHOW_OF_HANDS
    } else {
        round_length(POSITION, SignedDuration::ZERO, people)
    };
    let tests = if rules.fallback.is_some() {
        rules.after_rounds.saturating_add(1)
    } else {
        1
    };
    let all_tests = test.saturating_mul(i32::try_from(tests).unwrap_or(i32::MAX));
    RoundTime {
        people,
        reaction,
        gap,
        reactions,
        tests,
        test,
        total: reactions.saturating_add(all_tests),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::SegmentKind;

    #[test]
    fn stepping_skips_the_fallback_both_ways() {
        assert_eq!(Phase::Proposal.next(), Some(Phase::Questions));
        assert_eq!(Phase::Test.next(), Some(Phase::Outcome));
        assert_eq!(Phase::Outcome.previous(), Some(Phase::Test));
        assert_eq!(Phase::Fallback.next(), Some(Phase::Outcome));
        assert_eq!(Phase::Outcome.next(), None);
        assert_eq!(Phase::Proposal.previous(), None);
    }

    #[test]
    fn phase_boxes_share_the_segment_and_never_vanish() {
        let twenty = SignedDuration::from_mins(22);
        assert_eq!(
            phase_box(twenty, Phase::Reactions),
            SignedDuration::from_mins(6)
        );
        assert_eq!(
            phase_box(SignedDuration::from_mins(2), Phase::Proposal),
            SignedDuration::from_mins(1)
        );
    }

    #[test]
    fn every_phase_has_words_for_every_method() {
        let mut seg = Segment::new("D", SegmentKind::Decision, SignedDuration::from_mins(20));
        for m in Method::ALL {
            seg.method = Some(m);
            let rules = Rules::of(&seg);
            for p in Phase::ALL {
                let script = p.script(&rules);
                assert!(!script.is_empty() && script.iter().all(|c| c.say.is_some()));
            }
        }
    }

    #[test]
    fn rounds_grow_with_the_room_and_the_tests_before_a_fallback() {
        let mut seg = Segment::new("D", SegmentKind::Decision, SignedDuration::from_mins(20));
        let t = round_time(&seg, 15);
        // 15 x (30s + 10s) = 10m of reactions; one test of 15 x 10s.
        assert_eq!(t.reactions, SignedDuration::from_mins(10));
        assert_eq!(t.total, SignedDuration::from_secs(600 + 150));
        seg.fallback = Some(super::super::rules::Fallback::Majority(
            super::super::rules::Share::Simple,
        ));
        assert_eq!(round_time(&seg, 15).tests, 3, "two tests, then the vote");
        seg.anonymous = true;
        assert_eq!(round_time(&seg, 15).test, SHOW_OF_HANDS);
    }
}
