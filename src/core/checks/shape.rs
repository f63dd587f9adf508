//! Checks about the shape of a gathering: how trust is built, what comes
//! first, how it closes, how a conflict conversation is held.

use super::{
    DECISION_FIRST, Finding, ICEBREAKER_CLIMB, NO_AGREEMENTS, NO_CLOSING, NOT_CONFIDENTIAL,
};
use crate::core::plan::{Cue, GroupFormat, Plan, SegmentKind};

/// Highest intimacy a sequence may open with.
pub const GENTLE_START: u8 = 2;
/// Intimacy from which sharing counts as intimate.
pub const INTIMATE: u8 = 3;

/// CK003: within an icebreaker sequence, a step that rises more than one
/// intimacy level over the one before, a sequence that opens above level 2,
/// or a step that goes from the whole group straight to pairs with intimate
/// sharing (level 3 or more). One finding per offending step.
pub(super) fn icebreaker_climb(plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, s) in plan.segments.iter().enumerate() {
        if s.kind != SegmentKind::IcebreakerSequence {
            continue;
        }
        let mut warn = |message: String, suggestion: &str| {
            out.push(Finding::warning(
                ICEBREAKER_CLIMB,
                Some(i),
                message,
                suggestion,
            ))
        };
        if let Some(first) = s.steps.first()
            && first.intimacy > GENTLE_START
        {
            warn(
                format!(
                    "the sequence opens at intimacy {} with '{}'",
                    first.intimacy, first.title
                ),
                "open with something playful and low-risk (intimacy 1 or 2)",
            );
        }
        for (k, pair) in s.steps.windows(2).enumerate() {
            let (before, step) = (&pair[0], &pair[1]);
            let at = format!("step {} '{}'", k + 2, step.title);
            if step.intimacy > before.intimacy.saturating_add(1) {
                warn(
                    format!(
                        "{at} jumps from intimacy {} to {}",
                        before.intimacy, step.intimacy
                    ),
                    "climb one level at a time; add a step in between",
                );
            }
            if before.format == GroupFormat::WholeGroup
                && step.format == GroupFormat::Pairs
                && step.intimacy >= INTIMATE
            {
                warn(
                    format!(
                        "{at} goes from the whole group straight to pairs at intimacy {}",
                        step.intimacy
                    ),
                    "put a step in smaller circles between the whole group and pairs",
                );
            }
        }
    }
    out
}

/// CK005: no ClosingRound anywhere in the plan.
pub(super) fn closing_round(plan: &Plan) -> Option<Finding> {
    let closes = plan
        .segments
        .iter()
        .any(|s| s.kind == SegmentKind::ClosingRound);
    (!closes && !plan.segments.is_empty()).then(|| {
        Finding::warning(
            NO_CLOSING,
            None,
            "no closing round".into(),
            "end with a ClosingRound, a check-out that mirrors the check-in",
        )
    })
}

/// CK006: the first Decision comes before any WelcomeCircle or CheckIn:
/// people need to meet and build a "we" before deciding the machinery.
pub(super) fn connection_first(plan: &Plan) -> Option<Finding> {
    let d = plan
        .segments
        .iter()
        .position(|s| s.kind == SegmentKind::Decision)?;
    let connected = plan.segments[..d]
        .iter()
        .any(|s| matches!(s.kind, SegmentKind::WelcomeCircle | SegmentKind::CheckIn));
    (!connected).then(|| {
        Finding::warning(
            DECISION_FIRST,
            Some(d),
            "a decision comes before any welcome circle or check-in".into(),
            "put a WelcomeCircle or CheckIn first: connection before procedure",
        )
    })
}

/// CK007 and CK008 for each AntiRetreat segment.
///
/// The agreements phase counts as present when the segment lists
/// `agreements`, or when a script line (say, do or watch) mentions the word
/// "agreement" (any case, so "agreements" too). Confidentiality is only
/// flagged when the plan says `confidential: false`; left out, an
/// anti-retreat is confidential by default.
pub(super) fn anti_retreat(plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, s) in plan.segments.iter().enumerate() {
        if s.kind != SegmentKind::AntiRetreat {
            continue;
        }
        if s.agreements.is_empty() && !s.script.iter().any(mentions_agreements) {
            out.push(Finding::warning(
                NO_AGREEMENTS,
                Some(i),
                "the conversation has no agreements phase".into(),
                "open with agreements and intentions: add `agreements: [..]` or a script line for them",
            ));
        }
        if s.confidential == Some(false) {
            out.push(Finding::warning(
                NOT_CONFIDENTIAL,
                Some(i),
                "the conversation is marked not confidential".into(),
                "keep what is said here in the circle unless every person consents to share it",
            ));
        }
    }
    out
}

fn mentions_agreements(cue: &Cue) -> bool {
    [&cue.say, &cue.act, &cue.watch]
        .into_iter()
        .flatten()
        .any(|t| t.to_lowercase().contains("agreement"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checks::plan_of;
    use crate::core::plan::{Exercise, Segment};
    use jiff::SignedDuration;

    fn seg(title: &str, kind: SegmentKind) -> Segment {
        Segment::new(title, kind, SignedDuration::from_mins(20))
    }

    fn step(title: &str, format: GroupFormat, intimacy: u8) -> Exercise {
        Exercise {
            title: title.into(),
            format,
            intimacy,
            time: SignedDuration::from_mins(5),
            script: vec![],
            activity: None,
            nesting: None,
        }
    }

    fn sequence(steps: Vec<Exercise>) -> Plan {
        let mut s = seg("Icebreakers", SegmentKind::IcebreakerSequence);
        s.steps = steps;
        plan_of(vec![seg("Welcome", SegmentKind::WelcomeCircle), s])
    }

    fn messages(found: &[Finding]) -> Vec<&str> {
        found.iter().map(|f| f.message.as_str()).collect()
    }

    #[test]
    fn a_gentle_climb_draws_nothing() {
        let plan = sequence(vec![
            step("Animal names", GroupFormat::WholeGroup, 1),
            step("Small circles", GroupFormat::Circles(4), 2),
            step("Trust walk", GroupFormat::Pairs, 3),
            step("Map it together", GroupFormat::WholeGroup, 3),
        ]);
        assert!(icebreaker_climb(&plan).is_empty());
    }

    #[test]
    fn a_jump_of_two_levels_is_flagged_at_its_step() {
        let plan = sequence(vec![
            step("Names", GroupFormat::WholeGroup, 1),
            step("Deep share", GroupFormat::Circles(4), 3),
        ]);
        let found = icebreaker_climb(&plan);
        assert_eq!(
            messages(&found),
            ["step 2 'Deep share' jumps from intimacy 1 to 3"]
        );
        assert_eq!(found[0].segment, Some(1));
        assert_eq!(found[0].code, ICEBREAKER_CLIMB);
    }

    #[test]
    fn opening_above_level_two_is_flagged() {
        let plan = sequence(vec![step("Life story", GroupFormat::Circles(3), 3)]);
        assert_eq!(
            messages(&icebreaker_climb(&plan)),
            ["the sequence opens at intimacy 3 with 'Life story'"]
        );
    }

    #[test]
    fn whole_group_straight_to_intimate_pairs_is_flagged() {
        let plan = sequence(vec![
            step("Names", GroupFormat::WholeGroup, 2),
            step("Trust walk", GroupFormat::Pairs, 3),
        ]);
        assert_eq!(
            messages(&icebreaker_climb(&plan)),
            ["step 2 'Trust walk' goes from the whole group straight to pairs at intimacy 3"]
        );
        let playful = sequence(vec![
            step("Names", GroupFormat::WholeGroup, 1),
            step("Mirror game", GroupFormat::Pairs, 2),
        ]);
        assert!(icebreaker_climb(&playful).is_empty());
    }

    #[test]
    fn a_plan_without_a_closing_round_is_flagged() {
        let mut plan = plan_of(vec![seg("Check-in", SegmentKind::CheckIn)]);
        assert_eq!(closing_round(&plan).unwrap().code, NO_CLOSING);
        plan.segments
            .push(seg("Check-out", SegmentKind::ClosingRound));
        assert_eq!(closing_round(&plan), None);
    }

    #[test]
    fn deciding_before_meeting_is_flagged() {
        let plan = plan_of(vec![
            seg("Agenda", SegmentKind::Custom),
            seg("Vote", SegmentKind::Decision),
            seg("Check-in", SegmentKind::CheckIn),
            seg("Second vote", SegmentKind::Decision),
        ]);
        let f = connection_first(&plan).unwrap();
        assert_eq!(f.segment, Some(1), "only the first decision is flagged");
        let met = plan_of(vec![
            seg("Check-in", SegmentKind::CheckIn),
            seg("Vote", SegmentKind::Decision),
        ]);
        assert_eq!(connection_first(&met), None);
    }

    #[test]
    fn anti_retreat_needs_agreements_and_confidentiality() {
        let mut s = seg("Talk", SegmentKind::AntiRetreat);
        let plan = plan_of(vec![s.clone()]);
        assert_eq!(
            anti_retreat(&plan)
                .iter()
                .map(|f| f.code)
                .collect::<Vec<_>>(),
            [NO_AGREEMENTS]
        );

        s.script = vec![Cue {
            act: Some("Read the Agreements aloud and invite intentions".into()),
            ..Cue::default()
        }];
        assert!(anti_retreat(&plan_of(vec![s.clone()])).is_empty());

        s.script.clear();
        s.agreements = vec!["Speak from your own experience.".into()];
        assert!(anti_retreat(&plan_of(vec![s.clone()])).is_empty());

        s.confidential = Some(false);
        let found = anti_retreat(&plan_of(vec![s]));
        assert_eq!(
            found.iter().map(|f| f.code).collect::<Vec<_>>(),
            [NOT_CONFIDENTIAL]
        );
    }
}
