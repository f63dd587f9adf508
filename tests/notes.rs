//! Notes through the session log: saved and read back, undone and replayed.

use circlekeeper::core::event::{Event, Scope};
use circlekeeper::core::note::{Kind, Landed, Note, NoteEvent, NoteId, NoteKind, Visibility};
use circlekeeper::core::person::PersonId;
use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
use circlekeeper::core::run::SegmentId;
use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use circlekeeper::core::timeline::Timeline;
use circlekeeper::store::text::{Loaded, session_from_str, session_to_string};
use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};

fn session() -> Session {
    let plan = Plan {
        title: "Circle".into(),
        date: None,
        start: None,
        slot: None,
        people: None,
        roster: vec!["Ana".into(), "Kim".into()],
        goals: vec![],
        gathering: None,
        roles: vec![],
        holders: Default::default(),
        days: vec![],
        warnings: vec![],
        stack_rule: None,
        stack_scope: None,
        room_reasons: false,
        segments: vec![Segment::new(
            "Open floor",
            SegmentKind::OpenFloor,
            SignedDuration::from_mins(30),
        )],
    };
    Session::new(plan, Timestamp::UNIX_EPOCH)
}

fn note(id: u32, kind: NoteKind, text: &str) -> Note {
    Note {
        id: NoteId(id),
        kind,
        text: text.into(),
        visibility: Visibility::Shared,
        segment: Some(SegmentId(0)),
        speaker: Some(PersonId(1)),
        group: None,
    }
}

#[test]
fn every_kind_of_note_survives_a_save() {
    let mut s = session();
    let kinds = [
        NoteKind::Note,
        NoteKind::Decision,
        NoteKind::Action {
            owner: Some(PersonId(0)),
            due: Some(date(2026, 12, 1)),
        },
        Kind::Action.blank(),
        NoteKind::ParkingLot {
            moved_to: Some(SegmentId(0)),
        },
        Kind::ParkingLot.blank(),
        NoteKind::Reflection {
            landed: Landed::Missed,
        },
        NoteKind::FollowUp {
            who: vec![PersonId(0)],
            with: vec![PersonId(1)],
            by: Some(date(2026, 12, 5)),
        },
        Kind::FollowUp.blank(),
    ];
    let long = "Ein langer Absatz über die Miete.\n\n\"Quoted\", back\\slash, 集会, 🌱 ".repeat(50);
    for (i, kind) in kinds.into_iter().enumerate() {
        let mut n = note(i as u32, kind, &long);
        n.visibility = if i % 2 == 0 {
            Visibility::Shared
        } else {
            Visibility::CircleOnly
        };
        s.push(Timestamp::UNIX_EPOCH, Event::Note(NoteEvent::Added(n)));
    }
    s.push(Timestamp::UNIX_EPOCH, Event::Undo(Scope::Notes));
    let text = session_to_string(&s).unwrap();
    let Loaded::Current(back) = session_from_str(std::path::Path::new("s.ron"), &text).unwrap()
    else {
        panic!("read as an older format")
    };
    assert_eq!(back, s);
    assert_eq!(State::replay(&back).notes.len(), 8);
}

#[test]
fn a_deleted_note_comes_back_in_its_place_on_undo() {
    let mut timeline = Timeline::new(session());
    let at = Timestamp::UNIX_EPOCH;
    for (i, text) in ["first", "second", "third"].into_iter().enumerate() {
        let ev = NoteEvent::Added(note(i as u32, NoteKind::Decision, text));
        timeline.record(at, Event::Note(ev));
    }
    timeline.record(at, Event::Note(NoteEvent::Deleted(NoteId(1))));
    assert_eq!(timeline.state().notes.len(), 2);
    assert_eq!(timeline.state().notes.next_id(), NoteId(3));
    // An undo of another scope leaves the notes alone.
    timeline.record(at, Event::Undo(Scope::People));
    assert_eq!(timeline.state().notes.len(), 2);
    timeline.record(at, Event::Undo(Scope::Notes));
    let texts: Vec<&str> = timeline
        .state()
        .notes
        .all()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(texts, ["first", "second", "third"]);
    timeline.record(at, Event::Undo(Scope::Notes));
    assert_eq!(
        timeline.state().notes.len(),
        2,
        "the next undo takes back the third note"
    );
    assert_eq!(timeline.state(), &State::replay(timeline.session()));
}
