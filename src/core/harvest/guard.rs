//! The guard on what stays in the circle: texts kept in the circle, in the
//! forms the harvest checks titles and shared copies against.

use std::collections::{HashMap, HashSet};

use super::anonymize::{Phrases, key};
use crate::core::event::Event;
use crate::core::note::{Note, NoteEvent, NoteId, Visibility};
use crate::core::session::Session;
use crate::core::state::State;

/// What stays in the circle, in the forms the build checks against.
pub struct Guard {
    /// Texts ever kept in the circle (unless shared since), for titles.
    pub titles: Phrases<()>,
    /// Keys of the texts kept in the circle now, for shared copies.
    pub now: HashSet<String>,
    /// The key of each current note's text, index for index.
    pub keys: Vec<Option<String>>,
}

/// The guard: every text that was circle-only at any point in the log
/// (undone events too) and is not the text of a shared note now, since
/// consent given later stands. Each text is keyed once.
pub fn guard<'s>(session: &'s Session, state: &'s State) -> Guard {
    let notes = state.notes.all();
    let keys: Vec<Option<String>> = notes.clone().map(|n| key(&n.text)).collect();
    let mut now: HashSet<String> = HashSet::new();
    let mut shared: HashSet<&str> = HashSet::new();
    for (note, k) in notes.clone().zip(&keys) {
        match k {
            Some(k) if note.is_shared() => {
                shared.insert(k);
            }
            Some(k) => {
                now.insert(k.clone());
            }
            None => {}
        }
    }
    // Texts of current notes are keyed above; the log mostly repeats them.
    let current: HashSet<&str> = notes.clone().map(|n| n.text.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut past: Vec<String> = Vec::new();
    let mut consider = |text: &'s str| {
        if !current.contains(text)
            && seen.insert(text)
            && let Some(k) = key(text)
            && !shared.contains(k.as_str())
        {
            past.push(k);
        }
    };
    let mut latest: HashMap<NoteId, &'s Note> = HashMap::new();
    for entry in &session.events {
        let Event::Note(ev) = &entry.event else {
            continue;
        };
        match ev {
            NoteEvent::Added(n) | NoteEvent::Edited(n) => {
                if !n.is_shared() {
                    consider(&n.text);
                }
                latest.insert(n.id, n);
            }
            NoteEvent::SetVisibility {
                id,
                visibility: Visibility::CircleOnly,
            } => {
                if let Some(n) = latest.get(id) {
                    consider(&n.text);
                }
            }
            _ => {}
        }
    }
    let titles = Phrases::from_keys(now.iter().cloned().chain(past).map(|k| (k, ())));
    Guard { titles, now, keys }
}
