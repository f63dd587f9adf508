//! Two processes, as in a room: the facilitator's window and a follower on
//! the same session (`circlekeeper follow`). Each change made in the main
//! window shows in the follower within a second of the main window showing
//! it; when the main window is killed, the follower keeps the last state
//! and says the session is no longer being written.

mod common;

use std::time::{Duration, Instant};

use common::pty::{Tui, file_has};

const PLAN: &str = r#"(
    title: "Thursday circle",
    roster: ["Ana", "Bo", "Tomás", "美玲"],
    segments: [
        (title: "Open floor", kind: OpenFloor, time: "30m", per_speaker: "2m"),
    ],
)"#;

/// Seconds the follower may take, from the moment a change is saved (its
/// line is in the journal), to show it.
const WITHIN: u64 = 1;

/// Waits for the main window to save `needle`, then gives the follower
/// `WITHIN` to show it.
fn saved_then_shown(session: &str, needle: &str, follower: &Tui, pred: impl Fn(&str) -> bool) {
    assert!(file_has(session, needle), "{needle} was never saved");
    follower.wait_for(needle, WITHIN, pred);
}

#[test]
fn a_follower_shows_each_change_and_outlives_the_main_window() {
    let home = tempfile::tempdir().unwrap();
    let (mut main, session) = Tui::run_plan(home.path(), PLAN, 100, 30);
    main.wait_text("Ready");
    // The session file appears a moment after the first frame.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::path::Path::new(&session).exists() {
        assert!(Instant::now() < deadline, "no session file");
        std::thread::sleep(Duration::from_millis(20));
    }
    let follower = Tui::spawn(home.path(), &["follow", &session], 80, 24);
    follower.wait_text("live · clock");
    follower.wait_text("Not started yet");

    // A segment starts.
    main.send(" ");
    main.wait_text("RUNNING");
    saved_then_shown(&session, "Run(Start(0))", &follower, |s| {
        s.contains("Open floor") && s.contains("█")
    });

    // A speaker is called from the stack.
    main.send("4");
    main.raise_hand("a", "Tomás");
    main.send("n");
    main.wait_text("▶ Tomás");
    saved_then_shown(&session, "Stack(Next)", &follower, |s| s.contains("Tomás"));

    // The room is shown the stack (clock, prompt, agreements, round, stack).
    main.send("VVVV");
    main.wait_text("the room now sees: stack");
    saved_then_shown(&session, "Room(Stack)", &follower, |s| {
        s.contains("stack (the facilitator's choice)") && s.contains("No hands up")
    });

    // A hand goes up.
    main.raise_hand("a", "美玲");
    saved_then_shown(&session, "person:3", &follower, |s| s.contains("1. 美玲"));

    // The main window is killed: the last state stays, and the follower
    // says nobody is writing the session any more.
    main.kill_now();
    let screen = follower.wait_text("NOT BEING WRITTEN");
    assert!(
        screen.contains("1. 美玲") && screen.contains("Tomás"),
        "{screen}"
    );
    // It wrote nothing: the folder stays as the killed window left it.
    let before = listing(home.path());
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(listing(home.path()), before);

    // It holds no lock: the session opens again for writing, and the
    // follower sees it written once more.
    let mut again = Tui::spawn(home.path(), &["open", &session], 100, 30);
    again.wait_text("Open floor");
    follower.wait_text("live · stack");
    // Quitting folds the journal into the session file; the follower
    // reads the folded file and shows the same.
    again.send("q");
    again.wait_exit(15);
    let screen = follower.wait_text("NOT BEING WRITTEN");
    assert!(screen.contains("1. 美玲"), "{screen}");
    assert!(!circlekeeper::store::journal::path_of(session.as_ref()).exists());
}

/// Every file under `dir` with its size and time of change.
fn listing(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = entry.metadata().unwrap();
        if meta.is_dir() {
            out.extend(listing(&entry.path()));
        } else {
            out.push((entry.path(), meta.len(), meta.modified().unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn follow_says_what_it_needs() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| common::run(common::circlekeeper(home.path()).args(args));
    let (code, _, err) = run(&["follow"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no session is open"), "{err}");
    let (code, _, err) = run(&["follow", "--view", "slides"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("one of: clock, prompt"), "{err}");
    let missing = home.path().join("nowhere.ron");
    let (code, _, err) = run(&["follow", missing.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("nowhere.ron"), "{err}");
}
