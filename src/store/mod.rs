//! Files: where they live, how they are read, and how saves never lose data.

pub mod atomic;
pub mod error;
pub mod file;
pub mod harvest;
pub mod library;
pub mod list;
pub mod locate;
pub mod migrate;
pub mod paths;
pub mod prompts;
pub mod text;

pub use error::StoreError;
