use jiff::SignedDuration;
use proptest::prelude::*;

use super::*;
use crate::core::event::{Event, Scope};
use crate::core::fixture::{Log, plan, t};
use crate::core::person::PeopleEvent;
use crate::core::plan::SegmentKind;

fn ev(e: StackEvent) -> Event {
    Event::Stack(e)
}

fn add(person: u32, jump: Jump) -> Event {
    ev(StackEvent::Add {
        person: PersonId(person),
        jump,
    })
}

fn hand(person: u32) -> Event {
    add(person, Jump::NoJump)
}

fn floor(names: &[&str]) -> Log {
    let mut log = Log::new(plan(
        names,
        &[SegmentKind::OpenFloor, SegmentKind::OpenFloor],
        Some(120),
    ));
    log.start_segment(0, 0);
    log
}

fn queue(log: &Log) -> Vec<Queued> {
    log.state()
        .stack
        .queue(&log.state().people, &log.state().run)
}

/// Who is queued, front first.
fn who(log: &Log) -> Vec<u32> {
    queue(log).iter().map(|q| q.person.0).collect()
}

fn labels(log: &Log) -> Vec<String> {
    queue(log).iter().map(|q| q.why.label()).collect()
}

/// Person `p` speaks from the stack for `secs`, starting at `at`: their
/// hand goes up, is moved to the front and called, and the turn ends.
fn speak(log: &mut Log, p: u32, at: i64, secs: i64) {
    log.at(at, hand(p));
    let id = log.state().stack.hands().last().unwrap().id;
    log.at(at, ev(StackEvent::Move { hand: id, to: 0 }))
        .at(at, ev(StackEvent::Next))
        .at(at + secs, ev(StackEvent::EndTurn));
    assert_eq!(
        log.state().stack.turns().last().unwrap().person,
        PersonId(p)
    );
}

#[test]
fn plain_is_first_come_with_jumps_in_front() {
    let mut log = floor(&["Ana", "Bo", "Cy", "Di", "Ed"]);
    log.at(1, hand(0))
        .at(2, hand(1))
        .at(3, ev(StackEvent::Next));
    assert_eq!(log.state().stack.speaker(), Some(PersonId(0)));
    log.at(4, hand(2))
        .at(5, add(3, Jump::DirectResponse))
        .at(6, add(4, Jump::PointOfProcess))
        .at(7, add(2, Jump::ClarifyingQuestion));
    assert_eq!(who(&log), [4, 3, 2, 1, 2]);
    assert_eq!(
        labels(&log),
        [
            "point of process",
            "direct response",
            "clarifying question",
            "first come",
            "first come"
        ]
    );
    let q = queue(&log);
    assert_eq!(q[1].responding_to, Some(PersonId(0)));
    assert_eq!(q[3].responding_to, None);
    assert_eq!(q[3].raised, t(2));
    assert_eq!(q[3].waited(t(62)), SignedDuration::from_secs(60));
    // The point of process is served first; the running turn ends.
    log.at(10, ev(StackEvent::Next));
    assert_eq!(log.state().stack.speaker(), Some(PersonId(4)));
    assert_eq!(log.state().stack.turns().next().unwrap().ended, Some(t(10)));
    let dr = log.state().stack.direct_responses(&log.state().run);
    assert_eq!(dr.get(&PersonId(3)), Some(&1));
}

#[test]
fn progressive_puts_fewer_turns_then_less_time_first() {
    let mut log = floor(&["Ana", "Bo", "Cy", "Di", "Ed"]);
    log.at(0, ev(StackEvent::Mode(StackMode::Progressive)));
    speak(&mut log, 0, 10, 100);
    speak(&mut log, 0, 200, 100);
    speak(&mut log, 1, 400, 30);
    speak(&mut log, 2, 500, 90);
    log.at(700, hand(0))
        .at(701, hand(2))
        .at(702, hand(1))
        .at(703, hand(3))
        .at(704, hand(4));
    assert_eq!(who(&log), [3, 4, 1, 2, 0]);
    assert_eq!(
        labels(&log),
        [
            "first time",
            "first time",
            "1 turn · 0:30 spoken",
            "1 turn · 1:30 spoken",
            "2 turns · 3:20 spoken"
        ]
    );
    // Self-identified priority counts only when the group enabled it.
    let mut ed = log.state().people.get(PersonId(4)).unwrap().clone();
    ed.priority = true;
    log.at(705, Event::People(PeopleEvent::Edited(ed)));
    assert_eq!(who(&log), [3, 4, 1, 2, 0]);
    log.at(706, ev(StackEvent::Priority(true)));
    assert_eq!(who(&log), [4, 3, 1, 2, 0]);
    assert_eq!(labels(&log)[0], "first time, priority");
    // Plain again: first come, and priority does not count.
    log.at(707, ev(StackEvent::Mode(StackMode::Plain)));
    assert_eq!(who(&log), [0, 2, 1, 3, 4]);
}

#[test]
fn each_rule_orders_by_its_measures_and_says_what_placed_each_hand() {
    let mut log = floor(&["Ana", "Bo", "Cy", "Di"]);
    // Ana: 2 short turns (40s); Bo: 1 long turn (2m); Cy: 1 short (10s).
    speak(&mut log, 0, 10, 20);
    speak(&mut log, 0, 40, 20);
    speak(&mut log, 1, 100, 120);
    speak(&mut log, 2, 300, 10);
    log.at(400, hand(1))
        .at(401, hand(0))
        .at(402, hand(3))
        .at(403, hand(2));
    let rule = |log: &mut Log, r: StackRule| {
        log.at(404, ev(StackEvent::Rule(r)));
        assert_eq!(log.state().stack.rule(&log.state().run), r);
        (who(log), labels(log))
    };
    assert_eq!(
        rule(&mut log, StackRule::TurnsThenTime),
        (
            vec![3, 2, 1, 0],
            vec![
                "first time".to_string(),
                "1 turn · 0:10 spoken".into(),
                "1 turn · 2:00 spoken".into(),
                "2 turns · 0:40 spoken".into()
            ]
        )
    );
    assert_eq!(
        rule(&mut log, StackRule::TurnsThenArrival),
        (
            vec![3, 1, 2, 0],
            vec![
                "first time".to_string(),
                "1 turn".into(),
                "1 turn".into(),
                "2 turns".into()
            ]
        )
    );
    assert_eq!(
        rule(&mut log, StackRule::TimeOnly),
        (
            vec![3, 2, 0, 1],
            vec![
                "not spoken yet".to_string(),
                "0:10 spoken".into(),
                "0:40 spoken".into(),
                "2:00 spoken".into()
            ]
        )
    );
    assert_eq!(
        log.state().stack.wording(&log.state().run),
        "Progressive, counting this segment: least speaking time first, then who raised \
         a hand first"
    );
}

#[test]
fn the_header_states_the_whole_rule_and_m_cycles_through_the_rules() {
    let mut log = floor(&["Ana", "Bo"]);
    let run = |log: &Log| log.state().run.clone();
    assert_eq!(
        log.state().stack.wording(&run(&log)),
        "Plain: first come, first served"
    );
    let mut seen = Vec::new();
    for i in 0..4 {
        let next = log.state().stack.cycle(&run(&log));
        log.at(i, ev(next));
        seen.push(log.state().stack.wording(&run(&log)));
    }
    assert_eq!(
        seen,
        [
            "Progressive, counting this segment: fewest turns first, then least speaking \
             time, then who raised a hand first",
            "Progressive, counting this segment: fewest turns first, then who raised a hand \
             first",
            "Progressive, counting this segment: least speaking time first, then who raised \
             a hand first",
            "Plain: first come, first served",
        ]
    );
    log.at(5, ev(StackEvent::Rule(StackRule::TurnsThenTime)))
        .at(6, ev(StackEvent::Priority(true)));
    assert_eq!(
        log.state().stack.wording(&run(&log)),
        "Progressive, counting this segment: fewest turns first, then those with \
         priority, then least speaking time, then who raised a hand first"
    );
}

#[test]
fn the_plan_chooses_the_rule_and_a_session_wide_scope() {
    // A weekend: the forum promises "those who've spoken less this weekend
    // go first", so its stack counts the whole session.
    let mut p = plan(
        &["Ana", "Bo"],
        &[SegmentKind::OpenFloor, SegmentKind::OpenFloor],
        Some(120),
    );
    p.stack_rule = Some(StackRule::TurnsThenArrival);
    p.segments[0].stack = Some(StackMode::Progressive);
    p.segments[1].stack = Some(StackMode::Progressive);
    p.segments[1].stack_scope = Some(Reach::Session);
    p.segments[1].stack_rule = Some(StackRule::TimeOnly);
    let mut log = Log::new(p);
    log.start_segment(0, 0);
    let stack = |log: &Log| {
        (
            log.state().stack.rule(&log.state().run),
            log.state().stack.reach(&log.state().run),
        )
    };
    assert_eq!(stack(&log), (StackRule::TurnsThenArrival, Reach::Segment));
    speak(&mut log, 0, 10, 60);
    log.start_segment(100, 1);
    assert_eq!(stack(&log), (StackRule::TimeOnly, Reach::Session));
    log.at(101, hand(0)).at(102, hand(1));
    assert_eq!(
        who(&log),
        [1, 0],
        "Ana spoke in the first floor: the count carries on"
    );
    assert_eq!(labels(&log), ["not spoken yet", "1:00 spoken"]);
    // The stack keeper can still change it for this floor.
    log.at(103, ev(StackEvent::Reach(Reach::Segment)));
    assert_eq!(who(&log), [0, 1]);
    // The rule goes into the log by name.
    let back: StackEvent = ron::from_str("Rule(TimeOnly)").unwrap();
    assert_eq!(back, StackEvent::Rule(StackRule::TimeOnly));
}

#[test]
fn counting_reaches_the_segment_or_the_whole_session() {
    let mut log = floor(&["Ana", "Bo"]);
    log.at(0, ev(StackEvent::Mode(StackMode::Progressive)));
    speak(&mut log, 0, 10, 60);
    log.start_segment(100, 1);
    // The mode set in the first open floor carries on.
    assert_eq!(
        log.state().stack.mode(&log.state().run),
        StackMode::Progressive
    );
    log.at(101, hand(0)).at(102, hand(1));
    assert_eq!(who(&log), [0, 1], "a new segment starts the count afresh");
    log.at(103, ev(StackEvent::Reach(Reach::Session)));
    assert_eq!(who(&log), [1, 0]);
    assert_eq!(labels(&log), ["first time", "1 turn · 1:00 spoken"]);
}

#[test]
fn the_plan_sets_each_open_floors_starting_rule() {
    let mut p = plan(
        &["Ana", "Bo"],
        &[SegmentKind::OpenFloor, SegmentKind::OpenFloor],
        None,
    );
    p.segments[1].stack = Some(StackMode::Progressive);
    let mut log = Log::new(p);
    log.start_segment(0, 0);
    log.at(1, ev(StackEvent::Mode(StackMode::Plain)));
    log.start_segment(2, 1);
    assert_eq!(
        log.state().stack.mode(&log.state().run),
        StackMode::Progressive
    );
}

#[test]
fn a_closed_stack_refuses_with_a_reason() {
    let mut log = floor(&["Ana", "Bo", "Kim", "Di"]);
    log.at(1, hand(0))
        .at(2, ev(StackEvent::CloseAfter(PersonId(2))));
    let (stack, people) = (&log.state().stack, &log.state().people);
    let no = stack
        .check_add(PersonId(1), Jump::NoJump, people)
        .unwrap_err();
    assert_eq!(
        no.text(people),
        "the stack is closed after Kim (points of process still go in)"
    );
    assert!(
        stack
            .check_add(PersonId(1), Jump::DirectResponse, people)
            .is_err()
    );
    assert!(
        stack
            .check_add(PersonId(1), Jump::PointOfProcess, people)
            .is_ok()
    );
    let dup = stack
        .check_add(PersonId(0), Jump::NoJump, people)
        .unwrap_err();
    assert_eq!(dup.text(people), "Ana is already on the stack");
    assert!(stack.check_add(PersonId(9), Jump::NoJump, people).is_err());
    // Kim, the last one named, still goes on; a refused add is ignored.
    log.at(3, hand(2)).at(4, hand(1)).at(5, hand(3));
    assert_eq!(who(&log), [0, 2]);
    log.at(6, ev(StackEvent::Reopen)).at(7, hand(1));
    assert_eq!(who(&log), [0, 2, 1]);
}

#[test]
fn moved_by_hand_keeps_its_place_relative_to_those_ahead() {
    let mut log = floor(&["Ana", "Bo", "Cy", "Di", "Ed"]);
    log.at(1, hand(0))
        .at(2, hand(1))
        .at(3, hand(2))
        .at(4, hand(3));
    log.at(
        5,
        ev(StackEvent::Move {
            hand: HandId(3),
            to: 1,
        }),
    );
    assert_eq!(who(&log), [0, 3, 1, 2]);
    assert_eq!(labels(&log)[1], "moved by hand");
    // A point of process still goes first; a move cannot pass it.
    log.at(6, add(4, Jump::PointOfProcess));
    log.at(
        7,
        ev(StackEvent::Move {
            hand: HandId(2),
            to: 0,
        }),
    );
    assert_eq!(who(&log), [4, 2, 0, 3, 1]);
    // As those ahead are served, the moved hand comes up.
    log.at(8, ev(StackEvent::Next)).at(9, ev(StackEvent::Next));
    assert_eq!(who(&log), [0, 3, 1]);
    log.at(10, ev(StackEvent::Next));
    assert_eq!(who(&log), [3, 1]);
    // Undo takes back the last call, exactly.
    log.at(11, Event::Undo(Scope::Stack));
    assert_eq!(who(&log), [0, 3, 1]);
    assert_eq!(log.state().stack.speaker(), Some(PersonId(2)));
}

#[test]
fn resume_mid_stack_gives_the_same_speaker_clock_and_queue() {
    let mut log = floor(&["Ana", "Bo", "Cy", "Di"]);
    log.at(0, ev(StackEvent::Mode(StackMode::Progressive)))
        .at(1, hand(0))
        .at(2, hand(1))
        .at(3, ev(StackEvent::Next))
        .at(50, hand(0))
        .at(51, add(3, Jump::DirectResponse))
        .at(52, hand(2))
        .at(
            53,
            ev(StackEvent::Move {
                hand: HandId(4),
                to: 3,
            }),
        );
    let back = log.replayed();
    assert_eq!(&back, log.state());
    let plan = &log.session().plan;
    let clock = back
        .stack
        .speaking()
        .unwrap()
        .clock(&back.run, plan, t(100));
    assert_eq!(clock.person, PersonId(0));
    assert_eq!(clock.elapsed, SignedDuration::from_secs(97));
    assert_eq!(clock.time_box, Some(SignedDuration::from_secs(120)));
    assert_eq!(who(&log), [3, 1, 0, 2]);
    assert_eq!(
        back.stack.queue(&back.people, &back.run),
        queue(&log),
        "the same queue, reasons and all"
    );
}

/// One thing a stack keeper might do, for property tests.
#[derive(Debug, Clone)]
enum Op {
    Add(u32, Jump),
    Remove(u32),
    Move(u32, usize),
    Mode(StackMode),
    Priority(bool),
    Reach(Reach),
    Rule(StackRule),
    Next,
    EndTurn,
    NextSegment,
}

fn jump() -> impl Strategy<Value = Jump> {
    prop_oneof![
        4 => Just(Jump::NoJump),
        1 => Just(Jump::PointOfProcess),
        1 => Just(Jump::DirectResponse),
        1 => Just(Jump::ClarifyingQuestion),
        1 => Just(Jump::PointOfInformation),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..6u32, jump()).prop_map(|(p, j)| Op::Add(p, j)),
        1 => (0..12u32).prop_map(Op::Remove),
        2 => (0..12u32, 0..8usize).prop_map(|(h, to)| Op::Move(h, to)),
        1 => prop_oneof![Just(StackMode::Plain), Just(StackMode::Progressive)].prop_map(Op::Mode),
        1 => any::<bool>().prop_map(Op::Priority),
        1 => prop_oneof![Just(Reach::Segment), Just(Reach::Session)].prop_map(Op::Reach),
        1 => proptest::sample::select(StackRule::ALL.to_vec()).prop_map(Op::Rule),
        3 => Just(Op::Next),
        1 => Just(Op::EndTurn),
        1 => Just(Op::NextSegment),
    ]
}

fn event(op: &Op, log: &Log) -> Event {
    match op {
        Op::Add(p, j) => add(*p, *j),
        Op::Remove(h) => ev(StackEvent::Remove(HandId(*h))),
        Op::Move(h, to) => ev(StackEvent::Move {
            hand: HandId(*h),
            to: *to,
        }),
        Op::Mode(m) => ev(StackEvent::Mode(*m)),
        Op::Priority(on) => ev(StackEvent::Priority(*on)),
        Op::Reach(r) => ev(StackEvent::Reach(*r)),
        Op::Rule(r) => ev(StackEvent::Rule(*r)),
        Op::Next => ev(StackEvent::Next),
        Op::EndTurn => ev(StackEvent::EndTurn),
        Op::NextSegment => {
            let next = log.state().run.current.map_or(0, |s| (s.0 + 1) % 3);
            Event::Run(crate::core::run::RunEvent::Start(SegmentId(next)))
        }
    }
}

/// The counts the stack keeps as it goes, recounted from every turn and
/// hand the slow way.
fn recount(state: &crate::core::state::State) -> (Tally, Replies) {
    let stack = &state.stack;
    let reach = stack.reach(&state.run);
    let here = |segment| reach == Reach::Session || segment == state.run.current;
    let mut tally = Tally::new();
    for t in stack.turns().filter(|t| here(t.segment)) {
        let e = tally.entry(t.person).or_default();
        e.0 += 1;
        if let Some(end) = t.ended {
            e.1 = e.1.saturating_add(end.duration_since(t.started));
        }
    }
    let mut replies = Replies::new();
    for h in stack.hands().filter(|h| {
        h.jump == Jump::DirectResponse && h.status != HandStatus::Removed && here(h.segment)
    }) {
        *replies.entry(h.person).or_insert(0) += 1;
    }
    (tally, replies)
}

type Tally = std::collections::BTreeMap<PersonId, (u32, SignedDuration)>;
type Replies = std::collections::BTreeMap<PersonId, u32>;

/// Checks the ordering rules on the queue as it stands.
fn check_rules(log: &Log) -> Result<(), TestCaseError> {
    let state = log.state();
    let q = state.stack.queue(&state.people, &state.run);
    let tally = state.stack.tally(&state.run);
    let (slow, replies) = recount(state);
    prop_assert_eq!(&tally, &slow, "turns and time kept as they happen");
    prop_assert_eq!(state.stack.direct_responses(&state.run), replies);
    let progressive = state.stack.mode(&state.run) == StackMode::Progressive;
    let turns_of = |p: PersonId| tally.get(&p).map_or(0, |t| t.0);
    // Points of process stand at the very front, in the order raised.
    let process = q
        .iter()
        .take_while(|e| e.jump == Jump::PointOfProcess)
        .count();
    prop_assert!(q[process..].iter().all(|e| e.jump != Jump::PointOfProcess));
    for (i, a) in q.iter().enumerate() {
        for b in &q[i + 1..] {
            let moved = a.why == Why::MovedByHand || b.why == Why::MovedByHand;
            if moved || a.jump.tier() != b.jump.tier() {
                continue;
            }
            if a.jump.tier() < 2 || !progressive {
                prop_assert!(a.hand < b.hand, "first come within a tier: {:?}", q);
            } else {
                // Each hand's place follows its rule's measures, priority
                // right after the first, first come breaking ties.
                let measures = |why: Why, hand: HandId| match why {
                    Why::Progressive {
                        rule,
                        turns,
                        time,
                        priority,
                    } => Some((rule.key(turns, time, priority), hand)),
                    _ => None,
                };
                let (ka, kb) = (measures(a.why, a.hand), measures(b.why, b.hand));
                prop_assert!(ka.is_some() && kb.is_some(), "{:?}", q);
                prop_assert!(ka < kb, "the rule's order: {:?}", q);
                if let Why::Progressive { turns, .. } = a.why {
                    prop_assert_eq!(turns, turns_of(a.person), "the reason is the count");
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn ordering_rules_hold_and_undo_restores_the_queue(
        ops in proptest::collection::vec((op(), 0..90i64), 1..40),
        priority in proptest::collection::vec(any::<bool>(), 6),
    ) {
        let kinds = [SegmentKind::OpenFloor; 3];
        let mut log = Log::new(plan(&["A", "B", "C", "D", "E", "F"], &kinds, None));
        for (i, pri) in priority.iter().enumerate() {
            let mut p = log.state().people.get(PersonId(i as u32)).unwrap().clone();
            p.priority = *pri;
            log.at(0, Event::People(PeopleEvent::Edited(p)));
        }
        log.start_segment(0, 0);
        let mut now = 0;
        for (op, gap) in &ops {
            now += gap;
            let before = log.clone();
            let is_stack = !matches!(op, Op::NextSegment);
            let event = event(op, &log);
            log.at(now, event);
            check_rules(&log)?;
            let q = queue(&log);
            if let Some(first) = q.first()
                && q.iter().any(|e| e.jump == Jump::PointOfProcess)
            {
                prop_assert_eq!(first.jump, Jump::PointOfProcess);
            }
            if is_stack {
                let mut undone = log.clone();
                undone.at(now, Event::Undo(Scope::Stack));
                prop_assert_eq!(queue(&undone), queue(&before));
                prop_assert_eq!(undone.state(), before.state());
            }
            if matches!(op, Op::Next) && let Some(front) = queue(&before).first() {
                prop_assert_eq!(log.state().stack.speaker(), Some(front.person));
            }
        }
        prop_assert_eq!(log.replayed(), log.state().clone());
    }
}

#[test]
fn round_and_stack_events_survive_a_save_and_load() {
    use crate::core::round::{Direction, RoundEvent};
    use crate::store::text::{Loaded, session_from_str, session_to_string};
    let mut log = floor(&["Ana", "Bo"]);
    let round = |e| Event::Round(e);
    let events = [
        round(RoundEvent::Start {
            first: PersonId(1),
            direction: Direction::CounterClockwise,
        }),
        round(RoundEvent::Next),
        round(RoundEvent::Pass),
        round(RoundEvent::Absent {
            person: PersonId(0),
            absent: true,
        }),
        round(RoundEvent::EndTurn),
        round(RoundEvent::End),
        hand(0),
        add(1, Jump::PointOfInformation),
        ev(StackEvent::Remove(HandId(1))),
        ev(StackEvent::Move {
            hand: HandId(0),
            to: 0,
        }),
        ev(StackEvent::Mode(StackMode::Progressive)),
        ev(StackEvent::Reach(Reach::Session)),
        ev(StackEvent::Priority(true)),
        ev(StackEvent::CloseAfter(PersonId(0))),
        ev(StackEvent::Reopen),
        ev(StackEvent::Next),
        ev(StackEvent::EndTurn),
        ev(StackEvent::Clear),
        Event::Undo(Scope::Stack),
        Event::Undo(Scope::Round),
    ];
    for (i, e) in events.into_iter().enumerate() {
        log.at(i as i64, e);
    }
    let text = session_to_string(log.session()).unwrap();
    let Loaded::Current(back) = session_from_str(std::path::Path::new("s.ron"), &text).unwrap()
    else {
        panic!("a current session");
    };
    assert_eq!(&back, log.session());
    assert_eq!(crate::core::state::State::replay(&back), *log.state());
}
