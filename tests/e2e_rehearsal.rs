//! `circlekeeper rehearse` end to end, in a pseudo-terminal: the rehearsal
//! stays apart from real sessions, and the report is printed on the way out.

mod common;

use std::path::Path;

use common::pty::{Tui, remaining_secs};
use common::{circlekeeper, listing, run};

fn setup() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let plan = home.path().join("plan.ron");
    std::fs::write(&plan, include_str!("../assets/default-plan.ron")).unwrap();
    (home, plan.to_string_lossy().into_owned())
}

/// Starts a rehearsal, starts the first segment, jumps to its first
/// warning, pauses the simulated clock there and quits; returns the screen after the app has gone.
fn rehearse_and_quit(home: &Path, plan: &str) -> String {
    let mut tui = Tui::spawn(home, &["rehearse", plan, "--speed", "20x"], 120, 60);
    tui.wait_text("REHEARSAL 20x");
    tui.send(" ");
    tui.wait_text("RUNNING");
    // Jump to the first warning and hold the simulated clock there.
    tui.send(".p");
    let screen = tui.wait_text("REHEARSAL paused");
    let left = remaining_secs(&screen).expect("a countdown");
    assert!((119..=120).contains(&left), "{screen}");
    assert!(screen.contains("UNDER 2M LEFT"), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0, "{}", tui.screen());
    assert!(!tui.in_alternate_screen());
    tui.screen()
}

#[test]
fn a_rehearsal_is_never_a_session() {
    let (home, plan) = setup();
    rehearse_and_quit(home.path(), &plan);
    let data = home.path().join("data");
    let sessions = data.join("sessions");
    assert!(
        !sessions.exists() || listing(&sessions).is_empty(),
        "{:?}",
        listing(&sessions)
    );
    // It went to the rehearsals folder, marked as one.
    let kept: Vec<String> = listing(&data.join("rehearsals"))
        .into_iter()
        .filter(|n| n.ends_with(".ron"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let text = std::fs::read_to_string(data.join("rehearsals").join(&kept[0])).unwrap();
    assert!(text.contains("rehearsal: true"), "{text}");
    assert!(text.contains("Start(0)"), "saved by the same saver: {text}");

    let (code, stdout, _) = run(circlekeeper(home.path()).arg("sessions"));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("No sessions yet"), "{stdout}");

    // With no command, circlekeeper starts afresh instead of resuming it.
    let mut tui = Tui::spawn(home.path(), &[], 100, 30);
    let screen = tui.wait_text("Ready");
    assert!(!screen.contains("REHEARSAL"), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
}

#[test]
fn the_report_is_printed_after_quitting() {
    let (home, plan) = setup();
    let screen = rehearse_and_quit(home.path(), &plan);
    for line in [
        "# Rehearsal: An evening circle",
        "Stopped during 'Arrivals', 1 of 7 segments rehearsed in 13m.",
        "| 1 | Arrivals | 15m | 13m so far |",
        "| 7 | Closing round | 15m | not reached |",
        "## What to bring",
        "- [ ] talking piece (Opening circle)",
    ] {
        assert!(screen.contains(line), "{line:?} in:\n{screen}");
    }
}

#[test]
fn rehearse_needs_a_terminal_and_leaves_nothing_without_one() {
    let (home, plan) = setup();
    let (code, _, stderr) = run(circlekeeper(home.path()).args(["rehearse", &plan]));
    assert_eq!(code, 1);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(!home.path().join("data").exists());
    let (code, _, stderr) =
        run(circlekeeper(home.path()).args(["rehearse", &plan, "--speed", "0"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("not a speed"), "{stderr}");
    let (code, _, stderr) =
        run(circlekeeper(home.path()).args(["rehearse", &plan, "--spread", "120%"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("not a spread"), "{stderr}");
    // A good spread gets as far as needing a terminal.
    let (code, _, stderr) =
        run(circlekeeper(home.path()).args(["rehearse", &plan, "--spread", "20%"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
}

#[test]
fn the_report_can_also_go_to_a_file() {
    let (home, plan) = setup();
    let file = home.path().join("report.md");
    let file_arg = file.to_string_lossy().into_owned();
    let mut tui = Tui::spawn(
        home.path(),
        &["rehearse", &plan, "--report", &file_arg],
        120,
        40,
    );
    tui.wait_text("REHEARSAL 10x");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0, "{}", tui.screen());
    let text = std::fs::read_to_string(&file).expect("the report file");
    assert!(text.starts_with("# Rehearsal: An evening circle"), "{text}");
    assert!(text.contains("## What to bring"), "{text}");
}
