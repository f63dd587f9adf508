//! The gathering's record, derived from its sessions alone: run this over
//! the same session files and the same record comes out, so it can always
//! be rebuilt (`circlekeeper gathering ID --rebuild`).

use std::collections::HashMap;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::{Came, FollowUp, Member, RECORD_FORMAT, Record, RoleHeld, SessionLine, key};
use crate::core::airtime;
use crate::core::days::layout;
use crate::core::event::Event;
use crate::core::groups::fold_crew;
use crate::core::note::{NoteKind, Visibility};
use crate::core::person::{PeopleEvent, PersonId};
use crate::core::round::present;
use crate::core::run::{SegmentId, Status};
use crate::core::session::Session;
use crate::core::state::State;

/// The record of gathering `id` from its sessions (each with its file
/// name), taken oldest first whatever order they come in. Rehearsals and
/// sessions of other gatherings are left out.
/// Dates are read in `tz` where a plan gives none.
pub fn derive(id: &str, sessions: &[(String, &Session)], tz: &TimeZone) -> Record {
    let mut ours: Vec<&(String, &Session)> = sessions
        .iter()
        .filter(|(_, s)| !s.rehearsal && s.plan.gathering.as_deref() == Some(id))
        .collect();
    ours.sort_by(|a, b| a.1.created.cmp(&b.1.created).then(a.0.cmp(&b.0)));
    let mut record = Record {
        format: RECORD_FORMAT,
        id: id.to_string(),
        sessions: Vec::new(),
        people: Vec::new(),
        crews: Vec::new(),
        pairings: Vec::new(),
        roles: Vec::new(),
        prompts: Vec::new(),
        follow_ups: Vec::new(),
    };
    for (n, (file, session)) in ours.into_iter().enumerate() {
        add_session(&mut record, n, file, session, tz);
    }
    record
}

/// The name each person of a session goes by in the record: the name the
/// session picked them up under, else their name as the session ends (or
/// as they left).
fn names(session: &Session, state: &State) -> HashMap<PersonId, String> {
    let mut names: HashMap<PersonId, String> = session
        .roster
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .collect();
    for e in &session.events {
        if let Event::People(PeopleEvent::Joined(p) | PeopleEvent::Edited(p)) = &e.event {
            names.insert(p.id, p.name.clone());
        }
    }
    for p in state.people.all() {
        names.insert(p.id, p.name.clone());
    }
    names
}

fn add_session(record: &mut Record, n: usize, file: &str, session: &Session, tz: &TimeZone) {
    let state = State::replay(session);
    let end = session.events.last().map_or(session.created, |e| e.at);
    let names = names(session, &state);
    let carried = session.gathering.as_ref();
    // The record's member for a person, added on first sight.
    let member = |record: &mut Record, id: PersonId| -> Option<usize> {
        let now_called = names.get(&id)?;
        let known_as = carried
            .and_then(|c| c.member(id))
            .unwrap_or(now_called)
            .to_string();
        let (k, now_k) = (key(&known_as), key(now_called));
        let found = record
            .people
            .iter()
            .position(|m| key(&m.name) == k)
            .or_else(|| record.people.iter().position(|m| key(&m.name) == now_k));
        let i = match found {
            Some(i) => i,
            None => {
                record.people.push(Member {
                    name: known_as,
                    came: Vec::new(),
                    turns: 0,
                    spoken: SignedDuration::ZERO,
                });
                record.people.len() - 1
            }
        };
        // A name corrected in this session is the name from now on.
        record.people[i].name = now_called.clone();
        Some(i)
    };

    let ran = state.run.started.is_some();
    let mut came = 0;
    for p in &session.roster {
        member(record, p.id);
    }
    if ran {
        for p in present(&state.people) {
            if let Some(i) = member(record, p.id) {
                let at = state
                    .people
                    .arrived_at
                    .iter()
                    .find(|(who, _)| *who == p.id)
                    .map(|(_, t)| *t);
                record.people[i].came.push(Came { session: n, at });
                came += 1;
            }
        }
    }
    let report = airtime::report(&state, None, end);
    for a in &report.speakers {
        if let Some(i) = member(record, a.person) {
            let m = &mut record.people[i];
            m.turns += a.turns;
            m.spoken = m.spoken.saturating_add(a.spoken);
        }
    }
    // Crews and who met whom, by name.
    let known = |record: &mut Record, id: PersonId| -> Option<String> {
        member(record, id).map(|i| record.people[i].name.clone())
    };
    for g in &state.guides.groupings {
        let groups: Vec<Vec<String>> = g
            .groups
            .iter()
            .map(|grp| grp.iter().filter_map(|p| known(record, *p)).collect())
            .collect();
        for grp in &groups {
            if g.crews {
                fold_crew(&mut record.crews, grp);
            }
            for (i, a) in grp.iter().enumerate() {
                for b in &grp[i + 1..] {
                    let pair = ordered(a, b);
                    if !record.pairings.contains(&pair) {
                        record.pairings.push(pair);
                    }
                }
            }
        }
    }
    for h in state.roles.holdings() {
        if let Some(name) = known(record, h.person) {
            record.roles.push(RoleHeld {
                role: h.role.clone(),
                name,
                session: n,
                drawn: h.drawn,
            });
        }
    }
    // Prompts of the parts that ran: the one chosen, else the plan's.
    for (i, p) in state.run.progress.iter().enumerate() {
        if matches!(p.status, Status::Upcoming | Status::Skipped) {
            continue;
        }
        let id = SegmentId(i as u32);
        let prompt = state
            .guides
            .prompt(id)
            .map(str::to_string)
            .or_else(|| state.run.segment(id).and_then(|s| s.prompt.clone()));
        if let Some(prompt) = prompt.filter(|p| !p.trim().is_empty())
            && !record.prompts.contains(&prompt)
        {
            record.prompts.push(prompt);
        }
    }
    for note in state.notes.all() {
        let (kind, who, with, by) = match &note.kind {
            NoteKind::FollowUp { who, with, by } => ("follow-up", who.clone(), with.clone(), *by),
            NoteKind::Action { owner, due } => {
                ("action", owner.iter().copied().collect(), vec![], *due)
            }
            _ => continue,
        };
        let who = who.iter().filter_map(|p| known(record, *p)).collect();
        let with = with.iter().filter_map(|p| known(record, *p)).collect();
        record.follow_ups.push(FollowUp {
            session: n,
            kind: kind.into(),
            text: note.text.clone(),
            who,
            with,
            by,
            circle: note.visibility == Visibility::CircleOnly,
        });
    }
    let days = layout(&session.plan);
    let day = (session.plan.days.len() == 1).then(|| days[0].title.clone());
    record.sessions.push(SessionLine {
        file: file.to_string(),
        title: session.plan.title.clone(),
        day,
        // The day it really ran, else the day it was planned for.
        date: state
            .run
            .started
            .map(|t: Timestamp| t.to_zoned(tz.clone()).date())
            .or_else(|| days.first().and_then(|d| d.date)),
        began: state.run.started,
        finished: state.finished(),
        came,
    });
}

/// A pair of names in a fixed order, so each pair is listed once.
fn ordered(a: &str, b: &str) -> (String, String) {
    if key(a) <= key(b) {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}
