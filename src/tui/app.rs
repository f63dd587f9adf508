//! The application state of the terminal UI and the one place it changes.
//!
//! `App` owns the session and its derived state; keys become `Action`s via
//! the keymap, and `update` turns actions into logged events. Rendering only
//! reads an `App` (see `screens`).

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::action::Action;
use super::circle::{self, Ask, CircleView};
use super::clock::{Clock, ClockChange};
use super::keymap::{Context, Key, Keymap};
use super::notes_update::{self, NotesView};
use super::saver::SaveStatus;
use super::theme::Theme;
use crate::core::event::{Entry, Event, Scope};
use crate::core::library::Library;
use crate::core::note::NoteId;
use crate::core::run::{RunEvent, SegmentId, Stage, Status};
use crate::core::session::Session;
use crate::core::state::{State, record_all};

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

    fn step(self, by: isize) -> Screen {
        let i = Screen::ALL.iter().position(|s| *s == self).unwrap_or(0) as isize;
        let n = Screen::ALL.len() as isize;
        Screen::ALL[(i + by).rem_euclid(n) as usize]
    }
}

/// Something drawn over the current screen that takes the keys first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    RoomClock,
    /// A one-line prompt: typing a new time box for a segment.
    TimeBox {
        segment: SegmentId,
        text: String,
        error: Option<String>,
    },
    /// Choosing a library activity to insert into the plan.
    Picker {
        query: String,
        cursor: usize,
    },
    /// "End the session now?": y ends it, anything else keeps it going.
    ConfirmClose,
    /// Writing or editing a note.
    Note(Box<super::widgets::note_editor::NoteEditor>),
    /// Typing a search on the Notes screen (the text is the filter's).
    NoteSearch,
    /// Choosing the segment a parked topic is taken up in.
    TakeUp {
        note: NoteId,
        cursor: usize,
    },
    /// A one-line question of the People or Stack screen (see `circle`).
    Ask(Ask),
}

/// What the loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    Suspend,
    /// A rehearsal's simulated clock changes (see `clock::apply`).
    Clock(ClockChange),
}

pub struct App {
    pub session: Session,
    pub state: State,
    pub path: PathBuf,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// Selected row on the Plan screen (index into the running order).
    pub plan_cursor: usize,
    pub bell: bool,
    pub save: SaveStatus,
    pub keymap: Keymap,
    pub theme: Theme,
    pub tz: TimeZone,
    /// Plan check findings for the plan as it now stands, for the Plan screen.
    pub findings: Vec<crate::core::checks::Finding>,
    /// Activities the Plan screen can insert.
    pub library: Library,
    /// Where `now` comes from: the wall clock, or a rehearsal's simulated one.
    pub clock: Clock,
    /// The Notes screen's filter and cursor.
    pub notes_view: NotesView,
    /// A short message for the status line, e.g. why a key did nothing.
    pub flash: Option<String>,
    /// Cursors and choices of the People, Round and Stack screens.
    pub circle: CircleView,
    /// What the guides on the Live screen show: cursors, large views, prompts.
    pub guide: super::screens::guide::GuideView,
    /// Entries logged since the saver last took them.
    unsaved: Vec<Entry>,
    last_stage: Option<(SegmentId, Stage)>,
}

impl App {
    pub fn new(session: Session, path: PathBuf, keymap: Keymap, theme: Theme, tz: TimeZone) -> App {
        let state = State::replay(&session);
        let mut app = App {
            session,
            state,
            path,
            screen: Screen::Live,
            overlay: None,
            plan_cursor: 0,
            bell: false,
            save: SaveStatus::Saved(Timestamp::UNIX_EPOCH),
            keymap,
            theme,
            tz,
            library: crate::store::library::builtin(),
            findings: Vec::new(),
            clock: Clock::Real,
            notes_view: NotesView::default(),
            flash: None,
            circle: CircleView::default(),
            guide: Default::default(),
            unsaved: Vec::new(),
            last_stage: None,
        };
        app.recheck();
        app
    }

    /// Re-runs the plan checks on the plan as edited during the run.
    pub fn recheck(&mut self) {
        let plan = self.state.run.effective_plan(&self.session.plan);
        let people =
            (!self.state.people.all().is_empty()).then(|| self.state.people.all().len() as u32);
        self.findings = crate::core::checks::check_plan(&plan, people);
    }

    /// Entries to hand to the saver.
    pub fn take_unsaved(&mut self) -> Vec<Entry> {
        std::mem::take(&mut self.unsaved)
    }

    /// Records an event, updates the state and queues it for the saver.
    pub fn log(&mut self, now: Timestamp, event: Event) {
        self.log_all(now, vec![event]);
    }

    /// Records what one key did, in one go: several undos replay the log once.
    pub fn log_all(&mut self, now: Timestamp, events: Vec<Event>) {
        let replans = events
            .iter()
            .any(|e| matches!(e, Event::Run(_) | Event::Undo(_) | Event::People(_)));
        let first = self.session.events.len();
        record_all(&mut self.session, &mut self.state, now, events);
        if replans {
            self.recheck();
        }
        self.unsaved
            .extend(self.session.events[first..].iter().cloned());
        self.save = self.save.after_change();
    }

    /// The clock time the run is measured against: the plan's start when it
    /// names one and the run began within an hour of it.
    pub fn planned_start(&self) -> Option<Timestamp> {
        let planned = self.plan_clock_start()?;
        if self.session.rehearsal {
            return Some(planned);
        }
        // A plan run on another day or at another hour (trying it out, a
        // changed date) measures from when it really began; within the hour
        // a late start counts as drift.
        let began = self.state.run.started.unwrap_or(self.session.created);
        let apart = began.duration_since(planned).abs();
        (apart <= SignedDuration::from_hours(1)).then_some(planned)
    }

    /// The plan's date (else the session's day) at the plan's start time.
    pub fn plan_clock_start(&self) -> Option<Timestamp> {
        let plan = &self.session.plan;
        let time = plan.start?;
        let date = plan
            .date
            .unwrap_or_else(|| self.session.created.to_zoned(self.tz.clone()).date());
        date.to_datetime(time)
            .to_zoned(self.tz.clone())
            .ok()
            .map(|z| z.timestamp())
    }

    /// Whether a clock runs, so the screen must redraw each second.
    pub fn ticking(&self) -> bool {
        self.state.run.is_running() || circle::running_turn(&self.state).is_some()
    }

    /// The countdown of the current segment, if one is on.
    pub fn countdown(&self, now: Timestamp) -> Option<(SegmentId, SignedDuration, Stage)> {
        let id = self.state.run.current?;
        let seg = self.state.run.segment(id)?;
        let remaining = self.state.run.remaining(id, now);
        let stage = Stage::of(remaining, &self.session.plan.warnings_for(seg));
        Some((id, remaining, stage))
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

    /// A key press: overlays first, then the keymap.
    pub fn on_key(&mut self, key: KeyEvent, now: Timestamp) -> Effect {
        self.flash = None;
        match self.overlay {
            Some(Overlay::ConfirmClose) => {
                self.overlay = None;
                if matches!(key.code, KeyCode::Char('y' | 'Y')) {
                    if self.state.run.current.is_some() {
                        self.log(now, Event::Run(RunEvent::End));
                    }
                    self.log(now, Event::Closed);
                    self.flash = Some("session ended; q quits, the harvest is ready".into());
                } else {
                    self.flash = Some("the session goes on".into());
                }
                return Effect::None;
            }
            Some(Overlay::TimeBox { .. }) => {
                self.time_box_key(key, now);
                return Effect::None;
            }
            Some(Overlay::Picker { .. }) => {
                super::screens::picker::on_key(self, key, now);
                return Effect::None;
            }
            Some(Overlay::Note(_) | Overlay::NoteSearch | Overlay::TakeUp { .. }) => {
                notes_update::overlay_key(self, key, now);
                return Effect::None;
            }
            _ => {}
        }
        if super::screens::guide::on_key(self, key, now) {
            return Effect::None;
        }
        if let Some(Overlay::Ask(_)) = self.overlay {
            return circle::on_key(self, key, now);
        }
        let key = Key::from_event(&key);
        let action = super::screens::guide::action(self, key)
            .or_else(|| self.keymap.action(self.screen.context(), key));
        match action {
            Some(action) => self.update(action, now),
            None => Effect::None,
        }
    }

    /// Pasted text goes to whatever prompt is open, as one edit.
    pub fn on_paste(&mut self, text: &str) {
        if notes_update::on_paste(self, text) {
            return;
        }
        let line = text.lines().next().unwrap_or("");
        match &mut self.overlay {
            Some(Overlay::TimeBox { text: t, .. }) => t.push_str(line),
            Some(Overlay::Picker { query, cursor }) => {
                query.push_str(line);
                *cursor = 0;
            }
            Some(Overlay::Ask(ask)) => ask.text.push_str(line),
            _ => {
                super::screens::guide::on_paste(self, line);
            }
        }
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
        if super::screens::guide::update(self, action, now) {
            return Effect::None;
        }
        if notes_update::update(self, action, now) {
            return Effect::None;
        }
        if circle::update(self, action, now) {
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
            Action::ToggleBell => {
                self.bell = !self.bell;
                self.flash = Some(format!("bell {}", if self.bell { "on" } else { "off" }));
            }
            Action::ToggleTimer => self.toggle_timer(now),
            Action::Next => self.next(now),
            Action::Previous => self.previous(now),
            Action::AddMinute | Action::RemoveMinute => {
                let by =
                    SignedDuration::from_mins(if action == Action::AddMinute { 1 } else { -1 });
                let target = if self.screen == Screen::Plan {
                    self.selected()
                } else {
                    self.state.run.current
                };
                match target {
                    Some(segment) => self.log(now, Event::Run(RunEvent::AddTime { segment, by })),
                    None => self.flash = Some("no segment is on yet".into()),
                }
            }
            Action::Up => self.plan_cursor = self.plan_cursor.saturating_sub(1),
            Action::Down => {
                self.plan_cursor =
                    (self.plan_cursor + 1).min(self.state.run.order.len().saturating_sub(1))
            }
            Action::MoveUp | Action::MoveDown => self.move_selected(action == Action::MoveUp, now),
            Action::Skip => self.skip_selected(now),
            Action::JumpTo => {
                if self.refuse_when_closed() {
                    return Effect::None;
                }
                if let Some(id) = self.selected() {
                    match self.state.run.progress(id).map(|p| p.status) {
                        Some(Status::Upcoming) => {
                            self.log(now, Event::Run(RunEvent::Start(id)));
                            self.screen = Screen::Live;
                        }
                        Some(Status::Running | Status::Paused) => self.screen = Screen::Live,
                        _ => self.flash = Some("only an upcoming segment can be started".into()),
                    }
                }
            }
            Action::SetTime => {
                if let Some(segment) = self.selected() {
                    let text = crate::core::duration::friendly(self.state.run.time_box(segment));
                    self.overlay = Some(Overlay::TimeBox {
                        segment,
                        text,
                        error: None,
                    });
                }
            }
            Action::InsertActivity => {
                self.screen = Screen::Plan;
                self.overlay = Some(Overlay::Picker {
                    query: String::new(),
                    cursor: 0,
                });
            }
            Action::CloseSession => {
                if self.state.closed {
                    self.flash = Some("the session has already ended".into());
                } else {
                    self.overlay = Some(Overlay::ConfirmClose);
                }
            }
            Action::Undo => {
                // On the Plan screen only plan edits; on Live the clock too.
                let scope = if self.screen == Screen::Plan {
                    Scope::Plan
                } else {
                    Scope::Run
                };
                if crate::core::event::can_undo(&self.session.events, scope) {
                    self.log(now, Event::Undo(scope));
                    self.flash = Some("undone".into());
                } else {
                    self.flash = Some("nothing here to undo".into());
                }
            }
            Action::Faster | Action::Slower | Action::JumpAhead | Action::PauseClock => {
                return super::clock::request(self, action);
            }
            // Handled above by the notes, the circle screens or the guides
            // when theirs is showing; otherwise they do nothing here.
            _ => {}
        }
        Effect::None
    }

    /// An ended session starts nothing new; says so.
    fn refuse_when_closed(&mut self) -> bool {
        if self.state.closed {
            self.flash =
                Some("this session has ended; start a new one with `circlekeeper run`".into());
        }
        self.state.closed
    }

    /// The segment under the Plan cursor.
    pub fn selected(&self) -> Option<SegmentId> {
        self.state.run.order.get(self.plan_cursor).copied()
    }

    fn toggle_timer(&mut self, now: Timestamp) {
        if self.refuse_when_closed() {
            return;
        }
        let run = &self.state.run;
        let event = match run
            .current
            .and_then(|id| run.progress(id))
            .map(|p| p.status)
        {
            Some(Status::Running) => RunEvent::Pause,
            Some(Status::Paused) => RunEvent::Resume,
            _ => match run.next_upcoming() {
                Some(id) => RunEvent::Start(id),
                None => {
                    self.flash = Some("every segment has run".into());
                    return;
                }
            },
        };
        self.log(now, Event::Run(event));
    }

    fn next(&mut self, now: Timestamp) {
        if self.refuse_when_closed() {
            return;
        }
        let run = &self.state.run;
        if let Some(id) = run.current {
            let lines = run.segment(id).map_or(0, |s| s.script.len());
            let cue = run.progress(id).map_or(0, |p| p.cue);
            if cue + 1 < lines {
                self.log(now, Event::Run(RunEvent::Cue(cue + 1)));
                return;
            }
        }
        let event = match (self.state.run.next_upcoming(), self.state.run.current) {
            (Some(id), _) => RunEvent::Start(id),
            (None, Some(_)) => RunEvent::End,
            (None, None) => {
                self.flash = Some("every segment has run".into());
                return;
            }
        };
        self.log(now, Event::Run(event));
    }

    fn previous(&mut self, now: Timestamp) {
        let run = &self.state.run;
        if let Some(p) = run.current.and_then(|id| run.progress(id))
            && p.cue > 0
        {
            let cue = p.cue - 1;
            self.log(now, Event::Run(RunEvent::Cue(cue)));
        }
    }

    fn move_selected(&mut self, up: bool, now: Timestamp) {
        let Some(segment) = self.selected() else {
            return;
        };
        let to = if up {
            match self.plan_cursor.checked_sub(1) {
                Some(t) => t,
                None => return,
            }
        } else if self.plan_cursor + 1 < self.state.run.order.len() {
            self.plan_cursor + 1
        } else {
            return;
        };
        if self.state.run.progress(segment).map(|p| p.status) != Some(Status::Upcoming) {
            self.flash = Some("only upcoming segments can be moved".into());
            return;
        }
        self.log(now, Event::Run(RunEvent::Move { segment, to }));
        self.plan_cursor = to;
    }

    fn skip_selected(&mut self, now: Timestamp) {
        let Some(id) = self.selected() else { return };
        let event = match self.state.run.progress(id).map(|p| p.status) {
            Some(Status::Upcoming) => RunEvent::Skip(id),
            Some(Status::Skipped) => RunEvent::Unskip(id),
            _ => {
                self.flash = Some("only an upcoming segment can be skipped".into());
                return;
            }
        };
        self.log(now, Event::Run(event));
    }

    fn time_box_key(&mut self, key: KeyEvent, now: Timestamp) {
        let Some(Overlay::TimeBox {
            segment,
            text,
            error,
        }) = &mut self.overlay
        else {
            return;
        };
        match key.code {
            KeyCode::Esc => self.overlay = None,
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char(c) => text.push(c),
            KeyCode::Enter => match crate::core::duration::parse(text) {
                Ok(time) if time.is_positive() && time <= crate::core::duration::LONGEST => {
                    let segment = *segment;
                    self.overlay = None;
                    self.log(now, Event::Run(RunEvent::SetTime { segment, time }));
                }
                Ok(_) => *error = Some("a time box is between 1s and 24h".into()),
                Err(e) => *error = Some(e),
            },
            _ => {}
        }
    }
}
