//! One file per screen; `render` lays out the frame and dispatches. Screens
//! only read the `App`.

pub mod coming;
pub mod guide;
pub mod live;
pub mod picker;
pub mod plan;
pub mod room;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::widgets::{header, help, hints};

/// Smallest frame the screens are laid out for.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

/// Draws the whole frame.
pub fn render(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    if let Some(Overlay::RoomClock) = app.overlay {
        // The room clock is useful at any size, so it goes before the size check.
        room::render(app, now, area, buf);
        if let Some(line) = guide::banner(app) {
            line.render(Rect { height: 1, ..area }, buf);
        }
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        Paragraph::new(Line::styled("make the window larger", app.theme.title))
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    let head = Rect { height: 2, ..area };
    let foot = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let body = Rect {
        y: area.y + 3,
        height: area.height - 4,
        ..area
    };
    header::render(app, now, head, buf);
    if let Some(line) = guide::banner(app) {
        line.render(
            Rect {
                y: area.y + 2,
                height: 1,
                ..area
            },
            buf,
        );
    }
    match app.screen {
        Screen::Live => live::render(app, now, body, buf),
        Screen::Plan => plan::render(app, now, body, buf),
        other => coming::render(app, other, body, buf),
    }
    let (context, actions) =
        guide::hints(app).unwrap_or((app.screen.context(), hint_actions(app.screen)));
    let foot_line = match &app.flash {
        Some(msg) => Line::styled(msg.clone(), app.theme.accent),
        None => Line::default(),
    };
    if app.flash.is_some() {
        foot_line.render(foot, buf);
    } else {
        hints::render(&app.keymap, context, actions, &app.theme, foot, buf);
    }
    match &app.overlay {
        Some(Overlay::Help) => help::render_contexts(
            &app.keymap,
            &guide::help_contexts(app),
            &app.theme,
            area,
            buf,
        ),
        Some(Overlay::TimeBox { .. }) => plan::render_time_box(app, area, buf),
        Some(Overlay::Picker { .. }) => picker::render(app, area, buf),
        _ => {}
    }
}

/// The actions the hint bar offers on each screen, most used first.
fn hint_actions(screen: Screen) -> &'static [Action] {
    match screen {
        Screen::Live => &[
            Action::ToggleTimer,
            Action::Next,
            Action::Previous,
            Action::AddMinute,
            Action::RemoveMinute,
            Action::RoomClock,
            Action::Help,
            Action::Quit,
        ],
        Screen::Plan => &[
            Action::JumpTo,
            Action::MoveUp,
            Action::MoveDown,
            Action::Skip,
            Action::SetTime,
            Action::InsertActivity,
            Action::Undo,
            Action::Help,
            Action::Quit,
        ],
        _ => &[Action::NextScreen, Action::Help, Action::Quit],
    }
}
