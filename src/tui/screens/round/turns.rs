//! The Round screen's keys: start a round, and move the turn on with one
//! key each for next, pass, not here, end turn and end round.

use super::RoundView;
use super::direction;
use crate::core::event::{Event, Scope};
use crate::core::person::PersonId;
use crate::core::round::{Direction, RoundEvent, Standing, present, random_start};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::contract::{Ctx, Outcome};
use crate::tui::widgets::ask::step;

pub fn update(ctx: &mut Ctx<RoundView>, action: Action) -> Outcome {
    let state = ctx.timeline.state();
    let round = state.rounds.current();
    let len = round.map_or(present(&state.people).len(), |r| r.order().len());
    match action {
        Action::Up | Action::Down => {
            step(&mut ctx.view.cursor, action == Action::Up, len);
            return Outcome::Done;
        }
        Action::ToggleDirection => {
            ctx.view.direction = match ctx.view.direction {
                Direction::Clockwise => Direction::CounterClockwise,
                Direction::CounterClockwise => Direction::Clockwise,
            };
            if round.is_some() {
                let said = format!("the next round goes {}", direction(ctx.view.direction));
                ctx.say(said);
            }
            return Outcome::Done;
        }
        Action::StartRound | Action::RandomStart => {
            start(ctx, action == Action::RandomStart);
            return Outcome::Done;
        }
        Action::Undo => {
            ctx.undo_with(|t, now| t.undo_last_key(Scope::Round, now));
        }
        Action::NextSpeaker
        | Action::Pass
        | Action::Absent
        | Action::EndTurn
        | Action::EndRound => {
            let Some(round) = round else {
                ctx.say("no round running: pick who starts, then enter");
                return Outcome::Done;
            };
            let cursor = round.order().get(ctx.view.cursor).copied();
            let holder = round.speaker().or(round.up_next());
            turn_event(ctx, action, cursor);
            // Marking someone else not here leaves the cursor with them.
            if action == Action::Absent && cursor != holder {
                return Outcome::Done;
            }
        }
        _ => return Outcome::Ignored,
    }
    follow(ctx);
    Outcome::Done
}

/// Starts a round with the person under the cursor, or one at random
/// (seeded from the clock; the pick is logged, so it replays exactly).
fn start(ctx: &mut Ctx<RoundView>, random: bool) {
    if ctx
        .state()
        .rounds
        .current()
        .is_some_and(|r| !r.is_complete())
    {
        let end = ctx.settings.key(Context::Round, Action::EndRound);
        ctx.say(format!("a round is running: {end} ends it first"));
        return;
    }
    // Over a finished round the cursor is on its order, else on the
    // people present.
    let cursor = ctx.view.cursor;
    let first = if random {
        random_start(&ctx.state().people, ctx.now.as_nanosecond() as u64)
    } else if let Some(r) = ctx.state().rounds.current() {
        r.order().get(cursor).copied()
    } else {
        let here = present(&ctx.state().people);
        here.get(cursor.min(here.len().saturating_sub(1)))
            .map(|p| p.id)
    };
    let Some(first) = first else {
        ctx.say("nobody on the roster yet: add people on the People screen");
        return;
    };
    let direction = ctx.view.direction;
    ctx.log(Event::Round(RoundEvent::Start { first, direction }));
    ctx.view.cursor = 0;
    if random {
        ctx.say(format!("{} starts", ctx.state().people.name(first)));
    }
}

/// Next, pass, not here, end turn, end round: each one key.
fn turn_event(ctx: &mut Ctx<RoundView>, action: Action, cursor: Option<PersonId>) {
    let Some(round) = ctx.state().rounds.current() else {
        return;
    };
    let holder = round.speaker().or(round.up_next());
    let events = match action {
        Action::NextSpeaker if round.is_complete() => {
            let end = ctx.settings.key(Context::Round, Action::EndRound);
            ctx.say(format!("everyone has had their turn: {end} ends the round"));
            return;
        }
        Action::NextSpeaker => vec![RoundEvent::Next],
        // The turn moves straight on; the round comes back at the end.
        Action::Pass if holder.is_none() => return,
        Action::Pass => vec![RoundEvent::Pass, RoundEvent::Next],
        Action::Absent => {
            let Some(person) = cursor else { return };
            match round.standing(person, ctx.now) {
                Some(Standing::Absent) => vec![RoundEvent::Absent {
                    person,
                    absent: false,
                }],
                Some(Standing::Done(_)) => {
                    ctx.say(format!(
                        "{} has had their turn",
                        ctx.state().people.name(person)
                    ));
                    return;
                }
                Some(Standing::Speaking(_)) => vec![
                    RoundEvent::Absent {
                        person,
                        absent: true,
                    },
                    RoundEvent::Next,
                ],
                _ => vec![RoundEvent::Absent {
                    person,
                    absent: true,
                }],
            }
        }
        Action::EndTurn if round.speaker().is_none() => return,
        Action::EndTurn => vec![RoundEvent::EndTurn],
        _ => vec![RoundEvent::End],
    };
    for ev in events {
        // A pass by the last one waiting leaves nobody to go next.
        let idle = ev == RoundEvent::Next
            && ctx
                .state()
                .rounds
                .current()
                .is_some_and(|r| r.up_next().is_none() && r.speaker().is_none());
        if !idle {
            ctx.log(Event::Round(ev));
        }
    }
}

/// The cursor follows the turn: onto the speaker, else whoever is next;
/// and stays on the list when it got shorter (an undone round).
fn follow(ctx: &mut Ctx<RoundView>) {
    let state = ctx.timeline.state();
    let view = &mut *ctx.view;
    match state.rounds.current() {
        Some(r) => {
            let who = r.speaker().or(r.up_next());
            if let Some(i) = r.order().iter().position(|p| Some(*p) == who) {
                view.cursor = i;
            }
            view.cursor = view.cursor.min(r.order().len().saturating_sub(1));
        }
        None => {
            let len = present(&state.people).len();
            view.cursor = view.cursor.min(len.saturating_sub(1));
        }
    }
}
