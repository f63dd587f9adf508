//! The Plan screen of a plan measured by days: segments grouped under a
//! heading per day (when there are several), each day with its planned and
//! projected end and its own drift, since a late Friday never moves
//! Saturday, and anchored segments at their anchors. The foot speaks of
//! today.

use jiff::Timestamp;
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

use super::{PlanView, cell, planned_start, segment_row};
use crate::core::checks::Finding;
use crate::core::duration::signed_minutes;
use crate::core::run::SegmentId;
use crate::core::schedule::{self, DaySchedule};
use crate::tui::screens::contract::View;
use crate::tui::theme::drift_style;

/// The table's rows, a heading before each day's segments, and the row of
/// the segment under the cursor.
pub fn by_day<'a>(
    v: &View<PlanView>,
    days: &[DaySchedule],
    notes: &[(Option<SegmentId>, Vec<&Finding>)],
    cols: &[usize],
) -> (Vec<Row<'a>>, usize) {
    let order = &v.state.run.order;
    let mut rows = Vec::new();
    let mut selected = 0;
    for day in days {
        if days.len() > 1 {
            rows.push(heading(v, day, cols));
        }
        for placed in &day.segments {
            let Some(i) = order.iter().position(|id| *id == placed.segment) else {
                continue;
            };
            if let Some(row) = segment_row(v, i, placed.segment, placed.at, notes, cols) {
                if i == v.view.cursor {
                    selected = rows.len();
                }
                rows.push(row);
            }
        }
    }
    (rows, selected)
}

/// "━ Saturday 2027-05-15 · ends 12:30 · +4 min → 12:34": when the day
/// was planned to end, its drift and when it is now expected to end.
fn heading<'a>(v: &View<PlanView>, day: &DaySchedule, cols: &[usize]) -> Row<'a> {
    let t = v.theme();
    let title = heading_title(v, day);
    Row::new(vec![
        Cell::from(""),
        Cell::from(v.hhmm(day.planned_start)),
        cell(&format!("━ {title}"), cols, 2),
        cell(&format!("ends {}", v.hhmm(day.planned_end)), cols, 3),
        Cell::from(""),
        cell(
            &format!(
                "{} → {}",
                signed_minutes(day.drift),
                v.hhmm(day.projected_end)
            ),
            cols,
            5,
        ),
    ])
    .style(t.title.patch(drift_style(t, day.drift, t.title)))
}

/// The day's title with its date, as the plan lays the days out.
fn heading_title(v: &View<PlanView>, day: &DaySchedule) -> String {
    crate::core::days::layout(&v.session.plan)
        .get(day.day)
        .map_or_else(|| day.title.clone(), |d| d.heading())
}

/// The foot's schedule: today's when the plan is measured by days
/// ("Saturday · planned end 12:30 · projected 12:34 · drift +4 min"), else
/// the run's.
pub fn foot_schedule<'a>(v: &View<PlanView>, days: Option<&[DaySchedule]>) -> Vec<Span<'a>> {
    let t = v.theme();
    let fmt = |ts: Timestamp| v.hhmm(ts);
    let mut spans = Vec::new();
    let (planned_end, projected_end, drift) = match days {
        Some(_) => {
            let Some(d) = schedule::today_of_session(v.session, v.state, v.tz(), v.now) else {
                return spans;
            };
            if !v.session.plan.days.is_empty() {
                spans.push(Span::styled(d.title.clone(), t.title));
                spans.push(Span::styled(" · ", t.dim));
            }
            (d.planned_end, d.projected_end, d.drift)
        }
        None => {
            let planned = planned_start(v.state, v.session, v.tz());
            let s = crate::core::rehearsal::schedule(v.session, v.state, planned, v.now);
            (s.planned_end, s.projected_end, s.drift)
        }
    };
    spans.extend([
        Span::styled("planned end ", t.dim),
        Span::raw(fmt(planned_end)),
        Span::styled(" · projected ", t.dim),
        Span::raw(fmt(projected_end)),
        Span::styled(" · drift ", t.dim),
        Span::raw(signed_minutes(drift)),
    ]);
    spans
}
