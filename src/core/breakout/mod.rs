//! Breakouts: an assembly splits into small groups and comes back.
//!
//! Each group has a name, its people, a question or task, a place and a
//! timer; it names its delegate (or a pair), who can be recalled and
//! replaced; for each question it records its mandate, imperative (the
//! group's decided view) or open (not discussed: the delegate may give an
//! indicative view, to be ratified later). Back in the room, the delegates
//! report one group after another, and a decision can be taken by them for
//! their groups (a spokes council, see `decision`).
//!
//! - `plan`: the plan fields and which breakout a later segment hears;
//! - `form`: splitting who is here, by crews, topics, a count or by hand
//!   (the shuffle and crews of `core::groups`);
//! - `delegate`, `mandate`: delegates and mandates, with their actions;
//! - `board`: the board of groups, with each group's time left;
//! - `report_back`: the round of delegates and the groups not yet heard;
//! - `report`: a group's report as a file, to carry from another laptop;
//! - `spokes`: the groups a spokes council counts, with their mandates;
//! - `actions`: forming, moving, timing and notes, as events or a refusal;
//! - `state`: what the log leaves of each breakout and report-back.
//!
//! Everything is a `BreakoutEvent` in the log, replayed into `Breakouts`.
//! Someone marked here while a breakout is on, and in no group, joins the
//! smallest group as they arrive (the first of the smallest on a tie), so
//! replay places them exactly as it happened.

pub mod actions;
pub mod board;
pub mod delegate;
pub mod form;
pub mod mandate;
pub mod plan;
pub mod report;
pub mod report_back;
pub mod spokes;
mod state;

#[cfg(test)]
mod tests;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

pub use self::state::{
    Breakout, Breakouts, Group, ImportRecord, MandateOn, Recalled, ReportTurn, group_now,
};

use self::mandate::Mandate;
use super::duration::serde_friendly;
use super::note::Note;
use super::person::PersonId;
use super::run::SegmentId;

/// A group of a breakout, as notes and reports name it: the breakout
/// segment and the group's place among its groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GroupRef {
    pub breakout: SegmentId,
    pub group: u32,
}

/// A group as formed and read out to the room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formed {
    pub name: String,
    pub people: Vec<PersonId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// A mandate as a group gave it on a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mandated {
    pub question: String,
    pub mandate: Mandate,
}

/// Where an imported report came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The file it was read from, as given.
    pub file: String,
    /// The title and start of the session it was written from.
    pub session: String,
    pub created: Timestamp,
    /// The group's name there, and when the report was written.
    pub group: String,
    pub exported: Timestamp,
}

/// A group's report brought in from another laptop, as it lands here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    /// The segment on when it was imported (where it is heard).
    pub segment: SegmentId,
    pub group: GroupRef,
    pub origin: Origin,
    /// The delegates it names who are on this roster.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delegates: Vec<PersonId>,
    /// Every delegate it names, as written there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delegate_names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mandates: Vec<Mandated>,
    /// The report's notes, filed under the group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// What the facilitator did in a breakout or a report-back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BreakoutEvent {
    /// The groups as read out to the room, replacing any formed before
    /// (a group keeping its name keeps its delegates, mandates and time).
    Formed {
        segment: SegmentId,
        groups: Vec<Formed>,
    },
    /// Someone joins a group (a sign-up, a move, a late arrival placed by
    /// hand), leaving any other; `None` takes them out of every group.
    Moved {
        segment: SegmentId,
        person: PersonId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<u32>,
    },
    /// A group's name, question or place, as changed.
    Described {
        segment: SegmentId,
        group: u32,
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        question: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        place: Option<String>,
    },
    /// More (or less) time for one group.
    GroupTime {
        segment: SegmentId,
        group: u32,
        #[serde(with = "serde_friendly")]
        by: SignedDuration,
    },
    /// A group is back in the room (or went out again).
    Back {
        segment: SegmentId,
        group: u32,
        back: bool,
    },
    /// A group names a delegate.
    Delegate {
        segment: SegmentId,
        group: u32,
        person: PersonId,
    },
    /// A group recalls its delegate, and who replaces them.
    Recall {
        segment: SegmentId,
        group: u32,
        person: PersonId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        replacement: Option<PersonId>,
    },
    /// A group's mandate on a question, replacing any earlier one on it.
    Mandate {
        segment: SegmentId,
        group: u32,
        question: String,
        mandate: Mandate,
    },
    /// The breakout's own report-back begins: the groups are back.
    ReportBack { segment: SegmentId },
    /// A group's delegates begin their report in the segment on (ending
    /// any other report there).
    Report { segment: SegmentId, group: GroupRef },
    /// The report going on in the segment ends.
    ReportEnd { segment: SegmentId },
    /// A group's report brought in from another laptop.
    Imported(Box<Imported>),
}

impl BreakoutEvent {
    /// The breakout the event is about.
    pub fn breakout(&self) -> SegmentId {
        match self {
            BreakoutEvent::Formed { segment, .. }
            | BreakoutEvent::Moved { segment, .. }
            | BreakoutEvent::Described { segment, .. }
            | BreakoutEvent::GroupTime { segment, .. }
            | BreakoutEvent::Back { segment, .. }
            | BreakoutEvent::Delegate { segment, .. }
            | BreakoutEvent::Recall { segment, .. }
            | BreakoutEvent::Mandate { segment, .. }
            | BreakoutEvent::ReportBack { segment }
            | BreakoutEvent::ReportEnd { segment } => *segment,
            BreakoutEvent::Report { group, .. } => group.breakout,
            BreakoutEvent::Imported(i) => i.group.breakout,
        }
    }
}
