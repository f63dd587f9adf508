//! The command line as other programs meet it: exit codes and streams,
//! JSON output, shell completions and the manual page, all through the
//! real binary.

mod common;

use std::path::Path;
use std::process::Command;

use circlekeeper::store::file::save_session;
use common::{circlekeeper, run, sample_session};
use serde_json::Value;

const CROWDED: &str = r#"(
    title: "Crowded",
    people: 24,
    segments: [
        (title: "Welcome", kind: WelcomeCircle, time: "10m"),
        (title: "Check-in", kind: CheckIn, time: "30m", per_speaker: "1m 30s"),
        (title: "Check-out", kind: ClosingRound, time: "30m"),
    ],
)
"#;

/// A temporary folder holding `files` (name, text); the data folder is its
/// `data/`, the config folder its `config/`.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Runs a helper program (bash, cargo) and returns its stdout; it must
/// succeed.
fn succeeds(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn ck(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(circlekeeper(dir).current_dir(dir).args(args))
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

// ---- exit codes and streams ----

#[test]
fn wrong_usage_exits_2_with_the_reason_on_stderr_only() {
    let dir = folder(&[]);
    for args in [
        &["frobnicate"][..],
        &["check"],
        &["check", "plan.ron", "--no-such-flag"],
        &["check", "plan.ron", "--message-format", "xml"],
        &["sessions", "--format", "yaml"],
        &["rehearse", "plan.ron", "--speed", "0"],
        &["completions", "tcsh"],
        &["library", "show"],
    ] {
        let (code, out, err) = ck(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?} printed on stdout: {out}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains("--help"), "{args:?}: {err}");
    }
}

#[test]
fn help_and_version_are_results_and_exit_0() {
    let dir = folder(&[]);
    for args in [&["--help"][..], &["check", "--help"], &["--version"]] {
        let (code, out, err) = ck(dir.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("circlekeeper"), "{args:?}: {out}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn an_error_in_a_file_exits_1_with_the_error_on_stderr_only() {
    let dir = folder(&[("broken.ron", "(title: \"B\", segments: [(\n")]);
    for args in [
        &["check", "broken.ron"][..],
        &["check", "missing.ron"],
        &["runsheet", "broken.ron"],
        &["harvest", "missing.ron"],
        &["library", "show", "no-such-activity"],
    ] {
        let (code, out, err) = ck(dir.path(), args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?} printed on stdout: {out}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(!err.contains("Usage:"), "{args:?}: {err}");
    }
}

/// Many users keep RUST_BACKTRACE set: an error is still its one message,
/// printed at once, never a backtrace resolved first (that took seconds).
#[test]
fn an_error_with_backtraces_turned_on_is_still_its_message_at_once() {
    let dir = folder(&[("broken.ron", "(title: \"B\", segments: [(\n")]);
    for args in [&["runsheet", "broken.ron"][..], &["harvest", "missing.ron"]] {
        let started = std::time::Instant::now();
        let (code, out, err) = run(circlekeeper(dir.path())
            .current_dir(dir.path())
            .env("RUST_BACKTRACE", "full")
            .env("RUST_LIB_BACKTRACE", "1")
            .args(args));
        let took = started.elapsed();
        assert_eq!((code, out.as_str()), (1, ""), "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(!err.to_lowercase().contains("backtrace"), "{args:?}: {err}");
        // A hang guard, not a speed target: the error alone takes ~0.1 s.
        assert!(
            took < std::time::Duration::from_secs(1),
            "{args:?} took {took:?}"
        );
    }
}

#[test]
fn a_clean_check_exits_0_and_a_failed_one_1_with_the_report_on_stdout() {
    let dir = folder(&[("crowded.ron", CROWDED)]);
    let (code, out, err) = ck(dir.path(), &["check", "crowded.ron"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("warning[CK002]"), "{out}");
    let (code, out, err) = ck(dir.path(), &["check", "crowded.ron", "--deny-warnings"]);
    assert_eq!((code, err.as_str()), (1, ""));
    assert!(out.contains("warning[CK002]"), "{out}");
}

// ---- JSON ----

#[test]
fn check_json_prints_one_object_per_warning_like_cargo() {
    let dir = folder(&[("crowded.ron", CROWDED)]);
    let (code, out, err) = ck(
        dir.path(),
        &["check", "crowded.ron", "--message-format", "json"],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let found = json_lines(&out);
    assert_eq!(found.len(), 1, "{out}");
    assert_eq!(
        found[0],
        serde_json::json!({
            "file": "crowded.ron",
            "line": 6,
            "column": 9,
            "severity": "warning",
            "code": "CK002",
            "message": "segment 2 'Check-in': 24 x 1m 30s + 24 x 10s = 40m, box is 30m \
                        (10s between speakers assumed)",
            "help": "give it 40m, or at most 1m 5s per speaker",
        })
    );
}

#[test]
fn check_json_gives_errors_with_their_place_and_exits_1() {
    let dir = folder(&[
        (
            "syntax.ron",
            "(\n  title: \"B\",\n  segments: [(title: \"A\", kind: Custom, tiem: \"5m\")],\n)\n",
        ),
        (
            "zero.ron",
            "(\n  title: \"Z\",\n  segments: [\n    (title: \"Fine\", kind: Custom, time: \"5m\"),\n    \
             (title: \"Empty\", kind: Custom, time: \"0m\"),\n  ],\n)\n",
        ),
    ]);
    let (code, out, err) = ck(
        dir.path(),
        &[
            "check",
            "syntax.ron",
            "zero.ron",
            "missing.ron",
            "--message-format",
            "json",
        ],
    );
    assert_eq!((code, err.as_str()), (1, ""), "{out}");
    let found = json_lines(&out);
    let by_file =
        |name: &str| -> Vec<&Value> { found.iter().filter(|d| d["file"] == name).collect() };
    for d in &found {
        assert_eq!(d["severity"], "error", "{d}");
        assert_eq!(d["code"], Value::Null, "{d}");
    }
    let syntax = by_file("syntax.ron");
    assert_eq!(syntax.len(), 1, "{out}");
    assert_eq!(
        (&syntax[0]["line"], syntax[0]["column"].is_u64()),
        (&3.into(), true)
    );
    assert!(
        syntax[0]["message"].as_str().unwrap().contains("tiem"),
        "{out}"
    );
    let zero = by_file("zero.ron");
    assert_eq!(zero.len(), 1, "{out}");
    assert_eq!(
        (&zero[0]["line"], &zero[0]["column"]),
        (&5.into(), &5.into())
    );
    assert!(
        zero[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("segment 2 'Empty'"),
        "{out}"
    );
    let missing = by_file("missing.ron");
    assert_eq!(missing.len(), 1, "{out}");
    assert_eq!(
        (&missing[0]["line"], &missing[0]["column"]),
        (&Value::Null, &Value::Null)
    );
}

#[test]
fn sessions_json_lists_each_session_as_data() {
    let dir = folder(&[]);
    let (code, out, _) = ck(dir.path(), &["sessions", "--format", "json"]);
    assert_eq!((code, out.trim()), (0, "[]"));
    let folder = dir.path().join("data/sessions");
    std::fs::create_dir_all(&folder).unwrap();
    let session = sample_session();
    save_session(&folder.join("tuesday.ron"), &session).unwrap();
    std::fs::write(folder.join("junk.ron"), "not a session").unwrap();
    let (code, out, err) = ck(dir.path(), &["sessions", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("junk.ron"),
        "the unreadable file is named: {err}"
    );
    let listed: Value = serde_json::from_str(&out).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{out}");
    let s = &listed[0];
    assert_eq!(s["title"], session.title.as_str());
    assert_eq!(s["finished"], false);
    assert_eq!(s["created"], session.created.to_string());
    assert_eq!(s["touched"], session.events.last().unwrap().at.to_string());
    assert!(s["path"].as_str().unwrap().ends_with("tuesday.ron"), "{s}");
}

#[test]
fn library_json_is_the_library_as_data() {
    let dir = folder(&[]);
    let (code, out, err) = ck(dir.path(), &["library", "--format", "json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let library: Value = serde_json::from_str(&out).unwrap();
    let walk = library["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "trust-walk")
        .expect("trust-walk is listed");
    assert_eq!(walk["kind"], "IcebreakerSequence");
    assert!(library["check_ins"].as_array().unwrap().len() >= 12);

    let (code, out, _) = ck(
        dir.path(),
        &["library", "show", "trust-walk", "--format", "json"],
    );
    assert_eq!(code, 0);
    let shown: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(&shown, walk);
    assert!(shown["steps"][0]["time"].is_string(), "{shown}");

    let (code, out, _) = ck(dir.path(), &["library", "prompts", "--format", "json"]);
    assert_eq!(code, 0);
    let prompts: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(prompts["check_ins"], library["check_ins"]);
    assert_eq!(prompts["check_outs"], library["check_outs"]);
}

// ---- completions and the manual page ----

/// A user's own activity, so completions show the library as it is; its
/// title has what each shell must have quoted.
const OWN_LIBRARY: &str = r#"(activities: [(
    id: "river-walk",
    kind: Custom,
    title: "River's \"walk\" $HOME `id` [a]: b\\ ;",
    steps: [(title: "Walk", format: Pairs, intimacy: 2, time: "20m")],
)])"#;

/// What bash offers for `words` (the last one being completed).
fn bash_completes(script: &str, words: &[&str]) -> Vec<String> {
    let array = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let prev = words[words.len().saturating_sub(2)];
    let probe = format!(
        "{script}\nCOMP_WORDS=({array}); COMP_CWORD={}; _circlekeeper circlekeeper '{}' '{prev}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words.len() - 1,
        words[words.len() - 1],
    );
    String::from_utf8_lossy(&succeeds(Command::new("bash").arg("-c").arg(probe)))
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn bash_completes_commands_options_and_library_ids() {
    let dir = folder(&[("config/library.ron", OWN_LIBRARY)]);
    let (code, script, err) = ck(dir.path(), &["completions", "bash"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(bash_completes(&script, &["circlekeeper", "ch"]), ["check"]);
    assert_eq!(
        bash_completes(
            &script,
            &["circlekeeper", "check", "x.ron", "--message-format", ""]
        ),
        ["human", "json"]
    );
    assert_eq!(
        bash_completes(&script, &["circlekeeper", "library", "show", "tr"]),
        ["trust-walk"]
    );
    assert_eq!(
        bash_completes(&script, &["circlekeeper", "library", "show", "riv"]),
        ["river-walk"]
    );
    // Files are left to the shell (`complete -o default`), in every shell.
    assert!(script.contains("-o default"), "{script}");
}

/// Runs `program flag file` where the shell is installed; `None` where not.
fn shell(program: &str, args: &[&str]) -> Option<std::process::Output> {
    Command::new(program).args(args).output().ok()
}

#[test]
fn every_shell_gets_a_script_its_shell_accepts() {
    let dir = folder(&[("config/library.ron", OWN_LIBRARY)]);
    for name in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, script, err) = ck(dir.path(), &["completions", name]);
        assert_eq!((code, err.as_str()), (0, ""), "{name}");
        for word in ["circlekeeper", "rehearse", "message-format", "sessions"] {
            assert!(script.contains(word), "{name} script lacks {word}");
        }
        // The static scripts of these shells offer the library's ids.
        if ["bash", "zsh", "fish"].contains(&name) {
            assert!(
                script.contains("trust-walk") && script.contains("river-walk"),
                "{name}"
            );
        }
        // Where the shell is installed, it must accept the script.
        let file = dir.path().join(format!("script.{name}"));
        std::fs::write(&file, &script).unwrap();
        let file = file.to_str().unwrap();
        let syntax = match name {
            "bash" => shell("bash", &["-n", file]),
            "zsh" => shell("zsh", &["-n", file]),
            "fish" => shell("fish", &["--no-execute", file]),
            _ => None,
        };
        if let Some(out) = syntax {
            assert!(
                out.status.success(),
                "{name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let fish = dir.path().join("script.fish");
    let probe = format!(
        "source {}; complete -C 'circlekeeper library show riv'",
        fish.display()
    );
    if let Some(out) = shell("fish", &["--no-config", "-c", &probe]) {
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "river-walk\tRiver's \"walk\" $HOME `id` [a]: b\\ ;\n",
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_broken_library_costs_only_its_own_ids() {
    let dir = folder(&[("config/library.ron", "(activities: [")]);
    let (code, script, err) = ck(dir.path(), &["completions", "zsh"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("library.ron") && err.contains("built-in"),
        "{err}"
    );
    assert!(script.contains("trust-walk"));
}

#[test]
fn the_manual_page_is_valid_roff_naming_every_command() {
    let dir = folder(&[]);
    let (code, page, err) = ck(dir.path(), &["manual"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(page.contains(".TH circlekeeper 1"), "{page}");
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "\"EXIT STATUS\"",
        "ENVIRONMENT",
        "FILES",
    ] {
        assert!(
            page.contains(&format!(".SH {section}\n")),
            "no {section} section"
        );
    }
    for command in [
        "run",
        "open",
        "check",
        "runsheet",
        "rehearse",
        "sessions",
        "library show",
        "harvest",
        "gathering",
        "completions",
        "manual",
    ] {
        assert!(
            page.contains(&format!(".SS \"circlekeeper {command} ")),
            "no {command}"
        );
    }
    assert!(
        page.contains("\\-\\-message\\-format"),
        "options are listed"
    );
    // groff, where installed (it comes with man), must read it without a warning.
    let file = dir.path().join("circlekeeper.1");
    std::fs::write(&file, &page).unwrap();
    if let Ok(out) = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&file)
        .output()
    {
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

// ---- installing ----

/// The README's install command. Always: the lock file is current, which
/// `--locked` demands, and the package has the `circlekeeper` binary.
/// Under `CIRCLEKEEPER_PROOF=full`, the install itself (a debug build into
/// a throwaway root, reusing this target folder; it rebuilds the crates
/// whose features the tests widen, so it is kept out of CI).
#[test]
fn the_install_command_puts_a_working_binary_in_bin() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let metadata = succeeds(
        Command::new(&cargo)
            .args(["metadata", "--locked", "--offline", "--format-version", "1"])
            .args(["--manifest-path", manifest]),
    );
    let metadata: Value = serde_json::from_slice(&metadata).unwrap();
    let bins: Vec<&Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == "circlekeeper")
        .flat_map(|p| p["targets"].as_array().unwrap())
        .filter(|t| t["kind"] == serde_json::json!(["bin"]))
        .collect();
    assert_eq!(bins.len(), 1, "{bins:?}");
    assert_eq!(bins[0]["name"], "circlekeeper");
    if !std::env::var("CIRCLEKEEPER_PROOF").is_ok_and(|v| v == "full") {
        return;
    }
    let root = folder(&[]);
    let target = Path::new(env!("CARGO_BIN_EXE_circlekeeper"))
        .ancestors()
        .nth(2)
        .expect("the binary lives in target/<profile>/");
    succeeds(
        Command::new(cargo)
            .args(["install", "--locked", "--offline", "--debug", "--path"])
            .arg(env!("CARGO_MANIFEST_DIR"))
            .arg("--root")
            .arg(root.path())
            .arg("--target-dir")
            .arg(target),
    );
    let installed = root.path().join("bin/circlekeeper");
    let (code, version, _) = run(Command::new(&installed).arg("--version"));
    let expected = concat!("circlekeeper ", env!("CARGO_PKG_VERSION"));
    assert_eq!((code, version.trim()), (0, expected));
}
