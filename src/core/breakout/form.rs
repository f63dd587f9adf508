//! Splitting who is here into a breakout's groups, by the plan's `split`.
//!
//! - Crews: the gathering's crews as they stand (from the icebreaker guide,
//!   or an earlier breakout by crews), with whoever is new in the smallest
//!   crew; without any, crews of about five formed afresh.
//! - A count: that many groups, shuffled by `core::groups` from a seed, so
//!   the split replays exactly, keeping apart who met in earlier groups.
//! - Topics and by hand: everyone keeps the group they signed up to or
//!   were placed in; whoever is still in none joins the smallest group, in
//!   seating order.
//!
//! Only people here are grouped (everyone, while nobody is marked here).

use super::plan::Split;
use super::{Breakout, Formed};
use crate::core::decision::record::Refused;
use crate::core::groups::{Met, form_into, keep_crews};
use crate::core::guide::icebreaker::{CREW_SIZE, crew_roster};
use crate::core::person::PersonId;
use crate::core::plan::{Segment, SegmentKind};
use crate::core::round::present;
use crate::core::run::SegmentId;
use crate::core::state::State;

/// The index of the smallest of these sizes, the first on a tie.
pub fn smallest(sizes: impl Iterator<Item = usize>) -> Option<usize> {
    sizes
        .enumerate()
        .min_by_key(|(i, n)| (*n, *i))
        .map(|(i, _)| i)
}

/// The groups a breakout gets now, from who is here.
pub fn groups(state: &State, segment: SegmentId, seed: u64) -> Result<Vec<Formed>, Refused> {
    let seg = state
        .run
        .segment(segment)
        .filter(|s| s.kind == SegmentKind::Breakout)
        .ok_or_else(|| Refused("groups are formed in a breakout".into()))?;
    let here: Vec<PersonId> = present(&state.people).iter().map(|p| p.id).collect();
    if here.is_empty() {
        return Err(Refused("nobody is on the roster to group".into()));
    }
    let split = seg.split.unwrap_or_default();
    let now = state.breakouts.or_planned(segment, &state.run);
    let (people, names): (Vec<Vec<PersonId>>, Vec<Option<String>>) = match split {
        Split::Crews => {
            let base: Vec<(Option<String>, Vec<PersonId>)> = crew_base(state, segment)
                .into_iter()
                .filter(|(_, c)| c.iter().any(|p| here.contains(p)))
                .collect();
            let lists: Vec<Vec<PersonId>> = base.iter().map(|(_, c)| c.clone()).collect();
            let size = crew_size(seg, here.len());
            let crews = keep_crews(&lists, &here, size, seed);
            let names = base.into_iter().map(|(n, _)| n).collect();
            (crews, names)
        }
        Split::Count(n) => {
            let crews = form_into(&here, n.get() as usize, &met(state, segment), seed);
            (crews, Vec::new())
        }
        Split::Topics | Split::ByHand => {
            let mut lists: Vec<Vec<PersonId>> = now
                .groups
                .iter()
                .map(|g| {
                    g.people
                        .iter()
                        .copied()
                        .filter(|p| here.contains(p))
                        .collect()
                })
                .collect();
            for p in &here {
                if !lists.iter().any(|g| g.contains(p))
                    && let Some(i) = smallest(lists.iter().map(Vec::len))
                {
                    lists[i].push(*p);
                }
            }
            let names = now.groups.iter().map(|g| Some(g.name.clone())).collect();
            (lists, names)
        }
    };
    let word = if split == Split::Crews {
        "Crew"
    } else {
        "Group"
    };
    Ok(people
        .into_iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty() || matches!(split, Split::Topics | Split::ByHand))
        .map(|(i, people)| {
            let planned = seg.groups.get(i);
            let kept = now.groups.get(i).filter(|_| split != Split::Crews);
            Formed {
                name: planned
                    .map(|g| g.name.trim().to_string())
                    .or_else(|| names.get(i).cloned().flatten())
                    .unwrap_or_else(|| format!("{word} {}", i + 1)),
                people,
                question: kept
                    .and_then(|g| g.question.clone())
                    .or_else(|| planned.and_then(|g| g.question.clone())),
                place: kept
                    .and_then(|g| g.place.clone())
                    .or_else(|| planned.and_then(|g| g.place.clone())),
            }
        })
        .collect())
}

/// Crews of about five, or as many as the plan lists groups for.
fn crew_size(seg: &Segment, here: usize) -> usize {
    match seg.groups.len() {
        0 => CREW_SIZE,
        n => here.div_ceil(n).max(1),
    }
}

/// The crews to keep: those of the latest earlier breakout by crews when
/// it came after the icebreaker's crews, else the icebreaker's.
fn crew_base(state: &State, segment: SegmentId) -> Vec<(Option<String>, Vec<PersonId>)> {
    let last_crews = state
        .guides
        .groupings
        .iter()
        .filter(|g| g.crews)
        .map(|g| g.at)
        .max();
    let earlier = state
        .breakouts
        .all()
        .iter()
        .filter(|b| b.segment != segment && is_by_crews(state, b))
        .filter_map(|b| b.formed.map(|at| (at, b)))
        .max_by_key(|(at, _)| *at)
        .filter(|(at, _)| last_crews.is_none_or(|c| *at > c));
    match earlier {
        Some((_, b)) => b
            .groups
            .iter()
            .map(|g| (Some(g.name.clone()), g.people.clone()))
            .collect(),
        None => crew_roster(&state.guides)
            .into_iter()
            .map(|c| (None, c))
            .collect(),
    }
}

fn is_by_crews(state: &State, b: &Breakout) -> bool {
    state
        .run
        .segment(b.segment)
        .is_some_and(|s| s.split.unwrap_or_default() == Split::Crews)
}

/// Everyone grouped together before: the guides' groupings and every
/// other breakout's groups.
fn met(state: &State, segment: SegmentId) -> Met {
    let mut met = Met::default();
    for g in &state.guides.groupings {
        met.record(&g.groups);
    }
    for b in state
        .breakouts
        .all()
        .iter()
        .filter(|b| b.segment != segment)
    {
        let groups: Vec<Vec<PersonId>> = b.groups.iter().map(|g| g.people.clone()).collect();
        met.record(&groups);
    }
    met
}
