//! Days of a gathering and the anchors that fix a segment to a clock time.
//!
//! A gathering of several days is written as `days: [(title: "Friday", date:
//! "2027-05-14", start: "18:30", segments: [...]), ...]`; a plan without days
//! is one day, which a segment anchored to another weekday (`at: "Sat
//! 09:00"`) splits. Each day begins at its own time, and an anchored segment
//! begins at its anchor whatever came before: drift belongs to a day and
//! stops at an anchor.
//!
//! In memory the plan keeps one flat list of segments (every other part of
//! the program numbers segments by it); each `Day` says how many of them are
//! its own. The file form nests them, and `PlanFile` converts.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use jiff::SignedDuration;
use jiff::civil::{Date, Time, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::plan::{Plan, Segment};
use super::run::SegmentId;
use super::validate::Problem;

/// A fixed clock time for a segment: "12:30" on its own day, or "Sat 09:00"
/// (in a plan without days) on the next Saturday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Anchor {
    pub weekday: Option<Weekday>,
    pub time: Time,
}

impl Anchor {
    /// Reads "09:00", "9:30", "Sat 09:00" or "Saturday 09:00".
    pub fn parse(text: &str) -> Result<Anchor, String> {
        let bad = || {
            format!(
                "{text:?} is not an anchor (write a clock time like \"09:00\", or a weekday \
                 and a time like \"Sat 09:00\")"
            )
        };
        let mut words = text.split_whitespace();
        let (day, clock) = match (words.next(), words.next(), words.next()) {
            (Some(clock), None, None) => (None, clock),
            (Some(day), Some(clock), None) => (Some(weekday(day).ok_or_else(bad)?), clock),
            _ => return Err(bad()),
        };
        Ok(Anchor {
            weekday: day,
            time: clock_time(clock).ok_or_else(bad)?,
        })
    }

    /// "Sat 09:00" or "12:30", as written in plans.
    pub fn label(&self) -> String {
        let time = self.time.strftime("%H:%M");
        match self.weekday {
            Some(d) => format!("{} {time}", short_weekday(d)),
            None => time.to_string(),
        }
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl Serialize for Anchor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.label())
    }
}

impl<'de> Deserialize<'de> for Anchor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Anchor, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Anchor;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an anchor in quotes, like \"09:00\" or \"Sat 09:00\"")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Anchor, E> {
                Anchor::parse(text).map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// "9:00" or "09:00" to a time of day.
fn clock_time(text: &str) -> Option<Time> {
    let (h, m) = text.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    Time::new(h, m, 0, 0).ok()
}

/// "sat", "Saturday" (any case) to a weekday; English names.
pub fn weekday(text: &str) -> Option<Weekday> {
    let t = text.trim().to_lowercase();
    let days = [
        ("monday", Weekday::Monday),
        ("tuesday", Weekday::Tuesday),
        ("wednesday", Weekday::Wednesday),
        ("thursday", Weekday::Thursday),
        ("friday", Weekday::Friday),
        ("saturday", Weekday::Saturday),
        ("sunday", Weekday::Sunday),
    ];
    days.iter()
        .find(|(name, _)| t.len() >= 3 && name.starts_with(&t))
        .map(|(_, d)| *d)
}

pub fn short_weekday(d: Weekday) -> &'static str {
    &weekday_name(d)[..3]
}

pub fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// One day of a gathering, as the plan holds it: its segments are the
/// `len` that follow the days before it in `Plan::segments`.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub title: String,
    pub date: Option<Date>,
    /// When the day begins; every day after the first must say.
    pub start: Option<Time>,
    /// The time the day has, to check it fits.
    pub slot: Option<SignedDuration>,
    /// Who holds which role this day, when decided beforehand.
    pub holders: BTreeMap<String, String>,
    pub len: usize,
}

/// Where each day's segments sit in a plan's flat list.
pub fn ranges(days: &[Day]) -> Vec<Range<usize>> {
    let mut at = 0usize;
    days.iter()
        .map(|d| {
            let r = at..at.saturating_add(d.len);
            at = r.end;
            r
        })
        .collect()
}

/// A day as the plan lays it out: written in `days`, or one of the days a
/// plan without them falls into at its weekday anchors.
#[derive(Debug, Clone, PartialEq)]
pub struct DayPlan {
    pub title: String,
    /// The date when the plan gives it (or it follows from an earlier one).
    pub date: Option<Date>,
    /// The weekday an anchor named, when the date is not known.
    pub weekday: Option<Weekday>,
    pub start: Option<Time>,
    pub slot: Option<SignedDuration>,
    pub holders: BTreeMap<String, String>,
    /// Indices into `Plan::segments`.
    pub segments: Range<usize>,
}

impl DayPlan {
    /// "Saturday 2027-05-15" or "Saturday".
    pub fn heading(&self) -> String {
        match self.date {
            Some(d) if !self.title.contains(&d.to_string()) => format!("{} {d}", self.title),
            _ => self.title.clone(),
        }
    }
}

/// The plan's days in order. A plan without `days` is one day, split where
/// a segment is anchored to another weekday.
pub fn layout(plan: &Plan) -> Vec<DayPlan> {
    if !plan.days.is_empty() {
        let mut out: Vec<DayPlan> = Vec::new();
        for (k, (day, range)) in plan.days.iter().zip(ranges(&plan.days)).enumerate() {
            let date = day
                .date
                .or(if k == 0 { plan.date } else { None })
                .or_else(|| out.last()?.date?.tomorrow().ok());
            let mut holders = plan.holders.clone();
            holders.extend(day.holders.clone());
            out.push(DayPlan {
                title: day.title.clone(),
                date,
                weekday: None,
                start: day
                    .start
                    .or(if k == 0 { plan.start } else { None })
                    .or_else(|| plan.segments.get(range.start)?.at.map(|a| a.time)),
                slot: day.slot,
                holders,
                segments: range.start.min(plan.segments.len())..range.end.min(plan.segments.len()),
            });
        }
        return out;
    }
    let first = DayPlan {
        title: plan
            .date
            .map_or("Day 1".to_string(), |d| weekday_name(d.weekday()).into()),
        date: plan.date,
        weekday: plan.date.map(|d| d.weekday()),
        start: plan.start,
        slot: plan.slot,
        holders: plan.holders.clone(),
        segments: 0..0,
    };
    let mut out = vec![first];
    for (i, s) in plan.segments.iter().enumerate() {
        let here = out.last_mut().expect("one day at least");
        if i == 0
            && let Some(a) = s.at
        {
            // An anchored first segment says when (and which day) it begins.
            here.start = here.start.or(Some(a.time));
            if let (None, Some(w)) = (here.weekday, a.weekday) {
                here.weekday = Some(w);
                here.title = weekday_name(w).into();
            }
        }
        let new_day = match s.at.and_then(|a| a.weekday) {
            Some(w) => i > 0 && here.weekday != Some(w),
            None => false,
        };
        if new_day {
            let anchor = s.at.expect("a weekday anchor");
            let w = anchor.weekday.expect("a weekday");
            let date = here.date.map(|d| next_weekday(d, w));
            let (holders, slot) = (plan.holders.clone(), None);
            out.push(DayPlan {
                title: weekday_name(w).into(),
                date,
                weekday: Some(w),
                start: Some(anchor.time),
                slot,
                holders,
                segments: i..i + 1,
            });
        } else {
            here.segments.end = i + 1;
        }
    }
    out
}

/// The first date after `from` on weekday `w` (a week on if `from` is one).
pub fn next_weekday(from: Date, w: Weekday) -> Date {
    let ahead = i64::from(w.since(from.weekday()));
    let ahead = if ahead == 0 { 7 } else { ahead };
    from.checked_add(jiff::Span::new().days(ahead))
        .unwrap_or(from)
}

/// The day (index into `layout`) of the plan segment at `index`.
pub fn day_of(days: &[DayPlan], index: usize) -> usize {
    days.iter()
        .position(|d| d.segments.contains(&index))
        .unwrap_or(days.len().saturating_sub(1))
}

/// The day of each segment in a running order: a plan segment's own, and
/// for one added during the run, the day of the plan segment before it.
pub fn days_in_order(days: &[DayPlan], order: &[SegmentId], planned: usize) -> Vec<usize> {
    let mut day = 0;
    order
        .iter()
        .map(|id| {
            let i = id.0 as usize;
            if i < planned {
                day = day_of(days, i);
            }
            day
        })
        .collect()
}

/// A day found by what a facilitator types: its title ("saturday", any
/// case), its number (1-based) or its date. The error lists the days.
pub fn find(days: &[DayPlan], wanted: &str) -> Result<usize, String> {
    let w = wanted.trim().to_lowercase();
    let by_title = days.iter().position(|d| d.title.trim().to_lowercase() == w);
    let by_number = w
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=days.len()).contains(n))
        .map(|n| n - 1);
    let by_date = days
        .iter()
        .position(|d| d.date.is_some_and(|date| date.to_string() == w));
    let by_weekday = weekday(&w).and_then(|wd| {
        days.iter()
            .position(|d| d.weekday == Some(wd) || d.date.is_some_and(|date| date.weekday() == wd))
    });
    by_title
        .or(by_number)
        .or(by_date)
        .or(by_weekday)
        .ok_or_else(|| {
            let names: Vec<String> = days
                .iter()
                .enumerate()
                .map(|(i, d)| format!("{} ({})", d.title, i + 1))
                .collect();
            format!(
                "no day {wanted:?} in this plan; its days are {}",
                names.join(", ")
            )
        })
}

/// One segment's place in its day as planned: how long after the day's
/// start it begins, and whether an anchor fixes it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub index: usize,
    pub offset: SignedDuration,
    /// Begins at a fixed time: its anchor, or its day's start.
    pub anchored: bool,
    /// Planned time from the segments before it, when that runs past the
    /// anchor: the plan itself overruns the anchor by this much.
    pub squeezed: SignedDuration,
}

/// A day's planned times, as offsets from its start.
#[derive(Debug, Clone, PartialEq)]
pub struct Timetable {
    pub day: DayPlan,
    pub slots: Vec<Slot>,
    /// When the last segment ends, after the day's start.
    pub length: SignedDuration,
}

/// Every day's planned times. An anchor begins its segment at the anchor
/// (the day's start taken as its own time of day; an anchor earlier than the
/// start is past midnight). A day with no start has no anchors to keep.
pub fn timetables(plan: &Plan) -> Vec<Timetable> {
    layout(plan)
        .into_iter()
        .map(|day| {
            let mut cursor = SignedDuration::ZERO;
            let mut slots = Vec::new();
            for index in day.segments.clone() {
                let s = &plan.segments[index];
                let anchor = anchor_offset(&day, s);
                let offset = anchor.unwrap_or(cursor);
                // A day's first segment is held to the day's start too.
                let opens = index == day.segments.start && day.start.is_some();
                slots.push(Slot {
                    index,
                    offset,
                    anchored: anchor.is_some() || opens,
                    squeezed: cursor.saturating_sub(offset).max(SignedDuration::ZERO),
                });
                cursor = offset.saturating_add(s.time);
            }
            Timetable {
                day,
                slots,
                length: cursor,
            }
        })
        .collect()
}

/// How long after its day's start an anchored segment begins.
fn anchor_offset(day: &DayPlan, s: &Segment) -> Option<SignedDuration> {
    let at = s.at?;
    let start = day.start?;
    let secs = |t: Time| i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60;
    let off = (secs(at.time) - secs(start)).rem_euclid(24 * 3600);
    Some(SignedDuration::from_secs(off))
}

/// What makes a plan's days or anchors unusable: a day without segments or
/// (after the first) without a start, dates that go backwards, a weekday
/// anchor inside a day (the day gives the date), an anchor with no start
/// to count from.
pub fn problems(plan: &Plan) -> Vec<Problem> {
    let mut out = Vec::new();
    let day_problem = |out: &mut Vec<Problem>, k: usize, title: &str, message: String| {
        out.push(Problem {
            segment: None,
            day: Some((k + 1, title.to_string())),
            message,
            at: None,
        })
    };
    let mut last_date: Option<Date> = None;
    for (k, d) in plan.days.iter().enumerate() {
        if d.title.trim().is_empty() {
            day_problem(&mut out, k, &d.title, "the title is empty".into());
        }
        if d.len == 0 {
            day_problem(&mut out, k, &d.title, "the day has no segments".into());
        }
        if k > 0 && d.start.is_none() {
            day_problem(
                &mut out,
                k,
                &d.title,
                "every day after the first needs a `start` (each morning begins at its own time)"
                    .into(),
            );
        }
        if let Some(slot) = d.slot {
            out.extend(
                super::validate::check_length("the slot", slot, SignedDuration::from_hours(24))
                    .map(|m| Problem {
                        segment: None,
                        day: Some((k + 1, d.title.clone())),
                        message: m,
                        at: None,
                    }),
            );
        }
        if let (Some(before), Some(date)) = (last_date, d.date)
            && date <= before
        {
            day_problem(
                &mut out,
                k,
                &d.title,
                format!("the date {date} is not after the day before's ({before})"),
            );
        }
        last_date = d.date.or(last_date);
    }
    let days = layout(plan);
    for (i, s) in plan.segments.iter().enumerate() {
        let Some(at) = s.at else { continue };
        let seg = |message: String| Problem {
            segment: Some((i + 1, s.title.clone())),
            day: None,
            message,
            at: None,
        };
        if !plan.days.is_empty() && at.weekday.is_some() {
            out.push(seg(format!(
                "inside a day, `at` is a clock time (the day gives the date): write \"{}\"",
                at.time.strftime("%H:%M")
            )));
        } else if days[day_of(&days, i)].start.is_none() {
            out.push(seg(
                "an anchor needs a time to count from: give the plan (or the day) a `start`".into(),
            ));
        }
    }
    out
}

impl Plan {
    /// The plan cut to one day (an index into `layout`): that day's segments,
    /// with the day's date, start and slot as the plan's. A session of one
    /// day of a gathering runs this.
    pub fn only_day(&self, day: usize) -> Option<Plan> {
        let days = layout(self);
        let d = days.get(day)?;
        let segments = self.segments[d.segments.clone()].to_vec();
        let mut plan = self.clone();
        plan.date = d.date;
        plan.start = d.start;
        plan.slot = d.slot;
        plan.holders = d.holders.clone();
        plan.days = if self.days.is_empty() {
            Vec::new()
        } else {
            let mut one = self.days[day].clone();
            one.len = segments.len();
            one.holders.clear();
            vec![one]
        };
        // The first segment's weekday anchor is now the day's start.
        let mut segments = segments;
        if let Some(first) = segments.first_mut()
            && first.at.is_some_and(|a| a.weekday.is_some())
        {
            first.at = None;
        }
        plan.segments = segments;
        Some(plan)
    }

    /// Whether the plan runs over more than one day.
    pub fn has_days(&self) -> bool {
        layout(self).len() > 1
    }
}

mod file;

pub use file::{BOTH_LISTS, DayFile, PlanFile};

#[cfg(test)]
pub(crate) mod tests;
