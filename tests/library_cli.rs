//! `circlekeeper library` as a facilitator runs it, with the config folder
//! pointed at a temporary one.

use std::path::Path;
use std::process::{Command, Output};

fn library(config: &Path, args: &[&str]) -> Output {
    let data = config.join("data");
    Command::new(env!("CARGO_BIN_EXE_circlekeeper"))
        .arg("library")
        .args(args)
        .env("CIRCLEKEEPER_CONFIG_DIR", config)
        .env("CIRCLEKEEPER_DATA_DIR", &data)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn lists_every_activity_with_kind_time_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let out = library(dir.path(), &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let trust = stdout
        .lines()
        .find(|l| l.starts_with("trust-walk "))
        .expect("trust-walk is listed");
    for part in [
        "icebreaker sequence",
        "Trust walk with a shared sensory map",
        "45m",
        "pairs → whole group",
    ] {
        assert!(trust.contains(part), "{trust:?} lacks {part:?}");
    }
    let check_in = stdout
        .lines()
        .find(|l| l.starts_with("check-in-round "))
        .unwrap();
    assert!(check_in.contains("1m each"), "{check_in:?}");
    let rows = stdout.lines().take_while(|l| !l.is_empty()).count();
    assert!(rows >= 16, "{stdout}");
}

#[test]
fn shows_one_activity_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let out = library(dir.path(), &["show", "anti-retreat"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for part in [
        "The anti-retreat conversation",
        "Step 1. Agreements and intentions (whole group, intimacy 2, 10m)",
        "Step 4. What is mine to take on",
        "  say:   ",
        "  do:    ",
        "  watch: ",
        "Materials:",
        "Variations:",
        "Consent notes:",
        "Agreements:",
    ] {
        assert!(stdout.contains(part), "missing {part:?} in\n{stdout}");
    }
}

#[test]
fn prints_the_prompt_pools() {
    let dir = tempfile::tempdir().unwrap();
    let out = library(dir.path(), &["prompts"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Check-in prompts:\n   1. "), "{stdout}");
    assert!(stdout.contains("Check-out prompts:"), "{stdout}");
}

#[test]
fn an_unknown_id_fails_and_suggests_close_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = library(dir.path(), &["show", "trustwalk"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no activity 'trustwalk'"), "{stderr}");
    assert!(stderr.contains("trust-walk"), "{stderr}");
    assert!(text(&out.stdout).is_empty());
}

#[test]
fn a_user_library_overrides_an_activity_by_id() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("library.ron"),
        r#"(
            activities: [
                (
                    id: "break",
                    kind: Break,
                    title: "Soup break",
                    purpose: "Our cook makes soup.",
                    steps: [(title: "Soup", format: WholeGroup, intimacy: 1, time: "40m")],
                ),
            ],
        )"#,
    )
    .unwrap();
    let listed = text(&library(dir.path(), &[]).stdout);
    let row = listed.lines().find(|l| l.starts_with("break ")).unwrap();
    assert!(row.contains("Soup break") && row.contains("40m"), "{row:?}");
    assert_eq!(
        listed.lines().filter(|l| l.starts_with("break ")).count(),
        1
    );
    assert!(listed.contains("library.ron"), "{listed}");

    let shown = text(&library(dir.path(), &["show", "break"]).stdout);
    assert!(shown.contains("Our cook makes soup."), "{shown}");
}

#[test]
fn a_broken_user_library_names_the_place_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.ron");
    std::fs::write(
        &path,
        "(\n    activities: [\n        (id: \"x\",, ),\n    ],\n)\n",
    )
    .unwrap();
    let out = library(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:3:", path.display())),
        "{stderr}"
    );
    assert!(text(&out.stdout).is_empty());
}

#[test]
fn each_decision_method_has_an_activity_that_states_its_rule() {
    let dir = tempfile::tempdir().unwrap();
    for (id, rule) in [
        ("consensus-decision", "One block stops adoption."),
        ("consent-round", "is there a reasoned objection"),
        ("fist-to-five", "adopted when everyone shows 3 or more"),
        ("gradients-of-agreement", "A veto stops it"),
    ] {
        let out = library(dir.path(), &["show", id]);
        assert!(out.status.success(), "{id}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let line = stdout
            .lines()
            .find(|l| l.starts_with("Rule: "))
            .unwrap_or_else(|| panic!("{id} states no rule:\n{stdout}"));
        assert!(line.contains(rule), "{id}: {line}");
        assert!(stdout.contains("Variations:"), "{id} has variations");
    }
}
