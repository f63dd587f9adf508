//! What a new session of a gathering picks up from its record: everyone
//! who came before is seated (not yet marked here), and the crews, who met
//! whom, who has spoken how much, who held which role and the prompts
//! already asked come along in the session's own person ids.

use std::collections::HashMap;

use super::{Carried, Record, Spoken, key};
use crate::core::person::{Person, PersonId};
use crate::core::roles::{Earlier, fold};

/// Seats the record's people missing from `roster` after it, and returns
/// what the session carries, in the roster's ids.
pub fn carry(record: &Record, roster: &mut Vec<Person>) -> Carried {
    let mut next_id = roster.iter().map(|p| p.id.0 + 1).max().unwrap_or(0);
    let mut next_seat = roster.iter().map(|p| p.seat + 1).max().unwrap_or(0);
    for m in &record.people {
        if !roster.iter().any(|p| key(&p.name) == key(&m.name)) {
            roster.push(Person::new(PersonId(next_id), m.name.clone(), next_seat));
            next_id += 1;
            next_seat += 1;
        }
    }
    let ids: HashMap<String, PersonId> = roster.iter().map(|p| (key(&p.name), p.id)).collect();
    let id = |name: &str| ids.get(&key(name)).copied();
    let members = roster
        .iter()
        .map(|p| {
            let known = record.member(&p.name).map_or(&p.name, |m| &m.name);
            (p.id, known.clone())
        })
        .collect();
    let crews = record
        .crews
        .iter()
        .map(|c| c.iter().filter_map(|n| id(n)).collect::<Vec<_>>())
        .filter(|c| !c.is_empty())
        .collect();
    let met = record
        .pairings
        .iter()
        .filter_map(|(a, b)| Some((id(a)?, id(b)?)))
        .collect();
    let spoken = record
        .people
        .iter()
        .filter(|m| m.turns > 0 || m.spoken.is_positive())
        .filter_map(|m| {
            Some(Spoken {
                person: id(&m.name)?,
                turns: m.turns,
                time: m.spoken,
            })
        })
        .collect();
    let mut held: Vec<Earlier> = Vec::new();
    for h in &record.roles {
        let Some(person) = id(&h.name) else { continue };
        let last = record
            .sessions
            .get(h.session)
            .map_or_else(String::new, |s| s.label());
        match held
            .iter_mut()
            .find(|e| e.person == person && fold(&e.role) == fold(&h.role))
        {
            Some(e) => {
                e.times += 1;
                e.last = last;
            }
            None => held.push(Earlier {
                role: h.role.clone(),
                person,
                times: 1,
                last,
            }),
        }
    }
    Carried {
        id: record.id.clone(),
        sessions: record.sessions.iter().map(|s| s.label()).collect(),
        members,
        crews,
        met,
        spoken,
        held,
        prompts: record.prompts.clone(),
        open_follow_ups: record.follow_ups.len(),
    }
}
