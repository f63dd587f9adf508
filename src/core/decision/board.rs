//! Everything a screen shows of a decision, computed in one go from the
//! state, so the screen only draws it and turns keys into events.

use jiff::Timestamp;
use jiff::civil::Date;

use super::phase::{Phase, phase_box};
use super::record::{Outcome, Record, record};
use super::rules::{Method, Rules};
use super::stance::{FALLBACK_STANCES, Indicative, Remark, Settled, Stance};
use super::tally::{Tally, counted, tally, tally_by_group};
use super::verdict::{
    Offer, Verdict, fallback_offer, fallback_verdict, open_objections, open_objections_by_group,
    verdict,
};
use super::{Decision, Test};
use crate::core::breakout::GroupRef;
use crate::core::breakout::mandate::Mandate;
use crate::core::breakout::spokes::spokes;
use crate::core::guide::GuideClock;
use crate::core::note::{NoteId, NoteKind};
use crate::core::person::PersonId;
use crate::core::plan::{Cue, Plan};
use crate::core::run::SegmentId;
use crate::core::state::State;

/// The proposal as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// 1-based version number.
    pub version: usize,
    pub text: String,
    /// Who brought this version, by name.
    pub by: Option<String>,
    pub from_note: Option<NoteId>,
}

/// The test on (or the last one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestView {
    /// 1-based, counting the fallback vote.
    pub number: usize,
    pub fallback: bool,
    pub open: bool,
    pub started: Timestamp,
    /// The version it tests, 1-based.
    pub version: Option<usize>,
}

/// One person counted (or no longer counted) and their position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub person: PersonId,
    pub name: String,
    /// `None`: not asked yet.
    pub stance: Option<Stance>,
    pub text: String,
    pub indicative: Option<Indicative>,
    pub settled: Option<Settled>,
    /// Marked here after the test began: ask them too.
    pub arrived_during: bool,
}

/// One group of a spokes council and the position its delegates gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    pub group: GroupRef,
    pub name: String,
    /// Its delegates now, with their names.
    pub delegates: Vec<(PersonId, String)>,
    /// Its mandate on the question; `None` (never discussed) counts as open.
    pub mandate: Option<Mandate>,
    /// `None`: not heard yet.
    pub stance: Option<Stance>,
    pub text: String,
    /// Set when the mandate was open: counted apart until ratified.
    pub indicative: Option<Indicative>,
    /// The delegate who gave it.
    pub by: Option<PersonId>,
    pub settled: Option<Settled>,
}

/// One bar of the spread: a position and how many took it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub stance: Stance,
    pub label: String,
    pub count: u32,
}

/// A parked topic that could be brought as the proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parked {
    pub note: NoteId,
    pub text: String,
}

/// A decision as a screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub segment: SegmentId,
    pub title: String,
    pub rules: Rules,
    /// Every rule that applies, one line each: the screen states them.
    pub rule_lines: Vec<String>,
    pub phase: Phase,
    /// The phase's own clock against its share of the time box.
    pub clock: GuideClock,
    pub script: Vec<Cue>,
    pub hint: Option<&'static str>,
    pub proposal: Option<Proposal>,
    /// Every version's text, oldest first.
    pub versions: Vec<String>,
    pub test: Option<TestView>,
    /// Tests by the method that did not carry.
    pub failed_tests: u32,
    /// The positions the test on offers, passing last.
    pub stances: Vec<Stance>,
    /// Everyone counted, in seating order (empty in a spokes council).
    pub rows: Vec<Row>,
    /// A spokes council's groups, in group order (else empty).
    pub groups: Vec<GroupRow>,
    /// Positions of people no longer here: shown, never counted.
    pub not_counted: Vec<Row>,
    /// Words given without a name, by their place (for `Who::Remark`).
    pub remarks: Vec<Remark>,
    pub tally: Tally,
    /// The spread, one bar per position (passing aside), for a chart.
    pub spread: Vec<Bar>,
    pub verdict: Verdict,
    /// Open objections (consent).
    pub open_objections: u32,
    /// Signals worth saying aloud: many stand-asides, a late arrival, a
    /// block without its reason, more hands than people, ...
    pub flags: Vec<String>,
    pub offer: Offer,
    /// The outcomes that may be recorded now, by the rule.
    pub outcomes: Vec<Outcome>,
    pub review: Option<Date>,
    /// The record, once an outcome is recorded.
    pub decided: Option<Record>,
    /// Parked topics that could be brought as the proposal.
    pub parked: Vec<Parked>,
}

impl Board {
    /// The board of a segment's decision at `now`; `None` for a segment the
    /// run does not have. Any segment can hold a decision; its rules come
    /// from its plan fields.
    pub fn new(state: &State, plan: &Plan, segment: SegmentId, now: Timestamp) -> Option<Board> {
        let seg = state.run.segment(segment)?;
        let rules = Rules::of(seg);
        let empty = Decision::new(segment);
        let d = state.decisions.get(segment).unwrap_or(&empty);
        let mark = d.phase();
        let clock = GuideClock::new(
            mark.elapsed(&state.run, now),
            phase_box(state.run.time_box(segment), mark.value),
            &plan.warnings_for(seg),
        );
        let name = |id: PersonId| state.people.name(id).to_string();
        let proposal = d.proposal().map(|v| Proposal {
            version: d.versions.len(),
            text: v.text.clone(),
            by: v.by.map(name),
            from_note: v.from_note,
        });
        let blank = Test::new(false, now, None);
        let test = d.tests.last().unwrap_or(&blank);
        let stances = if test.fallback {
            FALLBACK_STANCES.to_vec()
        } else {
            rules.method.stances()
        };
        let spokes = rules.spokes.then(|| spokes(state, segment));
        let spoke_names: Vec<String> = spokes
            .iter()
            .flatten()
            .flatten()
            .map(|s| s.name.clone())
            .collect();
        let (tally, objections) = match spokes {
            Some(_) => (
                tally_by_group(test, &stances, &spoke_names),
                open_objections_by_group(test, &spoke_names),
            ),
            None => (
                tally(test, &stances, &state.people),
                open_objections(test, &state.people),
            ),
        };
        let verdict = if test.fallback {
            fallback_verdict(&rules, &tally)
        } else {
            verdict(&rules, &tally, objections)
        };
        let offer = fallback_offer(&rules, d, verdict);
        let (here, _) = counted(&state.people);
        let arrived = |id: PersonId| {
            state
                .people
                .arrived_at
                .iter()
                .find(|(p, _)| *p == id)
                .map(|(_, at)| *at)
        };
        let row = |id: PersonId| {
            let placed = test.positions.iter().find(|p| p.person == id);
            Row {
                person: id,
                name: name(id),
                stance: placed.map(|p| p.stance),
                text: placed.map(|p| p.text.clone()).unwrap_or_default(),
                indicative: placed.and_then(|p| p.indicative.clone()),
                settled: placed.and_then(|p| p.settled.clone()),
                arrived_during: d.tests.last().is_some()
                    && test.closed.is_none()
                    && placed.is_none()
                    && arrived(id).is_some_and(|at| at > test.started),
            }
        };
        let (rows, not_counted): (Vec<Row>, Vec<Row>) = if rules.spokes {
            (Vec::new(), Vec::new())
        } else {
            (
                here.iter().map(|p| row(p.id)).collect(),
                test.positions
                    .iter()
                    .filter(|p| !here.iter().any(|h| h.id == p.person))
                    .map(|p| row(p.person))
                    .collect(),
            )
        };
        let groups: Vec<GroupRow> = spokes
            .iter()
            .flatten()
            .flatten()
            .map(|s| {
                let placed = test.positions.iter().find(|p| {
                    p.group
                        .as_deref()
                        .is_some_and(|g| g.eq_ignore_ascii_case(&s.name))
                });
                GroupRow {
                    group: s.group,
                    name: s.name.clone(),
                    delegates: s.delegates.iter().map(|d| (*d, name(*d))).collect(),
                    mandate: s.mandate.clone(),
                    stance: placed.map(|p| p.stance),
                    text: placed.map(|p| p.text.clone()).unwrap_or_default(),
                    indicative: placed.and_then(|p| p.indicative.clone()),
                    by: placed.map(|p| p.person),
                    settled: placed.and_then(|p| p.settled.clone()),
                }
            })
            .collect();
        let spread = tally
            .stances
            .iter()
            .map(|(s, n)| Bar {
                stance: *s,
                label: s.label(),
                count: *n,
            })
            .collect();
        let outcomes = outcomes(d, test, verdict);
        let method = rules.method;
        let mut board = Board {
            segment,
            title: seg.title.clone(),
            rule_lines: rules.text(),
            phase: mark.value,
            clock,
            script: mark.value.script(&rules),
            hint: mark.value.hint(),
            proposal,
            versions: d.versions.iter().map(|v| v.text.clone()).collect(),
            test: d.tests.last().map(|t| TestView {
                number: d.tests.len(),
                fallback: t.fallback,
                open: t.closed.is_none(),
                started: t.started,
                version: t.version.map(|v| v + 1),
            }),
            failed_tests: d.failed_tests(),
            stances,
            rows,
            groups,
            not_counted,
            remarks: test.remarks.clone(),
            tally,
            spread,
            verdict,
            open_objections: objections,
            flags: Vec::new(),
            offer,
            outcomes,
            review: d.review,
            decided: record(d, method, rules.fallback),
            parked: parked(state, segment),
            rules,
        };
        board.flags = flags(&board);
        if rules.spokes {
            board
                .flags
                .splice(0..0, spokes_flags(&board, spokes.flatten().is_some()));
        }
        Some(board)
    }

    /// The verdict in a sentence.
    pub fn verdict_line(&self) -> String {
        self.verdict.line()
    }

    /// The fallback's state in a sentence, when the plan has one.
    pub fn offer_line(&self) -> Option<String> {
        self.offer.line(&self.rules)
    }
}

/// The outcomes the rule allows now. Sending back is always possible:
/// a group may decide not to decide today.
fn outcomes(d: &Decision, test: &Test, verdict: Verdict) -> Vec<Outcome> {
    let mut out = Vec::new();
    if d.proposal().is_some() {
        match (test.fallback, verdict) {
            (true, v) if v.carries() => out.push(Outcome::AdoptedByFallback),
            (true, Verdict::Short(_)) => out.push(Outcome::NotAdopted),
            (false, Verdict::Carries { stand_asides: 0 }) => out.push(Outcome::Adopted),
            (false, Verdict::Carries { .. }) => out.push(Outcome::AdoptedWithStandAsides),
            (false, v) if v.blocked() => out.push(Outcome::Blocked),
            _ => {}
        }
    }
    out.push(Outcome::SentBack);
    out
}

/// Parking-lot notes not taken up elsewhere: each could be the proposal.
fn parked(state: &State, segment: SegmentId) -> Vec<Parked> {
    state
        .notes
        .all()
        .filter(|n| match n.kind {
            NoteKind::ParkingLot { moved_to } => moved_to.is_none_or(|m| m == segment),
            _ => false,
        })
        .map(|n| Parked {
            note: n.id,
            text: n.text.clone(),
        })
        .collect()
}

/// What a spokes council should know first: no groups to count, groups
/// with no delegate to speak for them.
fn spokes_flags(b: &Board, breakout: bool) -> Vec<String> {
    if !breakout {
        return vec![
            "No breakout before this spokes council: there are no groups to count.".into(),
        ];
    }
    let silent: Vec<&str> = b
        .groups
        .iter()
        .filter(|g| g.delegates.is_empty())
        .map(|g| g.name.as_str())
        .collect();
    if silent.is_empty() {
        Vec::new()
    } else {
        vec![format!(
            "No delegate named for: {}. Name one on the breakout.",
            silent.join(", ")
        )]
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn flags(b: &Board) -> Vec<String> {
    let mut out = Vec::new();
    let t = &b.tally;
    if t.whole_roster && t.here > 0 {
        out.push(
            "Nobody is marked here: counting the whole roster (mark arrivals on People).".into(),
        );
    }
    if t.over > 0 {
        out.push(format!(
            "{} counted but {} here: count again.",
            plural(t.here + t.over, "hand", "hands"),
            t.here
        ));
    }
    let stand_asides = t.of(Stance::StandAside);
    if let Some(max) = b.rules.stand_asides_max
        && stand_asides > max
    {
        out.push(format!(
            "{}: the group may want to revisit.",
            plural(stand_asides, "stand-aside", "stand-asides")
        ));
    }
    let late: Vec<&str> = b
        .rows
        .iter()
        .filter(|r| r.arrived_during)
        .map(|r| r.name.as_str())
        .collect();
    if !late.is_empty() {
        out.push(format!(
            "Arrived since the test began, not yet asked: {}.",
            late.join(", ")
        ));
    }
    let wordless = b
        .rows
        .iter()
        .map(|r| (r.stance, &r.text))
        .chain(b.groups.iter().map(|g| (g.stance, &g.text)))
        .filter(|(stance, text)| stance.is_some_and(Stance::asks_for_words) && text.is_empty())
        .count()
        + b.remarks.iter().filter(|r| r.text.is_empty()).count();
    if wordless > 0 {
        let n = u32::try_from(wordless).unwrap_or(u32::MAX);
        out.push(format!(
            "{} without {} words yet: ask for {}.",
            plural(
                n,
                "concern, reason or objection",
                "concerns, reasons or objections"
            ),
            if n == 1 { "its" } else { "their" },
            if n == 1 { "it" } else { "them" }
        ));
    }
    if let (Some(test), Some(p)) = (&b.test, &b.proposal)
        && test.open
        && !test.fallback
        && test.version.is_some_and(|v| v < p.version)
    {
        out.push(format!(
            "This test began on version {}; the proposal is now version {}.",
            test.version.unwrap_or(0),
            p.version
        ));
    }
    if t.indicative_total() > 0 {
        out.push(format!(
            "{}: counted apart, to be ratified by their groups.",
            plural(
                t.indicative_total(),
                "indicative position",
                "indicative positions"
            )
        ));
    }
    if !b.not_counted.is_empty() {
        let n = u32::try_from(b.not_counted.len()).unwrap_or(u32::MAX);
        out.push(format!(
            "{} from people no longer here, not counted.",
            plural(n, "position", "positions")
        ));
    }
    let serious = t.of(Stance::Gradient(7));
    if serious > 0 {
        out.push(format!(
            "{}: minute them.",
            plural(serious, "serious disagreement", "serious disagreements")
        ));
    }
    if b.rules.method == Method::Consent && b.verdict.carries() && b.review.is_none() {
        out.push("Set a date to review it: good enough for now, safe enough to try.".into());
    }
    if matches!(b.offer, Offer::Offered) && !b.verdict.carries() {
        out.extend(b.offer_line());
    }
    out
}
