//! The Live screen: what is on, how long is left, what to say next, and
//! whether the evening still fits. Built to be read in one glance.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget, Wrap};

use crate::core::duration::{clock, friendly, signed_minutes};
use crate::core::guide::Guide;
use crate::core::plan::Cue;
use crate::core::rehearsal;
use crate::core::run::Status;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::big_clock;

pub fn render(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    if super::guide::render_big(app, now, area, buf) {
        return;
    }
    let t = &app.theme;
    let run = &app.state.run;
    let Some((id, remaining, stage)) = app.countdown(now) else {
        return render_idle(app, now, area, buf);
    };
    let (Some(seg), Some(progress)) = (run.segment(id), run.progress(id)) else {
        return;
    };
    let warnings = app.session.plan.warnings_for(seg);
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
    Line::from(vec![
        Span::styled(seg.kind.label().to_uppercase(), t.accent),
        Span::styled(" · ", t.dim),
        Span::styled(seg.title.clone(), t.title),
        Span::raw("   "),
        Span::styled(state, if paused { t.soon } else { t.ok }),
    ])
    .render(title, buf);
    if let Some(p) = &seg.prompt {
        Line::styled(format!("“{p}”"), t.accent).render(prompt, buf);
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
    words.extend(super::round::offer(app));
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
        Some(g) => super::guide::render(app, g, id, now, script, buf),
        None => render_script(app, &seg.script, progress.cue, script, buf),
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
    schedule_line(app, now).render(schedule, buf);
}

/// "planned 21:30 · projected 21:34 · +4 min", coloured by how late.
pub fn schedule_line(app: &App, now: Timestamp) -> Line<'static> {
    let t = &app.theme;
    let s = rehearsal::schedule(&app.session, &app.state, app.planned_start(), now);
    let fmt = |ts: Timestamp| ts.to_zoned(app.tz.clone()).strftime("%H:%M").to_string();
    let mins = s.drift.as_secs() / 60;
    let style = if mins >= 5 {
        t.last
    } else if mins >= 1 {
        t.soon
    } else {
        t.ok
    };
    Line::from(vec![
        Span::styled("planned ", t.dim),
        Span::raw(fmt(s.planned_end)),
        Span::styled(" · projected ", t.dim),
        Span::raw(fmt(s.projected_end)),
        Span::styled(" · ", t.dim),
        Span::styled(signed_minutes(s.drift), style),
    ])
}

pub(crate) fn render_script(app: &App, script: &[Cue], cue: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(current) = script.get(cue) else {
        return;
    };
    let mut lines = vec![Line::styled(
        format!("Script {}/{}", cue + 1, script.len()),
        t.dim,
    )];
    lines.extend(cue_lines(current, t));
    if let Some(after) = script.get(cue + 1) {
        let text = after
            .say
            .as_ref()
            .or(after.act.as_ref())
            .or(after.watch.as_ref());
        if let Some(text) = text {
            lines.push(Line::styled(format!("then: {text}"), t.dim));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// A script line as "SAY ...", "DO ...", "WATCH ..." lines.
pub(crate) fn cue_lines(cue: &Cue, t: &Theme) -> Vec<Line<'static>> {
    [
        ("SAY   ", &cue.say),
        ("DO    ", &cue.act),
        ("WATCH ", &cue.watch),
    ]
    .into_iter()
    .filter_map(|(label, text)| {
        let text = text.as_ref()?;
        Some(Line::from(vec![
            Span::styled(label, t.key),
            Span::raw(text.clone()),
        ]))
    })
    .collect()
}

fn render_idle(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let run = &app.state.run;
    let key = |a: Action| {
        app.keymap
            .keys_for(app.screen.context(), a)
            .first()
            .map_or("?".to_string(), |k| k.label())
    };
    let mut lines = Vec::new();
    match run
        .next_upcoming()
        .filter(|_| !app.state.closed)
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
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw("Press "),
                Span::styled(key(Action::ToggleTimer), t.key),
                Span::raw(" to start it, "),
                Span::styled(key(Action::ShowPlan), t.key),
                Span::raw(" for the whole plan."),
            ]));
        }
        None if app.session.rehearsal => {
            let checks = rehearsal::plan_checks(&app.session);
            let report = rehearsal::report(&app.session, &app.state, &checks, now);
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
        None if app.state.closed => {
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
    lines.push(schedule_line(app, now));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
