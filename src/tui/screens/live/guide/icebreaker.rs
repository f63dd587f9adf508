//! The icebreaker guide: the sequence's exercises in order, each with its
//! format, how much it asks, its script and its own clock; groups formed
//! from who came (crews kept), a name-game helper, and sitting out with a
//! single key, never counted.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{
    Big, Entry, GuideView, Typing, clock_spans, move_cursor, row, scroll, set_row, toggle_big,
};
use crate::core::event::Event;
use crate::core::guide::GuideEvent;
use crate::core::guide::icebreaker::{
    crews_now, exercises, form_groups, intimacy_label, is_crew_step, joining, nesting_label_here,
    seed, step_clock,
};
use crate::core::person::PersonId;
use crate::core::round::present;
use crate::core::run::SegmentId;
use crate::tui::action::Action;
use crate::tui::screens::contract::{Ctx, View};
use crate::tui::widgets::fit::{fit_line, name_column, pad};
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::script::render_cues;

/// The people the guide lists: those here, in seat order.
fn here(v: &View<GuideView>) -> Vec<PersonId> {
    present(&v.state().people).iter().map(|p| p.id).collect()
}

fn under_cursor(v: &View<GuideView>) -> Option<PersonId> {
    let here = here(v);
    here.get(row(v, here.len())).copied()
}

pub fn set_word(ctx: &mut Ctx<GuideView>, person: PersonId, text: &str) {
    let Some(segment) = ctx.state().run.current else {
        return;
    };
    ctx.log(Event::Guide(GuideEvent::RepeatBack {
        segment,
        person,
        text: text.to_string(),
    }));
    // On to the next person around the circle, ready for their word.
    let n = here(&ctx.look()).len();
    if n > 0 {
        let next = (row(&ctx.look(), n) + 1).min(n - 1);
        set_row(ctx, next);
    }
}

pub fn update(ctx: &mut Ctx<GuideView>, segment: SegmentId, action: Action) -> bool {
    if move_cursor(ctx, action, here(&ctx.look()).len()) {
        return true;
    }
    let Some(seg) = ctx.state().run.segment(segment).cloned() else {
        return false;
    };
    let steps = exercises(&seg).len();
    let step = ctx.state().guides.step(segment).value;
    match action {
        Action::NextStep if step + 1 < steps => {
            let step = step + 1;
            ctx.log(Event::Guide(GuideEvent::Step { segment, step }));
        }
        Action::NextStep => {
            let next = super::key(ctx.settings, ctx.state(), Action::Next);
            ctx.say(format!(
                "this is the last exercise; {next} moves to the next segment"
            ));
        }
        Action::PrevStep if step > 0 => {
            let step = step - 1;
            ctx.log(Event::Guide(GuideEvent::Step { segment, step }));
        }
        Action::PrevStep => ctx.say("this is the first exercise"),
        Action::FormGroups => {
            let formed = form_groups(
                &ctx.state().people,
                &ctx.state().guides,
                segment,
                &seg,
                step,
                seed(ctx.now),
            );
            match formed {
                Some((groups, crews)) => {
                    ctx.log(Event::Guide(GuideEvent::GroupsFormed {
                        segment,
                        step,
                        groups,
                        crews,
                    }));
                    ctx.view.big = Some(Big::Groups);
                }
                None => ctx.say("this exercise is for everyone together: no groups"),
            }
        }
        Action::ShowGroups => match ctx.state().guides.groups(segment, step) {
            Some(_) => toggle_big(ctx, Big::Groups),
            None => {
                let form = super::key(ctx.settings, ctx.state(), Action::FormGroups);
                ctx.say(format!(
                    "no groups yet for this exercise; {form} forms them"
                ));
            }
        },
        Action::RepeatBack => match under_cursor(&ctx.look()) {
            Some(person) => {
                let text = ctx
                    .state()
                    .guides
                    .word(segment, person)
                    .unwrap_or_default()
                    .to_string();
                ctx.view.entry = Some(Entry::Text {
                    purpose: Typing::Word(person),
                    input: LineInput::new(text),
                });
            }
            None => ctx.say("nobody on the roster yet"),
        },
        Action::ShowRepeatBack => toggle_big(ctx, Big::RepeatBack),
        Action::OptOut => {
            if let Some(person) = under_cursor(&ctx.look()) {
                let event = if ctx.state().guides.opted_out(segment, step, person) {
                    GuideEvent::OptIn {
                        segment,
                        step,
                        person,
                    }
                } else {
                    GuideEvent::OptOut {
                        segment,
                        step,
                        person,
                    }
                };
                ctx.log(Event::Guide(event));
            }
        }
        _ => return false,
    }
    true
}

pub fn render(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let run = &v.state().run;
    let Some(seg) = run.segment(segment) else {
        return;
    };
    let Some((step, exercise, clock)) =
        step_clock(run, &v.session().plan, &v.state().guides, segment, v.now)
    else {
        return;
    };
    let all = exercises(seg);
    let crews = is_crew_step(seg, &exercise);
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    let mut facts = vec![Span::styled(
        if crews {
            "crews".to_string()
        } else {
            exercise.format.label()
        },
        t.accent,
    )];
    let level = intimacy_label(exercise.intimacy);
    if !level.is_empty() {
        facts.push(Span::styled(" · ", t.dim));
        facts.push(Span::raw(level));
    }
    facts.push(Span::styled(" · ", t.dim));
    facts.extend(clock_spans(&clock, t));
    facts.extend(
        nesting_label_here(seg, step, &v.state().guides)
            .map(|n| Span::styled(format!(" · {n}"), t.dim)),
    );
    let next = match all.get(step + 1) {
        _ if all.len() == 1 && crews => Line::styled(
            "The same crews meet all gathering; newcomers join the smallest.",
            t.dim,
        ),
        _ if all.len() == 1 => Line::default(),
        Some(n) => Line::styled(
            format!(
                "next: {} · {} {}",
                n.title,
                n.format.label(),
                intimacy_label(n.intimacy)
            ),
            t.dim,
        ),
        None => Line::styled("last exercise of the sequence", t.dim),
    };
    let place = if all.len() > 1 {
        format!("Exercise {} of {} · ", step + 1, all.len())
    } else {
        String::new()
    };
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(place, t.dim),
            Span::styled(exercise.title.clone(), t.title),
        ]),
        Line::from(facts),
        next,
    ])
    .render(head, buf);

    let [left, _, right] = Layout::horizontal([
        Constraint::Percentage(60),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(body);
    let crew_lines = if crews { crew_lines(v) } else { Vec::new() };
    let crews_h = (crew_lines.len() as u16).min(left.height / 2);
    let [script, crew_area, groups] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(crews_h),
        Constraint::Length(1),
    ])
    .areas(left);
    render_cues(&exercise.script, t, script, buf);
    Paragraph::new(crew_lines).render(crew_area, buf);
    let here = here(v);
    let taking_part = joining(&v.state().people, &v.state().guides, segment, step).len();
    let key = |a| super::key(v.settings, v.state(), a);
    let status = match v.state().guides.groups(segment, step) {
        Some(g) => format!(
            "{} groups formed · {} shows them large",
            g.groups.len(),
            key(Action::ShowGroups)
        ),
        None if crews => format!(
            "{} puts the {taking_part} taking part in their crews",
            key(Action::FormGroups)
        ),
        None if exercise.format.group_size().is_some_and(|n| n >= 2) => format!(
            "{} forms {} from the {taking_part} taking part",
            key(Action::FormGroups),
            exercise.format.label(),
        ),
        None => "everyone together: no groups to form".to_string(),
    };
    Line::styled(status, t.accent).render(groups, buf);
    render_people(v, segment, step, &here, right, buf);
}

/// The gathering's crews as they stand today: who of each is here, and
/// who is not ("Crew 2 · Bo, Zoë · not here: 美玲"), so absences show
/// before the crews meet.
fn crew_lines(v: &View<GuideView>) -> Vec<Line<'static>> {
    let t = &v.settings.theme;
    let people = &v.state().people;
    let crews = crews_now(people, &v.state().guides);
    if crews.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::styled("Crews so far", t.title)];
    for (i, crew) in crews.iter().enumerate() {
        let names = |here: bool| {
            crew.iter()
                .filter(|m| m.here == here)
                .map(|m| people.name(m.person).to_string())
                .collect::<Vec<_>>()
        };
        let (present, away) = (names(true), names(false));
        let mut spans = vec![
            Span::styled(format!("Crew {} · ", i + 1), t.dim),
            Span::raw(if present.is_empty() {
                "nobody here yet".to_string()
            } else {
                present.join(", ")
            }),
        ];
        if !away.is_empty() {
            spans.push(Span::styled(
                format!(" · not here: {}", away.join(", ")),
                t.soon,
            ));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// Who is here, with their name-game word and a quiet mark for sitting out.
fn render_people(
    v: &View<GuideView>,
    segment: SegmentId,
    step: usize,
    here: &[PersonId],
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &v.settings.theme;
    let guides = &v.state().guides;
    let mut lines = vec![Line::styled("Here", t.title)];
    let rows = area.height.saturating_sub(1) as usize;
    let cursor = row(v, here.len());
    let people = &v.state().people;
    let name_w = name_column(here.iter().map(|p| people.name(*p)), area.width);
    for (i, p) in here
        .iter()
        .enumerate()
        .skip(scroll(cursor, rows))
        .take(rows)
    {
        let mut spans = vec![
            Span::raw(if i == cursor { "▶ " } else { "  " }),
            Span::raw(format!("{} ", pad(people.name(*p), name_w))),
        ];
        if let Some(w) = guides.word(segment, *p) {
            spans.push(Span::styled(w.to_string(), t.accent));
        }
        if guides.opted_out(segment, step, *p) {
            spans.push(Span::styled(" ◦ sitting out", t.dim));
        }
        let line = fit_line(&Line::from(spans), usize::from(area.width));
        lines.push(if i == cursor {
            line.style(t.selected)
        } else {
            line
        });
    }
    Paragraph::new(lines).render(area, buf);
}
