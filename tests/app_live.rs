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
    assert_eq!(app.state().run.current, Some(SegmentId(0)));
    app.update(Action::ToggleTimer, at(10));
    let p = app.state().run.progress(SegmentId(0)).unwrap();
    assert_eq!(p.status, Status::Paused);
    app.update(Action::ToggleTimer, at(100));
    assert!(app.state().run.is_running());
    // Two script lines: n moves to the second, then on to the next segment.
    app.update(Action::Next, at(110));
    assert_eq!(app.state().run.progress(SegmentId(0)).unwrap().cue, 1);
    app.update(Action::Previous, at(111));
    assert_eq!(app.state().run.progress(SegmentId(0)).unwrap().cue, 0);
    app.update(Action::Next, at(112));
    app.update(Action::Next, at(113));
    assert_eq!(app.state().run.current, Some(SegmentId(1)));
    assert_eq!(
        app.state().run.elapsed(SegmentId(0), at(10_000)).as_secs(),
        10 + 13,
        "paused time does not count"
    );
    app.update(Action::AddMinute, at(114));
    assert_eq!(app.state().run.time_box(SegmentId(1)).as_secs(), 16 * 60);
    app.update(Action::Undo, at(115));
    assert_eq!(app.state().run.time_box(SegmentId(1)).as_secs(), 15 * 60);
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
    assert!(!app.state().closed, "any key but y keeps it going");
    app.update(Action::CloseSession, at(12));
    let screen = text(&draw(&app, at(12), 80, 24));
    assert!(screen.contains("End the session now?"), "{screen}");
    app.on_key(KeyEvent::from(KeyCode::Char('y')), at(13));
    assert!(app.state().closed && app.state().finished());
    assert_eq!(app.state().run.current, None, "the running segment ended");
    app.update(Action::ToggleTimer, at(14));
    assert_eq!(app.state().run.current, None, "nothing new starts");
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
        screen.contains("planned end 20:00 · projected 20:07 · +7 min"),
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
    let speaker = app.state().running_turn().map(|t| t.person);
    assert_eq!(speaker, Some(PersonId(1)));
    let mut app = app;
    app.update(Action::RoomClock, at(65));
    let screen = text(&draw(&app, at(65), 80, 24));
    assert!(screen.contains("Idris"), "{screen}");
}

#[test]
fn a_jump_while_a_segment_runs_asks_and_plan_undo_takes_it_back() {
    use circlekeeper::tui::app::Screen;
    use circlekeeper::tui::screens::plan::PlanPrompt;
    use crossterm::event::{KeyCode, KeyEvent};
    let mut app = app_with(
        default_plan(),
        &[(0, Event::Run(RunEvent::Start(SegmentId(3))))],
    );
    app.screen = Screen::Plan;
    app.views.plan.cursor = 1;
    app.update(Action::SetTime, at(5));
    app.on_key(KeyEvent::from(KeyCode::Enter), at(6));
    app.views.plan.cursor = 5;
    app.update(Action::JumpTo, at(60));
    assert_eq!(
        app.views.plan.prompt,
        Some(PlanPrompt::ConfirmJump(SegmentId(5)))
    );
    let screen = text(&draw(&app, at(60), 80, 24));
    assert!(
        screen.contains("End 'Open floor' (34 min left)"),
        "{screen}"
    );
    app.on_key(KeyEvent::from(KeyCode::Esc), at(61));
    assert_eq!(app.state().run.current, Some(SegmentId(3)), "esc keeps it");
    assert_eq!(app.flash.as_deref(), Some("Open floor goes on"));
    app.update(Action::JumpTo, at(62));
    app.on_key(KeyEvent::from(KeyCode::Char('y')), at(63));
    assert_eq!(app.state().run.current, Some(SegmentId(5)));
    assert_eq!(app.screen, Screen::Live);
    // Back on the Plan screen, u takes back the jump, not the time box.
    app.screen = Screen::Plan;
    app.views.plan.cursor = 0;
    app.update(Action::Undo, at(70));
    assert_eq!(app.flash.as_deref(), Some("undone: jump to Harvest"));
    assert_eq!(app.state().run.current, Some(SegmentId(3)));
    assert_eq!(
        app.views.plan.cursor, 5,
        "the cursor is on the segment it was about"
    );
    app.update(Action::Undo, at(71));
    assert_eq!(
        app.flash.as_deref(),
        Some("undone: time box of Opening circle")
    );
    // Then the start it began with (from the Plan screen too), then nothing.
    app.update(Action::Undo, at(72));
    assert_eq!(app.flash.as_deref(), Some("undone: jump to Open floor"));
    app.update(Action::Undo, at(73));
    assert_eq!(app.flash.as_deref(), Some("nothing here to undo"));
    // Nothing on: a jump starts at once, no question.
    let mut app = app_with(default_plan(), &[]);
    app.screen = Screen::Plan;
    app.views.plan.cursor = 2;
    app.update(Action::JumpTo, at(1));
    assert_eq!(app.views.plan.prompt, None);
    assert_eq!(app.state().run.current, Some(SegmentId(2)));
}

#[test]
fn every_undo_says_what_it_took_back() {
    use circlekeeper::core::note::{Note, NoteEvent, NoteId, NoteKind};
    use circlekeeper::core::person::PersonId;
    use circlekeeper::core::stack::{Jump, StackEvent};
    use circlekeeper::tui::app::Screen;
    let mut plan = default_plan();
    plan.roster = vec!["Ana".into(), "Kim".into()];
    let mut app = app_with(plan, &[(0, Event::Run(RunEvent::Start(SegmentId(3))))]);
    let undo = |app: &mut circlekeeper::tui::app::App, screen, t| {
        app.screen = screen;
        app.update(Action::Undo, at(t));
        app.flash.clone().unwrap_or_default()
    };
    app.update(Action::AddMinute, at(10));
    assert_eq!(
        undo(&mut app, Screen::Live, 11),
        "undone: +1m on Open floor"
    );
    let hand = StackEvent::Add {
        person: PersonId(0),
        jump: Jump::PointOfProcess,
    };
    app.log(at(20), Event::Stack(hand));
    assert_eq!(
        undo(&mut app, Screen::Stack, 21),
        "undone: point of process of Ana"
    );
    app.screen = Screen::People;
    app.update(Action::ToggleArrived, at(30));
    assert_eq!(undo(&mut app, Screen::People, 31), "undone: arrival of Ana");
    let mut note = Note::new(NoteId(0), NoteKind::Decision, "Meet Mondays", None);
    note.speaker = Some(PersonId(1));
    app.log(at(40), Event::Note(NoteEvent::Added(note)));
    assert_eq!(undo(&mut app, Screen::Notes, 41), "undone: decision by Kim");
    assert_eq!(undo(&mut app, Screen::Round, 42), "nothing here to undo");
}
