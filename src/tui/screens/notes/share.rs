//! Sharing from the Notes screen: a note kept in the circle leaves it only
//! through recorded consent (the consent dialog), consent can be withdrawn
//! with one key, and the harvest is written only after a look at what it
//! would share (who is named, what each shared note rests on), anonymized
//! if asked.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::{NotesPrompt, NotesView, undo_key};
use crate::core::consent::{ConsentEvent, Subject};
use crate::core::event::Event;
use crate::core::harvest::{Format, Harvest, Options, airtime_lines, privacy};
use crate::core::note::{Note, NoteEvent, NoteId, Visibility};
use crate::core::state::State;
use crate::store::harvest::export_path;
use crate::tui::action::Action;
use crate::tui::jobs::Job;
use crate::tui::keymap::Context;
use crate::tui::screens::contract::{Ctx, View};
use crate::tui::widgets::centered;
use crate::tui::widgets::consent::{self as dialog, Answer, ConsentDialog, Mode};

/// The harvest as it would be written, for a look before it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportPreview {
    pub anonymize: bool,
    /// The harvest checked: Enter writes this one, not one built again.
    pub harvest: Box<Harvest>,
    /// The privacy check, line by line.
    pub lines: Vec<String>,
    pub scroll: usize,
}

/// `p`: a shared note is kept in the circle (that needs no one's
/// consent); a kept one is shared only if everyone it needs agreed, else
/// the consent dialog asks who did.
pub fn share_or_keep(ctx: &mut Ctx<NotesView>, note: &Note) {
    let id = note.id;
    if note.is_shared() {
        let visibility = Visibility::CircleOnly;
        ctx.log(Event::Note(NoteEvent::SetVisibility { id, visibility }));
        ctx.say(format!(
            "now kept in the circle — {}",
            undo_key(ctx.settings)
        ));
        return;
    }
    match ctx.state().ask(Subject::Note(id)) {
        // Consent needs people to give it.
        Some(ask) if ask.people.is_empty() => {
            ctx.say("not shared: there is no one on the roster to agree (add people on People)")
        }
        Some(ask) if !ask.complete() => {
            let open = ConsentDialog::new(Subject::Note(id), Mode::Agree);
            ctx.view.prompt = Some(NotesPrompt::Consent(open));
        }
        _ => {
            let visibility = Visibility::Shared;
            ctx.log(Event::Note(NoteEvent::SetVisibility { id, visibility }));
            let now = privacy(ctx.state(), id, &ctx.settings.tz);
            ctx.say(format!("{now} — {}", undo_key(ctx.settings)));
        }
    }
}

/// The withdrawal key: those who agreed can take it back; the note goes
/// back to the circle.
pub fn withdraw(ctx: &mut Ctx<NotesView>, note: &Note) {
    match ctx.state().ask(Subject::Note(note.id)) {
        Some(ask) if ask.agreed() > 0 => {
            let open = ConsentDialog::new(Subject::Note(note.id), Mode::Withdraw);
            ctx.view.prompt = Some(NotesPrompt::Consent(open));
        }
        _ => ctx.say("no one has agreed to share this note: there is nothing to withdraw"),
    }
}

/// A key in the consent dialog.
pub fn consent_key(
    ctx: &mut Ctx<NotesView>,
    mut open: ConsentDialog,
    key: &KeyEvent,
) -> Option<NotesPrompt> {
    let Some(ask) = ctx.state().ask(open.subject) else {
        // The note is gone, or needs no one's consent any more.
        return None;
    };
    match open.on_key(key, &ask, &ctx.settings.tz) {
        Answer::Kept => Some(NotesPrompt::Consent(open)),
        Answer::Cancel => {
            if open.mode == Mode::Agree {
                ctx.say("nothing recorded: the note stays in the circle");
            }
            None
        }
        Answer::Record(event) => {
            let withdrawn = matches!(event, Event::Consent(ConsentEvent::Withdrawn { .. }));
            ctx.log(event);
            if let Subject::Note(id) = open.subject {
                let said = match withdrawn {
                    true if ctx.state().notes.get(id).is_some_and(|n| !n.is_shared()) => {
                        "consent withdrawn: back in the circle".to_string()
                    }
                    _ => privacy(ctx.state(), id, &ctx.settings.tz),
                };
                ctx.say(format!("{said} — {}", undo_key(ctx.settings)));
                ctx.view.select(&ctx.timeline.state().notes, Some(id));
            }
            None
        }
    }
}

/// What a note is now: "kept in the circle", "shared", "shared: agreed by
/// all 9 present at 20:14", "kept in the circle: 3 of 9 agreed; ...".
pub fn privacy(state: &State, id: NoteId, tz: &jiff::tz::TimeZone) -> String {
    let Some(note) = state.notes.get(id) else {
        return "deleted".into();
    };
    let ask = state.ask(Subject::Note(id));
    match (note.is_shared(), ask) {
        (true, Some(ask)) => format!("shared: {}", dialog::standing(&ask, tz)),
        (true, None) => "shared".into(),
        (false, Some(ask)) if ask.agreed() > 0 && !ask.complete() => {
            format!("kept in the circle: {}", dialog::standing(&ask, tz))
        }
        (false, _) => "kept in the circle".into(),
    }
}

/// The dialog over the screen.
pub fn render_consent(v: &View<NotesView>, open: &ConsentDialog, area: Rect, buf: &mut Buffer) {
    let Some(ask) = v.state().ask(open.subject) else {
        return;
    };
    let about = match open.subject {
        Subject::Note(id) => v
            .state()
            .notes
            .get(id)
            .and_then(|n| n.text.lines().find(|l| !l.trim().is_empty()))
            .map_or(String::new(), |l| format!("\"{}\"", l.trim())),
        _ => String::new(),
    };
    let title = match open.mode {
        Mode::Agree => "Share this note? Who agreed",
        Mode::Withdraw => "Withdraw consent",
    };
    dialog::render(open, &ask, title, &about, v.theme(), v.tz(), area, buf);
}

impl Eq for ExportPreview {}

/// `h`: the privacy check of the harvest as it would be written.
pub fn open_export(ctx: &mut Ctx<NotesView>, anonymize: bool) -> Option<NotesPrompt> {
    let options = Options {
        anonymize,
        time_zone: ctx.settings.tz.clone(),
    };
    let airtime = airtime_lines(ctx.state(), ctx.now);
    let airtime = (!airtime.is_empty()).then_some(airtime.as_slice());
    let harvest = Harvest::build(ctx.session(), ctx.state(), &options, airtime);
    match privacy::check_built(ctx.session(), &harvest, Format::Markdown) {
        Ok(preview) => {
            let text = preview.to_text(&ctx.settings.tz);
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            if preview.not_named > 0 {
                let key = ctx.settings.key(Context::People, Action::NamingConsent);
                lines.push(format!(
                    "(On the People screen, {key} records who agreed to be named.)"
                ));
            }
            Some(NotesPrompt::Export(Box::new(ExportPreview {
                anonymize,
                harvest: Box::new(harvest),
                lines,
                scroll: 0,
            })))
        }
        Err(e) => {
            ctx.say(format!("the harvest cannot be built: {e}"));
            None
        }
    }
}

/// A key while the privacy check is shown: `a` anonymizes (or not), the
/// arrows scroll, Enter has a job write it, Esc writes nothing.
pub fn export_key(
    ctx: &mut Ctx<NotesView>,
    mut open: Box<ExportPreview>,
    key: &KeyEvent,
) -> Option<NotesPrompt> {
    let last = open.lines.len().saturating_sub(1);
    match key.code {
        KeyCode::Esc => {
            ctx.say("no harvest written");
            return None;
        }
        KeyCode::Char('a') => return open_export(ctx, !open.anonymize),
        KeyCode::Up | KeyCode::Char('k') => open.scroll = open.scroll.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => open.scroll = (open.scroll + 1).min(last),
        KeyCode::PageUp => open.scroll = open.scroll.saturating_sub(10),
        KeyCode::PageDown => open.scroll = (open.scroll + 10).min(last),
        KeyCode::Enter => {
            // A job writes the harvest checked; it says where when done.
            ctx.run(Job::WriteHarvest {
                session: ctx.settings.path.clone(),
                harvest: open.harvest,
            });
            ctx.say("writing the harvest…");
            return None;
        }
        _ => {}
    }
    Some(NotesPrompt::Export(open))
}

/// The privacy check over most of the screen.
pub fn render_export(v: &View<NotesView>, open: &ExportPreview, area: Rect, buf: &mut Buffer) {
    let t = v.theme();
    let file = export_path(&v.settings.path, Format::Markdown);
    let name = file
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let box_area = centered(area, area.width.min(110), area.height.saturating_sub(2));
    let keys = Line::styled(
        format!(
            "a anonymize: {} · ↑↓ scroll · enter writes {name} · esc writes nothing",
            if open.anonymize { "on" } else { "off" }
        ),
        t.accent,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.accent)
        .title(" Harvest: what would leave the circle ");
    let inner = block.inner(box_area);
    let keys_h = keys.width().div_ceil(inner.width.max(1) as usize).max(1) as u16;
    let [body, foot] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(keys_h)]).areas(inner);
    crate::tui::widgets::clear_box(box_area, buf);
    block.render(box_area, buf);
    let lines: Vec<Line> = open
        .lines
        .iter()
        .skip(open.scroll)
        .take(body.height as usize)
        .map(|l| Line::raw(l.clone()))
        .collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(body, buf);
    Paragraph::new(keys)
        .wrap(Wrap { trim: false })
        .render(foot, buf);
}
