//! Work that touches files, asked for by a key and run off the key path:
//! writing the harvest, reading a sign-up list, remembering the prompt
//! rotation. Each job runs on a thread of its own; its result comes back to
//! the loop (which wakes for it) and from there to the screen that asked.
//! A key never waits on a disk, a slow network folder or a huge file.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::core::breakout::report::GroupReport;
use crate::core::harvest::{Format, Harvest};
use crate::core::roster::{self, Signup};
use crate::core::run::SegmentId;
use crate::store::prompts::{self, PromptHistory};

/// A job a screen asks for (see `contract::Ctx::run`).
#[derive(Debug, Clone)]
pub enum Job {
    /// Writes the Markdown harvest beside the session file.
    WriteHarvest {
        session: PathBuf,
        harvest: Box<Harvest>,
    },
    /// Reads a sign-up list; `cancel` drops it unread or unapplied.
    ReadRoster { path: PathBuf, cancel: Cancel },
    /// Keeps the prompts asked in the data folder, for the next session.
    SavePrompts {
        dir: PathBuf,
        history: PromptHistory,
    },
    /// Reads a group's report for the report-back on `segment`, into the
    /// group `into` when its name matches none.
    ReadReport {
        path: PathBuf,
        segment: SegmentId,
        into: Option<u32>,
    },
}

/// A finished job, for the screen that asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    HarvestWritten(Result<PathBuf, String>),
    /// The names of a list, or why it could not be read.
    RosterRead {
        path: PathBuf,
        list: Result<Vec<Signup>, String>,
    },
    PromptsSaved(Result<(), String>),
    /// A group's report, or why it could not be read.
    ReportRead {
        path: PathBuf,
        segment: SegmentId,
        into: Option<u32>,
        report: Result<Box<GroupReport>, String>,
    },
    /// Stopped by its `cancel`; nothing to do.
    Cancelled,
    /// It could not even start.
    Failed(String),
}

/// A flag that stops a job: the screen that asked keeps one end.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Two flags are equal when they are the same flag.
impl PartialEq for Cancel {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Cancel {}

type Wake = Arc<Mutex<Option<Box<dyn Fn() + Send>>>>;

/// The jobs running and the results not yet taken.
pub struct Jobs {
    tx: Sender<Done>,
    rx: Receiver<Done>,
    running: usize,
    /// Called when a job ends, so a loop asleep on its channel wakes.
    wake: Wake,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Jobs {
            tx,
            rx,
            running: 0,
            wake: Arc::new(Mutex::new(None)),
        }
    }
}

impl Jobs {
    /// From now on, `wake` is called each time a job ends.
    pub fn wake_with(&mut self, wake: impl Fn() + Send + 'static) {
        if let Ok(mut w) = self.wake.lock() {
            *w = Some(Box::new(wake));
        }
    }

    pub fn start(&mut self, job: Job) {
        let tx = self.tx.clone();
        let wake = Arc::clone(&self.wake);
        self.running += 1;
        let spawned = std::thread::Builder::new()
            .name("job".into())
            .spawn(move || {
                let _ = tx.send(run(job));
                if let Ok(w) = wake.lock()
                    && let Some(w) = w.as_ref()
                {
                    w();
                }
            });
        if let Err(e) = spawned {
            // No thread to be had: say so rather than lose the answer.
            let _ = self
                .tx
                .send(Done::Failed(format!("cannot start a job: {e}")));
        }
    }

    /// Results of the jobs that have ended, without waiting.
    pub fn finished(&mut self) -> Vec<Done> {
        let done: Vec<Done> = self.rx.try_iter().collect();
        self.running -= done.len().min(self.running);
        done
    }

    /// Waits for every job still running and returns all results.
    pub fn wait(&mut self) -> Vec<Done> {
        let mut done = Vec::new();
        while self.running > 0 {
            match self.rx.recv() {
                Ok(d) => {
                    self.running -= 1;
                    done.push(d);
                }
                Err(_) => break,
            }
        }
        done.extend(self.finished());
        done
    }
}

fn run(job: Job) -> Done {
    match job {
        Job::WriteHarvest { session, harvest } => Done::HarvestWritten(
            crate::store::harvest::write_harvest(&session, &harvest, Format::Markdown)
                .map_err(|e| e.to_string()),
        ),
        Job::ReadRoster { path, cancel } => {
            let list = read_roster(&path, &cancel);
            if cancel.is_cancelled() {
                Done::Cancelled
            } else {
                Done::RosterRead { path, list }
            }
        }
        Job::SavePrompts { dir, history } => {
            Done::PromptsSaved(prompts::save(&dir, &history).map_err(|e| e.to_string()))
        }
        Job::ReadReport {
            path,
            segment,
            into,
        } => Done::ReportRead {
            report: crate::store::report::read(&path)
                .map(Box::new)
                .map_err(|e| e.to_string()),
            path,
            segment,
            into,
        },
    }
}

/// A sign-up list's names, or why not, as "path:line: what".
fn read_roster(path: &std::path::Path, cancel: &Cancel) -> Result<Vec<Signup>, String> {
    let bytes = crate::store::file::read(path).map_err(|e| e.to_string())?;
    if cancel.is_cancelled() {
        return Ok(Vec::new());
    }
    let text = crate::store::text::decode(path, &bytes).map_err(|e| e.to_string())?;
    let list =
        roster::parse(text).map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))?;
    if list.is_empty() {
        return Err(format!("{}: no names in this list", path.display()));
    }
    Ok(list)
}
