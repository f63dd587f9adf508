//! An evening for the notes tests: a check-in, a confidential anti-retreat,
//! an open floor and a closing, three people, and keys to type with.

#![allow(dead_code)]

use circlekeeper::core::consent::{self, Subject};
use circlekeeper::core::event::Event;
use circlekeeper::core::note::{Note, NoteEvent, NoteId, NoteKind, Visibility};
use circlekeeper::core::person::PersonId;
use circlekeeper::core::plan::Plan;
use circlekeeper::core::round::{Direction, RoundEvent};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::app::App;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;

use crate::common::screen::{app_with, at};

pub const PLAN: &str = r#"(
    title: "Rent and belonging",
    roster: ["Ana Silva", "Kim Ng", "Joakim Berg"],
    segments: [
        (title: "Check-in", kind: CheckIn, time: "20m"),
        (title: "The rent conflict", kind: AntiRetreat, time: "45m"),
        (title: "Open floor", kind: OpenFloor, time: "30m"),
        (title: "Closing", kind: ClosingRound, time: "15m"),
    ],
)"#;

pub const CHECK_IN: SegmentId = SegmentId(0);
pub const CONFLICT: SegmentId = SegmentId(1);
pub const OPEN_FLOOR: SegmentId = SegmentId(2);
pub const KIM: PersonId = PersonId(1);

pub fn plan() -> Plan {
    plan_from_str(std::path::Path::new("rent.ron"), PLAN).unwrap()
}

pub fn start(seg: SegmentId) -> Event {
    Event::Run(RunEvent::Start(seg))
}

/// Kim has the talking piece in a round.
pub fn kim_speaking() -> [Event; 2] {
    [
        Event::Round(RoundEvent::Start {
            first: KIM,
            direction: Direction::Clockwise,
        }),
        Event::Round(RoundEvent::Next),
    ]
}

pub fn note(id: u32, kind: NoteKind, text: &str, visibility: Visibility, seg: SegmentId) -> Event {
    Event::Note(NoteEvent::Added(Note {
        id: NoteId(id),
        kind,
        text: text.into(),
        visibility,
        segment: Some(seg),
        speaker: None,
        group: None,
    }))
}

/// An evening with one note of most kinds, one of them kept in the circle
/// and one from the confidential segment shared with everyone's consent.
pub fn evening() -> App {
    let shared = Visibility::Shared;
    app_with(
        plan(),
        &[
            (0, start(CHECK_IN)),
            (
                300,
                note(
                    0,
                    NoteKind::Note,
                    "Everyone arrived tired but glad",
                    shared,
                    CHECK_IN,
                ),
            ),
            (1200, start(CONFLICT)),
            (
                1500,
                note(
                    1,
                    NoteKind::Note,
                    "Kim felt unheard when the rent went up\nand said so plainly.",
                    Visibility::CircleOnly,
                    CONFLICT,
                ),
            ),
            (
                1800,
                note(
                    2,
                    NoteKind::Decision,
                    "We meet again in two weeks",
                    shared,
                    CONFLICT,
                ),
            ),
            // All three agreed to share the decision.
            (
                1810,
                consent::agree(
                    Subject::Note(NoteId(2)),
                    vec![PersonId(0), PersonId(1), PersonId(2)],
                ),
            ),
            (3900, start(OPEN_FLOOR)),
            (
                4000,
                note(
                    3,
                    NoteKind::Action {
                        owner: Some(KIM),
                        due: Some(jiff::civil::date(2026, 12, 1)),
                    },
                    "Ask the landlord for the service charge breakdown",
                    shared,
                    OPEN_FLOOR,
                ),
            ),
            (
                4100,
                note(
                    4,
                    NoteKind::ParkingLot { moved_to: None },
                    "Whether to open the space on Sundays",
                    shared,
                    OPEN_FLOOR,
                ),
            ),
        ],
    )
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::from(code)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn alt_enter() -> KeyEvent {
    KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)
}

pub fn press(app: &mut App, k: KeyEvent, now: Timestamp) {
    app.on_key(k, now);
}

/// Types text key by key, as a person would.
pub fn typing(app: &mut App, text: &str, now: Timestamp) {
    for c in text.chars() {
        let k = match c {
            '\n' => key(KeyCode::Enter),
            c => key(KeyCode::Char(c)),
        };
        app.on_key(k, now);
    }
}

/// Ten minutes into the open floor.
pub fn later() -> Timestamp {
    at(4500)
}
