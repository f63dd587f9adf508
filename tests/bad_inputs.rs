//! Inputs that are not what they claim: named pipes and devices where a
//! file should be, and files past their size limit. Every command returns
//! within 2 s with an error naming the file and what it is; none hangs,
//! reads without end, or leaves a lock file behind.

mod common;

use circlekeeper::commands::start::DEFAULT_PLAN;
use common::{circlekeeper, sample_session};
use tempfile::TempDir;

/// Runs the binary; it must finish within 2 s (a read of a named pipe or a
/// device would hang it).
fn run_within_2s(cmd: &mut std::process::Command) -> (i32, String, String) {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "still running after 2 s: {cmd:?}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

fn fifo(path: &std::path::Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn named_pipes_and_devices_are_refused_at_once_by_every_command() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let pipe = d.join("pipe.ron");
    fifo(&pipe);
    let plan = d.join("plan.ron");
    std::fs::write(&plan, DEFAULT_PLAN).unwrap();
    let zero = std::path::Path::new("/dev/zero");
    let dev_lock = std::path::Path::new("/dev/.zero.lock");
    let dev_lock_before = dev_lock.exists();
    let plan = plan.to_str().unwrap();
    let commands: [&[&str]; 7] = [
        &["check"],
        &["run"],
        &["run", plan, "--roster"],
        &["open"],
        &["harvest"],
        &["rehearse"],
        &["runsheet"],
    ];
    for (special, what) in [(pipe.as_path(), "a named pipe (FIFO)"), (zero, "a device")] {
        for words in commands {
            let (code, _, stderr) = run_within_2s(circlekeeper(d).args(words).arg(special));
            assert_eq!(code, 1, "{words:?}: {stderr}");
            let expected = format!("{}: this is {what}, not a regular file", special.display());
            assert!(stderr.contains(&expected), "{words:?}: {stderr}");
        }
    }
    assert_eq!(
        dev_lock.exists(),
        dev_lock_before,
        "a lock file was made in /dev"
    );
    assert!(
        !common::listing(d).iter().any(|n| n.ends_with(".lock")),
        "{:?}",
        common::listing(d)
    );
}

#[test]
fn a_named_pipe_in_the_config_folder_is_refused_at_once() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let config = d.join("config");
    std::fs::create_dir(&config).unwrap();
    let plan = d.join("plan.ron");
    std::fs::write(&plan, DEFAULT_PLAN).unwrap();
    fifo(&config.join("keymap.ron"));
    let (code, _, stderr) = run_within_2s(circlekeeper(d).arg("run").arg(&plan));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("keymap.ron: this is a named pipe"),
        "{stderr}"
    );
    fifo(&config.join("library.ron"));
    let (code, _, stderr) = run_within_2s(circlekeeper(d).arg("library"));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("library.ron: this is a named pipe"),
        "{stderr}"
    );
}

#[test]
fn sessions_skips_and_names_what_it_cannot_list() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let folder = d.join("data").join("sessions");
    std::fs::create_dir_all(&folder).unwrap();
    circlekeeper::store::file::save_session(&folder.join("good.ron"), &sample_session()).unwrap();
    let pipe = folder.join("pipe.ron");
    fifo(&pipe);
    std::os::unix::fs::symlink("/dev/zero", folder.join("zero.ron")).unwrap();
    std::fs::create_dir(folder.join("folder.ron")).unwrap();
    let big = folder.join("huge.ron");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(512 * 1024 * 1024 + 1)
        .unwrap();
    let (code, stdout, stderr) = run_within_2s(circlekeeper(d).arg("sessions"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("good.ron"), "{stdout}");
    for (name, what) in [
        ("pipe.ron", "is a named pipe (FIFO)"),
        ("zero.ron", "is a device"),
        ("folder.ron", "is a folder"),
        ("huge.ron", "larger than 512 MiB"),
    ] {
        let path = folder.join(name);
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(&format!("{}: ", path.display())) && l.contains(what)),
            "{name}: {stderr}"
        );
    }
    // `check` learns from the same folder, and the plain command resumes
    // from it: neither hangs.
    let plan = d.join("plan.ron");
    std::fs::write(&plan, DEFAULT_PLAN).unwrap();
    let (code, _, stderr) = run_within_2s(circlekeeper(d).arg("check").arg(&plan));
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run_within_2s(&mut circlekeeper(d));
    assert_eq!(code, 1, "no terminal here: {stderr}");
}

#[test]
fn files_over_their_limit_are_refused_with_the_limit_named() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let sparse = |name: &str, len: u64| {
        let path = d.join(name);
        std::fs::File::create(&path).unwrap().set_len(len).unwrap();
        path
    };
    const MIB: u64 = 1024 * 1024;
    let plan = sparse("plan.ron", 16 * MIB + 1);
    let (code, _, stderr) = run_within_2s(circlekeeper(d).arg("check").arg(&plan));
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!(
            "{}: the file is larger than 16 MiB, the most a plan may be",
            plan.display()
        )),
        "{stderr}"
    );
    let good = d.join("good.ron");
    std::fs::write(&good, DEFAULT_PLAN).unwrap();
    let roster = sparse("names.csv", 16 * MIB + 1);
    let (code, _, stderr) = run_within_2s(
        circlekeeper(d)
            .arg("run")
            .arg(&good)
            .arg("--roster")
            .arg(&roster),
    );
    assert_eq!(code, 1);
    assert!(
        stderr.contains("larger than 16 MiB, the most a sign-up list may be"),
        "{stderr}"
    );
    let session = sparse("s.ron", 512 * MIB + 1);
    let (code, _, stderr) = run_within_2s(circlekeeper(d).arg("open").arg(&session));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("larger than 512 MiB, the most a session file may be"),
        "{stderr}"
    );
    std::fs::create_dir(d.join("config")).unwrap();
    sparse("config/keymap.ron", 16 * MIB + 1);
    let (code, _, stderr) = run_within_2s(circlekeeper(d).arg("run").arg(&good));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("larger than 16 MiB, the most a keymap may be"),
        "{stderr}"
    );
    assert!(!common::listing(d).iter().any(|n| n.ends_with(".lock")));
}
