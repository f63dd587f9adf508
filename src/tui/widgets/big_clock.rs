//! Big digits for a countdown, as large as the space allows, falling back to
//! a plain line when there is no room.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

/// Draws `text` centred in `area` at the biggest size that fits.
pub fn render(text: &str, style: Style, area: Rect, buf: &mut Buffer) {
    let n = text.chars().count() as u16;
    let size = [
        (PixelSize::Full, 8, 8),
        (PixelSize::HalfHeight, 8, 4),
        (PixelSize::Quadrant, 4, 4),
    ]
    .into_iter()
    .find(|(_, w, h)| n.saturating_mul(*w) <= area.width && *h <= area.height);
    match size {
        Some((pixel_size, _, h)) => {
            let y = area.y + (area.height - h) / 2;
            let area = Rect {
                y,
                height: h,
                ..area
            };
            BigText::builder()
                .pixel_size(pixel_size)
                .style(style)
                .alignment(Alignment::Center)
                .lines(vec![Line::from(text.to_string())])
                .build()
                .render(area, buf);
        }
        None => {
            let y = area.y + area.height.saturating_sub(1) / 2;
            let line = Rect {
                y,
                height: area.height.min(1),
                ..area
            };
            Paragraph::new(Line::styled(text.to_string(), style))
                .alignment(Alignment::Center)
                .render(line, buf);
        }
    }
}

/// Rows the biggest fitting size needs for `chars` characters in `width`.
pub fn height_for(chars: u16, width: u16, max_height: u16) -> u16 {
    if chars.saturating_mul(8) <= width && max_height >= 8 {
        8
    } else if chars.saturating_mul(4) <= width && max_height >= 4 {
        4
    } else {
        1
    }
}
