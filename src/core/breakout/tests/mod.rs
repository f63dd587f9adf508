//! Tests of breakouts: forming groups, late arrivals and moves, delegates
//! and recalls, mandates, the board, the report-back, and a group's report
//! written on one laptop and imported on another.

mod delegates;
mod grouping;
mod report;
mod report_back;

use crate::core::event::Event;
use crate::core::fixture::{Log, plan};
use crate::core::person::{PeopleEvent, PersonId};
use crate::core::plan::{Segment, SegmentKind};
use crate::core::run::SegmentId;

use super::GroupRef;

pub(super) const BREAKOUT: SegmentId = SegmentId(1);

/// `n` people named P0.., a check-in, then a breakout set up by `f`, then a
/// report-back, a spokes decision and a closing round.
pub(super) fn room(n: u32, f: impl FnOnce(&mut Segment)) -> Log {
    let names: Vec<String> = (0..n).map(|i| format!("P{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let kinds = [
        SegmentKind::CheckIn,
        SegmentKind::Breakout,
        SegmentKind::ReportBack,
        SegmentKind::Decision,
        SegmentKind::ClosingRound,
    ];
    let mut p = plan(&names, &kinds, None);
    f(&mut p.segments[1]);
    p.segments[2].per_speaker = Some(jiff::SignedDuration::from_mins(2));
    p.segments[3].spokes = true;
    p.segments[3].method = Some(crate::core::decision::rules::Method::Consensus);
    let mut log = Log::new(p);
    for i in 0..n {
        log.at(1, arrived(i, true));
    }
    log
}

pub(super) fn arrived(person: u32, here: bool) -> Event {
    Event::People(PeopleEvent::Arrived {
        id: PersonId(person),
        arrived: here,
    })
}

pub(super) fn group(i: u32) -> GroupRef {
    GroupRef {
        breakout: BREAKOUT,
        group: i,
    }
}

/// The people of each group, by number.
pub(super) fn sizes(log: &Log) -> Vec<usize> {
    log.state()
        .breakouts
        .get(BREAKOUT)
        .map(|b| b.groups.iter().map(|g| g.people.len()).collect())
        .unwrap_or_default()
}
