//! The activity library on disk: the built-in one embedded in the binary,
//! and the facilitator's own `library.ron` in the config folder, merged
//! over it by id.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::error::StoreError;
use super::input::{Input, read_optional};
use super::text::{decode, parse};
use crate::core::library::{Library, LibraryProblem, validate};

/// The built-in library, so every install has the activities.
pub const BUILTIN: &str = crate::assets::LIBRARY;

/// What the user's library file is called in the config folder.
pub const FILE_NAME: &str = "library.ron";

#[derive(Debug, Error)]
pub enum LibraryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// It parses but makes no sense (an intimacy of 9, a repeated id, ...).
    #[error("{}", problems.iter().map(|p| format!("{}: {p}", path.display())).collect::<Vec<_>>().join("\n"))]
    Invalid {
        path: PathBuf,
        problems: Vec<LibraryProblem>,
    },
}

/// Reads a library and checks it on its own.
pub fn library_from_str(path: &Path, text: &str) -> Result<Library, LibraryError> {
    let library: Library = parse(path, text)?;
    let problems = validate(&library);
    if problems.is_empty() {
        Ok(library)
    } else {
        Err(LibraryError::Invalid {
            path: path.to_path_buf(),
            problems,
        })
    }
}

/// The built-in library, parsed once per process.
pub fn builtin() -> Library {
    parsed().clone()
}

fn parsed() -> &'static Library {
    static PARSED: std::sync::OnceLock<Library> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        library_from_str(Path::new("assets/library.ron"), BUILTIN)
            .expect("the embedded library is checked by the test suite")
    })
}

/// Parses the built-in library on a thread of its own, so a live run finds
/// it ready instead of parsing it before its first frame.
pub fn prepare() {
    let _ = std::thread::Builder::new()
        .name("library".into())
        .spawn(parsed);
}

/// The user's library file in a config folder.
pub fn user_path(config: &Path) -> PathBuf {
    config.join(FILE_NAME)
}

/// The user's own library, or `None` when they have not written one.
pub fn load_user(path: &Path) -> Result<Option<Library>, LibraryError> {
    let Some(bytes) = read_optional(path, Input::Library)? else {
        return Ok(None);
    };
    let text = decode(path, &bytes)?;
    library_from_str(path, text).map(Some)
}

/// The built-in library with the user's (if any) merged over it. Each is
/// checked alone; merging by id cannot make a sound pair unsound.
pub fn load(config: &Path) -> Result<Library, LibraryError> {
    Ok(match load_user(&user_path(config))? {
        Some(user) => builtin().merge(user),
        None => builtin(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::{GroupFormat, SegmentKind};
    use crate::core::validate::segment_problems;

    #[test]
    fn the_picker_finds_activities_with_accents_and_scattered_letters() {
        let library = builtin();
        let ids = |q: &str| -> Vec<String> {
            crate::core::library::search(&library.activities, q)
                .iter()
                .map(|a| a.id.clone())
                .collect()
        };
        assert_eq!(ids("trust walk")[0], "trust-walk");
        assert_eq!(ids("TRÚST")[0], "trust-walk");
        assert_eq!(ids("trstwlk")[0], "trust-walk");
        assert_eq!(ids("").len(), library.activities.len());
        assert!(ids("zzzqqq").is_empty());
    }

    #[test]
    fn the_builtin_library_is_sound_and_full() {
        let library = library_from_str(Path::new("assets/library.ron"), BUILTIN)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(library.activities.len() >= 16);
        assert!(library.check_ins.len() >= 12);
        assert!(library.check_outs.len() >= 6);
        for id in [
            "arrivals",
            "welcome-circle",
            "agreements",
            "name-animal-movement",
            "shrinking-circles",
            "trust-walk",
            "comfort-items",
            "attitude-soup",
            "crews",
            "one-on-one",
            "community-forum",
            "anti-retreat",
            "closing-round",
            "break",
            "check-in-round",
            "check-out-round",
        ] {
            assert!(library.get(id).is_some(), "missing {id}");
        }
    }

    #[test]
    fn every_decision_method_has_an_activity_and_brings_its_method_along() {
        use crate::core::decision::rules::Method;
        let library = builtin();
        for (id, method) in [
            ("consensus-decision", Method::Consensus),
            ("consent-round", Method::Consent),
            ("fist-to-five", Method::FistToFive),
            ("gradients-of-agreement", Method::GradientsOfAgreement),
        ] {
            let a = library.get(id).unwrap_or_else(|| panic!("missing {id}"));
            assert_eq!(a.method, Some(method), "{id}");
            let segment = a.to_segment();
            assert_eq!(
                (segment.kind, segment.method),
                (SegmentKind::Decision, Some(method))
            );
            assert!(a.variations.len() >= 2, "{id} has variations");
        }
    }

    #[test]
    fn every_builtin_activity_makes_a_sound_segment() {
        for a in builtin().activities {
            let s = a.to_segment();
            assert_eq!(segment_problems(&s), Vec::<String>::new(), "{}", a.id);
            assert_eq!(s.activity.as_deref(), Some(a.id.as_str()));
            assert_eq!(s.kind, a.kind);
            if a.kind == SegmentKind::IcebreakerSequence {
                assert_eq!(s.steps.len(), a.steps.len(), "{}", a.id);
            }
        }
    }

    #[test]
    fn the_anti_retreat_walks_through_its_phases() {
        let a = builtin().get("anti-retreat").cloned().unwrap();
        assert_eq!(a.kind, SegmentKind::AntiRetreat);
        assert_eq!(a.steps.len(), 6);
        assert!(a.to_segment().is_confidential());
        assert!(a.steps[3].title.contains("mine to take on"));
    }

    #[test]
    fn the_icebreakers_climb_gently() {
        let library = builtin();
        let first = &library.get("name-animal-movement").unwrap().steps[0];
        assert_eq!((first.format, first.intimacy), (GroupFormat::WholeGroup, 1));
        for a in library
            .activities
            .iter()
            .filter(|a| a.kind == SegmentKind::IcebreakerSequence)
        {
            let climbing = a.steps.windows(2).all(|w| w[0].intimacy <= w[1].intimacy);
            assert!(climbing, "{} steps back down", a.id);
        }
    }

    #[test]
    fn a_missing_user_file_gives_the_builtin_library() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), builtin());
    }

    #[test]
    fn a_user_file_overrides_by_id_and_adds() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            user_path(dir.path()),
            r#"(
                activities: [
                    (id: "break", kind: Break, title: "Tea break", steps: [
                        (title: "Tea", format: WholeGroup, intimacy: 1, time: "25m"),
                    ]),
                    (id: "song", kind: Custom, title: "A song", steps: [
                        (title: "Sing", format: WholeGroup, intimacy: 2),
                    ]),
                ],
                check_ins: ["How are you arriving today?", "What song is in your head?"],
            )"#,
        )
        .unwrap();
        let library = load(dir.path()).unwrap();
        let base = builtin();
        assert_eq!(library.activities.len(), base.activities.len() + 1);
        assert_eq!(library.get("break").unwrap().title, "Tea break");
        assert_eq!(library.activities.last().unwrap().id, "song");
        assert_eq!(library.check_ins.len(), base.check_ins.len() + 1);
        assert_eq!(library.check_outs, base.check_outs);
    }

    #[test]
    fn a_broken_user_file_names_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = user_path(dir.path());
        std::fs::write(
            &path,
            "(\n  activities: [\n    (id: \"x\", kynd: Break),\n  ],\n)",
        )
        .unwrap();
        let message = load(dir.path()).unwrap_err().to_string();
        assert!(
            message.starts_with(&format!("{}:3:", path.display())),
            "{message}"
        );
    }

    #[test]
    fn an_unsound_user_file_names_the_activity() {
        let dir = tempfile::tempdir().unwrap();
        let path = user_path(dir.path());
        std::fs::write(
            &path,
            r#"(activities: [(id: "loud", kind: Custom, title: "Loud", steps: [])])"#,
        )
        .unwrap();
        let message = load(dir.path()).unwrap_err().to_string();
        assert_eq!(
            message,
            format!(
                "{}: activity 'loud': it needs at least one step",
                path.display()
            )
        );
    }

    #[test]
    fn breakouts_with_delegates_becomes_a_breakout_with_its_report_back() {
        use crate::core::breakout::plan::{Split, delegates_wanted};
        use crate::core::plan::SegmentKind;
        use jiff::SignedDuration;
        let s = builtin()
            .get("breakouts-with-delegates")
            .expect("the activity")
            .to_segment();
        assert_eq!(s.kind, SegmentKind::Breakout);
        assert_eq!((s.split, delegates_wanted(&s)), (Some(Split::Crews), 2));
        assert_eq!(s.time, SignedDuration::from_mins(50));
        assert_eq!(s.report_back, Some(SignedDuration::from_mins(20)));
        assert_eq!(s.per_speaker, Some(SignedDuration::from_mins(2)));
        assert!(crate::core::validate::segment_problems(&s).is_empty());
    }
}
