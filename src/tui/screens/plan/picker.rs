//! The activity picker: type to search the library, Enter inserts the
//! activity after the selected segment (a logged, undoable plan edit).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::core::duration::friendly;
use crate::core::event::Event;
use crate::core::library::{Activity, Library};
use crate::core::run::RunEvent;
use crate::tui::keymap::Context;
use crate::tui::screens::contract::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::centered;
use crate::tui::widgets::line_input::LineInput;

use super::PlanView;

/// Activities matching `query` (see `core::library::search`).
pub fn matches<'a>(activities: &'a [Activity], query: &str) -> Vec<&'a Activity> {
    crate::core::library::search(activities, query)
}

/// Enter: inserts the activity under the cursor after the selected segment.
/// `false` keeps the picker open (nothing matched).
pub fn insert(ctx: &mut Ctx<PlanView>, query: &str, cursor: usize) -> bool {
    let chosen = matches(&ctx.settings.library.activities, query)
        .get(cursor)
        .map(|a| (a.title.clone(), a.to_segment()));
    let Some((title, segment)) = chosen else {
        ctx.say("nothing matches");
        return false;
    };
    let at = (ctx.view.cursor + 1).min(ctx.state().run.order.len());
    ctx.log(Event::Run(RunEvent::Insert {
        at,
        segment: Box::new(segment),
    }));
    ctx.view.cursor = at;
    let undo = ctx.settings.undoes(Context::Plan);
    ctx.say(format!("inserted '{title}' ({undo})"));
    true
}

pub fn render(
    library: &Library,
    query: &LineInput,
    cursor: usize,
    t: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let found = matches(&library.activities, &query.text);
    let box_area = centered(area, 76, area.height.saturating_sub(2));
    let rows = box_area.height.saturating_sub(4) as usize;
    let first = cursor.saturating_sub(rows.saturating_sub(1));
    let mut lines = vec![
        query.line("Search", t),
        Line::styled(
            format!(
                "{} found · ↑↓ choose · enter inserts after the selected segment · esc",
                found.len()
            ),
            t.dim,
        ),
    ];
    for (i, a) in found.iter().enumerate().skip(first).take(rows) {
        let time = a.total().map_or("-".to_string(), friendly);
        let line = Line::from(vec![
            ratatui::text::Span::raw(format!("{:<22} ", a.title)),
            ratatui::text::Span::styled(format!("{:<20} {time}", a.kind.label()), t.dim),
        ]);
        lines.push(if i == cursor {
            line.style(t.selected)
        } else {
            line
        });
    }
    crate::tui::widgets::clear_box(box_area, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Insert an activity "),
        )
        .render(box_area, buf);
}
