//! Fitting names into columns by how wide they look on screen, never by
//! bytes: "李小龍" takes six columns, "José" with a combining accent four,
//! and a cut never splits a letter from its accent or an emoji in half.
//! Every place that fits a name to a width goes through here.
//!
//! Text is measured the way ratatui draws it: grapheme cluster by cluster
//! (`unicode-segmentation`), each as wide as `unicode-width` says. Measuring
//! the whole string at once is not the same: `unicode-width` counts the
//! Arabic lam-alef pair (لا) as one column, while the buffer gives each of
//! the two clusters a cell, so a name fitted by the string's width lost its
//! last letter.

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `text` as it is drawn: a zero-width non-joiner after an Arabic lam
/// that an alef follows. ratatui lays a line's spans out by each string's
/// width, which counts the lam-alef pair as one column, while the buffer
/// draws the two letters in two cells: without the joiner, the last letter
/// of "محمد الأحمد" fell off whenever more text followed it on the line.
pub fn shown(text: &str) -> Cow<'_, str> {
    const LAM: char = '\u{644}';
    const ALEFS: [char; 4] = ['\u{622}', '\u{623}', '\u{625}', '\u{627}'];
    if !text.contains(LAM) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 3);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == LAM && chars.peek().is_some_and(|n| ALEFS.contains(n)) {
            out.push('\u{200c}');
        }
    }
    Cow::Owned(out)
}

/// Columns `text` takes on screen, as the buffer lays it out.
pub fn width(text: &str) -> usize {
    Span::raw(text)
        .styled_graphemes(Style::new())
        .map(|g| usize::from(g.symbol.cell_width()))
        .sum()
}

/// `text` cut to at most `max` columns, ending in "…" when cut.
pub fn fit(text: &str, max: usize) -> String {
    let text = shown(text);
    let text = text.as_ref();
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in Span::raw(text).styled_graphemes(Style::new()) {
        let w = usize::from(g.symbol.cell_width());
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push_str(g.symbol);
    }
    out.push('…');
    out
}

/// A styled line cut to at most `max` columns the same way: whole clusters,
/// each span keeping its style, "…" at the end when cut.
pub fn fit_line(line: &Line<'_>, max: usize) -> Line<'static> {
    let spans: Vec<Span<'static>> = line
        .spans
        .iter()
        .map(|s| Span::styled(shown(&s.content).into_owned(), s.style))
        .collect();
    let total: usize = spans.iter().map(|s| width(&s.content)).sum();
    let mut out = Vec::new();
    if total <= max {
        out = spans;
    } else if max > 0 {
        let mut room = max - 1;
        'spans: for span in &spans {
            let mut kept = String::new();
            for g in span.styled_graphemes(Style::new()) {
                let w = usize::from(g.symbol.cell_width());
                if w > room {
                    out.push(Span::styled(kept, span.style));
                    break 'spans;
                }
                room -= w;
                kept.push_str(g.symbol);
            }
            out.push(Span::styled(kept, span.style));
        }
        let style = out.last().map_or(Style::new(), |s| s.style);
        out.push(Span::styled("…", style));
    }
    let mut fitted = Line::from(out).style(line.style);
    fitted.alignment = line.alignment;
    fitted
}

/// The widths a `Table` gives its columns across `width` cells with a
/// selection column `selection` wide (its default column spacing of one and
/// `Flex::Start`), so that names can be fitted to their column before the
/// table cuts them without a sign.
pub fn table_columns(width: u16, selection: u16, widths: &[Constraint]) -> Vec<usize> {
    let columns = Rect::new(0, 0, width.saturating_sub(selection), 1);
    Layout::horizontal(widths.iter().copied())
        .flex(Flex::Start)
        .spacing(1)
        .split(columns)
        .iter()
        .map(|r| usize::from(r.width))
        .collect()
}

/// `text` fitted to `w` columns and padded with spaces to exactly `w`.
pub fn pad(text: &str, w: usize) -> String {
    let mut out = fit(text, w);
    let short = w.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', short));
    out
}

/// Columns for a list's names, beside what follows them on each row: as
/// wide as the longest name, at least 10, at most half of `room`. At 80x24
/// the longest are cut with "…"; on a wide screen they show whole.
pub fn name_column<'a>(names: impl IntoIterator<Item = &'a str>, room: u16) -> usize {
    let most = usize::from(room / 2).max(10);
    names
        .into_iter()
        .map(width)
        .max()
        .unwrap_or(0)
        .clamp(10, most)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_column_fits_the_longest_name_within_half_the_room() {
        let names = ["Kim", "美玲", "Tomás Nuñez"];
        assert_eq!(name_column(names, 120), 11);
        assert_eq!(name_column(["Kim"], 120), 10, "never narrower than 10");
        assert_eq!(name_column(["Maximiliana Theodora Wilhelmina"], 40), 20);
        assert_eq!(name_column(["Maximiliana"], 8), 10, "even in a narrow room");
        assert_eq!(name_column([], 80), 10);
    }

    #[test]
    fn cuts_by_columns_and_whole_graphemes() {
        assert_eq!(fit("Ana", 5), "Ana");
        assert_eq!(fit("María José de la Cruz", 10), "María Jos…");
        assert_eq!(width(&fit("María José de la Cruz", 10)), 10);
        // Wide letters take two columns; a cut never leaves half of one.
        assert_eq!(fit("李小龍李小龍", 6), "李小…");
        assert_eq!(width("李小龍"), 6);
        // A combining accent stays on its letter.
        let name = "Jose\u{301} Nuñez";
        assert_eq!(fit(name, 5), "Jose\u{301}…");
        assert_eq!(width(&fit(name, 5)), 5);
        assert_eq!(fit("Zoë 🌈", 5), "Zoë …");
        assert_eq!(pad("李", 4), "李  ");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn a_styled_line_is_cut_across_its_spans() {
        let bold = Style::new().bold();
        let line = Line::from(vec![
            Span::styled("प्रिया", bold),
            Span::raw(" · 0:42 of 1m"),
        ]);
        assert_eq!(fit_line(&line, 40), line);
        let cut = fit_line(&line, 6);
        let text = cut.to_string();
        assert!(text.starts_with("प्रि") && text.ends_with('…'), "{text}");
        assert_eq!(cut.spans[0].style, bold);
        assert!(cut.spans.iter().map(|s| width(&s.content)).sum::<usize>() <= 6);
        assert_eq!(fit_line(&line, 0).to_string(), "");
    }

    #[test]
    fn table_columns_match_what_the_table_draws() {
        let cols = table_columns(
            40,
            2,
            &[
                Constraint::Length(3),
                Constraint::Fill(1),
                Constraint::Length(8),
            ],
        );
        assert_eq!(cols, [3, 25, 8]);
    }

    #[test]
    fn names_in_every_script_are_measured_as_they_are_drawn() {
        // The lam-alef pair is two clusters and two cells: nothing is lost,
        // and the string's own width (what a line lays out by) agrees.
        let arabic = "محمد الأحمد";
        assert_eq!(width(arabic), arabic.chars().count());
        assert_eq!(fit(arabic, width(arabic)), shown(arabic));
        assert_eq!(Span::raw(fit(arabic, 20)).width(), width(arabic));
        assert_eq!(shown("Ana"), "Ana");
        let cut = fit(arabic, 6);
        assert!(cut.ends_with('…') && width(&cut) <= 6, "{cut}");
        // Hebrew, Thai and Devanagari: marks stay on their letters.
        assert_eq!(fit("שׁלוֹם עליכם", 4), "שׁלוֹ…");
        assert_eq!(fit("สมชาย ใจดี", 4), "สมช…");
        for name in ["प्रिया शर्मा", "สมชาย ใจดี", "Ｆｕｌｌ", "Łukasz Żółć"]
        {
            for max in 0..=width(name) {
                let cut = fit(name, max);
                assert!(width(&cut) <= max, "{name} at {max}: {cut}");
                let kept = cut.strip_suffix('…').unwrap_or(&cut);
                assert!(name.starts_with(kept), "{name} at {max}: {cut}");
            }
        }
        // Emoji with skin tones and ZWJ sequences are one cluster each.
        let zoe = "👩🏽‍🦱 Zoë";
        assert_eq!(fit(zoe, 3), "👩🏽‍🦱…");
        assert_eq!(fit("👨‍👩‍👧‍👦 family", 2), "…");
        assert_eq!(fit("Ｆｕｌｌ", 5), "Ｆｕ…");
        // A long name always ends in the ellipsis.
        let long = "Maximiliana Theodora Wilhelmina Augusta von Hohenzollern-Sig";
        assert_eq!(long.chars().count(), 60);
        assert_eq!(fit(long, 20), "Maximiliana Theodor…");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// Any text, any width: the cut fits, starts like the text, and
        /// `pad` fills the width exactly.
        #[test]
        fn a_cut_always_fits(text in "\\PC{0,24}", max in 0usize..20) {
            let cut = fit(&text, max);
            proptest::prop_assert!(width(&cut) <= max);
            let kept = cut.strip_suffix('…').unwrap_or(&cut);
            proptest::prop_assert!(text.starts_with(kept));
            if width(&text) <= max {
                proptest::prop_assert_eq!(&cut, &text);
            }
            proptest::prop_assert_eq!(width(&pad(&text, max)), max);
        }
    }
}
