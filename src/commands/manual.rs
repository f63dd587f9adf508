//! `circlekeeper manual`: the manual page, made from the command line's own
//! definition so `man circlekeeper` and `--help` never disagree.
//!
//! clap_mangen writes the title, name, synopsis, description and global
//! options; each command then gets a subsection with its usage and
//! options, followed by what a manual page is expected to say besides:
//! exit status, environment, files.

use std::io::Write;
use std::process::ExitCode;

use clap::{Arg, CommandFactory};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};
use color_eyre::eyre::{Result, eyre};

use crate::cli::Cli;
use crate::store::paths::{CONFIG_ENV, DATA_ENV};

pub fn print() -> Result<ExitCode> {
    std::io::stdout()
        .write_all(&page())
        .map_err(|e| eyre!("cannot write the manual page: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// The whole page, in roff.
pub fn page() -> Vec<u8> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = Man::new(cmd.clone()).manual("circlekeeper manual");
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = man.render_title(&mut out);
    let _ = man.render_name_section(&mut out);
    let _ = man.render_synopsis_section(&mut out);
    let _ = man.render_description_section(&mut out);
    let _ = man.render_options_section(&mut out);
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in visible(&cmd) {
        let inherited = globals(&cmd);
        command(&mut roff, sub, &inherited);
        let inherited = [inherited, globals(sub)].concat();
        for nested in visible(sub) {
            command(&mut roff, nested, &inherited);
        }
    }
    extra_sections(&mut roff);
    let _ = roff.to_writer(&mut out);
    let _ = man.render_version_section(&mut out);
    out
}

fn visible(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
}

/// The options a command hands down to its subcommands.
fn globals(cmd: &clap::Command) -> Vec<String> {
    cmd.get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect()
}

/// One command: its usage as a subheading, what it does, its own options
/// (those handed down are told where they are defined).
fn command(roff: &mut Roff, cmd: &clap::Command, inherited: &[String]) {
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    roff.control("SS", [usage]);
    if let Some(about) = cmd.get_long_about().or_else(|| cmd.get_about()) {
        let mut about = about.to_string();
        if !about.ends_with('.') {
            about.push('.');
        }
        paragraphs(roff, &about);
    }
    // Positionals without help of their own are said by the usage line.
    for arg in cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !inherited.iter().any(|id| id == a.get_id()))
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .filter(|a| !a.is_positional() || a.get_help().is_some())
    {
        option(roff, arg);
    }
}

/// A tagged paragraph: `--people N` over its help, its choices and default.
fn option(roff: &mut Roff, arg: &Arg) {
    let mut tag = Vec::new();
    if let Some(long) = arg.get_long() {
        tag.push(bold(format!("--{long}")));
    }
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    if takes_value {
        let names = arg
            .get_value_names()
            .map(|v| v.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            .unwrap_or_else(|| vec![arg.get_id().as_str().to_uppercase()]);
        if !tag.is_empty() {
            tag.push(roman(" "));
        }
        tag.push(italic(names.join(" ")));
        if arg.get_num_args().is_some_and(|n| n.max_values() > 1) {
            tag.push(roman("..."));
        }
    }
    roff.control("TP", []).text(tag);
    let mut help = arg
        .get_long_help()
        .or_else(|| arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    // clap drops a one-line help's full stop; more sentences follow here.
    if !help.is_empty() && !help.ends_with('.') {
        help.push('.');
    }
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_value && !choices.is_empty() {
        help += &format!(" One of: {}.", choices.join(", "));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() {
        help += &format!(" Default: {}.", defaults.join(" "));
    }
    paragraphs(roff, help.trim());
}

/// Text with blank lines between paragraphs.
fn paragraphs(roff: &mut Roff, text: &str) {
    for (i, part) in text.split("\n\n").enumerate() {
        if i > 0 {
            roff.control("PP", []);
        }
        roff.text([roman(part.replace('\n', " "))]);
    }
}

/// Exit status, environment and files: what a manual page is expected to
/// say besides the options.
fn extra_sections(roff: &mut Roff) {
    tagged(
        roff,
        "EXIT STATUS",
        &[
            ("0", "Fine."),
            (
                "1",
                "An error in a file (a plan, session, roster or library that cannot be read), \
                 a command that failed, or a failed check: a plan with errors, or with \
                 warnings under --deny-warnings.",
            ),
            (
                "2",
                "Wrong usage: an unknown command or option, a missing or malformed argument.",
            ),
        ],
    );
    tagged(
        roff,
        "ENVIRONMENT",
        &[
            (
                DATA_ENV,
                "The data folder (sessions, logs), when --data-dir is not given.",
            ),
            (
                CONFIG_ENV,
                "The config folder: keymap.ron and your own library.ron.",
            ),
            (
                "NO_COLOR",
                "When set, no colour is used; meaning never rests on colour alone.",
            ),
            (
                "CIRCLEKEEPER_THEME",
                "high-contrast suits projectors and bright rooms.",
            ),
        ],
    );
    tagged(
        roff,
        "FILES",
        &[
            (
                "<data>/sessions/*.ron",
                "Sessions, private to you (0600, in a 0700 folder). \
                 <data> is ~/.local/share/circlekeeper on Linux.",
            ),
            (
                "<data>/gatherings/ID.ron",
                "What a gathering remembers across its sessions, made from them \
                 (circlekeeper gathering ID --rebuild makes it again).",
            ),
            (
                "<data>/circlekeeper.log",
                "Diagnostics; crash reports crash-*.txt go beside it.",
            ),
            (
                "<config>/keymap.ron",
                "Your own keys over the defaults. <config> is ~/.config/circlekeeper on Linux.",
            ),
            (
                "<config>/library.ron",
                "Your own activities and prompts, merged over the built-in library by id.",
            ),
        ],
    );
}

/// A section of tagged paragraphs: each tag in bold over its meaning.
fn tagged(roff: &mut Roff, heading: &str, items: &[(&str, &str)]) {
    roff.control("SH", [heading]);
    for (tag, meaning) in items {
        roff.control("TP", [])
            .text([bold(*tag)])
            .text([roman(*meaning)]);
    }
}
