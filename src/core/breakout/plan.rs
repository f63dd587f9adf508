//! What a plan says about a breakout, a report-back and a spokes council.
//!
//! Plan fields (all optional, on `Breakout` segments only):
//! `split: Crews` (or `Topics`, `Count(6)`, `ByHand`), `groups: [(name:
//! "Kitchen", question: "...", place: "Room 2")]`, `questions: [...]` (what
//! each group gives its delegates a mandate on), `delegates: 2` (a pair),
//! `report_back: "15m"` (the end of the box kept for delegates to report).
//! The segment's `prompt` is every group's question unless a group names its
//! own; `per_speaker` is each delegate's time to report. A `ReportBack`
//! segment hears the breakout before it, with its own `per_speaker`; a
//! `Decision` with `spokes: true` is counted by the groups of the breakout
//! before it. Values that cannot be right (`Count(1)`, `delegates: 3`) are
//! refused while reading, so the error names the line and column.

use jiff::SignedDuration;
use serde::{Deserialize, Serialize};

use crate::core::duration::{LONGEST, friendly};
use crate::core::groups::group_count;
use crate::core::guide::icebreaker::CREW_SIZE;
use crate::core::plan::{Segment, SegmentKind};
use crate::core::run::{Run, SegmentId};
use crate::core::validate::check_length;

/// A delegate's time to report when the plan names no `per_speaker`.
pub const DEFAULT_PER_DELEGATE: SignedDuration = SignedDuration::from_mins(2);

/// How a breakout splits who is here into groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Split {
    /// The gathering's crews, as they stand; anyone new joins the smallest.
    /// Without crews yet, crews of about five are formed.
    #[default]
    Crews,
    /// Each person signs up to one of the groups the plan lists (its
    /// topics); whoever has not is placed in the smallest.
    Topics,
    /// This many groups, shuffled, keeping apart people who were grouped
    /// together earlier where it can.
    Count(GroupCount),
    /// The facilitator places each person in one of the groups listed.
    ByHand,
}

impl Split {
    /// "by crews", "6 groups", "by topic sign-up", "by hand".
    pub fn label(self) -> String {
        match self {
            Split::Crews => "by crews".into(),
            Split::Topics => "by topic sign-up".into(),
            Split::Count(n) => format!("{} groups, shuffled", n.get()),
            Split::ByHand => "by hand".into(),
        }
    }
}

/// How many groups a `Count` split makes: 2 to 200.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct GroupCount(u32);

impl GroupCount {
    pub const MAX: u32 = 200;

    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for GroupCount {
    type Error = String;

    fn try_from(n: u32) -> Result<GroupCount, String> {
        match n {
            0 | 1 => Err(format!("a breakout splits into at least 2 groups, not {n}")),
            n if n > GroupCount::MAX => Err(format!(
                "a breakout splits into at most {} groups, not {n}",
                GroupCount::MAX
            )),
            n => Ok(GroupCount(n)),
        }
    }
}

impl From<GroupCount> for u32 {
    fn from(n: GroupCount) -> u32 {
        n.0
    }
}

/// A group as the plan names it; the groups of a split take these names,
/// questions and places in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupPlan {
    pub name: String,
    /// The group's own question or task, instead of the segment's `prompt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Where the group meets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// `delegates`: 1, or 2 for a pair.
pub mod serde_delegates {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(n: &Option<u8>, s: S) -> Result<S::Ok, S::Error> {
        match n {
            Some(n) => s.serialize_some(n),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
        match Option::<u8>::deserialize(d)? {
            Some(n) if !(1..=2).contains(&n) => Err(serde::de::Error::custom(format!(
                "a group sends 1 delegate or 2 (a pair), not {n}"
            ))),
            n => Ok(n),
        }
    }
}

/// How many delegates each group of a breakout sends.
pub fn delegates_wanted(segment: &Segment) -> u8 {
    segment.delegates.unwrap_or(1).clamp(1, 2)
}

/// Each delegate's time to report.
pub fn per_delegate(segment: &Segment) -> SignedDuration {
    segment.per_speaker.unwrap_or(DEFAULT_PER_DELEGATE)
}

/// How many groups the plan expects, when it can tell: a count, the groups
/// listed, or crews of about five for the head count.
pub fn planned_groups(segment: &Segment, people: Option<u32>) -> Option<u32> {
    let listed = u32::try_from(segment.groups.len()).unwrap_or(u32::MAX);
    match segment.split.unwrap_or_default() {
        Split::Count(n) => Some(n.get()),
        Split::Topics | Split::ByHand => Some(listed),
        Split::Crews if listed > 0 => Some(listed),
        Split::Crews => people.map(|n| group_count(n as usize, CREW_SIZE) as u32),
    }
}

/// The questions the groups give their delegates a mandate on: the plan's
/// `questions`, else each group's own question and the segment's prompt,
/// once each.
pub fn questions(segment: &Segment) -> Vec<String> {
    let listed = if segment.questions.is_empty() {
        let own = segment.groups.iter().filter_map(|g| g.question.as_ref());
        segment.prompt.iter().chain(own).cloned().collect()
    } else {
        segment.questions.clone()
    };
    let mut out: Vec<String> = Vec::new();
    for q in listed {
        let q = q.trim().to_string();
        if !q.is_empty() && !out.iter().any(|o| same_question(o, &q)) {
            out.push(q);
        }
    }
    out
}

/// Whether two questions are the same, ignoring case and spacing.
pub fn same_question(a: &str, b: &str) -> bool {
    let norm = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// The question a spokes council decides: its prompt, else its title.
pub fn spokes_question(segment: &Segment) -> &str {
    segment.prompt.as_deref().unwrap_or(&segment.title)
}

/// Who speaks in a decision's rounds, and what to call them: in a spokes
/// council, the delegates of the breakout before it (its groups times the
/// delegates each sends); else the head count, as people.
pub fn voices(
    segments: &[Segment],
    index: usize,
    people: Option<u32>,
) -> Option<(u32, &'static str)> {
    let s = segments.get(index)?;
    if s.kind == SegmentKind::Decision && s.spokes {
        let b = &segments[breakout_in_plan(segments, index)?];
        let groups = planned_groups(b, people)?;
        Some((
            groups.saturating_mul(u32::from(delegates_wanted(b))),
            "delegates",
        ))
    } else {
        people.map(|n| (n, "people"))
    }
    .filter(|(n, _)| *n > 0)
}

/// Whether a segment hears a breakout's groups: a report-back, or a
/// decision counted by group.
pub fn hears_groups(segment: &Segment) -> bool {
    segment.kind == SegmentKind::ReportBack
        || (segment.kind == SegmentKind::Decision && segment.spokes)
}

/// The breakout a segment of the plan hears: the nearest breakout before
/// it (itself, for a breakout).
pub fn breakout_in_plan(segments: &[Segment], index: usize) -> Option<usize> {
    segments
        .get(..=index)?
        .iter()
        .rposition(|s| s.kind == SegmentKind::Breakout)
}

/// The breakout a segment hears as the run stands: itself for a breakout,
/// else the nearest breakout before it in running order.
pub fn breakout_in_run(run: &Run, segment: SegmentId) -> Option<SegmentId> {
    let at = run.order.iter().position(|id| *id == segment)?;
    run.order[..=at]
        .iter()
        .rev()
        .find(|id| {
            run.segment(**id)
                .is_some_and(|s| s.kind == SegmentKind::Breakout)
        })
        .copied()
}

/// Whether any breakout field is set.
pub fn has_breakout_fields(s: &Segment) -> bool {
    s.split.is_some()
        || !s.groups.is_empty()
        || !s.questions.is_empty()
        || s.delegates.is_some()
        || s.report_back.is_some()
}

/// Problems of the breakout fields: only on a breakout, consistent with
/// each other.
pub fn problems(s: &Segment) -> Vec<String> {
    let mut out = Vec::new();
    if s.kind != SegmentKind::Breakout {
        if has_breakout_fields(s) {
            out.push(format!(
                "split, groups, questions, delegates and report_back belong to a breakout, not a {}",
                s.kind.label()
            ));
        }
        return out;
    }
    let split = s.split.unwrap_or_default();
    let listed = s.groups.len();
    match split {
        Split::Topics | Split::ByHand if listed < 2 => out.push(format!(
            "a breakout {} needs at least 2 groups listed in `groups`, not {listed}",
            split.label()
        )),
        Split::Count(n) if listed > n.get() as usize => out.push(format!(
            "Count({}) makes {} groups, but {listed} are listed in `groups`",
            n.get(),
            n.get()
        )),
        _ => {}
    }
    for (k, g) in s.groups.iter().enumerate() {
        if g.name.trim().is_empty() {
            out.push(format!("group {} has no name", k + 1));
        } else if s.groups[..k]
            .iter()
            .any(|e| e.name.trim().eq_ignore_ascii_case(g.name.trim()))
        {
            out.push(format!("two groups are named '{}'", g.name.trim()));
        }
    }
    for (k, q) in s.questions.iter().enumerate() {
        if q.trim().is_empty() {
            out.push(format!("question {} is empty", k + 1));
        }
    }
    if let Some(rb) = s.report_back {
        if let Some(m) = check_length("the report-back", rb, LONGEST) {
            out.push(m);
        } else if rb >= s.time {
            out.push(format!(
                "the report-back ({}) takes the whole time box ({}): leave time for the groups",
                friendly(rb),
                friendly(s.time)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breakout(f: impl FnOnce(&mut Segment)) -> Vec<String> {
        let mut s = Segment::new(
            "Groups",
            SegmentKind::Breakout,
            SignedDuration::from_mins(40),
        );
        f(&mut s);
        problems(&s)
    }

    fn group(name: &str) -> GroupPlan {
        GroupPlan {
            name: name.into(),
            question: None,
            place: None,
        }
    }

    #[test]
    fn a_breakout_with_defaults_is_fine() {
        assert!(breakout(|_| {}).is_empty());
    }

    #[test]
    fn topics_and_by_hand_need_their_groups() {
        let p = breakout(|s| s.split = Some(Split::Topics));
        assert_eq!(
            p,
            ["a breakout by topic sign-up needs at least 2 groups listed in `groups`, not 0"]
        );
        assert!(
            breakout(|s| {
                s.split = Some(Split::ByHand);
                s.groups = vec![group("A"), group("B")];
            })
            .is_empty()
        );
    }

    #[test]
    fn group_names_are_there_and_unique_and_counts_agree() {
        let p = breakout(|s| {
            s.split = Some(Split::Count(GroupCount(2)));
            s.groups = vec![group("Kitchen"), group(" "), group("kitchen ")];
        });
        assert_eq!(
            p,
            [
                "Count(2) makes 2 groups, but 3 are listed in `groups`",
                "group 2 has no name",
                "two groups are named 'kitchen'",
            ]
        );
    }

    #[test]
    fn the_report_back_leaves_time_for_the_groups() {
        let p = breakout(|s| s.report_back = Some(SignedDuration::from_mins(40)));
        assert!(p[0].contains("takes the whole time box"), "{p:?}");
        let p = breakout(|s| s.report_back = Some(SignedDuration::ZERO));
        assert_eq!(p, ["the report-back is 0"]);
    }

    #[test]
    fn breakout_fields_belong_to_a_breakout() {
        let mut s = Segment::new("Talk", SegmentKind::Round, SignedDuration::from_mins(10));
        s.delegates = Some(2);
        assert!(problems(&s)[0].contains("belong to a breakout, not a round"));
    }

    #[test]
    fn counts_are_refused_below_two_and_above_the_most() {
        assert!(GroupCount::try_from(1).is_err());
        assert!(GroupCount::try_from(201).is_err());
        assert_eq!(GroupCount::try_from(6).map(GroupCount::get), Ok(6));
    }

    #[test]
    fn planned_groups_and_questions_come_from_the_plan() {
        let mut s = Segment::new("G", SegmentKind::Breakout, SignedDuration::from_mins(30));
        assert_eq!(planned_groups(&s, None), None);
        assert_eq!(planned_groups(&s, Some(24)), Some(5));
        s.split = Some(Split::Count(GroupCount(6)));
        assert_eq!(planned_groups(&s, Some(24)), Some(6));
        s.prompt = Some("What do we carry?".into());
        s.groups = vec![
            GroupPlan {
                question: Some("what do we  CARRY?".into()),
                ..group("A")
            },
            GroupPlan {
                question: Some("Where?".into()),
                ..group("B")
            },
        ];
        assert_eq!(questions(&s), ["What do we carry?", "Where?"]);
        s.questions = vec!["One".into()];
        assert_eq!(questions(&s), ["One"]);
    }
}
