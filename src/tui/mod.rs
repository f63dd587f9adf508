//! The terminal UI: the app loop, actions, key bindings, screens, widgets.
//!
//! - `app`: the loop's concerns between keys, and where a key goes.
//! - `screens`: one file or folder per screen, on one contract
//!   (`screens::contract`); `frame` draws the frame around them.
//! - `action`, `keymap`: what a user can ask for, and the keys for it.
//! - `jobs`: file work a key asks for, run off the key path.
//! - `follow`: the read-only second window (`circlekeeper follow`).
//! - `saver`: the writer thread; `terminal`, `clock`, `theme`, `diag`.

pub mod action;
pub mod app;
pub mod clock;
pub mod clusters;
pub mod diag;
pub mod follow;
pub mod frame;
pub mod jobs;
pub mod keymap;
pub mod room;
pub mod saver;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod widgets;

#[cfg(test)]
mod boundaries;
#[cfg(test)]
mod words;

use std::io::Write;
use std::process::ExitCode;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use color_eyre::eyre::{Result, eyre};
use crossterm::event::{Event, KeyCode, KeyEventKind};
use jiff::Timestamp;

use self::app::{App, Effect};
use self::clock::{Clock, DEFAULT_SPEED};
use self::keymap::Keymap;
use self::saver::{SaveStatus, Saver};
use self::terminal::Msg;
use self::theme::Theme;
use crate::core::session::Session;
use crate::core::state::State;
use crate::store::paths::Dirs;
use crate::store::writer::Writer;

/// Runs the live session until the user quits or a signal stops it. The
/// writer holds the session's lock; once the first frame is up it writes
/// what the session owes the disk, and every change after that within a
/// second.
pub fn run(dirs: &Dirs, keymap: Keymap, writer: Writer) -> Result<ExitCode> {
    drive(dirs, keymap, writer, DEFAULT_SPEED).map(|end| end.code)
}

/// How a session stood when the terminal was handed back.
pub struct Ended {
    pub code: ExitCode,
    pub session: Session,
    pub state: State,
    /// The session's own time at the end (simulated in a rehearsal).
    pub now: Timestamp,
}

/// The loop itself, handing back where the session ended (a rehearsal
/// reports on it). A rehearsal session runs on a simulated clock at
/// `speed`, carrying on from its last event (or the plan's start); any
/// other on the wall clock.
pub fn drive(dirs: &Dirs, keymap: Keymap, writer: Writer, speed: u32) -> Result<Ended> {
    let path = writer.path().to_path_buf();
    let session = writer.session().clone();
    let diag = diag::Diag::open(&dirs.log_file());
    let theme = Theme::from_env(
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        std::env::var("CIRCLEKEEPER_THEME").ok().as_deref(),
    );
    let mut app = App::new(
        session,
        path.clone(),
        keymap,
        theme,
        crate::store::paths::local_zone(),
    );
    if writer.owed() {
        app.save = SaveStatus::Pending;
    }
    if app.session().rehearsal {
        let real = Timestamp::now();
        let from = app.timeline.session().events.last().map(|e| e.at);
        let start = from.or(app.plan_clock_start()).unwrap_or(real);
        app.clock = Clock::simulated(real, start, speed);
    }
    let prompts = screens::live::guide::PromptMemory::load(&dirs.data);
    // A problem with the prompt rotation is said first; else what a new
    // session of a gathering picked up (set by `App::new`) stays.
    if let Some(problem) = prompts.problem.clone() {
        app.flash = Some(problem);
    }
    app.views.live.guide.prompts = prompts;

    let (tx, rx) = mpsc::channel::<Msg>();
    let report = tx.clone();
    let woken = tx.clone();
    app.jobs.wake_with(move || {
        let _ = woken.send(Msg::JobDone);
    });
    let saver = Saver::spawn(test_slow_disk(writer), move |s| {
        let _ = report.send(Msg::Saved(s));
    });
    terminal::spawn_signals(tx.clone()).map_err(|e| eyre!("cannot watch signals: {e}"))?;
    terminal::install_panic_hook(path.clone(), dirs.data.clone());
    let mut term = terminal::enter().map_err(|e| eyre!("cannot open the terminal: {e}"))?;
    terminal::spawn_input(tx);

    let mut stop_reason = None;
    let crash_key = test_crash_key();
    let mut first_frame = true;
    let mut shown: Option<frame::Layer> = None;
    // The latest moment the session has seen, so a clock set back is noticed.
    let mut seen = app
        .session()
        .events
        .last()
        .map_or(app.session().created, |e| e.at);
    let outcome = loop {
        let real = Timestamp::now();
        if let Some(note) = clock::catch_up(&mut app.clock, real, seen) {
            diag.line(&note);
            app.flash = Some(note);
        }
        let now = app.clock.now(real);
        seen = seen.max(now);
        if app.bell_due(now) {
            let _ = std::io::stdout().write_all(b"\x07");
        }
        // Hand new entries to the saver before drawing, so a drawing fault
        // cannot cost the last key's changes.
        saver.append(app.take_unsaved());
        // Every wake-up is for something that shows: redraw, in full when
        // what fills the window has changed (see `frame::Layer`).
        let now_showing = frame::layer(&app);
        if shown.as_ref() != Some(&now_showing) {
            if let Err(e) = terminal::clear_whole(&mut term) {
                break Err(eyre!("drawing failed: {e}"));
            }
            shown = Some(now_showing);
        }
        let drawn = term.draw(|f| {
            let area = f.area();
            frame::render(&app, now, area, f.buffer_mut())
        });
        if let Err(e) = drawn {
            break Err(eyre!("drawing failed: {e}"));
        }
        if first_frame {
            // Only now may the disk be touched (a new session's first write,
            // an upgrade): the screen never waits for it.
            first_frame = false;
            saver.begin();
            diag.line(&format!("opened {}", path.display()));
        }
        let msg = match rx.recv_timeout(next_wake(&app, now)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break Ok(()),
        };
        let mut effect = Effect::None;
        for msg in std::iter::once(msg).chain(rx.try_iter()) {
            effect = match msg {
                Msg::Term(Event::Key(k)) if k.kind == KeyEventKind::Press => {
                    if crash_key.is_some_and(|c| k.code == KeyCode::Char(c)) {
                        panic!("a crash asked for by CIRCLEKEEPER_TEST_PANIC");
                    }
                    // A paused rehearsal clock still gives each key its own
                    // moment, so one undo takes back one key.
                    if app.clock.is_paused() {
                        app.clock
                            .advance(Timestamp::now(), jiff::SignedDuration::from_millis(1));
                    }
                    let now = app.clock.now(Timestamp::now());
                    app.on_key(k, now)
                }
                Msg::Term(Event::Paste(text)) => {
                    app.on_paste(&text);
                    Effect::None
                }
                Msg::Term(_) => Effect::None,
                Msg::Saved(s) => {
                    if let SaveStatus::Failed(reason) = &s {
                        diag.line(&format!("save failed: {reason}"));
                    }
                    app.save = s;
                    Effect::None
                }
                Msg::Stop(sig) => {
                    diag.line(&format!("stopping on {sig}"));
                    stop_reason = Some(sig);
                    Effect::Quit
                }
                Msg::Suspend => Effect::Suspend,
                Msg::JobDone => {
                    app.jobs_done(app.clock.now(Timestamp::now()));
                    Effect::None
                }
            };
            if effect != Effect::None {
                break;
            }
        }
        match effect {
            Effect::Quit => break Ok(()),
            Effect::Suspend => {
                saver.append(app.take_unsaved());
                // A suspend may last a night: leave one tidy session file.
                saver.fold(Duration::from_secs(5));
                if let Err(e) = terminal::suspend(&mut term) {
                    break Err(eyre!("cannot return to the terminal: {e}"));
                }
            }
            Effect::Clock(change) => app.change_clock(change, Timestamp::now()),
            Effect::None => {}
        }
    };
    let last = app.clock.now(Timestamp::now());
    // Jobs already done are taken in; one still running (a list read off a
    // slow folder) does not hold up leaving.
    app.jobs_done(last);
    app.keep_draft(last);
    saver.append(app.take_unsaved());
    // The writer folds the journal into the session file, stops, and only
    // then lets go of the lock: never two writers.
    let saved = saver.finish(Duration::from_secs(10));
    terminal::leave();
    let mut code = ExitCode::SUCCESS;
    match &saved {
        SaveStatus::Failed(reason) => {
            code = ExitCode::FAILURE;
            eprintln!("NOT SAVED: {reason}");
            match crate::store::rescue::write(&dirs.data, app.session(), Timestamp::now()) {
                Ok(p) => eprintln!("Your session was written to {} instead.", p.display()),
                Err(e) => eprintln!("It could not be written anywhere else either ({e})."),
            }
        }
        SaveStatus::Elsewhere(what) => {
            code = ExitCode::FAILURE;
            eprintln!("NOT SAVED to {}: {what}.", path.display());
        }
        _ => eprintln!("Saved: {}", path.display()),
    }
    if let Some(sig) = stop_reason {
        eprintln!("Stopped by {sig}.");
    }
    let now = app.clock.now(Timestamp::now());
    let (session, state) = app.timeline.into_parts();
    outcome.map(|()| Ended {
        code,
        session,
        state,
        now,
    })
}

/// Debug builds only: `CIRCLEKEEPER_TEST_PANIC=KEY` makes that key panic
/// inside the loop, so tests can show a crash restores the terminal and
/// keeps the session.
fn test_crash_key() -> Option<char> {
    if cfg!(debug_assertions) {
        std::env::var("CIRCLEKEEPER_TEST_PANIC")
            .ok()?
            .chars()
            .next()
    } else {
        None
    }
}

/// Debug builds only: `CIRCLEKEEPER_TEST_SLOW_SYNC_MS=N` makes every fsync
/// of the session's files wait N ms first, so tests can show the first
/// frame does not wait for the disk, and kill the process between an
/// append to the journal and its sync.
fn test_slow_disk(writer: Writer) -> Writer {
    let ms = std::env::var("CIRCLEKEEPER_TEST_SLOW_SYNC_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|_| cfg!(debug_assertions));
    match ms {
        Some(ms) => writer.with_faults(Box::new(move |step| {
            if step == crate::store::atomic::Step::Sync {
                std::thread::sleep(Duration::from_millis(ms));
            }
            Ok(())
        })),
        None => writer,
    }
}

/// How long the loop may sleep: until the countdown's next second while a
/// clock runs, else until the clock's next minute (the status bar shows
/// hours and minutes); a simulated clock scales that to real time.
fn next_wake(app: &App, now: Timestamp) -> Duration {
    // A speaker's clock is the one watched while someone speaks.
    let watched = match (app.state().running_turn(), app.timeline.state().run.current) {
        (Some(turn), _) => Some(turn.spoken(now)),
        (None, Some(id)) if app.ticking() => Some(app.timeline.state().run.elapsed(id, now)),
        _ => None,
    };
    let wait = match watched {
        Some(elapsed) => {
            let into_second = elapsed.subsec_nanos().max(0) as u64;
            Duration::from_nanos(1_000_000_000 - into_second) + Duration::from_millis(5)
        }
        None => {
            let into_minute = now.as_second().rem_euclid(60) as u64;
            Duration::from_secs(60 - into_minute)
        }
    };
    app.clock.real_wait(wait)
}
