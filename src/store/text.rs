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
use crate::core::plan::Plan;
use crate::core::session::{FORMAT, Session};
use crate::core::validate::validate;

/// RON as circlekeeper reads and writes it: `Some(..)` may be left out, and
/// the default recursion limit guards against deeply nested files.
pub fn options() -> Options {
    Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Bytes to text, refusing what is not a text file with the place it fails.
pub fn decode<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, StoreError> {
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

fn spanned(path: &Path, e: SpannedError) -> StoreError {
    StoreError::syntax(
        path,
        e.span.start.line,
        e.span.start.col,
        e.code.to_string(),
    )
}

/// Text to any file type; a syntax error names its line and column.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, StoreError> {
    options().from_str(text).map_err(|e| spanned(path, e))
}

/// What kind of file a text holds, read from its top-level fields.
#[derive(Debug, Deserialize)]
struct Probe {
    format: Option<u32>,
    events: Option<IgnoredAny>,
    segments: Option<IgnoredAny>,
}

fn probe(text: &str) -> Option<Probe> {
    options().from_str::<Probe>(text).ok()
}

/// Reads a plan and checks that it makes sense.
pub fn plan_from_str(path: &Path, text: &str) -> Result<Plan, StoreError> {
    let plan: Plan = match parse(path, text) {
        Ok(p) => p,
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
            return Err(e);
        }
    };
    let problems = validate(&plan);
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(StoreError::Invalid {
            path: path.to_path_buf(),
            problems,
        })
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
            Some(p) if p.format.is_none() && p.segments.is_some() && p.events.is_none() => {
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
