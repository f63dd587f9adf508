//! The anti-retreat: walking toward a conflict together instead of taking it
//! away from the community. One conversation about one matter goes through
//! phases, gives each voice uninterrupted and equal time, asks what each
//! person can take on (responsibility, not a ledger of blame) and ends with
//! next paths. Conversations naming the same matter form one arc.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::super::note::{Kind, Notes};
use super::super::person::{People, PersonId};
use super::super::plan::{Cue, Plan, Segment};
use super::super::run::{Run, SegmentId, Status};
use super::super::turn::Turn;
use super::{GuideClock, Guides};

/// The phases of one conversation, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    Agreements,
    Voices,
    Impacts,
    Responsibility,
    NextPaths,
    CheckOut,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Agreements,
        Phase::Voices,
        Phase::Impacts,
        Phase::Responsibility,
        Phase::NextPaths,
        Phase::CheckOut,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Agreements => "agreements",
            Phase::Voices => "voices",
            Phase::Impacts => "impacts & needs",
            Phase::Responsibility => "what is mine",
            Phase::NextPaths => "next paths",
            Phase::CheckOut => "check-out",
        }
    }

    pub fn index(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Phase> {
        Phase::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Phase> {
        self.index().checked_sub(1).map(|i| Phase::ALL[i])
    }

    /// The phase's part of the conversation's time, out of `WEIGHTS`.
    fn weight(self) -> i64 {
        match self {
            Phase::Agreements | Phase::CheckOut => 1,
            Phase::Voices => 3,
            _ => 2,
        }
    }

    /// What the facilitator says, does and watches for in this phase.
    pub fn script(self) -> Vec<Cue> {
        let cue = |say: &str, act: &str, watch: &str| Cue {
            say: (!say.is_empty()).then(|| say.to_string()),
            act: (!act.is_empty()).then(|| act.to_string()),
            watch: (!watch.is_empty()).then(|| watch.to_string()),
            phase: None,
        };
        match self {
            Phase::Agreements => vec![cue(
                "Thank you for coming into this room. We're here because this matters to \
                 all of us, and we'd rather face it together than carry it apart. One \
                 sentence each: what do you hope for from this time? A hope, not an outcome.",
                "Read the agreements aloud, slowly, and ask each person for a clear yes.",
                "A yes from the mouth but not the body. Check in gently.",
            )],
            Phase::Voices => vec![cue(
                "Each of you will speak with nobody cutting in. Speak from your own \
                 experience: what happened for you, and what it has been like.",
                "Start each voice's time as they begin. When they finish, someone says back \
                 what they heard, and the speaker says whether that was it.",
                "Replies sneaking in before a voice is done. Hold the space.",
            )],
            Phase::Impacts => vec![cue(
                "What has this cost you, or people you care about? And what do you need \
                 now, not from a verdict, but from each other?",
                "Write the needs up where everyone can see them, in the speakers' words.",
                "Needs turning into demands on someone else. Ask: what would that give you?",
            )],
            Phase::Responsibility => vec![cue(
                "Each of us, for ourselves: what part of this is mine to take on? Not who \
                 broke what, but what I can carry, change or offer. A small part still counts.",
                "",
                "Fingers pointing outward. Bring it back: and what is yours in this?",
            )],
            Phase::NextPaths => vec![cue(
                "Where does this go from here? Which conversations need to happen one to \
                 one? Does it need a community forum, or a longer convening? Who, with whom, \
                 and by when?",
                "Note each path as a follow-up: who, with whom, by when.",
                "Promises nobody has time for. Fewer, real ones are better.",
            )],
            Phase::CheckOut => vec![cue(
                "One sentence each, around the circle: how are you leaving this room? What \
                 was said here stays here unless all of us agree otherwise.",
                "Thank each person by name. Notice who might want company afterwards.",
                "",
            )],
        }
    }
}

const WEIGHTS: i64 = 11;

/// A phase's share of the segment's time box, in whole minutes (at least one).
pub fn phase_box(segment_box: SignedDuration, phase: Phase) -> SignedDuration {
    crate::core::duration::share(segment_box, phase.weight(), WEIGHTS)
}

/// The phase on and its clock against its share of the time.
pub fn phase_clock(
    run: &Run,
    plan: &Plan,
    guides: &Guides,
    segment: SegmentId,
    now: Timestamp,
) -> Option<(Phase, GuideClock)> {
    let seg = run.segment(segment)?;
    let mark = guides.phase(segment);
    let time_box = phase_box(run.time_box(segment), mark.value);
    let clock = GuideClock::new(mark.elapsed(run, now), time_box, &plan.warnings_for(seg));
    Some((mark.value, clock))
}

/// The phase each line of a plan's script belongs to: the phase it names,
/// else the phase of the line before it, the first phase at the start.
pub fn line_phases(script: &[Cue]) -> Vec<Phase> {
    let mut phase = Phase::Agreements;
    script
        .iter()
        .map(|c| {
            phase = c.phase.unwrap_or(phase);
            phase
        })
        .collect()
}

/// The plan's script lines for a phase, as the guide shows them beside the
/// phase's own script: "plan 3/8: Five minutes each, without interruption."
pub fn plan_lines(segment: &Segment, phase: Phase) -> Vec<String> {
    let total = segment.script.len();
    segment
        .script
        .iter()
        .zip(line_phases(&segment.script))
        .enumerate()
        .filter(|(_, (_, p))| *p == phase)
        .filter_map(|(i, (c, _))| {
            let text = c.say.as_ref().or(c.act.as_ref()).or(c.watch.as_ref())?;
            Some(format!("plan {}/{total}: {text}", i + 1))
        })
        .collect()
}

/// One voice of a conversation: a name from the plan, matched to the roster
/// when it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub person: Option<PersonId>,
}

/// The voices of a conversation: the plan's `parties` (matched to people by
/// name), then anyone the facilitator added, less anyone removed.
pub fn parties(people: &People, guides: &Guides, segment: SegmentId, seg: &Segment) -> Vec<Party> {
    let mut out: Vec<Party> = seg
        .parties
        .iter()
        .map(|name| Party {
            name: name.clone(),
            person: people.find_by_name(name).map(|p| p.id),
        })
        .collect();
    for (person, joined) in guides.party_changes(segment) {
        let at = out.iter().position(|p| p.person == Some(person));
        match (joined, at) {
            (true, None) => out.push(Party {
                name: people.name(person).to_string(),
                person: Some(person),
            }),
            (false, Some(i)) => {
                out.remove(i);
            }
            _ => {}
        }
    }
    out
}

/// One voice's speaking time in a conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    pub person: PersonId,
    pub spoken: SignedDuration,
    /// Part of all speaking time, 0.0 to 1.0 (0.0 while nobody has spoken).
    pub share: f64,
}

/// Each voice's share of the speaking time: the given voices in order (even
/// before they speak), then anyone else who spoke.
pub fn shares<'a>(
    voices: &[PersonId],
    turns: impl IntoIterator<Item = &'a Turn>,
    now: Timestamp,
) -> Vec<Share> {
    let mut out: Vec<Share> = voices
        .iter()
        .map(|p| Share {
            person: *p,
            spoken: SignedDuration::ZERO,
            share: 0.0,
        })
        .collect();
    for turn in turns {
        let i = match out.iter().position(|s| s.person == turn.person) {
            Some(i) => i,
            None => {
                out.push(Share {
                    person: turn.person,
                    spoken: SignedDuration::ZERO,
                    share: 0.0,
                });
                out.len() - 1
            }
        };
        out[i].spoken = out[i].spoken.saturating_add(turn.spoken(now));
    }
    let total: f64 = out.iter().map(|s| s.spoken.as_secs_f64()).sum();
    if total > 0.0 {
        for s in &mut out {
            s.share = s.spoken.as_secs_f64() / total;
        }
    }
    out
}

/// Below this much speaking in all, shares say too little to hint at.
pub const HINT_AFTER: SignedDuration = SignedDuration::from_mins(2);

/// The voice to invite next when time has gone unevenly: when someone has
/// had under 60% of an equal share, or someone over 150% of it. `None`
/// while it is even enough, or too early to tell.
pub fn quietest_if_uneven(shares: &[Share]) -> Option<PersonId> {
    if shares.len() < 2 {
        return None;
    }
    let total = shares
        .iter()
        .fold(SignedDuration::ZERO, |t, s| t.saturating_add(s.spoken));
    if total < HINT_AFTER {
        return None;
    }
    let equal = 1.0 / shares.len() as f64;
    let uneven = shares
        .iter()
        .any(|s| s.share < 0.6 * equal || s.share > 1.5 * equal);
    let quietest = shares
        .iter()
        .min_by(|a, b| a.spoken.cmp(&b.spoken))
        .map(|s| s.person);
    if uneven { quietest } else { None }
}

/// One conversation on a matter, for the arc view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArcItem {
    pub segment: SegmentId,
    pub title: String,
    pub status: Status,
    pub follow_ups: usize,
}

/// Whether two matters are the same (spacing and case aside).
pub fn same_matter(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

/// Every segment about `matter`, in running order, with its follow-ups.
pub fn matter_arc(run: &Run, notes: &Notes, matter: &str) -> Vec<ArcItem> {
    run.order
        .iter()
        .filter_map(|id| {
            let seg = run.segment(*id)?;
            let m = seg.matter.as_deref()?;
            if !same_matter(m, matter) {
                return None;
            }
            Some(ArcItem {
                segment: *id,
                title: seg.title.clone(),
                status: run.progress(*id)?.status,
                follow_ups: notes
                    .in_segment(*id)
                    .filter(|n| n.kind.kind() == Kind::FollowUp)
                    .count(),
            })
        })
        .collect()
}

/// A follow-up as typed on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpDraft {
    pub who: Vec<PersonId>,
    pub with: Vec<PersonId>,
    pub by: Option<Date>,
    pub text: String,
}

/// Reads "Ana with Kim, Lee by 2026-06-20: a one-on-one about the fund".
/// Before the colon: who, then `with` whom, then `by` a day (a date or a
/// word such as "sunday", read against `today` as `core::due` does), each part
/// optional, names separated by commas or "and". When all of that is
/// understood it becomes the follow-up's fields and the rest its text;
/// otherwise the whole line is kept as the text, with whatever was
/// understood, so nothing typed is lost.
pub fn parse_follow_up(line: &str, people: &People, today: Date) -> FollowUpDraft {
    let line = line.trim();
    let whole = FollowUpDraft {
        who: Vec::new(),
        with: Vec::new(),
        by: None,
        text: line.to_string(),
    };
    let Some((head, body)) = line.split_once(':') else {
        return whole;
    };
    let (head, by) = match split_word(head, "by") {
        Some((h, day)) => (h, Some(crate::core::due::parse(day, today).ok())),
        None => (head, None),
    };
    let (who, with) = match split_word(head, "with") {
        Some((w, with)) => (w, with),
        None => (head, ""),
    };
    let names = |text: &str| -> (Vec<PersonId>, bool) {
        let mut ids = Vec::new();
        let mut all_known = true;
        for name in text
            .split(',')
            .flat_map(|part| part.split(" and "))
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            match people.find_by_name(name) {
                Some(p) => ids.push(p.id),
                None => all_known = false,
            }
        }
        (ids, all_known)
    };
    let (who, who_ok) = names(who);
    let (with, with_ok) = names(with);
    let date_ok = by.is_none_or(|d| d.is_some());
    let understood = who_ok && with_ok && date_ok && !body.trim().is_empty();
    FollowUpDraft {
        who,
        with,
        by: by.flatten(),
        text: if understood {
            body.trim().to_string()
        } else {
            line.to_string()
        },
    }
}

/// Splits "a with b" at the word (a whole word, any case).
fn split_word<'a>(text: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let mut at = 0;
    for part in text.split_inclusive(' ') {
        if part.trim().eq_ignore_ascii_case(word) {
            return Some((&text[..at], &text[at + part.len()..]));
        }
        at += part.len();
    }
    None
}

#[cfg(test)]
mod tests;
