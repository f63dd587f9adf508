//! Any bytes given as the journal of a session: the events it adds, or an
//! error naming the journal; never a panic.
#![no_main]

use std::path::Path;

use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use circlekeeper::store::journal::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let plan = circlekeeper::commands::start::default_plan();
    let mut session = Session::new(plan, "2026-11-23T18:30:00Z".parse().unwrap());
    let path = Path::new("fuzz.ron.journal");
    match parse(path, data, &session, Path::new("fuzz.ron")) {
        Ok(found) => {
            session.events.extend(found.entries);
            let _ = State::replay(&session);
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.ron.journal:"), "{e}"),
    }
});
