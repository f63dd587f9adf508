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
mod tests;
