//! Snapshots of the Round, Stack and People screens at 80x24 and 160x48,
//! with names from many scripts, and the cell styles where colour carries
//! meaning (the speaker, a turn running out).

mod common;

use circlekeeper::core::event::Event;
use circlekeeper::core::person::{PeopleEvent, Person, PersonId};
use circlekeeper::core::plan::{Plan, StackMode};
use circlekeeper::core::round::{Direction, RoundEvent};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::stack::{Jump, StackEvent};
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::action::Action;
use circlekeeper::tui::app::{App, Screen};
use common::screen::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier, Style};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// Twelve people, long and wide names among them; a check-in with a
/// one-minute box and a progressive open floor with two minutes each.
fn plan() -> Plan {
    plan_from_str(
        std::path::Path::new("circle.ron"),
        r#"(
    title: "Spring gathering",
    roster: [
        "María José de la Cruz", "李小龍", "محمد", "Zoë 🌈",
        "Nguyễn Thị Minh Khai", "Jose\u{301} Nun\u{303}ez", "Ana", "Kim",
        "Bo", "Ngozi Okafor", "Øyvind", "Priya",
    ],
    segments: [
        (title: "Check-in", kind: CheckIn, time: "20m", per_speaker: "1m",
         prompt: "How are you arriving tonight?"),
        (title: "Open floor", kind: OpenFloor, time: "35m", per_speaker: "2m",
         stack: Progressive),
    ],
)"#,
    )
    .unwrap()
}

fn p(id: u32) -> PersonId {
    PersonId(id)
}

fn round(e: RoundEvent) -> Event {
    Event::Round(e)
}

fn stack(e: StackEvent) -> Event {
    Event::Stack(e)
}

fn add(person: u32, jump: Jump) -> Event {
    stack(StackEvent::Add {
        person: p(person),
        jump,
    })
}

/// Mid-round: two have spoken, محمد passed, José is not here, Ana speaks
/// with ten seconds of her minute left at 370s.
fn mid_round() -> App {
    let mut app = app_with(
        plan(),
        &[
            (0, Event::Run(RunEvent::Start(SegmentId(0)))),
            (
                60,
                round(RoundEvent::Start {
                    first: p(0),
                    direction: Direction::Clockwise,
                }),
            ),
            (70, round(RoundEvent::Next)),
            (130, round(RoundEvent::Next)),
            (190, round(RoundEvent::Next)),
            (200, round(RoundEvent::Pass)),
            (200, round(RoundEvent::Next)),
            (260, round(RoundEvent::Next)),
            (
                270,
                round(RoundEvent::Absent {
                    person: p(5),
                    absent: true,
                }),
            ),
            (320, round(RoundEvent::Next)),
        ],
    );
    app.screen = Screen::Round;
    app.views.round.cursor = 6;
    app
}

/// The open floor, progressive: Kim spoke, Ana speaks now; a point of
/// process, a direct response, Bo moved up by hand, two ordinary hands.
fn open_floor() -> App {
    let mut app = app_with(
        plan(),
        &[
            (0, Event::Run(RunEvent::Start(SegmentId(1)))),
            (10, add(7, Jump::NoJump)),
            (20, stack(StackEvent::Next)),
            (30, add(6, Jump::NoJump)),
            (140, stack(StackEvent::Next)),
            (150, add(7, Jump::NoJump)),
            (160, add(0, Jump::NoJump)),
            (170, add(8, Jump::NoJump)),
            (180, add(3, Jump::DirectResponse)),
            (
                190,
                stack(StackEvent::Move {
                    hand: circlekeeper::core::stack::HandId(2),
                    to: 1,
                }),
            ),
            (200, add(1, Jump::PointOfProcess)),
            (210, stack(StackEvent::CloseAfter(p(8)))),
        ],
    );
    app.screen = Screen::Stack;
    app
}

fn snap(name: &str, app: &App, now_secs: i64) {
    for (w, h) in SIZES {
        let term = draw(app, at(now_secs), w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
    }
}

/// The cell where `needle` starts on screen: column and row.
fn find(term: &Terminal<TestBackend>, needle: &str) -> (u16, u16) {
    let buf = term.backend().buffer();
    for y in 0..buf.area.height {
        let mut row = String::new();
        let mut xs = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let s = buf[(x, y)].symbol();
            xs.extend(std::iter::repeat_n(x, s.len()));
            row.push_str(s);
            // The cells a wide letter covers are not part of the text.
            x += ratatui::text::Span::raw(s).width().max(1) as u16;
        }
        if let Some(i) = row.find(needle) {
            return (xs[i], y);
        }
    }
    panic!("{needle:?} not on screen:\n{}", text(term));
}

/// The style of the cell where `needle` starts, at `w` x `h`.
fn style_at(app: &App, now: i64, (w, h): (u16, u16), needle: &str) -> Style {
    let term = draw(app, at(now), w, h);
    let cell = find(&term, needle);
    term.backend().buffer()[cell].style()
}

#[test]
fn round_mid_way_with_every_standing() {
    let app = mid_round();
    snap("round_mid", &app, 370);
    for size in SIZES {
        let screen = text(&draw(&app, at(370), size.0, size.1));
        for marker in ["▶ Ana", "✓ 李小龍", "· محمد", "× Jose\u{301}", "▷ Kim"] {
            assert!(screen.contains(marker), "{marker} at {size:?}:\n{screen}");
        }
        assert!(screen.contains("UNDER 30S LEFT"), "{screen}");
        assert!(screen.contains("4 of 12 heard"), "{screen}");
        // A pass is not judged: no "skipped", nothing red.
        assert!(!screen.to_lowercase().contains("skip"), "{screen}");
    }
}

#[test]
fn the_speaker_stands_out_and_the_warning_is_coloured() {
    let app = mid_round();
    let speaker = style_at(&app, 370, (160, 48), "▶ Ana");
    assert_eq!(speaker.fg, Some(Color::Cyan));
    assert!(speaker.add_modifier.contains(Modifier::BOLD));
    let passed = style_at(&app, 370, (160, 48), "· محمد");
    assert!(
        !matches!(passed.fg, Some(Color::Red | Color::LightRed)),
        "a pass is never red: {passed:?}"
    );
    // Calm early in the turn, red words near the end, then overtime.
    let calm = style_at(&app, 330, (80, 24), "0:50 of 1m");
    assert_eq!(calm.fg, Some(Color::Green));
    let last = style_at(&app, 370, (80, 24), "UNDER 30S LEFT");
    assert_eq!(last.fg, Some(Color::LightRed));
    let over = style_at(&app, 390, (80, 24), "OVERTIME");
    assert_eq!(over.fg, Some(Color::Red));
}

#[test]
fn the_round_comes_back_to_those_who_passed() {
    let mut app = mid_round();
    // Kim, Bo, Ngozi, Øyvind and Priya speak; Priya's turn ends.
    for i in 0..5 {
        app.update(Action::NextSpeaker, at(370 + 30 * i));
    }
    app.update(Action::EndTurn, at(520));
    let screen = text(&draw(&app, at(520), 80, 24));
    assert!(screen.contains("Up next: محمد, back to them"), "{screen}");
    assert!(screen.contains("back to those who passed"), "{screen}");
    app.update(Action::NextSpeaker, at(530));
    let screen = text(&draw(&app, at(540), 80, 24));
    assert!(screen.contains("▶ محمد  0:50 of 1m"), "{screen}");
    app.update(Action::NextSpeaker, at(590));
    let screen = text(&draw(&app, at(470), 80, 24));
    assert!(screen.contains("Round complete"), "{screen}");
    assert!(screen.contains("11 spoke · 1 absent"), "{screen}");
}

#[test]
fn before_a_round_the_check_in_offers_to_start_one() {
    let mut app = app_with(plan(), &[(0, Event::Run(RunEvent::Start(SegmentId(0))))]);
    let live = text(&draw(&app, at(5), 80, 24));
    assert!(live.contains("3: start the round"), "{live}");
    app.screen = Screen::Round;
    app.views.round.cursor = 3;
    snap("round_pick", &app, 5);
    let screen = text(&draw(&app, at(5), 80, 24));
    assert!(
        screen.contains("Check-in is a round: pick who starts"),
        "{screen}"
    );
    assert!(screen.contains("▷ Zoë 🌈"), "{screen}");
}

#[test]
fn a_big_circle_falls_back_to_columns() {
    let mut plan = plan();
    plan.roster = (1..=40).map(|i| format!("Person {i}")).collect();
    let mut app = app_with(
        plan,
        &[
            (0, Event::Run(RunEvent::Start(SegmentId(0)))),
            (
                1,
                round(RoundEvent::Start {
                    first: p(0),
                    direction: Direction::CounterClockwise,
                }),
            ),
            (2, round(RoundEvent::Next)),
            (3, round(RoundEvent::Pass)),
        ],
    );
    app.screen = Screen::Round;
    insta::assert_snapshot!("round_forty_80x24", draw(&app, at(10), 80, 24).backend());
    let screen = text(&draw(&app, at(10), 80, 24));
    assert!(screen.contains("· Person 1 "), "{screen}");
    assert!(screen.contains("▷ Person 40"), "{screen}");
    for (w, h) in [(160, 48), (60, 12), (44, 12)] {
        let screen = text(&draw(&app, at(10), w, h));
        assert!(screen.contains("Person 40"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn stack_in_progressive_mode() {
    let app = open_floor();
    snap("stack_progressive", &app, 230);
    let screen = text(&draw(&app, at(230), 160, 48));
    let order: Vec<&str> = ["point of process", "direct response", "moved by hand"]
        .into_iter()
        .collect();
    let rows: Vec<usize> = order
        .iter()
        .map(|w| screen.find(w).unwrap_or_else(|| panic!("{w}:\n{screen}")))
        .collect();
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "{screen}");
    assert!(
        screen.contains(
            "Progressive, counting this segment: fewest turns first, then least speaking"
        ),
        "{screen}"
    );
    assert!(screen.contains("then who raised a hand first"), "{screen}");
    assert!(screen.contains("closed after Bo"), "{screen}");
    assert!(screen.contains("0:30 of 2m"), "{screen}");
    assert!(screen.contains("first time"), "{screen}");
    assert!(screen.contains("1 turn"), "{screen}");
    assert!(screen.contains("not yet spoken (10)"), "{screen}");
    assert!(screen.contains("█"), "{screen}");
}

#[test]
fn stack_plain_rule_and_session_airtime() {
    let mut app = open_floor();
    // Through the two other progressive rules to plain.
    for _ in 0..3 {
        app.update(Action::ToggleMode, at(230));
    }
    app.update(Action::ToggleAirtime, at(230));
    let screen = text(&draw(&app, at(230), 80, 24));
    assert!(
        screen.contains("Plain: first come, first served"),
        "{screen}"
    );
    assert!(screen.contains("Airtime · whole session"), "{screen}");
    let point = style_at(&app, 230, (80, 24), "point of process");
    assert_eq!(point.fg, Some(Color::Cyan));
}

#[test]
fn people_screen_keeps_columns_aligned() {
    let mut zoe = Person::new(p(3), "Zoë 🌈", 3);
    zoe.arrived = true;
    zoe.pronouns = Some("they/them".into());
    zoe.priority = true;
    zoe.roles = vec!["stack keeper".into()];
    let mut app = app_with(
        plan(),
        &[
            (
                0,
                Event::People(PeopleEvent::Arrived {
                    id: p(1),
                    arrived: true,
                }),
            ),
            (1, Event::People(PeopleEvent::Edited(zoe))),
        ],
    );
    app.screen = Screen::People;
    app.views.people.cursor = 4;
    snap("people", &app, 60);
    // Every pronouns cell starts in the same column, whatever the name.
    let term = draw(&app, at(60), 160, 48);
    assert_eq!(find(&term, "they/them").0, find(&term, "pronouns").0);
    assert_eq!(find(&term, "Zoë 🌈").0, find(&term, "李小龍").0);
    let screen = text(&term);
    assert!(screen.contains("12 on the roster · 2 here"), "{screen}");
    assert!(screen.contains("priority"), "{screen}");
}

#[test]
fn the_room_clock_shows_the_speaker() {
    let mut app = mid_round();
    app.update(Action::RoomClock, at(370));
    let screen = text(&draw(&app, at(370), 80, 24));
    assert!(screen.contains("Ana"), "{screen}");
    assert!(screen.contains("Check-in · 13:50 left"), "{screen}");
    assert!(screen.contains("UNDER 30S LEFT"), "{screen}");
    insta::assert_snapshot!("room_speaker_80x24", draw(&app, at(370), 80, 24).backend());
    for (w, h) in [(20, 1), (20, 2), (20, 3), (10, 4), (1, 1)] {
        let screen = text(&draw(&app, at(370), w, h));
        assert!(
            screen.contains("Ana") || screen.contains("0:10") || w < 5,
            "{w}x{h}:\n{screen}"
        );
    }
    // Without a speaker, the segment's clock as before.
    let mut app = open_floor();
    app.update(Action::EndTurn, at(230));
    app.update(Action::RoomClock, at(230));
    let screen = text(&draw(&app, at(230), 80, 24));
    assert!(screen.contains("Open floor"), "{screen}");
}

#[test]
fn stack_mode_toggle_is_an_event() {
    let mut app = open_floor();
    assert_eq!(
        app.state().stack.mode(&app.state().run),
        StackMode::Progressive
    );
    app.update(Action::ToggleMode, at(230));
    let screen = text(&draw(&app, at(230), 80, 24));
    assert!(
        screen.contains("Progressive, counting this segment: fewest turns first, then who"),
        "{screen}"
    );
    app.update(Action::ToggleMode, at(231));
    app.update(Action::ToggleMode, at(232));
    assert_eq!(app.state().stack.mode(&app.state().run), StackMode::Plain);
}

#[test]
fn the_add_prompt_lists_matches_and_offers_the_roster() {
    let mut app = open_floor();
    app.update(Action::PointOfProcess, at(230));
    if let Some(ask) = &mut app.views.stack.prompt {
        ask.input.text = "n".into();
        ask.pick = 1;
    }
    insta::assert_snapshot!("stack_prompt_80x24", draw(&app, at(230), 80, 24).backend());
    let screen = text(&draw(&app, at(230), 80, 24));
    assert!(screen.contains("Kind: point of process"), "{screen}");
    assert!(screen.contains("› Ngozi Okafor"), "{screen}");
    if let Some(ask) = &mut app.views.stack.prompt {
        ask.input.text = "Wanjiru".into();
    }
    let screen = text(&draw(&app, at(230), 80, 24));
    assert!(screen.contains("› + someone new: “Wanjiru”"), "{screen}");
    assert!(
        screen.contains("enter adds “Wanjiru” to the roster"),
        "{screen}"
    );
}

#[test]
fn help_on_the_stack_names_its_keys() {
    let mut app = open_floor();
    app.update(Action::Help, at(230));
    let screen = text(&draw(&app, at(230), 160, 48));
    for words in [
        "next speaker",
        "point of process (first)",
        "close after selected",
    ] {
        assert!(screen.contains(words), "{words}:\n{screen}");
    }
    // On a laptop screen the Stack's own keys all show.
    let screen = text(&draw(&app, at(230), 80, 24));
    assert!(screen.contains("airtime: segment / all"), "{screen}");
}
