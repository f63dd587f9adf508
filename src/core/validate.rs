//! Semantic checks of a plan: what RON's grammar cannot say is wrong.
//!
//! Errors here make a plan unusable (a zero time box, an intimacy level of 9);
//! advice about a plan that works but may not hold lives in `checks`.

use std::fmt;

use jiff::SignedDuration;

use super::duration::{LONGEST, friendly};
use super::plan::{Cue, GroupFormat, Plan, Segment, SegmentKind};

/// One thing wrong with a plan, named by the segment it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based segment number and title, when the problem is in a segment.
    pub segment: Option<(usize, String)>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.segment {
            Some((n, title)) => write!(f, "segment {n} '{title}': {}", self.message),
            None => write!(f, "plan: {}", self.message),
        }
    }
}

/// Every problem that makes the plan unusable; empty when it is fine.
pub fn validate(plan: &Plan) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut plan_problem = |message: String| {
        out.push(Problem {
            segment: None,
            message,
        })
    };
    if plan.title.trim().is_empty() {
        plan_problem("the title is empty".into());
    }
    if plan.segments.is_empty() {
        plan_problem("there are no segments".into());
    }
    if let Some(slot) = plan.slot {
        check_length("the slot", slot, SignedDuration::from_hours(24 * 14)).map(&mut plan_problem);
    }
    for w in &plan.warnings {
        if w.is_zero() || w.is_negative() {
            plan_problem(format!("warning time {} is not positive", friendly(*w)));
        }
    }
    for (i, segment) in plan.segments.iter().enumerate() {
        for message in segment_problems(segment) {
            out.push(Problem {
                segment: Some((i + 1, segment.title.clone())),
                message,
            });
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
    if s.kind == SegmentKind::IcebreakerSequence {
        if s.steps.is_empty() {
            out.push("an icebreaker sequence needs at least one step".into());
        }
        for (j, step) in s.steps.iter().enumerate() {
            let at = format!("step {} '{}': ", j + 1, step.title);
            out.extend(step_problems(&at, step.format, step.intimacy));
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
}
