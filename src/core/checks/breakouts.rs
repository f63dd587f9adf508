//! Checks of breakouts and what hears them: enough people for the groups,
//! time for every delegate to report, a breakout before a report-back or
//! a spokes council.

use jiff::SignedDuration;

use super::{
    BREAKOUT_PEOPLE, DEFAULT_TRANSITION, Finding, NO_BREAKOUT, REPORT_BACK_TIME, round_length,
};
use crate::core::breakout::plan::{
    breakout_in_plan, delegates_wanted, hears_groups, per_delegate, planned_groups,
};
use crate::core::duration::friendly;
use crate::core::plan::{Plan, Segment, SegmentKind};

/// CK014: a report-back (a `ReportBack` segment, or a breakout's own
/// `report_back`) shorter than its groups x (time per delegate + time
/// between). Needs the number of groups: a count, the groups listed, or
/// crews for the head count.
pub(super) fn report_back_fits(plan: &Plan, people: Option<u32>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, s) in plan.segments.iter().enumerate() {
        let (time, heard) = match s.kind {
            SegmentKind::ReportBack => (s.time, breakout_in_plan(&plan.segments, i)),
            SegmentKind::Breakout => match s.report_back {
                Some(rb) => (rb, Some(i)),
                None => continue,
            },
            _ => continue,
        };
        let Some(groups) = heard.and_then(|b| planned_groups(&plan.segments[b], people)) else {
            continue;
        };
        let per = per_delegate(s);
        let gap = s.transition.unwrap_or(DEFAULT_TRANSITION);
        let needed = round_length(per, gap, groups);
        if groups == 0 || needed <= time {
            continue;
        }
        let assumed = match (s.per_speaker, s.transition) {
            (None, _) => format!(
                " ({} per delegate assumed: set `per_speaker`)",
                friendly(per)
            ),
            (_, None) => format!(" ({} between assumed)", friendly(gap)),
            _ => String::new(),
        };
        let each = time
            .checked_div(i32::try_from(groups).unwrap_or(i32::MAX))
            .unwrap_or_default()
            .saturating_sub(gap);
        let each = SignedDuration::from_secs(each.as_secs() - each.as_secs().rem_euclid(5));
        let what = if s.kind == SegmentKind::Breakout {
            "the report-back"
        } else {
            "the box"
        };
        out.push(Finding::warning(
            REPORT_BACK_TIME,
            Some(i),
            format!(
                "{groups} groups x ({} per delegate + {} between) = {}, {what} is {}{assumed}",
                friendly(per),
                friendly(gap),
                friendly(needed),
                friendly(time)
            ),
            if each >= SignedDuration::from_secs(30) {
                format!(
                    "give it {}, or at most {} per delegate",
                    friendly(needed),
                    friendly(each)
                )
            } else {
                format!(
                    "give it {}, or hear the groups' reports in writing",
                    friendly(needed)
                )
            },
        ));
    }
    out
}

/// CK015: a breakout with more groups than the people expected could
/// fill: each group needs two people at least, and no fewer than its
/// delegates.
pub(super) fn groups_fill(plan: &Plan, people: Option<u32>) -> Vec<Finding> {
    let Some(n) = people.filter(|n| *n > 0) else {
        return Vec::new();
    };
    breakouts(plan)
        .filter_map(|(i, s)| {
            let groups = planned_groups(s, Some(n))?;
            let each = u32::from(delegates_wanted(s)).max(2);
            let needed = groups.saturating_mul(each);
            (groups > 0 && needed > n).then(|| {
                let fits = (n / each).max(1);
                Finding::warning(
                    BREAKOUT_PEOPLE,
                    Some(i),
                    format!(
                        "{groups} groups need at least {needed} people ({each} each), {n} expected"
                    ),
                    if fits >= 2 {
                        format!("make it {fits} groups, or fewer groups listed")
                    } else {
                        "keep everyone together: there are too few people to break out".into()
                    },
                )
            })
        })
        .collect()
}

/// CK016: a report-back or spokes council with no breakout before it:
/// there are no groups to hear or count.
pub(super) fn breakout_before(plan: &Plan) -> Vec<Finding> {
    plan.segments
        .iter()
        .enumerate()
        .filter(|(i, s)| hears_groups(s) && breakout_in_plan(&plan.segments, *i).is_none())
        .map(|(i, s)| {
            let what = if s.kind == SegmentKind::ReportBack {
                "a report-back with no breakout before it: there are no groups to hear"
            } else {
                "a spokes council with no breakout before it: there are no groups to count"
            };
            Finding::warning(
                NO_BREAKOUT,
                Some(i),
                what.into(),
                "add a Breakout segment before it, or move this one after the breakout",
            )
        })
        .collect()
}

fn breakouts(plan: &Plan) -> impl Iterator<Item = (usize, &Segment)> {
    plan.segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == SegmentKind::Breakout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::breakout::plan::{GroupCount, Split};
    use crate::core::checks::plan_of;

    fn seg(title: &str, kind: SegmentKind, m: i64) -> Segment {
        Segment::new(title, kind, SignedDuration::from_mins(m))
    }

    fn count(n: u32) -> Option<Split> {
        Some(Split::Count(GroupCount::try_from(n).unwrap()))
    }

    #[test]
    fn a_report_back_too_short_for_its_groups_is_flagged() {
        let mut b = seg("Groups", SegmentKind::Breakout, 30);
        b.split = count(6);
        let mut r = seg("Report-back", SegmentKind::ReportBack, 10);
        r.per_speaker = Some(SignedDuration::from_mins(2));
        let found = report_back_fits(&plan_of(vec![b.clone(), r.clone()]), None);
        assert_eq!(
            found[0].message,
            "6 groups x (2m per delegate + 10s between) = 13m, the box is 10m (10s between \
             assumed)"
        );
        assert_eq!(
            found[0].suggestion,
            "give it 13m, or at most 1m 30s per delegate"
        );
        r.time = SignedDuration::from_mins(15);
        assert!(report_back_fits(&plan_of(vec![b.clone(), r]), None).is_empty());
        // Crews: the head count says how many.
        let mut crews = seg("Crews", SegmentKind::Breakout, 30);
        crews.report_back = Some(SignedDuration::from_mins(5));
        let plan = plan_of(vec![crews]);
        assert!(
            report_back_fits(&plan, None).is_empty(),
            "unknown without a head count"
        );
        let found = report_back_fits(&plan, Some(40));
        assert!(
            found[0]
                .message
                .starts_with("8 groups x (2m per delegate + 10s between) = 17m 20s, the report-back is 5m (2m per delegate assumed"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn more_groups_than_people_can_fill_are_flagged() {
        let mut b = seg("Groups", SegmentKind::Breakout, 30);
        b.split = count(6);
        let plan = plan_of(vec![b.clone()]);
        assert!(groups_fill(&plan, None).is_empty());
        assert!(groups_fill(&plan, Some(12)).is_empty());
        let found = groups_fill(&plan, Some(10));
        assert_eq!(
            found[0].message,
            "6 groups need at least 12 people (2 each), 10 expected"
        );
        assert_eq!(
            found[0].suggestion,
            "make it 5 groups, or fewer groups listed"
        );
        b.delegates = Some(2);
        b.split = count(4);
        let found = groups_fill(&plan_of(vec![b]), Some(3));
        assert_eq!(
            found[0].suggestion,
            "keep everyone together: there are too few people to break out"
        );
    }

    #[test]
    fn hearing_groups_needs_a_breakout_before() {
        let r = seg("Report-back", SegmentKind::ReportBack, 10);
        let mut d = seg("Council", SegmentKind::Decision, 20);
        d.spokes = true;
        let b = seg("Groups", SegmentKind::Breakout, 30);
        let found = breakout_before(&plan_of(vec![r.clone(), d.clone(), b.clone()]));
        assert_eq!(found.len(), 2);
        assert!(
            found[1]
                .message
                .starts_with("a spokes council with no breakout")
        );
        assert!(breakout_before(&plan_of(vec![b, r, d])).is_empty());
    }

    #[test]
    fn a_spokes_councils_rounds_are_of_its_delegates() {
        use crate::core::breakout::plan::voices;
        use crate::core::checks::{DECISION_TIME, check_plan};
        let mut b = seg("Groups", SegmentKind::Breakout, 30);
        b.split = count(6);
        b.delegates = Some(2);
        let mut d = seg("Council", SegmentKind::Decision, 20);
        d.method = Some(crate::core::decision::rules::Method::Consensus);
        d.spokes = true;
        let plan = plan_of(vec![b, d.clone()]);
        assert_eq!(voices(&plan.segments, 1, Some(40)), Some((12, "delegates")));
        assert!(
            check_plan(&plan, Some(40))
                .iter()
                .all(|f| f.code != DECISION_TIME)
        );
        d.spokes = false;
        let everyone = plan_of(vec![d]);
        assert!(
            check_plan(&everyone, Some(40))
                .iter()
                .any(|f| f.code == DECISION_TIME)
        );
    }
}
