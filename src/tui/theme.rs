//! Colours and styles in one place. Meaning never rests on colour alone:
//! every coloured state also has a text label, so `NO_COLOR` loses nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::core::run::Stage;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub accent: Style,
    pub selected: Style,
    pub key: Style,
    pub ok: Style,
    pub soon: Style,
    pub last: Style,
    pub over: Style,
    pub alarm: Style,
    pub rehearsal: Style,
}

impl Theme {
    pub fn color() -> Theme {
        Theme {
            base: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Cyan),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Green),
            soon: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            last: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            over: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            alarm: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            rehearsal: Style::new()
                .fg(Color::Black)
                .bg(Color::Magenta)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// No colour at all, for `NO_COLOR`: emphasis by weight and reversal only.
    pub fn plain() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            base: Style::new(),
            dim: Style::new(),
            title: bold,
            accent: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            key: bold,
            ok: Style::new(),
            soon: bold,
            last: bold,
            over: bold.add_modifier(Modifier::REVERSED),
            alarm: bold.add_modifier(Modifier::REVERSED),
            rehearsal: bold.add_modifier(Modifier::REVERSED),
        }
    }

    /// Strong contrast for projectors and bright rooms.
    pub fn high_contrast() -> Theme {
        let mut t = Theme::color();
        t.dim = Style::new().fg(Color::White);
        t.accent = Style::new()
            .fg(Color::LightCyan)
            .add_modifier(Modifier::BOLD);
        t.soon = Style::new()
            .fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(Modifier::BOLD);
        t.last = Style::new()
            .fg(Color::Black)
            .bg(Color::LightRed)
            .add_modifier(Modifier::BOLD);
        t.over = Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD);
        t
    }

    /// `NO_COLOR` set (to anything) means plain; `CIRCLEKEEPER_THEME=high-contrast`
    /// picks the projector theme.
    pub fn from_env(no_color: bool, theme: Option<&str>) -> Theme {
        if no_color {
            Theme::plain()
        } else if theme == Some("high-contrast") {
            Theme::high_contrast()
        } else {
            Theme::color()
        }
    }

    pub fn stage(&self, stage: Stage) -> Style {
        match stage {
            Stage::Calm => self.ok,
            Stage::Soon => self.soon,
            Stage::Last => self.last,
            Stage::Overtime => self.over,
        }
    }
}

/// How late, as a colour: a minute is `soon`, five are `last`; on time
/// is `on_time`.
pub fn drift_style(
    t: &Theme,
    drift: jiff::SignedDuration,
    on_time: ratatui::style::Style,
) -> ratatui::style::Style {
    match drift.as_secs() / 60 {
        m if m >= 5 => t.last,
        m if m >= 1 => t.soon,
        _ => on_time,
    }
}
