//! The Plan screen: every segment with its clock time, length and status,
//! the drift so far, and the plan checks inline. Upcoming segments can be
//! moved, skipped, re-timed, jumped to (asking first when that ends the
//! segment on) or joined by a library activity; each change is a logged
//! event that `u` takes back, a jump included. (`X`, bound here, ends the
//! whole session: the app asks, as it concerns every screen.)
//!
//! Its keys: `update` (the keymap's `plan` section) and, while one of its
//! prompts is open (a time box, the activity picker, a yes/no question),
//! `prompt::on_key`.

mod days;
mod picker;
mod prompt;

pub use self::prompt::{PlanPrompt, jump_question, modal, on_key, on_paste};

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

use self::days::{by_day, foot_schedule};
use super::contract::{Ctx, Outcome, Screen, View};
use crate::core::checks::{Finding, check_plan};
use crate::core::duration::{clock, friendly, signed_minutes};
use crate::core::event::{Event, Scope};
use crate::core::run::{Run, RunEvent, SegmentId, Status};
use crate::core::schedule;
use crate::core::session::Session;
use crate::core::state::State;
use crate::tui::action::{Action, Bar};
use crate::tui::widgets::fit::{fit, table_columns};
use crate::tui::widgets::line_input::LineInput;

/// The Plan screen's cursor and open prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanView {
    /// Selected row: an index into the running order.
    pub cursor: usize,
    pub prompt: Option<PlanPrompt>,
}

impl PlanView {
    /// The segment under the cursor.
    pub fn selected(&self, state: &State) -> Option<SegmentId> {
        state.run.order.get(self.cursor).copied()
    }
}

pub fn hints(_: &View<PlanView>) -> Bar {
    Bar::Plan
}

pub fn update(ctx: &mut Ctx<PlanView>, action: Action) -> Outcome {
    let selected = ctx.view.selected(ctx.state());
    match action {
        Action::Up => ctx.view.cursor = ctx.view.cursor.saturating_sub(1),
        Action::Down => {
            let last = ctx.state().run.order.len().saturating_sub(1);
            ctx.view.cursor = (ctx.view.cursor + 1).min(last);
        }
        Action::MoveUp | Action::MoveDown => move_selected(ctx, action == Action::MoveUp),
        Action::Skip => skip_selected(ctx),
        Action::JumpTo => jump_to_selected(ctx),
        Action::AddMinute | Action::RemoveMinute => {
            let by = SignedDuration::from_mins(if action == Action::AddMinute { 1 } else { -1 });
            match selected {
                Some(segment) => ctx.log(Event::Run(RunEvent::AddTime { segment, by })),
                None => ctx.say("no segment is on yet"),
            }
        }
        Action::SetTime => {
            if let Some(segment) = selected {
                let text = friendly(ctx.state().run.time_box(segment));
                ctx.view.prompt = Some(PlanPrompt::TimeBox {
                    segment,
                    input: LineInput::new(text),
                    error: None,
                });
            }
        }
        Action::InsertActivity => {
            ctx.show(Screen::Plan);
            ctx.view.prompt = Some(PlanPrompt::Picker {
                query: LineInput::default(),
                cursor: 0,
            });
        }
        // Plan edits and jumps, never the clock; the cursor goes to the
        // segment it was about.
        Action::Undo => {
            if let Some(undone) = ctx.undo(Scope::Course)
                && let Event::Run(ev) = &undone.entry.event
            {
                select_segment(ctx, ev);
            }
        }
        _ => return Outcome::Ignored,
    }
    Outcome::Done
}

/// `g` or enter: starts an upcoming segment, asking first when that ends
/// the one on.
fn jump_to_selected(ctx: &mut Ctx<PlanView>) {
    if ctx.refuse_when_closed() {
        return;
    }
    let Some(id) = ctx.view.selected(ctx.state()) else {
        return;
    };
    let run = &ctx.state().run;
    match run.progress(id).map(|p| p.status) {
        Some(Status::Upcoming) if run.current.is_some() => {
            ctx.view.prompt = Some(PlanPrompt::ConfirmJump(id));
        }
        Some(Status::Upcoming) => jump(ctx, id),
        Some(Status::Running | Status::Paused) => ctx.show(Screen::Live),
        _ => ctx.say("only an upcoming segment can be started"),
    }
}

/// Starts a segment out of order, and shows it on the Live screen.
fn jump(ctx: &mut Ctx<PlanView>, id: SegmentId) {
    ctx.log(Event::Run(RunEvent::Start(id)));
    ctx.show(Screen::Live);
}

/// Puts the cursor on the segment a run event is about.
fn select_segment(ctx: &mut Ctx<PlanView>, ev: &RunEvent) {
    let segment = match ev {
        RunEvent::Start(id) | RunEvent::Skip(id) | RunEvent::Unskip(id) => Some(*id),
        RunEvent::AddTime { segment, .. }
        | RunEvent::SetTime { segment, .. }
        | RunEvent::Move { segment, .. } => Some(*segment),
        _ => None,
    };
    let order = &ctx.state().run.order;
    if let Some(i) = segment.and_then(|s| order.iter().position(|o| *o == s)) {
        ctx.view.cursor = i;
    }
}

fn move_selected(ctx: &mut Ctx<PlanView>, up: bool) {
    let Some(segment) = ctx.view.selected(ctx.state()) else {
        return;
    };
    let cursor = ctx.view.cursor;
    let to = if up {
        match cursor.checked_sub(1) {
            Some(t) => t,
            None => return,
        }
    } else if cursor + 1 < ctx.state().run.order.len() {
        cursor + 1
    } else {
        return;
    };
    if ctx.state().run.progress(segment).map(|p| p.status) != Some(Status::Upcoming) {
        ctx.say("only upcoming segments can be moved");
        return;
    }
    ctx.log(Event::Run(RunEvent::Move { segment, to }));
    ctx.view.cursor = to;
}

fn skip_selected(ctx: &mut Ctx<PlanView>) {
    let Some(id) = ctx.view.selected(ctx.state()) else {
        return;
    };
    let event = match ctx.state().run.progress(id).map(|p| p.status) {
        Some(Status::Upcoming) => RunEvent::Skip(id),
        Some(Status::Skipped) => RunEvent::Unskip(id),
        _ => {
            ctx.say("only an upcoming segment can be skipped");
            return;
        }
    };
    ctx.log(Event::Run(event));
}

/// The clock time the run is measured against (see
/// `Session::planned_start`).
pub fn planned_start(state: &State, session: &Session, tz: &TimeZone) -> Option<Timestamp> {
    session.planned_start(state.run.started, tz)
}

/// The plan checks on the plan as it now stands (edited during the run,
/// skipped segments left out), for the people on the roster.
pub fn findings(state: &State, session: &Session) -> Vec<Finding> {
    let plan = state.run.effective_plan(&session.plan);
    let people = state.people.all().len();
    check_plan(&plan, (people > 0).then_some(people as u32))
}

pub fn render(v: &View<PlanView>, area: Rect, buf: &mut Buffer) {
    let (t, now) = (v.theme(), v.now);
    let run = &v.state.run;
    let findings = findings(v.state, v.session);
    let notes = by_segment(run, &findings);
    let selected = v.view.selected(v.state);
    let about: Vec<String> = notes
        .iter()
        .filter(|(id, _)| *id == selected)
        .flat_map(|(_, fs)| {
            fs.iter()
                .map(|f| format!("⚠ {} {} · {}", f.code, f.message, f.suggestion))
        })
        .collect();
    let [table_area, advice, foot] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(about.len().min(3) as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    Paragraph::new(
        about
            .into_iter()
            .map(|a| Line::styled(a, t.soon))
            .collect::<Vec<_>>(),
    )
    .render(advice, buf);
    let widths = [
        Constraint::Length(3),
        Constraint::Length(5),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(7),
        Constraint::Fill(3),
    ];
    // Each cell cut to its column with "…", never clipped mid-word.
    let cols = table_columns(table_area.width, 2, &widths);
    let days = schedule::of_session(v.session, v.state, v.tz(), now);
    let (rows, selected_row) = match &days {
        Some(days) => by_day(v, days, &notes, &cols),
        None => {
            let start = planned_start(v.state, v.session, v.tz())
                .or(run.started)
                .unwrap_or(now);
            let rows = run
                .planned_starts(start, now)
                .iter()
                .enumerate()
                .filter_map(|(i, (id, at))| segment_row(v, i, *id, *at, &notes, &cols))
                .collect();
            (rows, v.view.cursor)
        }
    };
    let table = Table::new(rows, widths)
        .header(Row::new(["#", "at", "segment", "kind", "box", "status"]).style(t.title))
        .row_highlight_style(t.selected)
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(selected_row));
    StatefulWidget::render(table, table_area, buf, &mut state);

    let whole = notes
        .iter()
        .find(|(id, _)| id.is_none())
        .map_or(0, |(_, fs)| fs.len());
    let mut spans = foot_schedule(v, days.as_deref());
    if whole > 0 {
        let plan_wide: Vec<&str> = notes
            .iter()
            .filter(|(id, _)| id.is_none())
            .flat_map(|(_, fs)| fs.iter().map(|f| f.message.as_str()))
            .collect();
        spans.push(Span::styled(
            format!(" · ⚠ {}", plan_wide.join("; ")),
            t.soon,
        ));
    }
    Line::from(spans).render(foot, buf);
}

/// One segment's row: its place in the running order (`i`), when it began
/// or is expected to, its box and how it went, each cut to its column of
/// `cols`.
pub(super) fn segment_row<'a>(
    v: &View<PlanView>,
    i: usize,
    id: SegmentId,
    at: Timestamp,
    notes: &[(Option<SegmentId>, Vec<&Finding>)],
    cols: &[usize],
) -> Option<Row<'a>> {
    let (t, now, run) = (v.theme(), v.now, &v.state.run);
    let seg = run.segment(id)?;
    let p = run.progress(id)?;
    let when = p.started.unwrap_or(at);
    let (status, style) = match p.status {
        Status::Done => {
            let actual = p.elapsed(now);
            let over = actual.saturating_sub(run.time_box(id));
            (
                format!("done {} ({})", friendly_min(actual), signed_minutes(over)),
                t.dim,
            )
        }
        Status::Running => (left_or_over("running", run.remaining(id, now)), t.ok),
        Status::Paused => (left_or_over("paused", run.remaining(id, now)), t.soon),
        Status::Skipped => ("skipped".to_string(), t.dim),
        Status::Upcoming => ("upcoming".to_string(), t.base),
    };
    let warned = notes.iter().any(|(n, fs)| *n == Some(id) && !fs.is_empty());
    let warn = if warned { "⚠" } else { " " };
    Some(
        Row::new(vec![
            Cell::from(format!("{:>2}{warn}", i + 1)),
            Cell::from(v.hhmm(when)),
            cell(&seg.title, cols, 2),
            cell(seg.kind.label(), cols, 3),
            cell(&friendly(run.time_box(id)), cols, 4),
            cell(&status, cols, 5),
        ])
        .style(style),
    )
}

/// `text` in column `i` of `cols`, cut with "…" when it is wider.
pub(super) fn cell<'a>(text: &str, cols: &[usize], i: usize) -> Cell<'a> {
    Cell::from(fit(text, cols.get(i).copied().unwrap_or(usize::MAX)))
}

/// Check findings grouped by the segment they are about (`None`: the whole
/// plan). Findings count segments of the effective plan, which leaves
/// skipped ones out.
fn by_segment<'a>(
    run: &Run,
    findings: &'a [Finding],
) -> Vec<(Option<SegmentId>, Vec<&'a Finding>)> {
    let kept: Vec<SegmentId> = run
        .order
        .iter()
        .copied()
        .filter(|id| {
            run.progress(*id)
                .is_some_and(|p| p.status != Status::Skipped)
        })
        .collect();
    let mut out: Vec<(Option<SegmentId>, Vec<&Finding>)> = Vec::new();
    for f in findings {
        let id = f.segment.and_then(|i| kept.get(i).copied());
        match out.iter_mut().find(|(k, _)| *k == id) {
            Some((_, list)) => list.push(f),
            None => out.push((id, vec![f])),
        }
    }
    out
}

/// "running, 4:10 left" or "running, 0:10 over".
fn left_or_over(state: &str, remaining: jiff::SignedDuration) -> String {
    if remaining.is_negative() {
        format!("{state}, {} over", clock(-remaining))
    } else {
        format!("{state}, {} left", clock(remaining))
    }
}

/// "17m" or "17m 30s": actual lengths keep their seconds.
fn friendly_min(d: jiff::SignedDuration) -> String {
    friendly(jiff::SignedDuration::from_secs(d.as_secs()))
}
