//! Snapshots of every view a `circlekeeper follow` window can show, drawn
//! from the privacy-filtered room model, at 80x24 (and the clock on a
//! 200x60 projector), with names from many scripts; and any size, down to
//! nothing, without a fault.

mod common;

use circlekeeper::core::decision::DecisionEvent;
use circlekeeper::core::decision::phase::Phase;
use circlekeeper::core::decision::stance::Stance;
use circlekeeper::core::event::Event;
use circlekeeper::core::guide::GuideEvent;
use circlekeeper::core::person::PersonId;
use circlekeeper::core::plan::Plan;
use circlekeeper::core::room_view::{Room, RoomView};
use circlekeeper::core::round::{Direction, RoundEvent};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::stack::{Jump, StackEvent};
use circlekeeper::core::timeline::Timeline;
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::follow::{Frame, draw};
use circlekeeper::tui::theme::Theme;
use common::screen::{at, t0};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn plan() -> Plan {
    plan_from_str(
        std::path::Path::new("room.ron"),
        r#"(
    title: "Spring gathering",
    roster: ["María José", "李小龍", "محمد الأحمد", "Zoë 🌈", "प्रिया", "Tomás"],
    segments: [
        (title: "Welcome", kind: WelcomeCircle, time: "10m",
         agreements: ["One voice at a time", "What is said here stays here"]),
        (title: "Check-in", kind: CheckIn, time: "20m", per_speaker: "1m"),
        (title: "Warm-up", kind: IcebreakerSequence, time: "15m",
         steps: [(title: "Threes", format: Circles(3), intimacy: 1, time: "15m")]),
        (title: "Open floor", kind: OpenFloor, time: "35m", per_speaker: "2m"),
        (title: "Do we move the meeting?", kind: Decision, time: "20m"),
        (title: "Hard matter", kind: AntiRetreat, time: "30m", matter: "the rent"),
    ],
)"#,
    )
    .unwrap()
}

fn p(id: u32) -> PersonId {
    PersonId(id)
}

fn seg(id: u32) -> SegmentId {
    SegmentId(id)
}

fn start(id: u32) -> Event {
    Event::Run(RunEvent::Start(seg(id)))
}

/// The room's `view` after `events`, drawn at `now` seconds into `w` x `h`.
fn draw_room(view: RoomView, events: &[(i64, Event)], now: i64, w: u16, h: u16) -> String {
    let mut timeline = Timeline::new(Session::new(plan(), t0()));
    for (secs, ev) in events {
        timeline.record(at(*secs), ev.clone());
    }
    let (session, state) = (timeline.session(), timeline.state());
    let room = Room::new(state, &session.plan, &session.title, view, at(now));
    let frame = Frame {
        room: Some(room),
        status: draw::source(view, false),
        warn: false,
    };
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| draw::render(&frame, &Theme::high_contrast(), f.area(), f.buffer_mut()))
        .unwrap();
    common::screen::text(&term)
}

fn stack_events() -> Vec<(i64, Event)> {
    let add = |person, jump| Event::Stack(StackEvent::Add { person, jump });
    vec![
        (0, start(3)),
        (5, add(p(3), Jump::NoJump)),
        (6, add(p(1), Jump::NoJump)),
        (7, add(p(2), Jump::PointOfProcess)),
        (10, Event::Stack(StackEvent::Next)),
    ]
}

#[test]
fn the_clock_with_a_speaker_and_without() {
    insta::assert_snapshot!(
        "follow_clock_speaker_80x24",
        draw_room(RoomView::Clock, &stack_events(), 70, 80, 24)
    );
    let events = [(0, start(3))];
    insta::assert_snapshot!(
        "follow_clock_80x24",
        draw_room(RoomView::Clock, &events, 70, 80, 24)
    );
    insta::assert_snapshot!(
        "follow_clock_200x60",
        draw_room(RoomView::Clock, &events, 70, 200, 60)
    );
}

#[test]
fn the_prompt_and_the_agreements() {
    let events = [
        (0, start(1)),
        (
            5,
            Event::Guide(GuideEvent::Prompt {
                segment: seg(1),
                text: "What are you bringing tonight?".into(),
            }),
        ),
    ];
    insta::assert_snapshot!(
        "follow_prompt_80x24",
        draw_room(RoomView::Prompt, &events, 30, 80, 24)
    );
    let events = [(0, start(0))];
    insta::assert_snapshot!(
        "follow_agreements_80x24",
        draw_room(RoomView::Agreements, &events, 30, 80, 24)
    );
}

#[test]
fn the_round_says_who_speaks_and_who_passed() {
    let round = |e| Event::Round(e);
    let events = [
        (0, start(1)),
        (
            5,
            round(RoundEvent::Start {
                first: p(0),
                direction: Direction::Clockwise,
            }),
        ),
        (40, round(RoundEvent::Next)),
        (45, round(RoundEvent::Pass)),
    ];
    insta::assert_snapshot!(
        "follow_round_80x24",
        draw_room(RoomView::Round, &events, 60, 80, 24)
    );
}

#[test]
fn the_stack_shows_names_only() {
    let screen = draw_room(RoomView::Stack, &stack_events(), 70, 80, 24);
    assert!(!screen.contains("process"), "no reasons:\n{screen}");
    insta::assert_snapshot!("follow_stack_80x24", screen);
}

#[test]
fn the_groups_and_the_tally() {
    let events = [
        (0, start(2)),
        (
            5,
            Event::Guide(GuideEvent::GroupsFormed {
                segment: seg(2),
                step: 0,
                groups: vec![vec![p(0), p(1), p(2)], vec![p(3), p(4), p(5)]],
                crews: false,
            }),
        ),
    ];
    insta::assert_snapshot!(
        "follow_groups_80x24",
        draw_room(RoomView::Groups, &events, 30, 80, 24)
    );
    let position = |person, stance| {
        Event::Decision(DecisionEvent::Position {
            segment: seg(4),
            person: p(person),
            stance,
            text: "my reasons are mine".into(),
            indicative: None,
            group: None,
        })
    };
    let events = [
        (0, start(4)),
        (
            5,
            Event::Decision(DecisionEvent::Phase {
                segment: seg(4),
                phase: Phase::Test,
            }),
        ),
        (6, position(0, Stance::Agree)),
        (7, position(1, Stance::Agree)),
        (8, position(2, Stance::StandAside)),
    ];
    let screen = draw_room(RoomView::Tally, &events, 30, 80, 24);
    assert!(
        !screen.contains("María") && !screen.contains("reasons"),
        "{screen}"
    );
    insta::assert_snapshot!("follow_tally_80x24", screen);
}

#[test]
fn away_and_a_confidential_segment() {
    let events = [(0, start(3))];
    insta::assert_snapshot!(
        "follow_away_80x24",
        draw_room(RoomView::Away, &events, 30, 80, 24)
    );
    let events = [
        (0, start(5)),
        (
            5,
            Event::Guide(GuideEvent::Voice {
                segment: seg(5),
                person: p(0),
            }),
        ),
    ];
    for view in RoomView::ALL {
        let screen = draw_room(view, &events, 30, 80, 24);
        for word in ["Hard matter", "rent", "María"] {
            assert!(!screen.contains(word), "{view:?} shows {word}:\n{screen}");
        }
    }
    insta::assert_snapshot!(
        "follow_confidential_80x24",
        draw_room(RoomView::Round, &events, 30, 80, 24)
    );
}

#[test]
fn every_view_draws_at_any_size() {
    for view in RoomView::ALL {
        for (w, h) in [
            (0, 0),
            (1, 1),
            (2, 1),
            (10, 2),
            (20, 3),
            (30, 6),
            (44, 12),
            (300, 90),
        ] {
            draw_room(view, &stack_events(), 70, w, h);
        }
    }
}
