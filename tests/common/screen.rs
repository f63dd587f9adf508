//! Shared fixtures for the screen tests: an `App` on a known plan at a known
//! time, drawn into a `TestBackend`.
#![allow(dead_code)]

use std::path::PathBuf;

use circlekeeper::core::event::Event;
use circlekeeper::core::plan::Plan;
use circlekeeper::core::session::Session;
use circlekeeper::core::timeline::Timeline;
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::app::App;
use circlekeeper::tui::frame;
use circlekeeper::tui::keymap::Keymap;
use circlekeeper::tui::theme::Theme;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 2026-11-23 18:00:00 UTC: the fixtures' "start of the evening".
pub fn t0() -> Timestamp {
    "2026-11-23T18:00:00Z".parse().unwrap()
}

/// `t0` plus seconds.
pub fn at(secs: i64) -> Timestamp {
    t0().checked_add(jiff::SignedDuration::from_secs(secs))
        .unwrap()
}

pub fn default_plan() -> Plan {
    plan_from_str(
        std::path::Path::new("default-plan.ron"),
        include_str!("../../assets/default-plan.ron"),
    )
    .unwrap()
}

/// An app on `plan` with `events` logged at the given offsets from `t0`.
pub fn app_with(plan: Plan, events: &[(i64, Event)]) -> App {
    let mut timeline = Timeline::new(Session::new(plan, t0()));
    for (secs, ev) in events {
        timeline.record(at(*secs), ev.clone());
    }
    App::new(
        timeline.into_parts().0,
        PathBuf::from("/sessions/evening.ron"),
        Keymap::defaults(),
        Theme::color(),
        TimeZone::UTC,
    )
}

/// Draws the app at `now` into a terminal of the given size.
pub fn draw(app: &App, now: Timestamp, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| {
        let area = f.area();
        frame::render(app, now, area, f.buffer_mut())
    })
    .unwrap();
    term
}

/// The whole screen as text, one line per row, as a person reads it: the
/// cell a wide letter ("李", "🌈") covers is not read as a space.
pub fn text(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            out.push_str(symbol);
            x += ratatui::text::Span::raw(symbol).width().max(1) as u16;
        }
        out.push('\n');
    }
    out
}

/// The cell holding the start of `needle` on screen.
pub fn style_of(app: &App, now: i64, needle: &str) -> ratatui::style::Style {
    let term = draw(app, at(now), 80, 24);
    let buf = term.backend().buffer();
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(i) = row.find(needle) {
            let x = row[..i].chars().count() as u16;
            return buf[(x, y)].style();
        }
    }
    panic!("{needle:?} not on screen");
}
