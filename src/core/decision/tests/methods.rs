//! Consent, fist to five and gradients of agreement, each by its rule.

use super::*;
use crate::core::decision::Who;
use crate::core::decision::rules::{FistToFive, Method};
use crate::core::decision::stance::Settled;
use crate::core::decision::verdict::{Short, Stop, Verdict};

#[test]
fn consent_works_each_objection_until_it_is_resolved() {
    let mut r = room(&NAMES, |s| s.method = Some(Method::Consent));
    r.propose("Try a shared tool shelf for three months.")
        .phase(Phase::Test)
        .all(0, 5, Stance::Consent)
        .give(5, Stance::Objection, "Tools will walk off.");
    assert_eq!(r.board().verdict, Verdict::Stopped(Stop::Objections(1)));
    assert_eq!(r.board().outcomes, [Outcome::Blocked, Outcome::SentBack]);
    r.amend("Try a shared tool shelf for three months, with a sign-out sheet.");
    r.log(actions::settle(
        DECISION,
        Who::Person(PersonId(5)),
        Settled::Resolved("a sign-out sheet".into()),
    ));
    let b = r.board();
    assert_eq!(b.verdict, Verdict::Carries { stand_asides: 0 });
    assert!(
        b.flags
            .iter()
            .any(|f| f.starts_with("Set a date to review it"))
    );
    let review = jiff::civil::date(2026, 9, 1);
    r.log(actions::review(DECISION, Some(review)));
    assert!(!r.board().flags.iter().any(|f| f.starts_with("Set a date")));
    r.decide(Outcome::Adopted).unwrap();
    let rec = r.board().decided.unwrap();
    assert_eq!(rec.review, Some(review));
    assert!(rec.text.ends_with("sign-out sheet."));
    let objection = &rec.words[0];
    assert_eq!(
        objection.settled,
        Some(Settled::Resolved("a sign-out sheet".into()))
    );
    assert!(
        r.log
            .state()
            .notes
            .all()
            .last()
            .unwrap()
            .text
            .ends_with("Review by 2026-09-01.")
    );
    r.replays();
}

#[test]
fn counted_objections_stay_open_until_each_is_worked() {
    let mut r = room(&NAMES, |s| {
        s.method = Some(Method::Consent);
        s.anonymous = true;
    });
    r.propose("Close at 21:00 on Sundays.").phase(Phase::Test);
    let count = |r: &Room, stance, n| {
        actions::count(
            r.log.state(),
            &r.log.session().plan,
            DECISION,
            stance,
            n,
            r.at(),
        )
        .unwrap()
    };
    let e = count(&r, Stance::Consent, 4);
    r.log(e);
    let e = count(&r, Stance::Objection, 2);
    r.log(e);
    assert_eq!(r.board().open_objections, 2);
    r.log(actions::remark(DECISION, Stance::Objection, "Sunday is our busiest night.").unwrap());
    r.log(actions::settle(
        DECISION,
        Who::Remark(0),
        Settled::Withdrawn,
    ));
    assert_eq!(
        r.board().open_objections,
        1,
        "the other card has not been heard"
    );
    r.log(actions::remark(DECISION, Stance::Objection, "Buses stop at 21:00.").unwrap());
    assert_eq!(
        r.board().tally.of(Stance::Objection),
        2,
        "words stand for a card, not another one"
    );
    r.log(actions::settle(
        DECISION,
        Who::Remark(1),
        Settled::Resolved("close at 21:30".into()),
    ));
    assert!(r.board().verdict.carries());
    assert!(
        actions::count(
            r.log.state(),
            &r.log.session().plan,
            DECISION,
            Stance::Pass,
            1,
            r.at()
        )
        .is_err()
    );
}

#[test]
fn fist_to_five_follows_the_plans_rule_and_shows_the_spread() {
    let mut r = room(&NAMES, |s| {
        s.method = Some(Method::FistToFive);
        s.fist_to_five = Some(FistToFive {
            adopt: 3,
            discuss: 1,
        });
    });
    r.propose("Hire a part-time coordinator.")
        .phase(Phase::Test);
    for (p, n) in [5, 4, 3, 3, 2, 4].into_iter().enumerate() {
        r.give(p as u32, Stance::Fingers(n), "");
    }
    assert_eq!(
        r.board().verdict,
        Verdict::Short(Short::BelowAdopt { count: 1, adopt: 3 })
    );
    r.give(4, Stance::Fingers(1), "");
    assert_eq!(
        r.board().verdict,
        Verdict::Stopped(Stop::Low {
            count: 1,
            at_most: 1
        })
    );
    assert_eq!(r.board().outcomes, [Outcome::SentBack]);
    r.give(4, Stance::Fingers(3), "");
    let b = r.board();
    assert!(b.verdict.carries());
    let spread: Vec<(String, u32)> = b
        .spread
        .iter()
        .map(|s| (s.label.clone(), s.count))
        .collect();
    assert_eq!(
        spread,
        [("0", 0), ("1", 0), ("2", 0), ("3", 3), ("4", 2), ("5", 1)]
            .map(|(l, n)| (l.to_string(), n))
    );
    assert!(b.rule_lines[0].contains("Anyone at 1 or below"));
    // Nine fingers are not a position.
    assert!(
        r.try_give(Given::new(PersonId(0), Stance::Fingers(9)))
            .is_err()
    );
}

#[test]
fn gradients_stop_at_a_veto_and_need_most_positions_from_one_to_three() {
    let mut r = room(&NAMES, |s| s.method = Some(Method::GradientsOfAgreement));
    r.propose("Share the van with the food co-op.")
        .phase(Phase::Test);
    for (p, n) in [1, 2, 3, 5, 6, 7].into_iter().enumerate() {
        r.give(p as u32, Stance::Gradient(n), "");
    }
    let b = r.board();
    assert_eq!(
        b.verdict,
        Verdict::Short(Short::Support { within: 3, of: 6 })
    );
    assert_eq!(b.spread.len(), 8);
    assert_eq!(b.spread[7].label, "8 veto");
    assert!(
        b.flags
            .contains(&"1 serious disagreement: minute them.".to_string())
    );
    r.give(5, Stance::Gradient(2), "");
    assert!(r.board().verdict.carries());
    r.give(3, Stance::Gradient(8), "It breaks our insurance.");
    assert_eq!(r.board().verdict, Verdict::Stopped(Stop::Vetoes(1)));
    assert_eq!(r.board().outcomes[0], Outcome::Blocked);
}
