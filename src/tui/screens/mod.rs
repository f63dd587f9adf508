//! One file per screen; `render` lays out the frame and dispatches. Screens
//! only read the `App`.

pub mod guide;
pub mod live;
pub mod notes;
pub mod people;
pub mod picker;
pub mod plan;
pub mod room;
pub mod round;
pub mod stack;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::widgets::{header, help, hints, note_editor};

/// Smallest frame the screens are laid out for.
pub const MIN_WIDTH: u16 = 44;
pub const MIN_HEIGHT: u16 = 12;

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
        Screen::Notes => notes::render(app, now, body, buf),
        Screen::People => people::render(app, now, body, buf),
        Screen::Round => round::render(app, now, body, buf),
        Screen::Stack => stack::render(app, now, body, buf),
    }
    let actions = guide::hints(app).map_or(hint_actions(app), |(_, a)| a);
    let foot_line = match &app.flash {
        Some(msg) => Line::styled(msg.clone(), app.theme.accent),
        None => Line::default(),
    };
    if app.flash.is_some() {
        foot_line.render(foot, buf);
    } else {
        let rehearsing = app.screen == Screen::Live && app.timeline.session().rehearsal;
        let actions: Vec<Action> = match guide::hints(app) {
            None if rehearsing => REHEARSAL_LIVE_HINTS.to_vec(),
            // A guide in a rehearsal: the simulated clock's keys first.
            Some(_) if rehearsing => REHEARSAL_GUIDE_HINTS
                .iter()
                .chain(actions)
                .copied()
                .collect(),
            _ => actions.to_vec(),
        };
        hints::render(
            &app.keymap,
            &guide::help_contexts(app),
            &actions,
            &app.theme,
            foot,
            buf,
        );
    }
    match &app.overlay {
        Some(Overlay::Help) => {
            let hide: &[Action] = if app.timeline.session().rehearsal {
                &[]
            } else {
                &[
                    Action::Faster,
                    Action::Slower,
                    Action::JumpAhead,
                    Action::PauseClock,
                ]
            };
            help::render(
                &app.keymap,
                &guide::help_contexts(app),
                hide,
                &app.theme,
                area,
                buf,
            )
        }
        Some(Overlay::TimeBox { .. }) => plan::render_time_box(app, area, buf),
        Some(Overlay::Picker { .. }) => picker::render(app, area, buf),
        Some(Overlay::ConfirmJump(id)) => {
            confirm(app, &plan::jump_question(app, *id, now), area, buf)
        }
        Some(Overlay::ConfirmClose) => confirm(
            app,
            "End the session now? Segments not run stay as they are. y ends it, any other key keeps going.",
            area,
            buf,
        ),
        Some(Overlay::Note(editor)) => note_editor::render(app, editor, area, buf),
        Some(Overlay::TakeUp { .. }) => notes::render_take_up(app, area, buf),
        Some(Overlay::Ask(ask)) if app.screen == Screen::People => {
            people::render_ask(app, ask, area, buf)
        }
        Some(Overlay::Ask(ask)) => stack::render_ask(app, ask, area, buf),
        _ => {}
    }
}

/// The Live screen's hints in a rehearsal: the simulated clock's keys
/// before the rest.
const REHEARSAL_GUIDE_HINTS: &[Action] = &[
    Action::JumpAhead,
    Action::Faster,
    Action::PauseClock,
    Action::Quit,
];

/// The Live screen's hints in a rehearsal without a guide.
const REHEARSAL_LIVE_HINTS: &[Action] = &[
    Action::ToggleTimer,
    Action::Next,
    Action::JumpAhead,
    Action::Faster,
    Action::PauseClock,
    Action::Help,
    Action::Quit,
    Action::Slower,
    Action::AddMinute,
    Action::RemoveMinute,
    Action::RoomClock,
];

/// A small question box in the middle of the screen, tall enough for the
/// question (wrapped at word boundaries, so a line or two to spare).
fn confirm(app: &App, question: &str, area: Rect, buf: &mut Buffer) {
    use ratatui::widgets::{Block, Borders, Clear};
    let width: u16 = 50;
    let inner = usize::from(width.min(area.width).saturating_sub(2)).max(1);
    let lines = Line::raw(question).width().div_ceil(inner) as u16;
    let spare = u16::from(lines > 3);
    let box_area = super::widgets::centered(area, width, (lines + 2).max(5) + spare);
    Clear.render(box_area, buf);
    Paragraph::new(Line::styled(question.to_string(), app.theme.title))
        .wrap(Wrap { trim: true })
        .block(Block::default().borders(Borders::ALL))
        .render(box_area, buf);
}

/// The actions the hint bar offers on each screen, most used first.
fn hint_actions(app: &App) -> &'static [Action] {
    let round_running = app.timeline.state().rounds.current().is_some();
    match app.screen {
        Screen::Live => &[
            Action::ToggleTimer,
            Action::Next,
            Action::Previous,
            Action::AddMinute,
            Action::RemoveMinute,
            Action::RoomClock,
            Action::WriteNote,
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
        Screen::Notes => &[
            Action::WriteNote,
            Action::EditNote,
            Action::SearchNotes,
            Action::FilterKind,
            Action::DeleteNote,
            Action::Undo,
            Action::TakeUp,
            Action::ExportHarvest,
            Action::FilterSegment,
            Action::FilterVisibility,
            Action::ToggleVisibility,
            Action::Help,
            Action::Quit,
        ],
        Screen::Round if round_running => &[
            Action::NextSpeaker,
            Action::Pass,
            Action::Absent,
            Action::EndTurn,
            Action::EndRound,
            Action::Undo,
            Action::Help,
            Action::Quit,
        ],
        Screen::Round => &[
            Action::StartRound,
            Action::RandomStart,
            Action::ToggleDirection,
            Action::Undo,
            Action::Help,
            Action::Quit,
        ],
        Screen::Stack => &[
            Action::AddHand,
            Action::NextSpeaker,
            Action::PointOfProcess,
            Action::DirectResponse,
            Action::EndTurn,
            Action::RemoveHand,
            Action::ToggleMode,
            Action::Undo,
            Action::Help,
        ],
        Screen::People => &[
            Action::AddPerson,
            Action::ToggleArrived,
            Action::EditName,
            Action::EditPronouns,
            Action::SeatEarlier,
            Action::SeatLater,
            Action::RemovePerson,
            Action::ImportRoster,
            Action::Undo,
            Action::Help,
        ],
    }
}
