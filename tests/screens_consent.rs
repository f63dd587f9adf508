//! Consent to be named, from the People screen: what a person agreed to
//! (their own name, a confidential segment's, their position), given one
//! by one or by everyone present at once, and taken back.

mod common;
mod notes_fixture;

use circlekeeper::core::consent::{self, Subject};
use circlekeeper::core::person::PersonId;
use circlekeeper::tui::app::{App, Screen};
use common::screen::*;
use crossterm::event::KeyCode;
use notes_fixture::*;

fn kim_on_people() -> App {
    let mut app = evening();
    app.screen = Screen::People;
    app.on_key(key(KeyCode::Down), later());
    app.on_key(key(KeyCode::Char('A')), later());
    app
}

fn last_event(app: &App) -> circlekeeper::core::event::Event {
    app.session().events.last().unwrap().event.clone()
}

#[test]
fn the_naming_list_shows_what_a_person_agreed_to() {
    let app = kim_on_people();
    for (w, h) in [(80, 24), (160, 48)] {
        let term = draw(&app, later(), w, h);
        insta::assert_snapshot!(format!("naming_{w}x{h}"), term.backend());
    }
    let screen = text(&draw(&app, later(), 80, 24));
    assert!(screen.contains("Consent: Kim Ng"), "{screen}");
    assert!(screen.contains("be named in the harvest"), "{screen}");
    assert!(screen.contains("name 'The rent conflict'"), "{screen}");
}

#[test]
fn space_gives_and_takes_back_one_persons_consent() {
    let mut app = kim_on_people();
    app.on_key(key(KeyCode::Char(' ')), later());
    assert_eq!(
        last_event(&app),
        consent::agree(Subject::TookPart, vec![KIM])
    );
    assert!(app.state().consent.may_name(KIM));
    assert_eq!(
        app.flash.as_deref(),
        Some("Kim Ng agreed to be named in the harvest — u undoes")
    );
    app.on_key(key(KeyCode::Char(' ')), later());
    assert_eq!(
        last_event(&app),
        consent::withdraw(Subject::TookPart, vec![KIM])
    );
    assert!(!app.state().consent.may_name(KIM));
}

#[test]
fn everyone_present_agrees_at_once_and_undo_says_so() {
    let mut app = kim_on_people();
    app.on_key(key(KeyCode::Down), later());
    app.on_key(key(KeyCode::Char('a')), later());
    let everyone = vec![PersonId(0), PersonId(1), PersonId(2)];
    assert_eq!(
        last_event(&app),
        consent::agree(Subject::Segment(CONFLICT), everyone)
    );
    assert_eq!(
        app.flash.as_deref(),
        Some("all 3 present agreed to name 'The rent conflict' — u undoes")
    );
    let screen = text(&draw(&app, later(), 80, 24));
    assert!(screen.contains("agreed by all 3 present at"), "{screen}");
    app.on_key(key(KeyCode::Esc), later());
    assert_eq!(app.views.people.naming, None);
    app.on_key(key(KeyCode::Char('u')), later());
    assert_eq!(
        app.flash.as_deref(),
        Some("undone: Ana Silva, Kim Ng and Joakim Berg agreeing to name The rent conflict")
    );
    assert!(
        app.state()
            .consent
            .agreements(Subject::Segment(CONFLICT))
            .is_empty()
    );
}

#[test]
fn nothing_to_ask_is_said() {
    let mut app = app_with(plan(), &[(0, start(OPEN_FLOOR))]);
    app.screen = Screen::People;
    app.on_key(key(KeyCode::Char('A')), at(10));
    assert_eq!(app.views.people.naming, None);
    assert_eq!(
        app.flash.as_deref(),
        Some(
            "Ana Silva was in no confidential segment and took no position: nothing needs their consent"
        )
    );
}

/// The conflict evening with names in many scripts, in the conversation,
/// with one note kept in the circle and one shared on everyone's consent.
fn many_scripts() -> App {
    let text = include_str!("../examples/conflict-evening.ron").replace(
        r#"roster: ["Ana", "Idris", "Mei", "Tomás", "Jo", "Priya", "Lukas", "Sade", "Ruth", "Kai"]"#,
        r#"roster: ["Ana", "Idris", "Mei 美玲", "Tomás", "محمد الأحمد", "प्रिया", "👩🏽‍🦱 Zoë", "Sade", "Ruth", "Kai"]"#,
    );
    assert!(text.contains("美玲"));
    let plan =
        circlekeeper::store::text::plan_from_str(std::path::Path::new("p.ron"), &text).unwrap();
    let conversation = circlekeeper::core::run::SegmentId(3);
    let kept = |id, text: &str| {
        circlekeeper::core::event::Event::Note(circlekeeper::core::note::NoteEvent::Added(
            circlekeeper::core::note::Note {
                id: circlekeeper::core::note::NoteId(id),
                kind: circlekeeper::core::note::NoteKind::Note,
                text: text.into(),
                visibility: circlekeeper::core::note::Visibility::CircleOnly,
                segment: Some(conversation),
                speaker: None,
                group: None,
            },
        ))
    };
    let everyone: Vec<PersonId> = (0..10).map(PersonId).collect();
    app_with(
        plan,
        &[
            (0, start(conversation)),
            (60, kept(0, "محمد الأحمد and Mei 美玲 named the cost")),
            (70, kept(1, &"👩🏽‍🦱 Zoë spoke for a long time. ".repeat(8))),
            (
                80,
                consent::agree(Subject::Note(circlekeeper::core::note::NoteId(1)), everyone),
            ),
        ],
    )
}

#[test]
fn the_dialogs_draw_at_every_size_with_names_in_many_scripts() {
    use circlekeeper::tui::frame;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let now = at(100);
    let opens: [&str; 5] = ["5S", "5jU", "5H", "5Ha", "6jjA"];
    for keys in opens {
        let mut app = many_scripts();
        for c in keys.chars() {
            app.on_key(key(KeyCode::Char(c)), now);
        }
        for (w, h) in [
            (0, 0),
            (1, 1),
            (10, 3),
            (20, 5),
            (40, 10),
            (80, 24),
            (200, 60),
        ] {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            frame::render(&app, now, area, &mut buf);
        }
        let screen = text(&draw(&app, now, 80, 24));
        let open = match keys {
            "5S" => "Share this note? Who agreed",
            "5jU" => "Withdraw consent",
            "5H" | "5Ha" => "Harvest: what would leave the circle",
            _ => "Consent: Mei 美玲",
        };
        assert!(screen.contains(open), "{keys}: {screen}");
    }
}

/// An assembly's decision: three of four took a position (Zoë was not
/// here).
fn assembly() -> App {
    use circlekeeper::core::decision::actions;
    use circlekeeper::core::decision::phase::Phase;
    use circlekeeper::core::decision::rules::Method;
    use circlekeeper::core::decision::stance::{Given, Stance};
    use circlekeeper::core::event::Event;
    use circlekeeper::core::person::PeopleEvent;
    use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
    use circlekeeper::core::run::{RunEvent, SegmentId};
    use circlekeeper::core::session::Session;
    use circlekeeper::core::timeline::Timeline;
    let mut hours = Segment::new(
        "Opening hours",
        SegmentKind::Decision,
        jiff::SignedDuration::from_mins(30),
    );
    hours.method = Some(Method::Consensus);
    let mut plan = Plan::new("Assembly", vec![hours]);
    plan.roster = ["Tomás", "美玲", "محمد", "👩🏽‍🦱 Zoë"]
        .map(String::from)
        .to_vec();
    let mut t = Timeline::new(Session::new(plan, at(0)));
    let seg = SegmentId(0);
    for p in 0..3 {
        let id = PersonId(p);
        t.record(
            at(1),
            Event::People(PeopleEvent::Arrived { id, arrived: true }),
        );
    }
    t.record(at(2), Event::Run(RunEvent::Start(seg)));
    t.record(at(3), actions::propose(seg, "Open at ten", None).unwrap());
    t.record(at(4), actions::go_to(seg, Phase::Test).unwrap());
    for p in 0..3 {
        let given = Given::new(PersonId(p), Stance::Agree);
        let e = actions::mark(t.state(), &t.session().plan, seg, given, at(5)).unwrap();
        t.record(at(5), e);
    }
    let mut app = App::new(
        t.into_parts().0,
        "/sessions/assembly.ron".into(),
        circlekeeper::tui::keymap::Keymap::defaults(),
        circlekeeper::tui::theme::Theme::color(),
        jiff::tz::TimeZone::UTC,
    );
    app.screen = Screen::People;
    app
}

#[test]
fn an_assembly_agrees_at_once_to_name_its_positions() {
    use circlekeeper::core::decision::privacy::names_may_leave;
    use circlekeeper::core::run::SegmentId;
    let mut app = assembly();
    let seg = SegmentId(0);
    app.on_key(key(KeyCode::Char('A')), at(10));
    let screen = text(&draw(&app, at(10), 80, 24));
    assert!(
        screen.contains("name their position in 'Opening hours'"),
        "{screen}"
    );
    assert!(!names_may_leave(app.state(), seg));
    app.on_key(key(KeyCode::Char('a')), at(10));
    let all = vec![PersonId(0), PersonId(1), PersonId(2)];
    assert_eq!(
        last_event(&app),
        consent::agree(Subject::Positions(seg), all)
    );
    assert!(names_may_leave(app.state(), seg));
    // Zoë took no position: nothing to ask her.
    app.on_key(key(KeyCode::Esc), at(11));
    for _ in 0..3 {
        app.on_key(key(KeyCode::Down), at(11));
    }
    app.on_key(key(KeyCode::Char('A')), at(11));
    assert_eq!(app.views.people.naming, None);
    // One person takes it back: the names stay in the circle again.
    app.on_key(key(KeyCode::Up), at(12));
    app.on_key(key(KeyCode::Char('A')), at(12));
    app.on_key(key(KeyCode::Char(' ')), at(12));
    assert_eq!(
        app.flash.as_deref(),
        Some("محمد withdrew consent to name their position in 'Opening hours' — u undoes")
    );
    assert!(!names_may_leave(app.state(), seg));
}
