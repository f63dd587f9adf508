//! Airtime in the harvest: who spoke how long outside confidential
//! segments, one row a person.

use super::{Airtime, AirtimeLine, Context};
use crate::core::state::State;

/// Airtime from the rounds and the stack as of `until` (the session's last
/// event, for a session that is over), leaving out every confidential
/// segment: who spoke how long in an anti-retreat stays in the circle too.
pub fn airtime_lines(state: &State, until: jiff::Timestamp) -> Vec<AirtimeLine> {
    let mut lines: Vec<AirtimeLine> = Vec::new();
    for id in &state.run.order {
        if state.run.segment(*id).is_none_or(|s| s.is_confidential()) {
            continue;
        }
        for a in crate::core::airtime::report(state, Some(*id), until).speakers {
            match lines.iter_mut().find(|l| l.person == a.person) {
                Some(l) => {
                    l.turns += a.turns;
                    l.total = l.total.saturating_add(a.spoken);
                }
                None => lines.push(AirtimeLine {
                    person: a.person,
                    turns: a.turns,
                    total: a.spoken,
                }),
            }
        }
    }
    lines.sort_by(|a, b| b.total.cmp(&a.total).then(a.person.cmp(&b.person)));
    lines
}

/// The airtime table, one row a person; those not to be named by label.
pub(super) fn airtime_rows(cx: &Context, lines: &[AirtimeLine]) -> Vec<Airtime> {
    let all: i128 = lines.iter().map(|l| l.total.as_millis().max(0)).sum();
    lines
        .iter()
        .map(|l| Airtime {
            name: cx.person(l.person),
            turns: l.turns,
            total: l.total,
            percent: if all > 0 {
                ((l.total.as_millis().max(0) * 100 + all / 2) / all) as u32
            } else {
                0
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::fixture::{Log, plan, t};
    use crate::core::person::PersonId;
    use crate::core::plan::SegmentKind;
    use crate::core::round::{Direction, RoundEvent};

    #[test]
    fn airtime_in_the_harvest_leaves_confidential_segments_out() {
        let kinds = [SegmentKind::CheckIn, SegmentKind::AntiRetreat];
        let mut log = Log::new(plan(&["Ana", "Kim"], &kinds, None));
        let round = |log: &mut Log, at: i64| {
            log.at(
                at,
                Event::Round(RoundEvent::Start {
                    first: PersonId(0),
                    direction: Direction::Clockwise,
                }),
            )
            .at(at, Event::Round(RoundEvent::Next))
            .at(at + 60, Event::Round(RoundEvent::Next))
            .at(at + 90, Event::Round(RoundEvent::End));
        };
        log.start_segment(0, 0);
        round(&mut log, 10);
        log.start_segment(200, 1);
        round(&mut log, 210);
        let lines = airtime_lines(log.state(), t(400));
        let total: i64 = lines.iter().map(|l| l.total.as_secs()).sum();
        assert_eq!(total, 90, "only the check-in's 60s + 30s: {lines:?}");
        assert_eq!(lines[0].person, PersonId(0));
    }
}
