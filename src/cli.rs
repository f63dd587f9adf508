//! The command line (clap definitions only).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "circlekeeper",
    version,
    about = "A facilitator's companion for holding a circle: timekeeping, rounds, stacks, notes.",
    long_about = "A facilitator's companion for holding a circle: timekeeping, rounds, \
                  speaking stacks and notes, from a plan written in RON.\n\n\
                  With no command it resumes the most recent unfinished session, or starts \
                  one from the built-in default plan."
)]
pub struct Cli {
    /// Folder for sessions and logs (default: the platform's data folder;
    /// also CIRCLEKEEPER_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new session from a plan.
    Run {
        plan: PathBuf,
        /// Where to keep the session (default: a new file in the data folder).
        #[arg(long, value_name = "FILE")]
        session: Option<PathBuf>,
        /// A sign-up list to seat after the plan's roster: one name per
        /// line, or CSV with a `name` (and optional `pronouns`) column.
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
    },
    /// Resume a session.
    Open { session: PathBuf },
    /// Check plans; exit 0 when all are fine, 1 when any has errors.
    Check {
        #[arg(required = true)]
        plans: Vec<PathBuf>,
    },
    /// List the sessions in the data folder.
    Sessions,
}
