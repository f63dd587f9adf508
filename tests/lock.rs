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

#[test]
fn a_symlink_and_its_target_share_one_lock_and_the_link_stays_a_link() {
    let _turn = one_at_a_time();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("s.ron");
    save_session(&path, &sample_session()).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let bytes = fs::read(&path).unwrap();

    // Held under the real name, refused under the other.
    let lock = Lock::acquire(&path).unwrap();
    let (code, _, stderr) = run(circlekeeper(dir.path()).arg("open").arg(&link));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("open in another circlekeeper"), "{stderr}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    drop(lock);

    // Written through the link: the target is written, the link is kept.
    let mut writer = circlekeeper::store::open::for_writing(&link).unwrap();
    assert_eq!(writer.path(), fs::canonicalize(&path).unwrap());
    writer.push(sample_session().events[..1].to_vec());
    writer.close().unwrap();
    drop(writer);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), path);
    let bak = dir.path().join("s.ron.bak");
    assert!(
        fs::symlink_metadata(&bak).unwrap().is_file(),
        "a real backup"
    );
    assert_eq!(fs::read(&bak).unwrap(), bytes);
    assert_eq!(
        common::listing(dir.path()),
        ["link.ron", "s.ron", "s.ron.bak"]
    );
}

#[test]
fn a_file_with_a_second_name_is_refused_for_writing() {
    let _turn = one_at_a_time();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("s.ron");
    save_session(&path, &sample_session()).unwrap();
    let other = dir.path().join("h.ron");
    fs::hard_link(&path, &other).unwrap();
    let bytes = fs::read(&path).unwrap();
    for name in [&path, &other] {
        let (code, _, stderr) = run(circlekeeper(dir.path()).arg("open").arg(name));
        assert_eq!(code, 1, "{stderr}");
        assert!(
            stderr.contains(&format!(
                "{}: this file has 2 names (hard links)",
                name.display()
            )),
            "{stderr}"
        );
        assert!(stderr.contains("open a copy instead"), "{stderr}");
    }
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert_eq!(
        common::listing(dir.path()),
        ["h.ron", "s.ron"],
        "no lock left"
    );
    // Its own backup is the one other name a session may have.
    fs::remove_file(&other).unwrap();
    fs::hard_link(&path, dir.path().join("s.ron.bak")).unwrap();
    let writer = circlekeeper::store::open::for_writing(&path).unwrap();
    drop(writer);
}

#[test]
fn lock_files_go_when_their_holder_lets_go() {
    let _turn = one_at_a_time();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("s.ron");
    save_session(&path, &sample_session()).unwrap();
    let lock = Lock::acquire(&path).unwrap();
    assert!(lock.path.exists());
    drop(lock);
    assert_eq!(common::listing(dir.path()), ["s.ron"]);
    // A lock file a killed process left is taken over, then removed too.
    fs::write(dir.path().join(".s.ron.lock"), "").unwrap();
    drop(Lock::acquire(&path).unwrap());
    assert_eq!(common::listing(dir.path()), ["s.ron"]);
    // A command that refuses to run leaves none either.
    let (code, _, _) = run(circlekeeper(dir.path()).arg("open").arg(&path));
    assert_eq!(code, 1, "no terminal here");
    assert_eq!(common::listing(dir.path()), ["s.ron"]);
}

#[test]
fn a_deleted_lock_lets_no_save_overwrite_another_writer() {
    use circlekeeper::core::event::{Entry, Event};
    use circlekeeper::core::run::RunEvent;
    use circlekeeper::store::writer::Outcome;
    let _turn = one_at_a_time();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("s.ron");
    save_session(&path, &sample_session()).unwrap();
    let mut first = circlekeeper::store::open::for_writing(&path).unwrap();
    // Someone deletes the lock file: a second writer gets in.
    fs::remove_file(dir.path().join(".s.ron.lock")).unwrap();
    let mut second = circlekeeper::store::open::for_writing(&path).unwrap();
    let entry = |s: i64, event| Entry {
        at: common::at(s),
        event: Event::Run(event),
    };
    second.push(vec![entry(2000, RunEvent::Pause)]);
    assert_eq!(second.save().unwrap(), Outcome::Saved);
    first.push(vec![entry(
        2001,
        RunEvent::AddTime {
            segment: circlekeeper::core::run::SegmentId(1),
            by: jiff::SignedDuration::from_mins(3),
        },
    )]);
    // The first notices and writes nothing over the second's work.
    let Outcome::Elsewhere { side, why } = first.save().unwrap() else {
        panic!("the first writer saved over the second");
    };
    assert!(why.contains("lock file"), "{why}");
    let side_name = side.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        side_name.starts_with("s.conflict-") && side_name.ends_with(".ron"),
        "{side_name}"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        fs::metadata(&side).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        circlekeeper::store::file::read_session(&side).unwrap(),
        *first.session()
    );
    let on_disk = circlekeeper::store::file::read_session(&path).unwrap();
    assert_eq!(on_disk, *second.session());
    // Later saves keep going to the side file.
    first.push(vec![entry(2002, RunEvent::Resume)]);
    assert!(matches!(first.close().unwrap(), Outcome::Elsewhere { .. }));
    assert_eq!(
        circlekeeper::store::file::read_session(&path).unwrap(),
        on_disk
    );
    assert_eq!(
        circlekeeper::store::file::read_session(&side)
            .unwrap()
            .events
            .len(),
        first.session().events.len()
    );
}
