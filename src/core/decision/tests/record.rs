//! The record: kept as a Decision note, undone as one, replayed exactly,
//! brought from a parked note, read back from the session file.

use super::*;
use crate::core::decision::rules::Method;
use crate::core::event::Scope;
use crate::core::note::{Note, NoteEvent, NoteId, NoteKind};

#[test]
fn a_parked_note_becomes_the_proposal_and_is_taken_up() {
    let mut r = room(&NAMES, |s| s.method = Some(Method::Consensus));
    let parked = Note::new(
        NoteId(0),
        NoteKind::ParkingLot { moved_to: None },
        "A bike rack by the door",
        None,
    );
    r.log(Event::Note(NoteEvent::Added(parked)));
    let b = r.board();
    assert_eq!(b.parked.len(), 1);
    let events = actions::bring_parked(r.log.state(), DECISION, NoteId(0), None).unwrap();
    for e in events {
        r.log(e);
    }
    let b = r.board();
    let proposal = b.proposal.unwrap();
    assert_eq!(proposal.text, "A bike rack by the door");
    assert_eq!(proposal.from_note, Some(NoteId(0)));
    assert_eq!(
        r.log.state().notes.get(NoteId(0)).unwrap().kind,
        NoteKind::ParkingLot {
            moved_to: Some(DECISION)
        }
    );
    assert_eq!(
        b.parked.len(),
        1,
        "still listed here, where it was taken up"
    );
}

#[test]
fn undo_takes_back_the_outcome_with_its_note_then_a_position() {
    let mut r = room(&NAMES, |s| s.method = Some(Method::Consensus));
    r.propose("Meet on the first Monday.")
        .phase(Phase::Test)
        .all(0, 6, Stance::Agree);
    let notes_before = r.log.state().notes.len();
    r.decide(Outcome::Adopted).unwrap();
    assert_eq!(r.log.state().notes.len(), notes_before + 1);
    r.replays();
    r.log(Event::Undo(Scope::Guide));
    assert_eq!(
        r.log.state().notes.len(),
        notes_before,
        "the note goes with it"
    );
    let b = r.board();
    assert!(b.decided.is_none());
    assert_eq!(b.phase, Phase::Test);
    assert_eq!(b.tally.of(Stance::Agree), 6);
    r.log(Event::Undo(Scope::Decision));
    assert_eq!(r.board().tally.of(Stance::Agree), 5);
    // A notes undo never reaches a decision.
    r.log(Event::Undo(Scope::Notes));
    assert_eq!(r.board().tally.of(Stance::Agree), 5);
    r.replays();
}

#[test]
fn the_phases_keep_their_own_clocks() {
    let mut r = room(&NAMES, |s| s.method = Some(Method::Consensus));
    assert_eq!(r.board().phase, Phase::Proposal);
    let next = actions::step(r.log.state(), DECISION, true).unwrap();
    r.log(next);
    let b = r.board();
    assert_eq!(b.phase, Phase::Questions);
    assert_eq!(b.clock.elapsed, jiff::SignedDuration::ZERO);
    assert_eq!(b.hint, Some("questions on the stack (4) or in a round (3)"));
    r.tick();
    assert_eq!(r.board().clock.elapsed.as_secs(), 5);
    // 30 minutes: questions get 2 of 11 shares.
    assert_eq!(r.board().clock.time_box.as_secs(), 5 * 60);
    let back = actions::step(r.log.state(), DECISION, false).unwrap();
    r.log(back);
    assert_eq!(r.board().phase, Phase::Proposal);
    assert!(actions::step(r.log.state(), DECISION, false).is_none());
    assert!(actions::go_to(DECISION, Phase::Fallback).is_err());
}

#[test]
fn a_session_with_a_decision_reads_back_the_same() {
    let mut r = room(&NAMES, |s| s.method = Some(Method::Consensus));
    r.propose("Meet on the first Monday.")
        .phase(Phase::Test)
        .all(0, 5, Stance::Agree)
        .give(5, Stance::StandAside, "Mondays are hard, but go ahead.");
    r.decide(Outcome::AdoptedWithStandAsides).unwrap();
    let text = crate::store::text::session_to_string(r.log.session()).unwrap();
    let path = std::path::Path::new("s.ron");
    let back = match crate::store::text::session_from_str(path, &text).unwrap() {
        crate::store::text::Loaded::Current(s) => s,
        other => panic!("{other:?}"),
    };
    assert_eq!(&back, r.log.session());
    assert_eq!(crate::core::state::State::replay(&back), *r.log.state());
}

#[test]
fn outcomes_need_a_proposal_and_sending_back_is_always_possible() {
    let mut r = room(&NAMES, |s| s.method = Some(Method::Consensus));
    assert_eq!(r.board().outcomes, [Outcome::SentBack]);
    assert!(actions::send_back(r.log.state(), DECISION, Phase::Amendments).is_err());
    assert!(actions::propose(DECISION, "  ", None).is_err());
    assert!(actions::amend(r.log.state(), DECISION, "x", None).is_err());
    r.decide(Outcome::SentBack).unwrap();
    let note = r.log.state().notes.all().last().unwrap();
    assert_eq!(
        note.text,
        "Sent back (consensus)\nCount: 6 no position; 6 here."
    );
}
