//! A day as a facilitator types it for a due date, a follow-up or a
//! review: "2026-12-01", but also "tomorrow", "sunday" or "+2w", which is
//! how a circle says it ("Olek brings it on Sunday"). Relative words are
//! read against `today`, which the caller passes in: core has no clock.

use jiff::ToSpan;
use jiff::civil::Date;

/// How a day may be written, for hints and errors.
pub const FORMS: &str = "2026-12-01, today, tomorrow, a weekday, +3d or +2w";

/// The day `text` names, read against `today`.
pub fn parse(text: &str, today: Date) -> Result<Date, String> {
    let t = text.trim();
    let lower = t.to_lowercase();
    if let Ok(date) = t.parse::<Date>() {
        return Ok(date);
    }
    let relative = match lower.as_str() {
        "today" => Some(today),
        "tomorrow" => today.checked_add(1.day()).ok(),
        _ => super::days::weekday(&lower)
            .map(|w| today.nth_weekday(1, w))
            .and_then(Result::ok)
            .or_else(|| ahead(&lower, today)),
    };
    relative.ok_or_else(|| format!("\"{t}\" is not a day: write {FORMS}"))
}

/// "+3d", "+2w" (also "3d", "in 3 days", "in 2 weeks"): so many days or
/// weeks after today.
fn ahead(word: &str, today: Date) -> Option<Date> {
    let word = word.strip_prefix("in ").unwrap_or(word);
    let word = word.strip_prefix('+').unwrap_or(word).trim();
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let n: i64 = digits.parse().ok().filter(|n| *n <= 3660)?;
    let days = match word[digits.len()..].trim() {
        "d" | "day" | "days" => n,
        "w" | "week" | "weeks" => n * 7,
        _ => return None,
    };
    today.checked_add(days.days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// A Friday.
    const TODAY: Date = date(2026, 6, 12);

    fn day(text: &str) -> Result<String, String> {
        parse(text, TODAY).map(|d| d.to_string())
    }

    #[test]
    fn a_date_as_written() {
        assert_eq!(day(" 2026-12-01 "), Ok("2026-12-01".into()));
    }

    #[test]
    fn words_a_circle_uses() {
        assert_eq!(day("today"), Ok("2026-06-12".into()));
        assert_eq!(day("Tomorrow"), Ok("2026-06-13".into()));
        assert_eq!(day("sunday"), Ok("2026-06-14".into()));
        assert_eq!(day("Sun"), Ok("2026-06-14".into()));
        // A weekday is the coming one: on a Friday, "friday" is next week's.
        assert_eq!(day("friday"), Ok("2026-06-19".into()));
        assert_eq!(day("+3d"), Ok("2026-06-15".into()));
        assert_eq!(day("+2w"), Ok("2026-06-26".into()));
        assert_eq!(day("in 2 weeks"), Ok("2026-06-26".into()));
        assert_eq!(day("in 1 day"), Ok("2026-06-13".into()));
    }

    #[test]
    fn anything_else_says_how_to_write_a_day() {
        for bad in [
            "next spring",
            "su",
            "2026-02-30",
            "+d",
            "+99999d",
            "in weeks",
            "",
        ] {
            let err = day(bad).unwrap_err();
            assert!(
                err.contains("is not a day") && err.contains("tomorrow"),
                "{bad}: {err}"
            );
        }
    }
}
