//! The frame around the screens: the status bar and the screen tabs on
//! top, the confidential banner, the screen on show, the hint bar (or the
//! status line) at the bottom, and what is drawn over everything: the help,
//! the room clock, "end the session now?", and an open prompt.
//!
//! Drawing reads the app and never changes it.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::room;
use super::saver::SaveStatus;
use super::screens::{self, live::guide};
use super::widgets::fit::{fit, fit_line, width};
use super::widgets::{help, hints, prompt};

/// Smallest frame the screens are laid out for.
pub const MIN_WIDTH: u16 = 44;
pub const MIN_HEIGHT: u16 = 12;

/// Draws the whole frame.
pub fn render(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = &app.settings.theme;
    if let Some(Overlay::RoomClock) = app.overlay {
        // The room clock is useful at any size, so it goes before the size check.
        room::render(app, now, area, buf);
        if let Some(line) = guide::banner(app.state(), theme) {
            line.render(Rect { height: 1, ..area }, buf);
        }
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        Paragraph::new(Line::styled("make the window larger", theme.title))
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
    header(app, now, head, buf);
    if let Some(line) = guide::banner(app.state(), theme) {
        line.render(
            Rect {
                y: area.y + 2,
                height: 1,
                ..area
            },
            buf,
        );
    }
    let v = app.view(now);
    screens::render(app.screen, &v, body, buf);
    let contexts = screens::contexts(app.screen, &v);
    match &app.flash {
        Some(msg) => Line::styled(msg.clone(), theme.accent).render(foot, buf),
        None => hints::render(
            &app.settings.keymap,
            &contexts,
            &screens::hints(app.screen, &v),
            theme,
            foot,
            buf,
        ),
    }
    screens::modal(app.screen, &v, area, buf);
    match &app.overlay {
        Some(Overlay::Help) => {
            let hide: &[Action] = if app.session().rehearsal {
                &[]
            } else {
                &[
                    Action::Faster,
                    Action::Slower,
                    Action::JumpAhead,
                    Action::PauseClock,
                ]
            };
            help::render(&app.settings.keymap, &contexts, hide, theme, area, buf)
        }
        Some(Overlay::ConfirmClose) => prompt::confirm(
            "End the session now? Segments not run stay as they are. y ends it, any other key keeps going.",
            theme,
            area,
            buf,
        ),
        _ => {}
    }
}

/// The save state, worded for a glance: quiet when fine, loud when not.
pub fn save_label(app: &App) -> (String, bool) {
    match &app.save {
        SaveStatus::Saved(t) if *t == Timestamp::UNIX_EPOCH => ("saved".into(), false),
        SaveStatus::Saved(t) => (
            format!(
                "saved {}",
                t.to_zoned(app.settings.tz.clone()).strftime("%H:%M:%S")
            ),
            false,
        ),
        SaveStatus::SavedBut(t, warning) => (
            format!(
                "saved {}, but {warning}",
                t.to_zoned(app.settings.tz.clone()).strftime("%H:%M:%S")
            ),
            true,
        ),
        SaveStatus::Pending => ("saving…".into(), false),
        SaveStatus::Failed(reason) => (format!("NOT SAVED: {reason}, retrying"), true),
        SaveStatus::Elsewhere(what) => (format!("NOT SAVED HERE: {what}"), true),
    }
}

/// Line one: what is on and whether it is safe; line two: the screens.
fn header(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.settings.theme;
    let clock = now
        .to_zoned(app.settings.tz.clone())
        .strftime("%H:%M")
        .to_string();
    let (save, alarm) = save_label(app);
    let right = Line::from(vec![
        Span::styled(clock, t.title),
        Span::raw("  "),
        Span::styled(save, if alarm { t.alarm } else { t.dim }),
    ]);
    let run = &app.timeline.state().run;
    let segment = match run.current_segment() {
        Some(s) => s.title.clone(),
        None if app.timeline.state().finished() => "ended".to_string(),
        None if run.started.is_some() => "between segments".to_string(),
        None => "not started".to_string(),
    };
    let right_w = (right.width() as u16).min(area.width);
    // The save state wins the space: it must never be cut off.
    // One blank column keeps the title from running into the clock.
    let left_area = Rect {
        width: (area.width - right_w).saturating_sub(1),
        height: 1,
        ..area
    };
    let mut left = vec![];
    if let Some(badge) = app.rehearsal_badge() {
        left.push(Span::styled(badge, t.rehearsal));
        left.push(Span::raw(" "));
    }
    // Short of room, the session's title gives way to the segment's: what
    // is running is what a glance looks for. Both cut with "…".
    let room = usize::from(left_area.width)
        .saturating_sub(Line::from(left.clone()).width() + 3 + width(&segment))
        .max(12);
    left.push(Span::styled(
        fit(&app.timeline.session().title, room),
        t.title,
    ));
    left.push(Span::styled(" · ", t.dim));
    left.push(Span::raw(segment));
    let left = fit_line(&Line::from(left), usize::from(left_area.width));
    let right_area = Rect {
        x: area.x + area.width - right_w,
        width: right_w,
        height: 1,
        ..area
    };
    left.render(left_area, buf);
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

/// What fills the window: the screen, what is drawn over it, and who is
/// speaking. When it changes the next frame is drawn whole, not as a diff:
/// terminals do not all agree with the buffer on how wide some clusters
/// are (Devanagari conjuncts, emoji sequences), and a cell one of them
/// pushed aside would otherwise stay on screen under a view that has
/// nothing to draw there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    screen: Screen,
    overlay: Option<Overlay>,
    writing: bool,
    big: Option<guide::Big>,
    speaker: Option<crate::core::person::PersonId>,
    /// A screen's popup is open (a question, a dialog, a draw shown
    /// large): opening and closing one redraws the window whole too.
    popup: bool,
}

/// The layer `app` shows now.
pub fn layer(app: &App) -> Layer {
    Layer {
        screen: app.screen,
        overlay: app.overlay.clone(),
        writing: app.views.notes.writing(),
        big: app.views.live.guide.big,
        speaker: app.state().running_turn().map(|t| t.person),
        popup: app.views.plan.prompt.is_some()
            || app.views.people.prompt.is_some()
            || app.views.people.naming.is_some()
            || app.views.people.draw_shown
            || app.views.stack.prompt.is_some()
            || app.views.notes.prompt.is_some()
            || app.views.live.guide.entry.is_some(),
    }
}
