//! What a method's rule says of a tally, and when the fallback is offered.
//!
//! The quorum comes first: below it nothing carries, by any method or by
//! the fallback. Indicative positions never decide anything until their
//! groups ratify them.

use super::rules::{Fallback, Method, Rules};
use super::stance::{Placed, Stance};
use super::tally::Tally;
use super::{Decision, Test};
use crate::core::person::People;
use crate::core::round::present;

/// The rule's reading of a tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nobody has taken a position yet.
    Waiting,
    NoQuorum {
        here: u32,
        quorum: u32,
    },
    /// The proposal can be adopted.
    Carries {
        stand_asides: u32,
    },
    /// Something stops adoption.
    Stopped(Stop),
    /// Nothing stops it, but the rule is not met.
    Short(Short),
}

/// What stops a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Blocks(u32),
    /// Consent: objections not yet resolved or withdrawn.
    Objections(u32),
    Vetoes(u32),
    /// Fist to five: people at or below the discussion line.
    Low {
        count: u32,
        at_most: u8,
    },
}

/// How a proposal falls short of its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Short {
    /// Consensus: nobody agrees (only stand-asides).
    NoAgreement,
    /// Fist to five: people below the adoption line.
    BelowAdopt { count: u32, adopt: u8 },
    /// Gradients: too few positions from 1 to 3.
    Support { within: u32, of: u32 },
    /// The fallback vote: too few yes votes.
    Majority { yes: u32, no: u32, needed: u32 },
}

impl Verdict {
    pub fn carries(self) -> bool {
        matches!(self, Verdict::Carries { .. })
    }

    /// A block, veto or open objection: the outcome may be recorded as
    /// blocked.
    pub fn blocked(self) -> bool {
        matches!(
            self,
            Verdict::Stopped(Stop::Blocks(_) | Stop::Vetoes(_) | Stop::Objections(_))
        )
    }

    /// The reading in a sentence, for the screen.
    pub fn line(self) -> String {
        let s = |n: u32| if n == 1 { "" } else { "s" };
        match self {
            Verdict::Waiting => "No positions yet.".into(),
            Verdict::NoQuorum { here, quorum } => {
                format!("No quorum: {here} here, {quorum} needed. Nothing can be decided.")
            }
            Verdict::Carries { stand_asides: 0 } => "Carries: it can be adopted.".into(),
            Verdict::Carries { stand_asides: n } => {
                format!("Carries, with {n} stand-aside{}.", s(n))
            }
            Verdict::Stopped(Stop::Blocks(n)) => {
                format!(
                    "{n} block{} stop{} adoption.",
                    s(n),
                    if n == 1 { "s" } else { "" }
                )
            }
            Verdict::Stopped(Stop::Objections(n)) => {
                format!("{n} objection{} still open: work each one.", s(n))
            }
            Verdict::Stopped(Stop::Vetoes(n)) => {
                format!(
                    "{n} veto{} stop{} it.",
                    if n == 1 { "" } else { "es" },
                    if n == 1 { "s" } else { "" }
                )
            }
            Verdict::Stopped(Stop::Low { count, at_most }) => {
                format!("{count} at {at_most} or below: ask what would bring them up.")
            }
            Verdict::Short(Short::NoAgreement) => "Nobody agrees: it does not carry.".into(),
            Verdict::Short(Short::BelowAdopt { count, adopt }) => {
                format!("{count} below {adopt}: not adopted yet.")
            }
            Verdict::Short(Short::Support { within, of }) => {
                format!("{within} of {of} at 1 to 3: more than half are needed.")
            }
            Verdict::Short(Short::Majority { yes, no, needed }) => {
                format!("{yes} yes, {no} no: {needed} yes needed.")
            }
        }
    }
}

/// The method's rule over a tally; `open_objections` counts objections of
/// people here still being worked (consent).
pub fn verdict(rules: &Rules, tally: &Tally, open_objections: u32) -> Verdict {
    if let Some(quorum) = rules.quorum.filter(|q| tally.here < *q) {
        return Verdict::NoQuorum {
            here: tally.here,
            quorum,
        };
    }
    if tally.taken() == 0 {
        return Verdict::Waiting;
    }
    let of = |s| tally.of(s);
    match rules.method {
        Method::Consensus => {
            if of(Stance::Block) > 0 {
                Verdict::Stopped(Stop::Blocks(of(Stance::Block)))
            } else if of(Stance::Agree) + of(Stance::Concern) == 0 {
                Verdict::Short(Short::NoAgreement)
            } else {
                Verdict::Carries {
                    stand_asides: of(Stance::StandAside),
                }
            }
        }
        Method::Consent => {
            if open_objections > 0 {
                Verdict::Stopped(Stop::Objections(open_objections))
            } else {
                Verdict::Carries { stand_asides: 0 }
            }
        }
        Method::FistToFive => {
            let at_or_below = |max: u8| (0..=max).map(|n| of(Stance::Fingers(n))).sum::<u32>();
            let low = at_or_below(rules.fist.discuss);
            let below = at_or_below(rules.fist.adopt.saturating_sub(1));
            if low > 0 {
                Verdict::Stopped(Stop::Low {
                    count: low,
                    at_most: rules.fist.discuss,
                })
            } else if below > 0 {
                Verdict::Short(Short::BelowAdopt {
                    count: below,
                    adopt: rules.fist.adopt,
                })
            } else {
                Verdict::Carries { stand_asides: 0 }
            }
        }
        Method::GradientsOfAgreement => {
            let vetoes = of(Stance::Gradient(8));
            let within: u32 = (1..=3).map(|n| of(Stance::Gradient(n))).sum();
            if vetoes > 0 {
                Verdict::Stopped(Stop::Vetoes(vetoes))
            } else if within * 2 > tally.taken() {
                Verdict::Carries { stand_asides: 0 }
            } else {
                Verdict::Short(Short::Support {
                    within,
                    of: tally.taken(),
                })
            }
        }
    }
}

/// The fallback vote's reading: the agreed share of yes among those here
/// taking a side, with the quorum.
pub fn fallback_verdict(rules: &Rules, tally: &Tally) -> Verdict {
    if let Some(quorum) = rules.quorum.filter(|q| tally.here < *q) {
        return Verdict::NoQuorum {
            here: tally.here,
            quorum,
        };
    }
    let (yes, no) = (tally.of(Stance::Yes), tally.of(Stance::No));
    let Some(Fallback::Majority(share)) = rules.fallback else {
        return Verdict::Waiting;
    };
    if yes + no == 0 {
        Verdict::Waiting
    } else if share.carries(yes, no) {
        Verdict::Carries { stand_asides: 0 }
    } else {
        Verdict::Short(Short::Majority {
            yes,
            no,
            needed: share.needed(yes + no),
        })
    }
}

/// Consent: objections of people here not yet resolved or withdrawn,
/// named or not (indicative ones aside).
pub fn open_objections(test: &Test, people: &People) -> u32 {
    let here = present(people);
    let named = open_named(test, |p| here.iter().any(|h| h.id == p.person));
    let hands = test.hands(Stance::Objection);
    let settled = test
        .remarks
        .iter()
        .filter(|r| r.stance == Stance::Objection && r.settled.is_some())
        .count();
    let unnamed = hands.saturating_sub(u32::try_from(settled).unwrap_or(u32::MAX));
    named.saturating_add(unnamed)
}

/// A spokes council: objections of the groups counted not yet resolved or
/// withdrawn (indicative ones aside).
pub fn open_objections_by_group(test: &Test, groups: &[String]) -> u32 {
    open_named(test, |p| {
        p.group
            .as_deref()
            .is_some_and(|g| groups.iter().any(|x| x.eq_ignore_ascii_case(g)))
    })
}

/// Objections given by name, counted where `counts` says, still open.
fn open_named(test: &Test, counts: impl Fn(&Placed) -> bool) -> u32 {
    let n = test
        .positions
        .iter()
        .filter(|p| {
            p.stance == Stance::Objection
                && p.settled.is_none()
                && p.indicative.is_none()
                && counts(p)
        })
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether the fallback may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// The plan agreed no fallback.
    None,
    /// Offered only after this many more tests that do not carry.
    After(u32),
    /// May be opened now.
    Offered,
    /// The fallback vote is on.
    Open,
}

impl Offer {
    pub fn line(self, rules: &Rules) -> Option<String> {
        let label = rules.fallback?.label();
        Some(match self {
            Offer::None => return None,
            Offer::After(1) => {
                format!("Fallback ({label}): after 1 more test that does not carry.")
            }
            Offer::After(n) => {
                format!("Fallback ({label}): after {n} more tests that do not carry.")
            }
            Offer::Offered => format!("Fallback ({label}) may be used now, as agreed beforehand."),
            Offer::Open => format!("Fallback vote ({label}) is on."),
        })
    }
}

/// When the fallback is offered: only after the set number of tests did
/// not carry, the open one counting once anything stops or fails it.
pub fn fallback_offer(rules: &Rules, decision: &Decision, current: Verdict) -> Offer {
    if rules.fallback.is_none() {
        return Offer::None;
    }
    if decision.open_test().is_some_and(|t| t.fallback) {
        return Offer::Open;
    }
    let open_failed = decision.open_test().is_some_and(|t| !t.fallback)
        && matches!(current, Verdict::Stopped(_) | Verdict::Short(_));
    let failed = decision.failed_tests() + u32::from(open_failed);
    match rules.after_rounds.saturating_sub(failed) {
        0 => Offer::Offered,
        n => Offer::After(n),
    }
}
