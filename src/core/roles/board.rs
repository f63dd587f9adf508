//! Everything the People screen shows of roles, computed in one go from the
//! state, so the screen only draws it and turns keys into `actions`.

use std::collections::BTreeMap;

use super::actions::{Among, pool};
use super::{fold, names};
use crate::core::person::PersonId;
use crate::core::plan::Plan;
use crate::core::round::present;
use crate::core::state::State;

/// Someone the app suggests for a role: who has held it least.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub person: PersonId,
    pub name: String,
    /// Times held in the gathering, this session included.
    pub held: u32,
    /// Where they last held it ("today", "Friday"), if ever.
    pub last: Option<String>,
}

/// A person with a role, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub person: PersonId,
    pub name: String,
}

/// One role as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRow {
    pub role: String,
    pub holders: Vec<Named>,
    /// Decided beforehand in the plan, when it says.
    pub planned: Option<String>,
    pub volunteers: Vec<Named>,
    /// The people a draw among volunteers would be among now.
    pub drawable: usize,
    pub suggestions: Vec<Suggestion>,
}

/// The latest draw, to show large for the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawView {
    pub role: String,
    pub among: Vec<String>,
    pub drawn: Option<String>,
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    pub roles: Vec<RoleRow>,
    pub last_draw: Option<DrawView>,
}

/// How many suggestions each role gets.
pub const SUGGESTIONS: usize = 3;

/// The roles of the plan with their holders, volunteers and suggestions.
/// `planned` is who the plan (or today's day) names for each role.
pub fn board(state: &State, plan: &Plan, planned: &BTreeMap<String, String>) -> Board {
    let named = |p: PersonId| Named {
        person: p,
        name: state.people.name(p).to_string(),
    };
    let roles = names(plan)
        .into_iter()
        .map(|role| RoleRow {
            holders: state.roles.holders(&role).into_iter().map(named).collect(),
            planned: planned
                .iter()
                .find(|(r, _)| fold(r) == fold(&role))
                .map(|(_, n)| n.clone()),
            volunteers: state
                .roles
                .volunteers(&role)
                .into_iter()
                .map(named)
                .collect(),
            drawable: pool(state, &role, Among::Volunteers).len(),
            suggestions: suggest(state, &role, SUGGESTIONS),
            role,
        })
        .collect();
    let last_draw = state.roles.draws().last().map(|d| DrawView {
        role: d.role.clone(),
        among: d
            .among
            .iter()
            .map(|p| state.people.name(*p).to_string())
            .collect(),
        drawn: d.drawn.map(|p| state.people.name(p).to_string()),
        seed: d.seed,
    });
    Board { roles, last_draw }
}

/// People here who could take a role, those who have held it least in the
/// gathering first; then those holding no other role now (power spread
/// out), then seating order. Nobody who holds it now or asked not to be
/// drawn for it is suggested.
pub fn suggest(state: &State, role: &str, limit: usize) -> Vec<Suggestion> {
    let mut out: Vec<(u32, usize, u32, Suggestion)> = present(&state.people)
        .into_iter()
        .filter(|p| !state.roles.holds(role, p.id) && !state.roles.opted_out(role, p.id))
        .map(|p| {
            let (held, last) = state.roles.times_held(role, p.id);
            let busy = state.roles.held_by(p.id).len();
            (
                held,
                busy,
                p.seat,
                Suggestion {
                    person: p.id,
                    name: p.name.clone(),
                    held,
                    last,
                },
            )
        })
        .collect();
    out.sort_by_key(|(held, busy, seat, s)| (*held, *busy, *seat, s.person));
    out.into_iter().take(limit).map(|(.., s)| s).collect()
}
