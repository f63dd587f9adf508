//! Drawing the note editor: the context fields, the text, the kind's
//! fields, and a hint line that follows the focus.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Field, NoteEditor, kind_fields};
use crate::core::note::{Landed, Visibility};
use crate::core::state::State;
use crate::tui::theme::Theme;
use crate::tui::widgets::centered;
use crate::tui::widgets::fit::fit_line;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Draws the editor over the screen.
/// `today` reads days typed as words ("sunday"), shown as the date they
/// name.
pub fn render(
    editor: &NoteEditor,
    state: &State,
    t: &Theme,
    tz: &TimeZone,
    today: Date,
    area: Rect,
    buf: &mut Buffer,
) {
    // Below the status bar (the clock and the save state stay in sight),
    // over the screen's own hints, which do not apply while writing.
    let top = if area.height > 12 { 2 } else { 0 };
    let below_bar = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    let box_area = centered(below_bar, 100, 30);
    let box_area = Rect {
        y: below_bar.y,
        ..box_area
    };
    let verb = if editor.editing.is_some() {
        "Edit note"
    } else {
        "New note"
    };
    let privacy = match editor.visibility {
        Visibility::CircleOnly => format!("{} kept in the circle", Visibility::CircleOnly.marker()),
        Visibility::Shared => "shared".to_string(),
    };
    let title = Line::from(vec![
        Span::raw(format!(" {verb} · {} · ", editor.kind.label())),
        Span::styled(
            privacy,
            if editor.visibility == Visibility::Shared {
                t.base
            } else {
                t.soon
            },
        ),
        Span::raw(" "),
    ]);
    crate::tui::widgets::clear_box(box_area, buf);
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(box_area);
    block.render(box_area, buf);

    let below = kind_fields(editor.kind);
    let [context, text_area, fields, error, hint] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(below.len() as u16),
        Constraint::Length(editor.error.is_some() as u16),
        Constraint::Length(1),
    ])
    .areas(inner);
    let rows = |area: Rect| {
        (area.y..area.bottom()).map(move |y| Rect {
            y,
            height: 1,
            ..area
        })
    };
    // A long name is cut with "…" at the box's edge, never mid-letter.
    let field_row = |field: Field, row: Rect, buf: &mut Buffer| {
        fit_line(
            &field_line(state, tz, today, editor, field, t),
            row.width.into(),
        )
        .render(row, buf);
    };
    for (field, row) in [Field::Segment, Field::Speaker]
        .into_iter()
        .zip(rows(context))
    {
        field_row(field, row, buf);
    }
    let text_block = Block::default()
        .borders(Borders::TOP | Borders::BOTTOM)
        .border_style(t.dim);
    let text_inner = text_block.inner(text_area);
    text_block.render(text_area, buf);
    (&editor.text).render(text_inner, buf);
    for (field, row) in below.iter().zip(rows(fields)) {
        field_row(*field, row, buf);
    }
    if let Some(e) = &editor.error {
        Line::styled(e.clone(), t.last).render(error, buf);
    }
    let hint_line = if editor.confirm_discard {
        Line::styled("Discard this note? y discards · n keeps writing", t.last)
    } else {
        let here = match editor.focus {
            Field::Text => "ctrl-t kind · ctrl-p shared/circle · tab fields",
            Field::Owner | Field::Speaker | Field::Who | Field::With => {
                "type a name, enter takes it · ↑↓ other matches · tab next"
            }
            Field::Due | Field::By => "2026-12-01, tomorrow, sunday, +2w · tab next",
            Field::Landed => "space or ←→ (ctrl-l) changes · tab next",
            Field::Segment => "←→ another segment · backspace clears · tab next",
        };
        Line::from(vec![
            Span::styled(here, t.dim),
            Span::styled(" · ctrl-s save · esc cancel", t.dim),
        ])
    };
    hint_line.render(hint, buf);
}

/// One field as a line: "› owner: Kim Ng", the arrow on the focused one.
fn field_line<'a>(
    state: &'a State,
    tz: &TimeZone,
    today: Date,
    editor: &'a NoteEditor,
    field: Field,
    t: &Theme,
) -> Line<'a> {
    let focused = editor.focus == field;
    let people = &state.people;
    let mut spans = vec![
        Span::styled(if focused { "› " } else { "  " }, t.key),
        Span::styled(
            format!("{:>7}: ", field.label()),
            if focused { t.key } else { t.dim },
        ),
    ];
    let caret = if focused { "▏" } else { "" };
    match field {
        Field::Segment => {
            let title = editor
                .segment
                .and_then(|s| state.run.segment(s))
                .map_or("(none)".to_string(), |s| s.title.clone());
            let time = editor.taken.to_zoned(tz.clone()).strftime("%H:%M");
            spans.push(Span::raw(title));
            spans.push(Span::styled(format!(" · {time}"), t.dim));
        }
        Field::Owner | Field::Speaker | Field::Who | Field::With => {
            let f = match field {
                Field::Owner => &editor.owner,
                Field::Speaker => &editor.speaker,
                Field::Who => &editor.who,
                _ => &editor.with,
            };
            let names = f.names(people);
            let gap = if names.is_empty() { "" } else { ", " };
            if names.is_empty() && f.query.is_empty() && !focused {
                spans.push(Span::styled("(none)", t.dim));
            }
            spans.push(Span::raw(names));
            if !f.query.is_empty() {
                spans.push(Span::raw(format!(
                    "{}{}",
                    if f.multi { gap } else { " " },
                    f.query
                )));
            }
            spans.push(Span::styled(caret, t.key));
            if !f.query.trim().is_empty() {
                let hint = match f.suggestion(people) {
                    Some(id) if f.is_loose(people) => {
                        format!("  → {}? (no name starts so)", people.name(id))
                    }
                    Some(id) => format!("  → {}", people.name(id)),
                    None => "  (no one matches)".to_string(),
                };
                spans.push(Span::styled(hint, t.accent));
            }
        }
        Field::Due | Field::By => {
            let f = if field == Field::Due {
                &editor.due
            } else {
                &editor.by
            };
            if f.text.is_empty() && !focused {
                spans.push(Span::styled("(none)", t.dim));
            }
            spans.push(Span::raw(f.text.clone()));
            spans.push(Span::styled(caret, t.key));
            match f.parse(today) {
                // The hint line below says how a day may be written.
                Err(_) => spans.push(Span::styled("  not a day", t.last)),
                // A day typed as a word shows the date it names.
                Ok(Some(day)) if f.text.trim() != day.to_string() => spans.push(Span::styled(
                    format!("  → {}", day.strftime("%a %Y-%m-%d")),
                    t.accent,
                )),
                Ok(_) => {}
            }
        }
        Field::Landed => {
            for (i, l) in Landed::ALL.iter().enumerate() {
                let sep = if i == 0 { "" } else { " / " };
                spans.push(Span::styled(sep, t.dim));
                if *l == editor.landed {
                    spans.push(Span::styled(format!("[{}]", l.label()), t.title));
                } else {
                    spans.push(Span::styled(l.label(), t.dim));
                }
            }
        }
        Field::Text => {}
    }
    Line::from(spans)
}
