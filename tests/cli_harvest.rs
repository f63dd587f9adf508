//! `circlekeeper harvest` on session files written by the store, and the
//! harvest file written beside a session.

mod conflict_evening;
mod harvest_example;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use circlekeeper::core::harvest::{Format, Harvest};
use circlekeeper::store::file::save_session;
use circlekeeper::store::harvest::{export_path, write_harvest};

fn circlekeeper(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_circlekeeper"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .unwrap()
}

fn expected(anonymize: bool) -> Harvest {
    harvest_example::harvest(anonymize, false)
}

#[test]
fn prints_the_harvest_in_either_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("assembly.ron");
    save_session(&path, &harvest_example::session()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let p = path.to_str().unwrap();

    let out = circlekeeper(dir.path(), &["harvest", p]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert_eq!(md, expected(false).to_markdown());
    assert!(md.contains("We meet again on the first Monday of each month."));
    for secret in harvest_example::CIRCLE_ONLY {
        assert!(!md.contains(secret));
    }

    let out = circlekeeper(
        dir.path(),
        &["harvest", p, "--format", "ron", "--anonymize"],
    );
    assert!(out.status.success());
    let back: Harvest = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(std::str::from_utf8(&out.stdout).unwrap())
        .unwrap();
    assert_eq!(back, expected(true));
    assert!(back.took_part.is_empty());

    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "harvest never writes"
    );
}

#[test]
fn a_bad_session_file_is_named_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(\n  format: 2,\n  title: oops,\n)\n").unwrap();
    let out = circlekeeper(dir.path(), &["harvest", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("{}:3:", path.display())),
        "no line and column in {err:?}"
    );

    let missing = dir.path().join("missing.ron");
    let out = circlekeeper(dir.path(), &["harvest", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.ron"));
}

#[test]
fn written_harvests_are_private_and_not_taken_for_sessions() {
    let data = tempfile::tempdir().unwrap();
    let sessions = data.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    let path = sessions.join("2026-11-23-1830-assembly.ron");
    save_session(&path, &harvest_example::session()).unwrap();
    let harvest = expected(false);
    for format in [Format::Markdown, Format::Ron] {
        let written = write_harvest(&path, &harvest, format).unwrap();
        assert_eq!(written, export_path(&path, format));
        assert_eq!(
            std::fs::read_to_string(&written).unwrap(),
            harvest.render(format).unwrap()
        );
        let mode = std::fs::metadata(&written).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(
        sessions
            .join("2026-11-23-1830-assembly.harvest.md")
            .exists()
    );
    let out = circlekeeper(data.path(), &["sessions"]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn airtime_from_a_round_is_in_the_harvest() {
    use circlekeeper::core::event::{Entry, Event};
    use circlekeeper::core::person::PersonId;
    use circlekeeper::core::round::{Direction, RoundEvent};
    use circlekeeper::core::run::{RunEvent, SegmentId};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round.ron");
    let mut session = harvest_example::session();
    let last = session.events.last().unwrap().at;
    let at = |secs: i64| {
        last.checked_add(jiff::SignedDuration::from_secs(secs))
            .unwrap()
    };
    let mut push = |secs, event| {
        session.events.push(Entry {
            at: at(secs),
            event,
        })
    };
    push(1, Event::Run(RunEvent::Start(SegmentId(1))));
    push(
        2,
        Event::Round(RoundEvent::Start {
            first: PersonId(1),
            direction: Direction::Clockwise,
        }),
    );
    push(2, Event::Round(RoundEvent::Next));
    push(92, Event::Round(RoundEvent::Next));
    push(122, Event::Round(RoundEvent::End));
    save_session(&path, &session).unwrap();
    let out = circlekeeper(dir.path(), &["harvest", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## Airtime"), "{md}");
    assert!(md.contains("| Kim |"), "{md}");
}

#[test]
fn check_lists_every_name_and_the_consent_each_shared_note_rests_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evening.ron");
    save_session(&path, &conflict_evening::session()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let p = path.to_str().unwrap();

    let out = circlekeeper(dir.path(), &["harvest", p, "--check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Privacy check of the harvest (Markdown, names as written)"));
    assert!(
        text.contains("(header): Jo, Priya | - Took part (10 people): Jo, Priya, and 8 not named"),
        "{text}"
    );
    assert!(
        text.contains("(Follow-ups): Jo, Priya | - Jo with Priya, by 2026-12-18"),
        "{text}"
    );
    assert!(
        text.contains(
            "Notes: \"Both felt the booking system failed them, not each other.\" \
             (in a confidential conversation, 1h 5m): the consent of 10 of 10 present, \
             the last given 2026-12-04 19:31"
        ),
        "{text}"
    );
    assert!(
        text.contains("the consent of 2 of 2 voices of the conversation"),
        "{text}"
    );
    assert!(
        text.contains("Kept in the circle, not shared: 5 notes."),
        "{text}"
    );
    assert!(
        text.contains("Not named without their consent: 8 people."),
        "{text}"
    );
    for name in ["Ana", "Idris", "Tomás"] {
        assert!(!text.contains(name), "{name} in the check:\n{text}");
    }

    let out = circlekeeper(
        dir.path(),
        &["harvest", p, "--check", "--anonymize", "--format", "ron"],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Privacy check of the harvest (RON, anonymized)"),
        "{text}"
    );
    assert!(
        text.contains("No one's name stands in what would be shared."),
        "{text}"
    );
    assert!(
        text.contains("Shared from the circle, and the consent each rests on (4):"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "checking never writes"
    );
}
