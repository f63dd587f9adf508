//! One key and one full frame with the big session loaded: what the
//! facilitator waits for after each keystroke. `App::update` then
//! `frame::render` into a 200x60 buffer, for every screen; the baseline
//! is the same on a small session. The big sessions hold 20,000 and
//! 100,000 events; undo takes back a key from the nearest checkpoint.

mod common;

use std::cell::{Cell, RefCell};
use std::time::Duration;

use circlekeeper::core::session::Session;
use circlekeeper::tui::action::Action;
use circlekeeper::tui::app::{App, Screen};
use circlekeeper::tui::frame;
use circlekeeper::tui::keymap::Keymap;
use circlekeeper::tui::theme::Theme;
use common::{Report, Samples, big_session, measure_prepared, ms, session_of, verdict};
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

/// "p99 X (CPU p99 Y, p10 Z)": the wall p99 moves with the machine's load;
/// the thread's CPU p99 and the wall 10th percentile are closest to the
/// work itself.
fn figures(s: &Samples) -> String {
    format!(
        "p99 {} (CPU p99 {}, p10 {})",
        ms(s.p99()),
        ms(s.cpu_p99()),
        ms(s.low())
    )
}

/// The worst of the big sessions' figures over all screens: (wall p99, CPU p99).
fn worst(all: &[Samples]) -> (Duration, Duration) {
    all.iter()
        .filter(|s| s.count() > 0)
        .fold((Duration::ZERO, Duration::ZERO), |w, s| {
            (w.0.max(s.p99()), w.1.max(s.cpu_p99()))
        })
}

fn main() {
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let mut report = Report::default();
    let small = small_session();
    let sessions = [("20k", big_session()), ("100k", session_of(100_000))];
    let mut g = c.benchmark_group("key+frame 200x60");
    let mut worst_of = vec![Vec::new(); sessions.len()];
    for screen in Screen::ALL {
        let name = screen.title();
        let s = key_and_frame(
            &mut g,
            &format!("{name} (small)"),
            &small,
            screen,
            None,
            Action::ToggleTimer,
        );
        for (i, (size, session)) in sessions.iter().enumerate() {
            let b = key_and_frame(
                &mut g,
                &format!("{name} ({size})"),
                session,
                screen,
                None,
                Action::ToggleTimer,
            );
            report.ratio(
                &format!("{name}: space + frame, {size} events, {}", figures(&b)),
                b.p99(),
                &format!("small session, {}", figures(&s)),
                s.p99(),
                &format!("median {} vs {}", ms(b.median()), ms(s.median())),
            );
            worst_of[i].push(b);
        }
    }
    // Undo takes back a +1 min pressed (untimed) just before it.
    let plus = Some(Action::AddMinute);
    let undo_small = key_and_frame(
        &mut g,
        "Live undo (small)",
        &small,
        Screen::Live,
        plus,
        Action::Undo,
    );
    let undos: Vec<Samples> = sessions
        .iter()
        .map(|(size, session)| {
            key_and_frame(
                &mut g,
                &format!("Live undo ({size})"),
                session,
                Screen::Live,
                plus,
                Action::Undo,
            )
        })
        .collect();
    g.finish();
    let two = Duration::from_millis(2);
    for ((size, _), all) in sessions.iter().zip(&worst_of) {
        let (wall, cpu) = worst(all);
        report.line(format!(
            "worst p99 of space + frame over all screens, {size} events: wall {}, CPU {} (target <= 2 ms: {} by CPU time, {} by wall time)",
            ms(wall),
            ms(cpu),
            verdict(cpu <= two),
            verdict(wall <= two),
        ));
    }
    for ((size, _), undo) in sessions.iter().zip(&undos) {
        report.ratio(
            &format!(
                "undo + frame, {size} events (from the nearest checkpoint), {}",
                figures(undo)
            ),
            undo.p99(),
            &format!("small session, {}", figures(&undo_small)),
            undo_small.p99(),
            &format!(
                "median {}; target p99 <= 2 ms: {} by CPU time, {} by wall time",
                ms(undo.median()),
                verdict(undo.cpu_p99() <= two),
                verdict(undo.p99() <= two)
            ),
        );
    }
    c.final_summary();
    report.print("key + frame (200x60) beside the small-session baseline");
}
