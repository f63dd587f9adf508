//! The start-up and memory baseline for `benches/process.rs`: the least a
//! ratatui program does to show one frame (enter full-screen mode, draw
//! one line), then it waits for a key and leaves. (The .ron files beside
//! it are example plans.)

use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    terminal.draw(|f| f.render_widget(Paragraph::new("minimal frame ready"), f.area()))?;
    let _ = crossterm::event::read();
    ratatui::restore();
    Ok(())
}
