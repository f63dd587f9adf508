//! Consent: what lets a note, a confidential segment's name or a person's
//! name leave the circle.
//!
//! Consent is logged, never a flag: each agreement names who agreed and
//! when, and a withdrawal is logged too. From the log the ledger knows, for
//! every note, who must agree and who has; a note that needs consent is
//! shared only while everyone it needs has agreed, and its privacy (on
//! `Note::visibility`) is kept in line as the log plays.
//!
//! Which notes need consent, and whose:
//! - any note taken in a confidential segment: by the segment's rule,
//!   everyone marked here when the note was taken (`Everyone`, the default)
//!   or the voices of the conversation (`Parties`), and anyone it names;
//! - a follow-up from a conflict conversation (an anti-retreat, or a segment
//!   with a matter), confidential or not: its people, those it names and the
//!   conversation's voices;
//! - a note that was kept in the circle at some point: the people it is
//!   about (named in it, its speaker, owner, follow-up people), else
//!   everyone marked here when it was taken;
//! - a reflection that names people: the people it names.
//!
//! Changing a note's text voids the agreements given: people agreed to the
//! words they heard. Keeping a note in the circle never needs anyone's
//! consent.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::event::Event;
use super::guide::anti_retreat;
use super::mentions::Mentions;
use super::note::{Note, NoteEvent, NoteId, NoteKind, Visibility};
use super::person::{PeopleEvent, Person, PersonId};
use super::plan::{Segment, SegmentKind};
use super::run::SegmentId;
use super::state::State;

/// Whose agreement a confidential segment's notes need, as a plan says it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConsentRule {
    /// Everyone marked here at the time.
    #[default]
    Everyone,
    /// The voices of the conversation only.
    Parties,
}

/// What an agreement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    /// Sharing a note in the harvest.
    Note(NoteId),
    /// Naming a confidential segment in the harvest: its title, voices and
    /// matter.
    Segment(SegmentId),
    /// Each person for themselves: being named in the harvest although they
    /// were in a confidential segment.
    TookPart,
    /// Each person for themselves: their position in this decision named,
    /// not only counted.
    Positions(SegmentId),
}

/// What the facilitator logged about consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsentEvent {
    /// These people agreed; for a note, this is also the wish to share it.
    Agreed {
        subject: Subject,
        people: Vec<PersonId>,
    },
    /// These people take their agreement back.
    Withdrawn {
        subject: Subject,
        people: Vec<PersonId>,
    },
}

/// The event for people agreeing.
pub fn agree(subject: Subject, people: Vec<PersonId>) -> Event {
    Event::Consent(ConsentEvent::Agreed { subject, people })
}

/// The event for people withdrawing their agreement.
pub fn withdraw(subject: Subject, people: Vec<PersonId>) -> Event {
    Event::Consent(ConsentEvent::Withdrawn { subject, people })
}

/// Why these people must agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basis {
    /// Everyone marked here at the time (and anyone named).
    Everyone,
    /// The voices of the conversation (and anyone named).
    Parties,
    /// The people the note is about.
    Named,
}

/// One person's agreement, and when it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub person: PersonId,
    pub at: Timestamp,
}

/// What the log says about consent, kept up to date as it plays.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ledger {
    notes: HashMap<NoteId, NoteRecord>,
    segments: HashMap<SegmentId, SegmentRecord>,
    took_part: Vec<Agreement>,
    positions: HashMap<SegmentId, Vec<Agreement>>,
    /// Who is marked here now; everyone on the roster while nobody is.
    here: Arc<[PersonId]>,
    /// Every name people had, to know whom a note names.
    names: Mentions,
    latest: HashMap<PersonId, String>,
}

#[derive(Debug, Clone, PartialEq)]
struct NoteRecord {
    /// Who was marked here when the note was taken.
    here: Arc<[PersonId]>,
    /// Shared or kept, as last asked for; consent decides the rest.
    wants: Visibility,
    /// It was kept in the circle at some point.
    kept: bool,
    agreed: Vec<Agreement>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct SegmentRecord {
    /// Who was marked here when it started (each time it started).
    here: Vec<PersonId>,
    agreed: Vec<Agreement>,
}

impl Ledger {
    pub fn new(roster: &[Person]) -> Ledger {
        let mut ledger = Ledger {
            names: Mentions::new(roster.iter().map(|p| (p.id, p.name.as_str()))),
            latest: roster.iter().map(|p| (p.id, p.name.clone())).collect(),
            ..Ledger::default()
        };
        ledger.here = here_in(roster);
        ledger
    }

    /// The agreements in effect on a subject.
    pub fn agreements(&self, subject: Subject) -> &[Agreement] {
        match subject {
            Subject::Note(id) => self.notes.get(&id).map_or(&[], |r| &r.agreed),
            Subject::Segment(id) => self.segments.get(&id).map_or(&[], |r| &r.agreed),
            Subject::TookPart => &self.took_part,
            Subject::Positions(id) => self.positions.get(&id).map_or(&[], Vec::as_slice),
        }
    }

    /// Whether a person agreed to be named although they were in a
    /// confidential segment.
    pub fn may_name(&self, person: PersonId) -> bool {
        self.took_part.iter().any(|a| a.person == person)
    }

    /// Whether a confidential segment ever started.
    pub fn started(&self, segment: SegmentId) -> bool {
        self.segments.contains_key(&segment)
    }

    /// The name a person last had, even after they left.
    pub fn name(&self, person: PersonId) -> &str {
        self.latest.get(&person).map_or("someone", String::as_str)
    }

    /// Every name people had, for finding them in text.
    pub fn names(&self) -> &Mentions {
        &self.names
    }

    fn agreed_mut(&mut self, subject: Subject) -> Option<&mut Vec<Agreement>> {
        match subject {
            Subject::Note(id) => self.notes.get_mut(&id).map(|r| &mut r.agreed),
            Subject::Segment(id) => Some(&mut self.segments.entry(id).or_default().agreed),
            Subject::TookPart => Some(&mut self.took_part),
            Subject::Positions(id) => Some(self.positions.entry(id).or_default()),
        }
    }
}

/// Who is marked here; everyone while nobody is (many circles never mark
/// arrivals), in seating order.
fn here_in(people: &[Person]) -> Arc<[PersonId]> {
    let marked: Vec<PersonId> = people.iter().filter(|p| p.arrived).map(|p| p.id).collect();
    if marked.is_empty() {
        people.iter().map(|p| p.id).collect()
    } else {
        marked.into()
    }
}

fn add_unique(list: &mut Vec<PersonId>, people: impl IntoIterator<Item = PersonId>) {
    for p in people {
        if !list.contains(&p) {
            list.push(p);
        }
    }
}

/// Why a note needs consent.
enum Rule<'s> {
    Confidential(SegmentId, &'s Segment),
    ConflictFollowUp(SegmentId, &'s Segment),
    Kept,
    NamingReflection,
}

/// Whose agreement something needs, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needed {
    pub basis: Basis,
    pub people: Vec<PersonId>,
}

impl State {
    /// Applies a note event and brings the note's privacy in line with its
    /// consent.
    pub(super) fn apply_note(&mut self, at: Timestamp, ev: &NoteEvent) {
        let new = match ev {
            NoteEvent::Added(n) => !self.consent.notes.contains_key(&n.id),
            _ => false,
        };
        let reworded = match ev {
            NoteEvent::Edited(n) => self.notes.get(n.id).is_some_and(|o| o.text != n.text),
            _ => false,
        };
        self.notes.apply(at, ev);
        let (id, wants) = match ev {
            NoteEvent::Added(n) | NoteEvent::Edited(n) => (n.id, Some(n.visibility)),
            NoteEvent::SetVisibility { id, visibility } => (*id, Some(*visibility)),
            NoteEvent::MovedToSegment { id, .. } => (*id, None),
            NoteEvent::Deleted(_) | NoteEvent::TakenUp { .. } => return,
        };
        if new {
            self.open_record(id);
        }
        if let Some(record) = self.consent.notes.get_mut(&id) {
            if let Some(wants) = wants {
                record.wants = wants;
                record.kept |= wants == Visibility::CircleOnly;
            }
            if reworded {
                record.agreed.clear();
            }
        }
        self.settle(id);
    }

    /// Notes added by other means (a decision's record) follow consent
    /// like any other: applied already, they get their record here.
    pub(super) fn notes_added(&mut self, notes: &[Note]) {
        for note in notes {
            if self.consent.notes.contains_key(&note.id) {
                continue;
            }
            self.open_record(note.id);
            if let Some(record) = self.consent.notes.get_mut(&note.id) {
                record.wants = note.visibility;
                record.kept = !note.is_shared();
            }
            self.settle(note.id);
        }
    }

    /// Starts a note's record: who is here as it is taken.
    fn open_record(&mut self, id: NoteId) {
        let here = self.consent.here.clone();
        self.consent.notes.insert(
            id,
            NoteRecord {
                here,
                wants: Visibility::Shared,
                kept: false,
                agreed: Vec::new(),
            },
        );
    }

    /// Applies an agreement or a withdrawal.
    pub(super) fn apply_consent(&mut self, at: Timestamp, ev: &ConsentEvent) {
        let (subject, people, agreed) = match ev {
            ConsentEvent::Agreed { subject, people } => (*subject, people, true),
            ConsentEvent::Withdrawn { subject, people } => (*subject, people, false),
        };
        if let Subject::Note(id) = subject
            && agreed
            && let Some(record) = self.consent.notes.get_mut(&id)
        {
            record.wants = Visibility::Shared;
        }
        if let Some(list) = self.consent.agreed_mut(subject) {
            if agreed {
                for &person in people {
                    if !list.iter().any(|a| a.person == person) {
                        list.push(Agreement { person, at });
                    }
                }
            } else {
                list.retain(|a| !people.contains(&a.person));
            }
        }
        if let Subject::Note(id) = subject {
            self.settle(id);
        }
    }

    /// Keeps who is here and every name known in step with the roster.
    pub(super) fn people_changed(&mut self, ev: &PeopleEvent) {
        if let PeopleEvent::Joined(p) | PeopleEvent::Edited(p) = ev {
            self.consent.names.add(p.id, &p.name);
            self.consent.latest.insert(p.id, p.name.clone());
        }
        self.consent.here = here_in(self.people.all());
    }

    /// Notes who is here when a confidential segment starts.
    pub(super) fn segment_started(&mut self, segment: SegmentId) {
        if self
            .run
            .segment(segment)
            .is_some_and(Segment::is_confidential)
        {
            let here = self.consent.here.clone();
            let record = self.consent.segments.entry(segment).or_default();
            add_unique(&mut record.here, here.iter().copied());
        }
    }

    /// The voices of a conversation changed: its notes may need others now.
    pub(super) fn voices_changed(&mut self, segment: SegmentId) {
        let ids: Vec<NoteId> = self.notes.in_segment(segment).map(|n| n.id).collect();
        for id in ids {
            self.settle(id);
        }
    }

    /// Shared only if asked for and everyone needed agreed.
    fn settle(&mut self, id: NoteId) {
        let Some(note) = self.notes.get(id) else {
            return;
        };
        let Some(record) = self.consent.notes.get(&id) else {
            return;
        };
        // Without any agreement, only whether consent is needed matters.
        let shared = record.wants == Visibility::Shared
            && if record.agreed.is_empty() {
                self.rule_for(note).is_none()
            } else {
                self.needed(note)
                    .is_none_or(|needed| complete(&needed.people, &record.agreed))
            };
        let visibility = if shared {
            Visibility::Shared
        } else {
            Visibility::CircleOnly
        };
        if note.visibility != visibility {
            self.notes.set_visibility(id, visibility);
        }
    }

    /// Which rule makes a note need consent; `None` when it needs none.
    /// Cheap: no one's name is looked for except in a reflection.
    fn rule_for<'s>(&'s self, note: &Note) -> Option<Rule<'s>> {
        let seg = note
            .segment
            .and_then(|id| Some((id, self.run.segment(id)?)));
        let conflict =
            seg.is_some_and(|(_, s)| s.kind == SegmentKind::AntiRetreat || s.matter.is_some());
        match seg {
            Some((id, s)) if s.is_confidential() => Some(Rule::Confidential(id, s)),
            Some((id, s)) if conflict && matches!(note.kind, NoteKind::FollowUp { .. }) => {
                Some(Rule::ConflictFollowUp(id, s))
            }
            _ if self.consent.notes.get(&note.id).is_some_and(|r| r.kept) => Some(Rule::Kept),
            _ if matches!(note.kind, NoteKind::Reflection { .. })
                && !self.consent.names.find(&note.text).is_empty() =>
            {
                Some(Rule::NamingReflection)
            }
            _ => None,
        }
    }

    /// Whose agreement a note needs before it may be shared; `None` when it
    /// needs no one's.
    pub fn needed(&self, note: &Note) -> Option<Needed> {
        let here = || match self.consent.notes.get(&note.id) {
            Some(r) => r.here.to_vec(),
            None => self.consent.here.to_vec(),
        };
        let (basis, mut people) = match self.rule_for(note)? {
            Rule::Confidential(id, s) => {
                let voices = match s.consent.unwrap_or_default() {
                    ConsentRule::Parties => self.voices(id, s),
                    ConsentRule::Everyone => Vec::new(),
                };
                if voices.is_empty() {
                    (Basis::Everyone, here())
                } else {
                    (Basis::Parties, voices)
                }
            }
            Rule::ConflictFollowUp(id, s) => (Basis::Parties, self.voices(id, s)),
            Rule::Kept => {
                let about = self.about(note);
                return Some(if about.is_empty() {
                    Needed {
                        basis: Basis::Everyone,
                        people: here(),
                    }
                } else {
                    Needed {
                        basis: Basis::Named,
                        people: about,
                    }
                });
            }
            Rule::NamingReflection => (Basis::Named, Vec::new()),
        };
        add_unique(&mut people, self.about(note));
        if people.is_empty() {
            people = here();
        }
        Some(Needed { basis, people })
    }

    /// The people a note is about: named in it, its speaker, an action's
    /// owner, a follow-up's people.
    fn about(&self, note: &Note) -> Vec<PersonId> {
        let mut out = Vec::new();
        add_unique(&mut out, note.speaker);
        match &note.kind {
            NoteKind::Action { owner, .. } => add_unique(&mut out, *owner),
            NoteKind::FollowUp { who, with, .. } => {
                add_unique(&mut out, who.iter().chain(with).copied())
            }
            _ => {}
        }
        add_unique(&mut out, self.consent.names.people_in(&note.text));
        out
    }

    /// The voices of a conversation: its parties, those added since, and
    /// anyone who spoke as a voice.
    fn voices(&self, id: SegmentId, segment: &Segment) -> Vec<PersonId> {
        let mut out: Vec<PersonId> = anti_retreat::parties(&self.people, &self.guides, id, segment)
            .into_iter()
            .filter_map(|p| p.person)
            .collect();
        add_unique(&mut out, self.guides.voices(id).map(|t| t.person));
        out
    }

    /// The people of a confidential segment: its voices, and unless its
    /// rule is `Parties`, everyone marked here when it started and anyone
    /// who spoke in it. `None` for a segment that is not confidential.
    pub fn people_of(&self, id: SegmentId) -> Option<Vec<PersonId>> {
        let segment = self.run.segment(id).filter(|s| s.is_confidential())?;
        let mut out = self.voices(id, segment);
        if segment.consent.unwrap_or_default() == ConsentRule::Everyone || out.is_empty() {
            match self.consent.segments.get(&id) {
                Some(record) => add_unique(&mut out, record.here.iter().copied()),
                None => add_unique(&mut out, self.consent.here.iter().copied()),
            }
            let spoke = self
                .rounds
                .turns()
                .chain(self.stack.turns())
                .filter(|t| t.segment == Some(id))
                .map(|t| t.person);
            add_unique(&mut out, spoke);
        }
        Some(out)
    }

    /// Everyone who was in a confidential segment that ran.
    pub fn people_of_confidential(&self) -> Vec<PersonId> {
        let mut out = Vec::new();
        let mut started: Vec<SegmentId> = self.consent.segments.keys().copied().collect();
        started.sort();
        for id in started {
            add_unique(&mut out, self.people_of(id).into_iter().flatten());
        }
        out
    }

    /// Who must agree to `subject`, who has and who has not: what a consent
    /// dialog lists. `None` when it needs no one's consent (a note shared
    /// freely, a segment that is not confidential, nobody to name).
    pub fn ask(&self, subject: Subject) -> Option<Ask> {
        let (basis, people) = match subject {
            Subject::Note(id) => {
                let needed = self.needed(self.notes.get(id)?)?;
                (needed.basis, needed.people)
            }
            Subject::Segment(id) => {
                let rule = self.run.segment(id)?.consent.unwrap_or_default();
                let basis = match rule {
                    ConsentRule::Everyone => Basis::Everyone,
                    ConsentRule::Parties => Basis::Parties,
                };
                (basis, self.people_of(id)?)
            }
            Subject::TookPart => (Basis::Everyone, self.people_of_confidential()),
            Subject::Positions(id) => {
                let mut people = Vec::new();
                for test in &self.decisions.get(id)?.tests {
                    add_unique(&mut people, test.positions.iter().map(|p| p.person));
                }
                (Basis::Named, people)
            }
        };
        if people.is_empty() && matches!(subject, Subject::TookPart | Subject::Positions(_)) {
            return None;
        }
        let agreed = self.consent.agreements(subject);
        let here = &self.consent.here;
        let marked = self.people.all().iter().any(|p| p.arrived);
        let mut asked: Vec<Asked> = people
            .into_iter()
            .map(|person| Asked {
                person,
                name: self.consent.name(person).to_string(),
                agreed: agreed.iter().find(|a| a.person == person).map(|a| a.at),
                here: self.people.get(person).is_some() && (!marked || here.contains(&person)),
            })
            .collect();
        let seat = |p: PersonId| self.people.get(p).map_or(u32::MAX, |p| p.seat);
        asked.sort_by_key(|a| (seat(a.person), a.person));
        Some(Ask {
            subject,
            basis,
            people: asked,
        })
    }
}

fn complete(needed: &[PersonId], agreed: &[Agreement]) -> bool {
    !needed.is_empty() && needed.iter().all(|p| agreed.iter().any(|a| a.person == *p))
}

/// Who must agree to something, and where each stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub subject: Subject,
    pub basis: Basis,
    /// In seating order; those who have left come last.
    pub people: Vec<Asked>,
}

/// One person asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub person: PersonId,
    pub name: String,
    /// When they agreed, if they have.
    pub agreed: Option<Timestamp>,
    /// Marked here now (or nobody is marked and they are on the roster).
    pub here: bool,
}

impl Ask {
    /// Everyone needed has agreed.
    pub fn complete(&self) -> bool {
        !self.people.is_empty() && self.people.iter().all(|a| a.agreed.is_some())
    }

    pub fn agreed(&self) -> usize {
        self.people.iter().filter(|a| a.agreed.is_some()).count()
    }

    /// Those who have not agreed yet.
    pub fn waiting(&self) -> impl Iterator<Item = &Asked> {
        self.people.iter().filter(|a| a.agreed.is_none())
    }

    /// Those here now: what "all present agreed" marks.
    pub fn here(&self) -> Vec<PersonId> {
        self.people
            .iter()
            .filter(|a| a.here)
            .map(|a| a.person)
            .collect()
    }

    /// "Ana, Idris and 3 more have not agreed yet", for a refusal.
    pub fn waiting_for(&self) -> String {
        let waiting: Vec<&str> = self.waiting().map(|a| a.name.as_str()).collect();
        match waiting.as_slice() {
            [] if self.people.is_empty() => "there is no one on the roster to agree".into(),
            [] => "everyone needed has agreed".into(),
            [one] => format!("{one} has not agreed yet"),
            [a, b] => format!("{a} and {b} have not agreed yet"),
            [a, b, rest @ ..] => format!("{a}, {b} and {} more have not agreed yet", rest.len()),
        }
    }
}

#[cfg(test)]
mod tests;
