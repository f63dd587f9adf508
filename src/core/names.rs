//! Finding a person from a few typed letters, for the stack and the roster.
//!
//! The stack keeper types while listening, so matching is forgiving:
//! case-insensitive and Unicode-aware ("é" matches "É", "李" matches "李雷").
//! Accents are not folded: "jose" does not find "José" except by its other
//! letters.

use super::person::{Person, PersonId};

/// People whose name matches `query`, best first: names starting with it,
/// then names with a later word starting with it (so "sil" finds "Ana
/// Silva"), then names holding its letters in order ("asv" finds "Ana
/// Silva"). Within each group, in the order given (seating order). An empty
/// query matches everyone.
pub fn match_names(query: &str, people: &[Person]) -> Vec<PersonId> {
    let query: Vec<char> = fold(query).chars().collect();
    let mut ranked: Vec<(u8, usize, PersonId)> = people
        .iter()
        .enumerate()
        .filter_map(|(i, p)| rank(&query, &p.name).map(|r| (r, i, p.id)))
        .collect();
    ranked.sort();
    ranked.into_iter().map(|(_, _, id)| id).collect()
}

/// Lower case with runs of whitespace made one space, so "ana  s" finds
/// "Ana Silva".
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// 0: the name starts with the query; 1: a later word does; 2: the query's
/// letters appear in order; `None`: no match.
fn rank(query: &[char], name: &str) -> Option<u8> {
    let name: Vec<char> = fold(name).chars().collect();
    if name.starts_with(query) {
        return Some(0);
    }
    let word_starts = (1..name.len()).filter(|&i| !name[i - 1].is_alphanumeric());
    for i in word_starts {
        if name[i..].starts_with(query) {
            return Some(1);
        }
    }
    let mut letters = name.iter();
    query
        .iter()
        .filter(|c| !c.is_whitespace())
        .all(|c| letters.any(|n| n == c))
        .then_some(2)
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
    fn prefixes_come_before_later_words_and_subsequences() {
        let people = roster_from_names(&[
            "Marisa Kim",
            "Kim Ng",
            "Joakim Berg",
            "Karin Ilse Moreau",
            "Anne-Kimberly Dos Santos",
        ]);
        assert_eq!(
            names("kim", &people),
            [
                "Kim Ng",
                "Marisa Kim",
                "Anne-Kimberly Dos Santos",
                "Joakim Berg",
                "Karin Ilse Moreau"
            ]
        );
        assert_eq!(
            names("KIM N", &people),
            ["Kim Ng", "Anne-Kimberly Dos Santos"]
        );
        assert_eq!(names("ds", &people), ["Anne-Kimberly Dos Santos"]);
        assert!(names("zz", &people).is_empty());
        assert_eq!(names("", &people).len(), 5);
    }

    #[test]
    fn unicode_names_match_case_insensitively() {
        let people = roster_from_names(&["Émile Zola", "李雷", "Øyvind Ås", "ÉLODIE"]);
        assert_eq!(names("é", &people), ["Émile Zola", "ÉLODIE"]);
        assert_eq!(names("雷", &people), ["李雷"]);
        assert_eq!(names("ås", &people), ["Øyvind Ås"]);
        assert_eq!(names("elodie", &people), Vec::<String>::new());
    }
}
