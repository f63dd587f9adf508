//! `circlekeeper gathering [ID] [--rebuild]`: what a gathering remembers
//! across its sessions, and the list of gatherings.

use std::collections::BTreeMap;
use std::process::ExitCode;

use color_eyre::eyre::{Result, bail};
use jiff::Timestamp;
use serde::Serialize;

use super::print_json;
use crate::cli::Format;
use crate::core::duration::friendly;
use crate::core::gathering::Record;
use crate::store::gathering::{derive_from_sessions, known, load, path, rebuild, save};
use crate::store::list::read_all;
use crate::store::paths::Dirs;

pub fn run(dirs: &Dirs, id: Option<&str>, again: bool, format: Format) -> Result<ExitCode> {
    let tz = crate::store::paths::local_zone();
    let Some(id) = id else {
        return list(dirs, format);
    };
    if let Some(why) = crate::core::gathering::id_problem(id) {
        bail!(why);
    }
    let (record, note) = if again {
        let (record, bad) = rebuild(dirs, id, &tz)?;
        for b in &bad {
            eprintln!("unreadable, left out: {b}");
        }
        let n = record.sessions.len();
        (record, format!("rebuilt from {n} session{}", plural(n)))
    } else {
        match load(dirs, id) {
            Ok(Some(record)) => (record, String::new()),
            Ok(None) => {
                let (record, bad) = derive_from_sessions(dirs, id, &tz);
                if record.sessions.is_empty() {
                    bail!(
                        "no gathering {id:?}: no session of a plan with `gathering: {id:?}` in {}",
                        dirs.sessions().display()
                    );
                }
                for b in &bad {
                    eprintln!("unreadable, left out: {b}");
                }
                save(dirs, &record)?;
                (record, "made from its sessions".into())
            }
            Err(e) => {
                bail!(
                    "{e}\n(the record is made from the sessions: `circlekeeper gathering {id} --rebuild` makes it again)"
                );
            }
        }
    };
    match format {
        Format::Json => print_json(&record)?,
        Format::Human => {
            let today = Timestamp::now().to_zoned(tz).date();
            print!("{}", human(&record, today));
            let file = path(dirs, id);
            match note.is_empty() {
                true => println!("\nRecord: {}", file.display()),
                false => println!("\nRecord: {} ({note})", file.display()),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A gathering as the list gives it.
#[derive(Debug, Serialize)]
struct Listed {
    id: String,
    sessions: usize,
    /// When its latest session was created (RFC 3339).
    latest: Option<Timestamp>,
    /// Whether a record file is there (else `gathering ID` makes one).
    record: bool,
}

/// Every gathering named by a session or with a record.
fn list(dirs: &Dirs, format: Format) -> Result<ExitCode> {
    let (read, bad) = read_all(&dirs.sessions());
    let mut found: BTreeMap<String, (usize, Option<Timestamp>)> = BTreeMap::new();
    for (_, s) in read.iter().filter(|(_, s)| !s.rehearsal) {
        if let Some(id) = &s.plan.gathering {
            let e = found.entry(id.clone()).or_default();
            e.0 += 1;
            e.1 = e.1.max(Some(s.created));
        }
    }
    let records = known(dirs);
    for id in &records {
        found.entry(id.clone()).or_default();
    }
    let listed: Vec<Listed> = found
        .into_iter()
        .map(|(id, (sessions, latest))| Listed {
            record: records.contains(&id),
            id,
            sessions,
            latest,
        })
        .collect();
    match format {
        Format::Json => print_json(&listed)?,
        Format::Human => {
            if listed.is_empty() {
                println!(
                    "No gatherings yet: give a plan `gathering: \"a-name\"` and its sessions share a record."
                );
            }
            let tz = crate::store::paths::local_zone();
            for g in &listed {
                let latest = g.latest.map_or("-".to_string(), |t| {
                    t.to_zoned(tz.clone()).strftime("%Y-%m-%d").to_string()
                });
                println!(
                    "{}  {} session{}  latest {latest}",
                    g.id,
                    g.sessions,
                    plural(g.sessions)
                );
            }
        }
    }
    for e in &bad {
        eprintln!("unreadable: {e}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The record in words: sessions, who came when, crews, roles, prompts,
/// follow-ups.
pub fn human(r: &Record, today: jiff::civil::Date) -> String {
    let mut o = String::new();
    let mut line = |s: String| {
        o.push_str(&s);
        o.push('\n');
    };
    line(format!(
        "Gathering {}: {} session{}, {} people, {} crew{}",
        r.id,
        r.sessions.len(),
        plural(r.sessions.len()),
        r.people.len(),
        r.crews.len(),
        plural(r.crews.len())
    ));
    let label = |i: usize| r.sessions.get(i).map_or("?".to_string(), |s| s.label());
    line(String::new());
    line("Sessions".into());
    for (i, s) in r.sessions.iter().enumerate() {
        line(format!(
            "  {}. {} · {} · {} came · {}",
            i + 1,
            s.label(),
            if s.finished { "finished" } else { "unfinished" },
            s.came,
            s.file
        ));
    }
    if !r.people.is_empty() {
        line(String::new());
        line("People: who came when, and how much they spoke".into());
        for m in &r.people {
            let came = match m.came.is_empty() {
                true => "not yet".to_string(),
                false => m
                    .came
                    .iter()
                    .map(|c| label(c.session))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let spoke = match m.turns {
                0 => "has not spoken yet".to_string(),
                n => format!("{n} turn{}, {}", plural(n as usize), friendly(m.spoken)),
            };
            line(format!("  {} · {came} · {spoke}", m.name));
        }
    }
    if !r.crews.is_empty() {
        line(String::new());
        line("Crews".into());
        for (i, c) in r.crews.iter().enumerate() {
            line(format!("  {}. {}", i + 1, c.join(", ")));
        }
    }
    if !r.roles.is_empty() {
        line(String::new());
        line("Roles".into());
        let mut roles: Vec<&str> = Vec::new();
        for h in &r.roles {
            if !roles
                .iter()
                .any(|x| crate::core::roles::fold(x) == crate::core::roles::fold(&h.role))
            {
                roles.push(&h.role);
            }
        }
        for role in roles {
            let held: Vec<String> = r
                .roles
                .iter()
                .filter(|h| crate::core::roles::fold(&h.role) == crate::core::roles::fold(role))
                .map(|h| {
                    let lot = if h.drawn { ", drawn by lot" } else { "" };
                    format!("{} ({}{lot})", h.name, label(h.session))
                })
                .collect();
            line(format!("  {role}: {}", held.join("; ")));
        }
    }
    if !r.prompts.is_empty() {
        line(String::new());
        line("Prompts asked".into());
        for p in &r.prompts {
            line(format!("  - {p}"));
        }
    }
    if !r.follow_ups.is_empty() {
        line(String::new());
        line("Follow-ups and actions".into());
        for f in &r.follow_ups {
            let who = match (f.who.is_empty(), f.with.is_empty()) {
                (true, _) => String::new(),
                (false, true) => format!("{}: ", f.who.join(", ")),
                (false, false) => format!("{} with {}: ", f.who.join(", "), f.with.join(", ")),
            };
            let by = match f.by {
                Some(d) if d < today => format!(" (by {d}, overdue)"),
                Some(d) => format!(" (by {d})"),
                None => String::new(),
            };
            let circle = if f.circle { " [circle]" } else { "" };
            line(format!(
                "  - {who}{}{by}{circle} · {}, {}",
                f.text,
                f.kind,
                label(f.session)
            ));
        }
    }
    o
}
