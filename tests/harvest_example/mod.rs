//! A hand-built session for harvest tests: an evening assembly with every
//! kind of note, a confidential anti-retreat (named with consent, one note
//! shared with consent), a skipped and an inserted segment, a late arrival,
//! a deleted note, and all but one person agreeing to be named.

#![allow(dead_code)]

use circlekeeper::core::consent::{self, Subject};
use circlekeeper::core::event::Event;
use circlekeeper::core::harvest::{AirtimeLine, Harvest, Options};
use circlekeeper::core::note::{Landed, Note, NoteEvent, NoteId, NoteKind, Visibility};
use circlekeeper::core::person::{PeopleEvent, Person, PersonId};
use circlekeeper::core::plan::{Exercise, GroupFormat, Plan, Segment, SegmentKind};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use circlekeeper::core::timeline::Timeline;
use circlekeeper::core::validate::validate;
use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};

pub const CIRCLE_ONLY: [&str; 4] = [
    "Kim felt dismissed when the kitchen rota changed",
    "Jo to call Mary Ann about the hurt",
    "Will's health: keep it quiet",
    "The kitchen rota hurt",
];

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

/// Minutes after 18:30 UTC on 23 November 2026.
fn at(m: i64) -> Timestamp {
    "2026-11-23T18:30:00Z"
        .parse::<Timestamp>()
        .unwrap()
        .checked_add(mins(m))
        .unwrap()
}

fn plan() -> Plan {
    let seg = |title: &str, kind, m| Segment::new(title, kind, mins(m));
    let mut animals = seg("Animal names", SegmentKind::IcebreakerSequence, 15);
    animals.steps.push(Exercise {
        title: "Name, animal, movement".into(),
        format: GroupFormat::WholeGroup,
        intimacy: 1,
        time: mins(15),
        script: vec![],
        activity: None,
        nesting: None,
    });
    let plan = Plan {
        title: "Neighbourhood assembly".into(),
        date: Some(date(2026, 11, 23)),
        start: None,
        slot: Some(mins(150)),
        people: Some(8),
        roster: ["Ana", "Kim", "Mary Ann", "Will", "李雷", "Jo"]
            .map(String::from)
            .to_vec(),
        goals: vec![],
        gathering: None,
        roles: vec![],
        holders: Default::default(),
        days: vec![],
        warnings: vec![],
        stack_rule: None,
        stack_scope: None,
        room_reasons: false,
        segments: vec![
            seg("Arrivals", SegmentKind::WelcomeCircle, 15),
            seg("Check-in", SegmentKind::CheckIn, 20),
            animals,
            seg("Open floor: the rent", SegmentKind::OpenFloor, 40),
            seg("Jo and Kim", SegmentKind::AntiRetreat, 30),
            seg("Closing round", SegmentKind::ClosingRound, 10),
        ],
    };
    assert_eq!(validate(&plan), [], "the example plan is a sound one");
    plan
}

struct Log {
    timeline: Timeline,
    next: u32,
}

impl Log {
    fn event(&mut self, m: i64, event: Event) {
        self.timeline.record(at(m), event);
    }

    fn run(&mut self, m: i64, ev: RunEvent) {
        self.event(m, Event::Run(ev));
    }

    fn note(&mut self, m: i64, kind: NoteKind, text: &str, seg: u32, v: Visibility) -> NoteId {
        let id = NoteId(self.next);
        self.next += 1;
        let note = Note {
            id,
            kind,
            text: text.into(),
            visibility: v,
            segment: Some(SegmentId(seg)),
            speaker: None,
            group: None,
        };
        self.event(m, Event::Note(NoteEvent::Added(note)));
        id
    }
}

pub fn session() -> Session {
    use Visibility::{CircleOnly, Shared};
    let created = at(-20);
    let mut log = Log {
        timeline: Timeline::new(Session::new(plan(), created)),
        next: 0,
    };
    for id in [0, 1, 2, 3, 5] {
        log.event(
            -5,
            Event::People(PeopleEvent::Arrived {
                id: PersonId(id),
                arrived: true,
            }),
        );
    }
    log.run(0, RunEvent::Start(SegmentId(0)));
    log.note(
        4,
        NoteKind::Note,
        "Will brought soup for everyone; 李雷 brought bread.",
        0,
        Shared,
    );
    let rosa = Person::new(PersonId(6), "Rosa", 6);
    log.event(10, Event::People(PeopleEvent::Joined(rosa)));
    log.event(
        10,
        Event::People(PeopleEvent::Arrived {
            id: PersonId(6),
            arrived: true,
        }),
    );
    log.note(
        16,
        NoteKind::Reflection {
            landed: Landed::Worked,
        },
        "Greeting each person at the door set a warm tone.",
        0,
        Shared,
    );
    log.run(17, RunEvent::Start(SegmentId(1)));
    log.run(20, RunEvent::Skip(SegmentId(2)));
    log.note(
        38,
        NoteKind::Reflection {
            landed: Landed::Missed,
        },
        "One minute each was too short: people | rushed.",
        1,
        Shared,
    );
    log.run(41, RunEvent::Start(SegmentId(3)));
    log.note(
        50,
        NoteKind::Decision,
        "We meet again on the first Monday of each month.",
        3,
        Shared,
    );
    log.note(
        60,
        NoteKind::Decision,
        "A rent working group is formed.\n\nIt reports back in January.",
        3,
        Shared,
    );
    log.note(
        62,
        NoteKind::Action {
            owner: Some(PersonId(0)),
            due: Some(date(2026, 12, 1)),
        },
        "Book the hall for December",
        3,
        Shared,
    );
    log.note(
        63,
        NoteKind::Action {
            owner: None,
            due: None,
        },
        "Print flyers in English and 中文",
        3,
        Shared,
    );
    let fund = log.note(
        65,
        NoteKind::ParkingLot { moved_to: None },
        "Rent strike fund",
        3,
        Shared,
    );
    log.note(
        66,
        NoteKind::ParkingLot { moved_to: None },
        "Childcare during meetings",
        3,
        Shared,
    );
    let hurt = log.note(
        70,
        NoteKind::ParkingLot { moved_to: None },
        CIRCLE_ONLY[3],
        3,
        CircleOnly,
    );
    log.note(71, NoteKind::Note, CIRCLE_ONLY[2], 3, CircleOnly);
    let typo = log.note(72, NoteKind::Note, "typo, delete me", 3, Shared);
    log.event(72, Event::Note(NoteEvent::Deleted(typo)));
    // Two topics from the parking lot get a segment of their own.
    for (pos, title, note, seg) in [
        (4, "Rent strike fund", fund, 6),
        (5, CIRCLE_ONLY[3], hurt, 7),
    ] {
        log.run(
            80,
            RunEvent::Insert {
                at: pos,
                segment: Box::new(Segment::new(title, SegmentKind::Custom, mins(10))),
            },
        );
        log.event(
            80,
            Event::Note(NoteEvent::TakenUp {
                id: note,
                segment: Some(SegmentId(seg)),
            }),
        );
    }
    log.run(85, RunEvent::Start(SegmentId(6)));
    log.run(93, RunEvent::Start(SegmentId(7)));
    log.run(100, RunEvent::Start(SegmentId(4)));
    log.note(
        110,
        NoteKind::Note,
        CIRCLE_ONLY[0],
        4,
        Visibility::CircleOnly,
    );
    let tea = log.note(
        120,
        NoteKind::FollowUp {
            who: vec![PersonId(1)],
            with: vec![PersonId(5)],
            by: Some(date(2026, 12, 5)),
        },
        "A one-on-one over tea before the next meeting; Kim asked that this be shared.",
        4,
        Shared,
    );
    // Everyone in the conversation agreed to share the tea, and to name
    // the conversation.
    let everyone: Vec<PersonId> = [0, 1, 2, 3, 5, 6].map(PersonId).to_vec();
    log.event(121, consent::agree(Subject::Note(tea), everyone.clone()));
    log.event(
        122,
        consent::agree(Subject::Segment(SegmentId(4)), everyone),
    );
    log.note(
        125,
        NoteKind::FollowUp {
            who: vec![PersonId(5)],
            with: vec![PersonId(2)],
            by: None,
        },
        CIRCLE_ONLY[1],
        4,
        CircleOnly,
    );
    log.run(132, RunEvent::Start(SegmentId(5)));
    log.note(
        141,
        NoteKind::Reflection {
            landed: Landed::Mixed,
        },
        "The closing round ran long, but Mary Ann said people stayed with it.",
        5,
        Shared,
    );
    // All but Mary Ann agreed to be named.
    let named: Vec<PersonId> = [0, 1, 3, 5, 6].map(PersonId).to_vec();
    log.event(143, consent::agree(Subject::TookPart, named));
    log.run(144, RunEvent::End);
    log.event(145, Event::Closed);
    log.timeline.into_parts().0
}

pub fn airtime() -> Vec<AirtimeLine> {
    let line = |p, turns, m| AirtimeLine {
        person: PersonId(p),
        turns,
        total: mins(m),
    };
    vec![line(0, 4, 6), line(1, 6, 11), line(3, 2, 3), line(6, 1, 1)]
}

/// The example's harvest in UTC, with or without names and airtime.
pub fn harvest(anonymize: bool, with_airtime: bool) -> Harvest {
    let session = session();
    let state = State::replay(&session);
    let options = Options {
        anonymize,
        ..Options::default()
    };
    let lines = airtime();
    Harvest::build(
        &session,
        &state,
        &options,
        with_airtime.then_some(&lines[..]),
    )
}
