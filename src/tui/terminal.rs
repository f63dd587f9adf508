//! The terminal itself: entering and leaving full-screen mode, the input and
//! signal threads, suspend with Ctrl-Z, and a panic hook that restores the
//! screen and says where the crash report went.

use std::io::{Write, stdout};
use std::path::PathBuf;
use std::sync::mpsc::Sender;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen};
use ratatui::backend::CrosstermBackend;

use super::clusters::Clusters;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1};

use super::saver::SaveStatus;

/// Everything that can wake the UI loop.
#[derive(Debug)]
pub enum Msg {
    Term(Event),
    Saved(SaveStatus),
    /// SIGTERM, SIGHUP, SIGINT, SIGQUIT or SIGUSR1: save and leave.
    Stop(&'static str),
    /// SIGTSTP from outside (e.g. `kill -TSTP`): suspend like Ctrl-Z.
    Suspend,
    /// A job (see `jobs`) has ended: its result is waiting.
    JobDone,
}

/// The window we draw in: crossterm underneath, with rows holding
/// clusters sent whole (see `clusters`).
pub type Term = ratatui::Terminal<Clusters<CrosstermBackend<std::io::Stdout>>>;

/// Full-screen mode with bracketed paste. A panic leaves it first, then
/// runs whatever hook was there before.
pub fn enter() -> std::io::Result<Term> {
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        before(info);
    }));
    crossterm::terminal::enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    ratatui::Terminal::new(Clusters::wrap(CrosstermBackend::new(stdout()))?)
}

/// Clears the window and forgets the last frame, so the next is drawn
/// whole. Not `Terminal::clear`, which asks the terminal where its cursor
/// is while the input thread reads.
pub fn clear_whole(term: &mut Term) -> std::io::Result<()> {
    use ratatui::backend::{Backend, ClearType};
    term.backend_mut().clear_region(ClearType::All)?;
    // Drawing leaves a blank buffer to draw into; swapping once more
    // blanks the last frame too.
    term.swap_buffers();
    Ok(())
}

/// Back to the shell's screen.
pub fn leave() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
}

/// Reads terminal events on a thread of their own, so the loop can also be
/// woken by saves and signals.
pub fn spawn_input(tx: Sender<Msg>) {
    let _ = std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            while let Ok(ev) = crossterm::event::read() {
                if tx.send(Msg::Term(ev)).is_err() {
                    break;
                }
            }
        });
}

/// Turns SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1 and SIGTSTP into loop
/// messages. SIGQUIT and SIGUSR1 would otherwise end the process on the
/// spot, leaving the terminal raw and a note being written unsaved.
pub fn spawn_signals(tx: Sender<Msg>) -> std::io::Result<()> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGTSTP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let msg = match sig {
                    SIGTSTP => Msg::Suspend,
                    SIGHUP => Msg::Stop("SIGHUP"),
                    SIGINT => Msg::Stop("SIGINT"),
                    SIGQUIT => Msg::Stop("SIGQUIT"),
                    SIGUSR1 => Msg::Stop("SIGUSR1"),
                    _ => Msg::Stop("SIGTERM"),
                };
                if tx.send(msg).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Leaves full-screen mode, stops the process until `fg`, then comes back.
pub fn suspend(terminal: &mut Term) -> std::io::Result<()> {
    leave();
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    // Back by hand rather than through `ratatui::init`, which would ask the
    // terminal for the cursor while the input thread is reading.
    crossterm::terminal::enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    // A fresh terminal has no previous frame, so the next draw is whole.
    *terminal = ratatui::Terminal::new(Clusters::wrap(CrosstermBackend::new(stdout()))?)?;
    Ok(())
}

/// A new file readable by its owner only, whatever the umask.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?
        .write_all(bytes)
}

/// Restores the terminal on a panic, writes a crash report to the data
/// folder and tells the user their session is safe.
pub fn install_panic_hook(session: PathBuf, reports: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        leave();
        let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
        let report = reports.join(format!("crash-{stamp}-{}.txt", std::process::id()));
        let text = format!(
            "circlekeeper {} crashed\n{info}\n\n{}\n",
            env!("CARGO_PKG_VERSION"),
            std::backtrace::Backtrace::force_capture()
        );
        // Private like the session: a report may quote names from it.
        let written = crate::store::file::create_private_dir(&reports).is_ok()
            && write_private(&report, text.as_bytes()).is_ok();
        let mut err = std::io::stderr();
        let _ = writeln!(err, "circlekeeper stopped unexpectedly: {info}");
        let _ = writeln!(
            err,
            "Your session is saved in {} (every change up to the last second).",
            session.display()
        );
        if written {
            let _ = writeln!(err, "A crash report is in {}", report.display());
        }
    }));
}
