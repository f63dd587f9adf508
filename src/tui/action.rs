//! Everything a user can ask for, by name. Key bindings map keys to these
//! names (see `keymap`); the screen on show acts on them (its `update`),
//! then the run's keys and the app's own. Each action is declared with the
//! words help and the hint bar use, and each screen's hint bar is listed
//! here too, so all of a key's words live in one table.

use serde::{Deserialize, Serialize};

/// Declares `Action` and its table together: each action with what the
/// help overlay says it does and the short word of the hint bar, so a new
/// action cannot be added without its words.
macro_rules! actions {
    ($($(#[$meta:meta])* $name:ident => $describe:literal, $hint:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($(#[$meta])* $name,)*
        }

        /// Every action in the enum's order, with its help text and hint word.
        const TABLE: &[(Action, &str, &str)] = &[$((Action::$name, $describe, $hint),)*];
    };
}

actions! {
    Quit => "quit (all is saved)", "quit";
    Help => "show or hide this help", "help";
    /// Close an overlay or step back out.
    Back => "close / step back", "back";
    NextScreen => "next screen", "next screen";
    PrevScreen => "previous screen", "previous screen";
    ShowPlan => "Plan screen", "Plan screen";
    ShowLive => "Live screen", "Live screen";
    ShowRound => "Round screen", "Round screen";
    ShowStack => "Stack screen", "Stack screen";
    ShowNotes => "Notes screen", "Notes screen";
    ShowPeople => "People screen", "People screen";
    RoomClock => "room clock", "room clock";
    /// Start the next segment, or pause / resume the current one.
    ToggleTimer => "start / pause / resume", "start/pause";
    /// Next script line, or the next segment after the last line.
    Next => "next line / segment", "next";
    /// The script line before.
    Previous => "previous script line", "back";
    AddMinute => "add a minute", "+1 min";
    RemoveMinute => "take a minute off", "-1 min";
    ToggleBell => "warning bell on / off", "bell";
    Up => "cursor up", "cursor up";
    Down => "cursor down", "cursor down";
    MoveUp => "move segment earlier", "earlier";
    MoveDown => "move segment later", "later";
    Skip => "skip / unskip segment", "skip";
    JumpTo => "start this segment now", "jump";
    SetTime => "type a new time box", "time box";
    Undo => "undo the last change", "undo";
    /// Insert an activity from the library after the selected segment.
    InsertActivity => "insert an activity", "insert";
    /// End the whole session now (asks first).
    CloseSession => "end the session (asks)", "end session";
    /// Quick capture: a new note from any screen, its context filled in.
    WriteNote => "write a note", "note";
    EditNote => "edit the selected note", "edit";
    DeleteNote => "delete (undo brings it back)", "delete";
    /// Type a search over the notes' text.
    SearchNotes => "search the notes", "search";
    FilterKind => "one kind of note / all", "kind";
    /// The segment on (or the selected note's) only, or all.
    FilterSegment => "this segment / all", "segment";
    FilterVisibility => "shared / circle / all", "shared/circle";
    /// Keep the selected note in the circle, or share it: with the
    /// consent of everyone it needs (the consent dialog asks).
    ToggleVisibility => "share (asks) / keep", "share/keep";
    /// Give a parking-lot topic time in the segment on or one to come.
    TakeUp => "take up a parked topic", "take up";
    /// Shows what the harvest would share, then writes it beside the
    /// session file (anonymized if asked).
    ExportHarvest => "check, write the harvest", "harvest";
    // The guides on the Live screen (see `screens::guide`).
    /// Welcome: the person under the cursor has arrived (or not).
    MarkArrived => "arrived / not arrived", "arrived";
    /// Welcome: greeted at the door by the greeter.
    Greet => "greeted by the greeter", "greeted";
    NextGreeter => "change the greeter", "greeter";
    /// Welcome: introduce them to someone already here.
    Introduce => "introduce to someone", "introduce";
    /// The agreements, large enough to read across the room.
    ShowAgreements => "agreements, large", "agreements";
    /// Next exercise of a sequence, or next phase of a conversation.
    NextStep => "next exercise / phase", "next step";
    PrevStep => "previous exercise / phase", "step back";
    FormGroups => "form groups from who came", "form groups";
    ShowGroups => "groups, large", "groups";
    /// Name game: type the word someone chose.
    RepeatBack => "type their name-game word", "word";
    ShowRepeatBack => "name-game words, in order", "words";
    /// Sit this exercise out, or come back in.
    OptOut => "sit out / come back", "sit out";
    AnotherPrompt => "offer another prompt", "another";
    UsePrompt => "ask this prompt", "ask it";
    TypePrompt => "type your own prompt", "type one";
    ShowPrompt => "the prompt, large", "large";
    /// Anti-retreat: the voice under the cursor starts (or stops) speaking.
    Speak => "voice starts / stops", "speaks";
    EndVoice => "the voice is done", "done";
    EditParties => "add / remove voices", "voices";
    FollowUp => "note a follow-up", "follow-up";
    /// Every conversation on this matter.
    MatterArc => "the whole matter", "matter";
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend => "suspend (fg resumes)", "suspend (fg resumes)";
    /// Rehearsal: the simulated clock runs faster.
    Faster => "rehearsal: clock faster", "faster";
    /// Rehearsal: the simulated clock runs slower.
    Slower => "rehearsal: clock slower", "slower";
    /// Rehearsal: straight to the next staged warning, or the end of the box.
    JumpAhead => "rehearsal: jump ahead", "jump";
    /// Rehearsal: pause or resume the simulated clock itself.
    PauseClock => "rehearsal: pause clock", "pause clock";
    /// Unbinds a key in a user keymap.
    Unbound => "(nothing)", "(nothing)";
    // The People screen.
    AddPerson => "add a person", "add";
    EditName => "edit the name", "name";
    EditPronouns => "edit the pronouns", "pronouns";
    RemovePerson => "remove (asks first)", "remove";
    SeatEarlier => "move one seat earlier", "earlier";
    SeatLater => "move one seat later", "later";
    ToggleArrived => "arrived / not arrived", "here";
    TogglePriority => "priority flag on / off", "priority";
    ImportRoster => "import a sign-up list", "import";
    FindPerson => "find a person by name", "find";
    // Rounds and the stack share the speaker's keys.
    /// Ends the running turn and gives the turn to whoever is next.
    NextSpeaker => "next speaker", "next speaker";
    EndTurn => "end the turn", "end turn";
    // The Round screen.
    StartRound => "start with the selected", "start round";
    RandomStart => "start with someone random", "random start";
    ToggleDirection => "direction: cw / ccw", "direction";
    Pass => "pass (comes back later)", "pass";
    Absent => "not here / back", "not here";
    EndRound => "end the round", "end round";
    // The Stack screen.
    AddHand => "add a hand (type a name)", "add";
    PointOfProcess => "point of process (first)", "process";
    DirectResponse => "direct response (next)", "response";
    ClarifyingQuestion => "clarifying question", "clarify";
    PointOfInformation => "point of information", "info";
    MoveHandUp => "move hand earlier", "earlier";
    MoveHandDown => "move hand later", "later";
    RemoveHand => "take the hand off", "remove";
    CloseAfter => "close after selected", "close after";
    Reopen => "reopen the stack", "reopen";
    ToggleMode => "plain, then each progressive rule", "mode";
    ToggleReach => "count: segment / session", "reach";
    TogglePriorityRule => "priority rule on / off", "priority";
    ToggleAirtime => "airtime: segment / all", "airtime";
    // The decision guide on the Live screen. In a fist-to-five or gradients
    // test the digits give the number for the person under the cursor.
    /// Type the proposal ("Ana: the text"), or a new version of it.
    TypeProposal => "type the proposal / a new version", "proposal";
    /// Bring a topic from the parking lot as the proposal.
    BringParked => "bring a parked topic as the proposal", "parked";
    /// Agree (consensus), no objection (consent), yes (fallback vote).
    Agree => "agree / no objection / yes", "agree";
    Concern => "agree with a concern (typed)", "concern";
    StandAside => "stand aside (with a reason)", "stand aside";
    /// Block (consensus), object (consent), no (fallback vote).
    Block => "block / object / vote no (with a reason)", "block";
    /// Passing: recorded as no position, never counted against anyone.
    NoPosition => "no position (passing)", "pass";
    /// Type or change the words of the position under the cursor.
    PositionWords => "words for this position", "words";
    /// An objection worked: resolved (how) or withdrawn.
    SettleObjection => "objection resolved / withdrawn", "settled";
    /// Their position speaks for a group that has not discussed it.
    Indicative => "indicative, for a group to ratify", "indicative";
    /// The test did not carry: back to amendments.
    SendBack => "send back to amendments", "send back";
    /// The vote agreed beforehand, once the plan offers it.
    OpenFallback => "open the fallback vote", "fallback";
    /// Record the outcome the rule gives (a Decision note).
    RecordDecision => "record the outcome", "record";
    ReviewDate => "set the date to review it", "review";
    /// The proposal, or the tally and verdict, large for the room.
    ShowDecision => "proposal / tally, large", "large";
    // Consent (see `widgets::consent`).
    /// Someone takes back their agreement to share a note.
    WithdrawConsent => "withdraw consent", "withdraw";
    /// What a person agreed to be named for: their name, a confidential
    /// segment's, their position in a decision.
    NamingConsent => "consent to be named", "naming";
    // The room's view, for every `circlekeeper follow` window.
    /// Show the room the next view (clock, prompt, agreements, ...).
    NextRoomView => "next view for the room", "room view";
    // Roles on the People screen: the selected person and the selected role.
    NextRole => "next role", "role";
    PrevRole => "previous role", "role";
    /// Gives the selected role to the selected person, or takes it back.
    GiveRole => "give the role / take it back", "give role";
    /// The selected person offers to hold the role if drawn, or no longer.
    Volunteer => "volunteers for the role / not", "volunteer";
    /// The selected person asks not to be drawn for the role, or may be.
    RoleOptOut => "not to be drawn for it / may be", "not drawn";
    /// A draw by lot among the volunteers here, shown large.
    DrawLot => "draw the role by lot", "draw";
    ShowDraw => "the last draw, large", "draw, large";
    /// The holders the plan names for today, all at once.
    TakePlanned => "holders the plan names", "planned";
    // Breakouts and report-backs (see `screens::live::guide::breakout`).
    MoveToNextGroup => "move to the next group", "move";
    MoveToPrevGroup => "move to the group before", "move back";
    /// The person under the cursor becomes their group's delegate, or is
    /// recalled when they are one.
    NameDelegate => "delegate / recall", "delegate";
    /// The group's mandate on its question: typed (imperative) or empty (open).
    RecordMandate => "the group's mandate", "mandate";
    GroupMinute => "+1 minute for the group", "+1 min group";
    GroupBack => "group back / out again", "back";
    /// A breakout with its own report-back: the groups are back, hear them.
    HearGroups => "begin the report-back", "report-back";
    /// A note filed under the group (the one reporting, or under the cursor).
    GroupNote => "note for this group", "group note";
    CallGroup => "hear this group now", "hear";
    /// Reads a group's report written on another laptop.
    ImportReport => "import a group's report", "import";
}

impl Action {
    /// What the help overlay says the action does.
    pub fn describe(self) -> &'static str {
        row(self).1
    }

    /// The short word the hint bar uses.
    pub fn hint(self) -> &'static str {
        row(self).2
    }
}

fn row(action: Action) -> &'static (Action, &'static str, &'static str) {
    &TABLE[action as usize]
}

/// The hint bars: which actions each offers, most used first. Each key is
/// looked up in the keymap as keys are handled, so an unbound one is left
/// out (see `widgets::hints`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bar {
    Live,
    Plan,
    Notes,
    /// The Round screen while a round runs, and before one.
    RoundOn,
    RoundOff,
    Stack,
    People,
    Welcome,
    Icebreaker,
    CheckIn,
    AntiRetreat,
    Decision,
    Breakout,
    ReportBack,
    /// In a rehearsal: the Live screen, and the simulated clock's keys put
    /// before a guide's.
    RehearsalLive,
    RehearsalGuide,
}

impl Bar {
    pub fn actions(self) -> &'static [Action] {
        BARS.iter()
            .find(|(b, _)| *b == self)
            .map_or(&[], |(_, a)| a)
    }
}

const BARS: &[(Bar, &[Action])] = &[
    (
        Bar::Live,
        &[
            Action::ToggleTimer,
            Action::Next,
            Action::Previous,
            Action::AddMinute,
            Action::RemoveMinute,
            Action::RoomClock,
            Action::WriteNote,
            Action::Help,
            Action::Quit,
        ],
    ),
    (
        Bar::Plan,
        &[
            Action::JumpTo,
            Action::MoveUp,
            Action::MoveDown,
            Action::Skip,
            Action::SetTime,
            Action::InsertActivity,
            Action::Undo,
            Action::Help,
            Action::Quit,
        ],
    ),
    (
        Bar::Notes,
        &[
            Action::WriteNote,
            Action::EditNote,
            Action::ToggleVisibility,
            Action::SearchNotes,
            Action::FilterKind,
            Action::Undo,
            Action::DeleteNote,
            Action::ExportHarvest,
            Action::TakeUp,
            Action::FilterSegment,
            Action::FilterVisibility,
            Action::WithdrawConsent,
            Action::Help,
            Action::Quit,
        ],
    ),
    (
        Bar::RoundOn,
        &[
            Action::NextSpeaker,
            Action::Pass,
            Action::Absent,
            Action::EndTurn,
            Action::EndRound,
            Action::Undo,
            Action::Help,
            Action::Quit,
        ],
    ),
    (
        Bar::RoundOff,
        &[
            Action::StartRound,
            Action::RandomStart,
            Action::ToggleDirection,
            Action::Undo,
            Action::Help,
            Action::Quit,
        ],
    ),
    (
        Bar::Stack,
        &[
            Action::AddHand,
            Action::NextSpeaker,
            Action::PointOfProcess,
            Action::DirectResponse,
            Action::EndTurn,
            Action::RemoveHand,
            Action::ToggleMode,
            Action::Undo,
            Action::Help,
        ],
    ),
    (
        Bar::People,
        &[
            Action::AddPerson,
            Action::ToggleArrived,
            Action::NextRole,
            Action::GiveRole,
            Action::DrawLot,
            Action::Volunteer,
            Action::RoleOptOut,
            Action::ShowDraw,
            Action::TakePlanned,
            Action::EditName,
            Action::EditPronouns,
            Action::SeatEarlier,
            Action::SeatLater,
            Action::RemovePerson,
            Action::ImportRoster,
            Action::NamingConsent,
            Action::Undo,
            Action::Help,
        ],
    ),
    (
        Bar::Welcome,
        &[
            Action::MarkArrived,
            Action::Greet,
            Action::NextGreeter,
            Action::Introduce,
            Action::ShowAgreements,
            Action::ToggleTimer,
            Action::Next,
            Action::Help,
        ],
    ),
    (
        Bar::Icebreaker,
        &[
            Action::NextStep,
            Action::FormGroups,
            Action::ShowGroups,
            Action::RepeatBack,
            Action::ShowRepeatBack,
            Action::OptOut,
            Action::ToggleTimer,
            Action::Next,
            Action::Help,
        ],
    ),
    (
        Bar::CheckIn,
        &[
            Action::UsePrompt,
            Action::AnotherPrompt,
            Action::TypePrompt,
            Action::ShowPrompt,
            Action::StartRound,
            Action::ToggleTimer,
            Action::Next,
            Action::Help,
        ],
    ),
    (
        Bar::AntiRetreat,
        &[
            Action::Speak,
            Action::NextStep,
            Action::FollowUp,
            Action::EditParties,
            Action::MatterArc,
            Action::ShowAgreements,
            Action::ToggleTimer,
            Action::Help,
        ],
    ),
    (
        Bar::Decision,
        &[
            Action::NextStep,
            Action::TypeProposal,
            Action::Agree,
            Action::Concern,
            Action::StandAside,
            Action::Block,
            Action::NoPosition,
            Action::SendBack,
            Action::RecordDecision,
            Action::ShowDecision,
            Action::Help,
        ],
    ),
    (
        Bar::Breakout,
        &[
            Action::FormGroups,
            Action::MoveToNextGroup,
            Action::NameDelegate,
            Action::RecordMandate,
            Action::GroupNote,
            Action::ShowGroups,
            Action::GroupMinute,
            Action::GroupBack,
            Action::HearGroups,
            Action::ToggleTimer,
            Action::Help,
        ],
    ),
    (
        Bar::ReportBack,
        &[
            Action::NextSpeaker,
            Action::CallGroup,
            Action::EndTurn,
            Action::GroupNote,
            Action::ImportReport,
            Action::ShowGroups,
            Action::ToggleTimer,
            Action::Help,
        ],
    ),
    (
        Bar::RehearsalLive,
        &[
            Action::ToggleTimer,
            Action::Next,
            Action::JumpAhead,
            Action::Faster,
            Action::PauseClock,
            Action::Help,
            Action::Quit,
            Action::Slower,
            Action::AddMinute,
            Action::RemoveMinute,
            Action::RoomClock,
        ],
    ),
    (
        Bar::RehearsalGuide,
        &[
            Action::JumpAhead,
            Action::Faster,
            Action::PauseClock,
            Action::Quit,
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_words_and_its_row() {
        for (i, (action, describe, hint)) in TABLE.iter().enumerate() {
            assert_eq!(*action as usize, i, "{action:?}");
            assert!(!describe.is_empty() && !hint.is_empty(), "{action:?}");
        }
    }
}
