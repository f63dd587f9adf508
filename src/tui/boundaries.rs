//! The tui's module boundaries, checked on its source: a screen (a file or
//! folder under `screens/`) uses the contract and widgets, never the `App`,
//! the dispatcher in `screens/mod.rs` or another screen. That keeps the
//! modules free of import circles, and a screen's keys in its own files.

use std::path::{Path, PathBuf};

pub(super) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments and its test module.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first names of a `{...}` group's items (`{a::B, c}` gives a, c),
/// nested groups skipped.
fn group_heads(group: &str) -> Vec<String> {
    let (mut depth, mut heads, mut item) = (0, Vec::new(), String::new());
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => heads.push(std::mem::take(&mut item)),
            _ if depth == 0 => item.push(c),
            _ => {}
        }
    }
    heads.push(item);
    heads.iter().map(|i| head(i.trim())).collect()
}

fn head(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Every module of `screens` a file names: after `crate::tui::screens::`,
/// or after as many `super::` as lead from the file back to `screens`.
fn screens_named(code: &str, supers: &str) -> Vec<String> {
    let mut named = Vec::new();
    for prefix in ["crate::tui::screens::", supers] {
        for (i, _) in code.match_indices(prefix) {
            let rest = &code[i + prefix.len()..];
            // Only a whole chain of `super::`, not the tail of a longer one.
            if prefix == supers && (rest.starts_with("super::") || code[..i].ends_with("super::")) {
                continue;
            }
            match rest.strip_prefix('{') {
                Some(group) => named.extend(group_heads(group)),
                None => named.push(head(rest)),
            }
        }
    }
    named.retain(|n| !n.is_empty());
    named
}

#[test]
fn a_screen_uses_only_itself_the_contract_and_widgets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/screens");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut checked = 0;
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap();
        let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
        if parts.len() == 1 && (parts[0] == "mod.rs" || parts[0] == "contract.rs") {
            continue;
        }
        let unit = parts[0].trim_end_matches(".rs").to_string();
        // From `screens/x.rs` or `screens/x/mod.rs` one `super::` leads back
        // to `screens`; one more for each folder deeper.
        let depth = parts.len() - usize::from(parts.last().unwrap() == "mod.rs");
        let supers = "super::".repeat(depth);
        let code = code(file);
        for bad in ["tui::app", "tui::frame", &format!("{supers}super::app")] {
            assert!(
                !code.contains(bad),
                "{} names `{bad}`: a screen gets a `Ctx`, never the App",
                rel.display()
            );
        }
        for name in screens_named(&code, &supers) {
            assert!(
                name == unit || name == "contract",
                "{} (screen `{unit}`) names `screens::{name}`: a screen uses the contract, not the dispatcher or another screen",
                rel.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} screen files found");
}

#[test]
fn the_check_sees_a_screen_naming_another() {
    let code =
        "use crate::tui::screens::plan::PlanView;\nuse super::{contract::{Ctx, View}, stack};";
    assert_eq!(
        screens_named(code, "super::"),
        ["plan", "contract", "stack"]
    );
    let deeper = "use super::super::round::RoundView;\nuse super::Own;";
    assert_eq!(screens_named(deeper, "super::super::"), ["round"]);
}
