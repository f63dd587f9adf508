//! The Round screen's keys: start a round, and move the turn on with one
//! key each for next, pass, not here, end turn and end round.

use jiff::Timestamp;

use super::direction;
use crate::core::event::{Event, Scope};
use crate::core::person::PersonId;
use crate::core::round::{Direction, RoundEvent, Standing, present, random_start};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::circle;

pub fn update(app: &mut App, action: Action, now: Timestamp) -> bool {
    let round = app.timeline.state().rounds.current();
    let len = round.map_or(present(&app.timeline.state().people).len(), |r| {
        r.order().len()
    });
    match action {
        Action::Up | Action::Down => {
            circle::step(&mut app.circle.round, action == Action::Up, len);
            return true;
        }
        Action::ToggleDirection => {
            app.circle.direction = match app.circle.direction {
                Direction::Clockwise => Direction::CounterClockwise,
                Direction::CounterClockwise => Direction::Clockwise,
            };
            if round.is_some() {
                app.flash = Some(format!(
                    "the next round goes {}",
                    direction(app.circle.direction)
                ));
            }
            return true;
        }
        Action::StartRound | Action::RandomStart => {
            start(app, action == Action::RandomStart, now);
            return true;
        }
        Action::Undo => circle::undo(app, Scope::Round, now),
        Action::NextSpeaker
        | Action::Pass
        | Action::Absent
        | Action::EndTurn
        | Action::EndRound => {
            let Some(round) = round else {
                app.flash = Some("no round running: pick who starts, then enter".into());
                return true;
            };
            let cursor = round.order().get(app.circle.round).copied();
            let holder = round.speaker().or(round.up_next());
            turn_event(app, action, cursor, now);
            // Marking someone else not here leaves the cursor with them.
            if action == Action::Absent && cursor != holder {
                return true;
            }
        }
        _ => return false,
    }
    follow(app);
    true
}

/// Starts a round with the person under the cursor, or one at random
/// (seeded from the clock; the pick is logged, so it replays exactly).
fn start(app: &mut App, random: bool, now: Timestamp) {
    if app
        .timeline
        .state()
        .rounds
        .current()
        .is_some_and(|r| !r.is_complete())
    {
        app.flash = Some("a round is running: E ends it first".into());
        return;
    }
    // Over a finished round the cursor is on its order, else on the
    // people present.
    let cursor = app.circle.round;
    let first = if random {
        random_start(&app.timeline.state().people, now.as_nanosecond() as u64)
    } else if let Some(r) = app.timeline.state().rounds.current() {
        r.order().get(cursor).copied()
    } else {
        let here = present(&app.timeline.state().people);
        here.get(cursor.min(here.len().saturating_sub(1)))
            .map(|p| p.id)
    };
    let Some(first) = first else {
        app.flash = Some("nobody on the roster yet: add people on the People screen".into());
        return;
    };
    let direction = app.circle.direction;
    app.log(now, Event::Round(RoundEvent::Start { first, direction }));
    app.circle.round = 0;
    if random {
        app.flash = Some(format!(
            "{} starts",
            app.timeline.state().people.name(first)
        ));
    }
}

/// Next, pass, not here, end turn, end round: each one key.
fn turn_event(app: &mut App, action: Action, cursor: Option<PersonId>, now: Timestamp) {
    let Some(round) = app.timeline.state().rounds.current() else {
        return;
    };
    let holder = round.speaker().or(round.up_next());
    let events = match action {
        Action::NextSpeaker if round.is_complete() => {
            app.flash = Some("everyone has had their turn: E ends the round".into());
            return;
        }
        Action::NextSpeaker => vec![RoundEvent::Next],
        // The turn moves straight on; the round comes back at the end.
        Action::Pass if holder.is_none() => return,
        Action::Pass => vec![RoundEvent::Pass, RoundEvent::Next],
        Action::Absent => {
            let Some(person) = cursor else { return };
            match round.standing(person, now) {
                Some(Standing::Absent) => vec![RoundEvent::Absent {
                    person,
                    absent: false,
                }],
                Some(Standing::Done(_)) => {
                    app.flash = Some(format!(
                        "{} has had their turn",
                        app.timeline.state().people.name(person)
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
            && app
                .timeline
                .state()
                .rounds
                .current()
                .is_some_and(|r| r.up_next().is_none() && r.speaker().is_none());
        if !idle {
            app.log(now, Event::Round(ev));
        }
    }
}

/// The cursor follows the turn: onto the speaker, else whoever is next;
/// and stays on the list when it got shorter (an undone round).
fn follow(app: &mut App) {
    match app.timeline.state().rounds.current() {
        Some(r) => {
            let who = r.speaker().or(r.up_next());
            if let Some(i) = r.order().iter().position(|p| Some(*p) == who) {
                app.circle.round = i;
            }
            app.circle.round = app.circle.round.min(r.order().len().saturating_sub(1));
        }
        None => {
            let len = present(&app.timeline.state().people).len();
            app.circle.round = app.circle.round.min(len.saturating_sub(1));
        }
    }
}
