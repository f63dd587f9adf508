//! The Round screen: the circle as it sits, the turn going around it, and
//! one key per thing that happens (next, pass, not here). Passing is never
//! remarked on: a pass is a quiet "·", and the round comes back to them.
//!
//! Its keys: `turns` (the keymap's `round` section). Drawing: here.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

use super::contract::View;
use crate::core::duration::unsigned_clock;
use crate::core::person::PersonId;
use crate::core::round::{Direction, Round, Standing, present};
use crate::tui::action::{Action, Bar};
use crate::tui::keymap::Context;
use crate::tui::widgets::fit::fit;
use crate::tui::widgets::ring::{self, Seat};
use crate::tui::widgets::turn;

mod turns;

pub use turns::update;

/// The Round screen's cursor (on the round's order, or before a round on
/// the people present in seat order) and the way the next round goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundView {
    pub cursor: usize,
    pub direction: Direction,
}

/// While a round runs: its turn keys; before one: how to start it.
pub fn hints(v: &View<RoundView>) -> Bar {
    if v.state().rounds.current().is_some() {
        Bar::RoundOn
    } else {
        Bar::RoundOff
    }
}

/// Rows the side panel of the order takes, when the screen is wide enough.
const PANEL: u16 = 28;

pub fn render(v: &View<RoundView>, area: Rect, buf: &mut Buffer) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let view = match v.state().rounds.current() {
        Some(round) => running(v, round),
        None => picking(v),
    };
    Paragraph::new(view.head.clone()).render(head, buf);
    (&view.foot).render(foot, buf);
    let (ring_area, panel_area) = if body.width >= 60 {
        let [r, p] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(PANEL)]).areas(body);
        (r, Some(p))
    } else {
        (body, None)
    };
    let ring_color = if v.settings.theme.dim.fg.is_some() {
        Color::DarkGray
    } else {
        Color::Reset
    };
    let drawn = ring::render(&view.seats, &view.centre, ring_color, ring_area, buf);
    match (drawn, panel_area) {
        (true, Some(p)) => panel(v, &view.rows, view.cursor, p, buf),
        (true, None) => {}
        // No room for the ring: the whole body is a compact list.
        (false, _) => ring::grid(&view.rows_as_seats(), body, buf),
    }
}

/// What the screen shows, worked out once for ring, panel and lines.
struct Picture {
    head: Vec<Line<'static>>,
    foot: Line<'static>,
    /// Around the ring: seat order, clockwise from the top.
    seats: Vec<Seat>,
    centre: Vec<Line<'static>>,
    /// The panel: speaking order (or seat order before a round), with
    /// where each stands in words.
    rows: Vec<PanelRow>,
    cursor: usize,
}

struct PanelRow {
    seat: Seat,
    detail: String,
}

impl Picture {
    fn rows_as_seats(&self) -> Vec<Seat> {
        self.rows.iter().map(|r| r.seat.clone()).collect()
    }
}

/// A round in progress, or complete and not yet ended.
fn running(v: &View<RoundView>, round: &Round) -> Picture {
    let t = &v.settings.theme;
    let people = &v.state().people;
    let next = round.up_next();
    let cursor = v.view.cursor.min(round.order().len().saturating_sub(1));
    let rows: Vec<PanelRow> = round
        .standings(v.now)
        .into_iter()
        .enumerate()
        .map(|(i, (id, standing))| {
            let (marker, style, detail) = match standing {
                Standing::Speaking(d) => ("▶", turn::speaker_style(t), clock(d)),
                Standing::Done(d) => ("✓", t.dim, clock(d)),
                Standing::Passed { .. } => ("·", t.base, "passed".into()),
                Standing::Absent => ("×", t.dim, "absent".into()),
                Standing::Waiting if Some(id) == next => ("▷", t.title, "next".into()),
                Standing::Waiting => (" ", t.base, String::new()),
            };
            let style = if i == cursor {
                style.patch(t.selected)
            } else {
                style
            };
            PanelRow {
                seat: seat(v, id, marker, style),
                detail,
            }
        })
        .collect();
    // Around the ring in seat order: the speaking order, turned back for a
    // counter-clockwise round.
    let mut seats: Vec<Seat> = rows.iter().map(|r| r.seat.clone()).collect();
    if round.direction == Direction::CounterClockwise && seats.len() > 1 {
        seats[1..].reverse();
    }
    let heard = round
        .standings(v.now)
        .iter()
        .filter(|(_, s)| matches!(s, Standing::Done(_)))
        .count();
    let total = round.order().len();
    let title = v
        .state()
        .run
        .current_segment()
        .map_or("Round".to_string(), |s| s.title.clone());
    let mut status = vec![
        Span::styled(title, t.title),
        Span::styled(format!(" · {} · ", direction(round.direction)), t.dim),
        Span::raw(format!("{heard} of {total} heard")),
    ];
    if round.second_pass() {
        status.push(Span::styled(" · back to those who passed", t.accent));
    }
    let (centre, foot) = if let Some(turn) = round.speaking() {
        let c = turn.clock(&v.state().run, &v.session().plan, v.now);
        (
            vec![
                Line::styled(
                    format!("▶ {}", people.name(turn.person)),
                    turn::speaker_style(t),
                ),
                Line::styled(turn::countdown(&c), t.stage(c.stage())),
            ],
            turn::line(v.state(), &v.session().plan, v.theme(), turn, v.now),
        )
    } else if let Some(id) = next {
        let back = if round.second_pass() {
            ", back to them"
        } else {
            ""
        };
        (
            vec![
                Line::styled("up next", t.dim),
                Line::styled(people.name(id).to_string(), t.title),
            ],
            Line::from(vec![
                Span::styled("Up next: ", t.dim),
                Span::styled(people.name(id).to_string(), t.title),
                Span::styled(
                    format!(
                        "{back} · {} gives them the turn",
                        v.settings.key(Context::Round, Action::NextSpeaker)
                    ),
                    t.dim,
                ),
            ]),
        )
    } else {
        status = vec![Span::styled("Round complete", t.title)];
        (
            vec![Line::styled("complete", t.title)],
            Line::from(vec![
                Span::raw(summary(round, v.now)),
                Span::styled(
                    format!(
                        " · {} ends the round",
                        v.settings.key(Context::Round, Action::EndRound)
                    ),
                    t.dim,
                ),
            ]),
        )
    };
    Picture {
        head: vec![Line::from(status), prompt_line(v)],
        foot,
        seats,
        centre,
        rows,
        cursor,
    }
}

/// No round running: the people present in seat order, to pick who starts.
fn picking(v: &View<RoundView>) -> Picture {
    let t = &v.settings.theme;
    let here = present(&v.state().people);
    let cursor = v.view.cursor.min(here.len().saturating_sub(1));
    let rows: Vec<PanelRow> = here
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (marker, style) = if i == cursor {
                ("▷", t.selected)
            } else {
                (" ", t.base)
            };
            PanelRow {
                seat: seat(v, p.id, marker, style),
                detail: String::new(),
            }
        })
        .collect();
    let seats = rows.iter().map(|r| r.seat.clone()).collect();
    let segment = v.state().run.current_segment();
    let heading = match segment {
        Some(s) if s.kind.is_round() => format!("{} is a round: pick who starts", s.title),
        _ => "No round running: pick who starts".to_string(),
    };
    let dir = direction(v.view.direction);
    let head = vec![
        Line::styled(heading, t.title),
        Line::from(vec![
            Span::styled(
                format!(
                    "↑↓ pick · {} starts · {} random start · {} direction: ",
                    v.settings.key(Context::Round, Action::StartRound),
                    v.settings.key(Context::Round, Action::RandomStart),
                    v.settings.key(Context::Round, Action::ToggleDirection),
                ),
                t.dim,
            ),
            Span::raw(dir),
        ]),
    ];
    let last = v
        .state()
        .run
        .current
        .and_then(|id| v.state().rounds.latest_in(id))
        .or(v.state().rounds.last());
    let foot = match last {
        Some(r) => Line::from(vec![
            Span::styled("Last round: ", t.dim),
            Span::raw(summary(r, v.now)),
        ]),
        None if here.is_empty() => Line::styled(
            "Nobody on the roster yet: add people on the People screen",
            t.dim,
        ),
        None => Line::styled(format!("{} in the circle", here.len()), t.dim),
    };
    let centre = match here.get(cursor) {
        Some(p) => vec![
            Line::styled("starts:", t.dim),
            Line::styled(p.name.clone(), t.title),
            Line::styled(dir, t.dim),
        ],
        None => Vec::new(),
    };
    Picture {
        head,
        foot,
        seats,
        centre,
        rows,
        cursor,
    }
}

fn seat(v: &View<RoundView>, id: PersonId, marker: &'static str, style: Style) -> Seat {
    Seat {
        marker,
        name: v.state().people.name(id).to_string(),
        style,
    }
}

fn clock(d: jiff::SignedDuration) -> String {
    unsigned_clock(d.as_secs().max(0) as u64)
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Clockwise => "clockwise ↻",
        Direction::CounterClockwise => "counter-clockwise ↺",
    }
}

/// The segment's question, to read out.
fn prompt_line(v: &View<RoundView>) -> Line<'static> {
    match v
        .state()
        .run
        .current_segment()
        .and_then(|s| s.prompt.clone())
    {
        Some(p) => Line::styled(format!("“{p}”"), v.settings.theme.accent),
        None => Line::default(),
    }
}

/// "9 spoke · 2 passed · 1 absent · 12:40 in all".
fn summary(round: &Round, now: Timestamp) -> String {
    let r = round.result(now);
    let total = r
        .spoke
        .iter()
        .fold(jiff::SignedDuration::ZERO, |a, (_, d)| a.saturating_add(*d));
    let mut parts = vec![format!("{} spoke", r.spoke.len())];
    if !r.passed.is_empty() {
        parts.push(format!("{} passed", r.passed.len()));
    }
    if !r.absent.is_empty() {
        parts.push(format!("{} absent", r.absent.len()));
    }
    if !r.waiting.is_empty() {
        parts.push(format!("{} not reached", r.waiting.len()));
    }
    parts.push(format!("{} in all", clock(total)));
    parts.join(" · ")
}

/// The order with where each stands, in words, the cursor kept in view.
fn panel(v: &View<RoundView>, rows: &[PanelRow], cursor: usize, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    // Marker, detail and the spaces between take ten columns.
    let name_w = area.width.saturating_sub(10) as usize;
    let table_rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            Row::new(vec![
                Cell::from(r.seat.marker),
                Cell::from(fit(&r.seat.name, name_w)),
                Cell::from(Line::from(r.detail.clone()).right_aligned()),
            ])
            .style(r.seat.style)
        })
        .collect();
    let table = Table::new(
        table_rows,
        [
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(7),
        ],
    )
    .header(Row::new(["", "order", ""]).style(t.title));
    let mut state = TableState::default().with_selected((!rows.is_empty()).then_some(cursor));
    StatefulWidget::render(table, area, buf, &mut state);
}
