//! Saving off the input path: the UI hands new log entries to a writer
//! thread, which appends them to the session's journal and folds the
//! journal into the session file now and then (see `store::writer`), and
//! reports back. A failed save is retried every second until it succeeds;
//! the session in memory is never dropped.
//!
//! Nothing is written until [`Saver::begin`]: the first frame goes up
//! before the disk is touched.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::Timestamp;

use crate::core::event::Entry;
use crate::store::StoreError;
use crate::store::writer::{Outcome, Writer};

/// What the status bar says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Saved(Timestamp),
    /// Saved, with something to know (the backup could not be kept).
    SavedBut(Timestamp, String),
    Pending,
    Failed(String),
    /// The file on disk is no longer this session's own (edited by another
    /// program, its lock deleted): everything goes to a side file instead.
    Elsewhere(String),
}

impl SaveStatus {
    /// The status once a new change is made: saving, unless a failure or a
    /// conflict must stay on screen until it is resolved.
    pub fn after_change(&self) -> SaveStatus {
        match self {
            SaveStatus::Failed(_) | SaveStatus::Elsewhere(_) => self.clone(),
            _ => SaveStatus::Pending,
        }
    }

    fn of(result: Result<Outcome, StoreError>) -> SaveStatus {
        match result {
            Ok(Outcome::Saved) => SaveStatus::Saved(Timestamp::now()),
            Ok(Outcome::SavedBut(warning)) => SaveStatus::SavedBut(Timestamp::now(), warning),
            Ok(Outcome::Elsewhere { side, why }) => SaveStatus::Elsewhere(format!(
                "{why}; everything is saved to {} instead",
                side.display()
            )),
            Err(e) => SaveStatus::Failed(e.to_string()),
        }
    }

    pub fn is_saved(&self) -> bool {
        matches!(self, SaveStatus::Saved(_) | SaveStatus::SavedBut(..))
    }
}

enum Job {
    Append(Vec<Entry>),
    /// Write what is owed from before the run (a new session, an upgrade).
    Begin,
    /// Fold the journal into the session file (suspend).
    Fold,
    /// Save now and answer when done.
    Flush(Sender<SaveStatus>),
    /// The last save: fold everything into the session file, answer, stop.
    Finish(Sender<SaveStatus>),
}

/// A handle on the writer thread.
pub struct Saver {
    jobs: Sender<Job>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the writer thread; each save's outcome is sent to `report`
    /// (and wakes the UI).
    pub fn spawn<F>(writer: Writer, report: F) -> Saver
    where
        F: Fn(SaveStatus) + Send + 'static,
    {
        let (jobs, rx) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("saver".into())
            .spawn(move || run(writer, rx, report))
            .ok();
        Saver { jobs, thread }
    }

    pub fn append(&self, entries: Vec<Entry>) {
        if !entries.is_empty() {
            let _ = self.jobs.send(Job::Append(entries));
        }
    }

    /// The first frame is up: write whatever the session owes the disk.
    pub fn begin(&self) {
        let _ = self.jobs.send(Job::Begin);
    }

    /// Folds the journal into the session file (before a suspend, which may
    /// last a night) and waits (up to `wait`) for it.
    pub fn fold(&self, wait: Duration) -> SaveStatus {
        let _ = self.jobs.send(Job::Fold);
        self.flush(wait)
    }

    /// Saves everything handed over so far and waits (up to `wait`) for it.
    pub fn flush(&self, wait: Duration) -> SaveStatus {
        self.ask(Job::Flush, wait)
    }

    /// The last save: everything into the session file, no journal left
    /// (up to `wait`); the writer then stops and lets go of the lock.
    pub fn finish(mut self, wait: Duration) -> SaveStatus {
        let status = self.ask(Job::Finish, wait);
        self.join();
        status
    }

    fn ask(&self, job: fn(Sender<SaveStatus>) -> Job, wait: Duration) -> SaveStatus {
        let (tx, rx) = mpsc::channel();
        if self.jobs.send(job(tx)).is_err() {
            return SaveStatus::Failed("the saver stopped".into());
        }
        rx.recv_timeout(wait)
            .unwrap_or_else(|_| SaveStatus::Failed("saving took too long".into()))
    }

    fn join(&mut self) {
        // Closing the channel ends the thread after its last save.
        let (dead, _) = mpsc::channel();
        drop(std::mem::replace(&mut self.jobs, dead));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Saver {
    /// Unfinished (a panic unwinding): the thread still folds what it has.
    fn drop(&mut self) {
        self.join();
    }
}

fn run<F: Fn(SaveStatus)>(mut writer: Writer, rx: Receiver<Job>, report: F) {
    let mut dirty = false;
    let mut fold = false;
    let mut last = SaveStatus::Pending;
    loop {
        // While a save is owed, wake each second to retry.
        let job = if dirty {
            match rx.recv_timeout(Duration::from_secs(1)) {
                Ok(j) => Some(j),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(j) => Some(j),
                Err(_) => break,
            }
        };
        let mut waiting = Vec::new();
        let mut finish = None;
        // Take everything queued, then write once.
        for job in job.into_iter().chain(rx.try_iter()) {
            match job {
                Job::Append(entries) => {
                    writer.push(entries);
                    dirty = true;
                }
                Job::Begin => dirty = true,
                Job::Fold => {
                    fold = true;
                    dirty = true;
                }
                Job::Flush(tx) => waiting.push(tx),
                Job::Finish(tx) => finish = Some(tx),
            }
        }
        if let Some(tx) = finish {
            let status = SaveStatus::of(writer.close());
            for tx in waiting.into_iter().chain([tx]) {
                let _ = tx.send(status.clone());
            }
            return;
        }
        if dirty {
            let result = if fold {
                writer.fold_now()
            } else {
                writer.save()
            };
            last = SaveStatus::of(result);
            if !matches!(last, SaveStatus::Failed(_)) {
                dirty = false;
                fold = false;
            }
            report(last.clone());
        }
        for tx in waiting {
            let _ = tx.send(last.clone());
        }
    }
    // Dropped without `finish` (unwinding from a panic): fold what is here.
    let _ = writer.close();
}
