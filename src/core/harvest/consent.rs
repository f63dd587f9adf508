//! What the harvest says about consent, and whom it may name.
//!
//! - A shared note that needed consent carries its record: on what basis,
//!   how many had to agree, and each agreement with its time.
//! - A confidential segment is named by its kind and length only ("a
//!   confidential conversation, 1h 05m") unless everyone it needs agreed to
//!   name it; then its title, voices and matter are shown.
//! - Anyone who was in a confidential segment is named nowhere (who took
//!   part, owners, follow-ups, airtime, note text, titles) unless they agreed
//!   to be named; they are counted, and shown as "Person N" where text needs
//!   someone.

use std::collections::HashSet;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::core::consent::{Ask, Basis, Subject};
use crate::core::duration::friendly;
use crate::core::person::PersonId;
use crate::core::plan::Segment;
use crate::core::run::SegmentId;
use crate::core::state::State;

/// The consent a shared note (or a named segment) rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub basis: Basis,
    /// How many had to agree; all of them did.
    pub of: usize,
    /// Each agreement, in the order given.
    pub agreed: Vec<Agreed>,
}

/// One agreement: the name only where the person may be named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreed {
    pub name: Option<String>,
    pub at: Timestamp,
}

impl Consent {
    /// From a complete ask; `name` gives a name where one may be shown.
    pub fn from_ask(ask: &Ask, name: impl Fn(PersonId) -> Option<String>) -> Consent {
        let mut agreed: Vec<(Timestamp, PersonId)> = ask
            .people
            .iter()
            .filter_map(|a| Some((a.agreed?, a.person)))
            .collect();
        agreed.sort();
        Consent {
            basis: ask.basis,
            of: ask.people.len(),
            agreed: agreed
                .into_iter()
                .map(|(at, person)| Agreed {
                    name: name(person),
                    at,
                })
                .collect(),
        }
    }

    /// "the consent of 4 of 4 present".
    pub fn phrase(&self) -> String {
        let whom = match self.basis {
            Basis::Everyone => "present",
            Basis::Parties => "voices of the conversation",
            Basis::Named => "people it is about",
        };
        format!("the consent of {} of {} {whom}", self.agreed.len(), self.of)
    }
}

/// People who were in a confidential segment and did not agree to be named.
pub fn not_to_name(state: &State) -> HashSet<PersonId> {
    state
        .people_of_confidential()
        .into_iter()
        .filter(|p| !state.consent.may_name(*p))
        .collect()
}

/// Whether everyone a confidential segment needs agreed to name it.
pub fn may_name_segment(state: &State, id: SegmentId) -> bool {
    state
        .ask(Subject::Segment(id))
        .is_some_and(|ask| ask.complete())
}

/// "A confidential conversation": what an unnamed segment is called.
pub fn unnamed_title(segment: &Segment) -> String {
    let mut title = segment.unnamed();
    title[..1].make_ascii_uppercase();
    title
}

/// "a confidential conversation, 1h 5m": an unnamed segment where a note
/// says where it was taken.
pub fn unnamed_during(segment: &Segment, length: SignedDuration) -> String {
    format!("{}, {}", segment.unnamed(), friendly(length))
}
