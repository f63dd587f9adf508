//! Delegates: who carries each group's view back, rotated so the same
//! voices do not always carry.
//!
//! Each group names one delegate, or a pair where the plan asks
//! (`delegates: 2`). The suggestion is whoever in the group has been a
//! delegate least: in this session, and in the gathering's earlier
//! sessions where a record of them is passed in (`Delegated`). A group can
//! recall its delegate and name someone else in one step; both are logged.

use std::collections::HashMap;

use super::plan::delegates_wanted;
use super::{BreakoutEvent, GroupRef, group_now};
use crate::core::decision::record::Refused;
use crate::core::event::Event;
use crate::core::person::PersonId;
use crate::core::state::State;

/// Times each person was a delegate in the gathering's earlier sessions,
/// by name (people carry over between sessions by name, not by id). Empty
/// when there is no record of earlier sessions: the gathering's record
/// fills it in with `add`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delegated {
    by_name: HashMap<String, u32>,
}

impl Delegated {
    /// No earlier sessions.
    pub fn none() -> Delegated {
        Delegated::default()
    }

    /// Someone was a delegate `times` more times in an earlier session.
    pub fn add(&mut self, name: &str, times: u32) {
        *self.by_name.entry(key(name)).or_insert(0) += times;
    }

    pub fn times(&self, name: &str) -> u32 {
        self.by_name.get(&key(name)).copied().unwrap_or(0)
    }
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Someone who could be named, with how often they were a delegate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub person: PersonId,
    pub name: String,
    /// Times named in this session.
    pub session: u32,
    /// Times in the gathering's earlier sessions.
    pub earlier: u32,
}

impl Suggestion {
    pub fn total(&self) -> u32 {
        self.session.saturating_add(self.earlier)
    }
}

/// The group's people who are not its delegates now, those who were
/// delegates least first (seating order among equals).
pub fn suggest(state: &State, group: GroupRef, before: &Delegated) -> Vec<Suggestion> {
    let Some(g) = group_now(state, group) else {
        return Vec::new();
    };
    let counts = state.breakouts.delegations();
    let mut out: Vec<(u32, Suggestion)> = g
        .people
        .iter()
        .filter(|p| !g.delegates.contains(p))
        .filter_map(|p| state.people.get(*p))
        .map(|p| {
            (
                p.seat,
                Suggestion {
                    person: p.id,
                    name: p.name.clone(),
                    session: counts.get(&p.id).copied().unwrap_or(0),
                    earlier: before.times(&p.name),
                },
            )
        })
        .collect();
    out.sort_by_key(|(seat, s)| (s.total(), *seat, s.person));
    out.into_iter().map(|(_, s)| s).collect()
}

/// Names a delegate for a group: someone in it, while it has fewer than
/// the plan asks.
pub fn name(state: &State, group: GroupRef, person: PersonId) -> Result<Event, Refused> {
    let g = group_now(state, group).ok_or_else(|| Refused("there is no such group".into()))?;
    let who = state.people.name(person);
    if g.delegates.contains(&person) {
        return Err(Refused(format!(
            "{who} is already a delegate of {}",
            g.name
        )));
    }
    if !g.people.contains(&person) {
        return Err(Refused(format!(
            "{who} is not in {}: move them there first",
            g.name
        )));
    }
    let wanted = state
        .run
        .segment(group.breakout)
        .map_or(1, delegates_wanted);
    if g.delegates.len() >= usize::from(wanted) {
        return Err(Refused(format!(
            "{} already has its {}: recall one to name someone else",
            g.name,
            if wanted == 1 {
                "delegate".to_string()
            } else {
                format!("{wanted} delegates")
            }
        )));
    }
    Ok(Event::Breakout(BreakoutEvent::Delegate {
        segment: group.breakout,
        group: group.group,
        person,
    }))
}

/// The group recalls a delegate and, optionally, names who replaces them.
pub fn recall(
    state: &State,
    group: GroupRef,
    person: PersonId,
    replacement: Option<PersonId>,
) -> Result<Event, Refused> {
    let g = group_now(state, group).ok_or_else(|| Refused("there is no such group".into()))?;
    if !g.delegates.contains(&person) {
        return Err(Refused(format!(
            "{} is not a delegate of {}",
            state.people.name(person),
            g.name
        )));
    }
    if let Some(r) = replacement {
        let who = state.people.name(r);
        if r == person || g.delegates.contains(&r) {
            return Err(Refused(format!(
                "{who} is already a delegate of {}",
                g.name
            )));
        }
        if !g.people.contains(&r) {
            return Err(Refused(format!("{who} is not in {}", g.name)));
        }
    }
    Ok(Event::Breakout(BreakoutEvent::Recall {
        segment: group.breakout,
        group: group.group,
        person,
        replacement,
    }))
}
