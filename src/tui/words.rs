//! Words on screen that name a key ("G forms them", "u undoes") take it
//! from the keymap, never from a letter typed into a string: a user who
//! rebinds a key must not be told to press the old one. Checked on the
//! source: a string that says "<one key> <verb>" is a hand-spelled key.

use std::path::Path;

use super::boundaries::rust_files;

/// Verbs the screens use after a key's name.
const VERBS: [&str; 22] = [
    "adds", "asks", "calls", "draws", "ends", "forms", "gives", "hears", "imports", "marks",
    "moves", "names", "opens", "puts", "quits", "records", "shares", "shows", "starts", "takes",
    "types", "undoes",
];

/// The string literals of a file's code, its tests and comments left out.
fn literals(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        out.extend(line.split('"').skip(1).step_by(2).map(str::to_string));
    }
    out
}

/// "<key> <verb>" pairs in `text` where the key is one character, as a
/// letter or sign bound in the keymap would be. "y" is left alone: it
/// answers a yes/no question, the same in every keymap.
fn hand_spelled(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter_map(|w| {
            let key = w[0].trim_start_matches(['(', '·', ',', ';']);
            let verb = w[1].trim_end_matches([',', '.', ')', ';', ':']);
            (key.chars().count() == 1
                && key != "y"
                && !key.starts_with(char::is_numeric)
                && VERBS.contains(&verb))
            .then(|| format!("{key} {verb}"))
        })
        .collect()
}

#[test]
fn screens_name_keys_through_the_keymap() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = Vec::new();
    rust_files(&root.join("screens"), &mut files);
    files.push(root.join("app.rs"));
    files.push(root.join("frame.rs"));
    let mut found = Vec::new();
    for file in &files {
        for literal in literals(file) {
            for pair in hand_spelled(&literal) {
                found.push(format!("{}: {pair:?}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "keys spelled by hand (use Settings::key):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_hand_spelled_key_is_found() {
    assert_eq!(hand_spelled("no groups yet: G forms them"), ["G forms"]);
    assert_eq!(hand_spelled("deleted (u undoes)"), ["u undoes"]);
    assert_eq!(hand_spelled("· ~ draws"), ["~ draws"]);
    assert!(hand_spelled("a round is running: {end} ends it").is_empty());
    assert!(hand_spelled("enter adds · esc cancels").is_empty());
    assert!(hand_spelled("End the session now? y ends it").is_empty());
}
