//! The activity picker: type to search the library, Enter inserts the
//! activity after the selected segment (a logged, undoable plan edit).

use crossterm::event::{KeyCode, KeyEvent};
use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::core::duration::friendly;
use crate::core::event::Event;
use crate::core::library::Activity;
use crate::core::run::RunEvent;
use crate::tui::app::{App, Overlay};
use crate::tui::widgets::centered;

/// Activities matching `query` (see `core::library::search`).
pub fn matches<'a>(activities: &'a [Activity], query: &str) -> Vec<&'a Activity> {
    crate::core::library::search(activities, query)
}

pub fn on_key(app: &mut App, key: KeyEvent, now: Timestamp) {
    let Some(Overlay::Picker { query, cursor }) = &mut app.overlay else {
        return;
    };
    let found = matches(&app.library.activities, query).len();
    match key.code {
        KeyCode::Esc => app.overlay = None,
        KeyCode::Up => *cursor = cursor.saturating_sub(1),
        KeyCode::Down => *cursor = (*cursor + 1).min(found.saturating_sub(1)),
        KeyCode::Backspace => {
            query.pop();
            *cursor = 0;
        }
        KeyCode::Char(c) => {
            query.push(c);
            *cursor = 0;
        }
        KeyCode::Enter => {
            let chosen = matches(&app.library.activities, query)
                .get(*cursor)
                .map(|a| (a.title.clone(), a.to_segment()));
            match chosen {
                Some((title, segment)) => {
                    let at = (app.plan_cursor + 1).min(app.state.run.order.len());
                    app.overlay = None;
                    app.log(
                        now,
                        Event::Run(RunEvent::Insert {
                            at,
                            segment: Box::new(segment),
                        }),
                    );
                    app.plan_cursor = at;
                    app.flash = Some(format!("inserted '{title}' (u undoes)"));
                }
                None => app.flash = Some("nothing matches".into()),
            }
        }
        _ => {}
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(Overlay::Picker { query, cursor }) = &app.overlay else {
        return;
    };
    let t = &app.theme;
    let found = matches(&app.library.activities, query);
    let box_area = centered(area, 76, area.height.saturating_sub(2));
    let rows = box_area.height.saturating_sub(4) as usize;
    let first = cursor.saturating_sub(rows.saturating_sub(1));
    let mut lines = vec![
        Line::from(vec![
            Span::raw("Search: "),
            Span::styled(format!("{query}▏"), t.key),
        ]),
        Line::styled(
            format!(
                "{} found · ↑↓ choose · enter inserts after the selected segment · esc",
                found.len()
            ),
            t.dim,
        ),
    ];
    for (i, a) in found.iter().enumerate().skip(first).take(rows) {
        let time = a.total().map_or("-".to_string(), friendly);
        let line = Line::from(vec![
            Span::raw(format!("{:<22} ", a.title)),
            Span::styled(format!("{:<20} {time}", a.kind.label()), t.dim),
        ]);
        lines.push(if i == *cursor {
            line.style(t.selected)
        } else {
            line
        });
    }
    Clear.render(box_area, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Insert an activity "),
        )
        .render(box_area, buf);
}
