//! Semantic checks of a plan: what RON's grammar cannot say is wrong.
//!
//! Errors here make a plan unusable (a zero time box, an intimacy level of 9);
//! advice about a plan that works but may not hold lives in `checks`.

use std::fmt;

use jiff::SignedDuration;

use super::duration::{LONGEST, friendly};
use super::echo::echo;
use super::limits::{self, thousands};
use super::plan::{Cue, GroupFormat, Plan, Segment, SegmentKind};

/// One thing wrong with a plan, named by the segment it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based segment number and title, when the problem is in a segment.
    pub segment: Option<(usize, String)>,
    /// 1-based day number and title, when the problem is about a day.
    pub day: Option<(usize, String)>,
    pub message: String,
    /// 1-based line and column in the plan's text, where the reader of the
    /// file found it (see `store::text::plan_from_str`).
    pub at: Option<(usize, usize)>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.segment, &self.day) {
            (Some((n, title)), _) => write!(f, "segment {n} '{}': {}", echo(title), self.message),
            (None, Some((n, title))) => write!(f, "day {n} '{}': {}", echo(title), self.message),
            (None, None) => write!(f, "plan: {}", self.message),
        }
    }
}

/// Every problem that makes the plan unusable; empty when it is fine.
pub fn validate(plan: &Plan) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut plan_problem = |message: String| {
        out.push(Problem {
            segment: None,
            day: None,
            message,
            at: None,
        })
    };
    if plan.title.trim().is_empty() {
        plan_problem("the title is empty".into());
    }
    if plan.segments.is_empty() && plan.days.is_empty() {
        plan_problem("there are no segments".into());
    }
    // Read plans are held to these as they are parsed; a plan built another
    // way (segments inserted during a run) is checked here.
    let over = |n: usize, most: usize, what: &str| {
        (n > most).then(|| {
            format!(
                "{} {what} is more than the {} a plan may have",
                thousands(n),
                thousands(most)
            )
        })
    };
    for problem in [
        over(plan.segments.len(), limits::SEGMENTS, "segments"),
        over(plan.roster.len(), limits::ROSTER, "names on the roster"),
        over(
            plan.people.unwrap_or(0) as usize,
            limits::PEOPLE as usize,
            "people",
        ),
    ]
    .into_iter()
    .flatten()
    {
        plan_problem(problem);
    }
    if let Some(slot) = plan.slot {
        check_length("the slot", slot, SignedDuration::from_hours(24 * 14)).map(&mut plan_problem);
    }
    for w in &plan.warnings {
        if w.is_zero() || w.is_negative() {
            plan_problem(format!("warning time {} is not positive", friendly(*w)));
        }
    }
    for message in gathering_problems(plan) {
        plan_problem(message);
    }
    for (i, segment) in plan.segments.iter().enumerate() {
        for message in segment_problems(segment) {
            out.push(Problem {
                segment: Some((i + 1, segment.title.clone())),
                day: None,
                message,
                at: None,
            });
        }
    }
    out.extend(super::days::problems(plan));
    out
}

/// The gathering's name (a file is named after it) and its roles.
fn gathering_problems(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(id) = &plan.gathering {
        out.extend(super::gathering::id_problem(id));
    }
    if plan.roles.iter().any(|r| r.trim().is_empty()) {
        out.push("a role in `roles` is empty".into());
    }
    for (role, name) in &plan.holders {
        if role.trim().is_empty() || name.trim().is_empty() {
            out.push(format!(
                "`holders` has an empty role or name ({role:?}: {name:?})"
            ));
        }
    }
    out
}

/// Problems of one segment, as messages.
pub fn segment_problems(s: &Segment) -> Vec<String> {
    let mut out = Vec::new();
    if s.title.trim().is_empty() {
        out.push("the title is empty".into());
    }
    out.extend(check_length("the time box", s.time, LONGEST));
    if let Some(p) = s.per_speaker {
        out.extend(check_length(
            "per-speaker time",
            p,
            s.time.max(SignedDuration::from_secs(1)),
        ));
    }
    if let Some(v) = s.per_voice {
        if s.kind == SegmentKind::AntiRetreat {
            out.extend(check_length(
                "per-voice time",
                v,
                s.time.max(SignedDuration::from_secs(1)),
            ));
        } else {
            out.push(format!(
                "per_voice is for an anti-retreat's voices, not a {} (use per_speaker)",
                s.kind.label()
            ));
        }
    }
    if s.kind != SegmentKind::AntiRetreat {
        let steps = s.steps.iter().flat_map(|e| &e.script);
        if let Some(k) = s.script.iter().chain(steps).position(|c| c.phase.is_some()) {
            out.push(format!(
                "script line {} names a phase; phases belong to an anti-retreat, not a {}",
                k + 1,
                s.kind.label()
            ));
        }
    }
    if let Some(t) = s.transition
        && (t.is_negative() || t > s.time)
    {
        out.push(format!("transition time {} is out of range", friendly(t)));
    }
    for w in &s.warnings {
        if w.is_zero() || w.is_negative() {
            out.push(format!("warning time {} is not positive", friendly(*w)));
        }
    }
    out.extend(script_problems(&s.script, ""));
    if s.consent.is_some() && !s.is_confidential() {
        out.push("consent applies only to a confidential segment: add `confidential: true`".into());
    }
    if s.steps.len() > limits::STEPS {
        out.push(format!(
            "{} steps is more than the {} a segment may have",
            thousands(s.steps.len()),
            limits::STEPS
        ));
    }
    if s.kind == SegmentKind::IcebreakerSequence {
        if s.steps.is_empty() {
            out.push("an icebreaker sequence needs at least one step".into());
        }
        for (j, step) in s.steps.iter().enumerate() {
            let at = format!("step {} '{}': ", j + 1, echo(&step.title));
            out.extend(step_problems(&at, step.format, step.intimacy));
            if step.nesting.is_some() && step.format.group_size().is_none_or(|n| n < 2) {
                out.push(format!(
                    "{at}nesting is for circles and pairs, not {}",
                    step.format.label()
                ));
            }
            out.extend(check_length("time", step.time, LONGEST).map(|m| format!("{at}{m}")));
            out.extend(script_problems(&step.script, &at));
        }
    } else if !s.steps.is_empty() {
        out.push(format!(
            "steps belong to an icebreaker sequence, not a {}",
            s.kind.label()
        ));
    }
    out.extend(decision_problems(s));
    out.extend(super::breakout::plan::problems(s));
    out
}

/// The decision fields: only on a decision, and consistent with each other.
fn decision_problems(s: &Segment) -> Vec<String> {
    use super::decision::rules::Method;
    let mut out = Vec::new();
    if s.kind != SegmentKind::Decision {
        if s.has_decision_rules() {
            out.push(format!(
                "method, fallback, quorum and the other decision fields belong to a decision, not a {}",
                s.kind.label()
            ));
        }
        return out;
    }
    let method = s.method.unwrap_or_default();
    if s.after_rounds.is_some() && s.fallback.is_none() {
        out.push(
            "after_rounds counts the tests before a fallback, but there is no fallback".into(),
        );
    }
    if s.fist_to_five.is_some() && method != Method::FistToFive {
        out.push(format!(
            "fist_to_five sets the fist-to-five rule, but the method is {}",
            method.label()
        ));
    }
    if s.spokes && s.anonymous {
        out.push(
            "a spokes council counts each group through its delegates, so it cannot be anonymous"
                .into(),
        );
    }
    if s.stand_asides_max.is_some() && method != Method::Consensus {
        out.push(format!(
            "stand_asides_max belongs to consensus, but the method is {}",
            method.label()
        ));
    }
    out
}

/// How a step splits the room and how much it asks: shared by icebreaker
/// exercises and library activity steps. `at` prefixes each message.
pub fn step_problems(at: &str, format: GroupFormat, intimacy: u8) -> Vec<String> {
    let mut out = Vec::new();
    if !(1..=5).contains(&intimacy) {
        out.push(format!(
            "{at}intimacy is {intimacy}, it must be 1 (playful) to 5 (intimate)"
        ));
    }
    if let GroupFormat::Circles(n) = format
        && n < 2
    {
        out.push(format!("{at}circles need at least 2 people, not {n}"));
    }
    out
}

pub fn check_length(what: &str, d: SignedDuration, max: SignedDuration) -> Option<String> {
    if d.is_zero() {
        Some(format!("{what} is 0"))
    } else if d.is_negative() {
        Some(format!("{what} is negative ({})", friendly(d)))
    } else if d > max {
        Some(format!(
            "{what} is {}, longer than {}",
            friendly(d),
            friendly(max)
        ))
    } else {
        None
    }
}

pub fn script_problems(script: &[Cue], at: &str) -> Vec<String> {
    script
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_empty())
        .map(|(k, _)| format!("{at}script line {} has no say, do or watch", k + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::Exercise;

    fn plan_with(segment: Segment) -> Plan {
        Plan::new("Evening", vec![segment])
    }

    #[test]
    fn a_sound_plan_has_no_problems() {
        let s = Segment::new(
            "Check-in",
            SegmentKind::CheckIn,
            SignedDuration::from_mins(20),
        );
        assert!(validate(&plan_with(s)).is_empty());
    }

    #[test]
    fn a_consent_rule_needs_a_confidential_segment() {
        use crate::core::consent::ConsentRule;
        let mut s = Segment::new(
            "Floor",
            SegmentKind::OpenFloor,
            SignedDuration::from_mins(20),
        );
        s.consent = Some(ConsentRule::Parties);
        assert_eq!(
            validate(&plan_with(s.clone()))[0].message,
            "consent applies only to a confidential segment: add `confidential: true`"
        );
        s.confidential = Some(true);
        assert!(validate(&plan_with(s.clone())).is_empty());
        s.kind = SegmentKind::AntiRetreat;
        s.confidential = None;
        assert!(validate(&plan_with(s)).is_empty());
    }

    #[test]
    fn zero_per_speaker_time_names_the_segment() {
        let mut s = Segment::new(
            "Check-in",
            SegmentKind::CheckIn,
            SignedDuration::from_mins(20),
        );
        s.per_speaker = Some(SignedDuration::ZERO);
        let problems = validate(&plan_with(s));
        assert_eq!(
            problems[0].to_string(),
            "segment 1 'Check-in': per-speaker time is 0"
        );
    }

    #[test]
    fn negative_and_huge_time_boxes_are_refused() {
        let s = Segment::new("A", SegmentKind::Custom, SignedDuration::from_mins(-5));
        assert!(
            validate(&plan_with(s))
                .iter()
                .any(|p| p.message.contains("negative"))
        );
        let s = Segment::new("A", SegmentKind::Custom, SignedDuration::from_hours(30));
        assert!(
            validate(&plan_with(s))
                .iter()
                .any(|p| p.message.contains("longer"))
        );
    }

    #[test]
    fn icebreaker_steps_are_checked() {
        let mut s = Segment::new(
            "Icebreakers",
            SegmentKind::IcebreakerSequence,
            SignedDuration::from_mins(30),
        );
        assert!(
            validate(&plan_with(s.clone()))
                .iter()
                .any(|p| p.message.contains("at least one step"))
        );
        s.steps.push(Exercise {
            title: "Names".into(),
            format: GroupFormat::Circles(1),
            intimacy: 9,
            time: SignedDuration::from_mins(10),
            script: vec![Cue::default()],
            activity: None,
            nesting: None,
        });
        let messages: Vec<String> = validate(&plan_with(s))
            .iter()
            .map(|p| p.message.clone())
            .collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
    }

    #[test]
    fn empty_plan_is_refused() {
        let mut p = plan_with(Segment::new(
            "A",
            SegmentKind::Custom,
            SignedDuration::from_mins(5),
        ));
        p.segments.clear();
        p.title = " ".into();
        assert_eq!(validate(&p).len(), 2);
    }

    #[test]
    fn new_fields_belong_where_they_mean_something() {
        use crate::core::guide::anti_retreat::Phase;
        use crate::core::plan::Nesting;
        let mins = SignedDuration::from_mins;
        let mut talk = Segment::new("Talk", SegmentKind::AntiRetreat, mins(60));
        talk.per_voice = Some(mins(5));
        talk.script = vec![Cue {
            phase: Some(Phase::Voices),
            ..Cue::say("Five minutes each.")
        }];
        assert!(validate(&plan_with(talk.clone())).is_empty());
        talk.per_voice = Some(mins(90));
        let m = messages(talk);
        assert!(
            m[0].contains("per-voice time is 1h 30m, longer than 1h"),
            "{m:?}"
        );

        let mut round = Segment::new("Round", SegmentKind::Round, mins(20));
        round.per_voice = Some(mins(1));
        round.script = vec![Cue {
            phase: Some(Phase::CheckOut),
            ..Cue::say("One word each.")
        }];
        let m = messages(round);
        assert!(m[0].contains("per_voice is for an anti-retreat"), "{m:?}");
        assert!(m[1].contains("script line 1 names a phase"), "{m:?}");

        let mut ice = Segment::new("Ice", SegmentKind::IcebreakerSequence, mins(20));
        ice.steps.push(Exercise {
            title: "Names".into(),
            format: GroupFormat::WholeGroup,
            intimacy: 1,
            time: mins(10),
            script: vec![],
            activity: None,
            nesting: Some(Nesting::Nest),
        });
        let m = messages(ice);
        assert!(
            m[0].contains("nesting is for circles and pairs, not whole group"),
            "{m:?}"
        );
    }

    fn messages(s: Segment) -> Vec<String> {
        validate(&plan_with(s))
            .iter()
            .map(|p| p.to_string())
            .collect()
    }
}
