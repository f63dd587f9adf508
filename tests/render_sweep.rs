//! Every screen and every overlay, at every size from nothing to a wall
//! projector, with names in many scripts and the run in each of its states:
//! drawing never panics and never writes outside the area it was given.
//!
//! The frame is drawn into a buffer larger than the area (and not at its
//! origin), pre-filled with a sentinel; every cell outside the area must
//! still hold the sentinel afterwards. Screens come from `Screen::ALL`, so
//! a new screen is swept without touching this file; a new overlay or
//! prompt fails to compile in `opened_index` until it is added to `opened`.

mod common;

use circlekeeper::core::consent::Subject;
use circlekeeper::core::event::Event;
use circlekeeper::core::note::{NoteId, Visibility};
use circlekeeper::core::person::PersonId;
use circlekeeper::core::plan::{Cue, Plan, Segment, SegmentKind};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::stack::Jump;
use circlekeeper::core::timeline::Timeline;
use circlekeeper::tui::app::{App, Overlay, Screen};
use circlekeeper::tui::frame;
use circlekeeper::tui::jobs::Cancel;
use circlekeeper::tui::saver::SaveStatus;
use circlekeeper::tui::screens::notes::{ExportPreview, NotesPrompt};
use circlekeeper::tui::screens::people::{Naming, PeopleAsk};
use circlekeeper::tui::screens::plan::PlanPrompt;
use circlekeeper::tui::screens::stack::HandAsk;
use circlekeeper::tui::theme::Theme;
use circlekeeper::tui::widgets::ask::Ask;
use circlekeeper::tui::widgets::consent::{ConsentDialog, Mode};
use circlekeeper::tui::widgets::line_input::LineInput;
use circlekeeper::tui::widgets::note_editor::NoteEditor;
use common::screen::{app_with, at};
use jiff::SignedDuration;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

const SIZES: [(u16, u16); 8] = [
    (0, 0),
    (1, 1),
    (10, 3),
    (20, 5),
    (40, 10),
    (80, 24),
    (120, 40),
    (300, 100),
];

/// Names a roster may hold: emoji (with joiners, skin tones, flags), CJK,
/// combining marks, right-to-left scripts with bidi controls, and length.
fn rosters() -> Vec<(&'static str, Vec<String>)> {
    let v = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        (
            "emoji",
            v(&["👩🏽‍🚀 Ana", "🏳️‍🌈 Sam", "👨‍👩‍👧‍👦", "🇵🇸🇺🇦🇸🇩", "☕️", "🧑🏿‍🦽 Jo"]),
        ),
        (
            "CJK",
            v(&["李雷", "韩梅梅", "さくら", "김민준", "ＦＵＬＬ　ＷＩＤＴＨ"]),
        ),
        (
            "combining",
            v(&[
                "Zoe\u{308}",
                "A\u{30a}sa",
                "Ñ\u{303}\u{303}\u{303}",
                "Z\u{336}\u{33f}\u{344}a\u{34f}\u{35c}l\u{360}g\u{361}o",
                "\u{301}starts with a mark",
            ]),
        ),
        (
            "right to left",
            v(&[
                "مريم",
                "שָׁלוֹם",
                "\u{202e}evil override",
                "Noor \u{200f}نور\u{200e}",
                "ئۇيغۇر",
            ]),
        ),
        (
            "long and empty",
            vec![
                "W".repeat(400),
                "a b ".repeat(100),
                "\t tab\tand\nnewline".into(),
            ],
        ),
    ]
}

/// A plan whose titles, prompts and script use the same names.
fn plan(names: &[String]) -> Plan {
    let mut plan = common::screen::default_plan();
    plan.title = format!("{} · {}", names[0], names.last().unwrap());
    plan.roster = names.to_vec();
    let mut weird = Segment::new(
        names.join(" "),
        SegmentKind::Round,
        SignedDuration::from_mins(1),
    );
    weird.per_speaker = Some(SignedDuration::from_secs(30));
    weird.prompt = Some(names.concat());
    weird.script = names.iter().map(Cue::say).collect();
    plan.segments.insert(0, weird);
    plan
}

/// A named state: the events (seconds after the start) and the moment
/// it is drawn at.
type RunState = (&'static str, Vec<(i64, Event)>, i64);

/// The run in each state that draws differently, with the events for
/// rounds, the stack and people that later screens show.
fn states(plan: &Plan) -> Vec<RunState> {
    let run = |e| Event::Run(e);
    let last = plan.segments.len() as u32 - 1;
    let mut busy = vec![(0, run(RunEvent::Start(SegmentId(0))))];
    for (i, e) in common::events_of_every_domain().into_iter().enumerate() {
        busy.push((i as i64 + 1, e));
    }
    busy.push((9, run(RunEvent::Cue(2))));
    let mut paused = busy.clone();
    paused.push((20, run(RunEvent::Pause)));
    let mut finished: Vec<(i64, Event)> = (0..=last)
        .map(|i| (i64::from(i) * 60, run(RunEvent::Start(SegmentId(i)))))
        .collect();
    finished.push((i64::from(last) * 60 + 30, run(RunEvent::End)));
    vec![
        ("not started", vec![], 0),
        ("running", busy.clone(), 15),
        ("paused", paused, 40),
        ("overtime", busy, 3 * 3600 + 59 * 60 + 59),
        ("finished", finished, 24 * 3600),
    ]
}

/// Whatever can be open over a screen: the app's overlays and each
/// screen's prompts.
#[derive(Debug, Clone)]
enum Opened {
    Overlay(Overlay),
    Plan(PlanPrompt),
    Notes(NotesPrompt),
    Stack(Ask<HandAsk>),
    People(Ask<PeopleAsk>),
    Naming(Naming),
}

/// Stable index of each overlay and prompt; a new variant stops this
/// compiling until it is given one here and a sample in `opened`.
fn opened_index(o: &Opened) -> usize {
    match o {
        Opened::Overlay(o) => match o {
            Overlay::Help => 0,
            Overlay::RoomClock => 1,
            Overlay::ConfirmClose => 8,
        },
        Opened::Stack(a) => match a.about {
            HandAsk::Hand(_) => 5,
            HandAsk::Newcomer(_) => 10,
        },
        Opened::People(a) => match a.about {
            PeopleAsk::AddPerson => 11,
            PeopleAsk::Rename(_) => 12,
            PeopleAsk::Pronouns(_) => 13,
            PeopleAsk::Remove(_) => 14,
            PeopleAsk::Import => 15,
            PeopleAsk::Reading { .. } => 16,
            PeopleAsk::Find => 17,
            PeopleAsk::DrawEveryone(_) => 18,
        },
        Opened::Notes(p) => match p {
            NotesPrompt::Editor(_) => 2,
            NotesPrompt::Search(_) => 3,
            NotesPrompt::TakeUp { .. } => 4,
            NotesPrompt::Consent(_) => 19,
            NotesPrompt::Export(_) => 20,
        },
        Opened::Naming(_) => 21,
        Opened::Plan(p) => match p {
            PlanPrompt::TimeBox { .. } => 6,
            PlanPrompt::Picker { .. } => 7,
            PlanPrompt::ConfirmJump(_) => 9,
        },
    }
}
const OPENED: usize = 22;

fn opened(names: &[String]) -> Vec<Option<Opened>> {
    let all = vec![
        Opened::Overlay(Overlay::Help),
        Opened::Overlay(Overlay::RoomClock),
        Opened::Plan(PlanPrompt::TimeBox {
            segment: SegmentId(0),
            input: LineInput::new(names.concat()),
            error: Some(names.join(" ")),
        }),
        Opened::Plan(PlanPrompt::Picker {
            query: LineInput::new(names.join(" ")),
            cursor: 99,
        }),
        Opened::Overlay(Overlay::ConfirmClose),
        Opened::Notes(NotesPrompt::Editor(Box::new({
            let mut editor = NoteEditor::new(
                Some(SegmentId(0)),
                Some(PersonId(1)),
                Visibility::CircleOnly,
                at(0),
                &Theme::color(),
            );
            editor.paste(&names.join("\n"));
            editor
        }))),
        Opened::Notes(NotesPrompt::Search(LineInput::new(names.join(" ")))),
        Opened::Notes(NotesPrompt::TakeUp {
            note: NoteId(0),
            cursor: 99,
        }),
        Opened::Stack(asked(HandAsk::Hand(Jump::DirectResponse), names)),
        Opened::Stack(asked(HandAsk::Newcomer(Jump::NoJump), names)),
        Opened::People(asked(PeopleAsk::AddPerson, names)),
        Opened::People(asked(PeopleAsk::Rename(PersonId(0)), names)),
        Opened::People(asked(PeopleAsk::Pronouns(PersonId(99)), names)),
        Opened::People(asked(PeopleAsk::Remove(PersonId(1)), names)),
        Opened::People(asked(PeopleAsk::Import, names)),
        Opened::People(asked(
            PeopleAsk::Reading {
                path: names.concat().into(),
                cancel: Cancel::default(),
            },
            names,
        )),
        Opened::People(asked(PeopleAsk::Find, names)),
        Opened::People(asked(PeopleAsk::DrawEveryone(names.concat()), names)),
        Opened::Plan(PlanPrompt::ConfirmJump(SegmentId(1))),
        Opened::Notes(NotesPrompt::Consent({
            let mut open = ConsentDialog::new(Subject::Note(NoteId(0)), Mode::Agree);
            open.cursor = 99;
            open.error = Some(names.join(" "));
            open
        })),
        Opened::Notes(NotesPrompt::Export(Box::new(ExportPreview {
            anonymize: true,
            harvest: {
                let plan = plan(names);
                let session = circlekeeper::core::session::Session::new(plan, at(0));
                let state = Timeline::new(session.clone()).state().clone();
                let options = circlekeeper::core::harvest::Options::default();
                Box::new(circlekeeper::core::harvest::Harvest::build(
                    &session, &state, &options, None,
                ))
            },
            lines: names.iter().map(|n| n.repeat(20)).collect(),
            scroll: 0,
        }))),
        Opened::Naming(Naming {
            person: PersonId(0),
            cursor: 99,
        }),
    ];
    let mut covered: Vec<usize> = all.iter().map(opened_index).collect();
    covered.sort();
    covered.dedup();
    assert_eq!(
        covered.len(),
        OPENED,
        "every overlay and prompt has a sample"
    );
    std::iter::once(None)
        .chain(all.into_iter().map(Some))
        .collect()
}

/// A question with every name typed, a refusal, and a pick past the end.
fn asked<A>(about: A, names: &[String]) -> Ask<A> {
    let mut ask = Ask::with_text(about, names.concat());
    ask.error = Some(names.join(" "));
    ask.pick = 99;
    ask
}

/// Opens an overlay or a screen's prompt.
fn open(app: &mut App, opened: Option<Opened>) {
    match opened {
        None => {}
        Some(Opened::Overlay(o)) => app.overlay = Some(o),
        Some(Opened::Plan(p)) => app.views.plan.prompt = Some(p),
        Some(Opened::Notes(p)) => app.views.notes.prompt = Some(p),
        Some(Opened::Stack(a)) => app.views.stack.prompt = Some(a),
        Some(Opened::People(a)) => app.views.people.prompt = Some(a),
        Some(Opened::Naming(n)) => app.views.people.naming = Some(n),
    }
}

fn sentinel() -> Cell {
    let mut cell = Cell::new("¤");
    cell.set_style(Style::new().fg(Color::Rgb(1, 2, 3)).bg(Color::Rgb(4, 5, 6)));
    cell
}

/// Draws into a buffer with a margin all round; returns where something
/// was written outside `area`, if anywhere.
fn stray_write(app: &App, now: jiff::Timestamp, w: u16, h: u16) -> Option<(u16, u16)> {
    let margin = 6;
    let outer = Rect::new(0, 0, w + 2 * margin + 3, h + 2 * margin + 1);
    let area = Rect::new(margin + 3, margin, w, h);
    let mut buf = Buffer::filled(outer, sentinel());
    frame::render(app, now, area, &mut buf);
    let s = sentinel();
    for y in outer.top()..outer.bottom() {
        for x in outer.left()..outer.right() {
            let inside =
                x >= area.left() && x < area.right() && y >= area.top() && y < area.bottom();
            if !inside && buf[(x, y)] != s {
                return Some((x, y));
            }
        }
    }
    None
}

#[test]
fn every_screen_and_overlay_draws_inside_its_area_at_every_size() {
    let mut frames = 0;
    for (script, names) in rosters() {
        let plan = plan(&names);
        for (state, events, secs) in states(&plan) {
            let base = app_with(plan.clone(), &events);
            for screen in Screen::ALL {
                for overlay in opened(&names) {
                    for variant in 0..2 {
                        let mut app = app_with(plan.clone(), &events);
                        assert_eq!(app.state(), base.state());
                        app.screen = screen;
                        open(&mut app, overlay.clone());
                        if variant == 1 {
                            // The loudest status bar, and a cursor past the end.
                            let mut session = app.session().clone();
                            session.rehearsal = true;
                            app.timeline = Timeline::new(session);
                            app.save = SaveStatus::Failed(format!(
                                "{}: {}",
                                names.concat(),
                                "x".repeat(300)
                            ));
                            app.flash = Some(names.join(" "));
                            app.views.plan.cursor = 999;
                        }
                        for (w, h) in SIZES {
                            let now = at(secs);
                            let what = format!(
                                "{screen:?} {overlay:?} {w}x{h}, {script} names, {state}, variant {variant}"
                            );
                            let drawn =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    stray_write(&app, now, w, h)
                                }));
                            match drawn {
                                Err(_) => panic!("panicked drawing {what}"),
                                Ok(Some((x, y))) => {
                                    panic!("wrote outside the area at ({x}, {y}) drawing {what}")
                                }
                                Ok(None) => frames += 1,
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(frames >= 6 * 4 * 8 * 5 * 5 * 2, "{frames} frames");
}
