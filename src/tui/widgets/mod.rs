//! Reusable pieces of the screens.

pub mod airtime;
pub mod ask;
pub mod big_clock;
pub mod big_lines;
pub mod consent;
pub mod fit;
pub mod help;
pub mod hints;
pub mod line_input;
pub mod note_editor;
pub mod note_fields;
pub mod prompt;
pub mod ring;
pub mod script;
pub mod turn;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

/// A rectangle of at most `w` x `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears `area` for a box drawn over the screen, and blanks a wide
/// letter or cluster that starts left of it and reaches in ("李" half under
/// the box's border): left as it was, it would hide the border in the
/// buffer, and on a terminal lose half of itself to the box.
pub fn clear_box(area: Rect, buf: &mut Buffer) {
    use ratatui::buffer::CellWidth;
    Clear.render(area, buf);
    let left = area.left();
    for y in area.top()..area.bottom().min(buf.area.bottom()) {
        for x in left.saturating_sub(4).max(buf.area.left())..left {
            let cell = &mut buf[(x, y)];
            if x + cell.cell_width() > left {
                cell.set_symbol(" ");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Borders};

    #[test]
    fn a_box_over_half_a_wide_letter_blanks_the_letter_and_keeps_its_border() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        Line::raw("ab李小龍").render(Rect::new(0, 1, 12, 1), &mut buf);
        let box_area = Rect::new(5, 0, 6, 3);
        clear_box(box_area, &mut buf);
        Block::new()
            .borders(Borders::ALL)
            .render(box_area, &mut buf);
        let row: String = (0..12).map(|x| buf[(x, 1)].symbol().to_string()).collect();
        // 李 (columns 2-3) stays whole; 小 (4-5) reached under the border.
        assert_eq!(row, "ab李  │    │ ");
    }
}
