//! Names in many scripts, through a real terminal emulator (vt100) at 80x24
//! and 200x60: a name is shown whole or cut with "…", never losing a letter
//! silently, and opening and closing a view leaves no stray cell behind.

mod common;

use common::MANY_SCRIPTS as PLAN;
use common::pty::Tui;

const LONG: &str = "Maximiliana Theodora Wilhelmina Augusta von Hohenzollern-Sig";

/// The row holding `needle`, if any.
fn row_with<'a>(rows: &'a [String], needle: &str) -> Option<&'a String> {
    rows.iter().find(|r| r.contains(needle))
}

/// The screen with its digits masked: clocks move on their own.
fn still(rows: Vec<String>) -> Vec<String> {
    rows.into_iter()
        .map(|r| r.trim_end().replace(|c: char| c.is_ascii_digit(), "#"))
        .collect()
}

/// The screen once a frame has arrived in full (a redraw comes in pieces):
/// two looks a moment apart that agree.
fn settled(tui: &Tui) -> Vec<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let mut last = still(tui.rows());
    loop {
        std::thread::sleep(std::time::Duration::from_millis(150));
        let now = still(tui.rows());
        if now[1..] == last[1..] || std::time::Instant::now() > deadline {
            return now;
        }
        last = now;
    }
}

/// Opens a view over the whole window with `open`, closes it with `close`,
/// and checks the screen is cell for cell what it was.
/// `shows` is text of the view, or "" for the room clock (the screen's tabs
/// go while it shows).
fn leaves_no_trace(tui: &mut Tui, open: &str, shows: &str, close: &str) {
    let before = settled(tui);
    let showing = |s: &str| {
        if shows.is_empty() {
            !s.contains("2 Live")
        } else {
            s.contains(shows)
        }
    };
    tui.send(open);
    tui.wait_for("the view", 10, showing);
    tui.send(close);
    tui.wait_for("the screen again", 10, |s| {
        !showing(s) && s.contains("2 Live")
    });
    // The status line says how saving goes, on its own; compare the rest.
    let after = settled(tui);
    assert_eq!(after[1..], before[1..], "after {open:?} and {close:?}");
}

fn names_fit_at(cols: u16, rows: u16) {
    let home = tempfile::tempdir().unwrap();
    let (mut tui, _) = Tui::run_plan(home.path(), PLAN, cols, rows);
    tui.wait_text("Ready");

    // People: every name whole, or cut with "…" when its column is narrow.
    tui.send("6");
    tui.wait_text("11 on the roster");
    let shown = settled(&tui);
    for name in [
        "Tomás Nuñez",
        "美玲",
        "Ｋｅｎｊｉ",
        "أحمد",
        "प्रिया",
        "สมชาย ใจดี",
    ] {
        assert!(row_with(&shown, name).is_some(), "{name}:\n{shown:#?}");
    }
    let long = row_with(&shown, "Maximiliana").expect("the long name");
    assert!(long.contains(LONG) || long.contains('…'), "{long}");
    leaves_no_trace(&mut tui, "r", "", "r");
    leaves_no_trace(&mut tui, "w", "New note", "\x1b");

    // Round: around the ring, a name is whole or ends in "…".
    tui.send(" 3");
    tui.wait_text("pick who starts");
    let ring = settled(&tui);
    let arabic = row_with(&ring, "محمد").expect("the Arabic name on the ring");
    assert!(arabic.contains("أحمد") || arabic.contains('…'), "{arabic}");
    let long = row_with(&ring, "Maximil").expect("the long name on the ring");
    assert!(long.contains('…'), "{long}");

    // The stack: hands raised by people in every script.
    tui.send("2n");
    tui.wait_text("OPEN FLOOR");
    tui.send("4");
    tui.wait_text("Progressive");
    for name in ["محمد", "प्रिया", "美玲", "Maximil"] {
        tui.raise_hand("a", name);
    }
    tui.wait_text("Maximil");
    let stack = settled(&tui).join("\n");
    let long = stack.lines().find(|r| r.contains("Maximil")).unwrap();
    assert!(long.contains('…') || long.contains(LONG), "{long}");
    assert!(stack.contains("أحمد"), "{stack}");
    tui.send("n");
    tui.wait_text("of 1m");
    leaves_no_trace(&mut tui, "r", "", "r");

    // Taking प्रिया's hand off moves 美玲 up into her row. The terminal laid
    // "प्रि" out in cells of its own; none of them may stay behind in the
    // columns 美玲 does not cover.
    let before = settled(&tui);
    let first = before.iter().find(|r| r.contains("› ")).unwrap();
    assert!(first.contains("प्रिया"), "{before:#?}");
    tui.send("x");
    tui.wait_for("美玲 in her row", 10, |s| {
        s.lines().any(|r| r.contains("› ") && r.contains("美玲"))
    });
    let after = settled(&tui).join("\n");
    for row in after.lines() {
        let whole = row.matches("प्रिया").count();
        for mark in ['\u{93e}', '\u{93f}', '\u{94d}'] {
            let marks = row.matches(mark).count();
            assert_eq!(marks, whole, "a stray {mark:?} in {row:?}\n{after}");
        }
    }

    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
}

#[test]
fn names_in_every_script_at_80x24() {
    names_fit_at(80, 24);
}

#[test]
fn names_in_every_script_at_200x60() {
    names_fit_at(200, 60);
}
