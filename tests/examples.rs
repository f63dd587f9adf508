//! Every plan in examples/ (and the built-in default plan) must load, be
//! sound, fit its slot, and give its rounds enough time for its head count.

use std::path::{Path, PathBuf};

use circlekeeper::commands::start::default_plan;
use circlekeeper::core::duration::friendly;
use circlekeeper::core::event::Event;
use circlekeeper::core::plan::Plan;
use circlekeeper::core::rehearsal::{self, Outcome};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::state::State;
use circlekeeper::core::validate::validate;
use circlekeeper::store::file::load_plan;
use circlekeeper::store::library::builtin;
use jiff::SignedDuration;

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the examples folder exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    found.sort();
    found
}

fn loaded() -> Vec<(PathBuf, Plan)> {
    examples()
        .into_iter()
        .map(|p| {
            let plan = load_plan(&p).unwrap_or_else(|e| panic!("{e}"));
            (p, plan)
        })
        .chain([(PathBuf::from("default plan"), default_plan())])
        .collect()
}

#[test]
fn the_three_promised_examples_are_there() {
    let names: Vec<String> = examples()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for want in [
        "three-day-gathering.ron",
        "community-meeting.ron",
        "conflict-evening.ron",
    ] {
        assert!(names.iter().any(|n| n == want), "missing {want}: {names:?}");
    }
}

#[test]
fn every_plan_loads_and_validates_clean() {
    for (path, plan) in loaded() {
        let problems = validate(&plan);
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
    }
}

#[test]
fn every_plan_fits_its_slot() {
    for (path, plan) in loaded() {
        if let Some(slot) = plan.slot {
            assert!(
                plan.total() <= slot,
                "{}: {:?} of segments in a {:?} slot",
                path.display(),
                plan.total(),
                slot
            );
        }
    }
}

#[test]
fn rounds_have_time_for_everyone() {
    for (path, plan) in loaded() {
        let Some(people) = plan.people else { continue };
        for s in plan.segments.iter().filter(|s| s.kind.is_round()) {
            let Some(each) = s.per_speaker else { continue };
            let turn = each + s.transition.unwrap_or(SignedDuration::ZERO);
            let needed = turn * people as i32;
            assert!(
                needed <= s.time,
                "{}: '{}' needs {needed:?} for {people} people, has {:?}",
                path.display(),
                s.title,
                s.time
            );
        }
    }
}

#[test]
fn activities_named_in_plans_are_in_the_library() {
    let library = builtin();
    for (path, plan) in loaded() {
        let named = plan.segments.iter().flat_map(|s| {
            s.activity
                .iter()
                .chain(s.steps.iter().filter_map(|e| e.activity.as_ref()))
        });
        for id in named {
            assert!(
                library.get(id).is_some(),
                "{}: no library activity '{id}'",
                path.display()
            );
        }
    }
}

#[test]
fn anti_retreat_conversations_name_their_matter_and_stay_confidential() {
    for (path, plan) in loaded() {
        for s in &plan.segments {
            if s.kind == circlekeeper::core::plan::SegmentKind::AntiRetreat {
                assert!(s.matter.is_some(), "{}: '{}'", path.display(), s.title);
                assert!(s.is_confidential(), "{}: '{}'", path.display(), s.title);
            }
        }
    }
}

#[test]
fn the_conflict_evening_follows_up_on_the_same_matter() {
    let (_, plan) = loaded()
        .into_iter()
        .find(|(p, _)| p.ends_with("conflict-evening.ron"))
        .unwrap();
    let matters: Vec<&str> = plan
        .segments
        .iter()
        .filter_map(|s| s.matter.as_deref())
        .collect();
    assert!(matters.len() >= 3, "{matters:?}");
    assert!(matters.iter().all(|m| *m == matters[0]));
}

/// A rehearsal of `plan` walked start to end, each segment given exactly
/// its box: the session, its state and when it ended.
fn walked(
    plan: &Plan,
    people: Option<u32>,
) -> (circlekeeper::core::session::Session, State, jiff::Timestamp) {
    let mut at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let mut session = rehearsal::session(plan.clone(), people, at);
    for (i, s) in plan.segments.iter().enumerate() {
        session.push(at, Event::Run(RunEvent::Start(SegmentId(i as u32))));
        at += s.time;
    }
    session.push(at, Event::Run(RunEvent::End));
    let state = State::replay(&session);
    (session, state, at)
}

/// Each example walked start to end, every segment given exactly its box
/// (jumped to the end, turns not walked): the report adds up.
#[test]
fn the_examples_rehearse_with_a_consistent_report() {
    for (path, plan) in loaded() {
        let (session, state, at) = walked(&plan, None);
        let checks = rehearsal::plan_checks(&session);
        let r = rehearsal::report(&session, &state, &checks, at);
        let name = path.display();
        assert!(r.finished, "{name}");
        assert_eq!(
            r.headline(),
            "Rehearsal over: every segment has run.",
            "{name}"
        );
        assert!(r.parts.iter().all(|p| p.outcome == Outcome::Done), "{name}");
        let overs = r
            .parts
            .iter()
            .fold(SignedDuration::ZERO, |t, p| t.saturating_add(p.over));
        assert_eq!(r.drift, overs, "{name}: drift is the sum of what ran over");
        assert_eq!(r.planned, plan.total(), "{name}");
        // Rounds fit their boxes in these plans: simulated turns end within
        // the box, so nothing shows as run over.
        assert_eq!(r.overruns().count(), 0, "{name}: {:?}", r.parts);
        assert!(r.drift.abs() < plan.total() / 10, "{name}: {:?}", r.drift);
        let verdict = r.verdict();
        assert!(
            verdict.starts_with(&format!(
                "Rehearsed in {} against {} planned: ",
                friendly(r.planned + r.drift),
                friendly(r.planned)
            )),
            "{name}: {verdict}"
        );
        assert_eq!(r.summary()[0], verdict, "{name}");
        let line = rehearsal::schedule(&session, &state, None, at);
        assert_eq!(line.drift, r.drift, "{name}: the schedule line agrees");
    }
}

/// With more people than the three-day gathering planned for, its rounds
/// cannot fit, and a rehearsal that only jumps to the end of each
/// box shows it from simulated turns.
#[test]
fn a_round_that_cannot_fit_shows_in_the_rehearsal() {
    let (_, plan) = loaded()
        .into_iter()
        .find(|(p, _)| p.ends_with("three-day-gathering.ron"))
        .unwrap();
    let (session, state, at) = walked(&plan, Some(30));
    let r = rehearsal::report(&session, &state, &[], at);
    let over: Vec<(&str, i64)> = r
        .overruns()
        .map(|p| (p.title.as_str(), p.over.as_secs()))
        .collect();
    // Check-ins: 30 x (45s + 5s) = 25m in a 20m box; check-outs:
    // 30 x (30s + 5s) = 17m 30s in 15m.
    assert_eq!(
        over,
        [
            ("Check-out, Friday", 150),
            ("Saturday: morning check-in", 300),
            ("Check-out, Saturday", 150),
            ("Sunday: morning check-in", 300),
            ("Closing round", 300)
        ]
    );
    assert_eq!(r.drift, SignedDuration::from_mins(20));
    assert!(
        r.to_text().contains("25m (simulated turns)"),
        "{}",
        r.to_text()
    );
}

#[test]
fn decisions_name_their_method_and_the_fallback_was_agreed_first() {
    use circlekeeper::core::checks::{
        DECISION_NO_METHOD, DECISION_TIME, FALLBACK_UNAGREED, check_plan,
    };
    use circlekeeper::core::plan::SegmentKind;
    for (path, plan) in loaded() {
        let codes = [DECISION_NO_METHOD, DECISION_TIME, FALLBACK_UNAGREED];
        let found: Vec<_> = check_plan(&plan, None)
            .into_iter()
            .filter(|f| codes.contains(&f.code))
            .collect();
        assert!(found.is_empty(), "{}: {found:?}", path.display());
        for s in plan
            .segments
            .iter()
            .filter(|s| s.kind == SegmentKind::Decision)
        {
            assert!(s.method.is_some(), "{}: '{}'", path.display(), s.title);
        }
    }
    let (_, meeting) = loaded()
        .into_iter()
        .find(|(p, _)| p.ends_with("community-meeting.ron"))
        .unwrap();
    let decision = meeting
        .segments
        .iter()
        .find(|s| s.kind == SegmentKind::Decision)
        .unwrap();
    assert!(decision.fallback.is_some() && decision.quorum.is_some());
}

#[test]
fn the_three_day_gathering_keeps_each_morning_at_its_own_time() {
    use circlekeeper::core::run::{Run, RunEvent, SegmentId};
    use circlekeeper::core::schedule::{Calendar, days};
    use jiff::civil::date;
    use jiff::tz::TimeZone;
    let (_, plan) = loaded()
        .into_iter()
        .find(|(p, _)| p.ends_with("three-day-gathering.ron"))
        .unwrap();
    assert_eq!(plan.days.len(), 3);
    assert!(plan.gathering.is_some());
    let forum = plan
        .segments
        .iter()
        .find(|s| s.title.starts_with("Community forum"))
        .unwrap();
    assert_eq!(
        forum.stack_scope,
        Some(circlekeeper::core::plan::Reach::Gathering),
        "Sunday's forum counts who spoke on Friday too"
    );
    let at = |d: i8, h: i8, m: i8, s: i8| {
        date(2026, 6, d)
            .at(h, m, s, 0)
            .to_zoned(TimeZone::UTC)
            .unwrap()
            .timestamp()
    };
    // Friday's arrivals run 2m 45s over; every other part keeps its box.
    let mut run = Run::new(&plan);
    run.apply(at(12, 16, 0, 0), &RunEvent::Start(SegmentId(0)));
    run.apply(at(12, 17, 2, 45), &RunEvent::Start(SegmentId(1)));
    let cal = Calendar::new(&plan, &TimeZone::UTC, at(12, 15, 50, 0), run.started, false);
    let all = days(&run, &plan, &cal, at(12, 17, 10, 0));
    assert_eq!(all[0].drift, SignedDuration::from_secs(165));
    for (day, title) in [
        (1, "Saturday: morning check-in"),
        (2, "Sunday: morning check-in"),
    ] {
        let first = all[day].segments[0];
        assert_eq!(plan.segments[first.segment.0 as usize].title, title);
        assert_eq!(
            first.at,
            at(12 + day as i8, 9, 0, 0),
            "{title} stays at nine"
        );
        assert_eq!(all[day].drift, SignedDuration::ZERO);
    }
    // Saturday's lunch is fixed at noon.
    let lunch = all[1]
        .segments
        .iter()
        .find(|p| plan.segments[p.segment.0 as usize].title == "Lunch")
        .unwrap();
    assert_eq!(lunch.at, at(13, 12, 0, 0));
}
