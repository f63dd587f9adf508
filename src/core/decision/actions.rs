//! What a facilitator can do in a decision, as plain functions that return
//! the events to log, or say why not. A screen turns a key into one of
//! these and logs what comes back; the rules live here, not in the screen.

use jiff::Timestamp;
use jiff::civil::Date;

use super::board::Board;
use super::phase::Phase;
use super::record::Refused;
use super::stance::{Given, Indicative, Settled, Stance};
use super::verdict::Offer;
use super::{DecisionEvent, Who};
use crate::core::event::Event;
use crate::core::note::{NoteEvent, NoteId, NoteKind};
use crate::core::person::PersonId;
use crate::core::plan::Plan;
use crate::core::round::present;
use crate::core::run::SegmentId;
use crate::core::state::State;

fn ev(e: DecisionEvent) -> Event {
    Event::Decision(e)
}

fn refuse<T>(why: impl Into<String>) -> Result<T, Refused> {
    Err(Refused(why.into()))
}

/// Brings the proposal, typed; a second one is a new version.
pub fn propose(segment: SegmentId, text: &str, by: Option<PersonId>) -> Result<Event, Refused> {
    if text.trim().is_empty() {
        return refuse("the proposal is empty");
    }
    Ok(ev(DecisionEvent::Propose {
        segment,
        text: text.trim().to_string(),
        by,
        from_note: None,
    }))
}

/// Brings a parked topic as the proposal: its text becomes the first
/// version and the parking lot shows it taken up here.
pub fn bring_parked(
    state: &State,
    segment: SegmentId,
    note: NoteId,
    by: Option<PersonId>,
) -> Result<Vec<Event>, Refused> {
    let Some(n) = state.notes.get(note) else {
        return refuse("that note is gone");
    };
    if !matches!(n.kind, NoteKind::ParkingLot { .. }) || n.text.trim().is_empty() {
        return refuse("only a parked topic with words can be brought as the proposal");
    }
    Ok(vec![
        ev(DecisionEvent::Propose {
            segment,
            text: n.text.trim().to_string(),
            by: by.or(n.speaker),
            from_note: Some(note),
        }),
        Event::Note(NoteEvent::TakenUp {
            id: note,
            segment: Some(segment),
        }),
    ])
}

/// A new version of the proposal; the earlier ones are kept.
pub fn amend(
    state: &State,
    segment: SegmentId,
    text: &str,
    by: Option<PersonId>,
) -> Result<Event, Refused> {
    let current = state
        .decisions
        .get(segment)
        .and_then(|d| d.proposal())
        .map(|v| v.text.as_str());
    match current {
        None => refuse("there is no proposal to amend yet"),
        Some(_) if text.trim().is_empty() => refuse("the new version is empty"),
        Some(c) if c == text.trim() => refuse("the new version is the same as the proposal"),
        Some(_) => Ok(ev(DecisionEvent::Amend {
            segment,
            text: text.trim().to_string(),
            by,
        })),
    }
}

/// Steps to the next (or previous) phase; the fallback is opened, never
/// stepped into. `None` at either end.
pub fn step(state: &State, segment: SegmentId, forward: bool) -> Option<Event> {
    let now = state
        .decisions
        .get(segment)
        .map_or(Phase::Proposal, |d| d.phase().value);
    let to = if forward { now.next() } else { now.previous() }?;
    Some(ev(DecisionEvent::Phase { segment, phase: to }))
}

/// Goes straight to a phase (not the fallback: see `open_fallback`).
pub fn go_to(segment: SegmentId, phase: Phase) -> Result<Event, Refused> {
    if phase == Phase::Fallback {
        return refuse("the fallback is opened only when it is offered");
    }
    Ok(ev(DecisionEvent::Phase { segment, phase }))
}

/// Someone's position in the test on. Only people counted can take one,
/// and only a position the test offers.
pub fn mark(
    state: &State,
    plan: &Plan,
    segment: SegmentId,
    given: Given,
    at: Timestamp,
) -> Result<Event, Refused> {
    let board = board(state, plan, segment, at)?;
    if !board.stances.contains(&given.stance) {
        return refuse(format!(
            "{} is not a position in this test",
            given.stance.label()
        ));
    }
    if board.rules.spokes {
        return mark_for_group(state, &board, given);
    }
    if !present(&state.people).iter().any(|p| p.id == given.person) {
        return refuse(format!(
            "{} is not marked here: mark them here on People first",
            state.people.name(given.person)
        ));
    }
    if given
        .indicative
        .as_ref()
        .is_some_and(|i| i.group.trim().is_empty())
    {
        return refuse("an indicative position names the group it speaks for");
    }
    Ok(ev(DecisionEvent::Position {
        segment,
        person: given.person,
        stance: given.stance,
        text: given.text.trim().to_string(),
        indicative: given.indicative,
        group: None,
    }))
}

/// A spokes council: a delegate gives their group's position. It counts
/// for the group when the group's mandate on the question is imperative;
/// otherwise it is indicative, to be ratified by the group (by the date
/// given with it, if any).
fn mark_for_group(state: &State, board: &Board, given: Given) -> Result<Event, Refused> {
    let Some(row) = board
        .groups
        .iter()
        .find(|g| g.delegates.iter().any(|(p, _)| *p == given.person))
    else {
        return refuse(format!(
            "{} is not a delegate: in a spokes council each group speaks through its delegates",
            state.people.name(given.person)
        ));
    };
    let imperative = row.mandate.as_ref().is_some_and(|m| m.is_imperative());
    let indicative = (!imperative && given.stance != Stance::Pass).then(|| Indicative {
        group: row.name.clone(),
        by: given.indicative.and_then(|i| i.by),
    });
    Ok(ev(DecisionEvent::Position {
        segment: board.segment,
        person: given.person,
        stance: given.stance,
        text: given.text.trim().to_string(),
        indicative,
        group: Some(row.name.clone()),
    }))
}

fn board(state: &State, plan: &Plan, segment: SegmentId, at: Timestamp) -> Result<Board, Refused> {
    undecided(state, segment)?;
    Board::new(state, plan, segment, at).ok_or_else(|| Refused("there is no such segment".into()))
}

/// Refuses once an outcome is recorded: what was decided stands until
/// that record is taken back.
pub fn undecided(state: &State, segment: SegmentId) -> Result<(), Refused> {
    match state
        .decisions
        .get(segment)
        .and_then(|d| d.decided.as_ref())
    {
        Some(d) => refuse(format!(
            "already recorded as {}; take that back first to change it",
            d.outcome.label()
        )),
        None => Ok(()),
    }
}

/// Counts only: how many hands or cards showed a stance.
pub fn count(
    state: &State,
    plan: &Plan,
    segment: SegmentId,
    stance: Stance,
    n: u32,
    at: Timestamp,
) -> Result<Event, Refused> {
    let board = board(state, plan, segment, at)?;
    if stance == Stance::Pass || !board.stances.contains(&stance) {
        return refuse(format!("{} is not counted in this test", stance.label()));
    }
    Ok(ev(DecisionEvent::Count {
        segment,
        stance,
        count: n,
    }))
}

/// Words without a name: a concern, a reason, an objection.
pub fn remark(segment: SegmentId, stance: Stance, text: &str) -> Result<Event, Refused> {
    if !stance.asks_for_words() {
        return refuse(format!("{} comes without words", stance.label()));
    }
    Ok(ev(DecisionEvent::Remark {
        segment,
        stance,
        text: text.trim().to_string(),
    }))
}

/// An objection worked: resolved (saying how) or withdrawn.
pub fn settle(segment: SegmentId, who: Who, settled: Settled) -> Event {
    ev(DecisionEvent::Settle {
        segment,
        who,
        settled,
    })
}

/// The test on did not carry: back to amendments (or another phase
/// before the test).
pub fn send_back(state: &State, segment: SegmentId, to: Phase) -> Result<Event, Refused> {
    undecided(state, segment)?;
    if !matches!(
        to,
        Phase::Proposal | Phase::Questions | Phase::Reactions | Phase::Amendments
    ) {
        return refuse("a test is sent back to a phase before it");
    }
    if state
        .decisions
        .get(segment)
        .and_then(|d| d.open_test())
        .is_none()
    {
        return refuse("no test is on");
    }
    Ok(ev(DecisionEvent::SendBack { segment, to }))
}

/// Opens the fallback vote, when the plan agreed one and the set number
/// of tests did not carry.
pub fn open_fallback(
    state: &State,
    plan: &Plan,
    segment: SegmentId,
    at: Timestamp,
) -> Result<Event, Refused> {
    let board = board(state, plan, segment, at)?;
    match board.offer {
        Offer::Offered => Ok(ev(DecisionEvent::OpenFallback { segment })),
        Offer::None => refuse("the plan agreed no fallback for this decision"),
        Offer::Open => refuse("the fallback vote is already on"),
        Offer::After(n) => refuse(format!(
            "the fallback is offered only after {} more test{} that do{} not carry",
            n,
            if n == 1 { "" } else { "s" },
            if n == 1 { "es" } else { "" }
        )),
    }
}

/// Sets (or clears) the date to review the decision.
pub fn review(segment: SegmentId, date: Option<Date>) -> Event {
    ev(DecisionEvent::Review { segment, date })
}

/// "Ana: we open at ten" brought by Ana, when the words before the colon
/// are someone's name (accents and case aside); otherwise the whole text,
/// brought by nobody named.
pub fn bringer<'t>(
    people: &crate::core::person::People,
    text: &'t str,
) -> (Option<PersonId>, &'t str) {
    use crate::core::names::fold;
    if let Some((head, rest)) = text.split_once(':') {
        let head = fold(head.trim());
        if !head.is_empty() && !rest.trim().is_empty() {
            let found = people.all().iter().find(|p| fold(p.name.trim()) == head);
            if let Some(p) = found {
                return (Some(p.id), rest.trim());
            }
        }
    }
    (None, text.trim())
}

/// A review date as typed: "2026-12-01", "+4w" (see `core::due`); empty
/// clears it.
pub fn parse_review(text: &str, today: Date) -> Result<Option<Date>, Refused> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    crate::core::due::parse(t, today).map(Some).map_err(Refused)
}

/// An indicative position's group as typed: "the bakery by 2026-12-01"
/// (the date, when to ratify, may be left out).
pub fn parse_indicative(text: &str, today: Date) -> Result<(String, Option<Date>), Refused> {
    let t = text.trim();
    let by = |d: &str| crate::core::due::parse(d, today).ok();
    let (group, by) = match t.rsplit_once(" by ") {
        Some((g, d)) if by(d).is_some() => (g.trim(), by(d)),
        _ => (t, None),
    };
    if group.is_empty() {
        return refuse("an indicative position names the group it speaks for");
    }
    Ok((group.to_string(), by))
}
