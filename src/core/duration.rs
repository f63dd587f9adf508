//! Durations as facilitators write them ("20m", "1h 30m", "90s") and as the
//! screens show them ("12:04", "+1:20").
//!
//! Plans and session files store durations as friendly strings so a person can
//! read and edit them; in memory they are `jiff::SignedDuration`.

use jiff::SignedDuration;

/// The longest time box a plan may give one segment or step.
pub const LONGEST: SignedDuration = SignedDuration::from_hours(24);

/// Parses "20m", "1h 30m", "90s", "1h30m" or ISO 8601 "PT20M".
/// A bare number is read as minutes, the unit people mean when they type one.
/// Whole seconds only: "1.5m" is fine, "0.5s" is refused.
pub fn parse(text: &str) -> Result<SignedDuration, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("a duration is empty (write e.g. \"20m\" or \"1h 30m\")".into());
    }
    if let Ok(minutes) = text.parse::<i64>() {
        return minutes
            .checked_mul(60)
            .map(SignedDuration::from_secs)
            .ok_or_else(|| format!("duration {text:?} is too long"));
    }
    let d = text
        .parse::<SignedDuration>()
        .map_err(|_| format!("{text:?} is not a duration (write e.g. \"20m\" or \"1h 30m\")"))?;
    // Files keep whole seconds (see `friendly`); a fraction would be lost
    // on the next save, and "0.5s" would come back as a time box of 0.
    if d.subsec_nanos() != 0 {
        return Err(format!(
            "duration {text:?} has a fraction of a second; circlekeeper counts whole seconds"
        ));
    }
    Ok(d)
}

/// Formats as the friendly form ("1h 30m"); whole seconds only.
pub fn friendly(d: SignedDuration) -> String {
    let secs = d.as_secs();
    if secs == 0 {
        return "0s".into();
    }
    let sign = if secs < 0 { "-" } else { "" };
    let s = secs.unsigned_abs();
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}m"));
    }
    if sec > 0 {
        parts.push(format!("{sec}s"));
    }
    format!("{sign}{}", parts.join(" "))
}

/// A countdown as "m:ss" or "h:mm:ss"; negative values get a leading "+"
/// because on a countdown they are overtime.
pub fn clock(d: SignedDuration) -> String {
    let secs = d.as_secs();
    let sign = if secs < 0 { "+" } else { "" };
    format!("{sign}{}", unsigned_clock(secs.unsigned_abs()))
}

/// "m:ss" or "h:mm:ss" of a non-negative number of seconds.
pub fn unsigned_clock(s: u64) -> String {
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{sec:02}")
    } else {
        format!("{m}:{sec:02}")
    }
}

/// Whole minutes, rounded half away from zero, as a signed label: "+4 min".
pub fn signed_minutes(d: SignedDuration) -> String {
    let secs = d.as_secs();
    let mins = (secs.abs() + 30) / 60 * secs.signum();
    match mins {
        0 => "on time".into(),
        m if m > 0 => format!("+{m} min"),
        m => format!("{m} min"),
    }
}

/// A duration as read from a file. Asks serde for any value, not just a
/// string, so that `time: 20` is refused with "expected a duration in quotes"
/// rather than a bare "expected string".
struct Friendly(SignedDuration);

impl<'de> serde::Deserialize<'de> for Friendly {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Friendly, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Friendly;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a duration in quotes, like \"20m\" or \"1h 30m\"")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Friendly, E> {
                parse(text).map(Friendly).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Serde adapter: a `SignedDuration` stored as a friendly string.
pub mod serde_friendly {
    use jiff::SignedDuration;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &SignedDuration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::friendly(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SignedDuration, D::Error> {
        super::Friendly::deserialize(d).map(|f| f.0)
    }
}

/// Serde adapter: an optional `SignedDuration` stored as a friendly string.
pub mod serde_friendly_opt {
    use jiff::SignedDuration;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<SignedDuration>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&super::friendly(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<SignedDuration>, D::Error> {
        Ok(Option::<super::Friendly>::deserialize(d)?.map(|f| f.0))
    }
}

/// Serde adapter: a list of durations stored as friendly strings.
pub mod serde_friendly_vec {
    use jiff::SignedDuration;
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[SignedDuration], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for d in v {
            seq.serialize_element(&super::friendly(*d))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<SignedDuration>, D::Error> {
        Ok(Vec::<super::Friendly>::deserialize(d)?
            .into_iter()
            .map(|f| f.0)
            .collect())
    }
}

/// `weight` parts in `of` of a time box, in whole minutes and at least one:
/// how a guide's phases share their segment's time.
pub fn share(whole: SignedDuration, weight: i64, of: i64) -> SignedDuration {
    let mins = whole.as_secs() * weight / of.max(1) / 60;
    SignedDuration::from_mins(mins.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_facilitators_write() {
        assert_eq!(parse("20m").unwrap(), SignedDuration::from_mins(20));
        assert_eq!(parse("1h 30m").unwrap(), SignedDuration::from_mins(90));
        assert_eq!(parse("1h30m").unwrap(), SignedDuration::from_mins(90));
        assert_eq!(parse("90s").unwrap(), SignedDuration::from_secs(90));
        assert_eq!(parse("45").unwrap(), SignedDuration::from_mins(45));
        assert_eq!(parse("PT20M").unwrap(), SignedDuration::from_mins(20));
        assert!(parse("").is_err());
        assert!(parse("soon").is_err());
        assert!(parse("999999999999999999").is_err());
        assert_eq!(parse("1.5m").unwrap(), SignedDuration::from_secs(90));
        assert!(parse("0.5s").unwrap_err().contains("whole seconds"));
        assert!(parse("PT1.25S").is_err());
    }

    #[test]
    fn formats_round_trip() {
        for text in ["20m", "1h 30m", "1h", "45s", "2h 5m 3s", "-5m"] {
            assert_eq!(friendly(parse(text).unwrap()), text);
        }
        assert_eq!(friendly(SignedDuration::ZERO), "0s");
    }

    #[test]
    fn clocks_show_overtime_with_a_plus() {
        assert_eq!(clock(SignedDuration::from_secs(754)), "12:34");
        assert_eq!(clock(SignedDuration::from_secs(-80)), "+1:20");
        assert_eq!(clock(SignedDuration::from_secs(3 * 3600 + 5)), "3:00:05");
        assert_eq!(
            signed_minutes(SignedDuration::from_secs(4 * 60 + 10)),
            "+4 min"
        );
        assert_eq!(signed_minutes(SignedDuration::from_secs(-100)), "-2 min");
        assert_eq!(signed_minutes(SignedDuration::from_secs(20)), "on time");
    }
}
