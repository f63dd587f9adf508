//! Snapshots of the Notes screen and the note editor at 80x24 and 160x48,
//! and the privacy marker read without colour.

mod common;
mod notes_fixture;

use circlekeeper::core::note::Visibility;
use circlekeeper::tui::app::{App, Screen};
use circlekeeper::tui::theme::Theme;
use common::screen::*;
use crossterm::event::KeyCode;
use jiff::Timestamp;
use notes_fixture::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn snap(name: &str, app: &App, now: Timestamp) {
    for (w, h) in SIZES {
        let term = draw(app, now, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
    }
}

fn notes_screen() -> App {
    let mut app = evening();
    app.screen = Screen::Notes;
    app
}

#[test]
fn notes_of_every_kind_with_the_circle_marker() {
    let mut app = notes_screen();
    // The note kept in the circle is selected: its detail pane shows too.
    app.on_key(key(KeyCode::Down), later());
    snap("notes_list", &app, later());
}

#[test]
fn a_filter_narrows_the_list_and_says_so() {
    let mut app = notes_screen();
    app.on_key(key(KeyCode::Char('f')), later());
    snap("notes_kind_filter", &app, later());
    let screen = text(&draw(&app, later(), 80, 24));
    assert!(
        screen.contains("2 of 5 notes · kind: note · segment: all"),
        "{screen}"
    );
}

#[test]
fn the_empty_list_says_how_to_write_a_note() {
    let mut app = app_with(plan(), &[]);
    app.screen = Screen::Notes;
    let screen = text(&draw(&app, at(0), 80, 24));
    assert!(
        screen.contains("No notes yet. w or ctrl-n writes one, from any screen."),
        "{screen}"
    );
}

#[test]
fn the_editor_opens_with_its_context_filled_in() {
    let [a, b] = kim_speaking();
    let mut app = app_with(plan(), &[(0, start(CHECK_IN)), (60, a), (61, b)]);
    app.on_key(ctrl('n'), at(125));
    typing(&mut app, "Ana brought soup for everyone", at(126));
    snap("editor_prefilled", &app, at(130));
}

#[test]
fn the_editor_for_an_action_with_its_owner() {
    let mut app = app_with(plan(), &[(0, start(OPEN_FLOOR))]);
    app.on_key(key(KeyCode::Char('w')), at(60));
    app.on_key(ctrl('t'), at(60));
    app.on_key(ctrl('t'), at(60));
    typing(&mut app, "Ask the landlord for the breakdown", at(61));
    app.on_key(key(KeyCode::Tab), at(62));
    typing(&mut app, "kim\n", at(62));
    app.on_key(key(KeyCode::Tab), at(62));
    typing(&mut app, "2026-12-1x", at(63));
    snap("editor_action", &app, at(64));
}

#[test]
fn the_editor_in_an_anti_retreat_keeps_the_note_in_the_circle() {
    let mut app = app_with(plan(), &[(0, start(CONFLICT))]);
    app.on_key(ctrl('n'), at(600));
    typing(
        &mut app,
        "Kim named what the rent rise cost them.\nWe stayed with it.",
        at(601),
    );
    snap("editor_circle_only", &app, at(602));
    let screen = text(&draw(&app, at(602), 80, 24));
    assert!(
        screen.contains("New note · note · [circle] kept in the circle"),
        "{screen}"
    );
}

#[test]
fn the_circle_marker_reads_without_colour() {
    let mut app = notes_screen();
    app.settings.theme = Theme::from_env(true, None);
    let screen = text(&draw(&app, later(), 80, 24));
    let row = screen
        .lines()
        .find(|l| l.contains("Kim felt unheard"))
        .expect("the circle-only note is listed");
    assert!(row.contains("[circle]"), "{row}");
    let shared = screen
        .lines()
        .find(|l| l.contains("We meet again"))
        .unwrap();
    assert!(!shared.contains("[circle]"), "{shared}");
    assert_eq!(
        app.state().notes.all().nth(1).unwrap().visibility,
        Visibility::CircleOnly
    );
}

#[test]
fn the_editor_never_panics_on_a_small_terminal() {
    let mut app = app_with(plan(), &[(0, start(CHECK_IN))]);
    app.on_key(ctrl('n'), at(60));
    app.on_paste(&"long words without end ".repeat(100));
    for (w, h) in [(30, 8), (31, 9), (40, 10), (200, 60), (10, 3), (1, 1)] {
        draw(&app, at(60), w, h);
    }
    app.screen = Screen::Notes;
    app.views.notes.prompt = None;
    for (w, h) in [(30, 8), (40, 10), (119, 30), (120, 30)] {
        draw(&app, at(60), w, h);
    }
}

#[test]
fn a_long_list_keeps_the_selected_note_in_view() {
    use circlekeeper::core::event::Event;
    use circlekeeper::core::note::{Note, NoteEvent, NoteId, NoteKind};
    let events: Vec<(i64, Event)> = (0..300)
        .map(|i| {
            (
                i,
                Event::Note(NoteEvent::Added(Note {
                    id: NoteId(i as u32),
                    kind: NoteKind::Note,
                    text: format!("note number {i}"),
                    visibility: Visibility::Shared,
                    segment: None,
                    speaker: None,
                    group: None,
                })),
            )
        })
        .collect();
    let mut app = app_with(default_plan(), &events);
    app.screen = Screen::Notes;
    app.views.notes.cursor = 250;
    let screen = text(&draw(&app, at(400), 80, 24));
    let selected = screen
        .lines()
        .find(|l| l.starts_with('▶'))
        .unwrap_or_else(|| panic!("a selected row:\n{screen}"));
    assert!(selected.contains("note number 250"), "{screen}");
    app.views.notes.cursor = 3;
    let screen = text(&draw(&app, at(400), 80, 24));
    assert!(screen.contains("note number 0"), "{screen}");
}
