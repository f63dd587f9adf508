//! The decision guide on the Live screen: each phase at 80x24 and 120x40,
//! driven by its keys as a facilitator would, and what those keys log.

mod common;

use circlekeeper::core::decision::board::Board;
use circlekeeper::core::decision::phase::Phase;
use circlekeeper::core::decision::record::Outcome;
use circlekeeper::core::decision::stance::Stance;
use circlekeeper::core::event::Event;
use circlekeeper::core::note::NoteKind;
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::plan::Plan;
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::app::App;
use circlekeeper::tui::screens::live::guide::Big;
use common::screen::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PLAN: &str = r#"(
    title: "Assembly",
    roster: ["Tomás", "美玲", "محمد الأحمد", "प्रिया", "👩🏽‍🦱 Zoë", "Ana", "Kim"],
    segments: [
        (title: "Opening hours", kind: Decision, time: "22m", method: Consensus,
         fallback: Majority("2/3"), after_rounds: 1, quorum: 4, stand_asides_max: 1),
        (title: "Fingers", kind: Decision, time: "10m", method: FistToFive),
        (title: "Counts", kind: Decision, time: "10m", method: Consent, anonymous: true),
        (title: "Tool shelf", kind: Decision, time: "20m", method: Consent, quorum: 4),
        (title: "Gradients", kind: Decision, time: "10m", method: GradientsOfAgreement, quorum: 7,
         script: [(say: "The garden group brings this one.")]),
    ],
)"#;

const SEG: SegmentId = SegmentId(0);

fn plan() -> Plan {
    plan_from_str(std::path::Path::new("assembly.ron"), PLAN).unwrap()
}

/// Six of the seven here (not Kim), the given segment on from 0s.
fn room(segment: u32) -> App {
    let mut events: Vec<(i64, Event)> = (0..6)
        .map(|id| {
            (
                0,
                Event::People(PeopleEvent::Arrived {
                    id: PersonId(id),
                    arrived: true,
                }),
            )
        })
        .collect();
    events.push((0, Event::Run(RunEvent::Start(SegmentId(segment)))));
    app_with(plan(), &events)
}

fn press(app: &mut App, code: KeyCode, secs: i64) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE), at(secs));
}

/// Each character as a key.
fn keys(app: &mut App, keys: &str, secs: i64) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c), secs);
    }
}

fn type_line(app: &mut App, line: &str, secs: i64) {
    keys(app, line, secs);
    press(app, KeyCode::Enter, secs);
}

/// Both sizes of the screen at `secs`, snapshotted under `name`.
fn snap(app: &App, name: &str, secs: i64) -> String {
    let small = text(&draw(app, at(secs), 80, 24));
    insta::assert_snapshot!(format!("{name}_80x24"), small);
    let wide = text(&draw(app, at(secs), 120, 40));
    insta::assert_snapshot!(format!("{name}_120x40"), wide);
    // Odd sizes draw without a panic.
    for (w, h) in [(1, 1), (12, 4), (40, 12), (59, 30), (200, 60)] {
        draw(app, at(secs), w, h);
    }
    small
}

fn board(app: &App) -> Board {
    board_of(app, SEG)
}

fn board_of(app: &App, segment: SegmentId) -> Board {
    Board::new(app.state(), &app.session().plan, segment, at(0)).unwrap()
}

/// Proposal, questions, reactions, amendments: the text versioned, the
/// rules and the phase's words on screen, the phase clock its share.
#[test]
fn proposal_through_amendments() {
    let mut app = room(0);
    let s = snap(&app, "decision_no_proposal", 10);
    assert!(s.contains("No proposal yet"), "{s}");
    assert!(s.contains("One block stops"), "the rule is stated: {s}");

    keys(&mut app, "e", 20);
    type_line(&mut app, "tomas: We open at 10 on summer Saturdays", 20);
    let b = board(&app);
    let p = b.proposal.as_ref().unwrap();
    assert_eq!((p.version, p.by.as_deref()), (1, Some("Tomás")));
    assert_eq!(p.text, "We open at 10 on summer Saturdays");
    snap(&app, "decision_proposal", 60);

    keys(&mut app, "Nu", 120);
    let said = app.flash.clone().unwrap_or_default();
    assert_eq!(said, "undone: the step to clarifying questions");
    keys(&mut app, "N", 120);
    assert_eq!(board(&app).phase, Phase::Questions);
    let s = snap(&app, "decision_questions", 150);
    assert!(s.contains("Questions only for now"), "{s}");

    keys(&mut app, "N", 240);
    let s = snap(&app, "decision_reactions", 300);
    assert!(s.contains("The proposer listens"), "{s}");

    keys(&mut app, "N", 600);
    // e opens on the text as it stands: an amendment edits it.
    keys(&mut app, "e", 610);
    for _ in 0.."Saturdays".chars().count() {
        press(&mut app, KeyCode::Backspace, 610);
    }
    type_line(&mut app, "Saturdays, 美玲 holds the key", 610);
    let b = board(&app);
    assert_eq!(b.versions.len(), 2);
    assert_eq!(
        b.proposal.as_ref().unwrap().text,
        "We open at 10 on summer Saturdays, 美玲 holds the key"
    );
    let said = app.flash.clone().unwrap_or_default();
    assert!(said.contains("version 2"), "{said}");
    let s = snap(&app, "decision_amendments", 660);
    assert!(
        s.contains("was (v1): We open at 10 on summer Saturdays"),
        "{s}"
    );

    // An unchanged text is no new version, and says why.
    keys(&mut app, "e", 670);
    press(&mut app, KeyCode::Enter, 670);
    assert_eq!(board(&app).versions.len(), 2);
    let said = app.flash.clone().unwrap_or_default();
    assert!(said.contains("the same"), "{said}");
}

/// Into the test with a proposal, four phases on.
fn at_test(app: &mut App) {
    keys(app, "e", 20);
    type_line(app, "We open at 10 on summer Saturdays", 20);
    keys(app, "NNNN", 30);
    assert_eq!(board(app).phase, Phase::Test);
}

/// One key per person, round the circle; a block asks for its reason; the
/// verdict reads BLOCKED, large, and the tally counts everyone here.
#[test]
fn a_test_with_a_block_and_a_stand_aside() {
    let mut app = room(0);
    at_test(&mut app);
    keys(&mut app, "AAQ", 40);
    type_line(&mut app, "who holds the key?", 40);
    keys(&mut app, "z", 41);
    type_line(&mut app, "I work Saturdays", 41);
    keys(&mut app, "Z", 42);
    type_line(&mut app, "too early for parents", 42);
    let b = board(&app);
    let stance = |i: u32| {
        b.rows
            .iter()
            .find(|r| r.person == PersonId(i))
            .and_then(|r| r.stance)
    };
    assert_eq!(stance(0), Some(Stance::Agree));
    assert_eq!(stance(2), Some(Stance::Concern));
    assert_eq!(stance(3), Some(Stance::StandAside));
    assert_eq!(stance(4), Some(Stance::Block));
    assert_eq!(stance(5), None, "Ana not asked yet");
    assert_eq!(b.tally.total(), 6, "everyone here, Kim (not here) aside");
    let s = snap(&app, "decision_test_blocked", 60);
    assert!(s.contains("1 block stops adoption."), "{s}");
    assert!(s.contains("too early for parents"), "{s}");
    assert!(s.contains("record: blocked"), "{s}");
    // The undo says whose position it took back.
    keys(&mut app, "u", 61);
    let said = app.flash.clone().unwrap_or_default();
    assert_eq!(said, "undone: 👩🏽\u{200d}🦱 Zoë's position (block)");
    assert_eq!(board(&app).tally.of(Stance::Block), 0);
}

/// The block sends it back; the fallback is offered only after that, and
/// the vote is counted against the agreed share.
#[test]
fn sent_back_then_the_fallback_vote() {
    let mut app = room(0);
    at_test(&mut app);
    keys(&mut app, "*", 40);
    let said = app.flash.clone().unwrap_or_default();
    assert!(said.contains("only after 1 more test"), "{said}");
    keys(&mut app, "Z", 41);
    type_line(&mut app, "too early", 41);
    keys(&mut app, "U", 42);
    assert_eq!(board(&app).phase, Phase::Amendments);
    let s = snap(&app, "decision_sent_back", 60);
    assert!(s.contains("Test 1 on v1: sent back"), "{s}");
    keys(&mut app, "N", 70);
    keys(&mut app, "*", 71);
    let b = board(&app);
    assert_eq!(b.phase, Phase::Fallback);
    assert_eq!(b.stances, [Stance::Yes, Stance::No, Stance::Pass]);
    keys(&mut app, "AAAAZ", 80);
    let s = snap(&app, "decision_fallback", 90);
    assert!(s.contains("Fallback vote (a two-thirds majority)"), "{s}");
    assert!(s.contains("record: adopted by fallback"), "{s}");
    keys(&mut app, ":", 95);
    press(&mut app, KeyCode::Enter, 95);
    let d = board(&app).decided.unwrap();
    assert_eq!(d.outcome, Outcome::AdoptedByFallback);
    assert_eq!(d.count.of(Stance::Yes), 4);
}

/// Recorded: the outcome large, the text and its earlier version, the
/// words minuted; a Decision note reaches the notes; undo takes it back.
#[test]
fn adoption_is_recorded_as_a_decision_note() {
    let mut app = room(0);
    at_test(&mut app);
    keys(&mut app, "AAAAAp", 41);
    keys(&mut app, "v", 43);
    assert_eq!(app.views.live.guide.big, Some(Big::Decision));
    let big = text(&draw(&app, at(43), 120, 40));
    insta::assert_snapshot!("decision_tally_large_120x40", big);
    assert!(big.contains("Carries: it can be adopted."), "{big}");
    keys(&mut app, "v", 44);
    keys(&mut app, ":", 45);
    type_line(&mut app, "2027-03-01", 45);
    let said = app.flash.clone().unwrap_or_default();
    assert!(said.starts_with("recorded: adopted"), "{said}");
    let s = snap(&app, "decision_outcome", 60);
    assert!(s.contains("Adopted (consensus)"), "{s}");
    assert!(s.contains("Review by 2027-03-01."), "{s}");
    let notes: Vec<_> = app
        .state()
        .notes
        .all()
        .filter(|n| n.kind == NoteKind::Decision)
        .map(|n| n.text.clone())
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].starts_with("Adopted (consensus): We open at 10"),
        "{notes:?}"
    );
    assert!(
        notes[0].contains("5 agree, 1 no position; 6 here"),
        "{notes:?}"
    );
    keys(&mut app, ":", 65);
    let said = app.flash.clone().unwrap_or_default();
    assert!(said.starts_with("already recorded as adopted"), "{said}");
    keys(&mut app, "u", 70);
    assert_eq!(
        app.flash.clone().unwrap_or_default(),
        "undone: the decision (adopted)"
    );
    assert!(app.state().notes.all().next().is_none());
}

/// Fist to five: the digits give the fingers; the spread is a chart; a
/// digit outside the test keeps its meaning (a screen).
#[test]
fn fist_to_five_takes_digits() {
    let mut app = room(1);
    keys(&mut app, "NNNN", 10);
    keys(&mut app, "54329", 20);
    let said = app.flash.clone().unwrap_or_default();
    assert!(said.contains("0 to 5"), "{said}");
    keys(&mut app, "A", 21);
    let said = app.flash.clone().unwrap_or_default();
    assert!(said.contains("digits 0 to 5"), "{said}");
    let b = board_of(&app, SegmentId(1));
    assert_eq!(b.tally.of(Stance::Fingers(5)), 1);
    assert_eq!(b.tally.of(Stance::Fingers(2)), 1);
    let s = snap(&app, "decision_fist_to_five", 30);
    assert!(s.contains("1 at 2 or below"), "{s}");
    // Behind the help, a digit is no position.
    keys(&mut app, "?1", 22);
    assert_eq!(board_of(&app, SegmentId(1)).tally.of(Stance::Fingers(1)), 0);
    keys(&mut app, "?", 22);
    keys(&mut app, "N", 40); // to the outcome: digits are screens again
    keys(&mut app, "6", 41);
    assert_eq!(app.screen, circlekeeper::tui::app::Screen::People);
}

/// Counts only: a key asks how many hands; objections without names.
#[test]
fn counts_only_for_a_show_of_cards() {
    let mut app = room(2);
    keys(&mut app, "NNNN", 10);
    keys(&mut app, "A", 20);
    press(&mut app, KeyCode::Backspace, 20);
    type_line(&mut app, "5", 20);
    keys(&mut app, "Z", 21);
    press(&mut app, KeyCode::Backspace, 21);
    type_line(&mut app, "1", 21);
    let b = board_of(&app, SegmentId(2));
    assert_eq!(b.tally.of(Stance::Consent), 5);
    assert_eq!(b.open_objections, 1);
    let s = snap(&app, "decision_counts_only", 30);
    assert!(s.contains("Counts only"), "{s}");
    assert!(s.contains("1 objection still open"), "{s}");
}

/// Consent: an objection with its words, worked until resolved; an
/// indicative position for a group; someone arriving mid-test is asked.
#[test]
fn an_objection_worked_and_an_indicative_position() {
    let mut app = room(3);
    keys(&mut app, "e", 5);
    type_line(&mut app, "Try a shared tool shelf for three months", 5);
    keys(&mut app, "NNNN", 10);
    keys(&mut app, "AZ", 20);
    type_line(&mut app, "who repairs broken tools?", 20);
    keys(&mut app, "AA", 21);
    keys(&mut app, "k", 22);
    keys(&mut app, "@", 22);
    type_line(&mut app, "the bakery by 2026-12-20", 22);
    // Kim walks in during the test: marked here on People.
    keys(&mut app, "6jjjjjjh2", 23);
    let s = snap(&app, "decision_objection_open", 30);
    assert!(s.contains("1 objection still open"), "{s}");
    assert!(s.contains("just arrived: ask"), "{s}");
    assert!(s.contains("(for the bakery)"), "{s}");
    keys(&mut app, "kkkx", 31);
    type_line(&mut app, "the tool group repairs them", 31);
    keys(&mut app, "jjjjjA", 32); // Kim, at the bottom
    keys(&mut app, ":", 34);
    type_line(&mut app, "2027-02-28", 34);
    let b = board_of(&app, SegmentId(3));
    assert_eq!(b.open_objections, 0);
    assert_eq!(b.tally.here, 7);
    assert_eq!(b.tally.indicative_total(), 1);
    let s = snap(&app, "decision_objection_resolved", 40);
    assert!(s.contains("resolved: the tool group"), "{s}");
    assert!(s.contains("for the bakery by"), "{s}");
    let follow_ups = app
        .state()
        .notes
        .all()
        .filter(|n| matches!(n.kind, NoteKind::FollowUp { .. }))
        .count();
    assert_eq!(follow_ups, 1, "ratify with the bakery");
}

/// Gradients of agreement: the digits 1 to 8, the chart, a veto; below
/// the quorum nothing carries, whatever the chart says.
#[test]
fn gradients_take_1_to_8_and_the_quorum_holds() {
    let mut app = room(4);
    let s = text(&draw(&app, at(5), 120, 40));
    assert!(s.contains("Quorum 7: nothing can be decided yet."), "{s}");
    assert!(
        s.contains("The garden group brings this one."),
        "the plan's lines: {s}"
    );
    keys(&mut app, "NNNN", 10);
    keys(&mut app, "0", 20);
    assert!(
        app.flash
            .clone()
            .unwrap_or_default()
            .contains("1 (full endorsement)")
    );
    keys(&mut app, "1238", 21);
    let b = board_of(&app, SegmentId(4));
    assert_eq!(b.tally.of(Stance::Gradient(8)), 1);
    assert_eq!(b.tally.of(Stance::Gradient(1)), 1);
    let s = text(&draw(&app, at(30), 80, 24));
    assert!(
        s.contains("NO QUORUM") || s.contains("No quorum: 6 here, 7 needed"),
        "{s}"
    );
    assert!(s.contains("8 veto"), "the chart names each gradient: {s}");
    // Every phase draws at any size without a panic, large view too.
    for size in [(1, 1), (20, 5), (40, 12), (80, 24), (200, 60)] {
        for big in [false, true] {
            if big != (app.views.live.guide.big == Some(Big::Decision)) {
                keys(&mut app, "v", 31);
            }
            draw(&app, at(31), size.0, size.1);
        }
    }
}

const SPOKES: &str = r#"(
    title: "Assembly",
    roster: ["Tomás", "美玲", "محمد الأحمد", "प्रिया", "Ana", "Kim"],
    segments: [
        (title: "Groups", kind: Breakout, time: "20m", questions: ["Summer hours"]),
        (title: "Council", kind: Decision, time: "20m", method: Consensus, spokes: true,
         prompt: "summer hours"),
    ],
)"#;

/// Two groups of three with a delegate each; Rent gave its delegate a
/// mandate, Tools left it open. The council is in its test.
fn council() -> App {
    council_of(SPOKES)
}

fn council_of(plan_text: &str) -> App {
    use circlekeeper::core::breakout::mandate::Mandate;
    use circlekeeper::core::breakout::{BreakoutEvent, Formed};
    use circlekeeper::core::decision::actions;
    let plan = plan_from_str(std::path::Path::new("spokes.ron"), plan_text).unwrap();
    let groups = SegmentId(0);
    let council = SegmentId(1);
    let mut events: Vec<(i64, Event)> = (0..6)
        .map(|id| {
            (
                0,
                Event::People(PeopleEvent::Arrived {
                    id: PersonId(id),
                    arrived: true,
                }),
            )
        })
        .collect();
    let formed = |name: &str, people: [u32; 3]| Formed {
        name: name.into(),
        people: people.map(PersonId).to_vec(),
        question: None,
        place: None,
    };
    events.extend([
        (0, Event::Run(RunEvent::Start(groups))),
        (
            1,
            Event::Breakout(BreakoutEvent::Formed {
                segment: groups,
                groups: vec![formed("Rent", [0, 1, 2]), formed("Tools", [3, 4, 5])],
            }),
        ),
        (
            2,
            Event::Breakout(BreakoutEvent::Delegate {
                segment: groups,
                group: 0,
                person: PersonId(1),
            }),
        ),
        (
            2,
            Event::Breakout(BreakoutEvent::Delegate {
                segment: groups,
                group: 1,
                person: PersonId(3),
            }),
        ),
        (
            3,
            Event::Breakout(BreakoutEvent::Mandate {
                segment: groups,
                group: 0,
                question: "Summer hours".into(),
                mandate: Mandate::Imperative("Yes, closing at ten".into()),
            }),
        ),
        (600, Event::Run(RunEvent::Start(council))),
        (
            601,
            actions::propose(council, "Close at ten in summer", None).unwrap(),
        ),
        (602, actions::go_to(council, Phase::Test).unwrap()),
    ]);
    app_with(plan, &events)
}

#[test]
fn a_spokes_council_takes_each_groups_position_from_its_delegate() {
    let mut app = council();
    let before = text(&draw(&app, at(610), 80, 24));
    assert!(before.contains("Rent"), "{before}");
    assert!(before.contains("not heard yet"), "{before}");
    // One key per group: Rent's delegate agrees for it, and the cursor
    // moves on to Tools.
    keys(&mut app, "A", 611);
    let board = board_of(&app, SegmentId(1));
    assert_eq!(board.groups[0].stance, Some(Stance::Agree));
    assert_eq!(board.groups[0].by, Some(PersonId(1)));
    assert_eq!(board.groups[1].stance, None);
    keys(&mut app, "A", 612);
    let board = board_of(&app, SegmentId(1));
    assert_eq!(board.groups[1].by, Some(PersonId(3)));
    snap(&app, "decision_spokes_council", 613);
}

/// A digit is the first key of a new decision segment: it gives the first
/// person's position, not the row the cursor had in the segment before.
#[test]
fn a_digit_in_a_new_segment_starts_from_the_first_person() {
    let mut app = room(0);
    // In the test of the first decision, the cursor down on the fourth person.
    keys(&mut app, "NNNNjjj", 5);
    app.timeline
        .record(at(6), Event::Run(RunEvent::Start(SegmentId(1))));
    for _ in 0..4 {
        let step = circlekeeper::core::decision::actions::step(app.state(), SegmentId(1), true)
            .expect("a phase ahead");
        app.timeline.record(at(7), step);
    }
    keys(&mut app, "5", 10);
    let b = board_of(&app, SegmentId(1));
    assert_eq!(b.tally.of(Stance::Fingers(5)), 1);
    assert_eq!(b.rows[0].stance, Some(Stance::Fingers(5)), "{:?}", b.rows);
}

/// In a spokes council the cursor is on a group: enter edits the words of
/// its position and x works its objection, as for a person.
#[test]
fn a_spokes_councils_objection_is_worked_and_its_words_edited() {
    let mut app = council_of(&SPOKES.replace("method: Consensus", "method: Consent"));
    // Rent objects, through its delegate, with its reason.
    keys(&mut app, "Z", 611);
    type_line(&mut app, "too late for families", 611);
    let board = board_of(&app, SegmentId(1));
    assert_eq!(board.groups[0].stance, Some(Stance::Objection));
    assert_eq!(board.groups[0].text, "too late for families");
    // Back on Rent: enter offers its words to change.
    keys(&mut app, "k", 612);
    press(&mut app, KeyCode::Enter, 612);
    keys(&mut app, ", on weekdays", 612);
    press(&mut app, KeyCode::Enter, 612);
    let board = board_of(&app, SegmentId(1));
    assert_eq!(board.groups[0].text, "too late for families, on weekdays");
    // x works it: resolved with how.
    keys(&mut app, "kx", 613);
    type_line(&mut app, "ten on weekends only", 613);
    let board = board_of(&app, SegmentId(1));
    assert!(board.groups[0].settled.is_some(), "{:?}", board.groups[0]);
    // And the group's row says so, as a person's does.
    let screen = text(&draw(&app, at(614), 120, 40));
    assert!(screen.contains("objection · resolved: ten on"), "{screen}");
}
