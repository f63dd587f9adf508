//! A speaker's clock in one line, the same on the Round and Stack screens:
//! who speaks, their time against the per-speaker box, and the staged
//! warning in words (colour is never the only signal).

use jiff::Timestamp;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::duration::{clock, friendly, unsigned_clock};
use crate::core::plan::Plan;
use crate::core::state::State;
use crate::core::turn::{Turn, TurnClock};
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

/// "▶ Kim  0:42 of 2m  UNDER 30S LEFT": the turn's clock as the run and
/// the plan stand.
pub fn line(state: &State, plan: &Plan, t: &Theme, turn: &Turn, now: Timestamp) -> Line<'static> {
    let c = turn.clock(&state.run, plan, now);
    let stage = t.stage(c.stage());
    let time = match c.time_box {
        Some(b) => format!("{} of {}", countdown(&c), friendly(b)),
        None => format!("{} speaking", countdown(&c)),
    };
    let mut spans = vec![
        Span::styled("▶ ", speaker_style(t)),
        Span::styled(state.people.name(turn.person).to_string(), speaker_style(t)),
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
