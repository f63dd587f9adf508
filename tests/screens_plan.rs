//! The Plan screen's edits during a live run: inserting a library activity
//! with the picker, and undoing it.

mod common;

use circlekeeper::core::run::Status;
use circlekeeper::tui::action::Action;
use circlekeeper::tui::app::Screen;
use circlekeeper::tui::screens::plan::{PlanPrompt, findings};
use common::screen::*;
use crossterm::event::{KeyCode, KeyEvent};

fn key(app: &mut circlekeeper::tui::app::App, code: KeyCode) {
    app.on_key(KeyEvent::from(code), at(0));
}

fn typed(app: &mut circlekeeper::tui::app::App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn picker_searches_the_library_and_inserts_after_the_cursor() {
    let mut app = app_with(default_plan(), &[]);
    app.screen = Screen::Plan;
    app.views.plan.cursor = 1;
    typed(&mut app, "i");
    assert!(matches!(
        app.views.plan.prompt,
        Some(PlanPrompt::Picker { .. })
    ));
    typed(&mut app, "trust walk");
    for (w, h) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("picker_{w}x{h}"), draw(&app, at(0), w, h).backend());
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.views.plan.prompt, None);
    let run = &app.state().run;
    assert_eq!(run.order.len(), 8);
    let inserted = run.segment(run.order[2]).unwrap();
    assert_eq!(inserted.activity.as_deref(), Some("trust-walk"));
    assert_eq!(run.progress(run.order[2]).unwrap().status, Status::Upcoming);
    assert_eq!(app.views.plan.cursor, 2);
    let screen = text(&draw(&app, at(0), 100, 30));
    assert!(screen.contains("Trust walk"), "{screen}");
    // One key takes it back.
    app.update(Action::Undo, at(1));
    assert_eq!(app.state().run.order.len(), 7);
}

#[test]
fn picker_with_no_match_says_so_and_esc_leaves() {
    let mut app = app_with(default_plan(), &[]);
    app.screen = Screen::Plan;
    typed(&mut app, "izzzz");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.flash.as_deref(), Some("nothing matches"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.views.plan.prompt, None);
    assert_eq!(app.state().run.order.len(), 7);
}

#[test]
fn findings_show_inline_and_follow_edits() {
    let mut app = app_with(default_plan(), &[]);
    app.screen = Screen::Plan;
    app.views.plan.cursor = 2;
    assert!(
        findings(app.state(), app.session()).is_empty(),
        "{:?}",
        findings(app.state(), app.session())
    );
    // A 5-minute box cannot hold a 12-person round of a minute each.
    app.update(Action::SetTime, at(0));
    if let Some(PlanPrompt::TimeBox { input, .. }) = &mut app.views.plan.prompt {
        input.text = "5m".into();
    }
    key(&mut app, KeyCode::Enter);
    assert!(
        findings(app.state(), app.session())
            .iter()
            .any(|f| f.code == "CK002"),
        "{:?}",
        findings(app.state(), app.session())
    );
    let screen = text(&draw(&app, at(0), 120, 30));
    assert!(screen.contains(" 3⚠"), "{screen}");
    assert!(screen.contains("⚠ CK002"), "{screen}");
    insta::assert_snapshot!(
        "plan_with_finding_120x30",
        draw(&app, at(0), 120, 30).backend()
    );
    // Undo clears it again.
    app.update(Action::Undo, at(1));
    assert!(findings(app.state(), app.session()).is_empty());
}

#[test]
fn long_titles_are_cut_with_an_ellipsis_in_their_column() {
    let text_of = std::fs::read_to_string("examples/conflict-evening.ron").unwrap();
    let plan = circlekeeper::store::text::plan_from_str(
        std::path::Path::new("examples/conflict-evening.ron"),
        &text_of,
    )
    .unwrap();
    let mut app = app_with(plan, &[]);
    app.screen = Screen::Plan;
    let narrow = text(&draw(&app, at(0), 80, 24));
    let row = narrow
        .lines()
        .find(|l| l.contains("One-on-one"))
        .unwrap_or_else(|| panic!("{narrow}"));
    // Cut where the column ends, with "…", the kind still in its column.
    assert!(row.contains("One-on-one: Ana and I… anti-retreat"), "{row}");
    let wide = text(&draw(&app, at(0), 160, 30));
    assert!(wide.contains("One-on-one: Ana and Idris"), "{wide}");
}
