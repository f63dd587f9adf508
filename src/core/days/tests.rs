use std::path::Path;

use jiff::SignedDuration;
use jiff::civil::{Weekday, date, time};

use super::*;
use crate::core::validate::validate;
use crate::store::StoreError;
use crate::store::text::{plan_from_str, plan_to_string};

/// Friday evening and Saturday, as a gathering writes them.
pub(crate) const WEEKEND: &str = r#"(
    title: "Summit",
    gathering: "summit-2027",
    holders: {"timekeeper": "Kim"},
    days: [
        (
            title: "Friday",
            date: "2027-05-14",
            start: "18:30",
            holders: {"timekeeper": "Ana"},
            segments: [
                (title: "Welcome", kind: WelcomeCircle, time: "30m"),
                (title: "Check-out", kind: ClosingRound, time: "15m"),
            ],
        ),
        (
            title: "Saturday",
            start: "09:00",
            segments: [
                (title: "Check-in", kind: CheckIn, time: "20m"),
                (title: "Workshop", kind: Workshop, time: "2h"),
                (title: "Lunch", kind: Break, time: "1h", at: "12:30"),
                (title: "Crews", kind: Custom, time: "40m"),
            ],
        ),
    ],
)"#;

fn load(text: &str) -> Result<Plan, StoreError> {
    plan_from_str(Path::new("p.ron"), text)
}

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

#[test]
fn days_are_one_list_in_memory_and_nested_in_the_file() {
    let plan = load(WEEKEND).unwrap();
    assert_eq!(plan.segments.len(), 6);
    assert_eq!(plan.days.len(), 2);
    assert_eq!(plan.days[0].len, 2);
    let days = layout(&plan);
    assert_eq!(days[1].segments, 2..6);
    // Saturday follows Friday's date; holders of the day win over the plan's.
    assert_eq!(days[1].date, Some(date(2027, 5, 15)));
    assert_eq!(days[0].holders["timekeeper"], "Ana");
    assert_eq!(days[1].holders["timekeeper"], "Kim");
    let text = plan_to_string(&plan).unwrap();
    assert!(text.contains("days: ["), "{text}");
    assert!(
        !text.contains("\n    segments:"),
        "no top-level list: {text}"
    );
    assert_eq!(load(&text).unwrap(), plan, "round trip");
}

#[test]
fn anchors_read_what_facilitators_write() {
    let a = Anchor::parse("Sat 09:00").unwrap();
    assert_eq!(
        (a.weekday, a.time),
        (Some(Weekday::Saturday), time(9, 0, 0, 0))
    );
    assert_eq!(Anchor::parse("saturday 9:30").unwrap().label(), "Sat 09:30");
    assert_eq!(Anchor::parse("12:30").unwrap().weekday, None);
    for bad in ["Sta 09:00", "25:00", "9", "Sat", "Sat 09:00 am", ""] {
        assert!(Anchor::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_bad_anchor_or_both_lists_point_at_their_line_and_column() {
    let text = "(\n  title: \"T\",\n  start: \"09:00\",\n  segments: [\n    (title: \"A\", kind: Custom, time: \"5m\", at: \"Sta 10:00\"),\n  ],\n)";
    let e = load(text).unwrap_err().to_string();
    assert!(e.starts_with("p.ron:5:"), "{e}");
    assert!(e.contains("is not an anchor"), "{e}");
    let both = "(\n  title: \"T\",\n  segments: [(title: \"A\", kind: Custom, time: \"5m\")],\n  days: [(title: \"D\", segments: [(title: \"B\", kind: Custom, time: \"5m\")])],\n)";
    let e = load(both).unwrap_err().to_string();
    assert!(e.starts_with("p.ron:4:3: a plan has either"), "{e}");
}

#[test]
fn days_must_start_in_order_and_keep_clock_anchors() {
    let mut plan = load(WEEKEND).unwrap();
    plan.days[1].start = None;
    plan.days[1].date = Some(date(2027, 5, 13));
    plan.segments[4].at = Some(Anchor::parse("Sat 12:30").unwrap());
    let problems: Vec<String> = validate(&plan).iter().map(|p| p.to_string()).collect();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("day 2 'Saturday': every day after the first needs a `start`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("the date 2027-05-13 is not after")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("segment 5 'Lunch': inside a day, `at` is a clock time")),
        "{problems:?}"
    );
    let mut empty = load(WEEKEND).unwrap();
    empty.segments.truncate(2);
    empty.days[1].len = 0;
    assert!(
        validate(&empty)
            .iter()
            .any(|p| p.message == "the day has no segments")
    );
    // An anchor with no start to count from.
    let mut loose = Plan::new(
        "T",
        vec![Segment::new(
            "A",
            crate::core::plan::SegmentKind::Custom,
            mins(5),
        )],
    );
    loose.segments.push(loose.segments[0].clone());
    loose.segments[1].at = Some(Anchor::parse("12:00").unwrap());
    assert!(
        validate(&loose)
            .iter()
            .any(|p| p.message.contains("needs a time to count from"))
    );
}

#[test]
fn an_anchor_fixes_its_segment_and_notices_a_squeeze() {
    let plan = load(WEEKEND).unwrap();
    let tables = timetables(&plan);
    let sat = &tables[1];
    let offsets: Vec<i64> = sat.slots.iter().map(|s| s.offset.as_mins()).collect();
    // 09:00 check-in, 09:20 workshop, lunch at 12:30 (not 11:20), 13:30 crews.
    assert_eq!(offsets, [0, 20, 210, 270]);
    assert!(sat.slots[2].anchored);
    assert_eq!(sat.slots[2].squeezed, SignedDuration::ZERO);
    assert_eq!(sat.length, mins(310));
    // A workshop of 3h 30m runs past the anchor: the plan squeezes lunch.
    let mut tight = plan.clone();
    tight.segments[3].time = mins(210);
    let sat = &timetables(&tight)[1];
    assert_eq!(sat.slots[2].squeezed, mins(20));
    assert_eq!(sat.slots[2].offset, mins(210), "the anchor stands");
}

#[test]
fn a_weekday_anchor_splits_a_plan_without_days() {
    let text = r#"(
        title: "Weekend",
        date: "2027-05-14",
        start: "18:30",
        segments: [
            (title: "Welcome", kind: WelcomeCircle, time: "1h"),
            (title: "Late tea", kind: Break, time: "30m", at: "23:30"),
            (title: "Check-in", kind: CheckIn, time: "20m", at: "Sat 09:00"),
            (title: "Lunch", kind: Break, time: "1h", at: "Sat 12:30"),
            (title: "Closing", kind: ClosingRound, time: "20m", at: "Sun 10:00"),
        ],
    )"#;
    let plan = load(text).unwrap();
    let days = layout(&plan);
    let titles: Vec<&str> = days.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Friday", "Saturday", "Sunday"]);
    assert_eq!(days[1].segments, 2..4);
    assert_eq!(days[2].date, Some(date(2027, 5, 16)));
    let tables = timetables(&plan);
    assert_eq!(
        tables[0].slots[1].offset,
        mins(300),
        "23:30 is 5h after 18:30"
    );
    assert_eq!(tables[1].slots[0].offset, SignedDuration::ZERO);
    assert_eq!(tables[1].slots[1].offset, mins(210));
    assert!(plan.has_days());
    assert!(!load(WEEKEND).unwrap().only_day(1).unwrap().has_days());
}

#[test]
fn one_day_of_a_plan_is_a_plan_of_its_own() {
    let plan = load(WEEKEND).unwrap();
    let days = layout(&plan);
    assert_eq!(find(&days, "saturday"), Ok(1));
    assert_eq!(find(&days, "2"), Ok(1));
    assert_eq!(find(&days, "2027-05-14"), Ok(0));
    assert_eq!(find(&days, "Sat"), Ok(1));
    let e = find(&days, "Sunday").unwrap_err();
    assert!(e.contains("Friday (1), Saturday (2)"), "{e}");
    let sat = plan.only_day(1).unwrap();
    assert_eq!(sat.segments.len(), 4);
    assert_eq!(sat.start, Some(time(9, 0, 0, 0)));
    assert_eq!(sat.date, Some(date(2027, 5, 15)));
    assert_eq!(sat.holders["timekeeper"], "Kim");
    assert!(validate(&sat).is_empty(), "{:?}", validate(&sat));
    assert_eq!(layout(&sat)[0].title, "Saturday");
}

#[test]
fn a_day_that_cannot_run_is_refused_at_its_line() {
    let text = WEEKEND.replace("            start: \"09:00\",\n", "");
    let e = load(&text).unwrap_err().to_string();
    assert!(
        e.starts_with("p.ron:16:9: day 2 'Saturday': every day after the first needs a `start`"),
        "{e}"
    );
    let text = WEEKEND.replace("at: \"12:30\"", "at: \"Sat 12:30\"");
    let e = load(&text).unwrap_err().to_string();
    assert!(
        e.starts_with("p.ron:22:17: segment 5 'Lunch': inside a day, `at` is a clock time"),
        "{e}"
    );
}
