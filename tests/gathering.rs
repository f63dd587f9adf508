//! A gathering over two days, run as two sessions: the first day's session
//! leaves its crews, roles, airtime and follow-ups in the gathering's record;
//! `run --day Saturday` picks them up and says so; `gathering` shows the
//! record, as text and as JSON, and rebuilds it from the sessions.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use circlekeeper::core::event::Event;
use circlekeeper::core::guide::GuideEvent;
use circlekeeper::core::note::{Note, NoteEvent, NoteId, NoteKind};
use circlekeeper::core::person::{PeopleEvent, Person, PersonId};
use circlekeeper::core::roles::RoleEvent;
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::stack::{Jump, StackEvent};
use circlekeeper::store::file::{load_plan, read_session, save_session};
use common::pty::Tui;
use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

const PLAN: &str = r#"(
    title: "Summit",
    gathering: "summit-test",
    roster: ["Ana", "Kim", "Bo", "美玲"],
    days: [
        (
            title: "Friday",
            date: "2027-05-14",
            start: "18:30",
            segments: [
                (title: "Crews", kind: Custom, time: "20m", activity: "crews"),
                (title: "Open floor", kind: OpenFloor, time: "30m", stack: Progressive),
            ],
        ),
        (
            title: "Saturday",
            start: "09:00",
            segments: [
                (title: "Check-in", kind: CheckIn, time: "20m", roles: ["timekeeper"]),
                (title: "Crews", kind: Custom, time: "30m", activity: "crews"),
            ],
        ),
    ],
)"#;

fn ck(home: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_circlekeeper"))
        .args(args)
        .env("CIRCLEKEEPER_DATA_DIR", home.join("data"))
        .env("CIRCLEKEEPER_CONFIG_DIR", home.join("config"))
        .env("TZ", "UTC")
        .current_dir(home)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Friday as it ran: everyone came and Zoë walked in; two crews; Kim kept
/// time; Ana spoke twice; a follow-up was noted.
fn friday(plan_file: &Path) -> Session {
    let plan = load_plan(plan_file).unwrap().only_day(0).unwrap();
    let t = |s: i64| Timestamp::from_second(1_700_000_000 + s).unwrap();
    let mut s = Session::new(plan, t(0));
    s.push(
        t(1),
        Event::People(PeopleEvent::Joined(Person::new(PersonId(4), "Zoë", 4))),
    );
    for id in 0..5 {
        s.push(
            t(2),
            Event::People(PeopleEvent::Arrived {
                id: PersonId(id),
                arrived: true,
            }),
        );
    }
    s.push(t(10), Event::Run(RunEvent::Start(SegmentId(0))));
    s.push(
        t(11),
        Event::Roles(RoleEvent::Assign {
            role: "timekeeper".into(),
            person: PersonId(1),
            alongside: false,
        }),
    );
    s.push(
        t(20),
        Event::Guide(GuideEvent::GroupsFormed {
            segment: SegmentId(0),
            step: 0,
            groups: vec![
                vec![PersonId(0), PersonId(1)],
                vec![PersonId(2), PersonId(3), PersonId(4)],
            ],
            crews: true,
        }),
    );
    s.push(t(1210), Event::Run(RunEvent::Start(SegmentId(1))));
    for (at, who, secs) in [(1220, 0, 60), (1300, 2, 30), (1400, 0, 90)] {
        s.push(
            t(at),
            Event::Stack(StackEvent::Add {
                person: PersonId(who),
                jump: Jump::NoJump,
            }),
        );
        s.push(t(at), Event::Stack(StackEvent::Next));
        s.push(t(at + secs), Event::Stack(StackEvent::EndTurn));
    }
    let mut note = Note::new(NoteId(0), NoteKind::Note, "a call about the fund", None);
    note.kind = NoteKind::FollowUp {
        who: vec![PersonId(0)],
        with: vec![PersonId(1)],
        by: None,
    };
    s.push(t(1500), Event::Note(NoteEvent::Added(note)));
    s.push(t(3000), Event::Run(RunEvent::End));
    s.push(t(3001), Event::Closed);
    s
}

fn sessions_in(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.ends_with(".ron") && !name.starts_with('.')
        })
        .collect();
    found.sort();
    found
}

#[test]
fn two_days_of_a_gathering_as_two_sessions() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let plan = home.join("summit.ron");
    std::fs::write(&plan, PLAN).unwrap();
    let sessions = home.join("data").join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    save_session(&sessions.join("friday.ron"), &friday(&plan)).unwrap();

    // The record, made from Friday's session on first asking.
    let (code, out, err) = ck(home, &["gathering", "summit-test"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Gathering summit-test: 1 session, 5 people, 2 crews"),
        "{out}"
    );
    assert!(
        out.contains("  Ana · Friday 2023-11-14 · 2 turns, 2m 30s"),
        "{out}"
    );
    assert!(
        out.contains("  美玲 · Friday 2023-11-14 · has not spoken yet"),
        "{out}"
    );
    assert!(out.contains("  2. Bo, 美玲, Zoë"), "{out}");
    assert!(
        out.contains("  timekeeper: Kim (Friday 2023-11-14)"),
        "{out}"
    );
    assert!(
        out.contains("  - Ana with Kim: a call about the fund · follow-up"),
        "{out}"
    );
    assert!(out.contains("(made from its sessions)"), "{out}");
    let record = home.join("data").join("gatherings").join("summit-test.ron");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&record).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    // Saturday as its own session: it picks the record up and says so.
    let mut cmd = Tui::command(home, &["run", plan.to_str().unwrap(), "--day", "Saturday"]);
    cmd.env("TZ", "UTC");
    let mut tui = Tui::spawn_command(cmd, 80, 24);
    tui.wait_text("Check-in");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
    let screen = tui.screen();
    assert!(
        screen.contains("Gathering summit-test: picked up 1 earlier session (Friday 2023-11-14)"),
        "{screen}"
    );
    let saturday_file = sessions_in(&sessions)
        .into_iter()
        .find(|p| !p.ends_with("friday.ron"))
        .expect("Saturday's session");
    let saturday = read_session(&saturday_file).unwrap();
    assert_eq!(saturday.title, "Summit · Saturday");
    assert_eq!(saturday.plan.segments.len(), 2);
    let carried = saturday.gathering.as_ref().expect("picked up");
    assert_eq!(carried.crews.len(), 2);
    let zoe = saturday
        .roster
        .iter()
        .find(|p| p.name == "Zoë")
        .expect("Zoë is seated");
    assert!(!zoe.arrived, "seated, not yet marked here");
    assert!(carried.crews.iter().any(|c| c.contains(&zoe.id)));
    let ana = carried
        .spoken
        .iter()
        .find(|s| s.person == PersonId(0))
        .unwrap();
    assert_eq!((ana.turns, ana.time), (2, SignedDuration::from_secs(150)));
    assert_eq!(carried.held[0].role, "timekeeper");

    // Quitting brought the record up to date: two sessions now.
    let (code, out, _) = ck(home, &["gathering", "summit-test", "--format", "json"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["id"], "summit-test");
    assert_eq!(json["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(json["sessions"][1]["day"], "Saturday");
    assert_eq!(json["people"][0]["spoken"], "2m 30s");
    assert_eq!(json["crews"].as_array().unwrap().len(), 2);

    // The list of gatherings.
    let (_, out, _) = ck(home, &["gathering"]);
    assert!(out.starts_with("summit-test  2 sessions  latest "), "{out}");

    // A damaged record is named with its place, and rebuilt from the sessions.
    std::fs::write(
        &record,
        "(format: 1, id: \"summit-test\",\n  sessions: [oops",
    )
    .unwrap();
    let (code, _, err) = ck(home, &["gathering", "summit-test"]);
    assert_eq!(code, 1);
    assert!(err.contains("summit-test.ron:2:"), "{err}");
    assert!(err.contains("--rebuild` makes it again"), "{err}");
    let (code, out, err) = ck(home, &["gathering", "summit-test", "--rebuild"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(rebuilt from 2 sessions)"), "{out}");
    assert!(
        out.starts_with("Gathering summit-test: 2 sessions"),
        "{out}"
    );
}

#[test]
fn a_day_that_is_not_there_or_a_plan_without_days_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    std::fs::write(home.join("summit.ron"), PLAN).unwrap();
    let (code, _, err) = ck(home, &["runsheet", "summit.ron", "--day", "Sunday"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no day \"Sunday\" in this plan; its days are Friday (1), Saturday (2)"),
        "{err}"
    );
    let (code, out, _) = ck(home, &["runsheet", "summit.ron", "--day", "sat"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# Summit · Saturday\n"), "{out}");
    let (code, _, err) = ck(
        home,
        &[
            "runsheet",
            &format!("{}/assets/default-plan.ron", env!("CARGO_MANIFEST_DIR")),
            "--day",
            "1",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("is one day"), "{err}");
    let (code, _, err) = ck(home, &["gathering", "nobody-here"]);
    assert_eq!(code, 1);
    assert!(err.contains("no gathering \"nobody-here\""), "{err}");
    let (code, _, _) = ck(home, &["gathering", "../etc"]);
    assert_eq!(code, 1);
}
