//! The consent dialog: before something leaves the circle (a note, a
//! confidential segment's name, a person's name or position), who must
//! agree, who has, and who agrees now.
//!
//! Nobody starts marked: the facilitator marks each person who said yes
//! (space), or `a` records that everyone present agreed. Enter records the
//! marked people as one consent event; Esc records nothing, so what was
//! kept stays in the circle. The same dialog withdraws consent: it then
//! lists those who agreed, and the marked ones take their agreement back.

use crossterm::event::{KeyCode, KeyEvent};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::centered;
use crate::core::consent::{self, Ask, Asked, Basis, Subject};
use crate::core::event::Event;
use crate::core::person::PersonId;
use crate::tui::theme::Theme;

/// Whether the dialog records agreement or its withdrawal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Agree,
    Withdraw,
}

/// The dialog's own state; what it lists comes from the ledger's `Ask`
/// each time, so it never shows a stale agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentDialog {
    pub subject: Subject,
    pub mode: Mode,
    pub cursor: usize,
    /// Marked in this dialog: who agrees now, or who withdraws.
    pub marked: Vec<PersonId>,
    /// Why the last key did nothing.
    pub error: Option<String>,
}

/// What a key in the dialog came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Kept,
    /// Closed without recording anything.
    Cancel,
    /// One event to log; the dialog is done.
    Record(Event),
}

impl ConsentDialog {
    pub fn new(subject: Subject, mode: Mode) -> ConsentDialog {
        ConsentDialog {
            subject,
            mode,
            cursor: 0,
            marked: Vec::new(),
            error: None,
        }
    }

    /// The people listed: everyone asked, or (withdrawing) those who agreed.
    pub fn rows<'a>(&self, ask: &'a Ask) -> Vec<&'a Asked> {
        ask.people
            .iter()
            .filter(|a| self.mode == Mode::Agree || a.agreed.is_some())
            .collect()
    }

    pub fn on_key(&mut self, key: &KeyEvent, ask: &Ask, tz: &TimeZone) -> Answer {
        let rows = self.rows(ask);
        self.error = None;
        match key.code {
            KeyCode::Esc => return Answer::Cancel,
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                self.cursor = (self.cursor + 1).min(rows.len().saturating_sub(1))
            }
            KeyCode::Char(' ') | KeyCode::Char('x') => {
                let Some(row) = rows.get(self.cursor.min(rows.len().saturating_sub(1))) else {
                    return Answer::Kept;
                };
                match (self.mode, row.agreed) {
                    (Mode::Agree, Some(at)) => {
                        self.error =
                            Some(format!("{} agreed already, at {}", row.name, hhmm(at, tz)))
                    }
                    _ => match self.marked.iter().position(|p| *p == row.person) {
                        Some(i) => {
                            self.marked.remove(i);
                        }
                        None => self.marked.push(row.person),
                    },
                }
                self.cursor = (self.cursor + 1).min(rows.len().saturating_sub(1));
            }
            KeyCode::Char('a') => {
                return match self.mode {
                    Mode::Agree => {
                        let here = ask.here();
                        if here.is_empty() {
                            self.error = Some("nobody it needs is here now".into());
                            return Answer::Kept;
                        }
                        Answer::Record(consent::agree(self.subject, here))
                    }
                    Mode::Withdraw => {
                        let all = rows.iter().map(|a| a.person).collect();
                        Answer::Record(consent::withdraw(self.subject, all))
                    }
                };
            }
            KeyCode::Enter => {
                // Only people still listed count (the roster may have moved).
                let marked: Vec<PersonId> = rows
                    .iter()
                    .map(|a| a.person)
                    .filter(|p| self.marked.contains(p))
                    .collect();
                if marked.is_empty() {
                    self.error = Some(
                        match self.mode {
                            Mode::Agree => "mark who agreed with space, or a: all present agreed",
                            Mode::Withdraw => "mark who withdraws with space, or a: all of them",
                        }
                        .into(),
                    );
                    return Answer::Kept;
                }
                return Answer::Record(match self.mode {
                    Mode::Agree => consent::agree(self.subject, marked),
                    Mode::Withdraw => consent::withdraw(self.subject, marked),
                });
            }
            _ => {}
        }
        Answer::Kept
    }
}

/// "HH:MM" in the gathering's time zone.
fn hhmm(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone()).strftime("%H:%M").to_string()
}

/// Who a basis asks, counted: "all 9 present", "both voices".
fn whom(basis: Basis, n: usize) -> String {
    let (one, many) = match basis {
        Basis::Everyone => ("present", "present"),
        Basis::Parties => ("voice", "voices"),
        Basis::Named => ("person it is about", "people it is about"),
    };
    match (basis, n) {
        (Basis::Parties, 2) => "both voices".into(),
        (_, 1) => format!("the one {one}"),
        _ => format!("all {n} {many}"),
    }
}

/// What stands, in a few words: "shared: agreed by all 9 present at
/// 20:14" when everyone needed agreed, else "kept in the circle: 3 of 9
/// agreed; Ana, Idris and 4 more have not agreed yet".
pub fn standing(ask: &Ask, tz: &TimeZone) -> String {
    if ask.complete() {
        let last = ask.people.iter().filter_map(|a| a.agreed).max();
        let when = last.map(|t| format!(" at {}", hhmm(t, tz)));
        format!(
            "agreed by {}{}",
            whom(ask.basis, ask.people.len()),
            when.unwrap_or_default()
        )
    } else if ask.agreed() == 0 {
        format!("no one has agreed yet ({} needed)", ask.people.len())
    } else {
        format!(
            "{} of {} agreed; {}",
            ask.agreed(),
            ask.people.len(),
            ask.waiting_for()
        )
    }
}

/// Whose agreement it needs, as the dialog's first line.
fn needs(basis: Basis, n: usize) -> String {
    let who = match basis {
        Basis::Everyone => "everyone present when it was said",
        Basis::Parties => "the voices of the conversation",
        Basis::Named => "the people it is about",
    };
    format!("It needs the agreement of {who} ({n}).")
}

/// Draws the dialog over `area`: `title` names the subject, `about` quotes
/// it (a note's first line, a segment's title).
#[allow(clippy::too_many_arguments)]
pub fn render(
    dialog: &ConsentDialog,
    ask: &Ask,
    title: &str,
    about: &str,
    theme: &Theme,
    tz: &TimeZone,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = theme;
    let rows = dialog.rows(ask);
    let mut head = vec![Line::styled(about.to_string(), t.title)];
    let keys = match dialog.mode {
        Mode::Agree => {
            head.push(Line::raw(needs(ask.basis, ask.people.len())));
            "space marks who agreed · a all present agreed · enter records · esc keeps it in the circle"
        }
        Mode::Withdraw => {
            head.push(Line::raw(
                "Mark who takes their agreement back: it goes back to the circle.",
            ));
            "space marks · a all of them withdraw · enter records · esc changes nothing"
        }
    };
    let mut foot = vec![Line::styled(standing(ask, tz), t.dim)];
    if let Some(e) = &dialog.error {
        foot.push(Line::styled(e.clone(), t.last));
    }
    foot.push(Line::styled(keys, t.dim));
    // The rows that fit, around the cursor.
    let width = area.width.min(72);
    let inner = width.saturating_sub(2).max(1) as usize;
    let tall = |lines: &[Line]| lines.iter().map(|l| wrapped(l, inner)).sum::<usize>();
    let fixed = tall(&head) + tall(&foot) + 2 + 2;
    let room = (area.height as usize).saturating_sub(fixed).max(1);
    let cursor = dialog.cursor.min(rows.len().saturating_sub(1));
    let first = cursor.saturating_sub(room.saturating_sub(1));
    let mut lines = head;
    lines.push(Line::raw(""));
    for (i, a) in rows.iter().enumerate().skip(first).take(room) {
        let marked = dialog.marked.contains(&a.person);
        let (mark, state) = match (dialog.mode, a.agreed, marked) {
            (Mode::Agree, Some(at), _) => ("✓", format!("agreed {}", hhmm(at, tz))),
            (Mode::Agree, None, true) => ("[x]", "agrees now".to_string()),
            (Mode::Agree, None, false) => ("[ ]", String::new()),
            (Mode::Withdraw, _, true) => ("[x]", "withdraws".to_string()),
            (Mode::Withdraw, at, false) => (
                "[ ]",
                at.map(|at| format!("agreed {}", hhmm(at, tz)))
                    .unwrap_or_default(),
            ),
        };
        let away = if a.here { "" } else { " (not here)" };
        let mut line = Line::from(vec![
            Span::raw(format!("{mark:>3} ")),
            Span::raw(a.name.clone()),
            Span::styled(away, t.dim),
            Span::raw("  "),
            Span::styled(state, if marked { t.accent } else { t.dim }),
        ]);
        if i == cursor {
            line = line.style(t.selected);
        }
        lines.push(line);
    }
    if rows.is_empty() {
        lines.push(Line::styled("  (no one)", t.dim));
    }
    lines.push(Line::raw(""));
    lines.extend(foot);
    let height = tall(&lines) as u16 + 2;
    let box_area = centered(area, width, height);
    crate::tui::widgets::clear_box(box_area, buf);
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.accent)
                .title(format!(" {title} ")),
        )
        .render(box_area, buf);
}

/// How many rows a line takes wrapped at `width` columns (roughly: by
/// display width).
fn wrapped(line: &Line, width: usize) -> usize {
    line.width().div_ceil(width).max(1)
}
