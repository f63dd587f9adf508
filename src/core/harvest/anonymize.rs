//! Replacing each person's name with a neutral label for an anonymized
//! harvest, and finding phrases (texts kept in the circle) in titles.
//!
//! Names are found by `core::mentions`: every part of a name, in any case
//! and with or without accents, with endings glued on ("Annas", "Ana's").
//! Names that are also everyday words (Will, May, Rose) are replaced only
//! where capitalized, and each such place is noted for a reader to check.
//!
//! Phrases follow a stricter rule, for the guard on titles:
//! - Case is ignored (Unicode lowercase, character by character), and any run
//!   of whitespace in a phrase matches any run of whitespace in the text.
//! - A phrase matches only as whole words where words have spaces around
//!   them; in scripts written without spaces (Chinese, Japanese, Thai, Lao,
//!   Khmer, Burmese) and Korean, wherever it stands.
//! - Where several phrases start at the same place, the longest wins.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::core::mentions::{Mentions, unspaced_script};
use crate::core::person::PersonId;

/// Whole-word, case-insensitive phrases to find in text, each with a value.
#[derive(Debug, Clone)]
pub struct Phrases<T> {
    /// Phrases by the first character of their key, longest first.
    by_first: HashMap<char, Vec<Phrase<T>>>,
}

#[derive(Debug, Clone)]
struct Phrase<T> {
    key: String,
    value: T,
}

/// The form a phrase is matched in: trimmed, lowercase, whitespace runs as
/// one space. `None` for a phrase with no letter or digit in it, which could
/// only ever match punctuation.
pub fn key(phrase: &str) -> Option<String> {
    let mut out = String::with_capacity(phrase.len());
    let mut word_char = false;
    for word in phrase.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            word_char |= c.is_alphanumeric();
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    word_char.then_some(out)
}

/// Whether a character is part of a word that needs a boundary to end.
fn spaced_word_char(c: char) -> bool {
    c.is_alphanumeric() && !unspaced_script(c)
}

impl<T> Phrases<T> {
    /// Phrases and their values; of two phrases with the same key, the first
    /// is kept. Phrases without a letter or digit are left out.
    pub fn new<S: AsRef<str>>(items: impl IntoIterator<Item = (S, T)>) -> Phrases<T> {
        Phrases::from_keys(
            items
                .into_iter()
                .filter_map(|(phrase, value)| Some((key(phrase.as_ref())?, value))),
        )
    }

    /// Phrases already in `key` form.
    pub fn from_keys(items: impl IntoIterator<Item = (String, T)>) -> Phrases<T> {
        let mut by_first: HashMap<char, Vec<Phrase<T>>> = HashMap::new();
        for (key, value) in items {
            let Some(first) = key.chars().next() else {
                continue;
            };
            by_first
                .entry(first)
                .or_default()
                .push(Phrase { key, value });
        }
        for bucket in by_first.values_mut() {
            // Stable: of equal keys, now side by side, the first stays.
            bucket.sort_by(|a, b| b.key.len().cmp(&a.key.len()).then(a.key.cmp(&b.key)));
            bucket.dedup_by(|later, kept| later.key == kept.key);
        }
        Phrases { by_first }
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The first phrase found at or after byte `from`: its byte range and
    /// value.
    pub fn find(&self, text: &str, from: usize) -> Option<(usize, usize, &T)> {
        if self.is_empty() {
            return None;
        }
        let mut prev = text[..from].chars().next_back();
        for (offset, c) in text[from..].char_indices() {
            let start = from + offset;
            // No phrase starts in the middle of a spaced word.
            let mid_word = prev.is_some_and(spaced_word_char) && spaced_word_char(c);
            prev = Some(c);
            if mid_word {
                continue;
            }
            let first = c.to_lowercase().next().unwrap_or(c);
            if let Some(candidates) = self.by_first.get(&first) {
                for p in candidates {
                    let Some(end) = match_at(text, start, &p.key) else {
                        continue;
                    };
                    let last = text[..end].chars().next_back();
                    let next = text[end..].chars().next();
                    if last.is_some_and(spaced_word_char) && next.is_some_and(spaced_word_char) {
                        continue;
                    }
                    return Some((start, end, &p.value));
                }
            }
        }
        None
    }

    pub fn found_in(&self, text: &str) -> bool {
        self.find(text, 0).is_some()
    }

    /// The text with every phrase found replaced by what `with` gives for
    /// its value; borrowed when nothing was found.
    pub fn replace<'t>(&self, text: &'t str, with: impl Fn(&T) -> &str) -> Cow<'t, str> {
        let mut out = String::new();
        let mut done = 0;
        while let Some((start, end, value)) = self.find(text, done) {
            if out.is_empty() {
                out.reserve(text.len());
            }
            out.push_str(&text[done..start]);
            out.push_str(with(value));
            done = end;
        }
        if done == 0 {
            return Cow::Borrowed(text);
        }
        out.push_str(&text[done..]);
        Cow::Owned(out)
    }
}

/// Where `key` matches `text` starting at byte `start`: the end byte.
fn match_at(text: &str, start: usize, key: &str) -> Option<usize> {
    let mut chars = text[start..].char_indices().peekable();
    let mut key = key.chars().peekable();
    let mut end = start;
    while let Some(&k) = key.peek() {
        let (offset, c) = chars.next()?;
        end = start + offset + c.len_utf8();
        if k == ' ' {
            if !c.is_whitespace() {
                return None;
            }
            while let Some(&(offset, c)) = chars.peek() {
                if !c.is_whitespace() {
                    break;
                }
                end = start + offset + c.len_utf8();
                chars.next();
            }
            key.next();
            continue;
        }
        for lower in c.to_lowercase() {
            if key.next() != Some(lower) {
                return None;
            }
        }
    }
    Some(end)
}

/// Neutral labels for people ("Person 1", ...), used for their ids and
/// wherever their names stand in text (see `core::mentions` for how names
/// are found: every part, any case or accent, endings glued on).
#[derive(Debug, Clone)]
pub struct Anonymizer {
    numbers: HashMap<PersonId, usize>,
    labels: HashMap<PersonId, String>,
    names: Mentions,
}

impl Anonymizer {
    /// `order` numbers the labels; ids only in `names` are numbered after
    /// it. `names` holds every name to replace (a renamed person is found
    /// by old and new name). A name that several people share becomes
    /// "Person 2 or Person 5" in text: the text cannot say which one it meant.
    pub fn new(order: &[PersonId], names: &[(PersonId, &str)]) -> Anonymizer {
        let mut numbers: HashMap<PersonId, usize> = HashMap::new();
        let mut rest: Vec<PersonId> = names.iter().map(|(id, _)| *id).collect();
        rest.sort();
        for id in order.iter().chain(&rest) {
            let n = numbers.len() + 1;
            numbers.entry(*id).or_insert(n);
        }
        let labels: HashMap<PersonId, String> = numbers
            .iter()
            .map(|(id, n)| (*id, format!("Person {n}")))
            .collect();
        Anonymizer {
            numbers,
            labels,
            names: Mentions::new(names.iter().copied()),
        }
    }

    /// A person's label; "someone" for an id the session never knew.
    pub fn label(&self, id: PersonId) -> &str {
        self.labels.get(&id).map_or("someone", String::as_str)
    }

    /// The labels of several people a name could mean, in label order.
    fn labels_of(&self, people: &[PersonId]) -> String {
        let mut ids = people.to_vec();
        ids.sort_by_key(|id| self.numbers.get(id).copied().unwrap_or(usize::MAX));
        let labels: Vec<&str> = ids.iter().map(|id| self.label(*id)).collect();
        labels.join(" or ")
    }

    /// The text with every name found replaced by its label.
    pub fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        self.text_noting(text, &mut Vec::new())
    }

    /// As `text`, and adds to `doubts` the place (in the new text) of each
    /// name that is also an everyday word, for a reader to check.
    pub fn text_noting<'t>(&self, text: &'t str, doubts: &mut Vec<String>) -> Cow<'t, str> {
        let hits = self.names.find(text);
        if hits.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 8 * hits.len());
        let mut common = Vec::new();
        let mut done = 0;
        for hit in hits {
            out.push_str(&text[done..hit.start]);
            let start = out.len();
            out.push_str(&self.labels_of(hit.people));
            if hit.common {
                common.push((start, out.len()));
            }
            done = hit.end;
        }
        out.push_str(&text[done..]);
        doubts.extend(common.into_iter().map(|(s, e)| snippet(&out, s, e)));
        Cow::Owned(out)
    }
}

/// A short stretch of one line of `text` around bytes `start..end`, cut
/// at spaces where it can be.
fn snippet(text: &str, start: usize, end: usize) -> String {
    const AROUND: usize = 30;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before = &text[line_start..start];
    let after = &text[end..line_end];
    let mut from = before
        .char_indices()
        .rev()
        .nth(AROUND - 1)
        .map_or(0, |(i, _)| i);
    if from > 0 {
        from = before[from..].find(' ').map_or(from, |i| from + i + 1);
    }
    let mut to = after
        .char_indices()
        .nth(AROUND)
        .map_or(after.len(), |(i, _)| i);
    if after[to..].starts_with(char::is_alphanumeric) {
        to = after[..to].rfind(' ').unwrap_or(to);
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(&before[from..]);
    out.push_str(&text[start..end]);
    out.push_str(&after[..to]);
    if to < after.len() {
        out.push('…');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anon(names: &[&str]) -> Anonymizer {
        let order: Vec<PersonId> = (0..names.len() as u32).map(PersonId).collect();
        let named: Vec<(PersonId, &str)> =
            order.iter().copied().zip(names.iter().copied()).collect();
        Anonymizer::new(&order, &named)
    }

    #[test]
    fn names_inside_other_names_and_words_are_left_alone() {
        let a = anon(&["Ann", "Anna", "Jo"]);
        assert_eq!(
            a.text("Anna and Ann met Jo, Joanna and JO's banner team."),
            "Person 2 and Person 1 met Person 3, Joanna and Person 3's banner team."
        );
    }

    #[test]
    fn longest_name_wins_where_two_start_together() {
        let a = anon(&["Ann", "Mary Ann", "Mary"]);
        assert_eq!(
            a.text("mary ann, Mary\n  Ann, Mary and Ann"),
            "Person 2, Person 2, Person 3 and Person 1"
        );
    }

    #[test]
    fn names_that_are_words_are_replaced_where_capitalized_and_noted() {
        let a = anon(&["Will", "May"]);
        let mut doubts = Vec::new();
        assert_eq!(
            a.text_noting(
                "Will said we will meet in May, maybe willingly.",
                &mut doubts
            ),
            "Person 1 said we will meet in Person 2, maybe willingly."
        );
        assert_eq!(
            doubts,
            [
                "Person 1 said we will meet in Person 2…",
                "Person 1 said we will meet in Person 2, maybe willingly."
            ]
        );
    }

    #[test]
    fn every_part_of_a_name_and_its_endings_are_replaced() {
        let a = anon(&["Mei 美玲", "Tomás", "Maria Lopez", "Anna"]);
        assert_eq!(
            a.text("Tomás to call Mei about the rota"),
            "Person 2 to call Person 1 about the rota"
        );
        assert_eq!(
            a.text("美玲's list; TOMAS' idea; Marias Buch; annas"),
            "Person 1's list; Person 2' idea; Person 3 Buch; Person 4"
        );
    }

    #[test]
    fn unspaced_scripts_match_inside_words() {
        let a = anon(&["李雷", "민수", "Zoë"]);
        assert_eq!(
            a.text("我和李雷说 / 민수가 왔다 / ZOË. / Zoëa"),
            "我和Person 1说 / Person 2가 왔다 / Person 3. / Zoëa"
        );
    }

    #[test]
    fn renamed_and_shared_names_map_consistently() {
        let order = [PersonId(7), PersonId(3), PersonId(9)];
        let names = [
            (PersonId(7), "Kim"),
            (PersonId(3), "Sam"),
            (PersonId(7), "Kimberly"),
            (PersonId(9), "Sam"),
            (PersonId(4), "Left Early"),
        ];
        let a = Anonymizer::new(&order, &names);
        assert_eq!(a.label(PersonId(7)), "Person 1");
        assert_eq!(a.label(PersonId(4)), "Person 4");
        assert_eq!(a.label(PersonId(99)), "someone");
        assert_eq!(
            a.text("Kimberly (Kim) and Sam; left early"),
            "Person 1 (Person 1) and Person 2 or Person 3; Person 4"
        );
    }

    #[test]
    fn text_without_names_is_borrowed_and_empty_names_match_nothing() {
        let a = anon(&["", "  ", "--", "Ana"]);
        assert!(matches!(a.text("no one -- here"), Cow::Borrowed(_)));
        assert_eq!(a.text("ana"), "Person 4");
        let empty: Phrases<()> = Phrases::new(Vec::<(&str, ())>::new());
        assert!(!empty.found_in("anything"));
    }

    #[test]
    fn phrases_find_whole_words_only() {
        let p = Phrases::new([("rent strike", 1), ("kitchen", 2)]);
        assert!(p.found_in("The RENT   strike!"));
        assert!(!p.found_in("rent strikes"));
        assert_eq!(p.find("the kitchen", 0), Some((4, 11, &2)));
        assert!(!p.found_in("kitchens"));
    }
}
