//! What a facilitator types: who brings a proposal, a review date, the
//! group an indicative position speaks for.

use super::room;
use crate::core::decision::actions::{bringer, parse_indicative, parse_review};
use crate::core::person::PersonId;

#[test]
fn a_name_before_a_colon_brings_the_proposal() {
    let r = room(&["Tomás", "美玲", "محمد الأحمد"], |_| {});
    let people = &r.log.state().people;
    assert_eq!(
        bringer(people, "tomas: we open at ten"),
        (Some(PersonId(0)), "we open at ten")
    );
    assert_eq!(
        bringer(people, " 美玲 : 夏 hours"),
        (Some(PersonId(1)), "夏 hours")
    );
    // Not a name: the colon is part of the proposal.
    assert_eq!(bringer(people, "Hours: 10 to 6"), (None, "Hours: 10 to 6"));
    assert_eq!(bringer(people, "Tomás:"), (None, "Tomás:"));
}

#[test]
fn review_dates_and_groups_read_as_typed() {
    // A Friday.
    let today = jiff::civil::date(2026, 6, 12);
    assert_eq!(parse_review("", today), Ok(None));
    assert_eq!(
        parse_review(" 2026-12-01 ", today)
            .unwrap()
            .map(|d| d.to_string()),
        Some("2026-12-01".into())
    );
    // "Let's look at it again in a month": four weeks on.
    assert_eq!(
        parse_review("+4w", today).unwrap().map(|d| d.to_string()),
        Some("2026-07-10".into())
    );
    let bad = parse_review("next spring", today).unwrap_err().0;
    assert!(bad.contains("2026-12-01"), "{bad}");
    let (group, by) = parse_indicative("the bakery by 2027-01-15", today).unwrap();
    assert_eq!(group, "the bakery");
    assert_eq!(by.map(|d| d.to_string()), Some("2027-01-15".into()));
    let (group, by) = parse_indicative("the bakery by sunday", today).unwrap();
    assert_eq!(group, "the bakery");
    assert_eq!(by.map(|d| d.to_string()), Some("2026-06-14".into()));
    assert_eq!(
        parse_indicative("stand by me", today).unwrap(),
        ("stand by me".to_string(), None)
    );
    assert!(parse_indicative("  ", today).is_err());
}
