//! What the People, Round and Stack screens share: their cursors and
//! choices between keys, the one-line questions they ask (a name, a path,
//! "remove Ana?"), and an undo that takes back everything one key did.
//!
//! The screens' own logic lives in `screens::{people, round, stack}`; this
//! module only routes actions and prompt keys to them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::action::Action;
use super::app::{App, Effect, Overlay, Screen};
use super::screens::{people, round, stack};
use crate::core::event::{Event, Scope, effective};
use crate::core::names::match_names;
use crate::core::person::PersonId;
use crate::core::round::Direction;
use crate::core::stack::Jump;
use crate::core::state::State;
use crate::core::turn::Turn;

/// Cursors and choices of the three screens; not part of the session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CircleView {
    /// Row on the People screen (seat order).
    pub people: usize,
    /// Row on the Round screen: the round's order, or before a round the
    /// people present in seat order.
    pub round: usize,
    /// The way the next round goes.
    pub direction: Direction,
    /// Place in the stack's queue.
    pub stack: usize,
    /// Airtime for the whole session rather than this segment.
    pub airtime_session: bool,
}

/// What a prompt is asking for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum About {
    AddPerson,
    Rename(PersonId),
    Pronouns(PersonId),
    /// "Remove Ana?": answered with y / enter or esc.
    Remove(PersonId),
    /// The path of a sign-up list.
    Import,
    Find,
    /// A name for the stack, with the kind of hand.
    Hand(Jump),
    /// "Add Ngozi to the roster?", after a name that matched nobody.
    Newcomer(Jump),
}

impl About {
    /// A yes/no question rather than a line of text.
    fn confirms(&self) -> bool {
        matches!(self, About::Remove(_) | About::Newcomer(_))
    }

    fn is_stack(&self) -> bool {
        matches!(self, About::Hand(_) | About::Newcomer(_))
    }
}

/// An open prompt: what it asks, what has been typed, which match is
/// picked, and why the last answer was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub about: About,
    pub text: String,
    pub pick: usize,
    pub error: Option<String>,
}

impl Ask {
    pub fn new(about: About) -> Ask {
        Ask::with_text(about, "")
    }

    pub fn with_text(about: About, text: impl Into<String>) -> Ask {
        Ask {
            about,
            text: text.into(),
            pick: 0,
            error: None,
        }
    }

    /// Takes off the last character as a person sees it: a letter with its
    /// accents, a whole emoji.
    fn pop(&mut self) {
        let last = Span::raw(self.text.as_str())
            .styled_graphemes(Style::new())
            .last()
            .map(|g| g.symbol.len());
        if let Some(len) = last {
            self.text.truncate(self.text.len() - len);
        }
    }
}

/// Opens a prompt over the screen.
pub fn ask(app: &mut App, ask: Ask) {
    app.overlay = Some(Overlay::Ask(ask));
}

/// Screen actions of the People, Round and Stack screens; false when the
/// action is not theirs and the app should handle it.
pub fn update(app: &mut App, action: Action, now: Timestamp) -> bool {
    match app.screen {
        Screen::People => people::update(app, action, now),
        Screen::Round => round::update(app, action, now),
        Screen::Stack => stack::update(app, action, now),
        _ => false,
    }
}

/// A key while a prompt is open: it takes every key but ctrl-c.
pub fn on_key(app: &mut App, key: KeyEvent, now: Timestamp) -> Effect {
    let Some(Overlay::Ask(mut ask)) = app.overlay.take() else {
        return Effect::None;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Effect::Quit;
    }
    let keep = match key.code {
        KeyCode::Esc => back(ask),
        KeyCode::Char(c) if ask.about.confirms() && "yYnN".contains(c) => match c {
            'y' | 'Y' => submit(app, ask, now),
            _ => back(ask),
        },
        KeyCode::Enter => submit(app, ask, now),
        _ if ask.about.confirms() => Some(ask),
        KeyCode::Backspace => {
            ask.pop();
            ask.pick = 0;
            ask.error = None;
            Some(ask)
        }
        KeyCode::Up => {
            ask.pick = ask.pick.saturating_sub(1);
            Some(ask)
        }
        KeyCode::Down => {
            ask.pick += 1;
            Some(ask)
        }
        KeyCode::Tab | KeyCode::BackTab => {
            if let About::Hand(jump) = ask.about {
                ask.about = About::Hand(stack::cycle(jump, key.code == KeyCode::Tab));
            }
            Some(ask)
        }
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
            ask.text.push(c);
            ask.pick = 0;
            ask.error = None;
            Some(ask)
        }
        _ => Some(ask),
    };
    // A submit may have opened a new prompt of its own.
    if let Some(ask) = keep
        && app.overlay.is_none()
    {
        app.overlay = Some(Overlay::Ask(ask));
    }
    Effect::None
}

/// Esc: a newcomer question goes back to the name typed; others close.
fn back(ask: Ask) -> Option<Ask> {
    match ask.about {
        About::Newcomer(jump) => Some(Ask::with_text(About::Hand(jump), ask.text)),
        _ => None,
    }
}

/// Enter: the screen acts on the answer; `Some` keeps a prompt open.
fn submit(app: &mut App, ask: Ask, now: Timestamp) -> Option<Ask> {
    if ask.about.is_stack() {
        stack::submit(app, ask, now)
    } else {
        people::submit(app, ask, now)
    }
}

/// Takes back everything the last key did in this scope: the events still
/// in effect that were logged at the same moment (a pass and the next
/// turn, a swap of two seats).
pub fn undo(app: &mut App, scope: Scope, now: Timestamp) {
    let times: Vec<Timestamp> = effective(&app.session.events)
        .iter()
        .filter(|e| e.event.in_scope(scope))
        .map(|e| e.at)
        .collect();
    let Some(last) = times.last().copied() else {
        app.flash = Some("nothing to undo here".into());
        return;
    };
    let n = times.iter().rev().take_while(|at| **at == last).count();
    app.log_all(now, vec![Event::Undo(scope); n]);
    app.flash = Some("undone".into());
}

/// The turn running now, from a round or the stack; the later one if both.
pub fn running_turn(state: &State) -> Option<&Turn> {
    let round = state.rounds.current().and_then(|r| r.speaking());
    let stack = state.stack.speaking();
    // A voice in an anti-retreat conversation is a speaker too.
    let voice = state
        .run
        .current
        .and_then(|s| state.guides.voice_speaking(s));
    [round, stack, voice]
        .into_iter()
        .flatten()
        .max_by_key(|t| t.started)
}

/// The people a typed name matches, best first (see `names::match_names`).
pub fn matches(app: &App, text: &str) -> Vec<PersonId> {
    match_names(text, app.state.people.all())
}

/// The top matches for a prompt, the picked one marked, each with a note
/// ("on the stack") where `note` gives one.
pub fn match_lines(
    app: &App,
    ask: &Ask,
    max: usize,
    note: impl Fn(PersonId) -> Option<&'static str>,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let found = matches(app, &ask.text);
    let pick = ask.pick.min(found.len().saturating_sub(1));
    let start = pick.saturating_sub(max.saturating_sub(1));
    let mut lines: Vec<Line> = found
        .iter()
        .enumerate()
        .skip(start)
        .take(max)
        .map(|(i, id)| {
            let name = app.state.people.name(*id).to_string();
            let mut spans = if i == pick {
                vec![Span::styled(format!("› {name}"), t.selected)]
            } else {
                vec![Span::raw(format!("  {name}"))]
            };
            if let Some(n) = note(*id) {
                spans.push(Span::styled(format!("  {n}"), t.dim));
            }
            Line::from(spans)
        })
        .collect();
    if found.len() > start + max {
        lines.push(Line::styled(
            format!("  … {} more", found.len() - start - max),
            t.dim,
        ));
    }
    lines
}

/// Moves a cursor by one within `len` rows.
pub fn step(cursor: &mut usize, up: bool, len: usize) {
    *cursor = if up {
        cursor.saturating_sub(1)
    } else {
        (*cursor + 1).min(len.saturating_sub(1))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backspace_takes_whole_graphemes() {
        let mut ask = Ask::with_text(About::AddPerson, "Zoë 🌈");
        ask.pop();
        assert_eq!(ask.text, "Zoë ");
        let mut ask = Ask::with_text(About::AddPerson, "Jose\u{301}");
        ask.pop();
        assert_eq!(ask.text, "Jos");
        let mut ask = Ask::new(About::AddPerson);
        ask.pop();
        assert_eq!(ask.text, "");
    }
}
