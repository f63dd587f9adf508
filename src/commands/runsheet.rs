//! `circlekeeper runsheet`: a plan as a printable Markdown page.

use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::Result;
use jiff::civil::Time;

use super::start::one_day;
use crate::core::runsheet::render;
use crate::store::file::load_plan;

pub fn print(
    plan: &Path,
    start: Option<Time>,
    people: Option<u32>,
    day: Option<&str>,
) -> Result<ExitCode> {
    let plan = one_day(load_plan(plan)?, day)?;
    print!("{}", render(&plan, start, people));
    Ok(ExitCode::SUCCESS)
}
