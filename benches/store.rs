//! Files: loading the big session and its journal (at 20,000 and 100,000
//! events), saving one key's events, folding the journal in, and checking a
//! long plan, each beside a baseline that does the least the same job
//! needs.

mod common;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use circlekeeper::core::checks::check_plan;
use circlekeeper::core::event::{Entry, Event};
use circlekeeper::core::note::{NoteEvent, NoteId};
use circlekeeper::core::run::RunEvent;
use circlekeeper::core::session::Session;
use circlekeeper::core::state::State;
use circlekeeper::core::validate::validate;
use circlekeeper::store::file::{read_session, save_session};
use circlekeeper::store::journal::{self, Header, line as journal_line};
use circlekeeper::store::open::for_writing;
use circlekeeper::store::text::{options, plan_from_str, plan_to_string, session_to_string};
use common::{Report, big_plan, big_session, measure, ms, verdict};
use criterion::Criterion;
use jiff::SignedDuration;

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

/// The big session grown to `n` events: its events again and again, an
/// hour apart each round, notes renumbered so every id stays unique.
fn longer(session: &Session, n: usize) -> Session {
    let mut s = session.clone();
    let base = session.events.clone();
    let notes = base
        .iter()
        .filter(|e| matches!(e.event, Event::Note(NoteEvent::Added(_))))
        .count() as u32;
    let mut round = 1;
    while s.events.len() < n {
        let shift = SignedDuration::from_hours(24 * round as i64);
        for e in &base {
            let mut e = e.clone();
            e.at = e.at.checked_add(shift).unwrap();
            if let Event::Note(NoteEvent::Added(note)) = &mut e.event {
                note.id = NoteId(note.id.0 + notes * round);
            }
            s.events.push(e);
            if s.events.len() == n {
                break;
            }
        }
        round += 1;
    }
    s
}

/// Writes `session` as a session file holding all but its last `tail`
/// events, and a journal holding those, as a writer leaves them mid-run.
fn write_with_journal(path: &Path, session: &Session, tail: usize) -> (u64, u64) {
    let mut head = session.clone();
    let rest = head.events.split_off(session.events.len() - tail);
    save_session(path, &head).unwrap();
    let mut text = Header::for_session(&head, head.events.len()).line();
    for e in &rest {
        text += &journal_line(e).unwrap();
    }
    std::fs::write(journal::path_of(path), &text).unwrap();
    (std::fs::metadata(path).unwrap().len(), text.len() as u64)
}

/// Loading a session and its journal, at 20,000 and 100,000 events.
fn loads(c: &mut Criterion, report: &mut Report, dir: &Path, session: &Session) {
    let mut g = c.benchmark_group("load");
    for (events, limit) in [(20_000, 50), (100_000, 250)] {
        let s = longer(session, events);
        let path = dir.join(format!("load-{events}.ron"));
        // The journal as long as it gets before it is folded in (1 MiB).
        let tail = 5_000;
        let (file, journal) = write_with_journal(&path, &s, tail);
        report.line(format!(
            "session of {events} events: {} KiB file + {} KiB journal ({tail} events)",
            file / 1024,
            journal / 1024
        ));
        let load = measure(
            &mut g,
            &format!("read_session + journal ({events})"),
            || {
                std::hint::black_box(read_session(&path).unwrap());
            },
        );
        let floor = measure(
            &mut g,
            &format!("baseline: read + RON tokenize ({events})"),
            || {
                let text = std::fs::read_to_string(&path).unwrap();
                let _: serde::de::IgnoredAny = options().from_str(&text).unwrap();
                let journal = std::fs::read_to_string(journal::path_of(&path)).unwrap();
                for line in journal.lines() {
                    let _: serde::de::IgnoredAny = options().from_str(line).unwrap();
                }
            },
        );
        let l = load.median();
        report.ratio(
            &format!("load {events} events (session + journal)"),
            l,
            "read + RON tokenize of both",
            floor.median(),
            &format!(
                "target < {limit} ms: {}",
                verdict(l < Duration::from_millis(limit))
            ),
        );
    }
    g.finish();
}

/// Saving one key's events: an append to the journal and its fdatasync,
/// against a plain append + fdatasync of the same bytes.
fn saves(c: &mut Criterion, report: &mut Report, dir: &Path, session: &Session) {
    let path = dir.join("save.ron");
    save_session(&path, session).unwrap();
    let mut writer = for_writing(&path).unwrap();
    let mut g = c.benchmark_group("save");
    let mut t = session.events.last().unwrap().at;
    let mut n = 0u64;
    let mut key = || {
        n += 1;
        t = t.checked_add(SignedDuration::from_millis(700)).unwrap();
        Entry {
            at: t,
            event: Event::Run(if n.is_multiple_of(2) {
                RunEvent::Pause
            } else {
                RunEvent::Resume
            }),
        }
    };
    let one = key();
    let bytes = journal_line(&one).unwrap().into_bytes();
    let journal = journal::path_of(&path);
    let before = (
        std::fs::metadata(&journal).map_or(0, |m| m.len()),
        writer.session().events.len(),
    );
    let save = measure(&mut g, "save one key's events (journal append)", || {
        writer.push(vec![key()]);
        writer.save().unwrap();
    });
    let written = std::fs::metadata(&journal).map_or(0, |m| m.len()) - before.0;
    let keys = (writer.session().events.len() - before.1) as u64;
    let plain_path = dir.join("plain.journal");
    let mut plain = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&plain_path)
        .unwrap();
    let floor = measure(
        &mut g,
        "baseline: write_all + sync_data of the same bytes",
        || {
            plain.write_all(&bytes).unwrap();
            plain.sync_data().unwrap();
        },
    );
    let fold = measure(&mut g, "fold the journal into the big session file", || {
        writer.push(vec![key()]);
        writer.fold_now().unwrap();
    });
    let whole = measure(
        &mut g,
        "save_session: serialize + backup + atomic write (big)",
        || {
            save_session(&path, session).unwrap();
            // (the writer's file is replaced; it is not used after this)
        },
    );
    let plain_big = dir.join("plain.ron");
    let big_bytes = session_to_string(session).unwrap().into_bytes();
    let plain_whole = measure(
        &mut g,
        "baseline: write + fsync of the whole file (big)",
        || {
            let mut f = std::fs::File::create(&plain_big).unwrap();
            f.write_all(&big_bytes).unwrap();
            f.sync_all().unwrap();
        },
    );
    g.finish();
    let ratio = save.median().as_secs_f64() / floor.median().as_secs_f64().max(1e-12);
    report.ratio(
        "save one key's events (append + fdatasync)",
        save.median(),
        "write_all + sync_data of the same bytes",
        floor.median(),
        &format!("target within 1.5x: {}", verdict(ratio <= 1.5)),
    );
    let per_key = written.checked_div(keys).unwrap_or(0);
    report.line(format!(
        "bytes written per key: {per_key} B ({written} B over {keys} keys; a line is {} B) | target <= 2 KB: {}",
        bytes.len(),
        verdict(per_key <= 2048)
    ));
    report.ratio(
        "fold: rewrite the big session file (now on quit, suspend, close, every 1 MiB)",
        fold.median(),
        "plain write + fsync of the whole file",
        plain_whole.median(),
        "no target",
    );
    report.ratio(
        "save_session (every save, before the journal)",
        whole.median(),
        "plain write + fsync of the whole file",
        plain_whole.median(),
        "no target",
    );
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
    let mut g = c.benchmark_group("open");
    let open = measure(&mut g, "read_session + replay (big)", || {
        let s = read_session(&path).unwrap();
        std::hint::black_box(State::replay(&s));
    });
    g.finish();
    report.line(format!(
        "load + replay (what `open` does before the first frame): {} | no target",
        ms(open.median())
    ));
    loads(c, report, dir, &session);
    saves(c, report, dir, &session);
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
