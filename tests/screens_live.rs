//! Snapshots of the live-run screens at 80x24 and 160x48, with the cell
//! styles checked where colour carries meaning.

mod common;

use circlekeeper::core::event::Event;
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::tui::action::Action;
use circlekeeper::tui::app::{App, Overlay, Screen};
use circlekeeper::tui::saver::SaveStatus;
use circlekeeper::tui::screens::plan::PlanPrompt;
use common::screen::*;
use ratatui::style::Color;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn start(seg: u32, secs: i64) -> (i64, Event) {
    (secs, Event::Run(RunEvent::Start(SegmentId(seg))))
}

fn snap(name: &str, app: &App, now_secs: i64) {
    for (w, h) in SIZES {
        let term = draw(app, at(now_secs), w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
    }
}

#[test]
fn live_before_the_start() {
    snap("live_ready", &app_with(default_plan(), &[]), 0);
}

#[test]
fn live_running_with_script_and_schedule() {
    // Check-in (segment 2) started at 18:30 after two 15-minute segments.
    let app = app_with(
        default_plan(),
        &[
            start(0, 0),
            start(1, 900),
            start(2, 1800),
            (1860, Event::Run(RunEvent::Cue(0))),
        ],
    );
    snap("live_running", &app, 1800 + 5 * 60);
}

#[test]
fn live_paused_in_warning() {
    let app = app_with(
        default_plan(),
        &[start(0, 0), (13 * 60 + 10, Event::Run(RunEvent::Pause))],
    );
    snap("live_paused_warning", &app, 20 * 60);
}

#[test]
fn live_overtime_shows_plus_and_label() {
    let app = app_with(default_plan(), &[start(0, 0)]);
    let now = 15 * 60 + 80;
    snap("live_overtime", &app, now);
    let screen = text(&draw(&app, at(now), 80, 24));
    assert!(screen.contains("+1:20 of 15m"), "{screen}");
    assert!(screen.contains("OVERTIME"), "{screen}");
    assert!(screen.contains("projected 20:01"), "{screen}");
}

#[test]
fn warnings_turn_yellow_then_red_with_words() {
    let app = app_with(default_plan(), &[start(0, 0)]);
    let calm = style_of(&app, 60, "14:00 of").fg;
    assert!(
        !matches!(calm, Some(Color::Yellow | Color::LightRed | Color::Red)),
        "{calm:?}"
    );
    assert_eq!(
        style_of(&app, 13 * 60 + 30, "UNDER 2M LEFT").fg,
        Some(Color::Yellow)
    );
    assert_eq!(
        style_of(&app, 14 * 60 + 40, "UNDER 30S LEFT").fg,
        Some(Color::LightRed)
    );
    assert_eq!(style_of(&app, 15 * 60 + 1, "OVERTIME").fg, Some(Color::Red));
}

#[test]
fn plan_screen_shows_done_running_skipped_and_drift() {
    let mut app = app_with(
        default_plan(),
        &[
            start(0, 0),
            start(1, 17 * 60),
            (17 * 60 + 5, Event::Run(RunEvent::Skip(SegmentId(4)))),
        ],
    );
    app.screen = Screen::Plan;
    app.views.plan.cursor = 2;
    snap("plan", &app, 20 * 60);
    let screen = text(&draw(&app, at(20 * 60), 80, 24));
    assert!(screen.contains("done 17m (+2 min)"), "{screen}");
    assert!(screen.contains("skipped"), "{screen}");
    assert!(screen.contains("drift -8 min"), "{screen}");
}

#[test]
fn room_clock_at_every_size() {
    let mut app = app_with(default_plan(), &[start(2, 0)]);
    app.update(Action::RoomClock, at(0));
    assert_eq!(app.overlay, Some(Overlay::RoomClock));
    snap("room_clock", &app, 95);
    for (w, h) in [(20, 3), (10, 1), (200, 60), (1, 1)] {
        let screen = text(&draw(&app, at(95), w, h));
        assert!(
            !screen.trim().is_empty() || w * h < 5,
            "{w}x{h} drew nothing"
        );
    }
    insta::assert_snapshot!("room_clock_30x6", draw(&app, at(95), 30, 6).backend());
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut app = app_with(default_plan(), &[]);
    app.update(Action::Help, at(0));
    snap("help_live", &app, 0);
    let screen = text(&draw(&app, at(0), 160, 48));
    assert!(screen.contains("start / pause / resume"));
    assert!(screen.contains("room clock"));
}

#[test]
fn time_box_prompt() {
    let mut app = app_with(default_plan(), &[]);
    app.screen = Screen::Plan;
    app.update(Action::SetTime, at(0));
    if let Some(PlanPrompt::TimeBox { input, .. }) = &mut app.views.plan.prompt {
        input.text = "soon".into();
    }
    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Enter);
    app.on_key(key, at(0));
    snap("time_box_error", &app, 0);
}

#[test]
fn failed_save_is_loud() {
    let mut app = app_with(default_plan(), &[]);
    app.save = SaveStatus::Failed("No space left on device".into());
    let screen = text(&draw(&app, at(0), 80, 24));
    assert!(
        screen.contains("NOT SAVED: No space left on device, retrying"),
        "{screen}"
    );
    assert_eq!(style_of(&app, 0, "NOT SAVED").bg, Some(Color::Red));
    // Even with a long title, the save state is never cut off.
    let mut plan = default_plan();
    plan.title = "A very long title that goes on and on about the gathering of the year".into();
    let mut app = app_with(plan, &[]);
    app.save = SaveStatus::Failed("disk full".into());
    let screen = text(&draw(&app, at(0), 60, 12));
    assert!(
        screen.contains("NOT SAVED: disk full, retrying"),
        "{screen}"
    );
}

#[test]
fn tiny_terminals_ask_for_room_and_never_panic() {
    let app = app_with(default_plan(), &[start(0, 0)]);
    for (w, h) in [(0, 0), (1, 1), (10, 3), (20, 5), (29, 24), (80, 7)] {
        let screen = text(&draw(&app, at(10), w, h));
        if w >= 10 {
            assert!(screen.contains("make"), "{w}x{h}: {screen}");
        }
    }
}

#[test]
fn no_color_keeps_every_meaning_in_words() {
    let mut app = app_with(default_plan(), &[start(0, 0)]);
    app.settings.theme = circlekeeper::tui::theme::Theme::from_env(true, None);
    let screen = text(&draw(&app, at(14 * 60 + 40), 80, 24));
    assert!(screen.contains("UNDER 30S LEFT"), "{screen}");
    let style = style_of(&app, 14 * 60 + 40, "UNDER 30S LEFT");
    let colourless = |c: Option<Color>| matches!(c, None | Some(Color::Reset));
    assert!(colourless(style.fg) && colourless(style.bg), "{style:?}");
    assert!(style.add_modifier.contains(ratatui::style::Modifier::BOLD));
    let screen = text(&draw(&app, at(16 * 60), 80, 24));
    assert!(screen.contains("OVERTIME"), "{screen}");
}

#[test]
fn a_long_session_title_gives_way_to_the_segment_running() {
    let plan = circlekeeper::store::text::plan_from_str(
        std::path::Path::new("long.ron"),
        r#"(
    title: "Spaces in common: a weekend gathering of collectively run spaces",
    segments: [
        (title: "Saturday: morning check-in", kind: CheckIn, time: "20m"),
    ],
)"#,
    )
    .unwrap();
    let app = app_with(plan, &[start(0, 0)]);
    let screen = text(&draw(&app, at(5), 80, 24));
    let top = screen.lines().next().unwrap();
    assert!(
        top.starts_with("Spaces in common: a weekend gathering… · Saturday: morning check-in "),
        "{top}"
    );
    assert!(top.trim_end().ends_with("saved"), "{top}");
}
