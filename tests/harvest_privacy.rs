//! Consent in the harvest, for random sessions: the text of a note kept in
//! the circle never appears in any harvest (Markdown or RON, anonymized or
//! not), and every shared decision and action does.

use std::collections::HashSet;

use circlekeeper::core::event::{Event, Scope};
use circlekeeper::core::harvest::{Harvest, Options};
use circlekeeper::core::note::{Kind, Landed, Note, NoteEvent, NoteKind, Visibility};
use circlekeeper::core::person::PersonId;
use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use circlekeeper::core::timeline::Timeline;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

const NAMES: [&str; 8] = ["Ana", "Kim", "Mary Ann", "Will", "李雷", "Jo", "Zoë", "Sam"];

#[derive(Debug, Clone)]
enum Op {
    Add {
        kind: usize,
        segment: Option<usize>,
        shared: bool,
        text: String,
        token: String,
        person: u32,
    },
    Delete(usize),
    /// Edit a shared note into a circle-only one with new text.
    MakeCircle(usize, String),
    MakeShared(usize),
    Undo(bool),
    Start(usize),
    Skip(usize),
    End,
    /// A segment named after a note (a parking-lot topic given time).
    InsertNamedAfter(usize, bool),
}

/// Distinctive, so finding one in a harvest can only mean a leak.
fn token() -> impl Strategy<Value = String> {
    "ck[a-z0-9]{10}( [а-я]{3,5})?"
}

fn shared_text() -> impl Strategy<Value = String> {
    "\\PC{1,30}(\n\n?\\PC{0,20})?"
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0..6usize, proptest::option::of(0..8usize), any::<bool>(), shared_text(), token(), 0..10u32)
            .prop_map(|(kind, segment, shared, text, token, person)| Op::Add {
                kind, segment, shared, text, token, person
            }),
        1 => any::<usize>().prop_map(Op::Delete),
        1 => (any::<usize>(), token()).prop_map(|(i, t)| Op::MakeCircle(i, t)),
        1 => any::<usize>().prop_map(Op::MakeShared),
        1 => any::<bool>().prop_map(Op::Undo),
        2 => (0..8usize).prop_map(Op::Start),
        1 => (0..8usize).prop_map(Op::Skip),
        1 => Just(Op::End),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(i, w)| Op::InsertNamedAfter(i, w)),
    ]
}

fn plan() -> impl Strategy<Value = Plan> {
    let segment = (
        "[A-Za-z][A-Za-z ]{0,11}",
        0..SegmentKind::ALL.len(),
        proptest::option::of(any::<bool>()),
        1..60i64,
    )
        .prop_map(|(title, kind, confidential, mins)| {
            let mut s = Segment::new(
                title,
                SegmentKind::ALL[kind],
                SignedDuration::from_mins(mins),
            );
            s.confidential = confidential;
            s
        });
    (
        proptest::collection::vec(segment, 1..6),
        proptest::sample::subsequence(NAMES.to_vec(), 0..=NAMES.len()),
    )
        .prop_map(|(segments, roster)| Plan {
            title: "Assembly".into(),
            date: None,
            start: None,
            slot: None,
            people: None,
            roster: roster.into_iter().map(String::from).collect(),
            goals: vec![],
            gathering: None,
            roles: vec![],
            holders: Default::default(),
            days: vec![],
            warnings: vec![],
            stack_rule: None,
            stack_scope: None,
            room_reasons: false,
            segments,
        })
}

fn kind(i: usize, person: u32) -> NoteKind {
    let p = PersonId(person);
    match Kind::ALL[i % Kind::ALL.len()] {
        Kind::Action => NoteKind::Action {
            owner: (!person.is_multiple_of(3)).then_some(p),
            due: None,
        },
        Kind::Reflection => NoteKind::Reflection {
            landed: Landed::ALL[person as usize % 3],
        },
        Kind::FollowUp => NoteKind::FollowUp {
            who: vec![p],
            with: vec![PersonId(person + 1)],
            by: None,
        },
        k => k.blank(),
    }
}

/// Plays the ops; returns the session and every token ever typed.
fn play(plan: Plan, ops: &[Op]) -> (Session, State, Vec<String>) {
    let t0 = Timestamp::from_second(1_800_000_000).unwrap();
    let mut timeline = Timeline::new(Session::new(plan, t0));
    let mut tokens = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let at = t0
            .checked_add(SignedDuration::from_secs(60 * i as i64))
            .unwrap();
        let state = timeline.state();
        let segments = state.run.segments.len();
        let notes = state.notes.all().cloned().collect::<Vec<_>>();
        let pick = |n: usize| (!notes.is_empty()).then(|| notes[n % notes.len()].clone());
        let event = match op {
            Op::Add {
                kind: k,
                segment,
                shared,
                text,
                token,
                person,
            } => {
                let text = if *shared {
                    text.clone()
                } else {
                    tokens.push(token.clone());
                    token.clone()
                };
                Event::Note(NoteEvent::Added(Note {
                    id: state.notes.next_id(),
                    kind: kind(*k, *person),
                    text,
                    visibility: if *shared {
                        Visibility::Shared
                    } else {
                        Visibility::CircleOnly
                    },
                    segment: segment.map(|s| SegmentId((s % segments) as u32)),
                    speaker: Some(PersonId(*person)),
                    group: None,
                }))
            }
            Op::Delete(n) => match pick(*n) {
                Some(note) => Event::Note(NoteEvent::Deleted(note.id)),
                None => continue,
            },
            Op::MakeCircle(n, token) => match pick(*n) {
                Some(mut note) if note.is_shared() => {
                    tokens.push(token.clone());
                    note.text = token.clone();
                    note.visibility = Visibility::CircleOnly;
                    Event::Note(NoteEvent::Edited(note))
                }
                _ => continue,
            },
            Op::MakeShared(n) => match pick(*n) {
                Some(note) => Event::Note(NoteEvent::SetVisibility {
                    id: note.id,
                    visibility: Visibility::Shared,
                }),
                None => continue,
            },
            Op::Undo(notes_only) => Event::Undo(if *notes_only {
                Scope::Notes
            } else {
                Scope::Any
            }),
            Op::Start(s) => Event::Run(RunEvent::Start(SegmentId((s % segments) as u32))),
            Op::Skip(s) => Event::Run(RunEvent::Skip(SegmentId((s % segments) as u32))),
            Op::End => Event::Run(RunEvent::End),
            Op::InsertNamedAfter(n, wrap) => match pick(*n) {
                Some(note) => {
                    let title = if *wrap {
                        format!("Talk: {}!", note.text)
                    } else {
                        note.text.clone()
                    };
                    Event::Run(RunEvent::Insert {
                        at: 0,
                        segment: Box::new(Segment::new(
                            title,
                            SegmentKind::Custom,
                            SignedDuration::from_mins(5),
                        )),
                    })
                }
                None => continue,
            },
        };
        timeline.record(at, event);
    }
    let (session, state) = timeline.into_parts();
    (session, state, tokens)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn circle_only_text_never_leaks_and_shared_decisions_always_show(
        plan in plan(),
        ops in proptest::collection::vec(op(), 0..60),
    ) {
        let (session, state, tokens) = play(plan, &ops);
        let shared: Vec<&Note> = state.notes.all().filter(|n| n.is_shared()).collect();
        let shared_texts: HashSet<&str> = shared.iter().map(|n| n.text.as_str()).collect();
        let forbidden: Vec<&String> = tokens.iter().filter(|t| !shared_texts.contains(t.as_str())).collect();
        let must_show: Vec<&str> = shared
            .iter()
            .filter(|n| matches!(n.kind.kind(), Kind::Decision | Kind::Action))
            .map(|n| n.text.trim())
            .filter(|t| !t.is_empty())
            .collect();

        for anonymize in [false, true] {
            let options = Options { anonymize, ..Options::default() };
            let harvest = Harvest::build(&session, &state, &options, None);
            prop_assert_eq!(harvest.kept_in_circle, state.notes.kept_in_circle());
            let md = harvest.to_markdown();
            let ron = harvest.to_ron().unwrap();
            let back: Harvest = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
                .from_str(&ron)
                .unwrap();
            let fields = format!("{back:?}");
            for secret in &forbidden {
                prop_assert!(!md.contains(secret.as_str()), "{} leaked into Markdown", secret);
                prop_assert!(!ron.contains(secret.as_str()), "{} leaked into RON", secret);
                prop_assert!(!fields.contains(secret.as_str()), "{} leaked into a field", secret);
            }
            if !anonymize {
                for text in &must_show {
                    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                        prop_assert!(md.contains(line), "{:?} missing from Markdown", line);
                    }
                }
                let mut harvested: Vec<&str> = back.decisions.iter().map(|d| d.text.as_str()).collect();
                harvested.extend(back.actions.iter().map(|a| a.text.as_str()));
                harvested.sort();
                let mut expected = must_show.clone();
                expected.sort();
                prop_assert_eq!(harvested, expected);
            } else {
                prop_assert_eq!(back.decisions.len() + back.actions.len(), must_show.len());
            }
        }
    }
}
