//! The check-in guide (check-out for a closing round): choose a prompt from
//! the rotating pool or type one, show it large, and start the round.

use jiff::SignedDuration;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{
    Big, Entry, GuideView, Typing, current, move_cursor, row, scroll, set_row, toggle_big,
};
use crate::core::duration::friendly;
use crate::core::event::Event;
use crate::core::gathering::prompts_asked;
use crate::core::guide::GuideEvent;
use crate::core::guide::check_in::{Pool, choose, is_used, offer};
use crate::core::library::Library;
use crate::core::plan::Segment;
use crate::core::round::{Direction, RoundEvent, present};
use crate::core::run::SegmentId;
use crate::tui::action::Action;
use crate::tui::jobs::Job;
use crate::tui::screens::contract::{Ctx, Screen, View};
use crate::tui::widgets::big_lines;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::script::render_script;

/// A prompt on offer and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub text: String,
    /// "from the plan", "asked before", or nothing.
    pub note: &'static str,
}

fn pool<'a>(library: &'a Library, seg: &Segment) -> (Pool, &'a [String]) {
    let which = Pool::for_kind(seg.kind);
    let list = match which {
        Pool::CheckIns => &library.check_ins,
        Pool::CheckOuts => &library.check_outs,
    };
    (which, list)
}

/// The prompts on offer: the plan's own first, then the pool in rotation
/// (not yet asked in this cycle, nor earlier in the gathering, first).
pub fn candidates(v: &View<GuideView>, seg: &Segment) -> Vec<Candidate> {
    let (which, list) = pool(&v.settings.library, seg);
    let used = &prompts_asked(
        v.session().gathering.as_ref(),
        v.view.prompts.history.used(which),
    );
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
pub fn ask(ctx: &mut Ctx<GuideView>, text: &str) {
    let Some((segment, seg)) = current(&ctx.look()).filter(|_| !text.is_empty()) else {
        return;
    };
    ctx.log(Event::Guide(GuideEvent::Prompt {
        segment,
        text: text.to_string(),
    }));
    let (which, list) = pool(&ctx.settings.library, &seg);
    let used = choose(list, ctx.view.prompts.history.used(which), text);
    if used == ctx.view.prompts.history.used(which) {
        return;
    }
    ctx.view.prompts.history.set(which, used);
    if ctx.session().rehearsal {
        return;
    }
    let memory = &ctx.view.prompts;
    if let Some(problem) = &memory.problem {
        let said = format!("{problem}; the rotation is not saved until it is fixed");
        ctx.say(said);
    } else if let Some(dir) = memory.dir.clone() {
        let history = memory.history.clone();
        ctx.run(Job::SavePrompts { dir, history });
    }
}

pub fn update(ctx: &mut Ctx<GuideView>, segment: SegmentId, action: Action) -> bool {
    let Some(seg) = ctx.state().run.segment(segment).cloned() else {
        return false;
    };
    let offered = candidates(&ctx.look(), &seg);
    if move_cursor(ctx, action, offered.len()) {
        return true;
    }
    let cursor = row(&ctx.look(), offered.len());
    match action {
        Action::AnotherPrompt if !offered.is_empty() => {
            set_row(ctx, (cursor + 1) % offered.len());
        }
        Action::UsePrompt => match offered.get(cursor) {
            Some(c) => ask(ctx, &c.text.clone()),
            None => {
                let typing = super::key(ctx.settings, ctx.state(), Action::TypePrompt);
                ctx.say(format!("no prompts in the pool; {typing} types one"));
            }
        },
        Action::TypePrompt => {
            ctx.view.entry = Some(Entry::Text {
                purpose: Typing::Prompt,
                input: LineInput::default(),
            })
        }
        Action::ShowPrompt => match ctx.state().guides.prompt(segment) {
            Some(_) => toggle_big(ctx, Big::Prompt),
            None => {
                let ask = super::key(ctx.settings, ctx.state(), Action::UsePrompt);
                ctx.say(format!("choose a prompt first ({ask} asks it)"));
            }
        },
        Action::StartRound => match present(&ctx.state().people).first() {
            Some(first) => {
                let first = first.id;
                ctx.log(Event::Round(RoundEvent::Start {
                    first,
                    direction: Direction::Clockwise,
                }));
                ctx.view.big = None;
                ctx.show(Screen::Round);
            }
            None => ctx.say("nobody on the roster for a round"),
        },
        _ => return false,
    }
    true
}

/// "8 here · 45s each · about 6m 35s with changeovers".
fn round_sum(v: &View<GuideView>, seg: &Segment) -> String {
    let n = present(&v.state().people).len() as i64;
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

pub fn render(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let Some(seg) = v.state().run.segment(segment) else {
        return;
    };
    let (which, _) = pool(&v.settings.library, seg);
    let chosen = v.state().guides.prompt(segment);
    let first = present(&v.state().people).first().map(|p| p.name.clone());
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
    let key = |a| super::key(v.settings, v.state(), a);
    let mut lines = vec![Line::styled(round_sum(v, seg), t.dim)];
    lines.push(match (&first, chosen) {
        (Some(f), Some(_)) => Line::styled(
            format!(
                "{} starts the round with {f}, clockwise, on the Round screen",
                key(Action::StartRound)
            ),
            t.accent,
        ),
        (Some(_), None) => Line::styled(
            format!(
                "{} asks the prompt under the cursor",
                key(Action::UsePrompt)
            ),
            t.accent,
        ),
        (None, _) => Line::styled("nobody on the roster for a round yet", t.dim),
    });
    Paragraph::new(lines).render(round, buf);
    let cue = v.state().run.progress(segment).map_or(0, |p| p.cue);
    render_script(&seg.script, cue, &v.settings.theme, script, buf);

    let offered = candidates(v, seg);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(problem) = &v.view.prompts.problem {
        lines.push(Line::styled(
            format!("{problem}: rotation starts fresh"),
            t.soon,
        ));
    }
    if offered.is_empty() {
        lines.push(Line::styled(
            format!(
                "No prompts in the pool: {} types one.",
                super::key(v.settings, v.state(), Action::TypePrompt)
            ),
            t.dim,
        ));
    }
    let rows = list.height.saturating_sub(lines.len() as u16) as usize;
    let cursor = row(v, offered.len());
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
