//! A consensus decision from proposal to harvest, in the real binary: the
//! proposal typed, a block with its reason, sent back, an amendment,
//! adoption with one key per person, the record in the harvest file.

mod common;

use common::pty::Tui;

const PLAN: &str = r#"(
    title: "Assembly",
    roster: ["Tomás", "美玲", "Ana", "Kim", "Zoë"],
    segments: [
        (title: "Opening hours", kind: Decision, time: "20m", method: Consensus,
         fallback: Majority("2/3"), after_rounds: 2, quorum: 4),
        (title: "Closing", kind: ClosingRound, time: "10m"),
    ],
)"#;

const FIRST: &str = "We open at 10 on summer Saturdays";
const AMENDED: &str = ", from May to September";

#[test]
fn a_consensus_with_a_block_an_amendment_and_adoption_reaches_the_harvest() {
    let home = tempfile::tempdir().unwrap();
    let (mut tui, session) = Tui::run_plan(home.path(), PLAN, 100, 30);
    tui.wait_text("Ready");
    // Everyone arrives (People screen: h marks here, j moves on).
    tui.send("6");
    tui.wait_text("0 here");
    tui.send("hjhjhjhjh");
    tui.wait_text("5 here");
    tui.send("2");
    tui.send(" ");
    tui.wait_text("No proposal yet");

    tui.send("e");
    tui.wait_text("The proposal");
    tui.send(&format!("tomas: {FIRST}\r"));
    tui.wait_text("Proposal · version 1 · Tomás");

    // Questions, reactions, amendments, then the test.
    tui.send("NNNN");
    tui.wait_text("Test 1 on version 1");
    tui.send("AAZ");
    tui.wait_text("Ana blocks");
    tui.send("too early for parents\r");
    let s = tui.wait_text("1 block stops adoption.");
    assert!(s.contains("record: blocked"), "{s}");

    // Sent back; the proposer accepts a change; a new version.
    tui.send("U");
    tui.wait_text("sent back to amendments");
    tui.send("e");
    tui.wait_text(FIRST);
    tui.send(&format!("{AMENDED}\r"));
    tui.wait_text("version 2 of the proposal");
    tui.send("N");
    tui.wait_text("Test 2 on version 2");
    tui.send("AAAAA");
    let s = tui.wait_text("Carries: it can be adopted.");
    assert!(s.contains("record: adopted"), "{s}");
    tui.send(":");
    tui.wait_text("Record: adopted");
    tui.send("\r");
    tui.wait_text("recorded: adopted");
    // Undo says what it took back; taken back and recorded again.
    tui.send("u");
    tui.wait_text("undone: the decision (adopted)");
    tui.send(":");
    tui.wait_text("Record: adopted");
    tui.send("\r");
    tui.wait_text("recorded: adopted");

    // The harvest, written from the Notes screen.
    tui.send("5");
    tui.wait_text("Adopted (consensus)");
    tui.send("H");
    tui.wait_text("Harvest: what would leave the circle");
    tui.send("\r");
    tui.wait_text("harvest written:");
    let harvest = session.replace(".ron", ".harvest.md");
    let md = std::fs::read_to_string(&harvest).unwrap();
    let whole = format!("{FIRST}{AMENDED}");
    for want in [
        format!("Adopted (consensus): {whole}"),
        "## How we decided".to_string(),
        "### Opening hours: adopted".to_string(),
        format!("  1. {FIRST}"),
        "Block (test 1): too early for parents".to_string(),
        "Count (after 2 tests): 5 agree; 5 here".to_string(),
    ] {
        assert!(md.contains(&want), "{want:?} in:\n{md}");
    }
    let how = md.split("## How we decided").nth(1).unwrap_or_default();
    assert!(
        !how.contains("Ana"),
        "names on positions stay in the circle:\n{how}"
    );
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
}
