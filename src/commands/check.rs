//! `circlekeeper check`: validate plans and give advice, like a compiler.
//!
//! Errors (a plan that cannot run) go to stderr; warnings, notes from
//! earlier sessions and one summary line per file go to stdout. With
//! `--message-format json`, each error, warning and note is one line of
//! JSON on stdout instead, and no summary:
//!
//! ```text
//! plan.ron:42: warning[CK002]: segment 3 'Check-in': 24 x 1m + 24 x 10s = 28m, box is 20m
//!     = help: give it 28m, or at most 40s per speaker
//! plan.ron:42: note: segment 3 'Check-in': check-ins ran 1.4x their time box in 3 earlier sessions
//! plan.ron: 1 warning ('An evening', 7 segments, 2h)
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::Format;
use crate::core::checks::{Finding, check_plan, head_count};
use crate::core::duration::friendly;
use crate::core::history::{History, learn};
use crate::core::plan::Plan;
use crate::store::StoreError;
use crate::store::input::{Input, read_text};
use crate::store::list::real_sessions;
use crate::store::locate::{first_column, segment_line, segment_lines};
use crate::store::paths::Dirs;
use crate::store::text::plan_from_str;

/// One error, warning or note. `--message-format json` prints each as one
/// line of JSON, the way cargo does, for editors and scripts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The plan as it was named on the command line.
    pub file: String,
    /// 1-based; `None` when it is about the whole file.
    pub line: Option<usize>,
    /// 1-based, counting characters.
    pub column: Option<usize>,
    /// "error", "warning" or "note".
    pub severity: &'static str,
    /// A warning's stable code, e.g. "CK002".
    pub code: Option<&'static str>,
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// `plan.ron:42: warning[CK002]: ...` and, below it, `= help: ...`.
    fn human(&self) -> String {
        let at = self.line.map_or(String::new(), |l| format!(":{l}"));
        let code = self.code.map_or(String::new(), |c| format!("[{c}]"));
        let mut out = format!(
            "{}{at}: {}{code}: {}\n",
            self.file, self.severity, self.message
        );
        if let Some(help) = &self.help {
            out += &format!("    = help: {help}\n");
        }
        out
    }
}

/// Exit 1 when any plan has errors, or warnings under `deny_warnings`.
pub fn check(
    dirs: &Dirs,
    plans: &[PathBuf],
    people: Option<u32>,
    deny_warnings: bool,
    format: Format,
) -> ExitCode {
    let history = learn(&real_sessions(&dirs.sessions()));
    let mut failed = false;
    let mut warned = false;
    for path in plans {
        let name = path.display().to_string();
        let (text, plan) = match read_text(path, Input::Plan) {
            Ok(text) => {
                let plan = plan_from_str(path, &text);
                (Some(text), plan)
            }
            Err(e) => (None, Err(e)),
        };
        match plan {
            Ok(plan) => {
                let text = text.as_deref().unwrap_or_default();
                let findings = check_plan(&plan, people);
                warned |= !findings.is_empty();
                let unknown = head_count(&plan, people).is_none();
                let found = diagnostics(&name, text, &plan, &findings, &history, unknown);
                match format {
                    Format::Human => {
                        print!("{}{}", human(&found), summary(&name, &plan, &findings))
                    }
                    Format::Json => print_lines(&found),
                }
            }
            Err(e) => {
                failed = true;
                match format {
                    Format::Human => eprintln!("error: {e}"),
                    Format::Json => print_lines(&errors(&name, text.as_deref(), &e)),
                }
            }
        }
    }
    if failed || (warned && deny_warnings) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn human(found: &[Diagnostic]) -> String {
    found.iter().map(Diagnostic::human).collect()
}

fn print_lines(found: &[Diagnostic]) {
    for d in found {
        // Strings and numbers only: serializing cannot fail.
        println!("{}", serde_json::to_string(d).unwrap_or_default());
    }
}

/// What `check` finds in one readable plan: segment by segment its
/// warnings then its history note, then plan-wide warnings, then whether
/// round arithmetic could be checked at all.
pub fn diagnostics(
    name: &str,
    text: &str,
    plan: &Plan,
    findings: &[Finding],
    history: &History,
    head_count_unknown: bool,
) -> Vec<Diagnostic> {
    let at = |line: Option<usize>| Diagnostic {
        file: name.to_string(),
        line,
        column: line.and_then(|l| first_column(text, l)),
        severity: "note",
        code: None,
        message: String::new(),
        help: None,
    };
    let warning = |line: Option<usize>, f: &Finding| {
        let headline = f.headline(plan);
        let prefix = format!("{}[{}]: ", f.severity.label(), f.code);
        Diagnostic {
            severity: f.severity.label(),
            code: Some(f.code),
            message: headline
                .strip_prefix(&prefix)
                .unwrap_or(&headline)
                .to_string(),
            help: Some(f.suggestion.clone()),
            ..at(line)
        }
    };
    let mut out = Vec::new();
    let lines = segment_lines(text, plan.segments.iter().map(|s| s.title.as_str()));
    for (i, s) in plan.segments.iter().enumerate() {
        let line = lines[i];
        for f in findings.iter().filter(|f| f.segment == Some(i)) {
            out.push(warning(line, f));
        }
        if let Some(note) = history.note(s) {
            out.push(Diagnostic {
                message: format!("segment {} '{}': {note}", i + 1, s.title),
                ..at(line)
            });
        }
    }
    for f in findings.iter().filter(|f| f.segment.is_none()) {
        out.push(warning(None, f));
    }
    if let Some(learned) = history.summary() {
        out.push(Diagnostic {
            message: format!("history: {learned} in the data folder"),
            ..at(None)
        });
    }
    let rounds = plan
        .segments
        .iter()
        .any(|s| s.kind.is_round() && s.per_speaker.is_some());
    if head_count_unknown && rounds {
        out.push(Diagnostic {
            message: "round arithmetic not checked: head count unknown \
                      (pass --people N, or set `people:` in the plan)"
                .into(),
            ..at(None)
        });
    }
    out
}

/// `plan.ron: 1 warning ('An evening', 7 segments, 2h)`.
fn summary(name: &str, plan: &Plan, findings: &[Finding]) -> String {
    let verdict = match findings.len() {
        0 => "ok".to_string(),
        1 => "1 warning".to_string(),
        n => format!("{n} warnings"),
    };
    format!(
        "{name}: {verdict} ('{}', {} segments, {})\n",
        plan.title,
        plan.segments.len(),
        friendly(plan.total())
    )
}

/// Why a plan cannot be checked, one diagnostic per problem, each pointed
/// at its segment when the text shows where that is.
pub fn errors(name: &str, text: Option<&str>, e: &StoreError) -> Vec<Diagnostic> {
    let error = |line: Option<usize>, column: Option<usize>, message: String| Diagnostic {
        file: name.to_string(),
        line,
        column,
        severity: "error",
        code: None,
        message,
        help: None,
    };
    match e {
        StoreError::Syntax {
            line, col, message, ..
        } => vec![error(Some(*line), Some(*col), message.clone())],
        StoreError::Invalid { problems, .. } => problems
            .iter()
            .map(|p| {
                if let Some((line, col)) = p.at {
                    return error(Some(line), Some(col), p.to_string());
                }
                let line = match (&p.segment, text) {
                    (Some((n, title)), Some(text)) => segment_line(text, n - 1, title),
                    _ => None,
                };
                let column = line.zip(text).and_then(|(l, t)| first_column(t, l));
                error(line, column, p.to_string())
            })
            .collect(),
        StoreError::Io { source, .. } => vec![error(None, None, source.to_string())],
        other => {
            let whole = other.to_string();
            let message = whole.strip_prefix(&format!("{name}: ")).unwrap_or(&whole);
            vec![error(None, None, message.to_string())]
        }
    }
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
        plan_from_str(std::path::Path::new("p.ron"), PLAN).unwrap()
    }

    #[test]
    fn warnings_point_at_the_segments_line_with_help_below() {
        let plan = plan();
        let findings = check_plan(&plan, Some(24));
        let found = diagnostics("p.ron", PLAN, &plan, &findings, &History::default(), false);
        let out = human(&found) + &summary("p.ron", &plan, &findings);
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
        let found = diagnostics("p.ron", PLAN, &plan, &[], &History::default(), true);
        let out = human(&found) + &summary("p.ron", &plan, &[]);
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
