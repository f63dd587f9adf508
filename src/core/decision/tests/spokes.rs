//! A spokes council: delegates give their groups' positions, counted by
//! group; an open mandate makes the position indicative, counted apart,
//! and an adopted proposal leaves a follow-up to ratify it with the group.

use super::*;
use crate::core::breakout::mandate::{self, Mandate};
use crate::core::breakout::plan::{GroupCount, Split};
use crate::core::breakout::{GroupRef, actions as groups, delegate};
use crate::core::decision::rules::Method;
use crate::core::note::NoteKind;

const BREAKOUT: SegmentId = SegmentId(1);
const COUNCIL: SegmentId = SegmentId(2);

fn group(g: u32) -> GroupRef {
    GroupRef {
        breakout: BREAKOUT,
        group: g,
    }
}

/// Nine people in three groups of a breakout (P0-P2, P3-P5, P6-P8 by
/// hand), delegates P0, P3 and P6 (with P7 as Group 3's second), then the
/// spokes council on "Summer hours", in its test phase.
fn council() -> Log {
    let names: Vec<String> = (0..9).map(|i| format!("P{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let kinds = [
        SegmentKind::CheckIn,
        SegmentKind::Breakout,
        SegmentKind::Decision,
    ];
    let mut p = plan(&names, &kinds, None);
    p.segments[1].split = Some(Split::Count(GroupCount::try_from(3).unwrap()));
    p.segments[1].delegates = Some(2);
    p.segments[1].questions = vec!["Summer hours".into()];
    p.segments[2].spokes = true;
    p.segments[2].method = Some(Method::Consensus);
    p.segments[2].prompt = Some("summer hours".into());
    let mut log = Log::new(p);
    for i in 0..9 {
        log.at(1, arrived(i, true));
    }
    log.start_segment(10, 1);
    let ev = groups::form(log.state(), BREAKOUT, t(11)).unwrap();
    log.at(11, ev);
    for person in 0..9 {
        let to = person / 3;
        if let Ok(ev) = groups::move_to(log.state(), BREAKOUT, PersonId(person), Some(to)) {
            log.at(12, ev);
        }
    }
    for (g, d) in [(0, 0), (1, 3), (2, 6), (2, 7)] {
        let ev = delegate::name(log.state(), group(g), PersonId(d)).unwrap();
        log.at(13, ev);
    }
    let ev = mandate::record(
        log.state(),
        group(0),
        "Summer hours",
        Mandate::Imperative("Yes, closing at ten".into()),
    )
    .unwrap();
    log.at(14, ev);
    let ev = mandate::record(log.state(), group(1), "Summer hours", Mandate::Open).unwrap();
    log.at(14, ev);
    log.start_segment(100, 2);
    let ev = actions::propose(COUNCIL, "Close at ten in summer", None).unwrap();
    log.at(101, ev);
    log.at(102, actions::go_to(COUNCIL, Phase::Test).unwrap());
    log
}

fn give(log: &mut Log, given: Given) -> Result<(), super::super::record::Refused> {
    let plan = log.session().plan.clone();
    let ev = actions::mark(log.state(), &plan, COUNCIL, given, t(110))?;
    log.at(110, ev);
    Ok(())
}

/// Group 1 agrees by its mandate, Group 2 agrees indicatively (to ratify
/// by `by`), and the proposal is adopted.
fn adopt(log: &mut Log, by: jiff::civil::Date) {
    give(log, Given::new(PersonId(0), Stance::Agree)).unwrap();
    give(
        log,
        Given::new(PersonId(3), Stance::Agree).indicative("", Some(by)),
    )
    .unwrap();
    let plan = log.session().plan.clone();
    let ev = super::super::record::decide(log.state(), &plan, COUNCIL, Outcome::Adopted, t(130))
        .unwrap();
    log.at(130, ev);
}

fn board(log: &Log) -> Board {
    Board::new(log.state(), &log.session().plan, COUNCIL, t(120)).unwrap()
}

#[test]
fn the_tally_is_by_group_with_open_mandates_counted_apart() {
    let mut log = council();
    let b = board(&log);
    assert!(b.rows.is_empty());
    let names: Vec<&str> = b.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Group 1", "Group 2", "Group 3"]);
    assert!(
        b.rule_lines
            .iter()
            .any(|l| l.starts_with("Counted by group"))
    );
    give(&mut log, Given::new(PersonId(0), Stance::Agree)).unwrap();
    let by = jiff::civil::date(2026, 7, 1);
    give(
        &mut log,
        Given::new(PersonId(3), Stance::Agree).indicative("", Some(by)),
    )
    .unwrap();
    let b = board(&log);
    assert_eq!(b.tally.here, 3);
    assert_eq!(
        b.tally.of(Stance::Agree),
        1,
        "Group 1's mandate is imperative"
    );
    assert_eq!(
        b.tally.indicative,
        [(Stance::Agree, 1)],
        "Group 2's is open"
    );
    assert_eq!(b.tally.no_position, 1);
    assert_eq!(
        b.tally.summary(),
        "1 agree, 1 no position; 3 groups; indicative, to be ratified: 1 agree"
    );
    let g2 = &b.groups[1];
    assert_eq!(g2.indicative.as_ref().unwrap().group, "Group 2");
    assert_eq!(g2.indicative.as_ref().unwrap().by, Some(by));
    assert_eq!(
        b.groups[0].mandate,
        Some(Mandate::Imperative("Yes, closing at ten".into()))
    );
    assert!(b.groups[2].mandate.is_none(), "never discussed: open");
    // Only delegates speak in a spokes council.
    let e = give(&mut log, Given::new(PersonId(1), Stance::Block)).unwrap_err();
    assert!(e.0.starts_with("P1 is not a delegate"), "{}", e.0);
    assert!(b.verdict.carries());
}

#[test]
fn a_pair_speaks_as_one_and_a_block_stops_it() {
    let mut log = council();
    give(&mut log, Given::new(PersonId(6), Stance::Agree)).unwrap();
    give(
        &mut log,
        Given::new(PersonId(7), Stance::StandAside).words("we need more time"),
    )
    .unwrap();
    let b = board(&log);
    assert_eq!(b.groups[2].stance, Some(Stance::StandAside));
    assert_eq!(b.groups[2].by, Some(PersonId(7)));
    assert_eq!(
        b.tally.taken() + b.tally.indicative_total(),
        1,
        "one group, one position"
    );
    // An indicative block is counted apart and does not stop it.
    give(
        &mut log,
        Given::new(PersonId(3), Stance::Block).words("too early"),
    )
    .unwrap();
    assert!(!board(&log).verdict.blocked());
    give(
        &mut log,
        Given::new(PersonId(0), Stance::Block).words("not without the kitchen"),
    )
    .unwrap();
    assert!(board(&log).verdict.blocked());
    assert_eq!(log.state(), &log.replayed());
}

#[test]
fn an_adopted_proposal_leaves_each_indicative_group_a_follow_up_to_ratify() {
    let mut log = council();
    let by = jiff::civil::date(2026, 7, 1);
    give(&mut log, Given::new(PersonId(6), Stance::Agree)).unwrap();
    adopt(&mut log, by);
    let notes: Vec<_> = log.state().notes.all().collect();
    let follow: Vec<_> = notes
        .iter()
        .filter(|n| matches!(n.kind, NoteKind::FollowUp { .. }))
        .collect();
    // Group 2 (open) and Group 3 (no mandate recorded) await their groups.
    assert_eq!(follow.len(), 2);
    assert_eq!(
        follow[0].kind,
        NoteKind::FollowUp {
            who: vec![PersonId(3)],
            with: vec![],
            by: Some(by)
        }
    );
    assert!(
        follow[0]
            .text
            .starts_with("Ratify with Group 2: \"Close at ten in summer\"")
    );
    let decision = notes.iter().find(|n| n.kind == NoteKind::Decision).unwrap();
    assert!(
        decision
            .text
            .contains("Count: 1 agree; 3 groups; indicative, to be ratified: 2 agree."),
        "{}",
        decision.text
    );
    let rec = board(&log).decided.unwrap();
    // In the order the positions were given.
    let awaiting: Vec<&str> = rec.awaiting.iter().map(|a| a.group.as_str()).collect();
    assert_eq!(awaiting, ["Group 3", "Group 2"]);
}

#[test]
fn a_spokes_council_with_no_breakout_before_it_says_so() {
    let mut p = plan(
        &["Ana", "Kim"],
        &[SegmentKind::CheckIn, SegmentKind::Decision],
        None,
    );
    p.segments[1].spokes = true;
    let log = Log::new(p);
    let b = Board::new(log.state(), &log.session().plan, SegmentId(1), t(0)).unwrap();
    assert!(b.flags[0].starts_with("No breakout before this spokes council"));
    assert_eq!(b.tally.here, 0);
}

#[test]
fn the_harvest_lists_the_groups_and_what_awaits_ratification() {
    use crate::core::harvest::{Harvest, Options};
    let mut log = council();
    adopt(&mut log, jiff::civil::date(2026, 7, 1));
    let note =
        groups::group_note(log.state(), group(0), "Closing at ten suits the neighbours").unwrap();
    log.at(131, note);
    let mut private = groups::group_note(log.state(), group(1), "P4 is struggling").unwrap();
    if let Event::Note(crate::core::note::NoteEvent::Added(n)) = &mut private {
        n.visibility = crate::core::note::Visibility::CircleOnly;
    }
    log.at(132, private);
    let h = Harvest::build(log.session(), log.state(), &Options::default(), None);
    let md = h.to_markdown();
    assert!(
        md.contains(
            "## Awaiting ratification\n\n- Group 2 by 2026-07-01: S2 (an indicative agree)\n\n"
        ),
        "{md}"
    );
    assert!(md.contains("- Counted by group: a spokes council"), "{md}");
    assert!(
        md.contains("## Groups\n\n### S1 (3 groups, shuffled)\n"),
        "{md}"
    );
    assert!(md.contains("  - Delegates: P0\n"), "{md}");
    assert!(
        md.contains("  - On Summer hours: imperative mandate: Yes, closing at ten\n"),
        "{md}"
    );
    assert!(md.contains("  - Delegates: P6, P7\n"), "{md}");
    assert!(
        md.contains("Closing at ten suits the neighbours (in S2, Group 1)"),
        "{md}"
    );
    assert!(!md.contains("struggling"), "{md}");
    assert_eq!(h.breakouts[0].groups[0].notes, 1);
    assert_eq!(h.awaiting_ratification[0].group, "Group 2");
}
