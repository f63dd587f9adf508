//! Quoting back what someone wrote, in a message: whole when it is short,
//! cut after 80 characters (with its size) when it is not, so one huge
//! token in a file cannot flood the terminal with itself.

use std::borrow::Cow;

/// The most characters of one token a message repeats.
pub const LIMIT: usize = 80;

/// `text` as a message may quote it: `AAAA…AAAA… (200000000 bytes)`.
pub fn echo(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(LIMIT) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!("{}… ({} bytes)", &text[..cut], text.len())),
    }
}

/// `message` with every run quoted in backticks or double quotes cut to
/// [`LIMIT`] characters (as [`echo`] does), for messages made elsewhere
/// (RON's, jiff's) that quote the input.
pub fn clip_quoted(message: &str) -> Cow<'_, str> {
    if message.len() <= LIMIT {
        return Cow::Borrowed(message);
    }
    let mut out = String::new();
    let mut rest = message;
    let mut changed = false;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = &rest[open..open + 1];
        let Some(len) = rest[open + 1..].find(quote) else {
            break;
        };
        let inner = &rest[open + 1..open + 1 + len];
        out.push_str(&rest[..=open]);
        let cut = echo(inner);
        changed |= matches!(cut, Cow::Owned(_));
        out.push_str(&cut);
        out.push_str(quote);
        rest = &rest[open + len + 2..];
    }
    if !changed {
        return Cow::Borrowed(message);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tokens_stay_and_long_ones_are_cut_with_their_size() {
        assert_eq!(echo("Ana"), "Ana");
        let long = "é".repeat(100);
        let cut = echo(&long);
        assert_eq!(cut, format!("{}… (200 bytes)", "é".repeat(80)));
        assert_eq!(echo(&"x".repeat(80)), "x".repeat(80));
    }

    #[test]
    fn quoted_runs_in_a_message_are_cut() {
        let msg = format!(
            "Unexpected variant named `{}` in enum `SegmentKind`, \"{}\"",
            "A".repeat(300),
            "b".repeat(90)
        );
        assert_eq!(
            clip_quoted(&msg),
            format!(
                "Unexpected variant named `{}… (300 bytes)` in enum `SegmentKind`, \"{}… (90 bytes)\"",
                "A".repeat(80),
                "b".repeat(80)
            )
        );
        let plain = format!("expected one of `a`, `b` {}", "and more ".repeat(20));
        assert_eq!(clip_quoted(&plain), plain);
    }
}
