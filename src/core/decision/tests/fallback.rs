//! The fallback agreed beforehand: offered only after the set tests, counted
//! over who is here, with the quorum.

use super::*;
use crate::core::decision::rules::{Fallback, Method, Share};
use crate::core::decision::verdict::{Offer, Short, Verdict};

fn with_fallback(quorum: Option<u32>) -> Room {
    room(&NAMES, |s| {
        s.method = Some(Method::Consensus);
        s.fallback = Some(Fallback::Majority(Share::AtLeast { num: 2, den: 3 }));
        s.after_rounds = Some(2);
        s.quorum = quorum;
    })
}

fn open_fallback(r: &Room) -> Result<Event, crate::core::decision::record::Refused> {
    actions::open_fallback(r.log.state(), &r.log.session().plan, DECISION, r.at())
}

/// Two tests blocked by the last person, then the fallback vote opens.
fn two_blocked_tests(r: &mut Room) {
    r.propose("Move the assembly to Thursdays.")
        .phase(Phase::Test)
        .all(0, 5, Stance::Agree)
        .give(5, Stance::Block, "I work Thursdays.");
    assert_eq!(r.board().offer, Offer::After(1));
    let refused = open_fallback(r).unwrap_err();
    assert!(refused.0.contains("after 1 more test"), "{refused}");
    let back = actions::send_back(r.log.state(), DECISION, Phase::Amendments).unwrap();
    r.log(back)
        .amend("Move the assembly to Thursdays from March.")
        .phase(Phase::Test);
    assert_eq!(
        r.board().offer,
        Offer::After(1),
        "a new test counts once something stops it"
    );
    r.all(0, 5, Stance::Agree)
        .give(5, Stance::Block, "Still Thursdays.");
    assert_eq!(r.board().offer, Offer::Offered);
    assert!(
        r.board()
            .flags
            .iter()
            .any(|f| f.contains("may be used now"))
    );
    let open = open_fallback(r).unwrap();
    r.log(open);
}

#[test]
fn the_fallback_is_offered_only_after_the_set_tests() {
    let mut r = with_fallback(None);
    two_blocked_tests(&mut r);
    let b = r.board();
    assert_eq!((b.phase, b.offer), (Phase::Fallback, Offer::Open));
    assert_eq!(b.stances, [Stance::Yes, Stance::No, Stance::Pass]);
    assert_eq!(b.failed_tests, 2);
    assert!(
        b.script[0]
            .say
            .as_deref()
            .unwrap()
            .contains("agreed beforehand")
    );
    r.replays();
}

#[test]
fn the_fallback_counts_those_here_taking_a_side_and_records_the_count() {
    let mut r = with_fallback(Some(5));
    two_blocked_tests(&mut r);
    r.all(0, 4, Stance::Yes)
        .give(4, Stance::No, "")
        .give(5, Stance::Pass, "");
    let b = r.board();
    assert!(b.verdict.carries(), "4 of 5 taking a side is over 2/3");
    assert_eq!(b.outcomes, [Outcome::AdoptedByFallback, Outcome::SentBack]);
    r.decide(Outcome::AdoptedByFallback).unwrap();
    let rec = r.board().decided.unwrap();
    assert_eq!(
        (rec.count.of(Stance::Yes), rec.count.of(Stance::No)),
        (4, 1)
    );
    assert_eq!(rec.count.no_position, 1);
    assert_eq!(rec.earlier.len(), 1);
    let note = &r.log.state().notes.all().last().unwrap().text;
    assert!(
        note.starts_with("Adopted by fallback (a two-thirds majority): Move the assembly"),
        "{note}"
    );
    assert!(note.contains("Count: 4 yes, 1 no, 1 no position; 6 here."));
}

#[test]
fn below_the_quorum_nothing_carries_and_a_short_vote_is_not_adopted() {
    let mut r = with_fallback(Some(6));
    two_blocked_tests(&mut r);
    r.all(0, 3, Stance::Yes).all(3, 5, Stance::No);
    assert_eq!(
        r.board().verdict,
        Verdict::Short(Short::Majority {
            yes: 3,
            no: 2,
            needed: 4
        })
    );
    assert_eq!(r.board().outcomes, [Outcome::NotAdopted, Outcome::SentBack]);
    // Zoë leaves the room: five here, six needed.
    r.log(arrived(5, false));
    r.give(3, Stance::Yes, "").give(4, Stance::Yes, "");
    let b = r.board();
    assert_eq!(b.verdict, Verdict::NoQuorum { here: 5, quorum: 6 });
    assert_eq!(b.outcomes, [Outcome::SentBack]);
    assert!(r.decide(Outcome::AdoptedByFallback).is_err());
}

#[test]
fn without_a_fallback_in_the_plan_none_is_offered() {
    let mut r = room(&NAMES, |s| s.method = Some(Method::Consensus));
    r.propose("Adopt a cat.")
        .phase(Phase::Test)
        .give(0, Stance::Block, "Allergies.");
    assert_eq!(r.board().offer, Offer::None);
    assert!(open_fallback(&r).unwrap_err().0.contains("no fallback"));
    assert_eq!(r.board().offer_line(), None);
}
