//! How the decision guide looks: the phases across the top, then either
//! the proposal beside the rules (before the test), the circle with each
//! person's position beside the tally and verdict (in a test), or the
//! record beside the final count (once recorded). The verdict is drawn in
//! large letters where there is room, to be read at a glance.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{board, testing};
use crate::core::decision::board::{Board, Row};
use crate::core::decision::phase::Phase;
use crate::core::decision::record::Outcome;
use crate::core::decision::stance::{Settled, Stance};
use crate::core::decision::tally::{Tally, tally};
use crate::core::decision::verdict::{Offer, Stop, Verdict};
use crate::core::decision::{Closed, Who};
use crate::core::run::SegmentId;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::contract::View;
use crate::tui::screens::live::guide::{GuideView, Typing, clock_spans, scroll};
use crate::tui::theme::Theme;
use crate::tui::widgets::big_lines;
use crate::tui::widgets::fit::{fit, fit_line, pad, width};
use crate::tui::widgets::script::cue_lines;

/// The phases shown across the top; the fallback only where the plan has one.
fn phases(board: &Board) -> Vec<Phase> {
    Phase::ALL
        .into_iter()
        .filter(|p| *p != Phase::Fallback || board.rules.fallback.is_some())
        .collect()
}

fn short(p: Phase) -> &'static str {
    match p {
        Phase::Proposal => "proposal",
        Phase::Questions => "questions",
        Phase::Reactions => "reactions",
        Phase::Amendments => "amendments",
        Phase::Test => "test",
        Phase::Fallback => "fallback",
        Phase::Outcome => "outcome",
    }
}

pub fn render(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let Some(board) = board(v, segment) else {
        return;
    };
    let t = v.theme();
    let [strip, info, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    let list = phases(&board);
    let at = list.iter().position(|p| *p == board.phase).unwrap_or(0);
    let mut spans = Vec::new();
    for (i, p) in list.iter().enumerate() {
        if !spans.is_empty() {
            spans.push(Span::styled(" › ", t.dim));
        }
        let style = match i.cmp(&at) {
            std::cmp::Ordering::Equal => t.selected,
            std::cmp::Ordering::Less => t.dim,
            std::cmp::Ordering::Greater => t.base,
        };
        spans.push(Span::styled(short(*p), style));
    }
    Line::from(spans).render(strip, buf);
    let mut spans = vec![Span::styled(
        format!("{} · ", capital(board.phase.label())),
        t.title,
    )];
    spans.extend(clock_spans(&board.clock, t));
    spans.push(Span::styled(
        format!(" · {}", board.rules.method.label()),
        t.dim,
    ));
    Line::from(spans).render(info, buf);

    let (left, right) = if body.width >= 60 {
        let [l, _, r] = Layout::horizontal([
            Constraint::Percentage(55),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(body);
        (l, Some(r))
    } else {
        (body, None)
    };
    let decided = board.decided.is_some();
    match board.phase {
        Phase::Test | Phase::Fallback if !decided => circle(v, &board, left, buf),
        _ if decided => record(v, &board, left, buf),
        _ => proposal(v, &board, left, buf),
    }
    if let Some(right) = right {
        if testing(&board) || board.phase == Phase::Outcome || decided {
            count(v, &board, right, buf);
        } else {
            rules(v, &board, right, buf);
        }
    }
}

fn capital(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The proposal as it stands, earlier versions, and what to say now.
fn proposal(v: &View<GuideView>, board: &Board, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let key = |a| guide_key(v, a);
    let mut lines = Vec::new();
    match &board.proposal {
        Some(p) => {
            let by = p.by.as_ref().map_or(String::new(), |b| format!(" · {b}"));
            lines.push(Line::styled(
                format!("Proposal · version {}{by}", p.version),
                t.title,
            ));
            lines.push(Line::styled(p.text.clone(), t.accent));
            if let Some(prev) = board.versions.iter().rev().nth(1) {
                lines.push(Line::styled(
                    format!("was (v{}): {prev}", p.version - 1),
                    t.dim,
                ));
            }
        }
        None => {
            lines.push(Line::styled("No proposal yet", t.title));
            let mut words = format!("{} types it (Ana: the text)", key(Action::TypeProposal));
            if !board.parked.is_empty() {
                words.push_str(&format!(
                    " · {} brings a parked topic ({})",
                    key(Action::BringParked),
                    board.parked.len()
                ));
            }
            lines.push(Line::styled(words, t.key));
        }
    }
    lines.push(Line::raw(""));
    lines.extend(board.script.iter().flat_map(|c| cue_lines(c, t)));
    if let Some(h) = board.hint {
        lines.push(Line::styled(capital(h), t.dim));
    }
    // The plan's own lines for this decision, after the phase's.
    let plan = v
        .state()
        .run
        .segment(board.segment)
        .map_or(&[][..], |s| &s.script[..]);
    if !plan.is_empty() {
        lines.push(Line::styled("From the plan:", t.dim));
        lines.extend(plan.iter().flat_map(|c| cue_lines(c, t)));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The rules on screen, and how each test so far went.
fn rules(v: &View<GuideView>, board: &Board, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let mut lines = vec![Line::styled(
        format!("How we decide · {} here", board.tally.here),
        t.title,
    )];
    if let Some(q) = board.rules.quorum.filter(|q| board.tally.here < *q) {
        lines.push(Line::styled(
            format!("Quorum {q}: nothing can be decided yet."),
            t.alarm,
        ));
    }
    lines.extend(
        history(v, board)
            .into_iter()
            .map(|h| Line::styled(h, t.dim)),
    );
    // Before it is offered the rule below says when it will be.
    if matches!(board.offer, Offer::Offered) {
        lines.extend(board.offer_line().map(|o| Line::styled(o, t.soon)));
    }
    lines.extend(board.rule_lines.iter().map(|r| Line::raw(format!("· {r}"))));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// "Test 1 on v1: sent back · 6 agree, 1 block; 9 here", one line a test.
fn history(v: &View<GuideView>, board: &Board) -> Vec<String> {
    let Some(d) = v.state().decisions.get(board.segment) else {
        return Vec::new();
    };
    d.tests
        .iter()
        .enumerate()
        .filter(|(_, test)| test.closed.is_some())
        .map(|(i, test)| {
            let stances = if test.fallback {
                crate::core::decision::stance::FALLBACK_STANCES.to_vec()
            } else {
                board.rules.method.stances()
            };
            let count = tally(test, &stances, &v.state().people);
            let how = match test.closed {
                Some(Closed::SentBack(_)) => "sent back",
                Some(Closed::ToFallback) => "to the fallback",
                _ => "decided",
            };
            let what = if test.fallback { "Vote" } else { "Test" };
            let on = test
                .version
                .map_or(String::new(), |n| format!(" on v{}", n + 1));
            format!("{what} {}{on}: {how} · {}", i + 1, count.summary())
        })
        .collect()
}

fn stance_style(t: &Theme, stance: Stance) -> Style {
    match stance {
        Stance::Agree | Stance::Consent | Stance::Yes => t.ok,
        Stance::Concern | Stance::StandAside => t.soon,
        Stance::Block | Stance::Objection | Stance::No | Stance::Gradient(8) => t.alarm,
        Stance::Fingers(n) if n <= 1 => t.alarm,
        Stance::Gradient(n) if n >= 6 => t.soon,
        Stance::Pass => t.dim,
        _ => t.accent,
    }
}

/// The keys of the test on, in a line.
fn test_keys(v: &View<GuideView>, board: &Board) -> String {
    let k = |a| guide_key(v, a);
    let pass = format!("{} pass", k(Action::NoPosition));
    if board.stances.contains(&Stance::Fingers(0)) {
        return format!("0-5 fingers · {pass}");
    }
    if board.stances.contains(&Stance::Gradient(1)) {
        return format!("1-8 · {pass}");
    }
    let (yes, no) = (k(Action::Agree), k(Action::Block));
    if board.stances.contains(&Stance::Yes) {
        return format!("{yes} yes · {no} no · {pass}");
    }
    if board.stances.contains(&Stance::Objection) && board.rules.anonymous {
        return format!("{yes} no objection · {no} objection (counts)");
    }
    if board.stances.contains(&Stance::Objection) {
        let worked = k(Action::SettleObjection);
        return format!("{yes} no objection · {no} objection · {worked} worked · {pass}");
    }
    format!(
        "{yes} agree · {} concern · {} stand aside · {no} block · {pass}",
        k(Action::Concern),
        k(Action::StandAside)
    )
}

/// Everyone counted, one a line, the cursor on whoever is asked next.
fn circle(v: &View<GuideView>, board: &Board, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let what = match &board.test {
        Some(test) if test.fallback => format!("Fallback vote ({})", fallback_label(board)),
        Some(test) => match test.version {
            Some(n) => format!("Test {} on version {n}", test.number),
            None => format!("Test {}", test.number),
        },
        None => "Test 1".into(),
    };
    let mut lines = vec![
        Line::styled(what, t.title),
        Line::styled(test_keys(v, board), t.key),
    ];
    if board.rules.anonymous {
        lines.push(Line::raw(
            "Counts only: each key asks how many hands or cards showed it.",
        ));
        lines.extend(board.spread.iter().map(|b| {
            Line::from(vec![
                Span::styled(pad(&b.label, 14), stance_style(t, b.stance)),
                Span::raw(b.count.to_string()),
            ])
        }));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    // The proposal under test, up to three lines of it.
    let w = usize::from(area.width.max(1));
    let mut head_h = 1 + width(&test_keys(v, board)).div_ceil(w) as u16;
    if let Some(p) = &board.proposal {
        lines.push(Line::styled(p.text.clone(), t.accent));
        head_h += width(&p.text).div_ceil(w).clamp(1, 3) as u16;
    }
    let [top, list] = Layout::vertical([
        Constraint::Length(head_h.min(area.height / 2).max(2)),
        Constraint::Min(0),
    ])
    .areas(area);
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(top, buf);
    if board.rows.is_empty() && !board.groups.is_empty() {
        spokes(v, board, list, buf);
        return;
    }
    let name_w = board
        .rows
        .iter()
        .chain(&board.not_counted)
        .map(|r| width(&r.name))
        .max()
        .unwrap_or(4)
        .clamp(4, 16);
    let cursor = v.view.cursor.min(board.rows.len().saturating_sub(1));
    let rows = usize::from(list.height);
    let mut out: Vec<Line> = board
        .rows
        .iter()
        .enumerate()
        .skip(scroll(cursor, rows))
        .take(rows)
        .map(|(i, r)| row_line(t, r, name_w, i == cursor, false))
        .collect();
    let room = rows.saturating_sub(out.len());
    out.extend(
        board
            .not_counted
            .iter()
            .take(room)
            .map(|r| row_line(t, r, name_w, false, true)),
    );
    Paragraph::new(out).render(list, buf);
}

fn row_line(t: &Theme, r: &Row, name_w: usize, here: bool, gone: bool) -> Line<'static> {
    let mut spans = vec![
        Span::raw(if here { "▶ " } else { "  " }),
        Span::raw(pad(&r.name, name_w)),
        Span::raw(" "),
    ];
    match r.stance {
        Some(s) => spans.push(Span::styled(s.label(), stance_style(t, s))),
        None if r.arrived_during => spans.push(Span::styled("just arrived: ask", t.soon)),
        None => spans.push(Span::styled("·", t.dim)),
    }
    if let Some(ind) = &r.indicative {
        spans.push(Span::styled(format!(" (for {})", ind.group), t.accent));
    }
    if !r.text.is_empty() {
        spans.push(Span::styled(format!(" — {}", r.text), t.dim));
    } else if r.stance.is_some_and(Stance::asks_for_words) {
        spans.push(Span::styled(" — why? (enter)", t.soon));
    }
    if let Some(settled) = &r.settled {
        spans.push(Span::styled(format!(" · {}", settled_words(settled)), t.ok));
    }
    if gone {
        spans.push(Span::styled(" · left, not counted", t.dim));
    }
    let line = Line::from(spans);
    if here { line.style(t.selected) } else { line }
}

/// A spokes council: one line per group, its delegate speaking for it,
/// its mandate, and the position it gave (indicative ones counted apart).
fn spokes(v: &View<GuideView>, board: &Board, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let cursor = v.view.cursor.min(board.groups.len().saturating_sub(1));
    let name_w = board
        .groups
        .iter()
        .map(|g| width(&g.name))
        .max()
        .unwrap_or(4)
        .clamp(4, 16);
    let rows = usize::from(area.height);
    let out: Vec<Line> = board
        .groups
        .iter()
        .enumerate()
        .skip(scroll(cursor, rows))
        .take(rows)
        .map(|(i, g)| {
            let here = i == cursor;
            let by = match g.delegates.first() {
                Some((_, name)) => name.clone(),
                None => "no delegate".into(),
            };
            let mandate = match &g.mandate {
                Some(m) if m.is_imperative() => "mandated",
                _ => "open",
            };
            let mut spans = vec![
                Span::raw(if here { "▶ " } else { "  " }),
                Span::raw(pad(&g.name, name_w)),
                Span::styled(format!(" {} · {mandate} · ", fit(&by, 16)), t.dim),
            ];
            match g.stance {
                Some(s) => spans.push(Span::styled(s.label(), stance_style(t, s))),
                None => spans.push(Span::styled("not heard yet", t.dim)),
            }
            if g.indicative.is_some() {
                spans.push(Span::styled(" (indicative: to ratify)", t.accent));
            }
            // Settled before the words: a group's row has less room left.
            if let Some(settled) = &g.settled {
                spans.push(Span::styled(format!(" · {}", settled_words(settled)), t.ok));
            }
            if !g.text.is_empty() {
                spans.push(Span::styled(format!(" — {}", g.text), t.dim));
            }
            let line = fit_line(&Line::from(spans), usize::from(area.width));
            if here { line.style(t.selected) } else { line }
        })
        .collect();
    Paragraph::new(out).render(area, buf);
}

fn settled_words(settled: &Settled) -> String {
    match settled {
        Settled::Withdrawn => "withdrawn".to_string(),
        Settled::Resolved(w) => format!("resolved: {w}"),
    }
}

fn fallback_label(board: &Board) -> String {
    board
        .rules
        .fallback
        .map_or("none agreed".into(), |f| f.label())
}

/// The verdict in one or two words, for large letters.
fn verdict_word(board: &Board) -> (&'static str, fn(&Theme) -> Style) {
    if let Some(r) = &board.decided {
        return (outcome_word(r.outcome), |t| t.title);
    }
    match board.verdict {
        Verdict::Waiting => ("WAITING", |t| t.dim),
        Verdict::NoQuorum { .. } => ("NO QUORUM", |t| t.alarm),
        Verdict::Carries { .. } => ("CARRIES", |t| t.ok),
        Verdict::Stopped(Stop::Blocks(_)) => ("BLOCKED", |t| t.alarm),
        Verdict::Stopped(Stop::Objections(_)) => ("OBJECTION", |t| t.alarm),
        Verdict::Stopped(Stop::Vetoes(_)) => ("VETO", |t| t.alarm),
        Verdict::Stopped(Stop::Low { .. }) => ("DISCUSS", |t| t.soon),
        Verdict::Short(_) => ("SHORT", |t| t.soon),
    }
}

fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Adopted | Outcome::AdoptedWithStandAsides => "ADOPTED",
        Outcome::AdoptedByFallback => "ADOPTED BY VOTE",
        Outcome::Blocked => "BLOCKED",
        Outcome::SentBack => "SENT BACK",
        Outcome::NotAdopted => "NOT ADOPTED",
    }
}

/// The tally as bars, one a position, with the verdict above in large
/// letters where there is room, then what to watch for and what to do.
fn count(v: &View<GuideView>, board: &Board, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let final_count = board.decided.as_ref().map(|r| &r.count);
    let tally: &Tally = final_count.unwrap_or(&board.tally);
    let (word, style) = verdict_word(board);
    let big_h = if area.height >= 14 { 5 } else { 1 };
    let [top, rest] = Layout::vertical([Constraint::Length(big_h), Constraint::Min(0)]).areas(area);
    if big_h > 1 {
        big_lines::render(&[word.to_string()], style(t), top, buf);
    } else {
        Paragraph::new(Line::styled(word, style(t).patch(t.title)))
            .alignment(Alignment::Center)
            .render(top, buf);
    }
    let mut lines = Vec::new();
    let line = match &board.decided {
        Some(r) => format!("Recorded: {}.", r.outcome.label()),
        None => board.verdict_line(),
    };
    lines.push(Line::styled(line, style(t)));
    let label_w = tally
        .stances
        .iter()
        .map(|(s, _)| width(&bar_label(*s)))
        .max()
        .unwrap_or(6)
        .min(24);
    let most = tally.stances.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let bar_w = usize::from(rest.width)
        .saturating_sub(label_w + 6)
        .clamp(1, 40);
    for (s, n) in &tally.stances {
        let filled = if most == 0 {
            0
        } else {
            (*n as usize * bar_w).div_ceil(most as usize)
        };
        lines.push(Line::from(vec![
            Span::styled(pad(&bar_label(*s), label_w), stance_style(t, *s)),
            Span::raw(" "),
            Span::styled("█".repeat(filled), stance_style(t, *s)),
            Span::raw(format!(" {n}")),
        ]));
    }
    let passed = if tally.passed > 0 {
        format!(" ({} passed)", tally.passed)
    } else {
        String::new()
    };
    lines.push(Line::styled(
        format!(
            "{} no position{passed} · {} here",
            tally.no_position, tally.here
        ),
        t.dim,
    ));
    if board.decided.is_none() {
        lines.extend(next_keys(v, board).map(|k| Line::styled(k, t.key)));
        lines.extend(board.flags.iter().map(|f| Line::styled(f.clone(), t.soon)));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(rest, buf);
}

fn bar_label(s: Stance) -> String {
    match s {
        Stance::Fingers(n) => format!("{n} {}", if n == 1 { "finger" } else { "fingers" }),
        _ => s.label(),
    }
}

/// What the facilitator can do next, from the rule's reading.
fn next_keys(v: &View<GuideView>, board: &Board) -> Option<String> {
    let outcome = board.outcomes.first().copied()?;
    let key = |a| guide_key(v, a);
    let mut parts = Vec::new();
    let stuck = board.verdict.blocked() || matches!(board.verdict, Verdict::Short(_));
    if testing(board) && stuck {
        parts.push(format!("back to amendments ({})", key(Action::SendBack)));
    }
    if matches!(board.offer, Offer::Offered) && !board.verdict.carries() {
        parts.push(format!("the fallback vote ({})", key(Action::OpenFallback)));
    }
    parts.push(format!(
        "record: {} ({})",
        outcome.label(),
        key(Action::RecordDecision)
    ));
    Some(parts.join(" · "))
}

/// The record: outcome, final text, earlier versions, the words minuted,
/// the review date.
fn record(v: &View<GuideView>, board: &Board, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let Some(r) = &board.decided else {
        return;
    };
    let how = match (r.outcome, r.fallback) {
        (Outcome::AdoptedByFallback | Outcome::NotAdopted, Some(f)) => f.label(),
        _ => r.method.label().to_string(),
    };
    let mut lines = vec![Line::styled(
        format!("{} ({how}) at {}", capital(r.outcome.label()), v.hhmm(r.at)),
        t.title,
    )];
    if !r.text.is_empty() {
        lines.push(Line::styled(r.text.clone(), t.accent));
    }
    for (i, e) in r.earlier.iter().enumerate() {
        lines.push(Line::styled(format!("v{}: {e}", i + 1), t.dim));
    }
    for w in &r.words {
        let who = w.person.map_or("someone".to_string(), |p| {
            v.state().people.name(p).to_string()
        });
        let text = if w.text.is_empty() {
            "(no words)"
        } else {
            &w.text
        };
        let mut spans = vec![
            Span::styled(format!("{} ", w.stance.label()), stance_style(t, w.stance)),
            Span::styled(format!("({who}, test {}): ", w.test), t.dim),
            Span::raw(text.to_string()),
        ];
        if let Some(settled) = &w.settled {
            spans.push(Span::styled(format!(" · {}", settled_words(settled)), t.ok));
        }
        lines.push(Line::from(spans));
    }
    for a in &r.awaiting {
        let by = a.by.map_or(String::new(), |d| format!(" by {d}"));
        lines.push(Line::styled(
            format!(
                "To ratify: {} for {}{by} ({}); a follow-up is noted.",
                v.state().people.name(a.person),
                a.group,
                a.stance.label()
            ),
            t.soon,
        ));
    }
    lines.push(Line::styled(
        match r.review {
            Some(d) => format!("Review by {d}."),
            None => "No review date.".to_string(),
        },
        t.dim,
    ));
    lines.push(Line::styled(
        format!(
            "Kept as a Decision note (Notes, {}); names stay in the circle.",
            v.settings.key(Context::Global, Action::ShowNotes)
        ),
        t.dim,
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The large view: the proposal to read out, or the count and verdict to
/// show the room.
pub fn render_big(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let Some(board) = board(v, segment) else {
        return;
    };
    let t = v.theme();
    if testing(&board) || board.decided.is_some() || board.phase == Phase::Outcome {
        return count_big(v, &board, area, buf);
    }
    match &board.proposal {
        Some(p) => {
            let [head, body] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
            Paragraph::new(Line::styled(
                format!("Proposal, version {}", p.version),
                t.dim,
            ))
            .alignment(Alignment::Center)
            .render(head, buf);
            big_lines::render(std::slice::from_ref(&p.text), t.title, body, buf);
        }
        None => Paragraph::new(Line::styled("No proposal yet.", t.dim))
            .alignment(Alignment::Center)
            .render(area, buf),
    }
}

/// For the room: the verdict and each position's count in large letters,
/// the rule's reading in words under them.
fn count_big(v: &View<GuideView>, board: &Board, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let tally = board.decided.as_ref().map_or(&board.tally, |r| &r.count);
    let (word, style) = verdict_word(board);
    let [top, counts, words] = Layout::vertical([
        Constraint::Length(area.height / 3),
        Constraint::Min(0),
        Constraint::Length(2),
    ])
    .areas(area);
    big_lines::render(&[word.to_string()], style(t), top, buf);
    let mut items: Vec<String> = tally
        .stances
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", bar_label(*s)))
        .collect();
    if tally.no_position > 0 {
        items.push(format!("{} no position", tally.no_position));
    }
    big_lines::render(&items, t.title, counts, buf);
    let line = match &board.decided {
        Some(r) => format!("Recorded: {}. {}", r.outcome.label(), tally.summary()),
        None => format!("{} {}", board.verdict_line(), tally.summary()),
    };
    Paragraph::new(Line::styled(line, style(t)))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(words, buf);
}

/// The title and help of a decision prompt.
pub fn prompt_words(v: &View<GuideView>, purpose: Typing) -> (String, String) {
    let name = |p| v.state().people.name(p).to_string();
    match purpose {
        Typing::Proposal => (
            " The proposal ".into(),
            "\"Ana: text\" names who brings it. enter keeps it, esc cancels.".into(),
        ),
        Typing::Words(p, s) => {
            let what = match s {
                Stance::Concern => "agrees, with a concern",
                Stance::StandAside => "stands aside",
                Stance::Block => "blocks",
                _ => "objects",
            };
            (
                format!(" {} {what} ", name(p)),
                "Their words (or later). enter records it, esc cancels.".into(),
            )
        }
        Typing::Count(s) => (
            format!(" How many: {} ", s.label()),
            "Hands or cards shown. enter counts them, esc cancels.".into(),
        ),
        Typing::Settle(Who::Person(p)) => (
            format!(" {}'s objection ", name(p)),
            "How it was resolved; empty: withdrawn. enter records it.".into(),
        ),
        Typing::Settle(Who::Remark(i)) => (
            format!(" Objection {} ", i + 1),
            "How it was resolved; empty: withdrawn. enter records it.".into(),
        ),
        Typing::Indicative(p) => (
            format!(" {} speaks for… ", name(p)),
            "the bakery by 2026-12-01: the group, when it ratifies.".into(),
        ),
        Typing::Record(o) => (
            format!(" Record: {} ", o.label()),
            "The day to review it (2026-12-01, +4w, friday), or empty. enter records it.".into(),
        ),
        Typing::Review => (
            " Review date ".into(),
            "2026-12-01, +4w or friday; empty clears it. enter sets it, esc cancels.".into(),
        ),
        _ => (String::new(), String::new()),
    }
}

/// The key for `action` as the decision guide's words name it.
fn guide_key(v: &View<GuideView>, action: Action) -> String {
    super::super::key(v.settings, v.state(), action)
}
