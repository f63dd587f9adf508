//! Everything a user can ask for, by name. Key bindings map keys to these
//! names (see `keymap`), and only `App::update` acts on them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    /// Close an overlay or step back out.
    Back,
    NextScreen,
    PrevScreen,
    ShowPlan,
    ShowLive,
    ShowRound,
    ShowStack,
    ShowNotes,
    ShowPeople,
    RoomClock,
    /// Start the next segment, or pause / resume the current one.
    ToggleTimer,
    /// Next script line, or the next segment after the last line.
    Next,
    /// The script line before.
    Previous,
    AddMinute,
    RemoveMinute,
    ToggleBell,
    Up,
    Down,
    MoveUp,
    MoveDown,
    Skip,
    JumpTo,
    SetTime,
    Undo,
    /// Insert an activity from the library after the selected segment.
    InsertActivity,
    // The guides on the Live screen (see `screens::guide`).
    /// Welcome: the person under the cursor has arrived (or not).
    MarkArrived,
    /// Welcome: greeted at the door by the greeter.
    Greet,
    NextGreeter,
    /// Welcome: introduce them to someone already here.
    Introduce,
    /// The agreements, large enough to read across the room.
    ShowAgreements,
    /// Next exercise of a sequence, or next phase of a conversation.
    NextStep,
    PrevStep,
    FormGroups,
    ShowGroups,
    /// Name game: type the word someone chose.
    RepeatBack,
    ShowRepeatBack,
    /// Sit this exercise out, or come back in.
    OptOut,
    AnotherPrompt,
    UsePrompt,
    TypePrompt,
    ShowPrompt,
    /// Start the round on the chosen prompt and go to the Round screen.
    StartRound,
    /// Anti-retreat: the voice under the cursor starts (or stops) speaking.
    Speak,
    EndVoice,
    EditParties,
    FollowUp,
    /// Every conversation on this matter.
    MatterArc,
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend,
    /// Unbinds a key in a user keymap.
    Unbound,
}

impl Action {
    /// What the help overlay says the action does.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit (everything is already saved)",
            Action::Help => "show or hide this help",
            Action::Back => "close / step back",
            Action::NextScreen => "next screen",
            Action::PrevScreen => "previous screen",
            Action::ShowPlan => "Plan screen",
            Action::ShowLive => "Live screen",
            Action::ShowRound => "Round screen",
            Action::ShowStack => "Stack screen",
            Action::ShowNotes => "Notes screen",
            Action::ShowPeople => "People screen",
            Action::RoomClock => "room clock (big digits)",
            Action::ToggleTimer => "start / pause / resume",
            Action::Next => "next script line or segment",
            Action::Previous => "previous script line",
            Action::AddMinute => "add a minute",
            Action::RemoveMinute => "take a minute off",
            Action::ToggleBell => "bell on warnings on / off",
            Action::Up => "cursor up",
            Action::Down => "cursor down",
            Action::MoveUp => "move segment earlier",
            Action::MoveDown => "move segment later",
            Action::Skip => "skip / unskip segment",
            Action::JumpTo => "jump to segment (start it now)",
            Action::SetTime => "type a new time box",
            Action::Undo => "undo the last change here",
            Action::InsertActivity => "insert an activity from the library",
            Action::MarkArrived => "mark arrived / not arrived",
            Action::Greet => "greeted at the door by the greeter",
            Action::NextGreeter => "change who is greeting",
            Action::Introduce => "introduce them to someone already here",
            Action::ShowAgreements => "agreements, large, for the room",
            Action::NextStep => "next exercise or phase",
            Action::PrevStep => "previous exercise or phase",
            Action::FormGroups => "form groups from who is here",
            Action::ShowGroups => "groups, large, to read out",
            Action::RepeatBack => "type their word for the name game",
            Action::ShowRepeatBack => "the name game's words, in circle order",
            Action::OptOut => "sit this one out / come back in",
            Action::AnotherPrompt => "offer another prompt",
            Action::UsePrompt => "ask this prompt",
            Action::TypePrompt => "type your own prompt",
            Action::ShowPrompt => "the prompt, large",
            Action::StartRound => "start the round (Round screen)",
            Action::Speak => "this voice starts / stops speaking",
            Action::EndVoice => "the voice speaking is done",
            Action::EditParties => "add or remove voices",
            Action::FollowUp => "note a follow-up (who with whom by when: what)",
            Action::MatterArc => "every conversation on this matter",
            Action::Suspend => "suspend to the shell (fg resumes)",
            Action::Unbound => "(nothing)",
        }
    }

    /// The short word the hint bar uses.
    pub fn hint(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Back => "back",
            Action::RoomClock => "room clock",
            Action::ToggleTimer => "start/pause",
            Action::Next => "next",
            Action::Previous => "back",
            Action::AddMinute => "+1 min",
            Action::RemoveMinute => "-1 min",
            Action::ToggleBell => "bell",
            Action::MoveUp => "earlier",
            Action::MoveDown => "later",
            Action::Skip => "skip",
            Action::JumpTo => "jump",
            Action::SetTime => "time box",
            Action::Undo => "undo",
            Action::InsertActivity => "insert",
            Action::MarkArrived => "arrived",
            Action::Greet => "greeted",
            Action::NextGreeter => "greeter",
            Action::Introduce => "introduce",
            Action::ShowAgreements => "agreements",
            Action::NextStep => "next step",
            Action::PrevStep => "step back",
            Action::FormGroups => "form groups",
            Action::ShowGroups => "groups",
            Action::RepeatBack => "word",
            Action::ShowRepeatBack => "words",
            Action::OptOut => "sit out",
            Action::AnotherPrompt => "another",
            Action::UsePrompt => "ask it",
            Action::TypePrompt => "type one",
            Action::ShowPrompt => "large",
            Action::StartRound => "start round",
            Action::Speak => "speaks",
            Action::EndVoice => "done",
            Action::EditParties => "voices",
            Action::FollowUp => "follow-up",
            Action::MatterArc => "matter",
            other => other.describe(),
        }
    }
}
