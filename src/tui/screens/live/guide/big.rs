//! Large views to read out or project (agreements, groups, the name game,
//! a prompt, a matter's arc), and the small typing and picking prompts.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::{Big, Entry, GuideView, Picking, Typing, pick_list, scroll};
use crate::core::breakout::GroupRef;
use crate::core::duration::clock;
use crate::core::guide::anti_retreat::{matter_arc, parties};
use crate::core::guide::icebreaker::{circle, exercises};
use crate::core::guide::welcome::agreements;
use crate::core::plan::SegmentKind;
use crate::core::run::{SegmentId, Status};
use crate::tui::action::Action;
use crate::tui::screens::contract::View;
use crate::tui::widgets::{big_lines, centered};

/// A group's name, or "a group" when it is gone.
pub(crate) fn group_name(v: &View<GuideView>, group: GroupRef) -> String {
    v.state()
        .breakouts
        .group(group)
        .map_or("a group".to_string(), |g| g.name.clone())
}

pub fn render(v: &View<GuideView>, view: Big, id: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let run = &v.state().run;
    let Some(seg) = run.segment(id) else {
        return;
    };
    let [title, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let heading = match view {
        Big::Agreements => "Our agreements".to_string(),
        Big::Groups => {
            let step = v.state().guides.step(id).value;
            let title = exercises(seg)
                .get(step)
                .map_or(String::new(), |e| e.title.clone());
            match v.state().guides.groups(id, step) {
                Some(g) if g.crews => format!("Crews · {title}"),
                _ => format!("Groups · {title}"),
            }
        }
        Big::RepeatBack => "Say them back, around the circle".to_string(),
        Big::Prompt => seg.title.clone(),
        Big::Arc => format!("The matter: {}", seg.matter.clone().unwrap_or_default()),
        Big::Decision => seg.title.clone(),
        Big::Board => format!("Groups · {}", seg.title),
        Big::Heard => format!("Report-back · {}", seg.title),
    };
    Paragraph::new(Line::styled(heading, t.title))
        .alignment(Alignment::Center)
        .render(title, buf);
    match view {
        Big::Agreements => {
            let list = if seg.kind == SegmentKind::WelcomeCircle {
                agreements(run, id).to_vec()
            } else {
                seg.agreements.clone()
            };
            if list.is_empty() {
                centre_line("The plan names no agreements here.", v, body, buf);
            } else {
                big_lines::render(&list, t.title, body, buf);
            }
        }
        Big::Groups => groups(v, id, body, buf),
        Big::RepeatBack => {
            let lines: Vec<String> = circle(&v.state().people, &v.state().guides, id)
                .into_iter()
                .map(|(p, word)| {
                    let name = v.state().people.name(p);
                    match word {
                        Some(w) => format!("{name} — {w}"),
                        None => name.to_string(),
                    }
                })
                .collect();
            columns(v, &lines, body, buf);
        }
        Big::Prompt => match v.state().guides.prompt(id) {
            Some(p) => big_lines::render(&[format!("“{p}”")], t.title, body, buf),
            None => centre_line("No prompt chosen yet.", v, body, buf),
        },
        Big::Arc => arc(v, id, body, buf),
        Big::Decision => super::decision::render_big(v, id, body, buf),
        Big::Board => super::breakout::render_big(v, id, body, buf),
        Big::Heard => super::report_back::render_big(v, id, body, buf),
    }
    let left = v
        .state()
        .countdown(&v.session().plan, v.now)
        .map_or(String::new(), |(_, r, _)| format!("{} left · ", clock(r)));
    Paragraph::new(Line::styled(format!("{left}esc closes"), t.dim))
        .alignment(Alignment::Center)
        .render(foot, buf);
}

pub(crate) fn centre_line(text: &str, v: &View<GuideView>, area: Rect, buf: &mut Buffer) {
    Paragraph::new(Line::styled(text.to_string(), v.settings.theme.dim))
        .alignment(Alignment::Center)
        .render(area, buf);
}

/// "Group 1: Ana, Kim, Lee", one group a line, bold, for reading out.
fn groups(v: &View<GuideView>, id: SegmentId, area: Rect, buf: &mut Buffer) {
    let step = v.state().guides.step(id).value;
    let Some(grouping) = v.state().guides.groups(id, step) else {
        let form = super::key(v.settings, v.state(), Action::FormGroups);
        return centre_line(&format!("No groups yet: {form} forms them."), v, area, buf);
    };
    let word = if grouping.crews { "Crew" } else { "Group" };
    let lines: Vec<String> = grouping
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let names: Vec<&str> = g.iter().map(|p| v.state().people.name(*p)).collect();
            format!("{word} {}: {}", i + 1, names.join(", "))
        })
        .collect();
    columns(v, &lines, area, buf);
}

/// Bold lines with air between them when there is room, in two columns
/// when one is not enough.
pub(crate) fn columns(v: &View<GuideView>, lines: &[String], area: Rect, buf: &mut Buffer) {
    let style = v.settings.theme.title;
    let n = lines.len() as u16;
    let spaced = n * 2 <= area.height;
    if n <= area.height || area.width < 60 {
        let mut out = Vec::new();
        for l in lines {
            if spaced && !out.is_empty() {
                out.push(Line::raw(""));
            }
            out.push(Line::styled(l.clone(), style));
        }
        let h = (out.len() as u16).min(area.height);
        Paragraph::new(out).alignment(Alignment::Center).render(
            Rect {
                y: area.y + (area.height - h) / 2,
                height: h,
                ..area
            },
            buf,
        );
        return;
    }
    let half = lines.len().div_ceil(2);
    let [a, b] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(area);
    for (part, col) in [(&lines[..half], a), (&lines[half..], b)] {
        let out: Vec<Line> = part
            .iter()
            .map(|l| Line::styled(l.clone(), style))
            .collect();
        Paragraph::new(out).render(col, buf);
    }
}

/// Every conversation on the matter, with where it stands.
fn arc(v: &View<GuideView>, id: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let Some(matter) = v.state().run.segment(id).and_then(|s| s.matter.clone()) else {
        return;
    };
    let lines: Vec<Line> = matter_arc(&v.state().run, &v.state().notes, &matter)
        .into_iter()
        .map(|item| {
            let status = match item.status {
                Status::Done => "done",
                Status::Running | Status::Paused => "now",
                Status::Skipped => "skipped",
                Status::Upcoming => "coming",
            };
            let style = if item.segment == id { t.title } else { t.base };
            Line::from(vec![
                Span::styled(format!("{status:<8}"), t.accent),
                Span::styled(item.title, style),
                Span::styled(
                    format!(
                        " · {} follow-up{}",
                        item.follow_ups,
                        if item.follow_ups == 1 { "" } else { "s" }
                    ),
                    t.dim,
                ),
            ])
        })
        .collect();
    let w = area.width.min(72);
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(centered(area, w, area.height), buf);
}

/// The typing or picking prompt, over the guide's panel.
pub fn render_entry(v: &View<GuideView>, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let Some(entry) = &v.view.entry else {
        return;
    };
    let (title, lines) = match entry {
        Entry::Text { purpose, input } => {
            let (title, help) = match purpose {
                Typing::Word(p) => (
                    format!(" {}'s word ", v.state().people.name(*p)),
                    "An animal, a word: what they chose. enter saves, esc cancels.".to_string(),
                ),
                Typing::Prompt => (
                    " Your own prompt ".to_string(),
                    "enter asks it, esc cancels.".to_string(),
                ),
                Typing::Proposal
                | Typing::Words(..)
                | Typing::Count(_)
                | Typing::Settle(_)
                | Typing::Indicative(_)
                | Typing::Review
                | Typing::Record(_) => super::decision::prompt_words(v, purpose.clone()),
                Typing::FollowUp => (
                    " Follow-up ".to_string(),
                    "Ana with Kim by friday: what. enter notes it, esc cancels.".to_string(),
                ),
                Typing::Mandate(_, question) => (
                    format!(" Mandate on: {question} "),
                    "The group's decided view (imperative), or empty for open: not \
                     discussed. enter records, esc cancels."
                        .to_string(),
                ),
                Typing::GroupNote(group) => (
                    format!(" Note for {} ", group_name(v, *group)),
                    "Filed under the group. enter notes it, esc cancels.".to_string(),
                ),
                Typing::ReportPath => (
                    " Import a group's report ".to_string(),
                    "The file's path (circlekeeper report SESSION --group NAME). \
                     enter imports, esc cancels."
                        .to_string(),
                ),
            };
            let lines = vec![
                Line::from(vec![Span::styled(format!("{}▏", input.text), t.key)]),
                Line::styled(help, t.dim),
            ];
            (title, lines)
        }
        Entry::Pick { purpose, cursor } => {
            let list = pick_list(v, *purpose);
            let (title, chosen) = match purpose {
                Picking::Introduce(p) => (
                    format!(" Introduce {} to… ", v.state().people.name(*p)),
                    Vec::new(),
                ),
                Picking::Parties => {
                    let chosen: Vec<_> = v
                        .state()
                        .run
                        .current
                        .and_then(|id| v.state().run.segment(id).map(|s| (id, s)))
                        .map(|(id, s)| {
                            parties(&v.state().people, &v.state().guides, id, s)
                                .into_iter()
                                .filter_map(|p| p.person)
                                .collect()
                        })
                        .unwrap_or_default();
                    (
                        " Voices: enter adds or removes, esc closes ".to_string(),
                        chosen,
                    )
                }
            };
            let rows = area.height.saturating_sub(2).max(1) as usize;
            let lines = list
                .iter()
                .enumerate()
                .skip(scroll(*cursor, rows))
                .take(rows)
                .map(|(i, p)| {
                    let mark = if chosen.contains(p) { "✓ " } else { "  " };
                    let line = Line::raw(format!("{mark}{}", v.state().people.name(*p)));
                    if i == *cursor {
                        line.style(t.selected)
                    } else {
                        line
                    }
                })
                .collect();
            (title, lines)
        }
    };
    let h = (lines.len() as u16 + 2).min(area.height);
    let box_area = centered(area, 64, h);
    crate::tui::widgets::clear_box(box_area, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::default().borders(Borders::ALL).title(title))
        .render(box_area, buf);
}
