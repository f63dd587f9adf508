//! The board of groups: everything a screen shows of a breakout, computed
//! in one go, so the screen only draws it (as a board for the facilitator,
//! or large for the room) and turns keys into actions.

use jiff::{SignedDuration, Timestamp};

use super::delegate::{Delegated, Suggestion, suggest};
use super::mandate::Mandate;
use super::plan::{Split, delegates_wanted, questions};
use super::{Breakout, Group, GroupRef};
use crate::core::guide::GuideClock;
use crate::core::person::PersonId;
use crate::core::plan::{Plan, Segment, SegmentKind};
use crate::core::round::present;
use crate::core::run::{Run, SegmentId};
use crate::core::state::State;

/// Someone in (or out of) a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub person: PersonId,
    pub name: String,
    pub delegate: bool,
    /// Marked here (or nobody is marked, so everyone counts as here).
    pub here: bool,
}

/// A group's mandate on one of the breakout's questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MandateView {
    pub question: String,
    /// `None`: not recorded yet, which counts as open.
    pub mandate: Option<Mandate>,
    pub imported: bool,
}

/// One group on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    pub group: GroupRef,
    pub name: String,
    /// Its own question, else the breakout's prompt.
    pub question: Option<String>,
    pub place: Option<String>,
    /// In the order they joined.
    pub people: Vec<Member>,
    /// Its delegates now, by name.
    pub delegates: Vec<Member>,
    /// Delegates still to name, as the plan asks.
    pub missing: u8,
    /// Who could be named, delegated least first: the first `missing` are
    /// the suggestion.
    pub suggested: Vec<Suggestion>,
    pub recalls: usize,
    pub mandates: Vec<MandateView>,
    /// Its time left: the groups' time plus any it was given.
    pub clock: GuideClock,
    pub back: bool,
    /// Notes filed under it.
    pub notes: usize,
}

/// A breakout as a screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub segment: SegmentId,
    pub title: String,
    pub split: Split,
    /// "6 groups, shuffled", "by crews", ...
    pub split_line: String,
    pub formed: bool,
    /// The breakout's own report-back has begun.
    pub report_back: bool,
    /// The groups' time, before any one group was given more.
    pub clock: GuideClock,
    pub groups: Vec<GroupView>,
    /// Here, but in no group yet.
    pub unplaced: Vec<Member>,
    /// The questions the groups give mandates on.
    pub questions: Vec<String>,
    pub delegates_wanted: u8,
    /// Things worth saying: people in no group, groups without delegates,
    /// a delegate who left, a group of one.
    pub flags: Vec<String>,
}

impl Board {
    /// The board of a breakout at `now`; `None` for a segment that is not
    /// a breakout.
    pub fn new(state: &State, plan: &Plan, segment: SegmentId, now: Timestamp) -> Option<Board> {
        Board::with_earlier(state, plan, segment, now, &Delegated::none())
    }

    /// As `new`, with who was a delegate in the gathering's earlier
    /// sessions, for the suggestions.
    pub fn with_earlier(
        state: &State,
        plan: &Plan,
        segment: SegmentId,
        now: Timestamp,
        before: &Delegated,
    ) -> Option<Board> {
        let seg = state
            .run
            .segment(segment)
            .filter(|s| s.kind == SegmentKind::Breakout)?;
        let b = state.breakouts.or_planned(segment, &state.run);
        let split = seg.split.unwrap_or_default();
        let warnings = plan.warnings_for(seg);
        let elapsed = groups_elapsed(&state.run, &b, now);
        let time = group_time(&state.run, segment, seg);
        let questions = questions(seg);
        let here: Vec<PersonId> = present(&state.people).iter().map(|p| p.id).collect();
        let member = |id: PersonId, g: Option<&Group>| Member {
            person: id,
            name: state.people.name(id).to_string(),
            delegate: g.is_some_and(|g| g.delegates.contains(&id)),
            here: here.contains(&id),
        };
        let wanted = delegates_wanted(seg);
        let groups: Vec<GroupView> = b
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let group = GroupRef {
                    breakout: segment,
                    group: i as u32,
                };
                let mut qs = questions.clone();
                if let Some(own) = &g.question
                    && qs.is_empty()
                {
                    qs.push(own.clone());
                }
                GroupView {
                    group,
                    name: g.name.clone(),
                    question: g.question.clone().or_else(|| seg.prompt.clone()),
                    place: g.place.clone(),
                    people: g.people.iter().map(|p| member(*p, Some(g))).collect(),
                    delegates: g.delegates.iter().map(|p| member(*p, Some(g))).collect(),
                    missing: wanted
                        .saturating_sub(u8::try_from(g.delegates.len()).unwrap_or(u8::MAX)),
                    suggested: suggest(state, group, before),
                    recalls: g.recalls.len(),
                    mandates: qs
                        .into_iter()
                        .map(|q| {
                            let m = g.mandate(&q);
                            MandateView {
                                mandate: m.map(|m| m.mandate.clone()),
                                imported: m.is_some_and(|m| m.imported),
                                question: q,
                            }
                        })
                        .collect(),
                    clock: GuideClock::new(elapsed, time.saturating_add(g.extra), &warnings),
                    back: g.back.is_some() || b.report_back.is_some(),
                    notes: state.notes.all().filter(|n| n.group == Some(group)).count(),
                }
            })
            .collect();
        let unplaced: Vec<Member> = here
            .iter()
            .filter(|p| b.group_of(**p).is_none())
            .map(|p| member(*p, None))
            .collect();
        let mut board = Board {
            segment,
            title: seg.title.clone(),
            split,
            split_line: split.label(),
            formed: b.formed.is_some(),
            report_back: b.report_back.is_some(),
            clock: GuideClock::new(elapsed, time, &warnings),
            groups,
            unplaced,
            questions,
            delegates_wanted: wanted,
            flags: Vec::new(),
        };
        board.flags = flags(&board, state);
        Some(board)
    }

    /// The group showing the least time left, for a glance.
    pub fn least_time_left(&self) -> Option<&GroupView> {
        self.groups
            .iter()
            .filter(|g| !g.back)
            .min_by_key(|g| g.clock.remaining())
    }
}

/// The groups' own time: the breakout's box as it stands, less the
/// report-back kept at its end.
pub fn group_time(run: &Run, segment: SegmentId, seg: &Segment) -> SignedDuration {
    let rb = seg.report_back.unwrap_or(SignedDuration::ZERO);
    run.time_box(segment)
        .saturating_sub(rb)
        .max(SignedDuration::from_mins(1))
}

/// How long the groups have been out: the breakout's clock, stopped when
/// its report-back began.
fn groups_elapsed(run: &Run, b: &Breakout, now: Timestamp) -> SignedDuration {
    let elapsed = run.elapsed(b.segment, now);
    b.report_back.map_or(elapsed, |at| elapsed.min(at))
}

fn names(members: impl Iterator<Item = String>) -> String {
    members.collect::<Vec<_>>().join(", ")
}

fn flags(board: &Board, state: &State) -> Vec<String> {
    let mut out = Vec::new();
    if !board.formed && board.groups.iter().all(|g| g.people.is_empty()) {
        out.push(format!(
            "Groups not formed yet ({}).",
            match board.split {
                Split::Topics => "sign people up to the topics, then form the rest",
                Split::ByHand => "place people by hand, then form the rest",
                _ => "form them from who is here",
            }
        ));
    }
    if !board.unplaced.is_empty() {
        out.push(format!(
            "Here but in no group: {}.",
            names(board.unplaced.iter().map(|m| m.name.clone()))
        ));
    }
    if board.formed {
        let lacking: Vec<String> = board
            .groups
            .iter()
            .filter(|g| g.missing > 0 && !g.people.is_empty())
            .map(|g| g.name.clone())
            .collect();
        if !lacking.is_empty() {
            out.push(format!(
                "{} yet: {}.",
                if board.delegates_wanted == 1 {
                    "No delegate"
                } else {
                    "Not both delegates"
                },
                lacking.join(", ")
            ));
        }
        let alone: Vec<String> = board
            .groups
            .iter()
            .filter(|g| g.people.len() == 1)
            .map(|g| g.name.clone())
            .collect();
        if !alone.is_empty() {
            out.push(format!("One person alone in: {}.", alone.join(", ")));
        }
    }
    for g in &board.groups {
        for d in &g.delegates {
            if state.people.get(d.person).is_none() {
                out.push(format!(
                    "A delegate of {} has left: recall them and name someone else.",
                    g.name
                ));
            }
        }
    }
    out
}
