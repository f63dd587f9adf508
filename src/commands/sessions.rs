//! `circlekeeper sessions`: what is in the data folder.

use std::process::ExitCode;

use jiff::tz::TimeZone;

use crate::store::list::sessions;
use crate::store::paths::Dirs;

pub fn list(dirs: &Dirs) -> ExitCode {
    let dir = dirs.sessions();
    let (mut found, bad) = sessions(&dir);
    // Shown newest first by the date each began, the date printed.
    found.sort_by_key(|s| std::cmp::Reverse(s.created));
    if found.is_empty() && bad.is_empty() {
        println!("No sessions yet in {}", dir.display());
    }
    let tz = TimeZone::system();
    for s in &found {
        println!(
            "{}  {:<10}  {}  {}",
            s.created.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M"),
            if s.finished { "finished" } else { "unfinished" },
            s.title,
            s.path.display()
        );
    }
    for e in &bad {
        eprintln!("unreadable: {e}");
    }
    ExitCode::SUCCESS
}
