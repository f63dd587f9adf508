//! Plan checks: advice about a plan that is valid but may not hold in the room.
//!
//! `validate` refuses plans that cannot run; these checks only warn, the way
//! a compiler warns, because a facilitator may have good reasons to break a
//! rule of thumb. Each warning has a stable code so it can be looked up,
//! talked about and, one day, silenced:
//!
//! | code  | warns when |
//! |-------|------------|
//! | CK001 | the time boxes add up to more than the slot (or a day's) |
//! | CK002 | a round's arithmetic does not fit its box |
//! | CK003 | an icebreaker sequence climbs too fast |
//! | CK004 | more than 90 minutes of time boxes without a Break |
//! | CK005 | there is no closing round |
//! | CK006 | a decision comes before any welcome circle or check-in |
//! | CK007 | an anti-retreat conversation has no agreements phase |
//! | CK008 | an anti-retreat conversation is marked not confidential |
//! | CK009 | a plan over 2 hours has no slack to absorb an overrun |
//! | CK010 | a decision segment names no method |
//! | CK011 | a decision's rounds do not fit its box for the head count |
//! | CK012 | a decision has a fallback no earlier segment agreed |
//! | CK013 | a segment fixed to a clock time (`at`) is run past by those before it |
//! | CK014 | a report-back cannot hear every group in its time |
//! | CK015 | a breakout has more groups than the people could fill |
//! | CK016 | a report-back or spokes council has no breakout before it |
//! | CK017 | a roster name is empty, or given twice |

mod breakouts;
mod decisions;
mod shape;
mod timing;

use jiff::SignedDuration;

use super::plan::Plan;

pub const OVERRUN: &str = "CK001";
pub const ROUND_ARITHMETIC: &str = "CK002";
pub const ICEBREAKER_CLIMB: &str = "CK003";
pub const NO_BREAK: &str = "CK004";
pub const NO_CLOSING: &str = "CK005";
pub const DECISION_FIRST: &str = "CK006";
pub const NO_AGREEMENTS: &str = "CK007";
pub const NOT_CONFIDENTIAL: &str = "CK008";
pub const NO_SLACK: &str = "CK009";
pub const DECISION_NO_METHOD: &str = "CK010";
pub const DECISION_TIME: &str = "CK011";
pub const FALLBACK_UNAGREED: &str = "CK012";
pub const ANCHOR_SQUEEZED: &str = "CK013";
pub const REPORT_BACK_TIME: &str = "CK014";
pub const BREAKOUT_PEOPLE: &str = "CK015";
pub const NO_BREAKOUT: &str = "CK016";
pub const ROSTER_NAMES: &str = "CK017";

/// Time between speakers assumed when a round names no `transition`.
pub const DEFAULT_TRANSITION: SignedDuration = SignedDuration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
        }
    }
}

/// One piece of advice about a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable code, e.g. "CK002".
    pub code: &'static str,
    pub severity: Severity,
    /// Index (0-based) of the segment it is about; `None` for the whole plan.
    pub segment: Option<usize>,
    pub message: String,
    /// One line on what to do about it.
    pub suggestion: String,
}

impl Finding {
    fn warning(
        code: &'static str,
        segment: Option<usize>,
        message: String,
        suggestion: impl Into<String>,
    ) -> Finding {
        Finding {
            code,
            severity: Severity::Warning,
            segment,
            message,
            suggestion: suggestion.into(),
        }
    }

    /// "warning[CK002]: segment 3 'Check-in': ..." (segment numbers 1-based).
    pub fn headline(&self, plan: &Plan) -> String {
        let place = match self
            .segment
            .and_then(|i| plan.segments.get(i).map(|s| (i, s)))
        {
            Some((i, s)) => format!("segment {} '{}': ", i + 1, super::echo::echo(&s.title)),
            None => String::new(),
        };
        format!(
            "{}[{}]: {place}{}",
            self.severity.label(),
            self.code,
            self.message
        )
    }
}

/// The head count rounds are checked against: the one given (e.g. on the
/// command line), else the plan's `people`, else its roster's length.
pub fn head_count(plan: &Plan, people: Option<u32>) -> Option<u32> {
    people
        .or(plan.people)
        .or_else(|| u32::try_from(plan.roster.len()).ok().filter(|n| *n > 0))
        .filter(|n| *n > 0)
}

/// How long a round takes: each of `people` speaks for `per` speaker,
/// with `gap` to pass the turn on after each.
pub fn round_length(per: SignedDuration, gap: SignedDuration, people: u32) -> SignedDuration {
    per.saturating_add(gap)
        .saturating_mul(i32::try_from(people).unwrap_or(i32::MAX))
}

/// Every warning for the plan, segment findings in plan order, then those
/// about the plan as a whole; by code within each. Round arithmetic is skipped when the head
/// count is unknown (see `head_count`).
pub fn check_plan(plan: &Plan, people: Option<u32>) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(timing::overrun(plan));
    out.extend(timing::day_overrun(plan));
    out.extend(timing::anchors(plan));
    out.extend(timing::round_arithmetic(plan, head_count(plan, people)));
    out.extend(shape::icebreaker_climb(plan));
    out.extend(timing::breaks(plan));
    out.extend(shape::closing_round(plan));
    out.extend(shape::connection_first(plan));
    out.extend(shape::anti_retreat(plan));
    out.extend(timing::slack(plan));
    out.extend(decisions::method_named(plan));
    out.extend(decisions::rounds_fit(plan, head_count(plan, people)));
    out.extend(decisions::fallback_agreed(plan));
    out.extend(breakouts::report_back_fits(plan, head_count(plan, people)));
    out.extend(breakouts::groups_fill(plan, head_count(plan, people)));
    out.extend(breakouts::breakout_before(plan));
    out.extend(roster_names(plan));
    out.sort_by_key(|f| (f.segment.unwrap_or(usize::MAX), f.code));
    out
}

/// CK017: names on the roster that are empty (left out when the session
/// starts) or given twice (two seats nobody can tell apart).
fn roster_names(plan: &Plan) -> Vec<Finding> {
    use std::collections::HashMap;
    let mut out = Vec::new();
    let empty = plan.roster.iter().filter(|n| n.trim().is_empty()).count();
    if empty > 0 {
        out.push(Finding::warning(
            ROSTER_NAMES,
            None,
            match empty {
                1 => "a name on the roster is empty".to_string(),
                n => format!("{n} names on the roster are empty"),
            },
            "remove it; an empty name is left out when the session starts",
        ));
    }
    // Each name as first written, and how often it comes.
    let mut seen: HashMap<String, (&str, usize)> = HashMap::new();
    let mut twice: Vec<&str> = Vec::new();
    for name in plan.roster.iter().filter(|n| !n.trim().is_empty()) {
        let (first, count) = seen
            .entry(super::roster::name_key(name))
            .or_insert((name.trim(), 0));
        *count += 1;
        if *count == 2 {
            twice.push(first);
        }
    }
    if !twice.is_empty() {
        let mut names: Vec<String> = twice
            .iter()
            .take(5)
            .map(|n| format!("'{}'", super::echo::echo(n)))
            .collect();
        if twice.len() > 5 {
            names.push(format!("and {} more", twice.len() - 5));
        }
        out.push(Finding::warning(
            ROSTER_NAMES,
            None,
            format!("the roster names {} more than once", names.join(", ")),
            "keep one, or tell them apart (Ana S., Ana K.): each name is one seat in the circle",
        ));
    }
    out
}

/// A plan around the given segments, for tests across core. Read from
/// text so fields added to `Plan` later take their defaults here too.
#[cfg(test)]
pub(crate) fn plan_of(segments: Vec<super::plan::Segment>) -> Plan {
    let mut plan: Plan = crate::store::text::options()
        .from_str(r#"(title: "Evening", segments: [])"#)
        .expect("a minimal plan");
    plan.segments = segments;
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::{Segment, SegmentKind};

    fn mins(m: i64) -> SignedDuration {
        SignedDuration::from_mins(m)
    }

    #[test]
    fn the_default_plan_draws_no_warnings() {
        let plan = crate::commands::start::default_plan();
        assert_eq!(check_plan(&plan, None), vec![]);
    }

    #[test]
    fn head_count_prefers_the_argument_then_the_plan_then_the_roster() {
        let mut plan = plan_of(vec![]);
        assert_eq!(head_count(&plan, None), None);
        plan.roster = vec!["Ana".into(), "Bo".into()];
        assert_eq!(head_count(&plan, None), Some(2));
        plan.people = Some(12);
        assert_eq!(head_count(&plan, None), Some(12));
        assert_eq!(head_count(&plan, Some(30)), Some(30));
        assert_eq!(head_count(&plan, Some(0)), None);
    }

    #[test]
    fn findings_come_in_plan_order_with_plan_wide_ones_last() {
        let plan = plan_of(vec![
            Segment::new("Decide", SegmentKind::Decision, mins(20)),
            Segment::new("Work", SegmentKind::Workshop, mins(100)),
        ]);
        let found = check_plan(&plan, None);
        let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [DECISION_FIRST, DECISION_NO_METHOD, NO_BREAK, NO_CLOSING]
        );
        assert_eq!(
            found[0].headline(&plan),
            "warning[CK006]: segment 1 'Decide': a decision comes before any welcome circle or check-in"
        );
        assert!(found[3].headline(&plan).starts_with("warning[CK005]: no "));
    }

    #[test]
    fn empty_and_repeated_roster_names_are_pointed_out() {
        let mut plan = crate::commands::start::default_plan();
        plan.roster = ["Ana", " ", "ana ", "Kim", "", "Kim", "李雷"]
            .map(String::from)
            .to_vec();
        let found: Vec<String> = check_plan(&plan, None)
            .into_iter()
            .filter(|f| f.code == ROSTER_NAMES)
            .map(|f| f.message)
            .collect();
        assert_eq!(
            found,
            [
                "2 names on the roster are empty",
                "the roster names 'Ana', 'Kim' more than once"
            ]
        );
    }
}
