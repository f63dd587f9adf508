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
//! - A note that needs consent (see `core::consent`) is in only while
//!   everyone it needs agrees, and carries the record of that consent.
//! - Confidential segments and the people in them are named only with
//!   their consent (see `consent`); otherwise a segment is "a confidential
//!   conversation" and a person "Person N".
//! - Anonymized, every name a person had in the session becomes "Person N"
//!   everywhere, in free text too (see `core::mentions` for the matching
//!   rule); names that are also words are listed for a reader to check.

mod airtime;
pub mod anonymize;
pub mod breakouts;
pub mod consent;
pub mod decisions;
mod guard;
mod markdown;
pub mod privacy;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::consent::Subject;
use super::duration::{serde_friendly, serde_friendly_opt};
use super::event::Event;
use super::guide::anti_retreat;
use super::note::{Landed, Note, NoteKind};
use super::person::{PeopleEvent, PersonId};
use super::run::{SegmentId, Status};
use super::session::Session;
use super::state::State;
pub use airtime::airtime_lines;
use airtime::airtime_rows;
use anonymize::{Anonymizer, key};
use consent::Consent;
use guard::{Guard, guard};

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
    /// Who took part, in seating order; empty when anonymized. Those of a
    /// confidential segment who did not agree to be named are left out.
    pub took_part: Vec<String>,
    /// Took part but not named, for want of their consent.
    #[serde(default)]
    pub not_named: usize,
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
    /// Who held which role, in the order they took it: holding one is a
    /// public act, so holders are named (unless anonymized).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleLine>,
    /// Notes that stayed in the circle and are not in this harvest.
    pub kept_in_circle: usize,
    /// Where a name that is also a word was replaced, for a reader to check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<String>,
}

/// A segment as planned and as it ran, in running order. A confidential
/// segment's title, voices and matter are given only with consent to name
/// them; otherwise its title says only what kind of part it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaLine {
    pub title: String,
    pub kind: String,
    pub confidential: bool,
    /// The time box in the plan, before any change during the run.
    #[serde(with = "serde_friendly")]
    pub planned: SignedDuration,
    /// The time box as it stood at the end, when it was changed during the
    /// run (a typed box, minutes added).
    #[serde(
        default,
        with = "serde_friendly_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub edited: Option<SignedDuration>,
    /// How long its clock ran, when it ran.
    #[serde(with = "serde_friendly_opt")]
    pub actual: Option<SignedDuration>,
    pub outcome: Outcome,
    /// The voices of a confidential conversation named with consent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<String>,
    /// The consent to name a confidential segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
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
    /// The consent it was shared on, when it needed any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub text: String,
    pub during: Option<String>,
    /// The consent it was shared on, when it needed any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    pub owner: Option<String>,
    pub due: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parked {
    pub text: String,
    pub during: Option<String>,
    /// The consent it was shared on, when it needed any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// The segment that later gave it time.
    pub taken_up_in: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    pub text: String,
    pub during: Option<String>,
    /// The consent it was shared on, when it needed any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    pub landed: Landed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub text: String,
    pub during: Option<String>,
    /// The consent it was shared on, when it needed any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    pub who: Vec<String>,
    pub with: Vec<String>,
    pub by: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLine {
    pub role: String,
    pub held_by: String,
    /// Drawn by lot rather than chosen.
    pub drawn: bool,
    /// The segment on when they took it.
    pub during: Option<String>,
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
    /// Replaces the names of those hidden, in text.
    anonymizer: Option<Anonymizer>,
    anonymize: bool,
    /// Of a confidential segment and not agreed to be named.
    unnamed: HashSet<PersonId>,
    latest: HashMap<PersonId, &'s str>,
    guard: Guard,
    /// Places where a name that is also a word was replaced.
    doubts: RefCell<Vec<String>>,
}

impl Context<'_> {
    /// Whether a person is shown by label rather than by name.
    fn hides(&self, id: PersonId) -> bool {
        self.anonymize || self.unnamed.contains(&id)
    }

    fn person(&self, id: PersonId) -> String {
        match &self.anonymizer {
            Some(a) if self.hides(id) => a.label(id).to_string(),
            _ => self
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
            Some(a) => a
                .text_noting(text, &mut self.doubts.borrow_mut())
                .into_owned(),
            None => text.to_string(),
        }
    }

    /// The record of a complete consent, naming only those who may be.
    fn consent(&self, ask: &super::consent::Ask) -> Consent {
        Consent::from_ask(ask, |p| (!self.hides(p)).then(|| self.person(p)))
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
        let unnamed = consent::not_to_name(state);
        let anonymizer = if options.anonymize {
            Some(Anonymizer::new(&seating, &names))
        } else if !unnamed.is_empty() {
            let hidden: Vec<(PersonId, &str)> = names
                .iter()
                .filter(|(id, _)| unnamed.contains(id))
                .copied()
                .collect();
            Some(Anonymizer::new(&seating, &hidden))
        } else {
            None
        };
        let cx = Context {
            anonymizer,
            anonymize: options.anonymize,
            unnamed,
            latest,
            guard: guard(session, state),
            doubts: RefCell::new(Vec::new()),
        };
        let tz = &options.time_zone;
        let run = &state.run;
        let last_at = session.events.last().map_or(session.created, |e| e.at);
        // The last end of anything that ran; a segment still on counts to
        // the last thing logged.
        let ended = run
            .progress
            .iter()
            .filter_map(|p| match p.status {
                Status::Running | Status::Paused => Some(last_at),
                _ => p.ended,
            })
            .max();
        let began = run.progress.iter().filter_map(|p| p.started).min();
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

        // How long each segment ran (or was meant to), for unnamed ones.
        let length = |id: SegmentId| match run.progress(id) {
            Some(p) if p.started.is_some() => p.elapsed(last_at),
            _ => run.time_box(id),
        };
        let named: Vec<bool> = (0..run.segments.len())
            .map(|i| consent::may_name_segment(state, SegmentId(i as u32)))
            .collect();
        // Each segment's title for the agenda, and for where a note was taken.
        let (segment_titles, during_titles): (Vec<String>, Vec<String>) = run
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if s.is_confidential() && !named[i] {
                    let length = length(SegmentId(i as u32));
                    return (
                        consent::unnamed_title(s),
                        consent::unnamed_during(s, length),
                    );
                }
                let title = cx.title(&s.title, || {
                    format!("{} (title withheld)", capitalized(s.kind.label()))
                });
                (title.clone(), title)
            })
            .unzip();

        let mut h = Harvest {
            title: cx.title(&session.title, || "A gathering (title withheld)".into()),
            date: session
                .plan
                .date
                .or_else(|| run.started.map(|t| t.to_zoned(tz.clone()).date()))
                .or_else(|| Some(session.created.to_zoned(tz.clone()).date())),
            began: began.map(clock),
            ended: began.and(ended).map(clock),
            anonymized: options.anonymize,
            head_count: took_part.len(),
            took_part: if options.anonymize {
                Vec::new()
            } else {
                took_part
                    .iter()
                    .filter(|p| !cx.hides(p.id))
                    .map(|p| p.name.clone())
                    .collect()
            },
            not_named: if options.anonymize {
                0
            } else {
                took_part.iter().filter(|p| cx.hides(p.id)).count()
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
            roles: Vec::new(),
            kept_in_circle: state.notes.kept_in_circle(),
            check: Vec::new(),
        };
        h.roles = state
            .roles
            .holdings()
            .iter()
            .map(|r| RoleLine {
                role: cx.text(&r.role),
                held_by: cx.person(r.person),
                drawn: r.drawn,
                during: during_of(&segment_titles, r.segment),
            })
            .collect();
        h.decision_records = decisions::build(state, &cx, &segment_titles);
        h.awaiting_ratification = breakouts::awaiting(&h.decision_records);
        // A group's notes pass the same tests as the notes below.
        let harvested = |n: &Note| {
            n.is_shared()
                && !n.text.trim().is_empty()
                && key(&n.text).is_none_or(|k| !cx.guard.now.contains(&k))
                && state.ask(Subject::Note(n.id)).is_none_or(|a| a.complete())
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
            let planned = session
                .plan
                .segments
                .get(id.0 as usize)
                .map_or(segment.time, |s| s.time);
            let boxed = run.time_box(id);
            h.agenda.push(AgendaLine {
                title: segment_titles[id.0 as usize].clone(),
                kind: segment.kind.label().to_string(),
                confidential: segment.is_confidential(),
                planned,
                edited: (boxed != planned).then_some(boxed),
                actual,
                outcome,
                parties: Vec::new(),
                matter: None,
                consent: None,
            });
            if segment.is_confidential() && named[id.0 as usize] {
                let line = h.agenda.last_mut().expect("just pushed");
                line.parties = anti_retreat::parties(&state.people, &state.guides, id, segment)
                    .into_iter()
                    .map(|p| {
                        p.person
                            .map_or_else(|| cx.text(&p.name), |id| cx.person(id))
                    })
                    .collect();
                line.matter = segment.matter.as_deref().map(|m| cx.text(m));
                line.consent = state.ask(Subject::Segment(id)).map(|a| cx.consent(&a));
            }
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
            // Shared, so consent was given; asked again all the same.
            let consent = match state.ask(Subject::Note(note.id)) {
                Some(ask) if !ask.complete() => {
                    h.kept_in_circle += 1;
                    continue;
                }
                ask => ask.map(|a| cx.consent(&a)),
            };
            let text = cx.text(raw);
            let mut during = during_of(&during_titles, note.segment);
            if let Some(g) = note.group.and_then(|g| state.breakouts.group(g)) {
                let group = cx.title(&g.name, || "a group".into());
                during = Some(match during {
                    Some(d) => format!("{d}, {group}"),
                    None => group,
                });
            }
            match &note.kind {
                NoteKind::Note => h.notes.push(Item {
                    text,
                    during,
                    consent,
                }),
                NoteKind::Decision => h.decisions.push(Item {
                    text,
                    during,
                    consent,
                }),
                NoteKind::Action { owner, due } => h.actions.push(ActionItem {
                    text,
                    during,
                    consent,
                    owner: owner.map(|o| cx.person(o)),
                    due: *due,
                }),
                NoteKind::ParkingLot { moved_to } => h.parking_lot.push(Parked {
                    text,
                    during,
                    consent,
                    taken_up_in: during_of(&during_titles, *moved_to),
                }),
                NoteKind::Reflection { landed } => h.reflections.push(Reflection {
                    text,
                    during,
                    consent,
                    landed: *landed,
                }),
                NoteKind::FollowUp { who, with, by } => h.follow_ups.push(FollowUp {
                    text,
                    during,
                    consent,
                    who: cx.people(who),
                    with: cx.people(with),
                    by: *by,
                }),
            }
        }

        if let Some(lines) = airtime {
            h.airtime = airtime_rows(&cx, lines);
        }
        h.check = cx.doubts.into_inner();
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
mod time_tests {
    use super::*;
    use crate::core::fixture::{Log, plan, t};
    use crate::core::plan::SegmentKind;
    use crate::core::run::RunEvent;

    #[test]
    fn the_time_runs_from_the_first_start_to_the_last_end_and_boxes_show_as_edited() {
        let kinds = [SegmentKind::Custom, SegmentKind::Custom];
        let mut log = Log::new(plan(&[], &kinds, None));
        log.start_segment(0, 0)
            .at(
                60,
                Event::Run(RunEvent::SetTime {
                    segment: SegmentId(0),
                    time: SignedDuration::from_mins(45),
                }),
            )
            .start_segment(60, 1)
            // Still on two hours later, when the harvest is written.
            .at(2 * 3600, Event::Run(RunEvent::Pause));
        let h = Harvest::build(log.session(), log.state(), &Options::default(), None);
        let hm = |t: Timestamp| t.to_zoned(TimeZone::UTC).time();
        assert_eq!((h.began, h.ended), (Some(hm(t(0))), Some(hm(t(2 * 3600)))));
        assert_eq!(h.agenda[0].planned, SignedDuration::from_mins(30));
        assert_eq!(h.agenda[0].edited, Some(SignedDuration::from_mins(45)));
        assert_eq!(h.agenda[1].edited, None);
        let md = h.to_markdown();
        assert!(
            md.contains("| 1 | S0 | 45m (plan: 30m) | 1m | -44 min |"),
            "{md}"
        );
    }
}
