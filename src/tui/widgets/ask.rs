//! A one-line question over the People or Stack screen: what it asks
//! (`about`, the screen's own), the answer being typed, which name match is
//! picked, and why the last answer was refused; plus the list of names a
//! few typed letters match.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};

use super::line_input::{Edit, LineInput};
use crate::core::names::match_names;
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
        }
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

    /// The people the answer names, best first, and the one picked.
    pub fn picked(&self, people: &People) -> Option<PersonId> {
        let found = match_names(self.text(), people.all());
        found
            .get(self.pick.min(found.len().saturating_sub(1)))
            .copied()
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
        let found = match_names(self.text(), people.all());
        let pick = self.pick.min(found.len().saturating_sub(1));
        let start = pick.saturating_sub(max.saturating_sub(1));
        let mut lines: Vec<Line> = found
            .iter()
            .enumerate()
            .skip(start)
            .take(max)
            .map(|(i, id)| {
                let name = people.name(*id).to_string();
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
}

/// Moves a list cursor by one within `len` rows.
pub fn step(cursor: &mut usize, up: bool, len: usize) {
    *cursor = if up {
        cursor.saturating_sub(1)
    } else {
        (*cursor + 1).min(len.saturating_sub(1))
    };
}
