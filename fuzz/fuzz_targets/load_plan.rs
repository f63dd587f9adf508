//! Any bytes given as a plan: a plan, or an error naming the file; never a
//! panic.
#![no_main]

use std::path::Path;

use circlekeeper::store::text::{decode, plan_from_str};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    let result = decode(path, data).and_then(|text| plan_from_str(path, text));
    if let Err(e) = result {
        assert!(e.to_string().starts_with("fuzz.ron:"), "{e}");
    }
});
