//! The harvest as Markdown, to read and pass on.
//!
//! Note text is kept as written (people may write Markdown in it); a note of
//! several lines stays inside its list item. Table cells are escaped.

use std::fmt::Write;

use jiff::SignedDuration;

use super::{Harvest, Outcome};
use crate::core::duration::{friendly, signed_minutes};
use crate::core::note::Landed;

pub fn render(h: &Harvest) -> String {
    let text_len: usize = h.decisions.iter().map(|i| i.text.len()).sum::<usize>()
        + h.actions.iter().map(|i| i.text.len()).sum::<usize>()
        + h.notes.iter().map(|i| i.text.len()).sum::<usize>();
    let mut out = String::with_capacity(2048 + text_len * 2);
    header(&mut out, h);
    agenda(&mut out, h);
    lists(&mut out, h);
    super::decisions::markdown(&mut out, &h.decision_records);
    super::breakouts::markdown(&mut out, &h.breakouts, &h.awaiting_ratification);
    airtime(&mut out, h);
    out.push_str("---\n\n");
    out.push_str(&match h.kept_in_circle {
        0 => "No notes were kept in the circle.\n".to_string(),
        1 => "1 note was kept in the circle and is not in this harvest.\n".to_string(),
        n => format!("{n} notes were kept in the circle and are not in this harvest.\n"),
    });
    out
}

fn header(out: &mut String, h: &Harvest) {
    let _ = writeln!(out, "# Harvest: {}\n", one_line(&h.title));
    if let Some(date) = h.date {
        let _ = writeln!(out, "- Date: {date}");
    }
    if let (Some(began), Some(ended)) = (h.began, h.ended) {
        let _ = writeln!(
            out,
            "- Time: {} to {}",
            began.strftime("%H:%M"),
            ended.strftime("%H:%M")
        );
    }
    let count = match h.head_count {
        1 => "1 person".to_string(),
        n => format!("{n} people"),
    };
    if h.anonymized {
        let _ = writeln!(
            out,
            "- Took part: {count} (names replaced with neutral labels)"
        );
    } else if !h.took_part.is_empty() {
        let _ = writeln!(out, "- Took part ({count}): {}", names(&h.took_part));
    }
    out.push('\n');
}

fn agenda(out: &mut String, h: &Harvest) {
    if h.agenda.is_empty() {
        return;
    }
    out.push_str("## Agenda\n\n");
    out.push_str("| # | Segment | Planned | Actual | Against plan |\n");
    out.push_str("|--:|---------|--------:|-------:|--------------|\n");
    let mut planned = SignedDuration::ZERO;
    let mut actual = SignedDuration::ZERO;
    let mut planned_run = SignedDuration::ZERO;
    for (i, line) in h.agenda.iter().enumerate() {
        if line.outcome != Outcome::Skipped {
            planned = planned.saturating_add(line.planned);
        }
        if let Some(a) = line.actual {
            actual = actual.saturating_add(a);
            planned_run = planned_run.saturating_add(line.planned);
        }
        let against = match (line.outcome, line.actual) {
            (Outcome::Skipped, _) => "skipped".to_string(),
            (Outcome::NotReached, _) => "not reached".to_string(),
            (Outcome::Unfinished, _) => "unfinished".to_string(),
            (Outcome::Done, a) => {
                signed_minutes(a.unwrap_or_default().saturating_sub(line.planned))
            }
        };
        let _ = writeln!(
            out,
            "| {} | {}{} | {} | {} | {} |",
            i + 1,
            cell(&line.title),
            if line.confidential {
                " [confidential]"
            } else {
                ""
            },
            friendly(line.planned),
            line.actual.map(friendly).unwrap_or_default(),
            against
        );
    }
    let _ = writeln!(
        out,
        "|   | **Total** | {} | {} | {} |\n",
        friendly(planned),
        friendly(actual),
        signed_minutes(actual.saturating_sub(planned_run))
    );
}

fn lists(out: &mut String, h: &Harvest) {
    if !h.decisions.is_empty() {
        out.push_str("## Decisions\n\n");
        for d in &h.decisions {
            item(out, "", &d.text, &[during(&d.during)]);
        }
        out.push('\n');
    }
    if !h.actions.is_empty() {
        out.push_str("## Actions\n\n");
        for a in &h.actions {
            let owner = match &a.owner {
                Some(owner) => format!("owner: {}", one_line(owner)),
                None => "no owner yet".to_string(),
            };
            let due = a.due.map(|d| format!("due {d}")).unwrap_or_default();
            item(out, "", &a.text, &[owner, due, during(&a.during)]);
        }
        out.push('\n');
    }
    if !h.parking_lot.is_empty() {
        out.push_str("## Parking lot\n\n");
        for p in &h.parking_lot {
            let raised = p
                .during
                .as_deref()
                .map(|s| format!("raised in {}", one_line(s)))
                .unwrap_or_default();
            let now = match &p.taken_up_in {
                Some(s) => format!("taken up in {}", one_line(s)),
                None => "still open".to_string(),
            };
            item(out, "", &p.text, &[raised, now]);
        }
        out.push('\n');
    }
    if !h.reflections.is_empty() {
        out.push_str("## What worked, what we learned\n\n");
        for landed in Landed::ALL {
            let mut these = h
                .reflections
                .iter()
                .filter(|r| r.landed == landed)
                .peekable();
            if these.peek().is_none() {
                continue;
            }
            let _ = writeln!(out, "### {}\n", super::capitalized(landed.label()));
            for r in these {
                let lead = r
                    .during
                    .as_deref()
                    .map(|s| format!("{}: ", one_line(s)))
                    .unwrap_or_default();
                item(out, &lead, &r.text, &[]);
            }
            out.push('\n');
        }
    }
    if !h.follow_ups.is_empty() {
        out.push_str("## Follow-ups\n\n");
        for f in &h.follow_ups {
            let mut lead = names(&f.who);
            if !f.with.is_empty() {
                let with = names(&f.with);
                lead = if lead.is_empty() {
                    format!("With {with}")
                } else {
                    format!("{lead} with {with}")
                };
            }
            if let Some(by) = f.by {
                let _ = write!(lead, "{}by {by}", if lead.is_empty() { "" } else { ", " });
            }
            if !lead.is_empty() {
                lead.push_str(": ");
            }
            item(out, &lead, &f.text, &[during(&f.during)]);
        }
        out.push('\n');
    }
    if !h.notes.is_empty() {
        out.push_str("## Notes\n\n");
        for n in &h.notes {
            item(out, "", &n.text, &[during(&n.during)]);
        }
        out.push('\n');
    }
}

fn airtime(out: &mut String, h: &Harvest) {
    if h.airtime.is_empty() {
        return;
    }
    out.push_str(
        "## Airtime\n\n| Person | Turns | Time | Share |\n|--------|------:|-----:|------:|\n",
    );
    for a in &h.airtime {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}% |",
            cell(&a.name),
            a.turns,
            friendly(a.total),
            a.percent
        );
    }
    out.push('\n');
}

/// A list item; later lines of the text are indented to stay inside it,
/// and the non-empty `meta` parts follow in one pair of brackets.
fn item(out: &mut String, lead: &str, text: &str, meta: &[String]) {
    out.push_str("- ");
    out.push_str(lead);
    let mut lines = text.lines();
    out.push_str(lines.next().unwrap_or_default());
    for line in lines {
        out.push('\n');
        if !line.trim().is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
    }
    let mut first = true;
    for part in meta.iter().filter(|p| !p.is_empty()) {
        out.push_str(if first { " (" } else { "; " });
        out.push_str(part);
        first = false;
    }
    if !first {
        out.push(')');
    }
    out.push('\n');
}

/// "in <segment>", or nothing.
fn during(segment: &Option<String>) -> String {
    segment
        .as_deref()
        .map(|s| format!("in {}", one_line(s)))
        .unwrap_or_default()
}

fn names(list: &[String]) -> String {
    list.iter()
        .map(|n| one_line(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text for one line: line breaks become spaces.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for a table cell: one line, with `|` escaped.
fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}
