//! Sign-up lists: names to seat in the circle before anyone arrives.
//!
//! Two shapes are read: one name per line, or CSV (as a spreadsheet or form
//! exports it) whose header has a `name` column and maybe a `pronouns` one.
//! Pure: text in, names out; the caller reads the file.

use std::fmt;

use super::limits;
use super::person::{People, Person, PersonId};

/// A name and, when the list gives them, pronouns.
pub type Signup = (String, Option<String>);

/// Why a list could not be read, and on which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RosterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for RosterError {}

fn error(line: usize, message: impl Into<String>) -> RosterError {
    RosterError {
        line,
        message: message.into(),
    }
}

/// Reads a sign-up list. Blank lines and rows without a name are skipped,
/// names are trimmed, and a name given twice (ignoring case and spacing)
/// keeps its first line.
pub fn parse(text: &str) -> Result<Vec<Signup>, RosterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty());
    let Some((index, first)) = first else {
        return Ok(Vec::new());
    };
    let header = records(first).ok().and_then(|r| r.into_iter().next());
    let is_csv = header
        .as_ref()
        .is_some_and(|(_, fields)| column(fields, "name").is_some());
    let list = if is_csv {
        from_csv(text)?
    } else if let Some((_, fields)) = header.filter(|(_, f)| f.len() > 1) {
        return Err(error(
            index + 1,
            format!(
                "this looks like CSV, but no column is called \"name\" (columns: {}); \
                 name one column \"name\", or give one name per line",
                columns(&fields)
            ),
        ));
    } else {
        text.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, (l.trim().to_string(), None)))
            .filter(|(_, (n, _))| !n.is_empty())
            .collect()
    };
    dedupe(list)
}

/// The columns of a header, as an error names them: the first ten, each cut
/// to a sane length.
fn columns(fields: &[String]) -> String {
    let mut out: Vec<String> = fields
        .iter()
        .take(10)
        .map(|f| super::echo::echo(f).into_owned())
        .collect();
    if fields.len() > 10 {
        out.push(format!("and {} more", fields.len() - 10));
    }
    out.join(", ")
}

/// Where a column is, by name, ignoring case and spaces around it.
fn column(fields: &[String], name: &str) -> Option<usize> {
    fields.iter().position(|f| f.trim().to_lowercase() == name)
}

/// Each name with the line it is on.
fn from_csv(text: &str) -> Result<Vec<(usize, Signup)>, RosterError> {
    let mut rows = records(text)?
        .into_iter()
        .filter(|(_, fields)| fields.iter().any(|f| !f.trim().is_empty()));
    let Some((header_line, header)) = rows.next() else {
        return Ok(Vec::new());
    };
    let name = column(&header, "name").ok_or_else(|| error(header_line, "no \"name\" column"))?;
    if column(&header[name + 1..], "name").is_some() {
        return Err(error(header_line, "two columns are called \"name\""));
    }
    let pronouns = column(&header, "pronouns");
    let cell = |fields: &[String], i: usize| {
        fields
            .get(i)
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty())
    };
    Ok(rows
        .filter_map(|(line, fields)| {
            let name = cell(&fields, name)?;
            Some((line, (name, pronouns.and_then(|p| cell(&fields, p)))))
        })
        .collect())
}

/// Someone new, seated after everyone: refused for an empty name or one
/// already on the roster (in any spelling `name_key` folds together).
/// While anyone is marked here the newcomer counts as here too; with nobody
/// marked, rounds take everyone, and marking one newcomer would leave the
/// rest out.
pub fn newcomer(people: &People, name: &str) -> Result<Person, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("type a name".into());
    }
    if let Some(p) = people
        .all()
        .iter()
        .find(|p| name_key(&p.name) == name_key(name))
    {
        return Err(format!(
            "{} is already on the roster; add an initial to tell two apart",
            p.name
        ));
    }
    let mut person = Person::new(people.next_id(), name, people.next_seat());
    person.arrived = people.all().iter().any(|p| p.arrived);
    Ok(person)
}

/// The people a sign-up list adds, seated after everyone in list order,
/// and how many of its names were on the roster already (left as they are).
pub fn newcomers(people: &People, list: &[Signup]) -> (Vec<Person>, usize) {
    let (first_id, first_seat) = (people.next_id().0, people.next_seat());
    let known = |name: &str| {
        people
            .all()
            .iter()
            .any(|p| name_key(&p.name) == name_key(name))
    };
    let fresh: Vec<Person> = list
        .iter()
        .filter(|(name, _)| !known(name))
        .enumerate()
        .map(|(i, (name, pronouns))| {
            let i = i as u32;
            let mut p = Person::new(PersonId(first_id + i), name.clone(), first_seat + i);
            p.pronouns = pronouns.clone();
            p
        })
        .collect();
    let known = list.len() - fresh.len();
    (fresh, known)
}

/// The key two spellings of one name share: lower case, single spaces.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Drops repeated names; more than [`limits::ROSTER`] names is an error at
/// the line of the first one too many.
fn dedupe(list: Vec<(usize, Signup)>) -> Result<Vec<Signup>, RosterError> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (line, signup) in list {
        if !seen.insert(name_key(&signup.0)) {
            continue;
        }
        if out.len() == limits::ROSTER {
            return Err(error(
                line,
                format!(
                    "more than {} names: a list may hold at most {}",
                    limits::thousands(limits::ROSTER),
                    limits::thousands(limits::ROSTER)
                ),
            ));
        }
        out.push(signup);
    }
    Ok(out)
}

/// CSV records with the line each starts on. Quoted fields may hold commas,
/// doubled quotes and line breaks; CRLF line ends are fine.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, RosterError> {
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut line, mut start, mut opened) = (1, 1, 1);
    // Inside quotes; and whether the field's closing quote has been read.
    let (mut quoted, mut closed) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => (quoted, closed) = (false, true),
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if !closed && field.trim().is_empty() => {
                field.clear();
                (quoted, opened) = (true, line);
            }
            '"' => {
                return Err(error(
                    line,
                    "a quote inside a field; quote the whole field and double the quote (\"\")",
                ));
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                closed = false;
            }
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                out.push((start, std::mem::take(&mut fields)));
                closed = false;
                line += 1;
                start = line;
            }
            c if closed && c.is_whitespace() => {}
            _ if closed => return Err(error(line, "text after a closing quote")),
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(error(opened, "a quote opened here is never closed"));
    }
    if !field.is_empty() || !fields.is_empty() || closed {
        fields.push(field);
        out.push((start, fields));
    }
    Ok(out)
}

/// Seats signed-up people after those already on the roster, in list
/// order; a name already there (ignoring case and spacing) is left out.
pub fn append(roster: &mut Vec<Person>, list: &[Signup]) {
    // One pass to learn who is there and the next id and seat, so a list
    // of thousands is seated in linear time.
    let mut seated: std::collections::HashSet<String> =
        roster.iter().map(|p| name_key(&p.name)).collect();
    let next = |f: fn(&Person) -> u32| {
        roster
            .iter()
            .map(|p| f(p).saturating_add(1))
            .max()
            .unwrap_or(0)
    };
    let (mut id, mut seat) = (next(|p| p.id.0), next(|p| p.seat));
    for (name, pronouns) in list {
        if !seated.insert(name_key(name)) {
            continue;
        }
        let mut person = Person::new(PersonId(id), name.clone(), seat);
        person.pronouns = pronouns.clone();
        roster.push(person);
        id = id.saturating_add(1);
        seat = seat.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[Signup]) -> Vec<&str> {
        list.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn one_name_per_line() {
        let list = parse("\u{feff}Ana\r\n\r\n  Kim Ng  \n李雷\nana\n").unwrap();
        assert_eq!(names(&list), ["Ana", "Kim Ng", "李雷"]);
        assert!(list.iter().all(|(_, p)| p.is_none()));
        assert!(parse("").unwrap().is_empty());
        assert!(parse(" \n\n").unwrap().is_empty());
    }

    #[test]
    fn csv_with_name_and_pronouns_columns() {
        let text = "Email, NAME ,Pronouns\n\
                    a@x.org,\"Silva, Ana\",she/her\n\
                    \n\
                    k@x.org,Kim,\n\
                    ,,\n\
                    b@x.org,\"Bo \"\"Bear\"\" Li\",\"they/them\"\n\
                    c@x.org,silva,  ana,he\n\
                    d@x.org,\"Silva,  ANA\",x\n\
                    e@x.org\n";
        let list = parse(text).unwrap();
        assert_eq!(
            list,
            [
                ("Silva, Ana".into(), Some("she/her".into())),
                ("Kim".into(), None),
                ("Bo \"Bear\" Li".into(), Some("they/them".into())),
                ("silva".into(), Some("ana".into())),
            ]
        );
    }

    #[test]
    fn a_single_name_header_is_not_a_person() {
        assert_eq!(names(&parse("Name\nAna\nKim").unwrap()), ["Ana", "Kim"]);
    }

    #[test]
    fn quoted_fields_may_span_lines() {
        let text = "name,note\n\"Ana\",\"likes\nlong walks\"\nKim,\"a, b\"";
        assert_eq!(names(&parse(text).unwrap()), ["Ana", "Kim"]);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("\n\nemail,full name\na,b").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("no column is called \"name\""), "{e}");
        let e = parse("name\nAna\n\"Kim\nLee\n").unwrap_err();
        assert_eq!((e.line, e.to_string().contains("never closed")), (3, true));
        let e = parse("name,x\nAna,1\nKi\"m,2").unwrap_err();
        assert_eq!(e.line, 3);
        let e = parse("name,x\n\"Ana\" Silva,1").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(parse("name,Name\nA,B").unwrap_err().line, 1);
        // A plain list may hold quotes; only CSV reads them.
        assert_eq!(
            names(&parse("Ana \"Nana\" Silva\nKim").unwrap()),
            ["Ana \"Nana\" Silva", "Kim"]
        );
    }

    #[test]
    fn append_seats_after_the_plan_roster() {
        let mut roster = crate::core::person::roster_from_names(&["Ana", "Kim"]);
        append(
            &mut roster,
            &[
                ("Lee".into(), Some("he/him".into())),
                ("kim".into(), None),
                ("Mo".into(), None),
            ],
        );
        let got: Vec<(u32, &str, u32)> = roster
            .iter()
            .map(|p| (p.id.0, p.name.as_str(), p.seat))
            .collect();
        assert_eq!(
            got,
            [(0, "Ana", 0), (1, "Kim", 1), (2, "Lee", 2), (3, "Mo", 3)]
        );
        assert_eq!(roster[2].pronouns.as_deref(), Some("he/him"));
    }
}
