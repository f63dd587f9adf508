//! The room clock: the remaining time in digits as big as the terminal
//! allows, readable from across the room or on a projector. While someone
//! speaks in a round or from the stack, it shows their name and their
//! turn's countdown, with the segment's time in a line above.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::core::duration::clock;
use crate::core::turn::Turn;
use crate::tui::app::App;

use crate::tui::widgets::{big_clock, turn};

pub fn render(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    let t = &app.settings.theme;
    if let Some(turn) = app.state().running_turn() {
        return render_turn(app, turn, now, area, buf);
    }
    let Some((id, remaining, stage)) = app.countdown(now) else {
        let line = Rect {
            height: area.height.min(1),
            ..area
        };
        let mut words = vec![];
        if let Some(badge) = app.rehearsal_badge() {
            words.push(Span::styled(badge, t.rehearsal));
            words.push(Span::raw(" "));
        }
        words.push(Span::styled("no segment is running", t.title));
        Paragraph::new(Line::from(words))
            .alignment(Alignment::Center)
            .render(line, buf);
        return;
    };
    let seg = app.timeline.state().run.segment(id);
    let title = seg.map_or(String::new(), |s| s.title.clone());
    let warnings = seg
        .map(|s| app.timeline.session().plan.warnings_for(s))
        .unwrap_or_default();
    if area.height >= 3 {
        let mut top = vec![];
        if let Some(badge) = app.rehearsal_badge() {
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

/// The speaker's name over their turn's countdown; the segment's title and
/// time left stay in the top line when there is room.
fn render_turn(app: &App, turn: &Turn, now: Timestamp, area: Rect, buf: &mut Buffer) {
    let t = &app.settings.theme;
    let c = turn.clock(&app.state().run, &app.session().plan, now);
    let style = t.stage(c.stage());
    let digits = turn::countdown(&c);
    let name = app.timeline.state().people.name(turn.person).to_string();
    let row = |y: u16| Rect {
        y,
        height: 1,
        ..area
    };
    let centred = |line: Line<'static>, y: u16, buf: &mut Buffer| {
        Paragraph::new(line)
            .alignment(Alignment::Center)
            .render(row(y), buf);
    };
    match area.height {
        0 => {}
        1 => centred(
            Line::from(vec![
                Span::styled(format!("{name} "), turn::speaker_style(t)),
                Span::styled(digits, style),
            ]),
            area.y,
            buf,
        ),
        2 => {
            centred(Line::styled(name, turn::speaker_style(t)), area.y, buf);
            centred(Line::styled(digits, style), area.y + 1, buf);
        }
        h => {
            let segment = app.countdown(now).and_then(|(id, remaining, _)| {
                let title = app.timeline.state().run.segment(id)?.title.clone();
                Some(format!("{title} · {} left", clock(remaining)))
            });
            let mut y = area.y;
            if h >= 5
                && let Some(s) = segment
            {
                centred(Line::styled(s, t.dim), y, buf);
                y += 1;
            }
            // The name sits right over the digits, the pair centred.
            let bottom = area.bottom() - 1;
            let room = bottom - y - 1;
            let tall = big_clock::height_for(digits.chars().count() as u16, area.width, room);
            let top = y + (room - tall) / 2;
            centred(Line::styled(name, turn::speaker_style(t)), top, buf);
            centred(Line::styled(c.label(), style), bottom, buf);
            let middle = Rect {
                y: top + 1,
                height: tall,
                ..area
            };
            big_clock::render(&digits, style, middle, buf);
        }
    }
}
