//! Finding people where free text names them, the way people write names.
//!
//! One finder serves three needs: anonymizing a harvest, listing where names
//! would be shared (the privacy check), and knowing whom a note names (they
//! must agree before it leaves the circle). A missed name leaks who was
//! there; an extra match only costs a label, so the rule leans to matching.
//!
//! The rule:
//! - Text is cut into words at Unicode word boundaries (UAX #29), and each
//!   word is folded: decomposed (NFD), accents dropped, case folded, so
//!   "TOMAS", "tomás" and "Tomás" are one word.
//! - A person is found by their whole name and by each part of it ("Mei" and
//!   "美玲" of "Mei 美玲", "Anne" and "Kimberly" of "Anne-Kimberly"), except
//!   one-letter initials and particles after the first part ("de", "van").
//! - A name of three letters or more may carry an ending glued on: anything
//!   after an apostrophe ("Ana's", "Ali'nin"), a genitive "s" ("Annas"), or
//!   a Finnish case ending ("Annalle").
//! - Scripts written without spaces between words (Chinese, Japanese, Thai,
//!   Lao, Khmer, Burmese) and Korean (whose particles attach to names) are
//!   matched wherever a name stands in them.
//! - Names that are also common words (Will, May, Rose) count only where
//!   they are capitalized, and each such match is flagged for a reader to
//!   check: "in May" is more likely the month.
//! - Where several names start at the same word, the longest wins, and
//!   someone's whole name wins over a part of someone else's.

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::person::PersonId;

/// Folds text for matching: NFD, accents and other diacritics dropped, case
/// folded ("Straße" and "STRASSE" agree). Marks that are part of a letter in
/// their script (Indic vowel signs, Thai, Japanese voicing) are kept.
pub fn fold(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return Cow::Borrowed(text);
    }
    if text.is_ascii() {
        return Cow::Owned(text.to_ascii_lowercase());
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            _ if dropped_mark(c) => {}
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

/// Diacritics that do not change which name is meant: Latin, Greek and
/// Cyrillic accents, Hebrew points and Arabic vowel and hamza marks.
fn dropped_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05C7
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06ED
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F
    )
}

/// Scripts that do not put spaces between words, and Hangul.
pub fn unspaced_script(c: char) -> bool {
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

/// Given names that are also everyday words, folded. Matched only where
/// capitalized, and flagged.
const COMMON_WORDS: &[&str] = &[
    "amber", "april", "art", "august", "autumn", "bill", "bliss", "buck", "carol", "chance",
    "chase", "cliff", "crystal", "dale", "dawn", "daisy", "dean", "don", "dot", "drew", "faith",
    "fern", "frank", "gene", "glen", "grace", "guy", "harmony", "hazel", "heather", "holly",
    "honey", "hope", "hunter", "iris", "ivy", "jack", "jade", "jay", "jewel", "joy", "june",
    "justice", "lane", "lily", "mark", "mat", "max", "may", "miles", "misty", "nick", "olive",
    "pat", "patience", "pearl", "penny", "poppy", "rain", "ray", "reed", "rich", "river", "rob",
    "robin", "rose", "ruby", "rusty", "sage", "sandy", "scott", "sky", "sol", "sonny", "star",
    "stone", "sue", "summer", "sunny", "taylor", "terry", "tuesday", "van", "victor", "violet",
    "wade", "will", "willow", "win", "winter", "wren",
];

/// Particles of a many-part name that are not names on their own.
const PARTICLES: &[&str] = &[
    "af", "al", "av", "ben", "bin", "bint", "d", "da", "das", "de", "dei", "del", "della", "den",
    "der", "di", "do", "dos", "du", "e", "el", "ibn", "la", "le", "les", "of", "st", "te", "ten",
    "ter", "the", "van", "von", "y", "zu",
];

/// Endings glued on to a name (folded): a genitive s and Finnish cases.
const ENDINGS: &[&str] = &["s", "lle", "lla", "lta", "ssa", "sta", "ksi"];

const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{02BC}'];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    /// A word of a spaced script.
    Word,
    /// One character of an unspaced script.
    Glyph,
    Space,
    /// Punctuation, symbols, emoji.
    Other,
}

#[derive(Debug, Clone)]
struct Token<'t> {
    kind: Kind,
    start: usize,
    end: usize,
    raw: &'t str,
    folded: Cow<'t, str>,
}

/// The text as words, glyphs, spaces and the rest, in order.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::new();
    for (start, raw) in text.split_word_bound_indices() {
        let end = start + raw.len();
        if raw.chars().all(char::is_whitespace) {
            match out.last_mut() {
                Some(last) if last.kind == Kind::Space => last.end = end,
                _ => out.push(Token {
                    kind: Kind::Space,
                    start,
                    end,
                    raw,
                    folded: Cow::Borrowed(" "),
                }),
            }
        } else if raw.chars().any(unspaced_script) {
            // One glyph a grapheme, composed: decomposed Hangul or kana
            // ("민" as three jamo) is the same glyph as the composed one.
            for (i, glyph) in raw.grapheme_indices(true) {
                let s = start + i;
                let mut chars = glyph.chars();
                let single = chars.next().filter(|_| chars.next().is_none());
                let folded: Cow<str> = match single {
                    Some(c) if !c.is_uppercase() => Cow::Borrowed(glyph),
                    _ => Cow::Owned(glyph.nfc().flat_map(char::to_lowercase).collect()),
                };
                out.push(Token {
                    kind: Kind::Glyph,
                    start: s,
                    end: s + glyph.len(),
                    raw: glyph,
                    folded,
                });
            }
        } else if raw.chars().any(char::is_alphanumeric) {
            out.push(Token {
                kind: Kind::Word,
                start,
                end,
                raw,
                folded: fold(raw),
            });
        } else {
            out.push(Token {
                kind: Kind::Other,
                start,
                end,
                raw,
                folded: Cow::Borrowed(raw),
            });
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Unit {
    kind: Kind,
    text: String,
}

/// One way of naming: a whole name or a part of one, and whom it names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    units: Vec<Unit>,
    /// People whose whole name this is.
    whole: Vec<PersonId>,
    /// People whose name has this as a part.
    part: Vec<PersonId>,
    /// Also an everyday word: matched only capitalized, and flagged.
    common: bool,
    /// May carry a glued-on ending.
    inflects: bool,
}

impl Pattern {
    fn people(&self) -> &[PersonId] {
        if self.whole.is_empty() {
            &self.part
        } else {
            &self.whole
        }
    }
}

/// A name found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'m> {
    /// Byte range of the name in the text; an ending after an apostrophe
    /// is left outside it ("Ana" of "Ana's").
    pub start: usize,
    pub end: usize,
    /// Whom it names: more than one when people share the name.
    pub people: &'m [PersonId],
    /// The name is also an everyday word: a reader should check it.
    pub common: bool,
}

/// Every name of a set of people, ready to find in text. Names are only
/// ever added: a renamed person is found by old and new name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mentions {
    patterns: Vec<Pattern>,
    index: HashMap<Vec<Unit>, usize>,
    /// Patterns by their first unit's text, longest first.
    by_first: HashMap<String, Vec<usize>>,
}

impl Mentions {
    pub fn new<'a>(names: impl IntoIterator<Item = (PersonId, &'a str)>) -> Mentions {
        let mut m = Mentions::default();
        for (id, name) in names {
            m.add(id, name);
        }
        m
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Adds a name someone goes by: the whole of it and its parts.
    pub fn add(&mut self, id: PersonId, name: &str) {
        let units: Vec<Unit> = tokens(name.trim())
            .into_iter()
            .map(|t| Unit {
                kind: t.kind,
                text: t.folded.into_owned(),
            })
            .collect();
        if !units
            .iter()
            .any(|u| matches!(u.kind, Kind::Word | Kind::Glyph))
        {
            return;
        }
        let parts = parts(&units);
        if !(parts.len() == 1 && parts[0].len() == units.len()) {
            self.insert(units.clone(), id, true);
        }
        for (i, part) in parts.iter().enumerate() {
            let whole = part.len() == units.len();
            if let [
                Unit {
                    kind: Kind::Word,
                    text,
                },
            ] = part.as_slice()
            {
                let letters = text.chars().count();
                if letters < 2 || (i > 0 && PARTICLES.contains(&text.as_str())) {
                    continue;
                }
                // Arabic names often carry the article: "الأحمد" is also
                // written "أحمد".
                if let Some(rest) = text.strip_prefix("ال")
                    && rest.chars().count() >= 3
                {
                    let bare = vec![Unit {
                        kind: Kind::Word,
                        text: rest.to_string(),
                    }];
                    self.insert(bare, id, false);
                }
            }
            self.insert(part.clone(), id, whole);
        }
    }

    fn insert(&mut self, units: Vec<Unit>, id: PersonId, whole: bool) {
        let i = match self.index.get(&units) {
            Some(&i) => i,
            None => {
                let single_word = |text: &str| {
                    units.len() == 1 && units[0].kind == Kind::Word && units[0].text == text
                };
                let common = COMMON_WORDS.iter().any(|w| single_word(w));
                let inflects = units
                    .last()
                    .is_some_and(|u| u.kind == Kind::Word && u.text.chars().count() >= 3);
                let first = units[0].text.clone();
                let len = units.len();
                self.patterns.push(Pattern {
                    units: units.clone(),
                    whole: Vec::new(),
                    part: Vec::new(),
                    common,
                    inflects,
                });
                let i = self.patterns.len() - 1;
                self.index.insert(units, i);
                let bucket = self.by_first.entry(first).or_default();
                let at = bucket
                    .iter()
                    .position(|&j| self.patterns[j].units.len() < len)
                    .unwrap_or(bucket.len());
                bucket.insert(at, i);
                i
            }
        };
        let p = &mut self.patterns[i];
        let list = if whole { &mut p.whole } else { &mut p.part };
        if !list.contains(&id) {
            list.push(id);
        }
    }

    /// Every name in the text, left to right, none overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit<'_>> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let toks = tokens(text);
        let mut hits = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.best_at(&toks, i) {
                Some((next, end, p)) => {
                    let pattern = &self.patterns[p];
                    hits.push(Hit {
                        start: toks[i].start,
                        end,
                        people: pattern.people(),
                        common: pattern.common,
                    });
                    i = next;
                }
                None => i += 1,
            }
        }
        hits
    }

    /// The people the text names, each once, in the order first named.
    pub fn people_in(&self, text: &str) -> Vec<PersonId> {
        let mut out: Vec<PersonId> = Vec::new();
        for hit in self.find(text) {
            for id in hit.people {
                if !out.contains(id) {
                    out.push(*id);
                }
            }
        }
        out
    }

    /// The longest name starting at token `i`: the token after it, its end
    /// byte and its pattern.
    fn best_at(&self, toks: &[Token], i: usize) -> Option<(usize, usize, usize)> {
        let first = &toks[i];
        if first.kind == Kind::Space {
            return None;
        }
        let capitalized = first.raw.chars().next().is_some_and(char::is_uppercase);
        let mut best: Option<(usize, usize, usize)> = None;
        let mut consider = |next: usize, end: usize, p: usize| {
            if self.patterns[p].common && !capitalized {
                return;
            }
            if best.is_none_or(|(n, e, _)| (next, end) > (n, e)) {
                best = Some((next, end, p));
            }
        };
        if let Some(candidates) = self.by_first.get(first.folded.as_ref()) {
            for &p in candidates {
                if let Some((next, end)) = self.match_at(toks, i, &self.patterns[p]) {
                    consider(next, end, p);
                }
            }
        }
        if first.kind == Kind::Word {
            for (base, end, glued) in bases(first) {
                for &p in self.by_first.get(base.as_ref()).into_iter().flatten() {
                    let pattern = &self.patterns[p];
                    if pattern.units.len() == 1 && (pattern.inflects || !glued) {
                        consider(i + 1, end, p);
                    }
                }
            }
        }
        best
    }

    /// Whether `pattern` stands at token `i`: the token after it and its
    /// end byte.
    fn match_at(&self, toks: &[Token], i: usize, pattern: &Pattern) -> Option<(usize, usize)> {
        let mut t = i;
        let mut end = toks[i].start;
        let last = pattern.units.len() - 1;
        for (k, unit) in pattern.units.iter().enumerate() {
            if unit.kind == Kind::Space {
                match toks.get(t) {
                    Some(tok) if tok.kind == Kind::Space => t += 1,
                    // "Mei美玲": no space is needed next to a glyph.
                    _ if pattern
                        .units
                        .get(k + 1)
                        .is_some_and(|u| u.kind == Kind::Glyph)
                        || (k > 0 && pattern.units[k - 1].kind == Kind::Glyph) => {}
                    _ => return None,
                }
                continue;
            }
            let tok = toks.get(t)?;
            if tok.kind != unit.kind {
                return None;
            }
            if tok.folded == unit.text {
                end = tok.end;
            } else if k == last && unit.kind == Kind::Word {
                end = bases(tok)
                    .find(|(b, _, glued)| *b == unit.text && (pattern.inflects || !glued))?
                    .1;
            } else {
                return None;
            }
            t += 1;
        }
        Some((t, end))
    }
}

/// The parts of a name: each word alone, each run of glyphs together.
fn parts(units: &[Unit]) -> Vec<Vec<Unit>> {
    let mut out: Vec<Vec<Unit>> = Vec::new();
    let mut glyphs: Vec<Unit> = Vec::new();
    for u in units {
        if u.kind == Kind::Glyph {
            glyphs.push(u.clone());
            continue;
        }
        if !glyphs.is_empty() {
            out.push(std::mem::take(&mut glyphs));
        }
        if u.kind == Kind::Word {
            out.push(vec![u.clone()]);
        }
    }
    if !glyphs.is_empty() {
        out.push(glyphs);
    }
    out
}

/// What a word could be with an ending taken off: the folded stem, where
/// the name would end in the text, and whether the ending was glued on
/// (rather than after an apostrophe, which any name may take).
fn bases<'a>(tok: &'a Token<'_>) -> impl Iterator<Item = (Cow<'a, str>, usize, bool)> {
    let apostrophe = tok
        .raw
        .find(APOSTROPHES)
        .filter(|&at| at > 0)
        .map(|at| (fold(&tok.raw[..at]), tok.start + at, false));
    let folded: &'a str = tok.folded.as_ref();
    let glued = ENDINGS.iter().filter_map(move |ending| {
        let stem = folded.strip_suffix(ending)?;
        (stem.chars().nth(2).is_some()).then_some((Cow::Borrowed(stem), tok.end, true))
    });
    apostrophe.into_iter().chain(glued)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder(names: &[&str]) -> Mentions {
        Mentions::new(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (PersonId(i as u32), *n)),
        )
    }

    /// The text with each hit shown as [who].
    fn marked(m: &Mentions, text: &str) -> String {
        let mut out = String::new();
        let mut done = 0;
        for hit in m.find(text) {
            out.push_str(&text[done..hit.start]);
            let ids: Vec<String> = hit.people.iter().map(|p| p.0.to_string()).collect();
            out.push_str(&format!("[{}]", ids.join("|")));
            done = hit.end;
        }
        out.push_str(&text[done..]);
        out
    }

    #[test]
    fn folding_drops_accents_and_case_but_not_letters() {
        assert_eq!(fold("Tomás"), "tomas");
        assert_eq!(fold("ZOË"), "zoe");
        assert_eq!(fold("Zoe\u{308}"), "zoe");
        assert_eq!(fold("STRASSE"), fold("Straße"));
        assert_eq!(fold("İlkay"), "ilkay");
        assert_eq!(fold("أحمد"), fold("احمد"));
        assert_eq!(fold("प्रिया"), "प्रिया".nfd().collect::<String>());
        assert!(matches!(fold("ana"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_part_of_a_name_is_found_in_any_case_and_accent() {
        let m = finder(&[
            "Mei 美玲",
            "Maria Lopez",
            "Tomás",
            "Anne-Kimberly Dos Santos",
        ]);
        assert_eq!(
            marked(
                &m,
                "Tomás to call Mei about the rota; 美玲 agreed, MARIA too."
            ),
            "[2] to call [0] about the rota; [0] agreed, [1] too."
        );
        assert_eq!(
            marked(&m, "tomas, lopez, Kimberly, anne and santos; dos not"),
            "[2], [1], [3], [3] and [3]; dos not"
        );
        assert_eq!(marked(&m, "Mei 美玲 and Maria  Lopez"), "[0] and [1]");
        assert_eq!(marked(&m, "Mei美玲 came"), "[0] came");
    }

    #[test]
    fn endings_glued_on_are_caught_and_apostrophe_endings_kept() {
        let m = finder(&["Anna", "Ana", "Tomás", "Jo"]);
        assert_eq!(
            marked(
                &m,
                "Annas Buch, Ana's cup, Ana’s pen, Tomás' idea, Annalle, Ali'nin"
            ),
            "[0] Buch, [1]'s cup, [1]’s pen, [2]' idea, [0], Ali'nin"
        );
        // Short names and words that only start with a name are left.
        assert_eq!(
            marked(&m, "Jos banana analysis Anastasia"),
            "Jos banana analysis Anastasia"
        );
    }

    #[test]
    fn names_that_are_words_count_only_capitalized_and_are_flagged() {
        let m = finder(&["Will", "May Chen", "Rose"]);
        let hits = m.find("Will said we will meet in May. rose early, ROSE.");
        let found: Vec<(&str, bool)> = hits
            .iter()
            .map(|h| {
                (
                    &"Will said we will meet in May. rose early, ROSE."[h.start..h.end],
                    h.common,
                )
            })
            .collect();
        assert_eq!(found, [("Will", true), ("May", true), ("ROSE", true)]);
        assert_eq!(marked(&m, "May Chen came"), "[1] came");
        assert!(!m.find("May Chen")[0].common);
    }

    #[test]
    fn unspaced_scripts_match_inside_words() {
        let m = finder(&["李雷", "민수", "Zoë", "ガク"]);
        assert_eq!(
            marked(&m, "我和李雷说 / 민수가 왔다 / ZOË. / Zoëa"),
            "我和[0]说 / [1]가 왔다 / [2]. / Zoëa"
        );
        // Decomposed Hangul and kana are the same names.
        let nfd: String = "민수가, ガクさん".nfd().collect();
        let expected: String = "[1]가, [3]さん".nfd().collect();
        assert_eq!(marked(&m, &nfd), expected);
    }

    #[test]
    fn the_longest_name_wins_and_whole_names_beat_parts() {
        let m = finder(&["Ann", "Mary Ann", "Maria Lopez", "Maria Chen"]);
        assert_eq!(marked(&m, "mary ann, Mary\n  Ann, Ann"), "[1], [1], [0]");
        assert_eq!(marked(&m, "Maria came"), "[2|3] came");
        assert_eq!(
            m.people_in("Ann and Maria"),
            [PersonId(0), PersonId(2), PersonId(3)]
        );
    }

    #[test]
    fn scripts_and_symbols_in_names() {
        let m = finder(&["محمد الأحمد", "👩🏽‍🦱 Zoë", "प्रिया", "J. de la Cruz", "  ", "--"]);
        assert_eq!(marked(&m, "أحمد و محمد"), "[0] و [0]");
        assert_eq!(marked(&m, "👩🏽‍🦱 Zoë and zoe"), "[1] and [1]");
        assert_eq!(marked(&m, "प्रिया ने कहा"), "[2] ने कहा");
        assert_eq!(marked(&m, "J. de la Cruz; la cruz; de"), "[3]; la [3]; de");
        assert!(finder(&[]).find("anything").is_empty());
    }
}
