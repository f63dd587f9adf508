//! Positions people take in a test for agreement, for every method, and
//! passing, which is a position too but never a vote.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::rules::Method;
use crate::core::person::PersonId;

/// One position, without the words that may come with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    /// Consensus: I agree.
    Agree,
    /// Consensus: I agree, with a concern to be minuted or met later.
    Concern,
    /// Consensus: I won't stop this, but I won't take part in it.
    StandAside,
    /// Consensus: a principled objection that stops the proposal.
    Block,
    /// Consent: no objection; good enough for now, safe enough to try.
    Consent,
    /// Consent: a reasoned objection, to be worked until resolved or withdrawn.
    Objection,
    /// Fist to five: 0 (block) to 5 (champion).
    Fingers(u8),
    /// Gradients of agreement: 1 (full endorsement) to 8 (veto).
    Gradient(u8),
    /// A fallback vote: yes.
    Yes,
    /// A fallback vote: no.
    No,
    /// No position: passing, recorded and never counted against anyone.
    Pass,
}

/// The eight gradients of agreement, strongest support first.
pub const GRADIENTS: [&str; 8] = [
    "full endorsement",
    "agree, with a small quibble",
    "can live with it",
    "no opinion",
    "need more discussion",
    "don't like it, won't hold it up",
    "serious disagreement",
    "veto",
];

/// The highest number of fingers.
pub const CHAMPION: u8 = 5;

impl Stance {
    /// What a person says, as a short label for a list or a chart.
    pub fn label(self) -> String {
        match self {
            Stance::Agree => "agree".into(),
            Stance::Concern => "concern".into(),
            Stance::StandAside => "stand aside".into(),
            Stance::Block => "block".into(),
            Stance::Consent => "no objection".into(),
            Stance::Objection => "objection".into(),
            Stance::Fingers(n) => format!("{n}"),
            Stance::Gradient(n) => format!(
                "{n} {}",
                GRADIENTS
                    .get(usize::from(n).wrapping_sub(1))
                    .unwrap_or(&"?")
            ),
            Stance::Yes => "yes".into(),
            Stance::No => "no".into(),
            Stance::Pass => "no position".into(),
        }
    }

    /// Whether the person is asked for words with it: a concern, a reason
    /// for standing aside or blocking, an objection.
    pub fn asks_for_words(self) -> bool {
        matches!(
            self,
            Stance::Concern | Stance::StandAside | Stance::Block | Stance::Objection
        )
    }

    /// Whether it is a real position in a valid range (fingers 0-5,
    /// gradients 1-8).
    pub fn is_valid(self) -> bool {
        match self {
            Stance::Fingers(n) => n <= CHAMPION,
            Stance::Gradient(n) => (1..=8).contains(&n),
            _ => true,
        }
    }
}

impl Method {
    /// The positions a test by this method offers, in the order a screen
    /// lists them (passing last).
    pub fn stances(self) -> Vec<Stance> {
        let mut out = match self {
            Method::Consensus => vec![
                Stance::Agree,
                Stance::Concern,
                Stance::StandAside,
                Stance::Block,
            ],
            Method::Consent => vec![Stance::Consent, Stance::Objection],
            Method::FistToFive => (0..=CHAMPION).map(Stance::Fingers).collect(),
            Method::GradientsOfAgreement => (1..=8).map(Stance::Gradient).collect(),
        };
        out.push(Stance::Pass);
        out
    }
}

/// The positions of a fallback vote.
pub const FALLBACK_STANCES: [Stance; 3] = [Stance::Yes, Stance::No, Stance::Pass];

/// A position someone gives for a group that never discussed the question:
/// what they expect their group to say. It is counted apart and only counts
/// once the group ratifies it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicative {
    pub group: String,
    /// When the group is to ratify it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Date>,
}

/// How an objection was worked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Settled {
    /// Met, usually by an amendment; the words say how.
    Resolved(String),
    Withdrawn,
}

/// One person's position in a test, with their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub person: PersonId,
    pub stance: Stance,
    /// The concern, reason or objection, as typed (may be empty).
    pub text: String,
    pub indicative: Option<Indicative>,
    /// An objection's working, once settled.
    pub settled: Option<Settled>,
    /// In a spokes council, the group it is the position of.
    pub group: Option<String>,
}

/// A position as the facilitator enters it, before it is logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub person: PersonId,
    pub stance: Stance,
    pub text: String,
    pub indicative: Option<Indicative>,
}

impl Given {
    pub fn new(person: PersonId, stance: Stance) -> Given {
        Given {
            person,
            stance,
            text: String::new(),
            indicative: None,
        }
    }

    /// With the concern, reason or objection.
    pub fn words(mut self, text: impl Into<String>) -> Given {
        self.text = text.into();
        self
    }

    /// As an indicative position for a group, to be ratified by a date.
    pub fn indicative(mut self, group: impl Into<String>, by: Option<Date>) -> Given {
        self.indicative = Some(Indicative {
            group: group.into(),
            by,
        });
        self
    }
}

/// Words given without a name (counts-only tests): a concern, a reason or
/// an objection. Each stands for one hand of its stance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remark {
    pub stance: Stance,
    pub text: String,
    pub settled: Option<Settled>,
}
