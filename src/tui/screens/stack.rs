//! The Stack screen: the queue of raised hands with why each stands where
//! it does and how long they have waited, the speaker's clock, the rule in
//! force, and airtime. One key per thing the stack keeper does.

mod hand;

pub use hand::{cycle, render_ask, submit};

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use crate::core::airtime::report;
use crate::core::duration::unsigned_clock;
use crate::core::event::{Event, Scope};
use crate::core::plan::StackMode;
use crate::core::stack::{Jump, Queued, Reach, StackEvent};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::circle::{self, About, Ask};
use crate::tui::widgets::{airtime, turn};

/// From this width the airtime panel sits beside the queue, not below it.
const SIDE_BY_SIDE: u16 = 110;

pub fn render(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    let [rule, speaker, _, body] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    Paragraph::new(rule_line(app))
        .wrap(Wrap { trim: true })
        .render(rule, buf);
    speaker_line(app, now).render(speaker, buf);
    let (queue_area, airtime_area) = if body.width >= SIDE_BY_SIDE {
        let [q, a] = Layout::horizontal([Constraint::Min(0), Constraint::Length(56)])
            .spacing(2)
            .areas(body);
        (q, a)
    } else {
        let [q, a] = Layout::vertical([Constraint::Min(4), Constraint::Percentage(45)]).areas(body);
        (q, a)
    };
    render_queue(app, now, queue_area, buf);
    render_airtime(app, now, airtime_area, buf);
}

/// The rule in full ("Progressive: fewest turns first, ... · counting this
/// segment · closed after Kim"), always in view.
fn rule_line(app: &App) -> Line<'static> {
    let t = &app.theme;
    let stack = &app.state.stack;
    let run = &app.state.run;
    let mut spans = vec![Span::styled(stack.wording(run), t.accent)];
    if let Some(after) = stack.closed_after {
        spans.push(Span::styled(" · ", t.dim));
        spans.push(Span::styled(
            format!("closed after {}", app.state.people.name(after)),
            t.soon,
        ));
    }
    Line::from(spans)
}

/// The speaker and their clock, or who is called next.
fn speaker_line(app: &App, now: Timestamp) -> Line<'static> {
    let t = &app.theme;
    if let Some(turn) = app.state.stack.speaking() {
        return turn::line(app, turn, now);
    }
    let queue = app.state.stack.queue(&app.state.people, &app.state.run);
    match queue.first() {
        Some(q) => Line::from(vec![
            Span::styled("Nobody speaking · n calls ", t.dim),
            Span::styled(app.state.people.name(q.person).to_string(), t.title),
        ]),
        None => Line::styled("Nobody speaking · the stack is empty", t.dim),
    }
}

fn render_queue(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let queue = app.state.stack.queue(&app.state.people, &app.state.run);
    if queue.is_empty() {
        Line::styled(
            "The stack is empty. a adds a hand, p a point of process.",
            t.dim,
        )
        .render(Rect { height: 1, ..area }, buf);
        return;
    }
    let replies = app.state.stack.direct_responses(&app.state.run);
    let rows: Vec<Row> = queue
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let count = replies.get(&q.person).copied().unwrap_or(0);
            let why = q.why.label();
            let style = if q.jump == Jump::PointOfProcess {
                t.accent
            } else {
                t.base
            };
            Row::new(vec![
                Cell::from(format!("{:>2}", i + 1)),
                Cell::from(app.state.people.name(q.person).to_string()),
                Cell::from(why),
                Cell::from(Line::from(wait(q, now)).right_aligned()),
                Cell::from(
                    Line::from(if count > 0 {
                        count.to_string()
                    } else {
                        String::new()
                    })
                    .right_aligned(),
                ),
            ])
            .style(style)
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(20),
            Constraint::Length(5),
            Constraint::Length(12),
        ],
    )
    .header(Row::new(["", "name", "why", " wait", "direct resp."]).style(t.title))
    .row_highlight_style(t.selected)
    .highlight_symbol("› ");
    let selected = app.circle.stack.min(queue.len() - 1);
    let mut state = TableState::default().with_selected(Some(selected));
    StatefulWidget::render(table, area, buf, &mut state);
}

fn wait(q: &Queued, now: Timestamp) -> String {
    unsigned_clock(q.waited(now).as_secs().max(0) as u64)
}

fn render_airtime(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let segment = app
        .state
        .run
        .current
        .filter(|_| !app.circle.airtime_session);
    let heading = Line::from(vec![
        Span::styled("Airtime · ", t.title),
        Span::styled(
            if segment.is_some() {
                "this segment"
            } else {
                "whole session"
            },
            t.title,
        ),
        Span::styled("  (v switches)", t.dim),
    ]);
    let r = report(&app.state, segment, now);
    airtime::render(heading, &r, &app.state.people, t, area, buf);
}

/// The queue as shown, for the cursor.
fn queue(app: &App) -> Vec<Queued> {
    app.state.stack.queue(&app.state.people, &app.state.run)
}

pub fn update(app: &mut App, action: Action, now: Timestamp) -> bool {
    let queue = queue(app);
    let selected = queue.get(app.circle.stack.min(queue.len().saturating_sub(1)));
    let stack = &app.state.stack;
    let event = match action {
        Action::Up | Action::Down => {
            circle::step(&mut app.circle.stack, action == Action::Up, queue.len());
            return true;
        }
        Action::AddHand
        | Action::PointOfProcess
        | Action::DirectResponse
        | Action::ClarifyingQuestion
        | Action::PointOfInformation => {
            let jump = match action {
                Action::PointOfProcess => Jump::PointOfProcess,
                Action::DirectResponse => Jump::DirectResponse,
                Action::ClarifyingQuestion => Jump::ClarifyingQuestion,
                Action::PointOfInformation => Jump::PointOfInformation,
                _ => Jump::NoJump,
            };
            circle::ask(app, Ask::new(About::Hand(jump)));
            return true;
        }
        Action::ToggleAirtime => {
            app.circle.airtime_session = !app.circle.airtime_session;
            return true;
        }
        Action::Undo => {
            circle::undo(app, Scope::Stack, now);
            None
        }
        Action::NextSpeaker => match (queue.is_empty(), stack.speaker()) {
            (false, _) => Some(StackEvent::Next),
            (true, Some(_)) => {
                app.flash = Some("the stack is empty; the turn has ended".into());
                Some(StackEvent::EndTurn)
            }
            (true, None) => {
                app.flash = Some("the stack is empty".into());
                None
            }
        },
        Action::EndTurn => match stack.speaker() {
            Some(_) => Some(StackEvent::EndTurn),
            None => {
                app.flash = Some("nobody is speaking".into());
                None
            }
        },
        Action::MoveHandUp | Action::MoveHandDown => selected.and_then(|q| {
            let at = app.circle.stack.min(queue.len() - 1);
            let to = if action == Action::MoveHandUp {
                at.checked_sub(1)?
            } else {
                at + 1
            };
            let process = queue
                .iter()
                .filter(|q| q.jump == Jump::PointOfProcess)
                .count();
            if q.jump == Jump::PointOfProcess || to < process {
                app.flash = Some("points of process stay at the front".into());
                return None;
            }
            (to < queue.len()).then_some(StackEvent::Move { hand: q.hand, to })
        }),
        Action::RemoveHand => selected.map(|q| {
            let name = app.state.people.name(q.person);
            app.flash = Some(format!("{name} is off the stack (u undoes)"));
            StackEvent::Remove(q.hand)
        }),
        Action::CloseAfter => match selected {
            Some(q) if stack.closed_after == Some(q.person) => Some(StackEvent::Reopen),
            Some(q) => Some(StackEvent::CloseAfter(q.person)),
            None => {
                app.flash = Some("nobody on the stack to close after".into());
                None
            }
        },
        Action::Reopen if stack.closed_after.is_some() => Some(StackEvent::Reopen),
        Action::Reopen => {
            app.flash = Some("the stack is open".into());
            None
        }
        Action::ToggleMode => Some(stack.cycle(&app.state.run)),
        Action::ToggleReach => Some(StackEvent::Reach(match stack.reach(&app.state.run) {
            Reach::Segment => Reach::Session,
            Reach::Session | Reach::Gathering => Reach::Segment,
        })),
        Action::TogglePriorityRule => {
            let on = !stack.priority;
            app.flash = Some(match (on, stack.mode(&app.state.run)) {
                (false, _) => "priority does not count".into(),
                (true, StackMode::Progressive) => "self-identified priority counts".into(),
                (true, StackMode::Plain) => {
                    "priority will count once the stack is progressive".into()
                }
            });
            Some(StackEvent::Priority(on))
        }
        _ => return false,
    };
    let moved = match &event {
        Some(StackEvent::Move { hand, .. }) => Some(*hand),
        _ => None,
    };
    if let Some(ev) = event {
        let next = ev == StackEvent::Next;
        app.log(now, Event::Stack(ev));
        if next {
            app.circle.stack = 0;
        }
    }
    let queue = self::queue(app);
    if let Some(hand) = moved {
        app.circle.stack = queue.iter().position(|q| q.hand == hand).unwrap_or(0);
    }
    app.circle.stack = app.circle.stack.min(queue.len().saturating_sub(1));
    true
}
