use jiff::SignedDuration;

use super::*;
use crate::core::event::{Event, Scope};
use crate::core::fixture::{Log, plan, t};
use crate::core::person::PeopleEvent;
use crate::core::plan::SegmentKind;
use crate::core::run::Stage;

fn secs(s: i64) -> SignedDuration {
    SignedDuration::from_secs(s)
}

fn ev(e: RoundEvent) -> Event {
    Event::Round(e)
}

fn start(first: u32, direction: Direction) -> Event {
    ev(RoundEvent::Start {
        first: PersonId(first),
        direction,
    })
}

fn ids(v: &[u32]) -> Vec<PersonId> {
    v.iter().map(|i| PersonId(*i)).collect()
}

fn round(log: &Log) -> &Round {
    log.state().rounds.current().expect("a round in progress")
}

/// 24 people, one absent, three passing: the round comes back to the
/// passers at the end, a second pass is final, and every spoken time is
/// exactly what the clock saw.
#[test]
fn twenty_four_people_with_passes_and_an_absence() {
    let names: Vec<String> = (0..24).map(|i| format!("P{i}")).collect();
    let names: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
    let mut log = Log::new(plan(&names, &[SegmentKind::CheckIn], Some(90)));
    log.start_segment(0, 0)
        .at(0, start(0, Direction::Clockwise));
    log.at(
        1,
        ev(RoundEvent::Absent {
            person: PersonId(10),
            absent: true,
        }),
    );
    // Person 3 takes the piece and then passes; 7 and 20 pass at once.
    // On the way back 3 passes again, 7 and 20 speak.
    let mut now = 10;
    let mut heard = Vec::new();
    let mut first_pass_done = Vec::new();
    while let Some(p) = round(&log).up_next() {
        heard.push(p.0);
        let again = first_pass_done.contains(&p.0);
        assert_eq!(round(&log).second_pass(), again);
        match (p.0, again) {
            (3, false) => {
                log.at(now, ev(RoundEvent::Next));
                now += 10;
                log.at(now, ev(RoundEvent::Pass));
                first_pass_done.push(3);
            }
            (3, true) | (7 | 20, false) => {
                log.at(now, ev(RoundEvent::Pass));
                first_pass_done.push(p.0);
            }
            _ => {
                log.at(now, ev(RoundEvent::Next));
                assert_eq!(round(&log).speaker(), Some(p));
                now += 30 + p.0 as i64;
                log.at(now, ev(RoundEvent::EndTurn));
                now += 5;
            }
        }
        assert!(heard.len() < 40, "the round must end");
    }
    let mut expected: Vec<u32> = (0..24).filter(|i| *i != 10).collect();
    expected.extend([3, 7, 20]);
    assert_eq!(heard, expected);
    let r = round(&log);
    assert!(r.is_complete());
    let result = r.result(t(now + 999));
    assert_eq!(result.passed, ids(&[3]));
    assert_eq!(result.absent, ids(&[10]));
    assert!(result.waiting.is_empty());
    assert_eq!(result.spoke.len(), 22);
    for (p, d) in &result.spoke {
        assert_eq!(*d, secs(30 + p.0 as i64), "{p:?}");
    }
    assert_eq!(
        r.standing(PersonId(3), t(now)),
        Some(Standing::Passed { last: true })
    );
    log.at(now, ev(RoundEvent::End));
    assert!(log.state().rounds.current().is_none());
    let done = log.state().rounds.latest_in(SegmentId(0)).unwrap();
    assert_eq!(
        done.result(t(now + 5000)),
        result,
        "an ended round stays put"
    );
}

#[test]
fn counter_clockwise_from_the_first_speaker() {
    let people = People::new(&crate::core::person::roster_from_names(&[
        "A", "B", "C", "D", "E",
    ]));
    assert_eq!(
        speaking_order(&people, PersonId(2), Direction::Clockwise),
        ids(&[2, 3, 4, 0, 1])
    );
    assert_eq!(
        speaking_order(&people, PersonId(2), Direction::CounterClockwise),
        ids(&[2, 1, 0, 4, 3])
    );
}

#[test]
fn only_arrived_people_go_around_but_the_chosen_first_always_does() {
    let mut log = Log::new(plan(
        &["A", "B", "C", "D", "E"],
        &[SegmentKind::Round],
        None,
    ));
    for id in [0, 3, 4] {
        log.at(
            0,
            Event::People(PeopleEvent::Arrived {
                id: PersonId(id),
                arrived: true,
            }),
        );
    }
    log.at(1, start(3, Direction::CounterClockwise));
    assert_eq!(round(&log).order(), ids(&[3, 0, 4]));
    log.at(2, start(2, Direction::Clockwise));
    assert_eq!(round(&log).order(), ids(&[2, 3, 4, 0]));
    assert_eq!(
        log.state().rounds.all().len(),
        2,
        "a new round ends the old"
    );
    assert!(log.state().rounds.all()[0].is_over());
}

#[test]
fn random_start_is_deterministic_and_picks_among_the_present() {
    let mut people = People::new(&crate::core::person::roster_from_names(&[
        "A", "B", "C", "D", "E",
    ]));
    let picks: Vec<PersonId> = (0..200)
        .map(|seed| random_start(&people, seed).unwrap())
        .collect();
    let again: Vec<PersonId> = (0..200)
        .map(|seed| random_start(&people, seed).unwrap())
        .collect();
    assert_eq!(picks, again);
    for id in 0..5 {
        assert!(picks.contains(&PersonId(id)), "every seat can begin");
    }
    for id in [1, 4] {
        people.apply(
            t(0),
            &PeopleEvent::Arrived {
                id: PersonId(id),
                arrived: true,
            },
        );
    }
    for seed in 0..50 {
        let p = random_start(&people, seed).unwrap();
        assert!(p == PersonId(1) || p == PersonId(4));
    }
    assert_eq!(random_start(&People::default(), 7), None);
}

#[test]
fn turn_clock_uses_the_per_speaker_box_and_resumes_exactly() {
    let mut log = Log::new(plan(&["A", "B", "C"], &[SegmentKind::CheckIn], Some(90)));
    log.start_segment(0, 0)
        .at(0, start(1, Direction::Clockwise))
        .at(5, ev(RoundEvent::Next))
        .at(65, ev(RoundEvent::Next));
    let (run, plan) = (&log.state().run, &log.session().plan);
    let clock = round(&log).speaking().unwrap().clock(run, plan, t(130));
    assert_eq!(clock.person, PersonId(2));
    assert_eq!(clock.elapsed, secs(65));
    assert_eq!(clock.stage(), Stage::Last);
    assert_eq!(
        round(&log).standing(PersonId(1), t(130)),
        Some(Standing::Done(secs(60)))
    );
    // A restart mid-turn: the same speaker, the same clock.
    let back = log.replayed();
    assert_eq!(&back, log.state());
    let r = back.rounds.current().unwrap();
    assert_eq!(r.speaker(), Some(PersonId(2)));
    assert_eq!(r.speaking().unwrap().clock(&back.run, plan, t(130)), clock);
    assert_eq!(r.up_next(), Some(PersonId(0)));
}

#[test]
fn absence_skips_and_comes_back_and_undo_takes_back_a_pass() {
    let mut log = Log::new(plan(&["A", "B", "C"], &[SegmentKind::Round], None));
    log.at(0, start(0, Direction::Clockwise))
        .at(1, ev(RoundEvent::Next));
    // Marking the speaker absent takes their turn back.
    log.at(
        2,
        ev(RoundEvent::Absent {
            person: PersonId(0),
            absent: true,
        }),
    );
    assert_eq!(round(&log).speaker(), None);
    assert_eq!(round(&log).up_next(), Some(PersonId(1)));
    log.at(3, ev(RoundEvent::Pass));
    assert_eq!(round(&log).up_next(), Some(PersonId(2)));
    log.at(4, Event::Undo(Scope::Round));
    assert_eq!(
        round(&log).standing(PersonId(1), t(4)),
        Some(Standing::Waiting)
    );
    log.at(
        5,
        ev(RoundEvent::Absent {
            person: PersonId(0),
            absent: false,
        }),
    );
    assert_eq!(round(&log).up_next(), Some(PersonId(0)));
    // Ending the round ends the running turn with its time.
    log.at(10, ev(RoundEvent::Next)).at(25, ev(RoundEvent::End));
    let r = &log.state().rounds.all()[0];
    assert_eq!(r.result(t(99)).spoke, [(PersonId(0), secs(15))]);
    assert_eq!(r.result(t(99)).waiting, ids(&[1, 2]));
    // Turn events with no round in progress change nothing.
    let before = log.state().clone();
    log.at(30, ev(RoundEvent::Next));
    assert_eq!(log.state(), &before);
}

#[test]
fn a_round_belongs_to_the_segment_that_is_on() {
    let kinds = [SegmentKind::CheckIn, SegmentKind::ClosingRound];
    let mut log = Log::new(plan(&["A", "B"], &kinds, None));
    log.start_segment(0, 1)
        .at(0, start(0, Direction::Clockwise));
    assert_eq!(round(&log).segment, Some(SegmentId(1)));
    assert!(log.state().rounds.latest_in(SegmentId(0)).is_none());
    assert!(!round(&log).second_pass());
}
