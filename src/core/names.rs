//! Finding things from a few typed letters: people for the stack, owners
//! and the People screen; notes and library activities for their searches.
//!
//! One matcher serves them all, built on `nucleo-matcher` (the matcher
//! behind helix's pickers): case and accents are folded on both sides, so
//! "tomas" finds "Tomás" and "TOMÁS" finds "Tomas"; a letter with a
//! combining accent counts as the letter. Names are matched fuzzily and
//! ranked ("asv" finds "Ana Silva", "kim" puts "Kim Ng" before "Joakim");
//! note text is matched word by word as written, since a fuzzy match over a
//! paragraph finds nearly everything.

use nucleo_matcher::chars::{graphemes, normalize, to_lower_case};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::person::{Person, PersonId};

/// A query as typed, folded once and matched against many texts.
pub struct Query {
    words: Vec<Atom>,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Query {
    /// Every word of `text` must appear in order of its letters, gaps
    /// allowed, and better matches score higher (names, titles).
    pub fn fuzzy(text: &str) -> Query {
        Query::new(text, AtomKind::Fuzzy)
    }

    /// Every word of `text` must appear as written, anywhere (note text).
    pub fn words(text: &str) -> Query {
        Query::new(text, AtomKind::Substring)
    }

    fn new(text: &str, kind: AtomKind) -> Query {
        let words = text
            .split_whitespace()
            .map(|w| {
                Atom::new(
                    &fold(w),
                    CaseMatching::Ignore,
                    Normalization::Smart,
                    kind,
                    false,
                )
            })
            .collect();
        let mut config = Config::DEFAULT;
        config.prefer_prefix = true;
        Query {
            words,
            matcher: Matcher::new(config),
            buf: Vec::new(),
        }
    }

    /// Whether nothing was typed (but blanks): everything matches.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How well `text` matches, higher is better; `None` when a word is
    /// missing. An empty query scores every text 0.
    pub fn score(&mut self, text: &str) -> Option<u32> {
        let haystack = utf32(text, &mut self.buf);
        self.words.iter().try_fold(0u32, |sum, w| {
            w.score(haystack, &mut self.matcher)
                .map(|s| sum.saturating_add(u32::from(s)))
        })
    }

    pub fn matches(&mut self, text: &str) -> bool {
        self.is_empty() || self.score(text).is_some()
    }

    /// The items whose text matches, best first; equal scores keep the
    /// order given. An empty query keeps every item, in order.
    pub fn rank<'a, T>(&mut self, items: &'a [T], text: impl Fn(&T) -> String) -> Vec<&'a T> {
        let mut scored: Vec<(u32, usize)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.score(&text(item)).map(|s| (s, i)))
            .collect();
        scored.sort_by_key(|(s, i)| (std::cmp::Reverse(*s), *i));
        scored.into_iter().map(|(_, i)| &items[i]).collect()
    }
}

/// Lower case, accents off, one character per grapheme: the form both
/// sides are compared in.
pub fn fold(text: &str) -> String {
    graphemes(text)
        .map(|c| normalize(to_lower_case(c)))
        .collect()
}

/// The text as the matcher reads it: the first character of each grapheme
/// (a base letter before its combining marks).
fn utf32<'a>(text: &'a str, buf: &'a mut Vec<char>) -> Utf32Str<'a> {
    if text.is_ascii() {
        Utf32Str::Ascii(text.as_bytes())
    } else {
        buf.clear();
        buf.extend(graphemes(text));
        // nucleo-matcher 0.3 misses a substring that ends a non-ASCII text
        // ("keys" in "é keys"); a trailing blank changes no match.
        buf.push(' ');
        Utf32Str::Unicode(buf)
    }
}

/// People whose name matches `query`, best first: a name starting with it,
/// then one with a later word starting with it, then letters scattered
/// through it, each group by the matcher's score; equally good matches in
/// the order given (seating order). An empty query matches everyone.
pub fn match_names(query: &str, people: &[Person]) -> Vec<PersonId> {
    ranked_names(query, people)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// How closely a name matches what was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Closeness {
    /// The name starts with it ("Ma" for "Maximiliana").
    Starts,
    /// A later word of the name starts with it ("Ol" for "Tomás Olek").
    WordStarts,
    /// Only its letters, scattered ("Lina" in "MaximiLIaNA"): likely
    /// someone else, not on the roster yet.
    Scattered,
}

/// `match_names`, each with how closely it matched.
pub fn ranked_names(query: &str, people: &[Person]) -> Vec<(PersonId, Closeness)> {
    let typed = fold(&query.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut q = Query::fuzzy(query);
    let mut ranked: Vec<(Closeness, std::cmp::Reverse<u32>, usize)> = people
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let score = q.score(&p.name)?;
            let name = fold(&p.name.split_whitespace().collect::<Vec<_>>().join(" "));
            let tier = if name.starts_with(&typed) {
                Closeness::Starts
            } else if name
                .match_indices(&typed)
                .any(|(at, _)| name[..at].ends_with(|c: char| !c.is_alphanumeric()))
            {
                Closeness::WordStarts
            } else {
                Closeness::Scattered
            };
            Some((tier, std::cmp::Reverse(score), i))
        })
        .collect();
    ranked.sort();
    ranked
        .into_iter()
        .map(|(tier, _, i)| (people[i].id, tier))
        .collect()
}

/// Whether every word of `query` appears in `text`, case and accents aside;
/// a blank query is found everywhere.
pub fn contains(text: &str, query: &str) -> bool {
    Query::words(query).matches(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::person::roster_from_names;

    fn names(query: &str, people: &[Person]) -> Vec<String> {
        match_names(query, people)
            .into_iter()
            .map(|id| people.iter().find(|p| p.id == id).unwrap().name.clone())
            .collect()
    }

    #[test]
    fn prefixes_rank_first_and_scattered_letters_still_match() {
        let people = roster_from_names(&[
            "Marisa Kim",
            "Kim Ng",
            "Joakim Berg",
            "Karin Ilse Moreau",
            "Anne-Kimberly Dos Santos",
        ]);
        let kim = names("kim", &people);
        assert_eq!(kim[0], "Kim Ng", "{kim:?}");
        assert_eq!(kim.len(), 5, "{kim:?}");
        assert_eq!(names("KIM N", &people)[0], "Kim Ng");
        assert_eq!(names("ds", &people)[0], "Anne-Kimberly Dos Santos");
        assert!(names("zz", &people).is_empty());
        assert_eq!(names("", &people).len(), 5);
        assert_eq!(names("  ", &people).len(), 5);
    }

    #[test]
    fn case_and_accents_fold_both_ways() {
        let people = roster_from_names(&[
            "Tomás",
            "Olek Олег",
            "Émile Zola",
            "李雷",
            "Øyvind Ås",
            "Zoe\u{301} Combining",
        ]);
        assert_eq!(names("tomas", &people), ["Tomás"]);
        assert_eq!(names("TOMÁS", &people), ["Tomás"]);
        assert_eq!(names("olek", &people), ["Olek Олег"]);
        assert_eq!(names("олег", &people), ["Olek Олег"]);
        assert_eq!(names("emile", &people), ["Émile Zola"]);
        assert_eq!(names("雷", &people), ["李雷"]);
        assert_eq!(names("as", &people)[0], "Øyvind Ås");
        assert_eq!(names("zoe", &people), ["Zoe\u{301} Combining"]);
        assert_eq!(names("zoé", &people), ["Zoe\u{301} Combining"]);
    }

    #[test]
    fn words_are_found_as_written_not_scattered() {
        assert!(contains("Ask Tomás about the keys", "tomas keys"));
        assert!(contains("ASK TOMAS", "tomás"));
        assert!(contains("Tomás hands over the keys", "keys"));
        assert!(contains("Straße", ""));
        assert!(!contains("the hall booking", "hbk"));
        assert!(!contains("Tomás", "tomas keys"));
    }

    #[test]
    fn rank_keeps_order_for_equal_scores() {
        let titles = ["Check-in round", "Check-out round", "Trust walk"];
        let mut q = Query::fuzzy("round");
        let found = q.rank(&titles, |t| t.to_string());
        assert_eq!(found, [&"Check-in round", &"Check-out round"]);
        let all = Query::fuzzy("").rank(&titles, |t| t.to_string());
        assert_eq!(all.len(), 3);
    }
}
