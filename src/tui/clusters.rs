//! Drawing rows that hold clusters a terminal may lay out its own way.
//!
//! ratatui draws a frame as a diff: only the cells that changed are sent.
//! A cluster of several code points takes one cell in the buffer and hides
//! the cells it covers, which the diff then never sends. tmux and vt100 lay
//! "प्रि" out as three cells of their own ("प्", "र", "ि"), so when a shorter
//! name replaced it the diff wrote over the first and left "ि" on screen,
//! over the big countdown, the note editor, the room clock, until a restart.
//! Emoji sequences are the same in kind: "👍🏽" is two columns to the buffer
//! and four to tmux.
//!
//! [`Clusters`] wraps the real backend and keeps what it last sent. A row
//! that holds such a cluster, before or after the change, is sent whole:
//! every cell, each cluster after blanking the columns it should cover,
//! and the cursor placed afresh after it. The row is then right however
//! the terminal measures the cluster (at worst the cluster itself shows
//! clipped), and nothing a cluster pushed aside stays behind. Rows without
//! such clusters, most of them, go out as the plain diff.

use std::collections::BTreeSet;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect, Size};

/// A backend that sends rows holding multi-code-point clusters whole.
#[derive(Debug)]
pub struct Clusters<B> {
    inner: B,
    /// What the terminal was last sent, cell by cell.
    sent: Buffer,
}

/// A cell whose symbol is more than one code point: an accent written
/// apart, a conjunct, an emoji sequence. Terminals disagree on their widths.
fn is_cluster(cell: &Cell) -> bool {
    cell.symbol().chars().nth(1).is_some()
}

/// A cell the buffer asks not to draw (an image protocol's, say).
#[allow(deprecated)]
fn is_skipped(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

impl<B: Backend> Clusters<B> {
    /// Wraps `inner`, whose screen is blank and `size` large.
    pub fn new(inner: B, size: Size) -> Self {
        Clusters {
            inner,
            sent: Buffer::empty(Rect::from((Position::ORIGIN, size))),
        }
    }

    /// Wraps `inner`, asking it how large its screen is.
    pub fn wrap(inner: B) -> Result<Self, B::Error> {
        let size = inner.size()?;
        Ok(Self::new(inner, size))
    }

    /// Forgets what was sent: the screen is blank now, and `size` large.
    fn blank(&mut self, size: Size) {
        self.sent = Buffer::empty(Rect::from((Position::ORIGIN, size)));
    }

    fn row_has_cluster(&self, y: u16) -> bool {
        let area = self.sent.area;
        (area.left()..area.right()).any(|x| is_cluster(&self.sent[(x, y)]))
    }

    /// Records `cell` as sent at (x, y); the columns a wide cell covers
    /// are blank in the terminal's eyes.
    fn record(&mut self, x: u16, y: u16, cell: &Cell) {
        let area = self.sent.area;
        if x >= area.right() || y >= area.bottom() {
            // Drawn outside what we know: the terminal grew without a
            // clear. Start from what ratatui sends from now on.
            let size = Size::new(area.width.max(x + 1), area.height.max(y + 1));
            self.blank(size);
        }
        self.sent[(x, y)] = cell.clone();
        let right = self.sent.area.right();
        for hidden in 1..cell.cell_width() {
            let Some(hx) = x.checked_add(hidden).filter(|hx| *hx < right) else {
                break;
            };
            self.sent[(hx, y)].reset();
        }
    }

    /// Row `y` as it was last sent, in runs that each begin where the
    /// cursor must be placed afresh.
    fn whole_row(&self, y: u16) -> Vec<Vec<(u16, u16, Cell)>> {
        let area = self.sent.area;
        let mut runs = vec![Vec::new()];
        let mut x = area.left();
        while x < area.right() {
            let cell = &self.sent[(x, y)];
            let width = cell.cell_width().max(1);
            if is_skipped(cell) {
                runs.push(Vec::new());
                x += 1;
                continue;
            }
            if is_cluster(cell) {
                // Blank the columns the cluster should cover first, so a
                // terminal that draws it narrower shows blanks there, then
                // the cluster, then place the cursor again for what follows.
                let mut run = Vec::new();
                let mut blank = cell.clone();
                blank.set_symbol(" ");
                for cover in x.saturating_add(1)..x.saturating_add(width).min(area.right()) {
                    run.push((cover, y, blank.clone()));
                }
                run.push((x, y, cell.clone()));
                runs.push(run);
                runs.push(Vec::new());
            } else if let Some(run) = runs.last_mut() {
                run.push((x, y, cell.clone()));
            }
            x = x.saturating_add(width);
        }
        runs.retain(|r| !r.is_empty());
        runs
    }
}

impl<B: Backend> Backend for Clusters<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let updates: Vec<(u16, u16, &Cell)> = content.collect();
        // Each row changed is looked at once before the change and once
        // after: a row that held a cluster, or holds one now, goes whole.
        let changed: BTreeSet<u16> = updates.iter().map(|&(_, y, _)| y).collect();
        let mut whole: BTreeSet<u16> = changed
            .iter()
            .copied()
            .filter(|&y| y < self.sent.area.bottom() && self.row_has_cluster(y))
            .collect();
        for &(x, y, cell) in &updates {
            self.record(x, y, cell);
        }
        whole.extend(changed.into_iter().filter(|&y| self.row_has_cluster(y)));
        // Top to bottom, as ratatui sends them: a plain stretch of the
        // diff at once, a row with a cluster whole where it comes.
        let mut plain: Vec<(u16, u16, &Cell)> = Vec::new();
        let mut sent_whole = BTreeSet::new();
        for &(x, y, cell) in &updates {
            if !whole.contains(&y) {
                plain.push((x, y, cell));
                continue;
            }
            if sent_whole.insert(y) {
                self.inner.draw(plain.drain(..))?;
                for run in self.whole_row(y) {
                    self.inner.draw(run.iter().map(|(x, y, c)| (*x, *y, c)))?;
                }
            }
        }
        self.inner.draw(plain.into_iter())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()?;
        let size = self.inner.size()?;
        self.blank(size);
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)?;
        // Only a whole clear makes the screen blank in ratatui's eyes too;
        // a partial one changes nothing ratatui will resend, nor here.
        if clear_type == ClearType::All {
            let size = self.inner.size()?;
            self.blank(size);
        }
        Ok(())
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests;
