//! The status bar (title, segment, wall clock, save state) and the screen tabs.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::app::{App, Screen};
use crate::tui::saver::SaveStatus;

/// The save state, worded for a glance: quiet when fine, loud when not.
pub fn save_label(app: &App) -> (String, bool) {
    match &app.save {
        SaveStatus::Saved(t) if *t == Timestamp::UNIX_EPOCH => ("saved".into(), false),
        SaveStatus::Saved(t) => (
            format!("saved {}", t.to_zoned(app.tz.clone()).strftime("%H:%M:%S")),
            false,
        ),
        SaveStatus::SavedBut(t, warning) => (
            format!(
                "saved {}, but {warning}",
                t.to_zoned(app.tz.clone()).strftime("%H:%M:%S")
            ),
            true,
        ),
        SaveStatus::Pending => ("saving…".into(), false),
        SaveStatus::Failed(reason) => (format!("NOT SAVED: {reason}, retrying"), true),
        SaveStatus::Elsewhere(what) => (format!("NOT SAVED HERE: {what}"), true),
    }
}

/// " REHEARSAL 10x " (or " REHEARSAL paused ") in a rehearsal, so it is
/// never mistaken for the real thing.
pub fn rehearsal_badge(app: &App) -> Option<String> {
    app.session.rehearsal.then(|| match app.clock.label() {
        Some(speed) => format!(" REHEARSAL {speed} "),
        None => " REHEARSAL ".to_string(),
    })
}

/// Line one: what is on and whether it is safe; line two: the screens.
pub fn render(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let clock = now.to_zoned(app.tz.clone()).strftime("%H:%M").to_string();
    let (save, alarm) = save_label(app);
    let right = Line::from(vec![
        Span::styled(clock, t.title),
        Span::raw("  "),
        Span::styled(save, if alarm { t.alarm } else { t.dim }),
    ]);
    let run = &app.state.run;
    let segment = match run.current_segment() {
        Some(s) => s.title.clone(),
        None if app.state.finished() => "ended".to_string(),
        None if run.started.is_some() => "between segments".to_string(),
        None => "not started".to_string(),
    };
    let mut left = vec![];
    if let Some(badge) = rehearsal_badge(app) {
        left.push(Span::styled(badge, t.rehearsal));
        left.push(Span::raw(" "));
    }
    left.push(Span::styled(app.session.title.clone(), t.title));
    left.push(Span::styled(" · ", t.dim));
    left.push(Span::raw(segment));
    let right_w = (right.width() as u16).min(area.width);
    // The save state wins the space: it must never be cut off.
    // One blank column keeps the title from running into the clock.
    let left_area = Rect {
        width: (area.width - right_w).saturating_sub(1),
        height: 1,
        ..area
    };
    let right_area = Rect {
        x: area.x + area.width - right_w,
        width: right_w,
        height: 1,
        ..area
    };
    Line::from(left).render(left_area, buf);
    right.render(right_area, buf);
    if area.height > 1 {
        let tabs: Vec<Span> = Screen::ALL
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                let label = format!(" {} {} ", i + 1, s.title());
                let style = if *s == app.screen { t.selected } else { t.dim };
                [Span::styled(label, style), Span::raw(" ")]
            })
            .collect();
        Line::from(tabs).render(
            Rect {
                y: area.y + 1,
                height: 1,
                ..area
            },
            buf,
        );
    }
}
