//! The session's log: an append-only list of what happened, and when.
//!
//! Live state is never stored; it is derived by replaying this log (see
//! `state`). That gives exact resume after a crash, undo, actual against
//! planned times, and the harvest, from one source of truth.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::breakout::BreakoutEvent;
use super::decision::DecisionEvent;
use super::guide::GuideEvent;
use super::note::NoteEvent;
use super::person::PeopleEvent;
use super::round::RoundEvent;
use super::run::RunEvent;
use super::stack::StackEvent;

/// One logged event with the wall-clock time it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub at: Timestamp,
    pub event: Event,
}

/// Everything that can happen in a session, grouped by what it touches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    Run(RunEvent),
    People(PeopleEvent),
    Round(RoundEvent),
    Stack(StackEvent),
    Note(NoteEvent),
    Guide(GuideEvent),
    /// A decision: its proposal, phases, positions and outcome.
    Decision(DecisionEvent),
    /// A breakout or a report-back: groups, delegates, mandates, reports.
    Breakout(BreakoutEvent),
    /// Takes back the latest event still in effect within the scope.
    Undo(Scope),
    /// The facilitator closed the session; it is finished.
    Closed,
}

/// What an undo reaches back into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Any,
    /// Everything of the run: plan edits and the clock (start, pause, next).
    Run,
    /// Plan edits only (moves, skips, time boxes, inserted segments): the
    /// Plan screen's undo never touches the clock.
    Plan,
    People,
    Round,
    Stack,
    Notes,
    /// What the guides logged (greetings, steps, groups, prompts, phases,
    /// and everything of a decision or a breakout).
    Guide,
    /// Decisions only: proposals, positions, outcomes.
    Decision,
    /// Breakouts and report-backs only: groups, moves, delegates,
    /// mandates, reports.
    Breakout,
}

impl Event {
    /// Whether an undo in this scope may take this event back.
    pub fn in_scope(&self, scope: Scope) -> bool {
        match (self, scope) {
            (Event::Undo(_) | Event::Closed, _) => false,
            (_, Scope::Any) => true,
            (Event::Run(_), Scope::Run) => true,
            (Event::Run(ev), Scope::Plan) => ev.is_plan_edit(),
            (Event::People(_), Scope::People) => true,
            (Event::Round(_), Scope::Round) => true,
            (Event::Stack(_), Scope::Stack) => true,
            (Event::Note(_), Scope::Notes) => true,
            (Event::Guide(_), Scope::Guide) => true,
            (Event::Decision(_), Scope::Guide | Scope::Decision) => true,
            (Event::Breakout(_), Scope::Guide | Scope::Breakout) => true,
            _ => false,
        }
    }
}

/// Whether an undo in `scope` would take anything back now.
pub fn can_undo(log: &[Entry], scope: Scope) -> bool {
    effective(log).iter().any(|e| e.event.in_scope(scope))
}

/// The entries still in effect once every undo has taken its event back.
pub fn effective(log: &[Entry]) -> Vec<&Entry> {
    let mut kept: Vec<&Entry> = Vec::with_capacity(log.len());
    // Nothing before a close can be taken back: an ended session stays ended.
    let mut floor = 0;
    for entry in log {
        match entry.event {
            Event::Undo(scope) => {
                if let Some(i) = kept[floor..].iter().rposition(|e| e.event.in_scope(scope)) {
                    kept.remove(floor + i);
                }
            }
            Event::Closed => {
                kept.push(entry);
                floor = kept.len();
            }
            _ => kept.push(entry),
        }
    }
    kept
}
