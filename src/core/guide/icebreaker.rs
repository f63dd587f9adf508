//! Icebreaker sequences: exercises that build on each other, from playful
//! with the whole group to more personal in smaller circles and pairs.
//!
//! Groups are formed from the people who came (everyone, when nobody is
//! marked arrived), minus anyone sitting the exercise out. Shrinking groups
//! nest, as the practice does: after circles of five, pairs form inside
//! each circle ("find a partner from your circle"), unless the step says
//! `nesting: Mix`. Mixed groups keep apart people who were grouped together
//! earlier in the session while that is possible.
//!
//! Crews are the small groups that meet again and again across a gathering.
//! The rule: an exercise is a crew exercise when its segment's or its own
//! `activity` is `crews`, or its title mentions a crew. The first crew
//! exercise founds the crews from the latest circles formed before it (so
//! "the circle you were in earlier is your crew" holds), or afresh when
//! there were none; every later one keeps them, latecomers joining the
//! smallest crew.

use std::collections::HashSet;

use jiff::{SignedDuration, Timestamp};

use super::super::groups::{Met, fold_crew, form, keep_crews};
use super::super::person::{People, PersonId};
use super::super::plan::{Exercise, GroupFormat, Nesting, Plan, Segment};
use super::super::round::present;
use super::super::run::{Run, SegmentId};
use super::{GuideClock, Guides};

/// The activity id that marks crews.
pub const CREWS: &str = "crews";

/// Crew size when the plan does not say (belonging grows in 3 to 6).
pub const CREW_SIZE: usize = 5;

pub fn is_crews_activity(activity: Option<&str>) -> bool {
    activity.is_some_and(|a| a.trim().eq_ignore_ascii_case(CREWS))
}

/// The exercises a segment runs: its steps, or the segment itself as one
/// exercise (circles of crews for a crews segment, else the whole group).
pub fn exercises(segment: &Segment) -> Vec<Exercise> {
    if !segment.steps.is_empty() {
        return segment.steps.clone();
    }
    let crews = is_crews_activity(segment.activity.as_deref());
    vec![Exercise {
        title: segment.title.clone(),
        format: if crews {
            GroupFormat::Circles(CREW_SIZE as u8)
        } else {
            GroupFormat::WholeGroup
        },
        // Unknown: the plan gave no steps to rate.
        intimacy: 0,
        time: segment.time,
        script: segment.script.clone(),
        activity: segment.activity.clone(),
        nesting: None,
    }]
}

/// Whether an exercise forms (or meets in) the gathering's crews.
pub fn is_crew_step(segment: &Segment, exercise: &Exercise) -> bool {
    exercise.format != GroupFormat::Solo
        && (is_crews_activity(segment.activity.as_deref())
            || is_crews_activity(exercise.activity.as_deref())
            || exercise.title.to_lowercase().contains("crew"))
}

/// "●●○○○ gentle": how much an exercise asks, as dots and a word.
pub fn intimacy_label(level: u8) -> String {
    let word = match level {
        0 => return String::new(),
        1 => "playful",
        2 => "gentle",
        3 => "open",
        4 => "personal",
        _ => "deep",
    };
    let n = level.min(5) as usize;
    format!("{}{} {word}", "●".repeat(n), "○".repeat(5 - n))
}

/// The people an exercise's groups are formed from, in seat order.
pub fn joining(people: &People, guides: &Guides, segment: SegmentId, step: usize) -> Vec<PersonId> {
    present(people)
        .iter()
        .map(|p| p.id)
        .filter(|id| !guides.opted_out(segment, step, *id))
        .collect()
}

/// Everyone grouped together before, except in this exercise's own
/// earlier groupings (forming again replaces them).
pub fn met_before(guides: &Guides, segment: SegmentId, step: usize) -> Met {
    let mut met = guides.carried_met.clone();
    for g in guides
        .groupings
        .iter()
        .filter(|g| (g.segment, g.step) != (segment, step))
    {
        met.record(&g.groups);
    }
    met
}

/// How an exercise's groups relate to those before it: the step's own
/// `nesting`, else `Nest` when the nearest earlier step that splits the
/// room made bigger groups, else `Mix`. With `Nest`, the step it nests in.
pub fn nesting(segment: &Segment, step: usize) -> Option<(Nesting, Option<usize>)> {
    let all = exercises(segment);
    let size = all.get(step)?.format.group_size().filter(|n| *n >= 2)?;
    let parent = (0..step)
        .rev()
        .find(|i| all[*i].format.group_size().is_some_and(|n| n >= 2));
    let bigger = parent.filter(|i| all[*i].format.group_size().is_some_and(|n| n > size));
    match (all[step].nesting, bigger) {
        (Some(Nesting::Mix), _) | (None, None) => Some((Nesting::Mix, None)),
        (Some(Nesting::Nest), None) => Some((Nesting::Nest, None)),
        (_, Some(p)) => Some((Nesting::Nest, Some(p))),
    }
}

/// One line for the guide: "nest: inside the circles of 5" or "mix: with
/// people not grouped together before". `None` for the whole group, solo
/// work, crews, and the first step to split the room when the plan says
/// nothing about it.
pub fn nesting_label(segment: &Segment, step: usize) -> Option<String> {
    let all = exercises(segment);
    let exercise = all.get(step)?;
    let first = !all[..step]
        .iter()
        .any(|e| e.format.group_size().is_some_and(|n| n >= 2));
    if is_crew_step(segment, exercise) || (first && exercise.nesting.is_none()) {
        return None;
    }
    Some(match nesting(segment, step)? {
        (Nesting::Nest, Some(p)) => format!("nest: inside the {}", all[p].format.label()),
        (Nesting::Nest, None) => "nest: no bigger groups before, so across the room".into(),
        (Nesting::Mix, _) => "mix: with people not grouped together before".into(),
    })
}

/// `nesting_label` as this session stands: a step that nests with no
/// bigger groups before it says "nest: inside the crews" once the gathering
/// has crews (see `form_groups`).
pub fn nesting_label_here(segment: &Segment, step: usize, guides: &Guides) -> Option<String> {
    if in_crews(segment, step, guides) {
        return Some("nest: inside the crews".into());
    }
    nesting_label(segment, step)
}

/// Groups of about `size` formed inside each of `parents`: a parent group
/// splits into its own smaller groups; someone left alone in theirs, and
/// anyone who was in none, joins the smallest group formed.
fn form_within(
    parents: &[Vec<PersonId>],
    here: &[PersonId],
    size: usize,
    met: &Met,
    seed: u64,
) -> Vec<Vec<PersonId>> {
    let present: HashSet<PersonId> = here.iter().copied().collect();
    let placed: HashSet<PersonId> = parents.iter().flatten().copied().collect();
    let mut groups: Vec<Vec<PersonId>> = Vec::new();
    let mut alone: Vec<PersonId> = Vec::new();
    for (i, parent) in parents.iter().enumerate() {
        let inside: Vec<PersonId> = parent
            .iter()
            .copied()
            .filter(|p| present.contains(p))
            .collect();
        match inside.len() {
            0 => {}
            1 => alone.extend(inside),
            _ => groups.extend(form(&inside, size, met, seed.wrapping_add(i as u64))),
        }
    }
    alone.extend(here.iter().copied().filter(|p| !placed.contains(p)));
    if groups.is_empty() {
        return form(&alone, size, met, seed);
    }
    for p in alone {
        if let Some(smallest) = groups.iter_mut().min_by_key(|g| g.len()) {
            smallest.push(p);
        }
    }
    groups
}

/// Every crew as it stands over the whole gathering: the crews picked up
/// from its earlier sessions, then this session's crew groupings, anyone
/// placed in a crew later added to the crew they joined.
pub fn crew_roster(guides: &Guides) -> Vec<Vec<PersonId>> {
    let mut roster: Vec<Vec<PersonId>> = guides.carried_crews.clone();
    for grouping in guides.groupings.iter().filter(|g| g.crews) {
        for group in &grouping.groups {
            fold_crew(&mut roster, group);
        }
    }
    roster
}

/// One member of a crew and whether they are here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrewMember {
    pub person: PersonId,
    pub here: bool,
}

/// Every crew of the gathering with who of it is here today, so absences
/// show; a crew nobody of is here is still listed.
pub fn crews_now(people: &People, guides: &Guides) -> Vec<Vec<CrewMember>> {
    let here: HashSet<PersonId> = present(people).iter().map(|p| p.id).collect();
    crew_roster(guides)
        .into_iter()
        .map(|crew| {
            crew.into_iter()
                .filter(|p| people.get(*p).is_some())
                .map(|p| CrewMember {
                    person: p,
                    here: here.contains(&p),
                })
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// The crews to keep: the roster, or before any crews, the latest circles
/// (groups of three or more) formed earlier.
fn crew_base(guides: &Guides) -> Vec<Vec<PersonId>> {
    let roster = crew_roster(guides);
    if !roster.is_empty() {
        return roster;
    }
    guides
        .groupings
        .iter()
        .rev()
        .find(|g| {
            let n: usize = g.groups.iter().map(Vec::len).sum();
            g.groups.len() > 1 && n >= 3 * g.groups.len()
        })
        .map(|g| g.groups.clone())
        .unwrap_or_default()
}

/// The groups an exercise gets now: crews kept for a crew exercise; for
/// circles and pairs, groups inside the previous bigger groups (see
/// `nesting`) or across the room; none for the whole group or solo work.
/// Returns the groups and whether they are crews.
pub fn form_groups(
    people: &People,
    guides: &Guides,
    segment: SegmentId,
    seg: &Segment,
    step: usize,
    seed: u64,
) -> Option<(Vec<Vec<PersonId>>, bool)> {
    let exercise = exercises(seg).into_iter().nth(step)?;
    let here = joining(people, guides, segment, step);
    if here.is_empty() {
        return None;
    }
    if is_crew_step(seg, &exercise) {
        let size = exercise
            .format
            .group_size()
            .filter(|n| *n >= 3)
            .unwrap_or(CREW_SIZE);
        let present: HashSet<PersonId> = here.iter().copied().collect();
        let base: Vec<Vec<PersonId>> = crew_base(guides)
            .into_iter()
            .filter(|c| c.iter().any(|p| present.contains(p)))
            .collect();
        let mut crews = keep_crews(&base, &here, size, seed);
        crews.retain(|c| !c.is_empty());
        return Some((crews, true));
    }
    let size = exercise.format.group_size().filter(|n| *n >= 2)?;
    let parent = match nesting(seg, step) {
        Some((Nesting::Nest, Some(p))) => guides.groups(segment, p),
        _ => None,
    };
    let groups = match parent {
        Some(parent) => {
            // Inside a group everyone has met: only other groupings count.
            let mut met = Met::default();
            for g in guides
                .groupings
                .iter()
                .filter(|g| g.segment != segment || (g.step != step && g.step != parent.step))
            {
                met.record(&g.groups);
            }
            form_within(&parent.groups, &here, size, &met, seed)
        }
        // A step that nests with no bigger groups before it in its segment
        // nests inside the gathering's crews, when there are any.
        None if in_crews(seg, step, guides) => {
            let mut met = Met::default();
            for g in guides.groupings.iter().filter(|g| !g.crews) {
                met.record(&g.groups);
            }
            form_within(&crew_roster(guides), &here, size, &met, seed)
        }
        None => form(&here, size, &met_before(guides, segment, step), seed),
    };
    Some((groups, false))
}

/// Whether a step nests inside the gathering's crews: it nests (by its own
/// `nesting`) with no bigger groups before it in its segment, and the
/// gathering has crews.
fn in_crews(seg: &Segment, step: usize, guides: &Guides) -> bool {
    matches!(nesting(seg, step), Some((Nesting::Nest, None)))
        && (guides.groupings.iter().any(|g| g.crews) || !guides.carried_crews.is_empty())
}

/// A seed for forming groups, from the moment the key was pressed.
pub fn seed(at: Timestamp) -> u64 {
    at.as_millisecond() as u64
}

/// The name-game circle: the people present in seat order with the word
/// each chose, for the room to say back.
pub fn circle<'a>(
    people: &'a People,
    guides: &'a Guides,
    segment: SegmentId,
) -> Vec<(PersonId, Option<&'a str>)> {
    present(people)
        .iter()
        .map(|p| (p.id, guides.word(segment, p.id)))
        .collect()
}

/// The exercise on and its clock against its own time box.
pub fn step_clock(
    run: &Run,
    plan: &Plan,
    guides: &Guides,
    segment: SegmentId,
    now: Timestamp,
) -> Option<(usize, Exercise, GuideClock)> {
    let seg = run.segment(segment)?;
    let mark = guides.step(segment);
    let exercise = exercises(seg).into_iter().nth(mark.value)?;
    let time_box = exercise.time.max(SignedDuration::from_secs(1));
    let clock = GuideClock::new(mark.elapsed(run, now), time_box, &plan.warnings_for(seg));
    Some((mark.value, exercise, clock))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::fixture::{Log, plan, t};
    use crate::core::guide::GuideEvent;
    use crate::core::person::PeopleEvent;
    use crate::core::plan::{Nesting, SegmentKind};
    use crate::core::run::Stage;

    const NAMES: [&str; 10] = [
        "Ana", "Bea", "Cy", "Dov", "Eli", "Fay", "Gus", "Hal", "Ida", "Jo",
    ];

    fn exercise(title: &str, format: GroupFormat, mins: i64) -> Exercise {
        Exercise {
            title: title.into(),
            format,
            intimacy: 2,
            time: SignedDuration::from_mins(mins),
            script: vec![],
            activity: None,
            nesting: None,
        }
    }

    /// Ten on the roster; an icebreaker with circles of 3 then pairs, and a
    /// crews segment after it.
    fn log() -> Log {
        let mut p = plan(
            &NAMES,
            &[SegmentKind::IcebreakerSequence, SegmentKind::Custom],
            None,
        );
        p.segments[0].steps = vec![
            exercise("Names", GroupFormat::WholeGroup, 10),
            exercise("Threes", GroupFormat::Circles(3), 10),
            exercise("Pairs", GroupFormat::Pairs, 10),
        ];
        p.segments[1].activity = Some("crews".into());
        Log::new(p)
    }

    fn arrive(log: &mut Log, ids: &[u32]) {
        for id in ids {
            log.at(
                1,
                Event::People(PeopleEvent::Arrived {
                    id: PersonId(*id),
                    arrived: true,
                }),
            );
        }
    }

    fn formed(log: &mut Log, secs: i64, segment: u32, step: usize) -> Vec<Vec<PersonId>> {
        let s = SegmentId(segment);
        let seg = log.state().run.segment(s).unwrap().clone();
        let (groups, crews) = form_groups(
            &log.state().people,
            &log.state().guides,
            s,
            &seg,
            step,
            seed(t(secs)),
        )
        .unwrap();
        log.at(
            secs,
            Event::Guide(GuideEvent::GroupsFormed {
                segment: s,
                step,
                groups: groups.clone(),
                crews,
            }),
        );
        groups
    }

    fn sorted(groups: &[Vec<PersonId>]) -> Vec<PersonId> {
        let mut all: Vec<PersonId> = groups.iter().flatten().copied().collect();
        all.sort();
        all
    }

    #[test]
    fn groups_come_from_arrived_people_and_leave_out_who_sits_out() {
        let mut log = log();
        arrive(&mut log, &[0, 2, 3, 5, 6, 8, 9]);
        log.at(
            2,
            Event::Guide(GuideEvent::OptOut {
                segment: SegmentId(0),
                step: 1,
                person: PersonId(9),
            }),
        );
        let groups = formed(&mut log, 10, 0, 1);
        assert_eq!(sorted(&groups), [0, 2, 3, 5, 6, 8].map(PersonId));
        assert_eq!(groups.len(), 2);
        // Whole-group exercises have no groups to form.
        let seg = log.state().run.segment(SegmentId(0)).unwrap().clone();
        let whole = form_groups(
            &log.state().people,
            &log.state().guides,
            SegmentId(0),
            &seg,
            0,
            1,
        );
        assert_eq!(whole, None);
    }

    #[test]
    fn nobody_marked_means_everyone() {
        let mut log = log();
        let groups = formed(&mut log, 10, 0, 2);
        assert_eq!(sorted(&groups), (0..10).map(PersonId).collect::<Vec<_>>());
    }

    /// Ten on the roster, all here; circles of five, then pairs (nesting
    /// as given), then a crews segment.
    fn shrinking(pairs: Option<Nesting>) -> Log {
        let mut p = plan(
            &NAMES,
            &[SegmentKind::IcebreakerSequence, SegmentKind::Custom],
            None,
        );
        let mut two = exercise("Pairs", GroupFormat::Pairs, 10);
        two.nesting = pairs;
        p.segments[0].steps = vec![
            exercise("Names", GroupFormat::WholeGroup, 10),
            exercise("Fives", GroupFormat::Circles(5), 10),
            two,
        ];
        p.segments[1].activity = Some("crews".into());
        let mut log = Log::new(p);
        arrive(&mut log, &(0..10).collect::<Vec<_>>());
        log
    }

    fn inside(small: &[PersonId], big: &[Vec<PersonId>]) -> bool {
        big.iter().any(|g| small.iter().all(|p| g.contains(p)))
    }

    #[test]
    fn pairs_after_circles_form_inside_each_circle() {
        for secs in 0..16 {
            let mut log = shrinking(None);
            let seg = log.state().run.segment(SegmentId(0)).unwrap().clone();
            assert_eq!(nesting(&seg, 2), Some((Nesting::Nest, Some(1))));
            assert_eq!(
                nesting_label(&seg, 2).as_deref(),
                Some("nest: inside the circles of 5")
            );
            let fives = formed(&mut log, 100 + secs, 0, 1);
            let pairs = formed(&mut log, 200 + secs, 0, 2);
            assert_eq!(sorted(&pairs), (0..10).map(PersonId).collect::<Vec<_>>());
            for pair in &pairs {
                assert!(inside(pair, &fives), "{pair:?} inside one of {fives:?}");
                assert!((2..=3).contains(&pair.len()), "{pairs:?}");
            }
            // Crews still come from the circles.
            let crews = formed(&mut log, 300 + secs, 1, 0);
            let norm = |g: &[Vec<PersonId>]| {
                let mut g: Vec<Vec<PersonId>> = g.to_vec();
                g.iter_mut().for_each(|x| x.sort());
                g.sort();
                g
            };
            assert_eq!(norm(&crews), norm(&fives));
        }
    }

    #[test]
    fn a_step_that_mixes_meets_new_people() {
        for secs in 0..16 {
            let mut log = shrinking(Some(Nesting::Mix));
            let seg = log.state().run.segment(SegmentId(0)).unwrap().clone();
            assert_eq!(
                nesting_label(&seg, 2).as_deref(),
                Some("mix: with people not grouped together before")
            );
            let fives = formed(&mut log, 100 + secs, 0, 1);
            let pairs = formed(&mut log, 200 + secs, 0, 2);
            let mut met = Met::default();
            met.record(&fives);
            assert_eq!(met.repeats(&pairs), 0, "{fives:?} then {pairs:?}");
            assert_eq!(sorted(&pairs), (0..10).map(PersonId).collect::<Vec<_>>());
        }
    }

    #[test]
    fn nesting_takes_in_latecomers_and_people_left_alone() {
        let mut log = shrinking(None);
        let fives = formed(&mut log, 100, 0, 1);
        // Three of the first circle sit the pairs out, leaving one alone
        // there, and a latecomer arrives: everyone still gets a group.
        let lone = fives[0][0];
        for p in &fives[0][1..4] {
            log.at(
                150,
                Event::Guide(GuideEvent::OptOut {
                    segment: SegmentId(0),
                    step: 2,
                    person: *p,
                }),
            );
        }
        log.at(
            160,
            Event::People(PeopleEvent::Joined(crate::core::person::Person::new(
                PersonId(10),
                "Kai",
                10,
            ))),
        );
        arrive(&mut log, &[10]);
        let pairs = formed(&mut log, 200, 0, 2);
        let all = sorted(&pairs);
        assert!(
            all.contains(&lone) && all.contains(&PersonId(10)),
            "{pairs:?}"
        );
        assert!(
            pairs.iter().all(|g| g.len() >= 2),
            "nobody alone: {pairs:?}"
        );
    }

    #[test]
    fn forming_again_replaces_the_steps_own_groups() {
        let mut log = log();
        let first = formed(&mut log, 10, 0, 2);
        let met = met_before(&log.state().guides, SegmentId(0), 2);
        assert_eq!(met.repeats(&first), 0, "its own groups are not 'before'");
        let again = formed(&mut log, 20, 0, 2);
        assert_eq!(
            log.state().guides.groups(SegmentId(0), 2).unwrap().groups,
            again
        );
    }

    #[test]
    fn crews_come_from_the_earlier_circles_and_stay_stable() {
        let mut log = log();
        arrive(&mut log, &[0, 1, 2, 3, 4, 5, 6, 7, 8]);
        let threes = formed(&mut log, 10, 0, 1);
        let crews = formed(&mut log, 20, 1, 0);
        let mut a = threes.clone();
        let mut b = crews.clone();
        a.iter_mut().for_each(|g| g.sort());
        b.iter_mut().for_each(|g| g.sort());
        a.sort();
        b.sort();
        assert_eq!(a, b, "the circle you were in is your crew");
        // Next day: person 0 stays home, person 9 arrives late.
        log.at(
            30,
            Event::People(PeopleEvent::Arrived {
                id: PersonId(0),
                arrived: false,
            }),
        );
        arrive(&mut log, &[9]);
        let day_two = formed(&mut log, 40, 1, 0);
        for crew in &crews {
            let home = day_two
                .iter()
                .find(|c| c.iter().any(|p| crew.contains(p) && p.0 != 0))
                .unwrap();
            for p in crew.iter().filter(|p| p.0 != 0) {
                assert!(home.contains(p), "{p:?} kept their crew: {day_two:?}");
            }
        }
        assert_eq!(sorted(&day_two), (1..10).map(PersonId).collect::<Vec<_>>());
        // Day three: person 0 is back, in their own crew; 9 stays in theirs.
        arrive(&mut log, &[0]);
        let day_three = formed(&mut log, 50, 1, 0);
        let home_of = |groups: &[Vec<PersonId>], p: u32| {
            groups
                .iter()
                .find(|g| g.contains(&PersonId(p)))
                .unwrap()
                .clone()
        };
        let zero = home_of(&day_three, 0);
        assert!(home_of(&crews, 0).iter().all(|p| zero.contains(p)));
        let nine = home_of(&day_three, 9);
        assert!(home_of(&day_two, 9).iter().all(|p| nine.contains(p)));
    }

    #[test]
    fn step_clock_and_labels() {
        let mut log = log();
        log.start_segment(0, 0);
        log.at(
            600,
            Event::Guide(GuideEvent::Step {
                segment: SegmentId(0),
                step: 1,
            }),
        );
        let (step, ex, clock) = step_clock(
            &log.state().run,
            &log.session().plan,
            &log.state().guides,
            SegmentId(0),
            t(600 + 9 * 60),
        )
        .unwrap();
        assert_eq!((step, ex.title.as_str()), (1, "Threes"));
        assert_eq!(clock.remaining(), SignedDuration::from_mins(1));
        assert_eq!(clock.stage(), Stage::Soon);
        assert_eq!(intimacy_label(2), "●●○○○ gentle");
        assert_eq!(intimacy_label(9), "●●●●● deep");
        assert_eq!(intimacy_label(0), "");
    }
}
