//! Breakout fields in a plan: read as written, refused with the line and
//! column when a value cannot be right, and checked against each other.

use std::path::Path;

use circlekeeper::core::breakout::plan::{GroupPlan, Split, delegates_wanted};
use circlekeeper::core::plan::SegmentKind;
use circlekeeper::store::text::{plan_from_str, plan_to_string};
use jiff::SignedDuration;

fn plan(breakout: &str) -> String {
    format!(
        "(\n    title: \"Assembly\",\n    segments: [\n        (title: \"Welcome\", kind: WelcomeCircle, time: \"10m\"),\n        (\n            title: \"Groups\",\n            kind: Breakout,\n            time: \"40m\",\n{breakout}\n        ),\n        (title: \"Back\", kind: ReportBack, time: \"15m\", per_speaker: \"2m\"),\n        (title: \"Council\", kind: Decision, time: \"30m\", method: Consent, spokes: true),\n    ],\n)\n"
    )
}

fn error(breakout: &str) -> String {
    plan_from_str(Path::new("plan.ron"), &plan(breakout))
        .unwrap_err()
        .to_string()
}

#[test]
fn every_breakout_field_reads_as_written() {
    let text = plan(
        "            split: Topics,\n            groups: [(name: \"Kitchen\", place: \"Room 2\"), (name: \"美玲's garden\", question: \"What grows?\")],\n            questions: [\"The fund\"],\n            delegates: 2,\n            report_back: \"10m\",\n            per_speaker: \"90s\",",
    );
    let p = plan_from_str(Path::new("plan.ron"), &text).unwrap();
    let b = &p.segments[1];
    assert_eq!(b.kind, SegmentKind::Breakout);
    assert_eq!(b.split, Some(Split::Topics));
    assert_eq!(
        b.groups[1],
        GroupPlan {
            name: "美玲's garden".into(),
            question: Some("What grows?".into()),
            place: None
        }
    );
    assert_eq!(b.questions, ["The fund"]);
    assert_eq!(delegates_wanted(b), 2);
    assert_eq!(b.report_back, Some(SignedDuration::from_mins(10)));
    assert_eq!(p.segments[2].kind, SegmentKind::ReportBack);
    assert!(p.segments[3].spokes);
    let again = plan_to_string(&p).unwrap();
    assert_eq!(plan_from_str(Path::new("plan.ron"), &again).unwrap(), p);
}

#[test]
fn a_breakout_with_no_fields_is_split_by_crews() {
    let p = plan_from_str(Path::new("plan.ron"), &plan("")).unwrap();
    assert_eq!(p.segments[1].split, None);
    assert_eq!(p.segments[1].split.unwrap_or_default(), Split::Crews);
    assert_eq!(delegates_wanted(&p.segments[1]), 1);
}

#[test]
fn values_that_cannot_be_right_name_their_line_and_column() {
    for (fields, at, says) in [
        (
            "            split: Count(1),",
            "plan.ron:9:26: ",
            "at least 2 groups, not 1",
        ),
        (
            "            split: Count(500),",
            "plan.ron:9:26: ",
            "at most 200 groups",
        ),
        ("            split: Teams,", "plan.ron:9:20: ", "Teams"),
        (
            "            delegates: 3,",
            "plan.ron:9:24: ",
            "1 delegate or 2 (a pair), not 3",
        ),
        (
            "            report_back: \"soon\",",
            "plan.ron:9:27: ",
            "not a duration",
        ),
        (
            "            groups: [(name: \"A\", colour: \"red\")],",
            "plan.ron:9:",
            "colour",
        ),
    ] {
        let e = error(fields);
        assert!(e.starts_with(at), "{fields}: {e}");
        assert!(e.contains(says), "{fields}: {e}");
    }
}

#[test]
fn fields_that_do_not_fit_together_name_their_segment() {
    for (fields, says) in [
        (
            "            split: Topics,",
            "needs at least 2 groups listed",
        ),
        (
            "            split: Count(2),\n            groups: [(name: \"A\"), (name: \"B\"), (name: \"C\")],",
            "Count(2) makes 2 groups, but 3 are listed",
        ),
        (
            "            groups: [(name: \"A\"), (name: \" a \")],",
            "two groups are named 'a'",
        ),
        (
            "            report_back: \"40m\",",
            "takes the whole time box",
        ),
    ] {
        let e = error(fields);
        assert!(e.starts_with("plan.ron: segment 2 'Groups': "), "{e}");
        assert!(e.contains(says), "{fields}: {e}");
    }
    let text =
        "(title: \"T\", segments: [(title: \"Talk\", kind: Round, time: \"10m\", delegates: 2)])";
    let e = plan_from_str(Path::new("plan.ron"), text)
        .unwrap_err()
        .to_string();
    assert!(e.contains("belong to a breakout, not a round"), "{e}");
    let text =
        "(title: \"T\", segments: [(title: \"Talk\", kind: Round, time: \"10m\", spokes: true)])";
    let e = plan_from_str(Path::new("plan.ron"), text)
        .unwrap_err()
        .to_string();
    assert!(e.contains("belong to a decision, not a round"), "{e}");
    let text = "(title: \"T\", segments: [(title: \"D\", kind: Decision, time: \"10m\", spokes: true, anonymous: true)])";
    let e = plan_from_str(Path::new("plan.ron"), text)
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot be anonymous"), "{e}");
}
