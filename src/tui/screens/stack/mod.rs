//! The Stack screen: the queue of raised hands with why each stands where
//! it does and how long they have waited, the speaker's clock, the rule in
//! force, and airtime. One key per thing the stack keeper does.

mod hand;

pub use hand::{HandAsk, modal, on_key, on_paste};

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::contract::{Ctx, Outcome, View};
use crate::core::airtime::report;
use crate::core::duration::unsigned_clock;
use crate::core::event::{Event, Scope};
use crate::core::plan::StackMode;
use crate::core::stack::{Jump, Queued, Reach, StackEvent};
use crate::tui::action::{Action, Bar};
use crate::tui::keymap::Context;
use crate::tui::widgets::ask::{Ask, step};
use crate::tui::widgets::fit::{fit, fit_line, table_columns};
use crate::tui::widgets::{airtime, turn};

/// The Stack screen's cursor (a place in the queue), which airtime it
/// shows, and the hand prompt when open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StackView {
    pub cursor: usize,
    /// Which airtime the panel shows.
    pub airtime: AirtimeOver,
    pub prompt: Option<Ask<HandAsk>>,
}

/// What the airtime panel counts: `v` steps segment, session, then the
/// whole gathering when the session belongs to one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AirtimeOver {
    #[default]
    Segment,
    Session,
    Gathering,
}

pub fn hints(_: &View<StackView>) -> Bar {
    Bar::Stack
}

/// From this width the airtime panel sits beside the queue, not below it.
const SIDE_BY_SIDE: u16 = 110;

pub fn render(v: &View<StackView>, area: Rect, buf: &mut Buffer) {
    let [rule, speaker, _, body] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    Paragraph::new(rule_line(v))
        .wrap(Wrap { trim: true })
        .render(rule, buf);
    fit_line(&speaker_line(v), usize::from(speaker.width)).render(speaker, buf);
    let (queue_area, airtime_area) = if body.width >= SIDE_BY_SIDE {
        let [q, a] = Layout::horizontal([Constraint::Min(0), Constraint::Length(56)])
            .spacing(2)
            .areas(body);
        (q, a)
    } else {
        let [q, a] = Layout::vertical([Constraint::Min(4), Constraint::Percentage(45)]).areas(body);
        (q, a)
    };
    render_queue(v, queue_area, buf);
    render_airtime(v, airtime_area, buf);
}

/// The rule in full ("Progressive: fewest turns first, ... · counting this
/// segment · closed after Kim"), always in view.
fn rule_line(v: &View<StackView>) -> Line<'static> {
    let t = &v.settings.theme;
    let stack = &v.state().stack;
    let run = &v.state().run;
    let mut spans = vec![Span::styled(stack.wording(run), t.accent)];
    if let Some(after) = stack.closed_after {
        spans.push(Span::styled(" · ", t.dim));
        spans.push(Span::styled(
            format!("closed after {}", v.state().people.name(after)),
            t.soon,
        ));
    }
    Line::from(spans)
}

/// The speaker and their clock, or who is called next.
fn speaker_line(v: &View<StackView>) -> Line<'static> {
    let t = &v.settings.theme;
    if let Some(turn) = v.state().stack.speaking() {
        return turn::line(v.state(), &v.session().plan, v.theme(), turn, v.now);
    }
    let queue = v.state().stack.queue(&v.state().people, &v.state().run);
    match queue.first() {
        Some(q) => Line::from(vec![
            Span::styled(
                format!(
                    "Nobody speaking · {} calls ",
                    v.settings.key(Context::Stack, Action::NextSpeaker)
                ),
                t.dim,
            ),
            Span::styled(v.state().people.name(q.person).to_string(), t.title),
        ]),
        None => Line::styled("Nobody speaking · the stack is empty", t.dim),
    }
}

fn render_queue(v: &View<StackView>, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let queue = v.state().stack.queue(&v.state().people, &v.state().run);
    if queue.is_empty() {
        let key = |a| v.settings.key(Context::Stack, a);
        Line::styled(
            format!(
                "The stack is empty. {} adds a hand, {} a point of order (process).",
                key(Action::AddHand),
                key(Action::PointOfProcess)
            ),
            t.dim,
        )
        .render(Rect { height: 1, ..area }, buf);
        return;
    }
    let replies = v.state().stack.direct_responses(&v.state().run);
    let widths = [
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(20),
        Constraint::Length(5),
        Constraint::Length(12),
    ];
    let cols = table_columns(area.width, 2, &widths);
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
                Cell::from(fit(v.state().people.name(q.person), cols[1])),
                Cell::from(fit(&why, cols[2])),
                Cell::from(Line::from(wait(q, v.now)).right_aligned()),
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
    let table = Table::new(rows, widths)
        .header(Row::new(["", "name", "why", " wait", "direct resp."]).style(t.title))
        .row_highlight_style(t.selected)
        .highlight_symbol("› ");
    let selected = v.view.cursor.min(queue.len() - 1);
    let mut state = TableState::default().with_selected(Some(selected));
    StatefulWidget::render(table, area, buf, &mut state);
}

fn wait(q: &Queued, now: Timestamp) -> String {
    unsigned_clock(q.waited(now).as_secs().max(0) as u64)
}

fn render_airtime(v: &View<StackView>, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let over = match v.view.airtime {
        AirtimeOver::Gathering if v.session().gathering.is_none() => AirtimeOver::Session,
        AirtimeOver::Segment if v.state().run.current.is_none() => AirtimeOver::Session,
        o => o,
    };
    let (words, r) = match over {
        AirtimeOver::Segment => (
            "this segment",
            report(v.state(), v.state().run.current, v.now),
        ),
        AirtimeOver::Session => ("whole session", report(v.state(), None, v.now)),
        AirtimeOver::Gathering => (
            "whole gathering",
            crate::core::airtime::gathering(v.state(), v.now),
        ),
    };
    let heading = Line::from(vec![
        Span::styled("Airtime · ", t.title),
        Span::styled(words, t.title),
        Span::styled("  (% switches)", t.dim),
    ]);
    airtime::render(heading, &r, &v.state().people, t, area, buf);
}

pub fn update(ctx: &mut Ctx<StackView>, action: Action) -> Outcome {
    let state = ctx.timeline.state();
    let queue = state.stack.queue(&state.people, &state.run);
    let selected = queue.get(ctx.view.cursor.min(queue.len().saturating_sub(1)));
    let stack = &state.stack;
    let mut said: Option<String> = None;
    let mut say = |text: &str| said = Some(text.to_string());
    let event = match action {
        Action::Up | Action::Down => {
            step(&mut ctx.view.cursor, action == Action::Up, queue.len());
            return Outcome::Done;
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
            ctx.view.prompt = Some(Ask::new(HandAsk::Hand(jump)).offering_newcomer());
            return Outcome::Done;
        }
        Action::ToggleAirtime => {
            let in_gathering = ctx.timeline.session().gathering.is_some();
            ctx.view.airtime = match ctx.view.airtime {
                AirtimeOver::Segment => AirtimeOver::Session,
                AirtimeOver::Session if in_gathering => AirtimeOver::Gathering,
                AirtimeOver::Session | AirtimeOver::Gathering => AirtimeOver::Segment,
            };
            return Outcome::Done;
        }
        Action::Undo => {
            ctx.undo_with(|t, now| t.undo_last_key(Scope::Stack, now));
            None
        }
        Action::NextSpeaker => match (queue.is_empty(), stack.speaker()) {
            (false, _) => Some(StackEvent::Next),
            (true, Some(_)) => {
                say("the stack is empty; the turn has ended");
                Some(StackEvent::EndTurn)
            }
            (true, None) => {
                say("the stack is empty");
                None
            }
        },
        Action::EndTurn => match stack.speaker() {
            Some(_) => Some(StackEvent::EndTurn),
            None => {
                say("nobody is speaking");
                None
            }
        },
        Action::MoveHandUp | Action::MoveHandDown => selected.and_then(|q| {
            let at = ctx.view.cursor.min(queue.len() - 1);
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
                say("points of process stay at the front");
                return None;
            }
            (to < queue.len()).then_some(StackEvent::Move { hand: q.hand, to })
        }),
        Action::RemoveHand => selected.map(|q| {
            let name = state.people.name(q.person);
            say(&format!(
                "{name} is off the stack ({})",
                ctx.settings.undoes(Context::Stack)
            ));
            StackEvent::Remove(q.hand)
        }),
        Action::CloseAfter => match selected {
            Some(q) if stack.closed_after == Some(q.person) => Some(StackEvent::Reopen),
            Some(q) => Some(StackEvent::CloseAfter(q.person)),
            None => {
                say("nobody on the stack to close after");
                None
            }
        },
        Action::Reopen if stack.closed_after.is_some() => Some(StackEvent::Reopen),
        Action::Reopen => {
            say("the stack is open");
            None
        }
        Action::ToggleMode => Some(stack.cycle(&state.run)),
        Action::ToggleReach => {
            let reach = next_reach(
                stack.reach(&state.run),
                ctx.timeline.session().gathering.is_some(),
            );
            say(match reach {
                Reach::Gathering => "progressive stack counts the whole gathering so far",
                Reach::Session => "progressive stack counts the whole session",
                Reach::Segment => "progressive stack counts this segment",
            });
            Some(StackEvent::Reach(reach))
        }
        Action::TogglePriorityRule => {
            let on = !stack.priority;
            say(match (on, stack.mode(&state.run)) {
                (false, _) => "priority does not count",
                (true, StackMode::Progressive) => "self-identified priority counts",
                (true, StackMode::Plain) => "priority will count once the stack is progressive",
            });
            Some(StackEvent::Priority(on))
        }
        _ => return Outcome::Ignored,
    };
    if let Some(text) = said {
        ctx.say(text);
    }
    let moved = match &event {
        Some(StackEvent::Move { hand, .. }) => Some(*hand),
        _ => None,
    };
    if let Some(ev) = event {
        let next = ev == StackEvent::Next;
        ctx.log(Event::Stack(ev));
        if next {
            ctx.view.cursor = 0;
        }
    }
    let state = ctx.timeline.state();
    let queue = state.stack.queue(&state.people, &state.run);
    if let Some(hand) = moved {
        ctx.view.cursor = queue.iter().position(|q| q.hand == hand).unwrap_or(0);
    }
    ctx.view.cursor = ctx.view.cursor.min(queue.len().saturating_sub(1));
    Outcome::Done
}

/// `s` steps the count segment, session, then gathering when the session
/// belongs to one (its earlier sessions' turns count too), and back.
fn next_reach(now: Reach, in_gathering: bool) -> Reach {
    match now {
        Reach::Segment => Reach::Session,
        Reach::Session if in_gathering => Reach::Gathering,
        Reach::Session | Reach::Gathering => Reach::Segment,
    }
}
