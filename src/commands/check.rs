//! `circlekeeper check`: validate plans like a compiler would.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::store::file::load_plan;

pub fn check(plans: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in plans {
        match load_plan(path) {
            Ok(plan) => println!(
                "{}: ok: '{}', {} segments, {}",
                path.display(),
                plan.title,
                plan.segments.len(),
                crate::core::duration::friendly(plan.total())
            ),
            Err(e) => {
                failed = true;
                eprintln!("error: {e}");
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
