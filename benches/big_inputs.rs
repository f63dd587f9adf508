//! Inputs far bigger than a real gathering, at the limits a plan may have:
//! a sign-up list of 10,000 names, a round of 10,000 people, a plan of
//! 2,000 segments checked, and the segments of a 10,000-segment plan
//! located. Each is measured at half its size too: linear work doubles,
//! quadratic work grows fourfold.

mod common;

use std::path::Path;
use std::time::Duration;

use circlekeeper::commands::check::diagnostics as check_report;
use circlekeeper::core::checks::check_plan;
use circlekeeper::core::history::History;
use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
use circlekeeper::core::roster;
use circlekeeper::core::session::Session;
use circlekeeper::store::locate::segment_lines;
use circlekeeper::store::text::{plan_from_str, plan_to_string};
use circlekeeper::tui::app::App;
use circlekeeper::tui::frame;
use circlekeeper::tui::keymap::Keymap;
use circlekeeper::tui::theme::Theme;
use common::{Report, measure, measure_prepared, ms};
use criterion::Criterion;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::{SignedDuration, Timestamp};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let mut report = Report::default();
    sign_up_lists(&mut c, &mut report);
    rounds(&mut c, &mut report);
    plans(&mut c, &mut report);
    c.final_summary();
    report.print("big inputs: each at half and at full size (10th percentiles: the least a shared machine adds)");
}

/// "Full size takes N times half size": about 2 for linear work, 4 for
/// quadratic.
fn growth(report: &mut Report, what: &str, half: Duration, full: Duration) {
    let r = full.as_secs_f64() / half.as_secs_f64().max(1e-12);
    report.line(format!(
        "{what}: {} at half size, {} at full size | {r:.1}x for twice the input | {}",
        ms(half),
        ms(full),
        if r < 3.0 { "linear: met" } else { "NOT linear" }
    ));
}

fn names(n: usize) -> String {
    (0..n)
        .map(|i| format!("Person {i}, they/them\n"))
        .collect::<String>()
        .replacen(
            "Person 0, they/them",
            "name,pronouns\nPerson 0, they/them",
            1,
        )
}

fn sign_up_lists(c: &mut Criterion, report: &mut Report) {
    let mut g = c.benchmark_group("sign-up list");
    let mut times = vec![];
    for n in [5_000, 10_000] {
        let text = names(n);
        let plan = Plan::new(
            "Big",
            vec![Segment::new(
                "Round",
                SegmentKind::Round,
                SignedDuration::from_mins(60),
            )],
        );
        let s = measure(&mut g, &format!("parse and seat {n} names"), || {
            let list = roster::parse(&text).unwrap();
            let mut session = Session::new(plan.clone(), Timestamp::UNIX_EPOCH);
            roster::append(&mut session.roster, &list);
            std::hint::black_box(session);
        });
        times.push(s.low());
    }
    g.finish();
    growth(
        report,
        "sign-up list: parse and seat 10,000 names",
        times[0],
        times[1],
    );
}

fn key(c: char) -> KeyEvent {
    let code = match c {
        '\r' => KeyCode::Enter,
        c => KeyCode::Char(c),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// An app on a round segment with `n` people, on the Round screen, the
/// segment started.
fn round_app(n: usize) -> App {
    let mut plan = Plan::new(
        "Big",
        vec![Segment::new(
            "Round",
            SegmentKind::Round,
            SignedDuration::from_mins(60),
        )],
    );
    plan.roster = (0..n).map(|i| format!("Person {i}")).collect();
    let t0 = Timestamp::from_second(1_800_000_000).unwrap();
    let mut app = App::new(
        Session::new(plan, t0),
        "/big.ron".into(),
        Keymap::defaults(),
        Theme::color(),
        jiff::tz::TimeZone::UTC,
    );
    app.on_key(key(' '), t0);
    app.on_key(key('3'), t0);
    app
}

fn rounds(c: &mut Criterion, report: &mut Report) {
    let area = Rect::new(0, 0, 200, 60);
    let mut g = c.benchmark_group("round");
    let mut start = vec![];
    let mut next = vec![];
    for n in [5_000, 10_000] {
        let mut buf = Buffer::empty(area);
        let t = Timestamp::from_second(1_800_000_100).unwrap();
        let app = std::cell::RefCell::new(round_app(n));
        let s = measure_prepared(
            &mut g,
            &format!("start a round of {n} + frame"),
            || *app.borrow_mut() = round_app(n),
            || {
                let mut app = app.borrow_mut();
                app.on_key(key('\r'), t);
                frame::render(&app, t, area, &mut buf);
            },
        );
        start.push(s.low());
        let mut app = round_app(n);
        app.on_key(key('\r'), t);
        let mut now = t;
        let s = measure(&mut g, &format!("n in a round of {n} + frame"), || {
            now = now.checked_add(SignedDuration::from_millis(300)).unwrap();
            app.on_key(key('n'), now);
            frame::render(&app, now, area, &mut buf);
        });
        next.push(s.low());
    }
    g.finish();
    growth(
        report,
        "start a round + 200x60 frame, 10,000 people",
        start[0],
        start[1],
    );
    growth(report, "n + 200x60 frame, 10,000 people", next[0], next[1]);
}

/// A plan of `n` short segments, as text.
fn long_plan(n: usize) -> (String, Plan) {
    let segments = (0..n)
        .map(|i| {
            Segment::new(
                format!("Part {i}"),
                SegmentKind::Custom,
                SignedDuration::from_mins(5),
            )
        })
        .collect();
    let mut plan = Plan::new("Long", segments);
    plan.slot = Some(SignedDuration::from_hours(24 * 14));
    let text = plan_to_string(&plan).unwrap();
    (text, plan)
}

fn plans(c: &mut Criterion, report: &mut Report) {
    let name = Path::new("long.ron");
    let mut g = c.benchmark_group("plans");
    let mut check = vec![];
    let mut locate = vec![];
    for n in [1_000, 2_000] {
        let (text, _) = long_plan(n);
        let s = measure(
            &mut g,
            &format!("check a {n}-segment plan (parse, checks, report)"),
            || {
                let plan = plan_from_str(name, &text).unwrap();
                let findings = check_plan(&plan, None);
                std::hint::black_box(check_report(
                    "long.ron",
                    &text,
                    &plan,
                    &findings,
                    &History::default(),
                    false,
                ));
            },
        );
        check.push(s.low());
    }
    for n in [5_000, 10_000] {
        let (text, plan) = long_plan(n);
        let s = measure(
            &mut g,
            &format!("locate the segments of a {n}-segment plan"),
            || {
                std::hint::black_box(segment_lines(
                    &text,
                    plan.segments.iter().map(|s| s.title.as_str()),
                ));
            },
        );
        locate.push(s.low());
    }
    let (text, _) = long_plan(10_000);
    let refused = measure(&mut g, "refuse a 10,000-segment plan at the limit", || {
        assert!(plan_from_str(name, &text).is_err());
    });
    g.finish();
    growth(report, "check a 2,000-segment plan", check[0], check[1]);
    growth(
        report,
        "locate the segments of a 10,000-segment plan",
        locate[0],
        locate[1],
    );
    report.line(format!(
        "refuse a 10,000-segment plan (stops at the 2,001st): {}",
        ms(refused.low())
    ));
}
