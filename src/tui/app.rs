//! The app: what the loop needs between keys, and the one place a key goes.
//!
//! `App` keeps the loop's concerns: the timeline (the session, its state
//! and undo), the clock, the settings (keymap, theme), which screen shows,
//! the overlays over every screen (help, the room clock), the status line,
//! the save state and the jobs running. Everything a screen does lives in
//! the screen's own file (see `screens::contract`): a key goes to an open
//! prompt first, then through the keymap to the screen on show, then to the
//! run's keys (space, n), then to the app's own (screens, help, quit).

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::action::Action;
use super::clock::{Clock, ClockChange};
use super::jobs::{Done, Jobs};
use super::keymap::{Context, Key, Keymap};
use super::saver::SaveStatus;
use super::screens::contract::{Asks, Ctx, Settings, View};
use super::screens::{self, Views};
use super::theme::Theme;
use crate::core::event::{Entry, Event, Scope};
use crate::core::run::{RunEvent, SegmentId, Stage};
use crate::core::session::Session;
use crate::core::state::State;
use crate::core::timeline::{Timeline, Undone};

pub use super::screens::contract::Screen;

/// Something drawn over the current screen that takes the keys first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    RoomClock,
    /// "End the session now?": y ends it, anything else keeps it going.
    ConfirmClose,
}

/// What the loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    Suspend,
    /// A rehearsal's simulated clock changes (see `App::change_clock`).
    Clock(ClockChange),
}

pub struct App {
    /// The session's log, its live state and undo.
    pub timeline: Timeline,
    pub settings: Settings,
    pub screen: Screen,
    /// Each screen's own view state: cursors, filters, open prompts.
    pub views: Views,
    pub overlay: Option<Overlay>,
    pub bell: bool,
    pub save: SaveStatus,
    /// Where `now` comes from: the wall clock, or a rehearsal's simulated one.
    pub clock: Clock,
    /// A short message for the status line, e.g. why a key did nothing.
    pub flash: Option<String>,
    /// Work that touches files, running off the key path.
    pub jobs: Jobs,
    /// How many entries of the log the saver has been handed.
    handed: usize,
    last_stage: Option<(SegmentId, Stage)>,
}

impl App {
    pub fn new(session: Session, path: PathBuf, keymap: Keymap, theme: Theme, tz: TimeZone) -> App {
        let handed = session.events.len();
        // A new session of a gathering says what it picked up, on its first
        // frame; a resumed one already said so.
        let flash = (session.events.is_empty())
            .then(|| session.gathering.as_ref().map(|c| c.summary()))
            .flatten();
        App {
            timeline: Timeline::new(session),
            settings: Settings {
                keymap,
                theme,
                tz,
                library: crate::store::library::builtin(),
                path,
            },
            screen: Screen::Live,
            views: Views::default(),
            overlay: None,
            bell: false,
            save: SaveStatus::Saved(Timestamp::UNIX_EPOCH),
            clock: Clock::Real,
            flash,
            jobs: Jobs::default(),
            handed,
            last_stage: None,
        }
    }

    /// The state as it stands after the log.
    pub fn state(&self) -> &State {
        self.timeline.state()
    }

    pub fn session(&self) -> &Session {
        self.timeline.session()
    }

    /// Entries to hand to the saver: those logged since it last took them.
    pub fn take_unsaved(&mut self) -> Vec<Entry> {
        let new = self.timeline.since(self.handed).to_vec();
        self.handed += new.len();
        new
    }

    /// Records an event, updates the state and queues it for the saver.
    pub fn log(&mut self, now: Timestamp, event: Event) {
        self.log_all(now, vec![event]);
    }

    /// Records what one key did, in one go.
    pub fn log_all(&mut self, now: Timestamp, events: Vec<Event>) {
        for event in events {
            self.timeline.record(now, event);
        }
        self.logged();
    }

    /// After entries were logged: the status bar shows a save is due.
    fn logged(&mut self) {
        self.save = self.save.after_change();
    }

    /// Runs an undo on the timeline and says what it took back ("undone:
    /// jump to Decision"), or that there was nothing to take back.
    pub fn undo_with(
        &mut self,
        now: Timestamp,
        undo: impl FnOnce(&mut Timeline, Timestamp) -> Vec<Undone>,
    ) -> Vec<Undone> {
        self.with_views(now, |ctx| ctx.undo_with(undo))
    }

    /// Takes back the latest change in one scope (see `undo_with`).
    pub fn undo(&mut self, scope: Scope, now: Timestamp) -> Option<Undone> {
        self.undo_with(now, |t, now| t.undo(scope, now).into_iter().collect())
            .pop()
    }

    /// Runs `f` with a context over every screen's view state, then does
    /// what it asked: the status line, another screen, jobs, a save.
    fn with_views<R>(&mut self, now: Timestamp, f: impl FnOnce(&mut Ctx<Views>) -> R) -> R {
        let mut asks = Asks::default();
        let on_disk = !matches!(self.save, SaveStatus::Failed(_));
        let out = f(&mut Ctx {
            timeline: &mut self.timeline,
            view: &mut self.views,
            settings: &self.settings,
            now,
            on_disk,
            asks: &mut asks,
        });
        self.follow(asks);
        out
    }

    /// Does what a key asked of the app.
    fn follow(&mut self, asks: Asks) {
        if asks.say.is_some() {
            self.flash = asks.say;
        }
        if let Some(screen) = asks.show {
            self.screen = screen;
        }
        for job in asks.jobs {
            self.jobs.start(job);
        }
        if asks.logged {
            self.logged();
        }
    }

    /// A view of every screen's state, for drawing.
    pub fn view(&self, now: Timestamp) -> View<'_, Views> {
        View {
            state: self.timeline.state(),
            session: self.timeline.session(),
            view: &self.views,
            settings: &self.settings,
            now,
        }
    }

    /// Results of jobs that have ended go to the screens that asked.
    pub fn jobs_done(&mut self, now: Timestamp) {
        let done = self.jobs.finished();
        self.hand_back(done, now);
    }

    /// Waits for every job still running and hands back its result (tests,
    /// and quitting).
    pub fn settle(&mut self, now: Timestamp) {
        let done = self.jobs.wait();
        self.hand_back(done, now);
    }

    fn hand_back(&mut self, done: Vec<Done>, now: Timestamp) {
        for d in done {
            let screen = self.screen;
            self.with_views(now, |ctx| screens::done(screen, ctx, d));
        }
    }

    /// On the way out (a signal, a hang-up), a note still being written is
    /// saved rather than lost (see `notes::keep_draft`).
    pub fn keep_draft(&mut self, now: Timestamp) {
        self.with_views(now, |ctx| {
            super::screens::notes::keep_draft(&mut ctx.with(|v| &mut v.notes))
        });
    }

    /// The clock time the run is measured against (see
    /// `Session::planned_start`).
    pub fn planned_start(&self) -> Option<Timestamp> {
        self.session()
            .planned_start(self.state().run.started, &self.settings.tz)
    }

    /// The plan's date (else the session's day) at the plan's start time.
    pub fn plan_clock_start(&self) -> Option<Timestamp> {
        self.session().plan_clock_start(&self.settings.tz)
    }

    /// " REHEARSAL 10x " (or " REHEARSAL paused ") in a rehearsal, so it is
    /// never mistaken for the real thing.
    pub fn rehearsal_badge(&self) -> Option<String> {
        self.session().rehearsal.then(|| match self.clock.label() {
            Some(speed) => format!(" REHEARSAL {speed} "),
            None => " REHEARSAL ".to_string(),
        })
    }

    /// Whether a clock runs, so the screen must redraw each second.
    pub fn ticking(&self) -> bool {
        self.state().run.is_running() || self.state().running_turn().is_some()
    }

    /// The countdown of the current segment, if one is on.
    pub fn countdown(&self, now: Timestamp) -> Option<(SegmentId, SignedDuration, Stage)> {
        self.state().countdown(&self.session().plan, now)
    }

    /// True once when the countdown crosses into a new warning stage with the
    /// bell on; the loop then rings the terminal bell.
    pub fn bell_due(&mut self, now: Timestamp) -> bool {
        let now_stage = self.countdown(now).map(|(id, _, s)| (id, s));
        let rang = match (self.last_stage, now_stage) {
            (Some((a, old)), Some((b, new))) => a == b && new > old,
            _ => false,
        };
        self.last_stage = now_stage;
        rang && self.bell
    }

    /// A key press: an open prompt first, then the keymap.
    pub fn on_key(&mut self, key: KeyEvent, now: Timestamp) -> Effect {
        self.flash = None;
        let action = self.action_for(&key, now);
        // Quitting by a ctrl key (ctrl-c) works even while a prompt takes
        // the keys: no letter typed is ever one.
        let named = Key::from_event(&key);
        if action == Some(Action::Quit) && (named.ctrl || named.alt) {
            return Effect::Quit;
        }
        if self.overlay == Some(Overlay::ConfirmClose) {
            self.overlay = None;
            let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
            self.with_views(now, |ctx| close_session(ctx, yes));
            return Effect::None;
        }
        // An overlay (help, the room clock) takes the keys before a screen
        // does: a digit meant for the help is never a decision's position.
        let screen = self.screen;
        if self.overlay.is_none()
            && self
                .with_views(now, |ctx| screens::on_key(screen, ctx, key))
                .done()
        {
            return Effect::None;
        }
        match action {
            Some(action) => self.update(action, now),
            None => Effect::None,
        }
    }

    /// What a key does on the screen on show: the first binding in its
    /// chain of keymap sections (a guide's, the screen's, everywhere's).
    fn action_for(&self, key: &KeyEvent, now: Timestamp) -> Option<Action> {
        let key = Key::from_event(key);
        screens::contexts(self.screen, &self.view(now))
            .iter()
            .find_map(|c| self.settings.keymap.exact(*c, key))
            .filter(|a| *a != Action::Unbound)
    }

    /// Pasted text goes to whatever prompt is open, as one edit.
    pub fn on_paste(&mut self, text: &str) {
        let now = self.clock.now(Timestamp::now());
        let screen = self.screen;
        if self
            .with_views(now, |ctx| screens::on_paste(screen, ctx, text))
            .done()
        {}
    }

    pub fn update(&mut self, action: Action, now: Timestamp) -> Effect {
        if let Some(overlay) = &self.overlay {
            match (overlay, action) {
                (_, Action::Quit) => return Effect::Quit,
                (Overlay::Help, Action::Help | Action::Back) => {
                    self.overlay = None;
                    return Effect::None;
                }
                (Overlay::RoomClock, Action::RoomClock | Action::Back) => {
                    self.overlay = None;
                    return Effect::None;
                }
                (Overlay::Help, _) => return Effect::None,
                _ => {}
            }
        }
        let screen = self.screen;
        if self
            .with_views(now, |ctx| screens::update(screen, ctx, action))
            .done()
        {
            return Effect::None;
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Back => self.overlay = None,
            Action::RoomClock => self.overlay = Some(Overlay::RoomClock),
            Action::NextScreen => self.screen = self.screen.step(1),
            Action::PrevScreen => self.screen = self.screen.step(-1),
            Action::ShowPlan => self.screen = Screen::Plan,
            Action::ShowLive => self.screen = Screen::Live,
            Action::ShowRound => self.screen = Screen::Round,
            Action::ShowStack => self.screen = Screen::Stack,
            Action::ShowNotes => self.screen = Screen::Notes,
            Action::ShowPeople => self.screen = Screen::People,
            Action::CloseSession => {
                if self.state().closed {
                    self.flash = Some("the session has already ended".into());
                } else {
                    self.overlay = Some(Overlay::ConfirmClose);
                }
            }
            Action::NextRoomView => {
                let view = self.state().room.next();
                self.log(now, Event::Room(view));
                self.flash = Some(format!(
                    "the room now sees: {} ({} for the next)",
                    view.name(),
                    self.settings.key(Context::Global, Action::NextRoomView)
                ));
            }
            Action::ToggleBell => {
                self.bell = !self.bell;
                self.flash = Some(format!("bell {}", if self.bell { "on" } else { "off" }));
            }
            Action::Faster | Action::Slower | Action::JumpAhead | Action::PauseClock => {
                return self.clock_key(action);
            }
            // The Plan screen's, from anywhere (a user keymap may bind it
            // everywhere): the Plan shows and takes it.
            Action::InsertActivity if self.screen != Screen::Plan => {
                self.screen = Screen::Plan;
                return self.update(action, now);
            }
            // A screen's own action on another screen does nothing.
            _ => {}
        }
        Effect::None
    }

    /// A rehearsal key pressed: the loop applies it to the clock (it alone
    /// knows the real time); outside a rehearsal it only says so.
    fn clock_key(&mut self, action: Action) -> Effect {
        match super::clock::change_for(action) {
            Some(change) if self.session().rehearsal => Effect::Clock(change),
            Some(_) => {
                self.flash = Some(
                    "speed, jumps and the simulated clock are for rehearsals \
                     (circlekeeper rehearse PLAN)"
                        .into(),
                );
                Effect::None
            }
            None => Effect::None,
        }
    }

    /// Applies a rehearsal's clock change at the real time `real` and says
    /// what it did.
    pub fn change_clock(&mut self, change: ClockChange, real: Timestamp) {
        let state = self.timeline.state();
        let said = self
            .clock
            .change(change, real, &state.run, &self.timeline.session().plan);
        self.flash = Some(said);
    }
}

/// The answer to "end the session now?": y ends the segment on and closes
/// the session, so the next plain `circlekeeper` starts afresh.
fn close_session<V>(ctx: &mut Ctx<V>, yes: bool) {
    if !yes {
        ctx.say("the session goes on");
        return;
    }
    if ctx.state().run.current.is_some() {
        ctx.log(Event::Run(RunEvent::End));
    }
    ctx.log(Event::Closed);
    let quit = ctx.settings.key(Context::Global, Action::Quit);
    ctx.say(format!("session ended; {quit} quits, the harvest is ready"));
}
