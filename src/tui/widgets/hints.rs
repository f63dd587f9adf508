//! The bottom hint bar, generated from the keymap so it never lies.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

/// "space start/pause · n next · ..." for the actions given, each with the
/// first key bound to it; actions with no key are left out. When they do not
/// all fit, hints are dropped from the end, but help and quit always stay:
/// they are the way to everything else.
pub fn render(
    keymap: &Keymap,
    chain: &[Context],
    actions: &[Action],
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut hints: Vec<(Action, String, &str)> = actions
        .iter()
        .filter_map(|a| {
            let key = keymap.keys_in(chain, *a).into_iter().next()?;
            Some((*a, key.label(), a.hint()))
        })
        .collect();
    let width = |h: &[(Action, String, &str)]| -> usize {
        h.iter()
            .map(|(_, k, w)| Line::raw(format!("{k} {w}")).width())
            .sum::<usize>()
            + 3 * h.len().saturating_sub(1)
    };
    let pinned = |a: &Action| matches!(a, Action::Help | Action::Quit);
    while width(&hints) > area.width as usize {
        match hints.iter().rposition(|(a, _, _)| !pinned(a)) {
            Some(i) => {
                hints.remove(i);
            }
            None => {
                hints.pop();
            }
        }
    }
    let mut spans: Vec<Span> = Vec::new();
    for (i, (_, key, word)) in hints.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(word, theme.dim));
    }
    Line::from(spans).render(area, buf);
}
