//! A crash inside the live loop (a debug build panics on a key named by
//! CIRCLEKEEPER_TEST_PANIC): the terminal is handed back, the user is told
//! their session is safe and where the crash report is, and the session
//! file holds everything done before the crash.

mod common;

use circlekeeper::core::event::Event;
use circlekeeper::core::run::RunEvent;
use circlekeeper::store::file::load_session;
use common::pty::Tui;

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_session() {
    let home = tempfile::tempdir().unwrap();
    let (mut cmd, session) = Tui::run_default_plan(home.path());
    cmd.env("CIRCLEKEEPER_TEST_PANIC", "!");
    // Under umask 000, where a file created without an explicit mode is
    // readable (and writable) by everyone.
    let wrapper = ["sh", "-c", "umask 000; exec \"$@\"", "sh"].map(std::ffi::OsString::from);
    cmd.get_argv_mut().splice(0..0, wrapper);
    // Wide, so the messages with their paths stay on one line each.
    let mut tui = Tui::spawn_command(cmd, 250, 30);
    tui.start_first_segment();
    tui.send("+");
    tui.wait_text("of 16m");
    assert!(tui.in_alternate_screen());
    // No wait for the saver: what was on screen must reach the file anyway.
    tui.send("!");
    let code = tui.wait_exit(10);
    assert_ne!(code, 0, "a crash is not a clean exit");
    assert!(!tui.in_alternate_screen(), "left the alternate screen");

    let screen = tui.screen();
    assert!(
        screen.contains("circlekeeper stopped unexpectedly"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("Your session is saved in {}", session.display())),
        "{screen}"
    );
    let report = screen
        .lines()
        .find_map(|l| l.trim().strip_prefix("A crash report is in "))
        .unwrap_or_else(|| panic!("where the crash report is:\n{screen}"));
    let report = std::path::Path::new(report.trim());
    assert!(report.starts_with(home.path().join("data")), "{report:?}");
    let text = std::fs::read_to_string(report).expect("the crash report exists");
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(report), 0o600, "the report may quote names");
    assert_eq!(mode(report.parent().unwrap()), 0o700);
    assert!(text.contains("crashed"), "{text}");
    assert!(text.contains("CIRCLEKEEPER_TEST_PANIC"), "{text}");

    let saved = load_session(&session).expect("the session loads");
    let run: Vec<&RunEvent> = saved
        .events
        .iter()
        .filter_map(|e| match &e.event {
            Event::Run(r) => Some(r),
            _ => None,
        })
        .collect();
    assert!(
        matches!(
            run.as_slice(),
            [RunEvent::Start(_), RunEvent::AddTime { .. }]
        ),
        "{run:?}"
    );
}
