//! Files: where they live, how they are read, and how saves never lose data.

pub mod atomic;
pub mod error;
pub mod file;
pub mod gathering;
pub mod harvest;
pub mod input;
pub mod journal;
pub mod library;
pub mod list;
pub mod locate;
pub mod lock;
pub mod migrate;
pub mod open;
pub mod paths;
pub mod prompts;
pub mod report;
pub mod rescue;
pub mod roster;
pub mod text;
pub mod writer;

pub use error::StoreError;
