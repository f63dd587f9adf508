//! Consensus: a block stops adoption and sends the group back to amend;
//! stand-asides above the plan's number are flagged.

use super::*;
use crate::core::decision::rules::Method;
use crate::core::decision::verdict::{Short, Stop, Verdict};

fn consensus(max: Option<u32>) -> Room {
    room(&NAMES, |s| {
        s.method = Some(Method::Consensus);
        s.stand_asides_max = max;
    })
}

#[test]
fn a_block_stops_adoption_and_an_amended_version_is_adopted() {
    let mut r = consensus(None);
    r.propose("Open 10:00-22:00 from June to August.")
        .phase(Phase::Test)
        .all(0, 5, Stance::Agree)
        .give(5, Stance::Block, "Nobody asked the cleaners.");
    let b = r.board();
    assert_eq!(b.verdict, Verdict::Stopped(Stop::Blocks(1)));
    assert_eq!(b.outcomes, [Outcome::Blocked, Outcome::SentBack]);
    let refused = r.decide(Outcome::Adopted).unwrap_err();
    assert!(refused.0.contains("1 block stops adoption"), "{refused}");

    // Back to amendments: a new version, every earlier one kept.
    let back = actions::send_back(r.log.state(), DECISION, Phase::Amendments).unwrap();
    r.log(back);
    assert_eq!(r.board().phase, Phase::Amendments);
    assert_eq!(r.board().failed_tests, 1);
    r.amend("Open 10:00-22:00 from June to August; the cleaners choose their hours.")
        .phase(Phase::Test);
    let b = r.board();
    assert_eq!(
        b.test.as_ref().map(|t| (t.number, t.version)),
        Some((2, Some(2)))
    );
    assert_eq!(
        b.tally.no_position, 6,
        "a new test starts with no positions"
    );
    assert_eq!(b.verdict, Verdict::Waiting);

    r.all(0, 6, Stance::Agree);
    assert_eq!(r.board().outcomes, [Outcome::Adopted, Outcome::SentBack]);
    r.decide(Outcome::Adopted).unwrap();
    let b = r.board();
    assert_eq!(b.phase, Phase::Outcome);
    let rec = b.decided.expect("recorded");
    assert_eq!(rec.outcome, Outcome::Adopted);
    assert_eq!(rec.earlier, ["Open 10:00-22:00 from June to August."]);
    assert!(rec.text.ends_with("the cleaners choose their hours."));
    assert_eq!(rec.tests, 2);
    let block = rec
        .words
        .iter()
        .find(|w| w.stance == Stance::Block)
        .unwrap();
    assert_eq!((block.test, block.person), (1, Some(PersonId(5))));
    assert_eq!(block.text, "Nobody asked the cleaners.");
    r.replays();
}

#[test]
fn stand_asides_are_adopted_with_and_flagged_above_the_plans_number() {
    let mut r = consensus(Some(1));
    r.propose("Buy a second fridge.")
        .phase(Phase::Test)
        .all(0, 3, Stance::Agree)
        .give(3, Stance::Concern, "The electricity bill.")
        .give(4, Stance::StandAside, "I won't use it.")
        .give(5, Stance::StandAside, "");
    let b = r.board();
    assert_eq!(b.verdict, Verdict::Carries { stand_asides: 2 });
    assert_eq!(b.outcomes[0], Outcome::AdoptedWithStandAsides);
    assert!(
        b.flags
            .contains(&"2 stand-asides: the group may want to revisit.".to_string()),
        "{:?}",
        b.flags
    );
    assert!(
        b.flags
            .iter()
            .any(|f| f.starts_with("1 concern, reason or objection without its words"))
    );
    assert!(
        r.decide(Outcome::Adopted).is_err(),
        "stand-asides are recorded as such"
    );
    r.decide(Outcome::AdoptedWithStandAsides).unwrap();
    let note = r.log.state().notes.all().last().unwrap().clone();
    assert_eq!(
        note.text,
        "Adopted with stand-asides (consensus): Buy a second fridge.\n\
         Count: 3 agree, 1 agree with a concern, 2 stand aside; 6 here."
    );
    assert_eq!(note.segment, Some(DECISION));
    for name in NAMES {
        assert!(!note.text.contains(name), "names stay in the circle");
    }
}

#[test]
fn only_stand_asides_do_not_carry_and_passing_counts_against_nobody() {
    let mut r = consensus(None);
    r.propose("Paint the hall orange.")
        .phase(Phase::Test)
        .all(0, 2, Stance::StandAside);
    assert_eq!(r.board().verdict, Verdict::Short(Short::NoAgreement));
    assert_eq!(r.board().outcomes, [Outcome::SentBack]);
    r.give(2, Stance::Agree, "").all(3, 6, Stance::Pass);
    let b = r.board();
    assert_eq!(b.verdict, Verdict::Carries { stand_asides: 2 });
    assert_eq!((b.tally.no_position, b.tally.passed), (3, 3));
}

#[test]
fn positions_a_method_does_not_have_are_refused_and_ignored() {
    let mut r = consensus(None);
    r.propose("Meet on Mondays.").phase(Phase::Test);
    let fingers = Given::new(PersonId(0), Stance::Fingers(3));
    assert!(r.try_give(fingers).is_err());
    // Written into the log anyway (a hand-edited file), it changes nothing.
    r.log(Event::Decision(super::super::DecisionEvent::Position {
        segment: DECISION,
        person: PersonId(0),
        stance: Stance::Fingers(3),
        text: String::new(),
        indicative: None,
        group: None,
    }));
    assert_eq!(r.board().tally.taken(), 0);
    r.replays();
}
