//! `circlekeeper runsheet`: a plan as a printable Markdown page.

use std::path::Path;
use std::process::ExitCode;

use jiff::civil::Time;

use super::start::one_day;
use crate::core::runsheet::render;
use crate::store::file::load_plan;

pub fn print(
    plan: &Path,
    start: Option<Time>,
    people: Option<u32>,
    day: Option<&str>,
) -> Result<ExitCode, String> {
    let plan = one_day(load_plan(plan).map_err(|e| e.to_string())?, day)?;
    print!("{}", render(&plan, start, people));
    Ok(ExitCode::SUCCESS)
}
