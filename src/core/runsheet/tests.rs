use super::*;
use crate::core::checks::plan_of;
use crate::core::plan::{Exercise, GroupFormat};

fn seg(title: &str, kind: SegmentKind, m: i64) -> Segment {
    Segment::new(title, kind, SignedDuration::from_mins(m))
}

#[test]
fn times_are_relative_without_a_start() {
    let plan = plan_of(vec![
        seg("A", SegmentKind::Custom, 45),
        seg("B | C", SegmentKind::Custom, 30),
    ]);
    let sheet = render(&plan, None, None);
    assert!(
        sheet.contains("| +0:45 | 30m | B \\| C | custom |"),
        "{sheet}"
    );
    assert!(sheet.contains("## +0:45 2. B | C"), "{sheet}");
    assert!(sheet.contains("| +1:15 | | end | |"), "{sheet}");
}

#[test]
fn the_plans_start_is_used_and_the_clock_wraps_past_midnight() {
    let mut plan = plan_of(vec![
        seg("Late", SegmentKind::Custom, 60),
        seg("Later", SegmentKind::ClosingRound, 30),
    ]);
    plan.start = Some(jiff::civil::time(23, 30, 0, 0));
    let sheet = render(&plan, None, None);
    assert!(sheet.contains("## 00:30 2. Later"), "{sheet}");
    let sheet = render(&plan, Some(jiff::civil::time(9, 0, 0, 0)), None);
    assert!(sheet.contains("## 10:00 2. Later"), "{sheet}");
}

#[test]
fn materials_and_roles_are_gathered_once() {
    let mut a = seg("A", SegmentKind::Custom, 10);
    a.materials = vec!["Talking piece".into(), "paper".into()];
    a.roles = vec!["timekeeper".into()];
    let mut b = seg("B", SegmentKind::ClosingRound, 10);
    b.materials = vec!["talking piece ".into()];
    b.roles = vec!["Timekeeper".into()];
    let sheet = render(&plan_of(vec![a, b]), None, None);
    assert!(
        sheet.contains("- [ ] Talking piece (A, B)\n- [ ] paper (A)\n"),
        "{sheet}"
    );
    assert!(
        sheet.contains("### Roles\n\n- timekeeper (A, B): held by ____________\n"),
        "{sheet}"
    );
}

#[test]
fn icebreaker_steps_show_format_intimacy_and_marked_script() {
    let mut s = seg("Icebreakers", SegmentKind::IcebreakerSequence, 20);
    s.steps = vec![Exercise {
        title: "Animal names".into(),
        format: GroupFormat::WholeGroup,
        intimacy: 1,
        time: SignedDuration::from_mins(10),
        script: vec![Cue {
            say: Some("Pick an animal".into()),
            watch: Some("Anyone hesitating".into()),
            ..Cue::default()
        }],
        activity: None,
        nesting: None,
    }];
    let sheet = render(&plan_of(vec![s]), None, None);
    assert!(
        sheet.contains(
            "1. **Animal names** (10m, whole group, intimacy 1 of 5)\n   \
             - **SAY:** \"Pick an animal\"\n   - **WATCH FOR:** Anyone hesitating\n"
        ),
        "{sheet}"
    );
}

#[test]
fn rounds_show_their_arithmetic_and_warnings_are_listed() {
    let mut s = seg("Check-in", SegmentKind::CheckIn, 20);
    s.per_speaker = Some(SignedDuration::from_mins(1));
    let plan = plan_of(vec![s]);
    let sheet = render(&plan, None, Some(24));
    assert!(
        sheet.contains(
            "**Format:** go-around in seating order, 1m each, 10s between \
             (24 people: 28m of the 20m box)"
        ),
        "{sheet}"
    );
    assert!(sheet.contains("- warning[CK002]: segment 1 'Check-in': 24 x 1m"));
    assert!(sheet.contains("- **People:** 24"));
}

#[test]
fn a_decision_shows_its_method_rule_fallback_and_rounds() {
    use crate::core::decision::rules::{Fallback, Method, Share};
    let mut d = seg("Decide", SegmentKind::Decision, 20);
    d.method = Some(Method::Consent);
    d.fallback = Some(Fallback::Majority(Share::Simple));
    d.after_rounds = Some(1);
    d.quorum = Some(8);
    let sheet = render(&plan_of(vec![d]), None, Some(12));
    for part in [
        "**Format:** proposal, then clarifying questions, then reactions, then amendments, \
         then test for agreement, then outcome, by consent (12 people: reactions 8m, each \
         test 2m)",
        "**Rule:** Consent: not \"do you like it\"",
        "**Fallback agreed beforehand:** a simple majority (yes needs more than half of \
         those taking a side), offered only after 1 test that did not carry.",
        "**Counting:** Counted over who is marked here; passing is no position, never \
         counted against anyone. Quorum: 8 here.",
    ] {
        assert!(sheet.contains(part), "{part}\n{sheet}");
    }
}
