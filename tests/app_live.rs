//! The live run's key handling and bell, driven through `App` as plain calls.

mod common;

use circlekeeper::core::event::Event;
use circlekeeper::core::run::{RunEvent, SegmentId, Status};
use circlekeeper::tui::action::Action;
use common::screen::*;

#[test]
fn the_bell_rings_once_per_warning_and_only_when_on() {
    let mut app = app_with(
        default_plan(),
        &[(0, Event::Run(RunEvent::Start(SegmentId(0))))],
    );
    assert!(!app.bell_due(at(60)));
    assert!(!app.bell_due(at(13 * 60 + 30)), "bell is off by default");
    app.update(Action::ToggleBell, at(13 * 60 + 31));
    assert!(app.bell);
    assert!(
        !app.bell_due(at(13 * 60 + 40)),
        "same stage: no second ring"
    );
    assert!(
        app.bell_due(at(14 * 60 + 31)),
        "crossing into the last warning rings"
    );
    assert!(!app.bell_due(at(14 * 60 + 50)));
    assert!(app.bell_due(at(15 * 60 + 1)), "zero rings");
    // A new segment starts calm: nothing to ring.
    app.update(Action::Next, at(15 * 60 + 5));
    app.update(Action::Next, at(15 * 60 + 6));
    assert!(!app.bell_due(at(15 * 60 + 7)));
}

#[test]
fn space_and_n_walk_the_plan() {
    let mut app = app_with(default_plan(), &[]);
    app.update(Action::ToggleTimer, at(0));
    assert_eq!(app.state.run.current, Some(SegmentId(0)));
    app.update(Action::ToggleTimer, at(10));
    let p = app.state.run.progress(SegmentId(0)).unwrap();
    assert_eq!(p.status, Status::Paused);
    app.update(Action::ToggleTimer, at(100));
    assert!(app.state.run.is_running());
    // Two script lines: n moves to the second, then on to the next segment.
    app.update(Action::Next, at(110));
    assert_eq!(app.state.run.progress(SegmentId(0)).unwrap().cue, 1);
    app.update(Action::Previous, at(111));
    assert_eq!(app.state.run.progress(SegmentId(0)).unwrap().cue, 0);
    app.update(Action::Next, at(112));
    app.update(Action::Next, at(113));
    assert_eq!(app.state.run.current, Some(SegmentId(1)));
    assert_eq!(
        app.state.run.elapsed(SegmentId(0), at(10_000)).as_secs(),
        10 + 13,
        "paused time does not count"
    );
    app.update(Action::AddMinute, at(114));
    assert_eq!(app.state.run.time_box(SegmentId(1)).as_secs(), 16 * 60);
    app.update(Action::Undo, at(115));
    assert_eq!(app.state.run.time_box(SegmentId(1)).as_secs(), 15 * 60);
    // Everything the app did is in the log, for the saver.
    assert_eq!(app.take_unsaved().len(), 9);
}

#[test]
fn ending_the_session_asks_first_and_then_starts_nothing() {
    use crossterm::event::{KeyCode, KeyEvent};
    let mut app = app_with(
        default_plan(),
        &[(0, Event::Run(RunEvent::Start(SegmentId(0))))],
    );
    app.update(Action::CloseSession, at(10));
    app.on_key(KeyEvent::from(KeyCode::Char('n')), at(11));
    assert!(!app.state.closed, "any key but y keeps it going");
    app.update(Action::CloseSession, at(12));
    let screen = text(&draw(&app, at(12), 80, 24));
    assert!(screen.contains("End the session now?"), "{screen}");
    app.on_key(KeyEvent::from(KeyCode::Char('y')), at(13));
    assert!(app.state.closed && app.state.finished());
    assert_eq!(app.state.run.current, None, "the running segment ended");
    app.update(Action::ToggleTimer, at(14));
    assert_eq!(app.state.run.current, None, "nothing new starts");
    assert!(app.flash.as_deref().unwrap_or("").contains("ended"));
    let screen = text(&draw(&app, at(15), 80, 24));
    assert!(screen.contains("This session has ended."), "{screen}");
}

#[test]
fn a_late_start_counts_but_another_hour_or_day_does_not() {
    let start = |clock: &str, date: Option<&str>| {
        let mut plan = default_plan();
        plan.start = Some(clock.parse().unwrap());
        plan.date = date.map(|d| d.parse().unwrap());
        plan
    };
    // Planned for 18:00, begun at 18:07: seven minutes late from the start.
    let app = app_with(
        start("18:00", None),
        &[(7 * 60, Event::Run(RunEvent::Start(SegmentId(0))))],
    );
    assert_eq!(app.planned_start(), Some(at(0)));
    let screen = text(&draw(&app, at(8 * 60), 80, 24));
    assert!(
        screen.contains("planned 20:00 · projected 20:07 · +7 min"),
        "{screen}"
    );
    // Planned for the evening but tried out at 18:00: measured from the start.
    let app = app_with(
        start("21:30", None),
        &[(0, Event::Run(RunEvent::Start(SegmentId(0))))],
    );
    assert_eq!(app.planned_start(), None);
    let screen = text(&draw(&app, at(60), 80, 24));
    assert!(screen.contains("· on time"), "{screen}");
    // Planned for another day.
    let app = app_with(start("18:00", Some("2026-12-24")), &[]);
    assert_eq!(app.planned_start(), None);
}

#[test]
fn a_voice_in_a_conversation_is_the_speaker_for_notes_and_the_room_clock() {
    use circlekeeper::core::guide::GuideEvent;
    use circlekeeper::core::person::PersonId;
    use circlekeeper::core::plan::{Segment, SegmentKind};
    let mut plan = default_plan();
    plan.roster = vec!["Ana".into(), "Idris".into()];
    plan.segments.insert(
        0,
        Segment::new(
            "The conversation",
            SegmentKind::AntiRetreat,
            jiff::SignedDuration::from_mins(60),
        ),
    );
    let app = app_with(
        plan,
        &[
            (0, Event::Run(RunEvent::Start(SegmentId(0)))),
            (
                5,
                Event::Guide(GuideEvent::Voice {
                    segment: SegmentId(0),
                    person: PersonId(1),
                }),
            ),
        ],
    );
    let speaker = circlekeeper::tui::notes_update::current_speaker(&app.state);
    assert_eq!(speaker, Some(PersonId(1)));
    let mut app = app;
    app.update(Action::RoomClock, at(65));
    let screen = text(&draw(&app, at(65), 80, 24));
    assert!(screen.contains("Idris"), "{screen}");
}
