//! Screens whose tools are not built yet say plainly what they will hold.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::app::{App, Screen};

pub fn render(app: &App, screen: Screen, area: Rect, buf: &mut Buffer) {
    let what = match screen {
        Screen::Notes => "Notes, decisions and actions, shared or kept in the circle.",
        _ => "",
    };
    Paragraph::new(vec![
        Line::styled(screen.title(), app.theme.title),
        Line::raw(""),
        Line::raw(what),
        Line::styled("Not in this version yet.", app.theme.dim),
    ])
    .wrap(Wrap { trim: true })
    .render(area, buf);
}
