use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::*;
use crate::core::fixture::{plan, t};
use crate::core::guide::GuideEvent;
use crate::core::guide::anti_retreat::Phase;
use crate::core::note::{Note, NoteEvent, NoteId, NoteKind, Visibility};
use crate::core::person::Person;
use crate::core::plan::{Cue, Segment, SegmentKind, StackMode};
use crate::core::round::{Direction, RoundEvent};
use crate::core::run::{RunEvent, SegmentId, Status};
use crate::core::stack::{HandId, Jump, Reach, StackEvent};

fn timeline(names: &[&str], kinds: &[SegmentKind]) -> Timeline {
    Timeline::new(Session::new(plan(names, kinds, None), t(0)))
}

fn run(ev: RunEvent) -> Event {
    Event::Run(ev)
}

#[test]
fn undo_takes_back_the_latest_event_in_scope() {
    let mut tl = timeline(&["Ana"], &[SegmentKind::Custom; 3]);
    let move_last_first = run(RunEvent::Move {
        segment: SegmentId(2),
        to: 0,
    });
    tl.record(t(0), move_last_first);
    tl.record(t(0), run(RunEvent::Skip(SegmentId(1))));
    assert_eq!(tl.state().run.order[0], SegmentId(2));
    let undone = tl.undo(Scope::Run, t(1)).unwrap();
    assert_eq!(undone.what, "skip of S1");
    let status = tl.state().run.progress(SegmentId(1)).unwrap().status;
    assert_eq!(status, Status::Upcoming);
    assert_eq!(
        tl.undo(Scope::People, t(2)),
        None,
        "nothing of people to undo"
    );
    assert_eq!(
        tl.state().run.order[0],
        SegmentId(2),
        "the run is left alone"
    );
    assert!(tl.can_undo(Scope::Any));
    tl.record(t(3), Event::Undo(Scope::Any));
    assert_eq!(tl.state().run.order[0], SegmentId(0));
    assert!(!tl.can_undo(Scope::Any));
    assert_eq!(tl.state(), &State::replay(tl.session()));
    // The log only grows: two edits and two undos; a refused undo is not
    // logged.
    assert_eq!(tl.events().len(), 4);
}

#[test]
fn undo_says_what_it_took_back() {
    let kinds = [
        SegmentKind::CheckIn,
        SegmentKind::OpenFloor,
        SegmentKind::Decision,
    ];
    let mut tl = timeline(&["Ana", "Kim"], &kinds);
    let said = |tl: &mut Timeline, scope| tl.undo(scope, t(99)).unwrap().what;
    tl.record(
        t(1),
        run(RunEvent::SetTime {
            segment: SegmentId(0),
            time: SignedDuration::from_mins(25),
        }),
    );
    assert_eq!(said(&mut tl, Scope::Plan), "time box of S0");
    tl.record(t(2), run(RunEvent::Start(SegmentId(1))));
    tl.record(t(3), run(RunEvent::Start(SegmentId(2))));
    assert_eq!(said(&mut tl, Scope::Course), "start of S2");
    // From the first segment straight to the third: a jump.
    let mut tl = timeline(&["Ana", "Kim"], &kinds);
    tl.record(t(1), run(RunEvent::Start(SegmentId(0))));
    tl.record(t(2), run(RunEvent::Start(SegmentId(2))));
    assert_eq!(said(&mut tl, Scope::Course), "jump to S2");
    let mut note = Note::new(NoteId(0), NoteKind::Note, "x", None);
    note.speaker = Some(PersonId(0));
    tl.record(t(4), Event::Note(NoteEvent::Added(note)));
    assert_eq!(said(&mut tl, Scope::Notes), "note by Ana");
    tl.record(
        t(5),
        run(RunEvent::AddTime {
            segment: SegmentId(0),
            by: SignedDuration::from_mins(-1),
        }),
    );
    assert_eq!(said(&mut tl, Scope::Run), "-1m on S0");
    let add = |p| {
        Event::Stack(StackEvent::Add {
            person: PersonId(p),
            jump: Jump::DirectResponse,
        })
    };
    tl.record(t(6), add(1));
    assert_eq!(said(&mut tl, Scope::Stack), "direct response of Kim");
    let undone = tl.undo(Scope::Stack, t(7));
    assert_eq!(undone, None);
}

#[test]
fn the_course_takes_back_a_jump_and_the_segment_goes_on() {
    let kinds = [SegmentKind::OpenFloor, SegmentKind::Decision];
    let mut tl = timeline(&["Ana", "Kim"], &kinds);
    let hand = |p| {
        Event::Stack(StackEvent::Add {
            person: PersonId(p),
            jump: Jump::NoJump,
        })
    };
    tl.record(t(0), run(RunEvent::Start(SegmentId(0))));
    tl.record(t(10), hand(0));
    tl.record(t(11), hand(1));
    tl.record(t(12), Event::Stack(StackEvent::Next));
    tl.record(
        t(20),
        run(RunEvent::SetTime {
            segment: SegmentId(1),
            time: SignedDuration::from_mins(10),
        }),
    );
    tl.record(t(60), run(RunEvent::Start(SegmentId(1))));
    tl.record(t(61), run(RunEvent::Pause));
    // The Plan screen's undo: the jump, not the older time box edit, and
    // not the pause either (the clock is not the Plan screen's).
    let undone = tl.undo(Scope::Course, t(70)).unwrap();
    assert_eq!(undone.entry.event, run(RunEvent::Start(SegmentId(1))));
    let state = tl.state();
    assert_eq!(state.run.current, Some(SegmentId(0)));
    assert_eq!(
        state.run.time_box(SegmentId(1)),
        SignedDuration::from_mins(10)
    );
    // Ana still speaks and Kim still waits: the jump never happened.
    assert_eq!(state.stack.speaker(), Some(PersonId(0)));
    assert_eq!(state.stack.queue(&state.people, &state.run).len(), 1);
    // The pause after the jump now pauses the open floor, at 61 s.
    assert_eq!(
        state.run.remaining(SegmentId(0), t(9999)),
        SignedDuration::from_mins(30) - SignedDuration::from_secs(61)
    );
}

#[test]
fn undo_last_key_takes_back_everything_one_key_did() {
    let mut tl = timeline(&["Ana", "Kim", "Bo"], &[SegmentKind::Round]);
    let round = |e| Event::Round(e);
    tl.record(t(0), run(RunEvent::Start(SegmentId(0))));
    tl.record(
        t(1),
        round(RoundEvent::Start {
            first: PersonId(0),
            direction: Direction::Clockwise,
        }),
    );
    tl.record(t(2), round(RoundEvent::Next));
    // One key: a pass, then the next turn.
    tl.record(t(5), round(RoundEvent::Pass));
    tl.record(t(5), round(RoundEvent::Next));
    let undone = tl.undo_last_key(Scope::Round, t(9));
    let what: Vec<&str> = undone.iter().map(|u| u.what.as_str()).collect();
    assert_eq!(what, ["pass", "next speaker"]);
    let r = tl.state().rounds.current().unwrap();
    assert_eq!(r.speaker(), Some(PersonId(0)));
    assert!(tl.undo_last_key(Scope::People, t(9)).is_empty());
    // The latest of several scopes.
    tl.record(
        t(10),
        Event::Guide(GuideEvent::Prompt {
            segment: SegmentId(0),
            text: "How are you?".into(),
        }),
    );
    let scopes = [Scope::Guide, Scope::People, Scope::Run];
    assert_eq!(tl.undo_latest(&scopes, t(11)).unwrap().what, "prompt");
    assert_eq!(tl.undo_latest(&scopes, t(12)).unwrap().what, "start of S0");
    assert_eq!(tl.state(), &State::replay(tl.session()));
}

#[test]
fn checkpoints_stay_few_and_near_the_head() {
    let kinds = [SegmentKind::Custom; 2];
    let mut session = Session::new(plan(&["Ana"], &kinds, None), t(0));
    session.push(t(0), run(RunEvent::Start(SegmentId(0))));
    let mut tl = Timeline::with_spacing(session, 16);
    for i in 0..5000 {
        let by = SignedDuration::from_secs(if i % 2 == 0 { 30 } else { -30 });
        tl.record(
            t(i),
            run(RunEvent::AddTime {
                segment: SegmentId(0),
                by,
            }),
        );
    }
    let head = tl.events().len();
    let at: Vec<usize> = tl.checkpoints.iter().map(|c| c.at).collect();
    assert!(at.len() <= 10, "a few checkpoints: {at:?}");
    assert!(at.windows(2).all(|w| w[0] < w[1]), "oldest first: {at:?}");
    assert!(
        head - at[at.len() - 1] <= 16,
        "one close to the head: {at:?}"
    );
    // For an entry d behind the head, one at most about 8d + 16 before it.
    for d in [1usize, 10, 100, 1000, 4000] {
        let target = head - d;
        let near = at
            .iter()
            .rev()
            .find(|a| **a <= target)
            .copied()
            .unwrap_or(0);
        assert!(
            target - near <= 8 * d + 16,
            "{d} behind: from {near}, {at:?}"
        );
    }
    // Taking back one from far behind replays from a checkpoint before it
    // and agrees with a replay from the start.
    let mut far = tl.clone();
    far.record(t(6000), Event::Undo(Scope::Any));
    assert_eq!(far.state(), &State::replay(far.session()));
}

// --- The property: whatever happens, the timeline agrees with a replay ---

/// Which entries are still in effect, worked out the slow way: each undo
/// removes the latest kept entry in its scope after the last close.
fn undone_the_slow_way(log: &[Entry]) -> Vec<bool> {
    let mut kept: Vec<usize> = Vec::new();
    let mut floor = 0;
    let mut undone = vec![false; log.len()];
    for (i, entry) in log.iter().enumerate() {
        match entry.event {
            Event::Undo(scope) => {
                if let Some(j) = kept[floor..]
                    .iter()
                    .rposition(|k| log[*k].event.in_scope(scope))
                {
                    undone[kept.remove(floor + j)] = true;
                }
            }
            Event::Closed => {
                kept.push(i);
                floor = kept.len();
            }
            _ => kept.push(i),
        }
    }
    undone
}

/// A full replay built on the slow rule, sharing nothing with `Undos`.
fn replay_the_slow_way(session: &Session) -> State {
    let undone = undone_the_slow_way(&session.events);
    let mut state = State::fresh(session);
    for (entry, undone) in session.events.iter().zip(undone) {
        state.step(entry, undone);
    }
    for entry in &session.events {
        if let Event::People(PeopleEvent::Joined(p)) = &entry.event {
            state.people.reserve(p.id);
        }
    }
    state
}

fn scope() -> impl Strategy<Value = Scope> {
    proptest::sample::select(Scope::ALL.to_vec())
}

fn person() -> impl Strategy<Value = PersonId> {
    (0..6u32).prop_map(PersonId)
}

fn segment() -> impl Strategy<Value = SegmentId> {
    (0..6u32).prop_map(SegmentId)
}

fn run_event() -> impl Strategy<Value = RunEvent> {
    let mins = (-3..40i64).prop_map(SignedDuration::from_mins);
    prop_oneof![
        4 => segment().prop_map(RunEvent::Start),
        1 => Just(RunEvent::Pause),
        1 => Just(RunEvent::Resume),
        1 => Just(RunEvent::End),
        1 => (0..4usize).prop_map(RunEvent::Cue),
        1 => (segment(), mins.clone()).prop_map(|(segment, by)| RunEvent::AddTime { segment, by }),
        1 => (segment(), mins).prop_map(|(segment, time)| RunEvent::SetTime { segment, time }),
        1 => (segment(), 0..5usize).prop_map(|(segment, to)| RunEvent::Move { segment, to }),
        1 => segment().prop_map(RunEvent::Skip),
        1 => segment().prop_map(RunEvent::Unskip),
        1 => (0..5usize).prop_map(|at| RunEvent::Insert {
            at,
            segment: Box::new(Segment::new("Walk", SegmentKind::OpenFloor, SignedDuration::from_mins(5))),
        }),
    ]
}

fn people_event() -> impl Strategy<Value = PeopleEvent> {
    prop_oneof![
        1 => (3..7u32).prop_map(|id| PeopleEvent::Joined(Person::new(PersonId(id), format!("P{id}"), id))),
        1 => (person(), 0..6u32).prop_map(|(id, seat)| PeopleEvent::Edited(Person::new(id, "Renamed", seat))),
        1 => person().prop_map(PeopleEvent::Left),
        1 => (person(), any::<bool>()).prop_map(|(id, arrived)| PeopleEvent::Arrived { id, arrived }),
    ]
}

fn round_event() -> impl Strategy<Value = RoundEvent> {
    prop_oneof![
        1 => person().prop_map(|first| RoundEvent::Start { first, direction: Direction::Clockwise }),
        3 => Just(RoundEvent::Next),
        1 => Just(RoundEvent::Pass),
        1 => (person(), any::<bool>()).prop_map(|(person, absent)| RoundEvent::Absent { person, absent }),
        1 => Just(RoundEvent::EndTurn),
        1 => Just(RoundEvent::End),
    ]
}

fn stack_event() -> impl Strategy<Value = StackEvent> {
    let jump = proptest::sample::select(vec![
        Jump::NoJump,
        Jump::PointOfProcess,
        Jump::DirectResponse,
    ]);
    prop_oneof![
        4 => (person(), jump).prop_map(|(person, jump)| StackEvent::Add { person, jump }),
        1 => (0..8u32).prop_map(|h| StackEvent::Remove(HandId(h))),
        1 => (0..8u32, 0..4usize).prop_map(|(h, to)| StackEvent::Move { hand: HandId(h), to }),
        1 => Just(StackEvent::Mode(StackMode::Progressive)),
        1 => Just(StackEvent::Reach(Reach::Session)),
        1 => any::<bool>().prop_map(StackEvent::Priority),
        1 => person().prop_map(StackEvent::CloseAfter),
        1 => Just(StackEvent::Reopen),
        3 => Just(StackEvent::Next),
        1 => Just(StackEvent::EndTurn),
        1 => Just(StackEvent::Clear),
    ]
}

fn note() -> impl Strategy<Value = Note> {
    (0..5u32, segment(), proptest::option::of(person())).prop_map(|(id, s, speaker)| {
        let mut n = Note::new(
            NoteId(id),
            NoteKind::ParkingLot { moved_to: None },
            "topic",
            None,
        );
        n.segment = Some(s);
        n.speaker = speaker;
        n
    })
}

fn note_event() -> impl Strategy<Value = NoteEvent> {
    let id = || (0..5u32).prop_map(NoteId);
    prop_oneof![
        3 => note().prop_map(NoteEvent::Added),
        1 => note().prop_map(NoteEvent::Edited),
        1 => id().prop_map(NoteEvent::Deleted),
        1 => (id(), segment()).prop_map(|(id, s)| NoteEvent::MovedToSegment { id, segment: Some(s) }),
        1 => (id(), segment()).prop_map(|(id, s)| NoteEvent::TakenUp { id, segment: Some(s) }),
        1 => id().prop_map(|id| NoteEvent::SetVisibility { id, visibility: Visibility::CircleOnly }),
    ]
}

fn guide_event() -> impl Strategy<Value = GuideEvent> {
    prop_oneof![
        1 => (person(), proptest::option::of(person())).prop_map(|(person, by)| GuideEvent::Greeted { person, by }),
        1 => (person(), person()).prop_map(|(person, to)| GuideEvent::Introduced { person, to }),
        1 => (segment(), 0..3usize).prop_map(|(segment, step)| GuideEvent::Step { segment, step }),
        1 => (segment(), person()).prop_map(|(segment, person)| GuideEvent::OptOut { segment, step: 0, person }),
        1 => segment().prop_map(|segment| GuideEvent::Prompt { segment, text: "How?".into() }),
        1 => segment().prop_map(|segment| GuideEvent::Phase { segment, phase: Phase::Impacts }),
        2 => (segment(), person()).prop_map(|(segment, person)| GuideEvent::Voice { segment, person }),
        1 => segment().prop_map(|segment| GuideEvent::VoiceEnd { segment }),
        1 => (segment(), person(), any::<bool>()).prop_map(|(segment, person, joined)| GuideEvent::Party { segment, person, joined }),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        4 => run_event().prop_map(Event::Run),
        2 => people_event().prop_map(Event::People),
        3 => round_event().prop_map(Event::Round),
        4 => stack_event().prop_map(Event::Stack),
        3 => note_event().prop_map(Event::Note),
        2 => guide_event().prop_map(Event::Guide),
        5 => scope().prop_map(Event::Undo),
        1 => Just(Event::Closed),
    ]
}

fn session_for_the_property() -> Session {
    let kinds = [
        SegmentKind::OpenFloor,
        SegmentKind::CheckIn,
        SegmentKind::AntiRetreat,
        SegmentKind::IcebreakerSequence,
    ];
    let mut plan = plan(&["Ana", "Kim", "Bo"], &kinds, Some(60));
    plan.segments[0].script = vec![Cue::say("a"), Cue::say("b")];
    Session::new(plan, t(0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Events of every kind and undos of every scope, through `record` and
    /// `undo`, with checkpoints close together: at every step the state is
    /// the one a replay of the log from the start gives.
    #[test]
    fn the_timeline_agrees_with_a_full_replay(
        steps in proptest::collection::vec((event(), 0..120i64, any::<bool>()), 1..70),
        spacing in 1..6usize,
    ) {
        let mut tl = Timeline::with_spacing(session_for_the_property(), spacing);
        let mut now = 0;
        for (event, gap, through_undo) in steps {
            now += gap;
            let at: Timestamp = t(now);
            match event {
                Event::Undo(scope) if through_undo => {
                    let expected = tl.latest(scope).cloned();
                    let undone = tl.undo(scope, at);
                    prop_assert_eq!(undone.map(|u| u.entry), expected);
                }
                event => tl.record(at, event),
            }
            let slow = replay_the_slow_way(tl.session());
            prop_assert_eq!(tl.state(), &slow);
        }
        prop_assert_eq!(tl.state(), &State::replay(tl.session()));
        let reloaded = Timeline::new(tl.session().clone());
        prop_assert_eq!(reloaded.state(), tl.state());
        for scope in Scope::ALL {
            prop_assert_eq!(reloaded.latest(scope), tl.latest(scope));
        }
    }
}

#[test]
fn each_screen_undoes_its_own_consents_only() {
    use crate::core::consent::{self, Subject};
    use crate::core::person::PersonId;
    let mut tl = timeline(&["Ana"], &[SegmentKind::Custom]);
    // Ana agrees on People to be named; nothing on Notes is hers to undo.
    tl.record(t(0), consent::agree(Subject::TookPart, vec![PersonId(0)]));
    assert_eq!(tl.undo(Scope::Notes, t(1)), None, "Notes' u leaves it");
    assert!(
        tl.undo(Scope::People, t(2)).is_some(),
        "People's u takes it back"
    );
    // And a note's consent is the Notes screen's, not People's.
    tl.record(
        t(3),
        consent::agree(Subject::Note(NoteId(0)), vec![PersonId(0)]),
    );
    assert_eq!(tl.undo(Scope::People, t(4)), None, "People's u leaves it");
    assert!(
        tl.undo(Scope::Notes, t(5)).is_some(),
        "Notes' u takes it back"
    );
}
