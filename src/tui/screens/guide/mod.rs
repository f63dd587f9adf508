//! The guides on the Live screen. While a welcome circle, an icebreaker
//! sequence, a check-in or closing round, or an anti-retreat is on, its
//! guide fills the space under the countdown and its keys (the `welcome`,
//! `icebreaker`, `check_in` and `anti_retreat` keymap sections) come before
//! the Live ones. Large views (agreements, groups, a prompt) take the whole
//! body, to be read out or shown on a projector.
//!
//! Everything a guide does is logged (`GuideEvent`, and people, note and
//! round events for the other screens); only cursors and views live here.

pub mod anti_retreat;
pub mod big;
pub mod check_in;
pub mod icebreaker;
pub mod welcome;

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent};
use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::core::event::Scope;
use crate::core::guide::{Guide, GuideClock};
use crate::core::person::PersonId;
use crate::core::plan::Segment;
use crate::core::run::SegmentId;
use crate::store::prompts::{self, PromptHistory};
use crate::tui::action::{Action, Bar};
use crate::tui::app::{App, Screen};
use crate::tui::keymap::{Context, Key};
use crate::tui::theme::Theme;

/// What the guides show, beyond the log: cursors, a large view, a prompt
/// being typed, and the prompt rotation's memory.
#[derive(Debug, Clone, Default)]
pub struct GuideView {
    /// Row in the guide's list (people, prompts or voices).
    pub cursor: usize,
    /// Who greets; `None` means the default greeter.
    pub greeter: Option<PersonId>,
    pub big: Option<Big>,
    pub entry: Option<Entry>,
    pub prompts: PromptMemory,
    /// The segment the cursor belongs to; a new segment starts at the top.
    segment: Option<SegmentId>,
}

/// A large view over the Live screen's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Big {
    Agreements,
    Groups,
    RepeatBack,
    Prompt,
    Arc,
}

/// A small prompt taking the keys: typing a line, or picking people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Text { purpose: Typing, text: String },
    Pick { purpose: Picking, cursor: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    /// The name-game word of this person.
    Word(PersonId),
    Prompt,
    FollowUp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picking {
    /// Whom this person is introduced to.
    Introduce(PersonId),
    Parties,
}

/// The prompt rotation's memory, read once when the app starts.
#[derive(Debug, Clone, Default)]
pub struct PromptMemory {
    /// The data folder; `None` keeps the memory for this run only.
    pub dir: Option<PathBuf>,
    pub history: PromptHistory,
    /// Why the file could not be read; it is then left alone.
    pub problem: Option<String>,
}

impl PromptMemory {
    pub fn load(dir: &Path) -> PromptMemory {
        let (history, problem) = match prompts::load(dir) {
            Ok(h) => (h, None),
            Err(e) => (PromptHistory::default(), Some(e.to_string())),
        };
        PromptMemory {
            dir: Some(dir.to_path_buf()),
            history,
            problem,
        }
    }
}

/// The guide on show: on the Live screen, with a segment on that has one.
pub fn showing(app: &App) -> Option<(Guide, SegmentId)> {
    if app.screen != Screen::Live {
        return None;
    }
    let id = app.timeline.state().run.current?;
    Guide::for_segment(app.timeline.state().run.segment(id)?).map(|g| (g, id))
}

pub fn context(guide: Guide) -> Context {
    match guide {
        Guide::Welcome => Context::Welcome,
        Guide::Icebreaker => Context::Icebreaker,
        Guide::CheckIn => Context::CheckIn,
        Guide::AntiRetreat => Context::AntiRetreat,
    }
}

/// The guide's own binding for a key, before the Live ones.
pub fn action(app: &App, key: Key) -> Option<Action> {
    let (guide, _) = showing(app)?;
    app.settings.keymap.exact(context(guide), key)
}

/// The hint bar while a guide shows: its keys first, then the Live basics.
pub fn hints(app: &App) -> Option<(Context, &'static [Action])> {
    let (guide, _) = showing(app)?;
    let bar = match guide {
        Guide::Welcome => Bar::Welcome,
        Guide::Icebreaker => Bar::Icebreaker,
        Guide::CheckIn => Bar::CheckIn,
        Guide::AntiRetreat => Bar::AntiRetreat,
    };
    Some((context(guide), bar.actions()))
}

/// The keymap sections the help overlay lists, innermost first.
pub fn help_contexts(app: &App) -> Vec<Context> {
    match showing(app) {
        Some((guide, _)) => vec![context(guide), Context::Live, Context::Global],
        None => vec![app.screen.context(), Context::Global],
    }
}

/// Keys for a typing or picking prompt; true when one took the key.
pub fn on_key(app: &mut App, key: KeyEvent, now: Timestamp) -> bool {
    let Some(entry) = app.guide.entry.clone() else {
        return false;
    };
    if showing(app).is_none() {
        // The segment moved on under the prompt: nothing to finish.
        app.guide.entry = None;
        return false;
    }
    match entry {
        Entry::Text { purpose, mut text } => match key.code {
            KeyCode::Esc => app.guide.entry = None,
            KeyCode::Enter => {
                app.guide.entry = None;
                finish_text(app, purpose, text.trim(), now);
            }
            KeyCode::Backspace => {
                text.pop();
                app.guide.entry = Some(Entry::Text { purpose, text });
            }
            KeyCode::Char(c) => {
                text.push(c);
                app.guide.entry = Some(Entry::Text { purpose, text });
            }
            _ => {}
        },
        Entry::Pick { purpose, cursor } => {
            let n = pick_list(app, purpose).len();
            let cursor = match key.code {
                KeyCode::Esc => {
                    app.guide.entry = None;
                    return true;
                }
                KeyCode::Up | KeyCode::Char('k') => cursor.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => (cursor + 1).min(n.saturating_sub(1)),
                KeyCode::Enter => {
                    finish_pick(app, purpose, cursor, now);
                    cursor
                }
                _ => cursor,
            };
            if let Some(Entry::Pick { cursor: c, .. }) = &mut app.guide.entry {
                *c = cursor;
            }
        }
    }
    true
}

/// Pasted text goes into a line being typed.
pub fn on_paste(app: &mut App, line: &str) {
    if let Some(Entry::Text { text, .. }) = &mut app.guide.entry {
        text.push_str(line);
    }
}

fn finish_text(app: &mut App, purpose: Typing, text: &str, now: Timestamp) {
    match purpose {
        Typing::Word(person) => icebreaker::set_word(app, person, text, now),
        Typing::Prompt => check_in::ask(app, text, now),
        Typing::FollowUp => anti_retreat::add_follow_up(app, text, now),
    }
}

/// The people a pick offers.
pub fn pick_list(app: &App, purpose: Picking) -> Vec<PersonId> {
    match purpose {
        Picking::Introduce(person) => welcome::introduce_to(app, person),
        Picking::Parties => app
            .timeline
            .state()
            .people
            .all()
            .iter()
            .map(|p| p.id)
            .collect(),
    }
}

fn finish_pick(app: &mut App, purpose: Picking, cursor: usize, now: Timestamp) {
    let Some(chosen) = pick_list(app, purpose).get(cursor).copied() else {
        app.guide.entry = None;
        return;
    };
    match purpose {
        Picking::Introduce(person) => {
            app.guide.entry = None;
            welcome::introduce(app, person, chosen, now);
        }
        // Stays open: several voices are often added at once.
        Picking::Parties => anti_retreat::toggle_party(app, chosen, now),
    }
}

/// A guide's key; false when no guide shows or the key is not the guide's.
pub fn update(app: &mut App, action: Action, now: Timestamp) -> bool {
    let Some((guide, id)) = showing(app) else {
        return false;
    };
    if app.guide.segment != Some(id) {
        app.guide.segment = Some(id);
        app.guide.cursor = 0;
        app.guide.big = None;
    }
    match action {
        Action::Back if app.guide.big.is_some() => {
            app.guide.big = None;
            true
        }
        Action::Undo => {
            undo(app, now);
            true
        }
        _ => match guide {
            Guide::Welcome => welcome::update(app, id, action, now),
            Guide::Icebreaker => icebreaker::update(app, id, action, now),
            Guide::CheckIn => check_in::update(app, id, action, now),
            Guide::AntiRetreat => anti_retreat::update(app, id, action, now),
        },
    }
}

/// On the Live screen with a guide, undo takes back the latest change of the
/// kinds made there: a guide event, an arrival, or the run. Notes and rounds
/// are undone on their own screens, so a note written elsewhere is never
/// taken back from here.
fn undo(app: &mut App, now: Timestamp) {
    const SCOPES: [Scope; 3] = [Scope::Guide, Scope::People, Scope::Run];
    app.undo_with(now, |t, now| {
        t.undo_latest(&SCOPES, now).into_iter().collect()
    });
}

/// Moves a list cursor on Up/Down; true when the action was one of them.
pub(crate) fn move_cursor(app: &mut App, action: Action, len: usize) -> bool {
    match action {
        Action::Up => app.guide.cursor = app.guide.cursor.saturating_sub(1),
        Action::Down => app.guide.cursor = (app.guide.cursor + 1).min(len.saturating_sub(1)),
        _ => return false,
    }
    true
}

/// Opens a large view, or closes it when it is the one showing.
pub(crate) fn toggle_big(app: &mut App, big: Big) {
    app.guide.big = if app.guide.big == Some(big) {
        None
    } else {
        Some(big)
    };
}

/// The guide's panel under the countdown.
pub fn render(
    app: &App,
    guide: Guide,
    id: SegmentId,
    now: Timestamp,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.height == 0 {
        return;
    }
    match guide {
        Guide::Welcome => welcome::render(app, id, area, buf),
        Guide::Icebreaker => icebreaker::render(app, id, now, area, buf),
        Guide::CheckIn => check_in::render(app, id, area, buf),
        Guide::AntiRetreat => anti_retreat::render(app, id, now, area, buf),
    }
    if app.guide.entry.is_some() {
        big::render_entry(app, area, buf);
    }
}

/// A large view in place of the Live screen's body; false when none shows.
/// A view opened in an earlier segment is not shown in the next one.
pub fn render_big(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) -> bool {
    match (app.guide.big, showing(app)) {
        (Some(view), Some((_, id))) if app.guide.segment == Some(id) => {
            big::render(app, view, id, now, area, buf);
            true
        }
        _ => false,
    }
}

/// The line kept on every screen while a confidential segment (an
/// anti-retreat, unless its plan says otherwise) is on.
pub fn banner(app: &App) -> Option<Line<'static>> {
    let seg = app.timeline.state().run.current_segment()?;
    seg.is_confidential().then(|| {
        Line::styled(
            " CONFIDENTIAL — stays in this circle unless everyone consents ",
            app.settings.theme.alarm,
        )
    })
}

/// "4:12 of 8m  UNDER 1M LEFT", coloured by stage, with the words too.
pub(crate) fn clock_spans(clock: &GuideClock, t: &Theme) -> Vec<Span<'static>> {
    use crate::core::duration::{clock as digits, friendly};
    let stage = clock.stage();
    let mut spans = vec![Span::styled(
        format!(
            "{} of {}",
            digits(clock.remaining()),
            friendly(clock.time_box)
        ),
        t.stage(stage),
    )];
    let label = clock.label();
    if !label.is_empty() {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(label, t.stage(stage)));
    }
    spans
}

/// The first row to show so that `cursor` stays in a window of `rows`.
pub(crate) fn scroll(cursor: usize, rows: usize) -> usize {
    cursor.saturating_sub(rows.saturating_sub(1))
}

/// The segment on, with a copy of it to log against.
pub(crate) fn current(app: &App) -> Option<(SegmentId, Segment)> {
    let id = app.timeline.state().run.current?;
    Some((id, app.timeline.state().run.segment(id)?.clone()))
}

/// The name of a person, or a dash.
pub(crate) fn name(app: &App, person: Option<PersonId>) -> String {
    person.map_or("—".to_string(), |p| {
        app.timeline.state().people.name(p).to_string()
    })
}
