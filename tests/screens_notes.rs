//! Snapshots of the Notes screen and the note editor at 80x24 and 160x48,
//! and the privacy marker read without colour.

mod common;
mod notes_fixture;

use circlekeeper::core::note::Visibility;
use circlekeeper::tui::app::{App, Screen};
use circlekeeper::tui::screens::notes::NotesPrompt;
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

/// A new note of the kind `kinds` ctrl-t presses on from a plain note.
fn new_note_of_kind(kinds: usize) -> App {
    let mut app = app_with(plan(), &[(0, start(OPEN_FLOOR))]);
    app.on_key(key(KeyCode::Char('w')), at(60));
    for _ in 0..kinds {
        app.on_key(ctrl('t'), at(60));
    }
    app
}

/// The editor's line for a field ("   owner: Kim Ng").
fn field_row(screen: &str, label: &str) -> String {
    let needle = format!("{label}: ");
    screen
        .lines()
        .find(|l| l.contains(&needle))
        .unwrap_or_else(|| panic!("no {label} field on screen:\n{screen}"))
        .to_string()
}

#[test]
fn the_editor_shows_how_a_reflection_landed_as_it_is_chosen() {
    let mut app = new_note_of_kind(4);
    typing(&mut app, "The silence after Kim spoke", at(61));
    app.on_key(ctrl('l'), at(62));
    app.on_key(ctrl('l'), at(62));
    snap("editor_reflection", &app, at(63));
    let screen = text(&draw(&app, at(63), 80, 24));
    let landed = field_row(&screen, "landed");
    let Some(NotesPrompt::Editor(editor)) = &app.views.notes.prompt else {
        panic!("the editor is open");
    };
    let chosen = editor.landed.label();
    assert!(landed.contains(&format!("[{chosen}]")), "{screen}");
}

#[test]
fn the_editor_shows_each_follow_up_field_as_it_is_filled() {
    let mut app = new_note_of_kind(5);
    typing(&mut app, "A call about the deposit", at(61));
    app.on_key(key(KeyCode::Tab), at(62));
    typing(&mut app, "ana\n", at(62));
    let screen = text(&draw(&app, at(62), 80, 24));
    assert!(field_row(&screen, "who").contains("Ana Silva"), "{screen}");
    app.on_key(key(KeyCode::Tab), at(63));
    typing(&mut app, "kim\njoak\n", at(63));
    app.on_key(key(KeyCode::Tab), at(64));
    typing(&mut app, "2026-12-14", at(64));
    snap("editor_follow_up", &app, at(65));
    // Every field keeps showing what it holds, at the smallest usual size
    // and in a short window alike.
    for (w, h) in [(80, 24), (80, 14)] {
        let screen = text(&draw(&app, at(65), w, h));
        assert!(field_row(&screen, "who").contains("Ana Silva"), "{screen}");
        let with = field_row(&screen, "with");
        assert!(
            with.contains("Kim Ng") && with.contains("Joakim Berg"),
            "{screen}"
        );
        assert!(field_row(&screen, "by").contains("2026-12-14"), "{screen}");
    }
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

#[test]
fn the_consent_dialog_asks_who_agreed() {
    let mut app = notes_screen();
    app.on_key(key(KeyCode::Down), later());
    app.on_key(key(KeyCode::Char('S')), later());
    // Ana is marked; the cursor is on Kim.
    app.on_key(key(KeyCode::Char(' ')), later());
    snap("consent_dialog", &app, later());
    let screen = text(&draw(&app, later(), 80, 24));
    assert!(screen.contains("[x] Ana Silva  agrees now"), "{screen}");
    assert!(screen.contains("[ ] Kim Ng"), "{screen}");
    assert!(screen.contains("a all present agreed"), "{screen}");
}

#[test]
fn a_shared_note_says_whose_consent_it_rests_on() {
    let mut app = notes_screen();
    app.on_key(key(KeyCode::Down), later());
    app.on_key(key(KeyCode::Char('S')), later());
    app.on_key(key(KeyCode::Char('a')), later());
    // Shared only: the count of what stayed in the circle is in the summary.
    app.on_key(ctrl('f'), later());
    snap("notes_shared_on_consent", &app, later());
    let screen = text(&draw(&app, later(), 80, 24));
    assert!(
        screen.contains("privacy: shared · 0 kept in the circle"),
        "{screen}"
    );
    assert!(
        screen.contains("shared: agreed by all 3 present at"),
        "{screen}"
    );
    assert!(screen.contains("agreed"), "{screen}");
}

#[test]
fn the_shared_filter_counts_what_was_kept() {
    let mut app = notes_screen();
    app.on_key(ctrl('f'), later());
    let screen = text(&draw(&app, later(), 80, 24));
    assert!(
        screen.contains("privacy: shared · 1 kept in the circle"),
        "{screen}"
    );
}

#[test]
fn the_withdrawal_dialog_lists_who_agreed() {
    let mut app = notes_screen();
    app.on_key(key(KeyCode::Down), later());
    app.on_key(key(KeyCode::Char('S')), later());
    app.on_key(key(KeyCode::Char('a')), later());
    app.on_key(key(KeyCode::Char('U')), later());
    app.on_key(key(KeyCode::Char(' ')), later());
    snap("withdraw_dialog", &app, later());
}

#[test]
fn the_privacy_check_before_the_harvest() {
    let mut app = notes_screen();
    app.on_key(key(KeyCode::Char('H')), later());
    snap("harvest_check", &app, later());
}
