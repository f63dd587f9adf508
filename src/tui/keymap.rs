//! Key bindings as data: `assets/keymap.ron` holds the defaults; a user's
//! `keymap.ron` in the config folder overrides only the keys it names. The
//! help overlay and the hint bar are generated from the same map.

mod grammar;

pub use grammar::{Clash, EXCEPTIONS, MEANINGS};

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Action;
use crate::store::StoreError;
use crate::store::text::options;

/// Where bindings apply: everywhere, or on one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    Global,
    Plan,
    Live,
    Round,
    Stack,
    Notes,
    People,
    /// The guides: on the Live screen while their segment is on, before
    /// the Live bindings.
    Welcome,
    Icebreaker,
    CheckIn,
    AntiRetreat,
    Decision,
    Breakout,
    ReportBack,
}

impl Context {
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "everywhere",
            Context::Plan => "Plan",
            Context::Live => "Live",
            Context::Round => "Round",
            Context::Stack => "Stack",
            Context::Notes => "Notes",
            Context::People => "People",
            Context::Welcome => "Welcome guide",
            Context::Icebreaker => "Icebreaker guide",
            Context::CheckIn => "Check-in guide",
            Context::AntiRetreat => "Anti-retreat guide",
            Context::Decision => "Decision guide",
            Context::Breakout => "Breakout board",
            Context::ReportBack => "Report-back",
        }
    }
}

/// The file's shape: one table of key name to action per context.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct KeymapFile {
    global: BTreeMap<String, Action>,
    plan: BTreeMap<String, Action>,
    live: BTreeMap<String, Action>,
    round: BTreeMap<String, Action>,
    stack: BTreeMap<String, Action>,
    notes: BTreeMap<String, Action>,
    people: BTreeMap<String, Action>,
    welcome: BTreeMap<String, Action>,
    icebreaker: BTreeMap<String, Action>,
    check_in: BTreeMap<String, Action>,
    anti_retreat: BTreeMap<String, Action>,
    decision: BTreeMap<String, Action>,
    breakout: BTreeMap<String, Action>,
    report_back: BTreeMap<String, Action>,
}

impl KeymapFile {
    fn sections(self) -> [(Context, BTreeMap<String, Action>); 14] {
        [
            (Context::Global, self.global),
            (Context::Plan, self.plan),
            (Context::Live, self.live),
            (Context::Round, self.round),
            (Context::Stack, self.stack),
            (Context::Notes, self.notes),
            (Context::People, self.people),
            (Context::Welcome, self.welcome),
            (Context::Icebreaker, self.icebreaker),
            (Context::CheckIn, self.check_in),
            (Context::AntiRetreat, self.anti_retreat),
            (Context::Decision, self.decision),
            (Context::Breakout, self.breakout),
            (Context::ReportBack, self.report_back),
        ]
    }
}

/// A key as bindings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// The key a terminal event stands for. Shift is folded into the
    /// character itself ("K"), so it is not kept separately.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let code = match ev.code {
            KeyCode::Char(c) if ev.modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses "q", "K", "space", "ctrl-c", "shift-tab", "f1", "pageup"...
    pub fn parse(name: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
                }
                _ => return None,
            },
        };
        if ctrl && let KeyCode::Char(c) = code {
            // Terminals report ctrl-letters in lower case.
            return Some(Key {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                ctrl,
                alt,
            });
        }
        Some(Key { code, ctrl, alt })
    }

    /// The name shown in help and hints.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Delete => "del".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_lowercase(),
        };
        let mut out = String::new();
        if self.ctrl {
            out.push_str("ctrl-");
        }
        if self.alt {
            out.push_str("alt-");
        }
        out + &base
    }
}

/// The bindings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: HashMap<(Context, Key), Action>,
}

impl Keymap {
    /// The built-in defaults only (`assets/keymap.ron`).
    pub fn defaults() -> Keymap {
        Keymap::from_text(Path::new("assets/keymap.ron"), crate::assets::KEYMAP)
            .expect("the embedded keymap is checked by the test suite")
    }

    /// The bindings a keymap text names, over none.
    pub fn from_text(path: &Path, text: &str) -> Result<Keymap, StoreError> {
        let mut map = Keymap {
            bindings: HashMap::new(),
        };
        map.overlay(path, text)?;
        Ok(map)
    }

    /// Defaults, then the user's file if there is one.
    pub fn load(config_dir: &Path) -> Result<Keymap, StoreError> {
        let mut map = Keymap::defaults();
        let path = config_dir.join("keymap.ron");
        use crate::store::input::{Input, read_optional};
        if let Some(bytes) = read_optional(&path, Input::Keymap)? {
            let text = crate::store::text::decode(&path, &bytes)?;
            map.overlay(&path, text)?;
        }
        Ok(map)
    }

    /// Applies a keymap text over the current bindings, key by key.
    pub fn overlay(&mut self, path: &Path, text: &str) -> Result<(), StoreError> {
        let file: KeymapFile = options().from_str(text).map_err(|e| {
            StoreError::syntax(
                path,
                e.span.start.line,
                e.span.start.col,
                e.code.to_string(),
            )
        })?;
        for (context, table) in file.sections() {
            for (name, action) in table {
                let key = Key::parse(&name).ok_or_else(|| {
                    let (line, col) = locate(text, &format!("\"{name}\""));
                    StoreError::syntax(
                        path,
                        line,
                        col,
                        format!(
                            "unknown key name {name:?} (use e.g. \"q\", \"space\", \"ctrl-c\", \"shift-tab\", \"f1\")"
                        ),
                    )
                })?;
                // `unbound` stays as a binding so it also hides the global one.
                self.bindings.insert((context, key), action);
            }
        }
        Ok(())
    }

    /// The action for a key on a screen: the screen's binding, else the global one.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        self.bindings
            .get(&(context, key))
            .or_else(|| self.bindings.get(&(Context::Global, key)))
            .copied()
            .filter(|a| *a != Action::Unbound)
    }

    /// The binding in exactly this context, with no fallback (`unbound`
    /// included, so it can hide a binding further out).
    pub fn exact(&self, context: Context, key: Key) -> Option<Action> {
        self.bindings.get(&(context, key)).copied()
    }

    /// Keys bound to an action in a context (screen first, then global).
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<Key> {
        self.keys_in(&[context, Context::Global], action)
    }

    /// Keys that do `action` when sections are looked up in `chain` order
    /// (innermost first): a key counts only where the first section that
    /// binds it binds it to this action, so an unbound or rebound key is
    /// never offered.
    pub fn keys_in(&self, chain: &[Context], action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .bindings
            .iter()
            .filter(|((c, k), a)| {
                **a == action
                    && chain.contains(c)
                    && chain
                        .iter()
                        .find(|ctx| self.bindings.contains_key(&(**ctx, *k)))
                        == Some(c)
            })
            .map(|((_, k), _)| *k)
            .collect();
        keys.sort_by_key(|k| (k.label().chars().count(), k.label()));
        keys.dedup();
        keys
    }

    /// Every binding of a context, grouped by action, for the help overlay;
    /// keys that a context in `shadow` binds for itself are left out (on a screen, a
    /// global key it rebinds does not do the global thing).
    pub fn help(&self, context: Context, shadow: &[Context]) -> Vec<(Action, Vec<Key>)> {
        let mut by_action: BTreeMap<Action, Vec<Key>> = BTreeMap::new();
        for ((c, k), a) in &self.bindings {
            let shadowed = shadow.iter().any(|s| self.bindings.contains_key(&(*s, *k)));
            if *c == context && *a != Action::Unbound && !shadowed {
                by_action.entry(*a).or_default().push(*k);
            }
        }
        by_action
            .into_iter()
            .map(|(a, mut keys)| {
                keys.sort_by_key(|k| (k.label().chars().count(), k.label()));
                (a, keys)
            })
            .collect()
    }
}

/// 1-based line and column of the first occurrence of `needle`.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> Key {
        Key::parse(&c.to_string()).unwrap()
    }

    #[test]
    fn shipped_keymap_parses_and_binds_the_basics() {
        let map = Keymap::defaults();
        assert_eq!(map.action(Context::Live, key('q')), Some(Action::Quit));
        assert_eq!(
            map.action(Context::Live, key(' ')),
            Some(Action::ToggleTimer)
        );
        assert_eq!(map.action(Context::Live, key('?')), Some(Action::Help));
        assert_eq!(map.action(Context::Plan, key('r')), Some(Action::RoomClock));
        assert_eq!(
            map.action(Context::Live, Key::parse("ctrl-c").unwrap()),
            Some(Action::Quit)
        );
    }

    #[test]
    fn user_file_overrides_only_what_it_names() {
        let mut map = Keymap::defaults();
        map.overlay(
            Path::new("k.ron"),
            "(live: {\"x\": toggle_timer, \"space\": unbound})",
        )
        .unwrap();
        assert_eq!(
            map.action(Context::Live, key('x')),
            Some(Action::ToggleTimer)
        );
        assert_eq!(map.action(Context::Live, key(' ')), None);
        assert_eq!(map.action(Context::Live, key('q')), Some(Action::Quit));
    }

    #[test]
    fn bad_keymaps_name_line_and_column() {
        let mut map = Keymap::defaults();
        let err = map
            .overlay(Path::new("k.ron"), "(\n  live: {\"spce\": quit},\n)")
            .unwrap_err();
        assert_eq!(
            err.to_string().split(" (").next().unwrap(),
            "k.ron:2:10: unknown key name \"spce\""
        );
        let err = map
            .overlay(Path::new("k.ron"), "(live: {\"q\": explode})")
            .unwrap_err();
        assert!(err.to_string().starts_with("k.ron:1:"), "{err}");
    }

    #[test]
    fn key_names_round_trip() {
        for name in [
            "q",
            "K",
            "space",
            "ctrl-c",
            "shift-tab",
            "f5",
            "enter",
            "esc",
            "?",
        ] {
            let k = Key::parse(name).unwrap();
            assert_eq!(Key::parse(&k.label()).unwrap_or(k), k, "{name}");
        }
        assert_eq!(Key::parse("f13"), None);
        assert_eq!(Key::parse("banana"), None);
    }
}
