//! Where a segment starts in a plan's source text, so advice about it can
//! point at a line the way a compiler does.
//!
//! RON's parser does not hand out positions for values that parse fine, so
//! this reads just enough of the structure itself: it finds the top-level
//! `segments:` list and the start of each entry in it, skipping strings,
//! characters and comments, which may hold any bracket or comma.

/// 1-based line where the segment at `index` (0-based) starts; when the
/// structure cannot be followed, the first line holding its title.
pub fn segment_line(text: &str, index: usize, title: &str) -> Option<usize> {
    match segment_starts(text).get(index) {
        Some(&at) => Some(line_of(text, at)),
        None => title_line(text, title),
    }
}

/// Lines where the segments start, for all of a plan's segments at once:
/// the text is read once, however many segments there are (calling
/// [`segment_line`] for each would read it once per segment).
pub fn segment_lines<'a>(
    text: &str,
    titles: impl IntoIterator<Item = &'a str>,
) -> Vec<Option<usize>> {
    let starts = segment_starts(text);
    let mut lines = Lines::new(text);
    titles
        .into_iter()
        .enumerate()
        .map(|(i, title)| match starts.get(i) {
            Some(&at) => Some(lines.line_of(at)),
            None => title_line(text, title),
        })
        .collect()
}

/// Line numbers of offsets asked for in increasing order, counted as it
/// goes: linear in the text, not in the text times the questions.
struct Lines<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += self.text[self.at..offset]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.at = offset;
        self.line
    }
}

/// Byte offset where each segment starts: the entries of the top-level
/// `segments` list, or of each day's `segments` in a plan with `days`.
pub fn segment_starts(text: &str) -> Vec<usize> {
    let tokens: Vec<Token> = tokens(text.as_bytes()).collect();
    if let Some(found) = list_in(text, &tokens, "segments", true) {
        return found.iter().map(|k| tokens[*k].start).collect();
    }
    let mut out = Vec::new();
    for day in day_entries(text, &tokens) {
        let open = &tokens[day..];
        if let Some(found) = list_in(text, open, "segments", false) {
            out.extend(found.iter().map(|k| open[*k].start));
        }
    }
    out
}

/// 1-based line where the day at `index` (0-based) of `days` starts.
pub fn day_line(text: &str, index: usize) -> Option<usize> {
    let tokens: Vec<Token> = tokens(text.as_bytes()).collect();
    let day = *day_entries(text, &tokens).get(index)?;
    Some(line_of(text, tokens[day].start))
}

/// 1-based line and column of a top-level field's name (`days`, `gathering`).
pub fn field_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let tokens: Vec<Token> = tokens(text.as_bytes()).collect();
    let mut depth = 0usize;
    for t in &tokens {
        match t.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close => depth = depth.saturating_sub(1),
            Kind::Word if depth == 1 && &text[t.start..t.end] == key => {
                let line = line_of(text, t.start);
                let line_start = text[..t.start].rfind('\n').map_or(0, |i| i + 1);
                return Some((line, text[line_start..t.start].chars().count() + 1));
            }
            _ => {}
        }
    }
    None
}

/// Token indices of each day's opening parenthesis in the `days` list.
fn day_entries(text: &str, tokens: &[Token]) -> Vec<usize> {
    list_in(text, tokens, "days", true)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|k| {
            // A day may be written `Day(...)`: its struct opens after the name.
            (k..tokens.len().min(k + 2)).find(|j| tokens[*j].kind == Kind::Open(b'('))
        })
        .collect()
}

/// Token indices where each entry of the list under `key` starts, `key`
/// being a field directly inside the struct `tokens` opens (`top`: the
/// outermost struct of the file, anything before it skipped).
fn list_in(text: &str, tokens: &[Token], key: &str, top: bool) -> Option<Vec<usize>> {
    let mut depth = 0usize;
    for (k, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !top {
                    return None;
                }
            }
            Kind::Word if depth == 1 && &text[t.start..t.end] == key => {
                if let [colon, open, ..] = &tokens[k + 1..]
                    && colon.kind == Kind::Colon
                    && open.kind == Kind::Open(b'[')
                {
                    return Some(
                        entries(&tokens[k + 2..])
                            .into_iter()
                            .map(|e| e + k + 2)
                            .collect(),
                    );
                }
            }
            _ => {}
        }
    }
    None
}

/// Entry starts (token indices) of a list, given its tokens from its
/// opening bracket on.
fn entries(tokens: &[Token]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut expecting = true;
    for (k, t) in tokens.iter().enumerate() {
        if depth == 1 {
            match t.kind {
                Kind::Comma => {
                    expecting = true;
                    continue;
                }
                Kind::Close => return out,
                _ if expecting => {
                    out.push(k);
                    expecting = false;
                }
                _ => {}
            }
        }
        match t.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

fn title_line(text: &str, title: &str) -> Option<usize> {
    if title.is_empty() {
        return None;
    }
    text.find(&format!("\"{title}\""))
        .or_else(|| text.find(title))
        .map(|at| line_of(text, at))
}

/// The column (1-based, in characters) of the first character on `line`
/// that is not blank.
pub fn first_column(text: &str, line: usize) -> Option<usize> {
    let row = text.lines().nth(line.checked_sub(1)?)?;
    row.chars().position(|c| !c.is_whitespace()).map(|i| i + 1)
}

fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open(u8),
    Close,
    Colon,
    Comma,
    /// An identifier or keyword.
    Word,
    /// Anything else: strings, characters, numbers, other punctuation.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// The significant tokens of RON text: whitespace and comments dropped,
/// each string or character literal one token. Delimiters are ASCII, so
/// reading bytes is safe in UTF-8 text.
fn tokens(b: &[u8]) -> Tokens<'_> {
    Tokens { b, i: 0 }
}

/// The tokens, read one at a time as they are asked for: nothing is held
/// but the place reached, so long plans stay in the cache.
#[derive(Clone)]
struct Tokens<'a> {
    b: &'a [u8],
    i: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let b = self.b;
        let mut i = self.i;
        while i < b.len() {
            let start = i;
            let c = b[i];
            let kind = match c {
                _ if c.is_ascii_whitespace() => {
                    i += 1;
                    continue;
                }
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    i = find(b, i, b"\n").map_or(b.len(), |e| e + 1);
                    continue;
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    i = block_comment_end(b, i);
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    i += 1;
                    Kind::Open(c)
                }
                b')' | b']' | b'}' => {
                    i += 1;
                    Kind::Close
                }
                b':' => {
                    i += 1;
                    Kind::Colon
                }
                b',' => {
                    i += 1;
                    Kind::Comma
                }
                b'"' => {
                    i = string_end(b, i + 1);
                    Kind::Other
                }
                b'\'' => {
                    i = char_end(b, i + 1);
                    Kind::Other
                }
                b'r' | b'b' if raw_string_ahead(b, i) => {
                    i = raw_string_end(b, i);
                    Kind::Other
                }
                _ if c.is_ascii_alphabetic() || c == b'_' => {
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                        i += 1;
                    }
                    Kind::Word
                }
                _ => {
                    i += 1;
                    Kind::Other
                }
            };
            self.i = i;
            return Some(Token {
                kind,
                start,
                end: i,
            });
        }
        self.i = i;
        None
    }
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Past the end of a `/* */` comment, which RON lets nest.
fn block_comment_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0;
    while i < b.len() {
        if b[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if b[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

/// Past the closing quote of a string whose body starts at `i`.
fn string_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Past the closing quote of a character literal whose body starts at `i`.
fn char_end(b: &[u8], i: usize) -> usize {
    let body = if b.get(i) == Some(&b'\\') {
        i + 2
    } else {
        i + 1
    };
    find(b, body, b"'").map_or(b.len(), |e| e + 1)
}

/// `r"`, `r#`, `br"` or `br#` at `i`, not inside a longer word.
fn raw_string_ahead(b: &[u8], i: usize) -> bool {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return false;
    }
    let r = if b[i] == b'b' { i + 1 } else { i };
    b.get(r) == Some(&b'r') && matches!(b.get(r + 1), Some(b'"' | b'#'))
}

/// Past the end of a raw string `r#"..."#` starting at `i`.
fn raw_string_end(b: &[u8], i: usize) -> usize {
    let mut j = if b[i] == b'b' { i + 2 } else { i + 1 };
    let hashes = b[j..].iter().take_while(|c| **c == b'#').count();
    j += hashes;
    if b.get(j) != Some(&b'"') {
        return j;
    }
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    find(b, j + 1, &close).map_or(b.len(), |e| e + close.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r###"// A plan (with parentheses in a comment: segments: [ (
#![enable(implicit_some)]
(
    title: "Tricky (really) \"quoted\" ) plan",
    goals: ["segments: [(", 'x', '(', '\''],
    /* block (comment /* nested ) */ still comment ( */
    segments: [
        (
            title: "Arrivals",
            kind: WelcomeCircle,
            time: "15m",
            script: [(say: "Hello (everyone), welcome")],
        ),
        // (a commented-out segment)
        (title: r#"Raw ") string"#, kind: Custom, time: "5m"), (
            title: "Same line after",
            kind: Break,
            time: "10m",
        ),
        Segment(
            title: "Named struct",
            kind: Custom,
            time: "5m",
        ),
    ],
)
"###;

    #[test]
    fn finds_each_segment_past_comments_and_strings() {
        let lines: Vec<usize> = (0..4)
            .map(|i| segment_line(SAMPLE, i, "").unwrap())
            .collect();
        assert_eq!(lines, [8, 15, 15, 20]);
    }

    #[test]
    fn falls_back_to_the_title_when_the_list_cannot_be_followed() {
        let text = "(\n  title: \"T\",\n  segments: [\n (title: \"Check-in\"";
        assert_eq!(segment_line(text, 0, "Check-in"), Some(4));
        assert_eq!(segment_line(text, 5, "Check-in"), Some(4));
        assert_eq!(segment_line(text, 5, "Nowhere"), None);
        let broken = "(\n  title: \"T\"\n  // \"Check-in\" in a comment\n";
        assert_eq!(segment_line(broken, 0, "Check-in"), Some(3));
    }

    #[test]
    fn only_the_top_level_segments_list_counts() {
        let text = "(\n  other: (segments: [(a: 1)]),\n  segments: [\n  (a: 2),\n  (a: 3)\n  ],\n)";
        assert_eq!(segment_starts(text).len(), 2);
        assert_eq!(segment_line(text, 1, ""), Some(5));
    }

    #[test]
    fn segments_inside_days_are_found_in_order() {
        let text = "(\n  title: \"T\",\n  days: [\n    Day(title: \"Fri\", segments: [\n      (a: 1),\n      (a: 2),\n    ]),\n    (\n      title: \"Sat\",\n      segments: [(a: 3)],\n    ),\n  ],\n)";
        let lines: Vec<usize> = (0..3).map(|i| segment_line(text, i, "").unwrap()).collect();
        assert_eq!(lines, [5, 6, 10]);
        assert_eq!(day_line(text, 0), Some(4));
        assert_eq!(day_line(text, 1), Some(8));
        assert_eq!(day_line(text, 2), None);
        assert_eq!(field_position(text, "days"), Some((3, 3)));
    }

    #[test]
    fn the_default_plan_is_located_segment_by_segment() {
        let text = crate::commands::start::DEFAULT_PLAN;
        let plan = crate::commands::start::default_plan();
        for (i, s) in plan.segments.iter().enumerate() {
            let line = segment_line(text, i, &s.title).unwrap();
            let next = text.lines().nth(line).unwrap();
            assert!(
                next.contains(&format!("title: \"{}\"", s.title)),
                "segment {i} at line {line}"
            );
        }
    }
}
