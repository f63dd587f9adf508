//! The help overlay: every binding of the current screen and the global
//! ones, read from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

pub fn render(keymap: &Keymap, context: Context, theme: &Theme, area: Rect, buf: &mut Buffer) {
    render_contexts(keymap, &[context, Context::Global], theme, area, buf);
}

/// The bindings of several keymap sections, innermost first.
pub fn render_contexts(
    keymap: &Keymap,
    contexts: &[Context],
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut lines = Vec::new();
    for &ctx in contexts {
        let entries = keymap.help(ctx);
        if entries.is_empty() {
            continue;
        }
        lines.push(Line::styled(ctx.name().to_string(), theme.title));
        for (action, keys) in entries {
            let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", keys.join(" ")), theme.key),
                Span::raw(action.describe()),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let box_area = super::centered(area, 64, height);
    Clear.render(box_area, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Keys (? or esc closes) "),
        )
        .render(box_area, buf);
}
