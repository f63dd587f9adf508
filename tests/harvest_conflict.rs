//! The harvest of the conflict evening: notes leave the circle only with
//! the consent they need, and no one who did not agree is named.

mod conflict_evening;

use circlekeeper::core::consent::Basis;
use circlekeeper::core::harvest::Harvest;
use circlekeeper::core::mentions::Mentions;
use circlekeeper::core::person::PersonId;
use conflict_evening::{CONFIDENTIAL, KEPT, NAMED, NAMES};

/// The names in `text` of people among `names`, as they stand.
fn names_in(text: &str, names: &[&str]) -> Vec<String> {
    let finder = Mentions::new(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (PersonId(i as u32), *n)),
    );
    finder
        .find(text)
        .iter()
        .map(|h| text[h.start..h.end].to_string())
        .collect()
}

fn assert_nothing_confidential(text: &str) {
    for secret in CONFIDENTIAL.iter().chain(&KEPT) {
        assert!(!text.contains(secret), "{secret:?} leaked:\n{text}");
    }
}

#[test]
fn the_plain_harvest_names_no_one_who_did_not_agree() {
    let harvest = conflict_evening::harvest(false);
    let md = harvest.to_markdown();
    let unnamed: Vec<&str> = NAMES.into_iter().filter(|n| !NAMED.contains(n)).collect();
    assert_eq!(names_in(&md, &unnamed), Vec::<String>::new(), "\n{md}");
    assert_nothing_confidential(&md);
    assert!(md.contains("- Took part (10 people): Jo, Priya, and 8 not named"));
    assert!(md.contains("| 4 | A confidential conversation | 1h 20m | 1h 5m |"));
    assert!(md.contains(
        "Both felt the booking system failed them, not each other. \
         (in a confidential conversation, 1h 5m; shared with the consent of 10 of 10 present)"
    ));
    assert!(md.contains("shared with the consent of 2 of 2 voices of the conversation"));
    insta::assert_snapshot!(md);
}

#[test]
fn the_anonymized_harvest_names_no_one() {
    let md = conflict_evening::harvest(true).to_markdown();
    assert_eq!(names_in(&md, &NAMES), Vec::<String>::new(), "\n{md}");
    assert_nothing_confidential(&md);
    insta::assert_snapshot!(md);
}

#[test]
fn the_ron_harvest_carries_the_full_record_of_consent() {
    let harvest = conflict_evening::harvest(false);
    let text = harvest.to_ron().unwrap();
    assert_nothing_confidential(&text);
    let back: Harvest = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .unwrap();
    assert_eq!(back, harvest);
    // Shared: the system note, the board, the forum follow-up, the weekly
    // talk; kept: five notes, the monthly meeting since Sade withdrew.
    assert_eq!(harvest.kept_in_circle, 5);
    let forum = &harvest.follow_ups[0];
    assert_eq!(
        (forum.who.as_slice(), forum.with.as_slice()),
        (&["Jo".to_string()][..], &["Priya".to_string()][..])
    );
    let consent = forum.consent.as_ref().unwrap();
    assert_eq!(
        (consent.basis, consent.of, consent.agreed.len()),
        (Basis::Everyone, 10, 10)
    );
    let named: Vec<&str> = consent
        .agreed
        .iter()
        .filter_map(|a| a.name.as_deref())
        .collect();
    assert_eq!(named, ["Jo", "Priya"], "only those who agreed to be named");
    let weekly = &harvest.decisions[1];
    let consent = weekly.consent.as_ref().unwrap();
    assert_eq!((consent.basis, consent.of), (Basis::Parties, 2));
    assert!(
        harvest
            .agenda
            .iter()
            .all(|l| l.parties.is_empty() && l.matter.is_none())
    );
}
