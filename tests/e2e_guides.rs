//! The three-day gathering's welcome evening, in a pseudo-terminal: mark
//! arrivals, greet someone, go to the icebreaker, form circles, and find the
//! same groups after quitting and opening the session again.

mod common;

use common::pty::{Tui, file_has};

const NAMES: [&str; 9] = [
    "Amara", "Birgit", "Chidi", "Dorota", "Emeka", "Farah", "Goran", "Hiroshi", "Ines",
];

/// The "Group N: a, b, c" lines on screen, as lists of names.
fn groups(screen: &str) -> Vec<Vec<String>> {
    screen
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Group ")?.split_once(": "))
        .map(|(_, names)| names.split(", ").map(|n| n.trim().to_string()).collect())
        .collect()
}

#[test]
fn welcome_evening_groups_survive_a_restart() {
    let home = tempfile::tempdir().unwrap();
    let plan = home.path().join("three-day.ron");
    std::fs::write(&plan, include_str!("../examples/three-day-gathering.ron")).unwrap();
    std::fs::write(home.path().join("names.txt"), NAMES.join("\n")).unwrap();
    let session = home.path().join("weekend.ron");
    let (plan, session_arg) = (plan.to_string_lossy(), session.to_string_lossy());
    let args = [
        "run",
        plan.as_ref(),
        "--session",
        session_arg.as_ref(),
        "--roster",
        "names.txt",
    ];
    let mut tui = Tui::spawn(home.path(), &args, 100, 30);
    tui.wait_text("Ready");
    // Friday: arrivals, a welcome circle.
    tui.send(" ");
    tui.wait_text("Arrivals 0 of 9 expected");
    // Eight walk in; Ines does not come tonight.
    for _ in 0..7 {
        tui.send("x");
        tui.send("j");
    }
    tui.send("x");
    tui.wait_text("Arrivals 8 of 9 expected");
    tui.send("g");
    tui.wait_text("greeted 1");

    // To the icebreaker sequence from the Plan screen.
    tui.send("1");
    tui.wait_text("Getting to know each other");
    tui.send("jjjjg");
    // The arrivals are still on: the jump asks before it ends them.
    tui.wait_text("'Getting to know each other'? y/n");
    tui.send("y");
    tui.wait_text("Exercise 1 of 4");
    tui.send("s");
    tui.wait_text("Exercise 2 of 4");
    tui.send("f");
    let shown = tui.wait_for("the groups", 10, |s| groups(s).len() == 2);
    let before = groups(&shown);
    let mut everyone: Vec<String> = before.iter().flatten().cloned().collect();
    everyone.sort();
    let mut here: Vec<String> = NAMES[..8].iter().map(|n| n.to_string()).collect();
    here.sort();
    assert_eq!(everyone, here, "each arrived name once:\n{shown}");
    assert!(!shown.contains("Ines"), "{shown}");
    assert!(file_has(&session, "GroupsFormed"), "the groups were saved");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);

    let mut tui = Tui::spawn(home.path(), &["open", session_arg.as_ref()], 100, 30);
    tui.wait_text("Exercise 2 of 4");
    tui.wait_text("2 groups formed");
    tui.send("g");
    let again = tui.wait_for("the groups again", 10, |s| groups(s).len() == 2);
    assert_eq!(groups(&again), before, "{again}");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
}
