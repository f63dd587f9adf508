//! The live run end to end, in a pseudo-terminal: time keeps its honesty
//! across `kill -9`, and signals leave the terminal and the file in order.

mod common;

use std::time::{Duration, Instant};

use common::pty::{Tui, file_has, remaining_secs};

fn setup() -> (tempfile::TempDir, String, String) {
    let home = tempfile::tempdir().unwrap();
    let plan = home.path().join("plan.ron");
    std::fs::write(&plan, include_str!("../assets/default-plan.ron")).unwrap();
    let session = home.path().join("evening.ron");
    (
        home,
        plan.to_string_lossy().into_owned(),
        session.to_string_lossy().into_owned(),
    )
}

#[test]
fn timer_survives_kill_dash_nine() {
    let (home, plan, session) = setup();
    let mut tui = Tui::spawn(home.path(), &["run", &plan, "--session", &session], 80, 24);
    tui.wait_text("Ready");
    tui.send(" ");
    let started = Instant::now();
    let first = tui.wait_text("RUNNING");
    let r1 = remaining_secs(&first).expect("a countdown");
    assert!((895..=900).contains(&r1), "{first}");
    // The countdown falls while we watch.
    let later = tui.wait_for("the countdown to fall", 10, |s| {
        remaining_secs(s).is_some_and(|r| r <= r1 - 2)
    });
    assert!(remaining_secs(&later).unwrap() < r1);
    assert!(file_has(&session, "Start(0)"), "the start was saved");

    tui.signal(libc::SIGKILL);
    tui.wait_exit(5);
    std::thread::sleep(Duration::from_millis(1500));

    let tui = Tui::spawn(home.path(), &["open", &session], 80, 24);
    let resumed = tui.wait_text("RUNNING");
    let r3 = remaining_secs(&resumed).expect("a countdown after resume");
    let expected = 900 - started.elapsed().as_secs() as i64;
    assert!(
        (r3 - expected).abs() <= 3,
        "after restart {r3}s left, expected about {expected}s:\n{resumed}"
    );
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    let (home, plan, session) = setup();
    let mut tui = Tui::spawn(home.path(), &["run", &plan, "--session", &session], 80, 24);
    tui.start_first_segment();
    tui.send("+");
    tui.wait_text("of 16m");
    assert!(tui.in_alternate_screen());
    tui.signal(libc::SIGTERM);
    let code = tui.wait_exit(10);
    assert_eq!(code, 0, "{}", tui.screen());
    assert!(!tui.in_alternate_screen(), "left the alternate screen");
    assert!(
        tui.screen().contains("Stopped by SIGTERM"),
        "{}",
        tui.screen()
    );
    let text = std::fs::read_to_string(&session).unwrap();
    assert!(
        text.contains("Start(0)") && text.contains("AddTime"),
        "{text}"
    );
}

#[test]
fn sighup_saves_too() {
    let (home, plan, session) = setup();
    let mut tui = Tui::spawn(home.path(), &["run", &plan, "--session", &session], 80, 24);
    tui.start_first_segment();
    tui.signal(libc::SIGHUP);
    tui.wait_exit(10);
    assert!(!tui.in_alternate_screen());
    assert!(
        std::fs::read_to_string(&session)
            .unwrap()
            .contains("Start(0)")
    );
}

#[test]
fn quit_then_reopen_resumes_exactly_and_the_lock_is_freed() {
    let (home, plan, session) = setup();
    let mut tui = Tui::spawn(home.path(), &["run", &plan, "--session", &session], 100, 30);
    tui.wait_text("Ready");
    // Plan screen: skip the third segment, then start.
    tui.send("1jjs");
    tui.wait_text("skipped");
    tui.send("2 n");
    tui.wait_text("Script 2/2");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
    let mut tui = Tui::spawn(home.path(), &["open", &session], 100, 30);
    tui.wait_text("Script 2/2");
    tui.send("1");
    tui.wait_text("skipped");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
}

#[test]
fn a_second_circlekeeper_is_refused_while_one_is_open() {
    let (home, plan, session) = setup();
    let mut first = Tui::spawn(home.path(), &["run", &plan, "--session", &session], 80, 24);
    first.wait_text("Ready");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_circlekeeper"))
        .args(["open", &session])
        .env("CIRCLEKEEPER_DATA_DIR", home.path().join("data"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("open in another circlekeeper"), "{err}");
    first.send("q");
    assert_eq!(first.wait_exit(10), 0);
}

/// The process state letter from /proc ("T" when stopped).
fn proc_state(pid: i32) -> String {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let (home, plan, session) = setup();
    let mut tui = Tui::spawn(home.path(), &["run", &plan, "--session", &session], 80, 24);
    tui.wait_text("Ready");
    tui.send("\x1a");
    let deadline = Instant::now() + Duration::from_secs(10);
    while proc_state(tui.pid()) != "T" {
        assert!(
            Instant::now() < deadline,
            "not stopped: {}",
            proc_state(tui.pid())
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The bytes that leave full-screen mode were written before the stop;
    // give the reader a moment to take them in.
    tui.wait_for("the shell to get its screen back", 10, |_| {
        !tui.in_alternate_screen()
    });
    tui.signal(libc::SIGCONT);
    tui.wait_for("the UI to come back", 10, |_| tui.in_alternate_screen());
    tui.send(" ");
    tui.wait_text("RUNNING");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
}

#[test]
fn a_broken_keymap_is_named_before_anything_starts() {
    let (home, plan, _) = setup();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("keymap.ron"),
        "(\n  live: {\"spce\": quit},\n)\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_circlekeeper"))
        .args(["run", &plan])
        .env("CIRCLEKEEPER_DATA_DIR", home.path().join("data"))
        .env("CIRCLEKEEPER_CONFIG_DIR", &config)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("keymap.ron:2:10: unknown key name \"spce\""),
        "{err}"
    );
    assert!(!err.contains("panicked"));
    assert!(
        !home.path().join("data/sessions").exists(),
        "no session was started"
    );
}

#[test]
fn the_first_frame_does_not_wait_for_the_disk() {
    let home = tempfile::tempdir().unwrap();
    let (mut cmd, session) = Tui::run_default_plan(home.path());
    // Each fsync of the session's files waits 3 s first (debug builds).
    cmd.env("CIRCLEKEEPER_TEST_SLOW_SYNC_MS", "3000");
    let tui = Tui::spawn_command(cmd, 100, 30);
    let first = tui.wait_text("Ready");
    // The frame is up while the new session's first write still waits for
    // its fsync: the file is not there yet, and the status bar says so.
    assert!(first.contains("saving…"), "{first}");
    assert!(
        !session.exists(),
        "the session was written before the first frame"
    );
    tui.wait_for("the first save", 10, |s| s.contains("saved "));
    assert!(session.exists());
}

#[test]
fn a_clock_set_back_neither_freezes_the_countdown_nor_goes_unsaid() {
    use circlekeeper::core::event::Event;
    use circlekeeper::core::run::{RunEvent, SegmentId};
    use circlekeeper::core::session::Session;
    let home = tempfile::tempdir().unwrap();
    let session = home.path().join("evening.ron");
    // Written when the clock read ten minutes later than it reads now.
    let later = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_secs(10 * 60 + 30))
        .unwrap();
    let plan = circlekeeper::commands::start::default_plan();
    let mut s = Session::new(plan, later);
    s.push(later, Event::Run(RunEvent::Start(SegmentId(0))));
    circlekeeper::store::file::save_session(&session, &s).unwrap();
    let tui = Tui::spawn(home.path(), &["open", session.to_str().unwrap()], 100, 30);
    let first = tui.wait_text("the clock went backwards by 10 min");
    let r1 = remaining_secs(&first).expect("a countdown");
    let later = tui.wait_for("the countdown to move", 10, |s| {
        remaining_secs(s).is_some_and(|r| r < r1)
    });
    assert!(remaining_secs(&later).unwrap() >= 895, "{later}");
}
