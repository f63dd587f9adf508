//! circlekeeper: a facilitator's companion for holding a circle.
//!
//! - `assets`: the defaults embedded in the binary (keys, library, plan).
//! - `core`: the domain (plans, sessions, the event log, derived state); pure.
//! - `store`: session and plan files: paths, RON loading, atomic saves, locks.
//! - `cli`: the command line (clap).
//! - `commands`: what each command does.
//! - `tui`: the terminal UI (app loop, keymap, screens, widgets).

pub mod assets;
pub mod cli;
pub mod commands;
pub mod core;
pub mod store;
pub mod tui;
