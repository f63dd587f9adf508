//! Test helpers: a session with a log, driven at fixed times.

use jiff::{SignedDuration, Timestamp};

use super::event::Event;
use super::plan::{Plan, Segment, SegmentKind};
use super::run::{RunEvent, SegmentId};
use super::session::Session;
use super::state::State;
use super::timeline::Timeline;

/// A fixed time, `secs` after an arbitrary start.
pub fn t(secs: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + secs).unwrap()
}

/// A plan with the given names and segments of these kinds, each 30
/// minutes with `per_speaker` as given.
pub fn plan(names: &[&str], kinds: &[SegmentKind], per_speaker: Option<i64>) -> Plan {
    Plan {
        roster: names.iter().map(|n| n.to_string()).collect(),
        segments: kinds
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let mut s = Segment::new(format!("S{i}"), *k, SignedDuration::from_mins(30));
                s.per_speaker = per_speaker.map(SignedDuration::from_secs);
                s
            })
            .collect(),
        ..Plan::new("T", Vec::new())
    }
}

/// A session's timeline, driven at fixed times.
#[derive(Clone)]
pub struct Log {
    pub timeline: Timeline,
}

impl Log {
    pub fn new(plan: Plan) -> Log {
        Log {
            timeline: Timeline::new(Session::new(plan, t(0))),
        }
    }

    /// A log that goes on from a session made elsewhere (one that picked
    /// up a gathering, a rehearsal with a spread).
    pub fn of(session: Session) -> Log {
        Log {
            timeline: Timeline::new(session),
        }
    }

    pub fn state(&self) -> &State {
        self.timeline.state()
    }

    pub fn session(&self) -> &Session {
        self.timeline.session()
    }

    pub fn at(&mut self, secs: i64, event: Event) -> &mut Log {
        self.timeline.record(t(secs), event);
        self
    }

    /// Marks these people (by id) arrived.
    pub fn arrive(&mut self, secs: i64, ids: &[u32]) -> &mut Log {
        for id in ids {
            self.at(
                secs,
                Event::People(super::person::PeopleEvent::Arrived {
                    id: super::person::PersonId(*id),
                    arrived: true,
                }),
            );
        }
        self
    }

    pub fn start_segment(&mut self, secs: i64, id: u32) -> &mut Log {
        self.at(secs, Event::Run(RunEvent::Start(SegmentId(id))))
    }

    /// The state rebuilt from the log alone, as after a restart.
    pub fn replayed(&self) -> State {
        State::replay(self.session())
    }
}
