//! Digits for across a room: a clock drawn from a 3x5 pixel font, each
//! pixel as many cells as the window allows, so the digits fill a 200x60
//! projector as they fill a laptop's window. Too small for the smallest
//! scale, it falls back to the fixed big font, then to a plain line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::tui::widgets::big_clock;

/// Rows of a glyph, top first; `#` is lit. Three wide, the colon one.
fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["###", "#.#", "#.#", "#.#", "###"],
        '1' => [".#.", "##.", ".#.", ".#.", "###"],
        '2' => ["###", "..#", "###", "#..", "###"],
        '3' => ["###", "..#", "###", "..#", "###"],
        '4' => ["#.#", "#.#", "###", "..#", "..#"],
        '5' => ["###", "#..", "###", "..#", "###"],
        '6' => ["###", "#..", "###", "#.#", "###"],
        '7' => ["###", "..#", "..#", "..#", "..#"],
        '8' => ["###", "#.#", "###", "#.#", "###"],
        '9' => ["###", "#.#", "###", "..#", "###"],
        ':' => [".", "#", ".", "#", "."],
        '+' => ["...", ".#.", "###", ".#.", "..."],
        '-' => ["...", "...", "###", "...", "..."],
        ' ' => ["...", "...", "...", "...", "..."],
        _ => return None,
    })
}

/// Pixels across `text`, a pixel of space between glyphs.
fn pixels_wide(text: &str) -> u16 {
    let glyphs: u16 = text
        .chars()
        .filter_map(glyph)
        .map(|g| g[0].len() as u16)
        .sum();
    glyphs + (text.chars().count() as u16).saturating_sub(1)
}

/// The pixel size (columns, rows) that fits `text` into `area`: a pixel
/// twice as wide as tall in cells, which looks square on most terminals.
fn scale(text: &str, area: Rect) -> Option<(u16, u16)> {
    let wide = pixels_wide(text).max(1);
    let rows = (area.width / wide / 2).min(area.height / 5);
    (rows > 0).then_some((rows * 2, rows))
}

/// Rows the digits would take in `area` (for laying out what goes above
/// and below them).
pub fn height(text: &str, area: Rect) -> u16 {
    match scale(text, area) {
        Some((_, rows)) => rows * 5,
        None => big_clock::height_for(text.chars().count() as u16, area.width, area.height)
            .min(area.height),
    }
}

/// Draws `text` centred in `area`, as big as fits.
pub fn render(text: &str, style: Style, area: Rect, buf: &mut Buffer) {
    let drawable = text.chars().all(|c| glyph(c).is_some());
    let Some((px, py)) = scale(text, area).filter(|_| drawable) else {
        return big_clock::render(text, style, area, buf);
    };
    let width = pixels_wide(text) * px;
    let mut x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height - 5 * py) / 2;
    for g in text.chars().filter_map(glyph) {
        for (row, line) in g.iter().enumerate() {
            for (col, lit) in line.chars().enumerate() {
                if lit != '#' {
                    continue;
                }
                let cell = Rect {
                    x: x + col as u16 * px,
                    y: y + row as u16 * py,
                    width: px,
                    height: py,
                };
                for (cx, cy) in cell.positions().map(|p| (p.x, p.y)) {
                    buf[(cx, cy)].set_symbol("█").set_style(style);
                }
            }
        }
        x += (g[0].len() as u16 + 1) * px;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_grow_with_the_window() {
        let small = Rect::new(0, 0, 80, 20);
        let wall = Rect::new(0, 0, 200, 60);
        assert_eq!(height("12:34", small), 10);
        assert_eq!(height("12:34", wall), 25);
        // Any size draws without a fault, down to nothing at all.
        for (w, h) in [(0, 0), (1, 1), (5, 2), (17, 5), (36, 5), (300, 100)] {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            render("+12:34", Style::new(), area, &mut buf);
        }
    }
}
