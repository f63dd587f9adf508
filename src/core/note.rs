//! Notes taken during a session: plain notes, decisions, actions, the parking
//! lot, reflections on how a part landed, and follow-ups.
//!
//! Every note is either shared (it may go into the harvest) or kept in the
//! circle. What is said in a confidential segment (an anti-retreat, unless the
//! plan says otherwise) is kept in the circle by default: people shared it
//! trusting it would not come back to haunt them.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use std::collections::HashMap;
use std::sync::Arc;

use super::breakout::GroupRef;
use super::names::{Query, contains};
use super::pages::Pages;
use super::person::{People, PersonId};
use super::plan::Segment;
use super::run::SegmentId;

/// A stable handle for a note; never reused within a session's log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NoteId(pub u32);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    pub kind: NoteKind,
    /// Any length (pasted paragraphs), any script.
    pub text: String,
    /// Required in the file: a note's privacy is never guessed on load.
    pub visibility: Visibility,
    /// The segment it was taken in (or filed under).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<SegmentId>,
    /// Whose words these are, when they are someone's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<PersonId>,
    /// The breakout group it belongs to: taken in the group, or its report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupRef>,
}

impl Note {
    /// A note of this kind, with the visibility its segment implies.
    pub fn new(
        id: NoteId,
        kind: NoteKind,
        text: impl Into<String>,
        segment: Option<(SegmentId, &Segment)>,
    ) -> Note {
        Note {
            id,
            kind,
            text: text.into(),
            visibility: default_visibility(segment.map(|(_, s)| s)),
            segment: segment.map(|(id, _)| id),
            speaker: None,
            group: None,
        }
    }

    pub fn is_shared(&self) -> bool {
        self.visibility == Visibility::Shared
    }
}

/// What a note is, with what each kind needs to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteKind {
    Note,
    Decision,
    Action {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<PersonId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<Date>,
    },
    /// A topic set aside; `moved_to` is where it was later given time.
    ParkingLot {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        moved_to: Option<SegmentId>,
    },
    /// How a part of the gathering landed, and why.
    Reflection {
        landed: Landed,
    },
    /// Who will follow up with whom (a one-on-one, a call), and by when.
    FollowUp {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        who: Vec<PersonId>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        with: Vec<PersonId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<Date>,
    },
}

impl NoteKind {
    pub fn kind(&self) -> Kind {
        match self {
            NoteKind::Note => Kind::Note,
            NoteKind::Decision => Kind::Decision,
            NoteKind::Action { .. } => Kind::Action,
            NoteKind::ParkingLot { .. } => Kind::ParkingLot,
            NoteKind::Reflection { .. } => Kind::Reflection,
            NoteKind::FollowUp { .. } => Kind::FollowUp,
        }
    }

    /// The next kind, blank, for a one-key "cycle kind". The current kind's
    /// details (owner, dates) do not carry over: they mean different things.
    pub fn cycle(&self) -> NoteKind {
        self.kind().next().blank()
    }

    pub fn label(&self) -> &'static str {
        self.kind().label()
    }

    pub fn short(&self) -> &'static str {
        self.kind().short()
    }
}

/// A note's kind without its details: for filters and the kind cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Note,
    Decision,
    Action,
    ParkingLot,
    Reflection,
    FollowUp,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Note,
        Kind::Decision,
        Kind::Action,
        Kind::ParkingLot,
        Kind::Reflection,
        Kind::FollowUp,
    ];

    pub fn next(self) -> Kind {
        let i = Kind::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Kind::ALL[(i + 1) % Kind::ALL.len()]
    }

    /// A note kind of this sort with nothing filled in yet.
    pub fn blank(self) -> NoteKind {
        match self {
            Kind::Note => NoteKind::Note,
            Kind::Decision => NoteKind::Decision,
            Kind::Action => NoteKind::Action {
                owner: None,
                due: None,
            },
            Kind::ParkingLot => NoteKind::ParkingLot { moved_to: None },
            Kind::Reflection => NoteKind::Reflection {
                landed: Landed::Mixed,
            },
            Kind::FollowUp => NoteKind::FollowUp {
                who: Vec::new(),
                with: Vec::new(),
                by: None,
            },
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Decision => "decision",
            Kind::Action => "action",
            Kind::ParkingLot => "parking lot",
            Kind::Reflection => "reflection",
            Kind::FollowUp => "follow-up",
        }
    }

    /// At most six characters, for a narrow column.
    pub fn short(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Decision => "decide",
            Kind::Action => "action",
            Kind::ParkingLot => "parked",
            Kind::Reflection => "landed",
            Kind::FollowUp => "follow",
        }
    }
}

/// How a part of the gathering landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Landed {
    Worked,
    Mixed,
    Missed,
}

impl Landed {
    pub const ALL: [Landed; 3] = [Landed::Worked, Landed::Mixed, Landed::Missed];

    pub fn label(self) -> &'static str {
        match self {
            Landed::Worked => "worked",
            Landed::Mixed => "mixed",
            Landed::Missed => "missed",
        }
    }
}

/// Who may read a note after the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Visibility {
    /// May go into the harvest.
    Shared,
    /// Stays with the people who were there; never harvested.
    CircleOnly,
}

impl Visibility {
    pub fn toggle(self) -> Visibility {
        match self {
            Visibility::Shared => Visibility::CircleOnly,
            Visibility::CircleOnly => Visibility::Shared,
        }
    }

    /// A marker that reads without colour: "[circle]" for circle-only
    /// notes, nothing for shared ones (the usual case outside confidential
    /// segments).
    pub fn marker(self) -> &'static str {
        match self {
            Visibility::Shared => "",
            Visibility::CircleOnly => "[circle]",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Visibility::Shared => "shared",
            Visibility::CircleOnly => "circle only",
        }
    }
}

/// The visibility a new note gets: kept in the circle in a confidential
/// segment, shared elsewhere (and outside any segment).
pub fn default_visibility(segment: Option<&Segment>) -> Visibility {
    if segment.is_some_and(Segment::is_confidential) {
        Visibility::CircleOnly
    } else {
        Visibility::Shared
    }
}

/// What the note-taker did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteEvent {
    Added(Note),
    /// Replaces the note with the same id; it keeps its place and time,
    /// and its group unless the edit names one.
    Edited(Note),
    Deleted(NoteId),
    /// Files the note under another segment (or none).
    MovedToSegment {
        id: NoteId,
        segment: Option<SegmentId>,
    },
    /// A parking-lot topic was given time in a segment (or taken back).
    TakenUp {
        id: NoteId,
        segment: Option<SegmentId>,
    },
    SetVisibility {
        id: NoteId,
        visibility: Visibility,
    },
}

/// The notes as they stand, in the order they were taken.
///
/// A deleted note leaves an empty slot, so every other note keeps its slot
/// and a note is found by id in constant time, however long the session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// Every note added, with when, in order; `None` once deleted.
    slots: Pages<Option<(Timestamp, Note)>>,
    /// Where each note still there sits in `slots`.
    index: HashMap<NoteId, usize>,
    /// One past the highest id ever added, so a deleted note's id is not
    /// handed out again while its deletion can still be undone.
    next: u32,
    /// Everyone's name as it stands, so a search finds a note by the
    /// people on it (owner, follow-up, speaker) as well as by its text.
    names: Arc<HashMap<PersonId, String>>,
}

impl Notes {
    /// Every note, oldest first.
    pub fn all(&self) -> impl DoubleEndedIterator<Item = &Note> + Clone {
        self.timed().map(|(_, n)| n)
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Notes with the time each was added, oldest first.
    pub fn timed(&self) -> impl DoubleEndedIterator<Item = (Timestamp, &Note)> + Clone {
        self.slots.iter().flatten().map(|(t, n)| (*t, n))
    }

    fn slot(&self, id: NoteId) -> Option<&(Timestamp, Note)> {
        let i = *self.index.get(&id)?;
        self.slots.get(i)?.as_ref()
    }

    pub fn get(&self, id: NoteId) -> Option<&Note> {
        self.slot(id).map(|(_, n)| n)
    }

    pub fn added_at(&self, id: NoteId) -> Option<Timestamp> {
        self.slot(id).map(|(t, _)| *t)
    }

    /// The id a new note gets.
    pub fn next_id(&self) -> NoteId {
        NoteId(self.next)
    }

    /// Notes that match a filter, in order. The search finds every typed
    /// word, case and accents aside, in the text or the names on the note.
    pub fn filtered<'a>(&'a self, filter: &'a NoteFilter) -> impl Iterator<Item = &'a Note> {
        let mut query = Query::words(&filter.text);
        self.all().filter(move |n| {
            filter.matches_fields(n) && (query.is_empty() || query.matches(&self.searched(n)))
        })
    }

    /// Keeps the names a search looks for up to date; called as the roster
    /// changes.
    pub fn know(&mut self, people: &People) {
        self.names = Arc::new(
            people
                .all()
                .iter()
                .map(|p| (p.id, p.name.clone()))
                .collect(),
        );
    }

    /// What a search reads of a note: its text, then the names on it.
    fn searched(&self, note: &Note) -> String {
        let mut out = note.text.clone();
        let on = match &note.kind {
            NoteKind::Action { owner, .. } => owner.iter().copied().collect(),
            NoteKind::FollowUp { who, with, .. } => who.iter().chain(with).copied().collect(),
            _ => Vec::new(),
        };
        for id in on.into_iter().chain(note.speaker) {
            if let Some(name) = self.names.get(&id) {
                out.push('\n');
                out.push_str(name);
            }
        }
        out
    }

    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Note> {
        self.all().filter(move |n| n.kind.kind() == kind)
    }

    pub fn in_segment(&self, segment: SegmentId) -> impl Iterator<Item = &Note> {
        self.all().filter(move |n| n.segment == Some(segment))
    }

    /// How many notes stay in the circle.
    pub fn kept_in_circle(&self) -> usize {
        self.all().filter(|n| !n.is_shared()).count()
    }

    pub fn apply(&mut self, at: Timestamp, ev: &NoteEvent) {
        match ev {
            NoteEvent::Added(note) => {
                if !self.index.contains_key(&note.id) {
                    self.next = self.next.max(note.id.0.saturating_add(1));
                    self.index.insert(note.id, self.slots.len());
                    self.slots.push(Some((at, note.clone())));
                }
            }
            NoteEvent::Edited(note) => self.edit(note.id, |n| {
                let group = note.group.or(n.group);
                *n = note.clone();
                n.group = group;
            }),
            NoteEvent::Deleted(id) => {
                if let Some(i) = self.index.remove(id)
                    && let Some(slot) = self.slots.get_mut(i)
                {
                    *slot = None;
                }
            }
            NoteEvent::MovedToSegment { id, segment } => self.edit(*id, |n| n.segment = *segment),
            NoteEvent::TakenUp { id, segment } => self.edit(*id, |n| {
                if let NoteKind::ParkingLot { moved_to } = &mut n.kind {
                    *moved_to = *segment;
                }
            }),
            NoteEvent::SetVisibility { id, visibility } => {
                self.edit(*id, |n| n.visibility = *visibility)
            }
        }
    }

    /// Sets a note's privacy as consent allows it (see `consent`).
    pub(crate) fn set_visibility(&mut self, id: NoteId, visibility: Visibility) {
        self.edit(id, |n| n.visibility = visibility);
    }

    fn edit(&mut self, id: NoteId, change: impl FnOnce(&mut Note)) {
        if let Some(&i) = self.index.get(&id)
            && let Some(Some((_, note))) = self.slots.get_mut(i)
        {
            change(note);
        }
    }
}

/// What the Notes screen narrows the list to; every field left empty
/// matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteFilter {
    pub kind: Option<Kind>,
    pub segment: Option<SegmentId>,
    pub visibility: Option<Visibility>,
    /// Every word found in the text (or the names on the note), ignoring
    /// case and accents.
    pub text: String,
}

impl NoteFilter {
    /// Whether the note passes, its text searched (not the names on it:
    /// `Notes::filtered` knows those).
    pub fn matches(&self, note: &Note) -> bool {
        self.matches_fields(note) && contains(&note.text, &self.text)
    }

    fn matches_fields(&self, note: &Note) -> bool {
        self.kind.is_none_or(|k| note.kind.kind() == k)
            && self.segment.is_none_or(|s| note.segment == Some(s))
            && self.visibility.is_none_or(|v| note.visibility == v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::SegmentKind;
    use jiff::SignedDuration;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + secs).unwrap()
    }

    fn note(id: u32, kind: NoteKind, text: &str, visibility: Visibility) -> Note {
        Note {
            id: NoteId(id),
            kind,
            text: text.into(),
            visibility,
            segment: Some(SegmentId(id % 2)),
            speaker: None,
            group: None,
        }
    }

    #[test]
    fn confidential_segments_keep_notes_in_the_circle_by_default() {
        let mins = SignedDuration::from_mins(30);
        let anti = Segment::new("Talk", SegmentKind::AntiRetreat, mins);
        let mut open = Segment::new("Floor", SegmentKind::OpenFloor, mins);
        assert_eq!(default_visibility(Some(&anti)), Visibility::CircleOnly);
        assert_eq!(default_visibility(Some(&open)), Visibility::Shared);
        assert_eq!(default_visibility(None), Visibility::Shared);
        open.confidential = Some(true);
        assert_eq!(default_visibility(Some(&open)), Visibility::CircleOnly);
        let n = Note::new(NoteId(0), NoteKind::Note, "x", Some((SegmentId(3), &anti)));
        assert_eq!(
            (n.visibility, n.segment),
            (Visibility::CircleOnly, Some(SegmentId(3)))
        );
        assert_eq!(Visibility::CircleOnly.marker(), "[circle]");
    }

    #[test]
    fn cycling_visits_every_kind_and_comes_back() {
        let mut k = NoteKind::Note;
        let mut seen = Vec::new();
        for _ in 0..Kind::ALL.len() {
            seen.push(k.kind());
            k = k.cycle();
        }
        assert_eq!(seen, Kind::ALL);
        assert_eq!(k, NoteKind::Note);
        assert!(Kind::ALL.iter().all(|k| k.short().chars().count() <= 6));
    }

    #[test]
    fn notes_keep_their_place_through_edits_and_deletes() {
        let mut notes = Notes::default();
        let shared = Visibility::Shared;
        notes.apply(
            at(0),
            &NoteEvent::Added(note(0, NoteKind::Decision, "Meet Mondays", shared)),
        );
        notes.apply(
            at(5),
            &NoteEvent::Added(note(1, NoteKind::Note, "Ärger über die Miete", shared)),
        );
        notes.apply(
            at(9),
            &NoteEvent::Added(note(2, Kind::ParkingLot.blank(), "Rent", shared)),
        );
        assert_eq!(notes.next_id(), NoteId(3));
        notes.apply(
            at(10),
            &NoteEvent::Edited(note(0, NoteKind::Decision, "Meet on Mondays", shared)),
        );
        notes.apply(
            at(11),
            &NoteEvent::TakenUp {
                id: NoteId(2),
                segment: Some(SegmentId(4)),
            },
        );
        notes.apply(
            at(12),
            &NoteEvent::SetVisibility {
                id: NoteId(1),
                visibility: Visibility::CircleOnly,
            },
        );
        assert_eq!(notes.all().next().unwrap().text, "Meet on Mondays");
        assert_eq!(notes.added_at(NoteId(0)), Some(at(0)));
        assert_eq!(
            notes.get(NoteId(2)).unwrap().kind,
            NoteKind::ParkingLot {
                moved_to: Some(SegmentId(4))
            }
        );
        assert_eq!(notes.kept_in_circle(), 1);
        notes.apply(at(13), &NoteEvent::Deleted(NoteId(2)));
        assert_eq!(notes.len(), 2);
        assert_eq!(notes.next_id(), NoteId(3), "a deleted id is not reused");
        let times: Vec<_> = notes.timed().map(|(t, n)| (t, n.id.0)).collect();
        assert_eq!(times, [(at(0), 0), (at(5), 1)]);
    }

    #[test]
    fn filters_combine_and_search_ignores_case() {
        let mut notes = Notes::default();
        let circle = Visibility::CircleOnly;
        let shared = Visibility::Shared;
        for (id, kind, text, v) in [
            (0, NoteKind::Decision, "ÜBER the rent", shared),
            (1, NoteKind::Decision, "über the hall", circle),
            (2, NoteKind::Note, "nothing here", shared),
        ] {
            notes.apply(at(0), &NoteEvent::Added(note(id, kind, text, v)));
        }
        let ids = |f: &NoteFilter| notes.filtered(f).map(|n| n.id.0).collect::<Vec<_>>();
        let mut f = NoteFilter {
            text: " über ".into(),
            ..NoteFilter::default()
        };
        assert_eq!(ids(&f), [0, 1]);
        f.visibility = Some(circle);
        assert_eq!(ids(&f), [1]);
        assert!(f.matches(notes.get(NoteId(1)).unwrap()));
        f = NoteFilter {
            kind: Some(Kind::Note),
            ..NoteFilter::default()
        };
        assert_eq!(ids(&f), [2]);
        f = NoteFilter {
            segment: Some(SegmentId(0)),
            ..NoteFilter::default()
        };
        assert_eq!(ids(&f), [0, 2]);
        assert_eq!(notes.of_kind(Kind::Decision).count(), 2);
        assert_eq!(notes.in_segment(SegmentId(1)).count(), 1);
    }

    #[test]
    fn search_folds_accents_and_reads_the_names_on_a_note() {
        use crate::core::person::roster_from_names;
        let mut notes = Notes::default();
        let people = People::new(&roster_from_names(&["Tomás", "Olek Олег"]));
        notes.know(&people);
        let owned = NoteKind::Action {
            owner: Some(PersonId(1)),
            due: None,
        };
        for (id, kind, text) in [
            (0, NoteKind::Note, "Ask Tomás about the keys"),
            (1, owned, "Book the hall"),
            (2, NoteKind::Note, "Nothing about anyone"),
        ] {
            let n = note(id, kind, text, Visibility::Shared);
            notes.apply(at(0), &NoteEvent::Added(n));
        }
        let ids = |text: &str| {
            let f = NoteFilter {
                text: text.into(),
                ..NoteFilter::default()
            };
            notes.filtered(&f).map(|n| n.id.0).collect::<Vec<_>>()
        };
        assert_eq!(ids("tomas"), [0]);
        assert_eq!(ids("TOMAS keys"), [0]);
        assert_eq!(ids("olek"), [1]);
        assert_eq!(ids("олег hall"), [1]);
        assert_eq!(ids("nobody"), Vec::<u32>::new());
        assert_eq!(ids(" "), [0, 1, 2]);
    }
}
