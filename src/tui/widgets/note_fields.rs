//! The one-line inputs of the note editor: people picked from the roster by
//! a few typed letters, and days typed as dates or words ("sunday").
//!
//! Both keep what was typed until the note is saved, so a half-typed name or
//! a wrong date is shown and explained, never silently dropped.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::Date;

use crate::core::names::{Closeness, match_names, ranked_names};
use crate::core::person::{People, PersonId};

/// People chosen by typing part of a name; Enter takes the match shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonField {
    pub chosen: Vec<PersonId>,
    /// Letters typed since the last pick.
    pub query: String,
    /// Which of the matches Enter takes (↑↓ move it).
    pub pick: usize,
    /// Several people (a follow-up's who and with) or one (owner, speaker).
    pub multi: bool,
}

impl PersonField {
    pub fn one(person: Option<PersonId>) -> PersonField {
        PersonField {
            chosen: person.into_iter().collect(),
            ..PersonField::default()
        }
    }

    pub fn many(people: &[PersonId]) -> PersonField {
        PersonField {
            chosen: people.to_vec(),
            multi: true,
            ..PersonField::default()
        }
    }

    /// Everyone the typed letters match, best first; nobody while none are typed.
    pub fn matches(&self, people: &People) -> Vec<PersonId> {
        if self.query.trim().is_empty() {
            return Vec::new();
        }
        match_names(&self.query, people.all())
    }

    /// The match Enter would take.
    pub fn suggestion(&self, people: &People) -> Option<PersonId> {
        let found = self.matches(people);
        found
            .get(self.pick.min(found.len().saturating_sub(1)))
            .copied()
    }

    /// Whether the match shown only has the typed letters scattered
    /// through it ("kid" in "KImberly Dos") and was not picked with ↑↓:
    /// likely not who was meant.
    pub fn is_loose(&self, people: &People) -> bool {
        self.pick == 0
            && ranked_names(self.query.trim(), people.all())
                .first()
                .is_some_and(|(_, c)| *c == Closeness::Scattered)
    }

    /// Handles a key; returns whether anything changed.
    pub fn on_key(&mut self, key: &KeyEvent, people: &People) -> bool {
        match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.query.push(c);
                self.pick = 0;
            }
            KeyCode::Backspace | KeyCode::Delete => {
                if self.query.pop().is_none() && self.chosen.pop().is_none() {
                    return false;
                }
                self.pick = 0;
            }
            KeyCode::Down => self.pick = (self.pick + 1).min(self.matches(people).len().max(1) - 1),
            KeyCode::Up => self.pick = self.pick.saturating_sub(1),
            KeyCode::Enter => match self.suggestion(people) {
                Some(id) => self.take(id),
                None => return false,
            },
            _ => return false,
        }
        true
    }

    fn take(&mut self, id: PersonId) {
        if !self.multi {
            self.chosen.clear();
        }
        if !self.chosen.contains(&id) {
            self.chosen.push(id);
        }
        self.query.clear();
        self.pick = 0;
    }

    /// The people chosen, with letters still pending taken as the match
    /// shown; an error names letters that match nobody, or only a name they
    /// are scattered through ("Lina" in "MaximiLIaNA"), unless ↑↓ picked it.
    pub fn resolve(&self, people: &People) -> Result<Vec<PersonId>, String> {
        let mut field = self.clone();
        let typed = self.query.trim();
        if !typed.is_empty() {
            match self.suggestion(people) {
                Some(id) if self.is_loose(people) => {
                    return Err(format!(
                        "no name starts with \"{typed}\": enter takes {}, or type more",
                        people.name(id)
                    ));
                }
                Some(id) => field.take(id),
                None => return Err(format!("no one called \"{typed}\" here")),
            }
        }
        Ok(field.chosen)
    }

    /// The names chosen, joined for a line.
    pub fn names(&self, people: &People) -> String {
        let names: Vec<&str> = self.chosen.iter().map(|id| people.name(*id)).collect();
        names.join(", ")
    }
}

/// A day typed as "2026-12-01", "tomorrow", "sunday" or "+2w" (see
/// `core::due`); empty means none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateField {
    pub text: String,
}

impl DateField {
    pub fn of(date: Option<Date>) -> DateField {
        DateField {
            text: date.map_or(String::new(), |d| d.to_string()),
        }
    }

    /// Handles a key; returns whether anything changed.
    pub fn on_key(&mut self, key: &KeyEvent) -> bool {
        match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.text.push(c);
                true
            }
            KeyCode::Backspace | KeyCode::Delete => self.text.pop().is_some(),
            _ => false,
        }
    }

    /// The day, read against `today`; `None` when left empty; an error
    /// says how to write one.
    pub fn parse(&self, today: Date) -> Result<Option<Date>, String> {
        let text = self.text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        crate::core::due::parse(text, today).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::person::roster_from_names;
    use jiff::civil::date;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::from(code)
    }

    fn people() -> People {
        People::new(&roster_from_names(&["Ana Silva", "Kim Ng", "Kimberly Dos"]))
    }

    fn typed(field: &mut PersonField, text: &str, people: &People) {
        for c in text.chars() {
            field.on_key(&key(KeyCode::Char(c)), people);
        }
    }

    #[test]
    fn a_few_letters_pick_a_person_and_backspace_unpicks() {
        let people = people();
        let mut owner = PersonField::one(None);
        typed(&mut owner, "kim", &people);
        assert_eq!(owner.suggestion(&people), Some(PersonId(1)));
        owner.on_key(&key(KeyCode::Down), &people);
        assert_eq!(owner.suggestion(&people), Some(PersonId(2)));
        owner.on_key(&key(KeyCode::Enter), &people);
        assert_eq!(
            (owner.chosen.as_slice(), owner.query.as_str()),
            (&[PersonId(2)][..], "")
        );
        typed(&mut owner, "an", &people);
        owner.on_key(&key(KeyCode::Enter), &people);
        assert_eq!(
            owner.chosen,
            [PersonId(0)],
            "one owner: the new pick replaces"
        );
        owner.on_key(&key(KeyCode::Backspace), &people);
        assert!(owner.chosen.is_empty());
        assert!(!owner.on_key(&key(KeyCode::Backspace), &people));
    }

    #[test]
    fn pending_letters_resolve_on_save_or_say_who_is_missing() {
        let people = people();
        let mut who = PersonField::many(&[PersonId(0)]);
        typed(&mut who, "ng", &people);
        assert_eq!(who.resolve(&people), Ok(vec![PersonId(0), PersonId(1)]));
        who.query = "zed".into();
        assert_eq!(
            who.resolve(&people),
            Err("no one called \"zed\" here".to_string())
        );
        assert_eq!(who.names(&people), "Ana Silva");
    }

    #[test]
    fn letters_only_scattered_through_a_name_are_not_taken_unasked() {
        let people = people();
        let mut owner = PersonField::one(None);
        // "Kid" is in "KImberly Dos" letter by letter: saving must not make
        // Kimberly the owner of what someone else took on.
        typed(&mut owner, "kid", &people);
        assert_eq!(owner.suggestion(&people), Some(PersonId(2)));
        assert_eq!(
            owner.resolve(&people),
            Err("no name starts with \"kid\": enter takes Kimberly Dos, or type more".into())
        );
        // Enter on the match shown takes it: that is asked.
        owner.on_key(&key(KeyCode::Enter), &people);
        assert_eq!(owner.resolve(&people), Ok(vec![PersonId(2)]));
    }

    #[test]
    fn days_are_dates_or_words_or_a_clear_error() {
        let today = date(2026, 6, 12);
        let mut due = DateField::default();
        assert_eq!(due.parse(today), Ok(None));
        for c in "2026-12-01".chars() {
            due.on_key(&key(KeyCode::Char(c)));
        }
        assert_eq!(due.parse(today), Ok(Some(date(2026, 12, 1))));
        due.text = "sunday".into();
        assert_eq!(due.parse(today), Ok(Some(date(2026, 6, 14))));
        due.text = "2026-02-30".into();
        let err = due.parse(today).unwrap_err();
        assert!(
            err.starts_with("\"2026-02-30\" is not a day: write 2026-12-01"),
            "{err}"
        );
        due.text = "next spring".into();
        assert!(due.parse(today).is_err());
        assert_eq!(DateField::of(Some(date(2026, 1, 5))).text, "2026-01-05");
    }
}
