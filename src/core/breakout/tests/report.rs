use super::*;
use crate::core::breakout::mandate::{self, Mandate};
use crate::core::breakout::plan::{GroupCount, GroupPlan, Split};
use crate::core::breakout::report::{GroupReport, ReportKind, build, import};
use crate::core::breakout::report_back::ReportBack;
use crate::core::breakout::{BreakoutEvent, actions, delegate};
use crate::core::decision::actions as decide;
use crate::core::decision::phase::Phase;
use crate::core::decision::record::{Outcome, decide as record};
use crate::core::decision::stance::{Given, Stance};
use crate::core::fixture::t;
use crate::core::note::{Note, NoteEvent, NoteKind, Visibility};

/// A breakout facilitator's own laptop: Crew 3 alone, by hand, then the
/// crew's own decision on the question.
fn laptop() -> Log {
    let kinds = [SegmentKind::Breakout, SegmentKind::Decision];
    let mut p = plan(&["Ana", "Kim", "Tomás"], &kinds, None);
    p.title = "Crew 3 on the lawn".into();
    p.segments[0].split = Some(Split::ByHand);
    p.segments[0].groups = vec![GroupPlan {
        name: "Crew 3".into(),
        question: Some("Summer hours".into()),
        place: Some("The lawn".into()),
    }];
    p.segments[1].title = "Summer hours".into();
    let mut log = Log::new(p);
    for i in 0..3 {
        log.at(1, arrived(i, true));
    }
    let crew = GroupRef {
        breakout: SegmentId(0),
        group: 0,
    };
    log.start_segment(10, 0);
    let ev = actions::form(log.state(), SegmentId(0), t(11)).unwrap();
    log.at(11, ev);
    let ev = delegate::name(log.state(), crew, PersonId(2)).unwrap();
    log.at(12, ev);
    for (q, m) in [
        (
            "Summer hours",
            Mandate::Imperative("Close at ten, not later".into()),
        ),
        ("The rent", Mandate::Open),
    ] {
        let ev = mandate::record(log.state(), crew, q, m).unwrap();
        log.at(13, ev);
    }
    let note = |log: &mut Log, at: i64, kind: NoteKind, text: &str, shared: bool| {
        let mut n = Note::new(log.state().notes.next_id(), kind, text, None);
        n.segment = Some(SegmentId(0));
        if !shared {
            n.visibility = Visibility::CircleOnly;
        }
        log.at(at, Event::Note(NoteEvent::Added(n)));
    };
    note(
        &mut log,
        20,
        NoteKind::Note,
        "Neighbours asked for quiet after ten",
        true,
    );
    note(
        &mut log,
        21,
        NoteKind::Action {
            owner: Some(PersonId(0)),
            due: None,
        },
        "Ask the neighbours",
        true,
    );
    note(
        &mut log,
        22,
        NoteKind::Note,
        "Kim is moving out in June",
        false,
    );
    // A shared copy of what was kept in the circle stays behind too.
    note(
        &mut log,
        23,
        NoteKind::Note,
        "kim is moving OUT in june",
        true,
    );
    // The crew decides on the question.
    log.start_segment(100, 1);
    let d = SegmentId(1);
    let ev = decide::propose(d, "Close the café at ten in summer", None).unwrap();
    log.at(101, ev);
    log.at(102, decide::go_to(d, Phase::Test).unwrap());
    for p in 0..3 {
        let plan = log.session().plan.clone();
        let ev = decide::mark(
            log.state(),
            &plan,
            d,
            Given::new(PersonId(p), Stance::Agree),
            t(103),
        )
        .unwrap();
        log.at(103, ev);
    }
    let plan = log.session().plan.clone();
    let ev = record(log.state(), &plan, d, Outcome::Adopted, t(104)).unwrap();
    log.at(104, ev);
    log
}

/// The plenary: twelve people in four groups, Group 3 renamed Crew 3, and
/// the report-back on.
fn plenary() -> Log {
    let mut log = room(12, |s| {
        s.split = Some(Split::Count(GroupCount::try_from(4).unwrap()));
        s.groups = ["Crew 1", "Crew 2", "Crew 3", "Crew 4"]
            .map(|n| GroupPlan {
                name: n.into(),
                question: None,
                place: None,
            })
            .to_vec();
    });
    // Two of the crew's people are on the plenary's roster too.
    let mut tomas = log.state().people.get(PersonId(5)).unwrap().clone();
    tomas.name = "Tomás".into();
    log.at(
        2,
        Event::People(crate::core::person::PeopleEvent::Edited(tomas)),
    );
    let mut ana = log.state().people.get(PersonId(6)).unwrap().clone();
    ana.name = "Ana".into();
    log.at(
        2,
        Event::People(crate::core::person::PeopleEvent::Edited(ana)),
    );
    log.start_segment(10, 1);
    let ev = actions::form(log.state(), BREAKOUT, t(11)).unwrap();
    log.at(11, ev);
    log.start_segment(3000, 2);
    log
}

#[test]
fn a_report_holds_the_groups_shared_notes_mandates_delegates_and_decisions() {
    let lap = laptop();
    let r = build(lap.session(), lap.state(), " crew 3 ", t(200)).unwrap();
    assert_eq!(r.format, 1);
    assert_eq!(
        (r.group.as_str(), r.session.as_str(), r.people),
        ("Crew 3", "Crew 3 on the lawn", 3)
    );
    assert_eq!(r.place.as_deref(), Some("The lawn"));
    assert_eq!(r.question.as_deref(), Some("Summer hours"));
    assert_eq!(r.delegates, ["Tomás"]);
    assert_eq!(r.mandates.len(), 2);
    let texts: Vec<&str> = r.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Neighbours asked for quiet after ten", "Ask the neighbours"]
    );
    assert!(r.notes.iter().all(|n| n.visibility == Visibility::Shared));
    assert_eq!(
        r.notes[1].kind,
        ReportKind::Action {
            owner: Some("Ana".into()),
            due: None
        }
    );
    assert_eq!(r.decisions.len(), 1);
    assert_eq!(r.decisions[0].outcome, Outcome::Adopted);
    assert_eq!(r.decisions[0].question, "Summer hours");
    assert_eq!(r.decisions[0].text, "Close the café at ten in summer");
    let e = build(lap.session(), lap.state(), "Crew 9", t(200)).unwrap_err();
    assert_eq!(e.0, "no group named 'Crew 9'; the groups are: Crew 3");
}

#[test]
fn an_imported_report_lands_as_the_groups_report_once() {
    let lap = laptop();
    let report = build(lap.session(), lap.state(), "Crew 3", t(200)).unwrap();
    // Through its text, as the file carries it.
    let text = crate::store::text::options().to_string(&report).unwrap();
    let report: GroupReport = crate::store::text::options().from_str(&text).unwrap();
    let mut log = plenary();
    let ev = import(log.state(), &report, "crew3.ron", SegmentId(2), None).unwrap();
    log.at(3100, ev);
    let crew = group(2);
    let g = log.state().breakouts.group(crew).unwrap();
    assert_eq!(g.delegates, [PersonId(5)], "Tomás, found by name");
    assert_eq!(
        g.mandate("summer hours").unwrap().mandate,
        Mandate::Imperative("Close at ten, not later".into())
    );
    assert!(g.mandate("The rent").unwrap().imported);
    let landed: Vec<&Note> = log
        .state()
        .notes
        .all()
        .filter(|n| n.group == Some(crew))
        .collect();
    assert_eq!(landed.len(), 3);
    assert!(
        landed
            .iter()
            .all(|n| n.is_shared() && n.segment == Some(SegmentId(2)))
    );
    assert_eq!(
        landed[1].kind,
        NoteKind::Action {
            owner: Some(PersonId(6)),
            due: None
        }
    );
    assert!(
        landed[2]
            .text
            .starts_with("Crew 3 on \"Summer hours\": adopted (consensus): Close")
    );
    let b = log.state().breakouts.get(BREAKOUT).unwrap();
    assert_eq!(b.imports[0].origin.file, "crew3.ron");
    assert_eq!(b.imports[0].origin.created, lap.session().created);
    let r = ReportBack::new(log.state(), &log.session().plan, SegmentId(2), t(3101)).unwrap();
    assert!(r.groups[2].heard);
    assert_eq!(
        r.groups[2].imported.as_ref().unwrap().session,
        "Crew 3 on the lawn"
    );
    assert_eq!(r.not_yet_heard, ["Crew 1", "Crew 2", "Crew 4"]);
    assert_eq!(r.groups[2].report.len(), 3);
    // The same report again is refused, and so is a later one.
    let e = import(log.state(), &report, "crew3.ron", SegmentId(2), None).unwrap_err();
    assert_eq!(
        e.0,
        "this report was already imported (from crew3.ron); undo that import to bring in another"
    );
    let mut later = report.clone();
    later.exported = t(400);
    let e = import(log.state(), &later, "crew3-again.ron", SegmentId(2), None).unwrap_err();
    assert!(e.0.starts_with("a report of Crew 3 from that session was already imported"));
    // Undone, it may come in again.
    log.at(3200, Event::Undo(crate::core::event::Scope::Breakout));
    assert_eq!(
        log.state()
            .notes
            .all()
            .filter(|n| n.group == Some(crew))
            .count(),
        0
    );
    assert!(import(log.state(), &report, "crew3.ron", SegmentId(2), None).is_ok());
    assert_eq!(log.state(), &log.replayed());
}

#[test]
fn a_report_with_a_note_kept_in_the_circle_is_refused() {
    let lap = laptop();
    let mut report = build(lap.session(), lap.state(), "Crew 3", t(200)).unwrap();
    report.notes[1].visibility = Visibility::CircleOnly;
    let log = plenary();
    let e = import(log.state(), &report, "crew3.ron", SegmentId(2), None).unwrap_err();
    assert!(
        e.0.starts_with("note 2 of the report is kept in the circle"),
        "{}",
        e.0
    );
}

#[test]
fn a_report_goes_to_the_group_of_its_name_or_the_one_chosen() {
    let lap = laptop();
    let mut report = build(lap.session(), lap.state(), "Crew 3", t(200)).unwrap();
    report.group = "The lawn people".into();
    let log = plenary();
    let e = import(log.state(), &report, "x.ron", SegmentId(2), None).unwrap_err();
    assert_eq!(
        e.0,
        "no group here is named 'The lawn people'; choose one of: Crew 1, Crew 2, Crew 3, Crew 4"
    );
    let Event::Breakout(BreakoutEvent::Imported(imp)) =
        import(log.state(), &report, "x.ron", SegmentId(2), Some(0)).unwrap()
    else {
        panic!("an import")
    };
    assert_eq!(imp.group, group(0));
    assert!(import(log.state(), &report, "x.ron", SegmentId(2), Some(7)).is_err());
    report.format = 2;
    assert!(import(log.state(), &report, "x.ron", SegmentId(2), Some(0)).is_err());
}

#[test]
fn owners_not_on_this_roster_are_kept_in_the_text() {
    let lap = laptop();
    let mut report = build(lap.session(), lap.state(), "Crew 3", t(200)).unwrap();
    report.notes[1].kind = ReportKind::Action {
        owner: Some("محمد الأحمد".into()),
        due: None,
    };
    let mut log = plenary();
    let ev = import(log.state(), &report, "x.ron", SegmentId(2), None).unwrap();
    log.at(3100, ev);
    let action = log
        .state()
        .notes
        .all()
        .find(|n| matches!(n.kind, NoteKind::Action { .. }))
        .unwrap();
    assert_eq!(action.text, "Ask the neighbours (owner: محمد الأحمد)");
}
