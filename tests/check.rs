//! `circlekeeper check` from the outside: output format, exit codes, and
//! notes learned from earlier sessions in the data folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use circlekeeper::core::event::Event;
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::store::file::save_session;
use circlekeeper::store::text::plan_from_str;
use jiff::Timestamp;

const CROWDED: &str = r#"// A check-in too small for its circle.
(
    title: "Crowded",
    people: 24,
    segments: [
        (
            title: "Welcome (with tea)",
            kind: WelcomeCircle,
            time: "10m",
        ),
        (
            title: "Check-in",
            kind: CheckIn,
            time: "30m",
            per_speaker: "1m 30s",
            transition: "10s",
        ),
        (title: "Check-out", kind: ClosingRound, time: "30m"),
    ],
)
"#;

const FINE: &str = r#"(
    title: "Fine",
    segments: [
        (title: "Check-in", kind: CheckIn, time: "20m"),
        (title: "Check-out", kind: ClosingRound, time: "10m"),
    ],
)
"#;

struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        Folder {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn check(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_circlekeeper"))
            .arg("--data-dir")
            .arg(self.data())
            .arg("check")
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("CIRCLEKEEPER_DATA_DIR")
            .output()
            .unwrap()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn warnings_print_like_a_compiler_and_exit_0() {
    let f = Folder::new();
    f.write("crowded.ron", CROWDED);
    let out = f.check(&["crowded.ron"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        stdout(&out),
        "crowded.ron:11: warning[CK002]: segment 2 'Check-in': 24 x 1m 30s + 24 x 10s = 40m, box is 30m\n\
         \x20   = help: give it 40m, or at most 1m 5s per speaker\n\
         crowded.ron: 1 warning ('Crowded', 3 segments, 1h 10m)\n"
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn people_on_the_command_line_wins_over_the_plan() {
    let f = Folder::new();
    f.write("crowded.ron", CROWDED);
    let out = f.check(&["crowded.ron", "--people", "12"]);
    assert_eq!(
        stdout(&out),
        "crowded.ron: ok ('Crowded', 3 segments, 1h 10m)\n"
    );
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let f = Folder::new();
    f.write("crowded.ron", CROWDED);
    f.write("fine.ron", FINE);
    let out = f.check(&["crowded.ron", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("warning[CK002]"));
    let out = f.check(&["fine.ron", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(stdout(&out), "fine.ron: ok ('Fine', 2 segments, 30m)\n");
}

#[test]
fn errors_exit_1_and_other_files_are_still_checked() {
    let f = Folder::new();
    f.write(
        "broken.ron",
        "(\n  title: \"Broken\",\n  segments: [(title: \"A\", kind: Custom, tiem: \"5m\")],\n)\n",
    );
    f.write("crowded.ron", CROWDED);
    let out = f.check(&["broken.ron", "crowded.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: broken.ron:3:"), "{err}");
    assert!(stdout(&out).contains("crowded.ron: 1 warning"));
}

/// A real session in which the check-in ran `minutes` against its 20m box.
fn session_with_check_in(minutes: i64, rehearsal: bool, at: i64) -> Session {
    let plan = plan_from_str(Path::new("fine.ron"), FINE).unwrap();
    let t = |m: i64| Timestamp::from_second(1_800_000_000 + at + m * 60).unwrap();
    let mut s = Session::new(plan, t(0));
    s.rehearsal = rehearsal;
    s.push(t(0), Event::Run(RunEvent::Start(SegmentId(0))));
    s.push(t(minutes), Event::Run(RunEvent::End));
    s
}

#[test]
fn earlier_real_sessions_add_a_note_under_the_segment() {
    let f = Folder::new();
    f.write("fine.ron", FINE);
    let sessions = f.data().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    save_session(
        &sessions.join("a.ron"),
        &session_with_check_in(30, false, 0),
    )
    .unwrap();
    save_session(
        &sessions.join("b.ron"),
        &session_with_check_in(26, false, 9000),
    )
    .unwrap();
    save_session(
        &sessions.join("c.ron"),
        &session_with_check_in(60, true, 20000),
    )
    .unwrap();
    // Left with the check-in still on, 28 minutes in when the log stops:
    // it ran past its box, so it teaches too.
    let mut left = session_with_check_in(28, false, 30000);
    let last = left.events.pop().unwrap();
    left.push(last.at, Event::Run(RunEvent::Cue(0)));
    save_session(&sessions.join("d.ron"), &left).unwrap();
    std::fs::write(sessions.join("junk.ron"), "not a session").unwrap();
    let out = f.check(&["fine.ron"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "fine.ron:4: note: segment 1 'Check-in': check-ins ran 1.4x their time box in 3 earlier \
         sessions; at that pace this 20m box takes about 28m\n\
         fine.ron: note: history: learned from 3 earlier sessions (3 left unfinished) in the \
         data folder\n\
         fine.ron: ok ('Fine', 2 segments, 30m)\n"
    );
}
