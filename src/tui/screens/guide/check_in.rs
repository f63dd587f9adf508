//! The check-in guide (check-out for a closing round): choose a prompt from
//! the rotating pool or type one, show it large, and start the round.

use jiff::{SignedDuration, Timestamp};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Big, Entry, Typing, current, move_cursor, scroll, toggle_big};
use crate::core::duration::friendly;
use crate::core::event::Event;
use crate::core::guide::GuideEvent;
use crate::core::guide::check_in::{Pool, choose, is_used, offer};
use crate::core::plan::Segment;
use crate::core::round::{Direction, RoundEvent, present};
use crate::core::run::SegmentId;
use crate::store::prompts;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::widgets::big_lines;
use crate::tui::widgets::script::render_script;

/// A prompt on offer and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub text: String,
    /// "from the plan", "asked before", or nothing.
    pub note: &'static str,
}

fn pool<'a>(app: &'a App, seg: &Segment) -> (Pool, &'a [String]) {
    let which = Pool::for_kind(seg.kind);
    let list = match which {
        Pool::CheckIns => &app.settings.library.check_ins,
        Pool::CheckOuts => &app.settings.library.check_outs,
    };
    (which, list)
}

/// The prompts on offer: the plan's own first, then the pool in rotation
/// (not yet asked in this cycle first).
pub fn candidates(app: &App, seg: &Segment) -> Vec<Candidate> {
    let (which, list) = pool(app, seg);
    let used = app.guide.prompts.history.used(which);
    let mut out: Vec<Candidate> = seg
        .prompt
        .iter()
        .map(|p| Candidate {
            text: p.clone(),
            note: "from the plan",
        })
        .collect();
    for p in offer(list, used) {
        if !out.iter().any(|c| c.text == *p) {
            out.push(Candidate {
                text: p.clone(),
                note: if is_used(list, used, p) {
                    "asked before"
                } else {
                    ""
                },
            });
        }
    }
    out
}

/// Logs the prompt for the current segment and remembers it in the
/// rotation, on disk when it can. A rotation that cannot be saved is said
/// in the flash line; the run goes on.
pub fn ask(app: &mut App, text: &str, now: Timestamp) {
    let Some((segment, seg)) = current(app).filter(|_| !text.is_empty()) else {
        return;
    };
    app.log(
        now,
        Event::Guide(GuideEvent::Prompt {
            segment,
            text: text.to_string(),
        }),
    );
    let (which, list) = pool(app, &seg);
    let used = choose(list, app.guide.prompts.history.used(which), text);
    if used == app.guide.prompts.history.used(which) {
        return;
    }
    let memory = &mut app.guide.prompts;
    memory.history.set(which, used);
    if app.timeline.session().rehearsal {
        return;
    }
    if let Some(problem) = &memory.problem {
        app.flash = Some(format!(
            "{problem}; the rotation is not saved until it is fixed"
        ));
    } else if let Some(dir) = &memory.dir
        && let Err(e) = prompts::save(dir, &memory.history)
    {
        app.flash = Some(format!("prompt rotation not saved: {e}"));
    }
}

pub fn update(app: &mut App, segment: SegmentId, action: Action, now: Timestamp) -> bool {
    let Some(seg) = app.timeline.state().run.segment(segment).cloned() else {
        return false;
    };
    let offered = candidates(app, &seg);
    if move_cursor(app, action, offered.len()) {
        return true;
    }
    let cursor = app.guide.cursor.min(offered.len().saturating_sub(1));
    match action {
        Action::AnotherPrompt if !offered.is_empty() => {
            app.guide.cursor = (cursor + 1) % offered.len();
        }
        Action::UsePrompt => match offered.get(cursor) {
            Some(c) => ask(app, &c.text.clone(), now),
            None => app.flash = Some("no prompts in the pool; e types one".into()),
        },
        Action::TypePrompt => {
            app.guide.entry = Some(Entry::Text {
                purpose: Typing::Prompt,
                text: String::new(),
            })
        }
        Action::ShowPrompt => match app.timeline.state().guides.prompt(segment) {
            Some(_) => toggle_big(app, Big::Prompt),
            None => app.flash = Some("choose a prompt first (enter asks it)".into()),
        },
        Action::StartRound => match present(&app.timeline.state().people).first() {
            Some(first) => {
                let first = first.id;
                app.log(
                    now,
                    Event::Round(RoundEvent::Start {
                        first,
                        direction: Direction::Clockwise,
                    }),
                );
                app.guide.big = None;
                app.screen = Screen::Round;
            }
            None => app.flash = Some("nobody on the roster for a round".into()),
        },
        _ => return false,
    }
    true
}

/// "8 here · 45s each · about 6m 35s with changeovers".
fn round_sum(app: &App, seg: &Segment) -> String {
    let n = present(&app.timeline.state().people).len() as i64;
    let mut text = format!("{n} here");
    if let Some(each) = seg.per_speaker.filter(|_| n > 0) {
        let gap = seg.transition.unwrap_or(SignedDuration::ZERO);
        let total = SignedDuration::from_secs(each.as_secs() * n + gap.as_secs() * (n - 1).max(0));
        text.push_str(&format!(
            " · {} each · about {}",
            friendly(each),
            friendly(total)
        ));
        if !gap.is_zero() {
            text.push_str(" with changeovers");
        }
    }
    text
}

pub fn render(app: &App, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &app.settings.theme;
    let Some(seg) = app.timeline.state().run.segment(segment) else {
        return;
    };
    let (which, _) = pool(app, seg);
    let chosen = app.timeline.state().guides.prompt(segment);
    let first = present(&app.timeline.state().people)
        .first()
        .map(|p| p.name.clone());
    let prompt_h = if chosen.is_some() { 5 } else { 0 };
    let script_h = if seg.script.is_empty() { 0 } else { 4 };
    let [title, prompt, round, script, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(prompt_h),
        Constraint::Length(2),
        Constraint::Length(script_h),
        Constraint::Min(0),
    ])
    .areas(area);
    let heading = format!(
        "{}{} prompt",
        which.label()[..1].to_uppercase(),
        &which.label()[1..]
    );
    Line::styled(heading, t.title).render(title, buf);
    if let Some(p) = chosen {
        big_lines::render(&[format!("“{p}”")], t.title, prompt, buf);
    }
    let mut lines = vec![Line::styled(round_sum(app, seg), t.dim)];
    lines.push(match (&first, chosen) {
        (Some(f), Some(_)) => Line::styled(
            format!("s starts the round with {f}, clockwise, on the Round screen"),
            t.accent,
        ),
        (Some(_), None) => Line::styled("enter asks the prompt under the cursor", t.accent),
        (None, _) => Line::styled("nobody on the roster for a round yet", t.dim),
    });
    Paragraph::new(lines).render(round, buf);
    let cue = app
        .timeline
        .state()
        .run
        .progress(segment)
        .map_or(0, |p| p.cue);
    render_script(&seg.script, cue, &app.settings.theme, script, buf);

    let offered = candidates(app, seg);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(problem) = &app.guide.prompts.problem {
        lines.push(Line::styled(
            format!("{problem}: rotation starts fresh"),
            t.soon,
        ));
    }
    if offered.is_empty() {
        lines.push(Line::styled("No prompts in the pool: e types one.", t.dim));
    }
    let rows = list.height.saturating_sub(lines.len() as u16) as usize;
    let cursor = app.guide.cursor.min(offered.len().saturating_sub(1));
    for (i, c) in offered
        .iter()
        .enumerate()
        .skip(scroll(cursor, rows))
        .take(rows)
    {
        let asked = chosen == Some(c.text.as_str());
        let line = Line::from(vec![
            Span::raw(if i == cursor { "▶ " } else { "  " }),
            Span::styled(
                format!("“{}”", c.text),
                if c.note == "asked before" {
                    t.dim
                } else {
                    t.base
                },
            ),
            Span::styled(
                match (asked, c.note) {
                    (true, _) => "  ← asked now".to_string(),
                    (false, "") => String::new(),
                    (false, note) => format!("  {note}"),
                },
                t.dim,
            ),
        ]);
        lines.push(if i == cursor {
            line.style(t.selected)
        } else {
            line
        });
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(list, buf);
}
