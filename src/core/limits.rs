//! The most a plan may ask for: far beyond any real gathering, low enough
//! that a mistyped number (`people: 4294967295`) is refused where it is
//! written instead of exhausting memory later.
//!
//! The lists are counted as they are read, so the error points at the line
//! and column where the list runs over, and the readers never hold more.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, SeqAccess, Visitor};

/// Head count (`people:`, `--people`).
pub const PEOPLE: u32 = 10_000;
/// Names on a roster or sign-up list.
pub const ROSTER: usize = 10_000;
pub const SEGMENTS: usize = 2_000;
/// Exercises of one icebreaker sequence, steps of one activity.
pub const STEPS: usize = 200;

/// `10,000`: numbers in messages, grouped by thousands.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `people:` at most [`PEOPLE`].
pub fn people<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let n = Option::<u32>::deserialize(d)?;
    match n {
        Some(n) if n > PEOPLE => Err(D::Error::custom(format!(
            "{n} people is more than a plan may count (at most {})",
            thousands(PEOPLE as usize)
        ))),
        _ => Ok(n),
    }
}

pub fn roster<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_seq(AtMost::<String>::new(ROSTER, "names on a roster"))
}

pub fn segments<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_seq(AtMost::<T>::new(SEGMENTS, "segments in a plan"))
}

pub fn steps<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_seq(AtMost::<T>::new(STEPS, "steps in one segment or activity"))
}

/// A list read one entry at a time, refused as soon as it holds more than
/// `most`.
struct AtMost<T> {
    most: usize,
    what: &'static str,
    of: PhantomData<T>,
}

impl<T> AtMost<T> {
    fn new(most: usize, what: &'static str) -> Self {
        AtMost {
            most,
            what,
            of: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for AtMost<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a list of at most {} {}",
            thousands(self.most),
            self.what
        )
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element()? {
            if out.len() == self.most {
                return Err(A::Error::custom(format!(
                    "more than {} {}: this is one too many",
                    thousands(self.most),
                    self.what
                )));
            }
            out.push(item);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(2_000), "2,000");
        assert_eq!(thousands(4_294_967_295), "4,294,967,295");
    }
}
