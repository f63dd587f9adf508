//! The harvest's account of breakouts and spokes councils: each group with
//! its question, its delegates (a public role, named like owners) and its
//! mandates; and, across every decision, what still awaits ratification by
//! a group.
//!
//! A confidential breakout is left out. A group's notes are harvested with
//! the rest, their place naming the group ("Report-back, Crew 3"); here
//! they are only counted.

use std::fmt::Write;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Context;
use super::decisions::DecisionRecord;
use super::markdown::one_line;
use crate::core::breakout::GroupRef;
use crate::core::decision::stance::Stance;
use crate::core::note::Note;
use crate::core::plan::SegmentKind;
use crate::core::state::State;

/// One breakout as the harvest tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakoutRecord {
    pub title: String,
    /// How it split the room: "6 groups, shuffled", "by crews", ...
    pub split: String,
    pub groups: Vec<GroupRecord>,
}

/// One group of a breakout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRecord {
    pub name: String,
    pub question: Option<String>,
    pub place: Option<String>,
    pub people: u32,
    /// Its delegates at the end.
    pub delegates: Vec<String>,
    /// How many times it recalled a delegate.
    pub recalls: u32,
    pub mandates: Vec<MandateRecord>,
    /// Shared notes filed under it (harvested with the others).
    pub notes: u32,
    /// Where its report came from, when it was imported.
    pub imported_from: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MandateRecord {
    pub question: String,
    /// "imperative" or "open".
    pub kind: String,
    /// The group's view, for an imperative mandate.
    pub text: Option<String>,
}

/// An indicative position still to be ratified by its group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Awaiting {
    /// The decision's title as shown in the agenda.
    pub decision: String,
    pub group: String,
    pub stance: Stance,
    pub by: Option<Date>,
}

/// The breakouts that formed groups, in running order.
pub(super) fn build(
    state: &State,
    cx: &Context,
    titles: &[String],
    harvested: impl Fn(&Note) -> bool,
) -> Vec<BreakoutRecord> {
    let mut out = Vec::new();
    for id in &state.run.order {
        let (Some(b), Some(seg)) = (state.breakouts.get(*id), state.run.segment(*id)) else {
            continue;
        };
        if seg.kind != SegmentKind::Breakout || seg.is_confidential() || b.groups.is_empty() {
            continue;
        }
        let groups = b
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let here = GroupRef {
                    breakout: *id,
                    group: i as u32,
                };
                let import = b.imports.iter().rev().find(|imp| imp.group == i as u32);
                GroupRecord {
                    name: cx.title(&g.name, || format!("Group {} (name withheld)", i + 1)),
                    question: g
                        .question
                        .as_deref()
                        .or(seg.prompt.as_deref())
                        .map(|q| cx.text(q)),
                    place: g.place.as_deref().map(|p| cx.text(p)),
                    people: u32::try_from(g.people.len()).unwrap_or(u32::MAX),
                    delegates: cx.people(&g.delegates),
                    recalls: u32::try_from(g.recalls.len()).unwrap_or(u32::MAX),
                    mandates: g
                        .mandates
                        .iter()
                        .map(|m| MandateRecord {
                            question: cx.text(&m.question),
                            kind: m.mandate.kind_label().to_string(),
                            text: match &m.mandate {
                                crate::core::breakout::mandate::Mandate::Imperative(t) => {
                                    Some(cx.text(t))
                                }
                                crate::core::breakout::mandate::Mandate::Open => None,
                            },
                        })
                        .collect(),
                    notes: u32::try_from(
                        state
                            .notes
                            .all()
                            .filter(|n| n.group == Some(here) && harvested(n))
                            .count(),
                    )
                    .unwrap_or(u32::MAX),
                    imported_from: import.map(|imp| {
                        format!(
                            "{} (from \"{}\")",
                            imp.origin.file,
                            cx.text(&imp.origin.session)
                        )
                    }),
                }
            })
            .collect();
        out.push(BreakoutRecord {
            title: titles.get(id.0 as usize).cloned().unwrap_or_default(),
            split: seg.split.unwrap_or_default().label(),
            groups,
        });
    }
    out
}

/// What awaits ratification, from every harvested decision.
pub(super) fn awaiting(records: &[DecisionRecord]) -> Vec<Awaiting> {
    records
        .iter()
        .flat_map(|r| {
            r.awaiting.iter().map(|a| Awaiting {
                decision: r.title.clone(),
                group: a.group.clone(),
                stance: a.stance,
                by: a.by,
            })
        })
        .collect()
}

/// "## Groups" and "## Awaiting ratification".
pub(super) fn markdown(out: &mut String, breakouts: &[BreakoutRecord], awaiting: &[Awaiting]) {
    if !awaiting.is_empty() {
        out.push_str("## Awaiting ratification\n\n");
        for a in awaiting {
            let by = a.by.map(|d| format!(" by {d}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "- {}{by}: {} (an indicative {})",
                one_line(&a.group),
                one_line(&a.decision),
                a.stance.label()
            );
        }
        out.push('\n');
    }
    if breakouts.is_empty() {
        return;
    }
    out.push_str("## Groups\n\n");
    for b in breakouts {
        let _ = writeln!(out, "### {} ({})\n", one_line(&b.title), b.split);
        for g in &b.groups {
            let mut meta = vec![match g.people {
                1 => "1 person".to_string(),
                n => format!("{n} people"),
            }];
            meta.extend(g.place.as_deref().map(|p| format!("at {}", one_line(p))));
            let _ = writeln!(out, "- **{}** ({})", one_line(&g.name), meta.join(", "));
            if let Some(q) = &g.question {
                let _ = writeln!(out, "  - Question: {}", one_line(q));
            }
            let delegates = match g.delegates.len() {
                0 => "none named".to_string(),
                _ => g
                    .delegates
                    .iter()
                    .map(|d| one_line(d))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let recalled = match g.recalls {
                0 => String::new(),
                1 => " (after 1 recall)".to_string(),
                n => format!(" (after {n} recalls)"),
            };
            let _ = writeln!(out, "  - Delegates: {delegates}{recalled}");
            for m in &g.mandates {
                let _ = match &m.text {
                    Some(t) => writeln!(
                        out,
                        "  - On {}: {} mandate: {}",
                        one_line(&m.question),
                        m.kind,
                        one_line(t)
                    ),
                    None => writeln!(
                        out,
                        "  - On {}: open (not discussed; any view given was indicative)",
                        one_line(&m.question)
                    ),
                };
            }
            if g.notes > 0 {
                let _ = writeln!(
                    out,
                    "  - {} in its report (listed above)",
                    if g.notes == 1 {
                        "1 note".to_string()
                    } else {
                        format!("{} notes", g.notes)
                    }
                );
            }
            if let Some(from) = &g.imported_from {
                let _ = writeln!(out, "  - Report imported from {}", one_line(from));
            }
        }
        out.push('\n');
    }
}
