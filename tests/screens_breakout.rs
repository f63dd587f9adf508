//! The breakout guides on the Live screen: the board of groups, the groups
//! large for the room, and the report-back with an imported report;
//! snapshots, and what their keys log.

mod common;

use circlekeeper::core::event::Event;
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::plan::Plan;
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::action::Action;
use circlekeeper::tui::app::App;
use common::screen::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PLAN: &str = r#"(
    title: "Assembly",
    roster: ["Tomás", "美玲", "محمد الأحمد", "प्रिया", "Zoë", "Ana", "Kim", "Bo"],
    segments: [
        (title: "Groups", kind: Breakout, time: "30m", split: Count(4), delegates: 1,
         questions: ["The shared fund"], prompt: "What should the fund pay for first?"),
        (title: "Back together", kind: ReportBack, time: "15m", per_speaker: "2m"),
    ],
)"#;

fn plan() -> Plan {
    plan_from_str(std::path::Path::new("breakout.ron"), PLAN).unwrap()
}

/// The breakout on, everyone here.
fn breakout() -> App {
    let mut events = vec![(0, Event::Run(RunEvent::Start(SegmentId(0))))];
    events.extend((0..8).map(|id| {
        (
            5,
            Event::People(PeopleEvent::Arrived {
                id: PersonId(id),
                arrived: true,
            }),
        )
    }));
    app_with(plan(), &events)
}

fn screen(app: &App, secs: i64, w: u16, h: u16) -> String {
    text(&draw(app, at(secs), w, h))
}

fn press(app: &mut App, code: KeyCode, secs: i64) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE), at(secs));
}

fn key(app: &mut App, c: char, secs: i64) {
    press(app, KeyCode::Char(c), secs);
}

fn type_line(app: &mut App, line: &str, secs: i64) {
    app.on_paste(line);
    press(app, KeyCode::Enter, secs);
}

fn group_of(app: &App, person: u32) -> Option<u32> {
    app.state()
        .breakouts
        .get(SegmentId(0))
        .and_then(|b| b.group_of(PersonId(person)))
}

/// Forms four groups, names the first person's delegate, records a
/// mandate and a note, moves someone: what the board shows after.
fn worked() -> App {
    let mut app = breakout();
    key(&mut app, 'G', 10);
    key(&mut app, 'D', 20);
    key(&mut app, 'M', 30);
    type_line(&mut app, "Rent first, then tools", 30);
    key(&mut app, 'w', 40);
    type_line(&mut app, "美玲 drafts the letter", 40);
    app
}

#[test]
fn the_board_shows_every_group_with_its_time_delegates_and_mandate() {
    let app = worked();
    let b = app.state().breakouts.get(SegmentId(0)).unwrap();
    assert_eq!(b.groups.len(), 4);
    assert!(b.groups.iter().all(|g| g.people.len() == 2));
    let g = &b.groups[0];
    assert_eq!(
        g.delegates,
        vec![g.people[0]],
        "D names the one under the cursor"
    );
    assert!(g.mandate("The shared fund").is_some());
    let note = app.state().notes.all().last().unwrap();
    assert_eq!(note.text, "美玲 drafts the letter");
    assert_eq!(
        note.group.map(|r| r.group),
        Some(0),
        "filed under the group"
    );
    let s = screen(&app, 60, 80, 24);
    insta::assert_snapshot!("breakout_board_80x24", s);
    assert!(s.contains("29:00"), "every group's time left: {s}");
    assert!(s.contains("mandate: imperative · notes: 1"), "{s}");
    insta::assert_snapshot!("breakout_board_200x60", screen(&app, 60, 200, 60));
}

#[test]
fn moving_someone_is_one_key_and_the_cursor_follows() {
    let mut app = worked();
    let first = app.state().breakouts.get(SegmentId(0)).unwrap().groups[0].people[0];
    key(&mut app, ']', 50);
    assert_eq!(group_of(&app, first.0), Some(1));
    key(&mut app, '[', 51);
    assert_eq!(group_of(&app, first.0), Some(0));
    key(&mut app, '[', 52);
    assert_eq!(group_of(&app, first.0), Some(3), "round the end");
    app.update(Action::Undo, at(53));
    assert_eq!(group_of(&app, first.0), Some(0), "u takes the move back");
}

#[test]
fn a_late_arrival_joins_the_smallest_group_and_a_delegate_is_recalled() {
    let mut app = worked();
    let mut lena = circlekeeper::core::person::Person::new(PersonId(8), "Lena", 8);
    lena.arrived = true;
    app.timeline
        .record(at(70), Event::People(PeopleEvent::Joined(lena)));
    assert!(group_of(&app, 8).is_some(), "placed in a group");
    // D on a delegate recalls them.
    key(&mut app, 'D', 80);
    let g = &app.state().breakouts.get(SegmentId(0)).unwrap().groups[0];
    assert!(g.delegates.is_empty());
    assert_eq!(g.recalls.len(), 1);
}

#[test]
fn the_groups_large_for_the_room() {
    let mut app = worked();
    key(&mut app, 'v', 60);
    let s = screen(&app, 60, 160, 48);
    insta::assert_snapshot!("breakout_groups_large_160x48", s);
    assert!(s.contains("Groups · Groups"), "{s}");
    press(&mut app, KeyCode::Esc, 61);
    assert!(!screen(&app, 61, 80, 24).contains("esc closes"));
}

/// A report as another laptop writes it.
const REPORT: &str = r#"// The report of Group 3 (Groups), from the session "Group 3 on the lawn".
(
    format: 1,
    session: "Group 3 on the lawn",
    created: "2026-11-23T18:00:00Z",
    breakout: "Groups",
    group: "Group 3",
    exported: "2026-11-23T18:40:00Z",
    people: 2,
    delegates: ["Ana"],
    mandates: [(question: "The shared fund", mandate: Open)],
    notes: [(kind: Note, text: "Ask the landlord first", visibility: Shared)],
)
"#;

#[test]
fn the_report_back_hears_each_group_and_imports_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("group3.ron");
    std::fs::write(&path, REPORT).unwrap();
    let mut app = worked();
    app.timeline
        .record(at(1800), Event::Run(RunEvent::Start(SegmentId(1))));
    key(&mut app, 'n', 1810);
    key(&mut app, 'w', 1850);
    type_line(&mut app, "Rent first, then tools", 1850);
    key(&mut app, 'i', 1900);
    type_line(&mut app, path.to_str().unwrap(), 1900);
    app.settle(at(1900));
    let s = screen(&app, 1930, 80, 24);
    insta::assert_snapshot!("report_back_80x24", s);
    assert!(s.contains("2 of 4 groups heard"), "{s}");
    assert!(s.contains("Not yet heard: Group 2, Group 4"), "{s}");
    assert!(s.contains("Rent first, then tools"), "{s}");
    let note = app.state().notes.all().last().unwrap();
    assert_eq!(note.text, "Ask the landlord first");
    assert_eq!(note.group.map(|g| g.group), Some(2), "lands under Group 3");
    // The same report twice is refused.
    key(&mut app, 'i', 1940);
    type_line(&mut app, path.to_str().unwrap(), 1940);
    app.settle(at(1940));
    assert!(
        screen(&app, 1940, 200, 60).contains("NOT imported"),
        "{}",
        screen(&app, 1940, 200, 60)
    );
    // s stops the report; n hears the next group not yet heard.
    key(&mut app, 's', 1950);
    key(&mut app, 'n', 1960);
    let s = screen(&app, 1970, 200, 60);
    insta::assert_snapshot!("report_back_200x60", s);
    assert!(s.contains("Now: Group 2"), "{s}");
}
