//! The harvest's account of each decision: its outcome, how it was tested,
//! the text decided on and its earlier versions, the count, the words of
//! concerns, stand-asides, blocks and objections, and the review date.
//!
//! A decision is harvested when its Decision note is (shared, and not a
//! copy of something kept in the circle): making that note circle-only on
//! the Notes screen keeps the whole record in the circle. Counts are
//! shared; names attached to positions only where `privacy` allows.

use std::fmt::Write;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Context;
use super::anonymize::key;
use super::markdown::one_line;
use crate::core::decision::privacy::names_may_leave;
use crate::core::decision::record::{Outcome, record};
use crate::core::decision::rules::Rules;
use crate::core::decision::stance::{Settled, Stance};
use crate::core::decision::tally::Tally;
use crate::core::state::State;

/// One decision as the harvest tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// The segment's title as shown in the agenda.
    pub title: String,
    pub method: String,
    /// The method's rule, as stated in the room.
    pub rule: String,
    /// The fallback's rule, when the group agreed one.
    pub fallback: Option<String>,
    pub outcome: Outcome,
    /// The text decided on.
    pub text: String,
    /// Every earlier version, oldest first.
    pub earlier: Vec<String>,
    pub count: Tally,
    /// Tests held, the fallback vote included.
    pub tests: usize,
    /// Concerns, reasons and objections, in the order given.
    pub words: Vec<Said>,
    /// Indicative positions still to be ratified by their groups.
    pub awaiting: Vec<Ratify>,
    pub review: Option<Date>,
    /// Whether names are attached to positions (only with consent).
    pub named: bool,
}

/// Words minuted with a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    pub stance: Stance,
    pub text: String,
    /// Whose words, only where the group consented to names.
    pub by: Option<String>,
    pub settled: Option<Settled>,
    /// The test (1-based) they were given in.
    pub test: usize,
}

/// An indicative position awaiting its group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratify {
    pub group: String,
    pub stance: Stance,
    pub by: Option<Date>,
}

/// The harvested decisions, in running order.
pub(super) fn build(state: &State, cx: &Context, titles: &[String]) -> Vec<DecisionRecord> {
    let mut out = Vec::new();
    for id in &state.run.order {
        let (Some(d), Some(seg)) = (state.decisions.get(*id), state.run.segment(*id)) else {
            continue;
        };
        let rules = Rules::of(seg);
        let Some(rec) = record(d, rules.method, rules.fallback) else {
            continue;
        };
        let shared = rec.note.and_then(|n| state.notes.get(n)).is_some_and(|n| {
            n.is_shared() && key(&n.text).is_none_or(|k| !cx.guard.now.contains(&k))
        });
        if !shared {
            continue;
        }
        let named = names_may_leave(state, *id);
        out.push(DecisionRecord {
            title: titles.get(id.0 as usize).cloned().unwrap_or_default(),
            method: rules.method.label().to_string(),
            rule: rules.method_rule(),
            fallback: rules.fallback_rule(),
            outcome: rec.outcome,
            text: cx.text(&rec.text),
            earlier: rec.earlier.iter().map(|t| cx.text(t)).collect(),
            count: rec.count,
            tests: rec.tests,
            words: rec
                .words
                .iter()
                .map(|w| Said {
                    stance: w.stance,
                    text: cx.text(&w.text),
                    by: w.person.filter(|_| named).map(|p| cx.person(p)),
                    settled: w.settled.clone().map(|s| match s {
                        Settled::Resolved(how) => Settled::Resolved(cx.text(&how)),
                        other => other,
                    }),
                    test: w.test,
                })
                .collect(),
            awaiting: rec
                .awaiting
                .iter()
                .map(|a| Ratify {
                    group: cx.text(&a.group),
                    stance: a.stance,
                    by: a.by,
                })
                .collect(),
            review: rec.review,
            named,
        });
    }
    out
}

/// "## How we decided": one part per decision.
pub(super) fn markdown(out: &mut String, records: &[DecisionRecord]) {
    if records.is_empty() {
        return;
    }
    out.push_str("## How we decided\n\n");
    for r in records {
        let _ = writeln!(out, "### {}: {}\n", one_line(&r.title), r.outcome.label());
        if !r.text.is_empty() {
            let _ = writeln!(out, "{}\n", quoted(&r.text));
        }
        let _ = writeln!(out, "- {}", r.rule);
        if let Some(f) = &r.fallback {
            let _ = writeln!(out, "- {f}");
        }
        let tests = match r.tests {
            0 | 1 => String::new(),
            n => format!(" (after {n} tests)"),
        };
        if r.count.by_group {
            out.push_str(
                "- Counted by group: a spokes council, each group through its delegates\n",
            );
        }
        let _ = writeln!(out, "- Count{tests}: {}", r.count.summary());
        if !r.earlier.is_empty() {
            out.push_str("- Earlier versions:\n");
            for (i, v) in r.earlier.iter().enumerate() {
                let _ = writeln!(out, "  {}. {}", i + 1, one_line(v));
            }
        }
        for w in &r.words {
            let what = match w.stance {
                Stance::Concern => "Concern",
                Stance::StandAside => "Stood aside",
                Stance::Block => "Block",
                Stance::Objection => "Objection",
                Stance::Gradient(7) => "Serious disagreement",
                Stance::Gradient(8) => "Veto",
                _ => "Said",
            };
            let by = w.by.as_deref().map(|b| format!(" ({})", one_line(b)));
            let text = if w.text.is_empty() {
                "no reason given".to_string()
            } else {
                one_line(&w.text)
            };
            let settled = match &w.settled {
                Some(Settled::Resolved(how)) if how.trim().is_empty() => " (resolved)".to_string(),
                Some(Settled::Resolved(how)) => format!(" (resolved: {})", one_line(how)),
                Some(Settled::Withdrawn) => " (withdrawn)".to_string(),
                None => String::new(),
            };
            let at = if r.tests > 1 {
                format!(" (test {})", w.test)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "- {what}{}{at}: {text}{settled}",
                by.unwrap_or_default()
            );
        }
        for a in &r.awaiting {
            let by = a.by.map(|d| format!(" by {d}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "- To ratify with {}{by}: an indicative {}",
                one_line(&a.group),
                a.stance.label()
            );
        }
        match r.review {
            Some(d) => {
                let _ = writeln!(out, "- Review by {d}");
            }
            None if r.outcome.adopted() => out.push_str("- No review date set\n"),
            None => {}
        }
        out.push('\n');
    }
}

/// Text as a Markdown quote, every line of it.
fn quoted(text: &str) -> String {
    text.lines()
        .map(|l| format!("> {}", l.trim_end()).trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
