//! The guides on the Live screen: snapshots at 80x24 (and the large views
//! at 160x48), and what their keys log.

mod common;

use circlekeeper::core::event::Event;
use circlekeeper::core::guide::GuideEvent;
use circlekeeper::core::guide::anti_retreat::Phase;
use circlekeeper::core::note::{NoteKind, Visibility};
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::plan::Plan;
use circlekeeper::core::round::{Direction, RoundEvent};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::action::Action;
use circlekeeper::tui::app::{App, Screen};
use circlekeeper::tui::screens::live::guide::Big;
use common::screen::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

const PLAN: &str = r#"(
    title: "Spring gathering",
    roster: ["Ana", "Bea", "Cy", "Dov", "Eli", "Fay", "Gus", "Hal"],
    segments: [
        (title: "Arrivals", kind: WelcomeCircle, time: "30m",
         script: [(do: "Greet each arrival by name."), (say: "Welcome, come in.")],
         agreements: ["Be good to each other.", "Expect to mess up.", "Talk it through."]),
        (title: "Getting to know each other", kind: IcebreakerSequence, time: "50m",
         steps: [
            (title: "Name and animal", format: WholeGroup, intimacy: 1, time: "15m",
             script: [(say: "Your name, an animal with its first letter, and why.")]),
            (title: "Circles of four", format: Circles(4), intimacy: 2, time: "20m",
             script: [(say: "What brought you here?")]),
            (title: "Pairs", format: Pairs, intimacy: 3, time: "15m"),
         ]),
        (title: "Check-in", kind: CheckIn, time: "15m", per_speaker: "1m", transition: "5s",
         prompt: "How are you arriving?"),
        (title: "The rota", kind: AntiRetreat, time: "1h", matter: "Who cleans the kitchen",
         parties: ["Ana", "Kim", "Cy"],
         agreements: ["We speak for ourselves.", "What is said here stays here."],
         script: [(say: "We face this together.")]),
        (title: "The rota, again", kind: AntiRetreat, time: "45m", matter: "who cleans the KITCHEN"),
        (title: "Closing", kind: ClosingRound, time: "15m"),
    ],
)"#;

fn plan() -> Plan {
    plan_from_str(std::path::Path::new("guides.ron"), PLAN).unwrap()
}

fn start(seg: u32, secs: i64) -> (i64, Event) {
    (secs, Event::Run(RunEvent::Start(SegmentId(seg))))
}

fn arrived(ids: &[u32], secs: i64) -> Vec<(i64, Event)> {
    ids.iter()
        .map(|id| {
            (
                secs,
                Event::People(PeopleEvent::Arrived {
                    id: PersonId(*id),
                    arrived: true,
                }),
            )
        })
        .collect()
}

fn guide(secs: i64, ev: GuideEvent) -> (i64, Event) {
    (secs, Event::Guide(ev))
}

fn screen(app: &App, secs: i64) -> String {
    text(&draw(app, at(secs), 80, 24))
}

fn key(app: &mut App, c: char, secs: i64) {
    app.on_key(
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        at(secs),
    );
}

fn type_line(app: &mut App, line: &str, secs: i64) {
    for c in line.chars() {
        key(app, c, secs);
    }
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), at(secs));
}

#[test]
fn welcome_with_arrivals_and_greetings() {
    let mut events = vec![start(0, 0)];
    events.extend(arrived(&[0, 1, 3], 60));
    events.push(guide(
        90,
        GuideEvent::Greeted {
            person: PersonId(1),
            by: Some(PersonId(0)),
        },
    ));
    events.push(guide(
        95,
        GuideEvent::Introduced {
            person: PersonId(1),
            to: PersonId(3),
        },
    ));
    let mut app = app_with(plan(), &events);
    // Cursor to Cy, who walks in now and is greeted with one key.
    key(&mut app, 'j', 120);
    key(&mut app, 'j', 120);
    key(&mut app, 'g', 120);
    let s = screen(&app, 180);
    insta::assert_snapshot!("guide_welcome_80x24", s);
    assert!(s.contains("Arrivals 4 of 8 expected"), "{s}");
    assert!(s.contains("greeted by Ana · met Dov"), "{s}");
    assert!(app.state().people.get(PersonId(2)).unwrap().arrived);
    assert!(app.state().guides.greeting(PersonId(2)).is_some());
    // The agreements, large, for the room.
    key(&mut app, 'v', 200);
    assert_eq!(app.views.live.guide.big, Some(Big::Agreements));
    insta::assert_snapshot!(
        "guide_agreements_160x48",
        text(&draw(&app, at(200), 160, 48))
    );
    let small = screen(&app, 200);
    assert!(small.contains("Expect to mess up."), "{small}");
    // G hands the door to the next person here, and says who.
    key(&mut app, 'v', 210);
    key(&mut app, 'G', 210);
    let said = app.flash.clone().unwrap_or_default();
    assert!(said.starts_with("greeting now: "), "{said}");
}

#[test]
fn introducing_picks_someone_already_here() {
    let mut events = vec![start(0, 0)];
    events.extend(arrived(&[0, 2, 4], 10));
    let mut app = app_with(plan(), &events);
    key(&mut app, 'i', 20); // Ana, introduced to...
    key(&mut app, 'j', 20); // ...Cy, Eli: the second one
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), at(20));
    assert_eq!(app.state().guides.introduced(PersonId(0)), [PersonId(4)]);
    assert!(app.views.live.guide.entry.is_none());
}

fn icebreaker() -> App {
    let mut events = vec![start(1, 0)];
    events.extend(arrived(&[0, 1, 2, 4, 5, 6, 7], 10));
    events.push(guide(
        30,
        GuideEvent::RepeatBack {
            segment: SegmentId(1),
            person: PersonId(0),
            text: "antelope".into(),
        },
    ));
    events.push(guide(
        900,
        GuideEvent::Step {
            segment: SegmentId(1),
            step: 1,
        },
    ));
    events.push(guide(
        905,
        GuideEvent::OptOut {
            segment: SegmentId(1),
            step: 1,
            person: PersonId(7),
        },
    ));
    app_with(plan(), &events)
}

#[test]
fn icebreaker_step_and_groups_overlay() {
    let mut app = icebreaker();
    let s = screen(&app, 900 + 17 * 60);
    insta::assert_snapshot!("guide_icebreaker_80x24", s);
    assert!(s.contains("Exercise 2 of 3"), "{s}");
    assert!(s.contains("●●○○○ gentle"), "{s}");
    assert!(s.contains("3:00 of 20m"), "{s}");
    assert!(s.contains("◦ sitting out"), "{s}");
    key(&mut app, 'f', 1000);
    assert_eq!(app.views.live.guide.big, Some(Big::Groups));
    let s = screen(&app, 1000);
    insta::assert_snapshot!("guide_groups_80x24", s);
    // Every arrived person taking part, exactly once; not Dov (not here),
    // not Hal (sitting out).
    let groups: Vec<&str> = s.lines().filter(|l| l.contains("Group ")).collect();
    assert_eq!(groups.len(), 2, "{s}");
    for name in ["Ana", "Bea", "Cy", "Eli", "Fay", "Gus"] {
        let n: usize = groups.iter().map(|l| l.matches(name).count()).sum();
        assert_eq!(n, 1, "{name} in {groups:?}");
    }
    assert!(!s.contains("Dov") && !s.contains("Hal"), "{s}");
    // Pairs next, inside the circles; Hal, who sat the circles out, joins one.
    key(&mut app, 's', 1100);
    app.views.live.guide.big = None;
    let s = screen(&app, 1100);
    assert!(s.contains("nest: inside the circles of 4"), "{s}");
    key(&mut app, 'f', 1100);
    let circles = &app.state().guides.groups(SegmentId(1), 1).unwrap().groups;
    let pairs = &app.state().guides.groups(SegmentId(1), 2).unwrap().groups;
    for pair in pairs {
        let circle_mates: Vec<&PersonId> = pair.iter().filter(|p| p.0 != 7).collect();
        assert!(
            circles
                .iter()
                .any(|c| circle_mates.iter().all(|p| c.contains(p))),
            "{circles:?} then {pairs:?}"
        );
    }
}

#[test]
fn name_game_words_and_sitting_out() {
    let mut app = icebreaker();
    key(&mut app, 'j', 1000); // Bea
    key(&mut app, 'w', 1000);
    type_line(&mut app, "bear", 1000);
    assert_eq!(
        app.state().guides.word(SegmentId(1), PersonId(1)),
        Some("bear")
    );
    // The cursor moves on round the circle for the next word; back to Bea.
    key(&mut app, 'k', 1001);
    key(&mut app, 'o', 1001);
    assert!(app.state().guides.opted_out(SegmentId(1), 1, PersonId(1)));
    key(&mut app, 'o', 1002);
    assert!(!app.state().guides.opted_out(SegmentId(1), 1, PersonId(1)));
    key(&mut app, 'l', 1003);
    let s = screen(&app, 1003);
    assert!(s.contains("Ana — antelope"), "{s}");
    assert!(s.contains("Bea — bear"), "{s}");
    // u undoes the latest change made here: the opt back in.
    app.update(Action::Back, at(1004));
    key(&mut app, 'u', 1004);
    assert!(app.state().guides.opted_out(SegmentId(1), 1, PersonId(1)));
}

#[test]
fn check_in_prompt_then_the_round() {
    let mut events = vec![start(2, 0)];
    events.extend(arrived(&[1, 2, 3, 5], 5));
    let mut app = app_with(plan(), &events);
    key(&mut app, 'o', 10); // past the plan's prompt to the pool's first
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), at(10));
    let asked = app.state().guides.prompt(SegmentId(2)).unwrap().to_string();
    assert_eq!(asked, app.settings.library.check_ins[0]);
    assert_eq!(
        app.views.live.guide.prompts.history.check_ins,
        std::slice::from_ref(&asked),
        "remembered for the rotation"
    );
    let s = screen(&app, 60);
    insta::assert_snapshot!("guide_check_in_80x24", s);
    assert!(s.contains("4 here · 1m each · about 4m 15s"), "{s}");
    assert!(s.contains(&asked), "{s}");
    key(&mut app, 's', 70);
    assert_eq!(app.screen, Screen::Round);
    assert_eq!(
        app.session().events.last().unwrap().event,
        Event::Round(RoundEvent::Start {
            first: PersonId(1),
            direction: Direction::Clockwise,
        })
    );
}

#[test]
fn a_typed_prompt_is_asked_and_a_closing_round_offers_check_outs() {
    let mut app = app_with(plan(), &[start(5, 0)]);
    let s = screen(&app, 5);
    assert!(s.contains("Check-out prompt"), "{s}");
    assert!(s.contains(&app.settings.library.check_outs[0]), "{s}");
    key(&mut app, 'e', 10);
    type_line(&mut app, "One word for tonight?", 10);
    assert_eq!(
        app.state().guides.prompt(SegmentId(5)),
        Some("One word for tonight?")
    );
    assert!(app.views.live.guide.prompts.history.check_outs.is_empty());
}

fn anti_retreat() -> App {
    let mut events = vec![start(3, 0)];
    events.extend(arrived(&[0, 1, 2, 3], 5));
    let s = SegmentId(3);
    events.push(guide(
        400,
        GuideEvent::Phase {
            segment: s,
            phase: Phase::Voices,
        },
    ));
    for (secs, person) in [(420, 0), (720, 2)] {
        events.push(guide(
            secs,
            GuideEvent::Voice {
                segment: s,
                person: PersonId(person),
            },
        ));
    }
    events.push(guide(780, GuideEvent::VoiceEnd { segment: s }));
    app_with(plan(), &events)
}

#[test]
fn anti_retreat_phases_meter_and_banner() {
    let mut app = anti_retreat();
    let s = screen(&app, 800);
    insta::assert_snapshot!("guide_anti_retreat_80x24", s);
    assert!(
        s.contains("CONFIDENTIAL — stays in this circle unless everyone consents"),
        "{s}"
    );
    assert!(s.contains("Phase 2 of 6"), "{s}");
    assert!(s.contains("83% 5:00"), "{s}");
    assert!(s.contains("Kim (not on the roster; p)"), "{s}");
    assert!(s.contains("Time is uneven"), "{s}");
    // Colour backs the words: the banner is loud, the uneven hint a warning.
    assert_eq!(style_of(&app, 800, "CONFIDENTIAL").bg, Some(Color::Red));
    assert_eq!(
        style_of(&app, 800, "Time is uneven").fg,
        Some(Color::Yellow)
    );
    // The banner stays on every screen, and on the room clock.
    for show in [Action::ShowPlan, Action::ShowNotes, Action::ShowRound] {
        app.update(show, at(800));
        assert!(screen(&app, 800).contains("CONFIDENTIAL"), "{show:?}");
    }
    app.update(Action::ShowLive, at(800));
    app.update(Action::RoomClock, at(800));
    assert!(screen(&app, 800).contains("CONFIDENTIAL"));
}

#[test]
fn anti_retreat_keys_log_voices_parties_and_follow_ups() {
    let mut app = anti_retreat();
    // Add Dov from the roster as a voice.
    key(&mut app, 'p', 810);
    for _ in 0..3 {
        key(&mut app, 'j', 810);
    }
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), at(810));
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), at(810));
    // Voices now Ana, Cy, Dov; Dov speaks.
    key(&mut app, 'j', 811);
    key(&mut app, 'j', 811);
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), at(812));
    assert_eq!(app.state().guides.speaking(SegmentId(3)), Some(PersonId(3)));
    key(&mut app, 'e', 900);
    assert_eq!(app.state().guides.speaking(SegmentId(3)), None);
    key(&mut app, 's', 901);
    assert_eq!(app.state().guides.phase(SegmentId(3)).value, Phase::Impacts);
    key(&mut app, 'f', 902);
    type_line(
        &mut app,
        "Ana with Dov by 2026-05-01: a walk and a talk",
        902,
    );
    let note = app.state().notes.all().last().unwrap().clone();
    assert_eq!(note.text, "a walk and a talk");
    assert_eq!(note.visibility, Visibility::CircleOnly);
    assert_eq!(
        note.kind,
        NoteKind::FollowUp {
            who: vec![PersonId(0)],
            with: vec![PersonId(3)],
            by: Some(jiff::civil::date(2026, 5, 1)),
        }
    );
    key(&mut app, 'm', 903);
    let s = text(&draw(&app, at(903), 80, 24));
    insta::assert_snapshot!("guide_matter_arc_80x24", s);
    assert!(s.contains("now     The rota · 1 follow-up"), "{s}");
    assert!(s.contains("coming  The rota, again · 0 follow-ups"), "{s}");
}

#[test]
fn guide_keys_show_in_hints_and_help_only_while_the_guide_shows() {
    let mut app = app_with(plan(), &[start(1, 0)]);
    let s = screen(&app, 5);
    assert!(s.contains("s next step"), "{s}");
    app.update(Action::Help, at(5));
    let s = text(&draw(&app, at(5), 100, 48));
    assert!(s.contains("Icebreaker guide"), "{s}");
    assert!(s.contains("form groups from who came"), "{s}");
    app.update(Action::Back, at(5));
    app.update(Action::ShowPlan, at(5));
    let s = screen(&app, 5);
    assert!(!s.contains("form groups"), "{s}");
    // On the Plan screen, f is not a guide key: nothing is formed.
    key(&mut app, 'f', 6);
    assert!(app.state().guides.groupings.is_empty());
}

#[test]
fn the_prompt_rotation_is_remembered_across_sessions() {
    use circlekeeper::tui::screens::live::guide::{PromptMemory, check_in};
    let data = tempfile::tempdir().unwrap();
    let evening = |secs: i64| {
        let mut app = app_with(plan(), &[start(2, 0)]);
        app.views.live.guide.prompts = PromptMemory::load(data.path());
        // Past the plan's own prompt to the first the pool offers.
        key(&mut app, 'o', secs);
        let offered = app.state().run.segment(SegmentId(2)).cloned().unwrap();
        let view = app.view(at(secs));
        let guide = view.with(&app.views.live.guide);
        let first = check_in::candidates(&guide, &offered)[1].text.clone();
        app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), at(secs));
        // The rotation is written off the key path; wait for it.
        app.settle(at(secs));
        assert_eq!(app.flash, None);
        first
    };
    let tuesday = evening(10);
    let thursday = evening(20);
    assert_ne!(
        tuesday, thursday,
        "not the same prompt two evenings running"
    );
    let saved = std::fs::read_to_string(data.path().join("prompts.ron")).unwrap();
    assert!(
        saved.contains(&tuesday) && saved.contains(&thursday),
        "{saved}"
    );

    // A broken memory is named, the run goes on, and the file is left alone.
    std::fs::write(data.path().join("prompts.ron"), "(check_ins: [").unwrap();
    let mut app = app_with(plan(), &[start(2, 0)]);
    app.views.live.guide.prompts = PromptMemory::load(data.path());
    assert!(screen(&app, 5).contains("rotation starts fresh"));
    key(&mut app, 'o', 30);
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), at(30));
    assert!(app.state().guides.prompt(SegmentId(2)).is_some());
    let flash = app.flash.clone().unwrap_or_default();
    assert!(flash.contains("prompts.ron:1:"), "{flash}");
    assert!(flash.contains("not saved until it is fixed"), "{flash}");
    assert_eq!(
        std::fs::read_to_string(data.path().join("prompts.ron")).unwrap(),
        "(check_ins: ["
    );
}

#[test]
fn a_large_view_stays_with_its_segment() {
    let mut app = icebreaker();
    key(&mut app, 'f', 1000);
    assert!(screen(&app, 1000).contains("Group 1:"));
    // n runs on to the check-in: its own guide shows, not the old groups.
    app.update(Action::Next, at(1010));
    assert_eq!(app.state().run.current, Some(SegmentId(2)));
    let s = screen(&app, 1010);
    assert!(
        !s.contains("Group 1:") && s.contains("Check-in prompt"),
        "{s}"
    );
}

#[test]
fn a_key_unbound_on_live_is_not_offered_by_a_guide() {
    let mut app = app_with(plan(), &[start(1, 0)]);
    app.settings
        .keymap
        .overlay(
            std::path::Path::new("keymap.ron"),
            "(live: {\"space\": unbound})",
        )
        .unwrap();
    // Wide enough for every hint of the guide.
    let s = text(&draw(&app, at(5), 240, 30));
    let hints = s.lines().last().unwrap_or("");
    assert!(hints.contains("n next"), "{hints}");
    assert!(!hints.contains("space"), "{hints}");
}
