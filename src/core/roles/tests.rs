use super::actions::{Among, assign, draw, opt_out, pool, release, take_planned, volunteer};
use super::board::{board, suggest};
use super::*;
use crate::core::event::{Event, Scope};
use crate::core::fixture::{Log, plan};
use crate::core::gathering::Carried;
use crate::core::person::PeopleEvent;
use crate::core::plan::SegmentKind;
use crate::core::session::Session;

const NAMES: [&str; 5] = ["Ana", "Kim", "Bo", "美玲", "Tomás"];

fn log() -> Log {
    let mut p = plan(
        &NAMES,
        &[SegmentKind::CheckIn, SegmentKind::OpenFloor],
        None,
    );
    p.segments[0].roles = vec!["Timekeeper".into(), "note-taker".into()];
    p.roles = vec!["kitchen crew".into()];
    Log::new(p)
}

fn names_of(log: &Log, ids: &[PersonId]) -> Vec<String> {
    ids.iter()
        .map(|p| log.state().people.name(*p).to_string())
        .collect()
}

#[test]
fn the_plans_roles_come_first_then_the_usual_ones() {
    let log = log();
    let all = names(&log.session().plan);
    assert_eq!(&all[..3], ["kitchen crew", "Timekeeper", "note-taker"]);
    assert_eq!(
        all.len(),
        3 + STANDARD.len() - 2,
        "timekeeper and note-taker once"
    );
}

#[test]
fn an_assignment_replaces_the_holder_unless_alongside() {
    let mut log = log();
    let ev = assign(log.state(), "timekeeper", PersonId(1), false).unwrap();
    log.at(10, ev);
    assert_eq!(log.state().roles.holders("TIMEKEEPER"), [PersonId(1)]);
    let ev = assign(log.state(), "timekeeper", PersonId(0), false).unwrap();
    log.at(20, ev);
    assert_eq!(log.state().roles.holders("timekeeper"), [PersonId(0)]);
    let ev = assign(log.state(), "greeter", PersonId(2), false).unwrap();
    log.at(21, ev);
    let ev = assign(log.state(), "greeter", PersonId(3), true).unwrap();
    log.at(22, ev);
    assert_eq!(
        log.state().roles.holders("greeter"),
        [PersonId(2), PersonId(3)]
    );
    assert!(assign(log.state(), "greeter", PersonId(3), true).is_err());
    let ev = release(log.state(), "greeter", PersonId(2)).unwrap();
    log.at(23, ev);
    assert_eq!(log.state().roles.holders("greeter"), [PersonId(3)]);
    assert!(release(log.state(), "greeter", PersonId(2)).is_err());
    // Every holding is kept, with its time; the first spelling stays.
    let h = log.state().roles.holdings();
    assert_eq!(h.len(), 4);
    assert_eq!(h[0].role, "timekeeper");
    assert!(h[0].until.is_some());
    // The People screen's undo takes a role back; replay agrees.
    log.at(24, Event::Undo(Scope::People));
    assert_eq!(
        log.state().roles.holders("greeter"),
        [PersonId(2), PersonId(3)]
    );
    assert_eq!(*log.state(), log.replayed());
}

#[test]
fn the_live_line_names_the_roles_the_segment_needs() {
    let mut log = log();
    assert_eq!(live_line(log.state()), None, "nothing on");
    log.start_segment(0, 0);
    assert_eq!(
        live_line(log.state()).unwrap(),
        "Timekeeper: nobody yet · note-taker: nobody yet"
    );
    let ev = assign(log.state(), "timekeeper", PersonId(1), false).unwrap();
    log.at(5, ev);
    assert_eq!(
        live_line(log.state()).unwrap(),
        "Timekeeper: Kim · note-taker: nobody yet"
    );
    log.start_segment(60, 1);
    assert_eq!(live_line(log.state()), None, "the open floor names none");
    // Someone who leaves gives their roles up.
    log.at(70, Event::People(PeopleEvent::Left(PersonId(1))));
    assert!(log.state().roles.holders("timekeeper").is_empty());
}

#[test]
fn a_draw_is_among_volunteers_here_and_replays_from_its_seed() {
    let mut log = log();
    log.arrive(1, &[0, 1, 2, 4]);
    for p in [0, 1, 3, 4] {
        let ev = volunteer(log.state(), "timekeeper", PersonId(p)).unwrap();
        log.at(2, ev);
    }
    // Tomás opts out of every role: refused as a volunteer, never drawn.
    let ev = opt_out(log.state(), None, PersonId(4)).unwrap();
    log.at(3, ev);
    assert!(volunteer(log.state(), "note-taker", PersonId(4)).is_err());
    // 美玲 volunteered but is not here.
    let among = pool(log.state(), "timekeeper", Among::Volunteers);
    assert_eq!(names_of(&log, &among), ["Ana", "Kim"]);
    assert_eq!(
        names_of(&log, &pool(log.state(), "timekeeper", Among::EveryoneHere)),
        ["Ana", "Kim", "Bo"]
    );
    let mut drawn = Vec::new();
    for seed in 0..40 {
        let mut trial = log.clone();
        let ev = draw(trial.state(), "timekeeper", Among::Volunteers, seed).unwrap();
        trial.at(10, ev);
        let holder = trial.state().roles.holders("timekeeper");
        assert_eq!(holder.len(), 1);
        assert!(among.contains(&holder[0]), "seed {seed}: {holder:?}");
        assert_eq!(
            trial.replayed().roles,
            trial.state().roles,
            "replays exactly"
        );
        drawn.push(holder[0]);
    }
    assert!(drawn.contains(&PersonId(0)) && drawn.contains(&PersonId(1)));
    // The same seed draws the same person.
    let ev = draw(log.state(), "timekeeper", Among::Volunteers, 7).unwrap();
    let again = draw(log.state(), "timekeeper", Among::Volunteers, 7).unwrap();
    assert_eq!(ev, again);
    log.at(11, ev);
    let d = &log.state().roles.draws()[0];
    assert!(d.drawn.is_some() && log.state().roles.holdings()[0].drawn);
    // Nobody volunteered for note-taker: refused, unless among everyone.
    let e = draw(log.state(), "note-taker", Among::Volunteers, 1).unwrap_err();
    assert!(e.0.contains("nobody here has volunteered"), "{e}");
    assert!(draw(log.state(), "note-taker", Among::EveryoneHere, 1).is_ok());
}

#[test]
fn suggestions_put_first_who_held_a_role_least_in_the_gathering() {
    let mut session = Session::new(log().session().plan.clone(), crate::core::fixture::t(0));
    session.gathering = Some(Carried {
        id: "tuesdays".into(),
        sessions: vec!["2026-12-01".into(), "2026-12-08".into()],
        held: vec![
            Earlier {
                role: "Timekeeper".into(),
                person: PersonId(0),
                times: 2,
                last: "2026-12-08".into(),
            },
            Earlier {
                role: "timekeeper".into(),
                person: PersonId(2),
                times: 1,
                last: "2026-12-01".into(),
            },
        ],
        ..Carried::default()
    });
    let mut log = Log::of(session);
    let top: Vec<(String, u32)> = suggest(log.state(), "timekeeper", 5)
        .into_iter()
        .map(|s| (s.name, s.held))
        .collect();
    assert_eq!(
        top,
        [
            ("Kim".to_string(), 0),
            ("美玲".into(), 0),
            ("Tomás".into(), 0),
            ("Bo".into(), 1),
            ("Ana".into(), 2)
        ]
    );
    // Kim takes it today: no longer suggested; someone busy with another
    // role comes after those who hold none.
    let ev = assign(log.state(), "timekeeper", PersonId(1), false).unwrap();
    log.at(5, ev);
    let ev = assign(log.state(), "greeter", PersonId(3), false).unwrap();
    log.at(6, ev);
    let top = suggest(log.state(), "timekeeper", 2);
    assert_eq!(top[0].name, "Tomás");
    assert_eq!(top[1].name, "美玲");
    assert_eq!(
        log.state().roles.times_held("timekeeper", PersonId(1)),
        (1, Some("today".into()))
    );
    assert_eq!(
        log.state().roles.times_held("timekeeper", PersonId(0)),
        (2, Some("2026-12-08".into()))
    );
    // The board gathers it for the People screen.
    let planned = [("timekeeper".to_string(), "Bo".to_string())].into();
    let b = board(log.state(), &log.session().plan, &planned);
    let row = b.roles.iter().find(|r| r.role == "Timekeeper").unwrap();
    assert_eq!(row.holders[0].name, "Kim");
    assert_eq!(row.planned.as_deref(), Some("Bo"));
    assert_eq!(row.suggestions.len(), board::SUGGESTIONS);
    assert_eq!(b.last_draw, None);
    // Roles named beforehand are assigned by name, once.
    let planned_events = take_planned(log.state(), &planned);
    assert_eq!(planned_events.len(), 1);
    for ev in planned_events {
        log.at(7, ev);
    }
    assert!(log.state().roles.holds("timekeeper", PersonId(2)));
    assert!(take_planned(log.state(), &planned).is_empty());
}

#[test]
fn the_harvest_names_who_held_each_role() {
    use crate::core::harvest::{Harvest, Options};
    let mut log = log();
    log.start_segment(0, 0);
    let ev = assign(log.state(), "timekeeper", PersonId(1), false).unwrap();
    log.at(5, ev);
    let ev = volunteer(log.state(), "timekeeper", PersonId(0)).unwrap();
    log.at(6, ev);
    let ev = draw(log.state(), "timekeeper", Among::Volunteers, 3).unwrap();
    log.at(7, ev);
    let h = Harvest::build(log.session(), log.state(), &Options::default(), None);
    assert_eq!(h.roles.len(), 2);
    assert_eq!(h.roles[0].during.as_deref(), Some("S0"));
    let md = h.to_markdown();
    assert!(
        md.contains("## Roles\n\n- timekeeper: Kim, then Ana (drawn by lot)\n"),
        "{md}"
    );
    let anonymous = Harvest::build(
        log.session(),
        log.state(),
        &Options {
            anonymize: true,
            ..Options::default()
        },
        None,
    );
    assert!(!anonymous.to_markdown().contains("Kim"));
}
