//! One writer at a time: a session held by one circlekeeper is refused to
//! any other, in another process or the same one.
//!
//! The tests here run one at a time. A lock is held by an open file; while
//! another test thread starts a child process, that child briefly shares
//! every open file of this process until it execs, and with it the lock. A
//! test that lets go and takes the lock again at that instant would find it
//! held. No other test in this binary starts a process during a lock test.

mod common;

use std::fs;
use std::sync::{Mutex, MutexGuard};

use circlekeeper::store::StoreError;
use circlekeeper::store::file::{Lock, save_session};
use common::{circlekeeper, run, sample_session};
use tempfile::TempDir;

fn one_at_a_time() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn a_session_open_elsewhere_is_refused_by_the_binary() {
    let _turn = one_at_a_time();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("s.ron");
    save_session(&path, &sample_session()).unwrap();
    let bytes = fs::read(&path).unwrap();

    let lock = Lock::acquire(&path).unwrap();
    let (code, stdout, stderr) = run(circlekeeper(dir.path()).arg("open").arg(&path));
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stderr.contains(&format!(
            "{}: this session is open in another circlekeeper",
            path.display()
        )),
        "{stderr}"
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);

    drop(lock);
    Lock::acquire(&path).expect("free again once the first holder lets go");
}

#[test]
fn a_new_session_path_held_by_another_is_not_written() {
    let _turn = one_at_a_time();
    let dir = TempDir::new().unwrap();
    let plan = dir.path().join("plan.ron");
    fs::write(&plan, circlekeeper::commands::start::DEFAULT_PLAN).unwrap();
    let target = dir.path().join("new.ron");
    let _lock = Lock::acquire(&target).unwrap();
    let (code, _, stderr) = run(circlekeeper(dir.path())
        .arg("run")
        .arg(&plan)
        .arg("--session")
        .arg(&target));
    assert_eq!(code, 1);
    assert!(stderr.contains("open in another circlekeeper"), "{stderr}");
    assert!(!target.exists());
}

#[test]
fn a_second_lock_in_the_same_process_is_refused() {
    let _turn = one_at_a_time();
    // flock belongs to the open file description, so two opens of the lock
    // file in one process exclude each other just as two processes do.
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("s.ron");
    let first = Lock::acquire(&path).unwrap();
    match Lock::acquire(&path) {
        Err(StoreError::Locked { path: p }) => assert_eq!(p, path),
        other => panic!("second lock: {other:?}"),
    }
    // Another session beside it is not affected.
    let _other = Lock::acquire(&dir.path().join("t.ron")).unwrap();
    drop(first);
    let _again = Lock::acquire(&path).unwrap();
    assert!(matches!(
        Lock::acquire(&path),
        Err(StoreError::Locked { .. })
    ));
}

#[test]
fn a_session_in_a_missing_folder_is_named_in_the_error() {
    let _turn = one_at_a_time();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("no-such-folder").join("s.ron");
    let (code, _, stderr) = run(circlekeeper(dir.path()).arg("open").arg(&path));
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(&format!("error: {}: ", path.display())),
        "{stderr}"
    );
    assert!(!path.parent().unwrap().exists());
}
