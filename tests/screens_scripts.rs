//! Names in many scripts on the People, Stack and Round screens, at 80x24
//! and 200x60: each name whole, or cut with "…" without splitting a letter
//! from its marks.

mod common;

use circlekeeper::core::event::Event;
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::round::{Direction, RoundEvent};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::stack::{Jump, StackEvent};
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::app::{App, Screen};
use circlekeeper::tui::widgets::fit::shown;
use common::MANY_SCRIPTS as PLAN;
use common::screen::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

fn app(events: &[(i64, Event)]) -> App {
    let plan = plan_from_str(std::path::Path::new("voices.ron"), PLAN).unwrap();
    app_with(plan, events)
}

fn snap(name: &str, app: &App, secs: i64) {
    for (w, h) in SIZES {
        let term = draw(app, at(secs), w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
    }
}

/// Every row holding the start of the long name ends it or cuts it with "…".
fn long_name_is_whole_or_marked(app: &App, secs: i64) {
    for (w, h) in SIZES {
        let screen = text(&draw(app, at(secs), w, h));
        // Lists that wrap by words (who has not spoken yet) are not cut.
        for line in screen
            .lines()
            .filter(|l| l.contains("Maximil") && !l.contains(", "))
        {
            assert!(
                line.contains("Hohenzollern-Sig") || line.contains('…'),
                "{w}x{h}: {line}"
            );
        }
    }
}

#[test]
fn people_in_every_script() {
    let mut app = app(&[]);
    app.screen = Screen::People;
    snap("people_scripts", &app, 0);
    long_name_is_whole_or_marked(&app, 0);
}

#[test]
fn a_stack_in_every_script() {
    let start = Event::Run(RunEvent::Start(SegmentId(1)));
    let mut events = vec![(0, start)];
    for (i, person) in [4, 6, 10, 8, 2].into_iter().enumerate() {
        events.push((
            10 + i as i64,
            Event::Stack(StackEvent::Add {
                person: PersonId(person),
                jump: Jump::NoJump,
            }),
        ));
    }
    events.push((20, Event::Stack(StackEvent::Next)));
    let mut app = app(&events);
    app.screen = Screen::Stack;
    snap("stack_scripts", &app, 30);
    long_name_is_whole_or_marked(&app, 30);
    // The speaker line keeps the Arabic name whole, with the clock after it.
    let screen = text(&draw(&app, at(30), 80, 24));
    let speaker = screen.lines().find(|l| l.starts_with("▶ ")).unwrap();
    assert!(speaker.contains("أحمد  0:50 of 1m"), "{speaker}");
    // Done after ten seconds and back on the stack: the hand says the
    // measures that placed it, behind those who have not spoken.
    for (secs, event) in [
        (30, StackEvent::EndTurn),
        (
            31,
            StackEvent::Add {
                person: PersonId(4),
                jump: Jump::NoJump,
            },
        ),
    ] {
        app.timeline.record(at(secs), Event::Stack(event));
    }
    let screen = text(&draw(&app, at(32), 80, 24));
    let again = screen
        .lines()
        .find(|l| l.contains("أحمد") && l.contains("spoken"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(again.contains("1 turn · 0:10 spoken"), "{again}");
    assert!(again.trim_start().starts_with("5 "), "{screen}");
}

#[test]
fn a_round_in_every_script() {
    let events = [
        (0, Event::Run(RunEvent::Start(SegmentId(0)))),
        (
            5,
            Event::Round(RoundEvent::Start {
                first: PersonId(10),
                direction: Direction::Clockwise,
            }),
        ),
        (6, Event::Round(RoundEvent::Next)),
    ];
    let mut app = app(&events);
    app.screen = Screen::Round;
    snap("round_scripts", &app, 20);
    long_name_is_whole_or_marked(&app, 20);
}

/// Terminals disagree with the buffer on the width of some clusters, so a
/// popup over names (a question, a dialog) that opens or closes has the
/// window drawn whole, not as a diff that could leave a cell behind.
#[test]
fn opening_or_closing_a_popup_redraws_the_window_whole() {
    use circlekeeper::tui::frame::layer;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app(&[]);
    app.screen = Screen::People;
    let before = layer(&app);
    app.on_key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE), at(1));
    assert!(app.views.people.prompt.is_some(), "a asks for a name");
    assert_ne!(layer(&app), before, "opening it redraws whole");
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), at(2));
    assert!(app.views.people.prompt.is_none());
    assert_eq!(layer(&app), before, "and so does closing it");
}

#[test]
fn arrivals_in_every_script() {
    let plan = PLAN.replace(
        r#"(title: "Check-in", kind: CheckIn,"#,
        r#"(title: "Arrivals", kind: WelcomeCircle, agreements: ["Passing is always allowed."],"#,
    );
    let plan = plan_from_str(std::path::Path::new("voices.ron"), &plan).unwrap();
    let mut events = vec![(0, Event::Run(RunEvent::Start(SegmentId(0))))];
    events.extend([4, 6, 8].map(|p| {
        (
            5,
            Event::People(PeopleEvent::Arrived {
                id: PersonId(p),
                arrived: true,
            }),
        )
    }));
    let app = app_with(plan, &events);
    snap("arrivals_scripts", &app, 20);
    long_name_is_whole_or_marked(&app, 20);
    // A wide window has room for the names: none of these is cut.
    let wide = text(&draw(&app, at(20), 200, 60));
    for name in [
        "Tomás Nuñez",
        "Jose\u{301} Ferreira",
        "محمد الأحمد",
        "สมชาย ใจดี",
        "👨‍👩‍👧 Familie",
    ] {
        let shown = shown(name);
        assert!(
            wide.contains(shown.as_ref()),
            "{name} whole at 200x60:\n{wide}"
        );
    }
}
