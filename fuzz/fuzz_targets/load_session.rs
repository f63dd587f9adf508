//! Any bytes given as a session: a session that replays, or an error naming
//! the file; never a panic.
#![no_main]

use std::path::Path;

use circlekeeper::core::state::State;
use circlekeeper::store::text::{Loaded, decode, session_from_str};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    match decode(path, data).and_then(|text| session_from_str(path, text)) {
        Ok(Loaded::Current(session) | Loaded::Migrated { session, .. }) => {
            let _ = State::replay(&session);
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.ron:"), "{e}"),
    }
});
