//! The command line (clap definitions only).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum, ValueHint};

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
    #[arg(long, global = true, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new session from a plan.
    Run {
        #[arg(value_hint = ValueHint::FilePath)]
        plan: PathBuf,
        /// Where to keep the session (default: a new file in the data folder).
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        session: Option<PathBuf>,
        /// A sign-up list to seat after the plan's roster: one name per
        /// line, or CSV with a `name` (and optional `pronouns`) column.
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        roster: Option<PathBuf>,
        /// Run one day of a plan with days, as a session of its own: its
        /// title, number or date (e.g. Saturday, 2, 2027-05-15).
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
    },
    /// Resume a session.
    Open {
        #[arg(value_hint = ValueHint::FilePath)]
        session: PathBuf,
    },
    /// Follow a session in a second window, read-only: for a projector or a
    /// co-facilitator. Shows what the facilitator chose for the room (V in
    /// the main window), or the view picked here with 1-8; never notes,
    /// reasons, names on decision positions or a confidential segment's
    /// content. Takes no lock and writes nothing.
    Follow {
        /// The session to follow; default: the one open now in the data
        /// folder (else the latest unfinished one).
        #[arg(value_hint = ValueHint::FilePath)]
        session: Option<PathBuf>,
        /// Show this view whatever the facilitator chooses: clock, prompt,
        /// agreements, round, stack, groups, tally or away.
        #[arg(long, value_name = "VIEW", value_parser = parse_view)]
        view: Option<crate::core::room_view::RoomView>,
    },
    /// Check plans like a compiler: errors, then warnings with advice, then
    /// notes from earlier sessions. Exit 1 when any plan has errors (or, with
    /// --deny-warnings, warnings), else 0.
    Check {
        #[arg(required = true, value_hint = ValueHint::FilePath)]
        plans: Vec<PathBuf>,
        /// Head count for round arithmetic (default: the plan's `people`,
        /// else its roster's length), at most 10,000.
        #[arg(long, value_name = "N", value_parser = people)]
        people: Option<u32>,
        /// Treat warnings as failures (exit 1), e.g. in CI.
        #[arg(long)]
        deny_warnings: bool,
        /// `json` prints one JSON object per line for each error, warning
        /// and note, for editors and scripts.
        #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Human)]
        message_format: Format,
    },
    /// Print a plan as a Markdown run sheet, ready to print.
    Runsheet {
        #[arg(value_hint = ValueHint::FilePath)]
        plan: PathBuf,
        /// Clock time of the first segment, e.g. 18:30 (default: the plan's
        /// `start`, else times relative to the start). In a plan with days
        /// it moves the first day printed only: later days keep their own
        /// starts.
        #[arg(long, value_name = "HH:MM")]
        start: Option<jiff::civil::Time>,
        /// Head count for round arithmetic, at most 10,000.
        #[arg(long, value_name = "N", value_parser = people)]
        people: Option<u32>,
        /// Print one day of a plan with days (its title, number or date).
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
    },
    /// Rehearse a plan on a simulated clock: a throwaway session, kept apart
    /// from real ones, then a report of what ran over and what to bring.
    Rehearse {
        #[arg(value_hint = ValueHint::FilePath)]
        plan: PathBuf,
        /// People to seat when the plan has no roster (default: the plan's
        /// `people`, else 8).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=500))]
        people: Option<u32>,
        /// How much faster than real time the clock runs, e.g. 10 or 60x.
        #[arg(long, value_name = "X", default_value = "10", value_parser = speed)]
        speed: u32,
        /// Also write the report to this file (the screen needs the
        /// terminal, so `> file` cannot catch it).
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        report: Option<PathBuf>,
        /// How much simulated turns vary: each person speaks their
        /// per-speaker time give or take up to this much, e.g. 20%
        /// (default 0: every turn exactly its box).
        #[arg(long, value_name = "PERCENT", default_value = "0", value_parser = percent)]
        spread: u8,
        /// Rehearse one day of a plan with days, on its own clock (its
        /// title, number or date, e.g. Saturday).
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
    },
    /// List the sessions in the data folder.
    Sessions {
        /// `json` prints one array of sessions, for scripts.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Show what a gathering remembers across its sessions: who came when,
    /// crews, who held which role, prompts asked, who has spoken how much,
    /// follow-ups. Without an ID, list the gatherings.
    Gathering {
        /// The gathering's name, as the plan's `gathering:` gives it.
        #[arg(value_name = "ID")]
        id: Option<String>,
        /// Make the record again from the session files (they are the
        /// source of truth), replacing a lost or damaged one.
        #[arg(long, requires = "id")]
        rebuild: bool,
        /// `json` prints the record as data, for scripts.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Browse the activity library (built in, plus your own library.ron in
    /// the config folder; also CIRCLEKEEPER_CONFIG_DIR).
    Library {
        #[command(subcommand)]
        action: Option<LibraryAction>,
        /// `json` prints the same as data, for scripts.
        #[arg(long, value_enum, global = true, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the harvest of a session: agenda against plan, decisions,
    /// actions, parking lot, reflections, shared follow-ups. Notes kept in the
    /// circle are never included, only counted; notes from a confidential
    /// segment only with the consent of everyone they need.
    Harvest {
        #[arg(value_hint = ValueHint::FilePath)]
        session: PathBuf,
        #[arg(long, value_enum, default_value_t = HarvestFormat::Markdown)]
        format: HarvestFormat,
        /// Replace every name with a neutral label ("Person 1", ...), in
        /// note text too.
        #[arg(long)]
        anonymize: bool,
        /// Print, instead of the harvest, every place a name would be
        /// shared and the consent each note shared from the circle rests on.
        #[arg(long)]
        check: bool,
    },
    /// Print one breakout group's report, to carry to the plenary: its
    /// shared notes, mandates, delegates and decisions, never a note kept in
    /// the circle. The plenary imports it on the report-back (`i`).
    ///
    /// E.g. `circlekeeper report SESSION.ron --group "Crew 3" > crew3.ron`.
    Report {
        #[arg(value_hint = ValueHint::FilePath)]
        session: PathBuf,
        /// The group's name, as the session has it (any case).
        #[arg(long, value_name = "NAME")]
        group: String,
    },
    /// Print a shell's completion script.
    ///
    /// bash: `circlekeeper completions bash >
    /// ~/.local/share/bash-completion/completions/circlekeeper`
    ///
    /// zsh: `circlekeeper completions zsh > ~/.zfunc/_circlekeeper`, with
    /// `fpath+=~/.zfunc` before `compinit` in ~/.zshrc
    ///
    /// fish: `circlekeeper completions fish >
    /// ~/.config/fish/completions/circlekeeper.fish`
    ///
    /// PowerShell: add `circlekeeper completions powershell | Out-String |
    /// Invoke-Expression` to $PROFILE
    ///
    /// Library ids are completed as the library was when the script was
    /// made; make it again after adding activities of your own.
    Completions {
        /// The shell to write the script for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `circlekeeper manual > circlekeeper.1`.
    Manual,
}

#[derive(Debug, Subcommand)]
pub enum LibraryAction {
    /// Print one activity in full: steps, script, materials, consent notes.
    Show {
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Print the check-in and check-out prompts.
    Prompts,
}

/// Output for people (the default) or for other programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HarvestFormat {
    Markdown,
    Ron,
}

/// A spread of turn lengths: "20" or "20%", from 0 to 100.
fn percent(text: &str) -> Result<u8, String> {
    let digits = text.trim().trim_end_matches('%');
    match digits.parse::<u8>() {
        Ok(n) if n <= 100 => Ok(n),
        _ => Err(format!(
            "{text:?} is not a spread (a whole percentage from 0 to 100, e.g. 20%)"
        )),
    }
}

/// A rehearsal speed: "10" or "10x", from 1 to 3600.
fn speed(text: &str) -> Result<u32, String> {
    let digits = text.trim().trim_end_matches(['x', 'X']);
    match digits.parse::<u32>() {
        Ok(n) if (1..=3600).contains(&n) => Ok(n),
        _ => Err(format!(
            "{text:?} is not a speed (a whole number from 1 to 3600, e.g. 10 or 60x)"
        )),
    }
}

/// A head count: a whole number from 1 to the most a plan may count.
fn people(text: &str) -> Result<u32, String> {
    let most = crate::core::limits::PEOPLE;
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=most).contains(&n) => Ok(n),
        _ => Err(format!(
            "{} is not a head count (a whole number from 1 to {})",
            crate::core::echo::echo(&format!("{text:?}")),
            crate::core::limits::thousands(most as usize)
        )),
    }
}

/// A room view by its name, for `follow --view`.
fn parse_view(name: &str) -> Result<crate::core::room_view::RoomView, String> {
    crate::core::room_view::RoomView::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = crate::core::room_view::RoomView::ALL
            .iter()
            .map(|v| v.name())
            .collect();
        format!("no view called '{name}'; one of: {}", names.join(", "))
    })
}
