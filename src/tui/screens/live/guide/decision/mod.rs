//! The decision guide: a proposal brought and amended, questions,
//! reactions, the test for agreement by the plan's method (one key per
//! person, the cursor moving on round the circle), the fallback when it is
//! offered, and the recorded outcome. The rules live in `core::decision`;
//! this file turns keys into its actions and logs what they return.

mod render;

pub use render::{prompt_words, render, render_big};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Big, Entry, GuideView, Typing, logged, move_cursor, toggle_big};
use crate::core::decision::Who;
use crate::core::decision::actions;
use crate::core::decision::board::Board;
use crate::core::decision::phase::Phase;
use crate::core::decision::record::{Outcome as RecordOutcome, decide};
use crate::core::decision::rules::Method;
use crate::core::decision::stance::{Given, Settled, Stance};
use crate::core::person::PersonId;
use crate::core::run::SegmentId;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::contract::{Ctx, Outcome, View};
use crate::tui::widgets::line_input::LineInput;

/// The decision's board as it stands now.
pub(crate) fn board(v: &View<GuideView>, segment: SegmentId) -> Option<Board> {
    Board::new(v.state(), &v.session().plan, segment, v.now)
}

/// Whether positions are being taken: the test or the fallback vote.
pub(crate) fn testing(board: &Board) -> bool {
    matches!(board.phase, Phase::Test | Phase::Fallback)
}

/// The stance a key gives in the test on: the first of `choices` it offers.
fn offered(board: &Board, choices: &[Stance]) -> Option<Stance> {
    choices.iter().copied().find(|s| board.stances.contains(s))
}

fn stance_for(board: &Board, action: Action) -> Option<Stance> {
    match action {
        Action::Agree => offered(board, &[Stance::Agree, Stance::Consent, Stance::Yes]),
        Action::Concern => offered(board, &[Stance::Concern]),
        Action::StandAside => offered(board, &[Stance::StandAside]),
        Action::Block => offered(board, &[Stance::Block, Stance::Objection, Stance::No]),
        Action::NoPosition => offered(board, &[Stance::Pass]),
        _ => None,
    }
}

fn prompt(ctx: &mut Ctx<GuideView>, purpose: Typing, text: &str) {
    ctx.view.entry = Some(Entry::Text {
        purpose,
        input: LineInput::new(text),
    });
}

/// The person under the cursor in the test.
fn under(ctx: &Ctx<GuideView>, board: &Board) -> Option<PersonId> {
    if board.rows.is_empty() {
        // A spokes council: the cursor is on a group, and its first
        // delegate speaks for it.
        let i = ctx.view.cursor.min(board.groups.len().saturating_sub(1));
        return board.groups.get(i)?.delegates.first().map(|(p, _)| *p);
    }
    let i = ctx.view.cursor.min(board.rows.len().saturating_sub(1));
    board.rows.get(i).map(|r| r.person)
}

/// How many lines the cursor walks: the people counted, or in a spokes
/// council the groups.
fn lines(board: &Board) -> usize {
    if board.rows.is_empty() {
        board.groups.len()
    } else {
        board.rows.len()
    }
}

/// On round the circle after a position is taken.
fn move_on(ctx: &mut Ctx<GuideView>, rows: usize) {
    ctx.view.cursor = (ctx.view.cursor + 1).min(rows.saturating_sub(1));
}

pub fn update(ctx: &mut Ctx<GuideView>, segment: SegmentId, action: Action) -> bool {
    let Some(board) = board(&ctx.look(), segment) else {
        return false;
    };
    if testing(&board) && move_cursor(ctx, action, lines(&board)) {
        return true;
    }
    match action {
        Action::NextStep | Action::PrevStep => {
            let forward = action == Action::NextStep;
            match actions::step(ctx.state(), segment, forward) {
                Some(ev) => {
                    ctx.log(ev);
                    ctx.view.cursor = 0;
                }
                None => ctx.say("no phase that way"),
            }
        }
        Action::TypeProposal => {
            let current = board.proposal.as_ref().map_or("", |p| p.text.as_str());
            prompt(ctx, Typing::Proposal, current);
        }
        Action::BringParked => bring_parked(ctx, &board),
        Action::Agree
        | Action::Concern
        | Action::StandAside
        | Action::Block
        | Action::NoPosition => position(ctx, &board, action),
        Action::PositionWords => words(ctx, &board),
        Action::SettleObjection => settle(ctx, &board),
        Action::Indicative => {
            match under(ctx, &board).filter(|_| testing(&board) && !board.rules.anonymous) {
                Some(p)
                    if board
                        .rows
                        .iter()
                        .any(|r| r.person == p && r.stance.is_some()) =>
                {
                    prompt(ctx, Typing::Indicative(p), "")
                }
                Some(_) => {
                    let k = key(ctx, Action::Indicative);
                    ctx.say(format!(
                        "give their position first, then {k} makes it indicative"
                    ))
                }
                None => ctx.say("indicative positions are given in the test, by name"),
            }
        }
        Action::SendBack => {
            if logged(
                ctx,
                actions::send_back(ctx.state(), segment, Phase::Amendments),
            ) {
                ctx.view.cursor = 0;
                ctx.say("sent back to amendments; the next test starts afresh");
            }
        }
        Action::OpenFallback => {
            let ev = actions::open_fallback(ctx.state(), &ctx.session().plan, segment, ctx.now);
            if logged(ctx, ev) {
                ctx.view.cursor = 0;
            }
        }
        Action::RecordDecision => ask_record(ctx, &board),
        Action::ReviewDate => {
            let current = board.review.map(|d| d.to_string()).unwrap_or_default();
            prompt(ctx, Typing::Review, &current);
        }
        Action::ShowDecision => toggle_big(ctx, Big::Decision),
        _ => return false,
    }
    true
}

/// A position key: counts only, words first, or logged at once.
fn position(ctx: &mut Ctx<GuideView>, board: &Board, action: Action) {
    if !testing(board) {
        let k = key(ctx, Action::NextStep);
        ctx.say(format!(
            "positions are taken in the test for agreement: {k} steps there"
        ));
        return;
    }
    let Some(stance) = stance_for(board, action) else {
        let say = match board.rules.method {
            Method::FistToFive if !board.stances.contains(&Stance::Yes) => {
                "fist to five: the digits 0 to 5 give the fingers".to_string()
            }
            Method::GradientsOfAgreement if !board.stances.contains(&Stance::Yes) => {
                "gradients: the digits 1 to 8 give the position".to_string()
            }
            _ => format!("{} is not a position in this test", action.hint()),
        };
        ctx.say(say);
        return;
    };
    give(ctx, board, stance);
}

/// Gives `stance` for the person under the cursor (or opens its count or
/// its words first).
fn give(ctx: &mut Ctx<GuideView>, board: &Board, stance: Stance) {
    if board.rules.anonymous {
        if stance == Stance::Pass {
            ctx.say("counts only: those who pass are simply not counted");
            return;
        }
        let n = board.tally.of(stance);
        prompt(ctx, Typing::Count(stance), &n.to_string());
        return;
    }
    let Some(person) = under(ctx, board) else {
        if board.rows.is_empty() && !board.groups.is_empty() {
            let name = ctx.settings.key(Context::Breakout, Action::NameDelegate);
            ctx.say(format!(
                "this group has no delegate: name one on the breakout's board ({name})"
            ));
        } else {
            let people = ctx.settings.key(Context::Global, Action::ShowPeople);
            ctx.say(format!(
                "nobody to count: mark who is here on People ({people})"
            ));
        }
        return;
    };
    if stance.asks_for_words() {
        let text = board
            .rows
            .iter()
            .find(|r| r.person == person && r.stance == Some(stance))
            .map_or("", |r| r.text.as_str());
        prompt(ctx, Typing::Words(person, stance), text);
        return;
    }
    let given = Given::new(person, stance);
    mark(ctx, board, given);
}

fn mark(ctx: &mut Ctx<GuideView>, board: &Board, given: Given) {
    let ev = actions::mark(
        ctx.state(),
        &ctx.session().plan,
        board.segment,
        given,
        ctx.now,
    );
    if logged(ctx, ev) {
        move_on(ctx, lines(board));
    }
}

/// The position under the cursor: who gave it, what it is and its words.
/// In a spokes council the cursor is on a group, whose delegate gave it.
fn selected(ctx: &Ctx<GuideView>, board: &Board) -> Option<(PersonId, Option<Stance>, String)> {
    if board.rows.is_empty() {
        let i = ctx.view.cursor.min(board.groups.len().saturating_sub(1));
        let g = board.groups.get(i)?;
        let by = g.by.or_else(|| g.delegates.first().map(|(p, _)| *p))?;
        return Some((by, g.stance, g.text.clone()));
    }
    let person = under(ctx, board)?;
    let row = board.rows.iter().find(|r| r.person == person)?;
    Some((person, row.stance, row.text.clone()))
}

/// Enter on a position that carries words: change them.
fn words(ctx: &mut Ctx<GuideView>, board: &Board) {
    if !testing(board) {
        return;
    }
    match selected(ctx, board) {
        Some((person, Some(stance), text)) if stance.asks_for_words() => {
            prompt(ctx, Typing::Words(person, stance), &text);
        }
        _ => ctx.say("only a concern, stand-aside, block or objection has words"),
    }
}

/// An objection worked: the prompt asks how it was resolved; left empty,
/// it was withdrawn.
fn settle(ctx: &mut Ctx<GuideView>, board: &Board) {
    let Some((person, stance, _)) = selected(ctx, board).filter(|_| testing(board)) else {
        ctx.say("objections are worked in the test");
        return;
    };
    if stance == Some(Stance::Objection) {
        prompt(ctx, Typing::Settle(Who::Person(person)), "");
    } else {
        let k = key(ctx, Action::SettleObjection);
        ctx.say(format!("{k} works an objection: put the cursor on one"));
    }
}

/// The key bound to `action` in the decision guide (then Live, then
/// everywhere), as the help shows it.
fn key(ctx: &Ctx<GuideView>, action: Action) -> String {
    super::key(ctx.settings, ctx.state(), action)
}

/// Recording asks the review date first (enter keeps what is shown); the
/// outcome is the one the rule gives.
fn ask_record(ctx: &mut Ctx<GuideView>, board: &Board) {
    if let Err(why) = actions::undecided(ctx.state(), board.segment) {
        ctx.say(why.0);
        return;
    }
    let Some(outcome) = board.outcomes.first().copied() else {
        return;
    };
    let review = board.review.map(|d| d.to_string()).unwrap_or_default();
    prompt(ctx, Typing::Record(outcome), &review);
}

fn record(ctx: &mut Ctx<GuideView>, board: &Board, outcome: RecordOutcome) {
    let ev = decide(
        ctx.state(),
        &ctx.session().plan,
        board.segment,
        outcome,
        ctx.now,
    );
    if logged(ctx, ev) {
        let notes = ctx.settings.key(Context::Global, Action::ShowNotes);
        ctx.say(format!(
            "recorded: {}; the Decision note is on Notes ({notes})",
            outcome.label()
        ));
    }
}

/// Brings the first parked topic as the proposal, or the next one when a
/// parked topic was brought already.
fn bring_parked(ctx: &mut Ctx<GuideView>, board: &Board) {
    if board.parked.is_empty() {
        ctx.say("the parking lot is empty");
        return;
    }
    let brought = board.proposal.as_ref().and_then(|p| p.from_note);
    let next = match brought.and_then(|n| board.parked.iter().position(|p| p.note == n)) {
        Some(i) => &board.parked[(i + 1) % board.parked.len()],
        None => &board.parked[0],
    };
    match actions::bring_parked(ctx.state(), board.segment, next.note, None) {
        Ok(events) => {
            ctx.log_all(events);
            let k = key(ctx, Action::BringParked);
            ctx.say(format!(
                "brought from the parking lot; {k} again brings the next topic"
            ));
        }
        Err(why) => ctx.say(why.0),
    }
}

/// A line typed in one of the decision's prompts.
pub fn finish(ctx: &mut Ctx<GuideView>, purpose: Typing, text: &str) {
    let Some((_, segment)) = super::showing(ctx.state()) else {
        return;
    };
    let Some(board) = board(&ctx.look(), segment) else {
        return;
    };
    let today = ctx.now.to_zoned(ctx.settings.tz.clone()).date();
    match purpose {
        Typing::Proposal => {
            let (by, text) = actions::bringer(&ctx.state().people, text);
            let ev = match board.proposal {
                None => actions::propose(segment, text, by),
                Some(_) => actions::amend(ctx.state(), segment, text, by),
            };
            if logged(ctx, ev) {
                let n = board.proposal.map_or(1, |p| p.version + 1);
                if n > 1 {
                    ctx.say(format!(
                        "version {n} of the proposal; the earlier ones are kept"
                    ));
                }
            }
        }
        Typing::Words(person, stance) => {
            mark(ctx, &board, Given::new(person, stance).words(text));
        }
        Typing::Count(stance) => match text.trim().parse::<u32>() {
            Ok(n) => {
                let ev = actions::count(
                    ctx.state(),
                    &ctx.session().plan,
                    segment,
                    stance,
                    n,
                    ctx.now,
                );
                logged(ctx, ev);
            }
            Err(_) => ctx.say(format!("{:?} is not a count of hands", text.trim())),
        },
        Typing::Settle(who) => {
            let settled = if text.trim().is_empty() {
                Settled::Withdrawn
            } else {
                Settled::Resolved(text.trim().to_string())
            };
            ctx.log(actions::settle(segment, who, settled));
        }
        Typing::Indicative(person) => {
            let Some(row) = board.rows.iter().find(|r| r.person == person) else {
                return;
            };
            let (Some(stance), Ok((group, by))) =
                (row.stance, actions::parse_indicative(text, today))
            else {
                ctx.say("an indicative position names the group it speaks for");
                return;
            };
            let given = Given::new(person, stance)
                .words(row.text.clone())
                .indicative(group, by);
            mark(ctx, &board, given);
        }
        Typing::Record(outcome) => match actions::parse_review(text, today) {
            Ok(date) => {
                if date != board.review {
                    ctx.log(actions::review(segment, date));
                }
                if let Some(board) = super::decision::board(&ctx.look(), segment) {
                    record(ctx, &board, outcome);
                }
            }
            Err(why) => ctx.say(why.0),
        },
        Typing::Review => match actions::parse_review(text, today) {
            Ok(date) => ctx.log(actions::review(segment, date)),
            Err(why) => ctx.say(why.0),
        },
        _ => {}
    }
}

/// A digit in a fist-to-five or gradients test gives the number for the
/// person under the cursor; elsewhere digits keep their meaning.
pub fn on_key(ctx: &mut Ctx<GuideView>, segment: SegmentId, key: KeyEvent) -> Outcome {
    let KeyCode::Char(c @ '0'..='9') = key.code else {
        return Outcome::Ignored;
    };
    if !(key.modifiers - KeyModifiers::SHIFT).is_empty() || ctx.view.big.is_some() {
        return Outcome::Ignored;
    }
    let Some(board) = board(&ctx.look(), segment).filter(testing) else {
        return Outcome::Ignored;
    };
    let n = c as u8 - b'0';
    let numbers = (
        board.stances.contains(&Stance::Fingers(0)),
        board.stances.contains(&Stance::Gradient(1)),
    );
    let stance = match numbers {
        (true, _) => Stance::Fingers(n),
        (_, true) => Stance::Gradient(n),
        _ => return Outcome::Ignored,
    };
    if !board.stances.contains(&stance) {
        ctx.say(match stance {
            Stance::Fingers(_) => "fingers go from 0 to 5",
            _ => "gradients go from 1 (full endorsement) to 8 (veto)",
        });
        return Outcome::Done;
    }
    give(ctx, &board, stance);
    Outcome::Done
}
