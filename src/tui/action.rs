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
    /// End the whole session now (asks first).
    CloseSession,
    /// Quick capture: a new note from any screen, its context filled in.
    WriteNote,
    EditNote,
    DeleteNote,
    /// Type a search over the notes' text.
    SearchNotes,
    FilterKind,
    /// The segment on (or the selected note's) only, or all.
    FilterSegment,
    FilterVisibility,
    /// Shared <-> kept in the circle, for the selected note.
    ToggleVisibility,
    /// Give a parking-lot topic time in the segment on or one to come.
    TakeUp,
    /// Write the Markdown harvest beside the session file.
    ExportHarvest,
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend,
    /// Rehearsal: the simulated clock runs faster.
    Faster,
    /// Rehearsal: the simulated clock runs slower.
    Slower,
    /// Rehearsal: straight to the next staged warning, or the end of the box.
    JumpAhead,
    /// Rehearsal: pause or resume the simulated clock itself.
    PauseClock,
    /// Unbinds a key in a user keymap.
    Unbound,
}

impl Action {
    /// What the help overlay says the action does.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit (all is saved)",
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
            Action::RoomClock => "room clock",
            Action::ToggleTimer => "start / pause / resume",
            Action::Next => "next line / segment",
            Action::Previous => "previous script line",
            Action::AddMinute => "add a minute",
            Action::RemoveMinute => "take a minute off",
            Action::ToggleBell => "warning bell on / off",
            Action::Up => "cursor up",
            Action::Down => "cursor down",
            Action::MoveUp => "move segment earlier",
            Action::MoveDown => "move segment later",
            Action::Skip => "skip / unskip segment",
            Action::JumpTo => "start this segment now",
            Action::SetTime => "type a new time box",
            Action::Undo => "undo the last change here",
            Action::InsertActivity => "insert a library activity",
            Action::CloseSession => "end the session (asks first)",
            Action::Suspend => "suspend (fg resumes)",
            Action::Faster => "rehearsal: clock faster",
            Action::Slower => "rehearsal: clock slower",
            Action::JumpAhead => "rehearsal: jump to next mark",
            Action::PauseClock => "rehearsal: pause the clock",
            Action::WriteNote => "write a note",
            Action::EditNote => "edit the selected note",
            Action::DeleteNote => "delete the note (u undoes)",
            Action::SearchNotes => "search the notes",
            Action::FilterKind => "one kind of note / all",
            Action::FilterSegment => "this segment / all",
            Action::FilterVisibility => "shared / circle / all",
            Action::ToggleVisibility => "share / keep in circle",
            Action::TakeUp => "take up a parked topic",
            Action::ExportHarvest => "write the harvest file",
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
            Action::CloseSession => "end session",
            Action::Faster => "faster",
            Action::Slower => "slower",
            Action::JumpAhead => "jump",
            Action::PauseClock => "pause clock",
            Action::WriteNote => "note",
            Action::EditNote => "edit",
            Action::DeleteNote => "delete",
            Action::SearchNotes => "search",
            Action::FilterKind => "kind",
            Action::FilterSegment => "segment",
            Action::FilterVisibility => "shared/circle",
            Action::ToggleVisibility => "share/keep",
            Action::TakeUp => "take up",
            Action::ExportHarvest => "harvest",
            other => other.describe(),
        }
    }
}
