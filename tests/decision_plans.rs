//! Decision fields in a plan: read as written, refused with the line and
//! column when a value cannot be right, and checked against each other.

use std::path::Path;

use circlekeeper::core::decision::rules::{Fallback, FistToFive, Method, Rules, Share};
use circlekeeper::store::text::plan_from_str;

fn plan(decision: &str) -> String {
    format!(
        "(\n    title: \"Assembly\",\n    segments: [\n        (title: \"Welcome\", kind: WelcomeCircle, time: \"10m\"),\n        (\n            title: \"Decide\",\n            kind: Decision,\n            time: \"30m\",\n{decision}\n        ),\n    ],\n)\n"
    )
}

fn error(decision: &str) -> String {
    plan_from_str(Path::new("plan.ron"), &plan(decision))
        .unwrap_err()
        .to_string()
}

#[test]
fn every_decision_field_reads_as_written() {
    let text = plan(
        "            method: FistToFive,\n            fallback: Majority(\"2/3\"),\n            after_rounds: 3,\n            quorum: 8,\n            anonymous: true,\n            fist_to_five: (adopt: 4, discuss: 1),",
    );
    let p = plan_from_str(Path::new("plan.ron"), &text).unwrap();
    let rules = Rules::of(&p.segments[1]);
    assert_eq!(rules.method, Method::FistToFive);
    assert_eq!(
        rules.fallback,
        Some(Fallback::Majority(Share::AtLeast { num: 2, den: 3 }))
    );
    assert_eq!((rules.after_rounds, rules.quorum), (3, Some(8)));
    assert!(rules.anonymous);
    assert_eq!(
        rules.fist,
        FistToFive {
            adopt: 4,
            discuss: 1
        }
    );
    // And back: the plan as a session keeps it.
    let again = circlekeeper::store::text::plan_to_string(&p).unwrap();
    assert_eq!(plan_from_str(Path::new("plan.ron"), &again).unwrap(), p);
}

#[test]
fn a_plan_without_decision_fields_is_unchanged() {
    let p = plan_from_str(Path::new("plan.ron"), &plan("")).unwrap();
    let rules = Rules::of(&p.segments[1]);
    assert_eq!(rules.method, Method::Consensus);
    assert!(!rules.method_named);
    assert_eq!((rules.fallback, rules.quorum), (None, None));
}

#[test]
fn values_that_cannot_be_right_name_their_line_and_column() {
    let cases = [
        (
            "            fallback: Majority(\"5/3\"),",
            "plan.ron:9:33: ",
            "not a share",
        ),
        (
            "            fallback: Majority(\"most\"),",
            "plan.ron:9:33: ",
            "\"simple\"",
        ),
        ("            quorum: 0,", "plan.ron:9:21: ", "at least 1"),
        (
            "            after_rounds: 0,",
            "plan.ron:9:27: ",
            "at least 1",
        ),
        (
            "            method: Consenus,",
            "plan.ron:9:21: ",
            "Consenus",
        ),
        (
            "            method: FistToFive,\n            fist_to_five: (adopt: 7),",
            "plan.ron:10:",
            "adopt is 7",
        ),
        (
            "            method: FistToFive,\n            fist_to_five: (adopt: 3, discuss: 3),",
            "plan.ron:10:",
            "must be below adopt",
        ),
    ];
    for (fields, at, says) in cases {
        let e = error(fields);
        assert!(e.starts_with(at), "{fields}: {e}");
        assert!(e.contains(says), "{fields}: {e}");
    }
}

#[test]
fn fields_that_do_not_fit_together_name_their_segment() {
    for (fields, says) in [
        ("            after_rounds: 2,", "there is no fallback"),
        (
            "            fist_to_five: (adopt: 3),",
            "the method is consensus",
        ),
        (
            "            method: Consent,\n            stand_asides_max: 2,",
            "stand_asides_max belongs to consensus",
        ),
    ] {
        let e = error(fields);
        assert!(e.starts_with("plan.ron: segment 2 'Decide': "), "{e}");
        assert!(e.contains(says), "{fields}: {e}");
    }
    let text = "(title: \"T\", segments: [(title: \"Talk\", kind: Round, time: \"10m\", method: Consent)])";
    let e = plan_from_str(Path::new("plan.ron"), text)
        .unwrap_err()
        .to_string();
    assert!(e.contains("belong to a decision, not a round"), "{e}");
}
