//! The domain: plans, sessions and everything derived from them.
//!
//! Pure by rule: no terminal, no clock reads, no files. Time comes in as an
//! argument, so the live run and a rehearsal share one engine.

pub mod duration;
pub mod event;
pub mod harvest;
pub mod note;
pub mod person;
pub mod plan;
pub mod run;
pub mod session;
pub mod state;
pub mod validate;
