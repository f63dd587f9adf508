//! The key grammar written in the header of `assets/keymap.ron`: a key keeps
//! one meaning on every screen where it appears. Actions that are the same
//! verb on different screens (adding a hand, adding a person) are listed
//! here as one meaning; any other pair of actions on one key is a clash,
//! unless it is listed below as an intended exception with its reason.

use std::collections::BTreeMap;

use super::{Context, Key, Keymap};
use crate::tui::action::Action;

/// The meanings that several screens share, each with the actions that
/// carry it. An action may carry more than one meaning (editing a note is
/// both "edit" and "act on the selected line").
pub const MEANINGS: &[(&str, &[Action])] = &[
    (
        "move the selected line earlier",
        &[Action::MoveUp, Action::MoveHandUp, Action::SeatEarlier],
    ),
    (
        "move the selected line later",
        &[Action::MoveDown, Action::MoveHandDown, Action::SeatLater],
    ),
    (
        "act on the selected line",
        &[
            Action::JumpTo,
            Action::StartRound,
            Action::EditNote,
            Action::MarkArrived,
            Action::UsePrompt,
            Action::Speak,
            Action::PositionWords,
            Action::GiveRole,
            Action::CallGroup,
        ],
    ),
    ("next", &[Action::Next, Action::NextSpeaker]),
    (
        "a guide's next step",
        &[Action::NextStep, Action::AnotherPrompt],
    ),
    (
        "add",
        &[Action::AddHand, Action::AddPerson, Action::EditParties],
    ),
    (
        "cross out the selected",
        &[
            Action::Skip,
            Action::Absent,
            Action::RemoveHand,
            Action::RemovePerson,
            Action::DeleteNote,
            Action::SettleObjection,
        ],
    ),
    (
        "edit or type",
        &[
            Action::EditName,
            Action::EditNote,
            Action::TypePrompt,
            Action::RepeatBack,
            Action::TypeProposal,
        ],
    ),
    (
        "stop the one speaking",
        &[Action::EndTurn, Action::EndVoice],
    ),
    (
        "go: start it now",
        &[Action::JumpTo, Action::StartRound, Action::HearGroups],
    ),
    ("find", &[Action::SearchNotes, Action::FindPerson]),
    (
        "here",
        &[
            Action::ToggleArrived,
            Action::MarkArrived,
            Action::GroupBack,
        ],
    ),
    (
        "time",
        &[
            Action::SetTime,
            Action::TakeUp,
            Action::BringParked,
            Action::GroupMinute,
        ],
    ),
    (
        "bring in",
        &[
            Action::InsertActivity,
            Action::ImportRoster,
            Action::ImportReport,
        ],
    ),
    ("write a note", &[Action::WriteNote, Action::GroupNote]),
    (
        "the next of the side list (a role, a group)",
        &[Action::NextRole, Action::MoveToNextGroup],
    ),
    (
        "the previous of the side list",
        &[Action::PrevRole, Action::MoveToPrevGroup],
    ),
    (
        "show it large",
        &[
            Action::ShowAgreements,
            Action::ShowPrompt,
            Action::ShowGroups,
            Action::ShowDecision,
            Action::ShowDraw,
        ],
    ),
    ("pass", &[Action::Pass, Action::NoPosition]),
    (
        "agree: record an agreement",
        &[Action::Agree, Action::NamingConsent],
    ),
    (
        "take back what was agreed",
        &[Action::SendBack, Action::WithdrawConsent],
    ),
    (
        "sit out",
        &[Action::OptOut, Action::StandAside, Action::RoleOptOut],
    ),
    (
        "priority",
        &[Action::TogglePriorityRule, Action::TogglePriority],
    ),
];

/// Keys meant to carry two unrelated actions, with the reason: (key name,
/// action, action, why). Keep this short; each entry is a key a facilitator
/// has to learn twice.
pub const EXCEPTIONS: &[(&str, Action, Action, &str)] = &[
    (
        "D",
        Action::ToggleDirection,
        Action::NameDelegate,
        "D is the round's direction on the Round screen and the delegate on a \
         breakout's board: a round and a breakout never run in one segment",
    ),
    (
        "M",
        Action::MatterArc,
        Action::RecordMandate,
        "M is the whole matter in an anti-retreat and a group's mandate in a \
         breakout: one segment is never both",
    ),
];

/// One key doing two unrelated things on two screens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub key: Key,
    pub first: (Context, Action),
    pub second: (Context, Action),
}

impl std::fmt::Display for Clash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "\"{}\" is {} on {} but {} on {}",
            self.key.label(),
            self.first.1.describe(),
            self.first.0.name(),
            self.second.1.describe(),
            self.second.0.name()
        )
    }
}

/// True when the two actions share a meaning, or the pair is an exception.
pub fn related(key: Key, a: Action, b: Action) -> bool {
    a == b
        || MEANINGS
            .iter()
            .any(|(_, family)| family.contains(&a) && family.contains(&b))
        || EXCEPTIONS.iter().any(|(name, x, y, _)| {
            Key::parse(name) == Some(key) && ((*x, *y) == (a, b) || (*x, *y) == (b, a))
        })
}

impl Keymap {
    /// Every key that two screens (the global section counting as one) bind
    /// to unrelated actions, each pair once, in a stable order.
    pub fn clashes(&self) -> Vec<Clash> {
        let mut by_key: BTreeMap<String, Vec<(Context, Action, Key)>> = BTreeMap::new();
        for ((context, key), action) in &self.bindings {
            if *action != Action::Unbound {
                by_key
                    .entry(key.label())
                    .or_default()
                    .push((*context, *action, *key));
            }
        }
        let mut out = Vec::new();
        for uses in by_key.values_mut() {
            uses.sort_by_key(|(c, a, _)| (*c, *a));
            for (i, (c1, a1, key)) in uses.iter().enumerate() {
                for (c2, a2, _) in &uses[i + 1..] {
                    if !related(*key, *a1, *a2)
                        && !out
                            .iter()
                            .any(|c: &Clash| c.key == *key && (c.first.1, c.second.1) == (*a1, *a2))
                    {
                        out.push(Clash {
                            key: *key,
                            first: (*c1, *a1),
                            second: (*c2, *a2),
                        });
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_default_keys_keep_one_meaning_each() {
        let clashes: Vec<String> = Keymap::defaults()
            .clashes()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert!(
            clashes.is_empty(),
            "keys with two meanings (choose another key, or if it is the same verb \
             list both actions under one meaning in tui/keymap/grammar.rs):\n{}",
            clashes.join("\n")
        );
    }

    #[test]
    fn a_key_with_two_unrelated_actions_is_found() {
        // The old defaults: s skipped on the Plan screen but scoped the stack.
        let map = Keymap::from_text(
            Path::new("k.ron"),
            r#"(plan: {"s": skip, "x": skip}, stack: {"s": toggle_reach, "x": remove_hand},
                global: {"p": pause_clock}, round: {"p": pass})"#,
        )
        .unwrap();
        let found: Vec<String> = map.clashes().iter().map(|c| c.to_string()).collect();
        assert_eq!(
            found,
            [
                "\"p\" is rehearsal: pause clock on everywhere but pass (comes back later) on Round",
                "\"s\" is skip / unskip segment on Plan but count: segment / session on Stack",
            ]
        );
    }

    #[test]
    fn an_exception_or_a_shared_meaning_is_not_a_clash() {
        let s = Key::parse("s").unwrap();
        assert!(related(s, Action::EndTurn, Action::EndVoice));
        assert!(!related(s, Action::Skip, Action::ToggleReach));
    }

    #[test]
    fn exceptions_name_real_keys_and_say_why() {
        for (name, a, b, why) in EXCEPTIONS {
            assert!(Key::parse(name).is_some(), "{name}");
            assert!(a != b && !why.is_empty(), "{name}");
        }
    }
}
