//! Reusable pieces of the screens.

pub mod airtime;
pub mod ask;
pub mod big_clock;
pub mod big_lines;
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

use ratatui::layout::Rect;

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
