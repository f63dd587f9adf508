//! `circlekeeper runsheet`: the printed page, checked against a golden file.

use std::process::Command;

fn runsheet(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_circlekeeper"))
        .arg("runsheet")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn the_default_plan_at_half_past_six() {
    let out = runsheet(&["assets/default-plan.ron", "--start", "18:30"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn a_bad_start_or_a_missing_plan_is_refused() {
    let out = runsheet(&["assets/default-plan.ron", "--start", "25:00"]);
    assert_eq!(out.status.code(), Some(2));
    let out = runsheet(&["no-such-plan.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-plan.ron"));
}

#[test]
fn a_gathering_of_three_days_prints_a_page_per_day() {
    let out = runsheet(&["examples/three-day-gathering.ron"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn start_moves_the_first_day_only() {
    let out = runsheet(&["examples/three-day-gathering.ron", "--start", "18:30"]);
    let sheet = String::from_utf8(out.stdout).unwrap();
    assert!(
        sheet.contains("| Friday | Fri 2026-06-12 | 18:30 to 00:00 | 5h 30m |"),
        "{sheet}"
    );
    assert!(
        sheet.contains("| Saturday | Sat 2026-06-13 | 09:00 to 19:40 | 10h 40m |"),
        "{sheet}"
    );
    assert!(
        sheet.contains("## 09:00 9. Saturday: morning check-in"),
        "{sheet}"
    );
    // One day on its own.
    let out = runsheet(&["examples/three-day-gathering.ron", "--day", "Saturday"]);
    let sheet = String::from_utf8(out.stdout).unwrap();
    assert!(
        sheet.starts_with("# Spaces in common: a weekend gathering · Saturday\n"),
        "{sheet}"
    );
    assert!(
        sheet.contains("| 12:00 (fixed) | 1h 10m | Lunch | break |"),
        "{sheet}"
    );
    assert!(!sheet.contains("page-break"), "{sheet}");
}
