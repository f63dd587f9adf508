//! Two days of a gathering, each its own session, driven at the keyboard
//! in a pseudo-terminal. Friday: everyone comes, Kim keeps time, crews
//! form, Ana speaks. Saturday (`run --day Saturday`): the first frame says
//! what was picked up; the People screen suggests who has kept time least,
//! draws the timekeeper by lot among the volunteers here and shows the
//! draw; Live names the timekeeper; the crews guide shows Friday's crew
//! with 美玲 away; the stack, counting the whole gathering, puts Bo (who
//! has not spoken) before Ana (who spoke on Friday).

mod common;

use std::path::Path;

use common::pty::Tui;

const PLAN: &str = r#"(
    title: "Summit",
    gathering: "summit-e2e",
    roster: ["Ana", "Kim", "Bo", "美玲"],
    days: [
        (
            title: "Friday",
            date: "2027-05-14",
            start: "18:30",
            segments: [
                (title: "Crews", kind: Custom, time: "20m", activity: "crews"),
                (title: "Open floor", kind: OpenFloor, time: "30m", stack: Progressive,
                 roles: ["timekeeper"]),
            ],
        ),
        (
            title: "Saturday",
            start: "09:00",
            segments: [
                (title: "Check-in", kind: CheckIn, time: "20m", roles: ["timekeeper"]),
                (title: "Crews", kind: Custom, time: "30m", activity: "crews"),
                (title: "Open floor", kind: OpenFloor, time: "20m", stack: Progressive),
            ],
        ),
    ],
)"#;

fn day(home: &Path, name: &str) -> Tui {
    let plan = home.join("summit.ron");
    let mut cmd = Tui::command(home, &["run", plan.to_str().unwrap(), "--day", name]);
    cmd.env("TZ", "UTC");
    Tui::spawn_command(cmd, 80, 24)
}

/// The status line: the last row of the screen.
fn status(tui: &Tui) -> String {
    tui.rows().last().cloned().unwrap_or_default()
}

/// Esc alone: a key right after it would read as alt-key.
fn esc(tui: &mut Tui) {
    std::thread::sleep(std::time::Duration::from_millis(150));
    tui.send("\x1b");
    std::thread::sleep(std::time::Duration::from_millis(150));
}

#[test]
fn two_days_of_a_gathering_at_the_keyboard() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    std::fs::write(home.join("summit.ron"), PLAN).unwrap();

    // Friday.
    let mut tui = day(home, "Friday");
    tui.wait_text("Ready");
    tui.wait_for("the first frame's word", 5, |_| {
        status(&tui).starts_with("Gathering summit-e2e: the first session")
    });
    tui.send("6");
    tui.wait_text("4 on the roster");
    tui.send("hjhjhjh");
    tui.wait_text("4 here");
    // The roles panel starts on the plan's own role, timekeeper; enter
    // gives it to Kim.
    tui.send("kk\r");
    tui.wait_text("Kim is timekeeper");
    tui.send("2 ");
    tui.wait_text("RUNNING");
    tui.send("G");
    tui.wait_text("Crew 1: ");
    esc(&mut tui);
    tui.wait_text("Crews so far");
    tui.send("4");
    tui.raise_hand("a", "Ana");
    tui.send("n");
    tui.wait_for("Ana speaking", 10, |s| {
        s.contains("speaking") && !s.contains("Nobody speaking")
    });
    std::thread::sleep(std::time::Duration::from_millis(1200));
    tui.send("s");
    tui.wait_text("1 turn");
    tui.send("2n");
    tui.wait_text("timekeeper: Kim");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);

    // Saturday, as its own session.
    let mut tui = day(home, "Saturday");
    let ready = tui.wait_text("Ready");
    tui.wait_for("what was picked up, on the status line", 5, |_| {
        status(&tui).starts_with("Gathering summit-e2e: picked up 1 earlier session (Friday")
    });
    assert!(ready.contains("4 people"), "{ready}");
    assert!(ready.contains("1 crew, 1 role held"), "{ready}");
    tui.send("6");
    tui.wait_text("4 on the roster");
    // 美玲 stays away today.
    tui.send("hjhjh");
    let screen = tui.wait_text("3 here");
    let timekeeper = screen
        .lines()
        .find(|l| l.contains("◆ timekeeper"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        timekeeper.contains("Ana, Bo, Kim (1×"),
        "Kim kept time on Friday, so comes last: {timekeeper}"
    );
    // Bo and Ana volunteer; the draw is among them only.
    tui.send("^");
    tui.wait_text("Bo volunteers for timekeeper");
    tui.send("kk^");
    tui.wait_text("Ana volunteers for timekeeper");
    tui.send("~");
    let drawn = tui.wait_text("Drawn by lot · timekeeper");
    assert!(drawn.contains("among 2: Ana · Bo"), "{drawn}");
    assert!(drawn.contains("seed "), "{drawn}");
    let said = status(&tui);
    let holder = if said.starts_with("Ana drawn by lot") {
        "Ana"
    } else {
        assert!(said.starts_with("Bo drawn by lot"), "{said}");
        "Bo"
    };
    esc(&mut tui);
    tui.wait_text("3 here");
    tui.send("2 ");
    tui.wait_text(&format!("RUNNING   timekeeper: {holder}"));
    // The crews: Friday's, with who is not here.
    tui.send("n");
    // (The crew's order is Friday's draw.)
    tui.wait_for("Friday's crew with 美玲 away", 15, |s| {
        s.lines().any(|l| {
            l.starts_with("Crew 1 · ")
                && l.contains("not here: 美玲")
                && ["Ana", "Kim", "Bo"].iter().all(|n| l.contains(n))
        })
    });
    // The open floor's stack counts the whole gathering: Bo, who has not
    // spoken, goes before Ana, who spoke on Friday.
    tui.send("n4##");
    tui.wait_text("counting the whole gathering");
    tui.raise_hand("a", "Ana");
    tui.raise_hand("a", "Bo");
    // Ana raised her hand first; Bo is called first.
    let stack = tui.wait_text("n calls Bo");
    assert!(
        stack.contains("1 turn · 0:0"),
        "Friday's turn counts: {stack}"
    );
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
}
