//! A check-in round and an open floor end to end, in a pseudo-terminal:
//! the round comes back to the one who passed, a point of process typed in
//! goes first, and after `kill -9` the queue and the speaker are still there.

mod common;

use common::pty::{Tui, file_has};

const PLAN: &str = r#"(
    title: "Thursday circle",
    roster: ["Ana", "Bo", "Cy", "Di", "Eli", "Fay"],
    segments: [
        (title: "Check-in", kind: CheckIn, time: "15m", per_speaker: "1m",
         prompt: "One word for how you arrive"),
        (title: "Open floor", kind: OpenFloor, time: "30m", per_speaker: "2m",
         stack: Progressive),
    ],
)"#;

/// The screen row holding `needle`.
fn row_of(screen: &str, needle: &str) -> usize {
    screen
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{screen}"))
}

#[test]
fn a_round_with_a_pass_then_a_stack_that_survives_kill_dash_nine() {
    let home = tempfile::tempdir().unwrap();
    let (mut tui, session) = Tui::run_plan(home.path(), PLAN, 100, 30);
    tui.wait_text("Ready");
    tui.send(" ");
    tui.wait_text("3: start the round");

    // The round: Ana starts; Bo passes and the turn goes on to Cy.
    tui.send("3");
    tui.wait_text("Check-in is a round: pick who starts");
    tui.send("\r");
    tui.wait_text("Up next: Ana");
    tui.send("n");
    tui.wait_for("Ana's clock", 15, |s| {
        s.lines()
            .any(|l| l.starts_with("▶ Ana  ") && l.contains(" of 1m"))
    });
    tui.send("n");
    tui.wait_text("▶ Bo ");
    tui.send("p");
    let screen = tui.wait_text("▶ Cy ");
    assert!(screen.contains("· Bo"), "{screen}");
    assert!(!screen.to_lowercase().contains("skip"), "{screen}");
    // Di, Eli and Fay speak; then the round comes back to Bo.
    tui.send("nnn");
    tui.wait_text("▶ Fay ");
    tui.send("n");
    let screen = tui.wait_text("back to those who passed");
    assert!(screen.contains("▶ Bo "), "{screen}");
    tui.send("n");
    tui.wait_text("Round complete");
    tui.send("E");
    tui.wait_text("Last round: 6 spoke");

    // The open floor: two hands and a point of process, typed.
    tui.send("2n");
    tui.wait_text("OPEN FLOOR");
    tui.send("4");
    tui.wait_text("Progressive, counting this segment");
    for (key, name) in [("a", "di"), ("a", "el"), ("p", "fa")] {
        tui.raise_hand(key, name);
    }
    let screen = tui.wait_text("point of process");
    let first = row_of(&screen, " 1 Fay");
    assert!(
        screen
            .lines()
            .nth(first)
            .unwrap()
            .contains("point of process")
    );
    assert!(row_of(&screen, " 2 Di") > first, "{screen}");
    assert!(row_of(&screen, " 3 Eli") > first, "{screen}");
    // Fay is called: her clock starts.
    tui.send("n");
    tui.wait_for("Fay's clock", 15, |s| {
        s.lines()
            .any(|l| l.starts_with("▶ Fay  ") && l.contains(" of 2m"))
    });
    assert!(file_has(&session, "Stack(Next)"), "the call was saved");

    tui.signal(libc::SIGKILL);
    tui.wait_exit(5);

    let mut tui = Tui::spawn(home.path(), &["open", &session], 100, 30);
    tui.wait_text("OPEN FLOOR");
    tui.send("4");
    let screen = tui.wait_text("▶ Fay");
    assert!(
        row_of(&screen, " 1 Di") < row_of(&screen, " 2 Eli"),
        "{screen}"
    );
    assert!(screen.contains("first time"), "{screen}");
    assert!(
        !screen.contains("point of process"),
        "Fay was called: {screen}"
    );
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
}
