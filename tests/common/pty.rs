//! Drives the real binary in a pseudo-terminal and reads its screen with a
//! terminal emulator, as a person at the keyboard would see it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Set when the reader has seen the end of the output.
    drained: Arc<std::sync::atomic::AtomicBool>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    /// Starts `circlekeeper ARGS` in a terminal of `cols` x `rows`, with its
    /// data and config folders under `home`.
    pub fn spawn(home: &Path, args: &[&str], cols: u16, rows: u16) -> Tui {
        Tui::spawn_command(Tui::command(home, args), cols, rows)
    }

    /// The command `spawn` runs, to add environment variables or a wrapper
    /// (`get_argv_mut`) before `spawn_command`.
    pub fn command(home: &Path, args: &[&str]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_circlekeeper"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("CIRCLEKEEPER_DATA_DIR", home.join("data"));
        cmd.env("CIRCLEKEEPER_CONFIG_DIR", home.join("config"));
        cmd.env_remove("NO_COLOR");
        cmd.cwd(home);
        cmd
    }

    /// `circlekeeper run plan.ron --session evening.ron` on the default
    /// plan, both under `home`; the command (to adjust before
    /// `spawn_command`) and the session's path.
    pub fn run_default_plan(home: &Path) -> (CommandBuilder, std::path::PathBuf) {
        let plan = home.join("plan.ron");
        std::fs::write(&plan, include_str!("../../assets/default-plan.ron")).unwrap();
        let session = home.join("evening.ron");
        let args = [
            "run",
            plan.to_str().unwrap(),
            "--session",
            session.to_str().unwrap(),
        ];
        (Tui::command(home, &args), session)
    }

    /// `circlekeeper run plan.ron --session session.ron` on the plan `text`,
    /// both under `home`; the running app and the session's path.
    pub fn run_plan(home: &Path, text: &str, cols: u16, rows: u16) -> (Tui, String) {
        let plan = home.join("plan.ron");
        std::fs::write(&plan, text).unwrap();
        let session = home.join("session.ron").to_string_lossy().into_owned();
        let args = ["run", plan.to_str().unwrap(), "--session", &session];
        (Tui::spawn(home, &args, cols, rows), session)
    }

    pub fn spawn_command(cmd: CommandBuilder, cols: u16, rows: u16) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let child = pty.slave.spawn_command(cmd).expect("spawn circlekeeper");
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows"),
            std::num::NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let feed = Arc::clone(&parser);
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = Arc::clone(&drained);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Tui {
            child,
            writer,
            parser,
            drained,
            _master: pty.master,
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The screen, one string per row (all rows, trailing blanks trimmed).
    pub fn rows(&self) -> Vec<String> {
        let parser = self.parser.lock().unwrap();
        let (_, cols) = parser.screen().size();
        parser.screen().rows(0, cols.into()).collect()
    }

    pub fn in_alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Waits until the screen satisfies `pred`; fails the test with the
    /// screen shown if it does not within `secs` seconds.
    pub fn wait_for(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// From the Ready screen, starts the first segment and waits until its
    /// clock runs; returns the screen.
    pub fn start_first_segment(&mut self) -> String {
        self.wait_text("Ready");
        self.send(" ");
        self.wait_text("RUNNING")
    }

    /// On the Stack screen: raises a hand of the kind `key` opens (`a`,
    /// `p`...) for the first name matching `name`, as typed.
    pub fn raise_hand(&mut self, key: &str, name: &str) {
        self.send(key);
        self.wait_text("Add to the stack");
        self.send(name);
        self.wait_for("the match", 5, |s| s.contains("› "));
        self.send("\r");
        self.wait_for("the prompt to close", 5, |s| {
            !s.contains("Add to the stack")
        });
    }

    /// Waits for `text` on screen.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, 15, |s| s.contains(text))
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("a pid") as i32
    }

    pub fn signal(&self, sig: i32) {
        unsafe {
            libc::kill(self.pid(), sig);
        }
    }

    /// `kill -9`, and waits until the process is gone.
    pub fn kill_now(&mut self) {
        self.signal(libc::SIGKILL);
        let _ = self.child.wait();
    }

    /// Waits for the process to end; returns its exit code.
    pub fn wait_exit(&mut self, secs: u64) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader take in the last output (it ends at EOF, or
                // when the pty stays open, give it a moment).
                let until = Instant::now() + Duration::from_secs(2);
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst)
                    && Instant::now() < until
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return status.exit_code();
            }
            if Instant::now() > deadline {
                self.signal(libc::SIGKILL);
                panic!("the process did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.signal(libc::SIGKILL);
            let _ = self.child.wait();
        }
    }
}

/// Polls a session until it or its journal holds `text` (the saver writes
/// within a second; new events go to the journal until it is folded in).
pub fn file_has(path: impl AsRef<Path>, text: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    let journal = circlekeeper::store::journal::path_of(path.as_ref());
    while Instant::now() < deadline {
        let holds = |p: &Path| std::fs::read_to_string(p).is_ok_and(|s| s.contains(text));
        if holds(path.as_ref()) || holds(&journal) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Seconds left on the Live screen's "m:ss of ..." line.
pub fn remaining_secs(screen: &str) -> Option<i64> {
    screen.lines().find_map(|line| {
        let (clock, _) = line.trim().split_once(" of ")?;
        let overtime = clock.starts_with('+');
        let mut parts = clock.trim_start_matches('+').split(':').rev();
        let s: i64 = parts.next()?.parse().ok()?;
        let m: i64 = parts.next()?.parse().ok()?;
        let h: i64 = parts.next().map_or(Some(0), |h| h.parse().ok())?;
        let total = h * 3600 + m * 60 + s;
        Some(if overtime { -total } else { total })
    })
}
