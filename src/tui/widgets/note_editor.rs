//! The note editor: a multi-line text with the note's context (segment,
//! time, speaker) above it and its kind's fields below.
//!
//! The context is kept in fields, not in the text: the harvest never names
//! speakers, and a name typed into the text would travel with it. Clearing
//! the speaker field clears the note's speaker.
//!
//! Keys (fixed, so typing never collides with a user's keymap): ctrl-s or
//! alt-enter saves, ctrl-t cycles the kind, ctrl-p toggles shared / kept in
//! the circle, ctrl-l cycles how a reflection landed, tab and shift-tab move
//! between fields, esc cancels (asking first if anything was typed).

mod draw;

pub use draw::render;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::style::Style;
use ratatui_textarea::{TextArea, WrapMode};

use super::note_fields::{DateField, PersonField};
use crate::core::note::{Kind, Landed, Note, NoteId, NoteKind, Visibility};
use crate::core::person::{People, PersonId};
use crate::core::run::SegmentId;
use crate::tui::theme::Theme;

/// The parts of the editor the keys can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Owner,
    Due,
    Landed,
    Who,
    With,
    By,
    Speaker,
    Segment,
}

impl Field {
    fn label(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Owner => "owner",
            Field::Due => "due",
            Field::Landed => "landed",
            Field::Who => "who",
            Field::With => "with",
            Field::By => "by",
            Field::Speaker => "speaker",
            Field::Segment => "segment",
        }
    }
}

/// The fields a kind of note asks for, below its text.
fn kind_fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Action => &[Field::Owner, Field::Due],
        Kind::Reflection => &[Field::Landed],
        Kind::FollowUp => &[Field::Who, Field::With, Field::By],
        _ => &[],
    }
}

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Editing,
    Save,
    Cancel,
}

#[derive(Debug, Clone)]
pub struct NoteEditor {
    /// The note being changed; `None` for a new one.
    pub editing: Option<NoteId>,
    /// When the note was (or is being) taken.
    pub taken: Timestamp,
    pub kind: Kind,
    pub visibility: Visibility,
    pub segment: Option<SegmentId>,
    pub speaker: PersonField,
    pub owner: PersonField,
    pub due: DateField,
    pub landed: Landed,
    pub who: PersonField,
    pub with: PersonField,
    pub by: DateField,
    /// Kept from a parking-lot note being edited.
    moved_to: Option<SegmentId>,
    pub focus: Field,
    /// Esc was pressed with something typed: waiting for y / n.
    pub confirm_discard: bool,
    pub error: Option<String>,
    text: TextArea<'static>,
    /// The text as it was opened, to tell whether anything was typed.
    original: Vec<String>,
    /// A field was typed into.
    touched: bool,
    cursor_style: Style,
}

impl PartialEq for NoteEditor {
    fn eq(&self, other: &NoteEditor) -> bool {
        self.text.lines() == other.text.lines()
            && (
                self.editing,
                self.taken,
                self.kind,
                self.visibility,
                self.segment,
            ) == (
                other.editing,
                other.taken,
                other.kind,
                other.visibility,
                other.segment,
            )
            && (&self.speaker, &self.owner, &self.who, &self.with)
                == (&other.speaker, &other.owner, &other.who, &other.with)
            && (&self.due, &self.by, self.landed, self.moved_to, self.focus)
                == (
                    &other.due,
                    &other.by,
                    other.landed,
                    other.moved_to,
                    other.focus,
                )
            && (self.confirm_discard, &self.error) == (other.confirm_discard, &other.error)
    }
}

impl Eq for NoteEditor {}

impl NoteEditor {
    /// A new note taken at `now`, with its context filled in.
    pub fn new(
        segment: Option<SegmentId>,
        speaker: Option<PersonId>,
        visibility: Visibility,
        now: Timestamp,
        theme: &Theme,
    ) -> NoteEditor {
        let blank = Note {
            id: NoteId(0),
            kind: NoteKind::Note,
            text: String::new(),
            visibility,
            segment,
            speaker,
            group: None,
        };
        let mut editor = NoteEditor::edit(&blank, now, theme);
        editor.editing = None;
        editor
    }

    /// An editor holding an existing note.
    pub fn edit(note: &Note, taken: Timestamp, theme: &Theme) -> NoteEditor {
        let lines: Vec<String> = note.text.split('\n').map(str::to_string).collect();
        let mut text = TextArea::new(lines.clone());
        text.set_wrap_mode(WrapMode::WordOrGlyph);
        text.set_cursor_line_style(Style::default());
        text.set_placeholder_text("Write here; enter starts a new line.");
        text.set_placeholder_style(theme.dim);
        text.move_cursor(ratatui_textarea::CursorMove::Bottom);
        text.move_cursor(ratatui_textarea::CursorMove::End);
        let mut editor = NoteEditor {
            editing: Some(note.id),
            taken,
            kind: note.kind.kind(),
            visibility: note.visibility,
            segment: note.segment,
            speaker: PersonField::one(note.speaker),
            owner: PersonField::one(None),
            due: DateField::default(),
            landed: Landed::Mixed,
            who: PersonField::many(&[]),
            with: PersonField::many(&[]),
            by: DateField::default(),
            moved_to: None,
            focus: Field::Text,
            confirm_discard: false,
            error: None,
            cursor_style: text.cursor_style(),
            text,
            original: lines,
            touched: false,
        };
        match &note.kind {
            NoteKind::Action { owner, due } => {
                editor.owner = PersonField::one(*owner);
                editor.due = DateField::of(*due);
            }
            NoteKind::ParkingLot { moved_to } => editor.moved_to = *moved_to,
            NoteKind::Reflection { landed } => editor.landed = *landed,
            NoteKind::FollowUp { who, with, by } => {
                editor.who = PersonField::many(who);
                editor.with = PersonField::many(with);
                editor.by = DateField::of(*by);
            }
            NoteKind::Note | NoteKind::Decision => {}
        }
        editor
    }

    /// The text as typed.
    pub fn text(&self) -> String {
        self.text.lines().join("\n")
    }

    /// Whether cancelling now would lose something typed.
    pub fn is_dirty(&self) -> bool {
        self.touched || self.text.lines() != self.original.as_slice()
    }

    /// The fields in tab order: the text, the kind's fields, the context.
    pub fn fields(&self) -> Vec<Field> {
        let mut all = vec![Field::Text];
        all.extend_from_slice(kind_fields(self.kind));
        all.extend([Field::Speaker, Field::Segment]);
        all
    }

    fn set_focus(&mut self, field: Field) {
        self.focus = field;
        // The text's cursor shows only while typing goes there.
        let style = if field == Field::Text {
            self.cursor_style
        } else {
            Style::default()
        };
        self.text.set_cursor_style(style);
    }

    fn step_focus(&mut self, by: isize) {
        let fields = self.fields();
        let i = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let next = fields[(i + by).rem_euclid(fields.len() as isize) as usize];
        self.set_focus(next);
    }

    /// Pasted text lands whole, in one edit; a one-line field takes its
    /// first line. Terminals send line breaks in a paste as `\r`.
    pub fn paste(&mut self, pasted: &str) {
        let text = pasted.replace("\r\n", "\n").replace('\r', "\n");
        let line = text.lines().next().unwrap_or("");
        self.confirm_discard = false;
        match self.focus {
            Field::Text => {
                self.text.insert_str(&text);
            }
            Field::Owner | Field::Speaker | Field::Who | Field::With => {
                if let Some(f) = self.person_field(self.focus) {
                    f.query.push_str(line);
                    self.touched = true;
                }
            }
            Field::Due => {
                self.due.text.push_str(line);
                self.touched = true;
            }
            Field::By => {
                self.by.text.push_str(line);
                self.touched = true;
            }
            Field::Landed | Field::Segment => {}
        }
    }

    fn person_field(&mut self, field: Field) -> Option<&mut PersonField> {
        match field {
            Field::Owner => Some(&mut self.owner),
            Field::Speaker => Some(&mut self.speaker),
            Field::Who => Some(&mut self.who),
            Field::With => Some(&mut self.with),
            _ => None,
        }
    }

    /// Handles a key. `segments` are the ones a note can be filed under, in
    /// running order.
    pub fn on_key(&mut self, key: KeyEvent, people: &People, segments: &[SegmentId]) -> Outcome {
        self.error = None;
        if self.confirm_discard {
            match key.code {
                KeyCode::Char('y' | 'Y') => return Outcome::Cancel,
                KeyCode::Char('n' | 'N') | KeyCode::Esc => self.confirm_discard = false,
                _ => {}
            }
            return Outcome::Editing;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Esc if self.is_dirty() => self.confirm_discard = true,
            KeyCode::Esc => return Outcome::Cancel,
            KeyCode::Char('s') if ctrl => return Outcome::Save,
            KeyCode::Enter if alt => return Outcome::Save,
            // Kind, privacy and how it landed are choices too: Esc after
            // changing them asks before dropping them.
            KeyCode::Char('t') if ctrl => {
                self.touched = true;
                self.kind = self.kind.next();
                if !self.fields().contains(&self.focus) {
                    self.set_focus(Field::Text);
                }
            }
            KeyCode::Char('p') if ctrl => {
                self.touched = true;
                self.visibility = self.visibility.toggle();
            }
            KeyCode::Char('l') if ctrl => {
                self.touched = true;
                self.cycle_landed(1);
            }
            KeyCode::Tab => self.step_focus(1),
            KeyCode::BackTab => self.step_focus(-1),
            _ => self.field_key(key, people, segments),
        }
        Outcome::Editing
    }

    fn cycle_landed(&mut self, by: isize) {
        if self.kind != Kind::Reflection {
            self.error = Some("how it landed is for a reflection (ctrl-t changes the kind)".into());
            return;
        }
        let all = Landed::ALL;
        let i = all.iter().position(|l| *l == self.landed).unwrap_or(0) as isize;
        self.landed = all[(i + by).rem_euclid(all.len() as isize) as usize];
    }

    fn field_key(&mut self, key: KeyEvent, people: &People, segments: &[SegmentId]) {
        let changed = match self.focus {
            Field::Text => {
                // Tab is for moving between fields; the rest is the text's.
                self.text.input(key);
                false
            }
            Field::Owner | Field::Speaker | Field::Who | Field::With => self
                .person_field(self.focus)
                .is_some_and(|f| f.on_key(&key, people)),
            Field::Due => self.due.on_key(&key),
            Field::By => self.by.on_key(&key),
            Field::Landed => match key.code {
                KeyCode::Char(' ') | KeyCode::Right => {
                    self.cycle_landed(1);
                    false
                }
                KeyCode::Left => {
                    self.cycle_landed(-1);
                    false
                }
                _ => false,
            },
            Field::Segment => {
                let at = self
                    .segment
                    .and_then(|s| segments.iter().position(|x| *x == s));
                let len = segments.len();
                let next = match key.code {
                    KeyCode::Backspace | KeyCode::Delete => None,
                    KeyCode::Right if len > 0 => Some(segments[at.map_or(0, |i| (i + 1) % len)]),
                    KeyCode::Left if len > 0 => {
                        Some(segments[at.map_or(len - 1, |i| (i + len - 1) % len)])
                    }
                    _ => return,
                };
                let changed = next != self.segment;
                self.segment = next;
                changed
            }
        };
        self.touched |= changed;
    }

    /// The note as edited, with id `id`; an error names the field to fix
    /// (and moves the focus there).
    /// Days typed as words ("tomorrow") are read against `today`.
    pub fn build(&mut self, id: NoteId, people: &People, today: Date) -> Result<Note, String> {
        self.try_build(id, people, today).map_err(|(field, e)| {
            self.set_focus(field);
            self.error = Some(e.clone());
            e
        })
    }

    fn try_build(&self, id: NoteId, people: &People, today: Date) -> Result<Note, (Field, String)> {
        let text = self.text().trim_end().to_string();
        if text.trim().is_empty() {
            return Err((Field::Text, "write something first (esc cancels)".into()));
        }
        let person = |field: &PersonField, f: Field| {
            field
                .resolve(people)
                .map_err(|e| (f, format!("{}: {e}", f.label())))
        };
        let date = |field: &DateField, f: Field| {
            field
                .parse(today)
                .map_err(|e| (f, format!("{}: {e}", f.label())))
        };
        let kind = match self.kind {
            Kind::Action => NoteKind::Action {
                owner: person(&self.owner, Field::Owner)?.first().copied(),
                due: date(&self.due, Field::Due)?,
            },
            Kind::ParkingLot => NoteKind::ParkingLot {
                moved_to: self.moved_to,
            },
            Kind::Reflection => NoteKind::Reflection {
                landed: self.landed,
            },
            Kind::FollowUp => NoteKind::FollowUp {
                who: person(&self.who, Field::Who)?,
                with: person(&self.with, Field::With)?,
                by: date(&self.by, Field::By)?,
            },
            other => other.blank(),
        };
        Ok(Note {
            id,
            kind,
            text,
            visibility: self.visibility,
            segment: self.segment,
            speaker: person(&self.speaker, Field::Speaker)?.first().copied(),
            group: None,
        })
    }
}
