//! What a breakout keeps as the log is replayed: its groups with their
//! people, delegates, recalls, mandates and time, the reports imported,
//! and the delegates' reports heard in each report-back.

use jiff::{SignedDuration, Timestamp};

use super::mandate::Mandate;
use super::plan::same_question;
use super::{BreakoutEvent, Formed, GroupRef, Origin, form};
use crate::core::note::{NoteEvent, Notes};
use crate::core::person::PersonId;
use crate::core::plan::SegmentKind;
use crate::core::run::{Run, SegmentId};

/// A delegate recalled by their group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recalled {
    pub person: PersonId,
    pub replacement: Option<PersonId>,
    pub at: Timestamp,
}

/// A group's mandate on one question, as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MandateOn {
    pub question: String,
    pub mandate: Mandate,
    pub at: Timestamp,
    /// It came in an imported report.
    pub imported: bool,
}

/// One group of a breakout, as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub people: Vec<PersonId>,
    /// Its own question or task (else the breakout's prompt).
    pub question: Option<String>,
    pub place: Option<String>,
    /// Time added to (or taken from) its box.
    pub extra: SignedDuration,
    /// When it came back to the room.
    pub back: Option<Timestamp>,
    /// Its delegates now, in the order named.
    pub delegates: Vec<PersonId>,
    pub recalls: Vec<Recalled>,
    pub mandates: Vec<MandateOn>,
}

impl Group {
    fn planned(name: String, question: Option<String>, place: Option<String>) -> Group {
        Group {
            name,
            people: Vec::new(),
            question,
            place,
            extra: SignedDuration::ZERO,
            back: None,
            delegates: Vec::new(),
            recalls: Vec::new(),
            mandates: Vec::new(),
        }
    }

    /// The group's mandate on a question, if it gave one.
    pub fn mandate(&self, question: &str) -> Option<&MandateOn> {
        self.mandates
            .iter()
            .find(|m| same_question(&m.question, question))
    }

    fn set_mandate(&mut self, question: &str, mandate: &Mandate, at: Timestamp, imported: bool) {
        let question = question.trim();
        if question.is_empty() {
            return;
        }
        self.mandates
            .retain(|m| !same_question(&m.question, question));
        self.mandates.push(MandateOn {
            question: question.to_string(),
            mandate: mandate.clone(),
            at,
            imported,
        });
    }
}

/// A report imported into a breakout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub at: Timestamp,
    pub group: u32,
    pub heard_in: SegmentId,
    pub origin: Origin,
    /// Every delegate the report names, as written there.
    pub delegate_names: Vec<String>,
}

/// Everything logged about one breakout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakout {
    pub segment: SegmentId,
    /// When the groups were last formed; `None` while only planned (topics
    /// and groups by hand are filled before they are formed).
    pub formed: Option<Timestamp>,
    pub groups: Vec<Group>,
    /// How long the breakout's clock had run when its own report-back
    /// began.
    pub report_back: Option<SignedDuration>,
    pub imports: Vec<ImportRecord>,
}

impl Breakout {
    /// The breakout as its plan has it, before anything was logged: the
    /// groups listed, empty.
    pub fn planned(segment: SegmentId, run: &Run) -> Breakout {
        let groups = run
            .segment(segment)
            .filter(|s| s.kind == SegmentKind::Breakout)
            .map(|s| {
                s.groups
                    .iter()
                    .map(|g| {
                        Group::planned(
                            g.name.trim().to_string(),
                            g.question.clone(),
                            g.place.clone(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        Breakout {
            segment,
            formed: None,
            groups,
            report_back: None,
            imports: Vec::new(),
        }
    }

    /// The group someone is in.
    pub fn group_of(&self, person: PersonId) -> Option<u32> {
        self.groups
            .iter()
            .position(|g| g.people.contains(&person))
            .map(|i| i as u32)
    }

    pub fn group(&self, group: u32) -> Option<&Group> {
        self.groups.get(group as usize)
    }

    /// The group a delegate speaks for now.
    pub fn delegate_of(&self, person: PersonId) -> Option<u32> {
        self.groups
            .iter()
            .position(|g| g.delegates.contains(&person))
            .map(|i| i as u32)
    }

    /// The smallest group, the first of them on a tie.
    pub fn smallest(&self) -> Option<u32> {
        form::smallest(self.groups.iter().map(|g| g.people.len())).map(|i| i as u32)
    }

    fn place(&mut self, person: PersonId, to: Option<u32>) {
        let to = to.filter(|t| (*t as usize) < self.groups.len());
        for (i, g) in self.groups.iter_mut().enumerate() {
            if Some(i as u32) != to {
                g.people.retain(|p| *p != person);
                // A delegate who moves on no longer speaks for the group.
                g.delegates.retain(|p| *p != person);
            }
        }
        if let Some(g) = to.and_then(|t| self.groups.get_mut(t as usize))
            && !g.people.contains(&person)
        {
            g.people.push(person);
        }
    }

    fn form(&mut self, formed: &[Formed], at: Timestamp) {
        let old = std::mem::take(&mut self.groups);
        self.groups = formed
            .iter()
            .map(|f| {
                let name = f.name.trim().to_string();
                let mut g = Group::planned(name, f.question.clone(), f.place.clone());
                g.people = f.people.clone();
                if let Some(was) = old.iter().find(|o| o.name.eq_ignore_ascii_case(&g.name)) {
                    g.delegates = was
                        .delegates
                        .iter()
                        .copied()
                        .filter(|d| g.people.contains(d))
                        .collect();
                    g.recalls = was.recalls.clone();
                    g.mandates = was.mandates.clone();
                    g.extra = was.extra;
                }
                g
            })
            .collect();
        self.formed = Some(at);
    }
}

/// One group's report in a report-back: its delegates speaking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTurn {
    /// The segment it was heard in.
    pub heard_in: SegmentId,
    pub group: GroupRef,
    pub started: Timestamp,
    pub ended: Option<Timestamp>,
}

impl ReportTurn {
    /// Wall time spoken, to `now` while it goes on; pauses of the run do
    /// not stop a delegate speaking.
    pub fn spoken(&self, now: Timestamp) -> SignedDuration {
        self.ended
            .unwrap_or(now)
            .duration_since(self.started)
            .max(SignedDuration::ZERO)
    }

    pub fn is_running(&self) -> bool {
        self.ended.is_none()
    }
}

/// A group as it stands, or as planned when nothing was logged for its
/// breakout yet.
pub fn group_now(state: &crate::core::state::State, group: GroupRef) -> Option<Group> {
    match state.breakouts.group(group) {
        Some(g) => Some(g.clone()),
        None => Breakout::planned(group.breakout, &state.run)
            .groups
            .into_iter()
            .nth(group.group as usize)
            .filter(|_| state.breakouts.get(group.breakout).is_none()),
    }
}

/// Every breakout and report-back of the session, rebuilt from the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Breakouts {
    list: Vec<Breakout>,
    reports: Vec<ReportTurn>,
    /// Each naming of a delegate, in order: who, and in which breakout.
    named: Vec<(PersonId, SegmentId)>,
}

impl Breakouts {
    pub fn get(&self, segment: SegmentId) -> Option<&Breakout> {
        self.list.iter().find(|b| b.segment == segment)
    }

    /// Every breakout that logged anything, in the order first touched.
    pub fn all(&self) -> &[Breakout] {
        &self.list
    }

    /// The breakout as it stands, or as planned when nothing was logged.
    pub fn or_planned(&self, segment: SegmentId, run: &Run) -> Breakout {
        self.get(segment)
            .cloned()
            .unwrap_or_else(|| Breakout::planned(segment, run))
    }

    pub fn group(&self, group: GroupRef) -> Option<&Group> {
        self.get(group.breakout)?.group(group.group)
    }

    /// Reports heard in a segment, in order.
    pub fn reports(&self, heard_in: SegmentId) -> impl DoubleEndedIterator<Item = &ReportTurn> {
        self.reports.iter().filter(move |r| r.heard_in == heard_in)
    }

    /// The report going on in a segment.
    pub fn speaking(&self, heard_in: SegmentId) -> Option<&ReportTurn> {
        self.reports(heard_in).rfind(|r| r.is_running())
    }

    /// How many times each person was named a delegate this session.
    pub fn delegations(&self) -> std::collections::HashMap<PersonId, u32> {
        let mut out = std::collections::HashMap::new();
        for (p, _) in &self.named {
            *out.entry(*p).or_insert(0) += 1;
        }
        out
    }

    fn entry(&mut self, segment: SegmentId, run: &Run) -> &mut Breakout {
        let i = match self.list.iter().position(|b| b.segment == segment) {
            Some(i) => i,
            None => {
                self.list.push(Breakout::planned(segment, run));
                self.list.len() - 1
            }
        };
        &mut self.list[i]
    }

    /// Applies one event; a report's notes go into `notes`.
    pub fn apply(&mut self, at: Timestamp, ev: &BreakoutEvent, run: &Run, notes: &mut Notes) {
        match ev {
            BreakoutEvent::Report { segment, group } => {
                self.end_report(*segment, at);
                self.reports.push(ReportTurn {
                    heard_in: *segment,
                    group: *group,
                    started: at,
                    ended: None,
                });
                return;
            }
            BreakoutEvent::ReportEnd { segment } => {
                self.end_report(*segment, at);
                return;
            }
            _ => {}
        }
        let segment = ev.breakout();
        let b = self.entry(segment, run);
        let mut named = Vec::new();
        match ev {
            BreakoutEvent::Formed { groups, .. } => b.form(groups, at),
            BreakoutEvent::Moved { person, to, .. } => {
                if to.is_none_or(|t| (t as usize) < b.groups.len()) {
                    b.place(*person, *to);
                }
            }
            BreakoutEvent::Described {
                group,
                name,
                question,
                place,
                ..
            } => {
                if let Some(g) = b.groups.get_mut(*group as usize)
                    && !name.trim().is_empty()
                {
                    g.name = name.trim().to_string();
                    g.question = question.clone().filter(|q| !q.trim().is_empty());
                    g.place = place.clone().filter(|p| !p.trim().is_empty());
                }
            }
            BreakoutEvent::GroupTime { group, by, .. } => {
                if let Some(g) = b.groups.get_mut(*group as usize) {
                    g.extra = g.extra.saturating_add(*by);
                }
            }
            BreakoutEvent::Back { group, back, .. } => {
                if let Some(g) = b.groups.get_mut(*group as usize) {
                    g.back = back.then_some(at);
                }
            }
            BreakoutEvent::Delegate { group, person, .. } => {
                if let Some(g) = b.groups.get_mut(*group as usize)
                    && !g.delegates.contains(person)
                {
                    g.delegates.push(*person);
                    named.push(*person);
                }
            }
            BreakoutEvent::Recall {
                group,
                person,
                replacement,
                ..
            } => {
                if let Some(g) = b.groups.get_mut(*group as usize)
                    && let Some(i) = g.delegates.iter().position(|d| d == person)
                {
                    g.recalls.push(Recalled {
                        person: *person,
                        replacement: *replacement,
                        at,
                    });
                    match replacement.filter(|r| !g.delegates.contains(r)) {
                        // The replacement takes the recalled one's place.
                        Some(r) => {
                            g.delegates[i] = r;
                            named.push(r);
                        }
                        None => {
                            g.delegates.remove(i);
                        }
                    }
                }
            }
            BreakoutEvent::Mandate {
                group,
                question,
                mandate,
                ..
            } => {
                if let Some(g) = b.groups.get_mut(*group as usize) {
                    g.set_mandate(question, mandate, at, false);
                }
            }
            BreakoutEvent::ReportBack { .. } => {
                b.report_back = Some(run.elapsed(segment, at));
            }
            BreakoutEvent::Imported(imp) => {
                if let Some(g) = b.groups.get_mut(imp.group.group as usize) {
                    for m in &imp.mandates {
                        g.set_mandate(&m.question, &m.mandate, at, true);
                    }
                    if !imp.delegates.is_empty() {
                        g.delegates = imp.delegates.clone();
                        named.extend(&imp.delegates);
                    }
                }
                b.imports.push(ImportRecord {
                    at,
                    group: imp.group.group,
                    heard_in: imp.segment,
                    origin: imp.origin.clone(),
                    delegate_names: imp.delegate_names.clone(),
                });
                // The report's words land whatever became of the group.
                for note in &imp.notes {
                    notes.apply(at, &NoteEvent::Added(note.clone()));
                }
            }
            BreakoutEvent::Report { .. } | BreakoutEvent::ReportEnd { .. } => {}
        }
        self.named.extend(named.into_iter().map(|p| (p, segment)));
    }

    /// Someone marked here while `current` is on: in a breakout whose
    /// groups are formed, they join the smallest group unless in one.
    pub fn arrived(&mut self, person: PersonId, current: Option<SegmentId>) {
        let Some(b) = current.and_then(|c| self.list.iter_mut().find(|b| b.segment == c)) else {
            return;
        };
        if b.formed.is_some() && b.group_of(person).is_none() {
            let to = b.smallest();
            b.place(person, to);
        }
    }

    /// Someone left the session: out of every group.
    pub fn left(&mut self, person: PersonId) {
        for b in &mut self.list {
            for g in &mut b.groups {
                g.people.retain(|p| *p != person);
            }
        }
    }

    fn end_report(&mut self, heard_in: SegmentId, at: Timestamp) {
        for r in self
            .reports
            .iter_mut()
            .filter(|r| r.heard_in == heard_in && r.is_running())
        {
            r.ended = Some(at.max(r.started));
        }
    }

    /// The segment on ends: a report going on there ends with it.
    pub fn hush(&mut self, segment: SegmentId, at: Timestamp) {
        self.end_report(segment, at);
    }
}
