//! The welcome guide: an arrivals list the greeter ticks off as people walk
//! in (arrived, greeted by whom, introduced to whom), the opening, the
//! agreements, and the move to food.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Big, Entry, GuideView, Picking, move_cursor, name, row, scroll, toggle_big};
use crate::core::event::Event;
use crate::core::guide::GuideEvent;
use crate::core::guide::welcome::{
    agreements, arrived, closing_cue, default_greeter, default_opening, expected, next_greeter,
};
use crate::core::person::{PeopleEvent, PersonId};
use crate::core::run::SegmentId;
use crate::tui::action::Action;
use crate::tui::screens::contract::{Ctx, View};
use crate::tui::widgets::fit::{fit, fit_line, name_column, pad};
use crate::tui::widgets::script::{render_cues, render_script};

/// Who greets now: the one chosen, else the default.
pub fn greeter(v: &View<GuideView>) -> Option<PersonId> {
    v.view
        .greeter
        .filter(|p| v.state().people.get(*p).is_some())
        .or_else(|| default_greeter(&v.state().people))
}

/// Whom someone can be introduced to: everyone else already here.
pub fn introduce_to(v: &View<GuideView>, person: PersonId) -> Vec<PersonId> {
    v.state()
        .people
        .all()
        .iter()
        .filter(|p| p.arrived && p.id != person)
        .map(|p| p.id)
        .collect()
}

pub fn introduce(ctx: &mut Ctx<GuideView>, person: PersonId, to: PersonId) {
    ctx.log(Event::Guide(GuideEvent::Introduced { person, to }));
    ctx.say(format!(
        "{} met {}",
        ctx.state().people.name(person),
        ctx.state().people.name(to)
    ));
}

fn under_cursor(v: &View<GuideView>) -> Option<(PersonId, bool)> {
    let all = v.state().people.all();
    all.get(row(v, all.len())).map(|p| (p.id, p.arrived))
}

pub fn update(ctx: &mut Ctx<GuideView>, _segment: SegmentId, action: Action) -> bool {
    if move_cursor(ctx, action, ctx.state().people.all().len()) {
        return true;
    }
    let person = under_cursor(&ctx.look());
    match (action, person) {
        (Action::MarkArrived, Some((id, was))) => {
            ctx.log(Event::People(PeopleEvent::Arrived { id, arrived: !was }))
        }
        (Action::Greet, Some((id, was))) => {
            // Greeted at the door means here.
            if !was {
                ctx.log(Event::People(PeopleEvent::Arrived { id, arrived: true }));
            }
            let by = greeter(&ctx.look()).filter(|g| *g != id);
            ctx.log(Event::Guide(GuideEvent::Greeted { person: id, by }));
        }
        (Action::NextGreeter, _) => {
            ctx.view.greeter = next_greeter(&ctx.state().people, greeter(&ctx.look()));
            ctx.say(match ctx.view.greeter {
                Some(g) => format!("greeting now: {}", ctx.state().people.name(g)),
                None => "mark someone arrived to choose a greeter".into(),
            });
        }
        (Action::Introduce, Some((id, _))) => {
            if introduce_to(&ctx.look(), id).is_empty() {
                ctx.say("nobody else has arrived yet");
            } else {
                ctx.view.entry = Some(Entry::Pick {
                    purpose: Picking::Introduce(id),
                    cursor: 0,
                });
            }
        }
        (Action::ShowAgreements, _) => toggle_big(ctx, Big::Agreements),
        (Action::MarkArrived | Action::Greet | Action::Introduce, None) => {
            ctx.say("nobody on the roster yet")
        }
        _ => return false,
    }
    true
}

pub fn render(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let [left, _, right] = Layout::horizontal([
        Constraint::Percentage(52),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    render_arrivals(v, left, buf);
    render_side(v, segment, right, buf);
}

fn render_arrivals(v: &View<GuideView>, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let people = &v.state().people;
    let guides = &v.state().guides;
    let mut lines = vec![Line::from(vec![
        Span::styled("Arrivals ", t.title),
        Span::styled(
            format!(
                "{} of {} expected",
                arrived(people),
                expected(people, &v.session().plan)
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
    let cursor = row(v, all.len());
    let name_w = name_column(all.iter().map(|p| p.name.as_str()), area.width);
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
            Span::raw(format!("{} ", pad(&p.name, name_w))),
            Span::styled(details.join(" · "), t.dim),
        ]);
        let line = fit_line(&line, usize::from(area.width));
        lines.push(if i == cursor {
            line.style(t.selected)
        } else {
            line
        });
    }
    Paragraph::new(lines).render(area, buf);
}

fn render_side(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let run = &v.state().run;
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
        Span::styled(name(v, greeter(v)), t.title),
    ])
    .render(who, buf);

    let cue = run.progress(segment).map_or(0, |p| p.cue);
    match run.segment(segment).filter(|s| !s.script.is_empty()) {
        Some(s) => render_script(&s.script, cue, t, script, buf),
        None => render_cues(&default_opening(), t, script, buf),
    }

    if shown > 0 {
        let mut lines = vec![Line::styled("Agreements", t.title)];
        // One line each, cut with `…`: the large view (v) shows them whole.
        let width = usize::from(deal.width);
        lines.extend(
            agreed
                .iter()
                .take(4)
                .map(|a| Line::raw(fit(&format!("· {a}"), width))),
        );
        Paragraph::new(lines).render(deal, buf);
    }
    Paragraph::new(Line::styled(
        closing_cue(run, segment).unwrap_or_default(),
        t.accent,
    ))
    .wrap(Wrap { trim: true })
    .render(food, buf);
}
