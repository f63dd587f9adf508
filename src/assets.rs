//! The defaults embedded in the binary, read from one place: the key
//! bindings, the activity library and the plan used when none is given.
//! Each is checked by the test suite, so loading them cannot fail.

use std::path::Path;

use crate::core::library::Library;
use crate::core::plan::Plan;
use crate::store::library::library_from_str;
use crate::store::text::plan_from_str;
use crate::tui::keymap::Keymap;

/// `assets/keymap.ron`: the default key bindings.
pub const KEYMAP: &str = include_str!("../assets/keymap.ron");
/// `assets/library.ron`: the built-in activities and prompts.
pub const LIBRARY: &str = include_str!("../assets/library.ron");
/// `assets/default-plan.ron`: the plan when none is given.
pub const DEFAULT_PLAN: &str = include_str!("../assets/default-plan.ron");

/// The default key bindings.
pub fn keymap() -> Keymap {
    Keymap::from_text(Path::new("assets/keymap.ron"), KEYMAP)
        .expect("the embedded keymap is checked by the test suite")
}

/// The built-in activity library.
pub fn library() -> Library {
    library_from_str(Path::new("assets/library.ron"), LIBRARY)
        .expect("the embedded library is checked by the test suite")
}

/// The plan used when none is given, so the app is useful with no files.
pub fn default_plan() -> Plan {
    plan_from_str(Path::new("assets/default-plan.ron"), DEFAULT_PLAN)
        .expect("the embedded default plan is checked by the test suite")
}
