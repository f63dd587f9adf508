//! The People screen: the roster in seat order, who has arrived, pronouns,
//! roles and the self-identified priority flag; below it the roles of the
//! plan, who holds each today, and the draw by lot (`roles`). Every change
//! is an event in the log, so one key undoes it and nothing is lost.
//!
//! Its keys, all here: `update` (the keymap's `people` section) and, while a
//! question is open (a name, pronouns, "remove Ana?", a list to import, a
//! name to find), `on_key`. `naming` lists what a person agreed to be
//! named for (consent to leave the circle by name). A sign-up list is read by a job, off the key
//! path; while it is read the question says so, and Esc cancels it.

mod roles;

use std::path::{Path, PathBuf};

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, StatefulWidget, Table, TableState, Widget};

mod naming;

pub use self::naming::Naming;

use super::contract::{Ctx, Outcome, View};
use crate::core::event::{Event, Scope};
use crate::core::person::{PeopleEvent, Person, PersonId};
use crate::core::roster::{self, Signup};
use crate::tui::action::{Action, Bar};
use crate::tui::jobs::{Cancel, Job};
use crate::tui::keymap::Context;
use crate::tui::widgets::ask::{Answer, Ask, step};
use crate::tui::widgets::fit::{fit, table_columns};
use crate::tui::widgets::prompt;

/// The People screen's cursor (a row in seat order) and open question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleView {
    pub cursor: usize,
    pub prompt: Option<Ask<PeopleAsk>>,
    /// What the selected person agreed to be named for, while shown.
    pub naming: Option<Naming>,
    /// Selected row of the roles panel.
    pub role: usize,
    /// The last draw by lot is shown large, for the room.
    pub draw_shown: bool,
}

/// What a People question asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleAsk {
    AddPerson,
    Rename(PersonId),
    Pronouns(PersonId),
    /// "Remove Ana?": answered with y / enter or esc.
    Remove(PersonId),
    /// The path of a sign-up list.
    Import,
    /// A list being read; `cancel` stops waiting for it.
    Reading {
        path: PathBuf,
        cancel: Cancel,
    },
    Find,
    /// "Nobody volunteered for timekeeper: draw among everyone here?"
    DrawEveryone(String),
}

pub fn hints(_: &View<PeopleView>) -> Bar {
    Bar::People
}

pub fn update(ctx: &mut Ctx<PeopleView>, action: Action) -> Outcome {
    let all = ctx.state().people.all();
    let len = all.len();
    let person = all.get(ctx.view.cursor.min(len.saturating_sub(1))).cloned();
    let needs_person = matches!(
        action,
        Action::EditName
            | Action::EditPronouns
            | Action::RemovePerson
            | Action::SeatEarlier
            | Action::SeatLater
            | Action::ToggleArrived
            | Action::TogglePriority
            | Action::NamingConsent
    );
    if needs_person && person.is_none() {
        nobody_yet(ctx);
        return Outcome::Done;
    }
    // Any key but its own puts the large draw away.
    if ctx.view.draw_shown && action != Action::ShowDraw {
        ctx.view.draw_shown = false;
        if action == Action::Back {
            return Outcome::Done;
        }
    }
    if roles::update(ctx, action, person.clone()).done() {
        return Outcome::Done;
    }
    let ask = |about| Some(Ask::new(about));
    match (action, person) {
        (Action::Up | Action::Down, _) => step(&mut ctx.view.cursor, action == Action::Up, len),
        (Action::AddPerson, _) => ctx.view.prompt = ask(PeopleAsk::AddPerson),
        (Action::ImportRoster, _) => ctx.view.prompt = ask(PeopleAsk::Import),
        (Action::FindPerson, _) => ctx.view.prompt = ask(PeopleAsk::Find),
        (Action::EditName, Some(p)) => {
            ctx.view.prompt = Some(Ask::with_text(PeopleAsk::Rename(p.id), p.name))
        }
        (Action::EditPronouns, Some(p)) => {
            let text = p.pronouns.unwrap_or_default();
            ctx.view.prompt = Some(Ask::with_text(PeopleAsk::Pronouns(p.id), text))
        }
        (Action::RemovePerson, Some(p)) => ctx.view.prompt = ask(PeopleAsk::Remove(p.id)),
        (Action::SeatEarlier | Action::SeatLater, Some(p)) => {
            move_seat(ctx, p, action == Action::SeatEarlier)
        }
        (Action::ToggleArrived, Some(p)) => {
            let event = PeopleEvent::Arrived {
                id: p.id,
                arrived: !p.arrived,
            };
            ctx.log(Event::People(event));
        }
        (Action::TogglePriority, Some(mut p)) => {
            p.priority = !p.priority;
            ctx.log(Event::People(PeopleEvent::Edited(p)));
        }
        (Action::NamingConsent, Some(p)) => naming::open(ctx, p.id),
        (Action::Undo, _) => {
            ctx.undo_with(|t, now| t.undo_last_key(Scope::People, now));
        }
        _ => return Outcome::Ignored,
    }
    // An undo or a removal may leave the cursor past the end.
    let len = ctx.state().people.all().len();
    ctx.view.cursor = ctx.view.cursor.min(len.saturating_sub(1));
    Outcome::Done
}

/// Swaps seats with the neighbour before or after: two edits, one undo.
fn move_seat(ctx: &mut Ctx<PeopleView>, me: Person, earlier: bool) {
    let all = ctx.state().people.all();
    let Some(i) = all.iter().position(|p| p.id == me.id) else {
        return;
    };
    let j = if earlier {
        i.checked_sub(1)
    } else {
        Some(i + 1)
    };
    let Some(mut other) = j.and_then(|j| all.get(j)).cloned() else {
        return;
    };
    if other.seat == me.seat {
        ctx.say("these two share a seat number; edit the session file");
        return;
    }
    let mut moved = me;
    std::mem::swap(&mut moved.seat, &mut other.seat);
    ctx.log(Event::People(PeopleEvent::Edited(moved)));
    ctx.log(Event::People(PeopleEvent::Edited(other)));
    ctx.view.cursor = j.unwrap_or(i);
}

/// A key while a question is open; `Ignored` when none is.
pub fn on_key(ctx: &mut Ctx<PeopleView>, key: KeyEvent) -> Outcome {
    if ctx.view.naming.is_some() {
        return naming::on_key(ctx, &key);
    }
    let Some(mut ask) = ctx.view.prompt.take() else {
        return Outcome::Ignored;
    };
    if let PeopleAsk::Reading { cancel, path } = &ask.about {
        // Only Esc does anything while the list is read: it stops waiting.
        if key.code == crossterm::event::KeyCode::Esc {
            cancel.cancel();
            ctx.say(format!("not importing {}", path.display()));
        } else {
            ctx.view.prompt = Some(ask);
        }
        return Outcome::Done;
    }
    let yes_no = matches!(ask.about, PeopleAsk::Remove(_) | PeopleAsk::DrawEveryone(_));
    ctx.view.prompt = match ask.on_key(&key, yes_no) {
        Answer::Cancel => None,
        Answer::Submit => submit(ctx, ask),
        Answer::Tab(_) | Answer::Kept => Some(ask),
    };
    Outcome::Done
}

pub fn on_paste(ctx: &mut Ctx<PeopleView>, text: &str) -> Outcome {
    match &mut ctx.view.prompt {
        Some(ask)
            if !matches!(
                ask.about,
                PeopleAsk::Remove(_) | PeopleAsk::Reading { .. } | PeopleAsk::DrawEveryone(_)
            ) =>
        {
            ask.input.paste(text);
            Outcome::Done
        }
        _ => Outcome::Ignored,
    }
}

/// Enter: acts on the answer; `Some` keeps the question open (with why).
fn submit(ctx: &mut Ctx<PeopleView>, mut ask: Ask<PeopleAsk>) -> Option<Ask<PeopleAsk>> {
    let text = ask.text().trim().to_string();
    let person = |ctx: &Ctx<PeopleView>, id| ctx.state().people.get(id).cloned();
    let result: Result<(), String> = match ask.about {
        PeopleAsk::AddPerson => roster::newcomer(&ctx.state().people, &text).map(|p| {
            ctx.log(Event::People(PeopleEvent::Joined(p.clone())));
            ctx.view.cursor = index_of(ctx, p.id);
            ctx.say(format!("added {}", p.name));
        }),
        PeopleAsk::Rename(_) if text.is_empty() => Err("a name cannot be empty".into()),
        PeopleAsk::Rename(id) => {
            if let Some(mut p) = person(ctx, id) {
                p.name = text;
                ctx.log(Event::People(PeopleEvent::Edited(p)));
            }
            Ok(())
        }
        PeopleAsk::Pronouns(id) => {
            if let Some(mut p) = person(ctx, id) {
                p.pronouns = Some(text).filter(|t| !t.is_empty());
                ctx.log(Event::People(PeopleEvent::Edited(p)));
            }
            Ok(())
        }
        PeopleAsk::Remove(id) => {
            let name = ctx.state().people.name(id).to_string();
            ctx.log(Event::People(PeopleEvent::Left(id)));
            let undo = ctx.settings.undoes(Context::People);
            ctx.say(format!("{name} is off the roster ({undo})"));
            Ok(())
        }
        PeopleAsk::Import if text.is_empty() => {
            Err("type the path of a list: one name per line, or CSV".into())
        }
        PeopleAsk::Import => {
            let path = expand(&text);
            let cancel = Cancel::default();
            ctx.run(Job::ReadRoster {
                path: path.clone(),
                cancel: cancel.clone(),
            });
            let reading = PeopleAsk::Reading { path, cancel };
            return Some(Ask::with_text(reading, ask.text()));
        }
        PeopleAsk::Find => match ask.picked(&ctx.state().people) {
            Some(id) => {
                ctx.view.cursor = index_of(ctx, id);
                Ok(())
            }
            None => Err("nobody by that name".into()),
        },
        PeopleAsk::Reading { .. } => Ok(()),
        PeopleAsk::DrawEveryone(ref role) => {
            roles::draw(ctx, role, roles::Among::EveryoneHere);
            Ok(())
        }
    };
    match result {
        Ok(()) => None,
        Err(e) => {
            ask.error = Some(e);
            Some(ask)
        }
    }
}

/// A sign-up list read (see `Job::ReadRoster`): its new names are seated
/// after everyone, or the question shows why the list could not be used.
/// A list whose question was closed meanwhile is dropped.
pub fn roster_read(ctx: &mut Ctx<PeopleView>, path: &Path, list: Result<Vec<Signup>, String>) {
    let waiting = match &ctx.view.prompt {
        Some(Ask {
            about: PeopleAsk::Reading { path: p, .. },
            ..
        }) => p == path,
        _ => false,
    };
    if !waiting {
        return;
    }
    let typed = ctx
        .view
        .prompt
        .take()
        .map(|a| a.input.text)
        .unwrap_or_default();
    let list = match list {
        Ok(list) => list,
        Err(e) => {
            let mut ask = Ask::with_text(PeopleAsk::Import, typed);
            ask.error = Some(e);
            ctx.view.prompt = Some(ask);
            return;
        }
    };
    let (fresh, known) = roster::newcomers(&ctx.state().people, &list);
    let added = fresh.len();
    ctx.log_all(
        fresh
            .into_iter()
            .map(|p| Event::People(PeopleEvent::Joined(p))),
    );
    ctx.say(match known {
        0 => format!("added {added} from the list"),
        k => format!("added {added} from the list; {k} already on the roster"),
    });
}

fn index_of(ctx: &Ctx<PeopleView>, person: PersonId) -> usize {
    ctx.state()
        .people
        .all()
        .iter()
        .position(|p| p.id == person)
        .unwrap_or(0)
}

/// "~/signups.csv" means the home folder, as in a shell.
fn expand(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}

pub fn render(v: &View<PeopleView>, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let all = v.state().people.all();
    let board = roles::board_of(v);
    if v.view.draw_shown {
        return roles::render_draw(v, &board, area, buf);
    }
    // The roles below the roster: all of them when there is room; else
    // what the roster leaves, and at least a third of the screen (the
    // roles scroll).
    let wanted = board.roles.len() as u16 + 2;
    let roster = all.len() as u16 + 2;
    let roles_h = wanted.min(area.height.saturating_sub(roster).max(area.height / 3));
    let [table_area, foot, _, roles_area] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(u16::from(roles_h > 0)),
        Constraint::Length(roles_h.saturating_sub(1)),
    ])
    .areas(area);
    roles::render(v, &board, roles_area, buf);
    if all.is_empty() {
        Line::from(vec![
            Span::styled("Nobody on the roster yet. ", t.title),
            Span::raw(format!(
                "{} adds a person, {} imports a sign-up list.",
                v.settings.key(Context::People, Action::AddPerson),
                v.settings.key(Context::People, Action::ImportRoster)
            )),
        ])
        .render(table_area, buf);
        return;
    }
    let widths = [
        Constraint::Length(3),
        Constraint::Length(4),
        Constraint::Fill(3),
        Constraint::Fill(1),
        Constraint::Fill(2),
        Constraint::Length(8),
    ];
    let cols = table_columns(table_area.width, 2, &widths);
    let rows: Vec<Row> = all
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Row::new(vec![
                Cell::from(format!("{:>3}", i + 1)),
                Cell::from(if p.arrived { "✓" } else { "" }),
                Cell::from(fit(&p.name, cols[2])),
                Cell::from(fit(p.pronouns.as_deref().unwrap_or_default(), cols[3])),
                Cell::from(fit(&held_now(v, p), cols[4])),
                Cell::from(if p.priority { "priority" } else { "" }),
            ])
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(["", "here", "name", "pronouns", "roles", ""]).style(t.title))
        .row_highlight_style(t.selected)
        .highlight_symbol("› ");
    let mut state = TableState::default().with_selected(Some(v.view.cursor.min(all.len() - 1)));
    StatefulWidget::render(table, table_area, buf, &mut state);

    let here = all.iter().filter(|p| p.arrived).count();
    let mut words = vec![
        Span::raw(format!("{} on the roster", all.len())),
        Span::styled(" · ", t.dim),
        Span::raw(format!("{here} here")),
    ];
    if here == 0 {
        words.push(Span::styled(
            " · rounds take everyone until someone is marked here",
            t.dim,
        ));
    }
    Line::from(words).render(foot, buf);
}

/// The roles someone holds now, then those the roster gives them.
fn held_now(v: &View<PeopleView>, p: &Person) -> String {
    let mut all: Vec<String> = v
        .state()
        .roles
        .held_by(p.id)
        .into_iter()
        .map(str::to_string)
        .collect();
    for r in &p.roles {
        if !all.iter().any(|a| a.eq_ignore_ascii_case(r)) {
            all.push(r.clone());
        }
    }
    all.join(", ")
}

/// The open question, over the whole frame.
pub fn modal(v: &View<PeopleView>, area: Rect, buf: &mut Buffer) {
    if let Some(open) = &v.view.naming {
        return naming::render(v, open, area, buf);
    }
    let Some(ask) = &v.view.prompt else {
        return;
    };
    let t = v.theme();
    let people = &v.state().people;
    let name = |id| people.name(id).to_string();
    let (title, mut lines) = match &ask.about {
        PeopleAsk::AddPerson => (
            "Add a person".to_string(),
            vec![
                ask.input.line("Name", t),
                Line::styled("enter adds · esc cancels", t.dim),
            ],
        ),
        PeopleAsk::Rename(id) => (
            format!("Rename {}", name(*id)),
            vec![
                ask.input.line("Name", t),
                Line::styled("enter saves · esc cancels", t.dim),
            ],
        ),
        PeopleAsk::Pronouns(id) => (
            format!("Pronouns of {}", name(*id)),
            vec![
                ask.input.line("Pronouns", t),
                Line::styled("as they give them · empty clears · esc cancels", t.dim),
            ],
        ),
        PeopleAsk::Remove(id) => (
            format!("Remove {}?", name(*id)),
            vec![
                Line::raw(format!(
                    "Take {} off the roster? What they said stays in the record.",
                    name(*id)
                )),
                Line::styled("y or enter removes · esc keeps", t.dim),
            ],
        ),
        PeopleAsk::Import => (
            "Import a sign-up list".to_string(),
            vec![
                ask.input.line("File", t),
                Line::styled(
                    "one name per line, or CSV with a name column · enter reads · esc cancels",
                    t.dim,
                ),
            ],
        ),
        PeopleAsk::Reading { path, .. } => (
            "Import a sign-up list".to_string(),
            vec![
                Line::raw(format!("Reading {}…", path.display())),
                Line::styled("esc stops waiting", t.dim),
            ],
        ),
        PeopleAsk::DrawEveryone(role) => (
            format!("Draw {role} among everyone here?"),
            vec![
                Line::raw(format!(
                    "Nobody here has volunteered for {role}. Draw among everyone here who has not asked to be left out?"
                )),
                Line::styled("y or enter draws · esc cancels", t.dim),
            ],
        ),
        PeopleAsk::Find => {
            let mut lines = vec![ask.input.line("Find", t)];
            lines.extend(ask.match_lines(people, t, 6, |id| {
                people.get(id).filter(|p| p.arrived).map(|_| "here")
            }));
            lines.push(Line::styled("↑↓ pick · enter goes there · esc", t.dim));
            ("Find a person".to_string(), lines)
        }
    };
    if let Some(e) = &ask.error {
        lines.push(Line::styled(e.clone(), t.last));
    }
    prompt::render(&title, lines, t.accent, area, buf);
}

/// "nobody on the roster yet: a adds a person", with the key that adds.
pub(super) fn nobody_yet<V>(ctx: &mut Ctx<V>) {
    let add = ctx.settings.key(Context::People, Action::AddPerson);
    ctx.say(format!("nobody on the roster yet: {add} adds a person"));
}
