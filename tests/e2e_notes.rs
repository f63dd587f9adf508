//! Notes end to end in a pseudo-terminal: one note in a confidential
//! anti-retreat, one (pasted) in an open floor, then the harvest command
//! shares the second and only counts the first.

mod common;

use std::process::Command;

use common::pty::{Tui, file_has};

const PLAN: &str = r#"(
    title: "After the eviction letter",
    roster: ["Ana Silva", "Kim Ng"],
    segments: [
        (title: "Holding the hurt", kind: AntiRetreat, time: "20m"),
        (title: "Open floor", kind: OpenFloor, time: "20m"),
    ],
)"#;

const SECRET: &str = "Kim spoke of the eviction notice";
const SHARED: &str = "We meet on Mondays from now on.";

#[test]
fn a_confidential_note_stays_out_of_the_harvest() {
    let home = tempfile::tempdir().unwrap();
    let plan = home.path().join("plan.ron");
    std::fs::write(&plan, PLAN).unwrap();
    let session = home.path().join("evening.ron");
    let (plan, session) = (plan.to_str().unwrap(), session.to_str().unwrap());

    let mut tui = Tui::spawn(home.path(), &["run", plan, "--session", session], 100, 30);
    tui.start_first_segment();

    // ctrl-n: quick capture; in the anti-retreat it starts in the circle.
    tui.send("\x0e");
    tui.wait_text("New note · note · [circle] kept in the circle");
    tui.send(SECRET);
    tui.wait_text(SECRET);
    tui.send("\x13");
    tui.wait_text("note saved, kept in the circle");
    assert!(file_has(session, SECRET), "saved at once");

    tui.send("n");
    tui.wait_for("the open floor", 10, |s| {
        s.lines().next().is_some_and(|l| l.contains("Open floor"))
    });
    tui.send("w");
    tui.wait_text("New note · note · shared");
    // A bracketed paste: one event, the whole text.
    tui.send(&format!("\x1b[200~{SHARED}\x1b[201~"));
    tui.wait_text(SHARED);
    tui.send("\x13");
    tui.wait_text("note saved");

    // The Notes screen lists both, the first marked; h writes the harvest.
    tui.send("5");
    let screen = tui.wait_text("2 of 2 notes");
    assert!(screen.contains("[circle]"), "{screen}");
    tui.send("h");
    tui.wait_text("harvest written:");
    let beside = home.path().join("evening.harvest.md");
    let written = std::fs::read_to_string(&beside).unwrap();
    assert!(
        written.contains(SHARED) && !written.contains(SECRET),
        "{written}"
    );

    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);

    let out = Command::new(env!("CARGO_BIN_EXE_circlekeeper"))
        .args(["harvest", session])
        .env("CIRCLEKEEPER_DATA_DIR", home.path().join("data"))
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains(SHARED), "{md}");
    assert!(!md.contains(SECRET), "{md}");
    assert!(!md.contains("eviction notice"), "{md}");
    assert!(
        md.contains("1 note was kept in the circle and is not in this harvest."),
        "{md}"
    );
}

#[test]
fn a_note_half_written_when_a_signal_comes_is_saved() {
    // SIGQUIT and SIGUSR1 would end the process on the spot, terminal raw
    // and draft lost, if they were not handled like SIGTERM.
    for (sig, name) in [
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGQUIT, "SIGQUIT"),
        (libc::SIGUSR1, "SIGUSR1"),
    ] {
        let home = tempfile::tempdir().unwrap();
        let plan = home.path().join("plan.ron");
        std::fs::write(&plan, PLAN).unwrap();
        let session = home.path().join("evening.ron");
        let (plan, session) = (plan.to_str().unwrap(), session.to_str().unwrap());
        let mut tui = Tui::spawn(home.path(), &["run", plan, "--session", session], 80, 24);
        tui.wait_text("Ready");
        tui.send("w");
        tui.wait_text("New note");
        tui.send("Half a thought about the rota");
        tui.wait_text("Half a thought about the rota");
        tui.signal(sig);
        assert_eq!(tui.wait_exit(10), 0, "{name}");
        assert!(!tui.in_alternate_screen(), "{name}: the terminal is back");
        assert!(
            tui.screen().contains(&format!("Stopped by {name}")),
            "{name}"
        );
        let text = std::fs::read_to_string(session).unwrap();
        assert!(
            text.contains("Half a thought about the rota"),
            "{name}: {text}"
        );
    }
}
