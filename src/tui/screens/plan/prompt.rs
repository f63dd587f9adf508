//! The Plan screen's prompts, which take the keys while open: a new time
//! box, the activity picker, and "end 'Open floor' and start 'Decision'?".

use crossterm::event::{KeyCode, KeyEvent};
use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::{PlanView, friendly_min, jump, picker};
use crate::core::duration::{LONGEST, parse};
use crate::core::event::Event;
use crate::core::run::{RunEvent, SegmentId};
use crate::core::state::State;
use crate::tui::screens::contract::{Ctx, Outcome, View};
use crate::tui::widgets::line_input::{Edit, LineInput};
use crate::tui::widgets::{centered, prompt};

/// A prompt of the Plan screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanPrompt {
    /// Typing a new time box for a segment.
    TimeBox {
        segment: SegmentId,
        input: LineInput,
        error: Option<String>,
    },
    /// Choosing a library activity to insert after the cursor.
    Picker { query: LineInput, cursor: usize },
    /// A jump would end the segment on: y jumps, any other key keeps it.
    ConfirmJump(SegmentId),
}

/// A key while a prompt is open; `Ignored` when none is.
pub fn on_key(ctx: &mut Ctx<PlanView>, key: KeyEvent) -> Outcome {
    let Some(prompt) = ctx.view.prompt.take() else {
        return Outcome::Ignored;
    };
    let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
    ctx.view.prompt = match prompt {
        PlanPrompt::TimeBox {
            segment,
            mut input,
            error,
        } => match input.on_key(&key) {
            Edit::Esc => None,
            Edit::Enter => set_time(ctx, segment, input),
            Edit::Changed => Some(PlanPrompt::TimeBox {
                segment,
                input,
                error: None,
            }),
            Edit::Other => Some(PlanPrompt::TimeBox {
                segment,
                input,
                error,
            }),
        },
        PlanPrompt::Picker { mut query, cursor } => {
            let found = picker::matches(&ctx.settings.library.activities, &query.text).len();
            match (key.code, query.on_key(&key)) {
                (_, Edit::Esc) => None,
                (_, Edit::Enter) if picker::insert(ctx, &query.text, cursor) => None,
                (KeyCode::Up, _) => Some(cursor.saturating_sub(1)),
                (KeyCode::Down, _) => Some((cursor + 1).min(found.saturating_sub(1))),
                (_, Edit::Changed) => Some(0),
                _ => Some(cursor),
            }
            .map(|cursor| PlanPrompt::Picker { query, cursor })
        }
        PlanPrompt::ConfirmJump(id) => {
            if yes {
                jump(ctx, id);
            } else {
                let on = ctx.state().run.current_segment();
                let title = on.map_or(String::new(), |s| s.title.clone());
                ctx.say(format!("{title} goes on"));
            }
            None
        }
    };
    Outcome::Done
}

/// Enter on a time box: sets it, or keeps the prompt with why not.
fn set_time(ctx: &mut Ctx<PlanView>, segment: SegmentId, input: LineInput) -> Option<PlanPrompt> {
    let error = match parse(&input.text) {
        Ok(time) if time.is_positive() && time <= LONGEST => {
            ctx.log(Event::Run(RunEvent::SetTime { segment, time }));
            return None;
        }
        Ok(_) => "a time box is between 1s and 24h".to_string(),
        Err(e) => e,
    };
    Some(PlanPrompt::TimeBox {
        segment,
        input,
        error: Some(error),
    })
}

/// A paste goes into the line being typed, as one edit.
pub fn on_paste(ctx: &mut Ctx<PlanView>, text: &str) -> Outcome {
    match &mut ctx.view.prompt {
        Some(PlanPrompt::TimeBox { input, .. }) => input.paste(text),
        Some(PlanPrompt::Picker { query, cursor }) => {
            query.paste(text);
            *cursor = 0;
        }
        _ => return Outcome::Ignored,
    }
    Outcome::Done
}

/// Draws the open prompt over the whole frame.
pub fn modal(v: &View<PlanView>, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    match &v.view.prompt {
        None => {}
        Some(PlanPrompt::TimeBox {
            segment,
            input,
            error,
        }) => {
            let title = v
                .state
                .run
                .segment(*segment)
                .map_or(String::new(), |s| s.title.clone());
            let mut lines = vec![
                input.line("New time box", t),
                Line::styled("e.g. 20m, 1h 30m, 90s · enter sets · esc cancels", t.dim),
            ];
            if let Some(e) = error {
                lines.push(Line::styled(e.clone(), t.last));
            }
            let box_area = centered(area, 60, lines.len() as u16 + 2);
            crate::tui::widgets::clear_box(box_area, buf);
            Paragraph::new(lines)
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .title(format!(" {title} ")),
                )
                .render(box_area, buf);
        }
        Some(PlanPrompt::Picker { query, cursor }) => {
            picker::render(&v.settings.library, query, *cursor, t, area, buf)
        }
        Some(PlanPrompt::ConfirmJump(id)) => {
            prompt::confirm(&jump_question(v.state, *id, v.now), t, area, buf)
        }
    }
}

/// "End 'Open floor' (23 min left, 6 hands waiting) and start 'Decision'?
/// y/n": what a jump would cut short, so nobody ends a running part by
/// accident.
pub fn jump_question(state: &State, target: SegmentId, now: Timestamp) -> String {
    let run = &state.run;
    let title = |id| run.segment(id).map_or(String::new(), |s| s.title.clone());
    let Some(on) = run.current else {
        return format!("Start '{}'? y/n", title(target));
    };
    let left = run.remaining(on, now);
    let mut about = vec![if left.is_positive() {
        let secs = left.as_secs();
        if secs >= 60 {
            format!("{} min left", (secs + 59) / 60)
        } else {
            format!("{secs} s left")
        }
    } else {
        format!("{} over", friendly_min(left.abs()))
    }];
    if !run.is_running() {
        about.insert(0, "paused".into());
    }
    let hands = state.stack.queue(&state.people, run).len();
    match hands {
        0 => {}
        1 => about.push("1 hand waiting".into()),
        n => about.push(format!("{n} hands waiting")),
    }
    if let Some(turn) = state.running_turn() {
        about.push(format!("{} speaking", state.people.name(turn.person)));
    }
    format!(
        "End '{}' ({}) and start '{}'? y/n",
        title(on),
        about.join(", "),
        title(target)
    )
}
