//! A segment's script as the facilitator reads it: "SAY ...", "DO ...",
//! "WATCH ..." lines, on the Live screen and beside a guide.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::core::plan::Cue;
use crate::tui::theme::Theme;

/// A script line as "SAY ...", "DO ...", "WATCH ..." lines.
pub fn cue_lines(cue: &Cue, t: &Theme) -> Vec<Line<'static>> {
    [
        ("SAY   ", &cue.say),
        ("DO    ", &cue.act),
        ("WATCH ", &cue.watch),
    ]
    .into_iter()
    .filter_map(|(label, text)| {
        let text = text.as_ref()?;
        Some(Line::from(vec![
            Span::styled(label, t.key),
            Span::raw(text.clone()),
        ]))
    })
    .collect()
}

/// Script lines wrapped into `area`.
pub fn render_cues(cues: &[Cue], t: &Theme, area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = cues.iter().flat_map(|c| cue_lines(c, t)).collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The line on, with "Script 2/5" above it and the next one after.
pub fn render_script(script: &[Cue], cue: usize, t: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(current) = script.get(cue) else {
        return;
    };
    let mut lines = vec![Line::styled(
        format!("Script {}/{}", cue + 1, script.len()),
        t.dim,
    )];
    lines.extend(cue_lines(current, t));
    if let Some(after) = script.get(cue + 1) {
        let text = after
            .say
            .as_ref()
            .or(after.act.as_ref())
            .or(after.watch.as_ref());
        if let Some(text) = text {
            lines.push(Line::styled(format!("then: {text}"), t.dim));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
