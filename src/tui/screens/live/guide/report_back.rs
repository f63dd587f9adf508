//! The report-back guide: delegates heard group by group, each with their
//! time box and its warnings, their report noted under their group, the
//! groups not yet heard in sight, and reports from other laptops imported
//! by path (read by a job, never in the key handler).

use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::big::{centre_line, columns};
use super::{
    Big, Entry, GuideView, Typing, clock_spans, log_or_say, move_cursor, scroll, toggle_big,
};
use crate::core::breakout::report::{GroupReport, import as import_report};
use crate::core::breakout::report_back::{self, ReportBack};
use crate::core::breakout::{GroupRef, Imported};
use crate::core::decision::record::Refused;
use crate::core::duration::clock;
use crate::core::event::Event;
use crate::core::run::SegmentId;
use crate::tui::action::Action;
use crate::tui::jobs::Job;
use crate::tui::screens::contract::{Ctx, View};
use crate::tui::widgets::line_input::LineInput;

pub fn board(v: &View<GuideView>, segment: SegmentId) -> Option<ReportBack> {
    ReportBack::new(v.state(), &v.session().plan, segment, v.now)
}

/// The group a note or an import goes to: the one reporting, else the one
/// under the cursor.
fn target(r: &ReportBack, cursor: usize) -> Option<GroupRef> {
    r.speaking
        .as_ref()
        .map(|s| s.group)
        .or_else(|| r.groups.get(cursor).map(|h| h.group))
}

pub fn update(ctx: &mut Ctx<GuideView>, segment: SegmentId, action: Action) -> bool {
    let Some(r) = board(&ctx.look(), segment) else {
        return false;
    };
    if move_cursor(ctx, action, r.groups.len()) {
        return true;
    }
    let cursor = ctx.view.cursor.min(r.groups.len().saturating_sub(1));
    let (state, plan) = (ctx.state(), &ctx.session().plan);
    match action {
        Action::NextSpeaker => {
            let name = r
                .next
                .and_then(|g| r.groups.iter().find(|h| h.group == g))
                .map_or(String::new(), |h| h.name.clone());
            let made = report_back::call_next(state, plan, segment, ctx.now);
            log_or_say(ctx, made, format!("{name} reporting"));
        }
        Action::CallGroup => {
            let Some(h) = r.groups.get(cursor) else {
                ctx.say("there are no groups to hear");
                return true;
            };
            let name = h.name.clone();
            let made = report_back::call(state, plan, segment, h.group.group, ctx.now);
            log_or_say(ctx, made, format!("{name} reporting"));
        }
        Action::EndTurn => {
            let made = report_back::end(state, segment);
            log_or_say(ctx, made, "report ended");
        }
        Action::GroupNote => match target(&r, cursor) {
            Some(g) => {
                ctx.view.entry = Some(Entry::Text {
                    purpose: Typing::GroupNote(g),
                    input: LineInput::default(),
                });
            }
            None => ctx.say("there are no groups to note for"),
        },
        Action::ImportReport => {
            ctx.view.entry = Some(Entry::Text {
                purpose: Typing::ReportPath,
                input: LineInput::default(),
            });
        }
        Action::ShowGroups => toggle_big(ctx, Big::Heard),
        _ => return false,
    }
    true
}

/// Enter on the path: the report is read by a job; the group under the
/// cursor takes it if no group has its name.
pub fn import(ctx: &mut Ctx<GuideView>, path: &str) {
    let Some(segment) = ctx.state().run.current else {
        return;
    };
    if path.is_empty() {
        ctx.say("no path given: nothing imported");
        return;
    }
    let into = board(&ctx.look(), segment).and_then(|r| {
        r.groups
            .get(ctx.view.cursor.min(r.groups.len().saturating_sub(1)))
            .map(|h| h.group.group)
    });
    ctx.run(Job::ReadReport {
        path: PathBuf::from(path),
        segment,
        into,
    });
    ctx.say(format!("reading {path}…"));
}

/// The report read: it lands as its group's report, or the status bar
/// says why not (the file's line and column, a duplicate, a note kept in
/// the circle).
pub fn report_read(
    ctx: &mut Ctx<GuideView>,
    path: &Path,
    segment: SegmentId,
    into: Option<u32>,
    report: Result<Box<GroupReport>, String>,
) {
    let report = match report {
        Ok(r) => r,
        Err(e) => return ctx.say(format!("NOT imported: {e}")),
    };
    let state = ctx.state();
    // The group of the same name takes it; else the one chosen by the cursor.
    let named = crate::core::breakout::plan::breakout_in_run(&state.run, segment)
        .map(|b| state.breakouts.or_planned(b, &state.run))
        .is_some_and(|b| {
            b.groups
                .iter()
                .any(|g| g.name.eq_ignore_ascii_case(report.group.trim()))
        });
    let into = if named { None } else { into };
    let file = path.display().to_string();
    match import_report(state, &report, &file, segment, into) {
        Ok(event) => {
            let landed = match &event {
                Event::Breakout(crate::core::breakout::BreakoutEvent::Imported(imp)) => {
                    landed_in(ctx, imp)
                }
                _ => String::new(),
            };
            ctx.log(event);
            ctx.say(format!("imported {}'s report{landed}", report.group.trim()));
        }
        Err(Refused(why)) => ctx.say(format!("NOT imported: {file}: {why}")),
    }
}

/// " into Kitchen" when it landed under another name.
fn landed_in(ctx: &Ctx<GuideView>, imp: &Imported) -> String {
    match ctx.state().breakouts.group(imp.group) {
        Some(g) if !g.name.eq_ignore_ascii_case(imp.origin.group.trim()) => {
            format!(" into {}", g.name)
        }
        _ => String::new(),
    }
}

pub fn render(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let Some(r) = board(v, segment) else {
        return;
    };
    let [info, now_line, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    let heard = r.groups.iter().filter(|h| h.heard).count();
    let mut spans = vec![Span::styled(
        format!(
            "{heard} of {} groups heard · {} each · ",
            r.groups.len(),
            clock(r.per_delegate)
        ),
        t.dim,
    )];
    spans.extend(clock_spans(&r.clock, t));
    Line::from(spans).render(info, buf);
    match &r.speaking {
        Some(s) => {
            let mut spans = vec![Span::styled(format!("Now: {}", s.name), t.title)];
            if !s.delegates.is_empty() {
                spans.push(Span::raw(format!(" ({})", s.delegates.join(", "))));
            }
            spans.push(Span::raw("  "));
            spans.extend(clock_spans(&s.clock, t));
            Line::from(spans).render(now_line, buf);
        }
        None => {
            let next = r
                .next
                .and_then(|g| r.groups.iter().find(|h| h.group == g))
                .map_or("every group has been heard".to_string(), |h| {
                    format!(
                        "Next: {} ({})",
                        h.name,
                        super::key(v.settings, v.state(), Action::NextSpeaker)
                    )
                });
            Line::styled(next, t.dim).render(now_line, buf);
        }
    }
    if r.groups.is_empty() {
        let why = r
            .flags
            .first()
            .cloned()
            .unwrap_or_else(|| "No groups to hear.".into());
        return centre_line(&why, v, body, buf);
    }
    let cursor = v.view.cursor.min(r.groups.len().saturating_sub(1));
    let mut lines = Vec::new();
    let rows = (body.height as usize).saturating_sub(2).max(1);
    for (i, h) in r.groups.iter().enumerate().skip(scroll(cursor, rows)) {
        let (mark, style) = if h.speaking {
            ("● ", t.ok)
        } else if h.heard {
            ("✓ ", t.dim)
        } else {
            ("· ", t.base)
        };
        let mut spans = vec![
            Span::raw(if i == cursor { "▶" } else { " " }),
            Span::styled(mark, style),
            Span::styled(h.name.clone(), style),
        ];
        if !h.delegates.is_empty() {
            spans.push(Span::raw(format!(" ({})", h.delegates.join(", "))));
        }
        if h.spoken.is_positive() {
            spans.push(Span::styled(format!(" {}", clock(h.spoken)), t.dim));
        }
        if let Some(o) = &h.imported {
            // The file's name is enough to tell reports apart on screen.
            let file = Path::new(&o.file)
                .file_name()
                .map_or(o.file.clone(), |f| f.to_string_lossy().into_owned());
            spans.push(Span::styled(format!(" imported from {file}"), t.accent));
        }
        if let Some(first) = h.report.first() {
            let more = h.report.len() - 1;
            let tail = if more > 0 {
                format!(" (+{more})")
            } else {
                String::new()
            };
            spans.push(Span::styled(format!(" — {first}{tail}"), t.dim));
        }
        let line = Line::from(spans);
        lines.push(if i == cursor {
            line.style(t.selected)
        } else {
            line
        });
    }
    if !r.not_yet_heard.is_empty() {
        lines.push(Line::styled(
            format!("Not yet heard: {}", r.not_yet_heard.join(", ")),
            t.soon,
        ));
    }
    for flag in &r.flags {
        lines.push(Line::styled(flag.clone(), t.soon));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(body, buf);
}

/// The groups for the room: who reports now, who is still to come.
pub fn render_big(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let Some(r) = board(v, segment) else {
        return;
    };
    if r.groups.is_empty() {
        return centre_line("No groups to hear.", v, area, buf);
    }
    let lines: Vec<String> = r
        .groups
        .iter()
        .map(|h| {
            let mark = if h.speaking {
                "now"
            } else if h.heard {
                "heard"
            } else {
                "to come"
            };
            format!("{} · {mark}", h.name)
        })
        .collect();
    columns(v, &lines, area, buf);
}
