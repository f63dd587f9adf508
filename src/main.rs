//! circlekeeper's entry point: parse the command line and dispatch.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let _ = color_eyre::install();
    let cli = circlekeeper::cli::Cli::parse();
    match circlekeeper::commands::dispatch(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
