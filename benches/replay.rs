//! Replaying the log: what opening a session costs before its first frame,
//! and what an undo would cost without the timeline's checkpoints. Measured
//! at 20,000, 50,000 and 100,000 events: linear work grows with the log
//! (5x the events, about 5x the time). The baseline walks the same events
//! and clones each one, the least any replay must touch.

mod common;

use std::time::Duration;

use circlekeeper::core::state::State;
use circlekeeper::core::timeline::Timeline;
use common::{Report, measure, ms, session_of, verdict};
use criterion::Criterion;

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut report = Report::default();
    let mut g = c.benchmark_group("replay");
    let mut lows = Vec::new();
    for (events, limit) in [(20_000, Some(5)), (50_000, None), (100_000, Some(25))] {
        let session = session_of(events);
        let replay = measure(&mut g, &format!("State::replay ({events})"), || {
            std::hint::black_box(State::replay(&session));
        });
        let timeline = measure(
            &mut g,
            &format!("Timeline::new: replay + checkpoints ({events})"),
            || {
                std::hint::black_box(Timeline::new(session.clone()));
            },
        );
        let floor = measure(
            &mut g,
            &format!("baseline: clone each event ({events})"),
            || {
                std::hint::black_box(session.events.clone());
            },
        );
        let target = match limit {
            Some(l) => format!(
                "target <= {l} ms: {}",
                verdict(replay.low() <= Duration::from_millis(l))
            ),
            None => "no target".into(),
        };
        report.ratio(
            &format!(
                "replay {events} events (p10; median {})",
                ms(replay.median())
            ),
            replay.low(),
            "clone each event",
            floor.low(),
            &format!(
                "{target}; Timeline::new (with a session copy) p10 {}",
                ms(timeline.low())
            ),
        );
        lows.push((events, replay.low()));
    }
    g.finish();
    if let [(a, ta), .., (b, tb)] = lows[..] {
        let r = tb.as_secs_f64() / ta.as_secs_f64().max(1e-12);
        let n = b as f64 / a as f64;
        report.line(format!(
            "growth: {n:.0}x the events took {r:.1}x the time | {}",
            if r < n * 1.5 {
                "linear: met"
            } else {
                "NOT linear"
            }
        ));
    }
    c.final_summary();
    report.print("replay (10th percentiles: the least a shared machine adds)");
}
