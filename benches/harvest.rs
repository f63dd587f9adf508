//! The harvest of a big session: 5,000 notes, half kept in the circle, with
//! names in every note.

use circlekeeper::core::event::Event;
use circlekeeper::core::harvest::{Harvest, Options};
use circlekeeper::core::note::{Kind, Note, NoteEvent, NoteId, Visibility};
use circlekeeper::core::person::PersonId;
use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};

const NAMES: [&str; 12] = [
    "Ana", "Kim", "Mary Ann", "Will", "李雷", "Jo", "Zoë", "Sam", "Rosa", "Ade", "Noor", "Tomás",
];

fn big_session() -> Session {
    let plan = Plan {
        title: "Three-day gathering".into(),
        date: None,
        start: None,
        slot: None,
        people: None,
        roster: NAMES.map(String::from).to_vec(),
        goals: vec![],
        gathering: None,
        roles: vec![],
        holders: Default::default(),
        days: vec![],
        warnings: vec![],
        stack_rule: None,
        stack_scope: None,
        room_reasons: false,
        segments: (0..20)
            .map(|i| {
                let kind = SegmentKind::ALL[i % SegmentKind::ALL.len()];
                let kind = if kind == SegmentKind::IcebreakerSequence {
                    SegmentKind::Round
                } else {
                    kind
                };
                Segment::new(format!("Part {i}"), kind, SignedDuration::from_mins(30))
            })
            .collect(),
    };
    let t0 = Timestamp::from_second(1_800_000_000).unwrap();
    let mut session = Session::new(plan, t0);
    for i in 0..5000u32 {
        let at = t0.checked_add(SignedDuration::from_secs(i as i64)).unwrap();
        if i.is_multiple_of(250) {
            session.push(at, Event::Run(RunEvent::Start(SegmentId(i / 250))));
        }
        let text = format!(
            "Note {i}: {} and {} talked about the rent, the kitchen rota and the garden. \
             Pasted from the board: a longer paragraph so the text is the size of real notes.",
            NAMES[i as usize % 12],
            NAMES[(i as usize * 7) % 12]
        );
        session.push(
            at,
            Event::Note(NoteEvent::Added(Note {
                id: NoteId(i),
                kind: Kind::ALL[i as usize % 6].blank(),
                text,
                visibility: if i.is_multiple_of(2) {
                    Visibility::Shared
                } else {
                    Visibility::CircleOnly
                },
                segment: Some(SegmentId(i / 250)),
                speaker: Some(PersonId(i % 12)),
                group: None,
            })),
        );
    }
    session
}

fn harvest(c: &mut Criterion) {
    let session = big_session();
    let state = State::replay(&session);
    for anonymize in [false, true] {
        let options = Options {
            anonymize,
            ..Options::default()
        };
        let name = if anonymize {
            "harvest 5000 notes, anonymized"
        } else {
            "harvest 5000 notes"
        };
        c.bench_function(name, |b| {
            b.iter(|| Harvest::build(&session, &state, &options, None).to_markdown())
        });
    }
}

criterion_group!(benches, harvest);
criterion_main!(benches);
