//! The Notes screen and quick capture: every note with its time, segment,
//! kind and privacy marker, narrowed by kind, segment, visibility or a
//! search; the selected note in full beside (or below) the list.
//!
//! Its keys, all here: `update` (the keymap's `notes` section: filters,
//! search, edit, delete, share or keep, withdraw consent, undo, take up a
//! parked topic, the harvest) and `prompt` (the note editor, which quick
//! capture opens over any screen; the search line; the take-up picker; the
//! consent dialog; the harvest's privacy check), with `share` for what
//! leaves the circle. Every change to a note, and every consent, is a
//! logged event, so the saver has it on disk within a second and `u` takes
//! it back. The harvest is written by a job, off the key path.

mod draw;
mod prompt;
mod share;

pub use self::draw::render;
pub use self::prompt::{NotesPrompt, capture, keep_draft, modal, on_key, on_paste};
pub use self::share::{ExportPreview, privacy};

use crate::core::consent::Subject;
use crate::core::event::{Event, Scope};
use crate::core::note::{Kind, Note, NoteEvent, NoteFilter, NoteId, NoteKind, Notes, Visibility};
use crate::core::run::{SegmentId, Status};
use crate::core::state::State;
use crate::tui::action::{Action, Bar};
use crate::tui::keymap::Context;
use crate::tui::screens::contract::{Ctx, Outcome, Settings, View};
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::note_editor::NoteEditor;

/// The Notes screen's list: what it is narrowed to, where the cursor is,
/// and the prompt open (the note editor may be open from any screen).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesView {
    pub filter: NoteFilter,
    /// Index into the notes shown.
    pub cursor: usize,
    pub prompt: Option<NotesPrompt>,
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

    /// Whether the note editor is open: it floats over every screen.
    pub fn writing(&self) -> bool {
        matches!(self.prompt, Some(NotesPrompt::Editor(_)))
    }
}

pub fn hints(_: &View<NotesView>) -> Bar {
    Bar::Notes
}

/// The Notes screen's own actions.
pub fn update(ctx: &mut Ctx<NotesView>, action: Action) -> Outcome {
    let notes = &ctx.timeline.state().notes;
    let selected = ctx.view.selected(notes).cloned();
    let count = ctx.view.shown(notes).len();
    let view = &mut *ctx.view;
    match action {
        Action::Up => view.cursor = view.cursor.min(count.saturating_sub(1)).saturating_sub(1),
        Action::Down => view.cursor = (view.cursor + 1).min(count.saturating_sub(1)),
        Action::Back if view.filter != NoteFilter::default() => {
            view.filter = NoteFilter::default();
            view.select(notes, selected.map(|n| n.id));
            ctx.say("showing every note");
        }
        Action::SearchNotes => {
            let input = LineInput::new(view.filter.text.clone());
            view.prompt = Some(NotesPrompt::Search(input));
        }
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
            let here = ctx
                .timeline
                .state()
                .run
                .current
                .or(selected.as_ref().and_then(|n| n.segment));
            view.filter.segment = match (view.filter.segment, here) {
                (Some(_), _) => None,
                (None, Some(s)) => Some(s),
                (None, None) => {
                    ctx.say("no segment is on");
                    return Outcome::Done;
                }
            };
            view.select(notes, selected.map(|n| n.id));
        }
        Action::EditNote => match selected {
            Some(note) => {
                let taken = notes.added_at(note.id).unwrap_or(ctx.now);
                let editor = NoteEditor::edit(&note, taken, &ctx.settings.theme);
                view.prompt = Some(NotesPrompt::Editor(Box::new(editor)));
            }
            None => ctx.say("no note here to edit"),
        },
        Action::DeleteNote => match selected {
            Some(note) => {
                ctx.log(Event::Note(NoteEvent::Deleted(note.id)));
                let left = ctx.view.shown(&ctx.timeline.state().notes).len();
                ctx.view.cursor = ctx.view.cursor.min(left.saturating_sub(1));
                ctx.say(format!("deleted — {}", undo_key(ctx.settings)));
            }
            None => ctx.say("no note here to delete"),
        },
        Action::ToggleVisibility => match selected {
            Some(note) => share::share_or_keep(ctx, &note),
            None => ctx.say("no note here"),
        },
        Action::WithdrawConsent => match selected {
            Some(note) => share::withdraw(ctx, &note),
            None => ctx.say("no note here"),
        },
        Action::Undo => {
            if let Some(undone) = ctx.undo(Scope::Notes) {
                // The note brought back (or changed back) is the one to see.
                let touched = touched_note(&undone.entry.event);
                let notes = &ctx.timeline.state().notes;
                let restored = touched.filter(|id| notes.get(*id).is_some());
                let keep = restored.or(selected.map(|n| n.id));
                ctx.view.select(notes, keep);
            }
        }
        Action::TakeUp => take_up(ctx, selected.as_ref()),
        Action::ExportHarvest => ctx.view.prompt = share::open_export(ctx, false),
        _ => return Outcome::Ignored,
    }
    Outcome::Done
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
        Event::Consent(ev) => match ev.subject() {
            Subject::Note(id) => Some(id),
            _ => None,
        },
        _ => None,
    }
}

/// "u undoes", with the key that undoes on the Notes screen.
fn undo_key(settings: &Settings) -> String {
    settings.undoes(Context::Notes)
}

fn take_up(ctx: &mut Ctx<NotesView>, selected: Option<&Note>) {
    let Some(note) = selected else {
        ctx.say("no note here");
        return;
    };
    if note.kind.kind() != Kind::ParkingLot {
        ctx.say(format!(
            "only a parking-lot topic is taken up (this is a {})",
            note.kind.label()
        ));
        return;
    }
    if take_up_choices(ctx.state()).is_empty() {
        ctx.say("no segment is left to take it up in");
        return;
    }
    ctx.view.prompt = Some(NotesPrompt::TakeUp {
        note: note.id,
        cursor: 0,
    });
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

/// A parked topic's "taken up in ..." for lists and the detail pane.
pub fn taken_up_in(state: &State, note: &Note) -> Option<String> {
    match note.kind {
        NoteKind::ParkingLot {
            moved_to: Some(seg),
        } => state.run.segment(seg).map(|s| s.title.clone()),
        _ => None,
    }
}
