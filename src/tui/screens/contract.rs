//! The contract every screen keeps, and all a screen may reach.
//!
//! A screen is one file or folder under `screens/`, holding everything about
//! it, so the place a key is handled is the screen's own file:
//!
//! - its view state (`PlanView`, `NotesView`, ...): cursors, filters, an open
//!   prompt. Kept in `Views`, never in the session.
//! - `update(ctx, action) -> Outcome`: what its keys do once the keymap has
//!   named them. `Ignored` leaves the action to the run's keys and the app.
//! - `on_key(ctx, key) -> Outcome` and `on_paste(ctx, text)`: raw keys and
//!   pastes while its own prompt is open (typing a name, a time box).
//! - `render(view, area, buf)`: draws from a `View`, the same parts as a
//!   `Ctx` but read-only. Rendering never changes anything.
//! - `hints(view)`: which hint bar (`action::Bar`) it shows.
//!
//! `Ctx` gives the timeline (read the state, log events, undo), the screen's
//! own view state, the settings and `now`; what a key asks of the rest of the
//! app goes through `Asks`: a line for the status bar, another screen to
//! show, a `Job` for anything that touches a file (run off the key path; its
//! result comes back to the screen). A screen never sees the `App`, another
//! screen's view state, the terminal or a file.
//!
//! To add a screen: a variant of `Screen`, its view in `Views` and a line in
//! each dispatch in `screens/mod.rs`, a keymap section (`keymap::Context`),
//! and its hint bar in `action::BARS`. A guide on the Live screen is the same
//! on a smaller scale (see `screens::live::guide`).

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::core::event::{Event, Scope};
use crate::core::library::Library;
use crate::core::session::Session;
use crate::core::state::State;
use crate::core::timeline::{Timeline, Undone};
use crate::tui::action::Action;
use crate::tui::jobs::Job;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

/// The screens, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Plan,
    Live,
    Round,
    Stack,
    Notes,
    People,
}

impl Screen {
    pub const ALL: [Screen; 6] = [
        Screen::Plan,
        Screen::Live,
        Screen::Round,
        Screen::Stack,
        Screen::Notes,
        Screen::People,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Plan => "Plan",
            Screen::Live => "Live",
            Screen::Round => "Round",
            Screen::Stack => "Stack",
            Screen::Notes => "Notes",
            Screen::People => "People",
        }
    }

    /// Its section of the keymap.
    pub fn context(self) -> Context {
        match self {
            Screen::Plan => Context::Plan,
            Screen::Live => Context::Live,
            Screen::Round => Context::Round,
            Screen::Stack => Context::Stack,
            Screen::Notes => Context::Notes,
            Screen::People => Context::People,
        }
    }

    /// The screen `by` places on in Tab order, round the end.
    pub fn step(self, by: isize) -> Screen {
        let i = Screen::ALL.iter().position(|s| *s == self).unwrap_or(0) as isize;
        let n = Screen::ALL.len() as isize;
        Screen::ALL[(i + by).rem_euclid(n) as usize]
    }
}

/// What the app was started with, the same for every screen.
#[derive(Debug, Clone)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    /// The time zone the gathering happens in (clock times, the harvest).
    pub tz: TimeZone,
    /// The activities the Plan screen can insert and the prompts the
    /// check-in guide offers.
    pub library: Library,
    /// The session file: the harvest is written beside it.
    pub path: PathBuf,
}

impl Settings {
    /// The first key bound to `action` in `context` (or everywhere), as
    /// the help shows it; the action's word when none is.
    pub fn key(&self, context: Context, action: Action) -> String {
        self.key_in(&[context, Context::Global], action)
    }

    /// The same, with sections looked up in `chain` order (a guide, then
    /// Live, then everywhere).
    pub fn key_in(&self, chain: &[Context], action: Action) -> String {
        self.keymap
            .keys_in(chain, action)
            .first()
            .map_or(action.hint().to_string(), |k| k.label())
    }

    /// "u undoes", with the key that undoes in `context`: words on screen
    /// follow the keymap, so a rebound key is never misnamed.
    pub fn undoes(&self, context: Context) -> String {
        self.undoes_in(&[context, Context::Global])
    }

    /// The same, with sections looked up in `chain` order.
    pub fn undoes_in(&self, chain: &[Context]) -> String {
        match self.keymap.keys_in(chain, Action::Undo).first() {
            Some(k) => format!("{} undoes", k.label()),
            None => "can be undone".to_string(),
        }
    }
}

/// Whether a screen took an action (or a key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not this screen's: the run's keys and the app try it next.
    Ignored,
    Done,
}

impl Outcome {
    pub fn done(self) -> bool {
        self == Outcome::Done
    }
}

/// What one key asks of the app beyond the log.
#[derive(Debug, Default)]
pub struct Asks {
    /// A line for the status bar: what a key did, or why it did nothing.
    pub say: Option<String>,
    /// Another screen to show.
    pub show: Option<Screen>,
    /// Work that touches files, run off the key path.
    pub jobs: Vec<Job>,
    /// The log grew (or an undo changed what stands): the plan checks and
    /// the save state follow.
    pub logged: bool,
}

/// What a screen's `update` gets: the timeline, its own view state, the
/// settings, the time, and a place for what it asks of the app.
pub struct Ctx<'a, V> {
    pub timeline: &'a mut Timeline,
    pub view: &'a mut V,
    pub settings: &'a Settings,
    pub now: Timestamp,
    /// Whether saves reach the disk (false while the saver reports a
    /// failure), so a screen never says "saved" beside NOT SAVED.
    pub on_disk: bool,
    pub asks: &'a mut Asks,
}

impl<V> Ctx<'_, V> {
    pub fn state(&self) -> &State {
        self.timeline.state()
    }

    pub fn session(&self) -> &Session {
        self.timeline.session()
    }

    pub fn theme(&self) -> &Theme {
        &self.settings.theme
    }

    /// Logs an event now and brings the state up to date.
    pub fn log(&mut self, event: Event) {
        self.timeline.record(self.now, event);
        self.asks.logged = true;
    }

    /// Logs what one key did, in one go.
    pub fn log_all(&mut self, events: impl IntoIterator<Item = Event>) {
        for event in events {
            self.log(event);
        }
    }

    /// Runs an undo on the timeline and says what it took back ("undone:
    /// jump to Decision"), or that there was nothing to take back.
    pub fn undo_with(
        &mut self,
        undo: impl FnOnce(&mut Timeline, Timestamp) -> Vec<Undone>,
    ) -> Vec<Undone> {
        let undone = undo(self.timeline, self.now);
        if undone.is_empty() {
            self.say("nothing here to undo");
        } else {
            self.asks.logged = true;
            let what: Vec<&str> = undone.iter().map(|u| u.what.as_str()).collect();
            self.say(format!("undone: {}", what.join(", ")));
        }
        undone
    }

    /// Takes back the latest change in one scope (see `undo_with`).
    pub fn undo(&mut self, scope: Scope) -> Option<Undone> {
        self.undo_with(|t, now| t.undo(scope, now).into_iter().collect())
            .pop()
    }

    /// A line for the status bar.
    pub fn say(&mut self, text: impl Into<String>) {
        self.asks.say = Some(text.into());
    }

    pub fn show(&mut self, screen: Screen) {
        self.asks.show = Some(screen);
    }

    /// Asks for work that touches a file; its result comes back later.
    pub fn run(&mut self, job: Job) {
        self.asks.jobs.push(job);
    }

    /// An ended session starts nothing new; says so.
    pub fn refuse_when_closed(&mut self) -> bool {
        let closed = self.state().closed;
        if closed {
            self.say("this session has ended; start a new one with `circlekeeper run`");
        }
        closed
    }

    /// This context to read from, as a render gets it.
    pub fn look(&self) -> View<'_, V> {
        View {
            state: self.timeline.state(),
            session: self.timeline.session(),
            view: &*self.view,
            settings: self.settings,
            now: self.now,
        }
    }

    /// The same context over a part of this view state (a guide's within the
    /// Live screen's).
    pub fn with<W>(&mut self, part: impl FnOnce(&mut V) -> &mut W) -> Ctx<'_, W> {
        Ctx {
            timeline: &mut *self.timeline,
            view: part(&mut *self.view),
            settings: self.settings,
            now: self.now,
            on_disk: self.on_disk,
            asks: &mut *self.asks,
        }
    }
}

/// What a screen's `render` gets: the same parts as a `Ctx`, read-only.
pub struct View<'a, V> {
    pub state: &'a State,
    pub session: &'a Session,
    pub view: &'a V,
    pub settings: &'a Settings,
    pub now: Timestamp,
}

impl<'a, V> View<'a, V> {
    pub fn state(&self) -> &'a State {
        self.state
    }

    pub fn session(&self) -> &'a Session {
        self.session
    }

    pub fn theme(&self) -> &'a Theme {
        &self.settings.theme
    }

    pub fn tz(&self) -> &'a TimeZone {
        &self.settings.tz
    }

    /// The same view over a part of this view state.
    pub fn with<W>(&self, part: &'a W) -> View<'a, W> {
        View {
            state: self.state,
            session: self.session,
            view: part,
            settings: self.settings,
            now: self.now,
        }
    }

    /// "HH:MM" in the gathering's time zone.
    pub fn hhmm(&self, at: Timestamp) -> String {
        at.to_zoned(self.tz().clone()).strftime("%H:%M").to_string()
    }
}
