//! `circlekeeper runsheet`: a plan as a printable Markdown page.

use std::path::Path;
use std::process::ExitCode;

use jiff::civil::Time;

use crate::core::runsheet::render;
use crate::store::file::load_plan;

pub fn print(plan: &Path, start: Option<Time>, people: Option<u32>) -> Result<ExitCode, String> {
    let plan = load_plan(plan).map_err(|e| e.to_string())?;
    print!("{}", render(&plan, start, people));
    Ok(ExitCode::SUCCESS)
}
