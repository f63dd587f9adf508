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
fn a_long_string_loads_and_errors_after_it_point_at_the_right_column() {
    let dir = TempDir::new().unwrap();
    let big = "é".repeat(3_000_000);
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
    assert!(col > 3_000_000);
    refused(dir.path(), "check", "big.ron", text.as_bytes()).at(line, col);

    // (Past 16 MiB a plan is not read at all: see `bad_inputs.rs`.)

    // A session may be far bigger: one holding a 50 MB string, read
    // without the binary.
    let mut session = sample_session();
    session.plan.segments[0].purpose = Some("é".repeat(25_000_000));
    let path = dir.path().join("big-session.ron");
    std::fs::write(&path, session_to_string(&session).unwrap()).unwrap();
    assert_eq!(read_session(&path).unwrap(), session);
}

#[test]
fn an_enormous_token_is_never_echoed_whole() {
    let dir = TempDir::new().unwrap();
    let huge = "A".repeat(300_000);
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
        r.says(&format!("{}… (300000 bytes)", "A".repeat(80)));
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
