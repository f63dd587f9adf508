//! Putting a hand up: a small prompt where a few typed letters find the
//! person, tab picks the kind of hand, and a name nobody has is offered a
//! place on the roster first.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::StackView;
use crate::core::event::Event;
use crate::core::person::{PeopleEvent, PersonId};
use crate::core::roster;
use crate::core::stack::{Jump, StackEvent};
use crate::tui::screens::contract::{Ctx, Outcome, View};
use crate::tui::widgets::ask::{Answer, Ask};
use crate::tui::widgets::prompt;

/// What the hand prompt asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandAsk {
    /// A name for the stack, with the kind of hand.
    Hand(Jump),
    /// "Add Ngozi to the roster?", after a name that matched nobody.
    Newcomer(Jump),
}

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

/// A key while the prompt is open; `Ignored` when it is not.
pub fn on_key(ctx: &mut Ctx<StackView>, key: KeyEvent) -> Outcome {
    let Some(mut ask) = ctx.view.prompt.take() else {
        return Outcome::Ignored;
    };
    let yes_no = matches!(ask.about, HandAsk::Newcomer(_));
    ctx.view.prompt = match (ask.on_key(&key, yes_no), ask.about) {
        (Answer::Submit, _) => submit(ctx, ask),
        // Esc on "someone new?" goes back to the name typed.
        (Answer::Cancel, HandAsk::Newcomer(jump)) => {
            Some(Ask::with_text(HandAsk::Hand(jump), ask.input.text).offering_newcomer())
        }
        (Answer::Cancel, _) => None,
        (Answer::Tab(forward), HandAsk::Hand(jump)) => {
            ask.about = HandAsk::Hand(cycle(jump, forward));
            Some(ask)
        }
        _ => Some(ask),
    };
    Outcome::Done
}

pub fn on_paste(ctx: &mut Ctx<StackView>, text: &str) -> Outcome {
    match &mut ctx.view.prompt {
        Some(ask) if matches!(ask.about, HandAsk::Hand(_)) => {
            ask.input.paste(text);
            Outcome::Done
        }
        _ => Outcome::Ignored,
    }
}

/// Enter in the prompt: the picked match goes on the stack; a name that
/// matches nobody asks first whether to add them to the roster.
fn submit(ctx: &mut Ctx<StackView>, mut ask: Ask<HandAsk>) -> Option<Ask<HandAsk>> {
    match ask.about {
        HandAsk::Hand(jump) => {
            if ask.text().trim().is_empty() {
                ask.error = Some("type a few letters of a name".into());
                return Some(ask);
            }
            match ask.picked(&ctx.state().people) {
                Some(person) => {
                    add(ctx, person, jump);
                    None
                }
                None => Some(Ask::with_text(HandAsk::Newcomer(jump), ask.input.text)),
            }
        }
        HandAsk::Newcomer(jump) => match roster::newcomer(&ctx.state().people, ask.text()) {
            Ok(p) => {
                let id = p.id;
                ctx.log(Event::People(PeopleEvent::Joined(p)));
                add(ctx, id, jump);
                None
            }
            Err(e) => {
                let mut back =
                    Ask::with_text(HandAsk::Hand(jump), ask.input.text).offering_newcomer();
                back.error = Some(e);
                Some(back)
            }
        },
    }
}

/// Logs the hand, or says why the stack refuses it.
fn add(ctx: &mut Ctx<StackView>, person: PersonId, jump: Jump) {
    let state = ctx.timeline.state();
    let name = state.people.name(person).to_string();
    if let Err(refusal) = state.stack.check_add(person, jump, &state.people) {
        let said = refusal.text(&state.people);
        ctx.say(said);
        return;
    }
    ctx.log(Event::Stack(StackEvent::Add { person, jump }));
    let state = ctx.timeline.state();
    let queue = state.stack.queue(&state.people, &state.run);
    if let Some(place) = queue
        .iter()
        .position(|q| q.person == person && q.jump == jump)
    {
        ctx.say(format!("{name} is on the stack, {}", ordinal(place + 1)));
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
fn note(v: &View<StackView>, person: PersonId) -> Option<&'static str> {
    if v.state().stack.speaker() == Some(person) {
        return Some("speaking");
    }
    v.state().stack.is_queued(person).then_some("on the stack")
}

/// The prompt, over the whole frame.
pub fn modal(v: &View<StackView>, area: Rect, buf: &mut Buffer) {
    let Some(ask) = &v.view.prompt else {
        return;
    };
    let t = v.theme();
    let (title, mut lines) = match ask.about {
        HandAsk::Hand(jump) => {
            let mut lines = vec![
                ask.input.line("Name", t),
                Line::from(vec![
                    Span::styled("Kind: ", t.dim),
                    Span::styled(jump.label(), t.accent),
                    Span::styled("  (tab changes)", t.dim),
                ]),
            ];
            lines.extend(ask.match_lines(&v.state().people, t, 5, |id| note(v, id)));
            let typed = ask.text().trim();
            let enter = if typed.is_empty() || ask.picked(&v.state().people).is_some() {
                "enter puts them on".to_string()
            } else {
                format!("enter adds “{typed}” to the roster")
            };
            lines.push(Line::styled(
                format!("↑↓ pick · {enter} · esc cancels"),
                t.dim,
            ));
            ("Add to the stack", lines)
        }
        HandAsk::Newcomer(jump) => (
            "Someone new",
            vec![
                Line::raw(format!(
                    "“{}” is not on the roster. Add them, then put them on the stack ({})?",
                    ask.text().trim(),
                    jump.label()
                )),
                Line::styled("y or enter adds · esc goes back", t.dim),
            ],
        ),
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
