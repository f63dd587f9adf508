//! The harvest as Markdown, to read and pass on.
//!
//! Note text is kept as written (people may write Markdown in it); a note of
//! several lines stays inside its list item. Table cells are escaped.

use std::fmt::Write;

use jiff::SignedDuration;

use super::consent::Consent;
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
    roles(&mut out, h);
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
    check(&mut out, h);
    out
}

/// Places a reader should look at before passing the harvest on.
fn check(out: &mut String, h: &Harvest) {
    let n = h.check.len();
    if n == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "\nCheck {}: a name that is also a word was replaced there; \
         make sure a person was meant.\n",
        if n == 1 {
            "this place".to_string()
        } else {
            format!("these {n} places")
        }
    );
    for place in &h.check {
        let _ = writeln!(out, "- \"{}\"", one_line(place));
    }
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
    } else if h.took_part.is_empty() && h.not_named > 0 {
        let _ = writeln!(out, "- Took part: {count}, not named without their consent");
    } else if h.not_named > 0 {
        let _ = writeln!(
            out,
            "- Took part ({count}): {}, and {} not named without their consent",
            names(&h.took_part),
            h.not_named
        );
    } else if !h.took_part.is_empty() {
        let _ = writeln!(out, "- Took part ({count}): {}", names(&h.took_part));
    }
    out.push('\n');
}

/// "- timekeeper: Kim (drawn by lot), then Ana", one line per role.
fn roles(out: &mut String, h: &Harvest) {
    if h.roles.is_empty() {
        return;
    }
    out.push_str("## Roles\n\n");
    let mut seen: Vec<String> = Vec::new();
    for r in &h.roles {
        let key = crate::core::roles::fold(&r.role);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key.clone());
        let held: Vec<String> = h
            .roles
            .iter()
            .filter(|o| crate::core::roles::fold(&o.role) == key)
            .map(|o| match o.drawn {
                true => format!("{} (drawn by lot)", one_line(&o.held_by)),
                false => one_line(&o.held_by),
            })
            .collect();
        let _ = writeln!(out, "- {}: {}", one_line(&r.role), held.join(", then "));
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
        // Measured against the box as it stood; the plan's own in brackets.
        let boxed = line.edited.unwrap_or(line.planned);
        if line.outcome != Outcome::Skipped {
            planned = planned.saturating_add(boxed);
        }
        if let Some(a) = line.actual {
            actual = actual.saturating_add(a);
            planned_run = planned_run.saturating_add(boxed);
        }
        let against = match (line.outcome, line.actual) {
            (Outcome::Skipped, _) => "skipped".to_string(),
            (Outcome::NotReached, _) => "not reached".to_string(),
            (Outcome::Unfinished, _) => "unfinished".to_string(),
            (Outcome::Done, a) => signed_minutes(a.unwrap_or_default().saturating_sub(boxed)),
        };
        let _ = writeln!(
            out,
            "| {} | {}{} | {} | {} | {} |",
            i + 1,
            cell(&line.title),
            confidential(line),
            match line.edited {
                Some(edited) => format!("{} (plan: {})", friendly(edited), friendly(line.planned)),
                None => friendly(line.planned),
            },
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

/// After a confidential segment's title: a marker, and once named with
/// consent, its voices and matter. An unnamed one's title says it all.
fn confidential(line: &super::AgendaLine) -> String {
    if !line.confidential || line.consent.is_none() {
        return String::new();
    }
    let mut out = " [confidential".to_string();
    if !line.parties.is_empty() {
        let _ = write!(out, "; {}", cell(&names(&line.parties)));
    }
    if let Some(matter) = &line.matter {
        let _ = write!(out, "; on {}", cell(matter));
    }
    if let Some(consent) = &line.consent {
        let _ = write!(out, "; named with {}", consent.phrase());
    }
    out.push(']');
    out
}

fn lists(out: &mut String, h: &Harvest) {
    if !h.decisions.is_empty() {
        out.push_str("## Decisions\n\n");
        for d in &h.decisions {
            item(out, "", &d.text, &[during(&d.during), shared(&d.consent)]);
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
            let meta = [owner, due, during(&a.during), shared(&a.consent)];
            item(out, "", &a.text, &meta);
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
            item(out, "", &p.text, &[raised, now, shared(&p.consent)]);
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
                item(out, &lead, &r.text, &[shared(&r.consent)]);
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
            item(
                out,
                &lead,
                &f.text,
                &[during(&f.during), shared(&f.consent)],
            );
        }
        out.push('\n');
    }
    if !h.notes.is_empty() {
        out.push_str("## Notes\n\n");
        for n in &h.notes {
            item(out, "", &n.text, &[during(&n.during), shared(&n.consent)]);
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

/// "shared with the consent of 4 of 4 present", or nothing.
fn shared(consent: &Option<Consent>) -> String {
    consent
        .as_ref()
        .map(|c| format!("shared with {}", c.phrase()))
        .unwrap_or_default()
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
