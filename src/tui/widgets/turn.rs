//! A speaker's clock in one line, the same on the Round and Stack screens:
//! who speaks, their time against the per-speaker box, and the staged
//! warning in words (colour is never the only signal).

use jiff::Timestamp;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::duration::{clock, friendly, unsigned_clock};
use crate::core::turn::{Turn, TurnClock};
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// How the current speaker stands out: the accent, in bold, with "▶".
pub fn speaker_style(theme: &Theme) -> Style {
    theme.accent.add_modifier(Modifier::BOLD)
}

/// The big number for a turn: time left in the box ("+0:10" over it), or
/// time spoken when the segment gives no box.
pub fn countdown(c: &TurnClock) -> String {
    match c.remaining() {
        Some(left) => clock(left),
        None => unsigned_clock(c.elapsed.as_secs().max(0) as u64),
    }
}

/// The turn's clock as the app's plan and run stand.
pub fn clock_of(app: &App, turn: &Turn, now: Timestamp) -> TurnClock {
    turn.clock(&app.timeline.state().run, &app.timeline.session().plan, now)
}

/// "▶ Kim  0:42 of 2m  UNDER 30S LEFT".
pub fn line(app: &App, turn: &Turn, now: Timestamp) -> Line<'static> {
    let t = &app.settings.theme;
    let c = clock_of(app, turn, now);
    let stage = t.stage(c.stage());
    let time = match c.time_box {
        Some(b) => format!("{} of {}", countdown(&c), friendly(b)),
        None => format!("{} speaking", countdown(&c)),
    };
    let mut spans = vec![
        Span::styled("▶ ", speaker_style(t)),
        Span::styled(
            app.timeline.state().people.name(turn.person).to_string(),
            speaker_style(t),
        ),
        Span::raw("  "),
        Span::styled(time, stage),
    ];
    let label = c.label();
    if !label.is_empty() {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(format!(" {label} "), stage));
    }
    Line::from(spans)
}
