//! The promises a session file keeps: private to its owner, a backup of the
//! last version, older formats migrated with the original kept, and a
//! listing that one bad file cannot spoil. (One writer at a time: `lock.rs`.)

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use circlekeeper::core::event::{Entry, Event};
use circlekeeper::core::person::{PeopleEvent, PersonId, roster_from_names};
use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::{FORMAT, Session};
use circlekeeper::store::file::{load_session, read_session, save_session};
use circlekeeper::store::list::{latest_unfinished, sessions};
use circlekeeper::store::text::{Loaded, session_from_str};
use common::{at, circlekeeper, listing, refused, run, sample_session};
use jiff::{SignedDuration, Timestamp};
use tempfile::TempDir;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// --- private files and backups ---

#[test]
fn saved_sessions_are_private() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("s.ron");
    save_session(&path, &sample_session()).unwrap();
    assert_eq!(mode(&path), 0o600);
    save_session(&path, &sample_session()).unwrap();
    assert_eq!(mode(&path), 0o600, "a rewrite stays private");
}

#[test]
fn run_creates_a_private_sessions_folder() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("fresh").join("data");
    let plan = dir.path().join("plan.ron");
    fs::write(&plan, circlekeeper::commands::start::DEFAULT_PLAN).unwrap();
    let (data_arg, plan_arg) = (data.to_string_lossy(), plan.to_string_lossy());
    let mut tui = common::pty::Tui::spawn(
        dir.path(),
        &["--data-dir", &data_arg, "run", &plan_arg],
        80,
        24,
    );
    tui.wait_text("Ready");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0);
    let folder = data.join("sessions");
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&data), 0o700);
    let files = listing(&folder);
    let session = files
        .iter()
        .find(|n| n.ends_with("-an-evening-circle.ron"))
        .unwrap_or_else(|| panic!("a session file in {files:?}"));
    assert_eq!(mode(&folder.join(session)), 0o600);
    for name in &files {
        assert_eq!(mode(&folder.join(name)), 0o600, "{name}");
    }
    assert_eq!(
        read_session(&folder.join(session)).unwrap().title,
        "An evening circle"
    );
}

#[test]
fn the_backup_holds_the_previous_version() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("s.ron");
    let bak = dir.path().join("s.ron.bak");
    let mut session = sample_session();
    save_session(&path, &session).unwrap();
    assert!(!bak.exists(), "nothing to back up on the first save");
    let first = fs::read(&path).unwrap();

    session.push(at(1000), Event::Run(RunEvent::Pause));
    save_session(&path, &session).unwrap();
    let second = fs::read(&path).unwrap();
    assert_ne!(first, second);
    assert_eq!(fs::read(&bak).unwrap(), first);
    assert_eq!(mode(&bak), 0o600);

    session.push(at(1100), Event::Run(RunEvent::Resume));
    save_session(&path, &session).unwrap();
    assert_eq!(fs::read(&bak).unwrap(), second);
    assert_eq!(read_session(&path).unwrap(), session);
    assert_eq!(
        listing(dir.path()),
        ["s.ron", "s.ron.bak"],
        "no temporary files are left behind"
    );
}

// --- migration ---

const V1: &str = r#"// Written by circlekeeper 0.0
(
    format: 1,
    title: "Old circle",
    started: "2025-03-01T18:30:00Z",
    plan: (
        title: "Old circle",
        segments: [
            (title: "Check-in", kind: CheckIn, time: "20m", per_speaker: "1m"),
            (title: "Open floor", kind: OpenFloor, time: "30m"),
        ],
    ),
    roster: ["Ana", "李雷", "  ", "Noor"],
    events: [
        (at: "2025-03-01T18:31:00Z", event: Run(Start(0))),
        (at: "2025-03-01T18:32:00Z", event: People(Arrived(id: 1, arrived: true))),
        (at: "2025-03-01T18:40:00Z", event: Run(AddTime(segment: 0, by: "5m"))),
        (at: "2025-03-01T18:55:00Z", event: Run(Start(1))),
        (at: "2025-03-01T18:56:00Z", event: Undo(Run)),
    ],
)
"#;

fn v1_expected() -> Session {
    let ts = |s: &str| s.parse::<Timestamp>().unwrap();
    let entry = |t: &str, event| Entry { at: ts(t), event };
    Session {
        format: FORMAT,
        title: "Old circle".into(),
        created: ts("2025-03-01T18:30:00Z"),
        rehearsal: false,
        spread: 0,
        gathering: None,
        plan: Plan::new(
            "Old circle",
            vec![
                Segment {
                    per_speaker: Some(SignedDuration::from_mins(1)),
                    ..Segment::new(
                        "Check-in",
                        SegmentKind::CheckIn,
                        SignedDuration::from_mins(20),
                    )
                },
                Segment::new(
                    "Open floor",
                    SegmentKind::OpenFloor,
                    SignedDuration::from_mins(30),
                ),
            ],
        ),
        roster: roster_from_names(&["Ana", "李雷", "Noor"]),
        events: vec![
            entry(
                "2025-03-01T18:31:00Z",
                Event::Run(RunEvent::Start(SegmentId(0))),
            ),
            entry(
                "2025-03-01T18:32:00Z",
                Event::People(PeopleEvent::Arrived {
                    id: PersonId(1),
                    arrived: true,
                }),
            ),
            entry(
                "2025-03-01T18:40:00Z",
                Event::Run(RunEvent::AddTime {
                    segment: SegmentId(0),
                    by: SignedDuration::from_mins(5),
                }),
            ),
            entry(
                "2025-03-01T18:55:00Z",
                Event::Run(RunEvent::Start(SegmentId(1))),
            ),
            entry(
                "2025-03-01T18:56:00Z",
                Event::Undo(circlekeeper::core::event::Scope::Run),
            ),
        ],
    }
}

#[test]
fn reading_an_old_session_migrates_in_memory_only() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.ron");
    fs::write(&path, V1).unwrap();
    let before = listing(dir.path());
    let session = read_session(&path).unwrap();
    assert_eq!(session, v1_expected());
    assert_eq!(listing(dir.path()), before);
    assert_eq!(fs::read_to_string(&path).unwrap(), V1);
}

#[test]
fn loading_an_old_session_upgrades_the_file_and_keeps_the_original() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.ron");
    fs::write(&path, V1).unwrap();

    let session = load_session(&path).unwrap();
    assert_eq!(session, v1_expected());
    assert_eq!(session.roster[1].name, "李雷");
    assert_eq!(session.roster[1].id, PersonId(1));
    assert_eq!(session.roster[2].seat, 2);

    let kept = dir.path().join("old.ron.v1.bak");
    assert_eq!(fs::read_to_string(&kept).unwrap(), V1);
    assert_eq!(mode(&kept), 0o600);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("format: {FORMAT},")), "{text}");
    match session_from_str(&path, &text).unwrap() {
        Loaded::Current(s) => assert_eq!(s, session),
        other => panic!("still old after migration: {other:?}"),
    }

    // Loading again finds nothing to do.
    let files = listing(dir.path());
    assert_eq!(files, ["old.ron", "old.ron.bak", "old.ron.v1.bak"]);
    assert_eq!(load_session(&path).unwrap(), session);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(listing(dir.path()), files);
}

#[test]
fn a_broken_old_session_is_refused_without_writing() {
    let dir = TempDir::new().unwrap();
    let text = V1.replace(r#"["Ana", "李雷""#, r#"[Ana, "李雷""#);
    let r = refused(dir.path(), "open", "old.ron", text.as_bytes());
    let (line, col) = common::place_of(&text, "Ana");
    r.at(line, col);
}

// --- the session list ---

fn titled(title: &str, created: i64) -> Session {
    let mut plan = circlekeeper::commands::start::default_plan();
    plan.title = title.into();
    Session::new(plan, at(created))
}

/// A sessions folder with a finished and an unfinished session, their
/// backups and lock files, and one corrupt file.
fn sessions_folder(data: &Path) -> std::path::PathBuf {
    let folder = data.join("sessions");
    fs::create_dir_all(&folder).unwrap();
    let mut done = titled("Spring assembly", 0);
    done.push(at(60), Event::Run(RunEvent::Start(SegmentId(0))));
    save_session(&folder.join("spring.ron"), &done).unwrap();
    done.push(at(7000), Event::Closed);
    save_session(&folder.join("spring.ron"), &done).unwrap();

    let mut open = titled("Kreis 🌱 am Dienstag", 10_000);
    open.push(at(10_060), Event::Run(RunEvent::Start(SegmentId(0))));
    save_session(&folder.join("kreis.ron"), &open).unwrap();
    save_session(&folder.join("kreis.ron"), &open).unwrap();
    // A killed circlekeeper leaves a journal it had not folded, and its
    // lock file (a clean exit removes it).
    let mut writer = circlekeeper::store::open::for_writing(&folder.join("kreis.ron")).unwrap();
    writer.push(vec![Entry {
        at: at(10_100),
        event: Event::Run(RunEvent::Pause),
    }]);
    writer.save().unwrap();
    drop(writer);
    fs::write(folder.join(".kreis.ron.lock"), "").unwrap();
    fs::write(folder.join("kreis.ron.v1.bak"), V1).unwrap();

    fs::write(folder.join("broken.ron"), "(\n  format: 2,\n  title: \"Bro").unwrap();
    fs::write(folder.join("notes.txt"), "not a session").unwrap();
    folder
}

#[test]
fn sessions_lists_each_session_once_and_reports_the_broken_one() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let folder = sessions_folder(&data);
    assert!(listing(&folder).iter().any(|n| n.ends_with(".ron.bak")));
    assert!(listing(&folder).iter().any(|n| n.ends_with(".lock")));
    assert!(listing(&folder).iter().any(|n| n.ends_with(".journal")));

    // The data folder comes from CIRCLEKEEPER_DATA_DIR here.
    let (code, stdout, stderr) = run(circlekeeper(dir.path()).arg("sessions"));
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    // Most recently changed first.
    assert!(
        lines[0].contains("  unfinished  Kreis 🌱 am Dienstag  "),
        "{stdout}"
    );
    assert!(lines[0].ends_with(&folder.join("kreis.ron").display().to_string()));
    assert!(
        lines[1].contains("  finished    Spring assembly  "),
        "{stdout}"
    );
    assert!(lines[1].ends_with(&folder.join("spring.ron").display().to_string()));

    let broken = folder.join("broken.ron");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("unreadable: {}:3:10: ", broken.display())),
        "{stderr}"
    );
}

#[test]
fn the_data_dir_flag_wins_over_the_environment() {
    let dir = TempDir::new().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    sessions_folder(&elsewhere);
    let (code, stdout, _) = run(circlekeeper(dir.path())
        .arg("sessions")
        .arg("--data-dir")
        .arg(&elsewhere));
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    let (code, stdout, _) = run(circlekeeper(dir.path()).arg("sessions"));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("No sessions yet in "), "{stdout}");
}

#[test]
fn the_library_listing_agrees() {
    let dir = TempDir::new().unwrap();
    let folder = sessions_folder(dir.path());
    let (found, bad) = sessions(&folder);
    let titles: Vec<(&str, bool)> = found
        .iter()
        .map(|s| (s.title.as_str(), s.finished))
        .collect();
    assert_eq!(
        titles,
        [("Kreis 🌱 am Dienstag", false), ("Spring assembly", true)]
    );
    assert_eq!(found[1].touched, at(7000));
    assert_eq!(found[0].touched, at(10_100), "the journal counts");
    assert_eq!(bad.len(), 1);
    assert_eq!(latest_unfinished(&folder), Some(folder.join("kreis.ron")));
}

#[test]
fn a_session_of_the_previous_format_is_upgraded_when_first_saved() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v2.ron");
    let v2 = circlekeeper::store::text::session_to_string(&sample_session())
        .unwrap()
        .replacen(&format!("format: {FORMAT},"), "format: 2,", 1);
    fs::write(&path, &v2).unwrap();
    // Opening writes nothing: the live run's first frame comes first.
    let mut writer = circlekeeper::store::open::for_writing(&path).unwrap();
    assert_eq!(writer.session(), &sample_session());
    assert_eq!(fs::read_to_string(&path).unwrap(), v2);
    assert_eq!(listing(dir.path()), [".v2.ron.lock", "v2.ron"]);
    writer.save().unwrap();
    drop(writer);
    let kept = dir.path().join("v2.ron.v2.bak");
    assert_eq!(fs::read_to_string(&kept).unwrap(), v2);
    assert_eq!(mode(&kept), 0o600);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("format: {FORMAT},")), "{text}");
    assert_eq!(read_session(&path).unwrap(), sample_session());
    assert_eq!(
        listing(dir.path()),
        ["v2.ron", "v2.ron.bak", "v2.ron.v2.bak"]
    );
}

/// Every file under `dir` is 0600 and every folder 0700.
fn all_private(dir: &Path) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = fs::symlink_metadata(&path).unwrap();
        if meta.is_dir() {
            assert_eq!(mode(&path), 0o700, "{}", path.display());
            all_private(&path);
        } else {
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }
}

#[test]
fn under_umask_000_everything_is_private_and_what_was_open_is_tightened() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let folder = data.join("sessions");
    fs::create_dir_all(&folder).unwrap();
    let open = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    open(&data, 0o755);
    open(&folder, 0o755);
    // A session and its backup copied in readable by everyone.
    let path = folder.join("copied.ron");
    save_session(&path, &sample_session()).unwrap();
    save_session(&path, &sample_session()).unwrap();
    open(&path, 0o644);
    open(&folder.join("copied.ron.bak"), 0o644);

    let path_arg = path.to_string_lossy().into_owned();
    let mut cmd = common::pty::Tui::command(dir.path(), &["open", &path_arg]);
    let wrapper = ["sh", "-c", "umask 000; exec \"$@\"", "sh"].map(std::ffi::OsString::from);
    cmd.get_argv_mut().splice(0..0, wrapper);
    let mut tui = common::pty::Tui::spawn_command(cmd, 100, 30);
    tui.wait_text("RUNNING");
    tui.send("w");
    tui.wait_text("New note");
    tui.send("Ana brings news, kept close");
    tui.send("\x13");
    tui.wait_text("note saved");
    let journal = folder.join("copied.ron.journal");
    assert!(common::pty::file_has(&path, "Ana brings news"));
    assert_eq!(mode(&journal), 0o600);
    tui.send("5h");
    tui.wait_text("harvest written:");
    tui.send("q");
    assert_eq!(tui.wait_exit(10), 0, "{}", tui.screen());
    assert_eq!(mode(&data), 0o700);
    all_private(&data);
    let names = listing(&folder);
    assert!(
        names.contains(&"copied.harvest.md".to_string()),
        "{names:?}"
    );
    assert!(names.contains(&"copied.ron.bak".to_string()), "{names:?}");
}
