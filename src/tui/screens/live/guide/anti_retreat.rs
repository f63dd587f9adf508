//! The anti-retreat guide: one conversation about one matter, phase by
//! phase, with each voice's share of the time, follow-ups noted as they are
//! agreed, and the arc of every conversation on the same matter.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{
    Big, Entry, GuideView, Picking, Typing, clock_spans, current, move_cursor, row, scroll,
    toggle_big,
};
use crate::core::duration::clock;
use crate::core::event::Event;
use crate::core::guide::GuideEvent;
use crate::core::guide::anti_retreat::{
    Phase, matter_arc, parse_follow_up, parties, phase_clock, plan_lines, quietest_if_uneven,
    shares,
};
use crate::core::note::{Kind, Note, NoteEvent, NoteKind, Visibility};
use crate::core::person::PersonId;
use crate::core::run::SegmentId;
use crate::tui::action::Action;
use crate::tui::screens::contract::{Ctx, View};
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::script::cue_lines;

/// The voices who can speak: parties matched to people.
fn voices(v: &View<GuideView>, segment: SegmentId) -> Vec<PersonId> {
    v.state()
        .run
        .segment(segment)
        .map(|seg| {
            parties(&v.state().people, &v.state().guides, segment, seg)
                .into_iter()
                .filter_map(|p| p.person)
                .collect()
        })
        .unwrap_or_default()
}

pub fn toggle_party(ctx: &mut Ctx<GuideView>, person: PersonId) {
    let Some(segment) = ctx.state().run.current else {
        return;
    };
    let joined = !voices(&ctx.look(), segment).contains(&person);
    ctx.log(Event::Guide(GuideEvent::Party {
        segment,
        person,
        joined,
    }));
}

/// Notes a follow-up typed as "who with whom by date: what", kept in the
/// circle: it was agreed in a confidential conversation.
pub fn add_follow_up(ctx: &mut Ctx<GuideView>, text: &str) {
    let Some((segment, seg)) = current(&ctx.look()).filter(|_| !text.is_empty()) else {
        return;
    };
    let today = ctx.now.to_zoned(ctx.settings.tz.clone()).date();
    let draft = parse_follow_up(text, &ctx.state().people, today);
    let kind = NoteKind::FollowUp {
        who: draft.who,
        with: draft.with,
        by: draft.by,
    };
    let mut note = Note::new(
        ctx.state().notes.next_id(),
        kind,
        draft.text,
        Some((segment, &seg)),
    );
    note.visibility = Visibility::CircleOnly;
    ctx.log(Event::Note(NoteEvent::Added(note)));
    ctx.say("follow-up noted, kept in the circle");
}

pub fn update(ctx: &mut Ctx<GuideView>, segment: SegmentId, action: Action) -> bool {
    let list = voices(&ctx.look(), segment);
    if move_cursor(ctx, action, list.len()) {
        return true;
    }
    let guides = &ctx.state().guides;
    let phase = guides.phase(segment).value;
    let speaking = guides.speaking(segment);
    let under = list.get(row(&ctx.look(), list.len()));
    let event = match action {
        Action::Speak => match under {
            Some(p) if speaking == Some(*p) => GuideEvent::VoiceEnd { segment },
            Some(p) => GuideEvent::Voice {
                segment,
                person: *p,
            },
            None => {
                let add = super::key(ctx.settings, ctx.state(), Action::EditParties);
                ctx.say(format!("no voices yet: {add} adds them from the roster"));
                return true;
            }
        },
        Action::EndVoice if speaking.is_some() => GuideEvent::VoiceEnd { segment },
        Action::EndVoice => return true,
        Action::NextStep | Action::PrevStep => {
            let to = match action {
                Action::NextStep => phase.next(),
                _ => phase.previous(),
            };
            match to {
                Some(phase) => GuideEvent::Phase { segment, phase },
                None => {
                    ctx.say("no phase that way");
                    return true;
                }
            }
        }
        Action::EditParties => {
            ctx.view.entry = Some(Entry::Pick {
                purpose: Picking::Parties,
                cursor: 0,
            });
            return true;
        }
        Action::FollowUp => {
            ctx.view.entry = Some(Entry::Text {
                purpose: Typing::FollowUp,
                input: LineInput::default(),
            });
            return true;
        }
        Action::MatterArc => {
            match ctx
                .state()
                .run
                .segment(segment)
                .and_then(|s| s.matter.as_ref())
            {
                Some(_) => toggle_big(ctx, Big::Arc),
                None => ctx.say("this conversation names no matter in the plan"),
            }
            return true;
        }
        Action::ShowAgreements => {
            toggle_big(ctx, Big::Agreements);
            return true;
        }
        _ => return false,
    };
    ctx.log(Event::Guide(event));
    true
}

pub fn render(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let run = &v.state().run;
    let Some(seg) = run.segment(segment) else {
        return;
    };
    let Some((phase, pclock)) =
        phase_clock(run, &v.session().plan, &v.state().guides, segment, v.now)
    else {
        return;
    };
    let [strip, info, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    let mut spans = Vec::new();
    for p in Phase::ALL {
        if !spans.is_empty() {
            spans.push(Span::styled(" › ", t.dim));
        }
        let style = if p == phase {
            t.selected
        } else if p.index() < phase.index() {
            t.dim
        } else {
            t.base
        };
        spans.push(Span::styled(p.label(), style));
    }
    Line::from(spans).render(strip, buf);
    let mut spans = vec![Span::styled(
        format!("Phase {} of {} · ", phase.index() + 1, Phase::ALL.len()),
        t.dim,
    )];
    spans.extend(clock_spans(&pclock, t));
    Line::from(spans).render(info, buf);

    let [left, _, right] = Layout::horizontal([
        Constraint::Percentage(55),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(body);
    let mut lines: Vec<Line> = phase
        .script()
        .iter()
        .flat_map(|c| cue_lines(c, t))
        .collect();
    if phase == Phase::Agreements && !seg.agreements.is_empty() {
        lines.push(Line::styled(
            format!(
                "Agreements ({} shows them large)",
                super::key(v.settings, v.state(), Action::ShowAgreements)
            ),
            t.title,
        ));
        lines.extend(seg.agreements.iter().map(|a| Line::raw(format!("· {a}"))));
    }
    lines.extend(
        plan_lines(seg, phase)
            .into_iter()
            .map(|l| Line::styled(l, t.dim)),
    );
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(left, buf);
    render_voices(v, segment, right, buf);
}

/// The equal-time meter: each voice's share, a bar, and a hint when the
/// time has gone unevenly; then follow-ups and the matter.
fn render_voices(v: &View<GuideView>, segment: SegmentId, area: Rect, buf: &mut Buffer) {
    let t = &v.settings.theme;
    let guides = &v.state().guides;
    let Some(seg) = v.state().run.segment(segment) else {
        return;
    };
    let all = parties(&v.state().people, guides, segment, seg);
    let list: Vec<PersonId> = all.iter().filter_map(|p| p.person).collect();
    let meter = shares(&list, guides.voices(segment), v.now);
    let speaking = guides.speaking(segment);
    let mut lines = vec![Line::styled("Voices · equal time", t.title)];
    lines.extend(guides.voice_speaking(segment).map(|turn| {
        crate::tui::widgets::turn::line(v.state(), &v.session().plan, v.theme(), turn, v.now)
    }));
    let cursor = row(v, list.len());
    let name_w = 8;
    let bar_w = (area.width as usize)
        .saturating_sub(name_w + 17)
        .clamp(4, 20);
    let rows = area
        .height
        .saturating_sub(4 + u16::from(speaking.is_some())) as usize;
    for (i, s) in meter
        .iter()
        .enumerate()
        .skip(scroll(cursor, rows))
        .take(rows)
    {
        let filled = (s.share * bar_w as f64).round() as usize;
        let name: String = v
            .state()
            .people
            .name(s.person)
            .chars()
            .take(name_w)
            .collect();
        let on = speaking == Some(s.person);
        let line = Line::from(vec![
            Span::raw(if i == cursor { "▶" } else { " " }),
            Span::styled(if on { "● " } else { "  " }, t.ok),
            Span::raw(format!("{name:<name_w$} ")),
            Span::styled("█".repeat(filled), if on { t.ok } else { t.accent }),
            Span::styled("░".repeat(bar_w - filled.min(bar_w)), t.dim),
            Span::raw(format!(" {:>3.0}% {}", s.share * 100.0, clock(s.spoken))),
        ]);
        lines.push(if i == cursor {
            line.style(t.selected)
        } else {
            line
        });
    }
    for p in all.iter().filter(|p| p.person.is_none()) {
        lines.push(Line::styled(
            format!("  {} (not on the roster; p)", p.name),
            t.dim,
        ));
    }
    if let Some(quiet) = quietest_if_uneven(&meter) {
        lines.push(Line::styled(
            format!(
                "Time is uneven: invite {} next.",
                v.state().people.name(quiet)
            ),
            t.soon,
        ));
    }
    let follow_ups = v
        .state()
        .notes
        .in_segment(segment)
        .filter(|n| n.kind.kind() == Kind::FollowUp)
        .count();
    let plural = if follow_ups == 1 { "" } else { "s" };
    let key = |a| super::key(v.settings, v.state(), a);
    let mut tail = format!(
        "{follow_ups} follow-up{plural} · {} adds one",
        key(Action::FollowUp)
    );
    if let Some(m) = &seg.matter {
        let n = matter_arc(&v.state().run, &v.state().notes, m).len();
        tail.push_str(&format!(
            " · matter: {n} talks ({})",
            key(Action::MatterArc)
        ));
    }
    lines.push(Line::styled(tail, t.dim));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
