//! The harvest: what a session leaves to share once it is over, as far as
//! people consented to share it.
//!
//! Built in one pass from the session and its derived state; rendered as
//! Markdown (to read and pass on) or RON (for other tools).
//!
//! Privacy rules, all enforced here and nowhere else:
//! - A circle-only note never enters the harvest, in any field; only their
//!   number is stated.
//! - A title (the session's or a segment's) in which the text of a note that
//!   was ever kept in the circle stands as whole words is withheld, unless
//!   that text was later shared: a segment added during the run may be named
//!   after a topic that was kept in the circle.
//! - A shared note whose text is the same as a circle-only note's (ignoring
//!   case and spacing) is withheld and counted as kept in the circle: one
//!   copy was marked private, and privacy wins.
//! - Speakers are not named; owners and follow-up people are, since taking
//!   something on is a public act.
//! - Anonymized, every name a person had in the session becomes "Person N"
//!   everywhere, in free text too (see `anonymize` for the matching rule).

pub mod anonymize;
pub mod breakouts;
pub mod decisions;
mod markdown;

use std::collections::{HashMap, HashSet};

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::duration::{serde_friendly, serde_friendly_opt};
use super::event::Event;
use super::note::{Landed, Note, NoteEvent, NoteId, NoteKind, Visibility};
use super::person::{PeopleEvent, PersonId};
use super::run::{SegmentId, Status};
use super::session::Session;
use super::state::State;
use anonymize::{Anonymizer, Phrases, key};

/// How a harvest is written out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Format {
    #[default]
    Markdown,
    Ron,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Ron => "ron",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Replace every name with a neutral label, and leave out who took part.
    pub anonymize: bool,
    /// The zone dates and clock times are shown in (the facilitator's own).
    pub time_zone: TimeZone,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            anonymize: false,
            time_zone: TimeZone::UTC,
        }
    }
}

/// One person's speaking, as the airtime figures give it; passed in so the
/// harvest does not depend on how airtime is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AirtimeLine {
    pub person: PersonId,
    pub turns: u32,
    pub total: SignedDuration,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Harvest {
    pub title: String,
    pub date: Option<Date>,
    /// Clock times the run began and last ended, when it ran.
    pub began: Option<Time>,
    pub ended: Option<Time>,
    pub anonymized: bool,
    pub head_count: usize,
    /// Who took part, in seating order; empty when anonymized.
    pub took_part: Vec<String>,
    pub agenda: Vec<AgendaLine>,
    pub decisions: Vec<Item>,
    pub actions: Vec<ActionItem>,
    pub parking_lot: Vec<Parked>,
    pub reflections: Vec<Reflection>,
    pub follow_ups: Vec<FollowUp>,
    /// Shared plain notes.
    pub notes: Vec<Item>,
    /// Empty when no airtime figures were given.
    pub airtime: Vec<Airtime>,
    /// Each decision taken by a method: outcome, count, words, review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decision_records: Vec<decisions::DecisionRecord>,
    /// Indicative positions still to be ratified by their groups, from
    /// every decision above.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awaiting_ratification: Vec<breakouts::Awaiting>,
    /// Each breakout: its groups, delegates and mandates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakouts: Vec<breakouts::BreakoutRecord>,
    /// Notes that stayed in the circle and are not in this harvest.
    pub kept_in_circle: usize,
}

/// A segment as planned and as it ran, in running order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaLine {
    pub title: String,
    pub kind: String,
    pub confidential: bool,
    /// The time box in the plan, before any change during the run.
    #[serde(with = "serde_friendly")]
    pub planned: SignedDuration,
    /// How long its clock ran, when it ran.
    #[serde(with = "serde_friendly_opt")]
    pub actual: Option<SignedDuration>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Done,
    Skipped,
    /// Still on (or paused) when the log ends.
    Unfinished,
    NotReached,
}

/// A decision or plain note, with the segment it was taken in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub text: String,
    pub during: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub text: String,
    pub during: Option<String>,
    pub owner: Option<String>,
    pub due: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parked {
    pub text: String,
    pub during: Option<String>,
    /// The segment that later gave it time.
    pub taken_up_in: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    pub text: String,
    pub during: Option<String>,
    pub landed: Landed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub text: String,
    pub during: Option<String>,
    pub who: Vec<String>,
    pub with: Vec<String>,
    pub by: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Airtime {
    pub name: String,
    pub turns: u32,
    #[serde(with = "serde_friendly")]
    pub total: SignedDuration,
    /// Share of all speaking time, in whole percent.
    pub percent: u32,
}

/// Names and labels of people, and the privacy guard, for one build.
struct Context<'s> {
    anonymizer: Option<Anonymizer>,
    latest: HashMap<PersonId, &'s str>,
    guard: Guard,
}

/// What stays in the circle, in the forms the build checks against.
struct Guard {
    /// Texts ever kept in the circle (unless shared since), for titles.
    titles: Phrases<()>,
    /// Keys of the texts kept in the circle now, for shared copies.
    now: HashSet<String>,
    /// The key of each current note's text, index for index.
    keys: Vec<Option<String>>,
}

impl Context<'_> {
    fn person(&self, id: PersonId) -> String {
        match &self.anonymizer {
            Some(a) => a.label(id).to_string(),
            None => self
                .latest
                .get(&id)
                .copied()
                .unwrap_or("someone")
                .to_string(),
        }
    }

    fn people(&self, ids: &[PersonId]) -> Vec<String> {
        ids.iter().map(|id| self.person(*id)).collect()
    }

    fn text(&self, text: &str) -> String {
        match &self.anonymizer {
            Some(a) => a.text(text).into_owned(),
            None => text.to_string(),
        }
    }

    /// A title, or `withheld` when a circle-only note's text stands in it.
    fn title(&self, title: &str, withheld: impl FnOnce() -> String) -> String {
        if self.guard.titles.found_in(title) {
            withheld()
        } else {
            self.text(title)
        }
    }
}

/// Airtime from the rounds and the stack as of `until` (the session's last
/// event, for a session that is over), leaving out every confidential
/// segment: who spoke how long in an anti-retreat stays in the circle too.
pub fn airtime_lines(state: &State, until: jiff::Timestamp) -> Vec<AirtimeLine> {
    let mut lines: Vec<AirtimeLine> = Vec::new();
    for id in &state.run.order {
        if state.run.segment(*id).is_none_or(|s| s.is_confidential()) {
            continue;
        }
        for a in super::airtime::report(state, Some(*id), until).speakers {
            match lines.iter_mut().find(|l| l.person == a.person) {
                Some(l) => {
                    l.turns += a.turns;
                    l.total = l.total.saturating_add(a.spoken);
                }
                None => lines.push(AirtimeLine {
                    person: a.person,
                    turns: a.turns,
                    total: a.spoken,
                }),
            }
        }
    }
    lines.sort_by(|a, b| b.total.cmp(&a.total).then(a.person.cmp(&b.person)));
    lines
}

impl Harvest {
    /// The harvest of a session as its log stands. `airtime`, when given, is
    /// shared as it is: pass only figures people agreed to show.
    pub fn build(
        session: &Session,
        state: &State,
        options: &Options,
        airtime: Option<&[AirtimeLine]>,
    ) -> Harvest {
        let names = names_known(session);
        let mut latest: HashMap<PersonId, &str> = names.iter().copied().collect();
        latest.extend(state.people.all().iter().map(|p| (p.id, p.name.as_str())));
        let seating: Vec<PersonId> = state.people.all().iter().map(|p| p.id).collect();
        let cx = Context {
            anonymizer: options.anonymize.then(|| Anonymizer::new(&seating, &names)),
            latest,
            guard: guard(session, state),
        };
        let tz = &options.time_zone;
        let run = &state.run;
        let last_at = session.events.last().map_or(session.created, |e| e.at);
        let ended = run.progress.iter().filter_map(|p| p.ended).max();
        let clock = |t: Timestamp| t.to_zoned(tz.clone()).time();

        // Who took part: those marked arrived and anyone who had a turn;
        // the whole roster only when neither was kept.
        let everyone = state.people.all();
        let spoke: std::collections::HashSet<PersonId> = state
            .rounds
            .turns()
            .chain(state.stack.turns())
            .map(|t| t.person)
            .collect();
        let present: Vec<_> = everyone
            .iter()
            .filter(|p| p.arrived || spoke.contains(&p.id))
            .collect();
        let took_part: Vec<_> = if present.is_empty() {
            everyone.iter().collect()
        } else {
            present
        };

        let segment_titles: Vec<String> = run
            .segments
            .iter()
            .map(|s| {
                cx.title(&s.title, || {
                    format!("{} (title withheld)", capitalized(s.kind.label()))
                })
            })
            .collect();

        let mut h = Harvest {
            title: cx.title(&session.title, || "A gathering (title withheld)".into()),
            date: session
                .plan
                .date
                .or_else(|| run.started.map(|t| t.to_zoned(tz.clone()).date()))
                .or_else(|| Some(session.created.to_zoned(tz.clone()).date())),
            began: run.started.map(clock),
            ended: run.started.and(ended).map(clock),
            anonymized: options.anonymize,
            head_count: took_part.len(),
            took_part: if options.anonymize {
                Vec::new()
            } else {
                took_part.iter().map(|p| p.name.clone()).collect()
            },
            agenda: Vec::with_capacity(run.order.len()),
            decisions: Vec::new(),
            actions: Vec::new(),
            parking_lot: Vec::new(),
            reflections: Vec::new(),
            follow_ups: Vec::new(),
            notes: Vec::new(),
            airtime: Vec::new(),
            decision_records: Vec::new(),
            awaiting_ratification: Vec::new(),
            breakouts: Vec::new(),
            kept_in_circle: state.notes.kept_in_circle(),
        };
        h.decision_records = decisions::build(state, &cx, &segment_titles);
        h.awaiting_ratification = breakouts::awaiting(&h.decision_records);
        let harvested = |n: &Note| {
            n.is_shared()
                && !n.text.trim().is_empty()
                && key(&n.text).is_none_or(|k| !cx.guard.now.contains(&k))
        };
        h.breakouts = breakouts::build(state, &cx, &segment_titles, harvested);

        for &id in &run.order {
            let (Some(segment), Some(progress)) = (run.segment(id), run.progress(id)) else {
                continue;
            };
            let (outcome, actual) = match progress.status {
                Status::Done => (Outcome::Done, Some(progress.elapsed(last_at))),
                Status::Skipped => (Outcome::Skipped, None),
                Status::Upcoming => (Outcome::NotReached, None),
                Status::Running | Status::Paused => {
                    (Outcome::Unfinished, Some(progress.elapsed(last_at)))
                }
            };
            h.agenda.push(AgendaLine {
                title: segment_titles[id.0 as usize].clone(),
                kind: segment.kind.label().to_string(),
                confidential: segment.is_confidential(),
                planned: session
                    .plan
                    .segments
                    .get(id.0 as usize)
                    .map_or(segment.time, |s| s.time),
                actual,
                outcome,
            });
        }

        for (note, key) in state.notes.all().zip(&cx.guard.keys) {
            let raw = note.text.trim();
            if !note.is_shared() || raw.is_empty() {
                continue;
            }
            if key.as_ref().is_some_and(|k| cx.guard.now.contains(k)) {
                h.kept_in_circle += 1;
                continue;
            }
            let text = cx.text(raw);
            let mut during = during_of(&segment_titles, note.segment);
            if let Some(g) = note.group.and_then(|g| state.breakouts.group(g)) {
                let group = cx.title(&g.name, || "a group".into());
                during = Some(match during {
                    Some(d) => format!("{d}, {group}"),
                    None => group,
                });
            }
            match &note.kind {
                NoteKind::Note => h.notes.push(Item { text, during }),
                NoteKind::Decision => h.decisions.push(Item { text, during }),
                NoteKind::Action { owner, due } => h.actions.push(ActionItem {
                    text,
                    during,
                    owner: owner.map(|o| cx.person(o)),
                    due: *due,
                }),
                NoteKind::ParkingLot { moved_to } => h.parking_lot.push(Parked {
                    text,
                    during,
                    taken_up_in: during_of(&segment_titles, *moved_to),
                }),
                NoteKind::Reflection { landed } => h.reflections.push(Reflection {
                    text,
                    during,
                    landed: *landed,
                }),
                NoteKind::FollowUp { who, with, by } => h.follow_ups.push(FollowUp {
                    text,
                    during,
                    who: cx.people(who),
                    with: cx.people(with),
                    by: *by,
                }),
            }
        }

        if let Some(lines) = airtime {
            let all: i128 = lines.iter().map(|l| l.total.as_millis().max(0)).sum();
            h.airtime = lines
                .iter()
                .map(|l| Airtime {
                    name: cx.person(l.person),
                    turns: l.turns,
                    total: l.total,
                    percent: if all > 0 {
                        ((l.total.as_millis().max(0) * 100 + all / 2) / all) as u32
                    } else {
                        0
                    },
                })
                .collect();
        }
        h
    }

    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new()
            .indentor("  ".to_string())
            .struct_names(false);
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .to_string_pretty(self, config)
    }

    pub fn render(&self, format: Format) -> Result<String, ron::Error> {
        match format {
            Format::Markdown => Ok(self.to_markdown()),
            Format::Ron => self.to_ron(),
        }
    }
}

/// The shown title of a segment, by id.
fn during_of(titles: &[String], id: Option<SegmentId>) -> Option<String> {
    id.and_then(|s| titles.get(s.0 as usize)).cloned()
}

/// The guard: every text that was circle-only at any point in the log
/// (undone events too) and is not the text of a shared note now, since
/// consent given later stands. Each text is keyed once.
fn guard<'s>(session: &'s Session, state: &'s State) -> Guard {
    let notes = state.notes.all();
    let keys: Vec<Option<String>> = notes.clone().map(|n| key(&n.text)).collect();
    let mut now: HashSet<String> = HashSet::new();
    let mut shared: HashSet<&str> = HashSet::new();
    for (note, k) in notes.clone().zip(&keys) {
        match k {
            Some(k) if note.is_shared() => {
                shared.insert(k);
            }
            Some(k) => {
                now.insert(k.clone());
            }
            None => {}
        }
    }
    // Texts of current notes are keyed above; the log mostly repeats them.
    let current: HashSet<&str> = notes.clone().map(|n| n.text.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut past: Vec<String> = Vec::new();
    let mut consider = |text: &'s str| {
        if !current.contains(text)
            && seen.insert(text)
            && let Some(k) = key(text)
            && !shared.contains(k.as_str())
        {
            past.push(k);
        }
    };
    let mut latest: HashMap<NoteId, &'s Note> = HashMap::new();
    for entry in &session.events {
        let Event::Note(ev) = &entry.event else {
            continue;
        };
        match ev {
            NoteEvent::Added(n) | NoteEvent::Edited(n) => {
                if !n.is_shared() {
                    consider(&n.text);
                }
                latest.insert(n.id, n);
            }
            NoteEvent::SetVisibility {
                id,
                visibility: Visibility::CircleOnly,
            } => {
                if let Some(n) = latest.get(id) {
                    consider(&n.text);
                }
            }
            _ => {}
        }
    }
    let titles = Phrases::from_keys(now.iter().cloned().chain(past).map(|k| (k, ())));
    Guard { titles, now, keys }
}

/// Every name each person had in the session: the starting roster, then
/// joins and renames in log order (undone ones too: the name was typed).
fn names_known(session: &Session) -> Vec<(PersonId, &str)> {
    let mut out: Vec<(PersonId, &str)> = session
        .roster
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    for entry in &session.events {
        if let Event::People(PeopleEvent::Joined(p) | PeopleEvent::Edited(p)) = &entry.event {
            out.push((p.id, p.name.as_str()));
        }
    }
    out
}

fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod airtime_tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::fixture::{Log, plan, t};
    use crate::core::person::PersonId;
    use crate::core::plan::SegmentKind;
    use crate::core::round::{Direction, RoundEvent};

    #[test]
    fn airtime_in_the_harvest_leaves_confidential_segments_out() {
        let kinds = [SegmentKind::CheckIn, SegmentKind::AntiRetreat];
        let mut log = Log::new(plan(&["Ana", "Kim"], &kinds, None));
        let round = |log: &mut Log, at: i64| {
            log.at(
                at,
                Event::Round(RoundEvent::Start {
                    first: PersonId(0),
                    direction: Direction::Clockwise,
                }),
            )
            .at(at, Event::Round(RoundEvent::Next))
            .at(at + 60, Event::Round(RoundEvent::Next))
            .at(at + 90, Event::Round(RoundEvent::End));
        };
        log.start_segment(0, 0);
        round(&mut log, 10);
        log.start_segment(200, 1);
        round(&mut log, 210);
        let lines = airtime_lines(&log.state, t(400));
        let total: i64 = lines.iter().map(|l| l.total.as_secs()).sum();
        assert_eq!(total, 90, "only the check-in's 60s + 30s: {lines:?}");
        assert_eq!(lines[0].person, PersonId(0));
    }
}
