//! Keys on the People, Round and Stack screens produce the right events:
//! driven through `App::on_key` as a person types, checked in the state.

mod common;

use circlekeeper::core::event::Event;
use circlekeeper::core::person::PersonId;
use circlekeeper::core::plan::{Plan, StackMode, StackRule};
use circlekeeper::core::round::{Direction, RoundEvent, Standing};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::stack::{Jump, StackEvent};
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::app::{App, Effect};
use common::screen::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn plan() -> Plan {
    plan_from_str(
        std::path::Path::new("keys.ron"),
        r#"(
    title: "Keys",
    roster: ["Ana", "Bo", "Cy", "Di", "Kim"],
    segments: [
        (title: "Check-in", kind: CheckIn, time: "10m", per_speaker: "1m"),
        (title: "Open floor", kind: OpenFloor, time: "30m", stack: Progressive),
    ],
)"#,
    )
    .unwrap()
}

/// Presses keys: characters as typed ("K" with shift), and a few named
/// keys in angle brackets: <enter>, <esc>, <tab>, <bs>, <down>, <up>.
fn press(app: &mut App, keys: &str, secs: i64) -> Effect {
    let mut effect = Effect::None;
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (key, len) = match rest.find('>').filter(|_| c == '<') {
            Some(end) => {
                let code = match &rest[1..end] {
                    "enter" => KeyCode::Enter,
                    "esc" => KeyCode::Esc,
                    "tab" => KeyCode::Tab,
                    "bs" => KeyCode::Backspace,
                    "down" => KeyCode::Down,
                    "up" => KeyCode::Up,
                    other => panic!("unknown key <{other}>"),
                };
                (KeyEvent::from(code), end + 1)
            }
            None => {
                let shift = if c.is_uppercase() {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                (KeyEvent::new(KeyCode::Char(c), shift), c.len_utf8())
            }
        };
        effect = app.on_key(key, at(secs));
        // A list to import is read off the key path: wait for it, as a
        // person would.
        app.settle(at(secs));
        rest = &rest[len..];
    }
    effect
}

fn names(app: &App) -> Vec<String> {
    app.state()
        .people
        .all()
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

fn last_events(app: &App, n: usize) -> Vec<Event> {
    let events = &app.session().events;
    events[events.len() - n..]
        .iter()
        .map(|e| e.event.clone())
        .collect()
}

#[test]
fn people_keys_add_edit_move_and_remove() {
    let mut app = app_with(plan(), &[]);
    press(&mut app, "6a", 1);
    assert!(app.views.people.prompt.is_some());
    // Typed letters are text, not keys: "q" does not quit here.
    press(&mut app, "Zoë q🌈<bs><bs>🌈<enter>", 2);
    assert_eq!(app.views.people.prompt, None);
    assert_eq!(names(&app).last().unwrap(), "Zoë 🌈");
    assert_eq!(app.views.people.cursor, 5, "the cursor is on the newcomer");
    let zoe = PersonId(5);

    press(&mut app, "h", 3);
    assert!(app.state().people.get(zoe).unwrap().arrived);
    press(&mut app, "P", 4);
    assert!(app.state().people.get(zoe).unwrap().priority);
    press(&mut app, "Tthey/them<enter>", 5);
    assert_eq!(
        app.state().people.get(zoe).unwrap().pronouns.as_deref(),
        Some("they/them")
    );
    press(&mut app, "e<bs><bs><bs><bs><bs>Zoé<enter>", 6);
    assert_eq!(app.state().people.get(zoe).unwrap().name, "Zoé");
    // An empty name is refused and the prompt stays.
    press(&mut app, "e<bs><bs><bs><enter>", 7);
    assert!(matches!(&app.views.people.prompt, Some(a) if a.error.is_some()));
    press(&mut app, "<esc>", 7);
    assert_eq!(app.state().people.get(zoe).unwrap().name, "Zoé");

    // Seat earlier swaps with the neighbour; one undo puts both back.
    press(&mut app, "K", 8);
    assert_eq!(names(&app)[4..], ["Zoé", "Kim"]);
    assert_eq!(app.views.people.cursor, 4);
    press(&mut app, "u", 9);
    assert_eq!(names(&app)[4..], ["Kim", "Zoé"]);

    // Remove asks first; esc keeps, y removes, u brings them back.
    press(&mut app, "jx<esc>", 10);
    assert_eq!(names(&app).len(), 6);
    press(&mut app, "xy", 11);
    assert_eq!(names(&app).len(), 5);
    assert!(!names(&app).contains(&"Zoé".to_string()));
    press(&mut app, "u", 12);
    assert!(names(&app).contains(&"Zoé".to_string()));

    // A duplicate name is refused.
    press(&mut app, "aana<enter>", 13);
    assert!(
        matches!(&app.views.people.prompt, Some(a) if a.error.as_deref().unwrap_or("").contains("already"))
    );
    press(&mut app, "<esc>", 13);
    // Find moves the cursor.
    press(&mut app, "/cy<enter>", 14);
    assert_eq!(app.views.people.cursor, 2);
}

#[test]
fn importing_a_list_adds_new_names_and_keeps_the_text_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("signups.csv");
    std::fs::write(&good, "name,pronouns\nAna,she/her\n李小龍,he/him\nNgozi,\n").unwrap();
    let bad = dir.path().join("broken.csv");
    std::fs::write(&bad, "email,full name\na,b\n").unwrap();
    let mut app = app_with(plan(), &[]);
    press(&mut app, "6i", 1);
    press(&mut app, &format!("{}<enter>", bad.display()), 2);
    let Some(ask) = &app.views.people.prompt else {
        panic!("the prompt stays open on an error");
    };
    assert_eq!(
        ask.text(),
        bad.display().to_string(),
        "nothing typed is lost"
    );
    assert!(ask.error.as_deref().unwrap().contains(":1: "), "{ask:?}");
    let missing = dir.path().join("nope.csv");
    press(&mut app, "<esc>i", 3);
    press(&mut app, &format!("{}<enter>", missing.display()), 3);
    assert!(matches!(&app.views.people.prompt, Some(a) if a.error.is_some()));
    press(&mut app, "<esc>i", 4);
    press(&mut app, &format!("{}<enter>", good.display()), 4);
    assert_eq!(app.views.people.prompt, None);
    assert_eq!(
        names(&app),
        ["Ana", "Bo", "Cy", "Di", "Kim", "李小龍", "Ngozi"]
    );
    let li = app.state().people.find_by_name("李小龍").unwrap();
    assert_eq!(li.pronouns.as_deref(), Some("he/him"));
    assert_eq!(
        app.flash.as_deref(),
        Some("added 2 from the list; 1 already on the roster")
    );
    // One undo takes back the whole import.
    press(&mut app, "u", 5);
    assert_eq!(names(&app).len(), 5);
}

#[test]
fn round_keys_start_pass_absent_and_undo() {
    let mut app = app_with(plan(), &[(0, Event::Run(RunEvent::Start(SegmentId(0))))]);
    // Cy starts, counter-clockwise: Cy, Bo, Ana, Kim, Di.
    press(&mut app, "3jjD<enter>", 1);
    assert_eq!(
        last_events(&app, 1),
        [Event::Round(RoundEvent::Start {
            first: PersonId(2),
            direction: Direction::CounterClockwise,
        })]
    );
    let order = app.state().rounds.current().unwrap().order();
    assert_eq!(order, [2, 1, 0, 4, 3].map(PersonId));
    press(&mut app, "n", 2);
    assert_eq!(
        app.state().rounds.current().unwrap().speaker(),
        Some(PersonId(2))
    );
    // Bo passes: one key, and the turn goes straight on to Ana.
    press(&mut app, "n", 62);
    press(&mut app, "p", 65);
    let round = app.state().rounds.current().unwrap();
    assert_eq!(round.speaker(), Some(PersonId(0)));
    assert_eq!(
        round.standing(PersonId(1), at(65)),
        Some(Standing::Passed { last: false })
    );
    assert_eq!(app.views.round.cursor, 2, "the cursor follows the turn");
    // One undo takes back the pass and the turn it handed on.
    press(&mut app, "u", 66);
    let round = app.state().rounds.current().unwrap();
    assert_eq!(round.speaker(), Some(PersonId(1)));
    press(&mut app, "p", 67);
    // Di is not here: cursor to her, x; the round will skip her.
    press(&mut app, "jjx", 70);
    let round = app.state().rounds.current().unwrap();
    assert_eq!(round.standing(PersonId(3), at(70)), Some(Standing::Absent));
    press(&mut app, "x", 71);
    let round = app.state().rounds.current().unwrap();
    assert_eq!(round.standing(PersonId(3), at(71)), Some(Standing::Waiting));
    // A new round cannot start over a running one; E ends it.
    press(&mut app, "<enter>", 72);
    assert!(app.flash.as_deref().unwrap().contains("E ends it"));
    press(&mut app, "E", 73);
    assert!(app.state().rounds.current().is_none());
    // Random start: someone present, logged by name.
    press(&mut app, "R", 74);
    assert!(matches!(
        last_events(&app, 1)[0],
        Event::Round(RoundEvent::Start { .. })
    ));
}

#[test]
fn stack_keys_add_jump_and_call() {
    let mut app = app_with(plan(), &[(0, Event::Run(RunEvent::Start(SegmentId(1))))]);
    press(&mut app, "4aan<enter>", 1);
    assert_eq!(
        last_events(&app, 1),
        [Event::Stack(StackEvent::Add {
            person: PersonId(0),
            jump: Jump::NoJump,
        })]
    );
    // A point of process goes to the front.
    press(&mut app, "oki<enter>", 2);
    let queue = app
        .state()
        .stack
        .queue(&app.state().people, &app.state().run);
    assert_eq!(queue[0].person, PersonId(4));
    assert_eq!(queue[0].jump, Jump::PointOfProcess);
    // Tab changes the kind in the prompt; arrows pick among matches.
    press(&mut app, "ab<tab><tab><enter>", 3);
    assert_eq!(
        last_events(&app, 1),
        [Event::Stack(StackEvent::Add {
            person: PersonId(1),
            jump: Jump::DirectResponse,
        })]
    );
    // A name nobody has: asked, then joined and added, one key each.
    press(&mut app, "aNgozi<enter>", 4);
    assert!(app.views.stack.prompt.is_some());
    press(&mut app, "<enter>", 4);
    assert_eq!(names(&app).last().unwrap(), "Ngozi");
    assert!(matches!(
        last_events(&app, 2)[..],
        [Event::People(_), Event::Stack(StackEvent::Add { .. })]
    ));
    // Already on: refused with the reason, nothing logged.
    let before = app.session().events.len();
    press(&mut app, "aana<enter>", 5);
    assert_eq!(app.session().events.len(), before);
    assert_eq!(app.flash.as_deref(), Some("Ana is already on the stack"));

    // Next calls the front and starts their clock.
    press(&mut app, "n", 6);
    assert_eq!(app.state().stack.speaker(), Some(PersonId(4)));
    assert_eq!(app.views.stack.cursor, 0);
    // Queue now: Bo (direct response), Ana, Ngozi. Move Ngozi up one.
    press(&mut app, "jjK", 7);
    let queue = app
        .state()
        .stack
        .queue(&app.state().people, &app.state().run);
    let order: Vec<u32> = queue.iter().map(|q| q.person.0).collect();
    assert_eq!(order, [1, 5, 0]);
    assert_eq!(app.views.stack.cursor, 1, "the cursor moves with the hand");
    // Nothing goes above a point of process, and the last stays last.
    press(&mut app, "odi<enter>", 70);
    let before = app.session().events.len();
    press(&mut app, "K", 71);
    assert_eq!(
        app.flash.as_deref(),
        Some("points of process stay at the front")
    );
    press(&mut app, "kJ", 71);
    assert_eq!(
        app.flash.as_deref(),
        Some("points of process stay at the front")
    );
    press(&mut app, "jjjJ", 71);
    assert_eq!(app.session().events.len(), before);
    press(&mut app, "u", 72);
    assert_eq!(
        app.state()
            .stack
            .queue(&app.state().people, &app.state().run)
            .len(),
        3
    );
    press(&mut app, "k", 72);
    // Close after the selected one: others are refused.
    press(&mut app, "C", 8);
    assert_eq!(app.state().stack.closed_after, Some(PersonId(5)));
    press(&mut app, "acy<enter>", 9);
    assert!(app.flash.as_deref().unwrap().contains("closed after Ngozi"));
    press(&mut app, "O", 10);
    assert_eq!(app.state().stack.closed_after, None);
    // Mode and rule, reach, priority: events; undo takes the last back.
    // `m` goes through the progressive rules, then plain.
    let rule = |app: &App| {
        let run = &app.state().run;
        (app.state().stack.mode(run), app.state().stack.rule(run))
    };
    press(&mut app, "m", 11);
    assert_eq!(
        rule(&app),
        (StackMode::Progressive, StackRule::TurnsThenArrival)
    );
    press(&mut app, "u", 12);
    assert_eq!(
        rule(&app),
        (StackMode::Progressive, StackRule::TurnsThenTime)
    );
    press(&mut app, "m", 12);
    press(&mut app, "m", 13);
    assert_eq!(rule(&app), (StackMode::Progressive, StackRule::TimeOnly));
    press(&mut app, "m", 14);
    assert_eq!(app.state().stack.mode(&app.state().run), StackMode::Plain);
    for at in [15, 16, 17] {
        press(&mut app, "u", at);
    }
    assert_eq!(
        rule(&app),
        (StackMode::Progressive, StackRule::TurnsThenTime)
    );
    press(&mut app, "#P", 13);
    assert!(app.state().stack.priority);
    // Remove the selected hand; end the turn.
    press(&mut app, "x", 14);
    assert_eq!(
        app.state()
            .stack
            .queue(&app.state().people, &app.state().run)
            .len(),
        2
    );
    press(&mut app, "s", 15);
    assert_eq!(app.state().stack.speaker(), None);
}

#[test]
fn ctrl_c_quits_even_from_a_prompt() {
    let mut app = app_with(plan(), &[]);
    press(&mut app, "4a", 1);
    let effect = app.on_key(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        at(2),
    );
    assert_eq!(effect, Effect::Quit);
}

#[test]
fn a_list_is_read_off_the_key_path_and_esc_stops_waiting_for_it() {
    use circlekeeper::tui::screens::people::PeopleAsk;
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("signups.txt");
    std::fs::write(&list, "Ngozi\nTomás\n").unwrap();
    let mut app = app_with(plan(), &[]);
    press(&mut app, "6i", 1);
    // Typed and entered without waiting: the key only asks for the read.
    for c in list.display().to_string().chars() {
        app.on_key(KeyEvent::from(KeyCode::Char(c)), at(2));
    }
    app.on_key(KeyEvent::from(KeyCode::Enter), at(2));
    assert!(matches!(
        app.views.people.prompt.as_ref().map(|a| &a.about),
        Some(PeopleAsk::Reading { .. })
    ));
    let screen = text(&draw(&app, at(2), 100, 30));
    assert!(screen.contains("Reading "), "{screen}");
    app.on_key(KeyEvent::from(KeyCode::Esc), at(3));
    assert_eq!(app.views.people.prompt, None);
    assert!(
        app.flash
            .as_deref()
            .unwrap_or("")
            .starts_with("not importing")
    );
    // Whenever the read ends, nobody is added.
    app.settle(at(4));
    assert_eq!(names(&app).len(), 5);
}

#[test]
fn words_on_screen_name_the_keys_a_user_keymap_binds() {
    let mut app = app_with(plan(), &[(0, Event::Run(RunEvent::Start(SegmentId(1))))]);
    app.settings
        .keymap
        .overlay(
            std::path::Path::new("keymap.ron"),
            r#"(
                stack: {"+": add_hand, "a": unbound, "!": point_of_process, "N": next_speaker, "U": undo, "u": unbound},
                round: {"Q": end_round, "E": unbound},
            )"#,
        )
        .unwrap();
    press(&mut app, "4", 1);
    let stack = text(&draw(&app, at(1), 80, 24));
    assert!(
        stack.contains("The stack is empty. + adds a hand, ! a point of order (process)."),
        "{stack}"
    );
    // A hand raised with the new key, then taken off: the undo key named is
    // the user's.
    press(&mut app, "+ki<enter>", 2);
    assert!(
        text(&draw(&app, at(2), 80, 24)).contains("Nobody speaking · N calls Kim"),
        "{}",
        text(&draw(&app, at(2), 80, 24))
    );
    press(&mut app, "x", 3);
    assert_eq!(
        app.flash.as_deref(),
        Some("Kim is off the stack (U undoes)")
    );

    // A round that has heard everyone says how to end it with the key bound.
    press(&mut app, "3<enter>", 4);
    for s in 5..11 {
        press(&mut app, "n", s);
    }
    press(&mut app, "n", 12);
    assert_eq!(
        app.flash.as_deref(),
        Some("everyone has had their turn: Q ends the round")
    );
}
