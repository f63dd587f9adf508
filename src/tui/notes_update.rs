//! What the note-taker does: quick capture from any screen, and on the
//! Notes screen the list's filters, search, edits, deletes, undo, taking up
//! a parked topic and writing the harvest.
//!
//! Every change to a note is a logged `NoteEvent`, so the saver has it on
//! disk within a second and `u` takes it back.

use crossterm::event::{KeyCode, KeyEvent};
use jiff::Timestamp;

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::keymap::Context;
use super::widgets::note_editor::{NoteEditor, Outcome};
use crate::core::event::{Event, Scope, effective};
use crate::core::harvest::{Format, Harvest, Options, airtime_lines};
use crate::core::note::{Kind, Note, NoteEvent, NoteFilter, NoteId, Notes, Visibility};
use crate::core::note::{NoteKind, default_visibility};
use crate::core::person::PersonId;
use crate::core::run::{SegmentId, Status};
use crate::core::state::State;

/// The Notes screen's list: what it is narrowed to and where the cursor is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesView {
    pub filter: NoteFilter,
    /// Index into the notes shown.
    pub cursor: usize,
}

impl NotesView {
    /// The notes the filter lets through, in the order they were taken.
    pub fn shown<'a>(&'a self, notes: &'a Notes) -> Vec<&'a Note> {
        notes.filtered(&self.filter).collect()
    }

    /// The note under the cursor (the last one if the cursor is past it).
    pub fn selected<'a>(&'a self, notes: &'a Notes) -> Option<&'a Note> {
        let shown = self.shown(notes);
        let i = self.cursor.min(shown.len().saturating_sub(1));
        shown.get(i).copied()
    }

    fn select(&mut self, notes: &Notes, id: Option<NoteId>) {
        let shown = self.shown(notes);
        self.cursor = id
            .and_then(|id| shown.iter().position(|n| n.id == id))
            .unwrap_or(0);
    }
}

/// Who is speaking now, from the stack or the round in progress.
pub fn current_speaker(state: &State) -> Option<PersonId> {
    super::circle::running_turn(state).map(|t| t.person)
}

/// Segments a parked topic can be taken up in: the one on, then those to come.
pub fn take_up_choices(state: &State) -> Vec<SegmentId> {
    let run = &state.run;
    let status = |id: SegmentId| run.progress(id).map(|p| p.status);
    let on = run
        .current
        .filter(|id| matches!(status(*id), Some(Status::Running | Status::Paused)));
    on.into_iter()
        .chain(
            run.order
                .iter()
                .copied()
                .filter(|id| status(*id) == Some(Status::Upcoming)),
        )
        .collect()
}

/// Opens the editor for a new note, its context filled in: the segment on,
/// the time, and who is speaking. A confidential segment's note starts
/// kept in the circle.
pub fn capture(app: &mut App, now: Timestamp) {
    let run = &app.state.run;
    let segment = run.current;
    let visibility = default_visibility(run.current_segment());
    let speaker = current_speaker(&app.state);
    let editor = NoteEditor::new(segment, speaker, visibility, now, &app.theme);
    app.overlay = Some(Overlay::Note(Box::new(editor)));
}

/// Acts on quick capture from any screen and on the Notes screen's own
/// actions; false leaves the action to the rest of the app.
pub fn update(app: &mut App, action: Action, now: Timestamp) -> bool {
    if action == Action::WriteNote {
        capture(app, now);
        return true;
    }
    if app.screen != Screen::Notes {
        return false;
    }
    let notes = &app.state.notes;
    let selected = app.notes_view.selected(notes).cloned();
    let count = app.notes_view.shown(notes).len();
    let view = &mut app.notes_view;
    match action {
        Action::Up => view.cursor = view.cursor.min(count.saturating_sub(1)).saturating_sub(1),
        Action::Down => view.cursor = (view.cursor + 1).min(count.saturating_sub(1)),
        Action::Back if view.filter != NoteFilter::default() => {
            view.filter = NoteFilter::default();
            view.select(notes, selected.map(|n| n.id));
            app.flash = Some("showing every note".into());
        }
        Action::SearchNotes => app.overlay = Some(Overlay::NoteSearch),
        Action::FilterKind => {
            let next = match view.filter.kind {
                None => Some(Kind::ALL[0]),
                Some(k) if k.next() == Kind::ALL[0] => None,
                Some(k) => Some(k.next()),
            };
            view.filter.kind = next;
            view.select(notes, selected.map(|n| n.id));
        }
        Action::FilterVisibility => {
            view.filter.visibility = match view.filter.visibility {
                None => Some(Visibility::Shared),
                Some(Visibility::Shared) => Some(Visibility::CircleOnly),
                Some(Visibility::CircleOnly) => None,
            };
            view.select(notes, selected.map(|n| n.id));
        }
        Action::FilterSegment => {
            // The segment on, else the selected note's.
            let here = app
                .state
                .run
                .current
                .or(selected.as_ref().and_then(|n| n.segment));
            view.filter.segment = match (view.filter.segment, here) {
                (Some(_), _) => None,
                (None, Some(s)) => Some(s),
                (None, None) => {
                    app.flash = Some("no segment is on".into());
                    return true;
                }
            };
            view.select(notes, selected.map(|n| n.id));
        }
        Action::EditNote => match selected {
            Some(note) => {
                let taken = notes.added_at(note.id).unwrap_or(now);
                let editor = NoteEditor::edit(&note, taken, &app.theme);
                app.overlay = Some(Overlay::Note(Box::new(editor)));
            }
            None => app.flash = Some("no note here to edit".into()),
        },
        Action::DeleteNote => match selected {
            Some(note) => {
                app.log(now, Event::Note(NoteEvent::Deleted(note.id)));
                let left = app.notes_view.shown(&app.state.notes).len();
                app.notes_view.cursor = app.notes_view.cursor.min(left.saturating_sub(1));
                app.flash = Some(format!("deleted — {} undoes", undo_key(app)));
            }
            None => app.flash = Some("no note here to delete".into()),
        },
        Action::ToggleVisibility => match selected {
            Some(note) => {
                let visibility = note.visibility.toggle();
                let id = note.id;
                app.log(
                    now,
                    Event::Note(NoteEvent::SetVisibility { id, visibility }),
                );
                let what = match visibility {
                    Visibility::Shared => "now shared: it goes into the harvest",
                    Visibility::CircleOnly => "now kept in the circle",
                };
                app.flash = Some(format!("{what} — {} undoes", undo_key(app)));
                app.notes_view.select(&app.state.notes, Some(id));
            }
            None => app.flash = Some("no note here".into()),
        },
        Action::Undo => {
            let last = effective(&app.session.events)
                .into_iter()
                .rev()
                .find(|e| e.event.in_scope(Scope::Notes))
                .map(|e| touched_note(&e.event));
            if let Some(touched) = last {
                app.log(now, Event::Undo(Scope::Notes));
                // The note brought back (or changed back) is the one to see.
                let restored = touched.filter(|id| app.state.notes.get(*id).is_some());
                let keep = restored.or(selected.map(|n| n.id));
                app.notes_view.select(&app.state.notes, keep);
                app.flash = Some("undone".into());
            } else {
                app.flash = Some("nothing to undo in the notes".into());
            }
        }
        Action::TakeUp => take_up(app, selected.as_ref()),
        Action::ExportHarvest => export_harvest(app, now),
        _ => return false,
    }
    true
}

/// The note a logged note event is about.
fn touched_note(event: &Event) -> Option<NoteId> {
    match event {
        Event::Note(ev) => Some(match ev {
            NoteEvent::Added(n) | NoteEvent::Edited(n) => n.id,
            NoteEvent::Deleted(id) => *id,
            NoteEvent::MovedToSegment { id, .. }
            | NoteEvent::TakenUp { id, .. }
            | NoteEvent::SetVisibility { id, .. } => *id,
        }),
        _ => None,
    }
}

fn undo_key(app: &App) -> String {
    app.keymap
        .keys_for(Context::Notes, Action::Undo)
        .first()
        .map_or("undo".into(), |k| k.label())
}

fn take_up(app: &mut App, selected: Option<&Note>) {
    let Some(note) = selected else {
        app.flash = Some("no note here".into());
        return;
    };
    if note.kind.kind() != Kind::ParkingLot {
        app.flash = Some(format!(
            "only a parking-lot topic is taken up (this is a {})",
            note.kind.label()
        ));
        return;
    }
    if take_up_choices(&app.state).is_empty() {
        app.flash = Some("no segment is left to take it up in".into());
        return;
    }
    app.overlay = Some(Overlay::TakeUp {
        note: note.id,
        cursor: 0,
    });
}

/// Writes the Markdown harvest beside the session and says where.
fn export_harvest(app: &mut App, now: Timestamp) {
    let options = Options {
        anonymize: false,
        time_zone: app.tz.clone(),
    };
    let airtime = airtime_lines(&app.state, now);
    let airtime = (!airtime.is_empty()).then_some(airtime.as_slice());
    let harvest = Harvest::build(&app.session, &app.state, &options, airtime);
    app.flash = Some(
        match crate::store::harvest::write_harvest(&app.path, &harvest, Format::Markdown) {
            Ok(path) => format!("harvest written: {}", path.display()),
            Err(e) => format!("harvest NOT written: {e}"),
        },
    );
}

/// Keys while the editor, the search line or the take-up picker is open.
pub fn overlay_key(app: &mut App, key: KeyEvent, now: Timestamp) {
    match &mut app.overlay {
        Some(Overlay::Note(editor)) => {
            let segments = app.state.run.order.clone();
            match editor.on_key(key, &app.state.people, &segments) {
                Outcome::Editing => {}
                Outcome::Cancel => app.overlay = None,
                Outcome::Save => save(app, now),
            }
        }
        Some(Overlay::NoteSearch) => {
            let view = &mut app.notes_view;
            let count = view.shown(&app.state.notes).len();
            match key.code {
                KeyCode::Enter => app.overlay = None,
                KeyCode::Esc => {
                    view.filter.text.clear();
                    app.overlay = None;
                }
                KeyCode::Backspace => {
                    view.filter.text.pop();
                    view.cursor = 0;
                }
                KeyCode::Up => view.cursor = view.cursor.saturating_sub(1),
                KeyCode::Down => view.cursor = (view.cursor + 1).min(count.saturating_sub(1)),
                KeyCode::Char(c) => {
                    view.filter.text.push(c);
                    view.cursor = 0;
                }
                _ => {}
            }
        }
        Some(Overlay::TakeUp { note, cursor }) => {
            let choices = take_up_choices(&app.state);
            match key.code {
                KeyCode::Esc => app.overlay = None,
                KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => {
                    *cursor = (*cursor + 1).min(choices.len().saturating_sub(1))
                }
                KeyCode::Enter => {
                    let id = *note;
                    let segment = choices.get(*cursor).copied();
                    app.overlay = None;
                    if let Some(seg) = segment {
                        app.log(
                            now,
                            Event::Note(NoteEvent::TakenUp {
                                id,
                                segment: Some(seg),
                            }),
                        );
                        let title = app.state.run.segment(seg).map_or("", |s| &s.title);
                        app.flash =
                            Some(format!("taken up in '{title}' — {} undoes", undo_key(app)));
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// Saves the note in the editor: a new note is added, an edited one
/// replaced. An error (no text, a bad date) stays in the editor.
fn save(app: &mut App, now: Timestamp) {
    let Some(Overlay::Note(editor)) = &mut app.overlay else {
        return;
    };
    let editing = editor.editing;
    let id = editing.unwrap_or(app.state.notes.next_id());
    let Ok(note) = editor.build(id, &app.state.people) else {
        return;
    };
    app.overlay = None;
    if editing.is_some() && app.state.notes.get(id) == Some(&note) {
        app.flash = Some("no change".into());
        return;
    }
    let kept = !note.is_shared();
    let event = match editing {
        Some(_) => NoteEvent::Edited(note),
        None => NoteEvent::Added(note),
    };
    app.log(now, Event::Note(event));
    app.notes_view.select(&app.state.notes, Some(id));
    app.flash = Some(
        if kept {
            "note saved, kept in the circle"
        } else {
            "note saved"
        }
        .into(),
    );
}

/// On the way out (a signal, a hang-up), a note still being written is
/// saved rather than lost: as it stands if it can be, else its text as a
/// plain note with the privacy it had.
pub fn keep_draft(app: &mut App, now: Timestamp) {
    let Some(Overlay::Note(editor)) = &mut app.overlay else {
        return;
    };
    if !editor.is_dirty() || editor.text().trim().is_empty() {
        return;
    }
    let id = editor.editing.unwrap_or(app.state.notes.next_id());
    let event = match (editor.build(id, &app.state.people), editor.editing) {
        (Ok(note), Some(_)) => NoteEvent::Edited(note),
        (Ok(note), None) => NoteEvent::Added(note),
        // A draft that does not hold together (a half-typed date, say) is
        // kept as a plain new note: the note it was editing stays as it was.
        (Err(_), _) => NoteEvent::Added(Note {
            id: app.state.notes.next_id(),
            kind: NoteKind::Note,
            text: editor.text(),
            visibility: editor.visibility,
            segment: editor.segment,
            speaker: None,
            group: None,
        }),
    };
    app.overlay = None;
    app.log(now, Event::Note(event));
}

/// Pasted text for the editor or the search line; false if neither is open.
pub fn on_paste(app: &mut App, text: &str) -> bool {
    match &mut app.overlay {
        Some(Overlay::Note(editor)) => editor.paste(text),
        Some(Overlay::NoteSearch) => {
            let line = text.lines().next().unwrap_or("");
            app.notes_view.filter.text.push_str(line);
            app.notes_view.cursor = 0;
        }
        _ => return false,
    }
    true
}

/// A parked topic's "taken up in ..." for lists and the detail pane.
pub fn taken_up_in(state: &State, note: &Note) -> Option<String> {
    match note.kind {
        NoteKind::ParkingLot {
            moved_to: Some(seg),
        } => state.run.segment(seg).map(|s| s.title.clone()),
        _ => None,
    }
}
