//! The whole program as the facilitator meets it, each run in a
//! pseudo-terminal the way a terminal emulator runs it:
//!
//! - start-up to first frame: from just before the spawn to the moment the
//!   frame's text has arrived on the terminal side and been parsed, for
//!   circlekeeper (a new session; the big session) and for
//!   `examples/minimal_frame.rs` (a ratatui program that draws one line).
//!   Both pay the same pty, fork and exec, so the difference is what
//!   circlekeeper does before its first frame (keymap, plan, lock, first
//!   save with fsync, threads, the frame itself).
//! - resident memory (VmRSS from /proc/PID/status) once the first frame is
//!   up, against the same baseline.
//! - wake-ups: voluntary context switches of all the process's threads
//!   (/proc/PID/task/*/status) over a fixed window, idle and with a timer
//!   running. `CIRCLEKEEPER_BENCH_WINDOW=SECS` shortens the window
//!   (default 60).
//!
//! Not criterion: these are counts and single-shot times of whole
//! processes; each start-up figure is the median of several runs.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use circlekeeper::core::event::Event;
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::store::file::save_session;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

mod common;

const MINIMAL_MARK: &str = "minimal frame ready";
/// The screen tabs: on every circlekeeper frame.
const CK_MARK: &str = "1 Plan";
const RUNS: usize = 15;

/// A program in a pseudo-terminal whose output is parsed as it arrives.
struct Running {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    shown: Receiver<Instant>,
}

impl Running {
    /// Starts `argv` (with `env`) and watches for `mark` on its screen.
    fn start(argv: &[&str], env: &[(&str, &Path)], mark: &'static str) -> (Running, Instant) {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(argv[0]);
        cmd.args(&argv[1..]);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (tx, shown) = mpsc::channel();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(40).unwrap(),
            std::num::NonZeroU16::new(120).unwrap(),
            0,
        )));
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            let mut seen = false;
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut p = parser.lock().unwrap();
                p.process(&buf[..n]);
                if !seen && p.screen().contents().contains(mark) {
                    seen = true;
                    let _ = tx.send(Instant::now());
                }
            }
        });
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).unwrap();
        (
            Running {
                child,
                _master: pty.master,
                shown,
            },
            started,
        )
    }

    fn first_frame(&self) -> Instant {
        self.shown
            .recv_timeout(Duration::from_secs(30))
            .expect("the first frame within 30 s")
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    fn stop(mut self) {
        unsafe {
            libc::kill(self.pid() as i32, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

/// The baseline binary, built beside the benchmark if needed.
fn minimal_frame() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap();
    let release = profile_dir.file_name().is_some_and(|n| n != "debug");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut build = Command::new(cargo);
    build.args(["build", "--quiet", "--example", "minimal_frame"]);
    if release {
        build.arg("--release");
    }
    let status = build.status().expect("cargo builds the baseline");
    assert!(
        status.success(),
        "building examples/minimal_frame.rs failed"
    );
    profile_dir.join("examples").join("minimal_frame")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Start-up to first frame, `RUNS` times; the median.
fn startup(mut launch: impl FnMut(usize) -> (Running, Instant)) -> Duration {
    let times = (0..RUNS)
        .map(|i| {
            let (p, t0) = launch(i);
            let d = p.first_frame() - t0;
            p.stop();
            d
        })
        .collect();
    median(times)
}

/// A field of /proc/PID/status in kB (VmRSS, VmHWM...).
fn status_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim_start_matches(':')
                .trim()
                .strip_suffix("kB")
        })
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// Voluntary context switches over every thread of a process.
fn wakeups(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("status")).ok())
        .filter_map(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
                .and_then(|n| n.trim().parse::<u64>().ok())
        })
        .sum()
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // then there is nothing quick to check here.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let ck = env!("CARGO_BIN_EXE_circlekeeper");
    let minimal = minimal_frame();
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let env = [
        ("CIRCLEKEEPER_DATA_DIR", data.as_path()),
        ("CIRCLEKEEPER_CONFIG_DIR", home.path()),
    ];
    let plan = home.path().join("plan.ron");
    std::fs::write(&plan, include_str!("../assets/default-plan.ron")).unwrap();
    let big = home.path().join("big.ron");
    save_session(&big, &common::big_session()).unwrap();
    let plan_s = plan.to_str().unwrap();
    let big_s = big.to_str().unwrap();
    let mut out = common::Report::default();

    let base = startup(|_| Running::start(&[minimal.to_str().unwrap()], &[], MINIMAL_MARK));
    let fresh = startup(|i| {
        let s = home.path().join(format!("new-{i}.ron"));
        let s = s.to_str().unwrap().to_string();
        Running::start(&[ck, "run", plan_s, "--session", &s], &env, CK_MARK)
    });
    let opened = startup(|_| Running::start(&[ck, "open", big_s], &env, CK_MARK));
    out.ratio(
        "start-up to first frame, new session from the default plan",
        fresh,
        "minimal ratatui frame",
        base,
        &format!("median of {RUNS}"),
    );
    out.ratio(
        "start-up to first frame, opening the big session",
        opened,
        "minimal ratatui frame",
        base,
        &format!("median of {RUNS}"),
    );

    let settle = Duration::from_millis(500);
    let rss = |argv: &[&str], env: &[(&str, &Path)], mark| {
        let (p, _) = Running::start(argv, env, mark);
        p.first_frame();
        std::thread::sleep(settle);
        let kb = (status_kb(p.pid(), "VmRSS"), status_kb(p.pid(), "VmHWM"));
        p.stop();
        kb
    };
    let (base_rss, _) = rss(&[minimal.to_str().unwrap()], &[], MINIMAL_MARK);
    let (big_rss, big_peak) = rss(&[ck, "open", big_s], &env, CK_MARK);
    let small = home.path().join("small-rss.ron");
    let (small_rss, _) = rss(
        &[ck, "run", plan_s, "--session", small.to_str().unwrap()],
        &env,
        CK_MARK,
    );
    out.line(format!(
        "resident memory, big session open: {:.1} MB (peak {:.1} MB) | small session: {:.1} MB | baseline minimal ratatui frame: {:.1} MB | ratio {:.2}x | target < 30 MB: {}",
        big_rss as f64 / 1024.0,
        big_peak as f64 / 1024.0,
        small_rss as f64 / 1024.0,
        base_rss as f64 / 1024.0,
        big_rss as f64 / base_rss.max(1) as f64,
        common::verdict(big_rss < 30 * 1024)
    ));

    // Wake-ups: one process idle, one with a clock running, side by side.
    let window = std::env::var("CIRCLEKEEPER_BENCH_WINDOW")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60u64);
    let now = jiff::Timestamp::now();
    let plan_value = circlekeeper::commands::start::default_plan();
    let idle_path = home.path().join("idle.ron");
    save_session(&idle_path, &Session::new(plan_value.clone(), now)).unwrap();
    let running_path = home.path().join("running.ron");
    let mut running = Session::new(plan_value, now);
    running.push(now, Event::Run(RunEvent::Start(SegmentId(0))));
    save_session(&running_path, &running).unwrap();
    let (idle, _) = Running::start(&[ck, "open", idle_path.to_str().unwrap()], &env, CK_MARK);
    let (ticking, _) = Running::start(&[ck, "open", running_path.to_str().unwrap()], &env, CK_MARK);
    idle.first_frame();
    ticking.first_frame();
    std::thread::sleep(Duration::from_secs(1));
    let before = (wakeups(idle.pid()), wakeups(ticking.pid()));
    std::thread::sleep(Duration::from_secs(window));
    let after = (wakeups(idle.pid()), wakeups(ticking.pid()));
    idle.stop();
    ticking.stop();
    let per_min = |d: u64| d as f64 * 60.0 / window as f64;
    out.line(format!(
        "wake-ups per minute (voluntary context switches, all threads, {window} s window): idle {:.0} (target none), timer running {:.0} (expected about 60)",
        per_min(after.0 - before.0),
        per_min(after.1 - before.1),
    ));
    out.print("process: start-up, memory, wake-ups");
}
