//! No note reaches a harvest (Markdown or RON, anonymized or not) without
//! the full consent it needs, for random sessions of arrivals, notes,
//! agreements, withdrawals, rewordings, voices joining and undos.
//!
//! The rules are restated here from the log alone, as the README gives
//! them, and checked against what each harvest lets through.

use std::collections::HashSet;

use circlekeeper::core::consent::{self, ConsentEvent, ConsentRule, Subject};
use circlekeeper::core::event::{Entry, Event, Scope};
use circlekeeper::core::guide::GuideEvent;
use circlekeeper::core::harvest::{Harvest, Options};
use circlekeeper::core::note::{Kind, Landed, Note, NoteEvent, NoteKind, Visibility};
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use circlekeeper::core::timeline::Timeline;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

const NAMES: [&str; 4] = ["Ana", "Kim", "Bo", "Lee"];
const KINDS: [SegmentKind; 4] = [
    SegmentKind::OpenFloor,
    SegmentKind::AntiRetreat,
    SegmentKind::Custom,
    SegmentKind::ClosingRound,
];

#[derive(Debug, Clone)]
enum Op {
    Arrive(u32, bool),
    Start(usize),
    Add {
        kind: usize,
        segment: usize,
        shared: bool,
        token: String,
        names: Option<u32>,
        person: u32,
    },
    /// Some people agree to a note.
    Agree(usize, Vec<u32>),
    /// Everyone the core asks agrees, so full consent happens often.
    AgreeAsked(usize),
    Withdraw(usize, u32),
    SetShared(usize, bool),
    Reword(usize, String),
    Voice(usize, u32, bool),
    Undo,
    Delete(usize),
}

fn token() -> impl Strategy<Value = String> {
    "ck[a-z0-9]{10}"
}

fn op() -> impl Strategy<Value = Op> {
    let person = 0..NAMES.len() as u32;
    prop_oneof![
        2 => (person.clone(), any::<bool>()).prop_map(|(p, a)| Op::Arrive(p, a)),
        2 => (0..4usize).prop_map(Op::Start),
        6 => (0..6usize, 0..4usize, any::<bool>(), token(), proptest::option::of(person.clone()), person.clone())
            .prop_map(|(kind, segment, shared, token, names, person)| Op::Add {
                kind, segment, shared, token, names, person
            }),
        2 => (any::<usize>(), proptest::collection::vec(person.clone(), 0..4)).prop_map(|(n, p)| Op::Agree(n, p)),
        3 => any::<usize>().prop_map(Op::AgreeAsked),
        1 => (any::<usize>(), person.clone()).prop_map(|(n, p)| Op::Withdraw(n, p)),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(n, s)| Op::SetShared(n, s)),
        1 => (any::<usize>(), token()).prop_map(|(n, t)| Op::Reword(n, t)),
        1 => (0..4usize, person, any::<bool>()).prop_map(|(s, p, j)| Op::Voice(s, p, j)),
        1 => Just(Op::Undo),
        1 => any::<usize>().prop_map(Op::Delete),
    ]
}

fn plan() -> impl Strategy<Value = Plan> {
    let segment = (
        0..KINDS.len(),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::sample::subsequence(NAMES.to_vec(), 0..=2),
    )
        .prop_map(|(kind, confidential, parties_rule, parties)| {
            let mut s = Segment::new("Part", KINDS[kind], SignedDuration::from_mins(20));
            s.confidential = confidential;
            s.consent = parties_rule.map(|p| {
                if p {
                    ConsentRule::Parties
                } else {
                    ConsentRule::Everyone
                }
            });
            s.parties = parties.into_iter().map(String::from).collect();
            s
        });
    proptest::collection::vec(segment, 4).prop_map(|segments| {
        let mut plan = Plan::new("Evening", segments);
        plan.roster = NAMES.map(String::from).to_vec();
        plan
    })
}

fn kind(i: usize, person: u32) -> NoteKind {
    let p = PersonId(person);
    match Kind::ALL[i % Kind::ALL.len()] {
        Kind::Action => NoteKind::Action {
            owner: Some(p),
            due: None,
        },
        Kind::Reflection => NoteKind::Reflection {
            landed: Landed::Mixed,
        },
        Kind::FollowUp => NoteKind::FollowUp {
            who: vec![p],
            with: vec![PersonId((person + 1) % NAMES.len() as u32)],
            by: None,
        },
        k => k.blank(),
    }
}

fn play(plan: Plan, ops: &[Op]) -> (Session, State) {
    let t0 = Timestamp::from_second(1_800_000_000).unwrap();
    let mut timeline = Timeline::new(Session::new(plan, t0));
    for (i, op) in ops.iter().enumerate() {
        let at = t0
            .checked_add(SignedDuration::from_secs(60 * i as i64))
            .unwrap();
        let state = timeline.state();
        let notes: Vec<Note> = state.notes.all().cloned().collect();
        let pick = |n: usize| (!notes.is_empty()).then(|| notes[n % notes.len()].clone());
        let people = |ps: &[u32]| ps.iter().map(|&p| PersonId(p)).collect::<Vec<_>>();
        let event = match op {
            Op::Arrive(p, arrived) => Event::People(PeopleEvent::Arrived {
                id: PersonId(*p),
                arrived: *arrived,
            }),
            Op::Start(s) => Event::Run(RunEvent::Start(SegmentId(*s as u32))),
            Op::Add {
                kind: k,
                segment,
                shared,
                token,
                names,
                person,
            } => Event::Note(NoteEvent::Added(Note {
                id: state.notes.next_id(),
                kind: kind(*k, *person),
                text: match names {
                    Some(n) => format!("{token} about {}", NAMES[*n as usize]),
                    None => token.clone(),
                },
                visibility: if *shared {
                    Visibility::Shared
                } else {
                    Visibility::CircleOnly
                },
                segment: Some(SegmentId(*segment as u32)),
                speaker: (person % 2 == 0).then_some(PersonId(*person)),
                group: None,
            })),
            Op::Agree(n, ps) => match pick(*n) {
                Some(note) => consent::agree(Subject::Note(note.id), people(ps)),
                None => continue,
            },
            Op::AgreeAsked(n) => {
                match pick(*n).and_then(|note| state.ask(Subject::Note(note.id))) {
                    Some(ask) => {
                        consent::agree(ask.subject, ask.people.iter().map(|a| a.person).collect())
                    }
                    None => continue,
                }
            }
            Op::Withdraw(n, p) => match pick(*n) {
                Some(note) => consent::withdraw(Subject::Note(note.id), vec![PersonId(*p)]),
                None => continue,
            },
            Op::SetShared(n, shared) => match pick(*n) {
                Some(note) => Event::Note(NoteEvent::SetVisibility {
                    id: note.id,
                    visibility: if *shared {
                        Visibility::Shared
                    } else {
                        Visibility::CircleOnly
                    },
                }),
                None => continue,
            },
            Op::Reword(n, token) => match pick(*n) {
                Some(mut note) => {
                    note.text = token.clone();
                    Event::Note(NoteEvent::Edited(note))
                }
                None => continue,
            },
            Op::Voice(s, p, joined) => Event::Guide(GuideEvent::Party {
                segment: SegmentId(*s as u32),
                person: PersonId(*p),
                joined: *joined,
            }),
            Op::Undo => Event::Undo(Scope::Notes),
            Op::Delete(n) => match pick(*n) {
                Some(note) => Event::Note(NoteEvent::Deleted(note.id)),
                None => continue,
            },
        };
        timeline.record(at, event);
    }
    timeline.into_parts()
}

/// The log with every undone entry taken out (undos here only reach notes
/// and consent).
fn in_effect(log: &[Entry]) -> Vec<&Entry> {
    let mut kept: Vec<&Entry> = Vec::new();
    for entry in log {
        match entry.event {
            Event::Undo(scope) => {
                if let Some(i) = kept.iter().rposition(|e| e.event.in_scope(scope)) {
                    kept.remove(i);
                }
            }
            _ => kept.push(entry),
        }
    }
    kept
}

/// Whether the log holds the full consent a note needs, by the rules as the
/// README states them, or it needs none.
fn consented(plan: &Plan, log: &[&Entry], note: &Note) -> bool {
    let id = note.id;
    let roster: Vec<PersonId> = (0..NAMES.len() as u32).map(PersonId).collect();
    let added = log
        .iter()
        .position(|e| matches!(&e.event, Event::Note(NoteEvent::Added(n)) if n.id == id))
        .expect("a current note was added");
    // Who was marked here when the note was taken.
    let mut here: HashSet<PersonId> = HashSet::new();
    for e in &log[..added] {
        if let Event::People(PeopleEvent::Arrived { id, arrived }) = e.event {
            if arrived {
                here.insert(id);
            } else {
                here.remove(&id);
            }
        }
    }
    if here.is_empty() {
        here = roster.iter().copied().collect();
    }
    // Agreements given since the words last changed, less withdrawals.
    let mut text = String::new();
    let mut agreed: HashSet<PersonId> = HashSet::new();
    let mut ever_kept = false;
    for e in log {
        match &e.event {
            Event::Note(NoteEvent::Added(n) | NoteEvent::Edited(n)) if n.id == id => {
                if n.text != text {
                    agreed.clear();
                    text = n.text.clone();
                }
                ever_kept |= !n.is_shared();
            }
            Event::Note(NoteEvent::SetVisibility { id: n, visibility }) if *n == id => {
                ever_kept |= *visibility == Visibility::CircleOnly;
            }
            Event::Consent(ConsentEvent::Agreed {
                subject: Subject::Note(n),
                people,
            }) if *n == id => agreed.extend(people),
            Event::Consent(ConsentEvent::Withdrawn {
                subject: Subject::Note(n),
                people,
            }) if *n == id => agreed.retain(|p| !people.contains(p)),
            _ => {}
        }
    }
    let segment_id = note.segment.unwrap();
    let segment = &plan.segments[segment_id.0 as usize];
    let mut voices: Vec<PersonId> = segment
        .parties
        .iter()
        .map(|n| PersonId(NAMES.iter().position(|m| m == n).unwrap() as u32))
        .collect();
    for e in log {
        if let Event::Guide(GuideEvent::Party {
            segment,
            person,
            joined,
        }) = e.event
            && segment == segment_id
        {
            match (joined, voices.contains(&person)) {
                (true, false) => voices.push(person),
                (false, true) => voices.retain(|p| *p != person),
                _ => {}
            }
        }
    }
    let named: Vec<PersonId> = NAMES
        .iter()
        .enumerate()
        .filter(|(_, n)| note.text.ends_with(&format!(" {n}")))
        .map(|(i, _)| PersonId(i as u32))
        .collect();
    let mut about: HashSet<PersonId> = named.iter().copied().collect();
    about.extend(note.speaker);
    match &note.kind {
        NoteKind::Action { owner, .. } => about.extend(owner),
        NoteKind::FollowUp { who, with, .. } => about.extend(who.iter().chain(with)),
        _ => {}
    }
    let follow_up = matches!(note.kind, NoteKind::FollowUp { .. });
    let needed: HashSet<PersonId> = if segment.is_confidential() {
        let mut base: HashSet<PersonId> = match segment.consent.unwrap_or_default() {
            ConsentRule::Parties if !voices.is_empty() => voices.iter().copied().collect(),
            _ => here.clone(),
        };
        base.extend(&about);
        base
    } else if follow_up && segment.kind == SegmentKind::AntiRetreat {
        let mut base = about.clone();
        base.extend(&voices);
        if base.is_empty() { here.clone() } else { base }
    } else if ever_kept {
        if about.is_empty() {
            here.clone()
        } else {
            about
        }
    } else if matches!(note.kind, NoteKind::Reflection { .. }) && !named.is_empty() {
        about
    } else {
        return true;
    };
    !needed.is_empty() && needed.is_subset(&agreed)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_note_without_full_consent_reaches_a_harvest(
        plan in plan(),
        ops in proptest::collection::vec(op(), 0..50),
    ) {
        let (session, state) = play(plan.clone(), &ops);
        prop_assert_eq!(&state, &State::replay(&session), "replay agrees");
        let log = in_effect(&session.events);
        let mut outputs = Vec::new();
        for anonymize in [false, true] {
            let options = Options { anonymize, ..Options::default() };
            let harvest = Harvest::build(&session, &state, &options, None);
            outputs.push(harvest.to_markdown());
            outputs.push(harvest.to_ron().unwrap());
        }
        let mut shared = 0;
        for note in state.notes.all() {
            let token = note.text.split(' ').next().unwrap();
            let harvested = outputs.iter().any(|o| o.contains(token));
            if !harvested {
                continue;
            }
            shared += 1;
            prop_assert!(
                consented(&plan, &log, note),
                "{:?} reached a harvest without full consent", note
            );
            prop_assert!(note.is_shared());
        }
        // Whatever is shown as shared with consent is in the harvest.
        let consented_shared = state
            .notes
            .all()
            .filter(|n| n.is_shared() && consented(&plan, &log, n))
            .count();
        prop_assert!(shared <= consented_shared);
    }
}
