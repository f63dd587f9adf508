//! A speaking turn and its clock, shared by rounds and the stack.
//!
//! Rounds and the stack record turns the same way so that airtime can add
//! them up without caring where a voice was heard.

use jiff::{SignedDuration, Timestamp};

use super::person::PersonId;
use super::plan::Plan;
use super::run::{Run, SegmentId, Stage};

/// One person speaking once, in a round or from the stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub person: PersonId,
    /// The segment that was on when the turn began; `None` outside any.
    pub segment: Option<SegmentId>,
    pub started: Timestamp,
    /// `None` while the person is still speaking.
    pub ended: Option<Timestamp>,
}

impl Turn {
    pub fn new(person: PersonId, segment: Option<SegmentId>, started: Timestamp) -> Turn {
        Turn {
            person,
            segment,
            started,
            ended: None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.ended.is_none()
    }

    /// Wall time from start to end, or to `now` while it runs; never
    /// negative, even with a clock set back. Pauses of the run do not stop it:
    /// a person speaking keeps speaking.
    pub fn spoken(&self, now: Timestamp) -> SignedDuration {
        self.ended
            .unwrap_or(now)
            .duration_since(self.started)
            .max(SignedDuration::ZERO)
    }

    /// The turn's clock against its segment's per-speaker box.
    pub fn clock(&self, run: &Run, plan: &Plan, now: Timestamp) -> TurnClock {
        TurnClock::of(self, run, plan, now)
    }

    /// Ends the turn at `at` if it still runs; true if it did.
    pub fn end(&mut self, at: Timestamp) -> bool {
        let running = self.ended.is_none();
        if running {
            self.ended = Some(at.max(self.started));
        }
        running
    }
}

/// A running speaker's clock against the segment's per-speaker time box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnClock {
    pub person: PersonId,
    pub started: Timestamp,
    pub elapsed: SignedDuration,
    /// The segment's `per_speaker` (an anti-retreat voice's `per_voice`);
    /// `None` means the turn is not boxed.
    pub time_box: Option<SignedDuration>,
    /// Staged warnings that fit inside the box, largest first.
    pub warnings: Vec<SignedDuration>,
}

impl TurnClock {
    /// The clock of `turn` at `now`, boxed by its segment as the run stands.
    ///
    /// Warnings as long as the box or longer are dropped: a 1-minute turn
    /// must not start out "under 2m left".
    pub fn of(turn: &Turn, run: &Run, plan: &Plan, now: Timestamp) -> TurnClock {
        let segment = turn.segment.and_then(|id| run.segment(id));
        let time_box = segment.and_then(|s| s.speaker_box());
        let warnings = match (segment, time_box) {
            (Some(s), Some(b)) => plan
                .warnings_for(s)
                .into_iter()
                .filter(|w| *w < b)
                .collect(),
            _ => Vec::new(),
        };
        TurnClock {
            person: turn.person,
            started: turn.started,
            elapsed: turn.spoken(now),
            time_box,
            warnings,
        }
    }

    /// Time left in the box; negative is overtime.
    pub fn remaining(&self) -> Option<SignedDuration> {
        self.time_box.map(|b| b.saturating_sub(self.elapsed))
    }

    /// How close the turn is to its box; always calm without one.
    pub fn stage(&self) -> Stage {
        self.remaining()
            .map_or(Stage::Calm, |r| Stage::of(r, &self.warnings))
    }

    /// The stage as text ("UNDER 30S LEFT", "OVERTIME"), empty when calm.
    pub fn label(&self) -> String {
        self.remaining()
            .map_or_else(String::new, |r| self.stage().label(r, &self.warnings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fixture::{plan, t};
    use crate::core::plan::SegmentKind;

    #[test]
    fn clock_drops_warnings_longer_than_the_box() {
        let plan = plan(&["Ana"], &[SegmentKind::CheckIn], Some(90));
        let run = Run::new(&plan);
        let turn = Turn::new(PersonId(0), Some(SegmentId(0)), t(0));
        let clock = turn.clock(&run, &plan, t(10));
        assert_eq!(clock.warnings, [SignedDuration::from_secs(30)]);
        assert_eq!(clock.stage(), Stage::Calm);
        let clock = turn.clock(&run, &plan, t(61));
        assert_eq!(clock.stage(), Stage::Last);
        assert_eq!(clock.label(), "UNDER 30S LEFT");
        // "0:00 of 1m": time is up, not over.
        let clock = turn.clock(&run, &plan, t(60));
        assert_eq!(clock.stage(), Stage::Last);
        assert!(!clock.label().contains("OVERTIME"));
        let clock = turn.clock(&run, &plan, t(100));
        assert_eq!(clock.remaining(), Some(SignedDuration::from_secs(-10)));
        assert_eq!(clock.stage(), Stage::Overtime);
        // Outside any segment there is no box.
        let free = Turn::new(PersonId(0), None, t(0));
        let clock = free.clock(&run, &plan, t(9999));
        assert_eq!((clock.time_box, clock.stage()), (None, Stage::Calm));
        assert_eq!(clock.elapsed, SignedDuration::from_secs(9999));
    }
}
