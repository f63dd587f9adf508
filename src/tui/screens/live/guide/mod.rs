//! The guides on the Live screen. While a welcome circle, an icebreaker
//! sequence, a check-in or closing round, or an anti-retreat is on, its
//! guide fills the space under the countdown and its keys (the `welcome`,
//! `icebreaker`, `check_in` and `anti_retreat` keymap sections) come before
//! the Live ones. Large views (agreements, groups, a prompt) take the whole
//! body, to be read out or shown on a projector.
//!
//! Everything a guide does is logged (`GuideEvent`, and people, note and
//! round events for the other screens); only cursors and views live here.
//!
//! A guide is one file here with `update(ctx, segment, action) -> bool`
//! and `render(view, segment, area, buf)` over the shared `GuideView`. To add
//! one: a `Guide` variant in core (and `Guide::for_segment`), its file, an
//! arm in `update`, `render`, `context` and `bar` below, a keymap section
//! (`keymap::Context`) and a hint bar (`action::Bar`).

pub mod anti_retreat;
pub mod big;
pub mod breakout;
pub mod check_in;
pub mod decision;
pub mod icebreaker;
pub mod report_back;
pub mod welcome;

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::core::breakout::GroupRef;
use crate::core::decision::Who;
use crate::core::decision::stance::Stance;
use crate::core::event::Scope;
use crate::core::guide::{Guide, GuideClock};
use crate::core::person::PersonId;
use crate::core::plan::Segment;
use crate::core::run::SegmentId;
use crate::core::state::State;
use crate::store::prompts::{self, PromptHistory};
use crate::tui::action::{Action, Bar};
use crate::tui::keymap::Context;
use crate::tui::screens::contract::{Ctx, Outcome, Settings, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::fit::shown;
use crate::tui::widgets::line_input::{Edit, LineInput};

/// What the guides show, beyond the log: cursors, a large view, a prompt
/// being typed, and the prompt rotation's memory.
#[derive(Debug, Clone, Default)]
pub struct GuideView {
    /// Row in the guide's list (people, prompts or voices), for the guide
    /// of `segment` only: read it through `row`.
    cursor: usize,
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
    /// The proposal, or the tally and verdict in a test.
    Decision,
    /// A breakout's groups, with their places and time, for the room.
    Board,
    /// The groups of a report-back, heard and not yet heard.
    Heard,
}

/// A small prompt taking the keys: typing a line, or picking people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Text { purpose: Typing, input: LineInput },
    Pick { purpose: Picking, cursor: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typing {
    /// The name-game word of this person.
    Word(PersonId),
    Prompt,
    FollowUp,
    /// A decision's proposal, or a new version of it.
    Proposal,
    /// The words that come with a concern, stand-aside, block or objection.
    Words(PersonId, Stance),
    /// Counts only: how many hands showed this stance.
    Count(Stance),
    /// How an objection was resolved (empty: withdrawn).
    Settle(Who),
    /// The group a position speaks for, and when it ratifies.
    Indicative(PersonId),
    /// The date to review a decision.
    Review,
    /// The review date, then the outcome is recorded.
    Record(crate::core::decision::record::Outcome),
    /// A group's mandate on a question.
    Mandate(GroupRef, String),
    /// A note filed under a group.
    GroupNote(GroupRef),
    /// The path of a group's report to import.
    ReportPath,
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

/// The guide on show: the segment on has one.
/// A breakout whose own report-back has begun shows the report-back.
pub fn showing(state: &State) -> Option<(Guide, SegmentId)> {
    let id = state.run.current?;
    let guide = Guide::for_segment(state.run.segment(id)?)?;
    let hearing = state
        .breakouts
        .get(id)
        .is_some_and(|b| b.report_back.is_some());
    match guide {
        Guide::Breakout if hearing => Some((Guide::ReportBack, id)),
        g => Some((g, id)),
    }
}

/// The guide's section of the keymap.
pub fn context(guide: Guide) -> Context {
    match guide {
        Guide::Welcome => Context::Welcome,
        Guide::Icebreaker => Context::Icebreaker,
        Guide::CheckIn => Context::CheckIn,
        Guide::AntiRetreat => Context::AntiRetreat,
        Guide::Decision => Context::Decision,
        Guide::Breakout => Context::Breakout,
        Guide::ReportBack => Context::ReportBack,
    }
}

/// Where a key is looked up while `state`'s guide is on: the guide's own
/// section, then Live's, then everywhere's.
fn chain(state: &State) -> [Context; 3] {
    let guide = showing(state).map_or(Context::Live, |(g, _)| context(g));
    [guide, Context::Live, Context::Global]
}

/// The key that does `action` in the guide on show, for its words
/// ("G forms them"): a user's keymap renames it here too.
pub fn key(settings: &Settings, state: &State, action: Action) -> String {
    settings.key_in(&chain(state), action)
}

/// "u undoes", with the key that undoes in the guide on show.
pub fn undoes(settings: &Settings, state: &State) -> String {
    settings.undoes_in(&chain(state))
}

/// The guide's hint bar: its keys first, then the Live basics.
pub fn bar(guide: Guide) -> Bar {
    match guide {
        Guide::Welcome => Bar::Welcome,
        Guide::Icebreaker => Bar::Icebreaker,
        Guide::CheckIn => Bar::CheckIn,
        Guide::AntiRetreat => Bar::AntiRetreat,
        Guide::Decision => Bar::Decision,
        Guide::Breakout => Bar::Breakout,
        Guide::ReportBack => Bar::ReportBack,
    }
}

/// Keys for a typing or picking prompt; `Ignored` when none is open.
pub fn on_key(ctx: &mut Ctx<GuideView>, key: KeyEvent) -> Outcome {
    let Some(entry) = ctx.view.entry.take() else {
        return match showing(ctx.state()) {
            Some((Guide::Decision, id)) => {
                begin(ctx, id);
                decision::on_key(ctx, id, key)
            }
            _ => Outcome::Ignored,
        };
    };
    if showing(ctx.state()).is_none() {
        // The segment moved on under the prompt: nothing to finish.
        return Outcome::Ignored;
    }
    match entry {
        Entry::Text { purpose, mut input } => match input.on_key(&key) {
            Edit::Esc => {}
            Edit::Enter => finish_text(ctx, purpose, input.trimmed()),
            _ => ctx.view.entry = Some(Entry::Text { purpose, input }),
        },
        Entry::Pick { purpose, cursor } => {
            ctx.view.entry = Some(Entry::Pick { purpose, cursor });
            let n = pick_list(&ctx.look(), purpose).len();
            let cursor = match key.code {
                KeyCode::Esc => {
                    ctx.view.entry = None;
                    return Outcome::Done;
                }
                KeyCode::Up | KeyCode::Char('k') => cursor.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => (cursor + 1).min(n.saturating_sub(1)),
                KeyCode::Enter => {
                    finish_pick(ctx, purpose, cursor);
                    cursor
                }
                _ => cursor,
            };
            if let Some(Entry::Pick { cursor: c, .. }) = &mut ctx.view.entry {
                *c = cursor;
            }
        }
    }
    Outcome::Done
}

/// Pasted text goes into a line being typed.
pub fn on_paste(ctx: &mut Ctx<GuideView>, text: &str) -> Outcome {
    match &mut ctx.view.entry {
        Some(Entry::Text { input, .. }) => {
            input.paste(text);
            Outcome::Done
        }
        _ => Outcome::Ignored,
    }
}

fn finish_text(ctx: &mut Ctx<GuideView>, purpose: Typing, text: &str) {
    match purpose {
        Typing::Word(person) => icebreaker::set_word(ctx, person, text),
        Typing::Prompt => check_in::ask(ctx, text),
        Typing::FollowUp => anti_retreat::add_follow_up(ctx, text),
        Typing::Proposal
        | Typing::Words(..)
        | Typing::Count(_)
        | Typing::Settle(_)
        | Typing::Indicative(_)
        | Typing::Review
        | Typing::Record(_) => decision::finish(ctx, purpose, text),
        Typing::Mandate(group, question) => breakout::mandate(ctx, group, &question, text),
        Typing::GroupNote(group) => breakout::group_note(ctx, group, text),
        Typing::ReportPath => report_back::import(ctx, text),
    }
}

/// The people a pick offers.
pub fn pick_list(v: &View<GuideView>, purpose: Picking) -> Vec<PersonId> {
    match purpose {
        Picking::Introduce(person) => welcome::introduce_to(v, person),
        Picking::Parties => v.state().people.all().iter().map(|p| p.id).collect(),
    }
}

fn finish_pick(ctx: &mut Ctx<GuideView>, purpose: Picking, cursor: usize) {
    let Some(chosen) = pick_list(&ctx.look(), purpose).get(cursor).copied() else {
        ctx.view.entry = None;
        return;
    };
    match purpose {
        Picking::Introduce(person) => {
            ctx.view.entry = None;
            welcome::introduce(ctx, person, chosen);
        }
        // Stays open: several voices are often added at once.
        Picking::Parties => anti_retreat::toggle_party(ctx, chosen),
    }
}

/// A guide's cursor and large view belong to its segment: the first key
/// in a new one starts them afresh, whichever path the key takes.
fn begin(ctx: &mut Ctx<GuideView>, id: SegmentId) {
    if ctx.view.segment != Some(id) {
        ctx.view.segment = Some(id);
        ctx.view.cursor = 0;
        ctx.view.big = None;
    }
}

/// A guide's key; `Ignored` when no guide shows or the key is not the
/// guide's.
pub fn update(ctx: &mut Ctx<GuideView>, action: Action) -> Outcome {
    let Some((guide, id)) = showing(ctx.state()) else {
        return Outcome::Ignored;
    };
    begin(ctx, id);
    let done = match action {
        Action::Back if ctx.view.big.is_some() => {
            ctx.view.big = None;
            true
        }
        Action::Undo => {
            undo(ctx);
            true
        }
        _ => match guide {
            Guide::Welcome => welcome::update(ctx, id, action),
            Guide::Icebreaker => icebreaker::update(ctx, id, action),
            Guide::CheckIn => check_in::update(ctx, id, action),
            Guide::AntiRetreat => anti_retreat::update(ctx, id, action),
            Guide::Decision => decision::update(ctx, id, action),
            Guide::Breakout => breakout::update(ctx, id, action),
            Guide::ReportBack => report_back::update(ctx, id, action),
        },
    };
    if done {
        Outcome::Done
    } else {
        Outcome::Ignored
    }
}

/// On the Live screen with a guide, undo takes back the latest change of the
/// kinds made there: a guide event, an arrival, or the run. Notes and rounds
/// are undone on their own screens, so a note written elsewhere is never
/// taken back from here.
fn undo(ctx: &mut Ctx<GuideView>) {
    const SCOPES: [Scope; 3] = [Scope::Guide, Scope::People, Scope::Run];
    ctx.undo_with(|t, now| t.undo_latest(&SCOPES, now).into_iter().collect());
}

/// Logs what a core action gave, with a line for the status bar, or
/// says why it was refused.
pub(crate) fn log_or_say(
    ctx: &mut Ctx<GuideView>,
    made: Result<crate::core::event::Event, crate::core::decision::record::Refused>,
    said: impl Into<String>,
) {
    if logged(ctx, made) {
        ctx.say(said);
    }
}

/// Logs what a core action gave, or says why it was refused; whether it
/// was logged.
pub(crate) fn logged(
    ctx: &mut Ctx<GuideView>,
    made: Result<crate::core::event::Event, crate::core::decision::record::Refused>,
) -> bool {
    match made {
        Ok(event) => {
            ctx.log(event);
            true
        }
        Err(why) => {
            ctx.say(why.0);
            false
        }
    }
}

/// Moves a list cursor on Up/Down; true when the action was one of them.
pub(crate) fn move_cursor(ctx: &mut Ctx<GuideView>, action: Action, len: usize) -> bool {
    match action {
        Action::Up => ctx.view.cursor = row(&ctx.look(), len).saturating_sub(1),
        Action::Down => ctx.view.cursor = (row(&ctx.look(), len) + 1).min(len.saturating_sub(1)),
        _ => return false,
    }
    true
}

/// The row under the cursor in the guide's list of `len` rows. A cursor
/// belongs to the guide whose segment it was moved in: a guide that has just
/// begun starts at the top, so what is highlighted is what its keys act on.
pub(crate) fn row(v: &View<GuideView>, len: usize) -> usize {
    let on = showing(v.state()).map(|(_, id)| id);
    if on.is_some() && v.view.segment == on {
        v.view.cursor.min(len.saturating_sub(1))
    } else {
        0
    }
}

/// Moves the cursor to a row of the guide on show.
pub(crate) fn set_row(ctx: &mut Ctx<GuideView>, row: usize) {
    ctx.view.cursor = row;
}

/// Opens a large view, or closes it when it is the one showing.
pub(crate) fn toggle_big(ctx: &mut Ctx<GuideView>, big: Big) {
    ctx.view.big = if ctx.view.big == Some(big) {
        None
    } else {
        Some(big)
    };
}

/// The guide's panel under the countdown.
pub fn render(v: &View<GuideView>, guide: Guide, id: SegmentId, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    match guide {
        Guide::Welcome => welcome::render(v, id, area, buf),
        Guide::Icebreaker => icebreaker::render(v, id, area, buf),
        Guide::CheckIn => check_in::render(v, id, area, buf),
        Guide::AntiRetreat => anti_retreat::render(v, id, area, buf),
        Guide::Decision => decision::render(v, id, area, buf),
        Guide::Breakout => breakout::render(v, id, area, buf),
        Guide::ReportBack => report_back::render(v, id, area, buf),
    }
    if v.view.entry.is_some() {
        big::render_entry(v, area, buf);
    }
}

/// A large view in place of the Live screen's body; false when none shows.
/// A view opened in an earlier segment is not shown in the next one.
pub fn render_big(v: &View<GuideView>, area: Rect, buf: &mut Buffer) -> bool {
    match (v.view.big, showing(v.state())) {
        (Some(view), Some((_, id))) if v.view.segment == Some(id) => {
            big::render(v, view, id, area, buf);
            true
        }
        _ => false,
    }
}

/// The line kept on every screen while a confidential segment (an
/// anti-retreat, unless its plan says otherwise) is on.
pub fn banner(state: &State, t: &Theme) -> Option<Line<'static>> {
    let seg = state.run.current_segment()?;
    seg.is_confidential().then(|| {
        Line::styled(
            " CONFIDENTIAL — stays in this circle unless everyone consents ",
            t.alarm,
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
pub(crate) fn current(v: &View<GuideView>) -> Option<(SegmentId, Segment)> {
    let id = v.state().run.current?;
    Some((id, v.state().run.segment(id)?.clone()))
}

/// The name of a person, or a dash.
pub(crate) fn name(v: &View<GuideView>, person: Option<PersonId>) -> String {
    person.map_or("—".to_string(), |p| {
        shown(v.state().people.name(p)).into_owned()
    })
}
