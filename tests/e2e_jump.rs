//! A jump on the Plan screen while a segment runs, end to end in a
//! pseudo-terminal: it asks first, saying what it would cut short; `u` on
//! the Plan screen takes the jump back, and the open floor goes on with its
//! time and its hands.

mod common;

use common::pty::{Tui, file_has, remaining_secs};

const PLAN: &str = r#"(
    title: "Tuesday meeting",
    roster: ["Ana", "Bo", "Cy"],
    segments: [
        (title: "Open floor", kind: OpenFloor, time: "30m"),
        (title: "Break", kind: Break, time: "10m"),
        (title: "Decision", kind: Decision, time: "20m"),
    ],
)"#;

#[test]
fn a_jump_asks_first_and_u_on_the_plan_takes_it_back() {
    let home = tempfile::tempdir().unwrap();
    let (mut tui, session) = Tui::run_plan(home.path(), PLAN, 100, 30);
    tui.start_first_segment();
    // Two hands go up on the open floor.
    tui.send("4");
    tui.raise_hand("a", "an");
    tui.raise_hand("a", "bo");

    // On the Plan screen, g on the Decision asks before ending the floor.
    tui.send("1jj");
    tui.wait_text("Decision");
    tui.send("g");
    let asked = tui.wait_text("'Decision'? y/n");
    let question = asked.replace(['│', '\n'], " ");
    let question: String = question.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        question
            .contains("End 'Open floor' (30 min left, 2 hands waiting) and start 'Decision'? y/n"),
        "{asked}"
    );
    // Anything but y keeps the floor going.
    tui.send("n");
    tui.wait_text("Open floor goes on");
    tui.send("g");
    tui.wait_text("'Decision'? y/n");
    tui.send("y");
    tui.wait_text("DECISION");
    assert!(file_has(&session, "Start(2)"), "the jump was saved");

    // u on the Plan screen takes back the jump, not an older change.
    tui.send("1");
    tui.wait_text("Decision");
    tui.send("u");
    tui.wait_text("undone: jump to Decision");
    tui.send("2");
    let live = tui.wait_for("the floor's countdown", 15, |s| {
        s.contains("OPEN FLOOR") && remaining_secs(s).is_some()
    });
    let left = remaining_secs(&live).unwrap_or_default();
    assert!((29 * 60..=30 * 60).contains(&left), "{live}");
    tui.send("4");
    // Both hands are still up.
    tui.wait_for("Ana and Bo on the stack", 15, |s| {
        s.contains(" 1 Ana") && s.contains(" 2 Bo")
    });
    assert!(file_has(&session, "Undo(Course)"), "the undo was saved");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
}
