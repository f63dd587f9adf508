//! The help overlay: every binding of the current screen and the global
//! ones, read from the keymap. When the list is taller than the window it
//! flows into a second (and third) column rather than being cut off.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

/// Narrowest column of entries.
const COLUMN: u16 = 44;

/// The bindings of several keymap sections, innermost first; a key an inner
/// section rebinds is left out of the outer ones, and actions in `hide`
/// (e.g. rehearsal-only keys outside a rehearsal) are left out.
pub fn render(
    keymap: &Keymap,
    contexts: &[Context],
    hide: &[Action],
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut lines = Vec::new();
    for (i, &ctx) in contexts.iter().enumerate() {
        let entries: Vec<_> = keymap
            .help(ctx, &contexts[..i])
            .into_iter()
            .filter(|(a, _)| !hide.contains(a))
            .collect();
        if entries.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(ctx.name().to_string(), theme.title));
        for (action, keys) in entries {
            let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<12}", keys.join(" ")), theme.key),
                Span::raw(action.describe()),
            ]));
        }
    }
    let inner_h = area.height.saturating_sub(2).max(1) as usize;
    let columns = lines.len().div_ceil(inner_h).max(1);
    let rows = lines.len().div_ceil(columns);
    // As wide as the longest entry, as far as the window allows.
    let widest = lines.iter().map(|l| l.width()).max().unwrap_or(0) as u16 + 2;
    let column = widest
        .max(COLUMN)
        .min(area.width.saturating_sub(2) / columns as u16)
        .max(1);
    let width = (column * columns as u16 + 2).min(area.width);
    let box_area = super::centered(area, width, rows as u16 + 2);
    crate::tui::widgets::clear_box(box_area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys (? or esc closes) ");
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    for (i, chunk) in lines.chunks(rows.max(1)).enumerate() {
        let x = inner.x.saturating_add(column * i as u16);
        if x >= inner.right() {
            break;
        }
        let col = Rect {
            x,
            width: column.min(inner.right() - x),
            ..inner
        };
        Paragraph::new(chunk.to_vec()).render(col, buf);
    }
}
