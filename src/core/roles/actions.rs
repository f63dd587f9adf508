//! What a facilitator can do with roles, as plain functions that return the
//! events to log, or say why not. A screen turns a key into one of these.

use std::collections::BTreeMap;

use super::{RoleEvent, fold};
use crate::core::decision::record::Refused;
use crate::core::event::Event;
use crate::core::person::PersonId;
use crate::core::round::present;
use crate::core::state::State;

fn ev(e: RoleEvent) -> Event {
    Event::Roles(e)
}

fn refuse<T>(why: impl Into<String>) -> Result<T, Refused> {
    Err(Refused(why.into()))
}

fn in_roster(state: &State, person: PersonId) -> Result<(), Refused> {
    match state.people.get(person) {
        Some(_) => Ok(()),
        None => refuse("that person is not in the circle"),
    }
}

fn named(role: &str) -> Result<String, Refused> {
    match role.trim() {
        "" => refuse("the role has no name"),
        r => Ok(r.to_string()),
    }
}

/// Gives someone a role; whoever held it gives it up, unless `alongside`.
pub fn assign(
    state: &State,
    role: &str,
    person: PersonId,
    alongside: bool,
) -> Result<Event, Refused> {
    let role = named(role)?;
    in_roster(state, person)?;
    if state.roles.holds(&role, person) {
        return refuse(format!(
            "{} already holds {role}",
            state.people.name(person)
        ));
    }
    Ok(ev(RoleEvent::Assign {
        role,
        person,
        alongside,
    }))
}

/// Someone gives up a role they hold.
pub fn release(state: &State, role: &str, person: PersonId) -> Result<Event, Refused> {
    if !state.roles.holds(role, person) {
        return refuse(format!(
            "{} does not hold {}",
            state.people.name(person),
            role.trim()
        ));
    }
    Ok(ev(RoleEvent::Release {
        role: role.trim().to_string(),
        person,
    }))
}

/// Someone offers (or no longer offers) to hold a role if drawn. Someone
/// who asked not to be drawn must take that back first.
pub fn volunteer(state: &State, role: &str, person: PersonId) -> Result<Event, Refused> {
    let role = named(role)?;
    in_roster(state, person)?;
    let on = !state.roles.is_volunteer(&role, person);
    if on && state.roles.opted_out(&role, person) {
        return refuse(format!(
            "{} asked not to be drawn for {role}",
            state.people.name(person)
        ));
    }
    Ok(ev(RoleEvent::Volunteer { role, person, on }))
}

/// Someone asks not to be drawn for a role (`None`: for any), or takes
/// that back. Never remarked on: it is an invitation, not a duty.
pub fn opt_out(state: &State, role: Option<&str>, person: PersonId) -> Result<Event, Refused> {
    in_roster(state, person)?;
    let role = role.map(named).transpose()?;
    let out = match &role {
        Some(r) => !state.roles.out.contains(&(Some(fold(r)), person)),
        None => !state.roles.opted_out_of_all(person),
    };
    Ok(ev(RoleEvent::OptOut { role, person, out }))
}

/// Whom a draw for a role is among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Among {
    /// The volunteers who are here.
    Volunteers,
    /// Everyone here (when nobody volunteered and the room agrees).
    EveryoneHere,
}

/// The people a draw would be among: here, not opted out, and for
/// `Volunteers` having volunteered; in seating order.
pub fn pool(state: &State, role: &str, among: Among) -> Vec<PersonId> {
    let volunteers = state.roles.volunteers(role);
    present(&state.people)
        .into_iter()
        .map(|p| p.id)
        .filter(|p| !state.roles.opted_out(role, *p))
        .filter(|p| among == Among::EveryoneHere || volunteers.contains(p))
        .collect()
}

/// A draw by lot for a role, with the seed the screen supplies (the moment
/// the key was pressed). The event names the people drawn among, so it
/// replays exactly; nobody absent or opted out is ever among them.
pub fn draw(state: &State, role: &str, among: Among, seed: u64) -> Result<Event, Refused> {
    let role = named(role)?;
    let pool = pool(state, &role, among);
    if pool.is_empty() {
        return match among {
            Among::Volunteers => refuse(format!(
                "nobody here has volunteered for {role}; mark volunteers first, or draw among everyone here"
            )),
            Among::EveryoneHere => refuse(format!("nobody here can be drawn for {role}")),
        };
    }
    Ok(ev(RoleEvent::Drawn {
        role,
        among: pool,
        seed,
    }))
}

/// The holders decided beforehand (`holders` in the plan or the day), as
/// assignments; names not in the circle, and roles they already hold, are
/// left out.
pub fn take_planned(state: &State, holders: &BTreeMap<String, String>) -> Vec<Event> {
    holders
        .iter()
        .filter_map(|(role, name)| {
            let person = state.people.find_by_name(name)?.id;
            assign(state, role, person, true).ok()
        })
        .collect()
}
