use super::*;
use crate::core::event::Event;
use crate::core::fixture::{Log, plan, t};
use crate::core::guide::GuideEvent;
use crate::core::note::{Note, NoteEvent, NoteId, NoteKind, Visibility};
use crate::core::plan::SegmentKind;
use crate::core::run::RunEvent;
use proptest::prelude::*;

const S: SegmentId = SegmentId(0);

fn log() -> Log {
    let mut p = plan(
        &["Ana", "Kim", "Lee", "Sam"],
        &[
            SegmentKind::AntiRetreat,
            SegmentKind::Break,
            SegmentKind::AntiRetreat,
        ],
        None,
    );
    p.segments[0].matter = Some("The shared fund".into());
    p.segments[2].matter = Some("the  shared FUND".into());
    p.segments[0].parties = vec!["ana".into(), "Kim".into(), "Somebody".into()];
    Log::new(p)
}

fn voice(log: &mut Log, secs: i64, person: u32) {
    log.at(
        secs,
        Event::Guide(GuideEvent::Voice {
            segment: S,
            person: PersonId(person),
        }),
    );
}

#[test]
fn equal_time_shares_count_each_voice() {
    let mut log = log();
    log.start_segment(0, 0);
    voice(&mut log, 0, 0);
    voice(&mut log, 180, 1); // Ana spoke 3 minutes
    log.at(240, Event::Guide(GuideEvent::VoiceEnd { segment: S })); // Kim 1
    voice(&mut log, 300, 0); // Ana again, still speaking
    let g = &log.state().guides;
    assert_eq!(g.speaking(S), Some(PersonId(0)));
    let s = shares(
        &[PersonId(0), PersonId(1), PersonId(2)],
        g.voices(S),
        t(360),
    );
    let secs: Vec<i64> = s.iter().map(|s| s.spoken.as_secs()).collect();
    assert_eq!(secs, [240, 60, 0]);
    assert!((s[0].share - 0.8).abs() < 1e-9);
    assert_eq!(s[2].share, 0.0);
    assert_eq!(quietest_if_uneven(&s), Some(PersonId(2)));
    // Someone who spoke without being a listed voice still counts.
    let s = shares(&[PersonId(1)], g.voices(S), t(360));
    assert_eq!(s.iter().map(|s| s.person.0).collect::<Vec<_>>(), [1, 0]);
}

#[test]
fn even_or_early_shares_give_no_hint() {
    let share = |p: u32, secs: i64, share: f64| Share {
        person: PersonId(p),
        spoken: SignedDuration::from_secs(secs),
        share,
    };
    assert_eq!(
        quietest_if_uneven(&[share(0, 100, 0.55), share(1, 80, 0.45)]),
        None
    );
    assert_eq!(
        quietest_if_uneven(&[share(0, 50, 1.0), share(1, 0, 0.0)]),
        None,
        "under two minutes in all"
    );
    assert_eq!(quietest_if_uneven(&[share(0, 500, 1.0)]), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn shares_add_up_to_one(turns in prop::collection::vec((0u32..4, 1i64..600), 1..20)) {
        let mut at = 0;
        let list: Vec<Turn> = turns
            .iter()
            .map(|(p, len)| {
                let mut turn = Turn::new(PersonId(*p), Some(S), t(at));
                at += len;
                turn.end(t(at));
                turn
            })
            .collect();
        let s = shares(&[], &list, t(at));
        let sum: f64 = s.iter().map(|s| s.share).sum();
        prop_assert!((sum - 1.0).abs() < 1e-9);
        let spoken: i64 = s.iter().map(|s| s.spoken.as_secs()).sum();
        prop_assert_eq!(spoken, at);
    }
}

#[test]
fn phase_clock_counts_from_the_phase_mark() {
    let mut log = log();
    log.start_segment(0, 0);
    let (phase, clock) = phase_clock(
        &log.state().run,
        &log.session().plan,
        &log.state().guides,
        S,
        t(60),
    )
    .unwrap();
    assert_eq!(phase, Phase::Agreements);
    assert_eq!(clock.elapsed, SignedDuration::from_mins(1));
    // 30 minutes: agreements 1/11 of it, voices 3/11.
    assert_eq!(clock.time_box, SignedDuration::from_mins(2));
    log.at(
        300,
        Event::Guide(GuideEvent::Phase {
            segment: S,
            phase: Phase::Voices,
        }),
    );
    log.at(400, Event::Run(RunEvent::Pause));
    let (phase, clock) = phase_clock(
        &log.state().run,
        &log.session().plan,
        &log.state().guides,
        S,
        t(9000),
    )
    .unwrap();
    assert_eq!(phase, Phase::Voices);
    assert_eq!(clock.elapsed, SignedDuration::from_secs(100));
    assert_eq!(clock.time_box, SignedDuration::from_mins(8));
    assert_eq!(Phase::CheckOut.next(), None);
    assert_eq!(Phase::Voices.previous(), Some(Phase::Agreements));
    assert!(Phase::ALL.iter().all(|p| !p.script().is_empty()));
}

#[test]
fn parties_match_the_roster_and_follow_edits() {
    let mut log = log();
    let seg = log.state().run.segment(S).unwrap().clone();
    let names = |log: &Log| -> Vec<(String, Option<u32>)> {
        parties(&log.state().people, &log.state().guides, S, &seg)
            .into_iter()
            .map(|p| (p.name, p.person.map(|p| p.0)))
            .collect()
    };
    assert_eq!(
        names(&log),
        [
            ("ana".to_string(), Some(0)),
            ("Kim".into(), Some(1)),
            ("Somebody".into(), None)
        ]
    );
    for (person, joined) in [(3, true), (1, false), (3, true)] {
        log.at(
            5,
            Event::Guide(GuideEvent::Party {
                segment: S,
                person: PersonId(person),
                joined,
            }),
        );
    }
    assert_eq!(
        names(&log),
        [
            ("ana".to_string(), Some(0)),
            ("Somebody".into(), None),
            ("Sam".into(), Some(3))
        ]
    );
}

#[test]
fn the_matter_arc_links_conversations_and_counts_follow_ups() {
    let mut log = log();
    log.start_segment(0, 0);
    for (id, segment) in [(0, 0), (1, 0), (2, 1)] {
        let mut note = Note::new(
            NoteId(id),
            Kind::FollowUp.blank(),
            "call",
            Some((SegmentId(segment), log.state().run.segment(S).unwrap())),
        );
        if id == 1 {
            note.kind = NoteKind::Note;
        }
        assert_eq!(note.visibility, Visibility::CircleOnly);
        log.at(10, Event::Note(NoteEvent::Added(note)));
    }
    let arc = matter_arc(&log.state().run, &log.state().notes, "The shared fund");
    let got: Vec<(u32, Status, usize)> = arc
        .iter()
        .map(|a| (a.segment.0, a.status, a.follow_ups))
        .collect();
    assert_eq!(got, [(0, Status::Running, 1), (2, Status::Upcoming, 0)]);
}

#[test]
fn follow_ups_read_who_with_whom_and_when() {
    let log = log();
    let people = &log.state().people;
    // A Friday.
    let today = jiff::civil::date(2026, 6, 12);
    let d = parse_follow_up(
        "Ana and Lee with Kim by 2026-06-20: one-on-one about the split",
        people,
        today,
    );
    assert_eq!(d.who, [PersonId(0), PersonId(2)]);
    assert_eq!(d.with, [PersonId(1)]);
    assert_eq!(d.by, Some(jiff::civil::date(2026, 6, 20)));
    assert_eq!(d.text, "one-on-one about the split");
    let d = parse_follow_up("with sam: bring it to the forum", people, today);
    assert_eq!((d.who.len(), d.with.clone()), (0, vec![PersonId(3)]));
    assert_eq!(d.text, "bring it to the forum");
    // Not understood in full: the whole line stays as the text.
    let d = parse_follow_up("Ana with Zed by soon: call", people, today);
    assert_eq!(d.who, [PersonId(0)]);
    assert_eq!(d.by, None);
    assert_eq!(d.text, "Ana with Zed by soon: call");
    let d = parse_follow_up("  just a thought  ", people, today);
    assert_eq!(d.text, "just a thought");
    assert!(d.who.is_empty() && d.with.is_empty());
    // A day as the circle says it, like every other date typed.
    let d = parse_follow_up("Ana by sunday: call the landlord", people, today);
    assert_eq!(d.by, Some(jiff::civil::date(2026, 6, 14)));
    assert_eq!(d.text, "call the landlord");
}

#[test]
fn each_voice_gets_its_time_box_with_staged_warnings() {
    let mut log = log();
    let mut session = log.session().clone();
    session.plan.segments[0].per_voice = Some(SignedDuration::from_mins(5));
    log.timeline = crate::core::timeline::Timeline::new(session);
    log.start_segment(0, 0);
    voice(&mut log, 10, 0);
    let turn = log.state().guides.voice_speaking(S).unwrap().clone();
    let clock = |secs| turn.clock(&log.state().run, &log.session().plan, t(secs));
    let c = clock(10 + 60);
    assert_eq!(c.time_box, Some(SignedDuration::from_mins(5)));
    assert_eq!(c.stage(), crate::core::run::Stage::Calm);
    assert_eq!(clock(10 + 4 * 60).label(), "UNDER 2M LEFT");
    assert_eq!(clock(10 + 5 * 60 - 10).label(), "UNDER 30S LEFT");
    assert_eq!(
        clock(10 + 5 * 60).label(),
        "UNDER 30S LEFT",
        "0:00 is not over"
    );
    assert_eq!(clock(10 + 5 * 60 + 1).label(), "OVERTIME");
}

#[test]
fn the_plans_script_follows_the_phase() {
    let mut seg = Segment::new(
        "Talk",
        SegmentKind::AntiRetreat,
        SignedDuration::from_mins(60),
    );
    let line = |text: &str, phase: Option<Phase>| Cue {
        phase,
        ..Cue::say(text)
    };
    seg.script = vec![
        line("Thank you for coming.", None),
        line("Ana, then Idris: five minutes each.", Some(Phase::Voices)),
        line("Here's what I heard.", None),
        line("What is mine to take on?", Some(Phase::Responsibility)),
        line("How are you leaving?", Some(Phase::CheckOut)),
    ];
    assert_eq!(
        plan_lines(&seg, Phase::Agreements),
        ["plan 1/5: Thank you for coming."]
    );
    assert_eq!(
        plan_lines(&seg, Phase::Voices),
        [
            "plan 2/5: Ana, then Idris: five minutes each.",
            "plan 3/5: Here's what I heard."
        ]
    );
    assert!(plan_lines(&seg, Phase::Impacts).is_empty());
    assert_eq!(
        plan_lines(&seg, Phase::CheckOut),
        ["plan 5/5: How are you leaving?"],
        "never the first phase's line at check-out"
    );
}
