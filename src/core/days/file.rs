//! The file form of a plan: `segments`, or `days` each holding its own,
//! and the conversion to and from the one list the program keeps.

use std::collections::BTreeMap;

use jiff::SignedDuration;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use super::{Day, ranges};
use crate::core::duration::serde_friendly_opt;
use crate::core::limits;
use crate::core::plan::{Plan, Reach, Segment, StackRule};

/// A day as written in a plan file, with its segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayFile {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Time>,
    #[serde(
        default,
        with = "serde_friendly_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub slot: Option<SignedDuration>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub holders: BTreeMap<String, String>,
    #[serde(deserialize_with = "limits::segments")]
    pub segments: Vec<Segment>,
}

/// The file form of a plan: `segments` or `days`, each day holding its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gathering: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Time>,
    #[serde(
        default,
        with = "serde_friendly_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub slot: Option<SignedDuration>,
    #[serde(
        default,
        deserialize_with = "limits::people",
        skip_serializing_if = "Option::is_none"
    )]
    pub people: Option<u32>,
    #[serde(
        default,
        deserialize_with = "limits::roster",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub roster: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub holders: BTreeMap<String, String>,
    #[serde(
        default,
        with = "crate::core::duration::serde_friendly_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub warnings: Vec<SignedDuration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_rule: Option<StackRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_scope: Option<Reach>,
    #[serde(
        default,
        deserialize_with = "limits::segments",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub days: Vec<DayFile>,
    #[serde(
        default,
        deserialize_with = "limits::segments",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub segments: Vec<Segment>,
}

/// Said when a plan has both lists; `store` points it at the `days` line.
pub const BOTH_LISTS: &str =
    "a plan has either `segments` or `days` (each day with its own segments), not both";

impl TryFrom<PlanFile> for Plan {
    type Error = String;

    fn try_from(f: PlanFile) -> Result<Plan, String> {
        if !f.days.is_empty() && !f.segments.is_empty() {
            return Err(BOTH_LISTS.into());
        }

        let mut segments = f.segments;
        let mut days = Vec::with_capacity(f.days.len());
        for d in f.days {
            days.push(Day {
                title: d.title,
                date: d.date,
                start: d.start,
                slot: d.slot,
                holders: d.holders,
                len: d.segments.len(),
            });
            segments.extend(d.segments);
        }
        Ok(Plan {
            title: f.title,
            gathering: f.gathering,
            date: f.date,
            start: f.start,
            slot: f.slot,
            people: f.people,
            roster: f.roster,
            goals: f.goals,
            roles: f.roles,
            holders: f.holders,
            warnings: f.warnings,
            stack_rule: f.stack_rule,
            stack_scope: f.stack_scope,
            days,
            segments,
        })
    }
}

impl From<Plan> for PlanFile {
    fn from(p: Plan) -> PlanFile {
        let mut rest = p.segments;
        let days: Vec<DayFile> = if p.days.is_empty() {
            Vec::new()
        } else {
            let ranges = ranges(&p.days);
            let mut all = std::mem::take(&mut rest).into_iter();
            let mut out: Vec<DayFile> = p
                .days
                .into_iter()
                .zip(ranges)
                .map(|(d, r)| DayFile {
                    title: d.title,
                    date: d.date,
                    start: d.start,
                    slot: d.slot,
                    holders: d.holders,
                    segments: all.by_ref().take(r.len()).collect(),
                })
                .collect();
            // Segments past the days' counts belong to the last day.
            if let Some(last) = out.last_mut() {
                last.segments.extend(all);
            }
            out
        };
        PlanFile {
            title: p.title,
            gathering: p.gathering,
            date: p.date,
            start: p.start,
            slot: p.slot,
            people: p.people,
            roster: p.roster,
            goals: p.goals,
            roles: p.roles,
            holders: p.holders,
            warnings: p.warnings,
            stack_rule: p.stack_rule,
            stack_scope: p.stack_scope,
            days,
            segments: rest,
        }
    }
}
