//! The conflict evening of `examples/conflict-evening.ron`, as it might
//! have gone: ten people, a check-in round, the conversation, next paths,
//! the one-on-one and a check-out. Some notes were shared with everyone's
//! consent, one lost it when someone withdrew, some never had it; Jo and
//! Priya agreed to be named.

#![allow(dead_code)]

use circlekeeper::core::consent::{self, Subject};
use circlekeeper::core::event::Event;
use circlekeeper::core::harvest::{Harvest, Options, airtime_lines};
use circlekeeper::core::note::{Landed, Note, NoteEvent, NoteId, NoteKind, Visibility};
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::round::{Direction, RoundEvent};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use circlekeeper::core::timeline::Timeline;
use circlekeeper::store::text::plan_from_str;
use jiff::{SignedDuration, Timestamp};

pub const PLAN: &str = include_str!("../../examples/conflict-evening.ron");

/// Everyone on the roster.
pub const NAMES: [&str; 10] = [
    "Ana", "Idris", "Mei", "Tomás", "Jo", "Priya", "Lukas", "Sade", "Ruth", "Kai",
];
/// Who agreed to be named.
pub const NAMED: [&str; 2] = ["Jo", "Priya"];
/// What no harvest may show: confidential titles and the matter.
pub const CONFIDENTIAL: [&str; 4] = [
    "The conversation",
    "Next paths",
    "One-on-one",
    "The hall booking clash",
];
/// Texts of notes that must stay in the circle.
pub const KEPT: [&str; 5] = [
    "Idris spoke of feeling pushed out",
    "Ana named what it cost her family",
    "We meet again in a month",
    "a one-on-one with a listener",
    "the check-in helped",
];

const CHECK_IN: SegmentId = SegmentId(1);
const CONVERSATION: SegmentId = SegmentId(3);
const NEXT_PATHS: SegmentId = SegmentId(5);
const ONE_ON_ONE: SegmentId = SegmentId(6);
const CHECK_OUT: SegmentId = SegmentId(7);

fn p(i: u32) -> PersonId {
    PersonId(i)
}

/// Minutes after 18:30 UTC on 4 December 2026.
fn at(m: i64) -> Timestamp {
    "2026-12-04T18:30:00Z"
        .parse::<Timestamp>()
        .unwrap()
        .checked_add(SignedDuration::from_mins(m))
        .unwrap()
}

struct Log {
    timeline: Timeline,
}

impl Log {
    fn at(&mut self, m: i64, event: Event) -> &mut Log {
        self.timeline.record(at(m), event);
        self
    }

    fn start(&mut self, m: i64, segment: SegmentId) -> &mut Log {
        self.at(m, Event::Run(RunEvent::Start(segment)))
    }

    fn note(&mut self, m: i64, kind: NoteKind, text: &str, segment: SegmentId) -> NoteId {
        let id = self.timeline.state().notes.next_id();
        let visibility = if self
            .timeline
            .state()
            .run
            .segment(segment)
            .unwrap()
            .is_confidential()
        {
            Visibility::CircleOnly
        } else {
            Visibility::Shared
        };
        self.at(
            m,
            Event::Note(NoteEvent::Added(Note {
                id,
                kind,
                text: text.into(),
                visibility,
                segment: Some(segment),
                speaker: None,
                group: None,
            })),
        );
        id
    }

    fn agree(&mut self, m: i64, subject: Subject, people: &[u32]) -> &mut Log {
        self.at(
            m,
            consent::agree(subject, people.iter().map(|&i| p(i)).collect()),
        )
    }
}

/// `who` with `with`, by that day of December 2026.
fn follow_up(who: u32, with: u32, day: i8) -> NoteKind {
    NoteKind::FollowUp {
        who: vec![p(who)],
        with: vec![p(with)],
        by: Some(jiff::civil::date(2026, 12, day)),
    }
}

pub fn session() -> Session {
    let plan = plan_from_str(std::path::Path::new("conflict-evening.ron"), PLAN).unwrap();
    let mut log = Log {
        timeline: Timeline::new(Session::new(plan, at(-30))),
    };
    let all: Vec<u32> = (0..10).collect();
    for i in 0..10 {
        log.at(
            -5,
            Event::People(PeopleEvent::Arrived {
                id: p(i),
                arrived: true,
            }),
        );
    }
    log.start(0, SegmentId(0)).start(12, CHECK_IN);
    log.at(
        13,
        Event::Round(RoundEvent::Start {
            first: p(4),
            direction: Direction::Clockwise,
        }),
    );
    for m in 13..17 {
        log.at(m, Event::Round(RoundEvent::Next));
    }
    log.at(18, Event::Round(RoundEvent::End));
    log.note(
        20,
        NoteKind::Note,
        "Hopes named: to be heard, to keep the hall open to everyone.",
        CHECK_IN,
    );
    log.start(28, SegmentId(2)).start(38, CONVERSATION);

    let system = log.note(
        60,
        NoteKind::Note,
        "Both felt the booking system failed them, not each other.",
        CONVERSATION,
    );
    log.agree(61, Subject::Note(system), &all);
    log.note(
        70,
        NoteKind::Note,
        "Idris spoke of feeling pushed out of the space he helped build.",
        CONVERSATION,
    );
    let family = log.note(
        80,
        NoteKind::Note,
        "Ana named what it cost her family to lose the Saturday slot.",
        CONVERSATION,
    );
    log.agree(81, Subject::Note(family), &[1, 2, 3, 4, 5, 6, 7, 8]);
    let board = log.note(
        95,
        NoteKind::Decision,
        "The booking calendar moves to a board everyone can see.",
        CONVERSATION,
    );
    log.agree(96, Subject::Note(board), &all);
    let month = log.note(
        100,
        NoteKind::Decision,
        "We meet again in a month to see how it feels.",
        CONVERSATION,
    );
    log.agree(101, Subject::Note(month), &all);
    log.start(103, SegmentId(4)).start(118, NEXT_PATHS);

    let forum = log.note(
        125,
        follow_up(4, 5, 18),
        "Ask the forum to look at the booking rules.",
        NEXT_PATHS,
    );
    log.agree(126, Subject::Note(forum), &all);
    log.note(
        128,
        follow_up(0, 1, 11),
        "a one-on-one with a listener",
        NEXT_PATHS,
    );
    // Sade takes back her agreement to the monthly meeting.
    log.at(130, consent::withdraw(Subject::Note(month), vec![p(7)]));
    log.start(133, ONE_ON_ONE);
    let weekly = log.note(
        145,
        NoteKind::Decision,
        "We talk again next week, with a listener.",
        ONE_ON_ONE,
    );
    log.agree(146, Subject::Note(weekly), &[0, 1]);
    log.start(153, CHECK_OUT);
    log.note(
        160,
        NoteKind::Reflection {
            landed: Landed::Worked,
        },
        "The evening held: people stayed to the end.",
        CHECK_OUT,
    );
    log.note(
        162,
        NoteKind::Reflection {
            landed: Landed::Mixed,
        },
        "Tomás said the check-in helped, but it ran long.",
        CHECK_OUT,
    );
    log.agree(165, Subject::TookPart, &[4, 5]);
    log.at(168, Event::Run(RunEvent::End))
        .at(168, Event::Closed);
    log.timeline.into_parts().0
}

/// The evening's harvest in UTC, with airtime.
pub fn harvest(anonymize: bool) -> Harvest {
    let session = session();
    let state = State::replay(&session);
    let options = Options {
        anonymize,
        ..Options::default()
    };
    let until = session.events.last().unwrap().at;
    let lines = airtime_lines(&state, until);
    Harvest::build(&session, &state, &options, Some(&lines))
}
