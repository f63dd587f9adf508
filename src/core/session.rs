//! A session: one gathering as it happens, held in one file.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::event::{Entry, Event};
use super::gathering::Carried;
use super::person::{Person, roster_from_names};
use super::plan::Plan;

/// The session file format this build writes. Older ones are migrated on
/// load; newer ones are refused. Format 3 may have a journal beside it
/// (see `store::journal`), which a reader of format 2 would not know to
/// read: it must refuse the file rather than open it without its journal.
pub const FORMAT: u32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub format: u32,
    pub title: String,
    pub created: Timestamp,
    /// A rehearsal session: throwaway, never listed among real sessions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rehearsal: bool,
    /// A rehearsal's spread of simulated turn lengths, in percent either
    /// side of each person's `per_speaker` (0: every turn exactly so long).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub spread: u8,
    /// The plan as it was when the session started; later edits to the plan
    /// file do not rewrite history.
    pub plan: Plan,
    /// The roster at the start; changes are events.
    pub roster: Vec<Person>,
    /// What the session picked up from its gathering's earlier sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gathering: Option<Carried>,
    pub events: Vec<Entry>,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// A session's title: the plan's, and for one day of a gathering, the day's
/// too ("Summit · Saturday").
pub fn title_of(plan: &Plan) -> String {
    match plan.days.as_slice() {
        [day] => format!("{} · {}", plan.title, day.title),
        _ => plan.title.clone(),
    }
}

impl Session {
    pub fn new(plan: Plan, now: Timestamp) -> Session {
        Session {
            format: FORMAT,
            title: title_of(&plan),
            created: now,
            rehearsal: false,
            spread: 0,
            roster: roster_from_names(&plan.roster),
            gathering: None,
            plan,
            events: Vec::new(),
        }
    }

    pub fn push(&mut self, at: Timestamp, event: Event) {
        self.events.push(Entry { at, event });
    }

    pub fn is_closed(&self) -> bool {
        self.events.iter().any(|e| e.event == Event::Closed)
    }

    /// The plan's date (else the session's day) at the plan's start time,
    /// in the time zone the gathering happens in.
    pub fn plan_clock_start(&self, tz: &TimeZone) -> Option<Timestamp> {
        let time = self.plan.start?;
        let date = self
            .plan
            .date
            .unwrap_or_else(|| self.created.to_zoned(tz.clone()).date());
        date.to_datetime(time)
            .to_zoned(tz.clone())
            .ok()
            .map(|z| z.timestamp())
    }

    /// The clock time the run is measured against: the plan's start when it
    /// names one and the run (begun at `began`, else not yet) started within
    /// an hour of it. A plan run on another day or at another hour (trying it
    /// out, a changed date) measures from when it really began; within the
    /// hour a late start counts as drift. A rehearsal always keeps the plan's.
    pub fn planned_start(&self, began: Option<Timestamp>, tz: &TimeZone) -> Option<Timestamp> {
        let planned = self.plan_clock_start(tz)?;
        if self.rehearsal {
            return Some(planned);
        }
        let began = began.unwrap_or(self.created);
        let apart = began.duration_since(planned).abs();
        (apart <= SignedDuration::from_hours(1)).then_some(planned)
    }
}
