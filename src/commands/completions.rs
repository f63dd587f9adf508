//! `circlekeeper completions SHELL`: a completion script made from the
//! command line's own definition, so it never falls behind it.
//!
//! Files (plans, sessions, rosters) complete as paths in every shell that
//! completes paths. Library ids cannot be known to clap, so the ids of the
//! library as it is now (built in plus the user's own) are written into the
//! script, each with its title where the shell shows one.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap_complete::Shell;
use color_eyre::eyre::{Result, eyre};

use crate::cli::Cli;
use crate::core::library::Library;
use crate::store::library::{builtin, load};
use crate::store::paths::Dirs;

pub fn print(dirs: &Dirs, shell: Shell) -> Result<ExitCode> {
    // A broken library.ron must not cost the user their completions.
    let library = load(&dirs.config).unwrap_or_else(|e| {
        eprintln!("warning: {e}\nwarning: completing the built-in activities only");
        builtin()
    });
    std::io::stdout()
        .write_all(&script(shell, &library))
        .map_err(|e| eyre!("cannot write the completion script: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// The completion script for `shell`.
pub fn script(shell: Shell, library: &Library) -> Vec<u8> {
    let mut cmd = with_library_ids(Cli::command(), library);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "circlekeeper", &mut out);
    if shell == Shell::Fish {
        fish_library_ids(&mut out, library);
    }
    out
}

/// clap_complete's fish script completes options and commands but not the
/// values of positional arguments, so the ids are added here, one
/// `complete` line each, with the title shown beside the id.
fn fish_library_ids(out: &mut Vec<u8>, library: &Library) {
    for a in library.activities.iter().filter(|a| shell_safe(&a.id)) {
        let title = a
            .title
            .replace('\\', "\\\\")
            .replace('\'', "\\'")
            .replace(['\n', '\r'], " ");
        let _ = writeln!(
            out,
            "complete -c circlekeeper -n \"__fish_circlekeeper_using_subcommand library; \
             and __fish_seen_subcommand_from show\" -f -a '{}' -d '{title}'",
            a.id
        );
    }
}

/// The command line with `library show ID` offering the library's ids.
/// Only the script sees this: parsing still accepts any id and explains
/// an unknown one with near misses. An id a shell would need quoted (one
/// of the user's own, with a quote or `$` in it) is left out rather than
/// risk a broken script.
fn with_library_ids(cmd: clap::Command, library: &Library) -> clap::Command {
    let ids: Vec<PossibleValue> = library
        .activities
        .iter()
        .filter(|a| shell_safe(&a.id))
        .map(|a| PossibleValue::new(a.id.clone()).help(a.title.clone()))
        .collect();
    cmd.mut_subcommand("library", |library| {
        library.mut_subcommand("show", |show| {
            show.mut_arg("id", |id| id.value_parser(PossibleValuesParser::new(ids)))
        })
    })
}

fn shell_safe(id: &str) -> bool {
    id.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'))
}
