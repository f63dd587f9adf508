//! One key and one full frame with the big session loaded: what the
//! facilitator waits for after each keystroke. `App::update` then
//! `frame::render` into a 200x60 buffer, for every screen; the baseline
//! is the same on a small session.

mod common;

use std::cell::{Cell, RefCell};
use std::time::Duration;

use circlekeeper::core::session::Session;
use circlekeeper::tui::action::Action;
use circlekeeper::tui::app::{App, Screen};
use circlekeeper::tui::frame;
use circlekeeper::tui::keymap::Keymap;
use circlekeeper::tui::theme::Theme;
use common::{Report, Samples, big_session, measure_prepared, ms, verdict};
use criterion::Criterion;
use jiff::SignedDuration;
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

/// Key then frame, `action` each time, on `screen`; `before` (if any) is
/// pressed untimed first, e.g. a change for an undo to take back.
fn key_and_frame(
    g: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    name: &str,
    session: &Session,
    screen: Screen,
    before: Option<Action>,
    action: Action,
) -> Samples {
    let app = RefCell::new(app(session.clone()));
    app.borrow_mut().screen = screen;
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    let start = session.events.last().map_or(session.created, |e| e.at);
    let now = Cell::new(start);
    let tick = || {
        now.set(
            now.get()
                .checked_add(SignedDuration::from_millis(250))
                .unwrap(),
        );
        now.get()
    };
    measure_prepared(
        g,
        name,
        || {
            if let Some(a) = before {
                app.borrow_mut().update(a, tick());
            }
        },
        || {
            let now = tick();
            let mut app = app.borrow_mut();
            app.update(action, now);
            buf.reset();
            frame::render(&app, now, area, &mut buf);
            std::hint::black_box(&buf);
        },
    )
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
    let mut g = c.benchmark_group("key+frame 200x60");
    let mut worst = (Duration::ZERO, Duration::ZERO);
    for screen in Screen::ALL {
        let name = screen.title();
        let b = key_and_frame(
            &mut g,
            &format!("{name} (big)"),
            &big,
            screen,
            None,
            Action::ToggleTimer,
        );
        let s = key_and_frame(
            &mut g,
            &format!("{name} (small)"),
            &small,
            screen,
            None,
            Action::ToggleTimer,
        );
        if b.count() > 0 {
            worst = (worst.0.max(b.p99()), worst.1.max(b.cpu_p99()));
        }
        report.ratio(
            &format!(
                "{name}: space + frame, big session, p99 wall (CPU {})",
                ms(b.cpu_p99())
            ),
            b.p99(),
            &format!("small session (CPU {})", ms(s.cpu_p99())),
            s.p99(),
            &format!("median {} vs {}", ms(b.median()), ms(s.median())),
        );
    }
    // Undo takes back a +1 min pressed (untimed) just before it.
    let plus = Some(Action::AddMinute);
    let undo = key_and_frame(
        &mut g,
        "Live undo (big: replays the log)",
        &big,
        Screen::Live,
        plus,
        Action::Undo,
    );
    let undo_small = key_and_frame(
        &mut g,
        "Live undo (small)",
        &small,
        Screen::Live,
        plus,
        Action::Undo,
    );
    g.finish();
    report.line(format!(
        "worst p99 of space + frame over all screens, big session: wall {}, CPU {} (target < 2 ms: {} by CPU time, {} by wall time)",
        ms(worst.0),
        ms(worst.1),
        verdict(worst.1 < Duration::from_millis(2)),
        verdict(worst.0 < Duration::from_millis(2)),
    ));
    report.ratio(
        &format!(
            "undo + frame (replays 20,000 events), p99 wall (CPU {})",
            ms(undo.cpu_p99())
        ),
        undo.p99(),
        &format!("small session (CPU {})", ms(undo_small.cpu_p99())),
        undo_small.p99(),
        &format!(
            "median {}; target < 2 ms: {}",
            ms(undo.median()),
            verdict(undo.cpu_p99() < Duration::from_millis(2))
        ),
    );
    c.final_summary();
    report.print("key + frame (200x60) beside the small-session baseline");
}
