//! The run of the plan: which segment is on, its clock, and the schedule.
//!
//! Every figure here is a function of the event log and `now`, so a laptop
//! that slept, crashed or was killed shows exactly the right time on return.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::duration::serde_friendly;
use super::plan::{Plan, Reach, Segment, StackRule};

/// A stable handle for a segment: its index in the session's plan, or past
/// the end for segments inserted during the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SegmentId(pub u32);

/// What the facilitator did to the run of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RunEvent {
    /// This segment is now on and its clock runs; the one before it ends.
    Start(SegmentId),
    Pause,
    Resume,
    /// The current segment ends with nothing after it yet.
    End,
    /// The current segment's script moved to this line.
    Cue(usize),
    /// More (or less) time for a segment than its box.
    AddTime {
        segment: SegmentId,
        #[serde(with = "serde_friendly")]
        by: SignedDuration,
    },
    /// A new time box for a segment.
    SetTime {
        segment: SegmentId,
        #[serde(with = "serde_friendly")]
        time: SignedDuration,
    },
    /// Move a segment to this position in the running order.
    Move {
        segment: SegmentId,
        to: usize,
    },
    Skip(SegmentId),
    Unskip(SegmentId),
    /// A segment added during the run (e.g. from the activity library).
    Insert {
        at: usize,
        segment: Box<Segment>,
    },
}

impl RunEvent {
    /// A change to the plan itself rather than to the clock.
    pub fn is_plan_edit(&self) -> bool {
        matches!(
            self,
            RunEvent::AddTime { .. }
                | RunEvent::SetTime { .. }
                | RunEvent::Move { .. }
                | RunEvent::Skip(_)
                | RunEvent::Unskip(_)
                | RunEvent::Insert { .. }
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Upcoming,
    Running,
    Paused,
    Done,
    Skipped,
}

/// One segment's progress through the run.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub status: Status,
    pub started: Option<Timestamp>,
    pub ended: Option<Timestamp>,
    /// Time the clock ran before `running_since`.
    pub banked: SignedDuration,
    pub running_since: Option<Timestamp>,
    pub added: SignedDuration,
    pub cue: usize,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            status: Status::Upcoming,
            started: None,
            ended: None,
            banked: SignedDuration::ZERO,
            running_since: None,
            added: SignedDuration::ZERO,
            cue: 0,
        }
    }

    /// How long the clock has run; never negative, even if `now` is earlier
    /// than the last event (a clock set back).
    pub fn elapsed(&self, now: Timestamp) -> SignedDuration {
        let running = self
            .running_since
            .map(|since| now.duration_since(since).max(SignedDuration::ZERO))
            .unwrap_or(SignedDuration::ZERO);
        self.banked.saturating_add(running)
    }

    fn stop(&mut self, at: Timestamp) {
        if let Some(since) = self.running_since.take() {
            self.banked = self
                .banked
                .saturating_add(at.duration_since(since).max(SignedDuration::ZERO));
        }
    }
}

/// The run as it stands after the events so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Segments by id, with time boxes as edited during the run.
    pub segments: Vec<Segment>,
    pub progress: Vec<Progress>,
    /// The running order.
    pub order: Vec<SegmentId>,
    pub current: Option<SegmentId>,
    /// When the first segment started.
    pub started: Option<Timestamp>,
    /// The plan's stack rule and scope, for segments that name none.
    pub stack_rule: Option<StackRule>,
    pub stack_scope: Option<Reach>,
}

impl Run {
    pub fn new(plan: &Plan) -> Run {
        let n = plan.segments.len();
        Run {
            segments: plan.segments.clone(),
            progress: vec![Progress::new(); n],
            order: (0..n as u32).map(SegmentId).collect(),
            current: None,
            started: None,
            stack_rule: plan.stack_rule,
            stack_scope: plan.stack_scope,
        }
    }

    /// The plan's stack rule for the segment that is on: its own, else the
    /// plan's.
    pub fn planned_stack_rule(&self) -> Option<StackRule> {
        self.current_segment()
            .and_then(|s| s.stack_rule)
            .or(self.stack_rule)
    }

    /// The plan's stack scope for the segment that is on: its own, else the
    /// plan's.
    pub fn planned_stack_scope(&self) -> Option<Reach> {
        self.current_segment()
            .and_then(|s| s.stack_scope)
            .or(self.stack_scope)
    }

    pub fn segment(&self, id: SegmentId) -> Option<&Segment> {
        self.segments.get(id.0 as usize)
    }

    pub fn progress(&self, id: SegmentId) -> Option<&Progress> {
        self.progress.get(id.0 as usize)
    }

    fn progress_mut(&mut self, id: SegmentId) -> Option<&mut Progress> {
        self.progress.get_mut(id.0 as usize)
    }

    pub fn current_segment(&self) -> Option<&Segment> {
        self.current.and_then(|id| self.segment(id))
    }

    /// The time box as it stands: planned, edited, plus added minutes.
    pub fn time_box(&self, id: SegmentId) -> SignedDuration {
        match (self.segment(id), self.progress(id)) {
            (Some(s), Some(p)) => s.time.saturating_add(p.added),
            _ => SignedDuration::ZERO,
        }
    }

    pub fn elapsed(&self, id: SegmentId, now: Timestamp) -> SignedDuration {
        self.progress(id)
            .map_or(SignedDuration::ZERO, |p| p.elapsed(now))
    }

    /// Time left in the box; negative is overtime.
    pub fn remaining(&self, id: SegmentId, now: Timestamp) -> SignedDuration {
        self.time_box(id).saturating_sub(self.elapsed(id, now))
    }

    pub fn is_running(&self) -> bool {
        self.current
            .and_then(|id| self.progress(id))
            .is_some_and(|p| p.running_since.is_some())
    }

    /// The first upcoming segment after the current one in running order, or
    /// the first upcoming one anywhere.
    pub fn next_upcoming(&self) -> Option<SegmentId> {
        // From the segment on, or else the one started last: segments jumped
        // over stay in the plan (the Plan screen starts them) but `next`
        // never goes back to them.
        let here = self.current.or_else(|| {
            self.order
                .iter()
                .filter(|id| self.progress(**id).is_some_and(|p| p.started.is_some()))
                .max_by_key(|id| self.progress(**id).and_then(|p| p.started))
                .copied()
        });
        let after = here
            .and_then(|c| self.order.iter().position(|&id| id == c))
            .map_or(0, |i| i + 1);
        self.order[after.min(self.order.len())..]
            .iter()
            .find(|id| {
                self.progress(**id)
                    .is_some_and(|p| p.status == Status::Upcoming)
            })
            .copied()
    }

    /// Upcoming segments that `next` will not reach (jumped over).
    pub fn passed_over(&self) -> usize {
        let upcoming = self
            .progress
            .iter()
            .filter(|p| p.status == Status::Upcoming)
            .count();
        let reachable = match self.next_upcoming() {
            Some(n) => self.order[self.order.iter().position(|&id| id == n).unwrap_or(0)..]
                .iter()
                .filter(|id| {
                    self.progress(**id)
                        .is_some_and(|p| p.status == Status::Upcoming)
                })
                .count(),
            None => 0,
        };
        upcoming - reachable.min(upcoming)
    }

    /// True once every segment is done or skipped.
    pub fn finished(&self) -> bool {
        self.current.is_none()
            && self
                .progress
                .iter()
                .all(|p| matches!(p.status, Status::Done | Status::Skipped))
    }

    pub fn apply(&mut self, at: Timestamp, ev: &RunEvent) {
        match ev {
            RunEvent::Start(id) => {
                // Only a segment in the running order can start (not one whose
                // insert was undone).
                if !self.order.contains(id) || self.current == Some(*id) {
                    return;
                }
                self.end_current(at);
                self.started.get_or_insert(at);
                if let Some(p) = self.progress_mut(*id) {
                    p.status = Status::Running;
                    p.started.get_or_insert(at);
                    p.ended = None;
                    p.running_since = Some(at);
                    self.current = Some(*id);
                }
            }
            RunEvent::Pause => {
                if let Some(p) = self.current.and_then(|id| self.progress_mut(id))
                    && p.status == Status::Running
                {
                    p.stop(at);
                    p.status = Status::Paused;
                }
            }
            RunEvent::Resume => {
                if let Some(p) = self.current.and_then(|id| self.progress_mut(id))
                    && p.status == Status::Paused
                {
                    p.running_since = Some(at);
                    p.status = Status::Running;
                }
            }
            RunEvent::End => self.end_current(at),
            RunEvent::Cue(n) => {
                if let Some(id) = self.current {
                    let lines = self.segment(id).map_or(0, |s| s.script.len());
                    if let Some(p) = self.progress_mut(id) {
                        p.cue = (*n).min(lines.saturating_sub(1));
                    }
                }
            }
            RunEvent::AddTime { segment, by } => {
                let time = self.segment(*segment).map(|s| s.time);
                if let (Some(time), Some(p)) = (time, self.progress_mut(*segment)) {
                    // A box never shrinks below one minute.
                    let floor = SignedDuration::from_mins(1).saturating_sub(time);
                    p.added = p.added.saturating_add(*by).max(floor);
                }
            }
            RunEvent::SetTime { segment, time } => {
                if let Some(s) = self.segments.get_mut(segment.0 as usize)
                    && time.is_positive()
                {
                    s.time = *time;
                    // A typed time box replaces any minutes added before.
                    if let Some(p) = self.progress.get_mut(segment.0 as usize) {
                        p.added = SignedDuration::ZERO;
                    }
                }
            }
            RunEvent::Move { segment, to } => {
                if let Some(from) = self.order.iter().position(|id| id == segment) {
                    let id = self.order.remove(from);
                    self.order.insert((*to).min(self.order.len()), id);
                }
            }
            RunEvent::Skip(id) => {
                if let Some(p) = self.progress_mut(*id)
                    && p.status == Status::Upcoming
                {
                    p.status = Status::Skipped;
                }
            }
            RunEvent::Unskip(id) => {
                if let Some(p) = self.progress_mut(*id)
                    && p.status == Status::Skipped
                {
                    p.status = Status::Upcoming;
                }
            }
            RunEvent::Insert { at: pos, segment } => {
                let id = SegmentId(self.segments.len() as u32);
                self.segments.push((**segment).clone());
                self.progress.push(Progress::new());
                self.order.insert((*pos).min(self.order.len()), id);
            }
        }
    }

    /// An inserted segment whose insert was undone: it keeps its id (and its
    /// title, for notes taken in it) but is out of the running order.
    pub fn withdrawn(&mut self, segment: &Segment) {
        self.segments.push(segment.clone());
        let mut p = Progress::new();
        p.status = Status::Skipped;
        self.progress.push(p);
    }

    fn end_current(&mut self, at: Timestamp) {
        if let Some(p) = self.current.take().and_then(|id| self.progress_mut(id)) {
            p.stop(at);
            p.status = Status::Done;
            p.ended = Some(at);
        }
    }

    /// Planned and projected end of the whole run.
    ///
    /// `planned_start` is the plan's clock start when it has one; without it
    /// the run's actual start (or `now`, before anything started) stands in.
    pub fn schedule(
        &self,
        plan: &Plan,
        planned_start: Option<Timestamp>,
        now: Timestamp,
    ) -> Schedule {
        let start = planned_start.or(self.started).unwrap_or(now);
        let planned_end = start.saturating_add(plan.total()).unwrap_or(start);
        let base = match self.current {
            Some(id) => now.saturating_add(self.remaining(id, now).max(SignedDuration::ZERO)),
            None if self.started.is_some() => Ok(now),
            None => Ok(now.max(start)),
        }
        .unwrap_or(now);
        let projected_end = self
            .order
            .iter()
            .filter(|id| {
                self.progress(**id)
                    .is_some_and(|p| p.status == Status::Upcoming)
            })
            .fold(base, |t, id| {
                t.saturating_add(self.time_box(*id)).unwrap_or(t)
            });
        Schedule {
            start,
            planned_end,
            projected_end,
            drift: projected_end.duration_since(planned_end),
        }
    }

    /// The plan as it now stands: segments in running order with their time
    /// boxes as edited, skipped ones left out; for checking during the run.
    ///
    /// A plan of several days keeps its days, each with its segments as
    /// they now stand.
    pub fn effective_plan(&self, plan: &Plan) -> Plan {
        let layout = super::days::layout(plan);
        let days = super::days::days_in_order(&layout, &self.order, plan.segments.len());
        let mut kept: Vec<(usize, Segment)> = self
            .order
            .iter()
            .zip(days)
            .filter(|(id, _)| {
                self.progress(**id)
                    .is_some_and(|p| p.status != Status::Skipped)
            })
            .filter_map(|(id, day)| {
                let mut s = self.segment(*id)?.clone();
                s.time = self.time_box(*id);
                Some((day, s))
            })
            .collect();
        let mut out = plan.clone();
        if !plan.days.is_empty() {
            kept.sort_by_key(|(day, _)| *day);
            for (k, day) in out.days.iter_mut().enumerate() {
                day.len = kept.iter().filter(|(d, _)| *d == k).count();
            }
        }
        out.segments = kept.into_iter().map(|(_, s)| s).collect();
        out
    }

    /// When each segment began or is now expected to begin, in running order:
    /// actual starts for what has run, and for what is to come, the time
    /// boxes as they stand from the projected end of what runs now (never
    /// before `now`); it agrees with `schedule`'s projection.
    pub fn planned_starts(&self, start: Timestamp, now: Timestamp) -> Vec<(SegmentId, Timestamp)> {
        let mut t = start;
        self.order
            .iter()
            .map(|&id| {
                let (here, after) = self.project(id, t, now, None);
                t = after;
                (id, here)
            })
            .collect()
    }

    /// One step of a projection that has reached `t`: when the segment
    /// began, or is now expected to begin, and where the projection stands
    /// after it. What has run keeps its real times; what runs now ends when
    /// its box does (or now, if over); nothing still to come begins before
    /// `now`, nor before `not_before` (a clock time it is held to).
    pub fn project(
        &self,
        id: SegmentId,
        t: Timestamp,
        now: Timestamp,
        not_before: Option<Timestamp>,
    ) -> (Timestamp, Timestamp) {
        let Some(p) = self.progress(id) else {
            return (t, t);
        };
        match p.status {
            Status::Done => (p.started.unwrap_or(t), p.ended.unwrap_or(t)),
            Status::Running | Status::Paused => {
                let left = self.remaining(id, now).max(SignedDuration::ZERO);
                (
                    p.started.unwrap_or(now),
                    now.saturating_add(left).unwrap_or(now),
                )
            }
            Status::Skipped => (t, t),
            Status::Upcoming => {
                let at = not_before.map_or(t.max(now), |n| t.max(now).max(n));
                (at, at.saturating_add(self.time_box(id)).unwrap_or(at))
            }
        }
    }
}

/// Where the run stands against the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub start: Timestamp,
    pub planned_end: Timestamp,
    pub projected_end: Timestamp,
    /// Projected minus planned: positive means running late.
    pub drift: SignedDuration,
}

/// How close a countdown is to zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Calm,
    /// Past an early warning.
    Soon,
    /// Past the last warning before zero.
    Last,
    Overtime,
}

impl Stage {
    /// Where `remaining` stands against staged warnings (largest first).
    ///
    /// Overtime begins past zero, once the countdown (whole seconds) reads
    /// "+0:01": at "0:00" the time is up but not yet over.
    pub fn of(remaining: SignedDuration, warnings: &[SignedDuration]) -> Stage {
        if remaining.as_secs() < 0 {
            return Stage::Overtime;
        }
        let smallest = warnings.iter().min();
        if smallest.is_some_and(|w| remaining <= *w) {
            Stage::Last
        } else if warnings.iter().any(|w| remaining <= *w) {
            Stage::Soon
        } else {
            Stage::Calm
        }
    }

    /// A text label, so the stage reads without colour.
    pub fn label(self, remaining: SignedDuration, warnings: &[SignedDuration]) -> String {
        match self {
            Stage::Calm => String::new(),
            Stage::Overtime => "OVERTIME".into(),
            _ => {
                let w = warnings
                    .iter()
                    .filter(|w| remaining <= **w)
                    .min()
                    .copied()
                    .unwrap_or(remaining);
                format!("UNDER {} LEFT", super::duration::friendly(w).to_uppercase())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::SegmentKind;

    fn t(secs: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + secs).unwrap()
    }

    fn plan(mins: &[i64]) -> Plan {
        Plan::new(
            "T",
            mins.iter()
                .enumerate()
                .map(|(i, m)| {
                    Segment::new(
                        format!("S{i}"),
                        SegmentKind::Custom,
                        SignedDuration::from_mins(*m),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn countdown_counts_running_time_only() {
        let p = plan(&[10, 20]);
        let mut run = Run::new(&p);
        let s0 = SegmentId(0);
        run.apply(t(0), &RunEvent::Start(s0));
        assert_eq!(run.remaining(s0, t(60)), SignedDuration::from_mins(9));
        run.apply(t(120), &RunEvent::Pause);
        // Paused for a long laptop sleep: nothing counts.
        assert_eq!(run.remaining(s0, t(5000)), SignedDuration::from_mins(8));
        run.apply(t(5000), &RunEvent::Resume);
        assert_eq!(
            run.remaining(s0, t(5000 + 540)),
            SignedDuration::from_mins(-1)
        );
        assert_eq!(
            crate::core::duration::clock(run.remaining(s0, t(5000 + 560))),
            "+1:20"
        );
    }

    #[test]
    fn next_start_ends_the_current_segment() {
        let p = plan(&[10, 20, 5]);
        let mut run = Run::new(&p);
        run.apply(t(0), &RunEvent::Start(SegmentId(0)));
        assert_eq!(run.next_upcoming(), Some(SegmentId(1)));
        run.apply(t(700), &RunEvent::Start(SegmentId(1)));
        let p0 = run.progress(SegmentId(0)).unwrap();
        assert_eq!(p0.status, Status::Done);
        assert_eq!(p0.elapsed(t(99_999)), SignedDuration::from_secs(700));
        run.apply(t(800), &RunEvent::Skip(SegmentId(2)));
        assert_eq!(run.next_upcoming(), None);
        run.apply(t(900), &RunEvent::End);
        assert!(run.finished());
    }

    #[test]
    fn schedule_projects_overruns() {
        let p = plan(&[10, 20]);
        let mut run = Run::new(&p);
        run.apply(t(0), &RunEvent::Start(SegmentId(0)));
        // 14 minutes in: 4 over, 20 to come.
        let s = run.schedule(&p, None, t(14 * 60));
        assert_eq!(s.planned_end, t(30 * 60));
        assert_eq!(s.projected_end, t(34 * 60));
        assert_eq!(s.drift, SignedDuration::from_mins(4));
        // On time while within the box.
        let s = run.schedule(&p, None, t(5 * 60));
        assert_eq!(s.drift, SignedDuration::ZERO);
        // A planned start in the future: nothing projected before it.
        let fresh = Run::new(&p);
        let s = fresh.schedule(&p, Some(t(3600)), t(0));
        assert_eq!(s.projected_end, t(3600 + 30 * 60));
    }

    #[test]
    fn time_edits_and_moves() {
        let p = plan(&[10, 20, 30]);
        let mut run = Run::new(&p);
        run.apply(
            t(0),
            &RunEvent::AddTime {
                segment: SegmentId(0),
                by: SignedDuration::from_mins(-30),
            },
        );
        assert_eq!(run.time_box(SegmentId(0)), SignedDuration::from_mins(1));
        run.apply(
            t(0),
            &RunEvent::SetTime {
                segment: SegmentId(1),
                time: SignedDuration::from_mins(5),
            },
        );
        assert_eq!(run.time_box(SegmentId(1)), SignedDuration::from_mins(5));
        run.apply(
            t(0),
            &RunEvent::Move {
                segment: SegmentId(2),
                to: 0,
            },
        );
        assert_eq!(run.order, [SegmentId(2), SegmentId(0), SegmentId(1)]);
        let starts = run.planned_starts(t(0), t(0));
        assert_eq!(starts[2], (SegmentId(1), t(31 * 60)));
    }

    #[test]
    fn stages_follow_warnings() {
        let w = [SignedDuration::from_mins(2), SignedDuration::from_secs(30)];
        assert_eq!(Stage::of(SignedDuration::from_mins(5), &w), Stage::Calm);
        assert_eq!(Stage::of(SignedDuration::from_mins(2), &w), Stage::Soon);
        assert_eq!(Stage::of(SignedDuration::from_secs(30), &w), Stage::Last);
        // At zero, and for the second the countdown reads "0:00" after it,
        // time is up but not over; "+0:01" is overtime.
        assert_eq!(Stage::of(SignedDuration::ZERO, &w), Stage::Last);
        assert_eq!(
            Stage::of(SignedDuration::from_millis(-999), &w),
            Stage::Last
        );
        assert_eq!(
            Stage::of(SignedDuration::from_secs(-1), &w),
            Stage::Overtime
        );
        assert_eq!(Stage::of(SignedDuration::ZERO, &[]), Stage::Calm);
        assert_eq!(
            Stage::of(SignedDuration::from_secs(100), &w).label(SignedDuration::from_secs(100), &w),
            "UNDER 2M LEFT"
        );
    }

    #[test]
    fn next_never_goes_back_to_segments_jumped_over() {
        let p = plan(&[10, 10, 10, 10]);
        let mut run = Run::new(&p);
        run.apply(t(0), &RunEvent::Start(SegmentId(2)));
        assert_eq!(run.next_upcoming(), Some(SegmentId(3)));
        run.apply(t(60), &RunEvent::Start(SegmentId(3)));
        assert_eq!(run.next_upcoming(), None, "not back to the first two");
        assert_eq!(run.passed_over(), 2);
        run.apply(t(120), &RunEvent::End);
        assert_eq!(run.next_upcoming(), None);
        assert!(!run.finished(), "two were never run");
        // Between segments, next follows on from the one started last.
        let mut run = Run::new(&p);
        run.apply(t(0), &RunEvent::Start(SegmentId(1)));
        run.apply(t(10), &RunEvent::End);
        assert_eq!(run.next_upcoming(), Some(SegmentId(2)));
        assert_eq!(run.passed_over(), 1);
    }
}
