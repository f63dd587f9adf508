//! `kill -9` at random moments: the real binary in a pseudo-terminal is
//! driven through scripted changes and killed at a random point; every
//! change the screen showed more than a second before the kill must be in
//! the session file or its journal, and they must always load. A second
//! test kills the process exactly between an append to the journal and its
//! fsync.
//!
//! How "shown" is known: an in-process `App` (the mirror) takes the same
//! keys. After each step the mirror's screen, drawn at the same size, says
//! what the real one must show; the step counts as shown at the instant the
//! real screen matches (clock readings masked). The mirror also says which
//! events the file must hold, in order.
//!
//! CI runs 200 kills; `CIRCLEKEEPER_PROOF=full` runs 2,000. A failure
//! prints the seed; `CIRCLEKEEPER_PROOF_SEED=N` replays it.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use circlekeeper::core::plan::Plan;
use circlekeeper::core::session::Session;
use circlekeeper::store::file::load_session;
use circlekeeper::store::text::plan_from_str;
use circlekeeper::tui::app::App;
use circlekeeper::tui::frame;
use circlekeeper::tui::keymap::Keymap;
use circlekeeper::tui::theme::Theme;
use common::pty::Tui;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// One scripted change: keys typed on the screen `keys` start from.
struct Step {
    name: &'static str,
    keys: &'static str,
    /// How often it is picked, relative to the others.
    weight: u32,
}

/// The script. Steps are typed on the Plan screen, whose table shows what
/// every run change does; a step for another screen starts with that
/// screen's key and ends with "1" to come back. Any screen works whose text
/// shows ticking clocks only as `m:ss` (masked when comparing).
const STEPS: &[Step] = &[
    Step {
        name: "start / pause / resume",
        keys: " ",
        weight: 4,
    },
    Step {
        name: "next segment",
        keys: "n",
        weight: 1,
    },
    Step {
        name: "cursor down",
        keys: "j",
        weight: 3,
    },
    Step {
        name: "cursor up",
        keys: "k",
        weight: 2,
    },
    Step {
        name: "skip / unskip",
        keys: "s",
        weight: 3,
    },
    Step {
        name: "move down",
        keys: "J",
        weight: 2,
    },
    Step {
        name: "move up",
        keys: "K",
        weight: 2,
    },
    Step {
        name: "+1 min",
        keys: "+",
        weight: 3,
    },
    Step {
        name: "-1 min",
        keys: "-",
        weight: 2,
    },
    Step {
        name: "set the time box",
        keys: "t\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f7m\r",
        weight: 2,
    },
    Step {
        name: "undo",
        keys: "u",
        weight: 2,
    },
];

const PLAN: &str = r#"(
    title: "Kill test evening",
    segments: [
        (title: "Arrive", kind: WelcomeCircle, time: "5m"),
        (title: "Checkin", kind: CheckIn, time: "12m", per_speaker: "1m"),
        (title: "Agenda", kind: Decision, time: "20m"),
        (title: "Pause", kind: Break, time: "10m"),
        (title: "Floor", kind: OpenFloor, time: "25m"),
        (title: "Parked", kind: Custom, time: "8m"),
        (title: "Closing", kind: ClosingRound, time: "9m"),
    ],
)
"#;

const COLS: u16 = 110;
const ROWS: u16 = 24;
/// How long a shown change may take to reach the disk.
const GRACE: Duration = Duration::from_secs(1);

/// splitmix64: small, seeded, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn step(&mut self) -> &'static Step {
        let total: u32 = STEPS.iter().map(|s| s.weight).sum();
        let mut pick = self.below(u64::from(total)) as u32;
        for s in STEPS {
            if pick < s.weight {
                return s;
            }
            pick -= s.weight;
        }
        unreachable!()
    }
}

/// The key crossterm reads for one typed character.
fn key(c: char) -> KeyEvent {
    let code = match c {
        '\r' => KeyCode::Enter,
        '\x7f' => KeyCode::Backspace,
        c => KeyCode::Char(c),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn mirror_of(session: Session, path: &Path) -> App {
    App::new(
        session,
        path.to_path_buf(),
        Keymap::defaults(),
        Theme::color(),
        TimeZone::system(),
    )
}

/// The mirror's screen, one string per row.
fn mirror_rows(app: &App) -> Vec<String> {
    let area = Rect::new(0, 0, COLS, ROWS);
    let mut buf = Buffer::empty(area);
    frame::render(app, Timestamp::now(), area, &mut buf);
    (0..ROWS)
        .map(|y| (0..COLS).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// What a screen shows of the session, clock readings left out: the body
/// rows without the status bar, the screen's own footer and the hint bar;
/// a word holding ':' is a clock reading, and a finished segment's actual
/// length (after "done") depends on the moment.
fn fingerprint(rows: &[String]) -> String {
    let body = rows.get(3..rows.len().saturating_sub(2)).unwrap_or(&[]);
    let mut out = String::new();
    for row in body {
        for word in row.split_whitespace() {
            if word.contains(':') {
                out.push('#');
            } else {
                out.push_str(word);
            }
            out.push(' ');
            if word == "done" {
                break;
            }
        }
        out.push('\n');
    }
    out
}

fn pty_fingerprint(tui: &Tui) -> String {
    fingerprint(&tui.rows())
}

/// What was seen: at this instant the screen showed the effect of the
/// first `events` entries of the mirror's log.
struct Seen {
    at: Instant,
    events: usize,
}

struct Cycle<'a> {
    seed: u64,
    worker: usize,
    n: usize,
    plan: &'a Path,
    session: &'a Path,
}

impl Cycle<'_> {
    fn fail(&self, what: &str) -> ! {
        panic!(
            "kill test seed {} (replay with CIRCLEKEEPER_PROOF_SEED={}), worker {}, cycle {}: {what}",
            self.seed, self.seed, self.worker, self.n
        )
    }
}

/// One spawn, some steps, one kill; then the file is checked.
fn cycle(c: &Cycle, rng: &mut Rng, home: &Path) -> usize {
    let session_path = c.session.to_str().unwrap();
    let fresh = !c.session.exists();
    let mut mirror = if fresh {
        let plan: Plan = plan_from_str(c.plan, PLAN).unwrap();
        mirror_of(Session::new(plan, Timestamp::now()), c.session)
    } else {
        mirror_of(load_session(c.session).unwrap(), c.session)
    };
    let args: Vec<&str> = if fresh {
        vec!["run", c.plan.to_str().unwrap(), "--session", session_path]
    } else {
        vec!["open", session_path]
    };
    let mut tui = Tui::spawn(home, &args, COLS, ROWS);
    let kill_at = Instant::now() + Duration::from_millis(rng.below(2500));
    let mut seen: Vec<Seen> = Vec::new();
    let mut shown = String::new();
    // Each step waits for the screen before the next is typed; the first
    // waits for the full-screen mode, or its keys would land in the
    // terminal's line editor.
    let mut script: Vec<(&str, &str)> = vec![("the Plan screen", "1")];
    'run: while Instant::now() < kill_at {
        if script.is_empty() {
            let s = rng.step();
            script.push((s.name, s.keys));
        }
        let (name, keys) = script.remove(0);
        if keys == "1" && !tui.in_alternate_screen() {
            while !tui.in_alternate_screen() || !tui.screen().contains("Plan") {
                if Instant::now() >= kill_at {
                    break 'run;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        for ch in keys.chars() {
            mirror.on_key(key(ch), Timestamp::now());
        }
        let expected = fingerprint(&mirror_rows(&mirror));
        tui.send(keys);
        if expected == shown {
            // Nothing visible to wait for; a later step's effect confirms it.
            continue;
        }
        let give_up = Instant::now() + Duration::from_secs(10);
        loop {
            if pty_fingerprint(&tui) == expected {
                seen.push(Seen {
                    at: Instant::now(),
                    events: mirror.session().events.len(),
                });
                shown = expected;
                break;
            }
            if Instant::now() >= kill_at {
                break 'run;
            }
            if Instant::now() >= give_up {
                c.fail(&format!(
                    "after '{name}' the screen never showed\n{expected}\nit shows\n{}",
                    tui.screen()
                ));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let now = Instant::now();
    if now < kill_at {
        std::thread::sleep(kill_at - now);
    }
    let killed = Instant::now();
    tui.kill_now();
    check_file(c, &mirror, &seen, killed)
}

/// The file after a kill: it loads, holds every change shown more than
/// `GRACE` before the kill, and nothing the mirror did not do. Returns how
/// many events it had to hold.
fn check_file(c: &Cycle, mirror: &App, seen: &[Seen], killed: Instant) -> usize {
    let owed = seen
        .iter()
        .filter(|s| killed.duration_since(s.at) > GRACE)
        .map(|s| s.events)
        .max()
        .unwrap_or(0);
    if !c.session.exists() {
        // A new session's file is written just after its first frame.
        if owed > 0 {
            c.fail(
                "changes were shown over a second before the kill, but there is no session file",
            );
        }
        return 0;
    }
    let saved = match load_session(c.session) {
        Ok(s) => s,
        Err(e) => c.fail(&format!("the session does not load: {e}")),
    };
    let done = &mirror.session().events;
    if saved.events.len() < owed {
        let missing = seen
            .iter()
            .find(|s| s.events > saved.events.len())
            .map_or(Duration::ZERO, |s| killed.duration_since(s.at));
        let written = std::fs::metadata(c.session)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .unwrap_or_default();
        c.fail(&format!(
            "{owed} changes were shown over a second before the kill, the file holds {}; \
             the first missing one was on screen {missing:?} before the kill; the file was \
             last written {written:?} ago; load average {}",
            saved.events.len(),
            std::fs::read_to_string("/proc/loadavg")
                .unwrap_or_default()
                .trim()
        ));
    }
    if saved.events.len() > done.len() {
        c.fail("the file holds more events than were made");
    }
    for (i, (file, made)) in saved.events.iter().zip(done).enumerate() {
        if file.event != made.event {
            c.fail(&format!(
                "event {i} is {:?} in the file, {:?} was made",
                file.event, made.event
            ));
        }
    }
    // A kill mid-save may leave one temporary file; the next open sweeps it.
    let dir = c.session.parent().unwrap();
    let ours = format!(".{}.", c.session.file_name().unwrap().to_string_lossy());
    let temps = common::listing(dir)
        .into_iter()
        .filter(|n| n.starts_with(&ours) && n.ends_with(".tmp"))
        .count();
    if temps > 1 {
        c.fail(&format!("{temps} temporary files pile up"));
    }
    owed
}

/// Runs `cycles` kills; returns the events in the final file and how many
/// kills came after a shown change was owed to the disk.
fn worker(seed: u64, worker: usize, cycles: usize) -> (usize, usize) {
    let home = tempfile::tempdir().unwrap();
    let plan = home.path().join("plan.ron");
    std::fs::write(&plan, PLAN).unwrap();
    let mut rng = Rng(seed ^ (worker as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let mut owing = 0;
    let mut session = PathBuf::new();
    for n in 0..cycles {
        // A new session every 25 kills, so long runs test the same sizes
        // as CI does rather than ever longer logs.
        if n % 25 == 0 {
            session = home.path().join(format!("evening-{}.ron", n / 25));
        }
        let c = Cycle {
            seed,
            worker,
            n,
            plan: &plan,
            session: &session,
        };
        if cycle(&c, &mut rng, home.path()) > 0 {
            owing += 1;
        }
    }
    let events = load_session(&session).map_or(0, |s| s.events.len());
    (events, owing)
}

#[test]
fn a_kill_between_an_append_and_its_sync_keeps_the_event() {
    let home = tempfile::tempdir().unwrap();
    let (mut cmd, session) = Tui::run_default_plan(home.path());
    // Each fsync of the session's files waits 1.5 s first (debug builds).
    cmd.env("CIRCLEKEEPER_TEST_SLOW_SYNC_MS", "1500");
    let mut tui = Tui::spawn_command(cmd, 100, 30);
    tui.wait_text("Ready");
    tui.wait_for("the first save", 10, |s| s.contains("saved "));
    tui.send(" ");
    tui.wait_text("RUNNING");
    let journal = circlekeeper::store::journal::path_of(&session);
    // The line is written at once; its fsync is still 1.5 s away.
    let deadline = Instant::now() + Duration::from_secs(1);
    while !std::fs::read_to_string(&journal).is_ok_and(|t| t.contains("Start(0)")) {
        assert!(Instant::now() < deadline, "the journal never got the line");
        std::thread::sleep(Duration::from_millis(5));
    }
    tui.kill_now();
    let saved = load_session(&session).expect("the session and journal load");
    assert!(
        matches!(
            saved.events.last().map(|e| &e.event),
            Some(circlekeeper::core::event::Event::Run(
                circlekeeper::core::run::RunEvent::Start(_)
            ))
        ),
        "{:?}",
        saved.events
    );
    // Reopened, the journal is continued, and a clean quit folds it away.
    let mut tui = Tui::spawn(home.path(), &["open", session.to_str().unwrap()], 100, 30);
    tui.wait_text("RUNNING");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
    assert!(!journal.exists(), "folded into the session file on quit");
    assert_eq!(load_session(&session).unwrap().events, saved.events);
    let names = common::listing(home.path());
    assert_eq!(
        names,
        ["data", "evening.ron", "evening.ron.bak", "plan.ron"],
        "at rest"
    );
}

#[test]
fn kill_dash_nine_at_random_moments_loses_nothing_shown() {
    let full = std::env::var("CIRCLEKEEPER_PROOF").is_ok_and(|v| v == "full");
    let (workers, cycles) = if full { (8, 250) } else { (8, 25) };
    let seed = std::env::var("CIRCLEKEEPER_PROOF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("kill test seed {seed}: replay with CIRCLEKEEPER_PROOF_SEED={seed}");
    let runs: Vec<_> = (0..workers)
        .map(|w| std::thread::spawn(move || worker(seed, w, cycles)))
        .collect();
    let (mut events, mut owing) = (0, 0);
    for r in runs {
        match r.join() {
            Ok((e, o)) => {
                events += e;
                owing += o;
            }
            Err(e) => std::panic::resume_unwind(e),
        }
    }
    eprintln!(
        "{} kills; {owing} with shown changes owed to the file; {events} events made",
        workers * cycles
    );
    // The script did make changes for the kills to interrupt, and a fair
    // share of kills came late enough to owe some.
    assert!(events > workers * 10, "seed {seed}: only {events} events");
    assert!(
        owing * 5 > workers * cycles,
        "seed {seed}: {owing} kills owed"
    );
}
