use super::*;
use crate::core::breakout::actions;
use crate::core::breakout::plan::{GroupCount, Split};
use crate::core::breakout::report_back::{self, ReportBack};
use crate::core::fixture::t;
use crate::core::run::Stage;
use jiff::SignedDuration;

const REPORT: SegmentId = SegmentId(2);

/// Twelve people in four groups, each with a delegate, then the
/// report-back on.
fn back_in_the_room() -> Log {
    let mut log = room(12, |s| {
        s.split = Some(Split::Count(GroupCount::try_from(4).unwrap()))
    });
    log.start_segment(10, 1);
    let ev = actions::form(log.state(), BREAKOUT, t(11)).unwrap();
    log.at(11, ev);
    for g in 0..4 {
        let first = log.state().breakouts.get(BREAKOUT).unwrap().groups[g as usize].people[0];
        let ev = crate::core::breakout::delegate::name(log.state(), group(g), first).unwrap();
        log.at(12, ev);
    }
    log.start_segment(1000, 2);
    log
}

fn view(log: &Log, at: i64) -> ReportBack {
    ReportBack::new(log.state(), &log.session().plan, REPORT, t(at)).unwrap()
}

fn next(log: &mut Log, at: i64) {
    let ev = report_back::call_next(log.state(), &log.session().plan, REPORT, t(at)).unwrap();
    log.at(at, ev);
}

#[test]
fn delegates_report_in_group_order_and_the_rest_wait_in_a_list() {
    let mut log = back_in_the_room();
    let r = view(&log, 1000);
    assert_eq!(r.breakout, Some(BREAKOUT));
    assert_eq!(
        r.not_yet_heard,
        ["Group 1", "Group 2", "Group 3", "Group 4"]
    );
    assert_eq!(r.next, Some(group(0)));
    next(&mut log, 1010);
    let r = view(&log, 1010 + 95);
    let s = r.speaking.as_ref().unwrap();
    assert_eq!(s.name, "Group 1");
    assert_eq!(s.delegates.len(), 1);
    // 2 minutes each, with the plan's staged warnings (30s left here).
    assert_eq!(s.clock.time_box, SignedDuration::from_mins(2));
    assert_eq!(s.clock.stage(), Stage::Last);
    assert_eq!(r.not_yet_heard, ["Group 2", "Group 3", "Group 4"]);
    // The next group ends the report going on.
    next(&mut log, 1140);
    let r = view(&log, 1150);
    assert_eq!(r.groups[0].spoken, SignedDuration::from_secs(130));
    assert!(r.groups[0].heard && !r.groups[0].speaking);
    assert_eq!(r.speaking.unwrap().name, "Group 2");
    // Out of order, by hand: group 4, then back to the list.
    let ev = report_back::call(log.state(), &log.session().plan, REPORT, 3, t(1200)).unwrap();
    log.at(1200, ev);
    assert_eq!(view(&log, 1201).not_yet_heard, ["Group 3"]);
    assert!(report_back::call(log.state(), &log.session().plan, REPORT, 3, t(1202)).is_err());
    next(&mut log, 1300);
    let ev = report_back::end(log.state(), REPORT).unwrap();
    log.at(1400, ev);
    assert!(report_back::end(log.state(), REPORT).is_err());
    let r = view(&log, 1400);
    assert!(r.not_yet_heard.is_empty() && r.speaking.is_none());
    let e = report_back::call_next(log.state(), &log.session().plan, REPORT, t(1401)).unwrap_err();
    assert_eq!(e.0, "every group has been heard");
    assert_eq!(log.state(), &log.replayed());
}

#[test]
fn a_report_is_captured_as_a_note_under_its_group() {
    let mut log = back_in_the_room();
    next(&mut log, 1010);
    let blank = actions::blank_note(log.state(), group(0));
    let delegate = log.state().breakouts.get(BREAKOUT).unwrap().groups[0].delegates[0];
    assert_eq!(
        (
            blank.group,
            blank.segment,
            blank.speaker,
            blank.text.as_str()
        ),
        (Some(group(0)), Some(REPORT), Some(delegate), "")
    );
    let ev = actions::group_note(log.state(), group(0), "Yes to the rota, no to Sundays").unwrap();
    log.at(1050, ev);
    let r = view(&log, 1060);
    assert_eq!(r.groups[0].report, ["Yes to the rota, no to Sundays"]);
    assert!(r.groups[1].report.is_empty());
}

#[test]
fn a_report_back_too_short_for_the_groups_says_so() {
    let mut log = back_in_the_room();
    // 4 groups x (2m + 10s) = 8m 40s; the box is 30m, so 25m in, 5m left.
    let r = view(&log, 1000 + 25 * 60);
    assert_eq!(
        r.flags,
        ["4 groups still to hear at 2m each need 8m 40s; 5m left."]
    );
    next(&mut log, 1010);
    assert!(view(&log, 1020).flags.is_empty());
}

#[test]
fn moving_on_ends_the_report_going_on() {
    let mut log = back_in_the_room();
    next(&mut log, 1010);
    log.start_segment(1100, 3);
    let r = view(&log, 2000);
    assert_eq!(r.groups[0].spoken, SignedDuration::from_secs(90));
    assert!(r.speaking.is_none());
}

#[test]
fn a_breakout_hears_its_own_groups_at_its_end() {
    let mut log = room(6, |s| {
        s.split = Some(Split::Count(GroupCount::try_from(2).unwrap()));
        s.time = SignedDuration::from_mins(40);
        s.report_back = Some(SignedDuration::from_mins(10));
        s.per_speaker = Some(SignedDuration::from_mins(3));
    });
    log.start_segment(0, 1);
    let ev = actions::form(log.state(), BREAKOUT, t(1)).unwrap();
    log.at(1, ev);
    let r = ReportBack::new(log.state(), &log.session().plan, BREAKOUT, t(60)).unwrap();
    assert_eq!(r.clock.elapsed, SignedDuration::ZERO, "not begun yet");
    let ev = actions::begin_report_back(log.state(), BREAKOUT).unwrap();
    log.at(30 * 60, ev);
    assert!(actions::begin_report_back(log.state(), BREAKOUT).is_err());
    let ev = report_back::call_next(log.state(), &log.session().plan, BREAKOUT, t(1801)).unwrap();
    log.at(1801, ev);
    let r = ReportBack::new(log.state(), &log.session().plan, BREAKOUT, t(1900)).unwrap();
    assert_eq!(r.clock.time_box, SignedDuration::from_mins(10));
    assert_eq!(r.clock.elapsed, SignedDuration::from_secs(100));
    assert_eq!(
        r.speaking.unwrap().clock.time_box,
        SignedDuration::from_mins(3)
    );
    assert_eq!(r.not_yet_heard, ["Group 2"]);
}

#[test]
fn a_report_back_with_no_breakout_before_it_says_so() {
    let mut log = room(3, |_| {});
    log.at(
        5,
        Event::Run(crate::core::run::RunEvent::Move {
            segment: REPORT,
            to: 0,
        }),
    );
    let r = view(&log, 10);
    assert_eq!(r.breakout, None);
    assert!(r.flags[0].starts_with("No breakout before this report-back"));
    assert!(report_back::call_next(log.state(), &log.session().plan, REPORT, t(10)).is_err());
}
