use super::*;
use crate::core::event::Scope;
use crate::core::fixture::{Log, plan};
use crate::core::guide::GuideEvent;
use crate::core::note::Landed;
use crate::core::plan::SegmentKind;

const ANA: PersonId = PersonId(0);
const KIM: PersonId = PersonId(1);
const BO: PersonId = PersonId(2);
const LEE: PersonId = PersonId(3);

/// Ana, Kim, Bo and Lee; segment 0 an open floor, 1 an anti-retreat.
fn evening(edit: impl FnOnce(&mut Segment)) -> Log {
    let mut p = plan(
        &["Ana", "Kim", "Bo", "Lee"],
        &[SegmentKind::OpenFloor, SegmentKind::AntiRetreat],
        None,
    );
    edit(&mut p.segments[1]);
    Log::new(p)
}

fn arrive(log: &mut Log, at: i64, people: &[PersonId]) {
    for &id in people {
        log.at(
            at,
            Event::People(PeopleEvent::Arrived { id, arrived: true }),
        );
    }
}

fn add(log: &mut Log, at: i64, kind: NoteKind, text: &str, segment: u32, shared: bool) -> NoteId {
    let id = log.state().notes.next_id();
    let visibility = if shared {
        Visibility::Shared
    } else {
        Visibility::CircleOnly
    };
    log.at(
        at,
        Event::Note(NoteEvent::Added(Note {
            id,
            kind,
            text: text.into(),
            visibility,
            segment: Some(SegmentId(segment)),
            speaker: None,
            group: None,
        })),
    );
    id
}

/// Ana and Kim here, a note kept in the anti-retreat, and both agreed.
fn shared_by_ana_and_kim(text: &str) -> (Log, NoteId) {
    let mut log = evening(|_| {});
    arrive(&mut log, 0, &[ANA, KIM]);
    log.start_segment(10, 1);
    let note = add(&mut log, 20, NoteKind::Note, text, 1, false);
    log.at(30, agree(Subject::Note(note), vec![ANA, KIM]));
    assert!(shared(&log, note));
    (log, note)
}

fn shared(log: &Log, id: NoteId) -> bool {
    log.state().notes.get(id).unwrap().is_shared()
}

fn asked(log: &Log, subject: Subject) -> Vec<PersonId> {
    let ask = log.state().ask(subject).expect("consent is needed");
    ask.people.iter().map(|a| a.person).collect()
}

#[test]
fn a_confidential_note_needs_everyone_marked_here_when_it_was_taken() {
    let mut log = evening(|_| {});
    arrive(&mut log, 0, &[ANA, KIM, BO]);
    log.start_segment(10, 1);
    let note = add(&mut log, 20, NoteKind::Note, "We felt unheard", 1, false);
    // Lee arrives later: what was said before was not said to Lee.
    arrive(&mut log, 30, &[LEE]);
    let ask = log.state().ask(Subject::Note(note)).unwrap();
    assert_eq!(ask.basis, Basis::Everyone);
    assert_eq!(asked(&log, Subject::Note(note)), [ANA, KIM, BO]);
    assert_eq!(ask.waiting_for(), "Ana, Kim and 1 more have not agreed yet");
    // A note that names someone needs them too, here or not.
    let about = add(&mut log, 40, NoteKind::Note, "lee's part in it", 1, false);
    assert_eq!(asked(&log, Subject::Note(about)), [ANA, KIM, BO, LEE]);
}

#[test]
fn the_plan_can_ask_only_the_voices() {
    let mut log = evening(|s| {
        s.consent = Some(ConsentRule::Parties);
        s.parties = vec!["Ana".into(), "Kim".into()];
    });
    arrive(&mut log, 0, &[ANA, KIM, BO, LEE]);
    log.start_segment(10, 1);
    let note = add(
        &mut log,
        20,
        NoteKind::Note,
        "We will talk weekly",
        1,
        false,
    );
    assert_eq!(
        log.state().ask(Subject::Note(note)).unwrap().basis,
        Basis::Parties
    );
    assert_eq!(asked(&log, Subject::Note(note)), [ANA, KIM]);
    log.at(30, agree(Subject::Note(note), vec![ANA, KIM]));
    assert!(shared(&log, note));
    // A voice joins the conversation: the note waits for them too.
    log.at(
        40,
        Event::Guide(GuideEvent::Party {
            segment: SegmentId(1),
            person: BO,
            joined: true,
        }),
    );
    assert!(!shared(&log, note));
    assert_eq!(
        log.state().ask(Subject::Note(note)).unwrap().waiting_for(),
        "Bo has not agreed yet"
    );
    log.at(50, agree(Subject::Note(note), vec![BO]));
    assert!(shared(&log, note));
    assert_eq!(log.state(), &log.replayed());
}

#[test]
fn a_note_is_shared_only_once_everyone_needed_agreed() {
    let mut log = evening(|_| {});
    arrive(&mut log, 0, &[ANA, KIM, BO]);
    log.start_segment(10, 1);
    // Written as shared in a confidential segment: it stays in the circle.
    let note = add(&mut log, 20, NoteKind::Decision, "Meet weekly", 1, true);
    assert!(!shared(&log, note));
    log.at(
        21,
        Event::Note(NoteEvent::SetVisibility {
            id: note,
            visibility: Visibility::Shared,
        }),
    );
    assert!(!shared(&log, note), "a flag is not consent");
    log.at(30, agree(Subject::Note(note), vec![ANA, KIM]));
    assert!(!shared(&log, note));
    let ask = log.state().ask(Subject::Note(note)).unwrap();
    assert_eq!((ask.agreed(), ask.people.len()), (2, 3));
    assert_eq!(ask.waiting_for(), "Bo has not agreed yet");
    log.at(40, agree(Subject::Note(note), vec![BO]));
    assert!(shared(&log, note));
    let agreed = log.state().consent.agreements(Subject::Note(note));
    let times: Vec<_> = agreed.iter().map(|a| (a.person, a.at)).collect();
    assert_eq!(
        times,
        [
            (ANA, crate::core::fixture::t(30)),
            (KIM, crate::core::fixture::t(30)),
            (BO, crate::core::fixture::t(40))
        ]
    );
    assert_eq!(log.state(), &log.replayed());
}

#[test]
fn withdrawing_returns_the_note_to_the_circle() {
    let (mut log, note) = shared_by_ana_and_kim("The rota hurt");
    log.at(40, withdraw(Subject::Note(note), vec![KIM]));
    assert!(!shared(&log, note));
    assert_eq!(log.state().notes.kept_in_circle(), 1);
    // Kim agrees again later: it is shared again.
    log.at(50, agree(Subject::Note(note), vec![KIM]));
    assert!(shared(&log, note));
    // Keeping it in the circle needs no one's consent.
    log.at(
        60,
        Event::Note(NoteEvent::SetVisibility {
            id: note,
            visibility: Visibility::CircleOnly,
        }),
    );
    assert!(!shared(&log, note));
    assert_eq!(log.state(), &log.replayed());
}

#[test]
fn undo_takes_back_a_consent() {
    let (mut log, note) = shared_by_ana_and_kim("The rota hurt");
    log.at(31, Event::Undo(Scope::Notes));
    assert!(!shared(&log, note));
    assert!(
        log.state()
            .consent
            .agreements(Subject::Note(note))
            .is_empty()
    );
    log.at(32, Event::Undo(Scope::Notes));
    assert!(
        log.state().notes.get(note).is_none(),
        "then the note itself"
    );
    assert_eq!(log.state(), &log.replayed());
}

#[test]
fn rewording_a_note_voids_its_consent() {
    let (mut log, note) = shared_by_ana_and_kim("We agree to talk");
    let mut edited = log.state().notes.get(note).unwrap().clone();
    edited.kind = NoteKind::Decision;
    log.at(40, Event::Note(NoteEvent::Edited(edited.clone())));
    assert!(shared(&log, note), "a new kind keeps the words");
    edited.text = "We agree to talk, and Kim apologised".into();
    log.at(50, Event::Note(NoteEvent::Edited(edited)));
    assert!(!shared(&log, note));
    assert!(
        log.state()
            .consent
            .agreements(Subject::Note(note))
            .is_empty()
    );
}

#[test]
fn a_note_once_kept_needs_the_people_it_is_about() {
    let mut log = evening(|_| {});
    arrive(&mut log, 0, &[ANA, KIM, BO]);
    log.start_segment(10, 0);
    let plain = add(&mut log, 20, NoteKind::Note, "Soup was good", 0, true);
    assert!(shared(&log, plain));
    assert_eq!(log.state().ask(Subject::Note(plain)), None);
    let about = add(&mut log, 21, NoteKind::Note, "Kim is moving out", 0, false);
    assert_eq!(asked(&log, Subject::Note(about)), [KIM]);
    assert_eq!(
        log.state().ask(Subject::Note(about)).unwrap().basis,
        Basis::Named
    );
    // Kept, then shared by a flag: not without consent.
    for v in [Visibility::CircleOnly, Visibility::Shared] {
        log.at(
            22,
            Event::Note(NoteEvent::SetVisibility {
                id: plain,
                visibility: v,
            }),
        );
    }
    assert!(!shared(&log, plain));
    assert_eq!(asked(&log, Subject::Note(plain)), [ANA, KIM, BO]);
    log.at(30, agree(Subject::Note(about), vec![KIM]));
    assert!(shared(&log, about));
}

#[test]
fn reflections_that_name_people_start_kept_in_any_segment() {
    let mut log = evening(|_| {});
    log.start_segment(10, 0);
    let reflection = NoteKind::Reflection {
        landed: Landed::Mixed,
    };
    let naming = add(
        &mut log,
        20,
        reflection.clone(),
        "Bo's round ran long",
        0,
        true,
    );
    let plain = add(&mut log, 21, reflection, "The round ran long", 0, true);
    assert!(!shared(&log, naming));
    assert!(shared(&log, plain));
    assert_eq!(asked(&log, Subject::Note(naming)), [BO]);
    log.at(30, agree(Subject::Note(naming), vec![BO]));
    assert!(shared(&log, naming));
}

#[test]
fn a_follow_up_from_a_conflict_conversation_waits_for_its_people() {
    // Not confidential, but a conflict conversation all the same.
    let mut log = evening(|s| {
        s.confidential = Some(false);
        s.parties = vec!["Ana".into(), "Kim".into()];
    });
    log.start_segment(10, 1);
    let follow_up = NoteKind::FollowUp {
        who: vec![ANA],
        with: vec![LEE],
        by: None,
    };
    let id = add(&mut log, 20, follow_up, "A call next week", 1, true);
    let note = add(&mut log, 21, NoteKind::Note, "Tea helped", 1, true);
    assert!(shared(&log, note));
    assert!(!shared(&log, id));
    assert_eq!(asked(&log, Subject::Note(id)), [ANA, KIM, LEE]);
    log.at(30, agree(Subject::Note(id), vec![ANA, KIM, LEE]));
    assert!(shared(&log, id));
}

#[test]
fn naming_a_segment_and_a_person_are_consents_too() {
    let mut log = evening(|s| s.parties = vec!["Ana".into(), "Kim".into()]);
    arrive(&mut log, 0, &[ANA, KIM, BO]);
    assert_eq!(
        log.state().ask(Subject::TookPart),
        None,
        "nothing confidential ran"
    );
    log.start_segment(10, 1);
    arrive(&mut log, 20, &[LEE]);
    assert_eq!(log.state().ask(Subject::Segment(SegmentId(0))), None);
    assert_eq!(asked(&log, Subject::Segment(SegmentId(1))), [ANA, KIM, BO]);
    assert_eq!(log.state().people_of_confidential(), [ANA, KIM, BO]);
    log.at(30, agree(Subject::TookPart, vec![BO, LEE]));
    assert!(log.state().consent.may_name(BO));
    assert!(!log.state().consent.may_name(ANA));
    log.at(40, withdraw(Subject::TookPart, vec![BO]));
    assert!(!log.state().consent.may_name(BO));
    let ask = log.state().ask(Subject::Segment(SegmentId(1))).unwrap();
    assert_eq!(ask.here(), [ANA, KIM, BO]);
    assert!(!ask.complete());
    log.at(50, agree(Subject::Segment(SegmentId(1)), ask.here()));
    assert!(
        log.state()
            .ask(Subject::Segment(SegmentId(1)))
            .unwrap()
            .complete()
    );
    assert_eq!(log.state(), &log.replayed());
}

#[test]
fn someone_who_left_is_still_asked_by_name() {
    let mut log = evening(|_| {});
    arrive(&mut log, 0, &[ANA, KIM]);
    log.start_segment(10, 1);
    let note = add(&mut log, 20, NoteKind::Note, "We felt unheard", 1, false);
    log.at(30, Event::People(PeopleEvent::Left(KIM)));
    let ask = log.state().ask(Subject::Note(note)).unwrap();
    let kim = ask.people.iter().find(|a| a.person == KIM).unwrap();
    assert_eq!((kim.name.as_str(), kim.here), ("Kim", false));
    assert_eq!(ask.here(), [ANA]);
}

#[test]
fn a_decisions_note_follows_consent_like_any_other() {
    use crate::core::decision::DecisionEvent;
    use crate::core::decision::record::Outcome;
    let mut log = evening(|s| {
        s.kind = SegmentKind::Decision;
        s.confidential = Some(true);
    });
    log.start_segment(0, 1);
    let id = log.state().notes.next_id();
    // A record written as shared: consent keeps it in the circle.
    let note = Note {
        id,
        kind: NoteKind::Decision,
        text: "We adopt the shared calendar".into(),
        visibility: Visibility::Shared,
        segment: Some(SegmentId(1)),
        speaker: None,
        group: None,
    };
    log.at(
        10,
        Event::Decision(DecisionEvent::Decided {
            segment: SegmentId(1),
            outcome: Outcome::Adopted,
            count: Default::default(),
            review: None,
            notes: vec![note],
        }),
    );
    assert!(!shared(&log, id));
    assert_eq!(asked(&log, Subject::Note(id)), [ANA, KIM, BO, LEE]);
    log.at(20, agree(Subject::Note(id), vec![ANA, KIM, BO, LEE]));
    assert!(shared(&log, id));
    assert_eq!(log.state(), &log.replayed());
}

#[test]
fn names_on_positions_leave_only_when_everyone_who_took_one_agreed() {
    use crate::core::decision::privacy::names_may_leave;
    use crate::core::decision::stance::Stance;
    use crate::core::decision::{DecisionEvent, phase::Phase};
    let mut log = evening(|s| s.kind = SegmentKind::Decision);
    log.start_segment(0, 1);
    let seg = SegmentId(1);
    assert_eq!(
        log.state().ask(Subject::Positions(seg)),
        None,
        "no positions yet"
    );
    log.at(
        1,
        Event::Decision(DecisionEvent::Phase {
            segment: seg,
            phase: Phase::Test,
        }),
    );
    for (person, stance) in [(ANA, Stance::Agree), (BO, Stance::StandAside)] {
        log.at(
            2,
            Event::Decision(DecisionEvent::Position {
                segment: seg,
                person,
                stance,
                text: String::new(),
                indicative: None,
                group: None,
            }),
        );
    }
    assert_eq!(asked(&log, Subject::Positions(seg)), [ANA, BO]);
    assert!(!names_may_leave(log.state(), seg));
    log.at(3, agree(Subject::Positions(seg), vec![ANA]));
    assert!(!names_may_leave(log.state(), seg));
    log.at(4, agree(Subject::Positions(seg), vec![BO]));
    assert!(names_may_leave(log.state(), seg));
    log.at(5, withdraw(Subject::Positions(seg), vec![ANA]));
    assert!(!names_may_leave(log.state(), seg));
}
