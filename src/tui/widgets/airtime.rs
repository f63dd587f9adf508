//! Airtime as bars: who has spoken, how often and for how long, longest
//! first, and who has not spoken yet. Hand-drawn with block characters so a
//! bar can be as fine as an eighth of a cell and names of any script line up.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::fit::{pad, width};
use crate::core::airtime::Report;
use crate::core::duration::unsigned_clock;
use crate::core::person::People;
use crate::tui::theme::Theme;

/// A bar of `fill` (0.0 to 1.0) of `cells` cells, in eighths.
pub fn bar(fill: f64, cells: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = (fill.clamp(0.0, 1.0) * cells as f64 * 8.0).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    out.push_str(PARTS[eighths % 8]);
    if out.is_empty() && fill > 0.0 {
        out.push('▏');
    }
    out
}

/// "4:12 · 3 turns · 35%", shorter when the space is narrow.
fn detail(spoken_secs: u64, turns: u32, share: f64, room: u16) -> String {
    let time = unsigned_clock(spoken_secs);
    let turns_word = if turns == 1 { "turn" } else { "turns" };
    if room >= 70 {
        format!("{time} · {turns} {turns_word} · {:.0}%", share * 100.0)
    } else if room >= 44 {
        format!("{time} · {turns} {turns_word}")
    } else {
        format!("{time} ×{turns}")
    }
}

/// Draws the heading, one bar per speaker and the "not yet spoken" line.
pub fn render(
    heading: Line<'static>,
    report: &Report,
    people: &People,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.height == 0 {
        return;
    }
    heading.render(Rect { height: 1, ..area }, buf);
    let silent: Vec<&str> = report.silent.iter().map(|id| people.name(*id)).collect();
    let silent_rows = match (silent.is_empty(), area.height) {
        (true, _) | (false, 0..=2) => 0,
        (false, 3..=6) => 1,
        _ => 2,
    };
    let bars = area.height.saturating_sub(1 + silent_rows) as usize;
    let names_w = report
        .speakers
        .iter()
        .map(|a| width(people.name(a.person)))
        .max()
        .unwrap_or(0)
        .clamp(4, 16);
    let details: Vec<String> = report
        .speakers
        .iter()
        .map(|a| {
            detail(
                a.spoken.as_secs().max(0) as u64,
                a.turns,
                a.share,
                area.width,
            )
        })
        .collect();
    let detail_w = details.iter().map(|d| width(d)).max().unwrap_or(0);
    let bar_w = (area.width as usize).saturating_sub(names_w + detail_w + 2);
    let longest = report
        .speakers
        .first()
        .map_or(0.0, |a| a.spoken.as_secs_f64());
    if report.speakers.is_empty() && bars > 0 {
        Line::styled("nobody has spoken yet", theme.dim).render(
            Rect {
                y: area.y + 1,
                height: 1,
                ..area
            },
            buf,
        );
    }
    let shown = report.speakers.len().min(bars);
    for (i, (a, d)) in report.speakers.iter().zip(&details).take(shown).enumerate() {
        let fill = if longest > 0.0 {
            a.spoken.as_secs_f64() / longest
        } else {
            0.0
        };
        let mut line = vec![
            Span::raw(pad(people.name(a.person), names_w)),
            Span::raw(" "),
            Span::styled(pad(&bar(fill, bar_w), bar_w), theme.accent),
            Span::raw(" "),
            Span::styled(d.clone(), theme.dim),
        ];
        let more = report.speakers.len() - shown;
        if i + 1 == shown && more > 0 {
            line = vec![Span::styled(
                format!("… and {more} more who have spoken"),
                theme.dim,
            )];
        }
        Line::from(line).render(
            Rect {
                y: area.y + 1 + i as u16,
                height: 1,
                ..area
            },
            buf,
        );
    }
    if silent_rows > 0 {
        let words = Line::from(vec![
            Span::styled(format!("not yet spoken ({}): ", silent.len()), theme.dim),
            Span::raw(silent.join(", ")),
        ]);
        // Right under the bars, a blank line between when there is room;
        // the list may run on over the rows left.
        let used = 1 + shown.max(1) as u16;
        let gap = u16::from(area.height > used + silent_rows);
        let y = area.y + used + gap;
        Paragraph::new(words).wrap(Wrap { trim: true }).render(
            Rect {
                y,
                height: (area.bottom() - y).min(4),
                ..area
            },
            buf,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_grow_in_eighths() {
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.5, 3), "█▌");
        assert_eq!(bar(0.0, 5), "");
        assert_eq!(bar(0.001, 5), "▏", "anyone who spoke shows");
        assert_eq!(detail(252, 3, 0.35, 80), "4:12 · 3 turns · 35%");
        assert_eq!(detail(60, 1, 1.0, 50), "1:00 · 1 turn");
        assert_eq!(detail(60, 1, 1.0, 30), "1:00 ×1");
    }
}
