//! Roles that rotate: who facilitates, keeps time, keeps the stack, takes
//! notes, watches the vibes, greets; assigned, given up, and drawn by lot
//! among volunteers.
//!
//! Rotating roles, and choosing by lot, keeps power from settling in a few
//! hands. So every assignment is an event (who held what, from when to when,
//! drawn or chosen), a draw is logged with the people it drew among and its
//! seed so it replays exactly, and suggestions put first whoever has held a
//! role least in the whole gathering (earlier sessions included, through
//! what the session picked up from the gathering's record).
//!
//! For a screen: `board::board` for the People screen's roles, `live_line`
//! for "timekeeper: Kim" on Live, and `actions` for what a key does.

pub mod actions;
pub mod board;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::groups::draw_lot;
use super::person::PersonId;
use super::plan::Plan;
use super::run::{Run, SegmentId};
use super::state::State;

/// The roles a circle commonly rotates, offered in every plan.
pub const STANDARD: [&str; 7] = [
    "facilitator",
    "co-facilitator",
    "timekeeper",
    "stack keeper",
    "note-taker",
    "vibes watcher",
    "greeter",
];

/// What happened to a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoleEvent {
    /// Someone takes a role; whoever held it gives it up, unless `alongside`
    /// (a second greeter).
    Assign {
        role: String,
        person: PersonId,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        alongside: bool,
    },
    /// Someone gives a role up.
    Release { role: String, person: PersonId },
    /// Someone offers to hold a role if drawn (`on: false` takes it back).
    Volunteer {
        role: String,
        person: PersonId,
        on: bool,
    },
    /// Someone asks never to be drawn: for one role, or any (`role: None`).
    OptOut {
        role: Option<String>,
        person: PersonId,
        out: bool,
    },
    /// A draw by lot among `among` with `seed`: `groups::draw_lot` picks
    /// the holder, who takes the role in place of anyone holding it.
    Drawn {
        role: String,
        among: Vec<PersonId>,
        seed: u64,
    },
}

/// A role's name as compared: case and spacing do not matter.
pub fn fold(role: &str) -> String {
    role.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The roles a plan can assign: its own (`roles`, those its segments and
/// `holders` name) first, as first written, then the standard ones.
pub fn names(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let own = plan
        .roles
        .iter()
        .chain(plan.segments.iter().flat_map(|s| s.roles.iter()))
        .chain(plan.holders.keys())
        .chain(plan.days.iter().flat_map(|d| d.holders.keys()))
        .map(String::as_str);
    for name in own.chain(STANDARD) {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|o| fold(o) == fold(name)) {
            out.push(name.to_string());
        }
    }
    out
}

/// One person holding one role for a while.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    /// As first written for this role.
    pub role: String,
    pub person: PersonId,
    pub from: Timestamp,
    /// `None` while they still hold it.
    pub until: Option<Timestamp>,
    /// The segment on when they took it.
    pub segment: Option<SegmentId>,
    pub drawn: bool,
}

/// One draw by lot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw {
    pub role: String,
    pub among: Vec<PersonId>,
    pub seed: u64,
    pub drawn: Option<PersonId>,
    pub at: Timestamp,
}

/// How often someone held a role in the gathering's earlier sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Earlier {
    pub role: String,
    pub person: PersonId,
    pub times: u32,
    /// The session (or day) they last held it in, for "last: Friday".
    pub last: String,
}

/// Every role as it stands, rebuilt from the log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roles {
    holdings: Vec<Holding>,
    volunteers: Vec<(String, PersonId)>,
    /// `(None, p)`: p is never drawn for any role.
    out: Vec<(Option<String>, PersonId)>,
    draws: Vec<Draw>,
    /// From the gathering's earlier sessions (see `gathering::Carried`).
    pub earlier: Vec<Earlier>,
}

impl Roles {
    pub fn apply(&mut self, at: Timestamp, ev: &RoleEvent, run: &Run) {
        match ev {
            RoleEvent::Assign {
                role,
                person,
                alongside,
            } => {
                if !alongside {
                    self.end(role, None, at);
                }
                self.take(role, *person, at, run.current, false);
            }
            RoleEvent::Release { role, person } => self.end(role, Some(*person), at),
            RoleEvent::Volunteer { role, person, on } => {
                let key = (fold(role), *person);
                self.volunteers.retain(|v| *v != key);
                if *on {
                    self.volunteers.push(key);
                }
            }
            RoleEvent::OptOut { role, person, out } => {
                let key = (role.as_deref().map(fold), *person);
                self.out.retain(|o| *o != key);
                if *out {
                    self.out.push(key);
                }
            }
            RoleEvent::Drawn { role, among, seed } => {
                let drawn = draw_lot(among, *seed);
                if let Some(p) = drawn {
                    self.end(role, None, at);
                    self.take(role, p, at, run.current, true);
                }
                self.draws.push(Draw {
                    role: role.clone(),
                    among: among.clone(),
                    seed: *seed,
                    drawn,
                    at,
                });
            }
        }
    }

    fn take(
        &mut self,
        role: &str,
        person: PersonId,
        at: Timestamp,
        segment: Option<SegmentId>,
        drawn: bool,
    ) {
        if self.holds(role, person) {
            return;
        }
        // The role keeps the spelling it was first given.
        let written = self
            .holdings
            .iter()
            .find(|h| fold(&h.role) == fold(role))
            .map_or_else(|| role.trim().to_string(), |h| h.role.clone());
        self.holdings.push(Holding {
            role: written,
            person,
            from: at,
            until: None,
            segment,
            drawn,
        });
    }

    /// Ends the role's current holdings (only `person`'s, when given).
    fn end(&mut self, role: &str, person: Option<PersonId>, at: Timestamp) {
        let role = fold(role);
        for h in self.holdings.iter_mut().filter(|h| {
            h.until.is_none() && fold(&h.role) == role && person.is_none_or(|p| p == h.person)
        }) {
            h.until = Some(at);
        }
    }

    /// Someone left the circle: the roles they held are free.
    pub fn drop_person(&mut self, person: PersonId, at: Timestamp) {
        for h in self
            .holdings
            .iter_mut()
            .filter(|h| h.person == person && h.until.is_none())
        {
            h.until = Some(at);
        }
    }

    /// Every holding so far, in the order taken.
    pub fn holdings(&self) -> &[Holding] {
        &self.holdings
    }

    /// Who holds a role now, in the order they took it.
    pub fn holders(&self, role: &str) -> Vec<PersonId> {
        let role = fold(role);
        self.holdings
            .iter()
            .filter(|h| h.until.is_none() && fold(&h.role) == role)
            .map(|h| h.person)
            .collect()
    }

    pub fn holds(&self, role: &str, person: PersonId) -> bool {
        self.holders(role).contains(&person)
    }

    /// The roles someone holds now.
    pub fn held_by(&self, person: PersonId) -> Vec<&str> {
        self.holdings
            .iter()
            .filter(|h| h.until.is_none() && h.person == person)
            .map(|h| h.role.as_str())
            .collect()
    }

    pub fn is_volunteer(&self, role: &str, person: PersonId) -> bool {
        self.volunteers.contains(&(fold(role), person))
    }

    /// Volunteers for a role, in the order they offered.
    pub fn volunteers(&self, role: &str) -> Vec<PersonId> {
        let role = fold(role);
        self.volunteers
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, p)| *p)
            .collect()
    }

    /// Whether someone asked not to be drawn for this role (or any).
    pub fn opted_out(&self, role: &str, person: PersonId) -> bool {
        let role = fold(role);
        self.out
            .iter()
            .any(|(r, p)| *p == person && r.as_ref().is_none_or(|r| *r == role))
    }

    /// Whether someone asked not to be drawn for any role.
    pub fn opted_out_of_all(&self, person: PersonId) -> bool {
        self.out.contains(&(None, person))
    }

    pub fn draws(&self) -> &[Draw] {
        &self.draws
    }

    /// How often someone has held a role in the gathering, this session
    /// included, and where they last held it ("today" for this session).
    pub fn times_held(&self, role: &str, person: PersonId) -> (u32, Option<String>) {
        let key = fold(role);
        let before = self
            .earlier
            .iter()
            .find(|e| fold(&e.role) == key && e.person == person);
        let now = self
            .holdings
            .iter()
            .filter(|h| fold(&h.role) == key && h.person == person)
            .count() as u32;
        let times = before.map_or(0, |e| e.times) + now;
        let last = if now > 0 {
            Some("today".to_string())
        } else {
            before.map(|e| e.last.clone())
        };
        (times, last)
    }
}

/// One role that matters now, with who holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleLine {
    pub role: String,
    /// Names; empty when nobody holds it yet.
    pub holders: Vec<String>,
}

/// The roles the segment on names, each with its holders, for the Live
/// screen: "timekeeper: Kim · note-taker: nobody yet".
pub fn on_now(state: &State) -> Vec<RoleLine> {
    let Some(segment) = state.run.current_segment() else {
        return Vec::new();
    };
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for role in &segment.roles {
        if role.trim().is_empty() || seen.contains(&fold(role)) {
            continue;
        }
        seen.push(fold(role));
        out.push(RoleLine {
            role: role.trim().to_string(),
            holders: state
                .roles
                .holders(role)
                .into_iter()
                .map(|p| state.people.name(p).to_string())
                .collect(),
        });
    }
    out
}

/// `on_now` as one line of text, or `None` when the segment names no roles.
pub fn live_line(state: &State) -> Option<String> {
    let lines = on_now(state);
    if lines.is_empty() {
        return None;
    }
    Some(
        lines
            .iter()
            .map(|l| match l.holders.is_empty() {
                true => format!("{}: nobody yet", l.role),
                false => format!("{}: {}", l.role, l.holders.join(" & ")),
            })
            .collect::<Vec<_>>()
            .join(" · "),
    )
}

#[cfg(test)]
mod tests;
