//! Drawing the Notes screen: the list (only the rows that fit), the summary
//! of its filters, and the selected note in full.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};

use super::{NotesPrompt, NotesView, privacy, taken_up_in};
use crate::core::consent::Subject;
use crate::core::note::{Note, NoteKind, Visibility};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::contract::View;
use crate::tui::widgets::fit::{fit, table_columns};

/// Wide enough to put the detail pane beside the list.
const SIDE_BY_SIDE: u16 = 120;

pub fn render(v: &View<NotesView>, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let [top, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    summary(v).render(top, buf);
    let (list_area, detail_area) = if area.width >= SIDE_BY_SIDE {
        let [l, d] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(rest);
        (l, d)
    } else {
        let detail_h = (rest.height / 2).min(9);
        let [l, d] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(detail_h)]).areas(rest);
        (l, d)
    };
    let view = &v.view;
    let notes = &v.state().notes;
    let shown = view.shown(notes);
    if shown.is_empty() {
        let line = if notes.is_empty() {
            format!(
                "No notes yet. {} writes one, from any screen.",
                keys(v, Action::WriteNote)
            )
        } else {
            format!(
                "No note matches. {} shows every note.",
                keys(v, Action::Back)
            )
        };
        Paragraph::new(Line::styled(line, t.dim))
            .wrap(Wrap { trim: true })
            .render(list_area, buf);
        return;
    }
    let wide = area.width >= SIDE_BY_SIDE;
    // Only the rows that fit are built: a session can hold thousands of
    // notes, and this runs every second while a clock runs.
    let cursor = view.cursor.min(shown.len() - 1);
    let visible = (list_area.height.saturating_sub(1) as usize).max(1);
    let first = cursor.saturating_sub(visible - 1);
    let widths = [
        Constraint::Length(5),
        Constraint::Length(if wide { 18 } else { 12 }),
        Constraint::Length(6),
        Constraint::Length(8),
        Constraint::Fill(1),
    ];
    // A segment's title and the note's first line end in "…" when cut.
    let cols = table_columns(list_area.width, 2, &widths);
    let rows: Vec<Row> = shown[first..(first + visible).min(shown.len())]
        .iter()
        .map(|n| {
            let at = notes
                .added_at(n.id)
                .map(|ts| {
                    ts.to_zoned(v.settings.tz.clone())
                        .strftime("%H:%M")
                        .to_string()
                })
                .unwrap_or_default();
            let segment = n
                .segment
                .and_then(|s| v.state().run.segment(s))
                .map_or("-".to_string(), |s| s.title.clone());
            let first = n.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            let marker = marker(v, n);
            Row::new(vec![
                Cell::from(at),
                Cell::from(fit(&segment, cols[1])),
                Cell::from(n.kind.short()),
                Cell::from(marker).style(if marker.is_empty() { t.base } else { t.soon }),
                Cell::from(fit(first, cols[4])),
            ])
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(["at", "segment", "kind", "privacy", "note"]).style(t.title))
        .row_highlight_style(t.selected)
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(cursor - first));
    StatefulWidget::render(table, list_area, buf, &mut state);
    detail(v, shown[cursor], detail_area, buf);
}

/// "[circle]" for a note kept in the circle, "agreed" for one shared on
/// consent, nothing for a note shared freely.
fn marker(v: &View<NotesView>, note: &Note) -> &'static str {
    match note.visibility {
        Visibility::CircleOnly => note.visibility.marker(),
        Visibility::Shared if v.state().ask(Subject::Note(note.id)).is_some() => "agreed",
        Visibility::Shared => "",
    }
}

/// The first key bound to an action here, for the screen's own sentences.
fn keys(v: &View<NotesView>, action: Action) -> String {
    let found: Vec<String> = v
        .settings
        .keymap
        .keys_for(Context::Notes, action)
        .iter()
        .map(|k| k.label())
        .collect();
    found.join(" or ")
}

/// "3 of 7 notes · kind: decision · segment: all · privacy: all", or the
/// search line while typing one.
fn summary(v: &View<NotesView>) -> Line<'static> {
    let t = &v.settings.theme;
    let view = &v.view;
    let f = &view.filter;
    if matches!(v.view.prompt, Some(NotesPrompt::Search(_))) {
        return Line::from(vec![
            Span::raw("Search: "),
            Span::styled(format!("{}▏", f.text), t.key),
            Span::styled("  enter keeps it · esc clears it", t.dim),
        ]);
    }
    let notes = &v.state().notes;
    let shown = view.shown(notes).len();
    let mut parts = vec![format!("{shown} of {} notes", notes.len())];
    parts.push(format!("kind: {}", f.kind.map_or("all", |k| k.label())));
    let segment = f
        .segment
        .and_then(|s| v.state().run.segment(s))
        .map_or("all".to_string(), |s| s.title.clone());
    parts.push(format!("segment: {segment}"));
    parts.push(format!(
        "privacy: {}",
        match f.visibility {
            None => "all",
            Some(Visibility::Shared) => "shared",
            Some(Visibility::CircleOnly) => "[circle] only",
        }
    ));
    if !f.text.trim().is_empty() {
        parts.push(format!("search: \"{}\"", f.text.trim()));
    }
    if f.visibility == Some(Visibility::Shared) {
        parts.push(format!("{} kept in the circle", notes.kept_in_circle()));
    }
    let style = if f == &Default::default() {
        t.dim
    } else {
        t.accent
    };
    Line::styled(parts.join(" · "), style)
}

/// The selected note in full, wrapped.
fn detail(v: &View<NotesView>, note: &Note, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let people = &v.state().people;
    let privacy = match note.visibility {
        Visibility::CircleOnly => format!(
            "{} {}",
            note.visibility.marker(),
            privacy(v.state(), note.id, v.tz())
        ),
        Visibility::Shared => privacy(v.state(), note.id, v.tz()),
    };
    let title = Line::from(vec![
        Span::raw(format!(" {} · ", capitalized(note.kind.label()))),
        Span::styled(privacy, if note.is_shared() { t.base } else { t.soon }),
        Span::raw(" "),
    ]);
    let mut context = Vec::new();
    if let Some(at) = v.state().notes.added_at(note.id) {
        context.push(
            at.to_zoned(v.settings.tz.clone())
                .strftime("%H:%M")
                .to_string(),
        );
    }
    if let Some(seg) = note.segment.and_then(|s| v.state().run.segment(s)) {
        context.push(format!("during {}", seg.title));
    }
    if let Some(p) = note.speaker {
        context.push(format!("speaker {}", people.name(p)));
    }
    // "-" for nobody named yet.
    let names = |ids: &[_]| match ids {
        [] => "-".to_string(),
        ids => ids
            .iter()
            .map(|id| people.name(*id))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let details = match &note.kind {
        NoteKind::Action { owner, due } => vec![
            format!(
                "owner {}",
                owner.map_or("not named yet", |p| people.name(p))
            ),
            format!("due {}", due.map_or("-".into(), |d| d.to_string())),
        ],
        NoteKind::ParkingLot { .. } => vec![match taken_up_in(v.state(), note) {
            Some(title) => format!("taken up in {title}"),
            None => format!("not taken up yet ({} takes it up)", keys(v, Action::TakeUp)),
        }],
        NoteKind::Reflection { landed } => vec![format!("landed: {}", landed.label())],
        NoteKind::FollowUp { who, with, by } => vec![
            format!("who {}", names(who)),
            format!("with {}", names(with)),
            format!("by {}", by.map_or("-".into(), |d| d.to_string())),
        ],
        NoteKind::Note | NoteKind::Decision => vec![],
    };
    let mut lines = vec![Line::styled(context.join(" · "), t.dim)];
    if !details.is_empty() {
        lines.push(Line::raw(details.join(" · ")));
    }
    lines.push(Line::raw(""));
    lines.extend(note.text.lines().map(|l| Line::raw(l.to_string())));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::default().borders(Borders::ALL).title(title))
        .render(area, buf);
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}
