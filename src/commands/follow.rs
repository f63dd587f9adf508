//! `circlekeeper follow [SESSION]`: a second, read-only window on a
//! session, for a projector or a co-facilitator (see `tui::follow`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use color_eyre::eyre::{Result, eyre};

use crate::core::room_view::RoomView;
use crate::store::paths::{Dirs, lock_path};
use crate::tui::follow::{self, Writer};
use crate::tui::theme::Theme;

pub fn follow(dirs: &Dirs, session: Option<PathBuf>, view: Option<RoomView>) -> Result<ExitCode> {
    let path = match session {
        Some(p) => p,
        None => open_now(&dirs.sessions()).ok_or_else(|| {
            eyre!(
                "no session is open in {}; name one: circlekeeper follow SESSION.ron",
                dirs.sessions().display()
            )
        })?,
    };
    // Read once before the screen opens, so a wrong path is a plain error.
    crate::store::file::read_session(&path)?;
    let theme = theme(
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        std::env::var("CIRCLEKEEPER_THEME").ok().as_deref(),
    );
    follow::run(&path, view, theme).map_err(|e| eyre!(e))?;
    Ok(ExitCode::SUCCESS)
}

/// The session a circlekeeper has open now in `dir` (its lock is held), else
/// the latest unfinished one.
fn open_now(dir: &Path) -> Option<PathBuf> {
    let (sessions, _) = crate::store::list::sessions(dir);
    sessions
        .iter()
        .find(|s| !s.finished && Writer::of(&lock_path(&s.path)).is_writing())
        .or_else(|| sessions.iter().find(|s| !s.finished))
        .map(|s| s.path.clone())
}

/// A projector's theme unless the user asked for another, or for none.
fn theme(no_color: bool, asked: Option<&str>) -> Theme {
    Theme::from_env(no_color, Some(asked.unwrap_or("high-contrast")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn high_contrast_unless_asked_otherwise_and_no_colour_means_none() {
        assert_eq!(theme(false, None), Theme::high_contrast());
        assert_eq!(theme(false, Some("default")), Theme::color());
        assert_eq!(theme(true, None), Theme::plain());
    }
}
