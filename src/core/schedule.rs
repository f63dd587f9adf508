//! The schedule of a run, day by day: when each segment was planned to
//! begin, when it began or is now expected to, and how far each day has
//! drifted.
//!
//! Drift belongs to a day: a late Friday never moves Saturday's start, and
//! an anchored segment ("lunch at 12:30") begins at its anchor unless what
//! runs before it is still going then. The schedule line on the Live screen
//! speaks of today (`today`); the Plan screen groups by day (`days`).
//!
//! Clock times come in already resolved (`Calendar`), so everything here is
//! plain arithmetic on timestamps and the run's progress.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::days::{DayPlan, Timetable, days_in_order, timetables};
use super::plan::Plan;
use super::run::{Run, SegmentId, Status};
use super::session::Session;
use super::state::State;

/// A run's planned start further than this from the plan's start is a plan
/// tried out at another hour (or on another day): it is measured from when
/// it really began.
pub const ON_TIME_WINDOW: SignedDuration = SignedDuration::from_hours(1);

/// When each day of a plan begins, on the clock of the room.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// Per day: its planned start, or `None` for a day whose time is not
    /// known (a plan without `start`), which begins when the run does.
    starts: Vec<Option<Timestamp>>,
    tables: Vec<Timetable>,
}

impl Calendar {
    /// Resolves the plan's days in `tz`. The first day is planned at the
    /// plan's date (else the session's) and start time; when the run began
    /// more than `ON_TIME_WINDOW` away from that, and this is not a
    /// rehearsal (whose clock starts at the plan's time), the first day is
    /// measured from when it began, and later days keep their clock times on
    /// the dates that follow the same number of days after it.
    pub fn new(
        plan: &Plan,
        tz: &TimeZone,
        created: Timestamp,
        began: Option<Timestamp>,
        rehearsal: bool,
    ) -> Calendar {
        let tables = timetables(plan);
        let base = created.to_zoned(tz.clone()).date();
        let first_date = tables.first().and_then(|t| t.day.date).unwrap_or(base);
        let at = |date: Date, day: &DayPlan| {
            let time = day.start?;
            date.to_datetime(time)
                .to_zoned(tz.clone())
                .ok()
                .map(|z| z.timestamp())
        };
        let planned_first = tables.first().and_then(|t| at(first_date, &t.day));
        let real = began.unwrap_or(created);
        let shifted = match planned_first {
            Some(p) if !rehearsal => real.duration_since(p).abs() > ON_TIME_WINDOW,
            _ => false,
        };
        let began_date = real.to_zoned(tz.clone()).date();
        let mut starts = Vec::with_capacity(tables.len());
        let mut date = first_date;
        for (k, table) in tables.iter().enumerate() {
            let day = &table.day;
            if k > 0 {
                date = day.date.unwrap_or_else(|| match day.weekday {
                    Some(w) => super::days::next_weekday(date, w),
                    None => date.tomorrow().unwrap_or(date),
                });
            }
            let start = if shifted {
                if k == 0 {
                    Some(real)
                } else {
                    // The same number of days after the first as planned.
                    let after = first_date.until(date).map_or(0, |s| s.get_days());
                    let moved = began_date
                        .checked_add(jiff::Span::new().days(after))
                        .unwrap_or(began_date);
                    at(moved, day)
                }
            } else {
                at(date, day)
            };
            starts.push(start);
        }
        Calendar { starts, tables }
    }

    pub fn days(&self) -> impl Iterator<Item = &DayPlan> {
        self.tables.iter().map(|t| &t.day)
    }

    /// When a day is planned to begin, if its time is known.
    pub fn day_start(&self, day: usize) -> Option<Timestamp> {
        self.starts.get(day).copied().flatten()
    }

    fn planned_offset(&self, index: usize) -> Option<(usize, SignedDuration, bool)> {
        self.tables.iter().enumerate().find_map(|(k, t)| {
            t.slots
                .iter()
                .find(|s| s.index == index)
                .map(|s| (k, s.offset, s.anchored))
        })
    }
}

/// One segment's place in the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub segment: SegmentId,
    /// When the plan had it begin (`None` for segments added during the run).
    pub planned: Option<Timestamp>,
    /// When it began, or is now expected to begin.
    pub at: Timestamp,
    /// Fixed to a clock time by an anchor (or as the day's first).
    pub anchored: bool,
}

/// One day of the run against its plan.
#[derive(Debug, Clone, PartialEq)]
pub struct DaySchedule {
    pub day: usize,
    pub title: String,
    /// In running order.
    pub segments: Vec<Placed>,
    pub planned_start: Timestamp,
    pub planned_end: Timestamp,
    pub projected_end: Timestamp,
    /// Projected minus planned end: positive means running late.
    pub drift: SignedDuration,
}

/// Every day of the run, in order. Time boxes are the plan's for the plan
/// and as they now stand for the projection, as in `Run::schedule`.
pub fn days(run: &Run, plan: &Plan, calendar: &Calendar, now: Timestamp) -> Vec<DaySchedule> {
    let layout: Vec<DayPlan> = calendar.days().cloned().collect();
    let which = days_in_order(&layout, &run.order, plan.segments.len());
    let mut out: Vec<DaySchedule> = Vec::new();
    let mut projected = None::<Timestamp>;
    for (k, day) in layout.iter().enumerate() {
        let ids: Vec<SegmentId> = run
            .order
            .iter()
            .zip(&which)
            .filter(|(_, d)| **d == k)
            .map(|(id, _)| *id)
            .collect();
        // A day with no known time begins when the run began (or now), or
        // when the day before is expected to end.
        let start = calendar
            .day_start(k)
            .or(projected)
            .or(run.started)
            .unwrap_or(now);
        let mut t = projected.map_or(start, |p| p.max(start));
        let mut planned_cursor = start;
        let mut placed = Vec::with_capacity(ids.len());
        for id in ids {
            let plan_slot = calendar.planned_offset(id.0 as usize);
            let planned = match plan_slot {
                Some((_, off, _)) => start.saturating_add(off).ok(),
                None => Some(planned_cursor),
            };
            let anchored = plan_slot.is_some_and(|(_, _, a)| a);
            if let (Some(p), Some(seg)) = (planned, plan.segments.get(id.0 as usize)) {
                planned_cursor = p.saturating_add(seg.time).unwrap_or(p);
            }
            if run.progress(id).is_none() {
                continue;
            }
            let (at, after) = run.project(id, t, now, planned.filter(|_| anchored));
            t = after;
            placed.push(Placed {
                segment: id,
                planned: if plan_slot.is_some() { planned } else { None },
                at,
                anchored,
            });
        }
        let length = calendar
            .tables
            .get(k)
            .map_or(SignedDuration::ZERO, |t| t.length);
        let planned_end = start.saturating_add(length).unwrap_or(start);
        // Nothing left today: the day ends when its last part did.
        let projected_end = t.max(start);
        projected = Some(projected_end);
        out.push(DaySchedule {
            day: k,
            title: day.title.clone(),
            segments: placed,
            planned_start: start,
            planned_end,
            projected_end,
            drift: projected_end.duration_since(planned_end),
        });
    }
    out
}

/// The day the room is in: the day of the segment on; else the day of the
/// segment started last, until that day is over and the next one is within
/// `ON_TIME_WINDOW` of its start (or has no time of its own); else the day
/// of the next segment.
pub fn today_index(run: &Run, plan: &Plan, calendar: &Calendar, now: Timestamp) -> usize {
    let layout: Vec<DayPlan> = calendar.days().cloned().collect();
    let which = days_in_order(&layout, &run.order, plan.segments.len());
    let day_of = |id: SegmentId| {
        run.order
            .iter()
            .position(|o| *o == id)
            .and_then(|i| which.get(i).copied())
            .unwrap_or(0)
    };
    if let Some(id) = run.current {
        return day_of(id);
    }
    let last = run
        .order
        .iter()
        .filter(|id| run.progress(**id).is_some_and(|p| p.started.is_some()))
        .max_by_key(|id| run.progress(**id).and_then(|p| p.started))
        .copied();
    let upcoming_on = |day: usize| {
        run.order.iter().zip(&which).any(|(id, d)| {
            *d == day
                && run
                    .progress(*id)
                    .is_some_and(|p| p.status == Status::Upcoming)
        })
    };
    let due = |day: usize| {
        calendar
            .day_start(day)
            .is_none_or(|start| now >= start.saturating_sub(ON_TIME_WINDOW).unwrap_or(start))
    };
    match (last.map(day_of), run.next_upcoming().map(day_of)) {
        (Some(l), Some(next)) if next != l && (upcoming_on(l) || !due(next)) => l,
        (_, Some(next)) => next,
        (Some(l), None) => l,
        (None, None) => 0,
    }
}

/// Today's schedule, for the schedule line ("planned end 21:30 · projected
/// 21:34 · +4 min"): planned and projected end of the day the room is in.
pub fn today(run: &Run, plan: &Plan, calendar: &Calendar, now: Timestamp) -> DaySchedule {
    let k = today_index(run, plan, calendar, now);
    let mut all = days(run, plan, calendar, now);
    if k < all.len() {
        all.swap_remove(k)
    } else {
        all.pop().unwrap_or(DaySchedule {
            day: 0,
            title: String::new(),
            segments: Vec::new(),
            planned_start: now,
            planned_end: now,
            projected_end: now,
            drift: SignedDuration::ZERO,
        })
    }
}

/// Whether a plan is measured day by day: it has days (a session of one
/// day of a gathering too) or anchored segments. A plain evening is served
/// by the whole run's schedule (`Run::schedule`).
pub fn by_days(plan: &Plan) -> bool {
    !plan.days.is_empty() || plan.segments.iter().any(|s| s.at.is_some())
}

/// A session's days on the room's clock, when its plan is measured by
/// days (`by_days`).
pub fn of_session(
    session: &Session,
    state: &State,
    tz: &TimeZone,
    now: Timestamp,
) -> Option<Vec<DaySchedule>> {
    let plan = &session.plan;
    by_days(plan).then(|| days(&state.run, plan, &calendar_of(session, state, tz), now))
}

/// Today's schedule of a session measured by days, as the schedule line
/// shows it.
pub fn today_of_session(
    session: &Session,
    state: &State,
    tz: &TimeZone,
    now: Timestamp,
) -> Option<DaySchedule> {
    let plan = &session.plan;
    by_days(plan).then(|| today(&state.run, plan, &calendar_of(session, state, tz), now))
}

/// Which of its plan's days a session is in now (0 for a plan of one day).
pub fn day_of_session(session: &Session, state: &State, tz: &TimeZone, now: Timestamp) -> usize {
    let plan = &session.plan;
    if super::days::layout(plan).len() < 2 {
        return 0;
    }
    today_index(&state.run, plan, &calendar_of(session, state, tz), now)
}

fn calendar_of(session: &Session, state: &State, tz: &TimeZone) -> Calendar {
    Calendar::new(
        &session.plan,
        tz,
        session.created,
        state.run.started,
        session.rehearsal,
    )
}

#[cfg(test)]
mod tests;
