//! What the room sees: the view the facilitator put up for the room (a
//! projector, a co-facilitator's terminal running `circlekeeper follow`),
//! and everything such a window may draw, already filtered for privacy.
//!
//! A follower draws a `Room` and nothing else, so what stays in the circle
//! is kept out here, once, where a property test can check it: no notes, no
//! reasons for a hand's place on the stack unless the plan allows them, no
//! names beside decision positions, and nothing of a confidential segment
//! beyond its kind and its clock.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::decision::board::Board;
use super::duration::{clock, unsigned_clock};
use super::guide::welcome::agreements;
use super::plan::{Plan, SegmentKind};
use super::round::Standing;
use super::run::{SegmentId, Stage};
use super::state::State;

/// The view the room is shown, chosen from the main window and logged, so
/// every follower shows the same.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RoomView {
    /// The segment's clock, with the speaker and their turn.
    #[default]
    Clock,
    /// The question of the check-in or round, large.
    Prompt,
    Agreements,
    /// The round: who speaks, who has spoken, who passed.
    Round,
    /// The stack's queue, names only.
    Stack,
    /// The groups of an exercise.
    Groups,
    /// A decision's tally: counts, never names.
    Tally,
    /// A blank "we'll be back" card.
    Away,
}

impl RoomView {
    pub const ALL: [RoomView; 8] = [
        RoomView::Clock,
        RoomView::Prompt,
        RoomView::Agreements,
        RoomView::Round,
        RoomView::Stack,
        RoomView::Groups,
        RoomView::Tally,
        RoomView::Away,
    ];

    /// The word for it, also what `--view` takes.
    pub fn name(self) -> &'static str {
        match self {
            RoomView::Clock => "clock",
            RoomView::Prompt => "prompt",
            RoomView::Agreements => "agreements",
            RoomView::Round => "round",
            RoomView::Stack => "stack",
            RoomView::Groups => "groups",
            RoomView::Tally => "tally",
            RoomView::Away => "away",
        }
    }

    pub fn from_name(name: &str) -> Option<RoomView> {
        RoomView::ALL.into_iter().find(|v| v.name() == name)
    }

    /// The view after this one, round to the first.
    pub fn next(self) -> RoomView {
        let i = RoomView::ALL.iter().position(|v| *v == self).unwrap_or(0);
        RoomView::ALL[(i + 1) % RoomView::ALL.len()]
    }
}

/// A countdown as the room reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Countdown {
    /// "12:34", "+0:10" over time.
    pub digits: String,
    pub stage: Stage,
    /// "UNDER 2M LEFT", "OVERTIME", or empty: the stage in words.
    pub label: String,
}

/// Who speaks now, and their turn's clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    pub clock: Countdown,
}

/// Someone's place in the round, as the room may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Waiting,
    Speaking,
    Spoke,
    Passed,
    Away,
}

impl Seat {
    pub fn label(self) -> &'static str {
        match self {
            Seat::Waiting => "",
            Seat::Speaking => "speaking",
            Seat::Spoke => "spoke",
            Seat::Passed => "passed",
            Seat::Away => "not here",
        }
    }
}

/// The body of the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The clock and speaker alone.
    Clock,
    Prompt(Option<String>),
    Agreements(Vec<String>),
    Round(Vec<(String, Seat)>),
    /// Names in the queue's order; a reason beside each only where the
    /// plan lets the room see them.
    Stack(Vec<(String, Option<String>)>),
    /// Groups of names; `crews` for the gathering's standing crews.
    Groups {
        groups: Vec<Vec<String>>,
        crews: bool,
    },
    /// Counts by position, then how many gave none; `None` before any test.
    Tally(Option<Vec<(String, u32)>>),
    Away,
    /// A confidential segment is on: its kind and clock, nothing more.
    Private,
    /// The session has ended.
    Closed,
}

/// Everything a follower may draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub view: RoomView,
    /// The session's title.
    pub session: String,
    /// The segment on: its title, or only its kind when confidential.
    pub segment: Option<String>,
    pub clock: Option<Countdown>,
    pub paused: bool,
    pub speaker: Option<Speaker>,
    pub body: Body,
}

impl Room {
    /// The room's `view` of the session at `now`. `view` is the one the
    /// facilitator chose (`state.room`) or one a follower picked itself.
    pub fn new(state: &State, plan: &Plan, title: &str, view: RoomView, now: Timestamp) -> Room {
        let on = state
            .run
            .current
            .and_then(|id| Some((id, state.run.segment(id)?)));
        let private = on.is_some_and(|(_, s)| s.is_confidential());
        let segment = on.map(|(_, s)| match private {
            // Called as the harvest calls it.
            true => s.unnamed(),
            false => s.title.clone(),
        });
        let clock = state.countdown(plan, now).map(|(id, left, stage)| {
            let warnings = state.run.segment(id).map(|s| plan.warnings_for(s));
            Countdown {
                digits: clock(left),
                stage,
                label: stage.label(left, &warnings.unwrap_or_default()),
            }
        });
        let speaker = state
            .running_turn()
            .filter(|_| !private)
            .map(|turn| Speaker {
                name: state.people.name(turn.person).to_string(),
                clock: turn_clock(state, plan, turn, now),
            });
        let body = match (view, on) {
            _ if state.closed => Body::Closed,
            (RoomView::Away, _) => Body::Away,
            (RoomView::Clock, _) => Body::Clock,
            _ if private => Body::Private,
            (view, Some((id, _))) => body(state, plan, view, id, now),
            (RoomView::Tally, None) => Body::Tally(None),
            (RoomView::Prompt, None) => Body::Prompt(None),
            (RoomView::Agreements, None) => Body::Agreements(Vec::new()),
            (RoomView::Round, None) => Body::Round(Vec::new()),
            (RoomView::Stack, None) => Body::Stack(Vec::new()),
            (RoomView::Groups, None) => Body::Groups {
                groups: Vec::new(),
                crews: false,
            },
        };
        Room {
            view,
            session: title.to_string(),
            segment,
            clock,
            paused: on.is_some() && !state.run.is_running(),
            speaker,
            body,
        }
    }

    /// Every piece of text in the room's view, for tests that check what
    /// may reach a follower's screen.
    pub fn texts(&self) -> Vec<String> {
        let mut out = vec![self.session.clone()];
        out.extend(self.segment.clone());
        if let Some(s) = &self.speaker {
            out.push(s.name.clone());
        }
        match &self.body {
            Body::Prompt(p) => out.extend(p.clone()),
            Body::Agreements(list) => out.extend(list.iter().cloned()),
            Body::Round(seats) => out.extend(seats.iter().map(|(n, _)| n.clone())),
            Body::Stack(queue) => {
                for (name, why) in queue {
                    out.push(name.clone());
                    out.extend(why.clone());
                }
            }
            Body::Groups { groups, .. } => out.extend(groups.iter().flatten().cloned()),
            Body::Tally(Some(counts)) => out.extend(counts.iter().map(|(l, _)| l.clone())),
            _ => {}
        }
        out
    }
}

/// The body of a view while a segment open to the room is on.
fn body(state: &State, plan: &Plan, view: RoomView, id: SegmentId, now: Timestamp) -> Body {
    let name = |p| state.people.name(p).to_string();
    let seg = state.run.segment(id);
    match view {
        RoomView::Clock => Body::Clock,
        RoomView::Away => Body::Away,
        // The prompt chosen for the round, else the plan's own.
        RoomView::Prompt => Body::Prompt(
            state
                .guides
                .prompt(id)
                .map(str::to_string)
                .or_else(|| seg.and_then(|s| s.prompt.clone())),
        ),
        RoomView::Agreements => Body::Agreements(match seg {
            Some(s) if s.kind == SegmentKind::WelcomeCircle || s.agreements.is_empty() => {
                agreements(&state.run, id).to_vec()
            }
            Some(s) => s.agreements.clone(),
            None => Vec::new(),
        }),
        RoomView::Round => {
            let round = state.rounds.current().or(state.rounds.latest_in(id));
            let seats = round.map_or(Vec::new(), |r| {
                r.standings(now)
                    .into_iter()
                    .map(|(p, s)| (name(p), seat(s)))
                    .collect()
            });
            Body::Round(seats)
        }
        RoomView::Stack => {
            let reasons = plan.room_reasons;
            let queue = state.stack.queue(&state.people, &state.run);
            Body::Stack(
                queue
                    .into_iter()
                    .map(|q| (name(q.person), reasons.then(|| q.why.label())))
                    .collect(),
            )
        }
        RoomView::Groups => {
            let step = state.guides.step(id).value;
            match state.guides.groups(id, step) {
                Some(g) => Body::Groups {
                    groups: g
                        .groups
                        .iter()
                        .map(|group| group.iter().map(|p| name(*p)).collect())
                        .collect(),
                    crews: g.crews,
                },
                // A breakout's groups, once formed, are the room's too.
                None => Body::Groups {
                    groups: state
                        .breakouts
                        .get(id)
                        .filter(|b| b.formed.is_some())
                        .map(|b| {
                            b.groups
                                .iter()
                                .map(|g| g.people.iter().map(|p| name(*p)).collect())
                                .collect()
                        })
                        .unwrap_or_default(),
                    crews: false,
                },
            }
        }
        RoomView::Tally => {
            let started = state.decisions.get(id).is_some_and(|d| !d.tests.is_empty());
            let board = started.then(|| Board::new(state, plan, id, now)).flatten();
            Body::Tally(board.map(|b| {
                let mut counts: Vec<(String, u32)> = b
                    .spread
                    .iter()
                    .map(|bar| (bar.label.clone(), bar.count))
                    .collect();
                counts.push(("no position".to_string(), b.tally.no_position));
                counts
            }))
        }
    }
}

fn seat(standing: Standing) -> Seat {
    match standing {
        Standing::Waiting => Seat::Waiting,
        Standing::Speaking(_) => Seat::Speaking,
        Standing::Done(_) => Seat::Spoke,
        Standing::Passed { .. } => Seat::Passed,
        Standing::Absent => Seat::Away,
    }
}

/// A turn's clock: time left in its box, or time spoken when unboxed.
fn turn_clock(state: &State, plan: &Plan, turn: &super::turn::Turn, now: Timestamp) -> Countdown {
    let c = turn.clock(&state.run, plan, now);
    let digits = match c.remaining() {
        Some(left) => clock(left),
        None => unsigned_clock(c.elapsed.max(SignedDuration::ZERO).as_secs() as u64),
    };
    Countdown {
        digits,
        stage: c.stage(),
        label: c.label(),
    }
}

#[cfg(test)]
mod tests;
