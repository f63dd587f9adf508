//! Files circlekeeper must refuse: each gives exit code 1 and a message
//! naming the file (and, where it means something, the line and column),
//! never a panic, and leaves the file as it was.

mod common;

use circlekeeper::commands::start::DEFAULT_PLAN;
use circlekeeper::store::file::read_session;
use circlekeeper::store::text::session_to_string;
use common::{Refusal, circlekeeper, end_of, place_of, refused, run, sample_session};
use tempfile::TempDir;

/// Every command a file can be given to: plans to `check`, sessions to `open`.
const BOTH: [&str; 2] = ["check", "open"];

const PLAN: &str = r#"(
    title: "Tuesday circle",
    segments: [
        (title: "Welcome", kind: WelcomeCircle, time: "10m"),
        (title: "Café ☕ talk", kind: OpenFloor, time: "20m"),
        (title: "Check-in", kind: CheckIn, time: "20m", per_speaker: "1m"),
    ],
)
"#;

fn plan_with(from: &str, to: &str) -> String {
    assert!(PLAN.contains(from));
    PLAN.replacen(from, to, 1)
}

/// Refused by `check`, pointing at the first `needle` of `text`.
fn plan_refused_at(dir: &TempDir, text: &str, needle: &str) -> Refusal {
    let r = refused(dir.path(), "check", "plan.ron", text.as_bytes());
    let (line, col) = place_of(text, needle);
    r.at(line, col);
    r
}

#[test]
fn the_fixture_plan_is_fine() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::write(&path, PLAN).unwrap();
    let (code, stdout, stderr) = run(circlekeeper(dir.path()).arg("check").arg(&path));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("('Tuesday circle', 3 segments, 50m)"),
        "{stdout}"
    );
}

#[test]
fn empty_and_blank_files() {
    let dir = TempDir::new().unwrap();
    for cmd in BOTH {
        for text in ["", "  \n\t\n   \n"] {
            refused(dir.path(), cmd, "empty.ron", text.as_bytes())
                .at(1, 1)
                .says("empty");
        }
    }
}

#[test]
fn nul_bytes_are_found_where_they_are() {
    let dir = TempDir::new().unwrap();
    for cmd in BOTH {
        refused(dir.path(), cmd, "nul.ron", b"(\n  title: \"a\0b\",\n)")
            .at(2, 12)
            .says("NUL byte");
        refused(dir.path(), cmd, "zeros.ron", &[0; 64])
            .at(1, 1)
            .says("NUL byte");
    }
}

#[test]
fn invalid_utf8_names_the_place_of_the_bad_byte() {
    let dir = TempDir::new().unwrap();
    for cmd in BOTH {
        // Columns count characters: "  title: \"Café " is 15 of them.
        refused(
            dir.path(),
            cmd,
            "latin1.ron",
            b"(\n  title: \"Caf\xc3\xa9 \xff\",\n)",
        )
        .at(2, 16)
        .says("not UTF-8");
        // A multi-byte character cut in half is invalid too.
        refused(dir.path(), cmd, "half.ron", b"(title: \"\xe2\x98")
            .at(1, 10)
            .says("not UTF-8");
    }
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("bom.ron");
    std::fs::write(&path, format!("\u{feff}{PLAN}")).unwrap();
    let (code, _, stderr) = run(circlekeeper(dir.path()).arg("check").arg(&path));
    assert_eq!(code, 0, "{stderr}");
    // Positions after it are as an editor shows them.
    let text = plan_with("time: \"10m\"", "tiem: \"10m\"");
    let r = refused(
        dir.path(),
        "check",
        "bom.ron",
        format!("\u{feff}{text}").as_bytes(),
    );
    let (line, col) = place_of(&text, "tiem");
    r.at(line, col);
}

/// Cuts `text` at 20 evenly spaced byte offsets; every cut is refused with a
/// place inside what is left, and a cut in the middle of the text says where
/// the text ran out.
fn every_cut_is_refused(cmd: &str, text: &str) {
    let dir = TempDir::new().unwrap();
    let bytes = text.as_bytes();
    for k in 1..=20 {
        let cut = bytes.len() * k / 21;
        let r = refused(dir.path(), cmd, "cut.ron", &bytes[..cut]);
        let kept = String::from_utf8_lossy(&bytes[..cut]);
        let place = r.place();
        assert!(
            place >= (1, 1) && place <= end_of(&kept),
            "cut at {cut}: {}",
            r.stderr
        );
        if r.stderr.contains("ends too early") {
            assert_eq!(place, end_of(kept.trim_end()), "cut at {cut}: {}", r.stderr);
        }
    }
}

#[test]
fn a_cut_off_plan_is_refused_at_every_point() {
    every_cut_is_refused("check", DEFAULT_PLAN);
}

#[test]
fn a_cut_off_session_is_refused_at_every_point() {
    every_cut_is_refused("open", &common::sample_session_text());
}

#[test]
fn a_cut_off_string_points_at_where_it_starts() {
    let dir = TempDir::new().unwrap();
    let text = "(\n    title: \"Tuesday";
    refused(dir.path(), "check", "plan.ron", text.as_bytes())
        .at(2, 12)
        .says("never closed");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let dir = TempDir::new().unwrap();
    let deep = "[".repeat(10_000);
    for cmd in BOTH {
        refused(dir.path(), cmd, "deep.ron", deep.as_bytes()).at(1, 1);
        refused(dir.path(), cmd, "parens.ron", "(".repeat(10_000).as_bytes());
    }
    // Where any value may stand, RON's recursion limit is what stops it.
    let text = format!("(format: 2, future: {deep}");
    refused(dir.path(), "open", "deep.ron", text.as_bytes()).says("nested more than 128 deep");
    let text = format!("(title: \"x\", segments: {deep}");
    refused(dir.path(), "check", "deep.ron", text.as_bytes());
    let text = format!(
        "(title: \"x\", segments: [(title: \"x\", kind: Custom, time: \"5m\", purpose: {})])",
        "Some(".repeat(10_000)
    );
    refused(dir.path(), "check", "deep.ron", text.as_bytes());
}

#[test]
fn an_integer_for_a_duration_asks_for_quotes() {
    let dir = TempDir::new().unwrap();
    let text = plan_with("time: \"20m\"", "time: 20");
    plan_refused_at(&dir, &text, "20)").says("a duration in quotes, like \"20m\"");
    let text = plan_with("per_speaker: \"1m\"", "per_speaker: 1.5");
    plan_refused_at(&dir, &text, "1.5").says("a duration in quotes");
}

#[test]
fn a_bare_number_in_quotes_is_minutes() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("plan.ron");
    let text = plan_with("time: \"10m\"", "time: \"25\"").replacen("\"1m\"", "\"1.5m\"", 1);
    std::fs::write(&path, text).unwrap();
    let (code, stdout, stderr) = run(circlekeeper(dir.path()).arg("check").arg(&path));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("1h 5m"), "{stdout}");
}

#[test]
fn other_wrong_types() {
    let dir = TempDir::new().unwrap();
    let text = plan_with("title: \"Tuesday circle\"", "title: 20");
    // RON points at the blank before the value; the store moves on to it.
    plan_refused_at(&dir, &text, "20,").says("Expected string");
    let text = plan_with(
        "title: \"Tuesday circle\",",
        "title: \"T\", people: \"twelve\",",
    );
    plan_refused_at(&dir, &text, "\"twelve\"").says("Expected integer");
    // A fraction of a second would not survive a save ("0.5s" would come
    // back from the session file as a time box of 0).
    let text = plan_with("time: \"10m\"", "time: \"0.5s\"");
    refused(dir.path(), "check", "plan.ron", text.as_bytes()).says("whole seconds");
    let text = plan_with("time: \"10m\"", "time: \"soon\"");
    refused(dir.path(), "check", "plan.ron", text.as_bytes())
        .says("\"soon\" is not a duration (write e.g. \"20m\"");
}

#[test]
fn an_unknown_segment_kind_lists_the_known_ones() {
    let dir = TempDir::new().unwrap();
    let text = plan_with("kind: OpenFloor", "kind: Dance");
    plan_refused_at(&dir, &text, "Dance")
        .says("`Dance`")
        .says("`OpenFloor`");
}

#[test]
fn a_typo_in_a_field_name_is_an_error_not_a_default() {
    let dir = TempDir::new().unwrap();
    // After a multi-byte character on the same line: columns count characters.
    let text = plan_with("OpenFloor, time:", "OpenFloor, tiem:");
    plan_refused_at(&dir, &text, "tiem")
        .says("`tiem`")
        .says("`time`");
}

#[test]
fn zero_and_negative_durations_name_the_segment() {
    let dir = TempDir::new().unwrap();
    let cases = [
        (
            plan_with("per_speaker: \"1m\"", "per_speaker: \"0m\""),
            "segment 3 'Check-in': per-speaker time is 0",
        ),
        (
            plan_with("time: \"10m\"", "time: \"0\""),
            "segment 1 'Welcome': the time box is 0",
        ),
        (
            plan_with("time: \"10m\"", "time: \"-5m\""),
            "segment 1 'Welcome': the time box is negative (-5m)",
        ),
    ];
    for (text, message) in cases {
        let r = refused(dir.path(), "check", "plan.ron", text.as_bytes());
        r.says(&format!("{}: {message}", r.path.display()));
    }
}

#[test]
fn a_session_given_to_check_says_to_open_it() {
    let dir = TempDir::new().unwrap();
    refused(
        dir.path(),
        "check",
        "s.ron",
        common::sample_session_text().as_bytes(),
    )
    .says("is a session file")
    .says("circlekeeper open");
}

#[test]
fn a_plan_given_to_open_says_to_run_it() {
    let dir = TempDir::new().unwrap();
    for plan in [PLAN, DEFAULT_PLAN] {
        refused(dir.path(), "open", "plan.ron", plan.as_bytes())
            .says("is a plan file")
            .says("circlekeeper run");
    }
}

#[test]
fn a_newer_session_format_asks_for_an_update() {
    let dir = TempDir::new().unwrap();
    let text = common::sample_session_text();
    assert!(text.contains("format: 3,"));
    let newer = text.replacen("format: 3,", "format: 4,", 1);
    refused(dir.path(), "open", "s.ron", newer.as_bytes()).says("made by a newer circlekeeper");
    // Even when it holds things this version has no words for.
    let newer = newer.replacen("Start(1)", "Stack(Add(3))", 1).replacen(
        "title:",
        "mood: Calm,\n  title:",
        1,
    );
    refused(dir.path(), "open", "s.ron", newer.as_bytes())
        .says("made by a newer circlekeeper (session format 4");
}

#[test]
fn a_session_format_never_written_is_refused() {
    let dir = TempDir::new().unwrap();
    let text = common::sample_session_text().replacen("format: 3,", "format: 0,", 1);
    refused(dir.path(), "open", "s.ron", text.as_bytes()).says("session format 0");
}

#[test]
fn a_long_string_loads_and_a_plan_over_16_mib_is_refused() {
    let dir = TempDir::new().unwrap();
    let big = "é".repeat(7_000_000);
    let text = plan_with(
        "time: \"10m\"",
        &format!("time: \"10m\", purpose: \"{big}\""),
    );
    let path = dir.path().join("big.ron");
    std::fs::write(&path, &text).unwrap();
    let (code, stdout, stderr) = run(circlekeeper(dir.path()).arg("check").arg(&path));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("('Tuesday circle'"), "{stdout}");

    // An error after it still points at the right column.
    let text = text.replacen("\"),", "\", tiem: \"1m\"),", 1);
    let (line, col) = place_of(&text, "tiem");
    assert!(col > 7_000_000);
    refused(dir.path(), "check", "big.ron", text.as_bytes()).at(line, col);

    // Past 16 MiB a plan is not read at all, and the limit is named.
    let huge = plan_with(
        "time: \"10m\"",
        &format!("time: \"10m\", purpose: \"{}\"", "é".repeat(9_000_000)),
    );
    refused(dir.path(), "check", "huge.ron", huge.as_bytes())
        .says("larger than 16 MiB, the most a plan may be");

    // A session may be far bigger: one holding a 50 MB string, read
    // without the binary.
    let mut session = sample_session();
    session.plan.segments[0].purpose = Some("é".repeat(25_000_000));
    let path = dir.path().join("big-session.ron");
    std::fs::write(&path, session_to_string(&session).unwrap()).unwrap();
    assert_eq!(read_session(&path).unwrap(), session);
}

// --- the journal beside a session ---

/// A session file and a journal continuing it with `events` more events;
/// the bytes of each.
fn session_with_journal(dir: &std::path::Path, events: usize) -> (Vec<u8>, Vec<u8>) {
    use circlekeeper::core::event::{Entry, Event};
    use circlekeeper::core::run::RunEvent;
    use circlekeeper::store::journal::{Header, line};
    let session = sample_session();
    let text = session_to_string(&session).unwrap();
    let mut journal = Header::for_session(&session, session.events.len()).line();
    for i in 0..events {
        let entry = Entry {
            at: common::at(2000 + i as i64),
            event: Event::Run(if i % 2 == 0 {
                RunEvent::Pause
            } else {
                RunEvent::Resume
            }),
        };
        journal += &line(&entry).unwrap();
    }
    std::fs::write(dir.join("s.ron"), &text).unwrap();
    std::fs::write(dir.join("s.ron.journal"), &journal).unwrap();
    (text.into_bytes(), journal.into_bytes())
}

/// `open s.ron` is refused with `words`, and nothing is written: both
/// files as they were, nothing new beside them, no lock left.
fn open_refused(dir: &std::path::Path, words: &str) -> String {
    let before: Vec<Vec<u8>> = ["s.ron", "s.ron.journal"]
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    let listing = common::listing(dir);
    let (code, _, stderr) = run(circlekeeper(dir).arg("open").arg(dir.join("s.ron")));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(words), "expected {words:?} in:\n{stderr}");
    let after: Vec<Vec<u8>> = ["s.ron", "s.ron.journal"]
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    assert!(before == after, "a file was changed");
    assert_eq!(common::listing(dir), listing, "files were left behind");
    stderr
}

#[test]
fn a_journal_from_another_session_is_refused() {
    let dir = TempDir::new().unwrap();
    let (_, journal) = session_with_journal(dir.path(), 3);
    // The same journal beside a session begun at another time.
    let mut other = sample_session();
    other.created = common::at(5);
    std::fs::write(dir.path().join("s.ron"), session_to_string(&other).unwrap()).unwrap();
    std::fs::write(dir.path().join("s.ron.journal"), &journal).unwrap();
    let stderr = open_refused(dir.path(), "this journal belongs to another session");
    let journal_path = dir.path().join("s.ron.journal");
    assert!(
        stderr.starts_with(&format!("error: {}: ", journal_path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("move it away"), "{stderr}");
    assert!(read_session(&dir.path().join("s.ron")).is_err());
}

#[test]
fn a_journal_that_does_not_continue_the_file_is_refused() {
    let dir = TempDir::new().unwrap();
    session_with_journal(dir.path(), 3);
    // The session file put back to an older copy, with fewer events.
    let mut older = sample_session();
    older.events.pop();
    std::fs::write(dir.path().join("s.ron"), session_to_string(&older).unwrap()).unwrap();
    open_refused(dir.path(), "continues");
}

#[test]
fn a_damaged_line_before_the_last_names_its_line_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let (_, journal) = session_with_journal(dir.path(), 4);
    let text = String::from_utf8(journal).unwrap();
    // Line 3 is the second event: damage it.
    let damaged = text.replacen("Resume", "Resum\u{0}e", 1);
    std::fs::write(dir.path().join("s.ron.journal"), &damaged).unwrap();
    let journal_path = dir.path().join("s.ron.journal");
    let stderr = open_refused(dir.path(), "a damaged line in the journal");
    assert!(
        stderr.contains(&format!("{}:3:", journal_path.display())),
        "{stderr}"
    );
}

#[test]
fn a_torn_last_line_is_left_out_at_every_byte() {
    use circlekeeper::store::journal;
    let dir = TempDir::new().unwrap();
    let (_, bytes) = session_with_journal(dir.path(), 3);
    let path = dir.path().join("s.ron");
    let all = read_session(&path).unwrap().events;
    let held = sample_session().events.len();
    assert_eq!(all.len(), held + 3);
    let last_start = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    for cut in last_start..bytes.len() {
        std::fs::write(journal::path_of(&path), &bytes[..cut]).unwrap();
        let events = read_session(&path)
            .unwrap_or_else(|e| panic!("cut at {cut}: {e}"))
            .events;
        assert_eq!(events, all[..held + 2], "cut at {cut}");
        // A crash can also leave the end of a file zeroed.
        let mut zeroed = bytes[..cut].to_vec();
        zeroed.extend([0u8; 40]);
        std::fs::write(journal::path_of(&path), &zeroed).unwrap();
        assert_eq!(read_session(&path).unwrap().events, all[..held + 2]);
    }
    // A journal torn inside its first line adds nothing.
    for cut in 0..40 {
        std::fs::write(journal::path_of(&path), &bytes[..cut]).unwrap();
        assert_eq!(
            read_session(&path).unwrap().events.len(),
            held,
            "cut at {cut}"
        );
    }
    // The writer that opens it next folds what is whole into the file, and
    // drops the torn line.
    std::fs::write(journal::path_of(&path), &bytes[..bytes.len() - 5]).unwrap();
    let mut writer = circlekeeper::store::open::for_writing(&path).unwrap();
    writer.save().unwrap();
    drop(writer);
    assert!(!journal::path_of(&path).exists());
    let text = std::fs::read_to_string(&path).unwrap();
    match circlekeeper::store::text::session_from_str(&path, &text).unwrap() {
        circlekeeper::store::text::Loaded::Current(s) => assert_eq!(s.events, all[..held + 2]),
        other => panic!("{other:?}"),
    }
}

// --- special files and sizes: every input is read bounded, regular files only ---

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
    std::fs::write(&plan, PLAN).unwrap();
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
    std::fs::write(&plan, PLAN).unwrap();
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
    std::fs::write(&plan, PLAN).unwrap();
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
    std::fs::write(&good, PLAN).unwrap();
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

#[test]
fn an_enormous_token_is_never_echoed_whole() {
    let dir = TempDir::new().unwrap();
    let huge = "A".repeat(1_000_000);
    let cases = [
        plan_with("kind: OpenFloor", &format!("kind: {huge}")),
        plan_with("OpenFloor, time:", &format!("OpenFloor, {huge}: 1, time:")),
        plan_with("time: \"20m\"", &format!("time: \"{huge}\"")),
        plan_with("title: \"Welcome\"", &format!("title: \"{huge}\"")).replacen(
            "time: \"10m\"",
            "time: \"0\"",
            1,
        ),
    ];
    for text in cases {
        let r = refused(dir.path(), "check", "plan.ron", text.as_bytes());
        assert!(r.stderr.len() < 2_000, "{} bytes of stderr", r.stderr.len());
        r.says(&format!("{}… (1000000 bytes)", "A".repeat(80)));
    }
    // A sign-up list's header, and an activity asked for by name.
    let plan = dir.path().join("good.ron");
    std::fs::write(&plan, PLAN).unwrap();
    let names = dir.path().join("names.csv");
    std::fs::write(&names, format!("email,{huge},x\nAna,a,b\n")).unwrap();
    let (code, _, stderr) = run(circlekeeper(dir.path())
        .arg("run")
        .arg(&plan)
        .arg("--roster")
        .arg(&names));
    assert_eq!(code, 1);
    assert!(stderr.len() < 2_000, "{stderr}");
    let (code, _, stderr) = run(circlekeeper(dir.path())
        .args(["library", "show"])
        .arg("B".repeat(100_000)));
    assert_eq!(code, 1);
    assert!(stderr.contains("… (100000 bytes)"), "{stderr}");
}

#[test]
fn dates_and_times_are_explained_in_plain_words() {
    let dir = TempDir::new().unwrap();
    let text = plan_with(
        "title: \"Tuesday circle\",",
        "title: \"Tuesday circle\", start: \"25:99\",",
    );
    plan_refused_at(&dir, &text, "\"25:99\"")
        .says("\"25:99\" is not a clock time (write e.g. \"18:30\")");
    let text = plan_with(
        "title: \"Tuesday circle\",",
        "title: \"Tuesday circle\", date: \"2026-13-01\",",
    );
    plan_refused_at(&dir, &text, "\"2026-13-01\"")
        .says("\"2026-13-01\" is not a date (write e.g. \"2026-12-01\")");
    let session = common::sample_session_text();
    let created = session
        .lines()
        .find(|l| l.trim_start().starts_with("created:"))
        .unwrap();
    for bad in ["2026-01-01T25:00:00Z", "10000-01-01T00:00:00Z", "soon"] {
        let text = session.replacen(created, &format!("  created: \"{bad}\","), 1);
        let r = refused(dir.path(), "open", "s.ron", text.as_bytes());
        r.says(&format!(
            "\"{bad}\" is not a time between 1970 and 9999 (write e.g. \"2026-11-23T18:30:00Z\")"
        ));
        assert!(!r.stderr.contains("required range"), "{}", r.stderr);
    }
}

#[test]
fn numbers_that_would_exhaust_memory_are_refused_where_they_are_written() {
    let dir = TempDir::new().unwrap();
    let text = plan_with(
        "title: \"Tuesday circle\",",
        "title: \"Tuesday circle\",\n    people: 4294967295,",
    );
    plan_refused_at(&dir, &text, "4294967295")
        .says("4294967295 people is more than a plan may count (at most 10,000)");

    let segment = "        (title: \"Five\", kind: Custom, time: \"5m\"),\n";
    let many = |n: usize| {
        plan_with(
            "        (title: \"Welcome\", kind: WelcomeCircle, time: \"10m\"),\n",
            &segment.repeat(n),
        )
    };
    let ok = dir.path().join("ok.ron");
    std::fs::write(&ok, many(1_998)).unwrap();
    let (code, stdout, stderr) = run(circlekeeper(dir.path()).arg("check").arg(&ok));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("2,000 segments") || stdout.contains("2000 segments"),
        "{stdout}"
    );
    // The 2,001st segment is the plan's "Check-in", on line 2004.
    let text = many(1_999);
    let r = refused(dir.path(), "check", "plan.ron", text.as_bytes());
    r.says("more than 2,000 segments in a plan");
    r.at(2004, 9);
    assert!(text.lines().nth(2003).unwrap().contains("Check-in"));

    let step = "(title: \"s\", format: Pairs, intimacy: 1, time: \"1m\"), ";
    let text = plan_with(
        "(title: \"Welcome\", kind: WelcomeCircle, time: \"10m\")",
        &format!(
            "(title: \"Ice\", kind: IcebreakerSequence, time: \"4h\", steps: [{}])",
            step.repeat(201)
        ),
    );
    refused(dir.path(), "check", "plan.ron", text.as_bytes())
        .says("more than 200 steps in one segment or activity");

    let names: Vec<String> = (0..10_001).map(|i| format!("\"P{i}\"")).collect();
    let text = plan_with(
        "title: \"Tuesday circle\",",
        &format!(
            "title: \"Tuesday circle\",\n    roster: [{}],",
            names.join(", ")
        ),
    );
    refused(dir.path(), "check", "plan.ron", text.as_bytes())
        .says("more than 10,000 names on a roster");

    // A sign-up list is held to the same: the line of the first too many.
    let plan = dir.path().join("good.ron");
    std::fs::write(&plan, PLAN).unwrap();
    let list = dir.path().join("names.txt");
    let lines: Vec<String> = (0..10_001).map(|i| format!("Person {i}")).collect();
    std::fs::write(&list, lines.join("\n")).unwrap();
    let (code, _, stderr) = run(circlekeeper(dir.path())
        .arg("run")
        .arg(&plan)
        .arg("--roster")
        .arg(&list));
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!("{}:10001: more than 10,000 names", list.display())),
        "{stderr}"
    );

    // --people shares the limit.
    let (code, _, stderr) = run(circlekeeper(dir.path())
        .args(["check", "--people", "4294967295"])
        .arg(&plan));
    assert_ne!(code, 0);
    assert!(stderr.contains("from 1 to 10,000"), "{stderr}");
}
