//! Shared by the benchmarks: a generator for a big session (a long
//! gathering, fully used), and a small report that prints each figure
//! beside its baseline as a ratio.
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use circlekeeper::core::event::Event;
use circlekeeper::core::note::{Landed, Note, NoteEvent, NoteId, NoteKind, Visibility};
use circlekeeper::core::person::{PeopleEvent, PersonId};
use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
use circlekeeper::core::round::{Direction, RoundEvent};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::stack::{Jump, StackEvent};
use circlekeeper::store::text::plan_from_str;
use criterion::{BenchmarkGroup, measurement::WallTime};
use jiff::{SignedDuration, Timestamp};

pub const PEOPLE: usize = 300;
pub const SEGMENTS: usize = 60;
pub const EVENTS: usize = 20_000;
/// Of the events, how many are notes.
pub const NOTES: usize = 5_000;

/// The example plans, whose segments the big plans are made of.
pub fn example_segments() -> Vec<Segment> {
    [
        include_str!("../../examples/three-day-gathering.ron"),
        include_str!("../../examples/community-meeting.ron"),
        include_str!("../../examples/conflict-evening.ron"),
    ]
    .iter()
    .flat_map(|text| {
        plan_from_str(std::path::Path::new("example.ron"), text)
            .unwrap()
            .segments
    })
    .collect()
}

/// A plan of `n` segments taken in turn from the examples, for `people`.
pub fn big_plan(n: usize, people: usize) -> Plan {
    let pool = example_segments();
    let segments = (0..n)
        .map(|i| {
            let mut s = pool[i % pool.len()].clone();
            s.title = format!("{} ({})", s.title, i + 1);
            // An anchor ("Sat 09:00") belongs to its example's days; this
            // plan has none, and would not load with one.
            s.at = None;
            s
        })
        .collect();
    Plan {
        title: "Three-day gathering, fully used".into(),
        date: None,
        start: None,
        slot: Some(SignedDuration::from_hours(3 * 24)),
        people: Some(people as u32),
        roster: names(people),
        goals: vec!["Measure circlekeeper".into()],
        gathering: None,
        roles: vec![],
        holders: Default::default(),
        days: vec![],
        warnings: vec![SignedDuration::from_mins(2), SignedDuration::from_secs(30)],
        stack_rule: None,
        stack_scope: None,
        room_reasons: false,
        segments,
    }
}

/// Names in several scripts, as a real sign-up list has.
fn names(n: usize) -> Vec<String> {
    let first = [
        "Ana", "Noor", "李雷", "Zoë", "Kofi", "Maëlle", "Søren", "مريم", "Yusuf", "Ewa", "Tāne",
        "Chidi", "Saoirse", "Aiyana", "Dmitri",
    ];
    (0..n)
        .map(|i| format!("{} {}", first[i % first.len()], i + 1))
        .collect()
}

/// The big session: 300 people, 60 segments and 20,000 events, the last
/// segment still running. Each segment gets its share of events: a round
/// where the kind has one, a speaking stack on open floors and decisions,
/// script cues, pauses and added time elsewhere.
pub fn big_session() -> Session {
    session_of(EVENTS)
}

/// A session like the big one with `events` events, a quarter of them
/// notes (5,000 in the big session): 100,000 is a three-day gathering with
/// heavy note-taking.
pub fn session_of(events: usize) -> Session {
    let notes_wanted = events / 4;
    let start: Timestamp = "2026-05-01T09:00:00Z".parse().unwrap();
    let plan = big_plan(SEGMENTS, PEOPLE);
    let kinds: Vec<SegmentKind> = plan.segments.iter().map(|s| s.kind).collect();
    let mut s = Session::new(plan, start);
    let mut t = start;
    let mut push = |s: &mut Session, e: Event| {
        t = t.checked_add(SignedDuration::from_secs(3)).unwrap();
        s.push(t, e);
    };
    for i in 0..PEOPLE {
        push(
            &mut s,
            Event::People(PeopleEvent::Arrived {
                id: PersonId(i as u32),
                arrived: true,
            }),
        );
    }
    // 5,000 of the events are notes of every kind, one in three until
    // there are enough.
    let mut notes = 0usize;
    for (i, kind) in kinds.iter().enumerate() {
        let left = events - s.events.len();
        let share = left / (SEGMENTS - i);
        let until = s.events.len() + share;
        push(&mut s, Event::Run(RunEvent::Start(SegmentId(i as u32))));
        let mut k = 0usize;
        while s.events.len() < until {
            let who = PersonId(((i * 37 + k) % PEOPLE) as u32);
            if k % 3 == 2 && notes < notes_wanted {
                let kind = match notes % 6 {
                    0 => NoteKind::Note,
                    1 => NoteKind::Decision,
                    2 => NoteKind::Action {
                        owner: Some(who),
                        due: None,
                    },
                    3 => NoteKind::ParkingLot { moved_to: None },
                    4 => NoteKind::Reflection {
                        landed: Landed::Mixed,
                    },
                    _ => NoteKind::FollowUp {
                        who: vec![who],
                        with: vec![],
                        by: None,
                    },
                };
                let note = Note {
                    id: NoteId(notes as u32),
                    kind,
                    text: format!(
                        "Note {notes} from the circle: what was said, who takes it on, and what we come back to."
                    ),
                    visibility: if notes.is_multiple_of(3) {
                        Visibility::CircleOnly
                    } else {
                        Visibility::Shared
                    },
                    segment: Some(SegmentId(i as u32)),
                    speaker: Some(who),
                    group: None,
                };
                push(&mut s, Event::Note(NoteEvent::Added(note)));
                notes += 1;
                k += 1;
                continue;
            }
            let e = match kind {
                SegmentKind::CheckIn | SegmentKind::Round | SegmentKind::ClosingRound => {
                    match k % PEOPLE {
                        0 => Event::Round(RoundEvent::Start {
                            first: who,
                            direction: Direction::Clockwise,
                        }),
                        n if n.is_multiple_of(11) => Event::Round(RoundEvent::Pass),
                        _ => Event::Round(RoundEvent::Next),
                    }
                }
                SegmentKind::OpenFloor | SegmentKind::Decision | SegmentKind::AntiRetreat => {
                    match k % 3 {
                        0 => Event::Stack(StackEvent::Add {
                            person: who,
                            jump: if k.is_multiple_of(17) {
                                Jump::DirectResponse
                            } else {
                                Jump::NoJump
                            },
                        }),
                        1 => Event::Stack(StackEvent::Next),
                        _ => Event::Stack(StackEvent::EndTurn),
                    }
                }
                _ => match k % 4 {
                    0 => Event::Run(RunEvent::Cue(k / 4 % 3)),
                    1 => Event::Run(RunEvent::Pause),
                    2 => Event::Run(RunEvent::Resume),
                    _ => Event::Run(RunEvent::AddTime {
                        segment: SegmentId(i as u32),
                        by: SignedDuration::from_secs(30),
                    }),
                },
            };
            push(&mut s, e);
            k += 1;
        }
    }
    s.events.truncate(events);
    assert_eq!(s.events.len(), events);
    assert_eq!(notes, notes_wanted);
    s
}

/// Per-iteration times of one benchmark, recorded while criterion runs it:
/// wall time, and the thread's CPU time, which leaves out the moments the
/// thread waited for a core (on a shared machine, most of a wall p99).
#[derive(Clone, Default)]
pub struct Samples {
    wall: Rc<RefCell<Vec<Duration>>>,
    cpu: Rc<RefCell<Vec<Duration>>>,
}

fn percentile(v: &RefCell<Vec<Duration>>, p: usize) -> Duration {
    let mut v = v.borrow().clone();
    v.sort();
    let i = (v.len() * p / 100).min(v.len().saturating_sub(1));
    v.get(i).copied().unwrap_or_default()
}

impl Samples {
    pub fn median(&self) -> Duration {
        percentile(&self.wall, 50)
    }

    /// The 10th percentile of wall time: on a shared machine, the closest
    /// to what the work itself costs.
    pub fn low(&self) -> Duration {
        percentile(&self.wall, 10)
    }

    /// The 99th percentile of wall time.
    pub fn p99(&self) -> Duration {
        percentile(&self.wall, 99)
    }

    /// The 99th percentile of CPU time.
    pub fn cpu_p99(&self) -> Duration {
        percentile(&self.cpu, 99)
    }

    pub fn count(&self) -> usize {
        self.wall.borrow().len()
    }
}

/// CPU time this thread has used.
pub fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    unsafe {
        libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts);
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Runs `f` as a criterion benchmark, timing every iteration.
pub fn measure(group: &mut BenchmarkGroup<WallTime>, name: &str, f: impl FnMut()) -> Samples {
    measure_prepared(group, name, || {}, f)
}

/// Like `measure`, with `prepare` run untimed before each iteration.
pub fn measure_prepared(
    group: &mut BenchmarkGroup<WallTime>,
    name: &str,
    mut prepare: impl FnMut(),
    mut f: impl FnMut(),
) -> Samples {
    let samples = Samples::default();
    let keep = samples.clone();
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                prepare();
                let c = thread_cpu();
                let t = Instant::now();
                f();
                let d = t.elapsed();
                keep.cpu.borrow_mut().push(thread_cpu().saturating_sub(c));
                keep.wall.borrow_mut().push(d);
                total += d;
            }
            total
        })
    });
    samples
}

pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// Lines for the summary printed at the end of a bench run.
#[derive(Default)]
pub struct Report(Vec<String>);

impl Report {
    /// A figure beside its baseline: "what: X | baseline: Y | ratio | target".
    /// Benchmarks left out by a filter are reported as such.
    pub fn ratio(&mut self, what: &str, x: Duration, baseline: &str, y: Duration, target: &str) {
        if x.is_zero() || y.is_zero() {
            self.0.push(format!("{what}: not run"));
            return;
        }
        let r = x.as_secs_f64() / y.as_secs_f64();
        self.0.push(format!(
            "{what}: {} | baseline {baseline}: {} | ratio {r:.2}x | {target}",
            ms(x),
            ms(y)
        ));
    }

    pub fn line(&mut self, text: String) {
        self.0.push(text);
    }

    pub fn print(&self, title: &str) {
        println!("\n== {title} ==");
        for l in &self.0 {
            println!("{l}");
        }
    }
}

/// "met" or "MISSED" for a figure against its limit.
pub fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}
