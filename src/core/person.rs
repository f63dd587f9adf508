//! People in the circle: the roster and who has arrived.

use std::collections::HashMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A stable handle for a person; names can repeat or change, ids do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(pub u32);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pronouns: Option<String>,
    /// Place in the seating order; rounds go around by it.
    pub seat: u32,
    #[serde(default)]
    pub arrived: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Self-identified priority on a progressive stack, used only where the
    /// group agreed to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub priority: bool,
}

impl Person {
    pub fn new(id: PersonId, name: impl Into<String>, seat: u32) -> Person {
        Person {
            id,
            name: name.into(),
            pronouns: None,
            seat,
            arrived: false,
            roles: Vec::new(),
            priority: false,
        }
    }
}

/// What can happen to the roster during a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeopleEvent {
    Joined(Person),
    Edited(Person),
    Left(PersonId),
    Arrived { id: PersonId, arrived: bool },
}

/// The roster as it stands, in seating order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People {
    list: Vec<Person>,
    /// Where each person is in `list`, so looking someone up is one step
    /// however big the circle (screens look up every seat they draw).
    index: HashMap<PersonId, usize>,
    /// When each person was last marked arrived.
    pub arrived_at: Vec<(PersonId, Timestamp)>,
    /// The id after the highest ever seen, so someone who joins after
    /// another left never takes over the leaver's turns.
    next: u32,
}

impl People {
    pub fn new(roster: &[Person]) -> People {
        let mut p = People {
            list: roster.to_vec(),
            index: HashMap::new(),
            arrived_at: Vec::new(),
            next: roster
                .iter()
                .map(|p| p.id.0.saturating_add(1))
                .max()
                .unwrap_or(0),
        };
        p.sort();
        p
    }

    fn sort(&mut self) {
        self.list.sort_by_key(|p| (p.seat, p.id));
        self.index = self
            .list
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
    }

    fn get_mut(&mut self, id: PersonId) -> Option<&mut Person> {
        let i = *self.index.get(&id)?;
        self.list.get_mut(i)
    }

    pub fn all(&self) -> &[Person] {
        &self.list
    }

    pub fn get(&self, id: PersonId) -> Option<&Person> {
        self.list.get(*self.index.get(&id)?)
    }

    pub fn name(&self, id: PersonId) -> &str {
        self.get(id).map_or("(gone)", |p| p.name.as_str())
    }

    /// The id a newly joined person gets: never one used before, even by
    /// someone who has left.
    pub fn next_id(&self) -> PersonId {
        PersonId(self.next)
    }

    /// Keeps ids that were handed out and later undone from being handed out
    /// again, so notes that name them never change hands.
    pub fn reserve(&mut self, id: PersonId) {
        self.next = self.next.max(id.0.saturating_add(1));
    }

    /// The seat after the last one, for someone joining the circle.
    pub fn next_seat(&self) -> u32 {
        self.list
            .iter()
            .map(|p| p.seat.saturating_add(1))
            .max()
            .unwrap_or(0)
    }

    pub fn find_by_name(&self, name: &str) -> Option<&Person> {
        self.list
            .iter()
            .find(|p| p.name.trim().eq_ignore_ascii_case(name.trim()))
    }

    pub fn apply(&mut self, at: Timestamp, ev: &PeopleEvent) {
        match ev {
            PeopleEvent::Joined(p) => {
                self.next = self.next.max(p.id.0.saturating_add(1));
                if self.get(p.id).is_none() {
                    self.list.push(p.clone());
                    self.sort();
                }
            }
            PeopleEvent::Edited(p) => {
                if let Some(old) = self.get_mut(p.id) {
                    let moved = old.seat != p.seat;
                    *old = p.clone();
                    if moved {
                        self.sort();
                    }
                }
            }
            PeopleEvent::Left(id) => {
                self.list.retain(|p| p.id != *id);
                self.sort();
            }
            PeopleEvent::Arrived { id, arrived } => {
                if let Some(p) = self.get_mut(*id) {
                    p.arrived = *arrived;
                    self.arrived_at.retain(|(i, _)| i != id);
                    if *arrived {
                        self.arrived_at.push((*id, at));
                    }
                }
            }
        }
    }
}

/// A starting roster from a list of names, seated in the order given.
pub fn roster_from_names<S: AsRef<str>>(names: &[S]) -> Vec<Person> {
    names
        .iter()
        .map(|n| n.as_ref().trim())
        .filter(|n| !n.is_empty())
        .enumerate()
        .map(|(i, n)| Person::new(PersonId(i as u32), n, i as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roster_keeps_seat_order_and_tracks_arrivals() {
        let mut people = People::new(&roster_from_names(&["Ana", "  ", "李雷", "Kim"]));
        assert_eq!(people.all().len(), 3);
        let at = Timestamp::UNIX_EPOCH;
        let mut kim = people.get(PersonId(2)).unwrap().clone();
        kim.seat = 0;
        people.apply(at, &PeopleEvent::Edited(kim));
        people.apply(
            at,
            &PeopleEvent::Arrived {
                id: PersonId(1),
                arrived: true,
            },
        );
        let names: Vec<&str> = people.all().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ana", "Kim", "李雷"]);
        assert!(people.get(PersonId(1)).unwrap().arrived);
        assert_eq!(people.next_id(), PersonId(3));
        people.apply(at, &PeopleEvent::Left(PersonId(0)));
        assert_eq!(people.all().len(), 2);
        assert_eq!(people.name(PersonId(0)), "(gone)");
        // The last one leaving does not free their id for a newcomer.
        people.apply(at, &PeopleEvent::Left(PersonId(2)));
        assert_eq!(people.next_id(), PersonId(3));
    }
}
