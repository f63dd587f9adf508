//! The screens, one file or folder each (see `contract` for what every
//! screen provides and may reach), and the dispatch from the screen on show
//! to its own code. `render` lays out the whole frame.

pub mod contract;
pub mod guide;
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

use self::contract::{Ctx, Outcome, Screen};
use self::plan::PlanView;
use super::action::{Action, Bar};
use super::app::{App, Overlay};
use super::jobs::Done;
use super::widgets::{header, help, hints, note_editor, prompt};

/// Every screen's own view state.
#[derive(Debug, Clone, Default)]
pub struct Views {
    pub plan: PlanView,
}

/// An action for the screen on show.
pub fn update(screen: Screen, ctx: &mut Ctx<Views>, action: Action) -> Outcome {
    match screen {
        Screen::Plan => plan::update(&mut ctx.with(|v| &mut v.plan), action),
        _ => Outcome::Ignored,
    }
}

/// A raw key for the screen on show, while its prompt is open.
pub fn on_key(screen: Screen, ctx: &mut Ctx<Views>, key: KeyEvent) -> Outcome {
    match screen {
        Screen::Plan => plan::on_key(&mut ctx.with(|v| &mut v.plan), key),
        _ => Outcome::Ignored,
    }
}

/// A paste for the screen on show, while its prompt is open.
pub fn on_paste(screen: Screen, ctx: &mut Ctx<Views>, text: &str) -> Outcome {
    match screen {
        Screen::Plan => plan::on_paste(&mut ctx.with(|v| &mut v.plan), text),
        _ => Outcome::Ignored,
    }
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
        if let Some(line) = guide::banner(app) {
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
    if let Some(line) = guide::banner(app) {
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
        Screen::Live => live::render(app, now, body, buf),
        Screen::Plan => plan::render(&app.view(now).with(&app.views.plan), body, buf),
        Screen::Notes => notes::render(app, now, body, buf),
        Screen::People => people::render(app, now, body, buf),
        Screen::Round => round::render(app, now, body, buf),
        Screen::Stack => stack::render(app, now, body, buf),
    }
    let actions = guide::hints(app).map_or(hint_actions(app, now), |(_, a)| a);
    let foot_line = match &app.flash {
        Some(msg) => Line::styled(msg.clone(), app.settings.theme.accent),
        None => Line::default(),
    };
    if app.flash.is_some() {
        foot_line.render(foot, buf);
    } else {
        let rehearsing = app.screen == Screen::Live && app.timeline.session().rehearsal;
        let actions: Vec<Action> = match guide::hints(app) {
            None if rehearsing => Bar::RehearsalLive.actions().to_vec(),
            // A guide in a rehearsal: the simulated clock's keys first.
            Some(_) if rehearsing => Bar::RehearsalGuide
                .actions()
                .iter()
                .chain(actions)
                .copied()
                .collect(),
            _ => actions.to_vec(),
        };
        hints::render(
            &app.settings.keymap,
            &guide::help_contexts(app),
            &actions,
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
                &guide::help_contexts(app),
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
        Some(Overlay::Note(editor)) => note_editor::render(app, editor, area, buf),
        Some(Overlay::TakeUp { .. }) => notes::render_take_up(app, area, buf),
        Some(Overlay::Ask(ask)) if app.screen == Screen::People => {
            people::render_ask(app, ask, area, buf)
        }
        Some(Overlay::Ask(ask)) => stack::render_ask(app, ask, area, buf),
        _ => {}
    }
    if app.screen == Screen::Plan {
        plan::modal(&app.view(now).with(&app.views.plan), area, buf);
    }
}

/// The actions the hint bar offers on each screen, most used first.
fn hint_actions(app: &App, now: Timestamp) -> &'static [Action] {
    let round_running = app.state().rounds.current().is_some();
    match app.screen {
        Screen::Live => Bar::Live.actions(),
        Screen::Plan => plan::hints(&app.view(now).with(&app.views.plan)).actions(),
        Screen::Notes => Bar::Notes.actions(),
        Screen::Round if round_running => Bar::RoundOn.actions(),
        Screen::Round => Bar::RoundOff.actions(),
        Screen::Stack => Bar::Stack.actions(),
        Screen::People => Bar::People.actions(),
    }
}
