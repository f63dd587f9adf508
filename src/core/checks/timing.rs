//! Checks about time: the slot, round arithmetic, breaks, slack and anchors.

use jiff::SignedDuration;

use super::{
    ANCHOR_SQUEEZED, DEFAULT_TRANSITION, Finding, NO_BREAK, NO_SLACK, OVERRUN, ROUND_ARITHMETIC,
};
use crate::core::days::{layout, timetables};
use crate::core::duration::friendly;
use crate::core::plan::{Plan, SegmentKind};

/// Longest stretch of time boxes people should sit through without a Break.
pub const MAX_WITHOUT_BREAK: SignedDuration = SignedDuration::from_mins(90);
/// Plans longer than this need slack (see `slack`).
pub const LONG_PLAN: SignedDuration = SignedDuration::from_hours(2);
/// Slot room under this percentage of the slot does not count as slack.
pub const SLACK_PERCENT: i32 = 5;

/// CK001: the plan needs more than its slot; names the first segment that
/// ends past the slot.
pub(super) fn overrun(plan: &Plan) -> Option<Finding> {
    let slot = plan.slot?;
    let total = plan.total();
    if total <= slot {
        return None;
    }
    let mut end = SignedDuration::ZERO;
    let at = plan.segments.iter().position(|s| {
        end = end.saturating_add(s.time);
        end > slot
    })?;
    let over = total.saturating_sub(slot);
    Some(Finding::warning(
        OVERRUN,
        Some(at),
        format!(
            "the plan needs {}, {} more than its {} slot; it overflows here, ending at {}",
            friendly(total),
            friendly(over),
            friendly(slot),
            friendly(end)
        ),
        format!(
            "cut {} from here on, drop a segment, or ask for a longer slot",
            friendly(over)
        ),
    ))
}

/// CK002: rounds (kinds that go around the circle) with a per-speaker time
/// whose people x (per speaker + transition) exceeds the box. Open floors
/// have a per-speaker time too, but not everyone speaks there, so they are
/// left out.
pub(super) fn round_arithmetic(plan: &Plan, people: Option<u32>) -> Vec<Finding> {
    let Some(n) = people.filter(|n| *n > 0) else {
        return Vec::new();
    };
    let times = i32::try_from(n).unwrap_or(i32::MAX);
    let mut out = Vec::new();
    for (i, s) in plan.segments.iter().enumerate() {
        let Some(per) = s.per_speaker.filter(|_| s.kind.is_round()) else {
            continue;
        };
        let gap = s.transition.unwrap_or(DEFAULT_TRANSITION);
        let needed = super::round_length(per, gap, n);
        if needed <= s.time {
            continue;
        }
        let assumed = if s.transition.is_none() {
            format!(" ({} between speakers assumed)", friendly(gap))
        } else {
            String::new()
        };
        let fits = s
            .time
            .checked_div(times)
            .unwrap_or_default()
            .saturating_sub(gap)
            .as_secs();
        let fits = SignedDuration::from_secs(fits - fits.rem_euclid(5));
        let suggestion = if fits >= SignedDuration::from_secs(15) {
            format!(
                "give it {}, or at most {} per speaker",
                friendly(needed),
                friendly(fits)
            )
        } else {
            format!(
                "give it {}, or split into smaller circles that go around side by side",
                friendly(needed)
            )
        };
        out.push(Finding::warning(
            ROUND_ARITHMETIC,
            Some(i),
            format!(
                "{n} x {} + {n} x {} = {}, box is {}{assumed}",
                friendly(per),
                friendly(gap),
                friendly(needed),
                friendly(s.time)
            ),
            suggestion,
        ));
    }
    out
}

/// CK004: a stretch of segments between Breaks (or the start and end) whose
/// time boxes add up to more than 90 minutes; reported at the segment where
/// it passes the mark, once per stretch.
///
/// A new day starts a new stretch: the night was the break.
pub(super) fn breaks(plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    let segments = &plan.segments;
    let day_starts: Vec<usize> = layout(plan).iter().map(|d| d.segments.start).collect();
    let mut from = 0;
    while from < segments.len() {
        let at_break = segments[from..]
            .iter()
            .position(|s| s.kind == SegmentKind::Break)
            .map_or(segments.len(), |k| from + k);
        let new_day = day_starts
            .iter()
            .copied()
            .find(|d| *d > from && *d < at_break);
        let to = new_day.unwrap_or(at_break);
        let stretch = &segments[from..to];
        let mut so_far = SignedDuration::ZERO;
        let crossing = stretch.iter().position(|s| {
            so_far = so_far.saturating_add(s.time);
            so_far > MAX_WITHOUT_BREAK
        });
        if let Some(k) = crossing {
            let total = stretch
                .iter()
                .fold(SignedDuration::ZERO, |t, s| t.saturating_add(s.time));
            let (first, last) = (&stretch[0], &stretch[stretch.len() - 1]);
            let suggestion = if k == 0 {
                "plan a pause inside it, or split it around a Break".to_string()
            } else {
                format!("put a Break before '{}'", stretch[k].title)
            };
            out.push(Finding::warning(
                NO_BREAK,
                Some(from + k),
                if stretch.len() == 1 {
                    format!(
                        "'{}' runs {} with no break inside it",
                        first.title,
                        friendly(total)
                    )
                } else {
                    format!(
                        "{} without a break from '{}' to '{}'; it passes {} here",
                        friendly(total),
                        first.title,
                        last.title,
                        friendly(MAX_WITHOUT_BREAK)
                    )
                },
                suggestion,
            ));
        }
        from = if new_day.is_some() { to } else { to + 1 };
    }
    out
}

/// CK013: a segment fixed to a clock time (`at`) that what comes before it
/// on its day runs past, as planned.
pub(super) fn anchors(plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in timetables(plan) {
        for slot in table.slots.iter().filter(|s| s.squeezed.is_positive()) {
            let s = &plan.segments[slot.index];
            let at = s.at.map_or_else(String::new, |a| a.label());
            out.push(Finding::warning(
                ANCHOR_SQUEEZED,
                Some(slot.index),
                format!(
                    "'{}' is fixed at {at}, but the segments before it end {} later",
                    s.title,
                    friendly(slot.squeezed)
                ),
                format!(
                    "cut {} from the segments before it, or move its time",
                    friendly(slot.squeezed)
                ),
            ));
        }
    }
    out
}

/// CK001 for each day that gives its own slot.
pub(super) fn day_overrun(plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in timetables(plan) {
        let Some(slot) = table.day.slot.filter(|_| !plan.days.is_empty()) else {
            continue;
        };
        if table.length <= slot {
            continue;
        }
        let Some(first_over) = table
            .slots
            .iter()
            .find(|t| t.offset.saturating_add(plan.segments[t.index].time) > slot)
        else {
            continue;
        };
        let over = table.length.saturating_sub(slot);
        out.push(Finding::warning(
            OVERRUN,
            Some(first_over.index),
            format!(
                "{} needs {}, {} more than its {} slot; it overflows here",
                table.day.title,
                friendly(table.length),
                friendly(over),
                friendly(slot)
            ),
            format!(
                "cut {} from {} on, drop a segment, or give the day a longer slot",
                friendly(over),
                table.day.title
            ),
        ));
    }
    out
}

/// CK009: a plan over 2 hours with no slack. Slack is either room in the
/// slot of at least 5% of it, or a Break or Custom segment, which can be
/// shortened on the day to absorb an overrun.
pub(super) fn slack(plan: &Plan) -> Option<Finding> {
    let total = plan.total();
    if total <= LONG_PLAN {
        return None;
    }
    let absorbing = plan
        .segments
        .iter()
        .any(|s| matches!(s.kind, SegmentKind::Break | SegmentKind::Custom));
    let room = plan.slot.map(|slot| slot.saturating_sub(total));
    let enough_room = plan.slot.is_some_and(|slot| {
        slot.saturating_sub(total).saturating_mul(100) >= slot.saturating_mul(SLACK_PERCENT)
    });
    if absorbing || enough_room {
        return None;
    }
    let room = match room {
        None => "no slot given".to_string(),
        Some(r) if r.is_positive() => format!("only {} left in the slot", friendly(r)),
        Some(_) => "no room left in the slot".to_string(),
    };
    Some(Finding::warning(
        NO_SLACK,
        None,
        format!(
            "a {} plan with {room} and no Break or Custom segment to absorb an overrun",
            friendly(total)
        ),
        format!(
            "leave {SLACK_PERCENT}% of the slot free, or add a Break that can shrink on the day"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checks::plan_of;
    use crate::core::plan::Segment;

    fn mins(m: i64) -> SignedDuration {
        SignedDuration::from_mins(m)
    }

    fn seg(title: &str, kind: SegmentKind, m: i64) -> Segment {
        Segment::new(title, kind, mins(m))
    }

    #[test]
    fn overrun_names_the_first_segment_past_the_slot() {
        let mut plan = plan_of(vec![
            seg("A", SegmentKind::Custom, 60),
            seg("B", SegmentKind::Custom, 50),
            seg("C", SegmentKind::Custom, 20),
            seg("D", SegmentKind::Custom, 10),
        ]);
        plan.slot = Some(mins(120));
        let f = overrun(&plan).expect("140m in a 2h slot overruns");
        assert_eq!(f.segment, Some(2));
        assert_eq!(
            f.message,
            "the plan needs 2h 20m, 20m more than its 2h slot; it overflows here, ending at 2h 10m"
        );
        plan.slot = Some(mins(140));
        assert_eq!(overrun(&plan), None, "exactly full is fine");
        plan.slot = None;
        assert_eq!(overrun(&plan), None, "no slot, nothing to overrun");
    }

    fn check_in(box_mins: i64, per_secs: i64, gap: Option<i64>) -> Plan {
        let mut s = seg("Check-in", SegmentKind::CheckIn, box_mins);
        s.per_speaker = Some(SignedDuration::from_secs(per_secs));
        s.transition = gap.map(SignedDuration::from_secs);
        plan_of(vec![s])
    }

    #[test]
    fn round_arithmetic_says_the_numbers() {
        let plan = check_in(30, 90, Some(10));
        let found = round_arithmetic(&plan, Some(24));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "24 x 1m 30s + 24 x 10s = 40m, box is 30m");
        assert_eq!(
            found[0].suggestion,
            "give it 40m, or at most 1m 5s per speaker"
        );
        assert!(
            round_arithmetic(&plan, Some(18)).is_empty(),
            "18 x 100s = 30m fits"
        );
        assert!(
            round_arithmetic(&plan, None).is_empty(),
            "unknown head count"
        );
    }

    #[test]
    fn round_arithmetic_assumes_a_transition_and_spares_open_floors() {
        let plan = check_in(20, 60, None);
        let found = round_arithmetic(&plan, Some(20));
        assert_eq!(
            found[0].message,
            "20 x 1m + 20 x 10s = 23m 20s, box is 20m (10s between speakers assumed)"
        );
        let mut floor = plan.clone();
        floor.segments[0].kind = SegmentKind::OpenFloor;
        assert!(round_arithmetic(&floor, Some(20)).is_empty());
        let crowd = round_arithmetic(&plan, Some(200));
        assert!(crowd[0].suggestion.contains("smaller circles"), "{crowd:?}");
    }

    #[test]
    fn ninety_minutes_without_a_break_is_flagged_once_per_stretch() {
        let plan = plan_of(vec![
            seg("A", SegmentKind::Custom, 45),
            seg("B", SegmentKind::Workshop, 45),
            seg("C", SegmentKind::OpenFloor, 30),
            seg("D", SegmentKind::Decision, 30),
            seg("Tea", SegmentKind::Break, 15),
            seg("E", SegmentKind::Custom, 90),
        ]);
        let found = breaks(&plan);
        assert_eq!(found.len(), 1, "exactly 90m after the break is fine");
        assert_eq!(found[0].segment, Some(2));
        assert_eq!(
            found[0].message,
            "2h 30m without a break from 'A' to 'D'; it passes 1h 30m here"
        );
        assert_eq!(found[0].suggestion, "put a Break before 'C'");
        let long = plan_of(vec![
            seg("Tea", SegmentKind::Break, 15),
            seg("Marathon", SegmentKind::Workshop, 100),
        ]);
        let found = breaks(&long);
        assert_eq!(found[0].segment, Some(1));
        assert_eq!(
            found[0].suggestion,
            "plan a pause inside it, or split it around a Break"
        );
    }

    #[test]
    fn a_new_day_is_a_break_and_a_squeezed_anchor_is_flagged() {
        let text = r#"(
            title: "Weekend",
            days: [
                (title: "Friday", start: "18:00", slot: "2h", segments: [
                    (title: "Long talk", kind: Workshop, time: "80m"),
                    (title: "More talk", kind: Workshop, time: "40m"),
                    (title: "Tea", kind: Break, time: "10m"),
                ]),
                (title: "Saturday", start: "09:00", segments: [
                    (title: "Check-in", kind: CheckIn, time: "30m"),
                    (title: "Talk", kind: Workshop, time: "3h"),
                    (title: "Lunch", kind: Break, time: "1h", at: "12:00"),
                ]),
            ],
        )"#;
        let plan = crate::store::text::plan_from_str(std::path::Path::new("p.ron"), text).unwrap();
        let found = breaks(&plan);
        // Friday's 2h stretch is one finding; Saturday's own stretch is
        // another, not continued from Friday.
        let at: Vec<Option<usize>> = found.iter().map(|f| f.segment).collect();
        assert_eq!(at, [Some(1), Some(4)], "{found:?}");
        let squeezed = anchors(&plan);
        assert_eq!(squeezed.len(), 1);
        assert_eq!(squeezed[0].segment, Some(5));
        assert_eq!(
            squeezed[0].message,
            "'Lunch' is fixed at 12:00, but the segments before it end 30m later"
        );
        let over = day_overrun(&plan);
        assert_eq!(over.len(), 1, "Friday: 2h 10m in a 2h slot");
        assert_eq!(over[0].segment, Some(2));
        assert!(over[0].message.starts_with("Friday needs 2h 10m, 10m more"));
    }

    #[test]
    fn long_plans_need_slack() {
        let mut plan = plan_of(vec![
            seg("A", SegmentKind::Workshop, 70),
            seg("B", SegmentKind::OpenFloor, 60),
        ]);
        let f = slack(&plan).expect("2h 10m, no slot, no break");
        assert_eq!(
            f.message,
            "a 2h 10m plan with no slot given and no Break or Custom segment to absorb an overrun"
        );
        plan.slot = Some(mins(135));
        assert!(slack(&plan).unwrap().message.contains("only 5m left"));
        plan.slot = Some(mins(140));
        assert_eq!(slack(&plan), None, "10m of 2h 20m is over 5%");
        plan.slot = None;
        plan.segments.push(seg("Tea", SegmentKind::Break, 5));
        assert_eq!(slack(&plan), None, "a break can absorb an overrun");
        let short = plan_of(vec![seg("A", SegmentKind::Workshop, 120)]);
        assert_eq!(slack(&short), None, "two hours exactly is not long");
    }
}
