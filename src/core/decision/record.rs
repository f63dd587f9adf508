//! The outcome of a decision and its record: what was decided and how, the
//! final text and every earlier version, the count, concerns and reasons,
//! and the review date. Recording one logs a Decision note linked to the
//! segment (counts, never names) and, for an adopted proposal, a follow-up
//! to ratify each indicative position with its group.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::board::Board;
use super::rules::{Fallback, Method};
use super::stance::{Settled, Stance};
use super::tally::Tally;
use super::{Decision, DecisionEvent};
use crate::core::event::Event;
use crate::core::note::{Note, NoteKind};
use crate::core::person::PersonId;
use crate::core::plan::Plan;
use crate::core::run::SegmentId;
use crate::core::state::State;

/// How a decision ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Adopted,
    /// Adopted, with people standing aside (consensus).
    AdoptedWithStandAsides,
    /// Adopted by the fallback agreed beforehand, with the count.
    AdoptedByFallback,
    /// A block, veto or objection stood.
    Blocked,
    /// Not decided today: back to the proposers, a group, a later meeting.
    SentBack,
    /// The fallback vote fell short.
    NotAdopted,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Adopted => "adopted",
            Outcome::AdoptedWithStandAsides => "adopted with stand-asides",
            Outcome::AdoptedByFallback => "adopted by fallback",
            Outcome::Blocked => "blocked",
            Outcome::SentBack => "sent back",
            Outcome::NotAdopted => "not adopted",
        }
    }

    pub fn adopted(self) -> bool {
        matches!(
            self,
            Outcome::Adopted | Outcome::AdoptedWithStandAsides | Outcome::AdoptedByFallback
        )
    }
}

/// Why an outcome cannot be recorded now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The events that record `outcome` for a decision, if its rule allows it
/// now (see `Board::outcomes`): one `Decided` carrying the count as it
/// stands and the notes it leaves.
pub fn decide(
    state: &State,
    plan: &Plan,
    segment: SegmentId,
    outcome: Outcome,
    at: Timestamp,
) -> Result<Event, Refused> {
    super::actions::undecided(state, segment)?;
    let board = Board::new(state, plan, segment, at)
        .ok_or_else(|| Refused("there is no such segment".into()))?;
    if !board.outcomes.contains(&outcome) {
        return Err(Refused(format!(
            "it cannot be recorded as {} now: {}",
            outcome.label(),
            board.verdict.line()
        )));
    }
    let seg = state.run.segment(segment);
    let count = board.tally.clone();
    let review = board.review;
    let mut next = state.notes.next_id();
    let mut id = || {
        let this = next;
        next.0 = next.0.saturating_add(1);
        this
    };
    let mut notes = vec![Note::new(
        id(),
        NoteKind::Decision,
        note_text(&board, outcome),
        seg.map(|s| (segment, s)),
    )];
    if outcome.adopted() {
        let proposal = board.proposal.as_ref().map_or("", |v| v.text.as_str());
        let people = board.rows.iter().map(|r| (Some(r.person), &r.indicative));
        let groups = board.groups.iter().map(|g| (g.by, &g.indicative));
        for (person, ind) in people.chain(groups) {
            let Some(ind) = ind.as_ref() else {
                continue;
            };
            notes.push(Note::new(
                id(),
                NoteKind::FollowUp {
                    who: person.into_iter().collect(),
                    with: Vec::new(),
                    by: ind.by,
                },
                format!(
                    "Ratify with {}: \"{}\" (an indicative position was given)",
                    ind.group.trim(),
                    gist(proposal)
                ),
                seg.map(|s| (segment, s)),
            ));
        }
    }
    Ok(Event::Decision(DecisionEvent::Decided {
        segment,
        outcome,
        count,
        review,
        notes,
    }))
}

/// The Decision note: the outcome and method, the text decided on, the
/// count, the review date. Counts only: names stay in the circle.
fn note_text(board: &Board, outcome: Outcome) -> String {
    let how = match (outcome, board.rules.fallback) {
        (Outcome::AdoptedByFallback | Outcome::NotAdopted, Some(f)) => f.label(),
        _ => board.rules.method.label().to_string(),
    };
    let mut head = capitalized(outcome.label());
    head.push_str(&format!(" ({how})"));
    let mut out = match &board.proposal {
        Some(v) => format!("{head}: {}", v.text.trim()),
        None => head,
    };
    out.push_str(&format!("\nCount: {}.", board.tally.summary()));
    if let Some(date) = board.review {
        out.push_str(&format!("\nReview by {date}."));
    }
    out
}

fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The proposal on one line, cut at a word after about 80 characters.
fn gist(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() >= 80 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Words minuted with a decision: a concern, a reason for standing aside
/// or blocking, an objection and how it was worked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// Which test (1-based) they were given in.
    pub test: usize,
    pub stance: Stance,
    pub text: String,
    /// Whose words; private to the circle (see `privacy`).
    pub person: Option<PersonId>,
    pub settled: Option<Settled>,
}

/// An indicative position, awaiting its group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awaiting {
    pub person: PersonId,
    pub group: String,
    pub stance: Stance,
    pub by: Option<Date>,
}

/// The record of a decided decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub segment: SegmentId,
    pub method: Method,
    pub fallback: Option<Fallback>,
    pub outcome: Outcome,
    pub at: Timestamp,
    /// The text decided on (empty when no proposal was brought).
    pub text: String,
    pub proposed_by: Option<PersonId>,
    /// Every earlier version, oldest first.
    pub earlier: Vec<String>,
    pub count: Tally,
    pub tests: usize,
    pub words: Vec<Words>,
    pub awaiting: Vec<Awaiting>,
    pub review: Option<Date>,
    /// The Decision note that carries it among the notes.
    pub note: Option<crate::core::note::NoteId>,
}

/// The record of a decision, once its outcome is recorded.
pub fn record(decision: &Decision, method: Method, fallback: Option<Fallback>) -> Option<Record> {
    let decided = decision.decided.as_ref()?;
    let upto = decided.version.map_or(0, |v| v + 1);
    let versions = &decision.versions[..upto.min(decision.versions.len())];
    let (text, proposed_by) = match versions.last() {
        Some(v) => (v.text.clone(), versions.first().and_then(|f| f.by)),
        None => (String::new(), None),
    };
    let mut words = Vec::new();
    let mut awaiting = Vec::new();
    for (i, test) in decision.tests.iter().enumerate() {
        for p in &test.positions {
            if !p.text.is_empty() || p.stance.asks_for_words() {
                words.push(Words {
                    test: i + 1,
                    stance: p.stance,
                    text: p.text.clone(),
                    person: Some(p.person),
                    settled: p.settled.clone(),
                });
            }
        }
        for r in &test.remarks {
            words.push(Words {
                test: i + 1,
                stance: r.stance,
                text: r.text.clone(),
                person: None,
                settled: r.settled.clone(),
            });
        }
    }
    if let Some(last) = decision.tests.last() {
        for p in &last.positions {
            if let Some(ind) = &p.indicative {
                awaiting.push(Awaiting {
                    person: p.person,
                    group: ind.group.clone(),
                    stance: p.stance,
                    by: ind.by,
                });
            }
        }
    }
    Some(Record {
        segment: decision.segment,
        method,
        fallback,
        outcome: decided.outcome,
        at: decided.at,
        text,
        proposed_by,
        earlier: versions
            .iter()
            .rev()
            .skip(1)
            .rev()
            .map(|v| v.text.clone())
            .collect(),
        count: decided.count.clone(),
        tests: decided.tests,
        words,
        awaiting,
        review: decided.review,
        note: decided.notes.first().copied(),
    })
}
