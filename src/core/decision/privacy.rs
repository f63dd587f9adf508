//! Whose position was whose stays in the circle.
//!
//! Counts are shared; the words of a concern, a stand-aside, a block or an
//! objection may be minuted; the name attached to a position leaves the
//! circle only if the people concerned consent. Until a consent ledger
//! answers that question, the answer is no: every harvest and every note a
//! decision leaves carries counts and words, never names.

use crate::core::run::SegmentId;
use crate::core::state::State;

/// Whether the names attached to positions in this decision may leave the
/// circle (a harvest, an export). The one place to ask: a consent ledger
/// answers it here, per decision, once the group has given its consent.
pub fn names_may_leave(_state: &State, _segment: SegmentId) -> bool {
    false
}
