//! Anonymizing catches names as people write them: random notes mention
//! random roster names in random forms (any part of a name, any case, with
//! or without accents, with an ending glued on, in titles, owners and
//! follow-ups), and no name part of three letters or more survives.

use circlekeeper::core::event::Event;
use circlekeeper::core::harvest::{AirtimeLine, Harvest, Options};
use circlekeeper::core::note::{Note, NoteEvent, NoteId, NoteKind, Visibility};
use circlekeeper::core::person::PersonId;
use circlekeeper::core::plan::{Plan, Segment, SegmentKind};
use circlekeeper::core::run::{RunEvent, SegmentId};
use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use circlekeeper::core::timeline::Timeline;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Parts names are made of, in several scripts; the last three are also
/// everyday words.
const PARTS: [&str; 22] = [
    "Tomás",
    "Zoë",
    "José",
    "Maria",
    "Lopez",
    "Łukasz",
    "Søren",
    "Ingrid",
    "Mei",
    "美玲",
    "李雷",
    "محمد",
    "الأحمد",
    "प्रिया",
    "Анна",
    "Σοφία",
    "Νίκος",
    "민수",
    "Idris",
    "Will",
    "May",
    "Rose",
];
const COMMON: [&str; 3] = ["Will", "May", "Rose"];

/// Words of the notes around the names; none holds a name part.
const FILLER: [&str; 16] = [
    "the", "rota", "call", "about", "kitchen", "and", "after", "meeting", "tea", "hall", "talk",
    "money", "garden", "we", "to", "on",
];
const GLUE: [&str; 6] = [" ", ", ", ". ", " (", ") ", "\n"];

/// How a name is written in a note.
#[derive(Debug, Clone)]
struct Form {
    /// The whole name, or one part of it.
    part: Option<usize>,
    case: u8,
    strip_accents: bool,
    ending: u8,
}

fn form() -> impl Strategy<Value = Form> {
    (
        proptest::option::of(0..3usize),
        0..4u8,
        any::<bool>(),
        0..7u8,
    )
        .prop_map(|(part, case, strip_accents, ending)| Form {
            part,
            case,
            strip_accents,
            ending,
        })
}

/// Folded the plain way, independently of the code under test: NFD,
/// accents and hamza dropped, lower case.
fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !matches!(*c as u32, 0x0300..=0x036F | 0x0654 | 0x0655))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}

fn unspaced(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c as u32, 0x4E00..=0x9FFF | 0xAC00..=0xD7AF))
}

/// A name as someone might type it.
fn written(name: &str, f: &Form) -> String {
    let parts: Vec<&str> = name.split(' ').collect();
    let base = match f.part {
        Some(i) => parts[i % parts.len()],
        None => name,
    };
    let common = parts.iter().any(|p| COMMON.contains(p));
    let mut text = match f.case {
        // Names that are also words count only capitalized.
        _ if common => base.to_uppercase(),
        0 => base.to_string(),
        1 => base.to_lowercase(),
        2 => base.to_uppercase(),
        _ => base.to_string(),
    };
    if f.strip_accents {
        text = text
            .nfd()
            .filter(|c| !matches!(*c as u32, 0x0300..=0x036F))
            .collect();
    }
    let last = text.split(' ').next_back().unwrap_or("");
    let ending = if unspaced(last) {
        ["", "가", "的", "", "", "", ""][f.ending as usize]
    } else if last.chars().count() >= 3 {
        ["", "'s", "’s", "'", "s", "lle", ""][f.ending as usize]
    } else {
        ["", "'s", "", "", "", "", ""][f.ending as usize]
    };
    text + ending
}

/// A roster of one- to three-part names.
fn roster() -> impl Strategy<Value = Vec<String>> {
    let name = proptest::collection::vec(0..PARTS.len(), 1..=3)
        .prop_map(|ids| ids.iter().map(|&i| PARTS[i]).collect::<Vec<_>>().join(" "));
    proptest::collection::vec(name, 1..6)
}

/// A note: filler words and names in some form, with glue between.
/// One word of a note: someone's name in some form, or filler; then glue.
type Word = (Option<(usize, Form)>, usize, usize);

fn note() -> impl Strategy<Value = Vec<Word>> {
    proptest::collection::vec(
        (
            proptest::option::of((any::<usize>(), form())),
            0..FILLER.len(),
            0..GLUE.len(),
        ),
        1..12,
    )
}

fn text_of(roster: &[String], words: &[Word]) -> String {
    let mut out = String::new();
    for (name, filler, glue) in words {
        match name {
            Some((who, f)) => out.push_str(&written(&roster[who % roster.len()], f)),
            None => out.push_str(FILLER[*filler]),
        }
        out.push_str(GLUE[*glue]);
    }
    out
}

fn session(roster: &[String], notes: &[String], titles: &[String]) -> Session {
    let mut plan = Plan::new(
        titles[0].clone(),
        titles[1..]
            .iter()
            .map(|t| {
                Segment::new(
                    t.clone(),
                    SegmentKind::OpenFloor,
                    SignedDuration::from_mins(5),
                )
            })
            .collect(),
    );
    plan.roster = roster.to_vec();
    let t0 = Timestamp::from_second(1_800_000_000).unwrap();
    let mut timeline = Timeline::new(Session::new(plan, t0));
    timeline.record(t0, Event::Run(RunEvent::Start(SegmentId(0))));
    for (i, text) in notes.iter().enumerate() {
        let person = PersonId((i % roster.len()) as u32);
        let kind = match i % 3 {
            0 => NoteKind::Note,
            1 => NoteKind::Action {
                owner: Some(person),
                due: None,
            },
            _ => NoteKind::FollowUp {
                who: vec![person],
                with: vec![PersonId(0)],
                by: None,
            },
        };
        let note = Note {
            id: NoteId(i as u32),
            kind,
            text: text.clone(),
            visibility: Visibility::Shared,
            segment: Some(SegmentId(0)),
            speaker: None,
            group: None,
        };
        timeline.record(t0, Event::Note(NoteEvent::Added(note)));
    }
    timeline.into_parts().0
}

/// Every text a reader of the harvest sees that could hold a name.
fn texts(h: &Harvest) -> Vec<String> {
    let mut out = vec![h.title.clone()];
    out.extend(h.agenda.iter().map(|l| l.title.clone()));
    out.extend(h.decisions.iter().map(|i| i.text.clone()));
    out.extend(h.notes.iter().map(|i| i.text.clone()));
    for a in &h.actions {
        out.push(a.text.clone());
        out.extend(a.owner.clone());
    }
    for f in &h.follow_ups {
        out.push(f.text.clone());
        out.extend(f.who.iter().chain(&f.with).cloned());
    }
    out.extend(h.airtime.iter().map(|a| a.name.clone()));
    out.extend(h.took_part.iter().cloned());
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn no_name_part_survives_anonymizing(
        roster in roster(),
        notes in proptest::collection::vec(note(), 1..6),
        titles in proptest::collection::vec(note(), 2..4),
    ) {
        let notes: Vec<String> = notes.iter().map(|n| text_of(&roster, n)).collect();
        let titles: Vec<String> = titles.iter().map(|n| text_of(&roster, n)).collect();
        let session = session(&roster, &notes, &titles);
        let state = State::replay(&session);
        let airtime: Vec<AirtimeLine> = (0..roster.len() as u32)
            .map(|i| AirtimeLine { person: PersonId(i), turns: 1, total: SignedDuration::from_mins(1) })
            .collect();
        let options = Options { anonymize: true, ..Options::default() };
        let harvest = Harvest::build(&session, &state, &options, Some(&airtime));
        prop_assert_eq!(harvest.notes.len() + harvest.actions.len() + harvest.follow_ups.len(), notes.len());
        let md = fold(&harvest.to_markdown());
        let ron = fold(&harvest.to_ron().unwrap());
        let fields: Vec<String> = texts(&harvest).iter().map(|t| fold(t)).collect();
        for name in &roster {
            for part in name.split(' ').map(fold).filter(|p| p.chars().count() >= 3) {
                for text in &fields {
                    prop_assert!(!text.contains(&part), "{:?} survives in {:?}", part, text);
                }
                // Whole words of the rendered outputs, too.
                for out in [&md, &ron] {
                    let word = format!(" {part} ");
                    let spaced = format!(" {} ", out.replace(|c: char| !c.is_alphanumeric(), " "));
                    prop_assert!(!spaced.contains(&word), "{:?} survives in the output", part);
                }
            }
        }
    }
}

#[test]
fn the_filler_holds_no_name_part() {
    for word in FILLER {
        for part in PARTS {
            assert!(!fold(word).contains(&fold(part)), "{word} holds {part}");
        }
    }
    for label in ["person", "or"] {
        for part in PARTS {
            assert!(!label.contains(&fold(part)));
        }
    }
}
