//! The Live screen: what is on, how long is left, what to say next, and
//! whether the evening still fits. Built to be read in one glance.
//!
//! Its keys: the guide of the segment on first (`guide`: a welcome circle,
//! icebreakers, a check-in, an anti-retreat), then the run's own (`run`:
//! start, pause, next, a minute more, which work from every screen), then
//! `u`, which takes back the latest change to the run (or, with a guide,
//! the latest change made there).

pub mod guide;
pub mod run;

use crossterm::event::KeyEvent;
use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget, Wrap};

use self::guide::GuideView;
use super::contract::{Ctx, Outcome, View};
use crate::core::duration::{clock, friendly, signed_minutes};
use crate::core::event::Scope;
use crate::core::guide::Guide;
use crate::core::rehearsal;
use crate::core::roles;
use crate::core::run::{Schedule, Status};
use crate::core::schedule;
use crate::tui::action::{Action, Bar};
use crate::tui::keymap::Context;
use crate::tui::widgets::big_clock;
use crate::tui::widgets::fit::fit_line;
use crate::tui::widgets::script::render_script;

/// The Live screen's own view state: its guides'.
#[derive(Debug, Clone, Default)]
pub struct LiveView {
    pub guide: GuideView,
}

pub fn update(ctx: &mut Ctx<LiveView>, action: Action) -> Outcome {
    if guide::update(&mut ctx.with(|v| &mut v.guide), action).done() {
        return Outcome::Done;
    }
    if run::update(ctx, action).done() {
        return Outcome::Done;
    }
    match action {
        Action::Undo => {
            ctx.undo(Scope::Run);
            Outcome::Done
        }
        _ => Outcome::Ignored,
    }
}

/// A key for a guide's prompt (a word, a prompt, whom to introduce).
pub fn on_key(ctx: &mut Ctx<LiveView>, key: KeyEvent) -> Outcome {
    guide::on_key(&mut ctx.with(|v| &mut v.guide), key)
}

pub fn on_paste(ctx: &mut Ctx<LiveView>, text: &str) -> Outcome {
    guide::on_paste(&mut ctx.with(|v| &mut v.guide), text)
}

/// The keymap sections in force, innermost first: the guide's, then
/// Live's (everywhere's comes last, for every screen).
pub fn contexts(v: &View<LiveView>) -> Vec<Context> {
    match guide::showing(v.state()) {
        Some((g, _)) => vec![guide::context(g), Context::Live],
        None => vec![Context::Live],
    }
}

/// The hint bar: a guide's keys first; in a rehearsal the simulated
/// clock's keys lead.
pub fn hints(v: &View<LiveView>) -> Vec<Action> {
    let guide = guide::showing(v.state()).map(|(g, _)| guide::bar(g));
    match (guide, v.session().rehearsal) {
        (None, true) => Bar::RehearsalLive.actions().to_vec(),
        (Some(bar), true) => [Bar::RehearsalGuide.actions(), bar.actions()].concat(),
        (Some(bar), false) => bar.actions().to_vec(),
        (None, false) => Bar::Live.actions().to_vec(),
    }
}

/// "  3: start the round" while a round segment's round has not begun.
fn round_offer(v: &View<LiveView>) -> Option<Span<'static>> {
    let run = &v.state().run;
    let id = run.current?;
    let seg = run.segment(id)?;
    let started = v.state().rounds.latest_in(id).is_some();
    if !seg.kind.is_round() || started {
        return None;
    }
    let key = v
        .settings
        .keymap
        .keys_for(Context::Live, Action::ShowRound)
        .first()?
        .label();
    Some(Span::styled(
        format!("  {key}: start the round"),
        v.theme().key,
    ))
}

pub fn render(v: &View<LiveView>, area: Rect, buf: &mut Buffer) {
    if guide::render_big(&v.with(&v.view.guide), area, buf) {
        return;
    }
    let (t, now) = (v.theme(), v.now);
    let run = &v.state().run;
    let Some((id, remaining, stage)) = v.state().countdown(&v.session().plan, now) else {
        return render_idle(v, area, buf);
    };
    let (Some(seg), Some(progress)) = (run.segment(id), run.progress(id)) else {
        return;
    };
    let warnings = v.session().plan.warnings_for(seg);
    let paused = progress.status == Status::Paused;
    // A guide takes the space under the countdown; the digits shrink to
    // what is left over, and the next line goes on small screens.
    let guide = Guide::for_segment(seg);
    let (clock_h, next_h) = match guide {
        Some(_) => match big_clock::height_for(6, area.width, area.height.saturating_sub(26)) {
            1 => (0, u16::from(area.height >= 30)),
            h => (h, 1),
        },
        None => (
            big_clock::height_for(6, area.width, area.height.saturating_sub(9).max(1)),
            1,
        ),
    };
    let [title, prompt, digits, label, gauge, script, next, schedule] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(seg.prompt.is_some() && guide.is_none())),
        Constraint::Length(clock_h),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(next_h),
        Constraint::Length(1),
    ])
    .areas(area);

    let state = if paused {
        "❚❚ PAUSED"
    } else {
        "● RUNNING"
    };
    (vec![
        Span::styled(seg.kind.label().to_uppercase(), t.accent),
        Span::styled(" · ", t.dim),
        Span::styled(seg.title.clone(), t.title),
        Span::raw("   "),
        Span::styled(state, if paused { t.soon } else { t.ok }),
    ]
    .into_iter()
    .chain(roles_span(v))
    .collect::<Line>())
    .render(title, buf);
    if let Some(p) = &seg.prompt {
        fit_line(
            &Line::styled(format!("“{p}”"), t.accent),
            prompt.width.into(),
        )
        .render(prompt, buf);
    }
    big_clock::render(&clock(remaining), t.stage(stage), digits, buf);

    let time_box = run.time_box(id);
    let mut words = vec![Span::styled(
        format!("{} of {} ", clock(remaining), friendly(time_box)),
        t.base,
    )];
    let stage_label = stage.label(remaining, &warnings);
    if !stage_label.is_empty() {
        words.push(Span::styled(format!(" {stage_label} "), t.stage(stage)));
    }
    if paused {
        words.push(Span::styled("  paused", t.soon));
    }
    words.extend(round_offer(v));
    Line::from(words).render(label, buf);
    let elapsed = run.elapsed(id, now).as_secs_f64();
    let ratio = if time_box.as_secs() > 0 {
        (elapsed / time_box.as_secs_f64()).clamp(0.0, 1.0)
    } else {
        1.0
    };
    LineGauge::default()
        .ratio(ratio)
        .filled_style(t.stage(stage))
        .unfilled_style(t.dim)
        .label("")
        .render(gauge, buf);

    match guide {
        Some(g) => guide::render(&v.with(&v.view.guide), g, id, script, buf),
        None => render_script(&seg.script, progress.cue, t, script, buf),
    }

    let next_line = match run
        .next_upcoming()
        .and_then(|n| run.segment(n).map(|s| (n, s)))
    {
        Some((n, s)) => Line::from(vec![
            Span::styled("Next: ", t.dim),
            Span::raw(s.title.clone()),
            Span::styled(
                format!(" · {} · {}", s.kind.label(), friendly(run.time_box(n))),
                t.dim,
            ),
        ]),
        None => Line::styled("Next: nothing; this is the last segment", t.dim),
    };
    next_line.render(next, buf);
    schedule_line(v).render(schedule, buf);
}

/// "planned end 21:30 · projected 21:34 · +4 min", coloured by how late:
/// the same words as the Plan screen's, for the end of the evening. A
/// plan with days speaks of today ("Saturday · planned end 12:30 ..."): a late
/// Friday is not Saturday's drift, and an anchor holds.
pub fn schedule_line<V>(v: &View<V>) -> Line<'static> {
    let t = &v.settings.theme;
    let (day, s) = match schedule::today_of_session(v.session(), v.state(), v.tz(), v.now) {
        Some(d) => (
            Some(d.title.clone()).filter(|_| !v.session().plan.days.is_empty()),
            Schedule {
                start: d.planned_start,
                planned_end: d.planned_end,
                projected_end: d.projected_end,
                drift: d.drift,
            },
        ),
        None => {
            let planned = v.session().planned_start(v.state().run.started, v.tz());
            (
                None,
                rehearsal::schedule(v.session(), v.state(), planned, v.now),
            )
        }
    };
    let fmt = |ts: Timestamp| v.hhmm(ts);
    let style = crate::tui::theme::drift_style(t, s.drift, t.ok);
    let mut spans = Vec::new();
    if let Some(day) = day {
        spans.push(Span::styled(day, t.title));
        spans.push(Span::styled(" · ", t.dim));
    }
    spans.extend([
        Span::styled("planned end ", t.dim),
        Span::raw(fmt(s.planned_end)),
        Span::styled(" · projected ", t.dim),
        Span::raw(fmt(s.projected_end)),
        Span::styled(" · ", t.dim),
        Span::styled(signed_minutes(s.drift), style),
    ]);
    Line::from(spans)
}

/// "timekeeper: Kim · note-taker: —": the roles the segment on names, so
/// the room sees who keeps what.
fn roles_span(v: &View<LiveView>) -> Option<Span<'static>> {
    roles::live_line(v.state()).map(|l| Span::styled(format!("   {l}"), v.theme().accent))
}

/// What a new session of a gathering picked up, before anything starts.
fn picked_up(v: &View<LiveView>) -> Option<Line<'static>> {
    let carried = v.session().gathering.as_ref()?;
    (v.state().run.started.is_none()).then(|| Line::styled(carried.summary(), v.theme().dim))
}

fn render_idle(v: &View<LiveView>, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let run = &v.state().run;
    let key = |a: Action| {
        v.settings
            .keymap
            .keys_for(Context::Live, a)
            .first()
            .map_or("?".to_string(), |k| k.label())
    };
    let mut lines = Vec::new();
    match run
        .next_upcoming()
        .filter(|_| !v.state().closed)
        .and_then(|n| run.segment(n).map(|s| (n, s)))
    {
        Some((n, s)) => {
            let heading = if run.started.is_some() {
                "Between segments"
            } else {
                "Ready"
            };
            lines.push(Line::styled(heading, t.title));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("Up next: ", t.dim),
                Span::styled(s.title.clone(), t.title),
                Span::styled(
                    format!(" · {} · {}", s.kind.label(), friendly(run.time_box(n))),
                    t.dim,
                ),
            ]));
            if let Some(p) = &s.purpose {
                lines.push(Line::raw(p.clone()));
            }
            if let Some(said) = picked_up(v) {
                lines.push(Line::raw(""));
                lines.push(said);
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw("Press "),
                Span::styled(key(Action::ToggleTimer), t.key),
                Span::raw(" to start it, "),
                Span::styled(key(Action::ShowPlan), t.key),
                Span::raw(" for the whole plan."),
            ]));
        }
        None if v.session().rehearsal => {
            let checks = rehearsal::plan_checks(v.session());
            let report = rehearsal::report(v.session(), v.state(), &checks, v.now);
            lines.push(Line::styled(report.headline(), t.title));
            lines.push(Line::raw(""));
            for text in report.summary() {
                lines.push(Line::raw(text));
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw("Press "),
                Span::styled(key(Action::Quit), t.key),
                Span::raw(" to leave; the full report is printed then."),
            ]));
        }
        None if v.state().closed => {
            lines.push(Line::styled("This session has ended.", t.title));
            lines.push(Line::raw("Thank you for holding the circle."));
        }
        None if run.passed_over() > 0 => {
            lines.push(Line::styled("Nothing further in the plan.", t.title));
            lines.push(Line::raw(format!(
                "{} earlier segment(s) were jumped over; press {} for the Plan to start one.",
                run.passed_over(),
                key(Action::ShowPlan)
            )));
        }
        None => {
            lines.push(Line::styled("Every segment has run.", t.title));
            lines.push(Line::raw("Thank you for holding the circle."));
        }
    }
    lines.push(Line::raw(""));
    lines.push(schedule_line(v));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
