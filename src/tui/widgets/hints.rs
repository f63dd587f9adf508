//! The bottom hint bar, generated from the keymap so it never lies.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

/// "space start/pause · n next · ..." for the actions given, each with the
/// first key bound to it; actions with no key are left out.
pub fn render(
    keymap: &Keymap,
    context: Context,
    actions: &[Action],
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut spans: Vec<Span> = Vec::new();
    let mut width = 0;
    for action in actions {
        let Some(key) = keymap.keys_for(context, *action).into_iter().next() else {
            continue;
        };
        let sep = if spans.is_empty() { "" } else { " · " };
        let (key, word) = (key.label(), action.hint());
        // Whole hints only: one that does not fit is left out, not cut.
        let w = Line::raw(format!("{sep}{key} {word}")).width();
        if width + w > area.width as usize {
            break;
        }
        width += w;
        spans.push(Span::styled(sep, theme.dim));
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(word, theme.dim));
    }
    Line::from(spans).render(area, buf);
}
