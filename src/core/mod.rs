//! The domain: plans, sessions and everything derived from them.
//!
//! Pure by rule: no terminal, no clock reads, no files. Time comes in as an
//! argument, so the live run and a rehearsal share one engine.

pub mod airtime;
pub mod breakout;
pub mod checks;
pub mod consent;
pub mod days;
pub mod decision;
pub mod due;
pub mod duration;
pub mod echo;
pub mod event;
#[cfg(test)]
mod fixture;
pub mod gathering;
pub mod groups;
pub mod guide;
pub mod harvest;
pub mod history;
pub mod library;
pub mod limits;
pub mod mentions;
pub mod names;
pub mod note;
pub mod pages;
pub mod person;
pub mod plan;
pub mod rehearsal;
pub mod roles;
pub mod room_view;
pub mod roster;
pub mod round;
pub mod run;
pub mod runsheet;
pub mod schedule;
pub mod session;
pub mod stack;
pub mod state;
pub mod tally;
pub mod timeline;
pub mod turn;
pub mod undos;
pub mod validate;
