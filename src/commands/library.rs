//! `circlekeeper library`: browse the activities and prompts a plan can use.

use std::fmt::Write;
use std::process::ExitCode;

use color_eyre::eyre::{Report, Result};
use serde::Serialize;

use super::print_json;
use crate::cli::{Format, LibraryAction};
use crate::core::duration::friendly;
use crate::core::library::{Activity, Library};
use crate::core::plan::Cue;
use crate::store::library::{load, user_path};
use crate::store::paths::Dirs;

/// `--format json` gives the library as data, in the shape of
/// `library.ron`: the whole of it, one activity, or the two prompt pools.
pub fn run(dirs: &Dirs, action: Option<LibraryAction>, format: Format) -> Result<ExitCode> {
    let library = load(&dirs.config)?;
    match (action, format) {
        (None, Format::Human) => {
            let mut text = list(&library);
            let own = user_path(&dirs.config);
            if own.exists() {
                let _ = writeln!(text, "Your own activities come from {}", own.display());
            }
            print!("{text}");
        }
        (None, Format::Json) => print_json(&library)?,
        (Some(LibraryAction::Show { id }), format) => {
            let activity = library
                .get(&id)
                .ok_or_else(|| Report::msg(unknown(&library, &id)))?;
            match format {
                Format::Human => print!("{}", show(activity)),
                Format::Json => print_json(activity)?,
            }
        }
        (Some(LibraryAction::Prompts), Format::Human) => print!("{}", prompts(&library)),
        (Some(LibraryAction::Prompts), Format::Json) => print_json(&Prompts {
            check_ins: &library.check_ins,
            check_outs: &library.check_outs,
        })?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Both prompt pools, as `library prompts --format json` gives them.
#[derive(Serialize)]
struct Prompts<'a> {
    check_ins: &'a [String],
    check_outs: &'a [String],
}

/// One line per activity: id, kind, title, time, how the room is split.
pub fn list(library: &Library) -> String {
    let width = |f: fn(&Activity) -> String| {
        library
            .activities
            .iter()
            .map(|a| f(a).chars().count())
            .max()
            .unwrap_or(0)
    };
    let id_w = width(|a| a.id.clone());
    let kind_w = width(|a| a.kind.label().to_string());
    let title_w = width(|a| a.title.clone());
    let time_w = width(time_label);
    let mut out = String::new();
    for a in &library.activities {
        let _ = writeln!(
            out,
            "{:<id_w$}  {:<kind_w$}  {:<title_w$}  {:<time_w$}  {}",
            a.id,
            a.kind.label(),
            a.title,
            time_label(a),
            formats(a)
        );
    }
    let _ = writeln!(
        out,
        "\n{} activities. `circlekeeper library show ID` prints one in full; \
         `circlekeeper library prompts` the {} check-in and {} check-out prompts.",
        library.activities.len(),
        library.check_ins.len(),
        library.check_outs.len()
    );
    out
}

/// "45m", "1m each", or "5m + 1m 30s each" when part of it goes by head count.
pub fn time_label(a: &Activity) -> String {
    let mut parts: Vec<String> = a.total().map(friendly).into_iter().collect();
    parts.extend(
        a.steps
            .iter()
            .filter(|s| s.time.is_none())
            .filter_map(|s| s.per_person)
            .map(|p| format!("{} each", friendly(p))),
    );
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(" + ")
    }
}

/// The group formats of the steps in order, repeats folded: "whole group → pairs".
fn formats(a: &Activity) -> String {
    let mut labels: Vec<String> = a.steps.iter().map(|s| s.format.label()).collect();
    labels.dedup();
    labels.join(" → ")
}

/// Everything about one activity, in the order a facilitator reads it.
pub fn show(a: &Activity) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", a.title);
    let _ = writeln!(out, "id: {} · {} · {}", a.id, a.kind.label(), time_label(a));
    if !a.purpose.trim().is_empty() {
        let _ = writeln!(out, "\n{}", a.purpose);
    }
    if let Some(p) = &a.prompt {
        let _ = writeln!(out, "\nPrompt: {p}");
    }
    if a.method.is_some() {
        let rules = crate::core::decision::rules::Rules::of(&a.to_segment());
        let _ = writeln!(out, "\nRule: {}", rules.method_rule());
    }
    if a.kind == crate::core::plan::SegmentKind::Breakout {
        let s = a.to_segment();
        let pair = match crate::core::breakout::plan::delegates_wanted(&s) {
            2 => "a pair of delegates",
            _ => "a delegate",
        };
        let mut line = format!(
            "\nGroups: {}; each sends {pair}",
            s.split.unwrap_or_default().label()
        );
        if let Some(rb) = s.report_back {
            line.push_str(&format!(
                "; the last {} is the report-back",
                crate::core::duration::friendly(rb)
            ));
        }
        let _ = writeln!(out, "{line}");
    }
    if !a.roles.is_empty() {
        let _ = writeln!(out, "\nRoles: {}", a.roles.join(", "));
    }
    bullets(&mut out, "Agreements", &a.agreements);
    for (i, step) in a.steps.iter().enumerate() {
        let _ = writeln!(out, "\nStep {}. {} ({})", i + 1, step.title, step.summary());
        for cue in &step.script {
            cue_lines(&mut out, cue);
        }
    }
    bullets(&mut out, "Materials", &a.materials);
    bullets(&mut out, "Variations", &a.variations);
    bullets(&mut out, "Consent notes", &a.consent);
    out
}

fn cue_lines(out: &mut String, cue: &Cue) {
    for (label, text) in [("say", &cue.say), ("do", &cue.act), ("watch", &cue.watch)] {
        if let Some(text) = text {
            let _ = writeln!(out, "  {:<6} {text}", format!("{label}:"));
        }
    }
}

fn bullets(out: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading}:");
    for item in items {
        let _ = writeln!(out, "  - {item}");
    }
}

/// Both prompt pools, numbered.
pub fn prompts(library: &Library) -> String {
    let mut out = String::new();
    for (heading, pool) in [
        ("Check-in prompts", &library.check_ins),
        ("Check-out prompts", &library.check_outs),
    ] {
        let _ = writeln!(out, "{heading}:");
        for (i, p) in pool.iter().enumerate() {
            let _ = writeln!(out, "  {:>2}. {p}", i + 1);
        }
        out.push('\n');
    }
    out
}

/// The message for an id that is not in the library, with near misses.
fn unknown(library: &Library, id: &str) -> String {
    let close = library.close_ids(id);
    let id = crate::core::echo::echo(id);
    if close.is_empty() {
        format!("no activity '{id}' in the library; `circlekeeper library` lists them all")
    } else {
        format!(
            "no activity '{id}' in the library; did you mean: {}?",
            close.join(", ")
        )
    }
}
