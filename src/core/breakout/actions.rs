//! What a facilitator can do in a breakout, as plain functions that return
//! the event to log, or say why not. A screen turns a key into one of
//! these and logs what comes back. Delegates and mandates have their own
//! (`delegate::{name, recall}`, `mandate::record`), and so does the
//! report-back (`report_back`).

use jiff::{SignedDuration, Timestamp};

use super::{BreakoutEvent, GroupRef, form, group_now};
use crate::core::decision::record::Refused;
use crate::core::event::Event;
use crate::core::guide::icebreaker::seed;
use crate::core::note::{Note, NoteEvent, NoteKind};
use crate::core::person::PersonId;
use crate::core::plan::SegmentKind;
use crate::core::run::SegmentId;
use crate::core::state::State;

fn ev(e: BreakoutEvent) -> Event {
    Event::Breakout(e)
}

fn refuse<T>(why: impl Into<String>) -> Result<T, Refused> {
    Err(Refused(why.into()))
}

/// Forms the groups from who is here, by the plan's split; forming again
/// replaces them. The seed comes from the moment of the key, so the
/// shuffle replays exactly.
pub fn form(state: &State, segment: SegmentId, at: Timestamp) -> Result<Event, Refused> {
    let groups = form::groups(state, segment, seed(at))?;
    Ok(ev(BreakoutEvent::Formed { segment, groups }))
}

/// Moves someone to a group (or out of every group): one event. Signing
/// up to a topic is the same move.
pub fn move_to(
    state: &State,
    segment: SegmentId,
    person: PersonId,
    to: Option<u32>,
) -> Result<Event, Refused> {
    let b = state.breakouts.or_planned(segment, &state.run);
    if state.run.segment(segment).map(|s| s.kind) != Some(SegmentKind::Breakout) {
        return refuse("people are moved between the groups of a breakout");
    }
    let Some(p) = state.people.get(person) else {
        return refuse("that person is not on the roster");
    };
    if let Some(t) = to
        && b.group(t).is_none()
    {
        return refuse("there is no such group");
    }
    if b.group_of(person) == to {
        return refuse(match to.and_then(|t| b.group(t)) {
            Some(g) => format!("{} is already in {}", p.name, g.name),
            None => format!("{} is in no group", p.name),
        });
    }
    Ok(ev(BreakoutEvent::Moved {
        segment,
        person,
        to,
    }))
}

/// A group's name, question and place, as typed; blank question or place
/// clear them, a blank name is refused.
pub fn describe(
    state: &State,
    group: GroupRef,
    name: &str,
    question: &str,
    place: &str,
) -> Result<Event, Refused> {
    let b = state.breakouts.or_planned(group.breakout, &state.run);
    if b.group(group.group).is_none() {
        return refuse("there is no such group");
    }
    let name = name.trim();
    if name.is_empty() {
        return refuse("a group needs a name");
    }
    if b.groups
        .iter()
        .enumerate()
        .any(|(i, g)| i as u32 != group.group && g.name.eq_ignore_ascii_case(name))
    {
        return refuse(format!("another group is already named {name}"));
    }
    let text = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
    Ok(ev(BreakoutEvent::Described {
        segment: group.breakout,
        group: group.group,
        name: name.to_string(),
        question: text(question),
        place: text(place),
    }))
}

/// More (or, negative, less) time for one group.
pub fn add_time(state: &State, group: GroupRef, by: SignedDuration) -> Result<Event, Refused> {
    if group_now(state, group).is_none() {
        return refuse("there is no such group");
    }
    Ok(ev(BreakoutEvent::GroupTime {
        segment: group.breakout,
        group: group.group,
        by,
    }))
}

/// A group is back in the room (or, `false`, went out again).
pub fn back(state: &State, group: GroupRef, back: bool) -> Result<Event, Refused> {
    let g = group_now(state, group).ok_or_else(|| Refused("there is no such group".into()))?;
    if g.back.is_some() == back {
        return refuse(if back {
            format!("{} is already back", g.name)
        } else {
            format!("{} is still out", g.name)
        });
    }
    Ok(ev(BreakoutEvent::Back {
        segment: group.breakout,
        group: group.group,
        back,
    }))
}

/// A breakout with a report-back at its end begins it: the groups are
/// back, the delegates report.
pub fn begin_report_back(state: &State, segment: SegmentId) -> Result<Event, Refused> {
    let Some(seg) = state.run.segment(segment) else {
        return refuse("there is no such segment");
    };
    if seg.kind != SegmentKind::Breakout {
        return refuse("only a breakout has its own report-back");
    }
    if state
        .breakouts
        .get(segment)
        .is_some_and(|b| b.report_back.is_some())
    {
        return refuse("the report-back has begun");
    }
    Ok(ev(BreakoutEvent::ReportBack { segment }))
}

/// A blank note filed under a group, in the segment on, with its first
/// delegate as the speaker: what the note editor opens with when a
/// group's report is to be captured.
pub fn blank_note(state: &State, group: GroupRef) -> Note {
    let on = state.run.current;
    let mut note = Note::new(
        state.notes.next_id(),
        NoteKind::Note,
        "",
        on.and_then(|id| state.run.segment(id).map(|s| (id, s))),
    );
    note.group = Some(group);
    note.speaker = group_now(state, group).and_then(|g| g.delegates.first().copied());
    note
}

/// A note under a group, in the segment on: a report captured as it is
/// given, or anything the group said.
pub fn group_note(state: &State, group: GroupRef, text: &str) -> Result<Event, Refused> {
    if group_now(state, group).is_none() {
        return refuse("there is no such group");
    }
    if text.trim().is_empty() {
        return refuse("the note is empty");
    }
    let mut note = blank_note(state, group);
    note.text = text.trim().to_string();
    Ok(Event::Note(NoteEvent::Added(note)))
}
