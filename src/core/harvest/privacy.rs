//! The privacy check: before a harvest leaves, every place a person's name
//! stands in what would be shared, and the consent each note shared from
//! the circle rests on.
//!
//! Names are looked for in the very text that would be written (Markdown or
//! RON), line by line, so no part of the harvest escapes the check.

use std::fmt::Write;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::consent::Consent;
use super::{AirtimeLine, Format, Harvest, Options};
use crate::core::mentions::Mentions;
use crate::core::session::Session;
use crate::core::state::State;

/// What a harvest would share about people, listed for a last look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub format: Format,
    pub anonymized: bool,
    /// Each line of the output where someone's name stands.
    pub names: Vec<NamePlace>,
    /// Each note or segment shared from the circle, with its consent.
    pub consents: Vec<ConsentPlace>,
    pub kept_in_circle: usize,
    pub not_named: usize,
    /// Names that are also words, replaced: a reader should look.
    pub check: Vec<String>,
}

/// A line of the output that names someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePlace {
    /// 1-based, in the output as it would be written.
    pub line: usize,
    /// The heading (Markdown) or field (RON) it stands under.
    pub section: String,
    /// The names as they stand there.
    pub names: Vec<String>,
    pub text: String,
}

/// Something shared from the circle, and the consent it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentPlace {
    pub section: &'static str,
    pub text: String,
    pub during: Option<String>,
    pub consent: Consent,
}

/// Builds the harvest as it would be written and checks it.
pub fn check(
    session: &Session,
    state: &State,
    options: &Options,
    airtime: Option<&[AirtimeLine]>,
    format: Format,
) -> Result<Preview, ron::Error> {
    let harvest = Harvest::build(session, state, options, airtime);
    check_built(session, &harvest, format)
}

/// The same check of a harvest already built, so the one checked is the
/// one written.
pub fn check_built(
    session: &Session,
    harvest: &Harvest,
    format: Format,
) -> Result<Preview, ron::Error> {
    let text = harvest.render(format)?;
    let names = Mentions::new(super::names_known(session));
    Ok(preview(harvest, &text, format, &names))
}

/// The check of a harvest and its text as rendered in `format`.
pub fn preview(harvest: &Harvest, text: &str, format: Format, names: &Mentions) -> Preview {
    let mut places = Vec::new();
    let mut section = String::from("header");
    for (i, line) in text.lines().enumerate() {
        if let Some(s) = section_of(line, format) {
            section = s;
        }
        let hits = names.find(line);
        if hits.is_empty() {
            continue;
        }
        let mut found: Vec<String> = Vec::new();
        for hit in hits {
            let name = line[hit.start..hit.end].to_string();
            if !found.contains(&name) {
                found.push(name);
            }
        }
        places.push(NamePlace {
            line: i + 1,
            section: section.clone(),
            names: found,
            text: shortened(line.trim(), 90),
        });
    }
    Preview {
        format,
        anonymized: harvest.anonymized,
        names: places,
        consents: consents(harvest),
        kept_in_circle: harvest.kept_in_circle,
        not_named: harvest.not_named,
        check: harvest.check.clone(),
    }
}

/// A Markdown heading or a top-level RON field starts a section.
fn section_of(line: &str, format: Format) -> Option<String> {
    match format {
        Format::Markdown => {
            if let Some(h) = line.strip_prefix("## ") {
                Some(h.trim().to_string())
            } else if line.starts_with("# ") {
                Some("header".into())
            } else if line == "---" {
                Some("closing lines".into())
            } else {
                None
            }
        }
        Format::Ron => {
            let field = line.strip_prefix("  ")?;
            let (name, _) = field.split_once(':')?;
            (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                .then(|| name.to_string())
        }
    }
}

fn consents(h: &Harvest) -> Vec<ConsentPlace> {
    let mut out = Vec::new();
    let mut add = |section, text: &str, during: &Option<String>, consent: &Option<Consent>| {
        if let Some(consent) = consent {
            out.push(ConsentPlace {
                section,
                text: shortened(&one_line(text), 60),
                during: during.clone(),
                consent: consent.clone(),
            });
        }
    };
    for line in &h.agenda {
        add("Agenda (named)", &line.title, &None, &line.consent);
    }
    for d in &h.decisions {
        add("Decisions", &d.text, &d.during, &d.consent);
    }
    for a in &h.actions {
        add("Actions", &a.text, &a.during, &a.consent);
    }
    for p in &h.parking_lot {
        add("Parking lot", &p.text, &p.during, &p.consent);
    }
    for r in &h.reflections {
        add("Reflections", &r.text, &r.during, &r.consent);
    }
    for f in &h.follow_ups {
        add("Follow-ups", &f.text, &f.during, &f.consent);
    }
    for n in &h.notes {
        add("Notes", &n.text, &n.during, &n.consent);
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, with "…" where cut.
fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

impl Preview {
    /// The check as plain text for a terminal; times in `tz`.
    pub fn to_text(&self, tz: &TimeZone) -> String {
        let mut out = String::new();
        let format = match self.format {
            Format::Markdown => "Markdown",
            Format::Ron => "RON",
        };
        let how = if self.anonymized {
            "anonymized"
        } else {
            "names as written"
        };
        let _ = writeln!(out, "Privacy check of the harvest ({format}, {how})\n");
        if self.names.is_empty() {
            out.push_str("No one's name stands in what would be shared.\n");
        } else {
            let _ = writeln!(
                out,
                "Names in what would be shared ({}):",
                count(self.names.len(), "line", "lines")
            );
            for p in &self.names {
                let _ = writeln!(
                    out,
                    "  line {} ({}): {} | {}",
                    p.line,
                    p.section,
                    p.names.join(", "),
                    p.text
                );
            }
        }
        out.push('\n');
        if self.consents.is_empty() {
            out.push_str("Nothing is shared from the circle.\n");
        } else {
            let _ = writeln!(
                out,
                "Shared from the circle, and the consent each rests on ({}):",
                self.consents.len()
            );
            for c in &self.consents {
                let during = c
                    .during
                    .as_deref()
                    .map(|d| format!(" (in {d})"))
                    .unwrap_or_default();
                let last = c.consent.agreed.iter().map(|a| a.at).max();
                let _ = writeln!(
                    out,
                    "  {}: \"{}\"{during}: {}{}",
                    c.section,
                    c.text,
                    c.consent.phrase(),
                    last.map(|t| format!(", the last given {}", when(t, tz)))
                        .unwrap_or_default()
                );
            }
        }
        out.push('\n');
        let _ = writeln!(
            out,
            "Kept in the circle, not shared: {}.",
            count(self.kept_in_circle, "note", "notes")
        );
        if self.not_named > 0 {
            let _ = writeln!(
                out,
                "Not named without their consent: {}.",
                count(self.not_named, "person", "people")
            );
        }
        if !self.check.is_empty() {
            let _ = writeln!(
                out,
                "\nA name that is also a word was replaced; make sure a person was meant ({}):",
                count(self.check.len(), "place", "places")
            );
            for place in &self.check {
                let _ = writeln!(out, "  \"{}\"", one_line(place));
            }
        }
        out
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn when(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}
