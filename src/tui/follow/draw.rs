//! Drawing the room's view. It reads a `core::room_view::Room`, already
//! filtered for privacy, and the follower's own status line; nothing else
//! of the session reaches it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::digits;
use crate::core::room_view::{Body, Room, RoomView, Seat};
use crate::tui::theme::Theme;
use crate::tui::widgets::big_lines;
use crate::tui::widgets::fit::{fit, width};

/// What a follower draws: the room's view (none before the session could
/// be read) and its status line.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub room: Option<Room>,
    /// "following the facilitator · live", "NOT BEING WRITTEN ...".
    pub status: String,
    /// The status is a warning (the session is not being written).
    pub warn: bool,
}

pub fn render(frame: &Frame, t: &Theme, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    buf.set_style(area, t.base);
    let status_style = if frame.warn { t.alarm } else { t.dim };
    let Some(room) = &frame.room else {
        return centred(&frame.status, status_style, area, buf);
    };
    // A top line and a status line when there is room for them.
    let (top, body, foot) = match area.height {
        1 => (None, area, None),
        2 => (None, row(area, area.y), Some(row(area, area.y + 1))),
        _ => (
            Some(row(area, area.y)),
            Rect {
                y: area.y + 1,
                height: area.height - 2,
                ..area
            },
            Some(row(area, area.bottom() - 1)),
        ),
    };
    if let Some(top) = top {
        let mut words = vec![Span::styled(
            room.segment.clone().unwrap_or_else(|| room.session.clone()),
            t.title,
        )];
        if room.paused {
            words.push(Span::raw("  "));
            words.push(Span::styled(" PAUSED ", t.soon));
        }
        Paragraph::new(Line::from(words))
            .alignment(Alignment::Center)
            .render(top, buf);
    }
    if let Some(foot) = foot {
        let text = fit(&frame.status, foot.width as usize);
        Paragraph::new(Line::styled(text, status_style))
            .alignment(Alignment::Center)
            .render(foot, buf);
    }
    draw_body(room, t, body, buf);
}

fn draw_body(room: &Room, t: &Theme, area: Rect, buf: &mut Buffer) {
    match &room.body {
        Body::Clock | Body::Private => clock(room, t, area, buf),
        Body::Closed => big_lines::render(&["Session closed".into()], t.title, area, buf),
        Body::Away => {
            let [card, line] = split_last(area);
            big_lines::render(&["We'll be back".into()], t.title, card, buf);
            if let Some(c) = &room.clock {
                centred(&format!("{} left", c.digits), t.dim, line, buf);
            }
        }
        Body::Prompt(Some(p)) => big_lines::render(&[format!("“{p}”")], t.title, area, buf),
        Body::Prompt(None) => centred("No prompt yet", t.dim, area, buf),
        Body::Agreements(list) if list.is_empty() => {
            centred("No agreements named here", t.dim, area, buf)
        }
        Body::Agreements(list) => {
            let [head, rest] = split_first(area);
            centred("Our agreements", t.title, head, buf);
            big_lines::render(list, t.title, rest, buf);
        }
        Body::Round(seats) if seats.is_empty() => centred("No round yet", t.dim, area, buf),
        Body::Round(seats) => {
            let lines = seats
                .iter()
                .map(|(name, seat)| {
                    let style = match seat {
                        Seat::Speaking => t.accent,
                        Seat::Waiting => t.title,
                        _ => t.dim,
                    };
                    let mark = if *seat == Seat::Speaking { "▶ " } else { "" };
                    let label = seat.label();
                    let text = match label {
                        "" => format!("{mark}{name}"),
                        l => format!("{mark}{name} · {l}"),
                    };
                    (text, style)
                })
                .collect();
            headed("Round", lines, t, area, buf);
        }
        Body::Stack(queue) if queue.is_empty() => {
            let [head, rest] = split_first(area);
            speaker_line(room, t, head, buf);
            centred("No hands up", t.dim, rest, buf);
        }
        Body::Stack(queue) => {
            let lines = queue
                .iter()
                .enumerate()
                .map(|(i, (name, why))| {
                    let text = match why {
                        Some(w) => format!("{}. {name} · {w}", i + 1),
                        None => format!("{}. {name}", i + 1),
                    };
                    (text, if i == 0 { t.accent } else { t.title })
                })
                .collect();
            let [head, rest] = split_first(area);
            speaker_line(room, t, head, buf);
            headed("Next up", lines, t, rest, buf);
        }
        Body::Groups { groups, .. } if groups.is_empty() => {
            centred("No groups yet", t.dim, area, buf)
        }
        Body::Groups { groups, crews } => {
            let word = if *crews { "Crew" } else { "Group" };
            let lines = groups
                .iter()
                .enumerate()
                .map(|(i, g)| (format!("{word} {}: {}", i + 1, g.join(", ")), t.title))
                .collect();
            headed(if *crews { "Crews" } else { "Groups" }, lines, t, area, buf);
        }
        Body::Tally(None) => centred("No count yet", t.dim, area, buf),
        Body::Tally(Some(counts)) => {
            let items: Vec<String> = counts.iter().map(|(l, n)| format!("{n} {l}")).collect();
            big_lines::render(&items, t.title, area, buf);
        }
    }
}

/// The segment's clock as big as fits, or, while someone speaks, their
/// name over their turn's clock with the segment's time in a line above.
fn clock(room: &Room, t: &Theme, area: Rect, buf: &mut Buffer) {
    if let Some(s) = &room.speaker {
        let [head, rest] = split_first(area);
        if let Some(c) = &room.clock {
            centred(&format!("{} left", c.digits), t.dim, head, buf);
        }
        return named_digits(&s.name, &s.clock, t, rest, buf);
    }
    match &room.clock {
        Some(c) => {
            let label = if room.body == Body::Private {
                "kept in the circle"
            } else {
                &c.label
            };
            let [big, line] = split_last(area);
            digits::render(&c.digits, t.stage(c.stage), big, buf);
            centred(label, t.stage(c.stage), line, buf);
        }
        None => centred("Not started yet", t.dim, area, buf),
    }
}

/// A name right over big digits, the pair centred, the stage in words below.
fn named_digits(
    name: &str,
    c: &crate::core::room_view::Countdown,
    t: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let [rest, label] = split_last(area);
    let [_, below] = split_first(rest);
    let tall = digits::height(&c.digits, below);
    let top = rest.y + rest.height.saturating_sub(tall + 1) / 2;
    centred(name, t.accent, row(rest, top), buf);
    let big = Rect {
        y: top + 1,
        height: tall.min(rest.bottom().saturating_sub(top + 1)),
        ..rest
    };
    digits::render(&c.digits, t.stage(c.stage), big, buf);
    centred(&c.label, t.stage(c.stage), label, buf);
}

fn speaker_line(room: &Room, t: &Theme, area: Rect, buf: &mut Buffer) {
    if let Some(s) = &room.speaker {
        centred(
            &format!("▶ {} · {}", s.name, s.clock.digits),
            t.accent,
            area,
            buf,
        );
    }
}

/// A heading, then the lines centred, in as many columns as they need.
fn headed(heading: &str, lines: Vec<(String, Style)>, t: &Theme, area: Rect, buf: &mut Buffer) {
    let [head, rest] = split_first(area);
    centred(heading, t.title, head, buf);
    let rows = rest.height.max(1) as usize;
    let columns = lines.len().div_ceil(rows).max(1);
    let col_width = rest.width / columns as u16;
    // Air between lines when they fit with it.
    let gap = if lines.len() * 2 <= rows { 2 } else { 1 };
    let used = (lines.len().min(rows) * gap) as u16;
    let y0 = rest.y + rest.height.saturating_sub(used) / 2;
    for (i, (text, style)) in lines.iter().enumerate() {
        let (col, r) = (i / rows, i % rows);
        if col >= columns || (r * gap) as u16 >= rest.height {
            continue;
        }
        let cell = Rect {
            x: rest.x + col as u16 * col_width,
            y: y0 + (r * gap) as u16,
            width: col_width,
            height: 1,
        };
        if cell.bottom() > rest.bottom() {
            continue;
        }
        centred(text, *style, cell, buf);
    }
}

fn centred(text: &str, style: Style, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let text = fit(text, area.width as usize);
    let x = area.x + (area.width - width(&text) as u16) / 2;
    let y = area.y + (area.height - 1) / 2;
    buf.set_stringn(x, y, &text, area.width as usize, style);
}

fn row(area: Rect, y: u16) -> Rect {
    Rect {
        y,
        height: 1.min(area.bottom().saturating_sub(y)),
        ..area
    }
}

/// The first row, and the rest.
fn split_first(area: Rect) -> [Rect; 2] {
    let first = area.height.min(1);
    [
        Rect {
            height: first,
            ..area
        },
        Rect {
            y: area.y + first,
            height: area.height - first,
            ..area
        },
    ]
}

/// All but the last row, and the last.
fn split_last(area: Rect) -> [Rect; 2] {
    let last = area.height.min(1);
    [
        Rect {
            height: area.height - last,
            ..area
        },
        Rect {
            y: area.bottom() - last,
            height: last,
            ..area
        },
    ]
}

/// The words for where a view comes from, for the status line.
pub fn source(view: RoomView, pinned: bool) -> String {
    if pinned {
        format!("{} (your pick; f follows the facilitator)", view.name())
    } else {
        format!("{} (the facilitator's choice)", view.name())
    }
}
