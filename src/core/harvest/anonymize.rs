//! Finding names (and other phrases) in free text, and replacing each
//! person's name with a neutral label for an anonymized harvest.
//!
//! The matching rule, in the order it is applied:
//! - Case is ignored (Unicode lowercase, character by character), and any run
//!   of whitespace in a phrase matches any run of whitespace in the text, so
//!   "Mary  Ann" on the roster finds "mary ann" in a note.
//! - A phrase matches only as whole words where words have spaces around
//!   them: the characters just before and after it must not be letters or
//!   digits. So "Ann" is not found inside "Anna" or "banner", but "Ann's" and
//!   "(Ann)" are found.
//! - Scripts written without spaces between words (Chinese, Japanese, Thai,
//!   Lao, Khmer, Burmese) and Korean (whose particles attach to names) have
//!   no such boundaries, so a name in them is found wherever it stands.
//! - Where several phrases start at the same place, the longest wins: with
//!   "Mary Ann" and "Ann" on the roster, "Mary Ann" becomes one label.
//! - Text is scanned once, left to right; replaced text is never scanned
//!   again.
//!
//! Names that are also ordinary words (Will, May, Rose, Hope) are replaced
//! wherever they stand as a word, in any case: a missed name leaks who was
//! there, an extra label is only awkward. Names glued to an inflection
//! ("Annas" in German, "Annalle" in Finnish) are not found in spaced
//! scripts; an anonymized harvest still wants a read before it is shared.

use std::borrow::Cow;
use std::collections::HashMap;

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

/// Scripts that do not put spaces between words, and Hangul.
fn unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x1000..=0x109F      // Myanmar
        | 0x1100..=0x11FF      // Hangul Jamo
        | 0x1780..=0x17FF      // Khmer
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3130..=0x318F      // Hangul compatibility Jamo
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
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
/// wherever their names stand in text.
#[derive(Debug, Clone)]
pub struct Anonymizer {
    labels: HashMap<PersonId, String>,
    names: Phrases<String>,
}

impl Anonymizer {
    /// `order` numbers the labels; ids only in `names` are numbered after
    /// it. `names` holds every name a person had (a renamed person is found
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
        // Same key, several people: their labels, in label order.
        let mut by_key: Vec<(String, Vec<PersonId>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (id, name) in names {
            let Some(k) = key(name) else { continue };
            let i = *index.entry(k.clone()).or_insert_with(|| {
                by_key.push((k, Vec::new()));
                by_key.len() - 1
            });
            if !by_key[i].1.contains(id) {
                by_key[i].1.push(*id);
            }
        }
        let phrases = by_key.into_iter().map(|(k, mut ids)| {
            ids.sort_by_key(|id| numbers[id]);
            let label: Vec<&str> = ids.iter().map(|id| labels[id].as_str()).collect();
            (k, label.join(" or "))
        });
        Anonymizer {
            names: Phrases::from_keys(phrases),
            labels,
        }
    }

    /// A person's label; "someone" for an id the session never knew.
    pub fn label(&self, id: PersonId) -> &str {
        self.labels.get(&id).map_or("someone", String::as_str)
    }

    /// The text with every known name replaced by its label.
    pub fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        self.names.replace(text, String::as_str)
    }
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
    fn names_that_are_words_are_replaced_as_words_in_any_case() {
        let a = anon(&["Will", "May"]);
        assert_eq!(
            a.text("Will said we will meet in May, maybe willingly."),
            "Person 1 said we Person 1 meet in Person 2, maybe willingly."
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
