//! The screens, one file or folder each (see `contract` for what every
//! screen provides and may reach), and the dispatch from the screen on show
//! to its own code. `render` lays out the whole frame.

pub mod contract;
pub mod live;
pub mod notes;
pub mod people;
pub mod plan;
pub mod room;
pub mod round;
pub mod stack;

use crossterm::event::KeyEvent;
use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use self::contract::{Ctx, Outcome, Screen, View};
use self::live::LiveView;
use self::live::guide;
use self::notes::NotesView;
use self::plan::PlanView;
use super::action::{Action, Bar};
use super::app::{App, Overlay};
use super::jobs::Done;
use super::keymap::Context;
use super::widgets::{header, help, hints, prompt};

/// Every screen's own view state.
#[derive(Debug, Clone, Default)]
pub struct Views {
    pub plan: PlanView,
    pub live: LiveView,
    pub notes: NotesView,
}

/// An action for the screen on show; then the keys every screen shares:
/// the run's (space, n) and quick capture of a note.
pub fn update(screen: Screen, ctx: &mut Ctx<Views>, action: Action) -> Outcome {
    let outcome = match screen {
        Screen::Plan => plan::update(&mut ctx.with(|v| &mut v.plan), action),
        Screen::Live => live::update(&mut ctx.with(|v| &mut v.live), action),
        Screen::Notes => notes::update(&mut ctx.with(|v| &mut v.notes), action),
        _ => Outcome::Ignored,
    };
    match (outcome, action) {
        (Outcome::Done, _) => Outcome::Done,
        (_, Action::WriteNote) => {
            notes::capture(&mut ctx.with(|v| &mut v.notes));
            Outcome::Done
        }
        _ => live::run::update(ctx, action),
    }
}

/// A raw key for an open prompt: the note editor (over any screen), else
/// the screen on show's.
pub fn on_key(screen: Screen, ctx: &mut Ctx<Views>, key: KeyEvent) -> Outcome {
    if ctx.view.notes.writing() {
        return notes::on_key(&mut ctx.with(|v| &mut v.notes), key);
    }
    match screen {
        Screen::Plan => plan::on_key(&mut ctx.with(|v| &mut v.plan), key),
        Screen::Live => live::on_key(&mut ctx.with(|v| &mut v.live), key),
        Screen::Notes => notes::on_key(&mut ctx.with(|v| &mut v.notes), key),
        _ => Outcome::Ignored,
    }
}

/// A paste for an open prompt, as `on_key`.
pub fn on_paste(screen: Screen, ctx: &mut Ctx<Views>, text: &str) -> Outcome {
    if ctx.view.notes.writing() {
        return notes::on_paste(&mut ctx.with(|v| &mut v.notes), text);
    }
    match screen {
        Screen::Plan => plan::on_paste(&mut ctx.with(|v| &mut v.plan), text),
        Screen::Live => live::on_paste(&mut ctx.with(|v| &mut v.live), text),
        Screen::Notes => notes::on_paste(&mut ctx.with(|v| &mut v.notes), text),
        _ => Outcome::Ignored,
    }
}

/// The keymap sections in force on a screen, innermost first; everywhere's
/// comes last.
pub fn contexts(screen: Screen, v: &View<Views>) -> Vec<Context> {
    let mut chain = match screen {
        Screen::Live => live::contexts(&v.with(&v.view.live)),
        other => vec![other.context()],
    };
    chain.push(Context::Global);
    chain
}

/// A finished job, for the screen that asked for it.
pub fn done(_screen: Screen, ctx: &mut Ctx<Views>, done: Done) {
    match done {
        Done::HarvestWritten(Ok(path)) => ctx.say(format!("harvest written: {}", path.display())),
        Done::HarvestWritten(Err(e)) => ctx.say(format!("harvest NOT written: {e}")),
        Done::PromptsSaved(Ok(())) | Done::Cancelled => {}
        Done::PromptsSaved(Err(e)) => ctx.say(e),
        Done::RosterRead { .. } => {}
        Done::Failed(e) => ctx.say(e),
    }
}

/// Smallest frame the screens are laid out for.
pub const MIN_WIDTH: u16 = 44;
pub const MIN_HEIGHT: u16 = 12;

/// Draws the whole frame.
pub fn render(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    if let Some(Overlay::RoomClock) = app.overlay {
        // The room clock is useful at any size, so it goes before the size check.
        room::render(app, now, area, buf);
        if let Some(line) = guide::banner(app.state(), &app.settings.theme) {
            line.render(Rect { height: 1, ..area }, buf);
        }
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        Paragraph::new(Line::styled(
            "make the window larger",
            app.settings.theme.title,
        ))
        .wrap(Wrap { trim: true })
        .render(area, buf);
        return;
    }
    let head = Rect { height: 2, ..area };
    let foot = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let body = Rect {
        y: area.y + 3,
        height: area.height - 4,
        ..area
    };
    header::render(app, now, head, buf);
    if let Some(line) = guide::banner(app.state(), &app.settings.theme) {
        line.render(
            Rect {
                y: area.y + 2,
                height: 1,
                ..area
            },
            buf,
        );
    }
    match app.screen {
        Screen::Plan => plan::render(&app.view(now).with(&app.views.plan), body, buf),
        Screen::Live => live::render(&app.view(now).with(&app.views.live), body, buf),
        Screen::Notes => notes::render(&app.view(now).with(&app.views.notes), body, buf),
        Screen::People => people::render(app, now, body, buf),
        Screen::Round => round::render(app, now, body, buf),
        Screen::Stack => stack::render(app, now, body, buf),
    }
    let contexts = contexts(app.screen, &app.view(now));
    let foot_line = match &app.flash {
        Some(msg) => Line::styled(msg.clone(), app.settings.theme.accent),
        None => Line::default(),
    };
    if app.flash.is_some() {
        foot_line.render(foot, buf);
    } else {
        hints::render(
            &app.settings.keymap,
            &contexts,
            &hint_actions(app, now),
            &app.settings.theme,
            foot,
            buf,
        );
    }
    match &app.overlay {
        Some(Overlay::Help) => {
            let hide: &[Action] = if app.timeline.session().rehearsal {
                &[]
            } else {
                &[
                    Action::Faster,
                    Action::Slower,
                    Action::JumpAhead,
                    Action::PauseClock,
                ]
            };
            help::render(
                &app.settings.keymap,
                &contexts,
                hide,
                &app.settings.theme,
                area,
                buf,
            )
        }
        Some(Overlay::ConfirmClose) => prompt::confirm(
            "End the session now? Segments not run stay as they are. y ends it, any other key keeps going.",
            &app.settings.theme,
            area,
            buf,
        ),
        Some(Overlay::Ask(ask)) if app.screen == Screen::People => {
            people::render_ask(app, ask, area, buf)
        }
        Some(Overlay::Ask(ask)) => stack::render_ask(app, ask, area, buf),
        _ => {}
    }
    let v = app.view(now);
    match app.screen {
        Screen::Plan => plan::modal(&v.with(&app.views.plan), area, buf),
        Screen::Notes => notes::modal(&v.with(&app.views.notes), area, buf),
        _ => {}
    }
    // The note editor floats over every screen.
    if app.views.notes.writing() && app.screen != Screen::Notes {
        notes::modal(&v.with(&app.views.notes), area, buf);
    }
}

/// The actions the hint bar offers on each screen, most used first.
fn hint_actions(app: &App, now: Timestamp) -> Vec<Action> {
    let round_running = app.state().rounds.current().is_some();
    let v = app.view(now);
    match app.screen {
        Screen::Live => live::hints(&v.with(&app.views.live)),
        Screen::Plan => plan::hints(&v.with(&app.views.plan)).actions().to_vec(),
        Screen::Notes => notes::hints(&v.with(&app.views.notes)).actions().to_vec(),
        Screen::Round if round_running => Bar::RoundOn.actions().to_vec(),
        Screen::Round => Bar::RoundOff.actions().to_vec(),
        Screen::Stack => Bar::Stack.actions().to_vec(),
        Screen::People => Bar::People.actions().to_vec(),
    }
}
