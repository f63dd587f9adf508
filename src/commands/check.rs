//! `circlekeeper check`: validate plans and give advice, like a compiler.
//!
//! Errors (a plan that cannot run) go to stderr; warnings, notes from
//! earlier sessions and one summary line per file go to stdout:
//!
//! ```text
//! plan.ron:42: warning[CK002]: segment 3 'Check-in': 24 x 1m + 24 x 10s = 28m, box is 20m
//!     = help: give it 28m, or at most 40s per speaker
//! plan.ron:42: note: segment 3 'Check-in': check-ins ran 1.4x their time box in 3 earlier sessions
//! plan.ron: 1 warning ('An evening', 7 segments, 2h)
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::checks::{Finding, check_plan, head_count};
use crate::core::duration::friendly;
use crate::core::history::{History, learn};
use crate::core::plan::Plan;
use crate::store::StoreError;
use crate::store::input::{Input, read_text};
use crate::store::list::real_sessions;
use crate::store::locate::segment_lines;
use crate::store::paths::Dirs;
use crate::store::text::plan_from_str;

/// Exit 1 when any plan has errors, or warnings under `deny_warnings`.
pub fn check(dirs: &Dirs, plans: &[PathBuf], people: Option<u32>, deny_warnings: bool) -> ExitCode {
    let history = learn(&real_sessions(&dirs.sessions()));
    let mut failed = false;
    let mut warned = false;
    for path in plans {
        match read_plan(path) {
            Ok((text, plan)) => {
                let findings = check_plan(&plan, people);
                warned |= !findings.is_empty();
                let unknown = head_count(&plan, people).is_none();
                let name = path.display().to_string();
                print!(
                    "{}",
                    report(&name, &text, &plan, &findings, &history, unknown)
                );
            }
            Err(e) => {
                failed = true;
                eprintln!("error: {e}");
            }
        }
    }
    if failed || (warned && deny_warnings) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The plan and its text, which is kept to point findings at lines.
fn read_plan(path: &Path) -> Result<(String, Plan), StoreError> {
    let text = read_text(path, Input::Plan)?;
    let plan = plan_from_str(path, &text)?;
    Ok((text, plan))
}

/// Everything `check` prints for one readable plan: segment by segment its
/// warnings then its history note, then plan-wide warnings, then a summary.
pub fn report(
    name: &str,
    text: &str,
    plan: &Plan,
    findings: &[Finding],
    history: &History,
    head_count_unknown: bool,
) -> String {
    let mut out = String::new();
    let lines = segment_lines(text, plan.segments.iter().map(|s| s.title.as_str()));
    for (i, s) in plan.segments.iter().enumerate() {
        let at = lines[i].map_or(String::new(), |l| format!(":{l}"));
        for f in findings.iter().filter(|f| f.segment == Some(i)) {
            out += &format!(
                "{name}{at}: {}\n    = help: {}\n",
                f.headline(plan),
                f.suggestion
            );
        }
        if let Some(note) = history.note(s) {
            out += &format!(
                "{name}{at}: note: segment {} '{}': {note}\n",
                i + 1,
                s.title
            );
        }
    }
    for f in findings.iter().filter(|f| f.segment.is_none()) {
        out += &format!(
            "{name}: {}\n    = help: {}\n",
            f.headline(plan),
            f.suggestion
        );
    }
    let rounds = plan
        .segments
        .iter()
        .any(|s| s.kind.is_round() && s.per_speaker.is_some());
    if head_count_unknown && rounds {
        out += &format!(
            "{name}: note: round arithmetic not checked: head count unknown \
             (pass --people N, or set `people:` in the plan)\n"
        );
    }
    let verdict = match findings.len() {
        0 => "ok".to_string(),
        1 => "1 warning".to_string(),
        n => format!("{n} warnings"),
    };
    out += &format!(
        "{name}: {verdict} ('{}', {} segments, {})\n",
        plan.title,
        plan.segments.len(),
        friendly(plan.total())
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"(
    title: "Evening",
    segments: [
        // Connection first (really).
        (title: "Check-in", kind: CheckIn, time: "20m", per_speaker: "1m"),
        (
            title: "Closing",
            kind: ClosingRound,
            time: "5m",
        ),
    ],
)"#;

    fn plan() -> Plan {
        plan_from_str(Path::new("p.ron"), PLAN).unwrap()
    }

    #[test]
    fn warnings_point_at_the_segments_line_with_help_below() {
        let plan = plan();
        let findings = check_plan(&plan, Some(24));
        let out = report("p.ron", PLAN, &plan, &findings, &History::default(), false);
        assert_eq!(
            out,
            "p.ron:5: warning[CK002]: segment 1 'Check-in': 24 x 1m + 24 x 10s = 28m, box is 20m \
             (10s between speakers assumed)\n    \
             = help: give it 28m, or at most 40s per speaker\n\
             p.ron: 1 warning ('Evening', 2 segments, 25m)\n"
        );
    }

    #[test]
    fn an_unknown_head_count_is_said_once() {
        let plan = plan();
        let out = report("p.ron", PLAN, &plan, &[], &History::default(), true);
        assert!(
            out.contains("p.ron: note: round arithmetic not checked"),
            "{out}"
        );
        assert!(
            out.ends_with("p.ron: ok ('Evening', 2 segments, 25m)\n"),
            "{out}"
        );
    }
}
