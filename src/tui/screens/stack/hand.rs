//! Putting a hand up: a small prompt where a few typed letters find the
//! person, tab picks the kind of hand, and a name nobody has is offered a
//! place on the roster first.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::core::event::Event;
use crate::core::person::PersonId;
use crate::core::stack::{Jump, StackEvent};
use crate::tui::app::App;
use crate::tui::circle::{self, About, Ask};
use crate::tui::screens::people;
use crate::tui::widgets::prompt;

const KINDS: [Jump; 5] = [
    Jump::NoJump,
    Jump::PointOfProcess,
    Jump::DirectResponse,
    Jump::ClarifyingQuestion,
    Jump::PointOfInformation,
];

/// The next (or previous) kind of hand, for tab in the prompt.
pub fn cycle(jump: Jump, forward: bool) -> Jump {
    let i = KINDS.iter().position(|k| *k == jump).unwrap_or(0);
    let n = KINDS.len();
    KINDS[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// Enter in the prompt: the picked match goes on the stack; a name that
/// matches nobody asks first whether to add them to the roster.
pub fn submit(app: &mut App, mut ask: Ask, now: Timestamp) -> Option<Ask> {
    match ask.about {
        About::Hand(jump) => {
            if ask.text.trim().is_empty() {
                ask.error = Some("type a few letters of a name".into());
                return Some(ask);
            }
            let found = circle::matches(app, &ask.text);
            match found.get(ask.pick.min(found.len().saturating_sub(1))) {
                Some(person) => {
                    add(app, *person, jump, now);
                    None
                }
                None => Some(Ask::with_text(About::Newcomer(jump), ask.text)),
            }
        }
        About::Newcomer(jump) => match people::join(app, &ask.text, now) {
            Ok(p) => {
                add(app, p.id, jump, now);
                None
            }
            Err(e) => {
                let mut back = Ask::with_text(About::Hand(jump), ask.text);
                back.error = Some(e);
                Some(back)
            }
        },
        _ => None,
    }
}

/// Logs the hand, or says why the stack refuses it.
fn add(app: &mut App, person: PersonId, jump: Jump, now: Timestamp) {
    let people = &app.state.people;
    let name = people.name(person).to_string();
    if let Err(refusal) = app.state.stack.check_add(person, jump, people) {
        app.flash = Some(refusal.text(people));
        return;
    }
    app.log(now, Event::Stack(StackEvent::Add { person, jump }));
    let queue = app.state.stack.queue(&app.state.people, &app.state.run);
    if let Some(place) = queue
        .iter()
        .position(|q| q.person == person && q.jump == jump)
    {
        app.flash = Some(format!("{name} is on the stack, {}", ordinal(place + 1)));
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// What a match already is on the stack, so a second add is no surprise.
fn note(app: &App, person: PersonId) -> Option<&'static str> {
    if app.state.stack.speaker() == Some(person) {
        return Some("speaking");
    }
    app.state.stack.is_queued(person).then_some("on the stack")
}

pub fn render_ask(app: &App, ask: &Ask, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let (title, mut lines) = match ask.about {
        About::Hand(jump) => {
            let mut lines = vec![
                prompt::input("Name", &ask.text, t),
                Line::from(vec![
                    Span::styled("Kind: ", t.dim),
                    Span::styled(jump.label(), t.accent),
                    Span::styled("  (tab changes)", t.dim),
                ]),
            ];
            let found = circle::match_lines(app, ask, 5, |id| note(app, id));
            if found.is_empty() && !ask.text.trim().is_empty() {
                lines.push(Line::styled(
                    format!(
                        "nobody by that name: enter adds “{}” to the roster",
                        ask.text.trim()
                    ),
                    t.soon,
                ));
            }
            lines.extend(found);
            lines.push(Line::styled(
                "↑↓ pick · enter puts them on · esc cancels",
                t.dim,
            ));
            ("Add to the stack", lines)
        }
        About::Newcomer(jump) => (
            "Someone new",
            vec![
                Line::raw(format!(
                    "“{}” is not on the roster. Add them, then put them on the stack ({})?",
                    ask.text.trim(),
                    jump.label()
                )),
                Line::styled("y or enter adds · esc goes back", t.dim),
            ],
        ),
        _ => return,
    };
    if let Some(e) = &ask.error {
        lines.push(Line::styled(e.clone(), t.last));
    }
    prompt::render(title, lines, t.accent, area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_cycles_every_kind_of_hand() {
        let mut j = Jump::NoJump;
        for _ in 0..KINDS.len() {
            j = cycle(j, true);
        }
        assert_eq!(j, Jump::NoJump);
        assert_eq!(cycle(Jump::NoJump, false), Jump::PointOfInformation);
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(23), "23rd");
    }
}
