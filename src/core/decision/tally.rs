//! Who is counted and how many took which position.
//!
//! Counted over who is marked here (or the whole roster while nobody is
//! marked, as rounds do): someone who arrives mid-decision is in the tally
//! at once, as no position until they give one; someone who left is not
//! counted, whatever they said. Passing is no position, never a vote.
//! Indicative positions are counted apart. So for every test:
//! positions + indicative + no position = people here (+ any hands counted
//! beyond the people here, which `over` names so it can be put right).

use serde::{Deserialize, Serialize};

use super::Test;
use super::stance::{Placed, Stance};
use crate::core::person::{People, Person, PersonId};
use crate::core::round::present;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// People counted: those marked here.
    pub here: u32,
    /// Nobody was marked here, so the whole roster was counted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub whole_roster: bool,
    /// Every position the test offers (passing aside), in its order, with
    /// how many took it; zeros included, for a chart.
    pub stances: Vec<(Stance, u32)>,
    /// Passed or not yet given.
    pub no_position: u32,
    /// Of those, who said they pass.
    #[serde(default)]
    pub passed: u32,
    /// Indicative positions, counted apart until their groups ratify them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicative: Vec<(Stance, u32)>,
    /// Hands counted beyond the people here.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub over: u32,
    /// Objections among the positions that were resolved or withdrawn.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub settled: u32,
    /// Counted by group (a spokes council): `here` is the groups.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_group: bool,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Tally {
    /// How many took this position (indicative ones aside).
    pub fn of(&self, stance: Stance) -> u32 {
        self.stances
            .iter()
            .find(|(s, _)| *s == stance)
            .map_or(0, |(_, n)| *n)
    }

    /// Positions taken, indicative ones aside.
    pub fn taken(&self) -> u32 {
        self.stances.iter().map(|(_, n)| *n).sum()
    }

    pub fn indicative_total(&self) -> u32 {
        self.indicative.iter().map(|(_, n)| *n).sum()
    }

    /// Everyone in the tally: always the people here, plus hands counted
    /// beyond them.
    pub fn total(&self) -> u32 {
        self.taken() + self.indicative_total() + self.no_position
    }

    /// "9 agree, 2 stand aside, 1 no position; 12 here": the non-zero
    /// counts in the test's order.
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = self
            .stances
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| match s {
                Stance::Objection if self.settled >= *n => {
                    format!("{n} {} resolved or withdrawn", count_label(*s, *n))
                }
                Stance::Objection if self.settled > 0 => format!(
                    "{n} {} ({} resolved or withdrawn)",
                    count_label(*s, *n),
                    self.settled
                ),
                _ => format!("{n} {}", count_label(*s, *n)),
            })
            .collect();
        if self.no_position > 0 || parts.is_empty() {
            parts.push(format!("{} no position", self.no_position));
        }
        let mut out = if self.by_group {
            format!(
                "{}; {} group{}",
                parts.join(", "),
                self.here,
                if self.here == 1 { "" } else { "s" }
            )
        } else {
            format!("{}; {} here", parts.join(", "), self.here)
        };
        if self.whole_roster {
            out.push_str(" (nobody marked here: the whole roster)");
        }
        if self.indicative_total() > 0 {
            let ind: Vec<String> = self
                .indicative
                .iter()
                .map(|(s, n)| format!("{n} {}", count_label(*s, *n)))
                .collect();
            out.push_str(&format!("; indicative, to be ratified: {}", ind.join(", ")));
        }
        out
    }
}

/// A stance as it reads after a number: "3 fingers", "2 stand aside".
fn count_label(stance: Stance, n: u32) -> String {
    match stance {
        Stance::Fingers(n) => format!("at {n}"),
        Stance::Gradient(n) => format!("at {n}"),
        Stance::Concern => "agree with a concern".into(),
        Stance::Objection if n != 1 => "objections".into(),
        s => s.label(),
    }
}

/// The people counted, in seating order, and whether that is the whole
/// roster because nobody is marked here.
pub fn counted(people: &People) -> (Vec<&Person>, bool) {
    let here = present(people);
    let whole = !people.all().iter().any(|p| p.arrived);
    (here, whole)
}

/// The tally of a test over the people here, for the stances it offers.
pub fn tally(test: &Test, offered: &[Stance], people: &People) -> Tally {
    let (here, whole_roster) = counted(people);
    let ids: Vec<PersonId> = here.iter().map(|p| p.id).collect();
    let stances = offered
        .iter()
        .filter(|s| **s != Stance::Pass)
        .map(|s| (*s, test.hands(*s)))
        .collect();
    let settled = test
        .remarks
        .iter()
        .filter(|r| r.stance == Stance::Objection && r.settled.is_some())
        .count() as u32;
    let positions = test.positions.iter().filter(|p| ids.contains(&p.person));
    let mut t = count(positions, stances, ids.len());
    t.whole_roster = whole_roster;
    t.settled += settled;
    t
}

/// The tally of a spokes council: one position per group, given by its
/// delegates; groups not heard are no position. Positions for no group
/// (or a group not among `groups`) are not counted.
pub fn tally_by_group(test: &Test, offered: &[Stance], groups: &[String]) -> Tally {
    let stances = offered
        .iter()
        .filter(|s| **s != Stance::Pass)
        .map(|s| (*s, 0))
        .collect();
    let ours = |p: &&Placed| {
        p.group
            .as_deref()
            .is_some_and(|name| groups.iter().any(|g| g.eq_ignore_ascii_case(name)))
    };
    let mut t = count(test.positions.iter().filter(ours), stances, groups.len());
    t.by_group = true;
    t
}

/// Positions added to `stances` (indicative ones apart, passing as no
/// position) over `here` people or groups.
fn count<'a>(
    positions: impl Iterator<Item = &'a Placed>,
    mut stances: Vec<(Stance, u32)>,
    here: usize,
) -> Tally {
    let mut indicative: Vec<(Stance, u32)> = Vec::new();
    let (mut passed, mut settled) = (0, 0);
    for p in positions {
        if p.stance == Stance::Objection && p.settled.is_some() && p.indicative.is_none() {
            settled += 1;
        }
        if p.stance == Stance::Pass {
            passed += 1;
            continue;
        }
        let into = if p.indicative.is_some() {
            &mut indicative
        } else {
            &mut stances
        };
        match into.iter_mut().find(|(s, _)| *s == p.stance) {
            Some((_, n)) => *n += 1,
            None => into.push((p.stance, 1)),
        }
    }
    let here = u32::try_from(here).unwrap_or(u32::MAX);
    let taken: u32 = stances.iter().chain(&indicative).map(|(_, n)| *n).sum();
    Tally {
        here,
        whole_roster: false,
        stances,
        no_position: here.saturating_sub(taken),
        passed,
        indicative,
        over: taken.saturating_sub(here),
        settled,
        by_group: false,
    }
}
