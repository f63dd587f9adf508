//! The run sheet: a plan as a printable Markdown page to hold on the day.
//!
//! First everything a facilitator gathers beforehand (time, goals,
//! materials, roles), then each segment at its clock time with its script,
//! each line marked SAY, DO or WATCH FOR so it can be read at a glance.

mod breakouts;

use std::fmt::Write;

use jiff::SignedDuration;
use jiff::civil::Time;

use super::breakout::plan::voices;
use super::checks::{DEFAULT_TRANSITION, check_plan, head_count, round_length};
use super::decision::phase::{Phase, round_time};
use super::decision::rules::Rules;
use super::duration::friendly;
use super::plan::{Cue, Plan, Segment, SegmentKind, StackMode};

/// Renders the run sheet. Clock times run from `start`, else the plan's
/// `start`; with neither they are relative ("+0:15"). `people` overrides the
/// plan's head count for round arithmetic.
pub fn render(plan: &Plan, start: Option<Time>, people: Option<u32>) -> String {
    let clock = Clock(start.or(plan.start));
    let people = head_count(plan, people);
    let mut out = String::new();
    let o = &mut out;
    line(o, format!("# {}", plan.title));
    line(o, "");
    glance(o, plan, clock, people);
    let mut offset = SignedDuration::ZERO;
    for (i, s) in plan.segments.iter().enumerate() {
        line(o, "");
        line(o, "---");
        line(o, "");
        segment(
            o,
            plan,
            i,
            clock.at(offset),
            clock.at(offset + s.time),
            people,
        );
        offset = offset.saturating_add(s.time);
    }
    out
}

/// Clock times from a start, or relative times without one.
#[derive(Clone, Copy)]
struct Clock(Option<Time>);

impl Clock {
    fn at(self, offset: SignedDuration) -> String {
        match self.0 {
            Some(t) => t.wrapping_add(offset).strftime("%H:%M").to_string(),
            None => {
                let m = offset.as_secs() / 60;
                format!("+{}:{:02}", m / 60, m % 60)
            }
        }
    }
}

fn line(out: &mut String, text: impl AsRef<str>) {
    out.push_str(text.as_ref());
    out.push('\n');
}

fn glance(o: &mut String, plan: &Plan, clock: Clock, people: Option<u32>) {
    let total = plan.total();
    line(o, "## At a glance");
    line(o, "");
    if let Some(date) = plan.date {
        line(o, format!("- **Date:** {}", date.strftime("%A, %Y-%m-%d")));
    }
    let fit = match plan.slot {
        None => "no slot given".to_string(),
        Some(slot) if total == slot => format!("slot {}, fits exactly", friendly(slot)),
        Some(slot) if total < slot => format!(
            "slot {}, {} to spare",
            friendly(slot),
            friendly(slot.saturating_sub(total))
        ),
        Some(slot) => format!(
            "slot {}, {} OVER",
            friendly(slot),
            friendly(total.saturating_sub(slot))
        ),
    };
    line(
        o,
        format!(
            "- **Time:** {} to {}, {} ({fit})",
            clock.at(SignedDuration::ZERO),
            clock.at(total),
            friendly(total)
        ),
    );
    if let Some(n) = people {
        line(o, format!("- **People:** {n}"));
    }
    if !plan.goals.is_empty() {
        line(o, "- **Goals:**");
        for g in &plan.goals {
            line(o, format!("  - {g}"));
        }
    }
    line(o, "");
    line(o, "### Running order");
    line(o, "");
    line(o, "| Time | Length | Segment | Kind |");
    line(o, "|------|--------|---------|------|");
    let mut offset = SignedDuration::ZERO;
    for s in &plan.segments {
        line(
            o,
            format!(
                "| {} | {} | {} | {} |",
                clock.at(offset),
                friendly(s.time),
                cell(&s.title),
                s.kind.label()
            ),
        );
        offset = offset.saturating_add(s.time);
    }
    line(o, format!("| {} | | end | |", clock.at(offset)));
    gathered(o, "Materials", plan, |s| &s.materials, "- [ ] ", "");
    gathered(
        o,
        "Roles",
        plan,
        |s| &s.roles,
        "- ",
        ": held by ____________",
    );
    let findings = check_plan(plan, people);
    if !findings.is_empty() {
        line(o, "");
        line(o, "### Check before you go");
        line(o, "");
        for f in &findings {
            line(
                o,
                format!("- {} (help: {})", f.headline(plan), f.suggestion),
            );
        }
    }
}

/// One de-duplicated list (case-insensitive, first spelling kept) of what
/// the segments name, each with the titles of the segments that need it.
pub fn gather(plan: &Plan, field: impl Fn(&Segment) -> &Vec<String>) -> Vec<(String, Vec<&str>)> {
    let mut items: Vec<(String, Vec<&str>)> = Vec::new();
    for s in &plan.segments {
        for item in field(s) {
            let key = item.trim().to_lowercase();
            match items.iter_mut().find(|(k, _)| k.to_lowercase() == key) {
                Some((_, used)) if used.last() == Some(&s.title.as_str()) => {}
                Some((_, used)) => used.push(&s.title),
                None => items.push((item.trim().to_string(), vec![&s.title])),
            }
        }
    }
    items
}

/// What to bring: every segment's materials, gathered once.
pub fn materials(plan: &Plan) -> Vec<(String, Vec<&str>)> {
    gather(plan, |s| &s.materials)
}

/// A gathered list under its heading, one bullet per item.
fn gathered(
    o: &mut String,
    heading: &str,
    plan: &Plan,
    field: impl Fn(&Segment) -> &Vec<String>,
    bullet: &str,
    blank: &str,
) {
    let items = gather(plan, field);
    if items.is_empty() {
        return;
    }
    line(o, "");
    line(o, format!("### {heading}"));
    line(o, "");
    for (item, used) in items {
        line(o, format!("{bullet}{item} ({}){blank}", used.join(", ")));
    }
}

fn segment(o: &mut String, plan: &Plan, i: usize, from: String, to: String, people: Option<u32>) {
    let s = &plan.segments[i];
    line(o, format!("## {from} {}. {}", i + 1, s.title));
    line(o, "");
    line(
        o,
        format!(
            "*{} · {from} to {to} · {}*",
            friendly(s.time),
            s.kind.label()
        ),
    );
    let mut block = |text: String| {
        line(o, "");
        line(o, text);
    };
    if let Some(p) = &s.purpose {
        block(format!("**Why:** {p}"));
    }
    let voices = voices(&plan.segments, i, people);
    if let Some(f) = format_of(s, people, voices).or_else(|| breakouts::format(plan, i, s, people))
    {
        block(format!("**Format:** {f}"));
    }
    if let Some(p) = &s.prompt {
        block(format!("**Prompt:** \"{p}\""));
    }
    if let Some(m) = &s.matter {
        block(format!("**Matter:** {m}"));
    }
    if s.kind == SegmentKind::Decision {
        let rules = Rules::of(s);
        block(format!("**Rule:** {}", rules.method_rule()));
        if let Some(f) = rules.fallback_terms() {
            block(format!("**Fallback agreed beforehand:** {f}"));
        }
        block(format!("**Counting:** {}", rules.counting_rule()));
    }
    for b in breakouts::blocks(plan, i, s, people) {
        block(b);
    }
    if s.is_confidential() {
        block("**Confidential:** what is said here stays in the circle.".into());
    }
    if !s.roles.is_empty() {
        block(format!("**Roles:** {}", s.roles.join(", ")));
    }
    if !s.materials.is_empty() {
        block(format!("**Materials:** {}", s.materials.join(", ")));
    }
    if !s.agreements.is_empty() {
        block("**Agreements:**".into());
        line(o, "");
        for (k, a) in s.agreements.iter().enumerate() {
            line(o, format!("{}. {a}", k + 1));
        }
    }
    if !s.steps.is_empty() {
        line(o, "");
        line(o, "**Steps:**");
        line(o, "");
        for (k, step) in s.steps.iter().enumerate() {
            line(
                o,
                format!(
                    "{}. **{}** ({}, {}, intimacy {} of 5)",
                    k + 1,
                    step.title,
                    friendly(step.time),
                    step.format.label(),
                    step.intimacy
                ),
            );
            script(o, &step.script, "   ");
        }
    }
    if !s.script.is_empty() {
        line(o, "");
        line(o, "**Script:**");
        line(o, "");
        script(o, &s.script, "");
    }
}

/// How the room is arranged, with the round arithmetic when the head
/// count is known.
fn format_of(s: &Segment, people: Option<u32>, voices: Option<(u32, &str)>) -> Option<String> {
    match s.kind {
        k if k.is_round() => {
            let mut f = "go-around in seating order".to_string();
            if let Some(per) = s.per_speaker {
                let gap = s.transition.unwrap_or(DEFAULT_TRANSITION);
                write!(f, ", {} each, {} between", friendly(per), friendly(gap)).ok();
                if let Some(n) = people {
                    let needed = round_length(per, gap, n);
                    write!(
                        f,
                        " ({n} people: {} of the {} box)",
                        friendly(needed),
                        friendly(s.time)
                    )
                    .ok();
                }
            }
            Some(f)
        }
        SegmentKind::OpenFloor => {
            let mode = match s.stack.unwrap_or_default() {
                StackMode::Plain => "plain",
                StackMode::Progressive => "progressive",
            };
            let mut f = format!("open floor, {mode} speaking stack");
            if let Some(per) = s.per_speaker {
                write!(f, ", {} per speaker", friendly(per)).ok();
            }
            Some(f)
        }
        SegmentKind::AntiRetreat if !s.parties.is_empty() => Some(format!(
            "conversation between {}, each voice uninterrupted",
            s.parties.join(", ")
        )),
        SegmentKind::Decision => {
            let phases = [
                Phase::Proposal,
                Phase::Questions,
                Phase::Reactions,
                Phase::Amendments,
                Phase::Test,
                Phase::Outcome,
            ];
            let mut f = format!(
                "{}, by {}",
                phases.map(Phase::label).join(", then "),
                Rules::of(s).method.label()
            );
            if let Some((n, who)) = voices {
                let t = round_time(s, n);
                write!(
                    f,
                    " ({n} {who}: reactions {}, each test {})",
                    friendly(t.reactions),
                    friendly(t.test)
                )
                .ok();
            }
            Some(f)
        }
        SegmentKind::IcebreakerSequence => Some(
            s.steps
                .iter()
                .map(|st| st.format.label())
                .collect::<Vec<_>>()
                .join(", then "),
        ),
        _ => None,
    }
}

fn script(o: &mut String, cues: &[Cue], indent: &str) {
    for cue in cues {
        if let Some(t) = &cue.say {
            line(o, format!("{indent}- **SAY:** \"{t}\""));
        }
        if let Some(t) = &cue.act {
            line(o, format!("{indent}- **DO:** {t}"));
        }
        if let Some(t) = &cue.watch {
            line(o, format!("{indent}- **WATCH FOR:** {t}"));
        }
    }
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checks::plan_of;
    use crate::core::plan::{Exercise, GroupFormat};

    fn seg(title: &str, kind: SegmentKind, m: i64) -> Segment {
        Segment::new(title, kind, SignedDuration::from_mins(m))
    }

    #[test]
    fn times_are_relative_without_a_start() {
        let plan = plan_of(vec![
            seg("A", SegmentKind::Custom, 45),
            seg("B | C", SegmentKind::Custom, 30),
        ]);
        let sheet = render(&plan, None, None);
        assert!(
            sheet.contains("| +0:45 | 30m | B \\| C | custom |"),
            "{sheet}"
        );
        assert!(sheet.contains("## +0:45 2. B | C"), "{sheet}");
        assert!(sheet.contains("| +1:15 | | end | |"), "{sheet}");
    }

    #[test]
    fn the_plans_start_is_used_and_the_clock_wraps_past_midnight() {
        let mut plan = plan_of(vec![
            seg("Late", SegmentKind::Custom, 60),
            seg("Later", SegmentKind::ClosingRound, 30),
        ]);
        plan.start = Some(jiff::civil::time(23, 30, 0, 0));
        let sheet = render(&plan, None, None);
        assert!(sheet.contains("## 00:30 2. Later"), "{sheet}");
        let sheet = render(&plan, Some(jiff::civil::time(9, 0, 0, 0)), None);
        assert!(sheet.contains("## 10:00 2. Later"), "{sheet}");
    }

    #[test]
    fn materials_and_roles_are_gathered_once() {
        let mut a = seg("A", SegmentKind::Custom, 10);
        a.materials = vec!["Talking piece".into(), "paper".into()];
        a.roles = vec!["timekeeper".into()];
        let mut b = seg("B", SegmentKind::ClosingRound, 10);
        b.materials = vec!["talking piece ".into()];
        b.roles = vec!["Timekeeper".into()];
        let sheet = render(&plan_of(vec![a, b]), None, None);
        assert!(
            sheet.contains("- [ ] Talking piece (A, B)\n- [ ] paper (A)\n"),
            "{sheet}"
        );
        assert!(
            sheet.contains("### Roles\n\n- timekeeper (A, B): held by ____________\n"),
            "{sheet}"
        );
    }

    #[test]
    fn icebreaker_steps_show_format_intimacy_and_marked_script() {
        let mut s = seg("Icebreakers", SegmentKind::IcebreakerSequence, 20);
        s.steps = vec![Exercise {
            title: "Animal names".into(),
            format: GroupFormat::WholeGroup,
            intimacy: 1,
            time: SignedDuration::from_mins(10),
            script: vec![Cue {
                say: Some("Pick an animal".into()),
                watch: Some("Anyone hesitating".into()),
                ..Cue::default()
            }],
            activity: None,
        }];
        let sheet = render(&plan_of(vec![s]), None, None);
        assert!(
            sheet.contains(
                "1. **Animal names** (10m, whole group, intimacy 1 of 5)\n   \
                 - **SAY:** \"Pick an animal\"\n   - **WATCH FOR:** Anyone hesitating\n"
            ),
            "{sheet}"
        );
    }

    #[test]
    fn rounds_show_their_arithmetic_and_warnings_are_listed() {
        let mut s = seg("Check-in", SegmentKind::CheckIn, 20);
        s.per_speaker = Some(SignedDuration::from_mins(1));
        let plan = plan_of(vec![s]);
        let sheet = render(&plan, None, Some(24));
        assert!(
            sheet.contains(
                "**Format:** go-around in seating order, 1m each, 10s between \
                 (24 people: 28m of the 20m box)"
            ),
            "{sheet}"
        );
        assert!(sheet.contains("- warning[CK002]: segment 1 'Check-in': 24 x 1m"));
        assert!(sheet.contains("- **People:** 24"));
    }

    #[test]
    fn a_decision_shows_its_method_rule_fallback_and_rounds() {
        use crate::core::decision::rules::{Fallback, Method, Share};
        let mut d = seg("Decide", SegmentKind::Decision, 20);
        d.method = Some(Method::Consent);
        d.fallback = Some(Fallback::Majority(Share::Simple));
        d.after_rounds = Some(1);
        d.quorum = Some(8);
        let sheet = render(&plan_of(vec![d]), None, Some(12));
        for part in [
            "**Format:** proposal, then clarifying questions, then reactions, then amendments, \
             then test for agreement, then outcome, by consent (12 people: reactions 8m, each \
             test 2m)",
            "**Rule:** Consent: not \"do you like it\"",
            "**Fallback agreed beforehand:** a simple majority (yes needs more than half of \
             those taking a side), offered only after 1 test that did not carry.",
            "**Counting:** Counted over who is marked here; passing is no position, never \
             counted against anyone. Quorum: 8 here.",
        ] {
            assert!(sheet.contains(part), "{part}\n{sheet}");
        }
    }
}
