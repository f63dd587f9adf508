//! The harvest of an assembly that took three decisions: a consensus that
//! met a block, was amended and adopted with stand-asides and an
//! indicative position; a consent with an objection worked and a review
//! date; and one whose note was kept in the circle.

use circlekeeper::core::decision::Who;
use circlekeeper::core::decision::actions;
use circlekeeper::core::decision::phase::Phase;
use circlekeeper::core::decision::record::{Outcome, decide};
use circlekeeper::core::decision::rules::Method;
use circlekeeper::core::decision::stance::{Given, Settled, Stance};
use circlekeeper::core::event::Event;
use circlekeeper::core::harvest::{Harvest, Options};
use circlekeeper::core::note::{NoteEvent, Visibility};
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use circlekeeper::core::timeline::Timeline;
use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};

const NAMES: [&str; 6] = ["Ana", "Tomás", "美玲", "Kim", "प्रिया", "Zoë"];

fn at(m: i64) -> Timestamp {
    "2026-11-23T18:30:00Z"
        .parse::<Timestamp>()
        .unwrap()
        .checked_add(SignedDuration::from_mins(m))
        .unwrap()
}

struct Room {
    timeline: Timeline,
    now: i64,
}

impl Room {
    fn log(&mut self, event: Event) -> &mut Room {
        self.now += 1;
        self.timeline.record(at(self.now), event);
        self
    }

    fn give(&mut self, seg: u32, person: u32, stance: Stance, words: &str) -> &mut Room {
        let e = actions::mark(
            self.timeline.state(),
            &self.timeline.session().plan,
            SegmentId(seg),
            Given::new(PersonId(person), stance).words(words),
            at(self.now),
        )
        .unwrap();
        self.log(e)
    }

    fn go(&mut self, seg: u32, phase: Phase) -> &mut Room {
        self.log(actions::go_to(SegmentId(seg), phase).unwrap())
    }

    fn decide(&mut self, seg: u32, outcome: Outcome) -> &mut Room {
        let e = decide(
            self.timeline.state(),
            &self.timeline.session().plan,
            SegmentId(seg),
            outcome,
            at(self.now),
        )
        .unwrap();
        self.log(e)
    }
}

fn session() -> Session {
    let seg = |title: &str, kind, m| Segment::new(title, kind, SignedDuration::from_mins(m));
    let mut hours = seg("Summer opening hours", SegmentKind::Decision, 30);
    hours.method = Some(Method::Consensus);
    hours.stand_asides_max = Some(1);
    let mut shelf = seg("The tool shelf", SegmentKind::Decision, 20);
    shelf.method = Some(Method::Consent);
    let mut private = seg("Kim's rent share", SegmentKind::Decision, 10);
    private.method = Some(Method::FistToFive);
    let mut plan = Plan::new(
        "Neighbourhood assembly",
        vec![
            seg("Check-in", SegmentKind::CheckIn, 15),
            hours,
            shelf,
            private,
        ],
    );
    plan.roster = NAMES.map(String::from).to_vec();
    let mut r = Room {
        timeline: Timeline::new(Session::new(plan, at(-10))),
        now: 0,
    };
    for p in 0..6 {
        r.log(Event::People(PeopleEvent::Arrived {
            id: PersonId(p),
            arrived: p != 5,
        }));
    }
    r.log(Event::Run(RunEvent::Start(SegmentId(0))));

    // A consensus: a block, an amendment, then adopted with stand-asides.
    r.log(Event::Run(RunEvent::Start(SegmentId(1))));
    let proposal = actions::propose(
        SegmentId(1),
        "Open 10:00-22:00 from June to August.",
        Some(PersonId(1)),
    )
    .unwrap();
    r.log(proposal).go(1, Phase::Test);
    r.give(1, 0, Stance::Agree, "")
        .give(1, 1, Stance::Agree, "")
        .give(1, 2, Stance::Concern, "Who closes up at night?")
        .give(1, 3, Stance::Block, "Ana would be alone on the late shift.")
        .give(1, 4, Stance::Agree, "");
    let back = actions::send_back(r.timeline.state(), SegmentId(1), Phase::Amendments).unwrap();
    r.log(back);
    let amended = actions::amend(
        r.timeline.state(),
        SegmentId(1),
        "Open 10:00-22:00 from June to August,\nwith two people on every late shift.",
        Some(PersonId(3)),
    )
    .unwrap();
    r.log(amended).go(1, Phase::Test);
    // Zoë arrives during the test and is asked too.
    r.log(Event::People(PeopleEvent::Arrived {
        id: PersonId(5),
        arrived: true,
    }));
    r.give(1, 0, Stance::Agree, "")
        .give(1, 1, Stance::Agree, "")
        .give(1, 2, Stance::StandAside, "I can't do evenings this summer.")
        .give(1, 3, Stance::Agree, "")
        .give(1, 5, Stance::StandAside, "");
    let indicative = actions::mark(
        r.timeline.state(),
        &r.timeline.session().plan,
        SegmentId(1),
        Given::new(PersonId(4), Stance::Agree).indicative("Kitchen crew", Some(date(2026, 12, 1))),
        at(r.now),
    )
    .unwrap();
    r.log(indicative);
    r.log(actions::review(SegmentId(1), Some(date(2026, 9, 15))));
    r.decide(1, Outcome::AdoptedWithStandAsides);

    // A consent: one objection, worked and resolved.
    r.log(Event::Run(RunEvent::Start(SegmentId(2))));
    let proposal = actions::propose(
        SegmentId(2),
        "Try a shared tool shelf for three months.",
        None,
    )
    .unwrap();
    r.log(proposal).go(2, Phase::Test);
    for p in 0..5 {
        r.give(2, p, Stance::Consent, "");
    }
    r.give(2, 5, Stance::Objection, "Tools will walk off.");
    r.log(actions::settle(
        SegmentId(2),
        Who::Person(PersonId(5)),
        Settled::Resolved("a sign-out sheet by the door".into()),
    ));
    r.log(actions::review(SegmentId(2), Some(date(2027, 2, 1))));
    r.decide(2, Outcome::Adopted);

    // A decision the circle keeps: its note made circle-only.
    r.log(Event::Run(RunEvent::Start(SegmentId(3))));
    let proposal = actions::propose(SegmentId(3), "Kim pays half rent until March.", None).unwrap();
    r.log(proposal).go(3, Phase::Test);
    for p in 0..6 {
        r.give(3, p, Stance::Fingers(4), "");
    }
    r.decide(3, Outcome::Adopted);
    let note = r
        .timeline
        .state()
        .decisions
        .get(SegmentId(3))
        .unwrap()
        .decided
        .as_ref()
        .unwrap()
        .notes[0];
    r.log(Event::Note(NoteEvent::SetVisibility {
        id: note,
        visibility: Visibility::CircleOnly,
    }));
    r.log(Event::Run(RunEvent::End));
    r.timeline.into_parts().0
}

fn harvest(anonymize: bool) -> Harvest {
    let session = session();
    let state = State::replay(&session);
    let options = Options {
        anonymize,
        ..Options::default()
    };
    Harvest::build(&session, &state, &options, None)
}

#[test]
fn markdown_harvest_of_three_decisions() {
    let md = harvest(false).to_markdown();
    assert!(
        !md.contains("Kim pays half rent"),
        "the circle's decision stays there"
    );
    insta::assert_snapshot!(md);
}

#[test]
fn names_attached_to_positions_never_leave_the_circle() {
    let h = harvest(false);
    assert_eq!(h.decision_records.len(), 2);
    for r in &h.decision_records {
        assert!(!r.named);
        assert!(r.words.iter().all(|w| w.by.is_none()), "{:?}", r.words);
    }
    let md = h.to_markdown();
    let section = &md[md.find("## How we decided").unwrap()..];
    // Names appear only where someone typed them into their words.
    for name in ["Tomás", "美玲", "प्रिया", "Zoë"] {
        assert!(!section.contains(name), "{name} in {section}");
    }
    let anonymous = harvest(true).to_markdown();
    assert!(
        !anonymous.contains("Ana"),
        "names in words are replaced too"
    );
}

#[test]
fn ron_harvest_has_the_full_record_and_reads_back() {
    let h = harvest(false);
    let text = h.to_ron().unwrap();
    let back: Harvest = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .unwrap();
    assert_eq!(back, h);
    let hours = &h.decision_records[0];
    assert_eq!(hours.outcome, Outcome::AdoptedWithStandAsides);
    assert_eq!(hours.earlier, ["Open 10:00-22:00 from June to August."]);
    assert_eq!(
        (hours.count.here, hours.count.of(Stance::StandAside)),
        (6, 2)
    );
    assert_eq!(hours.count.indicative, [(Stance::Agree, 1)]);
    assert_eq!(hours.tests, 2);
    assert_eq!(hours.words.len(), 4, "a concern, a block, two stand-asides");
    assert_eq!(hours.awaiting[0].group, "Kitchen crew");
    assert!(text.contains("decision_records"));
}
