//! Helpers shared by the store's integration tests: running the real binary
//! on a file and checking how it refuses it.

#![allow(dead_code)]

pub mod pty;
pub mod screen;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use circlekeeper::core::breakout::{BreakoutEvent, Formed, GroupRef};
use circlekeeper::core::event::Event;
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::plan::Plan;
use circlekeeper::core::round::{Direction, RoundEvent};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::stack::{Jump, StackEvent};
use circlekeeper::store::text::session_to_string;
use jiff::{SignedDuration, Timestamp};

/// The binary, with its data folder pointed into `dir` so no test touches
/// the real one.
pub fn circlekeeper(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_circlekeeper"));
    cmd.env("CIRCLEKEEPER_DATA_DIR", dir.join("data"))
        .env("CIRCLEKEEPER_CONFIG_DIR", dir.join("config"));
    cmd
}

pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{stderr}"
    );
    (
        status.code().expect("exited, not killed by a signal"),
        String::from_utf8_lossy(&stdout).into_owned(),
        stderr,
    )
}

/// A refusal: what the binary said about a file it would not take.
pub struct Refusal {
    pub path: PathBuf,
    pub stderr: String,
}

impl Refusal {
    /// The `line:col` the message points at.
    pub fn place(&self) -> (usize, usize) {
        let prefix = format!("{}:", self.path.display());
        let rest = self
            .stderr
            .split_once(&prefix)
            .unwrap_or_else(|| panic!("the message names the file:\n{}", self.stderr))
            .1;
        let mut parts = rest.splitn(3, ':');
        let mut number = || -> usize {
            parts
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no line:col in:\n{}", self.stderr))
        };
        (number(), number())
    }

    pub fn at(&self, line: usize, col: usize) -> &Refusal {
        assert_eq!(self.place(), (line, col), "{}", self.stderr);
        self
    }

    pub fn says(&self, words: &str) -> &Refusal {
        assert!(
            self.stderr.contains(words),
            "expected {words:?} in:\n{}",
            self.stderr
        );
        self
    }
}

/// Writes `bytes` to `dir/name`, runs `circlekeeper <command> FILE`, and
/// checks it is refused cleanly: exit code 1, the file named in the message,
/// no panic, the file's bytes untouched and nothing left beside it (not
/// even a lock file).
pub fn refused(dir: &Path, command: &str, name: &str, bytes: &[u8]) -> Refusal {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    let unlocked = listing;
    let before = unlocked(dir);
    let (code, stdout, stderr) = run(circlekeeper(dir).arg(command).arg(&path));
    assert_eq!(
        code, 1,
        "{command} {name} must fail\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:", path.display())),
        "the message names the file:\n{stderr}"
    );
    assert!(fs::read(&path).unwrap() == bytes, "{name} was changed");
    assert_eq!(unlocked(dir), before, "{command} {name} left files behind");
    Refusal { path, stderr }
}

/// File names in a folder, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// 1-based line and column just past the end of `text`, counting characters.
pub fn end_of(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// 1-based line and column of the first `needle` in `text`.
pub fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let i = text.find(needle).expect("needle in text");
    end_of(&text[..i])
}

pub fn at(secs: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + secs).unwrap()
}

/// A session that got somewhere: the default plan, a roster, some events.
pub fn sample_session() -> Session {
    let mut plan: Plan = circlekeeper::commands::start::default_plan();
    plan.roster = vec!["Ana".into(), "李雷".into(), "Noor".into()];
    let mut s = Session::new(plan, at(0));
    s.push(at(60), Event::Run(RunEvent::Start(SegmentId(0))));
    s.push(
        at(90),
        Event::People(PeopleEvent::Arrived {
            id: PersonId(1),
            arrived: true,
        }),
    );
    s.push(
        at(120),
        Event::Run(RunEvent::AddTime {
            segment: SegmentId(0),
            by: SignedDuration::from_mins(5),
        }),
    );
    s.push(at(900), Event::Run(RunEvent::Start(SegmentId(1))));
    s
}

pub fn sample_session_text() -> String {
    session_to_string(&sample_session()).unwrap()
}

/// Events of every domain beside the run's, in an order replay accepts
/// once a segment is on (needs two people). The render sweep and the
/// mutation test use them; a new domain adds its events here.
pub fn events_of_every_domain() -> Vec<Event> {
    vec![
        Event::People(PeopleEvent::Arrived {
            id: PersonId(0),
            arrived: true,
        }),
        Event::Round(RoundEvent::Start {
            first: PersonId(1),
            direction: Direction::CounterClockwise,
        }),
        Event::Round(RoundEvent::Next),
        Event::Round(RoundEvent::Pass),
        Event::Stack(StackEvent::Add {
            person: PersonId(1),
            jump: Jump::PointOfProcess,
        }),
        Event::Stack(StackEvent::Next),
        Event::Note(circlekeeper::core::note::NoteEvent::Added(
            circlekeeper::core::note::Note {
                id: circlekeeper::core::note::NoteId(0),
                kind: circlekeeper::core::note::NoteKind::ParkingLot { moved_to: None },
                text: "Ask the landlord 🏠 about the roof, مرحبا, 屋根".into(),
                visibility: circlekeeper::core::note::Visibility::CircleOnly,
                segment: Some(SegmentId(0)),
                speaker: Some(PersonId(1)),
                group: None,
            },
        )),
        Event::Guide(circlekeeper::core::guide::GuideEvent::Voice {
            segment: SegmentId(0),
            person: PersonId(2),
        }),
        Event::Breakout(BreakoutEvent::Formed {
            segment: SegmentId(0),
            groups: vec![Formed {
                name: "Crew 🌱 屋根".into(),
                people: vec![PersonId(0), PersonId(1)],
                question: Some("What first?".into()),
                place: None,
            }],
        }),
        Event::Breakout(BreakoutEvent::Delegate {
            segment: SegmentId(0),
            group: 0,
            person: PersonId(1),
        }),
        Event::Breakout(BreakoutEvent::Mandate {
            segment: SegmentId(0),
            group: 0,
            question: "The roof".into(),
            mandate: circlekeeper::core::breakout::mandate::Mandate::Imperative(
                "Fix it first, مرحبا".into(),
            ),
        }),
        Event::Breakout(BreakoutEvent::Report {
            segment: SegmentId(0),
            group: GroupRef {
                breakout: SegmentId(0),
                group: 0,
            },
        }),
    ]
}

/// A roster in many scripts: Latin with accents and a combining mark, CJK,
/// fullwidth, Arabic, Hebrew, Devanagari, Thai, emoji with a skin tone and
/// ZWJ sequences, and a 60-character name; a check-in and an open floor.
pub const MANY_SCRIPTS: &str = r#"(
    title: "Many voices",
    roster: ["Tomás Nuñez", "Jose\u{301} Ferreira", "美玲", "Ｋｅｎｊｉ", "محمد الأحمد",
             "שׁלוֹם כהן", "प्रिया", "สมชาย ใจดี", "👩🏽‍🦱 Zoë", "👨‍👩‍👧 Familie",
             "Maximiliana Theodora Wilhelmina Augusta von Hohenzollern-Sig"],
    segments: [
        (title: "Check-in", kind: CheckIn, time: "15m", per_speaker: "1m",
         prompt: "One word for how you arrive"),
        (title: "Open floor", kind: OpenFloor, time: "30m", per_speaker: "1m",
         stack: Progressive),
    ],
)"#;
