//! The screens, one file or folder each (see `contract` for what every
//! screen provides and may reach), and the dispatch from the screen on show
//! to its own code. The frame around them (status bar, hint bar, help) is
//! `tui::frame`.

pub mod contract;
pub mod live;
pub mod notes;
pub mod people;
pub mod plan;
pub mod round;
pub mod stack;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use self::contract::{Ctx, Outcome, Screen, View};
use self::live::LiveView;
use self::notes::NotesView;
use self::people::PeopleView;
use self::plan::PlanView;
use self::round::RoundView;
use self::stack::StackView;
use super::action::Action;
use super::jobs::Done;
use super::keymap::Context;

/// Every screen's own view state.
#[derive(Debug, Clone, Default)]
pub struct Views {
    pub plan: PlanView,
    pub live: LiveView,
    pub round: RoundView,
    pub stack: StackView,
    pub notes: NotesView,
    pub people: PeopleView,
}

/// An action for the screen on show; then the keys every screen shares:
/// the run's (space, n) and quick capture of a note.
pub fn update(screen: Screen, ctx: &mut Ctx<Views>, action: Action) -> Outcome {
    let outcome = match screen {
        Screen::Plan => plan::update(&mut ctx.with(|v| &mut v.plan), action),
        Screen::Live => live::update(&mut ctx.with(|v| &mut v.live), action),
        Screen::Round => round::update(&mut ctx.with(|v| &mut v.round), action),
        Screen::Stack => stack::update(&mut ctx.with(|v| &mut v.stack), action),
        Screen::Notes => notes::update(&mut ctx.with(|v| &mut v.notes), action),
        Screen::People => people::update(&mut ctx.with(|v| &mut v.people), action),
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
        Screen::Round => Outcome::Ignored,
        Screen::Stack => stack::on_key(&mut ctx.with(|v| &mut v.stack), key),
        Screen::Notes => notes::on_key(&mut ctx.with(|v| &mut v.notes), key),
        Screen::People => people::on_key(&mut ctx.with(|v| &mut v.people), key),
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
        Screen::Round => Outcome::Ignored,
        Screen::Stack => stack::on_paste(&mut ctx.with(|v| &mut v.stack), text),
        Screen::Notes => notes::on_paste(&mut ctx.with(|v| &mut v.notes), text),
        Screen::People => people::on_paste(&mut ctx.with(|v| &mut v.people), text),
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
        Done::RosterRead { path, list } => {
            people::roster_read(&mut ctx.with(|v| &mut v.people), &path, list)
        }
        Done::ReportRead {
            path,
            segment,
            into,
            report,
        } => live::guide::report_back::report_read(
            &mut ctx.with(|v| &mut v.live.guide),
            &path,
            segment,
            into,
            report,
        ),
        Done::Failed(e) => ctx.say(e),
    }
}

/// Draws the screen on show into the body of the frame.
pub fn render(screen: Screen, v: &View<Views>, area: Rect, buf: &mut Buffer) {
    let views = v.view;
    match screen {
        Screen::Plan => plan::render(&v.with(&views.plan), area, buf),
        Screen::Live => live::render(&v.with(&views.live), area, buf),
        Screen::Round => round::render(&v.with(&views.round), area, buf),
        Screen::Stack => stack::render(&v.with(&views.stack), area, buf),
        Screen::Notes => notes::render(&v.with(&views.notes), area, buf),
        Screen::People => people::render(&v.with(&views.people), area, buf),
    }
}

/// Draws an open prompt over the whole frame: the screen on show's, and
/// the note editor over any screen.
pub fn modal(screen: Screen, v: &View<Views>, area: Rect, buf: &mut Buffer) {
    let views = v.view;
    match screen {
        Screen::Plan => plan::modal(&v.with(&views.plan), area, buf),
        Screen::Stack => stack::modal(&v.with(&views.stack), area, buf),
        Screen::People => people::modal(&v.with(&views.people), area, buf),
        Screen::Live | Screen::Round | Screen::Notes => {}
    }
    if screen == Screen::Notes || views.notes.writing() {
        notes::modal(&v.with(&views.notes), area, buf);
    }
}

/// The actions the hint bar offers on the screen on show, most used first.
pub fn hints(screen: Screen, v: &View<Views>) -> Vec<Action> {
    let views = v.view;
    let bar = match screen {
        Screen::Live => return live::hints(&v.with(&views.live)),
        Screen::Plan => plan::hints(&v.with(&views.plan)),
        Screen::Round => round::hints(&v.with(&views.round)),
        Screen::Stack => stack::hints(&v.with(&views.stack)),
        Screen::Notes => notes::hints(&v.with(&views.notes)),
        Screen::People => people::hints(&v.with(&views.people)),
    };
    bar.actions().to_vec()
}
