//! Check-ins and check-outs: a question from a pool, then a round.
//!
//! Prompts rotate: a group is not asked the same question again until every
//! prompt in the pool has had its turn, and then a new cycle begins. The
//! memory of what was used (`used`) lives outside the session, so the
//! rotation carries across evenings; this file only decides.

use super::super::plan::SegmentKind;

/// Which pool a segment draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pool {
    CheckIns,
    CheckOuts,
}

impl Pool {
    /// Closing rounds draw check-outs; everything else check-ins.
    pub fn for_kind(kind: SegmentKind) -> Pool {
        if kind == SegmentKind::ClosingRound {
            Pool::CheckOuts
        } else {
            Pool::CheckIns
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Pool::CheckIns => "check-in",
            Pool::CheckOuts => "check-out",
        }
    }
}

/// Whether every prompt of the pool has been used in this cycle.
fn spent(pool: &[String], used: &[String]) -> bool {
    pool.iter().all(|p| used.contains(p))
}

/// The pool in the order to offer it: prompts not yet used in this cycle
/// first (pool order), then the used ones. Once the pool is spent, a new
/// cycle begins and all are fresh again.
pub fn offer<'a>(pool: &'a [String], used: &[String]) -> Vec<&'a String> {
    if spent(pool, used) {
        return pool.iter().collect();
    }
    let (fresh, old): (Vec<&String>, Vec<&String>) = pool.iter().partition(|p| !used.contains(p));
    fresh.into_iter().chain(old).collect()
}

/// Whether a prompt was already asked in this cycle.
pub fn is_used(pool: &[String], used: &[String], prompt: &str) -> bool {
    !spent(pool, used) && used.iter().any(|u| u == prompt)
}

/// The memory after `prompt` is asked: it joins the cycle's used list; a
/// spent pool starts a new cycle with it. Prompts from outside the pool
/// (typed, or from the plan) leave the memory as it is.
pub fn choose(pool: &[String], used: &[String], prompt: &str) -> Vec<String> {
    if !pool.iter().any(|p| p == prompt) {
        return used.to_vec();
    }
    let mut next: Vec<String> = if spent(pool, used) {
        Vec::new()
    } else {
        // Forget anything no longer in the pool, so a shrunken pool still
        // comes round.
        used.iter().filter(|u| pool.contains(u)).cloned().collect()
    };
    if !next.iter().any(|u| u == prompt) {
        next.push(prompt.to_string());
    }
    next
}

/// The next prompt in rotation and the memory after asking it; `None` for
/// an empty pool.
pub fn next_prompt(pool: &[String], used: &[String]) -> Option<(String, Vec<String>)> {
    let prompt = offer(pool, used).first()?.to_string();
    let used = choose(pool, used, &prompt);
    Some((prompt, used))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pool(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("Q{i}")).collect()
    }

    #[test]
    fn no_repeat_until_the_pool_is_used_up_then_a_new_cycle() {
        let pool = pool(3);
        let mut used = Vec::new();
        let mut asked = Vec::new();
        for _ in 0..7 {
            let (p, u) = next_prompt(&pool, &used).unwrap();
            asked.push(p);
            used = u;
        }
        assert_eq!(asked, ["Q0", "Q1", "Q2", "Q0", "Q1", "Q2", "Q0"]);
        assert_eq!(next_prompt(&[], &[]), None);
    }

    #[test]
    fn a_chosen_prompt_goes_to_the_back() {
        let pool = pool(3);
        let used = choose(&pool, &[], "Q1");
        assert_eq!(offer(&pool, &used), ["Q0", "Q2", "Q1"]);
        assert!(is_used(&pool, &used, "Q1"));
        assert_eq!(choose(&pool, &used, "typed by hand"), used);
        // A pool that lost a prompt still comes round.
        let smaller = vec!["Q0".to_string(), "Q1".to_string()];
        let used = choose(&smaller, &["Q2".into(), "Q1".into()], "Q0");
        assert_eq!(used, ["Q1", "Q0"]);
        assert_eq!(next_prompt(&smaller, &used).unwrap().0, "Q0");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn every_cycle_asks_each_prompt_once(n in 1usize..8, picks in prop::collection::vec(0usize..8, 0..20)) {
            let pool = pool(n);
            // Some hand-picked prompts first, then the rotation: within a
            // cycle nothing repeats, and a cycle covers the whole pool.
            let mut used: Vec<String> = Vec::new();
            for i in picks {
                used = choose(&pool, &used, &pool[i % n]);
            }
            let mut cycle: Vec<String> = used.clone();
            for _ in 0..3 * n {
                let (p, u) = next_prompt(&pool, &used).unwrap();
                if cycle.len() == n {
                    cycle.clear();
                }
                prop_assert!(!cycle.contains(&p), "{p} repeated in {cycle:?}");
                cycle.push(p);
                used = u;
            }
        }
    }
}
