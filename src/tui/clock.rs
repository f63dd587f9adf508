//! The time the app runs on: the wall clock, or in a rehearsal a simulated
//! one. Everything downstream derives from the `now` it hands out, so a
//! rehearsal is the live engine itself, only with time running faster.
//!
//! Simulated time is `sim + (real - real_anchor) * speed`. Changing speed,
//! pausing or jumping re-anchors at the moment of the change, so the
//! simulated time never jumps by accident.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use super::action::Action;
use crate::core::duration::friendly;
use crate::core::plan::Plan;
use crate::core::run::{Run, Status};

/// The speeds `>` and `<` step through.
pub const SPEEDS: [u32; 10] = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600];
pub const DEFAULT_SPEED: u32 = 10;
/// The longest the loop sleeps while a simulated clock runs.
pub const SIM_WAKE: Duration = Duration::from_millis(100);
/// The loop's sleep while a simulated clock is paused: nothing moves.
const PAUSED_WAKE: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    Real,
    /// The wall clock, which was set back behind the session's own time by
    /// this much: time goes on from where the session was (see
    /// [`catch_up`]).
    Behind(SignedDuration),
    Simulated(Sim),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sim {
    /// The real time of the anchor...
    real: Timestamp,
    /// ...and the simulated time it stands for.
    sim: Timestamp,
    speed: u32,
    paused: bool,
}

/// A rehearsal-only change to the clock, asked for by a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockChange {
    Faster,
    Slower,
    Pause,
    Jump,
}

impl Clock {
    /// A running simulated clock that reads `start` at the real time `real`.
    pub fn simulated(real: Timestamp, start: Timestamp, speed: u32) -> Clock {
        Clock::Simulated(Sim {
            real,
            sim: start,
            speed: speed.max(1),
            paused: false,
        })
    }

    /// The app's time at the real time `real`.
    pub fn now(&self, real: Timestamp) -> Timestamp {
        match self {
            Clock::Real => real,
            Clock::Behind(by) => real.saturating_add(*by).unwrap_or(real),
            Clock::Simulated(s) if s.paused => s.sim,
            Clock::Simulated(s) => {
                // A real clock set back does not run the simulation backwards.
                let passed = real.duration_since(s.real).max(SignedDuration::ZERO);
                let scaled = passed.saturating_mul(i32::try_from(s.speed).unwrap_or(i32::MAX));
                s.sim.saturating_add(scaled).unwrap_or(s.sim)
            }
        }
    }

    pub fn speed(&self) -> Option<u32> {
        match self {
            Clock::Real | Clock::Behind(_) => None,
            Clock::Simulated(s) => Some(s.speed),
        }
    }

    pub fn is_paused(&self) -> bool {
        matches!(self, Clock::Simulated(s) if s.paused)
    }

    /// "10x" or "paused" for a simulated clock; nothing for the real one.
    pub fn label(&self) -> Option<String> {
        match self {
            Clock::Real | Clock::Behind(_) => None,
            Clock::Simulated(s) if s.paused => Some("paused".into()),
            Clock::Simulated(s) => Some(format!("{}x", s.speed)),
        }
    }

    /// Moves the anchor to `real` without changing the time shown.
    fn reanchor(&mut self, real: Timestamp) -> Option<&mut Sim> {
        let now = self.now(real);
        match self {
            Clock::Real | Clock::Behind(_) => None,
            Clock::Simulated(s) => {
                s.real = real;
                s.sim = now;
                Some(s)
            }
        }
    }

    pub fn set_speed(&mut self, real: Timestamp, speed: u32) {
        if let Some(s) = self.reanchor(real) {
            s.speed = speed.max(1);
        }
    }

    /// The next step up (or down) from the current speed; the new speed.
    pub fn step(&mut self, real: Timestamp, faster: bool) -> Option<u32> {
        let now = self.speed()?;
        let next = if faster {
            SPEEDS.iter().find(|s| **s > now).copied().unwrap_or(now)
        } else {
            SPEEDS
                .iter()
                .rev()
                .find(|s| **s < now)
                .copied()
                .unwrap_or(now)
        };
        self.set_speed(real, next);
        Some(next)
    }

    /// Pauses or resumes simulated time; whether it is now paused.
    pub fn toggle_pause(&mut self, real: Timestamp) -> bool {
        match self.reanchor(real) {
            Some(s) => {
                s.paused = !s.paused;
                s.paused
            }
            None => false,
        }
    }

    /// Moves simulated time forward by `by`, at once.
    pub fn advance(&mut self, real: Timestamp, by: SignedDuration) {
        if let Some(s) = self.reanchor(real) {
            s.sim = s
                .sim
                .saturating_add(by.max(SignedDuration::ZERO))
                .unwrap_or(s.sim);
        }
    }

    /// How long the loop may sleep in real time when the screen next changes
    /// `wait` from now in the clock's time.
    pub fn real_wait(&self, wait: Duration) -> Duration {
        match self {
            Clock::Real | Clock::Behind(_) => wait,
            Clock::Simulated(s) if s.paused => PAUSED_WAKE,
            Clock::Simulated(s) => (wait / s.speed).min(SIM_WAKE),
        }
    }
}

/// How far back the wall clock may step (a small correction of the system
/// clock) before time is held where the session had got to.
const BACKWARDS: SignedDuration = SignedDuration::from_secs(2);

/// Keeps time from running backwards when the wall clock is set back
/// (by hand, a wrong time zone fixed, a laptop's clock reset): without
/// this, a segment started "in the future" would show its full time box,
/// frozen, until the clock caught up. `seen` is the latest moment the
/// session has seen (its last event, the last frame). Returns a note for
/// the status line when it had to step in.
pub fn catch_up(clock: &mut Clock, real: Timestamp, seen: Timestamp) -> Option<String> {
    match clock {
        Clock::Simulated(_) => return None,
        // The wall clock was put right again: it is the time once more.
        Clock::Behind(_) if real >= seen => *clock = Clock::Real,
        _ => {}
    }
    let now = clock.now(real);
    let back = seen.duration_since(now);
    if back <= BACKWARDS {
        return None;
    }
    *clock = Clock::Behind(seen.duration_since(real));
    let mins = back.as_secs() / 60;
    let by = if mins > 0 {
        format!("{mins} min")
    } else {
        format!("{} s", back.as_secs())
    };
    Some(format!(
        "the clock went backwards by {by}; the session's time goes on from where it was"
    ))
}

/// How far ahead the running segment's next staged warning is, or its end
/// after the last warning; a message when there is nothing to jump to.
pub fn next_mark(run: &Run, plan: &Plan, now: Timestamp) -> Result<SignedDuration, &'static str> {
    let id = run.current.ok_or("no segment is on")?;
    let seg = run.segment(id).ok_or("no segment is on")?;
    if run.progress(id).map(|p| p.status) != Some(Status::Running) {
        return Err("the segment is paused; start its clock first");
    }
    let remaining = run.remaining(id, now);
    if !remaining.is_positive() {
        return Err("the segment is already past its time box");
    }
    // Warnings come largest first; the first one still ahead is next.
    let mark = plan
        .warnings_for(seg)
        .into_iter()
        .find(|w| *w < remaining)
        .unwrap_or(SignedDuration::ZERO);
    Ok(remaining.saturating_sub(mark))
}

impl Clock {
    /// Applies a rehearsal's clock change at the real time `real`; what it
    /// did, in words. The run and plan give the next warning to jump to.
    pub fn change(
        &mut self,
        change: ClockChange,
        real: Timestamp,
        run: &Run,
        plan: &Plan,
    ) -> String {
        if *self == Clock::Real {
            return "this session runs on the real clock".into();
        }
        match change {
            ClockChange::Faster | ClockChange::Slower => {
                let speed = self.step(real, change == ClockChange::Faster);
                format!("clock at {}x", speed.unwrap_or(1))
            }
            ClockChange::Pause => {
                if self.toggle_pause(real) {
                    "simulated clock paused".into()
                } else {
                    format!("simulated clock running at {}x", self.speed().unwrap_or(1))
                }
            }
            ClockChange::Jump => match next_mark(run, plan, self.now(real)) {
                Ok(by) => {
                    self.advance(real, by);
                    format!(
                        "jumped {} ahead",
                        friendly(SignedDuration::from_secs(by.as_secs()))
                    )
                }
                Err(why) => format!("nothing to jump to: {why}"),
            },
        }
    }
}

/// The clock change a rehearsal key asks for.
pub fn change_for(action: Action) -> Option<ClockChange> {
    match action {
        Action::Faster => Some(ClockChange::Faster),
        Action::Slower => Some(ClockChange::Slower),
        Action::PauseClock => Some(ClockChange::Pause),
        Action::JumpAhead => Some(ClockChange::Jump),
        _ => None,
    }
}

#[cfg(test)]
mod backwards {
    use super::*;

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).unwrap()
    }

    #[test]
    fn a_clock_set_back_goes_on_from_where_the_session_was_and_back_when_put_right() {
        let mut clock = Clock::Real;
        assert_eq!(catch_up(&mut clock, t(100), t(99)), None);
        assert_eq!(
            catch_up(&mut clock, t(100), t(101)),
            None,
            "a second is noise"
        );
        // Set back ten minutes: time goes on from 1000, not from 400.
        let note = catch_up(&mut clock, t(400), t(1000)).unwrap();
        assert_eq!(
            note,
            "the clock went backwards by 10 min; the session's time goes on from where it was"
        );
        assert_eq!(clock.now(t(400)), t(1000));
        assert_eq!(clock.now(t(430)), t(1030), "and runs");
        assert_eq!(catch_up(&mut clock, t(430), t(1030)), None);
        // Put right: the wall clock is the time again.
        assert_eq!(catch_up(&mut clock, t(1100), t(1040)), None);
        assert_eq!(clock, Clock::Real);
        let mut sim = Clock::simulated(t(0), t(0), 10);
        assert_eq!(
            catch_up(&mut sim, t(0), t(5000)),
            None,
            "rehearsals keep their own"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::{Segment, SegmentKind};
    use crate::core::run::{RunEvent, SegmentId, Stage};

    fn t(ms: i64) -> Timestamp {
        Timestamp::from_millisecond(1_800_000_000_000 + ms).unwrap()
    }

    fn secs(s: i64) -> SignedDuration {
        SignedDuration::from_secs(s)
    }

    /// Simulated time starts at t(0) + 1 hour, running at 10x.
    fn sim() -> Clock {
        Clock::simulated(t(0), t(3_600_000), 10)
    }

    #[test]
    fn the_real_clock_is_the_wall_clock() {
        let c = Clock::Real;
        assert_eq!(c.now(t(1234)), t(1234));
        assert_eq!(c.label(), None);
        assert_eq!(c.real_wait(Duration::from_secs(7)), Duration::from_secs(7));
    }

    #[test]
    fn simulated_time_runs_at_its_speed() {
        let c = sim();
        assert_eq!(c.now(t(0)), t(3_600_000));
        assert_eq!(c.now(t(1_500)), t(3_600_000 + 15_000));
        // A real clock set back holds the simulation where it was anchored.
        assert_eq!(c.now(t(-5_000)), t(3_600_000));
        assert_eq!(c.label().as_deref(), Some("10x"));
        assert_eq!(
            c.real_wait(Duration::from_millis(500)),
            Duration::from_millis(50)
        );
        assert_eq!(c.real_wait(Duration::from_secs(60)), SIM_WAKE);
    }

    #[test]
    fn a_speed_change_reanchors_without_a_jump() {
        let mut c = sim();
        let before = c.now(t(2_000));
        c.set_speed(t(2_000), 60);
        assert_eq!(c.now(t(2_000)), before, "no jump at the change");
        assert_eq!(c.now(t(3_000)), before + secs(60), "then 60x");
        assert_eq!(c.step(t(3_000), false), Some(30));
        assert_eq!(c.now(t(3_000)), before + secs(60));
        assert_eq!(c.now(t(4_000)), before + secs(90));
        // Off the steps, the next one up; the ends hold.
        c.set_speed(t(4_000), 15);
        assert_eq!(c.step(t(4_000), true), Some(20));
        c.set_speed(t(4_000), 600);
        assert_eq!(c.step(t(4_000), true), Some(600));
        c.set_speed(t(4_000), 1);
        assert_eq!(c.step(t(4_000), false), Some(1));
        assert_eq!(Clock::Real.step(t(0), true), None);
    }

    #[test]
    fn pause_holds_time_and_resume_carries_on_from_there() {
        let mut c = sim();
        assert!(c.toggle_pause(t(1_000)));
        let held = c.now(t(1_000));
        assert_eq!(held, t(3_600_000 + 10_000));
        assert_eq!(c.now(t(500_000)), held, "paused for a long while");
        assert_eq!(c.label().as_deref(), Some("paused"));
        assert_eq!(c.real_wait(Duration::from_millis(300)), PAUSED_WAKE);
        assert!(!c.toggle_pause(t(500_000)));
        assert_eq!(c.now(t(501_000)), held + secs(10));
        // A speed change while paused stays paused.
        c.toggle_pause(t(501_000));
        c.set_speed(t(502_000), 30);
        assert_eq!(c.now(t(503_000)), held + secs(10));
    }

    fn run_of(mins: i64, warnings: &[i64]) -> (Run, Plan) {
        let mut seg = Segment::new(
            "Check-in",
            SegmentKind::CheckIn,
            SignedDuration::from_mins(mins),
        );
        seg.warnings = warnings.iter().map(|s| secs(*s)).collect();
        let mut plan = crate::core::checks::plan_of(vec![seg]);
        plan.title = "T".into();
        (Run::new(&plan), plan)
    }

    #[test]
    fn jump_lands_on_each_warning_then_on_zero() {
        let (mut run, plan) = run_of(10, &[30, 120]);
        let mut c = sim();
        let start = c.now(t(0));
        run.apply(start, &RunEvent::Start(SegmentId(0)));
        let id = SegmentId(0);
        let seg = run.segment(id).unwrap().clone();
        let warnings = plan.warnings_for(&seg);
        let mut real = 700; // a little real time passes between jumps
        let mut landed = Vec::new();
        while let Ok(by) = next_mark(&run, &plan, c.now(t(real))) {
            c.advance(t(real), by);
            let now = c.now(t(real));
            let remaining = run.remaining(id, now);
            landed.push((remaining, Stage::of(remaining, &warnings)));
            real += 300;
        }
        assert_eq!(
            landed,
            [
                (secs(120), Stage::Soon),
                (secs(30), Stage::Last),
                (SignedDuration::ZERO, Stage::Last),
            ]
        );
        let at_zero = c.now(t(real));
        assert!(at_zero > start + secs(600), "time runs on past zero");
        assert_eq!(
            next_mark(&run, &plan, at_zero),
            Err("the segment is already past its time box")
        );
    }

    #[test]
    fn nothing_to_jump_to_without_a_running_clock() {
        let (mut run, plan) = run_of(10, &[]);
        assert_eq!(next_mark(&run, &plan, t(0)), Err("no segment is on"));
        run.apply(t(0), &RunEvent::Start(SegmentId(0)));
        // Default warnings: 2m and 30s.
        assert_eq!(next_mark(&run, &plan, t(60_000)), Ok(secs(7 * 60)));
        run.apply(t(60_000), &RunEvent::Pause);
        assert!(
            next_mark(&run, &plan, t(60_000))
                .unwrap_err()
                .contains("paused")
        );
    }
}
