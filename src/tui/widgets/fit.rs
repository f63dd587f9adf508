//! Fitting names into columns by how wide they look on screen, never by
//! bytes: "李小龍" takes six columns, "José" with a combining accent four,
//! and a cut never splits a letter from its accent or an emoji in half.

use ratatui::style::Style;
use ratatui::text::Span;

/// Columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// `text` cut to at most `max` columns, ending in "…" when cut.
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in Span::raw(text).styled_graphemes(Style::new()) {
        let w = width(g.symbol);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push_str(g.symbol);
    }
    out.push('…');
    out
}

/// `text` fitted to `w` columns and padded with spaces to exactly `w`.
pub fn pad(text: &str, w: usize) -> String {
    let mut out = fit(text, w);
    let short = w.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', short));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
