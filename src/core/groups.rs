//! Forming small groups from the people who actually came.
//!
//! Sizes are balanced (no group differs from another by more than one),
//! nobody is in two groups, and pairs who already met in an earlier grouping
//! are kept apart while that is possible. Crews, the small groups that meet
//! again and again, stay stable; latecomers join the smallest crew.
//!
//! Randomness comes from a seed passed in, so a grouping can be replayed.

use std::collections::HashSet;

use super::person::PersonId;

/// Who has already been grouped with whom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Met {
    pairs: HashSet<(PersonId, PersonId)>,
}

impl Met {
    /// Remembers every pair within each group.
    pub fn record(&mut self, groups: &[Vec<PersonId>]) {
        for g in groups {
            for (i, a) in g.iter().enumerate() {
                for b in &g[i + 1..] {
                    self.pairs.insert(key(*a, *b));
                }
            }
        }
    }

    /// Remembers one pair.
    pub fn insert(&mut self, a: PersonId, b: PersonId) {
        if a != b {
            self.pairs.insert(key(a, b));
        }
    }

    /// Every pair that has met, each once (smaller id first), in no order.
    pub fn pairs(&self) -> impl Iterator<Item = (PersonId, PersonId)> + '_ {
        self.pairs.iter().copied()
    }

    pub fn have_met(&self, a: PersonId, b: PersonId) -> bool {
        self.pairs.contains(&key(a, b))
    }

    /// Pairs inside the groups who have met before.
    pub fn repeats(&self, groups: &[Vec<PersonId>]) -> usize {
        groups
            .iter()
            .map(|g| {
                let mut n = 0;
                for (i, a) in g.iter().enumerate() {
                    n += g[i + 1..].iter().filter(|b| self.have_met(*a, **b)).count();
                }
                n
            })
            .sum()
    }
}

fn key(a: PersonId, b: PersonId) -> (PersonId, PersonId) {
    if a <= b { (a, b) } else { (b, a) }
}

/// A small deterministic generator (splitmix64): enough to shuffle a room,
/// or to vary simulated turn lengths in a rehearsal.
pub(crate) struct Dice(pub(crate) u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// A draw by lot: one of `among`, picked by the seed alone, so the same
/// seed over the same people always draws the same person.
pub fn draw_lot(among: &[PersonId], seed: u64) -> Option<PersonId> {
    if among.is_empty() {
        return None;
    }
    let mut dice = Dice(seed);
    Some(among[dice.below(among.len())])
}

/// Adds one group formed as crews to the crews known so far: it is the crew
/// sharing most of its members (the earlier crew first on a tie), and its
/// newcomers join that crew; a group sharing nobody is a new crew. Works on
/// person ids within a session and on names across a gathering.
pub fn fold_crew<T: Clone + PartialEq>(roster: &mut Vec<Vec<T>>, group: &[T]) {
    let placed = |p: &T| roster.iter().flatten().any(|q| q == p);
    let newcomers: Vec<T> = group.iter().filter(|p| !placed(p)).cloned().collect();
    let home = (0..roster.len())
        .map(|i| (roster[i].iter().filter(|p| group.contains(p)).count(), i))
        .filter(|(shared, _)| *shared > 0)
        .max_by_key(|(shared, i)| (*shared, std::cmp::Reverse(*i)))
        .map(|(_, i)| i);
    match home {
        Some(i) => roster[i].extend(newcomers),
        None if !newcomers.is_empty() => roster.push(newcomers),
        None => {}
    }
}

/// How many groups of about `size` fit `n` people: at least one; pairs
/// round down (the odd one out makes a trio, nobody is left alone), circles
/// round to the nearest count (seven in circles of four make 4 + 3).
pub fn group_count(n: usize, size: usize) -> usize {
    let size = size.max(1);
    match n {
        0 => 0,
        _ if size <= 2 => (n / size).max(1),
        _ => ((n + size / 2) / size).max(1),
    }
}

/// Splits `people` into balanced groups of about `size`, avoiding pairs in
/// `met` as far as it can.
pub fn form(people: &[PersonId], size: usize, met: &Met, seed: u64) -> Vec<Vec<PersonId>> {
    form_into(people, group_count(people.len(), size), met, seed)
}

/// Splits `people` into `count` balanced groups (no more groups than
/// people: none is empty), avoiding pairs in `met` as far as it can.
pub fn form_into(people: &[PersonId], count: usize, met: &Met, seed: u64) -> Vec<Vec<PersonId>> {
    let g = count.min(people.len());
    if g == 0 {
        return Vec::new();
    }
    let mut dice = Dice(seed);
    let mut best: Option<(usize, Vec<Vec<PersonId>>)> = None;
    for _ in 0..24 {
        let mut order = people.to_vec();
        dice.shuffle(&mut order);
        let mut groups = greedy(&order, g, met);
        improve(&mut groups, met);
        let repeats = met.repeats(&groups);
        if best.as_ref().is_none_or(|(r, _)| repeats < *r) {
            best = Some((repeats, groups));
        }
        if repeats == 0 {
            break;
        }
    }
    best.map(|(_, g)| g).unwrap_or_default()
}

/// Each person joins the open group where they have met the fewest.
fn greedy(order: &[PersonId], g: usize, met: &Met) -> Vec<Vec<PersonId>> {
    let n = order.len();
    // Capacities: the first n % g groups take one extra.
    let cap: Vec<usize> = (0..g).map(|i| n / g + usize::from(i < n % g)).collect();
    let mut groups: Vec<Vec<PersonId>> = vec![Vec::new(); g];
    for p in order {
        let pick = (0..g)
            .filter(|i| groups[*i].len() < cap[*i])
            .min_by_key(|i| {
                let clashes = groups[*i].iter().filter(|q| met.have_met(*p, **q)).count();
                (clashes, groups[*i].len())
            })
            .unwrap_or(0);
        groups[pick].push(*p);
    }
    groups
}

/// Swaps people between groups while that lowers the repeats.
fn improve(groups: &mut [Vec<PersonId>], met: &Met) {
    let mut current = met.repeats(groups);
    let mut changed = true;
    while changed && current > 0 {
        changed = false;
        for a in 0..groups.len() {
            for b in a + 1..groups.len() {
                for i in 0..groups[a].len() {
                    for j in 0..groups[b].len() {
                        let (x, y) = (groups[a][i], groups[b][j]);
                        groups[a][i] = y;
                        groups[b][j] = x;
                        let r = met.repeats(groups);
                        if r < current {
                            current = r;
                            changed = true;
                        } else {
                            groups[a][i] = x;
                            groups[b][j] = y;
                        }
                    }
                }
            }
        }
    }
}

/// Crews as they stand, with `present` people placed: crew members who came
/// stay together, anyone new joins the smallest crew, and people who left
/// are dropped. With no crews yet, they are formed afresh.
pub fn keep_crews(
    crews: &[Vec<PersonId>],
    present: &[PersonId],
    size: usize,
    seed: u64,
) -> Vec<Vec<PersonId>> {
    if crews.is_empty() {
        return form(present, size, &Met::default(), seed);
    }
    let here: HashSet<PersonId> = present.iter().copied().collect();
    let mut out: Vec<Vec<PersonId>> = crews
        .iter()
        .map(|c| c.iter().copied().filter(|p| here.contains(p)).collect())
        .collect();
    let placed: HashSet<PersonId> = out.iter().flatten().copied().collect();
    for p in present.iter().filter(|p| !placed.contains(p)) {
        if let Some(smallest) = out.iter_mut().min_by_key(|c| c.len()) {
            smallest.push(*p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(n: u32) -> Vec<PersonId> {
        (0..n).map(PersonId).collect()
    }

    fn check_partition(people: &[PersonId], groups: &[Vec<PersonId>]) {
        let mut all: Vec<PersonId> = groups.iter().flatten().copied().collect();
        all.sort();
        let mut want = people.to_vec();
        want.sort();
        assert_eq!(all, want, "everyone in exactly one group");
        let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
        let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(max - min <= 1, "balanced within one: {sizes:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn groups_partition_and_balance(n in 1u32..60, size in 1usize..8, seed: u64) {
            let people = ids(n);
            let groups = form(&people, size, &Met::default(), seed);
            check_partition(&people, &groups);
            prop_assert_eq!(groups.len(), group_count(n as usize, size));
        }
    }

    #[test]
    fn pairs_do_not_repeat_while_avoidable() {
        // Eight people can meet in pairs seven times without a repeat.
        let people = ids(8);
        let mut met = Met::default();
        for round in 0..4 {
            let groups = form(&people, 2, &met, round);
            check_partition(&people, &groups);
            assert_eq!(met.repeats(&groups), 0, "round {round}: {groups:?}");
            met.record(&groups);
        }
    }

    #[test]
    fn circles_avoid_earlier_circles() {
        let people = ids(16);
        let mut met = Met::default();
        let first = form(&people, 4, &met, 1);
        met.record(&first);
        let second = form(&people, 4, &met, 2);
        check_partition(&people, &second);
        assert_eq!(met.repeats(&second), 0, "{first:?} then {second:?}");
    }

    #[test]
    fn odd_one_out_joins_a_pair() {
        let groups = form(&ids(5), 2, &Met::default(), 3);
        let mut sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
        sizes.sort();
        assert_eq!(sizes, [2, 3]);
        assert_eq!(
            form(&ids(1), 2, &Met::default(), 3),
            vec![vec![PersonId(0)]]
        );
        assert!(form(&[], 2, &Met::default(), 3).is_empty());
    }

    #[test]
    fn a_count_makes_that_many_groups_while_people_last() {
        let groups = form_into(&ids(40), 6, &Met::default(), 9);
        check_partition(&ids(40), &groups);
        assert_eq!(groups.len(), 6);
        assert_eq!(form_into(&ids(3), 6, &Met::default(), 9).len(), 3);
        assert!(form_into(&ids(3), 0, &Met::default(), 9).is_empty());
    }

    #[test]
    fn same_seed_same_groups() {
        let people = ids(12);
        assert_eq!(
            form(&people, 3, &Met::default(), 42),
            form(&people, 3, &Met::default(), 42)
        );
    }

    #[test]
    fn a_draw_by_lot_replays_from_its_seed() {
        let among = ids(7);
        let drawn = draw_lot(&among, 99).unwrap();
        assert!(among.contains(&drawn));
        for _ in 0..3 {
            assert_eq!(draw_lot(&among, 99), Some(drawn));
        }
        // Over many seeds, everyone can be drawn.
        let mut seen: HashSet<PersonId> = HashSet::new();
        for seed in 0..200 {
            seen.insert(draw_lot(&among, seed).unwrap());
        }
        assert_eq!(seen.len(), 7);
        assert_eq!(draw_lot(&[], 1), None);
    }

    #[test]
    fn crews_stay_stable_and_take_in_latecomers() {
        let people = ids(10);
        let crews = keep_crews(&[], &people, 5, 7);
        check_partition(&people, &crews);
        // Day two: person 3 stays home, two newcomers arrive.
        let mut present: Vec<PersonId> = people.iter().copied().filter(|p| p.0 != 3).collect();
        present.extend([PersonId(10), PersonId(11)]);
        let again = keep_crews(&crews, &present, 5, 8);
        check_partition(&present, &again);
        for (before, after) in crews.iter().zip(&again) {
            for p in before.iter().filter(|p| p.0 != 3) {
                assert!(after.contains(p), "{p:?} stayed in their crew");
            }
        }
    }
}
