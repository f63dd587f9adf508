//! Whose position was whose stays in the circle.
//!
//! Counts are shared; the words of a concern, a stand-aside, a block or an
//! objection may be minuted; the name attached to a position leaves the
//! circle only if the people concerned consent: everyone who took a
//! position agreed (`consent::Subject::Positions`). Until then every
//! harvest and every note a decision leaves carries counts and words, never
//! names.

use crate::core::consent::Subject;
use crate::core::run::SegmentId;
use crate::core::state::State;

/// Whether the names attached to positions in this decision may leave the
/// circle (a harvest, an export): only once everyone who took a position
/// agreed to be named with it.
pub fn names_may_leave(state: &State, segment: SegmentId) -> bool {
    state
        .ask(Subject::Positions(segment))
        .is_some_and(|ask| ask.complete())
}
