//! Who is counted: everyone marked here, late arrivals included at once,
//! passing as no position, indicative positions apart.

use proptest::prelude::*;

use super::*;
use crate::core::decision::rules::Method;
use crate::core::decision::verdict::Verdict;
use crate::core::note::NoteKind;

fn consensus() -> Room {
    room(&NAMES, |s| s.method = Some(Method::Consensus))
}

#[test]
fn a_late_arrival_is_in_the_tally_at_once_and_flagged() {
    let mut r = consensus();
    r.log(arrived(5, false));
    r.propose("Hold a repair café in May.")
        .phase(Phase::Test)
        .all(0, 5, Stance::Agree);
    assert_eq!(r.board().tally.here, 5);
    assert!(r.board().verdict.carries());
    r.log(arrived(5, true));
    let b = r.board();
    assert_eq!((b.tally.here, b.tally.no_position), (6, 1));
    let zoe = b.rows.iter().find(|row| row.person == PersonId(5)).unwrap();
    assert!(zoe.arrived_during && zoe.stance.is_none());
    assert!(
        b.flags
            .contains(&"Arrived since the test began, not yet asked: 👩🏽‍🦱 Zoë.".to_string()),
        "{:?}",
        b.flags
    );
    r.give(5, Stance::Block, "I was not here for the reactions.");
    assert!(
        !r.board().verdict.carries(),
        "their block counts like anyone's"
    );
    assert!(!r.board().rows[5].arrived_during);
}

#[test]
fn someone_who_left_is_shown_but_not_counted() {
    let mut r = consensus();
    r.propose("Hold a repair café in May.")
        .phase(Phase::Test)
        .all(0, 5, Stance::Agree)
        .give(5, Stance::Block, "Not in May.");
    r.log(arrived(5, false));
    let b = r.board();
    assert_eq!(b.tally.here, 5);
    assert!(b.verdict.carries());
    assert_eq!(b.not_counted.len(), 1);
    assert!(
        b.flags
            .contains(&"1 position from people no longer here, not counted.".into())
    );
    let refused = r
        .try_give(Given::new(PersonId(5), Stance::Agree))
        .unwrap_err();
    assert!(refused.0.contains("not marked here"), "{refused}");
}

#[test]
fn with_nobody_marked_here_the_whole_roster_is_counted() {
    let mut r = consensus();
    for p in 0..6 {
        r.log(arrived(p, false));
    }
    r.propose("Hold a repair café in May.").phase(Phase::Test);
    let b = r.board();
    assert!(b.tally.whole_roster);
    assert_eq!(b.tally.here, 6);
    assert!(b.flags[0].starts_with("Nobody is marked here"));
}

#[test]
fn indicative_positions_are_counted_apart_and_leave_a_follow_up() {
    let mut r = consensus();
    r.propose("Join the city-wide rent strike.")
        .phase(Phase::Test)
        .all(0, 4, Stance::Agree);
    let by = jiff::civil::date(2026, 12, 1);
    let given = Given::new(PersonId(4), Stance::Agree).indicative("Kitchen crew", Some(by));
    let e = r.try_give(given).unwrap();
    r.log(e);
    assert!(
        r.try_give(Given::new(PersonId(5), Stance::Agree).indicative(" ", None))
            .is_err()
    );
    let b = r.board();
    assert_eq!(b.tally.of(Stance::Agree), 4);
    assert_eq!(b.tally.indicative, [(Stance::Agree, 1)]);
    assert_eq!(b.tally.no_position, 1);
    assert_eq!(b.tally.total(), 6);
    assert!(
        b.tally
            .summary()
            .ends_with("indicative, to be ratified: 1 agree")
    );
    r.decide(Outcome::Adopted).unwrap();
    let follow = r.log.state().notes.all().last().unwrap();
    assert_eq!(
        follow.kind,
        NoteKind::FollowUp {
            who: vec![PersonId(4)],
            with: vec![],
            by: Some(by)
        }
    );
    assert_eq!(
        follow.text,
        "Ratify with Kitchen crew: \"Join the city-wide rent strike.\" (an indicative position was given)"
    );
    let rec = r.board().decided.unwrap();
    assert_eq!(rec.awaiting[0].group, "Kitchen crew");
}

#[test]
fn counts_only_tally_hands_and_say_when_there_are_too_many() {
    let mut r = room(&NAMES, |s| {
        s.method = Some(Method::Consensus);
        s.anonymous = true;
    });
    r.propose("Hold a repair café in May.").phase(Phase::Test);
    let count = |r: &mut Room, stance, n| {
        let e = actions::count(
            r.log.state(),
            &r.log.session().plan,
            DECISION,
            stance,
            n,
            r.at(),
        )
        .unwrap();
        r.log(e);
    };
    count(&mut r, Stance::Agree, 4);
    count(&mut r, Stance::StandAside, 1);
    r.log(actions::remark(DECISION, Stance::StandAside, "Not my thing.").unwrap());
    let b = r.board();
    assert_eq!(
        b.tally.of(Stance::StandAside),
        1,
        "the reason is the counted hand's"
    );
    assert_eq!(b.tally.no_position, 1);
    assert_eq!(b.verdict, Verdict::Carries { stand_asides: 1 });
    assert!(
        b.rule_lines
            .last()
            .unwrap()
            .ends_with("Counts only, no names.")
    );
    count(&mut r, Stance::Agree, 7);
    let b = r.board();
    assert_eq!((b.tally.over, b.tally.no_position), (2, 0));
    assert!(
        b.flags
            .contains(&"8 hands counted but 6 here: count again.".to_string())
    );
}

/// One thing that can happen while a test is on.
#[derive(Debug, Clone)]
enum Step {
    Give(u32, u8),
    Arrive(u32, bool),
    Join,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0u32..8, 0u8..5).prop_map(|(p, s)| Step::Give(p, s)),
        2 => (0u32..8, any::<bool>()).prop_map(|(p, h)| Step::Arrive(p, h)),
        1 => Just(Step::Join),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever happens, with names the tally is exactly the people here:
    /// positions + indicative + no position, no more, no fewer.
    #[test]
    fn a_tally_always_equals_the_people_here(steps in prop::collection::vec(step(), 0..40)) {
        let mut r = consensus();
        r.propose("Anything.").phase(Phase::Test);
        let stances = Method::Consensus.stances();
        let mut joined = 0u32;
        for s in steps {
            match s {
                Step::Give(p, k) => {
                    let mut given = Given::new(PersonId(p), stances[usize::from(k)]);
                    if p % 3 == 0 {
                        given = given.indicative("Crew", None);
                    }
                    if let Ok(e) = r.try_give(given) {
                        r.log(e);
                    }
                }
                Step::Arrive(p, here) => {
                    r.log(arrived(p, here));
                }
                Step::Join => {
                    let id = r.log.state().people.next_id();
                    let seat = r.log.state().people.next_seat();
                    let mut p = crate::core::person::Person::new(id, format!("New {joined}"), seat);
                    p.arrived = true;
                    joined += 1;
                    r.log(Event::People(PeopleEvent::Joined(p)));
                    r.log(arrived(id.0, true));
                }
            }
            let b = r.board();
            let here = crate::core::round::present(&r.log.state().people).len() as u32;
            prop_assert_eq!(b.tally.here, here);
            prop_assert_eq!(b.tally.total(), here);
            prop_assert_eq!(b.tally.over, 0);
            prop_assert_eq!(b.rows.len() as u32, here);
        }
        r.replays();
    }
}
