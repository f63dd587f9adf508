//! The harvest of a hand-built session, as a reader would get it.

mod harvest_example;

use circlekeeper::core::harvest::Harvest;

fn build(anonymize: bool) -> Harvest {
    harvest_example::harvest(anonymize, true)
}

#[test]
fn markdown_harvest_of_an_assembly() {
    let md = build(false).to_markdown();
    for secret in harvest_example::CIRCLE_ONLY {
        assert!(!md.contains(secret), "{secret:?} leaked");
    }
    insta::assert_snapshot!(md);
}

#[test]
fn anonymized_markdown_harvest_of_an_assembly() {
    let md = build(true).to_markdown();
    for name in ["Ana", "Kim", "Mary", "Will", "李雷", "Jo ", "Rosa"] {
        assert!(!md.contains(name), "{name:?} left in");
    }
    insta::assert_snapshot!(md);
}

#[test]
fn ron_harvest_reads_back_as_the_same_harvest() {
    let harvest = build(false);
    let text = harvest.to_ron().unwrap();
    let back: Harvest = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .unwrap();
    assert_eq!(back, harvest);
    assert_eq!(
        harvest.kept_in_circle, 5,
        "4 kept, and a reflection naming Mary Ann"
    );
    assert_eq!(harvest.head_count, 6, "those marked arrived, Rosa included");
    assert_eq!(harvest.not_named, 1, "Mary Ann did not agree to be named");
}
