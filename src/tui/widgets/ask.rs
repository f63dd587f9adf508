//! A one-line question over the People or Stack screen: what it asks
//! (`about`, the screen's own), the answer being typed, which name match is
//! picked, and why the last answer was refused; plus the list of names a
//! few typed letters match.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};

use super::line_input::{Edit, LineInput};
use crate::core::names::{Closeness, fold, ranked_names};
use crate::core::person::{People, PersonId};
use crate::tui::theme::Theme;

/// An open question; `A` says what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask<A> {
    pub about: A,
    pub input: LineInput,
    /// Which of the matching names Enter takes (↑↓ move it).
    pub pick: usize,
    pub error: Option<String>,
    /// Whether "someone new" is one of the choices: a name typed that is
    /// nobody's on the roster yet.
    pub newcomer: bool,
}

/// What a key did to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Enter, or y to a yes/no question.
    Submit,
    /// Esc, or n to a yes/no question.
    Cancel,
    /// Tab (true) or shift-tab: the screen may change what is asked.
    Tab(bool),
    /// Typed, deleted or moved the pick; the question stays.
    Kept,
}

impl<A> Ask<A> {
    pub fn new(about: A) -> Ask<A> {
        Ask::with_text(about, "")
    }

    pub fn with_text(about: A, text: impl Into<String>) -> Ask<A> {
        Ask {
            about,
            input: LineInput::new(text),
            pick: 0,
            error: None,
            newcomer: false,
        }
    }

    /// The same question, with "someone new" among the choices.
    pub fn offering_newcomer(mut self) -> Ask<A> {
        self.newcomer = true;
        self
    }

    /// The answer as typed.
    pub fn text(&self) -> &str {
        &self.input.text
    }

    /// A key for the question; `yes_no` questions take only y, n, enter
    /// and esc.
    pub fn on_key(&mut self, key: &KeyEvent, yes_no: bool) -> Answer {
        if yes_no {
            return match key.code {
                KeyCode::Enter | KeyCode::Char('y' | 'Y') => Answer::Submit,
                KeyCode::Esc | KeyCode::Char('n' | 'N') => Answer::Cancel,
                _ => Answer::Kept,
            };
        }
        match (key.code, self.input.on_key(key)) {
            (_, Edit::Enter) => Answer::Submit,
            (_, Edit::Esc) => Answer::Cancel,
            (_, Edit::Changed) => {
                self.pick = 0;
                self.error = None;
                Answer::Kept
            }
            (KeyCode::Up, _) => {
                self.pick = self.pick.saturating_sub(1);
                Answer::Kept
            }
            (KeyCode::Down, _) => {
                self.pick += 1;
                Answer::Kept
            }
            (KeyCode::Tab, _) => Answer::Tab(true),
            (KeyCode::BackTab, _) => Answer::Tab(false),
            _ => Answer::Kept,
        }
    }

    /// The choices for the answer, best first: the people it names, and
    /// `None` for someone new where that is offered. Someone new comes first
    /// when no name starts with what was typed (only letters scattered
    /// through a name match: "Lina" is not "MaximiLIaNA"), else last;
    /// never when a name is exactly what was typed.
    pub fn choices(&self, people: &People) -> Vec<Option<PersonId>> {
        let ranked = ranked_names(self.text(), people.all());
        let mut choices: Vec<Option<PersonId>> = ranked.iter().map(|(id, _)| Some(*id)).collect();
        let typed = fold(self.text().trim());
        let exact = people.all().iter().any(|p| fold(p.name.trim()) == typed);
        if self.newcomer && !typed.is_empty() && !exact {
            let close = ranked
                .first()
                .is_some_and(|(_, c)| *c < Closeness::Scattered);
            if close {
                choices.push(None);
            } else {
                choices.insert(0, None);
            }
        }
        choices
    }

    /// The person picked, `None` for someone new or when nobody matches.
    pub fn picked(&self, people: &People) -> Option<PersonId> {
        let choices = self.choices(people);
        choices
            .get(self.pick.min(choices.len().saturating_sub(1)))
            .copied()
            .flatten()
    }

    /// The top matches for the answer, the picked one marked, each with a
    /// note ("on the stack") where `note` gives one.
    pub fn match_lines(
        &self,
        people: &People,
        t: &Theme,
        max: usize,
        note: impl Fn(PersonId) -> Option<&'static str>,
    ) -> Vec<Line<'static>> {
        let found = self.choices(people);
        let pick = self.pick.min(found.len().saturating_sub(1));
        let start = pick.saturating_sub(max.saturating_sub(1));
        let mut lines: Vec<Line> = found
            .iter()
            .enumerate()
            .skip(start)
            .take(max)
            .map(|(i, choice)| {
                let name = match choice {
                    Some(id) => people.name(*id).to_string(),
                    None => format!("+ someone new: “{}”", self.text().trim()),
                };
                let mut spans = if i == pick {
                    vec![Span::styled(format!("› {name}"), t.selected)]
                } else {
                    vec![Span::raw(format!("  {name}"))]
                };
                if let Some(n) = choice.and_then(&note) {
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
}

/// Moves a list cursor by one within `len` rows.
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
    use crate::core::person::roster_from_names;

    fn people() -> People {
        People::new(&roster_from_names(&[
            "Maximiliana von Hohenzollern",
            "Kimberly Dos",
            "Ana Silva",
        ]))
    }

    fn asked(text: &str) -> Ask<()> {
        Ask::with_text((), text).offering_newcomer()
    }

    #[test]
    fn a_name_only_scattered_through_another_is_someone_new_first() {
        let people = people();
        // "Lina" is in "MaximiLIaNA" only letter by letter: Enter must not
        // give Maximiliana a hand meant for someone who just arrived.
        let ask = asked("Lina");
        assert_eq!(ask.choices(&people), [None, Some(PersonId(0))]);
        assert_eq!(ask.picked(&people), None);
        // ↓ still reaches Maximiliana.
        let mut down = ask.clone();
        down.pick = 1;
        assert_eq!(down.picked(&people), Some(PersonId(0)));
    }

    #[test]
    fn a_name_that_starts_with_it_comes_first_and_someone_new_last() {
        let people = people();
        let ask = asked("Kim");
        assert_eq!(ask.choices(&people), [Some(PersonId(1)), None]);
        assert_eq!(ask.picked(&people), Some(PersonId(1)));
        // Typed whole, a name is nobody new.
        assert_eq!(asked("ana silva").choices(&people), [Some(PersonId(2))]);
        // Where someone new is not offered (finding a person), only names.
        let find = Ask::with_text((), "Lina");
        assert_eq!(find.choices(&people), [Some(PersonId(0))]);
        assert_eq!(asked("  ").choices(&people).len(), 3);
    }
}
