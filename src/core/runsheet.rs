//! The run sheet: a plan as a printable Markdown page to hold on the day.
//!
//! First everything a facilitator gathers beforehand (time, goals,
//! materials, roles), then each segment at its clock time with its script,
//! each line marked SAY, DO or WATCH FOR so it can be read at a glance.

mod breakouts;

use std::collections::BTreeMap;
use std::fmt::Write;

use jiff::SignedDuration;
use jiff::civil::Time;

use super::breakout::plan::voices;
use super::checks::{DEFAULT_TRANSITION, check_plan, head_count, round_length};
use super::days::{Timetable, timetables};
use super::decision::phase::{Phase, round_time};
use super::decision::rules::Rules;
use super::duration::friendly;
use super::plan::{Cue, Plan, Segment, SegmentKind, StackMode};
use super::roles::fold;

/// Renders the run sheet. Clock times run from `start`, else the plan's
/// `start`; with neither they are relative ("+0:15"). `people` overrides the
/// plan's head count for round arithmetic.
///
/// A plan of several days prints a cover (the days, goals, what to check),
/// then one page per day at the day's own times; `start` moves the first
/// day only, since every later day begins at its own time.
pub fn render(plan: &Plan, start: Option<Time>, people: Option<u32>) -> String {
    let people = head_count(plan, people);
    let tables = timetables(plan);
    let mut out = String::new();
    let o = &mut out;
    let clock = |k: usize, t: &Timetable| {
        Clock(if k == 0 {
            start.or(t.day.start)
        } else {
            t.day.start
        })
    };
    if let [only] = tables.as_slice() {
        line(o, format!("# {}", super::session::title_of(plan)));
        line(o, "");
        glance(o, plan, only, clock(0, only), people, true);
        segments(o, plan, only, clock(0, only), people);
        return out;
    }
    cover(o, plan, &tables, &clock, people);
    for (k, table) in tables.iter().enumerate() {
        line(o, "");
        line(o, PAGE_BREAK);
        line(o, "");
        line(o, format!("# {} · {}", plan.title, table.day.title));
        line(o, "");
        glance(o, plan, table, clock(k, table), people, false);
        segments(o, plan, table, clock(k, table), people);
    }
    out
}

/// Starts a new printed page (browsers and Markdown-to-PDF tools honour it).
pub const PAGE_BREAK: &str = "<div style=\"page-break-before: always\"></div>";

/// The first page of a plan of several days: each day's times, the goals,
/// the head count and the plan checks.
fn cover(
    o: &mut String,
    plan: &Plan,
    tables: &[Timetable],
    clock: &dyn Fn(usize, &Timetable) -> Clock,
    people: Option<u32>,
) {
    line(o, format!("# {}", plan.title));
    line(o, "");
    line(o, "## At a glance");
    line(o, "");
    line(o, "| Day | Date | Time | Length |");
    line(o, "|-----|------|------|--------|");
    for (k, t) in tables.iter().enumerate() {
        let c = clock(k, t);
        let date = t
            .day
            .date
            .map_or(String::new(), |d| d.strftime("%a %Y-%m-%d").to_string());
        line(
            o,
            format!(
                "| {} | {date} | {} to {} | {} |",
                cell(&t.day.title),
                c.at(SignedDuration::ZERO),
                c.at(t.length),
                friendly(t.length)
            ),
        );
    }
    if let Some(n) = people {
        line(o, "");
        line(o, format!("- **People:** {n}"));
    }
    goals(o, plan);
    checks(o, plan, people);
}

fn goals(o: &mut String, plan: &Plan) {
    if !plan.goals.is_empty() {
        line(o, "- **Goals:**");
        for g in &plan.goals {
            line(o, format!("  - {g}"));
        }
    }
}

fn checks(o: &mut String, plan: &Plan, people: Option<u32>) {
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

/// Each segment of a day at its clock time.
fn segments(o: &mut String, plan: &Plan, table: &Timetable, clock: Clock, people: Option<u32>) {
    for slot in &table.slots {
        let s = &plan.segments[slot.index];
        line(o, "");
        line(o, "---");
        line(o, "");
        segment(
            o,
            plan,
            slot.index,
            clock.at(slot.offset),
            clock.at(slot.offset.saturating_add(s.time)),
            people,
        );
    }
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

/// A day's (or a one-day plan's) glance: date, times against the slot,
/// running order, materials and roles; for a one-day plan also its goals
/// and the plan checks (`whole`).
fn glance(
    o: &mut String,
    plan: &Plan,
    table: &Timetable,
    clock: Clock,
    people: Option<u32>,
    whole: bool,
) {
    let day = &table.day;
    let total = table.length;
    let segs = &plan.segments[day.segments.clone()];
    line(o, "## At a glance");
    line(o, "");
    if let Some(date) = day.date {
        line(o, format!("- **Date:** {}", date.strftime("%A, %Y-%m-%d")));
    }
    let fit = match day.slot {
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
    if whole {
        if let Some(n) = people {
            line(o, format!("- **People:** {n}"));
        }
        goals(o, plan);
    }
    line(o, "");
    line(o, "### Running order");
    line(o, "");
    line(o, "| Time | Length | Segment | Kind |");
    line(o, "|------|--------|---------|------|");
    for slot in &table.slots {
        let s = &plan.segments[slot.index];
        let at = match (slot.anchored && slot.offset.is_positive(), s.at) {
            (true, Some(_)) => format!("{} (fixed)", clock.at(slot.offset)),
            _ => clock.at(slot.offset),
        };
        line(
            o,
            format!(
                "| {at} | {} | {} | {} |",
                friendly(s.time),
                cell(&s.title),
                s.kind.label()
            ),
        );
    }
    line(o, format!("| {} | | end | |", clock.at(total)));
    gathered(
        o,
        "Materials",
        segs,
        |s| &s.materials,
        |_| "- [ ] ".into(),
        "",
    );
    let held_by = |item: &str| match holder(&day.holders, item) {
        Some(name) => format!(": held by {name}"),
        None => ": held by ____________".into(),
    };
    roles(o, segs, &day.holders, held_by);
    if whole {
        checks(o, plan, people);
    }
}

/// Who the plan (or the day) names for a role.
fn holder<'a>(holders: &'a BTreeMap<String, String>, role: &str) -> Option<&'a str> {
    holders
        .iter()
        .find(|(r, _)| fold(r) == fold(role))
        .map(|(_, n)| n.as_str())
}

/// The roles the segments name, each with its holder; roles held by name
/// but named by no segment come after.
fn roles(
    o: &mut String,
    segs: &[Segment],
    holders: &BTreeMap<String, String>,
    held_by: impl Fn(&str) -> String,
) {
    let items = gather_in(segs, |s| &s.roles);
    let extra: Vec<(&String, &String)> = holders
        .iter()
        .filter(|(r, _)| !items.iter().any(|(i, _)| fold(i) == fold(r)))
        .collect();
    if items.is_empty() && extra.is_empty() {
        return;
    }
    line(o, "");
    line(o, "### Roles");
    line(o, "");
    for (item, used) in items {
        line(
            o,
            format!("- {item} ({}){}", used.join(", "), held_by(&item)),
        );
    }
    for (role, name) in extra {
        line(o, format!("- {role}: held by {name}"));
    }
}

/// One de-duplicated list (case-insensitive, first spelling kept) of what
/// the segments name, each with the titles of the segments that need it.
pub fn gather(plan: &Plan, field: impl Fn(&Segment) -> &Vec<String>) -> Vec<(String, Vec<&str>)> {
    gather_in(&plan.segments, field)
}

/// `gather` over some of the segments (a day's).
pub fn gather_in(
    segments: &[Segment],
    field: impl Fn(&Segment) -> &Vec<String>,
) -> Vec<(String, Vec<&str>)> {
    let mut items: Vec<(String, Vec<&str>)> = Vec::new();
    for s in segments {
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
    segs: &[Segment],
    field: impl Fn(&Segment) -> &Vec<String>,
    bullet: impl Fn(&str) -> String,
    blank: &str,
) {
    let items = gather_in(segs, field);
    if items.is_empty() {
        return;
    }
    line(o, "");
    line(o, format!("### {heading}"));
    line(o, "");
    for (item, used) in items {
        line(
            o,
            format!("{}{item} ({}){blank}", bullet(&item), used.join(", ")),
        );
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
            if s.stack == Some(StackMode::Progressive)
                && let Some(scope) = s.stack_scope
            {
                write!(f, " counting {}", scope.label()).ok();
            }
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
mod tests;
