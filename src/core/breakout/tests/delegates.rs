use super::*;
use crate::core::breakout::actions;
use crate::core::breakout::board::Board;
use crate::core::breakout::delegate::{self, Delegated};
use crate::core::breakout::mandate::{self, Mandate};
use crate::core::breakout::plan::{GroupPlan, Split};
use crate::core::fixture::t;

/// Six people by hand in two groups: P0-P2 in Kitchen, P3-P5 in Garden.
fn two_groups(pair: bool) -> Log {
    let mut log = room(6, |s| {
        s.split = Some(Split::ByHand);
        s.groups = ["Kitchen", "Garden"]
            .map(|n| GroupPlan {
                name: n.into(),
                question: None,
                place: None,
            })
            .to_vec();
        s.questions = vec!["Summer hours".into(), "The rent".into()];
        s.delegates = pair.then_some(2);
    });
    log.start_segment(10, 1);
    for p in 0..6 {
        let ev = actions::move_to(log.state(), BREAKOUT, PersonId(p), Some(p / 3)).unwrap();
        log.at(11, ev);
    }
    let ev = actions::form(log.state(), BREAKOUT, t(12)).unwrap();
    log.at(12, ev);
    log
}

fn name(log: &mut Log, g: u32, p: u32) {
    let ev = delegate::name(log.state(), group(g), PersonId(p)).unwrap();
    log.at(20, ev);
}

fn suggested(log: &Log, g: u32, before: &Delegated) -> Vec<u32> {
    delegate::suggest(log.state(), group(g), before)
        .iter()
        .map(|s| s.person.0)
        .collect()
}

#[test]
fn the_suggestion_is_who_delegated_least() {
    let mut log = two_groups(false);
    assert_eq!(suggested(&log, 0, &Delegated::none()), [0, 1, 2]);
    name(&mut log, 0, 0);
    // Recalled and replaced: P0 and P1 have each been a delegate once.
    let ev = delegate::recall(log.state(), group(0), PersonId(0), Some(PersonId(1))).unwrap();
    log.at(30, ev);
    let counts = log.state().breakouts.delegations();
    assert_eq!((counts[&PersonId(0)], counts[&PersonId(1)]), (1, 1));
    assert_eq!(suggested(&log, 0, &Delegated::none()), [2, 0]);
    // Earlier sessions of the gathering count too, by name.
    let mut before = Delegated::none();
    before.add(" p2 ", 3);
    assert_eq!(suggested(&log, 0, &before), [0, 2]);
    let board =
        Board::with_earlier(log.state(), &log.session().plan, BREAKOUT, t(40), &before).unwrap();
    assert_eq!(board.groups[0].suggested[1].earlier, 3);
    assert_eq!(board.groups[0].delegates[0].name, "P1");
}

#[test]
fn a_group_names_as_many_delegates_as_the_plan_asks() {
    let mut log = two_groups(false);
    let e = delegate::name(log.state(), group(0), PersonId(4)).unwrap_err();
    assert_eq!(e.0, "P4 is not in Kitchen: move them there first");
    name(&mut log, 0, 0);
    let e = delegate::name(log.state(), group(0), PersonId(1)).unwrap_err();
    assert_eq!(
        e.0,
        "Kitchen already has its delegate: recall one to name someone else"
    );
    let e = delegate::name(log.state(), group(0), PersonId(0)).unwrap_err();
    assert_eq!(e.0, "P0 is already a delegate of Kitchen");

    let mut pair = two_groups(true);
    name(&mut pair, 1, 3);
    name(&mut pair, 1, 5);
    let g = &pair.state().breakouts.get(BREAKOUT).unwrap().groups[1];
    assert_eq!(g.delegates, [PersonId(3), PersonId(5)]);
    let board = Board::new(pair.state(), &pair.session().plan, BREAKOUT, t(30)).unwrap();
    assert_eq!((board.groups[0].missing, board.groups[1].missing), (2, 0));
    assert!(
        board
            .flags
            .iter()
            .any(|f| f == "Not both delegates yet: Kitchen.")
    );
}

#[test]
fn a_recall_is_logged_and_the_replacement_takes_the_place() {
    let mut log = two_groups(true);
    name(&mut log, 0, 0);
    name(&mut log, 0, 1);
    assert!(delegate::recall(log.state(), group(0), PersonId(2), None).is_err());
    assert!(delegate::recall(log.state(), group(0), PersonId(0), Some(PersonId(1))).is_err());
    assert!(delegate::recall(log.state(), group(0), PersonId(0), Some(PersonId(4))).is_err());
    let ev = delegate::recall(log.state(), group(0), PersonId(0), Some(PersonId(2))).unwrap();
    log.at(50, ev);
    let g = &log.state().breakouts.get(BREAKOUT).unwrap().groups[0];
    assert_eq!(g.delegates, [PersonId(2), PersonId(1)]);
    assert_eq!(g.recalls.len(), 1);
    assert_eq!(
        (
            g.recalls[0].person,
            g.recalls[0].replacement,
            g.recalls[0].at
        ),
        (PersonId(0), Some(PersonId(2)), t(50))
    );
    // Recalled without a replacement: the place is open again.
    let ev = delegate::recall(log.state(), group(0), PersonId(1), None).unwrap();
    log.at(60, ev);
    let board = Board::new(log.state(), &log.session().plan, BREAKOUT, t(70)).unwrap();
    assert_eq!(board.groups[0].missing, 1);
    assert_eq!(board.groups[0].recalls, 2);
    assert_eq!(log.state(), &log.replayed());
}

#[test]
fn mandates_are_imperative_with_their_text_or_open() {
    let mut log = two_groups(false);
    let e = mandate::record(
        log.state(),
        group(0),
        "Summer hours",
        Mandate::Imperative("  ".into()),
    )
    .unwrap_err();
    assert!(e.0.starts_with("an imperative mandate carries the group's view"));
    assert!(mandate::record(log.state(), group(0), " ", Mandate::Open).is_err());
    assert!(mandate::record(log.state(), group(9), "The rent", Mandate::Open).is_err());
    let ev = mandate::record(
        log.state(),
        group(0),
        "Summer hours",
        Mandate::Imperative(" Yes, if the café closes at ten. ".into()),
    )
    .unwrap();
    log.at(30, ev);
    let ev = mandate::record(log.state(), group(0), "the RENT", Mandate::Open).unwrap();
    log.at(31, ev);
    let board = Board::new(log.state(), &log.session().plan, BREAKOUT, t(40)).unwrap();
    let m: Vec<(String, Option<Mandate>)> = board.groups[0]
        .mandates
        .iter()
        .map(|m| (m.question.clone(), m.mandate.clone()))
        .collect();
    assert_eq!(
        m,
        [
            (
                "Summer hours".to_string(),
                Some(Mandate::Imperative(
                    "Yes, if the café closes at ten.".into()
                ))
            ),
            ("The rent".to_string(), Some(Mandate::Open)),
        ]
    );
    assert!(board.groups[1].mandates.iter().all(|m| m.mandate.is_none()));
    // A later mandate on the same question replaces the earlier one.
    let ev = mandate::record(log.state(), group(0), "summer  hours", Mandate::Open).unwrap();
    log.at(32, ev);
    let g = &log.state().breakouts.get(BREAKOUT).unwrap().groups[0];
    assert_eq!(g.mandates.len(), 2);
    assert_eq!(g.mandate("Summer hours").unwrap().mandate, Mandate::Open);
    assert_eq!(Mandate::Imperative("x".into()).line(), "imperative: x");
}

#[test]
fn notes_taken_in_a_group_belong_to_it_and_keep_it_through_an_edit() {
    let mut log = two_groups(false);
    name(&mut log, 1, 4);
    let ev = actions::group_note(log.state(), group(1), "We want a rota 🧹").unwrap();
    log.at(40, ev);
    let note = log.state().notes.all().last().unwrap().clone();
    assert_eq!(note.group, Some(group(1)));
    assert_eq!(note.speaker, Some(PersonId(4)));
    assert_eq!(note.segment, Some(BREAKOUT));
    // An edit that does not name a group (an older screen) keeps it.
    let mut edited = note.clone();
    edited.text = "We want a weekly rota".into();
    edited.group = None;
    log.at(
        41,
        Event::Note(crate::core::note::NoteEvent::Edited(edited)),
    );
    assert_eq!(
        log.state().notes.get(note.id).unwrap().group,
        Some(group(1))
    );
    let board = Board::new(log.state(), &log.session().plan, BREAKOUT, t(50)).unwrap();
    assert_eq!((board.groups[0].notes, board.groups[1].notes), (0, 1));
    assert!(actions::group_note(log.state(), group(1), " ").is_err());
}
