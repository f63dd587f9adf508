//! Mandates: what a group sends its delegates back with, question by
//! question.
//!
//! An imperative mandate is the group's decided view: the delegate carries
//! it, nothing more. An open one says the group never discussed the
//! question: the delegate may give an indicative view (what they expect
//! their group to say), counted apart until the group ratifies it. A
//! question with no mandate recorded is treated as open.

use serde::{Deserialize, Serialize};

use super::{BreakoutEvent, GroupRef};
use crate::core::decision::record::Refused;
use crate::core::event::Event;
use crate::core::state::State;

/// A group's mandate on one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mandate {
    /// The group's decided view, in its words.
    Imperative(String),
    /// Not discussed: the delegate may give an indicative view.
    Open,
}

impl Mandate {
    pub fn is_imperative(&self) -> bool {
        matches!(self, Mandate::Imperative(_))
    }

    /// "imperative" or "open".
    pub fn kind_label(&self) -> &'static str {
        match self {
            Mandate::Imperative(_) => "imperative",
            Mandate::Open => "open",
        }
    }

    /// The mandate in a line: "imperative: yes, if the fund stays
    /// separate", "open: not discussed, an indicative view only".
    pub fn line(&self) -> String {
        match self {
            Mandate::Imperative(text) => format!("imperative: {}", text.trim()),
            Mandate::Open => "open: not discussed, an indicative view only".into(),
        }
    }
}

/// Records a group's mandate on a question, replacing any earlier one.
pub fn record(
    state: &State,
    group: GroupRef,
    question: &str,
    mandate: Mandate,
) -> Result<Event, Refused> {
    if super::group_now(state, group).is_none() {
        return Err(Refused("there is no such group".into()));
    }
    if question.trim().is_empty() {
        return Err(Refused("a mandate is on a question: name it".into()));
    }
    let mandate = match mandate {
        Mandate::Imperative(text) if text.trim().is_empty() => {
            return Err(Refused(
                "an imperative mandate carries the group's view: type it, or make it open".into(),
            ));
        }
        Mandate::Imperative(text) => Mandate::Imperative(text.trim().to_string()),
        Mandate::Open => Mandate::Open,
    };
    Ok(Event::Breakout(BreakoutEvent::Mandate {
        segment: group.breakout,
        group: group.group,
        question: question.trim().to_string(),
        mandate,
    }))
}
