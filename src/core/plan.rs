//! A plan: what a facilitator means to do with a gathering, segment by segment.
//!
//! Plans are hand-written RON, so every field but `title`, `kind` and `time`
//! has a default, and unknown fields are refused: a typo like `tiem:` must be
//! an error, not a silently ignored time box.

use jiff::SignedDuration;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use super::breakout::plan::{GroupPlan, Split, serde_delegates};
use super::decision::rules::{Fallback, FistToFive, Method, serde_at_least_one};
use super::duration::{serde_friendly, serde_friendly_opt, serde_friendly_vec};

/// The warnings a countdown gives before it reaches zero, when the plan names none.
pub const DEFAULT_WARNINGS: [SignedDuration; 2] =
    [SignedDuration::from_mins(2), SignedDuration::from_secs(30)];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Clock time the gathering starts ("18:30").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Time>,
    /// The whole slot the gathering has, to check the plan fits ("2h").
    #[serde(
        default,
        with = "serde_friendly_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub slot: Option<SignedDuration>,
    /// Expected head count, for round arithmetic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<u32>,
    /// Expected names (a sign-up list); becomes the starting roster.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roster: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
    /// Staged countdown warnings for every segment ("2m", "30s").
    #[serde(
        default,
        with = "serde_friendly_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub warnings: Vec<SignedDuration>,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SegmentKind {
    WelcomeCircle,
    IcebreakerSequence,
    CheckIn,
    /// A go-around on any question, in seating order.
    Round,
    /// Open discussion held with a speaking stack.
    OpenFloor,
    AntiRetreat,
    /// A decision or assembly segment.
    Decision,
    Workshop,
    Break,
    ClosingRound,
    Custom,
    /// The room splits into small groups, each with a question, a place
    /// and its delegates.
    Breakout,
    /// Delegates report for their groups, one after another.
    ReportBack,
}

impl SegmentKind {
    pub const ALL: [SegmentKind; 13] = [
        SegmentKind::WelcomeCircle,
        SegmentKind::IcebreakerSequence,
        SegmentKind::CheckIn,
        SegmentKind::Round,
        SegmentKind::OpenFloor,
        SegmentKind::AntiRetreat,
        SegmentKind::Decision,
        SegmentKind::Workshop,
        SegmentKind::Break,
        SegmentKind::ClosingRound,
        SegmentKind::Custom,
        SegmentKind::Breakout,
        SegmentKind::ReportBack,
    ];

    /// The label shown on screens.
    pub fn label(self) -> &'static str {
        match self {
            SegmentKind::WelcomeCircle => "welcome circle",
            SegmentKind::IcebreakerSequence => "icebreaker sequence",
            SegmentKind::CheckIn => "check-in",
            SegmentKind::Round => "round",
            SegmentKind::OpenFloor => "open floor",
            SegmentKind::AntiRetreat => "anti-retreat",
            SegmentKind::Decision => "decision",
            SegmentKind::Workshop => "workshop",
            SegmentKind::Break => "break",
            SegmentKind::ClosingRound => "closing round",
            SegmentKind::Custom => "custom",
            SegmentKind::Breakout => "breakout",
            SegmentKind::ReportBack => "report-back",
        }
    }

    /// Kinds that pass the turn around the circle in seating order.
    pub fn is_round(self) -> bool {
        matches!(
            self,
            SegmentKind::CheckIn | SegmentKind::Round | SegmentKind::ClosingRound
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub title: String,
    pub kind: SegmentKind,
    /// The time box ("20m").
    #[serde(with = "serde_friendly")]
    pub time: SignedDuration,
    /// Each speaker's time box in a round or on the stack.
    #[serde(
        default,
        with = "serde_friendly_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub per_speaker: Option<SignedDuration>,
    /// Time between speakers in a round (passing the piece, settling).
    #[serde(
        default,
        with = "serde_friendly_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub transition: Option<SignedDuration>,
    /// Staged warnings for this segment, overriding the plan's.
    #[serde(
        default,
        with = "serde_friendly_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub warnings: Vec<SignedDuration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub script: Vec<Cue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Whether notes here stay in the circle; anti-retreats are by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidential: Option<bool>,
    /// The library activity this segment came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// Check-in / closing / round question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// Agreements of the space (welcome circle, anti-retreat).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<String>,
    /// The exercises of an icebreaker sequence, gentlest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Exercise>,
    /// The stack rule an open floor starts with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<StackMode>,
    /// The matter an anti-retreat conversation is about; conversations naming
    /// the same matter are one arc across the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<String>,
    /// The voices of an anti-retreat conversation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// How a decision is tested (consensus when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// What the group agreed beforehand to do when the method does not
    /// carry, e.g. `Majority("2/3")`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<Fallback>,
    /// Tests that must fail before the fallback is offered (2 when left out).
    #[serde(
        default,
        with = "serde_at_least_one",
        skip_serializing_if = "Option::is_none"
    )]
    pub after_rounds: Option<u32>,
    /// People who must be here for a decision to be taken.
    #[serde(
        default,
        with = "serde_at_least_one",
        skip_serializing_if = "Option::is_none"
    )]
    pub quorum: Option<u32>,
    /// More stand-asides than this are flagged as a signal to revisit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stand_asides_max: Option<u32>,
    /// Positions are counted (hands, cards), never named.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    /// The fist-to-five rule: `(adopt: 3, discuss: 2)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fist_to_five: Option<FistToFive>,
    /// A decision taken by delegates for their groups (a spokes council),
    /// counted by the groups of the breakout before it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub spokes: bool,
    /// How a breakout splits who is here (crews when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<Split>,
    /// A breakout's groups as planned: names, questions, places.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupPlan>,
    /// The questions a breakout's groups give their delegates a mandate on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// Delegates each group of a breakout sends: 1, or 2 for a pair.
    #[serde(
        default,
        with = "serde_delegates",
        skip_serializing_if = "Option::is_none"
    )]
    pub delegates: Option<u8>,
    /// The end of a breakout's box kept for its delegates to report back.
    #[serde(
        default,
        with = "serde_friendly_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub report_back: Option<SignedDuration>,
}

impl Segment {
    /// A segment with only the required fields set.
    pub fn new(title: impl Into<String>, kind: SegmentKind, time: SignedDuration) -> Segment {
        Segment {
            title: title.into(),
            kind,
            time,
            per_speaker: None,
            transition: None,
            warnings: Vec::new(),
            purpose: None,
            script: Vec::new(),
            materials: Vec::new(),
            roles: Vec::new(),
            confidential: None,
            activity: None,
            prompt: None,
            agreements: Vec::new(),
            steps: Vec::new(),
            stack: None,
            matter: None,
            parties: Vec::new(),
            method: None,
            fallback: None,
            after_rounds: None,
            quorum: None,
            stand_asides_max: None,
            anonymous: false,
            fist_to_five: None,
            spokes: false,
            split: None,
            groups: Vec::new(),
            questions: Vec::new(),
            delegates: None,
            report_back: None,
        }
    }

    /// Whether any of the decision fields is set.
    pub fn has_decision_rules(&self) -> bool {
        self.method.is_some()
            || self.fallback.is_some()
            || self.after_rounds.is_some()
            || self.quorum.is_some()
            || self.stand_asides_max.is_some()
            || self.anonymous
            || self.fist_to_five.is_some()
            || self.spokes
    }

    pub fn is_confidential(&self) -> bool {
        self.confidential
            .unwrap_or(self.kind == SegmentKind::AntiRetreat)
    }
}

/// One line of a facilitator's script: what to say, what to do, what to watch for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub say: Option<String>,
    #[serde(default, rename = "do", skip_serializing_if = "Option::is_none")]
    pub act: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<String>,
}

impl Cue {
    pub fn say(text: impl Into<String>) -> Cue {
        Cue {
            say: Some(text.into()),
            ..Cue::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.say.is_none() && self.act.is_none() && self.watch.is_none()
    }
}

/// One exercise of an icebreaker sequence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub title: String,
    pub format: GroupFormat,
    /// How much it asks people to share, 1 (playful) to 5 (intimate).
    pub intimacy: u8,
    #[serde(with = "serde_friendly")]
    pub time: SignedDuration,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub script: Vec<Cue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
}

/// How the room is split for an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupFormat {
    WholeGroup,
    /// Circles of about this many people.
    Circles(u8),
    Pairs,
    Solo,
}

impl GroupFormat {
    pub fn label(self) -> String {
        match self {
            GroupFormat::WholeGroup => "whole group".into(),
            GroupFormat::Circles(n) => format!("circles of {n}"),
            GroupFormat::Pairs => "pairs".into(),
            GroupFormat::Solo => "solo".into(),
        }
    }

    /// People per group, for forming groups; `None` means everyone together.
    pub fn group_size(self) -> Option<usize> {
        match self {
            GroupFormat::WholeGroup => None,
            GroupFormat::Circles(n) => Some(n as usize),
            GroupFormat::Pairs => Some(2),
            GroupFormat::Solo => Some(1),
        }
    }
}

/// The rule a speaking stack orders people by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StackMode {
    /// First come, first served.
    #[default]
    Plain,
    /// Those who have spoken less go first.
    Progressive,
}

impl Plan {
    /// A plan with a title and segments and nothing else set.
    pub fn new(title: impl Into<String>, segments: Vec<Segment>) -> Plan {
        Plan {
            title: title.into(),
            date: None,
            start: None,
            slot: None,
            people: None,
            roster: Vec::new(),
            goals: Vec::new(),
            warnings: Vec::new(),
            segments,
        }
    }

    /// The staged warnings that apply to a segment.
    pub fn warnings_for(&self, segment: &Segment) -> Vec<SignedDuration> {
        let mut w = if !segment.warnings.is_empty() {
            segment.warnings.clone()
        } else if !self.warnings.is_empty() {
            self.warnings.clone()
        } else {
            DEFAULT_WARNINGS.to_vec()
        };
        w.sort_by(|a, b| b.cmp(a));
        w
    }

    /// Sum of all time boxes.
    pub fn total(&self) -> SignedDuration {
        self.segments
            .iter()
            .fold(SignedDuration::ZERO, |t, s| t.saturating_add(s.time))
    }
}
