//! Whatever a session holds comes back from its file exactly: save -> load
//! is the identity, for any plan, roster and event log, whatever the text.

use circlekeeper::core::consent::{ConsentEvent, ConsentRule, Subject};
use circlekeeper::core::days::{Anchor, Day};
use circlekeeper::core::event::{Entry, Event, Scope};
use circlekeeper::core::gathering::Carried;
use circlekeeper::core::note::NoteId;
use circlekeeper::core::person::{PeopleEvent, Person, PersonId};
use circlekeeper::core::plan::{
    Cue, Exercise, GroupFormat, Nesting, Plan, Reach, Segment, SegmentKind, StackMode, StackRule,
};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::{FORMAT, Session};
use circlekeeper::core::validate::validate;
use circlekeeper::store::file::{load_session, read_session, save_session};
use jiff::civil::{Date, Time};
use jiff::{SignedDuration, Timestamp};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;
use tempfile::TempDir;

/// Text as people write it: any script, emoji, right-to-left marks, and
/// everything RON has to escape.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "Check-in", "Kreis", "集会", "ひとこと", "שלום", "مرحبا", "\u{200f}", "🌱", "👩‍👩‍👧",
            "é", "e\u{301}", "\"", "'", "\\", "\\n", "\n", "\r\n", "\t", " ", "r#\"", "\"#",
            "// ", "/*", "*/", "Some(", ")", "(", "[", ",", ":", "\u{0}", "\u{1b}[31m",
            "\u{7f}", "\u{feff}", "\u{2028}", "\u{fffd}",
        ])
        .prop_map(String::from),
        1 => any::<String>(),
    ];
    vec(piece, 0..5).prop_map(|p| p.concat())
}

/// Text that is not blank, as titles must be.
fn title() -> impl Strategy<Value = String> {
    ("[A-Za-z集🌱]", text()).prop_map(|(a, b)| format!("{a}{b}"))
}

fn seconds(range: std::ops::RangeInclusive<i64>) -> impl Strategy<Value = SignedDuration> {
    range.prop_map(SignedDuration::from_secs)
}

/// A time box a plan may hold: a second to a day.
fn time_box() -> impl Strategy<Value = SignedDuration> {
    seconds(1..=24 * 3600)
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    let (lo, hi) = (
        Timestamp::MIN.as_second() + 1,
        Timestamp::MAX.as_second() - 1,
    );
    prop_oneof![
        (lo..=hi, 0..1_000_000_000i32),
        // Mostly near now, whole seconds, as a laptop clock gives them.
        (1_700_000_000i64..1_900_000_000, Just(0)),
    ]
    .prop_map(|(s, ns)| Timestamp::new(s, ns).unwrap())
}

fn cue() -> impl Strategy<Value = Cue> {
    (of(text()), of(text()), of(text()))
        .prop_filter("a cue says, does or watches something", |(s, a, w)| {
            s.is_some() || a.is_some() || w.is_some()
        })
        .prop_map(|(say, act, watch)| Cue {
            say,
            act,
            watch,
            phase: None,
        })
}

fn exercise() -> impl Strategy<Value = Exercise> {
    (
        title(),
        prop_oneof![
            Just(GroupFormat::WholeGroup),
            (2..=u8::MAX).prop_map(GroupFormat::Circles),
            Just(GroupFormat::Pairs),
            Just(GroupFormat::Solo),
        ],
        1..=5u8,
        time_box(),
        vec(cue(), 0..3),
        of(text()),
        of(prop_oneof![Just(Nesting::Nest), Just(Nesting::Mix)]),
    )
        .prop_map(
            |(title, format, intimacy, time, script, activity, nesting)| Exercise {
                title,
                format,
                intimacy,
                time,
                script,
                activity,
                // Nesting is for steps that split the room.
                nesting: nesting.filter(|_| format.group_size().is_some_and(|n| n >= 2)),
            },
        )
}

/// A segment a plan may hold: it passes `validate`.
fn segment() -> impl Strategy<Value = Segment> {
    let timing = time_box().prop_flat_map(|time| {
        let secs = time.as_secs();
        (
            Just(time),
            of(seconds(1..=secs)),
            of(seconds(0..=secs)),
            vec(seconds(1..=3600), 0..3),
        )
    });
    let words = (
        of(text()),
        vec(cue(), 0..4),
        vec(text(), 0..3),
        vec(text(), 0..3),
        of(any::<bool>()),
        of(text()),
        of(text()),
        vec(text(), 0..3),
    );
    let rest = (
        of(prop_oneof![
            Just(StackMode::Plain),
            Just(StackMode::Progressive)
        ]),
        of(text()),
        vec(text(), 0..3),
        vec(exercise(), 1..3),
        of(prop_oneof![
            Just(ConsentRule::Everyone),
            Just(ConsentRule::Parties)
        ]),
    );
    (
        title(),
        prop::sample::select(SegmentKind::ALL.to_vec()),
        timing,
        words,
        rest,
    )
        .prop_map(|(title, kind, timing, words, rest)| {
            let (time, per_speaker, transition, warnings) = timing;
            let (purpose, script, materials, roles, confidential, activity, prompt, agreements) =
                words;
            let (stack, matter, parties, steps, consent) = rest;
            let mut segment = Segment {
                per_speaker,
                transition,
                warnings,
                purpose,
                script,
                materials,
                roles,
                confidential,
                activity,
                prompt,
                agreements,
                steps: if kind == SegmentKind::IcebreakerSequence {
                    steps
                } else {
                    Vec::new()
                },
                stack,
                matter,
                parties,
                consent,
                ..Segment::new(title, kind, time)
            };
            // A consent rule belongs to a confidential segment only.
            if !segment.is_confidential() {
                segment.consent = None;
            }
            segment
        })
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        title(),
        of((-9999..=9999i16, 1..=12i8, 1..=28i8)),
        of((0..24i8, 0..60i8, 0..60i8, 0..1_000_000_000i32)),
        of(seconds(1..=14 * 24 * 3600)),
        of(0..=circlekeeper::core::limits::PEOPLE),
        vec(text(), 0..4),
        vec(text(), 0..3),
        vec(seconds(1..=3600), 0..3),
        vec(segment(), 1..5),
        (
            of("[a-z0-9-]{1,12}"),
            vec("[a-z][a-z -]{0,9}", 0..3),
            0..4usize,
            of(prop::sample::select(StackRule::ALL.to_vec())),
            of(prop_oneof![
                Just(Reach::Segment),
                Just(Reach::Session),
                Just(Reach::Gathering)
            ]),
        ),
    )
        .prop_map(
            |(title, date, start, slot, people, roster, goals, warnings, segments, gathering)| {
                let (gathering, roles, days, rule, scope) = gathering;
                let mut plan = Plan {
                    title,
                    gathering,
                    date: date.map(|(y, m, d)| Date::new(y, m, d).unwrap()),
                    start: start.map(|(h, m, s, ns)| Time::new(h, m, s, ns).unwrap()),
                    slot,
                    people,
                    roster,
                    goals,
                    roles,
                    warnings,
                    stack_rule: rule,
                    stack_scope: scope,
                    segments,
                    ..Plan::new("", vec![])
                };
                // Some plans run over days: one segment a day, the rest on
                // the last, each day at nine, the last segment fixed at noon.
                let days = days.min(plan.segments.len());
                if days > 1 {
                    for k in 0..days {
                        plan.days.push(Day {
                            title: format!("Day {}", k + 1),
                            date: None,
                            start: Some(Time::new(9, 0, 0, 0).unwrap()),
                            slot: None,
                            holders: [("timekeeper".to_string(), format!("Kim {k}"))].into(),
                            len: if k + 1 < days {
                                1
                            } else {
                                plan.segments.len() - k
                            },
                        });
                    }
                    if let Some(last) = plan.segments.last_mut() {
                        last.at = Some(Anchor::parse("12:00").unwrap());
                    }
                }
                plan
            },
        )
}

fn person() -> impl Strategy<Value = Person> {
    (
        any::<u32>(),
        text(),
        of(text()),
        any::<u32>(),
        any::<bool>(),
        vec(text(), 0..3),
        any::<bool>(),
    )
        .prop_map(
            |(id, name, pronouns, seat, arrived, roles, priority)| Person {
                id: PersonId(id),
                name,
                pronouns,
                seat,
                arrived,
                roles,
                priority,
            },
        )
}

/// Any duration the log may hold, positive or negative, whole seconds.
fn logged_duration() -> impl Strategy<Value = SignedDuration> {
    prop_oneof![
        seconds(-24 * 3600..=24 * 3600),
        seconds(i64::MIN..=i64::MAX),
    ]
}

fn run_event() -> impl Strategy<Value = RunEvent> {
    let id = any::<u32>().prop_map(SegmentId);
    prop_oneof![
        id.clone().prop_map(RunEvent::Start),
        Just(RunEvent::Pause),
        Just(RunEvent::Resume),
        Just(RunEvent::End),
        any::<usize>().prop_map(RunEvent::Cue),
        (id.clone(), logged_duration()).prop_map(|(segment, by)| RunEvent::AddTime { segment, by }),
        (id.clone(), logged_duration())
            .prop_map(|(segment, time)| RunEvent::SetTime { segment, time }),
        (id.clone(), any::<usize>()).prop_map(|(segment, to)| RunEvent::Move { segment, to }),
        id.clone().prop_map(RunEvent::Skip),
        id.prop_map(RunEvent::Unskip),
        (any::<usize>(), segment()).prop_map(|(at, s)| RunEvent::Insert {
            at,
            segment: Box::new(s)
        }),
    ]
}

fn people_event() -> impl Strategy<Value = PeopleEvent> {
    prop_oneof![
        person().prop_map(PeopleEvent::Joined),
        person().prop_map(PeopleEvent::Edited),
        any::<u32>().prop_map(|id| PeopleEvent::Left(PersonId(id))),
        (any::<u32>(), any::<bool>()).prop_map(|(id, arrived)| PeopleEvent::Arrived {
            id: PersonId(id),
            arrived
        }),
    ]
}

fn consent_event() -> impl Strategy<Value = ConsentEvent> {
    let subject = prop_oneof![
        any::<u32>().prop_map(|id| Subject::Note(NoteId(id))),
        any::<u32>().prop_map(|id| Subject::Segment(SegmentId(id))),
        Just(Subject::TookPart),
        any::<u32>().prop_map(|id| Subject::Positions(SegmentId(id))),
    ];
    let people = vec(any::<u32>().prop_map(PersonId), 0..4);
    (subject, people, any::<bool>()).prop_map(|(subject, people, agreed)| {
        if agreed {
            ConsentEvent::Agreed { subject, people }
        } else {
            ConsentEvent::Withdrawn { subject, people }
        }
    })
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        4 => run_event().prop_map(Event::Run),
        3 => people_event().prop_map(Event::People),
        1 => consent_event().prop_map(Event::Consent),
        1 => prop::sample::select(vec![Scope::Any, Scope::Run, Scope::People]).prop_map(Event::Undo),
        1 => Just(Event::Closed),
    ]
}

fn session() -> impl Strategy<Value = Session> {
    (
        text(),
        timestamp(),
        (any::<bool>(), 0..=100u8),
        plan(),
        vec(person(), 0..5),
        vec((timestamp(), event()), 0..16),
        of(("[a-z-]{1,8}", vec(text(), 0..2))),
    )
        .prop_map(
            |(title, created, (rehearsal, spread), plan, roster, events, gathering)| Session {
                format: FORMAT,
                title,
                created,
                rehearsal,
                spread,
                plan,
                gathering: gathering.map(|(id, sessions)| Carried {
                    id,
                    sessions,
                    members: vec![(PersonId(0), "Ana".into())],
                    crews: vec![vec![PersonId(0), PersonId(1)]],
                    ..Carried::default()
                }),
                roster,
                events: events
                    .into_iter()
                    .map(|(at, event)| Entry { at, event })
                    .collect(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_saved_session_loads_as_it_was(session in session()) {
        prop_assert_eq!(validate(&session.plan), vec![]);
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("session.ron");
        save_session(&path, &session).unwrap();
        let loaded = load_session(&path);
        prop_assert!(loaded.is_ok(), "{}\n{}", loaded.unwrap_err(), std::fs::read_to_string(&path).unwrap());
        prop_assert_eq!(loaded.unwrap(), session.clone());
        prop_assert_eq!(read_session(&path).unwrap(), session.clone());
        // Saving what was loaded writes the same bytes.
        let bytes = std::fs::read(&path).unwrap();
        save_session(&path, &read_session(&path).unwrap()).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
}
