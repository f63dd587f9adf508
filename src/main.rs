//! circlekeeper's entry point: parse the command line and dispatch.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // color-eyre's panic report only. Its error hook would capture and
    // resolve a backtrace for every error when RUST_BACKTRACE is set (seconds,
    // in a debug build), and an error here is only ever printed as its message.
    let (panic_hook, _) = color_eyre::config::HookBuilder::default().into_hooks();
    panic_hook.install();
    let cli = circlekeeper::cli::Cli::parse();
    match circlekeeper::commands::dispatch(cli) {
        Ok(code) => code,
        // The message alone (`{}`, not the chain of causes): each already
        // names its file and cause, in the words the user reads.
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
