//! A small box for a one-line question: what is asked, the text typed so
//! far with a cursor, and lines of help, matches or errors below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::centered;
use crate::tui::theme::Theme;

/// "Name: Ana▏", the answer in the key style.
pub fn input(label: &str, text: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::raw(format!("{label}: ")),
        Span::styled(format!("{text}▏"), theme.key),
    ])
}

/// Draws the box centred over `area`, as tall as its lines wrapped.
pub fn render(title: &str, lines: Vec<Line<'static>>, border: Style, area: Rect, buf: &mut Buffer) {
    let inner = usize::from(area.width.min(64).saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let box_area = centered(area, 64, rows as u16 + 2);
    crate::tui::widgets::clear_box(box_area, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(border)
                .title(format!(" {title} ")),
        )
        .render(box_area, buf);
}

/// A yes/no question in a small box in the middle of the screen, tall
/// enough for the question (wrapped at word boundaries, so a line or two
/// to spare).
pub fn confirm(question: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width: u16 = 50;
    let inner = usize::from(width.min(area.width).saturating_sub(2)).max(1);
    let lines = Line::raw(question).width().div_ceil(inner) as u16;
    let spare = u16::from(lines > 3);
    let box_area = centered(area, width, (lines + 2).max(5) + spare);
    crate::tui::widgets::clear_box(box_area, buf);
    Paragraph::new(Line::styled(question.to_string(), theme.title))
        .wrap(Wrap { trim: true })
        .block(Block::default().borders(Borders::ALL))
        .render(box_area, buf);
}
