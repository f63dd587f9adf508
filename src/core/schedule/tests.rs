use std::path::Path;

use jiff::civil::date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::core::days::tests::WEEKEND;
use crate::core::run::RunEvent;
use crate::store::text::plan_from_str;

fn plan() -> Plan {
    plan_from_str(Path::new("p.ron"), WEEKEND).unwrap()
}

/// A time on the weekend of the plan, in UTC.
fn at(day: i8, h: i8, m: i8, s: i8) -> Timestamp {
    date(2027, 5, day)
        .at(h, m, s, 0)
        .to_zoned(TimeZone::UTC)
        .unwrap()
        .timestamp()
}

fn calendar(plan: &Plan, began: Option<Timestamp>) -> Calendar {
    Calendar::new(plan, &TimeZone::UTC, at(14, 18, 0, 0), began, false)
}

fn start(run: &mut Run, when: Timestamp, id: u32) {
    run.apply(when, &RunEvent::Start(SegmentId(id)));
}

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

#[test]
fn a_late_friday_does_not_move_saturday() {
    let plan = plan();
    let mut run = Run::new(&plan);
    start(&mut run, at(14, 18, 30, 0), 0);
    // The welcome runs 2m 45s over; the check-out keeps its box.
    start(&mut run, at(14, 19, 2, 45), 1);
    run.apply(at(14, 19, 17, 45), &RunEvent::End);
    let cal = calendar(&plan, run.started);
    let all = days(&run, &plan, &cal, at(14, 19, 20, 0));
    assert_eq!(all[0].drift, SignedDuration::from_secs(165));
    assert_eq!(all[1].drift, SignedDuration::ZERO);
    let check_in = all[1].segments[0];
    assert_eq!(check_in.planned, Some(at(15, 9, 0, 0)));
    assert_eq!(check_in.at, at(15, 9, 0, 0), "Saturday's 09:00 stands");
    assert!(check_in.anchored);
    // Friday evening the schedule line speaks of Friday...
    let friday = today(&run, &plan, &cal, at(14, 19, 20, 0));
    assert_eq!(
        (friday.day, friday.drift),
        (0, SignedDuration::from_secs(165))
    );
    assert_eq!(friday.planned_end, at(14, 19, 15, 0));
    // ...and Saturday morning of Saturday, on time.
    let saturday = today(&run, &plan, &cal, at(15, 8, 30, 0));
    assert_eq!(saturday.day, 1);
    assert_eq!(saturday.planned_end, at(15, 14, 10, 0));
    assert_eq!(saturday.projected_end, at(15, 14, 10, 0));
    assert_eq!(saturday.drift, SignedDuration::ZERO);
}

#[test]
fn drift_stops_at_an_anchor_unless_the_part_before_runs_past_it() {
    let plan = plan();
    let mut run = Run::new(&plan);
    start(&mut run, at(15, 9, 0, 0), 2);
    start(&mut run, at(15, 9, 20, 0), 3);
    let cal = calendar(&plan, Some(at(14, 18, 30, 0)));
    // 20 minutes over at 11:40: lunch is still at 12:30, the day on time.
    let day = today(&run, &plan, &cal, at(15, 11, 40, 0));
    assert_eq!(day.day, 1);
    let lunch = day.segments[2];
    assert_eq!(lunch.at, at(15, 12, 30, 0));
    assert_eq!(day.drift, SignedDuration::ZERO);
    // Still going at 12:45: lunch cannot begin before it ends.
    let day = today(&run, &plan, &cal, at(15, 12, 45, 0));
    assert_eq!(day.segments[2].at, at(15, 12, 45, 0));
    assert_eq!(day.drift, mins(15));
    // Friday, never run, does not count against Saturday.
    assert_eq!(
        days(&run, &plan, &cal, at(15, 12, 45, 0))[1].drift,
        mins(15)
    );
}

#[test]
fn a_plan_tried_on_another_day_keeps_its_days_apart() {
    let plan = plan();
    let mut run = Run::new(&plan);
    let began = Timestamp::from_second(1_800_000_000).unwrap();
    start(&mut run, began, 0);
    let cal = Calendar::new(&plan, &TimeZone::UTC, began, Some(began), false);
    // The first day is measured from when it began...
    assert_eq!(cal.day_start(0), Some(began));
    // ...and the second keeps its 09:00 on the day after.
    let next = began.to_zoned(TimeZone::UTC).date().tomorrow().unwrap();
    let nine = next
        .at(9, 0, 0, 0)
        .to_zoned(TimeZone::UTC)
        .unwrap()
        .timestamp();
    assert_eq!(cal.day_start(1), Some(nine));
    // A rehearsal runs on the plan's own clock.
    let rehearsal = Calendar::new(&plan, &TimeZone::UTC, began, Some(began), true);
    assert_eq!(rehearsal.day_start(0), Some(at(14, 18, 30, 0)));
}

#[test]
fn a_plan_without_days_or_start_is_one_day_from_when_it_began() {
    let plan =
        crate::core::fixture::plan(&["Ana"], &[crate::core::plan::SegmentKind::Custom; 2], None);
    let mut run = Run::new(&plan);
    let t0 = crate::core::fixture::t(0);
    start(&mut run, t0, 0);
    let cal = Calendar::new(&plan, &TimeZone::UTC, t0, run.started, false);
    let day = today(&run, &plan, &cal, crate::core::fixture::t(35 * 60));
    // 5 minutes over the first 30-minute box, 30 to come.
    assert_eq!(day.planned_end, crate::core::fixture::t(60 * 60));
    assert_eq!(day.drift, mins(5));
    let old = run.schedule(&plan, None, crate::core::fixture::t(35 * 60));
    assert_eq!(
        (old.planned_end, old.drift),
        (day.planned_end, day.drift),
        "agrees with Run::schedule"
    );
}
