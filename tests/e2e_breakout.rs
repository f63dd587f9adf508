//! An assembly breaks into four groups and comes back, in a
//! pseudo-terminal: form the groups, name a delegate, move someone, then
//! hear the first group with its report noted and import another group's
//! report written on a second laptop; all of it in the session file.

mod common;

use common::pty::{Tui, file_has};

const PLAN: &str = r#"(
    title: "Assembly",
    roster: ["Tomás", "美玲", "محمد الأحمد", "प्रिया", "Zoë", "Ana", "Kim", "Bo", "Lee", "Sam",
             "Noor", "Iva"],
    segments: [
        (title: "Groups", kind: Breakout, time: "30m", split: Count(4), delegates: 1,
         questions: ["The shared fund"]),
        (title: "Back together", kind: ReportBack, time: "15m", per_speaker: "2m"),
    ],
)"#;

const REPORT: &str = r#"(
    format: 1,
    session: "Group 2 on the lawn",
    created: "2026-11-23T18:00:00Z",
    breakout: "Groups",
    group: "Group 2",
    exported: "2026-11-23T18:40:00Z",
    people: 3,
    mandates: [(question: "The shared fund", mandate: Imperative("Rent first"))],
    notes: [(kind: Note, text: "Ask the landlord first", visibility: Shared)],
)"#;

#[test]
fn a_breakout_into_four_groups_and_its_report_back() {
    let home = tempfile::tempdir().unwrap();
    let report = home.path().join("group2.ron");
    std::fs::write(&report, REPORT).unwrap();
    let (mut tui, session) = Tui::run_plan(home.path(), PLAN, 100, 30);
    tui.start_first_segment();
    tui.wait_text("No groups yet: G forms them");
    tui.send("G");
    tui.wait_text("4 groups formed");
    tui.wait_text("Group 4 (3)");
    tui.send("D");
    tui.wait_text("is a delegate");
    tui.send("j]");
    tui.wait_text("to Group 2");
    // On to the report-back: the first group is heard, its report noted.
    tui.send("n");
    tui.wait_text("REPORT-BACK");
    tui.wait_text("0 of 4 groups heard");
    tui.send("n");
    tui.wait_text("Group 1 reporting");
    tui.send("w");
    tui.wait_text("Note for Group 1");
    tui.send("Rent first, then tools\r");
    tui.wait_text("noted under the group");
    // Group 2's report comes from another laptop.
    tui.send("i");
    tui.wait_text("Import a group's report");
    tui.send(&format!("{}\r", report.display()));
    tui.wait_text("imported Group 2's report");
    tui.wait_text("2 of 4 groups heard");
    tui.wait_text("Not yet heard: Group 3, Group 4");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
    for logged in [
        "Formed",
        "Delegate",
        "Moved",
        "Report(",
        "Imported",
        "Rent first, then tools",
    ] {
        assert!(file_has(&session, logged), "{logged} in the session");
    }
}
