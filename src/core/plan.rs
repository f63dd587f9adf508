//! A plan: what a facilitator means to do with a gathering, segment by segment.
//!
//! Plans are hand-written RON, so every field but `title`, `kind` and `time`
//! has a default, and unknown fields are refused: a typo like `tiem:` must be
//! an error, not a silently ignored time box.

use jiff::SignedDuration;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::breakout::plan::{GroupPlan, Split, serde_delegates};
use super::consent::ConsentRule;
use super::days::{Anchor, Day, PlanFile};
use super::decision::rules::{Fallback, FistToFive, Method, serde_at_least_one};
use super::duration::{serde_friendly, serde_friendly_opt, serde_friendly_vec};
use super::guide::anti_retreat::Phase;

/// The warnings a countdown gives before it reaches zero, when the plan names none.
pub const DEFAULT_WARNINGS: [SignedDuration; 2] =
    [SignedDuration::from_mins(2), SignedDuration::from_secs(30)];

/// A plan as the program holds it. Its file form (see `days::PlanFile`)
/// has either `segments` or `days`, each day with its own segments; here
/// they are one list, and each day says how many are its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PlanFile", into = "PlanFile")]
pub struct Plan {
    pub title: String,
    /// The gathering this plan is a part of ("summit-2027"): its sessions
    /// share a record of who came, crews, roles and who has spoken.
    pub gathering: Option<String>,
    pub date: Option<Date>,
    /// Clock time the gathering starts ("18:30").
    pub start: Option<Time>,
    /// The whole slot the gathering has, to check the plan fits ("2h").
    pub slot: Option<SignedDuration>,
    /// Expected head count, for round arithmetic.
    pub people: Option<u32>,
    /// Expected names (a sign-up list); becomes the starting roster.
    pub roster: Vec<String>,
    pub goals: Vec<String>,
    /// Roles to rotate, besides those the segments name.
    pub roles: Vec<String>,
    /// Who holds which role, when decided beforehand (a day's own win).
    pub holders: BTreeMap<String, String>,
    /// Staged countdown warnings for every segment ("2m", "30s").
    pub warnings: Vec<SignedDuration>,
    /// How a progressive stack orders people, unless a segment says.
    pub stack_rule: Option<StackRule>,
    /// What a stack counts (this segment, the whole session or gathering),
    /// unless a segment says: a gathering whose forum promises "those who
    /// have spoken less this weekend go first" counts the session.
    pub stack_scope: Option<Reach>,
    /// Whether the room (`circlekeeper follow`) may see why each hand
    /// stands where it does on the stack; by default it sees names only.
    pub room_reasons: bool,
    /// The days of a gathering over several; empty for one day.
    pub days: Vec<Day>,
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
    /// A fixed clock time: "12:30", or "Sat 09:00" in a plan without days.
    /// Drift from before stops here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Anchor>,
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
    #[serde(
        default,
        deserialize_with = "super::limits::steps",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub steps: Vec<Exercise>,
    /// The stack rule an open floor starts with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<StackMode>,
    /// How a progressive stack orders people here (else the plan's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_rule: Option<StackRule>,
    /// What the stack counts here (else the plan's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_scope: Option<Reach>,
    /// The matter an anti-retreat conversation is about; conversations naming
    /// the same matter are one arc across the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<String>,
    /// The voices of an anti-retreat conversation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// Whose agreement a confidential segment's notes need before they are
    /// shared: `Everyone` marked here (the default) or the `Parties` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<ConsentRule>,
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
    /// Each voice's time box in an anti-retreat ("five minutes each"),
    /// with the same staged warnings as a round's speakers.
    #[serde(
        default,
        with = "serde_friendly_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub per_voice: Option<SignedDuration>,
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
            at: None,
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
            stack_rule: None,
            stack_scope: None,
            matter: None,
            parties: Vec::new(),
            consent: None,
            method: None,
            fallback: None,
            after_rounds: None,
            quorum: None,
            stand_asides_max: None,
            anonymous: false,
            fist_to_five: None,
            per_voice: None,
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

    /// "a confidential conversation": what the segment is called where its
    /// title may not be shown (the harvest, the room's screen).
    pub fn unnamed(&self) -> String {
        let what = match self.kind {
            SegmentKind::AntiRetreat => "conversation",
            SegmentKind::Custom => "part",
            kind => kind.label(),
        };
        format!("a confidential {what}")
    }

    /// Each speaker's time box: an anti-retreat's voices get `per_voice`
    /// (else `per_speaker`), everyone else `per_speaker`.
    pub fn speaker_box(&self) -> Option<SignedDuration> {
        match self.kind {
            SegmentKind::AntiRetreat => self.per_voice.or(self.per_speaker),
            _ => self.per_speaker,
        }
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
    /// The anti-retreat phase this line belongs to; a line naming none
    /// belongs to the phase of the line before it (the first phase at the
    /// start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
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
    /// Whether its groups form inside the previous grouping's (`Nest`, the
    /// default after bigger groups) or across them (`Mix`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nesting: Option<Nesting>,
}

/// How an exercise's groups relate to the groups before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Nesting {
    /// Each new group is formed inside one of the previous, bigger groups:
    /// "find a partner from your circle".
    Nest,
    /// Groups are formed across the room, apart from people grouped
    /// together before: "pair up with someone new".
    Mix,
}

impl Nesting {
    pub fn label(self) -> &'static str {
        match self {
            Nesting::Nest => "nest",
            Nesting::Mix => "mix",
        }
    }
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

/// How a progressive stack decides who has spoken less.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StackRule {
    /// Fewest turns first, then least speaking time, then first come.
    #[default]
    TurnsThenTime,
    /// Fewest turns first, then first come.
    TurnsThenArrival,
    /// Least speaking time first, then first come.
    TimeOnly,
}

impl StackRule {
    pub const ALL: [StackRule; 3] = [
        StackRule::TurnsThenTime,
        StackRule::TurnsThenArrival,
        StackRule::TimeOnly,
    ];

    /// The rule in full, for the stack's header: "fewest turns first, then
    /// least speaking time, then who raised a hand first". With priority in
    /// force, those with priority come right after the first measure.
    pub fn wording(self, priority: bool) -> String {
        let mut steps: Vec<&str> = match self {
            StackRule::TurnsThenTime => vec!["fewest turns", "least speaking time"],
            StackRule::TurnsThenArrival => vec!["fewest turns"],
            StackRule::TimeOnly => vec!["least speaking time"],
        };
        if priority {
            steps.insert(1, "those with priority");
        }
        steps.push("who raised a hand");
        let first = steps.remove(0);
        let rest: String = steps.iter().map(|s| format!(", then {s}")).collect();
        format!("{first} first{rest} first")
    }

    /// Where someone stands by this rule, smaller first: the rule's
    /// measures in order, priority right after the first (turns so far,
    /// finished speaking time, whether priority lifts them).
    pub fn key(self, turns: u32, time: SignedDuration, priority: bool) -> (i64, bool, i64) {
        let (turns, time) = (i64::from(turns), time.as_millis() as i64);
        match self {
            StackRule::TurnsThenTime => (turns, !priority, time),
            StackRule::TurnsThenArrival => (turns, !priority, 0),
            StackRule::TimeOnly => (time, !priority, 0),
        }
    }

    /// The next rule, for cycling through them.
    pub fn next(self) -> Option<StackRule> {
        let i = StackRule::ALL.iter().position(|r| *r == self)?;
        StackRule::ALL.get(i + 1).copied()
    }
}

/// What a stack counts when it weighs who has spoken less.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reach {
    /// Only the segment that is on: each open floor starts afresh.
    #[default]
    Segment,
    /// Every turn from the stack this session.
    Session,
    /// This session and the gathering's earlier ones (what the session
    /// picked up from its gathering's record).
    Gathering,
}

impl Reach {
    /// "this segment" / "the whole session" / "the whole gathering".
    pub fn label(self) -> &'static str {
        match self {
            Reach::Segment => "this segment",
            Reach::Session => "the whole session",
            Reach::Gathering => "the whole gathering",
        }
    }
}

impl Plan {
    /// A plan with a title and segments and nothing else set.
    pub fn new(title: impl Into<String>, segments: Vec<Segment>) -> Plan {
        Plan {
            title: title.into(),
            gathering: None,
            date: None,
            start: None,
            slot: None,
            people: None,
            roster: Vec::new(),
            goals: Vec::new(),
            roles: Vec::new(),
            holders: BTreeMap::new(),
            warnings: Vec::new(),
            stack_rule: None,
            stack_scope: None,
            room_reasons: false,
            days: Vec::new(),
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
