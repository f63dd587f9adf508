//! One key and one full frame with the big session loaded: what the
//! facilitator waits for after each keystroke. `App::update` then
//! `screens::render` into a 200x60 buffer, for every screen; the baseline
//! is the same on a small session.

mod common;

use std::time::Duration;

use circlekeeper::core::session::Session;
use circlekeeper::tui::action::Action;
use circlekeeper::tui::app::{App, Screen};
use circlekeeper::tui::keymap::Keymap;
use circlekeeper::tui::screens;
use circlekeeper::tui::theme::Theme;
use common::{Report, Samples, big_session, measure, ms, verdict};
use criterion::Criterion;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn app(session: Session) -> App {
    App::new(
        session,
        "/sessions/bench.ron".into(),
        Keymap::defaults(),
        Theme::color(),
        TimeZone::UTC,
    )
}

fn small_session() -> Session {
    let plan = circlekeeper::commands::start::default_plan();
    Session::new(plan, "2026-05-01T09:00:00Z".parse().unwrap())
}

/// Key then frame, `action` each time, on `screen`.
fn key_and_frame(
    g: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    name: &str,
    session: &Session,
    screen: Screen,
    action: Action,
) -> Samples {
    let mut app = app(session.clone());
    app.screen = screen;
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    let mut now = session.events.last().map_or(session.created, |e| e.at);
    measure(g, name, || {
        now = now
            .checked_add(jiff::SignedDuration::from_millis(250))
            .unwrap();
        app.update(action, now);
        buf.reset();
        screens::render(&app, now, area, &mut buf);
        std::hint::black_box(&buf);
    })
}

fn main() {
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let mut report = Report::default();
    let big = big_session();
    let small = small_session();
    let _ = Timestamp::now();
    let mut g = c.benchmark_group("key+frame 200x60");
    let mut worst = Duration::ZERO;
    for screen in Screen::ALL {
        let name = screen.title();
        let b = key_and_frame(
            &mut g,
            &format!("{name} (big)"),
            &big,
            screen,
            Action::ToggleTimer,
        );
        let s = key_and_frame(
            &mut g,
            &format!("{name} (small)"),
            &small,
            screen,
            Action::ToggleTimer,
        );
        if b.count() > 0 {
            worst = worst.max(b.p99());
            report.line(format!(
                "{name}: space (pause/resume) + frame, big session: median {} p99 {} ({} runs) | small session: median {} p99 {}",
                ms(b.median()),
                ms(b.p99()),
                b.count(),
                ms(s.median()),
                ms(s.p99())
            ));
        }
        report.ratio(
            &format!("{name} p99"),
            b.p99(),
            "small session p99",
            s.p99(),
            "",
        );
    }
    let undo = key_and_frame(
        &mut g,
        "Live undo (big: replays the log)",
        &big,
        Screen::Live,
        Action::Undo,
    );
    let undo_small = key_and_frame(
        &mut g,
        "Live undo (small)",
        &small,
        Screen::Live,
        Action::Undo,
    );
    g.finish();
    report.line(format!(
        "worst p99 of space + frame over all screens, big session: {} (target < 2 ms: {})",
        ms(worst),
        verdict(worst < Duration::from_millis(2))
    ));
    report.ratio(
        "undo + frame p99 (replays 20,000 events)",
        undo.p99(),
        "small session",
        undo_small.p99(),
        &format!(
            "target < 2 ms: {}",
            verdict(undo.p99() < Duration::from_millis(2))
        ),
    );
    c.final_summary();
    report.print("key + frame (200x60) beside the small-session baseline");
}
