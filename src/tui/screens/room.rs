//! The room clock: the remaining time in digits as big as the terminal
//! allows, readable from across the room or on a projector.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::core::duration::clock;
use crate::tui::app::App;
use crate::tui::widgets::big_clock;
use crate::tui::widgets::header::rehearsal_badge;

pub fn render(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some((id, remaining, stage)) = app.countdown(now) else {
        let line = Rect {
            height: area.height.min(1),
            ..area
        };
        let mut words = vec![];
        if let Some(badge) = rehearsal_badge(app) {
            words.push(Span::styled(badge, t.rehearsal));
            words.push(Span::raw(" "));
        }
        words.push(Span::styled("no segment is running", t.title));
        Paragraph::new(Line::from(words))
            .alignment(Alignment::Center)
            .render(line, buf);
        return;
    };
    let seg = app.state.run.segment(id);
    let title = seg.map_or(String::new(), |s| s.title.clone());
    let warnings = seg
        .map(|s| app.session.plan.warnings_for(s))
        .unwrap_or_default();
    if area.height >= 3 {
        let mut top = vec![];
        if let Some(badge) = rehearsal_badge(app) {
            top.push(Span::styled(badge, t.rehearsal));
            top.push(Span::raw(" "));
        }
        top.push(Span::styled(title, t.title));
        Paragraph::new(Line::from(top))
            .alignment(Alignment::Center)
            .render(Rect { height: 1, ..area }, buf);
        let label = stage.label(remaining, &warnings);
        Paragraph::new(Line::styled(label, t.stage(stage)))
            .alignment(Alignment::Center)
            .render(
                Rect {
                    y: area.bottom() - 1,
                    height: 1,
                    ..area
                },
                buf,
            );
        let middle = Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        };
        big_clock::render(&clock(remaining), t.stage(stage), middle, buf);
    } else {
        big_clock::render(&clock(remaining), t.stage(stage), area, buf);
    }
}
