//! The command line (clap definitions only).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
    /// Print the harvest of a session: agenda against plan, decisions,
    /// actions, parking lot, reflections, shared follow-ups. Notes kept in the
    /// circle are never included, only counted.
    Harvest {
        session: PathBuf,
        #[arg(long, value_enum, default_value_t = HarvestFormat::Markdown)]
        format: HarvestFormat,
        /// Replace every name with a neutral label ("Person 1", ...), in
        /// note text too.
        #[arg(long)]
        anonymize: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HarvestFormat {
    Markdown,
    Ron,
}
