//! The groups a spokes council counts: those of the breakout before it,
//! each with its delegates and its mandate on the council's question (its
//! `prompt`, else its title).

use super::GroupRef;
use super::mandate::Mandate;
use super::plan::{breakout_in_run, spokes_question};
use crate::core::person::PersonId;
use crate::core::run::SegmentId;
use crate::core::state::State;

/// One group in a spokes council.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spoke {
    pub group: GroupRef,
    pub name: String,
    pub delegates: Vec<PersonId>,
    /// Its mandate on the question; `None`, never discussed, counts as open.
    pub mandate: Option<Mandate>,
}

/// The groups counted by the spokes council in `segment`: every group of
/// the breakout before it with anyone in it, in group order. `None` when
/// there is no breakout before it.
pub fn spokes(state: &State, segment: SegmentId) -> Option<Vec<Spoke>> {
    let question = spokes_question(state.run.segment(segment)?);
    let breakout = breakout_in_run(&state.run, segment)?;
    let b = state.breakouts.or_planned(breakout, &state.run);
    Some(
        b.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| !g.people.is_empty() || !g.delegates.is_empty())
            .map(|(i, g)| Spoke {
                group: GroupRef {
                    breakout,
                    group: i as u32,
                },
                name: g.name.clone(),
                delegates: g.delegates.clone(),
                mandate: g.mandate(question).map(|m| m.mandate.clone()),
            })
            .collect(),
    )
}
