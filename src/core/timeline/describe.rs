//! What an undone entry was, in the facilitator's words ("jump to
//! Decision", "time box of Check-in", "note by Ana"), so a screen never says
//! just "undone".

use crate::core::breakout::{BreakoutEvent, GroupRef};
use crate::core::consent::{ConsentEvent, Subject};
use crate::core::decision::DecisionEvent;
use crate::core::duration::friendly;
use crate::core::event::{Entry, Event};
use crate::core::guide::GuideEvent;
use crate::core::note::NoteEvent;
use crate::core::person::{PeopleEvent, PersonId};
use crate::core::plan::StackMode;
use crate::core::roles::RoleEvent;
use crate::core::round::RoundEvent;
use crate::core::run::{RunEvent, SegmentId};
use crate::core::stack::{HandId, Reach, StackEvent};
use crate::core::state::State;

/// What `entry` did, described against the state once it is taken back
/// (so the people and segments it names are there to be named).
pub fn describe(entry: &Entry, state: &State) -> String {
    let name = |id: PersonId| state.people.name(id).to_string();
    let title = |id: SegmentId| {
        state
            .run
            .segment(id)
            .map_or("a segment".to_string(), |s| s.title.clone())
    };
    let hand = |id: HandId| {
        state.stack.hand(id).map_or("a hand".to_string(), |h| {
            format!("{}'s hand", name(h.person))
        })
    };
    let note = |id| {
        state
            .notes
            .get(id)
            .map_or("note", |n| n.kind.label())
            .to_string()
    };
    match &entry.event {
        Event::Run(ev) => match ev {
            // A start that did not follow on is a jump.
            RunEvent::Start(id) if state.run.next_upcoming() == Some(*id) => {
                format!("start of {}", title(*id))
            }
            RunEvent::Start(id) => format!("jump to {}", title(*id)),
            RunEvent::Pause => "pause".into(),
            RunEvent::Resume => "resume".into(),
            RunEvent::End => match state.run.current {
                Some(id) => format!("end of {}", title(id)),
                None => "end of the segment".into(),
            },
            RunEvent::Cue(n) => format!("move to script line {}", n + 1),
            RunEvent::AddTime { segment, by } => {
                let sign = if by.is_negative() { "-" } else { "+" };
                format!("{sign}{} on {}", friendly(by.abs()), title(*segment))
            }
            RunEvent::SetTime { segment, .. } => format!("time box of {}", title(*segment)),
            RunEvent::Move { segment, .. } => format!("move of {}", title(*segment)),
            RunEvent::Skip(id) => format!("skip of {}", title(*id)),
            RunEvent::Unskip(id) => format!("unskip of {}", title(*id)),
            RunEvent::Insert { segment, .. } => format!("insert of {}", segment.title),
        },
        Event::People(ev) => match ev {
            PeopleEvent::Joined(p) => format!("adding {}", p.name),
            PeopleEvent::Edited(p) => format!("change to {}", name(p.id)),
            PeopleEvent::Left(id) => format!("removal of {}", name(*id)),
            PeopleEvent::Arrived { id, arrived: true } => format!("arrival of {}", name(*id)),
            PeopleEvent::Arrived { id, .. } => format!("{} marked not here", name(*id)),
        },
        Event::Round(ev) => match ev {
            RoundEvent::Start { .. } => "start of the round".into(),
            RoundEvent::Next => "next speaker".into(),
            RoundEvent::Pass => "pass".into(),
            RoundEvent::Absent {
                person,
                absent: true,
            } => format!("{} not here", name(*person)),
            RoundEvent::Absent { person, .. } => format!("{} back", name(*person)),
            RoundEvent::EndTurn => "end of the turn".into(),
            RoundEvent::End => "end of the round".into(),
        },
        Event::Stack(ev) => match ev {
            StackEvent::Add { person, jump } => format!("{} of {}", jump.label(), name(*person)),
            StackEvent::Remove(id) => format!("removal of {}", hand(*id)),
            StackEvent::Move { hand: id, .. } => format!("move of {}", hand(*id)),
            StackEvent::Mode(StackMode::Plain) => "plain stack".into(),
            StackEvent::Mode(StackMode::Progressive) => "progressive stack".into(),
            StackEvent::Rule(_) => "the stack's rule".into(),
            StackEvent::Reach(Reach::Segment) => "counting this segment".into(),
            StackEvent::Reach(Reach::Session) => "counting the whole session".into(),
            StackEvent::Reach(Reach::Gathering) => "counting the whole gathering".into(),
            StackEvent::Priority(on) => format!("priority {}", if *on { "on" } else { "off" }),
            StackEvent::CloseAfter(person) => format!("closing after {}", name(*person)),
            StackEvent::Reopen => "reopening the stack".into(),
            StackEvent::Next => "next speaker".into(),
            StackEvent::EndTurn => "end of the turn".into(),
            StackEvent::Clear => "clearing the stack".into(),
        },
        Event::Note(ev) => match ev {
            NoteEvent::Added(n) => match n.speaker {
                Some(p) => format!("{} by {}", n.kind.label(), name(p)),
                None => format!("new {}", n.kind.label()),
            },
            NoteEvent::Edited(n) => format!("edit of a {}", note(n.id)),
            NoteEvent::Deleted(id) => format!("deletion of a {}", note(*id)),
            NoteEvent::MovedToSegment { id, .. } => format!("move of a {}", note(*id)),
            NoteEvent::TakenUp { .. } => "taking up a parked topic".into(),
            NoteEvent::SetVisibility { id, .. } => format!("privacy of a {}", note(*id)),
        },
        Event::Guide(ev) => match ev {
            GuideEvent::Greeted { person, .. } => format!("greeting of {}", name(*person)),
            GuideEvent::Introduced { person, to } => {
                format!("introduction of {} to {}", name(*person), name(*to))
            }
            GuideEvent::Step { step, .. } => format!("step to exercise {}", step + 1),
            GuideEvent::GroupsFormed { .. } => "forming groups".into(),
            GuideEvent::RepeatBack { person, .. } => format!("word of {}", name(*person)),
            GuideEvent::OptOut { person, .. } => format!("{} sitting out", name(*person)),
            GuideEvent::OptIn { person, .. } => format!("{} back in", name(*person)),
            GuideEvent::Prompt { .. } => "prompt".into(),
            GuideEvent::Phase { phase, .. } => format!("phase: {}", phase.label()),
            GuideEvent::Voice { person, .. } => format!("{} speaking", name(*person)),
            GuideEvent::VoiceEnd { .. } => "end of the voice".into(),
            GuideEvent::Party { person, joined, .. } => format!(
                "{} {} the voices",
                name(*person),
                if *joined { "joining" } else { "leaving" }
            ),
        },
        Event::Consent(ev) => {
            let (agreed, subject, people) = match ev {
                ConsentEvent::Agreed { subject, people } => (true, subject, people),
                ConsentEvent::Withdrawn { subject, people } => (false, subject, people),
            };
            let mut who: Vec<String> = people.iter().take(3).map(|p| name(*p)).collect();
            // "Ana, Idris, Mei and 6 more": a status line, not a roll call.
            if people.len() > 3 {
                who.push(format!("{} more", people.len() - 3));
            }
            let who = match who.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} and {last}", rest.join(", "))
                }
                _ => who.concat(),
            };
            let about = match subject {
                Subject::Note(id) => format!("share a {}", note(*id)),
                Subject::Segment(id) => format!("name {}", title(*id)),
                Subject::TookPart => "be named".to_string(),
                Subject::Positions(id) => format!("name positions in {}", title(*id)),
            };
            let verb = if agreed {
                "agreeing"
            } else {
                "withdrawing consent"
            };
            format!("{who} {verb} to {about}")
        }
        Event::Decision(ev) => match ev {
            DecisionEvent::Propose { .. } => "the proposal".into(),
            DecisionEvent::Amend { .. } => "the amended proposal".into(),
            DecisionEvent::Phase { phase, .. } => format!("the step to {}", phase.label()),
            DecisionEvent::Position { person, stance, .. } => {
                format!("{}'s position ({})", name(*person), stance.label())
            }
            DecisionEvent::Count { .. } => "a count".into(),
            DecisionEvent::Remark { .. } => "a remark".into(),
            DecisionEvent::Settle { .. } => "an objection's outcome".into(),
            DecisionEvent::SendBack { .. } => "sending back".into(),
            DecisionEvent::OpenFallback { .. } => "the fallback vote".into(),
            DecisionEvent::Review { .. } => "the review date".into(),
            DecisionEvent::Decided { outcome, .. } => {
                format!("the decision ({})", outcome.label())
            }
        },
        Event::Roles(ev) => match ev {
            RoleEvent::Assign { role, person, .. } => format!("{} as {role}", name(*person)),
            RoleEvent::Release { role, person } => format!("{} leaving {role}", name(*person)),
            RoleEvent::Volunteer { role, person, .. } => {
                format!("{} volunteering for {role}", name(*person))
            }
            RoleEvent::OptOut { person, .. } => format!("{} opting out", name(*person)),
            RoleEvent::Drawn { role, .. } => format!("the draw for {role}"),
        },
        Event::Room(view) => format!("the room's view ({})", view.name()),
        Event::Breakout(ev) => breakout(ev, state),
        Event::Undo(_) | Event::Closed => "nothing".into(),
    }
}

/// A breakout's entry, naming its group where it has one.
fn breakout(ev: &BreakoutEvent, state: &State) -> String {
    let name = |id: PersonId| state.people.name(id).to_string();
    let group = |breakout: SegmentId, group: u32| {
        state
            .breakouts
            .group(GroupRef { breakout, group })
            .map_or("a group".to_string(), |g| g.name.clone())
    };
    match ev {
        BreakoutEvent::Formed { .. } => "forming the groups".into(),
        BreakoutEvent::Moved {
            person, to: None, ..
        } => format!("{} out of the groups", name(*person)),
        BreakoutEvent::Moved {
            segment,
            person,
            to: Some(g),
        } => format!("{} to {}", name(*person), group(*segment, *g)),
        BreakoutEvent::Described { name, .. } => format!("the description of {name}"),
        BreakoutEvent::GroupTime {
            segment,
            group: g,
            by,
        } => {
            let sign = if by.is_negative() { "-" } else { "+" };
            format!("{sign}{} for {}", friendly(by.abs()), group(*segment, *g))
        }
        BreakoutEvent::Back {
            segment,
            group: g,
            back,
        } => format!(
            "{} {}",
            group(*segment, *g),
            if *back { "back" } else { "out again" }
        ),
        BreakoutEvent::Delegate {
            segment,
            group: g,
            person,
        } => format!("{} as delegate of {}", name(*person), group(*segment, *g)),
        BreakoutEvent::Recall {
            segment,
            group: g,
            person,
            ..
        } => format!("recall of {} by {}", name(*person), group(*segment, *g)),
        BreakoutEvent::Mandate {
            segment, group: g, ..
        } => format!("the mandate of {}", group(*segment, *g)),
        BreakoutEvent::ReportBack { .. } => "the start of the report-back".into(),
        BreakoutEvent::Report { group: g, .. } => {
            format!("the report of {}", group(g.breakout, g.group))
        }
        BreakoutEvent::ReportEnd { .. } => "the end of a report".into(),
        BreakoutEvent::Imported(i) => {
            format!(
                "the imported report of {}",
                group(i.group.breakout, i.group.group)
            )
        }
    }
}
