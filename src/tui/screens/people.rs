//! The People screen: the roster in seat order, who has arrived, pronouns,
//! roles and the self-identified priority flag. Every change is a
//! `PeopleEvent` in the log, so one key undoes it and nothing is lost.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, StatefulWidget, Table, TableState, Widget};

use crate::core::event::{Event, Scope};
use crate::core::person::{PeopleEvent, Person};
use crate::core::roster::{self, name_key};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::circle::{self, About, Ask};
use crate::tui::widgets::prompt;

pub fn render(app: &App, _now: Timestamp, area: Rect, buf: &mut Buffer) {
    let t = &app.settings.theme;
    let all = app.timeline.state().people.all();
    let [table_area, foot] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    if all.is_empty() {
        Line::from(vec![
            Span::styled("Nobody on the roster yet. ", t.title),
            Span::raw("a adds a person, i imports a sign-up list."),
        ])
        .render(table_area, buf);
        return;
    }
    let rows: Vec<Row> = all
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Row::new(vec![
                Cell::from(format!("{:>3}", i + 1)),
                Cell::from(if p.arrived { "✓" } else { "" }),
                Cell::from(p.name.clone()),
                Cell::from(p.pronouns.clone().unwrap_or_default()),
                Cell::from(p.roles.join(", ")),
                Cell::from(if p.priority { "priority" } else { "" }),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(3),
            Constraint::Length(4),
            Constraint::Fill(3),
            Constraint::Fill(1),
            Constraint::Fill(2),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(["", "here", "name", "pronouns", "roles", ""]).style(t.title))
    .row_highlight_style(t.selected)
    .highlight_symbol("› ");
    let mut state = TableState::default().with_selected(Some(app.circle.people.min(all.len() - 1)));
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

/// The person under the cursor.
fn selected(app: &App) -> Option<Person> {
    let all = app.timeline.state().people.all();
    all.get(app.circle.people.min(all.len().saturating_sub(1)))
        .cloned()
}

pub fn update(app: &mut App, action: Action, now: Timestamp) -> bool {
    let len = app.timeline.state().people.all().len();
    let person = selected(app);
    let needs_person = matches!(
        action,
        Action::EditName
            | Action::EditPronouns
            | Action::RemovePerson
            | Action::SeatEarlier
            | Action::SeatLater
            | Action::ToggleArrived
            | Action::TogglePriority
    );
    if needs_person && person.is_none() {
        app.flash = Some("nobody on the roster yet: a adds a person".into());
        return true;
    }
    match (action, person) {
        (Action::Up | Action::Down, _) => {
            circle::step(&mut app.circle.people, action == Action::Up, len)
        }
        (Action::AddPerson, _) => circle::ask(app, Ask::new(About::AddPerson)),
        (Action::ImportRoster, _) => circle::ask(app, Ask::new(About::Import)),
        (Action::FindPerson, _) => circle::ask(app, Ask::new(About::Find)),
        (Action::EditName, Some(p)) => {
            circle::ask(app, Ask::with_text(About::Rename(p.id), p.name))
        }
        (Action::EditPronouns, Some(p)) => {
            let text = p.pronouns.unwrap_or_default();
            circle::ask(app, Ask::with_text(About::Pronouns(p.id), text))
        }
        (Action::RemovePerson, Some(p)) => circle::ask(app, Ask::new(About::Remove(p.id))),
        (Action::SeatEarlier | Action::SeatLater, Some(p)) => {
            move_seat(app, p, action == Action::SeatEarlier, now)
        }
        (Action::ToggleArrived, Some(p)) => {
            let event = PeopleEvent::Arrived {
                id: p.id,
                arrived: !p.arrived,
            };
            app.log(now, Event::People(event));
        }
        (Action::TogglePriority, Some(mut p)) => {
            p.priority = !p.priority;
            app.log(now, Event::People(PeopleEvent::Edited(p)));
        }
        (Action::Undo, _) => circle::undo(app, Scope::People, now),
        _ => return false,
    }
    // An undo or a removal may leave the cursor past the end.
    let len = app.timeline.state().people.all().len();
    app.circle.people = app.circle.people.min(len.saturating_sub(1));
    true
}

/// Swaps seats with the neighbour before or after: two edits, one undo.
fn move_seat(app: &mut App, me: Person, earlier: bool, now: Timestamp) {
    let all = app.timeline.state().people.all();
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
        app.flash = Some("these two share a seat number; edit the session file".into());
        return;
    }
    let mut moved = me;
    std::mem::swap(&mut moved.seat, &mut other.seat);
    app.log(now, Event::People(PeopleEvent::Edited(moved)));
    app.log(now, Event::People(PeopleEvent::Edited(other)));
    app.circle.people = j.unwrap_or(i);
}

/// Whether someone is marked arrived: a newcomer then counts as here too.
/// With nobody marked, rounds take everyone, and marking one newcomer
/// would leave the rest out.
pub fn arrivals_kept(app: &App) -> bool {
    app.timeline.state().people.all().iter().any(|p| p.arrived)
}

/// Adds a person at the end of the seat order; refuses an empty name or
/// one already on the roster.
pub fn join(app: &mut App, name: &str, now: Timestamp) -> Result<Person, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("type a name".into());
    }
    let people = &app.timeline.state().people;
    if let Some(p) = people
        .all()
        .iter()
        .find(|p| name_key(&p.name) == name_key(name))
    {
        return Err(format!(
            "{} is already on the roster; add an initial to tell two apart",
            p.name
        ));
    }
    let mut person = Person::new(people.next_id(), name, people.next_seat());
    person.arrived = arrivals_kept(app);
    app.log(now, Event::People(PeopleEvent::Joined(person.clone())));
    Ok(person)
}

pub fn submit(app: &mut App, mut ask: Ask, now: Timestamp) -> Option<Ask> {
    let text = ask.text.trim().to_string();
    let person = |app: &App, id| app.timeline.state().people.get(id).cloned();
    let result: Result<(), String> = match ask.about {
        About::AddPerson => join(app, &text, now).map(|p| {
            app.circle.people = index_of(app, &p);
            app.flash = Some(format!("added {}", p.name));
        }),
        About::Rename(_) if text.is_empty() => Err("a name cannot be empty".into()),
        About::Rename(id) => {
            if let Some(mut p) = person(app, id) {
                p.name = text;
                app.log(now, Event::People(PeopleEvent::Edited(p)));
            }
            Ok(())
        }
        About::Pronouns(id) => {
            if let Some(mut p) = person(app, id) {
                p.pronouns = Some(text).filter(|t| !t.is_empty());
                app.log(now, Event::People(PeopleEvent::Edited(p)));
            }
            Ok(())
        }
        About::Remove(id) => {
            let name = app.timeline.state().people.name(id).to_string();
            app.log(now, Event::People(PeopleEvent::Left(id)));
            let len = app.timeline.state().people.all().len();
            app.circle.people = app.circle.people.min(len.saturating_sub(1));
            app.flash = Some(format!("{name} is off the roster (u undoes)"));
            Ok(())
        }
        About::Import => import(app, &text, now),
        About::Find => {
            let found = circle::matches(app, &text);
            match found.get(ask.pick.min(found.len().saturating_sub(1))) {
                Some(id) => {
                    if let Some(p) = person(app, *id) {
                        app.circle.people = index_of(app, &p);
                    }
                    Ok(())
                }
                None => Err("nobody by that name".into()),
            }
        }
        About::Hand(_) | About::Newcomer(_) => Ok(()),
    };
    match result {
        Ok(()) => None,
        Err(e) => {
            ask.error = Some(e);
            Some(ask)
        }
    }
}

fn index_of(app: &App, person: &Person) -> usize {
    app.timeline
        .state()
        .people
        .all()
        .iter()
        .position(|p| p.id == person.id)
        .unwrap_or(0)
}

/// "~/signups.csv" means the home folder, as in a shell.
fn expand(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Reads a sign-up list and seats the new names after everyone; names
/// already on the roster are left as they are.
fn import(app: &mut App, text: &str, now: Timestamp) -> Result<(), String> {
    if text.is_empty() {
        return Err("type the path of a list: one name per line, or CSV".into());
    }
    let path = expand(text);
    let bytes = crate::store::file::read(&path).map_err(|e| e.to_string())?;
    let text = crate::store::text::decode(&path, &bytes).map_err(|e| e.to_string())?;
    let list =
        roster::parse(text).map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))?;
    if list.is_empty() {
        return Err(format!("{}: no names in this list", path.display()));
    }
    let people = &app.timeline.state().people;
    let (first_id, first_seat) = (people.next_id().0, people.next_seat());
    let fresh: Vec<_> = list
        .iter()
        .filter(|(name, _)| {
            !people
                .all()
                .iter()
                .any(|p| name_key(&p.name) == name_key(name))
        })
        .cloned()
        .collect();
    for (i, (name, pronouns)) in fresh.iter().enumerate() {
        let i = i as u32;
        let mut p = Person::new(
            crate::core::person::PersonId(first_id + i),
            name.clone(),
            first_seat + i,
        );
        p.pronouns = pronouns.clone();
        app.log(now, Event::People(PeopleEvent::Joined(p)));
    }
    let known = list.len() - fresh.len();
    app.flash = Some(match known {
        0 => format!("added {} from the list", fresh.len()),
        k => format!(
            "added {} from the list; {k} already on the roster",
            fresh.len()
        ),
    });
    Ok(())
}

pub fn render_ask(app: &App, ask: &Ask, area: Rect, buf: &mut Buffer) {
    let t = &app.settings.theme;
    let name = |id| app.timeline.state().people.name(id).to_string();
    let (title, mut lines) = match &ask.about {
        About::AddPerson => (
            "Add a person".to_string(),
            vec![
                prompt::input("Name", &ask.text, t),
                Line::styled("enter adds · esc cancels", t.dim),
            ],
        ),
        About::Rename(id) => (
            format!("Rename {}", name(*id)),
            vec![
                prompt::input("Name", &ask.text, t),
                Line::styled("enter saves · esc cancels", t.dim),
            ],
        ),
        About::Pronouns(id) => (
            format!("Pronouns of {}", name(*id)),
            vec![
                prompt::input("Pronouns", &ask.text, t),
                Line::styled("as they give them · empty clears · esc cancels", t.dim),
            ],
        ),
        About::Remove(id) => (
            format!("Remove {}?", name(*id)),
            vec![
                Line::raw(format!(
                    "Take {} off the roster? What they said stays in the record.",
                    name(*id)
                )),
                Line::styled("y or enter removes · esc keeps", t.dim),
            ],
        ),
        About::Import => (
            "Import a sign-up list".to_string(),
            vec![
                prompt::input("File", &ask.text, t),
                Line::styled(
                    "one name per line, or CSV with a name column · enter reads · esc cancels",
                    t.dim,
                ),
            ],
        ),
        About::Find => {
            let mut lines = vec![prompt::input("Find", &ask.text, t)];
            lines.extend(circle::match_lines(app, ask, 6, |id| {
                app.timeline
                    .state()
                    .people
                    .get(id)
                    .filter(|p| p.arrived)
                    .map(|_| "here")
            }));
            lines.push(Line::styled("↑↓ pick · enter goes there · esc", t.dim));
            ("Find a person".to_string(), lines)
        }
        About::Hand(_) | About::Newcomer(_) => return,
    };
    if let Some(e) = &ask.error {
        lines.push(Line::styled(e.clone(), t.last));
    }
    prompt::render(&title, lines, t.accent, area, buf);
}
