//! Rehearsals at high speed, with no sleeping: an `App` on a rehearsal
//! session driven by keys at simulated times, to the end, then the report.

mod common;

use std::path::{Path, PathBuf};

use circlekeeper::core::checks::check_plan;
use circlekeeper::core::plan::Plan;
use circlekeeper::core::rehearsal::{self, Outcome, Report};
use circlekeeper::core::run::SegmentId;
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::action::Action;
use circlekeeper::tui::app::{App, Effect, Overlay};
use circlekeeper::tui::clock::Clock;
use circlekeeper::tui::keymap::Keymap;
use circlekeeper::tui::theme::Theme;
use common::screen::{at, default_plan, draw, t0, text};
use crossterm::event::{KeyCode, KeyEvent};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

fn three_day() -> Plan {
    plan_from_str(
        Path::new("examples/three-day-gathering.ron"),
        include_str!("../examples/three-day-gathering.ron"),
    )
    .unwrap()
}

fn rehearsal_app(plan: Plan) -> App {
    App::new(
        rehearsal::session(plan, None, t0()),
        PathBuf::from("/rehearsals/evening.ron"),
        Keymap::defaults(),
        Theme::color(),
        TimeZone::UTC,
    )
}

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

fn id_of(plan: &Plan, title: &str) -> SegmentId {
    SegmentId(plan.segments.iter().position(|s| s.title == title).unwrap() as u32)
}

/// Presses `n` until the current segment is over (script lines first).
fn next_segment(app: &mut App, now: Timestamp) {
    let id = app.state().run.current;
    for _ in 0..50 {
        if app.state().run.current != id {
            return;
        }
        app.update(Action::Next, now);
    }
    panic!("n never left the segment");
}

fn report_of(app: &App, now: Timestamp) -> Report {
    let checks = rehearsal::plan_checks(app.session());
    rehearsal::report(app.session(), app.state(), &checks, now)
}

/// The segments that ran over, with how much.
fn overruns(report: &Report) -> Vec<(&str, SignedDuration)> {
    report
        .overruns()
        .map(|p| (p.title.as_str(), p.over))
        .collect()
}

#[test]
fn the_three_day_gathering_in_simulated_time() {
    let plan = three_day();
    let opening = id_of(&plan, "Opening circle");
    let anti = id_of(&plan, "Anti-retreat: the shared fund");
    let overrun = |id: SegmentId| match id {
        i if i == opening => mins(7),
        i if i == anti => mins(25),
        _ => SignedDuration::ZERO,
    };
    let mut app = rehearsal_app(plan.clone());
    assert_eq!(app.session().roster.len(), 24, "the plan's head count");
    let mut now = t0();
    assert_eq!(app.update(Action::ToggleTimer, now), Effect::None);
    let mut walked = 0;
    while let Some(id) = app.state().run.current {
        now += app.state().run.time_box(id) + overrun(id);
        next_segment(&mut app, now);
        walked += 1;
    }
    assert_eq!(walked, plan.segments.len());
    assert!(app.state().run.finished());

    let report = report_of(&app, now);
    assert!(report.finished);
    let over = overruns(&report);
    assert_eq!(
        over,
        [
            ("Opening circle", mins(7)),
            ("Anti-retreat: the shared fund", mins(25))
        ]
    );
    assert_eq!(report.planned, plan.total());
    assert_eq!(report.rehearsed, plan.total() + mins(32));
    assert_eq!(report.drift, mins(32));
    // The drift builds up after each overrun and stays.
    let behind_after = |id: SegmentId| report.parts[id.0 as usize].drift;
    assert_eq!(behind_after(SegmentId(0)), SignedDuration::ZERO);
    assert_eq!(behind_after(opening), mins(7));
    assert_eq!(behind_after(anti), mins(32));
    assert!(report.parts.iter().all(|p| p.outcome == Outcome::Done));
    let codes: Vec<&str> = report.checks.iter().map(|c| c.code).collect();
    let expected: Vec<&str> = check_plan(&plan, None).iter().map(|f| f.code).collect();
    assert_eq!(codes, expected);
    assert!(
        report.materials.iter().any(|(m, _)| m == "tea urn"),
        "{:?}",
        report.materials
    );

    let text = report.to_text();
    assert!(
        text.contains(&format!(
            "Rehearsed in {} against {} planned: 32m over.",
            circlekeeper::core::duration::friendly(plan.total() + mins(32)),
            circlekeeper::core::duration::friendly(plan.total())
        )),
        "{text}"
    );
    assert!(
        text.contains("- Opening circle: 37m against a 30m box (+7m); 7m behind after it\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "- Anti-retreat: the shared fund: 2h 25m against a 2h box (+25m); 32m behind after it\n"
        ),
        "{text}"
    );
    assert!(text.contains("- [ ] tea urn (Friday: arrivals)"), "{text}");

    // The Live screen's idle view sums it up.
    let screen = text_of(&app, now);
    assert!(
        screen.contains("Rehearsal over: every segment has run."),
        "{screen}"
    );
    assert!(
        screen.contains("Ran over: Opening circle +7m, Anti-retreat: the shared fund +25m."),
        "{screen}"
    );
    assert!(
        screen.contains("Bring: arrivals list, name stickers"),
        "{screen}"
    );
}

fn text_of(app: &App, now: Timestamp) -> String {
    text(&draw(app, now, 160, 48))
}

fn key(app: &mut App, c: char, now: Timestamp) -> Effect {
    app.on_key(KeyEvent::from(KeyCode::Char(c)), now)
}

/// Presses a rehearsal key and applies it as the loop does, at real time `real`.
fn clock_key(app: &mut App, c: char, real: Timestamp) {
    let now = app.clock.now(real);
    match key(app, c, now) {
        Effect::Clock(change) => app.change_clock(change, real),
        other => panic!("{c:?} gave {other:?}"),
    }
}

#[test]
fn the_default_plan_walked_with_jumps_and_speed() {
    let plan = default_plan();
    let check_in = id_of(&plan, "Check-in");
    let open_floor = id_of(&plan, "Open floor");
    let mut app = rehearsal_app(plan.clone());
    // Real time stands still except where the test moves it.
    let mut real = at(-3600);
    app.clock = Clock::simulated(real, t0(), 10);
    let now = app.clock.now(real);
    assert_eq!(key(&mut app, ' ', now), Effect::None);
    while let Some(id) = app.state().run.current {
        // Jump from warning to warning until the box is used up.
        let mut jumps = 0;
        loop {
            clock_key(&mut app, '.', real);
            let flash = app.flash.clone().unwrap_or_default();
            if flash.starts_with("nothing to jump to") {
                assert!(flash.contains("past its time box"), "{flash}");
                break;
            }
            assert!(flash.starts_with("jumped "), "{flash}");
            jumps += 1;
        }
        assert_eq!(jumps, 3, "two warnings, then zero");
        assert_eq!(
            app.state().run.remaining(id, app.clock.now(real)),
            SignedDuration::ZERO
        );
        // Let the clock run on: 18 real seconds at 10x is 3 minutes...
        if id == check_in {
            real += SignedDuration::from_secs(18);
        }
        // ...and at 30x, 10 real seconds are 5 minutes.
        if id == open_floor {
            clock_key(&mut app, '>', real);
            clock_key(&mut app, '>', real);
            assert_eq!(app.flash.as_deref(), Some("clock at 30x"));
            real += SignedDuration::from_secs(10);
            clock_key(&mut app, '<', real);
            clock_key(&mut app, '<', real);
            assert_eq!(app.clock.speed(), Some(10));
        }
        let now = app.clock.now(real);
        key(&mut app, 'n', now);
        if app.state().run.current == Some(id) {
            next_segment(&mut app, now);
        }
    }
    let end = app.clock.now(real);
    let report = report_of(&app, end);
    assert!(report.finished);
    let over = overruns(&report);
    assert_eq!(over, [("Check-in", mins(3)), ("Open floor", mins(5))]);
    assert_eq!(report.planned, mins(120));
    assert_eq!(report.rehearsed, mins(128));
    assert_eq!(
        report.verdict(),
        "Rehearsed in 2h 8m against 2h planned: 8m over."
    );
    assert!(
        report
            .to_text()
            .contains("- [ ] talking piece (Opening circle)")
    );
    assert_eq!(
        end,
        t0() + mins(128),
        "simulated time is the rehearsed time"
    );
}

#[test]
fn the_simulated_clock_can_be_paused_while_the_segment_runs() {
    let mut app = rehearsal_app(default_plan());
    let real = at(0);
    app.clock = Clock::simulated(real, t0(), 10);
    let now = app.clock.now(real);
    key(&mut app, ' ', now);
    clock_key(&mut app, 'p', real);
    assert_eq!(app.flash.as_deref(), Some("simulated clock paused"));
    let later = real + SignedDuration::from_secs(600);
    let id = app.state().run.current.unwrap();
    assert_eq!(
        app.state().run.remaining(id, app.clock.now(later)),
        mins(15)
    );
    clock_key(&mut app, 'p', later);
    assert_eq!(app.flash.as_deref(), Some("simulated clock running at 10x"));
    let screen = text(&draw(&app, app.clock.now(later), 80, 24));
    assert!(screen.contains("REHEARSAL 10x"), "{screen}");
}

#[test]
fn outside_a_rehearsal_the_keys_only_say_so() {
    let mut app = common::screen::app_with(default_plan(), &[]);
    for c in ['>', '<', '.', 'p'] {
        assert_eq!(key(&mut app, c, at(0)), Effect::None);
        assert!(
            app.flash
                .as_deref()
                .unwrap_or("")
                .contains("for rehearsals"),
            "{c}: {:?}",
            app.flash
        );
    }
    assert_eq!(app.clock, Clock::Real);
    let screen = text(&draw(&app, at(0), 160, 48));
    assert!(!screen.contains("REHEARSAL"), "{screen}");
}

fn running_rehearsal() -> App {
    let mut app = rehearsal_app(default_plan());
    app.clock = Clock::simulated(at(0), t0(), 10);
    app.update(Action::ToggleTimer, t0());
    next_segment(&mut app, at(15 * 60));
    app
}

#[test]
fn live_screen_in_rehearsal() {
    let app = running_rehearsal();
    for (w, h) in [(80, 24), (160, 48)] {
        let term = draw(&app, at(15 * 60 + 95), w, h);
        insta::assert_snapshot!(format!("live_rehearsal_{w}x{h}"), term.backend());
    }
    let screen = text(&draw(&app, at(15 * 60 + 95), 80, 24));
    assert!(screen.contains(" REHEARSAL 10x "), "{screen}");
    // The rehearsal keys are offered, and quitting still fits at 80 columns.
    let hints = screen.lines().last().unwrap();
    for hint in [". jump", "> faster", "p pause clock", "q quit"] {
        assert!(hints.contains(hint), "{hint} in {hints:?}");
    }
}

#[test]
fn room_clock_in_rehearsal_says_so_and_how_fast() {
    let mut app = running_rehearsal();
    app.update(Action::RoomClock, at(15 * 60));
    assert_eq!(app.overlay, Some(Overlay::RoomClock));
    let screen = text(&draw(&app, at(15 * 60 + 95), 80, 24));
    assert!(screen.contains("REHEARSAL 10x  Opening circle"), "{screen}");
    app.clock.toggle_pause(at(1));
    let screen = text(&draw(&app, at(15 * 60 + 95), 80, 24));
    assert!(screen.contains("REHEARSAL paused"), "{screen}");
}

#[test]
fn live_screen_at_the_end_of_a_rehearsal() {
    let mut app = rehearsal_app(default_plan());
    app.clock = Clock::simulated(at(0), t0(), 10);
    let mut now = t0();
    app.update(Action::ToggleTimer, now);
    let check_in = id_of(&app.session().plan, "Check-in");
    while let Some(id) = app.state().run.current {
        now += app.state().run.time_box(id);
        if id == check_in {
            now += mins(4);
        }
        next_segment(&mut app, now);
    }
    insta::assert_snapshot!(
        "live_rehearsal_over_80x24",
        draw(&app, now, 80, 24).backend()
    );
}
