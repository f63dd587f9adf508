//! Frames drawn through a real terminal emulator (vt100), which measures
//! clusters code point by code point the way tmux does.

use std::cell::RefCell;
use std::io::Write;
use std::num::NonZero;
use std::rc::Rc;

use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Rect, Size};
use ratatui::style::{Color, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::Clusters;

/// Bytes written go straight into the emulator, and are counted.
#[derive(Clone)]
struct Screen(Rc<RefCell<vt100::Parser>>, Rc<RefCell<usize>>);

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().process(buf);
        *self.1.borrow_mut() += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const COLS: u16 = 40;

fn terminal() -> (Terminal<Clusters<CrosstermBackend<Screen>>>, Screen) {
    let parser = vt100::Parser::new(NonZero::new(3).unwrap(), NonZero::new(COLS).unwrap(), 0);
    let screen = Screen(Rc::new(RefCell::new(parser)), Rc::default());
    let backend = Clusters::new(CrosstermBackend::new(screen.clone()), Size::new(COLS, 3));
    let viewport = Viewport::Fixed(Rect::new(0, 0, COLS, 3));
    let term = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    (term, screen)
}

/// Draws `rows` from the left edge, one per line.
fn draw(term: &mut Terminal<Clusters<CrosstermBackend<Screen>>>, rows: &[&str]) {
    term.draw(|f| {
        for (y, row) in rows.iter().enumerate() {
            f.buffer_mut()
                .set_string(0, y as u16, row, Style::new().fg(Color::Yellow));
        }
    })
    .unwrap();
}

/// Row `y` as the emulator shows it, trailing blanks dropped.
fn row(screen: &Screen, y: u16) -> String {
    let parser = screen.0.borrow();
    parser
        .screen()
        .rows(0, COLS)
        .nth(usize::from(y))
        .unwrap()
        .trim_end()
        .to_string()
}

/// The column where `text` begins on row `y`, counted in cells.
fn column_of(screen: &Screen, y: u16, text: &str) -> Option<u16> {
    let parser = screen.0.borrow();
    let first = text.chars().next()?.to_string();
    (0..COLS).find(|&x| {
        parser
            .screen()
            .cell(y, x)
            .is_some_and(|c| c.contents() == first)
    })
}

#[test]
fn a_shorter_name_over_a_conjunct_leaves_no_mark() {
    let (mut term, screen) = terminal();
    draw(&mut term, &["प्रिया", "Ana"]);
    assert_eq!(row(&screen, 0), "प्रिया");
    draw(&mut term, &["Bo", "Ana"]);
    assert_eq!(row(&screen, 0), "Bo");
    assert_eq!(row(&screen, 1), "Ana");
}

#[test]
fn a_row_changed_after_a_conjunct_is_not_shifted_or_marked() {
    let (mut term, screen) = terminal();
    draw(&mut term, &["प्रिया 0:10 Ana"]);
    draw(&mut term, &["प्रिया 0:09 Ana"]);
    assert_eq!(row(&screen, 0), "प्रिया 0:09 Ana");
    draw(&mut term, &["Bo     0:09 Ana"]);
    assert_eq!(row(&screen, 0), "Bo     0:09 Ana");
}

#[test]
fn text_after_an_emoji_with_a_skin_tone_stays_in_its_column() {
    let (mut term, screen) = terminal();
    // The buffer gives "👍🏽" two columns; the emulator, like tmux, four.
    draw(&mut term, &["👍🏽 Ana 0:10"]);
    assert_eq!(column_of(&screen, 0, "Ana"), Some(3), "{}", row(&screen, 0));
    draw(&mut term, &["👍🏽 Ana 0:09"]);
    assert_eq!(column_of(&screen, 0, "Ana"), Some(3), "{}", row(&screen, 0));
    assert!(row(&screen, 0).ends_with("Ana 0:09"), "{}", row(&screen, 0));
}

#[test]
fn text_after_a_zwj_family_stays_in_its_column() {
    let (mut term, screen) = terminal();
    draw(&mut term, &["Bo", "👨‍👩‍👧 Familie"]);
    assert_eq!(
        column_of(&screen, 1, "Familie"),
        Some(3),
        "{}",
        row(&screen, 1)
    );
    draw(&mut term, &["Ana", ""]);
    assert_eq!(row(&screen, 1), "");
    assert_eq!(row(&screen, 0), "Ana");
}

#[test]
fn rows_without_clusters_are_sent_as_a_diff() {
    let (mut term, screen) = terminal();
    let long = "Ana Maria · speaking 0:10 · 3 hands up";
    draw(&mut term, &[long, "प्रिया"]);
    let sent = |screen: &Screen| *screen.1.borrow();
    let before = sent(&screen);
    draw(
        &mut term,
        &["Ana Maria · speaking 0:09 · 3 hands up", "प्रिया"],
    );
    // One digit changed on a row without clusters: the diff alone goes
    // out (a cursor move, colours, one digit), not the row, nor the row
    // below that holds a conjunct but did not change.
    assert!(
        sent(&screen) - before < 60,
        "{} bytes",
        sent(&screen) - before
    );
    assert_eq!(row(&screen, 0), "Ana Maria · speaking 0:09 · 3 hands up");
}
