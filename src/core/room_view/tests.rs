use proptest::prelude::*;

use super::*;
use crate::core::decision::DecisionEvent;
use crate::core::decision::phase::Phase;
use crate::core::decision::stance::Stance;
use crate::core::event::Event;
use crate::core::fixture::{Log, plan, t};
use crate::core::guide::GuideEvent;
use crate::core::note::{Note, NoteEvent, NoteId, NoteKind, Visibility};
use crate::core::person::PersonId;
use crate::core::round::{Direction, RoundEvent};
use crate::core::run::RunEvent;
use crate::core::stack::{Jump, StackEvent};

const NAMES: [&str; 4] = ["Amara", "Kenji", "Zoë 👩🏽", "محمد"];

/// Words that stay in the circle: what they say, write and decide.
const CIRCLE_ONLY: [&str; 3] = ["NOTE-SECRET", "POSITION-SECRET", "REMARK-SECRET"];

/// Two segments open to the room and two confidential ones, whose titles,
/// matters and prompts are marked so a leak is found.
fn room_plan() -> Plan {
    let kinds = [
        SegmentKind::CheckIn,
        SegmentKind::AntiRetreat,
        SegmentKind::Decision,
        SegmentKind::OpenFloor,
    ];
    let mut plan = plan(&NAMES, &kinds, Some(60));
    for (i, s) in plan.segments.iter_mut().enumerate() {
        s.title = format!("Open-{i}");
    }
    plan.segments[1].title = "CONF-TITLE".into();
    plan.segments[1].matter = Some("CONF-MATTER".into());
    plan.segments[3].title = "CONF-FLOOR".into();
    plan.segments[3].confidential = Some(true);
    plan
}

fn hand(person: u32, jump: Jump) -> Event {
    Event::Stack(StackEvent::Add {
        person: PersonId(person),
        jump,
    })
}

#[derive(Debug, Clone)]
enum Op {
    Start(u32),
    Hand(u32),
    StackNext,
    RoundStart(u32),
    RoundNext,
    RoundPass,
    Note(bool),
    Prompt,
    Groups,
    Test,
    Position(u32),
    Remark,
    Room(usize),
    Pause,
    Close,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u32..4).prop_map(Op::Start),
        (0u32..4).prop_map(Op::Hand),
        Just(Op::StackNext),
        (0u32..4).prop_map(Op::RoundStart),
        Just(Op::RoundNext),
        Just(Op::RoundPass),
        any::<bool>().prop_map(Op::Note),
        Just(Op::Prompt),
        Just(Op::Groups),
        Just(Op::Test),
        (0u32..4).prop_map(Op::Position),
        Just(Op::Remark),
        (0usize..8).prop_map(Op::Room),
        Just(Op::Pause),
        Just(Op::Close),
    ]
}

fn event(op: &Op, on: SegmentId, note: u32) -> Event {
    let person = |p: u32| PersonId(p);
    match op {
        Op::Start(i) => Event::Run(RunEvent::Start(SegmentId(*i))),
        Op::Hand(p) => Event::Stack(StackEvent::Add {
            person: person(*p),
            jump: if *p == 0 {
                Jump::PointOfProcess
            } else {
                Jump::NoJump
            },
        }),
        Op::StackNext => Event::Stack(StackEvent::Next),
        Op::RoundStart(p) => Event::Round(RoundEvent::Start {
            first: person(*p),
            direction: Direction::Clockwise,
        }),
        Op::RoundNext => Event::Round(RoundEvent::Next),
        Op::RoundPass => Event::Round(RoundEvent::Pass),
        Op::Note(shared) => Event::Note(NoteEvent::Added(Note {
            id: NoteId(note),
            kind: NoteKind::Note,
            text: format!("NOTE-SECRET {note}"),
            visibility: if *shared {
                Visibility::Shared
            } else {
                Visibility::CircleOnly
            },
            segment: Some(on),
            speaker: Some(person(note % 4)),
            group: None,
        })),
        // The segment's number marks a prompt, so one given in a
        // confidential segment is recognised.
        Op::Prompt => Event::Guide(GuideEvent::Prompt {
            segment: on,
            text: format!("PROMPT-{}", on.0),
        }),
        Op::Groups => Event::Guide(GuideEvent::GroupsFormed {
            segment: on,
            step: 0,
            groups: vec![vec![person(0), person(1)], vec![person(2), person(3)]],
            crews: false,
        }),
        Op::Test => Event::Decision(DecisionEvent::Phase {
            segment: on,
            phase: Phase::Test,
        }),
        Op::Position(p) => Event::Decision(DecisionEvent::Position {
            segment: on,
            person: person(*p),
            stance: Stance::Agree,
            text: "POSITION-SECRET".into(),
            indicative: None,
            group: None,
        }),
        Op::Remark => Event::Decision(DecisionEvent::Remark {
            segment: on,
            stance: Stance::Agree,
            text: "REMARK-SECRET".into(),
        }),
        Op::Room(i) => Event::Room(RoomView::ALL[*i]),
        Op::Pause => Event::Run(RunEvent::Pause),
        Op::Close => Event::Closed,
    }
}

/// What no view of `state` may show, besides the circle's own words.
fn check(state: &State, plan: &Plan, now: Timestamp) -> Result<(), TestCaseError> {
    let confidential = state.run.current_segment().filter(|s| s.is_confidential());
    for view in RoomView::ALL {
        let room = Room::new(state, plan, "T", view, now);
        let all = room.texts().join("\n");
        for secret in CIRCLE_ONLY {
            prop_assert!(!all.contains(secret), "{view:?} shows {secret}: {room:?}");
        }
        if let Some(seg) = confidential {
            for word in NAMES
                .iter()
                .chain(&["CONF-", "PROMPT-1", "PROMPT-3", &seg.title])
            {
                prop_assert!(!all.contains(word), "{view:?} shows {word}: {room:?}");
            }
        }
        match &room.body {
            Body::Stack(queue) => prop_assert!(queue.iter().all(|(_, why)| why.is_none())),
            Body::Tally(Some(counts)) => {
                for (label, _) in counts {
                    prop_assert!(!NAMES.iter().any(|n| label.contains(n)), "{label}");
                }
            }
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever happened in the session, no view the room can be shown
    /// carries what stays in the circle.
    #[test]
    fn nothing_circle_only_reaches_the_room(ops in proptest::collection::vec(op(), 1..40)) {
        let plan = room_plan();
        let mut log = Log::new(plan.clone());
        let mut notes = 0;
        for (i, op) in ops.iter().enumerate() {
            let on = log.state().run.current.unwrap_or(SegmentId(0));
            if log.state().closed {
                break;
            }
            let at = 10 * (i as i64 + 1);
            log.at(at, event(op, on, notes));
            notes += u32::from(matches!(op, Op::Note(_)));
            check(log.state(), &plan, t(at + 5))?;
        }
    }
}

#[test]
fn the_facilitators_choice_is_logged_and_followed() {
    let plan = room_plan();
    let mut log = Log::new(plan.clone());
    log.start_segment(0, 3)
        .at(10, hand(1, Jump::NoJump))
        .at(20, Event::Room(RoomView::Stack));
    assert_eq!(log.state().room, RoomView::Stack);
    assert_eq!(log.replayed().room, RoomView::Stack);
    // An undo never takes the room's view back.
    log.at(30, Event::Undo(crate::core::event::Scope::Any));
    assert_eq!(log.state().room, RoomView::Stack);
    assert_eq!(RoomView::Away.next(), RoomView::Clock);
    assert_eq!(RoomView::from_name("tally"), Some(RoomView::Tally));
}

#[test]
fn the_room_sees_names_and_clock_but_reasons_only_when_the_plan_allows() {
    let mut plan = plan(&NAMES, &[SegmentKind::OpenFloor], Some(120));
    let mut log = Log::new(plan.clone());
    log.start_segment(0, 0)
        .at(10, hand(2, Jump::PointOfProcess))
        .at(11, hand(0, Jump::NoJump))
        .at(20, Event::Stack(StackEvent::Next));
    let room = Room::new(log.state(), &plan, "T", RoomView::Stack, t(50));
    assert_eq!(room.segment.as_deref(), Some("S0"));
    assert_eq!(room.clock.as_ref().unwrap().digits, "29:10");
    let speaker = room.speaker.unwrap();
    assert_eq!(
        (speaker.name.as_str(), speaker.clock.digits.as_str()),
        ("Zoë 👩🏽", "1:30")
    );
    assert_eq!(room.body, Body::Stack(vec![("Amara".into(), None)]));
    plan.room_reasons = true;
    let room = Room::new(log.state(), &plan, "T", RoomView::Stack, t(50));
    let Body::Stack(queue) = room.body else {
        panic!("a stack view");
    };
    assert!(queue[0].1.is_some());
}

#[test]
fn a_confidential_segment_shows_its_kind_and_clock_only() {
    let plan = room_plan();
    let mut log = Log::new(plan.clone());
    log.start_segment(0, 1).at(
        5,
        Event::Guide(GuideEvent::Voice {
            segment: SegmentId(1),
            person: PersonId(0),
        }),
    );
    let room = Room::new(log.state(), &plan, "T", RoomView::Round, t(65));
    assert_eq!(room.segment.as_deref(), Some("a confidential conversation"));
    assert_eq!(room.clock.unwrap().digits, "28:55");
    assert_eq!((room.speaker, room.body), (None, Body::Private));
}

#[test]
fn the_prompt_is_the_one_chosen_else_the_plans_own() {
    let mut plan = plan(&NAMES, &[SegmentKind::Round], None);
    plan.segments[0].prompt = Some("What went well?".into());
    let mut log = Log::new(plan.clone());
    log.start_segment(0, 0);
    let prompt = |log: &Log| Room::new(log.state(), &plan, "T", RoomView::Prompt, t(9)).body;
    assert_eq!(prompt(&log), Body::Prompt(Some("What went well?".into())));
    log.at(
        5,
        Event::Guide(GuideEvent::Prompt {
            segment: SegmentId(0),
            text: "What surprised you?".into(),
        }),
    );
    assert_eq!(
        prompt(&log),
        Body::Prompt(Some("What surprised you?".into()))
    );
}

#[test]
fn a_breakouts_groups_are_the_rooms_once_formed() {
    use crate::core::breakout::{BreakoutEvent, Formed};
    let plan = plan(&NAMES, &[SegmentKind::Breakout], Some(60));
    let mut log = Log::new(plan.clone());
    log.start_segment(0, 0);
    let room = Room::new(log.state(), &plan, "T", RoomView::Groups, t(10));
    assert_eq!(
        room.body,
        Body::Groups {
            groups: vec![],
            crews: false
        }
    );
    let group = |name: &str, people: [u32; 2]| Formed {
        name: name.into(),
        people: people.map(PersonId).to_vec(),
        question: None,
        place: None,
    };
    log.at(
        20,
        Event::Breakout(BreakoutEvent::Formed {
            segment: SegmentId(0),
            groups: vec![group("Rent", [0, 2]), group("Tools", [1, 3])],
        }),
    );
    let room = Room::new(log.state(), &plan, "T", RoomView::Groups, t(30));
    assert_eq!(
        room.body,
        Body::Groups {
            groups: vec![
                vec!["Amara".to_string(), "Zoë 👩🏽".to_string()],
                vec!["Kenji".to_string(), "محمد".to_string()],
            ],
            crews: false
        }
    );
}
