//! The rehearsal report: what a facilitator learns from walking a plan on a
//! simulated clock. Which parts ran over and by how much, where the evening
//! stands against the plan after each part, what the plan checks say, and
//! what to bring.
//!
//! Rehearsed times come from the run's progress (the clock's running time,
//! pauses left out), exactly as in a live session: a rehearsal is the same
//! engine with a faster clock. Two things differ, so the figures tell the
//! truth about the plan rather than about how fast someone pressed keys:
//!
//! - a round whose turns were not walked by hand simulates them: each
//!   person present speaks their `per_speaker` (varied by the session's
//!   `spread`, from a seed, so the same rehearsal gives the same figures),
//!   plus the `transition`; when that takes longer than the clock ran, it
//!   stands, so a plan whose round cannot fit shows the overrun. Walking
//!   the turns by hand (starting a round) overrides it;
//! - a segment left before its box ran out counts as on time, not as time
//!   gained: moving on early in a rehearsal is walking ahead, and a whole
//!   plan clicked through in minutes is not "45 hours under". Only a
//!   skipped segment gains its box.

use jiff::{SignedDuration, Timestamp};

use super::checks::{DEFAULT_TRANSITION, Finding, check_plan};
use super::duration::friendly;
use super::groups::Dice;
use super::person::roster_from_names;
use super::plan::{Plan, Segment};
use super::round::present;
use super::run::{Schedule, SegmentId, Status};
use super::runsheet::materials;
use super::session::Session;
use super::state::State;

/// Overruns shorter than this are the time it takes to press a key at
/// rehearsal speed, not something the plan should change for.
pub const NOTICED: SignedDuration = SignedDuration::from_mins(1);

/// People a rehearsal seats when the plan names nobody and gives no count.
pub const DEFAULT_PEOPLE: u32 = 8;

/// A throwaway session to rehearse `plan`: marked as a rehearsal, with
/// everyone on the roster arrived. A plan that names nobody gets
/// placeholders ("Person 1", ...): `people` of them, else the plan's
/// `people`, else `DEFAULT_PEOPLE`, so rounds and stacks can be walked.
pub fn session(plan: Plan, people: Option<u32>, now: Timestamp) -> Session {
    let mut session = Session::new(plan, now);
    session.rehearsal = true;
    if session.roster.is_empty() {
        let n = people.or(session.plan.people).unwrap_or(DEFAULT_PEOPLE);
        let names: Vec<String> = (1..=n).map(|i| format!("Person {i}")).collect();
        session.roster = roster_from_names(&names);
    }
    for person in &mut session.roster {
        person.arrived = true;
    }
    session
}

/// The plan checks a rehearsal reports: round arithmetic for the people it
/// seated when they are placeholders, else for the plan's own count.
pub fn plan_checks(session: &Session) -> Vec<Finding> {
    let seated = u32::try_from(session.roster.len()).ok().filter(|n| *n > 0);
    check_plan(
        &session.plan,
        if session.plan.roster.is_empty() {
            seated
        } else {
            None
        },
    )
}

/// How far a segment got in the rehearsal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// On (running or paused) when the rehearsal stopped.
    Stopped,
    Skipped,
    NotReached,
}

/// One segment, planned against rehearsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Place in the running order, 1-based.
    pub number: usize,
    pub title: String,
    /// The plan's time box.
    pub planned: SignedDuration,
    /// The box as it stood at the end, when it was changed while rehearsing.
    pub adjusted: Option<SignedDuration>,
    /// Running time in whole seconds (a round's simulated turns when they
    /// were not walked by hand); zero when it never ran.
    pub rehearsed: SignedDuration,
    pub outcome: Outcome,
    /// Whether `rehearsed` comes from simulated turns (they needed longer
    /// than the clock ran).
    pub simulated: bool,
    /// Done before its box ran out: counted on time.
    pub early: bool,
    /// Rehearsed minus planned, once past the box: a segment left early or
    /// stopped part-way counts nothing until then; one that never ran
    /// counts nothing.
    pub over: SignedDuration,
    /// Behind (positive) or ahead of the plan after this segment: every
    /// `over` so far, less the boxes of skipped segments.
    pub drift: SignedDuration,
}

impl Part {
    /// Whether it ran over by enough to matter (see `NOTICED`).
    pub fn ran_over(&self) -> bool {
        self.over >= NOTICED
    }
}

/// A plan check, worded for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub code: &'static str,
    /// "warning[CK002]: segment 3 'Check-in': ...".
    pub headline: String,
    pub help: String,
}

/// Everything a rehearsal teaches about the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    /// Every segment done or skipped.
    pub finished: bool,
    /// The segment that was on when the rehearsal stopped.
    pub stopped_in: Option<String>,
    /// In running order.
    pub parts: Vec<Part>,
    /// Every time box of the plan (segments added while rehearsing too).
    pub planned: SignedDuration,
    pub rehearsed: SignedDuration,
    /// Behind (positive) or ahead of the plan at the end; with the segments
    /// not reached taking their boxes, the plan takes `planned + drift`.
    pub drift: SignedDuration,
    pub checks: Vec<Check>,
    /// What to bring, each with the segments that need it.
    pub materials: Vec<(String, Vec<String>)>,
}

/// The report of a rehearsal as it stands at `now`.
pub fn report(session: &Session, state: &State, findings: &[Finding], now: Timestamp) -> Report {
    let parts = parts(session, state, now);
    let stopped_in = parts
        .iter()
        .find(|p| p.outcome == Outcome::Stopped)
        .map(|p| p.title.clone());
    let sum = |f: fn(&Part) -> SignedDuration| {
        parts
            .iter()
            .fold(SignedDuration::ZERO, |t, p| t.saturating_add(f(p)))
    };
    Report {
        title: session.title.clone(),
        finished: state.run.finished(),
        stopped_in,
        planned: sum(|p| p.planned),
        rehearsed: sum(|p| p.rehearsed),
        drift: parts.last().map_or(SignedDuration::ZERO, |p| p.drift),
        checks: findings
            .iter()
            .map(|f| Check {
                code: f.code,
                headline: f.headline(&session.plan),
                help: f.suggestion.clone(),
            })
            .collect(),
        materials: materials(&session.plan)
            .into_iter()
            .map(|(item, used)| (item, used.into_iter().map(String::from).collect()))
            .collect(),
        parts,
    }
}

/// Every segment in running order, planned against rehearsed.
fn parts(session: &Session, state: &State, now: Timestamp) -> Vec<Part> {
    let run = &state.run;
    let mut parts = Vec::new();
    let mut drift = SignedDuration::ZERO;
    for (i, &id) in run.order.iter().enumerate() {
        let (Some(segment), Some(progress)) = (run.segment(id), run.progress(id)) else {
            continue;
        };
        let planned = planned_box(session, state, id);
        let box_now = run.time_box(id);
        let ran = matches!(
            progress.status,
            Status::Done | Status::Running | Status::Paused
        );
        let clock = whole_seconds(progress.elapsed(now));
        // Simulated turns count when they need longer than the clock ran.
        let simulated = ran
            .then(|| simulated_round(session, state, id, segment))
            .flatten()
            .filter(|sim| *sim > clock);
        let rehearsed = simulated.unwrap_or(clock);
        let beyond = rehearsed.saturating_sub(planned).max(SignedDuration::ZERO);
        let (outcome, over) = match progress.status {
            Status::Done => (Outcome::Done, beyond),
            Status::Running | Status::Paused => (Outcome::Stopped, beyond),
            Status::Skipped => (Outcome::Skipped, SignedDuration::ZERO),
            Status::Upcoming => (Outcome::NotReached, SignedDuration::ZERO),
        };
        drift = drift.saturating_add(over);
        if outcome == Outcome::Skipped {
            drift = drift.saturating_sub(planned);
        }
        parts.push(Part {
            number: i + 1,
            title: segment.title.clone(),
            planned,
            adjusted: (box_now != planned).then_some(box_now),
            rehearsed,
            outcome,
            simulated: simulated.is_some(),
            early: outcome == Outcome::Done && rehearsed < planned,
            over,
            drift,
        });
    }
    parts
}

/// A round's length from simulated turns, when it has a per-speaker box and
/// nobody walked its turns by hand (no round was started in it): each
/// person present speaks `per_speaker`, varied by up to the session's
/// `spread` either way, plus the transition. `None` otherwise.
fn simulated_round(
    session: &Session,
    state: &State,
    id: SegmentId,
    segment: &Segment,
) -> Option<SignedDuration> {
    if !segment.kind.is_round() || state.rounds.all().iter().any(|r| r.segment == Some(id)) {
        return None;
    }
    let per = segment.per_speaker?.as_secs();
    let gap = segment.transition.unwrap_or(DEFAULT_TRANSITION).as_secs();
    let spread = i64::from(session.spread.min(100));
    let seed = (session.created.as_millisecond() as u64) ^ (u64::from(id.0) << 32);
    let mut dice = Dice(seed);
    let secs: i64 = present(&state.people)
        .iter()
        .map(|_| {
            let percent = dice.below(2 * spread as usize + 1) as i64 - spread;
            per + per * percent / 100 + gap
        })
        .sum();
    Some(SignedDuration::from_secs(secs))
}

/// Where a rehearsal stands against the plan, for the schedule line: what
/// has run counts as the report counts it (simulated rounds, no time
/// gained by moving on early), the segment on takes at least its box, and
/// what is still to come takes its box. A live session's schedule is the
/// run's own.
pub fn schedule(
    session: &Session,
    state: &State,
    planned_start: Option<Timestamp>,
    now: Timestamp,
) -> Schedule {
    let plain = state.run.schedule(&session.plan, planned_start, now);
    if !session.rehearsal {
        return plain;
    }
    let run = &state.run;
    let mut planned = SignedDuration::ZERO;
    let mut drift = SignedDuration::ZERO;
    for (id, part) in run.order.iter().zip(parts(session, state, now)) {
        planned = planned.saturating_add(part.planned);
        let box_now = run.time_box(*id);
        let change = match part.outcome {
            Outcome::Stopped => part.rehearsed.max(box_now).saturating_sub(part.planned),
            Outcome::NotReached => box_now.saturating_sub(part.planned),
            Outcome::Skipped => -part.planned,
            Outcome::Done => part.over,
        };
        drift = drift.saturating_add(change);
    }
    let planned_end = plain.start.saturating_add(planned).unwrap_or(plain.start);
    Schedule {
        start: plain.start,
        planned_end,
        projected_end: planned_end.saturating_add(drift).unwrap_or(planned_end),
        drift,
    }
}

/// The plan's box for a segment; one added during the run has only its own.
fn planned_box(session: &Session, state: &State, id: SegmentId) -> SignedDuration {
    session
        .plan
        .segments
        .get(id.0 as usize)
        .or_else(|| state.run.segment(id))
        .map_or(SignedDuration::ZERO, |s| s.time)
}

fn whole_seconds(d: SignedDuration) -> SignedDuration {
    SignedDuration::from_secs(d.as_secs())
}

/// "+3m", "-1m 30s", "0s".
fn signed(d: SignedDuration) -> String {
    if d.is_positive() {
        format!("+{}", friendly(d))
    } else {
        friendly(d)
    }
}

/// "8m over" / "2m under" (`more` and `less` name the sides), or "on time".
fn words(d: SignedDuration, more: &str, less: &str) -> String {
    if d.is_positive() {
        format!("{} {more}", friendly(d))
    } else if d.is_negative() {
        format!("{} {less}", friendly(d.abs()))
    } else {
        "on time".into()
    }
}

fn against_plan(d: SignedDuration) -> String {
    words(d, "over", "under")
}

impl Report {
    /// The segments that ran over by a minute or more, in running order.
    pub fn overruns(&self) -> impl Iterator<Item = &Part> {
        self.parts.iter().filter(|p| p.ran_over())
    }

    /// The heading over the summary: "Rehearsal over" only when every
    /// segment ran (or was skipped); otherwise what stopped it.
    pub fn headline(&self) -> String {
        let not_reached = self
            .parts
            .iter()
            .filter(|p| p.outcome == Outcome::NotReached)
            .count();
        if self.finished {
            "Rehearsal over: every segment has run.".into()
        } else if let Some(t) = &self.stopped_in {
            format!("Rehearsal stopped during '{t}'.")
        } else {
            let plural = if not_reached == 1 { "" } else { "s" };
            format!("Rehearsal stopped: {not_reached} segment{plural} never reached.")
        }
    }

    /// One sentence on the whole: how long against the plan.
    pub fn verdict(&self) -> String {
        let ran = self
            .parts
            .iter()
            .filter(|p| matches!(p.outcome, Outcome::Done | Outcome::Stopped))
            .count();
        let projected = self.planned.saturating_add(self.drift);
        let early = self.parts.iter().filter(|p| p.early).count();
        let early = match early {
            0 => String::new(),
            1 => " 1 segment was left before its box ran out; it counts as on time.".into(),
            n => {
                format!(" {n} segments were left before their box ran out; they count as on time.")
            }
        };
        if self.finished {
            format!(
                "Rehearsed in {} against {} planned: {}.{early}",
                friendly(projected),
                friendly(self.planned),
                against_plan(self.drift)
            )
        } else {
            let place = match &self.stopped_in {
                Some(t) => format!("Stopped during '{t}'"),
                None => "Stopped".to_string(),
            };
            format!(
                "{place}, {ran} of {} segments rehearsed in {}. With the rest on time \
                 the plan takes {} against {} planned: {}.{early}",
                self.parts.len(),
                friendly(self.rehearsed),
                friendly(projected),
                friendly(self.planned),
                against_plan(self.drift)
            )
        }
    }

    /// A few short lines for the screen at the end of a rehearsal.
    pub fn summary(&self) -> Vec<String> {
        let mut out = vec![self.verdict()];
        let over: Vec<String> = self
            .overruns()
            .map(|p| format!("{} {}", p.title, signed(p.over)))
            .collect();
        out.push(if over.is_empty() {
            "Nothing ran over by a minute or more.".into()
        } else {
            format!("Ran over: {}.", over.join(", "))
        });
        if !self.checks.is_empty() {
            let codes: Vec<&str> = self.checks.iter().map(|c| c.code).collect();
            out.push(format!("Plan checks: {}.", codes.join(", ")));
        }
        if !self.materials.is_empty() {
            let items: Vec<&str> = self.materials.iter().map(|(m, _)| m.as_str()).collect();
            out.push(format!("Bring: {}.", items.join(", ")));
        }
        out
    }

    /// The whole report as Markdown, to print or keep.
    pub fn to_text(&self) -> String {
        let mut o = String::new();
        let mut line = |text: String| {
            o.push_str(&text);
            o.push('\n');
        };
        line(format!("# Rehearsal: {}", self.title));
        line(String::new());
        line(self.verdict());
        line(String::new());
        line("| # | Segment | Planned | Rehearsed | Over | Behind |".into());
        line("|---|---------|---------|-----------|------|--------|".into());
        for p in &self.parts {
            let planned = match p.adjusted {
                Some(a) => format!("{} (box {} at the end)", friendly(p.planned), friendly(a)),
                None => friendly(p.planned),
            };
            let (rehearsed, over) = match p.outcome {
                Outcome::Done if p.simulated => (
                    format!("{} (simulated turns)", friendly(p.rehearsed)),
                    signed(p.over),
                ),
                Outcome::Done if p.early => (
                    format!("{} (left early)", friendly(p.rehearsed)),
                    String::new(),
                ),
                Outcome::Done => (friendly(p.rehearsed), signed(p.over)),
                Outcome::Stopped if p.simulated => (
                    format!("{} (simulated turns)", friendly(p.rehearsed)),
                    signed(p.over),
                ),
                Outcome::Stopped if p.over.is_zero() => {
                    (format!("{} so far", friendly(p.rehearsed)), String::new())
                }
                Outcome::Stopped => (format!("{} so far", friendly(p.rehearsed)), signed(p.over)),
                Outcome::Skipped => ("skipped".into(), String::new()),
                Outcome::NotReached => ("not reached".into(), String::new()),
            };
            let behind = if p.outcome == Outcome::NotReached {
                String::new()
            } else {
                signed(p.drift)
            };
            let mark = if p.ran_over() { " **over**" } else { "" };
            line(format!(
                "| {} | {}{mark} | {planned} | {rehearsed} | {over} | {behind} |",
                p.number,
                p.title.replace('|', "\\|")
            ));
        }
        line(String::new());
        line("## Ran over".into());
        line(String::new());
        let mut any = false;
        for p in self.overruns() {
            any = true;
            line(format!(
                "- {}: {} against a {} box ({}); {} after it",
                p.title,
                friendly(p.rehearsed),
                friendly(p.planned),
                signed(p.over),
                behind_words(p.drift)
            ));
        }
        if !any {
            line("Nothing ran over by a minute or more.".into());
        }
        if !self.checks.is_empty() {
            line(String::new());
            line("## Plan checks".into());
            line(String::new());
            for c in &self.checks {
                line(format!("- {}", c.headline));
                line(format!("  help: {}", c.help));
            }
        }
        if !self.materials.is_empty() {
            line(String::new());
            line("## What to bring".into());
            line(String::new());
            for (item, used) in &self.materials {
                line(format!("- [ ] {item} ({})", used.join(", ")));
            }
        }
        o
    }
}

fn behind_words(d: SignedDuration) -> String {
    words(d, "behind", "ahead")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checks::check_plan;
    use crate::core::event::Event;
    use crate::core::fixture::{Log, plan};
    use crate::core::plan::SegmentKind;
    use crate::core::run::RunEvent;

    fn mins(m: i64) -> SignedDuration {
        SignedDuration::from_mins(m)
    }

    /// Four 30-minute segments; the first has materials.
    fn log() -> Log {
        let mut p = plan(&[], &[SegmentKind::Custom; 4], None);
        p.segments[0].materials = vec!["Talking piece".into(), "cards".into()];
        p.segments[3].materials = vec!["talking piece".into()];
        Log::new(p)
    }

    #[test]
    fn overruns_skips_and_drift_add_up() {
        let mut log = log();
        log.start_segment(0, 0)
            .start_segment(35 * 60, 1) // 5m over
            .at(35 * 60 + 1, Event::Run(RunEvent::Skip(SegmentId(2))))
            .start_segment(35 * 60 + 30 * 60 + 30, 3) // 30s over: not noticed
            .at(100 * 60, Event::Run(RunEvent::End)); // segment 3: 4m 30s over
        let r = report(
            log.session(),
            log.state(),
            &[],
            crate::core::fixture::t(200 * 60),
        );
        assert!(r.finished);
        let over: Vec<(&str, i64)> = r
            .parts
            .iter()
            .map(|p| (p.title.as_str(), p.over.as_secs()))
            .collect();
        assert_eq!(over, [("S0", 300), ("S1", 30), ("S2", 0), ("S3", 270)]);
        let names: Vec<&str> = r.overruns().map(|p| p.title.as_str()).collect();
        assert_eq!(names, ["S0", "S3"]);
        let drift: Vec<i64> = r.parts.iter().map(|p| p.drift.as_secs()).collect();
        assert_eq!(drift, [300, 330, 330 - 1800, 330 - 1800 + 270]);
        assert_eq!(r.planned, mins(120));
        assert_eq!(
            r.rehearsed,
            SignedDuration::from_secs(35 * 60 + 30 * 60 + 30 + 34 * 60 + 30)
        );
        assert_eq!(r.parts[2].outcome, Outcome::Skipped);
        assert!(
            r.verdict()
                .starts_with("Rehearsed in 1h 40m against 2h planned: 20m under")
        );
    }

    #[test]
    fn stopping_part_way_counts_what_ran_and_projects_the_rest() {
        let mut log = log();
        log.start_segment(0, 0)
            .start_segment(30 * 60, 1)
            .at(
                30 * 60 + 60,
                Event::Run(RunEvent::AddTime {
                    segment: SegmentId(1),
                    by: mins(10),
                }),
            )
            .at(62 * 60, Event::Run(RunEvent::Pause));
        // Quit an hour later: the pause does not count.
        let r = report(
            log.session(),
            log.state(),
            &[],
            crate::core::fixture::t(122 * 60),
        );
        assert!(!r.finished);
        assert_eq!(r.stopped_in.as_deref(), Some("S1"));
        let p = &r.parts[1];
        assert_eq!(
            (p.outcome, p.rehearsed, p.over, p.adjusted),
            (Outcome::Stopped, mins(32), mins(2), Some(mins(40)))
        );
        assert_eq!(r.parts[2].outcome, Outcome::NotReached);
        assert_eq!(r.drift, mins(2));
        assert_eq!(
            r.verdict(),
            "Stopped during 'S1', 2 of 4 segments rehearsed in 1h 2m. With the rest on time \
             the plan takes 2h 2m against 2h planned: 2m over."
        );
        let text = r.to_text();
        assert!(
            text.contains(
                "| 2 | S1 **over** | 30m (box 40m at the end) | 32m so far | +2m | +2m |"
            ),
            "{text}"
        );
        assert!(
            text.contains("| 3 | S2 | 30m | not reached |  |  |"),
            "{text}"
        );
    }

    #[test]
    fn the_text_names_overruns_checks_and_what_to_bring() {
        let mut log = log();
        log.start_segment(0, 0)
            .at(33 * 60, Event::Run(RunEvent::End));
        let findings = check_plan(&log.session().plan, None);
        assert!(!findings.is_empty(), "four custom segments draw warnings");
        let r = report(
            log.session(),
            log.state(),
            &findings,
            crate::core::fixture::t(40 * 60),
        );
        let text = r.to_text();
        assert!(
            text.contains("## Ran over\n\n- S0: 33m against a 30m box (+3m); 3m behind after it\n"),
            "{text}"
        );
        assert!(
            text.contains("## Plan checks\n\n- warning[CK004]"),
            "{text}"
        );
        assert!(
            text.contains("## What to bring\n\n- [ ] Talking piece (S0, S3)\n- [ ] cards (S0)\n"),
            "{text}"
        );
        let summary = r.summary();
        assert_eq!(summary[1], "Ran over: S0 +3m.");
        assert!(summary[2].starts_with("Plan checks: CK004"), "{summary:?}");
        assert_eq!(summary[3], "Bring: Talking piece, cards.");
    }

    #[test]
    fn a_rehearsal_seats_placeholders_only_when_the_plan_names_nobody() {
        let mut p = plan(&[], &[SegmentKind::CheckIn], Some(90));
        let s = session(p.clone(), Some(3), crate::core::fixture::t(0));
        assert!(s.rehearsal);
        let names: Vec<(&str, bool)> = s
            .roster
            .iter()
            .map(|p| (p.name.as_str(), p.arrived))
            .collect();
        assert_eq!(
            names,
            [("Person 1", true), ("Person 2", true), ("Person 3", true)]
        );
        assert_eq!(
            session(p.clone(), None, crate::core::fixture::t(0))
                .roster
                .len(),
            8
        );
        p.people = Some(24);
        let s = session(p.clone(), None, crate::core::fixture::t(0));
        assert_eq!(s.roster.len(), 24);
        // 24 x (1m 30s + 10s) does not fit a 30m box; 5 people do.
        assert!(
            plan_checks(&s)
                .iter()
                .any(|f| f.code == crate::core::checks::ROUND_ARITHMETIC)
        );
        assert!(
            !plan_checks(&session(p.clone(), Some(5), crate::core::fixture::t(0)))
                .iter()
                .any(|f| f.code == crate::core::checks::ROUND_ARITHMETIC)
        );
        p.roster = vec!["Ana".into(), "Kim".into()];
        let s = session(p, Some(5), crate::core::fixture::t(0));
        let names: Vec<(&str, bool)> = s
            .roster
            .iter()
            .map(|p| (p.name.as_str(), p.arrived))
            .collect();
        assert_eq!(names, [("Ana", true), ("Kim", true)]);
    }

    #[test]
    fn nothing_over_is_said_plainly() {
        let mut log = log();
        for i in 0..4 {
            log.start_segment(i * 30 * 60, i as u32);
        }
        log.at(120 * 60 + 20, Event::Run(RunEvent::End));
        let r = report(log.session(), log.state(), &[], crate::core::fixture::t(0));
        assert_eq!(r.overruns().count(), 0);
        assert!(
            r.to_text()
                .contains("Nothing ran over by a minute or more.")
        );
        assert_eq!(r.drift, SignedDuration::from_secs(20));
    }

    /// A rehearsal of a check-in that cannot fit: 24 x (1m + 10s) = 28m in
    /// a 20m box, then a 30m custom segment.
    fn round_log(spread: u8) -> Log {
        let mut p = plan(&[], &[SegmentKind::CheckIn, SegmentKind::Custom], None);
        p.segments[0].time = mins(20);
        p.segments[0].per_speaker = Some(mins(1));
        p.segments[0].transition = Some(SignedDuration::from_secs(10));
        let mut s = session(p, Some(24), crate::core::fixture::t(0));
        s.spread = spread;
        Log::of(s)
    }

    #[test]
    fn a_round_simulates_its_turns_and_shows_the_overrun() {
        let mut log = round_log(0);
        // Jumped to the end of the box without walking a turn.
        log.start_segment(0, 0).start_segment(20 * 60, 1);
        let end = 50 * 60;
        log.at(end, Event::Run(RunEvent::End));
        let r = report(
            log.session(),
            log.state(),
            &[],
            crate::core::fixture::t(end),
        );
        let p = &r.parts[0];
        assert_eq!(
            (p.rehearsed, p.over, p.simulated),
            (mins(28), mins(8), true)
        );
        assert_eq!(r.drift, mins(8));
        assert!(
            r.to_text()
                .contains("| 1 | S0 **over** | 20m | 28m (simulated turns) | +8m | +8m |")
        );
        assert_eq!(
            r.verdict(),
            "Rehearsed in 58m against 50m planned: 8m over."
        );
        // The live schedule line agrees once it is over.
        let s = schedule(
            log.session(),
            log.state(),
            None,
            crate::core::fixture::t(end),
        );
        assert_eq!(s.drift, mins(8));
    }

    #[test]
    fn a_spread_varies_turns_the_same_way_every_time() {
        let figure = |spread| {
            let mut log = round_log(spread);
            log.start_segment(0, 0).at(60, Event::Run(RunEvent::End));
            report(log.session(), log.state(), &[], crate::core::fixture::t(60)).parts[0].rehearsed
        };
        let spread = figure(20);
        assert_ne!(spread, mins(28));
        assert_eq!(
            spread,
            figure(20),
            "seeded: the same rehearsal, the same figure"
        );
        let (low, high) = (24 * (48 + 10), 24 * (72 + 10));
        assert!((low..=high).contains(&spread.as_secs()), "{spread:?}");
    }

    #[test]
    fn walking_the_turns_by_hand_overrides_the_simulation() {
        use crate::core::person::PersonId;
        use crate::core::round::{Direction, RoundEvent};
        let mut log = round_log(0);
        log.start_segment(0, 0).at(
            5,
            Event::Round(RoundEvent::Start {
                first: PersonId(0),
                direction: Direction::Clockwise,
            }),
        );
        log.at(22 * 60, Event::Run(RunEvent::End));
        let r = report(
            log.session(),
            log.state(),
            &[],
            crate::core::fixture::t(22 * 60),
        );
        assert_eq!(
            (r.parts[0].rehearsed, r.parts[0].simulated),
            (mins(22), false)
        );
        assert_eq!(r.drift, mins(2));
    }

    #[test]
    fn moving_on_early_and_jumping_keep_the_figures_sane() {
        // Clicked through: each segment left a minute in.
        let mut session = log().session().clone();
        session.rehearsal = true;
        let mut log = Log::of(session);
        log.start_segment(0, 0)
            .start_segment(60, 1)
            .start_segment(120, 3) // jumped over S2
            .at(180, Event::Run(RunEvent::End));
        let now = crate::core::fixture::t(180);
        let r = report(log.session(), log.state(), &[], now);
        assert!(!r.finished);
        assert_eq!(r.drift, SignedDuration::ZERO, "no hours 'under'");
        assert!(r.parts.iter().all(|p| !p.over.is_negative()));
        assert_eq!(r.headline(), "Rehearsal stopped: 1 segment never reached.");
        assert!(
            r.verdict().starts_with("Stopped, 3 of 4 segments rehearsed in 3m. With the rest on time the plan takes 2h against 2h planned: on time."),
            "{}",
            r.verdict()
        );
        assert!(
            r.verdict()
                .contains("3 segments were left before their box ran out")
        );
        assert!(
            r.to_text()
                .contains("| 1 | S0 | 30m | 1m (left early) |  | 0s |"),
            "{}",
            r.to_text()
        );
        let s = schedule(log.session(), log.state(), None, now);
        assert_eq!(s.drift, SignedDuration::ZERO);
        // "Rehearsal over" only when every segment really ran.
        let mut log = log_all_run();
        log.at(121 * 60, Event::Run(RunEvent::End));
        let r = report(
            log.session(),
            log.state(),
            &[],
            crate::core::fixture::t(121 * 60),
        );
        assert_eq!(r.headline(), "Rehearsal over: every segment has run.");
    }

    fn log_all_run() -> Log {
        let mut log = log();
        for i in 0..4 {
            log.start_segment(i * 30 * 60, i as u32);
        }
        log
    }
}
