//! Checks of decision segments: a method named, time for the rounds, a
//! fallback the group agreed before the question came up.

use super::{DECISION_NO_METHOD, DECISION_TIME, FALLBACK_UNAGREED, Finding};
use crate::core::breakout::plan::voices;
use crate::core::decision::phase::round_time;
use crate::core::decision::rules::Rules;
use crate::core::duration::friendly;
use crate::core::plan::{Cue, Plan, Segment, SegmentKind};

/// CK010: a decision segment that names no method (it will run as
/// consensus, but the group should know that beforehand).
pub(super) fn method_named(plan: &Plan) -> Vec<Finding> {
    decisions(plan)
        .filter(|(_, s)| s.method.is_none())
        .map(|(i, _)| {
            Finding::warning(
                DECISION_NO_METHOD,
                Some(i),
                "the decision names no method; it will run as consensus".into(),
                "add `method: Consensus` (or Consent, FistToFive, GradientsOfAgreement) so \
                 everyone knows the rule before the question comes up",
            )
        })
        .collect()
}

/// CK011: with the head count known, one round of reactions and the tests
/// (those before the fallback, and the fallback vote) take longer than
/// the time box. In a spokes council, only the delegates speak.
pub(super) fn rounds_fit(plan: &Plan, people: Option<u32>) -> Vec<Finding> {
    decisions(plan)
        .filter_map(|(i, s)| {
            let (n, who) = voices(&plan.segments, i, people)?;
            let t = round_time(s, n);
            (t.total > s.time).then(|| {
                let tests = match (t.tests, s.fallback.is_some()) {
                    (1, _) => format!("a test at {}", friendly(t.test)),
                    (k, true) => format!(
                        "{} and the fallback vote at {} each",
                        plural(k - 1, "test"),
                        friendly(t.test)
                    ),
                    (k, false) => format!("{k} tests at {} each", friendly(t.test)),
                };
                Finding::warning(
                    DECISION_TIME,
                    Some(i),
                    format!(
                        "{n} {who}: reactions at {} each ({} between) take {}, plus {tests}: \
                         {} of rounds, box is {}",
                        friendly(t.reaction),
                        friendly(t.gap),
                        friendly(t.reactions),
                        friendly(t.total),
                        friendly(s.time)
                    ),
                    format!(
                        "give it at least {} plus time for the proposal, questions and \
                         amendments, or take positions as a show of hands (`anonymous: true`)",
                        friendly(t.total)
                    ),
                )
            })
        })
        .collect()
}

/// CK012: a decision with a fallback, where no earlier segment agreed the
/// process. An earlier segment agrees it when its agreements, purpose,
/// title or script mentions the fallback, a majority or how we decide
/// (any case): "If we cannot agree after two tests, two thirds decide" is
/// enough. A fallback agreed at an earlier meeting is named that way too.
pub(super) fn fallback_agreed(plan: &Plan) -> Vec<Finding> {
    decisions(plan)
        .filter(|(i, s)| s.fallback.is_some() && !plan.segments[..*i].iter().any(agrees_process))
        .map(|(i, s)| {
            let rules = Rules::of(s);
            let label = rules.fallback.map(|f| f.label()).unwrap_or_default();
            Finding::warning(
                FALLBACK_UNAGREED,
                Some(i),
                format!(
                    "the fallback ({label}) was never agreed earlier in the plan; a fallback only \
                     counts when the group agreed it before the question came up"
                ),
                "agree it first: add an agreement such as \"If we cannot reach consensus after \
                 two tests, a two-thirds majority decides\" to the welcome, or note where it \
                 was agreed",
            )
        })
        .collect()
}

fn plural(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn decisions(plan: &Plan) -> impl Iterator<Item = (usize, &Segment)> {
    plan.segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == SegmentKind::Decision)
}

const PROCESS_WORDS: [&str; 4] = ["fallback", "majority", "how we decide", "two thirds"];

fn agrees_process(s: &Segment) -> bool {
    let cues = s
        .script
        .iter()
        .flat_map(|c: &Cue| [&c.say, &c.act, &c.watch]);
    let texts = s
        .agreements
        .iter()
        .chain(s.purpose.iter())
        .chain(std::iter::once(&s.title))
        .chain(cues.flatten());
    texts.into_iter().any(|t| {
        let t = t.to_lowercase();
        PROCESS_WORDS.iter().any(|w| t.contains(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checks::plan_of;
    use crate::core::decision::rules::{Fallback, Method, Share};
    use jiff::SignedDuration;

    fn seg(title: &str, kind: SegmentKind, m: i64) -> Segment {
        Segment::new(title, kind, SignedDuration::from_mins(m))
    }

    fn decision(m: i64) -> Segment {
        let mut d = seg("Decide", SegmentKind::Decision, m);
        d.method = Some(Method::Consensus);
        d
    }

    #[test]
    fn a_decision_without_a_method_is_flagged() {
        let mut d = decision(20);
        assert!(method_named(&plan_of(vec![d.clone()])).is_empty());
        d.method = None;
        let found = method_named(&plan_of(vec![seg("In", SegmentKind::CheckIn, 10), d]));
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].code, found[0].segment),
            (DECISION_NO_METHOD, Some(1))
        );
    }

    #[test]
    fn rounds_that_outgrow_the_box_are_flagged_for_the_head_count() {
        let plan = plan_of(vec![decision(20)]);
        assert!(
            rounds_fit(&plan, None).is_empty(),
            "no head count, no arithmetic"
        );
        assert!(rounds_fit(&plan, Some(15)).is_empty(), "12m 30s fits 20m");
        let found = rounds_fit(&plan, Some(40));
        assert_eq!(
            found[0].message,
            "40 people: reactions at 30s each (10s between) take 26m 40s, plus a test at 6m \
             40s: 33m 20s of rounds, box is 20m"
        );
        let mut hands = decision(20);
        hands.anonymous = true;
        hands.per_speaker = Some(SignedDuration::from_secs(15));
        assert!(rounds_fit(&plan_of(vec![hands]), Some(40)).is_empty());
        let mut fallback = decision(20);
        fallback.fallback = Some(Fallback::Majority(Share::Simple));
        let found = rounds_fit(&plan_of(vec![fallback]), Some(30));
        assert!(
            found[0]
                .message
                .contains("plus 2 tests and the fallback vote at 5m each: 35m of rounds"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_fallback_needs_an_earlier_agreement() {
        let mut d = decision(30);
        d.fallback = Some(Fallback::Majority(Share::AtLeast { num: 2, den: 3 }));
        let mut welcome = seg("Welcome", SegmentKind::WelcomeCircle, 10);
        let plan = plan_of(vec![welcome.clone(), d.clone()]);
        let found = fallback_agreed(&plan);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("a two-thirds majority"));
        welcome
            .agreements
            .push("If we cannot agree after two tests, a Two-Thirds MAJORITY decides.".into());
        assert!(fallback_agreed(&plan_of(vec![welcome.clone(), d.clone()])).is_empty());
        // Agreed after the decision does not count.
        assert_eq!(fallback_agreed(&plan_of(vec![d, welcome])).len(), 1);
    }
}
