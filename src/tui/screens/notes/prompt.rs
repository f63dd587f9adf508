//! The Notes screen's prompts: the note editor (opened by quick capture on
//! any screen, so it floats over every one), the search line, the
//! take-up picker, the consent dialog and the harvest's privacy check.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::share::{self, ExportPreview};
use super::{NotesView, take_up_choices, undo_key};
use crate::core::event::Event;
use crate::core::note::{Note, NoteEvent, NoteId, NoteKind, default_visibility};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::contract::{Ctx, Outcome, View};
use crate::tui::widgets::centered;
use crate::tui::widgets::consent::ConsentDialog;
use crate::tui::widgets::line_input::{Edit, LineInput};
use crate::tui::widgets::note_editor::{self, NoteEditor};

/// A prompt of the Notes screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesPrompt {
    /// Writing or editing a note.
    Editor(Box<NoteEditor>),
    /// Typing a search; the list follows each letter.
    Search(LineInput),
    /// Choosing the segment a parked topic is taken up in.
    TakeUp { note: NoteId, cursor: usize },
    /// Who agreed to share a note (or withdraws).
    Consent(ConsentDialog),
    /// What the harvest would share, before it is written.
    Export(Box<ExportPreview>),
}

/// Opens the editor for a new note, its context filled in: the segment on,
/// the time, and who is speaking. A confidential segment's note starts
/// kept in the circle.
pub fn capture(ctx: &mut Ctx<NotesView>) {
    let state = ctx.timeline.state();
    let segment = state.run.current;
    let visibility = default_visibility(state.run.current_segment());
    let speaker = state.running_turn().map(|t| t.person);
    let editor = NoteEditor::new(segment, speaker, visibility, ctx.now, &ctx.settings.theme);
    ctx.view.prompt = Some(NotesPrompt::Editor(Box::new(editor)));
}

/// Keys while the editor, the search line or the take-up picker is open;
/// `Ignored` when none is.
pub fn on_key(ctx: &mut Ctx<NotesView>, key: KeyEvent) -> Outcome {
    let Some(prompt) = ctx.view.prompt.take() else {
        return Outcome::Ignored;
    };
    ctx.view.prompt = match prompt {
        NotesPrompt::Editor(mut editor) => {
            let state = ctx.timeline.state();
            let segments = state.run.order.clone();
            match editor.on_key(key, &state.people, &segments) {
                note_editor::Outcome::Editing => Some(NotesPrompt::Editor(editor)),
                note_editor::Outcome::Cancel => None,
                note_editor::Outcome::Save => save(ctx, editor),
            }
        }
        NotesPrompt::Search(mut input) => {
            let count = ctx.view.shown(&ctx.timeline.state().notes).len();
            let view = &mut *ctx.view;
            match (key.code, input.on_key(&key)) {
                (_, Edit::Enter) => None,
                (_, Edit::Esc) => {
                    view.filter.text.clear();
                    None
                }
                (_, Edit::Changed) => {
                    view.filter.text = input.text.clone();
                    view.cursor = 0;
                    Some(NotesPrompt::Search(input))
                }
                (KeyCode::Up, _) => {
                    view.cursor = view.cursor.saturating_sub(1);
                    Some(NotesPrompt::Search(input))
                }
                (KeyCode::Down, _) => {
                    view.cursor = (view.cursor + 1).min(count.saturating_sub(1));
                    Some(NotesPrompt::Search(input))
                }
                _ => Some(NotesPrompt::Search(input)),
            }
        }
        NotesPrompt::TakeUp { note, cursor } => {
            let choices = take_up_choices(ctx.state());
            match key.code {
                KeyCode::Esc => None,
                KeyCode::Up | KeyCode::Char('k') => Some(cursor.saturating_sub(1)),
                KeyCode::Down | KeyCode::Char('j') => {
                    Some((cursor + 1).min(choices.len().saturating_sub(1)))
                }
                KeyCode::Enter => {
                    if let Some(segment) = choices.get(cursor).copied() {
                        ctx.log(Event::Note(NoteEvent::TakenUp {
                            id: note,
                            segment: Some(segment),
                        }));
                        let run = &ctx.state().run;
                        let title = run.segment(segment).map_or("", |s| &s.title);
                        let said = format!("taken up in '{title}' — {}", undo_key(ctx.settings));
                        ctx.say(said);
                    }
                    None
                }
                _ => Some(cursor),
            }
            .map(|cursor| NotesPrompt::TakeUp { note, cursor })
        }
        NotesPrompt::Consent(open) => share::consent_key(ctx, open, &key),
        NotesPrompt::Export(open) => share::export_key(ctx, open, &key),
    };
    Outcome::Done
}

/// Saves the note in the editor: a new note is added, an edited one
/// replaced. An error (no text, a bad date) keeps the editor open with it.
fn save(ctx: &mut Ctx<NotesView>, mut editor: Box<NoteEditor>) -> Option<NotesPrompt> {
    let editing = editor.editing;
    let state = ctx.timeline.state();
    let id = editing.unwrap_or(state.notes.next_id());
    let today = ctx.now.to_zoned(ctx.settings.tz.clone()).date();
    let Ok(note) = editor.build(id, &state.people, today) else {
        return Some(NotesPrompt::Editor(editor));
    };
    if editing.is_some() && state.notes.get(id) == Some(&note) {
        ctx.say("no change");
        return None;
    }
    let wanted_shared = note.is_shared();
    let event = match editing {
        Some(_) => NoteEvent::Edited(note),
        None => NoteEvent::Added(note),
    };
    ctx.log(Event::Note(event));
    // Consent may keep a note in the circle that was written as shared.
    let notes = &ctx.timeline.state().notes;
    let kept = notes.get(id).is_some_and(|n| !n.is_shared());
    ctx.view.select(notes, Some(id));
    // The status bar's word on the disk decides: never "saved" beside
    // NOT SAVED.
    let said = match (ctx.on_disk, kept) {
        (true, true) => "note saved, kept in the circle",
        (true, false) => "note saved",
        (false, true) => "note kept (in the circle), not yet on disk",
        (false, false) => "note kept, not yet on disk",
    };
    if kept && wanted_shared {
        let share = ctx.settings.key(Context::Notes, Action::ToggleVisibility);
        ctx.say(format!(
            "{said} until everyone it needs agrees ({share} asks who did)"
        ));
    } else {
        ctx.say(said);
    }
    None
}

/// On the way out (a signal, a hang-up), a note still being written is
/// saved rather than lost: as it stands if it can be, else its text as a
/// plain note with the privacy it had.
pub fn keep_draft(ctx: &mut Ctx<NotesView>) {
    let Some(NotesPrompt::Editor(editor)) = &mut ctx.view.prompt else {
        return;
    };
    if !editor.is_dirty() || editor.text().trim().is_empty() {
        return;
    }
    let state = ctx.timeline.state();
    let id = editor.editing.unwrap_or(state.notes.next_id());
    let today = ctx.now.to_zoned(ctx.settings.tz.clone()).date();
    let event = match (editor.build(id, &state.people, today), editor.editing) {
        (Ok(note), Some(_)) => NoteEvent::Edited(note),
        (Ok(note), None) => NoteEvent::Added(note),
        // A draft that does not hold together (a half-typed date, say) is
        // kept as a plain new note: the note it was editing stays as it was.
        (Err(_), _) => NoteEvent::Added(Note {
            id: state.notes.next_id(),
            kind: NoteKind::Note,
            text: editor.text(),
            visibility: editor.visibility,
            segment: editor.segment,
            speaker: None,
            group: None,
        }),
    };
    ctx.view.prompt = None;
    ctx.log(Event::Note(event));
}

/// Pasted text for the editor or the search line.
pub fn on_paste(ctx: &mut Ctx<NotesView>, text: &str) -> Outcome {
    let view = &mut *ctx.view;
    match &mut view.prompt {
        Some(NotesPrompt::Editor(editor)) => editor.paste(text),
        Some(NotesPrompt::Search(input)) => {
            input.paste(text);
            view.filter.text = input.text.clone();
            view.cursor = 0;
        }
        _ => return Outcome::Ignored,
    }
    Outcome::Done
}

/// Draws the open prompt over the whole frame (the search line is drawn in
/// the list's summary line).
pub fn modal(v: &View<NotesView>, area: Rect, buf: &mut Buffer) {
    match &v.view.prompt {
        Some(NotesPrompt::Editor(editor)) => {
            let today = v.now.to_zoned(v.tz().clone()).date();
            note_editor::render(editor, v.state(), v.theme(), v.tz(), today, area, buf)
        }
        Some(NotesPrompt::TakeUp { note, cursor }) => take_up(v, *note, *cursor, area, buf),
        Some(NotesPrompt::Consent(open)) => share::render_consent(v, open, area, buf),
        Some(NotesPrompt::Export(open)) => share::render_export(v, open, area, buf),
        _ => {}
    }
}

/// The picker for the segment a parked topic is taken up in.
fn take_up(v: &View<NotesView>, note: NoteId, cursor: usize, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let run = &v.state().run;
    let topic = v
        .state()
        .notes
        .get(note)
        .and_then(|n| n.text.lines().next())
        .unwrap_or("");
    let mut lines = vec![
        Line::raw(format!("Parked: {topic}")),
        Line::styled("↑↓ choose · enter takes it up there · esc", t.dim),
    ];
    for (i, id) in take_up_choices(v.state()).iter().enumerate() {
        let Some(seg) = run.segment(*id) else {
            continue;
        };
        let when = if Some(*id) == run.current {
            "on now"
        } else {
            "to come"
        };
        let line = Line::from(vec![
            Span::raw(format!("{:<40} ", seg.title)),
            Span::styled(when, t.dim),
        ]);
        lines.push(if i == cursor {
            line.style(t.selected)
        } else {
            line
        });
    }
    let box_area = centered(area, 64, lines.len() as u16 + 2);
    crate::tui::widgets::clear_box(box_area, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Take up in a segment "),
        )
        .render(box_area, buf);
}
