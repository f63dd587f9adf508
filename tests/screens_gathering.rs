//! A gathering on the screens: the Plan screen grouped by day with each
//! day's drift, roles on the People screen (given, volunteered, opted out,
//! drawn by lot and shown large), "timekeeper: Kim" on Live, the stack
//! counting the whole gathering, crews with absences in the icebreaker
//! guide, and what a new session picked up said on its first frame.

mod common;

use std::path::PathBuf;

use circlekeeper::core::event::Event;
use circlekeeper::core::gathering::Carried;
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::plan::{Plan, Reach};
use circlekeeper::core::roles::Earlier;
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::timeline::Timeline;
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::action::Action;
use circlekeeper::tui::app::{App, Screen};
use circlekeeper::tui::keymap::Keymap;
use circlekeeper::tui::theme::Theme;
use common::screen::{draw, text};
use crossterm::event::{KeyCode, KeyEvent};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

const WEEKEND: &str = r#"(
    title: "Summit",
    gathering: "summit-2027",
    roster: ["Tomás", "美玲", "محمد الأحمد", "प्रिया", "👩🏽‍🦱 Zoë", "Kim"],
    roles: ["kitchen crew"],
    days: [
        (
            title: "Friday",
            date: "2027-05-14",
            start: "18:30",
            holders: {"greeter": "Kim"},
            segments: [
                (title: "Welcome", kind: WelcomeCircle, time: "30m", roles: ["greeter"]),
                (title: "Crews", kind: Custom, time: "20m", activity: "crews"),
                (title: "Check-out", kind: ClosingRound, time: "15m"),
            ],
        ),
        (
            title: "Saturday",
            start: "09:00",
            segments: [
                (title: "Check-in", kind: CheckIn, time: "20m", roles: ["timekeeper", "note-taker"]),
                (title: "Workshop", kind: Workshop, time: "2h"),
                (title: "Lunch", kind: Break, time: "1h", at: "12:30"),
                (title: "Crews", kind: Custom, time: "40m", activity: "crews"),
            ],
        ),
    ],
)"#;

/// Friday 2027-05-14 at a time of day, UTC.
fn friday(h: i8, m: i8, s: i8) -> Timestamp {
    jiff::civil::date(2027, 5, 14)
        .at(h, m, s, 0)
        .to_zoned(TimeZone::UTC)
        .unwrap()
        .timestamp()
}

fn plan() -> Plan {
    plan_from_str(std::path::Path::new("summit.ron"), WEEKEND).unwrap()
}

fn app_of(session: Session, events: &[(Timestamp, Event)]) -> App {
    let mut timeline = Timeline::new(session);
    for (at, ev) in events {
        timeline.record(*at, ev.clone());
    }
    App::new(
        timeline.into_parts().0,
        PathBuf::from("/sessions/summit.ron"),
        Keymap::defaults(),
        Theme::color(),
        TimeZone::UTC,
    )
}

fn everyone_here(at: Timestamp, but: &[u32]) -> Vec<(Timestamp, Event)> {
    (0..6)
        .filter(|i| !but.contains(i))
        .map(|i| {
            (
                at,
                Event::People(PeopleEvent::Arrived {
                    id: PersonId(i),
                    arrived: true,
                }),
            )
        })
        .collect()
}

fn start(at: Timestamp, id: u32) -> (Timestamp, Event) {
    (at, Event::Run(RunEvent::Start(SegmentId(id))))
}

fn key(app: &mut App, code: KeyCode, now: Timestamp) {
    app.on_key(KeyEvent::from(code), now);
}

fn chars(app: &mut App, keys: &str, now: Timestamp) {
    for c in keys.chars() {
        key(app, KeyCode::Char(c), now);
    }
}

#[test]
fn plan_screen_groups_by_day_and_a_late_friday_leaves_saturday_alone() {
    let session = Session::new(plan(), friday(18, 25, 0));
    let mut events = everyone_here(friday(18, 26, 0), &[]);
    // Welcome runs 38 minutes (8 over); the crews are on at 19:15.
    events.push(start(friday(18, 30, 0), 0));
    events.push(start(friday(19, 8, 0), 1));
    let mut app = app_of(session, &events);
    app.screen = Screen::Plan;
    app.views.plan.cursor = 1;
    let now = friday(19, 15, 0);
    let screen = text(&draw(&app, now, 80, 24));
    let line = |needle: &str| {
        screen
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle}: {screen}"))
            .to_string()
    };
    // Friday is 8 minutes late and says so; Saturday begins at nine.
    let fri = line("━ Friday 2027-05-14");
    assert!(
        fri.contains("ends 19:35") && fri.contains("+8 min → 19:43"),
        "{fri}"
    );
    let sat = line("━ Saturday 2027-05-15");
    assert!(sat.contains("09:00") && sat.contains("on time"), "{sat}");
    assert!(line("Check-in").contains("09:00"), "{screen}");
    assert!(
        line("Lunch").contains("12:30"),
        "the anchor holds: {screen}"
    );
    // The foot speaks of today.
    assert!(
        screen.contains("Friday · planned end 19:35 · projected 19:43 · drift +8 min"),
        "{screen}"
    );
    insta::assert_snapshot!("plan_by_day_80x24", draw(&app, now, 80, 24).backend());
    insta::assert_snapshot!("plan_by_day_200x60", draw(&app, now, 200, 60).backend());
    // The cursor row is the one selected, headings between.
    key(&mut app, KeyCode::Down, now);
    key(&mut app, KeyCode::Down, now);
    let screen = text(&draw(&app, now, 80, 24));
    let selected = screen.lines().find(|l| l.starts_with('▶')).unwrap();
    assert!(selected.contains("Check-in"), "{screen}");
    // Live's schedule line is today's.
    app.screen = Screen::Live;
    let live = text(&draw(&app, now, 80, 24));
    assert!(
        live.contains("Friday · planned end 19:35 · projected 19:43 · +8 min"),
        "{live}"
    );
}

#[test]
fn roles_are_given_volunteered_and_drawn_by_lot_on_the_people_screen() {
    let session = Session::new(plan(), friday(18, 25, 0));
    // प्रिया (3) is not here.
    let mut app = app_of(session, &everyone_here(friday(18, 26, 0), &[3]));
    app.screen = Screen::People;
    let now = friday(18, 27, 0);
    insta::assert_snapshot!("people_roles_80x24", draw(&app, now, 80, 24).backend());

    // ] chooses timekeeper; enter gives it to Tomás, and again takes it
    // back.
    let roles = circlekeeper::core::roles::names(&app.session().plan);
    let timekeeper = roles.iter().position(|r| r == "timekeeper").unwrap();
    for _ in 0..timekeeper {
        chars(&mut app, "]", now);
    }
    key(&mut app, KeyCode::Enter, now);
    assert_eq!(app.flash.as_deref(), Some("Tomás is timekeeper (u undoes)"));
    assert!(app.state().roles.holds("timekeeper", PersonId(0)));
    let later = now + SignedDuration::from_secs(5);
    key(&mut app, KeyCode::Enter, later);
    assert_eq!(app.flash.as_deref(), Some("Tomás gave up timekeeper"));
    assert!(!app.state().roles.holds("timekeeper", PersonId(0)));
    chars(&mut app, "u", later);
    assert!(app.state().roles.holds("timekeeper", PersonId(0)), "undo");

    // Volunteers: 美玲, प्रिया (not here), Kim; محمد asks not to be drawn,
    // so he cannot volunteer.
    for (row, k) in [(1, "^"), (3, "^"), (5, "^"), (2, "z")] {
        app.views.people.cursor = row;
        chars(&mut app, k, now);
    }
    app.views.people.cursor = 2;
    chars(&mut app, "^", now);
    assert!(
        app.flash
            .as_deref()
            .unwrap()
            .contains("asked not to be drawn"),
        "{:?}",
        app.flash
    );
    // Before any draw, v says which key draws: the one bound to it.
    chars(&mut app, "v", now);
    assert_eq!(
        app.flash.as_deref(),
        Some("no role has been drawn by lot yet: ~ draws the selected role")
    );
    let draw_at = friday(18, 28, 0);
    chars(&mut app, "~", draw_at);
    assert!(app.views.people.draw_shown);
    let last = app.state().roles.draws().last().expect("a draw").clone();
    let (among, seed) = (last.among, last.seed);
    // Only the volunteers who are here; the seed is the moment of the key.
    assert_eq!(among, vec![PersonId(1), PersonId(5)]);
    assert_eq!(seed, draw_at.as_nanosecond() as u64);
    let drawn = app.state().roles.holders("timekeeper");
    assert_eq!(drawn.len(), 1);
    assert!(among.contains(&drawn[0]));
    let screen = text(&draw(&app, draw_at, 80, 24));
    assert!(screen.contains("Drawn by lot · timekeeper"), "{screen}");
    assert!(screen.contains("among 2: 美玲 · Kim"), "{screen}");
    assert!(screen.contains(&format!("seed {seed}")), "{screen}");
    insta::assert_snapshot!("people_draw_80x24", draw(&app, draw_at, 80, 24).backend());
    insta::assert_snapshot!("people_draw_200x60", draw(&app, draw_at, 200, 60).backend());
    // Any size, down to nothing, draws without a panic.
    for (w, h) in [(0, 0), (1, 1), (12, 4), (30, 8), (300, 90)] {
        draw(&app, draw_at, w, h);
    }
    key(&mut app, KeyCode::Esc, draw_at);
    assert!(!app.views.people.draw_shown);
    // The roster's roles column shows who holds what now.
    let name = app.state().people.name(drawn[0]).to_string();
    let screen = text(&draw(&app, draw_at, 80, 24));
    let row = screen
        .lines()
        .find(|l| l.contains(&name) && l.contains("timekeeper"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(!row.contains("volunteers"), "{row}");
}

#[test]
fn a_draw_with_no_volunteers_asks_before_drawing_among_everyone_here() {
    let session = Session::new(plan(), friday(18, 25, 0));
    let mut app = app_of(session, &everyone_here(friday(18, 26, 0), &[0, 1, 2, 3]));
    app.screen = Screen::People;
    let now = friday(18, 27, 0);
    chars(&mut app, "~", now);
    assert!(!app.views.people.draw_shown, "asks first");
    insta::assert_snapshot!("people_draw_asks_80x24", draw(&app, now, 80, 24).backend());
    chars(&mut app, "y", now);
    assert!(app.views.people.draw_shown);
    // The first role of the plan is its own: kitchen crew.
    let holders = app.state().roles.holders("kitchen crew");
    assert!(
        holders == vec![PersonId(4)] || holders == vec![PersonId(5)],
        "only those here: {holders:?}"
    );
}

#[test]
fn live_names_the_roles_of_the_segment_on_and_the_plan_holders_come_with_one_key() {
    let session = Session::new(plan(), friday(18, 25, 0));
    let mut events = everyone_here(friday(18, 26, 0), &[]);
    events.push(start(friday(18, 30, 0), 0));
    let mut app = app_of(session, &events);
    let now = friday(18, 31, 0);
    assert!(
        text(&draw(&app, now, 80, 24)).contains("greeter: —"),
        "nobody yet"
    );
    app.screen = Screen::People;
    chars(&mut app, "&", now);
    assert_eq!(
        app.flash.as_deref(),
        Some("1 role(s) given as the plan names (u undoes)")
    );
    app.screen = Screen::Live;
    let screen = text(&draw(&app, now, 80, 24));
    assert!(screen.contains("● RUNNING   greeter: Kim"), "{screen}");
    insta::assert_snapshot!("live_roles_80x24", draw(&app, now, 80, 24).backend());
}

fn carried() -> Carried {
    Carried {
        id: "summit-2027".into(),
        sessions: vec!["Friday 2027-05-14".into()],
        members: Vec::new(),
        crews: vec![
            vec![PersonId(0), PersonId(1), PersonId(2)],
            vec![PersonId(3), PersonId(4), PersonId(5)],
        ],
        held: vec![Earlier {
            role: "timekeeper".into(),
            person: PersonId(5),
            times: 1,
            last: "Friday 2027-05-14".into(),
        }],
        prompts: vec!["How are you arriving?".into()],
        ..Carried::default()
    }
}

/// Saturday as its own session of the gathering.
fn saturday() -> Session {
    let plan = plan().only_day(1).unwrap();
    let sat = friday(8, 50, 0) + SignedDuration::from_hours(24);
    let mut session = Session::new(plan, sat);
    session.gathering = Some(carried());
    session
}

#[test]
fn a_new_session_of_a_gathering_says_what_it_picked_up_on_its_first_frame() {
    let sat = friday(8, 51, 0) + SignedDuration::from_hours(24);
    let app = app_of(saturday(), &[]);
    let said = carried().summary();
    assert_eq!(app.flash.as_deref(), Some(said.as_str()));
    let screen = text(&draw(&app, sat, 200, 60));
    assert!(screen.contains(&said), "on the status line: {screen}");
    insta::assert_snapshot!("picked_up_80x24", draw(&app, sat, 80, 24).backend());
    // Resumed, it has already said so.
    let resumed = app_of(saturday(), &everyone_here(sat, &[]));
    assert_eq!(resumed.flash, None);
    // The suggestions put who held a role least in the gathering first.
    let mut app = app_of(saturday(), &everyone_here(sat, &[]));
    app.screen = Screen::People;
    let screen = text(&draw(&app, sat, 200, 60));
    let row = screen
        .lines()
        .find(|l| l.contains("timekeeper"))
        .unwrap()
        .to_string();
    assert!(!row.contains("Kim"), "Kim kept time on Friday: {row}");
}

#[test]
fn the_stack_counts_the_whole_gathering_when_the_session_belongs_to_one() {
    let sat = friday(9, 0, 0) + SignedDuration::from_hours(24);
    let mut app = app_of(saturday(), &[start(sat, 0)]);
    app.screen = Screen::Stack;
    let reach = |app: &App| app.state().stack.reach(&app.state().run);
    let mut seen = vec![reach(&app)];
    for _ in 0..3 {
        app.update(Action::ToggleReach, sat);
        seen.push(reach(&app));
    }
    assert_eq!(
        seen,
        [
            Reach::Segment,
            Reach::Session,
            Reach::Gathering,
            Reach::Segment
        ]
    );
    // A session of no gathering never reaches it.
    let mut plain = saturday();
    plain.gathering = None;
    let mut app = app_of(plain, &[start(sat, 0)]);
    app.screen = Screen::Stack;
    app.update(Action::ToggleReach, sat);
    app.update(Action::ToggleReach, sat);
    assert_eq!(reach(&app), Reach::Segment);
}

#[test]
fn the_crews_guide_shows_the_gatherings_crews_with_who_is_not_here() {
    let sat = |h, m| friday(h, m, 0) + SignedDuration::from_hours(24);
    // प्रिया (3) is away today.
    let mut events = everyone_here(sat(8, 55), &[3]);
    for (id, (h, m)) in [(9, 0), (9, 20), (12, 30), (13, 30)]
        .into_iter()
        .enumerate()
    {
        events.push(start(sat(h, m), id as u32));
    }
    let sat = sat(13, 31);
    let app = app_of(saturday(), &events);
    let screen = text(&draw(&app, sat, 80, 24));
    assert!(screen.contains("Crews so far"), "{screen}");
    assert!(
        screen.contains("Crew 1 · Tomás, 美玲, محمد الأحمد"),
        "{screen}"
    );
    assert!(screen.contains("not here: प्रिया"), "{screen}");
    insta::assert_snapshot!("crews_absent_80x24", draw(&app, sat, 80, 24).backend());
    insta::assert_snapshot!("crews_absent_200x60", draw(&app, sat, 200, 60).backend());
}

#[test]
fn the_check_in_offers_prompts_not_asked_earlier_in_the_gathering_first() {
    let sat = friday(9, 1, 0) + SignedDuration::from_hours(24);
    let mut session = saturday();
    if let Some(c) = session.gathering.as_mut() {
        c.prompts = vec!["How are you arriving today?".into()];
    }
    let app = app_of(session, &[start(sat, 0)]);
    let screen = text(&draw(&app, sat, 200, 60));
    let asked = screen
        .lines()
        .position(|l| l.contains("How are you arriving today?"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        screen.lines().nth(asked).unwrap().contains("asked before"),
        "{screen}"
    );
    let fresh = screen
        .lines()
        .position(|l| l.contains("What are you bringing with you"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(fresh < asked, "not yet asked comes first: {screen}");
}

#[test]
fn the_stack_airtime_shows_the_whole_gathering_with_v() {
    use circlekeeper::core::gathering::Spoken;
    let sat = friday(9, 0, 0) + SignedDuration::from_hours(24);
    let mut session = saturday();
    if let Some(c) = session.gathering.as_mut() {
        c.spoken = vec![Spoken {
            person: PersonId(1),
            turns: 3,
            time: SignedDuration::from_secs(250),
        }];
    }
    let mut app = app_of(session, &[start(sat, 0)]);
    app.screen = Screen::Stack;
    let heading = |app: &App| {
        let screen = text(&draw(app, sat, 120, 30));
        screen
            .lines()
            .find(|l| l.contains("Airtime · "))
            .unwrap_or_else(|| panic!("{screen}"))
            .to_string()
    };
    assert!(heading(&app).contains("this segment"));
    app.update(Action::ToggleAirtime, sat);
    assert!(heading(&app).contains("whole session"));
    app.update(Action::ToggleAirtime, sat);
    assert!(heading(&app).contains("whole gathering"));
    let screen = text(&draw(&app, sat, 120, 30));
    let row = screen
        .lines()
        .find(|l| l.contains("美玲") && l.contains("4:10"))
        .unwrap_or_else(|| panic!("Friday's turns count: {screen}"));
    assert!(row.contains("3 turns"), "{row}");
    app.update(Action::ToggleAirtime, sat);
    assert!(heading(&app).contains("this segment"));
}
