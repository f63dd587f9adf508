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
