//! The welcome circle: people arrive one by one, someone greets each of
//! them personally and introduces them to someone already there. Then an
//! opening that names the awkwardness of a room of strangers, a few short
//! agreements, and whatever the plan does next (often food together).

use super::super::duration::friendly;
use super::super::person::{People, PersonId};
use super::super::plan::{Cue, Plan, SegmentKind};
use super::super::run::{Run, SegmentId, Status};

/// An opening in the app's own words, for a welcome segment whose plan
/// gives no script.
pub fn default_opening() -> Vec<Cue> {
    vec![
        Cue {
            say: Some(
                "Welcome. Most of us don't know most of the others yet, and sitting in a \
                 circle of near-strangers feels a little odd. That's normal. It passes."
                    .into(),
            ),
            ..Cue::default()
        },
        Cue {
            say: Some(
                "We chose to come. What turns strangers into a community isn't a list of \
                 rules: it's trust, a story we share, care between young and old, thanks \
                 for what others give, and knowing we belong to something bigger."
                    .into(),
            ),
            ..Cue::default()
        },
        Cue {
            act: Some(
                "Say in a sentence who you are and why you came, then read the agreements.".into(),
            ),
            watch: Some(
                "A slide into 'name, city, group, pronouns'. That can come later, gently.".into(),
            ),
            ..Cue::default()
        },
    ]
}

/// The closing cue under the welcome guide: what the plan does next, from
/// the next segment in the running order that is still to come ("Then:
/// Eating together (break, 1h 15m). The first shared meal."). `None` when
/// nothing follows. Taken from the plan, so a plan without a meal never
/// sends people to food.
pub fn closing_cue(run: &Run, segment: SegmentId) -> Option<String> {
    let at = run.order.iter().position(|id| *id == segment)?;
    let (id, next) = run.order[at + 1..].iter().find_map(|id| {
        let upcoming = run.progress(*id)?.status == Status::Upcoming;
        upcoming.then(|| run.segment(*id).map(|s| (*id, s)))?
    })?;
    let mut cue = format!(
        "Then: {} ({}, {}).",
        next.title,
        next.kind.label(),
        friendly(run.time_box(id))
    );
    if let Some(purpose) = next.purpose.as_deref().filter(|p| !p.trim().is_empty()) {
        cue.push(' ');
        cue.push_str(purpose.trim());
    }
    Some(cue)
}

/// How many people are expected: the roster, or the plan's head count when
/// nobody is on the roster.
pub fn expected(people: &People, plan: &Plan) -> usize {
    match people.all().len() {
        0 => plan.people.unwrap_or(0) as usize,
        n => n,
    }
}

pub fn arrived(people: &People) -> usize {
    people.all().iter().filter(|p| p.arrived).count()
}

/// Who greets by default: a greeter, else the facilitator, else the first
/// person holding any role; nobody when no one holds a role (the greeter
/// then picks themselves with a key rather than the app guessing).
pub fn default_greeter(people: &People) -> Option<PersonId> {
    greeter_candidates(people)
        .into_iter()
        .find(|id| people.get(*id).is_some_and(|p| !p.roles.is_empty()))
}

/// Everyone who might greet, for a one-key cycle: greeters, facilitators
/// and other role-holders first, then everyone else who has arrived.
pub fn greeter_candidates(people: &People) -> Vec<PersonId> {
    let holds = |p: &&super::super::person::Person, role: &str| {
        p.roles.iter().any(|r| r.to_lowercase().contains(role))
    };
    let mut out: Vec<PersonId> = Vec::new();
    let mut add = |id: PersonId| {
        if !out.contains(&id) {
            out.push(id);
        }
    };
    let all = people.all();
    for p in all.iter().filter(|p| holds(p, "greeter")) {
        add(p.id);
    }
    for p in all.iter().filter(|p| holds(p, "facilitator")) {
        add(p.id);
    }
    for p in all.iter().filter(|p| !p.roles.is_empty()) {
        add(p.id);
    }
    for p in all.iter().filter(|p| p.arrived) {
        add(p.id);
    }
    out
}

/// The greeter after `current` in the cycle (the first when there is none).
pub fn next_greeter(people: &People, current: Option<PersonId>) -> Option<PersonId> {
    let all = greeter_candidates(people);
    let i = current.and_then(|c| all.iter().position(|p| *p == c));
    match i {
        Some(i) => all.get((i + 1) % all.len()).copied(),
        None => all.first().copied(),
    }
}

/// The gathering's agreements for a welcome segment: its own, else those of
/// the first welcome segment in the plan that names some.
pub fn agreements(run: &Run, segment: SegmentId) -> &[String] {
    match run.segment(segment) {
        Some(s) if !s.agreements.is_empty() => &s.agreements,
        _ => run
            .order
            .iter()
            .filter_map(|id| run.segment(*id))
            .find(|s| s.kind == SegmentKind::WelcomeCircle && !s.agreements.is_empty())
            .map_or(&[], |s| &s.agreements),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fixture::plan;
    use crate::core::person::{PeopleEvent, roster_from_names};
    use jiff::Timestamp;

    #[test]
    fn greeters_come_from_roles_then_arrivals() {
        let mut roster = roster_from_names(&["Ana", "Kim", "Lee", "Sam"]);
        roster[2].roles = vec!["Facilitator".into()];
        roster[3].roles = vec!["greeter".into()];
        let mut people = People::new(&roster);
        people.apply(
            Timestamp::UNIX_EPOCH,
            &PeopleEvent::Arrived {
                id: PersonId(1),
                arrived: true,
            },
        );
        assert_eq!(default_greeter(&people), Some(PersonId(3)));
        assert_eq!(
            greeter_candidates(&people),
            [PersonId(3), PersonId(2), PersonId(1)]
        );
        assert_eq!(next_greeter(&people, Some(PersonId(1))), Some(PersonId(3)));
        let mut nobody_holds_a_role = People::new(&roster_from_names(&["A"]));
        nobody_holds_a_role.apply(
            Timestamp::UNIX_EPOCH,
            &PeopleEvent::Arrived {
                id: PersonId(0),
                arrived: true,
            },
        );
        assert_eq!(default_greeter(&nobody_holds_a_role), None);
        assert_eq!(next_greeter(&nobody_holds_a_role, None), Some(PersonId(0)));
    }

    #[test]
    fn the_closing_cue_names_what_the_plan_does_next() {
        use crate::core::run::RunEvent;
        let mut p = plan(
            &[],
            &[
                SegmentKind::WelcomeCircle,
                SegmentKind::Break,
                SegmentKind::CheckIn,
            ],
            None,
        );
        p.segments[1].title = "Eating together".into();
        p.segments[1].purpose = Some("The first shared meal.".into());
        let mut run = Run::new(&p);
        let cue = closing_cue(&run, SegmentId(0)).unwrap();
        assert!(
            cue.starts_with("Then: Eating together (break, ")
                && cue.ends_with("The first shared meal."),
            "{cue}"
        );
        // Without the meal, no food: the check-in is next.
        run.apply(Timestamp::UNIX_EPOCH, &RunEvent::Skip(SegmentId(1)));
        let cue = closing_cue(&run, SegmentId(0)).unwrap();
        assert!(cue.starts_with("Then: S2 (check-in, "), "{cue}");
        assert!(!cue.to_lowercase().contains("food"), "{cue}");
        assert_eq!(closing_cue(&run, SegmentId(2)), None);
    }

    #[test]
    fn expected_and_agreements() {
        let mut p = plan(&[], &[SegmentKind::WelcomeCircle; 2], None);
        p.people = Some(12);
        p.segments[1].agreements = vec!["Be kind.".into()];
        let people = People::new(&[]);
        assert_eq!(expected(&people, &p), 12);
        let run = Run::new(&p);
        assert_eq!(agreements(&run, SegmentId(0)), ["Be kind."]);
        let with_roster = People::new(&roster_from_names(&["A", "B"]));
        assert_eq!(expected(&with_roster, &p), 2);
        assert_eq!(arrived(&with_roster), 0);
    }
}
