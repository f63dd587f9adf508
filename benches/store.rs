//! Files: loading and saving the big session, and checking a long plan,
//! each beside a baseline that does the least the same job needs.

mod common;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use circlekeeper::core::checks::check_plan;
use circlekeeper::core::state::State;
use circlekeeper::core::validate::validate;
use circlekeeper::store::file::{load_session, save_session};
use circlekeeper::store::text::{options, plan_from_str, plan_to_string, session_to_string};
use common::{Report, big_plan, big_session, measure, verdict};
use criterion::Criterion;

fn main() {
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut report = Report::default();
    let dir = tempfile::tempdir().unwrap();
    files(&mut c, &mut report, dir.path());
    checks(&mut c, &mut report);
    c.final_summary();
    report.print("store: figures beside their baselines (medians)");
}

fn files(c: &mut Criterion, report: &mut Report, dir: &Path) {
    let session = big_session();
    let path = dir.join("big.ron");
    save_session(&path, &session).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    report.line(format!(
        "big session: {} events, {} people, {} segments, {} KiB on disk",
        session.events.len(),
        session.roster.len(),
        session.plan.segments.len(),
        text.len() / 1024
    ));

    let mut g = c.benchmark_group("load");
    let load = measure(&mut g, "load_session (big)", || {
        std::hint::black_box(load_session(&path).unwrap());
    });
    let open = measure(&mut g, "load_session + replay (big)", || {
        let s = load_session(&path).unwrap();
        std::hint::black_box(State::replay(&s));
    });
    let floor = measure(&mut g, "baseline: read + RON tokenize (big)", || {
        let text = std::fs::read_to_string(&path).unwrap();
        let _: serde::de::IgnoredAny = options().from_str(&text).unwrap();
    });
    g.finish();
    let l = load.median();
    report.ratio(
        "load the big session",
        l,
        "read + RON tokenize",
        floor.median(),
        &format!("target < 50 ms: {}", verdict(l < Duration::from_millis(50))),
    );
    report.ratio(
        "load + replay (what `open` does)",
        open.median(),
        "read + RON tokenize",
        floor.median(),
        "no target",
    );

    let mut g = c.benchmark_group("save");
    let save_path = dir.join("save.ron");
    let save = measure(&mut g, "save_session (big)", || {
        save_session(&save_path, &session).unwrap();
    });
    let serialize = measure(&mut g, "serialize only (big)", || {
        std::hint::black_box(session_to_string(&session).unwrap());
    });
    let bytes = session_to_string(&session).unwrap().into_bytes();
    let atomic_path = dir.join("atomic.ron");
    let atomic = measure(&mut g, "atomic write of the bytes (big)", || {
        circlekeeper::store::atomic::write(&atomic_path, &bytes).unwrap();
    });
    // Where the difference goes: the same steps without the folder fsync.
    let renamed_path = dir.join("renamed.ron");
    let renamed_temp = dir.join(".renamed.ron.tmp");
    let renamed = measure(
        &mut g,
        "write + fsync + rename, no folder fsync (big)",
        || {
            let mut f = std::fs::File::create(&renamed_temp).unwrap();
            f.write_all(&bytes).unwrap();
            f.sync_all().unwrap();
            std::fs::rename(&renamed_temp, &renamed_path).unwrap();
        },
    );
    let plain_path = dir.join("plain.ron");
    let plain = measure(&mut g, "baseline: write + fsync (big)", || {
        let mut f = std::fs::File::create(&plain_path).unwrap();
        f.write_all(&bytes).unwrap();
        f.sync_all().unwrap();
    });
    g.finish();
    let ratio = save.median().as_secs_f64() / plain.median().as_secs_f64().max(1e-12);
    report.ratio(
        "save the big session (serialize + backup + atomic write)",
        save.median(),
        "plain write + fsync",
        plain.median(),
        &format!("target within 1.5x: {}", verdict(ratio <= 1.5)),
    );
    report.ratio(
        "serialize only",
        serialize.median(),
        "plain write + fsync",
        plain.median(),
        "no target",
    );
    report.ratio(
        "new file + fsync + rename, no folder fsync",
        renamed.median(),
        "plain write + fsync",
        plain.median(),
        "no target (shows the cost of the second barrier)",
    );
    report.ratio(
        "atomic write alone (bytes ready)",
        atomic.median(),
        "plain write + fsync",
        plain.median(),
        "no target",
    );
}

fn checks(c: &mut Criterion, report: &mut Report) {
    let plan = big_plan(200, 40);
    let text = plan_to_string(&plan).unwrap();
    let name = Path::new("long.ron");
    assert!(validate(&plan).is_empty());
    let mut g = c.benchmark_group("check");
    let check = measure(&mut g, "check_plan + validate (200 segments)", || {
        std::hint::black_box(validate(&plan));
        std::hint::black_box(check_plan(&plan, None));
    });
    let parse = measure(&mut g, "baseline: parse the plan (200 segments)", || {
        std::hint::black_box(plan_from_str(name, &text).unwrap());
    });
    g.finish();
    report.ratio(
        "check a 200-segment plan",
        check.median(),
        "parsing it",
        parse.median(),
        "no target",
    );
}
