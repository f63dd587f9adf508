//! What a person agreed to be named for, from the People screen: their
//! own name in the harvest although they were in a confidential segment,
//! the name of a confidential segment they were in, their position in a
//! decision. Space records this person's agreement (or withdraws it);
//! `a` records that everyone present agreed, for an assembly saying yes
//! together. Each is one logged consent event; `u` takes it back.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::PeopleView;
use crate::core::consent::{self, Subject};
use crate::core::person::PersonId;
use crate::core::state::State;
use crate::tui::keymap::Context;
use crate::tui::screens::contract::{Ctx, Outcome, View};
use crate::tui::widgets::consent::standing;
use crate::tui::widgets::prompt;

/// The open list: whose consents, and the row under the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naming {
    pub person: PersonId,
    pub cursor: usize,
}

/// What a person may be asked to agree to, in the order listed.
pub fn subjects(state: &State, person: PersonId) -> Vec<Subject> {
    let asks_me = |s: Subject| {
        state
            .ask(s)
            .is_some_and(|a| a.people.iter().any(|p| p.person == person))
    };
    let mut out = vec![Subject::TookPart];
    out.extend(
        state
            .run
            .order
            .iter()
            .filter(|id| state.consent.started(**id))
            .map(|id| Subject::Segment(*id)),
    );
    out.extend(
        state
            .decisions
            .all()
            .iter()
            .map(|d| Subject::Positions(d.segment)),
    );
    out.retain(|s| asks_me(*s));
    out
}

/// Opens the list for a person, or says why there is nothing to ask.
pub fn open(ctx: &mut Ctx<PeopleView>, person: PersonId) {
    if subjects(ctx.state(), person).is_empty() {
        let name = ctx.state().people.name(person).to_string();
        ctx.say(format!(
            "{name} was in no confidential segment and took no position: nothing needs their consent"
        ));
        return;
    }
    ctx.view.naming = Some(Naming { person, cursor: 0 });
}

/// A key while the list is open.
pub fn on_key(ctx: &mut Ctx<PeopleView>, key: &KeyEvent) -> Outcome {
    let Some(mut open) = ctx.view.naming.take() else {
        return Outcome::Ignored;
    };
    let list = subjects(ctx.state(), open.person);
    let cursor = open.cursor.min(list.len().saturating_sub(1));
    let subject = list.get(cursor).copied();
    let ask = subject.and_then(|s| ctx.state().ask(s));
    match key.code {
        KeyCode::Esc => return Outcome::Done,
        KeyCode::Up | KeyCode::Char('k') => open.cursor = cursor.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => {
            open.cursor = (cursor + 1).min(list.len().saturating_sub(1))
        }
        KeyCode::Char(' ') | KeyCode::Enter => {
            if let (Some(subject), Some(ask)) = (subject, &ask) {
                let me = open.person;
                let agreed = ask
                    .people
                    .iter()
                    .any(|a| a.person == me && a.agreed.is_some());
                let name = ctx.state().people.name(me).to_string();
                let what = words(ctx.state(), subject);
                if agreed {
                    ctx.log(consent::withdraw(subject, vec![me]));
                    ctx.say(format!(
                        "{name} withdrew consent to {what} — {}",
                        ctx.settings.undoes(Context::People)
                    ));
                } else {
                    ctx.log(consent::agree(subject, vec![me]));
                    ctx.say(format!(
                        "{name} agreed to {what} — {}",
                        ctx.settings.undoes(Context::People)
                    ));
                }
            }
        }
        KeyCode::Char('a') => {
            if let (Some(subject), Some(ask)) = (subject, &ask) {
                let here = ask.here();
                if here.is_empty() {
                    ctx.say("nobody it needs is here now");
                } else {
                    let n = here.len();
                    ctx.log(consent::agree(subject, here));
                    let what = words(ctx.state(), subject);
                    ctx.say(format!(
                        "all {n} present agreed to {what} — {}",
                        ctx.settings.undoes(Context::People)
                    ));
                }
            }
        }
        _ => {}
    }
    ctx.view.naming = Some(open);
    Outcome::Done
}

/// What agreeing to a subject means, as a sentence's end: "be named in
/// the harvest", "name 'The conversation'".
fn words(state: &State, subject: Subject) -> String {
    let title = |id| {
        state
            .run
            .segment(id)
            .map_or("a segment".to_string(), |s| format!("'{}'", s.title))
    };
    match subject {
        Subject::TookPart => "be named in the harvest".into(),
        Subject::Segment(id) => format!("name {}", title(id)),
        Subject::Positions(id) => format!("name their position in {}", title(id)),
        Subject::Note(_) => "share a note".into(),
    }
}

/// The list, over the whole frame.
pub fn render(v: &View<PeopleView>, open: &Naming, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let state = v.state();
    let name = state.people.name(open.person).to_string();
    let list = subjects(state, open.person);
    let cursor = open.cursor.min(list.len().saturating_sub(1));
    let mut lines = vec![Line::styled(
        format!("What {name} agreed to: nothing is named without it."),
        t.dim,
    )];
    for (i, subject) in list.iter().enumerate() {
        let Some(ask) = state.ask(*subject) else {
            continue;
        };
        let mine = ask.people.iter().find(|a| a.person == open.person);
        let mark = match mine.and_then(|a| a.agreed) {
            Some(at) => format!("✓ agreed {}", v.hhmm(at)),
            None => "  not yet".to_string(),
        };
        let mut line = Line::from(vec![
            Span::raw(format!("{mark:<15} ")),
            Span::raw(words(state, *subject)),
        ]);
        if i == cursor {
            line = line.style(t.selected);
        }
        lines.push(line);
        lines.push(Line::styled(
            format!("    all asked: {}", standing(&ask, v.tz())),
            t.dim,
        ));
    }
    lines.push(Line::styled(
        format!("space: {name} agrees / withdraws · a: all present agreed · esc"),
        t.dim,
    ));
    prompt::render(&format!("Consent: {name}"), lines, t.accent, area, buf);
}
