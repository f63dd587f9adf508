//! The Plan screen: every segment with its clock time, length and status,
//! and the drift so far. Upcoming segments can be moved, skipped, re-timed
//! or jumped to; each change is a logged event that one key undoes.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Clear, Paragraph, Row, StatefulWidget, Table, TableState, Widget,
};

use crate::core::checks::Finding;
use crate::core::duration::{clock, friendly, signed_minutes};
use crate::core::run::{SegmentId, Status};
use crate::tui::app::{App, Overlay};
use crate::tui::widgets::centered;

pub fn render(app: &App, now: Timestamp, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let run = &app.state.run;
    let notes = findings_by_segment(app);
    let selected = app.selected();
    let about: Vec<String> = notes
        .iter()
        .filter(|(id, _)| *id == selected)
        .flat_map(|(_, fs)| {
            fs.iter()
                .map(|f| format!("⚠ {} {} · {}", f.code, f.message, f.suggestion))
        })
        .collect();
    let [table_area, advice, foot] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(about.len().min(3) as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    Paragraph::new(
        about
            .into_iter()
            .map(|a| Line::styled(a, t.soon))
            .collect::<Vec<_>>(),
    )
    .render(advice, buf);
    let start = app.planned_start().or(run.started).unwrap_or(now);
    let starts = run.planned_starts(start, now);
    let rows: Vec<Row> = starts
        .iter()
        .enumerate()
        .filter_map(|(i, (id, at))| {
            let seg = run.segment(*id)?;
            let p = run.progress(*id)?;
            let when = p.started.unwrap_or(*at);
            let (status, style) = match p.status {
                Status::Done => {
                    let actual = p.elapsed(now);
                    let over = actual.saturating_sub(run.time_box(*id));
                    (
                        format!("done {} ({})", friendly_min(actual), signed_minutes(over)),
                        t.dim,
                    )
                }
                Status::Running => (left_or_over("running", run.remaining(*id, now)), t.ok),
                Status::Paused => (left_or_over("paused", run.remaining(*id, now)), t.soon),
                Status::Skipped => ("skipped".to_string(), t.dim),
                Status::Upcoming => ("upcoming".to_string(), t.base),
            };
            let warned = notes
                .iter()
                .any(|(n, fs)| *n == Some(*id) && !fs.is_empty());
            let warn = if warned { "⚠" } else { " " };
            Some(
                Row::new(vec![
                    Cell::from(format!("{:>2}{warn}", i + 1)),
                    Cell::from(when.to_zoned(app.tz.clone()).strftime("%H:%M").to_string()),
                    Cell::from(seg.title.clone()),
                    Cell::from(seg.kind.label()),
                    Cell::from(friendly(run.time_box(*id))),
                    Cell::from(status),
                ])
                .style(style),
            )
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(3),
            Constraint::Length(5),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(7),
            Constraint::Fill(3),
        ],
    )
    .header(Row::new(["#", "at", "segment", "kind", "box", "status"]).style(t.title))
    .row_highlight_style(t.selected)
    .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(app.plan_cursor));
    StatefulWidget::render(table, table_area, buf, &mut state);

    let s = crate::core::rehearsal::schedule(&app.session, &app.state, app.planned_start(), now);
    let fmt = |ts: Timestamp| ts.to_zoned(app.tz.clone()).strftime("%H:%M").to_string();
    let whole = notes
        .iter()
        .find(|(id, _)| id.is_none())
        .map_or(0, |(_, fs)| fs.len());
    let mut spans = vec![
        Span::styled("planned end ", t.dim),
        Span::raw(fmt(s.planned_end)),
        Span::styled(" · projected ", t.dim),
        Span::raw(fmt(s.projected_end)),
        Span::styled(" · drift ", t.dim),
        Span::raw(signed_minutes(s.drift)),
    ];
    if whole > 0 {
        let plan_wide: Vec<&str> = notes
            .iter()
            .filter(|(id, _)| id.is_none())
            .flat_map(|(_, fs)| fs.iter().map(|f| f.message.as_str()))
            .collect();
        spans.push(Span::styled(
            format!(" · ⚠ {}", plan_wide.join("; ")),
            t.soon,
        ));
    }
    Line::from(spans).render(foot, buf);
}

/// Check findings grouped by the segment they are about (`None`: the whole
/// plan). Findings count segments of the effective plan, which leaves
/// skipped ones out.
fn findings_by_segment(app: &App) -> Vec<(Option<SegmentId>, Vec<&Finding>)> {
    let run = &app.state.run;
    let kept: Vec<SegmentId> = run
        .order
        .iter()
        .copied()
        .filter(|id| {
            run.progress(*id)
                .is_some_and(|p| p.status != Status::Skipped)
        })
        .collect();
    let mut out: Vec<(Option<SegmentId>, Vec<&Finding>)> = Vec::new();
    for f in &app.findings {
        let id = f.segment.and_then(|i| kept.get(i).copied());
        match out.iter_mut().find(|(k, _)| *k == id) {
            Some((_, list)) => list.push(f),
            None => out.push((id, vec![f])),
        }
    }
    out
}

/// "running, 4:10 left" or "running, 0:10 over".
fn left_or_over(state: &str, remaining: jiff::SignedDuration) -> String {
    if remaining.is_negative() {
        format!("{state}, {} over", clock(-remaining))
    } else {
        format!("{state}, {} left", clock(remaining))
    }
}

/// "17m" or "17m 30s": actual lengths keep their seconds.
fn friendly_min(d: jiff::SignedDuration) -> String {
    friendly(jiff::SignedDuration::from_secs(d.as_secs()))
}

/// The prompt for typing a new time box.
pub fn render_time_box(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(Overlay::TimeBox {
        segment,
        text,
        error,
    }) = &app.overlay
    else {
        return;
    };
    let title = app
        .state
        .run
        .segment(*segment)
        .map_or(String::new(), |s| s.title.clone());
    let t = &app.theme;
    let mut lines = vec![
        Line::from(vec![
            Span::raw("New time box: "),
            Span::styled(format!("{text}▏"), t.key),
        ]),
        Line::styled("e.g. 20m, 1h 30m, 90s · enter sets · esc cancels", t.dim),
    ];
    if let Some(e) = error {
        lines.push(Line::styled(e.clone(), t.last));
    }
    let box_area = centered(area, 60, lines.len() as u16 + 2);
    Clear.render(box_area, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" {title} ")),
        )
        .render(box_area, buf);
}
