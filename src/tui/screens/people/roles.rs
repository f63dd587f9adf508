//! Roles on the People screen: who holds which role today, volunteers,
//! who asked not to be drawn, the app's suggestions (who has held a role
//! least in the gathering), and the draw by lot, shown large so the room
//! sees it was fair.
//!
//! The keys act on two cursors at once: the person under the roster's
//! cursor and the role under the roles' (`[` `]`). Each change is a role
//! event, so `u` takes it back like any change on this screen.

use crate::tui::widgets::fit::{fit, fit_line, table_columns};
use std::collections::BTreeMap;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::{PeopleAsk, PeopleView};
use crate::core::days::layout;
use crate::core::event::Event;
use crate::core::person::Person;
use crate::core::roles::actions;
pub use crate::core::roles::actions::Among;
use crate::core::roles::board::{Board, RoleRow, board};
use crate::core::roles::names;
use crate::core::schedule::day_of_session;
use crate::core::session::Session;
use crate::core::state::State;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::contract::{Ctx, Outcome, View};
use crate::tui::widgets::ask::Ask;
use crate::tui::widgets::big_lines;

/// The holders the plan names for the day the room is in.
fn planned(
    session: &Session,
    state: &State,
    v_tz: &jiff::tz::TimeZone,
    now: jiff::Timestamp,
) -> BTreeMap<String, String> {
    let day = day_of_session(session, state, v_tz, now);
    layout(&session.plan)
        .get(day)
        .map(|d| d.holders.clone())
        .unwrap_or_default()
}

/// The roles as the screen shows them now.
pub fn board_of(v: &View<PeopleView>) -> Board {
    board(
        v.state(),
        &v.session().plan,
        &planned(v.session(), v.state(), v.tz(), v.now),
    )
}

/// The role under the roles' cursor.
fn role_at(ctx: &Ctx<PeopleView>) -> Option<String> {
    let all = names(&ctx.session().plan);
    all.get(ctx.view.role.min(all.len().saturating_sub(1)))
        .cloned()
}

/// A role key; `Ignored` for any other action.
pub fn update(ctx: &mut Ctx<PeopleView>, action: Action, person: Option<Person>) -> Outcome {
    let count = names(&ctx.session().plan).len();
    match action {
        Action::NextRole => ctx.view.role = (ctx.view.role + 1).min(count.saturating_sub(1)),
        Action::PrevRole => ctx.view.role = ctx.view.role.saturating_sub(1),
        Action::ShowDraw => {
            if ctx.state().roles.draws().is_empty() {
                let draw = ctx.settings.key(Context::People, Action::DrawLot);
                ctx.say(format!(
                    "no role has been drawn by lot yet: {draw} draws the selected role"
                ));
            } else {
                ctx.view.draw_shown = !ctx.view.draw_shown;
            }
        }
        Action::DrawLot => {
            if let Some(role) = role_at(ctx) {
                draw(ctx, &role, Among::Volunteers);
            }
        }
        Action::TakePlanned => {
            let holders = planned(ctx.session(), ctx.state(), &ctx.settings.tz, ctx.now);
            let events = actions::take_planned(ctx.state(), &holders);
            match events.len() {
                0 if holders.is_empty() => ctx.say("the plan names nobody for a role today"),
                0 => ctx.say(
                    "everyone the plan names already holds their role (or is not on the roster)",
                ),
                n => {
                    ctx.log_all(events);
                    let undo = ctx.settings.undoes(Context::People);
                    ctx.say(format!("{n} role(s) given as the plan names ({undo})"));
                }
            }
        }
        Action::GiveRole | Action::Volunteer | Action::RoleOptOut => {
            let (Some(p), Some(role)) = (person, role_at(ctx)) else {
                super::nobody_yet(ctx);
                return Outcome::Done;
            };
            let state = ctx.state();
            let (result, said) = match action {
                Action::GiveRole if state.roles.holds(&role, p.id) => (
                    actions::release(state, &role, p.id),
                    format!("{} gave up {role}", p.name),
                ),
                Action::GiveRole => (
                    actions::assign(state, &role, p.id, false),
                    format!(
                        "{} is {role} ({})",
                        p.name,
                        ctx.settings.undoes(Context::People)
                    ),
                ),
                Action::Volunteer if state.roles.is_volunteer(&role, p.id) => (
                    actions::volunteer(state, &role, p.id),
                    format!("{} no longer volunteers for {role}", p.name),
                ),
                Action::Volunteer => (
                    actions::volunteer(state, &role, p.id),
                    format!("{} volunteers for {role}", p.name),
                ),
                _ if state.roles.opted_out(&role, p.id) => (
                    actions::opt_out(state, Some(&role), p.id),
                    format!("{} may be drawn for {role} again", p.name),
                ),
                _ => (
                    actions::opt_out(state, Some(&role), p.id),
                    format!("{} will not be drawn for {role}", p.name),
                ),
            };
            apply(ctx, result, said);
        }
        _ => return Outcome::Ignored,
    }
    Outcome::Done
}

fn apply(
    ctx: &mut Ctx<PeopleView>,
    result: Result<Event, crate::core::decision::record::Refused>,
    said: String,
) {
    match result {
        Ok(event) => {
            ctx.log(event);
            ctx.say(said);
        }
        Err(why) => ctx.say(why.0),
    }
}

/// A draw by lot, seeded by the moment of the key, then shown large. With
/// no volunteers here it asks whether to draw among everyone here.
pub fn draw(ctx: &mut Ctx<PeopleView>, role: &str, among: Among) {
    let seed = ctx.now.as_nanosecond() as u64;
    let nobody_volunteered = actions::pool(ctx.state(), role, Among::Volunteers).is_empty();
    if among == Among::Volunteers && nobody_volunteered {
        if actions::pool(ctx.state(), role, Among::EveryoneHere).is_empty() {
            let here = ctx.settings.key(Context::People, Action::ToggleArrived);
            ctx.say(format!(
                "nobody here can be drawn for {role}: mark who is here first ({here})"
            ));
        } else {
            ctx.view.prompt = Some(Ask::new(PeopleAsk::DrawEveryone(role.to_string())));
        }
        return;
    }
    match actions::draw(ctx.state(), role, among, seed) {
        Ok(event) => {
            ctx.log(event);
            ctx.view.draw_shown = true;
            let drawn = board(ctx.state(), &ctx.session().plan, &BTreeMap::new())
                .last_draw
                .and_then(|d| d.drawn)
                .unwrap_or_default();
            let undo = ctx.settings.undoes(Context::People);
            ctx.say(format!("{drawn} drawn by lot for {role} ({undo})"));
        }
        Err(why) => ctx.say(why.0),
    }
}

/// The roles panel: one row per role, the selected one marked.
pub fn render(v: &View<PeopleView>, b: &Board, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let widths = [
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Fill(3),
    ];
    // Cut by grapheme with `…`, as every name on screen is.
    let cols = table_columns(area.width, 2, &widths);
    let rows: Vec<Row> = b.roles.iter().map(|r| role_row(v, r, &cols)).collect();
    let table = Table::new(rows, widths)
        .header(
            Row::new(["role", "held by", "volunteers", "suggested: held it least"]).style(t.title),
        )
        .row_highlight_style(t.selected)
        .highlight_symbol("◆ ");
    let selected = v.view.role.min(b.roles.len().saturating_sub(1));
    let mut state = TableState::default().with_selected(Some(selected));
    StatefulWidget::render(table, area, buf, &mut state);
}

fn role_row<'a>(v: &View<PeopleView>, r: &RoleRow, cols: &[usize]) -> Row<'a> {
    let t = v.theme();
    let held = match (&r.holders[..], &r.planned) {
        ([], Some(p)) => Line::styled(format!("({p}, planned)"), t.dim),
        ([], None) => Line::styled("—", t.dim),
        (hs, _) => Line::raw(
            hs.iter()
                .map(|h| h.name.as_str())
                .collect::<Vec<_>>()
                .join(" & "),
        ),
    };
    let volunteers = match r.volunteers.len() {
        0 => Line::styled("—", t.dim),
        _ => Line::raw(format!(
            "{} ({} here)",
            r.volunteers
                .iter()
                .map(|h| h.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            r.drawable
        )),
    };
    let least = r
        .suggestions
        .iter()
        .map(|s| match (s.held, &s.last) {
            (0, _) => s.name.clone(),
            (n, Some(last)) => format!("{} ({n}×, last {last})", s.name),
            (n, None) => format!("{} ({n}×)", s.name),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let col = |i: usize| cols.get(i).copied().unwrap_or(0);
    Row::new(vec![
        Cell::from(fit(&r.role, col(0))),
        Cell::from(fit_line(&held, col(1))),
        Cell::from(fit_line(&volunteers, col(2))),
        Cell::from(Line::styled(fit(&least, col(3)), t.dim)),
    ])
}

/// The last draw, large: the role, the name drawn, and everyone it was
/// drawn among, with the seed it replays from.
pub fn render_draw(v: &View<PeopleView>, b: &Board, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let Some(d) = &b.last_draw else {
        return;
    };
    let [title, body, among, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(3),
        Constraint::Length(1),
    ])
    .areas(area);
    Paragraph::new(Line::styled(format!("Drawn by lot · {}", d.role), t.title))
        .alignment(Alignment::Center)
        .render(title, buf);
    let drawn = d.drawn.clone().unwrap_or_else(|| "nobody".into());
    big_lines::render(&[drawn], t.accent, body, buf);
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(format!("among {}: ", d.among.len()), t.dim),
            Span::raw(d.among.join(" · ")),
        ]),
        Line::styled(
            format!(
                "seed {} · nobody absent or opted out was in the draw",
                d.seed
            ),
            t.dim,
        ),
    ])
    .alignment(Alignment::Center)
    .wrap(Wrap { trim: true })
    .render(among, buf);
    Line::styled("v or esc: back to the roster", t.dim)
        .alignment(Alignment::Center)
        .render(foot, buf);
}
