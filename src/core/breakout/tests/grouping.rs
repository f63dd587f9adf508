use super::*;
use crate::core::breakout::actions;
use crate::core::breakout::board::Board;
use crate::core::breakout::plan::{GroupCount, GroupPlan, Split};
use crate::core::fixture::t;
use crate::core::guide::GuideEvent;
use crate::core::guide::icebreaker::CREW_SIZE;
use jiff::SignedDuration;

fn count(n: u32) -> Option<Split> {
    Some(Split::Count(GroupCount::try_from(n).unwrap()))
}

fn planned(names: &[&str]) -> Vec<GroupPlan> {
    names
        .iter()
        .map(|n| GroupPlan {
            name: n.to_string(),
            question: None,
            place: None,
        })
        .collect()
}

fn form(log: &mut Log, at: i64) {
    let ev = actions::form(log.state(), BREAKOUT, t(at)).unwrap();
    log.at(at, ev);
}

#[test]
fn forty_people_split_into_six_balanced_groups() {
    let mut log = room(40, |s| s.split = count(6));
    log.start_segment(10, 1);
    form(&mut log, 20);
    let mut all: Vec<PersonId> = Vec::new();
    let b = log.state().breakouts.get(BREAKOUT).unwrap();
    for g in &b.groups {
        all.extend(&g.people);
    }
    all.sort();
    assert_eq!(all, (0..40).map(PersonId).collect::<Vec<_>>());
    let mut s = sizes(&log);
    s.sort();
    assert_eq!(s, [6, 6, 7, 7, 7, 7]);
    let names: Vec<&str> = b.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Group 1", "Group 2", "Group 3", "Group 4", "Group 5", "Group 6"
        ]
    );
    assert_eq!(log.state(), &log.replayed(), "the split replays exactly");
}

#[test]
fn crews_are_kept_and_newcomers_join_the_smallest() {
    let mut log = room(11, |s| s.split = Some(Split::Crews));
    // Crews formed on an earlier day (by the icebreaker guide): 4, 3, 3.
    let crews = vec![
        vec![PersonId(0), PersonId(1), PersonId(2), PersonId(3)],
        vec![PersonId(4), PersonId(5), PersonId(6)],
        vec![PersonId(7), PersonId(8), PersonId(9)],
    ];
    log.at(
        5,
        Event::Guide(GuideEvent::GroupsFormed {
            segment: SegmentId(0),
            step: 0,
            groups: crews.clone(),
            crews: true,
        }),
    );
    log.start_segment(10, 1);
    form(&mut log, 20);
    let b = log.state().breakouts.get(BREAKOUT).unwrap();
    for (crew, g) in crews.iter().zip(&b.groups) {
        assert!(
            crew.iter().all(|p| g.people.contains(p)),
            "{crew:?} in {g:?}"
        );
    }
    // P10 was in no crew: the smallest (crew 2, the first of two threes).
    assert!(b.groups[1].people.contains(&PersonId(10)));
    assert_eq!(b.groups[0].name, "Crew 1");
}

#[test]
fn without_crews_crews_of_about_five_are_formed_and_carry_to_the_next_breakout() {
    let mut log = room(20, |_| {});
    log.start_segment(10, 1);
    form(&mut log, 20);
    assert_eq!(sizes(&log).len(), 20 / CREW_SIZE);
    assert!(sizes(&log).iter().all(|n| *n == 5));
    // P0 changes crew; the next breakout by crews keeps the crews as left.
    let ev = actions::move_to(log.state(), BREAKOUT, PersonId(0), Some(3)).unwrap();
    log.at(30, ev);
    let first = log.state().breakouts.get(BREAKOUT).unwrap().clone();
    let insert = Event::Run(crate::core::run::RunEvent::Insert {
        at: 2,
        segment: Box::new(Segment::new(
            "Crews again",
            SegmentKind::Breakout,
            SignedDuration::from_mins(20),
        )),
    });
    log.at(40, insert);
    let again = SegmentId(5);
    log.start_segment(50, again.0);
    let ev = actions::form(log.state(), again, t(60)).unwrap();
    log.at(60, ev);
    let second = log.state().breakouts.get(again).unwrap();
    for (a, b) in first.groups.iter().zip(&second.groups) {
        assert_eq!((&a.name, &a.people), (&b.name, &b.people));
    }
}

#[test]
fn topic_sign_ups_are_kept_and_the_rest_fill_the_smallest() {
    let mut log = room(7, |s| {
        s.split = Some(Split::Topics);
        s.groups = planned(&["Kitchen", "Garden", "Money"]);
    });
    log.start_segment(10, 1);
    let sign_up = |log: &mut Log, p: u32, to: u32| {
        let ev = actions::move_to(log.state(), BREAKOUT, PersonId(p), Some(to)).unwrap();
        log.at(12, ev);
    };
    for p in 0..4 {
        sign_up(&mut log, p, 1);
    }
    sign_up(&mut log, 4, 2);
    assert_eq!(sizes(&log), [0, 4, 1]);
    let board = Board::new(log.state(), &log.session().plan, BREAKOUT, t(13)).unwrap();
    assert_eq!(board.unplaced.len(), 2);
    assert!(!board.formed);
    form(&mut log, 20);
    // P5 to the empty Kitchen, then P6 to the first of two groups of one.
    assert_eq!(sizes(&log), [2, 4, 1]);
    let b = log.state().breakouts.get(BREAKOUT).unwrap();
    assert!((0..4).all(|p| b.groups[1].people.contains(&PersonId(p))));
    assert_eq!(b.groups[0].people, [PersonId(5), PersonId(6)]);
}

#[test]
fn a_late_arrival_joins_the_smallest_group_and_replays_there() {
    let mut log = room(10, |s| s.split = count(3));
    log.at(2, arrived(9, false));
    log.start_segment(10, 1);
    form(&mut log, 20);
    assert_eq!(sizes(&log).iter().sum::<usize>(), 9);
    let smallest = log
        .state()
        .breakouts
        .get(BREAKOUT)
        .unwrap()
        .smallest()
        .unwrap();
    log.at(100, arrived(9, true));
    let b = log.state().breakouts.get(BREAKOUT).unwrap();
    assert_eq!(b.group_of(PersonId(9)), Some(smallest));
    let mut s = sizes(&log);
    s.sort();
    assert_eq!(s, [3, 3, 4]);
    // Someone who joins the roster already here is placed too.
    let newcomer = crate::core::person::Person {
        arrived: true,
        ..crate::core::person::Person::new(PersonId(10), "Zoë", 10)
    };
    log.at(110, Event::People(PeopleEvent::Joined(newcomer)));
    assert!(
        log.state()
            .breakouts
            .get(BREAKOUT)
            .unwrap()
            .group_of(PersonId(10))
            .is_some()
    );
    assert_eq!(log.state(), &log.replayed());
    // After the breakout, arrivals join no group.
    log.start_segment(200, 2);
    log.at(210, arrived(3, false)).at(211, arrived(3, true));
    assert_eq!(sizes(&log).iter().sum::<usize>(), 11);
}

#[test]
fn moving_someone_is_one_event_and_a_moved_delegate_steps_down() {
    let mut log = room(6, |s| s.split = count(2));
    log.start_segment(10, 1);
    form(&mut log, 20);
    let b = log.state().breakouts.get(BREAKOUT).unwrap();
    let p = b.groups[0].people[0];
    let ev = crate::core::breakout::delegate::name(log.state(), group(0), p).unwrap();
    log.at(30, ev);
    let before = log.session().events.len();
    let ev = actions::move_to(log.state(), BREAKOUT, p, Some(1)).unwrap();
    log.at(40, ev);
    assert_eq!(log.session().events.len(), before + 1);
    let b = log.state().breakouts.get(BREAKOUT).unwrap();
    assert_eq!(b.group_of(p), Some(1));
    assert!(b.groups[0].delegates.is_empty());
    let again = actions::move_to(log.state(), BREAKOUT, p, Some(1)).unwrap_err();
    assert_eq!(
        again.0,
        format!("{} is already in Group 2", log.state().people.name(p))
    );
    assert!(actions::move_to(log.state(), BREAKOUT, p, Some(7)).is_err());
    // An undo puts them back, delegate again.
    log.at(50, Event::Undo(crate::core::event::Scope::Breakout));
    let b = log.state().breakouts.get(BREAKOUT).unwrap();
    assert_eq!(
        (b.group_of(p), b.groups[0].delegates.clone()),
        (Some(0), vec![p])
    );
}

#[test]
fn the_board_shows_every_groups_time_left() {
    let mut log = room(8, |s| {
        s.split = count(2);
        s.time = SignedDuration::from_mins(30);
        s.report_back = Some(SignedDuration::from_mins(10));
        s.groups = vec![GroupPlan {
            name: "Kitchen".into(),
            question: Some("Who cooks?".into()),
            place: Some("Kitchen".into()),
        }];
        s.prompt = Some("What do we need?".into());
    });
    log.start_segment(0, 1);
    form(&mut log, 0);
    let ev = actions::add_time(log.state(), group(1), SignedDuration::from_mins(5)).unwrap();
    log.at(60, ev);
    let board = Board::new(log.state(), &log.session().plan, BREAKOUT, t(5 * 60)).unwrap();
    assert_eq!(board.split_line, "2 groups, shuffled");
    let left: Vec<i64> = board
        .groups
        .iter()
        .map(|g| g.clock.remaining().as_secs())
        .collect();
    // 20m of group time (30m less the 10m report-back), 5m gone.
    assert_eq!(left, [15 * 60, 20 * 60]);
    assert_eq!(board.groups[0].name, "Kitchen");
    assert_eq!(board.groups[0].question.as_deref(), Some("Who cooks?"));
    assert_eq!(
        board.groups[1].question.as_deref(),
        Some("What do we need?")
    );
    assert_eq!(board.least_time_left().unwrap().name, "Kitchen");
    assert!(
        board
            .flags
            .iter()
            .any(|f| f.starts_with("No delegate yet: Kitchen, Group 2"))
    );
    // A group back in the room leaves the countdown.
    let ev = actions::back(log.state(), group(0), true).unwrap();
    log.at(400, ev);
    let board = Board::new(log.state(), &log.session().plan, BREAKOUT, t(500)).unwrap();
    assert!(board.groups[0].back);
    assert_eq!(board.least_time_left().unwrap().name, "Group 2");
    assert!(actions::back(log.state(), group(0), true).is_err());
    // The report-back stops the groups' clocks.
    let ev = actions::begin_report_back(log.state(), BREAKOUT).unwrap();
    log.at(600, ev);
    let board = Board::new(log.state(), &log.session().plan, BREAKOUT, t(1500)).unwrap();
    assert_eq!(board.clock.elapsed.as_secs(), 600);
    assert!(board.groups.iter().all(|g| g.back));
}

#[test]
fn groups_are_formed_only_in_a_breakout_from_people_on_the_roster() {
    let log = room(4, |_| {});
    assert!(actions::form(log.state(), SegmentId(0), t(0)).is_err());
    let empty = room(0, |_| {});
    let e = actions::form(empty.state(), BREAKOUT, t(0)).unwrap_err();
    assert_eq!(e.0, "nobody is on the roster to group");
}

#[test]
fn a_group_can_be_renamed_with_its_question_and_place() {
    let mut log = room(4, |s| s.split = count(2));
    log.start_segment(10, 1);
    form(&mut log, 20);
    let ev = actions::describe(log.state(), group(0), " 美玲's table ", "Rent?", "").unwrap();
    log.at(30, ev);
    let g = &log.state().breakouts.get(BREAKOUT).unwrap().groups[0];
    assert_eq!(
        (g.name.as_str(), g.question.as_deref(), g.place.as_deref()),
        ("美玲's table", Some("Rent?"), None)
    );
    assert!(actions::describe(log.state(), group(1), "美玲's TABLE", "", "").is_err());
    assert!(actions::describe(log.state(), group(1), "  ", "", "").is_err());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Whatever the room and the count, everyone here is in exactly one
    /// group, and late arrivals keep the groups within one of each other.
    #[test]
    fn everyone_is_in_one_group_and_arrivals_keep_the_balance(
        n in 2u32..40,
        k in 2u32..9,
        late in 0u32..6,
        seed in 0i64..1000,
    ) {
        let total = n + late;
        let mut log = room(total, |s| s.split = count(k));
        for p in n..total {
            log.at(2, arrived(p, false));
        }
        log.start_segment(10, 1);
        form(&mut log, 20 + seed);
        for p in n..total {
            log.at(2000, arrived(p, true));
        }
        let b = log.state().breakouts.get(BREAKOUT).unwrap();
        let mut all: Vec<u32> = b.groups.iter().flat_map(|g| g.people.iter().map(|p| p.0)).collect();
        all.sort();
        proptest::prop_assert_eq!(all, (0..total).collect::<Vec<_>>());
        let s = sizes(&log);
        let (min, max) = (s.iter().min().unwrap(), s.iter().max().unwrap());
        proptest::prop_assert!(max - min <= 1, "{:?}", s);
        proptest::prop_assert_eq!(s.len() as u32, k.min(n));
    }
}
