//! The circle drawn as the room sits: names around a ring, clockwise from
//! the top in seat order, each with a text marker for where they stand.
//! When the names do not fit around the ring (a big circle, a small
//! terminal), `grid` lays the same seats out as compact columns.

use std::f64::consts::PI;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::canvas::{Canvas, Circle};
use ratatui::widgets::{Paragraph, Widget};

use super::fit::{fit, fit_line, width};

/// One person around the ring.
#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    /// A one-column marker: "▶" speaking, "✓" done, "·" passed...
    pub marker: &'static str,
    pub name: String,
    pub style: Style,
}

impl Seat {
    fn label(&self, name_width: usize) -> String {
        format!("{} {}", self.marker, fit(&self.name, name_width))
    }
}

/// Widest label tried first, then narrower ones until the names fit.
const LABEL_WIDTHS: [usize; 5] = [18, 15, 12, 10, 8];

/// Where each label goes: its text, column and row.
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    text: String,
    x: u16,
    y: u16,
    width: u16,
}

/// The ring's shape in `area`: centre and radii, in cells.
#[derive(Debug, Clone, Copy)]
struct Shape {
    cx: f64,
    cy: f64,
    rx: f64,
    ry: f64,
}

/// Draws the seats around a ring with `centre` in the middle. Returns
/// false, drawing nothing, when they do not fit.
pub fn render(
    seats: &[Seat],
    centre: &[Line<'_>],
    ring: Color,
    area: Rect,
    buf: &mut Buffer,
) -> bool {
    let Some((shape, placed)) = place(seats, area) else {
        return false;
    };
    let canvas = Rect {
        x: (shape.cx - shape.rx).round() as u16,
        y: area.y,
        width: (2.0 * shape.rx).round() as u16 + 1,
        height: area.height,
    };
    Canvas::default()
        .x_bounds([-1.0, 1.0])
        .y_bounds([-1.0, 1.0])
        .paint(|ctx| {
            ctx.draw(&Circle {
                x: 0.0,
                y: 0.0,
                radius: 0.97,
                color: ring,
            })
        })
        .render(canvas, buf);
    // The middle: a few lines inside the ring, clear of the labels.
    let inner = (2.0 * shape.rx - 6.0).max(0.0) as u16;
    let top = (shape.cy - (centre.len() as f64 - 1.0) / 2.0).round() as u16;
    for (i, line) in centre.iter().enumerate() {
        let row = Rect {
            x: (shape.cx - f64::from(inner) / 2.0).round() as u16,
            y: top + i as u16,
            width: inner,
            height: 1,
        };
        if row.y >= area.y && row.bottom() <= area.bottom() {
            Paragraph::new(fit_line(line, usize::from(inner)))
                .alignment(Alignment::Center)
                .render(row, buf);
        }
    }
    for (p, seat) in placed.iter().zip(seats) {
        buf.set_stringn(p.x, p.y, &p.text, p.width as usize, seat.style);
    }
    true
}

/// Labels around the ring at the widest label width that fits, or `None`.
/// A ring that looks round (cells are about twice as tall as wide) wins
/// over long names; a squeezed ring is taken only when nothing else fits.
fn place(seats: &[Seat], area: Rect) -> Option<(Shape, Vec<Placed>)> {
    if seats.is_empty() || area.height < 5 {
        return None;
    }
    let tries = || LABEL_WIDTHS.iter().map(|&w| place_at(seats, area, w - 2));
    tries()
        .flatten()
        .find(|(shape, _)| shape.rx >= 1.5 * shape.ry)
        .or_else(|| tries().flatten().next())
}

fn place_at(seats: &[Seat], area: Rect, name_width: usize) -> Option<(Shape, Vec<Placed>)> {
    let labels: Vec<String> = seats.iter().map(|s| s.label(name_width)).collect();
    let widest = labels.iter().map(|l| width(l)).max().unwrap_or(0) as f64;
    let shape = Shape {
        cx: f64::from(area.x) + f64::from(area.width - 1) / 2.0,
        cy: f64::from(area.y) + f64::from(area.height - 1) / 2.0,
        rx: f64::from(area.width - 1) / 2.0 - widest - 2.0,
        ry: f64::from(area.height - 1) / 2.0,
    };
    if shape.rx < 6.0 {
        return None;
    }
    let n = seats.len() as f64;
    let mut placed: Vec<Placed> = Vec::with_capacity(seats.len());
    for (i, text) in labels.into_iter().enumerate() {
        let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n;
        let (c, s) = (angle.cos(), angle.sin());
        let w = width(&text) as f64;
        // Right of the ring a label starts at it, left of it ends there,
        // and at the top and bottom it sits centred, sliding between.
        let px = shape.cx + shape.rx * c;
        let x = (px + 2.0 * c - w * (1.0 - c) / 2.0).round();
        let y = (shape.cy + shape.ry * s).round();
        if x < f64::from(area.x) || x + w > f64::from(area.right()) {
            return None;
        }
        let p = Placed {
            text,
            x: x as u16,
            y: y as u16,
            width: w as u16,
        };
        // One blank column at least between labels on a row.
        if placed
            .iter()
            .any(|o| o.y == p.y && p.x < o.x + o.width + 1 && o.x < p.x + p.width + 1)
        {
            return None;
        }
        placed.push(p);
    }
    Some((shape, placed))
}

/// The seats in columns, top to bottom then left to right: the compact
/// layout for circles the ring cannot hold. Shows as many as fit and says
/// how many more there are.
pub fn grid(seats: &[Seat], area: Rect, buf: &mut Buffer) {
    if seats.is_empty() || area.height == 0 || area.width == 0 {
        return;
    }
    let rows = area.height as usize;
    let widest = seats.iter().map(|s| width(&s.name) + 2).max().unwrap_or(0);
    let cols_needed = seats.len().div_ceil(rows);
    // As wide as the longest label, narrower if the columns need it.
    let col_w = (area.width as usize / cols_needed.max(1))
        .min(widest + 2)
        .max(8);
    let cols = (area.width as usize / col_w).max(1);
    let fits = rows * cols;
    let shown = if seats.len() > fits {
        fits - 1
    } else {
        seats.len()
    };
    for (i, seat) in seats.iter().take(shown).enumerate() {
        let (col, row) = (i / rows, i % rows);
        let x = area.x + (col * col_w) as u16;
        let y = area.y + row as u16;
        let text = seat.label(col_w.saturating_sub(3));
        buf.set_stringn(x, y, text, col_w - 1, seat.style);
    }
    if shown < seats.len() {
        let (col, row) = (shown / rows, shown % rows);
        let more = format!("+{} more", seats.len() - shown);
        let x = area.x + (col * col_w) as u16;
        let room = (area.right() - x) as usize;
        buf.set_stringn(x, area.y + row as u16, more, room, Style::new());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seats(n: usize) -> Vec<Seat> {
        (0..n)
            .map(|i| Seat {
                marker: "·",
                name: format!("Person {i}"),
                style: Style::new(),
            })
            .collect()
    }

    #[test]
    fn twelve_fit_a_laptop_screen_and_forty_need_the_grid() {
        let area = Rect::new(0, 0, 50, 17);
        let (_, placed) = place(&seats(12), area).expect("12 fit");
        assert_eq!(placed.len(), 12);
        // The first seat is at the top, the seventh at the bottom.
        assert_eq!(placed[0].y, 0);
        assert_eq!(placed[6].y, 16);
        assert!(placed.iter().all(|p| p.x + p.width <= 50));
        assert!(place(&seats(40), area).is_none());
        assert!(place(&seats(3), Rect::new(0, 0, 20, 4)).is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// However many people and whatever the size: when the ring is
        /// drawn, every label is inside and none touches another.
        #[test]
        fn labels_stay_inside_and_apart(n in 1usize..45, w in 20u16..200, h in 5u16..60) {
            let area = Rect::new(3, 2, w, h);
            if let Some((_, placed)) = place(&seats(n), area) {
                proptest::prop_assert_eq!(placed.len(), n);
                for (i, a) in placed.iter().enumerate() {
                    proptest::prop_assert!(a.x >= area.x && a.x + a.width <= area.right());
                    proptest::prop_assert!(a.y >= area.y && a.y < area.bottom());
                    for b in &placed[i + 1..] {
                        let apart = a.y != b.y || a.x + a.width < b.x || b.x + b.width < a.x;
                        proptest::prop_assert!(apart, "{:?} {:?}", a, b);
                    }
                }
            }
        }
    }

    #[test]
    fn the_grid_says_how_many_more() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 3));
        grid(&seats(40), buf.area, &mut buf);
        let text: String = (0..3)
            .flat_map(|y| (0..30).map(move |x| (x, y)))
            .map(|(x, y)| buf[(x, y)].symbol().to_string())
            .collect();
        assert!(text.contains("more"), "{text}");
    }
}
