//! The defaults embedded in the binary, in one place: the key bindings, the
//! activity library and the plan used when none is given. Each is parsed
//! where its kind of file is read (`tui::keymap::Keymap::defaults`,
//! `store::library::builtin`, `commands::start::default_plan`) and checked
//! by the test suite, so loading one cannot fail.

/// `assets/keymap.ron`: the default key bindings.
pub const KEYMAP: &str = include_str!("../assets/keymap.ron");
/// `assets/library.ron`: the built-in activities and prompts.
pub const LIBRARY: &str = include_str!("../assets/library.ron");
/// `assets/default-plan.ron`: the plan when none is given.
pub const DEFAULT_PLAN: &str = include_str!("../assets/default-plan.ron");
