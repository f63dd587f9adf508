//! A breakout, a report-back and a spokes council on the run sheet: the
//! groups with their questions, places and delegate slots to fill in on
//! the day, the questions a mandate is needed on, and the order the
//! delegates report in.

use std::fmt::Write;

use super::{cell, line};
use crate::core::breakout::plan::{
    Split, breakout_in_plan, delegates_wanted, per_delegate, planned_groups, questions,
    spokes_question,
};
use crate::core::checks::{DEFAULT_TRANSITION, round_length};
use crate::core::duration::friendly;
use crate::core::plan::{Plan, Segment, SegmentKind};

/// The format line of a breakout or a report-back.
pub(super) fn format(plan: &Plan, i: usize, s: &Segment, people: Option<u32>) -> Option<String> {
    match s.kind {
        SegmentKind::Breakout => {
            let split = s.split.unwrap_or_default();
            let mut f = format!("small groups, {}", split.label());
            if let (Some(g), Some(n)) = (planned_groups(s, people), people)
                && g > 0
            {
                let _ = write!(f, " ({n} people: about {} each)", n.div_ceil(g));
            }
            let pair = if delegates_wanted(s) == 2 {
                "a pair of delegates"
            } else {
                "a delegate"
            };
            let _ = write!(f, "; each group sends {pair}");
            if let Some(rb) = s.report_back {
                let _ = write!(f, "; the last {} is the report-back", friendly(rb));
            }
            Some(f)
        }
        SegmentKind::ReportBack => {
            let per = per_delegate(s);
            let gap = s.transition.unwrap_or(DEFAULT_TRANSITION);
            let mut f = format!(
                "delegates report in group order, {} each, {} between",
                friendly(per),
                friendly(gap)
            );
            let groups = breakout_in_plan(&plan.segments, i)
                .and_then(|b| planned_groups(&plan.segments[b], people));
            if let Some(g) = groups.filter(|g| *g > 0) {
                let _ = write!(
                    f,
                    " ({g} groups: {} of the {} box)",
                    friendly(round_length(per, gap, g)),
                    friendly(s.time)
                );
            }
            Some(f)
        }
        _ => None,
    }
}

/// The blocks after the format, each a paragraph or a list: groups and
/// mandates for a breakout, the order for a report-back, the groups
/// counted for a spokes council.
pub(super) fn blocks(plan: &Plan, i: usize, s: &Segment, people: Option<u32>) -> Vec<String> {
    match s.kind {
        SegmentKind::Breakout => groups(s, people).into_iter().chain(mandates(s)).collect(),
        SegmentKind::ReportBack => vec![order(plan, i, people)],
        SegmentKind::Decision if s.spokes => {
            vec![
                match breakout_in_plan(&plan.segments, i).map(|b| &plan.segments[b]) {
                    Some(b) => format!(
                        "**Spokes council:** the groups of \"{}\" speak through their delegates on \
                     \"{}\"; a group whose mandate is open gives an indicative position.",
                        b.title,
                        spokes_question(s)
                    ),
                    None => "**Spokes council:** no breakout before it to count.".into(),
                },
            ]
        }
        _ => Vec::new(),
    }
}

/// The names of the groups, as listed or numbered for a count.
fn names(s: &Segment, people: Option<u32>) -> Vec<String> {
    let listed: Vec<String> = s.groups.iter().map(|g| g.name.clone()).collect();
    let word = if s.split.unwrap_or_default() == Split::Crews {
        "Crew"
    } else {
        "Group"
    };
    let n = planned_groups(s, people).unwrap_or(0) as usize;
    (0..n.max(listed.len()))
        .map(|k| {
            listed
                .get(k)
                .cloned()
                .unwrap_or_else(|| format!("{word} {}", k + 1))
        })
        .collect()
}

fn groups(s: &Segment, people: Option<u32>) -> Option<String> {
    let names = names(s, people);
    if names.is_empty() {
        return Some(
            "**Groups:** the crews as they stand on the day (give the head count to list them)."
                .into(),
        );
    }
    let slots = vec!["________"; usize::from(delegates_wanted(s))].join(", ");
    // A question column only when some group has its own; the prompt is
    // said once above.
    let own = s.groups.iter().any(|g| g.question.is_some());
    let mut o = String::new();
    line(&mut o, "**Groups:**");
    line(&mut o, "");
    if own {
        line(&mut o, "| Group | Question | Place | Delegates |");
        line(&mut o, "|-------|----------|-------|-----------|");
    } else {
        line(&mut o, "| Group | Place | Delegates |");
        line(&mut o, "|-------|-------|-----------|");
    }
    for (k, name) in names.iter().enumerate() {
        let planned = s.groups.get(k);
        let place = cell(planned.and_then(|g| g.place.as_deref()).unwrap_or(""));
        let question = planned
            .and_then(|g| g.question.as_deref())
            .or(s.prompt.as_deref())
            .unwrap_or("");
        let row = if own {
            format!(
                "| {} | {} | {place} | {slots} |",
                cell(name),
                cell(question)
            )
        } else {
            format!("| {} | {place} | {slots} |", cell(name))
        };
        line(&mut o, row);
    }
    Some(o.trim_end().to_string())
}

fn mandates(s: &Segment) -> Option<String> {
    let qs = questions(s);
    if qs.is_empty() {
        return None;
    }
    let mut o = String::new();
    line(
        &mut o,
        "**Mandates** (each group, on each question: imperative, with its view; or open, not \
         discussed):",
    );
    line(&mut o, "");
    for q in qs {
        line(
            &mut o,
            format!("- {q}: [ ] imperative: ______________________ [ ] open"),
        );
    }
    Some(o.trim_end().to_string())
}

fn order(plan: &Plan, i: usize, people: Option<u32>) -> String {
    let Some(b) = breakout_in_plan(&plan.segments, i).map(|b| &plan.segments[b]) else {
        return "**Order:** no breakout before it: there are no groups to hear.".into();
    };
    let names = names(b, people);
    if names.is_empty() {
        return format!("**Order:** the groups of \"{}\", in their order.", b.title);
    }
    let mut o = String::new();
    let slots = vec!["________"; usize::from(delegates_wanted(b))].join(", ");
    line(
        &mut o,
        format!("**Order** (the groups of \"{}\"):", b.title),
    );
    line(&mut o, "");
    for (k, name) in names.iter().enumerate() {
        line(&mut o, format!("{}. [ ] {name}, delegates: {slots}", k + 1));
    }
    o.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::super::render;
    use crate::core::breakout::plan::{GroupCount, GroupPlan};
    use crate::core::checks::plan_of;
    use crate::core::plan::{Segment, SegmentKind};
    use jiff::SignedDuration;

    #[test]
    fn the_run_sheet_lists_groups_questions_delegate_slots_and_the_order() {
        let mut b = Segment::new(
            "Crews on the fund",
            SegmentKind::Breakout,
            SignedDuration::from_mins(30),
        );
        b.split = Some(super::Split::Count(GroupCount::try_from(3).unwrap()));
        b.delegates = Some(2);
        b.prompt = Some("What should the fund pay for?".into());
        b.groups = vec![GroupPlan {
            name: "Kitchen".into(),
            question: Some("Who cooks?".into()),
            place: Some("Kitchen | back".into()),
        }];
        b.questions = vec!["The fund".into()];
        let mut r = Segment::new(
            "Report-back",
            SegmentKind::ReportBack,
            SignedDuration::from_mins(10),
        );
        r.per_speaker = Some(SignedDuration::from_mins(2));
        let mut d = Segment::new(
            "Council",
            SegmentKind::Decision,
            SignedDuration::from_mins(20),
        );
        d.spokes = true;
        let sheet = render(&plan_of(vec![b, r, d]), None, Some(24));
        for want in [
            "**Format:** small groups, 3 groups, shuffled (24 people: about 8 each); each group \
             sends a pair of delegates",
            "| Kitchen | Who cooks? | Kitchen \\| back | ________, ________ |",
            "| Group 3 | What should the fund pay for? |  | ________, ________ |",
            "- The fund: [ ] imperative: ______________________ [ ] open",
            "**Format:** delegates report in group order, 2m each, 10s between (3 groups: 6m 30s \
             of the 10m box)",
            "2. [ ] Group 2, delegates: ________, ________",
            "(6 delegates: reactions",
            "**Spokes council:** the groups of \"Crews on the fund\" speak through their \
             delegates on \"Council\"",
            "Counted by group",
        ] {
            assert!(sheet.contains(want), "{want}\n\n{sheet}");
        }
    }
}
