//! The breakout guide: the board of groups with every group's time left,
//! its people, delegates and mandate, and the room's view of the groups.
//!
//! The cursor walks the people, group by group, then those in no group;
//! the group under the cursor is the one a group key acts on. Moving
//! someone is one key (`]` to the next group, `[` to the one before).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::big::{centre_line, columns};
use super::{
    Big, Entry, GuideView, Typing, clock_spans, log_or_say, move_cursor, scroll, toggle_big,
};
use crate::core::breakout::actions;
use crate::core::breakout::board::{Board, GroupView};
use crate::core::breakout::mandate::{self, Mandate};
use crate::core::breakout::{GroupRef, delegate};
use crate::core::duration::clock;
use crate::core::event::Event;
use crate::core::person::PersonId;
use crate::core::run::SegmentId;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::contract::{Ctx, View};
use crate::tui::widgets::line_input::LineInput;

/// One row of the cursor: a person, and their group (`None`: in none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub person: PersonId,
    pub group: Option<u32>,
}

/// The board as it stands.
pub fn board(v: &View<GuideView>, segment: SegmentId) -> Option<Board> {
    Board::new(v.state(), &v.session().plan, segment, v.now)
}

/// The cursor's rows: each group's people in order, then the unplaced.
pub fn rows(board: &Board) -> Vec<Row> {
    let mut out: Vec<Row> = board
        .groups
        .iter()
        .flat_map(|g| {
            g.people.iter().map(move |m| Row {
                person: m.person,
                group: Some(g.group.group),
            })
        })
        .collect();
    out.extend(board.unplaced.iter().map(|m| Row {
        person: m.person,
        group: None,
    }));
    out
}

/// The group the cursor is in: its person's, else the first.
fn selected(board: &Board, cursor: usize) -> Option<&GroupView> {
    let rows = rows(board);
    let row = rows.get(cursor.min(rows.len().saturating_sub(1)));
    match row.and_then(|r| r.group) {
        Some(g) => board.groups.get(g as usize),
        None => board.groups.first(),
    }
}

/// Records the typed mandate: a view is imperative, nothing is open.
pub fn mandate(ctx: &mut Ctx<GuideView>, group: GroupRef, question: &str, text: &str) {
    let m = if text.is_empty() {
        Mandate::Open
    } else {
        Mandate::Imperative(text.to_string())
    };
    let said = format!("mandate recorded: {}", m.line());
    let made = mandate::record(ctx.state(), group, question, m);
    log_or_say(ctx, made, said);
}

/// A note filed under a group, in the segment on.
pub fn group_note(ctx: &mut Ctx<GuideView>, group: GroupRef, text: &str) {
    let made = actions::group_note(ctx.state(), group, text);
    log_or_say(ctx, made, "noted under the group");
}

pub fn update(ctx: &mut Ctx<GuideView>, segment: SegmentId, action: Action) -> bool {
    let Some(b) = board(&ctx.look(), segment) else {
        return false;
    };
    let list = rows(&b);
    if move_cursor(ctx, action, list.len()) {
        return true;
    }
    let cursor = ctx.view.cursor.min(list.len().saturating_sub(1));
    let row = list.get(cursor).copied();
    let group = selected(&b, cursor).map(|g| g.group);
    let state = ctx.state();
    match action {
        Action::FormGroups => {
            let made = actions::form(state, segment, ctx.now);
            let n = made.as_ref().map_or(0, |e| match e {
                Event::Breakout(crate::core::breakout::BreakoutEvent::Formed {
                    groups, ..
                }) => groups.len(),
                _ => 0,
            });
            let undo = super::undoes(ctx.settings, ctx.state());
            log_or_say(ctx, made, format!("{n} groups formed ({undo})"));
        }
        Action::ShowGroups => toggle_big(ctx, Big::Board),
        Action::MoveToNextGroup | Action::MoveToPrevGroup => {
            let Some(row) = row else {
                ctx.say("nobody to move yet");
                return true;
            };
            let n = b.groups.len() as i64;
            if n == 0 {
                no_groups_yet(ctx);
                return true;
            }
            let step = if action == Action::MoveToNextGroup {
                1
            } else {
                -1
            };
            let from = row.group.map_or(if step > 0 { -1 } else { n }, i64::from);
            let to = (from + step).rem_euclid(n) as u32;
            let name = b.groups[to as usize].name.clone();
            let who = state.people.name(row.person).to_string();
            let made = actions::move_to(state, segment, row.person, Some(to));
            log_or_say(ctx, made, format!("{who} to {name}"));
            // The cursor follows the person moved.
            if let Some(b) = board(&ctx.look(), segment)
                && let Some(i) = rows(&b).iter().position(|r| r.person == row.person)
            {
                ctx.view.cursor = i;
            }
        }
        Action::NameDelegate => {
            let (Some(row), Some(group)) = (row, row.and_then(|r| r.group)) else {
                ctx.say("put the cursor on someone in a group");
                return true;
            };
            let group = GroupRef {
                breakout: segment,
                group,
            };
            let who = state.people.name(row.person).to_string();
            let is_delegate = b.groups[group.group as usize]
                .delegates
                .iter()
                .any(|d| d.person == row.person);
            if is_delegate {
                let made = delegate::recall(state, group, row.person, None);
                let undo = super::undoes(ctx.settings, ctx.state());
                log_or_say(ctx, made, format!("{who} recalled ({undo})"));
            } else {
                let made = delegate::name(state, group, row.person);
                log_or_say(ctx, made, format!("{who} is a delegate"));
            }
        }
        Action::RecordMandate => {
            let Some(g) = group.and_then(|g| b.groups.get(g.group as usize)) else {
                no_groups_yet(ctx);
                return true;
            };
            // The first question still without a mandate, else the first.
            let question = g
                .mandates
                .iter()
                .find(|m| m.mandate.is_none())
                .or(g.mandates.first())
                .map(|m| m.question.clone());
            match question {
                Some(q) => {
                    ctx.view.entry = Some(Entry::Text {
                        purpose: Typing::Mandate(g.group, q),
                        input: LineInput::default(),
                    });
                }
                None => ctx.say("the plan gives this breakout no question to take a mandate on"),
            }
        }
        Action::GroupNote => match group {
            Some(g) => {
                ctx.view.entry = Some(Entry::Text {
                    purpose: Typing::GroupNote(g),
                    input: LineInput::default(),
                });
            }
            None => no_groups_yet(ctx),
        },
        Action::GroupMinute => {
            let Some(g) = group else {
                no_groups_yet(ctx);
                return true;
            };
            let made = actions::add_time(state, g, jiff::SignedDuration::from_mins(1));
            log_or_say(ctx, made, "a minute more for the group");
        }
        Action::GroupBack => {
            let Some(g) = group.and_then(|g| b.groups.get(g.group as usize)) else {
                no_groups_yet(ctx);
                return true;
            };
            let (name, back) = (g.name.clone(), !g.back);
            let made = actions::back(state, g.group, back);
            let said = if back {
                format!("{name} is back")
            } else {
                format!("{name} went out again")
            };
            log_or_say(ctx, made, said);
        }
        Action::HearGroups => {
            let made = actions::begin_report_back(state, segment);
            let next = ctx.settings.key(Context::ReportBack, Action::NextSpeaker);
            log_or_say(
                ctx,
                made,
                format!("report-back: {next} hears the next group"),
            );
            ctx.view.cursor = 0;
        }
        _ => return false,
    }
    true
}

/// "Ana, Kim" or "none yet" (with who is suggested).
fn delegates_line(g: &GroupView) -> String {
    let mut out: Vec<String> = g.delegates.iter().map(|d| d.name.clone()).collect();
    if g.missing > 0 {
        let suggest: Vec<&str> = g
            .suggested
            .iter()
            .take(g.missing as usize)
            .map(|s| s.name.as_str())
            .collect();
        if suggest.is_empty() {
            out.push(format!("{} to name", g.missing));
        } else {
            out.push(format!(
                "{} to name (suggest {})",
                g.missing,
                suggest.join(", ")
            ));
        }
    }
    out.join(", ")
}

/// "imperative", "open", "—" for each question.
fn mandates_line(g: &GroupView) -> String {
    if g.mandates.is_empty() {
        return "—".into();
    }
    g.mandates
        .iter()
        .map(|m| match &m.mandate {
            Some(m) => m.kind_label().to_string(),
            None => "—".into(),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn render(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let Some(b) = board(v, segment) else {
        return;
    };
    let [info, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let mut spans = vec![Span::styled(
        format!(
            "{} · {} group{} · groups' time ",
            b.split_line,
            b.groups.len(),
            if b.groups.len() == 1 { "" } else { "s" }
        ),
        t.dim,
    )];
    spans.extend(clock_spans(&b.clock, t));
    Line::from(spans).render(info, buf);
    if b.groups.is_empty() {
        let form = super::key(v.settings, v.state(), Action::FormGroups);
        return centre_line(
            &format!("No groups yet: {form} forms them from who is here."),
            v,
            body,
            buf,
        );
    }
    let wide = body.width >= 70;
    let [left, right] = if wide {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(body)
    } else {
        let groups = u16::try_from(b.groups.len()).unwrap_or(u16::MAX);
        let h = groups.saturating_add(2).min(body.height / 2);
        Layout::vertical([Constraint::Length(h), Constraint::Fill(1)]).areas(body)
    };
    let list = rows(&b);
    let cursor = v.view.cursor.min(list.len().saturating_sub(1));
    let chosen = selected(&b, cursor).map(|g| g.group);
    render_groups(v, &b, chosen, left, buf);
    render_people(v, &b, &list, cursor, chosen, right, buf);
}

/// One line a group: name, time left, people, delegates, back.
fn render_groups(
    v: &View<GuideView>,
    b: &Board,
    chosen: Option<GroupRef>,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &v.settings.theme;
    let mut lines = Vec::new();
    for g in &b.groups {
        let on = chosen == Some(g.group);
        let mut spans = vec![
            Span::raw(if on { "▶ " } else { "  " }),
            Span::styled(g.name.clone(), if on { t.title } else { t.base }),
            Span::raw(format!(" ({}) ", g.people.len())),
        ];
        if g.back {
            spans.push(Span::styled("back", t.ok));
        } else {
            spans.push(Span::styled(
                clock(g.clock.remaining()),
                t.stage(g.clock.stage()),
            ));
        }
        if g.delegates.is_empty() {
            spans.push(Span::styled(" · no delegate", t.soon));
        }
        lines.push(Line::from(spans));
    }
    for flag in &b.flags {
        lines.push(Line::styled(flag.clone(), t.soon));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// The chosen group in full, its people with the cursor; then those in no
/// group.
fn render_people(
    v: &View<GuideView>,
    b: &Board,
    list: &[Row],
    cursor: usize,
    chosen: Option<GroupRef>,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &v.settings.theme;
    let Some(g) = chosen.and_then(|c| b.groups.get(c.group as usize)) else {
        return;
    };
    let mut lines = vec![Line::styled(g.name.clone(), t.title)];
    if let Some(q) = &g.question {
        lines.push(Line::styled(format!("“{q}”"), t.dim));
    }
    if let Some(p) = &g.place {
        lines.push(Line::styled(format!("at {p}"), t.dim));
    }
    lines.push(Line::raw(format!("delegates: {}", delegates_line(g))));
    lines.push(Line::raw(format!(
        "mandate: {} · notes: {}",
        mandates_line(g),
        g.notes
    )));
    let head = lines.len();
    let shown: Vec<(usize, &Row)> = list
        .iter()
        .enumerate()
        .filter(|(_, r)| r.group == Some(g.group.group) || r.group.is_none())
        .collect();
    let at = shown.iter().position(|(i, _)| *i == cursor).unwrap_or(0);
    let rows = (area.height as usize).saturating_sub(head).max(1);
    let mut unplaced_said = false;
    for (i, row) in shown.iter().skip(scroll(at, rows)).take(rows) {
        if row.group.is_none() && !unplaced_said {
            lines.push(Line::styled("in no group:", t.soon));
            unplaced_said = true;
        }
        let delegate = g.delegates.iter().any(|d| d.person == row.person);
        let line = Line::from(vec![
            Span::raw(if *i == cursor { "▶ " } else { "  " }),
            Span::raw(v.state().people.name(row.person).to_string()),
            Span::styled(if delegate { "  delegate" } else { "" }, t.accent),
        ]);
        lines.push(if *i == cursor {
            line.style(t.selected)
        } else {
            line
        });
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// The groups for the room: each with its place and people, and the time
/// the groups have left.
pub fn render_big(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let Some(b) = board(v, segment) else {
        return;
    };
    if b.groups.is_empty() {
        return centre_line("No groups yet.", v, area, buf);
    }
    let lines: Vec<String> = b
        .groups
        .iter()
        .map(|g| {
            let names: Vec<&str> = g.people.iter().map(|m| m.name.as_str()).collect();
            let place = g
                .place
                .as_ref()
                .map_or(String::new(), |p| format!(" ({p})"));
            format!("{}{place}: {}", g.name, names.join(", "))
        })
        .collect();
    columns(v, &lines, area, buf);
}

/// "no groups yet: G forms them", with the key that forms them.
fn no_groups_yet(ctx: &mut Ctx<GuideView>) {
    let form = super::key(ctx.settings, ctx.state(), Action::FormGroups);
    ctx.say(format!("no groups yet: {form} forms them"));
}
