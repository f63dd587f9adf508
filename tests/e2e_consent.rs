//! Consent end to end in a pseudo-terminal, on the conflict evening: a
//! note written in the confidential conversation is kept in the circle;
//! sharing it asks who agreed; `a` records that all present did; the
//! harvest written from the Notes screen then carries it, and after the
//! consent is withdrawn the next harvest leaves it out.

mod common;

use common::pty::Tui;

const PLAN: &str = include_str!("../examples/conflict-evening.ron");
const NOTE: &str = "The rota needs a second key holder";

#[test]
fn a_note_leaves_the_circle_only_on_recorded_consent() {
    let home = tempfile::tempdir().unwrap();
    let (mut tui, _session) = Tui::run_plan(home.path(), PLAN, 100, 30);
    tui.wait_text("Ready");
    // Straight to the conversation: Plan screen, fourth segment, jump.
    tui.send("1");
    tui.send("jjj");
    tui.send("g");
    tui.wait_text("CONFIDENTIAL");

    tui.send("w");
    tui.wait_text("kept in the circle");
    tui.send(NOTE);
    tui.wait_text(NOTE);
    tui.send("\x13");
    tui.wait_text("note saved, kept in the circle");

    // p asks; nothing is shared until consent is recorded.
    tui.send("5");
    tui.wait_text("[circle] kept in the circle");
    tui.send("S");
    let dialog = tui.wait_text("Share this note? Who agreed");
    assert!(
        dialog.contains("no one has agreed yet (10 needed)"),
        "{dialog}"
    );
    tui.send("a");
    tui.wait_text("shared: agreed by all 10 present at");

    let harvest = home.path().join("session.harvest.md");
    tui.send("H");
    let check = tui.wait_text("Shared from the circle, and the consent each rests on (1)");
    assert!(check.contains("10 of 10 present"), "{check}");
    assert!(!harvest.exists(), "nothing is written before enter");
    tui.send("\r");
    tui.wait_text("harvest written:");
    let md = std::fs::read_to_string(&harvest).unwrap();
    assert!(md.contains(NOTE), "{md}");
    assert!(
        md.contains("shared with the consent of 10 of 10 present"),
        "{md}"
    );

    // Everyone withdraws: back in the circle, and out of the next harvest.
    tui.send("U");
    tui.wait_text("Withdraw consent");
    tui.send("a");
    tui.wait_text("consent withdrawn: back in the circle");
    tui.send("H");
    tui.wait_text("Kept in the circle, not shared: 1 note.");
    tui.send("\r");
    tui.wait_text("harvest written:");
    let md = std::fs::read_to_string(&harvest).unwrap();
    assert!(!md.contains(NOTE), "{md}");
    assert!(md.contains("1 note was kept in the circle"), "{md}");

    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
}
