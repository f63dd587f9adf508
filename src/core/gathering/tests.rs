use jiff::SignedDuration;
use jiff::tz::TimeZone;

use super::carry::carry;
use super::derive::derive;
use super::*;
use crate::core::event::Event;
use crate::core::fixture::{Log, plan, t};
use crate::core::guide::GuideEvent;
use crate::core::guide::icebreaker::{crews_now, form_groups, seed};
use crate::core::note::{Note, NoteEvent, NoteId, NoteKind};
use crate::core::person::{PeopleEvent, Person};
use crate::core::plan::{Exercise, GroupFormat, Plan, Segment, SegmentKind};
use crate::core::roles::actions::assign;
use crate::core::roles::board::suggest;
use crate::core::run::{RunEvent, SegmentId};
use crate::core::session::Session;
use crate::core::stack::{Jump, Reach, StackEvent};

const NAMES: [&str; 7] = ["Ana", "Kim", "Bo", "Cy", "Dov", "Eli", "Fay"];

/// A Tuesday circle: a check-in, crews, an open floor.
fn tuesday() -> Plan {
    let mut p = plan(
        &NAMES,
        &[
            SegmentKind::CheckIn,
            SegmentKind::Custom,
            SegmentKind::OpenFloor,
        ],
        None,
    );
    p.gathering = Some("tuesdays".into());
    p.segments[0].prompt = Some("How are you arriving?".into());
    p.segments[1] = Segment::new(
        "Crews",
        SegmentKind::IcebreakerSequence,
        SignedDuration::from_mins(30),
    );
    p.segments[1].steps = vec![Exercise {
        title: "Crews".into(),
        format: GroupFormat::Circles(3),
        intimacy: 2,
        time: SignedDuration::from_mins(30),
        script: vec![],
        activity: None,
        nesting: None,
    }];
    p
}

fn form_crews(log: &mut Log, secs: i64) -> Vec<Vec<PersonId>> {
    let s = SegmentId(1);
    let seg = log.state().run.segment(s).unwrap().clone();
    let (groups, crews) = form_groups(
        &log.state().people,
        &log.state().guides,
        s,
        &seg,
        0,
        seed(t(secs)),
    )
    .unwrap();
    assert!(crews);
    log.at(
        secs,
        Event::Guide(GuideEvent::GroupsFormed {
            segment: s,
            step: 0,
            groups: groups.clone(),
            crews,
        }),
    );
    groups
}

fn speak(log: &mut Log, secs: i64, person: u32, for_secs: i64) {
    log.at(
        secs,
        Event::Stack(StackEvent::Add {
            person: PersonId(person),
            jump: Jump::NoJump,
        }),
    )
    .at(secs, Event::Stack(StackEvent::Next))
    .at(secs + for_secs, Event::Stack(StackEvent::EndTurn));
}

/// The first Tuesday: Fay stays home; crews of three; Kim keeps time; Ana
/// speaks twice, Kim once; a follow-up is noted in the circle.
fn first() -> Session {
    let mut log = Log::new(tuesday());
    log.arrive(1, &[0, 1, 2, 3, 4, 5]);
    log.start_segment(10, 0);
    let ev = assign(log.state(), "timekeeper", PersonId(1), false).unwrap();
    log.at(11, ev);
    log.start_segment(600, 1);
    form_crews(&mut log, 601);
    log.start_segment(1200, 2);
    speak(&mut log, 1210, 0, 60);
    speak(&mut log, 1300, 1, 30);
    speak(&mut log, 1400, 0, 90);
    let mut note = Note::new(
        NoteId(0),
        NoteKind::Note,
        "Ana calls Kim about the rent",
        None,
    );
    note.kind = NoteKind::FollowUp {
        who: vec![PersonId(0)],
        with: vec![PersonId(1)],
        by: None,
    };
    note.visibility = crate::core::note::Visibility::CircleOnly;
    log.at(1500, Event::Note(NoteEvent::Added(note)));
    log.at(1800, Event::Run(RunEvent::End))
        .at(1801, Event::Closed);
    log.session().clone()
}

fn record_of(sessions: &[(&str, &Session)]) -> Record {
    let owned: Vec<(String, &Session)> =
        sessions.iter().map(|(f, s)| (f.to_string(), *s)).collect();
    derive("tuesdays", &owned, &TimeZone::UTC)
}

/// The next Tuesday's session as `run` makes it: the plan's roster plus
/// everyone the record knows, and what it carries.
fn next(record: &Record, created: i64) -> Session {
    let mut session = Session::new(tuesday(), t(created));
    let carried = carry(record, &mut session.roster);
    session.gathering = Some(carried);
    session
}

#[test]
fn the_record_is_derived_from_the_sessions() {
    let s1 = first();
    let record = record_of(&[("2026-12-01.ron", &s1)]);
    assert_eq!(record.sessions.len(), 1);
    assert_eq!(record.sessions[0].came, 6);
    assert!(record.sessions[0].finished);
    let ana = record.member("ana").unwrap();
    assert_eq!((ana.turns, ana.spoken), (2, SignedDuration::from_secs(150)));
    assert_eq!(ana.came.len(), 1);
    assert!(
        record.member("Fay").unwrap().came.is_empty(),
        "Fay stayed home"
    );
    let crewed: usize = record.crews.iter().map(Vec::len).sum();
    assert_eq!((record.crews.len(), crewed), (2, 6));
    assert_eq!(record.pairings.len(), 6, "two crews of three: 3 pairs each");
    assert_eq!(record.roles.len(), 1);
    assert_eq!(
        (record.roles[0].role.as_str(), record.roles[0].name.as_str()),
        ("timekeeper", "Kim")
    );
    assert_eq!(record.prompts, ["How are you arriving?"]);
    assert_eq!(record.follow_ups.len(), 1);
    assert!(record.follow_ups[0].circle);
    assert_eq!(record.follow_ups[0].who, ["Ana"]);
    // Rehearsals and other gatherings are left out.
    let mut rehearsal = first();
    rehearsal.rehearsal = true;
    let mut other = first();
    other.plan.gathering = Some("fridays".into());
    assert_eq!(
        record_of(&[("2026-12-01.ron", &s1), ("b", &rehearsal), ("c", &other)]),
        record
    );
}

#[test]
fn the_next_session_knows_its_crews_roles_and_who_spoke_most() {
    let s1 = first();
    let record = record_of(&[("2026-12-01.ron", &s1)]);
    let s2 = next(&record, 7 * 24 * 3600);
    let carried = s2.gathering.as_ref().unwrap();
    assert_eq!(carried.sessions.len(), 1);
    assert_eq!(s2.roster.len(), 7);
    assert!(
        carried
            .summary()
            .starts_with("Gathering tuesdays: picked up 1 earlier session")
    );
    let mut log = Log::of(s2);
    // Crews kept; Dov stays home, Fay comes for the first time, Gil joins
    // on the night: newcomers go to the smallest crew, Dov is shown absent.
    let gil = Person::new(PersonId(7), "Gil", 7);
    log.at(1, Event::People(PeopleEvent::Joined(gil)));
    log.arrive(2, &[0, 1, 2, 3, 5, 6, 7]);
    log.start_segment(600, 1);
    let before = log.state().guides.carried_crews.clone();
    assert_eq!(before.len(), 2);
    let crews = form_crews(&mut log, 601);
    for crew in &before {
        let home = crews
            .iter()
            .find(|c| crew.iter().any(|p| c.contains(p)))
            .unwrap();
        for p in crew.iter().filter(|p| p.0 != 4) {
            assert!(home.contains(p), "{p:?} kept their crew: {crews:?}");
        }
    }
    let sizes: Vec<usize> = crews.iter().map(Vec::len).collect();
    assert_eq!(sizes.iter().sum::<usize>(), 7);
    assert!(
        sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1,
        "{sizes:?}"
    );
    let shown = crews_now(&log.state().people, &log.state().guides);
    let away: Vec<PersonId> = shown
        .iter()
        .flatten()
        .filter(|m| !m.here)
        .map(|m| m.person)
        .collect();
    assert_eq!(away, [PersonId(4)], "Dov is absent");
    // Roles: Kim kept time last week, so others are suggested first.
    let top = suggest(log.state(), "timekeeper", 7);
    assert_eq!(top.last().unwrap().name, "Kim");
    assert_eq!(top.last().unwrap().held, 1);
    // A progressive stack over the gathering: Ana spoke twice last week, so
    // Bo goes first though Ana raised her hand first.
    log.start_segment(1200, 2);
    log.at(
        1201,
        Event::Stack(StackEvent::Mode(crate::core::plan::StackMode::Progressive)),
    );
    for p in [0, 2] {
        log.at(
            1202,
            Event::Stack(StackEvent::Add {
                person: PersonId(p),
                jump: Jump::NoJump,
            }),
        );
    }
    let front = |log: &Log| {
        log.state()
            .stack
            .queue(&log.state().people, &log.state().run)[0]
            .person
    };
    assert_eq!(front(&log), PersonId(0), "this session alone: first come");
    log.at(1203, Event::Stack(StackEvent::Reach(Reach::Gathering)));
    assert_eq!(front(&log), PersonId(2));
    assert_eq!(
        log.state().stack.tally(&log.state().run)[&PersonId(0)],
        (2, SignedDuration::from_secs(150))
    );
    assert_eq!(
        *log.state(),
        log.replayed(),
        "what was carried replays from the file"
    );
    // Who has spoken most over the gathering: Ana, from last week.
    let most = super::airtime(log.state(), t(1300));
    assert_eq!(most[0], (PersonId(0), 2, SignedDuration::from_secs(150)));
    assert_eq!(most[1].0, PersonId(1));
    // Last week's prompt counts as asked.
    let asked = super::prompts_asked(log.session().gathering.as_ref(), &["Q".to_string()]);
    assert_eq!(asked, ["Q", "How are you arriving?"]);

    // The record rebuilt from both sessions, in whatever order they come.
    let s2 = log.session().clone();
    let both = record_of(&[("2026-12-08.ron", &s2), ("2026-12-01.ron", &s1)]);
    assert_eq!(
        both,
        record_of(&[("2026-12-01.ron", &s1), ("2026-12-08.ron", &s2)])
    );
    assert_eq!(both.sessions[1].file, "2026-12-08.ron");
    assert_eq!(both.people.len(), 8);
    let fay = both.member("Fay").unwrap();
    assert_eq!(fay.came.len(), 1);
    assert_eq!(fay.came[0].session, 1);
    assert_eq!(both.member("Dov").unwrap().came.len(), 1);
    let crewed: usize = both.crews.iter().map(Vec::len).sum();
    assert_eq!(crewed, 8, "Fay and Gil joined crews: {:?}", both.crews);
    assert_eq!(both.crews.len(), 2);
}

#[test]
fn a_renamed_person_stays_the_same_member() {
    let s1 = first();
    let record = record_of(&[("a.ron", &s1)]);
    let mut s2 = next(&record, 100_000);
    // The second session corrects a spelling: "Cy" was "Cyd" all along.
    let mut log = Log::of(s2.clone());
    let mut cy = log.state().people.get(PersonId(3)).unwrap().clone();
    cy.name = "Cyd".into();
    log.at(100_010, Event::People(PeopleEvent::Edited(cy)));
    log.start_segment(100_020, 0);
    s2 = log.session().clone();
    let both = record_of(&[("a.ron", &s1), ("b.ron", &s2)]);
    assert!(both.member("Cy").is_none());
    assert_eq!(both.member("Cyd").unwrap().came.len(), 2);
}

#[test]
fn gathering_names_are_file_safe() {
    assert_eq!(id_problem("summit-2027"), None);
    assert_eq!(id_problem("集会_2027"), None);
    for bad in ["", "  ", "../x", "a/b", ".hidden", "with space"] {
        assert!(id_problem(bad).is_some(), "{bad:?}");
    }
    assert!(id_problem(&"x".repeat(65)).is_some());
}

#[test]
fn pairs_that_nest_do_so_inside_the_gatherings_crews() {
    use crate::core::guide::icebreaker::nesting_label_here;
    use crate::core::plan::Nesting;
    let s1 = first();
    let record = record_of(&[("a.ron", &s1)]);
    let mut s2 = next(&record, 100_000);
    // This evening's icebreaker asks for pairs inside the crews.
    let pairs = &mut s2.plan.segments[1];
    pairs.steps[0].title = "Pairs".into();
    pairs.steps[0].format = GroupFormat::Pairs;
    pairs.steps[0].nesting = Some(Nesting::Nest);
    let mut log = Log::of(s2);
    log.start_segment(100_010, 1);
    let seg = log.state().run.segment(SegmentId(1)).unwrap().clone();
    assert_eq!(
        nesting_label_here(&seg, 0, &log.state().guides).as_deref(),
        Some("nest: inside the crews")
    );
    let crews = log.state().guides.carried_crews.clone();
    for seed in 0..8 {
        let (groups, crewed) = form_groups(
            &log.state().people,
            &log.state().guides,
            SegmentId(1),
            &seg,
            0,
            seed,
        )
        .unwrap();
        assert!(!crewed);
        for g in &groups {
            let home = crews
                .iter()
                .filter(|c| g.iter().any(|p| c.contains(p)))
                .count();
            let strays = g
                .iter()
                .filter(|p| !crews.iter().flatten().any(|q| q == *p))
                .count();
            assert!(
                home <= 1 || strays > 0,
                "a pair across crews: {groups:?} in {crews:?}"
            );
        }
    }
}
