//! Older session formats, brought up to the current one.
//!
//! Each older format keeps a small type of its own here, so current types
//! can change freely. The store keeps the original file as a backup.
//!
//! - 1 kept the roster as plain names and called the creation time `started`.
//! - 2 is 3 without a journal beside it: the same fields.

use std::path::Path;

use jiff::Timestamp;
use serde::Deserialize;

use super::error::StoreError;
use super::text::{options, spanned};
use crate::core::event::Entry;
use crate::core::person::roster_from_names;
use crate::core::plan::Plan;
use crate::core::session::{FORMAT, Session};

/// Format 1 kept the roster as plain names and called the creation time
/// `started`.
#[derive(Deserialize)]
struct SessionV1 {
    title: String,
    started: Timestamp,
    plan: Plan,
    #[serde(default)]
    roster: Vec<String>,
    #[serde(default)]
    events: Vec<Entry>,
}

pub fn from_str(path: &Path, text: &str, format: u32) -> Result<Session, StoreError> {
    match format {
        2 => {
            let mut session: Session = options()
                .from_str(text)
                .map_err(|e| spanned(path, text, e))?;
            session.format = FORMAT;
            Ok(session)
        }
        1 => {
            let old: SessionV1 = options()
                .from_str(text)
                .map_err(|e| spanned(path, text, e))?;
            Ok(Session {
                format: FORMAT,
                title: old.title,
                created: old.started,
                rehearsal: false,
                spread: 0,
                roster: roster_from_names(&old.roster),
                gathering: None,
                plan: old.plan,
                events: old.events,
            })
        }
        other => Err(StoreError::syntax(
            path,
            1,
            1,
            format!("session format {other} is not one circlekeeper ever wrote"),
        )),
    }
}
