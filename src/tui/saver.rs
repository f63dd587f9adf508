//! Saving off the input path: the UI hands new log entries to a writer
//! thread, which keeps its own copy of the session, writes it atomically and
//! reports back. A failed save is retried every second until it succeeds; the
//! session in memory is never dropped.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::Timestamp;

use crate::core::event::Entry;
use crate::core::session::Session;
use crate::store::file::save_session;

/// What the status bar says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Saved(Timestamp),
    Pending,
    Failed(String),
}

enum Job {
    Append(Vec<Entry>),
    /// Save now and answer when done (quit, SIGTERM).
    Flush(Sender<SaveStatus>),
}

/// A handle on the writer thread.
pub struct Saver {
    jobs: Sender<Job>,
    thread: Option<JoinHandle<()>>,
}

/// How to write a session; a seam so tests can inject failing disks.
pub type WriteFn = Box<dyn FnMut(&std::path::Path, &Session) -> Result<(), String> + Send>;

/// The real writer: atomic save with backup.
pub fn disk_writer() -> WriteFn {
    Box::new(|path, session| save_session(path, session).map_err(|e| e.to_string()))
}

impl Saver {
    /// Starts the writer for a session already on disk; each save's outcome is
    /// sent to `report` (and wakes the UI).
    pub fn spawn<F>(path: PathBuf, session: Session, mut write: WriteFn, report: F) -> Saver
    where
        F: Fn(SaveStatus) + Send + 'static,
    {
        let (jobs, rx) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("saver".into())
            .spawn(move || writer(path, session, &mut write, rx, report))
            .ok();
        Saver { jobs, thread }
    }

    pub fn append(&self, entries: Vec<Entry>) {
        if !entries.is_empty() {
            let _ = self.jobs.send(Job::Append(entries));
        }
    }

    /// Saves everything handed over so far and waits (up to `wait`) for it.
    pub fn flush(&self, wait: Duration) -> SaveStatus {
        let (tx, rx) = mpsc::channel();
        if self.jobs.send(Job::Flush(tx)).is_err() {
            return SaveStatus::Failed("the saver stopped".into());
        }
        rx.recv_timeout(wait)
            .unwrap_or_else(|_| SaveStatus::Failed("saving took too long".into()))
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        let (tx, _rx) = mpsc::channel();
        let _ = self.jobs.send(Job::Flush(tx));
        // Closing the channel ends the thread after its last save.
        let (dead, _) = mpsc::channel();
        drop(std::mem::replace(&mut self.jobs, dead));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn writer<F: Fn(SaveStatus)>(
    path: PathBuf,
    mut session: Session,
    write: &mut WriteFn,
    rx: Receiver<Job>,
    report: F,
) {
    let mut dirty = false;
    let mut waiting: Vec<Sender<SaveStatus>> = Vec::new();
    loop {
        // While a save is owed, wake each second to retry.
        let job = if dirty {
            match rx.recv_timeout(Duration::from_secs(1)) {
                Ok(j) => Some(j),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    let _ = write(&path, &session);
                    return;
                }
            }
        } else {
            match rx.recv() {
                Ok(j) => Some(j),
                Err(_) => return,
            }
        };
        let mut handle = |job: Job, dirty: &mut bool| match job {
            Job::Append(entries) => {
                session.events.extend(entries);
                *dirty = true;
            }
            Job::Flush(tx) => waiting.push(tx),
        };
        if let Some(job) = job {
            handle(job, &mut dirty);
        }
        // Take everything queued, then write once.
        while let Ok(job) = rx.try_recv() {
            handle(job, &mut dirty);
        }
        if dirty {
            let status = match write(&path, &session) {
                Ok(()) => {
                    dirty = false;
                    SaveStatus::Saved(Timestamp::now())
                }
                Err(reason) => SaveStatus::Failed(reason),
            };
            for tx in waiting.drain(..) {
                let _ = tx.send(status.clone());
            }
            report(status);
        } else {
            for tx in waiting.drain(..) {
                let _ = tx.send(SaveStatus::Saved(Timestamp::now()));
            }
        }
    }
}
