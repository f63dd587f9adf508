//! Text for the room: a few lines (agreements, a prompt) as large as the
//! space allows. Big glyphs when every line fits and every character has
//! one; otherwise bold lines, centred, with air between them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_big_text::{BigText, PixelSize};

/// Draws `items` centred in `area`.
pub fn render(items: &[String], style: Style, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let original = items;
    let items: Vec<String> = items.iter().map(|i| plain(i)).collect();
    let drawable = items.iter().flat_map(|i| i.chars()).all(has_glyph);
    let sizes = [(PixelSize::HalfHeight, 8, 4), (PixelSize::Quadrant, 4, 4)];
    for (size, w, h) in sizes.into_iter().filter(|_| drawable) {
        let Some(lines) = wrap_all(&items, (area.width / w) as usize) else {
            continue;
        };
        // A blank row between items, none after the last.
        let rows = lines.len() as u16 * h + items.len().saturating_sub(1) as u16;
        if rows > area.height {
            continue;
        }
        let mut y = area.y + (area.height - rows) / 2;
        for (i, item) in items.iter().enumerate() {
            let wrapped = wrap(item, (area.width / w) as usize).unwrap_or_default();
            let height = wrapped.len() as u16 * h;
            BigText::builder()
                .pixel_size(size)
                .style(style)
                .alignment(Alignment::Center)
                .lines(wrapped.into_iter().map(Line::from).collect::<Vec<_>>())
                .build()
                .render(Rect { y, height, ..area }, buf);
            y += height + u16::from(i + 1 < items.len());
        }
        return;
    }
    let items = original;
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(item.clone(), style));
    }
    let para = Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    let width = area.width as usize;
    let rows: usize = items
        .iter()
        .map(|i| wrap(i, width).map_or(super::fit::width(i).div_ceil(width), |l| l.len()))
        .sum::<usize>()
        + items.len().saturating_sub(1);
    let height = (rows as u16).min(area.height);
    para.render(
        Rect {
            y: area.y + (area.height - height) / 2,
            height,
            ..area
        },
        buf,
    );
}

/// Typographic quotes and dashes as their plain forms, which the big font has.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            c => c,
        })
        .collect()
}

/// Characters the big font draws: printable ASCII and Latin-1.
fn has_glyph(c: char) -> bool {
    (' '..='~').contains(&c) || ('\u{a0}'..='\u{ff}').contains(&c)
}

fn wrap_all(items: &[String], width: usize) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for i in items {
        out.extend(wrap(i, width)?);
    }
    Some(out)
}

use super::fit::width;

/// Greedy word wrap by columns; `None` when a word is longer than the width.
fn wrap(text: &str, max: usize) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let n = width(word);
        if n > max {
            return None;
        }
        if line.is_empty() {
            line = word.to_string();
        } else if width(&line) + 1 + n <= max {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_words_and_refuses_long_ones() {
        assert_eq!(
            wrap("be good to each other", 10).unwrap(),
            ["be good to", "each other"]
        );
        assert_eq!(wrap("unbreakable", 5), None);
        assert!(has_glyph('é') && !has_glyph('李'));
        assert_eq!(plain("“it’s — fine”"), "\"it's - fine\"");
    }

    #[test]
    fn falls_back_to_plain_lines_that_keep_every_word() {
        let area = Rect::new(0, 0, 30, 6);
        let mut buf = Buffer::empty(area);
        render(
            &["李雷 says hello".to_string()],
            Style::new(),
            area,
            &mut buf,
        );
        let text: String = (0..area.height)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .map(|(x, y)| buf[(x, y)].symbol().to_string())
            .collect();
        assert!(text.contains("says hello"), "{text}");
    }
}
