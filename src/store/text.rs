//! RON text to plans and sessions, with errors that point at line and column.
//!
//! Reading is pure (text in, value out) so the same code serves files,
//! embedded assets and tests.

use std::path::Path;

use ron::extensions::Extensions;
use ron::{Options, de::SpannedError};
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::error::StoreError;
use crate::core::days::BOTH_LISTS;
use crate::core::plan::Plan;
use crate::core::session::{FORMAT, Session};
use crate::core::validate::{Problem, validate};

/// RON as circlekeeper reads and writes it: `Some(..)` may be left out, and
/// the default recursion limit guards against deeply nested files.
pub fn options() -> Options {
    Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Bytes to text, refusing what is not a text file with the place it fails.
/// A leading byte order mark (some Windows editors write one) is skipped.
pub fn decode<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, StoreError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let (line, col) = position(std::str::from_utf8(good).unwrap_or_default());
            return Err(StoreError::syntax(
                path,
                line,
                col,
                "the file is not UTF-8 text (is it a binary file?)",
            ));
        }
    };
    if let Some(i) = text.find('\0') {
        let (line, col) = position(&text[..i]);
        return Err(StoreError::syntax(
            path,
            line,
            col,
            "a NUL byte: the file is damaged or not a text file",
        ));
    }
    if text.trim().is_empty() {
        return Err(StoreError::syntax(path, 1, 1, "the file is empty"));
    }
    Ok(text)
}

/// 1-based line and column just after `before`.
fn position(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// A RON error at its place in `text`, in words a facilitator can act on
/// where RON's own are written for programmers. Columns count characters.
pub(crate) fn spanned(path: &Path, text: &str, e: SpannedError) -> StoreError {
    use ron::Error as E;
    let mut at = None;
    let (mut line, mut col) = match e.code {
        // Running out of text is shown after the last thing in the file.
        E::Eof => position(text.trim_end()),
        // RON may point at the blank before the value it did not expect.
        _ => {
            let start = offset(text, e.span.start.line, e.span.start.col);
            let rest = &text[start..];
            let value = start + (rest.len() - rest.trim_start().len());
            if value < text.len() {
                at = Some(value);
                position(&text[..value])
            } else {
                (e.span.start.line, e.span.start.col)
            }
        }
    };
    let message = match e.code {
        E::Eof => "the file ends too early (is it cut off, or a closing bracket missing?)".into(),
        E::ExpectedStringEnd => "a string starts here and is never closed with `\"`".into(),
        E::UnclosedBlockComment => "a `/*` comment is never closed with `*/`".into(),
        E::ExceededRecursionLimit => format!(
            "brackets are nested more than {} deep; the file is damaged",
            options().recursion_limit.unwrap_or_default()
        ),
        // A message already in plain words (it quotes what was written, as
        // an anchor's does) stands; a parser's own about a time is reworded.
        E::Message(m) if m.starts_with('"') => m,
        E::Message(m) => match at.and_then(|v| time_message(text, v)) {
            Some((message, start)) => {
                (line, col) = position(&text[..start]);
                message
            }
            None => m,
        },
        code => code.to_string(),
    };
    StoreError::syntax(path, line, col, message)
}

/// A date or time the file gets wrong, in words a facilitator can act on
/// rather than the parser's own ("parameter 'hour' is not in the required
/// range of 0..=23"). Which kind is meant comes from the field's name.
fn time_message(text: &str, value: usize) -> Option<(String, usize)> {
    // The parser may point inside the string: start at its quote.
    let value = text[..value]
        .rfind('"')
        .filter(|q| {
            text[q + 1..value].chars().all(|c| c != '"' && c != '\n')
                && text[..*q].trim_end().ends_with(':')
        })
        .unwrap_or(value);
    let before = text[..value].trim_end().strip_suffix(':')?.trim_end();
    let field = &before[before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1)..];
    let token = text[value..]
        .strip_prefix('"')
        .map_or("", |t| t.find('"').map_or(t, |end| &t[..end]));
    let token = crate::core::echo::echo(token);
    let (what, example) = match field {
        "at" | "created" | "started" => ("a time between 1970 and 9999", "2026-11-23T18:30:00Z"),
        "date" | "due" | "by" => ("a date", "2026-12-01"),
        "start" => ("a clock time", "18:30"),
        _ => return None,
    };
    Some((
        format!("\"{token}\" is not {what} (write e.g. \"{example}\")"),
        value,
    ))
}

/// Byte offset of a 1-based line and character column, clamped to the text.
fn offset(text: &str, line: usize, col: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        n => text
            .match_indices('\n')
            .nth(n - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    text[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// Text to any file type; a syntax error names its line and column.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, StoreError> {
    options().from_str(text).map_err(|e| spanned(path, text, e))
}

/// What kind of file a text holds, read from its top-level fields.
#[derive(Debug, Deserialize)]
struct Probe {
    format: Option<u32>,
    events: Option<IgnoredAny>,
    segments: Option<IgnoredAny>,
    days: Option<IgnoredAny>,
}

fn probe(text: &str) -> Option<Probe> {
    options().from_str::<Probe>(text).ok()
}

/// Reads a plan and checks that it makes sense.
pub fn plan_from_str(path: &Path, text: &str) -> Result<Plan, StoreError> {
    let plan: Plan = match parse(path, text) {
        Ok(p) => p,
        Err(StoreError::Syntax { message, .. })
            if message.starts_with("more than") && message.contains(" segments in a plan") =>
        {
            // Point at the first segment too many, where the parser had
            // already read past it.
            let at = super::locate::segment_starts(text)
                .get(crate::core::limits::SEGMENTS)
                .copied()
                .unwrap_or(0);
            let (line, col) = position(&text[..at]);
            return Err(StoreError::syntax(path, line, col, message));
        }
        Err(e) => {
            if let Some(p) = probe(text)
                && p.events.is_some()
            {
                return Err(StoreError::WrongKind {
                    path: path.to_path_buf(),
                    expected: "plan",
                    found: "session",
                    hint: "resume it with `circlekeeper open`",
                });
            }
            return Err(both_lists_at_days(path, text, e));
        }
    };
    let problems = validate(&plan);
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(StoreError::Invalid {
            path: path.to_path_buf(),
            problems: placed(text, &plan, problems),
        })
    }
}

/// Problems of days and anchors, placed at their day's or segment's line
/// (the first character on it).
fn placed(text: &str, plan: &Plan, problems: Vec<Problem>) -> Vec<Problem> {
    let of_days = crate::core::days::problems(plan);
    problems
        .into_iter()
        .map(|mut p| {
            if !of_days.contains(&p) {
                return p;
            }
            let line = match (&p.day, &p.segment) {
                (Some((n, _)), _) => super::locate::day_line(text, n - 1),
                (None, Some((n, title))) => super::locate::segment_line(text, n - 1, title),
                (None, None) => None,
            };
            p.at = line.map(|l| (l, super::locate::first_column(text, l).unwrap_or(1)));
            p
        })
        .collect()
}

/// A plan with both `segments` and `days` is refused where `days` begins
/// (serde only knows the end of the plan).
fn both_lists_at_days(path: &Path, text: &str, e: StoreError) -> StoreError {
    match e {
        StoreError::Syntax { ref message, .. } if message.contains(BOTH_LISTS) => {
            let (line, col) = super::locate::field_position(text, "days").unwrap_or((1, 1));
            StoreError::syntax(path, line, col, BOTH_LISTS)
        }
        other => other,
    }
}

/// A session read from text: either current, or migrated from an older
/// format (the caller keeps the original as a backup).
#[derive(Debug)]
pub enum Loaded {
    Current(Session),
    Migrated { session: Session, from: u32 },
}

/// Reads a session of this format or an older one; refuses newer ones.
pub fn session_from_str(path: &Path, text: &str) -> Result<Loaded, StoreError> {
    let parsed: Result<Session, StoreError> = parse(path, text);
    let format = match &parsed {
        Ok(s) => Some(s.format),
        Err(_) => match probe(text) {
            Some(p)
                if p.format.is_none()
                    && (p.segments.is_some() || p.days.is_some())
                    && p.events.is_none() =>
            {
                return Err(StoreError::WrongKind {
                    path: path.to_path_buf(),
                    expected: "session",
                    found: "plan",
                    hint: "start a session from it with `circlekeeper run`",
                });
            }
            Some(p) => p.format,
            None => None,
        },
    };
    match format {
        Some(f) if f > FORMAT => Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: f,
            known: FORMAT,
        }),
        Some(f) if f < FORMAT => {
            let session = super::migrate::from_str(path, text, f)?;
            Ok(Loaded::Migrated { session, from: f })
        }
        _ => {
            let session = parsed?;
            let problems = validate(&session.plan);
            if problems.is_empty() {
                Ok(Loaded::Current(session))
            } else {
                Err(StoreError::Invalid {
                    path: path.to_path_buf(),
                    problems,
                })
            }
        }
    }
}

/// A session as RON text.
pub fn session_to_string(session: &Session) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ".to_string())
        .struct_names(false);
    options().to_string_pretty(session, config)
}

/// A plan as RON text.
pub fn plan_to_string(plan: &Plan) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new().indentor("    ".to_string());
    options().to_string_pretty(plan, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_agree_on_multi_byte_text() {
        let text = "(\n  title: \"Café ☕\",\n  x: 1)";
        for (i, _) in text.char_indices() {
            let (line, col) = position(&text[..i]);
            assert_eq!(offset(text, line, col), i, "at {line}:{col}");
        }
        assert_eq!(offset(text, 9, 1), text.len());
        assert_eq!(offset(text, 1, 99), text.len());
    }
}
