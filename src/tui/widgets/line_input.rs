//! One line of typed text, the same in every prompt: a time box, the
//! activity search, a name, a path, the notes search, a guide's word or
//! prompt. Typing, Backspace by whole letters (an accent and its letter, a
//! whole emoji), a pasted line, and drawing it with its cursor.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::theme::Theme;

/// The text typed so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
}

/// What a key did to the line, or what its owner should do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    Enter,
    Esc,
    /// Not a key for the line (arrows, tab, ...): the owner's to use.
    Other,
}

impl LineInput {
    pub fn new(text: impl Into<String>) -> LineInput {
        LineInput { text: text.into() }
    }

    /// The text as typed, trimmed.
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }

    pub fn on_key(&mut self, key: &KeyEvent) -> Edit {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Enter => Edit::Enter,
            KeyCode::Esc => Edit::Esc,
            KeyCode::Backspace => {
                self.pop();
                Edit::Changed
            }
            KeyCode::Char(c) if plain => {
                self.text.push(c);
                Edit::Changed
            }
            _ => Edit::Other,
        }
    }

    /// A paste: its first line, as one edit.
    pub fn paste(&mut self, text: &str) {
        self.text.push_str(text.lines().next().unwrap_or(""));
    }

    /// Takes off the last character as a person sees it.
    fn pop(&mut self) {
        let last = Span::raw(self.text.as_str())
            .styled_graphemes(Style::new())
            .last()
            .map(|g| g.symbol.len());
        if let Some(len) = last {
            self.text.truncate(self.text.len() - len);
        }
    }

    /// "Name: Ana▏", the answer in the key style.
    pub fn line(&self, label: &str, theme: &Theme) -> Line<'static> {
        Line::from(vec![
            Span::raw(format!("{label}: ")),
            Span::styled(format!("{}▏", self.text), theme.key),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::from(code)
    }

    #[test]
    fn backspace_takes_whole_graphemes_and_keys_fall_through() {
        let mut input = LineInput::new("Zoë 🌈");
        assert_eq!(input.on_key(&key(KeyCode::Backspace)), Edit::Changed);
        assert_eq!(input.text, "Zoë ");
        let mut input = LineInput::new("Jose\u{301}");
        input.on_key(&key(KeyCode::Backspace));
        assert_eq!(input.text, "Jos");
        let mut input = LineInput::default();
        input.on_key(&key(KeyCode::Backspace));
        assert_eq!(input.text, "");
        input.on_key(&key(KeyCode::Char('a')));
        let ctrl = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(input.on_key(&ctrl), Edit::Other, "ctrl-s is not typed");
        assert_eq!(input.on_key(&key(KeyCode::Up)), Edit::Other);
        assert_eq!(input.on_key(&key(KeyCode::Enter)), Edit::Enter);
        input.paste("b c\nsecond line");
        assert_eq!(input.text, "ab c");
    }
}
