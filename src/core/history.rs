//! Learning from history: how long each kind of segment, and each library
//! activity, really ran in earlier sessions against its time box.
//!
//! Only real sessions count; rehearsals run on a simulated clock and would
//! teach nothing about a room of people. Every real session teaches, also
//! one ended early or left unfinished, but only through the segments that
//! really ran: those done, and the one left on when the log stops if its
//! clock had run its whole box by then (an overrun is known; a part cut off
//! half-way tells nothing).

use std::collections::HashMap;

use jiff::SignedDuration;

use super::duration::friendly;
use super::plan::{Segment, SegmentKind};
use super::run::{SegmentId, Status};
use super::session::Session;
use super::state::State;

/// Segments ended sooner than this after starting were clicked past, not
/// run, and are left out; so are those that ran under a tenth of their box
/// (trying the app out, or stepping through a plan).
pub const CLICKED_PAST: SignedDuration = SignedDuration::from_secs(15);

/// How segments of one kind (or one activity) ran against their boxes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// Mean over done segments of actual time / time box.
    pub ratio: f64,
    /// Done segments counted.
    pub segments: usize,
    /// Sessions they came from.
    pub sessions: usize,
}

#[derive(Debug, Clone, Default)]
struct Tally {
    sum: f64,
    segments: usize,
    sessions: usize,
    last_session: Option<usize>,
}

impl Tally {
    fn add(&mut self, session: usize, ratio: f64) {
        self.sum += ratio;
        self.segments += 1;
        if self.last_session != Some(session) {
            self.sessions += 1;
            self.last_session = Some(session);
        }
    }

    fn pace(&self) -> Pace {
        Pace {
            ratio: self.sum / self.segments as f64,
            segments: self.segments,
            sessions: self.sessions,
        }
    }
}

/// What earlier sessions teach, by segment kind and by activity id.
#[derive(Debug, Clone, Default)]
pub struct History {
    kinds: HashMap<SegmentKind, Tally>,
    activities: HashMap<String, Tally>,
    /// Sessions that taught something, and of them how many were ended
    /// early (closed before every part ran) or left unfinished.
    pub sessions: usize,
    pub ended_early: usize,
    pub unfinished: usize,
}

/// Learns from every real (non-rehearsal) session: each Done segment's
/// elapsed time against its time box as it stood in the run (added minutes
/// included), by the segment's kind and by its library `activity`.
pub fn learn(sessions: &[Session]) -> History {
    let mut history = History::default();
    for (n, session) in sessions.iter().enumerate().filter(|(_, s)| !s.rehearsal) {
        let state = State::replay(session);
        let run = &state.run;
        let last = session.events.last().map_or(session.created, |e| e.at);
        let mut taught = false;
        for (i, (segment, p)) in run.segments.iter().zip(&run.progress).enumerate() {
            let time_box = run.time_box(SegmentId(i as u32));
            // A done segment's clock is stopped, so any instant reads it;
            // one left on is read as the log stops.
            let elapsed = p.elapsed(p.ended.unwrap_or(last));
            let tenth = time_box.as_secs_f64() / 10.0;
            let ran = match p.status {
                Status::Done => true,
                Status::Running | Status::Paused => elapsed >= time_box,
                Status::Upcoming | Status::Skipped => false,
            };
            if !ran
                || !time_box.is_positive()
                || elapsed < CLICKED_PAST
                || elapsed.as_secs_f64() < tenth
            {
                continue;
            }
            taught = true;
            let ratio = elapsed.as_secs_f64() / time_box.as_secs_f64();
            history.kinds.entry(segment.kind).or_default().add(n, ratio);
            if let Some(id) = &segment.activity {
                history
                    .activities
                    .entry(id.clone())
                    .or_default()
                    .add(n, ratio);
            }
        }
        if taught {
            history.sessions += 1;
            if state.closed && !run.finished() {
                history.ended_early += 1;
            } else if !state.finished() {
                history.unfinished += 1;
            }
        }
    }
    history
}

impl History {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// "learned from 3 earlier sessions (1 ended early, 1 left unfinished)",
    /// or `None` when no session taught anything.
    pub fn summary(&self) -> Option<String> {
        if self.sessions == 0 {
            return None;
        }
        let mut how = Vec::new();
        if self.ended_early > 0 {
            how.push(format!("{} ended early", self.ended_early));
        }
        if self.unfinished > 0 {
            how.push(format!("{} left unfinished", self.unfinished));
        }
        let n = match self.sessions {
            1 => "1 earlier session".to_string(),
            n => format!("{n} earlier sessions"),
        };
        Some(match how.is_empty() {
            true => format!("learned from {n}"),
            false => format!("learned from {n} ({})", how.join(", ")),
        })
    }

    pub fn kind(&self, kind: SegmentKind) -> Option<Pace> {
        self.kinds.get(&kind).map(Tally::pace)
    }

    pub fn activity(&self, id: &str) -> Option<Pace> {
        self.activities.get(id).map(Tally::pace)
    }

    /// A note for a planned segment, from its activity's history if it has
    /// one, else its kind's: "check-ins ran 1.4x their time box in 3
    /// earlier sessions; at that pace this 20m box takes about 28m".
    pub fn note(&self, segment: &Segment) -> Option<String> {
        let (what, pace) = match segment
            .activity
            .as_deref()
            .and_then(|id| Some((id, self.activity(id)?)))
        {
            Some((id, pace)) => (format!("'{id}' ran {:.1}x its", pace.ratio), pace),
            None => {
                let pace = self.kind(segment.kind)?;
                (
                    format!("{} ran {:.1}x their", plural(segment.kind), pace.ratio),
                    pace,
                )
            }
        };
        let sessions = match pace.sessions {
            1 => "1 earlier session".to_string(),
            n => format!("{n} earlier sessions"),
        };
        let expected = segment.time.mul_f64(pace.ratio);
        let minute = SignedDuration::from_mins(1);
        let tail = if expected.saturating_sub(segment.time).abs() >= minute {
            let rounded = SignedDuration::from_mins((expected.as_secs_f64() / 60.0).round() as i64);
            format!(
                "; at that pace this {} box takes about {}",
                friendly(segment.time),
                friendly(rounded.max(minute))
            )
        } else {
            String::new()
        };
        Some(format!("{what} time box in {sessions}{tail}"))
    }
}

/// "check-ins", "closing rounds", "custom segments".
fn plural(kind: SegmentKind) -> String {
    match kind {
        SegmentKind::Custom => "custom segments".into(),
        k => format!("{}s", k.label()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checks::plan_of;
    use crate::core::event::Event;
    use crate::core::run::RunEvent;
    use jiff::Timestamp;

    fn t(mins: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + mins * 60).unwrap()
    }

    fn check_in(activity: Option<&str>) -> Segment {
        let mut s = Segment::new(
            "Check-in",
            SegmentKind::CheckIn,
            SignedDuration::from_mins(20),
        );
        s.activity = activity.map(String::from);
        s
    }

    /// A session whose segments ran the given minutes, one after another.
    fn ran(segments: Vec<Segment>, minutes: &[i64]) -> Session {
        let mut session = Session::new(plan_of(segments), t(0));
        let mut now = 0;
        for (i, m) in minutes.iter().enumerate() {
            session.push(t(now), Event::Run(RunEvent::Start(SegmentId(i as u32))));
            now += m;
        }
        session.push(t(now), Event::Run(RunEvent::End));
        session
    }

    #[test]
    fn averages_done_segments_by_kind_and_counts_sessions() {
        let a = ran(vec![check_in(None), check_in(None)], &[30, 26]);
        let b = ran(vec![check_in(None)], &[28]);
        let history = learn(&[a, b]);
        let pace = history.kind(SegmentKind::CheckIn).unwrap();
        assert!((pace.ratio - 1.4).abs() < 1e-9, "{pace:?}");
        assert_eq!((pace.segments, pace.sessions), (3, 2));
        assert_eq!(history.kind(SegmentKind::Break), None);
        assert_eq!(
            history.note(&check_in(None)).unwrap(),
            "check-ins ran 1.4x their time box in 2 earlier sessions; at that pace this 20m box takes about 28m"
        );
    }

    #[test]
    fn rehearsals_unfinished_and_clicked_past_segments_teach_nothing() {
        let mut rehearsal = ran(vec![check_in(None)], &[40]);
        rehearsal.rehearsal = true;
        let mut running = Session::new(plan_of(vec![check_in(None)]), t(0));
        running.push(t(0), Event::Run(RunEvent::Start(SegmentId(0))));
        let clicked = ran(vec![check_in(None)], &[0]);
        // A minute of a 20-minute box: stepped through, not run.
        let stepped = ran(vec![check_in(None)], &[1]);
        let history = learn(&[rehearsal, running, clicked, stepped]);
        assert!(history.is_empty());
        assert_eq!(history.note(&check_in(None)), None);
    }

    #[test]
    fn sessions_ended_early_or_left_unfinished_teach_what_really_ran() {
        // Ended early after the first check-in: the second never ran.
        let mut early = ran(vec![check_in(None), check_in(None)], &[30]);
        early.push(t(31), Event::Closed);
        // Left with the check-in still on, 26 minutes in by the last event:
        // past its box, so it counts as far as it is known.
        let mut left = Session::new(plan_of(vec![check_in(None)]), t(0));
        left.push(t(0), Event::Run(RunEvent::Start(SegmentId(0))));
        left.push(t(26), Event::Run(RunEvent::Cue(0)));
        // Left half-way through its box: cut off, it tells nothing.
        let mut cut = Session::new(plan_of(vec![check_in(None)]), t(0));
        cut.push(t(0), Event::Run(RunEvent::Start(SegmentId(0))));
        cut.push(t(10), Event::Run(RunEvent::Cue(0)));
        let history = learn(&[early, left, cut]);
        let pace = history.kind(SegmentKind::CheckIn).unwrap();
        assert_eq!((pace.segments, pace.sessions), (2, 2));
        assert!((pace.ratio - 1.4).abs() < 1e-9, "{pace:?}");
        assert_eq!(
            history.summary().unwrap(),
            "learned from 2 earlier sessions (1 ended early, 1 left unfinished)"
        );
        assert_eq!(learn(&[]).summary(), None);
    }

    #[test]
    fn added_time_counts_as_part_of_the_box() {
        let mut s = ran(vec![check_in(None)], &[30]);
        s.events.insert(
            1,
            crate::core::event::Entry {
                at: t(1),
                event: Event::Run(RunEvent::AddTime {
                    segment: SegmentId(0),
                    by: SignedDuration::from_mins(10),
                }),
            },
        );
        let pace = learn(&[s]).kind(SegmentKind::CheckIn).unwrap();
        assert!((pace.ratio - 1.0).abs() < 1e-9);
    }

    #[test]
    fn an_activity_speaks_before_its_kind() {
        let history = learn(&[
            ran(vec![check_in(Some("weather-report"))], &[10]),
            ran(vec![check_in(None)], &[30]),
        ]);
        assert_eq!(
            history.note(&check_in(Some("weather-report"))).unwrap(),
            "'weather-report' ran 0.5x its time box in 1 earlier session; at that pace this 20m box takes about 10m"
        );
        let kind = history.note(&check_in(Some("never-run"))).unwrap();
        assert!(
            kind.starts_with("check-ins ran 1.0x their time box in 2"),
            "{kind}"
        );
        assert!(!kind.contains("at that pace"), "on time needs no estimate");
    }
}
