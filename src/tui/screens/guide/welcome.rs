//! The welcome guide: an arrivals list the greeter ticks off as people walk
//! in (arrived, greeted by whom, introduced to whom), the opening, the
//! agreements, and the move to food.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Big, Entry, Picking, move_cursor, name, render_cues, scroll, toggle_big};
use crate::core::event::Event;
use crate::core::guide::GuideEvent;
use crate::core::guide::welcome::{
    agreements, arrived, closing_cue, default_greeter, default_opening, expected, next_greeter,
};
use crate::core::person::{PeopleEvent, PersonId};
use crate::core::run::SegmentId;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::screens::live::render_script;

/// Who greets now: the one chosen, else the default.
pub fn greeter(app: &App) -> Option<PersonId> {
    app.guide
        .greeter
        .filter(|p| app.state.people.get(*p).is_some())
        .or_else(|| default_greeter(&app.state.people))
}

/// Whom someone can be introduced to: everyone else already here.
pub fn introduce_to(app: &App, person: PersonId) -> Vec<PersonId> {
    app.state
        .people
        .all()
        .iter()
        .filter(|p| p.arrived && p.id != person)
        .map(|p| p.id)
        .collect()
}

pub fn introduce(app: &mut App, person: PersonId, to: PersonId, now: Timestamp) {
    app.log(now, Event::Guide(GuideEvent::Introduced { person, to }));
    app.flash = Some(format!(
        "{} met {}",
        app.state.people.name(person),
        app.state.people.name(to)
    ));
}

fn under_cursor(app: &App) -> Option<(PersonId, bool)> {
    let all = app.state.people.all();
    all.get(app.guide.cursor.min(all.len().saturating_sub(1)))
        .map(|p| (p.id, p.arrived))
}

pub fn update(app: &mut App, _segment: SegmentId, action: Action, now: Timestamp) -> bool {
    if move_cursor(app, action, app.state.people.all().len()) {
        return true;
    }
    let person = under_cursor(app);
    match (action, person) {
        (Action::MarkArrived, Some((id, was))) => app.log(
            now,
            Event::People(PeopleEvent::Arrived { id, arrived: !was }),
        ),
        (Action::Greet, Some((id, was))) => {
            // Greeted at the door means here.
            if !was {
                app.log(
                    now,
                    Event::People(PeopleEvent::Arrived { id, arrived: true }),
                );
            }
            let by = greeter(app).filter(|g| *g != id);
            app.log(now, Event::Guide(GuideEvent::Greeted { person: id, by }));
        }
        (Action::NextGreeter, _) => {
            app.guide.greeter = next_greeter(&app.state.people, greeter(app));
            app.flash = Some(match app.guide.greeter {
                Some(g) => format!("greeting now: {}", app.state.people.name(g)),
                None => "mark someone arrived to choose a greeter".into(),
            });
        }
        (Action::Introduce, Some((id, _))) => {
            if introduce_to(app, id).is_empty() {
                app.flash = Some("nobody else has arrived yet".into());
            } else {
                app.guide.entry = Some(Entry::Pick {
                    purpose: Picking::Introduce(id),
                    cursor: 0,
                });
            }
        }
        (Action::ShowAgreements, _) => toggle_big(app, Big::Agreements),
        (Action::MarkArrived | Action::Greet | Action::Introduce, None) => {
            app.flash = Some("nobody on the roster yet".into())
        }
        _ => return false,
    }
    true
}

pub fn render(app: &App, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let [left, _, right] = Layout::horizontal([
        Constraint::Percentage(52),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    render_arrivals(app, left, buf);
    render_side(app, segment, right, buf);
}

fn render_arrivals(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let people = &app.state.people;
    let guides = &app.state.guides;
    let mut lines = vec![Line::from(vec![
        Span::styled("Arrivals ", t.title),
        Span::styled(
            format!(
                "{} of {} expected",
                arrived(people),
                expected(people, &app.session.plan)
            ),
            t.title,
        ),
        Span::styled(format!(" · greeted {}", guides.greeted_count()), t.dim),
    ])];
    let all = people.all();
    if all.is_empty() {
        lines.push(Line::styled(
            "Nobody on the roster yet (People screen).",
            t.dim,
        ));
    }
    let rows = area.height.saturating_sub(1) as usize;
    let cursor = app.guide.cursor.min(all.len().saturating_sub(1));
    for (i, p) in all.iter().enumerate().skip(scroll(cursor, rows)).take(rows) {
        let mut details = Vec::new();
        if let Some(g) = guides.greeting(p.id) {
            details.push(match g.by {
                Some(by) => format!("greeted by {}", people.name(by)),
                None => "greeted".to_string(),
            });
        }
        let met = guides.introduced(p.id);
        if !met.is_empty() {
            let names: Vec<&str> = met.iter().map(|m| people.name(*m)).collect();
            details.push(format!("met {}", names.join(", ")));
        }
        let line = Line::from(vec![
            Span::raw(if i == cursor { "▶ " } else { "  " }),
            Span::styled(
                if p.arrived { "✓ " } else { "· " },
                if p.arrived { t.ok } else { t.dim },
            ),
            Span::raw(format!("{:<10} ", p.name)),
            Span::styled(details.join(" · "), t.dim),
        ]);
        lines.push(if i == cursor {
            line.style(t.selected)
        } else {
            line
        });
    }
    Paragraph::new(lines).render(area, buf);
}

fn render_side(app: &App, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let run = &app.state.run;
    let agreed = agreements(run, segment);
    let shown = agreed.len().min(4) as u16;
    let [who, script, deal, food] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(if shown > 0 { shown + 1 } else { 0 }),
        Constraint::Length(3),
    ])
    .areas(area);
    Line::from(vec![
        Span::styled("Greeter: ", t.dim),
        Span::styled(name(app, greeter(app)), t.title),
    ])
    .render(who, buf);

    let cue = run.progress(segment).map_or(0, |p| p.cue);
    match run.segment(segment).filter(|s| !s.script.is_empty()) {
        Some(s) => render_script(app, &s.script, cue, script, buf),
        None => render_cues(&default_opening(), t, script, buf),
    }

    if shown > 0 {
        let mut lines = vec![Line::styled("Agreements", t.title)];
        lines.extend(agreed.iter().take(4).map(|a| Line::raw(format!("· {a}"))));
        Paragraph::new(lines).render(deal, buf);
    }
    Paragraph::new(Line::styled(
        closing_cue(run, segment).unwrap_or_default(),
        t.accent,
    ))
    .wrap(Wrap { trim: true })
    .render(food, buf);
}
