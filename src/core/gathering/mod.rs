//! A gathering that lasts: the sessions of one plan's `gathering` (each day
//! of a weekend, or each Tuesday of a year) share a record of who came when,
//! the crews, who was grouped with whom, who held which role, the prompts
//! already asked, who has spoken how much, and the follow-ups still open.
//!
//! The session files stay the source of truth: the record is derived from
//! them (`derive`) and can always be rebuilt. A new session of the gathering
//! picks up what it needs from the record when it begins (`carry`) and keeps
//! that in its own file, so it replays exactly whatever happens to the
//! record later.

pub mod carry;
pub mod derive;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::duration::serde_friendly;
use super::person::PersonId;
use super::roles::Earlier;

/// The record file format this build writes.
pub const RECORD_FORMAT: u32 = 1;

/// Why a gathering's name cannot name its record file, if it cannot.
pub fn id_problem(id: &str) -> Option<String> {
    let ok = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    if id.trim().is_empty() {
        Some("the gathering's name is empty".into())
    } else if id.chars().count() > 64 {
        Some("the gathering's name is longer than 64 characters".into())
    } else if !id.chars().all(ok) || id.starts_with('.') {
        Some(format!(
            "the gathering's name {id:?} may hold letters, digits, '-', '_' and '.' only (it names a file), e.g. \"summit-2027\""
        ))
    } else {
        None
    }
}

/// A person's name as the gathering compares it: case and spacing do not
/// matter, so "Ana  Lima" on Tuesday is "ana lima" of last week.
pub fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What a session picked up from its gathering when it began, in its own
/// ids. It lives in the session file, so the session replays without the
/// record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Carried {
    /// The gathering's name.
    pub id: String,
    /// The earlier sessions learned from, oldest first ("Friday 2027-05-14").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<String>,
    /// Who each person of this session is in the record (by name there).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<(PersonId, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub crews: Vec<Vec<PersonId>>,
    /// Pairs grouped together in earlier sessions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub met: Vec<(PersonId, PersonId)>,
    /// Speaking turns and time in earlier sessions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spoken: Vec<Spoken>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub held: Vec<Earlier>,
    /// Check-in and other prompts already asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<String>,
    /// Follow-ups and actions still open, as counted when it began.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub open_follow_ups: usize,
}

/// The prompts a check-in should treat as asked: the rotation's memory
/// and those asked earlier in the gathering, so a weekend or a year of
/// Tuesdays hears each before any repeats.
pub fn prompts_asked(carried: Option<&Carried>, memory: &[String]) -> Vec<String> {
    let mut out = memory.to_vec();
    for p in carried.into_iter().flat_map(|c| &c.prompts) {
        if !out.contains(p) {
            out.push(p.clone());
        }
    }
    out
}

/// Turns and speaking time per person over the whole gathering: this
/// session's (a running turn up to `now`) and what it picked up, most
/// speaking time first; for "who has spoken most this weekend".
pub fn airtime(
    state: &crate::core::state::State,
    now: Timestamp,
) -> Vec<(PersonId, u32, SignedDuration)> {
    let mut out: Vec<(PersonId, u32, SignedDuration)> =
        crate::core::airtime::report(state, None, now)
            .speakers
            .iter()
            .map(|a| (a.person, a.turns, a.spoken))
            .collect();
    for (person, (turns, time)) in &state.stack.earlier {
        match out.iter_mut().find(|(p, ..)| p == person) {
            Some(e) => {
                e.1 += turns;
                e.2 = e.2.saturating_add(*time);
            }
            None => out.push((*person, *turns, *time)),
        }
    }
    out.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    out
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Carried {
    /// The record's name for a person of this session.
    pub fn member(&self, person: PersonId) -> Option<&str> {
        self.members
            .iter()
            .find(|(p, _)| *p == person)
            .map(|(_, n)| n.as_str())
    }

    /// "Gathering summit-2027: picked up 1 earlier session (Friday): 12
    /// people, 3 crews, 5 roles held, 4 prompts asked, 2 follow-ups open".
    pub fn summary(&self) -> String {
        let n = self.sessions.len();
        if n == 0 {
            return format!(
                "Gathering {}: the first session; what happens here is kept for the next",
                self.id
            );
        }
        let plural =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        let held: u32 = self.held.iter().map(|e| e.times).sum();
        format!(
            "Gathering {}: picked up {} ({}): {}, {}, {}, {}, {}",
            self.id,
            plural(n, "earlier session", "earlier sessions"),
            self.sessions.join(", "),
            plural(self.members.len(), "person", "people"),
            plural(self.crews.len(), "crew", "crews"),
            plural(held as usize, "role held", "roles held"),
            plural(self.prompts.len(), "prompt asked", "prompts asked"),
            plural(self.open_follow_ups, "follow-up open", "follow-ups open"),
        )
    }
}

/// Someone's speaking so far in the gathering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spoken {
    pub person: PersonId,
    pub turns: u32,
    #[serde(with = "serde_friendly")]
    pub time: SignedDuration,
}

/// The gathering's record, derived from its sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub format: u32,
    pub id: String,
    /// Oldest first.
    pub sessions: Vec<SessionLine>,
    /// Everyone who came or was on a roster, in order of first appearance.
    pub people: Vec<Member>,
    /// Crews by names.
    pub crews: Vec<Vec<String>>,
    /// Who has been grouped with whom, each pair once.
    pub pairings: Vec<(String, String)>,
    pub roles: Vec<RoleHeld>,
    pub prompts: Vec<String>,
    pub follow_ups: Vec<FollowUp>,
}

/// One session of the gathering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionLine {
    /// The session file's name.
    pub file: String,
    pub title: String,
    /// The day it ran, for a session of one day of the plan.
    pub day: Option<String>,
    pub date: Option<Date>,
    pub began: Option<Timestamp>,
    pub finished: bool,
    /// How many people came.
    pub came: usize,
}

impl SessionLine {
    /// "Friday 2027-05-14", "2026-12-01", or the title.
    pub fn label(&self) -> String {
        match (&self.day, self.date) {
            (Some(day), Some(d)) if !day.contains(&d.to_string()) => format!("{day} {d}"),
            (Some(day), _) => day.clone(),
            (None, Some(d)) => d.to_string(),
            (None, None) => self.title.clone(),
        }
    }
}

/// One person across the gathering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    /// The sessions they came to (indices into `sessions`), with when they
    /// were marked arrived when they were.
    pub came: Vec<Came>,
    pub turns: u32,
    #[serde(with = "serde_friendly")]
    pub spoken: SignedDuration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Came {
    pub session: usize,
    pub at: Option<Timestamp>,
}

/// Someone held a role in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleHeld {
    pub role: String,
    pub name: String,
    pub session: usize,
    pub drawn: bool,
}

/// A follow-up or action taken on in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub session: usize,
    /// "follow-up" or "action".
    pub kind: String,
    pub text: String,
    /// Who takes it on.
    pub who: Vec<String>,
    pub with: Vec<String>,
    pub by: Option<Date>,
    /// Kept in the circle: shown to the facilitator, never shared.
    pub circle: bool,
}

impl Record {
    pub fn member(&self, name: &str) -> Option<&Member> {
        let k = key(name);
        self.people.iter().find(|m| key(&m.name) == k)
    }

    /// Follow-ups and actions whose date has passed by `today`: still in
    /// the record (nothing marks one done but deleting its note), shown as
    /// overdue.
    pub fn overdue(&self, today: Date) -> Vec<&FollowUp> {
        self.follow_ups
            .iter()
            .filter(|f| f.by.is_some_and(|d| d < today))
            .collect()
    }

    /// The crew someone is in, by index.
    pub fn crew_of(&self, name: &str) -> Option<usize> {
        let k = key(name);
        self.crews
            .iter()
            .position(|c| c.iter().any(|n| key(n) == k))
    }
}

#[cfg(test)]
mod tests;
