//! `circlekeeper run PLAN --roster FILE` seats a sign-up list in the new session.

mod common;

use std::path::{Path, PathBuf};

use circlekeeper::store::file::read_session;

const PLAN: &str = r#"(
    title: "Tuesday circle",
    roster: ["Ana"],
    segments: [(title: "Check-in", kind: CheckIn, time: "20m", per_speaker: "1m")],
)"#;

/// Starts the session in a terminal and quits at once; the exit code.
fn run(dir: &Path, roster: &str) -> u32 {
    std::fs::write(dir.join("plan.ron"), PLAN).unwrap();
    std::fs::write(dir.join("names.csv"), roster).unwrap();
    let mut tui =
        common::pty::Tui::spawn(dir, &["run", "plan.ron", "--roster", "names.csv"], 80, 24);
    tui.wait_text("Ready");
    tui.send("q");
    tui.wait_exit(10)
}

fn session_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join("data").join("sessions")) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect()
}

#[test]
fn the_sign_up_list_lands_in_the_session_after_the_plan_roster() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        "Email,Name,Pronouns\n\
         a@x.org,\"Silva, Bea\",she/her\n\
         \n\
         c@x.org,  Cy ,\n\
         d@x.org,ana,they/them\n\
         e@x.org,李雷,\n\
         f@x.org,cy,\n",
    );
    assert_eq!(out, 0);
    let files = session_files(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let session = read_session(&files[0]).unwrap();
    let seated: Vec<(&str, Option<&str>, u32)> = session
        .roster
        .iter()
        .map(|p| (p.name.as_str(), p.pronouns.as_deref(), p.seat))
        .collect();
    assert_eq!(
        seated,
        [
            ("Ana", None, 0),
            ("Silva, Bea", Some("she/her"), 1),
            ("Cy", None, 2),
            ("李雷", None, 3),
        ]
    );
}

#[test]
fn a_broken_list_names_file_and_line_and_starts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.ron"), PLAN).unwrap();
    std::fs::write(dir.path().join("names.csv"), "name\nBea\n\"Cy\n").unwrap();
    let out = common::circlekeeper(dir.path())
        .args(["run", "plan.ron", "--roster", "names.csv"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("names.csv:3: a quote opened here is never closed"),
        "{err}"
    );
    assert!(session_files(dir.path()).is_empty());
}
