//! The rules a decision segment is held to, as the plan writes them, and
//! each rule in words, so whatever shows a decision can say the rule it
//! applies.
//!
//! Plan fields (all optional, all on `Decision` segments only):
//! `method: Consensus`, `fallback: Majority("2/3")`, `after_rounds: 2`,
//! `quorum: 8`, `stand_asides_max: 2`, `anonymous: true`,
//! `fist_to_five: (adopt: 3, discuss: 2)`. Values that cannot be right (a
//! share of "5/3", a quorum of 0) are refused while reading, so the error
//! names the line and column.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::plan::Segment;

/// How a group tests for agreement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Method {
    /// Agree, agree with a concern, stand aside or block.
    #[default]
    Consensus,
    /// Sociocratic consent: is there a reasoned objection?
    Consent,
    /// Each person shows 0 (block) to 5 (champion) fingers.
    FistToFive,
    /// An eight-point scale from full endorsement to veto.
    GradientsOfAgreement,
}

impl Method {
    pub const ALL: [Method; 4] = [
        Method::Consensus,
        Method::Consent,
        Method::FistToFive,
        Method::GradientsOfAgreement,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Method::Consensus => "consensus",
            Method::Consent => "consent",
            Method::FistToFive => "fist to five",
            Method::GradientsOfAgreement => "gradients of agreement",
        }
    }
}

/// What the group agreed beforehand to do when its method does not carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Fallback {
    /// A vote of yes or no, carried by this share of those here who take a
    /// side.
    Majority(Share),
}

impl Fallback {
    /// "a two-thirds majority".
    pub fn label(self) -> String {
        match self {
            Fallback::Majority(share) => format!("{} majority", share.label()),
        }
    }
}

/// The share of yes votes a majority needs: "simple" (more than half) or
/// "p/q" (at least p/q).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Share {
    Simple,
    AtLeast { num: u32, den: u32 },
}

impl Share {
    /// Whether `yes` of `yes + no` is enough. Nobody taking a side never is.
    pub fn carries(self, yes: u32, no: u32) -> bool {
        let (yes, all) = (u64::from(yes), u64::from(yes) + u64::from(no));
        if all == 0 {
            return false;
        }
        match self {
            Share::Simple => yes * 2 > all,
            Share::AtLeast { num, den } => yes * u64::from(den) >= u64::from(num) * all,
        }
    }

    /// The fewest yes votes that carry when `sides` people take a side.
    pub fn needed(self, sides: u32) -> u32 {
        (0..=sides)
            .find(|yes| self.carries(*yes, sides - yes))
            .unwrap_or(sides)
    }

    /// "a two-thirds", "a simple", "a 3/5".
    pub fn label(self) -> String {
        match self {
            Share::Simple => "a simple".into(),
            Share::AtLeast { num: 2, den: 3 } => "a two-thirds".into(),
            Share::AtLeast { num: 3, den: 4 } => "a three-quarters".into(),
            Share::AtLeast { num, den } => format!("a {num}/{den}"),
        }
    }

    /// The rule in words: "at least 2/3 of those taking a side".
    pub fn rule(self) -> String {
        match self {
            Share::Simple => "more than half of those taking a side".into(),
            Share::AtLeast { num, den } => format!("at least {num}/{den} of those taking a side"),
        }
    }
}

impl TryFrom<String> for Share {
    type Error = String;

    fn try_from(text: String) -> Result<Share, String> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("simple") {
            return Ok(Share::Simple);
        }
        let bad = || {
            format!(
                "{t:?} is not a share; write \"simple\" (more than half) or a fraction like \"2/3\""
            )
        };
        let (num, den) = t.split_once('/').ok_or_else(bad)?;
        let (num, den): (u32, u32) = (
            num.trim().parse().map_err(|_| bad())?,
            den.trim().parse().map_err(|_| bad())?,
        );
        if num == 0 || den == 0 || num > den || den > 100 {
            return Err(format!(
                "{t:?} is not a share between 0 and 1 (write e.g. \"2/3\" or \"3/4\")"
            ));
        }
        if num * 2 <= den {
            return Err(format!(
                "{t:?} is half or less: two sides could both carry it; write \"simple\" for more than half"
            ));
        }
        Ok(Share::AtLeast { num, den })
    }
}

impl From<Share> for String {
    fn from(share: Share) -> String {
        share.to_string()
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Share::Simple => f.write_str("simple"),
            Share::AtLeast { num, den } => write!(f, "{num}/{den}"),
        }
    }
}

/// The fist-to-five rule: anyone at or below `discuss` is asked what would
/// bring them up; adopted when everyone shows at least `adopt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "FistToFiveText")]
pub struct FistToFive {
    pub adopt: u8,
    pub discuss: u8,
}

impl Default for FistToFive {
    fn default() -> FistToFive {
        FistToFive {
            adopt: 3,
            discuss: 2,
        }
    }
}

/// `FistToFive` as written, before its numbers are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FistToFiveText {
    #[serde(default)]
    adopt: Option<u8>,
    #[serde(default)]
    discuss: Option<u8>,
}

impl TryFrom<FistToFiveText> for FistToFive {
    type Error = String;

    fn try_from(t: FistToFiveText) -> Result<FistToFive, String> {
        let d = FistToFive::default();
        let adopt = t.adopt.unwrap_or(d.adopt);
        let discuss = t.discuss.unwrap_or(adopt.saturating_sub(1).min(d.discuss));
        if !(1..=5).contains(&adopt) {
            return Err(format!("fist to five: adopt is {adopt}, it must be 1 to 5"));
        }
        if discuss >= adopt {
            return Err(format!(
                "fist to five: discuss ({discuss}) must be below adopt ({adopt})"
            ));
        }
        Ok(FistToFive { adopt, discuss })
    }
}

/// Tests that must fail before the fallback is offered, when the plan
/// names a fallback but not `after_rounds`.
pub const DEFAULT_AFTER_ROUNDS: u32 = 2;

/// Everything a decision segment is held to, with the defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub method: Method,
    /// Whether the plan named the method (else consensus is assumed).
    pub method_named: bool,
    pub fallback: Option<Fallback>,
    /// Failed tests before the fallback is offered.
    pub after_rounds: u32,
    /// People who must be here for anything to be decided.
    pub quorum: Option<u32>,
    /// Stand-asides above this many are flagged (consensus).
    pub stand_asides_max: Option<u32>,
    /// Positions are counted, never named (hands or cards).
    pub anonymous: bool,
    pub fist: FistToFive,
    /// A spokes council: counted by group, through the delegates.
    pub spokes: bool,
}

impl Rules {
    pub fn of(segment: &Segment) -> Rules {
        Rules {
            method: segment.method.unwrap_or_default(),
            method_named: segment.method.is_some(),
            fallback: segment.fallback,
            after_rounds: segment.after_rounds.unwrap_or(DEFAULT_AFTER_ROUNDS),
            quorum: segment.quorum,
            stand_asides_max: segment.stand_asides_max,
            anonymous: segment.anonymous,
            fist: segment.fist_to_five.unwrap_or_default(),
            spokes: segment.spokes,
        }
    }

    /// The method's rule in one sentence or two.
    pub fn method_rule(&self) -> String {
        let assumed = if self.method_named {
            ""
        } else {
            " (the plan names no method)"
        };
        let rule = match self.method {
            Method::Consensus => {
                let mut r = "Consensus: each person agrees, agrees with a concern, stands aside \
                             or blocks. One block stops adoption."
                    .to_string();
                if let Some(max) = self.stand_asides_max {
                    r.push_str(&format!(
                        " More than {max} stand-aside{} is a signal to revisit.",
                        if max == 1 { "" } else { "s" }
                    ));
                }
                r
            }
            Method::Consent => "Consent: not \"do you like it\" but \"is there a reasoned \
                                objection\". Each objection is worked until resolved or \
                                withdrawn; adopted when none is open, good enough for now and \
                                safe enough to try, with a date to review it."
                .to_string(),
            Method::FistToFive => format!(
                "Fist to five: 0 blocks, 5 champions. Anyone at {} or below is asked what \
                 would bring them up; adopted when everyone shows {} or more.",
                self.fist.discuss, self.fist.adopt
            ),
            Method::GradientsOfAgreement => "Gradients of agreement: 1 (full endorsement) to 8 \
                                             (veto). A veto stops it; adopted when more than \
                                             half of the positions are 1 to 3."
                .to_string(),
        };
        format!("{rule}{assumed}")
    }

    /// The fallback's rule, when the plan has one.
    pub fn fallback_rule(&self) -> Option<String> {
        self.fallback_terms()
            .map(|t| format!("Fallback agreed beforehand: {t}"))
    }

    /// The fallback's terms: "a two-thirds majority (yes needs ...),
    /// offered only after 2 tests that did not carry."
    pub fn fallback_terms(&self) -> Option<String> {
        let Fallback::Majority(share) = self.fallback?;
        let tests = match self.after_rounds {
            1 => "1 test".to_string(),
            n => format!("{n} tests"),
        };
        Some(format!(
            "{} (yes needs {}), offered only after {tests} that did not carry.",
            Fallback::Majority(share).label(),
            share.rule()
        ))
    }

    /// Who is counted, and how.
    pub fn counting_rule(&self) -> String {
        if self.spokes {
            let mut r = "Counted by group: each group's delegates give its position, one per \
                         group. Where the group's mandate is open (the question was never \
                         discussed), the position is indicative: counted apart until the group \
                         ratifies it."
                .to_string();
            if let Some(q) = self.quorum {
                r.push_str(&format!(" Quorum: {q} groups."));
            }
            return r;
        }
        let mut r = "Counted over who is marked here; passing is no position, never counted \
                     against anyone."
            .to_string();
        if let Some(q) = self.quorum {
            r.push_str(&format!(" Quorum: {q} here."));
        }
        if self.anonymous {
            r.push_str(" Counts only, no names.");
        }
        r
    }

    /// Every rule that applies, one per line: what a screen states.
    pub fn text(&self) -> Vec<String> {
        let mut out = vec![self.method_rule()];
        out.extend(self.fallback_rule());
        out.push(self.counting_rule());
        out
    }
}

/// Serde adapter for counts that must be at least 1 (a quorum, a number of
/// tests): refused while reading, so the error names line and column.
pub mod serde_at_least_one {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(n: &Option<u32>, s: S) -> Result<S::Ok, S::Error> {
        match n {
            Some(n) => s.serialize_some(n),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        match Option::<u32>::deserialize(d)? {
            Some(0) => Err(serde::de::Error::custom("it must be at least 1, not 0")),
            n => Ok(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_read_as_written_and_refuse_nonsense() {
        assert_eq!(
            Share::try_from("2/3".to_string()),
            Ok(Share::AtLeast { num: 2, den: 3 })
        );
        assert_eq!(Share::try_from(" Simple ".to_string()), Ok(Share::Simple));
        for bad in ["", "two thirds", "5/3", "0/3", "1/2", "2/0", "2/3/4"] {
            assert!(Share::try_from(bad.to_string()).is_err(), "{bad:?}");
        }
        assert_eq!(String::from(Share::AtLeast { num: 3, den: 4 }), "3/4");
    }

    #[test]
    fn a_share_carries_at_its_threshold() {
        let two_thirds = Share::AtLeast { num: 2, den: 3 };
        assert!(two_thirds.carries(10, 5));
        assert!(!two_thirds.carries(9, 6));
        assert!(!two_thirds.carries(0, 0), "nobody voting never carries");
        assert_eq!(two_thirds.needed(15), 10);
        assert_eq!(two_thirds.needed(14), 10);
        assert!(Share::Simple.carries(3, 2));
        assert!(!Share::Simple.carries(2, 2), "a tie is not a majority");
        assert_eq!(Share::Simple.needed(4), 3);
    }

    #[test]
    fn each_method_states_its_rule() {
        let mut s = Segment::new(
            "Decide",
            crate::core::plan::SegmentKind::Decision,
            jiff::SignedDuration::from_mins(20),
        );
        let rules = Rules::of(&s);
        assert_eq!(rules.method, Method::Consensus);
        assert!(rules.method_rule().contains("One block stops adoption"));
        assert!(rules.method_rule().ends_with("(the plan names no method)"));
        assert_eq!(rules.fallback_rule(), None);
        s.method = Some(Method::FistToFive);
        s.fist_to_five = Some(FistToFive {
            adopt: 3,
            discuss: 1,
        });
        s.fallback = Some(Fallback::Majority(Share::AtLeast { num: 2, den: 3 }));
        s.quorum = Some(8);
        let rules = Rules::of(&s);
        assert_eq!(
            rules.text(),
            [
                "Fist to five: 0 blocks, 5 champions. Anyone at 1 or below is asked what would \
                 bring them up; adopted when everyone shows 3 or more.",
                "Fallback agreed beforehand: a two-thirds majority (yes needs at least 2/3 of \
                 those taking a side), offered only after 2 tests that did not carry.",
                "Counted over who is marked here; passing is no position, never counted against \
                 anyone. Quorum: 8 here.",
            ]
        );
        for m in Method::ALL {
            s.method = Some(m);
            assert!(Rules::of(&s).method_rule().starts_with(&{
                let l = m.label();
                let mut c = l.chars();
                c.next()
                    .unwrap()
                    .to_uppercase()
                    .chain(c)
                    .collect::<String>()
            }));
        }
    }
}
