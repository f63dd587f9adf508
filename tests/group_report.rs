//! A breakout held on another laptop: its group's report written by
//! `circlekeeper report`, carried as a file and imported on the plenary's
//! report-back, once, and never with a note kept in the circle.

use std::path::Path;
use std::process::{Command, Output};

use circlekeeper::core::breakout::mandate::{self, Mandate};
use circlekeeper::core::breakout::plan::{GroupCount, GroupPlan, Split};
use circlekeeper::core::breakout::report_back::ReportBack;
use circlekeeper::core::breakout::{GroupRef, actions, delegate};
use circlekeeper::core::event::Event;
use circlekeeper::core::note::{Note, NoteEvent, NoteKind, Visibility};
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use circlekeeper::store::file::save_session;
use circlekeeper::store::report::{ImportError, import, read};
use jiff::{SignedDuration, Timestamp};

const SECRET: &str = "Kim is moving out in June";

fn at(secs: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + secs).unwrap()
}

fn circlekeeper(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_circlekeeper"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

/// Logs an event and replays, as a test needs no faster.
fn log(session: &mut Session, secs: i64, event: Event) -> State {
    session.push(at(secs), event);
    State::replay(session)
}

fn breakout(title: &str, split: Split, groups: &[&str]) -> Segment {
    let mut s = Segment::new(title, SegmentKind::Breakout, SignedDuration::from_mins(30));
    s.split = Some(split);
    s.groups = groups
        .iter()
        .map(|n| GroupPlan {
            name: n.to_string(),
            question: None,
            place: None,
        })
        .collect();
    s
}

fn everyone_here(session: &mut Session) {
    let ids: Vec<PersonId> = session.roster.iter().map(|p| p.id).collect();
    for id in ids {
        session.push(
            at(1),
            Event::People(PeopleEvent::Arrived { id, arrived: true }),
        );
    }
}

/// Crew 3 meeting on its own laptop, by hand: a delegate, two mandates, a
/// shared note and one kept in the circle.
fn laptop() -> Session {
    let mut plan = Plan::new(
        "Crew 3 on the lawn",
        vec![breakout("Crews", Split::ByHand, &["Crew 3", "Visitors"])],
    );
    plan.roster = vec!["Ana".into(), "Kim".into(), "Tomás".into()];
    let mut s = Session::new(plan, at(0));
    everyone_here(&mut s);
    let mut state = log(&mut s, 10, Event::Run(RunEvent::Start(SegmentId(0))));
    for p in 0..3 {
        let ev = actions::move_to(&state, SegmentId(0), PersonId(p), Some(0)).unwrap();
        state = log(&mut s, 11, ev);
    }
    let crew = GroupRef {
        breakout: SegmentId(0),
        group: 0,
    };
    state = log(
        &mut s,
        12,
        delegate::name(&state, crew, PersonId(2)).unwrap(),
    );
    let ev = mandate::record(
        &state,
        crew,
        "Summer hours",
        Mandate::Imperative("Ten".into()),
    );
    state = log(&mut s, 13, ev.unwrap());
    let ev = actions::group_note(&state, crew, "The neighbours want quiet after ten").unwrap();
    state = log(&mut s, 14, ev);
    let mut secret = Note::new(state.notes.next_id(), NoteKind::Note, SECRET, None);
    secret.visibility = Visibility::CircleOnly;
    secret.group = Some(crew);
    log(&mut s, 15, Event::Note(NoteEvent::Added(secret)));
    s
}

/// The plenary: twelve people in four crews, Tomás among them, and the
/// report-back on.
fn plenary() -> (Session, State) {
    let mut plan = Plan::new(
        "Assembly",
        vec![
            breakout(
                "Crews",
                Split::Count(GroupCount::try_from(4).unwrap()),
                &["Crew 1", "Crew 2", "Crew 3", "Crew 4"],
            ),
            Segment::new(
                "Report-back",
                SegmentKind::ReportBack,
                SignedDuration::from_mins(20),
            ),
        ],
    );
    plan.roster = (0..11).map(|i| format!("P{i}")).collect();
    plan.roster.push("Tomás".into());
    let mut s = Session::new(plan, at(500));
    everyone_here(&mut s);
    let state = log(&mut s, 510, Event::Run(RunEvent::Start(SegmentId(0))));
    log(
        &mut s,
        511,
        actions::form(&state, SegmentId(0), at(511)).unwrap(),
    );
    let state = log(&mut s, 600, Event::Run(RunEvent::Start(SegmentId(1))));
    (s, state)
}

/// The laptop's session on disk and its report written by the binary.
fn written(dir: &Path) -> std::path::PathBuf {
    let session = dir.join("lawn.ron");
    save_session(&session, &laptop()).unwrap();
    let out = circlekeeper(
        dir,
        &["report", session.to_str().unwrap(), "--group", "crew 3"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = dir.join("crew3.ron");
    std::fs::write(&report, &out.stdout).unwrap();
    report
}

#[test]
fn report_prints_the_groups_report_without_what_stayed_in_the_circle() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(
        "// The report of Crew 3 (Crews), from the session \"Crew 3 on the lawn\".\n"
    ));
    assert!(text.contains("format: 1,"), "{text}");
    assert!(
        text.contains("The neighbours want quiet after ten"),
        "{text}"
    );
    assert!(text.contains("Imperative(\"Ten\")"), "{text}");
    assert!(text.contains("\"Tomás\""), "{text}");
    assert!(!text.contains(SECRET), "{text}");
    let report = read(&path).unwrap();
    assert_eq!((report.group.as_str(), report.people), ("Crew 3", 3));

    let session = dir.path().join("lawn.ron");
    let out = circlekeeper(
        dir.path(),
        &["report", session.to_str().unwrap(), "--group", "Crew 9"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no group named 'Crew 9'; the groups are: Crew 3, Visitors"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let out = circlekeeper(dir.path(), &["report", session.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "--group is required");
}

#[test]
fn a_report_lands_on_the_plenarys_report_back_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path());
    let (mut s, state) = plenary();
    let ev = import(&path, &state, SegmentId(1), None).unwrap();
    let state = log(&mut s, 700, ev);
    let crew = GroupRef {
        breakout: SegmentId(0),
        group: 2,
    };
    let g = state.breakouts.group(crew).unwrap();
    assert_eq!(g.delegates, [PersonId(11)], "Tomás, by name");
    let notes: Vec<&str> = state
        .notes
        .all()
        .filter(|n| n.group == Some(crew))
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(notes, ["The neighbours want quiet after ten"]);
    let r = ReportBack::new(&state, &s.plan, SegmentId(1), at(701)).unwrap();
    assert_eq!(r.not_yet_heard, ["Crew 1", "Crew 2", "Crew 4"]);
    let origin = r.groups[2].imported.as_ref().unwrap();
    assert_eq!(origin.file, path.display().to_string());
    assert_eq!(origin.session, "Crew 3 on the lawn");
    // Saved and opened again, it is still there, with its origin.
    let file = dir.path().join("assembly.ron");
    save_session(&file, &s).unwrap();
    let again = State::replay(&circlekeeper::store::file::read_session(&file).unwrap());
    assert_eq!(again.breakouts, state.breakouts);

    let err = import(&path, &state, SegmentId(1), None).unwrap_err();
    assert!(matches!(err, ImportError::Refused { .. }));
    assert!(
        err.to_string().contains("this report was already imported"),
        "{err}"
    );
}

#[test]
fn a_report_holding_a_note_kept_in_the_circle_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("visibility: Shared", "visibility: CircleOnly", 1),
    )
    .unwrap();
    let (_, state) = plenary();
    let err = import(&path, &state, SegmentId(1), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with("crew3.ron: note 1 of the report is kept in the circle; it must not leave its group, so the report is refused"),
        "{err}"
    );
}

#[test]
fn a_damaged_newer_or_wrong_file_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let (_, state) = plenary();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        text.replacen("group: \"Crew 3\",", "group: \"Crew 3\" people: 1,", 1),
    )
    .unwrap();
    let err = import(&bad, &state, SegmentId(1), None)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with(&format!("{}:", bad.display())), "{err}");
    let at = err[bad.display().to_string().len() + 1..].to_string();
    let (line, rest) = at.split_once(':').unwrap();
    let (col, _) = rest.split_once(':').unwrap();
    assert!(
        line.parse::<usize>().is_ok() && col.parse::<usize>().is_ok(),
        "{err}"
    );

    std::fs::write(&bad, text.replacen("format: 1,", "format: 2,", 1)).unwrap();
    let err = import(&bad, &state, SegmentId(1), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("made by a newer circlekeeper (group report format 2"),
        "{err}"
    );

    let session = dir.path().join("lawn.ron");
    let err = import(&session, &state, SegmentId(1), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("this is a session file, not a group report"),
        "{err}"
    );
    let err = import(dir.path(), &state, SegmentId(1), None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("is a folder"), "{err}");
}
