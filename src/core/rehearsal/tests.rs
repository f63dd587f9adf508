use super::*;
use crate::core::checks::check_plan;
use crate::core::event::Event;
use crate::core::fixture::{Log, plan};
use crate::core::plan::SegmentKind;
use crate::core::run::RunEvent;

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

/// Four 30-minute segments; the first has materials.
fn log() -> Log {
    let mut p = plan(&[], &[SegmentKind::Custom; 4], None);
    p.segments[0].materials = vec!["Talking piece".into(), "cards".into()];
    p.segments[3].materials = vec!["talking piece".into()];
    Log::new(p)
}

#[test]
fn overruns_skips_and_drift_add_up() {
    let mut log = log();
    log.start_segment(0, 0)
        .start_segment(35 * 60, 1) // 5m over
        .at(35 * 60 + 1, Event::Run(RunEvent::Skip(SegmentId(2))))
        .start_segment(35 * 60 + 30 * 60 + 30, 3) // 30s over: not noticed
        .at(100 * 60, Event::Run(RunEvent::End)); // segment 3: 4m 30s over
    let r = report(
        log.session(),
        log.state(),
        &[],
        crate::core::fixture::t(200 * 60),
    );
    assert!(r.finished);
    let over: Vec<(&str, i64)> = r
        .parts
        .iter()
        .map(|p| (p.title.as_str(), p.over.as_secs()))
        .collect();
    assert_eq!(over, [("S0", 300), ("S1", 30), ("S2", 0), ("S3", 270)]);
    let names: Vec<&str> = r.overruns().map(|p| p.title.as_str()).collect();
    assert_eq!(names, ["S0", "S3"]);
    let drift: Vec<i64> = r.parts.iter().map(|p| p.drift.as_secs()).collect();
    assert_eq!(drift, [300, 330, 330 - 1800, 330 - 1800 + 270]);
    assert_eq!(r.planned, mins(120));
    assert_eq!(
        r.rehearsed,
        SignedDuration::from_secs(35 * 60 + 30 * 60 + 30 + 34 * 60 + 30)
    );
    assert_eq!(r.parts[2].outcome, Outcome::Skipped);
    assert!(
        r.verdict()
            .starts_with("Rehearsed in 1h 40m against 2h planned: 20m under")
    );
}

#[test]
fn stopping_part_way_counts_what_ran_and_projects_the_rest() {
    let mut log = log();
    log.start_segment(0, 0)
        .start_segment(30 * 60, 1)
        .at(
            30 * 60 + 60,
            Event::Run(RunEvent::AddTime {
                segment: SegmentId(1),
                by: mins(10),
            }),
        )
        .at(62 * 60, Event::Run(RunEvent::Pause));
    // Quit an hour later: the pause does not count.
    let r = report(
        log.session(),
        log.state(),
        &[],
        crate::core::fixture::t(122 * 60),
    );
    assert!(!r.finished);
    assert_eq!(r.stopped_in.as_deref(), Some("S1"));
    let p = &r.parts[1];
    assert_eq!(
        (p.outcome, p.rehearsed, p.over, p.adjusted),
        (Outcome::Stopped, mins(32), mins(2), Some(mins(40)))
    );
    assert_eq!(r.parts[2].outcome, Outcome::NotReached);
    assert_eq!(r.drift, mins(2));
    assert_eq!(
        r.verdict(),
        "Stopped during 'S1', 2 of 4 segments rehearsed in 1h 2m. With the rest on time \
         the plan takes 2h 2m against 2h planned: 2m over."
    );
    let text = r.to_text();
    assert!(
        text.contains("| 2 | S1 **over** | 30m (box 40m at the end) | 32m so far | +2m | +2m |"),
        "{text}"
    );
    assert!(
        text.contains("| 3 | S2 | 30m | not reached |  |  |"),
        "{text}"
    );
}

#[test]
fn the_text_names_overruns_checks_and_what_to_bring() {
    let mut log = log();
    log.start_segment(0, 0)
        .at(33 * 60, Event::Run(RunEvent::End));
    let findings = check_plan(&log.session().plan, None);
    assert!(!findings.is_empty(), "four custom segments draw warnings");
    let r = report(
        log.session(),
        log.state(),
        &findings,
        crate::core::fixture::t(40 * 60),
    );
    let text = r.to_text();
    assert!(
        text.contains("## Ran over\n\n- S0: 33m against a 30m box (+3m); 3m behind after it\n"),
        "{text}"
    );
    assert!(
        text.contains("## Plan checks\n\n- warning[CK004]"),
        "{text}"
    );
    assert!(
        text.contains("## What to bring\n\n- [ ] Talking piece (S0, S3)\n- [ ] cards (S0)\n"),
        "{text}"
    );
    let summary = r.summary();
    assert_eq!(summary[1], "Ran over: S0 +3m.");
    assert!(summary[2].starts_with("Plan checks: CK004"), "{summary:?}");
    assert_eq!(summary[3], "Bring: Talking piece, cards.");
}

#[test]
fn a_rehearsal_seats_placeholders_only_when_the_plan_names_nobody() {
    let mut p = plan(&[], &[SegmentKind::CheckIn], Some(90));
    let s = session(p.clone(), Some(3), crate::core::fixture::t(0));
    assert!(s.rehearsal);
    let names: Vec<(&str, bool)> = s
        .roster
        .iter()
        .map(|p| (p.name.as_str(), p.arrived))
        .collect();
    assert_eq!(
        names,
        [("Person 1", true), ("Person 2", true), ("Person 3", true)]
    );
    assert_eq!(
        session(p.clone(), None, crate::core::fixture::t(0))
            .roster
            .len(),
        8
    );
    p.people = Some(24);
    let s = session(p.clone(), None, crate::core::fixture::t(0));
    assert_eq!(s.roster.len(), 24);
    // 24 x (1m 30s + 10s) does not fit a 30m box; 5 people do.
    assert!(
        plan_checks(&s)
            .iter()
            .any(|f| f.code == crate::core::checks::ROUND_ARITHMETIC)
    );
    assert!(
        !plan_checks(&session(p.clone(), Some(5), crate::core::fixture::t(0)))
            .iter()
            .any(|f| f.code == crate::core::checks::ROUND_ARITHMETIC)
    );
    p.roster = vec!["Ana".into(), "Kim".into()];
    let s = session(p, Some(5), crate::core::fixture::t(0));
    let names: Vec<(&str, bool)> = s
        .roster
        .iter()
        .map(|p| (p.name.as_str(), p.arrived))
        .collect();
    assert_eq!(names, [("Ana", true), ("Kim", true)]);
}

#[test]
fn nothing_over_is_said_plainly() {
    let mut log = log();
    for i in 0..4 {
        log.start_segment(i * 30 * 60, i as u32);
    }
    log.at(120 * 60 + 20, Event::Run(RunEvent::End));
    let r = report(log.session(), log.state(), &[], crate::core::fixture::t(0));
    assert_eq!(r.overruns().count(), 0);
    assert!(
        r.to_text()
            .contains("Nothing ran over by a minute or more.")
    );
    assert_eq!(r.drift, SignedDuration::from_secs(20));
}

/// A rehearsal of a check-in that cannot fit: 24 x (1m + 10s) = 28m in
/// a 20m box, then a 30m custom segment.
fn round_log(spread: u8) -> Log {
    let mut p = plan(&[], &[SegmentKind::CheckIn, SegmentKind::Custom], None);
    p.segments[0].time = mins(20);
    p.segments[0].per_speaker = Some(mins(1));
    p.segments[0].transition = Some(SignedDuration::from_secs(10));
    let mut s = session(p, Some(24), crate::core::fixture::t(0));
    s.spread = spread;
    Log::of(s)
}

#[test]
fn a_round_simulates_its_turns_and_shows_the_overrun() {
    let mut log = round_log(0);
    // Jumped to the end of the box without walking a turn.
    log.start_segment(0, 0).start_segment(20 * 60, 1);
    let end = 50 * 60;
    log.at(end, Event::Run(RunEvent::End));
    let r = report(
        log.session(),
        log.state(),
        &[],
        crate::core::fixture::t(end),
    );
    let p = &r.parts[0];
    assert_eq!(
        (p.rehearsed, p.over, p.simulated),
        (mins(28), mins(8), true)
    );
    assert_eq!(r.drift, mins(8));
    assert!(
        r.to_text()
            .contains("| 1 | S0 **over** | 20m | 28m (simulated turns) | +8m | +8m |")
    );
    assert_eq!(
        r.verdict(),
        "Rehearsed in 58m against 50m planned: 8m over."
    );
    // The live schedule line agrees once it is over.
    let s = schedule(
        log.session(),
        log.state(),
        None,
        crate::core::fixture::t(end),
    );
    assert_eq!(s.drift, mins(8));
}

#[test]
fn a_spread_varies_turns_the_same_way_every_time() {
    let figure = |spread| {
        let mut log = round_log(spread);
        log.start_segment(0, 0).at(60, Event::Run(RunEvent::End));
        report(log.session(), log.state(), &[], crate::core::fixture::t(60)).parts[0].rehearsed
    };
    let spread = figure(20);
    assert_ne!(spread, mins(28));
    assert_eq!(
        spread,
        figure(20),
        "seeded: the same rehearsal, the same figure"
    );
    let (low, high) = (24 * (48 + 10), 24 * (72 + 10));
    assert!((low..=high).contains(&spread.as_secs()), "{spread:?}");
}

#[test]
fn walking_the_turns_by_hand_overrides_the_simulation() {
    use crate::core::person::PersonId;
    use crate::core::round::{Direction, RoundEvent};
    let mut log = round_log(0);
    log.start_segment(0, 0).at(
        5,
        Event::Round(RoundEvent::Start {
            first: PersonId(0),
            direction: Direction::Clockwise,
        }),
    );
    log.at(22 * 60, Event::Run(RunEvent::End));
    let r = report(
        log.session(),
        log.state(),
        &[],
        crate::core::fixture::t(22 * 60),
    );
    assert_eq!(
        (r.parts[0].rehearsed, r.parts[0].simulated),
        (mins(22), false)
    );
    assert_eq!(r.drift, mins(2));
}

#[test]
fn moving_on_early_and_jumping_keep_the_figures_sane() {
    // Clicked through: each segment left a minute in.
    let mut session = log().session().clone();
    session.rehearsal = true;
    let mut log = Log::of(session);
    log.start_segment(0, 0)
        .start_segment(60, 1)
        .start_segment(120, 3) // jumped over S2
        .at(180, Event::Run(RunEvent::End));
    let now = crate::core::fixture::t(180);
    let r = report(log.session(), log.state(), &[], now);
    assert!(!r.finished);
    assert_eq!(r.drift, SignedDuration::ZERO, "no hours 'under'");
    assert!(r.parts.iter().all(|p| !p.over.is_negative()));
    assert_eq!(r.headline(), "Rehearsal stopped: 1 segment never reached.");
    assert!(
        r.verdict().starts_with("Stopped, 3 of 4 segments rehearsed in 3m. With the rest on time the plan takes 2h against 2h planned: on time."),
        "{}",
        r.verdict()
    );
    assert!(
        r.verdict()
            .contains("3 segments were left before their box ran out")
    );
    assert!(
        r.to_text()
            .contains("| 1 | S0 | 30m | 1m (left early) |  | 0s |"),
        "{}",
        r.to_text()
    );
    let s = schedule(log.session(), log.state(), None, now);
    assert_eq!(s.drift, SignedDuration::ZERO);
    // "Rehearsal over" only when every segment really ran.
    let mut log = log_all_run();
    log.at(121 * 60, Event::Run(RunEvent::End));
    let r = report(
        log.session(),
        log.state(),
        &[],
        crate::core::fixture::t(121 * 60),
    );
    assert_eq!(r.headline(), "Rehearsal over: every segment has run.");
}

fn log_all_run() -> Log {
    let mut log = log();
    for i in 0..4 {
        log.start_segment(i * 30 * 60, i as u32);
    }
    log
}
