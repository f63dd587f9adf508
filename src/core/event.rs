//! The session's log: an append-only list of what happened, and when.
//!
//! Live state is never stored; it is derived by replaying this log (see
//! `state`, and `timeline`, which keeps log, state and undo together). That
//! gives exact resume after a crash, undo, actual against planned times, and
//! the harvest, from one source of truth.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::breakout::BreakoutEvent;
use super::consent::ConsentEvent;
use super::decision::DecisionEvent;
use super::guide::GuideEvent;
use super::note::NoteEvent;
use super::person::PeopleEvent;
use super::roles::RoleEvent;
use super::room_view::RoomView;
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
    /// Someone agreed to share a note or a name, or took it back.
    Consent(ConsentEvent),
    /// A decision: its proposal, phases, positions and outcome.
    Decision(DecisionEvent),
    /// A breakout or a report-back: groups, delegates, mandates, reports.
    Breakout(BreakoutEvent),
    /// A role assigned, given up, volunteered for or drawn by lot.
    Roles(RoleEvent),
    /// The facilitator chose what the room sees (`circlekeeper follow`).
    /// Never undone: the next choice replaces it.
    Room(RoomView),
    /// Takes back the latest event still in effect within the scope.
    Undo(Scope),
    /// The facilitator closed the session; it is finished.
    Closed,
}

/// What an undo reaches back into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Any,
    /// Everything of the run: plan edits and the clock (start, pause, next).
    Run,
    /// Plan edits only (moves, skips, time boxes, inserted segments).
    Plan,
    People,
    Round,
    Stack,
    /// Notes, and consent to share them or a name.
    Notes,
    /// What the guides logged (greetings, steps, groups, prompts, phases,
    /// and everything of a decision or a breakout).
    Guide,
    /// Decisions only: proposals, positions, outcomes.
    Decision,
    /// Breakouts and report-backs only: groups, moves, delegates,
    /// mandates, reports.
    Breakout,
    /// What the Plan screen changes: plan edits and which segment is on (a
    /// jump, a start), never the clock's pauses or script lines. Its undo
    /// takes back a jump, so the segment it ended goes on.
    Course,
    /// Roles only: assignments, volunteers, draws.
    Roles,
}

impl Scope {
    pub const ALL: [Scope; 12] = [
        Scope::Any,
        Scope::Run,
        Scope::Plan,
        Scope::People,
        Scope::Round,
        Scope::Stack,
        Scope::Notes,
        Scope::Guide,
        Scope::Decision,
        Scope::Breakout,
        Scope::Course,
        Scope::Roles,
    ];

    /// Its place in `ALL`.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Event {
    /// Whether an undo in this scope may take this event back.
    pub fn in_scope(&self, scope: Scope) -> bool {
        match (self, scope) {
            (Event::Undo(_) | Event::Closed | Event::Room(_), _) => false,
            (_, Scope::Any) => true,
            (Event::Run(_), Scope::Run) => true,
            (Event::Run(ev), Scope::Plan) => ev.is_plan_edit(),
            (Event::Run(ev), Scope::Course) => {
                ev.is_plan_edit() || matches!(ev, RunEvent::Start(_))
            }
            (Event::People(_), Scope::People) => true,
            (Event::Round(_), Scope::Round) => true,
            (Event::Stack(_), Scope::Stack) => true,
            (Event::Note(_), Scope::Notes) => true,
            // Consent to share a note is given on the Notes screen, consent
            // to be named on the People screen: each screen's undo reaches
            // its own, never the other's.
            (Event::Consent(ev), Scope::Notes) => ev.is_about_a_note(),
            (Event::Consent(ev), Scope::People) => !ev.is_about_a_note(),
            (Event::Guide(_), Scope::Guide) => true,
            (Event::Decision(_), Scope::Guide | Scope::Decision) => true,
            (Event::Breakout(_), Scope::Guide | Scope::Breakout) => true,
            // Roles are handed out on the People screen, whose undo reaches them.
            (Event::Roles(_), Scope::People | Scope::Roles) => true,
            _ => false,
        }
    }
}
