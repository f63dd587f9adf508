//! The run's own keys, bound everywhere: start the next segment or pause
//! and resume it (space), the next script line or segment (n), the line
//! before (b), a minute more or less (+, -). Any screen that does not use
//! these keys itself lets them through to here.

use jiff::SignedDuration;

use crate::core::event::Event;
use crate::core::run::{RunEvent, Status};
use crate::tui::action::Action;
use crate::tui::screens::contract::{Ctx, Outcome};

pub fn update<V>(ctx: &mut Ctx<V>, action: Action) -> Outcome {
    match action {
        Action::ToggleTimer => toggle_timer(ctx),
        Action::Next => next(ctx),
        Action::Previous => previous(ctx),
        Action::AddMinute | Action::RemoveMinute => {
            let by = SignedDuration::from_mins(if action == Action::AddMinute { 1 } else { -1 });
            match ctx.state().run.current {
                Some(segment) => ctx.log(Event::Run(RunEvent::AddTime { segment, by })),
                None => ctx.say("no segment is on yet"),
            }
        }
        _ => return Outcome::Ignored,
    }
    Outcome::Done
}

/// Space: start the next segment, or pause or resume the one on.
fn toggle_timer<V>(ctx: &mut Ctx<V>) {
    if ctx.refuse_when_closed() {
        return;
    }
    let run = &ctx.state().run;
    let event = match run
        .current
        .and_then(|id| run.progress(id))
        .map(|p| p.status)
    {
        Some(Status::Running) => RunEvent::Pause,
        Some(Status::Paused) => RunEvent::Resume,
        _ => match run.next_upcoming() {
            Some(id) => RunEvent::Start(id),
            None => {
                ctx.say("every segment has run");
                return;
            }
        },
    };
    ctx.log(Event::Run(event));
}

/// n: the next script line, else the next segment (or the end).
fn next<V>(ctx: &mut Ctx<V>) {
    if ctx.refuse_when_closed() {
        return;
    }
    let run = &ctx.state().run;
    if let Some(id) = run.current {
        let lines = run.segment(id).map_or(0, |s| s.script.len());
        let cue = run.progress(id).map_or(0, |p| p.cue);
        if cue + 1 < lines {
            ctx.log(Event::Run(RunEvent::Cue(cue + 1)));
            return;
        }
    }
    let event = match (run.next_upcoming(), run.current) {
        (Some(id), _) => RunEvent::Start(id),
        (None, Some(_)) => RunEvent::End,
        (None, None) => {
            ctx.say("every segment has run");
            return;
        }
    };
    ctx.log(Event::Run(event));
}

/// b: the script line before.
fn previous<V>(ctx: &mut Ctx<V>) {
    let run = &ctx.state().run;
    if let Some(p) = run.current.and_then(|id| run.progress(id))
        && p.cue > 0
    {
        let cue = p.cue - 1;
        ctx.log(Event::Run(RunEvent::Cue(cue)));
    }
}
