//! A group's report as a file: breakouts held on other laptops, without a
//! server. The breakout's laptop writes it (`circlekeeper report SESSION
//! --group NAME`); the plenary imports it on the report-back, where it
//! lands as that group's report, logged with where it came from.
//!
//! The report holds the group's shared notes, its mandates, its delegates
//! and the decisions it took, never a note kept in the circle: those are
//! left out when it is written, and a report holding one is refused when
//! read. People are named only as delegates, owners and follow-ups, as in
//! a harvest. A report is imported once: a second report of the same group
//! from the same session is refused.
//!
//! Which notes are the group's: those filed under it; and when the
//! breakout has this one group only (a laptop of its own), every note taken
//! in the breakout or after it that is filed under no other group.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::plan::{breakout_in_run, spokes_question};
use super::{Breakout, BreakoutEvent, GroupRef, Imported, Mandated, Origin};
use crate::core::decision::record::{Outcome, Refused, record};
use crate::core::decision::rules::Rules;
use crate::core::event::Event;
use crate::core::harvest::anonymize::key;
use crate::core::note::{Landed, Note, NoteId, NoteKind, Visibility};
use crate::core::person::PersonId;
use crate::core::run::SegmentId;
use crate::core::session::Session;
use crate::core::state::State;

/// The report format this build writes and reads.
pub const FORMAT: u32 = 1;

/// One group's report, as written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupReport {
    pub format: u32,
    /// The session it was written from: its title and when it began.
    pub session: String,
    pub created: Timestamp,
    /// The breakout's title there.
    pub breakout: String,
    pub group: String,
    pub exported: Timestamp,
    /// How many people were in the group.
    #[serde(default)]
    pub people: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default)]
    pub delegates: Vec<String>,
    #[serde(default)]
    pub mandates: Vec<Mandated>,
    #[serde(default)]
    pub notes: Vec<ReportNote>,
    /// Decisions the group took.
    #[serde(default)]
    pub decisions: Vec<GroupDecision>,
}

/// A note of the report. `visibility` is always written, and a report
/// with a note kept in the circle is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportNote {
    pub kind: ReportKind,
    pub text: String,
    pub visibility: Visibility,
}

/// A note's kind, with people by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportKind {
    Note,
    Decision,
    Action {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<Date>,
    },
    ParkingLot,
    Reflection {
        landed: Landed,
    },
    FollowUp {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        who: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        with: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<Date>,
    },
}

/// A decision the group took, on one of the questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDecision {
    pub question: String,
    pub outcome: Outcome,
    pub method: String,
    /// The text decided on.
    pub text: String,
    /// The count, in words.
    pub count: String,
}

/// The breakout and group a report is written for: the last breakout in
/// running order with a group of that name (ignoring case).
fn find(state: &State, name: &str) -> Result<(Breakout, u32), Refused> {
    let wanted = name.trim();
    let mut names: Vec<String> = Vec::new();
    let mut found = None;
    for id in &state.run.order {
        let b = state.breakouts.or_planned(*id, &state.run);
        for (i, g) in b.groups.iter().enumerate() {
            if g.name.eq_ignore_ascii_case(wanted) {
                found = Some((b.clone(), i as u32));
            } else if !names.iter().any(|n| n.eq_ignore_ascii_case(&g.name)) {
                names.push(g.name.clone());
            }
        }
    }
    found.ok_or_else(|| {
        Refused(if names.is_empty() {
            format!("no group named '{wanted}': the session has no breakout groups")
        } else {
            format!(
                "no group named '{wanted}'; the groups are: {}",
                names.join(", ")
            )
        })
    })
}

/// Whether a note is the group's (see the module's rule).
fn belongs(state: &State, b: &Breakout, group: GroupRef, note: &Note) -> bool {
    match note.group {
        Some(g) => g == group,
        None => {
            b.groups.len() == 1
                && note
                    .segment
                    .is_some_and(|s| at_or_after(state, b.segment, s))
        }
    }
}

fn at_or_after(state: &State, breakout: SegmentId, segment: SegmentId) -> bool {
    let order = &state.run.order;
    let pos = |id| order.iter().position(|o| *o == id);
    matches!((pos(breakout), pos(segment)), (Some(b), Some(s)) if s >= b)
}

/// The report of a group of the session, written at `now`.
pub fn build(
    session: &Session,
    state: &State,
    group_name: &str,
    now: Timestamp,
) -> Result<GroupReport, Refused> {
    let (b, index) = find(state, group_name)?;
    let group = GroupRef {
        breakout: b.segment,
        group: index,
    };
    let g = &b.groups[index as usize];
    let seg = state.run.segment(b.segment);
    // Texts kept in the circle: a shared copy of one stays behind too.
    let private: Vec<String> = state
        .notes
        .all()
        .filter(|n| !n.is_shared())
        .filter_map(|n| key(&n.text))
        .collect();
    let shareable = |n: &Note| {
        n.is_shared()
            && key(&n.text).is_none_or(|k| !private.contains(&k))
            && !n.text.trim().is_empty()
    };
    let name = |id: PersonId| state.people.name(id).to_string();
    let names = |ids: &[PersonId]| ids.iter().map(|p| name(*p)).collect::<Vec<_>>();
    let mut decision_notes: Vec<NoteId> = Vec::new();
    let mut decisions = Vec::new();
    for d in state.decisions.all() {
        let Some(dseg) = state.run.segment(d.segment) else {
            continue;
        };
        let rules = Rules::of(dseg);
        let Some(rec) = record(d, rules.method, rules.fallback) else {
            continue;
        };
        let Some(note) = rec.note.and_then(|n| state.notes.get(n)) else {
            continue;
        };
        if !belongs(state, &b, group, note) || !shareable(note) {
            continue;
        }
        decision_notes.extend(d.decided.iter().flat_map(|x| x.notes.iter().copied()));
        decisions.push(GroupDecision {
            question: spokes_question(dseg).to_string(),
            outcome: rec.outcome,
            method: rules.method.label().to_string(),
            text: rec.text.clone(),
            count: rec.count.summary(),
        });
    }
    let notes = state
        .notes
        .all()
        .filter(|n| belongs(state, &b, group, n) && shareable(n))
        // A decision's own note travels as the decision.
        .filter(|n| !decision_notes.contains(&n.id))
        .map(|n| ReportNote {
            kind: match &n.kind {
                NoteKind::Note => ReportKind::Note,
                NoteKind::Decision => ReportKind::Decision,
                NoteKind::Action { owner, due } => ReportKind::Action {
                    owner: owner.map(name),
                    due: *due,
                },
                NoteKind::ParkingLot { .. } => ReportKind::ParkingLot,
                NoteKind::Reflection { landed } => ReportKind::Reflection { landed: *landed },
                NoteKind::FollowUp { who, with, by } => ReportKind::FollowUp {
                    who: names(who),
                    with: names(with),
                    by: *by,
                },
            },
            text: n.text.trim().to_string(),
            visibility: Visibility::Shared,
        })
        .collect();
    Ok(GroupReport {
        format: FORMAT,
        session: session.title.clone(),
        created: session.created,
        breakout: seg.map(|s| s.title.clone()).unwrap_or_default(),
        group: g.name.clone(),
        exported: now,
        people: u32::try_from(g.people.len()).unwrap_or(u32::MAX),
        question: g
            .question
            .clone()
            .or_else(|| seg.and_then(|s| s.prompt.clone())),
        place: g.place.clone(),
        delegates: names(&g.delegates),
        mandates: g
            .mandates
            .iter()
            .map(|m| Mandated {
                question: m.question.clone(),
                mandate: m.mandate.clone(),
            })
            .collect(),
        notes,
        decisions,
    })
}

/// The event that imports a report into the breakout heard in `segment`
/// (the report-back on): into group `into`, else the group of the same
/// name. `file` is where it was read from, for the log.
pub fn import(
    state: &State,
    report: &GroupReport,
    file: &str,
    segment: SegmentId,
    into: Option<u32>,
) -> Result<Event, Refused> {
    if report.format != FORMAT {
        return Err(Refused(format!(
            "a group report of format {}; this circlekeeper reads format {FORMAT}",
            report.format
        )));
    }
    if let Some(k) = report
        .notes
        .iter()
        .position(|n| n.visibility != Visibility::Shared)
    {
        return Err(Refused(format!(
            "note {} of the report is kept in the circle; it must not leave its group, so the \
             report is refused",
            k + 1
        )));
    }
    let breakout = breakout_in_run(&state.run, segment)
        .ok_or_else(|| Refused("there is no breakout before this segment to report to".into()))?;
    let b = state.breakouts.or_planned(breakout, &state.run);
    let index = match into {
        Some(i) if b.group(i).is_some() => i,
        Some(_) => return Err(Refused("there is no such group".into())),
        None => b
            .groups
            .iter()
            .position(|g| g.name.eq_ignore_ascii_case(report.group.trim()))
            .map(|i| i as u32)
            .ok_or_else(|| {
                let names: Vec<&str> = b.groups.iter().map(|g| g.name.as_str()).collect();
                Refused(format!(
                    "no group here is named '{}'; choose one of: {}",
                    report.group.trim(),
                    names.join(", ")
                ))
            })?,
    };
    if let Some(earlier) = b.imports.iter().find(|i| {
        i.origin.created == report.created && i.origin.group.eq_ignore_ascii_case(&report.group)
    }) {
        let what = if earlier.origin.exported == report.exported {
            "this report".to_string()
        } else {
            format!("a report of {} from that session", report.group)
        };
        return Err(Refused(format!(
            "{what} was already imported (from {}); undo that import to bring in another",
            earlier.origin.file
        )));
    }
    let group = GroupRef {
        breakout,
        group: index,
    };
    let target = &b.groups[index as usize];
    let on = state.run.segment(segment).map(|s| (segment, s));
    let mut next = state.notes.next_id();
    let mut note = |kind: NoteKind, text: String| {
        let mut n = Note::new(next, kind, text, on);
        next.0 = next.0.saturating_add(1);
        n.visibility = Visibility::Shared;
        n.group = Some(group);
        n
    };
    let person = |name: &str| state.people.find_by_name(name).map(|p| p.id);
    let mut notes = Vec::new();
    for n in &report.notes {
        let mut text = n.text.trim().to_string();
        let mut unknown = |what: &str, names: Vec<&String>| {
            if !names.is_empty() {
                let list: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
                text.push_str(&format!(" ({what}: {})", list.join(", ")));
            }
        };
        let kind = match &n.kind {
            ReportKind::Note => NoteKind::Note,
            ReportKind::Decision => NoteKind::Decision,
            ReportKind::Action { owner, due } => {
                let found = owner.as_deref().and_then(person);
                unknown("owner", owner.iter().filter(|_| found.is_none()).collect());
                NoteKind::Action {
                    owner: found,
                    due: *due,
                }
            }
            ReportKind::ParkingLot => NoteKind::ParkingLot { moved_to: None },
            ReportKind::Reflection { landed } => NoteKind::Reflection { landed: *landed },
            ReportKind::FollowUp { who, with, by } => {
                unknown("who", who.iter().filter(|w| person(w).is_none()).collect());
                unknown(
                    "with",
                    with.iter().filter(|w| person(w).is_none()).collect(),
                );
                NoteKind::FollowUp {
                    who: who.iter().filter_map(|w| person(w)).collect(),
                    with: with.iter().filter_map(|w| person(w)).collect(),
                    by: *by,
                }
            }
        };
        if !text.is_empty() {
            notes.push(note(kind, text));
        }
    }
    for d in &report.decisions {
        let mut text = format!(
            "{} on \"{}\": {} ({})",
            target.name,
            d.question.trim(),
            d.outcome.label(),
            d.method
        );
        if !d.text.trim().is_empty() {
            text.push_str(&format!(": {}", d.text.trim()));
        }
        text.push_str(&format!("\nCount: {}.", d.count.trim()));
        notes.push(note(NoteKind::Decision, text));
    }
    let delegates: Vec<PersonId> = report.delegates.iter().filter_map(|d| person(d)).collect();
    Ok(Event::Breakout(BreakoutEvent::Imported(Box::new(
        Imported {
            segment,
            group,
            origin: Origin {
                file: file.to_string(),
                session: report.session.clone(),
                created: report.created,
                group: report.group.clone(),
                exported: report.exported,
            },
            delegates,
            delegate_names: report.delegates.clone(),
            mandates: report
                .mandates
                .iter()
                .filter(|m| !m.question.trim().is_empty())
                .cloned()
                .collect(),
            notes,
        },
    ))))
}
