//! Notes driven by keys and pastes, as the note-taker types them: quick
//! capture, kinds, privacy, the discard question, and the Notes screen's
//! list (filters, search, edit, delete and undo, take up, harvest).

mod common;
mod notes_fixture;

use circlekeeper::core::consent::{self, Subject};
use circlekeeper::core::event::Event;
use circlekeeper::core::note::{Kind, Landed, NoteEvent, NoteId, NoteKind, Visibility};
use circlekeeper::core::person::PersonId;
use circlekeeper::tui::app::{App, Screen};
use circlekeeper::tui::screens::notes::NotesPrompt;
use circlekeeper::tui::widgets::note_editor::{Field, NoteEditor};
use common::screen::*;
use crossterm::event::KeyCode;
use jiff::civil::date;
use notes_fixture::*;

fn editor(app: &App) -> &NoteEditor {
    match &app.views.notes.prompt {
        Some(NotesPrompt::Editor(e)) => e,
        other => panic!("no editor open: {other:?}"),
    }
}

fn note_events(app: &App) -> Vec<&NoteEvent> {
    app.session()
        .events
        .iter()
        .filter_map(|e| match &e.event {
            Event::Note(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// The check-in is on and Kim holds the talking piece.
fn in_check_in() -> App {
    let [a, b] = kim_speaking();
    app_with(plan(), &[(0, start(CHECK_IN)), (60, a), (61, b)])
}

#[test]
fn quick_capture_fills_in_segment_time_and_speaker_and_saves_at_once() {
    let mut app = in_check_in();
    assert_eq!(app.screen, Screen::Live);
    press(&mut app, ctrl('n'), at(120));
    let e = editor(&app);
    assert_eq!(
        (e.segment, e.speaker.chosen.as_slice(), e.visibility),
        (Some(CHECK_IN), &[KIM][..], Visibility::Shared)
    );
    assert_eq!(e.taken, at(120));
    typing(&mut app, "Ana brought soup\nfor everyone", at(125));
    app.take_unsaved();
    press(&mut app, ctrl('s'), at(130));
    assert_eq!(app.views.notes.prompt, None);
    let n = app.state().notes.all().next().unwrap();
    assert_eq!(n.text, "Ana brought soup\nfor everyone");
    assert_eq!(
        (n.segment, n.speaker, n.kind.clone()),
        (Some(CHECK_IN), Some(KIM), NoteKind::Note)
    );
    assert_eq!(app.state().notes.added_at(n.id), Some(at(130)));
    // The saver is handed the note with the very next batch.
    let unsaved = app.take_unsaved();
    assert!(matches!(&unsaved[..], [e] if matches!(&e.event, Event::Note(NoteEvent::Added(_)))));

    // "w" works too, from the Plan screen; alt-enter saves.
    app.screen = Screen::Plan;
    press(&mut app, key(KeyCode::Char('w')), at(140));
    typing(&mut app, "second", at(141));
    press(&mut app, alt_enter(), at(142));
    assert_eq!(app.state().notes.len(), 2);
}

#[test]
fn clearing_the_context_clears_speaker_and_segment() {
    let mut app = in_check_in();
    press(&mut app, key(KeyCode::Char('w')), at(120));
    typing(&mut app, "Off the record: the heating", at(121));
    assert_eq!(
        editor(&app).fields(),
        [Field::Text, Field::Speaker, Field::Segment]
    );
    press(&mut app, key(KeyCode::Tab), at(122));
    assert_eq!(editor(&app).focus, Field::Speaker);
    press(&mut app, key(KeyCode::Backspace), at(122));
    press(&mut app, key(KeyCode::Tab), at(122));
    press(&mut app, key(KeyCode::Backspace), at(122));
    press(&mut app, ctrl('s'), at(123));
    let n = app.state().notes.all().next().unwrap();
    assert_eq!((n.speaker, n.segment), (None, None));
}

#[test]
fn a_pasted_paragraph_is_one_edit_and_one_note() {
    let mut app = in_check_in();
    press(&mut app, ctrl('n'), at(120));
    let words = "Ärger über die Miete, and a long story about the boiler. ";
    let paragraph: String = words.repeat(40).chars().take(2000).collect();
    assert_eq!(paragraph.chars().count(), 2000);
    app.on_paste(&paragraph);
    assert_eq!(editor(&app).text(), paragraph);
    press(&mut app, ctrl('s'), at(130));
    assert_eq!(note_events(&app).len(), 1);
    assert_eq!(
        app.state().notes.all().next().unwrap().text,
        paragraph.trim_end()
    );

    // Terminals send a pasted line break as a carriage return.
    press(&mut app, ctrl('n'), at(140));
    app.on_paste("first line\rsecond line\r\nthird");
    press(&mut app, ctrl('s'), at(141));
    assert_eq!(
        app.state().notes.all().nth(1).unwrap().text,
        "first line\nsecond line\nthird"
    );
}

#[test]
fn one_key_cycles_every_kind_and_actions_get_an_owner_and_a_due_date() {
    let mut app = in_check_in();
    press(&mut app, ctrl('n'), at(120));
    let mut seen = vec![];
    for _ in 0..Kind::ALL.len() {
        seen.push(editor(&app).kind);
        press(&mut app, ctrl('t'), at(120));
    }
    assert_eq!(seen, Kind::ALL);
    assert_eq!(editor(&app).kind, Kind::Note);

    press(&mut app, ctrl('t'), at(120));
    press(&mut app, ctrl('t'), at(120));
    assert_eq!(editor(&app).kind, Kind::Action);
    typing(&mut app, "Call the landlord", at(121));
    press(&mut app, key(KeyCode::Tab), at(121));
    assert_eq!(editor(&app).focus, Field::Owner);
    typing(&mut app, "kim", at(121));
    press(&mut app, key(KeyCode::Enter), at(121));
    press(&mut app, key(KeyCode::Tab), at(121));
    typing(&mut app, "2026-13-01", at(122));
    press(&mut app, ctrl('s'), at(123));
    // An invalid date is a clear error in place; nothing is saved.
    let e = editor(&app);
    assert_eq!(e.focus, Field::Due);
    assert_eq!(
        e.error.as_deref(),
        Some(
            "due: \"2026-13-01\" is not a day: write 2026-12-01, today, tomorrow, a weekday, +3d or +2w"
        )
    );
    assert!(app.state().notes.is_empty());
    for _ in 0..5 {
        press(&mut app, key(KeyCode::Backspace), at(124));
    }
    typing(&mut app, "12-01", at(124));
    press(&mut app, ctrl('s'), at(125));
    assert_eq!(
        app.state().notes.all().next().unwrap().kind,
        NoteKind::Action {
            owner: Some(KIM),
            due: Some(date(2026, 12, 1))
        }
    );

    // A day as the circle says it: on Monday 23 November, "sunday" is the
    // 29th, and the editor shows so before it is saved.
    press(&mut app, ctrl('n'), at(130));
    press(&mut app, ctrl('t'), at(130));
    press(&mut app, ctrl('t'), at(130));
    typing(&mut app, "Book the hall", at(131));
    press(&mut app, key(KeyCode::Tab), at(131));
    // "jab" is only scattered through "Joakim Berg": shown with a doubt,
    // and not taken on save unless Enter takes it.
    typing(&mut app, "jab", at(131));
    let screen = text(&draw(&app, at(131), 100, 30));
    assert!(
        screen.contains("→ Joakim Berg? (no name starts so)"),
        "{screen}"
    );
    press(&mut app, ctrl('s'), at(131));
    assert_eq!(editor(&app).focus, Field::Owner);
    assert!(app.state().notes.all().all(|n| n.text != "Book the hall"));
    press(&mut app, key(KeyCode::Enter), at(131));
    press(&mut app, key(KeyCode::Tab), at(131));
    typing(&mut app, "sunday", at(132));
    let screen = text(&draw(&app, at(132), 100, 30));
    assert!(screen.contains("sunday▏  → Sun 2026-11-29"), "{screen}");
    press(&mut app, ctrl('s'), at(133));
    let booked = app.state().notes.all().find(|n| n.text == "Book the hall");
    assert_eq!(
        booked.map(|n| n.kind.clone()),
        Some(NoteKind::Action {
            owner: Some(PersonId(2)),
            due: Some(date(2026, 11, 29))
        })
    );
}

#[test]
fn reflections_land_and_follow_ups_name_who_with_and_by() {
    let mut app = in_check_in();
    press(&mut app, ctrl('n'), at(120));
    for _ in 0..4 {
        press(&mut app, ctrl('t'), at(120));
    }
    assert_eq!(editor(&app).kind, Kind::Reflection);
    typing(&mut app, "The weather report worked", at(120));
    press(&mut app, ctrl('l'), at(120));
    assert_eq!(editor(&app).landed, Landed::Missed);
    press(&mut app, ctrl('l'), at(120));
    press(&mut app, ctrl('s'), at(121));
    assert_eq!(
        app.state().notes.all().next().unwrap().kind,
        NoteKind::Reflection {
            landed: Landed::Worked
        }
    );

    press(&mut app, ctrl('n'), at(130));
    for _ in 0..5 {
        press(&mut app, ctrl('t'), at(130));
    }
    typing(&mut app, "A call about the hurt", at(130));
    press(&mut app, key(KeyCode::Tab), at(130));
    typing(&mut app, "ana", at(130));
    press(&mut app, key(KeyCode::Enter), at(130));
    typing(&mut app, "jo", at(130));
    press(&mut app, key(KeyCode::Tab), at(130));
    // Letters left pending are taken as the match shown.
    typing(&mut app, "ng", at(130));
    press(&mut app, key(KeyCode::Tab), at(130));
    typing(&mut app, "2026-12-05", at(130));
    press(&mut app, ctrl('s'), at(131));
    assert_eq!(
        app.state().notes.all().nth(1).unwrap().kind,
        NoteKind::FollowUp {
            who: vec![PersonId(0), PersonId(2)],
            with: vec![KIM],
            by: Some(date(2026, 12, 5)),
        }
    );
}

#[test]
fn notes_in_a_confidential_segment_start_kept_in_the_circle() {
    let mut app = app_with(plan(), &[(0, start(CONFLICT))]);
    press(&mut app, ctrl('n'), at(60));
    assert_eq!(editor(&app).visibility, Visibility::CircleOnly);
    typing(&mut app, "Kim felt unheard", at(60));
    press(&mut app, ctrl('p'), at(60));
    assert_eq!(editor(&app).visibility, Visibility::Shared);
    press(&mut app, ctrl('p'), at(60));
    press(&mut app, ctrl('s'), at(61));
    assert_eq!(
        app.state().notes.all().next().unwrap().visibility,
        Visibility::CircleOnly
    );
    assert_eq!(app.flash.as_deref(), Some("note saved, kept in the circle"));
    // Written as shared, it still waits for consent, and the screen says how.
    press(&mut app, ctrl('n'), at(62));
    typing(&mut app, "We all want a second key holder", at(62));
    press(&mut app, ctrl('p'), at(62));
    press(&mut app, ctrl('s'), at(63));
    assert!(!app.state().notes.get(NoteId(1)).unwrap().is_shared());
    assert_eq!(
        app.flash.as_deref(),
        Some("note saved, kept in the circle until everyone it needs agrees (S asks who did)")
    );

    let mut app = app_with(plan(), &[(0, start(OPEN_FLOOR))]);
    press(&mut app, ctrl('n'), at(60));
    assert_eq!(editor(&app).visibility, Visibility::Shared);
}

#[test]
fn esc_asks_before_throwing_away_what_was_typed() {
    let mut app = in_check_in();
    press(&mut app, ctrl('n'), at(120));
    press(&mut app, key(KeyCode::Esc), at(120));
    assert_eq!(app.views.notes.prompt, None, "an empty note just closes");

    press(&mut app, ctrl('n'), at(120));
    typing(&mut app, "half a thought", at(121));
    press(&mut app, key(KeyCode::Esc), at(122));
    assert!(editor(&app).confirm_discard);
    press(&mut app, key(KeyCode::Char('x')), at(122));
    assert_eq!(
        editor(&app).text(),
        "half a thought",
        "other keys change nothing"
    );
    press(&mut app, key(KeyCode::Char('n')), at(122));
    assert!(!editor(&app).confirm_discard);
    typing(&mut app, "!", at(123));
    assert_eq!(editor(&app).text(), "half a thought!");
    press(&mut app, key(KeyCode::Esc), at(124));
    press(&mut app, key(KeyCode::Char('y')), at(124));
    assert_eq!(app.views.notes.prompt, None);
    assert!(note_events(&app).is_empty());
}

#[test]
fn an_empty_note_is_not_saved() {
    let mut app = in_check_in();
    press(&mut app, ctrl('n'), at(120));
    typing(&mut app, "  \n", at(120));
    press(&mut app, ctrl('s'), at(121));
    assert_eq!(
        editor(&app).error.as_deref(),
        Some("write something first (esc cancels)")
    );
    assert!(app.state().notes.is_empty());
}

fn on_notes_screen() -> App {
    let mut app = evening();
    app.screen = Screen::Notes;
    app
}

fn selected_id(app: &App) -> Option<u32> {
    app.views.notes.selected(&app.state().notes).map(|n| n.id.0)
}

#[test]
fn delete_says_how_to_undo_and_undo_puts_the_note_back_in_its_place() {
    let mut app = on_notes_screen();
    let now = later();
    press(&mut app, key(KeyCode::Down), now);
    press(&mut app, key(KeyCode::Char('j')), now);
    assert_eq!(selected_id(&app), Some(2));
    press(&mut app, key(KeyCode::Char('x')), now);
    assert_eq!(app.flash.as_deref(), Some("deleted — u undoes"));
    assert!(app.state().notes.get(NoteId(2)).is_none());
    press(&mut app, key(KeyCode::Char('u')), now);
    let ids: Vec<u32> = app.state().notes.all().map(|n| n.id.0).collect();
    assert_eq!(ids, [0, 1, 2, 3, 4]);
    assert_eq!(selected_id(&app), Some(2));
    // A notes undo leaves the run alone.
    assert_eq!(app.state().run.current, Some(OPEN_FLOOR));
}

#[test]
fn filters_narrow_the_list_and_esc_shows_everything_again() {
    let mut app = on_notes_screen();
    let now = later();
    press(&mut app, key(KeyCode::Char('f')), now);
    assert_eq!(app.views.notes.filter.kind, Some(Kind::Note));
    assert_eq!(app.views.notes.shown(&app.state().notes).len(), 2);
    press(&mut app, ctrl('f'), now);
    press(&mut app, ctrl('f'), now);
    assert_eq!(
        app.views.notes.filter.visibility,
        Some(Visibility::CircleOnly)
    );
    assert_eq!(selected_id(&app), Some(1));
    press(&mut app, key(KeyCode::Esc), now);
    assert_eq!(app.views.notes.shown(&app.state().notes).len(), 5);
    assert_eq!(selected_id(&app), Some(1), "the selection stays put");

    // The segment filter takes the segment on: the open floor.
    press(&mut app, key(KeyCode::Char('F')), now);
    assert_eq!(app.views.notes.filter.segment, Some(OPEN_FLOOR));
    assert_eq!(app.views.notes.shown(&app.state().notes).len(), 2);
    press(&mut app, key(KeyCode::Char('F')), now);
    assert_eq!(app.views.notes.filter.segment, None);

    press(&mut app, key(KeyCode::Char('/')), now);
    assert!(matches!(
        app.views.notes.prompt,
        Some(NotesPrompt::Search(_))
    ));
    typing(&mut app, "RENT", now);
    let shown: Vec<u32> = app
        .views
        .notes
        .shown(&app.state().notes)
        .iter()
        .map(|n| n.id.0)
        .collect();
    assert_eq!(shown, [1]);
    press(&mut app, key(KeyCode::Enter), now);
    assert_eq!(app.views.notes.prompt, None);
    assert_eq!(
        app.views.notes.filter.text, "RENT",
        "enter keeps the search"
    );
    press(&mut app, key(KeyCode::Char('/')), now);
    press(&mut app, key(KeyCode::Esc), now);
    assert_eq!(app.views.notes.filter.text, "");
}

#[test]
fn enter_edits_the_selected_note_and_logs_an_edit() {
    let mut app = on_notes_screen();
    let now = later();
    press(&mut app, key(KeyCode::Char('j')), now);
    press(&mut app, key(KeyCode::Enter), now);
    let e = editor(&app);
    assert_eq!(e.editing, Some(NoteId(1)));
    assert_eq!(e.visibility, Visibility::CircleOnly);
    assert_eq!(e.taken, at(1500));
    typing(&mut app, " Ana agreed.", now);
    press(&mut app, ctrl('s'), now);
    let Some(NoteEvent::Edited(n)) = note_events(&app).last().copied() else {
        panic!("no edit logged")
    };
    assert_eq!(
        n.text,
        "Kim felt unheard when the rent went up\nand said so plainly. Ana agreed."
    );
    assert_eq!(app.state().notes.added_at(NoteId(1)), Some(at(1500)));
    // Saving an unchanged note logs nothing.
    let before = app.session().events.len();
    press(&mut app, key(KeyCode::Enter), now);
    press(&mut app, ctrl('s'), now);
    assert_eq!(app.session().events.len(), before);
}

#[test]
fn a_parked_topic_is_taken_up_in_a_later_segment() {
    let mut app = on_notes_screen();
    let now = later();
    press(&mut app, key(KeyCode::Char('t')), now);
    assert!(
        app.flash
            .as_deref()
            .unwrap()
            .starts_with("only a parking-lot topic"),
        "{:?}",
        app.flash
    );
    for _ in 0..4 {
        press(&mut app, key(KeyCode::Down), now);
    }
    press(&mut app, key(KeyCode::Char('t')), now);
    assert!(matches!(
        app.views.notes.prompt,
        Some(NotesPrompt::TakeUp { .. })
    ));
    press(&mut app, key(KeyCode::Down), now);
    press(&mut app, key(KeyCode::Enter), now);
    assert_eq!(
        app.state().notes.get(NoteId(4)).unwrap().kind,
        NoteKind::ParkingLot {
            moved_to: Some(circlekeeper::core::run::SegmentId(3))
        }
    );
    assert_eq!(
        app.flash.as_deref(),
        Some("taken up in 'Closing' — u undoes")
    );
}

#[test]
fn the_harvest_is_written_beside_the_session_and_a_failure_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_notes_screen();
    app.settings.path = dir.path().join("rent.ron");
    press(&mut app, key(KeyCode::Char('H')), later());
    // First a look at what would leave the circle; nothing is written yet.
    assert!(matches!(
        app.views.notes.prompt,
        Some(NotesPrompt::Export(_))
    ));
    app.settle(later());
    let written = dir.path().join("rent.harvest.md");
    assert!(!written.exists());
    press(&mut app, key(KeyCode::Enter), later());
    // The file is written off the key path; its answer comes back.
    app.settle(later());
    assert_eq!(
        app.flash.as_deref(),
        Some(format!("harvest written: {}", written.display()).as_str())
    );
    let md = std::fs::read_to_string(&written).unwrap();
    assert!(md.contains("We meet again in two weeks"), "{md}");
    assert!(!md.contains("unheard"), "{md}");
    assert!(md.contains("1 note was kept in the circle"), "{md}");

    app.settings.path = dir.path().join("no such folder").join("rent.ron");
    press(&mut app, key(KeyCode::Char('H')), later());
    press(&mut app, key(KeyCode::Enter), later());
    app.settle(later());
    let flash = app.flash.clone().unwrap();
    assert!(flash.starts_with("harvest NOT written: "), "{flash}");
}

/// What Enter writes is the harvest that was checked, even when Enter
/// comes minutes later: not one built again at that moment.
#[test]
fn the_harvest_written_is_the_one_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_notes_screen();
    app.settings.path = dir.path().join("rent.ron");
    press(&mut app, key(KeyCode::Char('H')), later());
    let Some(NotesPrompt::Export(open)) = &app.views.notes.prompt else {
        panic!("the privacy check is open");
    };
    let checked = open.harvest.to_markdown();
    let minutes_on = later() + jiff::SignedDuration::from_mins(25);
    press(&mut app, key(KeyCode::Enter), minutes_on);
    app.settle(minutes_on);
    let written = std::fs::read_to_string(dir.path().join("rent.harvest.md")).unwrap();
    assert_eq!(written, checked);
}

#[test]
fn the_privacy_check_lists_names_and_anonymizing_hides_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_notes_screen();
    app.settings.path = dir.path().join("rent.ron");
    press(&mut app, key(KeyCode::Char('H')), later());
    let screen = text(&draw(&app, later(), 100, 40));
    assert!(screen.contains("names as written"), "{screen}");
    assert!(screen.contains("a anonymize: off"), "{screen}");
    assert!(
        screen.contains("A records who agreed to be named"),
        "{screen}"
    );
    press(&mut app, key(KeyCode::Char('a')), later());
    let screen = text(&draw(&app, later(), 100, 40));
    assert!(screen.contains("anonymized"), "{screen}");
    assert!(screen.contains("a anonymize: on"), "{screen}");
    press(&mut app, key(KeyCode::Enter), later());
    app.settle(later());
    let md = std::fs::read_to_string(dir.path().join("rent.harvest.md")).unwrap();
    for name in ["Ana", "Silva", "Kim", "Joakim"] {
        assert!(!md.contains(name), "{name} in {md}");
    }
    // Esc writes nothing.
    std::fs::remove_file(dir.path().join("rent.harvest.md")).unwrap();
    press(&mut app, key(KeyCode::Char('H')), later());
    press(&mut app, key(KeyCode::Esc), later());
    app.settle(later());
    assert_eq!(app.flash.as_deref(), Some("no harvest written"));
    assert!(!dir.path().join("rent.harvest.md").exists());
}

#[test]
fn one_key_changes_a_listed_notes_privacy() {
    let mut app = on_notes_screen();
    press(&mut app, key(KeyCode::Char('S')), later());
    assert_eq!(
        app.state().notes.get(NoteId(0)).unwrap().visibility,
        Visibility::CircleOnly
    );
    assert_eq!(
        app.flash.as_deref(),
        Some("now kept in the circle — u undoes")
    );
    press(&mut app, key(KeyCode::Char('u')), later());
    assert!(app.state().notes.get(NoteId(0)).unwrap().is_shared());
}

#[test]
fn a_confidential_note_is_not_shared_without_consent() {
    let mut app = on_notes_screen();
    press(&mut app, key(KeyCode::Char('j')), later());
    assert_eq!(selected_id(&app), Some(1));
    let logged = app.session().events.len();
    // S asks who agreed; Esc records nothing and the note stays.
    press(&mut app, key(KeyCode::Char('S')), later());
    assert!(matches!(
        app.views.notes.prompt,
        Some(NotesPrompt::Consent(_))
    ));
    press(&mut app, key(KeyCode::Enter), later());
    assert!(
        matches!(app.views.notes.prompt, Some(NotesPrompt::Consent(_))),
        "enter with nobody marked records nothing"
    );
    press(&mut app, key(KeyCode::Esc), later());
    assert_eq!(
        app.flash.as_deref(),
        Some("nothing recorded: the note stays in the circle")
    );
    assert!(!app.state().notes.get(NoteId(1)).unwrap().is_shared());
    assert_eq!(app.session().events.len(), logged, "nothing logged");
    // The decision everyone agreed to share goes back and forth freely.
    press(&mut app, key(KeyCode::Char('j')), later());
    press(&mut app, key(KeyCode::Char('S')), later());
    assert!(!app.state().notes.get(NoteId(2)).unwrap().is_shared());
    press(&mut app, key(KeyCode::Char('S')), later());
    assert!(app.state().notes.get(NoteId(2)).unwrap().is_shared());
}

#[test]
fn all_present_agreed_shares_and_undo_says_what_it_undid() {
    let mut app = on_notes_screen();
    press(&mut app, key(KeyCode::Char('j')), later());
    let logged = app.session().events.len();
    press(&mut app, key(KeyCode::Char('S')), later());
    press(&mut app, key(KeyCode::Char('a')), later());
    assert_eq!(app.views.notes.prompt, None);
    assert!(app.state().notes.get(NoteId(1)).unwrap().is_shared());
    // One consent event, naming everyone present.
    assert_eq!(app.session().events.len(), logged + 1);
    assert_eq!(
        app.session().events.last().unwrap().event,
        consent::agree(
            Subject::Note(NoteId(1)),
            vec![PersonId(0), PersonId(1), PersonId(2)]
        )
    );
    let flash = app.flash.clone().unwrap();
    assert!(
        flash.starts_with("shared: agreed by all 3 present at ") && flash.ends_with("u undoes"),
        "{flash}"
    );
    press(&mut app, key(KeyCode::Char('u')), later());
    assert_eq!(
        app.flash.as_deref(),
        Some("undone: Ana Silva, Kim Ng and Joakim Berg agreeing to share a note")
    );
    assert!(!app.state().notes.get(NoteId(1)).unwrap().is_shared());
}

#[test]
fn one_by_one_then_withdrawn_puts_the_note_back_in_the_circle() {
    let mut app = on_notes_screen();
    press(&mut app, key(KeyCode::Char('j')), later());
    // Nothing agreed yet: nothing to withdraw.
    press(&mut app, key(KeyCode::Char('U')), later());
    assert_eq!(
        app.flash.as_deref(),
        Some("no one has agreed to share this note: there is nothing to withdraw")
    );
    // Two of three marked: recorded, but still kept.
    press(&mut app, key(KeyCode::Char('S')), later());
    press(&mut app, key(KeyCode::Char(' ')), later());
    press(&mut app, key(KeyCode::Char(' ')), later());
    press(&mut app, key(KeyCode::Enter), later());
    assert!(!app.state().notes.get(NoteId(1)).unwrap().is_shared());
    let flash = app.flash.clone().unwrap();
    assert!(
        flash.starts_with("kept in the circle: 2 of 3 agreed; Joakim Berg has not agreed yet"),
        "{flash}"
    );
    // The third agrees: shared.
    press(&mut app, key(KeyCode::Char('S')), later());
    press(&mut app, key(KeyCode::Char('j')), later());
    press(&mut app, key(KeyCode::Char('j')), later());
    press(&mut app, key(KeyCode::Char(' ')), later());
    press(&mut app, key(KeyCode::Enter), later());
    assert!(app.state().notes.get(NoteId(1)).unwrap().is_shared());
    // Kim withdraws: back in the circle, and the log says who.
    press(&mut app, key(KeyCode::Char('U')), later());
    press(&mut app, key(KeyCode::Char('j')), later());
    press(&mut app, key(KeyCode::Char(' ')), later());
    press(&mut app, key(KeyCode::Enter), later());
    assert!(!app.state().notes.get(NoteId(1)).unwrap().is_shared());
    assert_eq!(
        app.session().events.last().unwrap().event,
        consent::withdraw(Subject::Note(NoteId(1)), vec![PersonId(1)])
    );
    assert_eq!(
        app.flash.as_deref(),
        Some("consent withdrawn: back in the circle — u undoes")
    );
}

#[test]
fn a_note_being_written_when_the_app_is_stopped_is_kept() {
    let mut app = app_with(plan(), &[(0, start(CONFLICT))]);
    press(&mut app, ctrl('n'), at(60));
    typing(&mut app, "What Kim said about the letter", at(61));
    // A half-typed follow-up date cannot stop the text being kept.
    for _ in 0..5 {
        press(&mut app, ctrl('t'), at(62));
    }
    press(&mut app, key(KeyCode::Tab), at(62));
    press(&mut app, key(KeyCode::Tab), at(62));
    press(&mut app, key(KeyCode::Tab), at(62));
    assert_eq!(editor(&app).focus, Field::By);
    typing(&mut app, "2026-1", at(63));
    app.keep_draft(at(64));
    assert_eq!(app.views.notes.prompt, None);
    let n = app.state().notes.all().next().unwrap();
    assert_eq!(n.text, "What Kim said about the letter");
    assert_eq!(n.visibility, Visibility::CircleOnly);
    // Nothing open, nothing typed: nothing logged.
    app.keep_draft(at(65));
    press(&mut app, ctrl('n'), at(66));
    app.keep_draft(at(67));
    assert_eq!(note_events(&app).len(), 1);
}

#[test]
fn quick_capture_is_bound_on_every_screen() {
    use circlekeeper::tui::action::Action;
    use circlekeeper::tui::keymap::Key;
    let app = app_with(plan(), &[]);
    for screen in Screen::ALL {
        let keys = app
            .settings
            .keymap
            .keys_for(screen.context(), Action::WriteNote);
        assert!(
            keys.contains(&Key::parse("ctrl-n").unwrap()),
            "{screen:?}: {keys:?}"
        );
    }
}

#[test]
fn esc_after_only_changing_privacy_asks_first() {
    let mut app = on_notes_screen();
    let now = later();
    press(&mut app, key(KeyCode::Char('j')), now);
    press(&mut app, key(KeyCode::Enter), now);
    assert_eq!(editor(&app).visibility, Visibility::CircleOnly);
    press(&mut app, ctrl('p'), now);
    press(&mut app, key(KeyCode::Esc), now);
    assert!(
        editor(&app).confirm_discard,
        "a privacy change is not dropped silently"
    );
}

#[test]
fn while_saves_fail_a_note_is_kept_not_said_to_be_saved() {
    use circlekeeper::tui::saver::SaveStatus;
    let mut app = in_check_in();
    app.save = SaveStatus::Failed("No space left on device".into());
    press(&mut app, ctrl('n'), at(120));
    typing(&mut app, "Ana brought soup", at(125));
    press(&mut app, ctrl('s'), at(130));
    assert_eq!(app.flash.as_deref(), Some("note kept, not yet on disk"));
    assert_eq!(app.state().notes.all().count(), 1);
    assert!(matches!(app.save, SaveStatus::Failed(_)), "still says so");
    // Saved again, the usual word comes back.
    app.save = SaveStatus::Pending;
    press(&mut app, ctrl('n'), at(140));
    typing(&mut app, "Kim takes the keys", at(145));
    press(&mut app, ctrl('s'), at(150));
    assert_eq!(app.flash.as_deref(), Some("note saved"));
}

#[test]
fn without_a_roster_a_confidential_note_cannot_be_shared_and_says_why() {
    let mut plan = plan();
    plan.roster.clear();
    let mut app = app_with(plan, &[(0, start(CONFLICT))]);
    press(&mut app, ctrl('n'), at(60));
    typing(&mut app, "Nobody is on the roster tonight", at(60));
    press(&mut app, ctrl('s'), at(61));
    app.screen = Screen::Notes;
    let logged = app.session().events.len();
    press(&mut app, key(KeyCode::Char('S')), at(62));
    assert_eq!(app.views.notes.prompt, None);
    assert_eq!(
        app.flash.as_deref(),
        Some("not shared: there is no one on the roster to agree (add people on People)")
    );
    assert_eq!(app.session().events.len(), logged);
}
