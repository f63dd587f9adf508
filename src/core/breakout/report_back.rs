//! The report-back: back in the room, each group's delegates report in
//! group order, each within their time, with the staged warnings; their
//! report is captured as a note under their group, and a running list
//! says which groups are not yet heard.
//!
//! A `ReportBack` segment hears the breakout before it; a breakout with a
//! `report_back` time hears its own groups at its end. A group counts as
//! heard once its delegates began to report, or once its report was
//! imported from another laptop.

use jiff::{SignedDuration, Timestamp};

use super::plan::{breakout_in_run, per_delegate};
use super::{BreakoutEvent, GroupRef, Origin};
use crate::core::checks::{DEFAULT_TRANSITION, round_length};
use crate::core::decision::record::Refused;
use crate::core::duration::friendly;
use crate::core::event::Event;
use crate::core::guide::GuideClock;
use crate::core::plan::{Plan, SegmentKind};
use crate::core::run::SegmentId;
use crate::core::state::State;

/// One group in the report-back, in group order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heard {
    pub group: GroupRef,
    pub name: String,
    /// Its delegates now, by name (or as an imported report names them).
    pub delegates: Vec<String>,
    pub heard: bool,
    pub speaking: bool,
    /// How long its delegates have reported, all turns together.
    pub spoken: SignedDuration,
    /// Notes under the group taken here: its report as captured.
    pub report: Vec<String>,
    /// Where its imported report came from.
    pub imported: Option<Origin>,
}

/// The group reporting now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaking {
    pub group: GroupRef,
    pub name: String,
    pub delegates: Vec<String>,
    /// Against the per-delegate time, with the staged warnings.
    pub clock: GuideClock,
}

/// A report-back as a screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportBack {
    /// The segment the reports are heard in.
    pub segment: SegmentId,
    pub title: String,
    /// The breakout heard; `None` when there is none before it.
    pub breakout: Option<SegmentId>,
    /// The report-back's own time.
    pub clock: GuideClock,
    pub per_delegate: SignedDuration,
    pub groups: Vec<Heard>,
    pub speaking: Option<Speaking>,
    /// Names of the groups not heard yet (the one speaking aside).
    pub not_yet_heard: Vec<String>,
    /// The first group not yet heard, in group order.
    pub next: Option<GroupRef>,
    pub flags: Vec<String>,
}

impl ReportBack {
    /// The report-back heard in `segment` at `now`: a `ReportBack`
    /// segment, or a breakout's own report-back. `None` for other kinds.
    pub fn new(state: &State, plan: &Plan, segment: SegmentId, now: Timestamp) -> Option<Self> {
        let seg = state.run.segment(segment)?;
        if !matches!(seg.kind, SegmentKind::ReportBack | SegmentKind::Breakout) {
            return None;
        }
        let warnings = plan.warnings_for(seg);
        let per = per_delegate(seg);
        let breakout_id = breakout_in_run(&state.run, segment);
        let b = breakout_id.map(|id| state.breakouts.or_planned(id, &state.run));
        let clock = match (&b, seg.kind) {
            (Some(b), SegmentKind::Breakout) => {
                let began = b.report_back.unwrap_or(SignedDuration::ZERO);
                let elapsed = state
                    .run
                    .elapsed(segment, now)
                    .saturating_sub(began)
                    .max(SignedDuration::ZERO);
                let time = state
                    .run
                    .time_box(segment)
                    .saturating_sub(super::board::group_time(&state.run, segment, seg));
                GuideClock::new(
                    if b.report_back.is_some() {
                        elapsed
                    } else {
                        SignedDuration::ZERO
                    },
                    time,
                    &warnings,
                )
            }
            _ => GuideClock::new(
                state.run.elapsed(segment, now),
                state.run.time_box(segment),
                &warnings,
            ),
        };
        let name_of = |id| state.people.name(id).to_string();
        let speaking_turn = state.breakouts.speaking(segment);
        let groups: Vec<Heard> = b
            .iter()
            .flat_map(|b| b.groups.iter().enumerate().map(move |(i, g)| (b, i, g)))
            .map(|(b, i, g)| {
                let group = GroupRef {
                    breakout: b.segment,
                    group: i as u32,
                };
                let turns: Vec<_> = state
                    .breakouts
                    .reports(segment)
                    .filter(|r| r.group == group)
                    .collect();
                let import = b.imports.iter().rev().find(|imp| imp.group == group.group);
                let mut delegates: Vec<String> = g.delegates.iter().map(|d| name_of(*d)).collect();
                if delegates.is_empty()
                    && let Some(imp) = import
                {
                    delegates = imp.delegate_names.clone();
                }
                Heard {
                    group,
                    name: g.name.clone(),
                    delegates,
                    heard: !turns.is_empty() || import.is_some(),
                    speaking: speaking_turn.is_some_and(|t| t.group == group),
                    spoken: turns
                        .iter()
                        .fold(SignedDuration::ZERO, |t, r| t.saturating_add(r.spoken(now))),
                    report: state
                        .notes
                        .all()
                        .filter(|n| n.group == Some(group) && n.segment == Some(segment))
                        .map(|n| n.text.clone())
                        .collect(),
                    imported: import.map(|imp| imp.origin.clone()),
                }
            })
            .collect();
        let speaking = speaking_turn.and_then(|t| {
            let h = groups.iter().find(|h| h.group == t.group)?;
            Some(Speaking {
                group: t.group,
                name: h.name.clone(),
                delegates: h.delegates.clone(),
                clock: GuideClock::new(t.spoken(now), per, &warnings),
            })
        });
        let waiting: Vec<&Heard> = groups.iter().filter(|h| !h.heard).collect();
        let mut out = ReportBack {
            segment,
            title: seg.title.clone(),
            breakout: breakout_id,
            clock,
            per_delegate: per,
            not_yet_heard: waiting.iter().map(|h| h.name.clone()).collect(),
            next: waiting.first().map(|h| h.group),
            groups,
            speaking,
            flags: Vec::new(),
        };
        let gap = seg.transition.unwrap_or(DEFAULT_TRANSITION);
        out.flags = flags(&out, gap);
        Some(out)
    }
}

fn flags(r: &ReportBack, gap: SignedDuration) -> Vec<String> {
    let mut out = Vec::new();
    if r.breakout.is_none() {
        out.push("No breakout before this report-back: there are no groups to hear.".into());
        return out;
    }
    if r.groups.is_empty() {
        out.push("The breakout has no groups yet.".into());
    }
    let waiting = u32::try_from(r.not_yet_heard.len()).unwrap_or(u32::MAX);
    let needed = round_length(r.per_delegate, gap, waiting);
    let left = r.clock.remaining();
    if waiting > 0 && needed > left {
        out.push(format!(
            "{waiting} group{} still to hear at {} each need {}; {} left.",
            if waiting == 1 { "" } else { "s" },
            friendly(r.per_delegate),
            friendly(needed),
            friendly(left.max(SignedDuration::ZERO))
        ));
    }
    let silent: Vec<&str> = r
        .groups
        .iter()
        .filter(|h| h.delegates.is_empty())
        .map(|h| h.name.as_str())
        .collect();
    if !silent.is_empty() {
        out.push(format!("No delegate named for: {}.", silent.join(", ")));
    }
    out
}

fn board(
    state: &State,
    plan: &Plan,
    segment: SegmentId,
    now: Timestamp,
) -> Result<ReportBack, Refused> {
    ReportBack::new(state, plan, segment, now)
        .ok_or_else(|| Refused("reports are heard in a report-back or a breakout".into()))
}

/// A group's delegates begin their report (the report going on ends).
pub fn call(
    state: &State,
    plan: &Plan,
    segment: SegmentId,
    group: u32,
    now: Timestamp,
) -> Result<Event, Refused> {
    let r = board(state, plan, segment, now)?;
    let Some(h) = r.groups.get(group as usize) else {
        return Err(Refused("there is no such group".into()));
    };
    if h.speaking {
        return Err(Refused(format!("{} is reporting now", h.name)));
    }
    Ok(Event::Breakout(BreakoutEvent::Report {
        segment,
        group: h.group,
    }))
}

/// The next group not yet heard begins its report.
pub fn call_next(
    state: &State,
    plan: &Plan,
    segment: SegmentId,
    now: Timestamp,
) -> Result<Event, Refused> {
    let r = board(state, plan, segment, now)?;
    match r.next {
        Some(group) => Ok(Event::Breakout(BreakoutEvent::Report { segment, group })),
        None if r.groups.is_empty() => Err(Refused("there are no groups to hear".into())),
        None => Err(Refused("every group has been heard".into())),
    }
}

/// The report going on ends.
pub fn end(state: &State, segment: SegmentId) -> Result<Event, Refused> {
    if state.breakouts.speaking(segment).is_none() {
        return Err(Refused("no group is reporting".into()));
    }
    Ok(Event::Breakout(BreakoutEvent::ReportEnd { segment }))
}
