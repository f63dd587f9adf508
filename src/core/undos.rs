//! Which entries of a log an undo has taken back, worked out as the log
//! grows.
//!
//! `Undo(scope)` takes back the latest entry still in effect within its
//! scope, and nothing before a `Closed` can be taken back. Each scope keeps
//! a stack of the entries it may take back; an entry taken back through one
//! scope is dropped from the others' stacks when it reaches their top, so
//! finding the latest is constant time on average, however long the log.

use crate::core::event::{Entry, Event, Scope};

#[derive(Debug, Clone, Default)]
pub struct Undos {
    /// Per entry of the log: taken back by a later undo.
    undone: Vec<bool>,
    /// Per scope (by `Scope::index`), the entries it may still take back,
    /// oldest first; the top is always in effect.
    candidates: [Vec<u32>; Scope::ALL.len()],
}

impl Undos {
    /// The undos of a whole log.
    pub fn of(log: &[Entry]) -> Undos {
        let mut undos = Undos::default();
        for entry in log {
            undos.push(&entry.event);
        }
        undos
    }

    /// Notes the log's next entry; for an undo, the index of the entry it
    /// takes back, if any.
    pub fn push(&mut self, event: &Event) -> Option<usize> {
        let index = self.undone.len();
        self.undone.push(false);
        match event {
            Event::Undo(scope) => {
                let target = self.latest(*scope)?;
                self.undone[target] = true;
                let undone = &self.undone;
                for stack in &mut self.candidates {
                    while stack.last().is_some_and(|i| undone[*i as usize]) {
                        stack.pop();
                    }
                }
                Some(target)
            }
            // An ended session stays ended.
            Event::Closed => {
                self.candidates.iter_mut().for_each(Vec::clear);
                None
            }
            event => {
                for scope in Scope::ALL {
                    if event.in_scope(scope) {
                        self.candidates[scope.index()].push(index as u32);
                    }
                }
                None
            }
        }
    }

    /// The latest entry still in effect that an undo in `scope` would take
    /// back.
    pub fn latest(&self, scope: Scope) -> Option<usize> {
        self.candidates[scope.index()].last().map(|i| *i as usize)
    }

    pub fn is_undone(&self, index: usize) -> bool {
        self.undone.get(index).copied().unwrap_or(false)
    }
}
